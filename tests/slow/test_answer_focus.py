"""The right article and the right sentence lead (issue 11, item 3: authority and focus), real embedder.

Member-set and regulations-set questions that were answered from the wrong article or the wrong sentence of
the right one; each names the article that must lead and the words it must show. The unit tests of the rules
are in tests/unit/test_sentence_focus.py and tests/unit/test_retrieve.py.
"""

from __future__ import annotations

import pytest
from answer_checks import has

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "doc_id", "locator", "span"),
    [
        # (b) the 党章 leads when its article states the asked rule
        (
            "给党员处分要经过哪些程序批准？",  # mem-088: 批准权限和程序规定第十一条 led
            "cpc-constitution-2017",
            "第四十二条",
            "必须经过支部大会讨论决定，报党的基层委员会批准",
        ),
        (
            "党员受了留党察看处分，这期间还能参加选举吗？",  # mem-087: 纪律处分条例第十二条 led
            "cpc-constitution-2017",
            "第四十一条",
            "党员在留党察看期间没有表决权、选举权和被选举权",
        ),
        (
            "地方党委的书记、副书记是怎么产生的？",  # mem-071: 高校基层组织工作条例第八条 led
            "cpc-constitution-2017",
            "第二十八条",
            "选举常务委员会和书记、副书记，并报上级党的委员会批准",
        ),
        # (c) the sentence that states the rule, the number or the actor beats one that repeats the words
        (
            "村委会换届选举由谁来主持？",  # mem-177: "届满应当及时举行换届选举" led
            "villagers-committee-law",
            "第十二条",
            "由村民选举委员会主持",
        ),
        (
            "中央纪委全会要多少委员到会才能开？",  # reg-172: 批准权限规定第十八条 (追认) led
            "cpc-discipline-commission-2021",
            "第十一条",
            "应当有三分之二以上委员到会方可召开",
        ),
        (
            "村党支部的重点任务是什么？",  # reg-082: "党支部的基本任务是：" led
            "cpc-branch-work-2018",
            "第十条",
            "全面领导隶属本村的各类组织和各项工作",
        ),
        (
            "高校党校的主要任务是什么？",  # reg-193: the 高校纪委's "主要任务是：" led
            "cpc-university-orgs-2021",
            "第二十二条",
            "党校的主要任务是培训党员、干部和入党积极分子",
        ),
        # everyday words in their regulations' wording (service/text/vocabulary.tsv: 推迟 → 延期, 买票 → 贿赂)
        (
            "全国党代会能不能往后推迟开？",  # mem-378: 宪法第六十条 (全国人大 推迟选举) led
            "cpc-constitution-2017",
            "第十九条",
            "如无非常情况，不得延期举行",
        ),
        (
            "有人花钱买票当上了村委会委员，这个选举结果还算数吗？",  # mem-629: 第十五条 led
            "villagers-committee-law",
            "第十七条",
            "当选无效",
        ),
        (
            "支部换届可以推迟吗？最多推迟多久？",  # reg-073
            "cpc-branch-work-2018",
            "第二十一条",
            "延长或者提前期限一般不超过 1 年",
        ),
        # (a) words of a document's title do not outweigh the answering sentence's own words
        (
            "监督执纪工作实行什么责任制？",  # reg-184: "建立办案质量责任制" led
            "cpc-supervision-rules-2019",
            "第七条",
            "监督执纪工作实行分级负责制",
        ),
    ],
)
def test_the_article_that_states_the_rule_leads(
    container: Container, question: str, doc_id: str, locator: str, span: str
) -> None:
    answer = container.answerer.ask(question)
    has(answer, span)
    lead = answer.citations[0]
    assert (lead.doc_id, lead.locator) == (doc_id, locator), answer.answer
