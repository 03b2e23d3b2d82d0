"""Log retention: questions, answers, conversations and feedback older than the retention window go.

``settings.log_retention_days`` (``STUDY_LOG_RETENTION_DAYS``, 0 = keep forever) is applied by
``purge_logs``, which ``study logs purge``, ``POST /v1/admin/logs/purge`` and the API's start-up call.
An answer is removed with its feedback and its conversation turn; a conversation goes when no turn is
left. Curated answers are not logs and are kept (they only remember the id of the answer they fixed).
"""

from __future__ import annotations

import time

from pydantic import BaseModel

from service.store.conversations import ConversationStore
from service.store.db import Database
from service.store.feedback import FeedbackStore

DAY_S = 86_400


class PurgeReport(BaseModel):
    retention_days: int
    cutoff: float | None  # Unix time; rows created before it were removed (None: nothing to purge)
    answers: int = 0
    feedback: int = 0
    conversations: int = 0


def purge_logs(db: Database, retention_days: int, now: float | None = None) -> PurgeReport:
    """Delete logs older than ``retention_days`` days (nothing when 0) in one transaction."""
    ConversationStore(db)
    FeedbackStore(db)
    if retention_days <= 0:
        return PurgeReport(retention_days=retention_days, cutoff=None)
    cutoff = (time.time() if now is None else now) - retention_days * DAY_S
    old = "SELECT answer_id FROM answers WHERE created_at < ?"
    with db.transaction() as c:
        feedback = c.execute(
            f"DELETE FROM feedback WHERE created_at < ? OR answer_id IN ({old})", (cutoff, cutoff)
        ).rowcount
        c.execute(f"DELETE FROM conversation_turns WHERE answer_id IN ({old})", (cutoff,))
        answers = c.execute("DELETE FROM answers WHERE created_at < ?", (cutoff,)).rowcount
        conversations = c.execute(
            "DELETE FROM conversations WHERE created_at < ? AND conversation_id NOT IN "
            "(SELECT conversation_id FROM conversation_turns)",
            (cutoff,),
        ).rowcount
    return PurgeReport(
        retention_days=retention_days,
        cutoff=cutoff,
        answers=answers,
        feedback=feedback,
        conversations=conversations,
    )
