"""SQLite storage of curated answers: the question, the chosen passages and who made it from what.

Passages are stored by chunk id (stable: derived from document id and locator) with the title and locator
seen when the answer was made, so the console can still name a passage whose chunk has since disappeared
(a re-ingest that changed the document); such an answer is *stale* and is never given (see ``compose``).
"""

from __future__ import annotations

import json
import time
import uuid

from pydantic import BaseModel, Field

from service.errors import InvalidInput, NotFound
from service.store.db import Database

MAX_PASSAGES = 10

SCHEMA = """
CREATE TABLE IF NOT EXISTS curated_answers (
    curated_id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    passages_json TEXT NOT NULL,
    source_answer_id TEXT,
    feedback_id TEXT,
    created_by TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
"""


class CuratedNotFound(NotFound):
    code = "curated_not_found"
    message = "未找到该标注回复。"


class PassageRef(BaseModel):
    """One chosen passage: a chunk of the current index, cited with its whole text."""

    chunk_id: str = Field(min_length=1, max_length=200)
    doc_id: str = ""
    title: str = ""
    locator: str = ""


class CuratedInput(BaseModel):
    """What an administrator submits to create or replace a curated answer."""

    question: str = Field(min_length=1, max_length=500, description="标注的问题（学员的原问题）")
    passages: list[PassageRef] = Field(min_length=1, max_length=MAX_PASSAGES, description="选作答案的段落")
    source_answer_id: str | None = Field(default=None, max_length=100, description="由哪条回答的反馈而来")
    feedback_id: str | None = Field(default=None, max_length=100)


class CuratedAnswer(CuratedInput):
    curated_id: str
    created_by: str | None = None
    created_at: float
    updated_at: float


class CuratedStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.executescript(SCHEMA)

    def add(self, data: CuratedInput, created_by: str | None = None) -> CuratedAnswer:
        _check(data)
        now = time.time()
        entry = CuratedAnswer(
            **data.model_dump(),
            curated_id=uuid.uuid4().hex,
            created_by=created_by,
            created_at=now,
            updated_at=now,
        )
        with self.db.transaction() as c:
            c.execute(
                "INSERT INTO curated_answers (curated_id, question, passages_json, source_answer_id, "
                "feedback_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.curated_id,
                    entry.question,
                    _passages_json(entry.passages),
                    entry.source_answer_id,
                    entry.feedback_id,
                    created_by,
                    now,
                    now,
                ),
            )
        return entry

    def update(self, curated_id: str, data: CuratedInput) -> CuratedAnswer:
        _check(data)
        now = time.time()
        with self.db.transaction() as c:
            cur = c.execute(
                "UPDATE curated_answers SET question = ?, passages_json = ?, updated_at = ? WHERE curated_id = ?",
                (data.question.strip(), _passages_json(data.passages), now, curated_id),
            )
            if cur.rowcount == 0:
                raise CuratedNotFound()
        return self.get(curated_id)

    def delete(self, curated_id: str) -> None:
        with self.db.transaction() as c:
            if c.execute("DELETE FROM curated_answers WHERE curated_id = ?", (curated_id,)).rowcount == 0:
                raise CuratedNotFound()

    def get(self, curated_id: str) -> CuratedAnswer:
        row = (
            self.db.conn()
            .execute("SELECT * FROM curated_answers WHERE curated_id = ?", (curated_id,))
            .fetchone()
        )
        if row is None:
            raise CuratedNotFound()
        return _from_row(row)

    def list(self) -> list[CuratedAnswer]:
        rows = self.db.conn().execute("SELECT * FROM curated_answers ORDER BY updated_at DESC").fetchall()
        return [_from_row(r) for r in rows]

    def version(self) -> tuple[int, float]:
        """(count, last change): cheap to read on every question, tells matchers when to reload."""
        row = self.db.conn().execute("SELECT COUNT(*), MAX(updated_at) FROM curated_answers").fetchone()
        return int(row[0]), float(row[1] or 0.0)


def _check(data: CuratedInput) -> None:
    if not data.question.strip():
        raise InvalidInput("标注的问题不能为空。")
    ids = [p.chunk_id for p in data.passages]
    if len(set(ids)) != len(ids):
        raise InvalidInput("同一段落不能重复选择。")


def _passages_json(passages: list[PassageRef]) -> str:
    return json.dumps([p.model_dump() for p in passages], ensure_ascii=False)


def _from_row(row: object) -> CuratedAnswer:
    r = dict(row)  # type: ignore[call-overload]
    return CuratedAnswer(
        curated_id=r["curated_id"],
        question=r["question"],
        passages=[PassageRef(**p) for p in json.loads(r["passages_json"])],
        source_answer_id=r["source_answer_id"],
        feedback_id=r["feedback_id"],
        created_by=r["created_by"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
    )
