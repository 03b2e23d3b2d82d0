"""The app factory: ``create_app(settings, container)`` builds the whole HTTP service.

Settings and the container are built here (or passed in by tests), never at import time. Every area of
the API lives in its own module listed in ``ROUTER_MODULES``; a module exposes either
``register(app, container)`` (for routers that also need middleware, e.g. CORS or API keys) or a plain
``router``. A module that cannot be imported fails app creation (a misspelled name is never skipped).

Errors have one shape everywhere: ``{"error": {"code", "message", "status"}}`` with the real HTTP status,
including framework errors (422 validation, 404 unknown route, 405 wrong method) and unexpected
exceptions (500 without any detail of the exception).
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from service.api.limits import ASGIApp, Message, Receive, Scope, Send
from service.api.metrics import ApiMetrics
from service.api.security import HostGuard
from service.config import Settings
from service.container import Container, build_container
from service.errors import BackendUnavailable, IndexNotReady, InvalidInput, NotFound, StudyError
from service.rag.query_terms import informative_terms

log = logging.getLogger(__name__)

# One line per API area. Order matters only for middleware (later registrations wrap earlier ones).
ROUTER_MODULES: tuple[str, ...] = (
    "service.api.routes_qa",  # search, ask, streaming, chat completions, feedback, health
    "service.api.routes_quiz",  # quizzes
    "service.api.routes_practice",  # members' practice 练一练 (issue 15)
    "service.api.routes_admin",  # ingest, delete documents, key management
    "service.api.routes_documents",  # documents with versions, 新旧条文对照 (issue 12)
    "service.api.routes_console",  # the trainers' and administrators' console and its routes (issue 16)
    "service.api.security",  # API keys, roles, rate limits, body size, model gate
    # widget after security: its CORS middleware must wrap ours so 401/429 answers carry CORS headers
    "service.api.routes_widget",  # widget static files, demo page, CORS
)


class ErrorDetail(BaseModel):
    code: str = Field(description="稳定的英文错误码（docs/api.md 的错误表列出全部）")
    message: str = Field(description="中文说明")
    status: int = Field(description="与 HTTP 状态码相同")


class ErrorBody(BaseModel):
    """The one error shape of every route (declared in the OpenAPI spec for all 4XX/5XX answers)."""

    error: ErrorDetail


ERROR_RESPONSE: dict[str, Any] = {"model": ErrorBody, "description": "错误（统一格式）"}


class MethodNotAllowed(StudyError):
    code = "method_not_allowed"
    status = 405
    message = "该接口不支持此请求方法。"


def error_response(err: StudyError) -> JSONResponse:
    return JSONResponse(err.to_dict(), status_code=err.status)


def _install_error_handlers(app: FastAPI) -> None:
    async def on_study_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StudyError)
        return error_response(exc)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        fields = [".".join(str(p) for p in e.get("loc", ()) if p != "body") for e in exc.errors()]
        fields = [f for f in fields if f]
        message = "请求参数不正确" + (f"：{'、'.join(fields)}。" if fields else "。")
        return error_response(InvalidInput(message))

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            return error_response(NotFound())
        if exc.status_code == 405:
            return error_response(MethodNotAllowed())
        err = StudyError("请求无法处理。")
        err.status = exc.status_code
        err.code = "http_error"
        return error_response(err)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(StudyError())

    app.add_exception_handler(StudyError, on_study_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


def _route_template(app: Any, scope: Scope) -> str:
    """The matched route's template (``/v1/documents/{doc_id}``), never the raw path (bounded labels)."""
    route = scope.get("route")  # set by the router on the request's scope when a route matched
    if route is not None and route.matches(scope)[0] == Match.FULL:
        return str(getattr(route, "path", scope.get("path", "")))
    for candidate in app.router.routes:  # 404 / 405: no full match was handed the request
        match, _ = candidate.matches(scope)
        if match == Match.FULL:
            return str(getattr(candidate, "path", scope.get("path", "")))
    return "<unmatched>"


class RequestMetrics:
    """Pure ASGI middleware counting requests and their latency by route template, method and status.

    Pure ASGI rather than ``@app.middleware("http")``: Starlette's ``BaseHTTPMiddleware`` runs every request
    through an extra task and memory streams, and the template was found by trying every route's pattern
    again; under issue 17's load each request's own CPU is what bounds throughput."""

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI, metrics: ApiMetrics) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            route = _route_template(self.fastapi_app, scope)
            method = str(scope.get("method", ""))
            self.metrics.requests.labels(route, method, str(status)).inc()
            self.metrics.latency.labels(route, method).observe(time.perf_counter() - start)


def _install_metrics(app: FastAPI, metrics: ApiMetrics) -> None:
    app.add_middleware(RequestMetrics, fastapi_app=app, metrics=metrics)


# The start-up question: answered once (stored nowhere) so that everything an answer loads lazily is loaded
# before /readyz says ready. Fixed text, so a load test's own questions are never pre-warmed by it.
WARM_UP_QUESTION = "中国共产党章程的总纲讲了什么内容"


def _warm_up(container: Container) -> None:
    """Load models, the index and every lazily built part of answering once at start-up, so the first
    questions do not pay: measured on 2 busy cores, the first answer after a search-only warm-up took 11 s
    (the homophone speller's pinyin tables 4.6 s, jieba's part-of-speech tagger 3.3 s, …), the next 0.1 s."""
    _ = container.embedder
    _ = container.chat_model
    try:
        _ = container.answerer
        container.retriever.search("中国共产党章程", top_k=1)  # opens the index (BM25, vectors)
        informative_terms("中国共产党章程")  # loads jieba's dictionary
        # jieba's part-of-speech tagger (3 s to load) is imported by the refusal check only for some questions
        importlib.import_module("jieba.posseg")
        container.answerer.preview(WARM_UP_QUESTION)  # speller, version model, refusal rules
    except IndexNotReady:
        log.warning("知识库索引尚未就绪：/readyz 返回 503，直到导入完成。")
    except BackendUnavailable:
        # a Chroma server outage at start-up must not keep the API down: requests answer 503 until it is back
        log.warning("向量数据库暂不可用：相关请求返回 503，恢复后自动重连。")
    except Exception:
        # warming is an optimisation: a failing answer must not keep the API down (requests report their own)
        log.exception("启动预热失败：首批问题可能较慢。")


def create_app(settings: Settings | None = None, container: Container | None = None) -> FastAPI:
    if container is None:
        container = build_container(settings or Settings())
    settings = container.settings
    metrics = ApiMetrics(caches=container.cache_stats)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_warm_up, container)
        yield

    # FastAPIOffline: /docs (Swagger UI) and /redoc load their scripts and styles from the fastapi-offline
    # package under /static-offline-docs, never from a CDN (branch intranets have no internet).
    app = FastAPIOffline(
        title="党建学习助手 API",
        description="基于知识库的带引用问答、检索、出题与评测服务。错误码见 docs/api.md。",
        version="0.1.0",
        lifespan=lifespan,
        responses={"4XX": ERROR_RESPONSE, "5XX": ERROR_RESPONSE},
    )
    app.state.settings = settings
    app.state.container = container
    app.state.metrics = metrics
    _install_error_handlers(app)
    _install_metrics(app, metrics)

    for name in ROUTER_MODULES:
        module = importlib.import_module(name)
        register = getattr(module, "register", None)
        if callable(register):
            register(app, container)
        else:
            app.include_router(module.router)
    # outermost, added last: a request for a host we do not serve is refused before anything else runs
    app.add_middleware(HostGuard, settings=settings)
    return app
