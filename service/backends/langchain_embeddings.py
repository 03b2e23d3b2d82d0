"""Our ``Embedder`` seen as a LangChain ``Embeddings``, so a plain LangChain pipeline can use the very same
model (same weights, same e5 query/passage prefixes) in ``bench/bench_langchain_compare.py``.

WHY here: LangChain types must not leave ``service/backends`` (ruff bans the imports elsewhere), and a
comparison is only fair when both pipelines embed identically; only splitting, storage and retrieval differ.
"""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from service.backends.base import Embedder


class EmbedderAsLangChain(Embeddings):
    """Adapter: ``embed_documents``/``embed_query`` delegate to an ``Embedder`` and return plain lists."""

    def __init__(self, embedder: Embedder, batch_size: int = 32) -> None:
        self.embedder = embedder
        self.batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            out.extend(self.embedder.embed_documents(texts[start : start + self.batch_size]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self.embedder.embed_query(text).tolist()
        return vector
