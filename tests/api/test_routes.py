"""Every QA route in-process (TestClient over ``create_app``), with the hash embedder and the shipped 党章.

Covers answers, refusals, conversations, streaming, OpenAI-compatible chat (also through the real
``openai`` SDK against a live uvicorn on loopback), feedback, health/readiness/metrics, and the one error
shape on every route: 422 empty/over-long question, 404 unknown conversation or route, 405, 503 index not
ready, 500 without details.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from error_shape import assert_error
from fakes import FailingAnswerer
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from service.container import build_container
from service.ingest.corpus import corpus_file
from service.text.normalize import normalize_quote

DANGZHANG = corpus_file("regulations/中国共产党章程_2017_zh.md")


def _ingested_settings(root: Path) -> Settings:
    from service.ingest.pipeline import ingest

    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(DANGZHANG, corpus / DANGZHANG.name)
    settings = Settings(_env_file=None, data_dir=root / "data", embedding_backend="hash")  # type: ignore[call-arg]
    report = ingest([corpus], settings, build_container(settings).embedder, progress=False)
    assert not report.failures
    return settings


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _ingested_settings(tmp_path_factory.mktemp("qa-api"))


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


def _document_text() -> str:
    return normalize_quote(DANGZHANG.read_text(encoding="utf-8"))


# --- health -------------------------------------------------------------------------------------


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["documents"] == 1


def test_ready_is_503_without_index(empty_client: TestClient) -> None:
    assert_error(empty_client.get("/readyz"), 503, "index_not_ready")
    assert_error(empty_client.post("/v1/ask", json={"question": "党员有哪些义务"}), 503, "index_not_ready")
    assert_error(empty_client.post("/v1/search", json={"query": "党员"}), 503, "index_not_ready")
    assert_error(
        empty_client.post("/v1/ask/stream", json={"question": "党员有哪些义务"}), 503, "index_not_ready"
    )


def test_docs_and_openapi(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/v1/search", "/v1/ask", "/v1/ask/stream", "/v1/chat/completions", "/v1/feedback", "/readyz"):
        assert p in paths


# --- search and ask -----------------------------------------------------------------------------


def test_search(client: TestClient) -> None:
    res = client.post("/v1/search", json={"query": "党章第三十二条", "top_k": 3})
    assert res.status_code == 200
    hits = res.json()["hits"]
    assert hits and hits[0]["locator"] == "第三十二条"
    assert {"doc_id", "title", "chunk_id", "locator", "text", "score"} <= set(hits[0])


def test_ask_answers_with_verbatim_citations(client: TestClient) -> None:
    res = client.post("/v1/ask", json={"question": "预备党员的预备期是多久"})
    assert res.status_code == 200
    body = res.json()
    assert not body["refused"]
    assert "预备期为一年" in body["answer"]
    assert body["citations"] and body["conversation_id"] and body["answer_id"]
    assert {"retrieve_ms", "answer_ms", "total_ms"} <= set(body["timings"])
    doc = _document_text()
    for c in body["citations"]:
        assert f"[{c['n']}]" in body["answer"]
        assert normalize_quote(c["quote"]) in doc


def test_ask_exact_article_verbatim(client: TestClient) -> None:
    for question in ("党章第三十二条", "黨章第三十二條"):
        body = client.post("/v1/ask", json={"question": question}).json()
        assert not body["refused"]
        assert "党的基层组织是党在社会基层组织中的战斗堡垒" in body["answer"]
        assert all(c["locator"] == "第三十二条" for c in body["citations"])


def test_ask_off_topic_refused(client: TestClient) -> None:
    for question in ("明天北京天气怎么样", "党员住房补贴标准是多少"):
        body = client.post("/v1/ask", json={"question": question}).json()
        assert body["refused"] is True
        assert body["citations"] == []
        assert body["suggestions"]
        assert body["answer"].startswith("抱歉，知识库中没有找到")


def test_ask_with_empty_conversation_id_starts_a_new_conversation(client: TestClient) -> None:
    # found by the API fuzz test: "" named no conversation, yet the turn was stored under it (a 500)
    res = client.post("/v1/ask", json={"question": "预备党员的预备期是多长时间？", "conversation_id": ""})
    assert res.status_code == 200
    conversation_id = res.json()["conversation_id"]
    assert conversation_id
    follow = client.post("/v1/ask", json={"question": "那正式党员呢？", "conversation_id": conversation_id})
    assert follow.status_code == 200 and follow.json()["conversation_id"] == conversation_id


def test_ask_input_errors(client: TestClient) -> None:
    assert_error(client.post("/v1/ask", json={"question": "  \u0000 "}), 422, "empty_question")
    assert_error(client.post("/v1/ask", json={"question": "党" * 501}), 422, "question_too_long")
    assert_error(client.post("/v1/ask", json={}), 422, "invalid_input")
    assert_error(
        client.post("/v1/ask", content=b"not json", headers={"content-type": "application/json"}),
        422,
        "invalid_input",
    )
    assert_error(
        client.post("/v1/ask", json={"question": "党员", "conversation_id": "nope"}),
        404,
        "conversation_not_found",
    )
    assert_error(client.post("/v1/search", json={"query": ""}), 422, "invalid_input")
    assert_error(client.post("/v1/search", json={"query": "党员", "top_k": 0}), 422, "invalid_input")


def test_conversation_follow_up(client: TestClient) -> None:
    first = client.post("/v1/ask", json={"question": "党的基层组织是什么"}).json()
    assert not first["refused"]
    second = client.post(
        "/v1/ask", json={"question": "这一条呢", "conversation_id": first["conversation_id"]}
    ).json()
    assert second["conversation_id"] == first["conversation_id"]
    assert "原文如下" in second["answer"]


# --- streaming ----------------------------------------------------------------------------------


def _sse(text: str) -> list[tuple[str, str]]:
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
        if data:
            events.append((name, "\n".join(data)))
    return events


def test_ask_stream(client: TestClient) -> None:
    with client.stream("POST", "/v1/ask/stream", json={"question": "预备党员的预备期是多久"}) as res:
        assert res.status_code == 200
        assert res.headers["content-type"].startswith("text/event-stream")
        events = _sse(res.read().decode())
    names = [n for n, _ in events]
    assert names[-2:] == ["citations", "done"]
    assert set(names[:-2]) == {"delta"}
    done = json.loads(events[-1][1])
    assert "".join(json.loads(d)["text"] for n, d in events if n == "delta") == done["answer"]
    assert json.loads(events[-2][1]) == done["citations"]


def test_ask_stream_validation_is_plain_json(client: TestClient) -> None:
    assert_error(client.post("/v1/ask/stream", json={"question": ""}), 422, "empty_question")
    assert_error(
        client.post("/v1/ask/stream", json={"question": "x", "conversation_id": "nope"}),
        404,
        "conversation_not_found",
    )


# --- OpenAI-compatible chat ---------------------------------------------------------------------


def test_chat_completions_non_stream(client: TestClient) -> None:
    res = client.post(
        "/v1/chat/completions",
        json={"model": "study", "messages": [{"role": "user", "content": "预备党员的预备期是多久"}]},
    )
    assert res.status_code == 200
    body = res.json()
    assert body["object"] == "chat.completion"
    assert "预备期为一年" in body["choices"][0]["message"]["content"]
    assert body["citations"]


def test_chat_completions_history_resolves_follow_up(client: TestClient) -> None:
    messages = [
        {"role": "user", "content": "党的基层组织是什么"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": "它的基本任务是什么"},
    ]
    body = client.post("/v1/chat/completions", json={"messages": messages}).json()
    assert "基本任务" in body["choices"][0]["message"]["content"]


def test_chat_completions_errors(client: TestClient) -> None:
    assert_error(client.post("/v1/chat/completions", json={"messages": []}), 422, "invalid_input")
    assert_error(
        client.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "你好"}]}),
        422,
        "invalid_input",
    )
    assert_error(
        client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": " "}]}),
        422,
        "empty_question",
    )


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real uvicorn on loopback with its own data dir and a member API key (SDKs always send a key)."""
    from service.store.keys import KeyStore

    settings = _ingested_settings(tmp_path_factory.mktemp("qa-live"))
    _, api_key = KeyStore(build_container(settings).db).create("sdk-test", "member")
    with _uvicorn(settings) as base_url:
        yield base_url, api_key


@pytest.mark.server
def test_openai_sdk_with_any_key_in_no_key_mode(tmp_path: Path) -> None:
    """Issue 13: like vLLM and Ollama, the no-key local mode ignores the key the SDK insists on sending."""
    from openai import OpenAI

    with _uvicorn(_ingested_settings(tmp_path)) as base_url:
        client = OpenAI(base_url=base_url, api_key="x", max_retries=0, timeout=60)
        completion = client.chat.completions.create(
            model="study", messages=[{"role": "user", "content": "预备党员的预备期是多久"}]
        )
    assert "预备期为一年" in (completion.choices[0].message.content or "")


@contextmanager
def _uvicorn(settings: Settings) -> Iterator[str]:
    """``create_app(settings)`` served by a real uvicorn on a free loopback port; yields the /v1 base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.mark.server
def test_openai_sdk_non_stream_and_stream(live_server: tuple[str, str]) -> None:
    from openai import OpenAI

    base_url, api_key = live_server
    client = OpenAI(base_url=base_url, api_key=api_key, max_retries=0, timeout=60)
    completion = client.chat.completions.create(
        model="study", messages=[{"role": "user", "content": "预备党员的预备期是多久"}]
    )
    text = completion.choices[0].message.content or ""
    assert "预备期为一年" in text
    assert (completion.model_extra or {}).get("citations")

    stream = client.chat.completions.create(
        model="study", messages=[{"role": "user", "content": "预备党员的预备期是多久"}], stream=True
    )
    parts: list[str] = []
    citations: list[Any] = []
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            parts.append(chunk.choices[0].delta.content)
        citations = (chunk.model_extra or {}).get("citations") or citations
    assert "".join(parts) == text
    assert citations


# --- feedback, metrics, error shape -------------------------------------------------------------


def test_feedback(client: TestClient) -> None:
    answer = client.post("/v1/ask", json={"question": "预备党员的预备期是多久"}).json()
    ok = client.post(
        "/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "down", "reason": "答案不完整"}
    )
    assert ok.status_code == 200
    assert ok.json()["answer_id"] == answer["answer_id"]
    assert_error(
        client.post("/v1/feedback", json={"answer_id": "nope", "rating": "up"}), 404, "answer_not_found"
    )
    assert_error(
        client.post("/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "meh"}),
        422,
        "invalid_input",
    )
    assert_error(
        client.post(
            "/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "up", "reason": "随便"}
        ),
        422,
        "invalid_input",
    )


def test_feedback_is_durable(client: TestClient, settings: Settings) -> None:
    from service.store.db import Database
    from service.store.feedback import FeedbackStore

    answer = client.post("/v1/ask", json={"question": "党章第三十二条"}).json()
    client.post("/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "up", "comment": "很好"})
    rows = FeedbackStore(Database(settings.db_path)).list_for(answer["answer_id"])
    assert [(r["rating"], r["comment"]) for r in rows] == [("up", "很好")]


def test_metrics(client: TestClient) -> None:
    client.post("/v1/ask", json={"question": "明天北京天气怎么样"})
    text = client.get("/metrics").text
    assert 'study_http_requests_total{method="POST",route="/v1/ask",status="200"}' in text
    assert 'study_answers_total{mode="extractive",refused="true"}' in text
    # labels are route templates, never raw paths; misses and wrong methods are counted with their status
    client.get("/v1/documents/no-such-work/diff")  # 422: the versions to compare are missing
    client.get("/v1/nothing-here")
    client.get("/v1/ask")
    client.post("/v1/ask", json={"question": ""})
    text = client.get("/metrics").text
    assert 'route="/v1/documents/{work}/diff",status="422"' in text and "no-such-work" not in text
    assert 'study_http_requests_total{method="GET",route="<unmatched>",status="404"}' in text
    assert 'study_http_requests_total{method="GET",route="<unmatched>",status="405"}' in text
    assert 'study_http_requests_total{method="POST",route="/v1/ask",status="422"}' in text
    assert 'study_http_request_seconds_count{method="POST",route="/v1/ask"}' in text


def test_metrics_export_the_caches(client: TestClient) -> None:
    """The answer and query-embedding caches' counters are on /metrics: asking one question twice is one
    miss then one hit of the answer cache."""
    question = "党支部多久组织一次学习？"
    before = client.get("/metrics").text
    client.post("/v1/ask", json={"question": question})
    client.post("/v1/ask", json={"question": question})
    text = client.get("/metrics").text
    hits = _sample(text, 'study_cache_hits_total{cache="answer"}') - _sample(
        before, 'study_cache_hits_total{cache="answer"}'
    )
    misses = _sample(text, 'study_cache_misses_total{cache="answer"}') - _sample(
        before, 'study_cache_misses_total{cache="answer"}'
    )
    assert (misses, hits) == (1, 1)
    assert _sample(text, 'study_cache_entries{cache="answer"}') >= 1
    assert 'study_cache_misses_total{cache="query_embedding"}' in text


def _sample(text: str, name: str) -> float:
    """The value of one Prometheus sample line ``name value`` in ``text`` (0.0 when absent)."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    return 0.0


def test_unknown_route_and_method(client: TestClient) -> None:
    assert_error(client.get("/v1/nothing-here"), 404, "not_found")
    assert_error(client.get("/v1/ask"), 405, "method_not_allowed")


def test_unexpected_error_has_no_details(settings: Settings) -> None:
    container = build_container(settings)

    container.__dict__["answerer"] = FailingAnswerer(RuntimeError("secret internal detail"))
    with TestClient(create_app(settings, container), raise_server_exceptions=False) as c:
        res = c.post("/v1/ask", json={"question": "党员"})
    err = assert_error(res, 500, "internal_error")
    assert "secret" not in res.text and "Traceback" not in res.text
    assert err["message"] == "服务内部错误，请稍后重试。"


def test_a_misspelled_router_module_fails_app_creation(
    hash_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 10: area modules were imported "optionally", so a typo silently dropped a whole API area.
    from service.api import app as app_module

    monkeypatch.setattr(app_module, "ROUTER_MODULES", (*app_module.ROUTER_MODULES, "service.api.routes_qaa"))
    with pytest.raises(ModuleNotFoundError):
        create_app(hash_settings)
