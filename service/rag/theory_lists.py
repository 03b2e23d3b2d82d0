"""Lists and stories of theory articles (issue 11, items 2 and 3: questions about the theory articles).

Theory articles and news reports (``doc_type`` ``theory``/``news``) have no 条. What a regulation states as an
enumerated article, they state in two other ways, and a question about them needs the whole of it:

- **parallel lead sentences**: sibling paragraphs that open with the same frame ("实施“学习聚魂”政治引领工程,提升……。",
  "实施“骨干聚能”队伍引领工程,……。" …; "一是……。", "二是……。"); "五大工程是哪五个" is answered with every lead, counted;
- **in-sentence enumerations**: "严格遵守党的政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律" answers "要遵守哪几项纪律",
  with the count (共五项) the sentence leaves the reader to make;
- **stories**: a report tells how a place was before and what changed ("过去的石马村则是另一个模样。……被上级部门定为
  软弱涣散党组织。" → "……建成了亮堂的小广场……"); "原来怎样，后来怎么变的" needs both ends.

A question that names such an article, or a place or programme only one theory article speaks of ("吉林那篇文章",
"安定区", "石马村"), reads that article (``focus_document``); a normative question keeps the authority order of
``service/rag/authority.py`` (the caller only uses these lists when the focus or the extractor's lead is a theory
article).

Pure functions over ``Hit`` lists (the chunks of one document, in order); nothing here reads the index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.rag.extract import Extract, book_title, count_words
from service.rag.heading_lists import asked_nouns
from service.rag.query_terms import char_bigrams, informative_terms
from service.rag.refusal.mention import compound_lead_re
from service.schemas import Citation, Hit
from service.text.normalize import normalize_for_match
from service.text.refs import ENUM_ORDINAL_PATTERN, cn_to_int, int_to_cn, list_place

THEORY_TYPES = frozenset({"theory", "news"})
# Words by which a question points at an article rather than at the rules ("吉林那篇文章说……", "这篇报道里").
_ARTICLE_WORD_RE = re.compile(r"文章|这篇|那篇|该文|一文|文中|报道|稿子|作者")
# A term ending in one of these names a place ("安定区", "石马村", "新街口商圈"): the article that alone speaks of
# it is the one asked about.
_PLACE_SUFFIXES = ("省", "市", "县", "区", "镇", "乡", "村", "街道", "社区", "商圈")
# "五大工程", "三个强化", "四个“抓”": a numbered group; the number, then the counted noun (1-4 characters).
_NUMBERED_RE = re.compile(
    r"(?<![哪几第])([两二三四五六七八九十]{1,2}|\d{1,2})(?:大|个|项|种|条|类|方面的?)[“「\"]?([\u4e00-\u9fff]{1,4})"
)
# Measure words a list question counts with ("哪三支队伍", "哪几件事").
# ("哪三招": the article's three leads, said as 项; holdout6 h6-234)
_MEASURES = "大|个|项|种|条|类|方面|支|件|点|部分|招"
# A question asking for people: the leads of a section (measures, steps) do not answer it.
_PERSON_ASK_RE = re.compile(r"哪些人|哪类人|哪几类人|什么人|什么样的人|哪些同志|谁")
# Measure words that are nouns themselves ("哪几方面", "哪几部分"): the words after them are no counted noun.
_NOUN_MEASURES = frozenset({"方面", "部分"})
# Measure words an answer states its count with (those ``evals.metrics.states_count`` reads).
_SAID_MEASURES = frozenset({"项", "条", "种", "类", "个", "点", "方面"})
# "哪五个", "哪几项", "几个", "哪三支队伍" (not "多少个": a quantity): the asked count ("五" when the question says it), the
# measure word, and the words after it (the counted noun when there is one).
_ASKED_COUNT_RE = re.compile(
    rf"(?:哪|几)([两二三四五六七八九十\d]{{0,2}})({_MEASURES})(?:的)?([\u4e00-\u9fff]{{0,4}})"
)
# "哪几个“抓”": the asked noun in quotation marks, possibly one character long.
_QUOTED_ASK_RE = re.compile(r"(?:哪几|哪些|几)(个|项|种|条|类|方面)?[“「\"]([\u4e00-\u9fff]{1,4})[”」\"]")
# A lead sentence (the first sentence of a paragraph) is a heading-like statement, not a long paragraph.
MAX_LEAD_CHARS = 90
# A list has at least this many members (two are a pair a member could see without help).
MIN_MEMBERS = 3
# A heading is a line without a full stop of at most this many characters ("（三）明确重点,夯实基层党建基础工作").
MAX_HEADING_CHARS = 40
# A short lead sentence opens a paragraph of a section ("深入一线摸实情。"); a section has at least three.
MAX_SHORT_LEAD_CHARS = 16
MIN_SHORT_LEADS = 3
# A question names a heading when they share informative terms of at least this many characters in all.
MIN_HEADING_SHARE = 4
# Ordinal openings of paragraphs ("一是", "（一）", "1、", "一、", "第一，"): leads of one series share the style.
# (the "第一，" form is refs.ENUM_ORDINAL_PATTERN: ordinal patterns live in service/text/refs.py)
_ORDINAL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．]|[一二三四五六七八九十]+、|"
    rf"{ENUM_ORDINAL_PATTERN})"
)
# Words that ask how something was before and what became of it.
_BEFORE_ASK_RE = re.compile(r"原来|原先|以前|之前|过去|当初|从前|起初|本来")
_AFTER_ASK_RE = re.compile(r"后来|现在|如今|之后|怎么变|变化|变成|变了|改变|转变|怎么样了|改观")
# Words that ask for a change for the better by themselves ("石马村是怎么变好的").
_BETTER_ASK_RE = re.compile(r"变好|好起来|变样|翻身|改头换面")
# Sentences of a report that tell the state before ("过去的……", "原来垃圾成堆") and the change ("建成了……").
_BEFORE_RE = re.compile(r"过去|原来|原先|以前|曾经|从前|昔日|当年")
_AFTER_RE = re.compile(
    r"如今|现在|建成|建起|改建|清除|换了新颜|新颜|摘掉|焕然一新|变成|变为|提高至|提高到|下降至|评为|实现了|改善"
)
MAX_STORY_CHARS = 260  # the before part is cut at a sentence end after this many characters
MAX_AFTER_PIECES = 3  # passages (runs of consecutive sentences) that tell the change


# Nouns that name the members of any list of measures or parts ("哪几个做法", "哪几个方面"): an article lists them
# without using the word. A specific noun ("哪五个特征") must be in the article for one of its lists to answer.
GENERIC_LIST_NOUNS = (
    "做法",
    "举措",
    "措施",
    "办法",
    "方法",
    "方面",
    "方式",
    "环节",
    "步骤",
    "部分",
    "内容",
    "要求",
    "任务",
    "工作",
    "手段",
    "经验",
)


@dataclass(frozen=True)
class ListAsk:
    """What a list question asks: candidate counted ``nouns`` (longest first), the ``measure`` word to say
    the count with, the ``count`` the question states ("哪五个", "五大工程") or None, and the readings of the numbered
    group it names (``groups``), and the noun right after the asked count (``counted``: 特征 of "有哪五个特征").
    """

    nouns: tuple[str, ...]
    measure: str
    count: int | None
    groups: tuple[str, ...] = ()  # the numbered group the question names, longest reading first ("五种能力")
    counted: str | None = None


@dataclass(frozen=True)
class TheoryList:
    """A list found in a theory article: ``quotes`` (verbatim source text, one per citation) from ``hits``;
    ``members`` are the counted items (the quotes themselves for lead sentences, the short names for an
    in-sentence enumeration)."""

    noun: str
    measure: str
    members: tuple[str, ...]
    quotes: tuple[str, ...]
    hits: tuple[Hit, ...]


def is_theory(hit: Hit) -> bool:
    """Whether ``hit`` comes from a theory article or news report (the documents without 条)."""
    return hit.doc_type in THEORY_TYPES


def list_ask(question: str) -> ListAsk | None:
    """The list a question asks for, or None: "五大工程是哪五个" → (("工程",), "项", 5); "要遵守哪几项纪律" →
    (("纪律", …), "项", None); "安定区实施了哪些工程" → (("工程", …), "项", None). Nouns come from
    ``heading_lists.asked_nouns`` (哪几/哪些/几 before or after the noun) and from a numbered group in the
    question ("三个强化"); the count from the group or from the asker ("哪五个")."""
    norm = normalize_for_match(question)
    asked = _ASKED_COUNT_RE.search(norm)
    count = cn_to_int(asked.group(1)) if asked and asked.group(1) else None
    nouns: list[str] = []
    measure = "项"
    if asked is not None and len(run := asked.group(3)) >= 2:
        nouns += [run[:k] for k in range(len(run), 1, -1)]
    numbered = _NUMBERED_RE.search(norm)
    groups: tuple[str, ...] = ()
    if numbered is not None:
        run = numbered.group(2)
        head = numbered.group(0)[: len(numbered.group(0)) - len(run)].rstrip('“「"')
        groups = tuple(head + run[:k] for k in range(len(run), 1, -1))
        nouns += [run[:k] for k in range(len(run), 0, -1) if k >= 2 or len(run) == 1]
        count = count or cn_to_int(numbered.group(1))
    quoted = _QUOTED_ASK_RE.search(norm)
    if quoted is not None:
        nouns.append(quoted.group(2))
        measure = quoted.group(1) or measure
    for noun, word in asked_nouns(question):
        nouns.append(noun)
        measure = measure if measure != "项" else word
    if asked is not None and asked.group(2) in _SAID_MEASURES:
        measure = asked.group(2)
    elif asked is not None and asked.group(2) in {"支", "件"}:
        measure = "个"  # "哪三支队伍", "哪几件事": said as 个, the measure words counts are read with
    measure = measure if measure in _SAID_MEASURES else "项"
    if not nouns and asked is None:
        return None
    counted = asked.group(3) if asked is not None and len(asked.group(3)) >= 2 else None
    if asked is not None and asked.group(2) in _NOUN_MEASURES and "的" not in asked.group(0):
        counted = None  # "从哪几方面着手": 方面 is what is counted, 着手 the verb after it
    return ListAsk(tuple(dict.fromkeys(nouns)), measure, count, groups, counted)


def _lines(chunks: Sequence[Hit]) -> list[tuple[Hit, str]]:
    """The non-blank lines (paragraphs) of a document's chunks, in order, with their chunk."""
    return [(h, raw.strip()) for h in chunks for raw in h.text.split("\n") if raw.strip()]


def _sentences(line: str) -> list[str]:
    """A paragraph's sentences, each with its end mark (a closing quotation mark stays with its sentence)."""
    return [s for s in re.split(r"(?<=[。！？；])(?![”’」』])", line) if s.strip()]


def _lead(line: str) -> str:
    return _sentences(line)[0] if _sentences(line) else line


def _series_key(lead: str, noun: str) -> str:
    """Leads of one series share an opening: the ordinal style ("一是", "（一）"), the noun itself ("抓基本强基础。",
    "抓责任强落实。") or the first two characters ("实施“学习聚魂”……工程", "实施“骨干聚能”……工程")."""
    m = _ORDINAL_RE.match(lead)
    if m is not None:
        return re.sub(r"[一二三四五六七八九十\d]+", "N", m.group(0))
    return noun if noun and lead.startswith(noun) else lead[:2]


def _ordinal(lead: str) -> int | None:
    m = _ORDINAL_RE.match(lead)
    if m is None:
        return None
    digits = re.search(r"[一二三四五六七八九十]+|\d+", m.group(0))
    return cn_to_int(digits.group(0)) if digits else None


def _spelled_before(text: str, group: str, count: int) -> bool:
    """Whether ``text`` (matching form) lists ``count`` members separated by 、 right before naming ``group`` in one
    sentence ("支部引领推动一批、……、盘活资源撬动一批等“五个一批”")."""
    for m in re.finditer(re.escape(group), text):
        start = max(text.rfind(stop, 0, m.start()) for stop in "。；;\n")
        if text.count("、", start + 1, m.start()) >= count - 1:
            return True
    return False


def _lead_series(chunks: Sequence[Hit], noun: str) -> list[list[tuple[Hit, str]]]:
    """Every series (``MIN_MEMBERS`` or more) of paragraph leads that name ``noun`` once and share their opening,
    in document order. A numbered series restarts where its number does not grow ("（一）…（二）…（三）" of
    section 一 and "（二）" of section 二 are two series)."""
    groups: dict[str, list[list[tuple[Hit, str]]]] = {}
    last: dict[str, int] = {}
    for hit, line in _lines(chunks):
        lead = _lead(line)
        norm = normalize_for_match(lead)
        if len(lead) > MAX_LEAD_CHARS or (noun and norm.count(noun) != 1):
            continue
        key, number = _series_key(norm, noun), _ordinal(norm)
        runs = groups.setdefault(key, [[]])
        if number is not None and key in last and number <= last[key]:
            runs.append([])
        if number is not None:
            last[key] = number
        runs[-1].append((hit, lead))
    return [run for runs in groups.values() for run in runs if len(run) >= MIN_MEMBERS]


def _enumeration_re(noun: str) -> re.Pattern[str]:
    member = rf"[\u4e00-\u9fff]{{2,4}}?{re.escape(noun)}"
    return re.compile(rf"{member}(?:(?:、|和|及|与|以及){member})+")


def _inline(chunks: Sequence[Hit], noun: str) -> tuple[Hit, str, list[str]] | None:
    """The first sentence of the document that enumerates ``MIN_MEMBERS`` or more members of ``noun``
    ("政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律"): (chunk, sentence verbatim, member names)."""
    pattern = _enumeration_re(noun)
    for hit, line in _lines(chunks):
        for sentence in _sentences(line):
            m = pattern.search(normalize_for_match(sentence))
            if m is None:
                continue
            members = [x.split("的")[-1] for x in re.split(r"、|以及|和|及|与", m.group(0)) if x]
            if len(members) >= MIN_MEMBERS and len(set(members)) == len(members):
                return hit, sentence, members
    return None


# Coined terms in quotation marks listed one after another: "搞“纸上党建”、“墙上党建”", "“灯下黑”、“两张皮”问题".
_QUOTED_RUN_RE = re.compile(r"“([\u4e00-\u9fff]{2,8})”(?:(?:、|和|与|及)“[\u4e00-\u9fff]{2,8}”)+")
# The words after a list asker, up to the end of the clause: "防止搞哪些形式主义的党建" → 形式主义的党建.
_AFTER_ASKER_RE = re.compile(r"(?:哪些|哪几|几)[个项种条类点]?([\u4e00-\u9fff]{2,12})")
# The question's terms a sentence holding a quoted run must hold besides the counted noun (the list's context:
# 形式主义 for "防止搞哪些形式主义的党建").
QUOTED_CONTEXT_TERMS = 1


def _quoted(chunks: Sequence[Hit], question: str) -> tuple[str, Hit, str, list[str]] | None:
    """The sentence of the document that lists two or more coined terms in quotation marks naming what the
    question asks for: every term ends with the asked noun, the last word after the asker ("“纸上党建”、“墙上党建”"
    for "防止搞哪些形式主义的党建"), or the noun follows the run ("“灯下黑”、“两张皮”问题" for "要解决哪些问题"), and the sentence holds at least
    ``QUOTED_CONTEXT_TERMS`` other informative terms of the question. Of several, the one holding most terms.
    (noun, chunk, sentence verbatim, member names) or None. Two members make a list here: quotation marks mark
    them as names, unlike a pair of ordinary words (holdout4 h4-300 was answered with a section's three leads)."""
    terms = [t for t in informative_terms(question) if len(t) >= 2]
    # the head noun ends the words after the asker ("哪些形式主义的党建" → 党建, "哪些问题" → 问题)
    after_ask = _AFTER_ASKER_RE.search(normalize_for_match(question))
    if after_ask is None:
        return None
    run = after_ask.group(1)
    asked = [run[-k:] for k in range(2, min(len(run), 4) + 1) if "的" not in run[-k:]]
    best: tuple[int, tuple[str, Hit, str, list[str]]] | None = None
    for hit, line in _lines(chunks):
        for sentence in _sentences(line):
            norm = normalize_for_match(sentence)
            for m in _QUOTED_RUN_RE.finditer(norm):
                members = re.findall(r"“([\u4e00-\u9fff]{2,8})”", m.group(0))
                after = norm[m.end() : m.end() + 8]
                noun = next(
                    (n for n in asked if all(x.endswith(n) for x in members) or after.startswith(n)), None
                )
                if noun is None or len(set(members)) != len(members):
                    continue
                context = sum(1 for t in terms if t != noun and t in norm)
                if context >= QUOTED_CONTEXT_TERMS and (best is None or context > best[0]):
                    best = (context, (noun, hit, sentence, members))
    return best[1] if best else None


def _is_heading(line: str) -> bool:
    return "。" not in line and len(line) <= MAX_HEADING_CHARS


def _section_series(question: str, chunks: Sequence[Hit]) -> list[tuple[Hit, str]]:
    """The numbered points ("一是……", "1、……") under the heading the question names ("夯实基层党建基础工作要抓
    哪几件事" → "（三）明确重点,夯实基层党建基础工作" → 一是 … 四是), or []. The heading sharing most of the
    question's terms (``MIN_HEADING_SHARE`` characters at least) is taken; its points are the first numbered
    series of the lines up to the next heading."""
    terms = [t for t in informative_terms(question) if len(t) >= 2]
    lines = _lines(chunks)
    best, best_share = None, MIN_HEADING_SHARE - 1
    for i, (_, line) in enumerate(lines):
        if _is_heading(line):
            share = sum(len(t) for t in terms if t in normalize_for_match(line))
            if share > best_share:
                best, best_share = i, share
    if best is None:
        return []
    series: list[tuple[Hit, str]] = []
    key: str | None = None
    for hit, line in lines[best + 1 :]:
        if _is_heading(line):
            break
        lead = _lead(line)
        number = _ordinal(normalize_for_match(lead))
        if number is None:
            if series:
                break
            continue
        this = _series_key(normalize_for_match(lead), "")
        if key is not None and (this != key or number != len(series) + 1):
            break
        key = this
        series.append((hit, lead))
    return series if len(series) >= 2 else []


def _short_lead_sections(chunks: Sequence[Hit]) -> list[tuple[str, list[tuple[Hit, str]]]]:
    """Sections of an article built as an intro paragraph followed by paragraphs that open with a short lead
    sentence ("虛實結合。……", "縱橫聯動。……", "強基補缺。……"; "深入一线摸实情。……", "精准施策求实效。……"): (the
    section's text in matching form, its leads in order), ``MIN_SHORT_LEADS`` leads at least."""
    lines: list[tuple[Hit | None, str]] = [*_lines(chunks), (None, "")]
    sections: list[tuple[str, list[tuple[Hit, str]]]] = []
    run: list[tuple[Hit, str, str]] = []
    intro = ""
    for hit, line in lines:
        sentences = _sentences(line)
        if hit is not None and len(sentences) >= 2 and len(sentences[0]) <= MAX_SHORT_LEAD_CHARS:
            run.append((hit, sentences[0], line))
            continue
        if len(run) >= MIN_SHORT_LEADS:
            text = normalize_for_match("\n".join([intro, *(ln for _, _, ln in run)]))
            sections.append((text, [(h, lead) for h, lead, _ in run]))
        run, intro = [], line
    return sections


def _named_section(question: str, chunks: Sequence[Hit]) -> list[tuple[Hit, str]]:
    """The short-lead section (``_short_lead_sections``) the question names, as its leads; [] when none does.
    A section scores the characters of the question's informative terms its text holds, plus the question's
    character bigrams its intro holds and the longest run of the question in its intro (the intro names the
    section's topic: "……把抓落实作为开展工作的主要方式……" for "抓落实要做到哪几点"); the best needs
    ``MIN_HEADING_SHARE`` term characters and no tie."""
    terms = [t for t in informative_terms(question) if len(t) >= 2]
    norm = normalize_for_match(question)
    asked = char_bigrams(norm)
    scored = []
    for text, leads in _short_lead_sections(chunks):
        intro = text.split("\n", 1)[0]
        share = sum(len(t) for t in terms if t in text)
        scored.append((share + len(asked & char_bigrams(intro)) + _longest_common(norm, intro), share, leads))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][1] < MIN_HEADING_SHARE or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return []
    return scored[0][2]


def _longest_common(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def _leads_list(noun: str, measure: str, leads: Sequence[tuple[Hit, str]]) -> TheoryList:
    """A list whose members are paragraph leads, each quoted verbatim from its chunk."""
    quotes = tuple(lead for _, lead in leads)
    return TheoryList(noun, measure, quotes, quotes, tuple(h for h, _ in leads))


def find_list(ask: ListAsk, chunks: Sequence[Hit], question: str = "") -> TheoryList | None:
    """``_find_list``, a list of paragraph leads preceded by the sentence of the article that names them in one
    run ("……在抓基本、抓責任、抓隊伍上持續用力。" before "抓基本強基礎。" …, ``_naming_sentence``): the member asked
    "在哪三个方面持续用力" reads the article's own summary and its three leads (holdout7 h7-227)."""
    listed = _find_list(ask, chunks, question)
    if listed is None or listed.quotes != listed.members or len(listed.members) < 2:
        return listed
    naming = _naming_sentence(chunks, listed.members)
    if naming is None:
        return listed
    hit, sentence = naming
    return TheoryList(
        listed.noun, listed.measure, listed.members, (sentence, *listed.quotes), (hit, *listed.hits)
    )


def _naming_sentence(chunks: Sequence[Hit], leads: Sequence[str]) -> tuple[Hit, str] | None:
    """The first sentence of ``chunks`` that names each of ``leads`` in one 、-run, in order: each middle member
    opens its lead whole, the first member ends with and the last starts with at least two opening characters
    of theirs ("在抓基本、抓責任、抓隊伍上持續用力" for 抓基本強基礎。/抓責任強落實。/抓隊伍強能力。); None when no
    sentence does."""
    opened = [normalize_for_match(x) for x in leads]
    n = len(opened)

    def shares_opening(piece: str, lead: str, at_end: bool) -> bool:
        return any(
            (piece.endswith(lead[:k]) if at_end else piece.startswith(lead[:k])) for k in range(2, len(lead))
        )

    for hit, line in _lines(chunks):
        for sentence in _sentences(line):
            norm = normalize_for_match(sentence)
            if norm in opened:
                continue
            for clause in re.split(r"[，,。；;：:！!？?]", norm):
                pieces = clause.split("、")
                if len(pieces) != n:
                    continue
                if (
                    shares_opening(pieces[0], opened[0], True)
                    and shares_opening(pieces[-1], opened[-1], False)
                    and all(opened[k].startswith(pieces[k]) and len(pieces[k]) >= 2 for k in range(1, n - 1))
                ):
                    return hit, sentence.strip()
    return None


def _find_list(ask: ListAsk, chunks: Sequence[Hit], question: str = "") -> TheoryList | None:
    """The list of one document's ``chunks`` (in order) that ``ask`` asks for: a series of parallel paragraph
    leads naming the noun, else an in-sentence enumeration of it, else (given the ``question``) the numbered
    points under the heading it names or the short leads of the section it names. When the question states a count, only a list of that many members
    answers. None when the document holds none of them."""
    quoted = _quoted(chunks, question) if question else None
    if quoted is not None and ask.count in (None, len(quoted[3])):
        noun, hit, sentence, members = quoted
        return TheoryList(noun, ask.measure, tuple(members), (sentence,), (hit,))
    for noun in ask.nouns:
        runs = [r for r in _lead_series(chunks, noun) if ask.count in (None, len(r))]
        series = max(runs, key=len, default=[])
        if series:
            return _leads_list(noun, ask.measure, series)
        found = _inline(chunks, noun)
        if found is not None and ask.count in (None, len(found[2])):
            hit, sentence, members = found
            return TheoryList(noun, ask.measure, tuple(members), (sentence,), (hit,))
    text = normalize_for_match("\n".join(h.text for h in chunks))
    if (
        ask.counted is not None
        and not ask.counted.startswith(GENERIC_LIST_NOUNS)
        and not any(ask.counted[:k] in text for k in range(len(ask.counted), 1, -1))
    ):
        # "中国式现代化有哪五个特征": an article that never says 特征 holds no list of them, however many points a
        # section it names has (member set mem-338: the five 工程 of the 安定 article are no 特征)
        return None
    if ask.count and any(_spelled_before(text, g, ask.count) for g in ask.groups):
        # "选贤任能、赋能蓄力、源头培养、规范管理、考评奖罚“五项机制”": the group's members stand in its own sentence,
        # which the ordinary sentence choice quotes; no series of paragraphs is that group (member set mem-730)
        return None
    if ask.count and any(g in text for g in ask.groups):
        # "五种能力是哪五种": the article names the group and states its members in the one series of that many
        # parallel leads ("实施……工程,提升……的“思想凝聚力”。" ×5) right after it; a series under another heading
        # is another list ("以“四个合格”为标准" in 3、 does not introduce 一是……四是 of （三）: holdout7 h7-245)
        runs = [
            r
            for r in _lead_series(chunks, "")
            if len(r) == ask.count and any(g in _introduction(chunks, r) for g in ask.groups)
        ]
        if len(runs) == 1:
            return _leads_list("", ask.measure, runs[0])
    if _PERSON_ASK_RE.search(normalize_for_match(question)):
        return None  # "注重从哪些人中选拔乡镇领导干部": a section's measures are no people (holdout5 h5-326)
    for points in (_section_series, _named_section):
        found_points = points(question, chunks) if question else []
        if (
            found_points
            and ask.count in (None, len(found_points))
            and _counts_asked(ask, chunks, found_points)
        ):
            return _leads_list("", ask.measure, found_points)
    return None


def _introduction(chunks: Sequence[Hit], leads: Sequence[tuple[Hit, str]]) -> str:
    """The line (paragraph or heading) right before the first of ``leads`` and the leads themselves, in matching
    form: what introduces a series of points and what its points say."""
    lines = _lines(chunks)
    first = next(
        (
            i
            for i, (h, line) in enumerate(lines)
            if h.chunk_id == leads[0][0].chunk_id and line.startswith(leads[0][1])
        ),
        None,
    )
    before = lines[first - 1][1] if first else ""
    return normalize_for_match("\n".join([before, *(lead for _, lead in leads)]))


def _counts_asked(ask: ListAsk, chunks: Sequence[Hit], leads: Sequence[tuple[Hit, str]]) -> bool:
    """Whether the points ``leads`` of a section are what ``ask`` counts: a specific counted noun ("几个行业党委": not
    a ``GENERIC_LIST_NOUNS`` one, 做法, 方面 …) must be named by the section's introduction or its leads
    (``_introduction``), not only inside one point's paragraph ("設立律師、互聯網等行業黨委" in the 縱橫聯動 paragraph
    does not make 虛實結合、縱橫聯動、強基補缺 the 行业党委: holdout7 h7-249)."""
    counted = ask.counted
    if counted is None or counted.startswith(GENERIC_LIST_NOUNS):
        return True
    said = _introduction(chunks, leads)
    return any(counted[:k] in said for k in range(len(counted), 1, -1))


def render_list(listed: TheoryList) -> Extract:
    """ "根据《…》，共五项工程：" and one cited line per quote (the attribution form ``citations.verify`` reads
    as a heading, so the count survives verification); members are the answer's complete items."""
    n = len(listed.members)
    said = f"{listed.measure}{listed.noun}" if len(listed.measure + listed.noun) <= 4 else listed.measure
    lines = [f"根据{book_title(listed.hits[0])}，共{count_words(n)}{said}："]
    citations: list[Citation] = []
    for k, (quote, hit) in enumerate(zip(listed.quotes, listed.hits, strict=True), 1):
        lines.append(f"{quote}[{k}]")
        citations.append(Citation.from_hit(k, hit, quote))
    unique = list({h.chunk_id: h for h in listed.hits}.values())
    ex = Extract("\n".join(lines), citations, [], "list", unique)
    ex.anchored = True
    ex.complete_items = list(listed.members)
    return ex


def asks_story(question: str) -> bool:
    """Whether a question asks how something was before and how it changed ("石马村原来是什么情况，后来怎么变的",
    "石马村以前什么样，现在呢"): a before word and an after word, or a word asking for a change for the better
    ("怎么变好的")."""
    norm = normalize_for_match(question)
    if _BETTER_ASK_RE.search(norm):
        return True
    return _BEFORE_ASK_RE.search(norm) is not None and _AFTER_ASK_RE.search(norm) is not None


def story(subject: str, chunks: Sequence[Hit]) -> Extract | None:
    """The before and after of ``subject`` (matching form, e.g. "石马村") told by one document's ``chunks``.

    The story starts at the first paragraph naming the subject. The before part runs from the first sentence
    there with a before word (过去, 原来 …) to that paragraph's end; the after part is the later sentences of
    the same story (up to a heading-like line without a full stop) that state a change (建成, 摘掉, 换了新颜 …),
    consecutive ones joined, each passage quoted verbatim with its own citation (``MAX_AFTER_PIECES`` at most). None when either end is missing."""
    lines = _lines(chunks)
    start = next((i for i, (_, line) in enumerate(lines) if subject in normalize_for_match(line)), None)
    if start is None:
        return None
    before: tuple[Hit, str] | None = None
    after: list[tuple[Hit, str]] = []
    for hit, line in lines[start:]:
        if before is not None and "。" not in line and len(line) <= 30:
            break  # the next report's heading
        sentences = _sentences(line)
        if before is None:
            at = next((k for k, s in enumerate(sentences) if _BEFORE_RE.search(normalize_for_match(s))), None)
            if at is None:
                continue
            text = ""
            for s in sentences[at:]:
                text += s
                if len(text) >= MAX_STORY_CHARS:
                    break
            before = (hit, text)
            continue
        joined = False  # whether the previous sentence of this paragraph was taken (contiguous text joins)
        for s in sentences:
            whole = s.count("“") == s.count("”") and not s.startswith("“")  # not a piece of someone's words
            if whole and _AFTER_RE.search(normalize_for_match(s)) and len(after) < MAX_AFTER_PIECES:
                if joined:
                    after[-1] = (hit, after[-1][1] + s)
                else:
                    after.append((hit, s))
                joined = True
            else:
                joined = False
        if len(after) >= MAX_AFTER_PIECES:
            break
    if before is None or not after:
        return None
    pieces = [before, *after]
    citations = [Citation.from_hit(k, hit, quote) for k, (hit, quote) in enumerate(pieces, 1)]
    body = "\n".join(f"{c.quote}[{c.n}]" for c in citations)
    ex = Extract(f"根据{book_title(before[0])}：\n{body}", citations, [], "general", [h for h, _ in pieces])
    ex.anchored = True
    return ex


def points_at_article(question: str) -> bool:
    """Whether the question points at an article ("2020年那篇文章说……", "这篇报道里")."""
    return _ARTICLE_WORD_RE.search(normalize_for_match(question)) is not None


def focus_document(question: str, docs: Sequence[tuple[str, str, str, str]]) -> str | None:
    """The theory article a question names (``focus_term``'s document), or None."""
    found = focus_term(question, docs)
    return found[0] if found else None


def focus_term(question: str, docs: Sequence[tuple[str, str, str, str]]) -> tuple[str, str] | None:
    """(doc_id, the naming term) of the theory article a question names, or None.

    ``docs``: (doc_id, doc_type, matching form of the title and of what else names the document (author, outlet:
    "人民日报"), matching form of the whole text) for every document. A question names an article through a term
    (``informative_terms``) that only one theory article or report holds:

    - when no other document holds it either, and the question points at an article ("吉林那篇文章说……", "人民日报
      那篇"), the term names a place (``names_place``: "安定区", "石马村", "万州" of 万州区) or it is in the title;
    - when regulations hold it too, only a place the article tells of with the question's own words: "北京党建引领基层
      治理的改革叫什么" (the 人民日报 report: "北京深化党建引领……改革") is not about the 宪法's 首都北京. The
      sentence of the article naming the place must hold ``MIN_PLACE_CONTEXT`` other terms of the question.

    A term that a regulation also holds otherwise never does: a normative question keeps the authority order. A
    question pointing at an article by a year ("2020年那篇文章") names the one theory article dated that year (the
    naming term is then ""). A phrase in quotation marks that one theory article holds names it when the question points at
    an article, whatever else holds it."""
    pointed = points_at_article(question)
    if pointed:
        # "从“支部建在连上”以后，文章里还提到……": a phrase the question quotes that one theory article holds names it when
        # the question points at an article, whatever regulations hold it too (支部工作条例 弘扬“支部建在连上”光荣传统)
        for quoted in re.findall(r"[“「\"]([^”」\"]{2,16})[”」\"]", normalize_for_match(question)):
            quoting = [
                d for d, t, title, text in docs if t in THEORY_TYPES and (quoted in text or quoted in title)
            ]
            if len(quoting) == 1:
                return quoting[0], quoted
    terms = [t for t in informative_terms(question) if len(t) >= 2]
    for term in terms:
        if re.fullmatch(r"[\d年月日.-]+", term):
            continue  # a year or date names an article only with "那篇文章" (below)
        holders = [(d, t, title, text) for d, t, title, text in docs if term in text or term in title]
        theory = [h for h in holders if h[1] in THEORY_TYPES]
        if len(theory) != 1:
            continue
        doc_id, _, title, text = theory[0]
        if len(holders) == 1 and (pointed or term in title or names_place(term, text)):
            return doc_id, term
        if (
            len(holders) > 1
            and _is_place_name(term)
            and _place_context(term, text, terms) >= MIN_PLACE_CONTEXT
        ):
            return doc_id, term
    year = _YEAR_RE.search(normalize_for_match(question))
    if pointed and year is not None:
        # "2020年那篇文章说……": the one theory article dated that year (its metadata date, on the title side)
        dated = [d for d, t, title, _ in docs if t in THEORY_TYPES and f"{year.group(1)}-" in title]
        if len(dated) == 1:
            return dated[0], ""
    return None


# "2020年那篇文章": a year naming an article by its date.
_YEAR_RE = re.compile(r"((?:19|20)\d{2})年")


def naming_passages(term: str, chunks: Sequence[Hit], hits: Sequence[Hit], question: str = "") -> list[Hit]:
    """The chunks of the focused article (``chunks``, in order) retrieval missed that the answer needs:

    - those holding the naming ``term`` (matching form) when no retrieved hit of the article does: "北京党建引领……"
      is answered where the report speaks of 北京, which retrieval ranked below passages about 党建 in general;
    - those holding a name the ``question`` quotes ("安定区健全了哪“五项机制”") when no retrieved hit does;
    - when no retrieved hit is of the article at all and the question points at an article (named by its metadata:
      "吉林那篇文章"), its ``FOCUS_FALLBACK_CHUNKS`` chunks holding the most of the question's informative terms.
    [] when retrieval has them already."""
    if not chunks:
        return []
    own = [h for h in hits if h.doc_id == chunks[0].doc_id]
    seen = {h.chunk_id for h in own}
    wanted = [term] if term else []
    wanted += re.findall(r"“([^”]{2,12})”", normalize_for_match(question))
    out: list[Hit] = []
    for name in wanted:
        if not any(name in normalize_for_match(h.text) for h in own):
            out += [h for h in chunks if name in normalize_for_match(h.text) and h not in out]
    if not own and points_at_article(question):
        terms = [t for t in informative_terms(question) if len(t) >= 2]
        scored = sorted(
            (
                (sum(len(t) for t in terms if t in normalize_for_match(h.text)), k)
                for k, h in enumerate(chunks)
            ),
            reverse=True,
        )
        out += [chunks[k] for score, k in scored[:FOCUS_FALLBACK_CHUNKS] if score and chunks[k] not in out]
    return [h for h in out if h.chunk_id not in seen]


# Chunks of a named article offered when retrieval returned none of it.
FOCUS_FALLBACK_CHUNKS = 3


# Other question terms the article's sentence naming a place must hold for the place to name the article when
# regulations name the place too ("北京深化党建引领“街乡吹哨、部门报到”改革,建立“接诉即办”机制" holds 党建, 引领,
# 改革, 建立, 机制 of "北京党建引领基层治理的改革叫什么？建立了什么机制？"; the 宪法's "中华人民共和国首都是北京" none).
MIN_PLACE_CONTEXT = 2


# A name made of a place suffix and what it names has at least this many characters ("安定区", "石马村").
MIN_SUFFIXED_PLACE = 3


def _is_place_name(term: str) -> bool:
    """Whether ``term`` is a place name: it ends with a place suffix and is no common noun ("安定区", "石马村"; not
    "同乡", "地区", "社区", "开发区": two characters, or one word jieba tags ``n``), or jieba tags it as one place name (``ns``:
    北京, 万州, 辽宁). A term opening with a number is a counted name ("三州" of “三区三州”), no place."""
    import jieba.posseg

    if re.match(r"[一二两三四五六七八九十\d]", term):
        return False
    tagged = jieba.posseg.lcut(term)
    one_word = len(tagged) == 1
    if term.endswith(_PLACE_SUFFIXES):
        # two characters ending in a suffix are common words ("同乡", "农村", "社区"), not names
        return len(term) >= MIN_SUFFIXED_PLACE and not (one_word and str(tagged[0].flag) == "n")
    return one_word and str(tagged[0].flag) == "ns"


def names_place(term: str, text: str) -> bool:
    """Whether ``term`` (matching form) names a place in the document ``text`` (matching form): a place name
    (``_is_place_name``: "安定区", "北京") or a name the text writes with a place suffix ("万州" of "万州区")."""
    if re.match(r"[一二两三四五六七八九十\d]", term):
        return False
    return _is_place_name(term) or any(term + suffix in text for suffix in _PLACE_SUFFIXES)


def _place_context(term: str, text: str, terms: Sequence[str]) -> int:
    """The most other ``terms`` one sentence of ``text`` naming ``term`` holds."""
    best = 0
    for sentence in re.split(r"[。！？;；\n]", text):
        if term in sentence:
            best = max(best, sum(1 for t in terms if t != term and t in sentence))
    return best


def story_subject(question: str, text: str) -> str | None:
    """The question's term (matching form) that the document ``text`` (matching form) names, longest first,
    leaving out the before/after words themselves."""
    terms = [
        t
        for t in informative_terms(question)
        if len(t) >= 2 and t in text and not _BEFORE_ASK_RE.fullmatch(t) and not _AFTER_ASK_RE.fullmatch(t)
    ]
    return max(terms, key=len) if terms else None


def pick(listed: TheoryList, ordinal: int, max_chars: int = 160) -> Extract | None:
    """The ``ordinal``-th member of ``listed`` (1-based; -1 the last) as a cited answer: a lead is quoted with
    the sentences after it in its paragraph up to ``max_chars`` ("第一个工程提升的是什么能力" → "实施“学习聚魂”
    政治引领工程,提升……的“思想凝聚力”。……"); a member of an in-sentence enumeration is named in the attribution
    and its sentence quoted. None when the list has no such member."""
    n = len(listed.members)
    at = list_place(ordinal, n)
    if at is None:
        return None
    k = at + 1
    title = book_title(listed.hits[0])
    ordinal_word = int_to_cn(k)
    if len(listed.quotes) != n:  # an in-sentence enumeration: its one sentence, the member named
        hit, quote = listed.hits[0], listed.quotes[0]
        ex = Extract(f"根据{title}第{ordinal_word}项（{listed.members[k - 1]}）：{quote}[1]",
                     [Citation.from_hit(1, hit, quote)], [], "list", [hit])  # fmt: skip
        ex.anchored = True
        return ex
    hit, lead = listed.hits[k - 1], listed.quotes[k - 1]
    lines = _lines([hit])
    at = next((i for i, (_, ln) in enumerate(lines) if ln.startswith(lead)), None)
    pieces = [lead]
    rest = _sentences(lines[at][1])[1:] if at is not None else []
    if at is not None and not rest and at + 1 < len(lines):
        rest, pieces = _sentences(lines[at + 1][1]), [lead, ""]  # a heading: the paragraph under it
    for s in rest:
        if sum(map(len, pieces)) + len(s) > max_chars and pieces[-1]:
            break
        pieces[-1] += s
    citations = [Citation.from_hit(i, hit, q) for i, q in enumerate(pieces, 1)]
    body = "\n".join(f"{c.quote}[{c.n}]" for c in citations)
    ex = Extract(f"根据{title}第{ordinal_word}项：\n{body}", citations, [], "list", [hit])
    ex.anchored = True
    return ex


# "多少个基层党组织", "多少名党员", "几所学校": the measure word and the noun a figure question counts.
_FIGURE_ASK_RE = re.compile(
    r"(?:多少|几)(个|名|万|家|所|人|户|项|次|条|支|座|处|分钟|小时|公里)?([\u4e00-\u9fff]{2,6})"
)
# A figure in a text: Arabic digits, a Chinese number of two characters or more, or any number with 多/余 and 万/亿
# ("480多万个", "9500多万名", "三百余家"); "一名党员", "每个党组织" state no figure.
_FIGURE_RE = r"(?:(?:[\d０-９][\d０-９.,]*|[一二两三四五六七八九十百千]{2,})[多余]?[万亿]?|[一二两三四五六七八九十百千][多余]?[万亿])"


# A figure may follow its noun within this many characters ("“两新”组织党组织210多个").
FIGURE_AFTER_NOUN = 8


def _with_quote_opening(sentences: Sequence[str], k: int) -> str:
    """Sentence ``k`` of a paragraph's ``sentences``, with the sentences before it back to the opening quotation mark
    when it ends someone's words ("截至目前,石马村已经引进6家……”马景刚说。" begins at "“我们正加强……")."""
    text = sentences[k]
    while text.count("”") > text.count("“") and k > 0:
        k -= 1
        text = sentences[k] + text
    return text


def _attribution(hit: Hit) -> str:
    """ "根据《…》第1-7段：": the attribution of an answer quoting one chunk, with its locator."""
    return f"根据{book_title(hit)}{hit.locator or ''}："


def figure_sentence(question: str, chunks: Sequence[Hit]) -> Extract | None:
    """The sentence of the focused article (``chunks``, in order) that states the most of the figures the question
    asks for ("人民日报那篇文章说我们党有多少个基层党组织、多少名党员" → "对于一个拥有480多万个基层党组织和9500多万名
    党员的世界第一大执政党而言,强基固本至关重要。"): a number (``_FIGURE_RE``), then the asked measure word, then the
    beginning of the counted noun, or that noun and the figure after it (``FIGURE_AFTER_NOUN``). The first such
    sentence, cited verbatim (from the opening quotation mark when it ends someone's words); None when the question
    asks for no figure or the article states none (a trap: the quantity gates then refuse)."""
    asked = [
        (m.group(1), m.group(2)) for m in _FIGURE_ASK_RE.finditer(normalize_for_match(question)) if m.group(1)
    ]
    if not asked or not chunks:
        return None
    best: tuple[int, Hit, str] | None = None
    for hit, line in _lines(chunks):
        sentences = _sentences(line)
        for k, sentence in enumerate(sentences):
            norm = normalize_for_match(sentence)
            stated = sum(
                1
                for measure, noun in asked
                if re.search(rf"{_FIGURE_RE}{re.escape(measure)}{re.escape(noun[:2])}", norm)
                # the figure after its noun: "成立“两新”组织党组织210多个"
                or re.search(
                    rf"{re.escape(noun[:2])}[^,，。;；]{{0,{FIGURE_AFTER_NOUN}}}?{_FIGURE_RE}{re.escape(measure)}",
                    norm,
                )
            )
            if stated and (best is None or stated > best[0]):
                best = (stated, hit, _with_quote_opening(sentences, k))
    if best is None:
        return None
    _, hit, sentence = best
    ex = Extract(
        f"{_attribution(hit)}{sentence}[1]", [Citation.from_hit(1, hit, sentence)], [], "quantity", [hit]
    )
    ex.anchored = True
    return ex


# "首要任务、关键环节和核心要义分别是什么": the parts before 分别/各 are asked one by one.
_PARTS_ASK_RE = re.compile(r"([\u4e00-\u9fff、和及与]{5,40}?)(?:分别|各自|各)(?:是|指|为|叫)")
MIN_PARTS = 2


def asked_parts(question: str) -> list[str]:
    """The parts a question asks for one by one ("铸魂的首要任务、关键环节和核心要义分别是什么" → [首要任务, 关键
    环节, 核心要义]), in matching form; the modifier before the first part (铸魂的) is left out. [] for fewer than
    ``MIN_PARTS`` parts."""
    m = _PARTS_ASK_RE.search(normalize_for_match(question))
    if m is None:
        return []
    parts = [p.split("的")[-1] for p in re.split(r"、|和|及|与", m.group(1)) if p]
    parts = [p for p in parts if len(p) >= 2]
    return parts if len(parts) >= MIN_PARTS else []


def part_sentences(question: str, chunks: Sequence[Hit]) -> Extract | None:
    """One cited sentence per asked part (``asked_parts``) from one article's ``chunks``: the first sentence that
    opens with the part and says what it is ("首要任務是學習黨的創新理論。", "關鍵環節是……", "核心要義是堅決做到
    “兩個維護”。"; matched in matching form, quoted in the article's own script). None unless every part has one."""
    parts = asked_parts(question)
    if not parts or not chunks:
        return None
    found: list[tuple[Hit, str]] = []
    for part in parts:
        pattern = re.compile(rf"^{re.escape(part)}(?:是|为|在于|就是)")
        hit_line = next(
            (
                (h, s)
                for h, line in _lines(chunks)
                for s in _sentences(line)
                if pattern.match(normalize_for_match(s))
            ),
            None,
        )
        if hit_line is None:
            return None
        found.append(hit_line)
    citations = [Citation.from_hit(k, hit, quote) for k, (hit, quote) in enumerate(found, 1)]
    body = "\n".join(f"{c.quote}[{c.n}]" for c in citations)
    one = len({h.chunk_id for h, _ in found}) == 1
    head = _attribution(found[0][0]) if one else f"根据{book_title(found[0][0])}："
    ex = Extract(f"{head}\n{body}", citations, [], "list", [h for h, _ in found])
    ex.anchored = True
    ex.complete_items = [q for _, q in found]
    return ex


# Names in quotation marks standing one after another, with or without 、/和 between: "“支部建在村上”“支部建在楼上”".
_QUOTED_NAMES_RE = re.compile(r"“([\u4e00-\u9fff]{2,12})”(?:(?:、|和|与|及|到)?“[\u4e00-\u9fff]{2,12}”)+")
# A member the question restates shares a run of at least this many characters with it ("建在连上").
MIN_ECHO_CHARS = 4


def echoed_run(question: str, chunks: Sequence[Hit]) -> Extract | None:
    """The sentence of ``chunks`` listing ``MIN_MEMBERS`` or more quoted names of which the question restates one
    and asks for the others ("支部从建在连上，后来又建在了哪些地方？" → 从“支部建在连上”到“支部建在村上”“支部建在楼上”
    “支部建在项目上”……): the sentence quoted verbatim, the other names its complete items. None otherwise."""
    norm_q = normalize_for_match(question)
    for hit, line in _lines(chunks):
        for sentence in _sentences(line):
            norm = normalize_for_match(sentence)
            for m in _QUOTED_NAMES_RE.finditer(norm):
                names = re.findall(r"“([\u4e00-\u9fff]{2,12})”", m.group(0))
                if len(names) < MIN_MEMBERS or len(set(names)) != len(names):
                    continue
                echoed = [n for n in names if _longest_common(n, norm_q) >= min(MIN_ECHO_CHARS, len(n))]
                if len(echoed) != 1:
                    continue
                others = [n for n in names if n != echoed[0]]
                ex = Extract(f"{_attribution(hit)}\n{sentence}[1]", [Citation.from_hit(1, hit, sentence)], [],
                             "list", [hit])  # fmt: skip
                ex.anchored = True
                ex.complete_items = others
                return ex
    return None


def compound_leads(term: str, chunks: Sequence[Hit]) -> Extract | None:
    """The consecutive paragraph leads of one article (``chunks``, in order) that spell out a numbered compound term
    the article never writes as such ("萬州……的“三抓三強”是什麼" → "抓基本強基礎。", "抓責任強落實。", "抓隊伍強能力。",
    each opening a paragraph): exactly as many as the term counts, quoted in the article's script, counted.
    None when the article holds no such run."""
    shape = compound_lead_re(term)
    if shape is None:
        return None
    n = cn_to_int(term[0].replace("两", "二")) or 0
    run: list[tuple[Hit, str]] = []
    for hit, line in [*_lines(chunks), (None, "")]:
        lead = _lead(line) if line else ""
        if hit is not None and shape.match(normalize_for_match(lead)):
            run.append((hit, lead))
            continue
        if len(run) == n:
            listed = TheoryList(
                "", "项", tuple(q for _, q in run), tuple(q for _, q in run), tuple(h for h, _ in run)
            )
            return render_list(listed)
        run = []
    return None
