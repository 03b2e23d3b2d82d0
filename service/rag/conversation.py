"""Follow-up resolution: turn "那第二点呢" / "它的要求是什么" / "这一条呢" into a self-contained question.

Retrieval sees one question at a time, so an elliptical follow-up must be rewritten before retrieval.
The rewriter is rule-based (no LLM needed) and uses what the previous turn was about (``Topic``): its
resolved question, key terms, the document and article its answer cited. Rules, first match wins:

- "第二点呢" / "那第3项是什么": the previous question again plus the ordinal; the extractor then returns
  that enumerated item;
- "最后一种是不是最重的" / "第二项算不算处分" (a predicate about a selected item): rule "item_ask"; the answerer asks it
  again with the selected member of the previous answer's list in its place ("开除党籍是不是最重的"), or refuses
  when that answer showed no such list; the item may be named by the kind noun the previous question asked about
  ("第一个工程提升的是什么能力" after 五大工程: ``kind_item``), and a group spelled out one paragraph per member is
  such a list (``parallel_items``);
- "那其中最高的是哪一种" / "哪一项最重" (a pick by a property, a superlative, of the list shown before): rule
  "property"; the answerer names the member a sentence of the knowledge base states it of ("开除党籍是党内的最高处分",
  ``states_property``), else the list's order for 最后/最先, else asks "党的纪律处分中最高的是哪一种" as it stands;
- "这一条呢" / "该条的内容": the previous answer's document and article ("中国共产党章程第三十二条");
- "第五条呢" (an article number without a document): the previous document + that article;
- "下一条呢" / "上一条是什么": the previous answer's document and the article next to the one it cited;
- "还有呢" / "还有吗" / "其他呢": the previous question, excluding the chunks already cited;
- a leading pronoun ("它的要求是什么", "它由几个人组成", "其中最重的是哪一种"): the pronoun is replaced by
  the previous subject ("党的基层组织的要求是什么", "村民委员会由几个人组成");
- "那居委会呢" (another subject, same question): the previous question with its subject swapped
  ("居委会每届任期几年"; "政务处分中警告的期间是多久" → "政务处分中记过的期间是多久"); a new subject that
  names only part of the old one keeps the rest ("村党支部委员会" + "高校院系的党支部" → "高校院系的党支部委员会");
  a new attribute replaces the attribute ("那权利呢" after 党员的义务); a new situation ("那要是我送购物卡给领导呢",
  "那党组织违纪了呢") is asked what the previous question asked of its situation ("送购物卡给领导会受什么处分"),
  with the situation alone as an alternative reading; a state naming nothing of its own is the previous
  subject's ("留党察看最长多久" + "那期满了还是不改呢" → "留党察看期满了还是不改，怎么处理？");
- a count alone ("一共几条", "总共有多少项"): the previous question, counted ("党员有哪些义务，一共有几条"), answered
  from the article the previous answer cited first;
- a bare predicate ("可以延长吗", "由谁召集", "多久开一次"): the previous subject is prepended
  ("监察机关留置时间可以延长吗");
- a continuation ("那期满了考察不合格怎么办", "要是不合格呢"): a question that opens with 那/要是/如果 and names
  no subject of its own is read in the conversation's topic first ("预备党员的预备期期满了考察不合格怎么办"), with
  the question alone as an alternative reading (issue 11, item 6); the answerer keeps the topic's reading when the
  continuation opens with no subject of its own (``opens_with_subject``) and the other reading leaves the subject.

Matching works on simplified script (「那支委會呢」 is 「那支委会呢」). A question that is none of these is returned
unchanged (a new topic). ``Answerer`` then chooses among the readings and prefers the articles next to the one the
previous answer cited (``near_topic``): regulations put parallel provisions side by side (收受/赠送 礼品,
对党员/对党组织的处分).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from service.rag.extract import ItemSelector
from service.rag.query_terms import informative_terms
from service.schemas import Hit
from service.store.conversations import Topic, Turn
from service.text import vocabulary
from service.text.normalize import to_simplified
from service.text.refs import (
    POINT_PATTERN,
    ArticleRef,
    article_no,
    find_selection,
    format_ref,
    parse_locator,
    ref_at,
    relative_article,
)

_FILLER = r"(?:那么|那末|那|请问|再问一下|再说说)?"
_END = r"(?:呢|吗|是什么|是啥|讲了什么|说了什么|的内容|内容是什么|怎么说|具体是什么|有哪些)?[？?。!！\s]*$"
_POINT_RE = re.compile(rf"^{_FILLER}({POINT_PATTERN})(?:方面|内容|要求)?{_END}")
_THIS_ARTICLE_RE = re.compile(rf"^{_FILLER}(?:这一?条|该条|此条|本条|这条规定)(.*)$")
# Fillers before an article number without a document ("那第一百条呢"); the number itself is refs'.
_ARTICLE_FILLER_RE = re.compile(rf"^{_FILLER}")
_MORE_RE = re.compile(
    rf"^{_FILLER}(?:还有呢|还有吗|还有别的吗|还有其他的吗|还有什么|其他呢|其它呢|然后呢|继续|接着说){_END}"
)
_PRONOUN_RE = re.compile(
    r"^(?:那|那么)?(其中|它们|它|这个|这些|这|该|其|此)(?=[的是有要在对应怎如为需由向从被能可会每多几最一哪])"
)
# "被它废止的", "被它取代的": the pronoun after 被 names the text that did the replacing.
_REPLACING_PRONOUN_RE = re.compile(
    r"被(它|其|该文件|该规定|该条例|这个文件|这部)(?=废止|废除|取代|替代|代替|替换)"
)
# "那居委会呢": X is a new subject for the previous question (not an ordinal, article or "还有").
_SWAP_RE = re.compile(r"^(?:那|那么)?([^，,。？?！!呢吗\s]{2,12})呢[？?。!！\s]*$")
_NOT_SUBJECT_RE = re.compile(r"还有|其他|其它|然后|什么|哪|怎|如何|为何|这|那|它|第")
# "可以延长吗", "由谁召集", "多久开一次": a predicate without a subject (a modal verb, or a question word on
# the agent, time or frequency where the subject would stand).
_BARE_PREDICATE_RE = re.compile(
    r"^(?:那|那么)?(?:还|又|一般)?(?:可以|可不可以|能否|能不能|能|是否|需要|需不需要|要不要|会不会|应该|应当|必须|允许|"
    r"由谁|谁来|谁负责|多久|多长时间|多少年|什么时候|何时|每隔多久|在哪里?)"
    r"[^，,。]{0,12}[吗么呢]?[？?。!！\s]*$"
)
# "一共几条", "总共有多少项": a count with no subject of its own counts what the previous question asked for.
_COUNT_ONLY_RE = re.compile(
    rf"^{_FILLER}(?:一共|总共|总计|共)?(?:有|是)?(?:几|多少)([条项种点个款类])(?:呢|吗|啊|呀)?[？?。!！\s]*$"
)
# "要是我送购物卡给领导", "党组织违纪了", "如果不合格": a situation (a clause), not a noun; the conditional words
# and the asker ("我") are not part of it.
_CONDITIONAL_RE = re.compile(r"^(?:要是|如果|假如|假使|万一|若是|若|倘若)(?:说|是)?(?:我|我们|本人)?")
_SITUATION_RE = re.compile(r"了|被|把|^(?:我|他|她|他们|她们|某人|有人)")
# An act in a conditional clause ("要是我送购物卡给领导"); "要是党员领导干部呢" names a subject, not an act.
_ACT_RE = re.compile(r"[送给收拿借用占违犯退交做搞打吃喝去到没未不]|参加|接受|离开|出国|辞职")
# A continuation: a question that opens with 那/那么/要是/如果 (it goes on from what was asked before).
_CONTINUATION_RE = re.compile(r"^(?:那么|那)(?:要是|如果|假如|万一)?|^(?:要是|如果|假如|万一|若是|倘若)")
# What the previous question asked of its situation: "收受购物卡[会受什么处分]", "党小组会[多久开一次]".
_ASKED_RE = re.compile(
    r"会受|会被|要受|受到|会有|将受|应受|该受|给予|追究|处理|怎么|怎样|如何|由谁|多久|多长|多少|几|是否|能否|可以|"
    r"需要|应当|必须|有哪|有什么|是什么|是多少"
)
# Where the subject of a question ends: the first predicate or question word after it.
_SUBJECT_END_RE = re.compile(
    r"每届|每年|每次|由|是|对|向|有|都|也|要(?!求)|还|应当|应该|可以|可不可以|能否|能不能|包括|怎么|怎样|如何|"
    r"最长|最短|最多|最少|最高|最低|多久|多长|多少|多大|几|需要|必须|一般|在|从|什么"
)
_TOPIC_TAIL_RE = re.compile(
    r"(?:是什么|是指什么|指什么|是多少|有哪些|有哪几[个项条点]?|包括哪些|包括什么|是怎样的|怎么样|如何|"
    r"怎么办|有什么(?:规定|要求)?|的?含义|呢|吗)?[？?。!！\s]*$"
)
_TOPIC_HEAD_RE = re.compile(r"^(?:请问|请|我想知道|想了解|什么是|何谓|根据)")


@dataclass
class Resolution:
    """The question retrieval and answering should use, and what the follow-up carried over.

    ``selector`` (rule "point"): the item of the previous answer's list the follow-up picks; the answerer
    selects it from the whole article the previous turn cited. ``alternatives`` (rule "swap"): other
    readings of the follow-up, tried when the first is not supported ("那入党誓词呢" after a question about
    义务 is a new topic, not "入党誓词有哪些义务")."""

    question: str
    rule: str = "new"  # new, document, count, point, point_or_article, swap_point, counted, item_ask, property, this_article, article, more, pronoun, predicate, swap, context
    exclude_chunk_ids: list[str] = field(default_factory=list)
    selector: ItemSelector | None = None
    alternatives: list[str] = field(default_factory=list)
    # what the follow-up itself names: the new subject, attribute or situation of a swap; the words of a
    # continuation that the previous question did not have (an answer next to the topic must name them)
    focus: str = ""
    # the same question in the regulations' words (支委会 → 支部委员会): used when it is covered better
    rephrasings: list[str] = field(default_factory=list)
    # rules "item_ask" ("最后一种是不是最重的") and "point": the follow-up as asked (simplified) and where in it the
    # selection stands; for "item_ask" the answerer puts the selected member of the previous answer's list there
    # ("开除党籍是不是最重的")
    followup: str = ""
    selection: tuple[int, int] | None = None
    # rule "document" (``Answerer._keep_document``): the document the previous question named, asked in first
    scope_doc_id: str | None = None

    @property
    def is_followup(self) -> bool:
        return self.rule != "new"


_TOPIC_INNER_RE = re.compile(r"有哪些|有哪几[个项条点]?|包括哪些|是什么|是多少|有什么")


def topic_phrase(question: str) -> str:
    """The subject of a question: "党的基层组织的基本任务是什么" → "党的基层组织的基本任务"."""
    t = _TOPIC_TAIL_RE.sub("", question.strip())
    t = _TOPIC_HEAD_RE.sub("", t)
    t = _TOPIC_INNER_RE.sub("", t)
    return t.strip() or question.strip()


def subject_phrase(question: str) -> str:
    """The leading noun phrase of a question: "村民委员会每届任期几年" → "村民委员会",
    "国家监察委员会由谁产生" → "国家监察委员会"; falls back to ``topic_phrase``."""
    t = _TOPIC_HEAD_RE.sub("", question.strip())
    for m in _SUBJECT_END_RE.finditer(t):
        if m.start() >= 2:
            return t[: m.start()].rstrip("的")
    return topic_phrase(question)


# What a question asks *of* its subject (党员的义务, 支部委员会的任期): a follow-up naming one of these ("那权利呢")
# asks the same of the same subject, so it replaces the attribute, not the subject.
ATTRIBUTE_NOUNS = (
    "义务", "权利", "条件", "职责", "职权", "任务", "基本任务", "期限", "任期", "程序", "手续", "标准", "要求",
    "原则", "纪律", "宗旨", "性质", "纲领", "作用", "方式", "种类", "待遇", "责任", "权限",
)  # fmt: skip


_QUANTITY_TAIL_RE = re.compile(r"几|多少|多久|多长|多大")
# Last characters that name what kind of entity a noun is (公务员/预备党员, 委员会/代表大会, 党支部/机关): a new
# subject ending in one replaces the old subject's entity of the same kind, not its modifier.
_KIND_HEADS = "员人者会部组委关"


def _asked_of_situation(previous: str) -> str:
    """What ``previous`` asked of its situation: "收受购物卡会受什么处分" → "会受什么处分"; a noun phrase's head
    comes along ("对党员的纪律处分有哪几种" → "纪律处分有哪几种"). Falls back to "怎么处理？"."""
    m = _ASKED_RE.search(previous, 2)
    if m is None or _QUANTITY_TAIL_RE.match(previous, m.start()):
        return "怎么处理？"  # "留党察看最长多久" + "那期满了还是不改呢": a duration is not asked of the new situation
    head = previous[: m.start()]
    head = head.rsplit("的", 1)[1] if "的" in head else ""
    return head + previous[m.start() :]


def _rephrased(res: Resolution) -> Resolution:
    """``res`` with its question spelled out (``spelled_out``) as a rephrasing, when that differs."""
    spelled = spelled_out(res.question)
    res.rephrasings = [spelled] if spelled != res.question else []
    return res


def spelled_out(question: str) -> str:
    """``question`` with its abbreviations of names spelled out as the regulations write them ("支委会多久开一次"
    → "支部委员会多久开一次", 居委会 → 居民委员会; ``service/text/vocabulary.tsv``). Only true abbreviations count:
    the short form's characters occur in the full form in order, starting with its first (入党 is no
    abbreviation of 加入中国共产党, 红包 none of 礼金)."""
    out = question
    for short, forms in sorted(vocabulary.load().forms.items(), key=lambda kv: -len(kv[0])):
        for full in forms:
            if len(full) <= len(short) or full in out or short not in out or full[0] != short[0]:
                continue
            if re.match(".*".join(map(re.escape, short)), full):
                out = out.replace(short, full)
                break
    return out


def situation(new_subject: str) -> str | None:
    """The situation a "那X呢" follow-up names ("要是我送购物卡给领导" → "送购物卡给领导", "党组织违纪了"), or
    None when X is a noun (a subject or attribute): a clause has a conditional word, an aspect or passive
    marker (了/被/把) or a person as its subject."""
    m = _CONDITIONAL_RE.match(new_subject)
    body = new_subject[m.end() :] if m else new_subject
    if not _SITUATION_RE.search(body) and (m is None or not _ACT_RE.search(body)):
        return None
    body = re.sub(r"^(?:我|我们|本人)", "", body)
    return body if len(body) >= 2 else None


@lru_cache(maxsize=1024)
def names_matter(clause: str) -> bool:
    """Whether a situation names what it is about: a noun or pronoun of its own, by jieba's part-of-speech tagger
    ("党组织违纪了", "送购物卡给领导", "我没交党费"), not only a state or act ("期满了还是不改", "到期了还没转正"),
    which is said of the subject the conversation is about."""
    import jieba.posseg

    return any(
        (w.flag.startswith("n") and len(w.word) >= 2) or w.flag == "r" for w in jieba.posseg.lcut(clause)
    )


# Part-of-speech tags (jieba) of a word that can be a clause's subject: nouns, pronouns, abbreviations (村委会),
# places and distinguishing words (主任).
_SUBJECT_TAGS = ("n", "r", "j", "s", "b")


def opens_with_subject(clause: str, of_subject: str = "") -> bool:
    """``_opens_with_subject``, where a leading word that names a part of ``of_subject`` (the conversation's subject,
    its abbreviations spelled out: 委员 of 村委会 → 村民委员会) is said of that subject, not a subject of its own
    ("村委会一般几个人组成" + "那委员里必须要有女同志吗")."""
    if not _opens_with_subject(clause):
        return False
    first = _first_word(clause)
    whole = f"{of_subject}{spelled_out(of_subject)}"
    return not (of_subject and len(first) >= 2 and first in whole)


@lru_cache(maxsize=1024)
def _first_word(clause: str) -> str:
    import jieba

    words = [w for w in jieba.lcut(re.sub(r"^是", "", clause.strip())) if w.strip()]
    return words[0] if words else ""


@lru_cache(maxsize=1024)
def _opens_with_subject(clause: str) -> bool:
    """Whether ``clause`` opens with a subject of its own ("村委会主任违法了怎么办", "党组织违纪了", "他不交党费"),
    by jieba's part-of-speech tagger, rather than with a state, act or adverb said of the conversation's subject
    ("期满不合格，可以延长多久", "到期了考察不合格", "表现不好怎么办"). A leading copula (是) is skipped."""
    import jieba.posseg

    words = [w for w in jieba.posseg.lcut(re.sub(r"^是", "", clause.strip())) if w.word.strip()]
    return bool(words) and words[0].flag.startswith(_SUBJECT_TAGS)


def _swap_subject(previous: str, new_subject: str) -> str:
    """The previous question asked about ``new_subject`` instead of its own subject.

    A follow-up naming an attribute (``ATTRIBUTE_NOUNS``: 权利) replaces the attribute asked before (党员的义务 →
    党员的权利), or is asked of the previous subject (支委会多久开一次 + 那任期呢 → 支委会的任期是什么). A situation
    ("送购物卡给领导") is asked what the previous question asked of its own (会受什么处分). A subject sharing two
    characters with the new one is replaced whole (村民委员会 → 居委会), a subject that contains the new one's head
    keeps what follows it (村党支部委员会 + 高校院系的党支部 → 高校院系的党支部委员会); a subject with a modifier
    ("政务处分中警告的期间") has only its head entity replaced (警告 → 记过)."""
    prev = _TOPIC_HEAD_RE.sub("", previous.strip())
    if new_subject in ATTRIBUTE_NOUNS:  # "党员的义务有哪些" + "那权利呢": 义务 → 权利, never 党员 → 权利
        asked = [a for a in ATTRIBUTE_NOUNS if a in prev and a != new_subject]
        if asked:
            attribute = max(asked, key=prev.rindex)
            start = prev.rindex(attribute)
            tail = prev[start + len(attribute) :]
            # "任期是几年" → "职责是什么": a quantity asked of the old attribute is not asked of the new one
            tail = "是什么？" if _QUANTITY_TAIL_RE.search(tail) else tail
            return prev[:start] + new_subject + tail
        if new_subject not in prev:  # "支委会多久开一次" + "那任期呢": the subject's attribute
            return f"{subject_phrase(prev)}的{new_subject}是什么？"
    in_predicate = _swap_in_predicate(prev, new_subject)
    if in_predicate is not None:  # "哪些情形要从重或者加重处分" + "那从轻减轻呢": the list asked of 从轻减轻
        return in_predicate
    acted = situation(new_subject)
    if acted is not None:
        of_it = _asked_of_situation(prev)
        # "留党察看最长多久" + "那期满了还是不改呢": a state that names nothing is the previous subject's
        acted = acted if names_matter(acted) else f"{subject_phrase(prev)}{acted}"
        return f"{acted}{of_it}" if of_it[:1] in "会要应将该受给" else f"{acted}，{of_it}"
    subject = subject_phrase(prev)
    if subject not in prev:
        return f"{new_subject}{topic_phrase(prev)}"
    swapped = _swap_entity(prev, subject, new_subject)
    prep = _PREPOSITION_RE.match(new_subject)
    owner, _, head_noun = subject.rpartition("的")
    if (
        prep
        and subject.startswith(prep.group())
        # "对党的领导干部问责": a one-character owner (党) modifies the noun after it, whom it is for is 党的领导干部
        and len(owner) - len(prep.group()) >= 2
        and head_noun
        and not any(t in swapped for t in informative_terms(head_noun))
    ):
        # "对党员的纪律处分有哪几种" + "那对违纪的党组织呢": whom the head (纪律处分) is for changes, the head stays
        # ("对违纪的党组织的纪律处分有哪几种"), never "对违纪的党组织有哪几种"
        return prev.replace(subject, f"{new_subject}的{head_noun}", 1)
    return swapped


# A question whose subject is the asked slot itself: "哪些情形……", "什么情况下……", "哪几种行为……".
_ASKED_SLOT_RE = re.compile(r"^(?:哪些|哪几[种类个项条]?|哪[种类个项条]|什么|啥)")
_COORDINATOR_RE = re.compile(r"^(?:或者|或|和|与|及|以及|、|跟)$")


def _swap_in_predicate(prev: str, new_subject: str) -> str | None:
    """``prev`` asked of ``new_subject`` in the place of the term of its predicate that ``new_subject`` stands
    beside, when ``prev``'s subject is the asked slot ("哪些情形", "什么情况下"): that slot cannot be swapped, and
    the follow-up keeps the question's shape (a list of 情形). The term is a word, or words joined by 或者/和/、,
    sharing its first character or its head (last two characters) with ``new_subject``, or one holding the other:
    "哪些情形要从重或者加重处分" + "从轻减轻" → "哪些情形要从轻减轻处分"; "哪些行为属于违反组织纪律" + "廉洁纪律" →
    "哪些行为属于违反廉洁纪律"; "什么情况下要给予警告处分" + "严重警告" → "什么情况下要给予严重警告处分". None when
    ``prev`` asks no slot or no term stands beside ``new_subject`` (holdout5 h5-252)."""
    if not _ASKED_SLOT_RE.match(prev) or len(new_subject) < 2:
        return None
    import jieba

    words = [w for w in jieba.lcut(prev) if w]
    pos = [0]
    for w in words:
        pos.append(pos[-1] + len(w))

    def beside(word: str) -> bool:
        if len(word) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", word) or word == new_subject:
            return False
        return (
            word[0] == new_subject[0]
            or word[-2:] == new_subject[-2:]
            or word in new_subject
            or new_subject in word
        )

    k = 2  # the question word and the noun it asks for ("哪些" "情形")
    while k < len(words):
        if not beside(words[k]):
            k += 1
            continue
        end = k + 1
        while end + 1 < len(words) and _COORDINATOR_RE.match(words[end]) and len(words[end + 1]) >= 2:
            end += 2
        return prev[: pos[k]] + new_subject + prev[pos[end] :]
    return None


def _swap_entity(prev: str, subject: str, new_subject: str) -> str:
    """``prev`` with its ``subject`` (``subject_phrase``) replaced by ``new_subject`` (``_swap_subject``'s rules for
    a noun)."""
    kept = _kept_suffix(subject, new_subject)
    if kept:
        return prev.replace(subject, new_subject + kept, 1)
    owner, _, head_noun = subject.rpartition("的")
    if owner and head_noun and head_noun[-1] == new_subject[-1] and head_noun != new_subject:
        # "党的全国代表大会" + "基层委员会": both name a body (…会), so the new one takes the head's place under
        # the same owner ("党的基层委员会"), never the owner's ("基层委员会的全国代表大会")
        return prev.replace(subject, f"{owner}的{new_subject}", 1)
    kind = subject.rfind(new_subject[-1])
    # what follows the entity is an attribute of two characters or more (试用期); one character more is part of
    # the word ("党支部委员会会议": 会议, so 党小组会 replaces it whole, never "党小组会议")
    if new_subject[-1] in _KIND_HEADS and 1 <= kind < len(subject) - 2:
        # "新录用的公务员试用期" + "预备党员": the entity of the same kind (…员) with its modifiers gives way to
        # the new one and the attribute asked of it stays ("预备党员试用期多长"), never "预备党员的公务员试用期"
        return prev.replace(subject, new_subject + subject[kind + 1 :], 1)
    if len(set(subject) & set(new_subject)) >= 2 or "的" not in subject:
        return prev.replace(subject, new_subject, 1)
    entity = subject.split("的", 1)[0]
    entity = entity.rsplit("中", 1)[-1] if "中" in entity[1:] else entity
    head = prev.index(entity) if entity else -1
    if head < 0 or not entity:
        return prev.replace(subject, new_subject, 1)
    return prev[:head] + new_subject + prev[head + len(entity) :]


# A subject introduced by a preposition ("对党员的纪律处分", "对违纪的党组织"): the preposition names whom it is for.
_PREPOSITION_RE = re.compile(r"^(?:对于|对|关于|给予|给)")


def _kept_suffix(subject: str, new_subject: str) -> str:
    """What of the old subject follows the new subject's head: "村党支部委员会" + "高校院系的党支部" → "委员会"
    (the new subject names the organisation, the old one its committee). Empty when the new subject's last
    three (or two) characters do not occur inside the old subject followed by more of it."""
    for n in (3, 2):
        tail = new_subject[-n:]
        if len(new_subject) <= n:
            continue
        at = subject.find(tail)
        if at >= 0 and at + n < len(subject):
            return subject[at + n :]
    return ""


def _article_label(topic: Topic) -> str | None:
    """The article the previous answer cited, with its document and 之X ("…条例第三条之一")."""
    if topic.article_no is None:
        return None
    cited = parse_locator(topic.locator) if topic.locator else None
    sub = cited.sub if cited is not None and cited.number == topic.article_no else None
    return format_ref(ArticleRef("条", topic.article_no, sub, law=topic.doc_title or ""))


def resolve(question: str, history: Sequence[Turn]) -> Resolution:
    """Rewrite ``question`` against the previous turn of ``history`` (oldest first)."""
    original = question.strip()
    if not history:
        return Resolution(original)
    q = to_simplified(original)
    prev = history[-1]
    topic = prev.topic
    previous = to_simplified(prev.resolved_question)

    counted = counted_reference(q, previous)
    if counted is not None:  # "对党员领导干部的那几条是什么" after "廉洁自律准则有几条规范"
        return _rephrased(Resolution(counted, "counted"))

    selector = item_selector(q)
    if selector is not None:
        point = _POINT_RE.match(q)
        ordinal = f"第{selector.ordinal}项" if selector.ordinal and selector.ordinal > 0 else ""
        ordinal = point.group(1) if point else ordinal
        selected = find_selection(q)
        span = (selected[1], selected[2]) if selected else None
        return Resolution(
            f"{previous} {ordinal}".strip(), "point", selector=selector, followup=q, selection=span
        )

    asked = item_question(q)
    if asked is not None:  # "最后一种是不是最重的": asked of an item of the list shown before
        n, start, end = asked
        return Resolution(
            _with_list(previous, q),
            "item_ask",
            selector=ItemSelector(ordinal=n),
            followup=q,
            selection=(start, end),
        )

    kinded = kind_item(q, previous)
    if kinded is not None:  # "第一个工程提升的是什么能力" after "安定区五大工程是什么": the first 工程
        n, start, end, noun, asks = kinded
        selector = ItemSelector(ordinal=n)
        if asks:
            return Resolution(
                _with_list(previous, q),
                "item_ask",
                selector=selector,
                followup=q,
                selection=(start, end),
                focus=noun,
            )
        return Resolution(
            f"{previous} 第{n}项" if n > 0 else previous,
            "point",
            selector=selector,
            followup=q,
            selection=(start, end),
            focus=noun,
        )

    named = named_item(q)
    if named is not None:  # "那义务的第六项呢" after 党员的权利: the sixth item of 党员的义务
        noun, n = named
        return Resolution(
            _swap_subject(previous, noun),
            "swap_point",
            selector=ItemSelector(ordinal=n),
            followup=q,
            focus=noun,
        )

    asked_of = property_ask(q, previous)
    if asked_of is not None:  # "其中最重的那种适用什么情况": asked of the member a property picks
        superlative, start, end = asked_of
        return Resolution(
            _with_list(previous, q), "property_ask", followup=q, selection=(start, end), focus=superlative
        )

    picked = property_pick(q)
    if picked is not None:  # "那其中最高的是哪一种" after "党的纪律处分有哪几种"
        superlative, rest = picked
        return Resolution(f"{subject_phrase(previous)}中{rest}", "property", followup=q, focus=superlative)

    m = _THIS_ARTICLE_RE.match(q)
    if m and (label := _article_label(topic)):
        rest = m.group(1).strip()
        rest = "" if re.fullmatch(_END, rest) else rest
        return Resolution(f"{label}{rest}", "this_article")

    offset = relative_article(q)
    if offset is not None and topic.article_no is not None and topic.doc_title:
        # "下一条呢" after 党章第五十五条: 党章第五十六条, which the reference check then answers or refuses
        # ("《中国共产党章程》共五十五条，没有第五十六条。"); 上一条 of a first article stays unresolved.
        number = topic.article_no + offset
        if number >= 1:
            return Resolution(format_ref(ArticleRef("条", number, None, law=topic.doc_title)), "article")

    filler = _ARTICLE_FILLER_RE.match(q)
    ref = ref_at(q, filler.end(), "条") if filler else None
    if ref and topic.doc_title and topic.doc_title not in q:
        rest = q[ref.end :].strip()
        rest = "" if re.fullmatch(_END, rest) else rest
        reading = f"{topic.doc_title}{original[ref.start : ref.end]}{rest}"
        if not rest and ref.ref.sub is None and _COUNTED_ITEMS_RE.search(previous):
            # "民主集中制的基本原则有几条" + "第三条是什么": the third of the items just counted; the article of
            # that number is the reading when the previous answer showed no list with such an item
            return Resolution(
                reading, "point_or_article", selector=ItemSelector(ordinal=ref.ref.number), followup=q
            )
        return Resolution(reading, "article")

    if _MORE_RE.match(q):
        return Resolution(previous, "more", list(topic.chunk_ids))

    m = _REPLACING_PRONOUN_RE.search(q)
    replacing = (topic.doc_title or subject_phrase(previous).strip("《》")) if m else ""
    if m and replacing:
        # "被它废止的那个试行细则里……" after a question about 发展党员工作细则: 它 is the document just talked about
        # (the one the previous answer cited, else the previous question's subject)
        return Resolution(f"{q[: m.start(1)]}《{replacing}》{q[m.end(1) :]}", "pronoun")

    m = _PRONOUN_RE.match(q)
    if m:
        subject = subject_phrase(previous)
        subject += "中" if m.group(1) == "其中" else ""
        return _rephrased(Resolution(subject + q[m.end() :], "pronoun"))

    m = _COUNT_ONLY_RE.match(q)
    if m:  # "一共几条" after "党员有哪些义务": the list just shown, counted (trial 4, A)
        return Resolution(f"{previous.rstrip('？?。!！ ')}，一共有几{m.group(1)}", "count")

    if _BARE_PREDICATE_RE.match(q):
        body = re.sub(r"^(?:那么|那)", "", q)
        return _rephrased(Resolution(subject_phrase(previous) + body, "predicate"))

    m = _SWAP_RE.match(q)
    if m and not _NOT_SUBJECT_RE.search(m.group(1)):
        subject = m.group(1)
        if situation(subject) is None:  # "那要是党员领导干部呢": the subject without the conditional
            subject = _CONDITIONAL_RE.sub("", subject) or subject
        acted = situation(subject)
        swapped = _swap_subject(previous, subject)
        if acted is not None:  # "那党组织违纪了呢": the situation alone is the other reading
            return Resolution(swapped, "swap", alternatives=[acted], focus=acted)
        # A subject of the same kind (居委会 after 村委会) is a swap; an unrelated one may be a new topic
        # ("那入党誓词呢" after 党员的义务 asks for the oath itself).
        related = len(set(subject) & set(subject_phrase(previous))) >= 2 or subject in ATTRIBUTE_NOUNS
        return _rephrased(
            Resolution(swapped, "swap", alternatives=[] if related else [subject], focus=subject)
        )

    m = _CONTINUATION_RE.match(q)
    if m:
        body = _CONDITIONAL_RE.sub("", q[m.end() :]).lstrip("，, ")
        subject = subject_phrase(previous)
        if informative_terms(body) and subject and subject not in body:
            # "那期满了考察不合格怎么办": asked as it stands first, and in the conversation's topic
            new_terms = " ".join(t for t in informative_terms(body) if t not in previous)
            readings = [f"{subject}{body}"]
            head = subject.rpartition("的")[2]
            if head != subject and len(head) >= 2 and head not in body:
                # the subject's head alone ("预备期期满不合格，可以延长多久"): the owner (预备党员的) adds nothing the
                # head does not say, and may draw the answer to the owner's other facts (预备期为一年)
                readings.append(f"{head}{body}")
            return _rephrased(Resolution(body, "context", alternatives=readings, focus=new_terms))
    return Resolution(original)


# Selecting an item of the list shown before: "第八点呢", "其中第三项是什么", "上面说的第三项", "最后一项呢",
# "哪一项和隐私有关". Recognised by what is left once the selection is removed: nothing of substance.
_ABOUT_RE = re.compile(
    r"哪(?:一)?[点项个款条](?:是|内容)?(?:和|与|跟|同|关于|涉及|讲|说|提到|谈)(.+?)(?:有关|相关|有联系|的)?[呢吗]?[？?。！!\s]*$"
)
# The same with the content first: "其中跟发展党员有关的是哪一项", "和家风相关的是哪条", "讲保守秘密的是第几项",
# "跟选人用人有关的那部分标题是什么" (a part of an outline, by what it is about).
ABOUT_WHICH_PATTERN = (
    r"(?:(?:和|与|跟|同|关于|涉及)(?P<related>.+?)(?:有关|相关|有联系)的|(?:讲|说|写|谈|提到|规定|是关于|关于)(?P<told>.+?)的)"
    r"(?:(?:是)?(?:哪(?:一)?|第几)(?:[点项个款条种类步]|部分)"
    r"|那(?:一)?(?:[点项个款条种类步]|部分)(?:的)?(?:标题|题目|名称|内容)?(?:是什么|是啥|是哪个|叫什么)?)"
    r"(?:呢|吗)?[？?。！!\s]*$"
)
_ABOUT_FIRST_RE = re.compile(
    rf"^(?:那么|那)?(?:其中|里面|上面|这些|这几[点项个款条种])?{ABOUT_WHICH_PATTERN}"
)


# "基层组织基本任务里讲监督干部遵纪守法的是第几项": a list the question names, then the item it picks by content.
_LISTED_ABOUT_RE = re.compile(
    rf"^(?:请问)?(?P<list>[\u4e00-\u9fff“”《》]{{2,24}}?)(?:里面|当中|里|中)的?{ABOUT_WHICH_PATTERN}"
)


def listed_about(question: str) -> tuple[str, str] | None:
    """The list a first question names and what the item it picks is about, as (list question, about):
    "基层组织基本任务里讲监督干部遵纪守法的是第几项" → ("基层组织基本任务有哪些？", "监督干部遵纪守法"); None otherwise."""
    m = _LISTED_ABOUT_RE.match(to_simplified(question.strip()))
    if m is None or not about_which(m) or m.group("list").strip("《》").endswith(_DOCUMENT_ENDS):
        return (
            None  # "党章里讲入党誓词的是第几条": a document, not a list, is named (an article is asked for)
        )
    return f"{m.group('list')}有哪些？", about_which(m)


# How the name of a document ends (党章, …条例, …法): a document named where a list would be.
_DOCUMENT_ENDS = ("党章", "章程", "条例", "准则", "规定", "细则", "办法", "规则", "法")


def about_which(m: re.Match[str]) -> str:
    """What an ``ABOUT_WHICH_PATTERN`` match says the wanted item is about ("保守秘密" of "讲保守秘密的是第几项")."""
    return (m.group("related") or m.group("told") or "").strip()


_SELECTION_FILLER_RE = re.compile(
    r"讲的是?(?:什么|啥)|说的是?(?:什么|啥)|讲(?:了)?啥|说(?:了)?啥|那|那么|其中|里面|当中|上面|上述|前面|刚才|刚刚|之前|你|说的|提到的|讲的|列的|的|是什么|是啥|内容|具体|"
    r"讲了什么|说了什么|呢|吗|呀|请问|再|说说|讲讲|一下|[？?。！!，,\s]"
    # asking what an item means or how it is worded is asking for the item ("……是什么意思", "……怎么理解",
    # "其中……具体是怎么规定的")
    r"|什么意思|意思|含义|指什么|指的是|怎么理解|怎样理解|如何理解|解释|是?怎么规定|是?如何规定|是?怎样规定|是?怎么说|是?怎么讲"
)


# A count asked of a list ("有几条", "有哪几项", "分几档"): the items a follow-up may then pick or refer to.
_COUNTED_ITEMS_RE = re.compile(r"(?:有|分|共|分为|包括)?哪?几([条项种点个款档类])")
# "那几条", "这几项", "那些条": the items just counted, referred to by a demonstrative.
_COUNTED_REF_RE = re.compile(r"(?:那|这)(?:几|些)[条项种点个款档类]?")
# A noun a follow-up names before an item it selects ("那义务的第六项呢"): no question word or verb of its own.
_NAMED_NOUN_RE = re.compile(r"[\u4e00-\u9fff]{2,8}")
_NOT_NOUN_RE = re.compile(r"什么|哪|怎|如何|多|几|吗|规定|要求|是|有|和|与|跟|第")


def counted_reference(question: str, previous: str) -> str | None:
    """``question`` with a demonstrative reference to the items ``previous`` counted spelled out, or None.

    "廉洁自律准则有几条规范" + "对党员领导干部的那几条是什么" → "廉洁自律准则对党员领导干部的规范是什么": "那几条" /
    "这几项" refers to the list the previous question counted (its subject and counted noun), not to a term of
    its own (trial 3, item 23). None when the previous question counted nothing or ``question`` has no such
    reference."""
    m = _COUNTED_REF_RE.search(question)
    counted = _COUNTED_ITEMS_RE.search(previous)
    if m is None or counted is None:
        return None
    subject = _TOPIC_HEAD_RE.sub("", previous[: counted.start()]).rstrip("的")
    noun = _TOPIC_TAIL_RE.sub("", previous[counted.end() :])
    rest = _FILLER_HEAD_RE.sub("", question[: m.start()]) + noun + question[m.end() :]
    # the items themselves are asked for: a list question ("……有哪些"), which the extractor answers whole
    rest = _WHAT_TAIL_RE.sub("有哪些", rest)
    if not subject or subject in rest:
        return rest if noun else None
    return f"{subject}{rest}"


_FILLER_HEAD_RE = re.compile(r"^(?:那么|那|请问)")
_WHAT_TAIL_RE = re.compile(r"(?:分别|都|具体)?(?:是什么|是啥|是哪些|有什么|呢)[？?。!！\s]*$")


def named_item(question: str) -> tuple[str, int] | None:
    """The noun and item number of a follow-up that selects an item of another list: "那义务的第六项呢" →
    ("义务", 6). None when the selection stands alone ("第六项呢": ``item_selector``), opens the question
    ("第一种形态是什么" names a term) or the words before it ask something of their own."""
    selected = find_selection(question)
    if selected is None or not selected[0]:
        return None
    n, start, end = selected
    if _SELECTION_FILLER_RE.sub("", question[end:]):
        return None
    noun = _SELECTION_FILLER_RE.sub("", question[:start])
    if not _NAMED_NOUN_RE.fullmatch(noun) or _NOT_NOUN_RE.search(noun):
        return None
    return noun, n


_WHICH_ONE_RE = re.compile(r"是哪(?:一)?(?:[个种项条类点步款]|部分)")


def item_selector(question: str) -> ItemSelector | None:
    """The list item a follow-up selects, or None when the question asks something of its own."""
    q = question.strip()
    m = _ABOUT_RE.search(q)
    if m and m.group(1).strip():
        return ItemSelector(about=m.group(1).strip())
    m = _ABOUT_FIRST_RE.search(q)
    if m and about_which(m):
        return ItemSelector(about=about_which(m))
    selected = find_selection(q)  # the ordinal itself is refs' ("第三项", "最后一项")
    if selected is None:
        return None
    n, start, end = selected
    # "最后一个是哪个" asks for the item itself (after a kind noun, "第三个原则是哪个" is asked of the item: ``kind_item``)
    rest = _SELECTION_FILLER_RE.sub("", _WHICH_ONE_RE.sub("", q[:start] + q[end:]))
    if rest:
        return None  # "第三项规定的期限是多久" asks about the item, not for it
    return ItemSelector(ordinal=n) if n else None


# What a follow-up asks of a selected item ("最后一种是不是最重的", "第二项和第三项有什么区别"): a predicate right
# after the selection; "第一种形态是什么" names a term of its own (监督执纪第一种形态), no item of a list.
_ITEM_PREDICATE_RE = re.compile(
    r"(?:是不是|是否|是|算不算|算|属不属于|属于|有没有|有|和|与|跟|比|要不要|要|会不会|会|能不能|能|可以|可不可以|"
    r"需不需要|需要|最|为什么|为何|怎么|怎样|如何|适用|对应|针对)"
)


# A follow-up that asks for an item and then something of it ("第三种是什么，处分后有什么影响", "第九类是什么支部？它主要
# 干什么"): the ask for the item, a break, and the later ask, which may open by pointing back at the item (它, 这种).
_ITEM_THEN_ASK_RE = re.compile(
    r"(?:是什么|是啥|是哪(?:一)?[种项个条类款步]|是哪个|指什么)[\u4e00-\u9fff]{0,4}?[，,？?。；;]\s*"
    r"(?:那么|那|另外|还有|并且|而且)?(?:它们|它|这种|这个|这类|这一?[种项个条类款步]|该[种项类]?|其)?(.+)$"
)


def asked_after_item(question: str, end: int) -> str | None:
    """The later ask of a follow-up that asks for the item selected at ``question[:end]`` and then something of it,
    without its pointer back at the item: "第三种是什么，处分后有什么影响" (end 3) → "处分后有什么影响"; None when the
    follow-up asks one thing ("第三种是什么", "最后一种是不是最重的")."""
    m = _ITEM_THEN_ASK_RE.match(question, end)
    if m is None:
        return None
    later = m.group(1).strip()
    return later if _SELECTION_FILLER_RE.sub("", later) else None


def _opening_selection(question: str, counted_articles: bool = False) -> tuple[int, int, int] | None:
    """The selection of a list item that opens ``question`` (after fillers such as 那/其中), as (ordinal, start,
    end), or None: no selection, or words of the question's own before it. ``counted_articles``: an item counted
    in 条 followed by its noun ("第五条原则") selects too (``refs.find_selection``)."""
    selected = find_selection(question, counted_articles)
    if selected is None or not selected[0] or _SELECTION_FILLER_RE.sub("", question[: selected[1]]):
        return None
    return selected


def item_question(question: str) -> tuple[int, int, int] | None:
    """The list item a follow-up asks something *about*, as (ordinal, start, end of the selection), or None:
    "最后一种是不是最重的" → (-1, 0, 4); "那第二项呢" (asking for the item itself, ``item_selector``) and
    "第一种形态是什么" (a term) → None. The selection must open the question (after fillers such as 那/其中)."""
    selected = _opening_selection(question)
    if selected is None:
        return None
    n, start, end = selected
    if not _ITEM_PREDICATE_RE.match(question, end):
        return None
    return n, start, end


def _with_list(previous: str, question: str) -> str:
    """An item question kept with the question that asked for the list ("对党的领导干部的问责方式有哪些 第二种是怎么
    进行的"): the answerer asks the item question itself (``Resolution.followup``), and a later pick ("那第四种呢")
    still knows which of an article's lists was shown (``extract.asked_list``)."""
    return f"{previous.rstrip('？?。!！ ')} {question}"


def kind_item(question: str, previous: str) -> tuple[int, int, int, str, bool] | None:
    """An item selected by its ordinal and the kind noun the previous question asked about, as (ordinal, start, end
    of the selection with its noun, noun, whether the follow-up asks something of the item), or None.

    "第一个工程提升的是什么能力" after "安定区五大工程是什么" → (1, 0, 5, "工程", True); "第三种方式是在什么情况下用的"
    after "对党组织的问责方式有哪些" → (3, 0, 5, "方式", True); "第二个工程呢" → (2, 0, 5, "工程", False). The noun
    (two to four characters right after the selection) must be one the previous question names: "第一种形态是什么"
    after a question about 义务 names a term of its own (监督执纪第一种形态) and is None (issue 11, item 6)."""
    # "其中第五条原则讲的什么" after "民主集中制的基本原则有哪几条": items counted in 条, named by the noun
    selected = _opening_selection(question, counted_articles=True)
    if selected is None:
        return None
    n, start, end = selected
    for size in (4, 3, 2):
        noun = question[end : end + size]
        if len(noun) < size or noun not in previous or _NOT_NOUN_RE.search(noun):
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff]+", noun):
            continue
        asks = bool(_SELECTION_FILLER_RE.sub("", question[end + size :]))
        return n, start, end + size, noun, asks
    return None


# Where the first clause of a paragraph ends ("实施“学习聚魂”政治引领工程,提升……": the item's name).
_CLAUSE_END_RE = re.compile(r"[,，。；;:：！!？?]")
# A paragraph's first sentence (the whole paragraph when it has no end mark).
_SENTENCE_RE = re.compile(r"[^。！？!?]*[。！？!?]?")
# Paragraphs of a counted group opening alike: the first characters that must agree.
_PARALLEL_OPENING = 2


def parallel_items(hits: Sequence[Hit], noun: str) -> list[tuple[str, Hit]]:
    """The members of a group spelled out one per paragraph, as (the opening clause, the passage holding it cut to
    the paragraph's first sentence, which states the member), in document order: "大力实施基层党建“五大工程”"
    followed by 第3段 "实施“学习聚魂”政治引领工程,提升……“思想凝聚力”。……", 第4段 "实施“骨干聚能”队伍引领工程,
    提升……" … → [("实施“学习聚魂”政治引领工程", 第3段 "实施“学习聚魂”……“思想凝聚力”。"), …].

    ``hits``: a document's passages in order (from the one the previous answer cited); ``noun``: the kind the
    follow-up selects (工程). The group is the first run of at least two consecutive paragraphs whose opening
    clause names ``noun`` and which open with the same characters; [] when there is none (a theory article's
    numbered paragraphs are a list the way an article's items are; issue 11, item 6)."""
    paragraphs: list[tuple[str, Hit]] = []
    for hit in hits:
        for para in re.split(r"\n\s*\n|\n", hit.text):
            para = para.strip()
            if para:
                paragraphs.append((para, hit))
    run: list[tuple[str, Hit]] = []
    for para, hit in paragraphs:
        clause = _CLAUSE_END_RE.split(para, 1)[0].strip()
        member = noun in clause and len(clause) <= 40
        opening = hit.model_copy(update={"text": _SENTENCE_RE.match(para).group(0)})  # type: ignore[union-attr]
        if member and run and run[0][0][:_PARALLEL_OPENING] == clause[:_PARALLEL_OPENING]:
            run.append((clause, opening))
            continue
        if len(run) >= 2:
            return run
        run = [(clause, opening)] if member else []
    return run if len(run) >= 2 else []


# A clause that covers everything its article does not name ("村、社区党支部委员会每届任期 5 年，其他基层单位党支部
# 委员会一般每届任期 3 年"): 其他/其余 followed by the kind it covers.
# The shortest head of a subject that must follow the 其他 (支部委员会, not the 委员会 every body has).
_OTHERS_HEAD = 4
_OTHERS_RE = re.compile(r"(?:其他|其它|其余)([\u4e00-\u9fff]{0,8})")


def states_others(text: str) -> bool:
    """Whether ``text`` states a rule for "others" at all ("其他基层单位党支部委员会……", ``covers_others``' clause)."""
    return _OTHERS_RE.search(to_simplified(text)) is not None


def covers_others(subject: str, text: str) -> bool:
    """Whether ``text`` states a rule for the "others" of the kind ``subject`` belongs to: an article naming one
    case and then "其他基层单位党支部委员会" covers "高校、企业里的支部委员会" (its last ``_OTHERS_HEAD`` characters or
    more, 支部委员会, follow the 其他; 居民委员会 shares only 委员会, another kind of body). Issue 11, item 6: a
    swapped subject keeps the rule family of the article the previous answer stood on."""
    norm = to_simplified(text)
    for m in _OTHERS_RE.finditer(norm):
        following = norm[m.start() : m.end() + 8]
        for size in range(len(subject), _OTHERS_HEAD - 1, -1):
            if subject[-size:] in following:
                return True
    return False


def topic_for(resolved_question: str, citations_topic: Topic | None = None) -> Topic:
    """The topic a turn leaves behind: its key terms plus the document/article its answer cited."""
    topic = citations_topic or Topic()
    topic.terms = informative_terms(resolved_question)
    if topic.article_no is None:
        topic.article_no = article_no(resolved_question)
    return topic


def history_from_questions(questions: Sequence[str]) -> list[Turn]:
    """Turns for a stateless client (OpenAI chat messages): each earlier user question resolved in order."""
    turns: list[Turn] = []
    for q in questions:
        res = resolve(q, turns)
        turns.append(Turn(q, res.question, topic_for(res.question)))
    return turns


# How far from the article the previous answer cited a follow-up's answer still counts as "next to it": parallel
# provisions stand side by side (纪律处分条例 第九十七条 收受 / 第九十八条 赠送 礼品; 第八条 对党员 / 第九条 对党组织;
# 支部工作条例 第十二条 支委会 / 第十三条 党小组会).
NEAR_ARTICLES = 2


@dataclass(frozen=True)
class Neighbourhood:
    """How a rule's follow-up leans on the article the previous answer cited.

    ``same_article``: that article itself may answer it (a swap asks about another subject: a cited article
    answers it only when it names the new subject). ``margin``: an answer next to the topic wins unless one elsewhere covers the follow-up (term coverage,
    0–1) at least this much better; a swap is phrased in the member's words, which the neighbour may say otherwise
    (送购物卡给领导 ↔ 赠送…消费卡（券）), while a predicate or pronoun follow-up is spelled out in full (0: the
    neighbour must cover it strictly better)."""

    same_article: bool
    margin: float


# Rules whose follow-up stays in the conversation's topic, so that answers next to it are preferred.
NEIGHBOUR_RULES = {
    "swap": Neighbourhood(same_article=False, margin=0.25),
    "context": Neighbourhood(same_article=True, margin=0.1),
    "predicate": Neighbourhood(same_article=True, margin=0.0),
    "pronoun": Neighbourhood(same_article=True, margin=0.0),
}


def near_topic(
    doc_id: str, article: int | None, anchors: Sequence[tuple[str, int]], *, same_article: bool
) -> bool:
    """Whether an article (``doc_id``, number) stands next to one the previous answer cited (``anchors``: (doc_id,
    article number) pairs): same document, at most ``NEAR_ARTICLES`` away; a cited article itself counts only
    when ``same_article``."""
    if article is None:
        return False
    for anchor_doc, anchor_no in anchors:
        distance = abs(article - anchor_no)
        if doc_id == anchor_doc and distance <= NEAR_ARTICLES and (same_article or distance > 0):
            return True
    return False


# A pick by a property: a superlative (最 + a quality or a place in an order) asked of the members of the list shown
# before ("那其中最高的是哪一种", "哪一项最重", "最轻的处分是什么", "哪個最嚴厲"). Fillers that point at the list come first
# (其中, 这几种, 里面); a kind noun may follow the superlative or the question word; nothing else may be left.
_SUPERLATIVE = (
    r"最为?(?:重要|根本|基本|关键|核心|严厉|严重|严格|宽松|高|低|重|轻|长|短|久|早|晚|先|后|末|大|小|多|少)"
)
_PICK_WORD = r"(?:哪一?[种项个条类款档级]|哪个|什么|啥)"
_KIND_NOUN = r"(?:(?![多几哪什啥谁是的最])[\u4e00-\u9fff]){1,4}?"
_PICK_END = r"(?:呢|吗|啊|呀)?[？?。!！\s]*$"
_PICK_FILLER_RE = re.compile(
    r"^(?:那么|那|请问)?(?:在|从)?(?:其中|这些|那些|这几[种项个条类款档级]|那几[种项个条类款档级]|它们|上面|上述|前面|里面|"
    r"当中|之中)?(?:之中|当中|中间|里面|里头|中|里)?"
)
_PROPERTY_PICK_RES = (
    # "最高的是哪一种", "最轻的处分是什么", "最重的呢", "最严厉的是?"
    re.compile(
        rf"^({_SUPERLATIVE})的(?:{_KIND_NOUN})?(?:是|为|算)?(?:{_PICK_WORD}(?:{_KIND_NOUN})?)?{_PICK_END}"
    ),
    # "最重是哪一种" (no 的 before the copula)
    re.compile(rf"^({_SUPERLATIVE})(?:是|为){_PICK_WORD}(?:{_KIND_NOUN})?{_PICK_END}"),
    # "哪一种最重", "哪种处分最轻", "哪个最严厉的"
    re.compile(rf"^{_PICK_WORD}(?:{_KIND_NOUN})?(?:是|算|为)?({_SUPERLATIVE})的?{_PICK_END}"),
)


def property_pick(question: str) -> tuple[str, str] | None:
    """The superlative a follow-up picks a member of the list shown before by, and the follow-up without its fillers
    ("那其中最高的是哪一种？" → ("最高", "最高的是哪一种？"), "哪一項最輕" → ("最轻", "哪一项最轻")), or None: a
    question asking something of its own ("最长多久", "最长的期限是多少", "其中第三项是什么"). ``question`` in
    simplified script."""
    q = question.strip()
    rest = q[_PICK_FILLER_RE.match(q).end() :]  # type: ignore[union-attr]
    for pattern in _PROPERTY_PICK_RES:
        m = pattern.match(rest)
        if m:
            return m.group(1).replace("最为", "最"), rest
    return None


# The member a superlative picks with something asked of it ("其中最重的那种对党组织的问责方式适用什么情况"): the
# superlative with 的 and a measure word (那种, 那一项) or the noun the previous question named the list by.
_PROPERTY_SELECTION_RE = re.compile(rf"({_SUPERLATIVE})的(?:(?:那|这)?一?[种项个条类款档级])?")
_MEASURE_RE = re.compile(r"(?:那|这)?一?[种项个条类款档级]")


def property_ask(question: str, previous: str) -> tuple[str, int, int] | None:
    """The superlative of a follow-up that asks something of the member it picks, and the span of the selection
    (with the list's noun as ``previous`` named it), or None: "其中最重的那种对党组织的问责方式适用什么情况" after
    "问责条例里对党组织的问责方式有哪些" → ("最重", 2, 24); "最重的处分有什么影响" after "处分有哪几种" → ("最重", 0, 5).
    A pick asking for the member alone ("最重的是哪一种") is ``property_pick``'s; "最长的期限是多少" (no measure word
    and no noun of the previous question) asks a quantity of its own. ``question`` in simplified script."""
    q = question.strip()
    start = _PICK_FILLER_RE.match(q).end()  # type: ignore[union-attr]
    m = _PROPERTY_SELECTION_RE.match(q, start)
    if m is None or property_pick(q) is not None:
        return None
    end = m.end()
    measured = _MEASURE_RE.fullmatch(q, q.index("的", m.start()) + 1, end) is not None
    rest = q[end:]
    named = next((size for size in range(min(len(rest), 16), 1, -1) if rest[:size] in previous), 0)
    if not measured and not named:
        return None
    end += named
    if not _ITEM_PREDICATE_RE.match(q, end):
        return None
    return m.group(1).replace("最为", "最"), start, end


# Superlatives that state the same place in an order: a member "最高" among 处分 is the "最重", "最严厉" one.
_SUPERLATIVE_FAMILIES = (
    ("最高", "最重", "最严厉", "最严重", "最严"),
    ("最低", "最轻", "最宽松"),
    ("最长", "最久"),
    ("最后", "最末", "最晚"),
    ("最先", "最早"),
    ("最重要", "最根本", "最关键", "最核心"),
)
# Superlatives of the list's own order: the list shown answers them when no sentence states them ("最后一种").
# Lists of sanctions run from the lightest to the heaviest (纪律处分条例第八条 警告 … 开除党籍, 问责条例第七条 检查、通报、
# 改组, 组织处理规定 停职检查 … 降职): their heaviest is the last, their lightest the first, when no sentence says so.
ORDER_SUPERLATIVES = {
    "最后": -1, "最末": -1, "最先": 1,
    "最重": -1, "最严厉": -1, "最严重": -1, "最轻": 1, "最宽松": 1,
}  # fmt: skip
# Characters between a member and the superlative stated of it ("开除党籍是党内的最高处分": 党内的).
_PROPERTY_GAP = 12


def superlative_forms(superlative: str) -> tuple[str, ...]:
    """The superlatives that state ``superlative`` (its family in ``_SUPERLATIVE_FAMILIES``, else itself)."""
    return next((f for f in _SUPERLATIVE_FAMILIES if superlative in f), (superlative,))


def states_property(member: str, superlative: str, text: str, members: Sequence[str] = ()) -> bool:
    """Whether ``text`` states ``superlative`` of ``member`` in one clause with a copula: "开除党籍是党内的最高处分"
    states 最高 (and 最重, ``superlative_forms``) of 开除党籍; "最重的是开除党籍" too. A bound said of the member
    ("留党察看最长不超过两年") or a member and a superlative in different clauses ("按……最高处分加重一档给予处分；其中
    一种违纪行为应当受到开除党籍处分的") states nothing. ``members``: the list's other members; one containing
    ``member`` (严重警告 for 警告) at the same place is that member, not ``member``."""
    norm = to_simplified(text)
    forms = "|".join(map(re.escape, superlative_forms(superlative)))
    name = re.escape(member)
    gap = rf"[^，,。；;：:！!？?\n]{{0,{_PROPERTY_GAP}}}?"
    patterns = (rf"{name}{gap}(?:是|为|属于){gap}(?:{forms})", rf"(?:{forms}){gap}(?:是|为){name}")
    longer = [m for m in members if member in m and m != member]
    for pattern in patterns:
        for m in re.finditer(pattern, norm):
            at = m.start() if m.group().startswith(member) else m.end() - len(member)
            if not any(_names_at(norm, other, member, at) for other in longer):
                return True
    return False


def _names_at(text: str, longer: str, member: str, at: int) -> bool:
    """Whether ``member`` found at ``at`` in ``text`` is part of ``longer`` (严重警告 around 警告)."""
    offset = longer.find(member)
    start = at - offset
    return start >= 0 and text[start : start + len(longer)] == longer


def list_members(hits: Sequence[Hit], question: str = "") -> list[str]:
    """Every member of the list ``hits`` (one article's parts, in order) show, the one ``question`` asked about
    (``extract.list_member``), in order: 纪律处分条例第八条 → ["警告", "严重警告", "撤销党内职务", "留党察看",
    "开除党籍"]; [] when they show no list."""
    from service.rag.extract import list_member

    out: list[str] = []
    for k in range(1, _MAX_MEMBERS + 1):
        member = list_member(hits, ItemSelector(ordinal=k), question)
        if member is None:
            break
        out.append(member)
    return out


_MAX_MEMBERS = 30
