"""The general rule and the more authoritative document lead (issue 11, item 3; holdout4 h4-061, h4-062, h4-108,
h4-202), over the shipped knowledge with the real embedder: the holdout4 examples and paraphrases written for this
test (other wordings, traditional script). See tests/unit/test_authority_scope.py for the rules one by one."""

from __future__ import annotations

import pytest
from answer_checks import has
from answer_checks import lead as _lead

from service.container import Container

pytestmark = pytest.mark.slow

CONSTITUTION = "cpc-constitution-2017"
BRANCH = "cpc-branch-work-2018"
ORG_HANDLING = "cpc-org-handling-2021"
RECRUITMENT = "cpc-member-recruitment-2014"


@pytest.mark.parametrize(
    ("question", "lead", "spans"),
    [
        # 2./3. Party terms and a superlative: the 党章, not 公务员处分条例's "执行其中最重的处分"
        ("黨內最重的處分是什麼？", (CONSTITUTION, "第四十一条"), ("开除党籍是党内的最高处分",)),
        ("党员受到的最严厉的处分是什么？", (CONSTITUTION, "第四十一条"), ("开除党籍是党内的最高处分",)),
        ("對黨員來說最重的紀律處分是什麼", (CONSTITUTION, "第四十一条"), ("开除党籍是党内的最高处分",)),
        # 2. the general rule: 党章第四十二条, not the special cases of 批准权限和程序规定
        (
            "给一名普通党员处分，一般要经过哪些环节批准？",
            (CONSTITUTION, "第四十二条"),
            ("支部大会讨论决定", "报党的基层委员会批准"),
        ),
        (
            "一般情况下，给党员处分要经过什么程序？",
            (CONSTITUTION, "第四十二条"),
            ("支部大会讨论决定", "报党的基层委员会批准"),
        ),
        # 1. the subject of the question: 成立党支部, not 接收预备党员 (细则第二十六条)
        ("申请成立党支部，上级党委一般多久给批复？", (BRANCH, "第六条"), ("批复时间一般不超过 1 个月",)),
        ("申請成立黨支部，上級黨委多久批覆？", (BRANCH, "第六条"), ("批复时间一般不超过 1 个月",)),
        ("想成立一个党支部，基层党委多长时间内要批复？", (BRANCH, "第六条"), ("批复时间一般不超过 1 个月",)),
        # chapters of general rules and exceptions are no stages
        (
            "组织处理的程序分几步？",
            (ORG_HANDLING, "第十条"),
            ("调查核实", "提出处理意见", "研究决定", "宣布实施"),
        ),
    ],
)
def test_the_general_and_authoritative_rule_leads(
    container: Container, question: str, lead: tuple[str, str], spans: tuple[str, ...]
) -> None:
    answer = container.answerer.ask(question)
    assert _lead(answer) == lead, answer.answer
    has(answer, *spans)


def test_a_question_on_civil_servants_keeps_their_law(container: Container) -> None:
    answer = container.answerer.ask("新录用的公务员试用期多长？")
    assert _lead(answer)[0] == "civil-servant-law", answer.answer
    has(answer, "新录用的公务员试用期为一年")


def test_the_period_of_the_asked_act_leads_a_longest_question(container: Container) -> None:
    # an upper bound worded 不得超过 ranks with 最长 (holdout4, h4-093: not 细则第三十二条's 预备期)
    answer = container.answerer.ask("党委审批预备党员最长能拖多久？")
    assert _lead(answer) == (RECRUITMENT, "第二十六条"), answer.answer
    has(answer, "不得超过六个月")


@pytest.mark.parametrize(
    ("turns", "lead", "span"),
    [
        # member set, mem-514: the follow-up on Party members is not answered from 公务员法 (试用期 word for word)
        (
            ("新录用的公务员试用期多长？", "那预备党员呢？"),
            (CONSTITUTION, "第七条"),
            "预备党员的预备期为一年",
        ),
        # regulations set, reg-203: a near tie does not take the lead from the sentence stating the bound asked
        (("预备党员的预备期是多长时间？", "那延长预备期最长多久？"), None, "超过一年"),
    ],
)
def test_follow_ups_keep_scope_and_superlative(
    container: Container, turns: tuple[str, str], lead: tuple[str, str] | None, span: str
) -> None:
    first = container.answerer.ask(turns[0])
    answer = container.answerer.ask(turns[1], conversation_id=first.conversation_id)
    if lead is not None:
        assert _lead(answer) == lead, answer.answer
    has(answer, span)
    assert span in answer.answer.split("另据")[0], answer.answer
