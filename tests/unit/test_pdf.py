"""PDF pages read by layout: running headers/footers and page numbers removed, page breaks re-joined."""

from __future__ import annotations

from pathlib import Path

import pytest
from doc_fixtures import FIXTURES, chunks_of, ingest_dir, layout_pdf

from service.config import Settings
from service.errors import NoTextLayer
from service.ingest.loaders import load_paths
from service.ingest.pdf import is_page_number, pdf_to_text
from service.rag.lookup import lookup

CASES = [FIXTURES / "社区志愿服务条例_页眉页脚.pdf", FIXTURES / "社区志愿服务条例_页眉后绘制.pdf"]
FURNITURE = ("公报", "2024年第2号", "人大常委会办公室", "印发", "— 1 —", "— 2 —", "第1页", "共3页")


@pytest.mark.parametrize(
    "text", ["— 1 —", "- 12 -", "7", "第1页 共3页", "第 2 页", "共3页 第2页", "3/12", "Page 2 of 5"]
)
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["第一条 为了规范管理。", "2024年第2号", "（一）", "第三章 附则"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


@pytest.mark.parametrize("path", CASES, ids=["header-first", "header-drawn-last"])
def test_gazette_case(path: Path, hash_settings: Settings, tmp_path: Path) -> None:
    """shared/cases/13: 13 articles, no furniture in any chunk, the page-1/2 sentence whole, item (三) in 第十一条."""
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / path.name).write_bytes(path.read_bytes())
    report, index = ingest_dir(folder, hash_settings)
    chunks = chunks_of(index, path.stem)
    assert [c.locator for c in chunks] == [f"第{n}条" for n in "一二三四五六七八九十"] + [
        "第十一条",
        "第十二条",
        "第十三条",
    ]
    assert index.documents()[0].title == "青岚市社区志愿服务条例（示例）"
    for chunk in chunks:
        assert not any(f in chunk.text for f in FURNITURE), chunk.text
    sixth = next(c for c in chunks if c.locator == "第六条")
    assert "可以直接注册成为社区志愿者。未满十八周岁的人" in sixth.text
    assert sixth.chapter_path == ["第二章 志愿者"]
    eleventh = next(c for c in chunks if c.locator == "第十一条")
    assert eleventh.text.endswith("（三）可能发生人身伤害风险的。")
    twelfth = next(c for c in chunks if c.locator == "第十二条")
    assert "评价结果，记录保存期限不少于五年。" in twelfth.text
    assert [h.chunk_id for h in lookup("社区志愿服务条例第十一条", index)] == [eleventh.chunk_id]
    (file,) = report.files
    assert file.format == "pdf"
    assert file.removed == {"page_number": 3, "running_footer": 3, "running_header": 3}
    assert (file.structure.chapters, file.structure.articles) == (3, 13)


HEADER = "青岚市人民政府公报"
TITLE_RUN = "青岚市老旧小区加装电梯办法"


def _page(no: int, total: int, body: list[str]) -> list[tuple[float, float, str]]:
    lines: list[tuple[float, float, str]] = [(72, 40, HEADER), (360, 40, TITLE_RUN)]
    top = 80.0
    for text in body:
        lines.append((72, top, text))
        top += 22
    lines.append((72, 770, "青岚市人民政府办公厅"))
    lines.append((250, 790, f"第{no}页 共{total}页"))
    return lines


def _wrap(text: str, width: int = 30) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


ART1 = "第一条为了改善老旧小区居住条件，方便老年人和残疾人出行，根据有关法律法规，结合本市实际，制定本办法。"
ART3 = (
    "第三条加装电梯应当经本单元房屋专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决，"
    "并经参与表决业主四分之三以上同意。"
)


def test_own_gazette_pdf_with_header_footer_and_page_break(tmp_path: Path, hash_settings: Settings) -> None:
    """Our own 2-page gazette: header with two runs, issuing office and 第N页 共M页 footers, an article run
    on without a space, and a sentence broken across the page inside a word (四|分之三)."""
    art3 = _wrap(ART3)
    pages = [
        _page(1, 2, ["青岚市老旧小区加装电梯办法", *_wrap(ART1), "第二条本办法适用于本市城镇老旧住宅。", *art3[:2]]),
        _page(2, 2, [*art3[2:], "第四条加装电梯的费用由业主协商分摊。", "第五条本办法自公布之日起施行。"]),
    ]  # fmt: skip
    assert art3[1].endswith("业主四") and art3[2].startswith("分之三")
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "加装电梯办法.pdf").write_bytes(layout_pdf(pages))
    report, index = ingest_dir(folder, hash_settings)
    chunks = chunks_of(index, "加装电梯")
    assert [c.locator for c in chunks] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert chunks[0].text == ART1
    assert chunks[2].text == ART3
    for chunk in chunks:
        assert not any(f in chunk.text for f in ("公报", "办公厅", "第1页", "共2页")), chunk.text
    assert index.documents()[0].title == "青岚市老旧小区加装电梯办法"
    (file,) = report.files
    assert file.removed == {"page_number": 2, "running_footer": 2, "running_header": 2}  # one line per page


def test_single_page_number_removed_without_repetition() -> None:
    pdf = layout_pdf(
        [
            [
                (72, 80, "关于开展主题党日活动的通知"),
                (72, 110, "各党支部：请按时组织活动。"),
                (280, 790, "— 1 —"),
            ]
        ]
    )
    result = pdf_to_text(pdf)
    assert result.text == "关于开展主题党日活动的通知\n各党支部：请按时组织活动。"
    assert result.removed == {"page_number": 1}


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    scan = layout_pdf([[], []], images=True)
    with pytest.raises(NoTextLayer):
        pdf_to_text(scan)
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(scan)
    result = load_paths([path])
    assert [(f.code, "扫描件" in f.message) for f in result.failures] == [("no_text_layer", True)]


def test_image_only_pages_among_text_pages_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "部分扫描.pdf"
    path.write_bytes(
        layout_pdf(
            [[(72, 80, "关于开展主题党日活动的通知"), (72, 110, "各党支部：请按时组织活动。")], []],
            images=True,
        )
    )
    result = load_paths([path])
    assert result.docs[0].text == "关于开展主题党日活动的通知\n各党支部：请按时组织活动。"
    notes = result.notes[result.docs[0].doc_id]
    assert [w.code for w in notes.warnings] == ["pages_without_text"]
