"""Parsers for every export format, so each export is proven to round-trip (and imports can be read back).

They return ``ParsedItem``: the fields a format can carry (GIFT and Aiken have no 出处 or 难度; Aiken has no
explanation). ``comparable(item)`` gives the same view of a ``QuizItem`` for comparisons.
"""

from __future__ import annotations

import csv
import io
import json
import re

from pydantic import BaseModel

from service.quiz.export import EXAM_COLUMNS, SCORES
from service.quiz.items import DIFFICULTY_LABELS, LETTERS, TYPE_LABELS, answer_letters, source_label
from service.schemas import QuizItem, QuizType

_TYPE_BY_LABEL: dict[str, QuizType] = {
    "单选题": "single",
    "多选题": "multiple",
    "判断题": "judge",
    "填空题": "blank",
}
assert set(_TYPE_BY_LABEL.values()) == set(TYPE_LABELS)
_DIFFICULTY_BY_LABEL = {v: k for k, v in DIFFICULTY_LABELS.items()}


class ParsedItem(BaseModel):
    type: QuizType
    stem: str
    options: list[str] | None = None
    answer: str | bool  # "ABD" for choice, bool for judge, text for blank
    explanation: str | None = None
    source: str | None = None
    difficulty: str | None = None
    score: int | None = None  # 分值 (CSV/Excel only)


def comparable(item: QuizItem, *, source: bool = True, explanation: bool = True) -> ParsedItem:
    answer: str | bool = (
        "".join(answer_letters(item.answer)) if item.type in ("single", "multiple") else item.answer  # type: ignore[assignment]
    )
    return ParsedItem(
        type=item.type,
        stem=item.stem,
        options=list(item.options) if item.options else None,
        answer=answer,
        explanation=item.explanation if explanation else None,
        source=source_label(item.source.title, item.source.locator) if source else None,
        difficulty=item.difficulty if source else None,
        score=SCORES[item.type] if source else None,
    )


def parse_json(data: bytes | str) -> list[QuizItem]:
    return [QuizItem.model_validate(d) for d in json.loads(data)]


def _from_row(row: list[str]) -> ParsedItem:
    cells = dict(zip(EXAM_COLUMNS, [*row, *[""] * len(EXAM_COLUMNS)], strict=False))
    label = cells["题型"].strip()
    if label not in _TYPE_BY_LABEL:
        raise ValueError(f"unknown 题型 {label!r}")
    type_ = _TYPE_BY_LABEL[label]
    options = [cells[f"选项{ch}"] for ch in LETTERS if cells[f"选项{ch}"] != ""]
    raw = cells["答案"].strip()
    answer: str | bool = raw == "正确" if type_ == "judge" else raw
    return ParsedItem(
        type=type_,
        stem=cells["题干"],
        options=options or None,
        answer=answer,
        explanation=cells["解析"],
        source=cells["出处"] or None,
        difficulty=_DIFFICULTY_BY_LABEL.get(cells["难度"].strip()),
        score=int(cells["分值"]) if cells["分值"].strip().isdigit() else None,
    )


def _rows(rows: list[list[str]]) -> list[ParsedItem]:
    if not rows or [c.strip() for c in rows[0][: len(EXAM_COLUMNS)]] != EXAM_COLUMNS:
        raise ValueError("not the exam-import layout: header row differs")
    return [_from_row(r) for r in rows[1:] if any(c.strip() for c in r)]


def parse_csv(data: bytes) -> list[ParsedItem]:
    return _rows(list(csv.reader(io.StringIO(data.decode("utf-8-sig")))))


def parse_xlsx(data: bytes) -> list[ParsedItem]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    return _rows(rows)


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _split_unescaped(text: str, sep: str) -> list[str]:
    return re.split(rf"(?<!\\){re.escape(sep)}", text)


def parse_gift(text: str) -> list[ParsedItem]:
    items: list[ParsedItem] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in block.splitlines() if not ln.lstrip().startswith("//")]
        q = "\n".join(lines).strip()
        if not q:
            continue
        q = re.sub(r"^::(?:\\.|[^:\\])*::", "", q)
        opens = [m.start() for m in re.finditer(r"(?<!\\)\{", q)]
        if not opens:
            raise ValueError(f"GIFT question without answers: {q[:40]}")
        stem, answers = q[: opens[-1]].strip(), q[opens[-1] + 1 :].rstrip()
        answers = answers[:-1] if answers.endswith("}") else answers
        body, _, feedback = answers.partition("####")
        explanation = gift_unescape(feedback.strip()) or None
        body = body.strip()
        if body in ("T", "F", "TRUE", "FALSE"):
            items.append(
                ParsedItem(
                    type="judge",
                    stem=gift_unescape(stem),
                    answer=body.startswith("T"),
                    explanation=explanation,
                )
            )
            continue
        parts = [p for p in re.split(r"(?<!\\)(?=[=~])", body) if p.strip()]
        if len(parts) == 1 and parts[0].startswith("="):
            answer = gift_unescape(parts[0][1:].strip())
            items.append(
                ParsedItem(type="blank", stem=gift_unescape(stem), answer=answer, explanation=explanation)
            )
            continue
        options: list[str] = []
        keys: list[str] = []
        weighted = False
        for i, part in enumerate(parts):
            marker, rest = part[0], part[1:].strip()
            weight = re.match(r"%(-?[\d.]+)%", rest)
            if weight:
                weighted = True
                rest = rest[weight.end() :]
                if float(weight.group(1)) > 0:
                    keys.append(LETTERS[i])
            elif marker == "=":
                keys.append(LETTERS[i])
            options.append(gift_unescape(rest.strip()))
        type_: QuizType = "multiple" if weighted else "single"
        items.append(
            ParsedItem(
                type=type_,
                stem=gift_unescape(stem),
                options=options,
                answer="".join(keys),
                explanation=explanation,
            )
        )
    return items


def parse_aiken(text: str) -> list[ParsedItem]:
    items: list[ParsedItem] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.rstrip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        answer_line = lines[-1]
        m = re.fullmatch(r"ANSWER:\s*([A-F])", answer_line)
        if not m:
            raise ValueError(f"Aiken question without ANSWER line: {lines[0][:40]}")
        options = []
        for ln in lines[1:-1]:
            opt = re.fullmatch(r"([A-F])[.)]\s?(.*)", ln)
            if not opt:
                raise ValueError(f"bad Aiken option line: {ln[:40]}")
            options.append(opt.group(2))
        items.append(ParsedItem(type="single", stem=lines[0], options=options, answer=m.group(1)))
    return items
