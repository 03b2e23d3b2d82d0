"""Item picks and topic changes in conversations (issue 11, item 6; holdout6 follow-ups), over the shipped knowledge
with the real embedder: items counted in 类/步/部分 or in 条 before their noun, a one-sentence list its count
confirms (总纲's 四项基本原则), a superlative pick with something asked of it, an item pick with a later ask, the list
the previous question asked for when the answer shown had no such item, and swaps that keep the previous aspect.
The right article and its words spelled out; the resolution rules are unit-tested in
tests/unit/test_followup10_resolution.py."""

from __future__ import annotations

import pytest
from answer_checks import conversation as _conversation
from answer_checks import has

from service.container import Container

pytestmark = pytest.mark.slow

BRANCH_10 = ("cpc-branch-work-2018", "第十条")
CONSTITUTION = "cpc-constitution-2017"
DISCIPLINE = "cpc-discipline-2023"
ACCOUNTABILITY_7 = ("cpc-accountability-2016", "第七条")

# (earlier questions, follow-up, spans the answer must hold, (doc_id, locator) the answer cites)
CONVERSATIONS = [
    # h6-102: the ninth 类 of 支部工作条例第十条, asked with what it does; was （四）高校
    pytest.param(["支部工作条例把不同领域的党支部分成哪几类？"], "里面第九类是什么支部？它主要干什么？",
                 ["流动党员党支部", "组织流动党员开展政治学习"], BRANCH_10, id="h6-102-class"),
    pytest.param(["不同领域的党支部分成哪几类"], "第三类呢",
                 ["国有企业和集体企业中的党支部"], BRANCH_10, id="class-bare"),
    # h6-274: items counted in 条 named by their noun; was 若干准则 and 立法法第五条
    pytest.param(["民主集中制的基本原则有哪几条？"], "其中第五条原则讲的什么？",
                 ["集体领导和个人分工负责相结合的制度"], (CONSTITUTION, "第十条"), id="h6-274-article-noun"),
    pytest.param(["党员必须履行的义务有哪几条？"], "第二条义务是什么？",
                 ["贯彻执行党的基本路线和各项方针、政策"], (CONSTITUTION, "第三条"), id="article-noun-duties"),
    # h6-273: a step of a procedure listed in one sentence; was 总纲·第四点
    pytest.param(["预备党员转正要经过哪些手续？"], "第四步呢？", ["支部委员会审查"],
                 ("cpc-member-recruitment-2014", "第三十三条"), id="h6-273-step"),
    # h6-270: 总纲's one-sentence list its count confirms; was 支部工作条例第三条
    pytest.param(["四项基本原则是什么？"], "第三个原则是哪个？", ["坚持中国共产党的领导"],
                 (CONSTITUTION, "总纲·第13段"), id="h6-270-general-program"),
    # h6-168: the heaviest of the 问责方式 for 党组织 (改组, the last), asked of; was 第五条
    pytest.param(["问责条例里对党组织的问责方式有哪些？"], "其中最重的那种对党组织的问责方式适用什么情况？",
                 ["严重违反党的纪律、本身又不能纠正的，应当予以改组"], ACCOUNTABILITY_7, id="h6-168-heaviest"),
    pytest.param(["问责条例对党的领导干部的问责方式有哪些？"], "其中最轻的那种是怎么进行的？",
                 ["对履行职责不力的，应当严肃批评"], ACCOUNTABILITY_7, id="lightest-asked-of"),
    # h6-269 (second part): the pick's own article answers what follows from it
    pytest.param(["纪律处分条例规定的处分种类有哪些？"], "第三种是什么，处分后有什么影响？",
                 ["撤销党内职务", "二年内不得在党内担任"], (DISCIPLINE, "第十一条"), id="h6-269-pick-and-ask"),
    pytest.param(["纪律处分条例规定的处分种类有哪些？"], "第四种是什么，受了这种处分有什么后果？",
                 ["留党察看", "恢复党员权利后二年内"], (DISCIPLINE, "第十二条"), id="pick-and-consequence"),
    # h6-205: the answer shown was 第十条's four steps; the question asked for 第七条's 情形
    pytest.param(["组织处理规定里哪些情形应当受到组织处理？"], "那其中第十二种是什么情况？",
                 ["无正当理由拒不服从党组织根据工作需要作出的分配、调动、交流等决定的"],
                 ("cpc-org-handling-2021", "第七条"), id="h6-205-asked-list"),
    # h6-163: the eleventh heading of the 准则's outline; was refused
    pytest.param(["若干准则分了哪几个部分？"], "那第十一部分讲的是什么？", ["加强对权力运行的制约和监督"],
                 ("cpc-political-life-2016", "十一、加强对权力运行的制约和监督 第1段"), id="h6-163-outline-part"),
    pytest.param(["关于新形势下党内政治生活的若干准则一共讲了哪几个方面？"], "第三个方面呢？", ["坚决维护党中央权威"],
                 ("cpc-political-life-2016", "三、坚决维护党中央权威 第1段"), id="outline-aspect"),
    # a list answered one cited line per member (chapters as stages, as kinds of 纪律): that line
    pytest.param(["党员发展要经过哪几个阶段？"], "第二步呢？", ["发展对象的确定和考察"],
                 ("cpc-member-recruitment-2014", "第十三条"), id="listed-line-stage"),
    pytest.param(["纪律处分条例分则规定了哪几类纪律？"], "第四类呢？", ["群众纪律"],
                 (DISCIPLINE, "第一百二十二条"), id="listed-line-class"),
    # h6-281: the swap asks the same (the 影响期) of 留党察看; was its first sentence only
    pytest.param(["受了严重警告处分多长时间内不能提拔？"], "要是留党察看呢？", ["恢复党员权利后二年内"],
                 (DISCIPLINE, "第十二条"), id="h6-281-swap-aspect"),
    # h6-282: the student branch's lead, not one item
    pytest.param(["高校教职工党支部主要做什么？"], "那学生党支部呢？", ["学生党支部应当加强思想政治引领"],
                 ("cpc-university-orgs-2021", "第十三条"), id="h6-282-swap-lead"),
]  # fmt: skip


@pytest.mark.parametrize(("turns", "follow_up", "spans", "source"), CONVERSATIONS)
def test_pick_or_swap_understood(
    container: Container, turns: list[str], follow_up: str, spans: list[str], source: tuple[str, str]
) -> None:
    answer = _conversation(container, turns, follow_up)
    has(answer, *spans)
    assert source in {(c.doc_id, c.locator) for c in answer.citations}, answer.answer


def test_an_item_past_the_list_asked_for_is_still_refused(container: Container) -> None:
    # the list shown is the one asked for (five 处分): no other list is looked for
    answer = _conversation(container, ["党的纪律处分有哪几种？"], "那第六种呢？")
    assert answer.refused, answer.answer
