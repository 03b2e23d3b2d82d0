"""The shipped datasets: every gold span verified in its source, and the dev set's promised composition."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from service.config import REPO_ROOT
from service.evals.datasets import load_dataset
from service.evals.sources import verify_gold_spans

DATASETS = REPO_ROOT / "eval" / "datasets"


def test_every_gold_span_exists_in_its_source() -> None:
    for name in ("dev", "smoke"):
        dataset = load_dataset(DATASETS / name)
        assert not dataset.warnings, dataset.warnings
        assert verify_gold_spans(dataset) == [], name


def test_verify_script_passes() -> None:
    proc = subprocess.run(
        [sys.executable, str(DATASETS / "verify.py")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problems" in proc.stdout


def test_dev_set_composition() -> None:
    dev = load_dataset(DATASETS / "dev")
    qs = dev.questions
    tags = Counter(t for q in qs for t in q.tags)
    assert len(qs) >= 120
    assert sum(not q.answerable for q in qs) / len(qs) >= 0.15
    assert tags["traditional"] >= 15
    for tag in (
        "fact",
        "number",
        "list",
        "definition",
        "paraphrase",
        "article",
        "followup",
        "theory",
        "regulation",
    ):
        assert tags[tag] >= 5, tag
    for q in qs:
        if q.answerable:
            assert q.gold_doc_ids and q.gold_spans and q.reference_answer, q.id
        else:
            assert not q.gold_doc_ids and "unanswerable" in q.tags, q.id
        if "followup" in q.tags:
            assert q.turns, q.id
    # Every knowledge document is covered by at least one question.
    covered = {d for q in qs for d in q.gold_doc_ids}
    assert dev.knowledge_dir is not None
    from service.evals.sources import manifest_paths

    # (the intra-party regulations have their own set, eval/datasets/regulations)
    manifest = json.loads((dev.knowledge_dir / "manifest.json").read_text(encoding="utf-8"))
    party = {e["doc_id"] for e in manifest if e.get("type") == "party_regulation"}
    assert covered == set(manifest_paths(dev.knowledge_dir)) - party


def test_smoke_set_is_small_and_mixed() -> None:
    smoke = load_dataset(DATASETS / "smoke")
    assert 20 <= len(smoke.questions) <= 40
    assert any(not q.answerable for q in smoke.questions)
    assert len(list(smoke.corpus_docs())) <= 3
