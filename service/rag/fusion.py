"""Fusion of the lexical (BM25) and dense (embedding) legs: pure functions over candidate scores.

Why three modes: ``weighted`` (min-max normalised scores mixed with fixed weights) is the tunable
baseline; ``rrf`` (reciprocal rank fusion) ignores score scales entirely and is robust when one leg's
scores are badly calibrated; ``adaptive`` is ``weighted`` with per-query weights, because the two legs
fail on different queries: a query quoting the source's terms or naming an article is answered by exact
tokens (BM25), a long colloquial question in the member's own words by meaning (dense). The signals and
their step sizes were chosen by measurement on LeCoQA (see docs/retrieval.md and bench/tune_fusion.py).

Candidates are keyed by chunk position in the generation; everything here is independent of the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.schemas import Chunk, Hit
from service.text.refs import first_ref

RRF_K = 60

# Markers of colloquial, member-phrased questions (dense leg is better at paraphrase).
_COLLOQUIAL_RE = re.compile(r"怎么|怎样|如何|为什么|为何|能不能|可不可以|可以吗|吗|呢|啥|咋|我|他|她|应该")
# Quoted terms or titles: the user wants those exact words.
_QUOTED_RE = re.compile(r"[“\"「『《][^”\"」』》]{2,}[”\"」』》]")
_PUNCT_RE = re.compile(r"[\W_]+", re.UNICODE)


def hit_from_chunk(chunk: Chunk, score: float, scores: dict[str, float]) -> Hit:
    return Hit(
        doc_id=chunk.doc_id,
        title=chunk.title,
        chunk_id=chunk.chunk_id,
        locator=chunk.locator,
        text=chunk.text,
        score=round(float(score), 6),
        doc_type=chunk.doc_type,
        article_no=chunk.article_no,
        chapter_path=list(chunk.chapter_path),
        scores={k: round(float(v), 6) for k, v in scores.items()},
    )


def minmax(scores: dict[int, float]) -> dict[int, float]:
    """Scale to [0, 1] within the candidate list; a single candidate (or all equal) scores 1."""
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-12:
        return dict.fromkeys(scores, 1.0)
    return {k: (v - lo) / (hi - lo) for k, v in scores.items()}


def weighted(
    lexical: dict[int, float], dense: dict[int, float], w_lex: float, w_dense: float
) -> dict[int, float]:
    """``w_lex * minmax(bm25) + w_dense * minmax(cosine)``; a candidate missing from a leg gets 0 there.

    Weights are renormalised to sum to 1 so fused scores stay in [0, 1].
    """
    total = w_lex + w_dense
    if total <= 0:
        w_lex = w_dense = 0.5
        total = 1.0
    a, b = w_lex / total, w_dense / total
    nl, nd = minmax(lexical), minmax(dense)
    return {k: a * nl.get(k, 0.0) + b * nd.get(k, 0.0) for k in sorted(nl.keys() | nd.keys())}


def rrf(
    lexical: list[int], dense: list[int], w_lex: float = 1.0, w_dense: float = 1.0, k: int = RRF_K
) -> dict[int, float]:
    """Weighted reciprocal rank fusion over ranked candidate lists, scaled so rank 1 in both legs = 1."""
    out: dict[int, float] = {}
    for weight, ranked in ((w_lex, lexical), (w_dense, dense)):
        for rank, key in enumerate(ranked, start=1):
            out[key] = out.get(key, 0.0) + weight / (k + rank)
    best = (w_lex + w_dense) / (k + 1)
    return {key: v / best for key, v in out.items()} if best > 0 else out


@dataclass(frozen=True)
class QuerySignals:
    """What the adaptive mode knows about a query and the lexical leg's best match."""

    coverage: float  # idf share of the query's informative tokens found in the best BM25 hit
    quoted: bool  # quotes terms or a title, or references an article
    n_chars: int  # length without punctuation/whitespace
    colloquial: bool  # question-word / first-person phrasing

    @classmethod
    def of(cls, query: str, coverage: float) -> QuerySignals:
        return cls(
            coverage=coverage,
            quoted=bool(_QUOTED_RE.search(query) or first_ref(query) is not None),
            n_chars=len(_PUNCT_RE.sub("", query)),
            colloquial=bool(_COLLOQUIAL_RE.search(query)),
        )


@dataclass(frozen=True)
class AdaptivePolicy:
    """Step sizes of the adaptive weighting, added to the base lexical weight.

    Measured (bench/tune_fusion.py, docs/retrieval.md): general coverage and colloquial-length steps
    moved LeCoQA recall@10 and the dev set's span hits by less than one question in a hundred either
    way, so they default to 0 and stay available for corpora where they help. Kept: the boost for
    quoted terms and article references, and for short term-like queries that BM25 matches fully
    (neutral on both sets, but without it "兩個維護是什麼" lets dense-only near misses into the top 5).
    """

    quoted: float = 0.25
    high_coverage: float = 0.0  # any query whose best BM25 hit covers most of its informative tokens
    high_coverage_at: float = 0.8
    short_covered: float = 0.2  # short term-like queries ("兩個維護是什麼") fully found by BM25
    short_at: int = 12
    low_coverage: float = 0.0
    low_coverage_at: float = 0.5
    long_colloquial: float = 0.0
    long_at: int = 20
    floor: float = 0.1
    ceiling: float = 0.9


DEFAULT_POLICY = AdaptivePolicy()


def adaptive_lexical_weight(
    signals: QuerySignals, base: float, policy: AdaptivePolicy = DEFAULT_POLICY
) -> float:
    """The lexical leg's weight for this query (dense gets ``1 - w``), starting from ``base``."""
    w = base
    if signals.quoted:
        w += policy.quoted
    if signals.coverage >= policy.high_coverage_at:
        w += policy.high_coverage
        if signals.n_chars <= policy.short_at:
            w += policy.short_covered
    elif signals.coverage < policy.low_coverage_at:
        w += policy.low_coverage
    if signals.n_chars >= policy.long_at and signals.colloquial and not signals.quoted:
        w += policy.long_colloquial
    return min(policy.ceiling, max(policy.floor, w))


def fuse(
    mode: str,
    lexical: list[tuple[int, float]],
    dense: list[tuple[int, float]],
    *,
    w_lex: float,
    w_dense: float,
    signals: QuerySignals | None = None,
    policy: AdaptivePolicy = DEFAULT_POLICY,
) -> list[tuple[int, float]]:
    """Fused ``(position, score)`` best first. Ties break by lexical then dense rank (deterministic)."""
    lex = dict(lexical)
    den = dict(dense)
    if mode == "rrf":
        fused = rrf([k for k, _ in lexical], [k for k, _ in dense], w_lex or 1.0, w_dense or 1.0)
    elif mode == "adaptive":
        base = w_lex / (w_lex + w_dense) if (w_lex + w_dense) > 0 else 0.5
        w = adaptive_lexical_weight(signals, base, policy) if signals is not None else base
        fused = weighted(lex, den, w, 1.0 - w)
    elif mode == "weighted":
        fused = weighted(lex, den, w_lex, w_dense)
    else:
        raise ValueError(f"unknown fusion mode {mode!r}")
    lex_rank = {k: i for i, (k, _) in enumerate(lexical)}
    den_rank = {k: i for i, (k, _) in enumerate(dense)}
    far = len(lexical) + len(dense) + 1
    return sorted(
        fused.items(), key=lambda kv: (-kv[1], lex_rank.get(kv[0], far), den_rank.get(kv[0], far), kv[0])
    )
