"""Decoding of text files whose encoding nobody declared: UTF-8 (± BOM), GB18030/GBK, Big5, else a guess.

Why not just charset-normalizer: on short Chinese files it often prefers a wrong legacy code page, and
Big5 bytes almost always *decode* as GB18030 too (into rare characters and private-use code points). So
the Chinese candidates are tried strictly first and the winner is the decoding whose non-ASCII characters
are most often among the common characters of either script (GB2312 level 1 ∪ Big5 frequent set).
charset-normalizer is the fallback for everything else. Binary content (control bytes, NULs) is refused
with ``BinaryFile`` instead of being decoded into garbage.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from service.errors import BinaryFile

CHINESE_CANDIDATES = ("gb18030", "big5")
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_MIN_COMMON_RATIO = 0.5


@lru_cache(maxsize=1)
def common_cjk() -> frozenset[str]:
    """About 9,000 frequent characters: GB2312 level 1 (simplified) and Big5 frequent (traditional)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _common_ratio(text: str) -> float:
    wide = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    if not wide:
        return 1.0
    common = common_cjk()
    # CJK punctuation and full-width forms are common in every Chinese text.
    good = sum(1 for ch in wide if ch in common or 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF)
    return good / len(wide)


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 1 % control bytes other than tab/newline/form feed: not a text file."""
    if not data:
        return False
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls > len(sample) / 100


def decode_bytes(data: bytes) -> str:
    """Decode text bytes; raises ``BinaryFile`` when they are not text in any plausible encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if looks_binary(data):
        raise BinaryFile()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    scored: list[tuple[float, int, str]] = []
    for rank, encoding in enumerate(CHINESE_CANDIDATES):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_common_ratio(text), -rank, text))
    if scored:
        ratio, _, text = max(scored)
        if ratio >= _MIN_COMMON_RATIO:
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryFile("文件内容无法识别为文本（编码无法判断），可能是二进制文件。")
    return str(best)
