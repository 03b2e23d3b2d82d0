"""Another case of the same topic: the evidence states a rule for one case ("临时出国（境）团（组）中的党员") and the
question asks about the contrasting one ("党员出国定居以后党籍怎么处理"). The words are shared, the case is not, so the
answer would apply a rule to a situation it was not written for (issue 11, item 5: traps answered from a near passage).
"""

from __future__ import annotations

from service.text.normalize import normalize_for_match

OTHER_CASE_MESSAGE = "知识库中没有找到关于“{term}”这种情形的规定，相关条文讲的是其他情形，无法据此作答。下面列出相关内容，供您查阅。"


# Mutually exclusive qualifiers of a case, by the dimension they set (a closed class: how long a stay or an absence
# lasts, whether one is still in office, where it happens). A rule written for one side says nothing about the other.
CASE_SIDES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("临时", "短期", "暂时", "短暂"),
        ("定居", "长期", "永久", "移居", "移民", "侨居", "常驻", "常住", "长住"),
    ),
    (("在职", "现职", "在岗"), ("退休", "离休", "离退休", "退职")),
    (("境内", "国内"), ("境外", "国外", "海外", "国(境)外")),
)


# Qualifiers that name a settled status abroad: no passage covers such a case without naming it, so evidence that
# never does is about another case even when it names no contrasting one ("党员移居国外后还要交党费吗"). 长期 and 永久
# are not among them: they are also adverbs ("长期不参加组织生活" is stated as 连续六个月不参加).
SETTLED_STATUS = ("定居", "移居", "移民", "侨居", "常驻", "常住", "长住")


def other_case(question: str, evidence: str) -> str | None:
    """The case qualifier ``question`` asks about (``CASE_SIDES``) when ``evidence`` (the cited texts with their
    titles, any form) states only the contrasting case, or never names a settled status asked (``SETTLED_STATUS``);
    else None. "党员出国定居以后党籍怎么处理" with 临时出国（境）团（组） → 定居; "党员临时出国期间违纪怎么处理" with the
    same text → None; a question naming both sides ("在职和退休……") asks about neither alone → None."""
    nq = normalize_for_match(question)
    norm = normalize_for_match(evidence)
    for side_a, side_b in CASE_SIDES:
        for mine, other in ((side_a, side_b), (side_b, side_a)):
            asked = [w for w in mine if w in nq]
            if not asked or any(w in nq for w in other) or any(w in norm for w in mine):
                continue
            if any(w in norm for w in other) or any(w in SETTLED_STATUS for w in asked):
                return asked[0]
    return None
