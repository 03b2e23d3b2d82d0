"""Feedback on answers (up/down, a reason, a comment), stored durably for review and evals.

Feedback must point at an answer the service actually gave, so an unknown answer id is a 404 rather
than a row that can never be joined to anything. Administrators review it (``review``: the question, the
answer shown and its citations, filtered by rating, reason, date and whether handled) and mark it handled.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from service.errors import InvalidInput, NotFound
from service.schemas import Answer
from service.store.conversations import ConversationStore, owned_by
from service.store.db import Database

FEEDBACK_REASONS = ("引用错误", "答案不完整", "答案错误", "其他")

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    feedback_id TEXT PRIMARY KEY,
    answer_id TEXT NOT NULL REFERENCES answers(answer_id),
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    reason TEXT,
    comment TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_answer ON feedback(answer_id);
"""
# Added for the console's review (issue 16); existing databases get them by ALTER TABLE.
REVIEW_COLUMNS = {"handled_at": "REAL", "handled_by": "TEXT"}
MAX_REVIEW_ROWS = 500


class AnswerNotFound(NotFound):
    code = "answer_not_found"
    message = "未找到该回答，无法提交反馈。"


def day_bounds(since: date | None, until: date | None) -> tuple[float | None, float | None]:
    """UTC calendar days → Unix times [start of ``since``, end of ``until``), for ``review``'s filters."""

    def start(d: date) -> float:
        return datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()

    return (start(since) if since else None, start(until + timedelta(days=1)) if until else None)


class FeedbackNotFound(NotFound):
    code = "feedback_not_found"
    message = "未找到该反馈。"


class FeedbackEntry(BaseModel):
    """One feedback with what it is about: the question and the answer as it was shown."""

    feedback_id: str
    answer_id: str
    rating: str
    reason: str | None = None
    comment: str | None = None
    created_at: float
    handled_at: float | None = None
    handled_by: str | None = None
    question: str
    answer: Answer


class FeedbackStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        ConversationStore(db)  # the answers table must exist before feedback references it
        db.executescript(SCHEMA)
        have = {r[1] for r in db.conn().execute("PRAGMA table_info(feedback)").fetchall()}
        for name, kind in REVIEW_COLUMNS.items():
            if name not in have:
                db.executescript(f"ALTER TABLE feedback ADD COLUMN {name} {kind};")

    def record(
        self,
        answer_id: str,
        rating: str,
        reason: str | None,
        comment: str | None,
        owner: str | None = None,
    ) -> str:
        """Store one vote on ``answer_id``; ``AnswerNotFound`` for an unknown answer or another owner's."""
        if rating not in ("up", "down"):
            raise InvalidInput("评价只能是 up 或 down。")
        if reason is not None and reason not in FEEDBACK_REASONS:
            raise InvalidInput(f"反馈原因只能是：{'、'.join(FEEDBACK_REASONS)}。")
        feedback_id = uuid.uuid4().hex
        with self.db.transaction() as c:
            row = c.execute("SELECT owner FROM answers WHERE answer_id = ?", (answer_id,)).fetchone()
            if row is None or not owned_by(row[0], owner):
                raise AnswerNotFound()
            c.execute(
                "INSERT INTO feedback (feedback_id, answer_id, rating, reason, comment, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (feedback_id, answer_id, rating, reason, comment, time.time()),
            )
        return feedback_id

    def list_for(self, answer_id: str) -> list[dict[str, object]]:
        rows = (
            self.db.conn()
            .execute(
                "SELECT feedback_id, rating, reason, comment, created_at FROM feedback "
                "WHERE answer_id = ? ORDER BY created_at",
                (answer_id,),
            )
            .fetchall()
        )
        return [dict(r) for r in rows]

    def review(
        self,
        *,
        rating: str | None = "down",
        reason: str | None = None,
        since: float | None = None,
        until: float | None = None,
        handled: bool | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[FeedbackEntry], int]:
        """Feedback newest first with its question and answer, and the total matching the filters.

        ``since``/``until`` are Unix times (seconds, ``until`` exclusive); ``handled`` None means both."""
        if reason is not None and reason not in FEEDBACK_REASONS:
            raise InvalidInput(f"反馈原因只能是：{'、'.join(FEEDBACK_REASONS)}。")
        where: list[str] = []
        args: list[Any] = []
        for clause, value in (
            ("f.rating = ?", rating),
            ("f.reason = ?", reason),
            ("f.created_at >= ?", since),
            ("f.created_at < ?", until),
        ):
            if value is not None:
                where.append(clause)
                args.append(value)
        if handled is not None:
            where.append("f.handled_at IS NOT NULL" if handled else "f.handled_at IS NULL")
        sql_where = f"WHERE {' AND '.join(where)}" if where else ""
        conn = self.db.conn()
        total = conn.execute(f"SELECT COUNT(*) FROM feedback f {sql_where}", args).fetchone()[0]
        rows = conn.execute(
            "SELECT f.*, a.question, a.answer_json FROM feedback f JOIN answers a ON a.answer_id = f.answer_id "
            f"{sql_where} ORDER BY f.created_at DESC LIMIT ? OFFSET ?",
            [*args, min(limit, MAX_REVIEW_ROWS), offset],
        ).fetchall()
        entries = []
        for r in rows:
            d = dict(r)
            d["answer"] = Answer.model_validate_json(d.pop("answer_json"))
            entries.append(FeedbackEntry(**d))
        return entries, int(total)

    def exists(self, feedback_id: str) -> bool:
        row = (
            self.db.conn().execute("SELECT 1 FROM feedback WHERE feedback_id = ?", (feedback_id,)).fetchone()
        )
        return row is not None

    def set_handled(self, feedback_id: str, handled: bool, by: str | None) -> None:
        """Mark feedback handled (now, by whom) or open again; ``FeedbackNotFound`` (404) when unknown."""
        with self.db.transaction() as c:
            cur = c.execute(
                "UPDATE feedback SET handled_at = ?, handled_by = ? WHERE feedback_id = ?",
                (time.time() if handled else None, by if handled else None, feedback_id),
            )
            if cur.rowcount == 0:
                raise FeedbackNotFound()
