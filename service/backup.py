"""``study backup`` / ``study restore``: a consistent, verifiable copy of the data directory.

WHY this shape:
- **Consistent while serving.** The SQLite database is copied with SQLite's online backup API (a
  transactionally consistent snapshot even while the API writes feedback). The index is the generation
  ``CURRENT`` names, copied while holding the ingest lock, so no ingest can swap or delete it mid-copy.
  Its vectors are exported through the Chroma client (``backends/vector_dump.py``): the on-disk Chroma
  store is shared by generations and, in server mode, not ours to copy.
- **Verifiable.** ``MANIFEST.json`` lists every file with its size and SHA-256. Restore checks each
  member before anything in the data directory is touched.
- **Safe to restore from an untrusted file.** Members must be plain files/dirs with relative names
  inside the archive (no ``..``, absolute paths, links or devices), every file must be in the manifest
  and match its checksum, and the total size is bounded by the manifest. Anything else is refused with
  ``corrupt_archive`` and the data directory is left as it was.
- **Restore never destroys.** The previous database is kept as ``app.db.before-restore-<time>``; the
  restored generation is installed like an ingest's (``service/index/lifecycle.py``): ``CURRENT`` is
  swapped last (atomically) and the generation it replaces is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from service.config import Settings
from service.errors import CorruptArchive

BACKUP_FORMAT = 1
MANIFEST = "MANIFEST.json"
DB_MEMBER = "app.db"
CACHE_MEMBER = "cache/embeddings.sqlite3"
MAX_RESTORE_BYTES = 20_000_000_000  # refuse archives claiming more than 20 GB


@dataclass
class BackupReport:
    path: Path
    generation: str | None
    files: int = 0
    bytes: int = 0
    vectors: int = 0
    included: list[str] = field(default_factory=list)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sqlite_snapshot(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the online backup API (consistent under concurrent writers)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal sidecar
    finally:
        dst.close()
        src.close()


def _export_vectors(settings: Settings, generation: str, target: Path) -> int:
    from service.backends.vector_dump import export_collection

    ids, vectors, metas = export_collection(settings, generation)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        np.savez(
            fh,
            ids=np.asarray(ids, dtype=object).astype(str),
            vectors=vectors,
            metadatas=np.asarray(json.dumps(metas, ensure_ascii=False)),
        )
    return len(ids)


def create_backup(settings: Settings, out: Path, *, with_cache: bool = False) -> BackupReport:
    """Write ``out`` (``.tar.gz``) from ``settings.data_dir``; see the module docstring."""
    from service.index.lifecycle import index_transaction

    out = out.expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    report = BackupReport(path=out, generation=None)
    with tempfile.TemporaryDirectory(prefix="study-backup-", dir=out.parent) as tmp_name:
        stage = Path(tmp_name)
        if settings.db_path.exists():
            _sqlite_snapshot(settings.db_path, stage / DB_MEMBER)
            report.included.append("数据库")
        if with_cache and settings.embedding_cache_path.exists():
            _sqlite_snapshot(settings.embedding_cache_path, stage / CACHE_MEMBER)
            report.included.append("嵌入缓存")
        uploads = settings.uploads_dir
        if uploads.is_dir():
            for src in sorted(uploads.rglob("*")):
                if src.is_file() and not src.is_symlink() and not src.name.startswith("."):
                    dst = stage / "uploads" / src.relative_to(uploads)
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dst)
            report.included.append("上传文件")
        if settings.index_root.exists():
            with index_transaction(settings) as tx:
                generation = tx.current
                if generation is not None:
                    gen_dir = settings.index_root / generation
                    shutil.copytree(gen_dir, stage / "index" / generation, symlinks=False)
                    report.vectors = _export_vectors(
                        settings, generation, stage / "vectors" / f"{generation}.npz"
                    )
                    (stage / "index" / "CURRENT").write_text(generation + "\n", encoding="utf-8")
                    report.generation = generation
                    report.included.append(f"索引 {generation}")
        files: dict[str, dict[str, Any]] = {}
        for path in sorted(p for p in stage.rglob("*") if p.is_file()):
            rel = path.relative_to(stage).as_posix()
            files[rel] = {"size": path.stat().st_size, "sha256": _sha256_file(path)}
        manifest = {
            "format": BACKUP_FORMAT,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "generation": report.generation,
            "files": files,
        }
        (stage / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(stage / MANIFEST, arcname=MANIFEST)
            for rel in files:
                tar.add(stage / rel, arcname=rel, recursive=False)
        with open(partial, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, out)  # a crash mid-backup never leaves a truncated FILE.tar.gz behind
        report.files = len(files)
        report.bytes = sum(int(f["size"]) for f in files.values())
    return report


# --- restore -----------------------------------------------------------------------------------------
def _safe_member_name(name: str) -> str:
    pure = PurePosixPath(name)
    if (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or "\x00" in name
        or pure.is_absolute()
        or any(part in ("..", "") for part in name.split("/"))
        or (len(name) > 1 and name[1] == ":")
    ):
        raise CorruptArchive(f"备份中含有不安全的路径：{name[:80]!r}，已拒绝恢复。")
    return pure.as_posix()


def verify_backup(archive: Path, extract_to: Path) -> dict[str, Any]:
    """Check and extract ``archive`` into ``extract_to``; returns the manifest. Raises ``CorruptArchive``."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            return _verify_members(tar, members, extract_to)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise CorruptArchive("备份文件无法读取、已截断或损坏（不是有效的 tar.gz）。") from exc


def _verify_members(tar: tarfile.TarFile, members: list[tarfile.TarInfo], extract_to: Path) -> dict[str, Any]:
    by_name: dict[str, tarfile.TarInfo] = {}
    for m in members:
        name = _safe_member_name(m.name)
        if not (m.isfile() or m.isdir()):
            raise CorruptArchive(f"备份中含有链接或特殊文件：{name[:80]!r}，已拒绝恢复。")
        if m.isfile():
            if name in by_name:
                raise CorruptArchive(f"备份中文件重复：{name[:80]!r}。")
            by_name[name] = m
    if MANIFEST not in by_name or by_name[MANIFEST].size > 50_000_000:
        raise CorruptArchive("备份缺少清单文件 MANIFEST.json。")
    raw = tar.extractfile(by_name[MANIFEST])
    try:
        manifest: dict[str, Any] = json.loads(raw.read().decode("utf-8")) if raw else {}
        files: dict[str, dict[str, Any]] = manifest["files"]
        if manifest.get("format") != BACKUP_FORMAT or not isinstance(files, dict):
            raise ValueError
        total = sum(int(f["size"]) for f in files.values())
    except (ValueError, KeyError, TypeError) as exc:
        raise CorruptArchive("备份清单格式不正确。") from exc
    if total > MAX_RESTORE_BYTES:
        raise CorruptArchive("备份声明的内容过大，已拒绝恢复。")
    extra = set(by_name) - set(files) - {MANIFEST}
    missing = set(files) - set(by_name)
    if extra or missing:
        raise CorruptArchive("备份内容与清单不一致（文件多出或缺失）。")
    root = extract_to.resolve()
    for name, expect in files.items():
        _safe_member_name(name)
        member = by_name[name]
        if member.size != int(expect["size"]):
            raise CorruptArchive(f"文件大小与清单不符：{name[:80]}。")
        target = (root / name).resolve()
        if not target.is_relative_to(root):
            raise CorruptArchive(f"备份中含有不安全的路径：{name[:80]!r}。")
        target.parent.mkdir(parents=True, exist_ok=True)
        src = tar.extractfile(member)
        if src is None:
            raise CorruptArchive(f"无法读取备份中的文件：{name[:80]}。")
        h = hashlib.sha256()
        written = 0
        with open(target, "wb") as dst:
            while block := src.read(1 << 20):
                written += len(block)
                if written > member.size:
                    raise CorruptArchive(f"文件内容超出声明大小：{name[:80]}。")
                h.update(block)
                dst.write(block)
        if h.hexdigest() != expect["sha256"]:
            raise CorruptArchive(f"文件校验和不符（备份已损坏）：{name[:80]}。")
    return manifest


@dataclass
class RestoreReport:
    generation: str | None
    files: int
    previous_db: Path | None = None


def restore_backup(settings: Settings, archive: Path) -> RestoreReport:
    """Verify ``archive`` completely, then restore it into ``settings.data_dir`` (see module docstring).

    Stop the API (or every replica) first: the database file is replaced.
    """
    from service.backends.vector_dump import import_collection
    from service.index.generations import is_complete
    from service.index.lifecycle import index_transaction

    data_dir = settings.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=data_dir) as tmp_name:
        stage = Path(tmp_name)
        manifest = verify_backup(archive, stage)
        generation = manifest.get("generation")
        if generation is not None:
            if not isinstance(generation, str) or "/" in generation or not generation.startswith("gen-"):
                raise CorruptArchive("备份中的索引版本名不合法。")
            if (
                not is_complete(stage / "index" / generation)
                or not (stage / "vectors" / f"{generation}.npz").is_file()
            ):
                raise CorruptArchive("备份中的索引不完整。")
        report = RestoreReport(generation=generation, files=len(manifest["files"]))
        if (stage / DB_MEMBER).is_file():
            _check_sqlite(stage / DB_MEMBER)
            if settings.db_path.exists():
                report.previous_db = settings.db_path.with_name(
                    f"{settings.db_path.name}.before-restore-{time.strftime('%Y%m%d%H%M%S')}"
                )
                _sqlite_snapshot(settings.db_path, report.previous_db)
            for suffix in ("-wal", "-shm"):
                Path(str(settings.db_path) + suffix).unlink(missing_ok=True)
            os.replace(stage / DB_MEMBER, settings.db_path)
        if (stage / CACHE_MEMBER).is_file():
            settings.embedding_cache_path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / CACHE_MEMBER, settings.embedding_cache_path)
        if (stage / "uploads").is_dir():
            target = settings.uploads_dir
            for src in sorted(p for p in (stage / "uploads").rglob("*") if p.is_file()):
                dst = target / src.relative_to(stage / "uploads")
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
        if generation is not None:
            with index_transaction(settings) as tx:
                with np.load(stage / "vectors" / f"{generation}.npz", allow_pickle=False) as npz:
                    ids = [str(i) for i in npz["ids"]]
                    vectors = np.asarray(npz["vectors"], dtype=np.float32)
                    metadatas = json.loads(str(npz["metadatas"]))
                import_collection(settings, generation, ids, vectors, metadatas)
                settings.index_root.mkdir(parents=True, exist_ok=True)
                gen_target = settings.index_root / generation
                if gen_target.exists():
                    shutil.rmtree(gen_target)
                shutil.move(str(stage / "index" / generation), gen_target)
                tx.install(generation)
    return report


def _check_sqlite(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptArchive("备份中的数据库已损坏。") from exc
    if not ok or ok[0] != "ok":
        raise CorruptArchive("备份中的数据库未通过完整性检查。")
