"""Quiz quality figures for the eval harness, as pure functions over items.

``quiz_validity`` answers "how many of the items the generator produced survived validation" (returned
items plus the ``dropped`` counts of ``QuizResult``) and re-checks the returned ones; ``agreement_with_
reference`` answers "does the generator find the facts a person would ask about": the share of
hand-checked reference items whose key (the correct answer text) is reproduced by a generated item on an
overlapping source sentence, whatever its type or option letters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from service.quiz.items import answer_letters
from service.quiz.validate import validate_item
from service.schemas import QuizItem
from service.text.normalize import normalize_quote

SourceLookup = Callable[[QuizItem], str | None]


def quiz_validity(
    items: Sequence[QuizItem], dropped: Mapping[str, int], source_text: SourceLookup | None = None
) -> dict[str, Any]:
    """Validity rate of generation: returned ÷ (returned + dropped), with counts per reason and type.

    Returned items are validated again (against ``source_text(item)`` when given): a generator that lets
    an invalid item through shows up in ``returned_invalid``, which must stay 0.
    """
    n_dropped = sum(dropped.values())
    problems: Counter[str] = Counter()
    returned_invalid = 0
    for item in items:
        reasons = validate_item(item, source_text(item) if source_text else None)
        returned_invalid += bool(reasons)
        problems.update(reasons)
    attempted = len(items) + n_dropped
    return {
        "n_items": len(items),
        "n_dropped": n_dropped,
        "validity_rate": len(items) / attempted if attempted else None,
        "returned_invalid": returned_invalid,
        "dropped_by_reason": dict(sorted(dropped.items())),
        "returned_problems": dict(problems.most_common()),
        "by_type": dict(sorted(Counter(i.type for i in items).items())),
        "by_difficulty": dict(sorted(Counter(i.difficulty for i in items).items())),
    }


def key_texts(item: QuizItem) -> set[str]:
    """The key fact(s) of an item as normalised text: correct option texts, the blank's answer, or for a
    true statement its quote (a false judge item's key is the sentence it contradicts)."""
    if item.type in ("single", "multiple") and item.options:
        return {
            normalize_quote(item.options[ord(ch) - ord("A")])
            for ch in answer_letters(item.answer)
            if ord(ch) - ord("A") < len(item.options)
        }
    if item.type == "blank" and isinstance(item.answer, str):
        return {normalize_quote(item.answer)}
    return {normalize_quote(item.source.quote)}


def _overlap(a: str, b: str) -> bool:
    na, nb = normalize_quote(a).strip("。；;，,"), normalize_quote(b).strip("。；;，,")
    return bool(na and nb) and (na in nb or nb in na)


def agreement_with_reference(generated: Sequence[QuizItem], reference: Sequence[QuizItem]) -> float:
    """Share of reference items whose key fact some generated item reproduces (0.0 for no reference)."""
    if not reference:
        return 0.0
    hit = 0
    for ref in reference:
        keys = key_texts(ref)
        for gen in generated:
            if _overlap(gen.source.quote, ref.source.quote) and keys & key_texts(gen):
                hit += 1
                break
    return hit / len(reference)
