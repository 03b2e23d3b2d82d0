"""In-process tests of the widget routes and the origin policy (no browser: see tests/browser for that).

The policy matters more than the widget's looks: a page on a disallowed origin must not be able to call
the API, including "simple" requests that browsers send without a preflight.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.routes_widget import OriginPolicy
from service.config import Settings

ALLOWED = "https://branch.example.org"
OTHER = "https://evil.example.com"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        embedding_backend="hash",
        cors_origins=[ALLOWED, "http://localhost:5173"],
    )
    # no context manager: the lifespan's model warm-up is not needed for these routes
    return TestClient(create_app(settings))


def test_widget_js_is_served_as_javascript_with_cache_validation(client: TestClient) -> None:
    res = client.get("/widget.js")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/javascript")
    assert "max-age=" in res.headers["cache-control"]
    assert "attachShadow" in res.text and "/v1/ask/stream" in res.text
    etag = res.headers["etag"]
    again = client.get("/widget.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/widget.js", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_demo_page_embeds_the_widget_with_a_relative_api(client: TestClient) -> None:
    res = client.get("/")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/html")
    assert '<script src="/widget.js" data-api="/"' in res.text
    assert "学习园地" in res.text


def test_allowed_origin_gets_cors_headers_and_reaches_the_route(client: TestClient) -> None:
    res = client.post("/v1/feedback", json={"answer_id": "nope", "rating": "up"}, headers={"Origin": ALLOWED})
    # the route ran (unknown answer id) and the page may read the error
    assert res.status_code == 404
    assert res.headers["access-control-allow-origin"] == ALLOWED
    assert "Origin" in res.headers["vary"]
    assert "Retry-After" in res.headers["access-control-expose-headers"]


def test_allowed_origin_preflight_permits_the_widget_headers(client: TestClient) -> None:
    res = client.options(
        "/v1/ask/stream",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert res.status_code == 204
    assert res.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in res.headers["access-control-allow-methods"]
    allowed_headers = res.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "/v1/feedback", {"json": {"answer_id": "x", "rating": "up"}}),
        # a "simple" request (text/plain) is sent by browsers without preflight: it must not run either
        ("post", "/v1/ask", {"content": '{"question": "党章"}', "headers": {"Content-Type": "text/plain"}}),
        ("get", "/v1/anything", {}),
    ],
)
def test_disallowed_origin_is_refused_before_any_route(
    client: TestClient, method: str, path: str, kwargs: dict[str, object]
) -> None:
    headers = {"Origin": OTHER, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    res = client.request(method.upper(), path, headers=headers, **kwargs)  # type: ignore[arg-type]
    assert res.status_code == 403
    assert res.json() == {
        "error": {"code": "origin_not_allowed", "message": "该网站未获授权调用学习助手接口。", "status": 403}
    }
    assert "access-control-allow-origin" not in res.headers


def test_disallowed_origin_preflight_is_refused(client: TestClient) -> None:
    res = client.options(
        "/v1/ask/stream",
        headers={"Origin": OTHER, "Access-Control-Request-Method": "POST"},
    )
    assert res.status_code == 403
    assert res.json()["error"]["code"] == "origin_not_allowed"
    assert not any(h.startswith("access-control-") for h in res.headers)


def test_disallowed_origin_may_load_the_script_but_gets_no_read_access(client: TestClient) -> None:
    res = client.get("/widget.js", headers={"Origin": OTHER})
    assert res.status_code == 200
    assert "access-control-allow-origin" not in res.headers


def test_requests_without_origin_are_not_browser_cross_origin_calls(client: TestClient) -> None:
    res = client.get("/healthz")
    assert res.status_code == 200
    assert "access-control-allow-origin" not in res.headers


def test_same_origin_pages_are_always_allowed(client: TestClient) -> None:
    # TestClient sends Host: testserver; the demo page on the API's own host calls it with that origin
    res = client.post(
        "/v1/feedback", json={"answer_id": "nope", "rating": "up"}, headers={"Origin": "http://testserver"}
    )
    assert res.status_code == 404
    assert res.json()["error"]["code"] != "origin_not_allowed"


@pytest.mark.parametrize(
    ("origin", "host", "expected"),
    [
        ("https://branch.example.org", None, True),
        ("https://BRANCH.example.org:443", None, True),  # default port and case do not matter
        ("http://branch.example.org", None, False),  # scheme does
        ("https://branch.example.org:8443", None, False),
        ("https://branch.example.org.evil.com", None, False),
        ("null", None, False),
        ("not a url", None, False),
        ("http://localhost:5173", None, True),
        ("http://localhost:5174", None, False),
        ("http://api.example.org", "api.example.org", True),  # same origin
        ("https://api.example.org", "api.example.org", True),  # https page behind a TLS proxy
        ("http://api.example.org:8000", "api.example.org:8000", True),
        ("http://api.example.org:8001", "api.example.org:8000", False),
        ("http://other.example.org", "api.example.org", False),
    ],
)
def test_origin_policy_matching(origin: str, host: str | None, expected: bool) -> None:
    policy = OriginPolicy([ALLOWED, "http://localhost:5173"])
    assert policy.allows(origin, host) is expected


def test_origin_policy_wildcard_and_null() -> None:
    assert OriginPolicy(["*"]).allows("https://anything.example", None)
    assert OriginPolicy(["null"]).allows("null", None)
    assert not OriginPolicy([]).allows("https://anything.example", None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://a.example, https://b.example:8443", ["https://a.example", "https://b.example:8443"]),
        ('["https://a.example"]', ["https://a.example"]),
        ("", []),
    ],
)
def test_cors_origins_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: list[str]
) -> None:
    monkeypatch.setenv("STUDY_CORS_ORIGINS", raw)
    assert Settings(_env_file=None).cors_origins == expected  # type: ignore[call-arg]
