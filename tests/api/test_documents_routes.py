"""``GET /v1/documents`` (work / version / status, filterable) and ``GET /v1/documents/{work}/diff`` in
every format, over a hash-embedder index of the two 纪律处分条例 versions, the 党章 and a 试行 regulation
(texts from ../shared/corpus)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from service.api.app import create_app
from service.config import Settings
from service.container import build_container
from service.ingest.corpus import load_knowledge
from service.ingest.pipeline import index_chunks
from service.text.split import split_document

DOCS = ("cpc-discipline-2018", "cpc-discipline-2023", "cpc-constitution-2017", "cpc-branch-work-2018")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("documents-api")
    settings = Settings(_env_file=None, data_dir=root / "data", embedding_backend="hash")  # type: ignore[call-arg]
    docs = {d.doc_id: d for d in load_knowledge(settings).docs}
    index_chunks(
        [(docs[i], split_document(docs[i])) for i in DOCS], settings, build_container(settings).embedder
    )
    with TestClient(create_app(settings)) as c:
        yield c


def test_documents_list_versions_and_status(client: TestClient) -> None:
    res = client.get("/v1/documents")
    assert res.status_code == 200
    docs = {d["doc_id"]: d for d in res.json()["documents"]}
    assert set(docs) == set(DOCS)
    old, new = docs["cpc-discipline-2018"], docs["cpc-discipline-2023"]
    assert (old["work"], old["version"], old["status"]) == ("中国共产党纪律处分条例", "2018", "已被修订")
    assert (new["version"], new["status"], new["effective_date"]) == ("2023", "现行有效", "2024-01-01")
    assert old["superseded_by"] == "cpc-discipline-2023" and new["supersedes"] == "cpc-discipline-2018"
    assert old["notice"] == "2018年版，已被2023年修订版取代" and new["notice"] is None
    assert docs["cpc-constitution-2017"]["newer_version"] == "2022"
    assert docs["cpc-branch-work-2018"]["status"] == "试行"


def test_documents_filters(client: TestClient) -> None:
    by_work = client.get("/v1/documents", params={"work": "纪律处分条例"}).json()["documents"]
    assert [d["doc_id"] for d in by_work] == ["cpc-discipline-2018", "cpc-discipline-2023"]
    current = client.get("/v1/documents", params={"work": "纪律处分条例", "status": "现行有效"}).json()
    assert [d["doc_id"] for d in current["documents"]] == ["cpc-discipline-2023"]
    v2018 = client.get("/v1/documents", params={"version": "2018"}).json()["documents"]
    assert {d["doc_id"] for d in v2018} == {"cpc-discipline-2018", "cpc-branch-work-2018"}
    bad = client.get("/v1/documents", params={"status": "作废"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"


def test_diff_json(client: TestClient) -> None:
    res = client.get("/v1/documents/纪律处分条例/diff", params={"from": "2018", "to": "2023"})
    assert res.status_code == 200
    body = res.json()
    assert body["counts"] == {"新增": 17, "删除": 1, "修改": 76, "未变": 65}
    row = next(r for r in body["rows"] if r["new"] and r["new"]["locator"] == "第一百二十七条")
    assert row["status"] == "未变" and row["old"]["locator"] == "第一百一十八条"


def test_diff_files(client: TestClient) -> None:
    params = {"from": "2018", "to": "2023"}
    xlsx = client.get("/v1/documents/中国共产党纪律处分条例/diff", params={**params, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith("application/vnd.openxml")
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.active is not None and wb.active.max_row == 3 + 159
    html = client.get("/v1/documents/cpc-discipline-2023/diff", params={**params, "format": "html"})
    assert html.status_code == 200 and "<ins>乡村振兴</ins>" in html.text
    md = client.get("/v1/documents/纪律处分条例/diff", params={**params, "format": "md"})
    assert md.status_code == 200 and md.text.startswith("# 《中国共产党纪律处分条例》新旧条文对照表")


def test_diff_errors(client: TestClient) -> None:
    missing = client.get("/v1/documents/纪律处分条例/diff", params={"from": "1997", "to": "2023"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "document_not_found"
    assert "2018、2023" in missing.json()["error"]["message"]
    unknown = client.get("/v1/documents/不存在的条例/diff", params={"from": "2018", "to": "2023"})
    assert unknown.status_code == 404
    same = client.get("/v1/documents/纪律处分条例/diff", params={"from": "2023", "to": "2023"})
    assert same.status_code == 422 and same.json()["error"]["code"] == "invalid_input"
    no_params = client.get("/v1/documents/纪律处分条例/diff")
    assert no_params.status_code == 422
    bad_format = client.get(
        "/v1/documents/纪律处分条例/diff", params={"from": "2018", "to": "2023", "format": "pdf"}
    )
    assert bad_format.status_code == 422
