"""``extract.inline_list_count``: the count of a list written inline that a which-members question asks about
(session 9, list10; holdout6 h6-009, h6-023, h6-157, h6-159, h6-233)."""

from __future__ import annotations

import pytest

from service.rag.extract import inline_list_count


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("“五位一体”总体布局包括哪些建设？", "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设，协调推进全面建成小康社会。",
         (5, "项")),
        ("“四个服从”具体是哪四个服从？",
         "（一）党员个人服从党的组织，少数服从多数，下级组织服从上级组织，全党各个组织和全体党员服从党的全国代表大会和中央委员会。",
         (4, "个")),
        ("要求“三会一课”坚决防止哪几种倾向？", "突出党性锻炼，坚决防止表面化、形式化、娱乐化、庸俗化。", (4, "种")),
        ("那几种“怕”，具体是哪几种？",
         "引导党员、干部打消自我批评怕丢面子、批评上级怕穿小鞋、批评同级怕伤和气、批评下级怕丢选票等思想顾虑。", (4, "种")),
        ("重点非公企业要满足哪几个“有”？", "以市级以上园区,“有固定经营场所、有10名以上员工、有生产经营活动”的非公企业", (3, "个")),
        ("党内要反对哪几种主义？", "全党必须自觉防止和反对个人主义、分散主义、自由主义、本位主义。", (4, "种")),
        ("要遵守哪几项纪律？", "严格遵守党的政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律。", (5, "项")),
        # the asked noun heads its members: 书记 is none of the 委员, although "党支部委员会设书记" holds 委员
        ("支委会一般设哪些委员？", "党支部委员会设书记和组织委员、宣传委员、纪检委员等，委员会书记……", (3, "项")),
        # the last member runs on into the sentence
        ("谈心谈话要在哪些人之间开展？",
         "党组织领导班子成员之间、班子成员和党员之间、党员和党员之间要开展经常性的谈心谈话，坦诚相见。", (3, "项")),
        # the last member before "的做法" still names the noun
        ("“四个依托”是建立哪些党组织？",
         "采取“四个依托”,建立楼宇党组织、商圈市场党组织、园区党组织、行业或行业协会党组织的做法,不断扩大“两个覆盖”。",
         (4, "个")),
    ],
)  # fmt: skip
def test_the_inline_list_is_counted(question: str, text: str, expected: tuple[int, str]) -> None:
    assert inline_list_count(question, text) == expected


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # no which-members ask
        ("五位一体总体布局是什么？", "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设。"),
        # the verb's objects are two: no list
        ("坚决反对哪几种不良风气？", "坚决反对事不关己、高高挂起，明知不对、少说为佳的庸俗哲学和好人主义。"),
        # a stated size the run does not have
        ("具体是哪三个服从？", "党员个人服从党的组织，少数服从多数，下级组织服从上级组织，全党各个组织服从中央委员会。"),
        # "监督党员和组织群众": one member or two, the run cannot tell (member set mem-079)
        ("党支部担负哪些职责？",
         "担负直接教育党员、管理党员、监督党员和组织群众、宣传群众、凝聚群众、服务群众的职责。"),
        # clauses naming the noun are no list unless the question states their number (member set mem-166)
        ("纪委收到问题线索后有哪几种处置方式？",
         "线索处置不得拖延和积压，处置意见应当在收到问题线索之日起1个月内提出，并制定处置方案，履行审批手续。"),
        # no member holds the asked noun
        ("要满足哪几个条件？", "统筹推进经济建设、政治建设、文化建设。"),
    ],
)  # fmt: skip
def test_no_count_without_the_asked_list(question: str, text: str) -> None:
    assert inline_list_count(question, text) is None
