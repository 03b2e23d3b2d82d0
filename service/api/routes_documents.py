"""Documents and their versions: ``GET /v1/documents`` and ``GET /v1/documents/{work}/diff``.

Members see which regulations the knowledge base holds, with work / version / status (filterable), and
the 新旧条文对照表 of two versions (``format=json`` data, or ``md`` / ``html`` / ``xlsx`` files).
Both read the current index generation; the logic lives in ``service.versions`` (shared with the CLI).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from service.container import Container
from service.errors import InvalidInput
from service.schemas import DocType
from service.versions.diff import diff_versions
from service.versions.export import to_html, to_json, to_markdown, to_xlsx
from service.versions.model import STATUSES, Works
from service.versions.notice import version_label

router = APIRouter(prefix="/v1", tags=["documents"])


class DocumentEntry(BaseModel):
    doc_id: str
    title: str
    doc_type: DocType
    work: str
    version: str | None = None
    version_label: str | None = None
    status: str | None = None
    effective_date: str | None = None
    date: str | None = None
    issuer: str | None = None
    adoption: str | None = Field(default=None, description="标题下的通过/发布说明（题注），原文照录")
    supersedes: str | None = None
    superseded_by: str | None = None
    newer_version: str | None = None
    notice: str | None = Field(
        default=None, description="非现行版本的说明，如“2018年版，已被2023年修订版取代”"
    )
    n_chunks: int = 0


class DocumentListing(BaseModel):
    documents: list[DocumentEntry]


def _container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


@router.get("/documents", response_model=DocumentListing, summary="知识库文档及其版本、状态")
def list_documents(
    request: Request,
    work: Annotated[str | None, Query(description="法规名称或简称")] = None,
    version: Annotated[str | None, Query(description="版本（年份），如 2023")] = None,
    status: Annotated[str | None, Query(description="现行有效 / 已被修订 / 已失效 / 试行")] = None,
    doc_type: Annotated[DocType | None, Query(description="文档类型")] = None,
) -> DocumentListing:
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"未知的状态：{status}（可选：{'、'.join(STATUSES)}）。")
    docs = _container(request).index_manager.current().documents()
    works = Works(docs)
    wanted_work = works.resolve_work(work) if work else None
    if work and wanted_work is None:
        return DocumentListing(documents=[])
    out = []
    for doc in docs:
        v = works.by_id[doc.doc_id]
        replacement = works.replacement(v)
        if wanted_work and v.work != wanted_work:
            continue
        if version and version not in (v.version, v.year):
            continue
        if status and v.status != status:
            continue
        if doc_type and doc.doc_type != doc_type:
            continue
        out.append(
            DocumentEntry(
                doc_id=v.doc_id,
                title=v.title,
                doc_type=doc.doc_type,
                work=v.work,
                version=v.version,
                version_label=v.version_label,
                status=v.status,
                effective_date=v.effective_date,
                date=v.date,
                issuer=v.issuer,
                adoption=doc.metadata.get("adoption"),
                supersedes=v.supersedes,
                superseded_by=replacement.doc_id if replacement else None,
                newer_version=v.newer_version,
                notice=version_label(v, works),
                n_chunks=doc.n_chunks,
            )
        )
    return DocumentListing(documents=out)


_MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/documents/{work}/diff", summary="新旧条文对照（逐条对齐两个版本）", response_model=None)
def document_diff(
    request: Request,
    work: str,
    from_version: Annotated[
        str, Query(alias="from", min_length=1, max_length=40, description="旧版本，如 2018")
    ],
    to_version: Annotated[str, Query(alias="to", min_length=1, max_length=40, description="新版本，如 2023")],
    format: Annotated[Literal["json", "md", "html", "xlsx"], Query(description="返回格式")] = "json",
) -> Any:
    index = _container(request).index_manager.current()
    table = diff_versions(index, Works(index.documents()), work, from_version, to_version)
    if format == "json":
        return to_json(table)
    filename = f"diff-{table.old.doc_id}-{table.new.doc_id}.{format}"
    body: bytes
    if format == "xlsx":
        body = to_xlsx(table)
    elif format == "html":
        body = to_html(table).encode("utf-8")
    else:
        body = to_markdown(table).encode("utf-8")
    return Response(
        content=body,
        media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
