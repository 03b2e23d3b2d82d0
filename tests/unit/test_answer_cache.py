"""Answers to repeated first questions come from memory and are invalidated by index, settings and curated
answers; follow-ups and every request's identity (answer id, conversation) are never shared."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.container import build_container
from service.curated.store import CuratedInput, PassageRef
from service.ingest.pipeline import ingest
from service.rag.answer_cache import AnswerCache, CachedAnswer
from service.schemas import Answer, SearchFilters


def test_repeated_question_is_answered_from_the_cache_with_its_own_identity(kb_settings: Settings) -> None:
    answerer = build_container(kb_settings).answerer
    first = answerer.ask("党支部多久组织一次学习？")
    second = answerer.ask("党支部多久组织一次学习？")
    stats = answerer.answer_cache.stats()
    assert (stats.misses, stats.hits, stats.entries) == (1, 1, 1)
    assert second.answer == first.answer and "每月至少组织一次" in second.answer
    assert second.citations == first.citations and second.refused is first.refused
    assert second.answer_id != first.answer_id
    assert second.conversation_id != first.conversation_id  # each request its own conversation
    # the cached turn is persisted like any other: a follow-up in that conversation works
    follow = answerer.ask("学习内容包括什么？", conversation_id=second.conversation_id)
    assert "党章党规" in follow.answer


def test_follow_ups_and_filters_are_keyed_apart(kb_settings: Settings) -> None:
    answerer = build_container(kb_settings).answerer
    first = answerer.ask("党支部多久组织一次学习？")
    answerer.ask("党支部多久组织一次学习？", conversation_id=first.conversation_id)  # has turns: not cached
    assert answerer.answer_cache.stats().hits == 0
    answerer.ask("党支部多久组织一次学习？", filters=SearchFilters(doc_types=["regulation"]))
    assert answerer.answer_cache.stats().hits == 0 and len(answerer.answer_cache) == 2


def test_new_index_generation_invalidates(kb_settings: Settings) -> None:
    answerer = build_container(kb_settings).answerer
    assert "每月至少组织一次" in answerer.ask("党支部多久组织一次学习？").answer
    assert kb_settings.knowledge_dir is not None
    (kb_settings.knowledge_dir / "学习制度.txt").write_text(
        "学习制度\n\n第一条 党支部每季度至少组织一次集中学习。\n\n第二条 学习内容包括党章党规。\n",
        encoding="utf-8",
    )
    ingest([kb_settings.knowledge_dir], kb_settings, HashEmbedder(), progress=False)
    again = answerer.ask("党支部多久组织一次学习？")
    assert answerer.answer_cache.stats().hits == 0
    assert "每季度至少组织一次" in again.answer


def test_curated_answer_change_invalidates(kb_settings: Settings) -> None:
    container = build_container(kb_settings)
    answerer = container.answerer
    assert answerer.ask("党支部多久组织一次学习？").curated is False
    chunk = next(c for c in container.index_manager.current().chunks("学习制度") if c.locator == "第一条")
    container.curated.create(
        CuratedInput(question="党支部多久组织一次学习？", passages=[PassageRef(chunk_id=chunk.chunk_id)])
    )
    assert answerer.ask("党支部多久组织一次学习？").curated is True
    assert answerer.answer_cache.stats().hits == 0


def test_other_settings_never_share_entries(kb_settings: Settings) -> None:
    a = AnswerCache(kb_settings, 8)
    b = AnswerCache(kb_settings.model_copy(update={"top_k": 3}), 8)
    assert a.key("gen-1", (0, 0.0), "问", None) != b.key("gen-1", (0, 0.0), "问", None)
    assert a.key("gen-1", (0, 0.0), "问", None) != a.key("gen-2", (0, 0.0), "问", None)


def test_bounded_and_transient_failures_not_kept(kb_settings: Settings) -> None:
    cache = AnswerCache(kb_settings, 2)
    for q in ("甲", "乙", "丙"):
        cache.put(cache.key("g", 0, q, None), CachedAnswer(q, Answer(answer=q, refused=False), []))
    assert len(cache) == 2 and cache.get(cache.key("g", 0, "甲", None)) is None
    fallback = Answer(answer="摘录", refused=False, mode="llm_fallback")
    cache.put(cache.key("g", 0, "丁", None), CachedAnswer("丁", fallback, []))
    assert cache.get(cache.key("g", 0, "丁", None)) is None
    # callers get copies: changing one never changes the cache
    got = cache.get(cache.key("g", 0, "丙", None))
    assert got is not None
    got.answer.answer = "改了"
    again = cache.get(cache.key("g", 0, "丙", None))
    assert again is not None and again.answer.answer == "丙"


def test_size_zero_disables(kb_settings: Settings) -> None:
    answerer = build_container(kb_settings.model_copy(update={"answer_cache_size": 0})).answerer
    answerer.ask("党支部多久组织一次学习？")
    answerer.ask("党支部多久组织一次学习？")
    assert len(answerer.answer_cache) == 0 and answerer.answer_cache.stats().hits == 0


def test_first_question_is_persisted_in_one_transaction(kb_settings: Settings) -> None:
    container = build_container(kb_settings)
    answerer = container.answerer
    answerer.ask("党支部多久组织一次学习？")  # warm: schema, caches
    db = container.db
    opened: list[int] = []
    original = db.transaction

    def counting():  # type: ignore[no-untyped-def]
        opened.append(1)
        return original()

    db.transaction = counting  # type: ignore[method-assign]
    answer = answerer.ask("党支部多久组织一次学习？")
    assert len(opened) == 1
    turns = answerer.store.turns(answer.conversation_id or "")
    assert [t.answer_id for t in turns] == [answer.answer_id]
    stored = answerer.store.answer(answer.answer_id or "")
    assert stored is not None and stored.model_dump() == answer.model_dump()
    assert stored.conversation_id == answer.conversation_id


def _entry(text: str) -> CachedAnswer:
    return CachedAnswer("问题", Answer(answer=text, refused=False), [])


def test_concurrent_askings_of_one_question_are_composed_once(kb_settings: Settings) -> None:
    cache = AnswerCache(kb_settings, 8)
    key = cache.key("gen-1", (0, 0.0), "党支部多久组织一次学习？", None)
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def compose() -> CachedAnswer:
        calls.append(1)
        started.set()
        release.wait(5)
        return _entry("党支部每月至少组织一次集中学习。")

    with ThreadPoolExecutor(5) as pool:
        first = pool.submit(cache.get_or_compute, key, compose)
        assert started.wait(5)
        assert cache.holds(key) and not cache.holds(cache.key("gen-1", (0, 0.0), "别的问题", None))
        waiting = [pool.submit(cache.get_or_compute, key, compose) for _ in range(4)]
        deadline = time.monotonic() + 5
        while (
            cache.stats().coalesced < 4 and time.monotonic() < deadline
        ):  # all four are waiting for the first
            time.sleep(0.01)
        release.set()
        results = [first.result(5), *(w.result(5) for w in waiting)]
    assert len(calls) == 1  # composed once for five concurrent askings
    assert {r.answer.answer for r in results} == {"党支部每月至少组织一次集中学习。"}
    assert len({id(r.answer) for r in results}) == 5  # each caller its own copy to stamp its id on
    stats = cache.stats()
    assert (stats.misses, stats.coalesced, stats.hits) == (1, 4, 0)
    assert cache.get_or_compute(key, compose).answer.answer == "党支部每月至少组织一次集中学习。"
    assert (len(calls), cache.stats().hits) == (1, 1)


def test_a_failed_composition_fails_its_waiters_and_is_not_remembered(kb_settings: Settings) -> None:
    cache = AnswerCache(kb_settings, 8)
    key = cache.key("gen-1", (0, 0.0), "党员有哪些权利？", None)
    started, release = threading.Event(), threading.Event()

    def failing() -> CachedAnswer:
        started.set()
        release.wait(5)
        raise RuntimeError("索引读取失败")

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(cache.get_or_compute, key, failing)
        assert started.wait(5)
        waiter = pool.submit(cache.get_or_compute, key, failing)
        release.set()
        for fut in (first, waiter):
            with pytest.raises(RuntimeError, match="索引读取失败"):
                fut.result(5)
    assert not cache.holds(key) and len(cache) == 0
    assert cache.get_or_compute(key, lambda: _entry("第二次成功")).answer.answer == "第二次成功"


def test_has_cached_answer_tells_what_ask_would_take_from_the_cache(kb_settings: Settings) -> None:
    answerer = build_container(kb_settings).answerer
    question = "党支部多久组织一次学习？"
    assert not answerer.has_cached_answer(question)
    answerer.ask(question)
    assert answerer.has_cached_answer(question)
    assert answerer.has_cached_answer(f" {question}\u200b ")  # the cleaned question is the key
    assert not answerer.has_cached_answer(question, SearchFilters(doc_types=["regulation"]))
    assert not answerer.has_cached_answer("学习内容包括什么？")
    assert not answerer.has_cached_answer("   ")  # invalid: ask raises its error
    off = build_container(kb_settings.model_copy(update={"answer_cache_size": 0})).answerer
    off.ask(question)
    assert not off.has_cached_answer(question)
