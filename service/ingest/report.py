"""The per-file ingest report: what was read, what structure was found, what was removed, what looks wrong.

Why: a branch secretary uploading a Word file needs to see at once that it was read as 3 章, 6 条 and
4 项, that 3 page headers were dropped from a PDF, or that a file named …条例 yielded no articles at all
(so a lookup by article will fail) — before a member asks. The same ``FileReport`` goes to the CLI
(``study ingest``), the API upload response (``IngestReport.files``) and the console.

Loaders fill a ``LoadNotes`` while reading (format, where the title came from, removed furniture,
format-specific warnings); ``file_report`` adds the structure counted on the split chunks and the
structure warnings. Warning codes are stable English identifiers; messages are Chinese.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from service.schemas import Chunk, DocType, SourceDoc

# File or title endings of documents that are expected to have 第X条 articles.
REGULATION_NAME_RE = re.compile(r"(条例|规定|办法|规则|细则|准则|章程|公约|守则|法)(（[^）]*）|\([^)]*\))?$")
# Chinese names of removal kinds, for people (CLI, console).
REMOVED_NAMES = {
    "running_header": "页眉",
    "running_footer": "页脚",
    "page_number": "页码",
    "hidden_elements": "隐藏元素",
    "site_furniture_lines": "网站栏目行",
    "furniture_elements": "导航/分享/翻页等部件",
    "boilerplate_lines": "样板行",
    "deleted_revisions": "修订删除内容",
    "hidden_runs": "隐藏文字",
}


class IngestWarning(BaseModel):
    code: str
    message: str


class StructureCounts(BaseModel):
    chapters: int = 0  # 第X章 (and 编) headings
    sections: int = 0  # 第X节 headings
    articles: int = 0  # distinct 第X条
    items: int = 0  # （一）… lines inside articles
    outline: int = 0  # 一、二、… section headings (documents organised without articles)
    paragraphs: int = 0  # non-empty lines of the text
    recovered_breaks: int = 0  # structure lines found inside a physical line (lost line breaks)


class FileReport(BaseModel):
    """What one file became (see the module docstring)."""

    path: str
    doc_id: str
    title: str
    title_source: str = "first_line"  # first_line | heading | metadata | manifest | filename
    format: str  # detected type: docx, pdf, html, txt, md, jsonl
    doc_type: DocType
    structure: StructureCounts = Field(default_factory=StructureCounts)
    chunks: int = 0
    removed: dict[str, int] = Field(default_factory=dict)
    warnings: list[IngestWarning] = Field(default_factory=list)


@dataclass
class LoadNotes:
    """What a loader learnt while reading one file (filled in ``loaders``)."""

    format: str
    title_source: str = "first_line"
    removed: Counter[str] = field(default_factory=Counter)
    warnings: list[IngestWarning] = field(default_factory=list)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(IngestWarning(code=code, message=message))


_OUTLINE_RE = re.compile(r"^[一二三四五六七八九十]+、")


def count_structure(doc: SourceDoc, chunks: list[Chunk]) -> tuple[StructureCounts, list[int]]:
    """Structure counts of ``doc`` and its article numbers in order.

    Headings, items and paragraphs come from ``structure_lines``; articles from the chunks, so article
    text quoted inside an amending article (宪法修正案) is not counted as an article of its own.
    """
    from service.text.refs import article_key, heading_line
    from service.text.split import structure_lines

    counts = StructureCounts()
    firsts = [c for c in chunks if c.article_no is not None and c.part == 1]
    numbers = [c.article_no for c in firsts if c.article_no is not None]
    in_article = False
    for sl in structure_lines(doc.text):
        counts.paragraphs += 1
        counts.recovered_breaks += int(sl.recovered)
        if sl.kind == "article":
            in_article = True
        elif sl.kind == "heading":
            in_article = False
            head = heading_line(doc.text[sl.start : sl.end])
            if head and head[0].ref.unit == "节":
                counts.sections += 1
            else:
                counts.chapters += 1
        elif sl.kind == "item" and in_article:
            counts.items += 1
        elif _OUTLINE_RE.match(doc.text[sl.start : sl.end]):
            counts.outline += 1
    counts.articles = len({article_key(c.article_no, c.locator) for c in firsts if c.article_no is not None})
    return counts, numbers


def _gaps(numbers: list[int]) -> list[tuple[int, int]]:
    """(previous, next) pairs where the article numbering jumps forward by more than one."""
    return [(a, b) for a, b in itertools.pairwise(numbers) if b > a + 1]


def file_report(doc: SourceDoc, chunks: list[Chunk], notes: LoadNotes | None) -> FileReport:
    """The report of one loaded document split into ``chunks``."""
    from service.text.normalize import int_to_cn

    notes = notes or LoadNotes(format=str(doc.metadata.get("format") or "unknown"))
    counts, numbers = count_structure(doc, chunks)
    warnings = list(notes.warnings)
    name = (doc.source_path or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    named_like_regulation = any(
        REGULATION_NAME_RE.search(n) or REGULATION_NAME_RE.search(re.split(r"[_\-\s]", n)[0])
        for n in (doc.title, name)
        if n
    )
    if (
        counts.articles == 0
        and counts.outline < 2
        and (named_like_regulation or doc.doc_type == "regulation")
    ):
        warnings.append(
            IngestWarning(
                code="no_structure",
                message="文件名或标题像法规制度，但没有识别出“第X条”条文；按条查询将找不到，请检查原文的编号"
                "（如 Word 自动编号、扫描件）。",
            )
        )
    for a, b in _gaps(numbers)[:5]:
        warnings.append(
            IngestWarning(
                code="numbering_gap",
                message=f"条文编号不连续：第{int_to_cn(a)}条之后是第{int_to_cn(b)}条，可能有编号丢失。",
            )
        )
    if counts.recovered_breaks:
        warnings.append(
            IngestWarning(
                code="line_breaks_recovered",
                message=f"原文缺少换行，已按章、条编号顺序恢复 {counts.recovered_breaks} 处结构分行。",
            )
        )
    return FileReport(
        path=doc.source_path or doc.doc_id,
        doc_id=doc.doc_id,
        title=doc.title,
        title_source=notes.title_source,
        format=notes.format,
        doc_type=doc.doc_type,
        structure=counts,
        chunks=len(chunks),
        removed={k: v for k, v in sorted(notes.removed.items()) if v},
        warnings=warnings,
    )


def describe(report: FileReport) -> list[str]:
    """Chinese lines for people (CLI): one summary line, then one line per warning."""
    s = report.structure
    parts = []
    if s.chapters:
        parts.append(f"{s.chapters}章")
    if s.sections:
        parts.append(f"{s.sections}节")
    if s.articles:
        parts.append(f"{s.articles}条")
    if s.items:
        parts.append(f"{s.items}项")
    if s.outline and not s.articles:
        parts.append(f"{s.outline}个“一、”标题")
    if not parts:
        parts.append(f"{s.paragraphs}段")
    line = f"{report.path}  [{report.format}] {'、'.join(parts)}，{report.chunks} 个片段"
    if report.removed:
        removed = "、".join(f"{REMOVED_NAMES.get(k, k)} {v}" for k, v in report.removed.items())
        line += f"；已去除：{removed}"
    return [line] + [f"    ⚠ [{w.code}] {w.message}" for w in report.warnings]
