"""Pure rules behind the focus10a fixes: version words (新的/旧的/原来的), presentation clauses, violating party
bodies and what-the-rules-say asks (issue 11, items 3 and 5)."""

from __future__ import annotations

import pytest

from service.rag import situation
from service.rag.query_terms import without_presentation
from service.versions.scope import _OLD_RE


@pytest.mark.parametrize(
    ("question", "old"),
    [
        ("旧的纪律处分条例有多少条", True),
        ("原来的条例对这个怎么规定", True),
        ("老的那版规定怎么说", True),
        ("要新成立一个党组织或者撤销原来的党组织，由谁决定？", False),
        ("受了留党察看处分，原来的职务还算不算？", False),
        ("老的党员要不要参加组织生活", False),
    ],
)
def test_old_and_original_name_a_version_only_before_a_document_word(question: str, old: bool) -> None:
    assert bool(_OLD_RE.search(question)) is old


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("党纪处分分几种？从轻到重说一下", "党纪处分分几种？"),
        ("组织处理有哪几种，从轻到重排列一下。", "组织处理有哪几种"),
        ("入党程序有哪几步？依次说说", "入党程序有哪几步？"),
        ("问责方式有哪些？简单说说", "问责方式有哪些？"),
        ("党纪处分从轻到重怎么排", "党纪处分从轻到重怎么排"),  # the order is what is asked
        ("从轻到重说一下", "从轻到重说一下"),  # nothing would be left
    ],
)
def test_a_closing_presentation_clause_is_set_aside(question: str, expected: str) -> None:
    assert without_presentation(question) == expected


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("一个支部违纪了，上级党组织可以怎么处理？", "党组织"),
        ("党总支严重违纪又不改正，会怎么处理？", "党组织"),
        ("某个党委集体违反纪律，上级可以怎么处理它？", "党组织"),
        ("党员临时出国期间违纪怎么处理", "党员"),
    ],
)
def test_a_party_body_that_broke_discipline_is_a_party_organisation(question: str, who: str) -> None:
    assert situation.violator(question) == who


def test_the_violating_body_is_no_part_of_the_act_but_a_place_is() -> None:
    assert situation.described_act("一个支部违纪了，上级党组织可以怎么处理？") == ""
    assert "支部" in situation.described_act("當了局長還要去支部過組織生活嗎？")


ARTICLE_9 = (
    "第九条 对于违犯党纪的党组织，上级党组织应当责令其作出书面检查或者给予通报批评。对于严重违犯党纪、本身又不能"
    "纠正的党组织，上一级党的委员会在查明核实后，根据情节严重的程度，可以予以：（一）改组；（二）解散。"
)
BRANCH_28 = (
    "第二十八条 建立持续整顿软弱涣散党支部工作机制。对不适宜担任党支部书记、副书记和委员职务的，上级党组织应当及时"
    "作出调整。对存在换届选举拉票贿选、宗族宗教和黑恶势力干扰渗透等问题的，上级党组织应当及时严肃处理。"
)


def test_the_provision_on_violating_party_organisations_replaces_a_lead_on_the_branch() -> None:
    question = "一个支部违纪了，上级党组织可以怎么处理？"
    assert situation.ruling_provision(question, [("a28", BRANCH_28), ("a9", ARTICLE_9)], lead=True) == 1


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("老张是局长，给儿子办婚礼大操大办，条例怎么说？", True),
        ("支部书记在网上造谣抹黑英雄烈士，党纪怎么说？", True),
        ("党章对党员的义务怎么规定", False),  # no case told before the ask
    ],
)
def test_what_the_rules_say_on_a_told_case_asks_for_the_ruling(question: str, asks: bool) -> None:
    assert situation.asks_remedy(question) is asks
