"""Mention-only terms: a concept the knowledge base names but never defines or enumerates is refused with
``MENTION_ONLY_MESSAGE`` and the passages that mention it (issue 11, item 5).

``asked_term`` finds the named concept a question asks to be defined; ``mention_only`` decides whether the
evidence only mentions it; ``used_as_given`` tells a sentence that uses the term (做到“两个维护”) from one that
says what it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from service.rag.refusal.numbered_terms import USE_VERBS, enumerates_compound, spells_out
from service.text.normalize import normalize_for_match

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
    used = re.compile(rf"(?:{USE_VERBS})[^，。；]{{0,4}}?[“「\"]?{re.escape(term)}[”」\"]?")
    for text in [*evidence_texts, "\n".join(evidence_texts)]:
        norm = normalize_for_match(text)
        if enumerates_compound(norm, term) or spells_out(norm, term):
            return False
        for sentence in re.split(r"[。！？!?；;\n]", norm):
            # "核心要义是坚决做到“两个维护”" uses the term as given: what it is done to is no definition of it
            sentence = used.sub("", sentence)
            if term[-2:] in sentence and is_defined(sentence, term):
                return False
    return True


def used_as_given(term: str, text: str) -> bool:
    """True when ``text`` names ``term`` and every occurrence is the object of a verb that takes it as given
    ("核心要义是坚决做到“两个维护”") or one more quoted item of a list ("……等举措和“三个区分开来”要求"): such a
    sentence says what to do with the term, not what it is."""
    norm = normalize_for_match(text)
    if term not in norm:
        return False
    # the object of such a verb, or one more item of a list ("……等举措和“三个区分开来”要求")
    used = re.compile(rf"(?:(?:{USE_VERBS})[^，。；]{{0,4}}?|[和及与、][“「\"])[“「\"]?{re.escape(term)}")
    return term not in used.sub("", norm)


# "“两学一做”具体是学什么、做什么", "中央八项规定具体是哪八项", "伟大建党精神的内涵是什么": the named thing asked about.
_ASKED_NAMED_RE = (
    re.compile(r"^(?:请问)?(.+?)(?:具体)?(?:是|指|有|包括)?哪[两二三四五六七八九十\d]+[个项条种点类字]"),
    re.compile(r"^(?:请问)?(.+?)的(?:具体)?(?:内涵|含义|内容|要求|意思)"),
)


_QUOTE_REQUEST_RE = re.compile(r"后面|前面|下一句|上一句|前一句|后一句|那句|这句|出自|原话|原文|怎么说的")


def asked_term(question: str, defined: str | None) -> str | None:
    """The named concept whose definition ``question`` asks for, for the mention-only check, or None.

    ``defined`` is the extractor's ``defined_term``; the patterns above add "X具体是哪八项" and "X的内涵",
    and cut "的内涵"-style tails. A request for a quotation ("……后面一句是什么") wants the passage itself,
    and "党的性质"-style phrases (党的 + a common noun) are described, not named, by the texts that
    answer them ("中国共产党是中国工人阶级的先锋队"): neither is checked."""
    nq = normalize_for_match(question).strip(" ？?。!！")
    if _QUOTE_REQUEST_RE.search(nq):
        return None
    term = defined
    quoted = re.findall(r"[“「\"]([^”」\"]{2,12})[”」\"]", nq)
    if len(quoted) == 1:
        term = quoted[0]
    elif term is None or len(term) > 8:
        for k, pattern in enumerate(_ASKED_NAMED_RE):
            m = pattern.match(nq)
            if m:
                term = m.group(1)
                if k == 0 and len(term) > 8:
                    term = term.split("的")[
                        -1
                    ]  # "党的二十大报告概括的中国式现代化有哪五个特征": 中国式现代化
                break
    if term is None:
        return None
    term = re.sub(r"的(?:具体)?(?:内涵|含义|内容|要求|意思|定义)$", "", term.strip('“”"「」 '))
    term = re.sub(r"(?:指的|说的|讲的|具体)$", "", term)  # "四个意识指的是哪四个": 四个意识
    if len(term) < 2 or len(term) > 12 or (not quoted and term.startswith("党的") and len(term) <= 6):
        return None
    return term
