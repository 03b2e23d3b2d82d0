"""Rate limits (429 + Retry-After), body size limits (413) and the model concurrency gate (503)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.limits import SELF_GATED_ROUTES, BodySizeLimit, ModelGate, RateLimiter
from service.config import Settings
from service.store.db import Database
from service.store.keys import KeyStore

# remote clients name the service by its address (the Host allow-list accepts loopback and the bind host)
REMOTE_URL = "http://127.0.0.1:8000"


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": tmp_path / "data", "embedding_backend": "hash"}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def new_key(settings: Settings, role: str = "member") -> str:
    return KeyStore(Database(settings.db_path)).create(f"限流{role}", role)[1]


def feedback(c: TestClient, key: str | None = None) -> Any:
    headers = {"X-API-Key": key} if key else {}
    return c.post("/v1/feedback", json={"answer_id": "nope", "rating": "up"}, headers=headers)


def test_rate_limit_per_key_gives_429_with_retry_after(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, rate_limit_per_minute=3)
    key = new_key(settings)
    c = TestClient(create_app(settings), base_url=REMOTE_URL, client=("198.51.100.1", 1000))
    assert [feedback(c, key).status_code for _ in range(3)] == [404, 404, 404]
    resp = feedback(c, key)
    assert resp.status_code == 429
    assert resp.json()["error"]["code"] == "rate_limited"
    assert resp.json()["error"]["status"] == 429
    retry_after = int(resp.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert str(retry_after) in resp.json()["error"]["message"]
    # the same key from another address is still limited (per-key bucket) ...
    other_ip = TestClient(c.app, base_url=REMOTE_URL, client=("198.51.100.2", 1000))
    assert feedback(other_ip, key).status_code == 429
    # ... while another key from that address is not
    assert feedback(other_ip, new_key(settings)).status_code == 404


def test_rate_limit_per_ip_across_keys(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, rate_limit_per_minute=2)
    keys = [new_key(settings) for _ in range(3)]
    c = TestClient(create_app(settings), base_url=REMOTE_URL, client=("198.51.100.9", 1000))
    statuses = [feedback(c, k).status_code for k in keys]
    assert statuses == [404, 404, 429]


def test_health_and_local_operator_are_not_limited(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, rate_limit_per_minute=1)
    c = TestClient(create_app(settings))  # loopback, no keys: the local operator
    assert all(feedback(c).status_code == 404 for _ in range(5))
    remote = TestClient(c.app, base_url=REMOTE_URL, client=("198.51.100.3", 1))
    assert all(remote.get("/healthz").status_code == 200 for _ in range(5))


def test_rate_limit_zero_disables(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, rate_limit_per_minute=0)
    key = new_key(settings)
    c = TestClient(create_app(settings), base_url=REMOTE_URL, client=("198.51.100.4", 1))
    assert all(feedback(c, key).status_code == 404 for _ in range(20))


def test_token_bucket_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])  # one token per second, burst of 60
    assert all(limiter.check("k") == 0 for _ in range(60))
    assert limiter.check("k") == 1
    now[0] += 0.5
    assert limiter.check("k") == 1  # half a token is not enough
    now[0] += 0.6
    assert limiter.check("k") == 0
    assert limiter.check("other") == 0  # buckets are independent


def test_token_bucket_prunes_idle_buckets() -> None:
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])
    limiter.MAX_BUCKETS = 10
    for i in range(10):
        limiter.check(f"ip:{i}")
    now[0] += 120  # everyone refilled
    limiter.check("ip:new")
    assert len(limiter._buckets) <= 2


def test_body_too_large_by_content_length(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_request_bytes=2048)
    c = TestClient(create_app(settings))
    resp = c.post("/v1/ask", json={"question": "问" * 5000})
    assert resp.status_code == 413
    assert resp.json()["error"] == {
        "code": "payload_too_large",
        "message": resp.json()["error"]["message"],
        "status": 413,
    }


def test_body_too_large_when_streamed_without_length(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_request_bytes=2048)
    c = TestClient(create_app(settings))

    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(100):
            yield "党章".encode() * 50
        yield b'"}'

    resp = c.post("/v1/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "payload_too_large"


def test_small_body_passes_size_limit(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_request_bytes=2048)
    c = TestClient(create_app(settings))
    assert feedback(c).status_code == 404  # reached the handler


async def _collect(app: Any, path: str) -> int:
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app({"type": "http", "method": "POST", "path": path, "headers": []}, receive, send)
    return status[0]


def test_model_gate_bounds_concurrency_and_queues() -> None:
    active = [0]
    peak = [0]

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        await asyncio.sleep(0.05)
        active[0] -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    gate = ModelGate(slow_app, max_concurrent=2, queue_timeout_s=30)

    async def burst() -> list[int]:
        return list(await asyncio.gather(*(_collect(gate, "/v1/search") for _ in range(8))))

    assert asyncio.run(burst()) == [200] * 8  # everyone served: the burst queued ...
    assert peak[0] == 2  # ... and never ran more than two at once
    assert gate.peak_in_flight == 2


def test_model_gate_times_out_with_503() -> None:
    release = asyncio.Event()

    async def blocking_app(scope: Any, receive: Any, send: Any) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    gate = ModelGate(blocking_app, max_concurrent=1, queue_timeout_s=0.05)

    async def scenario() -> tuple[int, int]:
        first = asyncio.create_task(_collect(gate, "/v1/search"))
        await asyncio.sleep(0.01)
        second = await _collect(gate, "/v1/search")  # waits 0.05 s for the slot, then 503
        release.set()
        return await first, second

    first, second = asyncio.run(scenario())
    assert (first, second) == (200, 503)


def test_model_gate_lets_self_gated_routes_through() -> None:
    """``POST /v1/ask`` takes its slot in the route (only when it needs one), not in the middleware."""
    release = asyncio.Event()
    entered: list[str] = []

    async def blocking_app(scope: Any, receive: Any, send: Any) -> None:
        entered.append(scope["path"])
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    assert "/v1/ask" in SELF_GATED_ROUTES
    gate = ModelGate(blocking_app, max_concurrent=1, queue_timeout_s=0.05)

    async def scenario() -> list[int]:
        tasks = [asyncio.create_task(_collect(gate, "/v1/ask")) for _ in range(3)]
        await asyncio.sleep(0.1)  # longer than the queue timeout: a gated request would have had its 503
        release.set()
        return list(await asyncio.gather(*tasks))

    assert asyncio.run(scenario()) == [200, 200, 200]
    assert entered == ["/v1/ask"] * 3 and gate.peak_in_flight == 0


def test_cached_first_question_does_not_wait_for_a_model_slot(kb_settings: Settings) -> None:
    """With every model slot taken, a repeated first question is still answered (from the answers cache,
    no model work), while a new question, a follow-up and a search queue and get 503 ``overloaded``."""
    settings = kb_settings.model_copy(update={"max_concurrent_model_calls": 1, "model_queue_timeout_s": 0.2})
    app = create_app(settings)
    question = "党支部多久组织一次学习？"
    with TestClient(app) as c:
        first = c.post("/v1/ask", json={"question": question})
        assert first.status_code == 200 and "每月至少组织一次" in first.json()["answer"]
        slots = app.state.model_slots
        c.portal.call(slots.acquire)  # the one slot is busy from now on
        try:
            again = c.post("/v1/ask", json={"question": f"  {question}\u200b"})  # same question once cleaned
            assert again.status_code == 200
            assert again.json()["answer"] == first.json()["answer"]
            assert again.json()["answer_id"] != first.json()["answer_id"]
            for body, path in (
                ({"question": "学习内容包括什么？"}, "/v1/ask"),
                (
                    {"question": "学习内容包括什么？", "conversation_id": first.json()["conversation_id"]},
                    "/v1/ask",
                ),
                ({"query": question}, "/v1/search"),
            ):
                busy = c.post(path, json=body)
                assert busy.status_code == 503, (path, body)
                assert busy.json()["error"]["code"] == "overloaded"
                assert busy.headers["Retry-After"] == "5"
        finally:
            c.portal.call(slots.release)
        assert c.post("/v1/ask", json={"question": "学习内容包括什么？"}).status_code == 200
        assert slots.in_flight == 0


def test_body_limit_uses_upload_limit_on_upload_route() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    limit = BodySizeLimit(app, max_bytes=10, upload_bytes=1000)

    async def call(path: str, size: int) -> int:
        status: list[int] = []
        sent = [False]

        async def receive() -> dict[str, Any]:
            if sent[0]:
                return {"type": "http.disconnect"}
            sent[0] = True
            return {"type": "http.request", "body": b"x" * size, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await limit({"type": "http", "method": "POST", "path": path, "headers": []}, receive, send)
        return status[0]

    assert asyncio.run(call("/v1/ask", 50)) == 413
    assert asyncio.run(call("/v1/admin/ingest/upload", 500)) == 200
    assert asyncio.run(call("/v1/admin/ingest/upload", 5000)) == 413
