"""Trainer commands: ``study quiz`` (generate) and ``study bank list|review|export``.

Thin wrappers over ``service.quiz.scope.quiz_for`` and ``service.store.bank.QuestionBank``, the same
functions the API routes call; Chinese output for people, ``--json`` for scripts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal, get_args

import typer

from service.commands.common import DataDirOption, build_settings, fail
from service.container import build_container
from service.errors import InvalidInput, StudyError
from service.quiz.export import ExportFormat
from service.quiz.items import DIFFICULTY_LABELS, LETTERS, TYPE_LABELS, QuizRequest, QuizScope
from service.quiz.quality import RULES
from service.quiz.validate import GENERATION_REASONS, REASONS
from service.schemas import QuizItem
from service.store.bank import ItemEdit, QuestionBank

_TYPES = ("single", "multiple", "judge", "blank")
_FORMATS = get_args(ExportFormat)
_STATUS_NAMES = {"pending": "待审核", "approved": "已通过", "rejected": "已驳回"}


def render_item(n: int, item: QuizItem) -> str:
    """An item as a trainer reads it in the terminal."""
    lines = [f"{n}. 【{TYPE_LABELS[item.type]}·{DIFFICULTY_LABELS[item.difficulty]}】{item.stem}"]
    for i, option in enumerate(item.options or []):
        lines.append(f"   {LETTERS[i]}. {option}")
    if item.type == "judge":
        answer = "正确" if item.answer is True else "错误"
    elif isinstance(item.answer, list):
        answer = "".join(item.answer)
    else:
        answer = str(item.answer)
    lines.append(f"   答案：{answer}")
    lines.append(f"   解析：{item.explanation}")
    lines.append(f"   编号：{item.id}")
    return "\n".join(lines)


def _split_types(types: str) -> list[str]:
    wanted = [t.strip() for t in types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in _TYPES]
    if unknown or not wanted:
        raise InvalidInput(f"题型只能是 {','.join(_TYPES)}，收到：{types}")
    return wanted


def _quiz(
    doc_id: Annotated[list[str] | None, typer.Option("--doc-id", help="限定文档（可多次）")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="检索词：围绕检索到的内容出题")] = None,
    locator: Annotated[
        list[str] | None, typer.Option("--locator", help="限定条款或章，如 第三十二条（可多次）")
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=100, help="题目数量")] = 10,
    types: Annotated[
        str, typer.Option("--types", help="题型，逗号分隔：single,multiple,judge,blank")
    ] = ",".join(_TYPES),
    difficulty: Annotated[str | None, typer.Option("--difficulty", help="优先难度：easy/medium/hard")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="随机种子：相同种子和范围生成相同题目")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    save: Annotated[bool, typer.Option("--save", help="把生成的题目存入题库（待审核）")] = False,
    include_superseded: Annotated[
        bool, typer.Option("--include-superseded", help="也从已被修订的旧版本出题（默认只用现行版本）")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """按文档、条款或检索词生成题目（默认规则出题；配置了大模型时先用大模型）。"""
    from service.index.sources import item_sources
    from service.quiz.scope import quiz_for

    settings = build_settings(data_dir)
    try:
        request = QuizRequest.model_validate(
            {
                "scope": QuizScope(
                    doc_ids=doc_id or None,
                    query=query,
                    locators=locator or None,
                    include_superseded=include_superseded,
                ),
                "count": count,
                "types": _split_types(types),
                "difficulty": difficulty,
                "seed": seed,
            }
        )
    except StudyError as err:
        fail(err)
        return
    except ValueError as err:
        fail(InvalidInput(f"参数不正确：{err}"))
        return
    try:
        container = build_container(settings)
        result = quiz_for(container, request)
        report = None
        if save:  # checked against each item's source passage, as POST /v1/bank does
            sources = item_sources(container.index_manager.current())
            report = QuestionBank(container.db).save(result.items, sources)
    except StudyError as err:
        fail(err)
        return
    if as_json:
        payload = result.model_dump(mode="json")
        if report is not None:
            payload["bank"] = report.model_dump(mode="json")
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for n, item in enumerate(result.items, start=1):
        typer.echo(render_item(n, item) + "\n")
    typer.echo(f"共 {len(result.items)} 题（种子 {result.seed}）。")
    if result.dropped:
        labels = {**REASONS, **GENERATION_REASONS, **RULES}
        typer.echo("未出题的原因：")
        for reason, n in sorted(result.dropped.items(), key=lambda kv: -kv[1]):
            typer.echo(f"  {labels.get(reason, reason)}（{reason}）：{n}")
    if report is not None:
        invalid = f"；未通过原文校验而跳过 {len(report.invalid)} 题" if report.invalid else ""
        typer.echo(
            f"已存入题库 {len(report.saved)} 题；与题库已有题目重复而跳过 {len(report.duplicates)} 题{invalid}。"
        )


bank_app = typer.Typer(help="题库：列出、审核、导出题目。", no_args_is_help=True)


@bank_app.command("list")
def _bank_list(
    doc_id: Annotated[str | None, typer.Option("--doc-id", help="按文档")] = None,
    chapter: Annotated[str | None, typer.Option("--chapter", help="按章，如 第五章 党的基层组织")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="按题型")] = None,
    status: Annotated[str | None, typer.Option("--status", help="pending/approved/rejected")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """列出题库中的题目。"""
    settings = build_settings(data_dir)
    entries = QuestionBank(build_container(settings).db).list(
        doc_id=doc_id, chapter=chapter, type=type_, status=status
    )
    if as_json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], ensure_ascii=False, indent=2))
        return
    for n, entry in enumerate(entries, start=1):
        typer.echo(f"[{_STATUS_NAMES[entry.status]}] " + render_item(n, entry.item) + "\n")
    typer.echo(f"共 {len(entries)} 题。")


@bank_app.command("review")
def _bank_review(
    item_id: Annotated[str | None, typer.Argument(help="题目编号（审核单题，可同时修改）")] = None,
    ids: Annotated[str | None, typer.Option("--ids", help="批量审核：逗号分隔的题目编号")] = None,
    approve_all: Annotated[bool, typer.Option("--approve-all", help="通过全部待审核题目")] = False,
    approve: Annotated[bool, typer.Option("--approve", help="通过（默认）")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="驳回")] = False,
    reviewer: Annotated[str, typer.Option("--reviewer", help="审核人")] = "培训员",
    stem: Annotated[str | None, typer.Option("--stem", help="修改题干")] = None,
    options: Annotated[str | None, typer.Option("--options", help="修改选项，用 | 分隔")] = None,
    answer: Annotated[
        str | None, typer.Option("--answer", help="修改答案（字母、正确/错误或填空答案）")
    ] = None,
    explanation: Annotated[str | None, typer.Option("--explanation", help="修改解析")] = None,
    comment: Annotated[str | None, typer.Option("--comment", help="审核意见")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """审核题目：单题（可修改）、--ids 批量或 --approve-all 通过全部待审核题目。"""
    if approve and reject:
        fail(InvalidInput("--approve 与 --reject 只能选一个。"))
        return
    chosen = [x for x in (item_id, ids, approve_all or None) if x]
    if len(chosen) != 1:
        fail(InvalidInput("请给出一个题目编号，或 --ids a,b，或 --approve-all（三者选一）。"))
        return
    if approve_all and reject:
        fail(InvalidInput("--approve-all 只能用于通过；批量驳回请用 --ids … --reject。"))
        return
    decision: Literal["approve", "reject"] = "reject" if reject else "approve"
    settings = build_settings(data_dir)
    bank = QuestionBank(build_container(settings).db)
    try:
        if item_id is None:
            edits_given = any(v is not None for v in (stem, options, answer, explanation))
            if edits_given:
                raise InvalidInput("批量审核不能同时修改题目；请逐题审核修改。")
            id_list = [i.strip() for i in (ids or "").split(",") if i.strip()]
            if ids is not None and not id_list:
                raise InvalidInput("--ids 不能为空。")
            updated = bank.review_many(decision, reviewer, ids=id_list or None, all_pending=approve_all)
            verb = "通过" if decision == "approve" else "驳回"
            typer.echo(f"已{verb} {len(updated)} 题。")
            return
        parsed_answer: str | bool | None = answer
        if answer is not None and bank.get(item_id).item.type == "judge":
            parsed_answer = answer.strip() in ("正确", "对", "true", "T", "√")
        edits = ItemEdit(
            stem=stem,
            options=options.split("|") if options else None,
            answer=parsed_answer,
            explanation=explanation,
        )
        entry = bank.review(item_id, decision, reviewer, edits, comment)
    except StudyError as err:
        fail(err)
        return
    typer.echo(f"已{_STATUS_NAMES[entry.status].removeprefix('已')}：{entry.item.id}")


@bank_app.command("export")
def _bank_export(
    out: Annotated[Path, typer.Option("--out", "-o", help="输出文件")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json/csv/xlsx/gift/aiken")] = "xlsx",
    status: Annotated[
        str | None, typer.Option("--status", help="只导出该状态（默认 approved；all 为全部）")
    ] = "approved",
    doc_id: Annotated[str | None, typer.Option("--doc-id", help="按文档")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="按题型")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """导出题库为考试系统可导入的文件；说明跳过了哪些题及原因，没有写出任何题目时以非零状态退出。"""
    if fmt not in _FORMATS:
        fail(InvalidInput(f"导出格式只能是 {'/'.join(_FORMATS)}。"))
        return
    settings = build_settings(data_dir)
    bank = QuestionBank(build_container(settings).db)
    try:
        result = bank.export(
            fmt,  # type: ignore[arg-type]
            status=None if status == "all" else status,
            doc_id=doc_id,
            type=type_,
        )
    except StudyError as err:
        fail(err)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(result.data)
    typer.echo(result.summary().removesuffix("。") + f"，文件：{out}。")


def register(app: typer.Typer) -> None:
    app.command("quiz")(_quiz)
    app.add_typer(bank_app, name="bank")
