"""The knowledge manifest: who issued or wrote each document, its official title, type, version and date.

Why a manifest rather than guessing from files: titles such as 中华人民共和国监察法 and version labels
such as "2017年修订（十九大部分修改）" are facts a member relies on when citing; file names
(``监察法(2024-12-25).md``) are not. A directory that contains ``manifest.json`` uses it for the files it
lists; files it does not list are still loaded with a slug id and a title from their first line.

Format (see ``knowledge/README.md``): a JSON list of objects with ``doc_id``, ``path`` (relative to the
manifest's directory), ``title``, ``type`` and any further metadata fields (issuer, author, date, version,
origin, ...). ``{"documents": [...]}`` is accepted too.
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
DOC_TYPES: frozenset[str] = frozenset({"regulation", "theory", "news", "other"})
_DOC_ID_RE = re.compile(r"^[\w.\-]+$", re.UNICODE)


@dataclass(frozen=True)
class ManifestEntry:
    doc_id: str
    path: str  # posix, relative to the manifest's directory
    title: str
    doc_type: DocType
    metadata: dict[str, Any] = field(default_factory=dict)


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
            f"知识库清单中“{doc_id}”的类型“{doc_type}”无效（应为 regulation、theory、news 或 other）。"
        )
    metadata = {
        k: v for k, v in item.items() if k not in {"doc_id", "path", "title", "type"} and v is not None
    }
    return ManifestEntry(
        doc_id=doc_id,
        path=Path(item["path"]).as_posix(),
        title=item["title"],
        doc_type=cast(DocType, doc_type),
        metadata=metadata,
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
