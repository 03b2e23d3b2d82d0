"""Article structure without separators and without line breaks; titles only from title-like first lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_fixtures import FIXTURES, chunks_of, ingest_dir

from service.config import Settings
from service.ingest.loaders import first_line_title, load_paths, short_title
from service.rag.lookup import lookup
from service.schemas import SourceDoc
from service.text.split import split_document, structure_lines

NO_SPACE = FIXTURES / "楼院自治公约_无空格.txt"
WITH_SPACE = FIXTURES / "议事协商规则_有空格.txt"
NUMS = "一二三四五六七八九十"


def _one_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\n", "")


def _doc(text: str, title: str = "示例") -> SourceDoc:
    return SourceDoc(doc_id="d", title=title, text=text, doc_type="regulation")


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
def test_articles_without_separator(one_line: bool, tmp_path: Path, hash_settings: Settings) -> None:
    """shared/cases/02 楼院自治公约: "第一条为了…" headings; 5 articles, each its own chunk, found by name."""
    folder = tmp_path / "kb"
    folder.mkdir()
    text = _one_line(NO_SPACE) if one_line else NO_SPACE.read_text(encoding="utf-8")
    (folder / NO_SPACE.name).write_text(text, encoding="utf-8")
    report, index = ingest_dir(folder, hash_settings)
    doc = index.documents()[0]
    assert doc.title == "青岚市楼院自治公约（示例）" and doc.doc_type == "regulation"
    chunks = chunks_of(index, "楼院")
    assert [(c.locator, c.article_no) for c in chunks] == [(f"第{n}条", i) for i, n in enumerate(NUMS[:5], 1)]
    assert chunks[3].text == "第四条违反本公约第二条、第三条的，由楼长劝导；劝导无效的，提请居民委员会处理。"
    hits = lookup("楼院自治公约第三条", index)
    assert [h.chunk_id for h in hits] == [chunks[2].chunk_id]
    assert hits[0].text.startswith("第三条居民装修房屋的")
    (file,) = report.files
    assert file.structure.articles == 5
    assert file.title_source == "first_line"
    assert [w.code for w in file.warnings] == (["line_breaks_recovered"] if one_line else [])


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
def test_cross_reference_at_line_start_stays_in_its_article(one_line: bool) -> None:
    """shared/cases/02 议事协商规则: "第四条规定的…" inside 第三条 and "第二条、第三条规定以外的…" inside
    第五条 are references; 6 articles, no fake one."""
    text = _one_line(WITH_SPACE) if one_line else WITH_SPACE.read_text(encoding="utf-8")
    chunks = split_document(_doc(text, "青岚市社区议事协商规则（示例）"))
    assert [c.locator for c in chunks] == [f"第{n}条" for n in NUMS[:6]]
    third, fifth = chunks[2].text, chunks[4].text
    assert "第四条规定的书面记录，由居民委员会统一归档，保存期限不少于三年。" in third
    assert "（三）居民反映强烈、需要协商解决的。" in third
    assert "第二条、第三条规定以外的事项，由居民委员会决定是否组织协商。" in fifth
    assert chunks[3].text.startswith("第四条　议事协商可以采取")


LAW = (
    "青岚市物业管理条例（示例）第一章总则第一条为了规范物业管理活动，制定本条例。"
    "第二条本条例适用于本市行政区域内的物业管理活动。第二章业主和业主大会"
    "第三条业主享有下列权利：（一）按照物业服务合同的约定，接受物业服务；（二）提议召开业主大会会议；"
    "（三）监督业主委员会的工作。第四条业主大会由物业管理区域内全体业主组成。"
    "第五条业主大会应当代表和维护物业管理区域内全体业主的合法权益。第三章物业服务"
    "第六条物业服务企业应当按照合同约定提供服务。第七条物业服务企业不得擅自扩大收费范围，"
    "违反本条例第六条规定的，由区住房城乡建设部门责令改正。第四章附则第八条本条例自公布之日起施行。"
)


def test_law_on_one_line_is_split_at_numbered_boundaries(tmp_path: Path, hash_settings: Settings) -> None:
    """A law whose line breaks were lost: chapters and articles back, 第六条 and 第七条 not merged, the
    reference "第六条规定的" left inside 第七条, items cut, the title from the words before 第一章."""
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "物业管理条例.txt").write_text(LAW, encoding="utf-8")
    report, index = ingest_dir(folder, hash_settings)
    assert index.documents()[0].title == "青岚市物业管理条例（示例）"
    chunks = chunks_of(index, "物业管理条例")
    assert [c.locator for c in chunks] == [f"第{n}条" for n in NUMS[:8]]
    assert [c.chapter_path for c in chunks] == [["第一章 总则"]] * 2 + [["第二章 业主和业主大会"]] * 3 + [
        ["第三章 物业服务"]
    ] * 2 + [["第四章 附则"]]
    assert chunks[5].text == "第六条物业服务企业应当按照合同约定提供服务。"
    assert chunks[6].text.endswith("违反本条例第六条规定的，由区住房城乡建设部门责令改正。")
    assert chunks[2].text == (
        "第三条业主享有下列权利：（一）按照物业服务合同的约定，接受物业服务；（二）提议召开业主大会会议；"
        "（三）监督业主委员会的工作。"
    )  # the original text, unchanged: chunks are slices of it
    assert [h.chunk_id for h in lookup("物业管理条例第七条", index)] == [chunks[6].chunk_id]
    (file,) = report.files
    s = file.structure
    assert (s.chapters, s.articles, s.items) == (4, 8, 3)


def test_article_text_with_references_is_not_cut() -> None:
    """References after a sentence end that do not continue the numbering never cut an article."""
    text = (
        "示例规定\n第一条　本规定所称单位，是指机关。第三条所列人员除外。\n"
        "第二条　依照第一条执行。第二条第二款另有规定的，从其规定。\n"
    )
    chunks = split_document(_doc(text, "示例规定"))
    assert [c.locator for c in chunks] == ["第一条", "第二条"]
    assert not any(sl.recovered for sl in structure_lines(text))


def test_bare_number_out_of_sequence_is_not_an_article() -> None:
    text = (
        "示例办法\n第一条为了管理，制定本办法。\n第三条规定的事项除外。\n第七条明确的事项另行规定。\n"
        "第二条本办法自公布之日起施行。\n"
    )
    chunks = split_document(_doc(text, "示例办法"))
    assert [c.locator for c in chunks] == ["第一条", "第二条"]
    assert "第三条规定的事项除外。\n第七条明确的事项另行规定。" in chunks[0].text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("青岚市楼院自治公约（示例）\n\n第一条为了…", "青岚市楼院自治公约（示例）"),
        ("第一条　为了规范管理，制定本办法。\n第二条　施行。", None),
        ("网格员每周至少走访辖区住户一遍，做到小事不出网格。\n下一段。", None),
        ("各党支部：\n请按时组织活动。", None),
    ],
)
def test_title_only_from_a_title_like_first_line(text: str, title: str | None) -> None:
    assert first_line_title(text) == title


def test_title_from_file_name_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "会议纪要.txt"
    path.write_text("会议认为，要抓好党员教育。\n会议要求，各支部按时报送材料。", encoding="utf-8")
    result = load_paths([path])
    assert result.docs[0].title == "会议纪要"
    notes = result.notes[result.docs[0].doc_id]
    assert notes.title_source == "filename"
    assert [w.code for w in notes.warnings] == ["title_from_filename"]


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("青岚市楼院自治公约（示例）", "楼院自治公约"),
        ("浙江省物业管理条例", "物业管理条例"),
        ("中国共产党章程", None),
        ("城市管理条例", None),
        ("青岚市规定", None),
    ],
)
def test_short_title_drops_the_place_name(title: str, short: str | None) -> None:
    assert short_title(title) == short
