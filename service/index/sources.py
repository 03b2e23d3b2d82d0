"""The passage a quiz item or a citation points at, read from the current index generation.

One lookup for every caller that checks or shows an item's source (``POST /v1/bank`` and ``study quiz
--save`` validate items against it before banking them): the chunk the source names when the generation
still has it, else the whole text of its document (a re-split changed chunk ids, the quote is still in the
document), else nothing (the document was deleted).
"""

from __future__ import annotations

from collections.abc import Callable

from service.errors import ChunkNotFound, DocumentNotFound
from service.index.generations import KnowledgeIndex
from service.schemas import Citation, QuizItem, QuizSource


def source_text(index: KnowledgeIndex, source: QuizSource | Citation) -> str | None:
    """The original text ``source`` (a quiz item's source or an answer's citation) points at.

    Returns the chunk's text when ``source.chunk_id`` is in ``index``, else the document's whole text,
    else ``None`` when the document is not in ``index`` either. Never raises for a missing source.
    """
    if source.chunk_id:
        try:
            return index.chunk(source.chunk_id).text
        except ChunkNotFound:
            pass
    try:
        return index.document_text(source.doc_id)
    except DocumentNotFound:
        return None


def item_sources(index: KnowledgeIndex) -> Callable[[QuizItem], str | None]:
    """``item -> source text`` over ``index`` (``source_text`` of ``item.source``), for validators."""
    return lambda item: source_text(index, item.source)
