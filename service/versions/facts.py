"""Document facts and 新旧对照 questions, answered from the structure of the index, not by retrieval.

- "2023年版一共多少条" → the count of 编 / 章 / 条 (or numbered parts) of that version, citing its last
  article;
- "什么时候开始施行" → the sentence of the 附则 article that says so (plus the adoption note when the
  article says 自发布之日起施行);
- "哪次会议通过" / "什么时候发布" → the adoption note under the title (题注), quoted whole;
- "2023年版和2018年版在X上有什么不同" → the rows of the 新旧对照 (``service.versions.diff``) that
  mention X, citing the article of each version.

``document_answer`` returns ``None`` whenever the question is not one of these, names no work the index
holds, or the text has no such line (the 2018 纪律处分条例 has no adoption note): the normal answering
path takes over. Every quote is a verbatim sentence of a chunk, so citations pass verification.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from service.rag.fusion import hit_from_chunk
from service.rag.query_terms import informative_terms
from service.rag.refusal import REFUSAL_MESSAGE, Decision
from service.schemas import Answer, Chunk, Citation, Hit, SearchFilters
from service.text.normalize import normalize_for_match, normalize_quote
from service.text.refs import ARTICLE_PATTERN, first_ref, missing_article_message, ref_at
from service.text.sentences import sentence_spans
from service.versions.diff import DiffRow, diff_versions
from service.versions.model import Version, Works
from service.versions.scope import intents

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex

_COUNT_RE = re.compile(
    r"(一共|总共|总计|共计|共)\s*(有)?\s*(多少|几)\s*(个)?\s*(条|章|编|节|部分)"
    r"|(有|包括|包含|分为|分成)\s*(多少|几|哪几|哪些)\s*(个)?\s*(条|章|编|节|部分)|条文数|多少条"
)
_EFFECTIVE_RE = re.compile(
    r"(什么时候|何时|哪天|哪一天|几月几日|哪年|日期|时间|几号|从.{0,4}开始).{0,6}(施行|生效|实施)|(施行|生效|实施)(日期|时间)|(开始|起)(施行|生效|实施)"
)
_ADOPTION_RE = re.compile(
    r"(哪次|什么|哪个|哪一次|哪一个|哪届)\s*(全会|会议|大会|全体会议)|会议.{0,6}(通过|批准|审议)|哪次.{0,6}(通过|批准|审议)"
    r"|(何时|什么时候|哪天|哪年|哪一年|哪一天|几月几日).{0,4}(通过|发布|印发|审议|批准|修订)"
    r"|由谁(发布|印发|通过)|(发布|印发)(机关|单位|时间|日期)|谁(发布|印发|通过)的"
)
_WHOLE_ARTICLE = 160  # characters: an article this short is quoted whole in a comparison
_EFFECT_SENTENCE_RE = re.compile(r"(起|之日)施行|起生效|起实施")
# A version named by year: "2019年修订的", "2015年版", "2022年党章修正案" (year then a work name: checked in code)
_VERSION_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:版|修订|修正|印发|发布|颁布|的版本)")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:的)?")


def _cite(hit: Hit, quote: str, citations: list[Citation], hits: list[Hit]) -> int:
    for c in citations:
        if c.chunk_id == hit.chunk_id and c.quote == quote:
            return c.n
    n = len(citations) + 1
    citations.append(Citation.from_hit(n, hit, quote))
    if hit.chunk_id not in {h.chunk_id for h in hits}:
        hits.append(hit)
    return n


def _answer(text: str, citations: list[Citation], reason: str) -> Answer:
    answer = Answer(answer=text, refused=False, citations=citations, mode="extractive")
    answer._decision = Decision(False, reason, 1.0, 1.0)
    return answer


def _hit(chunk: Chunk) -> Hit:
    return hit_from_chunk(chunk, 1.0, {"structure": 1.0})


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


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
        quote = _sentences(last[0].text)[0]
        n = _cite(_hit(last[0]), quote, citations, hits)
        text += f"，最后一条是“{quote}”[{n}]"
    elif parts:
        first = next(c for c in chunks if c.chapter_path and c.chapter_path[-1] == parts[-1])
        quote = _sentences(first.text)[0]
        n = _cite(_hit(first), quote, citations, hits)
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
        ) or next((s for s in _sentences(chunk.text) if _EFFECT_SENTENCE_RE.search(s)), None)
        if sentence is None:
            continue
        citations: list[Citation] = []
        hits: list[Hit] = []
        n = _cite(_hit(chunk), sentence, citations, hits)
        body = re.sub(rf"^{ARTICLE_PATTERN}[\s\u3000]*", "", sentence)
        text = f"{_label(v)}{chunk.locator}规定：“{body}”[{n}]"
        notes = _notes(chunks)
        if "发布之日" in sentence and notes is not None:
            m = _sentences(notes.text)[0]
            k = _cite(_hit(notes), m, citations, hits)
            text += f"。题注：{m}[{k}]"
        return text, citations, hits
    return None


def _adoption(v: Version, chunks: list[Chunk]) -> tuple[str, list[Citation], list[Hit]] | None:
    notes = _notes(chunks)
    if notes is None or not re.search(r"通过|批准|发布|印发|修订|修正", notes.text):
        return None
    citations: list[Citation] = []
    hits: list[Hit] = []
    quote = notes.text.strip()
    n = _cite(_hit(notes), quote, citations, hits)
    return f"{_label(v)}题注：{quote}[{n}]", citations, hits


def _topic_terms(question: str, works: Works, work: str) -> list[str]:
    """Terms of the question that are about the subject, not about the work or its versions."""
    stop = {normalize_for_match(n) for n in works.names_of(work)}
    for name in works.names_of(work):
        stop.update(informative_terms(name))
    out = []
    for term in informative_terms(question):
        if term in stop or re.fullmatch(r"\d{4}年?版?|\d+", term):
            continue
        if re.fullmatch(
            r"(新|旧|老)?版本?|年版|修订|不同|区别|变化|规定|条例|新旧|对照|比较|哪些|什么|方面|内容|修改|有何|相比|之间|两个|两版",
            term,
        ):
            continue
        out.append(term)
    return out


def _row_text(row: DiffRow) -> str:
    return normalize_for_match((row.old.text if row.old else "") + (row.new.text if row.new else ""))


def _quote_for(
    chunks: list[Chunk],
    terms: list[str],
    like: str | None,
    other: str = "",
    weight: dict[str, float] | None = None,
) -> tuple[Chunk, str]:
    """What to quote of an article (its chunks): a short article whole; else the sentence naming the most
    (``weight``-ed) terms, doubled for a sentence the other version does not have (where the change is);
    else the one most like ``like`` (the other version's quote); else the article's first sentence."""
    from service.rag.query_terms import char_bigrams

    if (
        len(chunks) == 1
        and len(chunks[0].text) <= _WHOLE_ARTICLE
        and any(t in normalize_for_match(chunks[0].text) for t in terms)
    ):
        return chunks[0], chunks[0].text  # a short article is quoted whole (a list of 处分种类 …)

    def score(sentence: str) -> float:
        norm = normalize_for_match(sentence)
        hits = sum((weight or {}).get(t, 1.0) for t in terms if t in norm)
        changed = bool(other) and normalize_quote(sentence) not in other
        return hits * (2.0 if changed else 1.0)

    named = [
        (score(chunk.text[a:b]), -k, chunk, (a, b))
        for chunk in chunks
        for k, (a, b) in enumerate(sentence_spans(chunk.text))
    ]
    ranked = sorted((t for t in named if t[0] > 0), key=lambda t: (t[0], t[1]), reverse=True)
    if ranked:
        _, _, chunk, (a, b) = ranked[0]
        # a second changed sentence naming the question's terms close by: quote the span of both
        for sc, _, other_chunk, (c, d) in ranked[1:2]:
            if other and other_chunk is chunk and sc >= 0.5 * ranked[0][0] and max(b, d) - min(a, c) <= 200:
                a, b = min(a, c), max(b, d)
        return chunk, chunk.text[a:b]
    if like:
        target = char_bigrams(like)
        scored = [
            (len(char_bigrams(s) & target) / max(len(target), 1), chunk, s)
            for chunk in chunks
            for s in _sentences(chunk.text)
        ]
        if scored:
            best = max(scored, key=lambda t: t[0])
            if best[0] > 0:
                return best[1], best[2]
    first = chunks[0]
    return first, (_sentences(first.text) or [first.text])[0]


def _compare(
    question: str, index: KnowledgeIndex, works: Works, work: str, old: Version, new: Version
) -> tuple[str, list[Citation], list[Hit]] | None:
    table = diff_versions(index, works, work, old.version or old.doc_id, new.version or new.doc_id)
    terms = _topic_terms(question, works, work)
    changed = [r for r in table.rows if r.status != "未变"]
    if terms:
        texts = [_row_text(r) for r in table.rows]
        # a term found in many rows (处分, 党员) says little about which article is meant
        weight = {t: 1.0 / (1 + sum(t in x for x in texts)) for t in terms}
        scored = [(sum(weight[t] for t in terms if t in x), k) for k, x in enumerate(texts)]
        best = max((sc for sc, _ in scored), default=0.0)
        if best <= 0:
            return None
        picked = [k for sc, k in sorted(scored, key=lambda p: (-p[0], p[1])) if sc >= 0.5 * best][:3]
        rows = [table.rows[k] for k in sorted(picked)]
    else:
        weight = {}
        rows = [r for r in changed if r.status == "新增"][:3] or changed[:3]
    by_chunk = {c.chunk_id: c for doc in (old.doc_id, new.doc_id) for c in index.chunks(doc)}
    c = table.counts()
    citations: list[Citation] = []
    hits: list[Hit] = []
    lines = [
        f"《{table.work}》{new.name()}与{old.name()}相比：新增{c['新增']}条，删除{c['删除']}条，"
        f"修改{c['修改']}条，未变{c['未变']}条。"
        + (f"与“{'、'.join(terms)}”有关的条文：" if terms else "例如：")
    ]
    for row in rows:
        sides = []
        like: str | None = None
        for article, version, other in ((row.old, old, row.new), (row.new, new, row.old)):
            if article is None:
                continue
            other_text = normalize_quote(other.text) if other is not None else ""
            chunk, quote = _quote_for(
                [by_chunk[i] for i in article.chunk_ids], terms, like, other_text, weight
            )
            like = like or quote
            n = _cite(_hit(chunk), quote, citations, hits)
            sides.append(f"{version.name()}{article.locator}：“{quote}”[{n}]")
        lines.append(f"【{row.status}】" + "；".join(sides))
    if all(r.status == "未变" for r in rows):
        lines.append("这方面的条文内容未变（条号可能调整）。")
    return "\n".join(lines), citations, hits


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
        if works.find(work, year) is None:
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


def _refusal(text: str, reason: str) -> Answer:
    answer = Answer(answer=text, refused=True, mode="extractive")
    answer._decision = Decision(True, reason, 0.0, 0.0)
    return answer


def document_answer(
    question: str, filters: SearchFilters | None, index: KnowledgeIndex
) -> tuple[Answer, list[Hit]] | None:
    """An answer from document structure (see the module docstring), or None.

    Also refuses a question about a version the knowledge base does not hold ("2019年修订的问责条例",
    "2015年版纪律处分条例") instead of answering it from another version.
    """
    works = Works(index.documents())
    absent = _not_held(question, index)
    if absent is not None and not works.named_in(question):
        return _refusal(
            f"{REFUSAL_MESSAGE}知识库中没有《{absent[0]}》的完整文本：{absent[1]}。", "not_held"
        ), []
    missing = _missing_version(question, works)
    if missing is not None:
        year, held = missing
        held_names = "、".join(v.name() for v in works.versions(held.work))
        return _refusal(
            f"{REFUSAL_MESSAGE}知识库中没有《{held.work}》{year}年的版本，现有{held_names}。",
            "missing_version",
        ), []
    beyond = _out_of_range(question, works, index)
    if beyond is not None:
        return _refusal(beyond, "article_out_of_range"), []
    q = normalize_for_match(question)
    asked = [
        kind
        for kind, regex in (("count", _COUNT_RE), ("effective", _EFFECTIVE_RE), ("adoption", _ADOPTION_RE))
        if regex.search(q)
    ]
    comparing = [i for i in intents(question, works) if i.compare]
    if not (asked or comparing):
        return None
    allowed = set(filters.doc_ids) if filters and filters.doc_ids else None
    if comparing:
        intent = comparing[0]
        versions = intent.versions if len(intent.versions) >= 2 else works.versions(intent.work)
        if len(versions) < 2:
            return None
        old, new = versions[0], versions[-1]
        if allowed is not None and not {old.doc_id, new.doc_id} <= allowed:
            return None
        found = _compare(question, index, works, intent.work, old, new)
        if found is None:
            return None
        diff_text, diff_citations, diff_hits = found
        return _answer(diff_text, diff_citations, "version_diff"), diff_hits
    named = works.named_in(q)
    if len(named) != 1:
        return None
    work = named[0]
    chosen = next((i.versions for i in intents(question, works) if i.work == work and i.versions), None)
    version = chosen[-1] if chosen else works.current(work)
    if version is None or (allowed is not None and version.doc_id not in allowed):
        return None
    chunks = sorted(index.chunks(version.doc_id), key=lambda c: c.char_start)
    builders = {"count": _count, "effective": _effective, "adoption": _adoption}
    texts: list[str] = []
    citations: list[Citation] = []
    hits: list[Hit] = []
    for kind in asked:
        found = builders[kind](version, chunks)
        if found is None:
            if kind == "adoption" and len(asked) == 1:
                return _refusal(
                    f"{REFUSAL_MESSAGE}知识库所存{_label(version)}文本没有记载通过或发布的会议和日期。",
                    "no_adoption_line",
                ), []
            continue
        text, cites, more = found
        offset = len(citations)
        for c in cites:
            text = text.replace(f"[{c.n}]", f"[{c.n + offset}]")
            citations.append(c.model_copy(update={"n": c.n + offset}))
        hits.extend(h for h in more if h.chunk_id not in {x.chunk_id for x in hits})
        texts.append(text)
    if not texts:
        return None
    return _answer("\n".join(texts), citations, "document_fact"), hits
