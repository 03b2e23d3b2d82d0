"""What a question is about: its type and its informative terms, in matching normal form.

Both the extractive answerer (which sentences answer the question) and the refusal check (is the
question covered at all) need the same notion of "informative term": the words left after dropping
question words, function words and politeness. Everything here works on ``normalize_for_match`` text,
so a traditional question (「黨員有哪些義務」) yields the same terms as its simplified form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from service.text.normalize import normalize_for_match
from service.text.refs import article_no, first_ref

QuestionType = Literal["article", "list", "quantity", "definition", "general"]

# Question words and fillers removed before looking for terms (longest first when used in a regex).
_QUESTION_PHRASES = (
    "请问",
    "一共",
    "共有",
    "总共",
    "到底",
    "具体",
    "分别",
    "怎么说的",
    "怎么讲的",
    "原话",
    "请告诉我",
    "告诉我",
    "我想知道",
    "想了解",
    "能否",
    "可以",
    "是什么",
    "什么是",
    # "投票人数有什么要求": the kind of answer asked, not a topic ("……罢免的要求" is no answer for its 要求)
    "什么要求",
    "哪些要求",
    "啥要求",
    "指什么",
    "是指",
    "有哪些",
    "有哪几",
    "哪些",
    "哪几个",
    "哪几项",
    "哪几",
    "包括",
    "包含",
    "是多少",
    "多少",
    "多久",
    "多长时间",
    "多长",
    "多大",
    "多少年",
    "多少次",
    "多少天",
    "多大年纪",
    "多大年龄",
    "几年",
    "几岁",
    "几名",
    "几次",
    "几种",
    "什么时候",
    "何时",
    "哪天",
    "哪一天",
    "几个",
    "怎么样",
    "怎样",
    "怎么",
    "如何",
    "为什么",
    "什么",
    "规定了",
    "规定",
    "内容",
    "含义",
    "意思",
    "定义",
    "原文",
    "全文",
    "呢",
    "吗",
    "吧",
    "啊",
    "呀",
)
_QUESTION_RE = re.compile("|".join(sorted(map(re.escape, _QUESTION_PHRASES), key=len, reverse=True)))

# Function words and very generic words that say nothing about the topic.
_STOPWORDS_TEXT = (
    "的 了 和 与 及 或 是 在 有 对 中 为 把 被 让 要 会 能 就 都 也 还 又 并 而 其 之 以 于 从 向 等 个 些 这 那 "
    "哪 谁 何 几 吗 呢 吧 啊 我 你 他 她 它 我们 你们 他们 它们 咱 咱们 这个 那个 这些 那些 一个 一些 应该 应当 需要 "
    "必须 可以 能够 什么 怎么 如何 方面 问题 情况 关于 进行 一下 一般 主要 具体 相关 哪里 时候 时 所 "
    "上 下 里 给 按照 根据 请 下列 以下 如下 你好 您好 谢谢 再见 哈喽 hi hello 在吗 能不能 是不是 可不可以 "
    "有没有 要不要 会不会 什么时候 怎么办 为啥 我国 开始 "
    # words of the asking, not of the topic ("总书记是从哪些人当中产生的", "纪委的任期跟谁一样", "听说……是这样吗")
    "当中 之中 还是 一样 这样 那样 这种 那种 听说 现在 自己 有个 跟 同 像 算 叫 搞 该 得 想 让 "
    "最多 最少 最多能 最少要 几届 多少届"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
# Characters that make a token a function word when it consists of nothing else ("是从", "有个", "就要").
_FUNCTION_CHARS = frozenset(
    "的了和与及或是在有对中为把被让要会能就都也还又并而其之以于从向等个些这那哪谁何几吗呢吧啊我你他她它给所"
)

# "按什么步骤来", "分几步": a procedure's steps are a list ("按什么程序" is not: 民主评议党员 names its 程序 in a
# sentence, and a numbered list of another procedure would lead)
_LIST_RE = re.compile(r"哪些|哪几|包括|包含|几个方面|几方面|分别|有几[项条点种个]|列举|几步|(?:什么|啥)步骤")
_QUANTITY_RE = re.compile(r"多少|多久|多长|几[个年月天日次名人岁届项条期篇份页封]|多大|期限|任期|比例|人数")
_DEFINITION_RE = re.compile(r"是什么|指什么|什么是|含义|意思|定义|何谓|是指|是啥|什么叫")
# Words that may follow an article reference without asking anything beyond the article itself.
_ARTICLE_TAIL_RE = re.compile(
    r"^(?:的)?(?:内容|原文|全文|条文|规定|讲|说|写|的|是|有|了|什么|啥|怎么|如何|哪些|呢|吗|请|给出|看看|一下"
    r"|是怎样|怎样|的|[\s,.!?;:，。！？；：、])*$"
)


def detect_question_type(question: str) -> QuestionType:
    """Classify a question by what kind of evidence answers it (one pass of cheap regexes)."""
    q = normalize_for_match(question)
    if article_no(question) is not None and is_article_request(question):
        return "article"
    if _LIST_RE.search(q):
        return "list"
    if _QUANTITY_RE.search(q):
        return "quantity"
    if _DEFINITION_RE.search(q):
        return "definition"
    return "general"


# Words that ask, by what they ask for: a clause holding one is a question of its own.
_ASK_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("who", re.compile(r"谁")),
    ("duration", re.compile(r"多久|多长")),
    ("count", re.compile(r"几|多少")),
    ("how", re.compile(r"怎么|怎样|如何")),
    ("what", re.compile(r"什么|啥|哪")),
    ("whether", re.compile(r"是否|能否|可否|能不能|可不可以|吗")),
)


def _ask_kind(clause: str) -> str | None:
    return next((kind for kind, pattern in _ASK_KINDS if pattern.search(clause)), None)


def asks_twice(question: str) -> bool:
    """True when ``question`` asks two different things in clauses of its own ("入党介绍人要几个，谁能当": how
    many, and who): two of its clauses (split at ，,；;) hold asking words of different kinds (who / how long /
    how many / how / what / whether). "最短延多久，最长多久" asks one kind twice and is answered by one sentence.
    The answer then owes each ask its evidence, not only the one the best sentence answers (trial 3, item C13)."""
    clauses = re.split(r"[，,；;]", normalize_for_match(question))
    return len({k for k in map(_ask_kind, clauses) if k is not None}) >= 2


# "收了会怎样", "会受什么处分", "算不算违纪": the member describes an act or a situation in everyday words and asks
# what follows, or whether it is allowed. One pattern for the refusal check (``refusal/acts.py``: a penalty
# provision naming the act answers it) and for retrieval (the asking words are not the situation).
CONSEQUENCE_RE = re.compile(
    r"会怎样|会怎么样|会怎么办|会有什么后果|什么后果|受什么处分|给什么处分|什么处分|怎么处分|怎么处理|如何处理"
    r"|会不会违纪|算不算违纪|违纪吗|违规吗|违法吗|算违纪|会不会受处分|会被处分吗|会不会被处分|会受处分吗"
    # whether the act is allowed at all: "下班后常去私人会所打牌，有什么问题吗", "统一口径只说好话，这有事吗"
    r"|有什么问题|有问题吗|有没有问题|有事吗|有事没事|行吗|行不行|允许吗|让不让|犯错误吗"
    # a verdict asked in the texts' own word: "怎样算违反纪律", "这算不算违反规定", "是不是违反了廉洁纪律"
    r"|(?:算|是|属于|构成)(?:不算|不是|不属于)?违反了?[^，,。？?！!；;]{0,4}?(?:纪律|党纪|规定|规矩)"
    r"|违反了?[^，,。？?！!；;]{0,4}?(?:纪律|党纪|规定|规矩)(?:吗|么|没有)"
)


def asking_words(question: str, tokens: Sequence[str]) -> list[str]:
    """The ``tokens`` (jieba tokens of ``question`` in matching form) that belong only to a consequence or
    verdict ask (``CONSEQUENCE_RE``: 算违纪吗, 会被处分吗, 怎么处理), not to the situation the member describes:
    "党员私下找人算命看风水，算违纪吗" → ["违纪"]. Such a word names what the member wants to know, and the
    article that rules on the situation seldom repeats it (纪律处分条例第七十条 says 迷信活动……给予……处分, not
    违纪), while procedural texts about sanctions use it in every article (处分违纪党员批准权限和程序规定)."""
    nq = normalize_for_match(question)
    asks = [m.group(0) for m in CONSEQUENCE_RE.finditer(nq)]
    if not asks:
        return []
    situation = CONSEQUENCE_RE.sub(" ", nq)
    return [
        t for t in dict.fromkeys(tokens) if t.strip() and t not in situation and any(t in a for a in asks)
    ]


# The asks of ``CONSEQUENCE_RE`` that want a verdict on the situation: is it a violation, what sanction follows.
_VERDICT_RE = re.compile(r"违纪|违规|违法|违反|处分|后果|会怎样|会怎么样|犯错误")


def asks_verdict(question: str) -> bool:
    """True when ``question`` asks whether a situation it describes breaks a rule or what follows from it
    ("党员私下找人算命看风水，算违纪吗", "收了会怎样", "会不会被处分"): a ``CONSEQUENCE_RE`` ask holding a
    verdict word (违纪, 违法, 处分, 后果, 会怎样 …)."""
    nq = normalize_for_match(question)
    return any(_VERDICT_RE.search(m.group(0)) for m in CONSEQUENCE_RE.finditer(nq))


def is_article_request(question: str) -> bool:
    """True when the question asks for an article as such ("党章第三十二条", "第32条的内容是什么").

    Whatever names the document comes before the reference; after it only fillers may follow.
    "第三十二条规定的基本任务有哪些" asks something specific, so it is not a plain article request.
    """
    q = normalize_for_match(question)
    m = first_ref(q, "条")
    if m is None:
        return False
    # The tail starts after 第N条 and its 之X: an inserted article (第三条之一) is requested like any other
    # (the exact lookup tells it from 第三条).
    return bool(_ARTICLE_TAIL_RE.match(q[m.end :]))


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(60)
    return jieba


# How to present the answer, not what is asked: "党纪处分分几种？从轻到重说一下" ("从轻" is no topic: it found 从轻处分),
# "按顺序列一下", "依次说说", "简单讲讲". A clause of its own (after punctuation), ending the question.
_PRESENTATION_RE = re.compile(
    r"[，,。；;？?！!]\s*(?:请|麻烦)?(?:你)?"
    r"(?:(?:按|从)[\u4e00-\u9fff]{1,4}?(?:到|至)[\u4e00-\u9fff]{1,4}?(?:的顺序|的次序|排列)?"
    r"|按(?:照)?(?:顺序|次序)|依次|逐一|逐个|挨个|一个一个地?|简单|简要|详细|具体)"
    r"(?:地)?(?:说|讲|列|排|介绍|讲解)(?:一下|一遍|说|讲|出来|下)?[。！!？?~～]*\s*$"
)


def without_presentation(question: str) -> str:
    """``question`` less a closing clause that says how to present the answer (``_PRESENTATION_RE``), kept whole
    when nothing would be left: "党纪处分分几种？从轻到重说一下" → "党纪处分分几种？"."""
    m = _PRESENTATION_RE.search(question)
    if m is None or not question[: m.start()].strip():
        return question
    return question[: m.start() + 1] if question[m.start()] in "？?" else question[: m.start()]


def strip_question_words(question: str) -> str:
    """Matching-form question with question words and punctuation replaced by spaces."""
    q = normalize_for_match(question)
    q = _QUESTION_RE.sub(" ", q)
    return re.sub(r"[^\w]+", " ", q).strip()


@lru_cache(maxsize=1)
def _party_terms() -> tuple[str, ...]:
    """The Party terms of the shipped user dictionary (knowledge/userdict.txt, first column), longest first."""
    from service.config import REPO_ROOT

    path = REPO_ROOT / "knowledge" / "userdict.txt"
    if not path.is_file():
        return ()
    words = {line.split()[0] for line in path.read_text(encoding="utf-8").splitlines() if line.split()}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _whole_word(piece: str) -> bool:
    """Whether ``piece`` (a leftover of a word broken by a Party term) reads as a word: two characters or more, the
    last no function character."""
    return len(piece) >= 2 and piece[-1] not in _FUNCTION_CHARS


def _party_words(text: str) -> list[str]:
    """jieba words of ``text``, where a word that crosses the edge of a Party term of the user dictionary
    (``_party_terms``) gives way to the term: "党的纪律检查委员会" is cut 党的纪律 + 检查 + 委员会 by jieba's own
    dictionary, a 党的纪律 that the sentence "党的各级纪律检查委员会每届任期……" does not hold; it becomes 党的 +
    纪律检查委员会 (holdout7, h7-317). Words inside a term that cross no edge stay as they are (入党 + 誓词: the
    texts write "入党宣誓……誓词如下", never 入党誓词)."""
    words: list[str] = _jieba().lcut(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w)
    taken: list[tuple[int, int]] = []
    for party_term in _party_terms():
        start = text.find(party_term)
        while start >= 0:
            end = start + len(party_term)
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
            start = text.find(party_term, start + 1)
    out: list[str] = []
    i = 0
    while i < len(words):
        a, b = spans[i]
        # a word that holds a term whole (地方党委), lies inside one (检查) or is a term itself (党支部 of
        # 村党支部委员会, beside 支部委员会) crosses no edge
        edge = next(
            (
                (s, e)
                for s, e in taken
                if a < e and s < b and not (a <= s and e <= b) and not (s <= a and b <= e)
            ),
            None,
        )
        if words[i] in _party_terms():
            edge = None
        if edge is None:
            out.append(words[i])
            i += 1
            continue
        s, e = edge
        # the words overlapping the term: their parts outside it stay words, the term replaces the rest
        j = i
        while j > 0 and spans[j - 1][1] > s:
            j -= 1
        k = i
        while k + 1 < len(words) and spans[k + 1][0] < e:
            k += 1
        if i > j:
            del out[len(out) - (i - j) :]
        head = text[spans[j][0] : s]
        tail = text[e : spans[k][1]]
        # a broken word's leftover is kept only as a word of its own ("党的" of 党的纪律 is none)
        out.extend(x for x in (head, text[s:e], tail) if x == text[s:e] or _whole_word(x))
        i = k + 1
    return out


@lru_cache(maxsize=4096)
def _terms_cached(question: str) -> tuple[str, ...]:
    stripped = strip_question_words(question)
    terms: list[str] = []
    for token in _party_words(stripped):
        token = token.strip()
        if not token or token in STOPWORDS:
            continue
        if len(token) == 1 and not token.isdigit():
            continue  # single characters are mostly particles; bigram scoring still sees them
        if all(ch in _FUNCTION_CHARS for ch in token):
            continue  # "是从", "有个": jieba's pairs of particles
        if token not in terms:
            terms.append(token)
    return tuple(terms)


def informative_terms(question: str) -> list[str]:
    """Topic terms of a question in matching form, in question order ("党员 义务" for 党员有哪些义务)."""
    return list(_terms_cached(question))


# "A还是B", "A或者B？": the member offers alternatives; evidence for either answers the question.
_ALTERNATIVES_RE = re.compile(r"([\u4e00-\u9fff]{1,8}?)(?:还是|或者是|或者|或是)([\u4e00-\u9fff]{1,8})")


def alternatives(question: str) -> list[tuple[str, ...]]:
    """Groups of informative terms the question offers as alternatives ("党内选举是举手还是投票" →
    [("举手", "投票")]): the terms of the words just before and just after 还是/或者, in matching form. A
    group has two terms or more; terms outside any group are not listed."""
    out: list[tuple[str, ...]] = []
    for m in _ALTERNATIVES_RE.finditer(normalize_for_match(question)):
        left = informative_terms(m.group(1))
        right = informative_terms(m.group(2))
        if left and right:
            out.append((left[-1], right[0]))
    return out


def char_bigrams(text: str) -> set[str]:
    """Bigrams of word characters in matching form; punctuation breaks bigrams."""
    grams: set[str] = set()
    for run in re.findall(r"\w+", text):
        if len(run) == 1:
            grams.add(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams
