"""Who may do what: API keys with roles, origin-restricted public keys, and the no-key local mode.

WHY one middleware plus a tiny dependency: the middleware authenticates every ``/v1/`` request once (key
lookup, origin check, per-IP and per-key rate limits) and stores a ``Principal`` on ``request.state``;
routers then declare what they need with ``Depends(require_role("trainer"))``. A route that forgets the
dependency is still rate limited and still rejects bad keys.

Rules:
- A key is sent as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. An unknown, malformed or
  revoked key is 401 even on routes that need no role, so a client notices a revoked key at once.
- A key with origins (the widget's public member key) is accepted only when the ``Origin`` header is one
  of them; browsers set ``Origin`` themselves, so a page on another site cannot use the key. Such a key
  is always a member key (its secret ships in public web pages): creation refuses another role and a
  stored one is treated as a member at use.
- The ``Host`` header must name a host this service serves (``HostGuard``, outermost middleware): loopback
  names, the bind host, the CORS origins' hosts and ``STUDY_ALLOWED_HOSTS``. Without it a DNS-rebinding
  page (``evil.example`` resolving to 127.0.0.1) would be same-origin with the API and, in the no-key
  mode, a loopback admin.
- No active keys and ``require_keys`` off: the operator's own machine (loopback, not proxied) is admin and
  is not rate limited; this is the out-of-the-box mode, and ``study serve`` refuses a non-loopback host in
  it unless ``STUDY_ALLOW_OPEN`` is set (then remote clients are anonymous members). A key presented in
  this mode is ignored (logged once), as vLLM, Ollama and other local servers do, so clients that always
  send one (the OpenAI SDK) work; only a revoked key this service issued is still refused.
- Proxy headers (``X-Forwarded-For``, ``Forwarded``, ``X-Real-IP``) name the client only when the peer is
  one of ``STUDY_TRUSTED_PROXIES``; a request carrying any of them is never the local admin.
- Once any key exists, every guarded route needs one, from loopback too (a reverse proxy on the same
  machine must not turn the internet into admins).
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from service.api.limits import (
    ASGIApp,
    BodySizeLimit,
    JsonBodyGuard,
    ModelGate,
    ModelSlots,
    RateLimiter,
    Receive,
    Scope,
    Send,
    send_error,
)
from service.config import Settings
from service.errors import Forbidden, HostNotAllowed, RateLimited, StudyError, Unauthorized, UnsafeBind
from service.store.keys import ROLE_RANK, ApiKey, KeyStore, normalize_origin

if TYPE_CHECKING:
    from fastapi import FastAPI

    from service.container import Container

log = logging.getLogger(__name__)

ROLE_NAMES = {"member": "学员", "trainer": "培训员", "admin": "管理员"}
TOUCH_INTERVAL_S = 60.0
# Default-deny policy by path prefix (longest match wins): every /v1/ route needs at least a member, so a
# route added without ``require_role`` is still guarded. Routers may demand more with ``require_role``.
ROUTE_ROLES: tuple[tuple[str, str], ...] = (
    ("/v1/admin/", "admin"),
    ("/v1/keys", "admin"),
    ("/v1/quiz", "trainer"),
    ("/v1/bank", "trainer"),
    ("/v1/console/", "trainer"),
    ("/v1/", "member"),
)


def required_role(path: str) -> str:
    best = ("", "member")
    for prefix, role in ROUTE_ROLES:
        if path.startswith(prefix) and len(prefix) > len(best[0]):
            best = (prefix, role)
    return best[1]


@dataclass(frozen=True)
class Principal:
    """The caller of one request. ``key_id`` is None for the anonymous modes."""

    role: str
    key_id: str | None = None
    name: str = ""
    local: bool = False

    def allows(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


LOCAL_ADMIN = Principal(role="admin", name="本机管理员", local=True)
ANONYMOUS_MEMBER = Principal(role="member", name="匿名学员")


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and Starlette's in-process ``testclient`` (never a network peer)."""
    if host is None:
        return False
    if host in ("testclient", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


# Starlette's in-process TestClient sends ``Host: testserver`` from peer ``testclient``; no network peer
# has that address, so the name is accepted only together with it.
IN_PROCESS_HOST = ("testserver", "testclient")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


def host_name(host_header: str) -> str | None:
    """The lower-cased host name of a ``Host`` header value (port and IPv6 brackets dropped), None if bad."""
    try:
        parts = urlsplit(f"//{host_header.strip()}")
        _ = parts.port  # raises on a malformed port
    except ValueError:
        return None
    return parts.hostname.lower().rstrip(".") if parts.hostname else None


def allowed_host_names(settings: Settings) -> frozenset[str]:
    """Host names the service answers for: loopback, the bind host, CORS origins' hosts, ``allowed_hosts``."""
    names = set(LOOPBACK_NAMES)
    if settings.host not in ("0.0.0.0", "::", ""):
        names.add(settings.host.lower().strip("[]"))
    for origin in settings.cors_origins:
        hostname = urlsplit(origin.strip()).hostname
        if hostname:
            names.add(hostname.lower())
    names.update(h.strip().lower().strip("[]").rstrip(".") for h in settings.allowed_hosts if h.strip())
    return frozenset(names)


def host_allowed(settings: Settings, host_header: str | None, peer: str | None) -> bool:
    """Is ``host_header`` one this service serves? Absent Host (HTTP/1.0, never a browser) is allowed."""
    if host_header is None or "*" in settings.allowed_hosts:
        return True
    name = host_name(host_header)
    if name is None:
        return False
    if (name, peer) == IN_PROCESS_HOST:
        return True
    return name in allowed_host_names(settings) or is_loopback_literal(name)


def is_loopback_literal(name: str) -> bool:
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def peer_is_trusted_proxy(settings: Settings, peer: str | None) -> bool:
    if peer is None:
        return False
    for entry in settings.trusted_proxies:
        entry = entry.strip()
        if entry == "*":
            return True
        try:
            if ipaddress.ip_address(peer) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(settings: Settings, headers: dict[str, str], peer: str | None) -> str | None:
    """The client's address for rate limits: the peer, or what a trusted proxy says in ``X-Real-IP`` or
    ``Forwarded: for=`` (``X-Forwarded-For`` is applied by uvicorn with the same trusted list)."""
    if not peer_is_trusted_proxy(settings, peer):
        return peer
    real_ip = headers.get("x-real-ip", "").strip()
    if real_ip:
        return real_ip
    forwarded = headers.get("forwarded", "")
    for element in reversed(forwarded.split(",")):
        for pair in element.split(";"):
            name, _, value = pair.strip().partition("=")
            if name.lower() == "for" and value:
                return value.strip('"').strip("[]").split("]:")[0]
    return peer


def presented_key(headers: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    key = headers.get("x-api-key", "").strip()
    return key or None


def ensure_safe_bind(settings: Settings, host: str, store: KeyStore) -> str | None:
    """Check ``study serve --host`` before binding; returns a warning to log, raises when unsafe.

    Without keys the service is admin for whoever can reach it, so it may only listen on loopback unless the
    operator explicitly allows open (anonymous member) access.
    """
    if store.has_active_keys():
        return None
    if is_loopback(host):
        return "未配置 API 密钥：服务仅监听本机，本机请求视为管理员。创建密钥：study keys create --role admin --name 管理员"
    if settings.allow_open:
        return "未配置 API 密钥且已设置 STUDY_ALLOW_OPEN：远程请求视为匿名学员（仅问答、检索、反馈）。"
    raise UnsafeBind(
        f"未配置任何 API 密钥，拒绝监听非本机地址 {host}。请先运行 study keys create 创建密钥，"
        "或设置 STUDY_ALLOW_OPEN=1 允许匿名学员访问。"
    )


class Authenticator:
    """Resolves a ``Principal`` from headers and the peer address (used by the middleware and tests)."""

    def __init__(self, settings: Settings, store: KeyStore) -> None:
        self.settings = settings
        self.store = store
        self._touched: dict[str, float] = {}
        self._lock = threading.Lock()
        self._warned_ignored_key = False

    def resolve(self, headers: dict[str, str], client_host: str | None) -> Principal | None:
        """The caller, None when anonymous access is not allowed; raises 401/403 for a bad key."""
        plaintext = presented_key(headers)
        keys_on = self.settings.require_keys or self.store.has_active_keys()
        if plaintext is not None and not keys_on and not self.store.issued_here(plaintext):
            # no keys configured: a key the client always sends (OpenAI SDK) is not ours to judge; a
            # revoked key of ours still gets 401 below, so its holder notices
            self._ignored_key_once()
            plaintext = None
        if plaintext is not None:
            key = self.store.verify(plaintext)
            if key is None:
                raise Unauthorized("API 密钥无效或已被吊销。")
            self._check_origin(key, headers.get("origin"))
            self._touch(key.id)
            # an origin-restricted key's secret is public (it ships in web pages): never more than member
            role = "member" if key.origins else key.role
            return Principal(role=role, key_id=key.id, name=key.name)
        if keys_on:
            return None
        proxied = any(h in headers for h in PROXY_HEADERS)
        if is_loopback(client_host) and not proxied:
            return LOCAL_ADMIN
        if self.settings.allow_open:
            return ANONYMOUS_MEMBER
        return None

    def _ignored_key_once(self) -> None:
        with self._lock:
            if self._warned_ignored_key:
                return
            self._warned_ignored_key = True
        log.warning("未配置 API 密钥：请求携带的密钥已忽略（本机模式不校验密钥）。")

    @staticmethod
    def _check_origin(key: ApiKey, origin: str | None) -> None:
        if not key.origins:
            return
        try:
            ok = origin is not None and normalize_origin(origin) in key.origins
        except StudyError:
            ok = False
        if not ok:
            raise Forbidden("该密钥仅限在指定网站上使用，当前来源不被允许。")

    def _touch(self, key_id: str) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._touched.get(key_id, -TOUCH_INTERVAL_S) < TOUCH_INTERVAL_S:
                return
            self._touched[key_id] = now
        self.store.touch(key_id)


class SecurityMiddleware:
    """Pure ASGI middleware: authenticate and rate limit every ``/v1/`` request (see module docstring)."""

    def __init__(self, app: ASGIApp, authenticator: Authenticator, limiter: RateLimiter) -> None:
        self.app = app
        self.auth = authenticator
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if (
            scope["type"] != "http"
            or scope.get("method") == "OPTIONS"  # CORS preflight never carries credentials
            or not path.startswith("/v1/")  # /healthz and /readyz, polled by monitors, live outside /v1/
        ):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        client = scope.get("client")
        peer = client[0] if client else None
        host = client_address(self.auth.settings, headers, peer)
        try:
            principal = await run_in_threadpool(self.auth.resolve, headers, peer)
        except StudyError as err:
            await send_error(send, err)
            return
        needed = required_role(path)
        if principal is None:
            await send_error(send, Unauthorized())
            return
        if not principal.allows(needed):
            await send_error(send, _forbidden(needed, principal))
            return
        if principal is not LOCAL_ADMIN:
            buckets = [f"ip:{host}"] + ([f"key:{principal.key_id}"] if principal.key_id else [])
            for bucket in buckets:
                wait = self.limiter.check(bucket)
                if wait:
                    await send_error(
                        send,
                        RateLimited(f"请求过于频繁，请 {wait} 秒后再试。"),
                        {"Retry-After": str(wait)},
                    )
                    return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


class HostGuard:
    """Pure ASGI middleware, outermost: 400 ``host_not_allowed`` unless ``Host`` is served (module docstring)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), None)
            client = scope.get("client")
            if not host_allowed(self.settings, host, client[0] if client else None):
                log.warning("refused Host header %r (not in the allow-list)", (host or "")[:100])
                if scope["type"] == "http":
                    await send_error(send, HostNotAllowed())
                return
        await self.app(scope, receive, send)


def _forbidden(role: str, principal: Principal) -> Forbidden:
    return Forbidden(f"此操作需要{ROLE_NAMES[role]}权限，当前为{ROLE_NAMES[principal.role]}。")


def current_principal(request: Request) -> Principal | None:
    return getattr(request.state, "principal", None)


def require_role(role: str) -> Callable[[Request], Principal]:
    """FastAPI dependency: ``Depends(require_role("trainer"))``. 401 without a caller, 403 below ``role``."""
    if role not in ROLE_RANK:
        raise ValueError(f"unknown role {role!r}")

    def dependency(request: Request) -> Principal:
        if not hasattr(request.state, "principal"):
            # Security middleware not installed (an app assembled by hand): resolve here.
            auth: Authenticator | None = getattr(request.app.state, "authenticator", None)
            if auth is None:
                raise Unauthorized()
            request.state.principal = auth.resolve(
                {k.lower(): v for k, v in request.headers.items()},
                request.client.host if request.client else None,
            )
        principal = current_principal(request)
        if principal is None:
            raise Unauthorized()
        if not principal.allows(role):
            raise _forbidden(role, principal)
        return principal

    dependency.__name__ = f"require_{role}"
    return dependency


def register(app: FastAPI, container: Container) -> None:
    """Install keys, rate limits, body size limit and the model gate on ``app``."""
    settings = container.settings
    store = KeyStore(container.db)
    auth = Authenticator(settings, store)
    limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.key_store = store
    app.state.authenticator = auth
    app.state.rate_limiter = limiter
    if not store.has_active_keys() and not settings.require_keys:
        log.warning(
            "未配置 API 密钥：仅本机请求视为管理员；远程请求%s。",
            "视为匿名学员" if settings.allow_open else "被拒绝",
        )
    # add_middleware puts each new one outside the previous: the body limit is outermost, then keys and rate
    # limits, the JSON guard (parses only bodies of callers already let in), the gate innermost.
    slots = ModelSlots(settings.max_concurrent_model_calls, settings.model_queue_timeout_s)
    app.state.model_slots = slots  # also held by self-gated routes (``limits.SELF_GATED_ROUTES``)
    app.add_middleware(ModelGate, slots=slots)
    app.add_middleware(JsonBodyGuard)
    app.add_middleware(SecurityMiddleware, authenticator=auth, limiter=limiter)
    app.add_middleware(
        BodySizeLimit, max_bytes=settings.max_request_bytes, upload_bytes=settings.max_upload_bytes
    )
