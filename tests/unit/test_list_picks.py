"""Lists, definitions and item picks (issue 11, items 2 and 6; holdout5 h5-262 and its kind).

An item picked by a property word the item never spells as such (保密 ← "严格保守党和国家的秘密"), with the
question's fillers stacked ("那其中跟……有关的是哪一项").
"""

from __future__ import annotations

import pytest
from fakes import hits_for

from service.rag.conversation import history_from_questions, item_selector, resolve
from service.rag.extract import (
    Extract,
    ItemSelector,
    abbreviation_span,
    asks_last_sentence,
    defines,
    extract,
    inline_list,
    list_member,
)
from service.rag.refusal import unknown_document
from service.rag.two_part import compared_terms, defines_both, defines_each, definition_asks, split_asks
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
    # the whole answer defines both: it needs no definition asked term by term
    assert defines_both(question, answered(whole)[0])
    assert not defines_both(question, answered(lighter)[0])
    assert not defines_both("党员有哪些权利？", answered(whole)[0])  # no comparison of two terms


def test_a_compared_pair_after_a_definition_ask_is_its_own_ask() -> None:
    # h5-087: the second ask was glued to the first one's subject ("什么叫直接责任者主要领导责任者和……")
    assert split_asks("什么叫直接责任者？主要领导责任者和重要领导责任者又怎么区分？") == [
        "什么叫直接责任者",
        "主要领导责任者和重要领导责任者又怎么区分",
    ]


# --- "…的行为条例列了几种": 条例 the bare word after a noun phrase, no title (h5-090) ---------------------------

HELD = ["中国共产党纪律处分条例", "中国共产党章程", "中国共产党支部工作条例（试行）", "中国共产党问责条例"]


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("违反民主集中制原则的行为条例列了几种？", None),  # h5-090: was "知识库中没有《行为条例》"
        ("侵犯党员权利的行为条例规定了哪些", None),
        ("違反組織紀律的行為條例列了哪些", None),
        ("违反廉洁纪律的情形条例里有几种", None),
        ("党的巡视条例有哪些规定", "巡视条例"),  # 党 is no clause: a title the knowledge base lacks
        ("党内监督条例怎么说", "党内监督条例"),
        ("纪律处分条例列了几种处分", None),
    ],
)
def test_a_noun_phrase_before_the_bare_word_tiaoli_is_no_title(question: str, unknown: str | None) -> None:
    assert unknown_document(question, HELD) == unknown


# --- a list of one-sentence sibling articles under a heading, asked by its size (h5-165) -------------------------

INTEGRITY = "中国共产党廉洁自律准则"
MEMBERS_HEADING = "党员廉洁自律规范"
LEADERS_HEADING = "党员领导干部廉洁自律规范"
INTEGRITY_ARTICLES = {
    1: (MEMBERS_HEADING, "坚持公私分明，先公后私，克己奉公。"),
    2: (MEMBERS_HEADING, "坚持崇廉拒腐，清白做人，干净做事。"),
    3: (MEMBERS_HEADING, "坚持尚俭戒奢，艰苦朴素，勤俭节约。"),
    4: (MEMBERS_HEADING, "坚持吃苦在前，享受在后，甘于奉献。"),
    5: (LEADERS_HEADING, "廉洁从政，自觉保持人民公仆本色。"),
    6: (LEADERS_HEADING, "廉洁用权，自觉维护人民根本利益。"),
    7: (LEADERS_HEADING, "廉洁修身，自觉提升思想道德境界。"),
    8: (LEADERS_HEADING, "廉洁齐家，自觉带头树立良好家风。"),
}
NUMERALS = "零一二三四五六七八"


def _integrity_hits(order: list[int]) -> list[Hit]:
    out = []
    for i, n in enumerate(order):
        heading, text = INTEGRITY_ARTICLES[n]
        locator = f"第{NUMERALS[n]}条"
        out.append(
            Hit(
                doc_id="integrity",
                title=INTEGRITY,
                chunk_id=f"integrity#a{n}",
                locator=locator,
                text=f"{locator} {text}",
                score=1.0 - i * 0.05,
                article_no=n,
                chapter_path=[heading],
            )
        )
    return out


@pytest.mark.parametrize(
    ("question", "shown", "not_shown"),
    [
        (
            "党员领导干部的廉洁自律规范是哪四条？",
            ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"],
            "公私分明",
        ),  # h5-165
        ("黨員領導幹部的廉潔自律規範是哪四條", ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"], "公私分明"),
        ("普通党员的廉洁自律规范是哪四条", ["公私分明", "崇廉拒腐", "尚俭戒奢", "吃苦在前"], "廉洁从政"),
    ],
)
def test_a_section_of_sibling_articles_asked_by_its_size(
    question: str, shown: list[str], not_shown: str
) -> None:
    # retrieval order puts an article of the other section first, as the real index does
    ex = extract(question, _integrity_hits([7, 6, 2, 5, 4, 8, 3, 1]), max_chars=600)
    assert "共四条" in ex.answer, ex.answer
    for member in shown:
        assert member in ex.answer, (question, ex.answer)
    assert not_shown not in ex.answer


# --- "那X呢" after a question whose subject is the asked slot keeps the question's shape (h5-252) ---------------


@pytest.mark.parametrize(
    ("previous", "followup", "resolved"),
    [
        ("哪些情形要从重或者加重处分？", "那从轻减轻呢？", "哪些情形要从轻减轻处分？"),  # h5-252
        ("哪些情况可以从轻处分？", "那从重呢？", "哪些情况可以从重处分？"),
        ("哪些行为属于违反组织纪律？", "那廉洁纪律呢", "哪些行为属于违反廉洁纪律？"),
        ("什么情况下要给予警告处分？", "那严重警告呢", "什么情况下要给予严重警告处分？"),
        ("哪些情形應當從重處分？", "那從輕呢？", "哪些情形应当从轻处分？"),
        ("党员有哪些权利？", "那义务呢？", "党员有哪些义务？"),  # the subject is no asked slot: as before
    ],
)
def test_a_swap_keeps_the_asked_slot(previous: str, followup: str, resolved: str) -> None:
    res = resolve(followup, history_from_questions([previous]))
    assert res.rule == "swap"
    assert to_simplified(res.question) == resolved


# --- a sentence after the items that refers back to them is part of the list (h5-070's kind) ----------------------

MASSES_122 = (
    "第一百二十二条 有下列行为之一，对直接责任者和领导责任者，情节较轻的，给予警告或者严重警告处分：\n"
    "（一）超标准、超范围向群众筹资筹劳、摊派费用，加重群众负担；\n"
    "（二）违反有关规定扣留、收缴群众款物或者处罚群众；\n"
    "（六）其他侵害群众利益行为。\n"
    "在乡村振兴领域有上述行为的，从重或者加重处分。"
)
MASSES_2018 = MASSES_122.replace("乡村振兴", "扶贫").replace("第一百二十二条", "第一百一十二条")
UNRELATED_TAIL = (
    "第九条 对于严重违犯党纪、本身又不能纠正的党组织，可以予以：\n（一）改组；\n（二）解散。\n"
    "党组织受到解散处理的，应当对其党员逐个审查。"
)


@pytest.mark.parametrize(
    ("text", "locator", "tail"),
    [
        (MASSES_122, "第一百二十二条", "在乡村振兴领域有上述行为的，从重或者加重处分。"),
        (MASSES_2018, "第一百一十二条", "在扶贫领域有上述行为的，从重或者加重处分。"),
    ],
)
def test_a_list_answer_keeps_the_sentence_that_refers_back_to_its_items(
    text: str, locator: str, tail: str
) -> None:
    ex = extract("侵害群众利益的行为有哪些", [_hit(text, locator)], max_chars=600)
    assert "（六）其他侵害群众利益行为。" in ex.answer
    assert tail in ex.answer


def test_a_sentence_after_the_items_that_does_not_refer_back_is_left_out() -> None:
    ex = extract("对党组织可以采取哪些处理", [_hit(UNRELATED_TAIL, "第九条")], max_chars=600)
    assert "（二）解散" in ex.answer
    assert "逐个审查" not in ex.answer


# --- an item of a one-sentence list picked by a property word ----------------------------------------------------

PENALTIES_41 = "第四十一条 对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。"
DISCIPLINES_40 = "第四十条 党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。"


@pytest.mark.parametrize(
    ("text", "about", "member"),
    [
        (PENALTIES_41, "职务", "撤销党内职务"),
        (PENALTIES_41, "党籍", "开除党籍"),
        (DISCIPLINES_40, "廉洁", "廉洁纪律"),
        (DISCIPLINES_40, "群众", "群众纪律"),
        (DISCIPLINES_40, "钱", None),  # no member names it
    ],
)
def test_a_member_of_a_one_sentence_list_picked_by_a_word(text: str, about: str, member: str | None) -> None:
    hits = [_hit(text, text.split(" ")[0], title="中国共产党章程")]
    assert inline_list(hits)
    assert list_member(hits, ItemSelector(about=about)) == member


def test_an_enumerated_list_is_no_one_sentence_list() -> None:
    assert not inline_list(hits_for(3))


# --- the last sentence of an article, in each version asked for (h5-070) -----------------------------------------


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("侵害群众利益的那条，最后一句从重处分的领域写的什么", True),
        ("那条最後一句怎麼說", True),
        ("第四条结尾那句话是什么意思", True),
        ("那条最后一段呢", False),  # a paragraph, not a sentence
        ("最后一项是什么", False),  # an item of a list: a follow-up pick, no sentence
        ("党员的权利有哪些", False),
    ],
)
def test_asks_last_sentence(question: str, asks: bool) -> None:
    assert asks_last_sentence(question) is asks


@pytest.mark.parametrize(
    ("text", "locator", "tail"),
    [
        (MASSES_122, "第一百二十二条", "在乡村振兴领域有上述行为的，从重或者加重处分。"),
        (MASSES_2018, "第一百一十二条", "在扶贫领域有上述行为的，从重或者加重处分。"),
    ],
)
def test_the_last_sentence_of_the_article_is_shown_alone(text: str, locator: str, tail: str) -> None:
    hit = _hit(text, locator).model_copy(update={"article_no": 122})
    ex = extract("侵害群众利益的那条，最后一句从重处分的领域写的什么", [hit], max_chars=600)
    assert tail in ex.answer
    assert "（一）" not in ex.answer


def test_two_versions_asked_respectively_are_two_asks() -> None:
    assert split_asks("侵害群众利益的那条，最后一句从重处分的领域，2018版和2023版分别写的什么？") == [
        "侵害群众利益的那条，最后一句从重处分的领域，2018版写的什么",
        "侵害群众利益的那条，最后一句从重处分的领域，2023版写的什么",
    ]
    assert split_asks("2018年版和2023年版分别有多少条") == ["2018年版有多少条", "2023年版有多少条"]
