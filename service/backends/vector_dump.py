"""Export and import one Chroma collection as plain arrays (for ``study backup`` / ``study restore``).

WHY not copy Chroma's files: the on-disk store is shared by all generations and may be open in a serving
process, and in server mode the files are not ours at all. Dumping the current generation's vectors through
the client gives a consistent, portable snapshot that restores into either mode without re-embedding.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from service.backends.base import Vector
from service.backends.vectorstore import _client, open_collection
from service.config import Settings
from service.errors import BackendUnavailable

PAGE = 2000


def export_collection(settings: Settings, name: str) -> tuple[list[str], Vector, list[dict[str, Any]]]:
    """All ids, vectors and metadatas of collection ``name``, in a stable (id-sorted) order."""
    client = _client(settings)
    try:
        collection = client.get_collection(name=name, embedding_function=None)
        total = int(collection.count())
        ids: list[str] = []
        vecs: list[Any] = []
        metas: list[dict[str, Any]] = []
        for offset in range(0, total, PAGE):
            page = collection.get(include=["embeddings", "metadatas"], limit=PAGE, offset=offset)
            ids.extend(str(i) for i in page["ids"])
            vecs.extend(page["embeddings"])
            metas.extend(dict(m or {}) for m in page["metadatas"])
    except Exception as exc:
        raise BackendUnavailable("向量库不可用，无法导出向量。") from exc
    order = sorted(range(len(ids)), key=ids.__getitem__)
    matrix = np.asarray([vecs[i] for i in order], dtype=np.float32)
    if matrix.ndim != 2:
        matrix = matrix.reshape(len(order), -1)
    return [ids[i] for i in order], matrix, [metas[i] for i in order]


def import_collection(
    settings: Settings, name: str, ids: list[str], vectors: Vector, metadatas: list[dict[str, Any]]
) -> None:
    """(Re)create collection ``name`` holding exactly the given vectors."""
    from service.backends.vectorstore import drop_collection

    drop_collection(settings, name)
    store = open_collection(settings, name, create=True)
    if ids:
        store.add(ids, vectors, metadatas)
