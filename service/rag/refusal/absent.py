"""Things the knowledge base never names: the noun or act a question asks for ("在哪里下载", "丢了怎么补办"),
the term asked to be defined, a numbered meeting (二十届四中全会), or a document (《民法典》): such questions are
refused whatever the retrieved evidence (issue 11, items 5 and 7).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from service.rag.query_terms import STOPWORDS
from service.rag.refusal.coverage import abbreviation_re, form_word, term_forms
from service.rag.refusal.numbered_terms import NUMBERED_RE
from service.text import vocabulary
from service.text.normalize import normalize_for_match
from service.text.refs import is_numbered_meeting, numbered_meetings
from service.versions.model import TITLE_PREFIX_RE

_NAMED_DOC_RE = re.compile(
    r"《([^》]{2,40})》|([\u4e00-\u9fff]{2,16}?(?:条例|细则))"
    # a law by its short name, unbracketed: "民法典里……", "劳动法规定……" (the name ends where a word follows it)
    r"|([\u4e00-\u9fff]{1,14}?法典|[\u4e00-\u9fff]{2,14}?(?<!办)法)(?=里|中|的|规定|第|对|上|是|有|关于|怎|吗|[，,。？?\s]|$)"
    r"|([\u4e00-\u9fff]{2,20}?(?:规定|办法))"
)
# Words ending in 法 that name a way or an act, not a law: 方法, 办法, 违法, 依法, 无法 …
_NOT_LAW_RE = re.compile(
    r"(?:方|办|做|看|说|想|手|写|用|疗|司|执|违|合|依|守|非|立|犯|不|国|家|王|语|算|书|兵|魔|技|笔|章|枉|无|设|效|"
    r"取|变|宪|党|纪|正|作|玩|打|加|减|乘|除|文|句|画|刀|拳|剑|心|佛|道|大|小|新|旧|老|土|妙|良|偏|秘|功|战|戏|"
    r"活|教|学|读|唱|演|考|测|计|解|养|练|修|干|搞|弄|处)法$"
)
# Words before a law's name that are no part of it: "我想知道民法典……" (a pronoun, a verb, an adverb …; jieba flags).
_BEFORE_LAW_FLAGS = frozenset(["r", "v", "d", "p", "c", "u", "y", "e", "m", "q"])


def _law_name(run: str) -> str:
    """The law's name at the end of ``run`` (a run of characters ending in 法/法典), less the words before it that
    name no law: "我想知道民法典" → 民法典; "治安管理处罚法" stays whole."""
    import jieba.posseg

    words = jieba.posseg.lcut(run)
    while len(words) > 1 and words[0].flag in _BEFORE_LAW_FLAGS and len(run) - len(words[0].word) >= 3:
        run = run[len(words[0].word) :]
        words = words[1:]
    return run


# "X规定" is a title only when X is a long noun phrase ("领导干部个人有关事项报告规定"); "党章规定", "有关规定",
# "按规定", "对入党有什么规定" and "关于转正的规定" are a verb or a question, not a document (trial 3, item 25).
_RULE_SPLIT_RE = re.compile(
    r"的|是|在|和|跟|对|按|照|据|依|向|给|被|把|将|从|由|为|于|吗|呢|吧|啊|"
    r"什么|哪些|哪个|哪种|怎么|怎样|如何|是否|多少|几|能|可以|可不可以|要|应当|应该|必须|需要|得|会|都|也|还|"
    r"就|才|又|再|里|中|上|下|后|前|时|有(?!关)|没|无|不|这|那|该|其|本|此|新|旧|老|现行|最新|修订|修改|版|年|"
    r"违反|违背|遵守|执行|落实|贯彻|学习|按照|根据|依照|依据"
)
_RULE_STEM_MIN = 6
# what stipulates rather than what is stipulated: "党章规定", "纪律处分条例规定", "监督执纪工作规则规定",
# "中央规定", "支部规定" (a document or a body, then the verb 规定).
_RULE_AUTHOR_RE = re.compile(
    r"(?:党章|章程|条例|准则|细则|规则|办法|规定|决定|意见|通知|纲要|规划|制度|文件|法规|法律|法|中央|上级|组织|支部"
    r"|党委|党组|委员会|单位|国家|党)$"
)


def in_order(name: str, title: str) -> bool:
    """Whether every character of ``name`` occurs in ``title`` in the same order (a title cut short: "党内政治生活若干
    准则" of "关于新形势下党内政治生活的若干准则"; also ``heading_lists.named_document``)."""
    rest = iter(title)
    return all(c in rest for c in name)


def _rule_title(phrase: str) -> str | None:
    """The document title in a phrase ending in 规定/办法, or None when the phrase is no title: the part before
    规定/办法, once cut at question, function and verb words, has at least ``_RULE_STEM_MIN`` characters and
    does not end with who stipulates (党章, 条例, 中央, 支部 …). Calibrated on the member, regulations and dev
    questions, none of which it flags wrongly (trial 3, item 25)."""
    suffix = phrase[-2:]
    stem = _NAME_HEAD_RE.sub("", _RULE_SPLIT_RE.split(phrase[:-2])[-1])
    if len(stem) < _RULE_STEM_MIN or _RULE_AUTHOR_RE.search(stem):
        return None
    return stem + suffix


UNKNOWN_DOCUMENT_MESSAGE = "知识库中没有《{name}》，无法回答与它有关的问题。"


# The ends of a rule's or a law's title (条例, 准则, 细则, 规定, 办法, 监察法, 民法典 …): a 《》 name ending so names a
# regulation, which a held text listing or citing it does not make held. Any other 《》 name (入党志愿书, 入党申请书,
# 党员登记表) names a form or a document type that held texts speak of (``unknown_document``).
_RULE_KIND_RE = re.compile(
    r"(?:条例|准则|细则|规定|办法|规则|章程|党章|法|法典|决定|决议|意见|通知|纲要|规划|守则|方案)$"
)


def unknown_document(
    question: str, titles: Sequence[str], spoken: Callable[[str], bool] | None = None
) -> str | None:
    """A document the question names (《…》, or a name ending in 条例/准则/细则) that no title in the knowledge
    base contains, fillers (按照, 根据 …) and the prefixes 中国共产党/中华人民共和国 left out: "纪律处分条例" is
    held (中国共产党纪律处分条例), "党内监督条例" and "农村基层组织工作条例" are not. A name ending in 规定/办法
    counts only when it is a title (``_rule_title``: "党员领导干部个人有关事项报告规定", not "党章规定" or
    "有什么规定") whose characters no held title holds in order (trial 3, item 25). A short name of a held title
    (``_shortens``: "纪委工作条例" for 中国共产党纪律检查委员会工作条例) is held. A 《》 name that is no rule's or
    law's title (``_RULE_KIND_RE``) and that held texts speak of (``spoken``: whether a phrase in matching form occurs
    in the knowledge base) is a form or document type used inside them, not a missing document: "《入党志愿书》的式样
    谁来定" is answered by 细则 "《中国共产党入党志愿书》式样由中央组织部负责制定" (holdout5 h5-160)."""
    held = [_PLAIN_TITLE_RE.sub("", normalize_for_match(t)) for t in titles]
    for m in _NAMED_DOC_RE.finditer(normalize_for_match(question)):
        name = _NAME_HEAD_RE.sub(
            "", _PLAIN_TITLE_RE.sub("", m.group(1) or m.group(2) or m.group(3) or m.group(4))
        )
        if m.group(2):
            # "现在执行的纪律处分条例" names 纪律处分条例; "统计造假是新版条例才有的吗", "在现行条例里" and
            # "修订后的条例" name no document at all, only a version of the one the question is about.
            if _modified_head(name):
                continue
            name = _NAME_HEAD_RE.sub("", _NAME_SPLIT_RE.split(name)[-1])
        elif m.group(4):
            title = _rule_title(m.group(4))
            # "处分违纪党员批准权限规定" shortens the held 处分违纪党员批准权限和程序规定
            if title is None or any(in_order(title, t) for t in held):
                continue
            name = title
        elif m.group(3):
            # "民法典里关于英雄烈士名誉的条款" names a law the knowledge base does not hold (holdout8 h8-232); a law's
            # short name of three characters or more that no held title holds in order ("英烈法", "地方组织法" are
            # held), never a word for a way or an act (``_NOT_LAW_RE``: 工作方法, 依法, 无法)
            name = _law_name(_NAME_HEAD_RE.sub("", _NAME_SPLIT_RE.split(name)[-1]))
            if len(name) < 3 or _NOT_LAW_RE.search(name) or any(in_order(name, t) for t in held):
                continue
        bare = name.replace("的", "")
        if m.group(1) and spoken is not None and not _RULE_KIND_RE.search(name) and spoken(name):
            continue
        # a law's short title may have three characters (《民法典》; law12), a bracketed or a law's name only
        shortest = 3 if (m.group(1) and _RULE_KIND_RE.search(name)) or m.group(3) else 4
        if len(name) >= shortest and not any(
            name in t or bare in t.replace("的", "") or _shortens(bare, t) for t in held
        ):
            return name
    return None


_MODIFIED_HEAD_RE = re.compile(r"^(.+)的([\u4e00-\u9fff]{1,2})(?:条例|细则)$")


def _modified_head(name: str) -> bool:
    """Whether a run ending in 条例/细则 is a noun phrase "clause 的 noun" followed by the bare word 条例 (the
    document the question is about, unnamed) rather than a title: "违反民主集中制原则的行为条例列了几种" asks how many
    行为 the 条例 lists (holdout5 h5-090). The clause before 的 holds a verb (jieba: 违反, 侵犯) and one word
    of at most two characters follows it; "党的巡视条例" (党 is no clause) still names 巡视条例."""
    import jieba.posseg

    m = _MODIFIED_HEAD_RE.match(name)
    if m is None:
        return False
    return any(w.flag.startswith("v") and len(w.word) >= 2 for w in jieba.posseg.lcut(m.group(1)))


def _shortens(name: str, title: str) -> bool:
    """Whether ``name`` is a short name of the held ``title`` (both plain matching form), shortened the way Chinese
    shortens titles: the same kind of text (the last two characters: 条例, 细则, 准则 …) and every word of the rest
    (jieba) found in the title's rest, the prefix 中国共产党/中华人民共和国 left out, as itself, as its formal form
    (``coverage.term_forms``: 纪委 → 纪律检查委员会) or as an abbreviation of a phrase there
    (``coverage.abbreviation_re``: 高校 ← 高等学校). Words of the title may be left out (工作, 自律, 纪律), none may be
    added: "纪委工作条例", "支部条例", "发展党员细则" and "廉洁准则" shorten held titles; "党组工作条例" and
    "巡视工作条例" name a word (党组, 巡视) no held title holds and stay unknown (issue 11, item 5)."""
    from service.rag.query_terms import _jieba

    if len(name) < 4 or name[-2:] != title[-2:]:
        return False
    full = TITLE_PREFIX_RE.sub("", title[:-2])
    words = [w for w in _jieba().lcut(name[:-2]) if w.strip()]
    return bool(words) and all(
        any(form in full for form in term_forms(w)) or (len(w) >= 2 and abbreviation_re(w).search(full))
        for w in words
    )


_PLAIN_TITLE_RE = re.compile(r"[《》（）()\s]|试行")


# A verb or preposition before a title is no part of it: "按纪律处分条例怎么处分", "收礼依纪律处分条例…" (trial 4, D),
# "军校的党组织也适用高校基层组织工作条例吗" (holdout6 h6-180: 适用 and the adverb 也 before it).
_NAME_SPLIT_RE = re.compile(
    r"的|是|在|和|跟|按照|根据|依据|依照|对照|参照|按|依|凭|修订版|修订后|修订前|修改后|修改前|旧版|老版|新版|现行|最新|年版|版本|"
    r"这个|这部|那个|那部|该|两版|两个版本|新旧|新老|适用|适合|属于|违反|遵守|执行|也|还|都"
)


_NAME_HEAD_RE = re.compile(
    # fillers, and what is left of a version word once its digits are cut off ("2023年纪律处分条例" → 年…)
    r"^(?:按照|根据|依据|依照|对照|参照|按|依|凭|关于|请问|我想问|想问|问问|问|查|看看|看|那么|那|的|中国共产党|中华人民共和国"
    r"|修订版|旧版|新版|现行|最新|年版|年|版)+"
)


NOT_IN_KB_MESSAGE = "知识库中没有关于“{term}”的内容，无法回答这个问题。"


# What a "什么X / 哪些X / 在哪里X" question asks for is X.
# A named day asked for its date ("国家宪法日是哪一天", "全民国防教育日是几月几号"), and words before its name.
_ASKED_DAY_RE = re.compile(
    r"([\u4e00-\u9fff]{2,9}[日节])(?:是|在|定在|为)?(?:每年的?)?(?:哪一?天|几月几[号日]|哪个日子|什么日子|几号)"
)
_DAY_FILLER_RE = re.compile(
    r"^(?:请问|问一下|想问|我想知道|那么?|咱们|我们|我国的?|中国的?|国家规定的?|法定的?)+"
)
_GENERIC_DAYS = frozenset({"纪念", "节", "生", "工作", "节假", "休息", "假"})


_ASKED_NOUN_RE = re.compile(
    r"(?:什么|哪些|哪种|哪类|哪一种|在哪里|去哪里|到哪里|在哪儿|哪儿)([\u4e00-\u9fff]{2,6})"
)


# The act a "怎么X" question asks how to do ("丢了怎么补办"); X's first jieba word is checked.
_ASKED_ACTION_RE = re.compile(r"(?:怎么|怎样|如何)(?:去|来|才能|才|能|要|样)?([\u4e00-\u9fff]{2,6})")


# Acts every procedure text words differently (办理, 处理) or that ask for a judgement, not a procedure.
_GENERIC_ACTIONS = frozenset(
    [
        "办理",
        "处理",
        "操作",
        "解决",
        "进行",
        "开展",
        "做到",
        "做好",
        "认识",
        "理解",
        "看待",
        "规定",
        "执行",
        "落实",
        "申请",
        "计算",
        "确定",
        "认定",
        "使用",
        "选择",
        "回事",
        "办才",
        "处分",
        "处置",
        "定性",
        "对待",
        "评价",
        "判断",
        "认为",
        "体现",
        "把握",
        "发挥",
        "加强",
        "提高",
        "做才",
        "才能",
        "算是",
        "算作",
        "界定",
    ]
)


# A place in a text ("最后四个字", "头一句", "开头两句", "后面一句"): what stands there is quoted, not defined.
POSITION_TAIL_RE = re.compile(
    r"(?:最后|最末|末尾|结尾|开头|起头|头|前面|后面|上|下|前|后|第)[一二两三四五六七八九十几\d]*(?:个)?[字句段]$"
)


_TEXT_TAIL_RE = re.compile(r"(?:全文|原文|内容|条文|原话)$")


# Nouns too general to be looked up (nor asked to be defined: "……，程序是什么" asks for the procedure of the act before
# it, ``mention.asked_term``); the form words (``coverage.form_word``: 名字, 关系, 体制, 意思 …) are not looked
# up either.
GENERIC_ASKED = frozenset(
    [
        "意义",
        "不同",
        "东西",
        "情况",
        "时候",
        "地方",
        "原因",
        "办法",
        "手续",
        "程序",
        "作用",
        "影响",
        "后果",
        "问题",
        "规定",
        "要求",
        "条件",
    ]
)


def absent_term(question: str, defined: str | None, known: Callable[[str], bool]) -> str | None:
    """The thing ``question`` asks for when the knowledge base never names it, else None.

    Checked: the term asked to be defined (``defined``: "入团誓词"), the noun that follows 什么/哪些/在哪里
    ("送什么纪念品", "在哪里下载"; its first jieba word) and the act that follows 怎么/如何 ("丢了怎么补办":
    补办; generic acts such as 办理/处理 and words the vocabulary maps to a formal form are not checked). A word naming
    the form of the answer (``coverage.form_word``: "叫什么名字", "怎么称呼", "怎么比喻的") is never checked: the texts
    state the name or the figure, they do not call it 名字 or 比喻.
    Words of the situation a member describes (红包, 麻将) are not checked: only the thing asked for must exist
    in the knowledge base."""
    from service.rag.asked_kind import kind_tail
    from service.rag.query_terms import _jieba
    from service.rag.spelling import _real_word

    candidates: list[str] = []
    whole = _TEXT_TAIL_RE.sub("", defined) if defined else ""
    if defined and (tail := kind_tail(whole)) is not None:
        # a kind noun ("那些话", "宣誓词", "誓词") is stated, not named, by the texts: whose text is asked for is
        # named by the first word of what modifies it (入团 of 入团誓词 and of 入团宣誓的誓词, 少先队员 of
        # 少先队员入队时念的那些话; 入党 of 入党时念的那些话 is named)
        words = [w for w in _jieba().lcut(tail[0]) if w not in STOPWORDS and len(w) >= 2]
        if words and not known(words[0]) and not _known_compound(words[0], known):
            candidates.append(whole if len(whole) <= 6 else words[0])
    elif defined:
        # "入党誓词的最后四个字": a place in the text named before it (``POSITION_TAIL_RE``) is asked, the text is
        # what must be held (holdout8)
        placed = POSITION_TAIL_RE.sub("", defined)
        named = (placed.removesuffix("的") or defined) if placed != defined else defined
        term = _TEXT_TAIL_RE.sub("", named.split("的")[-1])
        if 2 <= len(term) <= 6 and not NUMBERED_RE.match(term):
            candidates.append(term)
    for m in _ASKED_NOUN_RE.finditer(normalize_for_match(question)):
        words = [w for w in _jieba().lcut(m.group(1)) if w not in STOPWORDS]
        # a dictionary word ("纪念品", "下载"), not a fragment jieba could not attach ("哪些人里选" → 人里)
        if (
            words
            and len(words[0]) >= 2
            and words[0] not in GENERIC_ASKED
            and not form_word(words[0])
            and kind_tail(words[0]) is None
            and _real_word(words[0])
        ):
            candidates.append(words[0])
    for m in _ASKED_ACTION_RE.finditer(normalize_for_match(question)):
        words = [w for w in _jieba().lcut(m.group(1)) if w not in STOPWORDS]
        act = words[0] if words else ""
        if (
            len(act) >= 2
            and act not in _GENERIC_ACTIONS
            and not form_word(act)
            and not vocabulary.load().formal_forms(act)
            and _real_word(act)
        ):
            candidates.append(act)
    candidates += _when_subjects(question)
    # A numbered meeting ("二十届四中全会", "十九大") is named exactly or not at all: "十三届四中全会" in the 总纲
    # does not answer a question about the 二十届四中全会 (member trial, 2026-11-30).
    candidates += numbered_meetings(normalize_for_match(question))
    for m in _ASKED_DAY_RE.finditer(normalize_for_match(question)):
        # "国家宪法日是哪一天": a named day whose date is asked is held only by a text naming it (law12); 节 and 日
        # name the same day ("国庆节" ← 爱国主义教育法 "国庆日")
        day = _DAY_FILLER_RE.sub("", m.group(1))
        stem = day[:-1]
        if len(stem) >= 2 and stem not in _GENERIC_DAYS and not (known(f"{stem}日") or known(f"{stem}节")):
            candidates.append(day)
    for term in candidates:
        if is_numbered_meeting(term):
            if not known(term):
                return term
            continue
        if len(term) >= 2 and not known(term) and not _known_compound(term, known):
            return term
    return None


# A when-ask ("党员证什么时候发", "党费一般啥时候交"): what it asks about is the noun right before it.
_WHEN_ASK_RE = re.compile(r"什么时候|啥时候|何时|哪一天|哪天")
# Words between a when-ask's noun and the ask that belong to neither (adverbs, modals: "党费一般什么时候交").
_WHEN_FILLER_FLAGS = ("d", "uj", "ul", "c")


def _when_subjects(question: str) -> list[str]:
    """The noun a when-ask is about ("党员证" of "预备党员转正以后党员证什么时候发", holdout7 h7-364): the last word
    before the ask (adverbs and particles passed over) when jieba's dictionary holds it as a noun of two characters or
    more; [] otherwise. Whether the knowledge base names it is ``absent_term``'s to check: no text dates the issue of
    a thing it never mentions."""
    import jieba
    import jieba.posseg

    out: list[str] = []
    nq = normalize_for_match(question)
    for m in _WHEN_ASK_RE.finditer(nq):
        clause = re.split(r"[，,；;。？?！!]", nq[: m.start()])[-1]
        words = [w for w in jieba.posseg.lcut(clause) if w.word.strip()]
        while words and words[-1].flag.startswith(_WHEN_FILLER_FLAGS):
            words.pop()
        if not words:
            continue
        last = words[-1]
        if (
            len(last.word) >= 2
            and last.flag.startswith(("n", "j"))
            and jieba.dt.FREQ.get(last.word)
            and last.word not in STOPWORDS
            and last.word not in GENERIC_ASKED
            and not form_word(last.word)
        ):
            out.append(last.word)
    return out


def _known_compound(term: str, known: Callable[[str], bool]) -> bool:
    """Whether ``term`` is a compound of words the knowledge base names ("入党誓词" = 入党 + 誓词: the 党章 says
    "入党宣誓。誓词如下", never "入党誓词"). Every part has two characters or more; a part the knowledge base
    never names ("入团誓词": 入团) keeps the term absent."""
    return any(
        known(term[:i]) and (known(term[i:]) or _known_compound(term[i:], known))
        for i in range(2, len(term) - 1)
    )
