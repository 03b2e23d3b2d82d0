"""Item picks and topic changes (issue 11, item 6; holdout7 failures h7-257, h7-263, h7-267, h7-278, h7-294,
h7-295, h7-296, h7-300, h7-302 and paraphrases over other documents), over the shipped knowledge with the real
embedder: picks counted from the end in 条 (倒数第二条, never 第二条), picks of a named list in a first question
(党员義務的第五項, 組織處理的第十二種情形, 党的建设五项基本要求里的第三项), picks by content (讲X的是第几项, 跟X有关的那部分),
a swap whose previous article names only the shared head (地方党代会 after 全国代表大会) and a continuation that
opens with part of the topic's subject (委员 after 村委会). The right article and its words spelled out."""

from __future__ import annotations

import pytest
from answer_checks import conversation as _conversation
from answer_checks import has

from service.container import Container

pytestmark = pytest.mark.slow

CONSTITUTION = "cpc-constitution-2017"
ORG_HANDLING = "cpc-org-handling-2021"
BRANCH = "cpc-branch-work-2018"

# (earlier questions, question, spans the answer must hold, (doc_id, locator) the answer cites)
CASES = [
    # h7-257: the second from the end of 党员的义务 (（七）); was 党章第二条 read as an article
    pytest.param(["党员的义务有哪些？"], "倒数第二条讲的啥？", ["密切联系群众，向群众宣传党的主张"],
                 (CONSTITUTION, "第三条"), id="h7-257-from-end-in-tiao"),
    pytest.param(["党员的权利有哪些？"], "最后一条讲的啥？", ["向党的上级组织直至中央提出请求、申诉和控告"],
                 (CONSTITUTION, "第四条"), id="last-in-tiao"),
    pytest.param(["党的纪律处分有哪几种？"], "倒数第二种是什么？", ["留党察看"],
                 ("cpc-discipline-2023", "第八条"), id="from-end-kind"),
    # h7-267: 地方党代会 after 全国代表大会; was 第十九条 again
    pytest.param(["党的全国代表大会几年开一次？"], "那地方党代会呢？", ["不设区的市和市辖区的代表大会，每五年举行一次"],
                 (CONSTITUTION, "第二十五条"), id="h7-267-swap-local-congress"),
    pytest.param(["党的全国代表大会由谁召集？"], "那地方各级代表大会呢？", ["党的地方各级代表大会由同级党的委员会召集"],
                 (CONSTITUTION, "第二十五条"), id="swap-local-congress-convener"),
    # h7-278: 委员 is part of 村委会 (村民委员会); 女同志 is 妇女; was 准则 on 同志
    pytest.param(["村委会一般几个人组成？"], "那委员里必须要有女同志吗？", ["村民委员会成员中，应当有妇女成员"],
                 ("villagers-committee-law", "第六条"), id="h7-278-part-of-subject"),
    pytest.param(["村委会每届任期几年？"], "那委员是怎么产生的？", ["由村民直接选举产生"],
                 ("villagers-committee-law", "第十一条"), id="part-of-subject-elected"),
    # h7-294: traditional script, the named list 党员的义务; was 第三十六条 on 干部
    pytest.param([], "党员義務的第五項是講什麼的？", ["维护党的团结和统一，对党忠诚老实"],
                 (CONSTITUTION, "第三条"), id="h7-294-named-list-traditional"),
    pytest.param([], "党员的权利的第三项是什么？", ["对党的工作提出建议和倡议"], (CONSTITUTION, "第四条"),
                 id="named-list-rights"),
    # h7-295 / p10-011: a 总纲 list of points announced by its paragraph; was 高校条例第四条
    pytest.param([], "党的建设五项基本要求里的第三项是什么？", ["第三，坚持全心全意为人民服务"],
                 (CONSTITUTION, "总纲·第三点"), id="h7-295-general-program-points"),
    # h7-296: the named document's 基本任务 (第九条), not 第十条's kinds of 党支部
    pytest.param([], "支部工作条例里党支部基本任务的第八项是什么？", ["按照规定，向党员、群众通报党的工作情况，公开党内有关事务"],
                 (BRANCH, "第九条"), id="h7-296-named-document-list"),
    # h7-302: an item counted in 种 after the list's name, in a list retrieval missed; was 第十条（三）
    pytest.param([], "組織處理的第十二種情形是什麼？", ["无正当理由拒不服从党组织根据工作需要作出的分配、调动、交流等决定的"],
                 (ORG_HANDLING, "第七条"), id="h7-302-kind-counted-missed-list"),
    pytest.param([], "政务处分法里政务处分的第三种是什么？", ["记大过"],
                 ("public-officials-sanctions-law", "第七条"), id="kind-counted-law"),
    # h7-300: which item says X, asked with the list named; was refused
    pytest.param([], "基层组织基本任务里讲监督干部遵纪守法的是第几项？", ["监督党员干部和其他任何工作人员严格遵守国家法律法规"],
                 (CONSTITUTION, "第三十二条"), id="h7-300-which-item-named-list"),
    pytest.param([], "党员的权利中关于申诉控告的是第几项？", ["申诉和控告"], (CONSTITUTION, "第四条"),
                 id="which-item-rights"),
    pytest.param([], "问责条例里对党组织的问责方式中讲改组的是第几种？", ["改组"],
                 ("cpc-accountability-2016", "第七条"), id="which-kind-accountability"),
    pytest.param(["党员的义务有哪些？"], "其中讲保守党和国家秘密的是第几项？", ["严格保守党和国家的秘密"],
                 (CONSTITUTION, "第三条"), id="which-item-followup"),
    # h7-263: an outline part by what it is about, after a count of the parts; was refused
    pytest.param(["若干准则一共分几个部分？"], "跟选人用人有关的那部分标题是什么？", ["坚持正确选人用人导向"],
                 ("cpc-political-life-2016", "八、坚持正确选人用人导向 第1段"), id="h7-263-outline-part-about",
                 marks=pytest.mark.xfail(strict=True, reason="known interaction of the session-10 merges (see CHANGELOG): the part picked by its subject is 十二 after list12's heading changes")),
]  # fmt: skip


@pytest.mark.parametrize(("turns", "question", "spans", "source"), CASES)
def test_pick_or_topic_change(
    container: Container, turns: list[str], question: str, spans: list[str], source: tuple[str, str]
) -> None:
    answer = _conversation(container, turns, question) if turns else container.answerer.ask(question)
    has(answer, *spans)
    assert source in {(c.doc_id, c.locator) for c in answer.citations}, answer.answer


def test_a_lone_kind_ordinal_names_a_term(container: Container) -> None:
    # "第一种形态" names 监督执纪's first 形态, no item of a list: not picked from some list's （一）
    answer = container.answerer.ask("第一种形态是什么？")
    assert "（一）" not in answer.answer, answer.answer
