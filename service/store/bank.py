"""The question bank: generated items saved for trainers to review, edit and export.

Items keep their content-derived id, so saving the same item twice is a no-op. A new item is a duplicate of a
banked one when it asks the same question: near-identical stems (character-bigram Jaccard of normalised
stems ≥ 0.8) *and* the same key (the correct answer texts, whatever the letters) *and*, when both have
options, mostly the same options (Jaccard ≥ 0.5). Two "下列表述符合原文的有（　）" items over different
statements share a stem but not their options or keys: both are kept (issue 15). Duplicates are skipped and
reported: two wordings of the same question in one exam are a defect. ``review_many`` approves or rejects
several items at once (``study bank review --approve-all``, ``POST /v1/bank/review``). A review approves or rejects an item and may
edit it; the previous version is kept in ``history`` with who changed it and when. Edited items pass the
same validators as generated ones, checked against their quoted source.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

from service.errors import BankItemNotFound, InvalidInput
from service.quiz.export import ExportFormat, ExportResult, export_selection
from service.quiz.items import BLANK, CHOICE_GAP, LETTERS, answer_letters, strip_lead_in
from service.quiz.validate import REASONS, bigram_jaccard, validate_item
from service.schemas import QuizItem
from service.store.db import Database

Status = Literal["pending", "approved", "rejected"]
DUPLICATE_THRESHOLD = 0.8
OPTIONS_OVERLAP = 0.5

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


class InvalidItem(BaseModel):
    id: str
    reasons: list[str]  # validator codes (``service.quiz.validate.REASONS``)


class SaveReport(BaseModel):
    saved: list[str] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)
    invalid: list[InvalidItem] = Field(default_factory=list)


class ItemEdit(BaseModel):
    """What a trainer may change on review; unset fields keep their value."""

    stem: str | None = Field(default=None, min_length=1, max_length=2000)
    options: list[str] | None = Field(default=None, min_length=2, max_length=6)
    answer: str | list[str] | bool | None = None
    explanation: str | None = Field(default=None, max_length=5000)
    difficulty: Literal["easy", "medium", "hard"] | None = None


def _norm_text(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)


def key_texts(item: QuizItem) -> frozenset[str]:
    """The correct answer(s) as normalised text: option texts for choices, 正确/错误, the blank's answer."""
    if item.type in ("single", "multiple") and item.options:
        letters = answer_letters(item.answer)
        return frozenset(
            _norm_text(item.options[LETTERS.index(ch)])
            for ch in letters
            if LETTERS.index(ch) < len(item.options)
        )
    if isinstance(item.answer, bool):
        return frozenset({"正确" if item.answer else "错误"})
    return frozenset({_norm_text(str(item.answer))})


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def same_question(a: QuizItem, b: QuizItem) -> float:
    """How surely ``a`` and ``b`` ask the same question (0 when they do not): stem similarity, provided
    the keys agree and, when both have options, the options mostly agree."""
    sim = bigram_jaccard(normalise_stem(a.stem), normalise_stem(b.stem))
    if sim < DUPLICATE_THRESHOLD or key_texts(a) != key_texts(b):
        return 0.0
    if a.options and b.options:
        opts_a = frozenset(_norm_text(o) for o in a.options)
        opts_b = frozenset(_norm_text(o) for o in b.options)
        if _jaccard(opts_a, opts_b) < OPTIONS_OVERLAP:
            return 0.0
    return sim


def normalise_stem(stem: str) -> str:
    """The form compared for near-duplicates: no lead-in, no gap markers, no punctuation or spaces."""
    body = strip_lead_in(stem).replace(BLANK, "").replace(CHOICE_GAP, "")
    return re.sub(r"[\s\W_]+", "", body)


class QuestionBank:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.executescript(SCHEMA)

    # --- writing -----------------------------------------------------------------------------
    def save(
        self, items: list[QuizItem], source_text: Callable[[QuizItem], str | None] | None = None
    ) -> SaveReport:
        """Bank ``items`` as pending; near-duplicates of banked items are skipped and reported.

        With ``source_text`` (``service.index.sources.item_sources(index)``: the passage each item's source
        points at) every item is validated against it first and an invalid one is reported, not saved: the
        API (``POST /v1/bank``) and the CLI (``study quiz --save``) both save this way."""
        report = SaveReport()
        if source_text is not None:
            checked: list[QuizItem] = []
            for item in items:
                reasons = validate_item(item, source_text(item))
                if reasons:
                    report.invalid.append(InvalidItem(id=item.id, reasons=reasons))
                else:
                    checked.append(item)
            items = checked
        with self.db.transaction() as conn:
            existing = [
                (r["id"], QuizItem.model_validate_json(r["item_json"]))
                for r in conn.execute("SELECT id, item_json FROM quiz_bank")
            ]
            for item in items:
                norm = normalise_stem(item.stem)
                dup = self._near_duplicate(item, existing)
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
                existing.append((item.id, item))
                report.saved.append(item.id)
        return report

    @staticmethod
    def _near_duplicate(item: QuizItem, existing: list[tuple[str, QuizItem]]) -> Duplicate | None:
        best: Duplicate | None = None
        for other_id, other in existing:
            sim = 1.0 if other_id == item.id else same_question(item, other)
            if sim >= DUPLICATE_THRESHOLD and (best is None or sim > best.similarity):
                best = Duplicate(id=item.id, existing_id=other_id, similarity=round(sim, 3))
        return best

    def review_many(
        self,
        decision: Literal["approve", "reject"],
        reviewer: str,
        *,
        ids: list[str] | None = None,
        all_pending: bool = False,
    ) -> list[str]:
        """Approve or reject several items at once: the given ``ids`` (all must exist, else
        ``BankItemNotFound`` naming the missing ones and nothing changes) or every pending item.
        Returns the ids updated, in the order given (bank order for ``all_pending``)."""
        status: Status = "approved" if decision == "approve" else "rejected"
        with self.db.transaction() as conn:
            if all_pending:
                rows = conn.execute(
                    "SELECT id FROM quiz_bank WHERE status = 'pending' ORDER BY doc_id, created_at, id"
                ).fetchall()
                targets = [r["id"] for r in rows]
            else:
                targets = list(dict.fromkeys(ids or []))
                known = (
                    {
                        r["id"]
                        for r in conn.execute(
                            f"SELECT id FROM quiz_bank WHERE id IN ({','.join('?' * len(targets))})", targets
                        )
                    }
                    if targets
                    else set()
                )
                missing = [i for i in targets if i not in known]
                if missing:
                    raise BankItemNotFound(
                        f"题库中没有这些题目：{'、'.join(missing[:10])}", detail={"missing": missing}
                    )
            now = time.time()
            conn.executemany(
                "UPDATE quiz_bank SET status = ?, reviewer = ?, reviewed_at = ?, updated_at = ? WHERE id = ?",
                [(status, reviewer, now, now, i) for i in targets],
            )
        return targets

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

    def export(
        self,
        fmt: ExportFormat,
        *,
        status: str | None = "approved",
        doc_id: str | None = None,
        type: str | None = None,
    ) -> ExportResult:
        """Export the items with ``status`` (None: all) under the filters; items the filters select but
        the status leaves out are reported as ``not_approved``. Raises ``NothingToExport`` when empty."""
        selected = self.list(doc_id=doc_id, type=type, limit=1_000_000)
        kept = [e.item for e in selected if status is None or e.status == status]
        unapproved = len(selected) - len(kept) if status == "approved" else 0
        return export_selection(kept, fmt, unapproved=unapproved)

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
