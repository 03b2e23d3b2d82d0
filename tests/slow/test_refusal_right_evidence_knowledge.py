"""False refusals of holdout4 (issue 11, item 5) over the shipped knowledge with the real embedder: the refusal gates
read the right evidence (a list by the term, a number in a lower hit, committees named by level). The rules are
unit-tested in tests/unit/test_refusal_right_evidence.py."""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow


ANSWERED: list[tuple[str | list[str], list[str]]] = [
    # h4-003: the four principles listed before “立国之本” (总纲)
    (
        "经常听说“立国之本”的四项基本原则，是哪四项？",
        ["坚持社会主义道路", "坚持人民民主专政", "坚持中国共产党的领导", "坚持马克思列宁主义毛泽东思想"],
    ),
    ("經常聽說“立國之本”的四項基本原則，是哪四項？", ["坚持社会主义道路", "坚持人民民主专政"]),
    # h4-301: 支部建在村上/楼上/项目上 after “支部建在连上”
    (
        "從“支部建在連上”以後，基層黨組織又建到了哪些地方？",
        ["支部建在村上", "支部建在楼上", "支部建在项目上"],
    ),
    # h4-101: 细则第三十八条, 县委 and 省委 named by their levels
    ("縣委多長時間檢查一次發展黨員工作？省委呢？", ["每半年检查一次", "每年检查一次"]),
    # h4-208: a ratio (师生比不低于 1:200) answers a rate question
    (["高校实行什么领导体制？", "那专职辅导员按什么比例配？"], ["1:200"]),
    # h4-243: the article the question cites is not what it counts
    ("2020年那篇基层党建文章说每个村要储备几名村党组织书记后备力量？", ["每个村至少要储备1至2名后备力量"]),
]


@pytest.mark.parametrize(("question", "spans"), ANSWERED)
def test_an_answerable_question_is_answered_from_the_right_evidence(
    container: Container, question: str | list[str], spans: list[str]
) -> None:
    turns = [question] if isinstance(question, str) else question
    _has(converse(container, *turns), *spans)


TRAPS = [
    "“两学一做”具体指哪些内容？",  # reg-317: a study list a clause before the term is no enumeration of it
    "“三个区分开来”是哪三个区分开来？",  # mem-719: the term is one more item of a list
    "违纪所得款退赔后多久可以申请恢复职务？",  # reg-321: 留党察看's 二年内 is another predicate's number
    "一名正式党员最多能同时给几个人当入党介绍人？",  # mem-709
    "党旗的长和宽比例是多少？",  # mem-327: 师生比 1:200 shares only 比例 with it
    "入党积极分子结业考试多少分算及格？",  # ho3-189: 一至两名 培养联系人 is another predicate's number
    "支部书记离任审计要审几年的账",  # ho3-214: 支部书记's 任期 "3 年" from a lower hit covers half the question
    "村党组织书记离任审计要查几年的账目？",  # the same kind, other words
]


@pytest.mark.parametrize("question", TRAPS)
def test_a_trap_near_the_new_evidence_is_still_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))


def test_a_spelling_correction_keeps_the_members_word(container: Container) -> None:
    # 变好 ("got better") is no typo of 编号: the story of the village is told
    answer = container.answerer.ask("石马村是怎么变好的")
    assert not answer.refused, answer
    assert "石马村" in answer.answer
