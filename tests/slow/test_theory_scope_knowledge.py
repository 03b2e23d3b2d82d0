"""Holdout5's theory-article questions and paraphrases over the shipped knowledge with the real embedder: the
article a place, an outlet or "那篇文章" names is read (both scripts); coined number-terms answered by the members
the article lists across paragraphs; figures, each asked part, a quoted series the question restates a member of;
theory traps (figures never stated, coined terms only mentioned) still refused. The hand-made versions are in
tests/unit/test_theory_scope.py.
"""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import has_list, refused

from service.container import Container

pytestmark = pytest.mark.slow

ANSWERS = [
    # holdout5 examples
    pytest.param(
        "人民日报那篇文章说我们党有多少个基层党组织、多少名党员？",
        ["480多万个基层党组织和9500多万名党员"],
        id="h5-230",
    ),
    pytest.param(
        "北京党建引领基层治理的改革叫什么？建立了什么机制？",
        ["“街乡吹哨、部门报到”改革", "“接诉即办”机制"],
        id="h5-233",
    ),
    pytest.param(
        "支部从建在连上，后来又建在了哪些地方？",
        ["支部建在村上", "支部建在楼上", "支部建在项目上"],
        id="h5-234",
    ),
    pytest.param(
        "万州那篇文章里，铸魂的首要任务、关键环节和核心要义分别是什么？",
        ["首要任務是學習黨的創新理論", "關鍵環節是堅持黨的全面領導", "核心要義是堅決做到“兩個維護”"],
        id="h5-239",
    ),
    pytest.param(
        "萬州提升基層黨組織功能的“三抓三強”是什麼？",
        ["抓基本強基礎", "抓責任強落實", "抓隊伍強能力"],
        id="h5-240",
    ),
    pytest.param("万州构建严密组织体系从哪几方面着手？", ["虛實結合", "縱橫聯動", "強基補缺"], id="h5-241"),
    # paraphrases: other places, outlets, figures, parts, scripts
    pytest.param(
        "人民日报那篇报道里，秦州区从多少个行政村党组织中确定了多少个软弱涣散村党组织？",
        ["从420个行政村党组织中确定了16个软弱涣散村党组织"],
        id="qinzhou-figures",
    ),
    pytest.param(
        "新冠疫情防控中，人民日报那篇文章说有多少名在职党员到社区参与疫情防控？",
        ["846万名在职党员到社区参与疫情防控"],
        id="covid-figure",
    ),
    pytest.param("新街口商圈先后成立了多少个两新组织党组织？", ["党组织210多个"], id="figure-after-noun"),
    pytest.param("南京新街口商圈服务管理多少名党员？", ["服务管理党员3600多名"], id="nanjing-members"),
    pytest.param("辽宁组织网格员做到了什么？", ["小事网格办、大事站所办、事事有人管"], id="liaoning"),
    pytest.param(
        "廣西搭建了什麼樣的網格平台？", ["区、街道、社区三级贯通的网格智慧平台"], id="guangxi-traditional"
    ),
    pytest.param(
        "萬州那篇文章裡，構建嚴密組織體系要從哪幾個方面入手？",
        ["虛實結合", "縱橫聯動", "強基補缺"],
        id="wanzhou-trad",
    ),
    pytest.param(
        "萬州那篇文章中，首要任務、關鍵環節分別是什麼？",
        ["首要任務是學習黨的創新理論", "關鍵環節是堅持黨的全面領導"],
        id="two-parts-traditional",
    ),
    pytest.param(
        "北京建立的“接诉即办”机制要做到什么？", ["快速响应、快速办理、快速反馈"], id="said-after-name"
    ),
    pytest.param(
        "安定区党建工作项目化管理除了可量化，还要做到哪些？", ["“可评估”", "“可追溯”"], id="echo-quantifiable"
    ),
    pytest.param(
        "人民日报那篇文章说，脱贫攻坚中全国累计选派了多少个驻村工作队？",
        ["25.5万个驻村工作队"],
        id="work-teams",
    ),
]


@pytest.mark.parametrize(("question", "spans"), ANSWERS)
def test_theory_article_answers(container: Container, question: str, spans: list[str]) -> None:
    answer = container.answerer.ask(question)
    _has(answer, *spans)
    assert "中国共产党章程" not in answer.answer.split("\n")[0]  # the article named is read, not the rules


FIVE_ABILITIES = ["“思想凝聚力”", "“干事战斗力”", "“核心驱动力”", "“基层支撑力”", "“工作执行力”"]


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("安定区实施五大工程要提升哪“五种能力”？", id="h5-329"),
        pytest.param("安定區的“五種能力”是哪五種？", id="abilities-traditional"),
    ],
)
def test_numbered_group_listed_across_paragraphs(container: Container, question: str) -> None:
    has_list(container.answerer.ask(question), FIVE_ABILITIES, 5)


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("秦州区突出的“双好双强”具体指什么？", id="mention-only-coined"),
        pytest.param("人民日报那篇文章说全国有多少个党委？", id="unstated-figure"),
        pytest.param("安定区一共有多少名党员？", id="unstated-members"),
        pytest.param("万州区有多少个基层党组织？", id="unstated-wanzhou"),
        pytest.param("萬州的“四抓四強”是什麼？", id="other-count-compound"),
        pytest.param("北京的“接诉即办”机制是哪一年建立的？", id="unstated-year"),
        pytest.param("安定区的“三抓三强”是什么？", id="compound-of-another-article"),
        pytest.param("人民日报那篇文章说我们党有多少个党支部？", id="unstated-branches"),
    ],
)
def test_theory_traps_refused(container: Container, question: str) -> None:
    refused(container.answerer.ask(question))
