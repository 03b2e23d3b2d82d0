"""Refusals fitted to the evidence, over the shipped knowledge with the real embedder (issue 11, item 5): the four
kinds a held-out trap set found (quantities not stated, terms only mentioned, spelled-out terms refused, dated
situations taken for local events), each with the right answer spelled out. The questions are members' words,
not the held-out ones; mem-700..745 of the member set hold more of each kind."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container
from service.rag.refusal import LOCAL_EVENT_MESSAGE, MENTION_ONLY_MESSAGE, NOT_IN_KB_MESSAGE
from service.schemas import Answer

pytestmark = pytest.mark.slow


def _ask(container: Container, question: str) -> Answer:
    return container.answerer.ask(question)


@pytest.mark.parametrize(
    "question",
    [
        "主题党日每次活动一般要搞多长时间？",  # 支部工作条例: 每月相对固定1天 (a frequency)
        "党小组会一次一般开几个小时？",  # 每月召开1次
        "党的中央委员会一共有多少名委员？",  # 党章: 每届任期五年; 三分之二以上 is a vote
        "入党积极分子多久要交一次思想汇报？",  # 细则: 每半年……进行一次考察 (another activity)
        "一名正式党员最多能同时给几个人当入党介绍人？",  # 两名正式党员作入党介绍人 counts the sponsors
    ],
)
def test_a_quantity_of_another_dimension_is_no_answer(container: Container, question: str) -> None:
    _refused(_ask(container, question))


@pytest.mark.parametrize(
    "term",
    [
        "两个维护",  # mem-712: the 总纲's '维护我国的独立和主权……维护世界和平' spells nothing out (refusal2)
        "三个区分开来",
        "两代表一委员",
    ],
)
def test_terms_only_mentioned_are_refused_with_the_passages(container: Container, term: str) -> None:
    answer = _ask(container, f"什么是“{term}”？")
    _refused(answer, MENTION_ONLY_MESSAGE.format(term=term))
    assert answer.suggestions  # the passages that mention it are offered


def test_a_numbered_term_never_named_is_not_in_the_knowledge_base(container: Container) -> None:
    _refused(_ask(container, "“两个务必”指的是什么？"), NOT_IN_KB_MESSAGE.format(term="两个务必"))


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # headings （一）（二）（三） of a theory article, in three chunks
        ("“三个强化”具体是强化什么？", ("强化纪律意识", "强化责任意识", "强化党员意识")),
        # five paragraphs opening alike ("实施……引领工程"), in five chunks
        (
            "基层党建“五大工程”是哪五个工程？",
            ("政治引领工程", "队伍引领工程", "组织引领工程", "基础引领工程", "制度引领工程"),
        ),
        # a clause of the sentence naming the term lists its five members
        ("“五位一体”总体布局包括哪些方面？", ("经济建设、政治建设、文化建设、社会建设、生态文明建设",)),
        # the text writes the term without its modifier (发展理念 for 新发展理念)
        ("新发展理念是什么？", ("创新、协调、绿色、开放、共享的发展理念",)),
        # never named, spelled out as 廉洁从政、廉洁用权 …
        ("领导干部廉洁自律的“四个廉洁”是什么？", ("廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家")),
    ],
)
def test_terms_the_text_spells_out_are_answered(
    container: Container, question: str, spans: tuple[str, ...]
) -> None:
    _has(_ask(container, question), *spans)


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("下个月我们支部要换届，预备党员能投票吗？", ("没有表决权、选举权和被选举权",)),
        ("我去年受了个警告处分，今年还能被提拔吗？", ("警告处分一年内",)),
        ("上个月我刚成为预备党员，预备期是多长时间？", ("预备期为一年",)),
    ],
)
def test_a_dated_situation_is_answered_by_the_rule(
    container: Container, question: str, spans: tuple[str, ...]
) -> None:
    _has(_ask(container, question), *spans)


def test_a_question_about_the_dated_event_is_still_refused(container: Container) -> None:
    _refused(_ask(container, "我们村下个月村两委换届，候选人名单出来了吗？"), LOCAL_EVENT_MESSAGE)
