"""Chinese sentence boundaries with exact offsets, so answers and quotes can cite source text verbatim.

Rules (why): a sentence ends after 。！？；(and the ASCII ``! ? ;``) or at a line break. A terminator
inside “…” 「…」 （…） 《…》 【…】 does not end the sentence, because a quoted 誓词 or a parenthetical
must stay whole; closing marks right after a terminator (``。”``) belong to the sentence they close.
A line break always ends a sentence and resets the quote depth: one unbalanced quote in a web page must
not swallow the rest of the document. Spans exclude surrounding whitespace, and everything outside the
spans is whitespace, so ``text[s:e]`` is always an exact, clean quote.
"""

from __future__ import annotations

TERMINATORS = frozenset("。！？；!?;")
OPENERS = frozenset("“‘「『（(《〈【〔［")
CLOSERS = frozenset("”’」』）)》〉】〕］")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each sentence in ``text``; whitespace-only pieces are left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    ended = False  # a terminator was seen at depth 0; closers may still follow it
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n" or ch == "\r":
            _emit(text, start, i, spans)
            start, depth, ended = i + 1, 0, False
        elif ended and (ch in CLOSERS or ch in TERMINATORS):
            pass  # 。” and ？！ — closing marks and repeated terminators stay with their sentence
        elif ended:
            _emit(text, start, i, spans)
            start, ended = i, False
            continue  # re-read this character as the start of the next sentence
        elif ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(depth - 1, 0)
            if depth == 0 and i > 0 and text[i - 1] in TERMINATORS:
                ended = True  # “……。” closes a whole quoted sentence
        elif ch in TERMINATORS and depth == 0:
            ended = True
        i += 1
    _emit(text, start, n, spans)
    return spans


def _emit(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as exact substrings (see ``sentence_spans``)."""
    return [text[s:e] for s, e in sentence_spans(text)]
