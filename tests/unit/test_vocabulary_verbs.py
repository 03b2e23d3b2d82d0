"""Everyday verbs of elections and periods map to the texts' formal ones (issue 11, items 3/5;
service/text/vocabulary.tsv)."""

from __future__ import annotations

import pytest

from service.rag.extract import _forms_within
from service.text import vocabulary


@pytest.mark.parametrize(
    ("everyday", "formal"),
    [
        ("选出来", "选举产生"),
        ("选出", "选举产生"),
    ],
)
def test_everyday_verb_has_its_formal_form(everyday: str, formal: str) -> None:
    assert formal in vocabulary.load().formal_forms(everyday)


def test_question_term_counts_where_the_text_writes_the_formal_verb() -> None:
    assert "选举产生" in _forms_within("选出")
