"""Operator commands: ``study keys create|list|revoke``, ``study backup`` and ``study restore``.

Thin wrappers over ``service.store.keys`` and ``service.backup`` (the same code the admin API uses). The
plaintext of a new key is printed once, on stdout alone with ``--quiet`` so scripts can capture it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from service.commands.common import DataDirOption, build_settings, fail
from service.errors import StudyError
from service.store.db import Database
from service.store.keys import ROLES, KeyStore

keys_app = typer.Typer(
    help="管理 API 密钥（学员 member / 培训员 trainer / 管理员 admin）。", no_args_is_help=True
)


def _store(data_dir: Path | None) -> KeyStore:
    settings = build_settings(data_dir)
    return KeyStore(Database(settings.db_path))


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "-"


@keys_app.command("create")
def keys_create(
    role: Annotated[str, typer.Option("--role", help=f"角色：{' / '.join(ROLES)}")],
    name: Annotated[str, typer.Option("--name", help="持有人或用途，如“张三”“挂件公开密钥”")],
    origins: Annotated[
        list[str] | None,
        typer.Option(
            "--origins", help="仅允许这些网页来源使用（可多次给出或用逗号分隔），如 https://a.example"
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="只输出明文密钥")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """创建密钥。明文只显示这一次，请立即保存。"""
    split = [o.strip() for item in origins or [] for o in item.split(",") if o.strip()]
    try:
        key, plaintext = _store(data_dir).create(name, role, split)
    except StudyError as err:
        fail(err)
        return
    if quiet:
        typer.echo(plaintext)
        return
    typer.echo(f"已创建密钥 {key.id}（{key.name}，角色 {key.role}）")
    if key.origins:
        typer.echo(f"限定来源：{', '.join(key.origins)}")
    typer.echo(f"明文密钥（仅显示一次）：{plaintext}")


@keys_app.command("list")
def keys_list(
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """列出密钥（不含明文）。"""
    keys = _store(data_dir).list()
    if as_json:
        typer.echo(json.dumps([k.to_public() for k in keys], ensure_ascii=False, indent=1))
        return
    if not keys:
        typer.echo("尚无密钥：服务仅允许本机访问。")
        return
    for k in keys:
        state = "有效" if k.active else f"已吊销 {_when(k.revoked_at)}"
        origins = f"  来源 {','.join(k.origins)}" if k.origins else ""
        typer.echo(
            f"{k.id}  {k.role:<7}  {k.name}  创建 {_when(k.created_at)}  最近使用 {_when(k.last_used_at)}  {state}{origins}"
        )


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="密钥编号（study keys list 第一列）")],
    data_dir: DataDirOption = None,
) -> None:
    """吊销密钥，立即生效（共享数据库的所有副本同时生效）。"""
    try:
        key = _store(data_dir).revoke(key_id)
    except StudyError as err:
        fail(err)
        return
    typer.echo(f"已吊销密钥 {key.id}（{key.name}）。")


def backup(
    out: Annotated[Path, typer.Option("--out", "-o", help="备份文件路径，如 backup-2024.tar.gz")],
    with_cache: Annotated[bool, typer.Option("--with-cache", help="同时备份嵌入缓存（可能很大）")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """备份数据目录：数据库（在线一致快照）、当前索引版本及其向量、上传文件，附校验清单。"""
    from service.backup import create_backup

    settings = build_settings(data_dir)
    try:
        report = create_backup(settings, out, with_cache=with_cache)
    except StudyError as err:
        fail(err)
        return
    size = out.stat().st_size
    typer.echo(
        f"已备份到 {report.path}：{report.files} 个文件，{report.vectors} 条向量，"
        f"压缩后 {size / 1e6:.1f} MB（{'、'.join(report.included) or '空数据目录'}）。"
    )


def restore(
    archive: Annotated[Path, typer.Argument(help="study backup 生成的 .tar.gz 文件")],
    data_dir: DataDirOption = None,
) -> None:
    """从备份恢复（请先停止服务）。先完整校验，损坏或含不安全路径的备份会被拒绝，数据目录保持不变。"""
    from service.backup import restore_backup

    settings = build_settings(data_dir)
    if not archive.is_file():
        typer.echo(f"错误：找不到备份文件 {archive}", err=True)
        raise typer.Exit(1)
    try:
        report = restore_backup(settings, archive)
    except StudyError as err:
        fail(err)
        return
    typer.echo(f"已恢复 {report.files} 个文件，当前索引版本 {report.generation or '（无）'}。")
    if report.previous_db:
        typer.echo(f"原数据库已保留为 {report.previous_db}")


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
    app.command("backup")(backup)
    app.command("restore")(restore)
