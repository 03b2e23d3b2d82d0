"""The LangChain adapter returns exactly our embedder's vectors (the comparison bench relies on it)."""

from __future__ import annotations

import numpy as np

from service.backends.embedders import HashEmbedder
from service.backends.langchain_embeddings import EmbedderAsLangChain


def test_adapter_matches_embedder() -> None:
    embedder = HashEmbedder()
    adapter = EmbedderAsLangChain(embedder, batch_size=2)
    texts = ["党员的权利", "党员的义务", "支部委员会", "预备期"]
    docs = adapter.embed_documents(texts)
    assert len(docs) == 4 and all(len(v) == embedder.dim for v in docs)
    np.testing.assert_allclose(np.asarray(docs), embedder.embed_documents(texts), rtol=1e-6)
    np.testing.assert_allclose(adapter.embed_query("党员"), embedder.embed_query("党员"), rtol=1e-6)
