"""Answerable questions the refusal rules refused, over the shipped knowledge with the real embedder (issue 11,
item 5: a blind set refused 8 % of its answerable questions). Each kind with the right answer spelled out, members'
variants of each, and the traps near them that must stay refused:

1. words naming the form of the answer (名字, 称呼, 比喻, 关系, 体制) are no content the evidence must hold;
2. a quoted word after a count ("哪四个“廉洁”") asks for the list whose members share it;
3. short names of held documents (纪委工作条例, 支部条例, 发展党员细则) are held; others stay unknown;
4. plain questions: function characters taken for a typo (单位里有 → 理由), a meeting named X会议 where the text
   says X会, words that set the scene (自己, 定下来)."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container
from service.rag.refusal import UNKNOWN_DOCUMENT_MESSAGE

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # 1. form words
        ("石马村的党支部书记叫什么名字？", ("马景刚",)),
        ("党建工作和中心工作是什么关系？吉林那篇文章怎么比喻的？", ("“两个轮子”", "互为促进、不可偏废")),
        ("黨內同志之間應該怎麼稱呼？", ("党内一律称同志",)),
        ("党内同志之间应该怎么称呼？", ("党内一律称同志",)),
        ("公办高校实行的是什么领导体制？", ("党委领导下的校长负责制",)),
        ("高校党委和校长是什么关系？", ("党委领导下的校长负责制",)),
        ("共青团跟咱们党是个什么关系？", ("党的助手和后备军",)),
        ("党章把共青团称作党的什么？", ("党的助手和后备军",)),
        ("预备党员和正式党员在权利上有什么区别？", ("没有表决权、选举权和被选举权",)),
        ("入党志愿书的全称叫什么？", ("《中国共产党入党志愿书》",)),
        ("党的基本路线的完整表述是什么？", ("以经济建设为中心", "坚持四项基本原则")),
        ("党的最高理想在党章里是怎么表述的？", ("实现共产主义",)),
        ("政治生活准则把批评和自我批评比作什么？", ("锐利武器",)),
        ("文章里石马村过去被上级定为什么组织？", ("软弱涣散党组织",)),
        ("党的全国代表大会闭会期间，执行它的决议的机关叫什么名字？", ("执行全国代表大会的决议",)),
        # 2. a quoted word shared by a counted list
        ("党员领导干部的廉洁自律规范是哪四个“廉洁”？", ("廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家")),
        ("党员领导干部的廉洁自律规范有哪四个“廉洁”？", ("廉洁从政", "廉洁用权", "廉洁修身", "廉洁齐家")),
        # 3. short names of held documents
        ("纪委工作条例对纪检干部离职以后从业有什么限制？", ("三年内不得从事与纪律检查工作相关的职业",)),
        ("支部条例规定党支部委员会会议多久开一次？", ("党支部委员会会议一般每月召开",)),
        ("支部条例规定党员大会多久开一次？", ("一般每季度召开",)),
        ("发展党员细则规定入党介绍人要几个？", ("两名正式党员",)),
        ("问责条例规定的问责方式有哪些？", ("检查", "通报", "改组")),
        # 4. plain questions
        ("一个单位里有几名正式党员就应该成立党的基层组织？", ("正式党员三人以上",)),
        ("一个村里有三个正式党员，要成立什么组织？", ("都应当成立党的基层组织",)),
        (
            "全国性的重大政策，地方党委能不能自己先定下来对外宣布？",
            ("只有党中央有权作出决定", "不得擅自作出决定和对外发表主张"),
        ),
        ("下级组织觉得上级的决定不合实际，能不能自己不执行？", ("可以请求改变",)),
        ("党小组会议多久开一次？", ("党小组会一般每月召开",)),
        ("党小组会议一般多久召开一次？", ("党小组会一般每月召开",)),
        ("党支部委员会会议一般多长时间开一次？", ("党支部委员会会议一般每月召开",)),
    ],
)
def test_answerable_questions_are_answered(
    container: Container, question: str, spans: tuple[str, ...]
) -> None:
    _has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        # a form word does not make the rest of the question answerable
        "党徽的设计者叫什么名字？",
        "上个月我们区纪委通报开除了一名副局长，他叫什么名字？",
        "我们支部书记叫什么名字？",
        "党龄满五十年发的纪念章叫什么名字？",
        "党建工作和中心工作的关系用什么数学公式表示？",
        "党员之间的称呼在2025年有什么新变化？",
        "党费交纳比例是怎么表述的？",
        # a counted list the texts do not hold
        "党员领导干部要做到哪四个“严禁”？",
        "“两个务必”指的是什么？",
        # documents the knowledge base does not hold (in full)
        "党员教育管理工作条例规定党员每年学习多少学时？",
        "党内监督条例对党委书记有什么要求？",
        "农村基层组织工作条例对村党组织书记任期有什么规定？",
        # meetings and quantities the texts do not state
        "民主生活会议多久开一次？",
        "党小组会议每次要开几个小时？",
        "居民小组会议多久开一次？",
        # things the knowledge base never names
        "入党纪念日送什么纪念品？",
        "党员证丢了怎么补办？",
    ],
)
def test_traps_near_them_stay_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("党组工作条例规定党组有哪些职责？", "党组工作条例"),
        ("巡视工作条例规定巡视组怎么组成？", "巡视工作条例"),
    ],
)
def test_short_names_of_documents_not_held_are_refused(
    container: Container, question: str, name: str
) -> None:
    _refused(container.answerer.ask(question), UNKNOWN_DOCUMENT_MESSAGE.format(name=name))
