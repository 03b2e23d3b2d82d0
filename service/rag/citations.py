"""Citation verification for both answerers: nothing reaches the user that its citation does not support.

Checks, in order:

1. every citation points at a retrieved chunk and its ``quote`` is in that chunk's (or document's) text;
2. the answer is cut into sentences; each sentence's ``[n]`` markers must name a surviving citation (a
   sentence without a marker is covered by the next marker after it, so "intro： item； item[1]" is one
   claim); unknown markers are deleted;
3. every quotation inside a sentence (“…”, 「…」, 『…』, "…") must occur character for character in a cited
   source, compared with ``normalize_quote`` so 繁简, width and line breaks do not count as changes;
4. the sentence itself must be supported: in ``strict`` mode (extractive answers) each part between "……"
   must be verbatim source text; otherwise (LLM answers) most of its character bigrams must occur in the
   cited sources.

Sentences that fail are removed and listed in ``flagged``; citations no longer referenced are dropped and
the remaining ones renumbered 1..k in order of first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from service.rag.query_terms import char_bigrams
from service.schemas import Citation, Hit
from service.text.normalize import normalize_for_match, normalize_quote
from service.text.sentences import sentence_spans

_MARKER_RE = re.compile(r"\[(\d+)\]")
_LEADING_MARKERS_RE = re.compile(r"^(?:\s*\[\d+\])+")
_QUOTE_RE = re.compile(r"“([^”]+)”|「([^」]+)」|『([^』]+)』|\"([^\"]+)\"")
# "根据《…》第三条：", with an optional count ("，共八项") and an optional note ("（与上述……不一致）").
_ATTRIBUTION_RE = re.compile(
    r"^(?:根据|另据|依据|据)?《[^》\n]{1,80}》[^：:\n。，,（]{0,40}"
    r"(?:，共[一二两三四五六七八九十百\d]+[^：:\n。，,（]{0,4})?(?:（[^）\n]{0,40}）)?[：:]\s*"
)
_ELLIPSIS_RE = re.compile(r"……|…|\.\.\.")
LENIENT_SUPPORT = 0.5  # share of a paraphrased sentence's bigrams that must occur in its sources


@dataclass
class Verified:
    answer: str
    citations: list[Citation]
    flagged: list[str] = field(default_factory=list)


@dataclass
class Unit:
    start: int
    end: int
    text: str
    markers: list[int]


def answer_units(answer: str) -> list[Unit]:
    """Sentences of the answer, with markers written after the full stop moved to their sentence."""
    spans = sentence_spans(answer)
    merged: list[list[int]] = []
    for s, e in spans:
        lead = _LEADING_MARKERS_RE.match(answer[s:e])
        if lead and merged:
            merged[-1][1] = s + lead.end()
            s += lead.end()
            while s < e and answer[s].isspace():
                s += 1
            if s >= e:
                continue
        merged.append([s, e])
    return [Unit(s, e, answer[s:e], [int(m) for m in _MARKER_RE.findall(answer[s:e])]) for s, e in merged]


def _body(text: str) -> str:
    """The claim of a sentence: without markers and without a leading "根据《…》第N条：" attribution."""
    return _ATTRIBUTION_RE.sub("", _MARKER_RE.sub("", text)).strip()


def _quotes(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _QUOTE_RE.finditer(text)]


def _supported(body: str, sources: Sequence[str], *, strict: bool) -> bool:
    if strict:
        pieces = [normalize_quote(p) for p in _ELLIPSIS_RE.split(body)]
        pieces = [p for p in pieces if len(p) >= 2]
        return bool(pieces) and all(any(p in src for src in sources) for p in pieces)
    grams = char_bigrams(normalize_for_match(_ELLIPSIS_RE.sub("", body)))
    if not grams:
        return True
    source_grams: set[str] = set()
    for src in sources:
        source_grams |= char_bigrams(src)
    return len(grams & source_grams) / len(grams) >= LENIENT_SUPPORT


def verify(
    answer: str,
    citations: Sequence[Citation],
    sources: Mapping[str, Hit],
    *,
    strict: bool,
    document_text: Callable[[str], str | None] | None = None,
) -> Verified:
    """Check ``answer`` against ``citations`` and the retrieved ``sources`` (chunk_id → Hit)."""
    flagged: list[str] = []
    doc_cache: dict[str, str | None] = {}

    def doc_norm(doc_id: str) -> str | None:
        if document_text is None:
            return None
        if doc_id not in doc_cache:
            raw = document_text(doc_id)
            doc_cache[doc_id] = normalize_quote(raw) if raw else None
        return doc_cache[doc_id]

    valid: dict[int, Citation] = {}
    chunk_norm: dict[int, str] = {}
    for c in citations:
        hit = sources.get(c.chunk_id)
        if hit is None:
            flagged.append(f"[{c.n}] 引用的段落不在检索结果中：{c.quote}")
            continue
        norm = normalize_quote(hit.text)
        quote = normalize_quote(c.quote)
        doc = doc_norm(hit.doc_id)
        if not quote or (quote not in norm and (doc is None or quote not in doc)):
            flagged.append(f"[{c.n}] 引文与原文不符：{c.quote}")
            continue
        valid[c.n] = c
        # A quote checked against the document (an article cited once across its stored parts) supports
        # the sentences it contains, as the chunk does.
        chunk_norm[c.n] = norm if quote in norm else f"{norm}\n{quote}"

    units = answer_units(answer)
    # A sentence without markers is covered by the next marker that follows it.
    inherited: list[int] = []
    for unit in reversed(units):
        if unit.markers:
            inherited = unit.markers
        elif _body(unit.text):
            unit.markers = list(inherited)

    removed: list[tuple[int, int]] = []
    for unit in units:
        body = _body(unit.text)
        if not body:
            continue  # a bare heading such as "根据《中国共产党章程》第三十二条："
        ns = [n for n in unit.markers if n in valid]
        if not ns:
            flagged.append(unit.text)
            removed.append((unit.start, unit.end))
            continue
        srcs = [chunk_norm[n] for n in ns]
        docs = [d for d in (doc_norm(valid[n].doc_id) for n in ns) if d]
        bad_quote = any(
            not any(normalize_quote(q) in s for s in (*srcs, *docs)) for q in _quotes(body) if q.strip()
        )
        if bad_quote or not _supported(body, srcs, strict=strict):
            flagged.append(unit.text)
            removed.append((unit.start, unit.end))

    text = answer
    for s, e in sorted(removed, reverse=True):
        text = text[:s] + text[e:]
    text = _MARKER_RE.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", text)

    # Renumber the citations still referenced, in order of first use.
    order: list[int] = []
    for m in _MARKER_RE.finditer(text):
        n = int(m.group(1))
        if n not in order:
            order.append(n)
    mapping = {old: new for new, old in enumerate(order, start=1)}
    text = _MARKER_RE.sub(lambda m: f"[{mapping[int(m.group(1))]}]", text)
    if removed:
        text = re.sub(r"\n{2,}", "\n", text)
    text = text.strip()
    if not order:
        text = ""
    kept = [valid[old].model_copy(update={"n": new}) for old, new in mapping.items()]
    return Verified(text, kept, flagged)
