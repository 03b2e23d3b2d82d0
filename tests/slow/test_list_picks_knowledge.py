"""Lists, definitions and item picks over the shipped knowledge with the real embedder (holdout5 h5-080, h5-087,
h5-090, h5-165, h5-252, h5-262 and paraphrases). The hand-made versions are in tests/unit/test_list_picks.py."""

from __future__ import annotations

import pytest
from answer_checks import converse, has, has_list

from service.container import Container

pytestmark = pytest.mark.slow

RESPONSIBLE = ["起决定性作用", "负直接领导责任", "负次要领导责任"]


@pytest.mark.parametrize(
    "question",
    [
        "什么叫直接责任者？主要领导责任者和重要领导责任者又怎么区分？",  # h5-087
        "直接责任者、主要领导责任者、重要领导责任者分别指什么",
    ],
)
def test_each_named_item_is_shown(container: Container, question: str) -> None:
    has(converse(container, question), *RESPONSIBLE)


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        (
            "从轻处分和减轻处分有什么区别？",
            ["幅度以内，给予较轻的处分", "幅度以外，减轻一档给予处分"],
        ),  # h5-080
        ("從重處分與加重處分有何不同", ["幅度以内，给予较重的处分", "幅度以外，加重一档给予处分"]),
    ],
)
def test_two_terms_compared_by_their_definitions(
    container: Container, question: str, spans: list[str]
) -> None:
    has(converse(container, question), *spans)


def test_a_noun_phrase_before_tiaoli_is_no_title(container: Container) -> None:
    # h5-090: refused with "知识库中没有《行为条例》"
    answer = converse(container, "违反民主集中制原则的行为条例列了几种？")
    has_list(answer, ["拒不执行或者擅自改变党组织作出的重大决定", "借集体决策名义集体违规"], 4)


def test_the_four_norms_of_leading_cadres(container: Container) -> None:
    # h5-165: only 第五条 was shown
    has_list(
        converse(container, "党员领导干部的廉洁自律规范是哪四条？"),
        ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"],
        4,
    )


def test_a_swap_after_which_circumstances_keeps_the_list(container: Container) -> None:
    # h5-252: "那从轻减轻呢" was answered with 第二十二条's definition, not 第十七条's six circumstances
    answer = converse(container, "哪些情形要从重或者加重处分？", "那从轻减轻呢？")
    has(answer, "主动交代本人应当受到党纪处分的问题", "主动上交或者退赔违纪所得")


@pytest.mark.parametrize(
    ("turns", "spans"),
    [
        (
            ["党员必须履行哪些义务？", "一共几条？", "那其中跟保密有关的是哪一项？"],
            ["严格保守党和国家的秘密"],
        ),  # h5-262
        (["党员享有哪些权利？", "那其中跟罢免有关的是哪一项？"], ["要求罢免或撤换不称职的干部"]),
    ],
)
def test_an_item_picked_by_a_property_word(container: Container, turns: list[str], spans: list[str]) -> None:
    answer = converse(container, *turns)
    has(answer, *spans)
    assert "（一）" not in answer.answer  # the one item, not the whole list


def test_a_member_of_a_one_sentence_list_picked_by_a_word(container: Container) -> None:
    answer = converse(container, "对党员的纪律处分有哪几种？", "其中跟职务有关的是哪一种？")
    has(answer, "“撤销党内职务”")
    assert answer.answer.startswith("其中与“职务”有关的是“撤销党内职务”。")
