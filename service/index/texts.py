"""What text each index leg sees for a chunk. One definition, used by ingest, eval and benchmarks."""

from __future__ import annotations

from service.schemas import Chunk
from service.text.normalize import fullwidth_to_halfwidth, normalize_for_match, to_simplified


def chunk_heading(chunk: Chunk) -> str:
    """Title plus locator, without repeating a locator the title already ends with (LeCoQA titles do)."""
    if not chunk.locator or chunk.locator in chunk.title:
        return chunk.title
    return f"{chunk.title} {chunk.locator}"


def embedding_text(chunk: Chunk) -> str:
    """Input to the dense leg: heading + text, simplified and width-folded (queries get the same folding).

    Kept free of the Arabic-numeral rewrite so the model reads natural Chinese.
    """
    return to_simplified(fullwidth_to_halfwidth(f"{chunk_heading(chunk)}\n{chunk.text}"))


def lexical_text(chunk: Chunk) -> str:
    """Input to the BM25 leg: chapter path, heading and text in matching normal form."""
    chapters = " ".join(chunk.chapter_path)
    return normalize_for_match(f"{chunk_heading(chunk)} {chapters}\n{chunk.text}")


def embedding_query(query: str) -> str:
    return to_simplified(fullwidth_to_halfwidth(query))
