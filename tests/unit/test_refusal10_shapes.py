"""The question and sentence shapes behind the holdout6 false refusals (session 9): pure functions, no index."""

from __future__ import annotations

import pytest

from service.rag.extract import defined_term, defines
from service.rag.refusal.absent import unknown_document
from service.rag.refusal.asked_object import _without_time_clause
from service.rag.refusal.asked_quantity import counted_nouns, measured_noun
from service.rag.refusal.decision import asked_clause
from service.rag.refusal.local_events import local_event
from service.rag.refusal.mention import listed_near
from service.rag.refusal.quantities import number_answers
from service.rag.spelling import near_sound
from service.rag.two_part import split_asks
from service.text.normalize import normalize_for_match


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("下周我们支部有新同志宣誓，入党誓词全文是什么？", "入党誓词"),
        ("主題黨日多久搞一次？都搞些什麼內容？", None),
        ("党员的义务有哪些？入团誓词是什么？", "入团誓词"),
        ("入党誓词全文是什么？", "入党誓词"),
    ],
)
def test_defined_term_is_in_the_asking_clause(question: str, term: str | None) -> None:
    assert defined_term(question) == term


def test_a_time_clause_closes_no_subject() -> None:
    assert _without_time_clause("地方纪委书记副书记选出来后") == "地方纪委书记副书记"
    assert _without_time_clause("结业证书") == "结业证书"


@pytest.mark.parametrize(
    ("question", "local"),
    [
        ("下周我们支部有新同志宣誓，入党誓词全文是什么？", False),
        ("下周主题党日，这次的主题是什么？", True),
        ("下个月村两委换届，候选人名单出来了吗？", True),
        ("本市今年的党建活动有哪些？", True),
    ],
)
def test_a_named_text_after_a_dated_scene_is_no_local_event(question: str, local: bool) -> None:
    assert local_event(question) is local


def test_scene_clauses_are_left_out_of_a_definition_ask() -> None:
    assert asked_clause("下个月要给新党员上党课，党的最高理想是什么？") == "党的最高理想是什么"
    assert asked_clause("两边人数差不多，党章说怎么处理？") == "两边人数差不多，党章说怎么处理？"


def test_an_ask_with_its_own_modified_subject_keeps_it() -> None:
    assert split_asks("停職檢查最長一般多長時間？被免職的幹部多久不能安排領導職務？") == [
        "停职检查最长一般多长时间",
        "被免职的干部多久不能安排领导职务",
    ]
    assert split_asks("培养联系人要安排几个？他们具体干什么？") == [
        "培养联系人要安排几个",
        "培养联系人具体干什么",
    ]


def test_near_sounds_fold_sibilants() -> None:
    assert near_sound("介召") == near_sound("介绍")
    assert near_sound("入团") != near_sound("入党")


def test_a_verb_of_applying_is_no_part_of_a_title() -> None:
    titles = ["中国共产党普通高等学校基层组织工作条例"]
    assert unknown_document("军校的党组织也适用高校基层组织工作条例吗？", titles) is None
    assert unknown_document("村党组织也适用农村基层组织工作条例吗？", titles) == "农村基层组织工作条例"


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        (
            "党员如果没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党",
            "自行脱党",
        ),
        (
            "第十条 实行终身问责，对失职失责性质恶劣、后果严重的，不论其责任人是否调离转岗、提拔或者退休，都应当严肃问责",
            "终身问责",
        ),
    ],
)
def test_conditions_and_the_rule_brought_in_define(sentence: str, term: str) -> None:
    assert defines(sentence, term)


def test_a_passing_mention_still_defines_nothing() -> None:
    assert not defines("建立办案质量责任制，对滥用职权、失职失责造成严重后果的，实行终身问责", "终身问责")
    assert not defines("脱离组织出走时间超过六个月的，按照自行脱党处理，党内予以除名", "自行脱党")


def test_a_list_opened_by_the_modified_term_answers_a_count() -> None:
    text = normalize_for_match(
        "党的各级纪律检查委员会的职责是监督、执纪、问责，要经常对党员进行遵守纪律的教育"
    )
    assert listed_near(text, "职责", "黨的紀律檢查委員會的職責是哪三項？")


def test_a_whole_s_count_needs_a_number_counting_its_noun() -> None:
    question = "全国有多少个基层党组织、多少名党员？"
    assert counted_nouns(question) == ["个基层", "名党员"]
    assert measured_noun(question) is None
    assert number_answers(question, "对于一个拥有480多万个基层党组织和9500多万名党员的世界第一大执政党而言")
    assert not number_answers("全国一共有多少个党支部？", "正式党员不足 7 人的党支部，设 1 名书记")
    assert not number_answers("全国一共有多少个党支部？", "第三十四条　党支部是党的基础组织")
    assert counted_nouns("一个党支部最多有多少名党员？") == []


def test_a_length_stated_as_another_body_s() -> None:
    assert number_answers(
        "纪律检查委员会每届任期几年？", "党的各级纪律检查委员会每届任期和同级党的委员会相同。"
    )
    assert not number_answers(
        "党小组组长每届任期几年？", "村民小组组长任期与村民委员会的任期相同，可以连选连任。"
    )


def test_a_comma_inside_a_quotation_sets_no_scene() -> None:
    question = "“党政军民学，东西南北中”后面一句是什么？"
    assert asked_clause(question) == question
