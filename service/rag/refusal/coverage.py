"""Term coverage: how much of a question's wording the evidence holds.

A question term counts as present under its own spelling, its formal forms (``service/text/vocabulary.tsv``:
红包 → 礼金), a frequency form (一年 → 每年), an abbreviation of an evidence phrase (村委会 ← 村民委员会) or, in
part, by its character bigrams. ``term_coverage`` is the length-weighted share the refusal decision
(``decision.assess``) adds the dense bonus to; the quantity checks use the same per-term credit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.rag.query_terms import alternatives, informative_terms
from service.text import vocabulary
from service.text.normalize import normalize_for_match

# "一年开几次" asks how often: the regulations write 每年 (每年至少举行一次), 每月, 每届.
FREQUENCY_RE = re.compile(r"^[一1]个?(年|月|周|季度|天|日|届)$")


def term_forms(term: str) -> list[str]:
    """The spellings under which ``term`` (matching form) counts as present in evidence: itself, its formal
    forms (``service/text/vocabulary.tsv``: 纪委 → 纪律检查委员会, 红包 → 礼金) and, for a span of one time
    unit used as a frequency ("一年开几次"), 每 + the unit (每年)."""
    forms = [term, *vocabulary.load().formal_forms(term)]
    m = FREQUENCY_RE.match(term)
    if m:
        forms.append(f"每{m.group(1)}")
    return forms


def term_credit(term: str, evidence: str) -> float:
    """``_credit`` of the term or of its best form (``term_forms``)."""
    return max(_credit(form, evidence) for form in term_forms(term))


@lru_cache(maxsize=4096)
def abbreviation_re(term: str) -> re.Pattern[str]:
    return re.compile("[\u4e00-\u9fff]{0,3}".join(map(re.escape, term)))


def _abbreviates(term: str, evidence: str) -> bool:
    """Whether ``term`` (2–4 Chinese characters) is an abbreviation of a phrase in ``evidence``.

    Chinese abbreviations keep characters of the full name in order (村委会 ← 村民委员会, 人大常委会 ←
    人民代表大会常务委员会): the term's characters must occur in order with at most three Chinese characters
    between neighbours and no punctuation (see 《现代汉语词典》 on 缩略语). Two characters are too short to
    tell (纪委) unless they contract a coordination: 市县 ← "市和县" (the first character, a conjunction, then
    the second)."""
    if not all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return False
    if len(term) == 2:
        return bool(_coordination_re(term).search(evidence))
    if not 3 <= len(term) <= 4:
        return False
    return bool(abbreviation_re(term).search(evidence))


@lru_cache(maxsize=4096)
def _coordination_re(term: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(term[0])}[和及与、]{re.escape(term[1])}")


def _credit(term: str, evidence: str) -> float:
    """1 when the term occurs; else the share of its character bigrams that occur (paraphrase tolerance:
    "投票选举" vs "选举", "任期几年" vs "任期")."""
    if term in evidence:
        return 1.0
    if _abbreviates(term, evidence):
        return 0.9
    grams = [term[i : i + 2] for i in range(len(term) - 1)]
    if not grams:
        return 0.0
    return 0.8 * sum(g in evidence for g in grams) / len(grams)


def term_coverage(question: str, evidence: str) -> float:
    """Length-weighted share of the question's informative terms found in the evidence text.

    Alternatives the question offers ("举手还是投票") count as one term, credited by the better of them; a
    parenthetical gloss in the evidence ("党的市（地、州、盟）和县（市、区、旗）委员会") is also read without it."""
    terms = informative_terms(question)
    if not terms:
        return 0.0
    norm = normalize_for_match(evidence)
    norm = f"{norm}\n{PAREN_RE.sub('', norm)}"
    groups: list[tuple[str, ...]] = []
    grouped: set[str] = set()
    for group in alternatives(question):
        if not grouped & set(group) and all(t in terms for t in group):
            groups.append(group)
            grouped |= set(group)
    groups += [(t,) for t in terms if t not in grouped]
    total = sum(max(len(t) for t in g) for g in groups)
    return sum(max(len(t) for t in g) * max(term_credit(t, norm) for t in g) for g in groups) / total


PAREN_RE = re.compile(r"[（(][^）)]{0,12}[）)]")


CLAUSE_RE = re.compile(r"[，,；;。？?！!、]")
