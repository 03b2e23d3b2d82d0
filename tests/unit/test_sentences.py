"""Chinese sentence boundaries with exact offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from service.text.sentences import sentence_spans, split_sentences


def test_basic_terminators_kept() -> None:
    text = "第一句。第二句！第三句？第四句；第五句"
    assert split_sentences(text) == ["第一句。", "第二句！", "第三句？", "第四句；", "第五句"]


def test_newline_breaks_and_whitespace_dropped() -> None:
    assert split_sentences("标题\n\n  正文第一句。正文第二句\n") == ["标题", "正文第一句。", "正文第二句"]


def test_no_split_inside_quotes_or_brackets() -> None:
    text = "誓词如下：“我志愿加入中国共产党。拥护党的纲领。”随后宣誓。必须（一）遵守纪律。（二）保守秘密。）结束。"
    assert split_sentences(text) == [
        "誓词如下：“我志愿加入中国共产党。拥护党的纲领。”",
        "随后宣誓。",
        "必须（一）遵守纪律。",
        "（二）保守秘密。）",  # a stray closer after 。 stays with its sentence
        "结束。",
    ]
    assert split_sentences("他说「好。走吧！」然后离开。") == ["他说「好。走吧！」", "然后离开。"]


def test_closing_quote_and_repeated_terminators_stay() -> None:
    assert split_sentences("“欲筑室者,先治其基。”基层是基础。真的吗？！是的。") == [
        "“欲筑室者,先治其基。”",
        "基层是基础。",
        "真的吗？！",
        "是的。",
    ]


def test_unbalanced_quote_does_not_swallow_following_lines() -> None:
    assert split_sentences("他说“没有结束。\n下一段。再一句。") == ["他说“没有结束。", "下一段。", "再一句。"]


def test_ascii_variants() -> None:
    assert split_sentences("What? Yes! ok; 3.14 stays") == ["What?", "Yes!", "ok;", "3.14 stays"]


def test_spans_point_into_text() -> None:
    text = "  第六条　预备党员必须面向党旗进行入党宣誓。\n誓词如下：我志愿加入中国共产党。 "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "第六条　预备党员必须面向党旗进行入党宣誓。",
        "誓词如下：我志愿加入中国共产党。",
    ]


@given(st.text(alphabet="党的章程。！？；“”（）「」 \n甲乙,", max_size=80))
def test_spans_cover_all_non_whitespace(text: str) -> None:
    spans = sentence_spans(text)
    pos = 0
    for s, e in spans:
        assert pos <= s < e
        assert text[pos:s].strip() == ""
        piece = text[s:e]
        assert piece == piece.strip() and piece
        pos = e
    assert text[pos:].strip() == ""
    assert "".join(split_sentences(text)) == "".join(text[s:e] for s, e in spans)
