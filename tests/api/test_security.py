"""Role boundaries, revoked keys, origin-restricted keys and the no-key local mode (issue 7).

Every case goes through the real app (``create_app``) so the middleware order, the path policy and the
routers' own ``require_role`` are exercised together. Handlers behind an allowed role may still answer
404/422/503 here (no index in these tests); what matters is that they are *not* 401/403.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from error_shape import assert_error
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.api.app import create_app
from service.api.security import ensure_safe_bind, is_loopback, required_role
from service.config import Settings
from service.errors import StudyError
from service.store.db import Database
from service.store.keys import KeyStore

REMOTE = ("203.0.113.7", 40000)
REMOTE_URL = "http://study.example.org"  # the service's public name (STUDY_ALLOWED_HOSTS)
WIDGET_ORIGIN = "https://branch.example.org"
DENIED = {401, 403}


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path / "data",
        "embedding_backend": "hash",
        "cors_origins": [WIDGET_ORIGIN, "https://other.example.org"],
        "allowed_hosts": ["study.example.org"],
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
    if remote:
        return TestClient(create_app(settings), base_url=REMOTE_URL, client=REMOTE)
    return TestClient(create_app(settings), client=("testclient", 50000))


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


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


# --- issue 13: DNS rebinding, origin-restricted admin keys, keys in the no-key mode ---------------------
def test_dns_rebinding_host_is_refused_before_anything_else(settings: Settings) -> None:
    """Host/Origin ``evil.example:PORT`` (the attacker's name re-pointed at 127.0.0.1) gets no admin key."""
    c = TestClient(create_app(settings), base_url="http://evil.example:8000", client=("127.0.0.1", 5000))
    resp = c.post(
        "/v1/admin/keys",
        json={"name": "pwned", "role": "admin"},
        headers={"Origin": "http://evil.example:8000"},
    )
    assert_error(resp, 400, "host_not_allowed")
    assert KeyStore(Database(settings.db_path)).list() == []
    for path in ("/", "/widget.js", "/v1/search", "/healthz"):
        assert c.get(path).status_code == 400, path
    # loopback names, the bind host and configured names are served
    for base in (
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "http://[::1]:8000",
        "http://study.example.org",
    ):
        local = TestClient(c.app, base_url=base, client=("127.0.0.1", 5000))
        assert local.get("/healthz").status_code == 200, base
    # "testserver" (Starlette's in-process client name) only from the in-process peer, never the network
    assert TestClient(c.app, client=("127.0.0.1", 5000)).get("/healthz").status_code == 400


def test_proxied_loopback_requests_are_not_local_admin(settings: Settings) -> None:
    c = client(settings)
    for header in (
        {"X-Forwarded-For": "198.51.100.1"},
        {"Forwarded": "for=198.51.100.1"},
        {"X-Real-IP": "1.2.3.4"},
    ):
        assert_error(c.get("/v1/admin/keys", headers=header), 401, "unauthorized")
    assert list_keys(c, {}) == 200


def test_origin_restricted_keys_are_member_only(settings: Settings, store: KeyStore) -> None:
    from service.errors import InvalidInput

    for role in ("trainer", "admin"):
        with pytest.raises(InvalidInput, match="学员"):
            store.create("挂件", role, [WIDGET_ORIGIN])
        resp = client(settings).post(
            "/v1/admin/keys", json={"name": "挂件", "role": role, "origins": [WIDGET_ORIGIN]}
        )
        assert_error(resp, 422, "invalid_input")
    from service.cli import app

    res = CliRunner().invoke(
        app,
        [
            "keys",
            "create",
            "--role",
            "admin",
            "--name",
            "x",
            "--origins",
            WIDGET_ORIGIN,
            "--data-dir",
            str(settings.data_dir),
        ],
    )
    assert res.exit_code != 0 and "学员" in res.output
    assert store.list() == []
    # a legacy row stored before the rule is still only a member at use, even with a forged Origin
    store.create("普通", "member")
    _, key = store.create("旧挂件", "member", [WIDGET_ORIGIN])
    store.db.conn().execute("UPDATE api_keys SET role = 'admin' WHERE name = '旧挂件'")
    store.db.conn().commit()
    forged = {**auth(key), "Origin": WIDGET_ORIGIN}
    assert_error(client(settings, remote=True).get("/v1/admin/keys", headers=forged), 403, "forbidden")


def test_no_key_mode_ignores_presented_keys(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    """vLLM and Ollama ignore keys when none are configured; the OpenAI SDK always sends one."""
    c = client(settings)
    with caplog.at_level("WARNING", logger="service.api.security"):
        assert list_keys(c, auth("x")) == 200
        assert list_keys(c, {"X-API-Key": "sk-anything"}) == 200
    assert sum("已忽略" in r.getMessage() for r in caplog.records) == 1  # logged once
    remote = client(settings, remote=True)
    assert_error(remote.get("/v1/admin/keys", headers=auth("x")), 401, "unauthorized")


def test_serve_refusal_has_its_own_code(settings: Settings, store: KeyStore) -> None:
    from service.cli import app

    res = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--data-dir", str(settings.data_dir)])
    assert res.exit_code != 0
    assert "unsafe_bind" in res.output and "internal_error" not in res.output


def test_conversations_and_answers_belong_to_their_key(
    settings: Settings, store: KeyStore, tmp_path: Path
) -> None:
    """Issue 13, item 9: with keys on, one member cannot continue another's conversation or vote on its answers."""
    from service.backends.embedders import HashEmbedder
    from service.ingest.pipeline import ingest as ingest_paths

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "学习制度.md").write_text("# 学习制度\n\n第一条 支部每月组织一次集中学习。\n", encoding="utf-8")
    ingest_paths([corpus], settings, HashEmbedder(), progress=False)
    _, alice = store.create("学员甲", "member")
    _, bob = store.create("学员乙", "member")
    c = client(settings, remote=True)
    first = c.post("/v1/ask", json={"question": "支部多久组织一次集中学习？"}, headers=auth(alice)).json()
    cid, aid = first["conversation_id"], first["answer_id"]
    follow_up = {"question": "那它的内容呢？", "conversation_id": cid}
    for path in ("/v1/ask", "/v1/ask/stream"):
        assert_error(c.post(path, json=follow_up, headers=auth(bob)), 404, "conversation_not_found")
    vote = {"answer_id": aid, "rating": "down"}
    assert_error(c.post("/v1/feedback", json=vote, headers=auth(bob)), 404, "answer_not_found")
    # the owner still can
    assert c.post("/v1/ask", json=follow_up, headers=auth(alice)).status_code == 200
    assert c.post("/v1/feedback", json=vote, headers=auth(alice)).status_code == 200


def test_client_address_from_trusted_proxies_only(tmp_path: Path) -> None:
    """``Forwarded`` and ``X-Real-IP`` name the client like ``X-Forwarded-For``: only from a trusted proxy."""
    from service.api.security import client_address

    s = make_settings(tmp_path, trusted_proxies=["10.0.0.0/8"])
    assert client_address(s, {"x-real-ip": "198.51.100.7"}, "10.1.2.3") == "198.51.100.7"
    assert (
        client_address(s, {"forwarded": 'for="[2001:db8::1]:443";proto=https'}, "10.1.2.3") == "2001:db8::1"
    )
    assert client_address(s, {"forwarded": "for=198.51.100.8"}, "10.1.2.3") == "198.51.100.8"
    for headers in ({"x-real-ip": "198.51.100.7"}, {"forwarded": "for=198.51.100.8"}):
        assert client_address(s, headers, "203.0.113.9") == "203.0.113.9"  # not a trusted proxy: ignored
