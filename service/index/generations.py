"""Index generations: immutable, complete snapshots of the knowledge index, swapped atomically.

Why generations: an ingest that dies half-way (exception, kill -9, full disk) must never leave readers
with a mixture of old and new chunks, BM25 and vectors. Each ingest that changes something writes a
whole new directory ``<data_dir>/index/gen-<timestamp>-<rand>/`` plus a Chroma collection of the same
name, writes ``meta.json`` last (its presence marks the generation complete), and only then replaces the
one-line ``CURRENT`` pointer with ``os.replace`` (atomic on POSIX). Readers open whatever ``CURRENT``
names, as a whole. The previous generation is kept for safety (a reader may still hold it); older and
half-written ones are removed by the next ingest.

Files of a generation: ``chunks.jsonl`` (document order), ``docs.json`` (``DocInfo`` list),
``texts.jsonl`` (full cleaned document texts, for quote verification), ``bm25.npz``/``bm25.json`` and
``meta.json``.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from service.backends.base import Embedder, VectorStore
from service.config import Settings
from service.errors import ChunkNotFound, DocumentNotFound, IndexNotReady
from service.index.lexical import BM25Index
from service.schemas import Chunk, DocInfo, SearchFilters

log = logging.getLogger(__name__)

INDEX_FORMAT = 1
CURRENT_NAME = "CURRENT"
GEN_PREFIX = "gen-"
META_NAME = "meta.json"
CHUNKS_NAME = "chunks.jsonl"
DOCS_NAME = "docs.json"
TEXTS_NAME = "texts.jsonl"


class GenerationMeta(BaseModel):
    name: str
    format: int = INDEX_FORMAT
    embedder: str
    dim: int
    collection: str
    created: str
    n_docs: int
    n_chunks: int


def new_generation_name() -> str:
    """Sortable by creation time, unique across concurrent processes thanks to the random suffix."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return f"{GEN_PREFIX}{stamp}-{secrets.token_hex(3)}"


# --- the CURRENT pointer ----------------------------------------------------------------------------
def read_current(index_root: Path) -> str | None:
    try:
        name = (index_root / CURRENT_NAME).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durable(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` atomically: temp file, fsync, ``os.replace``, fsync the directory."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def write_current(index_root: Path, name: str) -> None:
    write_durable(index_root / CURRENT_NAME, name + "\n")


def list_generations(index_root: Path) -> list[str]:
    if not index_root.is_dir():
        return []
    return sorted(p.name for p in index_root.iterdir() if p.is_dir() and p.name.startswith(GEN_PREFIX))


def is_complete(gen_dir: Path) -> bool:
    return (gen_dir / META_NAME).is_file()


def cleanup_generations(settings: Settings, keep: Iterable[str]) -> list[str]:
    """Remove every generation directory (and its Chroma collection) not in ``keep``.

    Only called while holding the ingest lock, so nothing is being written concurrently. Collections
    are dropped by the names of directories we own, never by listing the server (a shared Chroma
    server may hold other deployments' generations).
    """
    from service.backends.vectorstore import drop_collection

    keep_set = set(keep)
    removed: list[str] = []
    for name in list_generations(settings.index_root):
        if name in keep_set:
            continue
        try:
            drop_collection(settings, name)
        except Exception:  # the directory goes anyway; a leftover collection is harmless
            log.warning("could not drop chroma collection %s", name, exc_info=True)
        shutil.rmtree(settings.index_root / name, ignore_errors=True)
        removed.append(name)
    return removed


def previous_generation(index_root: Path, current: str | None) -> str | None:
    """The newest complete generation older than ``current`` (kept after a swap for safety)."""
    if current is None:
        return None
    older = [g for g in list_generations(index_root) if g < current and is_complete(index_root / g)]
    return older[-1] if older else None


# --- writing -----------------------------------------------------------------------------------------
def write_generation_files(
    gen_dir: Path,
    docs: list[DocInfo],
    chunks: list[Chunk],
    texts: dict[str, str],
    lexical: BM25Index,
) -> None:
    """Write everything except ``meta.json`` (written last by ``finish_generation``)."""
    gen_dir.mkdir(parents=True, exist_ok=True)
    with open(gen_dir / CHUNKS_NAME, "w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(c.model_dump_json() + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    with open(gen_dir / TEXTS_NAME, "w", encoding="utf-8") as fh:
        for doc_id, text in texts.items():
            fh.write(json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    payload = json.dumps([d.model_dump(mode="json") for d in docs], ensure_ascii=False, indent=1)
    write_durable(gen_dir / DOCS_NAME, payload)
    lexical.save(gen_dir)


def finish_generation(gen_dir: Path, meta: GenerationMeta) -> None:
    write_durable(gen_dir / META_NAME, meta.model_dump_json(indent=1))


# --- reading -----------------------------------------------------------------------------------------
class KnowledgeIndex:
    """One opened, immutable generation: documents, chunks, texts, the BM25 index and the vectors."""

    def __init__(self, settings: Settings, gen_dir: Path) -> None:
        if not is_complete(gen_dir):
            raise IndexNotReady()
        self.settings = settings
        self.path = gen_dir
        self.meta = GenerationMeta.model_validate_json((gen_dir / META_NAME).read_text(encoding="utf-8"))
        self.generation = self.meta.name
        docs_raw = json.loads((gen_dir / DOCS_NAME).read_text(encoding="utf-8"))
        self._docs = [DocInfo.model_validate(d) for d in docs_raw]
        self._doc_by_id = {d.doc_id: d for d in self._docs}
        with open(gen_dir / CHUNKS_NAME, encoding="utf-8") as fh:
            self._chunks = [Chunk.model_validate_json(line) for line in fh if line.strip()]
        self._pos_by_id = {c.chunk_id: i for i, c in enumerate(self._chunks)}
        self._positions_by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(self._chunks):
            self._positions_by_doc.setdefault(c.doc_id, []).append(i)
        self._doc_ids = np.asarray([c.doc_id for c in self._chunks], dtype=object)
        self._doc_types = np.asarray([c.doc_type for c in self._chunks], dtype=object)
        self.lexical = BM25Index.load(gen_dir)
        # Loaded eagerly: a reader holding this generation must not depend on files a later ingest may prune.
        self._texts: dict[str, str] = {}
        with open(gen_dir / TEXTS_NAME, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    self._texts[rec["doc_id"]] = rec["text"]

    # documents
    def documents(self) -> list[DocInfo]:
        return list(self._docs)

    def document(self, doc_id: str) -> DocInfo:
        try:
            return self._doc_by_id[doc_id]
        except KeyError:
            raise DocumentNotFound(f"知识库中没有文档“{doc_id}”。") from None

    def document_text(self, doc_id: str) -> str:
        """The full cleaned text of a document (original script), for quote verification."""
        self.document(doc_id)
        return self._texts.get(doc_id, "")

    # chunks
    def __len__(self) -> int:
        return len(self._chunks)

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        if doc_id is None:
            return list(self._chunks)
        self.document(doc_id)
        return [self._chunks[i] for i in self._positions_by_doc.get(doc_id, [])]

    def chunk(self, chunk_id: str) -> Chunk:
        pos = self._pos_by_id.get(chunk_id)
        if pos is None:
            raise ChunkNotFound(f"知识库中没有片段“{chunk_id}”。")
        return self._chunks[pos]

    def chunk_at(self, position: int) -> Chunk:
        return self._chunks[position]

    def position(self, chunk_id: str) -> int | None:
        return self._pos_by_id.get(chunk_id)

    def filter_mask(self, filters: SearchFilters | None) -> npt.NDArray[np.bool_] | None:
        """Boolean row mask over chunks for the lexical leg; ``None`` when nothing is filtered."""
        if filters is None or (not filters.doc_ids and not filters.doc_types):
            return None
        mask = np.ones(len(self._chunks), dtype=bool)
        if filters.doc_ids:
            mask &= np.isin(self._doc_ids, list(filters.doc_ids))
        if filters.doc_types:
            mask &= np.isin(self._doc_types, list(filters.doc_types))
        return mask

    @cached_property
    def vectors(self) -> VectorStore:
        from service.backends.vectorstore import open_collection

        return open_collection(self.settings, self.meta.collection)


def open_generation(settings: Settings, name: str) -> KnowledgeIndex:
    """Open the generation ``name`` under ``settings.index_root``: the one place generations are opened.

    Raises ``IndexNotReady`` when it is missing or incomplete (no ``meta.json``).
    """
    gen_dir = settings.index_root / name
    if not is_complete(gen_dir):
        raise IndexNotReady()
    return KnowledgeIndex(settings, gen_dir)


class IndexManager:
    """Hands out the generation ``CURRENT`` names, reopening it when another process swapped it.

    ``current()`` costs one small file read when nothing changed, so every request can call it and a
    server sees a CLI ingest without a restart. Thread-safe: opening is serialised by a lock.
    """

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self._lock = threading.Lock()
        self._index: KnowledgeIndex | None = None

    def current(self) -> KnowledgeIndex:
        name = read_current(self.settings.index_root)
        if name is None:
            raise IndexNotReady()
        index = self._index
        if index is not None and index.generation == name:
            return index
        with self._lock:
            if self._index is None or self._index.generation != name:
                opened = open_generation(self.settings, name)
                if opened.meta.embedder != self.embedder.name:
                    raise IndexNotReady(
                        f"当前索引由嵌入模型 {opened.meta.embedder} 构建，与配置的 {self.embedder.name} "
                        "不一致，请重新导入知识库。"
                    )
                self._index = opened
            return self._index

    def ready(self) -> bool:
        try:
            self.current()
        except IndexNotReady:
            return False
        return True
