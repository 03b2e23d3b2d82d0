"""Test fakes stay true to what they fake: every fake lives in ``tests/fakes.py``, names the class or protocol
it stands in for (``FAKES``), and each of its public methods exists there with the same parameters.

A fake that drifts (a renamed argument, a method the real class lost) would let unit tests pass against an
interface production code no longer has (issue 10: production code once caught ``AttributeError`` for them).
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Protocol

import fakes
import pytest

TESTS = Path(__file__).resolve().parents[1]


def _declared_classes() -> list[str]:
    tree = ast.parse(Path(fakes.__file__).read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.ClassDef)]


def test_every_fake_names_what_it_fakes() -> None:
    assert sorted(c.__name__ for c in fakes.FAKES) == sorted(_declared_classes())


@pytest.mark.parametrize(
    ("fake", "real"),
    [(f, r) for f, r in fakes.FAKES.items() if r is not None],
    ids=lambda t: getattr(t, "__name__", str(t)),
)
def test_fake_methods_match_the_real_signatures(fake: type, real: type) -> None:
    methods = [n for n, v in vars(fake).items() if callable(v) and not n.startswith("_")]
    assert methods, fake
    for name in methods:
        assert hasattr(real, name), f"{real.__name__} has no {name}"
        fake_params = list(inspect.signature(getattr(fake, name)).parameters.values())
        real_params = list(inspect.signature(getattr(real, name)).parameters.values())
        assert [(p.name, p.kind) for p in fake_params] == [(p.name, p.kind) for p in real_params], (
            fake.__name__,
            name,
        )
    if issubclass(real, Protocol):  # type: ignore[arg-type]
        attrs = [n for n in getattr(real, "__annotations__", {}) if not n.startswith("_")]
        declared = set(vars(fake)) | set(getattr(fake, "__annotations__", {}))
        assert all(a in declared for a in attrs), (fake.__name__, attrs)


def test_no_fake_classes_outside_fakes() -> None:
    # a class named Fake*/Stub*/Dummy* or one implementing a faked interface's methods belongs in fakes.py
    faked_methods = {"ask", "search", "current", "complete", "embed_query", "document_text"}
    offenders: list[str] = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name == "fakes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            defined = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            if node.name.startswith(("Fake", "Stub", "Dummy")) or defined & faked_methods:
                offenders.append(f"{path.relative_to(TESTS)}:{node.lineno} {node.name}")
    assert offenders == []
