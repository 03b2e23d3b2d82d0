"""Lists, definitions and item picks (issue 11, items 2 and 6; holdout5 h5-262 and its kind).

An item picked by a property word the item never spells as such (保密 ← "严格保守党和国家的秘密"), with the
question's fillers stacked ("那其中跟……有关的是哪一项").
"""

from __future__ import annotations

import pytest
from fakes import hits_for

from service.rag.conversation import item_selector
from service.rag.extract import Extract, ItemSelector, abbreviation_span, defines, extract, list_member
from service.rag.two_part import compared_terms, defines_each, definition_asks, split_asks
from service.schemas import Answer, Hit
from service.text.normalize import normalize_for_match, to_simplified


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("那其中跟保密有关的是哪一项？", "保密"),  # h5-262
        ("其中跟保密有关的是哪一项", "保密"),
        ("那里面和申诉相关的是哪一条？", "申诉"),
        ("那這幾項跟罷免有關的是哪一項？", "罢免"),
        ("那么上面跟纪律有关的是哪一点", "纪律"),
    ],
)
def test_about_pick_with_stacked_fillers(question: str, about: str) -> None:
    selector = item_selector(to_simplified(question))  # resolve reads questions in simplified script
    assert selector == ItemSelector(about=about)


@pytest.mark.parametrize(
    ("word", "text", "expected"),
    [
        ("保密", "严格保守党和国家的秘密", 9),
        ("守纪", "自觉遵守党的纪律，首先是党的政治纪律", 4),
        ("廉政", "廉洁从政，自觉保持人民公仆本色", 4),
        ("保密", "为了保护国家和人民的利益，密切联系群众", None),  # 保 and 密 in different clauses
        ("保密", "密切联系群众，保护群众", None),  # out of order
        ("保", "保守秘密", None),  # one character abbreviates nothing
    ],
)
def test_abbreviation_span(word: str, text: str, expected: int | None) -> None:
    assert abbreviation_span(word, text) == expected


def test_item_picked_by_an_abbreviating_word() -> None:
    # h5-262: after 党员必须履行哪些义务 / 一共几条, "那其中跟保密有关的是哪一项？" was refused; the item is （四）
    # "……严格保守党和国家的秘密……" (no item holds the word 保密 itself).
    hits = hits_for(3)
    selector = ItemSelector(about="保密")
    assert list_member(hits, selector) == "自觉遵守党的纪律"
    ex = extract("党员必须履行哪些义务", hits, max_chars=300, selector=selector)
    assert "严格保守党和国家的秘密" in ex.answer
    assert "（一）" not in ex.answer and "（八）" not in ex.answer


def test_item_named_outright_beats_an_abbreviation() -> None:
    # a word an item holds as such wins over its characters scattered in a clause (纪律 is in （四） itself)
    hits = hits_for(3)
    assert list_member(hits, ItemSelector(about="纪律")) == "自觉遵守党的纪律"
    assert list_member(hits, ItemSelector(about="批评")) == "切实开展批评和自我批评"


# --- a question naming several items of one list; two terms compared (h5-087, h5-080) -------------------------

RESPONSIBLE_39 = (
    "第三十九条 违纪行为有关责任人员的区分：\n"
    "（一）直接责任者，是指在其职责范围内，不履行或者不正确履行自己的职责，对造成的损失或者后果起决定性作用的党员或者党员领导干部；\n"
    "（二）主要领导责任者，是指在其职责范围内，对主管的工作不履行或者不正确履行职责，对造成的损失或者后果负直接领导责任的党员领导干部；\n"
    "（三）重要领导责任者，是指在其职责范围内，对应管的工作或者参与决定的工作不履行或者不正确履行职责，对造成的损失或者后果负次要领导责任的党员领导干部。\n"
    "本条例所称领导责任者，包括主要领导责任者和重要领导责任者。"
)
LIGHTER_22 = (
    "第二十二条 从轻处分，是指在本条例规定的违纪行为应当受到的处分幅度以内，给予较轻的处分。\n"
    "从重处分，是指在本条例规定的违纪行为应当受到的处分幅度以内，给予较重的处分。"
)
CIRCUMSTANCES_17 = (
    "第十七条 有下列情形之一的，可以从轻或者减轻处分：\n（一）主动交代本人应当受到党纪处分的问题；\n"
    "（五）主动上交或者退赔违纪所得；"
)
DISCIPLINE = "中国共产党纪律处分条例"


def _hit(text: str, locator: str, title: str = DISCIPLINE, score: float = 1.0) -> Hit:
    return Hit(doc_id="d", title=title, chunk_id=f"d#{locator}", locator=locator, text=text, score=score)


@pytest.mark.parametrize(
    ("question", "shown", "not_shown"),
    [
        # h5-087: only （二） was shown
        ("什么叫直接责任者？主要领导责任者和重要领导责任者又怎么区分？", "一二三", ""),
        ("主要领导责任者和重要领导责任者有什么区别", "二三", ""),  # (the whole article may show)
        ("直接責任者跟主要領導責任者怎麼區分", "一二", "三"),
        ("什么叫直接责任者", "一", "二三"),  # one named item: that item, not （二） that says 直接领导责任
    ],
)
def test_each_item_the_question_names_is_shown(question: str, shown: str, not_shown: str) -> None:
    ex = extract(question, [_hit(RESPONSIBLE_39, "第三十九条")], max_chars=600)
    for k in shown:
        assert f"（{k}）" in ex.answer, (question, ex.answer)
    for k in not_shown:
        assert f"（{k}）" not in ex.answer, (question, ex.answer)


def test_a_definition_is_found_in_normalised_text() -> None:
    # normalize_for_match writes "，" as ","; "减轻处分，是指……" was no definition (h5-080, h5-087)
    assert defines(normalize_for_match("减轻处分，是指在本条例规定的……以外，减轻一档给予处分。"), "减轻处分")
    assert defines(normalize_for_match("（一）直接责任者，是指在其职责范围内"), "直接责任者")
    assert not defines(normalize_for_match("（二）主要领导责任者，是指……负直接领导责任的"), "直接责任者")
    assert not defines(normalize_for_match("有下列情形之一的，可以从轻或者减轻处分："), "减轻处分")


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("从轻处分和减轻处分有什么区别？", ["从轻处分", "减轻处分"]),  # h5-080
        ("從重處分與加重處分有何不同", ["从重处分", "加重处分"]),
        ("主要领导责任者和重要领导责任者又怎么区分", ["主要领导责任者", "重要领导责任者"]),
        ("诫勉跟通报的区别是什么", ["诫勉", "通报"]),
        ("党组和党委区别在哪", ["党组", "党委"]),
        ("村党支部和机关党支部的支委会任期一样吗", []),  # an attribute compared, no terms
        ("党建工作与中心工作是什么关系", []),
        ("党员的权利和义务有哪些", []),
    ],
)
def test_compared_terms(question: str, terms: list[str]) -> None:
    assert compared_terms(question) == terms


def test_definition_asks_and_their_check() -> None:
    question = "从轻处分和减轻处分有什么区别？"
    assert definition_asks(question) == ["什么是从轻处分", "什么是减轻处分"]
    lighter = extract("什么是从轻处分", [_hit(LIGHTER_22, "第二十二条")], max_chars=300)
    circumstances = extract("什么是减轻处分", [_hit(CIRCUMSTANCES_17, "第十七条")], max_chars=300)

    def answered(ex: Extract) -> tuple[Answer, list[Hit]]:
        return Answer(question="q", answer=ex.answer, citations=ex.citations, refused=False), []

    assert "幅度以内，给予较轻的处分" in lighter.answer
    assert defines_each(question, [answered(lighter), answered(lighter)]) is False  # 减轻处分 undefined there
    assert (
        defines_each(question, [answered(lighter), answered(circumstances)]) is False
    )  # mentions, no definition
    both = _hit(
        LIGHTER_22 + "\n减轻处分，是指在本条例规定的违纪行为应当受到的处分幅度以外，减轻一档给予处分。",
        "第二十二条",
    )
    whole = extract(question, [both], max_chars=600)
    assert defines_each(question, [answered(whole), answered(whole)])


def test_a_compared_pair_after_a_definition_ask_is_its_own_ask() -> None:
    # h5-087: the second ask was glued to the first one's subject ("什么叫直接责任者主要领导责任者和……")
    assert split_asks("什么叫直接责任者？主要领导责任者和重要领导责任者又怎么区分？") == [
        "什么叫直接责任者",
        "主要领导责任者和重要领导责任者又怎么区分",
    ]
