"""Follow-up resolution: turn "那第二点呢" / "它的要求是什么" / "这一条呢" into a self-contained question.

Retrieval sees one question at a time, so an elliptical follow-up must be rewritten before retrieval.
The rewriter is rule-based (no LLM needed) and uses what the previous turn was about (``Topic``): its
resolved question, key terms, the document and article its answer cited. Rules, first match wins:

- "第二点呢" / "那第3项是什么": the previous question again plus the ordinal; the extractor then returns
  that enumerated item;
- "这一条呢" / "该条的内容": the previous answer's document and article ("中国共产党章程第三十二条");
- "第五条呢" (an article number without a document): the previous document + that article;
- "还有呢" / "还有吗" / "其他呢": the previous question, excluding the chunks already cited;
- a leading pronoun ("它的要求是什么", "这个有什么规定", "其…"): the pronoun is replaced by the previous
  topic phrase ("党的基层组织的要求是什么").

A question that is none of these is returned unchanged (a new topic).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.rag.query_terms import article_number, informative_terms
from service.store.conversations import Topic, Turn
from service.text.normalize import int_to_cn

_FILLER = r"(?:那|那么|那末|请问|再问一下|再说说)?"
_END = r"(?:呢|吗|是什么|是啥|讲了什么|说了什么|的内容|内容是什么|怎么说|具体是什么|有哪些)?[？?。!！\s]*$"
_NUM = r"[一二三四五六七八九十\d]+"
_POINT_RE = re.compile(rf"^{_FILLER}(第{_NUM}[点项个])(?:方面|内容|要求)?{_END}")
_THIS_ARTICLE_RE = re.compile(rf"^{_FILLER}(?:这一?条|该条|此条|本条|这条规定)(.*)$")
_ARTICLE_ONLY_RE = re.compile(rf"^{_FILLER}(第{_NUM}[条條])(.*)$")
_MORE_RE = re.compile(
    rf"^{_FILLER}(?:还有呢|还有吗|还有别的吗|还有其他的吗|还有什么|其他呢|其它呢|然后呢|继续|接着说){_END}"
)
_PRONOUN_RE = re.compile(r"^(?:那|那么)?(它们|它|这个|这些|这|该|其|此)(?=[的是有要在对应怎如为需])")
_TOPIC_TAIL_RE = re.compile(
    r"(?:是什么|是指什么|指什么|是多少|有哪些|有哪几[个项条点]?|包括哪些|包括什么|是怎样的|怎么样|如何|"
    r"怎么办|有什么(?:规定|要求)?|的?含义|呢|吗)?[？?。!！\s]*$"
)
_TOPIC_HEAD_RE = re.compile(r"^(?:请问|请|我想知道|想了解|什么是|何谓|根据)")


@dataclass
class Resolution:
    """The question retrieval and answering should use, and what the follow-up carried over."""

    question: str
    rule: str = "new"  # new, point, this_article, article, more, pronoun
    exclude_chunk_ids: list[str] = field(default_factory=list)

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


def _article_label(topic: Topic) -> str | None:
    if topic.article_no is None:
        return None
    return f"{topic.doc_title or ''}第{int_to_cn(topic.article_no)}条"


def resolve(question: str, history: Sequence[Turn]) -> Resolution:
    """Rewrite ``question`` against the previous turn of ``history`` (oldest first)."""
    q = question.strip()
    if not history:
        return Resolution(q)
    prev = history[-1]
    topic = prev.topic

    m = _POINT_RE.match(q)
    if m:
        return Resolution(f"{prev.resolved_question} {m.group(1)}", "point")

    m = _THIS_ARTICLE_RE.match(q)
    if m and (label := _article_label(topic)):
        rest = m.group(1).strip()
        rest = "" if re.fullmatch(_END, rest) else rest
        return Resolution(f"{label}{rest}", "this_article")

    m = _ARTICLE_ONLY_RE.match(q)
    if m and topic.doc_title and topic.doc_title not in q:
        rest = m.group(2).strip()
        rest = "" if re.fullmatch(_END, rest) else rest
        return Resolution(f"{topic.doc_title}{m.group(1)}{rest}", "article")

    if _MORE_RE.match(q):
        return Resolution(prev.resolved_question, "more", list(topic.chunk_ids))

    m = _PRONOUN_RE.match(q)
    if m:
        subject = topic_phrase(prev.resolved_question)
        return Resolution(subject + q[m.end() :], "pronoun")
    return Resolution(q)


def topic_for(resolved_question: str, citations_topic: Topic | None = None) -> Topic:
    """The topic a turn leaves behind: its key terms plus the document/article its answer cited."""
    topic = citations_topic or Topic()
    topic.terms = informative_terms(resolved_question)
    if topic.article_no is None:
        topic.article_no = article_number(resolved_question)
    return topic


def history_from_questions(questions: Sequence[str]) -> list[Turn]:
    """Turns for a stateless client (OpenAI chat messages): each earlier user question resolved in order."""
    turns: list[Turn] = []
    for q in questions:
        res = resolve(q, turns)
        turns.append(Turn(q, res.question, topic_for(res.question)))
    return turns
