"""Item picks and topic changes resolved (issue 11, item 6; holdout6 follow-ups): items counted in 类/步/部分, or in
条 before the noun the previous question counted them by; a superlative pick with something asked of it; an item
pick followed by a later ask; a one-sentence list whose count confirms it; a list intro that names the asked
subject. The answers over the shipped knowledge are in tests/slow/test_followup10_picks.py."""

from __future__ import annotations

import pytest

from service.rag.conversation import asked_after_item, history_from_questions, property_ask, resolve
from service.rag.extract import ItemSelector, extract, list_member
from service.schemas import Hit
from service.text.refs import find_selection

# 高校基层组织工作条例第十三条, cut to its intro and three items
UNIVERSITY_13 = (
    "第十三条 学生党支部应当加强思想政治引领，筑牢学生理想信念根基，引导学生刻苦学习、全面发展、健康成长。主要职责是：\n\n"
    "（一） 宣传和执行党的路线方针政策以及上级党组织的决议。\n\n"
    "（二） 加强对学生党员的教育、管理、监督和服务，定期召开组织生活会，开展批评和自我批评。\n\n"
    "（三） 组织学生党员参与学生事务管理，维护学校稳定。支持、指导和帮助团支部、班委会以及学生社团根据学生特点开展"
    "工作，充分发挥保留团籍的学生党员的带动作用。"
)
# 党章总纲: the four principles named in one sentence and counted
GENERAL_PROGRAM_13 = (
    "坚持社会主义道路、坚持人民民主专政、坚持中国共产党的领导、坚持马克思列宁主义毛泽东思想这四项基本原则，"
    "是我们的立国之本。"
)


def _hit(text: str, locator: str = "第十三条", article_no: int | None = 13) -> Hit:
    return Hit(
        chunk_id=f"doc#{locator}",
        doc_id="doc",
        doc_type="regulation",
        title="中国共产党普通高等学校基层组织工作条例",
        locator=locator,
        text=text,
        score=1.0,
        article_no=article_no,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("里面第九类是什么支部", 9),
        ("第四步呢", 4),
        ("那第十一部分讲的是什么", 11),
        ("最后一类呢", -1),
        ("第三种是什么", 3),
    ],
)
def test_items_counted_in_classes_steps_and_parts(text: str, expected: int) -> None:
    selected = find_selection(text)
    assert selected is not None and selected[0] == expected


def test_an_item_counted_in_articles_needs_its_noun() -> None:
    assert find_selection("其中第五条原则讲的什么") is None  # an article unless asked for counted items
    assert find_selection("其中第五条原则讲的什么", counted_articles=True) == (5, 2, 5)
    assert find_selection("第五条", counted_articles=True) is None


@pytest.mark.parametrize(
    ("previous", "follow_up", "rule", "ordinal"),
    [
        ("民主集中制的基本原则有哪几条？", "其中第五条原则讲的什么？", "point", 5),  # h6-274
        (
            "支部工作条例把不同领域的党支部分成哪几类？",
            "里面第九类是什么支部？它主要干什么？",
            "item_ask",
            9,
        ),  # h6-102
        ("预备党员转正要经过哪些手续？", "第四步呢？", "point", 4),  # h6-273
        ("若干准则分了哪几个部分？", "那第十一部分讲的是什么？", "point", 11),  # h6-163
        ("党员的义务有哪几条", "第二条义务是什么", "point", 2),
    ],
)
def test_picks_resolve(previous: str, follow_up: str, rule: str, ordinal: int) -> None:
    res = resolve(follow_up, history_from_questions([previous]))
    assert res.rule == rule and res.selector is not None and res.selector.ordinal == ordinal


def test_an_article_of_its_own_stays_an_article() -> None:
    # "第五条规定了什么": 规定 is no noun the previous question counted by
    res = resolve("第五条规定了什么", history_from_questions(["民主集中制的基本原则有哪几条？"]))
    assert res.rule != "point" and res.rule != "item_ask"


@pytest.mark.parametrize(
    ("follow_up", "previous", "expected"),
    [
        (
            "其中最重的那种对党组织的问责方式适用什么情况？",
            "问责条例里对党组织的问责方式有哪些？",
            ("最重", 2, 16),
        ),  # h6-168
        ("其中最重的那种适用于什么情况？", "党的纪律处分有几种？", ("最重", 2, 7)),
        ("其中最轻的那种是怎么进行的？", "对党的领导干部的问责方式有哪些？", ("最轻", 2, 7)),
        ("最重的是哪一种", "党的纪律处分有几种？", None),  # the member alone: property_pick
        ("最长的期限是多少", "留党察看分几种", None),  # a quantity of its own
    ],
)
def test_a_superlative_pick_asked_of(
    follow_up: str, previous: str, expected: tuple[str, int, int] | None
) -> None:
    assert property_ask(follow_up, previous) == expected


def test_a_superlative_pick_asked_of_resolves_to_property_ask() -> None:
    res = resolve("其中最重的那种适用于什么情况？", history_from_questions(["党的纪律处分有几种？"]))
    assert (res.rule, res.focus) == ("property_ask", "最重")


@pytest.mark.parametrize(
    ("follow_up", "end", "expected"),
    [
        ("第三种是什么，处分后有什么影响？", 3, "处分后有什么影响？"),  # h6-269
        ("第四种是什么，受了这种处分有什么后果？", 3, "受了这种处分有什么后果？"),
        ("里面第九类是什么支部？它主要干什么？", 5, "主要干什么？"),  # h6-102
        ("第三种是什么", 3, None),
        ("最后一种是不是最重的", 4, None),
    ],
)
def test_a_later_ask_after_an_item(follow_up: str, end: int, expected: str | None) -> None:
    assert asked_after_item(follow_up, end) == expected


def test_a_counted_one_sentence_list_gives_its_members() -> None:
    hits = [_hit(GENERAL_PROGRAM_13, "总纲·第13段", None)]
    assert list_member(hits, ItemSelector(ordinal=3)) == "坚持中国共产党的领导"  # h6-270
    assert list_member(hits, ItemSelector(ordinal=4)) == "坚持马克思列宁主义毛泽东思想"
    assert list_member(hits, ItemSelector(ordinal=5)) is None


def test_an_intro_naming_the_asked_subject_shows_its_list() -> None:
    # h6-282: "学生党支部主要做什么" is about the subject the intro opens with, not item （三）'s 学生事务
    text = extract("学生党支部主要做什么？", [_hit(UNIVERSITY_13)], max_chars=600).answer
    assert "学生党支部应当加强思想政治引领" in text
    assert "（一）" in text and "（三）" in text
