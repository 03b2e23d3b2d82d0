"""Exact article lookup: "党章第三十二条", "宪法第1条", "监察法第十五条" answered from the article itself.

Why: a member who names an article wants that article, not the five chunks most similar to the words
"第三十二条". Similarity search is bad at numbers (BM25 sees a frequent token, embeddings barely see it),
so references are resolved structurally: ``normalize_for_match`` turns 第三十二条/第32條 into 第32条 and
繁体 titles into 简体; the text before the reference names the document by title, by title without
"中华人民共和国", by a parenthesis-free title or by an alias (党章, 宪法 …). Documents that are themselves
single articles (LeCoQA: title "专利法实施细则第十二条") are found by title. A bare "第三十二条" resolves only
when one document has that article, or to the 党章 when it is among them; an unknown law name ("刑法第十条"
in a knowledge base without 刑法) resolves to nothing rather than to another document's article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from service.index.generations import KnowledgeIndex
from service.rag.fusion import hit_from_chunk
from service.schemas import Chunk, DocInfo, Hit, SearchFilters
from service.text.normalize import normalize_for_match
from service.text.refs import first_ref, parse_locator

PARTY_CONSTITUTION_ID = "cpc-constitution-2017"
LOOKUP_SCORE = 1.0

# Short names people use → a string the document's normalised title contains.
ALIASES: dict[str, str] = {
    "党章": "中国共产党章程",
    "宪法": "中华人民共和国宪法",
    "监察法": "中华人民共和国监察法",
}
_STRIP_PREFIXES = ("中华人民共和国",)
_TOO_GENERIC = {"章程", "条例", "规定", "办法", "准则", "细则", "法"}
_PARENS_RE = re.compile(r"[（(【\[《》〈〉][^）)】\]]*[）)】\]]?|[《》〈〉\s]")
# A document-name-like tail before the reference: "...法", "...条例", "党章" …
_NAMED_TAIL_RE = re.compile(r"(法|条例|章程|准则|规定|办法|细则|规则|党章|决定|意见|通知)$")
_TRAILING_FILLER = "的中里之内 ,，、:："


@dataclass
class _Catalogue:
    """Names under which each document (or single-article document) can be referred to."""

    doc_names: dict[str, list[str]] = field(default_factory=dict)  # name → doc ids
    article_docs: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (name, n) → doc ids
    articles: dict[int, list[str]] = field(default_factory=dict)  # n → doc ids having article n


def _clean_name(title: str) -> str:
    return _PARENS_RE.sub("", normalize_for_match(title))


def _names(title: str, aliases: list[str]) -> set[str]:
    base = _clean_name(title)
    names = {base, normalize_for_match(title).replace(" ", "")}
    for prefix in _STRIP_PREFIXES:
        if base.startswith(prefix) and len(base) > len(prefix) + 1:
            names.add(base[len(prefix) :])
    for alias in aliases:
        names.add(_clean_name(alias))
    return {n for n in names if n and n not in _TOO_GENERIC}


def _doc_aliases(doc: DocInfo) -> list[str]:
    out: list[str] = []
    meta = doc.metadata
    for key in ("aliases", "short_title", "alias"):
        value = meta.get(key)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out.extend(str(v) for v in value)
    clean = _clean_name(doc.title)
    for alias, target in ALIASES.items():
        if clean == _clean_name(target) or (alias == "党章" and doc.doc_id == PARTY_CONSTITUTION_ID):
            out.append(alias)
    return out


def chunk_article_no(chunk: Chunk) -> int | None:
    """The chunk's article number, from ``article_no`` or, failing that, a 第N条 locator."""
    if chunk.article_no is not None:
        return chunk.article_no
    ref = parse_locator(chunk.locator) if chunk.locator else None
    return ref.number if ref is not None and ref.unit == "条" else None


@lru_cache(maxsize=4)
def _catalogue(index: KnowledgeIndex) -> _Catalogue:
    cat = _Catalogue()
    for doc in index.documents():
        aliases = _doc_aliases(doc)
        for name in _names(doc.title, aliases):
            cat.doc_names.setdefault(name, []).append(doc.doc_id)
        # A document that is one article, titled "<law>第N条".
        title = _clean_name(doc.title)
        m = first_ref(title, "条")
        if m and m.ref.sub is None and m.end == len(title) and m.start > 0:
            n = m.ref.number
            for name in _names(title[: m.start], []):
                cat.article_docs.setdefault((name, n), []).append(doc.doc_id)
        seen: set[int] = set()
        for chunk in index.chunks(doc.doc_id):
            n_art = chunk_article_no(chunk)
            if n_art is not None and n_art not in seen:
                seen.add(n_art)
                cat.articles.setdefault(n_art, []).append(doc.doc_id)
    return cat


def parse_reference(query: str) -> tuple[str, int] | None:
    """``(text naming the document, article number)`` of the first 第N条 in the query, if any."""
    nq = normalize_for_match(query)
    m = first_ref(nq, "条")
    if not m:
        return None
    prefix = re.sub(r"\s+", "", nq[: m.start]).rstrip(_TRAILING_FILLER)
    return prefix, m.ref.number


def _allowed(index: KnowledgeIndex, doc_id: str, filters: SearchFilters | None) -> bool:
    if filters is None:
        return True
    if filters.doc_ids and doc_id not in filters.doc_ids:
        return False
    return not (filters.doc_types and index.document(doc_id).doc_type not in filters.doc_types)


def resolve(query: str, index: KnowledgeIndex, filters: SearchFilters | None = None) -> list[Chunk]:
    """The chunks (all parts, in order) of the article the query names, or ``[]``."""
    ref = parse_reference(query)
    if ref is None:
        return []
    prefix, n = ref
    cat = _catalogue(index)

    # 1. The longest document name the text before the reference ends with ("…监察法" 第15条);
    # 2. else the longest name it contains ("党章规定的" 第10条); a named document without that article
    #    gives nothing rather than another document's article.
    for match in (str.endswith, str.__contains__):
        names = sorted((nm for nm in cat.doc_names if match(prefix, nm)), key=len, reverse=True)
        article_names = sorted(
            (nm for (nm, art) in cat.article_docs if art == n and match(prefix, nm)), key=len, reverse=True
        )
        if not names and not article_names:
            continue
        if article_names and (not names or len(article_names[0]) >= len(names[0])):
            allowed = [d for d in cat.article_docs[(article_names[0], n)] if _allowed(index, d, filters)]
            return index.chunks(allowed[0]) if allowed else []
        for doc_id in cat.doc_names[names[0]]:
            if _allowed(index, doc_id, filters):
                chunks = [c for c in index.chunks(doc_id) if chunk_article_no(c) == n]
                if chunks:
                    return chunks
        return []
    if _NAMED_TAIL_RE.search(prefix):
        return []  # names a document this knowledge base does not have
    candidates = [d for d in cat.articles.get(n, []) if _allowed(index, d, filters)]
    if len(candidates) == 1:
        chosen = candidates[0]
    elif PARTY_CONSTITUTION_ID in candidates:
        chosen = PARTY_CONSTITUTION_ID
    else:
        return []
    return [c for c in index.chunks(chosen) if chunk_article_no(c) == n]


def lookup(query: str, index: KnowledgeIndex, filters: SearchFilters | None = None) -> list[Hit]:
    """Hits for an exact article reference (top score, ``scores["lookup"]``), or ``[]``."""
    return [hit_from_chunk(c, LOOKUP_SCORE, {"lookup": LOOKUP_SCORE}) for c in resolve(query, index, filters)]
