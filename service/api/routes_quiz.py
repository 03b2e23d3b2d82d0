"""Trainer routes: generate quizzes, keep a reviewed question bank, export it for exam tools.

All routes need the trainer role (``require_role("trainer")`` from ``service/api/security.py``; the
security middleware's path policy says the same for /v1/quiz and /v1/bank). Generation, SQLite and
exports are blocking, so the route functions are sync and run in FastAPI's thread pool.
"""

from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field, model_validator

from service.api.limits import MAX_OFFSET
from service.api.security import Principal, require_role
from service.container import Container
from service.index.sources import item_sources
from service.quiz.export import CONTENT_TYPES, EXTENSIONS, ExportFormat
from service.quiz.items import QuizRequest, QuizResult
from service.quiz.scope import quiz_for
from service.schemas import QuizItem, QuizType
from service.store.bank import BankEntry, ItemEdit, QuestionBank, SaveReport

router = APIRouter(prefix="/v1", tags=["出题与题库"])
Trainer = Depends(require_role("trainer"))


class BankSaveRequest(BaseModel):
    items: list[QuizItem] = Field(min_length=1, max_length=500)


class BankListResponse(BaseModel):
    items: list[BankEntry]


class ReviewRequest(BaseModel):
    decision: Literal["approve", "reject"]
    reviewer: str | None = Field(default=None, max_length=100, description="审核人（默认取 API 密钥名称）")
    edits: ItemEdit | None = None
    comment: str | None = Field(default=None, max_length=2000)


def _container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def _bank(request: Request) -> QuestionBank:
    return QuestionBank(_container(request).db)


@router.post("/quiz", response_model=QuizResult, summary="按范围生成题目")
def create_quiz(body: QuizRequest, request: Request, _: Principal = Trainer) -> QuizResult:
    return quiz_for(_container(request), body)


@router.post("/bank", response_model=SaveReport, summary="保存题目到题库")
def save_to_bank(body: BankSaveRequest, request: Request, _: Principal = Trainer) -> SaveReport:
    """Each item is checked against the passage its source points at (``index.sources``), as the CLI does."""
    index = _container(request).index_manager.current()
    return _bank(request).save(body.items, item_sources(index))


@router.get("/bank", response_model=BankListResponse, summary="按文档、章节、题型、状态列出题库")
def list_bank(
    request: Request,
    doc_id: str | None = None,
    chapter: str | None = None,
    type: QuizType | None = None,
    status: Literal["pending", "approved", "rejected"] | None = None,
    limit: int = Query(default=200, ge=1, le=1000),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET),
    _: Principal = Trainer,
) -> BankListResponse:
    entries = _bank(request).list(
        doc_id=doc_id, chapter=chapter, type=type, status=status, limit=limit, offset=offset
    )
    return BankListResponse(items=entries)


@router.get(
    "/bank/export",
    summary="导出题库（json/csv/xlsx/gift/aiken）",
    description="响应头 X-Export-Written 为写出的题数，X-Export-Skipped 为按原因统计的跳过题数（JSON）；"
    "没有可导出的题目时返回 409 nothing_to_export 并说明原因。",
)
def export_bank(
    request: Request,
    format: ExportFormat = "xlsx",
    status: Literal["pending", "approved", "rejected"] | None = "approved",
    doc_id: str | None = None,
    type: QuizType | None = None,
    _: Principal = Trainer,
) -> Response:
    result = _bank(request).export(format, status=status, doc_id=doc_id, type=type)
    filename = f"quiz-bank.{EXTENSIONS[format]}"
    return Response(
        content=result.data,
        media_type=CONTENT_TYPES[format],
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Export-Written": str(result.written),
            "X-Export-Skipped": json.dumps(result.skipped),
        },
    )


class BulkReviewRequest(BaseModel):
    """``{"action": "approve"|"reject", "ids": [...]}`` or ``{"action": "approve", "all_pending": true}``."""

    action: Literal["approve", "reject"]
    ids: list[str] | None = Field(default=None, min_length=1, max_length=5000)
    all_pending: bool = False
    reviewer: str | None = Field(default=None, max_length=100)

    @model_validator(mode="after")
    def _one_target(self) -> BulkReviewRequest:
        if bool(self.ids) == self.all_pending:
            raise ValueError("ids 与 all_pending 必须二选一")
        if self.all_pending and self.action != "approve":
            raise ValueError("all_pending 只能用于 approve")
        return self


class BulkReviewResponse(BaseModel):
    updated: int
    ids: list[str]


@router.post("/bank/review", response_model=BulkReviewResponse, summary="批量审核（按编号或全部待审核）")
def bulk_review(
    body: BulkReviewRequest, request: Request, principal: Principal = Trainer
) -> BulkReviewResponse:
    reviewer = body.reviewer or principal.name or principal.key_id or "培训员"
    ids = _bank(request).review_many(body.action, reviewer, ids=body.ids, all_pending=body.all_pending)
    return BulkReviewResponse(updated=len(ids), ids=ids)


@router.get("/bank/{item_id}", response_model=BankEntry, summary="查看题库中的一道题")
def get_bank_item(item_id: str, request: Request, _: Principal = Trainer) -> BankEntry:
    return _bank(request).get(item_id)


@router.post("/bank/{item_id}/review", response_model=BankEntry, summary="审核题目（通过/驳回，可修改）")
def review_bank_item(
    item_id: str, body: ReviewRequest, request: Request, principal: Principal = Trainer
) -> BankEntry:
    reviewer = body.reviewer or principal.name or principal.key_id or "培训员"
    return _bank(request).review(item_id, body.decision, reviewer, body.edits, body.comment)
