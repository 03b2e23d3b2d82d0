"""A document's structure as the index sees it: the 编/章/节 tree with its articles and chunks.

Built from the chunks' ``chapter_path`` and ``locator`` (what the splitter recorded), so the console shows
exactly what retrieval and citations use, including where a document was split wrongly.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from service.schemas import Chunk


class StructureNode(BaseModel):
    kind: Literal["heading", "chunk"]
    title: str  # a heading ("第五章 党的基层组织") or a chunk's locator ("第三十二条")
    chunk_ids: list[str] = Field(default_factory=list)  # a leaf's chunks (every part of a split article)
    children: list[StructureNode] = Field(default_factory=list)


def document_structure(chunks: list[Chunk]) -> list[StructureNode]:
    """The heading tree of one document's chunks, in document order; leaves are locators.

    Parts of one article split for length share a leaf (``chunk_ids`` lists every part)."""
    roots: list[StructureNode] = []
    for chunk in sorted(chunks, key=lambda c: (c.char_start, c.part)):
        level = roots
        for heading in chunk.chapter_path:
            if not (level and level[-1].kind == "heading" and level[-1].title == heading):
                level.append(StructureNode(kind="heading", title=heading))
            level = level[-1].children
        label = chunk.locator or "正文"
        if level and level[-1].kind == "chunk" and level[-1].title == label and chunk.part > 1:
            level[-1].chunk_ids.append(chunk.chunk_id)
        else:
            level.append(StructureNode(kind="chunk", title=label, chunk_ids=[chunk.chunk_id]))
    return roots
