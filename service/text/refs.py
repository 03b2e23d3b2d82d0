"""Article references (第一百零五条, 第32條之一, 第五章, 第二款) and the numerals they are written with.

Why one module: members, documents and LeCoQA titles write the same reference many ways (第一百零五条,
第105条, 第１０５条, 第 105 條), and splitting, lookup, query analysis, extraction, conversations and quiz
scopes must all agree on what counts as one. Every "第X条" pattern of the package is built here, from
one numeral set, one ``ArticleRef`` type, one finder (``find_refs``) and one formatter (``format_ref``).

- **Numerals**: Chinese (零 〇 ○ 一 二 两 兩 … 十 百 千, also 拾 佰 仟 when parsed) or digits; ``\\d`` is
  Unicode-aware, so full-width digits (１０５) count, and ``cn_to_int`` folds them with NFKC.
- **Units**: 编 章 节 条 款 项, traditional 編 節 條 項 accepted and reported in simplified form.
- **之一**: an inserted article (刑法第一百七十七条之一) carries ``sub=1``; its ``number`` stays 177.
- **Points**: "第二点"/"第3项"/"第一个" in a follow-up name an enumerated item, not an article: ``find_point``.

A match has a span, so a caller can tell a reference that is the whole question ("第一百零五条呢" after
fillers) from one inside a sentence ("依照第十条规定"), and line-start matchers (``article_line``,
``heading_line``) serve document splitting.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Unit = Literal["编", "章", "节", "条", "款", "项"]

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Characters a reference numeral is written with (the finder's set; parsing accepts a few more).
NUMERAL_CHARS = "零〇○一二两兩三四五六七八九十百千"
# Regex source of one numeral: Chinese, or (Unicode, so also full-width) digits.
NUMERAL = rf"(?:[{NUMERAL_CHARS}]+|\d+)"
_SUB_CHARS = "一二三四五六七八九十"
_UNIT_CHARS = "编編章节節条條款项項"
_CANONICAL_UNIT: dict[str, Unit] = {
    "编": "编",
    "編": "编",
    "章": "章",
    "节": "节",
    "節": "节",
    "条": "条",
    "條": "条",
    "款": "款",
    "项": "项",
    "項": "项",
}
# Heading units in nesting order (编 > 章 > 节), for splitting.
HEADING_LEVELS: dict[Unit, int] = {"编": 0, "章": 1, "节": 2}

# One reference: 第 + numeral + unit (+ 之X after 条); blanks allowed inside, as people type them. "倒数第二条" counts
# items from the end of a list (``find_selection``), never an article.
_REF_RE = re.compile(
    rf"(?<!倒数)(?<!倒數)第\s*({NUMERAL})\s*([{_UNIT_CHARS}])((?<=[条條])之[{_SUB_CHARS}]+)?"
)
# Regex source of any reference without blanks (第五章, 第三条, 第二款), for composing patterns.
REF_PATTERN = rf"第{NUMERAL}[{_UNIT_CHARS}]"
# Regex source of an article prefix without blanks (第三条, 第3条之一), for composing line patterns.
ARTICLE_PATTERN = rf"第{NUMERAL}[条條](?:之[{_SUB_CHARS}]+)?"
# An enumerated-item ordinal in a question: 第二点, 第3项, 第一个.
_POINT_RE = re.compile(rf"第({NUMERAL})[点项項个個]")
_HEADING_MAX = 30


def cn_to_int(numeral: str) -> int | None:
    """Parse a Chinese numeral (三十二, 一百零五, 二〇二四, 十, 两百) or digits (32, ３２) into an int.

    Returns None when the string is not a numeral. Digit-by-digit forms (二〇二四) read as 2024.
    """
    s = numeral.strip()
    if not s:
        return None
    if s.isdigit():
        return int(unicodedata.normalize("NFKC", s))
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in s):
        return None
    if not any(ch in _CN_UNITS for ch in s):
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
    return total + current


def int_to_cn(n: int) -> str:
    """Render an int as the Chinese numeral used in article numbers (32 → 三十二, 105 → 一百零五).

    Raises ``ValueError`` outside 0..9999 (no article number is that large).
    """
    if n < 0 or n >= 10000:
        raise ValueError("article numerals are written for 0..9999 only")
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    parts: list[str] = []
    rest = n
    zero_pending = False
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        q, rest = divmod(rest, value)
        if q:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(digits[q] + name)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending or (parts and n % 100 < 10 and n >= 100):
            parts.append("零")
        parts.append(digits[rest])
    return "".join(parts)


@dataclass(frozen=True)
class ArticleRef:
    """A reference to one structural unit of a document: ``第一百零五条`` → ``ArticleRef("条", 105)``.

    ``sub`` is the 之X of an inserted article (第三条之一 → 1); ``law`` the document it names, when known.
    """

    unit: Unit
    number: int
    sub: int | None = None
    law: str | None = None


@dataclass(frozen=True)
class RefMatch:
    """Where a reference was found: ``text[start:end]`` is it as written (第 32 條之一)."""

    ref: ArticleRef
    start: int
    end: int
    numeral: str  # the number as written: 三十二, 32, ３２
    unit_text: str  # the unit as written: 条 or 條
    sub_text: str  # 之一, or ""

    @property
    def core_end(self) -> int:
        """End of 第X<unit>, before any 之X suffix."""
        return self.end - len(self.sub_text)

    @property
    def written(self) -> str:
        """The reference in its written numerals without blanks: 第三十二条, 第32條之一 (a locator)."""
        return f"第{self.numeral}{self.unit_text}{self.sub_text}"


def _match(m: re.Match[str]) -> RefMatch | None:
    number = cn_to_int(m.group(1))
    if number is None:
        return None
    sub_text = m.group(3) or ""
    sub = cn_to_int(sub_text[1:]) if sub_text else None
    unit = _CANONICAL_UNIT[m.group(2)]
    return RefMatch(ArticleRef(unit, number, sub), m.start(), m.end(), m.group(1), m.group(2), sub_text)


def find_refs(text: str, units: str | None = None) -> list[RefMatch]:
    """Every 第X<unit> reference in ``text``, in order; ``units`` (e.g. "条") keeps only those units."""
    out: list[RefMatch] = []
    for m in _REF_RE.finditer(text):
        found = _match(m)
        if found is not None and (units is None or found.ref.unit in units):
            out.append(found)
    return out


def first_ref(text: str, units: str | None = None) -> RefMatch | None:
    """The first reference (of ``units``, if given) in ``text``, or None."""
    found = find_refs(text, units)
    return found[0] if found else None


def article_no(text: str) -> int | None:
    """The number of the first article (第N条) ``text`` names: "宪法第一百零五条呢" → 105, else None."""
    found = first_ref(text, "条")
    return found.ref.number if found else None


def ref_at(text: str, pos: int = 0, units: str | None = None) -> RefMatch | None:
    """The reference starting exactly at ``pos`` (after a caller's fillers), or None."""
    m = _REF_RE.match(text, pos)
    found = _match(m) if m else None
    return found if found is not None and (units is None or found.ref.unit in units) else None


def parse_locator(locator: str) -> ArticleRef | None:
    """The reference a whole locator string is ("第三十二条", "第一百七十七条之一"), else None."""
    m = _REF_RE.fullmatch(locator.strip())
    found = _match(m) if m else None
    return found.ref if found is not None else None


def article_key(number: int, locator: str) -> tuple[int, int | None]:
    """An article's identity as ``(number, 之X)`` from its number and locator: ``(3, "第三条之一")`` → (3, 1),
    ``(3, "第三条")`` → (3, None). An inserted article shares its number with its neighbour; only the
    locator's 之X tells them apart (lookup, de-duplication and structure counts key articles by this)."""
    ref = parse_locator(locator) if locator else None
    return number, ref.sub if ref is not None and ref.unit == "条" else None


def format_ref(ref: ArticleRef) -> str:
    """The canonical written form: ``ArticleRef("条", 105, law="宪法")`` → "宪法第一百零五条" (之X appended)."""
    sub = f"之{int_to_cn(ref.sub)}" if ref.sub is not None else ""
    return f"{ref.law or ''}第{int_to_cn(ref.number)}{ref.unit}{sub}"


def locator(number: int, unit: Unit = "条", sub: int | None = None) -> str:
    """Locator string of a unit: ``locator(105)`` → "第一百零五条"; ``locator(3, sub=1)`` → "第三条之一"."""
    return format_ref(ArticleRef(unit, number, sub))


def arabize_refs(text: str) -> str:
    """第三十二条 → 第32条 (any unit; blanks dropped, 之X kept) so both spellings match the same tokens."""

    def repl(m: re.Match[str]) -> str:
        found = _match(m)
        if found is None:
            return m.group(0)
        return f"第{found.ref.number}{found.unit_text}{found.sub_text}"

    return _REF_RE.sub(repl, text)


def article_line(line: str) -> RefMatch | None:
    """A line (already stripped) that starts an article: "第三条　党员必须……" or a bare "第三条".

    The reference must start the line and be followed by a blank or the end of the line, so
    "第三条规定的……" (a sentence starting with a cross-reference) is not an article start.
    """
    found = ref_at(line, 0, "条")
    if found is None or found.written != line[: found.end]:
        return None
    rest = line[found.end : found.end + 1]
    return found if not rest or rest.isspace() else None


def leading_article_end(text: str) -> int:
    """Length of a leading "第三条　" (article number plus the blanks after it), else 0."""
    found = article_line(text)
    if found is None:
        return 0
    end = found.end
    while end < len(text) and text[end].isspace():
        end += 1
    return end if end > found.end else 0


def heading_line(line: str) -> tuple[RefMatch, str] | None:
    """A 编/章/节 heading line ("第五章　党的基层组织") as (reference, name without blanks), else None.

    A heading is short (≤ 30 characters) and has no sentence punctuation.
    """
    if len(line) > _HEADING_MAX or re.search(r"[，。；,;：:]", line):
        return None
    found = ref_at(line, 0, "编章节")
    if found is None or found.written != line[: found.end]:
        return None
    return found, re.sub(r"\s+", "", line[found.end :])


def trailing_article(title: str) -> RefMatch | None:
    """The 第X条(之X) a title ends with ("个体工商户条例第二条"), else None."""
    s = title.strip()
    found = [m for m in find_refs(s, "条") if m.end == len(s) and m.written == s[m.start :]]
    return found[-1] if found else None


def find_point(text: str) -> tuple[int, int, int] | None:
    """The first enumerated-item ordinal (第二点, 第3项, 第一个) as (number, start, end), else None."""
    for m in _POINT_RE.finditer(text):
        n = cn_to_int(m.group(1))
        if n is not None:
            return n, m.start(), m.end()
    return None


# "组织处理的第十二种情形", "党纪处分里的第三种": an item counted in 种/类/步/部分 of a list the question names right
# before it; alone ("第一种形态是什么") such an ordinal names a term (监督执纪第一种形态), no item.
_NAMED_LIST_POINT_RE = re.compile(
    rf"[\u4e00-\u9fff]{{2}}(?:的|里的?|中的?|当中的?)第({NUMERAL})(?:[种種类類步]|部分)"
)


def find_listed_point(text: str) -> tuple[int, int, int] | None:
    """``find_point``, or an item counted in 种/类/步/部分 after the list it belongs to ("组织处理的第十二种情形" →
    12), as (number, start of the ordinal, end); None otherwise."""
    point = find_point(text)
    if point is not None:
        return point
    for m in _NAMED_LIST_POINT_RE.finditer(text):
        n = cn_to_int(m.group(1))
        if n is not None:
            return n, m.start(1) - 1, m.end()
    return None


def strip_points(text: str) -> str:
    """``text`` without enumerated-item ordinals ("党员的义务 第二点" → "党员的义务 ")."""
    return _POINT_RE.sub("", text)


# Regex source of an item ordinal (第二点), for patterns that anchor it inside a longer phrase.
POINT_PATTERN = rf"第{NUMERAL}[点项項个個]"

# A follow-up selecting an item of a list shown before may also name a paragraph (第二款), or the last
# one ("最后一项", "倒数第一条"): conversations' item selection.
# Members of a list are also counted as classes, steps and parts ("第九类", "第四步", "第十一部分": the kinds of 党支部,
# the steps of 预备党员转正, the parts of a 准则).
_SELECTION_UNITS = r"(?:[点项項个個款种種类類步]|部分)"
_SELECTION_RE = re.compile(rf"第({NUMERAL}){_SELECTION_UNITS}")
# "第五条原则" after "基本原则有哪几条": an item counted in 条, only where the kind noun follows (``find_selection``'s
# ``counted_articles``); a bare "第五条" is an article.
_ARTICLE_SELECTION_RE = re.compile(rf"第({NUMERAL})条(?=[\u4e00-\u9fff])")
_LAST_SELECTION_RE = re.compile(
    r"(?:最后|最末)(?:一|那一?|这一?)?(?:[点项項个個款条條种種类類步]|部分)|倒[数數]第一(?:[点项項个個款条條种種类類步]|部分)"
)
# "倒数第二个", "倒数第三项", "倒数第二条": counted from the end (-2, -3), never the second from the start; in 条
# too, since counted from the end it names no article
_FROM_END_SELECTION_RE = re.compile(rf"倒[数數]第({NUMERAL})(?:{_SELECTION_UNITS}|[条條])")


def list_place(k: int, n: int) -> int | None:
    """The 0-based index of the item a selection ``k`` picks in a list of ``n`` (``find_selection``: 1-based from
    the start, -1 the last, -2 the one before it), or None when the list has no such item."""
    if 1 <= k <= n:
        return k - 1
    if -n <= k <= -1:
        return n + k
    return None


def find_selection(text: str, counted_articles: bool = False) -> tuple[int, int, int] | None:
    """The item a follow-up selects as (number, start, end): "第二点"/"第3项"/"第二款"/"第二种"/"第九类"/"第四步"/
    "第十一部分" → 2, 3, 9, 4 or 11; "最后一项", "最后一种" or "倒数第一条" → -1 (the last item), "倒数第二个" → -2
    (``list_place`` turns either into an index). ``None`` when
    ``text`` selects nothing. With ``counted_articles``, "第五条原则" (条 followed by a word: items counted in 条)
    selects too; the caller checks that word is the noun the list was counted in.

    Unlike ``find_point``, a paragraph (款) counts, because "第二款呢" after an article asks for it.
    """
    m = _LAST_SELECTION_RE.search(text)
    if m is not None:
        return -1, m.start(), m.end()
    m = _FROM_END_SELECTION_RE.search(text)
    if m is not None and (n := cn_to_int(m.group(1))) is not None and n >= 1:
        return -n, m.start(), m.end()
    patterns = (_SELECTION_RE, _ARTICLE_SELECTION_RE) if counted_articles else (_SELECTION_RE,)
    for m in (m for pattern in patterns for m in pattern.finditer(text)):
        n = cn_to_int(m.group(1))
        if n is not None:
            return n, m.start(), m.end()
    return None


_ENUM_NUMERAL = "[一二三四五六七八九十]+"
# A numbered point of running text or of a 总纲: "第四，坚持民主集中制。" (an ordinal and a comma, no unit).
# Regex source of such an opening ordinal, one group (the numeral), for composing enumeration markers.
ENUM_ORDINAL_PATTERN = rf"第({_ENUM_NUMERAL})[，,、]"
_ENUM_ORDINAL_RE = re.compile(rf"^{ENUM_ORDINAL_PATTERN}")
# Marks that number the steps of a procedure in a text: an item "（三）" or an ordinal step "第二步" (the steps
# a procedure question needs, ``refusal.asked_object``).
STEP_MARK_PATTERN = rf"（{_ENUM_NUMERAL}）|第[一二三四五六七八九十]步"


def enum_ordinal(line: str) -> str | None:
    """The numeral of an opening ordinal point ("第四，坚持民主集中制。" → "四"), as written, else None."""
    m = _ENUM_ORDINAL_RE.match(line)
    return m.group(1) if m else None


# What follows a 第X条 that makes it a cross-reference, not the start of an article: 第四条规定的…,
# 第二条、第三条…, 第五条第二款…, 第三条和第四条….
_REFERENCE_FOLLOW_RE = re.compile(
    rf"^(的|规定|所[称列指述规]|之规定|第{NUMERAL}[款项項目]|[、，,]|[和及与或至到]第|以及第|或者第)"
)


def continues_reference(rest: str) -> bool:
    """Whether ``rest``, the text right after a 第X条, continues a cross-reference (规定的…, 、第三条…)."""
    return bool(_REFERENCE_FOLLOW_RE.match(rest))


# A sentence that points at another paragraph or item for its content ("依照前款规定处理", "有前两款所列行为",
# "本条第二款", "上述人员") cannot be read alone: a quiz stem made from it would not give what it refers to
# (issue 15). 目前/提前/当前/之前/以前/事前 are time words, not references.
_OTHER_PROVISION_RE = re.compile(
    r"(?<![目提当之以事])前[一二两三四五六七八九十]?[款项條条]|上[一]?款|前述|上述|下述|本[条條]第[一二三四五六七八九十]+[款项項]|"
    r"(?<![条條])第[一二三四五六七八九十]+[款项項](?:规定|所列|所述)"
)


def leans_on_other_provision(text: str) -> bool:
    """Whether ``text`` refers to another 款/项/条 for its content (依照前款规定, 上述人员, 本条第二款).

    Returns True when a reference such as 前款/前两款/上款/前述/上述/本条第二款/第二款规定 occurs; time words
    (目前, 提前, 之前) do not count.
    """
    return bool(_OTHER_PROVISION_RE.search(text))


# A numbered meeting ("二十届四中全会", "第十九次全国代表大会", "十九大") is named exactly or not at all: the
# 十三届四中全会 does not answer a question about the 二十届四中全会 (member trial, 2026-11-30).
_MEETING_NUMERAL = "[一二三四五六七八九十百]+"
_NUMBERED_MEETING_RE = re.compile(
    rf"{_MEETING_NUMERAL}届{_MEETING_NUMERAL}中全会|第{_MEETING_NUMERAL}次全国代表大会|"
    rf"(?<![第届]){_MEETING_NUMERAL}[大](?=[以上报会通的精提召])"
)


def numbered_meetings(text: str) -> list[str]:
    """The numbered meetings ``text`` names, in order ("党的二十届四中全会提出了…" → ["二十届四中全会"])."""
    return [m.group(0) for m in _NUMBERED_MEETING_RE.finditer(text)]


def is_numbered_meeting(term: str) -> bool:
    """Whether ``term`` is exactly a numbered meeting's name (二十届四中全会, 第十九次全国代表大会, 十九大)."""
    return _NUMBERED_MEETING_RE.fullmatch(term) is not None


def missing_item_message(title: str, number: int, sub: int | None, n_items: int, item: int) -> str:
    """The refusal for an item (项) an article does not have: "《中国共产党章程》第三条共八项，没有第九项。".

    ``title``: the document title, with or without 《》; ``number``/``sub``: the article (第三条之一 → 3, 1);
    ``n_items``: how many enumerated items (（一）（二）…) the article has, 0 when it has none ("…第六条没有
    分项，无法提供第二项。"); ``item``: the item asked for (1-based). Issue 11, item 7: a reference is
    checked against the text, not assumed.
    """
    shown = title if title.startswith("《") else f"《{title}》"
    art = locator(number, sub=sub)
    if n_items <= 0:
        return f"{shown}{art}没有分项，无法提供第{int_to_cn(item)}项。"
    return f"{shown}{art}共{int_to_cn(n_items)}项，没有第{int_to_cn(item)}项。"


# "下一条呢" / "上一条讲什么" / "后一条": the article next to the one the previous answer cited.
_RELATIVE_ARTICLE_RE = re.compile(
    r"^(?:那么|那|请问|再看|看看)?(?:再)?(下一|后一|上一|前一|下|上)[条條](?:呢|吗|是什么|是啥|讲了?什么|说了?什么|"
    r"的内容|内容是什么|怎么说|规定了什么)*[？?。!！\s]*$"
)


def relative_article(text: str) -> int | None:
    """The offset of a relative article request: "下一条呢" → +1, "上一条是什么" → −1; None otherwise.

    ``text`` is the (simplified) follow-up as asked; anything beyond fillers and question words makes it
    a different question ("下一条规定的期限是多久" is None)."""
    m = _RELATIVE_ARTICLE_RE.match(text.strip())
    if m is None:
        return None
    return 1 if m.group(1) in ("下一", "后一", "下") else -1


def missing_article_message(title: str, n_articles: int, number: int, sub: int | None = None) -> str:
    """The refusal for an article a document does not have: "《中国共产党章程》共五十五条，没有第六十条。".

    ``title``: the document title, with or without 《》 (a version note may follow the closing 》);
    ``n_articles``: how many articles the document has; ``number`` (and ``sub``, the 之X of an inserted
    article: "没有第四条之一"): the article asked for. The one wording used by lookup (``rag/lookup.py``)
    and by version-aware document facts (``versions/facts.py``).
    """
    shown = title if title.startswith("《") else f"《{title}》"
    return f"{shown}共{int_to_cn(n_articles)}条，没有{locator(number, sub=sub)}。"


# A place at either end of a document that a question names ("党章开头第一句", "…最后一段"; ``rag.position``):
# the beginning, the end, and one sentence of it.
DOCUMENT_START_PATTERN = r"开头|开篇|开宗明义|第一句|首句|第一段|首段|第一[段句]话|最前面|一开始"
DOCUMENT_END_PATTERN = r"结尾|末尾|最后一句|最后一段|最后一条|最后面|收尾"
ONE_SENTENCE_PATTERN = r"第一句|首句|最后一句|[段句]话"
# "是第几条规定的", "哪一条规定了…", "在哪条": the question asks which article, not a quantity (trial 4, D).
ARTICLE_ASK_RE = re.compile(r"第几[条條]|哪一?[条條](?![件路])")


# "是第几次修订", "第几届": an ordinal asked, with its measure word (not an article: ``ARTICLE_ASK_RE``).
_ORDINAL_ASK_RE = re.compile(r"第(?:几|多少)\s*([次届批轮期])")


def asked_ordinal(text: str) -> re.Pattern[str] | None:
    """The ordinal that answers an ordinal ask in ``text`` (matching form), else None: "2023年纪律处分条例是第几次修订"
    is answered by "第三次修订" (第 + numeral + the asked measure word), never by a count ("三次") (holdout7 h7-307)."""
    m = _ORDINAL_ASK_RE.search(text)
    return None if m is None else re.compile(rf"第\s*{NUMERAL}\s*{m.group(1)}")


def asks_article_number(text: str) -> bool:
    """Whether ``text`` asks which article holds something ("按2018年的纪律处分条例，收受礼品是第几条"): its
    answer is the cited article's number (the answer's locator), not a number in the article's text."""
    return ARTICLE_ASK_RE.search(text) is not None
