"""The idempotent, incremental ingest pipeline: load → compare with the current index → entries → build.

Why it is shaped like this:
- **Sync by root.** Documents remember the PATH they were ingested from (``source_root``). Ingesting a
  PATH again syncs exactly that root: new documents are added, changed ones (content hash) updated,
  vanished ones removed; documents from other roots are carried over untouched. A file that fails to
  load is reported and its previously indexed version is kept (a transient read error must not delete
  knowledge).
- **Nothing changed → nothing written.** No new generation, no embedding, no swap.
- **Unchanged text is never re-embedded**: vectors come from the content-addressed embedding cache.
- **Crash safety and one writer at a time** come from the generation lifecycle in
  ``service/index/lifecycle.py`` (lock, build, install, clean up); this module only decides which
  documents the next generation holds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from pathlib import Path

from pydantic import BaseModel, Field

from service.backends.base import Embedder
from service.config import Settings
from service.errors import DocumentNotFound, StudyError
from service.index.generations import INDEX_FORMAT, KnowledgeIndex
from service.index.lifecycle import IndexEntry, IndexTransaction, index_transaction
from service.ingest.corpus import plan_ingest
from service.ingest.manifest import CorpusCatalog
from service.ingest.report import FileReport, LoadNotes, file_report
from service.schemas import Chunk, DocInfo, SourceDoc
from service.versions.model import adoption_line

log = logging.getLogger(__name__)


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
    files: list[FileReport] = Field(default_factory=list)  # per loaded file (not jsonl records)

    @property
    def n_loaded(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)


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
    notes: dict[str, LoadNotes] | None = None,
) -> list[SourceDoc]:
    from service.ingest.loaders import load_paths

    docs: list[SourceDoc] = []
    seen: set[str] = set()
    for path in paths:
        key = root_key(path)
        result = load_paths([path], corpus=catalog)
        if notes is not None:
            notes.update(result.notes)
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
            if doc.doc_type in ("regulation", "party_regulation") and "adoption" not in doc.metadata:
                line = adoption_line(doc.text)  # 通过/发布 note under the title, as metadata
                if line:
                    doc.metadata["adoption"] = line
            docs.append(doc.model_copy(update={"source_root": key}))
    return docs


def _path_key(path: str, root: str | None = None) -> str:
    """Compare file paths whether they were recorded absolute, relative to the cwd or to their root."""
    p = Path(path)
    if not p.is_absolute() and root is not None and (Path(root) / p).exists():
        p = Path(root) / p
    return str(p.expanduser().resolve())


def _split(doc: SourceDoc, digest: str) -> IndexEntry:
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
    return IndexEntry(info=info, chunks=chunks, text=doc.text)


def _carry(old: KnowledgeIndex, doc_id: str) -> IndexEntry:
    return IndexEntry(info=old.document(doc_id), chunks=old.chunks(doc_id), text=old.document_text(doc_id))


def _resplit(old: KnowledgeIndex, doc_id: str) -> IndexEntry:
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
    notes: dict[str, LoadNotes] = {}
    docs = _load(plan.paths, failures, notices, plan.catalog, notes)
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
    report.files = file_reports(docs, notes)
    return report


def file_reports(docs: list[SourceDoc], notes: dict[str, LoadNotes]) -> list[FileReport]:
    """The per-file report (``service/ingest/report.py``) of every whole-file document in ``docs``."""
    from service.text.split import split_document

    return [file_report(d, split_document(d), notes[d.doc_id]) for d in docs if d.doc_id in notes]


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
    with index_transaction(settings, clean_leftovers=True) as tx:
        current = tx.current
        old, damaged = tx.open_base()  # a damaged current generation is replaced, never carried

        root_set = set(roots)
        failed_paths = {_path_key(f.path) for f in report.failures}
        old_docs = {d.doc_id: d for d in old.documents()} if old else {}
        stale = old is not None and (old.meta.embedder != embedder.name or old.meta.format != INDEX_FORMAT)
        rebuild = rebuild or stale

        fresh: dict[str, IndexEntry] = {}
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

        changed = (
            bool(report.added or report.updated or report.removed) or (rebuild and old is not None) or damaged
        )
        if not changed:
            _finish(report, old, current, started)
            return report

        entries: list[IndexEntry] = []
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
        if not entries and old is None and not damaged:
            _finish(report, None, None, started)
            return report
        return _commit(tx, embedder, entries, report, started, progress=progress)


def _commit(
    tx: IndexTransaction,
    embedder: Embedder,
    entries: list[IndexEntry],
    report: IngestReport,
    started: float,
    *,
    progress: bool,
) -> IngestReport:
    """Build and install the generation of ``entries``; fill in what every successful swap reports."""
    name, stats = tx.commit(embedder, entries, progress=progress)
    report.embedded += stats.embedded
    report.cached += stats.cached
    report.changed = True
    report.generation = name
    report.n_docs = len(entries)
    report.n_chunks = sum(len(e.chunks) for e in entries)
    report.duration_s = round(time.perf_counter() - started, 3)
    return report


def delete_documents(
    doc_ids: list[str], settings: Settings, embedder: Embedder, *, progress: bool = False
) -> IngestReport:
    """Remove documents by id: a new generation without them, and their uploaded source files.

    A document ingested from ``settings.uploads_dir`` loses its file too, or the next upload (which syncs
    that whole directory) would bring it back; files elsewhere are never touched. The CLI and the admin
    API both call this. Unknown ids raise ``DocumentNotFound``.
    """
    started = time.perf_counter()
    report = IngestReport()
    with index_transaction(settings) as tx:
        old = tx.old
        if old is None:
            raise DocumentNotFound(f"知识库中没有文档“{doc_ids[0]}”。" if doc_ids else None)
        for doc_id in doc_ids:
            old.document(doc_id)  # raises DocumentNotFound
        drop = set(doc_ids)
        entries = [_carry(old, d.doc_id) for d in old.documents() if d.doc_id not in drop]
        report.removed = list(dict.fromkeys(doc_ids))
        report.unchanged = [e.info.doc_id for e in entries]
        sources = [_uploaded_source(old.document(d), settings) for d in drop]
        _commit(tx, embedder, entries, report, started, progress=progress)
    # An uploaded file would come back with the next upload (the uploads dir is one ingest root).
    for source in sources:
        if source is not None:
            source.unlink(missing_ok=True)
    return report


def _uploaded_source(info: DocInfo, settings: Settings) -> Path | None:
    """The file a document was ingested from, when it lies in ``settings.uploads_dir``; else None."""
    if not info.source_path:
        return None
    source = Path(info.source_path)
    if not source.is_absolute() and info.source_root:
        source = Path(info.source_root) / source
    source = source.expanduser().resolve()
    return source if source.is_relative_to(settings.uploads_dir.resolve()) else None


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
    with index_transaction(settings) as tx:
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
            entries.append(IndexEntry(info=info, chunks=chunks, text=doc.text))
        report.added = [e.info.doc_id for e in entries]
        return _commit(tx, embedder, entries, report, started, progress=progress)


def _finish(report: IngestReport, old: KnowledgeIndex | None, current: str | None, started: float) -> None:
    report.generation = current
    if old is not None:
        report.n_docs = len(old.documents())
        report.n_chunks = len(old)
    report.duration_s = round(time.perf_counter() - started, 3)
