"""Traps of the kinds holdout6 answered most (issue 11; trap9): follow-ups whose asked detail no text gives,
practical details, near misses whose neighbouring passage looks relevant, regulations not held, amounts and local
facts, over the shipped knowledge with the real embedder; each trap's key terms were searched (grep) in all of
``knowledge/`` and ``../shared/corpus/regulations/`` (incl. ``extra/`` and ``partial/``) and are in no text, or only
in another context (录音录像 of 审查调查谈话, 离任经济责任审计 of 村民委员会成员, 奏唱国歌 of 宪法宣誓). Answerable
counter-examples of the same shapes keep their answers. The traps still answered are strict xfails, with the reason.
"""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has

from service.container import Container

pytestmark = pytest.mark.slow


def _open(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


@pytest.mark.parametrize(
    "questions",
    [
        # follow-ups whose asked detail no text gives
        pytest.param(["党支部委员会会议多久召开一次？", "那这个会议每次要开多长时间？"], id="meeting-length"),
        pytest.param(["入党介绍人要做哪些工作？", "那介绍人要交多少字的意见？"], id="opinion-length"),
        pytest.param(["入党宣誓由谁组织？", "那宣誓的时候要站几排？"], id="rows-at-the-oath"),
        pytest.param(
            ["发展对象要经过谁谈话？", "那谈话要录音录像吗？"],
            id="recording-a-talk",
            marks=_open("录音录像 of 审查调查谈话 (监督执纪工作规则) is read as the talk's rule; open"),
        ),
        pytest.param(
            ["入党积极分子由谁考察？", "那考察的时候要填什么表格编号？"],
            id="form-number",
            marks=_open("细则第十三条 covers 考察 and 入党积极分子; the asked 编号 is not checked; open"),
        ),
        pytest.param(["撤销党内职务处分是什么意思？", "那撤销党内职务以后工资降几档？"], id="salary-grades"),
        pytest.param(["党支部委员会由几人组成？", "那支委每月有多少补贴？"], id="committee-allowance"),
        pytest.param(
            ["留党察看最长多久？", "那留党察看期间党费按什么比例交？"], id="dues-share-on-probation"
        ),
        pytest.param(["民主评议党员怎么搞？", "那民主评议的票要保存几年？"], id="ballots-kept"),
        # practical details
        pytest.param(["入党宣誓仪式上要不要奏唱国歌？"], id="anthem-at-the-oath"),
        pytest.param(["党员活动室墙上应该挂哪些制度牌？"], id="rule-boards"),
        pytest.param(["思想汇报要手写还是可以打印？"], id="handwritten-report"),
        pytest.param(["党员佩戴党徽应该戴在左胸还是右胸？"], id="badge-side"),
        pytest.param(["入党申请书最少要写多少字？"], id="application-length"),
        pytest.param(["支部开会的签到表要保存多长时间？"], id="sign-in-sheet"),
        pytest.param(["主题党日活动一般安排在每月几号？"], id="day-of-month"),
        pytest.param(["党费收据丢了怎么补开？"], id="lost-receipt"),
        # near misses
        pytest.param(
            ["党员犯了错误被处分，处分决定要抄送给他的配偶吗？"],
            id="copy-to-spouse",
            marks=_open("纪律处分条例's 配偶 of 家风 is read as an answer; 抄送 is not weighed; open"),
        ),
        pytest.param(
            ["预备党员转正后入党介绍人还要继续联系他几年？"],
            id="sponsor-after-full-membership",
            marks=_open("预备期为一年 is a number of 年 of another predicate; open"),
        ),
        pytest.param(["党组织书记离任时要不要做经济责任审计？"], id="exit-audit"),
        pytest.param(["党员受到警告处分后多久能评优评先？"], id="awards-after-warning"),
        pytest.param(["入党积极分子培训需要考试吗，考几门？"], id="exams-in-training"),
        pytest.param(
            ["党员外出务工的流动党员证怎么办理？"],
            id="migrant-member-card",
            marks=_open("支部工作条例's 流动党员 covers most of 流动党员证; open"),
        ),
        pytest.param(
            ["党员退党以后，以前交的党费能退回吗？"],
            id="dues-refund",
            marks=_open("党章第九条 on 退党 and 党费 covers the topic; 退回 is not weighed; open"),
        ),
        pytest.param(["基层党组织换届时候选人差额比例是多少？"], id="candidate-margin"),
        # regulations not held
        pytest.param(["《中国共产党党内监督条例》规定的监督主体有哪些？"], id="inner-party-supervision"),
        pytest.param(["《中国共产党党员教育管理工作条例》要求党员每年集中学习多少学时？"], id="partial-text"),
        pytest.param(["2019年修订的问责条例规定了哪几种问责方式？"], id="accountability-2019"),
        pytest.param(["《中国共产党基层组织选举工作条例》对委员候选人差额有什么规定？"], id="election-rules"),
        pytest.param(["《中国共产党重大事项请示报告条例》要求哪些事项必须请示？"], id="reporting-rules"),
        pytest.param(["2022年修订的党章对党员义务做了哪些修改？"], id="charter-2022"),
        pytest.param(["《中国共产党农村基层组织工作条例》规定村党组织书记任期几年？"], id="rural-rules"),
        # amounts
        pytest.param(["收受多少钱的礼金就要给警告处分？"], id="gift-threshold"),
        pytest.param(["公款吃喝超过多少金额要开除党籍？"], id="banquet-threshold"),
        pytest.param(["党员月收入八千元，每个月交多少党费？"], id="dues-amount"),
        pytest.param(["困难党员的慰问金标准一般是多少钱？"], id="relief-amount"),
        pytest.param(["村党支部每年的工作经费有多少？"], id="branch-funds"),
        pytest.param(["违规发放津贴补贴多少万元算情节严重？"], id="allowance-threshold"),
        # paraphrases of the classifier kind (档, 排, 门: the asked unit is in no number of the evidence)
        pytest.param(["受了留党察看处分，工资要往下调几档？"], id="salary-grades-paraphrase"),
        pytest.param(["入党宣誓时新党员要排成几排？"], id="rows-paraphrase"),
        pytest.param(["發展對象培訓結業要考幾門課？"], id="exams-traditional"),
        # local facts
        pytest.param(["我们街道党工委今年的书记是谁？"], id="local-person"),
        pytest.param(["本市去年新发展了多少名党员？"], id="local-statistic"),
    ],
)
def test_the_trap_is_refused(container: Container, questions: list[str]) -> None:
    answer = converse(container, *questions)
    assert answer.refused, answer.answer


@pytest.mark.parametrize(
    ("questions", "spans"),
    [
        pytest.param(
            ["党支部委员会由几人组成？", "那这个会议一般多久开一次？"], ["一般每月召开 1 次"], id="c01"
        ),
        pytest.param(["入党要有几名入党介绍人？", "那介绍人要做些什么？"], ["认真了解申请人"], id="c02"),
        pytest.param(["预备党员要不要入党宣誓？", "那宣誓由谁来组织？"], ["基层党委或党支部"], id="c03"),
        pytest.param(["留党察看期间有表决权吗？", "那留党察看最长是多久？"], ["最长不超过两年"], id="c04"),
        pytest.param(["入党宣誓的誓词是什么？"], ["我志愿加入中国共产党"], id="c05"),
        pytest.param(["预备党员的预备期是多长时间？"], ["预备期为一年"], id="c06"),
        pytest.param(["党员应该怎样交纳党费？"], ["自觉交纳党费"], id="c07"),
        pytest.param(["党员连续几个月不交党费算自行脱党？"], ["连续六个月"], id="c08"),
        pytest.param(["党员受到严重警告处分后多长时间内不得提拔？"], ["一年半"], id="c09"),
        pytest.param(["被开除党籍的人几年内不得重新入党？"], ["五年内不得重新入党"], id="c10"),
        pytest.param(["入党积极分子要经过多长时间的培养教育才能列为发展对象？"], ["一年以上"], id="c11"),
        pytest.param(["《中国共产党问责条例》规定了哪些问责方式？"], ["检查", "通报", "改组"], id="c12"),
        pytest.param(["《中国共产党廉洁自律准则》对党员领导干部提出了哪些规范？"], ["廉洁从政"], id="c13"),
        pytest.param(["党章规定党员的义务有几条？"], ["共八条"], id="c14"),
        pytest.param(["收受可能影响公正执行公务的礼品礼金怎么处分？"], ["警告或者严重警告处分"], id="c15"),
        pytest.param(["党支部委员会每届任期几年？"], ["三年至五年"], id="c16"),
        pytest.param(["党员大会多久召开一次？"], ["一般每季度召开 1 次"], id="c17"),
        pytest.param(["党员年满多少岁可以申请入党？"], ["年满十八岁"], id="c18"),
        pytest.param(["发展对象需要经过多长时间的集中培训？"], ["一般不少于三天"], id="c19"),
        pytest.param(["党员领导干部要参加双重组织生活吗？"], ["以普通党员身份参加"], id="c20"),
        # a number of the asked classifier still answers (the unit check of trap9)
        pytest.param(
            ["受到撤销党内职务处分的，几年内不得担任原职务？"], ["二年内"], id="years-still-answered"
        ),
    ],
)
def test_the_counter_example_is_answered(
    container: Container, questions: list[str], spans: list[str]
) -> None:
    _has(converse(container, *questions), *spans)
