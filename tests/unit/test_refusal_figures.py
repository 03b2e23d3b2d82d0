"""Figures a report never gives (issue 11, item 5; holdout4 h4-315, holdout5 theory/local traps): a count or a sum
asked of theory articles or news reports whose shown sentences state no number of the thing counted, and the
member's own unit asked about from reports on other places. Answerable counter-examples: the articles' real
figures, written next to what they count, before or after it."""

from __future__ import annotations

import pytest

from service.rag.refusal import assess
from service.rag.refusal.figures import (
    counted_nouns,
    own_unit_from_reports,
    reports_only,
    states_count,
    uncounted,
    unstated_figure,
)
from service.schemas import DocType, Hit
from service.text.normalize import normalize_for_match

ANDING_TITLE = "深入实施“五大工程” 以高质量党建引领 谱写中国式现代化安定实践新篇章"


def _hit(text: str, doc_type: DocType = "theory", locator: str = "第1段") -> Hit:
    return Hit(doc_id="t", title=ANDING_TITLE, chunk_id=f"t#{locator}", locator=locator, text=text, score=1.0,
               scores={"dense": 0.9}, doc_type=doc_type)  # fmt: skip


# Sentences as the shipped theory articles word them (knowledge/theory/).
WANZHOU = (
    "萬州區將在“鑄魂、塑形、固本、賦能”四個方面下足功夫,切實增強黨組織政治功能和組織功能,"
    "持續把基層黨組織建設成有效實現黨的領導的堅強戰斗堡壘。"
)
ANDING_CENTRES = (
    "扎实推进村(社区)党群服务中心三年提升改造计划,加大财政支持力度和项目建设进度,全力抓好新建、改扩建任务,"
    "系统提升基层阵地综合服务功能。"
)
ANDING_FIVE = (
    "综合运用“支部引领推动一批、项目扶持带动一批、特色产业促动一批、抱团发展驱动一批、盘活资源撬动一批等“五个一批”"
    "措施,因地制宜拓宽增收渠道。"
)
SUPPORT_VILLAGES = (
    "组织部门要会同财政、农业农村部门按要求选准选好第二批扶持村,以县为单位制定工作方案、抓好组织实施,"
    "切实管好用好中央扶持资金。"
)
QINZHOU = "秦州区开展软弱涣散村党组织集中排查整顿,从420个行政村党组织中确定了16个软弱涣散村党组织。"
XINJIEKOU = "以此为带动,商圈先后成立“两新”组织党组织210多个,服务管理党员3600多名。"
RESERVE = "认真落实村党组织书记县级党委备案管理制度,尽早研究换届人选,每个村至少要储备1至2名后备力量。"
MEMBERS_88 = "三区联动共建“新街口商圈党建联席会”,商圈内88家单位经组织部推荐成为成员单位。"
SHIMA = "截至目前,石马村已经引进6家农民种植专业合作社,共流转1300余亩土地,用于发展蔬菜种植产业。"
PARK = "石马村地理位置优越,毗邻年产值近1亿元的农业科技示范园。"
CIRCLE = "打造“10分钟便民生活圈”,实现服务群众“零距离”。"
BRANCH_COMMITTEE = "党支部委员会由 3 至 5 人组成，一般不超过 7 人。"


def test_what_a_count_question_counts() -> None:
    assert counted_nouns("那万州一共有多少个基层党组织？") == ["基层", "党组织"]
    assert counted_nouns("萬州區有多少名黨員？") == ["党员"]
    assert counted_nouns("第二批扶持村集体经济的村有多少个？") == [
        "村"
    ]  # counted noun before the question word
    assert counted_nouns("那热力集团有多少个党支部") == ["党支部"]
    assert counted_nouns("每个村至少要储备几名村党组织书记后备力量？")[-1] == "后备力量"
    # a list asked for, an amount or a change: nothing named is counted
    assert counted_nouns("安定区实施的五大工程是哪几个？") == []
    assert counted_nouns("万州区从哪四个方面增强党组织功能？") == []
    assert counted_nouns("企业参加党建活动的频次提高了多少？") == []


def test_a_number_counts_what_stands_next_to_it() -> None:
    assert not states_count(["基层", "党组织"], normalize_for_match(WANZHOU))  # 四个方面 counts 方面
    assert states_count(["行政村", "党组织"], normalize_for_match(QINZHOU))
    assert states_count(["党员"], normalize_for_match(XINJIEKOU))  # the count after the noun: 党员3600多名
    assert states_count(["后备力量"], normalize_for_match(RESERVE))
    assert not states_count(["村"], normalize_for_match(SUPPORT_VILLAGES))  # 第二批 is an ordinal


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("那万州一共有多少个基层党组织？", WANZHOU),  # h4-315
        ("萬州區一共有多少個基層黨組織？", WANZHOU),
        ("安定区党群服务中心三年提升改造计划投入了多少资金？", ANDING_CENTRES),
        ("安定区“五个一批”措施让村集体经济增收多少万元？", ANDING_FIVE),
        ("第二批扶持村集体经济的村有多少个？", SUPPORT_VILLAGES),
        ("中央扶持资金每个村给多少钱？", SUPPORT_VILLAGES),
        ("秦州区一共有多少名村干部是大学生？", QINZHOU),
        ("新街口商圈有多少个党支部？", XINJIEKOU),
    ],
)
def test_a_figure_the_report_never_gives_is_refused(question: str, text: str) -> None:
    hits = [_hit(text)]
    # a sum's amount (``unstated_figure``) or the count of a thing (``uncounted``)
    assert unstated_figure(question, text, hits) is not None or uncounted(question, text, hits) is not None
    decision = assess(question, "quantity", hits, text, threshold=0.85, best_dense=0.95, shown_text=text)
    assert decision.refuse and decision.reason in ("unstated_figure", "uncounted", "no_number"), question


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("秦州区从多少个行政村党组织中确定了软弱涣散村党组织？", QINZHOU),
        ("秦州区确定了几个软弱涣散村党组织？", QINZHOU),
        ("那服务管理多少名党员？", XINJIEKOU),
        ("每个村至少要储备几名村党组织书记后备力量？", RESERVE),
        ("新街口商圈党建联席会有多少家成员单位？", MEMBERS_88),
        ("石马村引进了几家农民种植专业合作社？", SHIMA),
        ("石马村流转了多少亩土地？", SHIMA),
        ("农业科技示范园年产值有多少钱？", PARK),
        ("安定区要打造几分钟便民生活圈？", CIRCLE),
        ("万州区从哪四个方面增强党组织功能？", WANZHOU),
    ],
)
def test_the_reports_own_figures_answer(question: str, text: str) -> None:
    assert unstated_figure(question, text, [_hit(text)]) is None, question
    assert uncounted(question, text, [_hit(text)]) is None, question


def test_counts_in_rules_are_left_to_the_quantity_gate() -> None:
    # "党支部委员会由几名委员组成": a rule states a count in its own shape (由 3 至 5 人组成)
    hits = [_hit(BRANCH_COMMITTEE, doc_type="party_regulation")]
    assert not reports_only(hits)
    assert unstated_figure("党支部委员会由几名委员组成", BRANCH_COMMITTEE, hits) is None
    assert uncounted("党支部委员会由几名委员组成", BRANCH_COMMITTEE, hits) is None
    # a sum is asked of any evidence: a rule without an amount in 元 does not give one
    assert unstated_figure("支部委员会的活动经费是多少钱", BRANCH_COMMITTEE, hits) == "金额"


def test_the_members_own_unit_is_not_answered_by_reports() -> None:
    report = [_hit(ANDING_CENTRES)]
    assert own_unit_from_reports("我们社区党群服务中心周末开门吗？", report)
    assert own_unit_from_reports("咱们村的集体经济有多少钱？", report)
    # a rule answers a question about the member's own unit; a report answers one about the place it reports on
    assert not own_unit_from_reports(
        "我们支部多久开一次党员大会", [_hit(BRANCH_COMMITTEE, "party_regulation")]
    )
    assert not own_unit_from_reports("安定区党群服务中心有什么提升计划", report)
    decision = assess("我们社区党群服务中心周末开门吗？", "fact", report, ANDING_CENTRES, threshold=0.85,
                      best_dense=0.95, shown_text=ANDING_CENTRES)  # fmt: skip
    assert decision.refuse and decision.reason == "local_event"


def test_a_yes_no_question_counts_nothing() -> None:
    # mem-225: "多发展几个" asks whether it is allowed (禁止突击发展), not how many
    assert counted_nouns("年底了，能不能突击多发展几个党员？") == []
    assert counted_nouns("支部可以一次发展几个党员吗？") == []


def test_a_one_character_noun_stands_right_by_the_number() -> None:
    assert states_count(["村"], normalize_for_match("共确定了12个村开展试点。"))
    assert not states_count(["村"], normalize_for_match("关系到党在农村执政地位的一项重大任务。"))


AVERAGE_AGE = "村党组织书记平均年龄由换届前的46岁下降至40岁,高中及以上学历占比由56%提高至98%。"


def test_an_extreme_the_report_never_states() -> None:
    hits = [_hit(AVERAGE_AGE)]
    assert unstated_figure("那最年轻的村党组织书记多少岁？", AVERAGE_AGE, hits) == "最值"
    assert unstated_figure("年龄最大的书记有多大", AVERAGE_AGE, hits) == "最值"
    assert unstated_figure("村党组织书记平均年龄下降到多少岁？", AVERAGE_AGE, hits) is None
    assert unstated_figure("每个村最少要储备几名后备力量？", RESERVE, [_hit(RESERVE)]) is None  # 至少


NATIONWIDE = "全国累计选派25.5万个驻村工作队、300多万名第一书记和驻村干部。"


def test_a_figure_of_another_place() -> None:
    hits = [_hit(NATIONWIDE)]
    assert unstated_figure("甘肃累计选派了多少个驻村工作队？", NATIONWIDE, hits) == "甘肃"
    assert unstated_figure("全国累计选派了多少个驻村工作队？", NATIONWIDE, hits) is None
    assert unstated_figure("秦州区确定了几个软弱涣散村党组织？", QINZHOU, [_hit(QINZHOU)]) is None
    assert uncounted("秦州区确定了几个软弱涣散村党组织？", QINZHOU, [_hit(QINZHOU)]) is None


def test_a_place_naming_the_article_or_a_list_question_is_no_other_place() -> None:
    # ho3-116: 吉林 names the article (its author's unit), and a list is asked
    discipline = "每一名党员干部都要严格遵守党的政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律。"
    hits = [_hit(discipline)]
    assert unstated_figure("吉林那篇文章说基层党员干部要遵守哪几项纪律", discipline, hits) is None
    assert unstated_figure("吉林那篇文章说党员干部要遵守几项纪律", discipline, hits) is None
