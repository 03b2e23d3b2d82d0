"""Wrong options and altered statements of the same kind as the key.

A distractor must be plausible (same kind: a number with the same unit, a formulation for a formulation, a
member of another list with the same suffix for a list member) and wrong (it never occurs in the source
sentence, nor among the members of the list asked about). Candidates come from the corpus first, then from
the lexicon or from numbers near the key; the choice among them is made with the caller's seeded ``Random``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from service.quiz.extract import Fact, Span, extract_facts
from service.quiz.terms import FORMULATIONS, TERM_GROUPS, member_group
from service.schemas import Chunk
from service.text.normalize import int_to_cn, normalize_quote, to_simplified

_FRACTIONS = ((2, 1), (3, 1), (3, 2), (4, 1), (4, 3), (5, 1), (5, 2), (10, 1))
_TWO_AS_LIANG = {"年", "名", "人", "个月", "种", "天", "倍", "周岁", "岁"}

# Modal verbs whose swap turns a rule into its opposite (for true/false items).
NEGATIONS: tuple[tuple[str, str], ...] = (
    ("必须", "不必"),
    ("不得", "可以"),
    ("应当", "不必"),
    ("不能", "可以"),
    ("有权", "无权"),
    ("不允许", "允许"),
    ("严禁", "允许"),
)


@dataclass
class DistractorPool:
    """Same-kind candidates gathered from the whole corpus, keyed by kind."""

    numbers: dict[tuple[str, bool], set[str]] = field(default_factory=lambda: defaultdict(set))
    terms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    members: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def from_chunks(cls, chunks: Iterable[Chunk]) -> DistractorPool:
        pool = cls()
        for chunk in chunks:
            for fact in extract_facts(chunk):
                pool.add(fact)
        for term in FORMULATIONS:
            pool.terms["formulation"].add(term)
        for kind, terms in TERM_GROUPS.items():
            pool.terms[kind].update(terms)
        return pool

    def add(self, fact: Fact) -> None:
        if fact.kind == "number":
            text = fact.spans[0].text
            self.numbers[(fact.category, text[0].isdigit())].add(text)
        elif fact.kind == "term":
            self.terms[fact.category].add(fact.spans[0].text)
        else:
            members = tuple(s.text for s in fact.spans)
            if members not in self.members:
                self.members.append(members)

    def candidates(self, fact: Fact, span: Span) -> list[str]:
        """Every plausible wrong value for ``span`` of ``fact``, best kinds first, deterministic order."""
        if fact.kind == "number":
            found = sorted(self.numbers.get((fact.category, span.text[0].isdigit()), set()))
            return _dedupe([*found, *_near_numbers(span.text, fact.category, fact.value)])
        if fact.kind == "term":
            same = sorted(self.terms.get(fact.category, set()))
            close = [t for t in same if abs(len(t) - len(span.text)) <= 1]
            return _dedupe([*close, *same])
        return self._member_candidates(fact, span)

    def _member_candidates(self, fact: Fact, span: Span) -> list[str]:
        own = [s.text for s in fact.spans]
        suffix = fact.category
        others = [m for ms in self.members if not set(own) & set(ms) for m in ms]
        group = [m for m in member_group(own) if m not in own]
        same_suffix = sorted({m for m in others if suffix and m.endswith(suffix)})
        same_tail = sorted({m for m in others if len(m) > 1 and m[-2:] == span.text[-2:]})
        return _dedupe([*group, *same_suffix, *same_tail])

    def pick(
        self, fact: Fact, span: Span, k: int, rng: random.Random, forbidden: Iterable[str] = ()
    ) -> list[str]:
        """``k`` distractors for ``span``, or fewer when the corpus has no more of that kind.

        Candidates that occur in the source sentence, equal a list member or a forbidden text after
        normalisation are never returned: they could be true by the source.
        """
        sentence = normalize_quote(fact.sentence.text)
        banned = {normalize_quote(t) for t in [*forbidden, *(s.text for s in fact.spans)]}
        simplified_source = to_simplified(fact.sentence.text) == fact.sentence.text
        ok: list[str] = []
        for c in self.candidates(fact, span):
            # Options share the source's script, or the odd one out gives the key away.
            c = c if simplified_source else to_traditional(c)
            norm = normalize_quote(c)
            if norm in banned or norm in sentence:
                continue
            if simplified_source and to_simplified(c) != c:
                continue
            banned.add(norm)  # 一岗双责 and 一崗雙責 are one option
            ok.append(c)
        # Keep the best-kind candidates ahead, shuffle inside tiers of 6 so options vary with the seed.
        picked: list[str] = []
        for tier_start in range(0, len(ok), 6):
            tier = ok[tier_start : tier_start + 6]
            rng.shuffle(tier)
            picked.extend(tier)
            if len(picked) >= k:
                break
        return picked[:k]


@lru_cache(maxsize=1)
def _s2t():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified → traditional (OpenCC), for options over a traditional-script source."""
    return str(_s2t().convert(text)) if text else text


def negate(text: str) -> tuple[str, str, str] | None:
    """Swap one modal verb for its opposite: returns (altered text, original word, new word) or None."""
    for word, opposite in NEGATIONS:
        if text.count(word) == 1 and not (word == "可以" and "不得" in text):
            return text.replace(word, opposite), word, opposite
    return None


def _dedupe(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def _render(value: int, unit: str, cjk: bool) -> str:
    if not cjk:
        return f"{value}{unit}"
    numeral = "两" if value == 2 and unit in _TWO_AS_LIANG else int_to_cn(value)
    return f"{numeral}{unit}"


def _near_numbers(text: str, unit: str, value: float | None) -> list[str]:
    """Numbers near the key, in the key's script (五年 -> 四年, 六年, 十年 …; 15% -> 10%, 20% …)."""
    if value is None:
        return []
    cjk = not text[0].isdigit()
    if unit == "分之":
        return [f"{int_to_cn(d)}分之{int_to_cn(n)}" for d, n in _FRACTIONS]
    suffix = text[len(text.rstrip("年周岁个月人名种天倍%％项条次")) :] or unit
    if not float(value).is_integer():
        return [f"{value * f:g}{suffix}" for f in (0.5, 2, 1.5)]
    v = int(value)
    if v >= 10000 and cjk:
        return []
    steps = [v + 1, v - 1, v * 2, v + 2, v - 2, v * 3, v // 2 if v % 2 == 0 else v + 3]
    if v >= 10:
        steps = [v + 5, v - 5, v * 2, v + 10, v - 10, v // 2, v + 1]
    out = [_render(n, suffix, cjk) for n in steps if n > 0 and n != v]
    if unit == "年" and v == 1 and cjk:
        out.insert(0, "半年")
    return out
