"""Which tokenisation should the BM25 leg use? Prints recall@10 / MRR@10 on LeCoQA for three variants.

Variants: jieba precise mode, jieba search mode (``Segmenter.tokenize``, the shipped choice) and precise
mode plus character bigrams of words longer than two characters. A plain in-memory BM25 (k1=1.2, b=0.75)
over ``lexical_text`` of the real chunks, ranked by document (first hit per doc). Measured 2026-11-24:
precise 0.488 / 0.405, search 0.499 / 0.410, bigram 0.484 / 0.399 (recall@10 / MRR@10, 1,234 questions).

Usage: python bench/bench_segmentation.py [LECOQA_DIR]
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.config import REPO_ROOT
from service.index.texts import lexical_text
from service.ingest.loaders import load_paths
from service.text.normalize import normalize_for_match
from service.text.segment import STOPWORDS, Segmenter
from service.text.split import split_document

DEFAULT_DIR = REPO_ROOT.parent / "shared" / "eval-data" / "lecoqa-train"


def evaluate(name: str, tokenize: Callable[[str], list[str]], texts: list[str], doc_ids: list[str],
             questions: list[dict[str, object]], k1: float = 1.2, b: float = 0.75) -> None:  # fmt: skip
    started = time.perf_counter()
    tokens = [tokenize(t) for t in texts]
    lengths = [len(t) for t in tokens]
    avg = sum(lengths) / len(lengths)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, toks in enumerate(tokens):
        for word, freq in Counter(toks).items():
            postings[word].append((i, freq))
    n = len(tokens)
    recall = mrr = 0.0
    for q in questions:
        scores: dict[int, float] = defaultdict(float)
        for word in set(tokenize(normalize_for_match(str(q["question"])))):
            plist = postings.get(word)
            if not plist:
                continue
            idf = math.log(1 + (n - len(plist) + 0.5) / (len(plist) + 0.5))
            for i, freq in plist:
                scores[i] += idf * freq * (k1 + 1) / (freq + k1 * (1 - b + b * lengths[i] / avg))
        ranked: list[str] = []
        for i in sorted(scores, key=lambda i: -scores[i]):
            if doc_ids[i] not in ranked:
                ranked.append(doc_ids[i])
            if len(ranked) == 10:
                break
        gold = set(q["gold_doc_ids"])  # type: ignore[call-overload]
        recall += len(gold & set(ranked)) / len(gold)
        mrr += next((1 / r for r, d in enumerate(ranked, 1) if d in gold), 0.0)
    seconds = time.perf_counter() - started
    print(
        f"{name:8s} recall@10={recall / len(questions):.3f} MRR@10={mrr / len(questions):.3f} ({seconds:.0f}s)"
    )


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    seg = Segmenter(REPO_ROOT / "knowledge" / "userdict.txt")
    chunks = [c for d in load_paths([data / "corpus.jsonl"]).docs for c in split_document(d)]
    texts = [lexical_text(c) for c in chunks]
    doc_ids = [c.doc_id for c in chunks]
    with (data / "questions.jsonl").open(encoding="utf-8") as fh:
        questions = [q for q in map(json.loads, fh) if q.get("answerable", True) and q.get("gold_doc_ids")]

    def precise(text: str) -> list[str]:
        return [w for w in seg.words(text) if w not in STOPWORDS]

    def bigrams(text: str) -> list[str]:
        words = precise(text)
        return words + [w[i : i + 2] for w in words if len(w) > 2 for i in range(len(w) - 1)]

    print(f"{len(chunks)} chunks, {len(questions)} questions")
    for name, fn in (("precise", precise), ("search", seg.tokenize), ("bigram", bigrams)):
        evaluate(name, fn, texts, doc_ids, questions)


if __name__ == "__main__":
    main()
