"""PDF to text by page layout: running headers and footers removed, lines and page breaks re-joined.

Why layout, not text: a gazette PDF repeats its name, the document title, the issuing office and a
page number ("— 1 —", "第1页 共3页") on every page; read as a text stream these land inside articles,
and the first page's header even looks like a title note. Which lines are furniture is a question of
*where* they are, so we read each line's box with pdfplumber (pdfminer.six underneath) and decide:

- **Running header/footer**: a line among the first or last ``EDGE_LINES`` of a page, inside the top
  or bottom ``BAND`` of the page height, whose text (digits masked) recurs at about the same height
  (``POS_TOL`` points) on at least a third of the pages (and on two at least), so headers that
  alternate between odd and even pages are found too. The drawing order
  does not matter (pdfplumber sorts lines by position), so a header drawn after the body is found too.
- **Page number**: an edge line in the band that is only a page number in a usual form
  (``— 1 —``, ``- 1 -``, ``1``, ``1/3``, ``第1页 共3页``, ``Page 1 of 3``), even on a one-page file.
- **Line joins**: a line that reaches the right edge of the text block (within ``FULL_TOL`` character
  widths; the edge counts once ``MIN_FULL_LINES`` lines reach it) and does not end a sentence continues
  on the next line, also across a page break
  ("社区志|愿者" → "社区志愿者"), unless the next line starts a structure unit (第X条, 第X章, （一）);
  other line breaks are kept as paragraph breaks.
- **No text layer**: a file whose pages carry images but no characters is a scan: ``NoTextLayer``
  (``no_text_layer``); OCR is out of scope (no package here ships a Chinese OCR model).
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from service.errors import CorruptFile, EmptyDocument, NoTextLayer
from service.text.split import starts_structure

BAND = 0.15  # fraction of the page height searched for headers (top) and footers (bottom)
EDGE_LINES = 3  # how many lines from the top/bottom of a page may be furniture
POS_TOL = 6.0  # points: the same running line sits at the same height on each page
FULL_TOL = 1.5  # character widths: a line this close to the right edge of the text block is full
MIN_FULL_LINES = 3  # lines that must reach the right edge before line wraps are re-joined at all
_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "」", "』", "!", "?", ";", ":", "…")
_DASHES = "-—–－―~～·•"
_PAGE_NUMBER_RES = (
    re.compile(rf"^[{_DASHES}\s]*\d{{1,4}}[{_DASHES}\s]*$"),
    re.compile(r"^第\s*\d{1,4}\s*页\s*[,，/]?\s*(共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^(共\s*\d{1,4}\s*页\s*[,，]?\s*)?第\s*\d{1,4}\s*页$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(r"^(page|p\.)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE),
    re.compile(rf"^[{_DASHES}\s]*[一二三四五六七八九十百]+[{_DASHES}\s]*$"),
)


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass
class PdfText:
    """Body text of a PDF plus what was removed (``removed``: kind → count) and page facts."""

    text: str
    pages: int
    removed: Counter[str] = field(default_factory=Counter)
    removed_lines: list[str] = field(default_factory=list)
    pages_without_text: int = 0
    meta_title: str | None = None  # the document information dictionary's /Title


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number ("— 1 —", "第1页 共3页", "3/12", "Page 2 of 5")."""
    s = text.strip()
    return bool(s) and any(r.match(s) for r in _PAGE_NUMBER_RES)


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _read_pages(data: bytes) -> tuple[list[list[_Line]], list[bool], list[float], str | None]:
    """Lines per page (sorted top to bottom), whether each page has images, page heights, /Title."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    quiet = [logging.getLogger(n) for n in ("pdfminer", "pdfplumber")]
    levels = [lg.level for lg in quiet]
    for lg in quiet:
        lg.setLevel(logging.ERROR)
    pages: list[list[_Line]] = []
    images: list[bool] = []
    heights: list[float] = []
    title: str | None = None
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            raw_title = (pdf.metadata or {}).get("Title")
            title = raw_title.strip() if isinstance(raw_title, str) and raw_title.strip() else None
            for page in pdf.pages:
                lines = [
                    _Line(str(ln["text"]).strip(), float(ln["top"]), float(ln["bottom"]),
                          float(ln["x0"]), float(ln["x1"]))
                    for ln in page.extract_text_lines(strip=True, return_chars=False, keep_blank_chars=True)
                    if str(ln["text"]).strip()
                ]  # fmt: skip
                lines.sort(key=lambda ln: (round(ln.top), ln.x0))
                pages.append(lines)
                images.append(bool(page.images))
                heights.append(float(page.height))
                page.close()
    except (
        PdfminerException,
        PDFSyntaxError,
        PSException,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        AssertionError,
        OSError,
        RecursionError,
    ) as exc:
        raise CorruptFile(f"PDF 文件已损坏或格式不正确，无法解析（{type(exc).__name__}）。") from exc
    finally:
        for lg, level in zip(quiet, levels, strict=True):
            lg.setLevel(level)
    return pages, images, heights, title


def _edge_candidates(lines: list[_Line], height: float) -> list[tuple[int, str]]:
    """(index, "header"|"footer") of lines that may be furniture by position alone."""
    out: list[tuple[int, str]] = []
    n = len(lines)
    for i, ln in enumerate(lines):
        if i < EDGE_LINES and ln.top <= height * BAND:
            out.append((i, "header"))
        elif i >= n - EDGE_LINES and ln.bottom >= height * (1 - BAND):
            out.append((i, "footer"))
    return out


def _furniture(pages: list[list[_Line]], heights: list[float]) -> dict[tuple[int, int], str]:
    """(page, line index) → removal kind: running_header, running_footer or page_number."""
    candidates = [_edge_candidates(lines, h) for lines, h in zip(pages, heights, strict=True)]
    keyed: dict[str, list[tuple[int, int, float]]] = {}
    for p, cands in enumerate(candidates):
        for i, _where in cands:
            ln = pages[p][i]
            keyed.setdefault(_mask(ln.text), []).append((p, i, ln.top))
    with_text = sum(1 for lines in pages if lines)
    need = max(2, -(-with_text // 3))  # a third: gazettes alternate headers on odd and even pages
    out: dict[tuple[int, int], str] = {}
    for p, cands in enumerate(candidates):
        for i, where in cands:
            ln = pages[p][i]
            if is_page_number(ln.text):
                out[(p, i)] = "page_number"
                continue
            same = {q for q, _j, top in keyed[_mask(ln.text)] if abs(top - ln.top) <= POS_TOL}
            if len(same) >= need:
                out[(p, i)] = f"running_{where}"
    return out


def _joins(prev: _Line, nxt: _Line, right_edge: float, char_w: float) -> bool:
    full = prev.x1 >= right_edge - FULL_TOL * char_w
    return full and not prev.text.endswith(_SENTENCE_END) and not starts_structure(nxt.text)


def _glue(a: str, b: str) -> str:
    return (
        a + (" " if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum() else "") + b
    )


def pdf_to_text(data: bytes) -> PdfText:
    """Body text of a PDF, one paragraph per line, furniture removed (see the module docstring).

    Raises ``CorruptFile`` for unreadable bytes, ``NoTextLayer`` for image-only pages and
    ``EmptyDocument`` for a PDF with neither text nor images.
    """
    pages, images, heights, title = _read_pages(data)
    result = PdfText(text="", pages=len(pages), meta_title=title)
    if not any(pages):
        if any(images):
            raise NoTextLayer()
        raise EmptyDocument("PDF 中没有可提取的文字。")
    result.pages_without_text = sum(1 for lines, img in zip(pages, images, strict=True) if not lines and img)
    drop = _furniture(pages, heights)
    body: list[_Line] = []
    for p, lines in enumerate(pages):
        for i, ln in enumerate(lines):
            kind = drop.get((p, i))
            if kind:
                result.removed[kind] += 1
                result.removed_lines.append(ln.text)
            else:
                body.append(ln)
    if not body:
        raise EmptyDocument("PDF 中除页眉、页脚和页码外没有正文。")
    widths = sorted(b.x1 for b in body)
    right_edge = widths[int(len(widths) * 0.9)] if len(widths) > 1 else widths[0]
    heights_sorted = sorted(b.bottom - b.top for b in body)
    char_w = max(heights_sorted[len(heights_sorted) // 2], 1.0)
    # Too few lines reach the edge to call it the text block's width: keep every break.
    wrapped = sum(1 for b in body if b.x1 >= right_edge - FULL_TOL * char_w) >= MIN_FULL_LINES
    out: list[str] = []
    for k, ln in enumerate(body):
        if out and k > 0 and wrapped and _joins(body[k - 1], ln, right_edge, char_w):
            out[-1] = _glue(out[-1], ln.text)
        else:
            out.append(ln.text)
    result.text = "\n".join(out)
    return result
