"""The ``study`` command (also ``python -m service``): thin commands over the library functions the API uses.

Every command accepts ``--data-dir DIR`` (default ``STUDY_DATA_DIR`` or ``./data``). Settings are built
here, at the edge, and passed down. Command groups live in ``service/commands/`` (one module per owner).
"""

from __future__ import annotations

import typer

from service.commands import admin, console, doctor, evals, kb, quiz, serve, versions

app = typer.Typer(
    name="study",
    help="党建学习助手：导入知识库、检索、问答服务、出题与评测。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

kb.register(app)
serve.register(app)
evals.register(app)
quiz.register(app)
admin.register(app)
versions.register(app)
doctor.register(app)
console.register(app)


def main() -> None:
    app()
