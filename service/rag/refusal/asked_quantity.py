"""What a quantity question asks for: the unit ("几天" → 天), a rate or amount of money, a frequency, a
duration or the length of one occurrence, a count of items, the noun measured ("指标") and the subject counted
("民主生活会"). ``quantities.number_answers`` checks the shown text against these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from service.rag.query_terms import STOPWORDS
from service.rag.refusal.coverage import CLAUSE_RE, FREQUENCY_RE, topic_terms
from service.rag.refusal.shapes import (
    AGE_ASK_RE,
    AMOUNT_ASK_RE,
    ASK_WORD_RE,
    ASKED_UNIT_RE,
    AWAITED_ACT_RE,
    BEFORE_ASK_FILLER_RE,
    COUNTED_ACT_RE,
    COUNTED_NOUN_RE,
    DURATION_ASK_RE,
    FREQUENCY_OBJECT_RE,
    GIVEN_COUNT_RE,
    MAX_ASK_RE,
    MIN_ASK_RE,
    MONEY_RE,
    OBJECT_TAIL_RE,
    PERSON_COUNT_ASK_RE,
    QUANTITY_ASK_RE,
    QUESTION_WORDS_RE,
    RATE_QUESTION_RE,
    STANDING_ASK_RE,
)
from service.text.normalize import normalize_for_match


def is_rate_question(question: str) -> bool:
    """True when ``question`` asks for a rate or an amount of money (a standard, a share, a sum).

    A question about a period or a count that merely names money ("几个月不交党费算自动脱党") is not one:
    its asked unit (个月) decides."""
    nq = normalize_for_match(question)
    if ASKED_UNIT_RE.search(nq):
        return False
    return bool(RATE_QUESTION_RE.search(nq) or (MONEY_RE.search(nq) and AMOUNT_ASK_RE.search(nq)))


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
    ]
)


def about_terms(terms: Sequence[str]) -> list[str]:
    """The terms of a quantity question that name what is counted or measured, in order: ``terms`` without the
    nouns of measure an answer leaves implicit (年龄 for 岁: "年满十八岁" never says 年龄) and the words of the ask
    itself (门槛, 得满); all of ``terms`` when nothing else is left.

    "要入党得满多少岁，年龄上有没有门槛" is about 入党 only, so "年满十八岁的……可以申请加入中国共产党" answers it
    (it was refused: 年龄, 门槛 and 得满 are in no sentence that states an age)."""
    kept = [t for t in terms if t not in _MEASURE_NOUNS and not ASK_WORD_RE.match(t)]
    return kept or list(terms)


# "有多少个基层党组织": a measure word and a noun of two characters after the ask; 有 (一共有, 共有) before it.
_COUNTED_AFTER_RE = re.compile(r"[个名位项条种家所座次人][\u4e00-\u9fff]{2}")
# The whole that holds what is counted, before 有: "全国有", "我们党一共有".
_HAS_BEFORE_RE = re.compile(
    r"(?:全国|全省|全市|全县|全区|全党|我们党|我党|我国|中国|全世界|世界上)(?:目前|现在|如今|一共|总共|共)*有$"
)


def counted_nouns(question: str) -> list[str]:
    """The nouns a "X有多少个Y(、多少名Z)" question counts, X a whole (全国, 我们党) that holds them (their first two
    characters after the measure word: "全国有多少个基层党组织、多少名党员" → [个基层, 名党员]), when a measure word follows
    the first ask; else
    [] ("一个党支部最多有多少名党员" asks a rule, answered by "党员人数一般不超过 50 人"). The number that
    answers stands right before one ("480多万个基层党组织"): "党支部党员人数一般不超过 50 人" does not count 党支部
    (``quantities.number_answers``)."""
    nq = normalize_for_match(question)
    asks = list(QUANTITY_ASK_RE.finditer(nq))
    if not asks or not _HAS_BEFORE_RE.search(CLAUSE_RE.split(nq[: asks[0].start()])[-1]):
        return []
    out = [m.group(0) for ask in asks if (m := _COUNTED_AFTER_RE.match(nq, ask.end())) is not None]
    return out if _COUNTED_AFTER_RE.match(nq, asks[0].end()) else []


def measured_noun(question: str) -> str | None:
    """The noun a quantity question asks the amount of, when it stands right before the question word:
    "党员发展每年的指标是多少名" → 指标; None for what is no noun ("一年开几次", "受了以后多久"), a word
    of manner or time (任期, 每年), a noun of measure the answer leaves implicit (年龄, 时间) or nothing.

    The number that answers must stand by that noun: "发展对象应当有两名正式党员作入党介绍人" gives no
    发展指标 (issue 11, item 5: a quantity whose number is not in the evidence is refused)."""
    from service.rag.query_terms import _jieba

    nq = normalize_for_match(question)
    ask = QUANTITY_ASK_RE.search(nq)
    if ask is None:
        return None
    clause = CLAUSE_RE.split(nq[: ask.start()])[-1]
    if counted_nouns(question):
        # "全国有多少个基层党组织": what holds the things counted (全国, 我们党) is no measure; the counted noun after
        # the measure word is (holdout6 h6-224)
        return None
    before = BEFORE_ASK_FILLER_RE.sub("", clause)
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
        or FREQUENCY_RE.match(word)
        or re.match(r"[一二两三四五六七八九十每]", word)  # 一次, 每次: a count of occasions, no noun
        or not _is_noun(word)
        # "能派多少个代表": a modal and a verb jieba reads as one unknown noun (能派) is an act, no measured thing
        or (word[0] in "能可" and _is_verb(word[1:]))
        # "被免职的干部多久不能安排领导职务": how long asks of a period the person undergoes, and the rule that states
        # it leaves the person implicit ("受到……免职处理的，1年内不得安排领导职务"; issue 11 item 3)
        or (DURATION_ASK_RE.search(nq) is not None and word.endswith(_PERSON_HEADS))
    ):
        return None
    return word


# Heads of nouns that name people: a period is never their measure.
_PERSON_HEADS = (
    "干部",
    "党员",
    "同志",
    "人员",
    "书记",
    "委员",
    "代表",
    "对象",
    "分子",
    "群众",
    "员",
    "者",
    "人",
)


HEAD_MIN = 4  # shorter phrases (党员, 支部) are too generic to be a question's subject


# The text a question cites as its source ("2020年那篇基层党建文章说", "那篇报道里讲"): what it describes (基层党建) is the
# text's topic, not what the question measures.
CITED_SOURCE_RE = re.compile(
    r"[^，,。？?]{0,24}?(?:那篇|这篇|一篇|那份|这份)[^，,。？?]{0,16}?(?:文章|报道|讲话|文件|材料|通讯)"
    r"(?:里|中|上)?(?:说|讲|提到|写到|写|指出|要求|介绍)?"
)


def subject_phrase(question: str, known: Callable[[str], bool]) -> str | None:
    """What the quantity question counts or measures: the phrase of ``HEAD_MIN``+ characters, made of whole
    words, that the knowledge base uses and that ends nearest the question word of the quantity clause
    (the shortest such): "民主生活会每年开几次" → 民主生活会, "党员领导干部民主生活会每年开几次" → 民主生活会,
    "那第一书记任期多久" → 第一书记; None when there is none. The text a question cites as its source is left out
    (``CITED_SOURCE_RE``): "2020年那篇基层党建文章说每个村要储备几名……后备力量" does not measure 基层党建.

    Words of manner and measure (最长, 不得, 至少, 期限, 任期 …) are no part of a subject, and a phrase that
    holds a verb describes an act ("多久内不能在党内提升职务": 党内提升职务 is what may not happen, not what
    is measured; 条例(2023)第十条 says 提拔职务)."""
    clauses = CLAUSE_RE.split(CITED_SOURCE_RE.sub(" ", normalize_for_match(question)))
    clause = next((c for c in clauses if QUANTITY_ASK_RE.search(c)), clauses[0])
    ask = QUANTITY_ASK_RE.search(clause)
    if ask is None:
        return _best_subject(clause, known)
    # What is measured stands before the question word, or right after it as the counted noun ("几次志愿服务");
    # what follows a verb after it is the predicate's object ("多长时间内要向本人和支部党员宣布": 支部党员 are
    # told, they are not measured).
    counted = COUNTED_NOUN_RE.match(clause, ask.end())
    before = _best_subject(clause[: ask.start()], known)
    # A phrase the question itself counts is given, not measured: "一名正式党员最多能同时给几个人当入党介绍人" asks
    # about 入党介绍人, one 正式党员 being fixed.
    given = [g[:4] for g in GIVEN_COUNT_RE.findall(clause[: ask.start()])]
    if before and any(before.startswith(g) or g.startswith(before) for g in given):
        before = None
    return before or (_best_subject(counted.group(1), known) if counted else None)


def _best_subject(clause: str, known: Callable[[str], bool]) -> str | None:
    """The known phrase of ``HEAD_MIN``+ characters of whole words in ``clause`` that ends last (shortest)."""
    from service.rag.query_terms import _jieba

    runs: list[list[str]] = [[]]
    for word in _jieba().lcut(QUESTION_WORDS_RE.sub(" ", clause)):
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
        # the rule itself, named as the source of the number ("规定多长时间内要谈话", "按要求几天内报告"): no
        # noun the number measures (issue 11, situations in members' words)
        "规定",
        "要求",
        "制度",
    ]
)


def awaited_act(nq: str) -> str | None:
    """The act ending the wait a "X后多久要Y" question asks about ("转出后多久要转入" → 转入): its first jieba
    word when that is a plain verb; None otherwise (trial 3, item 29)."""
    from service.rag.query_terms import _jieba

    m = AWAITED_ACT_RE.search(nq)
    if m is None or "一次" in m.group(1):
        return None
    words = _jieba().lcut(m.group(1))
    return words[0] if words and len(words[0]) >= 2 and _is_verb(words[0]) else None


# Acts every meeting or activity is said to be held by: not specific to what is counted.
_GENERIC_HELD = frozenset(["召开", "举行", "举办", "开展", "进行", "组织", "参加", "安排"])


def counted_act(nq: str) -> str | None:
    """The act a "……几次" question counts the occurrences of, when the two characters before 几次 are one plain verb
    that is no generic holding verb (召开, 举行 …): "党支部书记每年向谁述职几次" → 述职; None for "每年开几次" or
    "至少讲几次"."""
    m = COUNTED_ACT_RE.search(nq)
    if m is None or m.group(1) in _GENERIC_HELD or not _is_verb(m.group(1)):
        return None
    return m.group(1)


def frequency_object(nq: str) -> str | None:
    """The activity a "多久……一次X" or "几次X" question asks the frequency of ("多久要交一次思想汇报" → 思想汇报,
    "每年要开几次民主生活会" → 民主生活会), or None."""
    m = FREQUENCY_OBJECT_RE.search(nq)
    if m is None:
        return None
    obj = OBJECT_TAIL_RE.sub("", m.group(1) or m.group(2))
    return obj if len(obj) >= 2 else None


def asked_unit(question: str) -> str | None:
    """The unit a quantity question asks in (matching form): "几天" → 天, "多少名" → 名, "多大年纪" → 岁, "年龄上限是
    多少" → 岁 (the measure noun names the unit: a number of 人 or 年 answers no age), "党龄要求是多少" → 年; None when
    it names none."""
    m = ASKED_UNIT_RE.search(question)
    if m:
        return m.group(1) or m.group(2)
    if AGE_ASK_RE.search(question):
        return "岁"
    if PERSON_COUNT_ASK_RE.search(question):
        return "人"  # "要几个委员到场才能开": "须有半数以上委员到会", "代表人数不得超过5人"
    return "年" if STANDING_ASK_RE.search(question) else None


def asked_bound(question: str) -> str | None:
    """The bound a quantity question asks for: ``"max"`` for an upper one ("培养考察期最长多久", "最多几个人",
    "上限是多少"), ``"min"`` for a lower one ("至少多少岁", "最短多久"), None when it asks for neither or both
    ("最短延多久，最长多久")."""
    nq = normalize_for_match(question)
    upper, lower = MAX_ASK_RE.search(nq) is not None, MIN_ASK_RE.search(nq) is not None
    if upper == lower:
        return None
    return "max" if upper else "min"


# A bound word before a number ("不超过三个月", "不能少于半年", "年满十八岁") or after it ("一年以上", "三个月以内").
# Negated forms come first so that 不超过 is not read as 超过; a word of each direction, read in its own clause.
_BOUND_BEFORE_RE = re.compile(
    r"(?P<max>不得?超过|不能超过|不应超过|最长|最多|至多|最高|不满|未满|不足|少于|低于)"
    r"|(?P<min>不得?少于|不能少于|不应少于|不得?低于|不能低于|最短|最少|至少|最低|年满|满|超过|多于|高于)"
)
_BOUND_AFTER_RE = re.compile(
    r"\s*(?:个)?[年月日天周次名人岁届项条倍小时工作日分钟]{0,3}(?:(?P<min>以上|多(?![少于])|有余)|(?P<max>以内|以下|之内|为限))"
)


_BAN_RE = re.compile(r"[，,]?[\u4e00-\u9fff]{0,2}?(?:不得|不能|不准|不再|禁止)")


def stated_bound(sentence: str, start: int, end: int) -> str | None:
    """The bound the number at ``sentence[start:end]`` states: ``"max"`` ("最长不超过一年", "三个月以内", "不足7人"),
    ``"min"`` ("一年以上", "不能少于半年", "年满十八岁") or None for an exact value or a range ("为一年", "三年至五年").

    The word after the number wins ("不少于三年以上" is a minimum either way); a word before it counts only within
    its clause, up to six characters back."""
    after = _BOUND_AFTER_RE.match(sentence, end)
    if after and after.group("max") and _BAN_RE.match(sentence, after.end()):
        return None  # "一年内不得在党内提升职务": how long a ban lasts, not a deadline
    if after:
        return "min" if after.group("min") else "max"
    before = re.split(r"[，,；;：:、]", sentence[max(0, start - 6) : start])[-1]
    last = None
    for m in _BOUND_BEFORE_RE.finditer(before):
        last = m
    if last is None:
        return None
    return "max" if last.group("max") else "min"


# -- the body a quantity is about (issue 11, item 5: a party organisation's quota is not a people's congress's) --
# Families of bodies: a number stated for one family does not answer a question about another ("基层党组织选举
# 候选人差额" is not answered by 地方组织法's 人民代表大会 候选人数应比应选人数多一人至三人). Longest names first.
BODY_FAMILIES: dict[str, tuple[str, ...]] = {
    "party": (
        "中国共产党",  # a party document's title: 《中国共产党支部工作条例（试行）》
        "党的基层委员会",
        "党的代表大会",
        "党的委员会",
        "基层党组织",
        "党的组织",
        "支部委员会",
        "总支部委员会",
        "纪律检查委员会",
        "党员大会",
        "党组织",
        "党支部",
        "党总支",
        "党小组",
        "党代会",
        "党委",
        "党组",
        "支部",
        "纪委",
        "支委会",
    ),
    "congress": ("人民代表大会", "人大常委会", "人大"),
    "government": ("人民政府", "政府"),
    "villagers": ("村民委员会", "村民代表会议", "村民会议", "村民小组", "村委会"),
    "residents": ("居民委员会", "居民会议", "居民小组", "居委会"),
    "supervision": ("监察委员会", "监察机关", "监委"),
    "courts": ("人民法院", "人民检察院", "法院", "检察院"),
}


_BODY_RE = re.compile(
    "|".join(
        sorted(
            (re.escape(n) for names in BODY_FAMILIES.values() for n in names),
            key=len,
            reverse=True,
        )
    )
)
_BODY_FAMILY = {n: family for family, names in BODY_FAMILIES.items() for n in names}


def body_families(text: str) -> set[str]:
    """The families of bodies (``BODY_FAMILIES``) ``text`` (matching form) names: "党支部委员会候选人" → {party},
    "人民代表大会常务委员会委员的候选人数" → {congress}; a party body inside a state one's name counts once, by its
    longest name."""
    return {_BODY_FAMILY[m.group()] for m in _BODY_RE.finditer(text)}


# A term of office asked: "高校党委每届任期几年", "校长一届干几年", "任期多长".
_TENURE_ASK_RE = re.compile(r"每一?届|一届|这一?届|任期|届期")


def tenure_holder(question: str) -> str | None:
    """Whose term of office a quantity ``question`` asks about: the last topic word (``coverage.topic_terms``, two
    characters or more) before its tenure word (每届, 一届, 任期), in matching form: "那高校校长一届任期几年" → 校长,
    "党支部委员会每届任期几年" → 委员会, "党小组长一届任期几年" → 党小组长; None when the question asks no term of office
    or names no holder before it. A term of office is a post's or a body's own: 高校党委's 5 年 is not the 校长's."""
    nq = normalize_for_match(question)
    for clause in CLAUSE_RE.split(nq):
        if not QUANTITY_ASK_RE.search(clause):
            continue
        m = _TENURE_ASK_RE.search(clause)
        if m is None:
            continue
        words = [t for t in topic_terms(clause[: m.start()]) if len(t) >= 2]
        return words[-1] if words else None
    return None


# The posts of a committee that serve its term: 村民委员会主任、副主任和委员 are elected for the 村民委员会's 每届任期五年.
_COMMITTEE_POSTS = frozenset({"主任", "副主任", "委员", "成员", "书记", "副书记"})


def tenure_body(question: str) -> str | None:
    """The body whose post a term-of-office ``question`` asks about ("村委会主任一届干几年" → 村委会, "居委会主任一届干
    几年" → 居委会): the topic word right before the holder (``tenure_holder``) when the holder is one of the body's
    posts (``_COMMITTEE_POSTS``: 主任, 委员, 书记 …), else None. The body's own term (居民委员会每届任期五年) is its
    posts' term; a 校长 or a 党小组长 is no post of the 党委 or 支部委员会 whose term is stated (law12)."""
    holder = tenure_holder(question)
    if holder not in _COMMITTEE_POSTS:
        return None
    nq = normalize_for_match(question)
    for clause in CLAUSE_RE.split(nq):
        m = _TENURE_ASK_RE.search(clause)
        if m is None or not QUANTITY_ASK_RE.search(clause):
            continue
        words = [t for t in topic_terms(clause[: m.start()]) if len(t) >= 2]
        if (
            len(words) >= 2
            and words[-1] == holder
            and clause.find(words[-2]) + len(words[-2]) == clause.find(holder)
        ):
            return words[-2]
        return None
    return None
