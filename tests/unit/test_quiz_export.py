"""Every export format round-trips through its parser; xlsx opens in openpyxl and pandas."""

from __future__ import annotations

import io

import pytest
from quiz_corpus import constitution_chunks

from service.quiz.distractors import DistractorPool
from service.quiz.export import EXAM_COLUMNS, export_items, to_aiken, to_gift
from service.quiz.generate import generate_quiz
from service.quiz.items import QuizRequest
from service.quiz.parse import comparable, parse_aiken, parse_csv, parse_gift, parse_json, parse_xlsx
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
