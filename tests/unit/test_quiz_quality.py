"""Item-quality rules (issue 15, item 5): per-rule examples from real generation output, and the rules'
precision and recall on the hand-labelled set in eval/datasets/quiz-quality/ (figures in the README)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from service.cli import app
from service.config import REPO_ROOT
from service.evals.quiz import read_labelled
from service.quiz.quality import RULES, precision_recall, quality_problems

LABELLED = REPO_ROOT / "eval" / "datasets" / "quiz-quality" / "items.jsonl"


def _by_stem(fragment: str) -> tuple[object, bool]:
    for item, bad in read_labelled(LABELLED):
        if fragment in item.stem:
            return item, bad
    raise AssertionError(fragment)


def test_the_labelled_set_is_large_enough_and_mixed() -> None:
    pairs = read_labelled(LABELLED)
    assert len(pairs) >= 80
    n_bad = sum(bad for _, bad in pairs)
    assert 0.3 < n_bad / len(pairs) < 0.7


def test_rules_reach_precision_and_recall_of_0_9_on_the_labelled_set() -> None:
    result = precision_recall(read_labelled(LABELLED))
    assert result["quiz.labelled.precision"] >= 0.9, result
    assert result["quiz.labelled.recall"] >= 0.9, result


def test_each_issue_example_is_caught_by_its_rule() -> None:
    cases = {
        "党的中央委员会每届任期（　）": "distractor_wrong_kind",  # 一九八〇年 as a term of office
        "第二，坚持解放思想": "stem_not_sentence",  # enumeration marker
        "党组不必服从批准它成立的党组织领导": "modal_flip",  # 必须 → 不必
        "必须把改革开放同三个区分开来统一起来": "altered_quotation",  # a formulation swapped
    }
    for fragment, rule in cases.items():
        item, bad = _by_stem(fragment)
        assert bad and rule in quality_problems(item), (fragment, quality_problems(item))  # type: ignore[arg-type]
    assert set(RULES) >= {"distractor_true_elsewhere", "gap_swallows_subject", "dangling_subject"}


def test_eval_quiz_reports_rule_counts_and_labelled_figures(tmp_path: object) -> None:
    items = tmp_path / "items.jsonl"  # type: ignore[operator]
    rows = [json.loads(line)["item"] for line in LABELLED.read_text(encoding="utf-8").splitlines()[:10]]
    items.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "quiz", "--items", str(items), "--labelled", str(LABELLED)])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["quiz.quality.n_items"] == 10
    assert set(report["quiz.quality.by_rule"]) == set(RULES)
    assert report["quiz.labelled.precision"] >= 0.9 and report["quiz.labelled.recall"] >= 0.9
