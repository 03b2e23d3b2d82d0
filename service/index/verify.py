"""Verification of index generations: is what ``CURRENT`` names whole and consistent?

WHY: a generation is written once and then only read, so any difference between what was written and what
is on disk now is damage (a disk error, a full disk during a copy, a careless ``rm``, a half-restored
backup). Reading a damaged generation used to crash start-up (traceback, exit 1, a crash loop under a
supervisor) or, worse, serve wrong answers from a truncated ``chunks.jsonl``. So every generation records
the size and SHA-256 of each of its files in ``meta.json`` (``stamp_files``), and opening one checks:

- every file is present with its recorded size; files up to ``CHECKSUM_MAX_BYTES`` also by checksum;
- counts agree: documents and chunks against ``meta.json``, the BM25 matrix's rows and the vector count
  against the chunks, one full text per document, no chunk of an unknown document.

A generation failing any check is *damaged*: ``IndexManager`` reports it (``/readyz`` 503 with the reason),
serves the last good generation if one exists, and ``study ingest`` ignores and replaces it.
``inspect_data_dir`` is what ``study doctor`` prints. Generations written before stamps existed are
checked by counts only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from service.backends.base import VectorStore
    from service.config import Settings

# Files this small are read whole at open anyway; hashing them costs less than reading them.
CHECKSUM_MAX_BYTES = 64_000_000
STAMPED_FILES = ("chunks.jsonl", "docs.json", "texts.jsonl", "bm25.npz", "bm25.json")


class FileStamp(BaseModel):
    """Size in bytes and hex SHA-256 of one file of a generation, recorded when it was written."""

    bytes: int
    sha256: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp_files(gen_dir: Path) -> dict[str, FileStamp]:
    """Stamps of the generation's files as written now (called just before ``meta.json`` is written)."""
    stamps: dict[str, FileStamp] = {}
    for name in STAMPED_FILES:
        path = gen_dir / name
        if path.is_file():
            stamps[name] = FileStamp(bytes=path.stat().st_size, sha256=_sha256(path))
    return stamps


def check_files(gen_dir: Path, stamps: dict[str, FileStamp]) -> list[str]:
    """Problems (Chinese, one per file) with the files against their stamps; empty when all match."""
    problems: list[str] = []
    for name, stamp in sorted(stamps.items()):
        path = gen_dir / name
        if not path.is_file():
            problems.append(f"缺少文件 {name}")
            continue
        size = path.stat().st_size
        if size != stamp.bytes:
            problems.append(f"{name} 大小为 {size} 字节，写入时为 {stamp.bytes} 字节（被截断或改动）")
        elif size <= CHECKSUM_MAX_BYTES and _sha256(path) != stamp.sha256:
            problems.append(f"{name} 校验和不符（内容被改动）")
    return problems


@dataclass(frozen=True)
class Counts:
    """What a generation holds, counted from its files as loaded."""

    n_docs: int
    n_chunks: int
    bm25_rows: int
    n_texts: int
    orphan_chunks: int  # chunks whose document is not in docs.json


def check_counts(expected_docs: int, expected_chunks: int, counts: Counts) -> list[str]:
    """Problems with the loaded counts against ``meta.json``'s ``n_docs``/``n_chunks`` and each other."""
    problems: list[str] = []
    if counts.n_docs != expected_docs:
        problems.append(f"docs.json 有 {counts.n_docs} 篇文档，meta.json 记录 {expected_docs} 篇")
    if counts.n_chunks != expected_chunks:
        problems.append(f"chunks.jsonl 有 {counts.n_chunks} 个片段，meta.json 记录 {expected_chunks} 个")
    if counts.bm25_rows != expected_chunks:
        problems.append(f"词法索引有 {counts.bm25_rows} 行，应为 {expected_chunks} 个片段")
    if counts.n_texts != expected_docs:
        problems.append(f"texts.jsonl 有 {counts.n_texts} 篇全文，应为 {expected_docs} 篇")
    if counts.orphan_chunks:
        problems.append(f"{counts.orphan_chunks} 个片段属于 docs.json 中不存在的文档")
    return problems


def check_vectors(
    settings: Settings, collection: str, open_store: Callable[[], VectorStore], expected_chunks: int
) -> list[str]:
    """Problems with the generation's vector collection: missing, or not one vector per chunk.

    Raises ``BackendUnavailable`` when the store itself cannot be reached (an outage is not damage: the
    generation is fine and serves again when the store is back).
    """
    from service.backends.vectorstore import open_vector_stores
    from service.errors import BackendUnavailable

    try:
        n = open_store().count()
    except BackendUnavailable:
        if (
            collection not in open_vector_stores(settings).collections()
        ):  # the store answers: the collection is gone
            return [f"向量库中缺少集合 {collection}"]
        raise
    if n != expected_chunks:
        return [f"向量库有 {n} 个向量，应为 {expected_chunks} 个片段"]
    return []


# --- study doctor ------------------------------------------------------------------------------------
@dataclass
class GenerationHealth:
    name: str
    current: bool
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class DataDirReport:
    """The state of a data dir's index for ``study doctor``: each generation and the advice to give."""

    index_root: Path
    current: str | None
    generations: list[GenerationHealth]
    advice: list[str]

    @property
    def healthy(self) -> bool:
        cur = next((g for g in self.generations if g.current), None)
        return cur is not None and cur.ok


def inspect_data_dir(settings: Settings) -> DataDirReport:
    """Open every complete generation as the server would and say what is wrong and what to do."""
    from service.errors import BackendUnavailable, IndexNotReady
    from service.index.generations import is_complete, list_generations, open_generation, read_current

    root = settings.index_root
    current = read_current(root)
    healths: list[GenerationHealth] = []
    for name in list_generations(root):
        health = GenerationHealth(name=name, current=name == current)
        if not is_complete(root / name):
            if name == current:
                health.problems.append("缺少 meta.json（写入未完成）")
                healths.append(health)
            continue  # a half-written leftover: the next ingest removes it
        try:
            if not open_generation(settings, name).vectors_verified:
                health.problems.append("向量库无法访问，无法核对向量数量（检查 Chroma 服务）")
        except BackendUnavailable as exc:
            health.problems.append(f"向量库无法访问：{exc.message}")
        except IndexNotReady as exc:
            health.problems.append(exc.message)
        healths.append(health)
    if current is not None and not any(g.current for g in healths):
        healths.append(
            GenerationHealth(name=current, current=True, problems=["CURRENT 指向的版本目录不存在"])
        )
    advice: list[str] = []
    cur = next((g for g in healths if g.current), None)
    good = [g for g in healths if g.ok and not g.current]
    if current is None:
        advice.append("尚未导入知识库：运行 study ingest knowledge")
    elif cur is not None and not cur.ok:
        if good:
            advice.append(f"当前版本已损坏；服务暂用上一可用版本 {good[-1].name}（/readyz 返回 503）。")
        else:
            advice.append("当前版本已损坏且没有可用的旧版本：检索与问答返回 503。")
        advice.append("修复：运行 study ingest <知识库目录>（会忽略并替换损坏的版本），必要时加 --rebuild。")
    else:
        advice.append("索引完好，无需处理。")
    return DataDirReport(index_root=root, current=current, generations=healths, advice=advice)
