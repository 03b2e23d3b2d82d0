"""Quiz and question-bank routes in-process, over the shipped 党章 ingested with the hash embedder."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from error_shape import assert_error
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from service.container import build_container
from service.ingest.corpus import corpus_file
from service.quiz.parse import parse_aiken, parse_csv, parse_gift, parse_xlsx

DANGZHANG = corpus_file("regulations/中国共产党章程_2017_zh.md")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from service.ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("quiz-api")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(DANGZHANG, corpus / DANGZHANG.name)
    settings = Settings(_env_file=None, data_dir=root / "data", embedding_backend="hash")  # type: ignore[call-arg]
    report = ingest([corpus], settings, build_container(settings).embedder, progress=False)
    assert not report.failures
    return settings


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def _doc_id(client: TestClient, settings: Settings) -> str:
    index = build_container(settings).index_manager.current()
    return index.documents()[0].doc_id


def test_quiz_is_deterministic_and_grounded(client: TestClient, settings: Settings) -> None:
    body = {"scope": {"doc_ids": [_doc_id(client, settings)]}, "count": 8, "seed": 3}
    first = client.post("/v1/quiz", json=body)
    assert first.status_code == 200, first.text
    data = first.json()
    assert len(data["items"]) == 8 and isinstance(data["dropped"], dict) and data["seed"] == 3
    assert client.post("/v1/quiz", json=body).json() == data
    text = DANGZHANG.read_text(encoding="utf-8")
    for item in data["items"]:
        assert set(item) >= {"id", "type", "stem", "answer", "explanation", "difficulty", "source"}
        assert item["source"]["quote"] in text
        assert item["source"]["title"] == "中国共产党章程"


def test_quiz_by_locator_and_query(client: TestClient) -> None:
    res = client.post(
        "/v1/quiz", json={"scope": {"locators": ["第7条"]}, "count": 3, "types": ["blank"], "seed": 1}
    )
    assert res.status_code == 200, res.text
    assert {i["source"]["locator"] for i in res.json()["items"]} == {"第七条"}
    res = client.post(
        "/v1/quiz", json={"scope": {"query": "纪律处分"}, "count": 2, "types": ["judge"], "seed": 1}
    )
    assert res.status_code == 200 and len(res.json()["items"]) == 2


def test_quiz_errors(client: TestClient) -> None:
    assert_error(
        client.post("/v1/quiz", json={"scope": {"locators": ["第九十九条"]}}), 422, "quiz_scope_empty"
    )
    assert_error(client.post("/v1/quiz", json={"scope": {"doc_ids": ["nope"]}}), 404, "document_not_found")
    assert_error(client.post("/v1/quiz", json={"count": 0}), 422, "invalid_input")
    assert_error(client.post("/v1/quiz", json={"types": ["essay"]}), 422, "invalid_input")


def test_bank_save_review_list_export(client: TestClient) -> None:
    items = client.post("/v1/quiz", json={"count": 6, "types": ["single", "judge"], "seed": 9}).json()[
        "items"
    ]
    forged = {**items[0], "id": "q-forged", "answer": "D" if items[0]["answer"] != "D" else "A"}
    saved = client.post("/v1/bank", json={"items": [*items, forged]})
    assert saved.status_code == 200, saved.text
    report = saved.json()
    assert report["saved"] == [i["id"] for i in items]
    assert [i["id"] for i in report["invalid"]] == ["q-forged"]
    assert {"key_not_supported", "distractor_true"} <= set(report["invalid"][0]["reasons"])
    again = client.post("/v1/bank", json={"items": items[:1]}).json()
    assert again["saved"] == [] and again["duplicates"][0]["existing_id"] == items[0]["id"]

    listed = client.get("/v1/bank", params={"type": "single", "status": "pending"}).json()["items"]
    assert {e["item"]["id"] for e in listed} == {i["id"] for i in items if i["type"] == "single"}

    target = items[0]["id"]
    reviewed = client.post(
        f"/v1/bank/{target}/review",
        json={
            "decision": "approve",
            "reviewer": "王老师",
            "edits": {"difficulty": "hard"},
            "comment": "好题",
        },
    )
    assert reviewed.status_code == 200, reviewed.text
    entry = reviewed.json()
    assert (
        entry["status"] == "approved"
        and entry["reviewer"] == "王老师"
        and entry["item"]["difficulty"] == "hard"
    )
    assert entry["history"] and entry["edited_at"]
    client.post(f"/v1/bank/{items[1]['id']}/review", json={"decision": "approve"})
    assert_error(
        client.post("/v1/bank/q-missing/review", json={"decision": "approve"}), 404, "bank_item_not_found"
    )
    bad_edit = client.post(
        f"/v1/bank/{target}/review", json={"decision": "approve", "edits": {"stem": "但是（　）"}}
    )
    assert_error(bad_edit, 422, "invalid_input")

    approved = {items[0]["id"], items[1]["id"]}
    res = client.get("/v1/bank/export", params={"format": "xlsx"})
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="quiz-bank.xlsx"' in res.headers["content-disposition"]
    assert len(parse_xlsx(res.content)) == len(approved)
    assert len(parse_csv(client.get("/v1/bank/export?format=csv").content)) == len(approved)
    assert len(parse_gift(client.get("/v1/bank/export?format=gift").text)) == len(approved)
    singles = [i for i in items if i["id"] in approved and i["type"] == "single"]
    aiken = client.get("/v1/bank/export?format=aiken")
    if singles:
        assert len(parse_aiken(aiken.text)) == len(singles) == int(aiken.headers["X-Export-Written"])
    else:
        assert_error(aiken, 409, "nothing_to_export")
    assert json.loads(res.headers["X-Export-Skipped"]) == {"not_approved": len(items) - 2}
    everything = client.get("/v1/bank/export", params={"format": "json", "status": None})
    assert everything.headers["content-type"].startswith("application/json")
    assert_error(client.get("/v1/bank/export?format=docx"), 422, "invalid_input")
    assert io.BytesIO(res.content).read(2) == b"PK"


def test_bulk_review_as_agreed_in_doc_ids(client: TestClient) -> None:
    items = client.post("/v1/quiz", json={"count": 5, "types": ["blank"], "seed": 21}).json()["items"]
    saved = client.post("/v1/bank", json={"items": items}).json()["saved"]
    assert saved
    res = client.post("/v1/bank/review", json={"action": "reject", "ids": saved[:1]})
    assert res.status_code == 200, res.text
    assert res.json() == {"updated": 1, "ids": saved[:1]}
    everything = client.post("/v1/bank/review", json={"action": "approve", "all_pending": True}).json()
    assert set(saved[1:]) <= set(everything["ids"]) and everything["updated"] == len(everything["ids"])
    assert client.get(f"/v1/bank/{saved[0]}").json()["status"] == "rejected"
    assert client.get(f"/v1/bank/{saved[1]}").json()["status"] == "approved"
    assert_error(
        client.post("/v1/bank/review", json={"action": "approve", "ids": ["q-none"]}),
        404,
        "bank_item_not_found",
    )
    assert_error(client.post("/v1/bank/review", json={"action": "approve"}), 422, "invalid_input")
    assert_error(
        client.post("/v1/bank/review", json={"action": "reject", "all_pending": True}), 422, "invalid_input"
    )


def test_routes_need_trainer_role_once_keys_exist(tmp_path: Path) -> None:
    from service.store.db import Database
    from service.store.keys import KeyStore

    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    store = KeyStore(Database(settings.db_path))
    _, plaintext = store.create("学员", "member")
    with TestClient(create_app(settings)) as c:
        headers = {"Authorization": f"Bearer {plaintext}"}
        assert_error(c.post("/v1/quiz", json={"count": 1}, headers=headers), 403, "forbidden")
        assert_error(c.get("/v1/bank", headers=headers), 403, "forbidden")
