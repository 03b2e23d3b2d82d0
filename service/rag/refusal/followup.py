"""Follow-ups that ask for more than the conversation's evidence holds (issue 11, item 6).

A follow-up leans on its conversation only for its *topic*: the list, article or subject the previous answer
showed. What it asks of that topic must still be in the evidence. "那第六种呢" after the five kinds of 纪律处分, or
"第九项呢" after the eight 党员的权利, select an item past the end of the list shown before; answering them with the
list again (or with another list that happens to have a sixth item) would claim a member the source does not have.
Such a selection is refused with the size of the list ("上一个回答列出的共五种，没有第六种。"), as an article
number past the last article is ("《中国共产党章程》共五十五条，没有第五十六条。").

A count or a sum a follow-up asks ("那一共投入了多少资金", "那热力集团有多少个党支部") goes through the same refusal
gates as a standalone question (``refusal.assess``: no_number, ``figures.unstated_figure``, mention_only).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from service.schemas import Hit
from service.text import vocabulary
from service.text.normalize import normalize_for_match, to_simplified
from service.text.refs import find_selection, int_to_cn

if TYPE_CHECKING:
    from service.rag.extract import ItemSelector

BEYOND_LIST_MESSAGE = "上一个回答列出的共{count}{unit}，没有第{ordinal}{unit}。"

# Lists are short; a selection beyond this many members is not looked for one by one.
MAX_LIST = 60

_UNIT_RE = re.compile(r"[项点条种个款类档]$")


def list_length(hits: Sequence[Hit], question: str = "") -> int | None:
    """How many members the list in ``hits`` (the previous answer's whole article, in order) has, as
    ``extract.list_member`` reads it (enumerated items, else a one-sentence list separated by 、; of an article with
    several lists, the one ``question`` asks about), or None when ``hits`` hold no list."""
    from service.rag.extract import ItemSelector, list_member

    if list_member(hits, ItemSelector(ordinal=1), question) is None:
        return None
    n = 1
    while n < MAX_LIST and list_member(hits, ItemSelector(ordinal=n + 1), question) is not None:
        n += 1
    return n


def beyond_list(hits: Sequence[Hit], selector: ItemSelector, question: str = "") -> tuple[int, int] | None:
    """(size of the list, ordinal asked) when ``selector`` picks a member past the end of the list in ``hits``
    ("第六种" of five), else None (no ordinal, the last member, a member that exists, or no list at all). Of an article
    with several lists, the list is the one the conversation's ``question`` asks about (``extract.asked_list``, as
    the pick itself: 问责条例第七条's 党组织's three ways, then the 领导干部's four)."""
    k = selector.ordinal
    if k is None or k <= 1:
        return None
    n = list_length(hits, question)
    if n is None or k <= n:
        return None
    return n, k


# A count the previous question states before its kind noun ("五大工程", "哪四个方面", "三个强化", "两个维护").
# An ordinal ("第二点", a previous pick) counts nothing.
_STATED_COUNT_RE = re.compile(
    r"(?<![第\d一二两三四五六七八九十])([一二两三四五六七八九十]+|\d+)(?:大|个(?!月|小时|工作日|人|星期)|项|条|种|点|类|方面)"
)


def beyond_count(previous_question: str, selector: ItemSelector) -> tuple[int, int] | None:
    """(count, ordinal) when the previous question itself counts what was listed ("安定区实施的五大工程是什么",
    "万州区从哪四个方面……") and ``selector`` picks past it ("第六个工程呢", "第五个方面呢"), else None. The largest
    count the question states is taken; a question stating none leaves the list's own size to ``beyond_list``."""
    from service.text.refs import cn_to_int

    k = selector.ordinal
    if k is None or k <= 1:
        return None
    counts = [cn_to_int(m.group(1)) for m in _STATED_COUNT_RE.finditer(to_simplified(previous_question))]
    stated = [c for c in counts if c is not None and c >= 2]
    if not stated or k <= max(stated):
        return None
    return max(stated), k


def beyond_list_message(followup: str, count: int, ordinal: int) -> str:
    """The refusal of a selection past the end of a list, in the follow-up's own measure word: "那第六种呢" after
    five → "上一个回答列出的共五种，没有第六种。" (项 when the follow-up names none)."""
    selected = find_selection(to_simplified(followup))
    unit = "项"
    if selected is not None:
        m = _UNIT_RE.search(to_simplified(followup)[selected[1] : selected[2]])
        unit = m.group() if m else unit
    return BEYOND_LIST_MESSAGE.format(count=int_to_cn(count), unit=unit, ordinal=int_to_cn(ordinal))


# Words that open a follow-up without naming anything ("那", "每个", "这个"): jieba pronouns, numerals, measure
# words, conjunctions and adverbs.
_OPENING_FLAGS = ("r", "m", "q", "c", "d", "p", "y", "e", "u")


def subject_nouns(question: str) -> list[str]:
    """The nouns a question opens with, after any opening pronoun, determiner or conjunction: "那每个驿站配几名工作
    人员" → [驿站]; "那联席会的负责人是谁" → [联席会]; "那集团党委有几名委员" → [集团, 党委]."""
    from service.rag.refusal.figures import nouns_at_start

    return nouns_at_start(to_simplified(question), skip=_OPENING_FLAGS)


def leaves_story(question: str, previous: Sequence[Hit], cited: Sequence[Hit], shown: str) -> str | None:
    """The subject of a follow-up ``question`` (resolved) that its answer drops, else None: the conversation was about
    a report (the previous answer ``previous`` cited theory articles or news only: a place, a unit, a campaign), the
    answer cites rules only (``cited``), and ``shown`` (its sentences, titles and locators) never names a noun the
    question opens with. "兖州区建了多少个红帆驿站" + "那每个驿站配几名工作人员" is not answered by the 高校 rule on
    专职党务工作人员: the follow-up asks about the 驿站 of the story, which no rule staffs."""
    from service.rag.refusal.figures import REPORT_TYPES, reports_only

    if not reports_only(previous) or not cited or any(h.doc_type in REPORT_TYPES for h in cited):
        return None
    nouns = [n for n in subject_nouns(question) if len(n) >= 2]
    text = normalize_for_match(shown)
    missing = [n for n in nouns if n not in text]
    return "".join(nouns) if missing else None


# Verbs that lend their object the act ("参加选举", "进行表决"): the texts name the object's own form (选举权, 表决).
LIGHT_VERBS = frozenset(
    [
        "参加",
        "参与",
        "进行",
        "开展",
        "从事",
        "给予",
        "作出",
        "做出",
        "予以",
        "加以",
        "采取",
        "实行",
        "实施",
        "搞",
    ]
)

SUBJECT_COVERAGE = 0.5  # an answer covering half the previous question's topic words is about its subject

REUSED_CREDIT = (
    0.5  # a new word counts as answered from half its bigrams (``coverage.term_credit``, forms included)
)


def new_words(question: str, previous_question: str) -> list[str]:
    """The words the yes/no ask of ``question`` (a follow-up, as asked) adds to ``previous_question``: the nouns and
    verbs of its predicate (``predicates.yes_no_parts``; two characters or more, no ask, generic, measure or form word,
    no adverb: ``predicates.checked_term``; no light verb, ``LIGHT_VERBS``) that the previous question does not name (``coverage.term_credit`` under
    ``REUSED_CREDIT``); [] for a follow-up asking no yes or no. "那延长的预备期里要不要再宣一次誓" after
    "预备期可以延长多久" → [宣誓]; "考察不合格的话，会不会通报到他工作单位" after "入党积极分子多久考察一次" →
    [通报, 工作, 单位]."""
    from service.rag.refusal.coverage import term_credit, topic_terms
    from service.rag.refusal.predicates import checked_term, joined_verbs, yes_no_parts

    parts = yes_no_parts(question)
    if parts is None:
        return []
    before = normalize_for_match(previous_question)
    words = topic_terms(joined_verbs(parts[1]))
    return [
        w
        for w in dict.fromkeys(words)
        if checked_term(w) and w not in LIGHT_VERBS and term_credit(w, before) < REUSED_CREDIT
    ]


def reused_topic(
    question: str, previous_question: str, previous: Sequence[Hit], cited: Sequence[Hit], shown: str
) -> str | None:
    """The word a follow-up ``question`` adds to the conversation (``new_words``) that its answer never states, when
    that answer is about the previous question's subject: it cites a passage the previous answer showed (``previous``:
    the previous topic's hits), or ``shown`` covers half the previous question's topic words (``SUBJECT_COVERAGE``:
    党章第七条 answered "预备期可以延长多久", 细则第三十二条 is about the 预备期 as well); else None.

    A follow-up that asks a new detail of the same subject is answered again from the passage that answered the
    subject (issue 11, item 6): "那延长的预备期里要不要再宣一次誓" after "预备期可以延长多久" quoted 细则's article on
    the 预备期 once more, which says nothing of 宣誓. The passage answered the previous question; a new detail
    needs words of its own in it (forms and bigrams count: 讨论 ← 讨论通过)."""
    from service.rag.refusal.coverage import term_credit, topic_coverage

    text = normalize_for_match(f"{' '.join(f'{h.title} {h.locator}' for h in cited)}\n{shown}")
    before = {h.chunk_id for h in previous}
    if (
        not any(h.chunk_id in before for h in cited)
        and topic_coverage(previous_question, text) < SUBJECT_COVERAGE
    ):
        return None

    asked = normalize_for_match(question)
    for word in new_words(question, previous_question):
        # the member's whole word may be what the passage states in its formal form (女同志 → 妇女)
        whole = vocabulary.load().around(word, asked)
        if term_credit(word, text) < REUSED_CREDIT and all(
            term_credit(w, text) < REUSED_CREDIT for w in whole
        ):
            return word
    return None
