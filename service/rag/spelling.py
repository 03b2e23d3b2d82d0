"""Homophone typo correction of questions against the knowledge base's own vocabulary.

Why: members type with a pinyin input method, so their typos are homophones of the word they meant
("党员的义物有哪些" for 义务, "入党誓辞" for 誓词). Such a question matches nothing lexically and the
refusal check then refuses a question the knowledge base answers (issue 11, item 5). The rule:

- a window of 2–4 characters of the question (question words stripped, matching form) that occurs nowhere
  in the knowledge base's text, or ``LIKELIER`` times less often than a homophone, is a typo candidate
  (windows with question characters such as 几/多/哪 are left alone);
- it is replaced by the most frequent indexed term (lowest BM25 idf) of the same length with the same
  toneless pinyin (``pypinyin``), if there is one; a window that occurs somewhere is never touched, and
  windows are tried longest first so "义物" is fixed once, not piecemeal;
- a window that is a common word in jieba's dictionary (刑法) or that extends to a phrase the knowledge
  base holds (一课 of 三会一课) is not a typo.

Nothing is corrected when the knowledge base has no homophone: a question about something absent stays
absent and is refused as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from service.rag.query_terms import _jieba, strip_question_words
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

    def _attested(self, run: str, i: int, n: int) -> bool:
        """The window with one more character of the question on either side occurs in the knowledge base:
        it is part of a known phrase ("一课" of 三会一课), not a typo."""
        wider = [run[i - 1 : i + n] if i > 0 else "", run[i : i + n + 1] if i + n < len(run) else ""]
        return any(w and w in self.corpus for w in wider)

    def _likelier(self, term: str, window: str) -> bool:
        """The typed window is a typo of ``term``: absent from the knowledge base, or ``LIKELIER`` times
        rarer than ``term`` (义物 occurs inside 主义物质, 义务 hundreds of times)."""
        seen = self.corpus.count(window)
        return seen == 0 or self.corpus.count(term) >= LIKELIER * seen

    def correct(self, question: str) -> str:
        """``question`` with unknown homophone windows replaced (original text kept elsewhere)."""
        from pypinyin import lazy_pinyin

        fixed = question
        for run in strip_question_words(question).split():
            i = 0
            while i < len(run) - 1:
                for n in range(min(MAX_LEN, len(run) - i), MIN_LEN - 1, -1):
                    window = run[i : i + n]
                    if not all("\u4e00" <= ch <= "\u9fff" for ch in window) or set(window) & _QUESTION_CHARS:
                        continue
                    hit = self.by_sound.get((n, " ".join(lazy_pinyin(window))))
                    if hit is None or hit[0] == window or self._attested(run, i, n):
                        continue
                    if self._likelier(hit[0], window) and not _real_word(window, hit[0]):
                        fixed = _replace_matching(fixed, window, hit[0])
                        i += n - 1
                        break
                i += 1
        return fixed


_QUESTION_CHARS = frozenset("几多哪谁怎么啥吗呢吧")
LIKELIER = 20  # how much more often the known word must occur than the typed window (noisy channel)


def _real_word(window: str, term: str) -> bool:
    """The window is a word of its own in jieba's dictionary, not much rarer than ``term`` (刑法 is not a typo
    of 刑罚; 誓辞, a rare variant, is one of 誓词)."""
    jieba = _jieba()
    jieba.initialize()
    freq_w = jieba.get_FREQ(window) or 0
    return bool(freq_w >= 10 and freq_w * 10 >= (jieba.get_FREQ(term) or 0))


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
