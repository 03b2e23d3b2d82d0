"""Traps answered with evidence that does not fit the question (issue 11, item 5; trap kinds of the 2026-11-30 blind
sets), each kind decided by one pure rule:

1. the asked bound is not the stated one: "最长" needs an upper bound or an exact value, "至少" a lower one;
2. an adoption note (题注) is no evidence for what a text says, only for when and by whom it was adopted;
3. a quantity stated for another kind of body (人民代表大会) does not answer one about a party organisation, and a
   "比……多几个" question needs a comparison;
4. a practice or format question (手写, 电子版, 字数, 格式) needs evidence naming that property;
5. who holds an office now is a person no regulation names;
6. a deadline of another act ("在24小时内通知其家属") or a count of another thing (1 次党课) is no answer to how long
   or how often what is asked lasts or meets (trial 4, F).
"""

from __future__ import annotations

import pytest

from service.rag.refusal import (
    DURATION_ASK_RE,
    LOCAL_EVENT_MESSAGE,
    PRACTICE_MESSAGE,
    asked_bound,
    asks_issuance,
    assess,
    body_families,
    counted_act,
    local_event,
    number_answers,
    refusal_message,
    stated_bound,
    unaddressed_practice,
    without_captions,
)
from service.schemas import Hit


def _hit(title: str, locator: str, text: str, dense: float = 0.9) -> Hit:
    return Hit(doc_id="d", title=title, chunk_id=f"d#{locator}", locator=locator, text=text, score=1.0,
               scores={"dense": dense})  # fmt: skip


def _nothing_known(_phrase: str) -> bool:
    return False


# Texts as the shipped knowledge words them.
RECRUITMENT_13 = (
    "对经过一年以上培养教育和考察、基本具备党员条件的入党积极分子，在听取党小组、培养联系人、党员和群众意见的基础上，"
    "支部委员会讨论同意并报上级党委备案后，可列为发展对象。"
)
RECRUITMENT_32 = "需要继续考察和教育的，可以延长一次预备期，延长时间不能少于半年，最长不超过一年。"
BRANCH_23 = "党支部书记应当具备良好政治素质，热爱党的工作，一般应当具有1 年以上党龄。"
BRANCH_20 = "党支部委员会由 3 至 5 人组成，一般不超过 7 人。"
CONSTITUTION_1 = (
    "年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，可以申请加入中国共产党。"
)
CONSTITUTION_7 = "预备党员的预备期为一年。"
SUPERVISION_48 = "留置时间不得超过三个月。"
LOCAL_CONGRESS_27 = (
    "人民代表大会常务委员会副主任，乡、民族乡、镇的人民代表大会副主席，人民政府副职领导人员的候选人数应比应选人数"
    "多一人至三人，人民代表大会常务委员会委员的候选人数应比应选人数多十分之一至五分之一。"
)
VILLAGERS_ELECTION = (
    "另行选举的，第一次投票未当选的人员得票多的为候选人，候选人以得票多的当选，但是所得票数不得少于已投选票总数的"
    "三分之一。"
)
RESIDENTS_8 = "居民委员会每届任期五年，其成员可以连选连任。"
CAPTION = "（2021年2月23日中共中央政治局常委会会议审议批准 2021年3月19日中共中央办公厅发布）"
CONSTITUTION_5 = (
    "申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准。"
)


# -- 1. the asked bound ----------------------------------------------------------------------------------------
def test_the_bound_a_question_asks_for() -> None:
    for question in ("入党积极分子培养考察最长要多长时间", "党支部委员最多几个人", "候选人差额上限是多少"):
        assert asked_bound(question) == "max", question
    for question in ("入党最少要多大年纪", "发展对象培养考察时间至少多久", "预备期最短多久"):
        assert asked_bound(question) == "min", question
    assert asked_bound("预备期最短延多久，最长多久") is None  # both: either bound answers
    assert asked_bound("预备期是多久") is None


@pytest.mark.parametrize(
    ("sentence", "number", "bound"),
    [
        ("延长时间不能少于半年，最长不超过一年", "半年", "min"),
        ("延长时间不能少于半年，最长不超过一年", "一年", "max"),
        ("对经过一年以上培养教育和考察", "一年", "min"),
        ("年满十八岁的中国工人", "十八岁", "min"),
        ("正式党员不足 7 人的党支部", "7 人", "max"),
        ("应当在三个月以内作出决定", "三个月", "max"),
        ("预备党员的预备期为一年", "一年", None),
        ("每届任期三年至五年", "五年", None),
    ],
)
def test_the_bound_a_number_states(sentence: str, number: str, bound: str | None) -> None:
    start = sentence.rindex(number)
    assert stated_bound(sentence, start, start + len(number)) == bound


@pytest.mark.parametrize(
    ("question", "unbounded", "text"),
    [
        # 一年以上 is a minimum
        ("入党积极分子培养考察最长要多长时间？", "入党积极分子培养考察要多长时间？", RECRUITMENT_13),
        # 1 年以上党龄 is a minimum
        ("支部书记的党龄最多要几年？", "支部书记的党龄要几年？", BRANCH_23),
        # only an upper bound is stated
        ("预备期延长最少要多久？", "预备期延长要多久？", "延长预备期最长不超过一年。"),
    ],
)
def test_a_number_of_the_other_bound_is_no_answer(question: str, unbounded: str, text: str) -> None:
    assert not number_answers(question, text, _nothing_known)
    assert number_answers(unbounded, text, _nothing_known)  # the bound, nothing else, makes the difference


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("发展对象培养考察时间至少多久？", RECRUITMENT_13),  # 一年以上: the minimum asked
        ("预备期延长最长多久？", RECRUITMENT_32),  # 最长不超过一年
        ("党支部委员会最多几个人？", BRANCH_20),  # 一般不超过 7 人
        ("预备期最短多久？", CONSTITUTION_7),  # an exact value answers either bound
        ("留置最长多久？", SUPERVISION_48),
        # mem-211: "过两年" is matched from 过; a numeral follows
        ("留党察看最长几年？", "留党察看最长不超过两年。"),
    ],
)
def test_a_number_of_the_asked_bound_or_an_exact_one_answers(question: str, text: str) -> None:
    assert number_answers(question, text, _nothing_known)


# -- 2. adoption notes -----------------------------------------------------------------------------------------
def test_issuance_questions_are_told_from_content_questions() -> None:
    for question in (
        "组织处理规定是哪年发布的",
        "监察法什么时候修改过",
        "纪律处分条例2024年又修订了吗",
        "是哪次会议通过的",
    ):
        assert asks_issuance(question), question
    for question in ("政治局常委有几个人", "2024年修订的监察法增加了哪些内容", "修订后有什么变化"):
        assert not asks_issuance(question), question


def test_a_caption_is_no_evidence_for_a_content_question() -> None:
    hits = [_hit("中国共产党组织处理规定（试行）", "题注", CAPTION)]
    assert without_captions("政治局常委有几个人", hits, CAPTION) == ""
    assert without_captions("组织处理规定是哪年发布的", hits, CAPTION) == CAPTION
    mixed = f"{CAPTION}\n{CONSTITUTION_7}"
    assert without_captions(
        "预备期是多久", [*hits, _hit("党章", "第七条", CONSTITUTION_7)], mixed
    ).strip() == (CONSTITUTION_7)
    decision = assess("政治局常委有几个人", "quantity", hits, CAPTION, threshold=0.9, shown_text=CAPTION)
    assert decision.refuse and decision.reason == "caption_only"


# -- 3. another body; a difference -----------------------------------------------------------------------------
def test_bodies_are_read_by_family() -> None:
    assert body_families("人民代表大会常务委员会委员的候选人数") == {"congress"}
    assert body_families("党支部委员会由党员大会选举产生") == {"party"}
    assert body_families("村民委员会成员候选人") == {"villagers"}
    assert body_families("入党积极分子") == set()


@pytest.mark.parametrize(
    "question",
    [
        "党支部选举时候选人要比应选人多几个？",  # 人民代表大会's quota, not a 党支部's
        "村民委员会成员候选人要比应选人多几个？",  # nor a 村民委员会's
        "乡镇党委委员选举，候选人要多出几个？",
    ],
)
def test_a_quota_of_another_body_is_no_answer(question: str) -> None:
    assert not number_answers(question, LOCAL_CONGRESS_27, _nothing_known)


def test_a_difference_needs_a_comparison() -> None:
    # 第一次 is an ordinal and 三分之一 a share of the votes: neither says how many more candidates there are
    assert not number_answers("村民委员会成员候选人要比应选人多几个？", VILLAGERS_ELECTION, _nothing_known)
    assert number_answers("乡镇人大副主席的候选人数要比应选人数多几个？", LOCAL_CONGRESS_27, _nothing_known)


def test_a_number_who_must_sign_is_no_size_of_a_body() -> None:
    joint = "县级的人民代表大会代表十人以上书面联名，可以提出本级人民代表大会常务委员会组成人员的候选人。"
    assert not number_answers("县人大代表一共有多少名？", joint, _nothing_known)
    assert number_answers("县人大代表要多少人联名才能提候选人？", joint, _nothing_known)


def test_the_same_body_or_none_named_still_answers() -> None:
    assert number_answers("居民委员会每届任期几年？", RESIDENTS_8, _nothing_known)
    assert number_answers(
        "村委会选举，候选人要比应选人多几个？", "村民委员会成员的候选人数应比应选人数多一人。", _nothing_known
    )


# -- 4. practice and format ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("入党志愿书能不能网上填电子版？", "网上"),
        ("思想汇报有没有字数要求？", "字数"),
        ("入党申请书要手写吗？", "手写"),
        ("入党申请书可以打印出来交吗？", "打印"),
        ("入党申请书有没有固定格式？", "格式"),
        ("入党志愿书可以用铅笔填吗？", "铅笔"),
        ("入党申请书能找人代写吗？", "代写"),
        ("入党申请书要写多长？", "篇幅"),  # the length of a text, however it is asked
        ("思想汇报要写几页？", "篇幅"),
    ],
)
def test_a_practice_the_evidence_never_names_is_unaddressed(question: str, word: str) -> None:
    assert unaddressed_practice(question, CONSTITUTION_5) == word
    decision = assess(question, "general", [_hit("党章", "第五条", CONSTITUTION_5)], CONSTITUTION_5, threshold=0.85,
                      best_dense=0.95, shown_text=CONSTITUTION_5)  # fmt: skip
    assert decision.refuse and decision.reason == "unaddressed_practice" and decision.term == word
    assert refusal_message(decision.reason, decision.term) == PRACTICE_MESSAGE.format(term=word)


def test_a_practice_word_the_evidence_names_or_a_situation_word_is_no_gap() -> None:
    # 网上 → 网络 (vocabulary): 纪律处分条例 names the medium
    assert (
        unaddressed_practice("在网上发表反对党的方针的文章，要不要处分？", "通过网络、广播、电视、报刊……发表")
        is None
    )
    # the medium is the situation, in a clause of its own; the asking clause asks about the act
    assert unaddressed_practice("网上有人编段子恶搞英雄烈士，这违法吗？", "侮辱、诽谤英雄烈士") is None
    assert unaddressed_practice("入党申请书写好交给谁？", CONSTITUTION_5) is None


# -- 5. office holders -----------------------------------------------------------------------------------------
def test_who_holds_an_office_now_is_a_local_fact() -> None:
    for question in ("中央纪委书记是谁？", "现任村委会主任叫什么", "我们县纪委书记现在是谁"):
        assert local_event(question), question
    for question in ("党支部书记由谁批准？", "支部书记是谁选出来的？", "入党介绍人由谁担任？"):
        assert not local_event(question), question
    assert refusal_message("local_event") == LOCAL_EVENT_MESSAGE


# -- 6. another act's deadline, another thing's count (trial 4, F) ---------------------------------------------
SUPERVISION_RULES_41 = "需要对被审查调查人采取留置措施的，应当依据监察法进行，在24小时内通知其所在单位和家属，并及时向社会公开发布。"
SUPERVISION_RULES_21 = "线索处置不得拖延和积压，处置意见应当在收到问题线索之日起1个月内提出，并制定处置方案。"
SUPERVISION_RULES_55 = "审理工作应当在受理之日起1个月内完成，重大复杂案件经批准可以适当延长。"


def test_a_deadline_of_another_act_is_no_duration() -> None:
    assert DURATION_ASK_RE.search("党的纪律检查机关审查调查的期限是多长")  # 期限是多长 asks a duration
    assert not number_answers("审查调查最长多久？", SUPERVISION_RULES_41, _nothing_known)
    assert not number_answers("党的纪律检查机关审查调查的期限是多长？", SUPERVISION_RULES_41, _nothing_known)
    # the act limited is the one asked about, named in the number's clause or one that ends it
    assert number_answers("被留置人员的家属多久会得到通知？", SUPERVISION_RULES_41, _nothing_known)
    assert number_answers("线索处置要在多长时间内完成？", SUPERVISION_RULES_21, _nothing_known)
    assert number_answers("审理工作一般多长时间完成？", SUPERVISION_RULES_55, _nothing_known)


def test_the_meeting_counted_after_the_measure_word_must_stand_by_the_number() -> None:
    def known(phrase: str) -> bool:
        return phrase in "党员领导干部 民主生活会 党委书记"

    lecture = "党员领导干部应当定期为基层党员讲党课，党委（党组）书记每年至少讲 1 次党课。"
    assert not number_answers("党员领导干部每年要开几次民主生活会？", lecture, known)
    assert number_answers("党员领导干部每年要讲几次党课？", lecture, known)


def test_the_act_a_count_counts_must_be_the_numbers_own() -> None:
    assert counted_act("党支部书记每年向谁述职几次") == "述职"
    assert counted_act("党员大会每年召开几次") is None  # holding a meeting is said of every meeting
    training = (
        "党支部书记每年应当至少参加 1 次县级以上党组织举办的集中轮训；在述职评议考核中突出抓支部建设的情况。"
    )
    assert not number_answers("党支部书记每年向谁述职几次？", training, _nothing_known)
    assert number_answers("党支部书记每年参加几次集中轮训？", training, _nothing_known)


def test_the_end_of_a_period_is_no_bound() -> None:
    ended = "党员因违犯党纪受到处分，影响期满后，党组织无需取消对其的处分。"
    assert not number_answers("处分的影响期最长多久？", ended, _nothing_known)


def test_words_of_the_ask_do_not_hide_a_stated_age() -> None:
    # "得满" (a modal glued to 满 by jieba), 年龄 (the measure 岁 implies) and 门槛 (the name of a limit) are words of
    # the ask, not of its subject: the age stated for 入党 answers, an age stated for something else still does not.
    from service.rag.refusal.asked_quantity import about_terms
    from service.rag.refusal.quantities import number_answers

    assert about_terms(["入党", "得满", "年龄", "门槛"]) == ["入党"]
    assert about_terms(["年龄"]) == ["年龄"]
    article = "年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，可以申请加入中国共产党。"
    for question in ("要入党得满多少岁？年龄上有没有门槛", "想入党要满多少岁", "入党年龄要满几岁"):
        assert number_answers(question, article), question
    assert not number_answers("退休年龄要满多少岁？有没有门槛", article)
