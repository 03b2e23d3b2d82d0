"""Issue 11, item 2 over the shipped knowledge with the real embedder: counts and lists asked in members' words, and
two-part questions whose parts are answered by different articles (holdout3 kinds ``count`` and ``two-part``; the
examples of task C6 and variants written for it). The hand-made versions are in tests/unit/test_counted_lists.py
and tests/unit/test_two_part.py.
"""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import has_list

from service.container import Container

pytestmark = pytest.mark.slow

# (question, spans the answer must hold, count it must state or None)
COUNTS = [
    # example 1: the article that lists the kinds, not 党章第四十二条 (the approval procedure)
    pytest.param("党的纪律处分有几种，分别叫什么", ["警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"], 5,
                 id="kinds-of-discipline"),
    pytest.param("纪律处分一共有几种", ["警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"], 5,
                 id="kinds-of-discipline-count"),
    pytest.param("对党员的纪律处分有哪几种", ["警告、严重警告、撤销党内职务、留党察看、开除党籍"], 5,
                 id="kinds-of-discipline-which"),
    # example 2: the four norms of 廉洁自律准则 part 2, each in full (a typo in the title, or no title at all)
    pytest.param("对领导干部的廉洁要求是哪四个方面",
                 ["廉洁从政，自觉保持人民公仆本色", "廉洁用权，自觉维护人民根本利益", "廉洁修身，自觉提升思想道德境界",
                  "廉洁齐家，自觉带头树立良好家风"], 4, id="integrity-four-aspects"),
    pytest.param("廉洁字律准则对党员领导干部有哪几条规范",
                 ["廉洁从政，自觉保持人民公仆本色", "廉洁用权，自觉维护人民根本利益", "廉洁修身，自觉提升思想道德境界",
                  "廉洁齐家，自觉带头树立良好家风"], 4, id="integrity-typo"),
    pytest.param("领导干部廉洁方面有哪四项要求", ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"], 4,
                 id="integrity-four-requirements"),
    pytest.param("党员领导干部的廉洁自律规范有几条", ["廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家"], 4,
                 id="integrity-how-many"),
    # example 3: the twelve headings of the 准则, "共十二个方面"
    pytest.param("党内政治生活若干准则一共讲了哪几个方面",
                 ["坚定理想信念", "坚持党的基本路线", "坚决维护党中央权威", "严明党的政治纪律", "保持党同人民群众的血肉联系",
                  "坚持民主集中制原则", "发扬党内民主和保障党员权利", "坚持正确选人用人导向", "严格党的组织生活制度",
                  "开展批评和自我批评", "加强对权力运行的制约和监督", "保持清正廉洁的政治本色"], 12,
                 id="political-life-aspects"),
    pytest.param("关于新形势下党内政治生活的若干准则包括哪些方面", ["坚定理想信念", "保持清正廉洁的政治本色"], 12,
                 id="political-life-full-title"),
    # example 4: the contents of the branch meeting's resolution (发展党员工作细则第二十二条)
    pytest.param("支部大会决议要写哪些内容",
                 ["发展对象的主要表现", "应到会和实际到会有表决权的党员人数", "表决结果", "通过决议的日期", "支部书记签名"],
                 5, id="resolution-contents"),
    pytest.param("支部大会的决议里主要包括啥", ["发展对象的主要表现", "表决结果", "支部书记签名"], None,
                 id="resolution-contents-colloquial"),
    # theory articles: a list spread over paragraphs, and one enumeration in a sentence, counted
    pytest.param("安定区搞的“五大工程”是哪五个", ["“学习聚魂”政治引领工程", "“责任聚焦”制度引领工程"], 5,
                 id="five-projects"),
    pytest.param("吉林那篇文章说基层党员干部要遵守哪几项纪律", ["政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律"], 5,
                 id="jilin-disciplines"),
    # example 5: the question's number is wrong; the answer lists what the 总纲 holds and says 五项
    pytest.param("党建的四项基本要求是啥", ["坚持党的基本路线", "坚持民主集中制", "坚持从严管党治党"], 5,
                 id="wrong-premise-count"),
    pytest.param("党员的义务有七条，是哪七条", ["认真学习马克思列宁主义", "发扬社会主义新风尚"], 8,
                 id="wrong-premise-duties"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "spans", "count"), COUNTS)
def test_the_list_asked_for_with_its_count(
    container: Container, question: str, spans: list[str], count: int | None
) -> None:
    answer = container.answerer.ask(question)
    has_list(answer, spans, count)


def test_a_wrong_number_is_corrected_in_the_notice(container: Container) -> None:
    answer = container.answerer.ask("党建的四项基本要求是啥")
    assert answer.notice is not None and "问题中说的是四项，《中国共产党章程》列出的是五项。" in answer.notice


TWO_PARTS = [
    # example 6: each part answered by its own article
    pytest.param("支委会多久开一次会？党员大会呢", ["党支部委员会会议一般每月召开 1 次", "一般每季度召开 1 次"],
                 id="committee-and-meeting"),
    pytest.param("支委会和党员大会分别多久开一次", ["党支部委员会会议一般每月召开 1 次", "一般每季度召开 1 次"],
                 id="committee-and-meeting-coordinated"),
    pytest.param("组织处理能不能和党纪处分一起用？组织处理有哪些措施",
                 ["可以和党纪政务处分合并使用", "停职检查、调整职务、责令辞职、免职、降职"], id="handling-combined"),
    pytest.param("留党察看分几种期限？察看期间有没有选举权",
                 ["分为留党察看一年、留党察看二年", "没有表决权、选举权和被选举权"], id="probation-terms-and-rights"),
    pytest.param("党徽党旗是什么样子的",
                 ["中国共产党党徽为镰刀和锤头组成的图案", "中国共产党党旗为旗面缀有金黄色党徽图案的红旗"], id="emblem-and-flag"),
    pytest.param("党徽和党旗分别是什么样子",
                 ["中国共产党党徽为镰刀和锤头组成的图案", "中国共产党党旗为旗面缀有金黄色党徽图案的红旗"],
                 id="emblem-and-flag-respectively"),
    pytest.param("党徽长什么样，党旗呢",
                 ["中国共产党党徽为镰刀和锤头组成的图案", "中国共产党党旗为旗面缀有金黄色党徽图案的红旗"],
                 id="emblem-then-flag"),
    pytest.param("培养联系人要安排几个？他们具体干什么", ["一至两名正式党员", "向入党积极分子介绍党的基本知识"],
                 id="sponsors-count-and-tasks"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "spans"), TWO_PARTS)
def test_each_part_gets_its_own_evidence(container: Container, question: str, spans: list[str]) -> None:
    _has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        "党员可以炒股吗？每年最多能投多少钱",  # a trap stays refused although its first part is answerable
        "流动党员的党费交到流入地还是流出地，每月交多少？",
    ],
)
def test_a_two_part_trap_stays_refused(container: Container, question: str) -> None:
    assert container.answerer.ask(question).refused
