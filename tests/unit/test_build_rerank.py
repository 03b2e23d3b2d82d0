"""bench/build_rerank.py's validation breakdown: where the gold articles land in the re-ordered pool."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from service.config import REPO_ROOT


def _build_rerank() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_rerank", REPO_ROOT / "bench" / "build_rerank.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_where_gold_ranks_buckets_each_gold_article_and_describes_the_misses() -> None:
    br = _build_rerank()
    q = br.Question
    questions = [
        q("a", "甲", frozenset({"民法典第一条"})),  # rank 1
        q("b", "乙", frozenset({"民法典第三条", "刑法第二条"})),  # rank 12 (law 民法典 in top 10) and absent
        q("c", "丙", frozenset({"劳动法第九条"})),  # rank 50, its law not in the top 10
    ]
    filler = [f"宪法第{i}条" for i in range(1, 60)]
    ranked = [
        ["民法典第一条", *filler],
        ["民法典第二条", *filler[:10], "民法典第三条"],  # 民法典第三条 at 12
        # a repeat counts once: 劳动法第九条 is 50th of the distinct articles (51st of the rows, past 21–50)
        [*filler[:49], "宪法第1条", "劳动法第九条"],
    ]

    def law(doc: str) -> str:
        return doc.split("第")[0]

    out = br.where_gold_ranks(ranked, questions, law)
    assert out == {
        "1-10": 0.25,
        "11-20": 0.25,
        "21-50": 0.25,
        "51+": 0.0,
        "not in pool": 0.25,
        "missed: several gold": round(2 / 3, 3),
        "missed: law in top 10": round(1 / 3, 3),
    }
    assert br.where_gold_ranks([], [], law) == {}
