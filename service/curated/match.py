"""Which curated answer, if any, a new question asks for: lexical + dense similarity above a threshold.

``similarity`` combines two views of two questions:
- *lexical*: the questions' informative terms (``informative_terms``, the refusal check's terms) found in
  the other question, length-weighted, taken in both directions and the smaller kept, so "党员的义务"
  against "党员的权利" scores 0.5 however similar the rest of the wording is;
- *dense*: cosine similarity of the query embeddings (the retriever's embedder), which tolerates
  paraphrase ("多长时间" / "多久").
The score is their mean. ``DEFAULT_THRESHOLD`` was chosen on the dev sets with
``bench/curated_threshold.py`` (docs/curated.md): the lowest score that matches no pair of different
questions, plus a margin.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from service.backends.base import Embedder, Vector
from service.curated.store import CuratedAnswer, CuratedStore
from service.index.texts import embedding_query
from service.rag.query_terms import char_bigrams, informative_terms
from service.text.normalize import normalize_for_match

DEFAULT_THRESHOLD = 0.9


@dataclass(frozen=True)
class Similarity:
    lexical: float
    dense: float

    @property
    def score(self) -> float:
        return (self.lexical + self.dense) / 2


@dataclass(frozen=True)
class Match:
    curated: CuratedAnswer
    similarity: Similarity


def _covered(terms: list[str], other: str) -> float:
    total = sum(len(t) for t in terms)
    return sum(len(t) for t in terms if t in other) / total if total else 0.0


def lexical_similarity(a: str, b: str) -> float:
    """Two-way length-weighted term overlap in [0, 1]; bigram Jaccard when a question has no terms."""
    na, nb = normalize_for_match(a), normalize_for_match(b)
    ta, tb = informative_terms(a), informative_terms(b)
    if ta and tb:
        return min(_covered(ta, nb), _covered(tb, na))
    ga, gb = char_bigrams(na), char_bigrams(nb)
    return len(ga & gb) / len(ga | gb) if ga | gb else 0.0


def embed_question(embedder: Embedder, question: str) -> Vector:
    return embedder.embed_query(embedding_query(question))


def similarity(a: str, b: str, va: Vector, vb: Vector) -> Similarity:
    dense = float(np.dot(va, vb))
    return Similarity(lexical=lexical_similarity(a, b), dense=max(0.0, min(1.0, dense)))


class CuratedMatcher:
    """Matches questions against the stored curated answers; reloads when the table changes.

    Vectors of curated questions are computed once per change of the table (a handful of embeddings), the
    incoming question's once per call.
    """

    def __init__(self, store: CuratedStore, embedder: Embedder, threshold: float) -> None:
        self.store = store
        self.embedder = embedder
        self.threshold = threshold
        self._lock = threading.Lock()
        self._version: tuple[int, float] | None = None
        self._entries: list[tuple[CuratedAnswer, Vector]] = []

    def _load(self) -> list[tuple[CuratedAnswer, Vector]]:
        version = self.store.version()
        with self._lock:
            if version != self._version:
                entries = self.store.list()
                vectors = [embed_question(self.embedder, e.question) for e in entries]
                self._entries = list(zip(entries, vectors, strict=True))
                self._version = version
            return self._entries

    def best(self, question: str, accept: Callable[[CuratedAnswer], bool] | None = None) -> Match | None:
        """The most similar curated answer scoring at least ``threshold`` (and accepted), else None."""
        entries = self._load()
        if not entries:
            return None
        vq = embed_question(self.embedder, question)
        scored = sorted(
            ((similarity(question, e.question, vq, v), e) for e, v in entries),
            key=lambda p: p[0].score,
            reverse=True,
        )
        for sim, entry in scored:
            if sim.score < self.threshold:
                return None
            if accept is None or accept(entry):
                return Match(entry, sim)
        return None

    def rank(self, question: str) -> list[Match]:
        """Every curated answer with its similarity to ``question``, best first (for the retrieval test)."""
        entries = self._load()
        if not entries:
            return []
        vq = embed_question(self.embedder, question)
        matches = [Match(e, similarity(question, e.question, vq, v)) for e, v in entries]
        return sorted(matches, key=lambda m: m.similarity.score, reverse=True)
