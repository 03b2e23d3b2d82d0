"""Re-ingest one document: read its source root again and re-split it (the console's 重新导入).

The pipeline syncs by root (``service.ingest.pipeline``), so the document's whole root is read again with
``rebuild=True``; the embedding cache spares the model work for every unchanged chunk.
"""

from __future__ import annotations

from pathlib import Path

from service.backends.base import Embedder
from service.config import Settings
from service.errors import InvalidInput
from service.index.generations import KnowledgeIndex
from service.ingest.pipeline import IngestReport, ingest


def reingest_document(
    doc_id: str, index: KnowledgeIndex, settings: Settings, embedder: Embedder
) -> IngestReport:
    """Re-read and re-split ``doc_id``'s source root. 404 for an unknown document; 422 without a source."""
    info = index.document(doc_id)  # DocumentNotFound (404)
    root = info.source_root or info.source_path
    if not root or not Path(root).exists():
        raise InvalidInput("该文档的源文件已不存在，无法重新导入；请重新上传。")
    return ingest([Path(root)], settings, embedder, progress=False, rebuild=True)
