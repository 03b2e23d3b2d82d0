"""Query-embedding cache: repeated questions cost one model call, concurrent ones too; models never mix."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from fakes import CountingEmbedder
from kb_samples import build_sample_index

from service.backends.base import Vector
from service.backends.embedders import HashEmbedder
from service.backends.query_cache import CachedQueryEmbedder
from service.config import Settings
from service.container import build_container


def test_repeated_question_is_embedded_once_and_vectors_are_identical() -> None:
    inner = CountingEmbedder()
    cached = CachedQueryEmbedder(inner, max_entries=8)
    first = cached.embed_query("预备党员的预备期是多长时间")
    second = cached.embed_query("预备党员的预备期是多长时间")
    assert inner.calls == ["预备党员的预备期是多长时间"]
    assert np.array_equal(first, second)
    assert np.array_equal(first, HashEmbedder().embed_query("预备党员的预备期是多长时间"))
    assert (cached.stats().hits, cached.stats().misses) == (1, 1)
    with pytest.raises(ValueError):
        first[0] = 1.0  # shared cached vectors are read-only


def test_cache_is_bounded_lru() -> None:
    inner = CountingEmbedder()
    cached = CachedQueryEmbedder(inner, max_entries=2)
    for q in ("甲", "乙", "甲", "丙"):  # 乙 is the least recently used when 丙 arrives
        cached.embed_query(q)
    assert len(cached) == 2
    cached.embed_query("甲")
    cached.embed_query("乙")
    assert inner.calls == ["甲", "乙", "丙", "乙"]


def test_size_zero_disables_the_cache() -> None:
    inner = CountingEmbedder()
    cached = CachedQueryEmbedder(inner, max_entries=0)
    cached.embed_query("党员有哪些权利")
    cached.embed_query("党员有哪些权利")
    assert len(inner.calls) == 2 and len(cached) == 0


def test_concurrent_identical_questions_share_one_model_call() -> None:
    inner = CountingEmbedder(delay_s=0.2)
    cached = CachedQueryEmbedder(inner, max_entries=8)
    results: list[Vector] = []
    threads = [
        threading.Thread(target=lambda: results.append(cached.embed_query("三会一课"))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert inner.calls == ["三会一课"]
    assert len(results) == 8 and all(np.array_equal(r, results[0]) for r in results)


def test_a_failed_call_raises_for_every_waiter_and_is_not_cached() -> None:
    inner = CountingEmbedder(delay_s=0.1, fail=True)
    cached = CachedQueryEmbedder(inner, max_entries=8)
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            cached.embed_query("问题")
        except RuntimeError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 4 and len(inner.calls) == 1
    inner.fail = False
    cached.embed_query("问题")  # the next request tries again
    assert len(inner.calls) == 2 and len(cached) == 1


def test_models_never_share_entries() -> None:
    a = CachedQueryEmbedder(CountingEmbedder(name="model-a"), max_entries=8)
    b_inner = CountingEmbedder(name="model-b")
    b = CachedQueryEmbedder(b_inner, max_entries=8)
    a.embed_query("党章")
    b.embed_query("党章")
    assert b_inner.calls == ["党章"]
    assert a.name == "model-a" and b.name == "model-b"


def test_container_retriever_uses_the_cache(hash_settings: Settings) -> None:
    build_sample_index(hash_settings)
    container = build_container(hash_settings)
    first = container.retriever.search("兩個維護是什麼", top_k=3)
    again = container.retriever.search("兩個維護是什麼", top_k=3)
    assert [h.chunk_id for h in first] == [h.chunk_id for h in again]
    cache = container.query_embedder
    assert isinstance(cache, CachedQueryEmbedder)
    assert (cache.stats().misses, cache.stats().hits) == (1, 1)
    # the traditional and the simplified question share one entry (keys are the normalised query)
    container.retriever.search("两个维护是什么", top_k=3)
    assert (cache.stats().misses, cache.stats().hits) == (1, 2)


def test_container_cache_stats_read_only_what_was_built(hash_settings: Settings) -> None:
    """``Container.cache_stats`` (what /metrics scrapes) builds nothing: before any search it is empty and no
    retriever or answerer exists; after one search it reports the query-embedding cache."""
    build_sample_index(hash_settings)
    container = build_container(hash_settings)
    assert container.cache_stats() == {}
    assert "query_embedder" not in vars(container) and "answerer" not in vars(container)
    container.retriever.search("两个维护是什么", top_k=3)
    stats = container.cache_stats()
    assert set(stats) == {"query_embedding"}
    assert (stats["query_embedding"].misses, stats["query_embedding"].entries) == (1, 1)
