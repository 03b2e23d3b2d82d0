"""Chinese word segmentation for the BM25 leg (index side and query side alike).

Why it is shaped like this:
- **Search-engine mode** (``cut_for_search``): a long word such as 全面从严治党 also yields its dictionary
  sub-words (从严, 治党), so a question that uses a shorter form still matches.
- **Article references stay one token**: input is ``normalize_for_match``-ed, so 第三十二条 arrived as
  第32条; jieba would cut it into 第 / 32 / 条 and the lookup signal would drown in common tokens.
- **Own ``jieba.Tokenizer`` per user dictionary**, never the global one: loading the Party-term dictionary
  must not change segmentation for any other user of jieba in the process, and two dictionaries (tests,
  a custom knowledge dir) can live side by side. The dictionary is loaded once, under a lock; after that
  ``cut_for_search`` only reads shared state, so concurrent ``tokenize`` calls are safe.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

import jieba

from service.text.refs import find_refs

# Function words that carry no retrieval signal. Kept small on purpose: 不 / 没有 change meaning.
STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "的 了 是 在 和 与 及 或 对 为 把 被 将 等 之 其 这 那 也 都 就 而 并 又 以 于 由 从 向 "
        "吗 呢 吧 啊 么 着 过 得 地 个 什么 怎么 怎样 如何 哪些 哪个 是否 请问 请 一下",
    )
)

# A token made only of punctuation, symbols or whitespace.
_NOISE_RE = re.compile(r"^[\W_]+$", re.UNICODE)


class Segmenter:
    """A jieba tokenizer with the knowledge base's user dictionary, built once and reused."""

    def __init__(self, userdict: Path | None = None) -> None:
        self.userdict = userdict
        self._tokenizer = jieba.Tokenizer()
        self._lock = threading.Lock()
        self._ready = False

    def _ensure_ready(self) -> jieba.Tokenizer:
        if not self._ready:
            with self._lock:
                if not self._ready:
                    jieba.setLogLevel(logging.WARNING)
                    self._tokenizer.initialize()
                    if self.userdict is not None:
                        self._tokenizer.load_userdict(str(self.userdict))
                    self._ready = True
        return self._tokenizer

    def words(self, text: str) -> list[str]:
        """Plain jieba words (precise mode), punctuation and whitespace dropped; for display and tests."""
        tok = self._ensure_ready()
        return [w for w in tok.cut(text, HMM=True) if w.strip() and not _NOISE_RE.match(w)]

    def tokenize(self, text: str) -> list[str]:
        """BM25 tokens of already-normalised text: search-mode words, whole article refs, no stopwords.

        Deterministic: the same text always gives the same tokens in the same order.
        """
        tok = self._ensure_ready()
        out: list[str] = []
        pos = 0
        for m in find_refs(text):  # 第32条 / 第5章 / 第2款 … (Arabic after normalisation): one token each
            out.extend(self._cut(tok, text[pos : m.start]))
            out.append(text[m.start : m.core_end])
            pos = m.core_end
        out.extend(self._cut(tok, text[pos:]))
        return out

    @staticmethod
    def _cut(tok: jieba.Tokenizer, piece: str) -> list[str]:
        if not piece.strip():
            return []
        return [
            w
            for w in tok.cut_for_search(piece, HMM=True)
            if w.strip() and not _NOISE_RE.match(w) and w not in STOPWORDS
        ]


@lru_cache(maxsize=4)
def _cached_segmenter(userdict: Path | None) -> Segmenter:
    return Segmenter(userdict)


def default_segmenter(knowledge_dir: Path) -> Segmenter:
    """The process-wide segmenter for a knowledge directory (its ``userdict.txt`` when present)."""
    path = (knowledge_dir / "userdict.txt").resolve()
    return _cached_segmenter(path if path.is_file() else None)


def tokenize(text: str) -> list[str]:
    """Tokens with jieba's own dictionary only (no user dictionary); prefer a ``Segmenter``."""
    return _cached_segmenter(None).tokenize(text)
