"""Traps whose subject matches the evidence while the asked detail does not (issue 11, items 5 and 6; holdout5
h5-265, h5-284, h5-289, h5-293, h5-306, h5-313, h5-316, h5-323, h5-324), each check with paraphrases of its own
(other documents, other wordings, traditional script) and answerable counter-examples whose detail *is* stated in
other words."""

from __future__ import annotations

import pytest

from service.rag.refusal import assess, refusal_message
from service.rag.refusal.dates import future_date
from service.rag.refusal.followup import new_words, reused_topic
from service.rag.refusal.numbered_terms import enumerates_compound
from service.rag.refusal.predicates import (
    unstated_eligibility,
    unstated_measure,
    unstated_reduction,
    unstated_yes_no,
    yes_no_parts,
)
from service.schemas import Hit
from service.text.normalize import normalize_for_match

EXPELLED = (
    "党员受到开除党籍处分，五年内不得重新入党，也不得推荐担任与其原任职务相当或者高于其原任职务的党外职务。"
    "另有规定不准重新入党的，依照规定。"
)
DETENTION = "在特殊情况下，可以延长一次，延长时间不得超过三个月。留置时间重新计算以一次为限。"
PROBATION_WATCH = "留党察看最长不超过两年。党员在留党察看期间没有表决权、选举权和被选举权。"
FEES = (
    "县级以上党委管理的党费每年应当按照一定比例下拨到党支部，重点支持贫困村党支部、离退休干部职工党支部等开展党的活动。"
    "每个党员都要按规定自觉交纳党费，党费使用和管理要公开透明。"
)
GROUPS = (
    "党组织应当及时将上级党委批准的预备党员编入党支部和党小组，对预备党员继续进行教育和考察。"
    "党小组组长由党支部指定，也可以由所在党小组党员推荐产生。"
)
PROBATION = (
    "预备党员的预备期为一年。需要继续考察和教育的，可以延长一次预备期，延长时间不能少于半年，最长不超过一年。"
    "预备党员转为正式党员、延长预备期或取消预备党员资格，应当经支部大会讨论通过和上级党组织批准。"
)
CAPTION = (
    "（2003年12月23日中共中央政治局会议审议批准 2003年12月31日中共中央发布 "
    "2023年12月8日中共中央政治局会议第三次修订 2023年12月19日中共中央发布）"
)


def _hit(
    text: str, chunk_id: str = "doc#a1", title: str = "中国共产党发展党员工作细则", locator: str = "第一条"
) -> Hit:
    return Hit(
        doc_id=chunk_id.split("#")[0], title=title, chunk_id=chunk_id, locator=locator, text=text, score=1.0
    )


# --- a bare yes/no predicate asks about its subject ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "shown", "term"),
    [
        ("被开除党籍的人，以前交的党费退不退？", EXPELLED, "党费"),  # h5-324
        ("开除党籍满五年后重新入党，以前的党龄能不能接着算？", EXPELLED, "党龄"),  # h5-293
        ("讲一次党课有没有规定要讲多长时间？", DETENTION, "党课"),  # h5-284
        ("被開除黨籍的人，以前交的黨費退不退？", EXPELLED, "党费"),  # traditional script
        ("受了留党察看处分，原来的职务还算不算？", PROBATION_WATCH, "职务"),
        ("重新入党以后，原来的党龄认不认？", EXPELLED, "党龄"),
        # a predicate whose words the answer never names says nothing either
        ("党员被开除以后，交过的党费能退回来吗？", EXPELLED, "党费"),
        ("开除党籍的人以前得的荣誉还算不算数？", EXPELLED, "荣誉"),
    ],
)
def test_a_bare_predicate_needs_its_subject_named(question: str, shown: str, term: str) -> None:
    assert unstated_yes_no(question, shown) == term


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("党费退不退？", "党员被开除党籍的，其已交纳的党费不予退还。"),
        ("黨齡能不能接著算？", "预备党员的党龄，从预备期满转为正式党员之日算起。"),
        (
            "预备党员的表决权有没有？",
            "预备党员的权利，除了没有表决权、选举权和被选举权以外，也同正式党员一样。",
        ),
        # a predicate with a word of its own is the other checks' (参加选举 ← 选举权)
        ("留党察看期间能不能参加选举？", PROBATION_WATCH),
        (
            "处分影响期满了，党组织要不要专门撤销这个处分？",
            "党员因违犯党纪受到处分，影响期满后，党组织无需取消对其的处分。",
        ),
        ("党员的组织关系能不能转？", "党员组织关系转接，应当由党员本人向所在党组织提出。"),
        # an actor told in the member's words (支部 ← 党组织), a word jieba only guesses (人调), the text asked for
        (
            "支部会不会把材料压着不往上交？",
            "党组织对党员作出处分决定……如果本人对处分决定不服，可以提出申诉。",
        ),
        (
            "终身问责是什么意思？人调走了还追不追责？",
            "不论其责任人是否调离转岗、提拔或者退休，都应当严肃问责。",
        ),
        (
            "入党宣誓时念的那段誓词，原文能发我一份吗？",
            "预备党员必须面向党旗进行入党宣誓。誓词如下：我志愿加入中国共产党……",
        ),
    ],
)
def test_a_subject_named_or_a_predicate_of_its_own_stays_answered(question: str, shown: str) -> None:
    assert unstated_yes_no(question, shown) is None


def test_yes_no_parts_split_subject_and_predicate() -> None:
    assert yes_no_parts("以前的党龄能不能接着算？") == ("以前的党龄", "接着算")
    assert yes_no_parts("以前交的党费退不退？") == ("以前交的党费", "退")
    assert yes_no_parts("预备党员可以当党小组组长吗？") == ("预备党员", "当党小组组长")
    assert yes_no_parts("各级监察委员会的性质是什么？") is None  # 什么 ends with 么, no yes/no ask


# --- a reduction of a payment ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "shown", "word"),
    [
        ("退休老党员交党费是不是可以减半？", FEES, "减半"),  # h5-265
        ("生活困难的党员党费能不能少交一点？", FEES, "少交"),
        ("大学生党员的党费可以免交吗？", "按期交纳党费的，可以申请加入中国共产党。", "免交"),
        ("退休干部的工资会不会降低？", "公务员实行国家统一规定的工资制度。", "降低"),
        ("退休老黨員交黨費可以減半嗎？", FEES, "减半"),
    ],
)
def test_a_reduction_needs_one_stated(question: str, shown: str, word: str) -> None:
    assert unstated_reduction(question, shown) == word


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("失业的党员党费能不能减免？", "对于经济确有困难的党员，经党支部同意，可以少交或免交党费。"),
        ("困难党员的党费能不能少交？", "生活困难的党员，经批准可以减交或者免交党费。"),
        ("黨費可以減半嗎？", "离退休干部的党费按照规定比例的一半交纳。"),
        (
            "有个党员半年不交党费，怎么处理？",
            "连续六个月不交纳党费，又不参加党的组织生活的，被认为是自行脱党。",
        ),
    ],
)
def test_a_stated_reduction_or_no_reduction_asked_stays_answered(question: str, shown: str) -> None:
    assert unstated_reduction(question, shown) is None


# --- a measure weighed by a yes/no ask -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "shown", "measure"),
    [
        ("讲党课有没有时长要求？", "党课应当针对党员思想和工作实际，回应普遍关心的问题。", "时长"),
        ("讲党课有没有时长要求？", "党委（党组）书记每年至少讲 1 次党课。", "时长"),  # a count is no duration
        (
            "党支部书记讲党课有没有时长要求？",
            "党委（党组）书记每年至少讲 1 次党课。党支部每月相对固定1 天开展主题党日。",
            "时长",
        ),  # a duration of another subject
        (
            "讲一次党课有没有规定要讲多长时间？",
            "党课应当针对党员思想和工作实际，回应普遍关心的问题。",
            "时间",
        ),
        ("党员大会有没有人数要求？", "党员大会是党支部的议事决策机构，由全体党员参加。", "人数"),
        ("思想汇报对字数有没有要求？", "入党积极分子应当定期向党组织汇报思想。", "字数"),
        ("講黨課有沒有時長要求？", "党课应当针对党员思想和工作实际，回应普遍关心的问题。", "时长"),
    ],
)
def test_a_measure_needs_a_number(question: str, shown: str, measure: str) -> None:
    assert unstated_measure(question, shown) == measure


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("想入党得满多少岁？年龄有没有门槛", "年满十八岁的中国工人、农民、军人……可以申请加入中国共产党。"),
        ("一个党支部的党员人数有没有上限？", "党员人数超过50人的，可以成立党的总支部委员会。"),
        ("监察机关留置时间可以延长吗？", DETENTION),
        (
            "全国代表会议增选中央委员，人数有没有上限？",
            "增选的中央委员不得超过党的全国代表大会选出的中央委员总数的五分之一。",
        ),
    ],
)
def test_a_measure_with_its_number_stays_answered(question: str, shown: str) -> None:
    assert unstated_measure(question, shown) is None


# --- a post asked for a kind of person ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "shown", "post"),
    [
        ("预备党员可以当党小组组长吗？", GROUPS, "党小组组长"),  # h5-323
        ("預備黨員可以當黨小組組長嗎？", GROUPS, "党小组组长"),
        (
            "入党积极分子能不能担任支部委员？",
            "党支部委员会由党员大会选举产生。入党积极分子由党支部指定培养联系人。",
            "支部委员",
        ),
        (
            "流动党员可以当支部书记吗？",
            "流动党员应当参加组织生活。党支部书记由支部委员会选举产生。",
            "支部书记",
        ),
    ],
)
def test_a_post_needs_the_person_and_the_post_together(question: str, shown: str, post: str) -> None:
    assert unstated_eligibility(question, shown) == post


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        (
            "我们支部有位同志正在留党察看，他能当别人的入党介绍人吗？",
            "受留党察看处分、尚未恢复党员权利的党员，不能作入党介绍人。",
        ),
        ("预备党员能不能当入党介绍人？", "入党介绍人应当由正式党员担任，预备党员不能作入党介绍人。"),
        ("入党介绍人可以由预备党员担任吗？", "入党介绍人应当由正式党员担任，预备党员不能作入党介绍人。"),
        ("公务员可以兼任企业的职务吗？", "公务员不得在企业或者其他营利性组织中兼任职务。"),
        (
            "入党积极分子要培养多久才能成为发展对象？",
            "经过一年以上培养教育和考察的入党积极分子，可列为发展对象。",
        ),
    ],
)
def test_a_post_stated_for_the_person_stays_answered(question: str, shown: str) -> None:
    assert unstated_eligibility(question, shown) is None


# --- an event still to come --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("那下一次修订是什么时候？", CAPTION),  # h5-313
        ("党章下一次修改会在哪一年？", "（中国共产党第十九次全国代表大会部分修改，2017年10月24日通过）"),
        ("监察法将来什么时候再修改？", "（2018年3月20日第十三届全国人民代表大会第一次会议通过）"),
        ("下次修訂是什麼時候？", CAPTION),
        ("纪律处分条例以后还会再修订吗？", CAPTION),
        ("党章将来会不会修改？", "（中国共产党第十九次全国代表大会部分修改，2017年10月24日通过）"),
    ],
)
def test_a_future_date_is_refused(question: str, shown: str) -> None:
    assert future_date(question, shown)


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("下一次党的全国代表大会什么时候开？", "党的全国代表大会每五年举行一次，由中央委员会召集。"),
        ("下届支委会什么时候选？", "支部委员会每届任期三年至五年，届满应当按期进行换届选举。"),
        ("纪律处分条例是什么时候施行的？", "本条例自2024年1月1日起施行。"),
        (
            "预备期满以后，下一步什么时候讨论转正？",
            "预备党员预备期满，党支部应当及时讨论其能否转为正式党员。",
        ),
        # a member's own paper, not a text that changes; an act on a member, not a revision
        ("入党志愿书写错了，以后要不要修改？", "申请入党的人，要填写入党志愿书。"),
        (
            "处分影响期满以后会不会取消处分？",
            "党员因违犯党纪受到处分，影响期满后，党组织无需取消对其的处分。",
        ),
    ],
)
def test_a_schedule_or_a_past_date_stays_answered(question: str, shown: str) -> None:
    assert not future_date(question, shown)


# --- a follow-up's new detail answered from the conversation's passage -------------------------------------------


def test_new_words_are_the_follow_ups_predicate_less_the_previous_question() -> None:
    assert new_words("那延长的预备期里要不要再宣一次誓？", "预备期可以延长多久？") == ["宣誓"]
    assert "通报" in new_words("考察不合格的话，会不会通报到他工作单位？", "入党积极分子多久考察一次？")
    assert new_words("察看期间能不能参加选举？", "留党察看最长多久？") == ["选举"]  # 参加: a light verb
    assert new_words("第三项是什么？", "党员有哪些义务？") == []  # no yes/no ask


@pytest.mark.parametrize(
    ("previous_question", "question", "shown", "word"),
    [
        ("预备期可以延长多久？", "那延长的预备期里要不要再宣一次誓？", PROBATION, "宣誓"),  # h5-306
        (
            "入党积极分子多久考察一次？",
            "考察不合格的话，会不会通报到他工作单位？",
            "入党积极分子工作、学习所在单位发生变动，应当及时报告原单位党组织。党支部每半年对入党积极分子进行一次考察。",
            "通报",
        ),  # h5-316
        ("党员大会多久开一次？", "那开会要不要录像？", "党员大会一般每季度召开一次。", "录像"),
        (
            "入党申请书交给谁？",
            "交上去以后会不会通知本人？",
            "入党申请人应当向工作、学习所在单位党组织提出入党申请。党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话。",
            "通知",
        ),
        ("預備期可以延長多久？", "延長的預備期裡要不要再宣一次誓？", PROBATION, "宣誓"),
    ],
)
def test_a_new_detail_from_the_previous_passage_is_refused(
    previous_question: str, question: str, shown: str, word: str
) -> None:
    previous = [_hit(shown, "doc#a7")]
    assert reused_topic(question, previous_question, previous, previous, shown) == word


@pytest.mark.parametrize(
    ("previous_question", "question", "shown"),
    [
        ("预备期可以延长多久？", "延长的话要不要支部大会讨论？", PROBATION),
        (
            "入党积极分子多久考察一次？",
            "考察的时候要不要听取群众意见？",
            "党支部每半年对入党积极分子进行一次考察，听取党内外群众的意见。",
        ),
        ("留党察看最长多久？", "察看期间能不能参加选举？", PROBATION_WATCH),
        ("預備期可以延長多久？", "延長的話要不要支部大會討論？", PROBATION),
    ],
)
def test_a_new_detail_the_passage_states_stays_answered(
    previous_question: str, question: str, shown: str
) -> None:
    previous = [_hit(shown, "doc#a7")]
    assert reused_topic(question, previous_question, previous, previous, shown) is None


def test_an_answer_about_another_subject_is_not_the_conversations() -> None:
    # the follow-up left the previous subject for one of its own: the answer neither reuses the passage nor covers the
    # previous question, so its words are the ordinary checks' business
    previous = [_hit(PROBATION, "doc#a7")]
    cited = [_hit("党员大会一般每季度召开一次。", "other#a21")]
    assert (
        reused_topic("那党员大会要不要录像？", "预备期可以延长多久？", previous, cited, cited[0].text) is None
    )


# --- a compound numbered term is not spelled out by a title and its deputy ---------------------------------------


def test_a_compound_is_not_spelled_out_by_one_thing_named_twice() -> None:
    article = (
        "省、自治区、直辖市、自治州、设区的市的人民政府分别由省长、副省长，自治区主席、副主席，市长、副市长，"
        "州长、副州长和秘书长、厅长、局长、委员会主任等组成。"
    )
    assert not enumerates_compound(normalize_for_match(article), "三区三州")  # h5-289
    assert enumerates_compound(
        normalize_for_match("坚持党员大会、支部委员会会议、党小组会和党课"), "三会一课"
    )
    assert enumerates_compound(
        normalize_for_match("不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场"), "四不两直"
    )


# --- the decision ------------------------------------------------------------------------------------------------


def test_assess_refuses_each_kind_with_its_message() -> None:
    cases = [
        ("被开除党籍的人，以前交的党费退不退？", EXPELLED, "unstated_object", "党费"),
        ("退休老党员交党费是不是可以减半？", FEES, "unstated_object", "减半"),
        ("预备党员可以当党小组组长吗？", GROUPS, "unstated_eligibility", "党小组组长"),
        ("纪律处分条例下一次修订是什么时候？", CAPTION, "future_event", None),
    ]
    for question, text, reason, term in cases:
        hit = _hit(text, title="中国共产党纪律处分条例")
        decision = assess(question, "general", [hit], text, threshold=0.9, best_dense=0.95, shown_text=text)
        assert decision.refuse and decision.reason == reason and decision.term == term, question
        message = refusal_message(decision.reason, decision.term)
        assert term is None or term in message
    assert "党小组组长" in refusal_message("unstated_eligibility", "党小组组长")
    assert "今后" in refusal_message("future_event")
