"""Homophone typo correction of questions against the knowledge base's own vocabulary.

Why: members type with a pinyin input method, so their typos are homophones of the word they meant
("党员的义物有哪些" for 义务, "入党誓辞" for 誓词). Such a question matches nothing lexically and the
refusal check then refuses a question the knowledge base answers (issue 11, item 5). The rule:

- a window of 2–4 characters of the question (question words stripped, matching form) that occurs nowhere
  in the knowledge base's text is a typo candidate;
- it is replaced by the most frequent indexed term (lowest BM25 idf) of the same length with the same
  toneless pinyin (``pypinyin``), if there is one; a window that occurs somewhere is never touched, and
  windows are tried longest first so "义物" is fixed once, not piecemeal.

Nothing is corrected when the knowledge base has no homophone: a question about something absent stays
absent and is refused as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from service.rag.query_terms import strip_question_words
from service.text.normalize import normalize_for_match

MIN_LEN, MAX_LEN = 2, 4


@dataclass
class Speller:
    """Homophone lookup built once per index generation."""

    corpus: str  # all chunk texts in matching form, joined by newlines
    by_sound: dict[tuple[int, str], tuple[str, float]]  # (length, toneless pinyin) → (term, idf)

    @classmethod
    def build(cls, corpus: str, idf: Mapping[str, float]) -> Speller:
        from pypinyin import lazy_pinyin

        by_sound: dict[tuple[int, str], tuple[str, float]] = {}
        for term, weight in idf.items():
            if not MIN_LEN <= len(term) <= MAX_LEN or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
                continue
            key = (len(term), " ".join(lazy_pinyin(term)))
            best = by_sound.get(key)
            if best is None or weight < best[1]:
                by_sound[key] = (term, weight)
        return cls(corpus, by_sound)

    def correct(self, question: str) -> str:
        """``question`` with unknown homophone windows replaced (original text kept elsewhere)."""
        from pypinyin import lazy_pinyin

        fixed = question
        for run in strip_question_words(question).split():
            i = 0
            while i < len(run) - 1:
                for n in range(min(MAX_LEN, len(run) - i), MIN_LEN - 1, -1):
                    window = run[i : i + n]
                    if not all("\u4e00" <= ch <= "\u9fff" for ch in window) or window in self.corpus:
                        continue
                    hit = self.by_sound.get((n, " ".join(lazy_pinyin(window))))
                    if hit is not None and hit[0] != window:
                        fixed = _replace_matching(fixed, window, hit[0])
                        i += n - 1
                        break
                i += 1
        return fixed


def _replace_matching(question: str, window: str, term: str) -> str:
    """Replace ``window`` (matching form) in ``question``, which may be in traditional script."""
    if window in question:
        return question.replace(window, term)
    norm = normalize_for_match(question)
    if len(norm) == len(question) and window in norm:
        k = norm.index(window)
        return question[:k] + term + question[k + len(window) :]
    return question


def speller_for_index(index: object) -> Speller | None:
    """The ``Speller`` of a ``KnowledgeIndex`` (cached per generation), or None when it has no lexical index."""
    return _cached(index)


@lru_cache(maxsize=4)
def _cached(index: object) -> Speller | None:
    lexical = getattr(index, "lexical", None)
    chunks = getattr(index, "chunks", None)
    if lexical is None or chunks is None:
        return None
    vocab: Mapping[str, int] = getattr(lexical, "vocab", {})
    idf = getattr(lexical, "idf", None)
    if idf is None:
        return None
    weights = {term: float(idf[col]) for term, col in vocab.items()}
    corpus = "\n".join(normalize_for_match(c.text) for c in chunks())
    return Speller.build(corpus, weights)
