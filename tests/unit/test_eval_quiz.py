"""Quiz evaluation counts: validity by a validator callable, agreement with a reference set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.evals.datasets import DatasetError
from service.evals.quiz import agreement, read_items, validity
from service.schemas import QuizItem, QuizSource


def _item(
    item_id: str,
    quote: str,
    options: list[str] | None,
    answer: str | list[str] | bool,
    kind: str = "single",
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
            quote=quote,
            chunk_id=f"cpc#{item_id}",  # chunk ids differ: passages are matched by quote
        ),
    )


PROBATION = "预备党员的预备期为一年。"
PENALTIES = "党的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。"
PLEDGE = "预备党员必须面向党旗进行入党宣誓。"


def test_validity_counts_problems() -> None:
    items = [_item("a", PROBATION, ["一年", "两年"], "A"), _item("b", PROBATION, ["一年"], "B")]

    def validate(item: QuizItem) -> list[str]:
        return ["answer_out_of_range"] if item.answer == "B" else []

    result = validity(items, validate)
    assert result["quiz.validity_rate"] == 0.5 and result["quiz.n_invalid"] == 1
    assert result["quiz.problems"] == {"answer_out_of_range": 1}
    assert result["quiz.by_type"] == {"single": 2}
    assert "quiz.yield_rate" not in result  # no dropped counts given
    assert validity([], validate)["quiz.validity_rate"] is None
    assert validity(items, validate, {"too_few_distractors": 2})["quiz.yield_rate"] == 0.5


def test_agreement_same_passage_and_same_fact() -> None:
    reference = [
        _item("r1", PROBATION, ["一年", "两年", "半年"], "A"),
        _item("r2", PENALTIES, ["警告", "开除党籍", "罚款"], ["A", "B"], kind="multiple"),
        _item("r3", PLEDGE, None, True, kind="judge"),
        _item("r4", "党员必须履行下列义务：", None, "义务", kind="blank"),
    ]
    generated = [
        _item("g1", PROBATION, ["半年", "一年", "两年"], "B"),  # same fact, shuffled letters
        _item("g2", "警告、严重警告、撤销党内职务", None, "撤销党内职务", kind="blank"),  # clause: other fact
        _item("g3", PLEDGE, ["面向党旗", "面向国旗"], "A"),  # same passage, the judge's fact as a choice
        _item("g4", "党员享有下列权利：", None, "权利", kind="blank"),  # another passage
    ]
    result = agreement(generated, reference)
    assert result["quiz.source_coverage"] == pytest.approx(3 / 4)  # r1, r2 (g2's clause), r3
    # r1 by option text; r3: a judge item's fact is its sentence, which g3's key is not
    assert result["quiz.answer_agreement"] == pytest.approx(1 / 4)
    judged = _item("g5", PLEDGE, None, False, kind="judge")  # the same sentence, stated falsely
    assert agreement([*generated, judged], reference)["quiz.answer_agreement"] == pytest.approx(2 / 4)
    assert agreement(generated, [])["quiz.answer_agreement"] is None


def test_read_items_reports_bad_line(tmp_path: Path) -> None:
    good = _item("a", PROBATION, ["一年", "两年"], "A").model_dump()
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + '\n{"id": 1}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="第2行"):
        read_items(path)
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    assert read_items(path)[0].id == "a"


def test_eval_quiz_command_uses_the_same_rule() -> None:
    from typer.testing import CliRunner

    from service.cli import app
    from service.config import REPO_ROOT

    reference = REPO_ROOT / "eval" / "datasets" / "quiz_reference.jsonl"
    res = CliRunner().invoke(app, ["eval", "quiz", "--items", str(reference), "--reference", str(reference)])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["quiz.source_coverage"] == report["quiz.answer_agreement"] == 1.0
    assert report["quiz.validity_rate"] == 1.0 and report["quiz.n_invalid"] == 0
