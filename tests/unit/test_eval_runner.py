"""The runner end to end on tiny synthetic datasets with the hash embedder (real ingest, retrieval, answerer)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.evals.baselines import find_regressions, make_baseline
from service.evals.configs import EvalConfig, load_config
from service.evals.datasets import load_dataset
from service.evals.report import write_comparison, write_run
from service.evals.runner import METRIC_KEYS, run_eval

CORPUS = [
    {
        "id": "party-7",
        "title": "党章第七条",
        "text": "预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。",
    },
    {
        "id": "party-41",
        "title": "党章第四十一条",
        "text": "对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。",
    },
    {
        "id": "village-6",
        "title": "村民委员会组织法第六条",
        "text": "村民委员会由主任、副主任和委员共三至七人组成。",
    },
    {
        "id": "martyrs-5",
        "title": "英雄烈士保护法第五条",
        "text": "每年9月30日为烈士纪念日，国家在首都北京天安门广场人民英雄纪念碑前举行纪念仪式。",
    },
]
QUESTIONS = [
    {
        "id": "q1",
        "question": "预备党员的预备期是多长？",
        "reference_answer": "预备期为一年。",
        "gold_doc_ids": ["party-7"],
        "gold_spans": ["预备党员的预备期为一年"],
        "answerable": True,
        "tags": ["number"],
    },
    {
        "id": "q2",
        "question": "对党员的纪律处分有哪几种？",
        "reference_answer": "警告、严重警告、撤销党内职务、留党察看、开除党籍。",
        "gold_doc_ids": ["party-41"],
        "answerable": True,
        "tags": ["list"],
    },
    {
        "id": "q3",
        "question": "烈士纪念日是哪一天？",
        "reference_answer": "每年9月30日。",
        "gold_doc_ids": ["martyrs-5"],
        "answerable": True,
        "tags": ["fact"],
    },
    {
        "id": "q4",
        "question": "那它的成员有几人？",
        "gold_doc_ids": ["village-6"],
        "answerable": True,
        "turns": ["村民委员会每届任期几年？"],
        "tags": ["followup"],
    },
    {
        "id": "q5",
        "question": "今天股市行情怎么样？",
        "gold_doc_ids": [],
        "answerable": False,
        "tags": ["unanswerable"],
    },
]


def _dataset(root: Path, name: str = "tiny") -> Path:
    ds = root / name
    ds.mkdir(parents=True)
    for fname, rows in (("corpus.jsonl", CORPUS), ("questions.jsonl", QUESTIONS)):
        (ds / fname).write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
        )
    return ds


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "unused", embedding_backend="hash")  # type: ignore[call-arg]


def test_run_writes_all_files_with_the_contract_keys(tmp_path: Path, settings: Settings) -> None:
    dataset = load_dataset(_dataset(tmp_path))
    cache = tmp_path / "cache"
    run = run_eval(
        dataset, load_config("default"), settings, cache_dir=cache, embedder=HashEmbedder(), progress=False
    )
    out = tmp_path / "out"
    write_run(out, run)

    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    for key in METRIC_KEYS:
        assert key in metrics
    assert metrics["n_questions"] == 5 and metrics["n_answerable"] == 4
    assert metrics["embedder"] == "hash/256" and metrics["config"] == "default"
    assert "git_commit" in metrics and "prompt_versions" in metrics
    # The whole small corpus fits in the top 100, so recall@100 is exactly 1.
    assert metrics["retrieval.recall@100"] == 1.0
    for key in METRIC_KEYS:
        value = metrics[key]
        if value is not None and not key.startswith("latency."):
            assert 0.0 <= value <= 1.0, key

    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == ["q1", "q2", "q3", "q4", "q5"]
    assert rows[0]["hits"] and rows[0]["answer"] is not None
    assert rows[3]["query"] != rows[3]["question"]  # the follow-up was resolved against its turn
    assert rows[4]["metrics"]["retrieval.recall@5"] is None  # retrieval metrics skip unanswerable
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 3
    assert "retrieval.recall@5" in (out / "report.md").read_text(encoding="utf-8")
    tags = json.loads((out / "by_tag.json").read_text(encoding="utf-8"))
    assert tags["all"]["n"] == 5 and tags["followup"]["n"] == 1

    # The index is cached: a second run finds the marker and does not ingest again.
    indexes = list((cache / "indexes").iterdir())
    assert len(indexes) == 1 and (indexes[0] / "eval-index.json").is_file()
    marker_before = (indexes[0] / "eval-index.json").read_text(encoding="utf-8")
    again = run_eval(
        dataset,
        load_config("default"),
        settings,
        cache_dir=cache,
        embedder=HashEmbedder(),
        progress=False,
        limit=2,
    )
    assert again.metrics["n_questions"] == 2
    assert (indexes[0] / "eval-index.json").read_text(encoding="utf-8") == marker_before
    assert (cache / "embeddings.sqlite3").is_file()


def test_single_leg_configs_and_comparison(tmp_path: Path, settings: Settings) -> None:
    dataset = load_dataset(_dataset(tmp_path))
    cache = tmp_path / "cache"
    runs = []
    for name in ("lexical", "dense"):
        cfg = load_config(name).model_copy(update={"answer": False})
        run = run_eval(dataset, cfg, settings, cache_dir=cache, embedder=HashEmbedder(), progress=False)
        assert run.metrics["config.retrieval_leg"] == name
        assert run.metrics["answer.refusal_accuracy"] is None  # answering switched off
        assert run.metrics["retrieval.recall@100"] == 1.0
        hit_scores = run.results[0].hits[0].scores
        assert set(hit_scores) == {name}
        runs.append(run)
    table = write_comparison(tmp_path / "cmp", runs)
    assert "lexical" in table and "dense" in table
    assert (tmp_path / "cmp" / "compare.png").stat().st_size > 1000


def test_unseen_dataset_directory_runs_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dataset in the published format that the code has never seen runs without changes."""
    from service.cli import app

    ds = _dataset(tmp_path, "someone-elses-dataset")
    monkeypatch.setenv("STUDY_EMBEDDING_BACKEND", "hash")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "run",
            "--dataset",
            str(ds),
            "--out",
            str(out),
            "--cache-dir",
            str(tmp_path / "c"),
            "--no-progress",
            "--write-baseline",
            str(tmp_path / "base.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "metrics.json").is_file() and (out / "report.html").is_file()

    # The baseline just written passes; a baseline demanding more fails with the metric named.
    base = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))

    def run_against(baseline: str) -> Any:
        args = ["eval", "run", "--dataset", str(ds), "--out", str(out), "--cache-dir", str(tmp_path / "c")]
        return CliRunner().invoke(
            app, [*args, "--no-progress", "--fail-on-regression", str(tmp_path / baseline)]
        )

    ok = run_against("base.json")
    assert ok.exit_code == 0, ok.output
    base["metrics"]["retrieval.recall@100"] = 1.5
    (tmp_path / "strict.json").write_text(json.dumps(base), encoding="utf-8")
    bad = run_against("strict.json")
    assert bad.exit_code == 3
    assert "retrieval.recall@100" in bad.output


def test_regression_check_directions_and_latency_opt_in() -> None:
    base = make_baseline(
        {
            "retrieval.recall@5": 0.8,
            "answer.false_refusal_rate": 0.1,
            "latency.search_p50_ms": 10.0,
            "dataset": "x",
        },
    )
    assert "latency.search_p50_ms" not in base["metrics"]  # machine-dependent: never baselined by default
    assert find_regressions({"retrieval.recall@5": 0.79, "answer.false_refusal_rate": 0.11}, base) == []
    found = find_regressions({"retrieval.recall@5": 0.7, "answer.false_refusal_rate": 0.2}, base)
    assert [r.metric for r in found] == ["retrieval.recall@5", "answer.false_refusal_rate"]
    missing = find_regressions({}, base)
    assert {r.metric for r in missing} == {"retrieval.recall@5", "answer.false_refusal_rate"}
    timed = {"metrics": {"latency.search_p50_ms": 10.0}, "tolerances": {"latency.search_p50_ms": 5.0}}
    assert find_regressions({"latency.search_p50_ms": 20.0}, timed)[0].metric == "latency.search_p50_ms"


def test_config_validation(settings: Settings) -> None:
    from service.errors import ConfigError

    with pytest.raises(ConfigError, match="未知的评测配置"):
        load_config("no-such-config")
    with pytest.raises(ConfigError, match="未知设置项"):
        EvalConfig(name="x", settings={"no_such_field": 1}).apply(settings)
    with pytest.raises(ConfigError, match="不合法"):
        EvalConfig(name="x", settings={"lexical_weight": 7}).apply(settings)
    assert load_config("weighted-0.3").apply(settings).lexical_weight == 0.3


def test_compare_command_writes_one_table_and_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.cli import app

    ds = _dataset(tmp_path)
    monkeypatch.setenv("STUDY_EMBEDDING_BACKEND", "hash")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "cmp"
    args = ["eval", "compare", "--dataset", str(ds), "--configs", "lexical,rrf", "--out", str(out)]
    result = CliRunner().invoke(
        app, [*args, "--cache-dir", str(tmp_path / "c"), "--no-progress", "--no-answer"]
    )
    assert result.exit_code == 0, result.output
    table = (out / "compare.md").read_text(encoding="utf-8")
    assert "| lexical |" in table and "| rrf |" in table
    assert (out / "compare.png").is_file() and (out / "lexical" / "metrics.json").is_file()
    assert json.loads((out / "rrf" / "metrics.json").read_text(encoding="utf-8"))["answer.char_f1"] is None
    typo = CliRunner().invoke(
        app, ["eval", "compare", "--dataset", str(ds), "--configs", "lexical,nope", "--out", str(out)]
    )
    assert typo.exit_code != 0 and "nope" in typo.output


def _member_style_dataset(root: Path) -> Path:
    """A knowledge dir with one document plus one document kept outside it (listed in dataset.json)."""
    knowledge = root / "knowledge"
    (knowledge / "docs").mkdir(parents=True)
    (knowledge / "docs" / "party.md").write_text(
        "# 党章摘录\n\n第七条　预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。\n\n"
        "第四十一条　对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。\n",
        encoding="utf-8",
    )
    (knowledge / "manifest.json").write_text(
        json.dumps([{"doc_id": "party", "path": "docs/party.md", "title": "党章摘录", "type": "regulation"}]),
        encoding="utf-8",
    )
    corpus = root / "corpus" / "regs"
    corpus.mkdir(parents=True)
    (corpus / "branch.md").write_text(
        "# 支部工作条例摘录\n\n第十三条 党小组会一般每月召开 1 次，组织党员参加政治学习。\n", encoding="utf-8"
    )
    ds = root / "member-like"
    ds.mkdir()
    spec = {
        "name": "member-like",
        "knowledge_dir": "../knowledge",
        "corpus_root": "../corpus",
        "documents": [
            {"doc_id": "branch", "path": "regs/branch.md", "title": "支部工作条例摘录", "type": "regulation"}
        ],
    }
    (ds / "dataset.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    questions = [
        {
            "id": "m1",
            "question": "党小组会多久开一次？",
            "gold_doc_ids": ["branch"],
            "gold_locators": ["第十三条"],
            "required_spans": ["党小组会一般每月召开 1 次"],
            "expected_doc_ids": ["branch"],
            "tags": ["number"],
        },
        {
            "id": "m2",
            "question": "纪律处分有几种？",
            "gold_doc_ids": ["party"],
            "required_spans": ["警告", "开除党籍"],
            "required_count": 5,
            "tags": ["count"],
        },
        {
            "id": "m3",
            "question": "那预备期多长？",
            "turns": ["纪律处分有几种？"],
            "gold_doc_ids": ["party"],
            "required_spans": ["这句话不在任何回答里"],
            "tags": ["followup"],
        },
        {"id": "m4", "question": "党费按什么比例交？", "answerable": False, "tags": ["unanswerable"]},
    ]
    (ds / "questions.jsonl").write_text(
        "\n".join(json.dumps(q, ensure_ascii=False) for q in questions) + "\n", encoding="utf-8"
    )
    return ds


def test_member_style_dataset_stages_outside_documents_and_scores_answers(
    tmp_path: Path, settings: Settings
) -> None:
    from service.evals import metrics as mt
    from service.evals.report import failing
    from service.evals.sources import document_texts, verify_gold_spans

    dataset = load_dataset(_member_style_dataset(tmp_path))
    assert set(document_texts(dataset)) == {"party", "branch"}
    # The unreachable span is reported by the verifier; the others are verbatim in their articles.
    assert verify_gold_spans(dataset) == ["m3：原文中找不到标准片段「这句话不在任何回答里」"]

    run = run_eval(
        dataset,
        load_config("default"),
        settings,
        cache_dir=tmp_path / "c",
        embedder=HashEmbedder(),
        progress=False,
    )
    assert run.metrics["n_docs"] == 2  # the outside document was ingested with its manifest id
    staged = list((tmp_path / "c" / "staged").iterdir())
    assert len(staged) == 1 and json.loads((staged[0] / "manifest.json").read_text(encoding="utf-8"))
    by_id = {r.question.id: r for r in run.results}
    for r in run.results:
        q, a = r.question, r.answer
        assert a is not None
        if q.answerable:
            expected = mt.answer_correct(a.answer, a.refused, q.required_spans, q.required_count)
            assert r.metrics["answer.correct"] == expected
        else:
            assert r.metrics["answer.correct"] is None
    assert by_id["m3"].metrics["answer.correct"] == 0.0
    assert by_id["m3"].missing_spans() == ["这句话不在任何回答里"]
    assert by_id["m1"].metrics["answer.version_correct"] is not None
    assert by_id["m2"].metrics["answer.version_correct"] is None  # no expected version
    answerable = [r for r in run.results if r.question.answerable]
    assert run.metrics["answer.correct"] == round(
        sum(r.metrics["answer.correct"] or 0.0 for r in answerable) / len(answerable), 4
    )
    rows = failing(run)
    assert "m3" in [row[0] for row in rows]
    assert {row[0] for row in rows} == {r.question.id for r in run.results if r.failure() is not None}
    m3 = next(row for row in rows if row[0] == "m3")
    assert m3[1] == "纪律处分有几种？ → 那预备期多长？" and m3[3] == "这句话不在任何回答里"

    out = tmp_path / "out"
    write_run(out, run)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "核心指标" in html and "未通过的问题" in html and "这句话不在任何回答里" in html
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert "answer.correct" in metrics and "answer.version_correct" in metrics
    row = json.loads((out / "results.jsonl").read_text(encoding="utf-8").splitlines()[2])
    assert row["missing_spans"] == ["这句话不在任何回答里"] and row["required_spans"]


def test_verify_checks_spans_lie_inside_their_located_article(tmp_path: Path) -> None:
    from dataclasses import replace

    from service.evals.sources import locator_text, verify_gold_spans

    dataset = load_dataset(_member_style_dataset(tmp_path))
    m1, m2 = dataset.questions[0], dataset.questions[1]
    dataset.questions = [
        replace(m1, gold_locators=("第十四条",)),  # no such article in the document
        replace(m2, gold_locators=("第七条",)),  # the spans are in 第四十一条
        replace(m2, id="m2b", gold_locators=("第四十一条",)),
        replace(m2, id="m2c", gold_locators=("序言",)),  # another form: not checked
    ]
    assert verify_gold_spans(dataset) == [
        "m1：标准文档中没有 第十四条",
        "m2：标准片段「警告」不在 第七条 中",
        "m2：标准片段「开除党籍」不在 第七条 中",
    ]
    text = (tmp_path / "knowledge" / "docs" / "party.md").read_text(encoding="utf-8")
    assert (
        locator_text(text, "第七条")
        == "第七条　预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。\n"
    )
    assert locator_text(text, "序言") is None
