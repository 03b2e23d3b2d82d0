"""Traps of the kinds holdout6 still answered (issue 11; trap10), over the shipped knowledge with the real embedder:
practical details no text gives (the length of one sitting asked after its frequency, an office that approves a
lecture's script, a side to wear the badge on, a song at the oath, a list of what may be reposted), a follow-up that
swaps the subject of a term of office (高校党委 → 校长), a text the held one replaced (the 1990 试行细则), and the
members of a count a report only states (16个软弱涣散村). Each holdout6 question is here with its refusal, then
paraphrases of its kind over other documents and wording; answerable questions of the same shapes keep their
answers (the right spans spelled out)."""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "questions",
    [
        # the length of one sitting, asked after its frequency: 每季度召开 1 次 and 每届任期 3 年 are no length
        pytest.param(["支部党员大会多久开一次？", "那每次党员大会至少要开多长时间？"], id="h6-311"),
        pytest.param(["党小组会多久开一次？", "那每次党小组会要开多长时间？"], id="group-meeting-length"),
        pytest.param(
            ["党支部委员会每届任期几年？", "那党支部书记每次讲党课要讲多长时间？"], id="lecture-length"
        ),
        # an office that checks a text no passage names
        pytest.param(["“三会一课”是指什么？", "那党课讲稿要报哪个部门审核？"], id="h6-318"),
        pytest.param(["“两学一做”是什么？", "那学习笔记要交给哪个部门检查？"], id="notes-checked-by"),
        # a term of office of another holder than the one the evidence states
        pytest.param(["高校党委每届任期几年？", "那高校校长一届任期几年？"], id="h6-319"),
        pytest.param(["党支部委员会每届任期几年？", "那党小组长一届任期几年？"], id="group-leader-term"),
        # parallel alternatives the evidence names neither of
        pytest.param(["党旗是什么样子的？", "党徽应该戴在左胸还是右胸？"], id="h6-320"),
        pytest.param(["党旗是什么样子的？", "党旗应该挂在左边还是右边？"], id="flag-side"),
        # a text the held one replaced, named by that relation or as the older version
        pytest.param(
            [
                "发展党员工作细则是哪一年发布的？",
                "被它废止的那个试行细则里，入党积极分子要培养多长时间才能列为发展对象？",
            ],
            id="h6-324",
        ),
        pytest.param(
            ["发展党员工作细则的旧版里，入党积极分子要培养多长时间才能列为发展对象？"], id="older-version"
        ),
        pytest.param(
            ["被发展党员工作细则废止的那个试行细则里，预备党员转正要经过哪些程序？"], id="replaced-named"
        ),
        # a yes/no ask whose object no text names
        pytest.param(["入党宣誓的时候要不要先唱《国际歌》？"], id="h6-342"),
        pytest.param(["开支部大会前要不要先唱《国际歌》？"], id="song-at-meeting"),
        # a which-ask of an act no text names
        pytest.param(["党员在朋友圈能转发哪些内容，有没有一个清单？"], id="h6-353"),
        pytest.param(["党员在微信群里可以转发什么？"], id="repost-in-group"),
        # the members of a count a report only states
        pytest.param(["秦州区那16个软弱涣散村具体是哪些村？"], id="h6-238"),
        pytest.param(["石马村引进的那6家农民种植专业合作社具体是哪几家？"], id="six-cooperatives"),
        pytest.param(["商圈内那88家单位具体是哪些单位？"], id="eighty-eight-units"),
        pytest.param(["全区建设的那188个红帆驿站具体都在哪些小区？"], id="stations"),
    ],
)
def test_the_trap_is_refused(container: Container, questions: list[str]) -> None:
    answer = converse(container, *questions)
    assert answer.refused, answer.answer


@pytest.mark.parametrize(
    ("questions", "spans"),
    [
        pytest.param(["高校党委每届任期几年？"], ["每届任期 5 年"], id="own-term"),
        pytest.param(["党支部委员会每届任期几年？"], ["三年至五年"], id="committee-term"),
        pytest.param(
            ["高校党委每届任期几年？", "那党支部委员会一届多少年？"],
            ["每届任期 3 年"],
            id="swapped-to-a-held-term",
        ),
        pytest.param(["党小组会多久开一次？"], ["一般每月召开 1 次"], id="frequency"),
        pytest.param(
            ["“三会一课”是指什么？", "那党小组会多久开一次？"], ["一般每月召开 1 次"], id="after-a-term"
        ),
        pytest.param(["“三会一课”是指什么？", "那它包括哪些会？"], ["党小组会"], id="term-members"),
        pytest.param(["市县两级党委搞的叫巡视还是巡察？"], ["巡察"], id="alternative-named"),
        pytest.param(["处分批准规定里的权限是最高权限还是最低权限？"], ["最低权限"], id="bound-named"),
        pytest.param(["入党宣誓要不要面向党旗？"], ["面向党旗"], id="yes-no-named"),
        pytest.param(
            ["我们厂支部只有5个正式党员，要不要选支委会？"],
            ["有正式党员 7 人以上的党支部"],
            id="abbreviated-object",
        ),
        pytest.param(
            ["纪律处分条例旧版里对收受礼金怎么处分？"], ["警告或者严重警告处分"], id="held-older-version"
        ),
        pytest.param(
            ["《中国共产党发展党员工作细则（试行）》还有效吗？"], ["同时废止"], id="replaced-text-validity"
        ),
        pytest.param(["安定区实施的五大工程具体是哪五个？"], ["政治引领工程"], id="members-listed"),
    ],
)
def test_the_counter_example_is_answered(
    container: Container, questions: list[str], spans: list[str]
) -> None:
    _has(converse(container, *questions), *spans)
