"""The asked part of the right article, over the shipped knowledge with the real embedder (holdout5 faults of branch
number8: numbers, time limits, two-part, A-or-B and procedure answers; title and term gates). The hand-made
versions with paraphrases over other documents are in tests/unit/test_asked_part.py.
"""

from __future__ import annotations

import pytest
from answer_checks import has

from service.container import Container

pytestmark = pytest.mark.slow

CASES = [
    # h5-102: the base limit and each extension (监察法第四十八条)
    pytest.param("监察机关留置一个人最长能留多久？",
                 ["留置时间不得超过三个月", "延长时间不得超过三个月", "可以再延长二个月"], id="h5-102"),
    pytest.param("党委审批接收预备党员的决议最长可以拖多久？",
                 ["应当在三个月内审批", "但不得超过六个月"], id="approval-longest"),
    # h5-114: both parts from 支部工作条例第十一条
    pytest.param("党员大会多久开一次？表决要多少人到会才算数？",
                 ["一般每季度召开 1 次", "半数以上有表决权的党员到会方可进行"], id="h5-114"),
    # h5-128: the second part of a two-part question in traditional script
    pytest.param("支部快到期了，上級提前多久提醒換屆？延期換屆最多延多久？",
                 ["一般提前 6 个月", "一般不超过 1 年"], id="h5-128"),
    # h5-129: the clause about 书记, not only the one about 委员
    pytest.param("支部书记选出来以后要报上级批准还是备案？", ["党支部书记、副书记，报上级党组织批准"], id="h5-129"),
    # h5-182: the date and the count
    pytest.param("2016年的问责条例从哪天起施行？一共多少条？", ["2016年7月8日", "共13条"], id="h5-182"),
    # h5-219: the procedure article
    pytest.param("留党察看期满了，恢复党员权利要怎么办？", ["由其所在党支部党员大会讨论形成决议"], id="h5-219"),
    # h5-160: a form named inside a held text
    pytest.param("《入党志愿书》的式样谁来定？", ["由中央组织部负责制定"], id="h5-160"),
    # h5-007: a manner word is not the asked term
    pytest.param("黨的思想路線用一句話怎麼概括？", ["一切从实际出发，理论联系实际，实事求是，在实践中检验真理和发展真理"],
                 id="h5-007"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "spans"), CASES)
def test_the_asked_part_is_answered(container: Container, question: str, spans: list[str]) -> None:
    has(container.answerer.ask(question), *spans)


def test_a_regulation_only_listed_stays_refused(container: Container) -> None:
    assert container.answerer.ask("《中国共产党农村基层组织工作条例》是哪一年印发的？").refused
