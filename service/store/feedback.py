"""Feedback on answers (up/down, a reason, a comment), stored durably for later review and evals.

Feedback must point at an answer the service actually gave, so an unknown answer id is a 404 rather
than a row that can never be joined to anything.
"""

from __future__ import annotations

import time
import uuid

from service.errors import InvalidInput, NotFound
from service.store.conversations import ConversationStore
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


class AnswerNotFound(NotFound):
    code = "answer_not_found"
    message = "未找到该回答，无法提交反馈。"


class FeedbackStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        ConversationStore(db)  # the answers table must exist before feedback references it
        db.executescript(SCHEMA)

    def record(self, answer_id: str, rating: str, reason: str | None, comment: str | None) -> str:
        if rating not in ("up", "down"):
            raise InvalidInput("评价只能是 up 或 down。")
        if reason is not None and reason not in FEEDBACK_REASONS:
            raise InvalidInput(f"反馈原因只能是：{'、'.join(FEEDBACK_REASONS)}。")
        feedback_id = uuid.uuid4().hex
        with self.db.transaction() as c:
            exists = c.execute("SELECT 1 FROM answers WHERE answer_id = ?", (answer_id,)).fetchone()
            if exists is None:
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
