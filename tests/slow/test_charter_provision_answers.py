"""The 党章 provision leads where it holds the rule (issue 11, items 3 and 4; holdout5 h5-002, h5-018, h5-054,
h5-055, h5-057, h5-261), over the shipped knowledge with the real embedder: the holdout5 examples and paraphrases
written for this test (other documents, other wordings, traditional script). See
tests/unit/test_charter_provision.py for the rules one by one."""

from __future__ import annotations

import pytest
from answer_checks import conversation, has
from answer_checks import lead as _lead

from service.container import Container

pytestmark = pytest.mark.slow

CONSTITUTION = "cpc-constitution-2017"


@pytest.mark.parametrize(
    ("question", "lead", "spans"),
    [
        # a position in a named document
        (
            "党章开头第一句讲党的性质，是怎么说的？",
            (CONSTITUTION, "总纲·第1段"),
            ("中国工人阶级的先锋队", "中国人民和中华民族的先锋队", "中国特色社会主义事业的领导核心"),
        ),
        ("黨章第一段說的是什麼？", (CONSTITUTION, "总纲·第1段"), ("中国工人阶级的先锋队",)),
        ("党章的最后一条是怎么规定的？", (CONSTITUTION, "第五十五条"), ("党徽党旗",)),
        ("宪法序言开头第一句是什么？", ("constitution", "序言·第1段"), ("中国是世界上历史最悠久的国家之一",)),
        # the 党章 named by its short name
        (
            "我觉得对我的处分不公平，能申述吗？党章给我什么救济渠道？",
            (CONSTITUTION, "第四十三条"),
            ("可以提出申诉", "不得扣压"),
        ),
        ("党章对党员受处分后申诉是怎么规定的？", (CONSTITUTION, "第四十三条"), ("可以提出申诉",)),
        # the general rule over a sector's rule
        ("纪委的职责用三个词概括是什么？", (CONSTITUTION, "第四十六条"), ("监督、执纪、问责",)),
        ("纪律检查委员会的职责是什么？", (CONSTITUTION, "第四十六条"), ("监督、执纪、问责",)),
        # the 党章 states the rule a lower list states
        (
            "一个党组织严重违纪自己又改不了，上级会怎么处理？",
            (CONSTITUTION, "第四十四条"),
            ("进行改组或予以解散",),
        ),
        # the rule for the asked subject, not for 领导干部 or 公务员
        (
            "入黨需要具備哪些條件？",
            (CONSTITUTION, "第一条"),
            ("年满十八岁", "承认党的纲领和章程", "按期交纳党费"),
        ),
        ("申请入党要满足什么条件？", (CONSTITUTION, "第一条"), ("年满十八岁", "承认党的纲领和章程")),
        # short forms of bodies and meetings (vocabulary: 地方党委 → 党的地方各级委员会, 全会 → 全体会议)
        ("地方党委全会一年最少要开几次？", (CONSTITUTION, "第二十七条"), ("每年至少召开两次",)),
        # a why-question read from the reason
        (
            "党员为什么必须遵守党的纪律？",
            (CONSTITUTION, "第三十九条"),
            ("维护党的团结统一、完成党的任务的保证",),
        ),
    ],
)
def test_the_constitution_provision_leads(
    container: Container, question: str, lead: tuple[str, str], spans: tuple[str, ...]
) -> None:
    answer = container.answerer.ask(question)
    assert _lead(answer) == lead, answer.answer
    has(answer, *spans)


def test_a_why_follow_up_reads_the_reason(container: Container) -> None:
    answer = conversation(container, ["黨的紀律指的是什麼？"], "爲什麼黨員一定要守紀律？")  # holdout5 h5-261
    assert _lead(answer) == (CONSTITUTION, "第三十九条"), answer.answer
    has(answer, "维护党的团结统一、完成党的任务的保证")
