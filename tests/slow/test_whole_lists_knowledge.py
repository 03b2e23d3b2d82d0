"""Issue 11, items 2 and 6 over the shipped knowledge with the real embedder: whole lists of every kind with their
count, and follow-ups about a list's items. The hand-made versions of these examples are in
tests/unit/test_whole_lists.py.
"""

from __future__ import annotations

import pytest
from answer_checks import has_list
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow

# (id, question, spans the answer must hold, count it must state or None)
LISTS = [
    pytest.param(  # one sentence plus a numbered list after "可以予以：" (was 第二十七条's 共同违纪)
        "违犯党纪的党组织会受到哪些处理？", ["书面检查或者给予通报批评", "改组", "解散"], None, id="mem-116",
    ),
    pytest.param(  # a section of one-line articles under its heading (was the preamble plus two articles)
        "廉洁自律准则对普通党员提了哪几条规范？",
        ["坚持公私分明，先公后私，克己奉公", "坚持崇廉拒腐，清白做人，干净做事", "坚持尚俭戒奢，艰苦朴素，勤俭节约",
         "坚持吃苦在前，享受在后，甘于奉献"],
        4, id="mem-150",
    ),
    pytest.param(
        "廉洁自律准则对党员领导干部提了哪几条规范？",
        ["廉洁从政，自觉保持人民公仆本色", "廉洁用权，自觉维护人民根本利益", "廉洁修身，自觉提升思想道德境界",
         "廉洁齐家，自觉带头树立良好家风"],
        4, id="mem-416",
    ),
    pytest.param(  # a list inside one sentence, counted
        "组织处理包括哪些措施？", ["停职检查、调整职务、责令辞职、免职、降职"], 5, id="mem-158",
    ),
    pytest.param(  # an enumeration in a sentence, then one heading paragraph per member, across stored chunks
        "萬州區抓基層黨組織建設的三個“抓”是什麼？", ["抓基本強基礎", "抓責任強落實", "抓隊伍強能力"], 3, id="mem-183",
    ),
    pytest.param(  # "代表……，代表……，代表……" in the 总纲's first paragraph
        "“三个代表”具体是代表什么？",
        ["代表中国先进生产力的发展要求", "代表中国先进文化的前进方向", "代表中国最广大人民的根本利益"],
        None, id="mem-403",
    ),
    pytest.param(  # 民营企业 is written 非公有制经济组织 (vocabulary.tsv)
        "民营企业里的党组织主要干什么？", ["引导和监督企业遵守国家的法律法规", "促进企业健康发展"], None, id="mem-080",
    ),
    pytest.param(  # 权力 for 权利: the knowledge base writes 党员的权利, never 党员的权力
        "党员的权力有哪些？", ["参加党的有关会议", "行使表决权、选举权，有被选举权", "提出请求、申诉和控告"], 8,
        id="mem-210",
    ),
    pytest.param(
        "党纪处分工作要遵循哪些原则？",
        ["坚持党要管党、全面从严治党", "党纪面前一律平等", "实事求是", "民主集中制", "惩前毖后、治病救人"], 5,
        id="reg-046",
    ),
    pytest.param(
        "培养联系人的主要任务有哪些？",
        ["向入党积极分子介绍党的基本知识", "做好培养教育工作", "及时向党支部汇报入党积极分子情况",
         "向党支部提出能否将入党积极分子列为发展对象的意见"],
        4, id="reg-094",
    ),
    pytest.param(  # the first article under that heading (第五条), not 党章第一条
        "党员领导干部廉洁自律规范第一条是什么？", ["廉洁从政，自觉保持人民公仆本色"], None, id="reg-122",
    ),
    pytest.param("组织处理按什么程序进行？", ["调查核实", "提出处理意见", "研究决定", "宣布实施"], 4, id="reg-154"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "spans", "count"), LISTS)
def test_the_whole_list_with_its_count(
    container: Container, question: str, spans: list[str], count: int | None
) -> None:
    answer = container.answerer.ask(question)
    has_list(answer, spans, count)


def _conversation(container: Container, turns: list[str]) -> list[str]:
    conversation_id: str | None = None
    out: list[str] = []
    for turn in turns:
        answer = container.answerer.ask(turn, conversation_id=conversation_id)
        conversation_id = answer.conversation_id
        out.append(answer.answer if not answer.refused else "")
    return out


def test_a_state_after_a_question_about_a_penalty_is_the_penaltys(container: Container) -> None:
    # mem-523: 留党察看期满 still not corrected → 开除党籍 (was 组织处理规定's 影响期满)
    last = _conversation(container, ["留党察看最长多久？", "那期满了还是不改呢？"])[-1]
    assert "开除党籍" in last


def test_a_question_about_an_item_of_the_list_is_answered_with_that_item(container: Container) -> None:
    # "最后一种是不是最重的" after the five kinds of penalty: 开除党籍是党内的最高处分
    last = _conversation(container, ["对党员的纪律处分有哪几种？", "最后一种是不是最重的？"])[-1]
    assert "开除党籍是党内的最高处分" in last


def test_an_item_question_without_a_list_before_is_refused(container: Container) -> None:
    conversation_id = container.answerer.ask("入党誓词是什么？").conversation_id
    answer = container.answerer.ask("最后一种是不是最重的？", conversation_id=conversation_id)
    _refused(answer)
