"""Answers to repeated first questions, kept in memory and invalidated by what they depend on.

Many members ask the same few questions ("党员有哪些权利"); answering one again costs retrieval, extraction
and verification (~100 ms of CPU on 2 cores) for a result that cannot differ. ``AnswerCache`` keeps the
composed answer of a *first* question (no conversation history: a follow-up depends on its turns) keyed by

- the serving index generation (a new ingest, an upload or a removal changes it),
- a fingerprint of the settings (``Settings`` is built once per process, so this changes only when a
  test or tool builds another answerer),
- the version of the curated-answer table (``CuratedStore.version``: count and last change),
- the cleaned question and the filters.

What is cached is the answer's content; every request still gets its own ``answer_id``, conversation and
persisted turn, so feedback and history work as before. Answers that report a transient failure (the LLM
fell back to extraction) are not cached. Bounded LRU of ``STUDY_ANSWER_CACHE_SIZE`` entries (0 disables).

**Single flight** (``get_or_compute``): requests for a key whose answer another request is composing right
now wait for that one instead of composing it again. Under load the first asking of a popular question
arrives several times at once (50 members over 160 dev questions: ~8 such pairs in the first second alone),
and each copy cost a whole answer (retrieval, extraction, verification: ~35 ms of CPU besides the query
embedding). ``holds(key)`` tells the API's model gate that a request will be answered from the cache (stored
or in flight), so it does not queue behind new questions for a model slot (``service/api/routes_qa.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from service.config import Settings
from service.schemas import Answer, Hit, SearchFilters
from service.singleflight import CacheStats, SingleFlightLRU


@dataclass(frozen=True)
class CachedAnswer:
    """What answering a first question produced: the resolved query, the answer and the hits it used."""

    query: str
    answer: Answer
    used_hits: list[Hit]

    def copy(self) -> CachedAnswer:
        return CachedAnswer(
            self.query, self.answer.model_copy(deep=True), [h.model_copy(deep=True) for h in self.used_hits]
        )


def settings_fingerprint(settings: Settings) -> str:
    """A short hash of every setting (``Settings.model_dump_json``)."""
    return hashlib.sha256(settings.model_dump_json().encode()).hexdigest()[:16]


class AnswerCache:
    """Bounded, thread-safe LRU of ``CachedAnswer`` (``max_entries`` ≥ 0; 0 = never stores), single flight per
    key; the LRU and single flight are ``service.singleflight.SingleFlightLRU``."""

    def __init__(self, settings: Settings, max_entries: int) -> None:
        self._flights: SingleFlightLRU[tuple[str, ...], CachedAnswer] = SingleFlightLRU(max_entries)
        self.max_entries = max_entries
        self._settings = settings_fingerprint(settings)

    def stats(self) -> CacheStats:
        """Hits, misses, coalesced waits and stored entries (exported by ``/metrics``)."""
        return self._flights.stats()

    def key(
        self, generation: str, curated_version: object, question: str, filters: SearchFilters | None
    ) -> tuple[str, ...]:
        scope = filters.model_dump_json() if filters is not None else ""
        return (generation, self._settings, repr(curated_version), question, scope)

    def get(self, key: tuple[str, ...]) -> CachedAnswer | None:
        """A private copy of the cached entry (callers may modify it), or None."""
        if not self.max_entries:
            return None
        entry = self._flights.get(key)
        return entry.copy() if entry is not None else None

    def holds(self, key: tuple[str, ...]) -> bool:
        """Whether ``key``'s answer is stored or being composed by another request (no hit is counted)."""
        return bool(self.max_entries) and self._flights.holds(key)

    def get_or_compute(self, key: tuple[str, ...], compute: Callable[[], CachedAnswer]) -> CachedAnswer:
        """The entry for ``key``: a private copy of the stored one, or of the one a concurrent call is
        computing (waits for it; its exception is raised here too), or ``compute()``'s result, a copy of which
        is then stored (unless it reports a transient failure, see ``put``) while the result is returned as is.
        With ``max_entries == 0`` this is just ``compute()``."""
        if not self.max_entries:
            return compute()
        mine: list[CachedAnswer] = []

        def compute_shared() -> CachedAnswer:
            result = compute()
            mine.append(result)
            # stored and handed to waiters: a copy nobody modifies (the caller will set its own answer id and
            # conversation on ``result``)
            return result.copy()

        shared = self._flights.get_or_compute(key, compute_shared, keep=_keeps)
        return mine[0] if mine else shared.copy()

    def put(self, key: tuple[str, ...], entry: CachedAnswer) -> CachedAnswer | None:
        """Store a copy of ``entry`` unless it reports a transient failure (``mode == "llm_fallback"``);
        returns the stored copy (never modified afterwards) or None when nothing was stored."""
        if not self.max_entries or not _keeps(entry):
            return None
        stored = entry.copy()
        self._flights.put(key, stored)
        return stored

    def __len__(self) -> int:
        return len(self._flights)

    def clear(self) -> None:
        """Forget every stored answer (answers being composed still complete for their waiters)."""
        self._flights.clear()


def _keeps(entry: CachedAnswer) -> bool:
    """Whether an answer may be kept: not one that reports a transient failure (the LLM fell back)."""
    return entry.answer.mode != "llm_fallback"
