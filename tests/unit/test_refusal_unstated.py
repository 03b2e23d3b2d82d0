"""Traps of trial 3 (issue 11, item 5): a regulation named by a title ending in 规定/办法 that the knowledge base
does not hold, a count in a unit the texts never use (篇, 份), and a waiting time whose closing act the number's
sentence does not name. Each example with the right answer spelled out, and the look-alikes that stay answered."""

from __future__ import annotations

import pytest

from service.rag.query_terms import detect_question_type
from service.rag.refusal import asked_unit, number_answers, unknown_document
from service.rag.refusal.asked_quantity import awaited_act
from service.text.normalize import normalize_for_match

TITLES = [
    "中国共产党章程",
    "中国共产党纪律处分条例",
    "中国共产党处分违纪党员批准权限和程序规定",
    "中国共产党发展党员工作细则",
]


def test_a_regulation_title_ending_in_规定_that_is_not_held_is_named() -> None:
    assert (
        unknown_document("党员领导干部个人有关事项报告规定要报告哪些事项", TITLES)
        == "党员领导干部个人有关事项报告规定"
    )
    assert unknown_document("机关事务管理实施办法对公务接待有什么要求", TITLES) == "机关事务管理实施办法"


@pytest.mark.parametrize(
    "question",
    [
        "党章规定党员有哪些权利",  # 党章 stipulates: no title
        "按照有关规定，预备期可以延长吗",
        "对入党积极分子的培养有什么规定",  # a question before 规定
        "关于预备党员转正的规定是什么",
        "党员违反八项规定精神，一次罚款多少元？",  # 违反 + a name the texts use as a term
        "处分违纪党员批准权限规定中，给予党员开除党籍处分由谁批准",  # a held title, shortened
        "纪律处分条例规定的处分有几种",
        "纪检监察机关处理检举控告工作规则规定多久答复",  # a document's name, then the verb 规定
        "国家规定的法定节假日有几天",
    ],
)
def test_words_before_规定_that_are_no_title_name_no_document(question: str) -> None:
    assert unknown_document(question, TITLES) is None


def test_a_count_in_pieces_of_writing_asks_a_quantity_in_that_unit() -> None:
    question = "入党积极分子每个月必须交几篇思想汇报"
    assert detect_question_type(question) == "quantity"
    assert asked_unit(normalize_for_match(question)) == "篇"
    shown = "培养联系人的主要任务是：（三）及时向党支部汇报入党积极分子情况；"
    assert not number_answers(question, shown)
    # a text that states the count answers it
    assert number_answers(question, "入党积极分子每个月应当向党支部交1篇思想汇报。")


def test_a_waiting_time_must_end_with_the_act_asked_about() -> None:
    question = "党员的组织关系转出后多久要转入"
    assert awaited_act(normalize_for_match(question)) == "转入"
    other = (
        "受到留党察看处分的党员在留党察看期间转移党员组织关系的，由接收其党员组织关系的党组织分别参照本条"
        "第一款至第三款规定恢复其党员权利、延长一年留党察看期限或者给予其开除党籍处分。"
    )
    assert not number_answers(question, other)
    assert number_answers(question, "党员组织关系转出后，应当在三个月内转入接收单位的党组织。")
    # the act is what the number's sentence names: answered (regulations set)
    assert number_answers(
        "谈话函询后多久要写出情况报告？",
        "承办部门应当在谈话结束或者收到函询回复后1个月内写出情况报告和处置意见。",
    )
    assert awaited_act(normalize_for_match("党小组会多久开一次")) is None  # a frequency, not a wait
