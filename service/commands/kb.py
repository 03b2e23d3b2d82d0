"""Knowledge-base commands: ``study ingest``, ``study search``, ``study docs``, ``study delete``.

Thin wrappers over ``service.ingest.pipeline`` and ``Retriever.search`` (the same functions the API
calls), printing Chinese reports for people and exact JSON (``--json``) for scripts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, get_args

import typer

from service.commands.common import DataDirOption, build_settings, fail
from service.container import build_container
from service.errors import InvalidInput, StudyError
from service.schemas import DocType, SearchFilters

_DOC_TYPES = get_args(DocType)
_TYPE_NAMES = {
    "regulation": "法规",
    "party_regulation": "党内法规",
    "theory": "理论",
    "news": "新闻",
    "other": "其他",
}


def _ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="要导入的文件或目录（可多个）；给出 knowledge 目录时一并导入 STUDY_CORPUS_DIRS 中的法规文本，"
            "也可在其后给出法规文本目录代替"
        ),
    ],
    data_dir: DataDirOption = None,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="不显示进度条")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出导入报告")] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="重新切分并重建全部索引")] = False,
    keep_missing: Annotated[
        bool, typer.Option("--keep-missing", help="不删除源目录中已不存在的文档")
    ] = False,
) -> None:
    """导入文档到知识库（增量：未变化的文档不会重新计算向量）。"""
    from service.ingest.pipeline import ingest

    settings = build_settings(data_dir)
    try:
        container = build_container(settings)
        report = ingest(
            paths,
            settings,
            container.embedder,
            progress=not no_progress,
            delete_missing=not keep_missing,
            rebuild=rebuild,
        )
    except StudyError as err:
        fail(err)
        return
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(
            f"导入完成：新增 {len(report.added)} 篇，更新 {len(report.updated)} 篇，"
            f"删除 {len(report.removed)} 篇，未变化 {len(report.unchanged)} 篇。"
        )
        typer.echo(
            f"知识库现有 {report.n_docs} 篇文档、{report.n_chunks} 个片段；"
            f"本次新计算向量 {report.embedded} 个，缓存命中 {report.cached} 个；用时 {report.duration_s:.1f} 秒。"
        )
        if report.files:
            from service.ingest.report import describe

            typer.echo("文件读取报告：")
            for file in report.files:
                for line in describe(file):
                    typer.echo(f"  {line}")
        if report.changed:
            typer.echo(f"已切换到新索引版本 {report.generation}。")
        elif report.generation:
            typer.echo(f"内容没有变化，继续使用索引版本 {report.generation}。")
        for notice in report.notices:
            typer.echo(notice)
        if report.failures:
            typer.echo(f"有 {len(report.failures)} 个文件导入失败：", err=True)
            for f in report.failures:
                typer.echo(f"  {f.path}  [{f.code}] {f.message}", err=True)
    if report.failures and report.n_loaded == 0:
        sys.exit(1)


def _search(
    query: Annotated[str, typer.Argument(help="检索内容，如“两个维护是什么”或“党章第十条”")],
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, max=100, help="返回条数")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    doc_type: Annotated[
        list[str] | None,
        typer.Option("--doc-type", help="按文档类型过滤：regulation/party_regulation/theory/news/other"),
    ] = None,
    doc_id: Annotated[list[str] | None, typer.Option("--doc-id", help="只在指定文档中检索（可多次）")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """在知识库中检索（词法 + 向量混合检索，条文号精确定位）。"""
    settings = build_settings(data_dir)
    try:
        bad = [t for t in doc_type or [] if t not in _DOC_TYPES]
        if bad:
            raise InvalidInput(f"未知的文档类型：{'、'.join(bad)}（可选：{'、'.join(_DOC_TYPES)}）。")
        filters = None
        if doc_type or doc_id:
            filters = SearchFilters(doc_ids=doc_id or None, doc_types=doc_type or None)  # type: ignore[arg-type]
        hits = build_container(settings).retriever.search(query, top_k=top_k, filters=filters)
    except StudyError as err:
        fail(err)
        return
    if as_json:
        payload = {
            "hits": [
                {
                    "doc_id": h.doc_id,
                    "title": h.title,
                    "chunk_id": h.chunk_id,
                    "locator": h.locator,
                    "text": h.text,
                    "score": h.score,
                }
                for h in hits
            ]
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not hits:
        typer.echo("没有找到相关内容。")
        return
    for rank, h in enumerate(hits, start=1):
        where = f"{h.title} {h.locator}".strip()
        typer.echo(f"{rank}. 【{where}】（相关度 {h.score:.3f}，{h.doc_id}）")
        text = " ".join(h.text.split())
        typer.echo(f"   {text[:200]}{'……' if len(text) > 200 else ''}")


def _docs(
    data_dir: DataDirOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """列出知识库中的文档。"""
    settings = build_settings(data_dir)
    try:
        docs = build_container(settings).index_manager.current().documents()
    except StudyError as err:
        fail(err)
        return
    if as_json:
        typer.echo(json.dumps([d.model_dump(mode="json") for d in docs], ensure_ascii=False, indent=2))
        return
    typer.echo(f"共 {len(docs)} 篇文档：")
    for d in docs:
        kind = _TYPE_NAMES.get(d.doc_type, d.doc_type)
        version = "，".join(
            str(d.metadata[k]) + ("年版" if k == "version" and str(d.metadata[k]).isdigit() else "")
            for k in ("version", "status")
            if d.metadata.get(k) and (k != "version" or str(d.metadata[k]).isdigit())
        )
        typer.echo(
            f"  {d.doc_id}  {d.title}（{kind}，{version + '，' if version else ''}{d.n_chunks} 个片段）"
        )


def _delete(
    doc_ids: Annotated[list[str], typer.Argument(help="要删除的文档编号（可多个）")],
    data_dir: DataDirOption = None,
) -> None:
    """从知识库删除文档（生成不含这些文档的新索引版本）。"""
    from service.ingest.pipeline import delete_documents

    settings = build_settings(data_dir)
    try:
        report = delete_documents(doc_ids, settings, build_container(settings).embedder)
    except StudyError as err:
        fail(err)
        return
    typer.echo(
        f"已删除 {len(report.removed)} 篇文档：{'、'.join(report.removed)}；"
        f"知识库现有 {report.n_docs} 篇文档，索引版本 {report.generation}。"
    )


def register(app: typer.Typer) -> None:
    app.command("ingest")(_ingest)
    app.command("search")(_search)
    app.command("docs")(_docs)
    app.command("delete")(_delete)
