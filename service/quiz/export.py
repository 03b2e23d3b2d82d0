"""Question exports in the formats trainers import into their exam tools.

- JSON: the item model as the API returns it.
- CSV and Excel: the common Chinese exam-import layout (题号, 题型, 题干, 选项A–F, 答案, 解析, 出处, 难度, 分值);
  判断 answers are 正确/错误, 多选 answers are letters such as ``ABD``. CSV is UTF-8 with a BOM so that Excel
  opens it without mangling Chinese.
- Moodle GIFT: special characters escaped, multiple choice with percentage weights, true/false as {T}/{F},
  blanks as short answer {=answer}; the explanation is the general feedback (####).
- Aiken: single choice only (the format has no other type); other items are skipped and counted.
Every format has a parser in ``service/quiz/parse.py`` and round-trips in tests (GIFT also through the
third-party ``pygiftparser``). ``export_selection`` is the one place the CLI and the API export from: it
says what was written and what was skipped and why, and raises ``NothingToExport`` when nothing would be.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from pydantic import BaseModel, Field

from service.errors import NothingToExport
from service.quiz.items import DIFFICULTY_LABELS, LETTERS, TYPE_LABELS, answer_letters, source_label
from service.schemas import QuizItem

ExportFormat = Literal["json", "csv", "xlsx", "gift", "aiken"]
EXAM_COLUMNS = [
    "题号",
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
    "分值",
]
# Points per item by type, as branch exams commonly weigh them (单选 2, 多选 3, 判断 1, 填空 2).
SCORES: dict[str, int] = {"single": 2, "multiple": 3, "judge": 1, "blank": 2}
SKIP_REASONS: dict[str, str] = {
    "not_approved": "未通过审核（待审核或已驳回）",
    "type_not_supported": "该格式不支持此题型（Aiken 只能容纳单选题）",
}
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
    for n, item in enumerate(items, start=1):
        options = list(item.options or [])[: len(LETTERS)]
        rows.append(
            [
                str(n),
                TYPE_LABELS[item.type],
                item.stem,
                *(options + [""] * (len(LETTERS) - len(options))),
                exam_answer(item),
                item.explanation,
                source_label(item.source.title, item.source.locator),
                DIFFICULTY_LABELS[item.difficulty],
                str(SCORES[item.type]),
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
    widths = {"A": 6, "B": 8, "C": 60, "J": 10, "K": 60, "L": 24, "M": 6, "N": 6}
    for col in "DEFGHI":
        widths[col] = 18
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[0].value = int(str(row[0].value))  # 题号 and 分值 as numbers, so the exam tool can sum them
        row[-1].value = int(str(row[-1].value))
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


def exportable(item: QuizItem, fmt: ExportFormat) -> bool:
    """Whether ``fmt`` can hold ``item`` (Aiken: single choice only)."""
    return fmt != "aiken" or (item.type == "single" and bool(item.options))


class ExportResult(BaseModel):
    """What an export wrote: the file, how many items, and what it skipped by reason (``SKIP_REASONS``)."""

    data: bytes
    written: int
    skipped: dict[str, int] = Field(default_factory=dict)

    def summary(self) -> str:
        """已导出 8 题；跳过 21 题：未通过审核 13 题，该格式不支持此题型 8 题。"""
        text = f"已导出 {self.written} 题"
        if self.skipped:
            parts = [f"{SKIP_REASONS[r].split('（')[0]} {n} 题" for r, n in self.skipped.items()]
            text += f"；跳过 {sum(self.skipped.values())} 题：" + "，".join(parts)
        return text + "。"


def export_selection(items: list[QuizItem], fmt: ExportFormat, *, unapproved: int = 0) -> ExportResult:
    """Export ``items`` (the selected ones) in ``fmt``; ``unapproved`` counts items left out because they
    are not approved. Raises ``NothingToExport`` (409) with the reasons when nothing would be written."""
    kept = [i for i in items if exportable(i, fmt)]
    skipped: dict[str, int] = {}
    if unapproved:
        skipped["not_approved"] = unapproved
    if len(kept) < len(items):
        skipped["type_not_supported"] = len(items) - len(kept)
    if not kept:
        hints = []
        if unapproved:
            hints.append(
                f"有 {unapproved} 题尚未通过审核，可运行 study bank review --approve-all 或在控制台审核"
            )
        if skipped.get("type_not_supported"):
            hints.append(f"{skipped['type_not_supported']} 题的题型该格式不支持（Aiken 只能容纳单选题）")
        if not hints:
            hints.append("所选范围内题库为空")
        raise NothingToExport("没有可导出的题目：" + "；".join(hints) + "。", detail={"skipped": skipped})
    return ExportResult(data=export_items(kept, fmt), written=len(kept), skipped=skipped)


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
