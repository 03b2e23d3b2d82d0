"""Helpers shared by all CLI commands: the ``--data-dir`` option and settings construction."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from service.config import Settings
from service.errors import StudyError

DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="数据目录（默认 STUDY_DATA_DIR 或 ./data）", show_default=False),
]


def build_settings(data_dir: Path | None, **overrides: Any) -> Settings:
    """Settings from env/.env, with explicit command-line values taking precedence."""
    values = {k: v for k, v in overrides.items() if v is not None}
    if data_dir is not None:
        values["data_dir"] = data_dir
    return Settings(**values)


def fail(err: StudyError) -> None:
    typer.echo(f"错误 [{err.code}]：{err.message}", err=True)
    sys.exit(1 if err.status < 500 else 2)
