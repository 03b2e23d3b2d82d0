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
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from service.quiz.distractors import (
    NEAR_SYNONYMS,
    NEGATIONS,
    DistractorPool,
    is_bad_option,
    is_formulation,
)
from service.quiz.extract import (
    _LEADING_ADVERBS,
    _LEADING_VERBS,
    _NUMBER_RE,
    _RANGE_RE,
    DANGLING_STARTS,
    ENUM_MARKER_RE,
    Fact,
    Sentence,
    Span,
    leans_on_context,
    number_value,
    quoted_spans,
)
from service.quiz.generate import _ATTRIBUTED_RE, is_protected, swallows_subject
from service.quiz.items import BLANK, CHOICE_GAP, LETTERS, answer_letters, strip_lead_in
from service.quiz.terms import FORMULATIONS, TERM_GROUPS, member_group, term_kind
from service.quiz.validate import validate_item
from service.schemas import Chunk, QuizItem
from service.text.normalize import normalize_quote
from service.text.refs import first_ref

RULES: dict[str, str] = {
    "stem_not_sentence": "题干不是完整的规范性语句（标题、列举标记“第四，”“一是”、残句）",
    "dangling_subject": "题干缺主语或依赖上文（“它”“其”“情节严重的”开头，引号不成对）",
    "gap_swallows_subject": "空格吞掉了句子主语",
    "distractor_wrong_kind": "干扰项与答案不同类（单位不同、成语、残片、标题、年份当期限、长度悬殊）",
    "distractor_true_elsewhere": "干扰项按知识库中其他文件同样成立",
    "altered_quotation": "改写了领导人或文件的引语、固定提法",
    "modal_flip": "用“必须→不必”之类的情态词反转造错误表述（送分题）",
    "uncheckable_change": "错误表述改动的不是可核对的事实（数字、时限、机构、列举项），而是原则、角色等",
    "gap_splits_word": "空格切断了词语，或填空答案不是一个术语（超过 8 个字）",
    "news_prose": "考的是新闻叙述（日期、数字、地点、人物），不是实质性论断",
    "list_incomplete": "空格覆盖了列举，但正确答案没有包含被覆盖的全部列举项（答案不完整即错题）",
    "version_unclear": "题目出自已被修订的旧版本，或题干没有写明版本（知识库中有多个版本的法规，条号不同）",
    "invalid": "未通过基本校验（答案与原文不符、格式错误等）",
}

_NORMATIVE = re.compile(r"应当|必须|不得|可以|给予|处分|处理|有权|不能|禁止|负责|实行|是指")
_VERB_START = re.compile(
    r"^(?:加强|坚持|推进|推动|实行|办理|建立|健全|完善|落实|深化|增强|提高|超|故意|擅自|违反|利用|拒不|不按照)"
)
# An offence described without its consequence: an item of "有下列行为之一的" cut from its intro.
_OFFENCE_START = re.compile(r"^(?:超|故意|擅自|违反|利用|拒不|不按照)")
_NEWS = re.compile(r"\d{4}年|\d+月|\d+[家名个户]|位于|记者|年以来|日电")
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
    if compact in ("半年", "半个月"):
        return (compact[1:], 0.5)  # 半年 is a number of 年 (a distractor for 一年)
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
    if body.rstrip("。") == item.source.title.strip():
        problems.append("stem_not_sentence")  # the document's title as a statement
    plain = body.replace(BLANK, "").replace(CHOICE_GAP, "")
    if not statement:
        if body.startswith(DANGLING_STARTS) or body.count("“") != body.count("”") or leans_on_context(body):
            problems.append("dangling_subject")
        elif (_VERB_START.match(body) and len(plain) < 22) or (
            _OFFENCE_START.match(body) and _is_rule(item) and not _NORMATIVE.search(plain)
        ):
            # 办理期限……/超标准……加重群众负担: a list item without its intro
            problems.append("dangling_subject")
        elif body[:2] == "办理":
            problems.append("dangling_subject")
        if _NEWS.search(plain) and not _is_rule(item):
            problems.append("news_prose")
    elif any(leans_on_context(o) for o in item.options or []):
        problems.append("dangling_subject")  # a statement "……依照前款规定处理" without its 前款
    return problems


def _is_rule(item: QuizItem) -> bool:
    """Regulations are cited by article (第N条): numbers there are rules, not news."""
    return bool(first_ref(item.source.locator or "", "条") or "条" in item.source.locator)


def check_gap(item: QuizItem) -> list[str]:
    body = _body(item)
    if item.type == "blank" and len(str(item.answer)) > 8:
        return ["gap_splits_word"]
    keys = _key_texts(item)
    quote = item.source.quote
    if keys and keys[0] in quote and "下列表述" not in body and "文中提到" not in body:
        from service.quiz.extract import word_boundaries

        start = quote.index(keys[0])
        if start not in word_boundaries(quote):
            return ["gap_splits_word"]
        siblings = TERM_GROUPS.get(term_kind(keys[0]) or "", ())
        end = start + len(keys[0])
        if any(quote.startswith(t, end) or quote[:start].endswith(t) for t in siblings if t != keys[0]):
            return ["gap_splits_word"]  # 巡视____ where the text says 巡视巡察: half a compound
    if any(k.startswith(_LEADING_ADVERBS) for k in keys) and "下列表述" not in body:
        return ["gap_splits_word"]  # "才能发展中国" among 发展社会主义: the gap took the adverb too
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
    options = [normalize_quote(o) for o in item.options]
    values = [_unit(o) for o in options]
    numbers = [v for v in values if v is not None]
    words = [o for o, v in zip(options, values, strict=True) if v is None]
    overlapping = any(a != b and a in b for a in words for b in words)
    fragment = any(o[-1:] in "：:，,、" or o[:1] in "，,、：:" for o in options)
    members = {t for t in re.split(r"[、，,。；;和及或]", normalize_quote(item.source.quote)) if len(t) >= 2}
    overlapping = overlapping or any(
        m != normalize_quote(w) and m in normalize_quote(w) for w in wrong for m in members
    )  # 晋升职级 offered where the list says 职级
    if overlapping or fragment or len(set(numbers)) < len(numbers):
        problems.append("distractor_wrong_kind")  # 律师/执业律师, 两个月/二个月, "有七种："
    elif any(_LEADING_VERBS.match(w) for w in wrong) and not any(_LEADING_VERBS.match(k) for k in keys):
        problems.append("distractor_wrong_kind")  # "推动中心工作" among 组织工作、群众工作
    if (
        item.type == "single"
        and keys
        and wrong
        and not (normalize_quote(keys[0]) in FORMULATIONS or term_kind(normalize_quote(keys[0])))
        and any(normalize_quote(w) in FORMULATIONS for w in wrong)
    ):
        problems.append("distractor_wrong_kind")  # an article's own 四个依托 among national 提法: the odd one
    if any((normalize_quote(k), normalize_quote(w)) in NEAR_SYNONYMS for k in keys for w in wrong):
        problems.append("distractor_true_elsewhere")  # 党员大会 offered against 支部大会: arguably right
    if "文中提到" in body and not all(is_formulation(o) or term_kind(o) for o in options):
        problems.append("distractor_wrong_kind")  # slogans of one article are no 提法
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
        group = member_group([normalize_quote(k) for k in keys])
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
            outside_group = bool(group) and plain not in group  # 交流思想 offered among 毛泽东思想
            odd_one = odd_one or other_group or off_shape or outside_group
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
    for _, statement in altered:
        m = re.search(r"([一二两三四五六七八九十\d]+)种[：:]([^。；;]+)", statement)
        if m and number_value(m.group(1)) != len(re.split(r"[、，,]", m.group(2))):
            problems.append("distractor_wrong_kind")  # "有七种：" followed by five: the list gives it away
    for quote, statement in altered:
        diff = _changed(normalize_quote(quote), normalize_quote(statement))
        if diff is None:
            continue
        start, end, old, new = diff
        after = normalize_quote(statement)[start + len(new) : start + len(new) + 1]
        if new in ("一", "1") and after in ("人", "名") and re.fullmatch(r"[二两三四五六七八九十\d]+", old):
            problems.append("distractor_wrong_kind")  # "一人以上共同违纪": no group, a give-away
        pairs = {(a, b) for a, b in NEGATIONS} | {(b, a) for a, b in NEGATIONS}
        if any(a in old and b in new for a, b in pairs) or (not old and new in ("不", "没有")):
            problems.append("modal_flip")
        listed = {t for t in re.split(r"[、，,。；;和及或]", normalize_quote(statement)) if len(t) >= 2}
        changed = next((t for t in listed if new and new in t), new)
        if any(t != changed and (t in changed or changed in t) for t in listed):
            problems.append("distractor_wrong_kind")  # 律师 … 执业律师 in one list
        if (old or new) and not _checkable_change(
            normalize_quote(quote), start, end, old, normalize_quote(statement)
        ):
            problems.append("uncheckable_change")
        inside = any(a <= start and end <= b for a, b in quoted_spans(normalize_quote(quote)))
        formulation = any(f in old for f in FORMULATIONS)
        leader = is_protected(quote) or bool(_ATTRIBUTED_RE.search(quote) and "“" in quote)
        if inside or formulation or leader:
            problems.append("altered_quotation")
    return sorted(set(problems))


def _checkable_change(quote: str, start: int, end: int, old: str, statement: str = "") -> bool:
    """The changed words are a number, a body/meeting/election term of the lexicon, or a list member."""
    from service.quiz.generate import CHECKABLE_TERM_KINDS
    from service.quiz.terms import TERM_GROUPS

    for a, b in NEAR_SYNONYMS:
        if a in quote[max(0, start - 4) : end + 4] and b not in quote and b in statement:
            return False  # 党员大会 → 支部大会: no fact a member could check

    if re.search(r"[\d一二两三四五六七八九十半]", old):
        return True
    for kind in CHECKABLE_TERM_KINDS:
        for term in TERM_GROUPS.get(kind, ()):
            p = quote.find(term)
            while p >= 0:
                if p <= start and end <= p + len(term):
                    return True
                p = quote.find(term, p + 1)
    left = max(quote.rfind(c, 0, start) for c in "、，,和及；;：:")
    rights = [quote.find(c, end) for c in "、，,和及；;。"]
    right = min([r for r in rights if r >= 0] or [len(quote)])
    return quote[left : left + 1] == "、" or quote[right : right + 1] == "、"


def _overlap(a: str, b: str) -> int:
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    return len(ga & {b[i : i + 2] for i in range(len(b) - 1)})


@lru_cache(maxsize=1)
def manifest_documents() -> dict[str, dict[str, Any]]:
    """``doc_id -> metadata`` of the shipped knowledge manifest (knowledge/manifest.json): which works
    come in several versions and which versions are current, for items read from a file."""
    from service.config import REPO_ROOT
    from service.ingest.manifest import read_manifest

    entries = read_manifest(REPO_ROOT / "knowledge") or {}
    return {e.doc_id: dict(e.metadata) for e in entries.values() if not e.skip}


def check_version(
    item: QuizItem,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    allow_superseded: bool = False,
) -> list[str]:
    """An item from a revised version (unless ``allow_superseded``: asked for explicitly), or one whose
    stem does not name the version of a work held in several versions ("根据2023年版《中国共产党纪律处分
    条例》第一百零五条，"): issue 15. ``documents``: doc_id -> manifest metadata (default: the shipped one)."""
    from service.quiz.generate import is_superseded, version_names

    docs = manifest_documents() if documents is None else documents
    meta = docs.get(item.source.doc_id)
    if meta is None:
        return []
    name = version_names(docs).get(item.source.doc_id)
    if (is_superseded(meta) and not allow_superseded) or (name and not item.stem.startswith(f"根据{name}《")):
        return ["version_unclear"]
    return []


def quality_problems(
    item: QuizItem,
    pool: DistractorPool | None = None,
    source_text: str | None = None,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    allow_superseded: bool = False,
) -> list[str]:
    """Rule codes (``RULES``) the item breaks; empty when it is exam-ready by these rules.

    ``documents`` (doc_id -> manifest metadata) defaults to the shipped knowledge manifest."""
    problems = check_stem(item) + check_gap(item) + check_distractors(item, pool) + check_alteration(item)
    problems += check_version(item, documents, allow_superseded=allow_superseded)
    invalid = validate_item(item, source_text)
    if "key_incomplete" in invalid:
        problems.append("list_incomplete")
    if [r for r in invalid if r != "key_incomplete"]:
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
