"""Authority of a source: 党章 > 党内法规 > 国家法律 > 理论文章 > other text.

Why: a member asking what a Party member must do needs the rule, not a commentary about it. When several
sources answer, the most authoritative one leads the answer, a less authoritative one may follow as "另据",
and a contradiction between them is flagged with the authoritative one first (issue 11, items 3 and 8).

The classes, in the default order (``settings.authority_order``, ``STUDY_AUTHORITY_ORDER``):

- ``party_constitution``: the 党章 (doc ids ``cpc-constitution-*``, or the title 中国共产党章程);
- ``party_regulation``: 党内法规 (``type: "party_regulation"``, doc ids ``cpc-*``, or titles of Party rules:
  中国共产党…条例/准则/规定/规则/细则, 关于新形势下党内政治生活的若干准则);
- ``law``: national laws and regulations (``type: "regulation"`` or ``"law"`` otherwise);
- ``theory``: theory articles (``type: "theory"``);
- ``other``: anything else (news, FAQ pages, unknown).

The identifiers and types come from the knowledge manifest (knowledge/manifest.json, from the coordinator's list of document ids).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

AUTHORITY_CLASSES = ("party_constitution", "party_regulation", "law", "theory", "other")
DEFAULT_ORDER: tuple[str, ...] = AUTHORITY_CLASSES

_PARTY_RULE_TITLE_RE = re.compile(
    r"^(?:中国共产党.*(?:条例|准则|规定|规则|细则|办法)|关于.*党内政治生活.*准则)"
)


def authority_class(doc_meta: Mapping[str, Any]) -> str:
    """The authority class of a document described by ``doc_meta``.

    ``doc_meta`` is any mapping with some of ``doc_id``, ``title``, ``doc_type`` (or manifest ``type``);
    a ``Hit``/``Chunk``/``DocInfo`` can be passed through ``model_dump()``. Unknown shapes give "other".
    """
    doc_id = str(doc_meta.get("doc_id") or "")
    title = str(doc_meta.get("title") or "").strip("《》 ")
    doc_type = str(doc_meta.get("doc_type") or doc_meta.get("type") or "")
    if doc_id.startswith("cpc-constitution") or title == "中国共产党章程":
        return "party_constitution"
    if doc_type == "party_regulation" or doc_id.startswith("cpc-") or _PARTY_RULE_TITLE_RE.match(title):
        return "party_regulation"
    if doc_type in ("regulation", "law"):
        return "law"
    if doc_type == "theory":
        return "theory"
    return "other"


def authority_rank(doc_meta: Mapping[str, Any], order: Sequence[str] = DEFAULT_ORDER) -> int:
    """0 for the most authoritative class in ``order``; classes missing from ``order`` rank last."""
    cls = authority_class(doc_meta)
    return order.index(cls) if cls in order else len(order)
