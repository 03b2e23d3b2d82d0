"""Evidence sufficiency: decide whether the selected evidence supports an answer, or refuse honestly.

A confident answer built from unrelated sentences is worse than "the knowledge base does not cover
this", so refusal is checked after extraction and verification, on what would actually be shown:

- nothing retrieved or nothing left after verification → refuse;
- the question has no informative term at all ("你好") → refuse;
- term coverage: the informative terms of the question (weighted by length) must mostly occur in the
  evidence (selected sentences plus the cited chunks' titles and locators). Off-topic questions
  (天气, 住房补贴, 股票, 菜谱) fail here because their key terms occur nowhere in the evidence;
- a question naming an out-of-domain topic (weather, stocks, recipes …) that the evidence does not
  mention is refused even when generic words like 党员 are covered;
- dense similarity of the best hit below ``settings.refusal_threshold`` → refuse (when the retriever
  reports a dense score), unless nearly all question terms are in the evidence.

A refusal carries the standard message and suggestions: the nearest topics the knowledge base covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.rag.query_terms import QuestionType, informative_terms
from service.schemas import Hit
from service.text.normalize import normalize_for_match

REFUSAL_MESSAGE = "抱歉，知识库中没有找到能够回答这个问题的依据。您可以换一种问法，或查阅下面列出的相关内容。"
MIN_COVERAGE = 0.6
# With every question term in the evidence, a low dense score alone does not refuse (lexical evidence wins).
STRONG_COVERAGE = 0.85

# Topics that are never in a Party-study knowledge base; naming one uncovered means the question is off-topic.
OFF_TOPIC_TERMS = (
    "天气",
    "气温",
    "下雨",
    "股票",
    "股市",
    "基金",
    "彩票",
    "菜谱",
    "食谱",
    "做法",
    "好吃",
    "餐厅",
    "电影",
    "游戏",
    "球赛",
    "旅游",
    "机票",
    "住房补贴",
    "房价",
    "工资条",
    "减肥",
    "星座",
    "手机",
    "电脑",
    "网购",
)


@dataclass
class Decision:
    refuse: bool
    reason: str  # machine-readable, for logs and evals: no_hits, no_terms, low_coverage, off_topic, low_similarity
    coverage: float = 0.0


# Common short forms whose full form is what regulations write (checked as an alternative spelling).
ABBREVIATIONS = {
    "纪委": "纪律检查委员会",
    "村委会": "村民委员会",
    "居委会": "居民委员会",
    "人大": "人民代表大会",
    "政协": "政治协商会议",
    "党支部": "支部",
    "党小组": "小组",
    "转正": "正式党员",
}


def _term_credit(term: str, evidence: str) -> float:
    full = ABBREVIATIONS.get(term)
    credit = _credit(term, evidence)
    return max(credit, _credit(full, evidence)) if full else credit


def _credit(term: str, evidence: str) -> float:
    """1 when the term occurs; else the share of its character bigrams that occur (paraphrase tolerance:
    "投票选举" vs "选举", "任期几年" vs "任期")."""
    if term in evidence:
        return 1.0
    grams = [term[i : i + 2] for i in range(len(term) - 1)]
    if not grams:
        return 0.0
    return 0.8 * sum(g in evidence for g in grams) / len(grams)


def term_coverage(question: str, evidence: str) -> float:
    """Length-weighted share of the question's informative terms found in the evidence text."""
    terms = informative_terms(question)
    if not terms:
        return 0.0
    norm = normalize_for_match(evidence)
    total = sum(len(t) for t in terms)
    return sum(len(t) * _term_credit(t, norm) for t in terms) / total


def assess(
    question: str,
    qtype: QuestionType,
    evidence_hits: Sequence[Hit],
    evidence_text: str,
    *,
    threshold: float,
    best_dense: float | None = None,
) -> Decision:
    """Decide on refusal for an answer built from ``evidence_text`` (what would be shown) and its hits."""
    if not evidence_hits or not evidence_text.strip():
        return Decision(True, "no_hits")
    if qtype == "article":
        return Decision(False, "article", 1.0)
    if not informative_terms(question):
        return Decision(True, "no_terms")
    headings = " ".join(f"{h.title} {h.locator}" for h in evidence_hits)
    evidence = f"{headings}\n{evidence_text}"
    coverage = term_coverage(question, evidence)
    q = normalize_for_match(question)
    norm_evidence = normalize_for_match(evidence)
    if any(t in q and t not in norm_evidence for t in OFF_TOPIC_TERMS):
        return Decision(True, "off_topic", coverage)
    if coverage < MIN_COVERAGE:
        return Decision(True, "low_coverage", coverage)
    if best_dense is not None and best_dense < threshold and coverage < STRONG_COVERAGE:
        return Decision(True, "low_similarity", coverage)
    return Decision(False, "supported", coverage)


def suggestions(hits: Sequence[Hit], fallback_titles: Sequence[str] = (), limit: int = 3) -> list[str]:
    """Nearest covered topics: "《title》locator" of the best hits, else document titles."""
    out: list[str] = []
    for h in hits:
        title = h.title if h.title.startswith("《") else f"《{h.title}》"
        label = f"{title}{h.locator if h.locator and h.locator not in h.title else ''}"
        if label not in out:
            out.append(label)
        if len(out) >= limit:
            return out
    for t in fallback_titles:
        label = t if t.startswith("《") else f"《{t}》"
        if label not in out:
            out.append(label)
        if len(out) >= limit:
            break
    return out
