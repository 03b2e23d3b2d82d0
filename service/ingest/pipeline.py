"""The idempotent, incremental ingest pipeline: load → diff against the current index → new generation.

Why it is shaped like this:
- **Sync by root.** Documents remember the PATH they were ingested from (``source_root``). Ingesting a
  PATH again syncs exactly that root: new documents are added, changed ones (content hash) updated,
  vanished ones removed; documents from other roots are carried over untouched. A file that fails to
  load is reported and its previously indexed version is kept (a transient read error must not delete
  knowledge).
- **Nothing changed → nothing written.** No new generation, no embedding, no swap.
- **Unchanged text is never re-embedded**: vectors come from the content-addressed embedding cache.
- **Crash safety** comes from generations (``service/index/generations.py``): everything is written to a
  fresh directory and collection, ``CURRENT`` is swapped last. A failed run leaves the old generation
  serving; its half-written directory is removed now (on exceptions) or by the next ingest (kill -9).
- **One writer at a time**: an ``flock`` on ``<data_dir>/index/ingest.lock`` (released by the kernel even
  on kill -9) makes a second concurrent ingest fail fast with ``ingest_in_progress`` (409).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field
from tqdm import tqdm

from service.backends.base import Embedder
from service.config import Settings
from service.errors import DocumentNotFound, IngestInProgress, StudyError
from service.index.embed_cache import EmbeddingCache, EmbedStats, embed_with_cache
from service.index.generations import (
    INDEX_FORMAT,
    GenerationMeta,
    KnowledgeIndex,
    cleanup_generations,
    finish_generation,
    new_generation_name,
    previous_generation,
    read_current,
    write_current,
    write_generation_files,
)
from service.index.lexical import BM25Index, segmenter_for
from service.index.texts import embedding_text, lexical_text
from service.ingest.corpus import plan_ingest
from service.ingest.manifest import CorpusCatalog
from service.schemas import Chunk, DocInfo, SourceDoc

log = logging.getLogger(__name__)

LOCK_NAME = "ingest.lock"


class IngestFailure(BaseModel):
    """One file (or record) that could not be ingested, with a stable code and a Chinese reason."""

    path: str
    code: str
    message: str


class IngestReport(BaseModel):
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    n_docs: int = 0  # documents in the index after this run
    n_chunks: int = 0  # chunks in the index after this run
    embedded: int = 0  # texts the model actually embedded
    cached: int = 0  # texts whose vectors came from the cache
    failures: list[IngestFailure] = Field(default_factory=list)
    # one-line remarks for people: files a manifest excludes (and why), a missing corpus dir
    notices: list[str] = Field(default_factory=list)
    generation: str | None = None  # the generation serving after this run
    changed: bool = False  # whether a new generation was written
    duration_s: float = 0.0

    @property
    def n_loaded(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)


@dataclass
class _Entry:
    """A document as it will appear in the new generation."""

    info: DocInfo
    chunks: list[Chunk]
    text: str


@contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
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


def content_hash(doc: SourceDoc) -> str:
    """Hash of everything the index derives from a document (not where it was loaded from)."""
    payload = json.dumps(
        {"title": doc.title, "text": doc.text, "doc_type": doc.doc_type, "metadata": doc.metadata},
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def root_key(path: Path) -> str:
    """The form in which a PATH given to ingest is remembered and compared."""
    return str(path.expanduser().resolve())


def _load(
    paths: list[Path],
    failures: list[IngestFailure],
    notices: list[str] | None = None,
    catalog: CorpusCatalog | None = None,
) -> list[SourceDoc]:
    from service.ingest.loaders import load_paths

    docs: list[SourceDoc] = []
    seen: set[str] = set()
    for path in paths:
        key = root_key(path)
        result = load_paths([path], corpus=catalog)
        for f in result.failures:
            failures.append(IngestFailure(path=str(f.path), code=f.code, message=f.message))
        for where, reason in result.skipped:
            log.info("not indexed: %s (%s)", where, reason)
            if notices is not None:
                notices.append(f"未导入 {where}：{reason}")
        for doc in result.docs:
            if doc.doc_id in seen:
                failures.append(
                    IngestFailure(
                        path=doc.source_path or doc.doc_id,
                        code="duplicate_doc_id",
                        message=f"文档编号“{doc.doc_id}”重复，已跳过后出现的一份。",
                    )
                )
                continue
            seen.add(doc.doc_id)
            docs.append(doc.model_copy(update={"source_root": key}))
    return docs


def _path_key(path: str, root: str | None = None) -> str:
    """Compare file paths whether they were recorded absolute, relative to the cwd or to their root."""
    p = Path(path)
    if not p.is_absolute() and root is not None and (Path(root) / p).exists():
        p = Path(root) / p
    return str(p.expanduser().resolve())


def _split(doc: SourceDoc, digest: str) -> _Entry:
    from service.text.split import split_document

    chunks = split_document(doc)
    if not chunks:
        raise StudyError("文档切分后没有可检索的内容。")
    ids = [c.chunk_id for c in chunks]
    if len(set(ids)) != len(ids):
        raise StudyError("文档切分产生了重复的片段编号。")
    info = DocInfo(
        doc_id=doc.doc_id,
        title=doc.title,
        doc_type=doc.doc_type,
        n_chunks=len(chunks),
        content_hash=digest,
        source_path=doc.source_path,
        source_root=doc.source_root,
        metadata=doc.metadata,
    )
    return _Entry(info=info, chunks=chunks, text=doc.text)


def _carry(old: KnowledgeIndex, doc_id: str) -> _Entry:
    return _Entry(info=old.document(doc_id), chunks=old.chunks(doc_id), text=old.document_text(doc_id))


def _resplit(old: KnowledgeIndex, doc_id: str) -> _Entry:
    info = old.document(doc_id)
    doc = SourceDoc(
        doc_id=info.doc_id,
        title=info.title,
        text=old.document_text(doc_id),
        doc_type=info.doc_type,
        source_path=info.source_path,
        source_root=info.source_root,
        metadata=info.metadata,
    )
    return _split(doc, info.content_hash)


def ingest(
    paths: list[Path],
    settings: Settings,
    embedder: Embedder,
    *,
    progress: bool = True,
    delete_missing: bool = True,
    rebuild: bool = False,
) -> IngestReport:
    """Load the files under ``paths`` and sync them into the index (see the module docstring).

    A knowledge root (a dir with ``manifest.json``) brings the configured corpus dirs along
    (``service/ingest/corpus.py``); what was left out and why is in ``IngestReport.notices``.

    ``rebuild=True`` re-splits and re-indexes every document (after a splitter or tokenizer change);
    the embedding cache still spares the model work for unchanged chunk texts.
    """
    plan = plan_ingest(paths, settings)
    failures: list[IngestFailure] = []
    notices = list(plan.notices)
    docs = _load(plan.paths, failures, notices, plan.catalog)
    report = sync_documents(
        docs,
        [root_key(p) for p in plan.paths],
        settings,
        embedder,
        failures=failures,
        progress=progress,
        delete_missing=delete_missing,
        rebuild=rebuild,
    )
    report.notices = notices
    return report


def sync_documents(
    docs: list[SourceDoc],
    roots: list[str],
    settings: Settings,
    embedder: Embedder,
    *,
    failures: list[IngestFailure] | None = None,
    progress: bool = True,
    delete_missing: bool = True,
    rebuild: bool = False,
) -> IngestReport:
    """Sync already-loaded documents belonging to ``roots`` (e.g. an admin upload) into the index.

    Documents keep their ``source_root`` when it is set, otherwise they are attributed to ``roots[0]``.
    """
    started = time.perf_counter()
    report = IngestReport(failures=list(failures or []))
    default_root = roots[0] if roots else None
    loaded = [d if d.source_root else d.model_copy(update={"source_root": default_root}) for d in docs]
    with ingest_lock(settings):
        current = read_current(settings.index_root)
        keep = {g for g in (current, previous_generation(settings.index_root, current)) if g}
        cleanup_generations(settings, keep)  # half-written leftovers of a killed run
        old = KnowledgeIndex(settings, settings.index_root / current) if current else None

        root_set = set(roots)
        failed_paths = {_path_key(f.path) for f in report.failures}
        old_docs = {d.doc_id: d for d in old.documents()} if old else {}
        stale = old is not None and (old.meta.embedder != embedder.name or old.meta.format != INDEX_FORMAT)
        rebuild = rebuild or stale

        fresh: dict[str, _Entry] = {}
        for doc in loaded:
            digest = content_hash(doc)
            prev = old_docs.get(doc.doc_id)
            if prev is not None and prev.content_hash == digest and not rebuild:
                if prev.source_root != doc.source_root or prev.source_path != doc.source_path:
                    # Same content found under another root/path: re-home it without re-splitting.
                    assert old is not None
                    entry = _carry(old, doc.doc_id)
                    entry.info = entry.info.model_copy(
                        update={"source_root": doc.source_root, "source_path": doc.source_path}
                    )
                    fresh[doc.doc_id] = entry
                    report.updated.append(doc.doc_id)
                else:
                    report.unchanged.append(doc.doc_id)
                continue
            try:
                fresh[doc.doc_id] = _split(doc, digest)
            except StudyError as exc:
                report.failures.append(
                    IngestFailure(path=doc.source_path or doc.doc_id, code=exc.code, message=exc.message)
                )
                continue
            (report.updated if prev is not None else report.added).append(doc.doc_id)

        loaded_ids = {d.doc_id for d in loaded}
        if delete_missing:
            for doc_id, info in old_docs.items():
                if doc_id in loaded_ids or info.source_root not in root_set:
                    continue
                if info.source_path and _path_key(info.source_path, info.source_root) in failed_paths:
                    continue  # its file failed to load this time: keep the indexed version
                report.removed.append(doc_id)

        changed = bool(report.added or report.updated or report.removed) or (rebuild and old is not None)
        if not changed:
            _finish(report, old, current, started)
            return report

        entries: list[_Entry] = []
        removed = set(report.removed)
        for doc_id in old_docs:
            if doc_id in removed:
                continue
            if doc_id in fresh:
                entries.append(fresh.pop(doc_id))
            else:
                assert old is not None
                entries.append(_resplit(old, doc_id) if rebuild else _carry(old, doc_id))
        entries.extend(fresh.values())  # new documents, in load order
        if not entries and old is None:
            _finish(report, None, None, started)
            return report
        name = _build_generation(settings, embedder, entries, report, progress=progress)
        cleanup_generations(settings, {name} | ({current} if current else set()))
        return _record_generation(report, name, entries, started)


def _record_generation(
    report: IngestReport, name: str, entries: list[_Entry], started: float
) -> IngestReport:
    """Fill in what every successful generation swap reports."""
    report.changed = True
    report.generation = name
    report.n_docs = len(entries)
    report.n_chunks = sum(len(e.chunks) for e in entries)
    report.duration_s = round(time.perf_counter() - started, 3)
    return report


def delete_documents(
    doc_ids: list[str], settings: Settings, embedder: Embedder, *, progress: bool = False
) -> IngestReport:
    """Remove documents by id (a new generation without them). Unknown ids raise ``DocumentNotFound``."""
    started = time.perf_counter()
    report = IngestReport()
    with ingest_lock(settings):
        current = read_current(settings.index_root)
        if current is None:
            raise DocumentNotFound(f"知识库中没有文档“{doc_ids[0]}”。" if doc_ids else None)
        old = KnowledgeIndex(settings, settings.index_root / current)
        for doc_id in doc_ids:
            old.document(doc_id)  # raises DocumentNotFound
        drop = set(doc_ids)
        entries = [_carry(old, d.doc_id) for d in old.documents() if d.doc_id not in drop]
        report.removed = list(dict.fromkeys(doc_ids))
        report.unchanged = [e.info.doc_id for e in entries]
        name = _build_generation(settings, embedder, entries, report, progress=progress)
        cleanup_generations(settings, {name, current})
        return _record_generation(report, name, entries, started)


def index_chunks(
    docs: list[tuple[SourceDoc, list[Chunk]]],
    settings: Settings,
    embedder: Embedder,
    *,
    progress: bool = False,
) -> IngestReport:
    """Replace the whole index with already-split documents (tests, benchmarks, eval corpora).

    Same generation machinery, lock and embedding cache as ``ingest``, but no loading, splitting or
    diffing: every document given is the new index, nothing else is kept.
    """
    started = time.perf_counter()
    report = IngestReport()
    with ingest_lock(settings):
        current = read_current(settings.index_root)
        entries = []
        for doc, chunks in docs:
            info = DocInfo(
                doc_id=doc.doc_id,
                title=doc.title,
                doc_type=doc.doc_type,
                n_chunks=len(chunks),
                content_hash=content_hash(doc),
                source_path=doc.source_path,
                source_root=doc.source_root,
                metadata=doc.metadata,
            )
            entries.append(_Entry(info=info, chunks=chunks, text=doc.text))
        name = _build_generation(settings, embedder, entries, report, progress=progress)
        cleanup_generations(settings, {name} | ({current} if current else set()))
        report.added = [e.info.doc_id for e in entries]
        report.changed = True
        report.generation = name
        report.n_docs = len(entries)
        report.n_chunks = sum(len(e.chunks) for e in entries)
        report.duration_s = round(time.perf_counter() - started, 3)
        return report


def _finish(report: IngestReport, old: KnowledgeIndex | None, current: str | None, started: float) -> None:
    report.generation = current
    if old is not None:
        report.n_docs = len(old.documents())
        report.n_chunks = len(old)
    report.duration_s = round(time.perf_counter() - started, 3)


def _build_generation(
    settings: Settings,
    embedder: Embedder,
    entries: list[_Entry],
    report: IngestReport,
    *,
    progress: bool,
) -> str:
    """Write a complete generation for ``entries`` and swap ``CURRENT`` to it; returns its name.

    On any exception the half-written directory and collection are removed and ``CURRENT`` is untouched.
    """
    from service.backends.vectorstore import drop_collection, open_collection

    name = new_generation_name()
    gen_dir = settings.index_root / name
    chunks = [c for e in entries for c in e.chunks]
    try:
        gen_dir.mkdir(parents=True)
        stats = EmbedStats()
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
        report.embedded += stats.embedded
        report.cached += stats.cached

        segmenter = segmenter_for(settings)
        tokens = [
            segmenter.tokenize(lexical_text(c))
            for c in tqdm(chunks, desc="构建词法索引", unit="块", disable=not progress)
        ]
        lexical = BM25Index.build(tokens)
        texts = {e.info.doc_id: e.text for e in entries}
        write_generation_files(gen_dir, [e.info for e in entries], chunks, texts, lexical)

        store = open_collection(settings, name, create=True)
        step = 1000
        with tqdm(total=len(chunks), desc="写入向量库", unit="块", disable=not progress) as bar:
            for start in range(0, len(chunks), step):
                part = chunks[start : start + step]
                store.add(
                    [c.chunk_id for c in part],
                    vectors[start : start + step],
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
        write_current(settings.index_root, name)
    except BaseException:
        if read_current(settings.index_root) != name:
            try:
                drop_collection(settings, name)
            except Exception:
                log.warning("could not drop half-written collection %s", name, exc_info=True)
            shutil.rmtree(gen_dir, ignore_errors=True)
        raise
    return name
