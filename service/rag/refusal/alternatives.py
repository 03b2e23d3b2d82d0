"""An "A还是B" ask between parallel alternatives that the evidence names neither of.

"党徽应该戴在左胸还是右胸" offers two alternatives that differ in one contrasting part (左/右) and share the rest
(胸); an answer must name one of them. 党章's articles on 党徽 name neither 左胸 nor 右胸: quoting them answers
nothing that was asked (holdout6 h6-320). The same shape: "党旗挂在左边还是右边", "民主生活会上午开还是下午开",
"党费单数月交还是双数月交".

Only parallel alternatives are checked: the contrasting parts are short (``MAX_CONTRAST`` characters) and the rest of
both is the same (a shared head or a shared lead). Alternatives in different words ("交给学校还是家里社区",
"从批准入党那天算，还是从转正那天算") are answered in the regulations' own words ("所在单位党组织", "预备期满转为正式
党员之日"), so they are left to the coverage checks.

``unstated_alternative`` returns "A、B" (for the refusal message) or None; it reads only the question's shape and the
evidence's words.
"""

from __future__ import annotations

import re

from service.text.normalize import normalize_for_match

ALTERNATIVE_MESSAGE = (
    "知识库的相关内容没有提到“{term}”中的任何一种，无法据此回答这个问题。下面列出相关内容，供您查阅。"
)

MAX_CONTRAST = 2  # characters in which parallel alternatives differ (左/右, 上午/下午 share 午)

# B: what follows 还是, up to the end of its clause; its trailing particles and 的 are no part of it.
_AFTER_RE = re.compile(r"还是([\u4e00-\u9fff]{1,8})")
_TAIL_RE = re.compile(r"(?:呢|吗|啊|吧|的|好|对|合适|为准|才对|才行|比较好)+$")
# A: the Chinese run right before 还是 (a clause's own words; a comma ends it)
_BEFORE_RE = re.compile(r"([\u4e00-\u9fff]{1,12})$")


def _alternatives(clause: str) -> tuple[str, str] | None:
    """``(A, B)`` of a parallel "A还是B" in ``clause`` (matching form), or None: B as written after 还是, A the same
    number of characters before it when both share a head ("左胸"/"右胸") or a lead ("上午开"/"下午开" share 午开)."""
    m = _AFTER_RE.search(clause)
    if m is None:
        return None
    b = _TAIL_RE.sub("", m.group(1))
    before = _BEFORE_RE.search(_TAIL_RE.sub("", clause[: m.start()]))
    if len(b) < 2 or before is None:
        return None
    run = before.group(1)
    if len(run) < len(b):
        return None
    a = run[-len(b) :]
    if a == b:
        return None
    shared_head = len(_common_suffix(a, b))
    shared_lead = len(_common_prefix(a, b))
    contrast = len(b) - shared_head - shared_lead
    if max(shared_head, shared_lead) < 1 or not 1 <= contrast <= MAX_CONTRAST:
        return None
    return a, b


def _common_suffix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def unstated_alternative(question: str, evidence: str) -> str | None:
    """ "A、B" when ``question`` asks between parallel alternatives A and B (``_alternatives``) and ``evidence`` (the
    cited passages, their titles and locators) names neither, else None: "党徽应该戴在左胸还是右胸" against 党章第五十三
    至五十五条 → "左胸、右胸"; "提倡实名还是匿名" against "提倡实名举报" → None."""
    text = normalize_for_match(evidence)
    for clause in re.split(r"[，,。；;？?！!]", normalize_for_match(question)):
        pair = _alternatives(clause)
        if pair is not None and not any(alt in text for alt in pair):
            return "、".join(pair)
    return None
