"""The default answerer, no LLM: pick the few source sentences that answer the question, cite each chunk.

Why extraction: for the 党章 and regulations a paraphrase can change meaning, so the safest short answer
is the source's own sentences, each traceable to one chunk. The steps:

1. classify the question (list / definition / quantity / article / general, see ``query_terms``);
2. split every retrieved chunk into sentences (``service.text.sentences``, offsets into the chunk text);
3. score each sentence by IDF-weighted character-bigram overlap and term overlap with the question,
   both in ``normalize_for_match`` form (so traditional questions match simplified text), plus a bonus
   for the evidence the question type needs and a small retrieval-rank prior;
4. keep the best sentences within ``settings.answer_max_chars`` (an intro ending in "：" brings the items
   that follow it; long lists are shortened to each item's first clause plus "……");
5. order by retrieval rank, then position in the chunk, and cite each chunk once: ``[n]``.

The result is an ``Extract`` (answer text, citations, the sentences used) that citation verification and
the refusal check then inspect; this module never decides to refuse.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from service.rag.query_terms import (
    QuestionType,
    char_bigrams,
    detect_question_type,
    informative_terms,
    strip_question_words,
)
from service.schemas import Citation, Hit
from service.text.normalize import normalize_for_match
from service.text.refs import cn_to_int, find_point, leading_article_end
from service.text.sentences import sentence_spans

_ITEM_RE = re.compile(
    r"^\s*(?:[（(]([一二三四五六七八九十\d]+)[）)]|([一二三四五六七八九十]+)、|(\d+)[.、．])"
)
_NUMBER_RE = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百千]+)\s*(?:个|年|月|日|天|周|次|名|人|岁|届|%|％|分之|项|条|小时|倍)"
)
_DEFINITION_CUE_RE = re.compile(r"是|指|即|称为|就是")
_SENTENCE_FINAL = "。！？!?；;：:…”」』）)"
MIN_SENTENCE_CHARS = 6
MIN_SCORE = 0.12


@dataclass
class Sentence:
    """One source sentence: ``text`` is verbatim ``chunk_text[start:end]``."""

    hit_rank: int
    start: int
    end: int
    text: str
    score: float = 0.0
    item_no: int | None = None  # （三） → 3 when the sentence starts an enumerated item


@dataclass
class Extract:
    answer: str
    citations: list[Citation]
    sentences: list[Sentence] = field(default_factory=list)
    question_type: QuestionType = "general"
    hits: list[Hit] = field(default_factory=list)


def _item_no(text: str) -> int | None:
    m = _ITEM_RE.match(text)
    if m is None:
        return None
    raw = next(g for g in m.groups() if g)
    return cn_to_int(raw)


def split_hit(hit: Hit, rank: int) -> list[Sentence]:
    """Sentences of a chunk; a leading "第三条　" is dropped (the answer names the article already)."""
    out: list[Sentence] = []
    for s, e in sentence_spans(hit.text):
        prefix = leading_article_end(hit.text[s:e])
        if 0 < prefix < e - s:
            s += prefix
        out.append(Sentence(rank, s, e, hit.text[s:e], item_no=_item_no(hit.text[s:e])))
    return out


def requested_point(question: str) -> int | None:
    """ "第二点" / "第3项" in a (resolved) follow-up: the enumerated item the user wants."""
    point = find_point(question)
    return point[0] if point else None


def _type_bonus(qtype: QuestionType, sentence: Sentence, norm: str, terms: Sequence[str]) -> float:
    if qtype == "list":
        if norm.rstrip().endswith((":", "：")) or sentence.item_no is not None:
            return 0.15
        return 0.1 if norm.count("、") >= 2 else 0.0
    if qtype == "quantity":
        return 0.25 if _NUMBER_RE.search(norm) else -0.05
    if qtype == "definition":
        # "民主集中制是……": the term itself defined near the start of the sentence beats a passing mention.
        if any(re.match(rf"^.{{0,6}}{re.escape(t)}(?:是|就是|指|即)", norm) for t in terms):
            return 0.3
        return 0.1 if _DEFINITION_CUE_RE.search(norm) else 0.0
    return 0.0


def score_sentences(
    question: str, qtype: QuestionType, sentences: Sequence[Sentence], titles: Sequence[str] = ()
) -> None:
    """Set ``score`` on each sentence (in place): overlap with the question plus type and rank priors.

    A sentence is matched together with its document title (``titles[hit_rank]``): "英雄烈士保护法什么时候
    施行" must reach "本法自2018年5月1日起施行", which names its law only as 本法.
    """
    q_grams = char_bigrams(strip_question_words(question))
    terms = informative_terms(question)
    heads = [normalize_for_match(t) for t in titles]
    norms = [normalize_for_match(s.text) for s in sentences]
    contexts = [
        f"{heads[s.hit_rank] if s.hit_rank < len(heads) else ''} {n}"
        for s, n in zip(sentences, norms, strict=True)
    ]
    grams = [char_bigrams(c) for c in contexts]
    n_docs = max(len(sentences), 1)
    df: dict[str, int] = {}
    for g in grams:
        for b in g & q_grams:
            df[b] = df.get(b, 0) + 1
    weights = {b: math.log(1 + n_docs / (1 + df.get(b, 0))) + 0.1 for b in q_grams}
    total_w = sum(weights.values()) or 1.0
    total_t = sum(len(t) for t in terms) or 1
    for sentence, norm, context, g in zip(sentences, norms, contexts, grams, strict=True):
        gram_overlap = sum(weights[b] for b in g & q_grams) / total_w
        term_overlap = sum(len(t) for t in terms if t in context) / total_t
        score = 0.55 * gram_overlap + 0.45 * term_overlap
        score += _type_bonus(qtype, sentence, norm, terms)
        score += 0.08 / (1 + sentence.hit_rank)
        if len(sentence.text) < MIN_SENTENCE_CHARS and sentence.item_no is None:
            score -= 0.2
        sentence.score = score


def _first_clause(text: str) -> str:
    """An enumerated item shortened to its first clause: "（三）坚持党和人民的利益高于一切……"."""
    m = re.search(r"[，,；;。]", text)
    if m is None or m.start() >= len(text) - 1:
        return text
    return text[: m.start()] + "……"


def _title(hit: Hit) -> str:
    t = hit.title.strip()
    return t if t.startswith("《") else f"《{t}》"


def _locator(hit: Hit) -> str:
    return "" if not hit.locator or hit.locator in hit.title else hit.locator


def _select(
    qtype: QuestionType,
    sentences: list[Sentence],
    by_rank: dict[int, list[Sentence]],
    hits_text: list[str],
    budget: int,
) -> list[Sentence]:
    """Greedy selection of the best sentences; an intro ending in "：" brings its items along."""
    chosen: list[Sentence] = []
    used = 0
    ranked = sorted(sentences, key=lambda s: (-s.score, s.hit_rank, s.start))
    best = ranked[0].score if ranked else 0.0
    ratio = 0.8 if qtype in ("definition", "quantity") else 0.6  # one precise sentence beats two vague ones
    for s in ranked:
        if s in chosen or s.score < max(MIN_SCORE, best * ratio):
            continue
        if chosen and used + len(s.text) > budget:
            continue
        chosen.append(s)
        used += len(s.text)
        if s.text.rstrip().endswith((":", "：")):
            # The items an intro announces: enumerated items, or else the one sentence that continues it.
            text = hits_text[s.hit_rank]
            followers = [f for f in by_rank[s.hit_rank] if f.start > s.start]
            for i, follower in enumerate(followers):
                new_paragraph = (
                    "\n" in text[s.end : follower.start]
                    if i == 0
                    else "\n" in text[followers[i - 1].end : follower.start]
                )
                if follower.item_no is None and i > 0 and new_paragraph:
                    break
                if follower not in chosen:
                    chosen.append(follower)
                    used += len(follower.text)
                if follower.item_no is None and i == 0:
                    break
        if used >= budget or (qtype in ("definition", "quantity") and len(chosen) >= 2):
            break
    return chosen


def extract(
    question: str,
    hits: Sequence[Hit],
    *,
    max_chars: int,
    exclude_chunk_ids: Sequence[str] = (),
) -> Extract:
    """Build an extractive answer from ``hits`` (best first). Never raises for weak evidence."""
    qtype = detect_question_type(question)
    usable = [h for h in hits if h.chunk_id not in set(exclude_chunk_ids)]
    if not usable:
        return Extract("", [], [], qtype, [])
    by_rank = {rank: split_hit(hit, rank) for rank, hit in enumerate(usable)}
    all_sentences = [s for group in by_rank.values() for s in group]
    point = requested_point(question)
    chosen: list[Sentence] = []
    if point is not None:
        # "第二点": the second enumerated item of the best-ranked chunk that has one.
        for rank in sorted(by_rank):
            items = [s for s in by_rank[rank] if s.item_no == point]
            if items:
                chosen = items[:1]
                break
    if not chosen:
        score_sentences(question, qtype, all_sentences, [h.title for h in usable])
        chosen = _select(qtype, all_sentences, by_rank, [h.text for h in usable], max_chars)
    chosen.sort(key=lambda s: (s.hit_rank, s.start))
    total = sum(len(s.text) for s in chosen)
    shorten_items = total > max_chars * 1.5
    return _compose(qtype, usable, chosen, shorten_items)


def _compose(qtype: QuestionType, hits: Sequence[Hit], chosen: list[Sentence], shorten: bool) -> Extract:
    citations: list[Citation] = []
    parts: list[str] = []
    for rank in sorted({s.hit_rank for s in chosen}):
        group = [s for s in chosen if s.hit_rank == rank]
        hit = hits[rank]
        n = len(citations) + 1
        texts = [_first_clause(s.text) if shorten and s.item_no is not None else s.text for s in group]
        lead = "根据" if n == 1 else "另据"
        if any(s.item_no is not None for s in group):
            body = "\n" + "\n".join(texts)
        else:
            # Sentences run on, except after a heading-like line without final punctuation: gluing it to
            # the next sentence would create text that is nowhere in the source.
            body = texts[0]
            for prev, text in pairwise(texts):
                body += ("" if prev.rstrip()[-1:] in _SENTENCE_FINAL else "\n") + text
        parts.append(f"{lead}{_title(hit)}{_locator(hit)}：{body}[{n}]")
        quote = hit.text[group[0].start : group[-1].end]
        citations.append(Citation.from_hit(n, hit, quote))
    return Extract("\n".join(parts), citations, chosen, qtype, list(hits))


def article_answer(hits: Sequence[Hit]) -> Extract:
    """An article returned verbatim: every part (chunk) of it in order, one citation per part."""
    citations: list[Citation] = []
    bodies: list[str] = []
    for hit in hits:
        n = len(citations) + 1
        bodies.append(f"{hit.text.strip()}[{n}]")
        citations.append(Citation.from_hit(n, hit, hit.text.strip()))
    first = hits[0]
    locator = first.locator.split(" ")[0] if first.locator else ""
    header = f"{_title(first)}{locator}原文如下："
    return Extract(header + "\n" + "\n".join(bodies), citations, [], "article", list(hits))
