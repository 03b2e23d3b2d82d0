"""Word files read as Word shows them: list numbering rendered, tables once, nothing hidden or deleted."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from doc_fixtures import FIXTURES, chunks_of, ingest_dir, level, ooxml_docx, para

from service.config import Settings
from service.ingest.docx import docx_to_lines, format_number
from service.ingest.loaders import load_paths
from service.rag.lookup import lookup
from service.text.split import split_document

AUTO = FIXTURES / "楼道管理办法_自动编号.docx"
MANUAL = FIXTURES / "楼道管理办法_手工编号.docx"


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCountingThousand", "一百零五"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimalZero", "07"),
        (5, "bullet", ""),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_case_auto_numbered_docx_reads_like_the_hand_numbered_one(tmp_path: Path) -> None:
    """shared/cases/08: 第X章/第X条/（一） as Word list numbering give the same structure as typed numbers."""
    docs = {}
    for path in (AUTO, MANUAL):
        result = load_paths([path])
        assert not result.failures
        docs[path] = result.docs[0]
    auto, manual = docs[AUTO], docs[MANUAL]
    assert auto.doc_type == "regulation"
    assert auto.title == "青岚市楼道管理办法（示例）"
    a_chunks, m_chunks = split_document(auto), split_document(manual)
    assert [c.locator for c in a_chunks] == [f"第{n}条" for n in "一二三四五六"]
    assert [(c.locator, c.chapter_path) for c in a_chunks] == [(c.locator, c.chapter_path) for c in m_chunks]
    assert a_chunks[0].chapter_path == ["第一章 总则"]
    assert a_chunks[2].chapter_path == ["第二章 管理要求"]
    assert a_chunks[5].chapter_path == ["第三章 附则"]
    # the same words in every article, numbering included (only the separator space may differ)
    assert [_compact(c.text) for c in a_chunks] == [_compact(c.text) for c in m_chunks]
    third = a_chunks[2].text
    assert "（一）堆放杂物" in third and "（四）损坏消防设施和应急照明设施。" in third
    report = load_paths([AUTO]).notes
    assert next(iter(report.values())).format == "docx"


def test_case_auto_numbered_docx_lookup(hash_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / AUTO.name).write_bytes(AUTO.read_bytes())
    report, index = ingest_dir(folder, hash_settings)
    hits = lookup("楼道管理办法第三条", index)
    assert [h.locator for h in hits] == ["第三条"]
    assert "（二）在楼道内为电动自行车充电；" in hits[0].text
    (file,) = report.files
    assert (file.structure.chapters, file.structure.articles, file.structure.items) == (3, 6, 4)
    assert file.warnings == []


STYLES = (
    '<w:style w:type="paragraph" w:styleId="ChapterTitle"><w:name w:val="章标题"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:jc w:val="center"/></w:pPr></w:style>'
)
NUMBERING = (
    '<w:abstractNum w:abstractNumId="10">'
    + level(0, "chineseCounting", "第%1章")
    + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="11"><w:multiLevelType w:val="multilevel"/>'
    + level(0, "chineseCounting", "第%1条")
    + level(1, "chineseCounting", "（%2）", suff="nothing")
    + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="13">'
    + level(0, "chineseCounting", "（%1）", suff="nothing")
    + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>'
    + '<w:num w:numId="4"><w:abstractNumId w:val="13"/></w:num>'
    + '<w:num w:numId="5"><w:abstractNumId w:val="13"/>'
    + '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
)
BODY = "".join(
    [
        para("青岚市垃圾分类志愿督导办法（草案）"),
        para("总则", style="ChapterTitle"),
        para("为了推动生活垃圾分类，制定本办法。", num=(2, 0)),
        para("志愿督导员承担下列工作：", num=(2, 0)),
        para("指导居民分类投放；", num=(2, 1)),
        para("劝导不规范投放行为。", num=(2, 1)),
        para("督导管理", style="ChapterTitle"),
        para(
            "督导员上岗前应当接受培训，培训内容按",
            num=(2, 0),
            raw="<w:del><w:r><w:delText>旧规定</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>新规定</w:t></w:r></w:ins>"
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的起草说明</w:t></w:r>"
            '<w:commentRangeStart w:id="0"/><w:r><w:t>执行。</w:t></w:r><w:commentRangeEnd w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r>',
        ),
        para("督导员应当做到：", num=(2, 0)),
        para("按时到岗；", num=(4, 0)),
        para("佩戴标识。", num=(4, 0)),
        para("督导员不得有下列行为：", num=(2, 0)),
        para("收取财物；", num=(5, 0)),
        para("泄露居民信息。", num=(5, 0)),
    ]
)
EXPECTED = [
    "青岚市垃圾分类志愿督导办法（草案）",
    "第一章 总则",
    "第一条 为了推动生活垃圾分类，制定本办法。",
    "第二条 志愿督导员承担下列工作：",
    "（一）指导居民分类投放；",
    "（二）劝导不规范投放行为。",
    "第二章 督导管理",
    "第三条 督导员上岗前应当接受培训，培训内容按新规定执行。",
    "第四条 督导员应当做到：",
    "（一）按时到岗；",
    "（二）佩戴标识。",
    "第五条 督导员不得有下列行为：",
    "（一）收取财物；",
    "（二）泄露居民信息。",
]


def test_three_numbering_lists_styles_levels_and_restarts() -> None:
    """章 by paragraph style, 条 and （一） as levels of one list (items restart under each article), and
    item lists of their own restarted by ``startOverride``; deletions, hidden text, comments, headers out."""
    data = ooxml_docx(BODY, numbering=NUMBERING, styles=STYLES, header="内部资料 注意保存", comment="请核实")
    lines, stats = docx_to_lines(data)
    assert lines == EXPECTED
    assert stats.deleted_runs == 1 and stats.hidden_runs == 1 and stats.unrendered == 0


def test_own_auto_numbered_docx_ingested(hash_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "督导办法.docx").write_bytes(
        ooxml_docx(BODY, numbering=NUMBERING, styles=STYLES, header="内部资料 注意保存", comment="请核实")
    )
    report, index = ingest_dir(folder, hash_settings)
    chunks = chunks_of(index, "督导办法")
    assert [c.locator for c in chunks] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert [c.chapter_path for c in chunks][2:] == [["第二章 督导管理"]] * 3
    assert not any(w in c.text for c in chunks for w in ("内部资料", "请核实", "旧规定", "隐藏的起草说明"))
    assert [h.chunk_id for h in lookup("垃圾分类志愿督导办法第五条", index)] == [chunks[4].chunk_id]
    (file,) = report.files
    assert (file.structure.chapters, file.structure.articles, file.structure.items) == (2, 5, 6)
    assert file.removed == {"deleted_revisions": 1, "hidden_runs": 1}


def test_lists_sharing_a_definition_continue_and_missing_definitions_are_reported() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "decimal", "%1.", start=3, suff="tab")
        + "</w:abstractNum>"
        + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = para("甲", num=(1, 0)) + para("乙", num=(2, 0)) + para("丙", num=(9, 0)) + para("丁", num=(0, 0))
    lines, stats = docx_to_lines(ooxml_docx(body, numbering=numbering))
    assert lines == ["3.\u3000甲", "4.\u3000乙", "丙", "丁"]
    assert stats.unrendered == 1  # numId 9 is not defined


def test_nested_and_merged_table_cells_once_in_reading_order(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("青岚市文明行为促进办法（示例）")
    document.add_paragraph("第一条　本办法所称不文明行为见下表。")
    table = document.add_table(rows=3, cols=3)
    for c, text in enumerate(["类别", "行为", "处理"]):
        table.cell(0, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "公共秩序"  # vertical merge
    table.cell(1, 1).text = "高空抛物"
    table.cell(1, 2).text = "劝导"
    nested = table.cell(1, 2).add_table(rows=2, cols=2)
    nested.cell(0, 0).text = "定义"
    nested.cell(0, 1).text = "从建筑物中向外抛掷物品的行为"
    nested.cell(1, 0).text = "罚款"
    nested.cell(1, 1).text = "五十元"
    table.cell(2, 1).merge(table.cell(2, 2)).text = "违规停车由交警处理"  # horizontal merge
    document.add_paragraph("第二条　本办法自发布之日起施行。")
    buf = io.BytesIO()
    document.save(buf)
    lines, stats = docx_to_lines(buf.getvalue())
    assert lines == [
        "青岚市文明行为促进办法（示例）",
        "第一条　本办法所称不文明行为见下表。",
        "类别 行为 处理",
        "公共秩序",
        "高空抛物",
        "劝导",
        "定义 从建筑物中向外抛掷物品的行为",
        "罚款 五十元",
        "违规停车由交警处理",
        "第二条　本办法自发布之日起施行。",
    ]
    assert (stats.tables, stats.nested_tables) == (2, 1)
    path = tmp_path / "文明行为促进办法.docx"
    path.write_bytes(buf.getvalue())
    doc = load_paths([path]).docs[0]
    first = split_document(doc)[0]
    assert first.locator == "第一条"
    assert "从建筑物中向外抛掷物品的行为" in first.text
    assert first.text.count("公共秩序") == 1 and first.text.count("违规停车由交警处理") == 1
