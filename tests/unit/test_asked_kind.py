"""What a question asks for by a kind noun (service/rag/asked_kind.py), the sentence shapes that state it, the concept
dictionary (service/rag/concepts.py) and the absent-term check's handling of kind nouns (issue 11, items 3 and 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.rag import concepts
from service.rag.asked_kind import AskedKind, asked_kind, kind_tail, states_kind, subject_pattern
from service.rag.extract import ContentAsk, _kind_bonus, defined_term, spell_kind
from service.rag.query_terms import informative_terms
from service.rag.refusal import absent_term
from service.text.normalize import normalize_for_match

KNOWN = ["入党", "宣誓", "誓词", "党旗", "党徽", "批评", "纪委", "纪律检查委员会", "自我批评", "党员"]


def _known(phrase: str) -> bool:
    return phrase in KNOWN


@pytest.mark.parametrize(
    ("question", "kind", "noun", "subject"),
    [
        ("入党时举着右拳念的那些话是什么", "words", "那些话", None),
        ("宣誓词全文", "words", "宣誓词", None),
        ("批评和自我批评讲究一个什么公式", "formula", "公式", None),
        ("纪委在党内是个什么定位", "standing", "定位", "纪委"),
        ("纪委是什么机关", "standing", "机关", "纪委"),
        ("地委是什么性质的组织？", "standing", "性质", "地委"),
        ("党的全国代表大会在党内是什么地位", "standing", "地位", "全国代表大会"),
        ("党旗党徽长什么样", "appearance", "样子", "党旗党徽"),
        ("黨旗是什麼樣子的", "appearance", "样子", "党旗"),
        ("我们党跟外国政党打交道遵循什么原则？", "principle", "原则", None),
        ("监察委员会监察的对象是哪些人？", "object", "对象", None),
        ("纪委政治监督重点监督谁？", "object", "对象", None),
        ("纪委是干什么的", "function", "职责", "纪委"),
        ("党组起什么作用", "function", "职责", "党组"),
        # a "how" ask with the kind noun as its verb (test_paraphrased_asks, (b))
        ("党章是怎么给党的干部定位的？", "standing", "定位", "干部"),
        ("党章怎么给干部定位", "standing", "定位", "干部"),
        ("党章对党的干部是怎样定位的", "standing", "定位", "干部"),
        ("党对干部怎么定位的呢", "standing", "定位", "干部"),
        ("党章如何给纪委定位", "standing", "定位", "纪委"),
        ("黨章是怎麼給黨的幹部定位的", "standing", "定位", "干部"),
    ],
)
def test_the_kind_noun_names_what_is_asked(question: str, kind: str, noun: str, subject: str | None) -> None:
    asked = asked_kind(question)
    assert asked is not None and (asked.kind, asked.noun) == (kind, noun)
    if subject is not None:
        assert asked.subject == subject


@pytest.mark.parametrize(
    "question",
    [
        "党员违反原则要受什么处分",
        "入党介绍人由谁来当",
        "党支部书记由谁来主持会议",
        "预备期多长",
        "怎么处理违反原则的人",
    ],
)
def test_a_mentioned_kind_noun_or_an_agent_asks_for_no_kind(question: str) -> None:
    assert asked_kind(question) is None


@pytest.mark.parametrize(
    ("question", "sentence", "states"),
    [
        (
            "入党时举着右拳念的那些话是什么",
            "誓词如下：我志愿加入中国共产党，拥护党的纲领，遵守党的章程",
            True,
        ),
        ("入党时举着右拳念的那些话是什么", "预备党员必须面向党旗进行入党宣誓。", False),
        (
            "批评和自我批评讲究一个什么公式",
            "坚持“团结——批评——团结”，按照“照镜子、正衣冠、洗洗澡、治治病”的要求",
            True,
        ),
        ("批评和自我批评讲究一个什么公式", "批评和自我批评是我们党强身治病、保持肌体健康的锐利武器。", False),
        (
            "纪委是什么机关",
            "党的各级纪律检查委员会是党内监督专责机关，是党推进全面从严治党……的专门力量。",
            True,
        ),
        (
            "纪委是什么机关",
            "党的中央纪律检查委员会与国家监察委员会合署办公，实行一套工作机构、两个机关名称",
            False,
        ),
        (
            "地委是什么性质的组织？",
            "党的地区委员会和相当于地区委员会的组织，是党的省、自治区委员会……派出的代表机关。",
            True,
        ),
        (
            "地委是什么性质的组织？",
            "党组织应当根据司法机关的生效判决……认定的事实、性质和情节，给予党纪处分。",
            False,
        ),
        (
            "党的全国代表大会在党内是什么地位",
            "（三）党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。",
            True,
        ),
        (
            "党的全国代表大会在党内是什么地位",
            "全党各个组织和全体党员服从党的全国代表大会和中央委员会，核心是全党各个组织",
            False,
        ),
        ("党旗党徽长什么样", "中国共产党党旗为旗面缀有金黄色党徽图案的红旗。", True),
        ("黨旗是什麼樣子的", "中国共产党的党徽党旗是中国共产党的象征和标志。", False),
        (
            "我们党跟外国政党打交道遵循什么原则？",
            "按照独立自主、完全平等、互相尊重、互不干涉内部事务的原则，发展我党同各国共产党和其他政党的关系。",
            True,
        ),
        ("我们党跟外国政党打交道遵循什么原则？", "遵循共商共建共享原则，推进“一带一路”建设。", False),
        (
            "监察委员会监察的对象是哪些人？",
            "依照本法对所有行使公权力的公职人员进行监察，调查职务违法和职务犯罪",
            True,
        ),
        ("监察委员会监察的对象是哪些人？", "监察委员会由下列人员组成：", False),
        (
            "纪委政治监督重点监督谁？",
            "政治监督应当突出“关键少数”，重点加强对“一把手”、同级党委特别是常委会委员的监督。",
            True,
        ),
        ("纪委是干什么的", "党的各级纪律检查委员会是党内监督专责机关，主要任务是：维护党的章程", True),
        (
            "纪委是干什么的",
            "党的地方各级纪律检查委员会在同级党的委员会和上级纪律检查委员会双重领导下进行工作。",
            False,
        ),
    ],
)
def test_the_sentence_of_the_asked_shape_gets_the_kind_bonus(
    question: str, sentence: str, states: bool
) -> None:
    norm = normalize_for_match(sentence)
    bonus = _kind_bonus(norm, question, informative_terms(question), norm)
    assert (bonus > 0) is states, (bonus, sentence)


def test_words_after_an_intro_in_the_same_line_are_the_introduced_text() -> None:
    kind = AskedKind("words", "那些话")
    line = normalize_for_match("誓词如下：我志愿加入中国共产党。拥护党的纲领。")
    assert states_kind(normalize_for_match("拥护党的纲领。"), kind, line)


@pytest.mark.parametrize(
    ("term", "tail"),
    [
        ("入团誓词", ("入团", "誓词")),
        ("宣誓词", ("", "宣誓词")),
        ("那些话", ("", "那些话")),
        ("纪念品", None),
    ],
)
def test_kind_tail_splits_off_the_kind_noun(term: str, tail: tuple[str, str] | None) -> None:
    assert kind_tail(term) == tail


@pytest.mark.parametrize(
    ("question", "defined", "absent"),
    [
        ("入党时举着右拳念的那些话是什么", "入党时举着右拳念的那些话", None),
        ("宣誓词全文", "宣誓词", None),
        ("批评和自我批评讲究一个什么公式", None, None),
        ("黨旗是什麼樣子的", None, None),
        ("入团誓词是什么", "入团誓词", "入团誓词"),
    ],
)
def test_a_kind_noun_is_never_looked_up_only_what_modifies_it(
    question: str, defined: str | None, absent: str | None
) -> None:
    assert absent_term(question, defined, _known) == absent


def test_concepts_give_the_words_that_state_them() -> None:
    assert concepts.statements("党的宗旨") == ("全心全意为人民服务",)
    assert concepts.statements("党的根本宗旨") == ("全心全意为人民服务",)
    assert concepts.statements("党的指导思想") == ("行动指南",)
    assert concepts.statements("入党誓词") == ()


def test_a_stated_concept_spells_out_the_content_question() -> None:
    ask = ContentAsk("党的宗旨")
    assert spell_kind(normalize_for_match("第三，坚持全心全意为人民服务。党除了……利益"), ask) == 0
    assert spell_kind(normalize_for_match("强化党的宗旨教育、革命传统教育"), ask) is None


def test_a_malformed_concepts_row_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "concepts.tsv"
    bad.write_text("# header\n宗旨\t全心全意为人民服务\n指导思想\n", encoding="utf-8")
    with pytest.raises(concepts.ConceptsError, match=r"concepts.tsv:3"):
        concepts.load(bad)


def test_the_rule_word_is_no_adverb() -> None:
    assert defined_term("党的组织原则是什么") == "党的组织原则"
    assert defined_term("最大的政治优势则是什么") == "最大的政治优势"


@pytest.mark.parametrize(
    ("question", "defined", "absent"),
    [
        ("入团宣誓的誓词全文", "入团宣誓的誓词", "入团"),
        ("少先队员入队时念的那些话是什么", "少先队员入队时念的那些话", "少先队员"),
        ("预备党员面对党旗宣读的那段话是什么", "预备党员面对党旗宣读的那段话", None),
    ],
)
def test_whose_text_is_asked_for_is_named_by_the_modifiers_first_word(
    question: str, defined: str, absent: str | None
) -> None:
    known = {*KNOWN, "预备党员"}
    assert absent_term(question, defined, known.__contains__) == absent


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("纪委", "党的各级纪律检查委员会"),
        ("地委", "党的地区委员会"),
        ("国家监委", "中华人民共和国国家监察委员会"),
        ("村委会", "村民委员会"),
        ("我们党", "中国共产党"),
    ],
)
def test_a_subject_is_found_under_its_formal_name_or_the_phrase_it_abbreviates(
    subject: str, text: str
) -> None:
    assert re.search(subject_pattern(subject), text)
