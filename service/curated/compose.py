"""Turn a curated answer into an ``Answer`` whose every citation is verified against the current index.

The answer text is the chosen passages themselves, each followed by its marker ("…[1]\\n…[2]"), and the
citations quote the passages' current text. The result still goes through ``citations.verify`` in strict
mode, exactly like an extractive answer, so nothing is shown that is not verbatim source text. A passage
whose chunk is no longer in the index makes the curated answer stale: ``None`` is returned and the
question is answered normally.
"""

from __future__ import annotations

import re

from service.curated.store import CuratedAnswer, PassageRef
from service.errors import ChunkNotFound
from service.index.generations import KnowledgeIndex
from service.rag.citations import verify
from service.rag.fusion import hit_from_chunk
from service.schemas import Answer, Citation, Hit

_BLANK_LINES_RE = re.compile(r"\n\s*\n")
CURATED_NOTICE = "本回答为管理员审核确认的标注回复。"


def passage_hits(index: KnowledgeIndex, passages: list[PassageRef]) -> list[Hit] | None:
    """The chosen passages as hits of the current index, in order; None if any has disappeared."""
    hits: list[Hit] = []
    for p in passages:
        try:
            chunk = index.chunk(p.chunk_id)
        except ChunkNotFound:
            return None
        hits.append(hit_from_chunk(chunk, 1.0, {"curated": 1.0}))
    return hits


def compose_curated(curated: CuratedAnswer, index: KnowledgeIndex) -> tuple[Answer, list[Hit]] | None:
    """The verified answer for ``curated`` and the hits it cites, or None when it is stale."""
    hits = passage_hits(index, curated.passages)
    if not hits:
        return None
    citations = [Citation.from_hit(n, h, h.text) for n, h in enumerate(hits, start=1)]
    # blank lines inside a passage are layout, not content: one line break keeps the answer compact
    text = "\n".join(
        f"{_BLANK_LINES_RE.sub(chr(10), h.text.strip())}[{n}]" for n, h in enumerate(hits, start=1)
    )
    checked = verify(text, citations, {h.chunk_id: h for h in hits}, strict=True)
    if not checked.answer or len(checked.citations) != len(hits):
        return None  # a passage failed verification: never show a curated answer partly
    answer = Answer(
        answer=checked.answer,
        refused=False,
        citations=checked.citations,
        notice=CURATED_NOTICE,
        curated=True,
    )
    return answer, hits
