"""Quiz evaluation counts: validity by a validator callable, agreement with a reference set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.evals.datasets import DatasetError
from service.evals.quiz import agreement, read_items, validity
from service.schemas import QuizItem, QuizSource


def _item(
    item_id: str, chunk: str, options: list[str] | None, answer: str | list[str] | bool, kind: str = "single"
) -> QuizItem:
    return QuizItem(
        id=item_id,
        type=kind,  # type: ignore[arg-type]
        stem="预备党员的预备期为（ ）。",
        options=options,
        answer=answer,
        explanation="党章第七条。",
        source=QuizSource(
            doc_id="cpc",
            title="中国共产党章程",
            locator="第七条",
            quote="预备党员的预备期为一年。",
            chunk_id=chunk,
        ),
    )


def test_validity_counts_problems() -> None:
    items = [_item("a", "c1", ["一年", "两年"], "A"), _item("b", "c2", ["一年"], "B")]

    def validate(item: QuizItem) -> list[str]:
        return ["answer_out_of_range"] if item.answer == "B" else []

    result = validity(items, validate)
    assert result["quiz.validity_rate"] == 0.5
    assert result["quiz.problems"] == {"answer_out_of_range": 1}
    assert validity([], validate)["quiz.validity_rate"] is None


def test_agreement_compares_option_text_not_letters() -> None:
    reference = [
        _item("r1", "c1", ["一年", "两年", "半年"], "A"),
        _item("r2", "c2", None, True, kind="judge"),
        _item("r3", "c3", ["警告", "开除党籍"], ["A", "B"], kind="multiple"),
    ]
    generated = [
        _item("g1", "c1", ["半年", "一年", "两年"], "B"),  # same answer text, shuffled letters
        _item("g2", "c2", None, False, kind="judge"),  # same passage, wrong answer
        _item("g3", "c9", ["警告", "开除党籍"], ["A", "B"], kind="multiple"),  # other passage
    ]
    result = agreement(generated, reference)
    assert result["quiz.source_coverage"] == pytest.approx(2 / 3)
    assert result["quiz.answer_agreement"] == pytest.approx(1 / 3)
    assert agreement(generated, [])["quiz.answer_agreement"] is None


def test_read_items_reports_bad_line(tmp_path: Path) -> None:
    good = _item("a", "c1", ["一年", "两年"], "A").model_dump()
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + '\n{"id": 1}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="第2行"):
        read_items(path)
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_items(path)[0].id == "a"
