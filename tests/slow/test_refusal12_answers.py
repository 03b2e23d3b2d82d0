"""Answerable questions refused or half-answered (holdout7, session 10), over the shipped knowledge with the real
embedder. Each kind with the holdout7 example's right answer spelled out, variants over other documents and wording,
and the traps near them that must stay refused:

1. an ordinal asked ("是第几次修订") is answered by 第 + numeral + the measure word of an adoption note ("第三次修订");
2. a number whose subject the article's first sentence names ("村民委员会实行村务公开制度。……一般事项至少每季度公布一次");
3. a later ask opening with a 的-phrase of its own ("被免职的多久不能安排领导职务") is not given the first ask's subject;
4. a count of persons asked with 个 ("几个委员到场", "多少个代表") is one of 人 or 名, a share ("半数以上") answering
   how many must attend; everyday words of a group (一群, 一起 → 多人, 共同);
5. a numbered term spelled out by items built around what it counts ("三不腐": 不敢腐、不能腐、不想腐);
6. the whole phrase a quoted fragment belongs to ("“权随事走”完整说法": “權隨事走、人隨事調、費隨事轉”);
7. the document a question names by a short name ("若干准则里“三会一课”……") leads over a more authoritative one;
8. "有什么要求" asks for the kind of answer: its 要求 is no topic word (选举 is not answered by 罢免's 要求);
9. 几 before a unit ("按几分钟服务圈布局") asks a quantity, no list of sections."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import lead as _lead
from answer_checks import refused as _refused

from service.container import Container

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # 1. ordinals
        ("2023年纪律处分条例是第几次修订？", ("第三次修订",)),
        ("党章是党的第几次全国代表大会修改的？", ("第十九次全国代表大会",)),
        # 2. the article's first sentence names the subject
        ("村务公开一般事项多长时间公布一次？", ("一般事项至少每季度公布一次",)),
        ("村民委员会财务收支情况多久公布一次？", ("财务收支情况应当每月公布一次",)),
        # 3. a later ask with a subject of its own
        (
            "停职检查一般最长多久？被免职的多久不能安排领导职务？",
            ("停职检查期限一般不超过6个月", "受到责令辞职、免职处理的，1年内不得安排领导职务"),
        ),
        # 4. counts of persons
        ("一群人一起上访，能派多少个代表？", ("代表人数不得超过5人",)),
        ("好多人一块去信访，可以选几个代表？", ("代表人数不得超过5人",)),
        ("多人上访要推选几个代表？", ("代表人数不得超过5人",)),
        (
            "支委会多久开一次，要几个委员到场才能开？",
            ("党支部委员会会议一般每月召开 1 次", "须有半数以上委员到会方可进行"),
        ),
        ("党员大会要几个党员到会才能开？", ("半数以上有表决权的党员到会方可进行",)),
        # 5. a numbered term spelled out around what it counts
        ("一体推进“三不腐”指的是哪三不？", ("不敢腐、不能腐、不想腐",)),
        # 6. the whole phrase of a quoted fragment
        ("万州文章提到的“权随事走”完整说法是什么？", ("“權隨事走、人隨事調、費隨事轉”",)),
        ("“人随事调”的完整说法是什么？", ("權隨事走、人隨事調、費隨事轉",)),
        # 7. the document named by a short name
        (
            "若干准则里“三会一课”是怎么规定的？",
            ("党员必须参加党员大会、党小组会和上党课，党支部要定期召开支部委员会会议",),
        ),
        # 8. 有什么要求
        (
            "选村委会，投票人数和当选票数各有什么要求？",
            ("有登记参加选举的村民过半数投票，选举有效", "候选人获得参加投票的村民过半数的选票"),
        ),
        ("选村委会，投票人数有什么要求？", ("有登记参加选举的村民过半数投票，选举有效",)),
        # 9. 几 + a unit asks a quantity
        (
            "安定区打造的是几分钟便民生活圈？2020年那篇文章要求党群服务中心按几分钟服务圈布局？",
            ("打造“10分钟便民生活圈”", "按照“15分钟服务圈”的要求"),
        ),
    ],
)
def test_answers(container: Container, question: str, spans: tuple[str, ...]) -> None:
    _has(container.answerer.ask(question), *spans)


def test_unnamed_short_name_keeps_the_rule(container: Container) -> None:
    # no document named: the regulation that sets the meetings up leads (支部工作条例第十六条)
    assert _lead(container.answerer.ask("“三会一课”是什么？")) == ("cpc-branch-work-2018", "第十六条")


@pytest.mark.parametrize(
    "question",
    [
        "“四不腐”是什么？",  # a count the items do not have
        "“不忘初心”完整的说法是什么？",  # only ever quoted alone: no whole phrase in the texts
        "“支部建在连上”的完整说法是什么？",
    ],
)
def test_traps(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))
