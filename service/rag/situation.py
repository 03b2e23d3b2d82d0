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
from collections.abc import Sequence
from functools import lru_cache

from service.rag.query_terms import CONSEQUENCE_RE, asks_verdict
from service.text import vocabulary
from service.text.normalize import normalize_for_match
from service.text.refs import ARTICLE_PATTERN, REF_PATTERN

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
    # the party's own actors name no act: every provision speaks of 党员, 党组织 and its bodies
    r"|(?:上级|下级)?(?:党员|党组织|党支部|党总支|党小组|支委会|支委|党委|纪委|组织)|上级|下级"
)
# Characters that ask, point, tie or hedge rather than tell the act ("想给女儿办婚宴": 想 and 给 tell nothing of it).
_FUNCTION_CHARS = frozenset(
    "的了是我你他她它们在把被给想要会吗呢啊吧嘛么这那哪也还都就和与及或很太再又去来个一上下时先后有没不"
    "能可以算怎样么什如何该需用得过着呀哦吧啦些点儿什么多少几谁必须应当准许候对它其自己"
)
_ASK_WORDS_RE = re.compile(r"怎样|怎么样?|如何|什么|为什么|请问|是不是|是否|算不算|会不会|规定|要求")


_ITEM_START_RE = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]")


def _lead(shown_text: str) -> str:
    """The first quoted provision of an extractive answer (its citations' quotes joined by newlines), matching form:
    its first paragraph, with the items that follow it ("有下列情形之一的，应当自行回避：" + "（二）……有利害关系的")."""
    paragraphs = re.split(r"\n\n", re.split(r"\[\d+\]", shown_text)[0])
    lead = [paragraphs[0]]
    for paragraph in paragraphs[1:]:
        if not _ITEM_START_RE.match(paragraph):
            break
        lead.append(paragraph)
    return normalize_for_match("\n".join(lead))


def asks_duty(question: str) -> bool:
    """Whether ``question`` asks if a duty, permission or ban applies to the case it tells (``DUTY_ASK_RE``)."""
    return DUTY_ASK_RE.search(normalize_for_match(question)) is not None


@lru_cache(maxsize=1024)
def _situation(question: str) -> str:
    """``question`` (matching form) less its ask, its actor and its verdict words, each left as a space.

    Memoised (pure): ``ruling_provision`` reads it several times for each of some forty provisions of one question."""
    nq = normalize_for_match(question)
    for pattern in (
        _DOCUMENT_RE,
        VERDICT_A_NOT_A_RE,
        REMEDY_RE,
        CONSEQUENCE_RE,
        _MODAL_RE,
        _ACTOR_RE,
        _ASK_WORDS_RE,
        _BODY_VIOLATOR_RE,
        _VERDICT_WORDS_RE,
    ):
        nq = pattern.sub(" ", nq)
    return nq


# A document the question names as its source ("按现行纪律处分条例怎么处理", "《监督执纪工作规则》里"): where the
# ruling is to be found, not the act (every article of that text would share its characters).
_DOCUMENT_RE = re.compile(
    r"(?:按|按照|根据|依照|依据|对照)(?:现行|最新|新)?的?[\u4e00-\u9fff]{0,16}?(?:条例|准则|规定|规则|细则|章程|党章|办法)"
    r"|《[^》]{1,30}》"
)

# The modal words of a whether-it-applies ask ("还要……吗", "要不要", "需不需要"): what is asked, not the act.
_MODAL_RE = re.compile(
    _A_NOT_A + r"|是否"
    r"|(?:还|也|都|仍然|仍|就)?(?:需要|必须|应当|应该|可以|要|得|能|用)|吗|么|嘛"
)
_VERDICT_WORDS_RE = re.compile(r"违反[^，,。？?！!；;]{0,4}?(?:纪律|党纪|规定|规矩)|违纪|违规")


def told_clauses(question: str) -> list[str]:
    """The clauses of the case ``question`` tells, less its ask and its actor (``_situation``), of four characters or
    more: searched one by one, the clause that holds the act finds the provision that the scene words of the whole
    question pushed out of the hits ("支委会讨论一件大事，两边人数差不多，……该怎么办" → "讨论一件大事",
    "两边人数差不多" …; the second finds 党章第十七条 "双方人数接近" through vocabulary.tsv)."""
    clauses = [r for r in re.findall(r"[\u4e00-\u9fff0-9]+", _situation(question)) if len(r) >= 4]
    # "党总支严重违纪又不改正": the texts' words for a violating party body
    if violator(question) == "党组织":
        clauses.append("违犯党纪的党组织")
    return clauses


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


def _formal_chars(question: str, provision: str) -> set[str]:
    """The characters of the everyday words of ``question``'s situation whose formal form ``provision`` (matching
    form) holds (``service/text/vocabulary.tsv``: 联系不上 → 下落不明, 两边 → 双方): the provision says that part of
    the act in its own words, so those characters count as held."""
    return {c for word, formal in _told_words(question) if any(f in provision for f in formal) for c in word}


@lru_cache(maxsize=1024)
def _told_words(question: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The everyday words of the vocabulary that ``question``'s situation (``_situation``) holds, with their formal
    forms, in file order. Memoised (pure: the vocabulary is read once per process): ``_formal_chars`` is asked for
    each of some forty provisions, two or three times, under one question."""
    situation = _situation(question)
    return tuple((word, formal) for word, formal in vocabulary.load().forms.items() if word in situation)


def act_share(question: str, provision: str) -> tuple[float, int]:
    """The share of ``described_act(question)``'s characters that ``provision`` (matching form) holds, itself or
    through a formal form of the everyday word they belong to (``_formal_chars``), and their number."""
    act = described_act(question)
    if not act:
        return 0.0, 0
    formal = _formal_chars(question, provision)
    held = sum(c in provision or c in formal for c in act)
    return held / len(act), held


def act_score(question: str, provision: str) -> float:
    """How much of the act ``question`` tells ``provision`` (matching form) holds: the mean of its character share
    (``act_share``) and its bigram share (``act_bigrams`` without function characters; a bigram counts when the
    provision holds it, or both its characters through formal forms). Single characters alone over-rate a provision sharing the scene's common
    characters (单位, 月); bigrams alone miss legal compounds that split the everyday word (办婚宴 → 操办婚丧喜庆)."""
    share = act_share(question, provision)[0]
    grams = {g for g in act_bigrams(question) if g[0] not in _FUNCTION_CHARS and g[1] not in _FUNCTION_CHARS}
    if not grams:
        return share
    formal = _formal_chars(question, provision)
    held = sum(g in provision or (g[0] in formal and g[1] in formal) for g in grams)
    return (share + held / len(grams)) / 2


def rules_on(question: str, shown_text: str) -> bool:
    """Whether the first provision of ``shown_text`` (an extractive answer's quotes) rules on the act ``question``
    tells (``rules_on_provision``), or a later paragraph of it that applies the first's sanction to an act of its own
    (``rules_by_reference``: 纪律处分条例第一百零三条 "……在经济组织、社会组织等单位中兼职……的，依照第一款规定处理") or
    that opens with the violator the question asks about (``provision_violator``: "对于……的党组织，……")."""
    if rules_on_provision(question, _lead(shown_text)):
        return True
    paragraphs = re.split(r"\n\n", re.split(r"\[\d+\]", shown_text)[0])[1:]
    if any(rules_by_reference(question, normalize_for_match(p)) for p in paragraphs):
        return True
    # a later paragraph that opens with the asked violator: 党章第四十四条's second paragraph "对于严重违犯党的纪律、本身又
    # 不能纠正的党组织，……" rules on "党支部严重违纪又自己纠正不了" after its first on 问责 (holdout7, h7-070)
    verdict, _, remedy = _asks(question)
    who = violator(question)
    return bool(
        (verdict or remedy)
        and who is not None
        and any(provision_violator(normalize_for_match(p)) == who for p in paragraphs)
    )


# A paragraph that applies another's sanction to its own act: "……的，依照第一款规定处理", "依照前款规定处理".
REFERRED_PENALTY_RE = re.compile(rf"依照(?:前款|前两款|(?:本条)?{REF_PATTERN})规定处理")


def rules_by_reference(question: str, paragraph: str) -> bool:
    """Whether ``paragraph`` (matching form; one paragraph of an article, not its first) rules on the act ``question``
    tells for a verdict or what-to-do ask: it applies another paragraph's sanction (``REFERRED_PENALTY_RE``), speaks of
    the asked violator (``other_actor``), holds ``ACT_SHARE`` of the act's characters on its own, ``ACT_CHARS`` or
    more (``act_share``; the article's other paragraphs lend it none: their characters tell other acts), and one of
    the act's own words (``act_bigrams``: 兼职, 借给), not only scene words said in its formal form (公司 → 经济组织:
    "下班后在公司加班" tells no act of that paragraph)."""
    verdict, _, remedy = _asks(question)
    return bool(
        (verdict or remedy)
        and REFERRED_PENALTY_RE.search(paragraph) is not None
        and not other_actor(question, paragraph)
        and _holds_act(question, paragraph)
        and any(g in paragraph for g in act_bigrams(question))
    )


def rules_on_provision(question: str, provision: str) -> bool:
    """Whether ``provision`` (matching form) rules on the act ``question`` tells.

    For a verdict ask (``query_terms.asks_verdict``, or the A-not-A "违不违纪", ``asks_ruling``) the provision
    imposes a sanction (``PENALTY_RE``) and holds ``ACT_SHARE`` of the act's characters, ``ACT_CHARS`` or more
    (``act_share``: legal compounds reuse the everyday morphemes, 办婚宴 → 操办婚丧喜庆事宜, and an everyday word
    counts through its formal form, 联系不上 → 下落不明). For a whether-it-applies ask (``asks_duty``) the provision
    states a duty, permission or ban (``NORM_RE``) and holds ``ACT_SHARE`` of the situation's character bigrams,
    ``ACT_CHARS`` or more (``act_bigrams``): 要 and 可以 stand in most sentences, so single characters say too
    little there ("入党宣誓仪式上要不要唱国歌" shares 入党 and 宣誓 with "……进行入党宣誓", and no more). For a
    what-to-do ask ("该怎么办", "党组织怎么处理", ``REMEDY_RE``) either kind of provision answers, on the act's
    characters; one that names the asked violator (``violator``: a 党组织 that broke discipline is not a 党员) rules
    on a case that tells no act of its own ("一个党组织违纪了，可以怎么处理它"), and none whose subject is a party body
    (``provision_subject``) rules on what a 党员 is said to have done ("党员临时出国期间违纪怎么处理")."""
    verdict, duty, remedy = _asks(question)
    if other_actor(question, provision):
        return False  # "党员临时出国期间违纪": 第一百三十六条 "党组织有下列行为之一……擅自批准其出国" is no ruling on it
    if (verdict or remedy) and PENALTY_RE.search(provision) is not None and _holds_act(question, provision):
        return True
    if remedy and NORM_RE.search(provision) is not None and _holds_act(question, provision):
        return True
    who = violator(question)
    if (verdict or remedy) and who == "党组织" and provision_violator(provision) == who:
        return True  # the provision on a violating party body ("一个支部违纪了" → 对于违犯党纪的党组织), whatever is told
    if (verdict or remedy) and not described_act(question) and who is not None:
        return provision_violator(provision) == who
    if duty and NORM_RE.search(provision) is not None:
        grams = act_bigrams(question)
        held = sum(g in provision for g in grams)
        return bool(grams) and held / len(grams) >= ACT_SHARE and held >= ACT_CHARS
    return False


def _holds_act(question: str, provision: str) -> bool:
    share, held = act_share(question, provision)
    return share >= ACT_SHARE and held >= ACT_CHARS


# What-to-do asks about a told case: "这时候该怎么办", "要怎么办", "党组织怎么处理", "这个怎么定性"; "怎么做" only as
# what one should do ("该怎么做"): "诫勉具体是怎么做的" asks how a measure is carried out, no case.
# What the rules say on the case told before the ask ("老张是局长，给儿子办婚礼大操大办，条例怎么说"): after a clause
# break only, so "党章对党员的义务怎么规定" (no case told) is no remedy ask.
REMEDY_RE = re.compile(
    r"怎么办|(?:该|要|应该|应当|需要)(?:怎么做|如何做|怎样做)|怎么处理|如何处理|怎样处理|怎么处置|如何处置"
    r"|怎么定性|如何定性|怎样定性"
    r"|[，,；;]\s*(?:那|这|这种情况|这个|这事)?(?:按|依|按照|依照)?(?:党纪|纪律|条例|规定|党规|党章|规矩|纪律处分条例)"
    r"(?:上|里|里面)?(?:是)?(?:怎么说|怎么讲|怎么规定|如何规定|怎样规定|有什么规定|有啥规定|咋说|怎么看)"
)
# A verdict asked in the A-not-A form: "这违不违纪", "犯不犯法", "算不算违规".
VERDICT_A_NOT_A_RE = re.compile(r"违不违(?:纪|规|法|反)|犯不犯(?:法|纪|错误)|算不算(?:违|犯)")


def _asks(question: str) -> tuple[bool, bool, bool]:
    nq = normalize_for_match(question)
    verdict = asks_verdict(question) or VERDICT_A_NOT_A_RE.search(nq) is not None
    return verdict, asks_duty(question), REMEDY_RE.search(nq) is not None


def asks_ruling(question: str) -> bool:
    """Whether ``question`` tells a case and asks what rules on it: a verdict (``asks_verdict``, "违不违纪"), a
    whether-it-applies (``asks_duty``) or a what-to-do ask (``REMEDY_RE``)."""
    return any(_asks(question))


# Who broke discipline, in the question ("一个党组织违纪了", "对违纪的党组织") and in a provision ("对于违犯党的纪律
# 的党组织", "对违纪后下落不明的党员"): a provision on a violating 党组织 does not rule on a violating 党员.
# a party body (党支部, 支部, 党委, 党组, 党总支) is a 党组织 ("一个支部违纪了": 纪律处分条例第九条 on 违犯党纪的党组织)
_VIOLATORS = r"(党组织|党员|党支部|党总支|总支部|党委|党组|支部)"
# A person of a party body ("党委常委违纪", "支部书记违规", "党组成员违纪"): a member who broke discipline, not the body
# (holdout7, h7-075: 纪委发现同级党委常委违纪 → 党章第四十六条, not 纪律处分条例第九条 on 违犯党纪的党组织).
_BODY_PERSON = r"(?:的)?(?:常委|常务委员|委员|书记|副书记|成员|班子成员|负责人|领导|干部|工作人员)"
_BREAKS = r"(?:违纪|违规|违法|违犯[^，,。；;？?]{0,6}?(?:纪律|党纪)|违反[^，,。；;？?]{0,6}?(?:纪律|党纪))"
# the violator and its breach may stand apart by the case's circumstances ("党员临时出国期间违纪"), within one clause
# and with no other party body between them
_ASKED_VIOLATOR_RE = re.compile(
    rf"{_VIOLATORS}[^，,。；;？?党]{{0,12}}?{_BREAKS}|{_BREAKS}[^，,。；;？?]{{0,6}}?的{_VIOLATORS}"
)
# a party body said to have broken discipline ("一个支部违纪了"): the violator, no part of the act ("去支部过组织生活"
# names a place and stays)
_BODY_VIOLATOR_RE = re.compile(
    rf"(?:党支部|党总支|总支部|党委|党组|支部)(?!{_BODY_PERSON})(?=[^，,。；;？?党]{{0,12}}?{_BREAKS})"
)
_PROVISION_VIOLATOR_RE = re.compile(
    rf"^(?:{ARTICLE_PATTERN}\s*)?(?:对于|对)?(?:严重)?{_BREAKS}[^，,。；;？?]{{0,8}}?的{_VIOLATORS}"
)


# A provision whose subject is a party body ("党组织有下列行为之一", "党和国家机关违反有关规定经商办企业的", "党委（党组）
# ……"): it rules on what that body does wrong, not on a member's own act. A person of the body ("党组织负责人",
# "党委书记") is no body.
_BODY_SUBJECT_RE = re.compile(
    rf"^(?:{ARTICLE_PATTERN}\s*)?(?:各级)?(?:党的)?(?:党组织|党委|党组|党支部|党总支|党和国家机关|国家机关)"
    r"(?![^，,。；;：:]{0,2}(?:负责人|书记|委员|成员|领导|工作人员|主要负责|中的))"
)


def provision_subject(provision: str) -> str | None:
    """The subject "党组织" when ``provision`` (matching form) opens with a party body as the one who acts
    (``_BODY_SUBJECT_RE``), else None."""
    return "党组织" if _BODY_SUBJECT_RE.search(provision.strip()) is not None else None


def other_actor(question: str, provision: str) -> bool:
    """Whether ``provision`` (matching form) speaks of another actor than the one ``question`` says broke discipline:
    the question's violator is a 党员 (``violator``) and the provision's subject a party body (``provision_subject``).
    """
    return violator(question) == "党员" and provision_subject(provision) == "党组织"


def violator(question: str) -> str | None:
    """The party member or organisation ``question`` says broke discipline (党组织 or 党员), or None; a person of
    a party body ("党委常委", "支部书记": ``_BODY_PERSON``) is a 党员."""
    nq = normalize_for_match(question)
    m = _ASKED_VIOLATOR_RE.search(nq)
    if m is None:
        return None
    who = m.group(1) or m.group(2)
    if m.group(1) and re.match(_BODY_PERSON, nq[m.end(1) :]):
        return "党员"  # "党委常委违纪": a person of the body (``_BODY_PERSON``)
    return _body(who)


def _body(violator: str) -> str:
    """党员, or 党组织 for any party body (``_VIOLATORS``)."""
    return violator if violator == "党员" else "党组织"


def provision_violator(provision: str) -> str | None:
    """The violator a provision (matching form) opens with ("对于违犯党纪的党组织，……", "对违纪后下落不明的党员，……"),
    or None; a violator named further on is not what the provision deals with (第四条's "上级党组织对违犯党纪的党组织
    和党员作出的处理决定")."""
    m = _PROVISION_VIOLATOR_RE.search(provision.strip())
    return None if m is None else _body(m.group(1))


RULING_MARGIN = 0.1  # act_score a provision must hold above the lead's to replace it (ruling_provision)
RULING_RANKS = 8  # provisions among the first hits that may replace a lead that does not rule on the case


def ruling_provision(question: str, units: Sequence[tuple[str, str]], *, lead: bool = False) -> int | None:
    """The index in ``units`` (retrieval order; ``(key, provision text)`` with the text in any form) of the provision
    that rules on the case ``question`` tells (``rules_on_provision``), the one holding most of the act when several
    do (``act_score``; the earlier on a tie); None when the question asks for no verdict and nothing to be done
    (``asks_remedy``) or no provision rules on it.

    With ``lead``, ``units[0]`` is the provision the answer leads with: another replaces it only with an
    ``act_score`` ``RULING_MARGIN`` above the lead's, whether the lead rules on the case or not (the character
    measure is coarse: a lead that states the answer in other words must not yield to one sharing a few more of the
    question's characters), unless the lead speaks of another actor (``other_actor``). A case that tells no act of its own ("一个党组织违纪了") is ruled on by the provision on
    its violator (``violator``). The member tells the act in everyday words, and the article that rules on it may
    rank below one that only shares the scene (issue 11, item 3)."""
    if not asks_remedy(question):
        return None
    told = bool(described_act(question))
    words = act_bigrams(question)
    who = violator(question)
    best: tuple[float, int] | None = None
    floor = lead_score = 0.0
    lead_words = True
    for i, (_, text) in enumerate(units):
        # a title the provision cites ("依照《中国共产党纪律处分条例》追究") is no part of the act it rules on
        provision = _CITED_TITLE_RE.sub(" ", normalize_for_match(text))
        # the provision that deals with the asked violator ("党总支严重违纪又不改正" → 对于严重违犯党纪……的党组织)
        # outranks those sharing the told circumstances only
        # (a 党员 is the subject of most provisions: only a party body counts so)
        body = who == "党组织" and provision_violator(provision) == who
        score = act_score(question, provision) + (1.0 if body else 0.0)
        if lead and i == 0:
            # a lead on another actor's wrong holds no act of the case, whatever characters it shares
            floor = 0.0 if other_actor(question, provision) else score + RULING_MARGIN
            lead_score, lead_words = score, any(g in provision for g in words)
            if rules_on_provision(question, provision):
                best = (score, 0)
            continue
        # within the margin, a provision saying the act in the member's own words ("兼职") outweighs a lead that
        # holds none of them, only scattered characters and formal forms (工资 → 获取薪酬 of relatives' sinecures)
        own_words = not lead_words and score >= lead_score and any(g in provision for g in words)
        if not rules_on_provision(question, provision) or (lead and told and score < floor and not own_words):
            continue
        if best is None or score > best[0] or (best[1] == 0 and not told):
            best = (score, i)
    return None if best is None else best[1]


_CITED_TITLE_RE = re.compile(r"《[^》]{1,40}》")


def asks_remedy(question: str) -> bool:
    """Whether ``question`` tells a case and asks for a verdict on it or what is to be done (``asks_ruling`` less
    the whether-it-applies asks: "要不要成立支委会" is answered by the sentence stating the duty, not by a ruling)."""
    verdict, _, remedy = _asks(question)
    return verdict or remedy


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
