"""Adoption notes (题注) are no evidence for what a text says: "（2021年2月23日中共中央政治局常委会会议审议批准……）"
names a body, never its size, and lists revisions, never their content (issue 11, item 5). Only a question about
the document's issuance itself (when, by whom, how often it was adopted or revised) is answered by one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.schemas import Hit
from service.text.normalize import normalize_for_match

CAPTION_LOCATOR = "题注"  # the locator ``service/text/split.py`` gives the adoption notes under a title


# Adopting and revising a document: what a 题注 records.
_ISSUANCE_RE = re.compile(r"发布|印发|通过|批准|审议|施行|生效|实施|修订|修改|修正|制定|颁布|出台|公布")


# What the issuance question asks: when, by whom, how often, or whether ("2024年又修订了吗").
_ISSUANCE_ASK_RE = re.compile(
    r"哪一?年|何年|何时|什么时候|哪天|哪一天|几月|日期|时间|谁|哪个机关|哪个会议|哪次会议|什么会议|几次|多少次|是否|吗|呢|有没有|版本|哪一?版"
)


# A question about content asks what changed or what the text says, even when it names a revision.
_CONTENT_ASK_RE = re.compile(
    r"内容|哪些|什么变化|变化|改了什么|改动|增加|新增|删除|删去|区别|不同|规定了什么"
)


def asks_issuance(question: str) -> bool:
    """True when ``question`` asks about a document's adoption or revision itself ("纪律处分条例是哪年通过的",
    "监察法什么时候修改过", "2024年又修订了吗"), not what it says ("2024年修订的监察法增加了哪些内容")."""
    nq = normalize_for_match(question)
    return (
        _ISSUANCE_RE.search(nq) is not None
        and _ISSUANCE_ASK_RE.search(nq) is not None
        and _CONTENT_ASK_RE.search(nq) is None
    )


def without_captions(question: str, hits: Sequence[Hit], shown_text: str) -> str:
    """``shown_text`` without the lines quoted from adoption notes (the ``CAPTION_LOCATOR`` chunks among ``hits``),
    unless the question asks about issuance (``asks_issuance``): what is left is the evidence a content question
    ("政治局常委有几个人") may be answered by; "" when the answer quotes nothing else."""
    captions = [normalize_for_match(h.text) for h in hits if h.locator == CAPTION_LOCATOR]
    if not captions or asks_issuance(question):
        return shown_text
    kept = [
        line
        for line in shown_text.split("\n")
        if not (line.strip() and any(normalize_for_match(line.strip()) in c for c in captions))
    ]
    return "\n".join(kept)
