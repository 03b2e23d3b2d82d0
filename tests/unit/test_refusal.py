"""Refusal: off-topic and unanswerable questions are refused with suggestions; answerable ones are not."""

from __future__ import annotations

import pytest
from fakes import fake_container, hits_for

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


def test_dense_similarity_shifts_the_coverage_needed() -> None:
    """Partial coverage passes with a high dense similarity and is refused with a low one."""
    hits = hits_for(3)
    evidence = "党员必须履行下列义务"
    question = "党员义务与廉政保密责任"  # 廉政, 保密, 责任 are not in the evidence
    coverage = term_coverage(question, evidence)
    assert 0.3 < coverage < 0.6
    high = assess(question, "list", hits, evidence, threshold=0.9, best_dense=0.95)
    low = assess(question, "list", hits, evidence, threshold=0.9, best_dense=0.85)
    assert (high.refuse, low.refuse) == (False, True)
    assert low.reason == "low_support"
    assert high.support > low.support
    # An uncalibrated similarity far below the pivot cannot veto full lexical coverage.
    full = assess("党员必须履行哪些义务", "list", hits, evidence, threshold=0.9, best_dense=0.1)
    assert not full.refuse


def test_quantity_question_needs_a_number_in_the_answer() -> None:
    hits = hits_for(3)
    evidence = "党员领导干部还必须参加党委、党组的民主生活会。"
    question = "党员领导干部民主生活会每年开几次"
    no_number = assess(
        question, "quantity", hits, evidence, threshold=0.9, best_dense=0.9, shown_text=evidence
    )
    assert no_number.reason == "no_number"
    with_number = "党员领导干部每年召开两次民主生活会。"
    ok = assess(
        question, "quantity", hits, with_number, threshold=0.9, best_dense=0.9, shown_text=with_number
    )
    assert not ok.refuse


def test_suggestions_name_covered_topics() -> None:
    assert suggestions(hits_for(32, 3)) == ["《中国共产党章程》第三十二条", "《中国共产党章程》第三条"]
    assert suggestions([], ["中国共产党章程"]) == ["《中国共产党章程》"]


def test_missing_article_says_how_many_the_document_has(hash_settings: Settings) -> None:
    answer = fake_container(hash_settings).answerer.ask("党章第九十九条")
    assert answer.refused and answer.citations == []
    # The fake 党章 holds articles up to 第三十二条.
    assert answer.answer == "《中国共产党章程》共三十二条，没有第九十九条。"


@pytest.mark.parametrize(
    "question",
    ["明天北京天气怎么样", "党员住房补贴标准是多少", "今天股票行情如何", "红烧肉的做法"],
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


def test_off_topic_term_mentioned_in_passing_is_still_off_topic() -> None:
    from service.schemas import Hit

    passing = Hit(
        doc_id="news",
        title="基层党建创新",
        chunk_id="news#1",
        locator="第21段",
        text="在红帆驿站里，正在给手机充电的快递小哥说道。",
        score=1.0,
    )
    question = "如何给手机恢复出厂设置"
    decision = assess(question, "general", [passing], passing.text, threshold=0.9, best_dense=0.95)
    assert decision.reason == "off_topic"
    about = passing.model_copy(update={"text": "手机恢复出厂设置的步骤如下。"})
    assert not assess(question, "general", [about], about.text, threshold=0.9, best_dense=0.95).refuse


def test_suggestions_skip_hits_unrelated_to_the_question() -> None:
    near, far = hits_for(32, 3)
    near = near.model_copy(update={"scores": {"dense": 0.9}})
    far = far.model_copy(update={"scores": {"dense": 0.8}})
    assert suggestions([near, far], ["中国共产党章程"], min_dense=0.86) == [
        "《中国共产党章程》第三十二条",
        "《中国共产党章程》",
    ]
    assert suggestions([far], ["中国共产党章程", "中华人民共和国监察法"], min_dense=0.86) == [
        "《中国共产党章程》",
        "《中华人民共和国监察法》",
    ]
