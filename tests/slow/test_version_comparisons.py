"""新旧对照 questions in members' own words over the shipped knowledge with the real embedder (issue 11, the
"versions" kind of the blind sets): the right answer spelled out.

A right answer quotes the aligned passages of both versions, each cited with its version, says what changed
(新增 / 删除 / 修改 / 未变, from ``service.versions.diff``), and refuses honestly when the knowledge base holds
one version only (问责条例 2016, 监察法 as amended in 2024, 党章 2017). The 纪律处分条例 is held as 2018 and 2023.
"""

from __future__ import annotations

import pytest

from service.container import Container
from service.schemas import Answer
from service.text.normalize import normalize_quote

pytestmark = pytest.mark.slow

OLD, NEW = "cpc-discipline-2018", "cpc-discipline-2023"
BOTH = frozenset({OLD, NEW})

# (earlier questions, question, spans the answer must hold, doc ids it must cite)
ANSWERED = [
    pytest.param([], "收受礼品礼金这条，2018版和2023版的表述有什么不一样？",
                 ["“消费卡”改为“消费卡（券）”", "消费卡和有价证券", "消费卡（券）和有价证券"], BOTH, id="gifts-wording"),
    # chapter headings come from the texts' structure: 第一章 was renamed, 第三章 was not
    pytest.param([], "新旧两版纪律处分条例第一章标题分别叫什么？",
                 ["2018年版为“第一章 指导思想、原则和适用范围”", "2023年版为“第一章 总体要求和适用范围”", "标题有修改"],
                 BOTH, id="chapter-one-titles"),
    pytest.param([], "两版的第三章标题一样吗？", ["纪律处分运用规则", "标题相同"], BOTH, id="chapter-three-same"),
    pytest.param(["2018版纪律处分条例第一章叫什么？"], "那2023版呢？", ["第一章的标题是“第一章 总体要求和适用范围”"],
                 {NEW}, id="followup-chapter-title"),
    # "违纪行为" names what kind of text is asked for, not a topic: every added article is listed
    pytest.param([], "2023版纪律处分条例新增了哪些违纪行为？",
                 ["新增的条文（17条）", "第五十五条", "第八十条", "第一百三十九条"], {NEW}, id="added-offences"),
    pytest.param([], "2023版纪律处分条例删去了什么？",
                 ["第三十九条", "计算经济损失主要计算直接经济损失"], {OLD}, id="removed"),
    pytest.param([], "旧版第八十八条在新版里是第几条？", ["对应2023年版第九十七条"], BOTH, id="old-88-in-new"),
    pytest.param([], "2018年版第一百零五条对应2023年版哪一条？", ["第一百一十五条"], BOTH, id="old-105-in-new"),
    pytest.param([], "2023版第二十一条在旧版里有没有？", ["修订时新增", "影响期"], {NEW}, id="new-21-added"),
    pytest.param([], "2023年版纪律处分条例第五十五条是新加的吗？", ["修订时新增", "政治骗子"], {NEW}, id="new-55-added"),
    pytest.param([], "新版第一百三十九条原来是第几条？", ["修订时新增", "统计造假"], {NEW}, id="new-139-added"),
    pytest.param([], "四种形态两版写法一样吗？",
                 ["【修改】", "约谈函询", "及时进行谈话提醒、批评教育、责令检查、诫勉"], BOTH, id="four-forms"),
    pytest.param([], "新版纪律处分条例第十条跟旧版比改了什么？",
                 ["不得在党内提升职务", "不得在党内提拔职务或者进一步使用"], BOTH, id="article-10"),
    pytest.param([], "从轻减轻处分的情形，新旧条例有啥区别？",
                 ["有其他立功表现的", "党内法规规定的其他从轻或者减轻处分情形"], BOTH, id="lighter-cases"),
    # "加了" and "那条" are about the change and the article, not the topic
    pytest.param([], "生活奢靡那条新版加了什么？",
                 ["与“生活奢靡”有关", "增加“、铺张浪费”", "生活奢靡、贪图享乐", "生活奢靡、铺张浪费、贪图享乐"],
                 BOTH, id="extravagance-added"),
    pytest.param([], "处分的种类两版一样吗？", ["警告", "开除党籍", "条文内容相同"], BOTH, id="sanction-kinds-same"),
    pytest.param([], "新版纪律处分条例比旧版多了多少条？", ["2018年版共142条", "2023年版共158条"], BOTH, id="counts"),
    pytest.param([], "纪律处分条例修订后第一条有什么变化？", ["保证党的路线", "保证党的理论、路线"], BOTH, id="article-1"),
    pytest.param([], "计算经济损失的规定新旧版有什么不同？",
                 ["主要计算直接经济损失", "计算立案时已经实际造成的全部财产损失"], BOTH, id="economic-loss"),
    pytest.param([], "搞形象工程、政绩工程，旧版和新版规定有什么变化？",
                 ["盲目举债、铺摊子、上项目", "政绩观错位"], BOTH, id="vanity-projects"),
    pytest.param([], "影响期满后党组织无需取消处分，这是新版才加的吗？",
                 ["【新增】2023年版第四十六条", "党组织无需取消对其的处分"], {NEW}, id="expiry-added"),
    # the articles say 信仰宗教的党员, the question 信教党员: the topic is found by search; the quote of the new
    # version is its changed sentence
    pytest.param([], "信教党员的处理，新版比旧版多了什么？",
                 ["增加“要求其限期改正；”", "对信仰宗教的党员，应当加强思想教育，要求其限期改正；"], BOTH,
                 id="religion-searched"),
    pytest.param([], "条例由谁负责解释，新旧两版说法一样吗？",
                 ["本条例由中央纪律检查委员会负责解释", "本条例由中央纪委负责解释"], BOTH, id="interpreter"),
    pytest.param([], "纪律处分条例两版分别从什么时候开始施行？", ["2018年10月1日", "2024年1月1日"], BOTH,
                 id="effective-dates"),
    pytest.param([], "在公共场所有不当行为那条，2023版改了哪些字？",
                 ["在公共场所有不当行为", "在公共场所、网络空间有不当言行"], BOTH, id="public-conduct"),
    pytest.param([], "借用管理服务对象的钱款住房车辆，新旧条例写法一样吗？",
                 ["，影响公正执行公务", "可能影响公正执行公务"], BOTH, id="borrowing"),
    pytest.param([], "党代表受留党察看处分终止代表资格，两版说法有什么区别？",
                 ["（含留党察看）", "党组织应当终止其代表资格"], BOTH, id="delegates"),
    # a chapter named by number or by the words of its heading; a status asked of it lists those articles
    pytest.param([], "新版条例第六章有什么变化？", ["与“第六章（对违反政治纪律行为的处分）”有关", "第五十五条"], BOTH,
                 id="chapter-six-changes"),
    pytest.param([], "违反政治纪律这一章，新版增加了哪些条？", ["第六章（对违反政治纪律行为的处分）新增的条文（1条）", "第五十五条"], {NEW},
                 id="political-chapter-added"),
    pytest.param([], "2023版在廉洁纪律方面新增了什么规定？", ["第八章（对违反廉洁纪律行为的处分）新增的条文（1条）",
                 "第一百零六条"], {NEW}, id="integrity-chapter-added"),
    pytest.param([], "工作纪律部分新版多了哪些条款？", ["第一百三十一条", "第一百三十九条"], {NEW}, id="work-chapter-added"),
    # both versions asked side by side without a change word; 新老 / 差在哪 ask a comparison
    pytest.param([], "干扰巡视巡察在两个版本中怎么规定的？", ["2018年版第五十五条 → 2023年版第六十二条"], BOTH,
                 id="both-side-by-side"),
    pytest.param([], "新老条例对搞迷信活动的规定差在哪？", ["与“迷信活动”有关", "增加“迷信活动或者个人搞”"], BOTH,
                 id="old-new-superstition"),
    pytest.param([], "2018年的纪律处分条例第五条和现在的第五条一样吗？", ["约谈函询", "诫勉"], BOTH,
                 id="article-5-now"),
    pytest.param([], "纪律处分条例修订删掉了哪一条？", ["2018年版删除的条文（1条）", "第三十九条"], {OLD},
                 id="revision-removed"),
    pytest.param([], "纪律处分条例2023年修订新增了几条？", ["新增17条"], BOTH, id="revision-added-count"),
    pytest.param([], "新版纪律处分条例一共有几章，跟旧版一样吗？", ["（2018年版）共3编、11章", "（2023年版）共3编、11章"],
                 BOTH, id="chapter-counts"),
    # a topic the older version lacks
    pytest.param([], "旧版纪律处分条例里有没有统计造假的规定？", ["2018年版没有关于“统计、造假”的规定", "第一百三十九条"],
                 {NEW}, id="old-lacks-statistics"),
    # follow-ups: the version switches, the topic stays
    pytest.param(["收受礼品礼金现在怎么处分？"], "跟2018版比有什么变化？", ["“消费卡”改为“消费卡（券）”"], BOTH,
                 id="followup-compare-topic"),
    pytest.param(["四种形态是什么？"], "新旧版本写法有啥不同？", ["约谈函询", "诫勉"], BOTH, id="followup-compare-both"),
    # the earlier question's article number belongs to its version: the aligned article is meant
    pytest.param(["2018版纪律处分条例第八十八条是什么？"], "新版呢？", ["第九十七条", "消费卡（券）"], {NEW},
                 id="followup-numbered-article"),
    pytest.param(["纪律处分条例第四十六条说的是什么？"], "旧版里有这条吗？", ["第四十六条是修订时新增"], {NEW},
                 id="followup-article-added"),
    pytest.param([], "纪律处分条例这次修订主要改了啥？", ["新增17条，删除1条，修改76条"], BOTH, id="what-changed-mainly"),
    pytest.param(["现行条例对参加迷信活动怎么处分？"], "那2018版呢？", ["参加迷信活动，造成不良影响的"], {OLD},
                 id="followup-superstition-2018"),
    pytest.param(["收受礼品礼金2018版怎么规定的？"], "那2023版呢？", ["消费卡（券）"], {NEW}, id="followup-gifts-2023"),
    pytest.param(["2023版纪律处分条例第九十七条是什么？"], "旧版里对应的是哪条？", ["第八十八条", "消费卡和有价证券"],
                 {OLD}, id="followup-aligned-article"),
    pytest.param(["对党不忠诚不老实现在怎么处分？"], "旧版是怎么写的？",
                 ["第五十一条", "情节较轻的，给予警告或者严重警告处分"], {OLD}, id="followup-old-wording"),
]  # fmt: skip

# (earlier questions, question, what the refusal says)
REFUSED = [
    pytest.param([], "问责条例2016版和2019版有什么区别？", "没有《中国共产党问责条例》2019年的版本（现有2016年版）",
                 id="accountability-2019"),
    pytest.param([], "问责条例新旧版本有什么区别？", "知识库中只有《中国共产党问责条例》2016年版", id="accountability-old-new"),
    # the text held is the 2024 amendment: the 2018 original is not held (no answer from the 纪律处分条例)
    pytest.param([], "监察法2018年版和2024年修正后的有什么不同？",
                 "没有《中华人民共和国监察法》2018年的版本（现有2018年通过，2024年修正）", id="supervision-law"),
    pytest.param([], "纪律处分条例2015版和2023版有什么区别？", "（现有2018年版、2023年版）", id="discipline-2015"),
    pytest.param([], "党章2017年版和2022年版有什么不同？", "没有《中国共产党章程》2022年的版本", id="constitution-2022"),
    pytest.param(["问责条例一共多少条？"], "那2019年修订版呢？", "没有《中国共产党问责条例》2019年的版本",
                 id="followup-accountability-2019"),
]  # fmt: skip


def _ask(container: Container, turns: list[str], question: str) -> Answer:
    conversation_id: str | None = None
    for turn in turns:
        conversation_id = container.answerer.ask(turn, conversation_id=conversation_id).conversation_id
    return container.answerer.ask(question, conversation_id=conversation_id)


@pytest.mark.parametrize(("turns", "question", "spans", "docs"), ANSWERED)
def test_version_question_is_answered_from_the_right_versions(
    container: Container, turns: list[str], question: str, spans: list[str], docs: frozenset[str]
) -> None:
    answer = _ask(container, turns, question)
    assert not answer.refused, answer.answer
    text = normalize_quote(answer.answer)
    for span in spans:
        assert normalize_quote(span) in text, (span, answer.answer)
    assert docs <= {c.doc_id for c in answer.citations}, answer.answer


@pytest.mark.parametrize(("turns", "question", "says"), REFUSED)
def test_comparison_with_a_version_not_held_is_refused(
    container: Container, turns: list[str], question: str, says: str
) -> None:
    answer = _ask(container, turns, question)
    assert answer.refused and answer.citations == [], answer.answer
    assert says in answer.answer
