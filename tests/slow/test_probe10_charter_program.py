"""党章 总纲 and chapters 7–8 asked in members' words (probe10, issue 11), over the shipped knowledge with the real
embedder. Kinds, each with the right answer spelled out and paraphrases over other documents:

1. the asked term is the predicate of an identity statement ("发展是我们党执政兴国的第一要务": "党执政兴国的第一要务
   是啥" asks for 发展) — the texts say what it is, so it is no mention-only term;
2. traps near these chapters stay refused;
3. "S的H" ("构建社会主义和谐社会的总要求") is answered by the sentence holding H, not by the topic sentence naming S;
4. a where-ask ("派驻纪检组是派到哪里的") by the sentence stating where the act goes ("向……全面派驻")."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # 1. the term asked closes "Y是[我们]X"
        ("党执政兴国的第一要务是啥？", ("发展是我们党执政兴国的第一要务",)),
        ("遵守党的全部纪律的基础是什么？", ("遵守党的政治纪律是遵守党的全部纪律的基础",)),
        ("中华人民共和国的根本制度是什么？", ("社会主义制度是中华人民共和国的根本制度",)),
    ],
)
def test_predicate_terms_are_answered(container: Container, question: str, spans: tuple[str, ...]) -> None:
    _has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        "纪委书记最多能连任几届？",
        "违反生活纪律一般要罚款多少钱？",
        "基层纪检委员每个月有多少补贴？",
        "社会主义初级阶段具体到哪一年结束？",
    ],
)
def test_traps_near_the_charter_stay_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # 3. "S的H": the sentence holding H (a list before 的H), not the topic sentence naming S
        (
            "构建社会主义和谐社会的总要求是什么？",
            ("民主法治、公平正义、诚信友爱、充满活力、安定有序、人与自然和谐相处的总要求",),
        ),
        ("建设社会主义生态文明的方针是什么？", ("坚持节约优先、保护优先、自然恢复为主的方针",)),
        ("发展党员工作的总要求是什么？", ("控制总量、优化结构、提高质量、发挥作用的总要求",)),
        ("成立联合党支部的原则是什么？", ("地域相邻、行业相近、规模适当、便于管理的原则",)),
    ],
)
def test_the_head_asked_is_quoted(container: Container, question: str, spans: tuple[str, ...]) -> None:
    _has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # 4. where-asks: the sentence that states where the act goes ("向……派驻"), not one sharing the noun
        ("派驻纪检组是派到哪里的？", ("向同级党和国家机关全面派驻",)),
        ("纪检监察组都派驻到哪些地方？", ("向同级党和国家机关全面派驻纪检监察组",)),
        (
            "派驻纪检组是派到哪里的？组长参加什么会？",
            ("向同级党和国家机关全面派驻党的纪律检查组", "纪律检查组组长参加驻在部门党的领导组织的有关会议"),
        ),
        ("预备党员转正后，他的入党材料最后存到哪里？", ("交党委存入本人人事档案",)),
        ("对登记参加选举的村民名单有异议，可以向哪里申诉？", ("向村民选举委员会申诉",)),
    ],
)
def test_where_asks_are_answered_with_the_place(
    container: Container, question: str, spans: tuple[str, ...]
) -> None:
    _has(container.answerer.ask(question), *spans)
