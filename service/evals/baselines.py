"""Committed baselines and the regression check behind ``--fail-on-regression``.

A baseline file (``eval/baselines/<name>.json``) holds the metrics of a known-good run and tolerances:

    {"dataset": "smoke", "config": "default", "metrics": {"retrieval.recall@5": 0.9, ...},
     "tolerances": {"default": 0.02, "answer.char_f1": 0.05}}

Every metric in ``metrics`` is checked. Higher is better except for rates of mistakes and latencies
(``LOWER_IS_BETTER``). Latency depends on the machine, so it is only checked when the baseline names a
tolerance for it explicitly (in milliseconds, absolute).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.errors import ConfigError

LOWER_IS_BETTER = ("answer.false_refusal_rate",)
DEFAULT_TOLERANCE = 0.02


@dataclass(frozen=True)
class Regression:
    metric: str
    baseline: float
    current: float | None
    tolerance: float

    def describe(self) -> str:
        cur = "缺失" if self.current is None else f"{self.current:.4f}"
        return f"{self.metric}: 基线 {self.baseline:.4f}，本次 {cur}（容差 {self.tolerance}）"


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"无法读取评测基线 {path}：{exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise ConfigError(f"评测基线 {path} 缺少 metrics 对象。")
    return data


def find_regressions(current: dict[str, Any], baseline: dict[str, Any]) -> list[Regression]:
    """Metrics that got worse than the baseline by more than their tolerance."""
    tolerances: dict[str, float] = baseline.get("tolerances", {})
    default_tol = float(tolerances.get("default", DEFAULT_TOLERANCE))
    found: list[Regression] = []
    for key, base in baseline["metrics"].items():
        if base is None or not isinstance(base, int | float):
            continue
        if key.startswith("latency.") and key not in tolerances:
            continue
        tol = float(tolerances.get(key, default_tol))
        cur = current.get(key)
        if cur is None:
            found.append(Regression(key, float(base), None, tol))
            continue
        lower_better = key.startswith("latency.") or key in LOWER_IS_BETTER
        worse = cur > base + tol if lower_better else cur < base - tol
        if worse:
            found.append(Regression(key, float(base), float(cur), tol))
    return found


def make_baseline(metrics: dict[str, Any], tolerances: dict[str, float] | None = None) -> dict[str, Any]:
    """A baseline document from a run's metrics (numeric answer/retrieval metrics only)."""
    kept = {
        k: v
        for k, v in metrics.items()
        if k.startswith(("retrieval.", "answer.")) and isinstance(v, int | float) and not isinstance(v, bool)
    }
    return {
        "dataset": metrics.get("dataset"),
        "config": metrics.get("config"),
        "embedder": metrics.get("embedder"),
        "git_commit": metrics.get("git_commit"),
        "n_questions": metrics.get("n_questions"),
        "metrics": kept,
        "tolerances": tolerances or {"default": DEFAULT_TOLERANCE},
    }
