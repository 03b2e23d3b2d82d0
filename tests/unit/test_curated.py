"""Curated answers: similarity, matching, composition with verified citations, staleness, and the eval
harness's with/without measurement (real SQLite, real ingest and index, hash embedder)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.container import build_container
from service.curated.match import lexical_similarity, similarity
from service.curated.store import CuratedInput, CuratedNotFound, CuratedStore, PassageRef
from service.errors import ChunkNotFound
from service.evals.configs import load_config
from service.evals.datasets import load_dataset
from service.evals.runner import run_eval
from service.ingest.pipeline import ingest
from service.store.db import Database

CORPUS = [
    {
        "id": "party",
        "title": "党章节选",
        "text": "党章节选\n\n第七条 预备党员的预备期为一年。\n\n第九条 党员有退党的自由。\n",
    },
    {
        "id": "village",
        "title": "村委会法节选",
        "text": "村委会法节选\n\n第六条 村民委员会由主任、副主任和委员共三至七人组成。\n",
    },
]
QUESTIONS = [
    {
        "id": "q1",
        "question": "预备党员的预备期是多长？",
        "gold_doc_ids": ["party"],
        "reference_answer": "预备期为一年。",
        "gold_spans": ["预备党员的预备期为一年"],
        "answerable": True,
    },
    {"id": "q2", "question": "村民委员会由几人组成？", "gold_doc_ids": ["village"], "answerable": True},
    {"id": "q3", "question": "今天股市行情怎么样？", "answerable": False},
]


def test_lexical_similarity_separates_subject_and_focus() -> None:
    assert lexical_similarity("党员有哪些义务？", "党员有哪些义务") == 1.0
    assert lexical_similarity("党员有哪些义务？", "黨員有哪些義務？") == 1.0  # 繁体 is the same question
    # same wording, different subject / different focus: well below a reworded duplicate
    subject = lexical_similarity("党支部委员会每届任期几年？", "村民委员会每届任期几年？")
    focus = lexical_similarity("预备党员的预备期是多长时间？", "预备党员的预备期从什么时候算起？")
    assert subject < 0.8 and focus < 0.8
    v = np.ones(4, dtype=np.float32) / 2
    assert similarity("甲", "甲", v, v).dense == pytest.approx(1.0)


def test_curated_answer_is_verbatim_and_matched_only_above_threshold(kb_settings: Settings) -> None:
    container = build_container(kb_settings)
    chunks = {c.locator: c for c in container.index_manager.current().chunks("学习制度")}
    curated = container.curated
    made = curated.create(
        CuratedInput(
            question="党支部多久组织一次学习？", passages=[PassageRef(chunk_id=chunks["第一条"].chunk_id)]
        )
    )
    assert (made.passages[0].title, made.passages[0].locator) == ("学习制度", "第一条")
    found = curated.answer_for("党支部多久组织一次学习")
    assert found is not None and found.answer.curated
    assert found.answer.answer == "第一条 党支部每月至少组织一次集中学习。[1]"
    assert found.answer.citations[0].quote == chunks["第一条"].text
    assert found.match.similarity.score >= kb_settings.curated_threshold
    assert curated.answer_for("学习内容包括什么？") is None
    # through the answerer: flagged curated, persisted like any answer
    answer = container.answerer.ask("党支部多久组织一次学习？")
    assert answer.curated and answer.answer_id and not answer.refused
    # disabled by the setting
    off = build_container(kb_settings.model_copy(update={"curated_enabled": False}))
    assert off.answerer.ask("党支部多久组织一次学习？").curated is False
    with pytest.raises(ChunkNotFound):
        curated.create(CuratedInput(question="x", passages=[PassageRef(chunk_id="nope")]))


def test_stale_curated_answer_is_not_given(kb_settings: Settings, tmp_path: Path) -> None:
    container = build_container(kb_settings)
    chunk = container.index_manager.current().chunks("学习制度")[0]
    made = container.curated.create(
        CuratedInput(question="党支部多久组织一次学习？", passages=[PassageRef(chunk_id=chunk.chunk_id)])
    )
    (kb_settings.knowledge_dir / "学习制度.txt").write_text(
        "学习制度\n\n第二条 学习内容包括党章党规。\n", encoding="utf-8"
    )
    ingest([kb_settings.knowledge_dir], kb_settings, HashEmbedder(), progress=False)
    fresh = build_container(kb_settings)
    assert [i.stale for i in fresh.curated.listing()] == [True]
    assert fresh.curated.answer_for("党支部多久组织一次学习？") is None
    assert fresh.answerer.ask("党支部多久组织一次学习？").curated is False
    fresh.curated.delete(made.curated_id)
    with pytest.raises(CuratedNotFound):
        fresh.curated.get(made.curated_id)


def test_store_version_changes_on_every_write(tmp_path: Path) -> None:
    store = CuratedStore(Database(tmp_path / "db.sqlite"))
    assert store.version() == (0, 0.0)
    made = store.add(CuratedInput(question="问", passages=[PassageRef(chunk_id="c1")]))
    v1 = store.version()
    store.update(made.curated_id, CuratedInput(question="问？", passages=[PassageRef(chunk_id="c2")]))
    assert store.version() != v1 and store.get(made.curated_id).passages[0].chunk_id == "c2"


def test_eval_reports_with_and_without_curated_answers(tmp_path: Path) -> None:
    ds = tmp_path / "tiny"
    ds.mkdir()
    (ds / "corpus.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in CORPUS), encoding="utf-8"
    )
    (ds / "questions.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in QUESTIONS), encoding="utf-8"
    )
    curated = [
        {"question": "预备党员的预备期是多长？", "passages": [{"doc_id": "party", "locator": "第七条"}]},
        {"question": "某个不存在的条文", "passages": [{"doc_id": "party", "locator": "第九十九条"}]},
    ]
    (ds / "curated.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in curated), encoding="utf-8"
    )
    settings = Settings(_env_file=None, data_dir=tmp_path / "unused", embedding_backend="hash")  # type: ignore[call-arg]
    run = run_eval(
        load_dataset(ds),
        load_config("default"),
        settings,
        cache_dir=tmp_path / "cache",
        embedder=HashEmbedder(),
        progress=False,
    )
    m = run.metrics
    assert m["curated.n_answers"] == 1  # the second names no existing passage
    assert any("第九十九条" in w for w in run.warnings)
    assert m["curated.matched"] == 1 and m["curated.matched_ids"] == ["q1"]
    assert m["curated.matched_unanswerable"] == 0
    assert m["curated.with.answer.quote_exact"] == 1.0
    assert m["curated.with.answer.citation_precision"] is not None
    # the normal answers were not changed by measuring the curated ones
    assert [r.answer.curated for r in run.results if r.answer is not None] == [False, False, False]
