"""The subject of a list question, the body a list's intro gives its powers to, and a kinds question whose
term carries a qualifier (holdout6: h6-265, h6-284; issue 11, item 3). Pure functions of ``rag/extract.py``."""

from __future__ import annotations

import pytest

from service.rag.authority import on_sector, scoped_rank
from service.rag.extract import (
    ContentAsk,
    ask_start,
    asked_pair,
    content_ask,
    fits_list_ask,
    joins_pair,
    kinds_ask,
    list_intros,
    other_body,
)
from service.text.normalize import normalize_for_match


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("中央纪委常委会有哪些职权？", "中央纪委常委会"),  # the 会 of 常委会 is no ask
        ("中央纪委全体会议有哪些职权？", "中央纪委全体会议"),  # nor the 会 of 会议
        ("党的全国代表大会有哪些职权？", "党的全国代表大会"),
        ("违犯党纪的党组织会受到哪些处理", "违犯党纪的党组织"),  # a real 会 still starts the ask
    ],
)
def test_ask_start_skips_words_of_the_subject(question: str, subject: str) -> None:
    at = ask_start(question)
    assert at is not None
    assert normalize_for_match(question)[:at] == subject


@pytest.mark.parametrize(
    ("question", "head", "other"),
    [
        # 纪律检查委员会工作条例第十二条 is the standing committee's list, 第十条 the plenary session's
        (
            "中央纪委全体会议有哪些职权？",
            "中央纪律检查委员会常务委员会贯彻落实党中央决策部署,在全体会议闭会期间,行使中央纪律检查委员会职权,主要包括:",
            True,
        ),
        ("中央纪委全体会议有哪些职权？", "党的中央纪律检查委员会通过召开全体会议的方式行使以下职权:", False),
        ("全国人大有哪些职权？", "全国人民代表大会常务委员会行使下列职权:", True),
        ("全国人大常委会有哪些职权？", "全国人民代表大会常务委员会行使下列职权:", False),
        ("中央纪委常委会有哪些职权？", "中央纪律检查委员会常务委员会贯彻落实党中央决策部署,主要包括:", False),
        # a question about the recess itself is answered by who acts then
        (
            "中央委员会闭会期间谁行使职权？",
            "在中央委员会全体会议闭会期间,中央政治局和它的常务委员会行使中央委员会的职权",
            False,
        ),
    ],
)
def test_other_body(question: str, head: str, other: bool) -> None:
    assert other_body(question, normalize_for_match(head)) is other


def test_kinds_ask_drops_the_qualifier() -> None:
    question = "公职人员政务处分有哪几种？"
    ask = content_ask(question)
    assert ask is not None
    assert kinds_ask(question, ask) == ContentAsk("政务处分的种类", subject="政务处分", head="种类")


@pytest.mark.parametrize("question", ["政务处分有哪几种？", "党员有哪几项义务？", "四个意识是哪四个？"])
def test_kinds_ask_only_for_qualified_kinds(question: str) -> None:
    ask = content_ask(question)
    assert ask is not None
    assert kinds_ask(question, ask) is None


_ARTICLE = (
    "第七条　领导干部在政治表现、履行职责等方面，存在以下情形之一且问题严重的，应当受到组织处理：\n\n"
    "（一）在重大原则问题上不同党中央保持一致；\n\n（二）理想信念动摇。\n"
)


def test_list_intros() -> None:
    intros = list_intros(_ARTICLE)
    assert len(intros) == 1 and intros[0].endswith("应当受到组织处理:")
    assert list_intros("第六条　党委（党组）按照干部管理权限履行组织处理职责。") == []


@pytest.mark.parametrize(
    ("question", "fits"),
    [
        ("组织处理规定列了多少种应当组织处理的情形？", True),  # h6-204
        ("组织处理规定里应当受到组织处理的情形有哪些？", True),
        ("组织处理规定的程序有哪些？", False),  # 程序 is in no intro of this article
    ],
)
def test_fits_list_ask(question: str, fits: bool) -> None:
    assert fits_list_ask(question, _ARTICLE) is fits


def test_relation_pair() -> None:
    pair = asked_pair("紀委和監委是什麼關係？")  # h6-181
    assert pair == (("纪委", "纪律检查委员会"), ("监委", "监察委员会"))
    assert asked_pair("党员的义务有哪些？") is None
    merged = "党的中央纪律检查委员会与国家监察委员会合署办公,实行一套工作机构、两个机关名称。"
    assert joins_pair(pair, merged)
    # the pair named as the owner of something else, or each on its own, says nothing of how they relate
    assert not joins_pair(pair, "党委应当定期听取、审议同级纪律检查委员会和监察委员会的工作报告")
    assert not joins_pair(
        pair, "中央纪委和地方各级纪委贯彻党中央关于国家监察工作的决策部署,审议决定监委依法履职中的重要事项"
    )


_UNIVERSITY = {
    "doc_id": "cpc-university-orgs-2021",
    "title": "中国共产党普通高等学校基层组织工作条例",
    "doc_type": "regulation",
}
_CHARTER = {"doc_id": "cpc-constitution-2017", "title": "中国共产党章程", "doc_type": "regulation"}


def test_the_asked_sector_rule_leads_the_general_one() -> None:
    # h6-175: a question naming the sector (院系, 高校) is answered by the sector's rule before the 党章's general one
    asked = "院系党支部委员会每届任期几年？"
    assert on_sector(_UNIVERSITY["title"], asked)
    assert scoped_rank(_UNIVERSITY, asked) < scoped_rank(_CHARTER, asked)
    # a question naming no sector keeps the general rule first
    general = "党支部委员会每届任期几年？"
    assert not on_sector(_UNIVERSITY["title"], general)
    assert scoped_rank(_CHARTER, general) < scoped_rank(_UNIVERSITY, general)


def test_a_passage_naming_the_asked_sector_is_on_sector() -> None:
    # holdout4, h4-113: 支部工作条例第十条（四） "高校中的党支部……" speaks of the sector in its own words
    question = "高校里的党支部重点抓什么？"
    branch = {
        "doc_id": "cpc-branch-work-2018",
        "title": "中国共产党支部工作条例（试行）",
        "doc_type": "regulation",
    }
    item = "（四）高校中的党支部，保证监督党的教育方针贯彻落实"
    assert on_sector(branch["title"], question, item)
    assert not on_sector(branch["title"], question, "村、社区党支部委员会每届任期 5 年")
    assert scoped_rank({**branch, "text": item}, question) == scoped_rank(_UNIVERSITY, question)
    # member set, mem-525: one character (村) does not make 村民委员会组织法 the rule of a 居委会 question's sector
    villagers = "中华人民共和国村民委员会组织法"
    assert not on_sector(
        villagers, "村民委员会居委会由几个人组成？", "村民委员会由主任、副主任和委员共三至七人组成。"
    )


def test_ask_start_other_words_still_cut() -> None:
    # holdout3, ho3-040: jieba's 人要 must not hide the ask 要 of "入党介绍人要做哪几件事"
    at = ask_start("入党介绍人要做哪几件事")
    assert at is not None and "入党介绍人要做哪几件事"[:at] == "入党介绍人"
