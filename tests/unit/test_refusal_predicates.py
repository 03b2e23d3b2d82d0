"""Traps answered from a near passage (issue 11, item 5): the evidence shares the topic but does not hold what is
asked. One rule per kind, each with the examples of the issue, variants of our own and near misses that must stay
answered:

1. an attribute asked by its kind of value (什么颜色, 星期几, 几点, 多大的纸, 穿什么) needs a value of that kind
   (``attributes.unstated_attribute``);
2. a rule for one case does not answer the contrasting case (临时出国 ≠ 出国定居: ``cases.other_case``);
3. the number must be stated for the predicate asked (年满十八岁 is the age of 入党, not of an exemption from 组织生活:
   ``predicates``), in the unit the measure noun names (年龄上限 → 岁), and a reported figure (平均年龄由46岁下降至40岁)
   is no limit;
4. a local event is refused even when the answerer quoted an article for it.
"""

from __future__ import annotations

import pytest

from service.rag.refusal import (
    asked_predicate,
    asked_unit,
    assess,
    number_answers,
    other_case,
    refusal_message,
    states_predicate,
    unstated_attribute,
)
from service.schemas import Hit
from service.text.normalize import normalize_for_match

CONSTITUTION_1 = (
    "年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织并在其中"
    "积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。"
)
CONSTITUTION_5 = (
    "申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准，并且经过预备期的考察，"
    "才能成为正式党员。"
)
CONSTITUTION_8 = "每个党员，不论职务高低，都必须编入党的一个支部、小组或其他特定组织，参加党的组织生活，接受党内外群众的监督。"
CONSTITUTION_27 = "这些委员会的委员和候补委员必须有五年以上的党龄。"
CONSTITUTION_54 = "中国共产党党旗为旗面缀有金黄色党徽图案的红旗。"
DISCIPLINE_13 = (
    "党员受到开除党籍处分，五年内不得重新入党，也不得推荐担任与其原任职务相当或者高于其原任职务的党外职务。"
)
DISCIPLINE_148 = (
    "驻外机构或者临时出国（境）团（组）中的党员，触犯驻在国家、地区的法律、法令或者不尊重驻在国家、地区的宗教习俗，"
    "情节较重的，给予警告或者严重警告处分；情节严重的，给予撤销党内职务、留党察看或者开除党籍处分。"
)
BRANCH_11 = "党支部党员大会是党支部的议事决策机构，由全体党员参加，一般每季度召开 1 次。"
BRANCH_20 = (
    "有正式党员 7 人以上的党支部，应当设立党支部委员会。党支部委员会由 3 至 5 人组成，一般不超过 7 人。"
)
BRANCH_23 = (
    "党支部书记应当具备良好政治素质，热爱党的工作，在党员、群众中有较高威信，一般应当具有1 年以上党龄。"
)
RECRUITMENT_13 = "对经过一年以上培养教育和考察、基本具备党员条件的入党积极分子，支部委员会讨论同意并报上级党委备案后，可列为发展对象。"
RECRUITMENT_30 = "预备党员必须面向党旗进行入党宣誓。入党宣誓仪式，一般由基层党委或党支部（党总支）组织进行。"
GRASSROOTS_REPORT = "村党组织书记平均年龄由换届前的46岁下降至40岁,高中及以上学历占比由56%提高至98%,实现了年龄、学历‘一降一升’。"
PETITION_15 = "乡镇党委和政府、街道党工委和办事处以及村（社区）“两委”应当全面发挥职能作用，积极协调处理化解发生在当地的信访事项。"

KB = "入党 组织生活 党小组 选举权 党支部书记 党支部委员会 入党积极分子 发展对象 村党组织书记"


def _known(phrase: str) -> bool:
    return phrase in KB


def _hit(title: str, locator: str, text: str, dense: float = 0.9) -> Hit:
    return Hit(doc_id="d", title=title, chunk_id=f"d#{locator}", locator=locator, text=text, score=1.0,
               scores={"dense": dense})  # fmt: skip


# -- 1. an attribute asked by its kind of value --------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "evidence", "attribute"),
    [
        ("入党志愿书要用什么颜色的笔填写", CONSTITUTION_5, "颜色"),  # the example (ho3-191)
        ("入党宣誓时要穿什么颜色的衣服", RECRUITMENT_30, "颜色"),
        ("入党宣誓仪式要在什么颜色的背景前举行", RECRUITMENT_30, "颜色"),
        ("思想汇报用黑笔还是蓝笔写", CONSTITUTION_5, "颜色"),
        ("思想汇报要用什么笔写", CONSTITUTION_5, "用笔"),
        ("支部党员大会一般安排在星期几开", BRANCH_11, "星期"),
        ("民主生活会一般在星期几召开", BRANCH_11, "星期"),
        ("党课一般几点开始上", BRANCH_11, "钟点"),
        ("党员大会上午开还是下午开", BRANCH_11, "钟点"),
        ("入党申请书要用多大的纸写", RECRUITMENT_13, "纸张尺寸"),
        ("参加入党宣誓要穿什么服装", RECRUITMENT_30, "着装"),
        ("入党宣誓的时候举右手还是左手", RECRUITMENT_30, "手势"),
        ("入党宣誓时右手要举多高", RECRUITMENT_30, "手势"),
        ("党的全国代表大会在哪里召开", "党的全国代表大会每五年举行一次，由中央委员会召集。", "地点"),
    ],
)
def test_an_attribute_needs_a_value_of_its_kind(question: str, evidence: str, attribute: str) -> None:
    assert unstated_attribute(question, evidence) == attribute


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("党旗是什么颜色的", CONSTITUTION_54),  # 金黄色, 红旗 are colours
        ("入党志愿书由谁填写", CONSTITUTION_5),  # asks who, no attribute
        ("申请入党的人要填写什么", CONSTITUTION_5),
        ("党支部党员大会多久开一次", BRANCH_11),
        ("支部书记要具备什么条件", BRANCH_23),
        # mem-055: 举手 is a way to vote, no gesture asked
        ("党内选举是举手还是投票？", "党内选举必须体现选举人意志。"),
        # dev-131: a place stated as 在……前
        ("国家在哪里举行纪念仪式", "国家在首都北京天安门广场人民英雄纪念碑前举行纪念仪式，缅怀英雄烈士。"),
        # reg-107: where a thing is kept is no venue asked
        ("转正后入党材料放哪里？", "交党委存入本人人事档案。"),
    ],
)
def test_no_attribute_asked_or_its_value_stated(question: str, evidence: str) -> None:
    assert unstated_attribute(question, evidence) is None


# -- 2. another case of the same topic -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "evidence", "case"),
    [
        ("党员出国定居以后党籍怎么处理？", DISCIPLINE_148, "定居"),  # the example (ho3-199)
        ("党员在国外定居了组织关系怎么办", DISCIPLINE_148, "定居"),
        ("党员长期出国期间违纪怎么处理", DISCIPLINE_148, "长期"),  # the evidence states 临时 only
        ("党员移居国外后还要交党费吗", CONSTITUTION_8, "移居"),  # a settled status no passage names
        (
            "党员去世后党费怎么处理",
            "对违纪后下落不明的党员，应当区别情况作出处理。",
            "去世",
        ),  # a death, likewise
    ],
)
def test_a_rule_for_another_case_does_not_answer(question: str, evidence: str, case: str) -> None:
    assert other_case(question, evidence) == case


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("党员临时出国期间违纪怎么处理", DISCIPLINE_148),  # the task's near miss
        ("驻外机构的党员触犯驻在国法律怎么处理", DISCIPLINE_148),
        ("党员长期不参加组织生活怎么办", CONSTITUTION_8),  # 长期 as an adverb, no contrasting case stated
        ("临时出国和长期出国的党员管理有什么不同", DISCIPLINE_148),  # both sides asked
        (
            "被调查人死亡的案件怎么处理",
            "被调查人死亡的，应当终止审查调查。",
        ),  # the status named by the evidence
    ],
)
def test_the_same_case_or_no_case_stays_answered(question: str, evidence: str) -> None:
    assert other_case(question, evidence) is None


def test_the_other_case_refusal_names_the_asked_case() -> None:
    assert refusal_message("other_case", "定居").startswith("知识库中没有找到关于“定居”这种情形的规定")


# -- 3. the predicate and the unit a number is asked for ---------------------------------------------------
def test_the_predicate_a_quantity_is_asked_for() -> None:
    exemption = asked_predicate("党员年满多少岁可以不参加组织生活？")
    assert exemption is not None
    assert exemption.terms == ("参加", "组织生活") and exemption.nouns == ("组织生活",) and exemption.negated
    standing = asked_predicate("党龄满多少年才有选举权")
    assert standing is not None and standing.nouns == ("选举权",) and not standing.negated
    ban = asked_predicate("党员被开除党籍后几年内不得重新入党")
    assert ban is not None and ban.negated
    dismissal = asked_predicate("党员大会要有多少人签名才能罢免支部书记")
    assert (
        dismissal is not None and dismissal.nouns == ("支部书记",) and not dismissal.negated
    )  # 罢免 ends in 免
    assert asked_predicate("村党支部委员会每届任期几年") is None  # no predicate after the question word
    assert asked_predicate("多长时间内得给我办完") is None  # verbs only: paraphrased too freely (办结)


def test_a_sentence_states_the_predicate_or_not() -> None:
    exemption = asked_predicate("党员年满多少岁可以不参加组织生活？")
    assert exemption is not None
    assert not states_predicate(
        exemption, normalize_for_match(CONSTITUTION_1)
    )  # 参加党的一个组织, no 组织生活
    joining = asked_predicate("要满多少岁才能入党")
    assert joining is not None and states_predicate(joining, normalize_for_match(CONSTITUTION_1))


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        (
            "党员年满多少岁可以不参加组织生活？",
            f"{CONSTITUTION_1}\n{CONSTITUTION_8}",
        ),  # the example (ho3-204)
        ("党员年满多少岁可以退党", CONSTITUTION_1),
        ("党员满多少岁就不用交党费了", CONSTITUTION_1),
        ("党员年满多少岁可以不参加民主评议", CONSTITUTION_1),
        ("党龄满多少年可以不参加党小组会", CONSTITUTION_27),
        ("党龄满多少年才有选举权", CONSTITUTION_27),
        # the measure noun names the unit: 7 人 and 1 年 are no age (ho3-205 and a variant) ...
        ("村党支部书记的年龄上限是多少岁", f"{BRANCH_23}\n{GRASSROOTS_REPORT}"),
        ("党支部委员的年龄上限是多少", BRANCH_20),
        ("入党介绍人的年龄下限是多少", CONSTITUTION_5),
        # a predicate after what the number is of ("多少年党龄可以", "多少岁以上的党员可以")
        ("党员满多少年党龄可以获得纪念章", f"{CONSTITUTION_27}\n{BRANCH_23}"),
        ("多少岁以上的党员可以不参加组织生活", CONSTITUTION_1),
        # a standing (党龄) is measured by a number of it: 一年以上培养教育 is no 党龄
        ("入党积极分子的培养联系人要有几年党龄", RECRUITMENT_13),
    ],
)
def test_a_number_of_another_predicate_or_unit_does_not_answer(question: str, shown: str) -> None:
    assert not number_answers(question, shown, _known)


def test_a_reported_figure_is_no_limit_but_answers_a_statistic() -> None:
    assert not number_answers("村党组织书记的年龄上限是多少岁", GRASSROOTS_REPORT, _known)
    assert number_answers("村党组织书记平均年龄降到了多少岁", GRASSROOTS_REPORT, _known)


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("入党年龄要求是多少", CONSTITUTION_1),  # the task's near miss: 年龄 … 多少 asks in 岁
        ("要满多少岁才能入党", CONSTITUTION_1),  # the predicate 入党 is stated (加入中国共产党)
        ("年满多少岁可以申请入党？", CONSTITUTION_1),  # 申请入党 as 申请 + 加入中国共产党
        ("入党要年满多少岁", CONSTITUTION_1),
        ("党员被开除党籍后几年内不得重新入党", DISCIPLINE_13),  # a ban asked, a ban stated
        ("入党积极分子要培养多久才能成为发展对象", RECRUITMENT_13),  # 成为 → 列为: verbs may be paraphrased
        ("支部书记一般要有几年党龄", BRANCH_23),
        (
            "村党支部委员会每届任期几年",
            "村、社区党支部委员会每届任期 5 年，其他基层单位党支部委员会一般每届任期 3 年。",
        ),
        ("正式党员多少人以上要设立党支部委员会", BRANCH_20),
        ("党的地方委员会委员必须有几年以上党龄", CONSTITUTION_27),  # 五年以上的党龄
        ("支部书记的党龄要求是多少", BRANCH_23),  # 1 年以上党龄
    ],
)
def test_the_number_of_the_asked_predicate_answers(question: str, shown: str) -> None:
    assert number_answers(question, shown, _known)


def test_the_unit_of_a_measure_noun_with_a_limit_word() -> None:
    assert asked_unit("入党年龄要求是多少") == "岁"
    assert asked_unit("村党支部书记的年龄上限是多少") == "岁"
    assert asked_unit("支部书记的党龄要求是多少") == "年"
    assert asked_unit("党支部委员会每届任期几年") == "年"


# -- 4. a local event, whatever was quoted for it -----------------------------------------------------------
def test_a_local_event_is_refused_before_the_article_shortcut() -> None:
    hits = [_hit("信访工作条例", "第十五条", PETITION_15)]
    decision = assess("今年我们村“两委”换届选举定在哪天投票", "article", hits, PETITION_15, threshold=0.88)
    assert decision.refuse and decision.reason == "local_event"  # the example (ho3-206)
    # an article asked by number is still quoted, whatever time word the question holds
    asked = assess("今年我想看看信访工作条例第十五条", "article", hits, PETITION_15, threshold=0.88)
    assert not asked.refuse


def test_the_decision_refuses_an_unstated_attribute_and_another_case() -> None:
    recruit = [_hit("中国共产党章程", "第五条", CONSTITUTION_5)]
    colour = assess("入党志愿书要用什么颜色的笔填写", "general", recruit, CONSTITUTION_5, threshold=0.88,
                    best_dense=0.93, shown_text=CONSTITUTION_5)  # fmt: skip
    assert colour.refuse and colour.reason == "unaddressed_practice" and colour.term == "颜色"
    who = assess("入党志愿书由谁填写", "general", recruit, CONSTITUTION_5, threshold=0.88, best_dense=0.93,
                 shown_text=CONSTITUTION_5)  # fmt: skip
    assert not who.refuse
    abroad = [_hit("中国共产党纪律处分条例", "第一百四十八条", DISCIPLINE_148)]
    settled = assess("党员出国定居以后党籍怎么处理？", "general", abroad, DISCIPLINE_148, threshold=0.88,
                     best_dense=0.93, shown_text=DISCIPLINE_148)  # fmt: skip
    assert settled.refuse and settled.reason == "other_case" and settled.term == "定居"
    temporary = assess("党员临时出国期间违纪怎么处理", "general", abroad, DISCIPLINE_148, threshold=0.88,
                       best_dense=0.93, shown_text=DISCIPLINE_148)  # fmt: skip
    assert not temporary.refuse


def test_every_asked_attribute_has_its_value_forms() -> None:
    """``attributes`` looks up the value forms of each attribute ``shapes.ATTRIBUTE_ASKS`` recognises: a key missing
    from ``_VALUE_FORMS`` would raise KeyError on the first question asking it."""
    from service.rag.refusal import attributes, shapes

    assert set(shapes.ATTRIBUTE_ASKS) == set(attributes._VALUE_FORMS)
