"""Trial 3 reviewer faults (issue 11; items A1, A7, A9, C13) over the shipped knowledge with the real embedder:
the right article and its words spelled out."""

from __future__ import annotations

import pytest
from answer_checks import has as _has

from service.container import Container

pytestmark = pytest.mark.slow

BRANCH = "cpc-branch-work-2018"


def test_two_full_members_are_below_the_three_member_threshold(container: Container) -> None:
    # A1: not 高校基层组织工作条例第八条 (7 人以上设支部委员会) nor 支部工作条例第八条 (临时党支部)
    answer = container.answerer.ask("我们支部就两个正式党员能不能成立支部开支部大会")
    assert (answer.citations[0].doc_id, answer.citations[0].locator) in {
        (BRANCH, "第四条"),
        (BRANCH, "第五条"),
    }
    _has(answer, "正式党员不足 3 人的单位")


def test_the_office_holders_requirements_are_its_conditions(container: Container) -> None:
    # A7: 支部工作条例第二十三条, not 第二十四条's "没有合适人选的，可以由上级党组织选派党支部书记"
    answer = container.answerer.ask("支部书记任职要满足什么条件")
    assert (answer.citations[0].doc_id, answer.citations[0].locator) == (BRANCH, "第二十三条")
    _has(answer, "党支部书记应当具备良好政治素质")


@pytest.mark.parametrize(
    "question", ["正式党员多少人以上要设支部委员会", "我们支部有8个正式党员，要不要成立支委会？"]
)
def test_the_general_rule_answers_when_no_sector_is_named(container: Container, question: str) -> None:
    # A9, mem-123: 支部工作条例第二十条, not 高校基层组织工作条例第八条, which restates it for 高校
    answer = container.answerer.ask(question)
    assert (answer.citations[0].doc_id, answer.citations[0].locator) == (BRANCH, "第二十条")
    _has(answer, "有正式党员 7 人以上的党支部，应当设立党支部委员会")


def test_both_asks_about_introducers_are_answered(container: Container) -> None:
    # C13: how many (党章第五条: 两名正式党员) and who (发展党员工作细则第十四条: 一般由培养联系人担任)
    answer = container.answerer.ask("入党介绍人要几个，谁能当")
    _has(answer, "要有两名正式党员作介绍人", "入党介绍人一般由培养联系人担任")
    cited = {(c.doc_id, c.locator) for c in answer.citations}
    assert ("cpc-constitution-2017", "第五条") in cited
    assert ("cpc-member-recruitment-2014", "第十四条") in cited


@pytest.mark.parametrize("question", ["留置时间最长多久", "留置最长可以关多久"])
def test_the_longest_detention_is_three_months(container: Container, question: str) -> None:
    # B12: 监察法第四十八条's first paragraph, not 第四十六条 nor 纪律处分条例第十二条
    answer = container.answerer.ask(question)
    assert (answer.citations[0].doc_id, answer.citations[0].locator) == ("supervision-law", "第四十八条")
    _has(answer, "留置时间不得超过三个月")


def test_the_general_voting_rule_leads_when_no_case_is_named(container: Container) -> None:
    # A8: 支部工作条例第十一条, not 批准权限规定第十三条 (only 讨论给予其党纪处分时) nor 发展党员工作细则第二十一条
    # (only 接收预备党员的决议)
    answer = container.answerer.ask("党员大会表决时要多少人到会，多少人赞成才算通过")
    assert (answer.citations[0].doc_id, answer.citations[0].locator) == (BRANCH, "第十一条")
    _has(
        answer, "表决必须有半数以上有表决权的党员到会方可进行", "赞成人数超过应到会有表决权的党员的半数为通过"
    )
