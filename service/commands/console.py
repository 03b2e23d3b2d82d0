"""Console commands for people who prefer a terminal: the same library calls as the console's routes.

``study hittest``, ``study feedback list|handle``, ``study curated list|add|remove``, ``study usage`` and
``study logs purge`` (``service.rag.hittest``, ``service.store.feedback``, ``service.curated``,
``service.store.usage``, ``service.store.retention``). Output is JSON with ``--json``, else short Chinese.
"""

from __future__ import annotations

import json
import time
from datetime import date
from typing import Annotated

import typer

from service.commands.common import DataDirOption, build_settings, fail
from service.container import build_container
from service.errors import StudyError
from service.store.db import Database
from service.store.feedback import FEEDBACK_REASONS, FeedbackStore, day_bounds
from service.store.retention import purge_logs
from service.store.usage import usage_stats

feedback_app = typer.Typer(help="反馈审阅：查看学员差评，标记已处理。", no_args_is_help=True)
curated_app = typer.Typer(help="标注回复：为问题指定由知识库段落组成的答案。", no_args_is_help=True)
logs_app = typer.Typer(help="问答日志：按保留天数（STUDY_LOG_RETENTION_DAYS）清理。", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="以 JSON 输出")]


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "-"


def hittest(
    question: Annotated[str, typer.Argument(help="测试的问题")],
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=50)] = 10,
    as_json: JsonOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """命中测试：检索得分（词法、向量、融合）、精确查找、将给出的回答与拒答判断。"""
    from service.rag.hittest import hit_test

    try:
        result = hit_test(build_container(build_settings(data_dir)), question, top_k)
    except StudyError as err:
        fail(err)
        return
    if as_json:
        typer.echo(result.model_dump_json(indent=1))
        return
    r = result.refusal
    if r is not None:
        verdict = "拒答" if r.refuse else "作答"
        typer.echo(f"决策：{verdict}（{r.reason}），覆盖度 {r.coverage:.3f}，支持度 {r.support:.3f}")
    typer.echo(f"回答：{result.answer.answer}")
    for h in result.lookup:
        typer.echo(f"精确查找：《{h.title}》{h.locator}")
    for i, h in enumerate(result.fused, start=1):
        s = h.scores
        typer.echo(
            f"{i:>2}. 《{h.title}》{h.locator}  融合 {s.get('fused', 0):.3f}  "
            f"词法 {s.get('lexical', float('nan')):.3f}  向量 {s.get('dense', float('nan')):.3f}"
        )


@feedback_app.command("list")
def feedback_list(
    reason: Annotated[str | None, typer.Option("--reason", help="、".join(FEEDBACK_REASONS))] = None,
    since: Annotated[str | None, typer.Option("--since", help="起始日期 YYYY-MM-DD（含）")] = None,
    until: Annotated[str | None, typer.Option("--until", help="结束日期 YYYY-MM-DD（含）")] = None,
    handled: Annotated[bool | None, typer.Option("--handled/--open", help="只看已处理/未处理")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 50,
    as_json: JsonOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """列出差评（最新在前）：问题、原因、说明和当时的回答。"""
    settings = build_settings(data_dir)
    try:
        start, end = day_bounds(
            date.fromisoformat(since) if since else None, date.fromisoformat(until) if until else None
        )
    except ValueError:
        typer.echo("错误 [invalid_input]：日期格式应为 YYYY-MM-DD。", err=True)
        raise typer.Exit(1) from None
    try:
        items, total = FeedbackStore(Database(settings.db_path)).review(
            reason=reason, since=start, until=end, handled=handled, limit=limit
        )
    except StudyError as err:
        fail(err)
        return
    if as_json:
        typer.echo(json.dumps({"items": [i.model_dump() for i in items], "total": total}, ensure_ascii=False))
        return
    typer.echo(f"共 {total} 条")
    for f in items:
        state = "已处理" if f.handled_at else "未处理"
        typer.echo(f"{f.feedback_id}  {_when(f.created_at)}  {f.reason or '-'}  {state}  {f.question}")
        if f.comment:
            typer.echo(f"    说明：{f.comment}")


@feedback_app.command("handle")
def feedback_handle(
    feedback_id: Annotated[str, typer.Argument()],
    reopen: Annotated[bool, typer.Option("--reopen", help="重新打开")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """标记反馈为已处理（或 --reopen 重新打开）。"""
    settings = build_settings(data_dir)
    try:
        FeedbackStore(Database(settings.db_path)).set_handled(feedback_id, not reopen, "命令行")
    except StudyError as err:
        fail(err)
        return
    typer.echo("已重新打开。" if reopen else "已标记为已处理。")


@curated_app.command("list")
def curated_list(as_json: JsonOption = False, data_dir: DataDirOption = None) -> None:
    """列出标注回复及其是否生效（段落已不在知识库中则不生效）。"""
    try:
        listing = build_container(build_settings(data_dir)).curated.listing()
    except StudyError as err:
        fail(err)
        return
    if as_json:
        typer.echo(json.dumps([i.model_dump() for i in listing], ensure_ascii=False))
        return
    for item in listing:
        c = item.curated
        where = "、".join(f"《{p.title}》{p.locator}" for p in c.passages)
        typer.echo(f"{c.curated_id}  {'未生效' if item.stale else '生效中'}  {c.question}  →  {where}")


@curated_app.command("add")
def curated_add(
    question: Annotated[str, typer.Option("--question", help="标注的问题")],
    chunks: Annotated[list[str], typer.Option("--chunk", help="选作答案的段落 id（可多次给出，按顺序引用）")],
    feedback_id: Annotated[
        str | None, typer.Option("--feedback", help="由哪条反馈而来（将标记为已处理）")
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """新建标注回复：答案由所选段落原文组成，每段都是经过核验的引用。"""
    from service.curated.store import CuratedInput, PassageRef

    try:
        data = CuratedInput(
            question=question, passages=[PassageRef(chunk_id=c) for c in chunks], feedback_id=feedback_id
        )
        created = build_container(build_settings(data_dir)).curated.create(data, "命令行")
    except StudyError as err:
        fail(err)
        return
    typer.echo(f"已创建标注回复 {created.curated_id}")


@curated_app.command("remove")
def curated_remove(curated_id: Annotated[str, typer.Argument()], data_dir: DataDirOption = None) -> None:
    """删除标注回复。"""
    try:
        build_container(build_settings(data_dir)).curated.delete(curated_id)
    except StudyError as err:
        fail(err)
        return
    typer.echo("已删除。")


def usage(
    days: Annotated[int, typer.Option("--days", min=1, max=3650)] = 30,
    as_json: JsonOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """使用统计：每日提问、拒答率、拒答最多的问题、反馈数（不超过日志保留天数）。"""
    settings = build_settings(data_dir)
    stats = usage_stats(Database(settings.db_path), days, settings.log_retention_days)
    if as_json:
        typer.echo(stats.model_dump_json(indent=1))
        return
    rate = "-" if stats.refusal_rate is None else f"{stats.refusal_rate:.1%}"
    typer.echo(
        f"最近 {stats.days} 天：提问 {stats.questions}，拒答 {stats.refused}（{rate}），标注回复 {stats.curated}"
    )
    typer.echo("反馈：" + "，".join(f"{k} {v}" for k, v in stats.feedback.items()))
    for r in stats.top_refused[:10]:
        typer.echo(f"  拒答 {r.count} 次：{r.question}")


@logs_app.command("purge")
def logs_purge(data_dir: DataDirOption = None) -> None:
    """删除超过保留天数（STUDY_LOG_RETENTION_DAYS，0 为永久保留）的问答日志与反馈。"""
    settings = build_settings(data_dir)
    report = purge_logs(Database(settings.db_path), settings.log_retention_days)
    if report.cutoff is None:
        typer.echo("未设置保留期限（STUDY_LOG_RETENTION_DAYS=0），未删除任何记录。")
        return
    typer.echo(
        f"保留 {report.retention_days} 天：删除 {report.answers} 条回答、{report.feedback} 条反馈、"
        f"{report.conversations} 个会话。"
    )


def register(app: typer.Typer) -> None:
    app.command("hittest")(hittest)
    app.add_typer(feedback_app, name="feedback")
    app.add_typer(curated_app, name="curated")
    app.command("usage")(usage)
    app.add_typer(logs_app, name="logs")
