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
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from service.config import Settings
from service.schemas import Answer, Hit, SearchFilters


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
    """Bounded, thread-safe LRU of ``CachedAnswer`` (``max_entries`` ≥ 0; 0 = never stores)."""

    def __init__(self, settings: Settings, max_entries: int) -> None:
        if max_entries < 0:
            raise ValueError("max_entries must be >= 0")
        self.max_entries = max_entries
        self._settings = settings_fingerprint(settings)
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, ...], CachedAnswer] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def key(
        self, generation: str, curated_version: object, question: str, filters: SearchFilters | None
    ) -> tuple[str, ...]:
        scope = filters.model_dump_json() if filters is not None else ""
        return (generation, self._settings, repr(curated_version), question, scope)

    def get(self, key: tuple[str, ...]) -> CachedAnswer | None:
        """A private copy of the cached entry (callers may modify it), or None."""
        if not self.max_entries:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
        return entry.copy()

    def put(self, key: tuple[str, ...], entry: CachedAnswer) -> None:
        """Store a copy of ``entry`` unless it reports a transient failure (``mode == "llm_fallback"``)."""
        if not self.max_entries or entry.answer.mode == "llm_fallback":
            return
        stored = entry.copy()
        with self._lock:
            self._entries[key] = stored
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
