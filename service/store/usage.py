"""Usage figures for administrators, from what is already stored (answers and feedback).

Only rows inside the retention window exist (``service.store.retention``), so the figures never reach
further back than ``settings.log_retention_days``.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, Field

from service.store.conversations import ConversationStore
from service.store.db import Database
from service.store.feedback import FeedbackStore

DAY_S = 86_400


class DayCount(BaseModel):
    day: str  # YYYY-MM-DD (UTC)
    questions: int
    refused: int


class RefusedQuestion(BaseModel):
    question: str
    count: int


class UsageStats(BaseModel):
    days: int = Field(description="统计的天数（不超过日志保留天数）")
    since: float
    questions: int
    refused: int
    refusal_rate: float | None
    curated: int
    per_day: list[DayCount]
    top_refused: list[RefusedQuestion]
    feedback: dict[str, int]  # up, down, and down per reason ("down:答案错误")
    retention_days: int


def usage_stats(db: Database, days: int, retention_days: int, now: float | None = None) -> UsageStats:
    """Questions per day, refusals, top refused questions and feedback counts for the last ``days`` days.

    ``days`` is capped at ``retention_days`` when that is set (0 = kept forever). Days are UTC dates."""
    ConversationStore(db)
    FeedbackStore(db)
    now = time.time() if now is None else now
    if retention_days:
        days = min(days, retention_days)
    start_day = datetime.fromtimestamp(now, UTC).date() - timedelta(days=days - 1)
    since = datetime(start_day.year, start_day.month, start_day.day, tzinfo=UTC).timestamp()
    conn = db.conn()
    per_day: dict[str, list[int]] = {(start_day + timedelta(days=i)).isoformat(): [0, 0] for i in range(days)}
    refused_counts: dict[str, int] = {}
    curated = 0
    for row in conn.execute(
        "SELECT question, answer_json, created_at FROM answers WHERE created_at >= ?", (since,)
    ):
        day = datetime.fromtimestamp(row["created_at"], UTC).date().isoformat()
        answer = json.loads(row["answer_json"])
        bucket = per_day.setdefault(day, [0, 0])
        bucket[0] += 1
        if answer.get("refused"):
            bucket[1] += 1
            q = row["question"].strip()
            refused_counts[q] = refused_counts.get(q, 0) + 1
        curated += bool(answer.get("curated"))
    feedback: dict[str, int] = {"up": 0, "down": 0}
    for row in conn.execute(
        "SELECT rating, reason, COUNT(*) AS n FROM feedback WHERE created_at >= ? GROUP BY rating, reason",
        (since,),
    ):
        feedback[row["rating"]] = feedback.get(row["rating"], 0) + row["n"]
        if row["rating"] == "down":
            key = f"down:{row['reason'] or '未说明'}"
            feedback[key] = feedback.get(key, 0) + row["n"]
    questions = sum(v[0] for v in per_day.values())
    refused = sum(v[1] for v in per_day.values())
    top = sorted(refused_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    return UsageStats(
        days=days,
        since=since,
        questions=questions,
        refused=refused,
        refusal_rate=round(refused / questions, 4) if questions else None,
        curated=curated,
        per_day=[DayCount(day=d, questions=v[0], refused=v[1]) for d, v in sorted(per_day.items())],
        top_refused=[RefusedQuestion(question=q, count=n) for q, n in top],
        feedback=feedback,
        retention_days=retention_days,
    )
