"""Role boundaries, revoked keys, origin-restricted keys and the no-key local mode (issue 7).

Every case goes through the real app (``create_app``) so the middleware order, the path policy and the
routers' own ``require_role`` are exercised together. Handlers behind an allowed role may still answer
404/422/503 here (no index in these tests); what matters is that they are *not* 401/403.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.api.app import create_app
from service.api.security import ensure_safe_bind, is_loopback, required_role
from service.config import Settings
from service.errors import StudyError
from service.store.db import Database
from service.store.keys import KeyStore

REMOTE = ("203.0.113.7", 40000)
WIDGET_ORIGIN = "https://branch.example.org"
DENIED = {401, 403}


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path / "data",
        "embedding_backend": "hash",
        "cors_origins": [WIDGET_ORIGIN, "https://other.example.org"],
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def store(settings: Settings) -> KeyStore:
    return KeyStore(Database(settings.db_path))


def client(settings: Settings, remote: bool = False) -> TestClient:
    return TestClient(create_app(settings), client=REMOTE if remote else ("testclient", 50000))


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_error(resp: object, status: int, code: str) -> None:
    assert getattr(resp, "status_code", None) == status, getattr(resp, "text", resp)
    body = resp.json()  # type: ignore[attr-defined]
    assert body["error"]["code"] == code
    assert body["error"]["status"] == status
    assert body["error"]["message"]


# --- calls per area ---------------------------------------------------------------------------------
def ask(c: TestClient, headers: dict[str, str]) -> int:
    return c.post("/v1/ask", json={"question": "党员有哪些权利？"}, headers=headers).status_code


def feedback(c: TestClient, headers: dict[str, str]) -> int:
    return c.post("/v1/feedback", json={"answer_id": "nope", "rating": "up"}, headers=headers).status_code


def quiz(c: TestClient, headers: dict[str, str]) -> int:
    paths = sorted(
        {
            str(getattr(r, "path", ""))
            for r in c.app.routes
            if str(getattr(r, "path", "")).startswith("/v1/quiz")
        }  # type: ignore[attr-defined]
    )
    path = next((p for p in paths if "{" not in p), "/v1/quiz/generate")
    return c.post(path, json={"n": 1}, headers=headers).status_code


def ingest(c: TestClient, headers: dict[str, str]) -> int:
    return c.post("/v1/admin/ingest", json={"path": "/definitely/not/here"}, headers=headers).status_code


def list_keys(c: TestClient, headers: dict[str, str]) -> int:
    return c.get("/v1/admin/keys", headers=headers).status_code


def delete_doc(c: TestClient, headers: dict[str, str]) -> int:
    return c.delete("/v1/admin/documents/no-such-doc", headers=headers).status_code


MATRIX = [
    # (call, lowest role allowed)
    (ask, "member"),
    (feedback, "member"),
    (quiz, "trainer"),
    (ingest, "admin"),
    (delete_doc, "admin"),
    (list_keys, "admin"),
]
RANK = {"member": 0, "trainer": 1, "admin": 2}


@pytest.mark.parametrize("role", ["member", "trainer", "admin"])
def test_role_boundaries(settings: Settings, store: KeyStore, role: str) -> None:
    _, key = store.create(f"测试{role}", role)
    c = client(settings, remote=True)
    for call, needed in MATRIX:
        status = call(c, auth(key))
        if RANK[role] >= RANK[needed]:
            assert status not in DENIED, (call.__name__, role, status)
        else:
            assert status == 403, (call.__name__, role, status)


def test_member_cannot_ingest_or_generate_quizzes(settings: Settings, store: KeyStore) -> None:
    _, key = store.create("学员", "member")
    c = client(settings)
    resp = c.post("/v1/admin/ingest", json={"path": "knowledge"}, headers={"X-API-Key": key})
    assert_error(resp, 403, "forbidden")
    assert "管理员" in resp.json()["error"]["message"]
    resp = c.post("/v1/quiz/generate", json={"n": 3}, headers={"X-API-Key": key})
    assert_error(resp, 403, "forbidden")


def test_revoked_key_fails_everywhere(settings: Settings, store: KeyStore) -> None:
    key_info, key = store.create("将被吊销", "admin")
    c = client(settings)
    assert list_keys(c, auth(key)) == 200
    resp = c.delete(f"/v1/admin/keys/{key_info.id}", headers=auth(key))
    assert resp.status_code == 200 and resp.json()["active"] is False
    for call, _ in MATRIX:
        assert call(c, auth(key)) == 401, call.__name__
    assert_error(c.get("/v1/admin/keys", headers=auth(key)), 401, "unauthorized")


def test_bad_keys_are_401(settings: Settings, store: KeyStore) -> None:
    key_info, key = store.create("真密钥", "admin")
    c = client(settings)
    forged = f"psa_{key_info.id}_{'A' * 43}"
    for bad in ["garbage", "psa_", "psa_x_y", forged, key[:-1], key + "x", "Bearer"]:
        assert_error(c.post("/v1/ask", json={"question": "问"}, headers=auth(bad)), 401, "unauthorized")


def test_keys_are_stored_hashed(settings: Settings, store: KeyStore) -> None:
    _, key = store.create("哈希检查", "member")
    secret = key.split("_", 2)[2]
    raw = Path(settings.db_path).read_bytes()
    wal = Path(str(settings.db_path) + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert secret.encode() not in raw
    rows = sqlite3.connect(settings.db_path).execute("SELECT salt, secret_hash FROM api_keys").fetchall()
    assert len(rows) == 1 and len(rows[0][1]) == 32 and len(rows[0][0]) == 16
    assert store.verify(key) is not None


def test_origin_restricted_member_key(settings: Settings, store: KeyStore) -> None:
    _, key = store.create("挂件公开密钥", "member", [WIDGET_ORIGIN + "/"])
    c = client(settings, remote=True)
    body = {"answer_id": "nope", "rating": "up"}
    assert_error(c.post("/v1/feedback", json=body, headers=auth(key)), 403, "forbidden")
    other = {**auth(key), "Origin": "https://other.example.org"}
    assert_error(c.post("/v1/feedback", json=body, headers=other), 403, "forbidden")
    ok = {**auth(key), "Origin": WIDGET_ORIGIN}
    assert c.post("/v1/feedback", json=body, headers=ok).status_code not in DENIED
    # even from the allowed page, a member key cannot reach admin routes
    assert ingest(c, ok) == 403


def test_no_keys_local_is_admin_remote_refused(settings: Settings) -> None:
    local = client(settings)
    assert list_keys(local, {}) == 200
    remote = client(settings, remote=True)
    assert_error(remote.post("/v1/ask", json={"question": "问"}), 401, "unauthorized")
    assert remote.get("/healthz").status_code == 200  # health stays open for load balancers


def test_keys_exist_loopback_needs_key_too(settings: Settings) -> None:
    c = client(settings)
    created = c.post("/v1/admin/keys", json={"name": "第一位管理员", "role": "admin"})
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("psa_")
    assert_error(c.get("/v1/admin/keys"), 401, "unauthorized")
    listed = c.get("/v1/admin/keys", headers=auth(key)).json()["keys"]
    assert [k["name"] for k in listed] == ["第一位管理员"]
    assert all("key" not in k and "secret_hash" not in k for k in listed)


def test_require_keys_disables_local_admin(tmp_path: Path) -> None:
    c = client(make_settings(tmp_path, require_keys=True))
    assert_error(c.get("/v1/admin/keys"), 401, "unauthorized")


def test_allow_open_makes_remote_anonymous_members(tmp_path: Path) -> None:
    c = client(make_settings(tmp_path, allow_open=True), remote=True)
    assert feedback(c, {}) not in DENIED
    assert list_keys(c, {}) == 403


def test_key_creation_validates_input(settings: Settings) -> None:
    c = client(settings)
    assert_error(c.post("/v1/admin/keys", json={"name": "x", "role": "root"}), 422, "invalid_input")
    resp = c.post("/v1/admin/keys", json={"name": "x", "role": "member", "origins": ["not a url"]})
    assert_error(resp, 422, "invalid_input")
    assert_error(c.delete("/v1/admin/keys/nonexistent"), 404, "key_not_found")


def test_path_policy_and_loopback() -> None:
    assert required_role("/v1/admin/ingest") == "admin"
    assert required_role("/v1/quiz/generate") == "trainer"
    assert required_role("/v1/ask") == "member"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("testclient")
    assert not is_loopback("10.0.0.1") and not is_loopback(None) and not is_loopback("example.org")


def test_serve_refuses_open_bind_without_keys(settings: Settings, store: KeyStore, tmp_path: Path) -> None:
    assert ensure_safe_bind(settings, "127.0.0.1", store)  # a warning, not an error
    with pytest.raises(StudyError, match="拒绝监听"):
        ensure_safe_bind(settings, "0.0.0.0", store)
    open_settings = make_settings(tmp_path, allow_open=True)
    assert "匿名" in (ensure_safe_bind(open_settings, "0.0.0.0", store) or "")
    store.create("管理员", "admin")
    assert ensure_safe_bind(settings, "0.0.0.0", store) is None


def test_cli_keys_create_list_revoke(settings: Settings, store: KeyStore) -> None:
    from service.cli import app

    runner = CliRunner()
    data = ["--data-dir", str(settings.data_dir)]
    res = runner.invoke(app, ["keys", "create", "--role", "trainer", "--name", "张三", "-q", *data])
    assert res.exit_code == 0, res.output
    plaintext = res.output.strip()
    key = store.verify(plaintext)
    assert key is not None and key.role == "trainer" and key.name == "张三"
    res = runner.invoke(app, ["keys", "list", *data])
    assert key.id in res.output and "张三" in res.output and plaintext not in res.output
    res = runner.invoke(app, ["keys", "revoke", key.id, *data])
    assert res.exit_code == 0 and store.verify(plaintext) is None
    res = runner.invoke(app, ["keys", "create", "--role", "boss", "--name", "x", *data])
    assert res.exit_code != 0
