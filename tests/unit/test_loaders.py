"""Loaders: formats, encodings, manifest, and one clear failure per bad file without stopping the batch."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from doc_fixtures import layout_pdf

from service.config import REPO_ROOT, Settings
from service.errors import (
    BinaryFile,
    CorruptFile,
    EmptyDocument,
    FileTooLarge,
    InvalidRecord,
    UnsupportedFormat,
)
from service.ingest.corpus import corpus_file, load_knowledge, plan_ingest
from service.ingest.encoding import decode_bytes
from service.ingest.loaders import LoadResult, load_paths, strip_markdown
from service.ingest.manifest import CorpusCatalog

ARTICLE = (
    "第一条　年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，可以申请加入中国共产党。"
)
ARTICLE_TRAD = (
    "第一條　年滿十八歲的中國工人、農民、軍人、知識分子和其他社會階層的先進分子，可以申請加入中國共產黨。"
)


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with extractable CJK text (``doc_fixtures.layout_pdf``), one line per 14 pt."""
    return layout_pdf([[(72.0, 82.0 + 14 * i, line) for i, line in enumerate(lines)]])


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _one(result: LoadResult) -> str:
    assert not result.failures, result.failures
    assert len(result.docs) == 1
    return result.docs[0].text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("gbk", ARTICLE),
        ("gb18030", ARTICLE),
        ("big5", ARTICLE_TRAD),
        ("utf-8", ARTICLE),
        ("utf-8-sig", ARTICLE),
    ],
)
def test_encodings_decode(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert _one(load_paths([path])) == text


def test_short_gbk_and_big5_strings() -> None:
    for text in ("党员", "两个维护", "支部委员会"):
        assert decode_bytes(text.encode("gbk")) == text
    for text in ("黨員", "兩個維護", "臺灣"):
        assert decode_bytes(text.encode("big5")) == text


def test_binary_refused() -> None:
    with pytest.raises(BinaryFile):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_mixed_batch_reports_each_failure_and_loads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage without xref\n")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02\x03binary\xff\xfe" * 20)
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "notes.rtf").write_text("{\\rtf1 hello}", encoding="ascii")
    result = load_paths([tmp_path])
    codes = {Path(f.path).name: f.code for f in result.failures}
    assert codes == {
        "empty.txt": EmptyDocument.code,
        "blank.md": EmptyDocument.code,
        "broken.pdf": CorruptFile.code,
        "image.txt": BinaryFile.code,
        "table.xlsx": UnsupportedFormat.code,
        "notes.rtf": UnsupportedFormat.code,
    }
    assert all(f.message and not f.message.isascii() for f in result.failures)  # Chinese messages
    assert [d.text for d in result.docs] == [ARTICLE]
    assert result.docs[0].doc_id == "gbk"


def test_binary_with_unknown_extension_is_binary(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\x00\x00\x10\x20" * 100)
    result = load_paths([tmp_path / "blob.bin"])
    assert [f.code for f in result.failures] == [BinaryFile.code]


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("党" * 2000, encoding="utf-8")
    result = load_paths([path], max_bytes=1000)
    assert [f.code for f in result.failures] == [FileTooLarge.code]
    assert not result.docs


def test_missing_path(tmp_path: Path) -> None:
    result = load_paths([tmp_path / "nope"])
    assert [f.code for f in result.failures] == ["not_found"]


def test_pdf_text_extracted(tmp_path: Path) -> None:
    path = tmp_path / "rules.pdf"
    path.write_bytes(make_pdf(["第一条　党员必须履行义务。", "第二条　党员享有权利。"]))
    result = load_paths([path])
    doc = result.docs[0]
    assert not result.failures
    assert "第一条　党员必须履行义务。" in doc.text and "第二条　党员享有权利。" in doc.text
    assert doc.doc_type == "regulation"
    assert doc.metadata["format"] == "pdf"


def test_pdf_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    assert [f.code for f in load_paths([path]).failures] == [EmptyDocument.code]


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(
        make_docx(["关于开展主题党日活动的通知", "各党支部：请按时组织三会一课。"], [["时间", "每月一次"]])
    )
    doc = load_paths([path]).docs[0]
    assert doc.title == "关于开展主题党日活动的通知"
    assert doc.text == "关于开展主题党日活动的通知\n\n各党支部：请按时组织三会一课。\n\n时间 每月一次"


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    assert [f.code for f in load_paths([path]).failures] == [CorruptFile.code]


def test_html_boilerplate_dropped(tmp_path: Path) -> None:
    html = """<html><head><meta charset="gbk"><title>页面标题</title><style>p{color:red}</style></head>
    <body><nav>首页 &gt; 党建</nav><div class="breadcrumb">首页 &gt; 理论</div>
    <h1>坚持民主集中制</h1><div class="content"><p>民主集中制是党的根本组织原则。</p>
    <p>党员个人服从党的组织，<b>少数服从多数</b>。</p></div>
    <div class="share-bar">分享到 微信 微博</div><script>var x = 1;</script>
    <footer>版权所有 某某网</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    doc = load_paths([path]).docs[0]
    assert doc.title == "坚持民主集中制"
    assert (
        doc.text == "坚持民主集中制\n\n民主集中制是党的根本组织原则。\n\n党员个人服从党的组织，少数服从多数。"
    )


def test_markdown_stripped(tmp_path: Path) -> None:
    md = "# 某某条例\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 **为了**规范[工作](http://x)，制定本条例。\n"
    assert (
        strip_markdown(md)
        == "某某条例\n\n2020年1月1日 通过\n\n第一章 总则\n\n第一条 为了规范工作，制定本条例。"
    )
    path = tmp_path / "reg.md"
    path.write_text(md, encoding="utf-8")
    doc = load_paths([path]).docs[0]
    assert doc.title == "某某条例"
    assert doc.doc_type == "other"  # one article line only: not enough to call it a regulation


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "个体工商户条例第二条", "title": "个体工商户条例第二条", "text": "有经营能力的公民……"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x1", "title": "无正文"}, ensure_ascii=False),
        json.dumps({"id": 7, "title": "数字编号", "text": "正文。", "metadata": {"type": "theory", "k": 1}}, ensure_ascii=False),
        "",
        json.dumps({"id": "x2", "title": "空正文", "text": "  "}, ensure_ascii=False),
        json.dumps(["list"]),
    ]  # fmt: skip
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_paths([path])
    assert [d.doc_id for d in result.docs] == ["个体工商户条例第二条", "7"]
    assert result.docs[0].doc_type == "regulation"
    assert result.docs[1].doc_type == "theory" and result.docs[1].metadata["k"] == 1
    assert [(f.path.rsplit(":", 1)[1], f.code) for f in result.failures] == [
        ("2", InvalidRecord.code),
        ("3", InvalidRecord.code),
        ("6", EmptyDocument.code),
        ("7", InvalidRecord.code),
    ]


def test_directory_with_manifest(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("一段正文。", encoding="utf-8")
    (tmp_path / "b.md").write_text("# 标题B\n\n正文B。", encoding="utf-8")
    (tmp_path / "README.md").write_text("# 说明\n\n不是文档。", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("隐藏。", encoding="utf-8")
    manifest = [
        {
            "doc_id": "doc-a",
            "path": "sub/a.txt",
            "title": "文档A",
            "type": "theory",
            "author": "张三",
            "date": None,
        }
    ]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = load_paths([tmp_path])
    assert not result.failures
    by_id = {d.doc_id: d for d in result.docs}
    assert set(by_id) == {"doc-a", "b"}
    a = by_id["doc-a"]
    assert (a.title, a.doc_type, a.metadata["author"], a.source_path) == (
        "文档A",
        "theory",
        "张三",
        "sub/a.txt",
    )
    assert "date" not in a.metadata
    assert a.source_root == str(tmp_path.resolve())
    assert by_id["b"].title == "标题B"


def test_invalid_manifest_reported(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('[{"doc_id": "x"}]', encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    result = load_paths([tmp_path])
    assert [f.code for f in result.failures] == ["invalid_manifest"]
    assert [d.doc_id for d in result.docs] == ["a"]


def test_shipped_knowledge_loads_with_manifest() -> None:
    """knowledge/ plus the shared corpus: every manifest entry loads except the incomplete text."""
    result = load_knowledge()
    assert not result.failures
    manifest = json.loads((REPO_ROOT / "knowledge" / "manifest.json").read_text(encoding="utf-8"))
    expected = sorted(e["doc_id"] for e in manifest if not e.get("skip"))
    assert sorted(d.doc_id for d in result.docs) == expected
    assert [reason for _, reason in result.skipped] == [
        "文本不完整（缺第二十条，见 found-regulations/SOURCES.md），不作为完整文本索引"
    ]
    by_id = {d.doc_id: d for d in result.docs}
    cpc = by_id["cpc-constitution-2017"]
    assert cpc.title == "中国共产党章程"
    assert cpc.metadata["version"] == "2017"
    assert cpc.metadata["version_label"] == "2017年修订（十九大部分修改）"
    assert cpc.source_path == "regulations/中国共产党章程_2017_zh.md"
    assert "<!--" not in by_id["constitution"].text and "#" not in by_id["constitution"].text
    assert by_id["theory-peoples-daily-grassroots"].doc_type == "news"
    assert sum(d.doc_type == "regulation" for d in result.docs) == 15
    assert sum(d.doc_type == "party_regulation" for d in result.docs) == 12
    # the shared corpus keeps its own copies of the theory articles: knowledge/ owns them, loaded once
    assert by_id["theory-grassroots-key-tasks-2020"].source_root == str(REPO_ROOT / "knowledge")


def test_knowledge_without_corpus_says_where_texts_go(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, corpus_dirs=[tmp_path / "absent"])  # type: ignore[call-arg]
    plan = plan_ingest([REPO_ROOT / "knowledge"], settings)
    assert plan.paths == [REPO_ROOT / "knowledge"]
    assert len(plan.notices) == 1 and "STUDY_CORPUS_DIRS" in plan.notices[0]
    assert "../shared/corpus/regulations/" in plan.notices[0]
    only_knowledge = load_knowledge(settings)
    assert {d.doc_type for d in only_knowledge.docs} <= {"theory", "news"}


def test_corpus_subdirectory_takes_manifest_ids() -> None:
    """``study ingest knowledge …/regulations/found-regulations``: ids still come from the manifest."""
    corpus = corpus_file("regulations/中国共产党章程_2017_zh.md").parent / "found-regulations"
    catalog = CorpusCatalog.from_knowledge_dir(REPO_ROOT / "knowledge")
    result = load_paths([corpus], corpus=catalog)
    ids = {d.doc_id for d in result.docs}
    assert {"cpc-discipline-2018", "cpc-discipline-2023", "cpc-integrity-2015"} <= ids
    assert not any(d.source_path.endswith("SOURCES.md") for d in result.docs)
    assert [w.rsplit("/", 1)[-1] for w, _ in result.skipped] == ["中国共产党党员教育管理工作条例_2019.md"]
    single = load_paths([corpus / "中国共产党纪律处分条例_2023.md"], corpus=catalog).docs[0]
    assert single.doc_id == "cpc-discipline-2023" and single.metadata["status"] == "现行有效"


def test_single_file_uses_enclosing_manifest() -> None:
    path = REPO_ROOT / "knowledge" / "theory" / "004_ed884bb225c803d2.txt"
    doc = load_paths([path]).docs[0]
    assert doc.doc_id == "theory-grassroots-key-tasks-2020"
    assert doc.source_path == "004_ed884bb225c803d2.txt"
    assert doc.metadata["date"] == "2020-05-09"
