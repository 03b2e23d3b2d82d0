"""The learned ranker's candidate pool: both legs' candidates plus two more lexical legs (issue 17, item 1).

The ranker (``service/rag/rerank.py``) can only lift articles that reach it. On the LeCoQA validation
questions the fused top 50 held 75 % of the gold articles; the union of the legs' lists holds far more
(docs/retrieval.md, "Candidate recall per leg"). The pool therefore is the fused list (every candidate
of the lexical and dense legs, ``candidate_k`` each) plus the best ``POOL_K`` of two legs that see the
question differently:

- **mapped**: BM25 over jieba words with the vocabulary map's legal words (``service/rag/vocab_map.py``,
  weight 0.2) and the shared vocabulary's formal forms (``Candidates.expansion``) added to the query:
  "我借钱给朋友他不还" also searches 借款/债务/履行. Alone it recalls 0.80 of the gold articles in its top
  100 against 0.72 for the plain lexical leg (validation).
- **bigram**: BM25 over character bigrams of the article body (the ranker's bigram table): finds articles
  whose words jieba cuts differently in the question and the law.

A candidate that only an added leg found has no fused score: its ``Hit.score`` is 0 (the refusal checks
read it as weak retrieval evidence, which it is). Pool order (what ``DEPTH`` cuts): the best rank the
candidate has in any leg, ties by fused rank: each leg's best candidates come first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex
    from service.rag.rerank import IndexFeatures

POOL_K = 100  # candidates of each added leg (validation: union recall 0.883 at 100, 0.832 at 50)


@dataclass(frozen=True)
class ExtraLegs:
    """The added legs' ``(position, score)`` lists, best first (``POOL_K`` at most each)."""

    mapped: list[tuple[int, float]]
    bigram: list[tuple[int, float]]


def extra_legs(
    index: KnowledgeIndex,
    tables: IndexFeatures,
    bigrams: Sequence[str],
    tokens: Sequence[str],
    expansion: Mapping[str, float],
    mask: npt.NDArray[np.bool_] | None,
    k: int = POOL_K,
) -> ExtraLegs:
    """Both added legs for one query. ``bigrams``: the query's character bigrams (``rerank.char_bigrams``);
    ``tokens``: its jieba tokens; ``expansion``: extra BM25 query words → weight (vocabulary map and
    shared vocabulary); ``mask``: the search filters as a row mask (``KnowledgeIndex.filter_mask``)."""
    mapped = index.lexical.search(tokens, k, mask, expansion=dict(expansion) or None)
    bigram = tables.bigrams.search(list(bigrams), k, mask)
    return ExtraLegs(mapped=mapped, bigram=bigram)


def merge_expansions(*parts: Mapping[str, float] | None) -> dict[str, float]:
    """Sum of several ``word → query weight`` maps (``None`` parts skipped), keys in first-seen order."""
    out: dict[str, float] = {}
    for part in parts:
        for word, weight in (part or {}).items():
            out[word] = out.get(word, 0.0) + weight
    return out


def pool(
    fused: Sequence[tuple[int, float]],
    lexical: Sequence[tuple[int, float]],
    dense: Sequence[tuple[int, float]],
    legs: ExtraLegs,
) -> list[tuple[int, float]]:
    """Every position of ``fused`` and of the added legs, ordered by its best rank in any of the four legs
    (ties: fused rank, then position), with its fused score (0.0 when only an added leg found it).
    Deterministic: no hash order is involved."""
    best: dict[int, int] = {}
    for leg in (lexical, dense, legs.mapped, legs.bigram):
        for rank, (p, _) in enumerate(leg):
            if rank < best.get(p, rank + 1):
                best[p] = rank
    score = dict(fused)
    fused_rank = {p: i for i, (p, _) in enumerate(fused)}
    far = len(fused) + 1
    for p in fused_rank:
        best.setdefault(p, far)
    order = sorted(best, key=lambda p: (best[p], fused_rank.get(p, far), p))
    return [(p, score.get(p, 0.0)) for p in order]
