"""The provision that rules on a case told in members' words must lead and answer (issue 11, item 3; branch situ8).

The holdout5 examples were refused or answered from another article: h5-096 "孩子结婚，我是局长，大办酒席收礼会怎么处理"
(a what-to-do ask, "会怎么处理", was neither a verdict nor a duty ask, so no provision was ever tried as ruling on it),
h5-195 "……利害关系……要怎么办", h5-031 "两边人数差不多……该怎么办" (党章第十七条 "双方人数接近" was not even
retrieved: the scene words 支委会 pushed it out), h5-082 "违纪以后人跑了，一直联系不上" (下落不明), h5-085 / h5-251
"党组织违纪了……怎么处理" (the provision on a violating 党组织, not one on its members). Each is checked on its example
and on paraphrases written for this test (other wordings, traditional script), with the provisions quoted from the
source texts; cases that must not be ruled on are checked too.
"""

from __future__ import annotations

import pytest

from service.rag.refusal import assess
from service.rag.refusal.decision import Decision
from service.rag.situation import (
    act_score,
    asks_ruling,
    described_act,
    provision_violator,
    rules_on,
    rules_on_provision,
    ruling_provision,
    told_clauses,
    violator,
)
from service.schemas import Hit
from service.text.normalize import normalize_for_match

# 纪律处分条例 (2023)
D_9 = (
    "第九条 对于违犯党纪的党组织，上级党组织应当责令其作出书面检查或者给予通报批评。对于严重违犯党纪、本身又不能纠正"
    "的党组织，上一级党的委员会在查明核实后，根据情节严重的程度，可以予以：\n\n（一）改组；\n\n（二）解散。"
)
D_27 = (
    "党组织领导机构集体作出违犯党纪的决定或者实施其他违犯党纪的行为，对具有共同故意的成员，按共同违纪处理；对过失"
    "违纪的成员，按照各自在集体违纪中所起的作用和应负的责任分别给予处分。"
)
D_37 = (
    "对违纪后下落不明的党员，应当区别情况作出处理：\n\n（一）对有严重违纪行为，应当给予开除党籍处分的，党组织应当"
    "作出决定，开除其党籍；\n\n（二）除前项规定的情况外，下落不明时间超过六个月的，党组织应当按照党章规定对其予以除名。"
)
D_100 = (
    "利用职权或者职务上的影响操办婚丧喜庆事宜，造成不良影响的，给予警告或者严重警告处分；情节严重的，给予撤销党内职务"
    "处分；借机敛财或者有其他侵犯国家、集体和人民利益行为的，从重或者加重处分，直至开除党籍。"
)
D_112 = (
    "利用职权或者职务上的影响，违反有关规定占用公物归个人使用，时间超过六个月，情节较重的，给予警告或者严重警告处分；"
    "情节严重的，给予撤销党内职务处分。"
)
# 处分违纪党员批准权限和程序规定第四十二条
APPROVAL_42 = (
    "给予组织关系转出但尚未被接收的党员党纪处分，由其原所在党组织依照本规定履行处分审批程序。该党组织已撤销的，由继续"
    "行使其职权的党组织或者其上一级党组织办理。"
)
# 党章第十七条; 发展党员工作细则第二十条
CONST_17 = (
    "党组织讨论决定问题，必须执行少数服从多数的原则。决定重要问题，要进行表决。对于少数人的不同意见，应当认真考虑。"
    "如对重要问题发生争论，双方人数接近，除了在紧急情况下必须按多数意见执行外，应当暂缓作出决定，进一步调查研究，"
    "交换意见，下次再表决；在特殊情况下，也可将争论情况向上级组织报告，请求裁决。"
)
RECRUIT_20 = (
    "经基层党委预审合格的发展对象，由支部委员会提交支部大会讨论。\n\n召开讨论接收预备党员的支部大会，有表决权的到会"
    "人数必须超过应到会有表决权人数的半数。"
)
# 监督执纪工作规则第六十五条
SUPERVISION_65 = (
    "严格执行回避制度。审查调查审理人员是被审查调查人或者检举人近亲属、本案证人、利害关系人，或者存在其他可能影响公正"
    "审查调查审理情形的，不得参与相关审查调查审理工作，应当主动申请回避，被审查调查人、检举人以及其他有关人员也有权"
    "要求其回避。"
)

N = normalize_for_match


def _assess(question: str, title: str, locator: str, text: str, dense: float = 0.88) -> Decision:
    hit = Hit(doc_id="d", title=title, chunk_id=f"d#{locator}", locator=locator, text=text, score=1.0,
              scores={"dense": dense})  # fmt: skip
    return assess(question, "general", [hit], text, threshold=0.9, best_dense=dense, shown_text=text)


# -- what is asked: a verdict, a duty, or what to do about the case -------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "老板请我去外地旅游，费用他出，这违不违纪？",  # h5-093: the A-not-A verdict
        "把单位的车开回家自己用了好几个月，这个怎么定性？",  # h5-095
        "孩子结婚，我是局长，大办酒席收礼会怎么处理？",  # h5-096: 会怎么处理 holds no verdict word
        "纪委干部办案时遇到跟自己有利害关系的事要怎么办？",  # h5-195
        "支委会讨论一件大事，两边人数差不多，吵得不可开交，这时候该怎么办？",  # h5-031
        "一個黨組織違紀了，可以怎麼處理它？",  # traditional script
        "党员酒后驾车犯不犯法？",
    ],
)
def test_a_told_case_asks_for_a_ruling(question: str) -> None:
    assert asks_ruling(question)


@pytest.mark.parametrize("question", ["党员的义务有哪些？", "纪律处分有几种？", "党章是哪一年通过的？"])
def test_a_question_that_tells_no_case_asks_no_ruling(question: str) -> None:
    assert not asks_ruling(question)


def test_the_actor_and_the_ask_are_no_part_of_the_act() -> None:
    # the party's bodies and the superior who acts are actors: only the scene and the act remain
    assert (
        described_act("支委会讨论一件大事，两边人数差不多，吵得不可开交，这时候该怎么办？")
        == "讨论件大事两边人数差吵开交"
    )
    assert described_act("对违反纪律的党组织，上级可以怎么处理？") == ""
    assert told_clauses("支委会讨论一件大事，两边人数差不多，吵得不可开交，这时候该怎么办？")[:2] == [
        "讨论一件大事",
        "两边人数差不多",
    ]


# -- the act in everyday words, the provision in legal ones: formal forms count (vocabulary.tsv) ---------------
@pytest.mark.parametrize(
    ("question", "provision"),
    [
        ("孩子结婚，我是局长，大办酒席收礼会怎么处理？", D_100),  # h5-096: 结婚, 办酒 → 婚丧喜庆
        ("孩子結婚，我是局長，大辦酒席收禮會怎麼處理？", D_100),
        ("儿子结婚，我当处长，办酒席会受什么处分？", D_100),
        ("有个党员违纪以后人跑了，一直联系不上，党组织怎么处理？", D_37),  # h5-082: 联系不上 → 下落不明
        ("有個黨員違紀後失蹤了，一直聯繫不上，黨組織怎麼處理？", D_37),
        ("党员违纪以后找不到人已经大半年了，组织上该怎么办？", D_37),
        ("支委会讨论一件大事，两边人数差不多，吵得不可开交，这时候该怎么办？", CONST_17),  # h5-031
        ("党委开会讨论问题，两边人数差不多，争得很厉害，该怎么办？", CONST_17),
        ("纪委干部办案时遇到跟自己有利害关系的事要怎么办？", SUPERVISION_65),  # h5-195
    ],
)
def test_the_ruling_provision_rules_on_the_case(question: str, provision: str) -> None:
    assert rules_on_provision(question, N(provision))


@pytest.mark.parametrize(
    ("question", "provision"),
    [
        ("孩子结婚，我是局长，大办酒席收礼会怎么处理？", D_112),  # another act
        ("有个党员违纪以后人跑了，一直联系不上，党组织怎么处理？", APPROVAL_42),  # procedure, not the case
        ("把单位的车开回家自己用了好几个月，这个怎么定性？", RECRUIT_20),  # shares only 单位-like scene words
        ("孩子结婚办酒席，按规定什么叫婚丧喜庆？", D_100),  # asks no ruling
    ],
)
def test_a_provision_on_another_act_does_not_rule_on_the_case(question: str, provision: str) -> None:
    assert not rules_on_provision(question, N(provision))


# -- the violator asked: a 党组织 that broke discipline is not a 党员 -----------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "一个党组织违纪了，可以怎么处理它？",  # h5-085
        "那对违纪的党组织怎么处理？",  # h5-251, after "对党员的纪律处分有几种？"
        "对违反纪律的党组织，上级可以怎么处理？",
        "一個黨組織違紀了，可以怎麼處理它？",
    ],
)
def test_a_violating_party_organisation_is_ruled_on_by_the_provision_on_organisations(question: str) -> None:
    assert violator(question) == "党组织"
    assert rules_on_provision(question, N(D_9))
    assert not rules_on_provision(question, N(D_27))  # its members' liability, not the organisation's
    assert ruling_provision(question, [("27", D_27), ("9", D_9)], lead=True) == 1


def test_the_violator_a_provision_opens_with() -> None:
    assert provision_violator(N(D_9)) == "党组织"
    assert provision_violator(N(D_37)) == "党员"
    # named further on, a violator is not what the provision deals with
    assert (
        provision_violator(
            N("实施党纪处分，上级党组织对违犯党纪的党组织和党员作出的处理决定，下级党组织必须执行。")
        )
        is None
    )
    assert violator("有个党员违纪以后人跑了，党组织怎么处理？") == "党员"
    # a question on a violating 党员 is not ruled on by the provision on organisations when it tells no act
    assert not rules_on_provision("违纪的党员怎么处理？", N(D_9))


# -- a provision whose subject is a party body does not rule on a member's act (issue 11; branch situ9) ----------
# 纪律处分条例 (2023) 第一百三十六条 (its first item), 第一百四十七条, 第一百零八条, 第一百零三条 (its first item)
D_136 = (
    "第一百三十六条 党组织有下列行为之一，对直接责任者和领导责任者，情节较重的，给予警告或者严重警告处分；情节严重的，"
    "给予撤销党内职务或者留党察看处分：\n\n（一）党员被立案审查期间，擅自批准其出差、出国（境）、辞职，或者对其交流、"
    "提拔职务、晋升职级、进一步使用、奖励，或者办理退休手续；"
)
D_147_WHOLE = (
    "第一百四十七条 临时出国（境）团（组）或者人员中的党员，擅自延长在国（境）外期限，或者擅自变更路线的，对直接责任者"
    "和领导责任者，给予警告或者严重警告处分；情节严重的，给予撤销党内职务处分。"
)
D_108 = (
    "第一百零八条 党和国家机关违反有关规定经商办企业的，对直接责任者和领导责任者，给予警告或者严重警告处分；情节严重的，"
    "给予撤销党内职务处分。"
)
D_103 = (
    "第一百零三条 违反有关规定从事营利活动，有下列行为之一，情节较轻的，给予警告或者严重警告处分；情节较重的，给予撤销"
    "党内职务或者留党察看处分；情节严重的，给予开除党籍处分：\n\n（一）经商办企业；"
)


@pytest.mark.parametrize(
    "question",
    [
        "党员临时出国期间违纪怎么处理",  # the example (test_predicate_traps)
        "黨員臨時出國期間違紀怎麼處理",
        "党员随团临时出国期间违纪了，怎么处理？",
        "有党员在临时出国期间违反纪律，该怎么处理？",
    ],
)
def test_a_member_abroad_is_ruled_on_by_the_provision_on_members_not_on_organisations(question: str) -> None:
    assert violator(question) == "党员"
    assert not rules_on_provision(question, N(D_136))  # its subject is the 党组织 that approved the trip
    assert rules_on_provision(question, N(D_147_WHOLE))
    # 第一百四十七条 led; 第一百三十六条 shares more of the act's characters but cannot replace it, nor lead itself
    assert ruling_provision(question, [("147", D_147_WHOLE), ("136", D_136)], lead=True) == 0
    assert ruling_provision(question, [("136", D_136), ("147", D_147_WHOLE)], lead=True) == 1


@pytest.mark.parametrize(
    "question",
    [
        "党员在职期间私下经商办企业违纪了怎么处理？",
        "黨員偷偷經商辦企業違紀了怎麼處理？",
    ],
)
def test_a_member_doing_business_is_not_ruled_on_by_the_provision_on_state_organs(question: str) -> None:
    assert violator(question) == "党员"
    assert not rules_on_provision(question, N(D_108))  # 党和国家机关 is the one who acts there
    assert rules_on_provision(question, N(D_103))
    assert ruling_provision(question, [("108", D_108), ("103", D_103)], lead=True) == 1


def test_a_body_subject_is_told_from_a_person_of_the_body() -> None:
    from service.rag.situation import provision_subject

    assert provision_subject(N(D_136)) == "党组织"
    assert provision_subject(N(D_108)) == "党组织"
    assert provision_subject(N(D_147_WHOLE)) is None
    assert provision_subject(N(D_103)) is None
    # a person of the body acts for himself: "党组织负责人", "党委书记" are no body
    assert provision_subject(N("党组织负责人在选举中搞拉票的，给予警告处分。")) is None
    assert provision_subject(N("党委书记违反规定干预选举的，给予警告处分。")) is None
    # a 党组织 asked about, or a member whose breach is not tied to him in one clause, keeps the old reading
    assert violator("一个党组织违纪了，可以怎么处理它？") == "党组织"
    assert violator("党员发现党组织违纪怎么办？") == "党组织"  # the 党 of 党组织 ends the member's clause


# -- a later paragraph that applies the first's sanction rules on its own act (reg-036; branch situ9) -----------
D_103_WHOLE = (
    D_103
    + "\n\n（二）拥有非上市公司（企业）的股份或者证券；\n\n（三）买卖股票或者进行其他证券投资；\n\n（四）从事有偿中介活动；"
    "\n\n（五）在国（境）外注册公司或者投资入股；\n\n（六）其他违反有关规定从事营利活动的行为。\n\n利用参与企业重组改制、"
    "定向增发、兼并投资、土地使用权出让等工作中掌握的信息买卖股票，利用职权或者职务上的影响通过购买信托产品、基金等方式"
    "非正常获利的，依照前款规定处理。\n\n违反有关规定在经济组织、社会组织等单位中兼职，或者经批准兼职但获取薪酬、奖金、"
    "津贴等额外利益的，依照第一款规定处理。"
)
D_96 = (
    "第九十六条 纵容、默许配偶、子女及其配偶等亲属、身边工作人员和其他特定关系人利用党员干部本人职权或者职务上的影响"
    "谋取私利，情节较轻的，给予警告或者严重警告处分；情节较重的，给予撤销党内职务或者留党察看处分；情节严重的，给予开除"
    "党籍处分。\n\n党员干部的配偶、子女及其配偶等亲属和其他特定关系人不实际工作而获取薪酬或者虽实际工作但领取明显超出"
    "同职级标准薪酬，党员干部知情未予纠正的，依照前款规定处理。"
)
D_112_WHOLE = (
    "第一百一十二条 "
    + D_112
    + "\n\n占用公物进行营利活动的，给予警告或者严重警告处分；情节较重的，给予撤销党内职务或者"
    "留党察看处分；情节严重的，给予开除党籍处分。\n\n将公物借给他人进行营利活动的，依照前款规定处理。"
)


def _shown(locator: str, provision: str) -> str:
    return f"根据《中国共产党纪律处分条例》{locator}：{provision.split(' ', 1)[1]}[1]"


@pytest.mark.parametrize(
    "question",
    [
        "我是公职党员，下班后帮亲戚开的公司做兼职拿工资，违纪吗？",  # reg-036
        "我在机关上班，业余时间去朋友的公司兼职领工资，算违纪吗？",
        "我是公務員黨員，下班後到親戚開的公司兼職拿工資，違紀嗎？",
    ],
)
def test_a_paragraph_applying_the_first_sanction_rules_on_its_own_act(question: str) -> None:
    shown = _shown("第一百零三条", D_103_WHOLE)
    # the first paragraph and its items (经商办企业, 股份, 股票 …) do not tell the act of reg-036; the 兼职 one does
    from service.rag.situation import _lead, rules_by_reference

    if question.startswith(
        "我是公职党员"
    ):  # reg-036 was refused: its lead paragraph and items hold too little
        assert not rules_on_provision(question, _lead(shown))
    assert rules_on(question, shown)
    assert rules_by_reference(question, N(D_103_WHOLE.split("\n\n")[-1]))
    # the paragraph on 获利 from 重组改制 lends it no characters: alone, it does not rule
    assert not rules_by_reference(question, N(D_103_WHOLE.split("\n\n")[-2]))
    # 第九十六条's relatives paid for no work share 亲属 and 薪酬 and not one word of the act: 第一百零三条 leads
    assert ruling_provision(question, [("96", D_96), ("103", D_103_WHOLE)], lead=True) == 1
    assert not _assess(question, "中国共产党纪律处分条例", "第一百零三条", D_103_WHOLE).refuse


def test_a_referring_paragraph_of_another_article_rules_on_its_act() -> None:
    shown = _shown("第一百一十二条", D_112_WHOLE)
    assert rules_on("把公物借给别人搞营利活动，违纪吗？", shown)
    assert rules_on("把公物借給別人搞營利活動，怎麼處理？", shown)


@pytest.mark.parametrize(
    "question",
    [
        "下班后去健身房锻炼违纪吗？",  # no act of the article at all
        "周末去朋友的公司帮忙，违纪吗？",  # 公司 → 经济组织 is a scene word; no word of the act is held
    ],
)
def test_a_referring_paragraph_needs_a_word_of_the_act(question: str) -> None:
    assert not rules_on(question, _shown("第一百零三条", D_103_WHOLE))


# -- the ruling provision leads: retrieval order yields to it, a lead that rules keeps its place ----------------
def test_the_provision_holding_the_act_replaces_a_lead_sharing_the_scene() -> None:
    question = "支委会讨论一件大事，两边人数差不多，吵得不可开交，这时候该怎么办？"
    assert act_score(question, N(CONST_17)) > act_score(question, N(RECRUIT_20))
    assert ruling_provision(question, [("20", RECRUIT_20), ("17", CONST_17)], lead=True) == 1
    # h5-082: the procedure article that led does not rule on the case; the ruling one keeps the lead it takes
    question = "有个党员违纪以后人跑了，一直联系不上，党组织怎么处理？"
    assert ruling_provision(question, [("37", D_37), ("42", APPROVAL_42)], lead=True) == 0
    assert ruling_provision(question, [("42", APPROVAL_42), ("37", D_37)]) == 1


def test_a_lead_that_rules_keeps_its_place() -> None:
    question = "孩子结婚，我是局长，大办酒席收礼会怎么处理？"
    assert ruling_provision(question, [("100", D_100), ("112", D_112)], lead=True) == 0
    assert ruling_provision(question, [("112", D_112)], lead=True) is None
    assert ruling_provision("党员的义务有哪些？", [("100", D_100)]) is None


def test_a_title_the_provision_cites_is_no_part_of_the_act() -> None:
    # "那2018版呢" after "现行条例对参加迷信活动怎么处分": the question names the 纪律处分条例, and 问责条例第七条 only
    # cites that title ("依照《中国共产党纪律处分条例》追究纪律责任"); the 2018 article on 迷信活动 keeps the lead
    question = "中国共产党纪律处分条例对参加迷信活动怎么处分？"
    superstition = "第六十三条 组织迷信活动的，给予撤销党内职务或者留党察看处分；参加迷信活动，造成不良影响的，给予警告或者严重警告处分。"
    accountability = (
        "第七条 对党组织的问责方式包括：（四）纪律处分。对失职失责应当给予纪律处分的，依照《中国共产党纪律处分条例》"
        "追究纪律责任。"
    )
    assert ruling_provision(question, [("63", superstition), ("7", accountability)], lead=True) == 0


# -- the refusal check answers what the ruling provision rules on --------------------------------------------
@pytest.mark.parametrize(
    ("question", "locator", "provision"),
    [
        ("孩子结婚，我是局长，大办酒席收礼会怎么处理？", "第一百条", D_100),
        ("纪委干部办案时遇到跟自己有利害关系的事要怎么办？", "第六十五条", SUPERVISION_65),
        ("支委会讨论一件大事，两边人数差不多，吵得不可开交，这时候该怎么办？", "第十七条", CONST_17),
    ],
)
def test_the_ruling_provision_is_not_refused(question: str, locator: str, provision: str) -> None:
    decision = _assess(question, "规定", locator, provision)
    assert not decision.refuse, decision


def test_a_list_article_rules_with_its_items() -> None:
    # the lead paragraph opens the list, the item names the case: both are the provision
    shown = (
        "办理监察事项的监察人员有下列情形之一的，应当自行回避：\n\n（一）是监察对象或者检举人的近亲属的；"
        "\n\n（二）本人或者其近亲属与办理的监察事项有利害关系的；"
    )
    assert rules_on("办案时遇到跟自己有利害关系的事要怎么办？", shown)
    assert not rules_on("办案时遇到跟自己有利害关系的事要怎么办？", shown.split("\n\n")[0])


def test_a_case_no_shown_provision_rules_on_stays_refused() -> None:
    # h5-093's neighbour trap kind: a scene word (旅游) and no provision on the act
    decision = _assess(
        "周末自费去外地旅游，要怎么办手续？", "中国共产党纪律处分条例", "第一百一十二条", D_112
    )
    assert decision.refuse, decision
