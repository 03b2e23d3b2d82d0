"""Traps whose asked object or detail the evidence lacks while its neighbouring words match (holdout4 h4-287, h4-315,
h4-323; probe4 h4-289), an older text answered from the held passage that speaks of it (h4-190), and the near misses
that stay answered, over the shipped knowledge with the real embedder (issue 11, item 5 and version questions)."""

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
            "入党积极分子培训的结业证书由哪一级党组织发？",
            "知识库的相关内容没有提到“结业证书”，无法据此回答这个问题。下面列出相关内容，供您查阅。",
        ),
        ("入黨積極分子培訓的結業證書由哪一級黨組織發？", None),
        ("入党宣誓仪式上要不要唱国歌？流程是什么？", None),
        ("入党宣誓的时候需不需要奏唱国歌", None),
        ("入党宣誓仪式的流程是什么？", None),
        ("主題黨日一般固定在每個月的幾號？", None),
    ],
)
def test_traps_whose_asked_object_is_absent_are_refused(
    container: Container, question: str, message: str | None
) -> None:
    _refused(container.answerer.ask(question), message)


def test_a_place_total_after_its_article_is_refused(container: Container) -> None:
    first = container.answerer.ask("万州区从哪四个方面增强党组织功能？")
    _refused(container.answerer.ask("那万州一共有多少个基层党组织？", conversation_id=first.conversation_id))


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("入党宣誓仪式由谁组织？", "一般由基层党委或党支部"),
        ("我在外地打零工，没有固定单位，入党申请书该交给谁？", "向居住地党组织提出入党申请"),
        ("公务员上任的时候要不要宣誓？", "宪法宣誓"),
        ("宪法宣誓仪式上要不要奏唱国歌？", "奏唱国歌"),
        ("召开组织生活会有什么程序？", "会前认真学习"),
        ("1980年那部《关于党内政治生活的若干准则》现在还管用吗？", "其主要原则和规定今天依然适用"),
        ("1980年那部《關於黨內政治生活的若干準則》現在還管用嗎？", "其主要原则和规定今天依然适用"),
    ],
)
def test_near_misses_stay_answered(container: Container, question: str, span: str) -> None:
    _has(container.answerer.ask(question), span)
