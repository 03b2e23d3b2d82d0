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
from pydantic import BaseModel, Field

from service.backends.base import Embedder, VectorStore, VectorStores
from service.config import Settings
from service.errors import BackendUnavailable, ChunkNotFound, DocumentNotFound, IndexDamaged, IndexNotReady
from service.index.lexical import BM25Index
from service.index.verify import Counts, FileStamp, check_counts, check_files, check_vectors, stamp_files
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
    # size and SHA-256 of each file, checked on open (service/index/verify.py); empty in old generations
    files: dict[str, FileStamp] = Field(default_factory=dict)


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
    from service.backends.vectorstore import open_vector_stores

    stores = open_vector_stores(settings)
    keep_set = set(keep)
    removed: list[str] = []
    for name in list_generations(settings.index_root):
        if name in keep_set:
            continue
        try:
            stores.drop(name)
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
    """Stamp the generation's files and write ``meta.json`` (its presence marks the generation complete)."""
    meta = meta.model_copy(update={"files": stamp_files(gen_dir)})
    write_durable(gen_dir / META_NAME, meta.model_dump_json(indent=1))


# --- reading -----------------------------------------------------------------------------------------
class KnowledgeIndex:
    """One opened, immutable generation: documents, chunks, texts, the BM25 index and the vectors."""

    def __init__(self, settings: Settings, gen_dir: Path, stores: VectorStores | None = None) -> None:
        """Open and verify a generation; ``IndexDamaged`` (with the reason) when any check fails,
        ``BackendUnavailable`` when the vector store cannot be reached (an outage, not damage).

        ``stores``: where its collection lives (default: the store settings name, ``open_vector_stores``)."""
        if not is_complete(gen_dir):
            raise IndexNotReady()
        self.settings = settings
        self.path = gen_dir
        self._stores = stores
        try:
            self._load(gen_dir)
        except (IndexNotReady, BackendUnavailable):
            raise
        except Exception as exc:  # any unreadable file means the generation is damaged, whatever the error
            raise IndexDamaged(
                f"知识库索引 {gen_dir.name} 已损坏（{type(exc).__name__}），请运行 study ingest 重建。"
            ) from exc

    def _load(self, gen_dir: Path) -> None:
        self.meta = GenerationMeta.model_validate_json((gen_dir / META_NAME).read_text(encoding="utf-8"))
        self.generation = self.meta.name
        self._raise_if(check_files(gen_dir, self.meta.files))
        docs_raw = json.loads((gen_dir / DOCS_NAME).read_text(encoding="utf-8"))
        self._docs = [DocInfo.model_validate(d) for d in docs_raw]
        self._doc_by_id = {d.doc_id: d for d in self._docs}
        with open(gen_dir / CHUNKS_NAME, encoding="utf-8") as fh:
            self._chunks = [Chunk.model_validate_json(line) for line in fh if line.strip()]
        self._pos_by_id = {c.chunk_id: i for i, c in enumerate(self._chunks)}
        self._positions_by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(self._chunks):
            self._positions_by_doc.setdefault(c.doc_id, []).append(i)
        self.lexical = BM25Index.load(gen_dir)
        # Loaded eagerly: a reader holding this generation must not depend on files a later ingest may prune.
        self._texts: dict[str, str] = {}
        with open(gen_dir / TEXTS_NAME, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    self._texts[rec["doc_id"]] = rec["text"]
        counts = Counts(
            n_docs=len(self._doc_by_id),
            n_chunks=len(self._pos_by_id),
            bm25_rows=self.lexical.n_docs,
            n_texts=len(self._texts),
            orphan_chunks=sum(len(p) for d, p in self._positions_by_doc.items() if d not in self._doc_by_id),
        )
        self._raise_if(check_counts(self.meta.n_docs, self.meta.n_chunks, counts))
        self.vectors_verified = False
        try:
            self._verify_vectors()
        except BackendUnavailable:
            # an outage is not damage: open anyway (searches answer 503 until the store is back, without
            # reloading this generation on every request) and verify at the next /readyz
            log.warning("向量库暂不可用，索引 %s 的向量数量稍后再核对。", gen_dir.name)

    def _verify_vectors(self) -> None:
        self._raise_if(
            check_vectors(self.settings, self.meta.collection, lambda: self.vectors, self.meta.n_chunks)
        )
        self.vectors_verified = True

    def _raise_if(self, problems: list[str]) -> None:
        if problems:
            raise IndexDamaged(
                f"知识库索引 {self.path.name} 已损坏：{'；'.join(problems)}。请运行 study ingest 重建。"
            )

    def touch_vectors(self) -> None:
        """One nearest-neighbour query against the vector store (``/readyz``): raises ``BackendUnavailable``
        when the store cannot answer, as every search would."""
        if not self.vectors_verified:
            self._verify_vectors()  # IndexDamaged when the collection came back wrong
        probe = np.zeros(self.meta.dim, dtype=np.float32)
        probe[0] = 1.0
        self.vectors.query(probe, 1)

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
        # from the rows of each document and type: ``np.isin`` over the object arrays sorted every row on
        # every question (~1.5 ms each; every question is filtered to current versions; issue 17's profile)
        mask = np.ones(len(self._chunks), dtype=bool)
        if filters.doc_ids:
            mask &= self._rows_of(self._positions_by_doc, filters.doc_ids)
        if filters.doc_types:
            mask &= self._rows_of(self._positions_by_type, filters.doc_types)
        return mask

    def _rows_of(self, positions: dict[str, list[int]], keys: Iterable[str]) -> npt.NDArray[np.bool_]:
        rows = np.zeros(len(self._chunks), dtype=bool)
        for key in set(keys):
            rows[positions.get(key, [])] = True
        return rows

    @cached_property
    def _positions_by_type(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, c in enumerate(self._chunks):
            out.setdefault(c.doc_type, []).append(i)
        return out

    @cached_property
    def vectors(self) -> VectorStore:
        from service.backends.vectorstore import open_vector_stores

        stores = self._stores or open_vector_stores(self.settings)
        return stores.open(self.meta.collection)


def open_generation(settings: Settings, name: str, stores: VectorStores | None = None) -> KnowledgeIndex:
    """Open the generation ``name`` under ``settings.index_root``: the one place generations are opened.

    Raises ``IndexNotReady`` when it is missing or incomplete (no ``meta.json``). ``stores``: the vector
    store its collection lives in (default: the one settings name).
    """
    gen_dir = settings.index_root / name
    if not is_complete(gen_dir):
        raise IndexNotReady()
    return KnowledgeIndex(settings, gen_dir, stores)


class IndexManager:
    """Hands out the generation ``CURRENT`` names, reopening it when another process swapped it.

    ``current()`` costs one small file read when nothing changed, so every request can call it and a
    server sees a CLI ingest without a restart. Thread-safe: opening is serialised by a lock.

    A damaged current generation (``service/index/verify.py``) is never served: the newest older
    generation that verifies is served instead and ``damage`` holds the reason (``/readyz`` answers 503
    with it); with no good generation left every call raises ``IndexDamaged``. Each outcome is kept until
    ``CURRENT`` changes, so a damaged index is verified once, not on every request.
    """

    def __init__(self, settings: Settings, embedder: Embedder, stores: VectorStores | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.stores = stores  # the vector store (``Container.vector_stores``); None: the one settings name
        self._lock = threading.Lock()
        self._index: KnowledgeIndex | None = None
        self._for: str | None = None  # the CURRENT name the held outcome belongs to
        self._failure: IndexNotReady | None = None
        self.damage: str | None = None  # why CURRENT's generation is not the one served, if it is not

    def current(self) -> KnowledgeIndex:
        name = read_current(self.settings.index_root)
        if name is None:
            raise IndexNotReady()
        index = self._index
        if index is not None and self._for == name:
            return index
        with self._lock:
            if self._for != name:
                self._open_for(name)
            if self._failure is not None:
                raise self._failure
            assert self._index is not None
            return self._index

    def _open_for(self, name: str) -> None:
        """Open CURRENT's generation, or the last good one when it is damaged; remember the outcome."""
        self._index, self._failure, self.damage = None, None, None
        try:
            self._index = self._open(name)
            self._for = name
            return
        except IndexDamaged as exc:
            self.damage = exc.message
            log.error("%s", exc.message)
        except IndexNotReady as exc:  # e.g. built by another embedder: nothing older is a fallback either
            self._failure, self._for = exc, name
            return
        root = self.settings.index_root
        for older in reversed([g for g in list_generations(root) if g < name and is_complete(root / g)]):
            try:
                self._index = self._open(older)
            except IndexNotReady:
                continue
            log.warning("当前索引 %s 已损坏，暂用上一可用版本 %s 提供服务。", name, older)
            self._for = name
            return
        self._failure, self._for = IndexDamaged(self.damage), name

    def _open(self, name: str) -> KnowledgeIndex:
        gen_dir = self.settings.index_root / name
        if not gen_dir.is_dir():
            raise IndexDamaged(f"CURRENT 指向的索引版本 {name} 不存在，请运行 study ingest 重建。")
        if not is_complete(gen_dir):
            raise IndexDamaged(f"索引版本 {name} 缺少 meta.json，请运行 study ingest 重建。")
        opened = open_generation(self.settings, name, self.stores)
        if opened.meta.embedder != self.embedder.name:
            raise IndexNotReady(
                f"当前索引由嵌入模型 {opened.meta.embedder} 构建，与配置的 {self.embedder.name} "
                "不一致，请重新导入知识库。"
            )
        return opened

    def ready(self) -> bool:
        try:
            self.current()
        except IndexNotReady:
            return False
        return self.damage is None


def open_base(settings: Settings, current: str | None) -> tuple[KnowledgeIndex | None, bool]:
    """The generation an ingest builds on, and whether ``current`` is damaged.

    A damaged current generation is skipped (never carried forward): the newest older generation that
    verifies is the base instead, or none; the caller then writes a new generation even if nothing
    changed against that base, so one ``study ingest`` replaces the damage.
    """
    if current is None:
        return None, False
    root = settings.index_root
    for name in reversed([g for g in list_generations(root) if g <= current and is_complete(root / g)]):
        try:
            return open_generation(settings, name), name != current
        except IndexDamaged as exc:
            log.warning("导入时跳过已损坏的索引版本：%s", exc.message)
    return None, True
