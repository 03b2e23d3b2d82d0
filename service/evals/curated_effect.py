"""The effect of curated answers (标注回复) on a dataset: the same run scored with and without them.

Curated answers for a dataset live next to it in ``curated.jsonl``, one per line::

    {"question": "党员有哪些义务？", "passages": [{"doc_id": "cpc-constitution-2017", "locator": "第三条"}]}

A passage names a document and a locator (every part of a split article is taken), so the file survives
re-indexing. The runner answers every question normally first (the run's database has no curated
answers: that is *without*); ``measure`` then stores the curated answers in the run's database through
``CuratedAnswers.create`` (the library the console and CLI use), asks the matcher for every question
exactly as the answerer would, and re-scores the questions it matched with the curated answer in place of
the normal one (*with*). Reported keys (``metrics.json``): ``curated.n_answers``, ``curated.matched``,
``curated.matched_unanswerable`` (a curated answer given to a question the knowledge base cannot answer:
a false match), and ``curated.with.<metric>`` next to the run's own ``<metric>``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.curated.store import CuratedInput, PassageRef
from service.errors import StudyError

if TYPE_CHECKING:
    from service.container import Container
    from service.evals.runner import QuestionResult

CURATED_FILE = "curated.jsonl"
COMPARED = (
    "answer.correct",
    "answer.span_recall",
    "answer.version_correct",
    "answer.citation_precision",
    "answer.quote_exact",
    "answer.char_f1",
    "answer.rouge_l",
    "answer.refusal_accuracy",
    "answer.false_refusal_rate",
    "answer.unanswerable_refusal_rate",
)


def load_specs(path: Path) -> list[dict[str, Any]]:
    """The curated answers of ``path`` (a ``curated.jsonl``), or [] when the file does not exist."""
    if not path.is_file():
        return []
    specs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            spec = json.loads(line)
            spec["line"] = n
            specs.append(spec)
    return specs


def _install(container: Container, specs: list[dict[str, Any]]) -> tuple[int, list[str]]:
    index = container.index_manager.current()
    warnings: list[str] = []
    installed = 0
    for spec in specs:
        passages: list[PassageRef] = []
        for p in spec.get("passages", []):
            try:
                chunks = [c for c in index.chunks(p["doc_id"]) if c.locator == p["locator"]]
            except StudyError:
                chunks = []
            if not chunks:
                warnings.append(f"标注回复第 {spec['line']} 行：找不到 {p.get('doc_id')} {p.get('locator')}")
            passages += [PassageRef(chunk_id=c.chunk_id) for c in sorted(chunks, key=lambda c: c.part)]
        if passages:
            container.curated.create(CuratedInput(question=spec["question"], passages=passages), "eval")
            installed += 1
    return installed, warnings


def measure(
    container: Container,
    results: list[QuestionResult],
    specs: list[dict[str, Any]],
    score: Callable[[QuestionResult], dict[str, float | None]],
    aggregate: Callable[[list[QuestionResult]], dict[str, float | None]],
) -> tuple[dict[str, Any], list[str]]:
    """``curated.*`` metrics for ``results`` (answered without curated answers) and warnings."""
    installed, warnings = _install(container, specs)
    with_curated: list[QuestionResult] = []
    matched: list[str] = []
    unanswerable = 0
    for r in results:
        found = container.curated.answer_for(r.query) if r.answer is not None else None
        if found is None:
            with_curated.append(r)
            continue
        matched.append(r.question.id)
        unanswerable += not r.question.answerable
        swapped = replace(r, answer=found.answer)
        swapped.metrics = score(swapped)
        with_curated.append(swapped)
    agg = aggregate(with_curated)
    metrics: dict[str, Any] = {
        "curated.n_answers": installed,
        "curated.matched": len(matched),
        "curated.matched_unanswerable": unanswerable,
        "curated.matched_ids": matched,
        "curated.threshold": container.settings.curated_threshold,
    }
    metrics.update({f"curated.with.{k}": agg.get(k) for k in COMPARED})
    return metrics, warnings
