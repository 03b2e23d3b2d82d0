"""The general rule and the more authoritative document win (issue 11, item 3; holdout4 h4-061, h4-062, h4-108).

Three kinds of fault, each with the holdout4 example and paraphrases written for this test over other wordings,
other documents and traditional script:

1. the *subject* of the question must be what the chosen rule is about: "上级党委" in a question is a level
   named relative to the asker; the text names the body at its own level ("单位基层党委……批复");
2. a question in Party terms (党内, 党员, 党组织 …) is answered by the Party's rules, not by a state law on
   公务员 or 公职人员 that says "执行其中最重的处分"; a question asking for the general rule (一般, 普通) is
   answered by the 党章's rule for any 党员, not by a special case (批准权限和程序规定第三十四条); chapters of
   general rules and their exceptions (一般规定 / 特殊情形) are no stages of a procedure;
3. a superlative asked (最重, 最严厉) is matched by the text's superlative of the same rank (最高).
"""

from __future__ import annotations

import pytest
from fakes import article_hit

from service.rag.authority import asks_general_rule, off_scope, party_scoped
from service.rag.extract import asked_superlatives, extract, stage_outline, superlatives
from service.rag.refusal.quantities import _names_head, number_answers
from service.schemas import Hit

CONSTITUTION = ("cpc-constitution-2017", "中国共产党章程")
DISCIPLINE = ("cpc-discipline-2023", "中国共产党纪律处分条例")
APPROVAL = ("cpc-discipline-approval-2022", "中国共产党处分违纪党员批准权限和程序规定")
RECRUITMENT = ("cpc-member-recruitment-2014", "中国共产党发展党员工作细则")


def law_hit(doc: tuple[str, str], n: int, locator: str, text: str, score: float) -> Hit:
    """A retrieved article of a national law or administrative regulation (authority class ``law``)."""
    hit: Hit = article_hit(doc, n, locator, text, score).model_copy(update={"doc_type": "regulation"})
    return hit


CIVIL_SERVANT_10 = law_hit(
    ("civil-servant-sanctions", "行政机关公务员处分条例"), 10, "第十条",
    "第十条 行政机关公务员同时有两种以上需要给予处分的行为的，应当分别确定其处分。应当给予的处分种类不同的，"
    "执行其中最重的处分；应当给予撤职以下多个相同种类处分的，执行该处分。",
    0.60,
)  # fmt: skip
PUBLIC_OFFICIALS_15 = law_hit(
    ("public-officials-sanctions", "中华人民共和国公职人员政务处分法"), 15, "第十五条",
    "第十五条 公职人员有两个以上违法行为的，应当分别确定政务处分。应当给予两种以上政务处分的，执行其中最重的政务处分。",
    0.59,
)  # fmt: skip
DISCIPLINE_11 = article_hit(
    DISCIPLINE, 11, "第十一条",
    "第十一条 撤销党内职务处分，是指撤销受处分党员由党内选举或者组织任命的党内职务。",
    0.56,
)  # fmt: skip
CONSTITUTION_41 = article_hit(
    CONSTITUTION, 41, "第四十一条",
    "第四十一条 对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。\n"
    "留党察看最长不超过两年。\n开除党籍是党内的最高处分。",
    0.44,
)  # fmt: skip
APPROVAL_34 = article_hit(
    APPROVAL, 34, "第三十四条",
    "第三十四条 中央纪委常委会批准下列处分事项：\n"
    "（一）给予省部级以下（不含省部级）中管干部以及未明确行政级别的单位中的中管干部警告、严重警告处分；\n"
    "（二）给予省级党委委员、候补委员警告、严重警告处分；\n"
    "（三）党章和有关党内法规规定的其他处分事项。",
    0.80,
)  # fmt: skip
CONSTITUTION_42 = article_hit(
    CONSTITUTION, 42, "第四十二条",
    "第四十二条 对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会批准；涉及的问题比较重要或复杂的，"
    "或给党员以开除党籍处分的，应分别不同情况，报县级或县级以上党的纪律检查委员会审查批准。",
    0.66,
)  # fmt: skip


# --- 2. Party terms: the Party's own rules ------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "黨內最重的處分是什麼？",  # holdout4, h4-061
        "党员受到的最严厉的处分是什么？",
        "對黨員來說最重的紀律處分是什麼",
        "党纪处分里最高的是哪一种？",
        "给一名普通党员处分，一般要经过哪些环节批准？",  # holdout4, h4-062
    ],
)
def test_a_question_in_party_terms_is_party_scoped(question: str) -> None:
    assert party_scoped(question)


@pytest.mark.parametrize(
    "question",
    [
        "公务员最重的处分是什么？",  # names the state's side
        "公职人员受到政务处分，最重的是哪一种",
        "党员违法犯罪了，法律上怎么处理？",
        "最重的处分是什么",  # names neither: every source stays
        "村委会主任一届干几年",
    ],
)
def test_a_question_naming_the_state_or_no_party_term_is_not_party_scoped(question: str) -> None:
    assert not party_scoped(question)


def test_only_a_state_law_is_off_scope_of_a_party_question() -> None:
    q = "黨內最重的處分是什麼？"
    assert off_scope(CIVIL_SERVANT_10.model_dump(), q)
    assert off_scope(PUBLIC_OFFICIALS_15.model_dump(), q)
    assert not off_scope(CONSTITUTION_41.model_dump(), q)
    assert not off_scope(DISCIPLINE_11.model_dump(), q)
    assert not off_scope(CIVIL_SERVANT_10.model_dump(), "公务员最重的处分是什么？")


@pytest.mark.parametrize(
    "question",
    ["黨內最重的處分是什麼？", "党员受到的最严厉的处分是什么？", "对党员来说，最重的纪律处分是哪种？"],
)
def test_the_partys_highest_sanction_is_answered_from_the_constitution(question: str) -> None:
    # retrieval ranks the state laws first: they repeat "最重的处分" word for word
    hits = [CIVIL_SERVANT_10, PUBLIC_OFFICIALS_15, DISCIPLINE_11, CONSTITUTION_41]
    ex = extract(question, hits, max_chars=400)
    assert ex.answer.startswith("根据《中国共产党章程》第四十一条")
    assert "开除党籍是党内的最高处分" in ex.answer
    assert "行政机关公务员处分条例" not in ex.answer.split("另据")[0]


def test_a_question_naming_civil_servants_keeps_their_law() -> None:
    hits = [CIVIL_SERVANT_10, PUBLIC_OFFICIALS_15, DISCIPLINE_11, CONSTITUTION_41]
    ex = extract("行政机关公务员同时有几种处分行为，执行哪一种处分？", hits, max_chars=400)
    assert ex.answer.startswith("根据《行政机关公务员处分条例》第十条")


@pytest.mark.parametrize(
    "question",
    [
        "给一名普通党员处分，一般要经过哪些环节批准？",  # holdout4, h4-062
        "一般情况下，党员受纪律处分要经过谁批准？",
        "普通黨員受處分，一般由哪一級批准？",
    ],
)
def test_a_question_asking_the_general_rule_is_answered_by_the_constitution(question: str) -> None:
    assert asks_general_rule(question)
    ex = extract(question, [APPROVAL_34, CONSTITUTION_42], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党章程》第四十二条")
    assert "必须经过支部大会讨论决定，报党的基层委员会批准" in ex.answer


def test_general_rule_needs_a_party_question_that_says_general() -> None:
    assert not asks_general_rule("党员受纪律处分要经过谁批准？")
    assert not asks_general_rule("公务员一般处分由谁批准")
    assert asks_general_rule("平时党员处分是谁批")


def _chapter(heading: str, text: str) -> tuple[str, Hit]:
    return heading, article_hit(APPROVAL, 1, heading, text, 1.0)


def test_chapters_of_general_rules_and_exceptions_are_no_stages() -> None:
    # 批准权限和程序规定: 一般规定, who decides (权限) and 特殊情形 are no steps (holdout4, h4-062 and h4-202)
    chapters = [
        _chapter("第一章 总则", "第一条 为了规范处分违纪党员批准权限和程序，制定本规定。"),
        _chapter("第二章 处分批准权限和程序一般规定", "第六条 除本规定和有关党内法规另有规定外，给予党员处分由党组织审查批准。"),
        _chapter("第三章 党中央以及各级党委（党组）处分批准权限", "第十五条 党中央批准给予中央委员处分的事项。"),
        _chapter("第四章 纪律检查机关处分批准权限", "第三十四条 中央纪委常委会批准下列处分事项。"),
        _chapter("第五章 处分批准权限和程序特殊情形", "第三十九条 违纪党员系实行垂直管理的单位的干部的，由地方纪委审批。"),
        _chapter("第六章 附则", "第五十条 本规定自发布之日起施行。"),
    ]  # fmt: skip
    assert stage_outline(chapters) is None


def test_chapters_that_are_steps_still_make_stages() -> None:
    chapters = [
        _chapter("第一章 总则", "第一条 为了做好发展党员工作，制定本细则。"),
        _chapter("第二章 入党申请", "第六条 年满十八岁的中国工人、农民、军人可以申请加入中国共产党。"),
        _chapter("第三章 入党积极分子的确定和培养教育", "第八条 在入党申请人中确定入党积极分子。"),
        _chapter("第四章 发展对象的确定和考察", "第十三条 对经过一年以上培养教育的入党积极分子进行考察。"),
        _chapter("第五章 预备党员的接收", "第二十二条 发展党员，必须经过党支部党员大会讨论。"),
        _chapter("第十章 附则", "第四十二条 本细则自发布之日起施行。"),
    ]  # fmt: skip
    ex = stage_outline(chapters)
    assert ex is not None
    assert ex.answer.startswith("根据《中国共产党处分违纪党员批准权限和程序规定》，共四个阶段：")


# --- 1. the subject of a number -----------------------------------------------------------------------------

BRANCH_6 = (
    "党支部的成立，一般由基层单位提出申请，所在乡镇（街道）或者单位基层党委召开会议研究决定并批复，批复时间一般不超过"
    " 1 个月。"
)


def _known(phrase: str) -> bool:
    return phrase in {"上级党委", "上一级党组织", "同级纪委", "党支部", "基层党委", "党组织", "纪委"}


@pytest.mark.parametrize(
    "question",
    [
        "申请成立党支部，上级党委一般多久给批复？",  # holdout4, h4-108
        "申請成立黨支部，上級黨委多久批覆？",
        "我们想成立党支部，报上去以后上级党委多长时间内要批复？",
    ],
)
def test_a_level_named_relative_to_the_asker_is_the_body_the_text_names(question: str) -> None:
    headings = "《中国共产党支部工作条例（试行）》 第六条"
    assert number_answers(question, BRANCH_6, _known, headings)


def test_a_relative_level_reads_as_the_body_at_its_own_level() -> None:
    assert _names_head("上级党委", "所在乡镇（街道）或者单位基层党委召开会议研究决定并批复")
    assert _names_head("上一级党组织", "由党组织审批")
    assert _names_head("同级纪委", "由纪委审查批准")
    assert not _names_head("上级党委", "党支部每月相对固定1 天开展主题党日")


RECRUITMENT_26 = article_hit(
    RECRUITMENT, 26, "第二十六条",
    "第二十六条 党委对党支部上报的接收预备党员的决议，应当在三个月内审批，并报上级党委组织部门备案。",
    0.52,
)  # fmt: skip
BRANCH_6_HIT = article_hit(
    ("cpc-branch-work-2018", "中国共产党支部工作条例（试行）"), 6, "第六条",
    f"第六条 {BRANCH_6}根据工作需要，上级党委可以直接作出在基层单位成立党支部的决定。",
    1.0,
)  # fmt: skip


def test_founding_a_branch_is_answered_by_the_founding_rule() -> None:
    ex = extract("申请成立党支部，上级党委一般多久给批复？", [BRANCH_6_HIT, RECRUITMENT_26], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党支部工作条例（试行）》第六条")
    assert "批复时间一般不超过 1 个月" in ex.answer


# --- 3. superlatives ------------------------------------------------------------------------------------------


def test_superlatives_of_one_rank_match() -> None:
    assert superlatives("党内最重的处分") == superlatives("开除党籍是党内的最高处分") == {"top"}
    assert superlatives("最严厉的处分") == {"top"}
    assert superlatives("留党察看最长不超过两年") == superlatives("但不得超过六个月") == {"upper"}
    assert superlatives("最多能延多长时间") == {"upper"}
    assert superlatives("预备期最短多久") == superlatives("延长时间不能少于半年") == {"lower"}
    assert not superlatives("最后一项是什么")
    assert not superlatives("最新的版本")
    assert superlatives("最轻的处分") != superlatives("最重的处分")


def test_the_stated_superlative_beats_a_definition_of_another_sanction() -> None:
    # without the state laws, the definition of 撤销党内职务处分 ("……是指……") was the lead (holdout4, h4-061)
    ex = extract("党内最严厉的处分是什么？", [DISCIPLINE_11, CONSTITUTION_41], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党章程》第四十一条")
    assert "开除党籍是党内的最高处分" in ex.answer


CIVIL_SERVANT_LAW_34 = law_hit(
    ("civil-servant-law", "中华人民共和国公务员法"), 34, "第三十四条",
    "第三十四条 新录用的公务员试用期为一年。试用期满合格的，予以任职；不合格的，取消录用。",
    0.70,
)  # fmt: skip
CONSTITUTION_7 = article_hit(
    CONSTITUTION, 7, "第七条",
    "第七条 预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。\n"
    "预备党员预备期满，党的支部应当及时讨论他能否转为正式党员。需要继续考察和教育的，可以延长预备期，但不能超过一年。",
    0.65,
)  # fmt: skip


@pytest.mark.parametrize(
    "question", ["预备党员试用期多长？", "預備黨員的試用期是多久", "入党以后考察期有多长"]
)
def test_a_state_law_does_not_lead_a_question_on_party_members(question: str) -> None:
    # "那预备党员呢" after "新录用的公务员试用期多长" (member set, mem-514): 公务员法 shares 试用期 word for word
    ex = extract(question, [CIVIL_SERVANT_LAW_34, CONSTITUTION_7], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党章程》第七条")
    assert "预备党员的预备期为一年" in ex.answer


def test_a_question_on_civil_servants_keeps_their_law() -> None:
    ex = extract("新录用的公务员试用期多长？", [CIVIL_SERVANT_LAW_34, CONSTITUTION_7], max_chars=400)
    assert ex.answer.startswith("根据《中华人民共和国公务员法》第三十四条")


DISCIPLINE_10 = article_hit(
    DISCIPLINE, 10, "第十条",
    "第十条 党员受到警告处分一年内、受到严重警告处分一年半内，不得在党内提拔职务或者进一步使用，也不得向党外组织"
    "推荐担任高于其原任职务的党外职务或者进一步使用。",
    0.60,
)  # fmt: skip
CIVIL_SERVANT_SANCTIONS_7 = law_hit(
    ("civil-servant-sanctions", "行政机关公务员处分条例"), 7, "第七条",
    "第七条 行政机关公务员受处分的期间为：警告，6个月；记过，12个月；记大过，18个月；降级、撤职，24个月。",
    0.66,
)  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "党员受了警告处分，多长时间内不能在党内提拔？",
        "黨員被警告以後多久不能提拔",
        "党内受警告处分的影响期有多长",
    ],
)
def test_a_party_members_sanction_period_comes_from_the_party_rule(question: str) -> None:
    ex = extract(question, [CIVIL_SERVANT_SANCTIONS_7, DISCIPLINE_10], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党纪律处分条例》第十条")


RECRUITMENT_32 = article_hit(
    RECRUITMENT, 32, "第三十二条",
    "第三十二条 预备党员的预备期为一年。需要继续考察和教育的，可以延长一次预备期，延长时间不能少于半年，最长不超过一年；"
    "不履行党员义务、不具备党员条件的，应当取消其预备党员资格。",
    0.60,
)  # fmt: skip


@pytest.mark.parametrize(
    "question",
    ["预备党员的预备期延长预备期最长多久？", "預備期最長可以延長多久", "延长预备期最多能延多长时间"],
)
def test_a_near_tie_keeps_the_sentence_stating_the_superlative_asked(question: str) -> None:
    # regulations set, reg-203: "预备党员的预备期为一年" (党章) tied with "最长不超过一年" (细则) and took the lead
    ex = extract(question, [CONSTITUTION_7, RECRUITMENT_32], max_chars=400)
    lead = ex.answer.split("另据")[0]
    assert "最长不超过一年" in lead or "可以延长预备期，但不能超过一年" in lead


CONSTITUTION_1 = article_hit(
    CONSTITUTION, 1, "第一条",
    "第一条 年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织"
    "并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。",
    0.90,
)  # fmt: skip
RECRUITMENT_37 = article_hit(
    RECRUITMENT, 37, "第三十七条",
    "第三十七条 预备党员转正后，党支部应当及时将其《中国共产党入党志愿书》、入党申请书、政治审查材料、转正申请书和"
    "培养教育考察材料，交党委存入本人人事档案。",
    0.70,
)  # fmt: skip
RECRUITMENT_22 = article_hit(
    RECRUITMENT, 22, "第二十二条",
    "第二十二条 党支部应当及时将支部大会决议写入《中国共产党入党志愿书》，连同本人入党申请书、政治审查材料、培养教育考察"
    "材料等，一并报上级党委审批。",
    0.68,
)  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "同事刚满十七岁能写入党申请书吗",
        "小王今年17岁，可以递交入党申请书吗",
        "我弟弟十六岁了，能不能写入党申请书",
    ],
)
def test_a_rule_that_decides_the_stated_case_is_not_followed_by_filing_rules(question: str) -> None:
    # earlier sets: 细则第二十二条 and 第三十七条 name 入党申请书 and say nothing of an applicant's age
    ex = extract(question, [CONSTITUTION_1, RECRUITMENT_37, RECRUITMENT_22], max_chars=600)
    assert ex.answer.startswith("根据《中国共产党章程》第一条")
    assert "年满十八岁" in ex.answer
    assert "第三十七条" not in ex.answer and "第二十二条" not in ex.answer


CONSTITUTION_22 = article_hit(
    CONSTITUTION, 22, "第二十二条",
    "第二十二条 中央委员会全体会议由中央政治局召集，每年至少举行一次。",
    0.90,
)  # fmt: skip
COMMISSION_11 = article_hit(
    ("cpc-discipline-commission-2021", "中国共产党纪律检查委员会工作条例"), 11, "第十一条",
    "第十一条 党的中央纪律检查委员会全体会议每年至少召开一次，由中央纪律检查委员会常务委员会召集。",
    0.70,
)  # fmt: skip


def test_a_bound_asked_earns_no_bonus_for_another_bodys_bound() -> None:
    # holdout4, h4-038: "最少开几次" lifted 纪委工作条例's "每年至少召开一次" into the answer as 另据
    ex = extract("中央委员会全体会议一年最少开几次？", [CONSTITUTION_22, COMMISSION_11], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党章程》第二十二条")
    assert "纪律检查委员会工作条例" not in ex.answer


DISCIPLINE_24 = article_hit(
    DISCIPLINE, 24, "第二十四条",
    "第二十四条 一人有本条例规定的两种以上应当受到党纪处分的违纪行为，应当合并处理，按其数种违纪行为中应当受到的最高处分"
    "加重一档给予处分；其中一种违纪行为应当受到开除党籍处分的，应当给予开除党籍处分。",
    0.80,
)  # fmt: skip


@pytest.mark.parametrize(
    "question",
    ["对党员的纪律处分中最重的是哪一种？", "党纪处分里最高的是哪一种？", "黨員受的處分，最嚴厲的是哪種"],
)
def test_the_sentence_stating_the_extreme_beats_one_that_refers_to_it(question: str) -> None:
    # dev set, dev-128: "应当受到的最高处分加重一档" only refers to the highest sanction of a case
    ex = extract(question, [DISCIPLINE_24, CONSTITUTION_41], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党章程》第四十一条")
    assert "开除党籍是党内的最高处分" in ex.answer


def test_a_superlative_inside_a_name_asks_no_extreme() -> None:
    # member set: "党的最高领导机关是什么" asks about a body named 最高领导机关 (党章第十条), not for the highest of a kind
    assert not asked_superlatives("党的最高领导机关是什么")
    assert not asked_superlatives("最高人民法院是干什么的")
    assert asked_superlatives("黨內最重的處分是什麼？") == {"top"}
    assert asked_superlatives("那其中最高的是哪一种？") == {"top"}
    assert asked_superlatives("留党察看最长多久？") == {"upper"}
