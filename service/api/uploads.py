"""Safe storage of uploaded knowledge files before they are ingested.

WHY a separate step: an upload is attacker-controlled input even from an admin's browser. Before anything
touches the knowledge base we (1) reduce the file name to a plain base name with an allowed extension, so
``../../app.db`` or ``C:\\x\\evil.txt`` can never address another file; (2) check zip containers (``.docx``)
for decompression bombs by reading their central directory, without extracting; (3) write each file
atomically (temp file + rename) into ``<data_dir>/uploads``. That directory is one ingest root, so a
re-upload of the same name updates the document and earlier uploads stay indexed.

Names are judged in their NFKC form too (``．．／x.md`` is ``../x.md``), and format characters (a
right-to-left override hiding the real extension, zero-width spaces) are refused. A Windows path
(``C:\\x\\evil.md``) is refused although the multipart parser reduces it to ``evil.md``: the raw
``Content-Disposition`` is read (``declared_name``).

Document ids belong to the root that ingested them (``vet_documents``): an upload may not take an id or
a title that another root (the shipped regulations) holds, nor an id another uploaded file holds; ids
follow the file-name rules. Uploads are vetted from a staging directory before anything is replaced, so a
refused upload leaves nothing behind.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from service.errors import ArchiveBomb, CorruptFile, DocumentConflict, UnsafeFileName

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex
    from service.schemas import SourceDoc

ALLOWED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl"})
MAX_NAME_CHARS = 120
# Real .docx files compress text roughly 3-10x; 100x or more than 200 MB expanded is not a document.
MAX_ZIP_RATIO = 100.0
MAX_ZIP_EXPANDED_BYTES = 200_000_000
MAX_ZIP_MEMBERS = 5_000
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def safe_file_name(raw: str | None) -> str:
    """The name to store an upload under, or ``UnsafeFileName``. Never strips silently to something else:
    a name with a path in it is refused rather than guessed at, so the admin sees what happened."""
    if not raw:
        raise UnsafeFileName("上传文件缺少文件名。")
    name = unicodedata.normalize("NFC", raw).strip()
    if not _name_is_safe(name) or len(name) > MAX_NAME_CHARS:
        raise UnsafeFileName(f"文件名不合法：{raw[:60]!r}（不能包含路径、控制字符或方向控制符）。")
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        allowed = "、".join(sorted(ALLOWED_SUFFIXES))
        raise UnsafeFileName(f"不支持的文件类型 {suffix or '（无扩展名）'}，可上传：{allowed}。")
    return name


def _name_is_safe(name: str) -> bool:
    """File-name rules shared by upload names and document ids (both as given and in NFKC form)."""
    for form in {name, unicodedata.normalize("NFKC", name)}:
        if (
            _FORBIDDEN.search(form)
            or form.startswith(".")
            or form in ("", ".", "..")
            or ".." in form
            or any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in form)
        ):
            return False
    return True


_DISPOSITION_NAME = re.compile(r'filename="((?:[^"\\]|\\.)*)"', re.I)


def declared_name(content_disposition: str | None, parsed: str | None) -> str | None:
    """The file name exactly as the client declared it in the part's ``Content-Disposition``.

    The multipart parser keeps only the last component of a Windows path (``C:\\x\\evil.md`` →
    ``evil.md``); judging the declared name refuses it instead of storing something else.
    """
    match = _DISPOSITION_NAME.search(content_disposition or "")
    if match is None:
        return parsed
    raw = re.sub(r"\\(.)", r"\1", match.group(1))
    try:
        raw = raw.encode("latin-1").decode("utf-8")  # headers arrive as latin-1 text
    except (UnicodeEncodeError, UnicodeDecodeError):
        return parsed
    return raw if "\\" in raw or "/" in raw else parsed


MAX_DOC_ID_CHARS = 200


def check_doc_id(doc_id: str) -> None:
    """A document id must be usable as a file name and a URL segment (``UnsafeFileName`` otherwise)."""
    if not _name_is_safe(doc_id) or len(doc_id) > MAX_DOC_ID_CHARS:
        raise UnsafeFileName(
            f"文档编号不合法：{doc_id[:60]!r}（规则同文件名：不能包含路径、控制字符或以点开头）。"
        )


def _title_key(title: str) -> str:
    from service.text.normalize import normalize_for_match

    return re.sub(r"[\s《》〈〉<>“”\"'`]+", "", normalize_for_match(unicodedata.normalize("NFKC", title)))


def vet_documents(docs: list[SourceDoc], index: KnowledgeIndex | None, uploads_root: str) -> None:
    """Refuse an upload batch that would take what another root or another file holds (409), or whose
    ids break the file-name rules (422). ``docs`` were loaded from staging under their final names."""
    seen: dict[str, str] = {}
    for doc in docs:
        check_doc_id(doc.doc_id)
        source = Path(doc.source_path or doc.doc_id).name
        if doc.doc_id in seen and seen[doc.doc_id] != source:
            raise DocumentConflict(
                f"上传的文件 {seen[doc.doc_id]} 与 {source} 对应同一文档编号“{doc.doc_id}”。"
            )
        seen[doc.doc_id] = source
    if index is None:
        return
    held = {d.doc_id: d for d in index.documents()}
    other_titles = {_title_key(d.title): d for d in held.values() if d.source_root != uploads_root}
    for doc in docs:
        prev = held.get(doc.doc_id)
        if prev is not None and prev.source_root != uploads_root:
            raise DocumentConflict(
                f"文档编号“{doc.doc_id}”属于知识库中的《{prev.title}》，上传的文件不能替换它；请换一个编号。"
            )
        if prev is not None and Path(prev.source_path or "").name != Path(doc.source_path or "").name:
            raise DocumentConflict(
                f"文档编号“{doc.doc_id}”已由上传文件 {prev.source_path} 使用；请改名后再上传，或先删除该文档。"
            )
        same_title = other_titles.get(_title_key(doc.title))
        if same_title is not None:
            raise DocumentConflict(
                f"标题《{doc.title}》与知识库中的文档“{same_title.doc_id}”相同，上传的文件不能冒用；请修改标题。"
            )


def check_zip_container(path: Path) -> None:
    """Refuse a zip-based document whose declared expansion is a bomb (checked before any extraction)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFile("文件已损坏（不是有效的 docx）。") from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ArchiveBomb(f"压缩包内文件过多（{len(infos)} 个）。")
    expanded = sum(i.file_size for i in infos)
    compressed = max(1, sum(i.compress_size for i in infos))
    if expanded > MAX_ZIP_EXPANDED_BYTES or expanded / compressed > MAX_ZIP_RATIO:
        raise ArchiveBomb()


def store_upload(directory: Path, raw_name: str | None, data: bytes) -> Path:
    """Validate and atomically write one uploaded file; returns its final path."""
    name = safe_file_name(raw_name)
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".upload-", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if Path(name).suffix.lower() == ".docx":
            check_zip_container(tmp)
        target = directory / name
        if target.resolve().parent != directory.resolve():
            raise UnsafeFileName()
        os.replace(tmp, target)
        return target
    finally:
        tmp.unlink(missing_ok=True)
