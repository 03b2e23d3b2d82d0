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

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from service.index.generations import KnowledgeIndex
from service.rag.fusion import hit_from_chunk
from service.rag.query_terms import is_article_request
from service.schemas import Chunk, DocInfo, Hit, SearchFilters
from service.text.normalize import normalize_for_match
from service.text.refs import (
    article_key,
    find_refs,
    first_ref,
    locator,
    missing_article_message,
    parse_locator,
)

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
_NAMED_TAIL_RE = re.compile(r"(法|法典|条例|章程|准则|规定|办法|细则|规则|党章|决定|意见|通知)》?$")
_TRAILING_FILLER = "的中里之内 ,，、:："
ArticleKey = tuple[int, int | None]  # (article number, 之X): 第三条之一 → (3, 1)


@dataclass
class _Catalogue:
    """Names under which each document (or single-article document) can be referred to."""

    doc_names: dict[str, list[str]] = field(default_factory=dict)  # name → doc ids
    # (name, article key) → doc ids of single-article documents ("刑法第一百七十七条之一")
    article_docs: dict[tuple[str, ArticleKey], list[str]] = field(default_factory=dict)
    articles: dict[ArticleKey, list[str]] = field(default_factory=dict)  # article key → doc ids having it


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


def chunk_article(chunk: Chunk) -> ArticleKey | None:
    """The article a chunk belongs to as ``(number, sub)``: 第三条 → (3, None), 第三条之一 → (3, 1).

    An inserted article shares ``article_no`` with its neighbour; its locator's 之X tells them apart."""
    n = chunk_article_no(chunk)
    return article_key(n, chunk.locator) if n is not None else None


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
        if m and m.end == len(title) and m.start > 0:
            key = (m.ref.number, m.ref.sub)
            for name in _names(title[: m.start], []):
                cat.article_docs.setdefault((name, key), []).append(doc.doc_id)
        seen: set[ArticleKey] = set()
        for chunk in index.chunks(doc.doc_id):
            art = chunk_article(chunk)
            if art is not None and art not in seen:
                seen.add(art)
                cat.articles.setdefault(art, []).append(doc.doc_id)
    return cat


def parse_reference(query: str) -> tuple[str, int] | None:
    """``(text naming the document, article number)`` of the first 第N条 in the query, if any."""
    ref = _reference(query)
    return (ref[0], ref[1][0]) if ref is not None else None


def _reference(query: str) -> tuple[str, ArticleKey] | None:
    """``(text naming the document, (number, sub))`` of the first 第N条(之X) in the query, if any."""
    nq = normalize_for_match(query)
    m = first_ref(nq, "条")
    if not m:
        return None
    prefix = re.sub(r"\s+", "", nq[: m.start]).rstrip(_TRAILING_FILLER)
    return prefix, (m.ref.number, m.ref.sub)


def _allowed(index: KnowledgeIndex, doc_id: str, filters: SearchFilters | None) -> bool:
    if filters is None:
        return True
    if filters.doc_ids and doc_id not in filters.doc_ids:
        return False
    return not (filters.doc_types and index.document(doc_id).doc_type not in filters.doc_types)


@dataclass
class ReferenceCheck:
    """What the knowledge base holds for an article reference (issue 11, item 7).

    ``status``: ``found`` (``chunks`` are the article's parts), ``missing_article`` (``doc_title`` holds
    ``n_articles`` articles, not ``article``), ``unknown_document`` (``doc_name`` is not in the knowledge
    base), ``ambiguous`` (no document named and several have that article), ``none`` (no reference)."""

    status: str
    article: int | None = None
    sub: int | None = None  # the 之X of an inserted article (第四条之一 → 1)
    chunks: list[Chunk] = field(default_factory=list)
    doc_title: str | None = None
    doc_name: str | None = None
    n_articles: int = 0

    def message(self) -> str | None:
        """The answer to give when the reference cannot be served, in Chinese; None when it can."""
        if self.article is None:
            return None
        art = locator(self.article, sub=self.sub)
        if self.status == "missing_article" and self.doc_title:
            return missing_article_message(self.doc_title, self.n_articles, self.article, self.sub)
        if self.status == "unknown_document":
            name = f"《{self.doc_name}》" if self.doc_name else "您所说的这份文件"
            return f"知识库中没有{name}，无法提供它的{art}。"
        if self.status == "missing_article":
            return f"知识库中的文件都没有{art}。"
        return None


_DOC_NAME_RE = re.compile(
    r"《([^》]{2,40})》$|([\u4e00-\u9fff]{1,20}?(?:法典|法|条例|章程|准则|规定|办法|细则|规则|决定|意见|通知))$"
)
_NAME_FILLER_RE = re.compile(
    r"^(?:请问|请|我想|想|要|看看|看|查|查询|查一下|问问|问|根据|按照|依据|关于|那|那么|的)+"
)
# A reference inside a sentence (a cross-reference: "第二条、第三条规定以外的事项") is content, not a request.
_REF_JOINER_RE = re.compile(r"^\s*(?:、|和|及|或|至|到)\s*$")


def _several_refs(query: str) -> bool:
    """Two article references joined by 、/和/至 …: a cross-reference ("第二条、第三条规定以外的事项")."""
    refs = find_refs(normalize_for_match(query), "条")
    nq = normalize_for_match(query)
    return any(_REF_JOINER_RE.match(nq[a.end : b.start]) for a, b in itertools.pairwise(refs))


def _mentioned_name(query: str) -> str | None:
    nq = normalize_for_match(query)
    m = first_ref(nq, "条")
    if not m:
        return None
    head = re.sub(r"\s+", "", nq[: m.start]).rstrip(_TRAILING_FILLER)
    named = _DOC_NAME_RE.search(head)
    if not named:
        return None
    name = named.group(1) or _NAME_FILLER_RE.sub("", named.group(2) or "")
    return name or None


def check_reference(
    query: str, index: KnowledgeIndex, filters: SearchFilters | None = None
) -> ReferenceCheck:
    """Check an article reference against what the knowledge base holds (see ``ReferenceCheck``)."""
    ref = _reference(query)
    if ref is None:
        return ReferenceCheck("none")
    prefix, (n, sub) = ref
    chunks = resolve(query, index, filters, requests_only=False)
    if chunks:
        return ReferenceCheck("found", n, sub, chunks, chunks[0].title)
    cat = _catalogue(index)
    for match in (str.endswith, str.__contains__):
        names = sorted((nm for nm in cat.doc_names if match(prefix, nm)), key=len, reverse=True)
        for doc_id in cat.doc_names[names[0]] if names else []:
            if _allowed(index, doc_id, filters):
                numbers = [a for a in (chunk_article_no(c) for c in index.chunks(doc_id)) if a is not None]
                doc = index.document(doc_id)
                return ReferenceCheck(
                    "missing_article", n, sub, doc_title=doc.title, n_articles=max(numbers, default=0)
                )
        if names:
            break
    if _NAMED_TAIL_RE.search(prefix):
        return ReferenceCheck("unknown_document", n, sub, doc_name=_mentioned_name(query))
    candidates = [d for d in cat.articles.get((n, sub), []) if _allowed(index, d, filters)]
    return ReferenceCheck("ambiguous" if candidates else "missing_article", n, sub)


def resolve(
    query: str, index: KnowledgeIndex, filters: SearchFilters | None = None, *, requests_only: bool = True
) -> list[Chunk]:
    """The chunks (all parts, in order) of the article the query names, or ``[]``.

    With ``requests_only`` a reference without a document name resolves only when the question asks for
    the article itself ("第三十二条讲了什么"); a 第N条 inside a sentence ("第二条、第三条规定以外的事项由谁
    决定") is a cross-reference and stays content for search."""
    ref = _reference(query)
    if ref is None:
        return []
    prefix, key = ref
    if requests_only and _several_refs(query):
        return []
    cat = _catalogue(index)

    # 1. The longest document name the text before the reference ends with ("…监察法" 第15条);
    # 2. else the longest name it contains ("党章规定的" 第10条); a named document without that article
    #    gives nothing rather than another document's article.
    for match in (str.endswith, str.__contains__):
        names = sorted((nm for nm in cat.doc_names if match(prefix, nm)), key=len, reverse=True)
        article_names = sorted(
            (nm for (nm, art) in cat.article_docs if art == key and match(prefix, nm)), key=len, reverse=True
        )
        if not names and not article_names:
            continue
        if article_names and (not names or len(article_names[0]) >= len(names[0])):
            allowed = [d for d in cat.article_docs[(article_names[0], key)] if _allowed(index, d, filters)]
            return index.chunks(allowed[0]) if allowed else []
        for doc_id in cat.doc_names[names[0]]:
            if _allowed(index, doc_id, filters):
                chunks = [c for c in index.chunks(doc_id) if chunk_article(c) == key]
                if chunks:
                    return chunks
        return []
    if _NAMED_TAIL_RE.search(prefix):
        return []  # names a document this knowledge base does not have
    if requests_only and not is_article_request(query):
        return []  # a bare 第N条 followed by content: a cross-reference, not a request
    candidates = [d for d in cat.articles.get(key, []) if _allowed(index, d, filters)]
    if len(candidates) == 1:
        chosen = candidates[0]
    elif PARTY_CONSTITUTION_ID in candidates:
        chosen = PARTY_CONSTITUTION_ID
    else:
        return []
    return [c for c in index.chunks(chosen) if chunk_article(c) == key]


def lookup(query: str, index: KnowledgeIndex, filters: SearchFilters | None = None) -> list[Hit]:
    """Hits for an exact article reference (top score, ``scores["lookup"]``), or ``[]``."""
    return [hit_from_chunk(c, LOOKUP_SCORE, {"lookup": LOOKUP_SCORE}) for c in resolve(query, index, filters)]
