"""Hand-made article hits for the list and count unit tests (tests/unit/test_whole_lists.py,
tests/unit/test_counted_lists.py): one hit factory and the norms of the 廉洁自律准则 in its own wording."""

from __future__ import annotations

import fakes

from service.schemas import DocType, Hit
from service.text.refs import int_to_cn

INTEGRITY = "中国共产党廉洁自律准则"

# (article number, section heading, article text) of the 廉洁自律准则: 第一条–第四条 for every member, 第五条–第八条
# for leading cadres.
INTEGRITY_NORMS = [
    (1, "党员廉洁自律规范", "第一条 坚持公私分明，先公后私，克己奉公。"),
    (2, "党员廉洁自律规范", "第二条 坚持崇廉拒腐，清白做人，干净做事。"),
    (3, "党员廉洁自律规范", "第三条 坚持尚俭戒奢，艰苦朴素，勤俭节约。"),
    (4, "党员廉洁自律规范", "第四条 坚持吃苦在前，享受在后，甘于奉献。"),
    (5, "党员领导干部廉洁自律规范", "第五条 廉洁从政，自觉保持人民公仆本色。"),
    (6, "党员领导干部廉洁自律规范", "第六条 廉洁用权，自觉维护人民根本利益。"),
    (7, "党员领导干部廉洁自律规范", "第七条 廉洁修身，自觉提升思想道德境界。"),
    (8, "党员领导干部廉洁自律规范", "第八条 廉洁齐家，自觉带头树立良好家风。"),
]


def article_hit(
    doc_id: str,
    title: str,
    n: int,
    text: str,
    *,
    score: float = 0.5,
    chapter: str = "",
    doc_type: DocType = "regulation",
) -> Hit:
    """Article ``n`` (第n条) of ``title`` as a retrieved hit (``fakes.article_hit`` with the heading derived from
    ``n``), under the section heading ``chapter`` when given."""
    return fakes.article_hit(
        (doc_id, title), n, f"第{int_to_cn(n)}条", text, score, chapter=chapter, doc_type=doc_type
    )
