"""Okapi BM25 over jieba tokens of normalised chunk text, as a scipy sparse matrix.

Why our own BM25: the lexical leg must see exactly the tokens ``Segmenter`` produces from
``lexical_text`` (繁→简, 第32条 …), stay fast on 100k chunks (one sparse row-slice and sum per query,
no Python loop over documents), honour metadata filters as a boolean mask, and persist beside the
generation it belongs to. We persist raw term frequencies (not weights) so ``k1``/``b`` can be tuned
at load time without re-tokenising.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy import sparse

from service.config import Settings

if TYPE_CHECKING:
    from service.text.segment import Segmenter

# Tokens that carry no retrieval signal: punctuation, whitespace and the commonest function words.
_PUNCT_RE = re.compile(r"^[\W_]+$", re.UNICODE)
STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "的 了 和 与 及 或 是 在 对 为 把 被 将 等 之 其 这 那 也 都 就 而 并 又 以 于 由 从 向 中 上 下 吗 "
        "呢 吧 啊 么 什么 怎么 怎样 如何 哪些 哪个 是否 有 没有 一个 可以 应当 应该 我 我们 你 他 她 它 请问 问 请 一下",
    )
)

NPZ_NAME = "bm25.npz"
JSON_NAME = "bm25.json"


def segmenter_for(settings: Settings) -> Segmenter:
    """The process-wide segmenter for the configured knowledge dir (its ``userdict.txt``), shared by
    ingest and queries so both sides cut words identically."""
    from service.text.segment import default_segmenter

    return default_segmenter(settings.knowledge_dir)


def informative_tokens(tokens: Sequence[str]) -> list[str]:
    """Drop punctuation, whitespace and stopwords; keep order and duplicates."""
    return [t for t in tokens if t.strip() and not _PUNCT_RE.match(t) and t not in STOPWORDS]


class BM25Index:
    """BM25 scores for a fixed list of documents (chunks), addressed by position."""

    def __init__(
        self,
        tf: sparse.csr_matrix,
        vocab: dict[str, int],
        *,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        self.tf = tf.tocsr().astype(np.float32)  # rows: documents, cols: terms
        self.vocab = vocab
        self.n_docs = int(self.tf.shape[0])
        self.k1 = k1
        self.b = b
        df = np.bincount(self.tf.indices, minlength=self.tf.shape[1]).astype(np.float64)
        # Lucene's non-negative idf variant: rare terms dominate, a term in every chunk still counts a bit.
        self.idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.doc_len = np.asarray(self.tf.sum(axis=1)).ravel().astype(np.float32)
        self._weights = self._build_weights()

    # --- construction -----------------------------------------------------------------------------
    @classmethod
    def build(cls, docs_tokens: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75) -> BM25Index:
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[int] = []
        for row, tokens in enumerate(docs_tokens):
            for term, count in Counter(informative_tokens(tokens)).items():
                col = vocab.setdefault(term, len(vocab))
                rows.append(row)
                cols.append(col)
                vals.append(count)
        shape = (len(docs_tokens), max(1, len(vocab)))
        tf = sparse.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (np.asarray(rows), np.asarray(cols))), shape=shape
        )
        return cls(tf, vocab, k1=k1, b=b)

    def _build_weights(self) -> sparse.csr_matrix:
        """Term-major matrix of per-(term, doc) BM25 contributions, so a query is a row sum."""
        if self.n_docs == 0:
            return sparse.csr_matrix((self.tf.shape[1], 0), dtype=np.float32)
        avgdl = float(self.doc_len.mean()) or 1.0
        coo = self.tf.tocoo()
        tf = coo.data
        norm = self.k1 * (1.0 - self.b + self.b * self.doc_len[coo.row] / avgdl)
        w = self.idf[coo.col] * tf * (self.k1 + 1.0) / (tf + norm)
        m = sparse.csr_matrix(
            (w.astype(np.float32), (coo.col, coo.row)), shape=(self.tf.shape[1], self.n_docs)
        )
        return m

    # --- queries ----------------------------------------------------------------------------------
    def query_terms(self, tokens: Sequence[str]) -> list[int]:
        """Vocabulary ids of the query's informative tokens (unknown tokens dropped, duplicates kept)."""
        return [self.vocab[t] for t in informative_tokens(tokens) if t in self.vocab]

    def scores(
        self, tokens: Sequence[str], expansion: Mapping[str, float] | None = None
    ) -> npt.NDArray[np.float32]:
        """Dense score vector over all documents (zeros where no query term occurs).

        ``expansion`` adds weighted extra query terms (``service/rag/vocab_map.py``): term → query weight,
        on top of the tokens' own counts."""
        counts: Counter[int] = Counter(self.query_terms(tokens))
        weights: dict[int, float] = {i: float(c) for i, c in counts.items()}
        for term, w in sorted((expansion or {}).items()):
            col = self.vocab.get(term)
            if col is not None and w > 0:
                weights[col] = weights.get(col, 0.0) + w
        if not weights or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        uniq = np.fromiter(weights.keys(), dtype=np.int64)
        qtf = np.fromiter(weights.values(), dtype=np.float32)
        sub = self._weights[uniq]
        return np.asarray(sub.T @ qtf, dtype=np.float32).ravel()

    def term_rows(self, cols: Sequence[int]) -> npt.NDArray[np.float32]:
        """Dense ``(len(cols), n_docs)`` BM25 contributions of the given vocabulary ids (0 = absent)."""
        return np.asarray(self._weights[list(cols)].toarray(), dtype=np.float32)

    def search(
        self,
        tokens: Sequence[str],
        k: int,
        mask: npt.NDArray[np.bool_] | None = None,
        expansion: Mapping[str, float] | None = None,
    ) -> list[tuple[int, float]]:
        """Top-``k`` ``(document position, score)`` with score > 0, best first; ``mask`` keeps rows."""
        s = self.scores(tokens, expansion)
        if mask is not None:
            s = np.where(mask, s, 0.0).astype(np.float32)
        positive = np.flatnonzero(s > 0)
        if positive.size == 0 or k <= 0:
            return []
        if positive.size > k:
            part = np.argpartition(-s[positive], k - 1)[:k]
            positive = positive[part]
        order = positive[np.lexsort((positive, -s[positive]))]
        return [(int(i), float(s[i])) for i in order]

    def coverage(self, tokens: Sequence[str], doc: int) -> float:
        """Share of the query's idf mass whose terms occur in ``doc`` (0..1): how fully it matches.

        Unknown query tokens count with the maximum idf, so a query of words the corpus never uses
        is not mistaken for a perfect lexical match.
        """
        toks = list(dict.fromkeys(informative_tokens(tokens)))
        if not toks:
            return 0.0
        max_idf = math.log1p((self.n_docs + 0.5) / 0.5)
        row = self.tf.getrow(doc)
        present = set(row.indices.tolist())
        total = hit = 0.0
        for t in toks:
            col = self.vocab.get(t)
            w = float(self.idf[col]) if col is not None else max_idf
            total += w
            if col is not None and col in present:
                hit += w
        return hit / total if total else 0.0

    # --- persistence ------------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        sparse.save_npz(directory / NPZ_NAME, self.tf.tocsr(), compressed=True)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        payload = {"k1": self.k1, "b": self.b, "n_docs": self.n_docs, "terms": terms}
        (directory / JSON_NAME).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, *, k1: float | None = None, b: float | None = None) -> BM25Index:
        payload = json.loads((directory / JSON_NAME).read_text(encoding="utf-8"))
        tf = sparse.load_npz(directory / NPZ_NAME).tocsr()
        vocab = {t: i for i, t in enumerate(payload["terms"])}
        return cls(
            tf,
            vocab,
            k1=float(payload["k1"] if k1 is None else k1),
            b=float(payload["b"] if b is None else b),
        )
