"""Answerable questions refused although the knowledge base answers them (holdout6, session 9), over the shipped
knowledge with the real embedder. Each kind with the holdout6 example's right answer spelled out, members' variants
over other documents and wording, and the traps near them that must stay refused:

1. words that set the scene taken for the asked term ("下周我们支部有新同志宣誓，入党誓词全文是什么" → not "下周"; "都搞
   些什么内容"; "……选出来后要谁批准");
2. a two-part question refused as a whole although each ask is answered on its own;
3. typos: near sounds (介召人 → 介绍人) and a character jieba splits off (处份 → 处分);
4. "……也适用《X》吗": the verb of applying is no part of the title;
5. definitions by conditions ("……的，就被认为是自行脱党") and by the rule brought in ("实行终身问责，……");
6. a counted list opened by the modified term ("……的职责是监督、执纪、问责");
7. theory articles: a coined numbered term spelled out by its list ("三个随"), a whole's count (全国有多少个……), a
   quoted phrase of the article pointed at ("文章里……“支部建在连上”");
8. a length stated as another body's ("每届任期和同级党的委员会相同"; 一届 = 每届任期)."""

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
        # 1. scene words
        (
            "下周我们支部有新同志宣誓，入党誓词全文是什么？",
            ("我志愿加入中国共产党", "拥护党的纲领", "永不叛党"),
        ),
        ("下个月要给新党员上党课，党的最高理想是什么？", ("实现共产主义",)),
        ("这周我们学习党章，党的宗旨是什么？", ("全心全意为人民服务",)),
        ("地方纪委书记副书记选出来后要谁批准？", ("由同级党的委员会通过，报上级党的委员会批准",)),
        ("基层纪委书记副书记选出来后要报谁批准？", ("报上级党组织批准",)),
        # 2. two-part questions
        ("预备期最多能延长多久？党龄从哪天开始算？", ("不能超过一年", "从预备期满转为正式党员之日算起")),
        ("主題黨日多久搞一次？都搞些什麼內容？", ("每月相对固定1 天开展主题党日", "集中学习、过组织生活")),
        (
            "停職檢查最長一般多長時間？被免職的幹部多久不能安排領導職務？",
            ("一般不超过6个月", "1年内不得安排领导职务"),
        ),
        (
            "留党察看最长多久？开除党籍的几年内不得重新入党？",
            ("留党察看最长不超过两年", "五年内不得重新入党"),
        ),
        # 3. typos
        ("入党介召人一般由谁担任？", ("一般由培养联系人担任", "也可由党组织指定")),
        ("党内最高处份是什么？", ("开除党籍是党内的最高处分",)),
        ("党支部委员会由几个人主成？", ("由 3 至 5 人组成",)),
        # 4. a verb of applying before a title
        ("军校的党组织也适用高校基层组织工作条例吗？", ("按照中共中央、中央军事委员会有关规定执行",)),
        # 5. definitions by conditions and by the rule brought in
        (
            "“自行脱党”指的是什么情况？",
            ("连续六个月不参加党的组织生活", "或不交纳党费", "或不做党所分配的工作"),
        ),
        ("什么叫自行脱党？", ("就被认为是自行脱党",)),
        ("“终身问责”是什么意思？", ("不论其责任人是否调离转岗、提拔或者退休",)),
        ("问责条例里的“终身问责”指什么？", ("实行终身问责",)),
        # 6. a counted list opened by the modified term
        ("黨的紀律檢查委員會的職責是哪三項？", ("监督、执纪、问责",)),
        ("纪委的职责是哪三项？", ("监督、执纪、问责",)),
        # 7. theory articles
        ("万州文章里说推进权力下放的“三个随”是什么？", ("權隨事走、人隨事調、費隨事轉",)),
        ("人民日报那篇报道说全国有多少个基层党组织、多少名党员？", ("480多万个基层党组织和9500多万名党员",)),
        (
            "从“支部建在连上”以后，文章里还提到支部建在哪些地方？",
            ("“支部建在村上”", "“支部建在楼上”", "“支部建在项目上”"),
        ),
        # 8. a length stated as another body's
        ("纪委一届干几年？", ("每届任期和同级党的委员会相同",)),
        ("纪律检查委员会一届干几年？", ("每届任期和同级党的委员会相同",)),
        ("地方纪委每届任期几年？", ("每届任期和同级党的委员会任期相同",)),
        ("村委会一届干几年？", ("村民委员会每届任期五年",)),
    ],
)
def test_answerable_questions_are_answered(
    container: Container, question: str, spans: tuple[str, ...]
) -> None:
    _has(container.answerer.ask(question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        # the scene is the asked event itself, or the asked text is not held
        "下周主题党日，这次的主题是什么？",
        "今年我们支部评优，优秀党员名单是什么？",
        "下个月村两委换届，候选人名单出来了吗？",
        "入团誓词是什么？",
        # a two-part question with an ask the knowledge base does not hold
        "党员的义务有哪些？入团誓词是什么？",
        "党费交纳标准是多少？党员的义务有哪些？",
        # documents not held in full
        "村党组织也适用农村基层组织工作条例吗？",
        # counts no text states, lengths of another body
        "全国一共有多少个党支部？",
        "我们县有多少名党员？",
        "党小组组长一届干几年？",
        "那篇报道提到的党费标准是多少？",
        "文章里提到入党要交多少钱？",
    ],
)
def test_traps_near_them_stay_refused(container: Container, question: str) -> None:
    _refused(container.answerer.ask(question))


def test_typo_fix_keeps_two_words_apart(container: Container) -> None:
    """A run of single characters is two words: "我们县有" is not 享有, "文章说有" not 所有 (near sounds)."""
    assert container.answerer._spell("我们县有多少名党员？") == "我们县有多少名党员？"
    assert container.answerer._spell("安定区那篇文章说有多少个党支部？") == "安定区那篇文章说有多少个党支部？"


def test_two_part_follow_up_still_answers(container: Container) -> None:
    """The ask-by-ask reading of a refused two-part question leaves conversations as they were."""
    answer = converse(container, "党员有哪些义务？", "那入党誓词呢？")
    _has(answer, "我志愿加入中国共产党")
