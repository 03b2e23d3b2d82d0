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
        # framed by the question's own words (session 9, count11; probe10 p10-002, p10-014, p10-012)
        ("我们党把哪几个理论作为行动指南？一共几个？",
         "中国共产党以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、"
         "习近平新时代中国特色社会主义思想作为自己的行动指南。", (6, "个")),
        ("党章里讲要实施的战略有哪几个？",
         "要实施科教兴国战略、人才强国战略、创新驱动发展战略、乡村振兴战略、区域协调发展战略、可持续发展战略、"
         "军民融合发展战略，充分发挥科学技术作为第一生产力的作用。", (7, "个")),
        ("我们党要完成的三大历史任务是哪三个？",
         "为实现推进现代化建设、完成祖国统一、维护世界和平与促进共同发展这三大历史任务，实现“两个一百年”奋斗目标。",
         (3, "项")),
        ("三大历史任务都有哪些？",
         "为实现推进现代化建设、完成祖国统一、维护世界和平与促进共同发展这三大历史任务，实现“两个一百年”奋斗目标。",
         (3, "项")),
        ("宪法规定国家实行的基本方针有哪几个？",
         "国家坚持独立自主、平等互利、互不干涉内政、和平共处这些基本方针，发展同各国的外交关系。", (4, "个")),
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
        # the question's verb follows a run of two: no list
        ("哪几个文件作为依据？", "以党章、准则作为依据，开展工作。"),
        # 和 inside the last member, no size stated: one member or two, the run cannot tell
        ("哪些任务作为重点？", "以调查研究、整改落实、建章立制和督促检查作为重点。"),
        # no member holds the asked noun
        ("要满足哪几个条件？", "统筹推进经济建设、政治建设、文化建设。"),
    ],
)  # fmt: skip
def test_no_count_without_the_asked_list(question: str, text: str) -> None:
    assert inline_list_count(question, text) is None
