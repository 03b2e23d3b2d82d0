"""``study backup`` / ``study restore``: round trip, consistency, and refusal of corrupt or hostile archives."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.backends.embedders import HashEmbedder
from service.backup import MANIFEST, create_backup, restore_backup
from service.config import Settings
from service.container import build_container
from service.errors import CorruptArchive, IngestInProgress
from service.ingest.pipeline import ingest
from service.store.db import Database
from service.store.keys import KeyStore


def write_kb(root: Path, n: int = 4) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"条例{i}.txt").write_text(
            f"学习条例{i}\n\n第一条 党员应当认真学习第{i}号文件。\n\n第二条 党员享有第{i}项民主权利。\n",
            encoding="utf-8",
        )
    return root


def settings_for(path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=path, embedding_backend="hash")  # type: ignore[call-arg]


@pytest.fixture
def populated(tmp_path: Path) -> Settings:
    settings = settings_for(tmp_path / "data")
    report = ingest([write_kb(tmp_path / "kb")], settings, HashEmbedder(), progress=False)
    assert report.changed and not report.failures
    KeyStore(Database(settings.db_path)).create("备份测试", "admin")
    (settings.data_dir / "uploads").mkdir(parents=True)
    (settings.data_dir / "uploads" / "上传.txt").write_text("上传的文件", encoding="utf-8")
    return settings


def search_ids(settings: Settings, query: str) -> list[str]:
    return [h.chunk_id for h in build_container(settings).retriever.search(query, top_k=4)]


def test_round_trip_restores_db_index_and_uploads(populated: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    report = create_backup(populated, archive)
    assert archive.is_file() and report.generation and report.vectors == 8
    restored = settings_for(tmp_path / "restored")
    result = restore_backup(restored, archive)
    assert result.generation == report.generation
    keys = KeyStore(Database(restored.db_path)).list()
    assert [k.name for k in keys] == ["备份测试"]
    assert (restored.data_dir / "uploads" / "上传.txt").read_text(encoding="utf-8") == "上传的文件"
    assert search_ids(restored, "民主权利") == search_ids(populated, "民主权利")
    assert search_ids(restored, "民主权利")


def test_backup_holds_only_current_generation(populated: Settings, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    (kb / "条例0.txt").write_text("学习条例0\n\n第一条 修改后的内容。\n", encoding="utf-8")
    second = ingest([kb], populated, HashEmbedder(), progress=False)
    assert second.changed
    archive = tmp_path / "b.tar.gz"
    create_backup(populated, archive)
    with tarfile.open(archive) as tar:
        gens = {Path(n).parts[1] for n in tar.getnames() if n.startswith("index/gen-")}
        manifest = json.load(tar.extractfile(MANIFEST))  # type: ignore[arg-type]
    assert gens == {second.generation}
    assert manifest["generation"] == second.generation
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())


def test_restore_keeps_previous_database(populated: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    create_backup(populated, archive)
    KeyStore(Database(populated.db_path)).create("备份之后", "member")
    result = restore_backup(populated, archive)
    assert result.previous_db is not None and result.previous_db.exists()
    names = [k.name for k in KeyStore(Database(populated.db_path)).list()]
    assert names == ["备份测试"]
    old = [k.name for k in KeyStore(Database(result.previous_db)).list()]
    assert old == ["备份测试", "备份之后"]


def _rewrite(archive: Path, out: Path, edit: object) -> None:
    """Copy ``archive`` to ``out`` passing each (TarInfo, bytes) through ``edit`` (may add/drop)."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            for info, payload in edit(member, data):  # type: ignore[operator]
                dst.addfile(info, io.BytesIO(payload) if info.isfile() else None)


def _file(name: str, data: bytes) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info


def _hostile_variants() -> dict[str, object]:
    def flip(m: tarfile.TarInfo, d: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        if m.name == "app.db":
            d = bytes([d[0] ^ 1]) + d[1:]
        return [(m, d)]

    def traversal(m: tarfile.TarInfo, d: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        out = [(m, d)]
        if m.name == MANIFEST:
            out.append((_file("../escaped.txt", b"x"), b"x"))
        return out

    def absolute(m: tarfile.TarInfo, d: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        if m.name == "app.db":
            m.name = "/tmp/app.db"
        return [(m, d)]

    def symlink(m: tarfile.TarInfo, d: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        out = [(m, d)]
        if m.name == MANIFEST:
            link = tarfile.TarInfo("uploads/link")
            link.type = tarfile.SYMTYPE
            link.linkname = "/etc/passwd"
            out.append((link, b""))
        return out

    def extra(m: tarfile.TarInfo, d: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        out = [(m, d)]
        if m.name == MANIFEST:
            out.append((_file("uploads/unlisted.txt", b"x"), b"x"))
        return out

    def no_manifest(m: tarfile.TarInfo, d: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
        return [] if m.name == MANIFEST else [(m, d)]

    return {
        "checksum": flip,
        "traversal": traversal,
        "absolute": absolute,
        "symlink": symlink,
        "unlisted": extra,
        "no_manifest": no_manifest,
    }


@pytest.mark.parametrize("variant", sorted(_hostile_variants()))
def test_restore_refuses_hostile_archives(populated: Settings, tmp_path: Path, variant: str) -> None:
    archive = tmp_path / "b.tar.gz"
    create_backup(populated, archive)
    bad = tmp_path / f"{variant}.tar.gz"
    _rewrite(archive, bad, _hostile_variants()[variant])
    target = settings_for(tmp_path / "target")
    KeyStore(Database(target.db_path)).create("已有数据", "member")
    before = target.db_path.read_bytes()
    with pytest.raises(CorruptArchive):
        restore_backup(target, bad)
    assert target.db_path.read_bytes() == before  # nothing touched
    assert not (tmp_path / "escaped.txt").exists()
    assert not (target.data_dir / "uploads").exists()
    assert not (target.data_dir / "index").exists()


def test_restore_refuses_truncated_and_garbage(populated: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    create_backup(populated, archive)
    truncated = tmp_path / "t.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    garbage = tmp_path / "g.tar.gz"
    garbage.write_bytes(b"not a tarball at all")
    target = settings_for(tmp_path / "target")
    for bad in (truncated, garbage):
        with pytest.raises(CorruptArchive):
            restore_backup(target, bad)


def test_cli_backup_and_restore(populated: Settings, tmp_path: Path) -> None:
    from service.cli import app

    runner = CliRunner()
    archive = tmp_path / "cli.tar.gz"
    res = runner.invoke(app, ["backup", "--out", str(archive), "--data-dir", str(populated.data_dir)])
    assert res.exit_code == 0, res.output
    assert "已备份" in res.output
    res = runner.invoke(app, ["restore", str(archive), "--data-dir", str(tmp_path / "cli-restored")])
    assert res.exit_code == 0, res.output
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"junk")
    res = runner.invoke(app, ["restore", str(bad), "--data-dir", str(tmp_path / "cli-restored")])
    assert res.exit_code != 0 and "corrupt_archive" in res.output


def test_restore_installs_like_an_ingest(populated: Settings, tmp_path: Path) -> None:
    # Restore goes through the same install as an ingest (service/index/lifecycle.py): the restored
    # generation becomes CURRENT, the one it replaced is kept for readers, and it waits for the writer lock.
    from service.index.generations import list_generations, read_current
    from service.index.lifecycle import index_lock

    archive = tmp_path / "b.tar.gz"
    backed_up = create_backup(populated, archive).generation
    kb = tmp_path / "kb"
    (kb / "条例0.txt").write_text("学习条例0\n\n第一条 修改后的内容。\n", encoding="utf-8")
    replaced = ingest([kb], populated, HashEmbedder(), progress=False).generation
    assert replaced and replaced != backed_up
    with index_lock(populated), pytest.raises(IngestInProgress):
        restore_backup(populated, archive)
    restore_backup(populated, archive)
    assert read_current(populated.index_root) == backed_up
    assert set(list_generations(populated.index_root)) == {backed_up, replaced}
    assert search_ids(populated, "民主权利")
