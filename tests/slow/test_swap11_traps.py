"""A follow-up (or a single question) that asks a quantity of another subject than the passage's (swap11, issue 11
item 5), over the shipped knowledge with the real embedder: the number must be stated of the subject asked — the
subject itself, its formal form, or an abbreviation of it (全委会, 支委会) — not of a body or a term that merely shares
characters with it (职工代表大会 ≠ 全国代表大会, 团员 ≠ 预备党员, 班组会 ≠ 党小组会). Each trap is refused; the
answerable questions of the same shapes keep their answers (the right spans spelled out)."""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "questions",
    [
        pytest.param(["全国代表大会多久开一次？", "那职工代表大会多久开一次"], id="workers-congress"),
        pytest.param(["预备期多长？", "那团员的考察期是多长时间"], id="league-member-probation"),
        pytest.param(["党小组会多久开一次？", "那班组会多久开一次"], id="team-meeting"),
        pytest.param(["支部党员大会多久开一次？", "那股东大会多久开一次"], id="shareholders-meeting"),
        pytest.param(["民主生活会多久开一次？", "那家长会多久开一次"], id="parents-meeting"),
        pytest.param(["入党积极分子要培养多长时间？", "那入团积极分子要培养多长时间"], id="league-activist"),
        pytest.param(
            ["党的全国代表大会每届任期几年？", "那学生会主席每届任期几年"], id="student-union-chair"
        ),
        pytest.param(["留党察看最长多久？", "那留校察看最长多久"], id="school-probation"),
        pytest.param(["党员大会多久开一次？", "那工会会员大会多久开一次"], id="union-assembly"),
        pytest.param(["党的全国代表大会每届任期几年？", "那政协委员每届任期几年"], id="cppcc-member-term"),
        pytest.param(["组织生活会多久开一次？", "那班委会多久开一次"], id="class-committee"),
    ],
)
def test_a_quantity_of_another_subject_is_refused(container: Container, questions: list[str]) -> None:
    answer = converse(container, *questions)
    assert answer.refused, answer.answer


@pytest.mark.parametrize(
    ("questions", "spans"),
    [
        pytest.param(
            ["全国代表大会多久开一次？"], ["党的全国代表大会每五年举行一次"], id="national-congress"
        ),
        pytest.param(
            ["地方党委全委会每年至少要开几次？"],
            ["党的地方各级委员会全体会议，每年至少召开两次"],
            id="plenary-abbreviated",
        ),
        pytest.param(["预备期多长？"], ["预备党员的预备期为一年"], id="probation"),
        pytest.param(
            ["党小组会多久开一次？", "那支委会多久开一次"],
            ["党支部委员会会议一般每月召开 1 次"],
            id="branch-committee-abbreviated",
        ),
        pytest.param(
            ["支部党员大会多久开一次？", "那党小组会呢"], ["党小组会一般每月召开 1 次"], id="group-meeting"
        ),
        pytest.param(["入党积极分子要培养多长时间？"], ["一年以上培养教育和考察"], id="activist"),
        pytest.param(
            ["党支部委员会每届任期几年？", "那党总支委员会每届任期几年"],
            ["每届任期三年至五年"],
            id="general-branch-term",
        ),
        pytest.param(
            ["全国代表大会多久开一次？", "那中央委员会全体会议每年至少开几次"],
            ["每年至少举行一次"],
            id="central-plenary",
        ),
        pytest.param(
            ["预备期多长？", "那入党积极分子培养考察多长时间"],
            ["一年以上培养教育和考察"],
            id="activist-after-probation",
        ),
        pytest.param(["入党宣誓的时候要不要戴党徽"], ["面向党旗进行入党宣誓"], id="badge-at-oath"),
        pytest.param(
            ["高校院系党支部委员会每届任期几年？"], ["每届任期一般为 3 年"], id="qualified-branch-committee"
        ),
    ],
)
def test_a_quantity_of_the_subject_asked_is_answered(
    container: Container, questions: list[str], spans: list[str]
) -> None:
    _has(converse(container, *questions), *spans)


@pytest.mark.parametrize(
    "questions",
    [
        pytest.param(["全国代表大会多久开一次？", "那地方代表大会多久开一次"], id="local-congress"),
        pytest.param(["县委委员要求多少年党龄？和省委委员一样吗？"], id="county-committee-abbreviated"),
        pytest.param(["高校党委每届任期几年？", "院系党支部委员会呢？"], id="department-branch-term"),
        pytest.param(["各级党委多久检查一次发展党员工作？"], id="committees-of-every-level"),
        pytest.param(["支委和党员之间的谈心谈话一年至少几次？"], id="heart-to-heart-talks"),
    ],
)
def test_a_subject_named_in_the_text_stays_answered(container: Container, questions: list[str]) -> None:
    assert not converse(container, *questions).refused
