"""A quantity asked of a list's items is answered by the items under a lead-in that names the thing asked (trial 4,
A: "处分期间各是多长" and 政务处分法第八条 "政务处分的期间为：……（二）记过，十二个月"), with the items separated by
blank lines as the regulations write them."""

from __future__ import annotations

from service.rag.refusal import number_answers

PERIODS = (
    "政务处分的期间为：\n\n（一）警告，六个月；\n\n（二）记过，十二个月；\n\n（三）记大过，十八个月；\n\n"
    "（四）降级、撤职，二十四个月。"
)


def test_the_items_under_a_lead_in_naming_the_asked_thing_answer_it() -> None:
    assert number_answers("处分期间各是多长", PERIODS)
    assert number_answers("处分期间是多长", PERIODS)


def test_a_lead_in_naming_something_else_does_not_answer() -> None:
    other = "处分的种类为：\n\n（一）警告，六个月；\n\n（二）记过，十二个月。"
    assert not number_answers("预备期是多长", other)
    assert not number_answers("党费交纳标准是多少", PERIODS)


def test_a_sentence_that_is_not_a_lead_in_does_not_carry_its_terms() -> None:
    text = "政务处分的期间另行规定。\n\n（一）警告，六个月；"
    assert not number_answers("处分期间各是多长", text)
