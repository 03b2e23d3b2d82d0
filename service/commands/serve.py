"""``study serve``: bring up the API (and widget) on the configured data dir.

The README's first command must give a working assistant from a clean clone, so when the index is empty
and ``settings.knowledge_dir`` exists, the shipped knowledge base is ingested first (the same
``ingest`` the CLI runs). A data dir that already has an index is served as is: ``study ingest`` keeps
it current, and the server picks up a new generation without a restart.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from service.commands.common import DataDirOption, build_settings, fail
from service.config import Settings
from service.container import Container, build_container
from service.errors import StudyError


def ensure_index(settings: Settings, container: Container) -> bool:
    """Ingest ``settings.knowledge_dir`` when nothing is indexed yet; True when it ingested.

    A damaged index is not "nothing": the server starts, serves the last good generation (or 503) and
    ``study doctor`` says what to do; it is not silently replaced from the knowledge dir at every start.
    """
    from service.index.generations import read_current

    if read_current(settings.index_root) is not None or not settings.knowledge_dir.is_dir():
        return False
    from service.ingest.pipeline import ingest

    typer.echo(f"索引为空，正在导入知识库：{settings.knowledge_dir} …")
    report = ingest([settings.knowledge_dir], settings, container.embedder, progress=False)
    typer.echo(f"导入完成：{report.n_docs} 篇文档、{report.n_chunks} 个片段。")
    for notice in report.notices:
        typer.echo(notice)
    for failure in report.failures:
        typer.echo(f"  未能导入：{failure}", err=True)
    return True


def _serve(
    data_dir: DataDirOption = None,
    host: Annotated[
        str | None, typer.Option("--host", help="监听地址（默认 STUDY_HOST 或 127.0.0.1）")
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="监听端口（默认 STUDY_PORT 或 8000）")] = None,
    knowledge_dir: Annotated[
        Path | None, typer.Option("--knowledge-dir", help="索引为空时自动导入的目录（默认 knowledge/）")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, max=32, help="工作进程数（默认 STUDY_WORKERS 或 1）")
    ] = None,
) -> None:
    """启动问答服务（HTTP API、OpenAI 兼容接口与网页组件）。"""
    import uvicorn

    from service.api.app import create_app
    from service.api.security import ensure_safe_bind
    from service.store.keys import KeyStore

    settings = build_settings(data_dir, host=host, port=port, knowledge_dir=knowledge_dir, workers=workers)
    try:
        container = build_container(settings)
        warning = ensure_safe_bind(settings, settings.host, KeyStore(container.db))
        if warning:
            typer.echo(warning, err=True)
        if settings.host in ("0.0.0.0", "::") and not settings.allowed_hosts:
            typer.echo(
                "提示：只接受主机名为本机、STUDY_HOST 或 STUDY_CORS_ORIGINS 中主机的请求；"
                "通过域名或局域网地址访问时，请在 STUDY_ALLOWED_HOSTS 中列出（防 DNS 重绑定）。",
                err=True,
            )
        ensure_index(settings, container)
        app = create_app(settings, container)
    except StudyError as err:
        fail(err)
        return
    typer.echo(f"服务地址：http://{settings.host}:{settings.port}/  （接口文档：/docs）")
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "proxy_headers": True,
        "forwarded_allow_ips": ",".join(settings.trusted_proxies),
    }
    if settings.workers == 1:
        uvicorn.run(app, **options)
        return
    # Several processes: each worker builds its own settings from the environment (the edge of that process),
    # so what the command line chose travels there as STUDY_ variables.
    os.environ.update(worker_environment(settings))
    typer.echo(f"工作进程：{settings.workers} 个（各自加载模型与缓存；限流按进程计）")
    uvicorn.run("service.api.app:create_app", factory=True, workers=settings.workers, **options)


def worker_environment(settings: Settings) -> dict[str, str]:
    """The ``STUDY_`` variables a worker process needs to rebuild ``settings`` as the command line chose them
    (data dir, knowledge dir, host, port); everything else it reads from the same environment and .env."""
    return {
        "STUDY_DATA_DIR": str(settings.data_dir.resolve()),
        "STUDY_KNOWLEDGE_DIR": str(settings.knowledge_dir.resolve()),
        "STUDY_HOST": settings.host,
        "STUDY_PORT": str(settings.port),
        "STUDY_WORKERS": "1",
    }


def register(app: typer.Typer) -> None:
    app.command("serve")(_serve)
