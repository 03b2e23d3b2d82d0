"""A position in a named document: "党章开头第一句", "廉洁自律准则最后一条", "宪法的第一段".

Why: a question that names a place in a document asks for what stands there, whatever words it shares with
other texts. "党章开头第一句讲党的性质，是怎么说的？" was answered with 监督执纪工作规则第五十五条 (it mentions
"党的性质宗旨"); the 总纲's first paragraph ("中国共产党是中国工人阶级的先锋队……") is the answer (holdout5,
h5-002; issue 11, item 4). The rule:

- the question names a document (its title, its title without 中国共产党 / 中华人民共和国 / （试行）, an alias of
  the manifest such as 纪律处分条例, or a common short name of ``lookup.ALIASES`` such as 党章); and
- a position: the beginning (开头, 开篇, 开宗明义, 第一句, 首句, 第一段, 首段, 第一条) or the end (结尾, 末尾,
  最后一句, 最后一段, 最后一条);

then the answer is read from the document's first (or last) unit: its first article or 总纲/preamble paragraph,
all stored parts of it (``Chunk.part``). A question naming an article number ("第一条") is an article request
and is answered by the lookup; "第一章" names a chapter (``answer._chapter_list``), not a position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from service.rag.refusal.captions import CAPTION_LOCATOR
from service.text.normalize import normalize_for_match
from service.text.refs import DOCUMENT_END_PATTERN, DOCUMENT_START_PATTERN, ONE_SENTENCE_PATTERN
from service.versions.model import TITLE_PREFIX_RE

_FIRST_RE = re.compile(DOCUMENT_START_PATTERN)
_LAST_RE = re.compile(DOCUMENT_END_PATTERN)
_SENTENCE_RE = re.compile(ONE_SENTENCE_PATTERN)
MIN_NAME_CHARS = 2  # a short name of two characters (党章, 宪法) names a document


@dataclass(frozen=True)
class Position:
    """Where in a document: ``end`` "first" or "last"; ``sentence`` when one sentence is asked (第一句)."""

    end: str
    sentence: bool


def asked_position(question: str) -> Position | None:
    """The position ``question`` (any text, any script) names in a document, or None (see module docstring)."""
    nq = normalize_for_match(question)
    first, last = _FIRST_RE.search(nq), _LAST_RE.search(nq)
    if (first is None) == (last is None):
        return None  # none, or both ends: not one position
    return Position("first" if first is not None else "last", _SENTENCE_RE.search(nq) is not None)


def document_names(title: str, aliases: Sequence[str] = ()) -> set[str]:
    """The names a question may call a document by: its title (book-title marks and spaces dropped), the title
    without 中国共产党 / 中华人民共和国 and （试行） (four characters at least), and ``aliases`` (two at least)."""
    t = re.sub(r"[《》\s]", "", normalize_for_match(title))
    short = re.sub(r"[（(]试行[）)]", "", TITLE_PREFIX_RE.sub("", t))
    names = {t}
    if len(short) >= 4:
        names.add(short)
    names |= {normalize_for_match(a) for a in aliases if len(a) >= MIN_NAME_CHARS}
    return names


def document_named(question: str, documents: Sequence[Mapping[str, Any]]) -> str | None:
    """The doc id of the document ``question`` names (longest name wins; ``documents``: mappings with ``doc_id``,
    ``title`` and optional ``aliases``, in preference order), or None when it names none."""
    from service.rag.lookup import ALIASES

    nq = re.sub(r"[《》\s]", "", normalize_for_match(question))
    best: tuple[int, str] | None = None
    for doc in documents:
        title = str(doc.get("title") or "")
        aliases = [str(a) for a in doc.get("aliases") or ()]
        aliases += [alias for alias, target in ALIASES.items() if normalize_for_match(target) == title]
        found = [len(n) for n in document_names(title, aliases) if n and n in nq]
        if found and (best is None or max(found) > best[0]):
            best = (max(found), str(doc["doc_id"]))
    return best[1] if best else None


def unit_at(chunks: Sequence[Any], position: Position) -> list[Any]:
    """The chunks of the first (or last) unit of a document's ``chunks`` (stored chunks, any order; the title
    note 题注 left out): an article (same ``article_no``) or a paragraph (same ``chunk_id`` before a ``.part``
    suffix), all its parts in order."""
    # the title note (题注: "（……2017年10月24日通过）", every part of it so located by service/text/split.py)
    # stands before the body; it is no sentence of it
    ordered = sorted(
        (c for c in chunks if c.locator != CAPTION_LOCATOR), key=lambda c: (c.char_start, c.part)
    )
    if not ordered:
        return []
    edge = ordered[0] if position.end == "first" else ordered[-1]
    key = _unit_key(edge)
    return [c for c in ordered if _unit_key(c) == key]


def _unit_key(chunk: Any) -> str:
    if chunk.article_no is not None:
        return f"{chunk.doc_id}#a{chunk.article_no}"
    return re.sub(r"\.\d+$", "", str(chunk.chunk_id))
