"""Every export format round-trips through its parser; xlsx opens in openpyxl and pandas."""

from __future__ import annotations

import io

import pytest
from quiz_corpus import constitution_chunks

from service.errors import NothingToExport
from service.quiz.distractors import DistractorPool
from service.quiz.export import EXAM_COLUMNS, SCORES, export_items, export_selection, to_aiken, to_gift
from service.quiz.generate import generate_quiz
from service.quiz.items import LETTERS, QuizRequest, answer_letters
from service.quiz.parse import (
    comparable,
    gift_unescape,
    parse_aiken,
    parse_csv,
    parse_gift,
    parse_json,
    parse_xlsx,
)
from service.schemas import QuizItem, QuizSource

CHUNKS = constitution_chunks()


@pytest.fixture(scope="module")
def items() -> list[QuizItem]:
    result = generate_quiz(
        QuizRequest(count=16, seed=5), CHUNKS, CHUNKS, pool=DistractorPool.from_chunks(CHUNKS)
    )
    tricky = QuizItem(
        id="q-tricky",
        type="single",
        stem="GIFT 特殊字符 ~ = # { } : 与\\反斜杠，正确的是（　）。",
        options=["a=b", "c~d", "{e}", "f:g#h"],
        answer="C",
        explanation="依据：“{e}” ~ 说明 #1",
        source=QuizSource(doc_id="d", title="测试", locator="第一条", quote="{e}"),
    )
    return [*result.items, tricky]


def test_json_round_trip(items: list[QuizItem]) -> None:
    assert parse_json(export_items(items, "json")) == items


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exam_layout_round_trip(items: list[QuizItem], fmt: str) -> None:
    data = export_items(items, fmt)  # type: ignore[arg-type]
    parsed = parse_csv(data) if fmt == "csv" else parse_xlsx(data)
    assert parsed == [comparable(i) for i in items]


def test_csv_is_excel_friendly(items: list[QuizItem]) -> None:
    data = export_items(items, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel detects UTF-8
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(EXAM_COLUMNS)


def test_xlsx_reads_in_openpyxl_and_pandas(items: list[QuizItem]) -> None:
    import pandas as pd
    from openpyxl import load_workbook

    data = export_items(items, "xlsx")
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None and ws.title == "试题"
    assert [c.value for c in ws[1]] == EXAM_COLUMNS
    frame = pd.read_excel(io.BytesIO(data), dtype=str).fillna("")
    assert list(frame.columns) == EXAM_COLUMNS and len(frame) == len(items)
    by_type = dict(zip(frame["题型"], frame["答案"], strict=False))
    assert set(by_type) <= {"单选题", "多选题", "判断题", "填空题"}
    if "判断题" in by_type:
        assert set(frame[frame["题型"] == "判断题"]["答案"]) <= {"正确", "错误"}
    multi = frame[frame["题型"] == "多选题"]["答案"]
    assert all(len(a) >= 2 and set(a) <= set("ABCDEF") for a in multi)


def test_gift_round_trip_and_escaping(items: list[QuizItem]) -> None:
    text = to_gift(items)
    assert r"a\=b" in text and r"c\~d" in text and r"\{e\}" in text and r"f\:g\#h" in text
    assert "{T####" in text or "{F####" in text
    assert "~%50%" in text or "~%33.33333%" in text or "~%25%" in text
    parsed = parse_gift(text)
    assert parsed == [comparable(i, source=False) for i in items]


def test_aiken_round_trip_single_choice_only(items: list[QuizItem]) -> None:
    text = to_aiken(items)
    singles = [i for i in items if i.type == "single"]
    assert singles and text.count("ANSWER:") == len(singles)
    parsed = parse_aiken(text)
    assert parsed == [comparable(i, source=False, explanation=False) for i in singles]


def test_xlsx_numbers_items_and_gives_their_points(items: list[QuizItem]) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(export_items(items, "xlsx"))).active
    assert ws is not None
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(range(1, len(items) + 1))  # 题号 1..n, as numbers
    assert [r[-1] for r in rows] == [SCORES[i.type] for i in items]  # 分值 by type


def _pygiftparser():  # type: ignore[no-untyped-def]
    import warnings

    with warnings.catch_warnings():  # its markdown dependency imports the deprecated pkg_resources
        warnings.simplefilter("ignore")
        from pygiftparser import parser

    return parser


def test_gift_reparses_with_pygiftparser_to_the_same_items(items: list[QuizItem]) -> None:
    # A third-party GIFT parser reads our file back: same stems, options, keys and feedback, including
    # ~ = # { } : in stems and explanations. (pygiftparser 1.1 ends an answer block at an escaped "}"
    # inside an option, against the GIFT spec; options with "}" are covered by our own parser above.)
    tricky = QuizItem(
        id="q-gift-specials",
        type="single",
        stem="特殊字符 ~ = # { } : 与\\反斜杠，正确的是（　）。",
        options=["a=b", "c~d", "{e", "f:g#h"],
        answer="C",
        explanation="依据：“{e}” ~ 说明 #1 a:b",
        source=QuizSource(doc_id="d", title="测试", locator="第一条", quote="{e"),
    )
    exported = [i for i in items if i.id != "q-tricky"] + [tricky]
    parsed = _pygiftparser().parseFile(io.StringIO(to_gift(exported)))
    assert len(parsed) == len(exported)
    for question, item in zip(parsed, exported, strict=True):
        assert question.title == item.id
        assert gift_unescape(question.text) == item.stem
        assert gift_unescape(question.generalFeedback) == item.explanation
        answers = question.answers
        if item.type == "judge":
            assert type(answers).__name__ == "TrueFalseSet" and answers.answer is item.answer
        elif item.type == "blank":
            assert [gift_unescape(a.answer) for a in answers.answers] == [item.answer]
        else:
            assert [gift_unescape(a.answer) for a in answers.answers] == item.options
            keys = [LETTERS[n] for n, a in enumerate(answers.answers) if a.fraction > 0]
            assert keys == answer_letters(item.answer)


def test_aiken_export_says_it_skipped_the_types_it_cannot_hold(items: list[QuizItem]) -> None:
    result = export_selection(items, "aiken", unapproved=3)
    singles = [i for i in items if i.type == "single"]
    assert result.written == len(singles)
    assert result.skipped == {"not_approved": 3, "type_not_supported": len(items) - len(singles)}
    assert result.summary().startswith(f"已导出 {len(singles)} 题；跳过 {3 + len(items) - len(singles)} 题")
    judge_only = [i for i in items if i.type == "judge"]
    with pytest.raises(NothingToExport) as err:
        export_selection(judge_only, "aiken")
    assert "Aiken 只能容纳单选题" in err.value.message
    with pytest.raises(NothingToExport) as none_approved:
        export_selection([], "xlsx", unapproved=5)
    assert "--approve-all" in none_approved.value.message
