"""Words of discipline questions read right (helper focus12b, holdout7 failures): a comparison asked as "有啥不一样",
a person of a party body who broke discipline, an A-not-A verb, and the Party-term dictionary for a question's terms."""

from __future__ import annotations

import pytest

from service.rag.query_terms import informative_terms
from service.rag.refusal.coverage import term_forms
from service.rag.situation import violator
from service.rag.two_part import compared_terms


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("减轻处分和从轻处分有啥不一样？", ["减轻处分", "从轻处分"]),
        ("从重处分和加重处分有什么不一样", ["从重处分", "加重处分"]),
        ("警告跟严重警告哪里不一样？", ["警告", "严重警告"]),
        ("从轻处分和减轻处分有什么区别？", ["从轻处分", "减轻处分"]),
    ],
)
def test_a_comparison_in_everyday_words_names_its_two_terms(question: str, terms: list[str]) -> None:
    assert compared_terms(question) == terms


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("纪委发现同级党委常委违纪，怎么办？", "党员"),
        ("支部书记违纪了怎么处理？", "党员"),
        ("党组成员违反纪律，该怎么办？", "党员"),
        ("一个支部违纪了，可以怎么处理它？", "党组织"),
        ("党委违纪了怎么处理？", "党组织"),
        ("党员违纪怎么处理？", "党员"),
    ],
)
def test_a_person_of_a_party_body_is_a_member_not_the_body(question: str, who: str) -> None:
    assert violator(question) == who


@pytest.mark.parametrize(("term", "verb"), [("设不设", "设"), ("交不交", "交"), ("同意不同意", "同意")])
def test_an_a_not_a_verb_counts_where_its_verb_stands(term: str, verb: str) -> None:
    assert verb in term_forms(term)


def test_a_plain_term_gets_no_verb_form() -> None:
    assert term_forms("不设") == ["不设"]


@pytest.mark.parametrize(
    "question", ["党的纪律检查委员会的任期跟谁一样？", "黨的紀律檢查委員會的任期跟誰一樣？"]
)
def test_a_party_body_stays_one_term(question: str) -> None:
    terms = informative_terms(question)
    assert "纪律检查委员会" in terms and "党的纪律" not in terms
