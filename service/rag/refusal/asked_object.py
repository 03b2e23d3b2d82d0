"""The object or detail a question asks about must be in the evidence, not only its neighbouring words.

Traps answered from a near passage share one shape (issue 11, item 5; holdout4 h4-287, h4-315, h4-323): the words
around the asked thing match, the asked thing does not.

- **the subject of a who/which ask** ("入党积极分子培训的结业证书由哪一级党组织发"): what is issued, approved or kept
  (its head, after the last 的: 结业证书) must be named by a cited passage; the articles on 入党积极分子 and 培训 name
  no 结业证书 (``unnamed_subject``);
- **the object of a yes/no ask in a setting** ("入党宣誓仪式上要不要唱国歌"): a cited passage must name the object
  (唱国歌 → 奏唱国歌) for the setting asked, not for another event of the same kind: "宪法宣誓、军人和预备役人员服役
  宣誓等仪式" names 宣誓 and 仪式 with other modifiers while 入党 is missing, so it is about another event
  (``other_event_object``).

A count of a named place's things ("那万州一共有多少个基层党组织") is ``figures.uncounted``'s.

Each returns the asked thing (for the refusal message) or None. The checks read only the question's shape and the
evidence's words; they name no document and no question's wording.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from service.rag.refusal.coverage import CLAUSE_RE, form_word, term_credit, topic_terms
from service.schemas import Hit
from service.text.normalize import normalize_for_match
from service.text.refs import STEP_MARK_PATTERN

OBJECT_MESSAGE = "知识库的相关内容没有提到“{term}”，无法据此回答这个问题。下面列出相关内容，供您查阅。"
DUTIES_MESSAGE = "知识库的相关内容提到了“{term}”，但没有列出其职权或职责，无法据此回答这个问题。下面列出相关内容，供您查阅。"
PROCEDURE_MESSAGE = (
    "知识库的相关内容没有给出“{term}”的具体流程或步骤，无法据此回答这个问题。下面列出相关内容，供您查阅。"
)

PRESENT_CREDIT = (
    0.5  # a word counts as named from half its bigrams (``coverage.term_credit``: 唱国歌 ← 奏唱国歌)
)

SETTING_SHARE = (
    0.5  # under this share of a setting's words a passage is about something else (上任 ← 就职 is allowed)
)

# "由谁", "由哪一级党组织", "归哪个部门", "谁来" …: a who/which ask; what stands before it is what is acted on.
_WHO_ASK_RE = re.compile(
    r"(?:由|归|找|向|经|报|交给|交由|让)\s*(?:谁|哪)|(?:谁|哪一级|哪级|哪个部门|哪个单位|哪个机关|哪一个部门)"
    r"(?:来|负责|统一)?(?:发|颁发|发放|签发|出具|开具|盖章|保管|印制|制作|审批|批准|签字)"
)
# "哪一级党组织负责颁发入党积极分子的结业证书", "谁来保管……": the who-ask before its verb; what follows the verb is
# what is acted on (发 not as in 发展, 发现 …).
_WHO_VERB_OBJECT_RE = re.compile(
    r"(?:谁|哪一级|哪级|哪个部门|哪个单位|哪个机关|哪一个部门)[^，。？?]{0,12}?"
    r"(?:颁发|发放|签发|出具|开具|印制|制作|保管|发(?![展现生布言挥放出动表起给]))(?P<object>[\u4e00-\u9fff“”\"]{2,24})"
)
_OBJECT_END_RE = re.compile(r"(?:吗|呢|吧|啊|的)+$")
# Words between the subject and the ask ("……证书应当由哪一级", "……一般是谁发"): no part of the subject.
_SUBJECT_TAIL_RE = re.compile(r"(?:应当|应该|一般|通常|需要|必须|要|该|得|是|都|也|还|最终|具体|统一)+$")

# A yes/no ask with its predicate after it ("要不要唱国歌", "需不需要佩戴党徽", "是否要奏唱国歌").
_YES_NO_RE = re.compile(
    r"要不要|需不需要|需要不需要|用不用|该不该|应不应该|应不应当|必不必须|是不是要|是否(?:需要|要|应当|应该|必须)"
)
_PREDICATE_END_RE = re.compile(r"(?:吗|呢|吧|啊|没有|与否)+$")

# A procedure asked ("流程是什么", "有哪些步骤", "走什么程序") and what precedes it (its subject).
_PROCEDURE_ASK_RE = re.compile(
    r"(?:流程|程序|步骤|环节|议程)(?:是什么|是怎样|是啥|怎么走|有哪些|包括什么|包括哪些|如何|怎么样)"
    r"|(?:哪些|哪几个|几个|什么|啥)(?:固定|具体|规定|特定|标准|基本|必要)?的?(?:流程|程序|步骤|环节|议程)"
)
_LEAD_RE = re.compile(r"上|中|时|的时候|要不要|需不需要|是否|什么|怎么|如何|吗|呢|由|是|有")
# How a text states a sequence of steps: order words, stage words, numbered items, 经/报 (经支部大会讨论……报……批准).
_SEQUENCE_RE = re.compile(
    r"经|报|后|前|然后|再|先|首先|其次|最后|接着|随后|依次|步骤|程序|流程|环节|阶段|会上|" + STEP_MARK_PATTERN
)

# Characters that join or mark words rather than modify the next one ("表决权、选举权和被选举权": 被 is no modifier).
_FUNCTION_CHARS = frozenset("的和及与或被等了在对从向并且把将")


def _named(term: str, text: str) -> bool:
    return term_credit(term, text) >= PRESENT_CREDIT


# Nouns that stand for whatever the texts call the thing ("申诉材料", "有关手续", "这件事情"): no evidence need name them.
GENERIC_NOUNS = frozenset(
    [
        "材料",
        "资料",
        "文件",
        "手续",
        "事情",
        "事项",
        "东西",
        "工作",
        "问题",
        "情况",
        "意见",
        "结果",
        "名单",
        "要求",
        "条件",
        "规定",
        "办法",
        "程序",
        "内容",
        "事",
    ]
)


def _asked_words(phrase: str) -> list[str]:
    """The topic words of ``phrase`` (``coverage.topic_terms``), form words (名字, 方式 …) and generic nouns (材料, 手续 …)
    left out."""
    return [t for t in topic_terms(phrase) if len(t) >= 2 and not form_word(t) and t not in GENERIC_NOUNS]


# A clause of time closing the subject: "……选出来后", "……调走以后", "……期满时".
_TIME_CLAUSE_END_RE = re.compile(r"(?:以后|之后|后|的时候|之时|时|以前|之前)$")


def _without_time_clause(head: str) -> str:
    """``head`` without a closing clause of time that follows its noun ("地方纪委书记副书记选出来后" → "地方纪委书记副书记",
    holdout6 h6-057): the clause sets the scene of the ask, what is acted on is the noun before its verb (jieba's
    tagger: the first verb after the first word). A head with no such clause is returned as it is."""
    import jieba.posseg

    if not _TIME_CLAUSE_END_RE.search(head):
        return head
    words = jieba.posseg.lcut(head)
    for i, w in enumerate(words):
        if i > 0 and w.flag.startswith("v"):
            return "".join(x.word for x in words[:i])
    return head


def unnamed_subject(question: str, hits: Sequence[Hit]) -> str | None:
    """The head of what a who/which ask is about ("结业证书" of "入党积极分子培训的结业证书由哪一级党组织发") when no
    cited passage (title and text) names it, else None; what follows the verb of a who-ask before it ("哪一级党组织负责颁发
    ……结业证书") is what it is about as well. The head is the part after the subject's last 的; it is named
    when the head as a whole or each of its topic words is (``PRESENT_CREDIT``: "入党申请书" by "提出入党申请")."""
    texts = normalize_for_match(" ".join(f"{h.title} {h.locator} {h.text}" for h in hits))
    for clause in CLAUSE_RE.split(normalize_for_match(question)):
        m = _WHO_ASK_RE.search(clause)
        after = _WHO_VERB_OBJECT_RE.search(clause)
        if m is not None and _asked_words(_SUBJECT_TAIL_RE.sub("", clause[: m.start()]).split("的")[-1]):
            head = _SUBJECT_TAIL_RE.sub("", clause[: m.start()]).split("的")[-1]
        elif after is not None:
            head = _OBJECT_END_RE.sub("", after.group("object")).split("的")[-1]
        else:
            continue
        head = _without_time_clause(head)
        if len(head) >= 2 and _named(head, texts):
            continue  # the head as a whole: "入党申请书" ← "提出入党申请" (3 of its 4 bigrams)
        if any(not _named(word, texts) for word in _asked_words(head)):
            return re.sub(r"[^\w]", "", head)
    return None


def _other_event(setting: list[str], objects: list[str], passage: str) -> bool:
    """Whether ``passage`` names ``objects`` for another event than ``setting`` (its words in order): a
    setting's modifier is missing from the passage and a sentence naming the objects names the word it modifies after
    another modifier ("依法公开举行宪法宣誓……等仪式时，应当……奏唱国歌" for the setting 入党 + 宣誓 +
    仪式: 宪法宣誓, and no 入党). A general rule that names no other event ("选举采用无记名投票的方式" for 党员大会选举)
    is not another event."""
    missing = [
        (modifier, head) for modifier, head in itertools.pairwise(setting) if not _named(modifier, passage)
    ]
    if not missing:
        return False
    said = [s for s in re.split(r"[。；;！!？?]", passage) if all(_named(o, s) for o in objects)]
    # one such sentence is enough: the passage lacks the setting's modifier, so its other sentences naming the object
    # ("……重大庆祝、纪念活动……奏唱国歌仪式") are about something else too
    return any(_modified_otherwise(missing, objects, s) for s in said)


def _modified_otherwise(missing: list[tuple[str, str]], objects: list[str], sentence: str) -> bool:
    """Whether ``sentence`` holds a head of ``missing`` right after two content characters that are no part of the
    objects ("宪法宣誓"; not "奏唱国歌仪式", whose 国歌 is the object, nor "被选举", 被 being a function word)."""
    for _, head in missing:
        for m in re.finditer(re.escape(head), sentence):
            before = sentence[max(0, m.start() - 2) : m.start()]
            if (
                len(before) == 2
                and all("\u4e00" <= ch <= "\u9fff" and ch not in _FUNCTION_CHARS for ch in before)
                and not any(before in o or o.endswith(before) for o in objects)
            ):
                return True
    return False


def other_event_object(question: str, hits: Sequence[Hit]) -> str | None:
    """The object of a yes/no ask in a setting ("唱国歌" of "入党宣誓仪式上要不要唱国歌") when the cited passages that
    name it name it for another event only (``_other_event``), else None. A question with no setting ("要不要交党费") or
    no object is not checked."""
    passages = [normalize_for_match(f"{h.title} {h.text}") for h in hits]
    for clause in CLAUSE_RE.split(normalize_for_match(question)):
        m = _YES_NO_RE.search(clause)
        if m is None:
            continue
        objects = _asked_words(_PREDICATE_END_RE.sub("", clause[m.end() :]))
        setting = _asked_words(clause[: m.start()])
        if not objects or len(setting) < 2:
            continue
        naming = [p for p in passages if all(_named(o, p) for o in objects)]
        # an object no passage names is left to the coverage checks: members name acts in their own words (投票 for
        # 选举权), so only an object said for another event is refused here
        if naming and all(_other_event(setting, objects, p) for p in naming):
            return objects[-1]
    return None


# A yes/no ask of whether to do something ("要不要先唱《国际歌》", "能不能戴……"), wider than ``_YES_NO_RE``.
_WHETHER_RE = re.compile(_YES_NO_RE.pattern + r"|能不能|可不可以|可以不可以|允不允许|让不让|得不得")
# Adverbs of order or manner between the ask and its predicate ("要不要先唱", "需不需要再交"): no part of the object.
_ASK_ADVERB_RE = re.compile(r"^(?:先|再|另外|单独|一起|统一|一定|同时|都|也|还)+")


def unknown_object(question: str, hits: Sequence[Hit], known: Callable[[str], bool]) -> str | None:
    """The object of a yes/no ask ("国际歌" of "入党宣誓的时候要不要先唱《国际歌》") when no cited passage names any of
    its words and no text of the knowledge base holds any of them (``known``), else None. A member's own word for an act
    the texts name otherwise (投票 for 选举权) is still in the knowledge base somewhere; a song, a form or a custom the
    texts never mention is not, and quoting the ceremony's article does not say whether it is done."""
    passages = normalize_for_match(" ".join(f"{h.title} {h.text}" for h in hits))
    for clause in CLAUSE_RE.split(normalize_for_match(question)):
        m = _WHETHER_RE.search(clause)
        if m is None:
            continue
        rest = _ASK_ADVERB_RE.sub("", _PREDICATE_END_RE.sub("", clause[m.end() :]))
        objects = _asked_words(re.sub(r"[《》〈〉“”\"]", " ", rest))
        if objects and not any(_named(o, passages) or _held(o, known) for o in objects):
            return objects[-1]
    return None


# A which-ask after a modal and its verb ("能转发哪些内容", "可以点赞什么"): the verb is what the member asks about.
_MODAL_WHICH_RE = re.compile(
    r"(?:能|能够|可以|允许|应该|应当|需要|要)(?P<verb>[\u4e00-\u9fff]{2,4}?)(?:哪些|哪几|什么|啥)"
)


def unknown_predicate(question: str, hits: Sequence[Hit], known: Callable[[str], bool]) -> str | None:
    """The verb of a which-ask after a modal ("转发" of "党员在朋友圈能转发哪些内容") when no cited passage names it and
    no text of the knowledge base holds it (``_held``), else None: the texts rule on nothing the member can do by that
    act, and a passage naming the setting (朋友圈) answers no "which" of it."""
    passages = normalize_for_match(" ".join(f"{h.title} {h.text}" for h in hits))
    for clause in CLAUSE_RE.split(normalize_for_match(question)):
        m = _MODAL_WHICH_RE.search(clause)
        if m is None:
            continue
        verbs = _asked_words(m.group("verb"))
        if verbs and not any(_named(v, passages) or _held(v, known) for v in verbs):
            return verbs[-1]
    return None


def _held(word: str, known: Callable[[str], bool]) -> bool:
    """Whether the knowledge base holds ``word``, its head (the longest word of two characters or more that ends it:
    表决 of 举手表决, 选举 of 投票选举; 国际歌 has none) or a formal form of it (``text.vocabulary``: 炒股 → 买卖股票)."""
    from service.rag.query_terms import _jieba
    from service.text.vocabulary import load

    if known(word) or any(known(form) for form in load().formal_forms(word)):
        return True
    heads = [w for w in _jieba().lcut_for_search(word) if 2 <= len(w) < len(word) and word.endswith(w)]
    return any(known(h) for h in heads)


def unstated_procedure(question: str, shown: str) -> str | None:
    """The subject of a procedure ask ("入党宣誓仪式" of "入党宣誓仪式的流程是什么") when ``shown`` states no sequence of
    steps (``_SEQUENCE_RE``: order and stage words, numbered items, 经/报), else None: "入党宣誓仪式，一般由基层党委或党支部
    组织进行" names the ceremony, not its programme; "会前认真学习……会上查摆问题……会后制定整改措施" states one."""
    previous = ""
    for clause in CLAUSE_RE.split(normalize_for_match(question)):
        m = _PROCEDURE_ASK_RE.search(clause)
        subject = (
            re.sub(r"[^\w]|(?:的|有|要走|走|按|要经过|经过|需要)+$", "", clause[: m.start()]) if m else ""
        )
        if m is None or _states_sequence(subject, shown):
            previous = clause or previous
            continue
        # "入党宣誓仪式上要不要唱国歌？流程是什么？": the subject is the previous clause's, before its ask
        return subject or _LEAD_RE.split(previous)[0] or m.group(0)
    return None


def _states_sequence(subject: str, shown: str) -> bool:
    """Whether a line of ``shown`` (one quoted passage a line) states a sequence of steps (``_SEQUENCE_RE``) and names
    the longest word of the procedure's ``subject`` that ``shown`` names at all: "党员过“政治生日”有什么固定流程" is not
    answered by 报上级党委审批 of a recruitment article beside a theory sentence that only names 政治生日 (holdout7
    h7-363), "召开组织生活会有什么程序" is by "组织生活会应当确定主题，会前……会上……会后……" (召开 said a line before); a
    subject word no line names (the member's own word) is left to the coverage checks."""
    lines = [normalize_for_match(line) for line in shown.split("\n") if line.strip()]
    whole = normalize_for_match(shown)
    words = sorted((w for w in _asked_words(subject) if _named(w, whole)), key=len)[-1:]
    return any(_SEQUENCE_RE.search(line) and all(_named(w, line) for w in words) for line in lines)


# "高校校长的职权有哪些", "党员大会有哪些职权": the powers or duties of a named holder.
_DUTY_WORDS = r"职权|职责|职能|权限|权力|任务|权利|义务"
_DUTY_ASK_RE = re.compile(
    rf"(?P<owner>[\u4e00-\u9fff]{{2,16}}?)(?:的|有|享有|都有)(?:哪些|什么)?(?:主要|基本|具体|重点)?(?P<duty>{_DUTY_WORDS})"
    r"(?:有哪些|是什么|有什么|包括哪些|都有哪些|包括什么|都有什么|是啥|$)"
)
_OWNER_LEAD_RE = re.compile(r"^(?:那么|那|请问|我想问|问一下|还有)+")
# How a text states a holder's powers or duties: a lead of their list ("职权是", "主要任务是", "享有下列权利", "履行以下
# 职责"), not a passing word ("保证……各项任务的完成").
_DUTY_STATED_RE = re.compile(
    rf"(?:下列|以下|如下|主要|基本|重点|首要|根本)[^，,。；;]{{0,4}}?(?:{_DUTY_WORDS})|(?:{_DUTY_WORDS})(?:是|为|包括|有|：|:)"
    # "……行使中央纪律检查委员会职权，主要包括：" (纪委工作条例, article 12)
    rf"|(?:{_DUTY_WORDS})[，,](?:主要|具体)?(?:包括|有|如下)"
    rf"|的(?:{_DUTY_WORDS})(?:[，,。；;]|$)"  # "选举人有了解候选人情况……和另选他人的权利"
)
# An asking word: a question with two asks ("党员的权力有哪些？能不能批评党组织？") is answered part by part.
_ASK_WORD_RE = re.compile(
    r"什么|啥|哪|几|多少|多久|多长|怎么|怎样|如何|谁|吗|呢|是否|能否|还是|[\u4e00-\u9fff]不[\u4e00-\u9fff]"
)


def unlisted_duties(question: str, shown: str) -> str | None:
    """The holder of the powers or duties a question asks for ("高校校长" of "那高校校长的职权有哪些") when ``shown``
    names the holder but no sentence naming it, or the sentence after one, leads a list of powers or duties
    (``_DUTY_STATED_RE``: 职权是, 主要职责是, 享有下列权利 …), else None: "支持校长按照《高等教育法》的规定……开展工作" names the 校长 without his powers, which
    another law states (holdout7 h7-291). A holder ``shown`` never names (the member's own word for it: 党支部 for 党的
    基层组织) is left to the coverage checks; the lead-in of a list ("……保落实。主要职责是：") may follow the sentence
    naming its holder."""
    clauses = CLAUSE_RE.split(normalize_for_match(question))
    if sum(1 for c in clauses if _ASK_WORD_RE.search(c)) > 1:
        return None
    for clause in clauses:
        m = _DUTY_ASK_RE.search(clause)
        if m is None:
            continue
        owner = _OWNER_LEAD_RE.sub("", m.group("owner"))
        words = _asked_words(owner)
        text = normalize_for_match(shown)
        if not words or not all(_named(w, text) for w in words):
            continue
        head = words[-1]
        sentences = [s for s in re.split(r"[。；;！!？?\n]", text) if s.strip()]
        if not any(
            _named(head, s) and _DUTY_STATED_RE.search(" ".join(sentences[i : i + 2]))
            for i, s in enumerate(sentences)
        ):
            return owner
    return None
