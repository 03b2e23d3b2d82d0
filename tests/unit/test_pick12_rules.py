"""The rules behind item picks and topic changes of holdout7 (issue 11, item 6): a selection counted from the end in
条 is no article reference; an item counted in 种/类 after the list's name is a pick, alone it names a term; picks
by content (讲X的是第几项, 跟X有关的那部分) in follow-ups and after a named list; a short document name that fits one
title; an outline heading by what it is about; a continuation opening with part of the topic's subject; the
member's whole word (女同志) seen through the vocabulary. The answers over the shipped knowledge are in
tests/slow/test_pick12_picks.py."""

from __future__ import annotations

import pytest

from service.rag.conversation import item_selector, listed_about, opens_with_subject, resolve
from service.rag.heading_lists import about_heading, named_document
from service.store.conversations import Topic, Turn
from service.text import vocabulary
from service.text.refs import find_listed_point, find_refs, find_selection


def test_counted_from_the_end_in_tiao_is_no_article() -> None:
    assert find_refs("倒数第二条讲的啥？") == []
    assert find_selection("倒数第二条讲的啥？") == (-2, 0, 5)
    assert find_selection("最后一條是什麼") is not None
    assert [m.ref.number for m in find_refs("党章第二条讲的啥")] == [2]
    assert find_refs("倒數第二條講的啥") == []
    assert find_selection("最后那条是什么？") == (-1, 0, 4)
    assert find_selection("最末一项呢") == (-1, 0, 4)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("组织处理的第十二种情形是什么", 12),
        ("党纪处分里的第三种是什么", 3),
        ("党员义务的第五项是什么", 5),
        ("第一种形态是什么", None),
    ],
)
def test_listed_point(question: str, expected: int | None) -> None:
    found = find_listed_point(question)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("question", "ordinal", "about"),
    [
        ("倒数第二条讲的啥？", -2, None),
        ("最后一个是哪个？", -1, None),
        ("其中讲保守党和国家秘密的是第几项？", None, "保守党和国家秘密"),
        ("跟选人用人有关的那部分标题是什么？", None, "选人用人"),
        ("关于申诉的是哪一条？", None, "申诉"),
        ("哪一项跟批评有关？", None, "批评"),
    ],
)
def test_item_selector(question: str, ordinal: int | None, about: str | None) -> None:
    selector = item_selector(question)
    assert selector is not None
    assert (selector.ordinal, selector.about) == (ordinal, about)


def test_a_selection_follow_up_is_a_point() -> None:
    turn = Turn("党员的义务有哪些？", "党员的义务有哪些？", Topic())
    res = resolve("倒数第二条讲的啥？", [turn])
    assert res.rule == "point" and res.selector is not None and res.selector.ordinal == -2


def test_listed_about() -> None:
    assert listed_about("基层组织基本任务里讲监督干部遵纪守法的是第几项？") == (
        "基层组织基本任务有哪些？",
        "监督干部遵纪守法",
    )
    assert listed_about("党员的权利中关于申诉控告的是第几项？") == ("党员的权利有哪些？", "申诉控告")
    assert listed_about("党员的义务有哪些？") is None
    assert listed_about("党章里讲入党誓词的是第几条？") is None  # an article of a document is asked for
    assert listed_about("纪律处分条例中关于赌博的是第几条？") is None


def test_short_name_of_one_title() -> None:
    titles = ["关于新形势下党内政治生活的若干准则", "中国共产党廉洁自律准则", "中国共产党问责条例", "中国共产党纪律检查委员会工作条例",
              "中国共产党支部工作条例（试行）"]  # fmt: skip
    assert named_document("若干准则一共分几个部分？", titles) == titles[0]
    assert named_document("问责条例分几章", titles) == titles[2]
    assert named_document("工作条例有几章", titles) is None  # two titles hold it


def test_about_heading() -> None:
    headings = [
        "## 七、发扬党内民主和保障党员权利",
        "## 八、坚持正确选人用人导向",
        "## 九、严格党的组织生活制度",
    ]
    assert about_heading("选人用人", headings) == 1
    assert about_heading("党费", headings) is None


def test_part_of_the_topic_subject_is_no_subject_of_its_own() -> None:
    assert opens_with_subject("委员里必须要有女同志吗")
    assert not opens_with_subject("委员里必须要有女同志吗", "村委会")  # 委员 of 村民委员会
    assert opens_with_subject("党组织违纪了怎么办", "村委会")


def test_member_word_around_a_cut_word() -> None:
    assert vocabulary.load().around("同志", "委员里必须要有女同志吗") == ["女同志"]
    assert vocabulary.load().around("同志", "党内一律称同志") == []
