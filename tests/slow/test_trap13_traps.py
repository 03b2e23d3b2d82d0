"""Traps of the kinds holdout8 still answered with a neighbouring sentence (trap13), over the shipped knowledge with
the real embedder: a later revision asked of a work with the year before an adverb ("纪律处分条例2025年又修订了吗"),
a practice detail no text rules on (a recording of a meeting, a payment app the spell checker took for a typo, course
credits, a sum of pay or bonus), a law not held named without 《》 ("民法典里……") and a pick past the end of a one-sentence list ("那第六种是什么" after the five kinds of 纪律处分 in 党章第四十一条).
Each holdout8 question is here with its refusal, then paraphrases of its kind over other documents and wording;
answerable questions of the same shapes keep their answers (the right spans spelled out)."""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        # a year the knowledge base holds no version of, an adverb between the year and the revision verb
        pytest.param(
            ["纪律处分条例2025年又修订了吗？新版改了哪些？"],
            "抱歉，知识库中没有《中国共产党纪律处分条例》2025年的版本（现有2018年版、2023年版），无法回答该版本的内容。",
            id="h8-094",
        ),
        pytest.param(["党章2027年又修改了吗？改了什么？"], "2027年的版本", id="charter-later-year"),
        pytest.param(["监察法2026年又修正了吗？"], "2026年的版本", id="supervision-law-later-year"),
        # a practice detail: a recording, a payment app (微信 is no typo of 威信), course credits
        pytest.param(["我们支部开组织生活会要不要录像留档？"], "录像", id="h8-125"),
        pytest.param(["民主生活会要不要全程录像？"], "录像", id="life-meeting-recording"),
        pytest.param(["党员交党费能不能用微信转账？"], "微信", id="h8-310"),
        pytest.param(["党费可以用支付宝交吗？"], "支付宝", id="dues-other-app"),
        pytest.param(["高校入党积极分子要修满多少学分的党课？"], "学分", id="h8-314"),
        pytest.param(["入党积极分子培训要拿到多少学分？"], "学分", id="credits-other-wording"),
        # a law the knowledge base does not hold, named by its short name without 《》
        pytest.param(["民法典里关于英雄烈士名誉的条款是第几条？"], "知识库中没有《民法典》", id="h8-232"),
        pytest.param(
            ["民法典规定英雄烈士的名誉受保护吗？"], "知识库中没有《民法典》", id="civil-code-yes-no"
        ),
        pytest.param(["劳动法规定党员每天工作几小时？"], "知识库中没有《劳动法》", id="labour-law"),
        pytest.param(["国家安全法对党员有什么要求？"], "知识库中没有《国家安全法》", id="security-law"),
        # a sum of pay or bonus no text states (the article on the effects of a sanction names none)
        pytest.param(["受了警告处分的党员，年终奖要扣多少？"], "抱歉", id="h8-095"),
        pytest.param(["留党察看期间绩效奖金扣多少？"], "抱歉", id="bonus-on-probation"),
        pytest.param(["公务员被记过后工资要降多少？"], "抱歉", id="pay-after-demerit"),
        # a number of exam questions (道, 题) no text gives
        pytest.param(["公务员考试行测考几道题？"], "抱歉", id="h8-233"),
        pytest.param(["入党积极分子结业考试考多少道题？"], "抱歉", id="exam-questions-other-wording"),
        # a pick past the end of a one-sentence list: not another article's sixth item
        pytest.param(
            ["对党员的纪律处分有几种？", "那第六种是什么？"],
            "上一个回答列出的共五种，没有第六种。",
            id="h8-256",
        ),
        pytest.param(
            ["党的纪律处分有哪几种？", "第六种呢？"], "没有第六种", id="discipline-kinds-other-wording"
        ),
    ],
)
def test_the_trap_is_refused(container: Container, questions: list[str], message: str) -> None:
    answer = converse(container, *questions)
    assert answer.refused and answer.citations == [], answer.answer
    assert message in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("questions", "spans"),
    [
        pytest.param(["2023年版纪律处分条例从什么时候开始施行？"], ["2024年1月1日"], id="held-year"),
        pytest.param(["对党员的纪律处分有几种？", "那第五种是什么？"], ["开除党籍"], id="last-member"),
        pytest.param(["政务处分有哪几种？", "那第三种呢？"], ["记大过"], id="member-of-enumerated-list"),
        pytest.param(["党员有哪些权利？", "第八项呢？"], ["（八）"], id="last-right"),
        pytest.param(["党费由谁管理？"], ["党费"], id="dues-answerable"),
        pytest.param(["受到警告处分的党员多长时间内不得提拔？"], ["一年内"], id="sanction-effect-stated"),
        pytest.param(["公务员录用考试采取什么方式？"], ["笔试和面试"], id="exam-form-stated"),
        # a held law by its short name
        pytest.param(["按照公务员法，公务员应当具备哪些条件？"], ["年满十八周岁"], id="held-law-short-name"),
        pytest.param(
            ["英烈法规定哪一天是烈士纪念日？"], ["每年9月30日为烈士纪念日"], id="held-law-abbreviated"
        ),
    ],
)
def test_the_counter_example_is_answered(
    container: Container, questions: list[str], spans: list[str]
) -> None:
    _has(converse(container, *questions), *spans)
