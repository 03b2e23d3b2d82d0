"""The question bank: generated items saved for trainers to review, edit and export.

Items keep their content-derived id, so saving the same item twice is a no-op. A new item whose stem is a
near-duplicate of a banked one (character-bigram Jaccard of normalised stems ≥ 0.8) is skipped and reported:
two wordings of the same question in one exam are a defect. A review approves or rejects an item and may
edit it; the previous version is kept in ``history`` with who changed it and when. Edited items pass the
same validators as generated ones, checked against their quoted source.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from typing import Any, Literal

from pydantic import BaseModel, Field

from service.errors import BankItemNotFound, InvalidInput
from service.quiz.items import BLANK, CHOICE_GAP, strip_lead_in
from service.quiz.validate import REASONS, bigram_jaccard, validate_item
from service.schemas import QuizItem
from service.store.db import Database

Status = Literal["pending", "approved", "rejected"]
DUPLICATE_THRESHOLD = 0.8

SCHEMA = """
CREATE TABLE IF NOT EXISTS quiz_bank (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    item_json TEXT NOT NULL,
    norm_stem TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    chapter TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    reviewer TEXT,
    reviewed_at REAL,
    edited_at REAL,
    comment TEXT,
    history_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS quiz_bank_doc ON quiz_bank(doc_id, chapter);
CREATE INDEX IF NOT EXISTS quiz_bank_status ON quiz_bank(status, type);
"""


class BankEntry(BaseModel):
    item: QuizItem
    status: Status = "pending"
    created_at: float
    updated_at: float
    reviewer: str | None = None
    reviewed_at: float | None = None
    edited_at: float | None = None
    comment: str | None = None
    history: list[dict[str, Any]] = Field(default_factory=list)


class Duplicate(BaseModel):
    id: str
    existing_id: str
    similarity: float


class SaveReport(BaseModel):
    saved: list[str] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)


class ItemEdit(BaseModel):
    """What a trainer may change on review; unset fields keep their value."""

    stem: str | None = Field(default=None, min_length=1, max_length=2000)
    options: list[str] | None = Field(default=None, min_length=2, max_length=6)
    answer: str | list[str] | bool | None = None
    explanation: str | None = Field(default=None, max_length=5000)
    difficulty: Literal["easy", "medium", "hard"] | None = None


def normalise_stem(stem: str) -> str:
    """The form compared for near-duplicates: no lead-in, no gap markers, no punctuation or spaces."""
    body = strip_lead_in(stem).replace(BLANK, "").replace(CHOICE_GAP, "")
    return re.sub(r"[\s\W_]+", "", body)


class QuestionBank:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.executescript(SCHEMA)

    # --- writing -----------------------------------------------------------------------------
    def save(self, items: list[QuizItem]) -> SaveReport:
        report = SaveReport()
        with self.db.transaction() as conn:
            existing = [
                (r["id"], r["norm_stem"]) for r in conn.execute("SELECT id, norm_stem FROM quiz_bank")
            ]
            for item in items:
                norm = normalise_stem(item.stem)
                dup = self._near_duplicate(item.id, norm, existing)
                if dup is not None:
                    report.duplicates.append(dup)
                    continue
                now = time.time()
                conn.execute(
                    "INSERT INTO quiz_bank (id, type, item_json, norm_stem, doc_id, chapter, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        item.id,
                        item.type,
                        item.model_dump_json(),
                        norm,
                        item.source.doc_id,
                        item.source.chapter,
                        now,
                        now,
                    ),
                )
                existing.append((item.id, norm))
                report.saved.append(item.id)
        return report

    @staticmethod
    def _near_duplicate(item_id: str, norm: str, existing: list[tuple[str, str]]) -> Duplicate | None:
        best: Duplicate | None = None
        for other_id, other_norm in existing:
            sim = 1.0 if other_id == item_id else bigram_jaccard(norm, other_norm)
            if sim >= DUPLICATE_THRESHOLD and (best is None or sim > best.similarity):
                best = Duplicate(id=item_id, existing_id=other_id, similarity=round(sim, 3))
        return best

    def review(
        self,
        item_id: str,
        decision: Literal["approve", "reject"],
        reviewer: str,
        edits: ItemEdit | None = None,
        comment: str | None = None,
    ) -> BankEntry:
        with self.db.transaction() as conn:
            entry = self._get(conn, item_id)
            now = time.time()
            item = entry.item
            history = entry.history
            edited_at = entry.edited_at
            changes = edits.model_dump(exclude_none=True) if edits else {}
            if changes:
                edited = item.model_copy(update=changes)
                if edited.type in ("judge", "blank"):
                    edited.options = None
                reasons = validate_item(edited, edited.source.quote)
                if reasons:
                    labels = "；".join(REASONS[r] for r in reasons)
                    raise InvalidInput(f"修改后的题目未通过校验：{labels}。", detail={"reasons": reasons})
                prior = item.model_dump(include={"stem", "options", "answer", "explanation", "difficulty"})
                history = [*history, {"previous": prior, "edited_by": reviewer, "edited_at": now}]
                item, edited_at = edited, now
            status: Status = "approved" if decision == "approve" else "rejected"
            conn.execute(
                "UPDATE quiz_bank SET item_json = ?, norm_stem = ?, status = ?, reviewer = ?, reviewed_at = ?,"
                " edited_at = ?, updated_at = ?, comment = ?, history_json = ? WHERE id = ?",
                (
                    item.model_dump_json(),
                    normalise_stem(item.stem),
                    status,
                    reviewer,
                    now,
                    edited_at,
                    now,
                    comment,
                    json.dumps(history, ensure_ascii=False),
                    item_id,
                ),
            )
            return self._get(conn, item_id)

    # --- reading -----------------------------------------------------------------------------
    def get(self, item_id: str) -> BankEntry:
        return self._get(self.db.conn(), item_id)

    def list(
        self,
        *,
        doc_id: str | None = None,
        chapter: str | None = None,
        type: str | None = None,
        status: str | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[BankEntry]:
        where, args = [], []
        for column, value in (("doc_id", doc_id), ("chapter", chapter), ("type", type), ("status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = "SELECT * FROM quiz_bank" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY doc_id, created_at, id LIMIT ? OFFSET ?"
        rows = self.db.conn().execute(sql, [*args, limit, offset]).fetchall()
        return [_entry(r) for r in rows]

    def _get(self, conn: sqlite3.Connection, item_id: str) -> BankEntry:
        row = conn.execute("SELECT * FROM quiz_bank WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise BankItemNotFound()
        return _entry(row)


def _entry(row: sqlite3.Row) -> BankEntry:
    return BankEntry(
        item=QuizItem.model_validate_json(row["item_json"]),
        status=row["status"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        reviewer=row["reviewer"],
        reviewed_at=row["reviewed_at"],
        edited_at=row["edited_at"],
        comment=row["comment"],
        history=json.loads(row["history_json"]),
    )


__all__ = ["BankEntry", "Duplicate", "ItemEdit", "QuestionBank", "SaveReport"]
