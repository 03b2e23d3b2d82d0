"""Answers built from document structure rather than retrieval: a chunk cited as a hit, a verbatim quote
numbered once, and the answer or refusal carrying its decision (``rag.refusal.Decision``).

Shared by ``facts`` (条数 / 施行 / 通过 / 解释) and ``compare`` (新旧对照 questions)."""

from __future__ import annotations

from service.rag.fusion import hit_from_chunk
from service.rag.refusal import Decision
from service.schemas import Answer, Chunk, Citation, Hit
from service.text.sentences import sentence_spans


def cite(hit: Hit, quote: str, citations: list[Citation], hits: list[Hit]) -> int:
    """The citation number of ``quote`` from ``hit`` (added to ``citations`` and ``hits`` when new)."""
    for c in citations:
        if c.chunk_id == hit.chunk_id and c.quote == quote:
            return c.n
    n = len(citations) + 1
    citations.append(Citation.from_hit(n, hit, quote))
    if hit.chunk_id not in {h.chunk_id for h in hits}:
        hits.append(hit)
    return n


def structure_answer(text: str, citations: list[Citation], reason: str) -> Answer:
    answer = Answer(answer=text, refused=False, citations=citations, mode="extractive")
    answer._decision = Decision(False, reason, 1.0, 1.0)
    return answer


def structure_refusal(text: str, reason: str) -> Answer:
    answer = Answer(answer=text, refused=True, mode="extractive")
    answer._decision = Decision(True, reason, 0.0, 0.0)
    return answer


def structure_hit(chunk: Chunk) -> Hit:
    return hit_from_chunk(chunk, 1.0, {"structure": 1.0})


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
