"""Check that every gold span of a dataset occurs verbatim in its gold documents' source text.

Usage: python eval/datasets/verify.py [DATASET_DIR ...]   (default: eval/datasets/dev eval/datasets/smoke)
Exit status 1 when any span or gold document is missing. CI runs it through tests/unit/test_eval_devset.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run as a plain script from any directory

from service.evals.datasets import load_dataset  # noqa: E402
from service.evals.sources import verify_gold_spans  # noqa: E402


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [HERE / "dev", HERE / "smoke"]
    status = 0
    for root in roots:
        dataset = load_dataset(root)
        problems = verify_gold_spans(dataset)
        n_spans = sum(len(q.gold_spans) for q in dataset.questions)
        print(
            f"{dataset.name}: {len(dataset.questions)} questions, {n_spans} gold spans, {len(problems)} problems"
        )
        for problem in problems:
            print(f"  {problem}")
        status |= bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
