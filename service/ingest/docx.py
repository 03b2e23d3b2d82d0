"""Word (.docx) to text as Word shows it: list numbers rendered, tables once, nothing hidden or deleted.

Why our own walk over the body XML rather than ``python-docx``'s ``paragraph.text`` or a converter:
regulations are drafted with Word list numbering (第%1章, 第%1条, （%1）), and the numbers live in
``numbering.xml``, not in the paragraph text; python-docx and mammoth never render them, docx2python
renders only decimal/letter/roman formats (no ``chineseCounting``), and LibreOffice is not installed
everywhere. Measured on ``shared/cases/08-docx-auto-numbering`` (see ``tests/unit/test_docx.py``): the
walk here gives the same 3 chapters, 6 articles and 4 items as the hand-numbered file.

Rules, after ECMA-376 Part 1 §17.9 (numbering) and §17.4 (tables):
- A paragraph's numbering comes from its ``w:numPr`` or from its paragraph style (``basedOn`` chain);
  ``numId`` 0 means "no number". Counters belong to the abstract numbering, so two ``w:num`` pointing at
  one ``abstractNum`` continue each other, except that a ``w:num`` with ``lvlOverride/startOverride``
  restarts the level the first time that ``w:num`` is used (how Word numbers （一） again under each
  article). Incrementing a level resets the deeper levels (``lvlRestart`` respected).
- ``lvlText`` placeholders ``%1``..``%9`` are replaced by each level's counter in that level's
  ``numFmt`` (``decimal`` for all under ``isLgl``); ``bullet`` and ``none`` render nothing. The suffix
  (``suff``) is an ideographic space for ``tab`` (Word's default) and a space for ``space``.
- Runs: ``w:t``, tabs and breaks; tracked deletions (``w:del``, ``w:moveFrom``), hidden runs
  (``w:vanish``), field instructions and ``mc:Fallback`` copies are skipped. Comments, headers, footers
  and footnotes live in other parts and are never read.
- Tables: each ``w:tc`` once (a ``gridSpan`` cell is not repeated per column; a ``vMerge`` continuation
  cell is skipped), nested tables in reading order inside their cell. A row whose cells are single lines
  becomes one line (cells joined by a space); otherwise each cell's lines follow in order.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from service.errors import CorruptFile
from service.text.normalize import int_to_cn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W_NS}}}"
_SKIP_SUBTREES = frozenset(
    {
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}instrText",
        f"{_W}delText",
        f"{_W}txbxContent",  # text boxes are emitted as blocks of their own after the paragraph
        f"{{{MC_NS}}}Fallback",
        f"{_W}footnoteReference",
        f"{_W}endnoteReference",
        f"{_W}commentReference",
    }
)
_TAB_SUFFIX = "\u3000"


def _attr(el: Any, name: str) -> str | None:
    if el is None:
        return None
    value = el.get(f"{_W}{name}")
    return str(value) if value is not None else None


def _int_attr(el: Any, name: str = "val") -> int | None:
    value = _attr(el, name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- number formats (ECMA-376 §17.18.59 ST_NumberFormat) ---------------------------------------

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百千零", "壹贰叁肆伍陆柒捌玖拾佰仟零")
_LEGAL_TRAD = str.maketrans("一二三四五六七八九十百千零", "壹貳參肆伍陸柒捌玖拾佰仟零")


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz (the letter repeated)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cn(n: int) -> str:
    return int_to_cn(n) if 0 <= n < 10000 else str(n)


def _enclosed(chars: str, n: int) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "ordinal": str,
    "cardinalText": str,
    "chineseCounting": _cn,
    "chineseCountingThousand": _cn,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "japaneseCounting": _cn,
    "taiwaneseCounting": _cn,
    "taiwaneseCountingThousand": _cn,
    "chineseLegalSimplified": lambda n: _cn(n).translate(_LEGAL),
    "ideographLegalTraditional": lambda n: _cn(n).translate(_LEGAL_TRAD),
    "ideographTraditional": lambda n: _enclosed(_TIANGAN, n),
    "ideographZodiac": lambda n: _enclosed(_DIZHI, n),
    "decimalEnclosedCircle": lambda n: _enclosed(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _enclosed(_PAREN, n),
    "decimalEnclosedFullstop": lambda n: f"{n}.",
    "ideographEnclosedCircle": lambda n: f"({_cn(n)})",
}


def format_number(n: int, num_fmt: str) -> str:
    """``n`` in a Word ``numFmt`` (``chineseCounting`` 3 → 三); unknown formats fall back to decimal."""
    if num_fmt in {"bullet", "none"}:
        return ""
    return _FORMATS.get(num_fmt, str)(n)


# --- numbering definitions --------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    num_fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    restart: int | None = None  # lvlRestart: reset after this (1-based) level; 0 = never
    is_legal: bool = False
    style: str | None = None


@dataclass
class _Num:
    abstract_id: str
    starts: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # ilvl → overriding level definition


def _parse_level(lvl: Any) -> _Level:
    level = _Level()
    for child in lvl:
        tag = child.tag
        if tag == f"{_W}start":
            level.start = _int_attr(child) or 0
        elif tag == f"{_W}numFmt":
            level.num_fmt = _attr(child, "val") or "decimal"
        elif tag == f"{_W}lvlText":
            level.text = _attr(child, "val") or ""
        elif tag == f"{_W}suff":
            level.suffix = _attr(child, "val") or "tab"
        elif tag == f"{_W}lvlRestart":
            level.restart = _int_attr(child)
        elif tag == f"{_W}isLgl":
            level.is_legal = _attr(child, "val") not in {"0", "false", "off"}
        elif tag == f"{_W}pStyle":
            level.style = _attr(child, "val")
    return level


@dataclass
class _Style:
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


class Numbering:
    """Word list numbering of one document: give it each paragraph's numPr in order, get the label."""

    def __init__(self, numbering_xml: Any | None, styles_xml: Any | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self._style_links: dict[str, str] = {}  # abstractNum id → numStyleLink style id
        self.nums: dict[str, _Num] = {}
        self.styles: dict[str, _Style] = {}
        if styles_xml is not None:
            for st in styles_xml.iter(f"{_W}style"):
                sid = _attr(st, "styleId")
                if not sid:
                    continue
                based = st.find(f"{_W}basedOn")
                num_pr = st.find(f"{_W}pPr/{_W}numPr")
                self.styles[sid] = _Style(
                    based_on=_attr(based, "val"),
                    num_id=_attr(num_pr.find(f"{_W}numId"), "val") if num_pr is not None else None,
                    ilvl=_int_attr(num_pr.find(f"{_W}ilvl")) if num_pr is not None else None,
                )
        if numbering_xml is None:
            return
        for an in numbering_xml.iter(f"{_W}abstractNum"):
            aid = _attr(an, "abstractNumId")
            if aid is None:
                continue
            self.abstract[aid] = {
                _int_attr(lvl, "ilvl") or 0: _parse_level(lvl) for lvl in an.iter(f"{_W}lvl")
            }
            link = an.find(f"{_W}numStyleLink")
            if link is not None and _attr(link, "val"):
                self._style_links[aid] = str(_attr(link, "val"))
        for num in numbering_xml.iter(f"{_W}num"):
            nid, ref = _attr(num, "numId"), num.find(f"{_W}abstractNumId")
            if nid is None or ref is None or _attr(ref, "val") is None:
                continue
            entry = _Num(str(_attr(ref, "val")))
            for ov in num.iter(f"{_W}lvlOverride"):
                ilvl = _int_attr(ov, "ilvl") or 0
                so = ov.find(f"{_W}startOverride")
                if so is not None and _int_attr(so) is not None:
                    entry.starts[ilvl] = int(_int_attr(so) or 0)
                lvl = ov.find(f"{_W}lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _parse_level(lvl)
            self.nums[nid] = entry
        self._counters: dict[str, dict[int, int]] = {}  # abstract id → level → current value
        self._used: set[tuple[str, int]] = set()  # (numId, ilvl) seen, for startOverride restarts

    def _abstract_id(self, num_id: str, depth: int = 0) -> str | None:
        """The abstractNum behind ``num_id``, following ``numStyleLink`` through numbering styles."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract_id
        link = self._style_links.get(aid)
        if link and depth < 4:
            style = self.styles.get(link)
            if style and style.num_id and style.num_id != num_id:
                return self._abstract_id(style.num_id, depth + 1) or aid
        return aid

    def _level(self, num_id: str, aid: str, ilvl: int) -> _Level | None:
        num = self.nums[num_id]
        return num.levels.get(ilvl) or self.abstract.get(aid, {}).get(ilvl)

    def paragraph_numbering(self, p: Any) -> tuple[str, int] | None:
        """(numId, ilvl) of paragraph ``p`` from its own numPr or its style chain; None when unnumbered."""
        ppr = p.find(f"{_W}pPr")
        num_id: str | None = None
        ilvl: int | None = None
        style_id: str | None = None
        if ppr is not None:
            num_pr = ppr.find(f"{_W}numPr")
            if num_pr is not None:
                num_id = _attr(num_pr.find(f"{_W}numId"), "val")
                ilvl = _int_attr(num_pr.find(f"{_W}ilvl"))
            style_id = _attr(ppr.find(f"{_W}pStyle"), "val")
        seen: set[str] = set()
        sid = style_id
        while (num_id is None or ilvl is None) and sid and sid not in seen:
            seen.add(sid)
            style = self.styles.get(sid)
            if style is None:
                break
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
            if ilvl is None and style.ilvl is not None:
                ilvl = style.ilvl
            sid = style.based_on
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            aid = self._abstract_id(num_id)
            levels = self.abstract.get(aid or "", {})
            ilvl = next((k for k, lv in levels.items() if style_id and lv.style == style_id), 0)
        return num_id, ilvl

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (``num_id``, ``ilvl``) and return the label Word shows, suffix included.

        ``""`` for bullets and unnumbered levels; None when the numbering definition is missing.
        """
        aid = self._abstract_id(num_id)
        if aid is None:
            return None
        level = self._level(num_id, aid, ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(aid, {})
        num = self.nums[num_id]
        if (num_id, ilvl) not in self._used:
            self._used.add((num_id, ilvl))
            if ilvl in num.starts:
                counters[ilvl] = num.starts[ilvl] - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            dl = self._level(num_id, aid, deeper)
            restart = dl.restart if dl is not None else None
            if restart is None or (restart != 0 and restart >= ilvl + 1):
                del counters[deeper]
        if level.num_fmt == "none" or not level.text:
            return ""
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token not in text:
                continue
            lv = self._level(num_id, aid, k)
            value = counters.get(k, lv.start if lv else 1)
            fmt = "decimal" if level.is_legal else (lv.num_fmt if lv else "decimal")
            text = text.replace(token, format_number(value, fmt))
        if level.num_fmt == "bullet":
            return ""
        suffix = {"space": " ", "nothing": ""}.get(level.suffix, _TAB_SUFFIX)
        return text + suffix if text.strip() else ""


# --- body walk --------------------------------------------------------------------------------


@dataclass
class DocxStats:
    """What the walk met: numbered paragraphs, tables, skipped hidden/deleted runs."""

    numbered: int = 0
    tables: int = 0
    nested_tables: int = 0
    merged_cells: int = 0
    deleted_runs: int = 0
    hidden_runs: int = 0
    unrendered: int = 0  # numbered paragraphs whose numbering definition is missing
    title: str | None = None  # core properties title


def _run_is_hidden(r: Any) -> bool:
    rpr = r.find(f"{_W}rPr")
    if rpr is None:
        return False
    vanish = rpr.find(f"{_W}vanish")
    return vanish is not None and _attr(vanish, "val") not in {"0", "false", "off"}


def _paragraph_text(p: Any, stats: DocxStats) -> str:
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (f"{_W}del", f"{_W}moveFrom"):
                stats.deleted_runs += 1
                continue
            if tag in _SKIP_SUBTREES:
                continue
            if tag == f"{_W}r" and _run_is_hidden(child):
                stats.hidden_runs += 1
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(out)


class _Walker:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.stats = DocxStats()
        self._depth = 0  # table nesting depth

    def blocks(self, container: Any) -> Iterator[str]:
        """Text lines of the block-level children of ``container`` (body, cell, sdtContent …)."""
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                yield from self._paragraph(child)
            elif tag == f"{_W}tbl":
                yield from self._table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent", f"{_W}ins", f"{_W}smartTag"):
                yield from self.blocks(child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child)

    def _paragraph(self, p: Any) -> Iterator[str]:
        text = _paragraph_text(p, self.stats)
        numbered = self.numbering.paragraph_numbering(p)
        label = ""
        if numbered is not None:
            got = self.numbering.label(*numbered)
            if got is None:
                self.stats.unrendered += 1
            elif got:
                self.stats.numbered += 1
                label = got
        line = (label + text.lstrip()) if label else text
        if line.strip():
            yield line
        for box in p.iter(f"{_W}txbxContent"):
            if any(a.tag == f"{{{MC_NS}}}Fallback" for a in box.iterancestors()):
                continue
            yield from self.blocks(box)

    def _cell_lines(self, tc: Any) -> list[str]:
        lines: list[str] = []
        for line in self.blocks(tc):
            lines.extend(s.strip() for s in line.split("\n") if s.strip())
        return lines

    def _table(self, tbl: Any) -> Iterator[str]:
        self.stats.tables += 1
        if self._depth:
            self.stats.nested_tables += 1
        self._depth += 1
        try:
            for tr in tbl.iterchildren(f"{_W}tr"):
                cells: list[list[str]] = []
                for tc in _row_cells(tr):
                    tcpr = tc.find(f"{_W}tcPr")
                    if tcpr is not None:
                        vmerge = tcpr.find(f"{_W}vMerge")
                        if vmerge is not None and _attr(vmerge, "val") in (None, "continue"):
                            self.stats.merged_cells += 1
                            continue
                        span = _int_attr(tcpr.find(f"{_W}gridSpan"))
                        if span and span > 1:
                            self.stats.merged_cells += 1
                    cells.append(self._cell_lines(tc))
                cells = [c for c in cells if c]
                if all(len(c) == 1 for c in cells):
                    if cells:
                        yield " ".join(c[0] for c in cells)
                else:
                    for c in cells:
                        yield from c
        finally:
            self._depth -= 1


def _row_cells(tr: Any) -> Iterator[Any]:
    """The ``w:tc`` of a row, also inside content controls, never those of a nested table."""
    for child in tr:
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _row_cells(child)


def _part_xml(package: Any, rel_type_suffix: str) -> Any | None:
    for rel in package.main_document_part.rels.values():
        if rel.reltype.endswith(rel_type_suffix) and not rel.is_external:
            from lxml import etree

            return etree.fromstring(rel.target_part.blob)
    return None


def docx_to_lines(data: bytes) -> tuple[list[str], DocxStats]:
    """Visible body text of a .docx, one block (paragraph or table row) per item, with walk statistics.

    Raises ``CorruptFile`` when the bytes are not a readable .docx.
    """
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.package import OpcPackage
    from lxml import etree
    from lxml.etree import XMLSyntaxError

    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
        body = etree.fromstring(main.blob).find(f"{_W}body")
        numbering = Numbering(_part_xml(package, "/numbering"), _part_xml(package, "/styles"))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as exc:
        raise CorruptFile(f"Word 文档已损坏或不是 .docx 格式，无法解析（{type(exc).__name__}）。") from exc
    if body is None:
        raise CorruptFile("Word 文档缺少正文部分，无法解析。")
    walker = _Walker(numbering)
    lines = list(walker.blocks(body))
    try:
        walker.stats.title = package.core_properties.title or None
    except (KeyError, ValueError, XMLSyntaxError):
        walker.stats.title = None
    return lines, walker.stats
