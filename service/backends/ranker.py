"""Learning-to-rank models behind one small interface (issue 17, item 1).

``Ranker`` scores a feature matrix (one row per candidate of one query, columns in the order the model
was trained with) and returns one score per row, higher = better. The only implementation today is
LightGBM's ``lambdarank`` (``LightGBMRanker``), kept here so the rest of the code never imports the
framework: ``service/rag/rerank.py`` builds features and orders candidates, ``bench/build_rerank.py``
trains through ``train_lambdarank``.

Model files are LightGBM's own text format (``Booster.save_model``: readable, diffable, versioned in
``service/rag/models/``); they are loaded with ``Booster(model_str=...)``. A file that is missing,
unreadable or not a LightGBM model raises ``RankerUnavailable`` with the reason, which the caller turns
into a logged fallback (the service never fails a search because of the model file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]
Scores = npt.NDArray[np.float64]


class RankerUnavailable(RuntimeError):
    """The model file is missing, unreadable or damaged (the message says which)."""


@runtime_checkable
class Ranker(Protocol):
    """Scores the rows of a ``(n_candidates, n_features)`` matrix; returns ``(n_candidates,)`` floats."""

    name: str
    n_features: int

    def predict(self, features: Matrix) -> Scores: ...


class LightGBMRanker:
    """A trained LightGBM booster (``lambdarank``) read from its text model.

    ``predict`` runs single-threaded (``num_threads=1``): a query has at most a few hundred candidates,
    and the service runs many requests side by side on few cores (docs/retrieval.md, Under load).
    """

    def __init__(self, model_text: str, name: str = "lightgbm") -> None:
        import lightgbm

        try:
            self._booster = lightgbm.Booster(model_str=model_text)
        except lightgbm.basic.LightGBMError as exc:  # a truncated or foreign file
            raise RankerUnavailable(f"排序模型无法读取（{exc}）") from exc
        self.name = name
        self.n_features = int(self._booster.num_feature())

    def predict(self, features: Matrix) -> Scores:
        return self.predict_rounds(features, None)

    def text(self, rounds: int | None = None) -> str:
        """The text model with only its first ``rounds`` trees (``None``: all): the model that training
        for ``rounds`` rounds would have given (training is deterministic; ``bench/build_rerank.py``)."""
        return str(self._booster.model_to_string(num_iteration=rounds))

    def predict_rounds(self, features: Matrix, rounds: int | None) -> Scores:
        """``predict`` with only the first ``rounds`` trees (``None``: all); for choosing rounds."""
        x = np.asarray(features, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.n_features:
            raise ValueError(f"expected (n, {self.n_features}) features, got {x.shape}")
        if x.shape[0] == 0:
            return np.zeros(0, dtype=np.float64)
        out = self._booster.predict(x, num_iteration=rounds, num_threads=1)
        return np.asarray(out, dtype=np.float64)


def load_ranker(path: Path) -> LightGBMRanker:
    """The LightGBM model at ``path``; ``RankerUnavailable`` (with the reason) when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RankerUnavailable(f"排序模型 {path.name} 无法读取（{type(exc).__name__}）") from exc
    if not text.startswith("tree\n"):
        raise RankerUnavailable(f"排序模型 {path.name} 不是 LightGBM 模型文件")
    problem = structure_problem(text)
    if problem:
        raise RankerUnavailable(f"排序模型 {path.name} 已损坏（{problem}）")
    return LightGBMRanker(text, name=path.stem)


def structure_problem(text: str) -> str | None:
    """Why a LightGBM text model is incomplete, or ``None``.

    Checked before LightGBM parses it, because LightGBM 4 trusts the header's ``tree_sizes`` and a
    truncated file crashes the process (segmentation fault) instead of raising. Each ``Tree=i`` block must
    start where the sizes say, followed by ``end of trees`` and the closing parameters section.
    """
    head, sep, _ = text.partition("\nTree=0\n")
    if not sep:
        return "no trees"
    sizes_line = next((ln for ln in head.splitlines() if ln.startswith("tree_sizes=")), None)
    if sizes_line is None:
        return "no tree_sizes"
    try:
        sizes = [int(v) for v in sizes_line.removeprefix("tree_sizes=").split()]
    except ValueError:
        return "bad tree_sizes"
    data = text.encode("utf-8")
    offset = len(head.encode("utf-8")) + 1
    for i, size in enumerate(sizes):
        if not data.startswith(f"Tree={i}\n".encode(), offset):
            return f"tree {i} not where tree_sizes says"
        offset += size
    if not data.startswith(b"end of trees", offset):
        return "missing end of trees"
    if "end of parameters" not in text[-4096:]:
        return "missing parameters section"
    return None


def train_lambdarank(
    features: Matrix,
    labels: Sequence[int] | npt.NDArray[np.int64],
    groups: Sequence[int],
    params: Mapping[str, Any],
    *,
    num_rounds: int,
    feature_names: Sequence[str],
    valid: tuple[Matrix, Sequence[int], Sequence[int]] | None = None,
) -> tuple[str, list[float]]:
    """Train a ``lambdarank`` booster; returns its text model and, with ``valid``, NDCG@10 per round.

    ``groups``: candidates per query, in row order (LightGBM's query boundaries). Deterministic: one
    thread, ``deterministic=True`` and fixed seeds, so a rebuild reproduces the committed file.
    """
    import lightgbm

    base = {
        "objective": "lambdarank",
        "metric": "ndcg",
        "eval_at": [10],
        "num_threads": 1,
        "deterministic": True,
        "force_row_wise": True,
        "seed": 17,
        "verbosity": -1,
        **params,
    }
    train = lightgbm.Dataset(
        np.asarray(features, dtype=np.float64),
        label=np.asarray(labels),
        group=list(groups),
        feature_name=list(feature_names),
        free_raw_data=False,
    )
    history: dict[str, Any] = {}
    sets, names = [], []
    if valid is not None:
        vx, vy, vg = valid
        sets.append(lightgbm.Dataset(np.asarray(vx, dtype=np.float64), label=np.asarray(vy), group=list(vg)))
        names.append("valid")
    booster = lightgbm.train(
        base,
        train,
        num_boost_round=num_rounds,
        valid_sets=sets or None,
        valid_names=names or None,
        callbacks=[lightgbm.record_evaluation(history)] if sets else None,
    )
    curve = [float(v) for v in history.get("valid", {}).get("ndcg@10", [])]
    return str(booster.model_to_string()), curve
