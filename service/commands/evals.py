"""Evaluation commands: ``study eval run | compare | verify | baseline | quiz``.

Thin wrappers over ``service.evals``; settings are built here (env/.env + ``--data-dir``) and the
configuration's overrides applied on top, so an evaluation measures what ``study serve`` would do.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from service.commands.common import build_settings, fail
from service.errors import ConfigError, StudyError

eval_app = typer.Typer(help="评测：检索、回答、引用、拒答与出题质量。", no_args_is_help=True)

DatasetOption = Annotated[
    Path, typer.Option("--dataset", help="数据集目录（corpus.jsonl 或 dataset.json + questions.jsonl）")
]
CacheOption = Annotated[
    Path | None, typer.Option("--cache-dir", help="索引与嵌入缓存目录（默认 eval/cache）", show_default=False)
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="只评测前 N 题（快速检查）")]
NoProgressOption = Annotated[bool, typer.Option("--no-progress", help="不显示进度条")]
NoAnswerOption = Annotated[bool, typer.Option("--no-answer", help="只评测检索，不运行答题器（更快）")]


def _summary(metrics: dict[str, object]) -> str:
    from service.evals.runner import HEADLINE_KEYS

    headline = tuple(k for k in HEADLINE_KEYS if metrics.get(k) is not None)
    keys = (
        *headline,
        "retrieval.recall@1",
        "retrieval.recall@5",
        "retrieval.recall@10",
        "retrieval.mrr@10",
        "answer.refusal_accuracy",
        "answer.quote_exact",
        "latency.search_p50_ms",
    )
    parts = [f"{k}={metrics.get(k)}" for k in keys]
    return (
        f"{metrics.get('dataset')} / {metrics.get('config')}（{metrics.get('n_questions')} 题）："
        + "，".join(parts)
    )


def _curated_summary(metrics: dict[str, object]) -> str:
    """One line: the run's answer metrics without → with the dataset's curated answers."""
    from service.evals.curated_effect import COMPARED

    parts = [f"{k} {metrics.get(k)} → {metrics.get(f'curated.with.{k}')}" for k in COMPARED]
    return (
        f"标注回复效果（{metrics['curated.n_answers']} 条，命中 {metrics['curated.matched']} 题，"
        f"其中不可回答题 {metrics['curated.matched_unanswerable']} 题）：不用 → 使用：" + "，".join(parts)
    )


@eval_app.command("run")
def run_command(
    dataset: DatasetOption,
    out: Annotated[
        Path, typer.Option("--out", help="输出目录（metrics.json、results.jsonl、report.md/html）")
    ],
    config: Annotated[
        str, typer.Option("--config", help="配置名（eval/configs/*.json）或 JSON 文件路径")
    ] = "default",
    limit: LimitOption = None,
    fail_on_regression: Annotated[
        Path | None, typer.Option("--fail-on-regression", help="与基线比较，指标退化超过容差则以非零状态退出")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="把本次指标写成基线文件")
    ] = None,
    cache_dir: CacheOption = None,
    no_progress: NoProgressOption = False,
    no_answer: NoAnswerOption = False,
) -> None:
    """在数据集上运行一次评测并写出报告。"""
    from service.evals.baselines import find_regressions, load_baseline, make_baseline
    from service.evals.configs import load_config
    from service.evals.datasets import load_dataset
    from service.evals.report import write_run

    try:
        ds = load_dataset(dataset)
        cfg = load_config(config)
        if no_answer:
            cfg = cfg.model_copy(update={"answer": False})
        baseline = load_baseline(fail_on_regression) if fail_on_regression else None
        run = _run(ds, cfg, cache_dir, limit, no_progress)
        write_run(out, run)
    except StudyError as err:
        fail(err)
        return
    typer.echo(_summary(run.metrics))
    if "curated.n_answers" in run.metrics:
        typer.echo(_curated_summary(run.metrics))
    typer.echo(f"报告已写入 {out}/report.html")
    for warning in run.warnings[:10]:
        typer.echo(f"警告：{warning}", err=True)
    if write_baseline:
        # Rewriting a baseline keeps its hand-set tolerances and note; only the figures change.
        previous = load_baseline(write_baseline) if write_baseline.is_file() else {}
        document = make_baseline(run.metrics, previous.get("tolerances"))
        if "note" in previous:
            document["note"] = previous["note"]
        write_baseline.parent.mkdir(parents=True, exist_ok=True)
        write_baseline.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        typer.echo(f"基线已写入 {write_baseline}")
    if baseline is not None:
        if limit:
            typer.echo("注意：使用了 --limit，与完整基线比较可能不可比。", err=True)
        regressions = find_regressions(run.metrics, baseline)
        if regressions:
            typer.echo(f"与基线 {fail_on_regression} 相比有 {len(regressions)} 项指标退化：", err=True)
            for r in regressions:
                typer.echo(f"  {r.describe()}", err=True)
            sys.exit(3)
        typer.echo(f"与基线 {fail_on_regression} 相比没有退化。")


@eval_app.command("compare")
def compare_command(
    dataset: DatasetOption,
    configs: Annotated[str, typer.Option("--configs", help="逗号分隔的配置名，如 lexical,dense,rrf")],
    out: Annotated[
        Path, typer.Option("--out", help="输出目录（compare.md、compare.png，及每个配置的子目录）")
    ],
    limit: LimitOption = None,
    cache_dir: CacheOption = None,
    no_progress: NoProgressOption = False,
    no_answer: NoAnswerOption = False,
) -> None:
    """并排比较多个配置：一张表和一张图。"""
    from service.evals.configs import load_config
    from service.evals.datasets import load_dataset
    from service.evals.report import write_comparison, write_run

    names = [c.strip() for c in configs.split(",") if c.strip()]
    try:
        if not names:
            raise ConfigError("请至少给出一个配置名。")
        ds = load_dataset(dataset)
        cfgs = [load_config(n) for n in names]  # fail on a typo before any long run
        if no_answer:
            cfgs = [c.model_copy(update={"answer": False}) for c in cfgs]
        runs = []
        for cfg in cfgs:
            run = _run(ds, cfg, cache_dir, limit, no_progress)
            write_run(out / cfg.name, run)
            typer.echo(_summary(run.metrics))
            runs.append(run)
        table = write_comparison(out, runs)
    except StudyError as err:
        fail(err)
        return
    typer.echo(table)
    typer.echo(f"对比已写入 {out}/compare.md")


@eval_app.command("verify")
def verify_command(
    datasets: Annotated[list[Path], typer.Argument(help="数据集目录（可多个）")],
) -> None:
    """校验数据集：格式、标准文档存在、标准片段逐字出现在原文中。"""
    from service.evals.datasets import load_dataset
    from service.evals.sources import verify_gold_spans

    bad = False
    try:
        for root in datasets:
            ds = load_dataset(root)
            problems = verify_gold_spans(ds)
            typer.echo(f"{ds.name}：{len(ds.questions)} 题，{len(problems)} 个问题")
            for p in problems:
                typer.echo(f"  {p}")
            bad |= bool(problems)
    except StudyError as err:
        fail(err)
        return
    if bad:
        sys.exit(1)


@eval_app.command("quiz")
def quiz_command(
    items: Annotated[
        Path | None, typer.Option("--items", help="生成的题目（QuizItem 的 JSON Lines）")
    ] = None,
    reference: Annotated[Path | None, typer.Option("--reference", help="参考题目集（JSON Lines）")] = None,
    labelled: Annotated[
        Path | None,
        typer.Option("--labelled", help="人工标注的好题/坏题集，报告校验规则的精确率与召回率"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="把结果写成 JSON 文件")] = None,
) -> None:
    """出题评测：校验器通过率、各条质量规则的命中数，与参考题目集的一致率，标注集上的精确率与召回率。"""
    from service.evals.quiz import agreement, read_items, read_labelled, validity
    from service.quiz.quality import precision_recall, rule_counts
    from service.quiz.validate import validate_item

    if items is None and labelled is None:
        fail(ConfigError("请给出 --items（生成的题目）或 --labelled（标注题目集）。"))
        return
    result: dict[str, Any] = {}
    try:
        if items is not None:
            generated = read_items(items)
            result.update(validity(generated, validate_item))
            result.update(rule_counts(generated))
            if reference is not None:
                result.update(agreement(generated, read_items(reference)))
        if labelled is not None:
            result.update(precision_recall(read_labelled(labelled)))
    except StudyError as err:
        fail(err)
        return
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
    typer.echo(text)


def _run(ds: Any, cfg: Any, cache_dir: Path | None, limit: int | None, no_progress: bool) -> Any:
    """One evaluation run with settings built here, at the edge (shared by ``run`` and ``compare``)."""
    from service.evals.runner import DEFAULT_CACHE_DIR, run_eval

    return run_eval(
        ds,
        cfg,
        build_settings(None),
        cache_dir=cache_dir or DEFAULT_CACHE_DIR,
        limit=limit,
        progress=not no_progress,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
