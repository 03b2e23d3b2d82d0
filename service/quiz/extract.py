"""Candidate facts for quiz items, found in the source text itself.

A fact is a span of one source sentence that an item can ask about: a number with its unit (预备期为一年,
三人以上, 每人每月200元, 1.5万元, 8小时, 60平方米), a range (60~79周岁), a key term or fixed formulation
(“两个维护”, 战斗堡垒) or the members of an enumeration (政治纪律、组织纪律、……). Sentences are verbatim
substrings of the chunk text, so the quote of every item can be checked against the source; list markers
(（一）) and article heads (第七条　) are left out of them.

What is *not* a quotable sentence (issue 15, the stems a trainer rejected): a heading (a line without final
punctuation, "一、突出政治功能"), a sentence opened by an enumeration marker ("第四，坚持民主集中制。",
"一是……"), a sentence that leans on the previous one ("它的……", "但……"), and in theory articles news prose
(dates, reporters, captions) rather than a substantive claim. A clause after "；" is kept when it stands
alone as a rule (a modal verb or a "……的，" condition), so "……；80周岁以上的，每人每月300元。" is a fact.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import jieba

from service.quiz.terms import FORMULATIONS, TERM_GROUPS, term_kind
from service.schemas import Chunk
from service.text.refs import ARTICLE_PATTERN, ENUM_ORDINAL_PATTERN, cn_to_int, leans_on_other_provision

FactKind = Literal["number", "term", "enumeration", "statements", "mentions"]

MIN_SENTENCE = 10
MAX_SENTENCE = 150
WINDOW_TARGET = 90
THEORY_MAX = 110  # theory articles: whole sentences a member reads in one go, never clause windows

_BLOCK_RE = re.compile(r"[^\n]+")
_SENTENCE_RE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
_CLAUSE_RE = re.compile(r"[^，,]+[，,]?")
_HEAD_RE = re.compile(
    rf"^\s*(?:{ARTICLE_PATTERN}[\s　]*)?(?:[（(][一二三四五六七八九十\d]+[）)]|[①-⑳]|\d+[.、．])?[\s　]*"
)
# Sentences that lean on a previous one ("它的基本任务是") or continue it ("但是……") cannot stand alone.
DANGLING_STARTS = (
    "它",
    "其",
    "这",
    "该",
    "此",
    "上述",
    "以上",
    "前款",
    "他们",
    "她们",
    "但",
    "而",
    "并",
    "和",
    "与",
    "或",
    "及",
    "以及",
    "因此",
    "所以",
    "同时",
    "另外",
    "此外",
    "如果",
    "那么",
    "即",
    "等",
    "情节",  # 情节严重的，给予……: the offence it grades is in the previous clause
    "对直接责任者",
    "对其他",
    "本条",
    "依照前款",
    "（",  # (2003年12月23日……发布): publication notes, not rules
    "(",
)

_CN_NUM = "零〇一二两三四五六七八九十百千万"
_NUM = rf"(?:\d+(?:\.\d+)?万?|[{_CN_NUM}]+)"
# Longest first: 万元 before 元, 个工作日 before 日, 平方米 before 米.
_UNIT = (
    r"(?:万元|亿元|元|平方米|平方公里|公里|千米|个工作日|工作日|个小时|小时|分钟|学时|周岁|岁|个月|年|人|名|种|天|日"
    r"|周|倍|%|％|个|项|条|次|户)"
)
_NUMBER_RE = re.compile(rf"(?<![第\d{_CN_NUM}.])({_NUM}(?:分之{_NUM})?)[ 　]?({_UNIT})?")
_RANGE_SEPS = "至|到|—|－|-|～|~"
_RANGE_RE = re.compile(rf"(?<![第\d{_CN_NUM}.])({_NUM})({_UNIT})?(?:{_RANGE_SEPS})({_NUM})({_UNIT})")
_QUOTED_RE = re.compile(r"“([^“”，,。；;：:、！？\s]{2,12})”")
_ENUM_ITEM = r"[^、，,。；;：:！？!?（）()\s《》]{1,30}"
_ENUM_RE = re.compile(rf"(?:{_ENUM_ITEM}、){{2,}}{_ENUM_ITEM}")
_CN_DIGIT_CHARS = set("一二两三四五六七八九十")
_JOINERS = re.compile(r"[的和与及或]")
_CLAUSE_WORDS = re.compile(r"[的是了]|下列|以下")
_LEADING_VERBS = re.compile(
    r"^(?:进一步)?(?:建立|加强|推进|开展|坚持|实现|推动|健全|完善|落实|严格|包括|实行|增强|提高|统筹推进|统筹|发挥|强化|深化)"
)
_LEADING_FUNCTION_CHARS = set("把将对从以向为由让使被在与和及是")
# Adverbs that open a list's first member ("只有改革开放，才能发展中国、发展社会主义……"): not part of it.
_LEADING_ADVERBS = ("才能", "才", "就")


@dataclass(frozen=True)
class Sentence:
    """One quotable sentence (or clause window of a long sentence): ``text`` == chunk.text[start:end]."""

    chunk: Chunk
    text: str
    start: int
    index: int
    context: str | None = None  # the intro of a numbered list item, e.g. "党员必须履行下列义务"


@dataclass(frozen=True)
class Span:
    start: int  # offsets inside Sentence.text
    end: int
    text: str


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    sentence: Sentence
    spans: tuple[Span, ...]  # one span, or the members of an enumeration
    category: str  # unit of a number, kind of a term, suffix shared by enumeration members
    value: float | None = None  # numbers only (the lower end of a range)
    upper: float | None = None  # ranges only: the upper end (60~79周岁 -> value 60, upper 79)


def is_dangling(text: str) -> bool:
    return not text or text[0] in "，,。；;：:、！？）)”" or text.startswith(DANGLING_STARTS)


# Enumeration markers that open a sentence in running text: what follows is a bare predicate
# ("第四，坚持民主集中制。", "一是加强……", "其次，……"), not a statement that stands on its own.
ENUM_MARKER_RE = re.compile(
    rf"^(?:{ENUM_ORDINAL_PATTERN}|[一二三四五六七八九十]+是|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十\d]+[）)]|[①-⑳]|\d+[、.．]|首先|其次|再次|最后|另一方面|一方面)"
)
# A clause after "；" is a rule of its own when it has a modal verb or a "……的，" condition.
_RULE_WORDS = re.compile(r"应当|必须|不得|可以|应|须|给予|实行|有权|负责|享有|不超过|不少于|一般|由|是|为|每")
# News prose in theory articles: dates, bylines, captions and page furniture are not claims to test.
_NEWS_RE = re.compile(
    r"\d{1,2}月\d{1,2}日|[年]\d{1,2}月|记者|通讯员|日电|图①|图②|本报|来源[:：]|责任编辑|（作者|作者[:：]|"
    r"点击|扫码|上一篇|下一篇|猜你喜欢|相关新闻"
)
# Besides 前款/上述/本条第二款 (``leans_on_other_provision``), a sentence that says "违反这些规定的" or "有下列
# 行为之一" leans on text the stem would not give (trainer's review of issue 15): not asked alone.
_CONTEXT_WORDS_RE = re.compile(
    r"(?:这些|这类|这项|该项|此项|上列)(?:规定|要求|行为|情形|人员|纪律|问题|情况)|下列|以下(?:行为|情形|规定|情况)"
)


def leans_on_context(text: str) -> bool:
    """Whether ``text`` needs another provision or a list it introduces to be understood."""
    return leans_on_other_provision(text) or bool(_CONTEXT_WORDS_RE.search(text))


_CLAIM_WORDS = re.compile(
    r"要|必须|坚持|是|始终|关键|根本|核心|基础|重要|应当|不断|加强|推动|着力|提升|发挥|引领|确保|把|将"
)


def is_heading(line: str) -> bool:
    """A line that is a heading, not a sentence: no final punctuation and short (一、突出政治功能)."""
    body = line.strip(" 　\t")
    return bool(body) and body[-1] not in "。！？!?；;：:”）)" and len(body) <= 40


def has_enum_marker(text: str) -> bool:
    return bool(ENUM_MARKER_RE.match(text))


def is_substantive(text: str, doc_type: str) -> bool:
    """Theory articles: a claim (要/必须/坚持/是 …) and no news furniture; regulations: always."""
    if is_regulation(doc_type):
        return True
    return bool(_CLAIM_WORDS.search(text)) and not _NEWS_RE.search(text)


def split_sentences(chunk: Chunk) -> list[Sentence]:
    """Quotable sentences of a chunk, in order. Long sentences become windows of whole clauses.

    Headings, sentences opened by an enumeration marker, dangling sentences, clauses of an inline list
    after "：" and (in theory articles) news prose are left out; see the module docstring.
    """
    out: list[Sentence] = []
    context: str | None = None
    for block in _BLOCK_RE.finditer(chunk.text):
        raw = block.group(0)
        head = _HEAD_RE.match(raw)
        offset = block.start() + (head.end() if head else 0)
        body = chunk.text[offset : block.end()].rstrip()
        is_item = bool(head and re.search(r"[（(①-⑳]|\d+[.、．]", head.group(0)))
        if not is_item:
            context = None
        if is_heading(body) and not (is_item and context):
            continue  # 第一章 总则 / 一、突出政治功能 / a title line
        if is_item and not context:
            continue  # a list item whose intro is not quotable ("……，有下列行为之一的："): no subject
        block_context = context if is_item else None
        previous_end = "。"
        for m in _SENTENCE_RE.finditer(body):
            text = m.group(0)
            lead = len(text) - len(text.lstrip(" 　\t"))
            text = text.strip(" 　\t")
            if not text:
                continue
            start = offset + m.start() + lead
            if text.endswith(("：", ":")):
                previous_end = "。"
                intro = text.rstrip("：:")
                plain = len(intro) <= 40 and "，" not in intro and "," not in intro and not is_dangling(intro)
                context = intro if plain else None  # "它的基本任务是" needs its own context: dropped
                continue
            after_colon = previous_end in "：:"
            after_semicolon = previous_end in "；;"
            previous_end = text[-1]
            if after_colon:
                continue  # "进行问责或提出……；": a clause of an inline list, not a standalone statement
            if after_semicolon and not (_RULE_WORDS.search(text) or "的，" in text):
                continue
            if has_enum_marker(text) or not is_substantive(text, chunk.doc_type):
                continue
            if leans_on_context(text):
                continue  # "……的，依照前款规定处理": the 款 it leans on is not in the stem
            if text[-1] not in "。！？!?；;”" or text.count("“") != text.count("”"):
                continue  # cut by a line break or a quotation that runs on: not a whole statement
            theory = not is_regulation(chunk.doc_type)
            if theory and len(text) > THEORY_MAX:
                continue  # a long sentence of an article: windows of it lose their subject or their end
            for piece, piece_start in _windows(text, start):
                if MIN_SENTENCE <= len(piece) <= MAX_SENTENCE and not is_dangling(piece):
                    out.append(Sentence(chunk, piece, piece_start, len(out), block_context))
    return out


def is_regulation(doc_type: str) -> bool:
    return doc_type in ("regulation", "party_regulation", "law")


def _windows(text: str, start: int, target: int = WINDOW_TARGET) -> list[tuple[str, int]]:
    if len(text) <= MAX_SENTENCE:
        return [(text, start)]
    pieces: list[tuple[str, int]] = []
    cur_start, cur = 0, ""
    for m in _CLAUSE_RE.finditer(text):
        if cur and len(cur) + len(m.group(0)) > target:
            pieces.append((cur, start + cur_start))
            cur_start, cur = m.start(), ""
        cur += m.group(0)
    if cur:
        pieces.append((cur, start + cur_start))
    return pieces


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”", text)]


def _inside(pos: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos[0] and pos[1] <= b for a, b in spans)


def number_value(numeral: str) -> float | None:
    if "分之" in numeral:
        den, num = numeral.split("分之", 1)
        d, n = number_value(den), number_value(num)
        return n / d if d and n is not None else None
    if re.fullmatch(r"\d+(?:\.\d+)?万?", numeral):
        base = float(numeral.rstrip("万"))
        return base * 10000 if numeral.endswith("万") else base
    value = cn_to_int(numeral.replace("万", "")) if "万" not in numeral[:-1] else None
    if value is None:
        return None
    return float(value * 10000 if numeral.endswith("万") else value)


_DATE_FOLLOW = "代级度底初末中内间"


def _plain_number(text: str, m: re.Match[str], numeral: str, unit: str) -> float | None:
    """The value of a number fact, or None when the match is not a fact a member should recall."""
    cjk = not numeral[0].isdigit()
    value = number_value(numeral)
    if value is None:
        return None
    follow = text[m.end() : m.end() + 1]
    before = text[max(0, m.start() - 1) : m.start()]
    if unit == "年" and (follow in _DATE_FOLLOW or value >= 1000):
        return None  # 年代 / 年度 / dates (2024年, 一九四九年): not facts a member should recall
    if unit in {"日", "号"} and (before == "月" or follow in "起前后止"):
        return None  # 1月1日, 自公布之日起: dates
    if unit == "周" and follow == "年":
        return None  # 周年: anniversaries
    if cjk and unit in {"个", "项", "条", "次"}:
        return None  # 三个代表, 四项基本原则: numbered formulations, handled as terms
    if value == 1 and unit not in {"年", "个月", "天", "日", "周岁", "岁", "小时", "个小时", "周"}:
        return None  # 一个组织, 一名党员: articles, not facts
    if cjk and numeral in {"一", "万"} and unit == "年" and follow in "来":
        return None
    if before == "近" or follow == "来":
        return None  # 近两年来: relative to the day it was written
    return value


def find_numbers(sentence: Sentence) -> list[Fact]:
    """Numbers with a unit (一年, 3人, 200元, 1.5万元, 8小时) and ranges (60~79周岁, 3至5人) as facts.

    A range is one fact (``value`` the lower end, ``upper`` the upper one, ``category`` the unit), so an
    item asks about the whole range and its distractors are ranges too. Numbers inside quotation marks
    belong to a formulation and are left alone.
    """
    text = sentence.text
    quoted = quoted_spans(text)
    facts: list[Fact] = []
    ranges: list[tuple[int, int]] = []
    for m in _RANGE_RE.finditer(text):
        unit = m.group(4)
        if m.group(2) and m.group(2) != unit:
            continue  # 3年至5个月: not one range
        lo, hi = number_value(m.group(1)), number_value(m.group(3))
        ranges.append((m.start(), m.end()))
        if lo is None or hi is None or hi <= lo or _inside((m.start(), m.end()), quoted):
            continue
        if unit == "年" and hi >= 1000:
            continue  # 2018-2022年: a period of dates
        facts.append(Fact("number", sentence, (Span(m.start(), m.end(), m.group(0)),), unit, lo, hi))
    for m in _NUMBER_RE.finditer(text):
        numeral, unit = m.group(1), m.group(2) or ""
        if "分之" in numeral:
            unit = "分之"
        if not unit or _inside((m.start(), m.end()), ranges) or _inside((m.start(), m.end()), quoted):
            continue
        value = _plain_number(text, m, numeral, unit)
        if value is None:
            continue
        facts.append(Fact("number", sentence, (Span(m.start(), m.end(), m.group(0)),), unit, value))
    return sorted(facts, key=lambda f: f.spans[0].start)


_JIEBA_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer that knows the lexicon terms (the global one is left untouched)."""
    with _JIEBA_LOCK:
        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        for term in {*FORMULATIONS, *(t for terms in TERM_GROUPS.values() for t in terms)}:
            tok.add_word(term)
        return tok


def word_boundaries(text: str) -> set[int]:
    """Offsets where a jieba word starts or ends: a lexicon term must sit on them, so 先锋队 is not
    found inside 先锋队伍."""
    bounds: set[int] = set()
    for _, start, end in _tokenizer().tokenize(text):
        bounds.update((start, end))
    return bounds


def find_terms(sentence: Sentence) -> list[Fact]:
    text = sentence.text
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for m in _QUOTED_RE.finditer(text):
        phrase = m.group(1)
        kind = term_kind(phrase) or ("formulation" if phrase[0] in _CN_DIGIT_CHARS else "quoted")
        taken.append((m.start(), m.end()))
        if kind == "quoted" and (len(phrase) > 8 or _CLAUSE_WORDS.search(phrase)):
            continue  # “国务院行使下列职权”: a quoted clause, not a term worth asking or offering
        facts.append(Fact("term", sentence, (Span(m.start(1), m.end(1), phrase),), kind))
    lexicon = list(FORMULATIONS) + [t for terms in TERM_GROUPS.values() for t in terms]
    bounds: set[int] | None = None
    for term in sorted(set(lexicon), key=lambda t: (-len(t), t)):
        if text.count(term) != 1:
            continue  # absent, or repeated: a blank over one occurrence would leak the answer
        start = text.index(term)
        pos = (start, start + len(term))
        if any(a < pos[1] and pos[0] < b for a, b in taken):
            continue
        bounds = word_boundaries(text) if bounds is None else bounds
        if pos[0] not in bounds or pos[1] not in bounds:
            continue
        kind = term_kind(term) or "term"
        siblings = TERM_GROUPS.get(kind, ())
        if any(text.startswith(t, pos[1]) or text[: pos[0]].endswith(t) for t in siblings if t != term):
            continue  # 巡视巡察: one compound, a gap over half of it gives the other half away
        facts.append(Fact("term", sentence, (Span(pos[0], pos[1], term),), kind))
        taken.append(pos)
    return facts


def _common_suffix(words: list[str]) -> str:
    if len(words) < 2:
        return ""
    suffix = words[0]
    for w in words[1:]:
        while suffix and not w.endswith(suffix):
            suffix = suffix[1:]
    return suffix


def _kind_suffix(suffix: str) -> str:
    """A list's kind: its members' shared ending, two characters, or three when they are 党组织 (so 社会组织
    is no distractor for 园区党组织)."""
    return suffix[-3:] if suffix.endswith("党组织") else suffix[-2:]


def find_enumerations(sentence: Sentence) -> list[Fact]:
    """Runs of 、-separated members; the first and last member are trimmed to the shape of the middle ones."""
    facts: list[Fact] = []
    for m in _ENUM_RE.finditer(sentence.text):
        raw = m.group(0).split("、")
        offsets: list[tuple[int, str]] = []
        pos = m.start()
        for part in raw:
            offsets.append((pos, part))
            pos += len(part) + 1
        middle = [p for _, p in offsets[1:-1]]
        if any(_JOINERS.search(p) for p in middle):
            continue  # 监督党员和组织群众: compound members, the list's shape is unclear
        maxlen = max(len(p) for p in middle)
        suffix = _common_suffix(middle)
        members: list[Span] = []
        first_pos, first = offsets[0]
        if first[:1] in _LEADING_FUNCTION_CHARS and len(first) > 2:
            first_pos, first = first_pos + 1, first[1:]  # 把返乡人士 -> 返乡人士
        adverb = next((a for a in _LEADING_ADVERBS if first.startswith(a) and len(first) - len(a) >= 2), "")
        first_pos, first = first_pos + len(adverb), first[len(adverb) :]  # 才能发展中国 -> 发展中国
        verb = _LEADING_VERBS.match(first)
        if verb and len(first) - verb.end() >= 2:
            first_pos, first = first_pos + verb.end(), first[verb.end() :]  # 建立楼宇党组织 -> 楼宇党组织
        if len(first) <= maxlen and not _JOINERS.search(first):
            members.append(Span(first_pos, first_pos + len(first), first))
        elif suffix and first.endswith(suffix):
            cut = first[-maxlen:]
            if len(first) - len(cut) in word_boundaries(first):  # never "步加强律师" out of 进一步加强律师
                members.append(Span(first_pos + len(first) - len(cut), first_pos + len(first), cut))
        members.extend(Span(p, p + len(t), t) for p, t in offsets[1:-1])
        last_pos, last = offsets[-1]
        if "等" in last and last.index("等") <= maxlen + 1:
            last = last[: last.index("等")]
        if len(last) > maxlen + 1 and suffix and suffix in last:
            end = last.index(suffix) + len(suffix)
            last = last[:end] if end <= maxlen + 1 else ""
        joined = re.fullmatch(r"(.{2,12})[和及与](.{2,12})", last)
        if joined and "的" not in last and max(len(joined.group(1)), len(joined.group(2))) <= maxlen + 1:
            # 政策和决议: the last two members joined by 和
            members.append(Span(last_pos, last_pos + len(joined.group(1)), joined.group(1)))
            second = last_pos + joined.start(2)
            members.append(Span(second, second + len(joined.group(2)), joined.group(2)))
        elif 2 <= len(last) <= maxlen + 1 and not _JOINERS.search(last):
            members.append(Span(last_pos, last_pos + len(last), last))
        texts = [s.text for s in members]
        if len(members) < 3 or len(set(texts)) != len(texts) or any(len(t) < 2 for t in texts):
            continue
        if any(t.count("“") != t.count("”") for t in texts):
            continue
        # The kind of a list is its members' shared ending, up to three characters: 园区党组织 and
        # 楼宇党组织 are 党组织, so 社会组织 is no distractor for them.
        facts.append(Fact("enumeration", sentence, tuple(members), _kind_suffix(suffix)))
    return facts


_REQUIREMENT_RE = re.compile(r"至少|不少于|不超过|不低于|每[个年季月周]|一般为|应当|必须")


def extract_facts(chunk: Chunk) -> list[Fact]:
    """All candidate facts of a chunk, in document order."""
    facts: list[Fact] = []
    regulation = is_regulation(chunk.doc_type)
    for sentence in split_sentences(chunk):
        if regulation or _REQUIREMENT_RE.search(sentence.text):
            # Numbers in theory articles are news detail (近两年, 3个行政区, 20人以上), not claims to test,
            # unless the sentence states a requirement ("每个村至少要储备1至2名后备力量").
            facts.extend(find_numbers(sentence))
        facts.extend(find_terms(sentence))
        facts.extend(find_enumerations(sentence))
    return facts
