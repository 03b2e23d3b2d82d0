"""Traps whose asked object or detail is absent from the evidence while its neighbouring words match (issue 11,
item 5; holdout4 h4-287, h4-315, h4-323), and the answerable look-alikes whose object the evidence names in other
words. Each example with the right answer spelled out: the thing the refusal names, or None (answered)."""

from __future__ import annotations

import pytest

from service.rag.refusal import Decision, assess, refusal_message
from service.rag.refusal.asked_object import other_event_object, unnamed_subject
from service.rag.refusal.figures import uncounted
from service.schemas import Hit


def _hit(title: str, locator: str, text: str) -> Hit:
    return Hit(
        doc_id=title, title=title, chunk_id=f"{title}#{locator}", locator=locator, text=text, score=1.0
    )


def _rule(text: str) -> Hit:
    return Hit(doc_id="r", title="规则", chunk_id="r#1", locator="第一条", text=text, score=1.0,
               doc_type="party_regulation")  # fmt: skip


RECRUIT = "中国共产党发展党员工作细则"
# short passages of the texts retrieved for the traps (the near passages) and for their look-alikes
ACTIVIST_CONTACT = _hit(
    RECRUIT,
    "第九条",
    "党组织应当指定一至两名正式党员作入党积极分子的培养联系人。培养联系人的主要任务是：（一）向入党积极分子介绍党的基本知识；",
)
ACTIVIST_TRAINING = _hit(
    RECRUIT,
    "第十条",
    "党组织应当采取吸收入党积极分子听党课、参加党内有关活动，给他们分配一定的社会工作以及集中培训等方法，对入党积极分子进行教育。",
)
OATH = _hit(
    RECRUIT,
    "第三十条",
    "预备党员必须面向党旗进行入党宣誓。入党宣誓仪式，一般由基层党委或党支部（党总支）组织进行。",
)
PATRIOTIC = _hit(
    "中华人民共和国爱国主义教育法",
    "第三十条",
    "组织举办重大庆祝、纪念活动和大型文化体育活动、展览会，应当依法举行庄严、隆重的升挂国旗、奏唱国歌仪式。"
    "依法公开举行宪法宣誓、军人和预备役人员服役宣誓等仪式时，应当在宣誓场所悬挂国旗、奏唱国歌，誓词应当体现爱国主义精神。",
)
APPLICATION = _hit(
    RECRUIT,
    "第六条",
    "入党申请人应当向工作、学习所在单位党组织提出入党申请，没有工作、学习单位或工作、学习单位未建立党组织的，"
    "应当向居住地党组织提出入党申请。",
)
SPONSORS = _hit(
    RECRUIT,
    "第十四条",
    "发展对象应当有两名正式党员作入党介绍人。入党介绍人一般由培养联系人担任，也可由党组织指定。",
)
ARCHIVE = _hit(
    RECRUIT,
    "第三十七条",
    "预备党员转正后，党支部应当及时将其《中国共产党入党志愿书》、入党申请书、政治审查材料、转正申请书和培养教育考察材料，"
    "交党委存入本人人事档案。",
)
DUES = _hit("中国共产党章程", "第三条", "党员必须履行下列义务：……（八）按照规定交纳党费。")
PROBATION = _hit(
    "中国共产党章程",
    "第七条",
    "预备党员的义务同正式党员一样。预备党员的权利，除了没有表决权、选举权和被选举权以外，也同正式党员一样。",
)
WANZHOU = _hit(
    "在“铸魂、塑形、固本、赋能”上下足功夫 切实增强党组织政治功能和组织功能",
    "第1-4段",
    "萬州區將在“鑄魂、塑形、固本、賦能”四個方面下足功夫,切實增強黨組織政治功能和組織功能,持續把基層黨組織建設成有效實現黨的領導的堅強戰斗堡壘。",
)

TRAINING_HITS = [ACTIVIST_TRAINING, ACTIVIST_CONTACT, OATH]


@pytest.mark.parametrize(
    ("question", "hits", "absent"),
    [
        # the holdout4 example (h4-323) and its paraphrases: the issued thing is named by no cited passage
        ("入党积极分子培训的结业证书由哪一级党组织发？", TRAINING_HITS, "结业证书"),
        ("入黨積極分子培訓的結業證書由哪一級黨組織發？", TRAINING_HITS, "结业证书"),
        ("参加完积极分子培训班，结业证书一般是谁发？", TRAINING_HITS, "结业证书"),
        ("党员证由哪一级党组织颁发？", [OATH, DUES], "党员证"),
        ("哪一级党组织负责颁发入党积极分子的结业证书？", TRAINING_HITS, "结业证书"),
        ("积极分子培训结束后，谁给发结业证书？", TRAINING_HITS, "结业证书"),
        ("交党费的收据应当由谁开具？", [DUES], "收据"),
        ("“光荣在党50年”纪念章由哪个部门颁发？", [DUES, OATH], "光荣在党50年纪念章"),
        ("发展对象的培训合格证由哪个部门签发？", TRAINING_HITS, "培训合格证"),
    ],
)
def test_the_subject_of_a_who_ask_must_be_named(question: str, hits: list[Hit], absent: str) -> None:
    assert unnamed_subject(question, hits) == absent


@pytest.mark.parametrize(
    ("question", "hits"),
    [
        ("入党宣誓仪式由谁组织？", [OATH]),  # 入党宣誓仪式 … 由基层党委或党支部组织进行
        ("入党介绍人由谁担任？", [SPONSORS]),
        ("我在外地打零工，没有固定单位，入党申请书该交给谁？", [APPLICATION]),  # 申请书 ← 提出入党申请
        ("转正以后入党志愿书由谁保管？", [ARCHIVE]),
        ("入党宣誓用的党旗由谁准备？", [OATH]),
        ("入党积极分子的培养联系人由谁指定？", [ACTIVIST_CONTACT]),
        ("谁负责保管入党志愿书？", [ARCHIVE]),
        ("哪一级党组织负责发展党员？", [ACTIVIST_CONTACT]),  # 发展 is no 发 (issue)
        (
            "违纪党员的申诉材料由谁受理？",
            [_hit("中国共产党章程", "第四条", "党员有权向党组织提出申诉，党组织应当负责处理。")],
        ),
    ],
)
def test_a_subject_the_evidence_names_is_answered(question: str, hits: list[Hit]) -> None:
    assert unnamed_subject(question, hits) is None


@pytest.mark.parametrize(
    ("question", "hits", "absent"),
    [
        # the holdout4 example (h4-287): 奏唱国歌 is said for 宪法宣誓 and 庆祝活动, not for 入党宣誓
        ("入党宣誓仪式上要不要唱国歌？流程是什么？", [OATH, PATRIOTIC], "唱国歌"),
        ("入黨宣誓儀式上要不要唱國歌？", [OATH, PATRIOTIC], "唱国歌"),
        ("入党宣誓的时候需不需要奏唱国歌", [PATRIOTIC, OATH], "唱国歌"),
        ("入党宣誓仪式上要不要悬挂国旗？", [OATH, PATRIOTIC], "悬挂国旗"),
    ],
)
def test_the_object_of_a_yes_no_ask_must_be_said_for_the_setting(
    question: str, hits: list[Hit], absent: str
) -> None:
    assert other_event_object(question, hits) == absent


@pytest.mark.parametrize(
    ("question", "hits"),
    [
        ("宪法宣誓仪式上要不要奏唱国歌？", [PATRIOTIC]),
        ("升国旗仪式上要不要奏唱国歌？", [PATRIOTIC]),
        ("入党宣誓的时候要不要面向党旗？", [OATH, PATRIOTIC]),
        ("预备党员要不要交党费？", [DUES]),  # no setting: the general rule answers
        # the setting in the member's words (上任 for 就职), the object said for it
        (
            "公务员上任的时候要不要宣誓？",
            [_hit("中华人民共和国公务员法", "第九条", "公务员就职时应当依照法律规定公开进行宪法宣誓。")],
        ),
        ("预备党员在支部选举时要不要投票？", [PROBATION]),  # 选举权 answers it for 预备党员, in other words
        ("入党宣誓仪式上要不要佩戴党徽？", [OATH]),  # named nowhere: left to the coverage checks
        # a general rule naming no other event ("选举采用无记名投票的方式")
        (
            "支部党员大会选举时要不要无记名投票？",
            [
                _hit(
                    "中国共产党章程",
                    "第十一条",
                    "党的各级委员会的产生，要体现选举人的意志。选举采用无记名投票的方式。",
                )
            ],
        ),
    ],
)
def test_an_object_said_for_the_setting_is_answered(question: str, hits: list[Hit]) -> None:
    assert other_event_object(question, hits) is None


@pytest.mark.parametrize(
    ("question", "shown", "counted"),
    [
        # the holdout4 follow-up (h4-315): "四個方面" counts 方面, not 基层党组织
        ("那万州一共有多少个基层党组织？", WANZHOU.text, "基层党组织"),
        ("吉林省一共有多少个党支部？", "吉林省从四个方面加强党支部标准化规范化建设。", "党支部"),
        ("石马村总共有几名党员？", "石马村党支部书记马景刚带领党员群众发展产业。", "党员"),
    ],
)
def test_a_place_total_needs_a_number_counting_the_noun(question: str, shown: str, counted: str) -> None:
    # a place's total is checked whatever the evidence (``figures.uncounted``): a rule's hit as well as a report's
    assert uncounted(question, shown, [_rule(shown)]) == counted


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("万州一共有多少个基层党组织？", "万州区共有基层党组织3200个。"),
        ("万州一共有多少个基层党组织？", "全区3200多个基层党组织全部完成换届。"),
        ("党章一共有多少条？", "《中国共产党章程》共11章、55条。"),  # no place: not checked
        ("一个党支部一共有多少个委员？", "支部委员会由三至五人组成。"),
    ],
)
def test_a_count_of_the_noun_or_no_place_is_answered(question: str, shown: str) -> None:
    assert uncounted(question, shown, [_rule(shown)]) is None


def test_assess_refuses_with_the_asked_thing_named() -> None:
    question = "入党积极分子培训的结业证书由哪一级党组织发？"
    shown = ACTIVIST_TRAINING.text
    decision = assess(
        question, "general", TRAINING_HITS, shown, threshold=0.9, best_dense=0.95, shown_text=shown
    )
    assert decision == Decision(True, "unstated_object", decision.coverage, decision.support, term="结业证书")
    assert "结业证书" in refusal_message(decision.reason, decision.term)
    counted = assess(
        "那万州一共有多少个基层党组织？",
        "quantity",
        [WANZHOU],
        WANZHOU.text,
        threshold=0.9,
        best_dense=0.95,
        shown_text=WANZHOU.text,
    )
    assert counted.refuse and counted.reason in {"uncounted", "no_number"}
    assert not assess(
        "入党宣誓仪式由谁组织？",
        "general",
        [OATH],
        OATH.text,
        threshold=0.9,
        best_dense=0.95,
        shown_text=OATH.text,
    ).refuse


@pytest.mark.parametrize(
    ("question", "evidence", "attribute"),
    [
        # probe4 h4-289: "每月相对固定1天" says how often, not which day of the month
        (
            "主題黨日一般固定在每個月的幾號？",
            "党支部每月相对固定1 天开展主题党日，组织党员集中学习。",
            "日期",
        ),
        ("党费每个月几号之前要交？", "党员应当每月交纳党费。", "日期"),
        ("支部委员会会议每月哪一天开？", "党支部委员会会议一般每月召开1次。", "日期"),
        # a day stated answers; a period of days (几日内) is no day of the month
        ("主题党日每月几号开？", "每月5日为主题党日。", None),
        ("受理后几日内答复？", "应当在15日内答复。", None),
        ("党的生日是几月几号？", "七一建党节。", None),
    ],
)
def test_a_day_of_the_month_asked_needs_a_day_stated(
    question: str, evidence: str, attribute: str | None
) -> None:
    from service.rag.refusal import unstated_attribute

    assert unstated_attribute(question, evidence) == attribute


@pytest.mark.parametrize(
    ("question", "shown", "subject"),
    [
        # h4-287's second clause and paraphrases: the texts name the ceremony, not its programme
        ("入党宣誓仪式上要不要唱国歌？流程是什么？", OATH.text, "入党宣誓仪式"),
        ("入党宣誓仪式的流程是什么？", OATH.text, "入党宣誓仪式"),
        ("入黨宣誓儀式有哪些環節？", OATH.text, "入党宣誓仪式"),
        ("升国旗仪式的流程是怎样的？", PATRIOTIC.text.split("。")[0], "升国旗仪式"),
        # a sequence stated answers
        (
            "召开组织生活会有什么程序？",
            "组织生活会应当确定主题，会前认真学习，谈心谈话，听取意见；会上查摆问题，开展批评和自我批评。",
            None,
        ),
        ("党员退党要走什么程序？", "党员要求退党，应当经支部大会讨论后宣布除名，并报上级党组织备案。", None),
        (
            "支部大会讨论接收预备党员的程序是什么？",
            "支部大会讨论接收预备党员的主要程序是：（一）发展对象汇报对党的认识；（二）入党介绍人介绍情况；",
            None,
        ),
        ("入党宣誓仪式由谁组织？", OATH.text, None),  # no procedure asked
    ],
)
def test_a_procedure_asked_needs_a_sequence_of_steps(question: str, shown: str, subject: str | None) -> None:
    from service.rag.refusal.asked_object import unstated_procedure

    assert unstated_procedure(question, shown) == subject
