"""Issue 11, item 2: lists spelled out only by sibling chapter headings, and the stages of a procedure.

Hand-made chapters with the regulations' own headings; the same kinds over the shipped knowledge with the real
embedder are in tests/slow/test_lists_procedures_knowledge.py.
"""

from __future__ import annotations

from service.rag.citations import verify
from service.rag.heading_lists import (
    announces_steps,
    asked_nouns,
    chapter_articles,
    heading_list,
    heading_name,
    named_heading,
    render,
    stage_relevance,
)
from service.schemas import Hit

DISCIPLINE = "中国共产党纪律处分条例"

# 纪律处分条例 (2023): 总则 chapters, then one 分则 chapter per kind of discipline.
CHAPTERS = [
    (["第一编 总则", "第一章 总体要求和适用范围"], "第一条 为了维护党的章程和其他党内法规，制定本条例。"),
    (["第一编 总则", "第二章 违纪与纪律处分"], "第七条 党组织和党员违反党的纪律，应当给予纪律处理或者处分。"),
    (["第一编 总则", "第三章 纪律处分运用规则"], "第十七条 有下列情形之一的，可以从轻或者减轻处分。"),
    (
        ["第二编 分则", "第六章 对违反政治纪律行为的处分"],
        "第五十条 在重大原则问题上不同党中央保持一致的，给予警告处分。",
    ),
    (
        ["第二编 分则", "第七章 对违反组织纪律行为的处分"],
        "第七十七条 违反民主集中制原则的，给予警告或者严重警告处分。",
    ),
    (["第二编 分则", "第八章 对违反廉洁纪律行为的处分"], "第九十四条 党员干部必须正确行使人民赋予的权力。"),
    (
        ["第二编 分则", "第九章 对违反群众纪律行为的处分"],
        "第一百二十二条 超标准向群众筹资筹劳的，给予警告处分。",
    ),
    (
        ["第二编 分则", "第十章 对违反工作纪律行为的处分"],
        "第一百三十条 工作中不负责任或者疏于管理的，给予警告处分。",
    ),
    (
        ["第二编 分则", "第十一章 对违反生活纪律行为的处分"],
        "第一百五十条 生活奢靡、铺张浪费的，给予警告处分。",
    ),
    (["第三编 附则"], "第一百五十五条 各省、自治区、直辖市党委可以制定单项实施规定。"),
]
KINDS = ["政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"]


def _chapters(rows: list[tuple[list[str], str]], doc_id: str = "d", title: str = DISCIPLINE) -> list:
    return [
        (path, Hit(doc_id=doc_id, title=title, chunk_id=f"{doc_id}#{i}", locator=text.split(" ")[0], text=text,
                   score=1.0, doc_type="party_regulation", chapter_path=path))
        for i, (path, text) in enumerate(rows)
    ]  # fmt: skip


def test_kinds_of_discipline_are_the_headings_of_the_special_provisions() -> None:
    # "纪律处分条例对哪几类纪律规定了处分" (blind sets): the 分则's six chapter headings are the list; no article
    # spells it out, and 第八条's five 处分种类 are not what was asked
    for question in (
        "纪律处分条例对哪几类纪律规定了处分？",
        "违反哪几类纪律会受处分",
        "紀律處份條例規定了哪幾類紀律",
    ):
        listed = heading_list(question, _chapters(CHAPTERS))
        assert listed is not None, question
        assert list(listed.members) == KINDS
        assert listed.noun == "纪律" and listed.measure == "类"
    ex = render(heading_list("纪律处分条例对哪几类纪律规定了处分？", _chapters(CHAPTERS)))  # type: ignore[arg-type]
    assert ex.answer.startswith(f"根据《{DISCIPLINE}》，共六类纪律：\n")
    assert ex.complete_items == KINDS
    assert ex.citations[0].quote == "在重大原则问题上不同党中央保持一致的，给予警告处分。"
    # every line is a cited quote under an attribution, so verification keeps all six
    sources = {h.chunk_id: h for h in ex.hits}
    checked = verify(ex.answer, ex.citations, sources, strict=True)
    assert checked.flagged == [] and all(k in checked.answer for k in KINDS)


def test_headings_that_only_mention_the_noun_are_no_list() -> None:
    # "有哪些处分种类": every 分则 heading ends in 的处分, but 的处分 names no kind of 处分; the 总则's headings
    # are not all about 纪律 (总体要求和适用范围), so they are no list of 纪律 either
    assert heading_list("纪律处分条例有哪些处分种类？", _chapters(CHAPTERS)) is None
    assert heading_list("纪律处分条例总则有哪几章？", _chapters(CHAPTERS[:3])) is None
    # two sibling headings are a pair, not a list
    assert heading_list("对哪几类纪律规定了处分", _chapters(CHAPTERS[3:5])) is None
    # a question without a 哪几/哪些/几 asker asks for no list
    assert asked_nouns("纪律处分条例是哪年修订的？") == []


def test_asked_noun_before_or_after_the_asker() -> None:
    assert ("纪律", "类") in asked_nouns("对哪几类纪律规定了处分")
    assert ("纪律", "种") in asked_nouns("党的纪律分为哪几种？")
    assert ("纪律", "项") in asked_nouns("党的纪律有哪些")
    assert heading_name("第六章　对违反政治纪律行为的处分") == "对违反政治纪律行为的处分"


RECRUIT = [
    ("总 则", "第一条"), ("第二章 入党积极分子的确定和培养教育", "第四条"), ("第三章 发展对象的确定和考察", "第十三条"),
    ("第四章 预备党员的接收", "第十八条"), ("第五章 预备党员的教育、考察和转正", "第二十七条"),
    ("第六章 发展党员工作的领导和纪律", "第三十八条"), ("第七章 附 则", "第四十条"),
]  # fmt: skip
CONSTITUTION = [
    "第一章 党员", "第二章 党的组织制度", "第三章 党的中央组织", "第四章 党的地方组织", "第五章 党的基层组织",
    "第六章 党的干部", "第七章 党的纪律", "第八章 党的纪律检查机关", "第九章 党组",
]  # fmt: skip


def test_stages_come_from_the_document_whose_chapters_name_the_procedure() -> None:
    # "入党要经过哪些环节" once listed the 党章's nine chapters (党员, 党的组织制度 …) as "九个阶段" because the
    # 党章 was the best hit; its chapters name nothing of 入党, the 细则's do
    recruit = [h for h, _ in RECRUIT]
    assert stage_relevance("入党要经过哪些环节", CONSTITUTION) == 0
    assert stage_relevance("入党要经过哪些环节", recruit) >= 1
    assert stage_relevance("發展黨員的流程分哪幾個階段？", recruit) > stage_relevance(
        "發展黨員的流程分哪幾個階段？", CONSTITUTION
    )
    assert stage_relevance("党员发展分哪几个阶段", recruit) > stage_relevance(
        "党员发展分哪几个阶段", CONSTITUTION
    )


def _article(title: str, text: str) -> Hit:
    return Hit(doc_id="a", title=title, chunk_id="a#1", locator=text.split("　")[0].split(" ")[0], text=text,
               score=1.0, doc_type="party_regulation")  # fmt: skip


ORG_HANDLING_10 = _article(
    "中国共产党组织处理规定（试行）",
    "第十条　组织处理一般按照以下程序进行：\n（一）调查核实。组织（人事）部门对领导干部存在的问题以及所应担负的责任进行"
    "调查核实。\n（二）提出处理意见。组织（人事）部门研究提出组织处理意见报党委（党组）。\n（三）研究决定。党委（党组）"
    "召开会议集体研究，作出组织处理决定。\n（四）宣布实施。组织（人事）部门向受到组织处理的领导干部所在单位和本人书面"
    "通知或者宣布组织处理决定。",
)
CONFIRM_33 = _article(
    "中国共产党发展党员工作细则",
    "第三十三条 预备党员转正的手续是：本人向党支部提出书面转正申请；党小组提出意见；党支部征求党员和群众的意见；支部"
    "委员会审查；支部大会讨论、表决通过；报上级党委审批。",
)
PROMOTION_46 = _article(
    "中华人民共和国公务员法",
    "第四十六条 公务员晋升领导职务，按照下列程序办理：\n（一）动议；\n（二）民主推荐；\n（三）确定考察对象，组织考察；\n"
    "（四）按照管理权限讨论决定；\n（五）履行任职手续。",
)
RECEIVE_18 = _article("中国共产党发展党员工作细则", "第十八条 接收预备党员应当严格按照党章规定的程序办理。")


def test_an_article_listing_the_asked_procedures_steps_is_told_apart() -> None:
    """holdout4 h4-202: "组织处理的程序分几步" was answered with another regulation's chapter headings ("共三个阶段")
    although 组织处理规定第十条 lists the four steps; the article answers when it announces the asked procedure."""
    for question in ("组织处理的程序分几步？", "組織處理要經過哪幾個環節？", "组织处理按什么步骤来"):
        assert announces_steps(question, ORG_HANDLING_10), question
    assert announces_steps("预备党员转正要经过哪几个环节？", CONFIRM_33)
    assert announces_steps("公务员晋升领导职务要走哪些程序", PROMOTION_46)
    # another procedure's article, or one that only mentions a procedure, leaves the stages to the chapters
    assert not announces_steps("入党要经过哪些环节", CONFIRM_33)
    assert not announces_steps("发展党员的流程分哪几个阶段", RECEIVE_18)
    assert not announces_steps("组织处理的程序分几步？", PROMOTION_46)


HEADINGS = [path[-1] for path, _ in CHAPTERS]
RECRUIT_HEADINGS = [
    "第一章 总则",
    "第二章 入党积极分子的确定和培养教育",
    "第三章 发展对象的确定和考察",
    "第四章 预备党员的接收",
    "第五章 预备党员的教育、考察和转正",
    "第六章 发展党员工作的领导和纪律",
]


def test_a_list_question_names_the_chapter_whose_words_it_holds() -> None:
    # holdout4 h4-158: "违反生活纪律主要有哪些行为" is the 分则's 第十一章, not 党章第四十条's six kinds
    assert named_heading("违反生活纪律主要有哪些行为？", HEADINGS) == "第十一章 对违反生活纪律行为的处分"
    assert named_heading("違反群眾紀律的行為有哪些？", HEADINGS) == "第九章 对违反群众纪律行为的处分"
    assert named_heading("哪些行为属于违反工作纪律", HEADINGS) == "第十章 对违反工作纪律行为的处分"
    assert named_heading("发展对象的确定和考察有哪些规定", RECRUIT_HEADINGS) == "第三章 发展对象的确定和考察"
    # words every chapter shares, or too few of the heading's words, name none
    assert named_heading("违反纪律的行为有哪些", HEADINGS) is None
    assert named_heading("党的纪律有哪几种", HEADINGS) is None
    assert named_heading("预备党员有哪些权利", RECRUIT_HEADINGS) is None


LIFE = [
    Hit(doc_id="d", title=DISCIPLINE, chunk_id=f"d#a{n}", locator=loc, article_no=n, text=text, score=1.0,
        doc_type="party_regulation", chapter_path=["第二编 分则", "第十一章 对违反生活纪律行为的处分"])
    for n, loc, text in [
        (150, "第一百五十条", "第一百五十条 生活奢靡、铺张浪费、贪图享乐、追求低级趣味，造成不良影响的，给予警告或者严重警告处分；"
                             "情节严重的，给予撤销党内职务处分。"),
        (151, "第一百五十一条", "第一百五十一条 与他人发生不正当性关系，造成不良影响的，给予警告或者严重警告处分。"),
        (152, "第一百五十二条", "第一百五十二条 党员领导干部不重视家风建设，对配偶、子女及其配偶失管失教，造成不良影响或者严重"
                               "后果的，给予警告或者严重警告处分。"),
        (153, "第一百五十三条", "第一百五十三条 违背社会公序良俗，在公共场所有不当行为，造成不良影响的，给予警告或者严重警告处分。"),
    ]
]  # fmt: skip


def test_a_named_chapter_is_answered_article_by_article() -> None:
    ex = chapter_articles("第十一章 对违反生活纪律行为的处分", LIFE)
    assert ex is not None
    assert ex.answer.startswith(f"根据《{DISCIPLINE}》第十一章 对违反生活纪律行为的处分，共四条：")
    for span in ("生活奢靡", "不正当性关系", "不重视家风建设", "违背社会公序良俗"):
        assert span in ex.answer
    assert [c.locator for c in ex.citations] == [h.locator for h in LIFE]
    assert all(c.quote in h.text for c, h in zip(ex.citations, LIFE, strict=True))
    assert chapter_articles("第十一章 对违反生活纪律行为的处分", LIFE[:1]) is None  # one article is no list
    assert chapter_articles("第十一章", LIFE * 3) is None  # twelve articles are too many to read out
