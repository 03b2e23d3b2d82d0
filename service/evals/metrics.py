"""Metric functions: pure, per question, Chinese-correct.

Why our own: Ragas/ALCE split on whitespace and English sentence rules, so on Chinese a whole answer is
one "token" and ROUGE or quote checks silently degenerate. Here every text comparison goes through the
project's normalisation (繁→简, 全角→半角, whitespace removed) and works on characters.

Choices, documented once:
- Retrieval metrics are *by gold document*: hits are first deduplicated by ``doc_id`` (keeping the best
  rank), because several chunks of one article must not count twice.
- ``rouge_l`` is the LCS F1 over characters (as DuReader/CLUE do for Chinese) rather than jieba tokens:
  jieba segments legal text and paraphrases differently, so one differing character would cost a whole word.
- ``char_f1`` is the SQuAD-style bag-of-characters F1 with punctuation, symbols and whitespace dropped.
- Per-question functions return ``None`` when the metric does not apply (e.g. no gold documents); the
  aggregation (``mean``) skips ``None`` so a metric is never diluted by questions it cannot judge.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from service.text.normalize import fullwidth_to_halfwidth, normalize_quote, to_simplified

# ----------------------------------------------------------------------------------------------------
# retrieval


def dedupe_doc_ids(doc_ids: Iterable[str]) -> list[str]:
    """Document ids in first-seen (i.e. best-rank) order, each once."""
    return list(dict.fromkeys(doc_ids))


def recall_at_k(ranked_doc_ids: Sequence[str], gold_doc_ids: Iterable[str], k: int) -> float | None:
    """Share of gold documents among the first ``k`` distinct retrieved documents."""
    gold = set(gold_doc_ids)
    if not gold:
        return None
    top = set(dedupe_doc_ids(ranked_doc_ids)[:k])
    return len(gold & top) / len(gold)


def mrr_at_k(ranked_doc_ids: Sequence[str], gold_doc_ids: Iterable[str], k: int) -> float | None:
    """Reciprocal rank of the first gold document within the first ``k`` distinct documents (0 if none)."""
    gold = set(gold_doc_ids)
    if not gold:
        return None
    for rank, doc_id in enumerate(dedupe_doc_ids(ranked_doc_ids)[:k], start=1):
        if doc_id in gold:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked_doc_ids: Sequence[str], gold_doc_ids: Iterable[str], k: int) -> float | None:
    """Binary-relevance nDCG@k over distinct documents: gain 1/log2(rank+1), ideal = all gold first."""
    gold = set(gold_doc_ids)
    if not gold:
        return None
    dcg = sum(
        1.0 / math.log2(rank + 1)
        for rank, doc_id in enumerate(dedupe_doc_ids(ranked_doc_ids)[:k], start=1)
        if doc_id in gold
    )
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def span_hit_at_k(hit_texts: Sequence[str], gold_spans: Sequence[str], k: int) -> float | None:
    """1.0 if a gold span occurs (after ``normalize_quote``) in one of the first ``k`` hits' texts.

    A hit that is itself a piece of a gold span (a long article split into parts) also counts: the
    retriever found the gold passage, only cut smaller than the annotator's span.
    """
    spans = [s for s in (normalize_quote(g) for g in gold_spans) if s]
    if not spans:
        return None
    for text in hit_texts[:k]:
        norm = normalize_quote(text)
        if not norm:
            continue
        if any(span in norm or (len(norm) >= 8 and norm in span) for span in spans):
            return 1.0
    return 0.0


# ----------------------------------------------------------------------------------------------------
# citations


def _overlaps(a: str, b: str, min_chars: int = 8) -> bool:
    """Containment either way, or a common substring of ``min_chars`` (or the shorter text's length)."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = min(min_chars, len(short))
    return any(short[i : i + n] in long_ for i in range(len(short) - n + 1))


def citation_correct(
    doc_id: str, quote: str, gold_doc_ids: Iterable[str], gold_spans: Sequence[str] = ()
) -> bool:
    """A citation is correct when it points to a gold document or its quote overlaps a gold span."""
    if doc_id in set(gold_doc_ids):
        return True
    q = normalize_quote(quote)
    return any(_overlaps(q, normalize_quote(span)) for span in gold_spans)


def citation_precision(
    citations: Sequence[tuple[str, str]], gold_doc_ids: Iterable[str], gold_spans: Sequence[str] = ()
) -> float | None:
    """Share of ``(doc_id, quote)`` citations pointing to gold documents/spans; ``None`` without citations."""
    if not citations:
        return None
    gold = list(gold_doc_ids)
    good = sum(citation_correct(d, q, gold, gold_spans) for d, q in citations)
    return good / len(citations)


def quote_exact(citations: Sequence[tuple[str, str]], doc_texts: Mapping[str, str]) -> float | None:
    """Share of citations whose quote occurs verbatim (``normalize_quote``) in the cited document's text.

    Width, 繁简 and whitespace differences are not changes of wording; anything else (a dropped 的, an
    ASCII comma for a full-width one after folding, an ellipsis) is. Unknown documents count as wrong.
    """
    if not citations:
        return None
    good = 0
    for doc_id, quote in citations:
        source = doc_texts.get(doc_id)
        q = normalize_quote(quote)
        if source is not None and q and q in normalize_quote(source):
            good += 1
    return good / len(citations)


# ----------------------------------------------------------------------------------------------------
# answer text


def _is_ignored_char(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in {"P", "S", "Z", "C"}


def answer_chars(text: str) -> list[str]:
    """Characters compared by ``char_f1``/``rouge_l``: 繁→简, 全角→半角, lower-case, no punctuation/space."""
    folded = to_simplified(fullwidth_to_halfwidth(text)).lower()
    return [ch for ch in folded if not _is_ignored_char(ch)]


def char_f1(prediction: str, reference: str) -> float:
    """Bag-of-characters F1 (SQuAD's token F1 with Chinese characters as tokens)."""
    pred, ref = answer_chars(prediction), answer_chars(reference)
    if not pred and not ref:
        return 1.0
    if not pred or not ref:
        return 0.0
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Longest common subsequence length, O(len(a)·len(b)) time, O(len(b)) memory."""
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge_l(prediction: str, reference: str) -> float:
    """ROUGE-L F1 over characters (see module docstring for why characters, not jieba tokens)."""
    pred, ref = answer_chars(prediction), answer_chars(reference)
    if not pred and not ref:
        return 1.0
    lcs = lcs_length(pred, ref)
    if lcs == 0:
        return 0.0
    precision, recall = lcs / len(pred), lcs / len(ref)
    return 2 * precision * recall / (precision + recall)


# ----------------------------------------------------------------------------------------------------
# answer correctness (member-set style: required spans, stated counts, right version)

_DIGITS = "零一二三四五六七八九"
# Measure words a count is stated with: 八条 / 八项 / 五种 / 两个方面 / 三类 / 十二部分 ...
_COUNT_UNITS = "条项种个类点款名次部分方面"


def chinese_numeral(n: int) -> str:
    """``8 -> 八``, ``12 -> 十二``, ``20 -> 二十``, ``158 -> 一百五十八`` (1–999, the forms 党内法规 use)."""
    if not 0 < n < 1000:
        raise ValueError("n must be within 1..999")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def missing_spans(text: str, spans: Sequence[str]) -> list[str]:
    """Required spans not found in ``text``; both sides through ``normalize_quote`` (繁→简, 全角→半角,
    whitespace removed), so "3 人以上" in the source matches "3人以上" in an answer and vice versa."""
    norm = normalize_quote(text)
    return [s for s in spans if normalize_quote(s) not in norm]


def states_count(text: str, n: int) -> bool:
    """Whether ``text`` states the count ``n`` with a measure word: ``八项``, ``共8条``, ``两种``.

    Ordinals (``第八条``) do not count; neither does a digit that is part of a larger number.
    """
    forms = {str(n), chinese_numeral(n)}
    if n == 2:
        forms.add("两")
    alternatives = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    units = "|".join(["部分", "方面", *(u for u in _COUNT_UNITS if u not in "部分方面")])
    pattern = rf"(?<![第0-9{_DIGITS}十百])(?:{alternatives})\s*(?:{units})"
    return re.search(pattern, to_simplified(fullwidth_to_halfwidth(text))) is not None


def answer_correct(
    text: str, refused: bool, required_spans: Sequence[str], required_count: int | None = None
) -> float | None:
    """1.0 when the answer is not a refusal, contains every required span and, for a count question,
    states the count; ``None`` when the question has neither spans nor a count to check.

    Only the answer text counts, not the citations' quotes: a member reads the answer, and a quote list
    that happens to contain the span does not make an answer that leaves it out complete.
    """
    if not required_spans and required_count is None:
        return None
    if refused:
        return 0.0
    if missing_spans(text, required_spans):
        return 0.0
    if required_count is not None and not states_count(text, required_count):
        return 0.0
    return 1.0


def span_recall(text: str, refused: bool, required_spans: Sequence[str]) -> float | None:
    """Share of required spans in the answer text (0 for a refusal): partial credit, for diagnosis."""
    if not required_spans:
        return None
    if refused:
        return 0.0
    return 1 - len(missing_spans(text, required_spans)) / len(required_spans)


def version_correct(
    cited_doc_ids: Iterable[str], expected_doc_ids: Sequence[str], refused: bool
) -> float | None:
    """1.0 when the (non-refused) answer cites every expected document (the right version of a work)."""
    if not expected_doc_ids:
        return None
    if refused:
        return 0.0
    cited = set(cited_doc_ids)
    return 1.0 if all(d in cited for d in expected_doc_ids) else 0.0


# ----------------------------------------------------------------------------------------------------
# refusals


def refusal_accuracy(refused: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of questions where the system refused exactly when the question was unanswerable."""
    if len(refused) != len(answerable):
        raise ValueError("refused and answerable must have the same length")
    if not refused:
        return None
    return sum(r == (not a) for r, a in zip(refused, answerable, strict=True)) / len(refused)


def false_refusal_rate(refused: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of *answerable* questions the system refused."""
    if len(refused) != len(answerable):
        raise ValueError("refused and answerable must have the same length")
    flags = [r for r, a in zip(refused, answerable, strict=True) if a]
    if not flags:
        return None
    return sum(flags) / len(flags)


def unanswerable_refusal_rate(refused: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of *unanswerable* questions correctly refused (the complement of hallucinated answers)."""
    if len(refused) != len(answerable):
        raise ValueError("refused and answerable must have the same length")
    flags = [r for r, a in zip(refused, answerable, strict=True) if not a]
    if not flags:
        return None
    return sum(flags) / len(flags)


# ----------------------------------------------------------------------------------------------------
# aggregation


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that apply (``None`` skipped); ``None`` when nothing applies."""
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) with linear interpolation between ranks (numpy's default)."""
    if not 0 <= q <= 100:
        raise ValueError("q must be within [0, 100]")
    if not values:
        return None
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)
