"""Party-study concepts stated in other words than their name (``concepts.tsv`` beside this module).

"党的宗旨是什么" asks for 全心全意为人民服务: the 党章 states the 宗旨 (总纲 "第三，坚持全心全意为人民服务", 第二条)
without the word 宗旨, while passages that merely name the 宗旨 ("践行党的根本宗旨") say nothing of it. The
extractor scores a sentence holding a concept's statement as a definition of it, and the search for the passage
that spells out a content question (``extract.spell_kind``) accepts it (issue 11, item 3). Data, not code: an
entry is a general concept of party study, never the wording of a question.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from service.text.normalize import normalize_for_match

DEFAULT_PATH = Path(__file__).resolve().parent / "concepts.tsv"


class ConceptsError(ValueError):
    """A malformed row of the concepts file (its path and line number in the message)."""


@lru_cache(maxsize=4)
def load(path: Path = DEFAULT_PATH) -> dict[str, tuple[str, ...]]:
    """concept → the phrases that state it, both in matching form; ``#`` lines and blank lines skipped.

    Raises ``ConceptsError`` for a row without a concept or without a phrase."""
    out: dict[str, tuple[str, ...]] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        concept = normalize_for_match(cols[0].strip())
        phrases = tuple(normalize_for_match(p.strip()) for p in (cols[1] if len(cols) > 1 else "").split("|"))
        phrases = tuple(p for p in phrases if p)
        if not concept or not phrases:
            raise ConceptsError(f"{path}:{n}: expected 'concept<TAB>phrase|phrase…', got {raw!r}")
        out[concept] = phrases
    return out


def statements(term: str) -> tuple[str, ...]:
    """The phrases that state the concept ``term`` (matching form) ends with: "党的宗旨" → (全心全意为人民服务,);
    ``()`` when it ends with none. The longest concept wins."""
    table = load()
    for concept in sorted(table, key=len, reverse=True):
        if term.endswith(concept):
            return table[concept]
    return ()
