"""The members' chat widget: ``GET /widget.js``, the demo host page at ``GET /``, and the origin policy.

The widget runs on branch web pages, i.e. on *other* origins, so the browser's CORS rules decide whether a
page may call the API. ``OriginPolicyMiddleware`` implements them from ``settings.cors_origins`` instead of
Starlette's ``CORSMiddleware`` because that one only withholds the response headers: a disallowed page can
still make a "simple" cross-origin POST (``text/plain`` body) that the server executes. Here a request whose
``Origin`` is not allowed is refused with 403 in the standard error shape before it reaches a route, and its
preflight is refused too, so a page on a disallowed origin cannot call the API at all.

Same-origin requests (the demo page, an API served under the site's own host) are always allowed: browsers
send ``Origin`` on same-origin POSTs too, and refusing them would break the widget on its own server.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.container import Container
from service.errors import OriginNotAllowed

router = APIRouter()

STATIC_DIR = Path(__file__).resolve().parent / "static"
ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type, Accept, X-API-Key, Last-Event-ID"
EXPOSED_HEADERS = "Retry-After, X-Request-ID"
PREFLIGHT_MAX_AGE_S = 600
# Widget URLs are not versioned (host pages embed one fixed URL), so caches keep it briefly and revalidate
# with the ETag; an update reaches every branch page within minutes.
WIDGET_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400"
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _static_bytes(name: str) -> bytes:
    return (STATIC_DIR / name).read_bytes()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def script_response(request: Request, name: str) -> Response:
    """A static script for host pages (``widget.js``, ``practice.js``): ETag + 304, cacheable, loadable
    cross-origin. The one place these headers are set."""
    body = _static_bytes(name)
    etag = _etag(body)
    headers = {
        "ETag": etag,
        "Cache-Control": WIDGET_CACHE_CONTROL,
        "X-Content-Type-Options": "nosniff",
        # host pages that isolate themselves (COEP) may still load the script from another origin
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/javascript; charset=utf-8", headers=headers)


@router.get("/widget.js", tags=["挂件"], summary="可嵌入的学习助手挂件脚本", response_class=Response)
def widget_js(request: Request) -> Response:
    return script_response(request, "widget.js")


@router.get("/", tags=["挂件"], summary="挂件演示页（示例党支部网页）", response_class=Response)
def demo_page() -> Response:
    return Response(
        _static_bytes("demo.html"),
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


def _normalise_origin(origin: str) -> str | None:
    """``scheme://host[:port]`` lower-cased with the default port dropped, or None when not a URL origin."""
    parts = urlsplit(origin.strip())
    if not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


class OriginPolicy:
    """Which browser origins may call the API: the configured list, ``*`` for any, and always same-origin."""

    def __init__(self, allowed: Iterable[str]) -> None:
        items = [a.strip() for a in allowed if a.strip()]
        self.allow_any = "*" in items
        # "null" (sandboxed iframes, file:// pages) is allowed only when listed literally
        self.allow_null = "null" in items
        self.allowed = {n for n in (_normalise_origin(a) for a in items) if n}

    def allows(self, origin: str, host_header: str | None) -> bool:
        if self.allow_any:
            return True
        if origin == "null":
            return self.allow_null
        normalised = _normalise_origin(origin)
        if normalised is None:
            return False
        return normalised in self.allowed or (host_header is not None and _same_origin(origin, host_header))


def _same_origin(origin: str, host_header: str) -> bool:
    """Does the page's origin name the host this request was sent to?

    The scheme the server sees cannot be trusted (behind a TLS-terminating proxy it sees http while the page
    is https), so the Host header is read with the page's scheme: browsers omit the port there exactly when
    it is that scheme's default.
    """
    page = urlsplit(origin)
    target = urlsplit(f"{page.scheme}://{host_header}")
    try:
        page_port = page.port or DEFAULT_PORTS.get(page.scheme.lower())
        target_port = target.port or DEFAULT_PORTS.get(page.scheme.lower())
    except ValueError:
        return False
    return (
        page.hostname is not None
        and page.hostname == target.hostname
        and page_port is not None
        and page_port == target_port
    )


class OriginPolicyMiddleware:
    """CORS done strictly: allowed origins get CORS headers, others get 403 on the API and no CORS headers.

    Requests without ``Origin`` (curl, server-to-server, the ``<script>`` tag loading ``widget.js``) are not
    browser cross-origin calls and pass untouched; keys and rate limits still apply to them.
    """

    def __init__(self, app: ASGIApp, allowed_origins: Iterable[str]) -> None:
        self.app = app
        self.policy = OriginPolicy(allowed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        preflight = method == "OPTIONS" and "access-control-request-method" in headers
        allowed = self.policy.allows(origin, headers.get("host"))

        if not allowed:
            path: str = scope["path"]
            read_only = method in ("GET", "HEAD") and not path.startswith("/v1/")
            if preflight or not read_only:
                await self._refuse(send)
                return
            # e.g. GET /widget.js with an Origin header: serve it, but give the page no CORS read access
            await self.app(scope, receive, self._vary_only(send))
            return

        if preflight:
            await self._preflight(send, origin, headers.get("access-control-request-headers"))
            return
        await self.app(scope, receive, self._with_cors(send, origin))

    @staticmethod
    async def _refuse(send: Send) -> None:
        err = OriginNotAllowed()
        body = json.dumps(err.to_dict(), ensure_ascii=False).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": err.status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"vary", b"Origin"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _preflight(send: Send, origin: str, requested_headers: str | None) -> None:
        allow_headers = ALLOWED_HEADERS
        if requested_headers:
            # echo what the page asked for; the routes themselves decide what a header means
            allow_headers = ", ".join(h.strip() for h in requested_headers.split(",") if h.strip())
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"access-control-allow-methods", ALLOWED_METHODS.encode()),
                    (b"access-control-allow-headers", allow_headers.encode("latin-1")),
                    (b"access-control-max-age", str(PREFLIGHT_MAX_AGE_S).encode()),
                    (b"vary", b"Origin"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    def _with_cors(self, send: Send, origin: str) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"access-control-expose-headers", EXPOSED_HEADERS.encode()),
                    (b"vary", b"Origin"),
                ]
                message = {**message, "headers": [*_without_cors(message.get("headers", [])), *extra]}
            await send(message)

        return wrapped

    @staticmethod
    def _vary_only(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": [*_without_cors(message.get("headers", [])), (b"vary", b"Origin")],
                }
            await send(message)

        return wrapped


def _without_cors(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """Drop CORS headers set further in, so this middleware is the only authority on them."""
    return [(k, v) for k, v in headers if not k.lower().startswith(b"access-control-")]


def register(app: FastAPI, container: Container) -> None:
    app.include_router(router)
    app.add_middleware(OriginPolicyMiddleware, allowed_origins=container.settings.cors_origins)
