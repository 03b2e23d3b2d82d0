"""Normalisation used for *matching only*: the original text is what is stored, shown and quoted.

``normalize_for_match`` is applied identically on the index side and the query side, so a traditional
Chinese question (「兩個維護是什麼」) meets simplified source text, a full-width ``ＡＢＣ１２３`` meets
``ABC123`` and ``第32条`` meets ``第三十二条``.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Numerals and article references live in refs.py; re-exported here for existing callers.
from service.text.refs import arabize_refs
from service.text.refs import cn_to_int as cn_to_int
from service.text.refs import int_to_cn as int_to_cn


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    # 't2s' converts characters only; phrase-level Taiwan/HK variants are not wanted for legal text.
    return opencc.OpenCC("t2s")


# Variants OpenCC's character table (t2s) leaves as they are although the texts write the standard form: the
# Hong Kong 衞 (衛 → 卫), the old 鬪/鬭 (斗), 粧 (妆), and 甚麼, the Taiwan and Hong Kong spelling of 什么, which t2s
# turns into 甚么 (so "黨的宗旨是甚麼" would ask nothing). Same length on both sides: positions still line up.
_VARIANTS = (("甚么", "什么"), ("衞", "卫"), ("鬪", "斗"), ("鬭", "斗"), ("粧", "妆"))


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC t2s, then ``_VARIANTS``). Length-preserving for the characters we
    meet."""
    if not text:
        return text
    out = str(_t2s().convert(text))
    for variant, standard in _VARIANTS:
        if variant in out:
            out = out.replace(variant, standard)
    return out


# U+3000 → space, U+FF01..U+FF5E → U+0021..U+007E (one C-level translate instead of a Python loop).
_HALFWIDTH = {0x3000: " ", **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}}


def fullwidth_to_halfwidth(text: str) -> str:
    """Full-width ASCII variants (Ａ, １, ＃) and the ideographic space become their ASCII forms.

    Full-width punctuation in that block (，！？；：（）) folds to ASCII too, so both spellings of a
    quote match; CJK punctuation outside it (。、“”《》) is kept, and with it sentence structure.
    """
    return text.translate(_HALFWIDTH)


@lru_cache(maxsize=65536)
def normalize_for_match(text: str) -> str:
    """The one normalisation used by the lexical index, dense queries, lookups and quote checks.

    NFKC-like width folding, 繁→简, lower-casing of Latin letters, Arabic article numbers, and no stray
    spaces between Chinese characters or between a number and a Chinese character (``3 人以上`` matches
    ``3人以上``).

    Memoised (a pure function of ``text``): answering one question normalised the same chunk texts
    hundreds of times, 46 ms of a 180 ms ask (cProfile over the dev set, issue 17). The bound keeps the
    cache to a few tens of MiB on the 11k-article LeCoQA corpus.
    """
    t = fullwidth_to_halfwidth(text)
    t = to_simplified(t)
    t = t.replace("條", "条").replace("節", "节").replace("編", "编")
    t = arabize_refs(t)
    t = _STRAY_SPACE_RE.sub("", t)
    return t.lower()


# Spaces a text extraction left between Chinese characters or between a number and a Chinese character
# ("3 人以上", "讲话 精神", "2018 年 10 月"): no Chinese text separates words with them, so matching
# ignores them (quotes keep the original text). Spaces between Latin words stay.
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_STRAY_SPACE_RE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}\d])|(?<=\d)[ \t]+(?=[{_CJK}])")


@lru_cache(maxsize=16384)
def normalize_quote(text: str) -> str:
    """Normalisation for verbatim-quote checks: matching form minus whitespace.

    A quote is "verbatim" when it equals a substring of the source after 繁简 and width folding;
    whitespace differences (line breaks inside an article) never count as a change of wording.
    """
    return _WHITESPACE_RE.sub("", normalize_for_match(text))


_WHITESPACE_RE = re.compile(r"\s+")
