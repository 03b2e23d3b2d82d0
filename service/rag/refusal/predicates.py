"""The predicate a quantity is asked for: "党员年满多少岁可以不参加组织生活" asks the age of an exemption from 组织生活,
so "年满十八岁的……可以申请加入中国共产党" (the age of another predicate, 入党) does not answer it, however well its words
cover the question (issue 11, item 5: traps answered from a near passage).

``asked_predicate`` reads the predicate a quantity question ties its number to (the words after the question word and
its modal: 可以, 才能, 不得 …); ``states_predicate`` says whether a sentence holding a number states it for that
predicate: its nouns (组织生活, 选举权) stand in the sentence, most of its words do, and an exemption or a ban asked
("可以不参加", "不得重新入党") is an exemption or a ban there too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.rag.refusal.coverage import term_credit, topic_terms
from service.rag.refusal.shapes import (
    ASKED_PREDICATE_RE,
    DETERMINER_RE,
    NEGATED_PREDICATE_RE,
    NEGATING_MODAL_RE,
    PREDICATE_TAIL_RE,
)
from service.text.normalize import normalize_for_match

PREDICATE_CREDIT = (
    0.5  # a noun of the predicate, or the predicate's words as a whole, keep half their bigrams
)


# Words that negate, exempt or forbid in a sentence of the texts ("不参加", "免于", "不得", "除外").
_NEGATION_RE = re.compile(r"不|免|无需|无须|除外|禁止|严禁")


# A predicate that is a verdict on the member's act (算违纪, 就违规了, 要受处分), and a provision that imposes one.
_VERDICT_WORD_RE = re.compile(r"违纪|违规|违法|违反纪律|违反党纪|违反规定|处分|纪律处分|党纪处分|违纪行为")
_PENALTY_RE = re.compile(r"(?:给予|予以|给以)[^。；;]{0,30}处分|追究[^。；;]{0,8}责任")


@dataclass(frozen=True)
class AskedPredicate:
    terms: tuple[str, ...]  # the predicate's informative words (matching form), setting words left out
    nouns: tuple[
        str, ...
    ]  # those jieba reads as nouns: they must stand in the sentence as written or in a form
    negated: bool  # an exemption or a ban is asked ("可以不参加", "免交", "不得")


def asked_predicate(question: str) -> AskedPredicate | None:
    """The predicate ``question`` ties its quantity to, or None when it ties none: "党员年满多少岁可以不参加组织生活" →
    terms (参加, 组织生活), noun 组织生活, negated; "党龄满多少年才有选举权" → 选举权; "要满多少岁才能入党" → 入党;
    "支委会每届任期几年" → None (no modal after the question word), "多长时间内得给我办完" → None (no noun)."""
    nq = DETERMINER_RE.sub(" ", normalize_for_match(question))
    m = ASKED_PREDICATE_RE.search(nq)
    if m is None:
        return None
    predicate = PREDICATE_TAIL_RE.sub("", m.group("predicate"))
    terms = tuple(t for t in topic_terms(predicate) if len(t) >= 2)
    nouns = tuple(t for t in terms if _is_noun(t))
    if not nouns:
        return None  # a predicate of verbs only is paraphrased too freely to check ("多长时间内得给我办完": 办结)
    negated = bool(NEGATING_MODAL_RE.search(m.group("modal")) or NEGATED_PREDICATE_RE.match(predicate))
    return AskedPredicate(terms, nouns, negated)


def states_predicate(predicate: AskedPredicate, sentence: str) -> bool:
    """Whether ``sentence`` (matching form, the number's sentence with its lead-in) states the number for ``predicate``:
    its nouns are there (length-weighted share of their ``term_credit`` ≥ ``PREDICATE_CREDIT``, forms included: 入党 →
    加入中国共产党; the one noun of "不参加组织生活" must be), its words as a whole are (the same share: verbs may be
    paraphrased, 成为 → 列为; an object told may be, 支部党员 → 全体党员), and an exemption or a ban asked is stated as
    one (不, 免, 不得 …)."""
    if all(_VERDICT_WORD_RE.fullmatch(t) for t in predicate.terms):
        # "超过多长时间就算违纪": the verdict is the penalty the provision imposes on its act ("时间超过六个月，情节较重的，
        # 给予警告……处分"); the texts never call their own act 违纪
        return _PENALTY_RE.search(sentence) is not None
    if (
        _share(predicate.nouns, sentence) < PREDICATE_CREDIT
        or _share(predicate.terms, sentence) < PREDICATE_CREDIT
    ):
        return False
    return not predicate.negated or _NEGATION_RE.search(sentence) is not None


def _share(terms: tuple[str, ...], sentence: str) -> float:
    """Length-weighted share of ``terms`` credited in ``sentence`` (``_credit``)."""
    total = sum(len(t) for t in terms)
    return sum(len(t) * _credit(t, sentence) for t in terms) / total if total else 1.0


def _credit(term: str, sentence: str) -> float:
    """``coverage.term_credit`` of ``term``, or of a compound's two halves (two characters or more each) when both are
    there under their own forms: "申请入党" is stated by "申请加入中国共产党" (申请 + 入党 → 加入中国共产党); "组织生活" is
    not by "参加党的一个组织" (生活 is missing)."""
    whole = term_credit(term, sentence)
    halves = [
        min(term_credit(term[:i], sentence), term_credit(term[i:], sentence)) for i in range(2, len(term) - 1)
    ]
    return max([whole, *halves])


@lru_cache(maxsize=4096)
def _is_noun(word: str) -> bool:
    """Whether jieba reads ``word`` as nouns only (``n``, ``nz``, ``vn``, an abbreviation ``j`` …: 组织生活, 选举权, 党小组,
    支部 + 大会). A personal name ``nr`` counts: jieba tags words it does not know so (纪念章)."""
    import jieba.posseg

    tagged = jieba.posseg.lcut(word)
    return bool(tagged) and all(t.flag.startswith(("n", "vn", "j")) for t in tagged)
