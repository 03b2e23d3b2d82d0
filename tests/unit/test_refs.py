"""Article references: one numeral set, one ``ArticleRef``, one finder and formatter (service/text/refs.py)."""

from __future__ import annotations

import pytest

from service.text.refs import (
    ArticleRef,
    arabize_refs,
    article_line,
    article_no,
    cn_to_int,
    find_point,
    find_refs,
    first_ref,
    format_ref,
    heading_line,
    int_to_cn,
    leading_article_end,
    locator,
    parse_locator,
    ref_at,
    strip_points,
    trailing_article,
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


def test_arabize_refs() -> None:
    assert arabize_refs("党章第三十二条") == "党章第32条"
    assert arabize_refs("第一百零五条和第十五章、第二节") == "第105条和第15章、第2节"
    assert arabize_refs("第 32 条") == "第32条"
    assert arabize_refs("第一书记") == "第一书记"


@pytest.mark.parametrize(
    ("text", "ref", "written"),
    [
        ("宪法第一百零五条规定", ArticleRef("条", 105), "第一百零五条"),
        ("那第一百条呢", ArticleRef("条", 100), "第一百条"),
        ("第三条之一的内容", ArticleRef("条", 3, sub=1), "第三条之一"),
        ("刑法第一百七十七条之一", ArticleRef("条", 177, sub=1), "第一百七十七条之一"),
        ("党章第３２条", ArticleRef("条", 32), "第３２条"),
        ("黨章第三十二條", ArticleRef("条", 32), "第三十二條"),
        ("第 32 条", ArticleRef("条", 32), "第32条"),
        ("第二編 分則", ArticleRef("编", 2), "第二編"),
        ("第五章 党的基层组织", ArticleRef("章", 5), "第五章"),
        ("第一節", ArticleRef("节", 1), "第一節"),
        ("第二款", ArticleRef("款", 2), "第二款"),
        ("第（三）項", None, ""),
        ("第两百条", ArticleRef("条", 200), "第两百条"),
        ("第一〇五条", ArticleRef("条", 105), "第一〇五条"),
    ],
)
def test_find_refs_numerals_units_and_suffix(text: str, ref: ArticleRef | None, written: str) -> None:
    found = first_ref(text)
    if ref is None:
        assert found is None
        return
    assert found is not None
    assert found.ref == ref
    assert found.written == written


def test_spans_tell_whole_question_from_embedded_reference() -> None:
    q = "第一百零五条"
    m = first_ref(q)
    assert m is not None and (m.start, m.end) == (0, len(q))
    sentence = "依照宪法第一百零五条第二款的规定"
    refs = find_refs(sentence)
    assert [(r.ref.unit, r.ref.number) for r in refs] == [("条", 105), ("款", 2)]
    assert sentence[refs[0].start : refs[0].end] == "第一百零五条"
    assert refs[0].start == 4 and refs[1].end == len(sentence) - 3
    # 之 followed by a non-numeral is ordinary text, not a suffix.
    m = first_ref("第三条之规定")
    assert m is not None and m.ref.sub is None and m.end == 3
    # only 条 takes 之X
    m = first_ref("第三章之一")
    assert m is not None and m.ref == ArticleRef("章", 3) and m.core_end == m.end == 3


def test_article_no_and_units_filter() -> None:
    assert article_no("党章第十五章第三条") == 3
    assert article_no("第105条呢") == 105
    assert article_no("第一百零五条呢") == 105
    assert article_no("第十五章") is None
    assert article_no("第一书记") is None
    assert [r.ref.number for r in find_refs("第一章第二条第三条", "条")] == [2, 3]


def test_ref_at_only_at_position() -> None:
    assert ref_at("那第一百条呢", 1) is not None
    assert ref_at("那第一百条呢", 0) is None
    assert ref_at("第五章", 0, "条") is None


def test_format_and_locator() -> None:
    assert format_ref(ArticleRef("条", 105)) == "第一百零五条"
    assert format_ref(ArticleRef("条", 105, law="中华人民共和国宪法")) == "中华人民共和国宪法第一百零五条"
    assert format_ref(ArticleRef("条", 3, sub=1)) == "第三条之一"
    assert locator(100) == "第一百条"
    assert locator(5, "章") == "第五章"
    for n in (1, 10, 20, 100, 105, 110, 1001):
        assert parse_locator(locator(n)) == ArticleRef("条", n)


def test_parse_locator_whole_string_only() -> None:
    assert parse_locator("第三十二条") == ArticleRef("条", 32)
    assert parse_locator(" 第一百七十七条之一 ") == ArticleRef("条", 177, sub=1)
    assert parse_locator("第三十二條") == ArticleRef("条", 32)
    assert parse_locator("总纲 第3段") is None
    assert parse_locator("第三十二条第二款") is None


def test_arabize_keeps_suffix_and_traditional_unit() -> None:
    assert arabize_refs("刑法第一百七十七条之一") == "刑法第177条之一"
    assert arabize_refs("第３２條") == "第32條"


def test_article_line() -> None:
    m = article_line("第三条　党员必须履行下列义务：")
    assert m is not None and m.ref == ArticleRef("条", 3)
    assert article_line("第三条") is not None  # a bare article number on its own line
    m = article_line("第一百七十七条之一 内容")
    assert m is not None and m.ref == ArticleRef("条", 177, sub=1) and m.written == "第一百七十七条之一"
    m = article_line("第三條 黨員")
    assert m is not None and m.written == "第三條"
    assert article_line("第三条规定的内容") is None  # cross-reference at a line start
    assert article_line("依照第三条 规定") is None
    assert article_line("第五章 总则") is None
    assert article_line("第 三 条 内容") is None  # line-start article numbers are written without blanks


def test_leading_article_end() -> None:
    assert leading_article_end("第三条　党员必须") == 4
    assert leading_article_end("第三条之一 内容") == 6
    assert leading_article_end("第三条") == 0  # nothing after the number: not a prefix
    assert leading_article_end("党员必须") == 0


def test_heading_line() -> None:
    found = heading_line("第五章　党的基层组织")
    assert found is not None and found[0].ref == ArticleRef("章", 5) and found[1] == "党的基层组织"
    found = heading_line("第二編 分則")
    assert found is not None and found[0].ref.unit == "编" and found[0].written == "第二編"
    found = heading_line("第一节")
    assert found is not None and found[1] == ""
    assert heading_line("第五章规定了基层组织的任务，包括……") is None  # sentence punctuation
    assert heading_line("第三条 内容") is None
    assert heading_line("第五章" + "很" * 40) is None  # too long for a heading


def test_trailing_article() -> None:
    m = trailing_article("个体工商户条例第二条")
    assert m is not None and (m.ref.number, m.written) == (2, "第二条")
    m = trailing_article("刑法第一百七十七条之一")
    assert m is not None and m.ref == ArticleRef("条", 177, sub=1)
    assert trailing_article("第二条的规定") is None
    assert trailing_article("没有条号") is None


def test_points() -> None:
    assert find_point("党员的义务 第二点") == (2, 6, 9)
    assert find_point("那第3项是什么") == (3, 1, 4)
    assert find_point("第十二个") == (12, 0, 4)
    assert find_point("第三条") is None
    assert strip_points("党员的义务 第二点") == "党员的义务 "


def test_relative_article_and_missing_item_message() -> None:
    from service.text.refs import missing_item_message, relative_article

    assert relative_article("下一条呢？") == 1
    assert relative_article("那上一条是什么") == -1
    assert relative_article("后一条讲什么") == 1
    assert relative_article("下一条规定的期限是多久") is None
    assert relative_article("党员有哪些义务") is None
    assert (
        missing_item_message("中国共产党章程", 3, None, 8, 9)
        == "《中国共产党章程》第三条共八项，没有第九项。"
    )
    assert (
        missing_item_message("《问责条例》", 6, 1, 0, 2) == "《问责条例》第六条之一没有分项，无法提供第二项。"
    )
