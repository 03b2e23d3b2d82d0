"""The knowledge manifest: who issued or wrote each document, its official title, type, version and date.

Why a manifest rather than guessing from files: titles such as 中华人民共和国监察法 and version labels
such as "2017年修订（十九大部分修改）" are facts a member relies on when citing; file names
(``监察法(2024-12-25).md``) are not. A directory that contains ``manifest.json`` uses it for the files it
lists; files it does not list are still loaded with a slug id and a title from their first line.

Format (see ``knowledge/README.md``): a JSON list of objects with ``doc_id``, ``path`` (relative to the
manifest's directory, or to a corpus directory for third-party texts kept outside the repository),
``title``, ``type`` and any further metadata fields (issuer, author, date, version, origin, ...).
``{"documents": [...]}`` is accepted too. An entry with ``"skip": "<reason>"`` names a file that must not
be indexed (an incomplete text); loaders report it with that reason instead of loading it.

Corpus directories (``Settings.corpus_dirs``, default ``../shared/corpus``) hold third-party texts the
project does not ship; the knowledge manifest describes them all the same. ``CorpusCatalog`` is how a
corpus directory (which has no manifest of its own) finds its entries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from service.errors import InvalidManifest
from service.schemas import DocType

MANIFEST_NAME = "manifest.json"
# Files at a knowledge root that describe the knowledge base rather than belong to it.
META_FILES = frozenset({MANIFEST_NAME, "userdict.txt", "README.md", "SOURCES.md", "LICENSE", "LICENSE.md"})
DOC_TYPES: frozenset[str] = frozenset({"regulation", "party_regulation", "theory", "news", "other"})
_DOC_ID_RE = re.compile(r"^[\w.\-]+$", re.UNICODE)


@dataclass(frozen=True)
class ManifestEntry:
    doc_id: str
    path: str  # posix, relative to the manifest's directory
    title: str
    doc_type: DocType
    metadata: dict[str, Any] = field(default_factory=dict)
    skip: str | None = None  # why this file must not be indexed (e.g. an incomplete text)


def slugify(relative: str) -> str:
    """A readable, stable doc id from a relative path: ``theory/000_abc.txt`` → ``theory-000_abc``.

    Chinese characters are kept (``regulations-宪法``): the id must stay unique and recognisable.
    """
    stem = relative.rsplit(".", 1)[0] if "." in relative.rsplit("/", 1)[-1] else relative
    slug = re.sub(r"[^\w.]+", "-", stem.lower(), flags=re.UNICODE).strip("-.")
    return slug or "doc"


def _entry(raw: object, where: Path) -> ManifestEntry:
    if not isinstance(raw, dict):
        raise InvalidManifest(f"知识库清单 {where} 中的每一项都必须是对象。")
    item = cast(dict[str, Any], raw)
    missing = [k for k in ("doc_id", "path", "title") if not isinstance(item.get(k), str) or not item[k]]
    if missing:
        raise InvalidManifest(f"知识库清单 {where} 中有条目缺少字段：{'、'.join(missing)}。")
    doc_id = item["doc_id"]
    if not _DOC_ID_RE.match(doc_id):
        raise InvalidManifest(f"知识库清单中的文档编号“{doc_id}”只能包含字母、数字、下划线、点和连字符。")
    doc_type = item.get("type", "other")
    if doc_type not in DOC_TYPES:
        raise InvalidManifest(
            f"知识库清单中“{doc_id}”的类型“{doc_type}”无效（应为 regulation、party_regulation、theory、news 或 other）。"
        )
    metadata = {
        k: v
        for k, v in item.items()
        if k not in {"doc_id", "path", "title", "type", "skip"} and v is not None
    }
    skip = item.get("skip")
    if skip is not None and (not isinstance(skip, str) or not skip.strip()):
        raise InvalidManifest(f"知识库清单中“{doc_id}”的 skip 字段必须是说明原因的文字。")
    return ManifestEntry(
        doc_id=doc_id,
        path=Path(item["path"]).as_posix(),
        title=item["title"],
        doc_type=cast(DocType, doc_type),
        metadata=metadata,
        skip=skip,
    )


def read_manifest(directory: Path) -> dict[str, ManifestEntry] | None:
    """Entries of ``directory/manifest.json`` keyed by relative posix path; ``None`` when there is none."""
    path = directory / MANIFEST_NAME
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidManifest(f"知识库清单 {path} 无法解析：{type(exc).__name__}。") from exc
    if isinstance(raw, dict) and "documents" in raw:
        raw = raw["documents"]
    if not isinstance(raw, list):
        raise InvalidManifest(f"知识库清单 {path} 必须是文档列表。")
    entries: dict[str, ManifestEntry] = {}
    ids: set[str] = set()
    for item in raw:
        entry = _entry(item, path)
        if entry.doc_id in ids or entry.path in entries:
            raise InvalidManifest(f"知识库清单 {path} 中“{entry.doc_id}”（{entry.path}）重复。")
        ids.add(entry.doc_id)
        entries[entry.path] = entry
    return entries


def resolve_entry_path(knowledge_dir: Path, path: str, corpus_dirs: list[Path]) -> Path | None:
    """The file a manifest ``path`` names: under ``knowledge_dir`` first, then each corpus dir in order.

    ``None`` when no directory holds it (e.g. the shared corpus is absent on this machine).
    """
    for base in (knowledge_dir, *corpus_dirs):
        candidate = base / path
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class CorpusCatalog:
    """The knowledge manifest as seen from a corpus directory (third-party texts outside the repo).

    ``entries`` are keyed by manifest path (``regulations/lawrefbook/宪法/宪法.md``). A corpus file's
    path relative to the directory that was ingested is matched exactly, or as the tail of one entry
    path, so ``../shared/corpus`` and ``../shared/corpus/regulations`` both find their entries.
    """

    knowledge_dir: Path
    entries: dict[str, ManifestEntry]

    @classmethod
    def from_knowledge_dir(cls, knowledge_dir: Path) -> CorpusCatalog:
        return cls(knowledge_dir=knowledge_dir, entries=read_manifest(knowledge_dir) or {})

    def entry(self, rel: str) -> ManifestEntry | None:
        """The entry for a file at ``rel`` (posix, relative to an ingested corpus root)."""
        if rel in self.entries:
            return self.entries[rel]
        tail = "/" + rel
        matches = [e for p, e in self.entries.items() if p.endswith(tail)]
        return matches[0] if len(matches) == 1 else None

    def entry_for_file(self, file: Path) -> ManifestEntry | None:
        """The entry for a single corpus file given by absolute path (longest matching tail wins)."""
        posix = file.as_posix()
        best = [e for p, e in self.entries.items() if posix.endswith("/" + p)]
        return max(best, key=lambda e: len(e.path)) if best else None

    def owned(self, rel: str) -> bool:
        """True when the knowledge dir has its own copy of this entry (the project's copy wins)."""
        entry = self.entry(rel)
        return entry is not None and (self.knowledge_dir / entry.path).is_file()
