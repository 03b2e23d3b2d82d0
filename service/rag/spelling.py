"""Homophone typo correction of questions against the knowledge base's own vocabulary.

Why: members type with a pinyin input method, so their typos are homophones of the word they meant
("党员的义物有哪些" for 义务, "入党誓辞" for 誓词). Such a question matches nothing lexically and the
refusal check then refuses a question the knowledge base answers (issue 11, item 5). The rule:

- a word of 2–4 characters of the question (jieba tokens, or runs of single characters jieba could not
  attach; question words stripped, matching form) that occurs nowhere in the knowledge base's text, or
  ``LIKELIER`` times less often than a homophone, is a typo candidate (words with question characters such
  as 几/多/哪 are left alone);
- it is replaced by the most frequent indexed term (lowest BM25 idf) of the same length with the same
  toneless pinyin (``pypinyin``), if there is one; a window that occurs somewhere is never touched;
- a typo is a slip of one character in two (``MAX_SLIP_SHARE``): 义物 → 义务, 三会一客 → 三会一课, 留党查看 → 留党察看.
  A homophone that shares no character with the typed word is another word the member meant, not a slip
  ("石马村是怎么变好的" never becomes 编号: the member wrote 变好, "got better"); and
- a word common in jieba's dictionary (刑法, 省里) is not a typo.

Nothing is corrected when the knowledge base has no homophone: a question about something absent stays
absent and is refused as before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from service.rag.query_terms import _jieba, strip_question_words
from service.text.normalize import normalize_for_match

MIN_LEN, MAX_LEN = 2, 4


@dataclass
class Speller:
    """Homophone lookup built once per index generation."""

    corpus: str  # all chunk texts in matching form, joined by newlines
    # (length, toneless pinyin) → every indexed term with that sound, most frequent (lowest idf) first (权利, 权力)
    homophones: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    # (length, near sound: ``near_sound``) → the indexed terms with that near sound, most frequent first (介绍 for 介召)
    near: dict[tuple[int, str], list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, corpus: str, idf: Mapping[str, float]) -> Speller:
        from pypinyin import lazy_pinyin

        sounds: dict[tuple[int, str], list[tuple[float, str]]] = {}
        near: dict[tuple[int, str], list[tuple[float, str]]] = {}
        for term, weight in idf.items():
            if not MIN_LEN <= len(term) <= MAX_LEN or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
                continue
            sounds.setdefault((len(term), " ".join(lazy_pinyin(term))), []).append((weight, term))
            near.setdefault((len(term), near_sound(term)), []).append((weight, term))
        return cls(
            corpus,
            {k: [t for _, t in sorted(v)] for k, v in sounds.items()},
            {k: [t for _, t in sorted(v)] for k, v in near.items()},
        )

    def _meant(self, window: str, near_ok: bool = False) -> str | None:
        """The indexed term a typed ``window`` is a slip of: the most frequent homophone that is a slip
        (``is_slip``), else, when ``near_ok`` (the window is one jieba word) and the knowledge base never writes the
        window, the most frequent term of near sound (``near_sound``: 介召 → 介绍, zh/sh) differing in one character
        that is no function character; None when there is neither. Runs of single characters ("县有", "说有") are
        two words, whose near sounds (享有, 所有) are other words."""
        from pypinyin import lazy_pinyin

        sounds = self.homophones.get((len(window), " ".join(lazy_pinyin(window))), [])
        hit = next((t for t in sounds if is_slip(window, t)), None)
        if hit is not None or not near_ok or self.corpus.count(window) or set(window) & _FUNCTION_CHARS:
            return hit
        near = self.near.get((len(window), near_sound(window)), [])
        return next((t for t in near if _one_slip(window, t)), None)

    def _strays(self, text: str, question: str) -> list[tuple[str, str]]:
        """Typos jieba split off as a stray character: a single character (not a function or question character)
        after a word of two characters or more, whose pair with that word's last character the knowledge base
        never writes ("最高处" + "份" → 处份), as ``(window, term)`` when the pair is a slip of an indexed term
        (``_meant``: 处分) that, put back in the word, the knowledge base writes (最高处分). ``question`` is in
        matching form."""
        out: list[tuple[str, str]] = []
        tokens = _jieba().lcut(text)
        for word, stray in itertools.pairwise(tokens):
            if (
                len(stray) != 1
                or len(word) < 2
                or not all("\u4e00" <= ch <= "\u9fff" for ch in word + stray)
                or stray in _FUNCTION_CHARS
                or stray in _QUESTION_CHARS
                or stray == "的"
            ):
                continue
            window = word[-1] + stray
            if window not in question or self.corpus.count(window) or _real_word(window):
                continue
            term = self._meant(window)
            if term is not None and self.corpus.count(word[:-1] + term):
                out.append((window, term))
        return out

    def _in_frame(self, window: str, before: str) -> str | None:
        """The homophone of ``window`` (a word the knowledge base has) that the question's frame calls for, or
        None: "党员的权力有哪些" → 权利, because the knowledge base writes 党员的权利 / 党员权利 (34 times) and never
        党员的权力 / 党员权力. The frame is the word before ``window`` (``before``, at least two characters),
        with or without 的; the homophone must stand in it at least ``FRAME_MIN`` times and ``window`` never."""
        from pypinyin import lazy_pinyin

        before, window = normalize_for_match(before), normalize_for_match(window)
        if len(before) < 2:
            return None
        terms = self.homophones.get((len(window), " ".join(lazy_pinyin(window))), [])

        def framed(term: str) -> int:
            return self.corpus.count(before + term) + self.corpus.count(f"{before}的{term}")

        if len(terms) < 2 or framed(window):  # a sound with one indexed term offers no other word
            return None
        return next((t for t in terms if t != window and is_slip(window, t) and framed(t) >= FRAME_MIN), None)

    def _likelier(self, term: str, window: str) -> bool:
        """The typed window is a typo of ``term``: absent from the knowledge base, or ``LIKELIER`` times
        rarer than ``term`` (义物 occurs inside 主义物质, 义务 hundreds of times)."""
        seen = self.corpus.count(window)
        return seen == 0 or self.corpus.count(term) >= LIKELIER * seen

    def _joined(self, words: list[tuple[str, str]], question: str) -> list[tuple[str, str]]:
        """Windows of two adjacent candidate words (at most ``MAX_LEN`` characters) of which one occurs nowhere
        in the knowledge base: a one-character slip inside a fixed term splits it where jieba cannot see the term
        ("三会一客" → 三会 + 一客, meant 三会一课; trial 4, D). ``question`` is in matching form; each window
        comes with no previous word."""
        out: list[tuple[str, str]] = []
        for window, previous in words:
            joined = previous + window
            if (
                previous
                and len(joined) <= MAX_LEN
                and joined in question
                and (self.corpus.count(window) == 0 or self.corpus.count(previous) == 0)
            ):
                out.append((joined, ""))
        return out

    def _mends_quote(self, quotes: list[str], window: str, term: str) -> bool:
        """Whether putting ``term`` for the typed ``window`` in a quotation of the question that the knowledge base
        never writes makes one it writes verbatim ("艰苦扑素" → 艰苦朴素, holdout8): a quoted phrase the member
        copies with a slip. A quotation the knowledge base writes, or one it writes neither way ("四自"), is kept as
        typed."""
        return any(
            window in q and not self.corpus.count(q) and self.corpus.count(q.replace(window, term))
            for q in quotes
        )

    def correct(self, question: str) -> str:
        """``question`` with unknown homophone words replaced (original text kept elsewhere)."""

        fixed = question
        quotes = re.findall(r"[“「\"]([^”」\"]+)[”」\"]", normalize_for_match(question))
        quoted = "".join(q for q in quotes if self.corpus.count(q))
        stripped = strip_question_words(question)
        words = _candidate_words(stripped)
        tokens = set(_jieba().lcut(stripped))
        for window, previous in [*words, *self._joined(words, normalize_for_match(question))]:
            if (
                set(window) & _QUESTION_CHARS
                or window in quoted
                or window in MODERN_WORDS
                or _COUNT_WORD_RE.fullmatch(window)
            ):
                continue  # a term in quotes ("四自") is written as meant; a count (哪一版) is no typo of 一般
            # the most frequent homophone that is a slip of the window: "变好" is no slip of 编号 (every character
            # differs); a near sound for a window the knowledge base never writes (介召 → 介绍)
            hit = self._meant(window, near_ok=window in tokens)
            if any(window in q for q in quotes):
                # a quotation the knowledge base never writes: only a slip that makes it one it writes is mended
                if hit is not None and self._mends_quote(quotes, window, hit):
                    fixed = _replace_matching(fixed, window, hit)
                continue
            unknown = hit is not None and self._likelier(hit, window)
            if hit is not None and unknown and not _real_word(window):
                fixed = _replace_matching(fixed, window, hit)
            elif (meant := self._in_frame(window, previous)) is not None:
                # a real word, but not the one the frame takes (党员的权力 → 党员的权利)
                fixed = _replace_matching(fixed, window, meant)
        for window, term in self._strays(normalize_for_match(stripped), normalize_for_match(question)):
            if not any(window in q for q in quotes) or self._mends_quote(quotes, window, term):
                fixed = _replace_matching(fixed, window, term)  # 党内最高处份 → 处分 (jieba: 最高处 + 份)
        return fixed


MAX_SLIP_SHARE = (
    0.5  # at most one character in two of a typed word is a slip (义物 → 义务, 三会一客 → 三会一课)
)


def is_slip(window: str, term: str) -> bool:
    """Whether ``term`` (same length as ``window``) differs from the typed ``window`` by slips of at most one character
    in two (``MAX_SLIP_SHARE``), at least one character kept: 义物/义务, 任其/任期, 留党查看/留党察看 are slips; 变好/编号,
    which share no character, are two words (the source of the share: every typo of the member, regulations, holdout3
    and holdout4 sets changes one character of its word)."""
    if len(window) != len(term):
        return False
    differing = sum(a != b for a, b in zip(window, term, strict=True))
    return 0 < differing <= max(1, int(len(window) * MAX_SLIP_SHARE))


def _one_slip(window: str, term: str) -> bool:
    """Whether ``term`` differs from ``window`` (same length) in exactly one character."""
    return len(window) == len(term) and sum(a != b for a, b in zip(window, term, strict=True)) == 1


# Sounds a pinyin typist confuses (fuzzy pinyin): the sibilant initials z/c/s/zh/ch/sh (召 zhao / 绍 shao), n/l, and
# the finals en/eng, in/ing.
_NEAR_INITIALS = {"zh": "z", "ch": "z", "sh": "z", "c": "z", "s": "z", "l": "n"}
_NEAR_FINALS = {"eng": "en", "ing": "in"}


def near_sound(term: str) -> str:
    """``term``'s sound with the confusable initials and finals folded (``_NEAR_INITIALS``, ``_NEAR_FINALS``): 介召 and
    介绍 sound alike (jie z-ao)."""
    from pypinyin import Style, lazy_pinyin

    initials = lazy_pinyin(term, style=Style.INITIALS, strict=False)
    finals = lazy_pinyin(term, style=Style.FINALS, strict=False)
    return " ".join(
        f"{_NEAR_INITIALS.get(i, i)}-{_NEAR_FINALS.get(f, f)}" for i, f in zip(initials, finals, strict=True)
    )


def _candidate_words(text: str) -> list[tuple[str, str]]:
    """The words a typo can be, each with the word before it ("" when there is none, 的 skipped): jieba tokens
    of 2–4 characters, and runs of single characters that jieba could not attach to anything ("义物" is one
    token; a window across two words, 务共 of 义务共有, is none). A run of function characters only (``_FUNCTION_CHARS``:
    里有 of 单位里有) is no candidate."""
    out: list[tuple[str, str]] = []
    run = ""
    previous = ""
    for token in [*_jieba().lcut(text), " "]:
        cjk = all("\u4e00" <= ch <= "\u9fff" for ch in token)
        if len(token) == 1 and cjk and token != "的":
            run += token
            continue
        if MIN_LEN <= len(run) <= MAX_LEN and not set(run) <= _FUNCTION_CHARS:
            out.append((run, previous))
            previous = run
        elif run:
            previous = ""
        run = ""
        if cjk and MIN_LEN <= len(token) <= MAX_LEN:
            out.append((token, previous))
            previous = token
        elif token != "的":
            previous = ""
    return out


# A numeral and its measure word ("哪一版", "两届", "三条") count something: never a typo of a word (一般).
_COUNT_WORD_RE = re.compile(r"[一二两三四五六七八九十百千万每][\u4e00-\u9fff]")
# Postpositions, the verbs 有/是/在 and particles are words of one character: a run of them ("单位里有几名" → 里有) is
# two words, never a typo of one (理由).
_FUNCTION_CHARS = frozenset(
    "里上下中内外前后间边旁有是在了着过把被给和跟与同及或就都也还又才再要会能可让叫使从到向对往于为以"
)
# Question words, and the measure word 个 ("哪24个字" is no typo of 各自), are never part of a typo.
_QUESTION_CHARS = frozenset("几多哪谁怎么啥吗呢吧个")
FRAME_MIN = 3  # times the knowledge base must write the homophone in the question's frame (党员的权利)
LIKELIER = 20  # how much more often the known word must occur than the typed window (noisy channel)


REAL_WORD_FREQ = 20  # jieba dictionary frequency from which a word is taken as meant (刑法 671, 省里 249)


# Words of the internet age that jieba's dictionary (older than they are) lacks or counts rarely: a member who types
# 微信 means the app, never 威信 (holdout8 h8-310, "党费能不能用微信转账").
MODERN_WORDS = frozenset(
    ["微信", "支付宝", "扫码", "网购", "网银", "二维码", "朋友圈", "公众号", "微博", "钉钉", "抖音"]
)


def _real_word(window: str) -> bool:
    """The window is a word of its own in jieba's dictionary (刑法 is not a typo of 刑罚, 省里 not one of
    胜利) or of ``MODERN_WORDS`` (微信 is not one of 威信); rare variants (誓辞, 3) and non-words (义物) may be typos."""
    if window in MODERN_WORDS:
        return True
    jieba = _jieba()
    jieba.initialize()
    return bool((jieba.get_FREQ(window) or 0) >= REAL_WORD_FREQ)


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
