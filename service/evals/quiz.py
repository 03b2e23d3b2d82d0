"""Quiz evaluation: validity of generated items and agreement with a reference set.

Kept independent of how ``service.quiz`` generates items: the functions take items (our ``QuizItem``)
and a validator callable ``item -> list of problems`` (empty = valid), so the quiz module plugs its own
validators in and this module only counts; ``study eval quiz`` passes ``service.quiz.validate.validate_item``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from service.evals.datasets import DatasetError
from service.schemas import QuizItem
from service.text.normalize import normalize_quote

Validator = Callable[[QuizItem], list[str]]


def validity(items: Sequence[QuizItem], validate: Validator) -> dict[str, Any]:
    """Share of items without validator problems, and how often each problem occurred."""
    problems: Counter[str] = Counter()
    valid = 0
    for item in items:
        found = validate(item)
        valid += not found
        problems.update(found)
    return {
        "quiz.n_items": len(items),
        "quiz.validity_rate": valid / len(items) if items else None,
        "quiz.problems": dict(problems.most_common()),
    }


def _answer_key(item: QuizItem) -> str:
    """The correct answer in comparable form (option text for choices, not letters that get shuffled)."""
    answer = item.answer
    if item.type in ("single", "multiple") and item.options:
        letters = [answer] if isinstance(answer, str) else list(answer) if isinstance(answer, list) else []
        texts = sorted(
            normalize_quote(item.options[ord(letter) - ord("A")])
            for letter in letters
            if isinstance(letter, str)
            and len(letter) == 1
            and 0 <= ord(letter) - ord("A") < len(item.options)
        )
        return "|".join(texts)
    if isinstance(answer, bool):
        return str(answer)
    return normalize_quote(answer if isinstance(answer, str) else "|".join(answer))


def _source_key(item: QuizItem) -> str:
    return item.source.chunk_id or f"{item.source.doc_id}:{normalize_quote(item.source.quote)[:40]}"


def agreement(generated: Sequence[QuizItem], reference: Sequence[QuizItem]) -> dict[str, Any]:
    """How many reference items the generator reproduces: same source passage, type and correct answer.

    ``quiz.source_coverage`` only asks for an item on the same passage; ``quiz.answer_agreement`` also
    requires the same type and the same correct answer (option text, so shuffled letters still agree).
    """
    if not reference:
        return {"quiz.n_reference": 0, "quiz.source_coverage": None, "quiz.answer_agreement": None}
    by_source: dict[str, list[QuizItem]] = {}
    for item in generated:
        by_source.setdefault(_source_key(item), []).append(item)
    covered = agreed = 0
    for ref in reference:
        candidates = by_source.get(_source_key(ref), [])
        covered += bool(candidates)
        agreed += any(c.type == ref.type and _answer_key(c) == _answer_key(ref) for c in candidates)
    return {
        "quiz.n_reference": len(reference),
        "quiz.source_coverage": covered / len(reference),
        "quiz.answer_agreement": agreed / len(reference),
    }


def read_items(path: Path) -> list[QuizItem]:
    """Quiz items from a JSON Lines file (one ``QuizItem`` per line), with line-numbered errors."""
    from pydantic import ValidationError

    items: list[QuizItem] = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(QuizItem.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise DatasetError(f"题目文件格式不正确（{path.name} 第{no}行）：{exc}") from exc
    return items


def read_labelled(path: Path) -> list[tuple[QuizItem, bool]]:
    """The hand-labelled item set: JSON Lines of ``{"label": "good"|"bad", "item": QuizItem}``;
    returns ``(item, is_bad)`` pairs, with line-numbered errors."""
    from pydantic import ValidationError

    pairs: list[tuple[QuizItem, bool]] = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row.get("label") not in ("good", "bad"):
                raise ValueError("label 应为 good 或 bad")
            pairs.append((QuizItem.model_validate(row["item"]), row["label"] == "bad"))
        except (json.JSONDecodeError, ValidationError, ValueError, KeyError, TypeError) as exc:
            raise DatasetError(f"标注题目文件格式不正确（{path.name} 第{no}行）：{exc}") from exc
    return pairs
