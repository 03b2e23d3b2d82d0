"""Question bank: save, near-duplicate skipping, review with edits and history, listing filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import BankItemNotFound, InvalidInput
from service.quiz.items import item_id
from service.schemas import QuizItem, QuizSource
from service.store.bank import ItemEdit, QuestionBank, normalise_stem
from service.store.db import Database

QUOTE = "预备党员的预备期为一年。"


def _item(
    stem: str, answer: object = "一年", type_: str = "blank", chapter: str = "第一章 党员", **kw: object
) -> QuizItem:
    options = kw.pop("options", None)
    return QuizItem(
        id=item_id(type_, stem, options, answer),  # type: ignore[arg-type]
        type=type_,  # type: ignore[arg-type]
        stem=stem,
        options=options,  # type: ignore[arg-type]
        answer=answer,  # type: ignore[arg-type]
        explanation=f"依据《中国共产党章程》第七条：“{QUOTE}”",
        source=QuizSource(
            doc_id=str(kw.get("doc_id", "cpc-constitution-2017")),
            title="中国共产党章程",
            locator="第七条",
            quote=QUOTE,
            chunk_id="c7",
            chapter=chapter,
        ),
    )


@pytest.fixture
def bank(tmp_path: Path) -> QuestionBank:
    return QuestionBank(Database(tmp_path / "app.db"))


def test_save_and_list_by_filters(bank: QuestionBank) -> None:
    a = _item("根据《中国共产党章程》第七条，预备党员的预备期为____。")
    b = _item(
        "预备党员的预备期为（　）。", answer="A", type_="single", options=["一年", "两年", "三年", "半年"]
    )
    c = _item("党员的党龄从预备期满转为正式党员之日算起____。", doc_id="other", chapter="第二章")
    report = bank.save([a, b, c])
    assert report.saved == [a.id, c.id]  # b asks a's question in another form
    assert report.duplicates[0].existing_id == a.id and report.duplicates[0].similarity >= 0.8
    assert [e.item.id for e in bank.list()] == [a.id, c.id]
    assert [e.item.id for e in bank.list(doc_id="other")] == [c.id]
    assert [e.item.id for e in bank.list(chapter="第一章 党员")] == [a.id]
    assert [e.item.id for e in bank.list(type="judge")] == []
    assert len(bank.list(status="pending")) == 2


def test_saving_the_same_item_twice_is_reported_not_duplicated(bank: QuestionBank) -> None:
    a = _item("预备党员的预备期为____。")
    bank.save([a])
    report = bank.save([a])
    assert report.saved == [] and report.duplicates[0].existing_id == a.id
    assert len(bank.list()) == 1


def test_review_with_edit_keeps_history(bank: QuestionBank) -> None:
    a = _item("预备党员的预备期为____。")
    bank.save([a])
    entry = bank.review(
        a.id, "approve", "王老师", ItemEdit(stem="根据《中国共产党章程》，预备党员的预备期为____。")
    )
    assert entry.status == "approved" and entry.reviewer == "王老师"
    assert entry.item.stem == "根据《中国共产党章程》，预备党员的预备期为____。"
    assert entry.edited_at is not None and entry.history[0]["previous"]["stem"] == "预备党员的预备期为____。"
    assert bank.get(a.id).item.stem == entry.item.stem
    rejected = bank.review(a.id, "reject", "李老师", comment="与上一题重复")
    assert rejected.status == "rejected" and rejected.comment == "与上一题重复"
    assert len(rejected.history) == 1  # a review without edits adds no version


def test_invalid_edit_is_refused(bank: QuestionBank) -> None:
    a = _item("预备党员的预备期为____。")
    bank.save([a])
    with pytest.raises(InvalidInput) as err:
        bank.review(a.id, "approve", "王老师", ItemEdit(answer="两年"))
    assert err.value.detail == {"reasons": ["key_not_supported"]}
    assert bank.get(a.id).status == "pending"


def test_unknown_item(bank: QuestionBank) -> None:
    with pytest.raises(BankItemNotFound):
        bank.review("q-missing", "approve", "x")


def test_normalise_stem_ignores_lead_in_and_markers() -> None:
    assert normalise_stem("根据《中国共产党章程》第七条，预备期为____。") == normalise_stem("预备期为（　）")


def test_duplicates_are_judged_on_stem_options_and_answer(bank: QuestionBank) -> None:
    # Issue 15: two "下列表述符合原文的有" items share a stem but ask about different statements.
    stem = "根据《中国共产党章程》第七条，下列表述符合原文的有（　）。"
    first = _item(stem, answer="AB", type_="multiple", options=["甲", "乙", "丙", "丁"])
    other = _item(stem, answer="AC", type_="multiple", options=["戊", "己", "庚", "辛"])
    same = _item(stem, answer="BA", type_="multiple", options=["乙", "甲", "丙", "丁"])
    report = bank.save([first, other, same])
    assert report.saved == [first.id, other.id]
    assert [(d.id, d.existing_id) for d in report.duplicates] == [(same.id, first.id)]


def test_bulk_review_by_ids_and_all_pending(bank: QuestionBank) -> None:
    items = [_item(f"第{n}题：党员的党龄从何时算起____。", answer=f"答案{n}") for n in range(4)]
    assert len(bank.save(items).saved) == 4
    rejected = bank.review_many("reject", "王老师", ids=[items[0].id])
    assert rejected == [items[0].id] and bank.get(items[0].id).status == "rejected"
    with pytest.raises(BankItemNotFound) as err:
        bank.review_many("approve", "王老师", ids=[items[1].id, "q-missing"])
    assert err.value.detail == {"missing": ["q-missing"]}
    assert bank.get(items[1].id).status == "pending"  # nothing changed
    approved = bank.review_many("approve", "王老师", all_pending=True)
    assert sorted(approved) == sorted(i.id for i in items[1:])
    assert {e.status for e in bank.list()} == {"approved", "rejected"}
    assert bank.get(items[2].id).reviewer == "王老师"


def test_export_reports_unapproved_and_refuses_an_empty_file(bank: QuestionBank) -> None:
    from service.errors import NothingToExport

    items = [_item(f"第{n}题：预备期为____。", answer=f"{n}年") for n in range(3)]
    bank.save(items)
    with pytest.raises(NothingToExport) as err:
        bank.export("xlsx")
    assert err.value.detail == {"skipped": {"not_approved": 3}}
    bank.review_many("approve", "王老师", ids=[items[0].id])
    result = bank.export("csv")
    assert result.written == 1 and result.skipped == {"not_approved": 2}
    assert bank.export("csv", status=None).written == 3
