"""API keys with roles, stored hashed in the shared SQLite database.

WHY this shape: the plaintext key is shown once at creation and never stored. A key looks like
``psa_<id>_<secret>``; the id lets us find the row without scanning every key, and the secret is checked
against ``HMAC-SHA256(per-key salt, secret)`` in constant time, so a leaked database does not reveal usable
keys. Keys live in the same database as feedback and the question bank, so several API replicas sharing one
database see a revocation immediately.

Roles are ordered: ``member`` (ask, search, feedback) < ``trainer`` (+ quizzes, question bank) <
``admin`` (+ ingest, delete, keys). A key may be restricted to browser origins (the widget's public key):
then the request's ``Origin`` header must be one of them, and the key can only be a member key (its
secret is public and ``Origin`` is forgeable outside browsers).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Literal, cast, get_args
from urllib.parse import urlsplit

from service.errors import InvalidInput, NotFound
from service.store.db import Database

Role = Literal["member", "trainer", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
ROLE_RANK: dict[str, int] = {"member": 0, "trainer": 1, "admin": 2}
KEY_PREFIX = "psa"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    salt BLOB NOT NULL,
    secret_hash BLOB NOT NULL,
    origins TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL,
    revoked_at REAL,
    last_used_at REAL
);
"""


class KeyNotFound(NotFound):
    code = "key_not_found"
    message = "未找到该 API 密钥。"


@dataclass(frozen=True)
class ApiKey:
    """A stored key without its secret (what listings and the auth layer see)."""

    id: str
    name: str
    role: Role
    origins: list[str] = field(default_factory=list)
    created_at: float = 0.0
    revoked_at: float | None = None
    last_used_at: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def allows(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    def to_public(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "origins": list(self.origins),
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
            "last_used_at": self.last_used_at,
            "active": self.active,
        }


def _digest(salt: bytes, secret: str) -> bytes:
    return hmac.new(salt, secret.encode("utf-8"), hashlib.sha256).digest()


def normalize_origin(origin: str) -> str:
    """``https://A.example:443/`` and ``https://a.example`` are the same origin (as browsers send it)."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise InvalidInput(f"来源地址格式不正确：{origin!r}（应为 https://域名[:端口]）。")
    try:
        port = parts.port
    except ValueError as exc:
        raise InvalidInput(f"来源地址端口不正确：{origin!r}。") from exc
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


class KeyStore:
    """Create, verify, list and revoke API keys."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.executescript(_SCHEMA)

    def create(self, name: str, role: str, origins: list[str] | None = None) -> tuple[ApiKey, str]:
        """Store a new key and return it with its plaintext (the only time the plaintext exists)."""
        if role not in ROLE_RANK:
            raise InvalidInput(f"未知角色 {role!r}，可选：{'、'.join(ROLES)}。")
        name = name.strip()
        if not name or len(name) > 100:
            raise InvalidInput("密钥名称不能为空，且不超过 100 个字符。")
        clean_origins = sorted({normalize_origin(o) for o in origins or []})
        if clean_origins and role != "member":
            # the secret of an origin-restricted key ships in public pages; Origin is forgeable outside
            # browsers, so such a key may never be more than a member (docs/operations.md)
            raise InvalidInput("限定来源的密钥会公开在网页中，只能是学员（member）角色。")
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        now = time.time()
        with self.db.transaction() as c:
            c.execute(
                "INSERT INTO api_keys (id, name, role, salt, secret_hash, origins, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key_id, name, role, salt, _digest(salt, secret), json.dumps(clean_origins), now),
            )
        key = ApiKey(id=key_id, name=name, role=cast(Role, role), origins=clean_origins, created_at=now)
        return key, f"{KEY_PREFIX}_{key_id}_{secret}"

    def verify(self, plaintext: str) -> ApiKey | None:
        """The active key matching ``plaintext``, or None (unknown, malformed, wrong secret, revoked)."""
        parts = plaintext.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            return None
        _, key_id, secret = parts
        row = (
            self.db.conn()
            .execute("SELECT * FROM api_keys WHERE id = ? AND revoked_at IS NULL", (key_id,))
            .fetchone()
        )
        if row is None or not hmac.compare_digest(_digest(bytes(row["salt"]), secret), row["secret_hash"]):
            return None
        return self._row_to_key(row)

    def issued_here(self, plaintext: str) -> bool:
        """Whether ``plaintext`` names a key this store issued (active or revoked), without checking it."""
        parts = plaintext.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            return False
        row = self.db.conn().execute("SELECT 1 FROM api_keys WHERE id = ?", (parts[1],)).fetchone()
        return row is not None

    def touch(self, key_id: str) -> None:
        """Record use (best effort, for `study keys list`)."""
        with self.db.transaction() as c:
            c.execute("UPDATE api_keys SET last_used_at = ? WHERE id = ?", (time.time(), key_id))

    def list(self, include_revoked: bool = True) -> list[ApiKey]:
        sql = "SELECT * FROM api_keys"
        if not include_revoked:
            sql += " WHERE revoked_at IS NULL"
        rows = self.db.conn().execute(sql + " ORDER BY created_at").fetchall()
        return [self._row_to_key(r) for r in rows]

    def get(self, key_id: str) -> ApiKey:
        row = self.db.conn().execute("SELECT * FROM api_keys WHERE id = ?", (key_id,)).fetchone()
        if row is None:
            raise KeyNotFound()
        return self._row_to_key(row)

    def revoke(self, key_id: str) -> ApiKey:
        with self.db.transaction() as c:
            cur = c.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (time.time(), key_id),
            )
            exists = cur.rowcount or c.execute("SELECT 1 FROM api_keys WHERE id = ?", (key_id,)).fetchone()
        if not exists:
            raise KeyNotFound()
        return self.get(key_id)

    def has_active_keys(self) -> bool:
        row = self.db.conn().execute("SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1").fetchone()
        return row is not None

    @staticmethod
    def _row_to_key(row: object) -> ApiKey:
        r = cast("dict[str, object]", row)
        return ApiKey(
            id=str(r["id"]),
            name=str(r["name"]),
            role=cast(Role, r["role"]),
            origins=list(json.loads(str(r["origins"]))),
            created_at=float(cast(float, r["created_at"])),
            revoked_at=cast("float | None", r["revoked_at"]),
            last_used_at=cast("float | None", r["last_used_at"]),
        )
