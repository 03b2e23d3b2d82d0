"""Evaluation configurations: named bundles of ``Settings`` overrides, stored as JSON files.

A configuration is what ``study eval compare`` varies (fusion mode and weights, embedding backend, …).
The shipped ones live in ``eval/configs/<name>.json`` and are referred to by name; any other JSON file
can be passed by path. ``retrieval_leg`` chooses which ranking the retrieval metrics read: the fused
``Retriever.search`` result (default) or one leg of ``Retriever.search_legs``, so "lexical only" measures
pure BM25 rather than a fusion with a zero weight.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from service.config import REPO_ROOT, Settings
from service.errors import ConfigError

CONFIGS_DIR = REPO_ROOT / "eval" / "configs"

RetrievalLeg = Literal["fused", "lexical", "dense"]


class EvalConfig(BaseModel):
    name: str
    description: str = ""
    settings: dict[str, Any] = Field(default_factory=dict)
    retrieval_leg: RetrievalLeg = "fused"
    answer: bool = True  # run the answerer too (answer.* metrics)

    def apply(self, base: Settings) -> Settings:
        """``base`` with this configuration's overrides, validated like any Settings."""
        unknown = sorted(set(self.settings) - set(Settings.model_fields))
        if unknown:
            raise ConfigError(f"评测配置 {self.name} 含未知设置项：{', '.join(unknown)}")
        values = base.model_dump()
        values.update(self.settings)
        try:
            return Settings.model_validate(values)
        except ValidationError as exc:
            raise ConfigError(f"评测配置 {self.name} 的设置不合法：{exc.errors()[0]['msg']}") from exc


def available_configs(configs_dir: Path = CONFIGS_DIR) -> list[str]:
    return sorted(p.stem for p in configs_dir.glob("*.json"))


def load_config(name_or_path: str, configs_dir: Path = CONFIGS_DIR) -> EvalConfig:
    """A configuration by shipped name (``rrf``) or by JSON file path."""
    path = Path(name_or_path)
    if not path.is_file():
        path = configs_dir / f"{name_or_path}.json"
    if not path.is_file():
        names = "、".join(available_configs(configs_dir))
        raise ConfigError(f"未知的评测配置 {name_or_path!r}，可选：{names}，或给出 JSON 文件路径。")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data.setdefault("name", path.stem)
        return EvalConfig.model_validate(data)
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ConfigError(f"评测配置文件 {path} 格式不正确：{exc}") from exc
