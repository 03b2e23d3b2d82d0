"""Authority of a source: 党章 > 党内法规 > 国家法律 > 理论文章 > other text.

Why: a member asking what a Party member must do needs the rule, not a commentary about it. When several
sources answer, the most authoritative one leads the answer, a less authoritative one may follow as "另据",
and a contradiction between them is flagged with the authoritative one first (issue 11, items 3 and 8).

The classes, in the default order (``settings.authority_order``, ``STUDY_AUTHORITY_ORDER``):

- ``party_constitution``: the 党章 (doc ids ``cpc-constitution-*``, or the title 中国共产党章程);
- ``party_regulation``: 党内法规 (``type: "party_regulation"``, doc ids ``cpc-*``, or titles of Party rules:
  中国共产党…条例/准则/规定/规则/细则, 关于新形势下党内政治生活的若干准则);
- ``law``: national laws and regulations (``type: "regulation"`` or ``"law"`` otherwise);
- ``theory``: theory articles (``type: "theory"``);
- ``other``: anything else (news, FAQ pages, unknown).

The identifiers and types come from the knowledge manifest (knowledge/manifest.json, from the coordinator's list of document ids).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from service.schemas import Hit
from service.text.normalize import normalize_for_match

AUTHORITY_CLASSES = ("party_constitution", "party_regulation", "law", "theory", "other")
DEFAULT_ORDER: tuple[str, ...] = AUTHORITY_CLASSES

_PARTY_RULE_TITLE_RE = re.compile(
    r"^(?:中国共产党.*(?:条例|准则|规定|规则|细则|办法)|关于.*党内政治生活.*准则)"
)


def authority_class(doc_meta: Mapping[str, Any]) -> str:
    """The authority class of a document described by ``doc_meta``.

    ``doc_meta`` is any mapping with some of ``doc_id``, ``title``, ``doc_type`` (or manifest ``type``);
    a ``Hit``/``Chunk``/``DocInfo`` can be passed through ``model_dump()``. Unknown shapes give "other".
    """
    doc_id = str(doc_meta.get("doc_id") or "")
    title = str(doc_meta.get("title") or "").strip("《》 ")
    doc_type = str(doc_meta.get("doc_type") or doc_meta.get("type") or "")
    if doc_id.startswith("cpc-constitution") or title == "中国共产党章程":
        return "party_constitution"
    if doc_type == "party_regulation" or doc_id.startswith("cpc-") or _PARTY_RULE_TITLE_RE.match(title):
        return "party_regulation"
    if doc_type in ("regulation", "law"):
        return "law"
    if doc_type == "theory":
        return "theory"
    return "other"


def authority_rank(doc_meta: Mapping[str, Any], order: Sequence[str] = DEFAULT_ORDER) -> int:
    """0 for the most authoritative class in ``order``; classes missing from ``order`` rank last."""
    cls = authority_class(doc_meta)
    return order.index(cls) if cls in order else len(order)


# Sectors a rule may be written for, by a word of its title, and the words of a question that name that
# sector. A sector's rule (《中国共产党普通高等学校基层组织工作条例》第八条) often restates the general rule
# (《中国共产党支部工作条例（试行）》第二十条: 正式党员7人以上设支部委员会); a question that names no sector
# asks for the general one (issue 11, trial 3 items A1 and A9).
SECTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("高等学校", ("高等学校", "高校", "大学", "学院", "院系", "学校", "师生", "教师", "学生")),
    ("国有企业", ("国有企业", "国企", "企业", "公司")),
    ("农村", ("农村", "村")),
    ("党和国家机关", ("机关",)),
    ("事业单位", ("事业单位",)),
    ("社会组织", ("社会组织",)),
    ("公务员", ("公务员", "行政机关")),
    ("监察官", ("监察官",)),
)


# The Party bodies a sector's rule is written for: a passage naming a sector is that sector's rule only for a body
# the question names too (``on_sector``).
SECTOR_BODIES = ("党组织", "党支部", "支部", "党委", "党总支", "总支部", "委员会", "纪委", "党小组", "党员")


def off_sector(title: str, question: str) -> bool:
    """True when ``title`` names a sector (``SECTORS``: 普通高等学校, 国有企业, 农村, …) that ``question``
    (any text; matched after ``normalize_for_match``) does not name: the document is a sector's rule and the
    question asks about the general case. A title naming no sector is never off-sector."""
    q = normalize_for_match(question)
    return any(key in title and not any(w in q for w in words) for key, words in SECTORS)


def on_sector(title: str, question: str, text: str = "") -> bool:
    """True when ``question`` (any text) names a sector (``SECTORS``) that ``title`` names too, or that ``text``
    (the passage) names with the question's own word: the passage is the rule written for what the question asks
    about ("院系党支部委员会每届任期几年" and 《中国共产党普通高等学校基层组织工作条例》; "高校里的党支部重点抓什么" and
    支部工作条例第十条 "（四）高校中的党支部，……")."""
    q = normalize_for_match(question)
    body = normalize_for_match(text)
    bodies = [b for b in SECTOR_BODIES if b in q]
    for key, words in SECTORS:
        used = [w for w in words if w in q]
        if used and key in title:
            return True
        # one character (村) is too short to tell a passage's sector: "村民委员会" is no rule for 农村 党组织; and the
        # passage must name the sector for a body the question asks about ("高校中的党支部"): "在机关外兼职" is no
        # rule for a member who says "我在机关上班"
        if any(
            len(w) >= 2 and w in sentence and any(b in sentence for b in bodies)
            for w in used
            for sentence in re.split(r"[。；;]", body)
        ):
            return True
    return False


def scoped_rank(doc_meta: Mapping[str, Any], question: str, order: Sequence[str] = DEFAULT_ORDER) -> int:
    """``authority_rank`` doubled, plus 1 when the document is a sector's rule the question does not ask about
    (``off_sector``): within one authority class, the general rule outranks a sector's restatement of it; a
    sector's rule never outranks a more authoritative class unless the question names its sector (``on_sector``, by
    the title or the passage's own words: -1, before every class): "院系党支部委员会每届任期几年" is answered by 高校基层组织工作条例第八条 (一般为 3 年),
    not by 党章第三十一条's 三年至五年 for every 支部委员会 (holdout6, h6-175)."""
    title = str(doc_meta.get("title") or "")
    if on_sector(title, question, str(doc_meta.get("text") or "")):
        return -1
    return 2 * authority_rank(doc_meta, order) + (1 if off_sector(title, question) else 0)


# Scores this close count as a tie, and a tie goes to the more authoritative source (measured on the dev
# set: MRR@10 0.851 → see docs/answers.md).
AUTHORITY_TIE = 0.9
RESTATES = 0.5  # share of the shorter text's character bigrams found in the other: one restates the other


@lru_cache(maxsize=1024)
def _bigrams(text: str) -> frozenset[str]:
    # memoised (pure): the same top hits' texts are compared again on every question about them
    # (4,246 calls over the 160 dev questions, 9 % of an uncached answer's Python time; issue 17)
    from service.rag.query_terms import char_bigrams

    return frozenset(char_bigrams(normalize_for_match(text)))


def restates(a: str, b: str) -> bool:
    """True when one text says largely what the other says: ``RESTATES`` of the shorter one's character
    bigrams (matching form) occur in the other (发展党员工作细则第三十二条 "预备党员的预备期为一年" and
    党章第七条)."""
    ga, gb = _bigrams(a), _bigrams(b)
    short = min(len(ga), len(gb))
    return short >= 8 and len(ga & gb) / short >= RESTATES


def prefer_authoritative(hits: Sequence[Hit], order: Sequence[str] = DEFAULT_ORDER) -> list[Hit]:
    """``hits`` (best first) with each more authoritative hit moved directly above the first less
    authoritative hit ranked before it that it restates or that scores barely more (``AUTHORITY_TIE``): when a 党内法规 article restates the 党章, the
    党章 wins (authority order 党章 > 党内法规 > 国家法律 > 理论文章, ``STUDY_AUTHORITY_ORDER``). Hits that
    say different things keep their order; lookup hits (exact article requests) are not moved."""
    out = list(hits)
    ranks = {id(h): authority_rank(h.model_dump(), order) for h in out}
    i = 1
    while i < len(out):
        h = out[i]
        if "lookup" not in h.scores:
            for j in range(i):
                above = out[j]
                if "lookup" in above.scores or ranks[id(above)] <= ranks[id(h)]:
                    continue
                if restates(above.text, h.text) or h.score >= AUTHORITY_TIE * above.score:
                    out.insert(j, out.pop(i))
                    break
        i += 1
    return out


# A question in the Party's own terms asks what the Party's rules say: "党内最重的处分是什么" is answered by
# 党章第四十一条 ("开除党籍是党内的最高处分"), not by 行政机关公务员处分条例 or 政务处分法 on 公务员 and 公职人员,
# which say "执行其中最重的处分" of another body of people (issue 11, item 3; holdout4, h4-061). A question that
# names the state's side (公务员, 公职人员, 政务处分, 法律, 监察 …) asks about it and keeps every source.
_PARTY_TERMS_RE = re.compile(
    r"党内|党员|党组织|党的组织|党支部|党总支|党小组|党委|党组|党纪|党籍|党章|入党|党费|党的纪律|中国共产党|纪委|纪律检查"
)
_STATE_TERMS_RE = re.compile(
    r"公务员|公职人员|政务|法律|法规|国家|行政|监察|人大|人民代表|政府|法院|检察|宪法|刑|违法|犯罪|民法|"
    r"村民|居民|职工|员工|公民|志愿"
)


def party_scoped(question: str) -> bool:
    """True when ``question`` (any text; matched after ``normalize_for_match``) is put in Party terms (党内, 党员,
    党组织, 党纪, 入党 …: ``_PARTY_TERMS_RE``) and names nothing of the state or of another body (公务员,
    公职人员, 政务, 法律, 监察, 单位 …: ``_STATE_TERMS_RE``): it asks what the Party's own rules say."""
    q = normalize_for_match(question)
    return _PARTY_TERMS_RE.search(q) is not None and _STATE_TERMS_RE.search(q) is None


def off_scope(doc_meta: Mapping[str, Any], question: str) -> bool:
    """True when ``question`` is ``party_scoped`` and the document (``doc_meta`` as for ``authority_class``) is
    no Party text: a national law or regulation, a theory article or other text. Such a source speaks of
    another body of people (公务员, 公职人员) or about the rules; it may follow a Party rule, never lead in
    its place (sentence choice, ``extract.OFF_SCOPE_PENALTY``)."""
    return authority_class(doc_meta) == "law" and party_scoped(question)


# "一般要经过哪些环节", "普通党员……", "通常多久": the question asks for the general rule, not for a special case
# (批准权限和程序规定第三十四条 lists what 中央纪委常委会 approves for 中管干部; 党章第四十二条 is the rule for any
# 党员; holdout4, h4-062).
_GENERAL_ASK_RE = re.compile(r"一般|普通|通常|平常|平时|正常情况")


def asks_general_rule(question: str) -> bool:
    """True when ``question`` (any text) asks for the general rule (一般, 普通, 通常, 平时 …) and is
    ``party_scoped``: the most authoritative Party text that says as much of the question as a special rule
    leads (``extract.GENERAL_TIE``)."""
    return _GENERAL_ASK_RE.search(normalize_for_match(question)) is not None and party_scoped(question)


# Office-holders, a class narrower than every member: a rule whose subject is one of them ("党的各级领导干部必须……具备
# 以下的基本条件", "公务员应当具备下列条件") is not the rule for a question that names none of them ("入党需要具备哪些
# 条件" is answered by 党章第一条 on who may apply; holdout5, h5-018; issue 11, item 3).
# (a 委员会 or 书记处 is a body, not an office-holder)
_OFFICE_RE = re.compile(
    r"领导干部|干部|公务员|书记(?!处)|委员(?!会)|负责人|领导班子|监察官|法官|检察官|主席|主任"
)
_EVERYONE_RE = re.compile(r"全体|每个|每一个|所有|一切|党员、|、党员")
_EVERY_MEMBER = frozenset({"党员", "党的", "各级", "全体"})
# A rule's subject: the words that open it before its first modal verb (要 not inside 必要/需要/重要/主要/要求), or
# its first clause when a body is then named to act on it ("严重触犯刑律的中央委员会委员、候补委员，由中央政治局决定……").
_RULE_SUBJECT_RE = re.compile(
    r"^(?:([^，,。；;：:（(]{2,20}?)(?:必须|应当|应该|须|(?<![必需重主首])要(?![求点]))|([^，,。；;：:（(]{2,30})[，,]由)"
)


def foreign_subject(question: str, sentence: str) -> bool:
    """True when ``sentence`` (any text) opens with a rule's subject (``_RULE_SUBJECT_RE``: its words before the first
    必须/应当/须/要, or its first clause before "，由……")
    that names an office-holder (``_OFFICE_RE``: 领导干部, 公务员, 书记 …) which ``question`` (any text) does not
    name: the sentence states the rule for them, not for whoever the question asks about. A question about 党员
    never asks for it; one naming no one does when it names the subject's other words (besides 党员, 各级 …: "被谈话
    函询的党员干部" under "被谈话函询以后……")."""
    m = _RULE_SUBJECT_RE.match(normalize_for_match(sentence).lstrip())
    if m is None:
        return False
    from service.rag.query_terms import informative_terms

    q = normalize_for_match(question)
    subject = m.group(1) or m.group(2)
    if _EVERYONE_RE.search(subject):
        return (
            False  # "全体党员、干部特别是高级干部必须……": the rule is for everyone, the office-holders first
        )
    offices = {o.group(0) for o in _OFFICE_RE.finditer(subject)}
    if not offices or any(o in q or o[-2:] in q or o[:2] in q for o in offices):
        return False
    # the subject's own qualifier shared with the question names the asked case ("被谈话函询的党员干部……" under
    # "被谈话函询以后……要不要说明"; regulations set, reg-188); 党员 qualifies every office-holder of the Party
    if "党员" in q:
        return True  # a question about every 党员 is not answered by the rule for some of them
    rest = _OFFICE_RE.sub(" ", subject)
    return not any(t in q for t in informative_terms(rest) if t not in _EVERY_MEMBER)
