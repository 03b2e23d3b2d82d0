"""Counts of lists written inline and picks from the end or among the 总纲's points (session 9, count11; probe10
p10-002, p10-012, p10-014, p10-033), over the shipped knowledge with the real embedder. The counting and the
from-end reading are unit-tested in tests/unit/test_inline_list_count.py and tests/unit/test_count11_from_end.py."""

from __future__ import annotations

import pytest
from answer_checks import conversation as _conversation
from answer_checks import has, has_list

from service.container import Container

pytestmark = pytest.mark.slow

CONSTITUTION = "cpc-constitution-2017"


@pytest.mark.parametrize(
    ("question", "spans", "count"),
    [
        ("我们党把哪几个理论作为行动指南？一共几个？", ["习近平新时代中国特色社会主义思想"], 6),
        ("党章里讲要实施的战略有哪几个？", ["军民融合发展战略"], 7),
        ("我们党要完成的三大历史任务是哪三个？", ["维护世界和平与促进共同发展"], 3),
    ],
)  # fmt: skip
def test_inline_list_counted(container: Container, question: str, spans: list[str], count: int) -> None:
    has_list(_conversation(container, [], question), spans, count)


@pytest.mark.parametrize(
    ("turns", "follow_up", "spans", "source"),
    [
        (["党的建设必须实现哪几项基本要求？"], "最后一项呢？", ["坚持从严管党治党"], (CONSTITUTION, "总纲·第五点")),
        (["党的建设必须实现哪几项基本要求？"], "倒数第二项是什么？", ["坚持民主集中制"], (CONSTITUTION, "总纲·第四点")),
        (["党的纪律处分有哪几种？"], "倒数第二种是什么？", ["留党察看"], None),
    ],
)  # fmt: skip
def test_pick_from_the_end(
    container: Container, turns: list[str], follow_up: str, spans: list[str], source: tuple[str, str] | None
) -> None:
    answer = _conversation(container, turns, follow_up)
    has(answer, *spans)
    if source is not None:
        assert source in {(c.doc_id, c.locator) for c in answer.citations}, answer.answer
