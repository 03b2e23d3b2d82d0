"""Question exports in the formats trainers import into their exam tools.

- JSON: the item model as the API returns it.
- CSV and Excel: the common Chinese exam-import layout (题型, 题干, 选项A–F, 答案, 解析, 出处, 难度);
  判断 answers are 正确/错误, 多选 answers are letters such as ``ABD``. CSV is UTF-8 with a BOM so that Excel
  opens it without mangling Chinese.
- Moodle GIFT: special characters escaped, multiple choice with percentage weights, true/false as {T}/{F},
  blanks as short answer {=answer}; the explanation is the general feedback (####).
- Aiken: single choice only (the format has no other type); other items are skipped.
Every format has a parser in ``service/quiz/parse.py`` and round-trips in tests.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from service.quiz.items import DIFFICULTY_LABELS, LETTERS, TYPE_LABELS, answer_letters, source_label
from service.schemas import QuizItem

ExportFormat = Literal["json", "csv", "xlsx", "gift", "aiken"]
EXAM_COLUMNS = [
    "题型",
    "题干",
    "选项A",
    "选项B",
    "选项C",
    "选项D",
    "选项E",
    "选项F",
    "答案",
    "解析",
    "出处",
    "难度",
]
CONTENT_TYPES: dict[str, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "gift": "text/plain; charset=utf-8",
    "aiken": "text/plain; charset=utf-8",
}
EXTENSIONS: dict[str, str] = {
    "json": "json",
    "csv": "csv",
    "xlsx": "xlsx",
    "gift": "gift.txt",
    "aiken": "aiken.txt",
}
_GIFT_SPECIAL = "\\~=#{}:"


def exam_answer(item: QuizItem) -> str:
    if item.type == "judge":
        return "正确" if item.answer is True else "错误"
    if item.type in ("single", "multiple"):
        return "".join(answer_letters(item.answer))
    return str(item.answer)


def exam_rows(items: list[QuizItem]) -> list[list[str]]:
    rows = [list(EXAM_COLUMNS)]
    for item in items:
        options = list(item.options or [])[: len(LETTERS)]
        rows.append(
            [
                TYPE_LABELS[item.type],
                item.stem,
                *(options + [""] * (len(LETTERS) - len(options))),
                exam_answer(item),
                item.explanation,
                source_label(item.source.title, item.source.locator),
                DIFFICULTY_LABELS[item.difficulty],
            ]
        )
    return rows


def to_json(items: list[QuizItem]) -> str:
    return json.dumps([i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2)


def to_csv(items: list[QuizItem]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(exam_rows(items))
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(items: list[QuizItem]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "试题"
    for row in exam_rows(items):
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = {"A": 8, "B": 60, "I": 10, "J": 60, "K": 24, "L": 6}
    for col in "CDEFGH":
        widths[col] = 18
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def gift_escape(text: str) -> str:
    out = "".join("\\" + ch if ch in _GIFT_SPECIAL else ch for ch in text)
    return out.replace("\r", " ").replace("\n", "\\n")


def _weight(n: int) -> str:
    return f"{100 / n:.5f}".rstrip("0").rstrip(".")


def to_gift(items: list[QuizItem]) -> str:
    blocks: list[str] = []
    for item in items:
        title = f"::{gift_escape(item.id)}::"
        stem = gift_escape(item.stem)
        feedback = f"####{gift_escape(item.explanation)}"
        if item.type == "judge":
            body = f"{{{'T' if item.answer is True else 'F'}{feedback}}}"
        elif item.type == "blank":
            body = f"{{={gift_escape(str(item.answer))}{feedback}}}"
        else:
            options = item.options or []
            keys = answer_letters(item.answer)
            lines = []
            for i, option in enumerate(options):
                right = LETTERS[i] in keys
                if item.type == "single":
                    lines.append(("=" if right else "~") + gift_escape(option))
                else:
                    weight = _weight(len(keys)) if right else "-100"
                    lines.append(f"~%{weight}%{gift_escape(option)}")
            body = "{\n" + "\n".join(lines) + f"\n{feedback}\n}}"
        blocks.append(
            f"// {item.type} {source_label(item.source.title, item.source.locator)}\n{title}{stem} {body}"
        )
    return "\n\n".join(blocks) + "\n"


def to_aiken(items: list[QuizItem]) -> str:
    blocks: list[str] = []
    for item in items:
        if item.type != "single" or not item.options:
            continue
        lines = [item.stem.replace("\n", " ")]
        lines += [f"{LETTERS[i]}. {o.replace(chr(10), ' ')}" for i, o in enumerate(item.options)]
        lines.append(f"ANSWER: {''.join(answer_letters(item.answer))}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def export_items(items: list[QuizItem], fmt: ExportFormat) -> bytes:
    """The file content of ``items`` in ``fmt`` (see ``CONTENT_TYPES`` / ``EXTENSIONS`` for serving it)."""
    if fmt == "json":
        return to_json(items).encode("utf-8")
    if fmt == "csv":
        return to_csv(items)
    if fmt == "xlsx":
        return to_xlsx(items)
    if fmt == "gift":
        return to_gift(items).encode("utf-8")
    return to_aiken(items).encode("utf-8")
