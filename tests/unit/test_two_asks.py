"""A question that asks two things gets evidence for each (issue 11, trial 3 item C13: "入党介绍人要几个，谁能当"
→ 党章第五条 (两名正式党员) and 发展党员工作细则第十四条 (一般由培养联系人担任))."""

from __future__ import annotations

from service.rag.extract import extract
from service.rag.query_terms import asks_twice
from service.schemas import Hit


def _article(doc_id: str, title: str, n: int, locator: str, text: str, score: float) -> Hit:
    return Hit(
        doc_id=doc_id, title=title, chunk_id=f"{doc_id}#a{n}", locator=locator, article_no=n,
        doc_type="party_regulation", score=score, text=text,  # type: ignore[arg-type]
    )  # fmt: skip


CONSTITUTION_5 = _article(
    "cpc-constitution-2017", "中国共产党章程", 5, "第五条",
    "第五条 发展党员，必须经过党的支部，坚持个别吸收的原则。\n"
    "申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准，并且经过预备期的考察，"
    "才能成为正式党员。\n"
    "介绍人要认真了解申请人的思想、品质、经历和工作表现，向他解释党的纲领和党的章程，说明党员的条件、义务和权利，"
    "并向党组织作出负责的报告。",
    0.92,
)  # fmt: skip
RECRUITMENT_14 = _article(
    "cpc-member-recruitment-2014", "中国共产党发展党员工作细则", 14, "第十四条",
    "第十四条 发展对象应当有两名正式党员作入党介绍人。入党介绍人一般由培养联系人担任，也可由党组织指定。\n"
    "受留党察看处分、尚未恢复党员权利的党员，不能作入党介绍人。",
    0.90,
)  # fmt: skip


def test_two_asks_are_told_apart_from_one() -> None:
    assert asks_twice("入党介绍人要几个，谁能当")
    assert asks_twice("主题党日是干什么的，多久搞一次？")
    assert not asks_twice(
        "延长预备期最短延多久，最长多久？"
    )  # one kind of ask, twice: one sentence answers both
    assert not asks_twice("入党介绍人一般由谁来担任？")
    assert not asks_twice("预备期满，怎么转正")


def test_each_ask_gets_its_evidence() -> None:
    ex = extract("入党介绍人要几个，谁能当", [CONSTITUTION_5, RECRUITMENT_14], max_chars=300)
    lead, _, rest = ex.answer.partition("另据")
    assert lead.startswith("根据《中国共产党章程》第五条") and "两名正式党员作介绍人" in lead
    assert (
        rest.startswith("《中国共产党发展党员工作细则》第十四条") and "入党介绍人一般由培养联系人担任" in rest
    )
