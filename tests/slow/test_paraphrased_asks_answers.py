"""Asks whose answering sentence is worded differently from the question (issue 11, items 3 and 5; holdout3's
``paraphrase`` kind) over the shipped knowledge with the real embedder: the article that states what was asked
leads and its words are spelled out. The examples of the task and variants of each (everyday wording,
traditional script)."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import lead as _lead

from service.container import Container

pytestmark = pytest.mark.slow

CONSTITUTION = "cpc-constitution-2017"
ACCOUNTABILITY = "cpc-accountability-2016"
COMMISSION = "cpc-discipline-commission-2021"
INTEGRITY = "cpc-integrity-2015"


@pytest.mark.parametrize(
    ("question", "lead", "spans"),
    [
        # 1. a duration ask: the period of the asked subject's stage, not 细则's 推迟讨论转正 that repeats 转正
        ("预备党员要考察多久才能转正？", (CONSTITUTION, "第七条"), ("预备党员的预备期为一年",)),
        ("预备党员得考察多长时间才能转正", (CONSTITUTION, "第七条"), ("预备党员的预备期为一年",)),
        ("入党以后预备期有多长", (CONSTITUTION, "第七条"), ("预备党员的预备期为一年",)),
        # 2. "怎么给X定位": the "X是Y" definition of the subject
        (
            "党章是怎么给党的干部定位的？",
            (CONSTITUTION, "第三十五条"),
            ("党的干部是党的事业的骨干", "是人民的公仆"),
        ),
        ("党章怎么给干部定位", (CONSTITUTION, "第三十五条"), ("党的干部是党的事业的骨干",)),
        ("党对干部是怎样定位的", (CONSTITUTION, "第三十五条"), ("是人民的公仆",)),
        # 3. whether a right is granted: the provision granting it (党章第四条), not a procedural article
        (
            "党员被处分后有申诉的权利吗",
            (CONSTITUTION, "第四条"),
            ("向党的上级组织直至中央提出请求、申诉和控告",),
        ),
        ("党员有没有申诉的权利", (CONSTITUTION, "第四条"), ("申诉和控告",)),
        ("党员有权提出申诉吗", (CONSTITUTION, "第四条"), ("申诉和控告",)),
        ("党员有没有表决权", (CONSTITUTION, "第四条"), ("行使表决权、选举权，有被选举权",)),
        # 4. "用好什么形态": the sentence naming the set, not a refusal for the quoted noun
        (
            "纪检机关监督执纪要用好什么“形态”？",
            (COMMISSION, "第三十一条"),
            ("精准有效运用监督执纪“四种形态”",),
        ),
        ("纪检机关执纪要用好什么形态", (COMMISSION, "第三十一条"), ("精准有效运用监督执纪“四种形态”",)),
        ("监督执纪要运用哪种形态", (COMMISSION, "第三十一条"), ("“四种形态”",)),
        # 5. "怎么进行": the manner in which the act is carried out
        ("对领导干部问责，诫勉怎么进行", (ACCOUNTABILITY, "第七条"), ("应当以谈话或者书面方式进行诫勉",)),
        ("對領導幹部問責，誡勉是怎麼進行的", (ACCOUNTABILITY, "第七条"), ("应当以谈话或者书面方式进行诫勉",)),
        ("诫勉一般怎么搞", (ACCOUNTABILITY, "第七条"), ("以谈话或者书面方式进行诫勉",)),
        # 6. "X中，关于Y是怎么说的" (traditional script): the item of the named list that holds Y
        ("黨章規定的黨員義務中，關於保守祕密是怎麼說的", (CONSTITUTION, "第三条"), ("保守党和国家的秘密",)),
        ("党员义务里关于保守秘密是怎么说的", (CONSTITUTION, "第三条"), ("保守党和国家的秘密",)),
        ("党员权利里关于申诉有什么规定", (CONSTITUTION, "第四条"), ("申诉和控告",)),
        # 7. an ordinal of a named part: within that part, not 党章第一条
        ("黨員的廉潔自律規範第一條是什麼", (INTEGRITY, "第一条"), ("坚持公私分明，先公后私，克己奉公",)),
        ("党员的廉洁自律规范第三条是什么", (INTEGRITY, "第三条"), ("坚持尚俭戒奢",)),
        ("党员领导干部的廉洁自律规范第二条是什么", (INTEGRITY, "第六条"), ("廉洁用权",)),
    ],
)
def test_the_sentence_stating_what_was_asked_leads(
    container: Container, question: str, lead: tuple[str, str], spans: tuple[str, ...]
) -> None:
    answer = container.answerer.ask(question)
    assert _lead(answer) == lead, answer.answer
    _has(answer, *spans)


def test_the_oath_does_not_answer_the_duty_about_secrets(container: Container) -> None:
    answer = container.answerer.ask("黨章規定的黨員義務中，關於保守祕密是怎麼說的")
    assert "誓词" not in answer.answer


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("黨的宗旨是甚麼", ("全心全意为人民服务",)),  # 甚麼 is 什么, not 甚么
        ("留党查看处分最长是几年", ("留党察看最长不超过两年",)),  # the limit right after the subject
    ],
)
def test_variants_and_limits_are_answered(
    container: Container, question: str, spans: tuple[str, ...]
) -> None:
    answer = container.answerer.ask(question)
    assert not answer.refused, answer.answer
    _has(answer, *spans)


def test_a_right_of_another_holder_is_not_answered_from_the_members_rights(container: Container) -> None:
    # 预备党员 have no 选举权 (党章第七条): 党章第四条's "党员享有下列权利" is not their list
    answer = container.answerer.ask("预备党员有选举权吗")
    assert _lead(answer) == (CONSTITUTION, "第七条")
    _has(answer, "没有表决权、选举权和被选举权")


@pytest.mark.parametrize("question", ["党员受到留党察看处分期间有表决权吗", "留党察看期间党员有没有选举权"])
def test_a_right_withheld_under_the_asked_condition_is_not_answered_by_the_grant(
    container: Container, question: str
) -> None:
    answer = container.answerer.ask(question)
    assert _lead(answer) == (CONSTITUTION, "第四十一条")
    _has(answer, "没有表决权、选举权和被选举权")


def test_an_item_named_in_passing_does_not_anchor_a_definition(container: Container) -> None:
    # mem-742: 信访工作条例 only names 一岗双责 inside an item; the mention-only refusal stands
    answer = container.answerer.ask("“一岗双责”具体指什么？")
    assert answer.refused
