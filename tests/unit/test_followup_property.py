"""Issue 11, item 6 (holdout4 h4-304, h4-208): a member of the list just shown picked by a property ("那其中最高的是
哪一种" → 开除党籍, because 党章第四十一条 says "开除党籍是党内的最高处分"), and a ratio as the number a rate question asks
for ("专职辅导员按什么比例配" → "不低于 1:200"). Hand-made texts in the sources' own wording; the same conversations
over the shipped knowledge with the real embedder are in tests/slow/test_followup_property.py.
"""

from __future__ import annotations

import pytest

from service.rag.conversation import (
    list_members,
    property_pick,
    resolve,
    states_property,
    superlative_forms,
)
from service.rag.refusal import number_answers
from service.schemas import Hit
from service.store.conversations import Topic, Turn

# 纪律处分条例第八条 (the list shown) and 党章第四十一条 (the sentence stating the property)
DISCIPLINE_8 = (
    "第八条 对党员的纪律处分种类：\n\n（一）警告；\n\n（二）严重警告；\n\n（三）撤销党内职务；\n\n（四）留党察看；\n\n"
    "（五）开除党籍。"
)
CONSTITUTION_41 = (
    "第四十一条 对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。\n\n"
    "留党察看最长不超过两年。党员在留党察看期间没有表决权、选举权和被选举权。\n\n"
    "开除党籍是党内的最高处分。"
)
# 纪律处分条例第二十四条: a member and a superlative in different clauses (what h4-304 was answered with)
DISCIPLINE_24 = (
    "一人有本条例规定的两种以上应当受到党纪处分的违纪行为，应当合并处理，按其数种违纪行为中应当受到的最高处分加重一档"
    "给予处分；其中一种违纪行为应当受到开除党籍处分的，应当给予开除党籍处分。"
)
# 党章第四十条 and 准则 四 第3段 (another list, another document stating the property)
CONSTITUTION_40 = "党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。"
POLITICAL_LIFE = "政治纪律是党最根本、最重要的纪律，遵守党的政治纪律是遵守党的全部纪律的基础。"
SANCTIONS_MEMBERS = ["警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"]


def _article(n: int, text: str, doc_id: str = "cpc-discipline") -> Hit:
    return Hit(
        doc_id=doc_id, title="中国共产党纪律处分条例", chunk_id=f"{doc_id}#a{n}", locator=f"第{n}条", article_no=n,
        text=text, score=1.0, doc_type="party_regulation",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("follow_up", "superlative"),
    [
        ("那其中最高的是哪一种？", "最高"),  # h4-304
        ("哪一项最重", "最重"),
        ("最轻的处分是什么", "最轻"),
        ("那最重的呢", "最重"),
        ("其中哪个最严厉", "最严厉"),
        ("这几种里最轻的是哪种", "最轻"),
        ("其中最重要的是哪一种", "最重要"),
        ("哪种处分最轻？", "最轻"),
        ("最高是哪一种", "最高"),
        ("那最后的是哪个阶段", "最后"),
    ],
)
def test_a_pick_by_a_property(follow_up: str, superlative: str) -> None:
    picked = property_pick(follow_up)
    assert picked is not None and picked[0] == superlative


@pytest.mark.parametrize(
    "question",
    # a bound or a quantity asked of its own, or an ordinal pick: no property pick
    [
        "最长多久",
        "最长的期限是多少",
        "其中第三项是什么",
        "最后一种是什么",
        "留党察看最长几年",
        "最多能延长几次",
    ],
)
def test_no_pick_by_a_property(question: str) -> None:
    assert property_pick(question) is None


@pytest.mark.parametrize(
    ("previous", "follow_up", "question", "focus"),
    [
        ("党的纪律处分有哪几种？", "那其中最高的是哪一种？", "党的纪律处分中最高的是哪一种？", "最高"),
        # traditional script
        ("黨的紀律處分有哪幾種？", "那其中最重的是哪一種？", "党的纪律处分中最重的是哪一种？", "最重"),
        ("党的纪律有哪些？", "哪一种最重要", "党的纪律中哪一种最重要", "最重要"),
    ],
)
def test_a_property_pick_resolves_to_rule_property(
    previous: str, follow_up: str, question: str, focus: str
) -> None:
    res = resolve(follow_up, [Turn(previous, previous, Topic())])
    assert (res.rule, res.question, res.focus) == ("property", question, focus)


def test_the_members_of_the_list_shown() -> None:
    assert list_members([_article(8, DISCIPLINE_8)]) == SANCTIONS_MEMBERS
    assert list_members([_article(41, CONSTITUTION_41)]) == SANCTIONS_MEMBERS
    assert list_members([_article(40, CONSTITUTION_40)])[0] == "政治纪律"
    assert list_members([_article(24, DISCIPLINE_24)]) == []


@pytest.mark.parametrize(
    ("member", "superlative", "text", "expected"),
    [
        ("开除党籍", "最高", CONSTITUTION_41, True),  # h4-304
        ("开除党籍", "最重", CONSTITUTION_41, True),  # the same place in the order, said otherwise
        ("开除党籍", "最严厉", CONSTITUTION_41, True),
        ("留党察看", "最长", CONSTITUTION_41, False),  # a bound said of the member, no comparison
        ("开除党籍", "最高", DISCIPLINE_24, False),  # member and superlative in different clauses
        ("警告", "最高", CONSTITUTION_41, False),
        ("政治纪律", "最重要", POLITICAL_LIFE, True),
        ("政治纪律", "最根本", POLITICAL_LIFE, True),
        ("组织纪律", "最重要", POLITICAL_LIFE, False),
        ("开除党籍", "最高", "党内最高的处分是开除党籍。", True),
        ("开除党籍", "最重", "最重的是开除党籍。", True),
        ("开除党籍", "最高", "開除黨籍是黨內的最高處分。", True),  # traditional script
    ],
)
def test_a_sentence_states_the_property_of_a_member(
    member: str, superlative: str, text: str, expected: bool
) -> None:
    assert states_property(member, superlative, text, SANCTIONS_MEMBERS) is expected


def test_a_longer_member_is_not_the_shorter() -> None:
    # 严重警告 stands where 警告 is found: it states nothing of 警告
    assert not states_property("警告", "最轻", "严重警告是最轻的一种。", SANCTIONS_MEMBERS)
    assert states_property("警告", "最轻", "警告是最轻的一种。", SANCTIONS_MEMBERS)


def test_superlatives_of_one_family() -> None:
    assert "最重" in superlative_forms("最高") and "最轻" in superlative_forms("最低")
    assert superlative_forms("最大") == ("最大",)


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # h4-208: a ratio is the rate asked
        ("专职辅导员按什么比例配？", "专职辅导员岗位按照师生比不低于 1:200 的比例设置。", True),
        ("思政课教师按什么比例核定", "专职思想政治理论课教师岗位按照师生比不低于 1∶350 的比例核定。", True),
        ("辅导员的配备比例是多少", "专职辅导员岗位按照师生比不低于1：200的比例设置。", True),
        # a rate question needs a rate: a count is none
        ("专职辅导员按什么比例配？", "每个院（系）至少配备1至2名专职组织员。", False),
        ("党费按什么比例交", "党员应当按月交纳党费。", False),
    ],
)
def test_a_ratio_answers_a_rate_question(question: str, text: str, expected: bool) -> None:
    assert number_answers(question, text) is expected


@pytest.mark.parametrize(
    ("previous", "follow_up", "question"),
    [
        # probe4 h4-167: whom the penalties are for changes, 纪律处分 stays
        ("对党员的纪律处分有哪几种？", "那对违纪的党组织呢？", "对违纪的党组织的纪律处分有哪几种？"),
        ("对党员的纪律处分有哪几种？", "對黨組織呢？", "对党组织的纪律处分有哪几种？"),
        ("对党的领导干部的问责方式有哪些", "那对党组织呢", "对党组织的问责方式有哪些"),
        ("关于党员的权利有什么规定", "那关于预备党员呢", "关于预备党员的权利有什么规定"),
    ],
)
def test_a_swap_of_whom_a_provision_is_for_keeps_its_head(
    previous: str, follow_up: str, question: str
) -> None:
    res = resolve(follow_up, [Turn(previous, previous, Topic())])
    assert (res.rule, res.question) == ("swap", question)


def test_a_ratio_of_something_else_does_not_answer() -> None:
    # member set mem-327 (unanswerable): the knowledge base has no 党旗 proportions; 辅导员's 1:200 is no answer
    text = "专职辅导员岗位按照师生比不低于 1:200 的比例设置，专职思想政治理论课教师岗位按照师生比不低于 1:350 的比例核定。"
    assert not number_answers("党旗的长和宽比例是多少？", text)
