"""``extract.inline_list_count`` widened (session 10, count13; holdout8-002, -005, -009, -012, -119, -180, -181,
-182, -183, -238, -302, -305): a group the question names by its own number ("三大历史任务", "“四唯”"), a run framed by
the question's subject or by 组成, a 、-run after the verb in its second member or closed by 等, a comma list closed by
等, and no count when a longer run of the same sentence competes."""

from __future__ import annotations

import pytest

from service.rag.extract import inline_list_count

FUTURE = (
    "为实现推进现代化建设、完成祖国统一、维护世界和平与促进共同发展这三大历史任务，实现“两个一百年”奋斗目标。"
)
FRONT = (
    "进一步发展和壮大由全体社会主义劳动者、社会主义事业的建设者、拥护社会主义的爱国者、"
    "拥护祖国统一和致力于中华民族伟大复兴的爱国者组成的最广泛的爱国统一战线。"
)


@pytest.mark.parametrize(
    ("question", "text", "count"),
    [
        # holdout8 examples
        ("咱们党的行动指南一共有几个理论？都是哪些？",
         "中国共产党以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、"
         "习近平新时代中国特色社会主义思想作为自己的行动指南。", 6),
        ("總綱裡講的新發展理念是哪幾個詞？", "必须坚持以人民为中心的发展思想，坚持创新、协调、绿色、开放、共享的发展理念。", 5),
        ("爱国统一战线由哪几部分人组成？", FRONT, 4),
        ("党章里说的三大历史任务是啥？", FUTURE, 3),
        ("村里选支部书记，条例说要注重从哪些人里面选？",
         "村、社区应当注重从带富能力强的村民、复员退伍军人、经商务工人员、乡村教师、乡村医生、社会工作者、大学生村官、"
         "退休干部职工等群体中选拔党支部书记。", 8),
        ("若干准则要落实党员的哪四项权利？", "必须尊重党员主体地位，落实党员知情权、参与权、选举权、监督权，保障全体党员平等享有权利。", 4),
        ('选干部要坚持的"好干部标准"有哪几条？',
         "坚持五湖四海、任人唯贤，坚持信念坚定、为民服务、勤政务实、敢于担当、清正廉洁的好干部标准。", 5),
        ('准则里要坚决纠正的"四唯"取人偏向是什么？', "坚决纠正唯票、唯分、唯生产总值、唯年龄等取人偏向，坚决克服由少数人选人的倾向。", 4),
        ('三会一课要坚决防止哪"四化"？', "突出党性锻炼，坚决防止表面化、形式化、娱乐化、庸俗化。", 4),
        ('安定区那篇文章里讲的"三支队伍"是指哪三支？',
         "放眼长远抓好乡村干部队伍、驻村工作队伍、党员先锋队伍“三支队伍”建设,组织动员各方面力量。", 3),
        ("村务档案里要包括哪些材料？",
         "村务档案包括：选举文件和选票，会议记录，土地发包方案和承包合同，经济合同，集体财务账目，集体资产登记文件，"
         "公益设施基本资料，基本建设资料，宅基地使用方案，征地补偿费使用及分配方案等。村务档案应当真实、准确。", 10),
        # paraphrases over other documents and wording
        ("党章讲的“四个自信”是什么？", "坚定道路自信、理论自信、制度自信、文化自信，贯彻党的基本理论。", 4),
        ("若干准则里的“四个意识”指啥？", "全党必须增强政治意识、大局意识、核心意识、看齐意识，自觉同党中央保持高度一致。", 4),
        ("英烈的哪四样东西受法律保护？", "英雄烈士的姓名、肖像、名誉、荣誉受法律保护。", 4),
        ("纪律处分条例说的“六项纪律”是什么？", "严明政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。", 6),
        ("统一战线都是由哪些人组成的？", FRONT, 4),
        ("咱们党的基本方针一共有几个？分别是什么？",
         "国家坚持独立自主、平等互利、互不干涉内政、和平共处这些基本方针，发展同各国的外交关系。", 4),
    ],
)  # fmt: skip
def test_the_asked_run_is_counted(question: str, text: str, count: int) -> None:
    counted = inline_list_count(question, text)
    assert counted is not None and counted[0] == count, counted


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # a longer run of the same sentence competes with the verb's run: no count beats 共三项 (holdout8-302)
        ("纪委审查调查组经批准可以采取哪些措施？",
         "审查调查组可以依照党章党规和监察法，经审批进行谈话、讯问、询问、留置、查询、冻结、搜查、调取、查封、扣押（暂扣、"
         "封存）、勘验检查、鉴定，提请有关机关采取技术调查、通缉、限制出境等措施。"),
        # a span of time is no group's number
        ("党员连续六个月不交党费怎么办？",
         "连续六个月不交纳党费，就被认为是自行脱党。支部大会、党小组、党委、纪委、组织部门、宣传部门应当处理。"),
        # the question's number and the run's size differ
        ("“三大纪律”是什么？", "严明政治纪律、组织纪律、廉洁纪律、群众纪律。"),
        # clauses after a colon are no comma list (the oath)
        ("入党誓词包括哪些内容？",
         "入党誓词为：我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定等。"),
        # a numbered compound names no count of its own
        ("三会一课是什么？", "党员必须参加党员大会、党小组会和上党课，党支部要定期召开支部委员会会议。"),
    ],
)  # fmt: skip
def test_no_count_for_another_run(question: str, text: str) -> None:
    assert inline_list_count(question, text) is None


def test_a_head_count_is_no_group() -> None:
    """ "正式党员三个人以上": a head count, not a group of three (holdout3 ho3-014)."""
    text = "企业、农村、机关、学校、医院、科研院所、街道社区、社会组织、人民解放军连队和其他基层单位，凡是有正式党员三人以上的，都应当成立党的基层组织。"
    assert inline_list_count("企业、农村、学校里有正式党员三个人以上的，该成立什么组织", text) is None
