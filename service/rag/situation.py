"""A situation told in a member's words and the provision that rules on it (issue 11, items 3 and 5).

A member describes an act in everyday words and asks whether it breaks a rule ("我是科长，想给女儿办婚宴，怎样算
违反纪律") or whether a duty applies to them ("领导干部离开工作所在地出差旅游，要不要先向组织报告"). The provision that
rules on it says the same act in legal wording — 操办婚丧喜庆事宜, 离开岗位或工作所在地要事先向组织请示报告 — so the
question's words cover little of it, and the refusal check's term coverage refuses an answer that is right.

What still ties the two is the act itself. Chinese legal wording builds its compounds from the same morphemes as
everyday speech (办婚宴 → 操办婚丧喜庆事宜, 借给我一套房子住 → 借用……住房, 分救灾物资 → 救灾救济款物分配), so the
share of the described act's characters that the provision's own sentence holds tells whether it speaks of that
act, once the words that only ask (算违纪吗, 要不要), the actor (我是科长, 当了局长: a rank stands for 职务, not the act)
and function characters are left out. ``rules_on`` says whether a shown provision rules on the question's act: it
imposes a penalty (for a verdict ask) and holds ``ACT_SHARE`` of the act's characters, or states a duty, permission
or ban (for a whether-it-applies ask) and holds ``ACT_SHARE`` of the situation's character bigrams; ``ACT_CHARS`` or
more of them either way. The refusal decision trusts such an answer whatever its term coverage
(``refusal.decision.assess``, reason ``rules_on_act``).

The constants were chosen on 25 told cases written for this module over other articles of 纪律处分条例, 细则, 支部
工作条例, 若干准则, 廉洁自律准则 and 党章 (those answered are in ``tests/slow/test_told_cases.py``) and checked on the
member, regulations, holdout3 and dev sets (docs/retrieval.md, "Told cases").
"""

from __future__ import annotations

import re

from service.rag.query_terms import CONSEQUENCE_RE, asks_verdict
from service.text.normalize import normalize_for_match

ACT_SHARE = 0.4  # least share of the described act's characters the ruling sentence holds
ACT_CHARS = 2  # ... and at least this many of them

# The A-not-A modal asks ("要不要", "需不需要"): a whether-it-applies ask and no part of the act.
_A_NOT_A = (
    r"要不要|需不需要|需要不需要|用不用|该不该|应不应该|应不应当|必须不必须|能不能|可不可以|准不准|许不许"
)
# Asks whether a duty, a permission or a ban applies to the member's case: "要不要先向组织报告", "当了局长还要去支部过
# 组织生活吗", "需不需要请示", "可以……吗".
DUTY_ASK_RE = re.compile(
    _A_NOT_A + r"|是否(?:要|需要|应当|应该|必须|可以|能)"
    r"|(?:还|也|都|仍|仍然|就)(?:要|得|需要|必须|应当|应该|用|能|可以)[^，,。？?！!；;]{1,16}(?:吗|么|嘛)"
    r"|(?:必须|需要|应当|应该|可以|能)[^，,。？?！!；;]{1,16}(?:吗|么|嘛)"
)

# A provision that rules on an act: a sanction (for a verdict ask), or a duty, permission or ban (for a duty ask).
PENALTY_RE = re.compile(r"(?:给予|予以|给以)[^。；;]{0,30}处分|追究[^。；;]{0,8}责任|除名")
NORM_RE = re.compile(r"必须|应当|应该|要|不得|禁止|严禁|不准|不允许|不能|可以|有权")

# The actor of the case, not its act: "我是科长", "当了局长", "身为支部书记", "作为领导干部"; a rank stands for the
# 职务 the provision speaks of, the person (我, 他) for nobody in particular.
_RANKS = (
    r"(?:局长|处长|科长|厅长|部长|县长|市长|省长|乡长|镇长|村长|校长|院长|行长|所长|社长|组长|队长|站长|主任|书记"
    r"|支书|干部|领导|委员|主席)"
)
_ACTOR_RE = re.compile(
    rf"(?:我|他|她|本人|自己)?(?:是|当了|当上了?|做了?|身为|作为|担任)?[\u4e00-\u9fff]{{0,4}}?{_RANKS}(?:了)?"
    # the party's own actors name no act: every provision speaks of 党员 and 党组织
    r"|党员|党组织|组织"
)
# Characters that ask, point, tie or hedge rather than tell the act ("想给女儿办婚宴": 想 and 给 tell nothing of it).
_FUNCTION_CHARS = frozenset(
    "的了是我你他她它们在把被给想要会吗呢啊吧嘛么这那哪也还都就和与及或很太再又去来个一上下时先后有没不"
    "能可以算怎样么什如何该需用得过着呀哦吧啦些点儿什么多少几谁必须应当准许"
)
_ASK_WORDS_RE = re.compile(r"怎样|怎么样?|如何|什么|为什么|请问|是不是|是否|算不算|会不会|规定|要求")


def _lead(shown_text: str) -> str:
    """The first quoted provision of an extractive answer (its citations' quotes joined by newlines), matching form."""
    return normalize_for_match(re.split(r"\[\d+\]|\n\n", shown_text)[0])


def asks_duty(question: str) -> bool:
    """Whether ``question`` asks if a duty, permission or ban applies to the case it tells (``DUTY_ASK_RE``)."""
    return DUTY_ASK_RE.search(normalize_for_match(question)) is not None


def _situation(question: str) -> str:
    """``question`` (matching form) less its ask, its actor and its verdict words, each left as a space."""
    nq = normalize_for_match(question)
    for pattern in (CONSEQUENCE_RE, _MODAL_RE, _ACTOR_RE, _ASK_WORDS_RE, _VERDICT_WORDS_RE):
        nq = pattern.sub(" ", nq)
    return nq


# The modal words of a whether-it-applies ask ("还要……吗", "要不要", "需不需要"): what is asked, not the act.
_MODAL_RE = re.compile(
    _A_NOT_A + r"|是否"
    r"|(?:还|也|都|仍然|仍|就)?(?:需要|必须|应当|应该|可以|要|得|能|用)|吗|么|嘛"
)
_VERDICT_WORDS_RE = re.compile(r"违反[^，,。？?！!；;]{0,4}?(?:纪律|党纪|规定|规矩)|违纪|违规")


def described_act(question: str) -> str:
    """The characters that tell the act of ``question`` (matching form), in order and without repeats: the question
    less its ask (``CONSEQUENCE_RE``, modal words, question words), its actor (``_ACTOR_RE``), punctuation, digits
    and function characters. "我是科长，想给女儿办婚宴，怎样算违反纪律？" → "女办婚宴"."""
    chars = [c for c in _situation(question) if "\u4e00" <= c <= "\u9fff" and c not in _FUNCTION_CHARS]
    return "".join(dict.fromkeys(chars))


def act_bigrams(question: str) -> set[str]:
    """The character bigrams of the situation ``question`` tells (its ask and actor left out), within its runs of
    Chinese characters: "领导干部离开工作所在地出差旅游，要不要先向组织报告" → 离开, 开工, 工作 … 报告."""
    runs = re.findall(r"[\u4e00-\u9fff]{2,}", _situation(question))
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)} - _FUNCTION_BIGRAMS


_FUNCTION_BIGRAMS = frozenset(
    ["我们", "他们", "自己", "时候", "现在", "以后", "之前", "已经", "还是", "一下"]
)


def act_share(question: str, provision: str) -> tuple[float, int]:
    """The share of ``described_act(question)``'s characters that ``provision`` (matching form) holds, and their number."""
    act = described_act(question)
    if not act:
        return 0.0, 0
    held = sum(c in provision for c in act)
    return held / len(act), held


def rules_on(question: str, shown_text: str) -> bool:
    """Whether the first provision of ``shown_text`` rules on the act ``question`` tells.

    For a verdict ask (``query_terms.asks_verdict``) the provision imposes a sanction (``PENALTY_RE``) and holds
    ``ACT_SHARE`` of the act's characters, ``ACT_CHARS`` or more (``act_share``: legal compounds reuse the everyday
    morphemes, 办婚宴 → 操办婚丧喜庆事宜). For a whether-it-applies ask (``asks_duty``) the provision states a duty,
    permission or ban (``NORM_RE``) and holds ``ACT_SHARE`` of the situation's character bigrams, ``ACT_CHARS`` or
    more (``act_bigrams``): 要 and 可以 stand in most sentences, so single characters say too little there
    ("入党宣誓仪式上要不要唱国歌" shares 入党 and 宣誓 with "……进行入党宣誓", and no more)."""
    lead = _lead(shown_text)
    if asks_verdict(question) and PENALTY_RE.search(lead) is not None:
        share, held = act_share(question, lead)
        if share >= ACT_SHARE and held >= ACT_CHARS:
            return True
    if asks_duty(question) and NORM_RE.search(lead) is not None:
        grams = act_bigrams(question)
        held = sum(g in lead for g in grams)
        return bool(grams) and held / len(grams) >= ACT_SHARE and held >= ACT_CHARS
    return False


# A duty stated for every rank: "每个党员，不论职务高低，都必须……参加党的组织生活".
RANK_FREE_RE = re.compile(r"(?:不论|无论|不管|不分)[^，,。；;]{0,6}(?:职务|职位|级别|地位|官职)")
_RANK_RE = re.compile(_RANKS)


def rank_free_duty(question: str, sentence: str) -> bool:
    """Whether ``sentence`` (matching form) answers a question that asks whether a duty still binds someone of a rank
    ("当了局长还要去支部过组织生活吗": ``asks_duty`` and a rank word) by stating the duty for every rank
    (``RANK_FREE_RE``: 不论职务高低). The rank stands for the 职务 the provision speaks of."""
    nq = normalize_for_match(question)
    return (
        RANK_FREE_RE.search(sentence) is not None and _RANK_RE.search(nq) is not None and asks_duty(question)
    )
