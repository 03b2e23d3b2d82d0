"""BM25 lexical index: scoring order, filters, persistence, k1/b retuning and real jieba tokens."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from service.index.lexical import BM25Index, informative_tokens
from service.text.normalize import normalize_for_match
from service.text.segment import Segmenter

DOCS = [
    ["党员", "义务", "学习", "马克思列宁主义"],
    ["党员", "权利", "参加", "党", "会议"],
    ["支部", "委员会", "换届", "党员", "大会"],
    ["两个维护", "坚决", "维护", "核心", "地位"],
]


def test_rare_term_ranks_its_document_first() -> None:
    index = BM25Index.build(DOCS)
    hits = index.search(["换届"], 10)
    assert [i for i, _ in hits] == [2]
    assert hits[0][1] > 0


def test_common_term_scores_lower_than_rare_term() -> None:
    index = BM25Index.build(DOCS)
    common = dict(index.search(["党员"], 10))
    rare = dict(index.search(["换届"], 10))
    assert set(common) == {0, 1, 2}
    assert rare[2] > common[2]


def test_more_matching_terms_rank_higher_and_results_are_sorted() -> None:
    index = BM25Index.build(DOCS)
    hits = index.search(["党员", "权利", "会议"], 10)
    assert hits[0][0] == 1
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)


def test_unknown_and_stopword_queries_return_nothing() -> None:
    index = BM25Index.build(DOCS)
    assert index.search(["不存在的词"], 5) == []
    assert index.search(["的", "，", " "], 5) == []
    assert informative_tokens(["的", "党员", "。", "  "]) == ["党员"]


def test_mask_filters_rows() -> None:
    index = BM25Index.build(DOCS)
    mask = np.array([False, True, False, True])
    hits = index.search(["党员"], 10, mask)
    assert [i for i, _ in hits] == [1]


def test_top_k_truncates() -> None:
    index = BM25Index.build(DOCS)
    assert len(index.search(["党员"], 2)) == 2


def test_persistence_roundtrip_and_retuning(tmp_path: Path) -> None:
    index = BM25Index.build(DOCS, k1=1.5, b=0.5)
    index.save(tmp_path)
    loaded = BM25Index.load(tmp_path)
    assert loaded.k1 == 1.5 and loaded.b == 0.5
    before, after = index.search(["党员", "权利"], 10), loaded.search(["党员", "权利"], 10)
    assert [i for i, _ in after] == [i for i, _ in before]
    assert [s for _, s in after] == pytest.approx([s for _, s in before])
    retuned = BM25Index.load(tmp_path, b=0.0)
    # With b=0 document length no longer matters: equal tf gives equal scores for 党员.
    scores = dict(retuned.search(["党员"], 10))
    assert scores[0] == pytest.approx(scores[1]) == pytest.approx(scores[2])


def test_coverage_measures_idf_share_of_query_terms() -> None:
    index = BM25Index.build(DOCS)
    assert index.coverage(["支部", "换届"], 2) == pytest.approx(1.0)
    assert 0.0 < index.coverage(["支部", "权利"], 2) < 1.0
    assert index.coverage(["没见过"], 2) == 0.0


def test_real_segmenter_traditional_query_meets_simplified_text() -> None:
    seg = Segmenter(Path(__file__).resolve().parents[2] / "knowledge" / "userdict.txt")
    texts = ["坚决做到两个维护，增强四个意识。", "支部委员会每届任期三年。", "党员必须履行义务。"]
    index = BM25Index.build([seg.tokenize(normalize_for_match(t)) for t in texts])
    hits = index.search(seg.tokenize(normalize_for_match("兩個維護是什麼")), 3)
    assert hits and hits[0][0] == 0


def test_empty_index() -> None:
    index = BM25Index.build([])
    assert index.search(["党员"], 5) == []
