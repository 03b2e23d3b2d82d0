"""Structure-aware splitting of a ``SourceDoc`` into retrievable ``Chunk``s with exact, citable locators.

Why structure first: members ask "党章第三十二条怎么规定的"; the answer must be that article, whole, with
its chapter, not a 600-character window that starts in 第三十一条. So:

- **Regulations** are split by 编/章/节 headings and 第X条 articles: one chunk per article, locator in the
  original numeral form (第三十二条), ``article_no`` as an int. An article longer than ``max_chars`` is
  split at 款 (paragraph) boundaries, then at sentence boundaries, into parts (``#a32``, ``#a32.2`` …).
  Text without article numbers (党章 总纲, 宪法 序言) becomes one chunk per paragraph (``总纲·第3段``;
  a numbered point of the 总纲 "第四，……" is ``总纲·第四点``);
  the adoption notes under a law's title become ``题注``. Article lines quoted inside an amending article
  (宪法修正案 第五十二条 "内容如下：第一百二十三条 …") stay part of that article.
- **Theory and other text** is split by paragraph, merged up to ``max_chars``; a paragraph longer than
  that becomes sentence windows overlapping by ``overlap_sentences``. A short heading-like paragraph is
  never left dangling at the end of a chunk.
- **A jsonl record that is one article** (LeCoQA: title 个体工商户条例第二条, text without 第X条) takes its
  article number and locator from the title.

Invariants: a chunk never cuts inside a sentence; ``doc.text[c.char_start:c.char_start + len(c.text)] ==
c.text``; chunk ids derive only from the doc id and the locator, so they are stable across runs.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from service.schemas import Chunk, SourceDoc
from service.text.refs import (
    HEADING_LEVELS,
    RefMatch,
    article_line,
    cn_to_int,
    continues_reference,
    enum_ordinal,
    find_refs,
    heading_line,
    parse_locator,
    ref_at,
    trailing_article,
)
from service.text.sentences import sentence_spans

PREAMBLE_NAMES = frozenset({"序言", "总纲", "前言", "引言"})
ITEM_LINE_RE = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_HEADING_MAX = 30
# Metadata a citation shows next to the title.
DISPLAY_KEYS = (
    "version", "version_label", "work", "status", "effective_date",
    "date", "issuer", "author", "origin", "source", "journal",
)  # fmt: skip


@dataclass
class _Block:
    """A run of paragraphs that belongs together: title notes, a preamble section or an article."""

    kind: str  # "notes" | "pre" | "article"
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans in doc.text
    chapter_path: list[str] = field(default_factory=list)
    name: str = ""  # preamble section name (总纲) or article locator (第三十二条)
    article_no: int | None = None


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines, surrounding whitespace excluded."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


_INNER_ITEM_RE = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")
_BOUNDARY_BEFORE = tuple("。！？；：!?;:”」』）)】")
_EDGE_SPACE = " \t\u3000"
_LOST_HEADING_MAX = 25  # chars between a 第X章 found inside a line and the 第X条 that follows its name


@dataclass(frozen=True)
class StructLine:
    """One structural line of a text: a span of ``text`` and what it opens.

    ``kind``: "article" (第X条 …, ``number`` and ``locator`` set), "heading" (第X编/章/节), "item"
    (（一）…) or "text". ``recovered`` marks a line that starts inside a physical line (lost breaks).
    """

    start: int
    end: int
    kind: str = "text"
    number: int | None = None
    locator: str = ""
    separated: bool = True  # the article number is followed by a space (第一条　…), not run on (第一条为了…)
    recovered: bool = False


def _article_at(text: str, s: int, e: int) -> tuple[int, str, bool] | None:
    """(number, locator, separated) when ``text[s:e]`` starts with 第X条; None otherwise."""
    line = text[s:e]
    found = article_line(line)
    if found is not None:
        return found.ref.number, found.written, True
    found = ref_at(line, 0, "条")
    if (
        found is not None
        and found.written == line[: found.end]
        and not continues_reference(line[found.end :])
    ):
        return found.ref.number, found.written, False
    return None


def _lost_breaks(text: str, s: int, e: int, last_no: int | None, starts_article: bool) -> list[int]:
    """Offsets inside ``text[s:e]`` where line breaks were lost: 第X条 in numbering sequence after a
    sentence end, a closing bracket or a heading, and the 第X编/章/节 headings right before one.

    Only a line holding at least two articles this way (or one after the article it starts with) is
    cut, so a cross-reference inside an ordinary article never cuts it.
    """
    line = text[s:e]
    chain: list[int] = []  # offsets in line of accepted articles
    heads: list[int] = []
    pending: list[int] = []  # headings waiting for the article that must follow their name
    expected = last_no + 1 if last_no is not None else None
    for m in find_refs(line, "条章节编"):
        if m.start == 0:
            continue
        before = line[: m.start].rstrip(_EDGE_SPACE)
        no = m.ref.number
        near = bool(pending) and (
            m.start - pending[-1] <= _LOST_HEADING_MAX
            and not re.search(r"[，。；,;：:、]", line[pending[-1] : m.start])
        )
        if m.ref.unit != "条":
            if before.endswith(_BOUNDARY_BEFORE) or near:
                pending = [*pending, m.start] if near else [m.start]
            continue
        if continues_reference(line[m.end :]) or (expected is not None and no != expected):
            continue
        if not (before.endswith(_BOUNDARY_BEFORE) or near):
            continue
        if near:
            heads.extend(pending)
        pending = []
        chain.append(m.start)
        expected = no + 1
    if len(chain) < 2 and not (chain and starts_article):
        return []
    return sorted({s + off for off in chain} | {s + h for h in heads})


def _split_items(text: str, s: int, e: int) -> list[int]:
    """Offsets of items （一）（二）… in sequence after ：；。 inside a recovered article line."""
    out: list[int] = []
    expected = 1
    line = text[s:e]
    for m in _INNER_ITEM_RE.finditer(line):
        if m.start() == 0 or line[m.start() - 1] not in "：；。:;":
            continue
        if cn_to_int(m.group(1)) == expected:
            out.append(s + m.start())
            expected += 1
    return out


def structure_lines(text: str) -> list[StructLine]:
    """The lines of ``text`` with the structure each opens (see ``StructLine``).

    Rules: a line starting 第X条 followed by a space is an article (as always); 第X条 run on into the
    text (第一条为了…) is an article when it continues the numbering (the previous article + 1, or the
    first one) and what follows is not a reference (规定的…, 、第X条) and no later line starts the same
    article with a space; a line whose breaks were lost is cut at 第X章/第X条 boundaries that form a
    sequence (``_lost_breaks``), and its items （一）… are cut too.
    """
    spans: list[tuple[int, int, bool]] = []  # (start, end, recovered)
    last_no: int | None = None
    for s, e in _lines(text):
        art = _article_at(text, s, e)
        cuts = _lost_breaks(text, s, e, art[0] if art else last_no, art is not None)
        if not cuts:
            spans.append((s, e, False))
            if art is not None and (last_no is None or art[0] == last_no + 1 or art[2]):
                last_no = art[0]
            continue
        bounds = [s, *cuts, e]
        pieces = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
        for a, b in pieces:
            sub = [a, *_split_items(text, a, b), b]
            for x, y in itertools.pairwise(sub):
                xs, ys = x, y
                while xs < ys and text[xs].isspace():
                    xs += 1
                while ys > xs and text[ys - 1].isspace():
                    ys -= 1
                if ys > xs:
                    spans.append((xs, ys, xs != s))
        for a, b in pieces:
            got = _article_at(text, a, b)
            if got is not None:
                last_no = got[0]
    sep_starts = {
        got[0]: i for i, (s, e, _r) in enumerate(spans) if (got := _article_at(text, s, e)) and got[2]
    }
    out: list[StructLine] = []
    last_no = None
    for i, (s, e, recovered) in enumerate(spans):
        line = text[s:e]
        art = _article_at(text, s, e)
        if art is not None:
            no, locator, separated = art
            in_sequence = (last_no is None and no == 1) or (last_no is not None and no == last_no + 1)
            later_twin = sep_starts.get(no, -1) > i
            if separated or recovered or (in_sequence and not later_twin):
                out.append(StructLine(s, e, "article", no, locator, separated, recovered))
                last_no = no
                continue
        if _is_heading(line):
            out.append(StructLine(s, e, "heading", recovered=recovered))
        elif ITEM_LINE_RE.match(line):
            out.append(StructLine(s, e, "item", recovered=recovered))
        else:
            out.append(StructLine(s, e, recovered=recovered))
    return out


def starts_structure(line: str) -> bool:
    """A line that opens a structure unit: 第X条 (with separator), a 编/章/节 heading or an item （一）."""
    line = line.strip()
    return bool(article_line(line) or _is_heading(line) or ITEM_LINE_RE.match(line))


def _heading_label(head: tuple[RefMatch, str]) -> str:
    """ "第一章 总则" from a heading line as written (numeral and unit kept, blanks normalised)."""
    ref, name = head
    return f"{ref.written} {name}" if name else ref.written


def _is_heading(line: str) -> tuple[RefMatch, str] | None:
    """A 编/章/节 heading line (``refs.heading_line``): (reference, name without blanks)."""
    return heading_line(line)


def _introduces_quote(line: str) -> bool:
    """An amending article announcing the text it inserts (……增加五条……内容如下：)."""
    return line.endswith(("：", ":")) and "如下" in line


def _title_lines(text: str, lines: list[tuple[int, int]], title: str) -> int:
    """How many leading lines only repeat the title (once, or broken over two lines, or both)."""
    key = re.sub(r"\s+", "", title)
    if not key:
        return 0
    i = 0
    while i < len(lines):
        acc, j = "", i
        while j < len(lines) and len(acc) < len(key):
            acc += re.sub(r"\s+", "", text[lines[j][0] : lines[j][1]])
            j += 1
        if acc != key:
            break
        i = j
    return i


def _marked_headings(doc: SourceDoc) -> dict[str, int]:
    """Unnumbered headings the source marked up (``## 总则``, ``## 一、坚定理想信念``) → structure level.

    ``metadata["headings"]`` (``[[text, markdown depth], …]``, from the markdown loader): ``##`` is the
    top level under the title (章 level), ``###`` one below. Preamble names (序言, 总纲) stay preambles.
    """
    marks: dict[str, int] = {}
    for item in doc.metadata.get("headings") or []:
        if isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[0], str):
            key = re.sub(r"[\s\u3000]+", "", item[0])
            if key and key not in PREAMBLE_NAMES and not ref_at(key, 0, "编章节"):
                marks[key] = min(max(int(item[1]) - 1, 1), 2)
    return marks


def _regulation_blocks(doc: SourceDoc) -> list[_Block]:
    text = doc.text
    marked = _marked_headings(doc)
    blocks: list[_Block] = []
    path: list[tuple[int, str]] = []  # (level, label)
    current: _Block | None = None
    seen_structure = False
    last_no: int | None = None
    quoting = False  # inside an amending article that quotes new article text ("内容如下：")
    struct = structure_lines(text)
    spans = [(sl.start, sl.end) for sl in struct]
    for sl in struct[_title_lines(text, spans, doc.title) :]:
        s, e = sl.start, sl.end
        line = text[s:e]
        art = sl if sl.kind == "article" else None
        head = _is_heading(line)
        compact = re.sub(r"[\s\u3000]+", "", line)
        if quoting and current is not None and current.kind == "article":
            no = art.number if art else None
            if head or (art and (last_no is None or no != last_no + 1)):
                current.paragraphs.append((s, e))
                continue
        if art:
            no = art.number
            locator = art.locator
            current = _Block("article", [(s, e)], [label for _, label in path], locator, no)
            blocks.append(current)
            seen_structure = True
            last_no = no
            quoting = _introduces_quote(line)
            continue
        if head or (compact in marked and len(compact) <= _HEADING_MAX):
            level = HEADING_LEVELS[head[0].ref.unit] if head else marked[compact]
            label = _heading_label(head) if head else compact
            path = [(lv, lb) for lv, lb in path if lv < level]
            path.append((level, label))
            current = None
            seen_structure = True
            quoting = False
            continue
        if compact in PREAMBLE_NAMES:
            current = _Block("pre", [], [label for _, label in path], compact)
            blocks.append(current)
            seen_structure = True
            quoting = False
            continue
        if not seen_structure and line.endswith("。") and (current is None or current.kind == "notes"):
            # prose before any structure (a 准则's preamble) is a 序言, not a note under the title
            current = _Block("pre", [], [], "序言")
            blocks.append(current)
            seen_structure = True
        if current is None:
            if not seen_structure:
                current = _Block("notes", [], [], "题注")
            else:  # paragraphs under a heading before its first article
                name = path[-1][1] if path else "正文"
                current = _Block("pre", [], [label for _, label in path], name)
            blocks.append(current)
        current.paragraphs.append((s, e))
        if current.kind == "article":
            quoting = quoting or _introduces_quote(line)
    return [b for b in blocks if b.paragraphs]


def _pack(text: str, paragraphs: list[tuple[int, int]], max_chars: int) -> list[list[tuple[int, int]]]:
    """Group spans into runs whose text (first start .. last end) stays within ``max_chars``.

    A paragraph longer than ``max_chars`` is replaced by its sentences first; a single sentence longer
    than ``max_chars`` stays whole (never cut inside a sentence).
    """
    units: list[tuple[int, int]] = []
    for s, e in paragraphs:
        if e - s <= max_chars:
            units.append((s, e))
        else:
            units.extend((s + a, s + b) for a, b in sentence_spans(text[s:e]))
    groups: list[list[tuple[int, int]]] = []
    for unit in units:
        if groups and unit[1] - groups[-1][0][0] <= max_chars:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    return groups


def _display_metadata(doc: SourceDoc) -> dict[str, Any]:
    return {k: doc.metadata[k] for k in DISPLAY_KEYS if doc.metadata.get(k) not in (None, "")}


def _make(
    doc: SourceDoc,
    chunk_id: str,
    start: int,
    end: int,
    *,
    locator: str,
    chapter_path: list[str] | None = None,
    article_no: int | None = None,
    paragraph_no: int | None = None,
    part: int = 1,
    parts: int = 1,
) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=doc.doc_id,
        title=doc.title,
        text=doc.text[start:end],
        doc_type=doc.doc_type,
        chapter_path=list(chapter_path or []),
        locator=locator,
        article_no=article_no,
        paragraph_no=paragraph_no,
        part=part,
        parts=parts,
        char_start=start,
        metadata=_display_metadata(doc),
    )


def _unique(base: str, used: set[str]) -> str:
    cid, k = base, 2
    while cid in used:
        cid, k = f"{base}-{k}", k + 1
    used.add(cid)
    return cid


def _preamble_locator(name: str, k: int, paragraph: str) -> str:
    """Locator of the k-th paragraph of a preamble section: ``总纲·第3段``; a numbered point of the
    总纲 ("第四，坚持民主集中制。……") is ``总纲·第四点`` so it can be cited and asked for like an article.
    Paragraphs under a chapter heading before its first article keep ``第一章 总则 第2段``."""
    if name not in PREAMBLE_NAMES:
        return f"{name} 第{k}段"
    point = enum_ordinal(paragraph)
    return f"{name}·第{point}点" if point else f"{name}·第{k}段"


def _split_regulation(doc: SourceDoc, max_chars: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    used: set[str] = set()
    pre_no = 0
    section_counts: dict[tuple[str, tuple[str, ...]], int] = {}
    for block in _regulation_blocks(doc):
        if block.kind == "article":
            groups = _pack(doc.text, block.paragraphs, max_chars)
            base = _unique(f"{doc.doc_id}#{_article_tag(block.article_no, block.name)}", used)
            for i, group in enumerate(groups, start=1):
                cid = base if i == 1 else _unique(f"{base}.{i}", used)
                chunks.append(
                    _make(doc, cid, group[0][0], group[-1][1], locator=block.name, chapter_path=block.chapter_path,
                          article_no=block.article_no, part=i, parts=len(groups))
                )  # fmt: skip
            continue
        if block.kind == "notes":
            groups = _pack(doc.text, block.paragraphs, max_chars)
            base = _unique(f"{doc.doc_id}#notes", used)
            for i, group in enumerate(groups, start=1):
                cid = base if i == 1 else _unique(f"{base}.{i}", used)
                chunks.append(
                    _make(doc, cid, group[0][0], group[-1][1], locator="题注", part=i, parts=len(groups))
                )
            continue
        key = (block.name, tuple(block.chapter_path))
        for s, e in block.paragraphs:
            pre_no += 1
            k = section_counts[key] = section_counts.get(key, 0) + 1
            groups = _pack(doc.text, [(s, e)], max_chars)
            base = _unique(f"{doc.doc_id}#pre{pre_no}", used)
            locator = _preamble_locator(block.name, k, doc.text[s:e])
            for i, group in enumerate(groups, start=1):
                cid = base if i == 1 else _unique(f"{base}.{i}", used)
                chunks.append(
                    _make(doc, cid, group[0][0], group[-1][1], locator=locator,
                          chapter_path=block.chapter_path, paragraph_no=k, part=i, parts=len(groups))
                )  # fmt: skip
    return chunks


def _runs_on(text: str) -> bool:
    """A paragraph that does not end a sentence: a heading, or a line the web page broke mid-sentence.

    Either way it belongs with what follows, so a chunk never ends on it.
    """
    return not text.endswith(("。", "！", "？", "!", "?", "”", "」", "；", "…", "）", ")"))


def _split_prose(doc: SourceDoc, max_chars: int, overlap_sentences: int) -> list[Chunk]:
    """Paragraphs merged up to ``max_chars``; long paragraphs as overlapping sentence windows."""
    text = doc.text
    paragraphs = _lines(text)
    chunks: list[Chunk] = []
    used: set[str] = set()
    group: list[int] = []  # paragraph indices (0-based) of the chunk being built

    def flush(indices: list[int]) -> None:
        if not indices:
            return
        first, last = indices[0] + 1, indices[-1] + 1
        locator = f"第{first}段" if first == last else f"第{first}-{last}段"
        start, end = paragraphs[indices[0]][0], paragraphs[indices[-1]][1]
        cid = _unique(f"{doc.doc_id}#p{first}", used)
        chunks.append(_make(doc, cid, start, end, locator=locator, paragraph_no=first))

    for idx, (s, e) in enumerate(paragraphs):
        if e - s > max_chars:
            flush(group)
            group = []
            _sentence_windows(doc, idx + 1, s, e, max_chars, overlap_sentences, chunks, used)
            continue
        if group and e - paragraphs[group[0]][0] > max_chars:
            carry: list[int] = []
            while len(group) > 1 and _runs_on(text[slice(*paragraphs[group[-1]])]):
                carry.insert(0, group.pop())
            flush(group)
            group = carry
            if group and e - paragraphs[group[0]][0] > max_chars:
                flush(group)
                group = []
        group.append(idx)
    flush(group)
    return chunks


def _sentence_windows(
    doc: SourceDoc,
    para_no: int,
    start: int,
    end: int,
    max_chars: int,
    overlap: int,
    chunks: list[Chunk],
    used: set[str],
) -> None:
    sents = [(start + a, start + b) for a, b in sentence_spans(doc.text[start:end])]
    windows: list[tuple[int, int]] = []  # sentence index ranges [i, j)
    i = 0
    while i < len(sents):
        j = i + 1
        while j < len(sents) and sents[j][1] - sents[i][0] <= max_chars:
            j += 1
        windows.append((i, j))
        if j >= len(sents):
            break
        i = max(j - overlap, i + 1)
    for w, (i, j) in enumerate(windows, start=1):
        base = f"{doc.doc_id}#p{para_no}" if w == 1 else f"{doc.doc_id}#p{para_no}.{w}"
        cid = _unique(base, used)
        chunks.append(
            _make(doc, cid, sents[i][0], sents[j - 1][1], locator=f"第{para_no}段", paragraph_no=para_no,
                  part=w, parts=len(windows))
        )  # fmt: skip


def _article_tag(article_no: int | None, locator: str) -> str:
    """Id fragment of an article from its number and locator: ``a32``; 第一百七十七条之一 → ``a177_1``."""
    tag = f"a{article_no}" if article_no is not None else "a"
    ref = parse_locator(locator)
    return f"{tag}_{ref.sub}" if ref is not None and ref.sub is not None else tag


def record_article(title: str) -> tuple[int, str] | None:
    """The trailing 第X条 of a record title (个体工商户条例第二条) as (number, locator in original form)."""
    found = trailing_article(title)
    return (found.ref.number, found.written) if found is not None else None


def _split_record_article(doc: SourceDoc, article_no: int, locator: str, max_chars: int) -> list[Chunk]:
    groups = _pack(doc.text, _lines(doc.text), max_chars)
    base = f"{doc.doc_id}#{_article_tag(article_no, locator)}"
    return [
        _make(doc, base if i == 1 else f"{base}.{i}", g[0][0], g[-1][1], locator=locator, article_no=article_no,
              part=i, parts=len(groups))
        for i, g in enumerate(groups, start=1)
    ]  # fmt: skip


def split_document(doc: SourceDoc, *, max_chars: int = 600, overlap_sentences: int = 1) -> list[Chunk]:
    """Chunks of ``doc`` in document order (see the module docstring for the rules)."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    if not doc.text.strip():
        return []
    n_articles = sum(1 for sl in structure_lines(doc.text) if sl.kind == "article")
    structured = doc.doc_type in ("regulation", "party_regulation") and bool(_marked_headings(doc))
    if n_articles >= 2 or (n_articles and doc.doc_type == "regulation") or structured:
        return _split_regulation(doc, max_chars)
    ref = record_article(doc.title)
    if ref is not None:
        return _split_record_article(doc, ref[0], ref[1], max_chars)
    return _split_prose(doc, max_chars, max(overlap_sentences, 0))
