"""The source text of every document a dataset can cite, and the gold-span check built on it.

Quote checks (``answer.quote_exact``) and gold-span verification need each document's full text. For a
``corpus.jsonl`` dataset that is the ``text`` field; for a knowledge-directory dataset it is the file named
in ``knowledge/manifest.json`` (raw file text: cleaning only removes boilerplate and whitespace, and
``normalize_quote`` ignores whitespace, so a quote of cleaned text is still found in the raw text).
"""

from __future__ import annotations

import json
from pathlib import Path

from service.config import Settings
from service.evals.datasets import Dataset, DatasetError
from service.ingest.manifest import resolve_entry_path
from service.text.normalize import normalize_quote


def manifest_paths(knowledge_dir: Path, settings: Settings | None = None) -> dict[str, Path]:
    """``doc_id -> file`` from ``manifest.json`` (a list of entries, or ``{"documents": [...]}``).

    Paths resolve in the knowledge dir first, then in the corpus dirs (``STUDY_CORPUS_DIRS``); entries
    marked ``skip`` (texts not indexed) are left out. A file found nowhere maps to its knowledge-dir path
    (which does not exist), so callers see it as missing.
    """
    manifest = knowledge_dir / "manifest.json"
    if not manifest.is_file():
        raise DatasetError(f"知识库目录缺少 manifest.json：{knowledge_dir}")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entries = data.get("documents", []) if isinstance(data, dict) else data
    corpus_dirs = (settings or Settings()).corpus_paths
    out: dict[str, Path] = {}
    for entry in entries:
        if isinstance(entry, dict) and entry.get("doc_id") and entry.get("path") and not entry.get("skip"):
            rel = str(entry["path"])
            found = resolve_entry_path(knowledge_dir, rel, corpus_dirs)
            out[str(entry["doc_id"])] = found or knowledge_dir / rel
    return out


def document_texts(dataset: Dataset) -> dict[str, str]:
    """Full text per document id for the dataset's corpus."""
    if dataset.knowledge_dir is not None:
        return {
            doc_id: path.read_text(encoding="utf-8", errors="replace")
            for doc_id, path in manifest_paths(dataset.knowledge_dir).items()
            if path.is_file()
        }
    return {doc.id: doc.text for doc in dataset.corpus_docs()}


def verify_gold_spans(dataset: Dataset, *, exact: bool = True) -> list[str]:
    """Problems with the dataset's gold annotations (empty list when every span is found).

    Each gold document must exist, and each gold span must occur in one of the question's gold
    documents: verbatim when ``exact`` (the dev set's standard), else after ``normalize_quote``.
    """
    texts = document_texts(dataset)
    normalised: dict[str, str] = {}
    problems: list[str] = []
    for q in dataset.questions:
        if not q.answerable:
            continue
        missing = [d for d in q.gold_doc_ids if d not in texts]
        if missing:
            problems.append(f"{q.id}：标准文档不存在 {', '.join(missing)}")
        for span in q.gold_spans:
            docs = [d for d in q.gold_doc_ids if d in texts]
            if exact:
                found = any(span in texts[d] for d in docs)
            else:
                for d in docs:
                    normalised.setdefault(d, normalize_quote(texts[d]))
                found = any(normalize_quote(span) in normalised[d] for d in docs)
            if not found:
                problems.append(f"{q.id}：原文中找不到标准片段「{span}」")
    return problems
