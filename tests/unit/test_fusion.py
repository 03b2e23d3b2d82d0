"""Fusion functions: normalisation, weighted, RRF and the adaptive weighting signals."""

from __future__ import annotations

import pytest

from service.rag.fusion import (
    AdaptivePolicy,
    QuerySignals,
    adaptive_lexical_weight,
    fuse,
    minmax,
    rrf,
    weighted,
)


def test_minmax_scales_to_unit_interval() -> None:
    assert minmax({1: 2.0, 2: 4.0, 3: 3.0}) == {1: 0.0, 2: 1.0, 3: 0.5}
    assert minmax({7: 5.0}) == {7: 1.0}
    assert minmax({}) == {}


def test_weighted_weights_decide_between_legs() -> None:
    lex = {1: 10.0, 2: 1.0}
    dense = {2: 0.9, 3: 0.1}
    lexical_heavy = weighted(lex, dense, 0.9, 0.1)
    dense_heavy = weighted(lex, dense, 0.1, 0.9)
    assert max(lexical_heavy, key=lexical_heavy.__getitem__) == 1
    assert max(dense_heavy, key=dense_heavy.__getitem__) == 2
    assert all(0.0 <= v <= 1.0 for v in lexical_heavy.values())


def test_candidate_in_both_legs_beats_single_leg_under_rrf() -> None:
    scores = rrf([1, 2, 3], [2, 4, 1])
    assert max(scores, key=scores.__getitem__) == 2
    assert scores[2] == pytest.approx((1 / 62 + 1 / 61) / (2 / 61))
    assert scores[4] < scores[1]


def test_fuse_modes_and_tie_break() -> None:
    lexical = [(1, 5.0), (2, 5.0)]
    dense = [(2, 0.5), (1, 0.5)]
    out = fuse("weighted", lexical, dense, w_lex=0.5, w_dense=0.5)
    # Equal fused scores: the lexical rank decides, deterministically.
    assert [k for k, _ in out] == [1, 2]
    assert fuse("rrf", lexical, lexical, w_lex=1, w_dense=1)[0][1] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        fuse("nope", lexical, dense, w_lex=1, w_dense=1)


def test_default_policy_boosts_lexical_for_quotes_and_article_references() -> None:
    base = 0.4
    quoted = QuerySignals.of("“三会一课”制度", coverage=0.5)
    article = QuerySignals.of("党章第三十二条讲了什么", coverage=0.5)
    plain = QuerySignals.of("党员有哪些权利", coverage=0.5)
    assert adaptive_lexical_weight(quoted, base) > base
    assert adaptive_lexical_weight(article, base) > base
    assert adaptive_lexical_weight(plain, base) == pytest.approx(base)


def test_adaptive_weights_follow_query_signals() -> None:
    policy = AdaptivePolicy(high_coverage=0.15, low_coverage=-0.15, low_coverage_at=0.4, long_colloquial=-0.1)
    quoted = QuerySignals.of("“两个维护”出自哪里", coverage=0.9)
    colloquial = QuerySignals.of("我是一名新党员，我想知道平时参加组织生活应该注意些什么呢", coverage=0.2)
    neutral = QuerySignals.of("支部委员会任期", coverage=0.6)
    assert quoted.quoted and not neutral.quoted and colloquial.colloquial
    base = 0.5
    assert adaptive_lexical_weight(quoted, base, policy) > adaptive_lexical_weight(neutral, base, policy)
    assert adaptive_lexical_weight(colloquial, base, policy) < adaptive_lexical_weight(neutral, base, policy)
    assert adaptive_lexical_weight(neutral, base, policy) == pytest.approx(base)
    assert policy.floor <= adaptive_lexical_weight(colloquial, 0.0, policy) <= policy.ceiling


def test_adaptive_changes_the_winner() -> None:
    lexical = [(1, 9.0), (2, 1.0)]
    dense = [(2, 0.9), (1, 0.2)]
    quoted = QuerySignals.of("第三十二条", coverage=0.9)
    loose = QuerySignals.of("我们平时开会的时候应该怎样去做才对呢大家说说", coverage=0.1)
    assert fuse("adaptive", lexical, dense, w_lex=0.4, w_dense=0.6, signals=quoted)[0][0] == 1
    assert fuse("adaptive", lexical, dense, w_lex=0.4, w_dense=0.6, signals=loose)[0][0] == 2
