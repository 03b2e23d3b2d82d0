"""Request limits: token-bucket rate limits, a body size limit and a bound on concurrent model work.

WHY these live in ASGI middleware and not in route code: they must hold for every route, including the ones
other areas add later, and they must reject a request *before* its body is parsed or a model slot is taken.
All three answer in the standard error shape (``{"error": {...}}``) and add ``Retry-After`` where a retry
can succeed.

- ``RateLimiter``: in-memory token buckets keyed by ``ip:<addr>`` and ``key:<id>``. Each bucket holds up to
  ``rate_limit_per_minute`` tokens and refills continuously, so a short burst is allowed but the sustained
  rate is bounded. Per process: with N replicas the effective limit is N times higher (docs/operations.md).
- ``BodySizeLimit``: rejects by ``Content-Length`` and also counts streamed bytes, so a chunked upload
  without a length cannot exceed the limit either.
- ``JsonBodyGuard``: every JSON body is read once (already bounded by ``BodySizeLimit``) and refused before
  any route sees it when it is not UTF-8 or nests deeper than ``MAX_JSON_DEPTH`` (400 ``malformed_body``),
  or when any key or string in it is not scalar Unicode (422 ``invalid_text``: a lone surrogate such as
  ``"\\ud800"`` is valid JSON but cannot be encoded, so it would reach SQLite, Chroma or jieba and fail
  there as a 500 or a misleading 503). Query strings and paths cannot carry one: servers decode them from
  UTF-8 with replacement characters.
- ``ModelGate``: an asyncio semaphore (``ModelSlots``) around model-heavy routes. A burst queues for a slot
  instead of loading many embeddings/LLM calls at once; a request that waits longer than
  ``model_queue_timeout_s`` gets 503 ``overloaded``. ``POST /v1/ask`` (``SELF_GATED_ROUTES``) takes its slot
  itself, only when it needs one: a first question whose answer is already cached (or being composed by a
  concurrent request) does no model work, so it must not queue behind new questions. Measured before: under
  50 concurrent members, every repeated question waited for one of the 4 slots behind the first askings
  of new questions (~70 ms of CPU each), which made the whole first pass over the questions slow.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from service.errors import InvalidText, MalformedBody, Overloaded, PayloadTooLarge, StudyError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Routes whose handlers embed, search or call the LLM. Prefix match on the path.
MODEL_ROUTE_PREFIXES: tuple[str, ...] = (
    "/v1/ask",
    "/v1/search",
    "/v1/chat/",
    "/v1/quiz",
    "/v1/admin/ingest",
)
UPLOAD_ROUTE_PREFIXES: tuple[str, ...] = ("/v1/admin/ingest",)
# Model routes that take a slot themselves (``ModelSlots.hold``) when they need one. Exact paths.
SELF_GATED_ROUTES: frozenset[str] = frozenset({"/v1/ask"})
# Upper bound of list offsets (``?offset=``): far past any real list, well inside SQLite's 64-bit integers
# (an unbounded ``offset=1e20`` was an OverflowError, i.e. a 500).
MAX_OFFSET = 1_000_000


async def send_error(send: Send, err: StudyError, headers: dict[str, str] | None = None) -> None:
    """Write ``err`` as a complete JSON response directly on the ASGI channel."""
    body = json.dumps(err.to_dict(), ensure_ascii=False).encode("utf-8")
    raw_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    for name, value in (headers or {}).items():
        raw_headers.append((name.lower().encode("latin-1"), value.encode("latin-1")))
    await send({"type": "http.response.start", "status": err.status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """Thread-safe token buckets. ``check(key)`` returns 0 when allowed, else seconds to wait."""

    MAX_BUCKETS = 50_000

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def check(self, key: str) -> int:
        if not self.enabled:
            return 0
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                allowed = True
            else:
                self._buckets[key] = (tokens, now)
                allowed = False
            if len(self._buckets) > self.MAX_BUCKETS:
                self._prune(now)
        if allowed:
            return 0
        return max(1, math.ceil((1.0 - tokens) / self.rate))

    def _prune(self, now: float) -> None:
        """Drop buckets that have refilled completely: they carry no state worth keeping."""
        full = [k for k, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= self.capacity]
        for k in full:
            del self._buckets[k]


class _BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Pure ASGI middleware: 413 ``payload_too_large`` above ``max_bytes`` (``upload_bytes`` on upload routes)."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit = self.upload_bytes if path.startswith(UPLOAD_ROUTE_PREFIXES) else self.max_bytes
        err = PayloadTooLarge(f"请求内容过大（上限 {limit // 1024} KB）。")
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit:
                    await send_error(send, err)
                    return
        received = 0
        exceeded = False
        replaced = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            # Once the body overflowed, whatever the app tries to answer (often a 400 from a body
            # parser that saw our exception) is replaced by one 413 in the standard shape.
            nonlocal replaced
            if exceeded:
                if not replaced and message["type"] == "http.response.start":
                    replaced = True
                    await send_error(send, err)
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            if not replaced:
                replaced = True
                await send_error(send, err)


class ModelSlots:
    """At most ``max_concurrent`` holders at once; a caller that waits longer than ``queue_timeout_s`` gets
    ``Overloaded``. One per app (``app.state.model_slots``), shared by ``ModelGate`` and self-gated routes.
    The asyncio semaphore is created on first use, inside the server's event loop."""

    def __init__(self, max_concurrent: int, queue_timeout_s: float) -> None:
        self.max_concurrent = max_concurrent
        self.queue_timeout_s = queue_timeout_s
        self._sem: asyncio.Semaphore | None = None
        self.in_flight = 0
        self.peak_in_flight = 0

    def _semaphore(self) -> asyncio.Semaphore:
        if self._sem is None:
            self._sem = asyncio.Semaphore(self.max_concurrent)
        return self._sem

    async def acquire(self) -> None:
        """Take a slot; ``Overloaded`` (503) after ``queue_timeout_s`` without one. Pair with ``release``."""
        try:
            await asyncio.wait_for(self._semaphore().acquire(), timeout=self.queue_timeout_s)
        except TimeoutError:
            raise Overloaded() from None
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def release(self) -> None:
        self.in_flight -= 1
        self._semaphore().release()

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Hold one slot for the block (``acquire`` … ``release``)."""
        await self.acquire()
        try:
            yield
        finally:
            self.release()


OVERLOADED_HEADERS = {"Retry-After": "5"}


class ModelGate:
    """Pure ASGI middleware bounding concurrent requests on model-heavy routes (see module docstring).

    ``slots`` defaults to a private ``ModelSlots(max_concurrent, queue_timeout_s)``; routes in
    ``SELF_GATED_ROUTES`` pass through and hold a slot of the same ``slots`` themselves when they need one."""

    def __init__(
        self,
        app: ASGIApp,
        max_concurrent: int = 4,
        queue_timeout_s: float = 30.0,
        slots: ModelSlots | None = None,
    ) -> None:
        self.app = app
        self.slots = slots or ModelSlots(max_concurrent, queue_timeout_s)

    @property
    def peak_in_flight(self) -> int:
        return self.slots.peak_in_flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if (
            scope["type"] != "http"
            or scope.get("method") == "OPTIONS"
            or not path.startswith(MODEL_ROUTE_PREFIXES)
            or path in SELF_GATED_ROUTES
        ):
            await self.app(scope, receive, send)
            return
        try:
            await self.slots.acquire()
        except Overloaded as err:
            await send_error(send, err, OVERLOADED_HEADERS)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()


# Real requests nest 3-4 levels (filters, chat message parts); 32 leaves room for clients' extensions.
MAX_JSON_DEPTH = 32
_SURROGATE = re.compile("[\ud800-\udfff]")


def non_scalar_text(value: object, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """Why a decoded JSON value is refused: ``"depth"`` (nested deeper than ``max_depth``), ``"surrogate"``
    (a key or string holds a lone surrogate, i.e. is not a sequence of Unicode scalar values), or None."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return "surrogate"
        elif isinstance(item, dict | list):
            if depth > max_depth:
                return "depth"
            if isinstance(item, dict):
                stack.extend((k, depth) for k in item)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)
    return None


class JsonBodyGuard:
    """Pure ASGI middleware: refuse undecodable, too deep or non-scalar JSON bodies (module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        content_type = next((v for k, v in scope.get("headers", []) if k == b"content-type"), b"")
        if not content_type.split(b";")[0].strip().lower().endswith(b"json"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # client went away: nothing left to answer
                return
            chunks.append(message.get("body", b""))
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        err = self._check_body(body)
        if err is not None:
            await send_error(send, err)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    def _check_body(body: bytes) -> StudyError | None:
        if not body.strip():
            return None  # FastAPI reports the missing body in the usual 422 shape
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return MalformedBody("请求体不是有效的 UTF-8 编码。")
        try:
            value = json.loads(text)
        except RecursionError:
            return MalformedBody(f"请求体 JSON 嵌套过深（上限 {MAX_JSON_DEPTH} 层）。")
        except ValueError:
            return None  # a syntax error: FastAPI answers 422 invalid_input with the position
        reason = non_scalar_text(value)
        if reason == "depth":
            return MalformedBody(f"请求体 JSON 嵌套过深（上限 {MAX_JSON_DEPTH} 层）。")
        if reason == "surrogate":
            return InvalidText()
        return None
