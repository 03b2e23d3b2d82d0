"""Numbered terms and lists: whether a text spells out what a named group stands for ("四个意识", "三会一课",
"四风"), and whether an answer lists as many things as a "哪八项" question asks for.

Used by the mention-only check (``mention.mention_only``) and by the answerer to compose the spelled-out
lines (``spelling_lines``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.text.normalize import cn_to_int, normalize_for_match

ASKED_COUNT_RE = re.compile(r"哪([两二三四五六七八九十\d]+)[个项种条点类方面字]")


# A count before a quoted word: "哪四个“廉洁”", "是哪三项“严”", "哪几个“不”".
_COUNTED_QUOTE_RE = re.compile(
    r"哪([两二三四五六七八九十\d]+|几)([个项条种点类方面]?)[“「\"]([^”」\"]{1,12})[”」\"]"
    # "规范的四个“廉洁”是什么": a stated count and its measure word, no ordinal (holdout7 h7-206)
    r"|(?<![第两二三四五六七八九十\d])([两二三四五六七八九十]+)([个项条种点类])[“「\"]([^”」\"]{1,12})[”」\"]"
)


def counted_quote(question: str) -> tuple[str, str, int] | None:
    """``(group, word, n)`` when ``question`` asks for a counted list by a quoted word its members share:
    "党员领导干部的廉洁自律规范是哪四个“廉洁”" → ("四个廉洁", "廉洁", 4), answered by 廉洁从政、廉洁用权、廉洁修身、
    廉洁齐家, not by a definition of 廉洁; ``n`` is 0 for "哪几个“廉洁”" (group "几个廉洁"). None otherwise."""
    m = _COUNTED_QUOTE_RE.search(normalize_for_match(question))
    if m is None:
        return None
    count, measure, word = m.groups()[:3] if m.group(1) is not None else m.groups()[3:]
    n = 0 if count == "几" else cn_to_int(count) or 0  # digits, 两 and 十 alike (refs.cn_to_int)
    return f"{count}{measure}{word}", word, n


def _lists_characters(norm: str, n: int) -> bool:
    """A "哪十六个字" question is answered by a list of equally long items totalling ``n`` characters:
    "集体领导、民主集中、个别酝酿、会议决定"."""
    for k in range(2, 9):
        if n % k or n // k < 2:
            continue
        if re.search(rf"(?:[\u4e00-\u9fff]{{{k}}}[、，,]){{{n // k - 1}}}[\u4e00-\u9fff]{{{k}}}", norm):
            return True
    return False


# A shown line of at most this many characters is a list item by itself (a theory article's short paragraph lead).
SHORT_ITEM_CHARS = 12


ITEM_LINE_RE = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])", re.M
)


# A count the question gives, then asks its members: "秦州区那16个软弱涣散村具体是哪些村", "那3个示范点分别是哪几个";
# not an article's number (第六条) nor a count inside a quoted term ("五个一批", "两个覆盖").
_GIVEN_MEMBERS_RE = re.compile(
    r"(?<![第“「\"\d两二三四五六七八九十百])(\d+|[两二三四五六七八九十百]+)\s*(?:个|名|家|所|项|条|种|位|处|类|批)"
    r"[^，,。；;？?！!“”「」\"]{0,12}?"
    r"(?:具体|分别|都|究竟|到底)?(?:是|有|包括|指)?(?:哪些|哪几)"
)


def enumeration_answers(question: str, shown_text: str) -> bool:
    """A "哪八项" question needs an answer listing that many things: enumerated items, or one sentence
    with that many 、-separated parts. "中央八项规定具体是哪八项" is not answered by a mention of 八项规定, and
    "秦州区那16个软弱涣散村具体是哪些村" (a count given, its members asked) not by "确定了16个软弱涣散村党组织"."""
    nq = normalize_for_match(question)
    m = ASKED_COUNT_RE.search(nq) or _GIVEN_MEMBERS_RE.search(nq)
    if m is None:
        return True
    n = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1)) or 0
    if m.re is ASKED_COUNT_RE and (nq[m.end() : m.end() + 1] == "字" or nq[m.end() - 1 : m.end()] == "字"):
        return _lists_characters(normalize_for_match(shown_text), n)
    if len(ITEM_LINE_RE.findall(shown_text)) >= n:
        return True
    # paragraphs that open alike are items too: "实施……政治引领工程", "实施……队伍引领工程" … (五大工程)
    openings = [line.strip()[:2] for line in shown_text.split("\n") if len(line.strip()) > 2]
    if any(openings.count(o) >= n for o in set(openings)):
        return True
    # short paragraph leads shown one a line are items too: "抓基本強基礎。", "抓責任強落實。", "抓隊伍強能力。"
    if sum(1 for line in shown_text.split("\n") if 2 < len(line.strip()) <= SHORT_ITEM_CHARS) >= n:
        return True
    return any(len(re.split(r"[、，,]", s)) >= n for s in re.split(r"[。！？!?；;\n]", shown_text))


# Verbs that take a named term as given ("做到“两个维护”", "以“四个合格”为标准", "经受“四大考验”").
USE_VERBS = (
    "做到|坚持|落实|增强|坚定|树立|践行|贯彻|执行|运用|拥护|经受|克服|实施|加强|突出|开展|推进|深化|以|按照|围绕|结合"
    "|强化|发扬|弘扬|遵守|违反|违背|体现|健全|完善|提升|提高|当好|争当|把"
)


_USED_RE = re.compile(rf"(?:{USE_VERBS})$")


# A numbered abbreviation ("四自", "三不") is spelled out, not named, by the texts that define it.
NUMBERED_RE = re.compile(r"^[一二两三四五六七八九十百\d]")


_COMPOUND_RE = re.compile(
    r"^([一二两三四五六七八九十])个?([\u4e00-\u9fff])([一二两三四五六七八九十])个?([\u4e00-\u9fff])$"
)


def is_numbered_compound(term: str) -> bool:
    """Whether ``term`` is a numbered compound such as 三会一课, 四不两直 or 三重一大 (``_COMPOUND_RE``)."""
    return _COMPOUND_RE.match(term) is not None


def compound_parts(term: str) -> tuple[tuple[int, str], tuple[int, str]] | None:
    """The two (count, counted character) parts of a numbered compound (``_COMPOUND_RE``): "三会一课" → ((3, 会),
    (1, 课)), "两学一做" → ((2, 学), (1, 做)); None for any other term."""
    m = _COMPOUND_RE.match(term)
    if m is None:
        return None
    return (cn_to_int(m.group(1)) or 0, m.group(2)), (cn_to_int(m.group(3)) or 0, m.group(4))


def numbered_count(term: str) -> tuple[int, str] | None:
    """(N, what is counted) of a term naming N things (``_NUMBERED_TERM_RE``, number and measure word left out):
    "四下基层" → (4, 下基层), "两个务必" → (2, 务必), "五种能力" → (5, 能力); None for a term that is not numbered."""
    m = _NUMBERED_TERM_RE.fullmatch(term)
    return (cn_to_int(m.group(1)) or 0, m.group(2)) if m else None


def counted_part(term: str) -> str:
    """What a numbered term counts, without number and measure word: "四下基层" → 下基层, "两个务必" → 务必,
    "四个廉洁" → 廉洁; "" for a term that is not numbered (``numbered_count``)."""
    numbered = numbered_count(term)
    return numbered[1] if numbered else ""


def is_numbered_term(term: str) -> bool:
    """Whether ``term`` names a numbered group: a compound (三会一课) or N things ("四下基层", "五个一批", "两个务必")."""
    return is_numbered_compound(term) or numbered_count(term) is not None


def enumerates_compound(norm: str, term: str) -> bool:
    """True when ``norm`` spells out a compound numbered term: "三会一课" is 党员大会、党小组会 … and 上党课,
    i.e. a sentence whose listed items end in 会 three times and in 课 once (an item may end one character
    later: 支部委员会会议; or begin with it: "四不两直" is 不发通知、不打招呼 … 直奔基层、直插现场).
    Occurrences of the term itself do not count."""
    parts = compound_parts(term)
    if parts is None:
        return False
    for sentence in re.split(r"[。！？!?；;\n]", norm.replace(term, "")):
        items = [i for i in re.split(r"[、，,和及与]", sentence) if i]
        if all(
            len(_distinct([i for i in items if suffix in i[-2:] or suffix in i[:3]])) >= n
            for n, suffix in parts
        ):
            return True
    return False


def _distinct(items: list[str]) -> list[str]:
    """``items`` less those holding another of them: a title and its deputy ("州长", "副州长") or a body and its
    officer ("自治区", "自治区主席") are one thing named twice, not two members of a list (issue 11, item 5: "三区三州"
    is not spelled out by 地方组织法's list of 省、自治区、直辖市、自治州 and their 州长、副州长)."""
    return [i for i in items if not any(o != i and o in i for o in items)]


_NUMBERED_TERM_RE = re.compile(r"([一二两三四五六七八九十]+)(?:个|项|种|条|大)?([\u4e00-\u9fff]{1,4})$")


LIST_ITEM_MAX = 14  # characters of one item of a spelled-out list ("互不干涉内政")


def spells_out(norm: str, term: str) -> bool:
    """True when ``norm`` spells out the things a named term stands for, in one of the forms texts use:

    - N consecutive clauses that each contain the suffix of a numbered term ("四个服从": 党员个人服从党的组织，
      少数服从多数，……; "三个强化": 强化纪律意识、强化责任意识、强化党员意识);
    - N clauses of one sentence that each contain what is counted, when it has three characters or more ("两个一百年":
      到建党一百年时，……；到新中国成立一百年时，……; a pair of two-character verbs says little: "维护……，维护……");
    - a list of N items (N ≥ 3 for an unnumbered term) standing right before the term, its numbered part or its
      head without a modifier ("乡村干部队伍、驻村工作队伍、党员先锋队伍“三支队伍”", "……平等互利、和平共处五项原则",
      "创新、协调、绿色、开放、共享的发展理念" for 新发展理念), or right after it ("四风，即……");
    - a list of N items whose last item ends in the suffix ("形式主义、官僚主义、享乐主义和奢靡之风": 四风);
    - a list of N items each built around the two characters counted ("不敢腐、不能腐、不想腐": 三不腐, ``infix_run``);
    - N headings or paragraphs of one list that each contain the suffix: "（一）……强化纪律意识" …, or paragraphs
      opening alike ("实施……政治引领工程", "实施……队伍引领工程" …: 五大工程).

    A term merely used next to another list ("健康体检、交通补贴、带薪休假等举措和“三个区分开来”要求"), clauses that
    happen to share a common suffix ("四个一": 一), or a list of another length is none (issue 11, item 5)."""
    m = _NUMBERED_TERM_RE.search(term)
    compound = compound_parts(term)
    if compound:
        # "两学一做" is spelled out as its parts (``enumerates_compound``); "五位一体" by a clause of the sentence that
        # names it listing five things (four or more: a shorter list beside "三诺一评" says nothing)
        first = compound[0][0]
        return first >= 4 and any(
            _clause_lists(sentence, term, first) for sentence in re.split(r"[。！？!?\n]", norm)
        )
    n = (cn_to_int(m.group(1)) or 0) if m else 0
    suffix = m.group(2)[-2:] if m else ""
    whole = m.group(2) if m else ""  # what is counted: 一百年 of 两个一百年
    if m and (n < 2 or _NUMERAL_RE.fullmatch(suffix)):
        return False
    if m and infix_run(norm, term) == n:
        return True  # "三不腐": 不敢腐、不能腐、不想腐
    anchors = [term]
    if m:
        anchors.append(term[m.start() :])  # 和平共处五项原则 → 五项原则
    else:
        anchors += [term[k:] for k in (1, 2) if len(term) - k >= 3]  # 新发展理念 → 发展理念
    for sentence in re.split(r"[。！？!?\n]", norm):
        # two clauses sharing a verb ("坚决维护……，坚决维护……") say little: a pair must name the term too
        clauses = re.split(r"[，,；;、]", sentence.replace(term, ""))
        if suffix and (n >= 3 or term in sentence) and _suffix_run(clauses, suffix) == n:
            return True
        if len(whole) >= 3 and sum(whole in c for c in clauses) == n:
            return (
                True  # a part of three characters or more is specific: "到建党一百年时……到新中国成立一百年时"
            )
        parts = re.split(r"[，,；;：:]", sentence)
        for part in parts:
            if _list_by(part, anchors, n) or (suffix and _list_ending_in(part.replace(term, ""), suffix, n)):
                return True
        if n >= 3 and _clause_lists(sentence, term, n):
            return True
        if any(
            re.search(rf"{re.escape(a)}[”」\"]?(?:，?即|：|:|是指|指的是|包括)", sentence) for a in anchors
        ):
            after = re.split(
                rf"{re.escape(term)}[”」\"]?(?:，?即|：|:|是指|指的是|包括)", sentence, maxsplit=1
            )[-1]
            if _items_match(re.split(r"[，,；;]", after)[0], n):
                return True
    return len(suffix) >= 2 and bool(_paragraphs_spell(norm, term, suffix, n))


_NUMERAL_RE = re.compile(r"[一二两三四五六七八九十百千]+")


INFIX_MAX = 2  # characters between the two of a counted part in each item: 不敢腐 (敢) of 三不腐


def _infix_items(counted: str) -> re.Pattern[str] | None:
    """A run of items each made of the two characters of ``counted`` with one or two between them, joined by 、, 和
    or 及 (三不腐: "不敢腐、不能腐、不想腐"); None unless ``counted`` has two characters."""
    if len(counted) != 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in counted):
        return None
    item = rf"{re.escape(counted[0])}[\u4e00-\u9fff]{{1,{INFIX_MAX}}}?{re.escape(counted[1])}"
    return re.compile(rf"{item}(?:[、和及]{item})+")


def infix_run(norm: str, term: str) -> int:
    """The number of items of the longest list of ``norm`` that spells out a numbered ``term`` whose counted part
    stands around a word of each item ("三不腐" → 不敢腐、不能腐、不想腐: 3), 0 when there is none."""
    pattern = _infix_items(counted_part(term))
    if pattern is None:
        return 0
    return max((len(re.split(r"[、和及]", m.group())) for m in pattern.finditer(norm)), default=0)


def names_counted(norm: str, term: str) -> bool:
    """Whether ``norm`` names what the numbered ``term`` counts: the counted part itself (下基层 of 四下基层), or a
    list of items built around it (不敢腐、不能腐、不想腐 of 三不腐; ``infix_run``)."""
    counted = counted_part(term)
    return bool(counted) and (counted in norm or infix_run(norm, term) >= 2)


_ITEM_MARK_RE = re.compile(
    r"^\s*(?:[（(]([一二三四五六七八九十]+)[）)]|([一二三四五六七八九十]+)是|([一二三四五六七八九十]+)、|(\d+)[、.．])"
)


def _clause_lists(sentence: str, term: str, n: int) -> bool:
    """A sentence naming ``term`` one of whose other clauses lists exactly ``n`` things: "按照“五位一体”总体布局……，
    统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设"."""
    if term not in sentence:
        return False
    return any(
        term not in part and "的" not in part and _items_match(_LIST_LEAD_RE.sub("", part), n)
        for part in re.split(r"[，,；;：:]", sentence)
    )


def _suffix_run(clauses: Sequence[str], suffix: str) -> int:
    """Length of the longest run of consecutive clauses containing ``suffix``."""
    best = run = 0
    for c in clauses:
        run = run + 1 if suffix in c else 0
        best = max(best, run)
    return best


def _items_match(text: str, n: int) -> bool:
    """Whether ``text`` is a list of ``n`` short items (any number ≥ 3 when ``n`` is 0) joined by 、, the last
    pair possibly by 和/及/与."""
    items = [i for i in text.split("、") if i]
    if len(items) < 2 or any(len(i) > LIST_ITEM_MAX for i in items[1:-1]):
        return False
    counts = {len(items)}
    if re.search(r"[和及与]", items[-1][1:]):
        counts.add(len(items) + 1)
    return (n in counts) if n else max(counts) >= 3


def _list_by(part: str, anchors: Sequence[str], n: int) -> bool:
    """A list of ``n`` items standing right before one of ``anchors`` (等, 的 and quotation marks between)."""
    for a in anchors:
        if a not in part:  # a fast path: no occurrence to look before
            continue
        for m in re.finditer(re.escape(a), part):
            before = re.sub(r"(?:等|的|[“”「」\"\s])+$", "", part[: m.start()])
            if (
                before.endswith(("和", "及", "与", "或", "、"))
                or "、" not in before
                or _USED_RE.search(before)
            ):
                continue  # "……等举措和“三个区分开来”", "……、坚决做到“两个维护”": the term is no list's name
            if _items_match(_LIST_LEAD_RE.sub("", before), n):
                return True
    return False


def _list_ending_in(part: str, suffix: str, n: int) -> bool:
    """A list of ``n`` (≥ 3) items whose last item ends in ``suffix``: 形式主义、官僚主义、享乐主义和奢靡之风."""
    if n < 3:
        return False
    for m in re.finditer(re.escape(suffix), part):
        end = m.end()
        if end < len(part) and re.match(r"[\u4e00-\u9fff]", part[end]) and part[end] not in "问":
            continue
        items = _LIST_LEAD_RE.sub("", part[:end])
        if "的" not in items.split("、")[-1] and _items_match(items, n):
            return True
    return False


_LIST_LEAD_RE = re.compile(r"^.*?(?:反对|坚持|纠治|防止|克服|经受|树立|增强|坚定|包括|做到)")


def spelling_lines(norm: str, term: str) -> list[str]:
    """The N headings or paragraphs of ``norm`` (matching form, lines kept) that spell out the numbered ``term``
    (see ``spells_out``), in order, or [] when none do: "三个强化" → ["（一）讲政治、守规矩,强化纪律意识", …]."""
    m = _NUMBERED_TERM_RE.search(term)
    if m is None or _COMPOUND_RE.match(term) or _NUMERAL_RE.fullmatch(m.group(2)[-2:]):
        return []
    n = cn_to_int(m.group(1)) or 0
    suffix = m.group(2)[-2:]
    return _paragraphs_spell(norm, term, suffix, n) if n >= 2 and len(suffix) >= 2 else []


def _paragraphs_spell(norm: str, term: str, suffix: str, n: int) -> list[str]:
    """N headings of one numbered list ("（一）……", "一是……") right after a line naming ``term`` ("一、突出“三个强化”"),
    or N (≥ 3) paragraphs opening with the same two characters whose first clause contains ``suffix``
    ("实施……政治引领工程，……"): those lines, else []."""
    lines = list(dict.fromkeys(line.strip() for line in norm.split("\n") if line.strip()))
    groups: dict[int, list[tuple[int, list[str]]]] = {}  # style → [(index of the line before, items)]
    for idx, line in enumerate(lines):
        mark = _ITEM_MARK_RE.match(line)
        if mark is None:
            continue
        style = next(i for i, g in enumerate(mark.groups()) if g)
        raw = mark.group(style + 1)
        k = int(raw) if raw.isdigit() else cn_to_int(raw) or 0
        if k == 1 or style not in groups:
            groups.setdefault(style, []).append((idx - 1, []))
        groups[style][-1][1].append(line)
    for lists in groups.values():
        for before, items in lists:
            lead = lines[before] if before >= 0 else ""
            if term in lead and len(items) == n and all(suffix in line.replace(term, "") for line in items):
                return items
    by_lead: dict[str, list[str]] = {}
    for line in lines if n >= 3 else ():
        opening = re.split(r"[，,；;。：:]", line.replace(term, ""))[
            0
        ]  # its own heading: "实施……政治引领工程,"
        if suffix in opening and re.match(r"[\u4e00-\u9fff]{2}", line) and not line.startswith("第"):
            by_lead.setdefault(line[:2], []).append(line)
    return next((g for g in by_lead.values() if len(g) == n), [])
