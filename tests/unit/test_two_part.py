"""Two-part questions: each ask made self-contained (``two_part.split_asks``) and its own evidence added to the
answer of the whole question (``two_part.merge``; issue 11, item 2)."""

from __future__ import annotations

import pytest

from service.rag.two_part import merge, split_asks
from service.schemas import Answer, Citation, Hit


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        # the second ask names another subject for the first ask's question
        ("支委会多久开一次会？党员大会呢", ["支委会多久开一次会", "党员大会多久开一次会"]),
        ("党徽长什么样，党旗呢", ["党徽长什么样", "党旗什么样"]),
        (
            "村里的党支部委员会一届干几年？机关的呢",
            ["村里的党支部委员会一届干几年", "机关的党支部委员会一届干几年"],
        ),
        # context before the first ask belongs to every ask
        (
            "支部大会通过的转正决议，上级党委多长时间内审批？批完通知谁",
            ["支部大会通过的转正决议，上级党委多长时间内审批", "支部大会通过的转正决议，上级党委批完通知谁"],
        ),
        (
            "党员受了留党察看处分，党内职务怎么办？担任的党外职务呢",
            ["党员受了留党察看处分，党内职务怎么办", "党员受了留党察看处分，担任的党外职务怎么办"],
        ),
        # an ask with a subject of its own stays as asked
        (
            "组织处理能不能和党纪处分一起用？组织处理有哪些措施",
            ["组织处理能不能和党纪处分一起用", "组织处理有哪些措施"],
        ),
        ("党组是在哪些单位设立的？党组发挥什么作用", ["党组是在哪些单位设立的", "党组发挥什么作用"]),
        # a pronoun, or an ask without a subject, takes the first ask's subject
        ("培养联系人要安排几个？他们具体干什么", ["培养联系人要安排几个", "培养联系人具体干什么"]),
        ("组织生活会一年开几次，一般放在什么时候", ["组织生活会一年开几次", "组织生活会一般放在什么时候"]),
        ("中央纪委全会一年至少开几次？由谁召集", ["中央纪委全会一年至少开几次", "中央纪委全会由谁召集"]),
        (
            "党纪处分决定从哪天起生效？是谁讨论决定的",
            ["党纪处分决定从哪天起生效", "党纪处分决定是谁讨论决定的"],
        ),
        ("预备期可以延长吗，最长延多久", ["预备期可以延长吗", "预备期最长延多久"]),
        # two coordinated nouns asked the same thing
        ("党徽党旗是什么样子的", ["党徽是什么样子的", "党旗是什么样子的"]),
        ("党徽和党旗分别是什么样子", ["党徽是什么样子", "党旗是什么样子"]),
        ("支委会和党员大会分别多久开一次", ["支委会多久开一次", "党员大会多久开一次"]),
        # traditional script reads as simplified
        ("支委會多久開一次會？黨員大會呢", ["支委会多久开一次会", "党员大会多久开一次会"]),
    ],
)
def test_asks_are_split_and_made_self_contained(question: str, asks: list[str]) -> None:
    assert split_asks(question) == asks


@pytest.mark.parametrize(
    "question",
    [
        "党的纪律处分有几种，分别叫什么",  # a list and its count are one ask
        "党员都有哪些义务，一共几条？",
        "党员享有哪些权利？总共多少项",
        "党的基层组织有哪些基本任务，列一下",
        "哪些情形要从重或者加重处分？说几种",
        "党的民主集中制的基本原则有几条，分别是什么",
        "延长预备期最短延多久，最长多久？",  # one kind of ask twice: one sentence answers it
        "我入党申请交了一个月还没人找我谈话，正常吗",  # a situation and one ask
        "预备党员和正式党员有什么区别",  # a comparison is answered as one question
        "批评和自我批评是什么",  # one noun inside the other: one concept
        "党建工作与中心工作是什么关系？",  # a question about the pair as such (dev-100)
        "党委和纪委有什么区别",
        "党的性质是什么",
    ],
)
def test_one_ask_is_not_split(question: str) -> None:
    assert split_asks(question) == []


def _hit(n: int, text: str) -> Hit:
    return Hit(
        doc_id="branch", title="中国共产党支部工作条例（试行）", chunk_id=f"branch#a{n}", locator=f"第{n}条",
        article_no=n, doc_type="party_regulation", score=0.9, text=text,  # type: ignore[arg-type]
    )  # fmt: skip


A12 = _hit(12, "党支部委员会会议一般每月召开 1 次。")
A11 = _hit(11, "党支部党员大会一般每季度召开 1 次。")
A13 = _hit(13, "党小组会一般每月召开 1 次。")


def _answer(text: str, hits: list[Hit]) -> tuple[Answer, list[Hit]]:
    citations = [Citation.from_hit(k, h, h.text) for k, h in enumerate(hits, start=1)]
    return Answer(answer=text, refused=False, citations=citations), hits


def test_merge_appends_each_asks_lead_that_is_not_shown() -> None:
    whole = _answer(
        "根据《中国共产党支部工作条例（试行）》第12条：党支部委员会会议一般每月召开 1 次。[1]", [A12]
    )
    first = _answer(
        "根据《中国共产党支部工作条例（试行）》第12条：党支部委员会会议一般每月召开 1 次。[1]", [A12]
    )
    second = _answer(
        "根据《中国共产党支部工作条例（试行）》第11条：党支部党员大会一般每季度召开 1 次。[1]\n"
        "另据《中国共产党支部工作条例（试行）》第13条：党小组会一般每月召开 1 次。[2]",
        [A11, A13],
    )
    answer, hits = merge(whole, [first, second])
    assert answer.answer == (
        "根据《中国共产党支部工作条例（试行）》第12条：党支部委员会会议一般每月召开 1 次。[1]\n"
        "根据《中国共产党支部工作条例（试行）》第11条：党支部党员大会一般每季度召开 1 次。[2]"
    )  # the second ask's lead, renumbered; its 另据 stays out
    assert [(c.n, c.chunk_id) for c in answer.citations] == [(1, "branch#a12"), (2, "branch#a11")]
    assert [h.chunk_id for h in hits] == ["branch#a12", "branch#a11"]


def test_merge_keeps_the_whole_answer_when_every_ask_is_shown_or_refused() -> None:
    whole = _answer(
        "根据《中国共产党支部工作条例（试行）》第12条：党支部委员会会议一般每月召开 1 次。[1]", [A12]
    )
    refused = (Answer(answer="知识库中没有找到相关内容。", refused=True), [])
    assert merge(whole, [whole, refused]) == whole
