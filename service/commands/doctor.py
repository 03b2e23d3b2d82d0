"""``study doctor``: the state of a data dir's index and what to do about it (``service/index/verify.py``)."""

from __future__ import annotations

import typer

from service.commands.common import DataDirOption, build_settings, fail
from service.errors import StudyError


def _doctor(data_dir: DataDirOption = None) -> None:
    """检查数据目录：索引各版本是否完整、当前使用哪个版本、如何修复。"""
    from service.index.verify import inspect_data_dir

    settings = build_settings(data_dir)
    try:
        report = inspect_data_dir(settings)
    except StudyError as err:
        fail(err)
        return
    typer.echo(f"数据目录：{settings.data_dir}")
    typer.echo(f"当前版本（CURRENT）：{report.current or '无'}")
    for gen in report.generations:
        mark = "当前" if gen.current else "旧版"
        state = "完好" if gen.ok else "损坏"
        typer.echo(f"  {gen.name}  {mark}  {state}")
        for problem in gen.problems:
            typer.echo(f"    - {problem}")
    for line in report.advice:
        typer.echo(line)
    if not report.healthy:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("doctor")(_doctor)
