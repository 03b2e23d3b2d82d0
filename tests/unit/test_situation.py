"""Situations told in members' words and the provision that rules on them (issue 11; branch colloq7).

The holdout4 examples (h4-075, h4-151, h4-156, h4-193, h4-024) were refused or answered from another article
although retrieval had found the ruling one: the provision says the act in legal words (操办婚丧喜庆事宜, 占用公物,
请示报告, 不论职务高低), the member in everyday ones (办婚宴, 拿回家, 出差旅游要不要报告, 当了局长). Each kind of fault
is checked on its example and on paraphrases written for this test (other documents, other wordings, traditional
script), with the provision quoted from the source text; near cases that must stay refused are checked too.
"""

from __future__ import annotations

import pytest

from service.rag.extract import extract
from service.rag.query_terms import asks_verdict
from service.rag.refusal import assess, number_answers
from service.rag.refusal.asked_quantity import measured_noun
from service.rag.refusal.decision import Decision
from service.rag.refusal.predicates import asked_predicate, states_predicate
from service.rag.situation import asks_duty, described_act, rank_free_duty, rules_on
from service.schemas import Hit
from service.text.normalize import normalize_for_match

# 纪律处分条例 (2023)
D_100 = (
    "利用职权或者职务上的影响操办婚丧喜庆事宜，造成不良影响的，给予警告或者严重警告处分；情节严重的，给予撤销党内职务"
    "处分；借机敛财或者有其他侵犯国家、集体和人民利益行为的，从重或者加重处分，直至开除党籍。"
)
D_99 = (
    "借用管理和服务对象的钱款、住房、车辆等，可能影响公正执行公务，情节较重的，给予警告或者严重警告处分；情节严重的，"
    "给予撤销党内职务、留党察看或者开除党籍处分。"
)
D_112 = (
    "利用职权或者职务上的影响，违反有关规定占用公物归个人使用，时间超过六个月，情节较重的，给予警告或者严重警告处分；"
    "情节严重的，给予撤销党内职务处分。"
)
D_124 = (
    "在社会保障、社会救助、政策扶持、救灾救济款物分配等事项中优亲厚友、明显有失公平的，给予警告或者严重警告处分；"
    "情节较重的，给予撤销党内职务或者留党察看处分；情节严重的，给予开除党籍处分。"
)
D_133 = (
    "在公务活动用餐、单位食堂用餐管理工作中不履行或者不正确履行宣传教育、监督管理职责，导致餐饮浪费，造成严重不良"
    "影响的，对直接责任者和领导责任者，给予警告或者严重警告处分；情节严重的，给予撤销党内职务处分。"
)
D_147 = (
    "临时出国（境）团（组）或者人员中的党员，擅自延长在国（境）外期限，或者擅自变更路线的，对直接责任者和领导责任者，"
    "给予警告或者严重警告处分；情节严重的，给予撤销党内职务处分。"
)
# 若干准则 九
GUIDE_9 = (
    "领导干部必须强化组织观念，工作中重大问题和个人有关事项必须按规定按程序向组织请示报告，离开岗位或工作所在地要事先"
    "向组织请示报告。对无正当理由不按时报告、不如实报告或隐瞒不报的，要严肃处理。"
)
# 细则第七条; 党章第八条; 支部工作条例第十五条
RECRUIT_7 = "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话，了解基本情况。"
CONST_8 = (
    "每个党员，不论职务高低，都必须编入党的一个支部、小组或其他特定组织，参加党的组织生活，接受党内外群众的监督。"
    "党员领导干部还必须参加党委、党组的民主生活会。不允许有任何不参加党的组织生活、不接受党内外群众监督的特殊党员。"
)
BRANCH_15 = (
    "党支部应当严格执行党的组织生活制度，经常、认真、严肃地开展批评和自我批评，增强党内政治生活的政治性、时代性、"
    "原则性、战斗性。\n党员领导干部应当带头参加所在党支部或者党小组组织生活。"
)


def _hit(title: str, locator: str, text: str, dense: float = 0.9, doc_id: str = "d") -> Hit:
    return Hit(doc_id=doc_id, title=title, chunk_id=f"{doc_id}#{locator}", locator=locator, text=text, score=1.0,
               scores={"dense": dense})  # fmt: skip


def _assess(question: str, title: str, locator: str, text: str, dense: float = 0.9) -> Decision:
    hit = _hit(title, locator, text, dense)
    shown = f"根据《{title}》{locator}：{text}[1]"
    return assess(question, "general", [hit], text, threshold=0.9, best_dense=dense, shown_text=shown)


# -- the act told, less its ask, its actor and its function words ------------------------------------------------
def test_the_described_act_leaves_out_the_ask_the_actor_and_function_words() -> None:
    assert described_act("我是科长，想给女儿办婚宴，怎样算违反纪律？") == "女办婚宴"
    assert described_act("當了局長還要去支部過組織生活嗎？") == "支部生活"  # 組織 is the party's own actor
    assert (
        described_act("领导干部离开工作所在地出差旅游，要不要先向组织报告？") == "离开工作所地出差旅游向报告"
    )


@pytest.mark.parametrize(
    "question",
    [
        "我是科长，想给女儿办婚宴，怎样算违反纪律？",
        "这算不算违反规定？",
        "收了这个是不是违反了廉洁纪律",
        "算违纪吗",
    ],
)
def test_a_verdict_asked_in_the_texts_own_word_is_a_verdict_ask(question: str) -> None:
    assert asks_verdict(question)


def test_whether_a_duty_applies_is_a_duty_ask() -> None:
    for question in (
        "领导干部离开工作所在地出差旅游，要不要先向组织报告？",
        "当了局长还要去支部过组织生活吗？",
        "出差之前需不需要請示？",
    ):
        assert asks_duty(question), question
    assert not asks_duty("党支部委员会会议多久开一次？")


# -- a verdict on an act told in everyday words: the penalty provision that names it in legal ones -------------
@pytest.mark.parametrize(
    ("question", "provision"),
    [
        ("我是科长，想给女儿办婚宴，怎样算违反纪律？", D_100),  # h4-151
        ("我是科長，想給女兒辦婚宴，怎樣算違反紀律？", D_100),  # traditional script
        ("管理对象借给我一套房子住，怎样算违反纪律？", D_99),
        ("處長讓管理對象借給他一輛車開，這算不算違反規定？", D_99),
        ("村支书分救灾物资时照顾自家亲戚，算违反纪律吗？", D_124),
    ],
)
def test_a_penalty_provision_that_names_the_act_rules_on_it(question: str, provision: str) -> None:
    assert rules_on(question, f"根据《中国共产党纪律处分条例》：{provision}[1]")
    decision = _assess(question, "中国共产党纪律处分条例", "第一百条", provision)
    assert not decision.refuse, decision


def test_a_penalty_provision_about_another_act_does_not_rule_on_it() -> None:
    question = "我是科长，想给女儿办婚宴，怎样算违反纪律？"
    assert not rules_on(question, D_133)  # 餐饮浪费 is another act
    decision = _assess(question, "中国共产党纪律处分条例", "第一百三十三条", D_133)
    assert decision.refuse and decision.reason == "low_support"
    # a provision that imposes nothing does not give a verdict, whatever words it shares
    assert not rules_on(question, "操办婚丧喜庆事宜，应当从简。")
    # a question that asks no verdict and no duty is not a told case
    assert not rules_on("婚丧喜庆事宜是什么意思", D_100)


# -- whether a duty applies: the provision that states it, an off-topic word of the scene notwithstanding -------
@pytest.mark.parametrize(
    "question",
    [
        "领导干部离开工作所在地出差旅游，要不要先向组织报告？",  # h4-193
        "领导干部周末去外地旅游，需不需要事先向组织请示报告？",
        "領導幹部離開工作所在地去旅遊，還要先向組織報告嗎？",
    ],
)
def test_a_duty_provision_rules_on_a_case_with_an_off_topic_scene_word(question: str) -> None:
    assert rules_on(question, GUIDE_9)
    decision = _assess(
        question, "关于新形势下党内政治生活的若干准则", "九、严格党的组织生活制度 第7段", GUIDE_9
    )
    assert not decision.refuse, decision


def test_a_duty_provision_sharing_a_word_or_two_does_not_rule_on_the_case() -> None:
    # holdout4 trap h4-287's kind: 要 and 可以 stand in most sentences, 入党 and 宣誓 are two bigrams of eight
    assert not rules_on("入党宣誓仪式上要不要唱国歌？", "预备党员必须面向党旗进行入党宣誓。")
    assert not rules_on("党员去世了，党组织要不要发讣告、开追悼会？", GUIDE_9)


def test_an_off_topic_question_stays_off_topic() -> None:
    for question in ("党员可以去旅游吗？", "周末去哪里旅游比较好？"):
        decision = _assess(question, "关于新形势下党内政治生活的若干准则", "九", GUIDE_9)
        assert decision.refuse and decision.reason == "off_topic", (question, decision)


# -- a time limit asked "by the rule": 规定 is the source of the number, no noun it measures --------------------
@pytest.mark.parametrize(
    "question",
    [
        "上个月初递的入党申请，到现在组织都没找我聊过，规定多长时间内要谈话？",  # h4-075
        "入党申请书交上去了，按规定多长时间内要找我谈话？",
        "遞交入黨申請書以後，按要求多長時間內應該找我談話？",
    ],
)
def test_a_deadline_asked_by_the_rule_is_answered_by_the_deadline(question: str) -> None:
    assert measured_noun(question) is None
    assert number_answers(question, RECRUIT_7)
    decision = assess(question, "quantity", [_hit("中国共产党发展党员工作细则", "第七条", RECRUIT_7)], RECRUIT_7,
                      threshold=0.9, best_dense=0.92, shown_text=RECRUIT_7)  # fmt: skip
    assert not decision.refuse, decision


def test_a_noun_before_the_question_word_is_still_measured() -> None:
    assert measured_noun("党员发展每年的指标是多少名") == "指标"


# -- a threshold of a verdict ("超过多长时间就算违纪"): the penalty provision states it ---------------------------
@pytest.mark.parametrize(
    "question",
    [
        "把单位的公物拿回家自己用，超过多长时间就算违纪了？",  # h4-156
        "单位的公物借回家用了大半年，占着多长时间就算违规？",
        "把單位的公物拿回家用，超過多長時間就算違紀？",
    ],
)
def test_a_verdict_threshold_is_stated_by_the_penalty_provision(question: str) -> None:
    predicate = asked_predicate(question)
    assert predicate is not None
    assert states_predicate(predicate, normalize_for_match(D_112))
    assert number_answers(question, D_112)


def test_a_verdict_threshold_needs_a_number_and_a_penalty() -> None:
    question = "把单位的公物拿回家自己用，超过多长时间就算违纪了？"
    assert not number_answers(question, D_99)  # a penalty provision without a period
    predicate = asked_predicate(question)
    assert predicate is not None
    assert not states_predicate(
        predicate, normalize_for_match("占用公物归个人使用，时间超过六个月的，应当及时归还。")
    )


# -- how long the member's act went on is no quantity asked -----------------------------------------------------
def test_how_long_the_act_went_on_is_not_asked_in_a_verdict_question() -> None:
    question = "跟团出国考察，我自己多留了几天没按时回来，会受什么处分？"
    decision = _assess(question, "中国共产党纪律处分条例", "第一百四十七条", D_147)
    assert decision.reason != "no_number", decision
    # asked, not told: "过了几年才能……" still asks a number
    decision = assess("受处分以后过了几年才能提拔？", "quantity", [_hit("t", "第一条", D_147)], D_147,
                      threshold=0.9, best_dense=0.9, shown_text=D_147)  # fmt: skip
    assert decision.refuse and decision.reason == "no_number", decision


# -- a duty for every rank, for a member of a rank (h4-024) ------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "当了局长还要去支部过组织生活吗？",
        "我是副市长，还要参加支部的组织生活吗？",
        "當了廳長還要過組織生活嗎？",
    ],
)
def test_a_duty_for_every_rank_answers_a_member_of_a_rank(question: str) -> None:
    assert rank_free_duty(question, normalize_for_match(CONST_8))
    assert not rank_free_duty(question, normalize_for_match(BRANCH_15))
    hits = [
        _hit("中国共产党支部工作条例（试行）", "第十五条", BRANCH_15, doc_id="cpc-branch-work-2018"),
        _hit("中国共产党章程", "第八条", CONST_8, doc_id="cpc-constitution-2017"),
    ]
    ex = extract(question, hits, max_chars=600)
    assert ex.citations and ex.citations[0].locator == "第八条", ex.answer
    assert "不论职务高低" in ex.answer


def test_a_duty_question_without_a_rank_gets_no_rank_bonus() -> None:
    assert not rank_free_duty("党员还要过组织生活吗？", normalize_for_match(CONST_8))
    assert not rank_free_duty("局长的职责是什么", normalize_for_match(CONST_8))
