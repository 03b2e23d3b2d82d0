"""What a quantity question asks for: the unit ("几天" → 天), a rate or amount of money, a frequency, a
duration or the length of one occurrence, a count of items, the noun measured ("指标") and the subject counted
("民主生活会"). ``quantities.number_answers`` checks the shown text against these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from service.rag.query_terms import STOPWORDS
from service.rag.refusal.coverage import CLAUSE_RE, FREQUENCY_RE
from service.text.normalize import normalize_for_match

# A rate or amount question needs a rate or an amount, not any number ("党费交纳标准是多少": 十八岁 is no rate).
_RATE_QUESTION_RE = re.compile(
    r"比例|费率|比率|税率|多少钱|金额|几成|百分之几|标准(?:是|为)?多少|多少.{0,4}标准|按.{0,8}标准交"
)


# Money asked for without a rate word: "党费具体交多少", "退休党员的党费怎么算", "扣多少工资和奖金".
MONEY_RE = re.compile(r"党费|工资|薪水|薪酬|报酬|补贴|津贴|奖金|经费|费用|罚款|慰问金|补偿|赔偿|钱")


_AMOUNT_ASK_RE = re.compile(
    r"多少|怎么算|怎样算|如何算|怎么计算|如何计算|怎么交|交几|几块|怎么定级|如何定级|什么级别|标准"
)


def is_rate_question(question: str) -> bool:
    """True when ``question`` asks for a rate or an amount of money (a standard, a share, a sum).

    A question about a period or a count that merely names money ("几个月不交党费算自动脱党") is not one:
    its asked unit (个月) decides."""
    nq = normalize_for_match(question)
    if _ASKED_UNIT_RE.search(nq):
        return False
    return bool(_RATE_QUESTION_RE.search(nq) or (MONEY_RE.search(nq) and _AMOUNT_ASK_RE.search(nq)))


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


# Words of the ask, not of what is asked about: the name of a limit ("年龄有没有门槛") or a modal the segmenter glues
# to 满/够/到 ("要入党得满多少岁": 得满).
_ASK_WORD_RE = re.compile(r"^(?:门槛|界限|限制|上限|下限|标准|要求)$|^[得要须需应能可][满够到]$")


def about_terms(terms: Sequence[str]) -> list[str]:
    """The terms of a quantity question that name what is counted or measured, in order: ``terms`` without the
    nouns of measure an answer leaves implicit (年龄 for 岁: "年满十八岁" never says 年龄) and the words of the ask
    itself (门槛, 得满); all of ``terms`` when nothing else is left.

    "要入党得满多少岁，年龄上有没有门槛" is about 入党 only, so "年满十八岁的……可以申请加入中国共产党" answers it
    (it was refused: 年龄, 门槛 and 得满 are in no sentence that states an age)."""
    kept = [t for t in terms if t not in _MEASURE_NOUNS and not _ASK_WORD_RE.match(t)]
    return kept or list(terms)


_BEFORE_ASK_FILLER_RE = re.compile(
    r"(?:是|为|有|要|能|得|的|在|一共|总共|共|大概|大约|至少|最多|最少|最长|最短|最久|最高|最低|上限|下限|至多|顶多|一般|到底|都)+$"
)


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
    before = _BEFORE_ASK_FILLER_RE.sub("", CLAUSE_RE.split(nq[: ask.start()])[-1])
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


QUANTITY_ASK_RE = re.compile(r"多少|几|多久|多长|多大")
# 几 after a pronoun or demonstrative, or in 好几, counts nothing the question asks: "我们几个同乡搞了个老乡会，
# 有问题吗", "这几年", "好几个月没交党费" describe the situation (issue 11, item 5).
DETERMINER_RE = re.compile(r"(?:我们|你们|他们|她们|咱们|这|那|好)几(?=[个位名年天月次])")


def subject_phrase(question: str, known: Callable[[str], bool]) -> str | None:
    """What the quantity question counts or measures: the phrase of ``HEAD_MIN``+ characters, made of whole
    words, that the knowledge base uses and that ends nearest the question word of the quantity clause
    (the shortest such): "民主生活会每年开几次" → 民主生活会, "党员领导干部民主生活会每年开几次" → 民主生活会,
    "那第一书记任期多久" → 第一书记; None when there is none.

    Words of manner and measure (最长, 不得, 至少, 期限, 任期 …) are no part of a subject, and a phrase that
    holds a verb describes an act ("多久内不能在党内提升职务": 党内提升职务 is what may not happen, not what
    is measured; 条例(2023)第十条 says 提拔职务)."""
    clauses = CLAUSE_RE.split(normalize_for_match(question))
    clause = next((c for c in clauses if QUANTITY_ASK_RE.search(c)), clauses[0])
    ask = QUANTITY_ASK_RE.search(clause)
    if ask is None:
        return _best_subject(clause, known)
    # What is measured stands before the question word, or right after it as the counted noun ("几次志愿服务");
    # what follows a verb after it is the predicate's object ("多长时间内要向本人和支部党员宣布": 支部党员 are
    # told, they are not measured).
    counted = _COUNTED_NOUN_RE.match(clause, ask.end())
    before = _best_subject(clause[: ask.start()], known)
    # A phrase the question itself counts is given, not measured: "一名正式党员最多能同时给几个人当入党介绍人" asks
    # about 入党介绍人, one 正式党员 being fixed.
    given = [g[:4] for g in GIVEN_COUNT_RE.findall(clause[: ask.start()])]
    if before and any(before.startswith(g) or g.startswith(before) for g in given):
        before = None
    return before or (_best_subject(counted.group(1), known) if counted else None)


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
FREQUENCY_ASK_RE = re.compile(
    r"(?:多久|多长时间|多少年|几年|几个月|多少个月|多少天|几天|几周)(?:才|就|要|得|需要)?"
    r"(?:召开|举行|举办|开|过|办)?一次"
)


# "多久" is answered by a duration ("一年", "6个月", "届满"), not by "一个又一个".
# "期限是多长", "预备期多长", "任期一般多长": a period noun before 多长 asks a duration too (trial 4, F: "由两人以上进行"
# answers no 审查调查期限)
DURATION_ASK_RE = re.compile(
    r"多久|多长时间|多长的?时间|多少时间|(?:期|限|期间|时间|时长)(?:是|为|有|一般|大概)?多长"
)


_QUESTION_WORDS_RE = re.compile(
    r"多少|多久|多长时间|多长|多大|几|是|要|需要|应当|可以|一般|至少|最多|最少|每"
)


_GENERIC_HEAD_RE = re.compile(r"^(?:中国共产党|中华人民共和国)|[年月日次]$")


COUNT_ASK_RE = re.compile(r"几[项条种点类个](?:方面)?(?!人|小时|月|工作日|字)|多少[项条种点类]")


# A measure word that is not an item word (代, 级, 倍, 辈: "查到几代亲属", "工资降几级", "罚几倍") asks for a number
# of that unit too: a list of contents or 同级 does not answer it (issue 11, item 5, trial 5).
_ASKED_UNIT_RE = re.compile(
    r"(?:几|多少)(个工作日|工作日|学时|个?小时|个月|周岁|个人|个字|[天日年月周次字名人岁届篇份页封代级倍辈])"
)


# How many must agree, attend or sign: answered by a share of the members ("三分之二以上", "半数以上").
THRESHOLD_ASK_RE = re.compile(
    r"到会|到场|在场|同意|赞成|通过|表决|出席|签名|联名|有效|算数|才能|方可"
    r"|(?:需要|至少|应当|要|得|必须)[^，,。？?]{0,6}参加"
)


# How long one occurrence lasts ("主题党日每次搞多长时间", "党小组会一次开几个小时"), not how often it recurs.
LENGTH_ASK_RE = re.compile(
    r"(?:每次|一次|每回|一回)[^，,。？?]{0,8}(?:多长时间|多久|多长|几个?小时|几天|多少分钟|多少小时|多少天)"
    r"|(?:持续|历时|开|讲|谈|搞)(?:上)?(?:多长时间|多久|几个?小时|多少分钟)"
)


# "多久交一次思想汇报", "几年开一次党代会": the activity whose frequency is asked follows 一次.
_FREQUENCY_OBJECT_RE = re.compile(
    r"(?:多久|多长时间|几[年个月天周]+|多少[年天])[^，,。？?]{0,6}?一次([\u4e00-\u9fff]{2,8})"
    # "每年要开几次民主生活会": the activity counted follows 几次 (trial 4, F: 每年至少讲 1 次党课 is no answer)
    r"|(?:几|多少)次([\u4e00-\u9fff]{2,8})"
)


GIVEN_COUNT_RE = re.compile(
    r"(?<![第几多少])(?:\d+|[一二两三四五六七八九十]+)\s*[个名位](?!月)([\u4e00-\u9fff]{2,4})"
)


ASKED_PART_RE = re.compile(r"(?:几|多少)[个名位人项条种次]?[\u4e00-\u9fff]{0,4}")


_OBJECT_TAIL_RE = re.compile(r"(?:呢|吗|啊|呀|才行|就行|合适|比较好|为好)+$")


# "转出后多久要转入", "受处分后多久可以入党": the act a waiting time ends with follows 多久 (not "多久一次", not
# "多久内不能…", where the act is what may not happen meanwhile).
_AWAITED_ACT_RE = re.compile(
    r"(?:后|以后|之后)[^，,。？?]{0,4}?(?:多久|多长时间)(?:以后|之后|后)?(?:要|才|才能|就|就要|需要|应当|应该|必须)"
    r"([\u4e00-\u9fff]{2,6})"
)


def awaited_act(nq: str) -> str | None:
    """The act ending the wait a "X后多久要Y" question asks about ("转出后多久要转入" → 转入): its first jieba
    word when that is a plain verb; None otherwise (trial 3, item 29)."""
    from service.rag.query_terms import _jieba

    m = _AWAITED_ACT_RE.search(nq)
    if m is None or "一次" in m.group(1):
        return None
    words = _jieba().lcut(m.group(1))
    return words[0] if words and len(words[0]) >= 2 and _is_verb(words[0]) else None


# "向谁述职几次", "每年轮训几次": the act whose occurrences a count question counts stands right before 几次.
_COUNTED_ACT_RE = re.compile(r"([\u4e00-\u9fff]{2})(?:过|了)?(?:几|多少)次")


# Acts every meeting or activity is said to be held by: not specific to what is counted.
_GENERIC_HELD = frozenset(["召开", "举行", "举办", "开展", "进行", "组织", "参加", "安排"])


def counted_act(nq: str) -> str | None:
    """The act a "……几次" question counts the occurrences of, when the two characters before 几次 are one plain verb
    that is no generic holding verb (召开, 举行 …): "党支部书记每年向谁述职几次" → 述职; None for "每年开几次" or
    "至少讲几次"."""
    m = _COUNTED_ACT_RE.search(nq)
    if m is None or m.group(1) in _GENERIC_HELD or not _is_verb(m.group(1)):
        return None
    return m.group(1)


def frequency_object(nq: str) -> str | None:
    """The activity a "多久……一次X" or "几次X" question asks the frequency of ("多久要交一次思想汇报" → 思想汇报,
    "每年要开几次民主生活会" → 民主生活会), or None."""
    m = _FREQUENCY_OBJECT_RE.search(nq)
    if m is None:
        return None
    obj = _OBJECT_TAIL_RE.sub("", m.group(1) or m.group(2))
    return obj if len(obj) >= 2 else None


# "多大年纪", "年龄是多少": an age, answered in 岁 (年满十八周岁).
# "年龄要求是多少", "年龄门槛是多少": the age a rule sets.
_AGE_ASK_RE = re.compile(
    r"多大(?:的)?(?:年纪|年龄|岁数)|(?:年纪|年龄|岁数)(?:上)?(?:的)?(?:要求|限制|标准|门槛|界限)?(?:是|要|有|为)?多少|多大了"
)


def asked_unit(question: str) -> str | None:
    """The unit a quantity question asks in (matching form): "几天" → 天, "多少名" → 名, "多大年纪" → 岁;
    None when it names none."""
    m = _ASKED_UNIT_RE.search(question)
    if m:
        return m.group(1)
    return "岁" if _AGE_ASK_RE.search(question) else None


# -- the bound a question asks for (issue 11, item 5: "最长多久" is not answered by "一年以上") ---------------
_MAX_ASK_RE = re.compile(r"最长|最多|最久|最晚|最迟|最高|最大|上限|至多|顶多|不超过|封顶")
_MIN_ASK_RE = re.compile(r"最短|最少|最低|最早|最小|下限|至少|起码|不少于|不低于|最快")


def asked_bound(question: str) -> str | None:
    """The bound a quantity question asks for: ``"max"`` for an upper one ("培养考察期最长多久", "最多几个人",
    "上限是多少"), ``"min"`` for a lower one ("至少多少岁", "最短多久"), None when it asks for neither or both
    ("最短延多久，最长多久")."""
    nq = normalize_for_match(question)
    upper, lower = _MAX_ASK_RE.search(nq) is not None, _MIN_ASK_RE.search(nq) is not None
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
