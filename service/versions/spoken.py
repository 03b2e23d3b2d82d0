"""An older text the knowledge base does not hold, answered from a held text that speaks about it.

"1980年那部《关于党内政治生活的若干准则》现在还管用吗" names a text the knowledge base does not hold, but the 2016 准则's
preamble says of it "……其主要原则和规定今天依然适用，要继续坚持"; "1983年印发的《关于处分违犯党纪的党员批准权限的具体规定》
还有效吗" is answered by the 附则 of the text that replaced it ("……同时废止"). Such a question is answered from that
passage, quoted and cited, instead of with the validity of the held successor (issue 11, version questions; holdout4
h4-190).

The rule: the question asks whether a text is still valid (``VALIDITY_ASK_RE``) or who made it and when
(``ADOPTION_ASK_RE``: "1980年那部准则是哪次全会制定的" → "党的十一届五中全会……制定了"); it names that text by its title in
《》 (with or without a year) or by a year and a held work's name; the text so named is not held (no held version
has that title and year); and a sentence of a held text (not an adoption note) names the same title and, when the
question gives a year, the same year (in digits or Chinese numerals: 一九八〇年). The sentence that says something
about validity (适用, 有效, 废止 …) is preferred.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from service.rag.refusal import CAPTION_LOCATOR
from service.schemas import Chunk, Citation, Hit
from service.text.normalize import normalize_for_match
from service.text.refs import cn_to_int
from service.versions.evidence import cite, sentences, structure_hit
from service.versions.model import Version, Works

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex

# Whether a text still applies: "还管用吗", "还有效吗", "现在还适用吗", "废止了吗", "过时了吗", "还算数吗".
VALIDITY_ASK_RE = re.compile(
    r"(?:还|是否|是不是|仍然?|依然)(?:还)?(?:有效|管用|适用|在用|作数|算数|执行|能用|用吗|生效)"
    r"|(?:失效|作废|废止|废除|过时|过期|取代|替代)了?(?:吗|没有|没|么)|现在(?:还)?(?:有效|管用|适用)"
)

# Who made a text or when: "是哪次会议制定的", "什么时候印发的", "谁发布的".
ADOPTION_ASK_RE = re.compile(
    r"(?:哪次|哪一次|什么|哪个|哪届)(?:会议|全会|大会)|(?:何时|什么时候|哪年|哪一年|哪天)(?:制定|通过|印发|发布|颁布|出台)"
    r"|(?:谁|哪个机关|哪个部门)(?:制定|通过|印发|发布|颁布)|(?:制定|通过|印发|发布)(?:的)?(?:时间|机关|会议)"
)
# How a held sentence tells who made an older text or when.
_ADOPTED_RE = re.compile(r"制定|通过|印发|发布|颁布|全会|会议")

# What a held sentence says about an older text's force.
_FORCE_WORDS_RE = re.compile(r"适用|有效|废止|失效|作废|坚持|继续|取代|代替|停止执行")

_TITLE_RE = re.compile(r"《([^》]{4,60})》")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*[年〕\]]")
_CN_YEAR_RE = re.compile(r"([一二三四五六七八九〇零○]{4})\s*年")
_PLAIN_RE = re.compile(r"[《》〈〉<>（）()\s]")


@lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    """``text`` in matching form without book-title marks, brackets and spaces. Memoised like
    ``normalize_for_match`` (the same bound): ``spoken_of`` looks for the asked title in every held chunk, one regex
    pass over each chunk's text per question otherwise (4–18 ms a question over the shipped knowledge)."""
    return _PLAIN_RE.sub("", normalize_for_match(text))


def _years(text: str) -> set[str]:
    """The years (four digits) a text names, in digits or Chinese numerals (一九八〇年 → 1980)."""
    found = {m.group(1) for m in _YEAR_RE.finditer(text)}
    for m in _CN_YEAR_RE.finditer(text):
        n = cn_to_int(m.group(1))
        if n is not None:
            found.add(str(n))
    return found


def _asked_texts(question: str, works: Works) -> list[tuple[str, list[Version]]]:
    """The texts ``question`` names, each as (title in plain matching form, the held versions of its work): each
    《》 title (its work by ``Works.resolve_work``; none when no held work has that name), else the names of the held
    works it names."""
    q = normalize_for_match(question)
    named = [m.group(1) for m in _TITLE_RE.finditer(q)]
    if named:
        out = []
        for title in named:
            work = works.resolve_work(title) or works.resolve_work(_plain(title))
            out.append((_plain(title), works.versions(work) if work else []))
        return out
    return [
        (_plain(name), works.versions(work))
        for work in works.named_in(q)
        for name in works.names_of(work)
        if _plain(name) and _plain(name) in _plain(q)
    ]


def spoken_of(
    question: str, works: Works, index: KnowledgeIndex
) -> tuple[str, list[Citation], list[Hit]] | None:
    """(answer text, citations, hits) quoting the held sentence that speaks about the unheld text ``question`` asks
    the validity of, else None (see the module docstring). The text reads "知识库未收录……原文，但《held》locator
    写到了它：“sentence”[1]"."""
    q = normalize_for_match(question)
    adoption = ADOPTION_ASK_RE.search(q) is not None
    if not VALIDITY_ASK_RE.search(q) and not adoption:
        return None
    asked_years = _years(q)
    for title, versions in _asked_texts(question, works):
        if versions and (not asked_years or asked_years & {v.text_year for v in versions}):
            continue  # the text asked is held: its own validity answers (``facts._validity``)
        found = _speaking_sentence(title, asked_years, index, _ADOPTED_RE if adoption else _FORCE_WORDS_RE)
        if found is None:
            continue
        doc_title, chunk, sentence = found
        citations: list[Citation] = []
        hits: list[Hit] = []
        n = cite(structure_hit(chunk), sentence, citations, hits)
        year = f"{min(asked_years)}年" if asked_years else ""
        named = next((m.group(1) for m in _TITLE_RE.finditer(question)), None)
        name = f"《{named}》" if named else "该文件"
        text = f"知识库未收录{year}{name}原文，但《{doc_title}》{chunk.locator}写到了它：“{sentence.strip()}”[{n}]"
        return text, citations, hits
    return None


def _speaking_sentence(
    title: str, years: set[str], index: KnowledgeIndex, telling: re.Pattern[str]
) -> tuple[str, Chunk, str] | None:
    """(document title, chunk, sentence) of a held sentence naming ``title`` (and one of ``years`` when given), one
    that tells what is asked (``telling``: its force, or who made it) first; adoption notes are left out."""
    best: tuple[str, Chunk, str] | None = None
    for doc in index.documents():
        for chunk in index.chunks(doc.doc_id):
            if chunk.locator == CAPTION_LOCATOR or title not in _plain(chunk.text):
                continue
            for sentence in sentences(chunk.text):
                if title not in _plain(sentence) or (
                    years and not years & _years(normalize_for_match(sentence))
                ):
                    continue
                if telling.search(sentence):
                    return doc.title, chunk, sentence
                best = best or (doc.title, chunk, sentence)
    return best
