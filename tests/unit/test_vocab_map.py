"""The colloquial → legal vocabulary map: what it learns, what it may not learn, how the lexical leg uses it."""

from __future__ import annotations

from collections import Counter

import pytest
from kb_samples import build_sample_index

from service.config import Settings
from service.container import build_container
from service.index.lexical import BM25Index
from service.rag import vocab_map as vm

# Three training questions in members' words, each with its gold article's words.
PAIRS = [
    (["购物卡", "下属", "过节"], [["收受", "礼品", "礼金", "消费卡"]]),
    (["购物卡", "老板", "送"], [["收受", "礼金", "消费卡", "第九十七条"]]),
    (["购物卡", "红包", "2023"], [["收受", "礼金", "消费卡"]]),
    (["支部", "两个", "党员"], [["正式党员", "不足", "支部委员会"]]),
]
DOC_FREQ = Counter({"收受": 3, "礼品": 2, "礼金": 3, "消费卡": 2, "第九十七条": 1, "正式党员": 5, "不足": 9,
                    "支部委员会": 4})  # fmt: skip


def test_learns_the_legal_words_of_a_colloquial_word() -> None:
    terms = vm.learn(PAIRS, DOC_FREQ, 100, vm.LearnParams(min_questions=3, top=3, min_p=0.5))
    assert terms == {"购物卡": ["消费卡", "收受", "礼金"]}  # seen in 3 questions; 支部 only once


def test_never_learns_numbers_or_article_references() -> None:
    terms = vm.learn(PAIRS, DOC_FREQ, 100, vm.LearnParams(min_questions=1, top=10, min_p=0.1))
    learned = set(terms) | {b for bs in terms.values() for b in bs}
    assert "第九十七条" not in learned and "2023" not in learned
    assert not vm.learnable("第九十七条") and not vm.learnable("3人") and vm.learnable("消费卡")


def test_expand_is_deterministic_and_skips_words_already_asked() -> None:
    vmap = vm.VocabMap({"购物卡": ["消费卡", "礼金"], "红包": ["礼金"]}, weight=0.2)
    assert vmap.expand(["下属", "给", "我", "购物卡", "红包"]) == {"消费卡": 0.2, "礼金": pytest.approx(0.4)}
    assert vmap.expand(["购物卡", "礼金"]) == {"消费卡": 0.2}
    assert vmap.expand(["天气"]) == {}


def test_expansion_lets_bm25_find_the_article_in_legal_words() -> None:
    docs = [["收受", "礼品", "礼金", "消费卡", "处分"], ["支部", "委员会", "换届", "选举"], ["党费", "交纳"]]
    bm25 = BM25Index.build(docs)
    query = ["下属", "过节", "购物卡"]
    assert bm25.search(query, 3) == []  # no shared word at all
    vmap = vm.VocabMap({"购物卡": ["消费卡", "礼金"]}, weight=0.2)
    hits = bm25.search(query, 3, expansion=vmap.expand(query))
    assert [pos for pos, _ in hits] == [0]
    assert bm25.scores(query, {}).tolist() == bm25.scores(query).tolist()


def test_shipped_map_records_its_training_discipline() -> None:
    shipped = vm.load()
    assert shipped.terms and 0 < shipped.weight <= 1
    assert "lecoqa-train" in shipped.meta["source"] and "test split never read" in shipped.meta["source"]
    split = shipped.meta["split"]
    assert split["seed"] == 17 and split["train_questions"] > split["validation_questions"] > 0
    words = set(shipped.terms) | {b for bs in shipped.terms.values() for b in bs}
    assert all(vm.learnable(w) for w in words)
    assert len(shipped.digest) == 12


def test_setting_switches_the_lexical_leg_only(hash_settings: Settings) -> None:
    build_sample_index(hash_settings)
    off = build_container(hash_settings).retriever
    on = build_container(hash_settings.model_copy(update={"query_expansion": True})).retriever
    a, b = off.candidates("支部委员会任期几年"), on.candidates("支部委员会任期几年")
    assert [p for p, _ in a.dense] == [p for p, _ in b.dense]
    assert a.lexical and b.lexical
