"""Which versions a question targets, turned into search filters.

Rules (issue 12):
- by default retrieval sees the current version of each work: a version the knowledge base holds a
  replacement for (2018 纪律处分条例, replaced by 2023) is left out;
- a question naming a version of a work ("2018年版纪律处分条例", "旧版条例", "修订前") targets that version
  (and leaves the work's other versions out);
- a comparison ("2023年版和2018年版有什么不同", "新旧对照") keeps every version it names (both when it
  names none); one named version with a change word ("2023年版新增了哪些内容") is compared with the
  version before it;
- explicit filters (``SearchFilters.works`` / ``versions`` / ``statuses``) select documents by the manifest
  fields and are translated into ``doc_ids`` here, the one place the retriever's filters learn versions.

A version word without a work ("2018年版是怎么规定的") applies to the only work with several versions in
the knowledge base, when there is exactly one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.errors import InvalidInput
from service.schemas import DocInfo, SearchFilters
from service.text.normalize import normalize_for_match
from service.versions.model import STATUSES, Version, Works, works_of

_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:版|修订|修正|版本|年版|的|颁布|印发|发布|条例|规定)?")
# "旧的纪律处分条例", "原来的条例": 旧的/老的/原来的 before a document word; "撤销原来的党组织", "老的党员" name no
# version (holdout6 h6-026 was answered from the 2018 条例 alone)
_OLD_RE = re.compile(
    r"旧版|老版|原条例|原规定|修订前|修改前|之前的版本|上一版|旧条例|以前的版本"
    r"|(?:[旧老]|原来)的(?=[\u4e00-\u9fff]{0,8}(?:条例|规定|准则|党章|章程|办法|规则|版))"
)
_NEW_RE = re.compile(
    r"新版|现行|修订后|修改后|最新|新条例|现在的版本|目前的版本|(?:和|跟|与|同|比)现在|现在的?第"
)
_BOTH_RE = re.compile(r"新旧|两版|两个版本|前后两个?版|新老")
_COMPARE_RE = re.compile(
    r"不同|不一样|不一致|不相同|区别|差别|差异|变化|变动|改动|有何调整|调整了|修改了哪些|改了|改成|改为|变成|换成|新旧|对照|比较|相比|对比|新增了|删除了|删去"
    r"|一样吗|一样不|相同吗|是否一致|差在|差别在|区别在|有啥差|多了|少了|增加了|比旧版|比新版|(?<![参增追附施])加了|添了|补充了|才有的|才加的|新加的"
)

# With one version named, only words that ask what changed make a comparison ("2023年版新增了哪些内容"
# compares it with the version before); 比较/相比 alone do not ("按2018年版条例，情节比较严重的……").
_CHANGED_RE = re.compile(
    r"新增|增加了|新加了?|删除|删去|删了|删掉|去掉了?|修改了|修订了|改了|改成|改为|变成|换成|改动|变化|变动|调整了|不同|不一样|区别"
    r"|差异|变了|多了|少了|修改|修订之处|(?<![参增追附施])加了|添了|补充了|才有的?|才加的?|新加的"
)


# a revision named without a year ("修订删掉了", "这次修订"); not 修改 alone ("修改党章的程序" asks a rule)
_REVISION_WORD_RE = re.compile(
    r"版本|以前|之前|改版|修订时|次修订|修订(?:中|里)?(?:删|增|新增|改|加|去|多|少)"
)


def asks_versions_compared(question: str) -> bool:
    """Whether ``question`` asks how versions of a work differ: both versions named ("新旧两版", "两个版本"), or
    a change word with a version word ("旧版和现在有什么区别", "2019年修订后改了什么"). Used where the work is held
    in one version only, so that the comparison is refused honestly instead of answered from that one text."""
    q = normalize_for_match(question)
    if _BOTH_RE.search(q):
        return True
    # not 比较 / 相比 alone: "按2018年版条例，情节比较严重的……" asks no comparison
    changed = _CHANGED_RE.search(q) or re.search(r"一样|相同|一致|对照|对比|差在|差别", q)
    versioned = (
        _OLD_RE.search(q) or _NEW_RE.search(q) or _YEAR_RE.search(q) or re.search(_REVISION_WORD_RE, q)
    )
    return bool(changed and versioned)


@dataclass
class VersionIntent:
    """What a question asks of one work's versions."""

    work: str
    versions: list[Version] = field(default_factory=list)  # named versions, oldest first
    compare: bool = False
    inferred: bool = False  # the question names no work: "2018年版条例" means the one versioned work


def intents(question: str, works: Works) -> list[VersionIntent]:
    """Version intents for each multi-version work the question concerns (see the module docstring)."""
    multi = works.multi_version_works()
    if not multi:
        return []
    question = normalize_for_match(question)  # 舊版 → 旧版, full-width digits
    named = [w for w in works.named_in(question) if w in multi]
    years = [m.group(1) for m in _YEAR_RE.finditer(question)]
    both = bool(_BOTH_RE.search(question))
    old, new = both or bool(_OLD_RE.search(question)), both or bool(_NEW_RE.search(question))
    # "在两个版本中怎么规定的" asks both side by side; "纪律处分条例修订删掉了哪一条" what the revision changed
    compare = bool(_COMPARE_RE.search(question)) or both or asks_versions_compared(question)
    inferred = False
    if not named and len(multi) == 1 and not works.named_in(question):
        versioned = any(works.find(multi[0], y) for y in years)
        if versioned or old or ((compare or _CHANGED_RE.search(question)) and new):
            named, inferred = multi, True
    out: list[VersionIntent] = []
    for work in named:
        chosen: list[Version] = []
        for y in years:
            v = works.find(work, y)
            if v is not None and v not in chosen:
                chosen.append(v)
        current = works.current(work)
        if old and current is not None:
            older = [v for v in works.versions(work) if works.replacement(v) is current]
            chosen.extend(v for v in older[-1:] if v not in chosen)
        if new and current is not None and current not in chosen:
            chosen.append(current)
        chosen.sort(key=lambda v: v.year or "")
        single = len(chosen) == 1 and bool(_CHANGED_RE.search(question))
        out.append(
            VersionIntent(
                work,
                chosen,
                compare=(compare and (len(chosen) != 1 or old or new)) or single,
                inferred=inferred,
            )
        )
    return out


def _explicit(filters: SearchFilters, works: Works) -> set[str] | None:
    """Doc ids selected by ``works`` / ``versions`` / ``statuses`` (None when none of them is set)."""
    if not (filters.works or filters.versions or filters.statuses):
        return None
    wanted_works = {works.resolve_work(w) or w for w in filters.works or []}
    selected = set()
    for v in works.by_id.values():
        if wanted_works and v.work not in wanted_works:
            continue
        if filters.versions and not ({v.version, v.year, v.doc_id} & set(filters.versions)):
            continue
        if filters.statuses and v.status not in filters.statuses:
            continue
        selected.add(v.doc_id)
    return selected


def scope_filters(
    question: str, filters: SearchFilters | None, docs: Sequence[DocInfo]
) -> SearchFilters | None:
    """``filters`` narrowed to the versions ``question`` targets; unchanged when nothing is narrowed.

    Raises ``InvalidInput`` when explicit work/version/status filters match no document, or name an
    unknown status.

    Explicit ``doc_ids`` win over the default (a caller asking for a superseded document gets it).
    """
    works = works_of(docs)
    bad = [st for st in (filters.statuses or []) if st not in STATUSES] if filters else []
    if bad:
        raise InvalidInput(f"未知的状态：{'、'.join(bad)}（可选：{'、'.join(STATUSES)}）。")
    allowed: set[str] | None = set(filters.doc_ids) if filters and filters.doc_ids else None
    explicit = _explicit(filters, works) if filters else None
    if explicit is not None:
        allowed = explicit if allowed is None else allowed & explicit
    excluded: set[str] = set()
    if not (filters and (filters.doc_ids or filters.versions or filters.statuses)):
        by_work = {i.work: i for i in intents(question, works)}
        for work in works.multi_version_works():
            intent = by_work.get(work)
            versions = works.versions(work)
            if intent is not None and intent.versions:
                keep = {v.doc_id for v in intent.versions}
                if intent.inferred and not intent.compare:
                    # "2018年版条例由哪个机关负责解释": only that version can answer
                    allowed = keep if allowed is None else allowed & keep
            elif intent is not None and intent.compare:
                keep = {v.doc_id for v in versions}
            else:
                keep = {v.doc_id for v in versions if works.replacement(v) is None}
            excluded |= {v.doc_id for v in versions} - keep
    if explicit is not None and not explicit:
        raise InvalidInput("没有符合筛选条件（work / version / status）的文档。")
    if allowed is None and not excluded:
        return filters
    ids = (allowed if allowed is not None else set(works.by_id)) - excluded
    base = filters or SearchFilters()
    return base.model_copy(update={"doc_ids": sorted(ids)})


_VERSION_WORDS_RE = re.compile(
    r"[（(]\s*(?:19|20)\d{2}\s*年?\s*(?:版|修订)?\s*[)）]"
    r"|(?:按照?|依据|根据)?\s*(?:19|20)\d{2}\s*年?\s*(?:修订|修正)?(?:的)?(?:版本|版)(?:的|里|中(?![国共华]))?"
    r"|(?:19|20)\d{2}\s*年\s*(?:修订|修正)的"
    r"|(?:旧版|老版|新版|现行|修订前|修订后)的?"
)


def version_scope(
    question: str, filters: SearchFilters | None, docs: Sequence[DocInfo]
) -> tuple[str, SearchFilters | None]:
    """For answering: the question without its version words, and filters that hold the version.

    "2018年版条例由哪个机关负责解释" is about 第一百四十一条 of the 2018 text; once the filters select
    that version, "2018年版" is no topic word the evidence must contain (it would lower the term coverage
    the refusal check measures). Questions without a version intent, and comparisons, come back unchanged.
    """
    works = works_of(docs)
    found = [
        i
        for i in intents(question, works)
        if i.versions and not i.compare and any(works.replacement(v) is not None for v in i.versions)
    ]
    if not found:  # no version named, a comparison, or only the current version (the default anyway)
        return question, filters
    scoped = scope_filters(question, filters, docs)
    stripped = _VERSION_WORDS_RE.sub("", question).strip(" ，,")
    return (stripped if len(stripped) >= 4 else question), scoped
