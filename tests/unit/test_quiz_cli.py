"""``study quiz`` and ``study bank list|review|export`` over a small ingested knowledge base."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.ingest.corpus import corpus_file
from service.quiz.parse import parse_xlsx

DANGZHANG = corpus_file("regulations/中国共产党章程_2017_zh.md")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("quiz-cli")
    (root / "corpus").mkdir()
    shutil.copy(DANGZHANG, root / "corpus" / DANGZHANG.name)
    mp = pytest.MonkeyPatch()
    mp.setenv("STUDY_EMBEDDING_BACKEND", "hash")
    result = CliRunner().invoke(
        app, ["ingest", str(root / "corpus"), "--data-dir", str(root / "data"), "--no-progress"]
    )
    mp.undo()
    assert result.exit_code == 0, result.output
    return root / "data"


@pytest.fixture(autouse=True)
def hash_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDY_EMBEDDING_BACKEND", "hash")


def test_quiz_save_review_export(data_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = [
        "quiz",
        "--data-dir",
        str(data_dir),
        "--locator",
        "第七条",
        "--count",
        "3",
        "--types",
        "blank,judge",
    ]
    shown = runner.invoke(app, [*args, "--seed", "1"])
    assert shown.exit_code == 0, shown.output
    assert "【填空题" in shown.output and "答案：" in shown.output and "共 3 题" in shown.output
    as_json = runner.invoke(app, [*args, "--seed", "1", "--json", "--save"])
    payload = json.loads(as_json.output)
    assert len(payload["items"]) == 3 and len(payload["bank"]["saved"]) == 3

    listed = json.loads(runner.invoke(app, ["bank", "list", "--data-dir", str(data_dir), "--json"]).output)
    first = listed[0]["item"]["id"]
    reviewed = runner.invoke(
        app, ["bank", "review", first, "--data-dir", str(data_dir), "--reviewer", "王老师"]
    )
    assert reviewed.exit_code == 0 and "已通过" in reviewed.output

    out = tmp_path / "bank.xlsx"
    aiken = runner.invoke(
        app, ["bank", "export", "--data-dir", str(data_dir), "--format", "aiken", "--out", str(out)]
    )
    # nothing the Aiken format can hold is approved: non-zero exit, and the reasons
    assert aiken.exit_code == 1 and "nothing_to_export" in aiken.output and "未通过审核" in aiken.output
    assert not out.exists()
    exported = runner.invoke(
        app, ["bank", "export", "--data-dir", str(data_dir), "--format", "xlsx", "--out", str(out)]
    )
    assert exported.exit_code == 0 and "已导出 1 题；跳过 2 题：未通过审核 2 题" in exported.output
    assert len(parse_xlsx(out.read_bytes())) == 1
    bulk = runner.invoke(app, ["bank", "review", "--data-dir", str(data_dir), "--approve-all"])
    assert bulk.exit_code == 0 and "已通过 2 题" in bulk.output
    rejected = runner.invoke(app, ["bank", "review", "--data-dir", str(data_dir), "--ids", first, "--reject"])
    assert rejected.exit_code == 0 and "已驳回 1 题" in rejected.output
    neither = runner.invoke(app, ["bank", "review", "--data-dir", str(data_dir)])
    assert neither.exit_code == 1 and "三者选一" in neither.output


def test_cli_errors_are_chinese(data_dir: Path) -> None:
    runner = CliRunner()
    bad_scope = runner.invoke(app, ["quiz", "--data-dir", str(data_dir), "--locator", "第九十九条"])
    assert bad_scope.exit_code == 1 and "quiz_scope_empty" in bad_scope.output
    bad_type = runner.invoke(app, ["quiz", "--data-dir", str(data_dir), "--types", "essay"])
    assert bad_type.exit_code == 1 and "题型只能是" in bad_type.output
    missing = runner.invoke(app, ["bank", "review", "q-none", "--data-dir", str(data_dir)])
    assert missing.exit_code == 1 and "bank_item_not_found" in missing.output
