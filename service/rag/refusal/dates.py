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
