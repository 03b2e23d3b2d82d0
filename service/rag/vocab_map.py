"""A query-side colloquial → legal vocabulary map for the lexical leg (issue 17, item 1).

Members say "离婚后孩子归谁" where the law says 抚养/直接抚养/子女; BM25 only sees shared words. The map is
learned from training questions and the text of their gold articles: for a question word ``a`` and a
legal word ``b``, ``p = P(b in the gold article | a in the question)`` over the training pairs and
``lift = p / P(b in any article)``; ``a`` maps to its best ``b`` by ``p * log(lift)``. At query time each
informative query token adds its mapped words to the BM25 query with a small weight
(``BM25Index.scores(expansion=...)``); the dense leg is unchanged.

What the map may not learn (the issue's rules): only words of the question and of the article *text*
count, never ids, titles' article numbers or formatting; words with digits or article references
(第…条) are excluded from both sides; and nothing records which articles were gold (no popularity prior).

The learned file is versioned (``service/rag/models/vocab_map.json``) with its parameters, training split
and validation figures; ``bench/build_vocab_map.py`` rebuilds it from ``lecoqa-train`` only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from service.index.lexical import informative_tokens

DEFAULT_PATH = Path(__file__).resolve().parent / "models" / "vocab_map.json"
# Article references and numbers say which article, not what it is about: never learned.
log = logging.getLogger(__name__)
_WARNED: set[str] = set()
_EXCLUDED_RE = re.compile(r"\d|第.*[条款项编章节]")


def learnable(token: str) -> bool:
    """Words the map may use: two or more characters, no digits, no article reference."""
    return len(token) >= 2 and not _EXCLUDED_RE.search(token)


@dataclass(frozen=True)
class LearnParams:
    """Chosen on the validation part of lecoqa-train (docs/retrieval.md)."""

    min_questions: int = 3  # a question word must occur in this many training questions
    top: int = 5  # mapped words per question word
    min_p: float = 0.3  # P(b in gold | a in question) at least this
    weight: float = 0.2  # query weight of each mapped word (a question word has weight 1)


@dataclass(frozen=True)
class VocabMap:
    terms: Mapping[str, Sequence[str]]
    weight: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    def expand(self, tokens: Iterable[str]) -> dict[str, float]:
        """Extra BM25 query terms → weight for the query's informative ``tokens`` (each word once)."""
        out: dict[str, float] = {}
        toks = list(tokens)
        own = set(toks)
        for a in dict.fromkeys(informative_tokens(toks)):  # query order: deterministic
            for b in self.terms.get(a, ()):
                if b not in own:
                    out[b] = out.get(b, 0.0) + self.weight
        return out

    @property
    def digest(self) -> str:
        """Short hash of the learned content: recorded in eval reports."""
        payload = json.dumps({"terms": self.terms, "weight": self.weight}, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:12]


def learn(
    pairs: Iterable[tuple[Sequence[str], Sequence[Sequence[str]]]],
    doc_freq: Mapping[str, int],
    n_docs: int,
    params: LearnParams = LearnParams(),
) -> dict[str, list[str]]:
    """The map from ``(question tokens, [gold article tokens, ...])`` training pairs.

    ``doc_freq``/``n_docs``: in how many corpus articles each word occurs (the base rate of the lift).
    Deterministic: ties break by word.
    """
    co: dict[str, Counter[str]] = defaultdict(Counter)
    q_count: Counter[str] = Counter()
    for q_tokens, gold_tokens in pairs:
        qt = {t for t in informative_tokens(list(q_tokens)) if learnable(t)}
        gt = {t for doc in gold_tokens for t in informative_tokens(list(doc)) if learnable(t)}
        for a in qt:
            q_count[a] += 1
            co[a].update(b for b in gt if b != a)
    out: dict[str, list[str]] = {}
    for a in sorted(co):
        if q_count[a] < params.min_questions:
            continue
        scored = []
        for b, c in co[a].items():
            p = c / q_count[a]
            base = doc_freq.get(b, 0) / n_docs if n_docs else 0.0
            if p < params.min_p or base <= 0:
                continue
            score = p * math.log(p / base)
            if score > 0:
                scored.append((-score, b))
        scored.sort()
        if scored:
            out[a] = [b for _, b in scored[: params.top]]
    return out


def save(path: Path, terms: Mapping[str, Sequence[str]], weight: float, meta: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"meta": dict(meta), "weight": weight, "terms": {a: list(bs) for a, bs in sorted(terms.items())}}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def load(path: Path = DEFAULT_PATH) -> VocabMap:
    """The learned map at ``path`` (read once per process). ``FileNotFoundError`` when it is missing."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return VocabMap(terms=raw["terms"], weight=float(raw["weight"]), meta=raw.get("meta", {}))


def expansion_or_none(tokens: Iterable[str], path: Path = DEFAULT_PATH) -> dict[str, float] | None:
    """``load(path).expand(tokens)`` for features that may do without the map: ``None`` (one logged
    warning per path) when the file is missing or damaged."""
    try:
        vmap = load(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if str(path) not in _WARNED:
            _WARNED.add(str(path))
            log.warning("词表 %s 无法读取（%s），不用它。", path.name, type(exc).__name__)
        return None
    return vmap.expand(tokens)
