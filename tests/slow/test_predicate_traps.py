"""Traps answered from a near passage (issue 11, item 5) over the shipped knowledge with the real embedder: the
evidence shares the topic but does not hold what is asked (the attribute, the case, the predicate tied to the number,
a limit), or the question is about a local event; and near misses that must stay answered with the right text."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow

LOCAL = (
    "知识库收录的是党章、党内法规、国家法律和理论文章，不包含某地、某单位或某一时期的具体安排、人员和统计数字，"
    "无法回答这个问题。请向所在党组织或有关部门了解。"
)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        # an attribute asked by its kind of value
        (
            "入党志愿书要用什么颜色的笔填写",
            "知识库收录的党章、党内法规和法律没有对“颜色”作出规定，无法据此作答。具体做法请向所在党组织了解。",
        ),
        ("入党宣誓时要穿什么颜色的衣服", None),
        ("入党宣誓仪式要在什么颜色的背景前举行", None),
        ("思想汇报要用什么笔写", None),
        ("支部党员大会一般安排在星期几开", None),
        ("民主生活会一般在星期几召开", None),
        ("党课一般几点开始上", None),
        ("党员大会上午开还是下午开", None),
        ("入党申请书要用多大的纸写", None),
        ("参加入党宣誓要穿什么服装", None),
        ("入党宣誓的时候举右手还是左手", None),
        # another case of the same topic
        (
            "党员出国定居以后党籍怎么处理？",
            "知识库中没有找到关于“定居”这种情形的规定，相关条文讲的是其他情形，无法据此作答。下面列出相关内容，供您查阅。",
        ),
        ("党员在国外定居了组织关系怎么办", None),
        ("党员移居国外后还要交党费吗", None),
        ("党员去世后党费怎么处理", None),
        ("党的全国代表大会在哪里召开", None),
        # a number of another predicate, another unit, or a reported figure
        ("党员年满多少岁可以不参加组织生活？", None),
        ("党员满多少岁可以免交党费", None),
        ("党员满多少岁就不用交党费了", None),
        ("党龄满多少年可以不参加党小组会", None),
        ("党员年满多少岁可以退党", None),
        ("党员年满多少岁可以不参加民主评议", None),
        ("预备党员满多少岁才能转正", None),
        ("党龄满多少年才有选举权", None),
        ("入党多少年以后可以不写思想汇报", None),
        ("村党支部书记的年龄上限是多少岁", None),
        ("党支部委员的年龄上限是多少", None),
        ("入党介绍人的年龄下限是多少", None),
        ("支部书记最多能干几届", None),
        ("党员满多少年党龄可以获得纪念章", None),
        ("入党积极分子的培养联系人要有几年党龄", None),
        ("多少岁以上的党员可以不参加组织生活", None),
        # a local event, whatever article names its words
        ("今年我们村“两委”换届选举定在哪天投票", LOCAL),
        ("今年我们支部的主题党日安排在哪天", LOCAL),
        ("下个月我们社区党委换届在哪里开会", LOCAL),
    ],
)
def test_traps_from_a_near_passage_are_refused(
    container: Container, question: str, message: str | None
) -> None:
    _refused(container.answerer.ask(question), message)


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("入党志愿书由谁填写", "申请入党的人，要填写入党志愿书"),
        ("申请入党的人要填写什么", "要填写入党志愿书"),
        ("党旗是什么颜色的", "金黄色党徽图案的红旗"),
        # 第一百四十七条, not 第一百三十六条 "党组织有下列行为之一" (situation.other_actor)
        ("党员临时出国期间违纪怎么处理", "临时出国（境）团（组）"),
        ("入党年龄要求是多少", "年满十八岁"),
        ("入党要年满多少岁", "年满十八岁"),
        ("要满多少岁才能入党", "年满十八岁"),
        ("今年刚满十八岁可以申请入党吗", "年满十八岁"),
        ("支部书记要具备什么条件", "党支部书记应当具备良好政治素质"),
        ("支部书记一般要有几年党龄", "1 年以上党龄"),
        ("村党支部委员会每届任期几年", "每届任期 5 年"),
        ("村民委员会每届任期几年", "每届任期五年"),
        ("党员被开除党籍后几年内不得重新入党", "五年内不得重新入党"),
        ("党员受开除党籍处分几年内不能重新入党", "五年内不得重新入党"),
        ("党员多长时间不交党费算自动脱党", "连续六个月"),
        ("党的全国代表大会多久举行一次", "每五年举行一次"),
        ("正式党员多少人以上要成立党支部", "都应当成立党"),
        ("入党要有几名介绍人", "两名正式党员"),
        ("留党察看最长多久", "最长不超过两年"),
        ("村党组织书记平均年龄降到了多少岁", "40岁"),
        ("入党积极分子要培养多久才能成为发展对象", "一年以上"),
        ("党组织收到入党申请书后多久要找申请人谈话", "一个月内"),
        ("党的地方各级委员会委员必须有几年以上党龄", "五年以上的党龄"),
        ("党内选举是举手还是投票", "选举采用无记名投票的方式"),
        ("预备党员最多可以延长几次预备期", "延长一次预备期"),
    ],
)
def test_near_misses_stay_answered(container: Container, question: str, span: str) -> None:
    _has(container.answerer.ask(question), span)
