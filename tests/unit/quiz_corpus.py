"""Chunks built from the shipped knowledge/ texts, independent of the ingest pipeline.

Quiz tests need real 党章 articles and a real theory article; parsing them here keeps the generator's
tests about generation (a simple article/paragraph split, same Chunk fields as the index produces).
"""

from __future__ import annotations

import re
from pathlib import Path

from service.config import REPO_ROOT
from service.ingest.corpus import corpus_file
from service.schemas import Chunk

KNOWLEDGE = REPO_ROOT / "knowledge"
CONSTITUTION = corpus_file("regulations/中国共产党章程_2017_zh.md")
THEORY = KNOWLEDGE / "theory" / "001_f3726381aa4f768d.txt"

_ARTICLE_RE = re.compile(r"^(第[一二三四五六七八九十百]+条)[　 ]", re.M)
_CHAPTER_RE = re.compile(r"^(第[一二三四五六七八九十]+章)[　 ](\S+)$", re.M)


def constitution_chunks() -> list[Chunk]:
    """One chunk per article of the 党章 (总纲 left out), with chapter paths."""
    text = CONSTITUTION.read_text(encoding="utf-8")
    chapters = [(m.start(), f"{m.group(1)} {m.group(2)}") for m in _CHAPTER_RE.finditer(text)]
    starts = [m.start() for m in _ARTICLE_RE.finditer(text)]
    chunks: list[Chunk] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        next_chapter = [p for p, _ in chapters if start < p < end]
        end = min([end, *next_chapter])
        body = text[start:end].strip()
        locator = _ARTICLE_RE.match(body).group(1)  # type: ignore[union-attr]
        chapter = [name for p, name in chapters if p < start][-1:]
        chunks.append(
            Chunk(
                chunk_id=f"cpc-constitution-2017#{locator}",
                doc_id="cpc-constitution-2017",
                title="中国共产党章程",
                text=body,
                doc_type="regulation",
                chapter_path=chapter,
                locator=locator,
                article_no=i + 1,
                char_start=start,
            )
        )
    return chunks


def theory_chunks(path: Path = THEORY, doc_id: str = "theory-anding-five-projects") -> list[Chunk]:
    """One chunk per substantial paragraph of a theory article."""
    title = "深入实施“五大工程” 以高质量党建引领 谱写中国式现代化安定实践新篇章"
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 60]
    return [
        Chunk(
            chunk_id=f"{doc_id}#p{n}",
            doc_id=doc_id,
            title=title,
            text=p,
            doc_type="theory",
            locator=f"第{n}段",
            paragraph_no=n,
        )
        for n, p in enumerate(paragraphs, start=1)
    ]


def seed_theory_chunks() -> list[Chunk]:
    """The five seed theory articles as the ingest pipeline reads and splits them (knowledge/theory)."""
    from service.ingest.loaders import load_paths
    from service.text.split import split_document

    docs = load_paths([KNOWLEDGE / "theory"]).docs
    return [c for doc in sorted(docs, key=lambda d: d.doc_id) for c in split_document(doc)]


_REG_ARTICLE_RE = re.compile(r"^(第[一二三四五六七八九十百零]+条)[　 ]", re.M)


def discipline_chunks(year: str) -> list[Chunk]:
    """One chunk per article of the 纪律处分条例 of ``year`` (2018 or 2023, both in the shared corpus), with
    the manifest's metadata (work, version, status) as the ingest pipeline attaches it."""
    from service.ingest.manifest import read_manifest

    doc_id = f"cpc-discipline-{year}"
    entry = next(e for e in (read_manifest(KNOWLEDGE) or {}).values() if e.doc_id == doc_id)
    text = corpus_file(entry.path).read_text(encoding="utf-8")
    starts = [m.start() for m in _REG_ARTICLE_RE.finditer(text)]
    chunks: list[Chunk] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        body = text[start:end].split("\n#", 1)[0].strip()
        locator = _REG_ARTICLE_RE.match(body).group(1)  # type: ignore[union-attr]
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}#{locator}",
                doc_id=doc_id,
                title=entry.title,
                text=body,
                doc_type="party_regulation",
                locator=locator,
                article_no=i + 1,
                char_start=start,
                metadata=dict(entry.metadata),
            )
        )
    return chunks
