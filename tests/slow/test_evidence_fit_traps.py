"""Traps answered with evidence that does not fit the question (issue 11, item 5), over the shipped knowledge with
the real embedder: members' own questions, not the blind sets'. Each kind of trap has near misses next to it that the
knowledge base does answer, with the spans a right answer holds; the rules are unit-tested in
tests/unit/test_refusal_evidence_fit.py."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container
from service.rag.refusal import LOCAL_EVENT_MESSAGE, MENTION_ONLY_MESSAGE, PRACTICE_MESSAGE

pytestmark = pytest.mark.slow


TRAPS = [
    # 1. the asked bound is not the stated one
    "入党积极分子培养考察最长要多长时间？",  # 细则第十三条: 一年以上 (a minimum)
    "支部书记的党龄最多要几年？",  # 支部工作条例第二十三条: 1 年以上党龄
    "党员领导干部党龄最多要多少年？",
    "入党年龄最大不能超过多少岁？",  # 党章第一条: 年满十八岁 (a minimum)
    # 2. a count the texts never give, from an adoption note or a body's name
    "政治局常委有几个人？",  # 题注: 中共中央政治局常委会会议审议批准
    "中央政治局委员一共多少人？",
    "中央纪委常委有几个人？",  # 纪委工作条例第九条 lists five duties, no members
    "中央办公厅有多少个局？",
    "2024年修订的监察法增加了哪些内容？",  # the 题注 lists the revision, not what it changed
    # 3. a quantity of another body
    "党支部选举时候选人要比应选人多几个？",  # 地方组织法: 人民代表大会's candidates
    "村民委员会成员候选人要比应选人多几个？",
    "乡镇党委委员选举候选人要多出几个？",
    "基层党组织选举候选人差额比例是多少？",
    # 4. numbered terms only mentioned
    "什么是四个合格？",
    "两个确立指的是什么？",
    "两个维护是什么？",
    # 5. practice and format
    "入党志愿书能不能网上填电子版？",
    "思想汇报有没有字数要求？",
    "入党申请书要手写吗？",
    "入党申请书可以打印出来交吗？",
    "入党申请书有没有固定格式？",
    "入党志愿书可以用铅笔填吗？",
    "转正申请书需要手写吗？",
    "思想汇报能用微信发给支部书记吗？",
    "入党自传要写多少字？",
    "入党申请书能找人代写吗？",
    "入党申请书要写多长？",
    "入党志愿书填错了能涂改吗？",
    "支部大会可以开视频会议吗？",
    # 6. rates, later revisions, local events and office holders
    "党费按工资的百分之几交？",
    "2026年党章又修改了吗？",
    "我们支部今年的发展名额有几个？",
    "中央纪委书记是谁？",
    "现任中组部部长是谁？",
    "中央军委主席是谁？",
    pytest.param(
        "全国人大代表有多少名？",  # 地方组织法: 代表三十人以上书面联名 is who may nominate
        marks=pytest.mark.xfail(
            strict=True,
            reason="known interaction of the session-10 merges (see CHANGELOG, Known regressions): a head count of 人/名 answered by 候选人数可以多一人",
        ),
    ),
    "党员组织关系转出后多久要转入？",  # trial 3, item 29
    "入党积极分子每个月必须交几篇思想汇报？",  # trial 3, item 26
    # 7. another act's deadline, another thing's count (trial 4, F)
    "党的纪律检查机关审查调查的期限是多长？",  # 监督执纪工作规则: 由两人以上进行; 24小时内通知家属
    "审查调查最长多久？",
    "党员领导干部每年要开几次民主生活会？",  # 支部工作条例第十六条: 每年至少讲 1 次党课
    "党支部书记每年向谁述职几次？",  # 至少参加 1 次……集中轮训; 县级党委每年至少专题研究1次
]


@pytest.mark.parametrize("question", TRAPS)
def test_a_trap_is_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("入党申请书要手写吗？", "手写"),
        ("思想汇报有没有字数要求？", "字数"),
        ("入党志愿书能不能网上填电子版？", "网上"),
    ],
)
def test_a_practice_refusal_names_what_the_texts_do_not_settle(
    container: Container, question: str, word: str
) -> None:
    _refused(container.answerer.ask(question), PRACTICE_MESSAGE.format(term=word))


def test_office_holders_and_mentioned_terms_say_why(container: Container) -> None:
    _refused(container.answerer.ask("中央纪委书记是谁？"), LOCAL_EVENT_MESSAGE)
    _refused(container.answerer.ask("什么是四个合格？"), MENTION_ONLY_MESSAGE.format(term="四个合格"))


NEAR_MISSES = {
    # the bound asked is stated, or the value is exact
    "发展对象培养考察时间至少多久？": ("一年以上培养教育和考察",),
    "预备期延长最长多久？": ("最长不超过一年",),
    "预备期延长最少要多久？": ("延长时间不能少于半年",),
    "党支部委员会最多几个人？": ("一般不超过 7 人",),
    "党支部委员会至少几个人组成？": ("由 3 至 5 人组成",),
    "预备期最短多久？": ("预备期为一年",),
    "留置最长多久？": ("留置时间不得超过三个月",),
    "留党察看最长多长时间？": ("留党察看最长不超过两年",),
    "党支部委员会每届任期最多几年？": ("每届任期三年至五年",),
    "受到严重警告处分后至少多久不能提拔？": ("受到严重警告处分一年半内",),
    "开除党籍的人最少几年内不得重新入党？": ("五年内不得重新入党",),
    "入党介绍人最少几个？": ("两名正式党员",),
    "年满多少岁可以申请入党？": ("年满十八岁",),
    "支部书记要有几年党龄？": ("1 年以上党龄",),
    "正式党员多少人以上要设支部委员会？": ("有正式党员 7 人以上的党支部",),
    # the body asked is the body of the number
    "居民委员会每届任期几年？": ("居民委员会每届任期五年",),
    "乡镇人大副主席的候选人数要比应选人数多几个？": ("候选人数应比应选人数多一人至三人",),
    # an adoption note answers when a text was adopted
    "纪律处分条例是哪年通过的？": ("2003年12月23日中共中央政治局会议审议批准",),
    "组织处理规定是什么时候发布的？": ("2021年3月19日中共中央办公厅发布",),
    # a medium named in the situation, or by the evidence
    "在网上发表反对党的方针的文章，会受什么处分？": ("通过网络",),
    "网上有人编段子恶搞英雄烈士，这违法吗？": ("禁止歪曲、丑化、亵渎、否定英雄烈士事迹和精神",),
    "入党志愿书由谁制定式样？": ("式样由中央组织部负责制定",),
    "党组织收到入党申请书后多久要找人谈话？": ("一个月内派人同入党申请人谈话",),
    # numbered terms the texts spell out
    "四个自信具体指什么？": ("道路自信、理论自信、制度自信、文化自信",),
    "两个一百年是什么？": ("到建党一百年时", "到新中国成立一百年时"),
    "四个服从是什么？": ("党员个人服从党的组织", "少数服从多数"),
    "党小组会多久开一次？": ("每月召开 1 次",),
    "村民委员会由几个人组成？": ("共三至七人组成",),
    # a deadline of the act asked about
    "线索处置要在多长时间内完成？": ("1个月内提出",),
    "审理工作一般多长时间完成？": ("1个月内完成",),
    "复议复查要多久？": ("3个月内办结",),
    "谈话函询后多久要写出情况报告？": ("1个月内写出情况报告",),
    "被留置人员的家属多久会得到通知？": ("24小时内通知其所在单位和家属",),
    "开除党籍后多久能重新入党？": ("五年内不得重新入党",),
    "党支部每年对入党积极分子考察几次？": ("每半年对入党积极分子进行一次考察",),
    "中央委员会全体会议一年至少开几次？": ("每年至少举行一次",),
}


@pytest.mark.parametrize(("question", "spans"), NEAR_MISSES.items())
def test_a_near_miss_is_answered(container: Container, question: str, spans: tuple[str, ...]) -> None:
    _has(container.answerer.ask(question), *spans)
