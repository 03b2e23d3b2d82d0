"""新旧条文对照表 exports: markdown, HTML and xlsx, in the familiar layout 左 旧条文 · 右 新条文.

Changed characters are marked: deleted ones on the old side (markdown ``~~…~~``, HTML ``<del>``, red
struck-through in xlsx), inserted ones on the new side (markdown ``**…**``, HTML ``<ins>``, red bold
in xlsx). Unchanged articles show plain text; 新增 / 删除 rows leave the other side empty. A 说明 column says
what changed in words (``diff.change_summary``: "“消费卡”改为“消费卡（券）”；新增一款：……").
"""

from __future__ import annotations

import html
import io

from service.versions.diff import DiffRow, DiffTable, Segment, change_summary

_STATUS_CLASS = {"新增": "added", "删除": "removed", "修改": "changed", "未变": "same"}


def _title(table: DiffTable) -> str:
    return f"《{table.work}》新旧条文对照表（{table.old.name()} → {table.new.name()}）"


def _summary(table: DiffTable) -> str:
    c = table.counts()
    return (
        f"旧条文 {table.old.name()} · 新条文 {table.new.name()}：新增 {c['新增']} 条，删除 {c['删除']} 条，"
        f"修改 {c['修改']} 条，未变 {c['未变']} 条。"
    )


def _side(row: DiffRow, old: bool) -> tuple[str, list[Segment]]:
    article = row.old if old else row.new
    if article is None:
        return "", []
    return article.locator, row.old_segments if old else row.new_segments


# --- markdown -------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _md_segments(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        text = _md_cell(seg.text)
        if seg.kind == "delete" and text.strip():
            out.append(f"~~{text}~~")
        elif seg.kind == "insert" and text.strip():
            out.append(f"**{text}**")
        else:
            out.append(text)
    return "".join(out)


def to_markdown(table: DiffTable) -> str:
    """The table as GitHub markdown (one row per article pair)."""
    lines = [
        f"# {_title(table)}",
        "",
        _summary(table),
        "",
        f"| 旧条文（{table.old.name()}） | 新条文（{table.new.name()}） | 变化 | 说明 |",
        "|---|---|---|---|",
    ]
    for row in table.rows:
        cells = []
        for old in (True, False):
            locator, segments = _side(row, old)
            cells.append(f"**{locator}** {_md_segments(segments)}" if locator else "")
        note = change_summary(row).replace("|", "\\|")
        lines.append(f"| {cells[0]} | {cells[1]} | {row.status} | {note} |")
    return "\n".join(lines) + "\n"


# --- HTML -----------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem} p.summary{color:#555}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #ccc;padding:.5rem;vertical-align:top;line-height:1.6;white-space:pre-wrap}
th{background:#f3f3f3} td.status{width:4.5em;text-align:center;white-space:nowrap}
th.status{width:4.5em} th.note{width:16em} td.note{font-size:.9em;color:#444}
.loc{font-weight:bold;display:block;margin-bottom:.2rem}
del{background:#fdd;color:#b00;text-decoration:line-through}
ins{background:#dfd;color:#070;text-decoration:none;font-weight:bold}
tr.added td.status{color:#070} tr.removed td.status{color:#b00} tr.changed td.status{color:#a60}
""".strip()


def _html_segments(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        text = html.escape(seg.text)
        if seg.kind == "delete":
            out.append(f"<del>{text}</del>")
        elif seg.kind == "insert":
            out.append(f"<ins>{text}</ins>")
        else:
            out.append(text)
    return "".join(out)


def to_html(table: DiffTable) -> str:
    """A standalone HTML page (UTF-8, inline CSS, no scripts)."""
    rows = []
    for row in table.rows:
        cells = []
        for old in (True, False):
            locator, segments = _side(row, old)
            body = (
                f'<span class="loc">{html.escape(locator)}</span>{_html_segments(segments)}'
                if locator
                else ""
            )
            cells.append(f'<td class="{"old" if old else "new"}">{body}</td>')
        rows.append(
            f'<tr class="{_STATUS_CLASS[row.status]}">{cells[0]}{cells[1]}'
            f'<td class="status">{row.status}</td>'
            f'<td class="note">{html.escape(change_summary(row))}</td></tr>'
        )
    title = html.escape(_title(table))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f'<h1>{title}</h1><p class="summary">{html.escape(_summary(table))}</p>'
        f'<table id="diff"><thead><tr><th>旧条文（{html.escape(table.old.name())}）</th>'
        f'<th>新条文（{html.escape(table.new.name())}）</th><th class="status">变化</th>'
        '<th class="note">说明</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


# --- xlsx -----------------------------------------------------------------------------------------


def to_xlsx(table: DiffTable) -> bytes:
    """An .xlsx workbook: 序号 · 旧条号 · 旧条文 · 新条号 · 新条文 · 变化 · 相似度 · 说明, changes in rich text."""
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Font, PatternFill

    deleted = InlineFont(color="FFB00000", strike=True)
    inserted = InlineFont(color="FFB00000", b=True, u="single")

    def rich(segments: list[Segment]) -> CellRichText | str:
        if all(s.kind == "equal" for s in segments):
            return "".join(s.text for s in segments)
        parts: list[str | TextBlock] = []
        for seg in segments:
            if not seg.text:
                continue
            if seg.kind == "equal":
                parts.append(seg.text)
            else:
                parts.append(TextBlock(deleted if seg.kind == "delete" else inserted, seg.text))
        return CellRichText(parts)

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "新旧条文对照"
    ws.append([_title(table)])
    ws.append([_summary(table)])
    header = [
        "序号",
        f"旧条号（{table.old.name()}）",
        "旧条文",
        f"新条号（{table.new.name()}）",
        "新条文",
        "变化",
        "相似度",
        "说明",
    ]
    ws.append(header)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFF3F3F3")
    for k, row in enumerate(table.rows, start=1):
        ws.append(
            [
                k,
                row.old.locator if row.old else "",
                rich(row.old_segments) if row.old else "",
                row.new.locator if row.new else "",
                rich(row.new_segments) if row.new else "",
                row.status,
                round(row.similarity, 3) if row.old and row.new else None,
                change_summary(row),
            ]
        )
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in ws.iter_rows(min_row=4):
        for cell in line:
            cell.alignment = wrap
    for col, width in zip("ABCDEFGH", (6, 16, 60, 16, 60, 8, 8, 30), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORMATS = ("md", "html", "xlsx", "json")


def to_json(table: DiffTable) -> dict[str, object]:
    """The table as JSON-ready data (API ``format=json``)."""

    def art(a: object) -> dict[str, object] | None:
        if a is None:
            return None
        return {"no": a.no, "locator": a.locator, "chapter": a.chapter, "text": a.text}  # type: ignore[attr-defined]

    return {
        "work": table.work,
        "from": {"doc_id": table.old.doc_id, "version": table.old.version, "status": table.old.status},
        "to": {"doc_id": table.new.doc_id, "version": table.new.version, "status": table.new.status},
        "counts": table.counts(),
        "rows": [
            {
                "status": r.status,
                "old": art(r.old),
                "new": art(r.new),
                "similarity": round(r.similarity, 3),
                "summary": change_summary(r),
                "old_segments": [{"kind": s.kind, "text": s.text} for s in r.old_segments],
                "new_segments": [{"kind": s.kind, "text": s.text} for s in r.new_segments],
            }
            for r in table.rows
        ],
    }
