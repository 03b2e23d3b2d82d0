"""Members' practice records ("练一练"): which approved item a learner answered, when, and whether rightly.

Keyed by a learner id the client keeps (the widget stores a random id in localStorage): members have no
accounts, so the id is what lets a 错题本 and per-topic progress survive reloads and follow a member across
pages of one site. Only the latest answer to an item counts for the 错题本 (answered right later: out of it);
progress counts every answer. Items themselves stay in the question bank; this table keeps ids only.
"""

from __future__ import annotations

import sqlite3
import time

from pydantic import BaseModel

from service.store.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS practice_answers (
    learner TEXT NOT NULL,
    item_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answer_json TEXT NOT NULL,
    answered_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS practice_learner ON practice_answers(learner, answered_at);
"""


class AnswerRecord(BaseModel):
    item_id: str
    doc_id: str
    correct: bool
    answered_at: float


class PracticeStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.executescript(SCHEMA)

    def record(self, learner: str, item_id: str, doc_id: str, correct: bool, answer_json: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO practice_answers (learner, item_id, doc_id, correct, answer_json, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (learner, item_id, doc_id, int(correct), answer_json, time.time()),
            )

    def latest(self, learner: str) -> list[AnswerRecord]:
        """The latest answer of ``learner`` to each item, most recent first."""
        rows = self.db.conn().execute(
            "SELECT item_id, doc_id, correct, MAX(answered_at) AS answered_at FROM practice_answers"
            " WHERE learner = ? GROUP BY item_id ORDER BY answered_at DESC",
            (learner,),
        )
        return [_record(r) for r in rows]

    def counts_by_doc(self, learner: str) -> dict[str, tuple[int, int]]:
        """doc_id -> (answers, right answers) over every answer ``learner`` gave."""
        rows = self.db.conn().execute(
            "SELECT doc_id, COUNT(*) AS n, SUM(correct) AS ok FROM practice_answers WHERE learner = ?"
            " GROUP BY doc_id",
            (learner,),
        )
        return {r["doc_id"]: (int(r["n"]), int(r["ok"] or 0)) for r in rows}


def _record(row: sqlite3.Row) -> AnswerRecord:
    return AnswerRecord(
        item_id=row["item_id"],
        doc_id=row["doc_id"],
        correct=bool(row["correct"]),
        answered_at=row["answered_at"],
    )
