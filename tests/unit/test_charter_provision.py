"""The 党章 provision leads where it holds the rule (issue 11, items 3 and 4; holdout5 h5-002, h5-054, h5-057,
h5-261).

Four kinds of fault, each with the holdout5 example and paraphrases written for this test (other documents,
other wordings, traditional script):

1. a position named in the question (开头, 第一句, 第一段, 最后一条) is read from that place of the named document;
2. a question that names the 党章 by its short name is answered from it (``extract.named_titles``);
3. a question that names no sector is answered by the general rule, not by a sector's rule (高校 …) that says as
   much (``authority.off_sector`` in ``extract._general_rule``);
4. a why-question is answered by the sentence that gives the reason or purpose (``reason``).
"""

from __future__ import annotations

import pytest
from fakes import article_hit

from service.rag.authority import foreign_subject, off_sector
from service.rag.extract import extract, named_titles
from service.rag.position import Position, asked_position, document_named, unit_at
from service.rag.reason import REASON_BONUS, asks_why, gives_reason, reason_bonus
from service.schemas import Chunk

CONSTITUTION = ("cpc-constitution-2017", "中国共产党章程")
DISCIPLINE = ("cpc-discipline-2023", "中国共产党纪律处分条例")
UNIVERSITY = ("cpc-university-orgs-2021", "中国共产党普通高等学校基层组织工作条例")
POLITICAL_LIFE = ("cpc-political-life-2016", "关于新形势下党内政治生活的若干准则")

DOCUMENTS = [
    {"doc_id": "cpc-constitution-2017", "title": "中国共产党章程", "aliases": ["党章"]},
    {"doc_id": "cpc-discipline-2023", "title": "中国共产党纪律处分条例", "aliases": ["纪律处分条例"]},
    {"doc_id": "cpc-integrity-2015", "title": "中国共产党廉洁自律准则", "aliases": []},
    {"doc_id": "constitution", "title": "中华人民共和国宪法", "aliases": []},
    {"doc_id": "cpc-branch-work-2018", "title": "中国共产党支部工作条例（试行）", "aliases": []},
]


# --- 1. positions ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "position"),
    [
        ("党章开头第一句讲党的性质，是怎么说的？", Position("first", True)),  # holdout5 h5-002
        ("黨章第一段說的是什麼？", Position("first", False)),
        ("廉洁自律准则开篇讲了什么", Position("first", False)),
        ("宪法序言的首句是什么", Position("first", True)),
        ("党章的最后一条是怎么规定的？", Position("last", False)),
        ("纪律处分条例结尾说了什么", Position("last", False)),
    ],
)
def test_a_position_in_a_document_is_read(question: str, position: Position) -> None:
    assert asked_position(question) == position


@pytest.mark.parametrize(
    "question",
    ["党的性质是什么？", "党章第一条是什么", "从开头到最后一段都讲了什么", "入党要经过哪些环节？"],
)
def test_no_position_or_both_ends_name_none(question: str) -> None:
    assert asked_position(question) is None


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        ("党章开头第一句讲党的性质，是怎么说的？", "cpc-constitution-2017"),
        ("黨章第一段說的是什麼？", "cpc-constitution-2017"),
        ("廉洁自律准则开篇讲了什么", "cpc-integrity-2015"),
        ("宪法序言的首句是什么", "constitution"),
        ("纪律处分条例结尾说了什么", "cpc-discipline-2023"),
        ("支部工作条例最后一条是什么", "cpc-branch-work-2018"),
        ("这份文件开头讲了什么", None),
    ],
)
def test_the_named_document_is_found_by_title_short_title_or_alias(question: str, doc_id: str | None) -> None:
    assert document_named(question, DOCUMENTS) == doc_id


def _chunk(chunk_id: str, locator: str, start: int, text: str, article_no: int | None = None) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id="cpc-constitution-2017",
        title="中国共产党章程",
        text=text,
        locator=locator,
        article_no=article_no,
        char_start=start,
    )


CHUNKS = [
    _chunk("cpc-constitution-2017#a55", "第五十五条", 900, "第五十五条 中国共产党的党徽党旗是中国共产党的象征和标志。", 55),
    _chunk("cpc-constitution-2017#notes", "题注", 0, "（中国共产党第十九次全国代表大会部分修改，2017年10月24日通过）"),
    _chunk("cpc-constitution-2017#pre2", "总纲·第2段", 200, "中国共产党以马克思列宁主义……作为自己的行动指南。"),
    _chunk(
        "cpc-constitution-2017#pre1", "总纲·第1段", 40,
        "中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队，是中国特色社会主义事业的领导核心。",
    ),
]  # fmt: skip


def test_the_first_unit_is_the_body_not_the_title_note() -> None:
    first = unit_at(CHUNKS, Position("first", True))
    assert [c.chunk_id for c in first] == ["cpc-constitution-2017#pre1"]
    assert "中国工人阶级的先锋队" in first[0].text


def test_the_last_unit_is_the_last_article() -> None:
    assert [c.chunk_id for c in unit_at(CHUNKS, Position("last", False))] == ["cpc-constitution-2017#a55"]


# --- 2. the 党章 named by its short name ------------------------------------------------------------------------

CONSTITUTION_43 = article_hit(
    CONSTITUTION, 43, "第四十三条",
    "第四十三条 党组织对党员作出处分决定，应当实事求是地查清事实。处分决定所依据的事实材料和处分决定必须同本人见面，"
    "听取本人说明情况和申辩。如果本人对处分决定不服，可以提出申诉，有关党组织必须负责处理或者迅速转递，不得扣压。",
    0.50,
    doc_type="regulation",
)  # fmt: skip
DISCIPLINE_124 = article_hit(
    DISCIPLINE, 124, "第一百二十四条",
    "第一百二十四条 在社会保障、社会救助、政策扶持、救灾救济款物分配等事项中优亲厚友、明显有失公平的，给予警告或者"
    "严重警告处分；情节较重的，给予撤销党内职务或者留党察看处分；情节严重的，给予开除党籍处分。",
    1.0,
)  # fmt: skip


def test_the_short_name_dang_zhang_names_the_constitution() -> None:
    assert named_titles("党章给我什么救济渠道？", {"中国共产党章程", "中国共产党纪律处分条例"}) == {
        "中国共产党章程"
    }
    assert named_titles("黨章怎麼規定申訴", {"中国共产党章程"}) == {"中国共产党章程"}
    assert named_titles("党的章程是什么", {"中国共产党章程"}) == set()


@pytest.mark.parametrize(
    "question",
    [
        "我觉得对我的处分不公平，能申述吗？党章给我什么救济渠道？",  # holdout5 h5-054
        "对处分决定不服，党章规定可以怎么办？",
        "黨章對處分不服的黨員給了什麼救濟？",
    ],
)
def test_a_question_naming_the_dang_zhang_is_answered_from_it(question: str) -> None:
    ex = extract(question, [DISCIPLINE_124, CONSTITUTION_43], max_chars=600)
    assert ex.citations[0].doc_id == "cpc-constitution-2017", ex.answer
    assert "可以提出申诉" in ex.answer


# --- 3. the general rule over a sector's rule ---------------------------------------------------------------------

UNIVERSITY_16 = article_hit(
    UNIVERSITY, 16, "第十六条",
    "第十六条 高校纪委是高校党内监督专责机关，履行监督执纪问责职责。主要任务是：\n"
    "（一）维护党章和其他党内法规，检查党的路线方针政策和决议的执行情况。\n"
    "（二）经常对党员进行遵守纪律的教育，作出关于维护党纪的决定。",
    0.9,
)  # fmt: skip
CONSTITUTION_46 = article_hit(
    CONSTITUTION, 46, "第四十六条",
    "第四十六条 党的各级纪律检查委员会的职责是监督、执纪、问责，要经常对党员进行遵守纪律的教育，作出关于维护党纪的决定；"
    "对党的组织和党员领导干部履行职责、行使权力进行监督，受理处置党员群众检举举报，开展谈话提醒、约谈函询。",
    0.6,
    doc_type="regulation",
)  # fmt: skip


def test_a_sector_rule_is_off_sector_only_when_the_question_names_no_sector() -> None:
    assert off_sector(UNIVERSITY_16.title, "纪委的职责用三个词概括是什么？")
    assert not off_sector(UNIVERSITY_16.title, "高校纪委的职责是什么？")
    assert not off_sector(CONSTITUTION_46.title, "纪委的职责用三个词概括是什么？")


@pytest.mark.parametrize(
    "question",
    [
        "纪委的职责用三个词概括是什么？",  # holdout5 h5-057
        "纪律检查委员会的职责是什么？",
        "紀委的職責怎麼概括？",
    ],
)
def test_the_general_rule_leads_over_a_sector_rule(question: str) -> None:
    ex = extract(question, [UNIVERSITY_16, CONSTITUTION_46], max_chars=600)
    assert ex.citations[0].doc_id == "cpc-constitution-2017", ex.answer
    assert "监督、执纪、问责" in ex.answer


def test_a_question_naming_the_sector_keeps_its_rule() -> None:
    ex = extract("高校纪委的主要任务是什么？", [UNIVERSITY_16, CONSTITUTION_46], max_chars=600)
    assert ex.citations[0].doc_id == "cpc-university-orgs-2021", ex.answer


# --- 4. why-questions ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("爲什麼黨員一定要守紀律？", True),  # holdout5 h5-261
        ("党员为何必须遵守党的纪律", True),
        ("坚持民主集中制有什么意义？", True),
        ("开展批评和自我批评的目的是什么", True),
        ("党的纪律是什么？", False),
        ("什么是民主集中制", False),
    ],
)
def test_why_questions_are_recognised(question: str, why: bool) -> None:
    assert asks_why(question) is why


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "党的纪律是党的各级组织和全体党员必须遵守的行为规则，是维护党的团结统一、完成党的任务的保证。",
            True,
        ),
        ("为了维护党章和其他党内法规，严肃党的纪律，制定本条例。", True),
        ("党的各级纪律检查委员会的职责是监督、执纪、问责。", False),
        ("党员必须遵守党的纪律。", False),
    ],
)
def test_reason_and_purpose_sentences_are_recognised(sentence: str, reason: bool) -> None:
    assert gives_reason(sentence) is reason
    assert reason_bonus(sentence, "为什么要守纪律") == (REASON_BONUS if reason else 0.0)
    assert reason_bonus(sentence, "党的纪律是什么") == 0.0


CONSTITUTION_39 = article_hit(
    CONSTITUTION, 39, "第三十九条",
    "第三十九条 党的纪律是党的各级组织和全体党员必须遵守的行为规则，是维护党的团结统一、完成党的任务的保证。"
    "党组织必须严格执行和维护党的纪律，共产党员必须自觉接受党的纪律的约束。",
    0.64,
    doc_type="regulation",
)  # fmt: skip
CONSTITUTION_46_FULL = CONSTITUTION_46.model_copy(update={"score": 0.7})


@pytest.mark.parametrize(
    "question",
    ["爲什麼黨員一定要守紀律？", "党员为什么必须遵守党的纪律？", "党员为啥要遵守纪律？"],
)
def test_a_why_question_is_answered_by_the_reason(question: str) -> None:
    ex = extract(question, [CONSTITUTION_46_FULL, CONSTITUTION_39], max_chars=600)
    assert ex.citations[0].locator == "第三十九条", ex.answer
    assert "维护党的团结统一、完成党的任务的保证" in ex.answer


# --- 5. a list's rule restated by the 党章 --------------------------------------------------------------------------

DISCIPLINE_9 = article_hit(
    DISCIPLINE, 9, "第九条",
    "第九条 对于违犯党纪的党组织，上级党组织应当责令其作出书面检查或者给予通报批评。对于严重违犯党纪、本身又不能纠正的"
    "党组织，上一级党的委员会在查明核实后，根据情节严重的程度，可以予以：\n（一）改组；\n（二）解散。",
    0.93,
)  # fmt: skip
CONSTITUTION_44 = article_hit(
    CONSTITUTION, 44, "第四十四条",
    "第四十四条 党组织如果在维护党的纪律方面失职，必须问责。\n对于严重违犯党的纪律、本身又不能纠正的党组织，上一级党的"
    "委员会在查明核实后，应根据情节严重的程度，作出进行改组或予以解散的决定，并报再上一级党的委员会审查批准，正式宣布执行。",
    0.39,
    doc_type="regulation",
)  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "一个党组织严重违纪自己又改不了，上级会怎么处理？",  # holdout5 h5-055
        "党组织严重违犯党纪又不能纠正，上一级党委可以怎么办？",
        "黨組織嚴重違紀、本身又不能糾正的，會被怎樣處理？",
    ],
)
def test_the_constitution_states_the_rule_a_lower_list_states(question: str) -> None:
    ex = extract(question, [DISCIPLINE_9, CONSTITUTION_44], max_chars=600)
    assert ex.citations[0].doc_id == "cpc-constitution-2017", ex.answer
    assert "进行改组或予以解散" in ex.answer


def test_a_list_whose_items_the_constitution_does_not_name_keeps_the_lead() -> None:
    partial = CONSTITUTION_44.model_copy(
        update={"text": CONSTITUTION_44.text.replace("进行改组或予以解散的决定", "处理决定")}
    )
    ex = extract(
        "党组织严重违犯党纪又不能纠正，上一级党委可以怎么办？", [DISCIPLINE_9, partial], max_chars=600
    )
    assert ex.citations[0].doc_id == "cpc-discipline-2023", ex.answer


# --- 6. the rule's subject is the one asked about -------------------------------------------------------------------

CONSTITUTION_1 = article_hit(
    CONSTITUTION, 1, "第一条",
    "第一条 年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织"
    "并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。",
    0.80,
    doc_type="regulation",
)  # fmt: skip
CONSTITUTION_36 = article_hit(
    CONSTITUTION, 36, "第三十六条",
    "第三十六条 党的各级领导干部必须信念坚定、为民服务、勤政务实、敢于担当、清正廉洁，模范地履行本章程第三条所规定的党员的"
    "各项义务，并且必须具备以下的基本条件：\n（一）具有履行职责所需要的马克思列宁主义、毛泽东思想、邓小平理论的水平。\n"
    "（二）具有共产主义远大理想和中国特色社会主义坚定信念。",
    0.60,
    doc_type="regulation",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "foreign"),
    [
        ("入黨需要具備哪些條件？", True),  # holdout5 h5-018
        ("申请入党要满足什么条件？", True),
        ("领导干部要具备哪些基本条件？", False),
        ("当干部需要什么条件", False),
    ],
)
def test_a_rule_for_office_holders_is_foreign_to_a_question_naming_none(question: str, foreign: bool) -> None:
    assert foreign_subject(question, CONSTITUTION_36.text.split(" ", 1)[1]) is foreign
    assert not foreign_subject(question, CONSTITUTION_1.text.split(" ", 1)[1])


@pytest.mark.parametrize(
    "question", ["入黨需要具備哪些條件？", "申请入党要满足什么条件？", "想入党得符合哪些条件？"]
)
def test_the_rule_for_the_asked_subject_leads(question: str) -> None:
    # dense similarities as the real embedder gives them: 第一条 is nearer in meaning to the question
    hits = [
        CONSTITUTION_1.model_copy(update={"scores": {"dense": 0.89}}),
        CONSTITUTION_36.model_copy(update={"scores": {"dense": 0.86}}),
    ]
    ex = extract(question, hits, max_chars=800)
    assert ex.citations[0].locator == "第一条", ex.answer
    assert "承认党的纲领和章程" in ex.answer


def test_a_question_on_office_holders_keeps_their_rule() -> None:
    ex = extract("领导干部必须具备哪些基本条件？", [CONSTITUTION_36, CONSTITUTION_1], max_chars=800)
    assert ex.citations[0].locator == "第三十六条", ex.answer


def test_an_office_holder_qualified_by_the_asked_case_is_not_foreign() -> None:
    # regulations set, reg-188: the 党员干部 of the rule are those 被谈话函询, the case the question names
    sentence = "被谈话函询的党员干部应当在民主生活会、组织生活会上就本年度或者上年度谈话函询问题进行说明。"
    assert not foreign_subject("被谈话函询以后，在民主生活会上要不要说明？", sentence)
    assert foreign_subject("入党需要具备哪些条件？", "党员领导干部必须具备以下条件：")


@pytest.mark.parametrize(
    ("question", "sentence", "foreign"),
    [
        # holdout3 ho3-011: 必要 holds no modal 要, and a 委员会 is a body, not an office-holder
        (
            "全国党代会能不能提前开或者推迟？",
            "中央委员会认为有必要，或者有三分之一以上的省一级组织提出要求，全国代表大会可以提前举行。",
            False,
        ),
        # holdout3 ho3-032: the rule for 中央委员会委员 is not the rule for every 党员
        (
            "党员犯了严重错误、触犯刑律的，党章说怎么办",
            "严重触犯刑律的中央委员会委员、候补委员，由中央政治局决定开除其党籍。",
            True,
        ),
        (
            "党委委员严重触犯刑律怎么处理",
            "严重触犯刑律的中央委员会委员、候补委员，由中央政治局决定开除其党籍。",
            False,
        ),
    ],
)
def test_the_subject_is_read_before_the_modal_or_the_acting_body(
    question: str, sentence: str, foreign: bool
) -> None:
    assert foreign_subject(question, sentence) is foreign


def test_an_office_named_by_its_first_word_is_named() -> None:
    # holdout5 h5-172: "当了领导" names the 领导干部 the 准则's rule is for
    sentence = "领导干部必须牢记自己的第一身份是党员，第一职责是为党工作。"
    assert not foreign_subject("当了领导，党员身份还排第一吗？准则怎么说的？", sentence)
    assert foreign_subject("党员身份排第一吗？", sentence)


def test_a_rule_for_everyone_and_the_office_holders_is_not_foreign() -> None:
    sentence = "全体党员、干部特别是高级干部必须增强党的意识，时刻牢记自己第一身份是党员。"
    assert not foreign_subject("党员身份排第一吗？", sentence)


def test_short_forms_of_bodies_and_meetings_have_their_formal_forms() -> None:
    # holdout5 h5-039: "地方党委全会" is 党章第二十七条's "党的地方各级委员会全体会议"
    from service.text import vocabulary

    vocab = vocabulary.load()
    assert "党的地方各级委员会" in vocab.formal_forms("地方党委")
    assert "全体会议" in vocab.formal_forms("全会")
