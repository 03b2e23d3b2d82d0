"""Loading source files into ``SourceDoc``s: one function, many formats, and one bad file never stops a batch.

``load_paths`` accepts files and directories (recursive). A directory holding ``manifest.json`` takes
doc ids, titles, types and metadata from it; other files get a slug id and a title from their first line.
Every failure is returned as a ``LoadFailure`` carrying the stable ``code`` of a ``LoadError`` subclass and
its Chinese message, so the CLI and the admin API can report "3 files failed, here is why" and go on.

Formats: .txt/.text, .md/.markdown, .html/.htm (``html``: main content by trafilatura), .pdf (``pdf``:
page layout by pdfplumber), .docx (``docx``: Word numbering rendered) and .jsonl (one record per line; a
bad line fails alone). Web text (.txt, .html) goes through ``clean.clean_web_text``.

Every single-document file also gets ``LoadNotes`` (``LoadResult.notes`` by doc id): detected format,
where its title came from, what furniture was removed, format warnings; ``report.file_report`` turns
them into the per-file ingest report.

Titles: a Markdown ``# heading``; else the first line when it looks like a title (short, no sentence
punctuation, not an article or heading); else the document's own metadata (Word core properties, PDF
info, HTML ``<h1>``/``<title>``); else the file name, with a ``title_from_filename`` warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from service.errors import (
    BinaryFile,
    EmptyDocument,
    FileTooLarge,
    InvalidRecord,
    LoadError,
    MissingPath,
    UnsupportedFormat,
)
from service.ingest.clean import clean_web_text
from service.ingest.encoding import decode_bytes, looks_binary
from service.ingest.manifest import (
    DOC_TYPES,
    MANIFEST_NAME,
    META_FILES,
    CorpusCatalog,
    ManifestEntry,
    read_manifest,
    slugify,
)
from service.ingest.report import LoadNotes
from service.schemas import DocType, SourceDoc
from service.text.split import record_article, structure_lines

TEXT_EXTS = frozenset({".txt", ".text"})
MARKDOWN_EXTS = frozenset({".md", ".markdown"})
HTML_EXTS = frozenset({".html", ".htm"})
SUPPORTED_EXTS = TEXT_EXTS | MARKDOWN_EXTS | HTML_EXTS | {".pdf", ".docx", ".jsonl"}
# Document formats people will try; named as unsupported even though their bytes look binary.
KNOWN_UNSUPPORTED = frozenset(
    {
        ".doc",
        ".wps",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".rtf",
        ".epub",
        ".csv",
        ".json",
        ".xml",
    }
)

_MAX_TITLE = 60
# A place name that opens a local regulation's title (青岚市…, 浙江省…, 某某自治州…), 2–6 characters.
_REGION_PREFIX_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|自治州|自治县|县|区|州|盟|旗)")
_NOT_TITLE_END = ("。", "；", "，", "：", "！", "？", ".", ";", ",", ":", "!", "?")
_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{2,6})\s+(.+?)[\s#]*$", re.MULTILINE)


@dataclass(frozen=True)
class LoadFailure:
    path: str
    code: str
    message: str


@dataclass
class LoadResult:
    docs: list[SourceDoc] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    notes: dict[str, LoadNotes] = field(default_factory=dict)  # doc id → what loading learnt
    # files a manifest says must not be indexed: (display path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Read:
    """One file read: text, title (None: none found) and what was learnt on the way."""

    text: str
    title: str | None
    notes: LoadNotes
    metadata: dict[str, Any] = field(default_factory=dict)
    meta_title: str | None = None  # title from the file's own metadata (Word, PDF, HTML)


# --- format readers ---------------------------------------------------------------------------


def strip_markdown(text: str) -> str:
    """Markdown to plain text: comments, heading marks, emphasis, links and fences go; words stay."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    out: list[str] = []
    for line in text.split("\n"):
        s = line.rstrip()
        if re.match(r"^\s*(```|~~~)", s) or re.match(r"^\s*([-*_]\s*){3,}$", s):
            continue
        s = re.sub(r"^\s{0,3}#{1,6}\s+", "", s)
        s = re.sub(r"\s+#+\s*$", "", s) if s.endswith("#") else s
        s = re.sub(r"^\s{0,3}>\s?", "", s)
        s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)
        s = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", s)
        s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
        s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", s)
        s = re.sub(r"`([^`]+)`", r"\1", s)
        out.append(s.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


# A loaded document (with its notes when it is a whole file), a bare jsonl record, or a failure.
_Item = tuple[SourceDoc, LoadNotes] | SourceDoc | LoadFailure

# --- documents --------------------------------------------------------------------------------


def detect_doc_type(text: str) -> DocType:
    """``regulation`` when the text is organised in numbered articles (``structure_lines``), else ``other``."""
    return "regulation" if sum(sl.kind == "article" for sl in structure_lines(text)) >= 2 else "other"


def first_line_title(text: str) -> str | None:
    """The first line when it looks like a title: at most 60 characters, not ending like a sentence or
    clause, and not itself an article, heading or item (a text whose line breaks were lost gives the
    words before its first article)."""
    for sl in structure_lines(text):
        line = text[sl.start : sl.end].strip()
        if sl.kind != "text" or len(line) > _MAX_TITLE or line.endswith(_NOT_TITLE_END):
            return None
        return line
    return None


def _doc_type_for_record(title: str, text: str, metadata: dict[str, Any]) -> DocType:
    declared = metadata.get("type") or metadata.get("doc_type")
    if isinstance(declared, str) and declared in DOC_TYPES:
        return cast(DocType, declared)
    if record_article(title) is not None:
        return "regulation"
    return detect_doc_type(text)


def _jsonl_docs(data: bytes, display: str, rel: str, root: str) -> Iterator[SourceDoc | LoadFailure]:
    text = decode_bytes(data)
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{display}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            yield LoadFailure(where, InvalidRecord.code, f"第{lineno}行不是合法的 JSON。")
            continue
        if not isinstance(record, dict):
            yield LoadFailure(where, InvalidRecord.code, f"第{lineno}行不是 JSON 对象。")
            continue
        rec_id, title, body = record.get("id"), record.get("title"), record.get("text")
        meta = record.get("metadata") or {}
        if isinstance(rec_id, int):
            rec_id = str(rec_id)
        if (
            not isinstance(rec_id, str)
            or not rec_id.strip()
            or not isinstance(body, str)
            or not isinstance(meta, dict)
        ):
            yield LoadFailure(
                where, InvalidRecord.code, f"第{lineno}行缺少 id 或 text 字段，或字段类型不正确。"
            )
            continue
        if not body.strip():
            yield LoadFailure(where, EmptyDocument.code, f"第{lineno}行记录“{rec_id}”的正文为空。")
            continue
        title_s = title.strip() if isinstance(title, str) and title.strip() else rec_id.strip()
        yield SourceDoc(
            doc_id=rec_id.strip(),
            title=title_s,
            text=body.strip(),
            doc_type=_doc_type_for_record(title_s, body, meta),
            source_path=rel,
            source_root=root,
            metadata={**meta, "format": "jsonl", "line": lineno},
        )


def _read_text_doc(path: Path, data: bytes) -> _Read:
    """Text, title guess and notes for every single-document format."""
    ext = path.suffix.lower()
    if ext in MARKDOWN_EXTS:
        raw = decode_bytes(data)
        heading = re.search(r"^\s{0,3}#\s+(.+?)\s*$", raw, re.MULTILINE)
        text = strip_markdown(raw)
        notes = LoadNotes(format="md", title_source="heading" if heading else "first_line")
        # below-title headings ([text, depth]): the splitter's structure for unnumbered ones (总则, 一、…)
        marks = [[m.group(2).strip(), len(m.group(1))] for m in _MD_HEADING_RE.finditer(raw)]
        return _Read(
            text,
            heading.group(1) if heading else first_line_title(text),
            notes,
            {"headings": marks} if marks else {},
        )
    if ext in HTML_EXTS:
        from service.ingest.html import html_to_text

        page = html_to_text(data)
        cleaned = clean_web_text(page.text)
        notes = LoadNotes(format="html", title_source="heading", removed=page.removed)
        if cleaned.dropped:
            notes.removed["boilerplate_lines"] += len(cleaned.dropped)
        if page.method != "main_content":
            notes.warn("no_main_content", "未能识别网页正文区域，已读取整页可见文字（仅按规则去除样板行）。")
        return _Read(cleaned.text, page.title, notes, cleaned.metadata)
    if ext == ".pdf":
        from service.ingest.pdf import pdf_to_text

        pdf = pdf_to_text(data)
        notes = LoadNotes(format="pdf", removed=pdf.removed)
        if pdf.pages_without_text:
            notes.warn(
                "pages_without_text",
                f"有 {pdf.pages_without_text} 页只有图片、没有文字层，这些页的内容未导入。",
            )
        return _Read(pdf.text, first_line_title(pdf.text), notes, meta_title=pdf.meta_title)
    if ext == ".docx":
        from service.ingest.docx import docx_to_lines

        lines, stats = docx_to_lines(data)
        text = "\n\n".join(b.strip() for b in lines if b.strip())
        notes = LoadNotes(format="docx")
        if stats.deleted_runs:
            notes.removed["deleted_revisions"] = stats.deleted_runs
        if stats.hidden_runs:
            notes.removed["hidden_runs"] = stats.hidden_runs
        if stats.unrendered:
            notes.warn(
                "numbering_unrendered",
                f"有 {stats.unrendered} 个段落使用了 Word 自动编号但缺少编号定义，编号可能丢失。",
            )
        return _Read(text, first_line_title(text), notes, meta_title=stats.title)
    cleaned = clean_web_text(decode_bytes(data))
    notes = LoadNotes(format="txt")
    if cleaned.dropped:
        notes.removed["boilerplate_lines"] += len(cleaned.dropped)
    return _Read(cleaned.text, first_line_title(cleaned.text), notes, cleaned.metadata)


def short_title(title: str) -> str | None:
    """A local regulation's title without its place name (青岚市楼院自治公约 → 楼院自治公约), so
    "楼院自治公约第三条" finds it; None when the title does not start with one or too little is left."""
    m = _REGION_PREFIX_RE.match(title)
    if not m:
        return None
    rest = re.sub(r"[（(][^）)]*[）)]$", "", title[m.end() :]).strip()
    return rest if len(rest) >= 4 else None


def _title_for(read: _Read, path: Path) -> str:
    """The read title, else the file's metadata title, else the file name (with a warning)."""
    if read.title:
        return read.title
    if read.meta_title and read.meta_title.strip():
        read.notes.title_source = "metadata"
        return read.meta_title.strip()
    read.notes.title_source = "filename"
    read.notes.warn(
        "title_from_filename", f"首行不像标题，文件中也没有标题信息，标题取自文件名“{path.stem}”。"
    )
    return path.stem


def _load_file(
    path: Path,
    *,
    rel: str,
    root: str,
    display: str,
    entry: ManifestEntry | None,
    max_bytes: int,
) -> Iterator[_Item]:
    ext = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLarge(f"文件过大（{size / 1e6:.1f} MB，上限 {max_bytes / 1e6:.1f} MB），已跳过。")
        if ext not in SUPPORTED_EXTS:
            head = path.read_bytes()[:65536] if size else b""
            if ext not in KNOWN_UNSUPPORTED and looks_binary(head):
                raise BinaryFile()
            raise UnsupportedFormat(
                f"不支持的文件格式“{ext or '无扩展名'}”（支持 .txt .md .html .pdf .docx .jsonl）。"
            )
        data = path.read_bytes()
        if not data.strip():
            raise EmptyDocument()
        if ext == ".jsonl":
            yield from _jsonl_docs(data, display, rel, root)
            return
        read = _read_text_doc(path, data)
        text = read.text
        if not text.strip():
            raise EmptyDocument()
    except LoadError as exc:
        yield LoadFailure(display, exc.code, exc.message)
        return
    except OSError as exc:
        yield LoadFailure(display, LoadError.code, f"文件无法读取（{type(exc).__name__}）。")
        return
    metadata: dict[str, Any] = {**read.metadata, "format": ext.lstrip(".")}
    if entry is not None:
        metadata.update(entry.metadata)
        read.notes.title_source = "manifest"
        doc = SourceDoc(
            doc_id=entry.doc_id,
            title=entry.title,
            text=text,
            doc_type=entry.doc_type,
            source_path=rel,
            source_root=root,
            metadata=metadata,
        )
        yield doc, read.notes
        return
    title = _title_for(read, path)
    if (short := short_title(title)) and "short_title" not in metadata:
        metadata["short_title"] = short
    doc = SourceDoc(
        doc_id=slugify(rel),
        title=title,
        text=text,
        doc_type=detect_doc_type(text),
        source_path=rel,
        source_root=root,
        metadata=metadata,
    )
    yield doc, read.notes


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` in a stable order, hidden files and folders skipped."""
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts) or "__pycache__" in rel.parts:
            continue
        if path.is_file():
            yield path


def _manifest_entry_for(file: Path) -> ManifestEntry | None:
    """The entry of the nearest enclosing knowledge manifest, so a file ingested alone keeps its doc id."""
    for parent in file.parents:
        if (parent / MANIFEST_NAME).is_file():
            try:
                manifest = read_manifest(parent)
            except LoadError:
                return None
            return (manifest or {}).get(file.relative_to(parent).as_posix())
    return None


def _collect(result: LoadResult, items: Iterator[_Item]) -> None:
    for item in items:
        if isinstance(item, LoadFailure):
            result.failures.append(item)
        elif isinstance(item, tuple):
            result.docs.append(item[0])
            result.notes[item[0].doc_id] = item[1]
        else:
            result.docs.append(item)


def load_paths(
    paths: list[Path], *, max_bytes: int = 50_000_000, corpus: CorpusCatalog | None = None
) -> LoadResult:
    """Load every file under ``paths``; failures are collected, never raised.

    ``source_root`` is the resolved PATH argument; ``source_path`` is the file's path relative to it
    (its name when the argument is the file itself). ``corpus``: the knowledge manifest for directories
    without one of their own (third-party corpus dirs): entries are found by path, description files
    (``SOURCES.md`` …) and files the knowledge dir holds itself are passed over. Entries with ``skip``
    are not loaded; they are listed in ``LoadResult.skipped`` with their reason.
    """
    result = LoadResult()
    for given in paths:
        root = given.expanduser().resolve()
        if root.is_dir():
            try:
                manifest = read_manifest(root)
            except LoadError as exc:
                result.failures.append(LoadFailure(str(given), exc.code, exc.message))
                manifest = None
            is_knowledge_root = (root / MANIFEST_NAME).is_file()
            for file in _walk(root):
                rel = file.relative_to(root).as_posix()
                if is_knowledge_root and rel in META_FILES:
                    continue
                if manifest is None and corpus is not None:
                    if file.name in META_FILES or corpus.owned(rel):
                        continue
                    entry = corpus.entry(rel)
                else:
                    entry = manifest.get(rel) if manifest else None
                if entry is not None and entry.skip:
                    result.skipped.append((str(given / rel), entry.skip))
                    continue
                _collect(
                    result,
                    _load_file(
                        file,
                        rel=rel,
                        root=str(root),
                        display=str(given / rel),
                        entry=entry,
                        max_bytes=max_bytes,
                    ),
                )
        elif root.is_file():
            entry = _manifest_entry_for(root) or (corpus.entry_for_file(root) if corpus else None)
            if entry is not None and entry.skip:
                result.skipped.append((str(given), entry.skip))
                continue
            _collect(
                result,
                _load_file(
                    root, rel=root.name, root=str(root), display=str(given), entry=entry, max_bytes=max_bytes
                ),
            )
        else:
            result.failures.append(LoadFailure(str(given), MissingPath.code, MissingPath.message))
    return result
