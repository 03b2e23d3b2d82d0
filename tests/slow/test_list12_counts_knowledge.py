"""Issue 11, item 2 over the shipped knowledge with the real embedder (session 10, list12): counts asked with a
list, a document's size asked beside another fact, a thing's kinds listed inline under another word, lists whose
items are whole articles, a document's parts and their headings, a long list under a sibling head, and a theory
article's summary of its own leads. Each holdout7 example is spelled out, with paraphrases over other documents
and other wording."""

from __future__ import annotations

import pytest
from answer_checks import has_list, lead

from service.container import Container

pytestmark = pytest.mark.slow

WANZHOU_LEADS = ["抓基本強基礎", "抓責任強落實", "抓隊伍強能力"]

# (question, spans the answer must hold, count it must state or None)
LISTED = [
    # a run framed by the question's noun and a verb between ("……科学发展观、习近平新时代中国特色社会主义思想作为自己
    # 的行动指南"): the last member ends at the verb, and the run is counted
    pytest.param(
        "党的行动指南一共包括哪几个理论？几个？",
        ["马克思列宁主义", "毛泽东思想", "邓小平理论", "“三个代表”重要思想", "科学发展观", "习近平新时代中国特色社会主义思想"],
        6, id="h7-003",
    ),
    pytest.param("党的行动指南包括哪些？一共几个？", ["科学发展观", "习近平新时代中国特色社会主义思想"], 6, id="guide-which"),
    pytest.param(
        "纪委工作条例里反腐败斗争的基本方针是哪几个？", ["不敢腐、不能腐、不想腐"], 3, id="framed-policy",
    ),
    # a 施行 ask worded 几月几号 / 啥时候 / 实行, then the document's size
    pytest.param(
        "2018年那版纪律处分条例是从几月几号施行的，共多少条？", ["本条例自2018年10月1日起施行"], 142, id="h7-085",
    ),
    pytest.param("支部工作条例是自什么时候起施行的，总共几条", ["2018 年 10 月 28 日"], 37, id="effective-branch"),
    pytest.param("问责条例啥时候开始实行的，一共有多少条", ["本条例自2016年7月8日起施行"], 13, id="effective-accountability"),
    # a thing's kinds listed after 包括/分为, the question asking them by another word (方式, 形式)
    pytest.param("组织处理有哪几种方式？", ["停职检查、调整职务、责令辞职、免职、降职"], 5, id="h7-163"),
    pytest.param("组织处理的形式有几种？", ["停职检查、调整职务、责令辞职、免职、降职"], 5, id="kinds-form"),
    pytest.param(
        "公务员的处分有哪几种形式？", ["警告、记过、记大过、降级、撤职、开除"], 6, id="kinds-civil-servant",
    ),
    # a list whose items are whole sibling articles under one heading, asked with 几条 or by its quoted word
    pytest.param(
        "廉洁自律准则里对普通党员提了几条规范？",
        ["坚持公私分明，先公后私，克己奉公", "坚持崇廉拒腐，清白做人，干净做事", "坚持尚俭戒奢，艰苦朴素，勤俭节约",
         "坚持吃苦在前，享受在后，甘于奉献"],
        4, id="h7-205",
    ),
    pytest.param(
        "廉洁自律准则对党员领导干部提了几条规范？", ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"], 4, id="articles-leaders",
    ),
    pytest.param(  # the heading 党员领导干部廉洁自律规范 named without its leading 党员
        "廉洁自律准则对领导干部提了几条规范？", ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"], 4, id="articles-leaders-short",
    ),
    pytest.param(
        "党员领导干部廉洁自律规范的四个“廉洁”是什么？", ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"], None, id="h7-206",
    ),
    pytest.param(
        "廉洁自律准则里说的四个“坚持”是什么？", ["坚持公私分明", "坚持吃苦在前，享受在后，甘于奉献"], 4, id="quoted-group-members",
    ),
    # a document's parts counted (一共分了几个部分) and their headings (各部分标题, 每章的题目)
    pytest.param(
        "若干准则一共分了几个部分？各部分标题是什么",
        ["坚定理想信念", "坚持党的基本路线", "坚决维护党中央权威", "严明党的政治纪律", "保持党同人民群众的血肉联系",
         "坚持民主集中制原则", "发扬党内民主和保障党员权利", "坚持正确选人用人导向", "严格党的组织生活制度",
         "开展批评和自我批评", "加强对权力运行的制约和监督", "保持清正廉洁的政治本色"],
        12, id="h7-218",
    ),
    pytest.param(
        "发展党员工作细则一共几章？各章标题是什么？",
        ["共7章", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收"], None,
        id="chapters-recruitment",
    ),
    pytest.param(
        "支部工作条例总共分为几章，每章的题目是什么", ["共8章", "组织设置", "党支部委员会建设", "领导和保障"], None,
        id="chapters-branch",
    ),
    # a long list under a sibling head (职权 for 职责), its subject abbreviated in the question
    pytest.param(
        "中央纪委常委会的职责有哪些？一共几项？",
        ["讨论向党的全国代表大会的工作报告", "召集全体会议", "讨论和决定纪检监察工作的重要问题、重要事项",
         "按照权限审议党内法规或者规范性文件", "听取以中央纪委名义立案审查的有关案件情况通报",
         "按照权限讨论和决定对违犯党纪的党组织、党员处理、处分等事项", "决定给予中央纪委委员撤销党内职务以上处分",
         "按照干部管理权限审议干部任免事项", "研究决定应当由常务委员会决定的其他重要事项"],
        9, id="h7-356",
    ),
    pytest.param(
        "中央纪委常委会有哪些职权？", ["召集全体会议", "研究决定应当由常务委员会决定的其他重要事项"], 9, id="sibling-head",
    ),
    pytest.param("党支部的基本任务有哪些？一共几项？", ["党支部的基本任务是"], 8, id="closing-count"),
    # a theory article's own sentence naming its three leads, then the leads
    pytest.param(
        "萬州那篇文章裡說抓基層黨組織建設要在哪三個方面持續用力？",
        ["在抓基本、抓責任、抓隊伍上持續用力", *WANZHOU_LEADS], 3, id="h7-227",
    ),
    pytest.param(
        "萬州區抓基層黨組織建設有哪三招？", ["在抓基本、抓責任、抓隊伍上持續用力", *WANZHOU_LEADS], 3, id="leads-named",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("question", "spans", "count"), LISTED)
def test_the_whole_list_and_its_count(
    container: Container, question: str, spans: list[str], count: int | None
) -> None:
    has_list(container.answerer.ask(question), spans, count)


@pytest.mark.parametrize(
    ("question", "locator"),
    [
        ("组织处理有哪几种方式？", ("cpc-org-handling-2021", "第三条")),  # not 问责条例第七条's 问责方式
        (
            "中央纪委常委会的职责有哪些？一共几项？",
            ("cpc-discipline-commission-2021", "第十二条"),
        ),  # not 第九条 委员
        ("纪委的主要任务有哪些？共几项", ("cpc-constitution-2017", "第四十六条")),  # not 高校纪委
        # a line opening with 党组织 is no article about 党组: its "培养联系人的主要任务是：" has an owner of its own
        ("党组的任务有哪些", ("cpc-constitution-2017", "第四十八条")),
    ],
)
def test_the_list_comes_from_the_article_that_holds_it(
    container: Container, question: str, locator: tuple[str, str]
) -> None:
    assert lead(container.answerer.ask(question)) == locator
