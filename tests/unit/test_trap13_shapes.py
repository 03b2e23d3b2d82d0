"""Shapes of the trap13 traps (holdout8): a law the knowledge base does not hold named without 《》, practice words
(a recording, a payment app, course credits) and 微信 kept as typed; the look-alikes that stay answered."""

from __future__ import annotations

import pytest

from service.rag.refusal import unknown_document
from service.rag.refusal.asked_quantity import asked_unit
from service.rag.refusal.figures import unstated_figure
from service.rag.refusal.practice import unaddressed_practice
from service.rag.spelling import _real_word

TITLES = [
    "中国共产党章程",
    "中国共产党纪律处分条例",
    "中华人民共和国英雄烈士保护法",
    "中华人民共和国监察法",
    "中华人民共和国公务员法",
    "中华人民共和国村民委员会组织法",
    "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法",
    "中华人民共和国立法法",
    "中华人民共和国宪法",
]


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("民法典里关于英雄烈士名誉的条款是第几条？", "民法典"),  # holdout8 h8-232
        ("民法典规定英雄烈士的名誉受保护吗？", "民法典"),
        ("劳动法规定党员每天工作几小时？", "劳动法"),
        ("我想知道民法典怎么规定英烈名誉？", "民法典"),
        ("查一下个人信息保护法有没有相关规定？", "个人信息保护法"),
        ("机关事务管理实施办法对公务接待有什么要求", "机关事务管理实施办法"),
    ],
)
def test_a_law_not_held_is_named(question: str, name: str) -> None:
    assert unknown_document(question, TITLES) == name


@pytest.mark.parametrize(
    "question",
    [
        "英烈法第几条讲商业广告？",  # a held law's short name
        "村委会组织法规定村委会任期几年？",
        "地方组织法是什么时候通过的？",
        "按照公务员法，录用要考试吗？",
        "宪法规定国家主席任期几年？",
        "这种工作方法对吗？",  # words ending in 法 that are no law
        "党员违法了怎么处理？",
        "党员无法参加组织生活怎么办？",
        "依法治国是什么意思？",
        "刑法第几条规定了贪污罪？",  # two characters: left to the other checks
    ],
)
def test_a_held_law_or_no_law_is_not_named(question: str) -> None:
    assert unknown_document(question, TITLES) is None


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("我们支部开组织生活会要不要录像留档？", "录像"),  # holdout8 h8-125
        ("党员交党费能不能用微信转账？", "微信"),  # holdout8 h8-310
        ("党费可以用支付宝交吗？", "支付宝"),
        ("高校入党积极分子要修满多少学分的党课？", "学分"),  # holdout8 h8-314
    ],
)
def test_a_practice_word_the_evidence_never_names(question: str, word: str) -> None:
    evidence = "党支部每年至少召开 1 次组织生活会。督促党员按期足额交纳党费。党支部每半年对入党积极分子进行一次考察。"
    assert unaddressed_practice(question, evidence) == word


def test_a_modern_word_is_no_typo() -> None:
    assert _real_word("微信") and _real_word("支付宝")


@pytest.mark.parametrize(
    ("question", "unit"),
    [("公务员考试行测考几道题？", "道"), ("结业考试考多少题？", "题"), ("党课考试一共有几道题？", None)],
)
def test_a_number_of_exam_questions_is_asked_in_its_unit(question: str, unit: str | None) -> None:
    assert asked_unit(question) == unit


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("受了警告处分的党员，年终奖要扣多少？", "金额"),  # holdout8 h8-095
        ("高校专职组织员的工资待遇是多少？", "金额"),
        ("被降级的干部工资降几档？", None),  # a grade, not a sum
        ("受到警告处分的党员多长时间内不得提拔？", None),
    ],
)
def test_a_sum_of_pay_needs_an_amount(question: str, figure: str | None) -> None:
    shown = "党员受到警告处分一年内、受到严重警告处分一年半内，不得在党内提拔职务或者进一步使用。"
    assert unstated_figure(question, shown, []) == figure
