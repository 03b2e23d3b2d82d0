"""Retriever over a hand-made index with the hash embedder: lookup first, legs, filters, dedupe."""

from __future__ import annotations

import pytest
from kb_samples import article_doc, build_sample_index

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.container import build_container
from service.errors import EmptyQuestion, IndexNotReady
from service.index.generations import IndexManager
from service.ingest.pipeline import index_chunks
from service.rag.authority import prefer_authoritative
from service.rag.query_terms import asking_words, asks_verdict
from service.rag.retrieve import (
    HEADING_ONLY_WEIGHT,
    NON_RULING_SHARE,
    RULING_RE,
    UNKNOWN_WORD_FORM_WEIGHT,
    VOCABULARY_WEIGHT,
    Retriever,
    discount_heading_matches,
    formal_weight,
    per_document_cap,
    prefer_rulings,
)
from service.schemas import Chunk, SearchFilters, SourceDoc


@pytest.fixture
def retriever(hash_settings: Settings) -> Retriever:
    build_sample_index(hash_settings)
    embedder = HashEmbedder()
    return Retriever(hash_settings, embedder, IndexManager(hash_settings, embedder))


def test_article_reference_returns_the_article_first(retriever: Retriever) -> None:
    hits = retriever.search("党章第十条", top_k=5)
    assert [h.chunk_id for h in hits[:2]] == ["cpc-constitution-2017#a10-p1", "cpc-constitution-2017#a10-p2"]
    assert len(hits) == 5
    # Fused hits after the lookup never repeat the article.
    assert len({h.chunk_id for h in hits}) == len(hits)
    assert all(h.article_no != 10 or h.doc_id != "cpc-constitution-2017" for h in hits[2:])


def test_traditional_query_finds_simplified_text(retriever: Retriever) -> None:
    hits = retriever.search("兩個維護是什麼", top_k=3)
    assert hits[0].doc_id == "theory-1"
    assert "两个维护" in hits[0].text
    assert "lexical" in hits[0].scores and "dense" in hits[0].scores


@pytest.mark.parametrize("mode", ["weighted", "rrf", "adaptive"])
def test_every_fusion_mode_ranks_the_obvious_answer_first(hash_settings: Settings, mode: str) -> None:
    build_sample_index(hash_settings)
    settings = hash_settings.model_copy(update={"fusion": mode})
    embedder = HashEmbedder()
    r = Retriever(settings, embedder, IndexManager(settings, embedder))
    hits = r.search("支部委员会任期几年换届", top_k=3)
    assert hits[0].chunk_id == "theory-1#p3"
    # by score, except where a more authoritative source won a near tie or restates the one above
    by_score = sorted(hits, key=lambda h: -h.score)
    assert hits == prefer_authoritative(by_score, settings.authority_order)


def test_filters_apply_to_both_legs(retriever: Retriever) -> None:
    hits = retriever.search("两个维护", top_k=10, filters=SearchFilters(doc_types=["regulation"]))
    assert hits and all(h.doc_type == "regulation" for h in hits)
    hits = retriever.search("监察", top_k=10, filters=SearchFilters(doc_ids=["supervisors-law"]))
    assert {h.doc_id for h in hits} == {"supervisors-law"}
    legs = retriever.search_legs("监察", 10, SearchFilters(doc_ids=["supervisors-law"]))
    assert {h.doc_id for h in legs["dense"]} == {"supervisors-law"}


def test_parts_of_one_article_are_deduplicated(retriever: Retriever) -> None:
    hits = retriever.search("党的各级领导机关 民主集中制 组织起来的统一整体", top_k=10)
    article_10 = [h for h in hits if h.doc_id == "cpc-constitution-2017" and h.article_no == 10]
    assert len(article_10) == 1


def test_search_legs_shape(retriever: Retriever) -> None:
    legs = retriever.search_legs("两个维护", 3)
    assert set(legs) == {"lexical", "dense", "lookup", "fused"}
    assert all(len(v) <= 3 for k, v in legs.items() if k != "lookup")
    assert legs["lexical"][0].scores.keys() == {"lexical"}


def test_empty_query_and_missing_index(hash_settings: Settings, retriever: Retriever) -> None:
    with pytest.raises(EmptyQuestion):
        retriever.search("   ")
    empty = hash_settings.model_copy(update={"data_dir": hash_settings.data_dir.parent / "empty"})
    with pytest.raises(IndexNotReady):
        Retriever(empty, HashEmbedder(), IndexManager(empty, HashEmbedder())).search("党章")


def test_container_wires_the_retriever(hash_settings: Settings) -> None:
    build_sample_index(hash_settings)
    container = build_container(hash_settings, embedder_override=HashEmbedder())
    assert container.index_manager.ready()
    assert container.retriever.search("宪法第一条", top_k=1)[0].chunk_id == "constitution#a1-p1"


# --- authority and focus (issue 11, item 3) -------------------------------------------------------------------


def test_per_document_cap_leaves_a_list_of_five_alone() -> None:
    assert per_document_cap(5) == 5
    assert per_document_cap(12) == 8
    assert per_document_cap(100) == 66


def _dominated_corpus() -> list[tuple[SourceDoc, list[Chunk]]]:
    # Every article of the 批准权限和程序规定 shares 处分、违纪党员、批准 with the question through its title and
    # text; the 党章 article that states the procedure ranked fifteenth on the member set (mem-088).
    approval = article_doc(
        "cpc-discipline-approval-2022",
        "中国共产党处分违纪党员批准权限和程序规定",
        {n: [f"给予违纪党员处分的批准权限按照第{n}种情形履行处分审批程序。"] for n in range(1, 15)},
    )
    constitution = article_doc(
        "cpc-constitution-2017",
        "中国共产党章程",
        {42: ["对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会批准。"]},
    )
    return [approval, constitution]


def test_one_document_does_not_fill_an_answer_pool(hash_settings: Settings) -> None:
    index_chunks(_dominated_corpus(), hash_settings, HashEmbedder())
    embedder = HashEmbedder()
    r = Retriever(hash_settings, embedder, IndexManager(hash_settings, embedder))
    hits = r.search("给党员处分要经过哪些程序批准", top_k=12)
    assert len(hits) == 12
    assert ("cpc-constitution-2017", "第四十二条") in [(h.doc_id, h.locator) for h in hits]
    head = [h for h in hits[:9] if h.doc_id == "cpc-discipline-approval-2022"]
    assert len(head) <= per_document_cap(12)
    # document order (first appearances) is what it was without the cap
    five = r.search("给党员处分要经过哪些程序批准", top_k=5)
    assert [h.chunk_id for h in five] == [
        h.chunk_id for h in r.fuse(r.candidates("给党员处分要经过哪些程序批准"), 5)
    ]


def test_a_word_only_in_the_heading_counts_less(hash_settings: Settings) -> None:
    index_chunks(_dominated_corpus(), hash_settings, HashEmbedder())
    embedder = HashEmbedder()
    r = Retriever(hash_settings, embedder, IndexManager(hash_settings, embedder))
    index = r.index_manager.current()
    tokens = ["程序", "规定"]  # 规定 is in the title of every approval article, in the text of none
    raw = index.lexical.search(tokens, 20)
    discounted = dict(discount_heading_matches(index, tokens, {}, raw))
    bm25 = index.lexical
    rows = bm25.term_rows([bm25.vocab["规定"]])
    for pos, score in raw:
        lost = float(rows[0, pos])
        assert discounted[pos] == pytest.approx(score - (1 - HEADING_ONLY_WEIGHT) * lost, rel=1e-5)


def test_the_formal_form_of_a_word_the_texts_never_use_counts_in_full() -> None:
    forms = {"算命": ("迷信",), "红包": ("礼金",)}
    corpus_terms = {"红包": 0, "礼金": 1, "迷信": 2}
    # 算命 is no term of the index: 迷信 is the only way the member's word reaches the texts
    assert formal_weight("迷信", "党员找人算命", forms, corpus_terms) == UNKNOWN_WORD_FORM_WEIGHT
    assert formal_weight("礼金", "收了红包", forms, corpus_terms) == VOCABULARY_WEIGHT


def test_a_verdict_ask_is_no_situation_word() -> None:
    # the member asks whether the situation is a violation: 违纪 says what is asked, not what happened
    q = "党员私下找人算命看风水，算违纪吗？"
    tokens = ["党员", "私下", "找人", "算命", "看", "风水", "，", "算", "违纪", "吗", "？"]
    assert asks_verdict(q)
    assert asking_words(q, tokens) == ["违纪"]
    # 处理 of "怎么处理" is asked; the situation keeps its own words
    q2 = "我们支部有个党员大半年了，既不交党费也不来开会，这种情况怎么处理？"
    assert asking_words(q2, ["党员", "党费", "开会", "处理"]) == ["处理"]
    assert not asks_verdict(q2)  # a procedure may answer it: no preference for sanctions
    # a word the situation itself uses stays a situation word ("受过处分的党员……会怎样")
    assert asking_words("受过处分的党员再违纪会怎样", ["处分", "党员", "违纪"]) == []
    assert not asks_verdict("党员的义务有哪些") and asking_words("党员的义务有哪些", ["党员", "义务"]) == []


def test_a_verdict_question_prefers_the_article_that_rules(hash_settings: Settings) -> None:
    approval = article_doc(
        "cpc-discipline-approval-2022",
        "中国共产党处分违纪党员批准权限和程序规定",
        {43: ["对退休的违纪党员干部，一般按照其在职时的干部人事管理权限确定处分批准权限，履行审批程序。"]},
    )
    discipline = article_doc(
        "cpc-discipline-2023",
        "中国共产党纪律处分条例",
        {70: ["参加迷信活动，造成不良影响的，给予警告或者严重警告处分。"]},
    )
    index_chunks([approval, discipline], hash_settings, HashEmbedder())
    embedder = HashEmbedder()
    r = Retriever(hash_settings, embedder, IndexManager(hash_settings, embedder))
    index = r.index_manager.current()
    ruling = next(p for p in range(2) if "迷信" in index.chunk_at(p).text)
    other = 1 - ruling
    # the procedural article scores higher before the preference, lower after it
    fused = [(other, 1.0), (ruling, 0.8)]
    assert prefer_rulings(index, fused) == [(ruling, 0.8), (other, NON_RULING_SHARE)]
    assert RULING_RE.search("给予警告或者严重警告处分") and RULING_RE.search("连续六个月不交纳党费……予以除名")
    assert not RULING_RE.search(index.chunk_at(other).text)
    # and the search itself: 违纪 counts ASKING_WEIGHT, the ruling article leads
    hits = r.search("党员参加迷信活动算违纪吗", top_k=2)
    assert hits[0].locator == "第七十条", [(h.locator, h.score) for h in hits]
