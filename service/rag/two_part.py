"""Questions that ask two things, each answered by its own evidence (issue 11, item 2: two-part questions).

"支委会多久开一次会？党员大会呢" asks two frequencies that two articles state (支部工作条例第十二条: 每月; 第十一条:
每季度); "上级党委多长时间内审批？批完通知谁" asks a time limit and an addressee; "党徽党旗是什么样子的" asks what
two things look like (党章第五十三条 and 第五十四条). Answering the whole question at once finds the evidence of
the ask its best sentence answers and little or nothing of the other. So ``split_asks`` turns such a question into
self-contained asks, ``Answerer`` answers each on its own, and ``merge`` adds to the whole question's answer the
lead evidence of each ask that the answer does not show yet.

An ask is a clause (split at ？！。；，) holding an asking word (who / how long / how many / how / what / whether, as
``query_terms.asks_twice`` reads them) or ending in 呢. Clauses before the first ask are context for every ask
("支部大会通过的转正决议，"); a clause that only counts or spells out the list just asked for ("一共几条",
"分别叫什么", "列一下") is part of that ask, not another. A later ask is made self-contained by the follow-up
rules of ``conversation.resolve`` ("党员大会呢" → "党员大会多久开一次会", "由谁召集" → "…由谁召集"); one that
starts with a pronoun or names none of the first ask's words gets the first ask's subject ("他们具体干什么" after
"培养联系人要安排几个" → "培养联系人具体干什么"). A subject of two coordinated nouns ("党徽和党旗", "党徽党旗")
gives one ask per noun when the question asks them 分别/各 or the two share a character in the same place (党徽/党旗,
支委会/党员大会), and the question compares nothing (``extract.compares``).

Pure functions over text and answers; nothing here retrieves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.rag.conversation import history_from_questions, resolve, subject_phrase
from service.rag.extract import compares, defines
from service.rag.query_terms import asks_twice, informative_terms
from service.schemas import Answer, Citation, Hit
from service.text.normalize import normalize_for_match, normalize_quote, to_simplified

# Where a question's clauses end.
_CLAUSE_END_RE = re.compile(r"[？?！!。；;，,]+")
# Asking words (``query_terms._ASK_KINDS``), and a clause ending in 呢 ("党员大会呢", "机关的呢").
_ASK_RE = re.compile(
    r"谁|多久|多长|几|多少|怎么|怎样|如何|什么|啥|哪|是否|能否|可否|([\u4e00-\u9fff])[不没]\1|可不可以|吗|呢$|么$"
)
# A clause that only counts or spells out the list just asked for: "一共几条", "分别叫什么", "列一下", "说几种".
_COMPANION_WORD_RE = re.compile(
    r"(?:一共|总共|总计|共有?|分别|各自|具体|都|请|列举?|说|举|讲)?(?:有|是|叫|为|包括)?"
    r"(?:几|多少|哪些|哪几)?[条项种个点类款大方面]*"
)
_COMPANION_TERM_RE = re.compile(r"(?:几|多少)[条项种个点类款]?|分别|一共|总共|列举?|一下")
# Verbs and asks that make a clause without terms an ask of its own ("他们具体干什么", "做什么", "由谁批").
_OWN_ASK_RE = re.compile(r"干|做|办|谁|多久|多长|何时|什么时候|怎么|如何|怎样|能不能|可不可以|吗")
# A count or length with its measure word: "几个人" and "几年" ask two different quantities ("党支部委员会由几个人组成，
# 任期几年"), "多久" and "多久" one asked twice ("最短延多久，最长多久").
_MEASURED_RE = re.compile(r"(?:几|多少)个?[\u4e00-\u9fff]|多久|多长时间|多长|多大")
# A leading pronoun standing for the first ask's subject.
_PRONOUN_RE = re.compile(r"^(?:那么|那)?(?:他们|她们|它们|他|她|它|其|这些人|这些|这个)")
# A subject of two coordinated nouns: "党徽和党旗", "支委会与党员大会", "党徽、党旗".
_CONJUNCTION_RE = re.compile(r"和|与|及|跟|以及|、")
# Where a coordinated subject ends: the predicate that is asked of both nouns.
_PREDICATE_RE = re.compile(
    r"分别|各自|各|都|是|有|要|由|每|一般|多久|多长|多少|几|怎么|怎样|如何|什么|啥|哪|长什么|长啥|应当|应该|需要|"
    r"可以|能"
)
# Where the subject of the first ask ends, beyond ``conversation.subject_phrase``'s predicate words: a frequency,
# a modal or a verb of asking ("组织生活会一年开几次" → 组织生活会, "留党察看分几种期限" → 留党察看).
_SUBJECT_TAIL_RE = re.compile(
    r"(?:一年|每年|每月|每季度|一届|每届|至少|最多|最少|一般|通常|要|开|搞|设|干|能).*$|(?<!处)分$|[得想]$"
)
# Parts of speech (jieba) of a word that can open an ask with a subject of its own.
_NOUN_FLAGS = ("n", "j", "vn", "an")
_RESPECTIVE_RE = re.compile(r"分别|各自|各")
# Predicates about a pair as such: its relation, its comparison, its joint working.
_RELATION_RE = re.compile(r"关系|联系|结合|统一|配合|衔接|并重|相比|对比|比较|区别|区分|异同|差别|不同")
# A subject of two juxtaposed two-character nouns sharing a character in the same place: "党徽党旗", "纪委监委".
_JUXTAPOSED_RE = re.compile(r"^([\u4e00-\u9fff])([\u4e00-\u9fff])([\u4e00-\u9fff])([\u4e00-\u9fff])$")


def _is_ask(clause: str) -> bool:
    return _ASK_RE.search(clause) is not None


def _is_companion(clause: str) -> bool:
    """Whether ``clause`` only counts or spells out the list asked just before ("一共几条", "分别叫什么")."""
    terms = [t for t in informative_terms(clause) if not _COMPANION_TERM_RE.fullmatch(t)]
    if terms or _OWN_ASK_RE.search(clause):
        return False
    return _COMPANION_WORD_RE.match(clause) is not None


def _clauses(question: str) -> list[tuple[str, str]]:
    """``(clause, the punctuation after it)`` pairs of ``question``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _CLAUSE_END_RE.finditer(question):
        clause = question[pos : m.start()].strip()
        if clause:
            out.append((clause, m.group(0)))
        pos = m.end()
    tail = question[pos:].strip()
    if tail:
        out.append((tail, ""))
    return out


def _subject(first: str) -> str:
    """The subject of the first ask ("培养联系人要安排几个" → "培养联系人", "组织生活会一年开几次" → "组织生活会")."""
    subject = subject_phrase(first).strip("，, ")
    subject = subject[:2] + _SUBJECT_TAIL_RE.sub("", subject[2:])
    return "" if re.match(r"[他她它我你这那]", subject) else subject  # "他能不能……": said again by the ask


def _opens_with_noun(ask: str) -> bool:
    """Whether ``ask``'s first word is a noun (jieba's tagger): "党组发挥什么作用" names its subject, "是谁讨论决定的",
    "一般放在什么时候" do not."""
    import jieba.posseg

    words = [w for w in jieba.posseg.lcut(ask) if w.word.strip()]
    return bool(words) and words[0].flag.startswith(_NOUN_FLAGS) and len(words[0].word) >= 2


def _shares_term(part: str, first: str) -> bool:
    """Whether ``part`` names one of the words of ``first`` (either contains the other: 察看 / 留党察看)."""
    mine = informative_terms(part)
    theirs = informative_terms(first)
    return any(a in b or b in a for a in mine for b in theirs if len(a) >= 2 and len(b) >= 2)


def _self_contained(ask: str, first: str) -> str:
    """A later ask written out on its own, the first ask (``first``, without context) as what came before.

    The first ask's subject is put before an ask that starts with a pronoun, names none of the first ask's words, or
    opens with no noun and shares only words of that subject; an ask naming the topic of the first ask's predicate
    (its own verb first: "上级提前多久提醒换届？延期换届最多延多久" → "延期换届最多延多久", holdout5 h5-128) has its
    subject already."""
    resolution = resolve(ask, history_from_questions([first]))
    if resolution.rule == "swap":  # "党员大会呢": the first ask about another subject
        return resolution.question.replace("的的", "的")
    stripped = _PRONOUN_RE.sub("", ask)
    if stripped == ask and _names_pair(ask):
        return ask  # "主要领导责任者和重要领导责任者又怎么区分": a pair of its own, compared
    subject = _subject(first)
    bare = stripped != ask or (
        not _modified_subject(stripped)
        and (
            not _shares_term(ask, first)
            or (not _opens_with_noun(stripped) and not _shares_term(ask, first.replace(subject, "")))
        )
    )
    return f"{subject}{stripped}" if bare and subject and subject not in stripped else stripped


# A subject of its own before the asking word: a modifier, 的, and a noun of two characters or more ("被免职的干部"), or
# the 的-phrase standing for the persons it describes ("被免职的多久不能安排领导职务": those removed from office).
_MODIFIED_SUBJECT_RE = re.compile(r"^[\u4e00-\u9fff]{2,}的(?:[\u4e00-\u9fff]{2,})?$")


def _modified_subject(ask: str) -> bool:
    """Whether ``ask`` opens with a subject of its own, a modified noun before its asking word: "被免职的干部多久不能安排
    领导职务" after "停职检查最长一般多长时间" is about 被免职的干部, not 停职检查 (holdout6 h6-199), and so is "被免职的多久
    不能安排领导职务" (holdout7 h7-167)."""
    m = _ASK_RE.search(ask)
    return m is not None and _MODIFIED_SUBJECT_RE.match(ask[: m.start()]) is not None


def _names_pair(ask: str) -> bool:
    """Whether ``ask`` compares two nouns of its own: "主要领导责任者和重要领导责任者又怎么区分", "从轻处分与减轻处分
    有什么不同" (two runs of at least two characters joined by a conjunction, a relation asked of them after)."""
    conj = _CONJUNCTION_RE.search(ask, 2)
    if conj is None or not re.search(r"[\u4e00-\u9fff]{2}$", ask[: conj.start()]):
        return False
    return bool(re.match(r"[\u4e00-\u9fff]{2}", ask[conj.end() :])) and (
        compares(ask) or _RELATION_RE.search(ask, conj.end()) is not None
    )


# A version named by its year: "2018版", "2023年版", "2016年的".
_VERSION_LABEL_RE = re.compile(r"(?:19|20)\d{2}年?(?:修订)?版?的?")


def _coordinated(ask: str) -> list[str]:
    """One ask per noun of a coordinated subject ("党徽党旗是什么样子的" → "党徽是什么样子的", "党旗是什么样子的"),
    or [] when the ask's subject is not two coordinated nouns asked the same thing."""
    if compares(ask) or _RELATION_RE.search(ask):
        return []  # "党建工作与中心工作是什么关系": one question about the pair
    conj = _CONJUNCTION_RE.search(ask, 2, 8)
    m = _PREDICATE_RE.search(ask, conj.end() + 2 if conj else 2)
    if m is None:
        return []
    subject, predicate = ask[: m.start()], ask[m.start() :]
    if not _is_ask(predicate):
        return []
    respective = _RESPECTIVE_RE.match(predicate) is not None
    joints = list(_CONJUNCTION_RE.finditer(subject))
    if len(joints) == 1:
        a, b = subject[: joints[0].start()], subject[joints[0].end() :]
    elif not joints and (j := _JUXTAPOSED_RE.match(subject)) is not None:
        a, b = subject[:2], subject[2:]
        if j.group(1) != j.group(3) and j.group(2) != j.group(4):
            return []
    else:
        return []
    if all(_VERSION_LABEL_RE.fullmatch(x) for x in (a, b)) and respective and a != b:
        # "2018版和2023版分别写的什么": each version asked on its own (its own text answers it)
        return [
            f"{a}{_RESPECTIVE_RE.sub('', predicate, count=1)}",
            f"{b}{_RESPECTIVE_RE.sub('', predicate, count=1)}",
        ]
    if not all(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", x) for x in (a, b)) or a in b or b in a:
        return []
    if not respective and a[0] != b[0] and a[-1] != b[-1]:
        return []
    predicate = _RESPECTIVE_RE.sub("", predicate, count=1) if respective else predicate
    return [f"{a}{predicate}", f"{b}{predicate}"]


# A comparison of two nouns and nothing else: "A和B有什么区别", "A与B怎么区分", "A跟B的区别是什么", "A和B有何不同",
# "A和B有啥不一样", "A和B哪里不一样" (holdout7, h7-096).
_PAIR_COMPARED_RE = re.compile(
    r"^(?:请问)?([\u4e00-\u9fff“”「」]{2,12}?)(?:和|与|跟|同|及)([\u4e00-\u9fff“”「」]{2,12}?)(?:两者|二者|之间)?(?:又|到底|究竟)?"
    r"(?:有(?:什么|啥|何)(?:区别|不同|差别|差异|不一样)|(?:怎么|怎样|如何)(?:区分|区别)|的?(?:区别|不同|差别|差异)"
    r"(?:是什么|是啥|在哪里?|在什么地方|有哪些)|(?:区别|不同|差别|不一样)在哪里?|(?:哪里|哪儿|啥地方)不(?:一样|同))"
    r"(?:呢|啊|吗)?$"
)
# Words that make a side of a comparison no term to define: an attribute ("……的任期"), a question word.
_NOT_TERM_RE = re.compile(r"的|什么|哪|怎|几|多少|谁")


def compared_terms(question: str) -> list[str]:
    """The two terms a question compares and asks nothing else of, as (A, B), or []: "从轻处分和减轻处分有什么区别？"
    → ["从轻处分", "减轻处分"]; "主要领导责任者和重要领导责任者又怎么区分" → both 责任者. What tells two terms apart is
    each one's definition (纪律处分条例第二十二条 and 第二十三条), not a passage naming both ("可以从轻或者减轻处分"
    lists circumstances). A side with an attribute ("村党支部和机关党支部的任期一样吗") is no term (holdout5,
    h5-080; issue 11, item 3)."""
    q = to_simplified(question).strip(" ？?。!！\n")
    m = _PAIR_COMPARED_RE.match(q)
    if m is None:
        return []
    sides = [re.sub(r"[“”「」]", "", x) for x in (m.group(1), m.group(2))]
    if any(len(x) < 2 or _NOT_TERM_RE.search(x) for x in sides) or sides[0] == sides[1]:
        return []
    return sides


def definition_asks(question: str) -> list[str]:
    """One definition ask per term a comparison names (``compared_terms``): "什么是A", "什么是B"; [] for a question
    that compares no two terms."""
    return [f"什么是{t}" for t in compared_terms(question)]


def defines_each(question: str, answers: Sequence[tuple[Answer, list[Hit]]]) -> bool:
    """Whether each answer to ``definition_asks(question)`` (in order) quotes a sentence that defines its term
    (``extract.defines``: "减轻处分，是指……"); a term the knowledge base only mentions leaves the comparison to the
    whole question's answer."""
    terms = compared_terms(question)
    if not terms or len(answers) != len(terms):
        return False
    return all(_defines_term(answer, term) for term, (answer, _) in zip(terms, answers, strict=True))


def defines_both(question: str, answer: Answer) -> bool:
    """Whether the one ``answer`` to a comparison of two terms (``compared_terms``) already quotes a sentence that
    defines each of them: the whole question's answer then needs no definition asked term by term."""
    terms = compared_terms(question)
    return bool(terms) and all(_defines_term(answer, term) for term in terms)


def _defines_term(answer: Answer, term: str) -> bool:
    """Whether ``answer`` is no refusal and quotes a sentence defining ``term`` (``extract.defines``)."""
    return not answer.refused and any(
        defines(normalize_for_match(c.quote), normalize_for_match(term)) for c in answer.citations
    )


def split_asks(question: str) -> list[str]:
    """The self-contained asks of a question that asks two or more things, in order; [] for a question that asks
    one thing (the list of "党员有哪些义务，一共几条" is one ask, "最短延多久，最长多久" one kind asked twice).

    "支委会多久开一次会？党员大会呢" → ["支委会多久开一次会", "党员大会多久开一次会"];
    "支部大会通过的转正决议，上级党委多长时间内审批？批完通知谁" → ["支部大会通过的转正决议，上级党委多长时间内审批",
    "支部大会通过的转正决议，批完通知谁"]; "党徽党旗是什么样子的" → ["党徽是什么样子的", "党旗是什么样子的"]."""
    q = to_simplified(question).strip()
    context: list[str] = []
    asks: list[list[str]] = []
    pending: list[str] = []
    marked = False  # a question mark stands between two asks
    for clause, end in _clauses(q):
        if asks and _is_companion(clause):
            asks[-1].append(clause)
        elif _is_ask(clause):
            marked = marked or bool(asks and "?" in asks[-1])
            asks.append([*pending, clause])
            pending = []
        elif asks:
            pending.append(clause)
        else:
            context.append(clause)
        if asks and re.search(r"[？?]", end):
            asks[-1].append("?")
    if pending and asks:
        asks[-1] += pending
    texts = ["，".join(c for c in ask if c != "?") for ask in asks]
    prefix = "，".join(context)

    def with_context(text: str) -> str:
        return f"{prefix}，{text}" if prefix and prefix not in text else text

    if len(texts) == 1:
        return [with_context(t) for t in _coordinated(texts[0])]
    swapped = any(t.endswith("呢") for t in texts[1:])  # "党徽长什么样，党旗呢"
    measured = len({m.group(0) for t in texts if (m := _MEASURED_RE.search(t)) is not None}) >= 2
    if len(texts) < 2 or not (marked or swapped or measured or asks_twice(q)):
        return []
    first = texts[0]
    parts = [with_context(first)]
    parts += [with_context(_self_contained(t, first)) for t in texts[1:]]
    return list(dict.fromkeys(parts))


def _lead_block(answer: Answer) -> tuple[str, list[Citation]]:
    """The lead of an answer (its text before the first "另据" line) and the citations it uses."""
    lead = re.split(r"\n(?=另据)", answer.answer, maxsplit=1)[0].strip()
    used = {int(n) for n in re.findall(r"\[(\d+)\]", lead)}
    return lead, [c for c in answer.citations if c.n in used]


def _renumber(text: str, mapping: dict[int, int]) -> str:
    """``text`` with each marker [n] written [mapping[n]] (markers ``mapping`` lacks are dropped)."""
    return re.sub(
        r"\[(\d+)\]", lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else "", text
    )


def _shows(answer: Answer, citations: Sequence[Citation]) -> bool:
    """Whether ``answer`` already quotes every one of ``citations`` (their quotes, in ``normalize_quote`` form)."""
    shown = normalize_quote(re.sub(r"\[\d+\]", "", answer.answer))
    quoted = "\n".join(normalize_quote(c.quote) for c in answer.citations)
    return all(normalize_quote(c.quote) in shown or normalize_quote(c.quote) in quoted for c in citations)


# The header of an answer line naming its source: "根据《中国共产党支部工作条例（试行）》第二十一条："
_SOURCE_HEAD_RE = re.compile(r"^(?:根据|另据)《[^》]+》[^：:\n]{0,24}[：:]")


def _unshown(lead: str, shown: str) -> str:
    """``lead`` without its lines the answer text ``shown`` already holds (compared in ``normalize_quote`` form,
    markers aside), a dropped line's source header moving to the line after it: an ask answered by the same article
    as the first adds "根据《…》第二十一条：对需要延期或者提前换届的，……" without repeating the article's first sentence
    (holdout5 h5-128). The last line is always kept."""
    seen = normalize_quote(re.sub(r"\[\d+\]", "", shown))
    lines = lead.split("\n")
    out: list[str] = []
    head = ""
    for i, line in enumerate(lines):
        m = _SOURCE_HEAD_RE.match(line)
        own_head, body = (m.group(0), line[m.end() :]) if m else ("", line)
        body_text = normalize_quote(re.sub(r"\[\d+\]", "", body)).strip()
        if i < len(lines) - 1 and body_text and body_text in seen and not re.search(r"\[\d+\]", body):
            head = head or own_head
            continue
        out.append(f"{head}{body}" if head and not own_head else line)
        head = ""
    return "\n".join(out)


def merge(
    whole: tuple[Answer, list[Hit]], parts: Sequence[tuple[Answer, list[Hit]]]
) -> tuple[Answer, list[Hit]]:
    """``whole`` (the answer to the whole question, and the hits it cites) with the lead of each part's answer
    that it does not show yet appended, citations renumbered after its own; refused parts add nothing. The
    refusal decision stays the whole answer's."""
    answer, cited = whole
    text, citations, hits = answer.answer, list(answer.citations), list(cited)
    for part, part_hits in parts:
        if part.refused:
            continue
        lead, used = _lead_block(part)
        current = answer.model_copy(update={"answer": text, "citations": citations})
        if not used or _shows(current, used):
            continue
        offset = len(citations)
        mapping = {c.n: offset + k for k, c in enumerate(used, start=1)}
        lead = _renumber(_unshown(lead, text), mapping)
        text = f"{text}\n{lead}"
        citations += [c.model_copy(update={"n": mapping[c.n]}) for c in used]
        chunk_ids = {c.chunk_id for c in used}
        hits += [h for h in part_hits if h.chunk_id in chunk_ids and h not in hits]
    if len(citations) == len(answer.citations):
        return whole
    merged = answer.model_copy(update={"answer": text, "citations": citations})
    merged._decision = getattr(answer, "_decision", None)  # type: ignore[attr-defined]
    return merged, hits
