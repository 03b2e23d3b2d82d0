"""The retrieval test (命中测试): everything that decides the answer to one question, on one screen.

For a question it returns the fused hits with both legs' scores (and each leg's own top list), the exact
article lookup, the curated answers nearest to the question with their similarity, and the answer that
``ask`` would give with its refusal decision (reason, term coverage, support). Nothing is stored. The API
(``POST /v1/console/hittest``) and ``study hittest`` both call ``hit_test``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from service.rag.answer import clean_question
from service.rag.conversation import resolve
from service.schemas import Answer, Hit, SearchFilters

if TYPE_CHECKING:
    from service.container import Container

MAX_CURATED_SHOWN = 3


class RefusalInfo(BaseModel):
    refuse: bool
    reason: str = Field(
        description="no_hits, no_terms, off_topic, no_number, low_support, supported, article, curated"
    )
    coverage: float
    support: float
    threshold: float = Field(description="refusal_threshold：稠密相似度的基准点")


class CuratedCandidate(BaseModel):
    curated_id: str
    question: str
    lexical: float
    dense: float
    score: float
    threshold: float
    applied: bool


class HitTest(BaseModel):
    question: str
    query: str = Field(description="检索实际使用的问题（规范化后）")
    fused: list[Hit]
    lexical: list[Hit]
    dense: list[Hit]
    lookup: list[Hit]
    curated: list[CuratedCandidate]
    answer: Answer
    refusal: RefusalInfo | None


def hit_test(
    container: Container, question: str, top_k: int = 10, filters: SearchFilters | None = None
) -> HitTest:
    """Run retrieval and answering for ``question`` without storing anything (see module docstring)."""
    settings = container.settings
    q = clean_question(question, settings.max_question_chars)
    query = resolve(q, []).question
    legs = container.retriever.search_legs(query, top_k, filters)
    answer = container.answerer.preview(q, filters)
    decision = answer._decision
    candidates = [
        CuratedCandidate(
            curated_id=m.curated.curated_id,
            question=m.curated.question,
            lexical=round(m.similarity.lexical, 4),
            dense=round(m.similarity.dense, 4),
            score=round(m.similarity.score, 4),
            threshold=settings.curated_threshold,
            applied=answer.curated and i == 0 and m.similarity.score >= settings.curated_threshold,
        )
        for i, m in enumerate(container.curated.matcher.rank(query)[:MAX_CURATED_SHOWN])
    ]
    return HitTest(
        question=q,
        query=query,
        fused=legs["fused"],
        lexical=legs["lexical"],
        dense=legs["dense"],
        lookup=legs["lookup"],
        curated=candidates,
        answer=answer,
        refusal=None
        if decision is None
        else RefusalInfo(
            refuse=decision.refuse,
            reason=decision.reason,
            coverage=round(decision.coverage, 4),
            support=round(decision.support, 4),
            threshold=settings.refusal_threshold,
        ),
    )
