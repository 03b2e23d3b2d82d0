"""Term coverage: how much of a question's wording the evidence holds.

A question term counts as present under its own spelling, its formal forms (``service/text/vocabulary.tsv``:
红包 → 礼金), a frequency form (一年 → 每年), an abbreviation of an evidence phrase (村委会 ← 村民委员会) or, in
part, by its character bigrams. ``term_coverage`` is the length-weighted share the refusal decision
(``decision.assess``) adds the dense bonus to; the quantity checks use the same per-term credit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from service.rag.query_terms import alternatives, informative_terms
from service.text import vocabulary
from service.text.normalize import normalize_for_match

# "一年开几次" asks how often: the regulations write 每年 (每年至少举行一次), 每月, 每届.
FREQUENCY_RE = re.compile(r"^[一1]个?(年|月|周|季度|天|日|届)$")
# An A-not-A ask of a verb as one jieba word ("设不设", "交不交", "同意不同意"): the verb is what the evidence states.
A_NOT_A_TERM_RE = re.compile(r"^([\u4e00-\u9fff]{1,2})不\1$")


def term_forms(term: str) -> list[str]:
    """The spellings under which ``term`` (matching form) counts as present in evidence: itself, its formal
    forms (``service/text/vocabulary.tsv``: 纪委 → 纪律检查委员会, 红包 → 礼金) and, for a span of one time
    unit used as a frequency ("一年开几次"), 每 + the unit (每年); for an A-not-A ask of a verb ("设不设",
    ``A_NOT_A_TERM_RE``), the verb (设)."""
    forms = [term, *vocabulary.load().formal_forms(term)]
    m = FREQUENCY_RE.match(term)
    if m:
        forms.append(f"每{m.group(1)}")
    if (m := A_NOT_A_TERM_RE.match(term)) is not None:
        forms.append(m.group(1))  # "党的支部设不设纪委": "……支部委员会设纪律检查委员" (holdout7, h7-074)
    return forms


def term_credit(term: str, evidence: str) -> float:
    """``_credit`` of the term or of its best form (``term_forms``); a term that starts with an everyday word of the
    vocabulary and goes on with two characters or more ("县委书记" = 县委 + 书记, "纪委书记") has at least the lower
    credit of its two parts, the first under its formal forms: "党的地方各级委员会全体会议，选举……书记、副书记" names
    the 县委书记 (党章第二十八条; holdout7 h7-053)."""
    best = max(_credit(form, evidence) for form in term_forms(term))
    if best >= 1.0:
        return best
    for word in vocabulary.load().forms:
        if len(term) - len(word) >= 2 and term.startswith(word):
            first = max(_credit(form, evidence) for form in term_forms(word))
            best = max(best, min(first, _credit(term[len(word) :], evidence)))
    return best


@lru_cache(maxsize=4096)
def abbreviation_re(term: str) -> re.Pattern[str]:
    return re.compile("[\u4e00-\u9fff]{0,3}".join(map(re.escape, term)))


def _abbreviates(term: str, evidence: str) -> bool:
    """Whether ``term`` (2–4 Chinese characters) is an abbreviation of a phrase in ``evidence``.

    Chinese abbreviations keep characters of the full name in order (村委会 ← 村民委员会, 人大常委会 ←
    人民代表大会常务委员会): the term's characters must occur in order with at most three Chinese characters
    between neighbours and no punctuation (see 《现代汉语词典》 on 缩略语). Two characters are too short to
    tell (纪委) unless they contract a coordination: 市县 ← "市和县" (the first character, a conjunction, then
    the second), or name a party committee by its level (``_committee_re``: 县委 ← "县（市、区、旗）党委")."""
    if not all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return False
    if len(term) == 2:
        return bool(_coordination_re(term).search(evidence) or _committee_re(term).search(evidence))
    if not 3 <= len(term) <= 4:
        return False
    return bool(abbreviation_re(term).search(evidence))


@lru_cache(maxsize=4096)
def _committee_re(term: str) -> re.Pattern[str]:
    """A party committee named by its level and 委 (县委, 省委, 党委): the level, then the committee's name within
    ``COMMITTEE_GAP`` characters of one list of levels ("县（市、区、旗）党委", "省、自治区、直辖市党委",
    "党的地方各级委员会"); a pattern that never matches for a term not ending in 委."""
    if term[1] != "委":
        return re.compile(r"(?!)")
    # the gap names levels only, never another body: "市人民代表大会常务委员会" is no 市委
    gap = rf"(?:(?!会|人民|政府)[\u4e00-\u9fff、（）()]){{0,{COMMITTEE_GAP}}}?"
    return re.compile(rf"{re.escape(term[0])}{gap}(?:党委|委员会)")


COMMITTEE_GAP = (
    12  # characters of a list of levels between the first level and the committee (省、自治区、直辖市党委)
)


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


# Words that set the scene of a member's question rather than name its topic, by class (closed lists: jieba's
# part-of-speech tags are too noisy on single words, it tags 首都 as an adverb and 年休假 as a time word).
_SETTING_TEXT = (
    # time deixis ("我儿子今年17岁", "我转正以后")
    "今年 去年 前年 明年 后年 今天 昨天 明天 现在 目前 如今 最近 近来 当时 平时 平常 以前 以后 之前 之后 后来 最后 "
    "刚才 刚刚 年底 年初 月底 月初 大半年 那时 到时候 到时 "
    # narrative adverbs of time, frequency and manner ("马上去", "经常聚一聚", "迟迟不批", "私下拉票")
    "马上 立刻 已经 一直 经常 常常 时常 老是 总是 迟迟 偶尔 有时 往往 突然 早就 一向 向来 随便 偷偷 私下 其实 确实 "
    # the limit or estimate a quantity question asks for ("审理组至少几个人": 两人以上; "最晚能拖到什么时候")
    "至少 至多 最晚 最早 最长 最短 最快 大概 大约 差不多 "
    # places and directions relative to the speaker ("外面的协会", "那边的报酬")
    "外面 里面 外地 当地 本地 这边 那边 这里 那里 哪儿 这儿 那儿 "
    # people in general and the reflexive pronoun ("领导给大家打个分", "有人私下拉票", "能不能自己先定下来")
    "大家 大伙 别人 人家 他人 各位 有人 自己 自个 "
    # directional complements of a verb ("定下来", "说出来", "传出去"): they finish the verb, they name no topic
    "下来 起来 出来 上来 过来 下去 上去 出去 回来 进来 "
    # a negated modal or particle ("会不会管" → 不会, "要不要公开" → 不要)
    "不会 不要 不来 不去 不能 不行 不该 不用"
)
_SETTING_WORDS = frozenset(_SETTING_TEXT.split())
# A bare count: "17" (岁), "几个", "一次" ("那一次会"); a year ("2025年" → 2025) dates what is asked and is no setting.
_COUNT_RE = re.compile(r"\d{1,3}|[一二两三四五六七八九十百半几]+[个次名位件回遍]?")


# "兼个职", "打个分", "开个会": a measure word inside a separable verb (离合词 兼职, 打分, 开会), not after a numeral.
_SEPARATED_VERB_RE = re.compile(
    r"((?![一二两三四五六七八九十几这那每某各整半好])[\u4e00-\u9fff])个([\u4e00-\u9fff])"
)


def _is_word(word: str) -> bool:
    """Whether ``word`` is a word of jieba's dictionary (frequency ``spelling.REAL_WORD_FREQ`` or more)."""
    from service.rag.spelling import _real_word

    return _real_word(word)


# Words that name the form or type of the answer, not its content (issue 11, item 5): the texts state a name, a
# figure of speech, a relation or a system; they do not call it 名字, 比喻, 关系 or 体制 ("党内一律称同志" answers
# 怎么称呼, "就像两个轮子" 怎么比喻的, "高校实行党委领导下的校长负责制" 什么领导体制). By class (closed lists, matching
# form): naming, wording and figures of speech, relations between two things, kinds of arrangement, meaning, the text
# pointed at.
_FORM_TEXT = (
    # naming ("叫什么名字", "怎么称呼", "全称是什么")
    "名字 名称 称呼 称谓 叫法 全称 简称 别称 别名 名号 "
    # wording and figures of speech ("怎么比喻的", "把……比作什么", "怎么表述的", "有什么说法")
    "比喻 比作 比方 打比方 形容 说法 提法 表述 措辞 用语 字眼 "
    # the manner of saying it ("用一句话怎么概括", "怎么总结", "如何归纳"): the texts state the line, they do not
    # call their sentence a 概括 (holdout5 h5-007)
    "概括 概述 总括 总结 归纳 简述 简言之 "
    # a relation between the things the question names ("X和Y是什么关系", "有什么区别")
    "关系 联系 区别 差别 异同 "
    # the kind of arrangement asked for ("什么领导体制", "什么模式", "以什么方式")
    "体制 机制 模式 形式 方式 类型 "
    # meaning ("什么意思", "含义是什么")
    "意思 含义 涵义 内涵 "
    # the text pointed at and its saying so ("文章里还提到……", "那篇报道说……"): the source is cited, its words are
    # not about it (holdout6 h6-228)
    "文章 报道 文中 稿子 提到 提及 写到 讲到 谈到 说到"
)
FORM_WORDS = frozenset(_FORM_TEXT.split())


def form_word(term: str) -> bool:
    """Whether the question term ``term`` (matching form) names the form or type of the answer (``FORM_WORDS``:
    名字, 称呼, 比喻, 关系, 体制, 意思 …) rather than its content. Such a word is never a thing the knowledge base must
    name (``absent.absent_term``) and counts for coverage only where the evidence holds it (``topic_coverage``):
    "石马村的党支部书记叫什么名字" is answered by "党支部书记马景刚", which never says 名字."""
    return term in FORM_WORDS


def optional_term(term: str) -> bool:
    """Whether a question term counts for coverage only where the evidence holds it: a setting word
    (``setting_word``) or a form word (``form_word``)."""
    return form_word(term) or setting_word(term)


def setting_word(term: str) -> bool:
    """Whether the question term ``term`` (matching form) sets the scene instead of naming the topic: a word of
    time, place or people relative to the speaker, a narrative adverb or a negated modal (``_SETTING_WORDS``), a
    bare count (``_COUNT_RE``: 17, 一次), a colloquial place X里 (家里, 村里), or a fragment jieba could not make one
    word of that holds a one-character piece and no noun ("后常去", "时写", "既不交").

    A member's question tells who, when and where ("我儿子今年17岁", "孩子在外地上大学", "下班后常去"); the
    regulation that answers it names the act or status, never the member's circumstances, so such words are
    not evidence the answer must hold (issue 11, item 5). A fragment holding a noun ("卡会") is no setting word."""
    import jieba.posseg

    if vocabulary.load().formal_forms(term):
        return False  # the vocabulary gives it a meaning the texts use ("上面" → 上级)
    if term in _SETTING_WORDS or _COUNT_RE.fullmatch(term):
        return True
    if any(term[:i] in _SETTING_WORDS and term[i:] in _SETTING_WORDS for i in range(2, len(term) - 1)):
        return True  # two setting words jieba took for one ("不能自己" of 能不能自己先定下来)
    if len(term) == 2 and term.endswith("里"):
        return True  # a colloquial place: 家里, 村里, 县里, 局里
    tagged = jieba.posseg.lcut(term)
    # a fragment of particles and verbs ("后常去", "既不交", "打个"); one with a noun ("卡会" of 购物卡会怎样, "人当" of
    # 几个人当介绍人) still names something
    return (
        len(tagged) > 1
        and not _is_word(term)
        and any(len(t.word) == 1 for t in tagged)
        and not any(t.flag.startswith("n") for t in tagged)
    )


def join_separable(text: str, pattern: re.Pattern[str] = _SEPARATED_VERB_RE) -> str:
    """``text`` with each run ``pattern`` finds inside a separable verb (the verb's two characters its groups 1 and 2,
    ``_SEPARATED_VERB_RE`` by default: a 个) replaced by the verb when jieba holds it as a word (``_is_word``):
    "兼个职" → 兼职; "有个党员" stays (有党 is no word)."""

    def join(m: re.Match[str]) -> str:
        verb = m.group(1) + m.group(2)
        return verb if _is_word(verb) else m.group()

    return pattern.sub(join, text)


@lru_cache(maxsize=4096)
def joined_separable_verbs(question: str) -> str:
    """``question`` (matching form) with a measure word inside a separable verb removed when the verb is a word
    (``join_separable``): "兼个职" → 兼职, "打个分" → 打分; "一个月", "有个党员" stay as they are."""
    return join_separable(normalize_for_match(question))


def question_terms(question: str) -> list[str]:
    """``query_terms.informative_terms`` of ``question`` with separable verbs joined (``joined_separable_verbs``)."""
    return informative_terms(joined_separable_verbs(question))


def topic_terms(question: str) -> list[str]:
    """The question terms (``question_terms``) that name the topic, setting words (``setting_word``) left out; []
    when there is none. "我儿子今年17岁，在读高三，现在能写申请入党吗" → 儿子, 在读, 高三, 申请入党; "那一次会一般开
    多长时间" → []; form words (``form_word``) name no topic either ("他叫什么名字" → [])."""
    return [t for t in question_terms(question) if not optional_term(t)]


def weighted_share(
    groups: Sequence[Sequence[str]],
    credit: Callable[[str], float],
    optional: Callable[[str], bool] = optional_term,
) -> float:
    """Length-weighted share of ``groups`` of alternative terms credited by ``credit`` (the best term of a group
    counts). A group of ``optional`` terms (setting and form words, ``optional_term``) counts only as far as it is found:
    "明年我就满十八岁了" gains from a text holding 年满十八岁, and "我儿子今年17岁" loses nothing where the text
    says no 17 or 今年."""
    total = got = 0.0
    for group in groups:
        weight = max(len(t) for t in group)
        share = max(credit(t) for t in group)
        got += weight * share
        total += weight * share if all(optional(t) for t in group) else weight
    return got / total if total else 0.0


def term_coverage(question: str, evidence: str) -> float:
    """Length-weighted share of the question's informative terms (``query_terms.informative_terms``) found in the
    evidence text: every term counts. The answerer compares candidate answers with it; the refusal decision
    uses ``topic_coverage``.

    Alternatives the question offers ("举手还是投票") count as one term, credited by the better of them; a
    parenthetical gloss in the evidence ("党的市（地、州、盟）和县（市、区、旗）委员会") is also read without it."""
    return _coverage(question, informative_terms(question), evidence, lambda _t: False)


def topic_coverage(question: str, evidence: str) -> float:
    """``term_coverage`` over the question's terms with separable verbs joined (``question_terms``), setting and form
    words counting only where the evidence holds them (``weighted_share``, ``optional_term``): the share the refusal decision needs
    (issue 11, item 5: "单位让我去外面的协会兼个职，我能拿那边的报酬吗" is covered by 公务员法第四十四条)."""
    return _coverage(joined_separable_verbs(question), question_terms(question), evidence, optional_term)


def _coverage(question: str, terms: Sequence[str], evidence: str, optional: Callable[[str], bool]) -> float:
    if not terms:
        return 0.0
    norm = normalize_for_match(evidence)
    norm = f"{norm}\n{PAREN_RE.sub('', norm)}"
    groups: list[tuple[str, ...]] = []
    grouped: set[str] = set()
    for group in alternatives(question):
        if not grouped & set(group) and all(t in terms for t in group):
            groups.append(group)
            grouped |= set(group)
    groups += [(t,) for t in terms if t not in grouped]
    return weighted_share(groups, lambda t: term_credit(t, norm), optional)


PAREN_RE = re.compile(r"[（(][^）)]{0,12}[）)]")


CLAUSE_RE = re.compile(r"[，,；;。？?！!、]")
