"""Answerable questions the refusal rules refused (issue 11, item 5; a blind set refused 8 % of its answerable
questions): words naming the form of the answer, a quoted word shared by a counted list, short names of held
documents, function characters taken for a typo, a meeting named X会议 where the text says X会, and setting words
jieba joins. Each rule with the traps near it that must stay refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.rag.refusal import absent_term, number_answers, topic_coverage, unknown_document
from service.rag.refusal.coverage import form_word, setting_word, topic_terms
from service.rag.refusal.mention import asked_term, undefined_term
from service.rag.refusal.numbered_terms import counted_quote
from service.rag.spelling import Speller

# ---- 1. words that name the form of the answer ------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["名字", "称呼", "比喻", "比作", "关系", "体制", "说法", "表述", "意思", "简称"]
)
def test_words_naming_the_form_of_the_answer_are_form_words(word: str) -> None:
    assert form_word(word)


@pytest.mark.parametrize("word", ["书记", "党费", "誓词", "党龄", "纪念品", "处分"])
def test_content_words_are_no_form_words(word: str) -> None:
    assert not form_word(word)


def _known(*phrases: str) -> Callable[[str], bool]:
    """``known(phrase)``: whether ``phrase`` occurs in one of ``phrases`` (a knowledge base of those texts)."""
    return lambda p: any(p in x for x in phrases)


@pytest.mark.parametrize(
    "question",
    [
        "石马村的党支部书记叫什么名字？",
        "党内同志之间应该怎么称呼？",
        "吉林那篇文章怎么比喻的？",
        "党建工作和中心工作是什么关系？",
        "公办高校实行的是什么领导体制？",
        "党的基本路线完整的说法是什么？",
        "纪委监委合署办公是什么模式？",
    ],
)
def test_a_form_word_is_never_looked_up_as_absent(question: str) -> None:
    # the knowledge base names the topic (石马村, 同志, 高校 …) but never the form words themselves
    known = _known("石马村党支部书记马景刚", "党内一律称同志", "两个轮子", "党建工作与中心工作", "高校实行党委领导下的校长负责制",
                   "基本路线", "纪委监委合署办公")  # fmt: skip
    assert absent_term(question, None, known) is None


def test_the_thing_asked_for_beside_a_form_word_is_still_looked_up() -> None:
    # 纪念品 and 补办 are what is asked for; the knowledge base names neither
    known = _known("党员", "入党")
    assert absent_term("入党纪念日送什么纪念品？", None, known) == "纪念品"
    assert absent_term("党员证丢了怎么补办？", None, known) == "补办"


def test_form_words_count_only_where_the_evidence_holds_them() -> None:
    evidence = "石马村党支部书记马景刚说，村里党员干部思想跟不上。"
    assert topic_coverage("石马村的党支部书记叫什么名字？", evidence) == pytest.approx(1.0)
    assert topic_coverage("公办高校实行的是什么领导体制？", "高校实行党委领导下的校长负责制。") >= 0.7
    # a topic word the evidence lacks still costs: the 设计者 of the 党徽 is in no text
    assert topic_coverage("党徽的设计者叫什么名字？", "中国共产党党徽为镰刀和锤头组成的图案。") < 0.6
    assert topic_terms("他叫什么名字？") == []  # a form word names no topic


# ---- 2. a quoted word shared by the members of a counted list ---------------------------------------------------


def test_a_quoted_word_after_a_count_asks_for_the_numbered_group() -> None:
    assert asked_term("党员领导干部的廉洁自律规范是哪四个“廉洁”？", "廉洁") == "四个廉洁"
    assert asked_term("纪律处分有哪五种“处分”？", None) == "五种处分"
    assert asked_term("廉洁自律规范是哪几个“廉洁”？", None) is None  # a list of unknown length
    # a quoted term asked on its own is still the term
    assert asked_term("什么是“两个维护”？", None) == "两个维护"


def test_the_count_before_a_quoted_word_is_read_in_any_numeral() -> None:
    assert counted_quote("党员领导干部的廉洁自律规范是哪四个“廉洁”？") == ("四个廉洁", "廉洁", 4)
    assert counted_quote("作风建设要做到哪两个“严”？") == ("两个严", "严", 2)
    assert counted_quote("社会主义核心价值观是哪12个“字”？") == ("12个字", "字", 12)
    assert counted_quote("廉洁自律规范是哪几个“廉洁”？") == ("几个廉洁", "廉洁", 0)


def test_a_list_of_the_counted_members_is_no_mention_only_answer() -> None:
    shown = "廉洁从政，自觉保持人民公仆本色。\n廉洁用权，自觉维护人民根本利益。\n廉洁修身，自觉提升思想道德境界。\n廉洁齐家，自觉带头树立良好家风。"
    assert undefined_term("党员领导干部的廉洁自律规范是哪四个“廉洁”？", shown, shown, _known("廉洁")) is None


def test_a_counted_list_needs_that_many_members_sharing_the_word() -> None:
    # the 准则's preamble names 严禁 nowhere as four members: "哪四个“严禁”" stays refused
    preamble = "必须坚定共产主义理想，必须坚持全心全意为人民服务根本宗旨，必须继承发扬党的优良传统和作风，严禁搞特权。"
    question = "党员领导干部要做到哪四个“严禁”？"
    assert undefined_term(question, preamble, preamble, _known("严禁")) == ("严禁", "mention_only")
    assert undefined_term(question, preamble, preamble, _known()) == ("四个严禁", "not_in_kb")
    one = "廉洁从政，自觉保持人民公仆本色。"
    assert undefined_term("党员领导干部的廉洁自律规范是哪四个“廉洁”？", one, one, _known("廉洁")) == (
        "廉洁",
        "mention_only",
    )


def test_a_quoted_term_asked_to_be_defined_is_still_checked() -> None:
    shown = "坚决维护我国的独立和主权，维护世界和平。"
    assert undefined_term("什么是“两个维护”？", shown, shown, _known("两个维护")) == (
        "两个维护",
        "mention_only",
    )


# ---- 3. short names of held documents ---------------------------------------------------------------------------

_TITLES = [
    "中国共产党章程",
    "中国共产党纪律检查委员会工作条例",
    "中国共产党纪律处分条例",
    "中国共产党问责条例",
    "中国共产党支部工作条例（试行）",
    "中国共产党发展党员工作细则",
    "中国共产党廉洁自律准则",
    "中国共产党普通高等学校基层组织工作条例",
    "中国共产党纪律检查机关监督执纪工作规则",
    "信访工作条例",
    "行政机关公务员处分条例",
]


@pytest.mark.parametrize(
    "question",
    [
        "纪委工作条例对纪检干部离职以后从业有什么限制？",
        "处分条例对收红包怎么处分？",
        "问责条例规定了哪些问责情形？",
        "支部条例规定支部委员会多久开一次会？",
        "发展党员细则里预备期是多长？",
        "《廉洁准则》一共有几条？",
        "纪检条例对纪检干部有什么要求？",
        "《监督执纪工作规则》对谈话有什么要求？",
    ],
)
def test_a_short_name_of_a_held_document_is_held(question: str) -> None:
    assert unknown_document(question, _TITLES) is None


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("党组工作条例规定党组有哪些职责？", "党组工作条例"),
        ("巡视工作条例规定巡视组怎么组成？", "巡视工作条例"),
        ("党员教育管理条例规定党员每年学习多少学时？", "党员教育管理条例"),
        ("党内监督条例怎么规定的？", "党内监督条例"),
        ("农村基层组织工作条例对村党组织有什么要求？", "农村基层组织工作条例"),
        ("《国有企业基层组织工作条例》是哪年印发的？", "国有企业基层组织工作条例"),
    ],
)
def test_a_short_name_that_matches_no_held_title_is_unknown(question: str, name: str) -> None:
    assert unknown_document(question, _TITLES) == name


# ---- 4. plain questions ------------------------------------------------------------------------------------------


def test_postpositions_and_verbs_of_one_character_are_no_typo() -> None:
    corpus = "坚持说明理由。\n" * 40 + "凡是有正式党员三人以上的，都应当成立党的基层组织。\n"
    speller = Speller.build(corpus, {"理由": 0.5, "党员": 0.4, "正式党员": 1.0, "基层组织": 1.0})
    question = "一个单位里有几名正式党员就应该成立党的基层组织？"
    assert speller.correct(question) == question


@pytest.mark.parametrize("term", ["自己", "下来", "起来", "不能自己"])
def test_reflexive_pronouns_and_directional_complements_set_the_scene(term: str) -> None:
    assert setting_word(term)


def test_a_question_in_members_words_is_covered_by_the_article() -> None:
    article = (
        "有关全国性的重大政策问题，只有党中央有权作出决定，各部门、各地方的党组织可以向中央提出建议，"
        "但不得擅自作出决定和对外发表主张。"
    )
    assert topic_coverage("全国性的重大政策，地方党委能不能自己先定下来对外宣布？", article) >= 0.55


def test_a_meeting_named_x_huiyi_is_answered_where_the_text_says_x_hui() -> None:
    shown = "党小组会一般每月召开 1 次，组织党员参加政治学习、谈心谈话、开展批评和自我批评等。"
    assert number_answers("党小组会议多久开一次？", shown)
    assert number_answers("党小组会多久开一次？", shown)
    # another meeting's frequency is still no answer
    assert not number_answers("民主生活会议多久开一次？", shown)
