"""Admin routes: ingest a server path or uploaded files, delete documents, manage API keys.

WHY these are thin: ingestion and deletion are the same library calls ``study ingest`` / ``study kb
delete`` make (``service.ingest.pipeline``), so the API and CLI cannot drift. They run in the thread pool
(sync routes) and hold the pipeline's ingest lock, so a second concurrent ingest is a clear 409 and the
serving index is swapped atomically when the new generation is complete. Every route needs the admin role
(enforced by the security middleware's path policy and again by ``require_role`` here).

Server paths are limited to the knowledge directory and the uploads directory: an admin key leaked to a
browser must not be able to index ``/etc`` or the database itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from pydantic import BaseModel, Field

from service.api.security import Principal, require_role
from service.api.uploads import declared_name, store_upload, vet_documents
from service.container import Container
from service.errors import IndexNotReady, InvalidInput, NotFound
from service.ingest.loaders import load_paths
from service.ingest.pipeline import IngestReport, delete_documents, ingest, root_key
from service.store.keys import KeyStore, Role

router = APIRouter(prefix="/v1/admin", tags=["管理"])
AdminDep = Annotated[Principal, Depends(require_role("admin"))]
MAX_FILES_PER_UPLOAD = 50


class IngestPathRequest(BaseModel):
    path: str = Field(
        min_length=1, max_length=1000, description="服务器上的知识库目录或文件（须位于知识库或上传目录内）"
    )
    rebuild: bool = Field(default=False, description="重新切分并重建全部文档")


class KeyCreateRequest(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="密钥持有人或用途，如“张三”“挂件公开密钥”")
    role: Role = Field(description="member 学员 / trainer 培训员 / admin 管理员")
    origins: list[str] = Field(default_factory=list, max_length=50, description="限定可使用该密钥的网页来源")


class KeyCreated(BaseModel):
    id: str
    name: str
    role: str
    origins: list[str]
    key: str = Field(description="明文密钥，仅此一次显示，请妥善保存")


def _container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def _key_store(request: Request) -> KeyStore:
    store: KeyStore | None = getattr(request.app.state, "key_store", None)
    return store if store is not None else KeyStore(_container(request).db)


def allowed_ingest_roots(container: Container) -> list[Path]:
    settings = container.settings
    return [settings.knowledge_dir.resolve(), settings.uploads_dir.resolve()]


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


@router.post("/ingest", response_model=IngestReport, summary="导入服务器上的知识库目录或文件")
def ingest_path(body: IngestPathRequest, request: Request, _: AdminDep) -> IngestReport:
    container = _container(request)
    if "\x00" in body.path:
        raise InvalidInput("路径不合法。")
    target = Path(body.path).expanduser()
    if not target.is_absolute():
        target = container.settings.knowledge_dir / target
    resolved = Path(root_key(target))
    if not _inside(resolved, allowed_ingest_roots(container)):
        raise InvalidInput("只能导入知识库目录或上传目录内的路径。")
    if not resolved.exists():
        raise NotFound("路径不存在。")
    return ingest([resolved], container.settings, container.embedder, progress=False, rebuild=body.rebuild)


@router.post("/ingest/upload", response_model=IngestReport, summary="上传文件并导入知识库")
def ingest_upload(
    request: Request, _: AdminDep, files: Annotated[list[UploadFile], File(description="知识库文件")]
) -> IngestReport:
    container = _container(request)
    if not files:
        raise InvalidInput("请至少上传一个文件。")
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise InvalidInput(f"一次最多上传 {MAX_FILES_PER_UPLOAD} 个文件。")
    directory = container.settings.uploads_dir
    named = [(declared_name(u.headers.get("content-disposition"), u.filename), u.file.read()) for u in files]
    # Vet the whole batch from a staging dir first (ids and titles another root or file holds: 409):
    # a refused upload replaces nothing and leaves nothing behind.
    staging = Path(tempfile.mkdtemp(prefix=".upload-staging-", dir=container.settings.data_dir))
    try:
        staged = [store_upload(staging, name, data) for name, data in named]
        loaded = load_paths(staged)
        try:
            index = container.index_manager.current()
        except IndexNotReady:
            index = None
        vet_documents(
            [d.model_copy(update={"source_path": Path(d.source_path or "").name}) for d in loaded.docs],
            index,
            root_key(directory),
        )
        directory.mkdir(parents=True, exist_ok=True)
        stored = [directory / p.name for p in staged]
        for src, dst in zip(staged, stored, strict=True):
            os.replace(src, dst)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report = ingest([directory], container.settings, container.embedder, progress=False)
    uploaded = {root_key(p) for p in stored}
    # the per-file report speaks of this upload, not of every file uploaded before
    report.files = [f for f in report.files if root_key(directory / f.path) in uploaded]
    failed = {root_key(directory / f.path) for f in report.failures}
    for path in stored:
        if root_key(path) in failed:
            # keep the uploads root clean: a file that cannot be loaded would fail every later ingest
            path.unlink(missing_ok=True)
    return report


# ``:path``: an id indexed before ids were validated (e.g. ``../../x`` from a jsonl record) must still be
# deletable; it arrives URL-encoded (``..%2F..%2Fx``).
@router.delete("/documents/{doc_id:path}", response_model=IngestReport, summary="从知识库删除文档")
def delete_document(doc_id: str, request: Request, _: AdminDep) -> IngestReport:
    container = _container(request)
    container.index_manager.current().document(doc_id)  # IndexNotReady; DocumentNotFound (404) when unknown
    return delete_documents([doc_id], container.settings, container.embedder)


@router.get("/keys", summary="列出 API 密钥（不含明文）")
def list_keys(request: Request, _: AdminDep) -> dict[str, list[dict[str, object]]]:
    return {"keys": [k.to_public() for k in _key_store(request).list()]}


@router.post("/keys", response_model=KeyCreated, status_code=201, summary="创建 API 密钥（明文仅返回一次）")
def create_key(body: KeyCreateRequest, request: Request, _: AdminDep) -> KeyCreated:
    key, plaintext = _key_store(request).create(body.name, body.role, body.origins)
    return KeyCreated(id=key.id, name=key.name, role=key.role, origins=key.origins, key=plaintext)


@router.delete("/keys/{key_id}", summary="吊销 API 密钥")
def revoke_key(key_id: str, request: Request, _: AdminDep) -> dict[str, object]:
    return _key_store(request).revoke(key_id).to_public()
