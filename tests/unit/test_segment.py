"""jieba segmentation for BM25: Party terms whole, article refs whole, stopwords and punctuation gone."""

from __future__ import annotations

import threading
from pathlib import Path

from service.config import REPO_ROOT
from service.text.normalize import normalize_for_match
from service.text.segment import STOPWORDS, Segmenter, default_segmenter

USERDICT = REPO_ROOT / "knowledge" / "userdict.txt"


def _seg() -> Segmenter:
    return default_segmenter(REPO_ROOT / "knowledge")


def test_userdict_is_large_enough_and_well_formed() -> None:
    lines = [ln.split() for ln in USERDICT.read_text(encoding="utf-8").splitlines() if ln.strip()]
    words = [parts[0] for parts in lines]
    assert len(words) >= 60
    assert len(set(words)) == len(words)
    assert all(len(parts) == 3 and parts[1].isdigit() for parts in lines)
    for term in (
        "两个维护",
        "四个意识",
        "三会一课",
        "第一议题",
        "软弱涣散",
        "两新组织",
        "一岗双责",
        "民主集中制",
    ):
        assert term in words


def test_party_terms_stay_whole() -> None:
    seg = _seg()
    text = normalize_for_match("严格落实三会一课和第一议题制度，坚决做到两个维护，整顿软弱涣散党组织")
    tokens = seg.tokenize(text)
    for term in ("三会一课", "第一议题", "两个维护", "软弱涣散"):
        assert term in tokens


def test_without_userdict_terms_are_cut() -> None:
    """The user dictionary is what keeps 三会一课 whole (and it does not leak into other tokenizers)."""
    plain = Segmenter(None)
    assert "三会一课" not in plain.tokenize("落实三会一课")
    assert "三会一课" in _seg().tokenize("落实三会一课")


def test_article_refs_stay_whole_and_numbers_kept() -> None:
    tokens = _seg().tokenize(normalize_for_match("党章第三十二条规定了什么？2024年"))
    assert "第32条" in tokens
    assert "2024" in tokens
    assert "党章" in tokens


def test_stopwords_and_punctuation_dropped() -> None:
    tokens = _seg().tokenize(normalize_for_match("党的基层组织是党在社会基层组织中的战斗堡垒。“！？”"))
    assert not set(tokens) & STOPWORDS
    assert all(t.strip() and any(ch.isalnum() for ch in t) for t in tokens)


def test_search_mode_adds_subwords() -> None:
    tokens = _seg().tokenize("全面从严治党")
    assert "全面从严治党" in tokens
    assert "从严" in tokens


def test_deterministic_and_thread_safe() -> None:
    seg = Segmenter(USERDICT)
    text = normalize_for_match("中国共产党以马克思列宁主义、毛泽东思想、邓小平理论作为自己的行动指南。第十条")
    expected = seg.tokenize(text)
    results: list[list[str]] = []

    def work() -> None:
        for _ in range(20):
            results.append(seg.tokenize(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80
    assert all(r == expected for r in results)


def test_default_segmenter_is_cached(tmp_path: Path) -> None:
    assert default_segmenter(REPO_ROOT / "knowledge") is default_segmenter(REPO_ROOT / "knowledge")
    assert default_segmenter(tmp_path).userdict is None
