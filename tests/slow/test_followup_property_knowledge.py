"""Follow-ups over the shipped knowledge with the real embedder (issue 11, item 6; holdout4 h4-304, h4-208, h4-308,
probe4 h4-167): a member of the list just shown picked by a property (the sentence that states it cited), a topic
change inside the conversation's document, an item picked by its content, and a swap of whom a provision is for
whose answer stands beside the old one or in another document. The right article and its words spelled out; the
rules are unit-tested in tests/unit/test_followup_property.py."""

from __future__ import annotations

import pytest
from answer_checks import conversation as _conversation
from answer_checks import has

from service.container import Container

pytestmark = pytest.mark.slow

CONSTITUTION = "cpc-constitution-2017"
UNIVERSITY = "cpc-university-orgs-2021"
HIGHEST = ["开除党籍是党内的最高处分"]

# (earlier questions, follow-up, spans the answer must hold, (doc_id, locator) the answer cites)
CONVERSATIONS = [
    # h4-304: was 纪律处分条例第二十四条 (合并处理……最高处分加重一档)
    pytest.param(["党的纪律处分有哪几种？"], "那其中最高的是哪一种？", ["其中最高的是“开除党籍”", *HIGHEST],
                 (CONSTITUTION, "第四十一条"), id="property-highest"),
    pytest.param(["对党员的纪律处分有哪几种？"], "哪一种最重？", HIGHEST, (CONSTITUTION, "第四十一条"),
                 id="property-heaviest"),
    pytest.param(["黨的紀律處分有哪幾種？"], "其中最嚴厲的是哪一種？", HIGHEST, (CONSTITUTION, "第四十一条"),
                 id="property-traditional"),
    # another list, the property stated by another document (准则 四)
    pytest.param(["党的纪律有哪些？"], "其中最重要的是哪一种？", ["政治纪律是党最根本、最重要的纪律"],
                 ("cpc-political-life-2016", "四、严明党的政治纪律 第3段"), id="property-most-important"),
    # no sentence states it: the list's own order
    pytest.param(["党员有哪些权利？"], "最后的是哪一项？", ["向党的上级组织直至中央提出请求、申诉和控告"],
                 (CONSTITUTION, "第四条"), id="property-last-by-order"),
    # h4-208: a topic change inside the conversation's document; was refused (a ratio was no rate)
    pytest.param(["高校实行什么领导体制？"], "那专职辅导员按什么比例配？", ["不低于 1:200"], (UNIVERSITY, "第三十五条"),
                 id="topic-change-ratio"),
    pytest.param(["高校实行什么领导体制？"], "那专职组织员每个院系配几名？", ["至少配备1至2名专职组织员"],
                 (UNIVERSITY, "第三十五条"), id="topic-change-count"),
    pytest.param(["高校实行什么领导体制？"], "那高校党委每届任期几年？", ["每届任期 5 年"], (UNIVERSITY, "第五条"),
                 id="topic-change-term"),
    pytest.param(["監察委員會由誰產生？"], "那留置最長多久？", ["留置时间不得超过三个月"],
                 ("supervision-law", "第四十八条"), id="topic-change-traditional"),
    # h4-308 (its first turn as count7 answers it): the item about 保守秘密
    pytest.param(["党章里党员有哪些义务？"], "哪一项跟保守秘密有关？", ["严格保守党和国家的秘密"],
                 (CONSTITUTION, "第三条"), id="item-about-secrets"),
    # probe4 h4-167: was 党章第四十一条 again (对党员的纪律处分); 纪律处分条例第九条 stands beside 第八条 (对党员)
    pytest.param(["对党员的纪律处分有哪几种？"], "那对违纪的党组织呢？",
                 ["责令其作出书面检查或者给予通报批评", "改组", "解散"], ("cpc-discipline-2023", "第九条"),
                 id="swap-whom-for-other-document"),
    # the lead states the rule for the new subject further on: the swap keeps it (mem-524 and probe4 h4-312 were
    # answered with 党章第九条 and a theory article when the merged swap rule set the lead aside)
    pytest.param(["每个党员都要参加组织生活吗？"], "那要是党员领导干部呢？", ["党员领导干部还必须参加党委、党组的民主生活会"],
                 (CONSTITUTION, "第八条"), id="swap-kept-when-the-lead-names-the-new-subject"),
    pytest.param(["高校党委任期几年？"], "院系党组织呢？", ["院（系）党组织每届任期一般为 5 年"], (UNIVERSITY, "第七条"),
                 id="swap-kept-bracketed-subject"),
]  # fmt: skip


@pytest.mark.parametrize(("turns", "follow_up", "spans", "source"), CONVERSATIONS)
def test_follow_up_answered_from_the_right_article(
    container: Container, turns: list[str], follow_up: str, spans: list[str], source: tuple[str, str]
) -> None:
    answer = _conversation(container, turns, follow_up)
    assert not answer.refused, answer.answer
    has(answer, *spans)
    assert answer.citations and (answer.citations[0].doc_id, answer.citations[0].locator) == source, (
        answer.answer
    )


def test_a_swap_of_whom_in_traditional_script_leaves_the_old_subject(container: Container) -> None:
    # "對黨組織呢": not 对党员的纪律处分 (党章第四十一条) again; 改组 and 解散 are what a 党组织 may be given
    answer = _conversation(container, ["对党员的纪律处分有哪几种？"], "對黨組織呢？")
    has(answer, "改组", "解散")
    assert (answer.citations[0].doc_id, answer.citations[0].locator) != (CONSTITUTION, "第四十一条")


def test_a_property_no_sentence_states_is_not_answered_with_a_member(container: Container) -> None:
    # nothing in the knowledge base says which 权利 is the most important: no member is named as such
    answer = _conversation(container, ["党员有哪些权利？"], "其中最重要的是哪一项？")
    assert "其中最重要的是“" not in answer.answer
