"""Issue 11, items 2 and 6 over the shipped knowledge with the real embedder: lists spread over chapter headings
and one-line articles, procedures with every step, two-part questions, counts and follow-ups, in members' own
words, traditional script and typos (questions written for this test, none from the eval sets). The hand-made
versions of these kinds are in tests/unit/test_heading_lists.py and tests/unit/test_levels_and_procedures.py.
"""

from __future__ import annotations

import pytest
from answer_checks import has

from service.container import Container
from service.schemas import Answer

pytestmark = pytest.mark.slow

# (turns of one conversation, spans the last answer must hold)
CASES = [
    pytest.param(  # the 纪律处分条例's 分则 chapter headings are the list; 第八条's 处分种类 are not
        ["纪律处分条例对哪几类纪律规定了处分？"],
        ["政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"],
        id="heading-kinds",
    ),
    pytest.param(  # no document named: the list is still the 分则's headings
        ["违反哪几类纪律会受到党纪处分？"],
        ["政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"],
        id="heading-kinds-colloquial",
    ),
    pytest.param(  # traditional script and the typo 處份
        ["紀律處份條例分則規定了哪幾類紀律？"],
        ["政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"],
        id="heading-kinds-traditional-typo",
    ),
    pytest.param(  # one sentence of 党章第四十条 already lists them: no heading list replaces it
        ["党章里党的纪律主要有哪几种？"],
        ["政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律"],
        id="constitution-kinds",
    ),
    pytest.param(  # 分别 is no part of the numbered term (was the preamble)
        ["廉洁自律准则里的四个廉洁分别是什么？"],
        ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"],
        id="four-integrity",
    ),
    pytest.param(  # one-line articles 第五条至第八条
        ["廉潔自律準則的四個廉潔是啥？"],
        ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"],
        id="four-integrity-traditional",
    ),
    pytest.param(  # 总纲·第四点
        ["四個意識是哪四個？"],
        ["政治意识、大局意识、核心意识、看齐意识"],
        id="four-awareness-traditional",
    ),
    pytest.param(  # 总纲's second paragraph
        ["党的行动指南包括哪几个理论？"],
        [
            "马克思列宁主义",
            "毛泽东思想",
            "邓小平理论",
            "“三个代表”重要思想",
            "科学发展观",
            "习近平新时代中国特色社会主义思想",
        ],
        id="guiding-theories",
    ),
    pytest.param(  # the 细则's chapters, not the 党章's nine chapters (党章第五条 was the best hit)
        ["入党要经过哪些环节？"],
        [
            "入党积极分子的确定和培养教育",
            "发展对象的确定和考察",
            "预备党员的接收",
            "预备党员的教育、考察和转正",
        ],
        id="stages-join",
    ),
    pytest.param(  # the chapters that name 发展/党员
        ["发展党员分哪几个阶段？"],
        [
            "入党积极分子的确定和培养教育",
            "发展对象的确定和考察",
            "预备党员的接收",
            "预备党员的教育、考察和转正",
        ],
        id="stages-develop",
    ),
    pytest.param(  # 监督执纪工作规则's procedural chapters
        ["监督执纪工作分哪几个环节？"],
        ["线索处置", "谈话函询", "初步核实", "审查调查", "审理"],
        id="stages-supervision",
    ),
    pytest.param(  # 支部工作条例第十八条
        ["民主评议党员按什么程序来搞？"],
        ["个人自评、党员互评、民主测评"],
        id="procedure-review",
    ),
    pytest.param(  # typo 评义; 细则第二十一条's 接收预备党员的主要程序 is another matter's procedure
        ["民主评义党员按什么程序进行？"],
        ["个人自评、党员互评、民主测评"],
        id="procedure-review-typo",
    ),
    pytest.param(  # 细则第二十一条's four items
        ["支部大会讨论接收预备党员要走哪些程序？"],
        [
            "发展对象汇报对党的认识",
            "入党介绍人介绍发展对象有关情况",
            "支部委员会报告对发展对象的审查情况",
            "采取无记名投票方式进行表决",
        ],
        id="procedure-admit",
    ),
    pytest.param(  # 组织处理规定第十条's four steps
        ["组织处理按什么步骤来？"],
        ["调查核实", "提出处理意见", "研究决定", "宣布实施"],
        id="procedure-org-handling",
    ),
    pytest.param(  # holdout4 h4-158: the articles of the 分则's 第十一章, not 党章第四十条's six kinds
        ["违反生活纪律主要有哪些行为？"],
        ["对违反生活纪律行为的处分", "生活奢靡", "不正当性关系", "不重视家风建设", "违背社会公序良俗"],
        id="chapter-articles-life",
    ),
    pytest.param(  # traditional script, another chapter
        ["違反群眾紀律的行為有哪些？"],
        ["对违反群众纪律行为的处分", "第一百二十二条", "第一百二十九条"],
        id="chapter-articles-masses-traditional",
    ),
    pytest.param(  # another document's chapter
        ["发展对象的确定和考察有哪些规定"],
        ["发展对象的确定和考察", "第十三条", "第十七条"],
        id="chapter-articles-recruit",
    ),
    pytest.param(  # holdout4 h4-202: 第十条's four steps, counted, not the 处分批准权限和程序规定's chapters
        ["组织处理的程序分几步？"],
        ["共四个步骤", "调查核实", "提出处理意见", "研究决定", "宣布实施"],
        id="procedure-org-handling-steps",
    ),
    pytest.param(  # traditional script, 环节
        ["組織處理要經過哪幾個環節？"],
        ["调查核实", "提出处理意见", "研究决定", "宣布实施"],
        id="procedure-org-handling-traditional",
    ),
    pytest.param(  # 细则第三十三条's semicolon list, not the 细则's chapters
        ["预备党员转正要经过哪几个环节？"],
        ["共六个", "本人向党支部提出书面转正申请", "支部委员会审查", "报上级党委审批"],
        id="procedure-confirm-stages",
    ),
    pytest.param(  # 公务员法第四十六条
        ["公务员晋升领导职务要走哪些程序"],
        ["动议", "民主推荐", "确定考察对象，组织考察", "按照管理权限讨论决定"],
        id="procedure-promotion",
    ),
    pytest.param(  # 细则第三十三条, every step
        ["预备党员转正要办哪些手续？"],
        ["本人向党支部提出书面转正申请", "支部委员会审查", "支部大会讨论、表决通过", "报上级党委审批"],
        id="procedure-confirm",
    ),
    pytest.param(  # 细则第三十八条 names each level (reg-108 kind)
        ["省里和县里的党委分别多久检查一次发展党员工作？"],
        ["县（市、区、旗）党委每半年检查一次", "直辖市党委每年检查一次"],
        id="levels-check",
    ),
    pytest.param(  # how many, and who
        ["入党要几个介绍人？介绍人得是什么身份？"],
        ["两名正式党员"],
        id="two-asks-sponsors",
    ),
    pytest.param(  # how long, and from when
        ["预备期多长，从哪天开始算？"],
        ["预备期为一年", "支部大会通过"],
        id="two-asks-probation",
    ),
    pytest.param(  # 党章第三条 counted
        ["党员的义务一共有几项？"],
        ["八项"],
        id="count-duties",
    ),
    pytest.param(  # 党章第十条 counted
        ["民主集中制的基本原则有几条？"],
        ["六"],
        id="count-principles",
    ),
    pytest.param(  # 公务员 → 预备党员: the 试用期 of the new entity (mem-514 kind)
        ["新录用的公务员试用期多长？", "那预备党员呢？"],
        ["预备党员的预备期为一年"],
        id="followup-same-kind",
    ),
    pytest.param(  # 支部工作条例第十二条
        ["党支部党员大会多久开一次？", "那支委会呢？"],
        ["每月召开 1 次"],
        id="followup-committee",
    ),
    pytest.param(  # 义务 replaces 权利, all eight items
        ["党员有哪些权利？", "那义务呢？"],
        ["党员必须履行下列义务", "（八）"],
        id="followup-attribute",
    ),
    pytest.param(  # the eighth item of 党章第三条
        ["党员有哪几项义务？", "第八项是什么？"],
        ["发扬社会主义新风尚"],
        id="followup-item",
    ),
    pytest.param(  # an item of the list shown before
        ["对党员的纪律处分有哪几种？", "其中最重的是哪一种？"],
        ["开除党籍"],
        id="followup-heaviest",
    ),
    pytest.param(  # 细则第三十条 (trial 3, item 14 kind)
        ["入党誓词是什么？", "谁来组织宣誓呢？"],
        ["一般由基层党委或党支部（党总支）组织进行"],
        id="followup-oath-leader",
    ),
]


def _last(container: Container, turns: list[str]) -> Answer:
    conversation_id: str | None = None
    answer: Answer | None = None
    for turn in turns:
        answer = container.answerer.ask(turn, conversation_id=conversation_id)
        conversation_id = answer.conversation_id
    assert answer is not None
    return answer


@pytest.mark.parametrize(("turns", "spans"), CASES)
def test_lists_procedures_and_follow_ups(container: Container, turns: list[str], spans: list[str]) -> None:
    has(_last(container, turns), *spans)


def test_a_heading_list_names_its_count_and_cites_each_chapter(container: Container) -> None:
    answer = container.answerer.ask("纪律处分条例对哪几类纪律规定了处分？")
    assert answer.answer.startswith("根据《中国共产党纪律处分条例》，共六类纪律：")
    assert len(answer.citations) == 6
    assert all(c.doc_id == "cpc-discipline-2023" for c in answer.citations)


def test_stages_never_come_from_chapters_that_name_no_stage(container: Container) -> None:
    # "入党要经过哪些环节" listed the 党章's chapters (党员, 党的组织制度 … 党徽党旗) as "九个阶段"
    answer = container.answerer.ask("入党要经过哪些环节？")
    assert "党徽党旗" not in answer.answer and "九个阶段" not in answer.answer
