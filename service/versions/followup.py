"""Follow-ups keep (or switch) the version of the conversation: retrieval sees one self-contained question,
and the version is part of what the previous turn was about.

Rules (after ``rag.conversation.resolve`` has rewritten the follow-up), for a previous turn whose answer
cited a version of a work:

1. the follow-up names a version but no work ("那2018年版呢", "那旧版里是第几条，怎么规定的",
   "2019年修订以后有什么变化"):
   - asking only for the article ("是第几条", "怎么规定的", "原文") → the article of that version aligned
     with the one cited before (``diff``: 2023 第九十七条 → 2018 第八十八条), "2018年版…第八十八条";
   - nothing else of its own → the previous question asked of that version;
   - anything else ("一共多少条") → the question with the previous work named;
2. the follow-up asks only how the versions differ ("跟2018版比有什么变化", "新旧版本写法有啥不同") → the
   previous question (without its version words) with the follow-up after it, a comparison of that topic;
3. the follow-up names neither and was resolved from the previous turn ("这一条呢", "那第八十九条呢"),
   and the previous answer came from a replaced version → the resolved question names that version, so
   it stays on the 2018 text instead of falling back to the current one.

A question naming a work of its own is left alone. Without a cited document (stateless clients such as the
OpenAI-compatible chat send only the earlier questions), the previous question's work and version are used.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from service.errors import StudyError
from service.text.normalize import normalize_for_match
from service.text.refs import ArticleRef, find_refs, format_ref
from service.versions.diff import diff_versions
from service.versions.model import Version, Works, works_of
from service.versions.scope import asks_versions_compared, intents

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex

_MENTION_RE = re.compile(
    r"(?:19|20)\d{2}\s*年?\s*(?:修订版|修订|修正|版本|版)(?:的|以后|之后|后)?"
    r"|旧版|老版|新版|修订前|修订后|修改前|修改后|现行版|原来的版本|以前的版本"
)
_FILLER_RE = re.compile(r"^(?:那么|那|请问|再问一下|再问问)")
_ARTICLE_ASK_RE = re.compile(
    r"[这那]一?条|第几条|哪一?条|对应的?条文|对应的?|相应的?|怎么规定|如何规定|怎么说|怎么写|如何写|怎么表述|写法|表述|原文|条文"
)
_EMPTY_RE = re.compile(r"有没有|没有|有|是|的|了|里面?|中|呢|吗|呀|内容|什么|具体|[，,。？?！!\s]")
# what is left of a question asking only how the versions differ, once these are taken out: nothing
_CHANGE_ONLY_RE = re.compile(
    r"新旧|新老|两版|两个版本|版本|前后|之间|跟|和|与|同|比|相比|比较|对比|有什么|有啥|啥|什么|哪些|有没有|有无|变化"
    r"|变动|不同|不一样|区别|差别|差异|改了|改动|修改|调整|写法|说法|表述|规定|条文|内容|地方|方面|一样|相同|一致"
    r"|新增|删除|增加|吗|呢|了|的|是|有|在|里|中|上|[，,。？?！!\s]"
)


def _change_residue(q: str) -> str:
    """What ``q`` asks besides how versions differ ("新旧版本写法有啥不同" → "")."""
    return _CHANGE_ONLY_RE.sub("", _MENTION_RE.sub("", _CHANGE_ONLY_RE.sub("", q)))


_VERSION_WORDS_RE = re.compile(
    r"现行的?|现在的?|目前的?|新版的?|旧版的?|最新的?|(?:19|20)\d{2}\s*年?\s*(?:修订的|修订版|版的?|的)"
)


def _aligned_article(
    index: KnowledgeIndex, works: Works, cited: Version, article_no: int, target: Version
) -> str | None:
    """The locator of ``target``'s article aligned with ``cited``'s article ``article_no``."""
    if cited.doc_id == target.doc_id:
        return format_ref(ArticleRef("条", article_no))
    try:
        table = diff_versions(index, works, cited.work, cited.doc_id, target.doc_id)
    except StudyError:
        return None
    row = table.row_for(old_no=article_no)
    return row.new.locator if row is not None and row.new is not None else None


def _asked_version(question: str | None, works: Works) -> Version | None:
    """The version a question was about when no answer citation says it (stateless clients send only the
    earlier questions): the one work it names, in the version it names or else the current one."""
    if not question:
        return None
    named = works.named_in(normalize_for_match(question))
    if len(named) != 1:
        return None
    chosen = [i.versions[-1] for i in intents(question, works) if i.work == named[0] and i.versions]
    return chosen[0] if chosen else works.current(named[0])


def carry_version(
    question: str,
    resolved: str,
    *,
    followup: bool,
    previous_question: str | None,
    cited_doc_id: str | None,
    cited_article: int | None,
    index: KnowledgeIndex,
) -> str:
    """``resolved`` (the question as ``rag.conversation`` resolved it) with the conversation's version
    carried over or switched (see the module docstring); unchanged when no rule applies."""
    works = works_of(index.documents())
    cited = works.by_id.get(cited_doc_id) if cited_doc_id else _asked_version(previous_question, works)
    if cited is None or works.named_in(normalize_for_match(question)):
        return resolved
    q = _FILLER_RE.sub("", normalize_for_match(question).strip())
    if previous_question and asks_versions_compared(q) and not _change_residue(q):
        # "跟2018版比有什么变化", "新旧版本写法有啥不同": the comparison of what the conversation is about
        previous = _VERSION_WORDS_RE.sub("", previous_question).rstrip("？?。！! ")
        return f"{previous}，{question.strip()}"
    mention = _MENTION_RE.search(q)
    if mention is not None:
        rest = q[: mention.start()] + q[mention.end() :]
        # an earlier question about a numbered article ("2018版…第八十八条是什么" → "新版呢") asks for the article
        # too: its number belongs to the earlier version, so the aligned one is meant
        numbered = bool(previous_question and find_refs(normalize_for_match(previous_question), "条"))
        asks_article = bool(_ARTICLE_ASK_RE.search(rest)) or numbered
        residue = _EMPTY_RE.sub("", _ARTICLE_ASK_RE.sub("", rest))
        if not residue:
            found = [i for i in intents(f"{cited.work}{mention.group(0)}", works) if i.work == cited.work]
            target = found[0].versions[-1] if found and found[0].versions else None
            if asks_article and target is not None and cited_article is not None:
                locator = _aligned_article(index, works, cited, cited_article, target)
                if locator is not None:
                    return f"{target.name()}{cited.work}{locator}"
                if target.doc_id != cited.doc_id:  # added or removed by the revision: say so
                    ref = format_ref(ArticleRef("条", cited_article))
                    return f"{cited.name()}{cited.work}{ref}在{target.name()}里有没有"
            if previous_question:
                previous = _VERSION_WORDS_RE.sub("", previous_question)
                named = works.named_in(previous)
                return f"{mention.group(0)}{'' if named else cited.work}{previous}"
        return f"{cited.work}{q}"
    replacement = works.replacement(cited)
    if not followup or replacement is None or cited.year is None:
        return resolved
    if any(i.versions for i in intents(resolved, works) if i.work == cited.work):
        return resolved  # the resolved question names its version already
    name = f"{cited.year}年版"
    for work_name in sorted(works.names_of(cited.work), key=len, reverse=True):
        if work_name in resolved:
            return resolved.replace(work_name, f"{name}{work_name}", 1)
    return f"{name}{cited.work}{resolved}"
