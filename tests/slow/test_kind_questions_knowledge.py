"""Questions that name what they ask for by its kind or in other words (issue 11, items 3 and 5) over the shipped
knowledge with the real embedder: "入党时举着右拳念的那些话" is the oath of 党章第六条, "讲究一个什么公式" is
"团结——批评——团结", "纪委是什么机关" is "党内监督专责机关", "党的宗旨" is "全心全意为人民服务"; the answer quotes the
sentence of that shape, and a question about a text the knowledge base does not hold is refused. None of these
questions is in an eval set; the spans are the source's words a correct answer must hold."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow

CONSTITUTION = "cpc-constitution-2017"
OATH = ("我志愿加入中国共产党", "随时准备为党和人民牺牲一切，永不叛党")


@pytest.mark.parametrize(
    ("question", "spans", "lead"),
    [
        # words: the oath in full (党章第六条), however the member names it, in traditional script or with a typo
        ("入党时举着右拳念的那些话是什么", OATH, (CONSTITUTION, "第六条")),
        ("宣誓词全文", OATH, (CONSTITUTION, "第六条")),
        ("入黨誓詞的原文", OATH, (CONSTITUTION, "第六条")),
        ("预备党员面对党旗宣读的那段话是什么", OATH, (CONSTITUTION, "第六条")),
        ("入党宣誓的誓言怎么说的", OATH, (CONSTITUTION, "第六条")),
        ("入党事词是什么", OATH, (CONSTITUTION, "第六条")),
        # formula: the chain, not a sentence that repeats 批评和自我批评
        ("批评和自我批评讲究一个什么公式", ("团结——批评——团结",), None),
        ("开展批评要遵循啥公式", ("团结——批评——团结",), None),
        # standing: "S是……机关/组织" for the subject, its formal name or its abbreviation
        ("纪委在党内是个什么定位", ("党内监督专责机关",), (CONSTITUTION, "第四十六条")),
        ("纪委是什么机关", ("党内监督专责机关",), (CONSTITUTION, "第四十六条")),
        ("紀委是什麼機關", ("党内监督专责机关",), (CONSTITUTION, "第四十六条")),
        (
            "地委是个什么性质的机构",
            ("在几个县、自治县、市范围内派出的代表机关",),
            (CONSTITUTION, "第二十九条"),
        ),
        ("监察委员会在国家是个什么定位", ("监察委员会是行使国家监察职能的专责机关",), None),
        ("党支部是个什么定位", ("党支部是党的基础组织",), None),
        (
            "党的全国代表大会在党内是什么地位",
            ("党的最高领导机关，是党的全国代表大会",),
            (CONSTITUTION, "第十条"),
        ),
        ("国家监委是什么机关", ("国家监察委员会是最高监察机关",), None),
        (
            "居委会是个啥性质的组织",
            ("居民委员会是居民自我管理、自我教育、自我服务的基层群众性自治组织",),
            None,
        ),
        # appearance: "S为……" describing it
        ("党旗党徽长什么样", ("旗面缀有金黄色党徽图案的红旗", "镰刀和锤头组成的图案"), None),
        ("黨旗是什麼樣子的", ("旗面缀有金黄色党徽图案的红旗",), (CONSTITUTION, "第五十四条")),
        ("党徽的图案是什么样的", ("镰刀和锤头组成的图案",), (CONSTITUTION, "第五十三条")),
        ("国旗长啥样", ("五星红旗",), ("constitution", "第一百四十一条")),
        # principle: the 原则 stated for what the question is about
        (
            "我们党跟外国政党打交道遵循什么原则",
            ("独立自主、完全平等、互相尊重、互不干涉内部事务",),
            (CONSTITUTION, "总纲·第23段"),
        ),
        ("党委研究重大事项按什么原则来定", ("集体领导、民主集中、个别酝酿、会议决定",), None),
        ("发展党员坚持什么原则", ("坚持个别吸收的原则",), (CONSTITUTION, "第五条")),
        # concepts stated in other words (service/rag/concepts.tsv)
        ("党的宗旨是什么", ("全心全意为人民服务",), None),
        ("黨的根本宗旨是啥", ("全心全意为人民服务",), None),
        ("党的指导思想是什么", ("作为自己的行动指南",), None),
        ("党的组织原则是什么", ("民主集中制",), None),
        ("党的思想路线是什么", ("一切从实际出发",), None),
        # object: "对……进行V" / "对……的V"
        ("监察委员会要对什么人进行监察", ("所有行使公权力的公职人员",), ("supervision-law", "第三条")),
        # function: "S……任务/职责是……"
        ("纪委是干什么的", ("主要任务是",), (CONSTITUTION, "第四十六条")),
        ("三会一课指哪些会", ("党员大会", "党小组会", "党课"), None),
    ],
)
def test_the_sentence_of_the_asked_kind_answers(
    container: Container, question: str, spans: tuple[str, ...], lead: tuple[str, str] | None
) -> None:
    answer = container.answerer.ask(question)
    _has(answer, *spans)
    if lead is not None:
        assert (answer.citations[0].doc_id, answer.citations[0].locator) == lead, answer.answer


def test_the_party_purpose_is_quoted_from_the_constitution(container: Container) -> None:
    # trial 3, A3: the 党章 states the 宗旨 without the word (总纲 "第三，坚持全心全意为人民服务", 第二条)
    answer = container.answerer.ask("党的宗旨是什么")
    assert answer.citations[0].doc_id == CONSTITUTION
    _has(answer, "全心全意为人民服务")


@pytest.mark.parametrize(
    "question", ["入团誓词是什么", "入团宣誓的誓词全文", "少先队员入队时念的那些话是什么"]
)
def test_a_text_the_knowledge_base_does_not_hold_is_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))
