"""Counts of lists written inline, asked in more words (session 10, count13; holdout8-002, -005, -009, -012, -119,
-180, -181, -182, -183, -238, -302, -305), over the shipped knowledge with the real embedder. The counting itself is
unit-tested in tests/unit/test_count13_inline_runs.py."""

from __future__ import annotations

import re

import pytest
from answer_checks import conversation as _conversation
from answer_checks import has_list

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "spans", "count"),
    [
        ("咱们党的行动指南一共有几个理论？都是哪些？", ["习近平新时代中国特色社会主义思想作为自己的行动指南"], 6),
        ("總綱裡講的新發展理念是哪幾個詞？", ["坚持创新、协调、绿色、开放、共享的发展理念"], 5),
        ("爱国统一战线由哪几部分人组成？", ["拥护祖国统一和致力于中华民族伟大复兴的爱国者"], 4),
        ("党章里说的三大历史任务是啥？", ["维护世界和平与促进共同发展这三大历史任务"], 3),
        ("村里选支部书记，条例说要注重从哪些人里面选？", ["大学生村官、退休干部职工"], 8),
        ("若干准则要落实党员的哪四项权利？", ["落实党员知情权、参与权、选举权、监督权"], 4),
        ('选干部要坚持的"好干部标准"有哪几条？', ["信念坚定、为民服务、勤政务实、敢于担当、清正廉洁的好干部标准"], 5),
        ('准则里要坚决纠正的"四唯"取人偏向是什么？', ["唯票、唯分、唯生产总值、唯年龄"], 4),
        ('三会一课要坚决防止哪"四化"？', ["表面化、形式化、娱乐化、庸俗化"], 4),
        ("村务档案里要包括哪些材料？", ["选举文件和选票", "征地补偿费使用及分配方案"], 10),
        # paraphrases over other documents
        ("党章讲的“四个自信”是什么？", ["道路自信、理论自信、制度自信、文化自信"], 4),
        ("英雄烈士的哪四样东西受法律保护？", ["姓名、肖像、名誉、荣誉"], 4),
    ],
)  # fmt: skip
def test_inline_list_counted(container: Container, question: str, spans: list[str], count: int) -> None:
    has_list(_conversation(container, [], question), spans, count)


def test_no_wrong_count_of_a_longer_sentence(container: Container) -> None:
    """The twelve measures of 监督执纪工作规则第四十条 are not said to be three (holdout8-302)."""
    answer = _conversation(container, [], "纪委审查调查组经批准可以采取哪些措施？")
    assert "勘验检查、鉴定" in answer.answer, answer.answer
    assert not re.search(r"共(?:三|3)项", answer.answer), answer.answer
