"""The kind of thing a question asks for when it names it by a kind noun rather than by its name.

Members rarely know what a text calls the thing they ask about: "入党时举着右拳念的那些话" is the 入党誓词,
"批评和自我批评讲究一个什么公式" is "团结——批评——团结", "纪委在党内是个什么定位" is "党内监督专责机关",
"党旗长什么样" is "旗面缀有金黄色党徽图案的红旗". The question's **kind noun** (那些话, 公式, 定位, 样子 …)
names no word of the answer; it names the *shape* of the sentence that answers (issue 11, items 3 and 5):

====================  ===========================================  ==============================================
kind                  kind nouns (question)                        the sentence that states it
====================  ===========================================  ==============================================
``words``             誓词, 誓言, 宣誓词, 那些话, 那段话, 原话 …     an intro "……如下：" / "……是：" and the text it
                                                                   introduces
``formula``           公式, 口诀                                   a chain "团结——批评——团结"
``standing``          定位, 性质, 地位, 角色, 什么机关/组织/机构    "S……是……" for the subject S (机关/组织/机构:
                                                                   that noun after 是)
``appearance``        样子, 什么样, 样式, 外观, 图案, 颜色         "S为……" / "S是……" describing S
``principle``         原则, 方针                                   a sentence naming the 原则 that holds a noun of
                                                                   the question besides it ("……的原则，发展我党同
                                                                   各国共产党和其他政党的关系")
``object``            V的对象, V谁, V哪些人                        "对……(进行)V" / "对……的V"
``function``          干什么的, 负责什么, 起什么作用                "S……任务/职责/作用是……", "S负责/承担/发挥……"
====================  ===========================================  ==============================================

The extractor (``extract._type_bonus``) gives such a sentence the definition bonus and treats a lead that states
the kind as anchored; the absent-term check (``refusal.absent``) never asks the knowledge base for a kind noun
(the texts state a formula, they do not call it 公式), only for what modifies it (入团 of 入团誓词).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.text import vocabulary
from service.text.normalize import normalize_for_match

Kind = str  # "words" | "formula" | "standing" | "appearance" | "principle" | "object" | "function"

# Kind nouns by kind, longest first within a kind (matching form). A noun here is never itself looked up in
# the knowledge base (``kind_tail``).
KIND_NOUNS: dict[Kind, tuple[str, ...]] = {
    "words": (
        "宣誓词",
        "誓词",
        "誓言",
        "那些话",
        "那段话",
        "那句话",
        "这些话",
        "这段话",
        "这句话",
        "原话",
    ),
    "formula": ("公式", "口诀"),
    "standing": ("定位", "性质", "地位", "角色"),
    "appearance": ("样子", "样式", "外观", "模样", "图案", "颜色"),
    "principle": ("原则", "方针"),
}
# "是什么机关 / 是个什么组织 / 是什么样的机构": the noun after 什么 names the standing asked for.
_STANDING_BODY_RE = re.compile(r"(?:什么|啥|哪种|哪类)(?:样的|性质的)?(机关|组织|机构|单位)")
_APPEARANCE_Q_RE = re.compile(r"(?:长|是)?(?:什么|啥)样|怎么样子|长啥样|长得")
# "纪委是干什么的", "党小组负责什么", "党组起什么作用": what the subject does.
_FUNCTION_Q_RE = re.compile(
    r"(?:是)?(?:干|做|管)(?:什么|啥)(?:的|用的)|负责(?:什么|啥|哪些)|起(?:什么|啥)作用|有(?:什么|啥)用"
)
# "V的对象", "V谁": "发展对象是什么" names a status (发展对象), not the object of 发展
_OBJECT_Q_RE = re.compile(r"(?<![由让叫找])([\u4e00-\u9fff]{2})(?:的对象|谁|哪些人|什么人)")
_NOT_VERBS = frozenset(
    ["就是", "都是", "只是", "还是", "到底", "具体", "主要", "一般", "应该", "应当", "可以"]
)
# A question word before the kind noun: the kind noun is what is asked for, not a word of the topic.
_ASKING_RE = re.compile(r"什么|啥|哪些|哪个|哪种|哪一|怎样|怎么|如何|是|指|全文|内容|原文")
_WORDS_Q_RE = re.compile(r"(?:念|说|读|宣读|讲|喊|背)(?:的|了)?(?:那|这)?(?:些|段|句)?(?:话|词)")
_DEICTIC_RE = re.compile(r"^(?:那|这)(?:些|段|句|个)?$")
# "怎么/如何/怎样" earlier in the clause that ends with the kind noun ("怎么给党的干部定位的").
_HOW_BEFORE_RE = re.compile(r"(?:怎么|如何|怎样)[^，,。；;？?！!]{0,10}$")


@dataclass(frozen=True)
class AskedKind:
    """What a question asks for by kind: ``kind``, the ``noun`` naming it, the ``subject`` it is asked about
    (the question's words right before the noun, matching form, "" when none) and, for ``object``, the
    ``verb`` whose object is asked ("监察的对象" → 监察)."""

    kind: Kind
    noun: str
    subject: str = ""
    verb: str = ""


def _subject_before(nq: str, at: int) -> str:
    """The noun phrase that ends right before ``at`` in ``nq`` (at most 8 Chinese characters, without 的 and
    the question and setting words around it): "纪委在党内是个什么定位" → 纪委; "党旗党徽长什么样" → 党旗党徽."""
    head = nq[:at]
    head = re.split(r"[，,。；;！!？?、]", head)[-1]
    head = re.sub(r"怎么样?|如何|怎样", "的", head)  # "党对干部怎么定位": the adverb ends no subject
    head = re.sub(r"(?:是|是个|是一个|长|长得|有|的|在党内|在党里|在党内是|讲究|遵循|一个|个)+$", "", head)
    head = re.sub(r"(?:什么|啥|哪种|哪类|哪个)$", "", head)
    head = re.sub(r"的$", "", head)
    head = re.split(r"在", head)[0]  # "监察委员会在国家是个什么定位": 在 introduces a place
    parts = re.split(r"的|跟|和|与|对|给|是", head)
    # Chinese noun phrases are head-final: 党的全国代表大会 → 全国代表大会
    subject = next((p for p in reversed(parts) if len(p) >= 2), "党" if "党" in parts else "")
    subject = re.sub(r"^(?:请问|咱们|我们的)", "", subject)
    return subject[:8]


@lru_cache(maxsize=2048)
def asked_kind(question: str) -> AskedKind | None:
    """The kind ``question`` asks for (see the module docstring), or None: the first kind noun that follows a
    question word ("什么公式", "是什么性质", "念的那些话是什么", "宣誓词全文") or ends a "how" clause as its verb
    ("怎么给党的干部定位的"), or a kind phrase ("长什么样",
    "是什么机关", "监察的对象是哪些人", "重点监督谁"). A kind noun the question only mentions ("违反原则的处分")
    asks for nothing."""
    nq = normalize_for_match(question).strip(" ？?。!！")
    m = _STANDING_BODY_RE.search(nq)
    if m:
        # "是什么性质的组织" asks for the 性质, whatever noun the text gives it (派出的代表机关)
        noun = "性质" if "性质" in m.group(0) else m.group(1)
        return AskedKind("standing", noun, _subject_before(nq, m.start()))
    m = _FUNCTION_Q_RE.search(nq)
    if m:
        return AskedKind("function", "职责", _subject_before(nq, m.start()))
    m = _APPEARANCE_Q_RE.search(nq)
    if m:
        return AskedKind("appearance", "样子", _subject_before(nq, m.start()))
    for kind, nouns in KIND_NOUNS.items():
        for noun in nouns:
            k = nq.find(noun)
            if k < 0:
                continue
            before, after = nq[max(0, k - 4) : k], nq[k + len(noun) :]
            asked = (
                _ASKING_RE.search(before) is not None
                or re.match(r"^(?:是|指|有|都|又|到底|具体)*(?:什么|啥|哪些|如何|怎样|全文|原文|内容)", after)
                is not None
                or (kind == "words" and _WORDS_Q_RE.search(nq) is not None)
                or after in ("", "呢", "是", "全文", "原文")
                # the kind noun as the verb of a "how" question: "党章是怎么给党的干部定位的" asks for the 定位
                or (after in ("", "的", "的呢", "呢") and _HOW_BEFORE_RE.search(nq[:k]) is not None)
            )
            if asked:
                return AskedKind(kind, noun, _subject_before(nq, k))
    m = _OBJECT_Q_RE.search(nq)
    if (
        m
        and m.group(1) not in _NOT_VERBS
        and _is_verb(m.group(1))
        and not re.search(r"由|谁来|谁去|谁负责|谁能|谁可以", nq)
    ):
        return AskedKind("object", "对象", _subject_before(nq, m.start()), verb=m.group(1))
    return None


def _is_verb(word: str) -> bool:
    """Whether jieba tags ``word`` as one verb (v, vn): 监察, 监督; not "人是"."""
    import jieba.posseg

    tagged = jieba.posseg.lcut(word)
    return len(tagged) == 1 and tagged[0].flag in ("v", "vn")


def kind_tail(term: str) -> tuple[str, str] | None:
    """(modifier, kind noun) when ``term`` (matching form) ends with a kind noun: "入团誓词" → (入团, 誓词),
    "宣誓词" → ("", 宣誓词), "那些话" → ("", 那些话) (a deictic modifier names nothing); None otherwise. The
    absent-term check looks the modifier up instead of the whole term."""
    for nouns in KIND_NOUNS.values():
        for noun in nouns:
            if term.endswith(noun):
                modifier = term[: -len(noun)].rstrip("的")
                return ("" if _DEICTIC_RE.match(modifier) else modifier), noun
    return None


_CHAIN_RE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:——|—|--)[\u4e00-\u9fff]{1,6}(?:——|—|--)[\u4e00-\u9fff]{1,6}")
_INTRO_RE = re.compile(r"(?:如下|是|为)[：:]\s*$")


def _names(subject: str) -> tuple[str, ...]:
    """``subject`` and its formal forms (纪委 → 纪律检查委员会) and, for an abbreviation X委 the 委员会 of X
    (地委 → 地区委员会 is matched as 地…委员会 by its first character), longest first."""
    if not subject:
        return ()
    if subject in ("党", "我党", "我们党"):
        return ("中国共产党",)  # "党是……" would match nearly every sentence of a party text
    forms = [subject, *vocabulary.load().formal_forms(subject)]
    return tuple(sorted(dict.fromkeys(forms), key=len, reverse=True))


def subject_pattern(subject: str) -> str:
    """A pattern for ``subject`` in a sentence: any of its names (``_names``); an abbreviation X委 also as
    X…委员会 with at most three characters between (地委 ← 地区委员会, 纪委 ← 纪律检查委员会); a subject of three
    or four Chinese characters also as the phrase it abbreviates, its characters in order with at most three
    Chinese characters between neighbours (国家监委 ← 国家监察委员会; the rule of ``refusal.coverage._abbreviates``)."""
    alts = [re.escape(n) for n in _names(subject)]
    if len(subject) == 2 and subject.endswith("委"):
        alts.append(rf"{re.escape(subject[0])}[\u4e00-\u9fff]{{0,3}}委员会")
    if 3 <= len(subject) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", subject):
        alts.append(
            "[\u4e00-\u9fff]{0,3}".join(map(re.escape, subject)) + ("员会" if subject.endswith("委") else "")
        )
    return "(?:" + "|".join(alts) + ")"


def states_kind(norm: str, kind: AskedKind, line: str = "", topic_nouns: tuple[str, ...] = ()) -> bool:
    """True when ``norm`` (one sentence, matching form) states what ``kind`` asks for (module docstring).

    ``line`` is the sentence's line up to its end (matching form): a sentence after "誓词如下：" in its line is
    the text that intro introduces. ``topic_nouns`` are the question's nouns besides the kind noun (for
    ``principle``: the principle must be stated for what the question is about)."""
    k = kind.kind
    if k == "words":
        # "誓词如下：我志愿加入中国共产党……", or an intro ending its sentence and the text after it in its line
        if _INTRO_RE.search(norm) or re.search(r"如下[：:]", norm):
            return True
        before = line[: len(line) - len(norm)] if line.endswith(norm) else ""
        return bool(re.search(r"如下[：:]", before))
    if k == "formula":
        return bool(_CHAIN_RE.search(norm)) or kind.noun in norm
    if k == "standing":
        if not kind.subject:
            return False
        body = kind.noun if kind.noun in ("机关", "组织", "机构", "单位") else ""
        tail = rf"[^。；;]*{re.escape(body)}" if body else r"[^。；;]{2,}"
        subject = subject_pattern(kind.subject)
        # the subject, at most a coordinated phrase, then 是: "党的地区委员会和相当于地区委员会的组织，是……"; not
        # "……服从党的全国代表大会和中央委员会，核心是……", where another clause has its own subject
        if re.search(rf"{subject}[^。；;，,]{{0,16}}?[，,]?是(?!否){tail}", norm):
            return True
        # the predicate first: "党的最高领导机关，是党的全国代表大会和它所产生的中央委员会"
        body_re = re.escape(body) if body else r"机关|组织|机构|核心|堡垒|力量|基础"
        return re.search(rf"(?:{body_re})[，,]是[^，,。；;]{{0,6}}{subject}", norm) is not None
    if k == "appearance":
        if not kind.subject:
            return False
        subjects = [s for s in re.split(r"和|与|及|、", kind.subject) if len(s) >= 2] or [kind.subject]
        # "党旗党徽" asks about both: each two-character noun of it
        if len(kind.subject) == 4 and len(subjects) == 1:
            subjects = [kind.subject[:2], kind.subject[2:], kind.subject]
        # "党旗为旗面缀有金黄色党徽图案的红旗", "国旗是五星红旗"; not "党徽党旗是中国共产党的象征和标志"
        return any(
            re.search(
                rf"{subject_pattern(s)}(?:为[^。；;，,]{{2,40}}|是[^。；;，,]{{0,20}}(?:旗|图案|颜色|色|形状))",
                norm,
            )
            is not None
            for s in subjects
        )
    if k == "function":
        if not kind.subject:
            return False
        # "党的各级纪律检查委员会是党内监督专责机关，主要任务是：", "……的职责是监督、执纪、问责", "党组发挥领导作用"
        return (
            re.search(
                rf"{subject_pattern(kind.subject)}[^。；;]{{0,16}}?(?:任务|职责|职能|作用)(?:是|包括|有|为|主要是)",
                norm,
            )
            is not None
            or re.search(rf"{subject_pattern(kind.subject)}[^，,。；;]{{0,6}}?(?:负责|承担|发挥|履行)", norm)
            is not None
        )
    if k == "principle":
        return kind.noun in norm and any(n in norm for n in topic_nouns)
    if k == "object":
        v = re.escape(kind.verb)
        return re.search(rf"对[^。；;：:]{{2,40}}?(?:进行|实行|实施|开展)?(?:的)?{v}", norm) is not None
    return False


# --- "which X" asks -------------------------------------------------------------------------------------
#
# "纪检机关监督执纪要用好什么“形态”" asks *which* 形态, not what 形态 means: the sentence that answers names the
# set of them ("精准有效运用监督执纪“四种形态”") or one by its own name ("“两学一做”学习教育"), while a sentence
# that only says 形态 answers nothing. The quoted noun is then no term to define (``extract.defined_term``,
# ``refusal.mention.asked_term``).
_WHICH_RE = re.compile(
    r"(?:什么|啥|哪种|哪一种|哪个|哪一个|哪类)(?:样的)?(?![是叫])[“「\"]?([\u4e00-\u9fff]{2,6}?)[”」\"]?"
    r"(?:呢|啊|吗)?(?=$|[，,。；;？?！!])"
)


def which_noun(question: str) -> str | None:
    """The noun a "which X" question asks to have named (matching form): "要用好什么“形态”" → 形态, "实行什么责任制"
    → 责任制; None when no which-word directly precedes a noun that ends a clause. "哪些X" asks for a list, which
    the list rules answer, not for a name."""
    m = _WHICH_RE.search(normalize_for_match(question).strip(" ？?。!！"))
    return m.group(1) if m else None


def quoted_which(question: str) -> bool:
    """True when the question's one quoted term is the noun of a "which X" ask ("用好什么“形态”"): what is asked
    is which 形态, so the quoted noun is not a term whose definition is asked for."""
    nq = normalize_for_match(question)
    return re.search(r"(?:什么|啥|哪种|哪一种|哪个|哪一个|哪些|哪类)(?:样的)?[“「\"]", nq) is not None


def names_which(norm: str, noun: str) -> bool:
    """True when ``norm`` (a sentence, matching form) names the set of ``noun`` by its count ("“四种形态”", "三项
    职责", not the ordinal "第四种形态") or one ``noun`` by a quoted name ("“三会一课”制度")."""
    n = re.escape(noun)
    return (
        re.search(rf"(?<!第)[一二两三四五六七八九十\d]+\s*[种个项类大条][“「\"]?{n}", norm) is not None
        or re.search(rf"[“「\"][^”」\"]{{1,10}}[”」\"]{n}", norm) is not None
        or re.search(rf"[“「\"][^”」\"]{{0,8}}[一二两三四五六七八九十\d]+\s*[种个项类大条]{n}[”」\"]", norm)
        is not None
    )
