"""The life of an index generation: lock, build, install, clean up. The one writer of ``<data_dir>/index``.

Why one module: the ingest pipeline (add, update, delete documents), ``index_chunks`` (tests, eval corpora)
and ``study restore`` all replace the current generation; each used to spell out lock → read CURRENT →
build → finish → write CURRENT → clean up itself. Now they open an ``IndexTransaction`` and call
``commit`` (build and install) or ``install`` (a generation already on disk, as restore has):

- **Lock.** ``index_lock`` is an ``flock`` on ``<data_dir>/index/ingest.lock`` (released by the kernel even
  on kill -9); a second writer fails fast with ``IngestInProgress`` (409). Backups hold it while copying.
- **Build.** ``build_generation`` embeds (through the embedding cache), builds BM25, writes the files and
  the Chroma collection, and writes ``meta.json`` last; a failure removes what it wrote.
- **Install.** ``install`` swaps ``CURRENT`` atomically and keeps the generation it replaced (a reader may
  still hold it); everything older or half-written is removed.

Readers never come here: they open generations through ``service.index.generations.open_generation``.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from tqdm import tqdm

from service.backends.base import Embedder
from service.config import Settings
from service.errors import IngestInProgress
from service.index.embed_cache import EmbeddingCache, EmbedStats, embed_with_cache
from service.index.generations import (
    GenerationMeta,
    KnowledgeIndex,
    cleanup_generations,
    finish_generation,
    new_generation_name,
    open_base,
    open_generation,
    previous_generation,
    read_current,
    write_current,
    write_generation_files,
)
from service.index.lexical import BM25Index, segmenter_for
from service.index.texts import embedding_text, lexical_text
from service.schemas import Chunk, DocInfo

log = logging.getLogger(__name__)

LOCK_NAME = "ingest.lock"
VECTOR_WRITE_BATCH = 1000  # chunks per vector-store add call


@dataclass
class IndexEntry:
    """One document as it appears in a generation: its record, its chunks in order, its full text."""

    info: DocInfo
    chunks: list[Chunk]
    text: str


@contextmanager
def index_lock(settings: Settings) -> Iterator[None]:
    """Hold the one-writer lock of ``settings.index_root``; raises ``IngestInProgress`` if it is taken."""
    settings.index_root.mkdir(parents=True, exist_ok=True)
    fd = os.open(settings.index_root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestInProgress() from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def discard_generation(settings: Settings, name: str) -> None:
    """Remove a generation that never became current: its collection, then its directory."""
    from service.backends.vectorstore import open_vector_stores

    try:
        open_vector_stores(settings).drop(name)
    except Exception:
        log.warning("could not drop half-written collection %s", name, exc_info=True)
    shutil.rmtree(settings.index_root / name, ignore_errors=True)


def build_generation(
    settings: Settings, embedder: Embedder, entries: list[IndexEntry], *, progress: bool = False
) -> tuple[str, EmbedStats]:
    """Write a complete generation for ``entries`` (not yet current); returns its name and embedding stats.

    On any exception (kill -9 aside) the half-written directory and collection are removed.
    """
    from service.backends.vectorstore import open_vector_stores

    name = new_generation_name()
    gen_dir = settings.index_root / name
    chunks = [c for e in entries for c in e.chunks]
    stats = EmbedStats()
    try:
        gen_dir.mkdir(parents=True)
        cache = EmbeddingCache(settings.embedding_cache_path)
        try:
            with tqdm(total=len(chunks), desc="嵌入向量", unit="块", disable=not progress) as bar:

                def advance(n: int) -> None:
                    bar.update(n)

                vectors = embed_with_cache(
                    embedder,
                    cache,
                    [embedding_text(c) for c in chunks],
                    batch_size=settings.embedding_batch_size,
                    stats=stats,
                    progress=advance,
                )
        finally:
            cache.close()

        segmenter = segmenter_for(settings)
        tokens = [
            segmenter.tokenize(lexical_text(c))
            for c in tqdm(chunks, desc="构建词法索引", unit="块", disable=not progress)
        ]
        lexical = BM25Index.build(tokens)
        texts = {e.info.doc_id: e.text for e in entries}
        write_generation_files(gen_dir, [e.info for e in entries], chunks, texts, lexical)

        store = open_vector_stores(settings).open(name, create=True)
        with tqdm(total=len(chunks), desc="写入向量库", unit="块", disable=not progress) as bar:
            for start in range(0, len(chunks), VECTOR_WRITE_BATCH):
                part = chunks[start : start + VECTOR_WRITE_BATCH]
                store.add(
                    [c.chunk_id for c in part],
                    vectors[start : start + VECTOR_WRITE_BATCH],
                    [{"doc_id": c.doc_id, "doc_type": c.doc_type} for c in part],
                )
                bar.update(len(part))
        meta = GenerationMeta(
            name=name,
            embedder=embedder.name,
            dim=int(embedder.dim),
            collection=name,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            n_docs=len(entries),
            n_chunks=len(chunks),
        )
        finish_generation(gen_dir, meta)
    except BaseException:
        discard_generation(settings, name)
        raise
    return name, stats


class IndexTransaction:
    """What a writer holding the lock sees: the current generation (name and, lazily, the opened index)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.current = read_current(settings.index_root)
        self.keep = self.current  # the generation an install keeps next to the new one
        self._old: KnowledgeIndex | None = None

    @property
    def old(self) -> KnowledgeIndex | None:
        """The current generation, opened (None before the first ingest); ``IndexDamaged`` if damaged."""
        if self._old is None and self.current is not None:
            self._old = open_generation(self.settings, self.current)
        return self._old

    def open_base(self) -> tuple[KnowledgeIndex | None, bool]:
        """The generation to build on and whether the current one is damaged (``generations.open_base``).

        After a damaged current generation, the install keeps the base instead of the damaged one.
        """
        base, damaged = open_base(self.settings, self.current)
        if damaged:
            self.keep = base.generation if base is not None else self.current
        self._old = base
        return base, damaged

    def install(self, name: str) -> None:
        """Make the complete generation ``name`` current; keep the one it replaces, remove all others."""
        try:
            write_current(self.settings.index_root, name)
        except BaseException:
            if read_current(self.settings.index_root) != name:
                discard_generation(self.settings, name)
            raise
        cleanup_generations(self.settings, {name} | ({self.keep} if self.keep else set()))

    def commit(
        self, embedder: Embedder, entries: list[IndexEntry], *, progress: bool = False
    ) -> tuple[str, EmbedStats]:
        """Build a generation of ``entries`` and install it; returns its name and embedding stats."""
        name, stats = build_generation(self.settings, embedder, entries, progress=progress)
        self.install(name)
        return name, stats


@contextmanager
def index_transaction(settings: Settings, *, clean_leftovers: bool = False) -> Iterator[IndexTransaction]:
    """Hold the index lock for a change. ``clean_leftovers`` first removes half-written generations of a
    killed run (everything but the current one and the one before it)."""
    with index_lock(settings):
        tx = IndexTransaction(settings)
        if clean_leftovers:
            keep = {g for g in (tx.current, previous_generation(settings.index_root, tx.current)) if g}
            cleanup_generations(settings, keep)
        yield tx
