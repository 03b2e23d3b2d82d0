"""Issue 11, item 6 (holdout5 follow-up traps): a follow-up leans on its conversation only for the topic; an item
selected past the end of the list shown before ("那第六种呢" after five kinds, "第九项呢" after eight rights) is
refused with the size of the list, and a member that exists is still picked. Hand-made hits with the sources' own
wording; the same conversations over the shipped knowledge are in tests/slow/test_followup_traps.py.
"""

from __future__ import annotations

import pytest

from service.rag.conversation import resolve
from service.rag.extract import ItemSelector
from service.rag.refusal.followup import (
    beyond_count,
    beyond_list,
    beyond_list_message,
    leaves_story,
    list_length,
    subject_nouns,
)
from service.schemas import Hit
from service.store.conversations import Topic, Turn

DISCIPLINE_8 = (
    "第八条 对党员的纪律处分种类：\n（一）警告；\n（二）严重警告；\n（三）撤销党内职务；\n（四）留党察看；\n"
    "（五）开除党籍。"
)
RIGHTS_4 = (
    "第四条 党员享有下列权利：\n（一）参加党的有关会议，阅读党的有关文件，接受党的教育和培训。\n"
    "（二）在党的会议上和党报党刊上，参加关于党的政策问题的讨论。\n（三）对党的工作提出建议和倡议。\n"
    "（四）在党的会议上有根据地批评党的任何组织和任何党员。\n"
    "（五）行使表决权、选举权，有被选举权。\n（六）在党组织讨论决定对党员的党纪处分或作出鉴定时，本人有权参加和进行申辩。\n"
    "（七）对党的决议和政策如有不同意见，在坚决执行的前提下，可以声明保留。\n"
    "（八）向党的上级组织直至中央提出请求、申诉和控告，并要求有关组织给以负责的答复。"
)
INLINE = "第四十条 党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。"
NO_LIST = "第七条 预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。"


def _hit(text: str, title: str = "中国共产党纪律处分条例", locator: str = "第八条") -> Hit:
    return Hit(doc_id="d", title=title, chunk_id=f"d#{locator}", locator=locator, text=text, score=1.0)


def test_the_size_of_the_list_shown() -> None:
    assert list_length([_hit(DISCIPLINE_8)]) == 5
    assert list_length([_hit(RIGHTS_4, "中国共产党章程", "第四条")]) == 8
    assert list_length([_hit(INLINE, "中国共产党章程", "第四十条")]) == 6  # a one-sentence list
    assert list_length([_hit(NO_LIST, "中国共产党章程", "第七条")]) is None


@pytest.mark.parametrize(
    ("followup", "text", "expected"),
    [
        ("那第六种呢？", DISCIPLINE_8, "上一个回答列出的共五种，没有第六种。"),
        ("第九项呢？", RIGHTS_4, "上一个回答列出的共八项，没有第九项。"),
        ("其中第十点是什么", RIGHTS_4, "上一个回答列出的共八点，没有第十点。"),
        ("那第七個呢", INLINE, "上一个回答列出的共六个，没有第七个。"),
    ],
)
def test_an_item_past_the_end_is_refused_with_the_size(followup: str, text: str, expected: str) -> None:
    history = [Turn("问题", "党的纪律处分有哪几种", Topic())]
    resolution = resolve(followup, history)
    assert resolution.rule == "point" and resolution.selector is not None
    beyond = beyond_list([_hit(text)], resolution.selector)
    assert beyond is not None
    assert beyond_list_message(followup, *beyond) == expected


@pytest.mark.parametrize(
    ("selector", "text"),
    [
        (ItemSelector(ordinal=5), DISCIPLINE_8),  # the last that exists
        (ItemSelector(ordinal=-1), DISCIPLINE_8),  # 最后一种
        (ItemSelector(ordinal=8), RIGHTS_4),
        (ItemSelector(about="申诉"), RIGHTS_4),  # 哪一项和申诉有关
        (ItemSelector(ordinal=3), NO_LIST),  # no list shown: the other readings decide
    ],
)
def test_a_member_that_exists_or_no_list_is_not_refused(selector: ItemSelector, text: str) -> None:
    assert beyond_list([_hit(text)], selector) is None


# -- a follow-up about a report's story answered from a rule that never names what it asks about -------------------
STORY = "今年以来,山东济宁市兖州区在全区网格、居民小区建设了188个红帆驿站,让小哥们渴了有水喝、累了能休息。"
UNIVERSITY_35 = "专职党务工作人员和思想政治工作人员应当在编制内配足，总数不低于全校师生人数的 1%。"
BRANCH_11 = "党支部党员大会是党支部的议事决策机构，由全体党员参加，一般每季度召开 1 次。"


def _report(text: str) -> Hit:
    return Hit(doc_id="r", title="基层党建创新", chunk_id="r#1", locator="第30段", text=text, score=1.0,
               doc_type="theory")  # fmt: skip


def _rule(text: str) -> Hit:
    return Hit(doc_id="u", title="条例", chunk_id="u#1", locator="第三十五条", text=text, score=1.0,
               doc_type="party_regulation")  # fmt: skip


def test_the_nouns_a_follow_up_opens_with() -> None:
    assert subject_nouns("那每个驿站配几名工作人员？") == ["驿站"]
    assert subject_nouns("那集团党委有几名委员？") == ["集团", "党委"]
    assert subject_nouns("那联席会的负责人是谁") == ["联席会"]


def test_a_rule_that_never_names_the_storys_unit_is_no_answer() -> None:
    previous = [_report(STORY)]
    assert (
        leaves_story("那每个驿站配几名工作人员？", previous, [_rule(UNIVERSITY_35)], UNIVERSITY_35) == "驿站"
    )
    # a topic change to what the rule names, the story's own article, a conversation about a rule: kept
    assert leaves_story("那党支部多久开一次党员大会？", previous, [_rule(BRANCH_11)], BRANCH_11) is None
    assert leaves_story("驿站能提供什么服务？", previous, [_report(STORY)], STORY) is None
    assert (
        leaves_story("那每个驿站配几名工作人员？", [_rule(BRANCH_11)], [_rule(UNIVERSITY_35)], UNIVERSITY_35)
        is None
    )


def test_an_item_past_the_count_the_previous_question_stated() -> None:
    assert beyond_count("安定区实施的五大工程是什么？", ItemSelector(ordinal=6)) == (5, 6)
    assert beyond_count("万州区从哪四个方面增强党组织功能？", ItemSelector(ordinal=5)) == (4, 5)
    assert beyond_count("安定区实施的五大工程是什么？", ItemSelector(ordinal=5)) is None
    assert beyond_count("党章有几条？", ItemSelector(ordinal=56)) is None  # no count stated: the list decides
    assert beyond_list_message("第六个工程呢？", 5, 6) == "上一个回答列出的共五个，没有第六个。"


def test_a_previous_pick_states_no_count() -> None:
    # mem-520: "党员有哪些义务？" + "第二点呢？" + "那第七点呢？": 第二点 is an ordinal, not a count of two
    assert beyond_count("党员有哪些义务 第二点", ItemSelector(ordinal=7)) is None
    # a period is no count of items: "3个月" before a list of six requirements
    assert beyond_count("入党申请人3个月内要做哪些事", ItemSelector(ordinal=5)) is None


def test_an_article_with_two_lists_is_not_sized_by_its_first() -> None:
    # 问责条例第七条 lists the 党组织's three ways, then the 领导干部's four: "那第四种呢" after a pick among the
    # 领导干部's ways exists (CI: tests/slow/test_followup_items_answers.py [point-after-item-ask])
    two_lists = (
        "第七条 对党组织的问责，根据危害程度以及具体情况，可以采取以下方式：\n（一）检查；\n（二）通报；\n（三）改组。\n"
        "对党的领导干部的问责，根据危害程度以及具体情况，可以采取以下方式：\n（一）通报；\n（二）诫勉；\n"
        "（三）组织调整或者组织处理；\n（四）纪律处分。"
    )
    hits = [_hit(two_lists, "中国共产党问责条例", "第七条")]
    # the list is the one the conversation asks about, as the pick itself (``extract.list_member``)
    leaders = "对党的领导干部的问责方式有哪些"
    assert beyond_list(hits, ItemSelector(ordinal=4), leaders) is None
    assert beyond_list(hits, ItemSelector(ordinal=5), leaders) == (4, 5)
    assert beyond_list(hits, ItemSelector(ordinal=4), "对党组织的问责方式有哪些") == (3, 4)
    assert beyond_list([_hit(DISCIPLINE_8)], ItemSelector(ordinal=6)) == (5, 6)
