"""Normalisation for matching: numerals, 繁→简, width folding, article references."""

from __future__ import annotations

from service.text.normalize import (
    fullwidth_to_halfwidth,
    normalize_for_match,
    normalize_quote,
    to_simplified,
)


def test_traditional_to_simplified() -> None:
    assert to_simplified("兩個維護是什麼") == "两个维护是什么"
    assert to_simplified("黨的組織") == "党的组织"
    assert to_simplified("") == ""


def test_fullwidth_folding() -> None:
    assert fullwidth_to_halfwidth("ＡＢＣ１２３") == "ABC123"
    assert fullwidth_to_halfwidth("第一条\u3000内容") == "第一条 内容"
    assert fullwidth_to_halfwidth("句号。顿号、引号“”") == "句号。顿号、引号“”"


def test_normalize_for_match_meets_both_spellings() -> None:
    assert normalize_for_match("黨章第三十二條") == normalize_for_match("党章第32条") == "党章第32条"
    assert normalize_for_match("ＡＢＣ") == "abc"


def test_normalize_quote_ignores_whitespace() -> None:
    assert normalize_quote("第一条　年满十八岁\n的中国工人") == normalize_quote("第1条年满十八岁的中国工人")


def test_stray_spaces_from_extraction_do_not_block_matching() -> None:
    """支部工作条例 keeps "3 人以上" from its PDF extraction: "3人以上" must match it; quotes keep the space."""
    from service.text.normalize import normalize_for_match, normalize_quote

    assert normalize_for_match("凡是有正式党员 3 人以上的") == normalize_for_match("凡是有正式党员3人以上的")
    assert normalize_for_match("讲话 精神") == "讲话精神"
    assert normalize_for_match("自 2018 年 10 月 28 日起施行") == "自2018年10月28日起施行"
    assert normalize_for_match("MIT License 许可") == "mit license 许可"  # Latin words keep their spaces
    assert normalize_quote("3 人以上") == normalize_quote("3人以上")
