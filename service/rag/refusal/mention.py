"""Mention-only terms: a concept the knowledge base names but never defines or enumerates is refused with
``MENTION_ONLY_MESSAGE`` and the passages that mention it (issue 11, item 5).

``asked_term`` finds the named concept a question asks to be defined; ``mention_only`` decides whether the
evidence only mentions it; ``used_as_given`` tells a sentence that uses the term (做到“两个维护”) from one that
says what it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from service.rag.asked_kind import quoted_which
from service.rag.refusal.absent import GENERIC_ASKED, POSITION_TAIL_RE
from service.rag.refusal.numbered_terms import (
    ASKED_COUNT_RE,
    USE_VERBS,
    compound_parts,
    counted_part,
    counted_quote,
    enumerates_compound,
    enumeration_answers,
    is_numbered_term,
    numbered_count,
    spells_out,
)
from service.text.normalize import cn_to_int, normalize_for_match

MENTION_ONLY_MESSAGE = (
    "知识库中提到了“{term}”，但没有找到对它的定义或具体内容，无法据此作答。下面列出提到它的段落，供您查阅。"
)


def mention_only(
    term: str, evidence_texts: Sequence[str], is_defined: Callable[[str, str], bool], question: str = ""
) -> bool:
    """True when ``term`` occurs in the evidence but no sentence defines or enumerates it.

    ``is_defined(sentence, term)`` is the extractor's definition test (``extract.defines``). When ``question``
    asks for a list (``listed_near``: "是哪四项", "建到了哪些地方"), a sentence that lists the members right by the term
    answers it: "坚持社会主义道路、……、坚持马克思列宁主义毛泽东思想这四项基本原则，是我们的立国之本" spells out what
    “立国之本” stands for, "从“支部建在连上”到“支部建在村上”“支部建在楼上”……" where the branches went next."""
    found = False
    for text in evidence_texts:
        norm = normalize_for_match(text)
        if term not in norm:
            continue
        found = True
        break
    if not found:
        return False
    used = re.compile(rf"(?:{USE_VERBS})[^，。；]{{0,4}}?[“「\"]?{re.escape(term)}[”」\"]?")
    for text in [*evidence_texts, "\n".join(evidence_texts)]:
        norm = normalize_for_match(text)
        if question and listed_near(norm, term, question):
            return False
        if question and said_after(question, term, norm):
            return False
        if question and completes(question, term, norm):
            return False
        if enumerates_compound(norm, term) or spells_out(norm, term):
            return False
        if re.search(rf"所称[“「\"]?{re.escape(term)}[”」\"]?[，,]?(?:是指|指|包括|为)", norm):
            return False  # a legal definition: "本规定所称严重触犯刑律，是指因犯罪被人民法院判处刑罚"
        for sentence in re.split(r"[。！？!?；;\n]", norm):
            # "核心要义是坚决做到“两个维护”" uses the term as given: what it is done to is no definition of it
            sentence = used.sub("", sentence)
            # the definition test reads the texts' own full-width punctuation: "本规定所称严重触犯刑律，是指……" defines
            # the term, although matching form writes its comma half-width
            if term[-2:] in sentence and is_defined(sentence.translate(_FULL_WIDTH), term):
                return False
    return True


# "“权随事走”完整说法是什么", "全称是什么": the whole phrase a quoted fragment belongs to.
WHOLE_FORM_ASK_RE = re.compile(
    r"完整(?:的)?(?:说法|表述|提法|表达|句子|的话|口号|[一两二三四五六七八九十几]句话?)|全称|全句|整句话?"
)
_QUOTATION_RE = re.compile(r"[“「\"]([^”」\"]{2,40})[”」\"]")


def completes(question: str, term: str, norm: str) -> bool:
    """Whether ``norm`` (matching form) quotes the whole phrase ``term`` is part of, when ``question`` asks for it
    (``WHOLE_FORM_ASK_RE``): "加快推进“權隨事走、人隨事調、費隨事轉”" completes “权随事走” (holdout7 h7-228). A
    quotation of the term alone completes nothing."""
    if WHOLE_FORM_ASK_RE.search(normalize_for_match(question)) is None:
        return False
    return any(term in q and len(q) > len(term) for q in _QUOTATION_RE.findall(norm))


# A list question: a count asked ("是哪四项") or a plain list ("哪些地方", "有哪几个").
_LIST_ASK_RE = re.compile(r"哪些|哪几|有几[项条点种个]|分别")
# The items of a list in matching form: quoted items one after the other (“支部建在村上”“支部建在楼上”), or the
# 、-separated parts of one clause.
_QUOTED_RUN_RE = re.compile(r"(?:[“「\"][^”」\"，。；]{1,16}[”」\"][、和及与]?){2,}")
_QUOTED_ITEM_RE = re.compile(r"[“「\"]([^”」\"，。；]{1,16})[”」\"]")
NEAR_CHARS = (
    6  # how far (characters, no clause break) a list may end before, or begin after, the term it lists
)
MIN_LISTED_ITEMS = 3  # the items of a list that answers a list question without standing right by the term


def listed_near(norm: str, term: str, question: str) -> bool:
    """Whether a sentence of ``norm`` (matching form) lists the members ``question`` asks for right by ``term``.

    The question must ask for a list (a count, ``ASKED_COUNT_RE``, or ``_LIST_ASK_RE``). A list stands by the term when
    it begins or ends within ``NEAR_CHARS`` of it with no clause break between ("从“支部建在连上”到“A”“B”“C”",
    "“三严三实”即严以修身、……"). With a count ("哪四项") a list of exactly that many items (``MIN_LISTED_ITEMS`` or
    more) anywhere in the term's sentence answers it too ("A、B、C、D这四项基本原则，是我们的立国之本"); without one
    the list must stand by the term and have ``MIN_LISTED_ITEMS`` items: "学习马克思列宁主义、毛泽东思想……，推进
    “两学一做”学习教育" lists what to study, not what “两学一做” is. Items naming the term itself mean the list is
    of its siblings ("增强“四个意识”、坚定“四个自信”、做到“两个维护”", ``_members``)."""
    nq = normalize_for_match(question)
    counted = ASKED_COUNT_RE.search(nq)
    if counted is None and not _LIST_ASK_RE.search(nq):
        return False
    n = cn_to_int(counted.group(1)) or 0 if counted else 0
    for sentence in re.split(r"[。！？!?；;\n]", norm):
        if term not in sentence:
            continue
        for start, end, listed in _lists(sentence):
            items = _members(listed, term)
            if items is None or (n and len(items) != n):
                continue
            # a count of MIN_LISTED_ITEMS or more: anywhere in the sentence; else by the term, with a count or
            # MIN_LISTED_ITEMS items
            if n >= MIN_LISTED_ITEMS or (
                (n or len(items) >= MIN_LISTED_ITEMS) and _stands_by(sentence, term, start, end)
            ):
                return True
    return False


def _stands_by(sentence: str, term: str, start: int, end: int) -> bool:
    """Whether the list ``sentence[start:end]`` begins or ends within ``NEAR_CHARS`` of an occurrence of ``term``,
    with no clause break (，；：) between them."""
    for m in re.finditer(re.escape(term), sentence):
        if m.end() <= start:
            gap = sentence[m.end() : start]
        elif end <= m.start():
            gap = sentence[end : m.start()]
        elif start <= m.start() and m.end() <= end:
            gap = ""  # the term opens the list's first item ("“三严三实”即严以修身、……")
        else:
            continue
        if len(gap) <= NEAR_CHARS and not re.search(r"[，,；;：:]", gap):
            return True
    return False


def _members(items: list[str], term: str) -> list[str] | None:
    """The members a list states for ``term``: None when the term is one of the items (its siblings are listed:
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”"); an item that opens with the term keeps what follows it
    ("“三严三实”即严以修身" → 严以修身)."""
    out: list[str] = []
    for k, item in enumerate(items):
        if term not in item:
            out.append(item)
            continue
        # only the first item may open with the term and a copula; anywhere else the term is one more item
        # ("……带薪休假等举措和“三个区分开来”要求")
        at = item.index(term)
        rest = item[at + len(term) :]
        m = _COPULA_RE.match(rest)
        # "党的各级纪律检查委员会的职责是监督、执纪、问责": the term, modified, then a copula opens the list (holdout6)
        if k > 0 or (at > 1 and item[at - 1] != "的") or m is None or len(rest) - m.end() < 2:
            return None
        out.append(rest[m.end() :])
    return out


_COPULA_RE = re.compile(r"[”」\"]?(?:即|是|就是|指|为|包括|分别是)[：:]?|[”」\"]?[：:]")


def _lists(sentence: str) -> list[tuple[int, int, list[str]]]:
    """The lists of one sentence (matching form): ``(start, end, items)`` of each run of quoted items and of each
    clause (between ，：) with 、-separated parts."""
    out: list[tuple[int, int, list[str]]] = []
    for m in _QUOTED_RUN_RE.finditer(sentence):
        out.append((m.start(), m.end(), _QUOTED_ITEM_RE.findall(m.group())))
    pos = 0
    for clause in re.split(r"([，,：:])", sentence):
        if "、" in clause:
            out.append((pos, pos + len(clause), [p for p in clause.split("、") if p]))
        pos += len(clause)
    return out


# Matching form (``normalize_for_match``) writes these half-width; the texts and the definition test use full width.
_FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})


def used_as_given(term: str, text: str) -> bool:
    """True when ``text`` names ``term`` and every occurrence is the object of a verb that takes it as given
    ("核心要义是坚决做到“两个维护”") or one more quoted item of a list ("……等举措和“三个区分开来”要求"): such a
    sentence says what to do with the term, not what it is."""
    norm = normalize_for_match(text)
    if term not in norm:
        return False
    # the object of such a verb, or one more item of a list ("……等举措和“三个区分开来”要求")
    used = re.compile(rf"(?:(?:{USE_VERBS})[^，。；]{{0,4}}?|[和及与、][“「\"])[“「\"]?{re.escape(term)}")
    return term not in used.sub("", norm)


# "“两学一做”具体是学什么、做什么", "中央八项规定具体是哪八项", "伟大建党精神的内涵是什么": the named thing asked about.
_ASKED_NAMED_RE = (
    re.compile(r"^(?:请问)?(.+?)(?:具体)?(?:是|指|有|包括)?哪[两二三四五六七八九十\d]+[个项条种点类字]"),
    re.compile(r"^(?:请问)?(.+?)的(?:具体)?(?:内涵|含义|内容|要求|意思)"),
)


# The question asks what the term is or means ("是什么", "怎么定义的", "什么意思", "指什么").
_DEFINE_ASK_RE = re.compile(
    r"是什么|什么是|怎么定义|如何定义|定义|什么意思|啥意思|含义|内涵|指什么|是指|指的是|怎么理解|如何理解"
)


# A request for the passage that holds a quoted phrase, not for its definition: the sentence before or after it, the
# sentence, article or item it stands in ("那条完整怎么说", "讲“X”的是哪一条", "这话在党章哪里", "是第几项") or a place in
# a named text ("入党誓词的最后四个字"; holdout8). "在哪里" with no text named between asks for a place ("是在哪里提出的").
_PASSAGE_PLACE = (
    r"后面|前面|下一句|上一句|前一句|后一句|那句|这句|这话|怎么说|"
    r"[那这哪]一?[条项款段]|第几[条项款段句]|在[^，。？?]{1,6}哪里"
)
# The mention-only check leaves alone a request for a passage or a source (出自, 原话, 原文), not a bare "完整": "“不忘初心”
# 完整的说法是什么" is answered only by a quotation that completes the phrase (``completes``), or refused.
_QUOTE_REQUEST_RE = re.compile(rf"{_PASSAGE_PLACE}|出自|原话|原文")
# The passage support: a request for a passage or for the whole of the phrase ("完整的三句话"; not "完整含义", a
# definition), never for a source, whose answer may be a speaker the texts do not name.
_PASSAGE_ASK_RE = re.compile(rf"{_PASSAGE_PLACE}|完整(?!的?(?:含义|内涵|定义|意思|意义|概念))")
MIN_QUOTED_PASSAGE = 3  # characters of a quoted phrase whose passage is asked for ("照镜子")


def quotes_passage(question: str, shown_text: str) -> bool:
    """Whether ``question`` asks for the passage a quoted phrase of it stands in (``_PASSAGE_ASK_RE``: "“照镜子”那句完整
    是什么", "“党政军民学，东西南北中”后面一句是什么", "“权随事走”完整的三句话") and ``shown_text`` holds that phrase
    verbatim in matching form (either script): the shown sentence is the passage asked for, whatever share of the
    question's other words ("后面", "一句", "完整") it holds (holdout8). Asks for who said it or where it comes from are
    not such requests."""
    nq = normalize_for_match(question)
    if _PASSAGE_ASK_RE.search(nq) is None or re.search(r"出自|谁|哪位|哪个人", nq):
        return False
    shown = normalize_for_match(shown_text)
    # the phrase stands as a clause or quotation of its own, not as the first words of another sentence ("对党忠诚是
    # 纯粹的" is no passage of the oath's "……，对党忠诚，积极工作")
    return any(
        len(q) >= MIN_QUOTED_PASSAGE
        and re.search(rf"(?<![\u4e00-\u9fff]){re.escape(q)}(?![\u4e00-\u9fff])", shown) is not None
        for q in re.findall(r"[“「\"]([^”」\"]{2,40})[”」\"]", nq)
    )


def asked_term(question: str, defined: str | None) -> str | None:
    """The named concept whose definition ``question`` asks for, for the mention-only check, or None.

    ``defined`` is the extractor's ``defined_term``; the patterns above add "X具体是哪八项" and "X的内涵",
    and cut "的内涵"-style tails; a quoted word after a count ("哪四个“廉洁”") asks for the numbered group (四个廉洁)
    whose members share it. A request for a quotation ("……后面一句是什么") wants the passage itself,
    and "党的性质"-style phrases (党的 + a common noun) are described, not named, by the texts that
    answer them ("中国共产党是中国工人阶级的先锋队"): neither is checked."""
    nq = normalize_for_match(question).strip(" ？?。!！")
    if _QUOTE_REQUEST_RE.search(nq) or (defined is not None and POSITION_TAIL_RE.search(defined)):
        return None
    term = defined
    quoted = re.findall(r"[“「\"]([^”」\"]{2,12})[”」\"]", nq)
    if quoted_which(nq):
        quoted = []  # "要用好什么“形态”" asks which 形态, not what the word means (asked_kind.quoted_which)
    if len(quoted) == 1:
        term = quoted[0]
        # "哪四个“廉洁”": the quoted word is what the members of a counted list share (廉洁从政、廉洁用权 …); the
        # term asked is the numbered group (四个廉洁), answered by the list, not a definition of 廉洁
        counted = counted_quote(nq)
        if counted is not None and counted[1] == term:
            if not counted[2]:
                return None  # "哪几个“廉洁”": a list of unknown length, checked by the list's own rules
            term = counted[0]
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
    if not quoted and term in GENERIC_ASKED:
        return None  # "对中央委员给警告处分，程序是什么": the procedure of the act asked, no named concept (h7-067)
    return term


def undefined_term(
    question: str, shown_text: str, evidence_text: str, known: Callable[[str], bool]
) -> tuple[str, str] | None:
    """(term, reason) when the answer is not about the named concept ``question`` asks to be defined or
    enumerated (``asked_term``, quoted or a numbered group: "什么是“两个维护”", "“四下基层”是哪四下"), else None.

    The answer is about the term when the shown text or its cited passages (``evidence_text``) name it, spell it
    out (``spells_out``, ``enumerates_compound``) or, for a term that is no numbered group, define it by its head
    ("誓词如下：" for 入党誓词, ``extract.defines``). Otherwise the reason is ``mention_only`` when the knowledge base
    names the term somewhere (``known``): the 总纲's "维护世界和平" is no definition of “两个维护”; and
    ``not_in_kb`` for a numbered term the knowledge base never names whose counted part (``counted_part``: 下基层
    of 四下基层) the answer does not hold either: a report on 基层党建 says nothing of “四下基层”, while "到建党一百年
    时……到新中国成立一百年时" answers “两个一百年” (issue 11, item 5)."""
    from service.rag.extract import defined_term, defines

    term = asked_term(question, defined_term(question))
    nq = normalize_for_match(question)
    quoted = re.findall(r"[“「\"]([^”」\"]{2,12})[”」\"]", nq)
    # Only a named term: "党执政以后最大的危险" is described by the texts, not named; a "哪三项" question is
    # checked by the count of what is listed (``enumeration_answers``).
    group = counted_quote(question)
    if term is not None and group is not None and term == group[0]:
        # "哪四个“廉洁”": the shown text must list that many members sharing the word
        return _unlisted_members(group[1], group[2], term, shown_text, known)
    numbered = term is not None and is_numbered_term(term)
    if term is None or not (term in quoted or (numbered and not ASKED_COUNT_RE.search(nq))):
        return None
    # each text on its own: the shown items and the chunks they come from are one list, not two
    texts = [normalize_for_match(t) for t in (shown_text, evidence_text) if t]
    if any(
        (term in t and not WHOLE_FORM_ASK_RE.search(nq))
        or completes(question, term, t)
        or enumerates_compound(t, term)
        or spells_out(t, term)
        or spelled_by_leads(t, term)
        for t in texts
    ):
        return None
    norm = "\n".join(texts)
    if ASKED_COUNT_RE.search(nq) and enumeration_answers(question, shown_text):
        return None  # "“五大工程”是哪五个工程": five items are shown (实施……政治引领工程, …)
    if not numbered and any(
        term[-2:] in s and defines(s.translate(_FULL_WIDTH), term) for s in re.split(r"[。！？!?；;\n]", norm)
    ):
        return None
    if known(term):
        return term, "mention_only"
    if not numbered and _DEFINE_ASK_RE.search(nq):
        # a quoted term asked to be defined that no text names: a passage holding part of it ("党员……先锋战士"
        # for “党员先锋岗”) is about something else (trial 5)
        return term, "not_in_kb"
    counted = counted_part(term)
    if numbered and len(counted) >= 2 and counted not in norm:
        return term, "not_in_kb"
    return None


def _unlisted_members(
    word: str, n: int, group: str, shown_text: str, known: Callable[[str], bool]
) -> tuple[str, str] | None:
    """For "哪四个“廉洁”" (``counted_quote``: ``word`` 廉洁, ``n`` 4, ``group`` 四个廉洁): None when the shown text lists
    ``n`` members sharing the word (clauses holding it: 廉洁从政、廉洁用权、廉洁修身、廉洁齐家) or spells the group out;
    else the refusal: ``mention_only`` of the word the knowledge base names, ``not_in_kb`` of the group otherwise."""
    shown = normalize_for_match(shown_text)
    members = [c for c in re.split(r"[、，,；;。：:！!？?\n]", shown) if word in c]
    if len(members) >= n or enumerates_compound(shown, group) or spells_out(shown, group):
        return None
    return (word, "mention_only") if known(word) else (group, "not_in_kb")


# A lead that spells one member of such a compound is short ("抓基本強基礎。"): at most this many characters per part.
MAX_COMPOUND_PART = 6


def compound_lead_re(term: str) -> re.Pattern[str] | None:
    """The shape of a paragraph lead spelling one member of the numbered compound ``term`` (matching form) whose two
    counts are equal and two or more ("三抓三强" → "抓……强……。": 抓基本强基础; ``numbered_terms.compound_parts``), or
    None for any other term."""
    parts = compound_parts(term)
    if parts is None:
        return None
    (n, first), (k, second) = parts
    if n != k or n < 2 or first == second:
        return None
    part = rf"[\u4e00-\u9fff]{{1,{MAX_COMPOUND_PART}}}"
    return re.compile(rf"^{re.escape(first)}{part}{re.escape(second)}{part}[。；;，,]?$")


# A coined name in quotation marks inside one shown line ("……的“思想凝聚力”。").
_QUOTED_NAME_RE = re.compile(r"“([\u4e00-\u9fff]{2,8})”")


def spelled_by_leads(text: str, term: str) -> bool:
    """Whether ``text`` (matching form, one paragraph lead or quote a line) spells out a theory article's coined
    numbered ``term`` across paragraphs, where no one sentence does (``enumerates_compound``, ``spells_out``):

    - a numbered compound with equal counts ("三抓三强") by that many lines shaped like one member
      (``compound_lead_re``: "抓基本强基础。", "抓责任强落实。", "抓队伍强能力。");
    - a numbered group ("五种能力") by that many lines each naming a member in quotation marks whose last
      character is the counted word's ("……的“思想凝聚力”。", "……的“干事战斗力”。" … for 能力).

    Kept apart from the regulation-side checks of ``numbered_terms``: a theory article states such groups one per
    paragraph (holdout5 h5-240, h5-329)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    shape = compound_lead_re(term)
    parts = compound_parts(term)
    if shape is not None and parts is not None:
        return sum(1 for line in lines if shape.match(line)) == parts[0][0]
    numbered = numbered_count(term)
    if numbered is None:
        return False
    n, counted = numbered
    naming = [
        line
        for line in lines
        if any(
            name[-1] == counted[-1] and not re.match(r"[两二三四五六七八九十]", name)
            for name in _QUOTED_NAME_RE.findall(line)
        )
    ]
    return n >= 2 and len(naming) == n


# What a question asks of a named thing after naming it: "北京建立的“接诉即办”机制要做到什么" → 机制, 做到.
# Asks after the term that want what it is or stands for, when or how much: the mention-only rule keeps those.
_ASKS_AFTER_RE = re.compile(
    r"(?:是|指|包括|包含|含义|内涵|定义|意思|哪些|哪几|有哪|哪一年|哪年|何时|什么时候|多少|几)"
)
# How far after the term (characters, one clause) the sentence must say what the question asks of it.
SAID_AFTER_CHARS = 12
# What the sentence must say after the question's last word (characters): more than the word itself.
MIN_SAID_CHARS = 4


def said_after(question: str, term: str, norm: str) -> bool:
    """Whether a sentence of ``norm`` (matching form) says what ``question`` asks of the named ``term`` when the
    question asks something other than what the term is, when or how much: the question's informative words after
    the term ("机制", "做到" of "北京建立的“接诉即办”机制要做到什么") stand after the term in one clause of the sentence
    within ``SAID_AFTER_CHARS`` characters, followed by at least ``MIN_SAID_CHARS`` more ("建立“接诉即办”机制,做到快速
    响应、快速办理、快速反馈"). A coined name a theory article uses, then says what it does, is more than a mention;
    "“接诉即办”机制是哪一年建立的" and "“三区三州”具体指哪些地区" ("聚焦“三区三州”等深度贫困地区") still are
    (holdout5 theory questions and traps)."""
    from service.rag.query_terms import informative_terms

    nq = normalize_for_match(question)
    at = nq.find(term)
    if at < 0:
        return False
    rest = nq[at + len(term) :]
    if _ASKS_AFTER_RE.search(rest):
        return False
    words = [w for w in informative_terms(rest) if len(w) >= 2 and w != term]
    if not words:
        return False
    for sentence in re.split(r"[。！？!?；;\n]", norm):
        for m in re.finditer(re.escape(term), sentence):
            after = sentence[m.end() : m.end() + SAID_AFTER_CHARS + MIN_SAID_CHARS + 8]
            ends = [after.find(w) + len(w) for w in words if 0 <= after.find(w) <= SAID_AFTER_CHARS]
            if len(ends) == len(words) and len(re.sub(r"\W", "", after[max(ends) :])) >= MIN_SAID_CHARS:
                return True
    return False
