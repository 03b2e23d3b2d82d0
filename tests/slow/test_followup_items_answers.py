"""Follow-ups understood, not matched by phrasing (issue 11, item 6), over the shipped knowledge with the real
embedder: a question about a picked item (by ordinal, with or without its kind noun), a group spelled out one
paragraph per member, the list of an article's several that was shown, a continuation that names no subject of its
own, a swapped subject covered by a rule for "the others", and a swapped meeting. The right article and its words
spelled out; the rules themselves are unit-tested in tests/unit/test_followup_items.py."""

from __future__ import annotations

import pytest
from answer_checks import conversation as _conversation
from answer_checks import has

from service.container import Container

pytestmark = pytest.mark.slow

ACCOUNTABILITY = ("cpc-accountability-2016", "第七条")
ANDING = "theory-anding-five-projects"

# (earlier questions, follow-up, spans the answer must hold, (doc_id, locator) the answer cites, None: any)
CONVERSATIONS = [
    # ho3-155: a question about the third 问责方式 (改组), answered by its own item; was refused
    pytest.param(["对党组织的问责方式有哪些？"], "第三种是在什么情况下用的",
                 ["严重违反党的纪律、本身又不能纠正的，应当予以改组"], ACCOUNTABILITY, id="item-ask-condition"),
    pytest.param(["对党组织的问责方式有哪些"], "第一种适用于什么情形",
                 ["对履行职责不力、情节较轻的，应当责令其作出书面检查并切实整改"], ACCOUNTABILITY,
                 id="item-ask-first-not-recusal"),
    pytest.param(["对党组织的问责方式有哪些"], "第三种方式是在什么情况下用的", ["本身又不能纠正的，应当予以改组"],
                 ACCOUNTABILITY, id="item-ask-with-kind-noun"),
    # 问责条例第七条 lists the 党组织's ways first; the 领导干部's were shown
    pytest.param(["对党的领导干部的问责方式有哪些"], "第二种是怎么进行的", ["应当以谈话或者书面方式进行诫勉"],
                 ACCOUNTABILITY, id="item-ask-second-list"),
    pytest.param(["对党的领导干部的问责方式有哪些"], "第三项呢", ["（三）组织调整或者组织处理"], ACCOUNTABILITY,
                 id="point-second-list"),
    pytest.param(["对党的领导干部的问责方式有哪些", "第二种是怎么进行的"], "那第四种呢",
                 ["依照《中国共产党纪律处分条例》追究纪律责任"], ACCOUNTABILITY, id="point-after-item-ask"),
    pytest.param(["对党员的纪律处分有哪几种"], "第四种期间还有选举权吗",
                 ["党员在留党察看期间没有表决权、选举权和被选举权"], ("cpc-constitution-2017", "第四十一条"),
                 id="item-ask-inline-list"),
    # ho3-168: the 工程 are spelled out one paragraph each after the paragraph that counts them
    pytest.param(["安定区五大工程是什么？"], "第一个工程提升的是什么能力", ["“思想凝聚力”"], (ANDING, "第3段"),
                 id="paragraph-member-first"),
    pytest.param(["安定区五大工程是什么"], "第三个工程是要提升什么能力", ["“核心驱动力”"], (ANDING, "第5段"),
                 id="paragraph-member-third"),
    pytest.param(["安定区五大工程是什么"], "最后一个工程提升什么能力", ["“工作执行力”"], (ANDING, "第7段"),
                 id="paragraph-member-last"),
    pytest.param(["安定区五大工程是什么"], "第二个工程呢", ["实施“骨干聚能”队伍引领工程"], (ANDING, "第4段"),
                 id="paragraph-member-itself"),
    pytest.param(["安定区五大工程是什么"], "第四个工程是什么", ["“保障聚强”基础引领工程"], (ANDING, "第6段"),
                 id="paragraph-member-what"),
    # an item asked for by how it is worded
    pytest.param(["党员有哪些权利？"], "其中第六项具体是怎么规定的？",
                 ["本人有权参加和进行申辩", "其他党员可以为他作证和辩护"], ("cpc-constitution-2017", "第四条"),
                 id="point-how-worded"),
    # an item picked by its content, the content first; of sibling articles (廉洁自律准则第五条至第八条), the one naming it
    pytest.param(["党支部的基本任务有哪些？"], "其中跟发展党员有关的是哪一项", ["做好经常性的发展党员工作"],
                 ("cpc-branch-work-2018", "第九条"), id="about-content-first"),
    pytest.param(["党员领导干部的廉洁自律规范有哪些？"], "其中跟家风有关的是哪一条？", ["廉洁齐家，自觉带头树立良好家风"],
                 ("cpc-integrity-2015", "第八条"), id="about-sibling-articles"),
    pytest.param(["党员领导干部的廉洁自律规范有哪些？"], "哪一条和用权有关", ["廉洁用权，自觉维护人民根本利益"],
                 ("cpc-integrity-2015", "第六条"), id="about-sibling-articles-usage"),
    # ho3-165: a continuation naming no subject is about 预备期, not 留党察看
    pytest.param(["预备党员的预备期多长？"], "如果期满不合格，可以延长多久", ["延长时间不能少于半年，最长不超过一年"],
                 ("cpc-member-recruitment-2014", "第三十二条"), id="continuation-probation-extension"),
    pytest.param(["预备期多长"], "如果期满表现不好，还能延长吗", ["可以延长预备期，但不能超过一年"],
                 ("cpc-constitution-2017", "第七条"), id="continuation-probation-still"),
    # ho3-157: 高校、企业 are among the 其他基层单位 of 支部工作条例第二十一条 (not 党章's 三年至五年 alone)
    pytest.param(["村党支部委员会每届任期几年？"], "那高校、企业里的支部呢",
                 ["其他基层单位党支部委员会一般每届任期 3 年"], ("cpc-branch-work-2018", "第二十一条"),
                 id="swap-others-rule"),
    pytest.param(["社区党支部委员会任期多长"], "那机关党支部呢", ["其他基层单位党支部委员会一般每届任期 3 年"],
                 ("cpc-branch-work-2018", "第二十一条"), id="swap-others-rule-office"),
    pytest.param(["村党支部委员会每届任期几年？"], "那高校院系的党支部呢？", ["每届任期一般为 3 年"],
                 ("cpc-university-orgs-2021", "第八条"), id="swap-named-beside-others"),
    # 党支部委员会会议 → 党小组会 → 党员大会: the meeting replaced whole, never "党小组会议"; was refused
    pytest.param(["党支部委员会会议多久开一次？"], "党小组会呢？", ["党小组会一般每月召开 1 次"],
                 ("cpc-branch-work-2018", "第十三条"), id="swap-meeting"),
    pytest.param(["党支部委员会会议多久开一次？", "党小组会呢？"], "那党员大会呢？", ["一般每季度召开 1 次"],
                 ("cpc-branch-work-2018", "第十一条"), id="swap-meeting-third-turn"),
    # trial 5: 转正手续 after 预备期; 地方委员会 after 全国代表大会
    pytest.param(["预备期多长"], "转正要走什么程序", ["本人向党支部提出书面转正申请"],
                 ("cpc-member-recruitment-2014", "第三十三条"), id="new-procedure-in-topic"),
    pytest.param(["党的全国代表大会每届任期几年"], "那地方委员会呢", ["每届任期五年"],
                 ("cpc-constitution-2017", "第二十七条"), id="swap-local-committee",
                 # passed on followup6 (721738d); after main's merges of 2026-11-30 15:04 the swapped question
                 # "党的地方委员会每届任期几年" leads with 党章第三十一条 (基层委员会), as the first question does
                 marks=pytest.mark.xfail(reason="党的地方委员会 answered with 党章第三十一条; open", strict=True)),
]  # fmt: skip


@pytest.mark.parametrize(("turns", "follow_up", "spans", "source"), CONVERSATIONS)
def test_follow_up_understood(
    container: Container, turns: list[str], follow_up: str, spans: list[str], source: tuple[str, str]
) -> None:
    answer = _conversation(container, turns, follow_up)
    has(answer, *spans)
    assert source in {(c.doc_id, c.locator) for c in answer.citations}, answer.answer


def test_an_item_question_without_such_a_list_is_asked_as_it_stands(container: Container) -> None:
    # "第一种形态" names no 形态 the previous question asked about: a term of its own (监督执纪第一种形态)
    answer = _conversation(container, ["党员有哪些义务"], "第一种形态是什么")
    has(answer, "第一种形态")


def test_a_continuation_naming_its_own_subject_is_answered_for_it(container: Container) -> None:
    # a subject of its own (村委会主任) is not read in the conversation's subject (预备期)
    answer = _conversation(container, ["预备党员的预备期多长？"], "那如果是村委会主任违法了怎么办")
    assert answer.citations and all(c.doc_id != "cpc-constitution-2017" for c in answer.citations), (
        answer.answer
    )
