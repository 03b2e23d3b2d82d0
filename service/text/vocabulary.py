"""The everyday → formal vocabulary: what members say and what the regulations write for it.

Members write 红包, 购物卡, 支委会, 政审 where the texts say 礼金, 消费卡, 支部委员会, 政治审查. Two parts of the
service need the same table: the refusal check (a question term counts as covered when its formal form is in
the evidence, ``service/rag/refusal/``) and retrieval (the query is expanded with the formal forms). Keeping
it in one data file (``vocabulary.tsv`` beside this module; columns and rules in its header) means an entry
added for one helps the other, and the two can never disagree.

All words are in matching form (``normalize_for_match``): the loader normalises both columns, so a
traditional or full-width entry still matches normalised questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from service.text.normalize import normalize_for_match

DEFAULT_PATH = Path(__file__).resolve().parent / "vocabulary.tsv"

# A person's age in a question ("我儿子今年17岁", "二十五周岁") asks whether it reaches a threshold, and the texts
# state age thresholds as 年满……岁 (党章第一条 年满十八岁; 宪法第三十四条 年满十八周岁; 公务员法第十三条 年满十八
# 周岁). The number itself is no help: 17 never occurs where 十八 does. An age is a pattern, not a word, so it is
# the one rule of this table kept in code.
AGE_RE = re.compile(r"(?<![第\d])(?:\d{1,3}|[一二三四五六七八九十两]{1,3})(?:周)?岁")
AGE_FORM = "年满"


class VocabularyError(ValueError):
    """A malformed row of the vocabulary file (its path and line number in the message)."""


@dataclass(frozen=True)
class Vocabulary:
    """Everyday word → its formal forms (file order, no duplicates)."""

    forms: Mapping[str, tuple[str, ...]]

    def formal_forms(self, word: str) -> tuple[str, ...]:
        """The formal forms of ``word`` (matching form), ``()`` when it has none."""
        return self.forms.get(word, ())

    def __contains__(self, word: object) -> bool:
        return word in self.forms

    def expand_text(self, text: str) -> list[str]:
        """Formal forms of the everyday words occurring in ``text`` (matching form) that ``text`` does not
        already contain, ordered by where their everyday word occurs, each once.

        Words are found as substrings, not as jieba words: "算命看风水" holds 算命 and 风水 however it is cut.
        A word inside a longer listed word counts only as the longer one (购物卡 → 消费卡, not also 消费).
        An age ("17岁", ``AGE_RE``) adds ``AGE_FORM`` (年满) at its place."""
        found: list[tuple[int, int, str]] = []
        for word in self.forms:
            start = text.find(word)
            while start >= 0:
                found.append((start, -len(word), word))
                start = text.find(word, start + 1)
        found.sort()
        age = AGE_RE.search(text)
        out: list[str] = []
        taken: list[tuple[int, int]] = []
        for start, neg_len, word in found:
            end = start - neg_len
            if any(s <= start and end <= e for s, e in taken):
                continue  # inside a longer word already taken
            taken.append((start, end))
            if age is not None and age.start() < start and AGE_FORM not in text and AGE_FORM not in out:
                out.append(AGE_FORM)
            for form in self.forms[word]:
                if form not in text and form not in out:
                    out.append(form)
        if age is not None and AGE_FORM not in text and AGE_FORM not in out:
            out.append(AGE_FORM)
        return out

    def around(self, word: str, text: str) -> list[str]:
        """The everyday words occurring in ``text`` (matching form) that hold ``word`` and are longer than it: the
        member's whole word where segmentation cut it ("女同志" around 同志 in "必须要有女同志吗")."""
        return [w for w in self.forms if len(w) > len(word) and word in w and w in text]

    def expand(self, terms: Iterable[str]) -> list[str]:
        """Formal forms of ``terms`` that are not among the terms themselves, in order, each once."""
        own = list(terms)
        out: list[str] = []
        for term in own:
            for form in self.forms.get(term, ()):
                if form not in own and form not in out:
                    out.append(form)
        return out


def parse(lines: Iterable[str], origin: str = "<vocabulary>") -> Vocabulary:
    """Parse TSV ``lines`` (``everyday<TAB>formal[<TAB>source]``; ``#`` comments and blank lines skipped).

    Raises ``VocabularyError`` for a row without both words or with identical words."""
    forms: dict[str, list[str]] = {}
    for no, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        everyday = normalize_for_match(cols[0].strip())
        formal = normalize_for_match(cols[1].strip()) if len(cols) > 1 else ""
        if not everyday or not formal:
            raise VocabularyError(f"{origin}:{no}: expected 'everyday<TAB>formal[<TAB>source]'")
        if everyday == formal:
            raise VocabularyError(f"{origin}:{no}: '{everyday}' maps to itself")
        bucket = forms.setdefault(everyday, [])
        if formal not in bucket:
            bucket.append(formal)
    return Vocabulary({k: tuple(v) for k, v in forms.items()})


@lru_cache(maxsize=4)
def load(path: Path = DEFAULT_PATH) -> Vocabulary:
    """The vocabulary at ``path`` (read once per process). ``FileNotFoundError`` when it is missing."""
    return parse(path.read_text(encoding="utf-8").splitlines(), str(path))
