"""Follow-up resolution: turn "那第二点呢" / "它的要求是什么" / "这一条呢" into a self-contained question.

Retrieval sees one question at a time, so an elliptical follow-up must be rewritten before retrieval.
The rewriter is rule-based (no LLM needed) and uses what the previous turn was about (``Topic``): its
resolved question, key terms, the document and article its answer cited. Rules, first match wins:

- "第二点呢" / "那第3项是什么": the previous question again plus the ordinal; the extractor then returns
  that enumerated item;
- "这一条呢" / "该条的内容": the previous answer's document and article ("中国共产党章程第三十二条");
- "第五条呢" (an article number without a document): the previous document + that article;
- "还有呢" / "还有吗" / "其他呢": the previous question, excluding the chunks already cited;
- a leading pronoun ("它的要求是什么", "它由几个人组成", "其中最重的是哪一种"): the pronoun is replaced by
  the previous subject ("党的基层组织的要求是什么", "村民委员会由几个人组成");
- "那居委会呢" (another subject, same question): the previous question with its subject swapped
  ("居委会每届任期几年"; "政务处分中警告的期间是多久" → "政务处分中记过的期间是多久");
- a bare predicate ("可以延长吗", "需要审批吗"): the previous subject is prepended
  ("监察机关留置时间可以延长吗").

A question that is none of these is returned unchanged (a new topic).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.rag.extract import ItemSelector
from service.rag.query_terms import informative_terms
from service.store.conversations import Topic, Turn
from service.text.refs import (
    POINT_PATTERN,
    ArticleRef,
    article_no,
    find_selection,
    format_ref,
    parse_locator,
    ref_at,
)

_FILLER = r"(?:那么|那末|那|请问|再问一下|再说说)?"
_END = r"(?:呢|吗|是什么|是啥|讲了什么|说了什么|的内容|内容是什么|怎么说|具体是什么|有哪些)?[？?。!！\s]*$"
_POINT_RE = re.compile(rf"^{_FILLER}({POINT_PATTERN})(?:方面|内容|要求)?{_END}")
_THIS_ARTICLE_RE = re.compile(rf"^{_FILLER}(?:这一?条|该条|此条|本条|这条规定)(.*)$")
# Fillers before an article number without a document ("那第一百条呢"); the number itself is refs'.
_ARTICLE_FILLER_RE = re.compile(rf"^{_FILLER}")
_MORE_RE = re.compile(
    rf"^{_FILLER}(?:还有呢|还有吗|还有别的吗|还有其他的吗|还有什么|其他呢|其它呢|然后呢|继续|接着说){_END}"
)
_PRONOUN_RE = re.compile(
    r"^(?:那|那么)?(其中|它们|它|这个|这些|这|该|其|此)(?=[的是有要在对应怎如为需由向从被能可会每多几最一哪])"
)
# "那居委会呢": X is a new subject for the previous question (not an ordinal, article or "还有").
_SWAP_RE = re.compile(r"^(?:那|那么)?([^，,。？?！!呢吗\s]{2,12})呢[？?。!！\s]*$")
_NOT_SUBJECT_RE = re.compile(r"还有|其他|其它|然后|什么|哪|怎|如何|为何|这|那|它|第")
# "可以延长吗": a predicate without a subject.
_BARE_PREDICATE_RE = re.compile(
    r"^(?:那|那么)?(?:还)?(?:可以|可不可以|能否|能不能|能|是否|需要|需不需要|要不要|会不会|应该|应当|必须|允许)"
    r"[^，,。]{0,10}[吗么呢]?[？?。!！\s]*$"
)
# Where the subject of a question ends: the first predicate or question word after it.
_SUBJECT_END_RE = re.compile(
    r"每届|每年|每次|由|是|对|向|有|应当|应该|可以|可不可以|能否|能不能|包括|怎么|怎样|如何|"
    r"最长|最短|最多|最少|最高|最低|多久|多长|多少|多大|几|需要|必须|一般|在|从|什么"
)
_TOPIC_TAIL_RE = re.compile(
    r"(?:是什么|是指什么|指什么|是多少|有哪些|有哪几[个项条点]?|包括哪些|包括什么|是怎样的|怎么样|如何|"
    r"怎么办|有什么(?:规定|要求)?|的?含义|呢|吗)?[？?。!！\s]*$"
)
_TOPIC_HEAD_RE = re.compile(r"^(?:请问|请|我想知道|想了解|什么是|何谓|根据)")


@dataclass
class Resolution:
    """The question retrieval and answering should use, and what the follow-up carried over.

    ``selector`` (rule "point"): the item of the previous answer's list the follow-up picks; the answerer
    selects it from the whole article the previous turn cited. ``alternatives`` (rule "swap"): other
    readings of the follow-up, tried when the first is not supported ("那入党誓词呢" after a question about
    义务 is a new topic, not "入党誓词有哪些义务")."""

    question: str
    rule: str = "new"  # new, point, this_article, article, more, pronoun, predicate, swap
    exclude_chunk_ids: list[str] = field(default_factory=list)
    selector: ItemSelector | None = None
    alternatives: list[str] = field(default_factory=list)

    @property
    def is_followup(self) -> bool:
        return self.rule != "new"


_TOPIC_INNER_RE = re.compile(r"有哪些|有哪几[个项条点]?|包括哪些|是什么|是多少|有什么")


def topic_phrase(question: str) -> str:
    """The subject of a question: "党的基层组织的基本任务是什么" → "党的基层组织的基本任务"."""
    t = _TOPIC_TAIL_RE.sub("", question.strip())
    t = _TOPIC_HEAD_RE.sub("", t)
    t = _TOPIC_INNER_RE.sub("", t)
    return t.strip() or question.strip()


def subject_phrase(question: str) -> str:
    """The leading noun phrase of a question: "村民委员会每届任期几年" → "村民委员会",
    "国家监察委员会由谁产生" → "国家监察委员会"; falls back to ``topic_phrase``."""
    t = _TOPIC_HEAD_RE.sub("", question.strip())
    for m in _SUBJECT_END_RE.finditer(t):
        if m.start() >= 2:
            return t[: m.start()].rstrip("的")
    return topic_phrase(question)


# What a question asks *of* its subject (党员的义务, 支部委员会的任期): a follow-up naming one of these ("那权利呢")
# asks the same of the same subject, so it replaces the attribute, not the subject.
ATTRIBUTE_NOUNS = (
    "义务", "权利", "条件", "职责", "职权", "任务", "基本任务", "期限", "任期", "程序", "手续", "标准", "要求",
    "原则", "纪律", "宗旨", "性质", "纲领", "作用", "方式", "种类", "待遇", "责任", "权限",
)  # fmt: skip


_QUANTITY_TAIL_RE = re.compile(r"几|多少|多久|多长|多大")


def _swap_subject(previous: str, new_subject: str) -> str:
    """The previous question asked about ``new_subject`` instead of its own subject.

    A follow-up naming an attribute (``ATTRIBUTE_NOUNS``: 权利) replaces the attribute asked before (党员的义务 →
    党员的权利). A subject sharing two characters with the new one is replaced whole (村民委员会 → 居委会); a
    subject with a modifier ("政务处分中警告的期间") has only its head entity replaced (警告 → 记过)."""
    prev = _TOPIC_HEAD_RE.sub("", previous.strip())
    if new_subject in ATTRIBUTE_NOUNS:  # "党员的义务有哪些" + "那权利呢": 义务 → 权利, never 党员 → 权利
        asked = [a for a in ATTRIBUTE_NOUNS if a in prev and a != new_subject]
        if asked:
            attribute = max(asked, key=prev.rindex)
            start = prev.rindex(attribute)
            tail = prev[start + len(attribute) :]
            # "任期是几年" → "职责是什么": a quantity asked of the old attribute is not asked of the new one
            tail = "是什么？" if _QUANTITY_TAIL_RE.search(tail) else tail
            return prev[:start] + new_subject + tail
    subject = subject_phrase(prev)
    if subject not in prev:
        return f"{new_subject}{topic_phrase(prev)}"
    if len(set(subject) & set(new_subject)) >= 2 or "的" not in subject:
        return prev.replace(subject, new_subject, 1)
    entity = subject.split("的", 1)[0]
    entity = entity.rsplit("中", 1)[-1] if "中" in entity[1:] else entity
    head = prev.index(entity) if entity else -1
    if head < 0 or not entity:
        return prev.replace(subject, new_subject, 1)
    return prev[:head] + new_subject + prev[head + len(entity) :]


def _article_label(topic: Topic) -> str | None:
    """The article the previous answer cited, with its document and 之X ("…条例第三条之一")."""
    if topic.article_no is None:
        return None
    cited = parse_locator(topic.locator) if topic.locator else None
    sub = cited.sub if cited is not None and cited.number == topic.article_no else None
    return format_ref(ArticleRef("条", topic.article_no, sub, law=topic.doc_title or ""))


def resolve(question: str, history: Sequence[Turn]) -> Resolution:
    """Rewrite ``question`` against the previous turn of ``history`` (oldest first)."""
    q = question.strip()
    if not history:
        return Resolution(q)
    prev = history[-1]
    topic = prev.topic

    selector = item_selector(q)
    if selector is not None:
        point = _POINT_RE.match(q)
        ordinal = f"第{selector.ordinal}项" if selector.ordinal and selector.ordinal > 0 else ""
        ordinal = point.group(1) if point else ordinal
        return Resolution(f"{prev.resolved_question} {ordinal}".strip(), "point", selector=selector)

    m = _THIS_ARTICLE_RE.match(q)
    if m and (label := _article_label(topic)):
        rest = m.group(1).strip()
        rest = "" if re.fullmatch(_END, rest) else rest
        return Resolution(f"{label}{rest}", "this_article")

    filler = _ARTICLE_FILLER_RE.match(q)
    ref = ref_at(q, filler.end(), "条") if filler else None
    if ref and topic.doc_title and topic.doc_title not in q:
        rest = q[ref.end :].strip()
        rest = "" if re.fullmatch(_END, rest) else rest
        return Resolution(f"{topic.doc_title}{q[ref.start : ref.end]}{rest}", "article")

    if _MORE_RE.match(q):
        return Resolution(prev.resolved_question, "more", list(topic.chunk_ids))

    m = _PRONOUN_RE.match(q)
    if m:
        subject = subject_phrase(prev.resolved_question)
        subject += "中" if m.group(1) == "其中" else ""
        return Resolution(subject + q[m.end() :], "pronoun")

    if _BARE_PREDICATE_RE.match(q):
        return Resolution(subject_phrase(prev.resolved_question) + q, "predicate")

    m = _SWAP_RE.match(q)
    if m and not _NOT_SUBJECT_RE.search(m.group(1)):
        subject = m.group(1)
        return Resolution(_swap_subject(prev.resolved_question, subject), "swap", alternatives=[subject])
    return Resolution(q)


# Selecting an item of the list shown before: "第八点呢", "其中第三项是什么", "上面说的第三项", "最后一项呢",
# "哪一项和隐私有关". Recognised by what is left once the selection is removed: nothing of substance.
_ABOUT_RE = re.compile(
    r"哪(?:一)?[点项个款条](?:是|内容)?(?:和|与|跟|同|关于|涉及|讲|说|提到|谈)(.+?)(?:有关|相关|有联系|的)?[呢吗]?[？?。！!\s]*$"
)
_SELECTION_FILLER_RE = re.compile(
    r"那|那么|其中|里面|当中|上面|上述|前面|刚才|刚刚|之前|你|说的|提到的|讲的|列的|的|是什么|是啥|内容|具体|"
    r"讲了什么|说了什么|呢|吗|呀|请问|再|说说|讲讲|一下|[？?。！!，,\s]"
)


def item_selector(question: str) -> ItemSelector | None:
    """The list item a follow-up selects, or None when the question asks something of its own."""
    q = question.strip()
    m = _ABOUT_RE.search(q)
    if m and m.group(1).strip():
        return ItemSelector(about=m.group(1).strip())
    selected = find_selection(q)  # the ordinal itself is refs' ("第三项", "最后一项")
    if selected is None:
        return None
    n, start, end = selected
    rest = _SELECTION_FILLER_RE.sub("", q[:start] + q[end:])
    if rest:
        return None  # "第三项规定的期限是多久" asks about the item, not for it
    return ItemSelector(ordinal=n) if n else None


def topic_for(resolved_question: str, citations_topic: Topic | None = None) -> Topic:
    """The topic a turn leaves behind: its key terms plus the document/article its answer cited."""
    topic = citations_topic or Topic()
    topic.terms = informative_terms(resolved_question)
    if topic.article_no is None:
        topic.article_no = article_no(resolved_question)
    return topic


def history_from_questions(questions: Sequence[str]) -> list[Turn]:
    """Turns for a stateless client (OpenAI chat messages): each earlier user question resolved in order."""
    turns: list[Turn] = []
    for q in questions:
        res = resolve(q, turns)
        turns.append(Turn(q, res.question, topic_for(res.question)))
    return turns
