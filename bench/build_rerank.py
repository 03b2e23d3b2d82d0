"""Rebuild ``service/rag/models/rerank_lgbm.txt`` (+ ``.json``), the learned ranker of ``service/rag/rerank.py``.

    STUDY_EMBEDDING_CACHE_DIR=eval/cache python bench/build_rerank.py --data-dir /tmp/lecoqa-data
    python bench/build_rerank.py --data-dir /tmp/lecoqa-data --check        # rebuild in memory, compare
    python bench/build_rerank.py --data-dir /tmp/lecoqa-data --report ../shared/eval-data/lecoqa-test

``--data-dir``: a data dir where ``study ingest`` indexed the LeCoQA corpus (``lecoqa-train/corpus.jsonl``,
the same articles as the test split). Both legs' candidates per question are computed once and pickled
in ``--cache-dir`` (default: the embedding cache dir), so re-runs embed nothing.

Discipline (issue 17, item 2): only ``lecoqa-train`` is learned from. Its questions are split by question
exactly like ``bench/build_vocab_map.py`` (sorted by id, shuffled with seed 17, 20% validation): the model
is trained on the training part, its parameters chosen on the validation part (recall@10 + MRR@10),
and the validation figures recorded in the ``.json`` are those of the model trained on the training part
only. The shipped model is then the chosen parameters trained again on training + validation questions
(``--no-refit``: ship the training-part model itself); the record says which (``trained_on``). The vocabulary-map features of training questions come from maps learned
without the question's own fold (5 folds), because the shipped map was learned from those very questions;
validation questions use the shipped map, as the service does. ``--report`` reads a held-out split once
to report; it learns nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
LECOQA = REPO.parent / "shared" / "eval-data" / "lecoqa-train"

from service.backends.base import Embedder, Vector  # noqa: E402
from service.backends.embedders import get_embedder  # noqa: E402
from service.backends.ranker import LightGBMRanker, train_lambdarank  # noqa: E402
from service.config import Settings  # noqa: E402
from service.index.embed_cache import EmbeddingCache, cache_key  # noqa: E402
from service.index.generations import IndexManager, KnowledgeIndex  # noqa: E402
from service.index.lexical import segmenter_for  # noqa: E402
from service.index.texts import embedding_query  # noqa: E402
from service.rag import rerank  # noqa: E402
from service.rag import vocab_map as vm  # noqa: E402
from service.rag.fusion import QuerySignals, fuse  # noqa: E402
from service.rag.pool import POOL_K, pool  # noqa: E402
from service.rag.retrieve import Candidates, Retriever, dense_text  # noqa: E402
from service.text import vocabulary  # noqa: E402
from service.text.normalize import normalize_for_match  # noqa: E402

# Grid (chosen on validation): tree size and leaf support, rounds, learning rate 0.05. An earlier, wider
# grid (leaves 7/15/31 x min leaf 20/50 x 100/200/400 rounds) was flat within 2.4 points of recall@10
# (docs/retrieval.md); these are its two best rows, which keeps a rebuild under half an hour on 2 cores.
GRID = [
    {"num_leaves": leaves, "min_data_in_leaf": leaf_min, "learning_rate": 0.05, "feature_fraction": 0.8}
    for leaves, leaf_min in ((7, 20), (15, 50))
]
ROUNDS = (200, 300, 400)
FOLDS = 5
K = 10


class CachedQueries:
    """An embedder whose ``embed_query`` vectors persist in the embedding cache (SQLite), keyed by
    ``<model>:query`` and the text, so the 1,543 LeCoQA questions are embedded once across runs."""

    def __init__(self, embedder: Embedder, cache: EmbeddingCache) -> None:
        self.inner = embedder
        self.cache = cache
        self.name = embedder.name
        self.dim = embedder.dim

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> Vector:
        key = cache_key(f"{self.name}:query", text)
        have = self.cache.get_many([key])
        if key in have:
            return have[key]
        vec = self.inner.embed_query(text)
        self.cache.put_many(f"{self.name}:query", [(key, vec)])
        return vec


@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    gold: frozenset[str]


def read_questions(root: Path) -> list[Question]:
    out = []
    for line in (root / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec.get("answerable", True) and rec.get("gold_doc_ids"):
                out.append(Question(rec["id"], rec["question"], frozenset(rec["gold_doc_ids"])))
    return out


def split(questions: list[Question], seed: int, val_share: float) -> tuple[list[Question], list[Question]]:
    """(training, validation), exactly as ``bench/build_vocab_map.py`` splits them."""
    order = sorted(range(len(questions)), key=lambda i: questions[i].qid)
    random.Random(seed).shuffle(order)
    n_val = round(len(order) * val_share)
    return [questions[i] for i in order[n_val:]], [questions[i] for i in order[:n_val]]


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def candidates(
    retriever: Retriever, index: KnowledgeIndex, questions: list[Question], cache_dir: Path
) -> list[Candidates]:
    """Both legs (default settings, no query expansion) per question, pickled in ``cache_dir``."""
    digest = hashlib.sha256("\x00".join(q.text for q in questions).encode()).hexdigest()[:12]
    path = cache_dir / f"ltr2-{index.generation}-{retriever.settings.candidate_k}-{digest}.pkl"
    if path.is_file():
        rows = pickle.loads(path.read_bytes())
    else:
        rows = []
        t0 = time.perf_counter()
        for i, q in enumerate(questions):
            c = retriever.candidates(q.text)
            rows.append((c.lexical, c.dense, c.signals, c.tokens, c.expansion))
            if i % 100 == 99:
                print(f"  candidates {i + 1}/{len(questions)} {time.perf_counter() - t0:.0f}s", flush=True)
        cache_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(rows))
    deep_path = path.with_name(path.stem + f"-deep{rerank.DENSE_DEEP}.pkl")
    if deep_path.is_file():
        deep = pickle.loads(deep_path.read_bytes())
    else:
        deep = [dense_deep(retriever, index, q.text) for q in questions]
        deep_path.write_bytes(pickle.dumps(deep))
    differ = sum(
        [p for p, _ in dd[: len(row[1])]] != [p for p, _ in row[1]]
        for row, dd in zip(rows, deep, strict=True)
    )
    if differ:
        print(
            f"  warning: {differ} questions' deep dense leg does not start with their cached one", flush=True
        )
    return [
        Candidates(index, lex, den, sig, [], query=q.text, tokens=tuple(toks), expansion=exp, dense_deep=dd)
        for q, (lex, den, sig, toks, exp), dd in zip(questions, rows, deep, strict=True)
    ]


def dense_deep(retriever: Retriever, index: KnowledgeIndex, query: str) -> list[tuple[int, float]]:
    """The dense leg of ``query`` ``rerank.DENSE_DEEP`` deep (as ``Retriever.candidates`` with the ranker
    on; the query vector comes from the embedding cache)."""
    formal = (
        vocabulary.load().expand_text(normalize_for_match(query))
        if retriever.settings.vocabulary_expansion
        else []
    )
    vector = retriever.embedder.embed_query(embedding_query(dense_text(query, formal)))
    out = []
    for chunk_id, sim in index.vectors.query(vector, rerank.DENSE_DEEP, None):
        pos = index.position(chunk_id)
        if pos is not None:
            out.append((pos, sim))
    return out


def fused_list(c: Candidates, settings: Settings) -> list[tuple[int, float]]:
    return fuse(
        settings.fusion,
        c.lexical,
        c.dense,
        w_lex=settings.lexical_weight,
        w_dense=settings.dense_weight,
        signals=c.signals,
    )


def with_map(c: Candidates, settings: Settings, vmap: vm.VocabMap) -> Candidates:
    """The candidates with the lexical leg re-run on the map-expanded query (the fused pipeline with
    ``STUDY_QUERY_EXPANSION``); the dense leg is unchanged."""
    lex = c.index.lexical.search(c.tokens, settings.candidate_k, None, expansion=vmap.expand(c.tokens))
    cov = c.index.lexical.coverage(c.tokens, lex[0][0]) if lex else 0.0
    return replace(c, lexical=lex, signals=QuerySignals.of(c.query, cov))


def metrics(ranked_docs: Sequence[Sequence[str]], questions: Sequence[Question]) -> dict[str, float]:
    rec, mrr = [], []
    for docs, q in zip(ranked_docs, questions, strict=True):
        top = list(dict.fromkeys(docs))[:K]
        rec.append(len(q.gold & set(top)) / len(q.gold))
        mrr.append(next((1 / r for r, d in enumerate(top, 1) if d in q.gold), 0.0))
    return {"recall@10": round(statistics.mean(rec), 3), "mrr@10": round(statistics.mean(mrr), 3)}


RANK_BUCKETS = ((1, 10), (11, 20), (21, 50), (51, None))


def _bucket_name(lo: int, hi: int | None) -> str:
    return f"{lo}-{hi}" if hi else f"{lo}+"


def where_gold_ranks(
    ranked_docs: Sequence[Sequence[str]],
    questions: Sequence[Question],
    law_of: Callable[[str], str],
) -> dict[str, float]:
    """Where each gold article of ``questions`` lands in its question's re-ordered pool ``ranked_docs``
    (doc ids best first, repeats counted once): shares of all gold articles ranked 1–10, 11–20, 21–50,
    51+ or not in the pool at all, and, of those missed (not in the top 10), the shares that belong to a
    question with several gold articles and whose law (``law_of(doc_id)``) already has an article in the
    top 10. Shares in [0, 1], rounded to 3 digits; ``{}`` without gold articles. Why: the ranker can only
    lift what the pool holds, and a miss whose law is already shown points at choosing among one law's
    articles rather than at finding the law (docs/retrieval.md, branch ltr7)."""
    counts: Counter[str] = Counter()
    total = 0
    for docs, q in zip(ranked_docs, questions, strict=True):
        ranked = list(dict.fromkeys(docs))
        rank = {d: i + 1 for i, d in enumerate(ranked)}
        top_laws = {law_of(d) for d in ranked[:K]}
        for gold in sorted(q.gold):
            total += 1
            r = rank.get(gold)
            if r is None:
                counts["not in pool"] += 1
            else:
                counts[next(_bucket_name(lo, hi) for lo, hi in RANK_BUCKETS if hi is None or r <= hi)] += 1
            if r is None or r > K:
                counts["missed"] += 1
                counts["missed: several gold"] += len(q.gold) > 1
                counts["missed: law in top 10"] += law_of(gold) in top_laws
    if not total:
        return {}
    out = {
        name: round(counts[name] / total, 3)
        for name in [_bucket_name(lo, hi) for lo, hi in RANK_BUCKETS] + ["not in pool"]
    }
    missed = counts["missed"]
    for name in ("missed: several gold", "missed: law in top 10"):
        out[name] = round(counts[name] / missed, 3) if missed else 0.0
    return out


def docs_of(c: Candidates, positions: Sequence[int]) -> list[str]:
    return [c.index.chunk_at(p).doc_id for p in positions]


class Features:
    """Feature matrices per question (the first ``depth`` of the pool), with the map each question may use
    (its added legs and map features both use that map, as the service does with the shipped one)."""

    def __init__(
        self, settings: Settings, cands: list[Candidates], maps: list[vm.VocabMap], depth: int = rerank.DEPTH
    ) -> None:
        self.x = []
        self.docs = []
        for c, m in zip(cands, maps, strict=True):
            fused = fused_list(c, settings)
            learned = m.expand(c.tokens)
            legs = rerank.legs_for(c.index, c.query, c.tokens, c.expansion, learned, None)
            rows = pool(fused, c.lexical, c.dense, legs)[:depth]
            self.x.append(
                rerank.features(
                    c.query,
                    c.tokens,
                    c.index,
                    rows,
                    fused,
                    c.lexical,
                    c.dense,
                    legs,
                    c.signals,
                    learned,
                    c.dense_deep,
                )
            )
            self.docs.append(docs_of(c, [p for p, _ in rows]))

    def labels(self, questions: Sequence[Question]) -> list[np.ndarray]:
        return [
            np.asarray([int(d in q.gold) for d in docs], dtype=np.int64)
            for docs, q in zip(self.docs, questions, strict=True)
        ]

    def ranked(self, score: Callable[[np.ndarray], np.ndarray]) -> list[list[str]]:
        out = []
        for x, docs in zip(self.x, self.docs, strict=True):
            s = score(x)
            out.append([docs[i] for i in sorted(range(len(docs)), key=lambda i: (-float(s[i]), i))])
        return out


FEATURE_SOURCES = (
    "service/rag/rerank.py",
    "service/rag/pool.py",
    "service/rag/fusion.py",
    "service/index/lexical.py",
)


def cached_features(
    settings: Settings,
    cands: list[Candidates],
    maps: list[vm.VocabMap],
    questions: Sequence[Question],
    cache_dir: Path,
) -> Features:
    """``Features(settings, cands, maps)``, pickled in ``cache_dir`` under a key of everything it reads:
    the index generation, the questions, each question's map, and the source of the feature and pool code
    (a code change computes them again). Lets ``--check`` and re-runs skip the feature pass."""
    h = hashlib.sha256()
    h.update(cands[0].index.generation.encode() if cands else b"")
    for q, m in zip(questions, maps, strict=True):
        h.update(f"{q.qid}\x00{q.text}\x00{m.digest}\x00".encode())
    for src in FEATURE_SOURCES:
        h.update((REPO / src).read_bytes())
    h.update(json.dumps(settings.model_dump(mode="json"), sort_keys=True, default=str).encode())
    path = cache_dir / f"ltr-features-{h.hexdigest()[:16]}.pkl"
    if path.is_file():
        feats = Features.__new__(Features)
        feats.x, feats.docs = pickle.loads(path.read_bytes())
        return feats
    feats = Features(settings, cands, maps)
    path.write_bytes(pickle.dumps((feats.x, feats.docs)))  # plain lists: readable from any caller
    return feats


def oof_maps(
    train: list[Question], corpus: list[dict[str, Any]], seg: Any, params: vm.LearnParams
) -> list[vm.VocabMap]:
    """For each training question, a map learned from the other folds of the training part."""
    pos = {r["id"]: i for i, r in enumerate(corpus)}
    text_tokens = [seg.tokenize(normalize_for_match(r["text"])) for r in corpus]
    doc_freq: Counter[str] = Counter()
    for toks in text_tokens:
        doc_freq.update(set(toks))
    q_tokens = [seg.tokenize(normalize_for_match(q.text)) for q in train]
    pairs = [
        (qt, [text_tokens[pos[g]] for g in sorted(q.gold) if g in pos])
        for qt, q in zip(q_tokens, train, strict=True)
    ]
    fold_of = [i % FOLDS for i in range(len(train))]
    maps = []
    for f in range(FOLDS):
        terms = vm.learn(
            [p for p, g in zip(pairs, fold_of, strict=True) if g != f], doc_freq, len(corpus), params
        )
        maps.append(vm.VocabMap(terms, params.weight))
    return [maps[g] for g in fold_of]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--dataset", type=Path, default=LECOQA)
    ap.add_argument(
        "--cache-dir", type=Path, default=None, help="default: STUDY_EMBEDDING_CACHE_DIR or data dir"
    )
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--val-share", type=float, default=0.2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N questions (a smoke run)")
    ap.add_argument("--out", type=Path, default=None, help="default: service/rag/models/rerank_lgbm.txt")
    ap.add_argument("--check", action="store_true", help="rebuild in memory and compare with the file")
    ap.add_argument(
        "--no-refit", dest="refit", action="store_false",
        help="ship the model trained on the training part (default: refit on training + validation)",
    )  # fmt: skip
    ap.add_argument("--report", type=Path, default=None, help="held-out split to report on (learns nothing)")
    ap.add_argument(
        "--embed-questions", type=Path, nargs="*", default=None,
        help="only embed these datasets' questions into the embedding cache (no index needed)",
    )  # fmt: skip
    args = ap.parse_args()
    if "lecoqa-test" in str(args.dataset):
        raise SystemExit("lecoqa-test is for reporting only: never learn from it")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    settings = Settings(data_dir=args.data_dir, query_expansion=False, rerank=False)  # type: ignore[call-arg]
    cache_dir = args.cache_dir or settings.embedding_cache_dir or settings.data_dir
    embedder = CachedQueries(
        get_embedder(settings.embedding_backend, settings.embedding_model),
        EmbeddingCache(settings.embedding_cache_path),
    )
    if args.embed_questions is not None:
        t0 = time.perf_counter()
        texts = [q.text for d in args.embed_questions for q in read_questions(d)]
        for i, text in enumerate(texts):
            embedder.embed_query(embedding_query(text))
            if i % 200 == 199:
                print(f"  embedded {i + 1}/{len(texts)} {time.perf_counter() - t0:.0f}s", flush=True)
        return 0
    manager = IndexManager(settings, embedder)
    retriever = Retriever(settings, embedder, manager)
    index = manager.current()
    shipped_map = vm.load()
    if args.report is not None:
        return report(args.report, settings, retriever, index, cache_dir, shipped_map)

    out = args.out or rerank.MODEL_PATH
    questions = read_questions(args.dataset)
    train, val = split(questions, args.seed, args.val_share)
    if args.limit:
        train, val = train[: args.limit], val[: max(1, args.limit // 4)]
    corpus = [json.loads(x) for x in (args.dataset / "corpus.jsonl").read_text("utf-8").splitlines() if x]
    seg = segmenter_for(settings)
    t0 = time.perf_counter()
    c_train = candidates(retriever, index, train, cache_dir)
    c_val = candidates(retriever, index, val, cache_dir)
    print(
        f"candidates: {len(train)} train, {len(val)} validation, {time.perf_counter() - t0:.0f}s", flush=True
    )

    map_params = vm.LearnParams(**{**shipped_map.meta.get("params", {}), "weight": shipped_map.weight})
    t0 = time.perf_counter()
    f_train = cached_features(settings, c_train, oof_maps(train, corpus, seg, map_params), train, cache_dir)
    f_val = cached_features(settings, c_val, [shipped_map] * len(val), val, cache_dir)
    print(f"features in {time.perf_counter() - t0:.0f}s", flush=True)

    figures: dict[str, Any] = {
        "fused (default)": metrics([docs_of(c, [p for p, _ in fused_list(c, settings)]) for c in c_val], val),
        "fused + vocabulary map": metrics(
            [
                docs_of(c, [p for p, _ in fused_list(with_map(c, settings, shipped_map), settings)])
                for c in c_val
            ],
            val,
        ),
        "pool recall (ceiling: what the ranker can re-order)": {
            "recall": round(
                statistics.mean(
                    len(q.gold & set(d)) / len(q.gold) for d, q in zip(f_val.docs, val, strict=True)
                ),
                3,
            ),
            "mean size": round(statistics.mean(len(d) for d in f_val.docs), 1),
        },
    }
    for name, fig in figures.items():
        print(f"validation, {name}: {fig}", flush=True)

    xt = np.vstack(f_train.x)
    yt = np.concatenate(f_train.labels(train))
    gt = [len(x) for x in f_train.x]
    grid = []
    best: tuple[tuple[float, float], dict[str, Any], int] | None = None
    boosters: dict[str, LightGBMRanker] = {}
    for params in GRID:
        model_text, _ = train_lambdarank(
            xt, yt, gt, params, num_rounds=max(ROUNDS), feature_names=rerank.FEATURES
        )
        booster = LightGBMRanker(model_text)
        boosters[json.dumps(params, sort_keys=True)] = booster
        for rounds in ROUNDS:
            fig = metrics(f_val.ranked(partial(booster.predict_rounds, rounds=rounds)), val)
            grid.append({**params, "rounds": rounds, **fig})
            print(f"  {params} rounds={rounds}: {fig}", flush=True)
            key = (fig["recall@10"] + fig["mrr@10"], fig["recall@10"])
            if best is None or key > best[0]:
                best = (key, params, rounds)
    assert best is not None
    _, params, rounds = best
    # the chosen grid model cut at its rounds (``LightGBMRanker.text``): no second training
    model_text = boosters[json.dumps(params, sort_keys=True)].text(rounds)
    chosen = LightGBMRanker(model_text)
    figures["fused + learned ranker"] = metrics(f_val.ranked(chosen.predict), val)
    print(f"chosen {params} rounds={rounds}: {figures['fused + learned ranker']}", flush=True)
    law_of = {d.doc_id: rerank.law_name(d.title) for d in index.documents()}
    figures["where the gold articles rank (chosen model)"] = where_gold_ranks(
        f_val.ranked(chosen.predict), val, lambda d: law_of.get(d, d)
    )
    print(
        f"validation, where the gold articles rank: {figures['where the gold articles rank (chosen model)']}",
        flush=True,
    )
    trained_on = {"questions": len(train), "parts": "training"}
    if args.refit:
        # the shipped model: the chosen parameters trained again on training + validation questions
        # (validation questions' map features come from the shipped map, which never saw them)
        model_text, _ = train_lambdarank(
            np.vstack([xt, *f_val.x]),
            np.concatenate([yt, *f_val.labels(val)]),
            gt + [len(x) for x in f_val.x],
            params,
            num_rounds=rounds,
            feature_names=rerank.FEATURES,
        )
        trained_on = {"questions": len(train) + len(val), "parts": "training + validation (refit)"}
        print(f"refit on {trained_on['questions']} questions", flush=True)
    meta = {
        "source": "LeCoQA lecoqa-train (questions, gold article ids as labels; test split never read)",
        "framework": "lightgbm lambdarank (service/backends/ranker.py)",
        "features": list(rerank.FEATURES),
        "depth": rerank.DEPTH,
        "pool": {"added_legs": ["mapped", "bigram"], "per_leg": POOL_K},
        "params": {**params, "rounds": rounds},
        "split": {"seed": args.seed, "train_questions": len(train), "validation_questions": len(val)},
        "trained_on": trained_on,
        "inputs": {
            "questions_sha256": sha256_file(args.dataset / "questions.jsonl"),
            "corpus_sha256": sha256_file(args.dataset / "corpus.jsonl"),
            "vocab_map": shipped_map.digest,
            "embedder": embedder.name,
        },
        "model_sha256": hashlib.sha256(model_text.encode()).hexdigest()[:12],
        "validation": figures,
        "grid": grid,
        "rebuild": "python bench/build_rerank.py --data-dir <LeCoQA data dir>",
    }
    if args.check:
        committed = json.loads(rerank.meta_path(out).read_text(encoding="utf-8"))
        same = committed.get("model_sha256") == meta["model_sha256"]
        print("identical to the committed model" if same else "DIFFERS from the committed model")
        return 0 if same else 1
    if args.limit:
        print("smoke run (--limit): nothing written")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model_text, encoding="utf-8")
    rerank.meta_path(out).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"→ {out} ({meta['model_sha256']})")
    return 0


def report(
    dataset: Path,
    settings: Settings,
    retriever: Retriever,
    index: KnowledgeIndex,
    cache_dir: Path,
    shipped_map: vm.VocabMap,
) -> int:
    """Recall@10 / MRR@10 on every question of ``dataset`` through ``Retriever.fuse`` with and without
    the committed model and the map (the service's own code path)."""
    questions = read_questions(dataset)
    cands = candidates(retriever, index, questions, cache_dir)
    model = rerank.load_model()
    rows = {
        "fused (default)": [retriever.fuse(c, K, rerank_on=False) for c in cands],
        "fused + vocabulary map": [
            retriever.fuse(with_map(c, settings, shipped_map), K, rerank_on=False) for c in cands
        ],
        f"fused + learned ranker (rerank_lgbm@{model.digest})": [
            retriever.fuse(c, K, rerank_on=True) for c in cands
        ],
    }
    for name, hits in rows.items():
        fig = metrics([[h.doc_id for h in hs] for hs in hits], questions)
        print(f"{dataset.name}, {len(questions)} questions, {name}: {fig}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
