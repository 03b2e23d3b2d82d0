"""Test fakes stay true to what they fake: every method a fake defines has the real class's signature.

A fake that drifts (a renamed argument, a method the real class lost) would let unit tests pass against an
interface production code no longer has (issue 10: production code once caught ``AttributeError`` for them).
"""

from __future__ import annotations

import inspect

import pytest
from qa_fakes import FakeIndex, FakeIndexManager, FakeRetriever

from service.index.generations import IndexManager, KnowledgeIndex
from service.rag.retrieve import Retriever


@pytest.mark.parametrize(
    ("fake", "real"),
    [(FakeIndex, KnowledgeIndex), (FakeIndexManager, IndexManager), (FakeRetriever, Retriever)],
)
def test_fake_methods_match_the_real_signatures(fake: type, real: type) -> None:
    methods = [n for n, v in vars(fake).items() if callable(v) and not n.startswith("_")]
    assert methods, fake
    for name in methods:
        assert hasattr(real, name), f"{real.__name__} has no {name}"
        fake_params = list(inspect.signature(getattr(fake, name)).parameters)
        real_params = list(inspect.signature(getattr(real, name)).parameters)
        assert fake_params == real_params, (fake.__name__, name)
