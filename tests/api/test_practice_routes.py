"""Members' practice routes in-process: draw without keys, answer, 错题本, progress; usable without the widget."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from service.container import build_container
from service.ingest.corpus import corpus_file
from service.quiz.practice import key_of
from service.schemas import QuizItem

DANGZHANG = corpus_file("regulations/中国共产党章程_2017_zh.md")
LEARNER = "m-test-learner-01"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from service.ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("practice-api")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(DANGZHANG, corpus / DANGZHANG.name)
    settings = Settings(_env_file=None, data_dir=root / "data", embedding_backend="hash")  # type: ignore[call-arg]
    ingest([corpus], settings, build_container(settings).embedder, progress=False)
    with TestClient(create_app(settings)) as c:
        items = c.post("/v1/quiz", json={"count": 8, "seed": 4}).json()["items"]
        saved = c.post("/v1/bank", json={"items": items}).json()["saved"]
        c.post("/v1/bank/review", json={"action": "approve", "ids": saved[:6]})
        yield c


def _wrong(item: QuizItem) -> str:
    key = key_of(item)
    if item.type == "judge":
        return "错误" if key == "正确" else "正确"
    if item.type == "blank":
        return "不知道"
    return "A" if key != "A" else "B"


def test_practice_round_without_the_widget(client: TestClient) -> None:
    topics = client.get("/v1/practice/topics").json()
    assert topics and topics[0]["count"] == 6  # only approved items are practised
    drawn = client.post(
        "/v1/practice/draw", json={"learner": LEARNER, "count": 5, "doc_id": topics[0]["doc_id"]}
    )
    assert drawn.status_code == 200, drawn.text
    items = drawn.json()["items"]
    assert len(items) == 5
    assert all("answer" not in i and "explanation" not in i for i in items)  # no key before answering
    bank = {
        e["item"]["id"]: QuizItem.model_validate(e["item"]) for e in client.get("/v1/bank").json()["items"]
    }
    results = []
    for n, shown in enumerate(items):
        item = bank[shown["id"]]
        answer = _wrong(item) if n == 0 else key_of(item)
        res = client.post(
            "/v1/practice/answer", json={"learner": LEARNER, "item_id": item.id, "answer": answer}
        )
        assert res.status_code == 200, res.text
        body = res.json()
        assert body["correct"] is (n != 0) and body["answer"] == key_of(item)
        assert body["explanation"] == item.explanation and body["source"]["quote"] == item.source.quote
        results.append(body)
    mistakes = client.get("/v1/practice/mistakes", params={"learner": LEARNER}).json()
    assert [m["item"]["id"] for m in mistakes] == [items[0]["id"]]
    assert mistakes[0]["answer"] == key_of(bank[items[0]["id"]])
    progress = client.get("/v1/practice/progress", params={"learner": LEARNER}).json()
    assert progress[0]["answered"] == 5 and progress[0]["correct"] == 4 and progress[0]["rate"] == 0.8
    # answered right later: out of the 错题本
    fixed = client.post(
        "/v1/practice/answer",
        json={"learner": LEARNER, "item_id": items[0]["id"], "answer": key_of(bank[items[0]["id"]])},
    )
    assert fixed.json()["correct"] is True
    assert client.get("/v1/practice/mistakes", params={"learner": LEARNER}).json() == []
    # another learner has a notebook of their own
    assert client.get("/v1/practice/mistakes", params={"learner": "m-someone-else"}).json() == []


def test_practice_errors(client: TestClient) -> None:
    pending = [e["item"]["id"] for e in client.get("/v1/bank", params={"status": "pending"}).json()["items"]]
    res = client.post("/v1/practice/answer", json={"learner": LEARNER, "item_id": pending[0], "answer": "A"})
    assert res.status_code == 404 and res.json()["error"]["code"] == "practice_item_not_found"
    bad = client.post("/v1/practice/draw", json={"learner": "x", "count": 5})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"
    assert client.get("/v1/practice/mistakes", params={"learner": "bad id!"}).status_code == 422
    js = client.get("/widget-practice.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "PartyStudyPractice" in js.text
