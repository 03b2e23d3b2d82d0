"""Safe storage of uploaded knowledge files before they are ingested.

WHY a separate step: an upload is attacker-controlled input even from an admin's browser. Before anything
touches the knowledge base we (1) reduce the file name to a plain base name with an allowed extension, so
``../../app.db`` or ``C:\\x\\evil.txt`` can never address another file; (2) check zip containers (``.docx``)
for decompression bombs by reading their central directory, without extracting; (3) write each file
atomically (temp file + rename) into ``<data_dir>/uploads``. That directory is one ingest root, so a
re-upload of the same name updates the document and earlier uploads stay indexed.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from service.errors import ArchiveBomb, CorruptFile, UnsafeFileName

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
    if (
        _FORBIDDEN.search(name)
        or name.startswith(".")
        or name in ("", ".", "..")
        or ".." in name
        or len(name) > MAX_NAME_CHARS
    ):
        raise UnsafeFileName(f"文件名不合法：{raw[:60]!r}（不能包含路径或特殊字符）。")
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        allowed = "、".join(sorted(ALLOWED_SUFFIXES))
        raise UnsafeFileName(f"不支持的文件类型 {suffix or '（无扩展名）'}，可上传：{allowed}。")
    return name


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
