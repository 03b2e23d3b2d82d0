"""Which curated answer, if any, a new question asks for: lexical + dense similarity above a threshold.

``similarity`` combines two views of two questions:
- *lexical*, the mean of
  - term overlap: the questions' informative terms (``informative_terms``, the refusal check's terms)
    found in the other question, length-weighted, both directions, the smaller kept, so "党支部委员会
    每届任期几年" against "村民委员会每届任期几年" loses on the subject however alike the rest is;
  - bigram Dice of the whole questions without particles and punctuation, which keeps what the terms drop:
    the question's focus ("预备期是多长时间" is not "预备期从什么时候算起");
- *dense*: cosine similarity of the query embeddings (the retriever's embedder), which tolerates
  paraphrase ("多长时间" / "多久") but on its own rates nearly every pair about one topic above 0.9.
The score is the mean of lexical and dense. The threshold (``settings.curated_threshold``, 0.88) was chosen
on the dev set with ``bench/curated_threshold.py`` (docs/curated.md): the highest score of two different
questions (0.860) plus a margin of 0.02. Precision first: a wrong curated answer is worse than a normal
one, so rewordings far from the curated question are left to normal answering.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from service.backends.base import Embedder, Vector
from service.curated.store import CuratedAnswer, CuratedStore
from service.index.texts import embedding_query
from service.rag.query_terms import informative_terms
from service.text.normalize import normalize_for_match

_FILLERS_RE = re.compile(r"[的了吗呢啊呀吧是有\W_]+")


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


def _bigrams(normalized: str) -> set[str]:
    text = _FILLERS_RE.sub("", normalized)
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def lexical_similarity(a: str, b: str) -> float:
    """Mean of two-way term overlap and bigram Dice, in [0, 1] (see the module docstring)."""
    na, nb = normalize_for_match(a), normalize_for_match(b)
    ga, gb = _bigrams(na), _bigrams(nb)
    dice = 2 * len(ga & gb) / (len(ga) + len(gb))
    ta, tb = informative_terms(a), informative_terms(b)
    terms = min(_covered(ta, nb), _covered(tb, na)) if ta and tb else dice
    return (terms + dice) / 2


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
