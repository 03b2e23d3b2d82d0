"""Normalisation for matching: numerals, 繁→简, width folding, article references."""

from __future__ import annotations

import pytest

from service.text.normalize import (
    arabize_article_refs,
    cn_to_int,
    fullwidth_to_halfwidth,
    int_to_cn,
    normalize_for_match,
    normalize_quote,
    to_simplified,
)


def test_int_cn_round_trip_1_to_200() -> None:
    for n in range(1, 201):
        assert cn_to_int(int_to_cn(n)) == n, n


@pytest.mark.parametrize(
    ("n", "numeral"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (32, "三十二"), (100, "一百"), (101, "一百零一"),
     (105, "一百零五"), (110, "一百一十"), (143, "一百四十三"), (1001, "一千零一"), (1010, "一千零一十")],
)  # fmt: skip
def test_int_to_cn_article_forms(n: int, numeral: str) -> None:
    assert int_to_cn(n) == numeral
    assert cn_to_int(numeral) == n


def test_cn_to_int_variants() -> None:
    assert cn_to_int("两百") == 200
    assert cn_to_int("二〇二四") == 2024
    assert cn_to_int("３２") == 32
    assert cn_to_int("一百十") == 110
    assert cn_to_int("") is None
    assert cn_to_int("党章") is None


def test_int_to_cn_out_of_range() -> None:
    with pytest.raises(ValueError):
        int_to_cn(-1)
    with pytest.raises(ValueError):
        int_to_cn(10000)


def test_traditional_to_simplified() -> None:
    assert to_simplified("兩個維護是什麼") == "两个维护是什么"
    assert to_simplified("黨的組織") == "党的组织"
    assert to_simplified("") == ""


def test_fullwidth_folding() -> None:
    assert fullwidth_to_halfwidth("ＡＢＣ１２３") == "ABC123"
    assert fullwidth_to_halfwidth("第一条\u3000内容") == "第一条 内容"
    assert fullwidth_to_halfwidth("句号。顿号、引号“”") == "句号。顿号、引号“”"


def test_arabize_article_refs() -> None:
    assert arabize_article_refs("党章第三十二条") == "党章第32条"
    assert arabize_article_refs("第一百零五条和第十五章、第二节") == "第105条和第15章、第2节"
    assert arabize_article_refs("第 32 条") == "第32条"
    assert arabize_article_refs("第一书记") == "第一书记"


def test_normalize_for_match_meets_both_spellings() -> None:
    assert normalize_for_match("黨章第三十二條") == normalize_for_match("党章第32条") == "党章第32条"
    assert normalize_for_match("ＡＢＣ") == "abc"


def test_normalize_quote_ignores_whitespace() -> None:
    assert normalize_quote("第一条　年满十八岁\n的中国工人") == normalize_quote("第1条年满十八岁的中国工人")
