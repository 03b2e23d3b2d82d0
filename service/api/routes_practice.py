"""Members' practice ("练一练") routes, usable with or without the widget, and the widget's practice module.

Member role (the default ``/v1/`` policy): a member draws approved items without their keys, answers one
at a time and gets right/wrong with the explanation and cited source; the 错题本 and per-topic progress are
kept server-side under the learner id the client sends (the widget keeps a random one in localStorage).
``GET /widget-practice.js`` serves the widget's practice view, loaded by widget.js on first use.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from service.api.routes_widget import script_response
from service.api.security import Principal, require_role
from service.quiz.practice import (
    AnswerResult,
    MistakeEntry,
    PracticeItem,
    Topic,
    TopicProgress,
    check_answer,
    draw,
    mistakes,
    progress,
    topics,
)
from service.store.bank import QuestionBank
from service.store.practice import PracticeStore

router = APIRouter(tags=["练一练"])
Member = Depends(require_role("member"))
LearnerQuery = Query(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="学员标识")


class DrawRequest(BaseModel):
    learner: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="学员标识")
    doc_id: str | None = Field(default=None, max_length=200, description="按文档练习")
    topic: str | None = Field(default=None, max_length=50, description="按主题词练习（匹配题干、标题、章节）")
    count: int = Field(default=5, ge=1, le=20)


class DrawResponse(BaseModel):
    items: list[PracticeItem]


class AnswerRequest(BaseModel):
    learner: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    item_id: str = Field(min_length=1, max_length=100)
    answer: str | bool | list[str] = Field(description="选项字母（A 或 ABD）、正确/错误或填空答案")


def _stores(request: Request) -> tuple[QuestionBank, PracticeStore]:
    db = request.app.state.container.db
    return QuestionBank(db), PracticeStore(db)


@router.get("/v1/practice/topics", response_model=list[Topic], summary="可练习的文档及题数")
def practice_topics(request: Request, _: Principal = Member) -> list[Topic]:
    return topics(_stores(request)[0])


@router.post("/v1/practice/draw", response_model=DrawResponse, summary="抽取练习题（不含答案）")
def practice_draw(body: DrawRequest, request: Request, _: Principal = Member) -> DrawResponse:
    bank, store = _stores(request)
    return DrawResponse(
        items=draw(bank, store, body.learner, doc_id=body.doc_id, topic=body.topic, count=body.count)
    )


@router.post("/v1/practice/answer", response_model=AnswerResult, summary="提交答案：判对错并给出解析和出处")
def practice_answer(body: AnswerRequest, request: Request, _: Principal = Member) -> AnswerResult:
    bank, store = _stores(request)
    return check_answer(bank, store, body.learner, body.item_id, body.answer)


@router.get("/v1/practice/mistakes", response_model=list[MistakeEntry], summary="错题本")
def practice_mistakes(
    request: Request, learner: str = LearnerQuery, _: Principal = Member
) -> list[MistakeEntry]:
    bank, store = _stores(request)
    return mistakes(bank, store, learner)


@router.get("/v1/practice/progress", response_model=list[TopicProgress], summary="各主题练习进度与正确率")
def practice_progress(
    request: Request, learner: str = LearnerQuery, _: Principal = Member
) -> list[TopicProgress]:
    bank, store = _stores(request)
    return progress(bank, store, learner)


@router.get("/widget-practice.js", tags=["挂件"], summary="挂件的“练一练”模块", response_class=Response)
def practice_js(request: Request) -> Response:
    return script_response(request, "practice.js")
