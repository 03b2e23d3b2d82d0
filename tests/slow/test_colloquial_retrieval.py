"""Questions in members' own words over the shipped knowledge (issue 17 item 1; member set examples).

Members rarely use a regulation's wording: 恶搞 for 歪曲、丑化、亵渎, 接着选 for 连选连任, 调到新单位 for 单位……发生
变动. The shared vocabulary (``service/text/vocabulary.tsv``) adds the formal forms to both retrieval legs; these
tests ask what members asked and check the article that answers it (real embedder, real index).
"""

from __future__ import annotations

import pytest

from service.container import Container
from service.schemas import Hit
from service.text.normalize import normalize_quote

pytestmark = pytest.mark.slow


def _rank(hits: list[Hit], doc_id: str, locator: str) -> int | None:
    for i, h in enumerate(hits, start=1):
        if h.doc_id == doc_id and h.locator == locator:
            return i
    return None


# Ranked first only since the vocabulary reads the question (member set, 2026-11-30: ranks 2, 3, 5, 2).
@pytest.mark.parametrize(
    ("question", "doc_id", "locator"),
    [
        ("当了大领导是不是可以不参加支部活动？", "cpc-constitution-2017", "第八条"),  # 领导干部, 组织生活
        ("村委会主任干满一届还能接着选吗？", "villagers-committee-law", "第十一条"),  # 连选连任
        (
            "网上有人编段子恶搞英雄烈士，这违法吗？",
            "heroes-martyrs-protection-law",
            "第二十二条",
        ),  # 歪曲、丑化
        (
            "我预备期还没满就调到新单位了，新单位会不会不认我这个预备党员？",
            "cpc-member-recruitment-2014",
            "第三十五条",  # 单位……发生变动
        ),
    ],
)
def test_everyday_words_bring_the_article_to_the_top(
    container: Container, question: str, doc_id: str, locator: str
) -> None:
    hits = container.retriever.search(question, top_k=5)
    assert _rank(hits, doc_id, locator) == 1, [(h.doc_id, h.locator) for h in hits]


# The right article is among the five shown (the answer may still lead with another one: issue 11).
@pytest.mark.parametrize(
    ("question", "doc_id", "locator"),
    [
        ("我是预备党员，支部开大会表决事情时我能举手表决吗？", "cpc-constitution-2017", "第七条"),
        ("党员受了留党察看处分，这期间还能参加选举吗？", "cpc-constitution-2017", "第四十一条"),
        ("下属过节给我塞了张购物卡，收了会怎样？", "cpc-discipline-2023", "第九十七条"),
        ("支部党员大会表决要多少人到会才有效？", "cpc-branch-work-2018", "第十一条"),
        ("村委会换届选举由谁来主持？", "villagers-committee-law", "第十二条"),
        ("我是流动党员，在外地打工，组织生活去哪儿过？", "cpc-branch-work-2018", "第十条"),
        ("行政机关公务员受记大过处分，处分期间是多久？", "civil-servant-law", "第六十四条"),
    ],
)
def test_colloquial_question_finds_its_article_in_the_top_five(
    container: Container, question: str, doc_id: str, locator: str
) -> None:
    hits = container.retriever.search(question, top_k=5)
    assert _rank(hits, doc_id, locator) is not None, [(h.doc_id, h.locator) for h in hits]


# Every chunk of another document matched the question's words through its *title* (《处分违纪党员批准权限和程序
# 规定》 for 违纪/党员, 宪法's 监察委员会 articles for 监察委员会) and outweighed the one formal word that names the
# situation. Since words found only in a chunk's heading count less (retrieve.HEADING_ONLY_WEIGHT) and the
# formal form of a word the texts never use counts in full (算命 → 迷信: retrieve.UNKNOWN_WORD_FORM_WEIGHT),
# the answering article is among the five (member set, 2026-11-30: ranks 4 and 4, before: not in the top 40, 6).
@pytest.mark.parametrize(
    ("question", "doc_id", "locator"),
    [
        ("党员私下找人算命看风水，算违纪吗？", "cpc-discipline-2023", "第七十条"),
        ("监察委员会监察的对象是哪些人？", "supervision-law", "第三条"),
    ],
)
def test_title_words_do_not_outrank_the_situation(
    container: Container, question: str, doc_id: str, locator: str
) -> None:
    hits = container.retriever.search(question, top_k=5)
    assert _rank(hits, doc_id, locator) is not None, [(h.doc_id, h.locator) for h in hits]


# Still missed: 党章第三十三条 says "不领导本单位的业务工作" of 党的基层组织 in 机关, in one sentence of a long article;
# every article of 《支部工作条例》 holds 党支部 and 工作 in its text (lexical rank 35, dense rank 60). Open work
# (docs/retrieval.md, "Heading words").
@pytest.mark.xfail(
    strict=True, reason="a long article answers in one sentence; the 支部 articles match more words"
)
def test_a_rule_in_one_sentence_of_a_long_article_is_still_missed(container: Container) -> None:
    hits = container.retriever.search("机关里的党支部管不管单位的业务工作？", top_k=5)
    assert _rank(hits, "cpc-constitution-2017", "第三十三条") is not None


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("村委会主任干满一届还能接着选吗？", "村民委员会成员可以连选连任"),
        ("网上有人编段子恶搞英雄烈士，这违法吗？", "禁止歪曲、丑化、亵渎、否定英雄烈士事迹和精神"),
        (
            "我预备期还没满就调到新单位了，新单位会不会不认我这个预备党员？",
            "对无法认定的预备党员，报县级以上党委组织部门批准，不予承认",
        ),
    ],
)
def test_colloquial_question_is_answered_from_its_article(
    container: Container, question: str, span: str
) -> None:
    answer = container.answerer.ask(question)
    assert not answer.refused, answer
    assert normalize_quote(span) in normalize_quote(answer.answer), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "党员请人看风水，花多少钱以内不算违纪？",  # 风水 → 迷信 must not make an amount answerable
        "收了下属送的购物卡，多少钱以内可以不上交？",  # 购物卡 → 消费卡: no amount anywhere
        "公务员在外面兼职，每个月最多能拿多少钱？",
    ],
)
def test_expanded_traps_are_still_refused(container: Container, question: str) -> None:
    assert container.answerer.ask(question).refused
