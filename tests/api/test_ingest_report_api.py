"""The upload response carries the per-file report of the uploaded files (for the console)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from service.container import build_container

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"


def test_upload_response_reports_structure_and_removed_furniture(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path / "data", embedding_backend="hash", knowledge_dir=tmp_path / "kb"
    )
    client = TestClient(create_app(settings, build_container(settings)))
    first = FIXTURES / "楼道管理办法_自动编号.docx"
    resp = client.post("/v1/admin/ingest/upload", files=[("files", (first.name, first.read_bytes()))])
    assert resp.status_code == 200, resp.text
    second = FIXTURES / "社区志愿服务条例_页眉后绘制.pdf"
    resp = client.post("/v1/admin/ingest/upload", files=[("files", (second.name, second.read_bytes()))])
    assert resp.status_code == 200, resp.text
    (file,) = resp.json()["files"]  # only this upload's file
    assert file["format"] == "pdf" and file["doc_type"] == "regulation"
    assert file["structure"]["articles"] == 13 and file["structure"]["chapters"] == 3
    assert file["removed"] == {"page_number": 3, "running_footer": 3, "running_header": 3}
    assert file["warnings"] == []
