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
    for name in ("dev", "smoke", "member", "regulations"):
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
    # Three questions written as unanswerable became answerable when the regulations joined the knowledge
    # base (dev-136 发展细则, dev-137 支部工作条例, dev-148 纪律处分条例); they are tagged "relabelled".
    relabelled = {d for q in qs if "relabelled" in q.tags for d in q.gold_doc_ids}
    assert relabelled <= party
    assert covered - relabelled == set(manifest_paths(dev.knowledge_dir)) - party


def test_smoke_set_is_small_and_mixed() -> None:
    from service.evals.sources import document_texts

    smoke = load_dataset(DATASETS / "smoke")
    assert 20 <= len(smoke.questions) <= 40
    assert any(not q.answerable for q in smoke.questions)
    assert len(document_texts(smoke)) == 3
    # A slice of the member set (issue 11), with its answer checks.
    member = {q.id: q for q in load_dataset(DATASETS / "member").questions}
    sliced = [q for q in smoke.questions if q.id in member]
    assert len(sliced) >= 10
    assert all(q.required_spans == member[q.id].required_spans for q in sliced)
    assert any(q.turns for q in sliced) and any(not q.answerable for q in sliced)
    # Regulation texts are read from ../shared/corpus, never copied into the repository.
    assert not (DATASETS / "smoke" / "corpus.jsonl").exists()


# The regulations of the knowledge base (the coordinator's list of document ids).
REGULATION_IDS = {
    "cpc-discipline-2018",
    "cpc-discipline-2023",
    "cpc-branch-work-2018",
    "cpc-member-recruitment-2014",
    "cpc-integrity-2015",
    "cpc-political-life-2016",
    "cpc-accountability-2016",
    "cpc-university-orgs-2021",
    "cpc-discipline-commission-2021",
    "cpc-supervision-rules-2019",
    "cpc-org-handling-2021",
    "cpc-discipline-approval-2022",
}


def test_member_set_composition() -> None:
    """Issue 11: ≥250 everyday questions over every 党章 chapter and each regulation, ≥15 % unanswerable."""
    member = load_dataset(DATASETS / "member")
    qs = member.questions
    tags = Counter(t for q in qs for t in q.tags)
    assert len(qs) >= 250
    assert sum(not q.answerable for q in qs) / len(qs) >= 0.15
    for tag, least in {
        "list": 30,
        "count": 15,
        "definition": 8,
        "named-text": 8,
        "procedure": 8,
        "number": 30,
        "colloquial": 30,
        "traditional": 10,
        "typo": 1,
        "followup": 15,
        "item-pick": 5,
        "topic-change": 3,
        "law": 8,
        "theory": 6,
        "rate": 4,
        "later-revision": 4,
        "local": 3,
        "mentioned-only": 3,
    }.items():
        assert tags[tag] >= least, tag
    # Every chapter of the 党章 and the 总纲.
    for chapter in ("general-program", *(f"ch{i}" for i in range(1, 12))):
        assert tags[chapter] >= 2, chapter
    covered = {d for q in qs for d in q.gold_doc_ids}
    assert covered >= REGULATION_IDS
    assert "cpc-constitution-2017" in covered
    for q in qs:
        if q.answerable:
            assert q.gold_doc_ids and q.required_spans, q.id
            assert ("count" in q.tags) == (q.required_count is not None) or "list" in q.tags, q.id
        else:
            assert not q.gold_doc_ids and not q.required_spans and "unanswerable" in q.tags, q.id
        if "followup" in q.tags:
            assert q.turns, q.id
    # Spans are short key phrases, never whole passages copied from the source.
    assert max(len(s) for q in qs for s in q.required_spans) <= 120
    assert sum(len(s) for q in qs for s in q.required_spans) / sum(len(q.required_spans) for q in qs) < 30


def test_regulations_set_composition() -> None:
    """Issue 12: ≥150 questions over the regulation texts, versions with expected doc ids, traps."""
    regs = load_dataset(DATASETS / "regulations")
    qs = regs.questions
    tags = Counter(t for q in qs for t in q.tags)
    assert len(qs) >= 150
    assert sum(not q.answerable for q in qs) / len(qs) >= 0.15
    for tag, least in {
        "version": 20,
        "comparison": 5,
        "document-fact": 15,
        "list": 20,
        "procedure": 8,
        "colloquial": 15,
        "traditional": 8,
        "followup": 6,
        "later-revision": 4,
        "article-out-of-range": 2,
    }.items():
        assert tags[tag] >= least, tag
    covered = {d for q in qs for d in q.gold_doc_ids}
    assert covered == REGULATION_IDS  # only the regulation texts
    versions = [q for q in qs if q.answerable and "version" in q.tags]
    assert all(q.expected_doc_ids for q in versions)
    # Both versions of the 纪律处分条例 are asked for, alone and compared.
    expected = {tuple(sorted(q.expected_doc_ids)) for q in versions}
    assert {("cpc-discipline-2018",), ("cpc-discipline-2023",)} <= expected
    assert ("cpc-discipline-2018", "cpc-discipline-2023") in expected
    for q in qs:
        if q.answerable:
            assert q.gold_doc_ids and (q.required_spans or q.required_count), q.id
            assert set(q.expected_doc_ids) <= set(q.gold_doc_ids), q.id
        else:
            assert not q.gold_doc_ids and "unanswerable" in q.tags, q.id
