"""The trainers' and administrators' console: its static pages at ``/console/`` and the routes it needs.

WHY thin: every route calls a library function that the CLI calls too (``service.rag.hittest``,
``service.curated``, ``service.store.feedback/usage/retention``, ``service.index.structure``,
``service.ingest.reingest``); the console's JavaScript only renders what they return.

Access: ``/v1/console/*`` needs a trainer (documents, structure, 命中测试), ``/v1/admin/*`` an admin
(feedback, curated answers, usage, log purge, re-ingest) — by the security middleware's path policy and
again by ``require_role`` here. The pages themselves are public static files holding no data; the key
typed at login stays in the tab's ``sessionStorage`` and is sent as a Bearer header, never in a URL.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from service.api.limits import MAX_OFFSET
from service.api.security import Principal, require_role
from service.container import Container
from service.curated.service import CuratedListing
from service.curated.store import CuratedAnswer, CuratedInput
from service.errors import NotFound
from service.index.structure import StructureNode, document_structure
from service.ingest.pipeline import IngestReport
from service.ingest.reingest import reingest_document
from service.rag.hittest import HitTest, hit_test
from service.schemas import Chunk, DocInfo, SearchFilters
from service.store.feedback import FeedbackEntry, FeedbackStore, day_bounds
from service.store.retention import PurgeReport, purge_logs
from service.store.usage import UsageStats, usage_stats

log = logging.getLogger(__name__)

CONSOLE_DIR = Path(__file__).resolve().parent / "static" / "console"
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
# The console's files, read once: nothing outside this directory can be named.
CONSOLE_FILES = {p.name: MEDIA_TYPES[p.suffix] for p in CONSOLE_DIR.iterdir() if p.suffix in MEDIA_TYPES}
# Same origin only, no inline script, no framing: the console handles admin keys.
CONSOLE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'",
}

pages = APIRouter(include_in_schema=False)
trainer_router = APIRouter(prefix="/v1/console", tags=["控制台"])
admin_router = APIRouter(prefix="/v1/admin", tags=["控制台"])
TrainerDep = Annotated[Principal, Depends(require_role("trainer"))]
AdminDep = Annotated[Principal, Depends(require_role("admin"))]


def _container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


# --- pages --------------------------------------------------------------------------------------------
@pages.get("/console")
def console_redirect() -> RedirectResponse:
    return RedirectResponse("/console/", status_code=308)


@pages.get("/console/")
@pages.get("/console/{name}")
def console_file(name: str = "index.html") -> Response:
    media_type = CONSOLE_FILES.get(name)
    if media_type is None:
        raise NotFound()
    return Response((CONSOLE_DIR / name).read_bytes(), media_type=media_type, headers=CONSOLE_HEADERS)


# --- trainer: who am I, documents, 命中测试 -------------------------------------------------------------
class Me(BaseModel):
    role: str
    name: str
    local: bool


@trainer_router.get("/me", response_model=Me, summary="当前登录身份（培训员或管理员）")
def me(principal: TrainerDep) -> Me:
    return Me(role=principal.role, name=principal.name, local=principal.local)


class DocumentList(BaseModel):
    documents: list[DocInfo]


@trainer_router.get("/documents", response_model=DocumentList, summary="知识库文档及片段数")
def documents(request: Request, _: TrainerDep) -> DocumentList:
    return DocumentList(documents=_container(request).index_manager.current().documents())


class DocumentDetail(BaseModel):
    document: DocInfo
    structure: list[StructureNode]
    chunks: list[Chunk]


@trainer_router.get("/documents/{doc_id}", response_model=DocumentDetail, summary="文档结构（章/条）与片段")
def document_detail(doc_id: str, request: Request, _: TrainerDep) -> DocumentDetail:
    index = _container(request).index_manager.current()
    info = index.document(doc_id)
    chunks = index.chunks(doc_id)
    return DocumentDetail(document=info, structure=document_structure(chunks), chunks=chunks)


class HitTestRequest(BaseModel):
    question: str = Field(description="测试的问题")
    top_k: int = Field(default=10, ge=1, le=50)
    filters: SearchFilters | None = None


@trainer_router.post(
    "/hittest", response_model=HitTest, summary="命中测试：检索得分、精确查找、答案与拒答判断"
)
def run_hit_test(body: HitTestRequest, request: Request, _: TrainerDep) -> HitTest:
    return hit_test(_container(request), body.question, body.top_k, body.filters)


# --- admin: re-ingest, feedback, curated answers, usage, retention --------------------------------------
@admin_router.post(
    "/documents/{doc_id}/reingest", response_model=IngestReport, summary="重新导入文档（重新读取并切分）"
)
def reingest(doc_id: str, request: Request, _: AdminDep) -> IngestReport:
    container = _container(request)
    return reingest_document(
        doc_id, container.index_manager.current(), container.settings, container.embedder
    )


class FeedbackPage(BaseModel):
    items: list[FeedbackEntry]
    total: int


@admin_router.get(
    "/feedback", response_model=FeedbackPage, summary="反馈审阅（按评价、原因、日期、处理状态筛选）"
)
def list_feedback(
    request: Request,
    _: AdminDep,
    rating: Literal["up", "down"] | None = "down",
    reason: str | None = None,
    since: Annotated[date | None, Query(description="起始日期（含），YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="结束日期（含），YYYY-MM-DD")] = None,
    handled: bool | None = None,
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET),
) -> FeedbackPage:
    start, end = day_bounds(since, until)
    items, total = FeedbackStore(_container(request).db).review(
        rating=rating, reason=reason, since=start, until=end, handled=handled, limit=limit, offset=offset
    )
    return FeedbackPage(items=items, total=total)


class HandledRequest(BaseModel):
    handled: bool = True


@admin_router.post("/feedback/{feedback_id}/handled", summary="标记反馈为已处理（或重新打开）")
def mark_handled(
    feedback_id: str, body: HandledRequest, request: Request, principal: AdminDep
) -> dict[str, object]:
    FeedbackStore(_container(request).db).set_handled(
        feedback_id, body.handled, principal.name or principal.key_id
    )
    return {"feedback_id": feedback_id, "handled": body.handled}


class CuratedPage(BaseModel):
    items: list[CuratedListing]
    threshold: float
    enabled: bool


@admin_router.get("/curated", response_model=CuratedPage, summary="标注回复列表")
def list_curated(request: Request, _: AdminDep) -> CuratedPage:
    container = _container(request)
    return CuratedPage(
        items=container.curated.listing(),
        threshold=container.settings.curated_threshold,
        enabled=container.settings.curated_enabled,
    )


@admin_router.post("/curated", response_model=CuratedAnswer, status_code=201, summary="新建标注回复")
def create_curated(body: CuratedInput, request: Request, principal: AdminDep) -> CuratedAnswer:
    return _container(request).curated.create(body, principal.name or principal.key_id)


@admin_router.get("/curated/{curated_id}", response_model=CuratedAnswer, summary="查看标注回复")
def get_curated(curated_id: str, request: Request, _: AdminDep) -> CuratedAnswer:
    return _container(request).curated.get(curated_id)


@admin_router.put("/curated/{curated_id}", response_model=CuratedAnswer, summary="修改标注回复")
def update_curated(curated_id: str, body: CuratedInput, request: Request, _: AdminDep) -> CuratedAnswer:
    return _container(request).curated.update(curated_id, body)


@admin_router.delete("/curated/{curated_id}", summary="删除标注回复")
def delete_curated(curated_id: str, request: Request, _: AdminDep) -> dict[str, object]:
    _container(request).curated.delete(curated_id)
    return {"curated_id": curated_id, "deleted": True}


@admin_router.get("/usage", response_model=UsageStats, summary="使用统计（不超过日志保留天数）")
def usage(request: Request, _: AdminDep, days: int = Query(default=30, ge=1, le=3650)) -> UsageStats:
    container = _container(request)
    return usage_stats(container.db, days, container.settings.log_retention_days)


@admin_router.post("/logs/purge", response_model=PurgeReport, summary="清理超过保留天数的问答日志与反馈")
def purge(request: Request, _: AdminDep) -> PurgeReport:
    container = _container(request)
    return purge_logs(container.db, container.settings.log_retention_days)


def register(app: FastAPI, container: Container) -> None:
    app.include_router(pages)
    app.include_router(trainer_router)
    app.include_router(admin_router)
    report = purge_logs(container.db, container.settings.log_retention_days)
    if report.answers or report.feedback:
        log.info(
            "日志保留 %s 天：已清理 %s 条回答、%s 条反馈。",
            report.retention_days,
            report.answers,
            report.feedback,
        )
