"""Loading source files into ``SourceDoc``s: one function, many formats, and one bad file never stops a batch.

``load_paths`` accepts files and directories (recursive). A directory holding ``manifest.json`` takes
doc ids, titles, types and metadata from it; other files get a slug id and a title from their first line.
Every failure is returned as a ``LoadFailure`` carrying the stable ``code`` of a ``LoadError`` subclass and
its Chinese message, so the CLI and the admin API can report "3 files failed, here is why" and go on.

Formats: .txt/.text, .md/.markdown, .html/.htm, .pdf (pypdf), .docx (python-docx) and .jsonl (one record
per line; a bad line fails alone). Web text (.txt, .html) goes through ``clean.clean_web_text``.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from service.errors import (
    BinaryFile,
    CorruptFile,
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
from service.schemas import DocType, SourceDoc
from service.text.split import record_article

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

_ARTICLE_LINE_RE = re.compile(r"^\s*第[零〇○一二两三四五六七八九十百千\d]+条[\s\u3000]", re.MULTILINE)
_MAX_TITLE = 60


@dataclass(frozen=True)
class LoadFailure:
    path: str
    code: str
    message: str


@dataclass
class LoadResult:
    docs: list[SourceDoc] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    # files a manifest says must not be indexed: (display path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)


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


_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
)
_DROP_CLASS_RE = re.compile(
    r"(share|breadcrumb|crumb|nav|menu|footer|copyright|related|recommend|comment|sidebar|toolbar|advert|\bad\b)",
    re.IGNORECASE,
)
_BLOCK_TAGS = (
    "p", "div", "section", "article", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "td", "th",
)  # fmt: skip


def _html_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii").lower() if m else None


def html_to_text(data: bytes) -> tuple[str, str | None]:
    """Visible article text of an HTML page (one block per line) and its ``<h1>``/``<title>``."""
    from bs4 import BeautifulSoup

    markup: str | None = None
    declared = _html_charset(data)
    if declared:
        try:
            markup = data.decode("gb18030" if declared in {"gb2312", "gbk"} else declared)
        except (LookupError, UnicodeDecodeError):
            markup = None
    if markup is None:
        markup = decode_bytes(data)
    soup = BeautifulSoup(markup, "lxml")
    title_tag = soup.find("h1") or soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in {"html", "body"}:
            continue
        attrs = " ".join([*cast(list[str], tag.get("class") or []), str(tag.get("id") or "")])
        if attrs.strip() and _DROP_CLASS_RE.search(attrs):
            tag.decompose()
    if soup.title:
        soup.title.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.append("\n")
    return soup.get_text(""), title or None


def _reflow_pdf_page(page: str) -> str:
    """Join the visual line wraps of a PDF page; keep breaks after sentence ends, short lines, articles."""
    lines = [ln.strip() for ln in page.split("\n")]
    lengths = sorted(len(ln) for ln in lines if ln)
    if not lengths:
        return ""
    typical = lengths[len(lengths) // 2]
    out: list[str] = []
    for ln in lines:
        if not ln:
            out.append("")
            continue
        prev = out[-1] if out else ""
        joinable = (
            prev
            and not prev.endswith(("。", "！", "？", "；", "：", "”", "」", "!", "?", ";", ":"))
            and len(prev) >= 0.8 * typical
            and not _ARTICLE_LINE_RE.match(ln)
        )
        if joinable:
            sep = " " if prev[-1].isascii() and ln[0].isascii() else ""
            out[-1] = prev + sep + ln
        else:
            out.append(ln)
    return "\n".join(out)


def pdf_to_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # "EOF marker not found" etc. become our own CorruptFile message
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        OSError,
        RecursionError,
    ) as exc:
        raise CorruptFile(f"PDF 文件已损坏或格式不正确，无法解析（{type(exc).__name__}）。") from exc
    finally:
        pypdf_log.setLevel(level)
    text = "\n\n".join(_reflow_pdf_page(p) for p in pages)
    if not text.strip():
        raise EmptyDocument("PDF 中没有可提取的文字（可能是扫描件或图片）。")
    return text


def docx_to_text(data: bytes) -> str:
    """Paragraphs and table rows of a .docx in document order."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        document = Document(io.BytesIO(data))
        blocks: list[str] = []
        for child in document.element.body.iterchildren():
            tag = str(child.tag)
            if tag.endswith("}p"):
                blocks.append(Paragraph(child, document).text)
            elif tag.endswith("}tbl"):
                for row in Table(child, document).rows:
                    blocks.append(" ".join(c.text.strip() for c in row.cells if c.text.strip()))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as exc:
        raise CorruptFile(f"Word 文档已损坏或不是 .docx 格式，无法解析（{type(exc).__name__}）。") from exc
    return "\n\n".join(b.strip() for b in blocks if b.strip())


# --- documents --------------------------------------------------------------------------------


def detect_doc_type(text: str) -> DocType:
    """``regulation`` when the text is organised in numbered articles (第X条 at line starts), else ``other``."""
    return "regulation" if len(_ARTICLE_LINE_RE.findall(text)) >= 2 else "other"


def first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        s = line.strip()
        if s:
            return s if len(s) <= _MAX_TITLE else None
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


def _read_text_doc(path: Path, data: bytes) -> tuple[str, str | None, dict[str, Any]]:
    """(text, title guess, metadata learnt while cleaning) for every single-document format."""
    ext = path.suffix.lower()
    if ext in MARKDOWN_EXTS:
        raw = decode_bytes(data)
        heading = re.search(r"^\s{0,3}#\s+(.+?)\s*$", raw, re.MULTILINE)
        text = strip_markdown(raw)
        return text, heading.group(1) if heading else first_line_title(text), {}
    if ext in HTML_EXTS:
        body, title = html_to_text(data)
        cleaned = clean_web_text(body)
        return cleaned.text, title or first_line_title(cleaned.text), cleaned.metadata
    if ext == ".pdf":
        text = pdf_to_text(data)
        return text, first_line_title(text), {}
    if ext == ".docx":
        text = docx_to_text(data)
        return text, first_line_title(text), {}
    cleaned = clean_web_text(decode_bytes(data))
    return cleaned.text, first_line_title(cleaned.text), cleaned.metadata


def _load_file(
    path: Path,
    *,
    rel: str,
    root: str,
    display: str,
    entry: ManifestEntry | None,
    max_bytes: int,
) -> Iterator[SourceDoc | LoadFailure]:
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
        text, title, meta = _read_text_doc(path, data)
        if not text.strip():
            raise EmptyDocument()
    except LoadError as exc:
        yield LoadFailure(display, exc.code, exc.message)
        return
    except OSError as exc:
        yield LoadFailure(display, LoadError.code, f"文件无法读取（{type(exc).__name__}）。")
        return
    metadata: dict[str, Any] = {**meta, "format": ext.lstrip(".")}
    if entry is not None:
        metadata.update(entry.metadata)
        yield SourceDoc(
            doc_id=entry.doc_id,
            title=entry.title,
            text=text,
            doc_type=entry.doc_type,
            source_path=rel,
            source_root=root,
            metadata=metadata,
        )
        return
    yield SourceDoc(
        doc_id=slugify(rel),
        title=title or path.stem,
        text=text,
        doc_type=detect_doc_type(text),
        source_path=rel,
        source_root=root,
        metadata=metadata,
    )


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


def _collect(result: LoadResult, items: Iterator[SourceDoc | LoadFailure]) -> None:
    for item in items:
        if isinstance(item, LoadFailure):
            result.failures.append(item)
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
