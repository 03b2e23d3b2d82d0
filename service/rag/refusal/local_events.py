"""Local and current events: questions about a dated event, a person of the member's own organisation or a
statistic of a given year ask facts no regulation or theory article holds (issue 11, item 5; issue 12).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from service.rag.refusal.coverage import CLAUSE_RE
from service.text.normalize import int_to_cn, normalize_for_match

# -- questions the knowledge base cannot hold whatever the evidence (issue 11, item 5; issue 12) ---------
# A time deixis points at a current event ("今年七一表彰了哪些", "下个月的主题党日"), unless it dates an age
# ("我儿子今年17岁").
_NOW_RE = re.compile(
    r"(?:今年|去年|前年|明年|下个?月|上个?月|这个月|本月|下周|上周|本周|这周|这学期|本学期|上学期|下学期)"
    r"(?!\s*[\d一二三四五六七八九十]+\s*(?:岁|周岁))"
)

# "我们镇这次村委会换届选举定在哪天投票": the member's own organisation's event (这次 before it) asked for its date or
# place is a local arrangement too; "我们村这次换届，候选人要多于应选人吗" asks a rule (law12).
_THIS_EVENT_RE = re.compile(
    r"(?:这次|本次|此次|这届|本届)(?=[^，,。？?]{0,8}(?:换届|选举|会议|大会|活动|评议|考试))"
)
_WHEN_ASK_RE = re.compile(r"哪天|哪一天|几号|几月几[号日]|什么时候|几点|什么地点|在哪里?[开举投]")


# A member's own organisation asked for a person or a list of names ("我们单位党委书记是谁").
_OWN_ORG_RE = re.compile(
    r"(?:我们|咱们|我所在的?|本)(?:省|市|县|区|街道|乡|镇|村|社区|单位|学校|公司|企业|机关|党委|党支部|支部|党工委|纪委)"
)


_WHO_RE = re.compile(r"是谁|叫什么名字|名单")


# A nationwide statistic of a given year ("2024年全国一共发展了多少名新党员").
_STATISTIC_RE = re.compile(r"\d{4}\s*年.{0,12}?(?:全国|全省|全市|全县).{0,16}?(?:多少|几)")


LOCAL_EVENT_MESSAGE = (
    "知识库收录的是党章、党内法规、国家法律和理论文章，不包含某地、某单位或某一时期的具体安排、人员和统计数字，"
    "无法回答这个问题。请向所在党组织或有关部门了解。"
)


# What a rule answers: may I, must I, how long, what is needed ("预备党员能投票吗", "每届任期几年", "要交什么材料").
_RULE_ASK_RE = re.compile(
    r"能不能|能否|可不可以|可以|能[^，。？?]{0,10}吗|还能|要不要|需不需要|需要|应该|应当|必须|该怎么|怎么办|如何|怎么"
    r"|算不算|会不会|多久|多长时间|多长|任期|几年|几个月|什么条件|哪些条件|什么材料|什么手续|什么程序|什么要求|什么规定"
    r"|有没有规定|是否"
)


# A member's own situation: 我/本人/自己 (not 我们, which names an organisation), 我儿子 …
_PERSONAL_RE = re.compile(r"我(?!们)|本人|自己")


_ASK_CLAUSE_RE = re.compile(r"吗|呢|什么|哪|几|多少|谁|怎|如何|是否|能不能|可不可以|要不要|[？?]")


# Who holds an office now ("中央纪委书记是谁", "现任村委会主任是谁"): a person, named by no regulation. "由谁批准",
# "是谁选的" ask a rule and do not end the question like this.
_OFFICE_HOLDER_RE = re.compile(
    r"(?:书记|主席|委员长|总理|部长|主任|局长|组长|院长|检察长|监察委员会主任)(?:现在|目前|现任|现在的)?"
    r"(?:是谁|叫什么|是哪位)[？?。！!]*$"
)


def local_event(question: str) -> bool:
    """True when ``question`` asks about a local or current event, a person of the member's own
    organisation or the holder of an office ("中央纪委书记是谁"), or a statistic of a given year: facts no
    regulation or theory article holds.

    A time word alone does not make one: "下个月我们支部要换届，预备党员能投票吗" and "我去年受了个警告处分，
    今年还能被提拔吗" ask a rule (能/可以/需要/多久/任期 …) about a situation. The question is a local event when
    it asks about the dated thing itself ("本市今年的党建活动有哪些", "下个月村两委换届，候选人名单出来了吗"): the
    asking clause asks no rule, and the time word is not in the member's own situation (我, not 我们)."""
    nq = normalize_for_match(question)
    if _STATISTIC_RE.search(nq):
        return True
    if _OWN_ORG_RE.search(nq) and _WHO_RE.search(nq):
        return True
    if _OFFICE_HOLDER_RE.search(nq):
        return True
    if _OWN_ORG_RE.search(nq) and _THIS_EVENT_RE.search(nq) and _WHEN_ASK_RE.search(nq):
        return True
    clauses = [c for c in CLAUSE_RE.split(nq) if c.strip()]
    dated = [c for c in clauses if _NOW_RE.search(c)]
    if not dated:
        return False
    asking = [c for c in clauses if _ASK_CLAUSE_RE.search(c)] or clauses[-1:]
    if any(_RULE_ASK_RE.search(c) for c in asking):
        return False
    if _asks_named_text(asking, dated):
        return False
    return not all(_PERSONAL_RE.search(c) for c in dated)


# Words pointing back at the dated event ("这次的主题是什么", "届时议程是什么"): the ask is about that event.
_DEICTIC_RE = re.compile(r"这次|那次|本次|这回|届时|当天|这个|那个|此次|该次|他们|她们|会上")
NAMED_TEXT_MIN = 3  # a shorter defined term (主题, 议程) may be the dated event's own


def _asks_named_text(asking: list[str], dated: list[str]) -> bool:
    """Whether the asking clauses, none of them dated, ask what a named term or text is ("入党誓词全文是什么",
    ``extract.defined_term`` of at least ``NAMED_TEXT_MIN`` characters) without pointing back at the event: "下周我们
    支部有新同志宣誓，入党誓词全文是什么" sets the scene with its first clause and asks for the oath the 党章 holds
    (holdout6 h6-014); "下周主题党日，这次的主题是什么" asks about the event itself."""
    from service.rag.extract import defined_term

    if any(c in dated for c in asking):
        return False
    for clause in asking:
        term = defined_term(clause)
        if term is None or len(term) < NAMED_TEXT_MIN or _DEICTIC_RE.search(clause):
            return False
    return bool(asking)


# -- named sessions and dated campaigns (issue 11, item 5, trial 5) ---------------------------------------
# A plenary session named by 届次 ("二十届中央纪委第三次全会", "十九届六中全会", "第二十届中央委员会第三次全体会议").
_SESSION_RE = re.compile(
    r"(?:第)?(?P<term>[一二三四五六七八九十\d]+)届"
    r"(?P<body>中央纪委|中央纪律检查委员会|中央委员会|中央)?(?:第)?(?P<n>[一二三四五六七八九十\d]+)"
    r"(?:次全体会议|次全会|中全会)"
)


# A campaign or meeting dated by year ("2024年开展的党纪学习教育", "2023年主题教育"): the year and the name.
_CAMPAIGN_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2})年(?:度)?(?:开展|部署|启动|举办|召开|进行|组织|推进)?(?:的)?"
    r"[“「\"]?(?P<name>[\u4e00-\u9fff]{0,10}?(?:学习教育|主题教育|教育活动|实践活动|专项整治|集中整治|专项行动))"
)


def _cn(numeral: str) -> str:
    return int_to_cn(int(numeral)) if numeral.isdigit() else numeral


def _session_forms(term: str, body: str | None, n: str) -> list[str]:
    """The ways the texts write session ``n`` of the ``term``-th central committee or commission for
    discipline inspection (``body`` as asked): "十九届中央纪委五次全会", "第十八届中央委员会第六次全体会议",
    "十八届六中全会" (forms found in knowledge/ and the regulation texts' adoption notes)."""
    if body in ("中央纪委", "中央纪律检查委员会"):
        return [
            f"{term}届中央纪委{n}次全会",
            f"{term}届中央纪委第{n}次全会",
            f"{term}届中央纪委第{n}次全体会议",
            f"{term}届中央纪律检查委员会第{n}次全体会议",
        ]
    return [f"{term}届{n}中全会", f"{term}届中央委员会第{n}次全体会议", f"{term}届中央{n}次全会"]


def unheld_event(question: str, known: Callable[[str], bool]) -> str | None:
    """The plenary session (named by 届次) or the campaign dated by year that ``question`` asks about when no
    text of the knowledge base (``known(phrase)``: the phrase occurs somewhere) mentions it, else None.

    "二十届中央纪委第三次全会提出了什么", "2024年开展的党纪学习教育有哪些安排": a general article on full sessions
    or on study campaigns answers neither; what one session decided or one year's campaign arranged is held
    only by a text naming it. A session counts as mentioned in any of the forms the texts use, including a
    list ("十九届二中、三中、四中全会"); a campaign when its name follows its year ("2019年主题教育" as written)."""
    nq = normalize_for_match(question)
    for m in _SESSION_RE.finditer(nq):
        term, n = _cn(m.group("term")), _cn(m.group("n"))
        forms = _session_forms(term, m.group("body"), n)
        in_list = m.group("body") is None and known(f"{term}届") and (known(f"、{n}中") or known(f"{n}中、"))
        if not in_list and not any(known(f) for f in forms):
            return m.group(0)
    for m in _CAMPAIGN_RE.finditer(nq):
        year, name = m.group("year"), m.group("name")
        if not any(known(f"{year}年{v}{name}") for v in ("", "开展", "开展的", "的", "启动", "部署")):
            return f"{year}年{name}"
    return None
