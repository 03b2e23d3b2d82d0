"""新旧条文对照 of the 2018 and 2023 纪律处分条例 (texts from ../shared/corpus), checked against pairs read
by hand in both texts, plus the markdown / xlsx exports.

Hand-checked (2018 → 2023), each read in both files:
- renumbered, text unchanged: 第二十一条→第二十二条 (从轻/从重处分 definitions), 第四十四条→第四十九条,
  第四十五条→第五十条, 第五十三条→第六十条, 第八十一条→第九十条, 第一百条→第一百一十条,
  第一百一十条→第一百二十条, 第一百一十八条→第一百二十七条, 第一百一十九条→第一百二十八条;
- same number, unchanged: 第七条, 第十二条, 第十八条;
- changed: 第一条 (adds 理论), 第二十三条→第二十四条 (drops （含两种）), 第六十三条→第七十条 (adds 或者个人搞迷信活动),
  第九十一条→第一百条 (drops 在社会上), 第一百一十二条→第一百二十二条 (扶贫领域 → 乡村振兴领域),
  第一百一十四条→第一百二十四条 (扶贫脱贫 → 社会救助), 第一百三十四条→第一百五十条 (adds 铺张浪费),
  第一百四十二条→第一百五十八条 (施行 2018年10月1日 → 2024年1月1日), 第一百一十七条 (形象工程) → 第五十七条
  (moved into the new 政绩观错位 article);
- added: 第一百三十九条 (统计造假), 第一百三十五条 (信访工作);
- removed: 2018 第三十九条 (经济损失 counted as 直接经济损失 only); 2023 第四十二条 counts all losses at filing
  and is a new rule, not a rewording, so it is 新增.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from openpyxl import load_workbook

from service.ingest.corpus import load_knowledge
from service.schemas import DocInfo
from service.text.split import split_document
from service.versions.diff import (
    Article,
    Change,
    DiffRow,
    DiffTable,
    align,
    articles_from_chunks,
    change_summary,
    changes,
    diff_articles,
)
from service.versions.export import to_html, to_json, to_markdown, to_xlsx
from service.versions.model import Works


@lru_cache(maxsize=1)
def _table() -> DiffTable:
    docs = {d.doc_id: d for d in load_knowledge().docs}
    old, new = docs["cpc-discipline-2018"], docs["cpc-discipline-2023"]
    a = articles_from_chunks(split_document(old), old.text)
    b = articles_from_chunks(split_document(new), new.text)
    works = Works(
        DocInfo(doc_id=d.doc_id, title=d.title, doc_type=d.doc_type, metadata=d.metadata) for d in (old, new)
    )
    return DiffTable(
        work="中国共产党纪律处分条例",
        old=works.by_id[old.doc_id],
        new=works.by_id[new.doc_id],
        rows=diff_articles(a, b),
    )


def _row(old_no: int | None, new_no: int | None) -> DiffRow:
    table = _table()
    row = table.row_for(new_no=new_no) if old_no is None else table.row_for(old_no=old_no)
    assert row is not None, (old_no, new_no)
    assert (row.old.no if row.old else None) == old_no
    assert (row.new.no if row.new else None) == new_no
    return row


UNCHANGED = [(21, 22), (44, 49), (45, 50), (53, 60), (81, 90), (100, 110), (110, 120), (118, 127), (119, 128),
             (7, 7), (12, 12), (18, 18)]  # fmt: skip


@pytest.mark.parametrize(("old_no", "new_no"), UNCHANGED)
def test_unchanged_articles_pair_across_renumbering(old_no: int, new_no: int) -> None:
    row = _row(old_no, new_no)
    assert row.status == "未变"
    assert [s.kind for s in row.old_segments] == ["equal"] and [s.kind for s in row.new_segments] == ["equal"]


CHANGED = [
    (1, 1, "", "理论、"),
    (23, 24, "（含两种）", ""),
    (63, 70, "", "或者个人搞迷信活动"),
    (91, 100, "在社会上", ""),
    (112, 122, "扶贫", "乡村振兴"),
    (114, 124, "扶贫脱贫", "社会救助"),
    (134, 150, "", "铺张浪费、"),
    (142, 158, "18", "24"),  # 自2018年10月1日 → 自2024年1月1日
]


@pytest.mark.parametrize(("old_no", "new_no", "deleted", "inserted"), CHANGED)
def test_changed_articles_show_the_changed_characters(
    old_no: int, new_no: int, deleted: str, inserted: str
) -> None:
    row = _row(old_no, new_no)
    assert row.status == "修改"
    gone = "".join(s.text for s in row.old_segments if s.kind == "delete")
    added = "".join(s.text for s in row.new_segments if s.kind == "insert")
    for piece in filter(None, [deleted]):
        assert all(ch in gone for ch in piece), (gone, piece)
    for piece in filter(None, [inserted]):
        assert all(ch in added for ch in piece), (added, piece)
    # segments rebuild each side exactly
    assert row.old is not None and row.new is not None
    assert "".join(s.text for s in row.old_segments) == row.old.body
    assert "".join(s.text for s in row.new_segments) == row.new.body


def test_moved_and_rewritten_article_is_paired_by_content() -> None:
    row = _row(117, 57)  # 形象工程 moved from 工作纪律 into the new 政绩观错位 article
    assert row.status == "修改"


@pytest.mark.parametrize("new_no", [139, 135, 42])
def test_added_articles(new_no: int) -> None:
    row = _row(None, new_no)
    assert row.status == "新增" and row.old_segments == []


def test_removed_article() -> None:
    row = _row(39, None)
    assert row.status == "删除" and "直接经济损失" in row.old.body  # type: ignore[union-attr]


def test_every_article_appears_once_in_order() -> None:
    table = _table()
    olds = [r.old.no for r in table.rows if r.old]
    news = [r.new.no for r in table.rows if r.new]
    assert sorted(olds) == list(range(1, 143)) and news == list(range(1, 159))
    counts = table.counts()
    assert counts["新增"] - counts["删除"] == 158 - 142
    assert counts["修改"] + counts["未变"] == 142 - counts["删除"]


def test_alignment_threshold_leaves_unrelated_texts_unpaired() -> None:
    assert align(["党员有选举权和被选举权。"], ["本条例自2024年1月1日起施行。"]) == []
    assert align(["本条例自2018年10月1日起施行。"], ["本条例自2024年1月1日起施行。"])[0][:2] == (0, 0)


def test_markdown_and_json_exports() -> None:
    table = _table()
    md = to_markdown(table)
    assert md.splitlines()[0] == "# 《中国共产党纪律处分条例》新旧条文对照表（2018年版 → 2023年版）"
    assert "| 旧条文（2018年版） | 新条文（2023年版） | 变化 | 说明 |" in md
    assert "| 修改 | “消费卡”改为“消费卡（券）” |" in md  # 第八十八条 → 第九十七条
    assert "~~扶贫~~" in md and "**乡村振兴**" in md
    assert len([ln for ln in md.splitlines() if ln.startswith("| **") or ln.startswith("|  |")]) == len(
        table.rows
    )
    data = to_json(table)
    assert data["counts"] == table.counts() and len(data["rows"]) == len(table.rows)  # type: ignore[arg-type]
    by_new = {r["new"]["locator"]: r for r in data["rows"] if r["new"]}  # type: ignore[attr-defined,index]
    assert by_new["第九十八条"]["summary"].startswith("“消费卡”改为“消费卡（券）”；新增一款：")


def test_html_export_marks_changes() -> None:
    page = to_html(_table())
    assert page.startswith("<!DOCTYPE html>") and '<table id="diff">' in page
    assert "<del>扶贫</del>" in page and "<ins>乡村振兴</ins>" in page
    assert '<td class="note">“扶贫”改为“乡村振兴”；另有7处文字调整</td>' in page


def test_xlsx_opens_with_openpyxl(tmp_path: object) -> None:
    import io

    table = _table()
    wb = load_workbook(io.BytesIO(to_xlsx(table)), rich_text=True)
    ws = wb["新旧条文对照"]
    assert ws["A1"].value == "《中国共产党纪律处分条例》新旧条文对照表（2018年版 → 2023年版）"
    assert [c.value for c in ws[3]][:3] == ["序号", "旧条号（2018年版）", "旧条文"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(table.rows)
    by_new = {r[3]: r for r in rows if r[3]}
    assert by_new["第一百三十九条"][5] == "新增" and by_new["第一百二十七条"][1] == "第一百一十八条"
    changed = by_new["第一百二十二条"]
    assert changed[5] == "修改" and "乡村振兴" in str(changed[4])
    assert ws["H3"].value == "说明" and changed[7] == "“扶贫”改为“乡村振兴”；另有7处文字调整"


def test_article_body_drops_only_the_number() -> None:
    art = Article(no=1, locator="第一条", text="第一条　为了规范。", chapter="", chunk_ids=("x#a1",))
    assert art.body == "为了规范。"


@pytest.mark.parametrize(
    ("old_no", "expected"),
    [
        (88, "“消费卡”改为“消费卡（券）”"),  # 第八十八条 → 第九十七条 (收受礼品礼金)
        (
            89,  # 第八十九条 → 第九十八条 (赠送礼品礼金): the same change plus a new paragraph
            "“消费卡”改为“消费卡（券）”；新增一款：“以讲课费、课题费、咨询费等名义变相送礼的，依照前款规定处理。”",
        ),
        (142, "“2018年10月1日”改为“2024年1月1日”"),  # a date is shown whole, not "18年10" → "24年1"
        (23, "删去“（含两种）”"),
        (91, "删去“在社会上”"),
        (103, "“高消费娱乐”改为“娱乐”"),  # 公款吃喝: 第一百零三条 → 第一百一十三条
        (104, "“奖金”改为“奖金、福利”"),
    ],
)
def test_change_summary_says_what_changed(old_no: int, expected: str) -> None:
    row = _table().row_for(old_no=old_no)
    assert row is not None and row.status == "修改"
    assert change_summary(row) == expected


def test_change_summary_names_the_larger_changes_first() -> None:
    row = _table().row_for(old_no=112)  # 扶贫领域 → 乡村振兴领域, plus seven dropped 的
    assert row is not None
    assert change_summary(row) == "“扶贫”改为“乡村振兴”；另有7处文字调整"
    rewritten = _table().row_for(old_no=117)  # 形象工程 → the new 政绩观错位 article
    assert rewritten is not None and change_summary(rewritten).startswith("条文作了较大改写；新增一款：")


def test_changes_of_paragraphs_and_phrases() -> None:
    old = Article(1, "第一条", "第一条 甲应当遵守规定。\n\n乙不得收受礼品。", "", ("x#a1",))
    new = Article(
        1,
        "第一条",
        "第一条 甲应当严格遵守规定。\n\n丙以任何名义变相送礼的，依照前款规定处理。",
        "",
        ("y#a1",),
    )
    row = DiffRow("修改", old, new, 0.5)
    assert changes(row) == [
        Change("改为", "甲应当", "甲应当严格"),  # a short insertion is shown with the words before it
        Change("新增款", new="丙以任何名义变相送礼的，依照前款规定处理。"),
        Change("删去款", old="乙不得收受礼品。"),
    ]
    assert changes(DiffRow("未变", old, old, 1.0)) == []
