"""Normalisation used for *matching only*: the original text is what is stored, shown and quoted.

``normalize_for_match`` is applied identically on the index side and the query side, so a traditional
Chinese question (「兩個維護是什麼」) meets simplified source text, a full-width ``ＡＢＣ１２３`` meets
``ABC123`` and ``第32条`` meets ``第三十二条``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_DIGIT_CHARS = "零〇○一二两兩三四五六七八九十百千"
CN_NUMERAL_RE = f"[{_DIGIT_CHARS}]+"

# Article references such as 第三十二条 / 第32条 / 第 32 條 / 第十五章; captures the number and the unit.
ARTICLE_REF_RE = re.compile(rf"第\s*({CN_NUMERAL_RE}|\d+)\s*([条條章节節编編款项項])")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    # 't2s' converts characters only; phrase-level Taiwan/HK variants are not wanted for legal text.
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC). Length-preserving for the characters we meet."""
    if not text:
        return text
    return str(_t2s().convert(text))


def fullwidth_to_halfwidth(text: str) -> str:
    """Full-width ASCII variants (Ａ, １, ＃) and the ideographic space become their ASCII forms.

    Full-width punctuation in that block (，！？；：（）) folds to ASCII too, so both spellings of a
    quote match; CJK punctuation outside it (。、“”《》) is kept, and with it sentence structure.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            out.append(" ")
        elif 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def cn_to_int(numeral: str) -> int | None:
    """Parse a Chinese numeral (三十二, 一百零五, 二〇二四, 十) or Arabic digits into an int."""
    s = numeral.strip()
    if not s:
        return None
    if s.isdigit():
        return int(unicodedata.normalize("NFKC", s))
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in s):
        return None
    if not any(ch in _CN_UNITS for ch in s):
        # Digit-by-digit form such as 二〇二四.
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            total += (current or 1) * unit
            current = 0
    return total + current


def int_to_cn(n: int) -> str:
    """Render an int as the Chinese numeral used in article numbers (32 → 三十二, 105 → 一百零五)."""
    if n < 0 or n >= 10000:
        raise ValueError("article numerals are written for 0..9999 only")
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    parts: list[str] = []
    units = [(1000, "千"), (100, "百"), (10, "十")]
    rest = n
    zero_pending = False
    for value, name in units:
        q, rest = divmod(rest, value)
        if q:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(digits[q] + name)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending or (parts and n % 100 < 10 and n >= 100):
            parts.append("零")
        parts.append(digits[rest])
    return "".join(parts)


def arabize_article_refs(text: str) -> str:
    """第三十二条 → 第32条 (and 章/节/编/款/项) so both spellings match the same tokens."""

    def repl(m: re.Match[str]) -> str:
        n = cn_to_int(m.group(1))
        return m.group(0) if n is None else f"第{n}{m.group(2)}"

    return ARTICLE_REF_RE.sub(repl, text)


def normalize_for_match(text: str) -> str:
    """The one normalisation used by the lexical index, dense queries, lookups and quote checks.

    NFKC-like width folding, 繁→简, lower-casing of Latin letters, Arabic article numbers, and no stray
    spaces between Chinese characters or between a number and a Chinese character (``3 人以上`` matches
    ``3人以上``).
    """
    t = fullwidth_to_halfwidth(text)
    t = to_simplified(t)
    t = t.replace("條", "条").replace("節", "节").replace("編", "编")
    t = arabize_article_refs(t)
    t = _STRAY_SPACE_RE.sub("", t)
    return t.lower()


# Spaces a text extraction left between Chinese characters or between a number and a Chinese character
# ("3 人以上", "讲话 精神", "2018 年 10 月"): no Chinese text separates words with them, so matching
# ignores them (quotes keep the original text). Spaces between Latin words stay.
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_STRAY_SPACE_RE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}\d])|(?<=\d)[ \t]+(?=[{_CJK}])")


def normalize_quote(text: str) -> str:
    """Normalisation for verbatim-quote checks: matching form minus whitespace.

    A quote is "verbatim" when it equals a substring of the source after 繁简 and width folding;
    whitespace differences (line breaks inside an article) never count as a change of wording.
    """
    return re.sub(r"\s+", "", normalize_for_match(text))
