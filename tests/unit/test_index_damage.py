"""A damaged index generation never crashes the service and is never served (issue 13, item 3).

Each file of the current generation is truncated, emptied and deleted in turn (plus the issue's two worst
cases: ``chunks.jsonl`` cut at a line boundary, which used to be served as "ready" with wrong answers, and
the Chroma collection gone). Every time: opening does not raise anything but ``IndexDamaged``, the app
starts, ``/readyz`` is 503 with the reason, searches are answered from the last good generation (or are a
clean 503 when there is none), ``study doctor`` says so, and one ``study ingest`` restores a healthy index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.api.app import create_app
from service.backends.embedders import HashEmbedder
from service.cli import app as cli
from service.config import Settings
from service.container import build_container
from service.errors import IndexDamaged
from service.index.generations import IndexManager, list_generations, read_current
from service.ingest.pipeline import ingest

FILES = ["chunks.jsonl", "docs.json", "texts.jsonl", "bm25.npz", "bm25.json", "meta.json"]
OLD_TEXT = "# 学习制度\n\n第一条 支部每月组织一次集中学习。\n\n第二条 学习内容包括党章和党规。\n"
NEW_TEXT = "# 学习制度\n\n第一条 支部每季度组织一次专题研讨。\n\n第二条 学习内容包括党章和党规。\n"


def _corpus(root: Path, text: str) -> Path:
    corpus = root / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "学习制度.md").write_text(text, encoding="utf-8")
    (corpus / "会议制度.md").write_text(
        "# 会议制度\n\n第一条 支部党员大会每季度召开一次。\n\n第二条 支委会每月召开一次。\n", encoding="utf-8"
    )
    return corpus


def _two_generations(settings: Settings, tmp_path: Path) -> tuple[Path, str, str]:
    """An old good generation ("每月") and a current one ("每季度"); returns (corpus, old, current)."""
    corpus = _corpus(tmp_path, OLD_TEXT)
    old = ingest([corpus], settings, HashEmbedder(), progress=False).generation
    _corpus(tmp_path, NEW_TEXT)
    current = ingest([corpus], settings, HashEmbedder(), progress=False).generation
    assert old and current and old != current
    return corpus, old, current


def _damage(gen_dir: Path, name: str, how: str) -> None:
    path = gen_dir / name
    if how == "deleted":
        path.unlink()
    elif how == "emptied":
        path.write_bytes(b"")
    elif how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif how == "last-line-cut":  # a clean cut at a line boundary: every remaining line is valid JSON
        lines = path.read_bytes().splitlines(keepends=True)
        path.write_bytes(b"".join(lines[:-1]))
    else:  # pragma: no cover
        raise AssertionError(how)


def _search_texts(c: TestClient) -> str:
    resp = c.post("/v1/search", json={"query": "支部多久组织一次集中学习", "top_k": 5})
    assert resp.status_code == 200, resp.text
    return "".join(h["text"] for h in resp.json()["hits"])


def _doctor(settings: Settings) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["doctor", "--data-dir", str(settings.data_dir)])
    return res.exit_code, res.output


CASES = [(f, how) for f in FILES for how in ("truncated", "emptied", "deleted")] + [
    ("chunks.jsonl", "last-line-cut"),
    ("texts.jsonl", "last-line-cut"),
]


@pytest.mark.parametrize(("name", "how"), CASES)
def test_damaged_current_generation_falls_back_and_one_ingest_restores(
    hash_settings: Settings, tmp_path: Path, name: str, how: str
) -> None:
    corpus, old, current = _two_generations(hash_settings, tmp_path)
    _damage(hash_settings.index_root / current, name, how)

    # a restarted server: starts, reports the damage, answers from the last good generation only
    container = build_container(hash_settings, embedder_override=HashEmbedder())
    with TestClient(create_app(hash_settings, container)) as c:
        ready = c.get("/readyz")
        assert ready.status_code == 503, ready.text
        assert ready.json()["error"]["code"] == "index_damaged"
        assert current in ready.json()["error"]["message"]
        texts = _search_texts(c)
        assert "每月组织一次集中学习" in texts and "专题研讨" not in texts
    assert container.index_manager.current().generation == old
    code, out = _doctor(hash_settings)
    assert code == 1 and "损坏" in out and "study ingest" in out

    # one ingest replaces the damaged generation, even though nothing changed in the corpus
    report = ingest([corpus], hash_settings, HashEmbedder(), progress=False)
    assert report.changed and report.generation not in (old, current)
    assert current not in list_generations(hash_settings.index_root)
    with TestClient(create_app(hash_settings, build_container(hash_settings))) as c:
        assert c.get("/readyz").status_code == 200
        assert "每季度组织一次专题研讨" in _search_texts(c)
    assert _doctor(hash_settings)[0] == 0


@pytest.mark.parametrize("name", ["chunks.jsonl", "docs.json", "bm25.npz"])
def test_no_good_generation_left_is_a_clean_503_and_rebuild_restores(
    hash_settings: Settings, tmp_path: Path, name: str
) -> None:
    corpus, old, current = _two_generations(hash_settings, tmp_path)
    shutil.rmtree(hash_settings.index_root / old)
    _damage(hash_settings.index_root / current, name, "emptied")
    manager = IndexManager(hash_settings, HashEmbedder())
    with pytest.raises(IndexDamaged):
        manager.current()
    assert not manager.ready()
    with TestClient(create_app(hash_settings, build_container(hash_settings))) as c:  # no crash at start-up
        resp = c.post("/v1/search", json={"query": "集中学习"})
        assert resp.status_code == 503 and resp.json()["error"]["code"] == "index_damaged"
        assert c.post("/v1/ask", json={"question": "支部多久学习一次"}).status_code == 503
        assert c.get("/readyz").json()["error"]["code"] == "index_damaged"
    report = ingest([corpus], hash_settings, HashEmbedder(), progress=False, rebuild=True)
    assert report.changed and report.n_docs == 2
    assert read_current(hash_settings.index_root) == report.generation
    assert IndexManager(hash_settings, HashEmbedder()).ready()


def test_current_pointing_at_a_missing_generation(hash_settings: Settings, tmp_path: Path) -> None:
    corpus, old, current = _two_generations(hash_settings, tmp_path)
    shutil.rmtree(hash_settings.index_root / current)
    manager = IndexManager(hash_settings, HashEmbedder())
    assert manager.current().generation == old and manager.damage and current in manager.damage
    report = ingest([corpus], hash_settings, HashEmbedder(), progress=False)
    assert report.changed and IndexManager(hash_settings, HashEmbedder()).ready()


def test_missing_vectors_are_damage_and_readyz_touches_the_store(
    hash_settings: Settings, tmp_path: Path
) -> None:
    from service.backends.vectorstore import drop_collection

    corpus, old, current = _two_generations(hash_settings, tmp_path)
    drop_collection(hash_settings, current)
    manager = IndexManager(hash_settings, HashEmbedder())
    assert manager.current().generation == old
    assert manager.damage is not None
    with TestClient(create_app(hash_settings, build_container(hash_settings))) as c:
        assert c.get("/readyz").status_code == 503
    report = ingest([corpus], hash_settings, HashEmbedder(), progress=False)
    assert report.changed
    with TestClient(create_app(hash_settings, build_container(hash_settings))) as c:
        body = c.get("/readyz").json()
        assert body["status"] == "ready" and body["generation"] == report.generation


def test_chroma_directory_deleted(hash_settings: Settings, tmp_path: Path) -> None:
    """The issue's case: with the Chroma directory gone, /readyz said ready while every query was 503."""
    from service.backends.vectorstore import chroma_path

    corpus, _, _ = _two_generations(hash_settings, tmp_path)
    shutil.rmtree(chroma_path(hash_settings))
    with TestClient(create_app(hash_settings, build_container(hash_settings))) as c:
        ready = c.get("/readyz")
        assert ready.status_code == 503, ready.text
        assert c.post("/v1/search", json={"query": "集中学习"}).status_code == 503
    code, out = _doctor(hash_settings)
    assert code == 1 and "缺少集合" in out
    report = ingest([corpus], hash_settings, HashEmbedder(), progress=False)
    assert report.changed
    with TestClient(create_app(hash_settings, build_container(hash_settings))) as c:
        assert c.get("/readyz").status_code == 200
        assert "专题研讨" in _search_texts(c)
