"""Fixtures of the real-model answer tests: one container over the shipped knowledge base per module."""

from __future__ import annotations

import pytest

from service.config import Settings
from service.container import Container, build_container


@pytest.fixture(scope="module")
def container(knowledge_settings: Settings) -> Container:
    return build_container(knowledge_settings)
