"""The predicate a quantity is asked for: "党员年满多少岁可以不参加组织生活" asks the age of an exemption from 组织生活,
so "年满十八岁的……可以申请加入中国共产党" (the age of another predicate, 入党) does not answer it, however well its words
cover the question (issue 11, item 5: traps answered from a near passage).

``asked_predicate`` reads the predicate a quantity question ties its number to (the words after the question word and
its modal: 可以, 才能, 不得 …); ``states_predicate`` says whether a sentence holding a number states it for that
predicate: its nouns (组织生活, 选举权) stand in the sentence, most of its words do, and an exemption or a ban asked
("可以不参加", "不得重新入党") is an exemption or a ban there too.

The yes/no asks whose subject matches while the asked detail is absent (issue 11, items 5 and 6; holdout5) are read
here too: ``unstated_yes_no`` (a predicate the answer does not state leaves the subject's nouns to be named: 党费 of
"以前交的党费退不退"), ``unstated_reduction`` (减半, 免交 … of a payment), ``unstated_measure`` (有没有时长要求: a number)
and ``unstated_eligibility`` (a post and a kind of person in one sentence that says who may hold it).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from service.rag.refusal.coverage import CLAUSE_RE, join_separable, term_credit, topic_terms
from service.rag.refusal.shapes import (
    ASKED_PREDICATE_RE,
    DETERMINER_RE,
    NEGATED_PREDICATE_RE,
    NEGATING_MODAL_RE,
    PREDICATE_TAIL_RE,
)
from service.text.normalize import normalize_for_match

ELIGIBILITY_MESSAGE = (
    "知识库的相关内容没有说明这类人员能否担任“{term}”，无法据此回答这个问题。下面列出相关内容，供您查阅。"
)

PREDICATE_CREDIT = (
    0.5  # a noun of the predicate, or the predicate's words as a whole, keep half their bigrams
)


# Words that negate, exempt or forbid in a sentence of the texts ("不参加", "免于", "不得", "除外").
_NEGATION_RE = re.compile(r"不|免|无需|无须|除外|禁止|严禁")


# A predicate that is a verdict on the member's act (算违纪, 就违规了, 要受处分), and a provision that imposes one.
_VERDICT_WORD_RE = re.compile(r"违纪|违规|违法|违反纪律|违反党纪|违反规定|处分|纪律处分|党纪处分|违纪行为")
_PENALTY_RE = re.compile(r"(?:给予|予以|给以)[^。；;]{0,30}处分|追究[^。；;]{0,8}责任")


@dataclass(frozen=True)
class AskedPredicate:
    terms: tuple[str, ...]  # the predicate's informative words (matching form), setting words left out
    nouns: tuple[
        str, ...
    ]  # those jieba reads as nouns: they must stand in the sentence as written or in a form
    negated: bool  # an exemption or a ban is asked ("可以不参加", "免交", "不得")


def asked_predicate(question: str) -> AskedPredicate | None:
    """The predicate ``question`` ties its quantity to, or None when it ties none: "党员年满多少岁可以不参加组织生活" →
    terms (参加, 组织生活), noun 组织生活, negated; "党龄满多少年才有选举权" → 选举权; "要满多少岁才能入党" → 入党;
    "支委会每届任期几年" → None (no modal after the question word), "多长时间内得给我办完" → None (no noun)."""
    nq = DETERMINER_RE.sub(" ", normalize_for_match(question))
    m = ASKED_PREDICATE_RE.search(nq)
    if m is None:
        return None
    predicate = PREDICATE_TAIL_RE.sub("", m.group("predicate"))
    terms = tuple(t for t in topic_terms(predicate) if len(t) >= 2)
    nouns = tuple(t for t in terms if _is_noun(t))
    if not nouns:
        return None  # a predicate of verbs only is paraphrased too freely to check ("多长时间内得给我办完": 办结)
    negated = bool(NEGATING_MODAL_RE.search(m.group("modal")) or NEGATED_PREDICATE_RE.match(predicate))
    return AskedPredicate(terms, nouns, negated)


def states_predicate(predicate: AskedPredicate, sentence: str) -> bool:
    """Whether ``sentence`` (matching form, the number's sentence with its lead-in) states the number for ``predicate``:
    its nouns are there (length-weighted share of their ``term_credit`` ≥ ``PREDICATE_CREDIT``, forms included: 入党 →
    加入中国共产党; the one noun of "不参加组织生活" must be), its words as a whole are (the same share: verbs may be
    paraphrased, 成为 → 列为; an object told may be, 支部党员 → 全体党员), and an exemption or a ban asked is stated as
    one (不, 免, 不得 …)."""
    if all(_VERDICT_WORD_RE.fullmatch(t) for t in predicate.terms):
        # "超过多长时间就算违纪": the verdict is the penalty the provision imposes on its act ("时间超过六个月，情节较重的，
        # 给予警告……处分"); the texts never call their own act 违纪
        return _PENALTY_RE.search(sentence) is not None
    if (
        _share(predicate.nouns, sentence) < PREDICATE_CREDIT
        or _share(predicate.terms, sentence) < PREDICATE_CREDIT
    ):
        return False
    return not predicate.negated or _NEGATION_RE.search(sentence) is not None


def _share(terms: tuple[str, ...], sentence: str) -> float:
    """Length-weighted share of ``terms`` credited in ``sentence`` (``_credit``)."""
    total = sum(len(t) for t in terms)
    return sum(len(t) * _credit(t, sentence) for t in terms) / total if total else 1.0


def _credit(term: str, sentence: str) -> float:
    """``coverage.term_credit`` of ``term``, or of a compound's two halves (two characters or more each) when both are
    there under their own forms: "申请入党" is stated by "申请加入中国共产党" (申请 + 入党 → 加入中国共产党); "组织生活" is
    not by "参加党的一个组织" (生活 is missing)."""
    whole = term_credit(term, sentence)
    halves = [
        min(term_credit(term[:i], sentence), term_credit(term[i:], sentence)) for i in range(2, len(term) - 1)
    ]
    return max([whole, *halves])


@lru_cache(maxsize=4096)
def _flags(word: str) -> tuple[str, ...]:
    """jieba's part-of-speech flags of the words ``word`` is cut into (memoised: ``_is_noun`` and ``_is_content`` ask
    of the same question terms)."""
    import jieba.posseg

    return tuple(str(t.flag) for t in jieba.posseg.lcut(word))


def _is_noun(word: str) -> bool:
    """Whether jieba reads ``word`` as nouns only (``n``, ``nz``, ``vn``, an abbreviation ``j`` …: 组织生活, 选举权, 党小组,
    支部 + 大会). A personal name ``nr`` counts: jieba tags words it does not know so (纪念章)."""
    flags = _flags(word)
    return bool(flags) and all(f.startswith(("n", "vn", "j")) for f in flags)


# A yes/no ask: A-not-A ("要不要", "能不能", "退不退", "可不可以"), 有没有, 是否/能否/可否, or a closing 吗 after a
# modal ("可以当……吗"). Its predicate is what follows the marker (a content verb of A-not-A included: 退 of 退不退).
_A_NOT_A_RE = re.compile(
    r"([\u4e00-\u9fff])不\1(?:以|要|该|当|须|够)?|有没有|是否(?:可以|能|要|需要|应当|会)?|能否|可否"
)
_MODAL_VERBS = frozenset("是能可要会需应该用必得有")
_MA_MODAL_RE = re.compile(
    r"(?:可以|能够|能|需要|要|应当|应该|必须|得|会|准|允许)(?P<predicate>[^，,。？?！!；;]{2,16}?)(?:吗|嘛|(?<![什怎这那多])么)[？?]?$"
)
# A measure inside a separable verb ("宣一次誓", "入过党", "交了费"): the verb as a word (宣誓, 入党, 交费).
_SPLIT_VERB_RE = re.compile(r"([\u4e00-\u9fff])(?:一次|一回|一下|一个|个|了|过)([\u4e00-\u9fff])")
# Words that carry the ask, not its content ("可以", "规定", "需要"; "原文能发我一份吗": the text asked for).
_ASK_WORDS = frozenset(
    [
        "可以",
        "能够",
        "需要",
        "应当",
        "应该",
        "必须",
        "允许",
        "规定",
        "要求",
        "有关",
        "相关",
        "情况",
        "时候",
        "的话",
        "怎么",
        "什么",
        "怎样",
        "如何",
        "这样",
        "那样",
        "这个",
        "那个",
        "原文",
        "全文",
        "原话",
        "条文",
    ]
)

YES_NO_CREDIT = (
    0.5  # a word of the asked predicate counts as stated from half its bigrams (``coverage.term_credit``)
)


def joined_verbs(text: str) -> str:
    """``text`` with a measure inside a separable verb removed when the verb is a jieba word ("再宣一次誓" → 再宣誓,
    ``coverage.join_separable`` with ``_SPLIT_VERB_RE``)."""
    return join_separable(text, _SPLIT_VERB_RE)


def yes_no_parts(question: str) -> tuple[str, str] | None:
    """(subject, predicate) of the clause of ``question`` (matching form) that asks yes or no, else None:
    "以前的党龄能不能接着算" → (以前的党龄, 接着算); "以前交的党费退不退" → (以前交的党费, 退); "预备党员可以当党小组组长吗"
    → (预备党员, 当党小组组长)."""
    for clause in reversed(CLAUSE_RE.split(normalize_for_match(question))):
        m = _A_NOT_A_RE.search(clause)
        if m is not None:
            verb = m.group(1) or ""
            lead = "" if not verb or verb in _MODAL_VERBS else verb
            return clause[: m.start()], lead + PREDICATE_TAIL_RE.sub("", clause[m.end() :])
        n = _MA_MODAL_RE.search(clause)
        if n is not None:
            return clause[: n.start()], n.group("predicate")
    return None


def unstated_yes_no(question: str, shown: str, headings: str = "") -> str | None:
    """The noun of a yes/no ask's subject that ``shown`` (the answer's sentences, with the cited ``headings``) never
    states, when the ask's predicate states nothing either, else None.

    A predicate that names nothing of its own (a verb of one character, adverbs, ask and measure words: "退不退",
    "能不能接着算", "有没有规定要讲多长时间") or whose words the answer never names ("能退回来吗") leaves the subject as
    the only sign the answer is about the question: its nouns (``_subject_nouns``: 党费, 党龄, 党课) must then be in the
    answer (``_credit`` at least ``YES_NO_CREDIT``, forms and a compound's halves included). Traps answered from a near
    passage ask a detail of a matching situation (issue 11, item 5): "被开除党籍的人，以前交的党费退不退" is not
    answered by the articles on 开除党籍, which never name 党费; "以前的党龄能不能接着算" is not answered by the ban on
    重新入党. A predicate word the answer states ("能不能参加选举" ← 选举权) leaves the ask to the other checks, and so
    does an actor the member names in his own words (支部 ← 党组织: ``_ACTOR_RE``)."""
    parts = yes_no_parts(question)
    if parts is None:
        return None
    subject, predicate = (joined_verbs(p) for p in parts)
    text = normalize_for_match(f"{headings}\n{shown}")
    if any(checked_term(t) and _credit(t, text) >= YES_NO_CREDIT for t in topic_terms(predicate)):
        return None
    for term in _subject_nouns(subject):
        if _credit(term, text) < YES_NO_CREDIT:
            return term
    return None


# Who acts (an organisation or a person: 党委, 支部, 单位, 领导, 介绍人 …): members name actors loosely.
_ACTOR_RE = re.compile(r"(?:委|支部|总支|组织|党组|机关|单位|部门|委员会|人|员|者|长|书记|干部|同志|领导)$")


def _subject_nouns(subject: str) -> list[str]:
    """The nouns of a yes/no ask's ``subject`` as jieba reads them in place, verbal nouns included ("以前交的党费" →
    [党费]), words of its dictionary only ("人调走了还" → []: 人调 is a guess of its HMM), two characters or more, no
    actor (``_ACTOR_RE``) and checked (``checked_term``)."""
    import jieba
    import jieba.posseg

    return [
        t.word
        for t in jieba.posseg.lcut(subject)
        if t.flag.startswith(("n", "vn", "j"))
        and jieba.dt.FREQ.get(t.word)
        and not _ACTOR_RE.search(t.word)
        and checked_term(t.word)
    ]


# The kind of value a yes/no ask weighs ("够不够年龄", "有没有上限"): the texts state the value, not its name.
_MEASURE_WORDS = frozenset(
    [
        "年龄",
        "岁数",
        "时间",
        "期限",
        "时限",
        "人数",
        "次数",
        "数量",
        "门槛",
        "界限",
        "限制",
        "上限",
        "下限",
        "标准",
    ]
)


def checked_term(term: str) -> bool:
    """Whether a question term of a yes/no ask is checked: two characters or more, no ask, generic, form or measure
    word, and a noun or a verb to jieba."""
    from service.rag.refusal.asked_object import GENERIC_NOUNS
    from service.rag.refusal.coverage import form_word

    return (
        len(term) >= 2
        and term not in _ASK_WORDS
        and term not in GENERIC_NOUNS
        and term not in _MEASURE_WORDS
        and not form_word(term)
        and _is_content(term)
    )


def _is_content(word: str) -> bool:
    """Whether jieba reads ``word`` as nouns and verbs only (``n*``, ``v*``, ``j``): not an adverb, adjective,
    numeral, conjunction or time word (一起 ``m``, 单独 ``d``, 正式 ``ad``, 接着 ``c``, 往后 ``t``)."""
    flags = _flags(word)
    return bool(flags) and all(f.startswith(("n", "v", "j")) for f in flags)


# A reduction or exemption of a payment asked ("是不是可以减半", "能不能少交", "可以免交吗"): a closed class of
# reduction words; the payment is a money noun of the question (``shapes.MONEY_RE``: 党费, 工资, 费用 …).
_REDUCTION_ASK_RE = re.compile(
    r"减半|减免|免交|免缴|免收|少交|少缴|少收|打折|折扣|优惠|减少|降低|减收|减交|减缴"
)
# How a text states a reduction: a cut, an exemption, a fraction ("减半", "免交", "少交", "降低", "百分之", "一半").
_REDUCTION_RE = re.compile(r"减|免|少交|少缴|降|折|百分之|%|％|一半|半数|分之")


def unstated_reduction(question: str, shown: str) -> str | None:
    """The reduction word of a question asking whether a payment may be reduced or waived ("退休老党员交党费是不是
    可以减半" → 减半) when no sentence of ``shown`` names that payment with a reduction (``_REDUCTION_RE``: 减, 免,
    降, a fraction), else None. "县级以上党委管理的党费每年应当按照一定比例下拨到党支部" names 党费 and a 比例 of its
    use, not a cut of what a member pays; "每个党员都要按规定自觉交纳党费" names no reduction (issue 11, item 5: a
    rate or reduction the texts never state)."""
    from service.rag.refusal.shapes import MONEY_RE

    nq = normalize_for_match(question)
    ask = _REDUCTION_ASK_RE.search(nq)
    money = MONEY_RE.search(nq)
    if ask is None or money is None:
        return None
    payment = money.group()
    for sentence in re.split(r"[。；;！!？?\n]", normalize_for_match(shown)):
        if term_credit(payment, sentence) >= PREDICATE_CREDIT and _REDUCTION_RE.search(sentence):
            return None
    return ask.group()


# "预备党员可以当党小组组长吗", "入党积极分子能不能担任支部委员": whether a kind of person may hold a post.
_ELIGIBILITY_RE = re.compile(
    r"(?P<person>[^，,。？?！!；;]{2,16}?)(?<![不才就])(?:可以|可不可以|能不能|能否|能够|能|有没有资格|有资格|允许)"
    r"(?:当|担任|做|作|作为|出任|兼任|选为|被选为)(?P<post>[^，,。？?！!；;]{2,12}?)(?:吗|么|呢)?$"
)


# How a sentence says who may hold a post: a holding verb (担任, 作……人, 兼任, 当选) or a permission or ban.
_HOLDING_RE = re.compile(
    r"担任|当选|兼任|出任|选为|任职|资格|作[\u4e00-\u9fff]{0,6}(?:人|员|长|书记)|不得|不能|可以|允许"
)


# "支部书记可以由预备党员担任吗": the post first, the person after 由.
_ELIGIBILITY_BY_RE = re.compile(
    r"(?P<post>[^，,。？?！!；;]{2,12}?)(?<![不才就])(?:可以|可不可以|能不能|能否|能够|能|允许)由"
    r"(?P<person>[^，,。？?！!；;]{2,16}?)(?:来)?(?:担任|当|出任|兼任|作|做)(?:吗|么|呢)?$"
)


def unstated_eligibility(question: str, shown: str) -> str | None:
    """The post of a question whether a kind of person may hold it ("预备党员可以当党小组组长吗", "支部书记可以由
    预备党员担任吗" → the post) when no sentence of ``shown`` names the person's kind (its nouns) and the post (its
    words: jieba reads 组长 as a verb), each at ``PREDICATE_CREDIT`` or more (forms included), together with a holding
    verb, a permission or a ban (``_HOLDING_RE``), else None. "才能成为" (a stage reached) is no post asked.

    A rule naming who fills the post ("党小组组长由党支部指定") and one naming the person elsewhere ("将……预备党员编入
    党支部和党小组") do not say whether that person may hold it, nor does a sentence naming both without a holding verb
    ("在入党申请人中确定入党积极分子……由支部委员会……研究决定"); "受留党察看处分、尚未恢复党员权利的党员，不能作入党
    介绍人" does (issue 11, item 5: eligibility never stated)."""
    for clause in CLAUSE_RE.split(normalize_for_match(question)):
        bare = PREDICATE_TAIL_RE.sub("", clause)
        m = _ELIGIBILITY_RE.search(bare) or _ELIGIBILITY_BY_RE.search(bare)
        if m is None:
            continue
        post = PREDICATE_TAIL_RE.sub("", m.group("post"))
        person = [t for t in topic_terms(m.group("person")) if checked_term(t) and _is_noun(t)]
        held = [t for t in topic_terms(post) if checked_term(t)]
        if not person or not held:
            continue
        nouns = person + held
        sentences = re.split(r"[。；;！!？?\n]", normalize_for_match(shown))
        if not any(
            _HOLDING_RE.search(s) and all(_credit(t, s) >= PREDICATE_CREDIT for t in nouns) for s in sentences
        ):
            return re.sub(r"[^\w]", "", post)
    return None


_NUMBER = r"(?:\d+|[一二两三四五六七八九十百千半]+)\s*"
# The unit a measure is stated in ("时长" in 分钟, 小时, 天 …); a bound (上限, 门槛) in any unit.
_MEASURE_UNITS = {
    "时长": r"(?:个)?(?:年|月|周|天|日|小时|分钟|学时|个工作日)",
    "时间": r"(?:个)?(?:年|月|周|天|日|小时|分钟|学时|个工作日)",
    "期限": r"(?:个)?(?:年|月|周|天|日|小时|工作日)",
    "时限": r"(?:个)?(?:年|月|周|天|日|小时|工作日)",
    "年龄": r"(?:周)?岁",
    "岁数": r"(?:周)?岁",
    "人数": r"(?:个|名)?人|名|分之",
    "次数": r"次",
    "字数": r"(?:个)?字",
    "篇幅": r"(?:个)?字|页",
}
_ANY_UNIT = r"(?:个|周|名|人|次|年|月|日|天|岁|小时|分钟|届|倍|分之|成)"
_BOUNDS = ("上限", "下限", "门槛")
# A measure a yes/no ask weighs ("有没有时长要求", "人数有没有上限", "年龄有没有门槛"): its answer is a number.
_MEASURE_ASK_RE = re.compile(
    rf"(?P<measure>{'|'.join([*_MEASURE_UNITS, *_BOUNDS])})(?:上|方面)?(?:的)?(?:要求|规定|限制|标准|限定)?"
)


def unstated_measure(question: str, shown: str) -> str | None:
    """The measure a yes/no ask weighs ("时长" of "讲党课有没有时长要求") when ``shown`` holds no number in its unit
    (``_MEASURE_UNITS``: a duration in 分钟, 小时, 天 …, not "每年至少讲 1 次党课"; a bound in any unit) in a sentence
    naming the ask's subject (``_subject_nouns``: 党课, not "每月相对固定1天开展主题党日"), else None: whether a limit exists is answered by the limit ("年满十八岁", "不得超过……五分之一"), never by a passage on
    the activity without one ("党课应当针对党员思想和工作实际……": issue 11, item 5, a duration the texts never give).
    The measure must stand in the ask's predicate or right before the yes/no marker (``yes_no_parts``)."""
    parts = yes_no_parts(question)
    if parts is None:
        return None
    subject, predicate = parts
    m = _MEASURE_ASK_RE.search(predicate) or _MEASURE_ASK_RE.search(subject[-6:])
    if m is None:
        return None
    measure = m.group("measure")
    unit = _MEASURE_UNITS.get(measure, _ANY_UNIT)
    nouns = _subject_nouns(joined_verbs(subject))
    for sentence in re.split(r"[。；;！!？?\n]", normalize_for_match(shown)):
        if re.search(rf"{_NUMBER}(?:{unit})", sentence) and all(
            _credit(t, sentence) >= YES_NO_CREDIT for t in nouns
        ):
            return None
    return measure


# An ask of a quantity, a place or a time ("党课一次要讲多长时间", "留置场所在哪里", "党员证什么时候发"): what stands
# before it in its clause is what the ask is about.
# ("哪几类纪律" asks for a list: its members, not a number, answer it)
_SUBJECT_ASK_RE = re.compile(r"多少|(?<!哪)几|多久|多长|在哪里|在哪儿|在什么地方|设在哪|什么时候|啥时候|何时")


def unnamed_ask_subject(question: str, shown: str, headings: str = "") -> str | None:
    """What a place or time ask is about ("场所" of "留置场所在哪里": its noun right before the ask), or the noun of a
    quantity ask ("党课" of "党课一次要讲多长时间") when ``shown`` (the answer's sentences) and the cited ``headings``
    name none of the question's nouns, else None.

    The nouns are jieba's nouns of its dictionary, no place, total or scene word (``_asked_noun``), named from half
    their bigrams, their formal forms or a compound's halves (``_credit``): an answer that never names the thing asked
    about states a number, a place or a date of something else ("延长时间不能少于半年" of the 预备期, "可以对其采取……留置
    措施" without its 场所: holdout7 h7-350, h7-354; issue 11, item 5). A quantity ask keeps its answer when any noun
    of the question, an actor or one of another clause included, is named: members say 赞成票 for 赞成人数 and 院系 for
    what a rule calls 党支部 (member mem-413, regulations reg-194)."""
    from service.rag.refusal.asked_quantity import CITED_SOURCE_RE

    text = normalize_for_match(f"{headings}\n{shown}")
    nq = CITED_SOURCE_RE.sub(" ", normalize_for_match(question))
    for clause in CLAUSE_RE.split(nq):
        m = _SUBJECT_ASK_RE.search(DETERMINER_RE.sub(" ", clause))
        if m is None:
            continue
        before = joined_verbs(clause[: m.start()])
        if _PLACE_TIME_ASK_RE.match(m.group()):
            nouns = [t for t in _whole_nouns(before) if _asked_noun(t)][-1:]
            missing = [t for t in nouns if _credit(t, text) < YES_NO_CREDIT]
            if missing:
                return missing[0]
            continue
        nouns = [t for t in _whole_nouns(before) if _asked_noun(t)]
        if nouns and not any(
            _credit(t, text) >= YES_NO_CREDIT for t in nouns + _all_nouns(_SUBJECT_ASK_RE.sub(" ", nq))
        ):
            return nouns[0]
    return None


_PLACE_TIME_ASK_RE = re.compile(r"在哪|在什么地方|设在哪|什么时候|啥时候|何时")


def _all_nouns(question: str) -> list[str]:
    """Every noun of ``question`` jieba's dictionary holds, actors included ("支部大会", "党支部委员会"), two characters
    or more; no measure asked (时间, 人数: ``_MEASURE_WORDS``), total or scene word."""
    import jieba
    import jieba.posseg

    from service.rag.refusal.coverage import setting_word

    return [
        w.word
        for w in jieba.posseg.lcut(question)
        if len(w.word) >= 2
        and w.flag.startswith(("n", "vn", "j"))
        and jieba.dt.FREQ.get(w.word)
        and w.word not in _MEASURE_WORDS
        and w.word not in _UNASKED_WORDS
        and not setting_word(w.word)
    ]


def _whole_nouns(subject: str) -> list[str]:
    """``_subject_nouns`` of ``subject`` less those jieba cut from a one-character piece right after them ("影响" of
    "记大过的影响期": the member's compound 影响期 names the measure asked, 期间, in his own words; holdout7 h7-277)."""
    import jieba.posseg

    words = [w.word for w in jieba.posseg.lcut(subject) if w.word.strip()]
    glued = {
        w
        for w, after in itertools.pairwise(words)
        if len(after) == 1 and "\u4e00" <= after <= "\u9fff" and after not in "的之和与及或在是有要"
    }
    return [t for t in _subject_nouns(subject) if t not in glued]


def _asked_noun(term: str) -> bool:
    """Whether ``term`` is read as nouns by itself too (``_is_noun``; "一共" is tagged a noun only in "万州一共有"), no
    place name (``ns``: a place's figures are ``figures``'s) and no word of the scene (``coverage.setting_word``)."""
    from service.rag.refusal.coverage import setting_word

    return (
        _is_noun(term)
        and term not in _UNASKED_WORDS
        and not any(f.startswith("ns") for f in _flags(term))
        and not setting_word(term)
    )


# Words of a total or pronouns that jieba may tag as nouns in place ("万州一共有", "大家"): no thing asked about.
_UNASKED_WORDS = frozenset(
    {"一共", "总共", "共计", "合计", "总计", "大概", "大约", "左右", "具体", "目前", "大家", "别人", "人家"}
)
