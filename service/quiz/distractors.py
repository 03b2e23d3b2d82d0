"""Wrong options and altered statements of the same kind as the key.

A distractor must be plausible and wrong (issue 15, "distractors of the same kind"):

- *Same kind*: a number has the key's unit, script and a plausible size (between a fifth and five times
  the key; never a year such as 一九四九年 for a term of office), a range is a range; a formulation is another
  numbered formulation (两个维护 → 四个意识), a body/meeting/discipline/principle comes from the key's lexicon
  group (``terms.py``), a list member from the same group or from another list whose members share the key's
  suffix and length. Never an idiom (jieba's dictionary tags i/l: 一池春水), a fragment (punctuation,
  unbalanced quotes, a length far from the key's) or a heading.
- *Wrong by the whole knowledge base*, not only the source sentence: a candidate is rejected when it is
  listed together with the keys in any document (生活纪律 next to 政治纪律、组织纪律 in 党章第四十条), or when the
  sentence with the candidate in the key's place occurs in any document.

Candidates come from the corpus first, then from the lexicon or from numbers near the key; the choice among
them is made with the caller's seeded ``Random``.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from service.quiz.extract import Fact, Span, extract_facts
from service.quiz.terms import FORMULATIONS, TERM_GROUPS, member_group, term_kind
from service.schemas import Chunk
from service.text.normalize import int_to_cn, normalize_quote, to_simplified
from service.text.refs import REF_PATTERN

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


# A numbered formulation found in the corpus: 两个维护, 四个意识, 三会一课 (a numeral, then 2–6 characters).
_FORMULATION_RE = re.compile(r"^[两三四五六七八九十][个项大]?[\u4e00-\u9fff]{1,6}$")
_FRAGMENT_CHARS = re.compile(r"[，,。；;：:！？!?、（）()《》\s“”\"]")
_HEADING_RE = re.compile(rf"^(?:{REF_PATTERN}|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
NUMBER_RANGE_FACTOR = 5.0  # a pool number between key/5 and key*5 is plausible (一年 vs 五年, not 一百年)
CONTEXT = 3  # characters either side of the key that a "true elsewhere" check matches


@lru_cache(maxsize=1)
def idioms() -> frozenset[str]:
    """Idioms of jieba's dictionary (tag i; tag l also holds 忧患意识 and 国情教育): never offered as a Party term."""
    import jieba

    words: set[str] = set()
    with open(jieba.get_dict_file().name, encoding="utf-8") as fh:  # type: ignore[no-untyped-call]
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "i":
                words.add(parts[0])
    return frozenset(words)


# Pairs never offered against each other: in practice one is the other (a branch's 党员大会 is its 支部大会),
# so the "wrong" option is arguably right (trainer's review, issue 15: 劝党员退党 … 支部大会 vs 党员大会).
NEAR_SYNONYMS: tuple[tuple[str, str], ...] = (("党员大会", "支部大会"), ("支部大会", "党员大会"))


def is_bad_option(text: str) -> bool:
    """A fragment (punctuation, unbalanced quotes, empty), a heading or an idiom: never an option."""
    t = text.strip()
    return (
        not t or bool(_FRAGMENT_CHARS.search(t)) or bool(_HEADING_RE.match(t)) or to_simplified(t) in idioms()
    )


def is_formulation(text: str) -> bool:
    """A numbered formulation (提法): in the lexicon, or numeral + 2–6 characters that is no idiom."""
    return text in FORMULATIONS or (bool(_FORMULATION_RE.match(text)) and to_simplified(text) not in idioms())


@dataclass
class DistractorPool:
    """Same-kind candidates gathered from the whole corpus, keyed by kind, and the knowledge base's text
    and lists (normalised) for the "true elsewhere" check."""

    numbers: dict[tuple[str, bool], set[str]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    terms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    members: list[tuple[str, ...]] = field(default_factory=list)
    kb_text: str = ""
    kb_lists: list[frozenset[str]] = field(default_factory=list)

    @classmethod
    def from_chunks(cls, chunks: Iterable[Chunk]) -> DistractorPool:
        pool = cls()
        texts: list[str] = []
        for chunk in chunks:
            texts.append(normalize_quote(chunk.text))
            for fact in extract_facts(chunk):
                pool.add(fact)
        pool.kb_text = "\n".join(texts)
        for term in FORMULATIONS:
            pool.terms["formulation"].add(term)
        for kind, terms in TERM_GROUPS.items():
            pool.terms[kind].update(terms)
        return pool

    def add(self, fact: Fact) -> None:
        if fact.kind == "number":
            text = fact.spans[0].text
            if fact.upper is not None:
                self.ranges[fact.category].add(text)
            else:
                self.numbers[(fact.category, text[0].isdigit())].add(text)
        elif fact.kind == "term":
            text = fact.spans[0].text
            if fact.category == "formulation" and not is_formulation(text):
                return  # 一池春水 in quotation marks is an idiom, not a formulation
            self.terms[fact.category].add(text)
        else:
            members = tuple(s.text for s in fact.spans)
            self.kb_lists.append(frozenset(normalize_quote(m) for m in members))
            if members not in self.members:
                self.members.append(members)

    def candidates(self, fact: Fact, span: Span) -> list[str]:
        """Every plausible wrong value for ``span`` of ``fact``, best kinds first, deterministic order."""
        if fact.kind == "number":
            if fact.upper is not None:
                return _dedupe([*_near_ranges(fact), *sorted(self.ranges.get(fact.category, set()))])
            found = sorted(
                t
                for t in self.numbers.get((fact.category, span.text[0].isdigit()), set())
                if _plausible(t, fact)
            )
            return _dedupe([*found, *_near_numbers(span.text, fact.category, fact.value)])
        if fact.kind == "term":
            same = sorted(self.terms.get(fact.category, set()))
            if fact.category == "quoted":
                # A quoted phrase of the article: only phrases of its shape (same length and last
                # character: 纸上党建 → 指尖党建), else a trainer sees an unrelated slogan.
                return [t for t in same if len(t) == len(span.text) and t[-1] == span.text[-1]]
            close = [t for t in same if abs(len(t) - len(span.text)) <= 1]
            return _dedupe([*close, *same])
        return self._member_candidates(fact, span)

    def _member_candidates(self, fact: Fact, span: Span) -> list[str]:
        own = [s.text for s in fact.spans]
        suffix = fact.category
        lo, hi = min(len(t) for t in own) - 1, max(len(t) for t in own) + 1
        others = [m for ms in self.members if not set(own) & set(ms) for m in ms if lo <= len(m) <= hi]
        group = [m for m in member_group(own) if m not in own]
        lengths = {len(t) for t in own}
        # A one-character suffix (…化, …性) is weak evidence of kind: the candidate must also have the
        # members' length (年轻化 → 规范化, never 中华文化).
        same_suffix = sorted(
            {m for m in others if suffix and m.endswith(suffix) and (len(suffix) >= 2 or len(m) in lengths)}
        )
        if suffix and not span.text.endswith(suffix):
            same_suffix = []  # 公共资金收支 in a list of …管理: other …管理 would single the key out
        return _dedupe([*group, *same_suffix])

    def true_elsewhere(self, fact: Fact, span: Span, candidate: str) -> bool:
        """True when the knowledge base says ``candidate`` in the key's place: it is listed with two of
        the list's members in some document, or the sentence's words around the key occur with it."""
        cand = normalize_quote(candidate)
        if fact.kind == "enumeration":
            own = {normalize_quote(s.text) for s in fact.spans}
            if any(cand in members and len(own & members) >= 2 for members in self.kb_lists):
                return True
        text = fact.sentence.text
        left = normalize_quote(text[: span.start])[-CONTEXT:]
        right = normalize_quote(text[span.end :])[:CONTEXT]
        if not left or not right:  # at a sentence edge: a longer context on the other side
            left = normalize_quote(text[: span.start])[-2 * CONTEXT :]
            right = normalize_quote(text[span.end :])[: 2 * CONTEXT]
        probe = left + cand + right
        return len(probe) > len(cand) + 1 and probe in self.kb_text

    def pick(
        self, fact: Fact, span: Span, k: int, rng: random.Random, forbidden: Iterable[str] = ()
    ) -> list[str]:
        """``k`` distractors for ``span``, or fewer when the corpus has no more of that kind.

        Candidates that occur in the source sentence, equal a list member or a forbidden text after
        normalisation, are true elsewhere in the knowledge base, or are fragments/idioms/headings are never
        returned.
        """
        from service.quiz.extract import _LEADING_VERBS

        sentence = normalize_quote(fact.sentence.text)
        near = [b for a, b in NEAR_SYNONYMS if a == normalize_quote(span.text)]
        banned = {normalize_quote(t) for t in [*forbidden, *near, *(s.text for s in fact.spans)]}
        verb_key = bool(_LEADING_VERBS.match(span.text))
        # Words of the sentence's own lists: 执业律师 is no wrong option where the list says 律师.
        listed = {t for t in re.split(r"[、，,。；;和及或等]", sentence) if 2 <= len(t) <= 8}
        listed |= {normalize_quote(s.text) for s in fact.spans}
        simplified_source = to_simplified(fact.sentence.text) == fact.sentence.text
        values: set[str] = {_value_of(span.text)} if fact.kind == "number" else set()
        ok: list[str] = []
        for c in self.candidates(fact, span):
            if is_bad_option(c) and term_kind(c) is None:
                continue
            # Options share the source's script, or the odd one out gives the key away.
            c = c if simplified_source else to_traditional(c)
            norm = normalize_quote(c)
            if norm in banned or norm in sentence:
                continue
            if _LEADING_VERBS.match(norm) and not verb_key:
                continue  # "推动中心工作" among 组织工作、群众工作: a verb phrase gives itself away
            if fact.kind == "enumeration" and any(t in norm or norm in t for t in listed):
                continue
            if simplified_source and to_simplified(c) != c:
                continue
            if self.true_elsewhere(fact, span, c):
                continue
            if fact.kind == "number":
                value = _value_of(c)
                if value in values:
                    continue  # 二个月 and 两个月 are one option
                if fact.category in ("人", "名") and value == f"1.0{fact.category}" and (fact.value or 0) > 1:
                    continue  # "一人以上共同违纪": one person is no group, the option gives itself away
                values.add(value)
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


def _value_of(text: str) -> str:
    """A number option's value and unit, script-free: 两个月, 二个月 and 2个月 are one value."""
    from service.quiz.extract import _NUMBER_RE, _RANGE_RE, number_value

    compact = text.replace(" ", "").replace("　", "")
    r = _RANGE_RE.fullmatch(compact)
    if r:
        return f"{number_value(r.group(1))}-{number_value(r.group(3))}{r.group(4)}"
    m = _NUMBER_RE.fullmatch(compact)
    if m is None:
        return compact
    return f"{number_value(m.group(1))}{m.group(2) or ''}"


def _plausible(text: str, fact: Fact) -> bool:
    """A pool number of the key's unit that is not absurdly far from it (and no year)."""
    from service.quiz.extract import _NUMBER_RE, number_value

    m = _NUMBER_RE.fullmatch(text)
    value = number_value(m.group(1)) if m else None
    key = fact.value
    if value is None or not key:
        return False
    if fact.category == "年" and value >= 1000:
        return False
    return key / NUMBER_RANGE_FACTOR <= value <= key * NUMBER_RANGE_FACTOR


def _near_ranges(fact: Fact) -> list[str]:
    """Ranges near the key's range in its own notation (60~79周岁 → 55~74周岁, 65~84周岁, 60~69周岁 …)."""
    from service.quiz.extract import _RANGE_RE

    text = fact.spans[0].text
    m = _RANGE_RE.fullmatch(text)
    if m is None or fact.value is None or fact.upper is None:
        return []
    lo, hi = int(fact.value), int(fact.upper)
    if lo != fact.value or hi != fact.upper:
        return []
    cjk = not m.group(1)[0].isdigit()
    sep_start = m.end(2) if m.group(2) else m.end(1)
    sep = text[sep_start : m.start(3)]
    first_unit = m.group(2) or ""
    step = max(1, (hi - lo + 1) // 2) if hi - lo < 10 else 5
    pairs = [
        (lo - step, hi - step),
        (lo + step, hi + step),
        (lo, hi + 2 * step),
        (lo + step, hi),
        (lo - step, hi),
    ]
    out = []
    for a, b in pairs:
        if 0 < a < b and (a, b) != (lo, hi):
            na = int_to_cn(a) if cjk else str(a)
            nb = int_to_cn(b) if cjk else str(b)
            out.append(f"{na}{first_unit}{sep}{nb}{m.group(4)}")
    return out


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


def _steps(v: int) -> list[int]:
    """Values near ``v`` that a member could confuse with it, most confusable first."""
    if v < 10:
        return [v + 1, v - 1, v * 2, v + 2, v - 2, v * 3, v // 2 if v % 2 == 0 else v + 3]
    if v < 100:
        return [v + 5, v - 5, v * 2, v + 10, v - 10, v // 2, v + 1]
    q = max(1, v // 4)
    magnitude = 10 ** (len(str(q)) - 1)
    q = max(magnitude, q // magnitude * magnitude)  # 200 -> 50, 1500 -> 300: round steps
    return [v + q, v - q, v * 2, v // 2, v + 2 * q, v - 2 * q]


def _near_numbers(text: str, unit: str, value: float | None) -> list[str]:
    """Numbers near the key in the key's notation (五年 → 四年, 六年, 十年; 200元 → 250元, 150元;
    1.5万元 → 0.75万元, 3万元; "3 人" keeps its space)."""
    from service.quiz.extract import _NUMBER_RE, number_value

    if value is None:
        return []
    if unit == "分之":
        return [f"{int_to_cn(d)}分之{int_to_cn(n)}" for d, n in _FRACTIONS]
    m = _NUMBER_RE.match(text)
    if m is None:
        return []
    numeral = m.group(1)
    gap_unit = text[len(numeral) :]  # " 人", "元", "万元" is split as 1.5万 + 元
    wan = "万" if numeral.endswith("万") and len(numeral) > 1 else ""
    base_text = numeral[: len(numeral) - len(wan)]
    cjk = not base_text[0].isdigit()
    base = number_value(base_text)
    if base is None:
        return []
    if not float(base).is_integer():
        return [f"{base * f:g}{wan}{gap_unit}" for f in (0.5, 2, 1.5)]
    v = int(base)
    if cjk and v >= 10000:
        return []
    out = []
    for n in _steps(v):
        if n <= 0 or n == v or (cjk and n >= 10000):
            continue
        if cjk:
            out.append(
                _render(n, "", cjk) + wan + gap_unit
                if wan or unit not in _TWO_AS_LIANG
                else _render(n, gap_unit, cjk)
            )
        else:
            out.append(f"{n}{wan}{gap_unit}")
    if unit == "年" and v == 1 and cjk and not wan:
        out.insert(0, "半年")
    return out
