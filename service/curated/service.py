"""``CuratedAnswers``: the one entry point the answerer, the API routes and the CLI use.

It checks passages against the current index when an answer is created or edited (unknown chunk → 404,
title and locator filled in from the index), lists answers with whether they are still current, and finds
the curated answer for a question (``answer_for``) when ``settings.curated_enabled``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from service.backends.base import Embedder
from service.config import Settings
from service.curated.compose import compose_curated, passage_hits
from service.curated.match import CuratedMatcher, Match
from service.curated.store import CuratedAnswer, CuratedInput, CuratedStore, PassageRef
from service.index.generations import IndexManager
from service.schemas import Answer, Hit
from service.store.db import Database
from service.store.feedback import FeedbackNotFound, FeedbackStore


class CuratedListing(BaseModel):
    curated: CuratedAnswer
    stale: bool  # a chosen passage is no longer in the index: the answer is not given


@dataclass
class CuratedResult:
    answer: Answer
    hits: list[Hit]
    match: Match


class CuratedAnswers:
    def __init__(self, settings: Settings, db: Database, embedder: Embedder, index_manager: IndexManager):
        self.settings = settings
        self.store = CuratedStore(db)
        self.index_manager = index_manager
        self.matcher = CuratedMatcher(self.store, embedder, settings.curated_threshold)

    def _resolved(self, data: CuratedInput) -> CuratedInput:
        """``data`` with each passage's document, title and locator read from the current index."""
        index = self.index_manager.current()
        passages = []
        for p in data.passages:
            chunk = index.chunk(p.chunk_id)  # ChunkNotFound (404) for an unknown passage
            passages.append(
                PassageRef(
                    chunk_id=chunk.chunk_id, doc_id=chunk.doc_id, title=chunk.title, locator=chunk.locator
                )
            )
        return data.model_copy(update={"question": data.question.strip(), "passages": passages})

    def create(self, data: CuratedInput, created_by: str | None = None) -> CuratedAnswer:
        """Store a curated answer; the feedback it answers (``feedback_id``) is marked handled."""
        feedback = FeedbackStore(self.store.db)
        if data.feedback_id and not feedback.exists(data.feedback_id):
            raise FeedbackNotFound()
        created = self.store.add(self._resolved(data), created_by)
        if data.feedback_id:
            feedback.set_handled(data.feedback_id, True, created_by)
        return created

    def update(self, curated_id: str, data: CuratedInput) -> CuratedAnswer:
        self.store.get(curated_id)  # 404 before checking passages
        return self.store.update(curated_id, self._resolved(data))

    def delete(self, curated_id: str) -> None:
        self.store.delete(curated_id)

    def get(self, curated_id: str) -> CuratedAnswer:
        return self.store.get(curated_id)

    def listing(self) -> list[CuratedListing]:
        index = self.index_manager.current()
        return [
            CuratedListing(curated=c, stale=passage_hits(index, c.passages) is None)
            for c in self.store.list()
        ]

    def version(self) -> tuple[int, float]:
        """Changes whenever a curated answer is added, edited or removed (``CuratedStore.version``)."""
        return self.store.version()

    def answer_for(self, question: str) -> CuratedResult | None:
        """The curated answer for ``question`` (verified, ``curated=True``), or None to answer normally."""
        if not self.settings.curated_enabled:
            return None
        index = self.index_manager.current()
        composed: dict[str, tuple[Answer, list[Hit]] | None] = {}

        def usable(c: CuratedAnswer) -> bool:
            composed[c.curated_id] = compose_curated(c, index)
            return composed[c.curated_id] is not None

        match = self.matcher.best(question, accept=usable)
        if match is None:
            return None
        result = composed[match.curated.curated_id]
        assert result is not None
        return CuratedResult(answer=result[0], hits=result[1], match=match)
