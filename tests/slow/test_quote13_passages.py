"""Passages asked by a quoted phrase or its place (holdout8, session 10), over the shipped knowledge with the real
embedder: the holdout8 examples' right answers spelled out, paraphrases over other documents and wording, and the
definition asks of a term only mentioned that must stay refused.

1. a request for the sentence, article or item a quoted phrase stands in ("那条完整怎么说", "讲“X”的是哪一条",
   "这话在党章哪里", "完整的三句话") is no request for its definition: the passage answers it;
2. a place in a named text ("入党誓词的最后四个字") asks for the text, not for a term "最后四个字";
3. a quoted phrase with a homophone slip ("艰苦扑素") is read as the phrase the texts write, when only that mended
   quotation occurs verbatim;
4. a clause naming where something is said ("……，党章里是怎么表述的", "……，报道里怎么概括的") is no asked term;
5. the shown sentence holding the quoted phrase as a clause of its own answers "后面一句是什么", "那句完整是什么"."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # 1. the passage of a quoted phrase
        ("“红红脸、出出汗”这话在党章哪里，讲的是什么？", ("让“红红脸、出出汗”成为常态",)),
        ("廉潔自律準則裡“尚儉戒奢”那條完整怎麼說？", ("坚持尚俭戒奢，艰苦朴素，勤俭节约",)),
        ("廉洁自律准则里“克己奉公”那条完整怎么说？", ("坚持公私分明，先公后私，克己奉公",)),
        ("“惩前毖后、治病救人”这话在党章哪里，讲的是什么？", ("坚持惩前毖后、治病救人",)),
        # 2. a place in a named text
        ("入黨誓詞的最後四個字是什麼？", ("永不叛党",)),
        ("入党誓词的头四个字是什么？", ("我志愿加入中国共产党",)),
        # ... and a term asked with 指的/讲的 has no place to strip (holdout6 h6-005, h6-022)
        ("群众路线指的是什么？", ("一切为了群众，一切依靠群众",)),
        ("民主集中制的基本原则有几条？每条讲的是什么", ("党员个人服从党的组织",)),
        # 3. a quoted slip
        ("廉洁自律准则里讲“艰苦扑素”的是哪一条？", ("坚持尚俭戒奢，艰苦朴素，勤俭节约",)),
        ("廉洁自律准则里讲“公私份明”的是哪一条？", ("坚持公私分明，先公后私，克己奉公",)),
        # 4. where it is said is no term
        (
            "现在我国社会的主要矛盾，党章里是怎么表述的？",
            ("人民日益增长的美好生活需要和不平衡不充分的发展之间的矛盾",),
        ),
        ("党的最高理想和最终目标，党章里是怎么表述的？", ("党的最高理想和最终目标是实现共产主义",)),
        # 5. the shown sentence holds the quoted phrase
        ("“党政军民学，东西南北中”后面一句是什么？", ("党是领导一切的",)),
        ("若干准则讲批评和自我批评，提出的“照镜子”那句完整是什么？", ("照镜子、正衣冠、洗洗澡、治治病",)),
        ("万州的文章里提到推进“权随事走”，完整的三句话是什么？", ("權隨事走、人隨事調、費隨事轉",)),
    ],
)
def test_quoted_passage_answered(container: Container, question: str, spans: tuple[str, ...]) -> None:
    _has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        # a term only mentioned, asked what it is, is still refused (issue 11, item 5)
        "什么是“红红脸、出出汗”？",
        "什么是“两个维护”？",
        # the whole form of a phrase the texts only write alone (refusal12's traps): no passage completes it
        "“不忘初心”完整的说法是什么？",
    ],
)
def test_mentioned_term_defined_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))
