"""Settings: env prefix, list parsing and the generated .env.example staying in sync."""

from __future__ import annotations

import pytest

from service.config import REPO_ROOT, Settings, env_example


def test_env_example_lists_every_setting() -> None:
    committed = (REPO_ROOT / ".env.example").read_text(encoding="utf-8")
    assert committed == env_example(), "run `make env-example` after changing Settings"
    for name in Settings.model_fields:
        assert f"STUDY_{name.upper()}=" in committed


def test_env_prefix_and_origin_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDY_TOP_K", "7")
    monkeypatch.setenv("STUDY_CORS_ORIGINS", "https://a.example, https://b.example")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.top_k == 7
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_invalid_value_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDY_TOP_K", "0")
    with pytest.raises(ValueError):
        Settings(_env_file=None)  # type: ignore[call-arg]
