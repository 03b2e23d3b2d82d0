"""``study hittest | feedback | curated | usage | logs purge``: the console's library calls from a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.backends.embedders import HashEmbedder
from service.cli import app
from service.config import Settings
from service.container import build_container
from service.ingest.pipeline import ingest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STUDY_EMBEDDING_BACKEND", "hash")
    monkeypatch.chdir(tmp_path)  # no developer .env
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "支部学习制度.txt").write_text(
        "支部学习制度\n\n第一条 党支部每月至少组织一次集中学习。\n\n第二条 学习内容包括党章党规。\n",
        encoding="utf-8",
    )
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    ingest([kb], settings, HashEmbedder(), progress=False)
    return settings.data_dir


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_hittest_feedback_curated_usage_and_purge(data_dir: Path) -> None:
    d = ["--data-dir", str(data_dir)]
    out = json.loads(run("hittest", "支部学习制度第一条", "--json", *d))
    assert [h["locator"] for h in out["lookup"]] == ["第一条"] and out["refusal"]["reason"] == "article"
    assert "决策：作答（article）" in run("hittest", "支部学习制度第一条", *d)

    settings = Settings(_env_file=None, data_dir=data_dir, embedding_backend="hash")  # type: ignore[call-arg]
    container = build_container(settings)
    answer = container.answerer.ask("党支部多久学习一次？")
    from service.store.feedback import FeedbackStore

    fid = FeedbackStore(container.db).record(answer.answer_id or "", "down", "答案错误", "不对")
    listed = json.loads(run("feedback", "list", "--open", "--json", *d))
    assert listed["total"] == 1 and listed["items"][0]["comment"] == "不对"
    chunk = container.index_manager.current().chunks("支部学习制度")[0].chunk_id
    assert "已创建标注回复" in run(
        "curated", "add", "--question", "党支部多久学习一次？", "--chunk", chunk, "--feedback", fid, *d
    )
    assert json.loads(run("feedback", "list", "--open", "--json", *d))["total"] == 0
    assert "生效中  党支部多久学习一次？" in run("curated", "list", *d)
    assert json.loads(run("usage", "--json", *d))["questions"] == 1
    assert "删除 0 条回答" in run("logs", "purge", *d)
    bad = CliRunner().invoke(app, ["feedback", "list", "--since", "昨天", *d])
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output
