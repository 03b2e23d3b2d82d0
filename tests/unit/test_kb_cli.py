"""`study ingest/search/docs/delete` end to end with the hash embedder (exit codes, Chinese output, JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STUDY_EMBEDDING_BACKEND", "hash")
    monkeypatch.chdir(tmp_path)  # no stray .env
    return tmp_path


def test_ingest_search_docs_delete(env: Path) -> None:
    corpus = env / "corpus"
    corpus.mkdir()
    (corpus / "rules.txt").write_text(
        "党支部工作条例\n第一条 为了加强党的建设，制定本条例。\n第二条 支部委员会每届任期三年。\n",
        encoding="utf-8",
    )
    data = ["--data-dir", str(env / "data")]
    runner = CliRunner()
    out = runner.invoke(app, ["ingest", str(corpus), "--no-progress", *data])
    assert out.exit_code == 0, out.output
    assert "新增 1 篇" in out.stdout

    out = runner.invoke(app, ["search", "支部委员会任期", "--json", "--top-k", "2", *data])
    hits = json.loads(out.stdout)["hits"]
    assert hits[0]["locator"] == "第二条"
    assert list(hits[0]) == ["doc_id", "title", "chunk_id", "locator", "text", "score"]

    out = runner.invoke(app, ["search", "第一条", *data])
    assert out.exit_code == 0 and "第一条" in out.stdout

    out = runner.invoke(app, ["docs", "--json", *data])
    doc_id = json.loads(out.stdout)[0]["doc_id"]
    out = runner.invoke(app, ["delete", doc_id, *data])
    assert out.exit_code == 0 and "已删除 1 篇" in out.stdout
    out = runner.invoke(app, ["delete", doc_id, *data])
    assert out.exit_code == 1 and "document_not_found" in out.stderr


def test_all_failed_exits_1_and_lists_reasons(env: Path) -> None:
    bad = env / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    out = CliRunner().invoke(app, ["ingest", str(bad), "--no-progress", "--data-dir", str(env / "data")])
    assert out.exit_code == 1
    assert "empty.txt" in out.stderr and "[empty_document]" in out.stderr


def test_search_without_index_and_bad_type(env: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["search", "党章", "--data-dir", str(env / "none")])
    assert out.exit_code == 2 and "index_not_ready" in out.stderr
    out = runner.invoke(app, ["search", "党章", "--doc-type", "poem", "--data-dir", str(env / "none")])
    assert out.exit_code == 1 and "invalid_input" in out.stderr


def test_cli_delete_removes_an_uploaded_source_like_the_api(env: Path) -> None:
    # Issue 10: `study delete` left the uploaded file behind, so the next upload (which syncs the whole
    # uploads dir) brought the document back. Deletion is one library function for CLI and API.
    from service.api.uploads import store_upload
    from service.backends.embedders import HashEmbedder
    from service.config import Settings
    from service.ingest.pipeline import ingest

    settings = Settings(_env_file=None, data_dir=env / "data", embedding_backend="hash")  # type: ignore[call-arg]
    kept_file = env / "corpus" / "kept.txt"
    kept_file.parent.mkdir()
    kept_file.write_text("保留的文件\n\n第一段 内容。\n", encoding="utf-8")
    ingest([kept_file.parent], settings, HashEmbedder(), progress=False)
    uploaded = store_upload(settings.uploads_dir, "上传心得.txt", "上传心得\n\n坚持学习党的理论。\n".encode())
    report = ingest([settings.uploads_dir], settings, HashEmbedder(), progress=False)
    (new_id,) = report.added
    data = ["--data-dir", str(settings.data_dir)]
    out = CliRunner().invoke(app, ["delete", new_id, *data])
    assert out.exit_code == 0, out.output
    assert not uploaded.exists()
    out = CliRunner().invoke(app, ["docs", "--json", *data])
    (kept,) = json.loads(out.stdout)
    out = CliRunner().invoke(app, ["delete", kept["doc_id"], *data])
    assert out.exit_code == 0
    assert kept_file.exists()  # files outside the uploads dir are never touched
    report = ingest([settings.uploads_dir], settings, HashEmbedder(), progress=False)
    assert new_id not in report.added
