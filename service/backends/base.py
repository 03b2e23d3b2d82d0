"""Protocols every backend implements. Contract tests in ``tests/unit/test_backend_contracts.py``
run the same checks against each implementation."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from service.schemas import SearchFilters

Vector = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors.

    ``name`` identifies model *and* weights (it keys the embedding cache, so two different models must
    never share a name). Queries and passages may be embedded differently (e5 uses ``query: `` /
    ``passage: `` prefixes), hence two methods.
    """

    name: str
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> Vector: ...

    def embed_query(self, text: str) -> Vector: ...


@runtime_checkable
class VectorStore(Protocol):
    """A named collection of vectors with metadata, queried by cosine similarity."""

    def add(
        self,
        ids: Sequence[str],
        vectors: Vector,
        metadatas: Sequence[dict[str, Any]],
        documents: Sequence[str] | None = None,
    ) -> None: ...

    def query(self, vector: Vector, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """Return ``(id, similarity)`` pairs, best first; similarity in [-1, 1]; only rows ``filters`` allow."""
        ...

    def count(self) -> int: ...

    def delete_collection(self) -> None: ...


@runtime_checkable
class VectorStores(Protocol):
    """Where collections live (a Chroma directory, a Chroma server): one per index generation.

    Picked by name from settings (``vector_backend``) through ``backends.vectorstore.open_vector_stores``,
    the way embedders are picked by ``embedding_backend``."""

    @property
    def name(self) -> str:
        """The registry name (``chroma``, ``chroma-server``)."""
        ...

    def open(self, collection: str, *, create: bool = False) -> VectorStore:
        """The collection ``collection`` (created empty with ``create=True``); ``BackendUnavailable`` when
        the store cannot be reached or the collection is missing."""
        ...

    def collections(self) -> list[str]:
        """Names of the collections the store holds."""
        ...

    def drop(self, collection: str) -> None:
        """Delete a collection; a missing one is not an error."""
        ...

    def export(self, collection: str, page: int = 2000) -> tuple[list[str], Vector, list[dict[str, Any]]]:
        """All ids, vectors and metadatas of ``collection``, sorted by id (``study backup``)."""
        ...


@runtime_checkable
class ChatModel(Protocol):
    """An LLM reached over an OpenAI-compatible API."""

    name: str

    def complete(self, messages: list[dict[str, str]], *, timeout_s: float) -> str: ...

    def stream(self, messages: list[dict[str, str]], *, timeout_s: float) -> Iterator[str]: ...
