"""No absolute paths in the repository (issue 13, item 10): a benchmark hard-coded the shared data's path.

Everything outside the checkout is reached relative to it (``../shared/...``), so a clean checkout in any
folder, a developer's machine or CI runs the same.
"""

from __future__ import annotations

import re
import subprocess

from service.config import REPO_ROOT

ABSOLUTE = re.compile(r"(?<![\w.~/-])(/(?:work|home|Users|root|mnt|data)/[\w.-]+|[A-Z]:\\\\Users\\\\)")


def test_no_absolute_paths_in_tracked_files() -> None:
    files = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders: list[str] = []
    for name in files:
        path = REPO_ROOT / name
        if not path.is_file() or path.suffix in {
            ".png",
            ".jpg",
            ".pdf",
            ".docx",
            ".xlsx",
            ".npz",
            ".sqlite3",
        }:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{name}: {m.group(0)}" for m in ABSOLUTE.finditer(text)]
    assert offenders == []


def test_langchain_benchmark_dependencies_are_declared() -> None:
    """bench/bench_langchain_compare.py imports langchain_chroma: the dev extras must install it."""
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    dev = pyproject.split("dev = [", 1)[1].split("]", 1)[0]
    assert '"langchain-chroma' in dev
    bench = (REPO_ROOT / "bench" / "bench_langchain_compare.py").read_text(encoding="utf-8")
    assert "langchain_chroma" in bench and 'REPO.parent / "shared"' in bench


def test_test_modules_have_unique_basenames() -> None:
    """pytest imports test files by basename (rootdir mode, no packages): two ``test_x.py`` in different test
    folders stop collection of the whole suite ("import file mismatch"), which happened once in CI."""
    names = [p.name for p in (REPO_ROOT / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
