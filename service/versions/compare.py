"""新旧对照 questions answered from the alignment (``service.versions.diff``), citing both versions.

- "2023年版和2018年版在X上有什么不同": every aligned pair about X, not only the best-matching one. X is
  found in the rows by its terms (weighted by how few rows hold them) or, for an umbrella topic the texts
  never name (中央八项规定精神, 四风: ``service.versions.topics``), by the phrases of its articles. Each
  changed pair gets a sentence saying what changed (``diff.change_summary``: "“消费卡”改为“消费卡（券）”",
  "新增一款：……"), and quotes of both sides; "未变" is said only when every pair about X is unchanged.
- "2023年版新增了哪些内容" / "删除了哪些条文" (no topic): the 新增 / 删除 articles listed with their
  numbers, quoting the version they are in.
- "有哪些变化" (no topic, no status): the counts, the added and removed articles and a few changed ones.

Every quote is a verbatim sentence (or its leading clause) of a chunk, so citations pass verification.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from service.rag.query_terms import char_bigrams, informative_terms
from service.schemas import Chunk, Citation, Hit
from service.text.normalize import normalize_for_match, normalize_quote
from service.text.refs import ARTICLE_PATTERN, find_refs, heading_line, int_to_cn
from service.text.sentences import sentence_spans
from service.versions.diff import Article, DiffRow, DiffTable, change_summary, diff_versions
from service.versions.evidence import cite, sentences, structure_hit
from service.versions.model import Version, Works
from service.versions.scope import intents
from service.versions.topics import topic_names, umbrella_topics

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex

WHOLE_ARTICLE = 160  # characters: an article this short is quoted whole
COMMON_SHARE = 0.25  # a term found in more than this share of the rows does not select rows
RELEVANT_SHARE = 0.5  # a row is about the topic when its term score reaches this share of the best row's
MAX_DETAILED = 8  # pairs shown with quotes; further ones are listed by number
SHORT_QUOTE = 60  # characters: a listed article's first sentence longer than this is cut at a clause
_COUNT_RE = re.compile(r"条文数|条数|数量|多少条|几条")
_ADDED_RE = re.compile(r"新增|增加了|新加|多了|新设|新写入|(?<![参增追附施])加了|添了|补充了")
_REMOVED_RE = re.compile(r"删除|删去|删了|删掉|去掉|去除|取消了|少了")
_NOT_TOPIC_RE = re.compile(
    r"\w{0,3}版\w{0,3}|修订|修改|修正|不同|区别|差别|差异|变化|变动|改动|调整|改成|改为|变成|换成|规定|条例|新旧|对照|比较|哪些"
    r"|什么|方面|内容|有何|相比|之间|两个|两版|主要|重要|重点|地方|哪里|现行|现在|目前|最新|新的|数量|多少|几处"
    r"|新增|增加|删除|删去|条款|条文|表述|说法|一样|相同|一致|写法|违纪行为|情形|东西|[这那]一?条"
    r"|几条|几章|多少章|删掉|删了|去掉|去除|哪一?条|新加|加了|添了|补充|新老|差在|差别|有啥|改版|前后|啥|这次|本次|[这那]次"
)


def _topic_terms(question: str, works: Works, work: str) -> list[str]:
    """Terms of the question that are about the subject, not about the work, its versions or the change."""
    stop = {normalize_for_match(n) for n in works.names_of(work)}
    for name in works.names_of(work):
        stop.update(informative_terms(name))
    for topic in umbrella_topics(question):
        for name in topic_names(topic):
            stop.add(name)
            stop.update(informative_terms(name))
    out = []
    for term in informative_terms(question):
        if term in stop or re.fullmatch(r"\d{4}年?版?|\d+", term) or re.fullmatch(_NOT_TOPIC_RE, term):
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
    else the one most like ``like`` (the other version's quote), among the changed sentences when one of them is
    alike at all; without ``like``, the first changed sentence; else the article's first sentence."""
    if (
        len(chunks) == 1
        and len(chunks[0].text) <= WHOLE_ARTICLE
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

    def is_changed(sentence: str) -> bool:
        body = re.sub(rf"^\s*{ARTICLE_PATTERN}[\s\u3000]*", "", sentence)
        return bool(other) and bool(body) and normalize_quote(body) not in other

    if like:  # the sentence most like the other version's quote, a changed one when one is alike at all
        target = char_bigrams(like)
        scored = [
            (len(char_bigrams(s) & target) / max(len(target), 1), is_changed(s), chunk, s)
            for chunk in chunks
            for s in sentences(chunk.text)
        ]
        alike = [t for t in scored if t[0] > 0]
        pool = [t for t in alike if t[1]] or alike
        if pool:
            best = max(pool, key=lambda t: t[0])
            return best[2], best[3]
    else:  # no sentence names the topic: the first one the other version does not have (the change)
        for chunk in chunks:
            for s in sentences(chunk.text):
                if is_changed(s):
                    return chunk, s
    first = chunks[0]
    return first, (sentences(first.text) or [first.text])[0]


def _short_quote(chunks: list[Chunk]) -> tuple[Chunk, str]:
    """An article's first sentence, cut after a clause when long (a verbatim prefix)."""
    first = chunks[0]
    sentence = (sentences(first.text) or [first.text])[0]
    if len(sentence) > SHORT_QUOTE:
        cut = re.search(r"[，；：]", sentence[15:])
        if cut is not None:
            sentence = sentence[: 15 + cut.start()]
    return first, sentence


def _topic_ngrams(question: str, texts: list[str], names: list[str]) -> tuple[str, list[str]]:
    """When jieba's words of the topic are all common ("处分影响期" → 处分, 影响): the three-character pieces
    of the question found in some but not many rows (影响期), and the stretch of the question they cover
    (the label, "处分影响期"); ("", []) when there are none."""
    q = normalize_for_match(question)
    for name in sorted(names, key=len, reverse=True):  # the work's names are not the topic
        q = q.replace(normalize_for_match(name), " " * len(name))
    limit = COMMON_SHARE * len(texts)
    spans: list[tuple[int, int]] = []
    grams: list[str] = []
    for k in range(len(q) - 2):
        g = q[k : k + 3]
        if not re.fullmatch(r"[\u4e00-\u9fff]{3}", g) or re.search(_NOT_TOPIC_RE, g):
            continue
        if 0 < sum(g in x for x in texts) <= limit:
            grams.append(g)
            spans.append((k, k + 3))
    if not grams:
        return "", []
    return q[min(a for a, _ in spans) : max(b for _, b in spans)], list(dict.fromkeys(grams))


def _relevant(
    table: DiffTable, question: str, terms: list[str], names: list[str]
) -> tuple[list[DiffRow], list[str], dict[str, float], str]:
    """The rows about the question's topic, the terms that select them, the terms' weights, and the topic's
    name (for the answer)."""
    texts = [_row_text(r) for r in table.rows]
    phrases = [p for t in umbrella_topics(question) for p in t.phrases]
    literal = [n for t in umbrella_topics(question) for n in topic_names(t)]
    picked: set[int] = set()
    if phrases:
        picked |= {k for k, x in enumerate(texts) if any(p in x for p in phrases + literal)}
    if not phrases and terms and all(sum(t in x for x in texts) > COMMON_SHARE * len(texts) for t in terms):
        label, grams = _topic_ngrams(
            question, texts, names
        )  # "处分影响期": 影响 is everywhere, 影响期 is not
        if grams:
            rows = [r for r, x in zip(table.rows, texts, strict=True) if any(g in x for g in grams)]
            return rows, grams, {g: 1.0 for g in grams}, label
    df = {t: sum(t in x for x in texts) for t in terms + phrases}
    # a term in many rows (违反, 处分, 党员) says nothing about which rows are meant; kept only when the
    # question has nothing more specific and no umbrella topic
    specific = [t for t in terms if df[t] <= COMMON_SHARE * len(texts)]
    terms = specific or ([] if phrases else terms)
    used = terms + phrases
    weight = {t: 1.0 / (1 + df[t]) for t in used}
    if terms:
        scored = [(sum(weight[t] for t in terms if t in x), k) for k, x in enumerate(texts)]
        best = max((sc for sc, _ in scored), default=0.0)
        if best > 0:
            picked |= {k for sc, k in scored if sc >= RELEVANT_SHARE * best}
    label = "、".join([t.name for t in umbrella_topics(question)] or terms)
    return [table.rows[k] for k in sorted(picked)], used, weight, label


def _side(row: DiffRow, version: Version, old_side: bool) -> str:
    article = row.old if old_side else row.new
    return f"{version.name()}{article.locator}" if article is not None else ""


def _pair_label(row: DiffRow, old: Version, new: Version) -> str:
    sides = [s for s in (_side(row, old, True), _side(row, new, False)) if s]
    return " → ".join(sides)


class _Builder:
    def __init__(self, index: KnowledgeIndex, old: Version, new: Version) -> None:
        self.by_chunk = {c.chunk_id: c for doc in (old.doc_id, new.doc_id) for c in index.chunks(doc)}
        self.old, self.new = old, new
        self.citations: list[Citation] = []
        self.hits: list[Hit] = []

    def quote(self, chunk: Chunk, text: str) -> int:
        return cite(structure_hit(chunk), text, self.citations, self.hits)

    def chunks(self, chunk_ids: tuple[str, ...]) -> list[Chunk]:
        return [self.by_chunk[i] for i in chunk_ids]

    def pair(self, row: DiffRow, terms: list[str], weight: dict[str, float], *, both: bool = True) -> str:
        """One row: status, article numbers, what changed, and quotes of each side."""
        head = f"【{row.status}】{_pair_label(row, self.old, self.new)}"
        if row.status == "修改":
            head += f"：{change_summary(row)}。"
        elif row.status == "未变":
            head += "：条文内容相同。"
        else:
            head += "。"
        quotes = []
        like: str | None = None
        for article, version, other, label in (
            (row.old, self.old, row.new, "旧"),
            (row.new, self.new, row.old, "新"),
        ):
            if article is None or (row.status == "未变" and not both and label == "旧"):
                continue
            other_text = normalize_quote(other.text) if other is not None else ""
            chunk, quote = _quote_for(self.chunks(article.chunk_ids), terms, like, other_text, weight)
            like = like or quote
            n = self.quote(chunk, quote)
            quotes.append(f"{version.name()}{article.locator}：“{quote}”[{n}]")
        return head + "\n" + "；\n".join(quotes)

    def listed(self, row: DiffRow) -> str:
        """A row as one line with a short quote of the article it has (新增 → new, 删除 → old)."""
        article, version = (row.new, self.new) if row.new is not None else (row.old, self.old)
        assert article is not None
        chunk, quote = _short_quote(self.chunks(article.chunk_ids))
        n = self.quote(chunk, quote)
        where = f"（{article.chapter}）" if article.chapter else ""
        return f"{version.name()}{article.locator}{where}：“{quote}”[{n}]"


def _counts_line(table: DiffTable) -> str:
    c = table.counts()
    return (
        f"《{table.work}》{table.new.name()}与{table.old.name()}相比：新增{c['新增']}条，删除{c['删除']}条，"
        f"修改{c['修改']}条，未变{c['未变']}条。"
    )


def _topic_lines(b: _Builder, table: DiffTable, rows: list[DiffRow], terms: list[str],
                 weight: dict[str, float], label: str) -> list[str]:  # fmt: skip
    changed = [r for r in rows if r.status != "未变"]
    same = [r for r in rows if r.status == "未变"]
    counts = {s: sum(r.status == s for r in rows) for s in ("修改", "新增", "删除", "未变")}
    summary = "，".join(f"{s}{n}{'对' if s in ('修改', '未变') else '条'}" for s, n in counts.items() if n)
    lines = [f"与“{label}”有关的条文共{len(rows)}处（{summary}）："]
    if not changed:
        lines.append(b.pair(same[0], terms, weight))
        lines += [b.pair(r, terms, weight, both=False) for r in same[1:MAX_DETAILED]]
        lines.append("这方面的条文内容未变（条号可能调整）。")
        return lines
    shown = changed[:MAX_DETAILED]
    lines += [b.pair(r, terms, weight) for r in shown]
    rest = changed[MAX_DETAILED:]
    if rest:
        lines.append(
            "另有改动的条文："
            + "、".join(f"{_pair_label(r, table.old, table.new)}（{r.status}）" for r in rest)
            + "。"
        )
    if same:
        lines.append(
            "未变的条文："
            + "、".join(_pair_label(r, table.old, table.new) for r in same[:MAX_DETAILED])
            + ("等" if len(same) > MAX_DETAILED else "")
            + "。"
        )
    return lines


def _chapter_of(article: Article | None) -> int | None:
    parsed = heading_line(article.chapter) if article is not None and article.chapter else None
    return parsed[0].ref.number if parsed is not None and parsed[0].ref.unit == "章" else None


def _chapter_rows(question: str, table: DiffTable, names: list[str]) -> tuple[list[DiffRow], str] | None:
    """The rows of the chapter a comparison names, by number ("第六章有什么变化": the chapter of that number in
    the newer version, the older one's for a removed article) or by the words of its heading that no other
    heading has ("违反政治纪律这一章", "廉洁纪律方面": 廉洁纪律 is in the heading of 第八章 only); and a label.
    None when the question names no chapter. The work's ``names`` are no heading words ("纪律处分条例")."""
    q = normalize_for_match(question)
    for name in sorted(names, key=len, reverse=True):
        q = q.replace(normalize_for_match(name), "|")
    refs = find_refs(q, "章")
    heads: dict[int, str] = {}
    for row in table.rows:
        for article in (row.new, row.old):
            number = _chapter_of(article)
            if number is not None and article is not None:
                heads.setdefault(number, heading_line(article.chapter)[1])  # type: ignore[index]
    if refs:
        number = refs[0].ref.number
    else:
        named = [
            n for n, name in heads.items() if _names_heading(q, name, [h for m, h in heads.items() if m != n])
        ]
        if len(named) != 1:
            return None
        number = named[0]
    rows = [r for r in table.rows if _chapter_of(r.new if r.new is not None else r.old) == number]
    if not rows:
        return None
    return rows, f"第{int_to_cn(number)}章" + (f"（{heads[number]}）" if number in heads else "")


HEADING_WORDS = 4  # characters of a heading a question must repeat to name its chapter


def _names_heading(question: str, heading: str, others: list[str]) -> bool:
    """Whether ``question`` holds a stretch of ``heading`` (``HEADING_WORDS`` characters or more) that no other
    heading holds."""
    h = normalize_for_match(heading)
    for k in range(len(h) - HEADING_WORDS + 1):
        piece = h[k : k + HEADING_WORDS]
        if piece in question and not any(piece in normalize_for_match(o) for o in others):
            return True
    return False


def _status_lines(b: _Builder, question: str, rows: list[DiffRow], label: str) -> list[str]:
    """For "新增了哪些" / "删除了哪些" asked of a part of the text: the rows of that status, listed; [] when the
    question asks no status."""
    q = normalize_for_match(question)
    wanted = [s for s, rx in (("新增", _ADDED_RE), ("删除", _REMOVED_RE)) if rx.search(q)]
    lines: list[str] = []
    for status in wanted:
        found = [r for r in rows if r.status == status]
        if found:
            lines.append(f"{label}{status}的条文（{len(found)}条）：")
            lines += [b.listed(r) for r in found]
        else:
            lines.append(f"{label}没有{status}的条文。")
    return lines


SEARCHED_ROWS = 2  # hits of the search fallback whose rows are shown
SEARCHED_SHARE = 0.8  # … each scoring at least this share of the best hit's score


def _searched_rows(
    question: str, table: DiffTable, search: Callable[[str, list[str]], list[Hit]]
) -> list[DiffRow]:
    """The rows of the articles the retriever finds best for ``question`` within the two versions (at most
    ``SEARCHED_ROWS``, in rank order), for a topic the question words differently from the texts."""
    rows: list[DiffRow] = []
    hits = search(question, [table.old.doc_id, table.new.doc_id])
    for hit in hits:
        if hit.article_no is None or hit.score < SEARCHED_SHARE * hits[0].score:
            continue
        old_side = hit.doc_id == table.old.doc_id
        row = table.row_for(old_no=hit.article_no) if old_side else table.row_for(new_no=hit.article_no)
        if row is not None and row not in rows:
            rows.append(row)
        if len(rows) >= SEARCHED_ROWS:
            break
    return rows


def _named_rows(question: str, table: DiffTable, works: Works, work: str) -> tuple[list[DiffRow], str] | None:
    """The rows of the articles a comparison names by number, each read in the version named before it (the
    newer one when none is), and a label; None when it names none or none exists."""
    q = normalize_for_match(question)
    refs = find_refs(q, "条")
    if not refs:
        return None
    mentions = _mentioned(q, works, work)
    rows: list[DiffRow] = []
    names: list[str] = []
    for ref in refs:
        before = [v for pos, v in mentions if pos < ref.start]
        version = before[-1] if before else table.new
        is_old = version.doc_id == table.old.doc_id
        row = table.row_for(old_no=ref.ref.number) if is_old else table.row_for(new_no=ref.ref.number)
        if row is not None and row not in rows:
            rows.append(row)
            names.append(f"{version.name()}第{int_to_cn(ref.ref.number)}条")
    return (rows, "、".join(names)) if rows else None


_CHAPTER_ASK_RE = re.compile(r"标题|名称|叫什么|叫做|章名|题目|名字|章的?名")


def chapter_heading(index: KnowledgeIndex, version: Version, number: int) -> tuple[Chunk, str] | None:
    """The first chunk of ``version``'s 第``number``章 and the chapter's heading as the document writes it
    ("第一章　指导思想、原则和适用范围": the chunks' ``chapter_path`` entry, its blanks as in the document text, so
    that the quote is verbatim), or None when it has no such chapter."""
    for chunk in sorted(index.chunks(version.doc_id), key=lambda c: c.char_start):
        for head in chunk.chapter_path:
            parsed = heading_line(head)
            if parsed is not None and parsed[0].ref.unit == "章" and parsed[0].ref.number == number:
                pattern = r"[ \t\u3000]*".join(re.escape(part) for part in head.split())
                written = re.search(pattern, index.document_text(version.doc_id))
                return chunk, written.group(0) if written is not None else head
    return None


def _chapter_lines(
    question: str, index: KnowledgeIndex, work: str, old: Version, new: Version
) -> tuple[str, list[Citation], list[Hit]] | None:
    """ "新旧两版第一章标题分别叫什么" / "两版的第三章标题一样吗": each named chapter's heading in both versions,
    quoted, and whether it changed; None when the question names no chapter or asks nothing of its name."""
    q = normalize_for_match(question)
    refs = find_refs(q, "章")
    if not refs or not _CHAPTER_ASK_RE.search(q):
        return None
    b = _Builder(index, old, new)
    lines: list[str] = []
    for ref in refs:
        number = ref.ref.number
        found = [(v, chapter_heading(index, v, number)) for v in (old, new)]
        sides = []
        for v, head in found:
            if head is None:
                sides.append(f"{v.name()}没有第{int_to_cn(number)}章")
            else:
                sides.append(f"{v.name()}为“{head[1]}”[{b.quote(head[0], head[1])}]")
        names = [parsed[1] for _, h in found if h is not None and (parsed := heading_line(h[1])) is not None]
        if len(names) == 2:
            verdict = "标题相同" if names[0] == names[1] else "标题有修改"
        else:
            verdict = "只有一个版本有这一章"
        lines.append(f"《{work}》第{int_to_cn(number)}章：" + "，".join(sides) + f"，{verdict}。")
    return "\n".join(lines), b.citations, b.hits


def compare_answer(
    question: str,
    index: KnowledgeIndex,
    works: Works,
    work: str,
    old: Version,
    new: Version,
    search: Callable[[str, list[str]], list[Hit]] | None = None,
) -> tuple[str, list[Citation], list[Hit]] | None:
    """The 新旧对照 answer (see the module docstring), or None when nothing in the table is about the
    question's topic.

    ``search(question, doc_ids)`` (the retriever, limited to the two versions) finds the topic when none of the
    question's own words selects a row ("信教党员": the articles say 信仰宗教的党员): the rows of the best
    hits' articles."""
    chapters = _chapter_lines(question, index, work, old, new)
    if chapters is not None:
        return chapters
    table = diff_versions(index, works, work, old.version or old.doc_id, new.version or new.doc_id)
    b = _Builder(index, old, new)
    lines = [_counts_line(table)]
    named = _named_rows(question, table, works, work)  # "2018年版第八十八条和2023年版第九十七条有什么不同"
    if named is not None:
        rows, label = named
        lines += _topic_lines(b, table, rows, [], {}, label)
        return "\n".join(lines), b.citations, b.hits
    in_chapter = _chapter_rows(question, table, works.names_of(work))  # "新版条例第六章有什么变化"
    if in_chapter is not None:
        rows, label = in_chapter
        lines += _status_lines(b, question, rows, label) or _topic_lines(b, table, rows, [], {}, label)
        return "\n".join(lines), b.citations, b.hits
    terms = _topic_terms(question, works, work)
    topics = umbrella_topics(question)
    if terms or topics:
        rows, used, weight, label = _relevant(table, question, terms, works.names_of(work))
        if not rows and search is not None:
            rows = _searched_rows(question, table, search)
            label = "、".join(terms) or label
        if not rows:
            return None
        lines += _topic_lines(b, table, rows, used, weight, label)
        return "\n".join(lines), b.citations, b.hits
    q = normalize_for_match(question)
    if _COUNT_RE.search(q):
        n_old = sum(r.old is not None for r in table.rows)
        n_new = sum(r.new is not None for r in table.rows)
        lines.append(f"{old.name()}共{n_old}条，{new.name()}共{n_new}条。")
        for row in (table.rows[0], table.rows[-1]):  # cite both versions' texts: the first pair
            if row.old is not None and row.new is not None:
                lines.append(b.pair(row, [], {}))
                break
        return "\n".join(lines), b.citations, b.hits
    wanted = [s for s, rx in (("新增", _ADDED_RE), ("删除", _REMOVED_RE)) if rx.search(q)]
    for status in wanted or ["新增", "删除"]:
        rows = [r for r in table.rows if r.status == status]
        version = new if status == "新增" else old
        if rows:
            lines.append(f"{version.name()}{'新增' if status == '新增' else '删除'}的条文（{len(rows)}条）：")
            lines += [b.listed(r) for r in rows]
        else:
            lines.append(f"没有{status}的条文。")
    if not wanted:
        changed = sorted((r for r in table.rows if r.status == "修改"), key=lambda r: r.similarity)[:3]
        if changed:
            lines.append("修改的条文举例：")
            lines += [b.pair(r, [], {}) for r in sorted(changed, key=lambda r: r.new.no if r.new else 0)]
    return "\n".join(lines), b.citations, b.hits


# ----------------------------------------------------------------------------------------------------
# "2018年版第八十八条在2023年版里是第几条": the aligned article of the other version

_CORRESPONDS_RE = re.compile(
    r"第几条|哪一?条|对应|相应|变成了?第|改成了?第|现在是第|原来是第|有没有|有吗|是否有|新加的|新增的|才有的?|才加的?"
)
_MENTION_RE = re.compile(
    r"(?:19|20)\d{2}\s*年?\s*(?:修订版|修订|修正|版本|版)|旧版|老版|新版|现行|最新|修订前|修订后|修改前|修改后|原条例|原来"
)


def _mentioned(question: str, works: Works, work: str) -> list[tuple[int, Version]]:
    """(position, version) of each version mention of ``question``."""
    out: list[tuple[int, Version]] = []
    for m in _MENTION_RE.finditer(question):
        found = [i for i in intents(f"{work}{m.group(0)}", works) if i.work == work and i.versions]
        if found:
            out.append((m.start(), found[0].versions[-1]))
    return out


def correspondence_answer(
    question: str, index: KnowledgeIndex, works: Works
) -> tuple[str, list[Citation], list[Hit]] | None:
    """The article of one version aligned with a numbered article of another version, or None when the
    question does not ask that (one 第X条, a word such as 第几条 / 对应, a work with two or more versions)."""
    q = normalize_for_match(question)
    refs = find_refs(q, "条")
    if len(refs) != 1 or not _CORRESPONDS_RE.search(q[: refs[0].start] + q[refs[0].end :]):
        return None
    named = [w for w in works.named_in(q) if len(works.versions(w)) > 1]
    multi = works.multi_version_works()
    work = named[0] if len(named) == 1 else (multi[0] if not named and len(multi) == 1 else None)
    if work is None:
        return None
    ref = refs[0]
    mentions = _mentioned(q, works, work)
    before = [v for pos, v in mentions if pos < ref.start]
    source = before[-1] if before else works.current(work)
    targets = [v for _, v in mentions if source is None or v.doc_id != source.doc_id]
    others = [v for v in works.versions(work) if source is None or v.doc_id != source.doc_id]
    target = targets[-1] if targets else (others[-1] if len(others) == 1 else None)
    if source is None or target is None:
        return None
    forward = (source.year or "") <= (target.year or "")
    old, new = (source, target) if forward else (target, source)
    table = diff_versions(index, works, work, old.version or old.doc_id, new.version or new.doc_id)
    number = ref.ref.number
    row = table.row_for(old_no=number) if forward else table.row_for(new_no=number)
    b = _Builder(index, old, new)
    asked = f"《{work}》{source.name()}第{int_to_cn(number)}条"
    if row is None:
        n = len({a.no for r in table.rows for a in ((r.old,) if forward else (r.new,)) if a is not None})
        return f"{asked}不存在：{source.name()}共{int_to_cn(n)}条。", [], []
    if row.status in ("新增", "删除"):
        gone = "修订时新增，" if row.status == "新增" else "修订时删除，"
        text = f"{asked}是{gone}{target.name()}中没有与它对应的条文。\n" + b.listed(row)
        return text, b.citations, b.hits
    found = row.new if forward else row.old
    assert found is not None
    change = "条文内容未变" if row.status == "未变" else f"有修改：{change_summary(row)}"
    text = f"{asked}对应{target.name()}{found.locator}，{change}。\n" + b.pair(row, [], {}).split("\n", 1)[1]
    return text, b.citations, b.hits


# ----------------------------------------------------------------------------------------------------
# "旧版纪律处分条例里有没有统计造假的规定": a topic one version lacks

_EXISTS_RE = re.compile(r"有没有|有无|是否有|有.{0,16}吗")


def absence_answer(
    question: str, index: KnowledgeIndex, works: Works, work: str, asked: Version
) -> tuple[str, list[Citation], list[Hit]] | None:
    """For "does version X have a rule on Y" where every article about Y is one the revision added (asked of
    the older version) or removed (asked of the newer one): that the asked version has none, and the other
    version's articles, listed. None when the question asks no such thing or the asked version has the topic."""
    q = normalize_for_match(question)
    others = [v for v in works.versions(work) if v.doc_id != asked.doc_id]
    if not _EXISTS_RE.search(q) or len(others) != 1:
        return None
    other = others[0]
    old, new = (asked, other) if (asked.year or "") <= (other.year or "") else (other, asked)
    terms = _topic_terms(question, works, work)
    if not terms:
        return None
    table = diff_versions(index, works, work, old.version or old.doc_id, new.version or new.doc_id)
    rows, _, _, label = _relevant(table, question, terms, works.names_of(work))
    missing = "新增" if asked is old else "删除"
    if not rows or any(r.status != missing for r in rows):
        return None
    b = _Builder(index, old, new)
    how = "修订时新增" if missing == "新增" else "修订时删除"
    lines = [f"《{work}》{asked.name()}没有关于“{label}”的规定；以下条文是{how}的，只见于{other.name()}："]
    lines += [b.listed(r) for r in rows]
    return "\n".join(lines), b.citations, b.hits
