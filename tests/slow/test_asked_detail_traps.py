"""Traps whose subject matches while the asked detail does not (issue 11, items 5 and 6; holdout5 h5-265 … h5-324),
over the shipped knowledge with the real embedder; and near questions whose detail the texts state, which must stay
answered with the right text."""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "退休老党员交党费是不是可以减半？",
            "知识库的相关内容没有提到“减半”，无法据此回答这个问题。下面列出相关内容，供您查阅。",
        ),
        (
            "被开除党籍的人，以前交的党费退不退？",
            "知识库的相关内容没有提到“党费”，无法据此回答这个问题。下面列出相关内容，供您查阅。",
        ),
        ("开除党籍满五年后重新入党，以前的党龄能不能接着算？", None),
        ("预备党员可以当党小组组长吗？", None),
        ("“三区三州”具体指哪些地区？", None),
        ("纪律处分条例下一次修订是什么时候？", None),
    ],
)
def test_a_detail_the_texts_never_state_is_refused(
    container: Container, question: str, message: str | None
) -> None:
    _refused(container.answerer.ask(question), message)


@pytest.mark.parametrize(
    ("turns", "message"),
    [
        (("预备期可以延长多久？", "那延长的预备期里要不要再宣一次誓？"), None),
        (("入党积极分子多久考察一次？", "考察不合格的话，会不会通报到他工作单位？"), None),
        (("现行纪律处分条例是哪天施行的？", "那下一次修订是什么时候？"), None),
    ],
)
def test_a_follow_ups_new_detail_is_refused(
    container: Container, turns: tuple[str, ...], message: str | None
) -> None:
    _refused(converse(container, *turns), message)


@pytest.mark.parametrize(
    ("turns", "span"),
    [
        (("党的全国代表大会多久开一次？",), "每五年举行一次"),
        (("受留党察看处分的党员能当入党介绍人吗？",), "不能作入党介绍人"),
        (("留党察看最长多久？", "察看期间能不能参加选举？"), "没有表决权、选举权和被选举权"),
        (("预备期可以延长多久？", "延长预备期要不要支部大会讨论？"), "支部大会讨论通过"),
    ],
)
def test_a_detail_the_texts_state_stays_answered(
    container: Container, turns: tuple[str, ...], span: str
) -> None:
    _has(converse(container, *turns), span)


@pytest.mark.parametrize(
    "turns",
    [
        ("支部书记可以由预备党员担任吗？",),
        ("党支部书记每年至少讲几次党课？", "讲党课有没有时长要求？"),
        ("老党员党费能不能少交一点？",),
        ("党章下一次修改是哪一年？",),
        ("纪律处分条例以后还会再修订吗？",),
    ],
)
def test_paraphrased_traps_are_refused(container: Container, turns: tuple[str, ...]) -> None:
    _refused(converse(container, *turns))
