"""Item-quality rules a trainer applies before putting an item in an exam (issue 15), as validators.

``validate_item`` (validate.py) checks that an item is *correct* against its source; these rules check that
it is *exam-ready*: the stem is a whole normative sentence, the gap is not the subject, the distractors are
of the key's kind and not true elsewhere in the knowledge base, quotations and formulations are not altered,
no "必须 → 不必" give-aways. ``quality_problems(item, pool)`` returns rule codes (empty: exam-ready);
``study eval quiz`` counts them per rule over generated items and reports precision and recall of the
rules against the labelled set in ``eval/datasets/quiz-quality/``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from service.quiz.distractors import NEGATIONS, DistractorPool, is_bad_option, is_formulation
from service.quiz.extract import (
    _NUMBER_RE,
    _RANGE_RE,
    DANGLING_STARTS,
    ENUM_MARKER_RE,
    Fact,
    Sentence,
    Span,
    number_value,
    quoted_spans,
)
from service.quiz.generate import _ATTRIBUTED_RE, is_protected, swallows_subject
from service.quiz.items import BLANK, CHOICE_GAP, LETTERS, answer_letters, strip_lead_in
from service.quiz.terms import FORMULATIONS, member_group, term_kind
from service.quiz.validate import validate_item
from service.schemas import Chunk, QuizItem
from service.text.normalize import normalize_quote

RULES: dict[str, str] = {
    "stem_not_sentence": "题干不是完整的规范性语句（标题、列举标记“第四，”“一是”、残句）",
    "dangling_subject": "题干缺主语或依赖上文（“它”“其”“情节严重的”开头，引号不成对）",
    "gap_swallows_subject": "空格吞掉了句子主语",
    "distractor_wrong_kind": "干扰项与答案不同类（单位不同、成语、残片、标题、年份当期限、长度悬殊）",
    "distractor_true_elsewhere": "干扰项按知识库中其他文件同样成立",
    "altered_quotation": "改写了领导人或文件的引语、固定提法",
    "modal_flip": "用“必须→不必”之类的情态词反转造错误表述（送分题）",
    "invalid": "未通过基本校验（答案与原文不符、格式错误等）",
}
_GAPS = (BLANK, CHOICE_GAP)


def _body(item: QuizItem) -> str:
    return strip_lead_in(item.stem.strip())


def _key_texts(item: QuizItem) -> list[str]:
    if item.type in ("single", "multiple") and item.options:
        return [
            item.options[LETTERS.index(ch)]
            for ch in answer_letters(item.answer)
            if LETTERS.index(ch) < len(item.options)
        ]
    if item.type == "blank":
        return [str(item.answer)]
    return []


def _wrong_texts(item: QuizItem) -> list[str]:
    if not item.options:
        return []
    keys = set(answer_letters(item.answer))
    return [o for n, o in enumerate(item.options) if LETTERS[n] not in keys]


def _unit(text: str) -> tuple[str, float | None] | None:
    compact = text.replace(" ", "")
    r = _RANGE_RE.fullmatch(compact)
    if r:
        return ("range:" + r.group(4), number_value(r.group(1)))
    m = _NUMBER_RE.fullmatch(compact)
    if m and m.group(2):
        return (m.group(2), number_value(m.group(1)))
    return None


def check_stem(item: QuizItem) -> list[str]:
    body = _body(item)
    problems: list[str] = []
    statement = "下列表述" in body or "文中提到" in body
    if (
        ENUM_MARKER_RE.match(body)
        or re.match(r"^[一二三四五六七八九十]+、", body)
        or (not statement and body[-1:] not in "。？！?!")
    ):
        problems.append("stem_not_sentence")
    if body.startswith(DANGLING_STARTS) or body.count("“") != body.count("”"):
        problems.append("dangling_subject")
    return problems


def check_gap(item: QuizItem) -> list[str]:
    body = _body(item)
    for gap in _GAPS:
        if gap in body and not ("下列表述" in body or "文中提到" in body):
            start = body.index(gap)
            if swallows_subject(body, Span(start, start + len(gap), gap)):
                return ["gap_swallows_subject"]
    return []


def check_distractors(item: QuizItem, pool: DistractorPool | None = None) -> list[str]:
    if item.type not in ("single", "multiple") or not item.options:
        return []
    body = _body(item)
    if "下列表述" in body:
        return []  # whole statements: their false options are checked as altered statements
    keys, wrong = _key_texts(item), _wrong_texts(item)
    problems: list[str] = []
    key_units = [_unit(k) for k in keys]
    if all(u is not None for u in key_units) and keys:
        units = {u[0] for u in key_units if u}
        for w in wrong:
            u = _unit(w)
            if u is None or u[0] not in units or (u[0] == "年" and (u[1] or 0) >= 1000):
                problems.append("distractor_wrong_kind")
                break
    else:
        lengths = [len(k) for k in keys]
        formulation_keys = all(is_formulation(normalize_quote(k)) for k in keys)
        key_kinds = {term_kind(normalize_quote(k)) for k in keys} - {None}
        common = keys[0]
        for k in keys[1:]:
            while common and not k.endswith(common):
                common = common[1:]
        suffix = common[-3:] if len(common) >= 2 and len(keys) >= 2 else ""
        last = {k[-1] for k in keys}
        # 纸上党建 / 面授式: a phrase whose kind is its shape (length and last character)
        shaped = len(last) == 1 and not key_kinds and not formulation_keys and not member_group(keys)
        for w in wrong:
            plain = normalize_quote(w)
            lexicon = term_kind(plain) is not None or bool(member_group([plain]))
            too_far = len(w) > 2 * max(lengths) + 1 or 2 * len(w) + 1 < min(lengths)
            odd_one = formulation_keys and not is_formulation(plain)  # 一张图 offered for 三个代表
            other_group = (
                bool(key_kinds)
                and not formulation_keys
                and term_kind(plain) not in key_kinds
                and not member_group([plain])
            )
            off_shape = shaped and (w[-1] not in last or len(w) not in lengths)  # 保护伞 for 形象工程
            off_shape = off_shape or (bool(suffix) and not w.endswith(suffix))  # 社会组织 for 园区党组织
            odd_one = odd_one or other_group or off_shape
            if (is_bad_option(w) and not lexicon) or too_far or _unit(w) is not None or odd_one:
                problems.append("distractor_wrong_kind")
                break
    if pool is not None and keys:
        quote = item.source.quote
        key = keys[0]
        if key in quote:
            start = quote.index(key)
            chunk = Chunk(chunk_id="q", doc_id="q", title="", text=quote)
            sentence = Sentence(chunk, quote, 0, 0)
            if item.type == "multiple":
                spans = tuple(Span(quote.index(k), quote.index(k) + len(k), k) for k in keys if k in quote)
                fact = Fact("enumeration", sentence, spans, "")
            else:
                fact = Fact("term", sentence, (Span(start, start + len(key), key),), "")
            if any(pool.true_elsewhere(fact, fact.spans[0], w) for w in wrong):
                problems.append("distractor_true_elsewhere")
    return problems


def _changed(quote: str, statement: str) -> tuple[int, int, str, str] | None:
    """The differing middle of ``quote`` and ``statement``: (start, end in quote, old, new)."""
    q, s = quote.rstrip("。；;，,"), statement.rstrip("。；;，,")
    a = 0
    while a < min(len(q), len(s)) and q[a] == s[a]:
        a += 1
    b = 0
    while b < min(len(q), len(s)) - a and q[len(q) - 1 - b] == s[len(s) - 1 - b]:
        b += 1
    if a == len(q) and a == len(s):
        return None
    return a, len(q) - b, q[a : len(q) - b], s[a : len(s) - b]


def check_alteration(item: QuizItem) -> list[str]:
    """False statements: never a flipped modal, never inside a quotation, a formulation or a leader's words."""
    altered: list[tuple[str, str]] = []
    if item.type == "judge" and item.answer is False:
        altered.append((item.source.quote, _body(item)))
    elif item.type == "multiple" and item.options and "下列表述" in _body(item):
        keys = set(answer_letters(item.answer))
        for n, option in enumerate(item.options):
            if LETTERS[n] not in keys:
                sentences = re.findall(r"[^。；;！？]+[。；;！？]?", item.source.quote)
                best = max(sentences, key=lambda s: _overlap(s, option), default=item.source.quote)
                altered.append((best, option))
    problems: list[str] = []
    for quote, statement in altered:
        diff = _changed(normalize_quote(quote), normalize_quote(statement))
        if diff is None:
            continue
        start, end, old, new = diff
        pairs = {(a, b) for a, b in NEGATIONS} | {(b, a) for a, b in NEGATIONS}
        if any(a in old and b in new for a, b in pairs) or (not old and new in ("不", "没有")):
            problems.append("modal_flip")
        inside = any(a <= start and end <= b for a, b in quoted_spans(normalize_quote(quote)))
        formulation = any(f in old for f in FORMULATIONS)
        leader = is_protected(quote) or bool(_ATTRIBUTED_RE.search(quote) and "“" in quote)
        if inside or formulation or leader:
            problems.append("altered_quotation")
    return sorted(set(problems))


def _overlap(a: str, b: str) -> int:
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    return len(ga & {b[i : i + 2] for i in range(len(b) - 1)})


def quality_problems(
    item: QuizItem, pool: DistractorPool | None = None, source_text: str | None = None
) -> list[str]:
    """Rule codes (``RULES``) the item breaks; empty when it is exam-ready by these rules."""
    problems = check_stem(item) + check_gap(item) + check_distractors(item, pool) + check_alteration(item)
    if validate_item(item, source_text):
        problems.append("invalid")
    return sorted(set(problems))


def rule_counts(items: Iterable[QuizItem], pool: DistractorPool | None = None) -> dict[str, Any]:
    """Per-rule counts over generated items, plus facts tested twice in the set (diversity)."""
    from service.quiz.generate import tested_facts

    counts: Counter[str] = Counter()
    n = flagged = 0
    seen: Counter[str] = Counter()
    for item in items:
        n += 1
        found = quality_problems(item, pool)
        flagged += bool(found)
        counts.update(found)
        seen.update(tested_facts(item))
    return {
        "quiz.quality.n_items": n,
        "quiz.quality.exam_ready_rate": (n - flagged) / n if n else None,
        "quiz.quality.by_rule": {r: counts.get(r, 0) for r in RULES},
        "quiz.quality.facts_tested_twice": sum(1 for c in seen.values() if c > 1),
    }


def precision_recall(
    labelled: Sequence[tuple[QuizItem, bool]], pool: DistractorPool | None = None
) -> dict[str, Any]:
    """The rules as a detector of bad items on a hand-labelled set: ``(item, is_bad)`` pairs.

    Precision: of the items the rules flag, the share labelled bad; recall: of the items labelled bad,
    the share the rules flag."""
    tp = fp = fn = tn = 0
    misses: list[str] = []
    for item, bad in labelled:
        flagged = bool(quality_problems(item, pool))
        if flagged and bad:
            tp += 1
        elif flagged:
            fp += 1
            misses.append(f"false_positive {item.id}")
        elif bad:
            fn += 1
            misses.append(f"false_negative {item.id}")
        else:
            tn += 1
    return {
        "quiz.labelled.n": len(labelled),
        "quiz.labelled.n_bad": tp + fn,
        "quiz.labelled.precision": tp / (tp + fp) if tp + fp else None,
        "quiz.labelled.recall": tp / (tp + fn) if tp + fn else None,
        "quiz.labelled.confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
        "quiz.labelled.errors": misses,
    }
