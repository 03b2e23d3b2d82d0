"""Quiz evaluation: validity of generated items and agreement with a reference set (the one implementation).

Pure functions over our ``QuizItem``; validators come in as a callable ``item -> list of problems`` (empty =
valid), so this module only counts. ``study eval quiz`` passes ``service.quiz.validate.validate_item``; the
quiz tests pass it with each item's source text and the generator's ``dropped`` counts.

**Agreement rule** (one rule for the CLI and the tests): a generated item covers a reference item when both
quote the same passage — same document and overlapping normalised quotes (one contains the other), so
neither chunk ids (which depend on the splitter) nor option letters (shuffled) matter — and it agrees with
it when it also tests the same fact: their key texts (``key_texts``) share one, whatever the item types.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from service.evals.datasets import DatasetError
from service.quiz.items import answer_letters
from service.schemas import QuizItem
from service.text.normalize import normalize_quote

Validator = Callable[[QuizItem], list[str]]


def validity(
    items: Sequence[QuizItem], validate: Validator, dropped: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """Share of items without validator problems, how often each problem occurred, items per type.

    ``dropped`` (the generator's ``QuizResult.dropped``: reason → count) adds the generator's yield:
    ``quiz.yield_rate`` = returned ÷ (returned + dropped). A generator must never return an invalid
    item, so for generated items ``quiz.n_invalid`` is expected to be 0.
    """
    problems: Counter[str] = Counter()
    valid = 0
    for item in items:
        found = validate(item)
        valid += not found
        problems.update(found)
    out: dict[str, Any] = {
        "quiz.n_items": len(items),
        "quiz.n_invalid": len(items) - valid,
        "quiz.validity_rate": valid / len(items) if items else None,
        "quiz.problems": dict(problems.most_common()),
        "quiz.by_type": dict(sorted(Counter(i.type for i in items).items())),
        "quiz.by_difficulty": dict(sorted(Counter(i.difficulty for i in items).items())),
    }
    if dropped is not None:
        n_dropped = sum(dropped.values())
        attempted = len(items) + n_dropped
        out["quiz.n_dropped"] = n_dropped
        out["quiz.dropped_by_reason"] = dict(sorted(dropped.items()))
        out["quiz.yield_rate"] = len(items) / attempted if attempted else None
    return out


def key_texts(item: QuizItem) -> set[str]:
    """The fact(s) an item tests, as normalised text: the correct options' texts (not letters), the
    blank's answer, or for a judge item the sentence it states or contradicts (its quote)."""
    if item.type in ("single", "multiple") and item.options:
        return {
            normalize_quote(item.options[ord(ch) - ord("A")])
            for ch in answer_letters(item.answer)
            if 0 <= ord(ch) - ord("A") < len(item.options)
        }
    if item.type == "blank" and isinstance(item.answer, str):
        return {normalize_quote(item.answer)}
    if item.type == "blank" and isinstance(item.answer, list):
        return {normalize_quote(a) for a in item.answer if isinstance(a, str)}
    return {normalize_quote(item.source.quote)}


def same_passage(a: QuizItem, b: QuizItem) -> bool:
    """Both items quote the same passage: same document, normalised quotes overlapping (one contains the
    other, so a clause and its whole sentence count as one passage)."""
    if a.source.doc_id != b.source.doc_id:
        return False
    qa = normalize_quote(a.source.quote).strip("。；;，,")
    qb = normalize_quote(b.source.quote).strip("。；;，,")
    return bool(qa and qb) and (qa in qb or qb in qa)


def agreement(generated: Sequence[QuizItem], reference: Sequence[QuizItem]) -> dict[str, Any]:
    """How many reference items the generator reproduces (see the module docstring for the rule).

    ``quiz.source_coverage``: share of reference items with a generated item on the same passage;
    ``quiz.answer_agreement``: share with one on the same passage that tests the same fact. ``None``
    for an empty reference set.
    """
    if not reference:
        return {"quiz.n_reference": 0, "quiz.source_coverage": None, "quiz.answer_agreement": None}
    covered = agreed = 0
    for ref in reference:
        keys = key_texts(ref)
        on_passage = [g for g in generated if same_passage(g, ref)]
        covered += bool(on_passage)
        agreed += any(keys & key_texts(g) for g in on_passage)
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
