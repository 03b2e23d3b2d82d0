"""Rebuild ``service/rag/models/vocab_map.json``, the colloquial → legal map of ``service/rag/vocab_map.py``.

    python bench/build_vocab_map.py                       # lecoqa-train, split seed 17, 20% validation
    python bench/build_vocab_map.py --check               # rebuild in memory and compare with the file

Discipline (issue 17, item 2): only ``lecoqa-train`` is read. Its questions are split by question into
training (80%) and validation (20%) with a fixed seed; the map is learned on the training part, its
parameters chosen on the validation part (lexical leg alone: BM25 over the articles, recall@10 then
MRR@10), and the shipped map is then learned with those parameters on the training part only, so the
validation figures in the file stay honest. ``lecoqa-test`` is never opened here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
LECOQA = REPO.parent / "shared" / "eval-data" / "lecoqa-train"

GRID = [
    {"min_questions": m, "top": t, "min_p": p, "weight": w}
    for m, t, p in ((2, 5, 0.3), (3, 5, 0.3), (3, 10, 0.2), (5, 5, 0.4))
    for w in (0.1, 0.2, 0.4)
]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dataset", type=Path, default=LECOQA)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--val-share", type=float, default=0.2)
    parser.add_argument("--out", type=Path, default=None, help="default: service/rag/models/vocab_map.json")
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    parser.add_argument(
        "--report", type=Path, default=None, help="only report the committed map's lexical-leg figures on a "
        "held-out split (e.g. ../shared/eval-data/lecoqa-test); learns nothing, writes nothing",
    )  # fmt: skip
    args = parser.parse_args()
    if "lecoqa-test" in str(args.dataset):
        raise SystemExit("lecoqa-test is for reporting only: never learn from it")
    if args.report is not None:
        return report(args.report)

    from service.config import Settings
    from service.index.lexical import BM25Index, segmenter_for
    from service.rag import vocab_map as vm
    from service.text.normalize import normalize_for_match

    out = args.out or vm.DEFAULT_PATH
    corpus = [json.loads(x) for x in (args.dataset / "corpus.jsonl").read_text("utf-8").splitlines() if x]
    questions = [
        json.loads(x) for x in (args.dataset / "questions.jsonl").read_text("utf-8").splitlines() if x
    ]
    questions = [q for q in questions if q.get("answerable", True) and q.get("gold_doc_ids")]
    seg = segmenter_for(Settings(_env_file=None))  # type: ignore[call-arg]
    t = time.perf_counter()
    ids = [r["id"] for r in corpus]
    pos = {d: i for i, d in enumerate(ids)}
    text_tokens = [seg.tokenize(normalize_for_match(r["text"])) for r in corpus]
    index_tokens = [seg.tokenize(normalize_for_match(f"{r.get('title', '')}\n{r['text']}")) for r in corpus]
    print(f"tokenised {len(corpus)} articles in {time.perf_counter() - t:.0f} s", flush=True)
    bm25 = BM25Index.build(index_tokens)
    doc_freq: Counter[str] = Counter()
    for toks in text_tokens:
        doc_freq.update(set(toks))

    order = sorted(range(len(questions)), key=lambda i: questions[i]["id"])
    random.Random(args.seed).shuffle(order)
    n_val = round(len(order) * args.val_share)
    val = [questions[i] for i in order[:n_val]]
    train = [questions[i] for i in order[n_val:]]
    q_tokens = {q["id"]: seg.tokenize(normalize_for_match(q["question"])) for q in questions}
    pairs = [(q_tokens[q["id"]], [text_tokens[pos[g]] for g in q["gold_doc_ids"] if g in pos]) for q in train]

    def evaluate(terms: dict[str, list[str]] | None, weight: float) -> dict[str, float]:
        vmap = vm.VocabMap(terms or {}, weight)
        recalls, mrrs = [], []
        for q in val:
            toks = q_tokens[q["id"]]
            top = [ids[i] for i, _ in bm25.search(toks, 10, expansion=vmap.expand(toks) if terms else None)]
            gold = set(q["gold_doc_ids"])
            recalls.append(len(gold & set(top)) / len(gold))
            mrrs.append(next((1 / r for r, d in enumerate(top, 1) if d in gold), 0.0))
        return {"recall@10": round(float(np.mean(recalls)), 3), "mrr@10": round(float(np.mean(mrrs)), 3)}

    baseline = evaluate(None, 0.0)
    print(f"validation, BM25 alone: {baseline}", flush=True)
    grid = []
    for g in GRID:
        params = vm.LearnParams(**g)  # type: ignore[arg-type]
        terms = vm.learn(pairs, doc_freq, len(corpus), params)
        fig = evaluate(terms, params.weight)
        grid.append({**g, "terms": len(terms), **fig})
        print(f"  {g} → {len(terms)} words, {fig}", flush=True)
    best = max(grid, key=lambda r: (r["recall@10"], r["mrr@10"]))
    params = vm.LearnParams(**{k: best[k] for k in ("min_questions", "top", "min_p", "weight")})  # type: ignore[arg-type]
    terms = vm.learn(pairs, doc_freq, len(corpus), params)
    meta = {
        "source": "LeCoQA lecoqa-train (questions + gold article text; test split never read)",
        "split": {"seed": args.seed, "train_questions": len(train), "validation_questions": len(val)},
        "params": {k: best[k] for k in ("min_questions", "top", "min_p")},
        "validation_lexical_leg": {
            "without": baseline,
            "with": {k: best[k] for k in ("recall@10", "mrr@10")},
        },
        "grid": grid,
        "rebuild": "python bench/build_vocab_map.py",
    }
    if args.check:
        committed = vm.load(out)
        same = dict(committed.terms) == terms and committed.weight == params.weight
        print("identical to the committed map" if same else "DIFFERS from the committed map")
        return 0 if same else 1
    vm.save(out, terms, params.weight, meta)
    print(f"chosen {meta['params']} weight {params.weight}: {len(terms)} words → {out}")
    return 0


def report(dataset: Path) -> int:
    """BM25 alone vs BM25 + the committed map on every question of ``dataset`` (recall@10, MRR@10)."""
    from service.config import Settings
    from service.index.lexical import BM25Index, segmenter_for
    from service.rag import vocab_map as vm
    from service.text.normalize import normalize_for_match

    vmap = vm.load()
    corpus = [json.loads(x) for x in (dataset / "corpus.jsonl").read_text("utf-8").splitlines() if x]
    questions = [json.loads(x) for x in (dataset / "questions.jsonl").read_text("utf-8").splitlines() if x]
    questions = [q for q in questions if q.get("answerable", True) and q.get("gold_doc_ids")]
    seg = segmenter_for(Settings(_env_file=None))  # type: ignore[call-arg]
    ids = [r["id"] for r in corpus]
    bm25 = BM25Index.build(
        [seg.tokenize(normalize_for_match(f"{r.get('title', '')}\n{r['text']}")) for r in corpus]
    )
    for name, use in (("BM25", False), (f"BM25 + vocab_map@{vmap.digest}", True)):
        recalls, mrrs = [], []
        for q in questions:
            toks = seg.tokenize(normalize_for_match(q["question"]))
            top = [ids[i] for i, _ in bm25.search(toks, 10, expansion=vmap.expand(toks) if use else None)]
            gold = set(q["gold_doc_ids"])
            recalls.append(len(gold & set(top)) / len(gold))
            mrrs.append(next((1 / r for r, d in enumerate(top, 1) if d in gold), 0.0))
        print(f"{dataset.name}, {len(questions)} questions, {name}: recall@10 {np.mean(recalls):.3f}, "
              f"MRR@10 {np.mean(mrrs):.3f}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
