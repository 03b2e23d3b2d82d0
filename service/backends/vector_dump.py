"""Export and import one vector collection as plain arrays (for ``study backup`` / ``study restore``).

WHY not copy Chroma's files: the on-disk store is shared by all generations and may be open in a serving
process, and in server mode the files are not ours at all. Dumping the current generation's vectors through
the configured store (``open_vector_stores``) gives a consistent, portable snapshot that restores into
either mode without re-embedding.
"""

from __future__ import annotations

from typing import Any

from service.backends.base import Vector
from service.backends.vectorstore import open_vector_stores
from service.config import Settings

PAGE = 2000


def export_collection(settings: Settings, name: str) -> tuple[list[str], Vector, list[dict[str, Any]]]:
    """All ids, vectors and metadatas of collection ``name``, in a stable (id-sorted) order."""
    return open_vector_stores(settings).export(name, PAGE)


def import_collection(
    settings: Settings, name: str, ids: list[str], vectors: Vector, metadatas: list[dict[str, Any]]
) -> None:
    """(Re)create collection ``name`` holding exactly the given vectors."""
    stores = open_vector_stores(settings)
    stores.drop(name)
    store = stores.open(name, create=True)
    if ids:
        store.add(ids, vectors, metadatas)
