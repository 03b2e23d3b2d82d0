"""Index generations: complete snapshots, atomic CURRENT swap, crash safety, cleanup, reopening."""

from __future__ import annotations

import pytest
from kb_samples import build_sample_index, paragraph_doc, sample_corpus

from service.backends.embedders import HashEmbedder
from service.backends.vectorstore import list_collections
from service.config import Settings
from service.errors import ChunkNotFound, DocumentNotFound, IndexNotReady
from service.index import generations, lifecycle
from service.index.generations import IndexManager, list_generations, read_current
from service.ingest.pipeline import index_chunks


def test_generation_contents(hash_settings: Settings) -> None:
    report = build_sample_index(hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    assert index.generation == report.generation == read_current(hash_settings.index_root)
    assert [d.doc_id for d in index.documents()][:2] == ["cpc-constitution-2017", "constitution"]
    parts = index.chunks("cpc-constitution-2017")
    assert [c.chunk_id for c in parts[:2]] == ["cpc-constitution-2017#a10-p1", "cpc-constitution-2017#a10-p2"]
    assert index.chunk("constitution#a1-p1").article_no == 1
    assert "第十条" in index.document_text("cpc-constitution-2017")
    assert index.document("theory-1").n_chunks == 3
    assert index.vectors.count() == len(index) == report.n_chunks
    assert index.meta.embedder == HashEmbedder().name
    with pytest.raises(DocumentNotFound):
        index.document("nope")
    with pytest.raises(ChunkNotFound):
        index.chunk("nope#1")


def test_not_ready_before_first_ingest(hash_settings: Settings) -> None:
    manager = IndexManager(hash_settings, HashEmbedder())
    assert not manager.ready()
    with pytest.raises(IndexNotReady):
        manager.current()


def test_swap_is_seen_by_an_open_manager_and_old_generations_are_pruned(hash_settings: Settings) -> None:
    manager = IndexManager(hash_settings, HashEmbedder())
    first = build_sample_index(hash_settings).generation
    held = manager.current()
    assert held.generation == first
    second = index_chunks([paragraph_doc("only", "唯一文档", ["新的内容。"])], hash_settings, HashEmbedder())
    now = manager.current()
    assert now.generation == second.generation != first
    assert [d.doc_id for d in now.documents()] == ["only"]
    # The object a reader already holds stays a complete, consistent old snapshot.
    assert held.chunk("constitution#a1-p1").doc_id == "constitution"
    third = build_sample_index(hash_settings).generation
    gens = list_generations(hash_settings.index_root)
    assert gens == sorted([second.generation, third])  # newest + previous kept, first removed
    assert first not in list_collections(hash_settings)


def test_failure_before_swap_keeps_the_old_index(
    hash_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_sample_index(hash_settings).generation
    manager = IndexManager(hash_settings, HashEmbedder())

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(lifecycle, "finish_generation", boom)
    with pytest.raises(RuntimeError):
        index_chunks([paragraph_doc("x", "X", ["内容"])], hash_settings, HashEmbedder())
    assert read_current(hash_settings.index_root) == first
    assert manager.current().generation == first
    assert list_generations(hash_settings.index_root) == [first]  # the half-written one was removed


def test_killed_ingest_leftovers_are_cleaned_by_the_next(
    hash_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_sample_index(hash_settings).generation
    # Simulate kill -9 after the collection and files were written: no cleanup code gets to run.
    monkeypatch.setattr(
        lifecycle, "finish_generation", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt())
    )
    monkeypatch.setattr(lifecycle.shutil, "rmtree", lambda *a, **k: None)
    monkeypatch.setattr("service.backends.vectorstore.drop_collection", lambda *a, **k: None)
    with pytest.raises(KeyboardInterrupt):
        index_chunks(sample_corpus(), hash_settings, HashEmbedder())
    monkeypatch.undo()
    leftovers = [g for g in list_generations(hash_settings.index_root) if g != first]
    assert len(leftovers) == 1 and not generations.is_complete(hash_settings.index_root / leftovers[0])
    assert IndexManager(hash_settings, HashEmbedder()).current().generation == first
    third = build_sample_index(hash_settings).generation
    assert list_generations(hash_settings.index_root) == sorted([first, third])
    assert leftovers[0] not in list_collections(hash_settings)


def test_index_from_another_embedder_is_refused(hash_settings: Settings) -> None:
    build_sample_index(hash_settings)
    with pytest.raises(IndexNotReady) as err:
        IndexManager(hash_settings, HashEmbedder(dim=64)).current()
    assert "重新导入" in err.value.message


def test_current_pointer_write_is_atomic(hash_settings: Settings) -> None:
    root = hash_settings.index_root
    root.mkdir(parents=True)
    generations.write_current(root, "gen-a")
    generations.write_current(root, "gen-b")
    assert read_current(root) == "gen-b"
    assert [p.name for p in root.iterdir()] == ["CURRENT"]  # no temp files left behind


def test_filter_mask_keeps_exactly_the_rows_of_the_named_documents_and_types(hash_settings: Settings) -> None:
    from service.schemas import SearchFilters

    build_sample_index(hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    chunks = index.chunks()
    assert index.filter_mask(None) is None and index.filter_mask(SearchFilters()) is None
    cases = [
        SearchFilters(doc_ids=["constitution"]),
        SearchFilters(doc_ids=["constitution", "theory-1", "no-such-doc"]),
        SearchFilters(doc_types=["regulation"]),
        SearchFilters(doc_ids=["constitution", "theory-1"], doc_types=["theory"]),
        SearchFilters(doc_ids=["no-such-doc"]),
    ]
    for filters in cases:
        mask = index.filter_mask(filters)
        assert mask is not None and mask.dtype == bool and len(mask) == len(chunks)
        expected = [
            (not filters.doc_ids or c.doc_id in filters.doc_ids)
            and (not filters.doc_types or c.doc_type in filters.doc_types)
            for c in chunks
        ]
        assert mask.tolist() == expected, filters
    assert index.filter_mask(cases[0]).sum() == sum(c.doc_id == "constitution" for c in chunks) > 0


def test_works_of_shares_one_model_per_documents_list(hash_settings: Settings) -> None:
    from service.versions.model import Works, works_of

    build_sample_index(hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    first = works_of(index.documents())
    assert works_of(index.documents()) is first  # a new list of the same documents: the same model
    assert set(first.by_id) == {d.doc_id for d in index.documents()}
    assert first.by_id.keys() == Works(index.documents()).by_id.keys()
    fewer = works_of(index.documents()[1:])
    assert fewer is not first and set(fewer.by_id) == {d.doc_id for d in index.documents()[1:]}
