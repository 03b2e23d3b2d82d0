"""Question answering routes: search, ask (plain and SSE), OpenAI-compatible chat, feedback, health, metrics.

Blocking work (retrieval, models, SQLite) runs in sync route functions, which FastAPI executes in its
thread pool; only the streaming responses are async, and they pull from sync generators in the pool too.
Questions are validated before a stream starts, so an empty question is a 422 JSON error, not an SSE event.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from service.api.limits import OVERLOADED_HEADERS, ModelSlots
from service.api.metrics import ApiMetrics
from service.api.security import current_principal
from service.container import Container
from service.errors import (
    EmptyQuestion,
    IndexDamaged,
    InvalidInput,
    Overloaded,
    QuestionTooLong,
    StudyError,
)
from service.rag.answer import clean_question
from service.schemas import Answer, Hit, SearchFilters
from service.store.feedback import FEEDBACK_REASONS, FeedbackStore

router = APIRouter()


class SearchRequest(BaseModel):
    query: str = Field(description="检索内容")
    top_k: int | None = Field(default=None, ge=1, le=100, description="返回条数（默认取配置 top_k）")
    filters: SearchFilters | None = None


class SearchResponse(BaseModel):
    hits: list[Hit]


class AskRequest(BaseModel):
    question: str = Field(description="问题（简体或繁体中文）")
    conversation_id: str | None = Field(default=None, description="继续已有会话时传入")
    filters: SearchFilters | None = None


class FeedbackRequest(BaseModel):
    answer_id: str
    rating: Literal["up", "down"]
    reason: str | None = Field(default=None, description="、".join(FEEDBACK_REASONS))
    comment: str | None = Field(default=None, max_length=2000)


class FeedbackResponse(BaseModel):
    feedback_id: str
    answer_id: str
    rating: str


class ChatMessage(BaseModel):
    role: str
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")


class ChatCompletionRequest(BaseModel):
    model: str = "study-assistant"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)


def _container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def _owner(request: Request) -> str | None:
    """Who conversations and answers belong to: the caller's API key id (None without keys)."""
    principal = current_principal(request)
    return principal.key_id if principal is not None else None


def _metrics(request: Request) -> ApiMetrics:
    metrics: ApiMetrics = request.app.state.metrics
    return metrics


def _count_answer(request: Request, answer: Answer) -> None:
    metrics = _metrics(request)
    metrics.answers.labels(answer.mode, str(answer.refused).lower()).inc()
    if answer.flagged:
        metrics.flagged.inc(len(answer.flagged))


@router.post("/v1/search", response_model=SearchResponse, tags=["问答"], summary="混合检索")
def search(body: SearchRequest, request: Request) -> SearchResponse:
    container = _container(request)
    try:  # the answerer's rule: control and format characters (zero-width spaces, bidi marks) do not count
        query = clean_question(body.query, container.settings.max_question_chars)
    except EmptyQuestion:
        raise InvalidInput("检索内容不能为空。") from None
    except QuestionTooLong:
        raise InvalidInput("检索内容过长，请精简后再试。") from None
    top_k = body.top_k or container.settings.top_k
    return SearchResponse(hits=container.retriever.search(query, top_k=top_k, filters=body.filters))


@router.post("/v1/ask", response_model=Answer, tags=["问答"], summary="带引用的问答")
async def ask(body: AskRequest, request: Request) -> Answer | Response:
    """Answer in the thread pool (never on the event loop). The route takes its model slot itself
    (``limits.SELF_GATED_ROUTES``) and only when it needs one: a first question whose answer the answers
    cache holds (or a concurrent request is composing) does no model work and must not queue behind new
    questions for the 4 slots (``Answerer.has_cached_answer``)."""
    container = _container(request)
    owner = _owner(request)

    def answer() -> Answer:
        return container.answerer.ask(
            body.question, conversation_id=body.conversation_id, filters=body.filters, owner=owner
        )

    def answer_if_cached() -> Answer | None:  # one trip to the thread pool for a repeated question
        if body.conversation_id or not container.answerer.has_cached_answer(body.question, body.filters):
            return None
        return answer()

    result = await run_in_threadpool(answer_if_cached)
    if result is None:
        slots: ModelSlots = request.app.state.model_slots
        try:
            await slots.acquire()
        except Overloaded as err:
            return JSONResponse(err.to_dict(), status_code=err.status, headers=OVERLOADED_HEADERS)
        try:
            result = await run_in_threadpool(answer)
        finally:
            slots.release()
    _count_answer(request, result)
    return result


def _sse_events(request: Request, events: Iterator[tuple[str, Any]]) -> Iterator[ServerSentEvent]:
    try:
        for name, payload in events:
            if name == "done":
                assert isinstance(payload, Answer)
                _count_answer(request, payload)
                data = payload.model_dump_json()
            else:
                data = json.dumps(payload, ensure_ascii=False)
            yield ServerSentEvent(data=data, event=name)
    except StudyError as err:
        yield ServerSentEvent(data=json.dumps(err.to_dict(), ensure_ascii=False), event="error")
    except Exception:  # the stream has started: report in-band, never leak details
        yield ServerSentEvent(data=json.dumps(StudyError().to_dict(), ensure_ascii=False), event="error")


@router.post(
    "/v1/ask/stream",
    tags=["问答"],
    summary="流式问答（SSE：delta、citations、done、error 事件）",
    response_class=EventSourceResponse,
)
def ask_stream(body: AskRequest, request: Request) -> EventSourceResponse:
    events = _container(request).answerer.ask_stream(
        body.question, conversation_id=body.conversation_id, filters=body.filters, owner=_owner(request)
    )
    return EventSourceResponse(_sse_events(request, events))


def _chat_history(messages: list[ChatMessage]) -> tuple[str, list[str]]:
    """The last user message is the question; earlier user messages are the history for follow-ups."""
    user_texts = [m.text() for m in messages if m.role == "user"]
    if not user_texts:
        raise InvalidInput("messages 中至少需要一条 user 消息。")
    return user_texts[-1], [t for t in user_texts[:-1] if t.strip()]


def _completion_chunk(cid: str, created: int, model: str, delta: dict[str, Any], **extra: Any) -> str:
    body: dict[str, Any] = {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": extra.pop("finish_reason", None)}],
    }
    body.update(extra)
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


@router.post(
    "/v1/chat/completions", tags=["OpenAI 兼容"], summary="OpenAI 兼容的对话接口", response_model=None
)
def chat_completions(body: ChatCompletionRequest, request: Request) -> Response | dict[str, Any]:
    container = _container(request)
    question, history = _chat_history(body.messages)
    cid = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    if not body.stream:
        answer = container.answerer.ask(question, history=history, owner=_owner(request))
        _count_answer(request, answer)
        return {
            "id": cid,
            "object": "chat.completion",
            "created": created,
            "model": body.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": answer.answer},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "citations": [c.model_dump() for c in answer.citations],
            "refused": answer.refused,
            "answer_id": answer.answer_id,
        }

    events = container.answerer.ask_stream(question, history=history, owner=_owner(request))

    def generate() -> Iterator[str]:
        yield _completion_chunk(cid, created, body.model, {"role": "assistant", "content": ""})
        try:
            for name, payload in events:
                if name == "delta":
                    yield _completion_chunk(cid, created, body.model, {"content": payload["text"]})
                elif name == "done":
                    assert isinstance(payload, Answer)
                    _count_answer(request, payload)
                    yield _completion_chunk(
                        cid,
                        created,
                        body.model,
                        {},
                        finish_reason="stop",
                        citations=[c.model_dump() for c in payload.citations],
                        refused=payload.refused,
                        answer_id=payload.answer_id,
                    )
        except StudyError as err:
            yield f"data: {json.dumps(err.to_dict(), ensure_ascii=False)}\n\n"
        except Exception:
            yield f"data: {json.dumps(StudyError().to_dict(), ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(generate(), media_type="text/event-stream")


@router.post("/v1/feedback", response_model=FeedbackResponse, tags=["问答"], summary="对回答的反馈")
def feedback(body: FeedbackRequest, request: Request) -> FeedbackResponse:
    container = _container(request)
    store = FeedbackStore(container.db)
    feedback_id = store.record(body.answer_id, body.rating, body.reason, body.comment, _owner(request))
    _metrics(request).feedback.labels(body.rating).inc()
    return FeedbackResponse(feedback_id=feedback_id, answer_id=body.answer_id, rating=body.rating)


@router.get("/healthz", tags=["运维"], summary="存活检查")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", tags=["运维"], summary="就绪检查（索引未就绪、损坏或向量库不可用时 503）")
def readyz(request: Request) -> dict[str, Any]:
    """Ready only when CURRENT's generation verifies and the vector store answers a query: a damaged
    generation is 503 ``index_damaged`` with the reason even while the last good one is being served."""
    manager = _container(request).index_manager
    index = manager.current()
    if manager.damage is not None:
        raise IndexDamaged(f"{manager.damage}（当前暂用上一可用版本 {index.generation}）")
    index.touch_vectors()  # BackendUnavailable (503) when the store cannot answer
    return {"status": "ready", "documents": len(index.documents()), "generation": index.generation}


@router.get("/metrics", tags=["运维"], summary="Prometheus 指标", response_class=Response)
def metrics(request: Request) -> Response:
    m = _metrics(request)
    return Response(m.render(), media_type=m.content_type)


def register(app: FastAPI, container: Container) -> None:
    app.include_router(router)
