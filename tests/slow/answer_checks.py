"""Assertions shared by the real-model answer tests: an answer holds the required source phrases (and states the
count of a list), or is an honest refusal (no citations, optionally a given message); its lead source; and the
last answer of one conversation (``converse``, ``conversation``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from service.evals.metrics import states_count
from service.schemas import Answer
from service.text.normalize import normalize_quote

if TYPE_CHECKING:
    from service.container import Container


def converse(container: Container, *questions: str) -> Answer:
    """The answer to the last of ``questions`` (at least one), each asked in turn in one conversation."""
    answer = container.answerer.ask(questions[0])
    for question in questions[1:]:
        answer = container.answerer.ask(question, conversation_id=answer.conversation_id)
    return answer


def has(answer: Answer, *spans: str) -> None:
    """The answer is not a refusal and holds every span (compared after ``normalize_quote``: 繁→简, 全角→半角)."""
    assert not answer.refused, answer
    text = normalize_quote(answer.answer)
    for span in spans:
        assert normalize_quote(span) in text, (span, answer.answer)


def has_list(answer: Answer, spans: Sequence[str], count: int | None) -> None:
    """``has`` for every span, and the answer states ``count`` as the eval does (``evals.metrics.states_count``)
    when it is not None."""
    has(answer, *spans)
    if count is not None:
        assert states_count(answer.answer, count), answer.answer


def refused(answer: Answer, message: str | None = None) -> None:
    """The answer is a refusal without citations (and says ``message`` when one is given)."""
    assert answer.refused and answer.citations == [], answer
    if message is not None:
        assert answer.answer == message


def lead(answer: Answer) -> tuple[str, str]:
    """The document and locator of the answer's first citation (the answer is no refusal and cites)."""
    assert not answer.refused, answer.answer
    assert answer.citations, answer
    return answer.citations[0].doc_id, answer.citations[0].locator


def conversation(container: Container, turns: Sequence[str], follow_up: str) -> Answer:
    """The answer to ``follow_up`` asked after ``turns`` in one conversation (``converse``)."""
    return converse(container, *turns, follow_up)
