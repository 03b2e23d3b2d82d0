"""Follow-up resolution and conversations persisted in SQLite across restarts."""

from __future__ import annotations

import pytest
from fakes import fake_container

from service.config import Settings
from service.errors import ConversationNotFound
from service.rag.conversation import (
    history_from_questions,
    near_topic,
    resolve,
    situation,
    spelled_out,
    topic_phrase,
)
from service.store.conversations import Topic, Turn


def _turn(question: str, **topic: object) -> Turn:
    return Turn(question, question, Topic(**topic))  # type: ignore[arg-type]


def test_topic_phrase() -> None:
    assert topic_phrase("党的基层组织的基本任务是什么？") == "党的基层组织的基本任务"
    assert topic_phrase("请问党员有哪些义务") == "党员义务"


def test_new_question_unchanged() -> None:
    assert resolve("党员有哪些权利", []).question == "党员有哪些权利"
    res = resolve("预备党员的预备期是多久", [_turn("党员有哪些义务")])
    assert res.question == "预备党员的预备期是多久"
    assert not res.is_followup


def test_point_follow_up() -> None:
    res = resolve("那第二点呢", [_turn("党员必须履行哪些义务")])
    assert res.rule == "point"
    assert res.question == "党员必须履行哪些义务 第二点"


def test_pronoun_follow_up() -> None:
    res = resolve("它的基本任务是什么", [_turn("党的基层组织是什么")])
    assert res.rule == "pronoun"
    assert res.question == "党的基层组织的基本任务是什么"


def test_this_article_and_other_article() -> None:
    history = [_turn("党的基层组织是什么", doc_title="中国共产党章程", article_no=32)]
    assert resolve("这一条呢", history).question == "中国共产党章程第三十二条"
    assert resolve("第五条呢", history).question == "中国共产党章程第五条"
    assert resolve("下一条呢？", history).question == "中国共产党章程第三十三条"
    assert resolve("那上一条是什么", history).question == "中国共产党章程第三十一条"
    # asking something of the next article is its own question; 上一条 of 第一条 is not resolved
    assert resolve("下一条规定的期限是多久", history).rule != "article"
    first = [_turn("党的性质是什么", doc_title="中国共产党章程", article_no=1)]
    assert resolve("上一条呢", first).rule != "article"


def test_more_excludes_cited_chunks() -> None:
    res = resolve("还有呢", [_turn("党员必须履行哪些义务", chunk_ids=["a", "b"])])
    assert res.rule == "more"
    assert res.question == "党员必须履行哪些义务"
    assert res.exclude_chunk_ids == ["a", "b"]


def test_history_from_questions_chains() -> None:
    turns = history_from_questions(["党的基层组织是什么", "它的基本任务是什么"])
    assert turns[-1].resolved_question == "党的基层组织的基本任务是什么"


def test_conversation_follow_ups_end_to_end(hash_settings: Settings) -> None:
    container = fake_container(hash_settings)
    first = container.answerer.ask("党员必须履行哪些义务")
    assert first.conversation_id and not first.refused
    second = container.answerer.ask("那第二点呢", conversation_id=first.conversation_id)
    assert "（二）贯彻执行党的基本路线" in second.answer
    assert second.conversation_id == first.conversation_id
    third = container.answerer.ask("这一条呢", conversation_id=first.conversation_id)
    assert third.answer.startswith("《中国共产党章程》第三条原文如下")


def test_conversation_survives_restart(hash_settings: Settings) -> None:
    first = fake_container(hash_settings).answerer.ask("党的基层组织是什么")
    restarted = fake_container(hash_settings)  # new container, new connections, same data dir
    follow = restarted.answerer.ask("它的基本任务是什么", conversation_id=first.conversation_id)
    assert restarted.retriever.queries[-1] == "党的基层组织的基本任务是什么"
    assert not follow.refused
    assert len(restarted.answerer.store.turns(first.conversation_id or "")) == 2


def test_unknown_conversation_is_404(hash_settings: Settings) -> None:
    with pytest.raises(ConversationNotFound) as err:
        fake_container(hash_settings).answerer.ask("党员有哪些义务", conversation_id="nope")
    assert err.value.status == 404


@pytest.mark.parametrize(
    ("previous", "follow_up", "expected", "rule"),
    [
        ("村民委员会每届任期几年？", "那它由几个人组成？", "村民委员会由几个人组成？", "pronoun"),
        ("国家监察委员会由谁产生？", "它对谁负责？", "国家监察委员会对谁负责？", "pronoun"),
        (
            "对党员的纪律处分有哪几种？",
            "其中最重的是哪一种？",
            "对党员的纪律处分中最重的是哪一种？",
            "property",
        ),
        ("监察机关留置时间最长多久？", "可以延长吗？", "监察机关留置时间可以延长吗？", "predicate"),
        ("村民委员会每届任期几年？", "那居委会呢？", "居委会每届任期几年？", "swap"),
        ("政务处分中警告的期间是多久？", "那记过呢？", "政务处分中记过的期间是多久？", "swap"),
        # an attribute replaces the attribute asked before, not the subject ("权利的义务有哪些" was asked)
        ("党员的义务有哪些？", "那权利呢？", "党员的权利有哪些？", "swap"),
        ("党员有哪些义务？", "那权利呢？", "党员有哪些权利？", "swap"),
        ("党支部委员会的任期是几年？", "那职责呢？", "党支部委员会的职责是什么？", "swap"),
    ],
)
def test_elliptical_follow_ups(previous: str, follow_up: str, expected: str, rule: str) -> None:
    res = resolve(follow_up, [_turn(previous)])
    assert (res.question, res.rule) == (expected, rule)


def test_swap_does_not_capture_other_follow_ups() -> None:
    history = [_turn("党员必须履行哪些义务", chunk_ids=["a"])]
    assert resolve("那第二点呢", history).rule == "point"
    assert resolve("还有呢", history).rule == "more"
    assert resolve("那是什么呢", history).rule == "new"
    # a continuation with a subject of its own is asked as it stands first, then in the conversation's topic
    res = resolve("那党龄从什么时候算？", history)
    assert (res.question, res.rule, res.alternatives) == (
        "党龄从什么时候算？",
        "context",
        ["党员党龄从什么时候算？"],
    )


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("第105条呢", "中华人民共和国宪法第105条"),
        ("第一百零五条呢", "中华人民共和国宪法第一百零五条"),
        ("那第一百条呢", "中华人民共和国宪法第一百条"),
        ("那么第三条之一呢", "中华人民共和国宪法第三条之一"),
        ("第３２條是什么", "中华人民共和国宪法第３２條"),
    ],
)
def test_article_follow_up_after_constitution_question(follow_up: str, expected: str) -> None:
    # Every spelling of an article number is a follow-up on the previous document (issue 10: 百 and 零
    # were missing from the follow-up pattern, so "第一百零五条呢" was treated as a new question).
    history = [_turn("宪法第一条是什么", doc_title="中华人民共和国宪法", article_no=1)]
    res = resolve(follow_up, history)
    assert (res.question, res.rule) == (expected, "article")


def test_constitution_article_follow_ups_over_real_index(hash_settings: Settings) -> None:
    # The real 宪法 and 公务员法 (both have a 第一百零五条, so a bare number is ambiguous), ingested like
    # `study ingest`, answered through the real retriever and answerer.
    from service.backends.embedders import get_embedder
    from service.container import build_container
    from service.ingest.corpus import corpus_file
    from service.ingest.pipeline import ingest

    sources = [
        corpus_file("regulations/lawrefbook/宪法/宪法.md"),
        corpus_file("regulations/lawrefbook/行政法/公务员法(2018-12-29).md"),
    ]
    embedder = get_embedder(hash_settings.embedding_backend, hash_settings.embedding_model)
    report = ingest(sources, hash_settings, embedder, progress=False)
    assert not report.failures
    answerer = build_container(hash_settings).answerer
    first = answerer.ask("宪法第一条是什么")
    assert first.citations[0].locator == "第一条"
    follow_ups = [
        ("第105条呢", "第一百零五条"),
        ("第一百零五条呢", "第一百零五条"),
        ("那第一百条呢", "第一百条"),
    ]
    for follow_up, locator in follow_ups:
        answer = answerer.ask(follow_up, conversation_id=first.conversation_id)
        assert not answer.refused, follow_up
        assert answer.citations[0].locator == locator, follow_up
        assert answer.citations[0].title == first.citations[0].title == "中华人民共和国宪法"


# Member-set follow-ups (issue 11, item 6): what each rewrite must keep of the conversation.
@pytest.mark.parametrize(
    ("previous", "follow_up", "expected", "rule", "alternatives"),
    [
        # mem-196: a continuation without a subject of its own is also read in the conversation's topic
        ("预备党员的预备期是多长？", "那期满了考察不合格怎么办？", "期满了考察不合格怎么办？", "context",
         ["预备党员的预备期期满了考察不合格怎么办？", "预备期期满了考察不合格怎么办？"]),
        # mem-197: the attribute asked before (多久开一次) is kept
        ("党小组会多久开一次？", "那支委会呢？", "支委会多久开一次？", "swap", ["支委会"]),
        ("党小组会多久开一次？", "那支委會呢？", "支委会多久开一次？", "swap", ["支委会"]),
        # mem-199: a situation (要是我…) is asked what was asked of the previous one; the asker is dropped
        ("收受购物卡会受什么处分？", "那要是我送购物卡给领导呢？", "送购物卡给领导会受什么处分？", "swap",
         ["送购物卡给领导"]),
        ("收受礼金会受什么处分？", "那如果是我给别人送礼金呢？", "给别人送礼金会受什么处分？", "swap",
         ["给别人送礼金"]),
        # mem-232: a situation of another subject keeps the head of what was asked (纪律处分)
        ("对党员的纪律处分有哪几种？", "那党组织违纪了呢？", "党组织违纪了，纪律处分有哪几种？", "swap",
         ["党组织违纪了"]),
        # a duration asked of the old situation is not asked of the new one; a state that names nothing of its own
        # is the previous subject's (mem-523: 留党察看期满 … 开除党籍, not 组织处理's 影响期满)
        ("留党察看最长多久？", "那期满了还是不改呢？", "留党察看期满了还是不改，怎么处理？", "swap",
         ["期满了还是不改"]),
        # mem-233: the new subject names the organisation, the old one its committee: 委员会 is kept
        ("村党支部委员会每届任期几年？", "那高校院系的党支部呢？", "高校院系的党支部委员会每届任期几年？", "swap", []),
        ("村党支部委员会每届任期几年？", "那高校院系的黨支部呢？", "高校院系的党支部委员会每届任期几年？", "swap", []),
        # a conditional before a noun names a subject, not a situation
        ("每个党员都要参加组织生活吗？", "那要是党员领导干部呢？", "党员领导干部都要参加组织生活吗？", "swap", []),
        # an attribute the previous question did not name is asked of its subject
        ("党小组会多久开一次？", "那任期呢？", "党小组会的任期是什么？", "swap", []),
        # a predicate on the agent or the time has no subject: the previous one is prepended
        ("党支部委员会会议多久开一次？", "由谁召集？", "党支部委员会会议由谁召集？", "predicate", []),
        ("党小组会多久开一次？", "那由谁主持呢？", "党小组会由谁主持呢？", "predicate", []),
    ],
)  # fmt: skip
def test_member_follow_ups(
    previous: str, follow_up: str, expected: str, rule: str, alternatives: list[str]
) -> None:
    res = resolve(follow_up, [_turn(previous)])
    assert (res.question, res.rule, res.alternatives) == (expected, rule, alternatives)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("要是我送购物卡给领导", "送购物卡给领导"),
        ("党组织违纪了", "党组织违纪了"),
        ("他被开除党籍", "他被开除党籍"),
        ("居委会", None),
        ("高校院系的党支部", None),
        ("要是党员领导干部", None),
    ],
)
def test_situation_or_subject(clause: str, expected: str | None) -> None:
    assert situation(clause) == expected


def test_item_picks_in_traditional_script_and_after_a_swap() -> None:
    history = history_from_questions(["黨員的義務有哪些？", "那權利呢？"])
    assert history[-1].resolved_question == "党员的权利有哪些？"
    res = resolve("第五項呢？", history)
    assert res.rule == "point" and res.selector is not None and res.selector.ordinal == 5
    assert res.question == "党员的权利有哪些？ 第五项"
    last = resolve("最後一項呢", history)
    assert last.selector is not None and last.selector.ordinal == -1


def test_near_topic() -> None:
    cited = [("d", 97), ("e", 8)]  # every article the previous answer cited
    assert near_topic("d", 98, cited, same_article=False)
    assert near_topic("d", 95, cited, same_article=False)
    assert not near_topic("d", 94, cited, same_article=False)  # three articles away
    assert not near_topic("d", 97, cited, same_article=False)  # a swap: the article just shown
    assert near_topic("d", 97, cited, same_article=True)
    assert near_topic("e", 9, cited, same_article=False)  # next to the second cited article
    assert not near_topic("f", 98, cited, same_article=True)  # another document
    assert not near_topic("d", None, cited, same_article=True)


def test_abbreviated_names_are_spelled_out_as_a_rephrasing() -> None:
    # "那支委会呢": the regulations write 党支部委员会; the same question in their words is tried too
    res = resolve("那支委会呢？", [_turn("党小组会多久开一次？")])
    assert res.rephrasings == ["支部委员会多久开一次？"]
    res = resolve("那居委會呢？", history_from_questions(["村民委員會每屆任期幾年？"]))
    assert (res.question, res.rephrasings) == ("居委会每届任期几年？", ["居民委员会每届任期几年？"])
    assert spelled_out("入党誓词是什么") == "入党誓词是什么"  # 入党 is no abbreviation of 加入中国共产党
    assert spelled_out("纪委书记由谁选举") == "纪律检查委员会书记由谁选举"


def test_asking_what_an_item_means_picks_the_item() -> None:
    from service.rag.conversation import item_selector

    # "第六项是什么意思" after 党员的权利 asks for item （六） of 党章第四条, not for a term named 第六项
    assert item_selector("第六项是什么意思") is not None and item_selector("第六项是什么意思").ordinal == 6  # type: ignore[union-attr]
    assert item_selector("第二点怎么理解").ordinal == 2  # type: ignore[union-attr]
    assert item_selector("第三项规定的期限是多久") is None  # asks something of the item itself


def test_swap_of_a_body_keeps_its_owner() -> None:
    # trial 3, item 18: 基层委员会 takes 全国代表大会's place under 党, not 党's place
    res = resolve("那基层委员会呢", [_turn("党的全国代表大会几年开一次")])
    assert res.rule == "swap"
    assert res.question == "党的基层委员会几年开一次"
    # a subject with a modifier still has only its head entity replaced
    assert resolve("那记过呢", [_turn("政务处分中警告的期间是多久")]).question == "政务处分中记过的期间是多久"


def test_swap_of_an_entity_of_the_same_kind_keeps_the_attribute() -> None:
    # mem-514: "新录用的公务员试用期多长" + "那预备党员呢" asks the 试用期 of a 预备党员 (…员 for …员), never
    # "预备党员的公务员试用期多长", which retrieves 公务员法 again
    res = resolve("那预备党员呢？", [_turn("新录用的公务员试用期多长？")])
    assert res.rule == "swap"
    assert res.question == "预备党员试用期多长？"
    assert resolve("那党小组呢", [_turn("党支部委员会多久开一次会")]).question == "党小组多久开一次会"
    # a new subject of another kind still replaces only what it shares or the head entity
    assert resolve("那居委会呢", [_turn("村民委员会每届任期几年")]).question == "居委会每届任期几年"
    assert resolve("那机关党支部呢", [_turn("村党支部委员会任期几年")]).question == "机关党支部委员会任期几年"


def test_item_of_another_list() -> None:
    # trial 3, item 16: "那义务的第六项呢" after 党员的权利 asks for item 6 of 党员的义务
    res = resolve("那义务的第六项呢", [_turn("党员的权利有几项"), _turn("党员的权利有几项 第六项")])
    assert res.rule == "swap_point"
    assert res.question.startswith("党员的义务")
    assert res.selector is not None and res.selector.ordinal == 6
    # a selection that opens the question names a term, and one followed by a question is asked of the item
    assert resolve("第一种形态是什么", [_turn("监督执纪有几种形态")]).rule != "swap_point"
    assert resolve("义务的第六项规定的期限是多久", [_turn("党员的权利有几项")]).rule != "swap_point"


def test_article_number_after_a_count_is_an_item_first() -> None:
    # trial 3, item 17: "第三条是什么" after a 几条 question: the third item, with the article as the fallback
    history = [_turn("民主集中制的基本原则有几条", doc_title="中国共产党章程", article_no=10)]
    res = resolve("第三条是什么", history)
    assert res.rule == "point_or_article"
    assert res.selector is not None and res.selector.ordinal == 3
    assert res.question == "中国共产党章程第三条"
    # after a question that counted nothing it is the article
    other = resolve("第三条是什么", [_turn("党员的义务是什么", doc_title="中国共产党章程", article_no=3)])
    assert other.rule == "article"


def test_those_counted_items_are_the_previous_list() -> None:
    # trial 3, item 23: "那几条" refers to the list just counted, not to a term of its own
    res = resolve("对党员领导干部的那几条是什么", [_turn("廉洁自律准则有几条规范")])
    assert res.rule == "counted"
    assert res.question == "廉洁自律准则对党员领导干部的规范有哪些"
    assert resolve("这几项都要做到吗", [_turn("党员有几项义务")]).question == "党员义务都要做到吗"
    # no count before: not a reference to counted items
    assert resolve("那几条是什么", [_turn("党员的义务是什么")]).rule != "counted"
