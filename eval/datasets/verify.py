"""Check that every gold span of a dataset occurs verbatim in its gold documents' source text.

Usage: python eval/datasets/verify.py [DATASET_DIR ...]   (default: dev, smoke, member, regulations)
Every gold span and required span must occur verbatim in one of its question's gold documents, read from
the knowledge directory or from ../shared/corpus (regulation texts are never copied into the repository;
stray spaces such as "3 人以上" are part of the source). Where a question names article locators (第X条,
总纲), each must exist and the spans must lie inside them. Expected documents (version questions) must exist.
Exit status 1 when anything is missing. CI runs it through tests/unit/test_eval_devset.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run as a plain script from any directory

from service.evals.datasets import load_dataset  # noqa: E402
from service.evals.sources import verify_gold_spans  # noqa: E402

DEFAULT_DATASETS = ("dev", "smoke", "member", "regulations")


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [HERE / name for name in DEFAULT_DATASETS]
    status = 0
    for root in roots:
        dataset = load_dataset(root)
        problems = verify_gold_spans(dataset)
        n_spans = sum(len(set(q.gold_spans) | set(q.required_spans)) for q in dataset.questions)
        print(
            f"{dataset.name}: {len(dataset.questions)} questions, {n_spans} gold spans, {len(problems)} problems"
        )
        for problem in problems:
            print(f"  {problem}")
        status |= bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
