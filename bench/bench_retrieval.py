"""Ingest throughput and search latency (p50/p95) on the LeCoQA corpus.

    STUDY_EMBEDDING_CACHE_DIR=eval/cache python bench/bench_retrieval.py            # cached vectors
    python bench/bench_retrieval.py --limit 500 --cold                              # embed for real

With the shared embedding cache the ingest figure is the indexing cost (load, split, BM25, Chroma);
``--cold`` uses an empty cache so it includes model time. The unchanged re-ingest is timed too (it must
embed nothing). Search latency is end to end through ``Retriever.search`` (lookup, jieba, BM25, query
embedding, Chroma, fusion, de-duplication), plus each leg alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.backends.embedders import get_embedder
from service.config import REPO_ROOT, Settings
from service.index.generations import IndexManager
from service.index.lexical import segmenter_for
from service.index.texts import embedding_query
from service.ingest.pipeline import ingest
from service.rag.retrieve import Retriever
from service.text.normalize import normalize_for_match

LECOQA = REPO_ROOT.parent / "shared" / "eval-data" / "lecoqa-train"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _line(name: str, ms: list[float]) -> str:
    return f"{name:<22} p50 {_pct(ms, 0.5):7.1f} ms   p95 {_pct(ms, 0.95):7.1f} ms   mean {statistics.mean(ms):7.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=LECOQA)
    ap.add_argument("--limit", type=int, default=0, help="ingest only the first N corpus records")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--cold", action="store_true", help="empty embedding cache (includes model time)")
    ap.add_argument("--data-dir", type=Path, default=None, help="default: a fresh temp dir")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    work = Path(tempfile.mkdtemp(prefix="bench-retrieval-"))
    corpus = args.dataset / "corpus.jsonl"
    if args.limit:
        lines = corpus.read_text(encoding="utf-8").splitlines()[: args.limit]
        corpus = work / "corpus.jsonl"
        corpus.write_text("\n".join(lines), encoding="utf-8")
    overrides: dict[str, object] = {"data_dir": args.data_dir or work / "data"}
    if args.cold:
        overrides["embedding_cache_dir"] = work / "cache"
    settings = Settings(**overrides)  # type: ignore[arg-type]
    embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    print(f"embedder {embedder.name}, data dir {settings.data_dir}, cache {settings.embedding_cache_path}")

    t0 = time.perf_counter()
    report = ingest([corpus], settings, embedder, progress=False)
    took = time.perf_counter() - t0
    print(
        f"ingest: {report.n_docs} docs, {report.n_chunks} chunks in {took:.1f} s "
        f"({report.n_docs / took:.0f} docs/s, {report.n_chunks / took:.0f} chunks/s); "
        f"embedded {report.embedded}, from cache {report.cached}"
    )
    t0 = time.perf_counter()
    again = ingest([corpus], settings, embedder, progress=False)
    print(f"unchanged re-ingest: {time.perf_counter() - t0:.2f} s, embedded {again.embedded}")

    manager = IndexManager(settings, embedder)
    retriever = Retriever(settings, embedder, manager)
    questions = [
        json.loads(line)["question"]
        for line in (args.dataset / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][: args.queries]
    retriever.search(questions[0])  # warm-up: jieba dictionary, Chroma segment load
    index = manager.current()
    seg = segmenter_for(settings)
    total, lexical, embed, dense = [], [], [], []
    for q in questions:
        t0 = time.perf_counter()
        retriever.search(q, top_k=5)
        total.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        index.lexical.search(seg.tokenize(normalize_for_match(q)), settings.candidate_k)
        lexical.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        vec = embedder.embed_query(embedding_query(q))
        embed.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        index.vectors.query(vec, settings.candidate_k)
        dense.append((time.perf_counter() - t0) * 1000)
    print(f"search over {len(questions)} LeCoQA questions (top_k=5, candidate_k={settings.candidate_k}):")
    for name, ms in (("search (end to end)", total), ("  bm25 leg", lexical), ("  query embedding", embed),
                     ("  chroma query", dense)):  # fmt: skip
        print(_line(name, ms))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
