"""Console routes in-process: roles, documents' structure, 命中测试, feedback review, curated answers,
usage and log retention. Real SQLite and index (hash embedder); the browser flow is tests/browser."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from service.container import build_container
from service.store.keys import KeyStore

ARTICLES = (
    "支部学习制度\n\n第一章 总则\n\n第一条 党支部每月至少组织一次集中学习。\n\n"
    "第二条 预备党员的预备期为一年，预备期从支部大会通过之日算起。\n\n"
    "第二章 学习内容\n\n第三条 学习内容包括党章党规和形势政策。\n"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "支部学习制度.txt").write_text(ARTICLES, encoding="utf-8")
    return Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path / "data", embedding_backend="hash", knowledge_dir=kb
    )


@pytest.fixture
def client(settings: Settings) -> TestClient:
    c = TestClient(create_app(settings, build_container(settings)))
    assert c.post("/v1/admin/ingest", json={"path": str(settings.knowledge_dir)}).status_code == 200
    return c


def keyed(client: TestClient) -> dict[str, dict[str, str]]:
    store: KeyStore = client.app.state.key_store  # type: ignore[attr-defined]
    return {
        role: {"Authorization": f"Bearer {store.create(role, role, [])[1]}"}
        for role in ("member", "trainer", "admin")
    }


def test_console_pages_are_static_and_strict(client: TestClient) -> None:
    page = client.get("/console/")
    assert page.status_code == 200 and "管理控制台" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/console/console.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/console/../app.py").status_code == 404
    assert client.get("/console/nope.js").status_code == 404
    assert client.get("/console", follow_redirects=False).headers["location"] == "/console/"


def test_roles_member_403_trainer_console_only(client: TestClient) -> None:
    keys = keyed(client)
    for path in ("/v1/console/me", "/v1/console/documents", "/v1/admin/feedback", "/v1/admin/curated"):
        r = client.get(path, headers=keys["member"])
        assert r.status_code == 403, path
        assert r.json()["error"]["code"] == "forbidden"
        assert client.get(path).status_code == 401  # keys exist: no anonymous local admin any more
    assert client.get("/v1/console/me", headers=keys["trainer"]).json()["role"] == "trainer"
    assert client.get("/v1/admin/usage", headers=keys["trainer"]).status_code == 403
    assert client.get("/v1/admin/usage", headers=keys["admin"]).status_code == 200


def test_document_structure_and_chunks(client: TestClient) -> None:
    docs = client.get("/v1/console/documents").json()["documents"]
    assert [(d["doc_id"], d["n_chunks"]) for d in docs] == [("支部学习制度", 3)]
    detail = client.get("/v1/console/documents/支部学习制度").json()
    tree = detail["structure"]
    assert [n["title"] for n in tree] == ["第一章 总则", "第二章 学习内容"]
    assert [c["title"] for c in tree[0]["children"]] == ["第一条", "第二条"]
    assert [c["kind"] for c in tree[0]["children"]] == ["chunk", "chunk"]
    assert len(detail["chunks"]) == 3
    assert client.get("/v1/console/documents/没有").json()["error"]["code"] == "document_not_found"


def test_hit_test_reports_legs_lookup_answer_and_decision(client: TestClient) -> None:
    r = client.post("/v1/console/hittest", json={"question": "预备党员的预备期是多长时间？", "top_k": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["fused"][0]["locator"] == "第二条"
    assert {"lexical", "dense", "fused"} <= set(body["fused"][0]["scores"])
    assert body["refusal"]["reason"] in ("supported", "low_support")
    assert body["refusal"]["refuse"] == body["answer"]["refused"]
    look = client.post("/v1/console/hittest", json={"question": "支部学习制度第三条"}).json()
    assert [h["locator"] for h in look["lookup"]] == ["第三条"]
    assert look["refusal"]["reason"] == "article"
    # the retrieval test stores nothing: no answer rows, so nothing to give feedback on
    assert client.get("/v1/admin/usage").json()["questions"] == 0
    assert (
        client.post("/v1/console/hittest", json={"question": " "}).json()["error"]["code"] == "empty_question"
    )


def _ask(client: TestClient, question: str) -> dict[str, object]:
    r = client.post("/v1/ask", json={"question": question})
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


def test_feedback_review_filters_and_mark_handled(client: TestClient) -> None:
    a = _ask(client, "预备期多长？")
    b = _ask(client, "学习内容包括什么？")
    client.post("/v1/feedback", json={"answer_id": a["answer_id"], "rating": "down", "reason": "答案错误"})
    client.post(
        "/v1/feedback",
        json={"answer_id": b["answer_id"], "rating": "down", "reason": "其他", "comment": "太短"},
    )
    client.post("/v1/feedback", json={"answer_id": b["answer_id"], "rating": "up"})
    page = client.get("/v1/admin/feedback").json()
    assert page["total"] == 2 and [i["question"] for i in page["items"]] == [
        "学习内容包括什么？",
        "预备期多长？",
    ]
    assert page["items"][0]["comment"] == "太短" and "answer" in page["items"][0]["answer"]
    wrong = client.get("/v1/admin/feedback", params={"reason": "答案错误"}).json()["items"]
    assert [i["question"] for i in wrong] == ["预备期多长？"]
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert client.get("/v1/admin/feedback", params={"since": today, "until": today}).json()["total"] == 2
    assert client.get("/v1/admin/feedback", params={"until": "2000-01-01"}).json()["total"] == 0
    assert client.get("/v1/admin/feedback", params={"since": "昨天"}).status_code == 422
    assert client.get("/v1/admin/feedback", params={"reason": "不喜欢"}).status_code == 422
    fid = wrong[0]["feedback_id"]
    assert client.post(f"/v1/admin/feedback/{fid}/handled", json={"handled": True}).status_code == 200
    open_items = client.get("/v1/admin/feedback", params={"handled": "false"}).json()["items"]
    assert [i["question"] for i in open_items] == ["学习内容包括什么？"]
    done = client.get("/v1/admin/feedback", params={"handled": "true"}).json()["items"]
    assert done[0]["handled_by"] == "本机管理员" and done[0]["handled_at"]
    missing = client.post("/v1/admin/feedback/nope/handled", json={"handled": True})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "feedback_not_found"


def test_curated_answer_crud_and_use_in_ask(client: TestClient) -> None:
    asked = _ask(client, "党支部多久组织一次学习？")
    fb = client.post(
        "/v1/feedback", json={"answer_id": asked["answer_id"], "rating": "down", "reason": "答案错误"}
    )
    chunks = {
        c["locator"]: c["chunk_id"] for c in client.get("/v1/console/documents/支部学习制度").json()["chunks"]
    }
    created = client.post(
        "/v1/admin/curated",
        json={
            "question": "党支部多久组织一次学习？",
            "passages": [{"chunk_id": chunks["第一条"]}, {"chunk_id": chunks["第三条"]}],
            "feedback_id": fb.json()["feedback_id"],
        },
    )
    assert created.status_code == 201, created.text
    cur = created.json()
    assert [(p["title"], p["locator"]) for p in cur["passages"]] == [
        ("支部学习制度", "第一条"),
        ("支部学习制度", "第三条"),
    ]
    # the feedback it answers is handled
    assert client.get("/v1/admin/feedback", params={"handled": "true"}).json()["total"] == 1

    again = _ask(client, "党支部多久组织一次学习？")
    assert again["curated"] is True and again["refused"] is False
    cites = again["citations"]
    assert [(c["n"], c["locator"]) for c in cites] == [(1, "第一条"), (2, "第三条")]
    assert cites[0]["quote"] == "第一条 党支部每月至少组织一次集中学习。"
    assert (
        again["answer"]
        == "第一条 党支部每月至少组织一次集中学习。[1]\n第三条 学习内容包括党章党规和形势政策。[2]"
    )
    # an unrelated question is answered normally
    assert _ask(client, "预备党员的预备期是多长时间？")["curated"] is False
    # the retrieval test shows the candidate and that it was applied
    ht = client.post("/v1/console/hittest", json={"question": "党支部多久组织一次学习？"}).json()
    assert ht["answer"]["curated"] is True and ht["curated"][0]["applied"] is True
    assert ht["refusal"]["reason"] == "curated"

    listing = client.get("/v1/admin/curated").json()
    assert [i["stale"] for i in listing["items"]] == [False]
    cid = cur["curated_id"]
    upd = client.put(
        f"/v1/admin/curated/{cid}",
        json={"question": "党支部多久学习一次？", "passages": [{"chunk_id": chunks["第一条"]}]},
    )
    assert upd.status_code == 200 and upd.json()["question"] == "党支部多久学习一次？"
    bad = client.post("/v1/admin/curated", json={"question": "x", "passages": [{"chunk_id": "不存在"}]})
    assert bad.status_code == 404 and bad.json()["error"]["code"] == "chunk_not_found"
    dup = client.post(
        "/v1/admin/curated", json={"question": "x", "passages": [{"chunk_id": chunks["第一条"]}] * 2}
    )
    assert dup.status_code == 422
    assert client.post("/v1/admin/curated", json={"question": "x", "passages": []}).status_code == 422
    assert client.delete(f"/v1/admin/curated/{cid}").status_code == 200
    assert client.get(f"/v1/admin/curated/{cid}").json()["error"]["code"] == "curated_not_found"
    assert _ask(client, "党支部多久组织一次学习？")["curated"] is False


def test_usage_and_retention_purge(client: TestClient, settings: Settings) -> None:
    _ask(client, "预备党员的预备期是多长时间？")
    refused = _ask(client, "今天天气怎么样？")
    assert refused["refused"] is True
    usage = client.get("/v1/admin/usage", params={"days": 7}).json()
    assert usage["questions"] == 2 and usage["refused"] == 1 and usage["refusal_rate"] == 0.5
    assert usage["top_refused"] == [{"question": "今天天气怎么样？", "count": 1}]
    assert len(usage["per_day"]) == 7 and usage["per_day"][-1]["questions"] == 2
    # an old answer (400 days) is purged with its feedback; recent ones stay
    db = client.app.state.container.db  # type: ignore[attr-defined]
    old = _ask(client, "党支部多久组织一次学习？")
    client.post("/v1/feedback", json={"answer_id": old["answer_id"], "rating": "down"})
    with db.transaction() as c:
        c.execute(
            "UPDATE answers SET created_at = created_at - 400 * 86400 WHERE answer_id = ?",
            (old["answer_id"],),
        )
    report = client.post("/v1/admin/logs/purge").json()
    assert report["retention_days"] == 180
    assert (report["answers"], report["feedback"]) == (1, 1)
    assert client.get("/v1/admin/usage", params={"days": 3650}).json()["days"] == 180
    assert client.get("/v1/admin/usage").json()["questions"] == 2
