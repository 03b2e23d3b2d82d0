"""``study serve`` ingests the knowledge dir into an empty data dir before serving, and only then."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app
from service.commands.serve import ensure_index
from service.config import Settings
from service.container import build_container
from service.ingest.corpus import corpus_file


def test_ensure_index_ingests_once(hash_settings: Settings, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    shutil.copy(corpus_file("regulations/中国共产党章程_2017_zh.md"), knowledge)
    settings = hash_settings.model_copy(update={"knowledge_dir": knowledge})
    container = build_container(settings)
    assert not container.index_manager.ready()
    assert ensure_index(settings, container) is True
    assert container.index_manager.ready()
    assert ensure_index(settings, container) is False  # an existing index is served as is


def test_ensure_index_without_knowledge_dir(hash_settings: Settings, tmp_path: Path) -> None:
    settings = hash_settings.model_copy(update={"knowledge_dir": tmp_path / "missing"})
    container = build_container(settings)
    assert ensure_index(settings, container) is False
    assert not container.index_manager.ready()


def test_serve_help_lists_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--data-dir", "--host", "--port"):
        assert option in result.output
