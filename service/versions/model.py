"""The version model: a *work* (中国共产党纪律处分条例) has *versions* (2018, 2023), each one document.

Fields come from ``knowledge/manifest.json`` through each document's metadata (see knowledge/README.md):
``work`` (defaults to the title), ``version`` (a year string for versioned works), ``status``
(现行有效 / 已被修订 / 已失效 / 试行), ``effective_date``, ``supersedes`` / ``superseded_by`` (doc ids in
the knowledge base), ``newer_version`` / ``newer_version_note`` (a newer version the knowledge base does
not hold: the 2022 党章, the 2019 问责条例).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from service.schemas import DocInfo
from service.text.refs import ref_at

STATUSES = ("现行有效", "已被修订", "已失效", "试行")
CURRENT_STATUSES = frozenset({"现行有效", "试行"})


def _str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return str(value) if value not in (None, "") else None


@dataclass(frozen=True)
class Version:
    """One version of a work, as a document of the knowledge base."""

    doc_id: str
    title: str
    work: str
    version: str | None
    status: str | None
    effective_date: str | None = None
    date: str | None = None
    issuer: str | None = None
    supersedes: str | None = None
    superseded_by: str | None = None
    newer_version: str | None = None
    newer_version_note: str | None = None
    version_label: str | None = None
    doc_type: str = "other"
    aliases: tuple[str, ...] = ()  # short names (manifest ``aliases``): 纪律处分条例, 党章
    newer_version_names: tuple[str, ...] = ()  # how questions name the newer version not held (二十大)

    @classmethod
    def from_doc(cls, doc: DocInfo) -> Version:
        m = doc.metadata
        return cls(
            doc_id=doc.doc_id,
            title=doc.title,
            work=_str(m, "work") or doc.title,
            version=_str(m, "version"),
            status=_str(m, "status"),
            effective_date=_str(m, "effective_date"),
            date=_str(m, "date"),
            issuer=_str(m, "issuer"),
            supersedes=_str(m, "supersedes"),
            superseded_by=_str(m, "superseded_by"),
            newer_version=_str(m, "newer_version"),
            newer_version_note=_str(m, "newer_version_note"),
            version_label=_str(m, "version_label"),
            doc_type=doc.doc_type,
            aliases=tuple(str(a) for a in m.get("aliases") or [] if a),
            newer_version_names=tuple(str(a) for a in m.get("newer_version_names") or [] if a),
        )

    @property
    def is_current(self) -> bool:
        """Current unless the manifest says 已被修订 / 已失效 (documents without a status count as current)."""
        return self.status is None or self.status in CURRENT_STATUSES

    @property
    def year(self) -> str | None:
        """The version as a year (``"2018"``), when it is one."""
        return self.version if self.version and re.fullmatch(r"\d{4}", self.version) else None

    @property
    def text_year(self) -> str | None:
        """The year of the text this version holds: its year, or the last year of a version line such as
        "2018年通过，2024年修正" (the text as amended in 2024; the 2018 original is not held)."""
        found = re.findall(r"(?:19|20)\d{2}", self.version or "")
        return self.year or (found[-1] if found else None)

    def name(self) -> str:
        """``2018年版`` (or the version label for unversioned documents)."""
        return f"{self.year}年版" if self.year else (self.version_label or self.version or "")


class Works:
    """All documents of one index generation grouped by work; versions ordered oldest first. Read-only once
    built (``works_of`` shares one instance between the answers of a generation)."""

    def __init__(self, docs: Iterable[DocInfo]) -> None:
        self.by_id: dict[str, Version] = {}
        self.works: dict[str, list[Version]] = {}
        self._aliases: dict[str, list[str]] = {}
        for doc in docs:
            v = Version.from_doc(doc)
            self.by_id[v.doc_id] = v
            self.works.setdefault(v.work, []).append(v)
            self._aliases.setdefault(v.work, [])
            self._aliases[v.work].extend(a for a in v.aliases if a not in self._aliases[v.work])
        for versions in self.works.values():
            versions.sort(key=lambda v: (v.year or "", v.effective_date or "", v.doc_id))

    def versions(self, work: str) -> list[Version]:
        return list(self.works.get(work, []))

    def names_of(self, work: str) -> list[str]:
        """The names a question may use for ``work``: the title, its short form, the manifest aliases."""
        return short_names(work) + [a for a in self._aliases.get(work, []) if a not in short_names(work)]

    def multi_version_works(self) -> list[str]:
        return [w for w, vs in self.works.items() if len(vs) > 1]

    def current(self, work: str) -> Version | None:
        """The current version of ``work`` in the knowledge base (the newest when none is marked current)."""
        versions = self.works.get(work) or []
        current = [v for v in versions if v.is_current]
        if current:
            return current[-1]
        return versions[-1] if versions else None

    def replacement(self, version: Version) -> Version | None:
        """The version in the knowledge base that replaced ``version`` (None when it is current here)."""
        if version.superseded_by and version.superseded_by in self.by_id:
            return self.by_id[version.superseded_by]
        for other in self.works.get(version.work, []):
            if other.supersedes == version.doc_id:
                return other
        if not version.is_current:
            newer = [o for o in self.works.get(version.work, []) if o.is_current and o is not version]
            return newer[-1] if newer else None
        return None

    def find(self, work: str, version: str) -> Version | None:
        """The version of ``work`` whose version (year) or doc id is ``version``."""
        for v in self.works.get(work, []):
            if version in (v.version, v.year, v.doc_id):
                return v
        return None

    def resolve_work(self, name: str) -> str | None:
        """A work by its title, a short name (党章, 纪律处分条例) or a doc id of one of its versions."""
        if name in self.works:
            return name
        if name in self.by_id:
            return self.by_id[name].work
        key = compact_text(name)
        for work in self.works:
            if key in {compact_text(n) for n in self.names_of(work)}:
                return work
        return None

    @cached_property
    def _names_longest_first(self) -> list[tuple[str, str]]:
        """(compact name, work) for every name of every work, longest name first (a ``Works`` is read-only)."""
        candidates = sorted(
            ((n, w) for w in self.works for n in self.names_of(w)), key=lambda p: len(p[0]), reverse=True
        )
        return [(compact_text(n), w) for n, w in candidates]

    def named_in(self, text: str) -> list[str]:
        """Works a question names (longest names first, so 纪律处分条例 does not also match 处分条例…)."""
        compact = compact_text(text)
        found: list[str] = []
        spans: list[tuple[int, int]] = []
        for key, work in self._names_longest_first:
            start = compact.find(key)
            if start < 0 or work in found:
                continue
            end = start + len(key)
            if any(s < end and start < e for s, e in spans):
                continue
            spans.append((start, end))
            found.append(work)
        return found


_last_works: tuple[tuple[DocInfo, ...], Works] | None = None


def works_of(docs: Iterable[DocInfo]) -> Works:
    """``Works(docs)``, shared while the documents are the same objects in the same order (the serving
    generation's ``index.documents()``): an answer needed it 4 times and built it each time (~3 ms of an
    uncached answer's CPU, issue 17's profile). Thread-safe: the last result is replaced atomically."""
    global _last_works
    key = tuple(docs)
    last = _last_works
    if (
        last is not None
        and len(last[0]) == len(key)
        and all(a is b for a, b in zip(last[0], key, strict=True))
    ):
        return last[1]
    works = Works(key)
    _last_works = (key, works)
    return works


# The prefix a formal title carries and its short name drops (中国共产党纪律处分条例 → 纪律处分条例).
TITLE_PREFIX_RE = re.compile(r"^(?:中国共产党|中华人民共和国)")


def short_names(work: str) -> list[str]:
    """The title and its shortened form (中国共产党 / 中华人民共和国 and （试行） dropped)."""
    return list(_short_names(work))


@lru_cache(maxsize=4096)
def _short_names(work: str) -> tuple[str, ...]:
    # memoised: every answer asks for the names of every work several times (81,000 calls over the 160
    # dev questions, two regex substitutions each; issue 17's profile)
    short = TITLE_PREFIX_RE.sub("", work)
    short = re.sub(r"（试行）$", "", short)
    # three characters are enough for a law's short name (监察法, 立法法); two (宪法, 章程) are not
    return (work, short) if short != work and len(short) >= 3 else (work,)


@lru_cache(maxsize=4096)
def compact_text(text: str) -> str:
    """``text`` in matching form (``normalize_for_match``) without spaces, book-title marks and quotation marks: how
    a name is looked for in a question ("《纪律处分条例》" and "纪律处分 条例" both read 纪律处分条例). Memoised."""
    from service.text.normalize import normalize_for_match

    return re.sub(r"[\s《》〈〉\"“”]+", "", normalize_for_match(text))


_ADOPTION_LINE_RE = re.compile(
    r"^[（(]?.{0,80}?(?:19|20)\d{2}\s*[年.]\s*\d{1,2}.{0,200}?(通过|批准|发布|印发|修订|修正|公布|施行)"
)


def adoption_line(text: str, *, max_lines: int = 6) -> str | None:
    """The adoption / issue note under a document's title, as written, or None.

    ``（2021年12月6日中共中央政治局会议审议批准 2021年12月24日中共中央发布）``, the 党章's
    ``（中国共产党第十九次全国代表大会部分修改，2017年10月24日通过）``, a law's ``2018年3月20日 第十三届全国人民代表大会
    第一次会议通过``: a line near the top that holds a date and says 通过 / 批准 / 发布 / 修订 …, before any
    article or chapter. Consecutive note lines (a law's amendment history) are joined with a space.
    """
    notes: list[str] = []
    for line in [ln.strip() for ln in text.split("\n") if ln.strip()][:max_lines]:
        if ref_at(line, 0, "编章节条") is not None or line in {"总纲", "序言"}:
            break
        if len(line) <= 300 and _ADOPTION_LINE_RE.match(line):
            notes.append(line)
        elif notes:
            break
    return " ".join(notes) if notes else None
