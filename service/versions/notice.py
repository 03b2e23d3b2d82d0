"""The version notice: answers say which version they come from when that is not simply the current one.

A comparison citing both an old version and its replacement keeps the labelled citation titles but gets
no closing line (it does not come "from" the old version). Called once where answers are finalised (``Answerer._answer``), after verification and refusal, so it
never changes what was verified: it adds a closing line to the answer text, a ``notice``, and the
version label to each affected citation's title.

- a version the knowledge base holds a replacement for: "2018年版，已被2023年修订版取代";
- a version whose newer revision the knowledge base does NOT hold (``newer_version`` in the manifest:
  the 2017 党章 while the 2022 revision exists, the 2016 问责条例 replaced in 2019):
  "2017年版，其后已有2022年修订版，知识库未收录", with the manifest's ``newer_version_note`` as notice.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.schemas import Answer, DocInfo
from service.versions.model import Version, Works, works_of


def version_label(version: Version, works: Works) -> str | None:
    """The label an answer from ``version`` carries, or None when it is the current version."""
    replacement = works.replacement(version)
    if replacement is not None:
        return f"{version.name()}，已被{replacement.year or replacement.version}年修订版取代"
    if version.newer_version:
        return f"{version.name()}，其后已有{version.newer_version}年修订版，知识库未收录"
    if not version.is_current:
        return f"{version.name()}，{version.status}"
    return None


def add_version_notice(answer: Answer, docs: Sequence[DocInfo]) -> Answer:
    """Mark ``answer`` (in place, also returned) when a citation comes from a non-current version."""
    if answer.refused or not answer.citations:
        return answer
    works = works_of(docs)
    decision = getattr(answer, "_decision", None)
    # a 新旧对照 answer compares versions: it is not "from" the old one even when only that one is cited
    # ("2023年版删除了哪些条文" quotes the 2018 articles), so its titles are labelled and nothing more
    comparing = decision is not None and decision.reason == "version_diff"
    lines: list[str] = []
    notices: list[str] = []
    cited = {c.doc_id for c in answer.citations}
    for citation in answer.citations:
        version = works.by_id.get(citation.doc_id)
        if version is None:
            continue
        label = version_label(version, works)
        if label is None:
            continue
        if label not in citation.title:
            citation.title = f"{citation.title}（{label}）"
        replacement = works.replacement(version)
        if comparing or (replacement is not None and replacement.doc_id in cited):
            continue  # a comparison: the current version is cited alongside, the titles say which is which
        line = f"以上内容依据《{version.title}》{label}。"
        if line not in lines:
            lines.append(line)
            note = version.newer_version_note
            notices.append(f"《{version.title}》{label}" + (f"：{note}。" if note else "。"))
    if lines and not any(line in answer.answer for line in lines):
        answer.answer = answer.answer.rstrip() + "\n注：" + "".join(lines)
    if notices:
        answer.notice = "".join([answer.notice or "", *notices]) if answer.notice else "".join(notices)
    return answer
