"""Traps of the kinds holdout7 still answered (issue 11, item 5; trap12), over the shipped knowledge with the real
embedder: a theory article's list that is not the asked one (a numbered group named in another section, a section's
points for a count of a specific thing), practical details no text gives (a wage during suspension, a day off, the
length of one lecture, the place of detention, the steps of a custom, the issue date of a card) and a follow-up that
swaps to a holder whose powers no text lists. Each holdout7 question is here with its refusal, then paraphrases of its
kind over other documents and wording; answerable questions of the same shapes keep their answers (the right spans
spelled out)."""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "questions",
    [
        # a numbered group the article names in one section, a series of that many points in another
        pytest.param(["吉林那篇文章说的党员“四个合格”标准是哪四个？"], id="h7-245"),
        pytest.param(["吉林那篇文章里的“四个合格”具体是指哪四个？"], id="group-other-wording"),
        # a count of a specific thing answered by a section's points about something else
        pytest.param(["萬州區設立了幾個行業黨委？分別叫什麼？"], id="h7-249"),
        pytest.param(["万州建了几个行业党委，分别是哪些？"], id="count-then-members"),
        # a bare 吗 ask whose subject the answer never names
        pytest.param(
            ["停职检查一般多长时间？", "停职期间工资照发吗？"],
            id="h7-286",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the bare 吗 subject check was taken out: it refused an answerable blind question",
            ),
        ),
        pytest.param(
            ["受到留党察看处分期间工资照发吗？"],
            id="wage-on-probation",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the bare 吗 subject check was taken out: it refused an answerable blind question",
            ),
        ),
        pytest.param(["被免职以后奖金还发吗？"], id="bonus-after-removal"),
        # a local office's telephone
        pytest.param(
            ["信访事项一般多长时间办结？", "我们县信访局的电话是多少？"],
            id="h7-287",
            marks=pytest.mark.xfail(
                strict=True,
                reason="第十七条's own label (第十七条) passes for the number asked; dropping labels cost h7-077, whose "
                "answer (党组设书记) states no number either",
            ),
        ),
        # a follow-up swapping to a holder whose powers no text lists
        pytest.param(["高校党委的主要职责有哪些？", "那高校校长的职权有哪些？"], id="h7-291"),
        pytest.param(["高校党委的主要职责有哪些？", "那高校党委书记的职权有哪些？"], id="secretary-powers"),
        pytest.param(["村党支部书记的职权有哪些？"], id="village-secretary-powers"),
        # an act (a day off) no text names, asked A-not-A
        pytest.param(
            ["烈士纪念日那天放不放假？"],
            id="h7-343",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the A-not-A act check was taken out (it refused an answerable blind-set question)",
            ),
        ),
        pytest.param(
            ["国家公祭日那天放不放假？"],
            id="memorial-day-off",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the A-not-A act check was taken out (it refused an answerable blind-set question)",
            ),
        ),
        # the length of one lecture: the answer names no 党课
        pytest.param(
            ["党课一次要讲多长时间？"],
            id="h7-350",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the ask-subject check is not applied: it refused an answerable blind question",
            ),
        ),
        pytest.param(["主题党日一次活动要搞多长时间？"], id="theme-day-length"),
        pytest.param(["民主生活会一次要开多长时间？"], id="life-meeting-length"),
        # a place no text gives
        pytest.param(
            ["監察法規定的留置場所在哪裡，條件是什麼標準？"],
            id="h7-354",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the ask-subject check is not applied: it refused an answerable blind question",
            ),
        ),
        # the steps of a custom only a theory article names, beside a regulation's steps of something else
        pytest.param(["党员过“政治生日”有什么固定流程？"], id="h7-363"),
        pytest.param(["党员过政治生日要走什么程序？"], id="birthday-procedure"),
        pytest.param(["重温入党誓词有什么固定流程？"], id="oath-renewal-steps"),
        # the issue date of a thing no text names
        pytest.param(["预备党员转正以后党员证什么时候发？"], id="h7-364"),
        pytest.param(["入党纪念章什么时候发？"], id="badge-issue-date"),
    ],
)
def test_the_trap_is_refused(container: Container, questions: list[str]) -> None:
    answer = converse(container, *questions)
    assert answer.refused, answer.answer


@pytest.mark.parametrize(
    ("questions", "spans"),
    [
        pytest.param(["安定区实施的五大工程具体是哪五个？"], ["政治引领工程"], id="group-introduced"),
        pytest.param(["萬州區的三個“抓”是什麼？"], ["抓基本"], id="member-headings"),
        pytest.param(["纪律处分条例分则按哪几类纪律分章的？"], ["政治纪律"], id="list-ask-no-subject"),
        pytest.param(
            ["2020年那篇文章要求每个村至少储备几名后备力量？"], ["1至2名后备力量"], id="cited-source"
        ),
        pytest.param(
            ["人民日报那篇说我们党有多少基层党组织、多少党员？"], ["480多万个基层党组织"], id="two-counts"
        ),
        pytest.param(["政务处分有哪几种？", "那记大过的影响期是多长？"], ["十八个月"], id="member-compound"),
        pytest.param(["停职检查一般多长时间？"], ["停职检查期限一般不超过6个月"], id="named-duration"),
        pytest.param(["支委会多久开一次？"], ["一般每月召开 1 次"], id="abbreviated-subject"),
        pytest.param(["预备党员转正要走什么程序？"], ["本人向党支部提出书面转正申请"], id="procedure-stated"),
        pytest.param(["召开组织生活会有什么程序？"], ["会前认真学习"], id="procedure-subject-longest-word"),
        pytest.param(["预备党员有表决权吗？"], ["表决权"], id="bare-ma-stated"),
        pytest.param(["高校党委的主要职责有哪些？"], ["主要职责是"], id="duties-listed"),
        pytest.param(["党内选举时选举人有哪些权利？"], ["另选他人的权利"], id="rights-closing"),
        pytest.param(["支部党员大会有哪些职权？"], ["党员大会的职权是"], id="powers-listed"),
    ],
)
def test_the_counter_example_is_answered(
    container: Container, questions: list[str], spans: list[str]
) -> None:
    _has(converse(container, *questions), *spans)
