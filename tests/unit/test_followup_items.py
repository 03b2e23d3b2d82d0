"""Issue 11, item 6 (follow-ups by understanding, not by phrasing): an item picked by its ordinal and kind noun
("第一个工程提升的是什么能力"), a group spelled out one paragraph per member, the list of an article's several that a
follow-up picks from, a rule for "the others" that covers a swapped subject, and a continuation that opens with no
subject of its own. Hand-made hits with the sources' own wording; the same conversations over the shipped knowledge
with the real embedder are in tests/slow/test_followup_items.py.
"""

from __future__ import annotations

import pytest

from service.rag.conversation import (
    covers_others,
    history_from_questions,
    kind_item,
    opens_with_subject,
    parallel_items,
    resolve,
)
from service.rag.extract import ItemSelector, extract, list_member
from service.schemas import Hit

ACCOUNTABILITY = "中国共产党问责条例"
# 问责条例第七条: two lists in one article, the 党组织's and the 领导干部's
ACCOUNTABILITY_7 = (
    "第七条 对党组织的问责，根据危害程度以及具体情况，可以采取以下方式：\n\n"
    "（一）检查。对履行职责不力、情节较轻的，应当责令其作出书面检查并切实整改。\n\n"
    "（二）通报。对履行职责不力、情节较重的，应当责令整改，并在一定范围内通报。\n\n"
    "（三）改组。对失职失责，严重违反党的纪律、本身又不能纠正的，应当予以改组。\n\n"
    "对党的领导干部的问责，根据危害程度以及具体情况，可以采取以下方式：\n\n"
    "（一）通报。对履行职责不力的，应当严肃批评，依规整改，并在一定范围内通报。\n\n"
    "（二）诫勉。对失职失责、情节较轻的，应当以谈话或者书面方式进行诫勉。\n\n"
    "（三）组织调整或者组织处理。对失职失责、情节较重，不适宜担任现职的，应当根据情况采取停职检查、调整职务、"
    "责令辞职、降职、免职等措施。\n\n"
    "（四）纪律处分。对失职失责应当给予纪律处分的，依照《中国共产党纪律处分条例》追究纪律责任。"
)
# 支部工作条例第二十一条: one case named, then a rule for the others
BRANCH_21 = "村、社区党支部委员会每届任期 5 年，其他基层单位党支部委员会一般每届任期 3 年。"
ANDING = "深入实施“五大工程” 以高质量党建引领 谱写中国式现代化安定实践新篇章"
ANDING_PARAGRAPHS = [
    "深入实施“五大工程” 以高质量党建引领 谱写中国式现代化安定实践新篇章\n\n加强基层党组织建设事关党的执政根基。"
    "定西市安定区……大力实施基层党建“五大工程”,不断提升党建引领推动高质量发展的“五种能力”,为推进中国式现代化"
    "安定实践举旗定向、夯基固本。",
    "实施“学习聚魂”政治引领工程,提升推动中国式现代化安定实践的“思想凝聚力”。基层党组织是政治组织,政治属性是其根本"
    "属性。",
    "实施“骨干聚能”队伍引领工程,提升推动中国式现代化安定实践的“干事战斗力”。立足党的事业后继有人这一根本大计。",
    "实施“支部聚力”组织引领工程,提升推动中国式现代化安定实践的“核心驱动力”。基层党组织组织能力强不强。",
    "实施“保障聚强”基础引领工程,提升推动中国式现代化安定实践的“基层支撑力”。人民对我们的底线要求是把工作干好。",
    "实施“责任聚焦”制度引领工程,提升推动中国式现代化安定实践的“工作执行力”。完善和落实全面从严治党责任制度。",
    "版权声明:凡注有稿件来源为“中国甘肃网”的稿件,均为中国甘肃网版权稿件。",
]


def _paragraph(i: int, text: str) -> Hit:
    return Hit(
        doc_id="theory-anding", title=ANDING, chunk_id=f"theory-anding#p{i}", locator=f"第{i}段", text=text,
        score=1.0, doc_type="theory",
    )  # fmt: skip


def _article(n: int, text: str) -> Hit:
    return Hit(
        doc_id="acc", title=ACCOUNTABILITY, chunk_id=f"acc#a{n}", locator="第七条", article_no=n, text=text,
        score=1.0, doc_type="party_regulation",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("question", "previous", "expected"),
    [
        # ho3-168: the first 工程 of the five, and something asked of it
        ("第一个工程提升的是什么能力", "安定区五大工程是什么？", (1, 0, 5, "工程", True)),
        ("第三个工程是要提升什么能力", "安定区搞的五大工程是哪五个", (3, 0, 5, "工程", True)),
        ("最后一个工程提升什么能力", "安定区五大工程是什么", (-1, 0, 6, "工程", True)),
        ("第三种方式是在什么情况下用的", "对党组织的问责方式有哪些？", (3, 0, 5, "方式", True)),
        ("第二种处分会影响提拔吗", "党的纪律处分有几种", (2, 0, 5, "处分", True)),
        # asking for the member itself
        ("第二个工程呢", "安定区五大工程是什么", (2, 0, 5, "工程", False)),
        ("第四个工程是什么", "安定区五大工程是什么", (4, 0, 5, "工程", False)),
    ],
)
def test_an_item_named_by_its_kind_noun(
    question: str, previous: str, expected: tuple[int, int, int, str, bool]
) -> None:
    assert kind_item(question, previous) == expected


def test_a_kind_noun_the_previous_question_never_named_is_a_term() -> None:
    # 监督执纪第一种形态 is a term of its own, not the first of the 义务
    assert kind_item("第一种形态是什么", "党员的义务有哪些") is None
    # no noun after the selection: item_question's (a predicate right after it)
    assert kind_item("第三种是在什么情况下用的", "对党组织的问责方式有哪些") is None
    assert kind_item("那义务的第六项呢", "党员的权利有哪些") is None  # another list's item: named_item's


def test_a_kind_noun_item_pick_resolves_to_an_item_question() -> None:
    history = history_from_questions(["安定区五大工程是什么？"])
    res = resolve("第一个工程提升的是什么能力", history)
    assert (res.rule, res.selector, res.selection, res.focus) == (
        "item_ask",
        ItemSelector(ordinal=1),
        (0, 5),
        "工程",
    )
    res = resolve("第二个工程呢", history)
    assert (res.rule, res.selector, res.focus) == ("point", ItemSelector(ordinal=2), "工程")
    # without a noun the predicate right after the selection says the same (ho3-155)
    res = resolve("第三种是在什么情况下用的", history_from_questions(["对党组织的问责方式有哪些？"]))
    assert (res.rule, res.selector, res.selection) == ("item_ask", ItemSelector(ordinal=3), (0, 3))


def test_a_group_spelled_out_one_paragraph_per_member() -> None:
    hits = [_paragraph(i + 1, text) for i, text in enumerate(ANDING_PARAGRAPHS)]
    members = parallel_items(hits, "工程")
    assert [clause for clause, _ in members] == [
        "实施“学习聚魂”政治引领工程",
        "实施“骨干聚能”队伍引领工程",
        "实施“支部聚力”组织引领工程",
        "实施“保障聚强”基础引领工程",
        "实施“责任聚焦”制度引领工程",
    ]
    first = members[0][1]
    # the member's passage, cut to the sentence that states it
    assert first.chunk_id == "theory-anding#p2"
    assert first.text == "实施“学习聚魂”政治引领工程,提升推动中国式现代化安定实践的“思想凝聚力”。"
    assert members[-1][1].text.endswith("“工作执行力”。")


def test_no_group_without_parallel_paragraphs() -> None:
    hits = [
        _paragraph(1, ANDING_PARAGRAPHS[0]),
        _paragraph(2, ANDING_PARAGRAPHS[1]),
        _paragraph(9, "其他内容。"),
    ]
    assert parallel_items(hits, "工程") == []  # one member alone is no group
    assert parallel_items([_paragraph(i, t) for i, t in enumerate(ANDING_PARAGRAPHS)], "能力") == []


@pytest.mark.parametrize(
    ("previous", "ordinal", "member"),
    [
        ("对党组织的问责方式有哪些", 3, "改组"),
        ("对党组织的问责方式有哪些", 1, "检查"),
        # the second list of the article is the one the previous question asked about
        ("对党的领导干部的问责方式有哪些", 2, "诫勉"),
        ("对党的领导干部的问责方式有哪些", -1, "纪律处分"),
        ("问责方式有哪些", 2, "通报"),  # neither named: the first list
    ],
)
def test_the_list_the_previous_question_asked_about(previous: str, ordinal: int, member: str) -> None:
    hits = [_article(7, ACCOUNTABILITY_7)]
    assert list_member(hits, ItemSelector(ordinal=ordinal), previous) == member


def test_a_point_pick_takes_the_item_of_the_list_asked_about() -> None:
    hits = [_article(7, ACCOUNTABILITY_7)]
    ex = extract(
        "对党的领导干部的问责方式有哪些 第二项", hits, selector=ItemSelector(ordinal=2), max_chars=600
    )
    assert "（二）诫勉。对失职失责、情节较轻的，应当以谈话或者书面方式进行诫勉。" in ex.answer
    assert "通报" not in ex.answer


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        # ho3-157: 高校、企业 are among the "其他基层单位" of 支部工作条例第二十一条
        ("高校、企业里的支部委员会", BRANCH_21, True),
        ("机关党支部委员会", BRANCH_21, True),
        ("高校院系的党支部委员会", "党的基层委员会、总支部委员会、支部委员会每届任期三年至五年。", False),
        ("居民委员会", BRANCH_21, False),
    ],
)
def test_a_rule_for_the_others_covers_a_swapped_subject(subject: str, text: str, expected: bool) -> None:
    assert covers_others(subject, text) is expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # ho3-165: a state of the conversation's subject (预备期), not a subject of its own
        ("期满不合格，可以延长多久", False),
        ("期满表现不好，还能延长吗", False),
        ("到期了考察不合格怎么办", False),
        ("表现不好怎么办", False),
        ("村委会主任违法了怎么办", True),
        ("是村委会主任违法了怎么办", True),
        ("党组织违纪了", True),
        ("他不交党费怎么办", True),
    ],
)
def test_a_continuation_opens_with_a_subject_or_not(clause: str, expected: bool) -> None:
    assert opens_with_subject(clause) is expected


@pytest.mark.parametrize(
    ("previous", "follow_up", "expected"),
    [
        # the meeting replaced whole: "党小组会议" is in no regulation (was refused)
        ("党支部委员会会议多久开一次？", "党小组会呢？", "党小组会多久开一次？"),
        ("党支部委员会会议多久开一次？", "那党员大会呢？", "党员大会多久开一次？"),
        (
            "新录用的公务员试用期多长",
            "那预备党员呢",
            "预备党员试用期多长",
        ),  # an attribute of two characters stays
        # the object a 处分 is for changes, the 处分 stay
        ("对党员的纪律处分有哪几种？", "那对违纪的党组织呢？", "对违纪的党组织的纪律处分有哪几种？"),
    ],
)
def test_a_swapped_subject_keeps_what_was_asked_of_it(previous: str, follow_up: str, expected: str) -> None:
    res = resolve(follow_up, history_from_questions([previous]))
    assert (res.question, res.rule) == (expected, "swap")


def test_asking_how_an_item_is_worded_picks_it() -> None:
    res = resolve("其中第六项具体是怎么规定的？", history_from_questions(["党员有哪些权利？"]))
    assert (res.rule, res.selector) == ("point", ItemSelector(ordinal=6))
    # what the item itself sets (a period) is asked of it, not a pick
    assert resolve("第三项规定的期限是多久", history_from_questions(["党员有哪些权利？"])).rule == "new"


def test_an_item_question_keeps_the_list_question_for_a_later_pick() -> None:
    history = history_from_questions(["对党的领导干部的问责方式有哪些", "第二种是怎么进行的"])
    assert history[-1].resolved_question == "对党的领导干部的问责方式有哪些 第二种是怎么进行的"
    res = resolve("那第四种呢", history)
    assert res.rule == "point" and res.question.startswith("对党的领导干部的问责方式有哪些")


def test_members_named_and_then_counted() -> None:
    clue = _article(
        21, "第二十一条 纪检监察机关应当结合问题线索所涉及地区、部门、单位总体情况，综合分析，按照谈话函询、初步核实、"
        "暂存待查、予以了结4类方式进行处置。",
    )  # fmt: skip
    assert list_member([clue], ItemSelector(ordinal=1)) == "谈话函询"
    assert list_member([clue], ItemSelector(ordinal=-1)) == "予以了结"
    assert list_member([clue], ItemSelector(ordinal=5)) is None
    # a count that does not match the members named is no such list
    odd = _article(22, "第二十二条 按照谈话函询、初步核实3类方式进行处置。")
    assert list_member([odd], ItemSelector(ordinal=1)) is None
