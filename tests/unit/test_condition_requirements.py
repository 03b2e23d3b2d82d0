"""A condition question is answered by the sentence that states what a holder must have, not by the
fallback for when no one has it (issue 11, trial 3 item A7: "支部书记任职要满足什么条件" → 支部工作条例第二十三条)."""

from __future__ import annotations

from service.rag.extract import extract
from service.schemas import Hit

BRANCH = ("cpc-branch-2018", "中国共产党支部工作条例（试行）")


def _article(n: int, locator: str, text: str, score: float) -> Hit:
    doc_id, title = BRANCH
    return Hit(
        doc_id=doc_id, title=title, chunk_id=f"{doc_id}#a{n}", locator=locator, article_no=n,
        doc_type="party_regulation", score=score, text=text,  # type: ignore[arg-type]
    )  # fmt: skip


ART_23 = _article(
    23, "第二十三条",
    "第二十三条 党支部书记应当具备良好政治素质，热爱党的工作，具有一定的政策理论水平、组织协调能力和群众工作本领，"
    "敢于担当、乐于奉献，带头发挥先锋模范作用，在党员、群众中有较高威信，一般应当具有1 年以上党龄。",
    0.71,
)  # fmt: skip
ART_24 = _article(
    24, "第二十四条",
    "第二十四条 上级党组织应当结合不同领域实际，突出政治标准，按照组织程序，采取多种方式，选拔符合条件的优秀党员担任"
    "党支部书记。没有合适人选的，可以由上级党组织选派党支部书记。",
    0.88,
)  # fmt: skip
ART_25 = _article(
    25, "第二十五条",
    "第二十五条 党支部书记培训纳入党员、干部教育培训规划，对新任党支部书记应当进行任职培训。",
    0.80,
)  # fmt: skip


def test_the_requirements_of_the_office_answer_what_conditions_it_takes() -> None:
    ex = extract("支部书记任职要满足什么条件", [ART_24, ART_25, ART_23], max_chars=400)
    assert ex.answer.startswith(
        "根据《中国共产党支部工作条例（试行）》第二十三条：党支部书记应当具备良好政治素质"
    )
    assert "1 年以上党龄" in ex.answer.split("另据")[0]


def test_a_fallback_for_when_no_one_qualifies_does_not_state_the_conditions() -> None:
    ex = extract("支部书记要具备什么条件", [ART_24, ART_25, ART_23], max_chars=400)
    assert not ex.answer.startswith("根据《中国共产党支部工作条例（试行）》第二十四条")
