"""Hybrid retrieval: exact article lookup, then BM25 + dense candidates fused and de-duplicated.

``Retriever.search`` is the one retrieval function: the API, the answerer, the quiz scope, the eval
runner and ``study search`` all call it, so a tuning change shows up everywhere at once.

Why each step:
- **Lookup first**: "党章第三十二条" must return that article (all its parts, in order), whatever the
  similarity legs think.
- **Both legs see normalised text**: BM25 gets jieba tokens of ``normalize_for_match(query)``; the
  dense leg embeds ``embedding_query(query)`` (繁→简, width folding), mirroring what the index saw.
- **Filters on both legs**: a boolean mask for BM25, ``SearchFilters`` passed to the vector store, so a filtered
  search still gets ``candidate_k`` candidates from each.
- **De-duplication**: parts of one article and overlapping sentence windows say the same thing; showing
  them twice wastes the member's attention and the answerer's context. The best-ranked one is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from service.backends.base import Embedder
from service.config import Settings
from service.errors import EmptyQuestion
from service.index.generations import IndexManager, KnowledgeIndex
from service.index.lexical import informative_tokens, segmenter_for
from service.index.texts import chunk_heading, embedding_query
from service.rag import rerank, vocab_map
from service.rag.authority import prefer_authoritative
from service.rag.fusion import QuerySignals, fuse, hit_from_chunk
from service.rag.lookup import ArticleKey, chunk_article, lookup
from service.rag.query_terms import asking_words, asks_verdict
from service.schemas import Chunk, Hit, SearchFilters
from service.text import vocabulary
from service.text.normalize import normalize_for_match, normalize_quote
from service.versions.scope import scope_filters


@dataclass
class Candidates:
    """Both legs' raw candidates for one query (positions in the generation), before fusion."""

    index: KnowledgeIndex
    lexical: list[tuple[int, float]]
    dense: list[tuple[int, float]]
    signals: QuerySignals
    lookup: list[Hit] = field(default_factory=list)
    query: str = ""  # the question as asked ("" : not re-rankable, e.g. candidates cached before issue 17)
    tokens: tuple[str, ...] = ()  # its jieba tokens as the lexical leg saw them
    expansion: dict[str, float] = field(default_factory=dict)  # extra BM25 query words the lexical leg used
    mask: npt.NDArray[np.bool_] | None = None  # the filters as a row mask (None: every row)
    dense_deep: list[tuple[int, float]] = field(default_factory=list)  # dense leg past k (ranker only)
    asks_verdict: bool = False  # asks what follows from a situation (query_terms.asks_verdict)


AUTHORITY_LOOKAHEAD = 3
# Query weight of each word of a formal form found by the vocabulary (a question word has weight 1), and
# whether the dense leg reads the formal forms too; chosen on the member, regulations and dev sets
# (docs/retrieval.md, "Everyday words").
VOCABULARY_WEIGHT = 0.5
VOCABULARY_DENSE = True
# Query weight of the formal form of an everyday word the knowledge never uses (算命, 风水 → 迷信): the formal
# form is then the only way the member's word reaches the texts, so it counts as much as a question word.
UNKNOWN_WORD_FORM_WEIGHT = 1.0
# Query weight of a word that only asks what follows from a situation (``query_terms.asking_words``: 违纪 in
# "……算违纪吗", 处理 in "这种情况怎么处理"; a situation word has weight 1). At full weight 违纪 drew every article
# of 《处分违纪党员批准权限和程序规定》 (违纪党员 in each) above the article that rules on the situation.
# Chosen on the member, regulations and dev sets (docs/retrieval.md, "Situations").
ASKING_WEIGHT = 0.3


def formal_weight(
    form: str, question: str, forms: Mapping[str, Sequence[str]], corpus_terms: Mapping[str, int]
) -> float:
    """The query weight of ``form``, a formal form the vocabulary found for ``question`` (matching form):
    ``UNKNOWN_WORD_FORM_WEIGHT`` when an everyday word of the question that has this form is no term of the
    lexical index (``corpus_terms``), else ``VOCABULARY_WEIGHT``."""
    words = [w for w, fs in forms.items() if form in fs and w in question]
    if any(w not in corpus_terms for w in words):
        return UNKNOWN_WORD_FORM_WEIGHT
    return VOCABULARY_WEIGHT


# Share of a query term's BM25 weight a chunk keeps when the term occurs only in its heading (document title,
# locator, chapter path) and nowhere in its own text. Every chunk of 《处分违纪党员批准权限和程序规定》 carries
# 违纪 and 党员 in its title, every chunk of 《支部工作条例》 支部 and 工作: counted in full, these words outrank
# the one article whose *text* states the rule (纪律处分条例第七十条 迷信活动 for 算命看风水, 党章第三十三条
# 不领导本单位的业务工作 for 机关党支部管不管业务). Not 0: a question that names a law ("英雄烈士保护法什么时候
# 施行") still needs its title words to reach "本法自……起施行". Chosen on the member, regulations and dev sets
# (docs/retrieval.md, "Heading words").
HEADING_ONLY_WEIGHT = 0.3


def discount_heading_matches(
    index: KnowledgeIndex,
    tokens: Sequence[str],
    expansion: Mapping[str, float],
    lexical: list[tuple[int, float]],
) -> list[tuple[int, float]]:
    """``lexical`` (``(position, BM25 score)`` best first) re-scored so that a query term found only in a
    chunk's heading (``chunk_heading`` plus chapter path) and not in its text counts ``HEADING_ONLY_WEIGHT``
    of its BM25 weight; re-sorted best first (ties by position). ``tokens`` are the query's jieba tokens in
    matching form, ``expansion`` the extra query terms with their weights, as the lexical leg used them."""
    if not lexical:
        return lexical
    weights: dict[str, float] = {}
    for t in informative_tokens(tokens):
        weights[t] = weights.get(t, 0.0) + 1.0
    for t, w in expansion.items():
        if w > 0:
            weights[t] = weights.get(t, 0.0) + w
    bm25 = index.lexical
    terms = [t for t in weights if t in bm25.vocab]
    if not terms:
        return lexical
    positions = [pos for pos, _ in lexical]
    rows = bm25.term_rows([bm25.vocab[t] for t in terms])[:, positions]  # (terms, candidates)
    out: list[tuple[int, float]] = []
    for j, (pos, score) in enumerate(lexical):
        chunk = index.chunk_at(pos)
        body = normalize_for_match(chunk.text)
        heading = normalize_for_match(f"{chunk_heading(chunk)} {' '.join(chunk.chapter_path)}")
        lost = sum(
            float(rows[i, j]) * weights[t]
            for i, t in enumerate(terms)
            if rows[i, j] > 0 and t not in body and t in heading
        )
        out.append((pos, score - (1.0 - HEADING_ONLY_WEIGHT) * lost))
    return sorted(out, key=lambda ps: (-ps[1], ps[0]))


# Share of a result list one document may fill before the other documents' candidates come first. When the
# question's words are in a document's title, every chunk of it matches them and a whole answer pool of twelve
# can come from that one document (处分违纪党员批准权限和程序规定 for 给党员处分要经过哪些程序批准), leaving out
# the 党章 article that states the rule (第四十二条, fused rank 15). Document ranks (first appearances) do not
# change, so document-level recall and MRR do not either.
DOCUMENT_SHARE = 2 / 3
MIN_DOCUMENT_CAP = 5


def per_document_cap(top_k: int) -> int:
    """How many hits of one document a list of ``top_k`` takes before other documents' candidates:
    ``DOCUMENT_SHARE`` of ``top_k``, at least ``MIN_DOCUMENT_CAP`` (a list of five is never changed)."""
    return max(MIN_DOCUMENT_CAP, int(top_k * DOCUMENT_SHARE))


def dense_text(query: str, formal: list[str]) -> str:
    """What the dense leg embeds: the question with the shared vocabulary's formal forms in brackets."""
    return f"{query}（{'、'.join(formal)}）" if formal and VOCABULARY_DENSE else query


# Share of its fused score a candidate keeps, for a question asking what follows from a situation (算违纪吗,
# 会怎样, 会被处分吗: ``query_terms.asks_verdict``), when its text rules on nothing: it names no sanction or
# consequence (``RULING_RE``). The article that rules on the situation (纪律处分条例第七十条 迷信活动……给予……处分)
# should lead over one that only shares its words (批准权限规定 on who approves a sanction). Chosen on the
# member, regulations and dev sets (docs/retrieval.md, "Situations").
NON_RULING_SHARE = 0.75
RULING_RE = re.compile(
    r"(?:给予|予以|给以)[^。；]{0,20}(?:警告|记过|降级|撤职|开除|撤销党内职务|留党察看|罚款|除名|批评教育)"
    r"|除名|追究[^。；]{0,10}责任|不得|禁止|严禁|取消[^。；]{0,10}资格"
)


def prefer_rulings(index: KnowledgeIndex, fused: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """``fused`` (``(position, score)`` best first) with the score of each chunk whose text does not rule
    (no ``RULING_RE`` match: no sanction, duty or prohibition) multiplied by ``NON_RULING_SHARE``; re-sorted
    best first (stable)."""
    out = [
        (pos, score if RULING_RE.search(index.chunk_at(pos).text) else score * NON_RULING_SHARE)
        for pos, score in fused
    ]
    return sorted(out, key=lambda ps: -ps[1])


class _Deduper:
    """Keeps a hit unless it repeats an article, overlaps a window or repeats the text of a kept one."""

    def __init__(self) -> None:
        self._articles: set[tuple[str, ArticleKey]] = set()  # 第三条 and 第三条之一 are two articles
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._texts: set[str] = set()

    def admit(self, chunk: Chunk) -> bool:
        text_key = normalize_quote(chunk.text)
        if text_key in self._texts:
            return False
        article = chunk_article(chunk)
        if article is not None and (chunk.doc_id, article) in self._articles:
            return False
        start, end = chunk.char_start, chunk.char_start + len(chunk.text)
        spans = self._spans.get(chunk.doc_id, [])
        if chunk.article_no is None and any(s < end and start < e for s, e in spans):
            return False
        self._texts.add(text_key)
        if article is not None:
            self._articles.add((chunk.doc_id, article))
        self._spans.setdefault(chunk.doc_id, []).append((start, end))
        return True


class Retriever:
    def __init__(self, settings: Settings, embedder: Embedder, index_manager: IndexManager) -> None:
        self.settings = settings
        self.embedder = embedder
        self.index_manager = index_manager

    # --- legs ---------------------------------------------------------------------------------------
    def candidates(
        self, query: str, filters: SearchFilters | None = None, k: int | None = None
    ) -> Candidates:
        """Run lookup and both legs (``k`` candidates each, default ``settings.candidate_k``)."""
        if not query or not query.strip():
            raise EmptyQuestion()
        k = k or self.settings.candidate_k
        index = self.index_manager.current()
        filters = scope_filters(query, filters, index.documents())  # current versions unless asked

        segmenter = segmenter_for(self.settings)
        nq = normalize_for_match(query)
        tokens = segmenter.tokenize(nq)
        # colloquial → legal words for the lexical leg only (service/rag/vocab_map.py; off by default)
        expansion = vocab_map.load().expand(tokens) if self.settings.query_expansion else {}
        # everyday → formal words of the shared vocabulary (service/text/vocabulary.tsv), both legs
        vocab = vocabulary.load()
        formal = vocab.expand_text(nq) if self.settings.vocabulary_expansion else []
        for form in formal:
            weight = formal_weight(form, nq, vocab.forms, index.lexical.vocab)
            for token in informative_tokens(segmenter.tokenize(form)):
                expansion[token] = expansion.get(token, 0.0) + weight
        asking = asking_words(query, tokens)
        lexical_tokens = [t for t in tokens if t not in asking]
        for token in informative_tokens(asking):
            expansion[token] = expansion.get(token, 0.0) + ASKING_WEIGHT
        mask = index.filter_mask(filters)
        lexical = index.lexical.search(lexical_tokens, k, mask, expansion=expansion or None)
        lexical = discount_heading_matches(index, lexical_tokens, expansion, lexical)
        coverage = index.lexical.coverage(tokens, lexical[0][0]) if lexical else 0.0

        vector = self.embedder.embed_query(embedding_query(dense_text(query, formal)))
        # with the learned ranker, the dense leg's similarities reach deeper (rerank.DENSE_DEEP): the
        # ranker's pool holds candidates only the added legs found, and their real similarity is a feature
        k_dense = max(k, rerank.DENSE_DEEP) if self.settings.rerank else k
        dense_deep: list[tuple[int, float]] = []
        for chunk_id, sim in index.vectors.query(vector, k_dense, filters):
            pos = index.position(chunk_id)
            if pos is not None:
                dense_deep.append((pos, sim))
        dense = dense_deep[:k]

        return Candidates(
            index=index,
            lexical=lexical,
            dense=dense,
            signals=QuerySignals.of(query, coverage),
            lookup=lookup(query, index, filters),
            query=query,
            tokens=tuple(tokens),
            expansion=expansion,
            mask=mask,
            dense_deep=dense_deep if k_dense > k else [],
            asks_verdict=asks_verdict(query),
        )

    def fuse(
        self,
        cands: Candidates,
        top_k: int,
        *,
        mode: str | None = None,
        lexical_weight: float | None = None,
        dense_weight: float | None = None,
        with_lookup: bool = True,
        rerank_on: bool | None = None,
    ) -> list[Hit]:
        """Fused, de-duplicated hits (lookup hits first). Overrides exist for the tuning benchmark."""
        w_lex = self.settings.lexical_weight if lexical_weight is None else lexical_weight
        w_den = self.settings.dense_weight if dense_weight is None else dense_weight
        fused = fuse(
            mode or self.settings.fusion,
            cands.lexical,
            cands.dense,
            w_lex=w_lex,
            w_dense=w_den,
            signals=cands.signals,
        )
        if cands.asks_verdict:
            fused = prefer_rulings(cands.index, fused)
        reranked: dict[int, float] = {}
        if rerank_on if rerank_on is not None else self.settings.rerank:
            fused, reranked = self.rerank_fused(cands, fused)
        lex, den = dict(cands.lexical), dict(cands.dense)
        hits: list[Hit] = []
        dedupe = _Deduper()
        if with_lookup:
            for hit in cands.lookup:
                dedupe.admit(cands.index.chunk(hit.chunk_id))
                hits.append(hit)
        # A few more candidates than asked for, so a restating 党章 article just below the cut can move up.
        pool = top_k + AUTHORITY_LOOKAHEAD
        cap = per_document_cap(top_k)
        per_doc: dict[str, int] = {}
        deferred: list[Hit] = []
        for pos, score in fused:
            if len(hits) >= pool:
                break
            chunk = cands.index.chunk_at(pos)
            if not dedupe.admit(chunk):
                continue
            scores = {"fused": score}
            if pos in lex:
                scores["lexical"] = lex[pos]
            if pos in den:
                scores["dense"] = den[pos]
            if pos in reranked:
                scores["rerank"] = reranked[pos]
            per_doc[chunk.doc_id] = per_doc.get(chunk.doc_id, 0) + 1
            hit = hit_from_chunk(chunk, score, scores)
            if per_doc[chunk.doc_id] > cap:
                deferred.append(hit)  # after the other documents' candidates
            else:
                hits.append(hit)
        hits += deferred[: max(pool - len(hits), 0)]
        hits = prefer_authoritative(hits, self.settings.authority_order)
        return hits[: max(top_k, len(cands.lookup) if with_lookup else 0)]

    def rerank_fused(
        self, cands: Candidates, fused: list[tuple[int, float]]
    ) -> tuple[list[tuple[int, float]], dict[int, float]]:
        """``fused`` re-ordered by the learned ranker (``service/rag/rerank.py``) and its score per moved
        position; unchanged when the model file cannot be used (one logged warning) or the query is unknown."""
        model = rerank.model_or_none()
        if model is None or not cands.query:
            return fused, {}
        learned = vocab_map.expansion_or_none(cands.tokens)
        return rerank.reorder(
            model,
            cands.query,
            cands.tokens,
            cands.index,
            fused,
            cands.lexical,
            cands.dense,
            cands.dense_deep,
            rerank.legs_for(cands.index, cands.query, cands.tokens, cands.expansion, learned, cands.mask),
            cands.signals,
            learned,
        )

    def leg_hits(self, cands: Candidates, leg: list[tuple[int, float]], name: str, k: int) -> list[Hit]:
        hits: list[Hit] = []
        dedupe = _Deduper()
        for pos, score in leg:
            if len(hits) >= k:
                break
            chunk = cands.index.chunk_at(pos)
            if dedupe.admit(chunk):
                hits.append(hit_from_chunk(chunk, score, {name: score}))
        return hits

    # --- public API ---------------------------------------------------------------------------------
    def search(self, query: str, top_k: int = 5, filters: SearchFilters | None = None) -> list[Hit]:
        """The best ``top_k`` hits for ``query`` (more only when an article has more parts)."""
        return self.fuse(self.candidates(query, filters), top_k)

    def search_legs(self, query: str, k: int, filters: SearchFilters | None = None) -> dict[str, list[Hit]]:
        """Each leg's own top ``k`` (de-duplicated) and the fused list, for the eval harness."""
        cands = self.candidates(query, filters, max(k, self.settings.candidate_k))
        return {
            "lexical": self.leg_hits(cands, cands.lexical, "lexical", k),
            "dense": self.leg_hits(cands, cands.dense, "dense", k),
            "lookup": list(cands.lookup),
            "fused": self.fuse(cands, k),
        }
