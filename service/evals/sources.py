"""The source text of every document a dataset can cite, and the gold-span check built on it.

Quote checks (``answer.quote_exact``) and gold-span verification need each document's full text. For a
``corpus.jsonl`` dataset that is the ``text`` field; for a knowledge-directory dataset it is the file named
in ``knowledge/manifest.json`` (raw file text: cleaning only removes boilerplate and whitespace, and
``normalize_quote`` ignores whitespace, so a quote of cleaned text is still found in the raw text).

Regulation texts are not kept in the repository: a manifest path (``regulations/…``) is looked up in the
knowledge directory first and then under the corpus root (``../shared/corpus`` beside the repository, or
the dataset's ``corpus_root``). A dataset's own ``documents`` entries complete the manifest. When some
file lives outside the knowledge directory, ``stage_knowledge_dir`` builds a knowledge directory of links
with a rewritten manifest, so the production ingest reads every document exactly as ``study ingest`` does.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from service.evals.datasets import Dataset, DatasetError, default_corpus_root
from service.text.normalize import normalize_quote
from service.text.refs import article_line, heading_line, parse_locator

MANIFEST = "manifest.json"


def _manifest_entries(knowledge_dir: Path) -> list[dict[str, Any]]:
    manifest = knowledge_dir / MANIFEST
    if not manifest.is_file():
        raise DatasetError(f"知识库目录缺少 manifest.json：{knowledge_dir}")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entries = data.get("documents", []) if isinstance(data, dict) else data
    # ``skip`` entries are texts the ingest leaves out (e.g. an incomplete copy): not part of the corpus.
    return [
        dict(e)
        for e in entries
        if isinstance(e, dict) and e.get("doc_id") and e.get("path") and not e.get("skip")
    ]


def _resolve(path: str, bases: list[Path]) -> Path | None:
    for base in bases:
        candidate = base / path
        if candidate.is_file():
            return candidate
    return None


def resolved_manifest(dataset: Dataset) -> list[dict[str, Any]]:
    """Every document of a knowledge-dir or ``documents`` dataset: its manifest entry plus ``file``.

    ``file`` is the resolved path (knowledge directory first, then the corpus root); documents whose file
    is found nowhere are left out (``verify_gold_spans`` reports gold documents that are missing).
    """
    corpus_root = dataset.corpus_root or default_corpus_root()
    entries: list[tuple[dict[str, Any], list[Path]]] = []
    seen: set[str] = set()
    if dataset.knowledge_dir is not None and (dataset.knowledge_dir / MANIFEST).is_file():
        for entry in _manifest_entries(dataset.knowledge_dir):
            seen.add(str(entry["doc_id"]))
            entries.append((entry, [dataset.knowledge_dir, corpus_root]))
    for entry in dataset.documents:
        if entry["doc_id"] not in seen:
            seen.add(entry["doc_id"])
            entries.append((dict(entry), [corpus_root]))
    out: list[dict[str, Any]] = []
    for entry, bases in entries:
        file = _resolve(str(entry["path"]), bases)
        if file is not None:
            out.append({**entry, "file": str(file)})
    return out


def manifest_paths(knowledge_dir: Path) -> dict[str, Path]:
    """``doc_id -> file`` from ``manifest.json``, resolved in the knowledge dir or the corpus root."""
    roots = [knowledge_dir, default_corpus_root()]
    out: dict[str, Path] = {}
    for entry in _manifest_entries(knowledge_dir):
        out[str(entry["doc_id"])] = _resolve(str(entry["path"]), roots) or knowledge_dir / str(entry["path"])
    return out


def document_texts(dataset: Dataset) -> dict[str, str]:
    """Full text per document id for the dataset's corpus."""
    if dataset.knowledge_dir is not None or dataset.documents:
        return {
            str(e["doc_id"]): Path(e["file"]).read_text(encoding="utf-8", errors="replace")
            for e in resolved_manifest(dataset)
        }
    return {doc.id: doc.text for doc in dataset.corpus_docs()}


def needs_staging(dataset: Dataset) -> bool:
    """Whether some document lives outside the knowledge directory (or there is none)."""
    if dataset.knowledge_dir is None:
        return bool(dataset.documents)
    kd = dataset.knowledge_dir.resolve()
    if not (kd / MANIFEST).is_file():
        return False
    return any(not Path(e["file"]).resolve().is_relative_to(kd) for e in resolved_manifest(dataset)) or bool(
        {d["doc_id"] for d in dataset.documents} - {e["doc_id"] for e in _manifest_entries(kd)}
    )


def stage_knowledge_dir(dataset: Dataset, parent: Path) -> Path:
    """A knowledge directory under ``parent`` holding links to every document and a rewritten manifest.

    The directory name is a hash of the resolved manifest, so an unchanged corpus reuses it. Meta files of
    the knowledge directory (``userdict.txt``) are linked too.
    """
    entries = resolved_manifest(dataset)
    key = hashlib.sha256(json.dumps(entries, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
    target = parent / f"staged-{key}"
    if (target / MANIFEST).is_file():
        return target
    tmp = parent / f".{target.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    manifest: list[dict[str, Any]] = []
    for i, entry in enumerate(entries):
        src = Path(entry.pop("file"))
        rel = f"docs/{i:03d}/{src.name}"
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).symlink_to(src.resolve())
        manifest.append({**entry, "path": rel})
    if dataset.knowledge_dir is not None:
        for name in ("userdict.txt",):
            if (dataset.knowledge_dir / name).is_file():
                (tmp / name).symlink_to((dataset.knowledge_dir / name).resolve())
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


# ----------------------------------------------------------------------------------------------------
# locators


def locator_text(text: str, locator: str) -> str | None:
    """The part of ``text`` a locator names: ``第X条`` (to the next article or heading) or ``总纲``.

    ``None`` when the locator has another form (a 准则 part name, 序言 …): it is then not checked.
    """
    lines = text.splitlines()
    if locator == "总纲":
        start = next((i for i, ln in enumerate(lines) if ln.strip() == "总纲"), None)
        if start is None:
            return None
        end = next((i for i in range(start + 1, len(lines)) if heading_line(lines[i].strip())), len(lines))
        return "\n".join(lines[start:end])
    wanted = parse_locator(locator)
    if wanted is None or wanted.unit != "条":
        return None
    out: list[str] = []
    inside = False
    for ln in lines:
        art = article_line(ln.strip())
        if art:
            inside = art.ref == wanted
        elif ln.lstrip().startswith("#") or heading_line(ln.strip()):
            inside = False
        if inside:
            out.append(ln)
    return "\n".join(out) if out else ""


def verify_gold_spans(dataset: Dataset, *, exact: bool = True) -> list[str]:
    """Problems with the dataset's gold annotations (empty list when every span is found).

    Each gold and expected document must exist, and each gold/required span must occur in one of the
    question's gold documents: verbatim when ``exact`` (the standard for our datasets), else after
    ``normalize_quote``. When the question names ``gold_locators`` of article form, each must exist in a
    gold document and every span must lie inside one of the located articles.
    """
    texts = document_texts(dataset)
    normalised: dict[str, str] = {}
    problems: list[str] = []
    for q in dataset.questions:
        if not q.answerable:
            continue
        missing = [d for d in (*q.gold_doc_ids, *q.expected_doc_ids) if d not in texts]
        if missing:
            problems.append(f"{q.id}：标准文档不存在 {', '.join(dict.fromkeys(missing))}")
        docs = [d for d in q.gold_doc_ids if d in texts]
        scopes: list[str] = []
        for loc in q.gold_locators:
            parts = [locator_text(texts[d], loc) for d in docs]
            if any(p is None for p in parts):
                continue
            found_parts = [p for p in parts if p]
            if not found_parts:
                problems.append(f"{q.id}：标准文档中没有 {loc}")
            scopes.extend(p for p in found_parts if p)
        for span in dict.fromkeys((*q.gold_spans, *q.required_spans)):
            if exact:
                found = any(span in texts[d] for d in docs)
            else:
                for d in docs:
                    normalised.setdefault(d, normalize_quote(texts[d]))
                found = any(normalize_quote(span) in normalised[d] for d in docs)
            if not found:
                problems.append(f"{q.id}：原文中找不到标准片段「{span}」")
            elif scopes and not any(
                (span in s) if exact else (normalize_quote(span) in normalize_quote(s)) for s in scopes
            ):
                problems.append(f"{q.id}：标准片段「{span}」不在 {'、'.join(q.gold_locators)} 中")
    return problems
