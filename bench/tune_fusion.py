"""Measure retrieval quality per fusion setting and print a table (recall@k, MRR@k, span hit@5).

Usage (LeCoQA, vectors from the precomputed cache, so nothing is re-embedded):

    STUDY_EMBEDDING_CACHE_DIR=eval/cache python bench/tune_fusion.py \
        --dataset ../shared/eval-data/lecoqa-train --data-dir /tmp/lecoqa-data

    python bench/tune_fusion.py --dataset eval/datasets/dev --data-dir /tmp/dev-data   # over knowledge/

Both legs' candidates are computed once per question; every fusion setting then re-fuses the same
candidates, so the table compares settings on identical inputs. Figures go to docs/retrieval.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.backends.embedders import get_embedder
from service.config import Settings
from service.evals.metrics import mrr_at_k, recall_at_k, span_hit_at_k
from service.index.generations import IndexManager
from service.ingest.pipeline import ingest
from service.rag.retrieve import Candidates, Retriever
from service.schemas import Hit


@dataclass(frozen=True)
class _Question:
    question: str
    gold_doc_ids: tuple[str, ...]
    gold_spans: tuple[str, ...]


def _questions(root: Path) -> list[_Question]:
    """Answerable questions with gold documents (read leniently: LeCoQA has null reference answers)."""
    out = []
    for line in (root / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("answerable", True) and rec.get("gold_doc_ids"):
            out.append(
                _Question(rec["question"], tuple(rec["gold_doc_ids"]), tuple(rec.get("gold_spans") or ()))
            )
    return out


def _corpus_path(root: Path) -> Path:
    if (root / "corpus.jsonl").is_file():
        return root / "corpus.jsonl"
    spec = json.loads((root / "dataset.json").read_text(encoding="utf-8"))
    return (root / spec["knowledge_dir"]).resolve()


def _ingest_dataset(root: Path, settings: Settings) -> None:
    path = _corpus_path(root)
    embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    report = ingest([path], settings, embedder, progress=True)
    print(
        f"# ingest {path}: docs={report.n_docs} chunks={report.n_chunks} embedded={report.embedded} "
        f"cached={report.cached} changed={report.changed} {report.duration_s:.1f}s",
        file=sys.stderr,
    )


def _candidates(
    retriever: Retriever, manager: IndexManager, settings: Settings, questions: list[str]
) -> list[Candidates]:
    """Candidates per question, pickled beside the index so re-runs skip the query embeddings."""
    index = manager.current()
    digest = hashlib.sha256("\x00".join(questions).encode()).hexdigest()[:12]
    path = settings.data_dir / f"tune-{index.generation}-{settings.candidate_k}-{digest}.pkl"
    if path.is_file():
        rows = pickle.loads(path.read_bytes())
        return [Candidates(index, lex, den, sig, look) for lex, den, sig, look in rows]
    cands = [retriever.candidates(q) for q in questions]
    path.write_bytes(pickle.dumps([(c.lexical, c.dense, c.signals, c.lookup) for c in cands]))
    return cands


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, required=True)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--k", type=int, default=10, help="cut-off for recall/MRR")
    ap.add_argument("--limit", type=int, default=0, help="only the first N answerable questions")
    ap.add_argument("--candidate-k", type=int, default=0, help="candidates per leg (default: settings)")
    ap.add_argument(
        "--bm25", default="", help="k1,b grid to also try for lexical-only, e.g. 1.2,0.75;1.5,0.5"
    )
    args = ap.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    overrides = {"data_dir": args.data_dir}
    if args.candidate_k:
        overrides["candidate_k"] = args.candidate_k
    settings = Settings(**overrides)  # type: ignore[arg-type]
    _ingest_dataset(args.dataset, settings)
    embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    manager = IndexManager(settings, embedder)
    retriever = Retriever(settings, embedder, manager)

    questions = _questions(args.dataset)
    if args.limit:
        questions = questions[: args.limit]
    t0 = time.perf_counter()
    cands = _candidates(retriever, manager, settings, [q.question for q in questions])
    print(f"# {len(questions)} questions, candidates in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    k = args.k
    Ranker = Callable[[Candidates], list[Hit]]

    def evaluate(rank: Ranker) -> tuple[float, float, float | None]:
        rec, mrr, span = [], [], []
        for q, c in zip(questions, cands, strict=True):
            hits = rank(c)
            ids = [h.doc_id for h in hits]
            rec.append(recall_at_k(ids, q.gold_doc_ids, k) or 0.0)
            mrr.append(mrr_at_k(ids, q.gold_doc_ids, k) or 0.0)
            s = span_hit_at_k([h.text for h in hits], q.gold_spans, 5)
            if s is not None:
                span.append(s)
        return statistics.mean(rec), statistics.mean(mrr), (statistics.mean(span) if span else None)

    rows: list[tuple[str, Ranker]] = [
        ("lexical only", lambda c: retriever.leg_hits(c, c.lexical, "lexical", k)),
        ("dense only", lambda c: retriever.leg_hits(c, c.dense, "dense", k)),
    ]
    for w in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        rows.append(
            (
                f"weighted lex={w:.1f}",
                lambda c, w=w: retriever.fuse(c, k, mode="weighted", lexical_weight=w, dense_weight=1 - w),
            )
        )
    rows.append(("rrf", lambda c: retriever.fuse(c, k, mode="rrf", lexical_weight=1, dense_weight=1)))
    for w in (0.3, 0.4, 0.5):
        rows.append(
            (
                f"adaptive base={w:.1f}",
                lambda c, w=w: retriever.fuse(c, k, mode="adaptive", lexical_weight=w, dense_weight=1 - w),
            )
        )
    rows.append((f"default ({settings.fusion})", lambda c: retriever.fuse(c, k)))

    print(f"\n| setting | recall@{k} | MRR@{k} | span hit@5 |\n|---|---|---|---|")
    for name, rank in rows:
        r, m, s = evaluate(rank)
        print(f"| {name} | {r:.3f} | {m:.3f} | {'-' if s is None else f'{s:.3f}'} |")

    if args.bm25:
        from service.index.lexical import BM25Index, segmenter_for
        from service.text.normalize import normalize_for_match

        index = manager.current()
        seg = segmenter_for(settings)
        toks = [seg.tokenize(normalize_for_match(q.question)) for q in questions]
        for pair in args.bm25.split(";"):
            k1, b = (float(x) for x in pair.split(","))
            bm = BM25Index.load(index.path, k1=k1, b=b)
            alt = [
                replace(c, lexical=bm.search(t, settings.candidate_k))
                for c, t in zip(cands, toks, strict=True)
            ]
            saved = cands[:]
            cands[:] = alt
            r, m, _ = evaluate(lambda c: retriever.leg_hits(c, c.lexical, "lexical", k))
            r2, m2, _ = evaluate(lambda c: retriever.fuse(c, k))
            cands[:] = saved
            print(f"| bm25 k1={k1} b={b}: lexical | {r:.3f} | {m:.3f} | default fused {r2:.3f} / {m2:.3f} |")


if __name__ == "__main__":
    main()
