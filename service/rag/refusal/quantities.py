"""Numbers in evidence: whether the shown text holds the number a quantity question asks for, standing by
the question's subject and in the asked unit (issue 11, item 5: a quantity or rate question whose number is
not in the evidence is refused), and whether a quantity question names a payment the evidence never mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from service.rag.refusal.asked_quantity import (
    about_terms,
    asked_bound,
    asked_unit,
    awaited_act,
    body_families,
    counted_act,
    counted_nouns,
    frequency_object,
    is_rate_question,
    measured_noun,
    stated_bound,
    subject_phrase,
    tenure_holder,
)
from service.rag.refusal.coverage import (
    PAREN_RE,
    abbreviation_re,
    question_terms,
    term_credit,
    term_forms,
)
from service.rag.refusal.numbered_terms import ITEM_LINE_RE
from service.rag.refusal.predicates import asked_predicate, states_predicate
from service.rag.refusal.shapes import (
    ASKED_PART_RE,
    COUNT_ASK_RE,
    DURATION_ASK_RE,
    FREQUENCY_ASK_RE,
    GIVEN_COUNT_RE,
    LENGTH_ASK_RE,
    MONEY_RE,
    QUANTITY_ASK_RE,
    RATE_QUESTION_RE,
    STANDING_RE,
    STATISTIC_ASK_RE,
    THRESHOLD_ASK_RE,
)
from service.text import vocabulary
from service.text.normalize import normalize_for_match

# Any quantity in an answer: digits, numerals other than the ubiquitous 一, or 一 with a unit (一年, 一次).
# An ordinal ("第一次投票", "第三条") counts nothing.
_NUMBER_RE = re.compile(r"(?<!第)(?:\d|[二两三四五六七八九十百千半]|一[个年月日天周次名人岁届项条倍])")


_RATE_RE = re.compile(r"\d\s*(?:元|%|％|‰)|[百千万]?元|百分之|分之|[一二三四五六七八九十]成")
# A ratio ("师生比不低于 1:200", "1∶350"): a rate too, when it stands by what the question is about (``_ratio_answers``).
_RATIO_RE = re.compile(r"\d\s*[:：∶]\s*\d")
# Words that ask for a rate, not what it is of ("专职辅导员按什么比例配": 比例).
_RATE_WORD_RE = re.compile(r"比例|比率|费率|税率|标准|金额|师生比|配比")


NUMBER_WINDOW = 24  # characters between a question term and the number that answers it
# What may stand between a number and its measure word: its magnitude ("480多万个基层党组织").
_COUNTED_GAP_RE = re.compile(r"\s*[多万千百亿余]*\s*")


def _counts(sentence: str, start: int, end: int, counted: str) -> bool:
    """Whether the number ``sentence[start:end]`` counts the noun of ``counted`` (the question's measure word and the
    noun's first characters, ``asked_quantity.counted_nouns``: 个基层): the measure word, then the noun, after the
    number's magnitude: "480多万个基层党组织" counts 基层党组织; "不足 7 人的党支部" and "研究1次党支部建设" count no
    党支部, and an ordinal (第三十四条) counts nothing."""
    while start > 0 and (
        sentence[start - 1].isdigit() or sentence[start - 1] in "零一二两三四五六七八九十百千万"
    ):
        start -= 1
    if start > 0 and sentence[start - 1] == "第":
        return False
    gap = _COUNTED_GAP_RE.match(sentence, end)
    if gap is None:
        return False
    rest = sentence[gap.end() :].lstrip()
    if sentence[start:end].rstrip().endswith(counted[0]):  # the match holds the measure word ("480多万个")
        return rest.startswith(counted[1:])
    return rest.startswith(counted) or rest.startswith(counted[0] + " " + counted[1:])


def unnamed_payment(question: str, evidence: str) -> str | None:
    """A payment the quantity ``question`` names (补贴, 奖金, 党费 …: ``MONEY_RE``) that ``evidence`` never
    mentions, else None: "入党满多少年可以领取党龄补贴" is not answered by "必须有五年以上的党龄", which pays
    nothing."""
    from service.rag.query_terms import _jieba

    norm = normalize_for_match(evidence)
    nq = normalize_for_match(question)
    named = [m.group() for m in MONEY_RE.finditer(nq) if m.group() != "钱"]
    # any fee or sum the question coins ("转正费", "丧葬费", "抚恤金"), not 消费/浪费 (acts)
    words: list[str] = _jieba().lcut(nq)
    for k, w in enumerate(words):
        if w in ("费", "金") and k > 0:
            w = words[k - 1] + w  # jieba cuts 转正费 into 转正 + 费
        if len(w) >= 2 and w[-1] in "费金" and w not in _NOT_PAYMENTS:
            named.append(w)
    for word in named:
        if not any(form in norm for form in term_forms(word)):
            return str(word)
    return None


_NOT_PAYMENTS = frozenset(["消费", "浪费", "花费", "免费", "收费", "黄金", "资金"])


# A period that is only the window of an asked count or frequency ("一年交几次", "每月开几次"): no subject of the number.
_WINDOW_TERM_RE = re.compile(r"[一每]?(?:个|半)?(?:年|月|季度|周|星期|天|届)")


# A measure stated as the same as another's: "每届任期和同级党的委员会相同", "任期与本届党委一致".
_SAME_AS_RE = re.compile(r"(?:和|与|同|跟)[^，,。；;]{1,16}?(?:相同|一致|同步)")
SAME_AS_GAP = 2  # characters between the question's measure word and 和/与 ("任期和", "任期同")


def _bodies_spelled(question: str) -> str:
    """``question`` (matching form) with the short names of bodies written out in their formal form (vocabulary.tsv:
    纪委 → 纪律检查委员会, 支委会 → 支部委员会): only forms ending in 委员会, other everyday words are kept."""
    vocab = vocabulary.load()
    for word in sorted(vocab.forms, key=len, reverse=True):
        forms = [f for f in vocab.formal_forms(word) if f.endswith("委员会")]
        if forms and word in question and forms[0] not in question:
            question = question.replace(word, forms[0])
    return question


def _same_as(sentence: str, terms: Sequence[str]) -> bool:
    """Whether ``sentence`` states a measure the question names (one of ``terms`` of two characters or more: 任期) as
    the same as another's ("每届任期和同级党的委员会相同"): that answers how long it is without a number of its own."""
    for m in _SAME_AS_RE.finditer(sentence):
        before = sentence[max(0, m.start() - SAME_AS_GAP - 4) : m.start()]
        if any(
            len(t) >= 2 and t in before and before.rfind(t) + len(t) >= len(before) - SAME_AS_GAP
            for t in terms
        ):
            return True
    return False


def number_answers(
    question: str, shown_text: str, known: Callable[[str], bool] | None = None, headings: str = ""
) -> bool:
    """True when the shown text holds a number that can answer the quantity ``question``.

    The number must stand near (``NUMBER_WINDOW`` characters, same sentence) a term of the question, so
    "年满十八岁……按期交纳党费" does not answer "党费交纳标准是多少"; a rate or amount question needs a rate or
    an amount (元, %, 百分之). Questions without informative terms only need a number. A count question
    ("基本任务一共几项") is answered by the enumerated items themselves.

    With ``known`` (does a phrase occur in the knowledge base?), the question's subject — its longest
    phrase of ``HEAD_MIN``+ characters that the knowledge base uses ("民主生活会", "第一书记") — must be in
    the number's sentence, the one before, the lead-in of its list or the cited document's title
    (``headings``): "党支部每年至少召开 1 次组织生活会" does not say how often
    民主生活会 meet (issue 11, item 5).

    The number must also fit what is asked: not the opposite bound ("最长多久" is not answered by "一年以上",
    ``stated_bound``), not a quantity of another family of bodies (``body_families``: 人民代表大会's quota for a 党支部
    question, read from the number's sentences, else the cited titles in ``headings``), a comparison for "比……多几个",
    and not a number of people who must sign or agree unless that is asked ("十人以上书面联名")."""
    norm = normalize_for_match(shown_text)
    terms = [t for t in question_terms(question) if len(t) >= 2] or question_terms(question)
    nq = normalize_for_match(question)
    rate = is_rate_question(question)
    if rate:
        # the rate word names what is asked, not what it is asked about: "党旗的长和宽比例是多少" is not answered by
        # "师生比不低于 1:200 的比例" for its 比例
        terms = [t for t in terms if not RATE_QUESTION_RE.fullmatch(t)] or terms
    if not rate and COUNT_ASK_RE.search(nq) and len(ITEM_LINE_RE.findall(shown_text)) >= 2:
        return True
    asks_length = LENGTH_ASK_RE.search(nq) is not None
    pattern = _RATE_RE if rate else _DURATION_RE if DURATION_ASK_RE.search(nq) else _NUMBER_RE
    if asks_length and pattern is _DURATION_RE:
        pattern = _LENGTH_RE
    asked = asked_unit(nq)
    if asked and not rate:
        pattern = _asked_unit_re(asked, shares=THRESHOLD_ASK_RE.search(nq) is not None)
    if FREQUENCY_ASK_RE.search(nq) and not rate:
        # "支委会多久开一次" asks how often: "每届任期三年至五年" is a duration, not a frequency.
        asked, pattern = None, _FREQUENCY_ANSWER_RE
    activity = frequency_object(nq)
    act = counted_act(nq)
    awaited = awaited_act(nq) if pattern is _DURATION_RE else None
    # What the question itself counts ("一名正式党员最多能给几个人当介绍人": 一名正式党员): a number of that thing in
    # the text counts something else, written before it ("两名正式党员作入党介绍人") or after it ("有正式党员 7 人以上的
    # 党支部", "正式党员不足 7 人").
    given = [g[:4] for g in GIVEN_COUNT_RE.findall(ASKED_PART_RE.sub(" ", nq))]
    head = subject_phrase(question, known) if known is not None and QUANTITY_ASK_RE.search(nq) else None
    if head is None and known is not None and QUANTITY_ASK_RE.search(nq):
        # "纪委一届干几年": the body named by its short form (纪律检查委员会), whose 每届任期 the number must be
        head = subject_phrase(_bodies_spelled(nq), known)
    measured = None if rate else measured_noun(question)
    counted = [] if rate else counted_nouns(question)
    bound = asked_bound(question)
    frequency = FREQUENCY_ASK_RE.search(nq) is not None
    difference = DIFFERENCE_ASK_RE.search(nq) is not None
    threshold = THRESHOLD_ASK_RE.search(nq) is not None
    timed = pattern in (_DURATION_RE, _LENGTH_RE) or (asked or "").lstrip("个") in _TIME_UNITS
    bodies = body_families(nq)
    titled = body_families(normalize_for_match(headings))
    predicate = asked_predicate(question)
    holder = tenure_holder(question)
    standing = STANDING_RE.search(nq)
    statistic = STATISTIC_ASK_RE.search(nq) is not None
    sentences = re.split(r"[。！？!?\n]", norm)
    if not rate and any(decides_stated_case(question, s, asked) for s in sentences):
        return True
    if not rate and not COUNT_ASK_RE.search(nq):
        # "每届任期和同级党的委员会相同": the length asked is stated as another body's (holdout6 h6-056), in a sentence
        # about the question's own body ("村民小组组长任期与村民委员会的任期相同" is no 党小组组长's)
        measures = [*terms, *vocabulary.load().expand_text(nq)]
        for s in sentences:
            if not _same_as(s, measures) or (bodies and not bodies & body_families(s)):
                continue
            if head and not _names_head(head, f"{s} {PAREN_RE.sub('', normalize_for_match(headings))}"):
                continue
            return True
    if rate and _ratio_answers(terms, sentences):
        return True
    for i, sentence in enumerate(sentences):
        if (
            asks_length
        ):  # 每月召开 1 次 is no length, nor is 每届任期 5 年 (a term of office) that of one sitting
            sentence = _STATED_FREQUENCY_RE.sub(lambda m: "＿" * len(m.group()), sentence)
            sentence = _STATED_TENURE_RE.sub(lambda m: "＿" * len(m.group()), sentence)
        numbers = [
            m.start()
            for m in pattern.finditer(sentence)
            if not any(
                sentence.startswith(g, m.end(), m.end() + len(g) + 1)
                or g in sentence[max(0, m.start() - len(g) - GIVEN_GAP) : m.start()]
                for g in given
            )
            # "培养考察最长多久" is not answered by "一年以上" (a lower bound), nor "至少几岁" by "不超过" one
            and not (bound and stated_bound(sentence, m.start(), m.end()) == _OPPOSITE[bound])
            # "代表三十人以上书面联名" is how many must sign, not how many delegates there are
            and (threshold or not _THRESHOLD_AFTER_RE.match(sentence, m.end()))
            # "在24小时内通知其家属" is the deadline of 通知, not how long 审查调查 lasts
            and not (timed and _deadline_of_other_act(sentence, m.start(), m.end(), terms))
            # "影响期满" and "届满" name the end of a period, not how long it is at most or at least
            and not (bound and not _HOLDS_NUMERAL_RE.search(m.group()))
            # 每半年 is a frequency, no bound on how long something lasts
            and not (bound and not frequency and sentence.startswith("每", m.start()))
            # "培养联系人要有几年党龄": 一年以上培养教育 is no 党龄; "1 年以上党龄", "党龄满一年" are
            and not (standing and not _of_standing(sentence, m.start(), m.end(), standing.group()))
            # "平均年龄由46岁下降至40岁" reports a figure; it states no limit or rule ("年龄上限是多少岁")
            and (statistic or not _STATISTIC_CLAUSE_RE.search(_clause_at(sentence, m.start(), "，,；;")))
            # "全国有多少个基层党组织": the number counts that noun ("480多万个基层党组织")
            and (not counted or any(_counts(sentence, m.start(), m.end(), c) for c in counted))
        ]
        if not numbers:
            continue
        if not terms:
            return True
        # The sentence with the number (with the one before it, which often names the subject) must be about
        # the question: a good share of its terms, one of them near the number.
        context = "".join(sentences[max(0, i - 2) : i + 1])
        if _covered(terms, context) < NUMBER_SENTENCE_COVERAGE:
            continue
        start = max(0, i - 1)
        item = ITEM_LINE_RE.match(sentences[i].strip()) is not None
        while start > 0 and (ITEM_LINE_RE.match(sentences[start]) or (item and not sentences[start].strip())):
            # an item of a list ("（三）记大过，十八个月") is about what the list's lead-in names; an item's own
            # list may have blank lines between its items
            start -= 1
        near = PAREN_RE.sub("", "".join(sentences[start : i + 1]))  # 党委（党组）书记 is 党委书记
        if predicate and not states_predicate(predicate, near if item else PAREN_RE.sub("", sentence)):
            continue  # "年满多少岁可以不参加组织生活": 年满十八岁……可以申请加入中国共产党 is the age of another predicate
        if difference and not _COMPARES_RE.search(sentence):
            continue  # "要比应选人多几个" is answered by a comparison ("应比应选人数多一人至三人"), not by any count
        # a quota of 人民代表大会 does not answer one of a 党支部: the body named by the number's sentences, else by the
        # cited documents' titles (《地方各级人民代表大会和地方各级人民政府组织法》)
        if bodies and not bodies & (body_families(near) or titled or bodies):
            continue
        if head and not _names_head(head, f"{near} {PAREN_RE.sub('', normalize_for_match(headings))}"):
            continue
        if holder and term_credit(holder, near) < HEAD_CREDIT:
            continue  # "那高校校长一届任期几年": 高校党委……每届任期 5 年 is the term of another holder
        if act and not any(term_credit(act, _clause_at(sentence, p)) >= HEAD_CREDIT for p in numbers):
            continue  # "向谁述职几次": 至少参加 1 次……集中轮训 counts another act, in the number's own clause
        if activity and term_credit(activity, near) < HEAD_CREDIT:
            continue  # "多久交一次思想汇报": 每半年……进行一次考察 is another activity's frequency
        if awaited and term_credit(awaited, near) < HEAD_CREDIT:
            continue  # "转出后多久要转入": 延长一年留党察看期限 is how long something else lasts
        # 县（市、区、旗）党委 names 县委: the parenthesised alternatives stand between the abbreviation's characters
        if (
            measured
            and not _names_measured(measured, nq, context)
            and not _names_measured(measured, nq, PAREN_RE.sub("", context))
            and measured not in headings
        ):
            continue
        if asked and not rate and predicate:
            # the number carries the unit asked and its sentence states the predicate asked ("要满多少岁才能入党":
            # 年满十八岁的……可以申请加入中国共产党), however long the clause in between
            return True
        if asked and not rate and _covered(about_terms(terms), sentence) >= ASKED_UNIT_COVERAGE:
            # The number carries the unit asked for (岁, 次) in a sentence about the question: "年满十八岁的……
            # 可以申请加入中国共产党" answers "入党申请人要满多少岁", however long the clause in between.
            return True
        for t in terms:
            if _WINDOW_TERM_RE.fullmatch(t) and len(terms) > 1:
                continue  # "党费一年交几次": 一年 is the window counted in, not what is counted (每年至少召开两次)
            for p0, length in _positions(t, sentence):
                if any(abs(p - p0) <= NUMBER_WINDOW + length for p in numbers):
                    return True
        if start < i and _lead_in_names(sentences[start], terms):
            # "政务处分的期间为：……（二）记过，十二个月": each item's number is of what the lead-in names
            # (trial 4, A: 处分期间各是多长)
            return True
    return False


def _ratio_answers(terms: Sequence[str], sentences: Sequence[str]) -> bool:
    """Whether a sentence states a ratio ("专职辅导员岗位按照师生比不低于 1:200 的比例设置") of what a rate question is
    about: a term of the question other than its rate words (``_RATE_WORD_RE``: 比例) within ``NUMBER_WINDOW``
    characters of the ratio, and at least ``NUMBER_SENTENCE_COVERAGE`` of those terms in the sentence ("党旗的长和宽
    比例是多少" is not answered by 辅导员's 1:200; holdout4 h4-208)."""
    about = [t for t in terms if not _RATE_WORD_RE.fullmatch(t)]
    if not about:
        return False
    for sentence in sentences:
        ratios = [m.start() for m in _RATIO_RE.finditer(sentence)]
        if not ratios or _covered(about, sentence) < NUMBER_SENTENCE_COVERAGE:
            continue
        for t in about:
            for p0, length in _positions(t, sentence):
                if any(abs(p - p0) <= NUMBER_WINDOW + length for p in ratios):
                    return True
    return False


def _names_measured(measured: str, question: str, context: str) -> bool:
    """Whether ``context`` names the noun a quantity question measures (``measured_noun``): the noun itself
    (``term_credit`` of ``HEAD_CREDIT`` or more), or the compound it heads in the question contracted to the noun's
    first character, the way Chinese names meetings and bodies: "党小组会议多久开一次" is answered by "党小组会一般
    每月召开 1 次" (党小组 + 会 of 会议)."""
    if term_credit(measured, context) >= HEAD_CREDIT:
        return True
    from service.rag.query_terms import _jieba

    at = question.find(measured)
    words = [w for w in _jieba().lcut(question[:at]) if w.strip()] if at > 0 else []
    return bool(words) and len(words[-1]) >= 2 and f"{words[-1]}{measured[0]}" in context


STATED_CASE_FIT = 0.4  # least ``stated_quantity.fit`` of a sentence that decides the member's stated case


def decides_stated_case(question: str, sentence: str, asked: str | None = None) -> bool:
    """Whether ``sentence`` (matching form) states the threshold that decides a quantity ``question`` states about
    its case, in the dimension asked (``asked``: the asked unit, else a period for 多久): "同事今年刚满十七岁……年龄
    要求是多少" is answered by "年满十八岁的……可以申请加入中国共产党", however many words of the member's
    situation (同事, 今年, 交上去) the sentence leaves out (issue 11 item 3)."""
    from service.rag import stated_quantity

    want = _stated_case_dimension(question, asked)
    return want is not None and stated_quantity.fit(question, sentence, dimension=want) >= STATED_CASE_FIT


@lru_cache(maxsize=1024)
def _stated_case_dimension(question: str, asked: str | None) -> str | None:
    """The dimension asked (``asked``'s, else a period for 多久) when ``question`` states a quantity of it about
    its case, else None: read once per question, not once per evidence sentence (``decides_stated_case``)."""
    from service.rag import stated_quantity

    dims = {q.dimension for q in stated_quantity.stated(question)}
    if not dims:
        return None
    nq = normalize_for_match(question)
    want = (
        stated_quantity.unit_dimension(asked) if asked else "period" if DURATION_ASK_RE.search(nq) else None
    )
    return want if want in dims else None


def _lead_in_names(lead_in: str, terms: Sequence[str]) -> bool:
    """Whether ``lead_in`` introduces a list ("政务处分的期间为：") and names one of ``terms``: the numbers of the
    items that follow it are then of the thing it names."""
    stripped = lead_in.strip()
    if not stripped.endswith((":", "：")):
        return False
    return any(_positions(t, stripped) for t in terms)


_OPPOSITE = {"max": "min", "min": "max"}


# A reported figure: an average, a change from one figure to another, a share or a year-on-year comparison ("村党组织
# 书记平均年龄由换届前的46岁下降至40岁", "占比由56%提高至98%"): a fact of a report, no rule.
_STATISTIC_CLAUSE_RE = re.compile(
    r"平均|由[^，,；;。]{0,16}?(?:下降|降低|减少|提高|提升|上升|增加|增长|扩大|缩小)(?:到|至|为)|同比|占比|百分点|较上年"
)


STANDING_GAP = 6  # characters between a number and the standing it measures: "五年以上的党龄", "党龄满一年"


def _of_standing(sentence: str, start: int, end: int, standing: str) -> bool:
    """Whether the number at ``sentence[start:end]`` measures ``standing`` (党龄, 工龄 …): the word follows it within
    ``STANDING_GAP`` characters of its clause ("1 年以上党龄", "五年以上的党龄") or precedes it ("党龄满一年")."""
    after = re.split(r"[，,；;：:、]", sentence[end : end + STANDING_GAP])[0]
    before = re.split(r"[，,；;：:、]", sentence[max(0, start - STANDING_GAP) : start])[-1]
    return standing in after or standing in before


def _clause_at(sentence: str, position: int, marks: str = "；;") -> str:
    """The part of ``sentence`` between the ``marks`` around ``position``; by default the semicolons:
    "县级党委每年至少专题研究1次党支部建设工作" of a sentence that goes on "；……在述职评议考核中……"."""
    start = max(sentence.rfind(c, 0, position) for c in marks) + 1
    ends = [i for i in (sentence.find(c, position) for c in marks) if i >= 0]
    return sentence[start : min(ends) if ends else len(sentence)]


_HOLDS_NUMERAL_RE = re.compile(r"[\d一二两三四五六七八九十百千半每]")


_TIME_UNITS = frozenset(["天", "日", "工作日", "小时", "月", "年", "周"])


# "在一个月内派人同入党申请人谈话": a deadline, the act it limits following 内 in the same clause.
_DEADLINE_RE = re.compile(
    r"\s*(?:个)?(?:小时|工作日|日|天|周|月|年)?\s*(?:以内|之内|内)(?P<act>[^，,；;。、：:]*)"
)


# Acts that end what the question is about ("三个月内作出决定", "一个月内办结"): a deadline for one is the duration asked.
_COMPLETION_RE = re.compile(r"完成|办结|结束|审结|结案|作出|答复|审批|批准|处理|处置|决定|审理|办理")


# The recipient after a verb of sending ("上报至中央纪委", "报送给上级党委", "通知到本人"): it closes the act's clause.
_RECIPIENT_RE = re.compile(r"(?<=[报送交告知])(?:至|到|给)[\u4e00-\u9fff]{1,12}$")


def _deadline_of_other_act(sentence: str, start: int, end: int, terms: Sequence[str]) -> bool:
    """Whether the number at ``sentence[start:end]`` is the deadline of an act the question does not ask about: "在24
    小时内通知其所在单位和家属" for "审查调查最长多久" (trial 4, F). The number's clause must share a question term (half
    its bigrams: "处置意见应当在……1个月内提出" for "线索处置要多久", "一个月内派人同入党申请人谈话" for "多久要找人
    谈话") or end what is asked (完成, 作出, 办结 …). The recipient of a sent act (``_RECIPIENT_RE``: "上报至中央纪委")
    is no part of it: "应当在24小时内逐级上报至中央纪委" does not answer "纪委审查调查最长能搞多久"."""
    m = _DEADLINE_RE.match(sentence, end)
    if m is None or not m.group("act").strip():
        return False  # no deadline, or a ban in a clause of its own ("一年半内，不得……")
    if _COMPLETION_RE.search(m.group("act")):
        return False
    # whom the act goes to is not what it is ("逐级上报至中央纪委" is a report, not what 纪委 does; extra trial)
    act = _RECIPIENT_RE.sub("", m.group("act"))
    clause = re.split(r"[，,；;：:]", sentence[:start])[-1] + act
    return not any(term_credit(t, clause) >= HEAD_CREDIT for t in terms if len(t) >= 2)


# A number of people who must act for something to happen: "十人以上书面联名", "五分之一以上的党员提议".
_THRESHOLD_AFTER_RE = re.compile(r"[^，,；;。]{0,8}?(?:联名|提议|附议|签名|同意|赞成|到会|出席)")


# "候选人要比应选人多几个", "差额是多少": a difference between two numbers, stated as one ("多于", "比……多").
DIFFERENCE_ASK_RE = re.compile(
    r"比[^，,。？?]{1,12}多(?:几|多少|出)|多出(?:几|多少)|差额(?:是|为|有)?(?:几|多少)"
)
_COMPARES_RE = re.compile(r"比[^，,；;。]{0,12}多|多于|少于|差额|多出")


GIVEN_GAP = 3  # characters between a counted noun and its number: "正式党员不足 7 人", "正式党员达 3 人"
ASKED_UNIT_COVERAGE = 0.6  # share of the question's terms the sentence itself holds (length-weighted)


def _covered(terms: Sequence[str], text: str) -> float:
    """Length-weighted share of ``terms`` in ``text`` (every term counts: the number's sentence must be about the
    question as asked, its circumstances included)."""
    total = sum(len(t) for t in terms) or 1
    return sum(len(t) * term_credit(t, text) for t in terms) / total


def _positions(term: str, sentence: str) -> list[tuple[int, int]]:
    """(start, length) of each occurrence of ``term`` in ``sentence`` under any of its forms (``term_forms``),
    or as an abbreviated phrase (中央全会 in "中央委员会全体会议")."""
    out: list[tuple[int, int]] = []
    for form in term_forms(term):
        out += [(m.start(), len(form)) for m in re.finditer(re.escape(form), sentence)]
    if not out and 3 <= len(term) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in term):
        out += [(m.start(), len(m.group())) for m in abbreviation_re(term).finditer(sentence)]
    return out


# a level named relative to the asker or to each body: 各级党委, 上级党委, 上一级党组织, 同级纪委
_LEVEL_PREFIX_RE = re.compile(r"各级|上一级|上级|下一级|下级|同级|本级")


def _names_head(head: str, text: str) -> bool:
    """Whether ``text`` names the subject ``head``: the whole phrase (``term_credit`` ≥ ``HEAD_CREDIT``), or
    each of its jieba words under its own forms (≥ ``HEAD_WORD_CREDIT``): "……可以申请加入中国共产党" names
    入党申请人 (入党 → 加入中国共产党, 申请人 by its bigram 申请), "组织生活会" does not name 民主生活会 (民主). A
    dictionary word made of two (地方党委) is read as its two parts."""
    from service.rag.query_terms import _jieba

    if term_credit(head, text) >= HEAD_CREDIT:
        return True
    level = _LEVEL_PREFIX_RE.match(head)
    if level is not None and len(head) > level.end() + 1:
        # "各级党委多久检查一次": the text names each level instead ("县（市、区、旗）党委每半年检查一次，省、自治区、直辖市
        # 党委每年检查一次"), so the body without 各级 is the subject (reg-108); "上级党委多久给批复": the level is
        # relative to the asker, the text names the body at its own level ("单位基层党委……批复"; holdout4, h4-108)
        return _names_head(head[level.end() :], text)
    words = [w for w in _jieba().lcut(head) if w]
    if len(words) == 1:
        # one dictionary word made of two ("地方党委" → 地方 + 党委, named by "党的地方各级委员会"): its search-mode parts
        # when they spell it exactly
        parts = [w for w in _jieba().lcut_for_search(head) if w != head]
        words = parts if "".join(parts) == head else words
    return len(words) >= 2 and all(term_credit(w, text) >= HEAD_WORD_CREDIT for w in words)


@lru_cache(maxsize=64)
def _asked_unit_re(unit: str, shares: bool = False) -> re.Pattern[str]:
    """A number of the asked ``unit`` or a compatible one: "多少字" needs a number of 字, "几天" one of 天/日;
    another quantity does not answer it. A share ("三分之二以上", "半数") counts people only with ``shares``:
    where the question asks how many must agree or attend, never how large a body is
    ("中央委员会一共有多少名委员")."""
    unit = unit[1:] if unit in ("个小时", "个人", "个字") else unit
    units = _COMPATIBLE_UNITS.get(unit, unit)
    return re.compile(
        # an ordinal ("第十九次全国代表大会") counts nothing, nor does a rank ("上一级党组织")
        rf"(?<![第\d一二两三四五六七八九十百千{'上下' if unit == '级' else ''}])"
        # "9500多万名党员", "三百余名": 多/余 and 万/亿 may stand between the number and its unit
        rf"(?:\d+|[一二两三四五六七八九十百千半过]+)\s*(?:[多余]?[万亿]|[多余])?(?:个)?(?:{units})"
        + (
            r"|半数|过半|[一二三四五六七八九十]+分之[一二三四五六七八九十]+"
            if unit in "名人" and shares
            else ""
        )
    )


def holds_asked_quantity(question: str, sentence: str) -> bool:
    """True when ``sentence`` holds a quantity of the kind the quantity ``question`` asks for: a number with
    the asked unit ("要满多少岁" → 十八岁, "一年开几次" → 一次), or a duration for "多久"; False when the question
    asks for no unit or duration. Used by the extractor to prefer the sentence that holds the answer."""
    nq = normalize_for_match(question)
    if is_rate_question(question):
        return False
    if FREQUENCY_ASK_RE.search(nq):
        return _FREQUENCY_ANSWER_RE.search(normalize_for_match(sentence)) is not None
    asked = asked_unit(nq)
    if asked:
        shares = THRESHOLD_ASK_RE.search(nq) is not None
        return _asked_unit_re(asked, shares).search(normalize_for_match(sentence)) is not None
    if DURATION_ASK_RE.search(nq):
        return _DURATION_RE.search(normalize_for_match(sentence)) is not None
    return False


HEAD_CREDIT = 0.5  # a paraphrase keeps most of the subject's bigrams ("延长一次预备期" for 延长预备期)


HEAD_WORD_CREDIT = 0.4  # each word of the subject, when the phrase as a whole is not there


_FREQUENCY_ANSWER_RE = re.compile(
    r"每[个半]?[\d一二两三四五六七八九十]*\s*(?:个)?(?:年|季度|月|周|天|日)"
    r"|[\d一二两三四五六七八九十]+\s*(?:个)?(?:年|月|周|天)(?:至少)?(?:召开|举行|开展)?一次"
)


_DURATION_RE = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百半]+)\s*(?:个)?(?:年|月|日|天|周|小时|工作日|届)|届满|期满|[一二两三四五六七八九十]+年半"
    r"|每(?:个|半)?(?:年|季度|月|周|天|日|届)"  # "多久开一次": a frequency
)


NUMBER_SENTENCE_COVERAGE = 0.25


_LENGTH_RE = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百半]+)\s*(?:个)?(?:年|月|日|天|周|小时|分钟|工作日)|[一二两三四五六七八九十]+年半"
)


# A term of office in a sentence: 每届任期 5 年, 任期一般为 3 年, 任期三年至五年.
_STATED_TENURE_RE = re.compile(
    r"(?:每一?届|任期|届期)[^，,；;。]{0,8}?(?:\d+|[一二两三四五六七八九十]+)\s*(?:个)?(?:年|月)"
    r"(?:至(?:\d+|[一二两三四五六七八九十]+)\s*年)?"
)


# A frequency in a sentence: 每月召开 1 次, 每年……不少于 1 次, 每月相对固定1 天.
_STATED_FREQUENCY_RE = re.compile(
    r"每(?:个|半)?(?:年|季度|月|周|天|日|届)[^，,；;。]{0,12}?(?:\d+|[一二两三四五六七八九十]+)\s*(?:次|天|日)"
)


_COMPATIBLE_UNITS = {
    "天": "天|日|工作日",
    "日": "天|日|工作日",
    "个工作日": "工作日|天|日",
    "工作日": "工作日|天|日",
    "学时": "学时|小时",
    "小时": "小时|学时",
    "个月": "月",
    "月": "月",
    "名": "名|人",
    "人": "人|名",
    "岁": "岁|周岁",
    "周岁": "岁|周岁",
}
