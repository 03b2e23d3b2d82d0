"""CLI commands (placeholder registration until the owning module lands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    return None
