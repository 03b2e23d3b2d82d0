"""Checks applied to every quiz item, whatever produced it (rules, an LLM, a trainer's edit).

An item is only returned when its key can be traced to the quoted source sentence and nothing else in it is
also true by that sentence. Each failed check has a stable reason code; generators drop invalid items and
count them by reason (``QuizResult.dropped``), so the validity rate is measurable.
"""

from __future__ import annotations

import re

from service.quiz.extract import is_dangling
from service.quiz.items import BLANK, CHOICE_GAP, LETTERS, answer_letters, strip_lead_in
from service.schemas import QuizItem
from service.text.normalize import normalize_quote

REASONS: dict[str, str] = {
    "quote_not_in_source": "引文不是原文的逐字摘录",
    "key_not_supported": "答案得不到引文支持",
    "key_incomplete": "空格覆盖的列举项没有全部列为正确答案",
    "distractor_true": "干扰项按原文同样成立",
    "options_not_distinct": "选项有重复",
    "option_count": "选项数量应为 2–6 个",
    "answer_format": "答案格式与题型不符",
    "blank_marker": "填空题应恰有一个空（____）",
    "dangling_stem": "题干不完整或不通顺",
    "answer_leaked": "题干泄露了答案",
    "explanation_without_quote": "解析未引用原文",
}
# Why a candidate fact did not become an item (``QuizResult.dropped`` carries these too, so a short set
# says why it is short: issue 14, "dropped {} gives no reason").
GENERATION_REASONS: dict[str, str] = {
    "key_repeated_in_sentence": "考点在句中出现不止一次，挖空会泄露答案",
    "gap_is_subject": "空格会吞掉句子的主语",
    "too_few_distractors": "知识库中同类且确属错误的干扰项不足",
    "no_checkable_fact": "句中没有可核对的事实（数字、时限、机构、列举项），不改写为错误表述",
    "protected_text": "引语或固定提法不得改写为错误表述",
    "fact_already_tested": "同一考点本组已出过题",
    "statement_too_long": "判断题表述过长",
    "not_whole_sentence": "不是完整的句子",
    "answer_too_long": "填空答案过长（超过 8 个字）",
    "list_shape": "列举项边界不清",
    "no_list": "句中没有列举",
    "too_few_statements": "条文中可用的完整表述不足 4 条",
    "quote_too_long": "引文过长",
    "scope_exhausted": "范围内的考点不足以出满所需题量",
    "no_item": "未能生成题目",
    "below_exam_bar": "范围内合格素材不足，为凑足题量而收入的、未通过出题质量规则的题数（须人工审核）",
    "judge_unbalanced": "范围内可改写为错误表述的事实不足，判断题中正确表述比错误表述多出的题数（只出判断题时为凑足题量）",
}

_END_CHARS = "。？！?!）)"
_TRAILING = "。，,；;：:！？!?.、 "


def _norm(text: str) -> str:
    return normalize_quote(text).replace("“", "").replace("”", "").strip(_TRAILING)


def _contains(haystack: str, needle: str) -> bool:
    n = _norm(needle)
    return bool(n) and n in _norm(haystack)


def bigram_jaccard(a: str, b: str) -> float:
    """Similarity of two texts as Jaccard overlap of character bigrams (after normalisation)."""
    na, nb = _norm(a), _norm(b)
    ga = {na[i : i + 2] for i in range(len(na) - 1)} or {na}
    gb = {nb[i : i + 2] for i in range(len(nb) - 1)} or {nb}
    return len(ga & gb) / len(ga | gb) if ga | gb else 1.0


def _check_stem(item: QuizItem, body: str) -> list[str]:
    reasons: list[str] = []
    if not body or is_dangling(body) or body[-1] not in _END_CHARS:
        reasons.append("dangling_stem")
    return reasons


_LIST_GLUE = "、，,和及与或 　"


def gap_text(body: str, gap: str, quote: str) -> str | None:
    """What the gap of ``body`` stands for in ``quote``: the text between the stem's words before and
    after the gap, as the quote has it; None when the stem's surroundings are not found in the quote."""
    if body.count(gap) != 1:
        return None
    before, after = (_norm(part) for part in body.split(gap))
    q = _norm(quote)
    head = before[-12:]
    tail = after[:12]
    start = q.find(head) + len(head) if head else 0
    if head and start < len(head):
        return None
    end = q.find(tail, start) if tail else len(q)
    return q[start:end] if end >= start else None


def is_incomplete_list_key(body: str, keys: list[str], quote: str) -> bool:
    """True when the gap covers list members that are not among ``keys``: "保证党的理论、（　）、决议"
    where the original is 路线、方针、政策 and the keys are 方针、政策 (issue 15). Every word the gap hides
    must be a key; only list separators (、 和 及 …) may be left over."""
    hidden = gap_text(body, CHOICE_GAP, quote)
    if hidden is None:
        return False
    for key in sorted(keys, key=len, reverse=True):
        hidden = hidden.replace(_norm(key), "", 1)
    return bool(hidden.strip(_LIST_GLUE))


def _check_choice(item: QuizItem, body: str, quote: str) -> list[str]:
    options = item.options or []
    reasons: list[str] = []
    if not 2 <= len(options) <= len(LETTERS):
        return ["option_count"]
    normalised = [_norm(o) for o in options]
    if len(set(normalised)) != len(options) or not all(normalised):
        reasons.append("options_not_distinct")
    if not isinstance(item.answer, (str, list)):
        return [*reasons, "answer_format"]
    letters = answer_letters(item.answer)
    raw = "".join(item.answer) if isinstance(item.answer, list) else item.answer
    if (
        len(set(letters)) != len(letters)
        or len(letters) != len(re.sub(r"[\s,，、]", "", raw))
        or any(LETTERS.index(ch) >= len(options) for ch in letters)
        or (item.type == "single" and len(letters) != 1)
        or (item.type == "multiple" and not 2 <= len(letters) <= len(options) - 1)
    ):
        return [*reasons, "answer_format"]
    correct = [options[LETTERS.index(ch)] for ch in letters]
    wrong = [o for i, o in enumerate(options) if LETTERS[i] not in letters]
    if not all(_contains(quote, c) for c in correct) or (
        item.type == "single"
        and CHOICE_GAP in body
        and not _contains(quote, body.replace(CHOICE_GAP, correct[0]))
    ):
        reasons.append("key_not_supported")
    if (
        item.type == "multiple"
        and CHOICE_GAP in body
        and "key_not_supported" not in reasons
        and is_incomplete_list_key(body, correct, quote)
    ):
        reasons.append("key_incomplete")
    if any(_contains(quote, w) for w in wrong):
        reasons.append("distractor_true")
    if any(_contains(body.replace(CHOICE_GAP, ""), c) for c in correct):
        reasons.append("answer_leaked")
    return reasons


def _check_blank(item: QuizItem, body: str, quote: str) -> list[str]:
    if item.options:
        return ["answer_format"]
    if not isinstance(item.answer, str) or not item.answer.strip() or BLANK in item.answer:
        return ["answer_format"]
    if item.stem.count(BLANK) != 1 or "_" in item.stem.replace(BLANK, ""):
        return ["blank_marker"]
    reasons: list[str] = []
    if _contains(body.replace(BLANK, ""), item.answer):
        reasons.append("answer_leaked")
    if not _contains(quote, body.replace(BLANK, item.answer)):
        reasons.append("key_not_supported")
    return reasons


def _check_judge(item: QuizItem, body: str, quote: str, source_text: str) -> list[str]:
    if not isinstance(item.answer, bool) or item.options:
        return ["answer_format"]
    if item.answer:
        return [] if _contains(quote, body) else ["key_not_supported"]
    # A false statement must be false by the source and still be about the quoted sentence.
    if _contains(source_text, body) or bigram_jaccard(body, quote) < 0.4:
        return ["key_not_supported"]
    return []


def validate_item(item: QuizItem, source_text: str | None = None) -> list[str]:
    """Reason codes why ``item`` is not usable (empty list: valid).

    ``source_text`` is the chunk (or document) the item's source points at. Called without it (the eval
    harness reading items from a file), the quote stands in for the source: every check runs except
    "the quote is verbatim in the source", which needs the knowledge base.
    """
    quote = item.source.quote
    if source_text is None:
        source_text = quote
    if not source_text or not quote.strip() or not _contains(source_text, quote):
        return ["quote_not_in_source"]
    body = strip_lead_in(item.stem.strip())
    reasons = _check_stem(item, body)
    if item.type in ("single", "multiple"):
        reasons += _check_choice(item, body, quote)
    elif item.type == "blank":
        reasons += _check_blank(item, body, quote)
    else:
        reasons += _check_judge(item, body, quote, source_text)
    if normalize_quote(quote) not in normalize_quote(item.explanation):
        reasons.append("explanation_without_quote")
    return reasons
