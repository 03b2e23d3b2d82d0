"""The per-file ingest report: detected type, structure, removed furniture and warnings, in the CLI too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from doc_fixtures import FIXTURES
from typer.testing import CliRunner

from service.cli import app
from service.ingest.loaders import load_paths
from service.ingest.report import file_report
from service.text.split import split_document


def _report(path: Path):  # type: ignore[no-untyped-def]
    result = load_paths([path])
    doc = result.docs[0]
    return file_report(doc, split_document(doc), result.notes[doc.doc_id])


def test_regulation_named_file_without_articles_warns(tmp_path: Path) -> None:
    path = tmp_path / "青岚市网格管理办法.txt"
    path.write_text(
        "青岚市网格管理办法\n\n网格员每周走访住户一遍。\n\n发现问题及时上报。\n", encoding="utf-8"
    )
    report = _report(path)
    assert report.structure.articles == 0 and report.structure.paragraphs == 3
    assert [w.code for w in report.warnings] == ["no_structure"]


def test_numbering_gap_warns(tmp_path: Path) -> None:
    path = tmp_path / "rules.txt"
    path.write_text("支部工作规则\n第一条　总则。\n第二条　任务。\n第四条　施行。\n", encoding="utf-8")
    report = _report(path)
    assert report.structure.articles == 3
    assert [(w.code, w.message) for w in report.warnings] == [
        ("numbering_gap", "条文编号不连续：第二条之后是第四条，可能有编号丢失。")
    ]


def test_cli_prints_the_report_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDY_EMBEDDING_BACKEND", "hash")
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES, corpus)
    data = ["--data-dir", str(tmp_path / "data")]
    out = CliRunner().invoke(app, ["ingest", str(corpus), "--no-progress", *data])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert "文件读取报告：" in lines
    pdf_line = next(ln for ln in lines if "社区志愿服务条例_页眉页脚.pdf" in ln)
    assert "[pdf] 3章、13条、12项，13 个片段" in pdf_line and "页眉 3" in pdf_line and "页码 3" in pdf_line
    docx_line = next(ln for ln in lines if "楼道管理办法_自动编号.docx" in ln)
    assert "[docx] 3章、6条、4项" in docx_line

    out = CliRunner().invoke(app, ["ingest", str(corpus), "--no-progress", "--json", *data])
    files = {Path(f["path"]).name: f for f in json.loads(out.stdout)["files"]}
    html = files["让小网格释放大能量.html"]
    assert html["format"] == "html" and html["title"] == "让“小网格”释放“大能量”"
    assert files["楼院自治公约_无空格.txt"]["structure"]["articles"] == 5


def test_outline_document_named_like_a_regulation_does_not_warn(tmp_path: Path) -> None:
    path = tmp_path / "关于党内政治生活的若干准则.txt"
    path.write_text(
        "关于党内政治生活的若干准则\n\n一、坚定理想信念\n\n全党必须坚定理想信念。\n\n二、坚持党的基本路线\n\n坚持基本路线不动摇。\n",
        encoding="utf-8",
    )
    report = _report(path)
    assert report.structure.outline == 2 and report.warnings == []
