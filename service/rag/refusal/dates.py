"""Date questions: a "哪一年" question needs a year in the shown text, a "什么时候" question a point or period
of time (issue 11, item 5).
"""

from __future__ import annotations

import re

from service.rag.refusal.coverage import term_credit, topic_terms
from service.text.normalize import normalize_for_match

# "哪一年成立的" needs a year; "什么时候转为正式规定" a point in time (a date, 之日, 期满 …).
_YEAR_ASK_RE = re.compile(r"哪一?年|何年")


_WHEN_ASK_RE = re.compile(r"什么时候|何时|哪一?天|几月几[日号]|哪个月")


_YEAR_RE = re.compile(r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}年")


_WHEN_RE = re.compile(
    r"\d|[〇○零一二两三四五六七八九十百]+\s*(?:个)?[年月日天周]|之日|[之以][前后内]|届满|期满|时起|同时|起|当[年月日天]"
)


FUTURE_MESSAGE = (
    "知识库收录的是已经发布的文本，不包含今后的安排，无法据此回答这个问题。下面列出相关内容，供您查阅。"
)


EVENT_CREDIT = 0.5  # a paraphrase keeps half the event word's bigrams, or its formal form (``term_forms``)


def date_answers(question: str, shown_text: str) -> bool:
    """A "哪一年" question needs a year in the shown text, a "什么时候" question a point or period of time:
    "中国共产党是哪一年成立的" is not answered by a 总纲 paragraph without a year, nor by a year of another event."""
    nq = normalize_for_match(question)
    norm = normalize_for_match(shown_text)
    year = _YEAR_ASK_RE.search(nq)
    if year:
        # The year dates the event asked about: its words after the question word (成立 of "哪一年成立的") stand in
        # the year's sentence; "2017年10月24日通过" dates an amendment, not the founding.
        event = topic_terms(nq[year.end() :])
        return any(
            _YEAR_RE.search(s) and all(term_credit(t, s) >= EVENT_CREDIT for t in event)
            for s in re.split(r"[。！？!?；;\n]", norm)
        )
    if _WHEN_ASK_RE.search(nq):
        return _WHEN_RE.search(norm) is not None
    return True


# The next occurrence of something ("下一次修订", "下届换届", "今后还会再改吗"): a time still to come.
_NEXT_RE = re.compile(
    r"下一次|下一回|下次|下回|下一届|下届|下一轮|下轮|下一步|将来|未来|今后|往后|再次|再一次"
)
# When it is asked: a point in time or a year.
_FUTURE_WHEN_RE = re.compile(r"什么时候|何时|哪一?天|哪一?年|何年|几月|哪个月|多久以后|多长时间以后|多久后")
# Whether a text will change again ("以后还会再修订吗", "将来会不会废止"): a future revision no text can announce.
_FUTURE_CHANGE_RE = re.compile(
    r"(?:以后|今后|将来|未来|下一步|还)[^，。？?]{0,4}(?:会不会|会|要不要|将)[^，。？?]{0,3}"
    r"(?:修订|修改|修正|废止|废除|出台|更新)"
)
# The text that would change: a document by its kind (条例, 党章, 监察法 …), not a member's own paper (志愿书).
_TEXT_KIND_RE = re.compile(r"条例|党章|章程|准则|细则|规则|规定|法律|(?<![方想办看说做])法")
# A schedule the texts can state for what recurs: a period ("每五年举行一次", "每届任期五年"), a term's end (届满), a
# deadline after a known event ("期满后", "之日起……内").
_SCHEDULE_RE = re.compile(
    r"每[^，。；;]{0,6}[年月届季周](?:[^，。；;]{0,8}次)?|届满|任期|期满|定期|之日起|以内|之内"
)


def future_date(question: str, shown_text: str) -> bool:
    """Whether ``question`` asks when something will next happen ("那下一次修订是什么时候", "下届党代会哪年开") and
    ``shown_text`` states no schedule for it (``_SCHEDULE_RE``: a period, a term's end, a time limit): no text can date
    an event still to come, so an adoption note listing past revisions (2023年12月8日……第三次修订) or a
    transitional article does not answer it (issue 11, item 5: future events); nor whether a text will change again
    ("纪律处分条例以后还会再修订吗": ``_FUTURE_CHANGE_RE`` of a text, ``_TEXT_KIND_RE``). "下届党代会什么时候开" is answered by "党的全国代表大会每五年
    举行一次"."""
    nq = normalize_for_match(question)
    asks_when = _NEXT_RE.search(nq) is not None and _FUTURE_WHEN_RE.search(nq) is not None
    if not asks_when and (_FUTURE_CHANGE_RE.search(nq) is None or _TEXT_KIND_RE.search(nq) is None):
        return False
    return _SCHEDULE_RE.search(normalize_for_match(shown_text)) is None
