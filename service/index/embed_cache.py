"""Content-addressed embedding cache (SQLite), so unchanged text is never embedded twice.

Embedding the 11k-article LeCoQA corpus with e5-small takes ~15 minutes on 2 cores; re-ingesting an
unchanged corpus must cost nothing. Keys are ``sha256(model name, embed text)``, so a changed chunk, a
changed context line or another model all miss, while a chunk that moved between documents still hits.
SQLite gives atomic, concurrent-reader-safe writes for free.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from service.backends.base import Embedder, Vector


def cache_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), check_same_thread=False, timeout=60)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, model TEXT NOT NULL, dim INTEGER NOT NULL,"
            " vec BLOB NOT NULL)"
        )
        self._conn.commit()

    def close(self) -> None:
        self._conn.close()

    def get_many(self, keys: Sequence[str]) -> dict[str, Vector]:
        found: dict[str, Vector] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                marks = ",".join("?" * len(part))
                rows = self._conn.execute(f"SELECT key, vec FROM emb WHERE key IN ({marks})", part)
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def put_many(self, model: str, items: Iterable[tuple[str, Vector]]) -> None:
        rows = [(k, model, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items]
        with self._lock:
            self._conn.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?, ?, ?)", rows)
            self._conn.commit()

    def count(self, model: str | None = None) -> int:
        with self._lock:
            if model is None:
                return int(self._conn.execute("SELECT COUNT(*) FROM emb").fetchone()[0])
            return int(self._conn.execute("SELECT COUNT(*) FROM emb WHERE model=?", (model,)).fetchone()[0])


class EmbedStats:
    """Counts what an ingest actually embedded (tests assert 0 on an unchanged corpus)."""

    def __init__(self) -> None:
        self.cached = 0
        self.embedded = 0


def embed_with_cache(
    embedder: Embedder,
    cache: EmbeddingCache,
    texts: Sequence[str],
    *,
    batch_size: int = 32,
    stats: EmbedStats | None = None,
    progress: Callable[[int], None] | None = None,
) -> Vector:
    """Embed ``texts`` as passages, taking what the cache has and storing what it computes.

    New vectors are written to the cache batch by batch, so an interrupted run keeps its work.
    """
    keys = [cache_key(embedder.name, t) for t in texts]
    have = cache.get_many(list(dict.fromkeys(keys)))
    missing = [i for i, k in enumerate(keys) if k not in have]
    # Deduplicate identical texts inside the batch too.
    todo: dict[str, int] = {}
    for i in missing:
        todo.setdefault(keys[i], i)
    todo_items = list(todo.items())
    if stats is not None:
        stats.cached += len(texts) - len(missing)
        stats.embedded += len(todo_items)
    if progress is not None and len(texts) - len(missing):
        progress(len(texts) - len(missing))
    # How many input positions each unique missing key stands for, so progress adds up to len(texts).
    multiplicity: dict[str, int] = {}
    for i in missing:
        multiplicity[keys[i]] = multiplicity.get(keys[i], 0) + 1
    for start in range(0, len(todo_items), batch_size):
        part = todo_items[start : start + batch_size]
        vecs = embedder.embed_documents([texts[i] for _, i in part])
        new = [(k, vecs[j]) for j, (k, _) in enumerate(part)]
        cache.put_many(embedder.name, new)
        have.update(new)
        if progress is not None:
            progress(sum(multiplicity[k] for k, _ in part))
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([have[k] for k in keys]).astype(np.float32)
