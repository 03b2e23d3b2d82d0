"""Issue 11, items 3 and 5 over the shipped knowledge with the real embedder: basic questions in everyday verbs
(开始算 / 起算 where the text says 算起, 选出来 for 选举产生, 几年一届 for 每五年举行一次), questions
written for this test, none from the eval sets. The rules themselves: tests/unit/test_extract.py
(``_AGENT_Q_RE``) and service/text/vocabulary.tsv.
"""

from __future__ import annotations

import pytest
from answer_checks import has

from service.container import Container

pytestmark = pytest.mark.slow

# (question, spans the answer must hold)
CASES = [
    # 开始算 / 起算: the article that says 算起 is quoted whole
    pytest.param(
        "预备期从哪天开始算？", ["预备期，从支部大会通过他为预备党员之日算起"], id="probation-start"
    ),
    pytest.param(
        "预备期从什么时候起算？", ["预备期，从支部大会通过他为预备党员之日算起"], id="probation-start-2"
    ),
    # 选出来 ~ 选举产生, the doer stated by "由……选举产生"
    pytest.param("中央纪委是哪个会议选出来的？", ["由党的全国代表大会选举产生"], id="ccdi-elected-by"),
    pytest.param("中央纪委由谁选出来？", ["由党的全国代表大会选举产生"], id="ccdi-elected-by-2"),
    pytest.param("地方纪委是谁选出来的？", ["由同级党的代表大会选举产生"], id="local-commission-elected-by"),
    pytest.param(
        "高校纪委是谁选出来的？", ["由党员大会或者党员代表大会选举产生"], id="college-commission-elected-by"
    ),
    # 一届 ~ 每……举行一次 for congresses
    pytest.param("党的地方代表大会几年一届？", ["每五年举行一次"], id="local-congress-term"),
    pytest.param("党的地方代表大会多少年开一次？", ["每五年举行一次"], id="local-congress-term-2"),
    # 定位 of 干部: the sentence that says what they are
    pytest.param("党的干部是什么定位？", ["党的干部是党的事业的骨干，是人民的公仆"], id="cadre-role"),
]


@pytest.mark.parametrize(("question", "spans"), CASES)
def test_basic_questions_in_everyday_words(container: Container, question: str, spans: list[str]) -> None:
    has(container.answerer.ask(question), *spans)
