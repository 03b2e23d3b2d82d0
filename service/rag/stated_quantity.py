"""Quantities a member states about a case, and the thresholds of a provision that decide it (issue 11 item 3).

A member describes a case with a number ("同事今年刚满十七岁", "工期八个月的工程项目部", "正式党员不到三个人的单位",
"小王三个月后就要调走", "应到20人只来了9个") and asks what follows. The provision that decides it states a threshold
of the same dimension — an age, a period, a head count or a share of people — for the same thing: "年满十八岁",
"为期 6 个月以上的工程、工作项目", "正式党员不足 3 人的单位", "未来三个月内将离开工作、学习单位的", "表决必须有半数
以上有表决权的党员到会". A sentence that only shares the case's other words does not decide it, nor does the same
number in another role ("应当在三个月内审批" limits how long 审批 takes, not when the member leaves).

``fit(question, sentence)`` scores in [0, 1] how well a sentence's thresholds decide the question's stated
quantities: the dimension must agree; the values must be comparable (within ``CLOSE_RATIO``, none past
``FAR_RATIO``); a threshold the case meets ("八个月" for "6 个月以上", "不到三个" for "不足 3 人") counts more than one it
fails ("三人以上"), which still decides the case ("十七岁" for "年满十八岁"); and the words of what the stated number
is about (工程项目部, 调走 → 离开, 正式党员: ``_role``) must recur in the sentence (``ROLE_FLOOR`` when none do).
The constants were chosen on the member, regulations, holdout3 and dev sets (docs/retrieval.md, "Situations").
The extractor adds it, scaled, to a sentence's score (``extract.SITUATION_BONUS``). Numbers are read in matching form
(``normalize_for_match``); Chinese numerals by ``refs.cn_to_int``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.rag.query_terms import char_bigrams, strip_question_words
from service.text import vocabulary
from service.text.normalize import normalize_for_match
from service.text.refs import NUMERAL, NUMERAL_CHARS, cn_to_int

# One quantity: a numeral (two adjacent digits "七八" read as an estimate), an optional 多 ("六十多人") and a unit.
# A period of months needs 个 ("三个月"): "7月" is a month of the year.
# 个 counts people only before a word for them ("三个人", "两个正式党员") or at a clause's end ("只来了两个").
_QUANTITY_RE = re.compile(
    rf"(?<![第\d{NUMERAL_CHARS}])(?P<num>{NUMERAL})\s*(?P<more>多)?\s*"
    r"(?P<unit>个月|个?星期|个?工作日|个?小时|年半|年|周岁|岁|天|日|周|名|位|人|个人|个(?=[\u4e00-\u9fff]{0,2}(?:人|党员|委员|同志|干部))|个(?=$|[，,。？?！!；;了的]))"
)
_HALF_YEAR_RE = re.compile(r"(?P<big>大)?半年")
# A share of people: "半数以上", "过半", "三分之二以上".
_SHARE_RE = re.compile(r"半数|过半|多数|[一二三四五六七八九十]+分之[一二三四五六七八九十]+")

# Months per unit: a period is compared in months.
_MONTHS = {"年": 12.0, "年半": 12.0, "月": 1.0, "星期": 0.25, "周": 0.25, "天": 1 / 30, "日": 1 / 30,
           "工作日": 1 / 21, "小时": 1 / 720}  # fmt: skip

# A comparator of the case as the member states it: "不到三个人", "还没满十八岁" (below); "三个人以上" (above; "六十多人"
# is read as a little over sixty by ``quantities``).
_BELOW_BEFORE_RE = re.compile(r"(?:不到|不足|不满|没满|未满|不够|还差|少于)\s*$")
_ABOVE_BEFORE_RE = re.compile(r"(?:超过|多于|已满|满了)\s*$")
_BELOW_AFTER_RE = re.compile(r"\s*(?:以下|不到)")
_ABOVE_AFTER_RE = re.compile(r"\s*(?:以上|出头)")
# A comparator of a provision's threshold, before the number ("不足 3 人", "年满十八岁", "不超过6个月") or after it
# ("3 人以上", "6 个月以上", "三个月内", "一年以下").
_T_BELOW_BEFORE_RE = re.compile(r"(?:不足|未满|不满|少于|低于)\s*$")
_T_AT_MOST_BEFORE_RE = re.compile(r"(?:不超过|不得超过|最长|最多|至多)\s*$")
_T_AT_LEAST_BEFORE_RE = re.compile(r"(?:满|达到|至少|不少于|不低于|超过|连续)\s*$")
_T_AT_LEAST_AFTER_RE = re.compile(r"^\s*(?:以上|及以上|或者以上|多|之后|以后)")
_T_AT_MOST_AFTER_RE = re.compile(r"^\s*(?:以下|以内|之内|内|为限|前|以前)")

CLOSE_RATIO = 1.5  # values within this ratio fit fully ("八个月" and "6 个月", "四十天" and "一个月")
FAR_RATIO = 3.0  # ... none from this ratio on ("两个正式党员" and "7 人")
# least closeness to a period or age with a bound (以上, 内, 年满 …; a nearer one fits better)
BOUNDED_CLOSENESS = 0.7
UNMET_SHARE = 0.8  # a threshold the case fails decides it less directly than one it meets
COUNT_WINDOW = 10  # characters either side of a head-count threshold where the counted noun must stand
COUNTED_CHARS = 4  # characters of the noun a head count counts ("正式党员")
ROLE_FLOOR = 0.15  # share of the fit kept when no word of what the stated number is about recurs


@dataclass(frozen=True)
class Quantity:
    """A quantity in matching-form text: ``dimension`` (age, period, people, share), ``value`` in years (age),
    months (period) or people (None for a share), ``bound`` (``<``, ``<=``, ``>=``, ``>`` or None: as stated) and
    ``start``/``end`` offsets of its text."""

    dimension: str
    value: float | None
    bound: str | None
    start: int
    end: int


def _number(text: str) -> float | None:
    if len(text) == 2 and all(ch in "一二三四五六七八九" for ch in text):
        first = cn_to_int(text[0])  # "七八个月": an estimate, read as its lower figure
        return float(first) if first is not None else None
    n = cn_to_int(text)
    return float(n) if n is not None else None


def unit_dimension(unit: str) -> str:
    """The dimension a unit measures: 岁 an age, 月/年/天 … a period, 人/名/个 … people."""
    if unit in ("岁", "周岁"):
        return "age"
    if unit.lstrip("个") in _MONTHS:
        return "period"
    return "people"


def quantities(text: str) -> list[Quantity]:
    """Every quantity of a known dimension in ``text`` (matching form), in order; dates ("2018年") and ordinals
    ("第三条") are none. No bound is read here: see ``stated`` and ``thresholds``."""
    out: list[Quantity] = []
    for m in _QUANTITY_RE.finditer(text):
        value = _number(m.group("num"))
        unit = m.group("unit")
        if value is None or (unit == "年" and value >= 1000):
            continue
        dim = unit_dimension(unit)
        if dim == "period":
            value *= _MONTHS[unit.lstrip("个")]
            if unit == "年半":
                value += 6
        end = m.end()
        more = bool(m.group("more"))
        if text.startswith("多", end) and dim != "people":  # "一年多", "三个月多"
            end, more = end + 1, True
        out.append(Quantity(dim, value + (0.5 if more else 0.0), None, m.start(), end))
    for m in _HALF_YEAR_RE.finditer(text):
        if not any(q.start <= m.start() < q.end for q in out):
            out.append(Quantity("period", 7.0 if m.group("big") else 6.0, None, m.start(), m.end()))
    for m in _SHARE_RE.finditer(text):
        out.append(Quantity("share", None, None, m.start(), m.end()))
    return sorted(out, key=lambda q: q.start)


# Numbers that state no case: "哪一年" asks, "每年" recurs, "这两年" points; "一年至少参加几次", "一个月交多少" are the
# window of the asked count; a number inside quotes is part of a name.
_NOT_A_CASE_BEFORE_RE = re.compile(r"[哪每这那几上下前后同]$")
_ONLY_BEFORE_RE = re.compile(r"(?:只有|只|就|仅有|仅|才|一共|总共|共)$")
_QUOTED_RE = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"|《[^》]*》")
_WINDOW_AFTER_RE = re.compile(r"[^，,。？?！!；;]{0,6}?(?:几|多少)")


@lru_cache(maxsize=1024)
def stated(question: str) -> tuple[Quantity, ...]:
    """The quantities ``question`` (any form) states about its case, with the member's own comparator: "不到三个人"
    is below three (``<``), "六十多人" above sixty. A lone "一个/一名" person is an article ("劝一个党员退党"), not a
    count unless a word like 只有 makes it one ("只有一个正式党员"); a share is never stated by a case."""
    nq = normalize_for_match(question)
    quoted = [m.span() for m in _QUOTED_RE.finditer(nq)]
    out = []
    for q in quantities(nq):
        if q.dimension == "share":
            continue
        if q.dimension == "people" and (q.value or 0) < 2 and not _ONLY_BEFORE_RE.search(nq[: q.start]):
            continue  # "劝一个党员退党": 一个 is an article; "只有一个正式党员" counts
        if _NOT_A_CASE_BEFORE_RE.search(nq[max(0, q.start - 1) : q.start]) or _WINDOW_AFTER_RE.match(
            nq, q.end
        ):
            continue
        if any(a <= q.start < b for a, b in quoted):
            continue  # "“五位一体”", "“两个一百年”": a name
        before, after = nq[max(0, q.start - 4) : q.start], nq[q.end : q.end + 3]
        if _BELOW_BEFORE_RE.search(before) or _BELOW_AFTER_RE.match(after):
            bound: str | None = "<"
        elif _ABOVE_BEFORE_RE.search(before) or _ABOVE_AFTER_RE.match(after):
            bound = ">"
        else:
            bound = None
        out.append(Quantity(q.dimension, q.value, bound, q.start, q.end))
    return tuple(out)


def thresholds(sentence: str) -> list[Quantity]:
    """The quantities of ``sentence`` (matching form) with the provision's comparator: "不足 3 人" (``<``), "6 个月以
    上" and "年满十八岁" (``>=``), "三个月内" and "不超过6个月" (``<=``); a share ("半数以上") counts people."""
    out = []
    for q in quantities(sentence):
        before, after = sentence[max(0, q.start - 4) : q.start], sentence[q.end : q.end + 4]
        if _T_BELOW_BEFORE_RE.search(before):
            bound: str | None = "<"
        elif _T_AT_MOST_BEFORE_RE.search(before) or _T_AT_MOST_AFTER_RE.search(after):
            bound = "<="
        elif _T_AT_LEAST_BEFORE_RE.search(before) or _T_AT_LEAST_AFTER_RE.search(after):
            bound = ">="
        else:
            bound = None
        out.append(Quantity(q.dimension, q.value, bound, q.start, q.end))
    return out


def _meets(case: Quantity, threshold: Quantity) -> bool | None:
    """Whether the stated ``case`` meets ``threshold`` (None when either lacks a value or the threshold a bound).
    A case stated below a figure ("不到三个") is just under it, one stated above ("六十多") just over it."""
    if case.value is None or threshold.value is None or threshold.bound is None:
        return None
    v = case.value - 0.5 if case.bound == "<" else case.value + 0.5 if case.bound == ">" else case.value
    t = threshold.value
    return {"<": v < t, "<=": v <= t, ">=": v >= t, ">": v > t}[threshold.bound]


def _closeness(case: Quantity, threshold: Quantity) -> float:
    if threshold.dimension == "share":
        return 1.0 if case.dimension == "people" else 0.0
    if case.dimension != threshold.dimension or not case.value or not threshold.value:
        return 0.0
    ratio = max(case.value, threshold.value) / min(case.value, threshold.value)
    if ratio <= CLOSE_RATIO:
        return 1.0
    near = max(0.0, (FAR_RATIO - ratio) / (FAR_RATIO - CLOSE_RATIO))
    # a time bound decides a case however far from it: "快一年联系不上" is past "失去联系 6 个月以上", "审理了两个月"
    # past "应当在受理之日起1个月内完成"
    if threshold.bound is None:
        return near
    # a head count far from a threshold is another rule's regime ("两个正式党员" and "正式党员不足 7 人的党支部")
    return max(near, BOUNDED_CLOSENESS) if threshold.dimension in ("period", "age") else near


_NUMERAL_CHARS_RE = re.compile(r"[\d零一二两三四五六七八九十百半多个]+")


def _clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The parts of the clause holding ``text[start:end]`` before and after it."""
    left = max(text.rfind(c, 0, start) for c in "，,。？?！!；;") + 1
    rights = [i for i in (text.find(c, end) for c in "，,。？?！!；;") if i >= 0]
    return text[left:start], text[end : min(rights) if rights else len(text)]


def _role(question: str, case: Quantity, sentence: str) -> float:
    """Share of the character bigrams of what the stated number is about that ``sentence`` holds, numerals and
    question words left out. A head count is about the noun it counts. A number followed by 后 or 的 is about what follows it ("三个月后就要调走", "一年多后换了
    工作", "八个月的工程项目部"); one after a verb with 了 measures that verb ("审理了两个月"); otherwise the better of the
    rest of its clause and the part before it ("快一年联系不上了", "入党申请交上去四十天了"). An everyday word whose
    formal form (``service/text/vocabulary.tsv``: 调走 → 离开) is in the sentence counts at least half."""
    if case.dimension == "age":
        # an age is a person's: "刚满十七岁" is decided by "年满十八岁的……" whatever the clause says
        return 1.0
    before, after = _clause_around(question, case.start, case.end)
    if case.dimension == "people":
        # a head count is about the people counted: the noun after 个/名/位 ("两个正式党员"), else the words before the
        # number ("正式党员不到三个人", "应到20人")
        counted = question[case.start : case.end].endswith(("个", "名", "位")) and not re.match(
            r"[的了]", after
        )
        parts = [after[:COUNTED_CHARS] if counted else before[-COUNTED_CHARS:]]
    elif _FOLLOWS_RE.match(after):
        parts = [after]
    elif before.endswith(("了", "过")):
        parts = [before]
    else:
        parts = [after, before]
    have = char_bigrams(sentence)
    shares = []
    for part in parts:
        words = strip_question_words(_NUMERAL_CHARS_RE.sub(" ", part))
        grams = {g for g in char_bigrams(words) if len(g) == 2}
        if not grams:
            continue
        share = len(grams & have) / len(grams)
        if any(f in sentence for f in vocabulary.load().expand_text(words)):
            share = max(share, 0.5 + 0.5 * share)
        shares.append(share)
    return max(shares) if shares else 1.0  # "他今年17岁": nothing but the number to match


_FOLLOWS_RE = re.compile(r"(?:以后|之后|后|的)")


def fit(question: str, sentence: str, dimension: str | None = None) -> float:
    """How well a threshold of ``sentence`` (matching form) decides a quantity ``question`` states about its case, in
    [0, 1]; 0.0 when the question states none or the sentence has no threshold of the same dimension. The best pair
    counts: closeness of values × (1 if the case meets the threshold, ``UNMET_SHARE`` if it fails it) × the share of
    the stated number's clause recurring in the sentence (at least ``ROLE_FLOOR``). ``dimension`` limits the stated
    quantities to one dimension (age, period, people)."""
    cases = [c for c in stated(question) if dimension is None or c.dimension == dimension]
    if not cases:
        return 0.0
    nq = normalize_for_match(question)
    best = 0.0
    found = thresholds(sentence)
    for case in cases:
        role: float | None = None
        for t in found:
            close = _closeness(case, t)
            if close == 0.0 or (t.bound is None and t.dimension != "share"):
                continue  # a number without a bound ("设 1 名书记", "预备期为一年") is no threshold
            meets = _meets(case, t)
            meets_share = UNMET_SHARE if meets is False else 1.0
            if case.dimension == "people":
                # the counted noun must stand by the threshold: "正式党员不足 7 人的党支部，设 1 名书记" counts no
                # 正式党员 in its 1 名
                near = sentence[max(0, t.start - COUNT_WINDOW) : t.end + COUNT_WINDOW]
                share = _role(nq, case, near)
            else:
                role = _role(nq, case, sentence) if role is None else role
                share = role
            best = max(best, close * meets_share * (ROLE_FLOOR + (1 - ROLE_FLOOR) * share))
    return best


# A provision extending a period it sets: "可以延长一次，延长时间不得超过三个月", "可以再延长二个月", "可适当延长审批
# 时间，但不得超过六个月", "延期时间一般不超过 1 年".
_EXTENDS_RE = re.compile(r"延长|延期|顺延|展期|再延")


def extends_period(sentence: str) -> bool:
    """Whether ``sentence`` (matching form) extends a period by a stated amount: an extension word (延长, 延期,
    顺延 …: ``_EXTENDS_RE``) and a period quantity (``quantities``). "延长留置时间应当报上一级监察机关批准" names
    no amount and is no extension of the limit. The longest a period can last is its base limit plus every such
    extension (监察法第四十八条: 三个月, 延长一次不得超过三个月, 再延长二个月; holdout5 h5-102)."""
    return bool(_EXTENDS_RE.search(sentence)) and any(q.dimension == "period" for q in quantities(sentence))


def limits_period(sentence: str) -> bool:
    """Whether ``sentence`` (matching form) sets a period with a bound (``thresholds``: "留置时间不得超过三个月",
    "应当在三个月内审批")."""
    return any(q.dimension == "period" and q.bound is not None for q in thresholds(sentence))


# A count of occurrences or of terms besides ``quantities``' dimensions: "每季度召开 1 次", "每届任期三年".
_COUNT_AMOUNT_RE = re.compile(rf"{NUMERAL}\s*(?:次|届|轮|批|项|条|种)")
# What asks for an amount: a count, a length, a share ("多少人", "多久", "几次", "多长时间", "多大比例").
ASKS_AMOUNT_RE = re.compile(r"多少|几|多久|多长|多大|多高|比例|比率")


def states_amount(sentence: str) -> bool:
    """Whether ``sentence`` (matching form) states an amount: a quantity of a known dimension (``quantities``: an
    age, a period, a head count, a share such as 半数) or a count of occurrences (``_COUNT_AMOUNT_RE``: "1 次")."""
    return bool(quantities(sentence)) or _COUNT_AMOUNT_RE.search(sentence) is not None
