"""The one single-flight LRU: concurrent callers of a key share one computation, a failure reaches every
waiter and is not remembered, the least recently used entry leaves first, and a computed value is never
"neither pending nor stored"."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.singleflight import SingleFlightLRU


def _wait_until(predicate: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.005)


def test_two_callers_one_computation() -> None:
    cache: SingleFlightLRU[str, list[str]] = SingleFlightLRU(8)
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def compute() -> list[str]:
        calls.append("党员的权利")
        started.set()
        release.wait(5)
        return ["参加党的有关会议"]

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(cache.get_or_compute, "党员有哪些权利", compute)
        assert started.wait(5)
        assert cache.holds("党员有哪些权利") and not cache.holds("党员有哪些义务")
        second = pool.submit(cache.get_or_compute, "党员有哪些权利", compute)
        _wait_until(lambda: cache.coalesced == 1)
        release.set()
        a, b = first.result(5), second.result(5)
    assert calls == ["党员的权利"]
    assert a is b and a == ["参加党的有关会议"]  # the waiter gets the very same object
    assert (cache.misses, cache.coalesced, cache.hits) == (1, 1, 0)
    assert cache.get_or_compute("党员有哪些权利", compute) is a and cache.hits == 1


def test_an_exception_releases_every_waiter_and_is_not_remembered() -> None:
    cache: SingleFlightLRU[str, str] = SingleFlightLRU(8)
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def failing() -> str:
        calls.append(1)
        started.set()
        release.wait(5)
        raise RuntimeError("模型调用失败")

    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(cache.get_or_compute, "问", failing)
        assert started.wait(5)
        waiters = [pool.submit(cache.get_or_compute, "问", failing) for _ in range(3)]
        _wait_until(lambda: cache.coalesced == 3)
        release.set()
        for fut in (first, *waiters):
            with pytest.raises(RuntimeError, match="模型调用失败"):
                fut.result(5)
    assert len(calls) == 1  # waiters did not retry one after another
    assert not cache.holds("问") and len(cache) == 0
    assert cache.get_or_compute("问", lambda: "答") == "答" and len(cache) == 1


def test_eviction_is_least_recently_used() -> None:
    cache: SingleFlightLRU[str, int] = SingleFlightLRU(2)
    cache.get_or_compute("甲", lambda: 1)
    cache.get_or_compute("乙", lambda: 2)
    assert cache.get("甲") == 1  # 甲 is now the most recent: 乙 leaves when 丙 arrives
    cache.put("丙", 3)
    assert len(cache) == 2 and cache.get("乙") is None
    assert cache.get("甲") == 1 and cache.get("丙") == 3
    cache.clear()
    assert len(cache) == 0 and not cache.holds("甲")


def test_keep_declines_and_size_zero_stores_nothing_but_still_shares_flights() -> None:
    cache: SingleFlightLRU[str, str] = SingleFlightLRU(4)
    assert cache.get_or_compute("问", lambda: "临时", keep=lambda v: v != "临时") == "临时"
    assert len(cache) == 0 and cache.get("问") is None

    off: SingleFlightLRU[str, str] = SingleFlightLRU(0)
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        started.set()
        release.wait(5)
        return "答"

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(off.get_or_compute, "问", compute)
        assert started.wait(5)
        second = pool.submit(off.get_or_compute, "问", compute)
        _wait_until(lambda: off.coalesced == 1)
        release.set()
        assert first.result(5) == second.result(5) == "答"
    assert len(calls) == 1 and len(off) == 0
    off.get_or_compute("问", compute)
    assert len(calls) == 2  # nothing was stored


def test_a_computed_value_is_stored_in_the_step_that_ends_its_flight() -> None:
    """Storing happens under the lock, in the same step that removes the key from the pending set: a caller
    can never find a just-computed key neither pending nor stored (and compute it a second time)."""
    seen: list[tuple[bool, bool]] = []

    class Recording(SingleFlightLRU[str, str]):
        def _store(self, key: str, value: str) -> None:
            seen.append((self._lock.locked(), key in self._pending))
            super()._store(key, value)

    cache = Recording(4)
    cache.get_or_compute("问", lambda: "答")
    assert seen == [(True, False)]  # under the lock, already out of the pending set
    assert cache.holds("问") and cache.get("问") == "答"


def test_negative_size_is_an_error() -> None:
    with pytest.raises(ValueError):
        SingleFlightLRU(-1)
