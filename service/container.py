"""A plain container of the long-lived components, built once at the edge from ``Settings``.

No DI framework: the app factory, the CLI and the eval runner each call ``build_container(settings)``;
tests build their own with test doubles (e.g. the ``hash`` embedder). Components are created lazily so a
command that only needs the database does not load a model. Models load once per process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from service.config import Settings
from service.store.db import Database

if TYPE_CHECKING:
    from service.backends.base import ChatModel, Embedder, VectorStores
    from service.curated.service import CuratedAnswers
    from service.index.generations import IndexManager
    from service.rag.answer import Answerer
    from service.rag.retrieve import Retriever
    from service.singleflight import CacheStats


@dataclass
class Container:
    settings: Settings
    embedder_override: Embedder | None = None
    chat_model_override: ChatModel | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @cached_property
    def db(self) -> Database:
        return Database(self.settings.db_path)

    @cached_property
    def embedder(self) -> Embedder:
        if self.embedder_override is not None:
            return self.embedder_override
        from service.backends.embedders import get_embedder

        return get_embedder(self.settings.embedding_backend, self.settings.embedding_model)

    @cached_property
    def vector_stores(self) -> VectorStores:
        """The vector store settings name (``vector_backend``: chroma on disk, chroma-server), opened by
        name like the embedder; ``UnknownBackend`` for a name no store is registered under."""
        from service.backends.vectorstore import open_vector_stores

        return open_vector_stores(self.settings)

    @cached_property
    def query_embedder(self) -> Embedder:
        """``embedder`` with repeated questions cached and single-flight (``backends/query_cache.py``)."""
        from service.backends.query_cache import CachedQueryEmbedder

        return CachedQueryEmbedder(self.embedder, self.settings.query_cache_size)

    @cached_property
    def index_manager(self) -> IndexManager:
        from service.index.generations import IndexManager

        return IndexManager(self.settings, self.embedder, self.vector_stores)

    @cached_property
    def retriever(self) -> Retriever:
        from service.rag.retrieve import Retriever

        return Retriever(self.settings, self.query_embedder, self.index_manager)

    @cached_property
    def chat_model(self) -> ChatModel | None:
        if self.chat_model_override is not None:
            return self.chat_model_override
        if not self.settings.llm_enabled:
            return None
        from service.backends.chat import get_chat_model

        return get_chat_model(self.settings)

    @cached_property
    def curated(self) -> CuratedAnswers:
        from service.curated.service import CuratedAnswers

        return CuratedAnswers(self.settings, self.db, self.query_embedder, self.index_manager)

    @cached_property
    def answerer(self) -> Answerer:
        from service.rag.answer import Answerer
        from service.store.conversations import ConversationStore

        return Answerer(
            self.settings,
            store=ConversationStore(self.db),
            index_manager=self.index_manager,
            retriever=self.retriever,
            curated=self.curated,
            chat_model=self.chat_model,
        )

    def cache_stats(self) -> dict[str, CacheStats]:
        """The in-memory caches built so far, by name (``answer``, ``query_embedding``); reading never builds a
        component (a metrics scrape loads no model): a ``cached_property`` is in the instance dict once built."""
        from service.backends.query_cache import CachedQueryEmbedder

        built = vars(self)
        stats: dict[str, CacheStats] = {}
        if "answerer" in built:
            stats["answer"] = self.answerer.answer_cache.stats()
        query_embedder = built.get("query_embedder")
        if isinstance(query_embedder, CachedQueryEmbedder):
            stats["query_embedding"] = query_embedder.stats()
        return stats


def build_container(settings: Settings, **overrides: object) -> Container:
    return Container(settings=settings, **overrides)  # type: ignore[arg-type]
