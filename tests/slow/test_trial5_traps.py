"""Trial 5's traps (issue 11, item 5) over the shipped knowledge with the real embedder: a version the knowledge
base does not hold asked as a document fact, a count of a measure word the texts never state, a quoted term no
text names, a session or a year's campaign no text mentions; and near misses that must stay answered."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "2015年版纪律处分条例一共有多少条",
            "抱歉，知识库中没有《中国共产党纪律处分条例》2015年的版本（现有2018年版、2023年版），无法回答该版本的内容。",
        ),
        ("2003年版纪律处分条例总共多少条", None),
        ("2016年修订的党章一共几章", None),
        ("2010年版问责条例一共几条", None),
        ("政审要查到几代亲属", None),
        ("受了严重警告处分工资要降几级", None),
        ("违纪所得要罚几倍", None),
        ("留党察看处分要降几级工资", None),
        ("党章里‘党员先锋岗’是怎么定义的", "知识库中没有关于“党员先锋岗”的内容，无法回答这个问题。"),
        ("『先锋指数』在党章里是什么意思", "知识库中没有关于“先锋指数”的内容，无法回答这个问题。"),
        ("“党员积分制”是什么", None),
        (
            "2024年开展的党纪学习教育有哪些安排",
            "知识库中没有关于“2024年党纪学习教育”的内容，无法回答这个问题。",
        ),
        ("2021年开展的党史学习教育有哪些安排", None),
        ("2019年开展的主题教育有哪些要求", None),
        (
            "二十届中央纪委第三次全会提出了什么",
            "知识库中没有关于“二十届中央纪委第三次全会”的内容，无法回答这个问题。",
        ),
        ("二十届中央纪委第二次全会有哪些部署", None),
        ("党的二十届三中全会通过了什么决定", None),
    ],
)
def test_trial5_traps_are_refused(container: Container, question: str, message: str | None) -> None:
    _refused(container.answerer.ask(question), message)


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("2018年版纪律处分条例一共多少条", "142条"),
        ("党章是哪次大会通过的", "第十九次全国代表大会"),
        ("党章一共几章", "11章"),
        ("纪律处分条例有几章", "11章"),
        ("党支部委员会每届任期几年", "三年至五年"),
        ("预备期是多长时间", "预备期为一年"),
        ("入党要年满多少岁", "年满十八岁"),
        ("党员被开除党籍后几年内不得重新入党", "五年内不得重新入党"),
        ("党支部党员大会多长时间召开一次", "每季度召开 1 次"),
        ("“三会一课”是什么意思", "党员大会、党小组会和上党课"),
        ("什么是“四个意识”", "政治意识、大局意识、核心意识、看齐意识"),
        ("党员的义务有哪些", "党员必须履行下列义务"),
    ],
)
def test_trial5_near_misses_are_answered(container: Container, question: str, span: str) -> None:
    _has(container.answerer.ask(question), span)
