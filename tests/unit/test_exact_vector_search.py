"""Exact in-memory search over a generation's Chroma collection (issue 17): the same neighbours as Chroma,
filters on both metadata fields, ties ordered by id, and a larger collection still served by HNSW."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from service.backends import vectorstore
from service.backends.embedders import HashEmbedder
from service.backends.vectorstore import open_vector_stores
from service.config import Settings
from service.schemas import SearchFilters

TEXTS = [f"党员{i}号条文：第{i}条 关于{'纪律' if i % 2 else '组织'}的规定" for i in range(60)]


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    s = open_vector_stores(settings).open("gen-test", create=True)
    vecs = HashEmbedder().embed_documents(TEXTS)
    metas = [{"doc_id": f"doc-{i % 5}", "doc_type": "regulation" if i % 3 else "theory"} for i in range(60)]
    s.add([f"c{i:02d}" for i in range(60)], vecs, metas)
    return s


def test_exact_results_are_the_true_neighbours(store) -> None:  # type: ignore[no-untyped-def]
    q = HashEmbedder().embed_query("党员纪律的规定")
    exact = store.query(q, 10)
    brute = HashEmbedder().embed_documents(TEXTS) @ q
    expected = sorted(range(60), key=lambda i: (-round(float(brute[i]), 5), f"c{i:02d}"))[:10]
    assert [i for i, _ in exact] == [f"c{i:02d}" for i in expected]
    assert np.allclose([s for _, s in exact], brute[expected], atol=1e-5)
    # never worse than Chroma's approximate answer
    chroma = store._collection.query(query_embeddings=q.reshape(1, -1), n_results=10, include=["distances"])
    approx = sorted((1 - d for d in chroma["distances"][0]), reverse=True)
    assert all(e >= a - 1e-5 for (_, e), a in zip(exact, approx, strict=True))


def test_filters_on_doc_ids_and_types(store) -> None:  # type: ignore[no-untyped-def]
    q = HashEmbedder().embed_query("组织")
    hits = store.query(q, 100, SearchFilters(doc_ids=["doc-1", "doc-2"], doc_types=["theory"]))
    ids = {int(i[1:]) for i, _ in hits}
    assert ids == {i for i in range(60) if i % 5 in (1, 2) and i % 3 == 0}
    assert store.query(q, 5, SearchFilters(doc_ids=["nope"])) == []


def test_ties_are_ordered_by_id(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    s = open_vector_stores(settings).open("gen-ties", create=True)
    v = HashEmbedder().embed_documents(["同一段文字"] * 5)
    s.add(["c3", "c1", "c4", "c0", "c2"], v, [{"doc_id": "d"}] * 5)
    assert [i for i, _ in s.query(v[0], 3)] == ["c0", "c1", "c2"]


def test_large_collections_use_chroma(store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(vectorstore, "EXACT_MAX_ROWS", 10)
    q = HashEmbedder().embed_query("党员纪律的规定")
    hits = store.query(q, 10)
    assert store._exact is None and len(hits) == 10
