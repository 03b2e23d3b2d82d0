"""Conversations, their turns and every answer given, in SQLite so history survives restarts.

Answers are stored on their own (``answers``) because feedback refers to an answer id whether or not the
answer belonged to a conversation (OpenAI-style chat completions carry their history in the request).
A turn keeps what the follow-up rewriter needs: the question as asked, the question as resolved, and the
topic it was about (document, article, key terms).

Ownership: a conversation and each answer record the ``owner`` that created them (the API key's id; None
for the key-less local and anonymous modes). Continuing a conversation or voting on an answer as another
owner is answered exactly like an unknown id (404), so ids cannot be probed across keys. Rows from before
ownership existed (owner NULL) stay open to any caller, as they were.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass, field

from service.errors import ConversationNotFound
from service.schemas import Answer
from service.store.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    conversation_id TEXT PRIMARY KEY,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    answer_id TEXT PRIMARY KEY,
    conversation_id TEXT REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS conversation_turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    turn_no INTEGER NOT NULL,
    question TEXT NOT NULL,
    resolved_question TEXT NOT NULL,
    topic_json TEXT NOT NULL,
    answer_id TEXT NOT NULL REFERENCES answers(answer_id),
    created_at REAL NOT NULL,
    PRIMARY KEY (conversation_id, turn_no)
);
"""


@dataclass
class Topic:
    """What a turn was about, carried into follow-ups ("它的要求是什么", "这一条呢", "第五条呢")."""

    terms: list[str] = field(default_factory=list)  # informative terms of the resolved question
    doc_id: str | None = None
    doc_title: str | None = None
    article_no: int | None = None
    locator: str | None = None
    chunk_ids: list[str] = field(default_factory=list)  # chunks cited by the answer

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Topic:
        data = json.loads(raw)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class Turn:
    question: str
    resolved_question: str
    topic: Topic
    answer_id: str | None = None


OWNER_COLUMNS = (("conversations", "owner"), ("answers", "owner"))


def owned_by(row_owner: str | None, owner: str | None) -> bool:
    """Whether a row created by ``row_owner`` may be used by ``owner`` (unowned rows by anyone)."""
    return row_owner is None or row_owner == owner


class ConversationStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.executescript(SCHEMA)
        for table, column in OWNER_COLUMNS:  # databases from before ownership get the column
            have = {r[1] for r in db.conn().execute(f"PRAGMA table_info({table})").fetchall()}
            if column not in have:
                db.executescript(f"ALTER TABLE {table} ADD COLUMN {column} TEXT;")

    def create(self, owner: str | None = None) -> str:
        conversation_id = uuid.uuid4().hex
        with self.db.transaction() as c:
            c.execute(
                "INSERT INTO conversations (conversation_id, created_at, owner) VALUES (?, ?, ?)",
                (conversation_id, time.time(), owner),
            )
        return conversation_id

    def exists(self, conversation_id: str, owner: str | None = None) -> bool:
        row = (
            self.db.conn()
            .execute("SELECT owner FROM conversations WHERE conversation_id = ?", (conversation_id,))
            .fetchone()
        )
        return row is not None and owned_by(row[0], owner)

    def turns(self, conversation_id: str, owner: str | None = None) -> list[Turn]:
        """All turns, oldest first. Raises ``ConversationNotFound`` (404) for an unknown id or one that
        another owner created."""
        if not self.exists(conversation_id, owner):
            raise ConversationNotFound()
        rows = (
            self.db.conn()
            .execute(
                "SELECT question, resolved_question, topic_json, answer_id FROM conversation_turns "
                "WHERE conversation_id = ? ORDER BY turn_no",
                (conversation_id,),
            )
            .fetchall()
        )
        return [Turn(r[0], r[1], Topic.from_json(r[2]), r[3]) for r in rows]

    def save_answer(self, answer: Answer, question: str, owner: str | None = None) -> None:
        """Store an answer outside any conversation (it can still receive feedback)."""
        assert answer.answer_id
        with self.db.transaction() as c:
            c.execute(
                "INSERT INTO answers (answer_id, conversation_id, question, answer_json, created_at, owner) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    answer.answer_id,
                    answer.conversation_id,
                    question,
                    answer.model_dump_json(),
                    time.time(),
                    owner,
                ),
            )

    def start(self, turn: Turn, answer: Answer, owner: str | None = None) -> str:
        """A new conversation holding its first turn, created in one transaction (one commit instead of two
        per first question: under load each commit's fsync is most of a cached answer's cost, issue 17).
        Sets ``answer.conversation_id``; returns the new id."""
        conversation_id = uuid.uuid4().hex
        answer.conversation_id = conversation_id
        with self.db.transaction() as c:
            c.execute(
                "INSERT INTO conversations (conversation_id, created_at, owner) VALUES (?, ?, ?)",
                (conversation_id, time.time(), owner),
            )
            self._insert_turn(c, conversation_id, turn, answer, owner)
        return conversation_id

    def add_turn(self, conversation_id: str, turn: Turn, answer: Answer, owner: str | None = None) -> None:
        """Store the answer and the turn atomically; the turn number is the next free one."""
        with self.db.transaction() as c:
            self._insert_turn(c, conversation_id, turn, answer, owner)

    @staticmethod
    def _insert_turn(
        c: sqlite3.Connection, conversation_id: str, turn: Turn, answer: Answer, owner: str | None
    ) -> None:
        assert answer.answer_id
        c.execute(
            "INSERT INTO answers (answer_id, conversation_id, question, answer_json, created_at, owner) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                answer.answer_id,
                conversation_id,
                turn.question,
                answer.model_dump_json(),
                time.time(),
                owner,
            ),
        )
        row = c.execute(
            "SELECT COALESCE(MAX(turn_no), 0) + 1 FROM conversation_turns WHERE conversation_id = ?",
            (conversation_id,),
        ).fetchone()
        c.execute(
            "INSERT INTO conversation_turns (conversation_id, turn_no, question, resolved_question, "
            "topic_json, answer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                conversation_id,
                int(row[0]),
                turn.question,
                turn.resolved_question,
                turn.topic.to_json(),
                answer.answer_id,
                time.time(),
            ),
        )

    def answer(self, answer_id: str) -> Answer | None:
        row = (
            self.db.conn()
            .execute("SELECT answer_json FROM answers WHERE answer_id = ?", (answer_id,))
            .fetchone()
        )
        return None if row is None else Answer.model_validate_json(row[0])
