"""Questions on the laws of the knowledge base (probe12, session 10, branch law12), over the shipped knowledge with
the real embedder. Each kind with the probe12 example's right answer spelled out and paraphrases over other laws
and wording, and the traps near them that must stay refused:

1. the everyday words of the laws' readers (两口子 → 夫妻, 纪念馆/烈士陵园 → 纪念设施, 家属 → 近亲属, 门票 → 免费);
2. "分哪几档" is answered by a number of grades written 等次 (档, 档次, 等次, 等级 count grades alike);
3. a number stated by a later item of a list ("（二）年满十八周岁") is of what the list's lead-in names;
4. a committee's term of office is its posts' (居委会主任, 村委会委员), not a 校长's or a 党小组长's; how many must
   propose (提议) is answered by a share (十分之一以上的村民);
5. a law's own definitions ("……的公民、法人或者其他组织，称信访人") and "什么样的人算X" asks;
6. traps: a named day no text names (国家宪法日), a law not held (《民法典》), the date of the member's own event."""

from __future__ import annotations

import pytest
from answer_checks import converse
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # 1. everyday words
        (
            "两口子都是公务员，能在同一个单位一个直接管另一个吗？",
            ["不得在同一机关双方直接隶属于同一领导人员的职位"],
        ),
        ("夫妻俩都在一个局里上班，能一个管另一个吗？", ["不得在同一机关双方直接隶属于同一领导人员的职位"]),
        (
            "有人在网上抹黑烈士，烈士家属能告吗？没有家属谁来起诉？",
            [
                "英雄烈士的近亲属可以依法向人民法院提起诉讼",
                "检察机关依法对侵害英雄烈士的姓名、肖像、名誉、荣誉",
            ],
        ),
        ("去烈士纪念馆参观要收门票吗？", ["英雄烈士纪念设施应当免费向社会开放"]),
        ("去烈士陵园祭扫要买门票吗？", ["英雄烈士纪念设施应当免费向社会开放"]),
        # 2. which grades
        ("监察官的年度考核结果分哪几档？", ["年度考核结果分为优秀、称职、基本称职和不称职四个等次"]),
        # 3. an item read with its lead-in
        ("考公务员最少要满多少岁？", ["年满十八周岁"]),
        ("年满多少岁才能报考公务员？", ["年满十八周岁"]),
        # 4. a committee's term is its posts'
        ("居委会主任一届干几年？", ["居民委员会每届任期五年"]),
        ("居委会委员每届任期多长？", ["居民委员会每届任期五年"]),
        ("村委会主任一届干几年？", ["村民委员会每届任期五年"]),
        # 4b. how many must propose: a share
        ("村民会议多少人提议就必须召集？", ["有十分之一以上的村民或者三分之一以上的村民代表提议"]),
        ("村民代表会议多少人提议应当召集？", ["有五分之一以上的村民代表提议"]),
        # 5. definitions
        ("什么样的人算信访人？", ["提出建议、意见或者投诉请求的公民、法人或者其他组织，称信访人"]),
        ("谁算信访人？", ["称信访人"]),
        # neighbours that keep their answers
        ("烈士纪念日是哪天？", ["每年9月30日为烈士纪念日"]),
        ("村委会一届干几年？", ["村民委员会每届任期五年"]),
    ],
)
def test_law_questions_answered(container: Container, question: str, spans: list[str]) -> None:
    _has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        "国家宪法日是哪一天？",
        "全民国防教育日是几月几号？",
        "《民法典》里关于保护英雄烈士名誉的条款是怎么规定的？",
        "我们镇这次村委会换届选举定在哪天投票？",
        "我们村本次换届选举什么时候投票？",
        "党小组组长一届干几年？",
        "监察官法第七十条讲的是什么？",
    ],
)
def test_law_traps_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))


def test_a_teacher_is_no_post_of_the_committee(container: Container) -> None:
    _refused(converse(container, "高校党委每届任期几年？", "那高校校长一届任期几年？"))
