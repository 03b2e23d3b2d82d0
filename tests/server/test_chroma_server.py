"""The retrieval suite against a real Chroma server (``chroma run`` on loopback), i.e. the scale-out mode.

``STUDY_CHROMA_HOST`` switches every generation's vectors to the server. The unit retrieval tests are
re-run here unchanged with ``hash_settings`` pointing at the server (the fixture below overrides the
conftest one), plus checks for what only matters with a server: two replicas sharing one data dir and one
Chroma server, a server restart, backup/restore, and the same ranking as the embedded mode.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from procs import chroma_server

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.container import build_container
from service.ingest.pipeline import ingest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_retrieve import (  # the unit suite, collected again here against the server
    retriever,
    test_article_reference_returns_the_article_first,
    test_every_fusion_mode_ranks_the_obvious_answer_first,
    test_filters_apply_to_both_legs,
    test_parts_of_one_article_are_deduplicated,
    test_search_legs_shape,
    test_traditional_query_finds_simplified_text,
)

pytestmark = pytest.mark.server

__all__ = [
    "retriever",
    "test_article_reference_returns_the_article_first",
    "test_every_fusion_mode_ranks_the_obvious_answer_first",
    "test_filters_apply_to_both_legs",
    "test_parts_of_one_article_are_deduplicated",
    "test_search_legs_shape",
    "test_traditional_query_finds_simplified_text",
]


@pytest.fixture(scope="module")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as port:
        yield port


@pytest.fixture
def hash_settings(tmp_path: Path, chroma_port: int) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        embedding_backend="hash",
        chroma_host="127.0.0.1",
        chroma_port=chroma_port,
    )


def write_kb(root: Path, n: int, tag: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"doc{i}.txt").write_text(
            f"学习材料{i}{tag}\n\n第一条 党员应当坚持学习第{i}号材料{tag}。\n\n第二条 党支部每月召开第{i}次组织生活会{tag}。\n",
            encoding="utf-8",
        )
    return root


def test_vectors_live_on_the_server(hash_settings: Settings, tmp_path: Path) -> None:
    from service.backends.vectorstore import list_collections

    report = ingest([write_kb(tmp_path / "kb", 5)], hash_settings, HashEmbedder(), progress=False)
    assert report.generation in list_collections(hash_settings)
    assert not (hash_settings.index_root / "chroma").exists()  # nothing embedded on disk
    index = build_container(hash_settings).index_manager.current()
    assert index.vectors.count() == report.n_chunks


def test_same_ranking_as_embedded_mode(hash_settings: Settings, tmp_path: Path) -> None:
    kb = write_kb(tmp_path / "kb", 12)
    local = Settings(_env_file=None, data_dir=tmp_path / "local", embedding_backend="hash")  # type: ignore[call-arg]
    ingest([kb], hash_settings, HashEmbedder(), progress=False)
    ingest([kb], local, HashEmbedder(), progress=False)
    for query in ["组织生活会", "党员学习第3号材料", "第二条"]:
        remote_hits = build_container(hash_settings).retriever.search(query, top_k=8)
        local_hits = build_container(local).retriever.search(query, top_k=8)
        assert [h.chunk_id for h in remote_hits] == [h.chunk_id for h in local_hits]


def test_two_replicas_share_server_and_data_dir(hash_settings: Settings, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    ingest([write_kb(kb, 4)], hash_settings, HashEmbedder(), progress=False)
    replica_a = build_container(hash_settings)
    replica_b = build_container(hash_settings.model_copy())
    assert {h.doc_id for h in replica_a.retriever.search("组织生活会", top_k=8)} <= {
        f"doc{i}" for i in range(4)
    }
    # an ingest run by an operator is picked up by both replicas without a restart
    write_kb(kb, 6, tag="（修订）")
    report = ingest([kb], hash_settings, HashEmbedder(), progress=False)
    assert report.changed
    for replica in (replica_a, replica_b):
        hits = replica.retriever.search("组织生活会 修订", top_k=6)
        assert hits and all("修订" in h.text for h in hits)
        assert replica.index_manager.current().generation == report.generation


def test_survives_chroma_server_restart(tmp_path: Path) -> None:
    from service.backends.vectorstore import forget_clients

    path = tmp_path / "chroma"
    kb = write_kb(tmp_path / "kb", 5)
    with chroma_server(path) as port:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path / "data",
            embedding_backend="hash",
            chroma_host="127.0.0.1",
            chroma_port=port,
        )
        ingest([kb], settings, HashEmbedder(), progress=False)
        before = [h.chunk_id for h in build_container(settings).retriever.search("组织生活会", top_k=5)]
    forget_clients()
    with chroma_server(path) as port:
        settings = settings.model_copy(update={"chroma_port": port})
        after = [h.chunk_id for h in build_container(settings).retriever.search("组织生活会", top_k=5)]
    forget_clients()
    assert before and before == after


def test_backup_and_restore_in_server_mode(hash_settings: Settings, tmp_path: Path) -> None:
    from service.backup import create_backup, restore_backup

    ingest([write_kb(tmp_path / "kb", 5)], hash_settings, HashEmbedder(), progress=False)
    archive = tmp_path / "server.tar.gz"
    report = create_backup(hash_settings, archive)
    assert report.vectors > 0
    # restore into a fresh data dir backed by the embedded store: the backup is portable
    target = Settings(_env_file=None, data_dir=tmp_path / "restored", embedding_backend="hash")  # type: ignore[call-arg]
    restore_backup(target, archive)
    a = [h.chunk_id for h in build_container(hash_settings).retriever.search("组织生活会", top_k=5)]
    b = [h.chunk_id for h in build_container(target).retriever.search("组织生活会", top_k=5)]
    assert a and a == b
