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

import re
from dataclasses import dataclass, field
from typing import Any

from service.schemas import Chunk, SourceDoc
from service.text.normalize import cn_to_int
from service.text.sentences import sentence_spans

_NUM = r"[零〇○一二两三四五六七八九十百千\d]+"
ARTICLE_LINE_RE = re.compile(rf"^第({_NUM})条(之[一二三四五六七八九十]+)?(?:[\s\u3000]+|$)")
HEADING_RE = re.compile(rf"^第({_NUM})([编章节])(?:[\s\u3000]*)(.*)$")
PREAMBLE_NAMES = frozenset({"序言", "总纲", "前言", "引言"})
_TITLE_ARTICLE_RE = re.compile(rf"第({_NUM})条(之[一二三四五六七八九十]+)?$")
_HEADING_MAX = 30
_LEVELS = {"编": 0, "章": 1, "节": 2}
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


def _heading_label(num: str, unit: str, name: str) -> str:
    name = re.sub(r"[\s\u3000]+", "", name)
    return f"第{num}{unit} {name}" if name else f"第{num}{unit}"


def _is_heading(line: str) -> re.Match[str] | None:
    if len(line) > _HEADING_MAX or re.search(r"[，。；,;：:]", line):
        return None
    return HEADING_RE.match(line)


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


def _regulation_blocks(doc: SourceDoc) -> list[_Block]:
    text = doc.text
    blocks: list[_Block] = []
    path: list[tuple[int, str]] = []  # (level, label)
    current: _Block | None = None
    seen_structure = False
    last_no: int | None = None
    quoting = False  # inside an amending article that quotes new article text ("内容如下：")
    lines = _lines(text)
    for s, e in lines[_title_lines(text, lines, doc.title) :]:
        line = text[s:e]
        art = ARTICLE_LINE_RE.match(line)
        head = _is_heading(line)
        compact = re.sub(r"[\s\u3000]+", "", line)
        if quoting and current is not None and current.kind == "article":
            no = cn_to_int(art.group(1)) if art else None
            if head or (art and (last_no is None or no != last_no + 1)):
                current.paragraphs.append((s, e))
                continue
        if art:
            no = cn_to_int(art.group(1))
            locator = f"第{art.group(1)}条{art.group(2) or ''}"
            current = _Block("article", [(s, e)], [label for _, label in path], locator, no)
            blocks.append(current)
            seen_structure = True
            last_no = no
            quoting = _introduces_quote(line)
            continue
        if head:
            level = _LEVELS[head.group(2)]
            path = [(lv, lb) for lv, lb in path if lv < level]
            path.append((level, _heading_label(head.group(1), head.group(2), head.group(3))))
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


_POINT_LINE_RE = re.compile(r"^第([一二三四五六七八九十]+)[，,、]")


def _preamble_locator(name: str, k: int, paragraph: str) -> str:
    """Locator of the k-th paragraph of a preamble section: ``总纲·第3段``; a numbered point of the
    总纲 ("第四，坚持民主集中制。……") is ``总纲·第四点`` so it can be cited and asked for like an article.
    Paragraphs under a chapter heading before its first article keep ``第一章 总则 第2段``."""
    if name not in PREAMBLE_NAMES:
        return f"{name} 第{k}段"
    m = _POINT_LINE_RE.match(paragraph)
    return f"{name}·第{m.group(1)}点" if m else f"{name}·第{k}段"


def _split_regulation(doc: SourceDoc, max_chars: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    used: set[str] = set()
    pre_no = 0
    section_counts: dict[tuple[str, tuple[str, ...]], int] = {}
    for block in _regulation_blocks(doc):
        if block.kind == "article":
            groups = _pack(doc.text, block.paragraphs, max_chars)
            sub = re.search(r"之[一二三四五六七八九十]+$", block.name)
            base = _unique(
                f"{doc.doc_id}#{_article_tag(block.article_no, sub.group(0) if sub else None)}", used
            )
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


def _article_tag(article_no: int | None, sub: str | None) -> str:
    """Id fragment of an article: ``a32``; 第一百七十七条之一 → ``a177_1``."""
    tag = f"a{article_no}" if article_no is not None else "a"
    k = cn_to_int(sub[1:]) if sub else None
    return f"{tag}_{k}" if k is not None else tag


def record_article(title: str) -> tuple[int, str] | None:
    """The trailing 第X条 of a record title (个体工商户条例第二条) as (number, locator in original form)."""
    m = _TITLE_ARTICLE_RE.search(title.strip())
    if not m:
        return None
    n = cn_to_int(m.group(1))
    return (n, m.group(0)) if n is not None else None


def _split_record_article(doc: SourceDoc, article_no: int, locator: str, max_chars: int) -> list[Chunk]:
    groups = _pack(doc.text, _lines(doc.text), max_chars)
    sub = re.search(r"之[一二三四五六七八九十]+$", locator)
    base = f"{doc.doc_id}#{_article_tag(article_no, sub.group(0) if sub else None)}"
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
    n_articles = sum(1 for s, e in _lines(doc.text) if ARTICLE_LINE_RE.match(doc.text[s:e]))
    if n_articles >= 2 or (n_articles and doc.doc_type == "regulation"):
        return _split_regulation(doc, max_chars)
    ref = record_article(doc.title)
    if ref is not None:
        return _split_record_article(doc, ref[0], ref[1], max_chars)
    return _split_prose(doc, max_chars, max(overlap_sentences, 0))
