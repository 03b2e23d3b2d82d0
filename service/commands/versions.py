"""``study diff``: the 新旧条文对照表 of two versions of a work, from the current index.

``study diff 纪律处分条例 --from 2018 --to 2023 --format xlsx --out 对照表.xlsx``; without ``--out`` the
markdown (or HTML / JSON) goes to stdout. The same ``diff_versions`` serves
``GET /v1/documents/{work}/diff``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from service.commands.common import DataDirOption, build_settings, fail
from service.container import build_container
from service.errors import InvalidInput, StudyError
from service.versions.diff import diff_versions
from service.versions.export import FORMATS, to_html, to_json, to_markdown, to_xlsx
from service.versions.model import Works


def _diff(
    work: Annotated[str, typer.Argument(help="法规名称、简称或文档编号，如“纪律处分条例”")],
    from_version: Annotated[str, typer.Option("--from", help="旧版本（年份），如 2018")],
    to_version: Annotated[str, typer.Option("--to", help="新版本（年份），如 2023")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="md / html / xlsx / json")] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出文件（xlsx 必须指定）")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """新旧条文对照：按内容逐条对齐两个版本，标出新增 / 删除 / 修改 / 未变。"""
    settings = build_settings(data_dir)
    try:
        if fmt not in FORMATS:
            raise InvalidInput(f"未知的格式“{fmt}”（可选：{'、'.join(FORMATS)}）。")
        if fmt == "xlsx" and out is None:
            raise InvalidInput("xlsx 格式请用 --out 指定输出文件。")
        index = build_container(settings).index_manager.current()
        table = diff_versions(index, Works(index.documents()), work, from_version, to_version)
    except StudyError as err:
        fail(err)
        return
    if fmt == "xlsx":
        data: bytes = to_xlsx(table)
    elif fmt == "html":
        data = to_html(table).encode("utf-8")
    elif fmt == "json":
        data = json.dumps(to_json(table), ensure_ascii=False, indent=2).encode("utf-8")
    else:
        data = to_markdown(table).encode("utf-8")
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    out.write_bytes(data)
    c = table.counts()
    typer.echo(
        f"已写入 {out}：新增 {c['新增']} 条，删除 {c['删除']} 条，修改 {c['修改']} 条，未变 {c['未变']} 条。"
    )


def register(app: typer.Typer) -> None:
    app.command("diff")(_diff)
