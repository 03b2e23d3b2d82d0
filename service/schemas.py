"""The project's own domain types. Framework objects (langchain, chromadb) never leave ``service/backends``.

Everything else (ingest, retrieval, answering, quizzes, evals, API) speaks these types.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr

DocType = Literal["regulation", "party_regulation", "theory", "news", "other"]


class SourceDoc(BaseModel):
    """A whole source document after loading and cleaning (original text, not normalised)."""

    doc_id: str
    title: str
    text: str
    doc_type: DocType = "other"
    source_path: str | None = None  # where it was loaded from (relative when possible)
    source_root: str | None = None  # the PATH given to `study ingest`, used to detect deletions
    metadata: dict[str, Any] = Field(default_factory=dict)  # issuer, date, version, origin, ...


class Chunk(BaseModel):
    """A retrievable unit. ``text`` is the original text shown to users and quoted in citations.

    ``locator`` is human-readable (``第三十二条``, ``总纲·第3段``, ``总纲·第四点``, ``第2段``); ``article_no`` is the integer
    article number when the chunk belongs to a numbered article, so ``党章第32条`` and ``党章第三十二条``
    find the same chunk. ``part``/``parts`` number the pieces of an article split for length.
    """

    chunk_id: str
    doc_id: str
    title: str
    text: str
    doc_type: DocType = "other"
    chapter_path: list[str] = Field(default_factory=list)  # e.g. ["第五章 党的基层组织"]
    locator: str = ""
    article_no: int | None = None
    paragraph_no: int | None = None
    part: int = 1
    parts: int = 1
    char_start: int = 0  # offset of ``text`` in the SourceDoc text
    metadata: dict[str, Any] = Field(default_factory=dict)


class Hit(BaseModel):
    """One search result (the shape returned by ``study search --json`` and ``POST /v1/search``)."""

    doc_id: str
    title: str
    chunk_id: str
    locator: str
    text: str
    score: float
    doc_type: DocType = "other"
    article_no: int | None = None
    chapter_path: list[str] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict)  # per-leg diagnostics: lexical, dense, lookup


class SearchFilters(BaseModel):
    """Metadata filters accepted by search, ask and quiz scope. All given conditions must hold."""

    doc_ids: list[str] | None = None
    doc_types: list[DocType] | None = None
    # Version model (service/versions/scope.py translates these into doc_ids): the work by title or
    # short name (中国共产党纪律处分条例 / 纪律处分条例), version (2018), status (现行有效/已被修订/已失效/试行).
    works: list[str] | None = None
    versions: list[str] | None = None
    statuses: list[str] | None = None


class DocInfo(BaseModel):
    """A document as the index knows it (no text): for listings, filters and refusals' suggestions."""

    doc_id: str
    title: str
    doc_type: DocType = "other"
    n_chunks: int = 0
    content_hash: str = ""
    source_path: str | None = None
    source_root: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    locator: str
    quote: str  # verbatim source text
    chunk_id: str

    @classmethod
    def from_hit(cls, n: int, hit: Hit, quote: str) -> Citation:
        """The one way answerers cite a retrieved hit: identity from the hit, the quoted span given."""
        return cls(
            n=n, doc_id=hit.doc_id, title=hit.title, locator=hit.locator, quote=quote, chunk_id=hit.chunk_id
        )


class Answer(BaseModel):
    answer: str
    refused: bool
    citations: list[Citation] = Field(default_factory=list)
    conversation_id: str | None = None
    answer_id: str | None = None
    mode: Literal["extractive", "llm", "llm_fallback"] = "extractive"
    notice: str | None = None  # e.g. "大模型暂不可用，以下为原文摘录答案。"
    suggestions: list[str] = Field(default_factory=list)  # nearest covered topics when refused
    flagged: list[str] = Field(default_factory=list)  # sentences removed by citation verification
    timings: dict[str, float] = Field(default_factory=dict)
    curated: bool = False  # True when a curated answer (标注回复, service/curated) was given instead
    # The refusal decision behind this answer (service.rag.refusal.Decision), for the retrieval test;
    # never serialised, never stored.
    _decision: Any = PrivateAttr(default=None)


QuizType = Literal["single", "multiple", "judge", "blank"]


class QuizSource(BaseModel):
    doc_id: str
    title: str
    locator: str
    quote: str
    chunk_id: str | None = None
    chapter: str | None = None  # e.g. "第五章 党的基层组织": lets the question bank list items by chapter


class QuizItem(BaseModel):
    id: str
    type: QuizType
    stem: str
    options: list[str] | None = None  # single/multiple only; letters are implied A, B, C ...
    answer: str | list[str] | bool  # letter(s) for choice, bool for judge, text for blank
    explanation: str
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    source: QuizSource
    generator: str = "rules"
