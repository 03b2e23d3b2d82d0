"""Trial 5's traps still answered (issue 11, item 5): a count of a measure word the evidence never states
(几代, 几级, 几倍), a quoted term no text names, a session or a year's campaign no text mentions."""

from __future__ import annotations

import pytest

from service.rag.answer import clean_question
from service.rag.refusal import asked_unit, holds_asked_quantity
from service.rag.refusal.local_events import unheld_event
from service.rag.refusal.mention import undefined_term


@pytest.mark.parametrize(
    ("question", "unit"),
    [("政审要查到几代亲属", "代"), ("受了严重警告处分工资要降几级", "级"), ("违纪所得要罚几倍", "倍")],
)
def test_a_measure_word_that_is_no_item_word_is_an_asked_unit(question: str, unit: str) -> None:
    assert asked_unit(question) == unit


def test_a_rank_or_a_list_of_contents_is_no_number_of_the_asked_unit() -> None:
    assert not holds_asked_quantity("受了严重警告处分工资要降几级", "报同级党委批准，由上一级党组织审查")
    assert not holds_asked_quantity("政审要查到几代亲属", "政治审查的主要内容包括：对党的理论和路线的态度")
    assert holds_asked_quantity("工资要降几级", "给予降低两级工资的处理")
    assert holds_asked_quantity("要罚几倍", "处以违纪所得一倍以上三倍以下的罚款")


def test_single_and_corner_quotes_are_written_as_double_quotes() -> None:
    assert clean_question("党章里‘党员先锋岗’是怎么定义的", 200) == "党章里“党员先锋岗”是怎么定义的"
    assert clean_question("『先锋指数』是什么意思", 200) == "“先锋指数”是什么意思"


def test_a_quoted_term_no_text_names_is_not_in_the_knowledge_base() -> None:
    shown = "中国共产党党员是中国工人阶级的有共产主义觉悟的先锋战士。"
    assert undefined_term("党章里“党员先锋岗”是怎么定义的", shown, shown, lambda _p: False) == (
        "党员先锋岗",
        "not_in_kb",
    )
    # a quoted term the evidence holds whole is answered
    held = "坚持“三会一课”制度。党员必须参加党员大会、党小组会和上党课。"
    assert undefined_term("“三会一课”是什么意思", held, held, lambda _p: True) is None


_HELD = {"十九届中央纪委五次全会", "十八届六中全会", "十九届", "、三中", "三中、", "2019年主题教育"}


def _known(phrase: str) -> bool:
    return any(phrase in h for h in _HELD)


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("二十届中央纪委第三次全会提出了什么", "二十届中央纪委第三次全会"),
        ("党的二十届三中全会通过了什么决定", "二十届三中全会"),
        ("第20届中央委员会第2次全体会议通过了什么", "第20届中央委员会第2次全体会议"),
        ("2024年开展的党纪学习教育有哪些安排", "2024年党纪学习教育"),
        ("2021年党史学习教育有哪些要求", "2021年党史学习教育"),
    ],
)
def test_a_session_or_a_dated_campaign_no_text_mentions_is_named(question: str, event: str) -> None:
    assert unheld_event(question, _known) == event


@pytest.mark.parametrize(
    "question",
    [
        "十九届中央纪委五次全会提出了什么",  # held as written
        "十九届中央纪委第五次全会提出了什么",  # held in another form
        "十八届六中全会通过了哪些文件",
        "十九届三中全会提出了什么",  # held in a list: 十九届二中、三中、四中全会
        "2019年主题教育有哪些要求",
        "党支部委员会每届任期几年",  # 届 without a session
        "党纪学习教育有哪些安排",  # no year
    ],
)
def test_a_mentioned_session_or_an_undated_campaign_is_not_flagged(question: str) -> None:
    assert unheld_event(question, _known) is None
