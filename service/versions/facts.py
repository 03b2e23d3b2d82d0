"""Document facts and 新旧对照 questions, answered from the structure of the index, not by retrieval.

- "2023年版一共多少条" → the count of 编 / 章 / 条 (or numbered parts) of that version, citing its last
  article;
- "什么时候开始施行" → the sentence of the 附则 article that says so (plus the adoption note when the
  article says 自发布之日起施行);
- "哪次会议通过" / "什么时候发布" → the adoption note under the title (题注), quoted whole;
- "由谁负责解释" → the 负责解释 sentence of the closing articles;
- 新旧对照 questions ("2023年版和2018年版在X上有什么不同", "2023年版新增了哪些内容", "旧版第八十八条在新版
  里是第几条") → ``service.versions.compare``.

Refused here, naming what the knowledge base holds: a version year it lacks ("2019年修订的问责条例"), what a
revision changed when only one version is held ("党章修改了什么内容"), the final version of a 试行 text, an
article number beyond a version's last article, a text listed as not indexed, and a fact the text does not
record (the 2018 纪律处分条例 has no adoption note; the 廉洁自律准则 no 施行 article).

``document_answer`` returns ``None`` whenever the question is not one of these or names no work the index
holds: the normal answering path takes over. Every quote is a verbatim sentence of a chunk, so citations pass
verification.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from service.rag.refusal import REFUSAL_MESSAGE
from service.schemas import Answer, Chunk, Citation, Hit, SearchFilters
from service.text.normalize import normalize_for_match
from service.text.refs import (
    ARTICLE_PATTERN,
    find_refs,
    first_ref,
    heading_line,
    int_to_cn,
    missing_article_message,
    ref_at,
)
from service.versions.compare import absence_answer, chapter_heading, compare_answer, correspondence_answer
from service.versions.evidence import cite, sentences, structure_answer, structure_hit, structure_refusal
from service.versions.model import Version, Works, compact_text, works_of
from service.versions.notice import version_label
from service.versions.scope import asks_versions_compared, intents
from service.versions.spoken import spoken_of

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex

_COUNT_RE = re.compile(
    r"(一共|总共|总计|共计|共)\s*(分了|分为|分成|分)?\s*(有)?\s*(多少|几)\s*(个)?\s*(条|章|编|节|部分)"
    r"|(有|包括|包含|分为|分成)\s*(多少|几|哪几|哪些)\s*(个)?\s*(条|章|编|节|部分)|条文数|多少条"
)
# "对党员领导干部有哪几条规范", "有几条义务": the classifier counts items of a content noun (规范, 义务, 纪律 …), not
# the document's articles (holdout3: 廉洁自律准则's four norms for 领导干部 were answered with "共8条").
_COUNTED_CONTENT_RE = re.compile(
    r"(?:多少|几|哪几|哪些)\s*个?\s*条\s*(?!规定|条文|内容|法规)([\u4e00-\u9fff]{2})"
)
_EFFECTIVE_RE = re.compile(
    r"(什么时候|啥时候|何时|哪天|哪一天|几月几日|几月几号|哪年|日期|时间|几号|从.{0,4}开始).{0,6}(施行|生效|实施|实行)|(施行|生效|实施)(日期|时间)|(开始|起)(施行|生效|实施)"
)
_ADOPTION_RE = re.compile(
    r"(哪次|什么|哪个|哪一次|哪一个|哪届)\s*(全会|会议|大会|全体会议)|会议.{0,6}(通过|批准|审议)|哪次.{0,6}(通过|批准|审议)"
    r"|(何时|什么时候|哪天|哪年|哪一年|哪一天|几月几日).{0,4}(通过|发布|印发|审议|批准|修订)"
    r"|由谁(发布|印发|通过)|(发布|印发)(机关|单位|时间|日期)|谁(发布|印发|通过)的"
)
# Which version is in force: "2018年版和2023年版哪个现在有效", "哪个版本现在有效", "现行的是哪一版", "2018年版还有效吗"
_VALIDITY_RE = re.compile(
    r"(?:哪个|哪一个|哪版|哪一版|哪部|哪一部)(?:版本)?.{0,6}(?:有效|现行|在用|适用|管用|作数|执行|生效)"
    r"|(?:有效|现行|在用|适用|执行)(?:的|的是|是)(?:哪个|哪一个|哪版|哪一版|哪部|哪一部)"
    r"|(?:还|是否|是不是)(?:还)?(?:有效|管用|适用|在用|作数)|(?:失效|作废|废止|过期)了?(?:吗|没有|没)"
)
_NOT_RECORDED = {
    "adoption": "通过或发布的会议和日期",
    "effective": "施行日期",
    "interpreter": "由哪个机关负责解释",
}
_INTERPRETER_RE = re.compile(
    r"(由谁|谁|哪个|哪一个|什么|哪些|哪家)\s*(机关|部门|单位|机构)?\s*(来|负责)?\s*解释|解释(机关|部门|权)"
)
_INTERPRETER_SENTENCE_RE = re.compile(r"负责解释")
_EFFECT_SENTENCE_RE = re.compile(r"(起|之日)施行|起生效|起实施")
# A version named by year: "2019年修订的", "2015年版", "2015年那版", "2015年的那个版本" (a demonstrative between),
# "2022年党章修正案" (year then a work name: checked in code)
_VERSION_YEAR_RE = re.compile(
    # "纪律处分条例2025年又修订了吗": an adverb of repetition may stand between the year and the revision verb
    r"((?:19|20)\d{2})\s*年?\s*(?:的)?(?:那|这)?(?:一|个)?\s*(?:又|再次?|重新|还|已经?|曾)?\s*"
    r"(?:版|修订|修正|修改|印发|发布|颁布)"
)
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:的)?")


# The verbs of a document-fact ask left over once its question word is set aside ("哪次大会通过的": 通过)
_FACT_VERB_RE = re.compile(r"(?:通过|发布|印发|施行|生效|实施|解释|审议|批准|负责)")


_ASKED_RES = {
    "count": _COUNT_RE,
    "effective": _EFFECTIVE_RE,
    "adoption": _ADOPTION_RE,
    "interpreter": _INTERPRETER_RE,
}


def _counts_content(q: str) -> bool:
    """Whether a count question (matching form) counts items of a content noun ("有哪几条规范", "几条义务") rather
    than the document's articles ("一共几条", "有多少条规定")."""
    m = _COUNTED_CONTENT_RE.search(q)
    return m is not None and m.group(1)[0] not in "呢吗啊吧呀几多共是在和及"


# What a document-count question may say besides the work's name and the count itself: version words, place
# words, politeness. Whatever else is left before the count ("党章对各级领导干部提出的基本条件有几条", "党章里党员的
# 义务有几条", "黨員的義務黨章裡有幾條") names a topic inside the document, whose items are counted, not its articles
# (holdout4 h4-057 / h4-308 were answered "共11章、55条").
_PARENTHESISED_RE = re.compile(r"[（(][^）)]*[）)]")
_VERSION_WORDS_RE = re.compile(
    r"(?:19|20)\d{2}\s*年?|第?[一二三四五六七八九十\d]+次|"
    r"(?:现在|目前|如今|当前|正在)?(?:用|执行|实行|施行|适用)的|现行|现在|目前|最新|新版|旧版|老版|原版|修订[前后]?|修正|"
    r"(?:这|那|该|本)(?:一|个)?(?:部|版|个|份)?|版本|[那这]版|年版|版|[新旧老]的?"
)
_FILLER_WORDS_RE = re.compile(
    r"请问|我想问|想问|问一下|问问|你知道|知道|告诉我|说说|一下|一共|总共|总计|共计|全文|正文|条文|条款|文件|"
    r"里面|里头|当中|之中|分别|各自|到底|究竟|大概|大约|具体"
)


def counts_document(question: str, works: Works) -> bool:
    """Whether a count question (``_COUNT_RE`` matched) counts the document's own articles / chapters.

    ``question`` is normalised (``normalize_for_match``). The text before the count, less the names of the
    works held (``works``), parentheses, version words (2018年版, 现行, 新版 …) and fillers (请问, 一共, 里面 …),
    must hold no run of two or more Chinese characters: "现行的纪律处分条例一共多少条", "问责条例（知识库里的版本）
    一共几条", "2015年那版纪律处分条例有多少条" count the document; "党章对各级领导干部提出的基本条件有几条",
    "党章里党员的义务有几条", "党员的义务党章里有几条", "党章第六章有几条" count a topic or a part inside it and
    go to the normal answering path. A content noun after the count ("有几条义务") is ``_counts_content``'s.
    Another document-fact ask before the count (``_EFFECTIVE_RE``, ``_ADOPTION_RE``, ``_INTERPRETER_RE``: "从哪天起
    施行？一共多少条") is set aside too: each part of such a two-part question is answered."""
    m = _COUNT_RE.search(question)
    if m is None or _counts_content(question):
        return False
    before = _PARENTHESISED_RE.sub("", question[: m.start()])
    before = compact_text(before)
    for name in sorted((n for w in works.works for n in works.names_of(w)), key=len, reverse=True):
        before = before.replace(compact_text(name), "〇")
    if find_refs(before, "编章节条"):
        return False  # "党章第六章有几条": the articles of one chapter, not of the document
    # "问责条例从哪天起施行？一共多少条": an earlier document-fact ask (施行日期, 通过, 解释) is a part of its own, not a
    # topic inside the document (holdout5 h5-182)
    other_asks = [regex for kind, regex in _ASKED_RES.items() if kind != "count"]
    if any(other.search(before) for other in other_asks):
        for other in (*other_asks, _FACT_VERB_RE):
            before = other.sub("〇", before)
        before = re.sub(
            r"(?:是|从|自|于|在)+〇", "〇", before
        )  # "是从几月几号施行的": the ask's lead-in (h7-085)
    before = _FILLER_WORDS_RE.sub("〇", _VERSION_WORDS_RE.sub("〇", before))
    return re.search(r"[\u4e00-\u9fff]{2}", before.replace("〇", " ")) is None


def _label(v: Version) -> str:
    return f"《{v.title}》" + (f"（{v.name()}）" if v.name() else "")


def _count(v: Version, chunks: list[Chunk]) -> tuple[str, list[Citation], list[Hit]] | None:
    articles = sorted({c.article_no for c in chunks if c.article_no is not None})
    levels: dict[str, list[str]] = {"编": [], "章": [], "节": []}
    parts: list[str] = []
    for c in chunks:
        for label in c.chapter_path:
            m = ref_at(label, 0, "编章节")
            if m and label not in levels[m.ref.unit]:
                levels[m.ref.unit].append(label)
            elif not m and label not in parts:
                parts.append(label)
    if not articles and not parts:
        return None
    citations: list[Citation] = []
    hits: list[Hit] = []
    pieces = []
    if levels["编"]:
        pieces.append(f"{len(levels['编'])}编")
    n_chapters = len(levels["章"]) + (len(parts) if levels["章"] else 0)
    if n_chapters:
        pieces.append(f"{n_chapters}章")
    if levels["节"]:
        pieces.append(f"{len(levels['节'])}节")
    if not n_chapters and parts:
        pieces.append(f"{len(parts)}个部分（{'；'.join(parts)}）")
    if articles:
        pieces.append(f"{len(articles)}条")
    text = f"{_label(v)}共{'、'.join(pieces)}"
    if articles:
        last = [c for c in chunks if c.article_no == articles[-1]]
        last.sort(key=lambda c: c.char_start)
        quote = sentences(last[0].text)[0]
        n = cite(structure_hit(last[0]), quote, citations, hits)
        text += f"，最后一条是“{quote}”[{n}]"
    elif parts:
        first = next(c for c in chunks if c.chapter_path and c.chapter_path[-1] == parts[-1])
        quote = sentences(first.text)[0]
        n = cite(structure_hit(first), quote, citations, hits)
        text += f"。最后一部分开头：“{quote}”[{n}]"
    return text if text.endswith("]") else text + "。", citations, hits


def _notes(chunks: list[Chunk]) -> Chunk | None:
    return next((c for c in chunks if c.locator == "题注"), None)


def _effective(v: Version, chunks: list[Chunk]) -> tuple[str, list[Citation], list[Hit]] | None:
    articles = [c for c in chunks if c.article_no is not None]
    for chunk in reversed(articles[-6:]):
        sentence = next(
            (
                p.strip()
                for p in chunk.text.split("\n")
                if _EFFECT_SENTENCE_RE.search(p) and len(p.strip()) <= 300
            ),
            None,
        ) or next((s for s in sentences(chunk.text) if _EFFECT_SENTENCE_RE.search(s)), None)
        if sentence is None:
            continue
        citations: list[Citation] = []
        hits: list[Hit] = []
        n = cite(structure_hit(chunk), sentence, citations, hits)
        body = re.sub(rf"^{ARTICLE_PATTERN}[\s\u3000]*", "", sentence)
        text = f"{_label(v)}{chunk.locator}规定：“{body}”[{n}]"
        notes = _notes(chunks)
        if "发布之日" in sentence and notes is not None:
            m = sentences(notes.text)[0]
            k = cite(structure_hit(notes), m, citations, hits)
            text += f"。题注：{m}[{k}]"
        return text, citations, hits
    return None


def _validity(
    versions: list[Version], works: Works, index: KnowledgeIndex
) -> tuple[str, list[Citation], list[Hit]]:
    """Which held version of a work is in force, newest first, from the manifest's status (现行有效 / 已被修订)
    and each version's own 施行 sentence (``_effective``, else its adoption note): "…（2023年版）现行有效。…第一百五十八条规定：“本条例自
    2024年1月1日起施行。”[1]" and "…（2018年版）已被2023年版取代。…" (trial 4, G)."""
    texts: list[str] = []
    citations: list[Citation] = []
    hits: list[Hit] = []
    for version in reversed(versions):
        label = version_label(version, works)  # the wording of the version notice on answers
        text = f"《{version.title}》（{label}）" if label else f"{_label(version)}现行有效"
        chunks = sorted(index.chunks(version.doc_id), key=lambda c: c.char_start)
        found = _effective(version, chunks) or _adoption(version, chunks)  # the 党章 has no 施行 article
        if found is not None:
            said, cites, more = found
            said = said.removeprefix(_label(version))
            offset = len(citations)
            for c in cites:
                said = said.replace(f"[{c.n}]", f"[{c.n + offset}]")
                citations.append(c.model_copy(update={"n": c.n + offset}))
            hits.extend(more)
            text += f"，{said}"
        texts.append(f"{text}。")
    return "\n".join(texts), citations, hits


def _interpreter(v: Version, chunks: list[Chunk]) -> tuple[str, list[Citation], list[Hit]] | None:
    """The 附则 sentence naming who interprets the text ("本条例由中央纪委负责解释。")."""
    articles = [c for c in chunks if c.article_no is not None]
    for chunk in reversed(articles[-6:]):
        sentence = next((s for s in sentences(chunk.text) if _INTERPRETER_SENTENCE_RE.search(s)), None)
        if sentence is None:
            continue
        citations: list[Citation] = []
        hits: list[Hit] = []
        n = cite(structure_hit(chunk), sentence, citations, hits)
        body = re.sub(rf"^{ARTICLE_PATTERN}[\s\u3000]*", "", sentence.strip())
        return f"{_label(v)}{chunk.locator}规定：“{body}”[{n}]", citations, hits
    return None


def _compared_versions(named: list[Version], held: list[Version]) -> tuple[Version, Version] | None:
    """(old, new) for a comparison: the two ends of the versions named; one named version and its
    predecessor (its successor when it is the oldest): "2023年版新增了哪些"; none named: the oldest and
    the newest held."""
    if len(named) >= 2:
        return named[0], named[-1]
    if len(held) < 2:
        return None
    if not named:
        return held[0], held[-1]
    k = next((i for i, v in enumerate(held) if v.doc_id == named[0].doc_id), None)
    if k is None:
        return None
    return (held[k - 1], held[k]) if k > 0 else (held[0], held[1])


# What a revision changed, asked of a work held in one version only ("问责条例修订后有什么变化",
# "党章修改了什么内容"); "最新/新修订" name a newer revision the manifest says exists but is not held.
_REVISION_CHANGE_RE = re.compile(
    r"修订了|修改了|修正了|修订的内容|修改的内容|修订后|修改后|修正后|有哪些变化|有什么变化|有何变化|哪些变化|什么变化"
    r"|新增了|增加了|删除了|删去了|删掉了|改了什么|改了哪些|改动"
)
_NEWER_WORD_RE = re.compile(r"最新|新修订|新修改|新版")


def _revision_of_single_version(question: str, works: Works) -> Version | None:
    """The held version when ``question`` asks what a revision of a work held in one version changed
    (or names its newer revision the knowledge base lacks), else None."""
    q = normalize_for_match(question)
    named = works.named_in(q)
    if len(named) != 1 or len(works.versions(named[0])) != 1:
        return None
    held = works.versions(named[0])[0]
    if (
        _REVISION_CHANGE_RE.search(q)
        or asks_versions_compared(q)
        or (held.newer_version and _NEWER_WORD_RE.search(q))
    ):
        return held
    return None


# The text a held one replaced, named by that relation ("被它废止的那个试行细则", "被新细则取代的老版本") or as the held
# work's older version ("发展党员工作细则的旧版里"); 还有效吗 asks the held text's 附则, not the old text's content.
_REPLACED_RE = re.compile(r"被[^，,。？?；;]{0,16}?(?:废止|废除|取代|替代|代替|替换)(?:了|掉)?的")
_OLDER_RE = re.compile(r"旧版|老版|旧的版本|老的版本|原来的版本|以前的版本|上一版|废止的|被废止|已废止")
_STILL_VALID_RE = re.compile(r"有效|管用|适用|作数|算数|失效|作废|过时|过期|还在用|废止了(?:吗|没)")


def _replaced_not_held(question: str, works: Works) -> Version | None:
    """The held version when ``question`` asks about the content of a text it replaced, which the knowledge base does
    not hold, else None: "被《发展党员工作细则》废止的那个试行细则里，入党积极分子要培养多长时间" names the 1990 试行细则
    by its relation to the held 2014 细则 (holdout6 h6-324); answering from the 2014 text would state the successor's rule
    as the old one's. The work is the one the question names (exactly one); an older version the knowledge base holds
    (纪律处分条例 2018 beside 2023) is left to the version scope. "旧版" of a work the knowledge base holds in an
    older version than the newest (党章 2017, the 2022 text not held) may mean the held text itself, so only the
    relation names it there."""
    q = normalize_for_match(question)
    named = works.named_in(q)
    if len(named) != 1 or _STILL_VALID_RE.search(q) or asks_versions_compared(q):
        return None
    versions = works.versions(named[0])
    held = works.current(named[0]) or (versions[-1] if versions else None)
    if held is None or any(works.replacement(v) is not None for v in versions):
        return None  # the knowledge base holds a replaced version: the version scope answers from it
    if _REPLACED_RE.search(q) or (not held.newer_version and _OLDER_RE.search(q)):
        return held
    return None


_TRIAL_RE = re.compile(r"正式版|正式规定|正式条例|正式的版本|转为正式|转正式|正式实施的版本|正式文本")


def _trial_only(question: str, works: Works) -> Version | None:
    """A question about the final version of a work the knowledge base holds only as 试行 (trial): the
    held version, else None."""
    q = normalize_for_match(question)
    if not _TRIAL_RE.search(q):
        return None
    for work in works.named_in(q):
        versions = works.versions(work)
        if versions and all(v.status == "试行" for v in versions):
            return versions[-1]
    return None


def _adoption(v: Version, chunks: list[Chunk]) -> tuple[str, list[Citation], list[Hit]] | None:
    notes = _notes(chunks)
    if notes is None or not re.search(r"通过|批准|发布|印发|修订|修正", notes.text):
        return None
    citations: list[Citation] = []
    hits: list[Hit] = []
    quote = notes.text.strip()
    n = cite(structure_hit(notes), quote, citations, hits)
    return f"{_label(v)}题注：{quote}[{n}]", citations, hits


def _missing_version(question: str, works: Works) -> tuple[str, Version] | None:
    """A version year the question names for a work the index holds, but not that version."""
    q = normalize_for_match(question)
    named = works.named_in(q)
    if len(named) != 1:
        return None
    work = named[0]
    years = [m.group(1) for m in _VERSION_YEAR_RE.finditer(q)]
    compact = re.sub(r"\s+", "", q)
    for name in works.names_of(work):
        key = normalize_for_match(name)
        years += [m.group(1) for m in re.finditer(rf"((?:19|20)\d{{2}})年?的?{re.escape(key)}", compact)]
        years += [
            m.group(1) for m in re.finditer(rf"{re.escape(key)}\(((?:19|20)\d{{2}})年?[^)]{{0,4}}\)", compact)
        ]
    held = works.current(work) or works.versions(work)[-1]
    for year in years:
        if works.find(work, year) is None and year not in {v.text_year for v in works.versions(work)}:
            return year, held
    if held.newer_version and any(normalize_for_match(n) in compact for n in held.newer_version_names):
        return held.newer_version, held
    return None


@lru_cache(maxsize=8)
def _not_held_entries(manifest: Path, mtime: float) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(title, reason, names) of manifest entries that are listed but not indexed (``skip``)."""
    from service.ingest.manifest import read_manifest

    entries = read_manifest(manifest.parent) or {}
    out = []
    for e in entries.values():
        if e.skip:
            aliases = tuple(str(a) for a in e.metadata.get("aliases") or [])
            out.append((e.title, e.skip, (e.title, *aliases)))
    return tuple(out)


def _not_held(question: str, index: KnowledgeIndex) -> tuple[str, str] | None:
    """A regulation the knowledge manifest lists as not indexed (incomplete or unavailable) that the
    question names: (title, reason)."""
    settings = getattr(index, "settings", None)
    manifest = settings.knowledge_dir / "manifest.json" if settings is not None else None
    if manifest is None or not manifest.is_file():
        return None
    compact = re.sub(r"\s+", "", normalize_for_match(question))
    for title, reason, names in _not_held_entries(manifest, manifest.stat().st_mtime):
        if any(re.sub(r"\s+", "", normalize_for_match(n)) in compact for n in names):
            return title, reason
    return None


def _out_of_range(question: str, works: Works, index: KnowledgeIndex) -> str | None:
    """ "纪律处分条例第一百六十条" when that version has fewer articles: the refusal text, else None."""
    q = normalize_for_match(question)
    m = first_ref(q, "条")
    named = works.named_in(q)
    if m is None or len(named) != 1:
        return None
    chosen = next((i.versions for i in intents(question, works) if i.work == named[0] and i.versions), None)
    version = chosen[-1] if chosen else works.current(named[0])
    if version is None:
        return None
    numbers = [c.article_no for c in index.chunks(version.doc_id) if c.article_no is not None]
    n = m.ref.number
    if not numbers or n <= max(numbers):
        return None
    # the version is named only when the question chose one ("2018年版…第一百五十条")
    title = _label(version) if chosen else version.title
    return missing_article_message(title, len(set(numbers)), n)


def _chapter_version(question: str, works: Works, filters: SearchFilters | None) -> Version | None:
    """The version a chapter question ("党章第一章的标题是什么", "2018年版纪律处分条例第三章有多少条") asks of: the
    version named of the one work the question names (or the conversation infers), else that work's current one.
    None when the question names no single work, or ``filters`` restrict to documents without that version."""
    named = works.named_in(normalize_for_match(question)) or [
        i.work for i in intents(question, works) if i.inferred
    ]
    if len(named) != 1:
        return None
    chosen = next((i.versions for i in intents(question, works) if i.work == named[0] and i.versions), None)
    version = chosen[-1] if chosen else works.current(named[0])
    allowed = set(filters.doc_ids) if filters and filters.doc_ids else None
    if version is None or (allowed is not None and version.doc_id not in allowed):
        return None
    return version


def _no_such_chapter(index: KnowledgeIndex, version: Version, number: int) -> tuple[Answer, list[Hit]]:
    """The refusal of chapter ``number`` that ``version`` lacks, naming how many chapters it has: "《…》共十一章，
    没有第十二章。"."""
    numbers = {
        parsed[0].ref.number
        for c in index.chunks(version.doc_id)
        for head in c.chapter_path
        if (parsed := heading_line(head)) is not None and parsed[0].ref.unit == "章"
    }
    return structure_refusal(
        f"{_label(version)}共{int_to_cn(len(numbers))}章，没有第{int_to_cn(number)}章。",
        "chapter_out_of_range",
    ), []


_CHAPTER_NAME_RE = re.compile(r"标题|名称|叫什么|叫做|章名|题目|名字|是哪一?章")


def _chapter_names(
    question: str, works: Works, index: KnowledgeIndex, filters: SearchFilters | None
) -> tuple[Answer, list[Hit]] | None:
    """ "党章第一章的标题是什么" / "2018年版纪律处分条例第一章叫什么": each named chapter's heading as written,
    quoted from the version asked (the current one when none is named) and cited with the chapter's first
    passage; a chapter the version does not have is refused with the number it has. None when the question
    asks no chapter's name of one work."""
    q = normalize_for_match(question)
    refs = find_refs(q, "章")
    if not refs or not _CHAPTER_NAME_RE.search(q):
        return None
    version = _chapter_version(question, works, filters)
    if version is None:
        return None
    citations: list[Citation] = []
    hits: list[Hit] = []
    lines = []
    for ref in refs:
        found = chapter_heading(index, version, ref.ref.number)
        if found is None:
            return _no_such_chapter(index, version, ref.ref.number)
        chunk, head = found
        n = cite(structure_hit(chunk), head, citations, hits)
        lines.append(f"{_label(version)}第{int_to_cn(ref.ref.number)}章的标题是“{head}”[{n}]。")
    return structure_answer("\n".join(lines), citations, "document_fact"), hits


def _chapter_size(
    question: str, works: Works, index: KnowledgeIndex, filters: SearchFilters | None
) -> tuple[Answer, list[Hit]] | None:
    """ "党章第六章有几条" / "紀律處分條例第十一章一共多少條": the articles of each named chapter, counted from the
    version's structure (the current one when none is named): "《…》第六章“第六章　党的干部”共4条（第三十四条至
    第三十七条）", citing the chapter's first and last articles. A chapter the version lacks is refused with the
    number it has. None when the question counts no chapter's articles (a count, ``_COUNT_RE``, after a 第X章
    reference) or names no single work."""
    q = normalize_for_match(question)
    m = _COUNT_RE.search(q)
    refs = find_refs(q[: m.start()], "章") if m is not None else []
    if m is None or not refs or "条" not in m.group(0):
        return None
    version = _chapter_version(question, works, filters)
    if version is None:
        return None
    chunks = sorted(index.chunks(version.doc_id), key=lambda c: c.char_start)
    citations: list[Citation] = []
    hits: list[Hit] = []
    lines = []
    for ref in refs:
        number = ref.ref.number
        found = chapter_heading(index, version, number)
        if found is None:
            return _no_such_chapter(index, version, number)
        members = [
            c
            for c in chunks
            if c.article_no is not None
            and any(
                (parsed := heading_line(head)) is not None
                and parsed[0].ref.unit == "章"
                and parsed[0].ref.number == number
                for head in c.chapter_path
            )
        ]
        articles = sorted({c.article_no for c in members if c.article_no is not None})
        if not articles:
            return None
        head = found[1]
        first = next(c for c in members if c.article_no == articles[0])
        last = next(c for c in members if c.article_no == articles[-1])
        n1 = cite(structure_hit(first), sentences(first.text)[0], citations, hits)
        span = f"第{int_to_cn(articles[0])}条"
        marks = f"[{n1}]"
        if len(articles) > 1:
            n2 = cite(structure_hit(last), sentences(last.text)[0], citations, hits)
            span += f"至第{int_to_cn(articles[-1])}条"
            marks += f"[{n2}]"
        size = "两" if len(articles) == 2 else int_to_cn(len(articles))
        lines.append(f"{_label(version)}“{head}”共{size}条（{span}）{marks}。")
    return structure_answer("\n".join(lines), citations, "document_fact"), hits


def document_answer(
    question: str,
    filters: SearchFilters | None,
    index: KnowledgeIndex,
    search: Callable[[str, list[str]], list[Hit]] | None = None,
) -> tuple[Answer, list[Hit]] | None:
    """An answer from document structure (see the module docstring), or None.

    ``search(question, doc_ids)`` is the retriever limited to documents, for a comparison whose topic the
    question words differently from the texts (``compare.compare_answer``).

    Also refuses a question about a version the knowledge base does not hold ("2019年修订的问责条例",
    "2015年版纪律处分条例") instead of answering it from another version.
    """
    works = works_of(index.documents())
    absent = _not_held(question, index)
    if absent is not None and not works.named_in(question):
        return structure_refusal(
            f"{REFUSAL_MESSAGE}知识库中没有《{absent[0]}》的完整文本：{absent[1]}。", "not_held"
        ), []
    # "1980年那部《…准则》现在还管用吗": the held text that speaks of it
    spoken = spoken_of(question, works, index)
    if spoken is not None:
        return structure_answer(*spoken[:2], "spoken_of"), spoken[2]
    missing = _missing_version(question, works)
    if missing is not None:
        year, held = missing
        held_names = "、".join(v.name() for v in works.versions(held.work))
        return structure_refusal(
            f"抱歉，知识库中没有《{held.work}》{year}年的版本（现有{held_names}），无法回答该版本的内容。",
            "missing_version",
        ), []
    single = _revision_of_single_version(question, works)
    if single is not None:
        later = f"其后的{single.newer_version}年修订版知识库未收录，" if single.newer_version else ""
        return structure_refusal(
            f"抱歉，知识库中只有《{single.title}》{single.name()}，{later}没有可供比较的其他版本，"
            "无法回答修订前后有什么变化。",
            "missing_version",
        ), []
    replaced = _replaced_not_held(question, works)
    if replaced is not None:
        return structure_refusal(
            f"抱歉，知识库中只有《{replaced.title}》{replaced.name()}，没有被它废止或取代的旧文本，"
            "无法回答旧文本的内容；现行规定可以直接询问。",
            "missing_version",
        ), []
    trial = _trial_only(question, works)
    if trial is not None:
        return structure_refusal(
            f"抱歉，知识库中只有《{trial.title}》{trial.name()}（{trial.status}），没有它的正式版本，"
            "也没有关于转为正式版本的规定，无法回答这个问题。",
            "missing_version",
        ), []
    beyond = _out_of_range(question, works, index)
    if beyond is not None:
        return structure_refusal(beyond, "article_out_of_range"), []
    q = normalize_for_match(question)
    # answered in the order asked: "从哪天起施行？一共多少条？" states the date first
    asked_at = {
        kind: m.start()
        for kind, regex in _ASKED_RES.items()
        if (m := regex.search(q)) is not None and (kind != "count" or counts_document(q, works))
    }
    asked = sorted(asked_at, key=asked_at.__getitem__)
    aligned = correspondence_answer(question, index, works)  # "旧版第八十八条在新版里是第几条"
    if aligned is not None:
        if not aligned[1]:  # the article does not exist in the version named
            return structure_refusal(aligned[0], "article_out_of_range"), []
        return structure_answer(*aligned[:2], "version_diff"), aligned[2]
    comparing = [i for i in intents(question, works) if i.compare]
    for intent in intents(question, works):
        if not intent.compare and len(intent.versions) == 1:  # "旧版里有没有统计造假的规定"
            lacking = absence_answer(question, index, works, intent.work, intent.versions[0])
            if lacking is not None:
                return structure_answer(*lacking[:2], "version_diff"), lacking[2]
    if comparing and re.search(r"(?:几|多少)个?[章编节]", q):
        comparing = []  # "新版一共有几章，跟旧版一样吗": the structure of each version, not the 对照 table
    if not comparing:
        chapter = _chapter_names(question, works, index, filters)  # "2018年版纪律处分条例第一章叫什么"
        if chapter is not None:
            return chapter
        chapter = _chapter_size(question, works, index, filters)  # "党章第六章有几条"
        if chapter is not None:
            return chapter
    if not (asked or comparing or _VALIDITY_RE.search(q)):
        return None
    allowed = set(filters.doc_ids) if filters and filters.doc_ids else None
    validity_of = works.named_in(q) or [i.work for i in intents(question, works) if i.inferred]
    if _VALIDITY_RE.search(q) and len(validity_of) == 1:
        in_force = [v for v in works.versions(validity_of[0]) if allowed is None or v.doc_id in allowed]
        text, cites, found_hits = _validity(in_force, works, index)
        if cites:
            return structure_answer(text, cites, "document_fact"), found_hits
    if comparing:
        intent = comparing[0]
        pair = _compared_versions(intent.versions, works.versions(intent.work))
        if pair is None:
            return None
        old, new = pair
        if allowed is not None and not {old.doc_id, new.doc_id} <= allowed:
            return None
        found = compare_answer(question, index, works, intent.work, old, new, search)
        if found is None:
            return None
        diff_text, diff_citations, diff_hits = found
        return structure_answer(diff_text, diff_citations, "version_diff"), diff_hits
    named = works.named_in(q) or [i.work for i in intents(question, works) if i.inferred]
    if len(named) != 1:
        return None
    work = named[0]
    chosen = next((i.versions for i in intents(question, works) if i.work == work and i.versions), None)
    # "2018年版和2023年版分别有多少条": each version named; otherwise the one named, else the current one
    versions = chosen if chosen and len(chosen) > 1 else [chosen[-1] if chosen else works.current(work)]
    if any(v is None or (allowed is not None and v.doc_id not in allowed) for v in versions):
        return None
    builders = {"count": _count, "effective": _effective, "adoption": _adoption, "interpreter": _interpreter}
    texts: list[str] = []
    citations: list[Citation] = []
    hits: list[Hit] = []
    for version in versions:
        assert version is not None
        chunks = sorted(index.chunks(version.doc_id), key=lambda c: c.char_start)
        for kind in asked:
            found = builders[kind](version, chunks)
            if found is None:
                if len(asked) == 1 and len(versions) == 1 and kind in _NOT_RECORDED:
                    # the text does not say it: an honest refusal, not an answer from unrelated articles
                    return structure_refusal(
                        f"{REFUSAL_MESSAGE}知识库所存{_label(version)}文本没有记载{_NOT_RECORDED[kind]}。",
                        f"no_{kind}_line",
                    ), []
                if len(versions) > 1:
                    texts.append(
                        f"知识库所存{_label(version)}文本没有记载{_NOT_RECORDED.get(kind, '这一点')}。"
                    )
                continue
            text, cites, more = found
            offset = len(citations)
            for c in cites:
                text = text.replace(f"[{c.n}]", f"[{c.n + offset}]")
                citations.append(c.model_copy(update={"n": c.n + offset}))
            hits.extend(h for h in more if h.chunk_id not in {x.chunk_id for x in hits})
            texts.append(text)
    if not citations:
        return None
    return structure_answer("\n".join(texts), citations, "document_fact"), hits
