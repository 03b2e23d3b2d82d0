"""Evidence sufficiency: decide whether the selected evidence supports an answer, or refuse honestly.

One module per kind of check (callers import from ``service.rag.refusal``):

- ``decision``: the public decision (``assess``), messages and suggestions;
- ``coverage``: term coverage of the question by the evidence;
- ``asked_quantity``: what a quantity question asks for (unit, rate, frequency, subject);
- ``quantities``: whether the shown text holds that number;
- ``dates``: whether a date question is answered by a date;
- ``numbered_terms``: numbered terms and lists spelled out (四个意识, 三会一课, 哪八项);
- ``mention``: terms the knowledge base only mentions, never defines;
- ``absent``: things and documents the knowledge base never names;
- ``local_events``: local and current events, own-organisation people, statistics;
- ``acts``: acts and their consequences (penalty provisions), how-to questions answered by sanctions rules;
- ``captions``: adoption notes (题注) are evidence for issuance questions only;
- ``practice``: practice and format questions (手写, 电子版, 字数) need evidence naming the property;
- ``attributes``: an attribute asked by its kind of value (什么颜色, 星期几, 几点) needs a value of that kind;
- ``cases``: a rule for one case (临时出国) does not answer a question about the contrasting one (出国定居);
- ``predicates``: the predicate a quantity is asked for (年满多少岁可以不参加组织生活) must be the number's; a yes/no
  ask's subject (以前交的党费退不退), a reduction (减半), a measure (有没有时长要求) and a post for a kind of person
  (预备党员可以当党小组组长吗) must be stated;
- ``asked_object``: the asked object or detail (结业证书 of "……由哪一级发", 唱国歌 for 入党宣誓) must be in the
  evidence, not only its neighbouring words; a count (a place's total included) is ``figures.uncounted``'s;
- ``shapes``: the question-shape patterns these checks read (the one place for them).

The rules, their sources and calibration are described in ``decision`` and in docs/answers.md.
"""

from __future__ import annotations

from service.rag.refusal.absent import (
    NOT_IN_KB_MESSAGE,
    UNKNOWN_DOCUMENT_MESSAGE,
    absent_term,
    unknown_document,
)
from service.rag.refusal.acts import OTHER_ACT_MESSAGE, consequence_answers, sanction_mismatch
from service.rag.refusal.asked_quantity import (
    BODY_FAMILIES,
    HEAD_MIN,
    asked_bound,
    asked_unit,
    body_families,
    counted_act,
    is_rate_question,
    measured_noun,
    stated_bound,
    subject_phrase,
)
from service.rag.refusal.attributes import unstated_attribute
from service.rag.refusal.captions import CAPTION_LOCATOR, asks_issuance, without_captions
from service.rag.refusal.cases import OTHER_CASE_MESSAGE, other_case
from service.rag.refusal.coverage import term_coverage, term_forms, topic_coverage
from service.rag.refusal.dates import date_answers
from service.rag.refusal.decision import (
    DENSE_BONUS_RANGE,
    DENSE_WEIGHT,
    MIN_SUPPORT,
    OFF_TOPIC_TERMS,
    REFUSAL_MESSAGE,
    Decision,
    asks_quantity,
    assess,
    dense_bonus,
    number_sentence,
    refusal_message,
    suggestions,
)
from service.rag.refusal.local_events import LOCAL_EVENT_MESSAGE, local_event
from service.rag.refusal.mention import MENTION_ONLY_MESSAGE, asked_term, mention_only, used_as_given
from service.rag.refusal.numbered_terms import (
    LIST_ITEM_MAX,
    counted_part,
    enumerates_compound,
    enumeration_answers,
    is_numbered_compound,
    is_numbered_term,
    names_counted,
    spelling_lines,
    spells_out,
)
from service.rag.refusal.practice import PRACTICE_MESSAGE, PRACTICE_WORDS, unaddressed_practice
from service.rag.refusal.predicates import asked_predicate, states_predicate
from service.rag.refusal.quantities import (
    ASKED_UNIT_COVERAGE,
    HEAD_CREDIT,
    HEAD_WORD_CREDIT,
    NUMBER_SENTENCE_COVERAGE,
    NUMBER_WINDOW,
    holds_asked_quantity,
    number_answers,
    unnamed_payment,
)
from service.rag.refusal.shapes import (
    DURATION_ASK_RE,
)

__all__ = [
    "ASKED_UNIT_COVERAGE",
    "BODY_FAMILIES",
    "CAPTION_LOCATOR",
    "DENSE_BONUS_RANGE",
    "DENSE_WEIGHT",
    "DURATION_ASK_RE",
    "HEAD_CREDIT",
    "HEAD_MIN",
    "HEAD_WORD_CREDIT",
    "LIST_ITEM_MAX",
    "LOCAL_EVENT_MESSAGE",
    "MENTION_ONLY_MESSAGE",
    "MIN_SUPPORT",
    "NOT_IN_KB_MESSAGE",
    "NUMBER_SENTENCE_COVERAGE",
    "NUMBER_WINDOW",
    "OFF_TOPIC_TERMS",
    "OTHER_ACT_MESSAGE",
    "OTHER_CASE_MESSAGE",
    "PRACTICE_MESSAGE",
    "PRACTICE_WORDS",
    "REFUSAL_MESSAGE",
    "UNKNOWN_DOCUMENT_MESSAGE",
    "Decision",
    "absent_term",
    "asked_bound",
    "asked_predicate",
    "asked_term",
    "asked_unit",
    "asks_issuance",
    "asks_quantity",
    "assess",
    "body_families",
    "consequence_answers",
    "counted_act",
    "counted_part",
    "date_answers",
    "dense_bonus",
    "enumerates_compound",
    "enumeration_answers",
    "holds_asked_quantity",
    "is_numbered_compound",
    "is_numbered_term",
    "is_rate_question",
    "local_event",
    "measured_noun",
    "mention_only",
    "names_counted",
    "number_answers",
    "number_sentence",
    "other_case",
    "refusal_message",
    "sanction_mismatch",
    "spelling_lines",
    "spells_out",
    "stated_bound",
    "states_predicate",
    "subject_phrase",
    "suggestions",
    "term_coverage",
    "term_forms",
    "topic_coverage",
    "unaddressed_practice",
    "unknown_document",
    "unnamed_payment",
    "unstated_attribute",
    "used_as_given",
    "without_captions",
]
