"""Lists whose members are chapter headings (issue 11, item 2: a list spread over headings).

A regulation often states a list only through the headings of sibling chapters: the 分则 of the 纪律处分条例
has one chapter per kind of discipline ("第六章 对违反政治纪律行为的处分" … "第十一章 对违反生活纪律行为的处分"),
and a procedure regulation has one chapter per stage. No single article spells these lists out, so the
extractor, which quotes sentences, cannot answer "对哪几类纪律规定了处分" from any one hit. This module finds
such lists from the headings of a document's chapters; ``Answerer`` renders them with one citation per chapter.

Pure functions over ``(chapter path, first chunk of that chapter)`` pairs; nothing here reads the index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.rag.extract import MIN_SENTENCE_CHARS, Extract, book_title, count_words, split_hit
from service.rag.query_terms import informative_terms
from service.rag.refusal.absent import in_order
from service.schemas import Citation, Hit
from service.text.normalize import normalize_for_match
from service.text.refs import heading_line, int_to_cn, list_place

# "哪几类纪律", "哪些纪律", "几种纪律", "哪几个方面的工作": the asker, its measure word, then the asked noun.
# A unit of time or of a count after the asker asks a quantity, no list ("按几分钟服务圈布局", "几年").
_QUANTITY_UNIT = r"(?!分钟|小时|天|年|个月|月|周岁|岁|次|倍|周)"
_ASKED_AFTER_RE = re.compile(
    rf"(?:哪几|哪些|几){_QUANTITY_UNIT}(类|种|个方面|方面|个|项|大类)?(?:的)?([\u4e00-\u9fff]{{2,6}})"
)
# "党的纪律有哪几类", "纪律分为哪几种": the asked noun, then the asker.
_ASKED_BEFORE_RE = re.compile(
    rf"([\u4e00-\u9fff]{{2,6}}?)(?:有|分为|分成|分|包括|包含)?(?:哪几|哪些|几){_QUANTITY_UNIT}(类|种|个方面|方面|个|项|大类)?"
)
# A member is the two characters before the asked noun in a heading ("政治纪律"); 的/和/与 there mean the
# heading only mentions the noun ("违纪与纪律处分", "对违反政治纪律行为的处分" for 处分).
_MEMBER_BLOCKERS = set("的和与及或、对")
# A list needs at least this many sibling headings (two are a pair, not a list the member could not see).
MIN_HEADINGS = 3


@dataclass(frozen=True)
class HeadingList:
    """A list spelled out by sibling headings: ``members`` ("政治纪律", …) in document order, each with the
    heading it comes from and the first chunk under that heading; ``measure`` is the question's measure
    word (类/种/项), ``noun`` the asked noun ("纪律")."""

    noun: str
    measure: str
    members: tuple[str, ...]
    headings: tuple[str, ...]
    hits: tuple[Hit, ...]


def heading_name(heading: str) -> str:
    """A heading's name without its 第X章 and blanks, in matching form ("第六章 对违反政治纪律行为的处分" →
    "对违反政治纪律行为的处分"); a heading without a 编/章/节 number is returned normalised."""
    parsed = heading_line(heading.lstrip("#").strip())
    return normalize_for_match(parsed[1] if parsed is not None else re.sub(r"\s+", "", heading.lstrip("#")))


def asked_nouns(question: str) -> list[tuple[str, str]]:
    """Candidate ``(noun, measure word)`` pairs a list question asks for, longest first per position:
    "对哪几类纪律规定了处分" → [("纪律规定了", "类"), …, ("纪律", "类")]; "党的纪律有哪几类" → [("党的纪律", "类"),
    ("的纪律", "类"), ("纪律", "类")]. Empty when the question has no 哪几/哪些/几 asker."""
    norm = normalize_for_match(question)
    out: list[tuple[str, str]] = []
    for m in _ASKED_AFTER_RE.finditer(norm):
        run, measure = m.group(2), m.group(1) or "项"
        out += [(run[:k], measure) for k in range(len(run), 1, -1)]
    for m in _ASKED_BEFORE_RE.finditer(norm):
        run, measure = m.group(1), m.group(2) or "项"
        out += [(run[-k:], measure) for k in range(len(run), 1, -1)]
    return list(dict.fromkeys(out))


def _member(name: str, noun: str) -> str | None:
    """The member a heading names for ``noun``: the two characters just before it plus the noun, when the
    heading holds the noun once and nothing like 的/和 sits between them; else None."""
    at = name.find(noun)
    if at < 2 or name.find(noun, at + 1) != -1:
        return None
    before = name[at - 2 : at]
    if set(before) & _MEMBER_BLOCKERS:
        return None
    return before + noun


def heading_list(question: str, chapters: Sequence[tuple[Sequence[str], Hit]]) -> HeadingList | None:
    """The list of sibling headings of one document that the question asks for, or None.

    ``chapters`` is (chapter path, first chunk under it) for the document's chapters in order. Siblings are
    headings with the same parent path. A group answers when every sibling names a distinct member of the
    asked noun (``_member``), with at least ``MIN_HEADINGS`` siblings: the 分则's six "对违反X纪律行为的处分"
    chapters for "哪几类纪律". A group where some sibling does not name the noun is not a list of it (the
    总则's "违纪与纪律处分" beside "指导思想、原则和适用范围")."""
    groups: dict[tuple[str, ...], list[tuple[str, Hit]]] = {}
    for path, hit in chapters:
        if path:
            groups.setdefault(tuple(path[:-1]), []).append((path[-1], hit))
    for noun, measure in asked_nouns(question):
        for siblings in groups.values():
            if len(siblings) < MIN_HEADINGS:
                continue
            members = [_member(heading_name(h), noun) for h, _ in siblings]
            found = [m for m in members if m is not None]
            if len(found) == len(siblings) and len(set(found)) == len(found):
                return HeadingList(
                    noun,
                    measure,
                    tuple(found),
                    tuple(h for h, _ in siblings),
                    tuple(hit for _, hit in siblings),
                )
    return None


def stage_relevance(question: str, headings: Sequence[str]) -> int:
    """How many of a document's chapter ``headings`` share a topic term with the question: the document whose
    chapters are the stages of the procedure asked about ("入党要经过哪些环节" → the 发展党员工作细则's
    "入党积极分子的确定和培养教育" …) shares the procedure's words; the 党章's chapters (党员, 党的组织制度 …)
    do not name 入党. 0 when nothing is shared."""
    terms = [t for t in informative_terms(question) if len(t) >= 2]
    names = [heading_name(h) for h in headings]
    return sum(1 for n in names if any(t in n for t in terms))


# "组织处理一般按照以下程序进行：", "预备党员转正的手续是：", "公务员晋升领导职务，按照下列程序办理：": an article that
# announces the steps of one procedure (a procedure word shortly before the colon).
_PROCEDURE_WORDS = ("程序", "步骤", "环节", "流程", "手续", "阶段")
_STEPS_INTRO_RE = re.compile(r"([^。；;：:\n]*?(?:程序|步骤|环节|流程|手续)[^。；;：:\n]{0,8})[：:]")
_FIRST_ITEM_RE = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]")


def announces_steps(question: str, hit: Hit) -> bool:
    """Whether ``hit`` is an article that itself lists the steps of the procedure the question asks about: an
    intro naming a procedure word before a colon, followed by numbered items ("（一）调查核实。……") or by
    members separated by semicolons on the same line, whose words hold at least half of the question's topic
    terms (procedure words and the count asker left out). 组织处理规定第十条 "组织处理一般按照以下程序进行：" is the
    answer to "组织处理的程序分几步" although the 处分批准权限和程序规定's chapter headings name 程序 (holdout4
    h4-202); the 细则's "预备党员转正的手续是：" does not hold 入党 and leaves "入党要经过哪些环节" to the chapters."""
    terms = [
        t
        for t in informative_terms(question)
        if len(t) >= 2 and "几" not in t and not any(w in t for w in _PROCEDURE_WORDS)
    ]
    if not terms:
        return False
    text = normalize_for_match(hit.text)
    for m in _STEPS_INTRO_RE.finditer(text):
        rest = text[m.end() : m.end() + 300]
        listed = (
            _FIRST_ITEM_RE.match(rest) is not None
            or "；" in rest.split("\n")[0]
            or ";" in rest.split("\n")[0]
        )
        if listed and 2 * sum(1 for t in terms if t in m.group(1)) >= len(terms):
            return True
    return False


def _first_sentence(hit: Hit, rank: int) -> str:
    """The first sentence of ``hit`` (the chunk opening a chapter) of at least ``MIN_SENTENCE_CHARS`` characters,
    else its first line: what a list of headings quotes under each heading."""
    first = next((s for s in split_hit(hit, rank) if len(s.text) >= MIN_SENTENCE_CHARS), None)
    return hit.text.strip().split("\n")[0] if first is None else first.text


def render(listed: HeadingList) -> Extract:
    """An extract listing ``listed``: "根据《…》，共六类纪律：" and one line per member, "《…》第六章 对违反政治
    纪律行为的处分（政治纪律）：<first sentence under it>[n]", the sentence quoted verbatim and cited (the
    attribution form ``citations.verify`` reads as a heading, not a claim). Members are the count's items
    (``complete_items``)."""
    title = book_title(listed.hits[0])
    n = len(listed.members)
    lines = [f"根据{title}，共{count_words(n)}{listed.measure[-1]}{listed.noun}："]
    citations: list[Citation] = []
    for k, (member, heading, hit) in enumerate(
        zip(listed.members, listed.headings, listed.hits, strict=True), 1
    ):
        quote = _first_sentence(hit, k - 1)
        lines.append(f"{title}{heading.lstrip('#').strip()}（{member}）：{quote}[{k}]")
        citations.append(Citation.from_hit(k, hit, quote))
    ex = Extract("\n".join(lines), citations, [], "list", list(listed.hits))
    ex.anchored = True
    ex.complete_items = list(listed.members)
    return ex


# A heading the question names shares at least this many of its words with it (and half of them at least).
NAMED_HEADING_TERMS = 3
# A chapter listed article by article holds at most this many articles (a longer one is no list to read out).
MAX_CHAPTER_ARTICLES = 8


def named_heading(question: str, headings: Sequence[str]) -> str | None:
    """The heading among ``headings`` (the innermost headings of one document's chapters) that a list question
    names, or None: it shares at least ``NAMED_HEADING_TERMS`` of its informative words with the question, at
    least half of them, and one of the shared words is in no other heading ("违反生活纪律主要有哪些行为" names
    "第十一章 对违反生活纪律行为的处分": 违反、生活、纪律、行为, and 生活 is that chapter's alone). Of several, the
    one sharing most words; a tie names none."""
    q = normalize_for_match(question)
    names = list(dict.fromkeys(heading_name(h) for h in headings))
    words = {n: [t for t in informative_terms(n) if len(t) >= 2] for n in names}
    scored: list[tuple[int, str]] = []
    for name, terms in words.items():
        shared = [t for t in terms if t in q]
        if len(shared) < NAMED_HEADING_TERMS or 2 * len(shared) < len(terms):
            continue
        if not any(all(t not in other for other in names if other != name) for t in shared):
            continue
        scored.append((len(shared), name))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return next(h for h in headings if heading_name(h) == scored[0][1])


def chapter_articles(heading: str, articles: Sequence[Hit]) -> Extract | None:
    """The articles of one chapter as the answer to a list question that names the chapter (``named_heading``):
    "根据《中国共产党纪律处分条例》第十一章 对违反生活纪律行为的处分，共五条：" and one line per article,
    "《…》第一百五十条：<its first sentence>[n]", quoted verbatim and cited. ``articles`` is the first chunk of each
    article under ``heading``, in order. None for fewer than two or more than ``MAX_CHAPTER_ARTICLES`` articles
    (holdout4 h4-158: "违反生活纪律主要有哪些行为" led with 党章第四十条, which only names the six kinds of 纪律)."""
    if not 2 <= len(articles) <= MAX_CHAPTER_ARTICLES:
        return None
    title = book_title(articles[0])
    lines = [f"根据{title}{heading.lstrip('#').strip()}，共{count_words(len(articles))}条："]
    citations: list[Citation] = []
    for k, hit in enumerate(articles, 1):
        quote = _first_sentence(hit, k - 1)
        lines.append(f"{title}{hit.locator}：{quote}[{k}]")
        citations.append(Citation.from_hit(k, hit, quote))
    ex = Extract("\n".join(lines), citations, [], "list", list(articles))
    ex.anchored = True
    ex.complete_items = [h.locator for h in articles]
    return ex


# "一共讲了哪几个方面", "分为几个部分", "主要内容有哪些": a question about how a named document is divided.
_OUTLINE_Q_RE = re.compile(
    r"(?:哪几|哪些|几)个?(?:方面|部分|板块|大块)|主要内容(?:有|是|包括)(?:哪些|什么)|分(?:为|成)?几(?:个)?部分"
    # "各章讲什么", "每章都写了啥", "有哪几章": the chapters' headings (holdout6 h6-145)
    r"|(?:各|每一?)章(?:都|分别|各自)?(?:讲|说|写|是|规定)|(?:哪几|哪些)章"
    # "各部分标题是什么", "每章的题目叫什么": the headings themselves (holdout7 h7-218)
    r"|(?:各|每一?)个?(?:部分|章)的?(?:标题|题目|名称|名字)"
)
_CHAPTER_ASK_RE = re.compile(r"(?:各|每一?|哪几|哪些|几)章")
# The kind words a document title ends with.
_DOCUMENT_KINDS = ("准则", "条例", "规定", "细则", "章程", "规则", "办法", "法")
MIN_NAME_CHARS = 6  # a shorter run of the question is no sure name of a document
# ... unless it names one title only ("若干准则" of 关于新形势下党内政治生活的若干准则, "问责条例"): at least this many
MIN_UNIQUE_NAME_CHARS = 4
SHORT_NAME_CHARS = 4  # a short name ("若干准则", "问责条例") picks among documents that all answer


def named_document(question: str, titles: Sequence[str], min_chars: int = MIN_NAME_CHARS) -> str | None:
    """The title among ``titles`` that ``question`` names, in full or cut short (its characters in order, ending
    with the title's kind word: 准则, 条例 …, at least ``min_chars`` characters (``MIN_NAME_CHARS`` unless told: a
    caller choosing among a few candidates may accept "若干准则"), or ``MIN_UNIQUE_NAME_CHARS`` when no other title
    holds them in order: "若干准则"); the longest such name wins. None when the question names none."""
    q = re.sub(r"[《》\s]", "", normalize_for_match(question))
    names: dict[str, str] = {}
    for title in titles:
        t = re.sub(r"[《》\s]", "", normalize_for_match(title))
        names[title] = re.sub(r"[（(][^）)]*[）)]$", "", t)  # （试行）
    best: tuple[int, str] | None = None
    for title, t in names.items():
        kind = next((k for k in _DOCUMENT_KINDS if t.endswith(k)), None)
        if kind is None:
            continue
        for end in (m.end() for m in re.finditer(re.escape(kind), q)):
            for start in range(0, end - min(min_chars, MIN_UNIQUE_NAME_CHARS) + 1):
                name = q[start:end]
                if not re.fullmatch(r"[\u4e00-\u9fff]+", name) or not in_order(name, t):
                    continue
                short = len(name) < min_chars
                if short and any(in_order(name, other) for o, other in names.items() if other != t):
                    continue
                if best is None or len(name) > best[0]:
                    best = (len(name), title)
                break
    return best[1] if best else None


def _unit_of(heading: str) -> str | None:
    """The unit (编/章/节) of a chapter-path heading ("## 第三编 附则" → 编), or None."""
    found = heading_line(heading.lstrip("#").strip())
    return found[0].ref.unit if found is not None else None


def asks_outline(question: str) -> bool:
    """True for a question about how a document is divided ("……一共讲了哪几个方面", "分为几个部分")."""
    return _OUTLINE_Q_RE.search(normalize_for_match(question)) is not None


def outline(question: str, chapters: Sequence[tuple[Sequence[str], Hit]]) -> Extract | None:
    """The top-level headings of a document as the answer to ``asks_outline`` ("关于新形势下党内政治生活的若干准则
    一共讲了哪几个方面" → its twelve headings 一、坚定理想信念 … 十二、保持清正廉洁的政治本色, "共十二个方面"), each
    with the first sentence under it quoted and cited; ``chapters`` is (chapter path, first chunk under it) of the
    document, in order. None for fewer than ``MIN_HEADINGS`` headings."""
    firsts: dict[str, Hit] = {}
    by_chapter = _CHAPTER_ASK_RE.search(question) is not None
    parts = any(_unit_of(p) == "编" for path, _ in chapters for p in path)
    for path, hit in chapters:
        if not path:
            continue
        if by_chapter:
            # "各章讲什么" of a document in 编 (纪律处分条例): its 章, not its three 编; a 编 without 章 (附则) is none
            chapter = next((p for p in path if _unit_of(p) == "章"), None)
            if chapter is None and parts:
                continue
            firsts.setdefault(chapter or path[0], hit)
        else:
            firsts.setdefault(path[0], hit)
    if len(firsts) < MIN_HEADINGS:
        return None
    hits = list(firsts.values())
    title = book_title(hits[0])
    measure = "个部分" if "部分" in question else "章" if _CHAPTER_ASK_RE.search(question) else "个方面"
    lines = [f"根据{title}，共{count_words(len(firsts))}{measure}："]
    citations: list[Citation] = []
    for k, (heading, hit) in enumerate(firsts.items(), 1):
        quote = _first_sentence(hit, k - 1)
        lines.append(f"{title}{heading.lstrip('#').strip()}：{quote}[{k}]")
        citations.append(Citation.from_hit(k, hit, quote))
    ex = Extract("\n".join(lines), citations, [], "list", hits)
    ex.anchored = True
    ex.complete_items = [h.lstrip("#").strip() for h in firsts]
    return ex


def about_heading(about: str, headings: Sequence[str]) -> int | None:
    """The index of the first of ``headings`` that names ``about`` (its words, ``informative_terms``, in any of their
    vocabulary forms, all of them), or None."""
    from service.text.vocabulary import load

    words = informative_terms(about) or [normalize_for_match(about)]
    forms = load()
    for i, heading in enumerate(headings):
        norm = normalize_for_match(heading)
        if all(any(f in norm for f in (w, *forms.formal_forms(w))) for w in words):
            return i
    return None


def outline_part(
    question: str, chapters: Sequence[tuple[Sequence[str], Hit]], k: int | None, about: str | None = None
) -> Extract | None:
    """The ``k``-th top-level heading (-1: the last) of a document's outline (``outline``) as the answer to a
    follow-up picking it ("那第十一部分讲的是什么" after "若干准则分了哪几个部分" → "十一、加强对权力运行的制约和
    监督" with the first sentence under it quoted and cited); ``question`` is the question that asked for the outline
    (its measure word: 部分 or 方面). Picked by ``about`` instead ("跟选人用人有关的那部分"), it is the first heading
    naming it (``about_heading``). None when the document has fewer than ``MIN_HEADINGS`` headings or no such one."""
    firsts: dict[str, Hit] = {}
    for path, hit in chapters:
        if path:
            firsts.setdefault(path[0], hit)
    if about:
        at = about_heading(about, list(firsts))
    else:
        at = list_place(k, len(firsts)) if k is not None else None
    if len(firsts) < MIN_HEADINGS or at is None:
        return None
    heading, hit = list(firsts.items())[at]
    title = book_title(hit)
    measure = "部分" if "部分" in question else "方面"
    place = at + 1
    quote = _first_sentence(hit, 0)
    ordinal = f"第{int_to_cn(place)}部分" if measure == "部分" else f"第{int_to_cn(place)}个方面"
    lines = [f"根据{title}，{ordinal}：", f"{title}{heading.lstrip('#').strip()}：{quote}[1]"]
    ex = Extract("\n".join(lines), [Citation.from_hit(1, hit, quote)], [], "list", [hit])
    ex.anchored = True
    return ex
