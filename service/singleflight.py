"""One bounded, thread-safe LRU with single-flight computation, for every in-memory cache of the service.

``SingleFlightLRU[K, V]`` is what the query-embedding cache (``service/backends/query_cache.py``) and the
answer cache (``service/rag/answer_cache.py``) are built on; each of those owns only its key, what it stores
and what callers get back.

- **LRU**: at most ``max_entries`` values (0: nothing is ever stored; single flight still applies), the least
  recently used one leaves first.
- **Single flight** (``get_or_compute``): a caller asking for a key that another caller is computing right now
  waits for that computation and gets the same value, or the same exception; a failed computation is not
  remembered, so the next caller tries again.
- **No gap between "computing" and "stored"**: the value is stored under the same lock acquisition that
  removes the key from the pending set, so a caller always sees the key either pending or stored and never
  starts a second computation of a value that was just computed.

Why not a library (checked: ``cachetools``, ``async-lru``, ``aiocache``): our callers are threads (Starlette's
thread pool), which rules out the asyncio-only ``async-lru`` and ``aiocache``; ``cachetools.cached(...,
condition=...)`` only serialises callers of one key: after a failed call every waiter runs the call again in
turn, with a cache of size 0 every waiter recomputes in turn, and there is no per-call computation, no
"do not keep this value" and no "is this key pending" query, which the answer cache needs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True)
class CacheStats:
    """One consistent reading of a cache's counters (``SingleFlightLRU.stats``); all counts since start.

    ``hits``: stored value returned; ``misses``: a computation started (or ``get`` found nothing);
    ``coalesced``: a caller waited for another caller's computation; ``entries``: values stored now
    (≤ ``max_entries``).
    """

    hits: int
    misses: int
    coalesced: int
    entries: int
    max_entries: int


class SingleFlightLRU(Generic[K, V]):
    """Bounded LRU of ``V`` by ``K`` whose misses are computed once however many callers ask at once.

    Counters: ``hits`` (stored value returned), ``misses`` (a computation started), ``coalesced`` (a caller
    waited for another caller's computation); read them together with ``stats()`` (what ``/metrics`` exports).
    Raises ``ValueError`` for ``max_entries < 0``.
    """

    def __init__(self, max_entries: int) -> None:
        if max_entries < 0:
            raise ValueError("max_entries must be >= 0")
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._pending: dict[K, Future[V]] = {}
        self.hits = 0
        self.misses = 0
        self.coalesced = 0

    def get(self, key: K) -> V | None:
        """The stored value (counted as a hit, made most recent), or None (counted as a miss)."""
        with self._lock:
            value = self._entries.get(key)
            if value is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return value

    def holds(self, key: K) -> bool:
        """Whether ``key`` is stored or being computed by a caller right now (counts nothing)."""
        with self._lock:
            return key in self._entries or key in self._pending

    def get_or_compute(self, key: K, compute: Callable[[], V], keep: Callable[[V], bool] | None = None) -> V:
        """The value for ``key``: the stored one, the one a concurrent caller is computing (waits for it; its
        exception is raised here too), or ``compute()``'s result, stored unless ``keep`` says no (or
        ``max_entries == 0``). Every caller of one computation gets the same object."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return value
            pending = self._pending.get(key)
            if pending is None:
                mine: Future[V] = Future()
                self._pending[key] = mine
                self.misses += 1
            else:
                self.coalesced += 1
        if pending is not None:  # another caller is computing this very key: wait for it
            return pending.result()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            mine.set_exception(exc)
            raise
        with self._lock:  # stored and no longer pending in one step: no caller sees neither
            del self._pending[key]
            if keep is None or keep(value):
                self._store(key, value)
        mine.set_result(value)
        return value

    def put(self, key: K, value: V) -> None:
        """Store ``value`` as the most recent entry (nothing when ``max_entries == 0``)."""
        with self._lock:
            self._store(key, value)

    def _store(self, key: K, value: V) -> None:
        if not self.max_entries:
            return
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def stats(self) -> CacheStats:
        """The counters and the number of stored values, read under one lock acquisition."""
        with self._lock:
            return CacheStats(self.hits, self.misses, self.coalesced, len(self._entries), self.max_entries)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def clear(self) -> None:
        """Forget every stored value (computations in flight still complete for their waiters)."""
        with self._lock:
            self._entries.clear()
