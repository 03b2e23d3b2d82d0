"""Trial 3's traps still answered (issue 11, item 5), over the shipped knowledge with the real embedder: a
regulation the knowledge base only names, a count the texts never set, a time limit the texts never set."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container
from service.rag.refusal import UNKNOWN_DOCUMENT_MESSAGE

pytestmark = pytest.mark.slow


def test_a_regulation_only_named_is_refused_by_its_title(container: Container) -> None:
    answer = container.answerer.ask("党员领导干部个人有关事项报告规定要报告哪些事项")
    _refused(answer, UNKNOWN_DOCUMENT_MESSAGE.format(name="党员领导干部个人有关事项报告规定"))


@pytest.mark.parametrize(
    "question",
    [
        "入党积极分子每个月必须交几篇思想汇报",  # no count of 思想汇报 in the texts
        "党员的组织关系转出后多久要转入",  # 延长一年留党察看期限 is no time limit for 转入
    ],
)
def test_a_number_the_texts_never_set_is_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))


def test_a_held_title_shortened_and_a_stated_wait_are_answered(container: Container) -> None:
    _has(container.answerer.ask("谈话函询后多久要写出情况报告？"), "1个月内写出情况报告")
    assert not container.answerer.ask("处分违纪党员批准权限规定中，给予党员开除党籍处分由谁批准").refused
