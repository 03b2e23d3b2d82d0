"""Refusal: off-topic and unanswerable questions are refused with suggestions; answerable ones are not."""

from __future__ import annotations

import pytest
from qa_fakes import fake_container, hits_for

from service.config import Settings
from service.rag.refusal import REFUSAL_MESSAGE, assess, suggestions, term_coverage


def test_term_coverage_is_length_weighted() -> None:
    assert term_coverage("党员的义务", "党员必须履行下列义务") == 1.0
    assert term_coverage("党员住房补贴", "党员必须履行下列义务") < 0.5
    assert term_coverage("你好", "任何证据") == 0.0


def test_assess_rules() -> None:
    hits = hits_for(3)
    evidence = hits[0].text
    assert not assess("党员必须履行哪些义务", "list", hits, evidence, threshold=0.3).refuse
    assert assess("党员必须履行哪些义务", "list", [], "", threshold=0.3).reason == "no_hits"
    assert assess("明天天气怎么样", "general", hits, evidence, threshold=0.3).refuse
    assert assess("党员的天气", "general", hits, evidence, threshold=0.3).reason == "off_topic"
    assert assess("你好", "general", hits, evidence, threshold=0.3).reason == "no_terms"
    low = assess("党员必须履行哪些职责", "list", hits, evidence, threshold=0.9, best_dense=0.2)
    assert low.reason == "low_similarity"


def test_suggestions_name_covered_topics() -> None:
    assert suggestions(hits_for(32, 3)) == ["《中国共产党章程》第三十二条", "《中国共产党章程》第三条"]
    assert suggestions([], ["中国共产党章程"]) == ["《中国共产党章程》"]


@pytest.mark.parametrize(
    "question",
    ["明天北京天气怎么样", "党员住房补贴标准是多少", "今天股票行情如何", "红烧肉的做法", "党章第九十九条"],
)
def test_off_topic_questions_refused(hash_settings: Settings, question: str) -> None:
    answer = fake_container(hash_settings).answerer.ask(question)
    assert answer.refused
    assert answer.answer == REFUSAL_MESSAGE
    assert answer.citations == []
    assert answer.suggestions


@pytest.mark.parametrize(
    "question",
    [
        "党员必须履行哪些义务",
        "预备党员的预备期是多久",
        "党的基层组织是什么",
        "黨員必須履行哪些義務",
        "党章第三十二条",
    ],
)
def test_answerable_questions_not_refused(hash_settings: Settings, question: str) -> None:
    answer = fake_container(hash_settings).answerer.ask(question)
    assert not answer.refused, answer
    assert answer.citations
    assert answer.flagged == []
