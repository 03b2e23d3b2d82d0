"""Unanswerable follow-ups and theory/local traps over the shipped knowledge with the real embedder (issue 11, items
5 and 6; holdout4 h4-315 and the holdout5 trap kinds): the follow-up takes only its topic from the conversation, the
detail it asks (a count, a sum, an item past the end, the story's own unit) must be in the evidence. Answerable
counter-examples from the same articles and lists keep their answers.
"""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "questions",
    [
        pytest.param(["万州区从哪四个方面增强党组织功能？", "那万州一共有多少个基层党组织？"], id="h4-315"),
        pytest.param(["万州一共有多少个基层党组织？"], id="count-of-another-noun"),
        pytest.param(["安定区党群服务中心三年提升改造计划投入了多少资金？"], id="sum-never-given"),
        pytest.param(["安定区实施的五大工程是什么？", "那一共投入了多少资金？"], id="followup-sum"),
        pytest.param(["党的纪律处分有哪几种？", "那第六种呢？"], id="item-past-five"),
        pytest.param(["党员有哪些权利？", "第九项呢？"], id="item-past-eight"),
        pytest.param(
            ["兖州区建了多少个红帆驿站？", "那每个驿站配几名工作人员？"], id="story-left-for-a-rule"
        ),
        pytest.param(["我们社区党群服务中心周末开门吗？"], id="own-unit-from-reports"),
    ],
)
def test_the_trap_is_refused(container: Container, questions: list[str]) -> None:
    answer = converse(container, *questions)
    assert answer.refused, answer.answer


@pytest.mark.parametrize(
    ("questions", "spans"),
    [
        pytest.param(["秦州区确定了几个软弱涣散村党组织？"], ["16个软弱涣散村党组织"], id="report-count"),
        pytest.param(["每个村至少要储备几名村党组织书记后备力量？"], ["1至2名后备力量"], id="report-reserve"),
        pytest.param(["新街口商圈党建联席会有多少家成员单位？"], ["88家单位"], id="report-members"),
        pytest.param(["党的纪律处分有哪几种？", "那第五种呢？"], ["开除党籍"], id="last-item-exists"),
        pytest.param(["党员有哪些义务？", "第八点呢？"], ["发扬社会主义新风尚"], id="eighth-duty"),
        pytest.param(
            ["兖州区建了多少个红帆驿站？", "党员有哪些义务？"], ["认真学习马"], id="topic-change-to-a-rule"
        ),
    ],
)
def test_the_counter_example_is_answered(
    container: Container, questions: list[str], spans: list[str]
) -> None:
    _has(converse(container, *questions), *spans)
