"""新旧条文对照: align two versions of a work article by article, by content, and mark what changed.

Why by content: revisions renumber (2018 纪律处分条例 第一百四十二条 is 2023's 第一百五十八条), move
articles between chapters, add and delete articles; pairing by number would compare unrelated texts.

Alignment (``align``): every old×new article pair is scored by the IDF-weighted Dice coefficient of their
character bigram sets (texts without the 第X条 number, whitespace and width/script differences ignored), minus a
small penalty for moving far in the document (``POSITION_WEIGHT`` × the difference of relative positions,
which breaks ties between near-identical boilerplate articles). The best one-to-one assignment is found
with the Hungarian method (``scipy.optimize.linear_sum_assignment``); pairs below ``THRESHOLD`` are not
pairs: the old article is 删除, the new one 新增. A pair is 未变 when the texts are equal (same
normalisation), else 修改, with the changed characters from ``difflib.SequenceMatcher``.

Thresholds were checked by reading the two 纪律处分条例 versions (tests/unit/test_versions_diff.py holds
the hand-checked pairs).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from service.errors import DocumentNotFound, InvalidInput
from service.schemas import Chunk
from service.text.normalize import normalize_quote
from service.text.refs import ARTICLE_PATTERN
from service.versions.model import Version, Works

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex

THRESHOLD = 0.3
POSITION_WEIGHT = 0.15
_NUMBER_RE = re.compile(rf"^\s*{ARTICLE_PATTERN}[\s\u3000]*")

Status = Literal["新增", "删除", "修改", "未变"]
SegmentKind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Article:
    """One whole article of a version (all its parts), with where it sits."""

    no: int
    locator: str  # 第一百五十八条
    text: str  # as in the source, number included
    chapter: str  # innermost 编/章/节 heading, "" when none
    chunk_ids: tuple[str, ...]

    @property
    def body(self) -> str:
        """The article without its number (what is compared)."""
        return _NUMBER_RE.sub("", self.text, count=1)


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    text: str


@dataclass
class DiffRow:
    status: Status
    old: Article | None
    new: Article | None
    similarity: float
    old_segments: list[Segment] = field(default_factory=list)  # old body: equal / delete
    new_segments: list[Segment] = field(default_factory=list)  # new body: equal / insert


@dataclass
class DiffTable:
    work: str
    old: Version
    new: Version
    rows: list[DiffRow]

    def counts(self) -> dict[str, int]:
        out = {"新增": 0, "删除": 0, "修改": 0, "未变": 0}
        for row in self.rows:
            out[row.status] += 1
        return out

    def row_for(self, *, old_no: int | None = None, new_no: int | None = None) -> DiffRow | None:
        for row in self.rows:
            if old_no is not None and (row.old is None or row.old.no != old_no):
                continue
            if new_no is not None and (row.new is None or row.new.no != new_no):
                continue
            return row
        return None


def articles_from_chunks(chunks: list[Chunk], text: str) -> list[Article]:
    """Whole articles (parts joined, source text kept) in document order from one document's chunks."""
    groups: dict[int, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.article_no is not None:
            groups.setdefault(chunk.article_no, []).append(chunk)
    out: list[Article] = []
    for no, parts in groups.items():
        parts.sort(key=lambda c: c.char_start)
        start = parts[0].char_start
        end = max(c.char_start + len(c.text) for c in parts)
        out.append(
            Article(
                no=no,
                locator=parts[0].locator,
                text=text[start:end],
                chapter=parts[0].chapter_path[-1] if parts[0].chapter_path else "",
                chunk_ids=tuple(c.chunk_id for c in parts),
            )
        )
    out.sort(key=lambda a: text.find(a.text))
    return out


def _bigram_matrix(texts: list[str], vocab: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for i, t in enumerate(texts):
        grams = {t[k : k + 2] for k in range(max(len(t) - 1, 1))}
        for g in grams:
            rows.append(i)
            cols.append(vocab.setdefault(g, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    return csr_matrix((data, (rows, cols)), shape=(len(texts), max(len(vocab), 1)))


def similarity_matrix(old: list[str], new: list[str]) -> np.ndarray:
    """Weighted Dice coefficients of character-bigram sets, ``len(old) × len(new)`` (normalised texts).

    Each bigram weighs its inverse document frequency over both versions' articles, so the penalty
    boilerplate every article shares (对直接责任者和领导责任者，给予警告或者严重警告处分) counts little and
    the words that say what an article is about count much.
    """
    vocab: dict[str, int] = {}
    a = _bigram_matrix(old, vocab)
    b = _bigram_matrix(new, vocab)
    n = max(len(vocab), 1)
    a = csr_matrix((a.data, a.indices, a.indptr), shape=(a.shape[0], n))
    b = csr_matrix((b.data, b.indices, b.indptr), shape=(b.shape[0], n))
    df = np.asarray(a.sum(axis=0)).ravel() + np.asarray(b.sum(axis=0)).ravel()
    idf = np.log((a.shape[0] + b.shape[0] + 1) / (df + 1)) + 1.0
    inter = (a.multiply(idf[None, :]) @ b.T).toarray()
    sizes_a = np.asarray(a.multiply(idf[None, :]).sum(axis=1)).ravel()
    sizes_b = np.asarray(b.multiply(idf[None, :]).sum(axis=1)).ravel()
    denom = sizes_a[:, None] + sizes_b[None, :]
    return np.asarray(np.where(denom > 0, 2 * inter / np.maximum(denom, 1e-9), 0.0))


def align(old: list[str], new: list[str], threshold: float = THRESHOLD) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(old index, new index, similarity)`` of texts that are versions of each other."""
    if not old or not new:
        return []
    sim = similarity_matrix([normalize_quote(t) for t in old], [normalize_quote(t) for t in new])
    pos_old = np.arange(len(old)) / max(len(old) - 1, 1)
    pos_new = np.arange(len(new)) / max(len(new) - 1, 1)
    score = sim - POSITION_WEIGHT * np.abs(pos_old[:, None] - pos_new[None, :])
    rows, cols = linear_sum_assignment(score, maximize=True)
    return [
        (int(i), int(j), float(sim[i, j])) for i, j in zip(rows, cols, strict=True) if sim[i, j] >= threshold
    ]


def char_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Segments of ``old`` (equal/delete) and ``new`` (equal/insert) showing the changed characters."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(Segment("equal", old[i1:i2]))
            right.append(Segment("equal", new[j1:j2]))
            continue
        if i2 > i1:
            left.append(Segment("delete", old[i1:i2]))
        if j2 > j1:
            right.append(Segment("insert", new[j1:j2]))
    return left, right


def diff_articles(old: list[Article], new: list[Article]) -> list[DiffRow]:
    """Rows in the new version's order; a deleted article follows the row of its old predecessor."""
    pairs = align([a.body for a in old], [a.body for a in new])
    new_to_old = {j: (i, s) for i, j, s in pairs}
    matched_old = {i for i, _, _ in pairs}
    rows: list[DiffRow] = []
    emitted_old = -1

    def flush_deleted(upto: int) -> None:
        nonlocal emitted_old
        for i in range(emitted_old + 1, upto):
            if i not in matched_old:
                rows.append(DiffRow("删除", old[i], None, 0.0, [Segment("delete", old[i].body)], []))
        emitted_old = max(emitted_old, upto - 1)

    for j, article in enumerate(new):
        if j not in new_to_old:
            rows.append(DiffRow("新增", None, article, 0.0, [], [Segment("insert", article.body)]))
            continue
        i, sim = new_to_old[j]
        if i > emitted_old:
            flush_deleted(i)
        before, after = old[i].body, article.body
        if normalize_quote(before) == normalize_quote(after):
            rows.append(
                DiffRow("未变", old[i], article, sim, [Segment("equal", before)], [Segment("equal", after)])
            )
        else:
            left, right = char_diff(before, after)
            rows.append(DiffRow("修改", old[i], article, sim, left, right))
        emitted_old = max(emitted_old, i)
    flush_deleted(len(old))
    return rows


def diff_versions(
    index: KnowledgeIndex, works: Works, work: str, from_version: str, to_version: str
) -> DiffTable:
    """The 新旧对照 of ``work`` between two versions held by ``index`` (a ``KnowledgeIndex``).

    Raises ``DocumentNotFound`` for an unknown work or version, ``InvalidInput`` when both are the same.
    """
    name = works.resolve_work(work)
    if name is None:
        raise DocumentNotFound(f"知识库中没有“{work}”。")
    old, new = works.find(name, from_version), works.find(name, to_version)
    held = "、".join(v.version or v.doc_id for v in works.versions(name))
    for wanted, found in ((from_version, old), (to_version, new)):
        if found is None:
            raise DocumentNotFound(f"知识库中没有《{name}》的“{wanted}”版本（现有：{held}）。")
    assert old is not None and new is not None
    if old.doc_id == new.doc_id:
        raise InvalidInput("请选择两个不同的版本进行对照。")
    rows = diff_articles(_articles(index, old.doc_id), _articles(index, new.doc_id))
    return DiffTable(work=name, old=old, new=new, rows=rows)


def _articles(index: KnowledgeIndex, doc_id: str) -> list[Article]:
    return articles_from_chunks(index.chunks(doc_id), index.document_text(doc_id))


# ----------------------------------------------------------------------------------------------------
# what changed, in words ("“消费卡”改为“消费卡（券）”", "新增一款：“以讲课费……”")

ChangeKind = Literal["增加", "删去", "改为", "新增款", "删去款"]
PARAGRAPH_THRESHOLD = (
    0.3  # a paragraph (款) less similar than this to every paragraph of the other side is new
)
_MERGE_GAP = 2  # changes separated by at most this many equal characters are one change
_SHORT_CHANGE = 4  # a change shorter than this (characters) is shown with the word before it
_CONTEXT_MAX = 4
_DELIMITERS = "，、；。：:（）()“”\n"


@dataclass(frozen=True)
class Change:
    """One change of an article between two versions, as phrases of the source texts.

    ``kind``: 增加 (``new`` added), 删去 (``old`` removed), 改为 (``old`` replaced by ``new``),
    新增款 / 删去款 (a whole paragraph added / removed: 款, or 项 for an enumerated item)."""

    kind: ChangeKind
    old: str = ""
    new: str = ""

    def sentence(self) -> str:
        if self.kind == "新增款":
            return f"新增一{_unit(self.new)}：“{self.new}”"
        if self.kind == "删去款":
            return f"删去一{_unit(self.old)}：“{self.old}”"
        if self.kind == "增加":
            return f"增加“{self.new}”"
        if self.kind == "删去":
            return f"删去“{self.old}”"
        return f"“{self.old}”改为“{self.new}”"


def _unit(paragraph: str) -> str:
    """项 for an enumerated item ("（三）脱离实际……"), else 款."""
    return "项" if re.match(r"^[（(][一二三四五六七八九十]+[)）]", paragraph) else "款"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _context(text: str, end: int, *, left: bool) -> str:
    """Up to ``_CONTEXT_MAX`` characters of ``text`` before (``left``) or from ``end``, stopping at a
    delimiter."""
    out = ""
    k = end - 1 if left else end
    while 0 <= k < len(text) and len(out) < _CONTEXT_MAX and text[k] not in _DELIMITERS:
        out = text[k] + out if left else out + text[k]
        k += -1 if left else 1
    return out


def _widen_number(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` widened over the digits and 年/月/日 around it ("18年10" → "2018年10月1日")."""
    while a > 0 and (text[a - 1].isdigit() or (text[a - 1] in "年月" and a < len(text))):
        a -= 1
    while b < len(text) and (text[b].isdigit() or text[b] in "年月日"):
        b += 1
    return a, b


def _phrase_changes(old: str, new: str) -> list[tuple[Change, int]]:
    """Character changes between two paragraphs, merged and widened to readable phrases, each with its
    size (changed characters, before widening)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    spans: list[list[int]] = []  # [i1, i2, j1, j2]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and i1 - spans[-1][1] <= _MERGE_GAP and j1 - spans[-1][3] <= _MERGE_GAP:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    out: list[tuple[Change, int]] = []
    for i1, i2, j1, j2 in spans:
        a, b = old[i1:i2], new[j1:j2]
        if normalize_quote(a) == normalize_quote(b):
            continue  # whitespace only
        size = max(len(normalize_quote(a)), len(normalize_quote(b)))
        if any(ch.isdigit() for ch in a + b):
            (i1, i2), (j1, j2) = _widen_number(old, i1, i2), _widen_number(new, j1, j2)
            a, b = old[i1:i2], new[j1:j2]
        elif size < _SHORT_CHANGE:
            before = _context(new, j1, left=True)
            after = "" if before else _context(new, j2, left=False)
            a, b = before + a + after, before + b + after
        a, b = a.strip(), b.strip()
        kind: ChangeKind = "改为" if a and b else ("增加" if b else "删去")
        out.append((Change(kind, a, b), size))
    return out


def changes(row: DiffRow) -> list[Change]:
    """What changed between the two sides of a 修改 row, in document order: whole paragraphs (款) added or
    removed, and the phrases changed inside paragraphs that exist in both versions. Empty for other
    statuses."""
    return [c for c, _ in _sized_changes(row)]


def _sized_changes(row: DiffRow) -> list[tuple[Change, int]]:
    if row.status != "修改" or row.old is None or row.new is None:
        return []
    old_ps, new_ps = _paragraphs(row.old.body), _paragraphs(row.new.body)
    sim = similarity_matrix([normalize_quote(p) for p in old_ps], [normalize_quote(p) for p in new_ps])
    pairs: dict[int, int] = {}
    used_old: set[int] = set()
    for flat in np.argsort(-sim, axis=None, kind="stable"):
        i, j = divmod(int(flat), len(new_ps))
        if sim[i, j] < PARAGRAPH_THRESHOLD:
            break
        if j in pairs or i in used_old:
            continue
        pairs[j] = i
        used_old.add(i)
    out: list[tuple[Change, int]] = []
    for j, paragraph in enumerate(new_ps):
        if j not in pairs:
            out.append((Change("新增款", new=paragraph), len(normalize_quote(paragraph))))
        elif normalize_quote(old_ps[pairs[j]]) != normalize_quote(paragraph):
            out.extend(_phrase_changes(old_ps[pairs[j]], paragraph))
    out.extend(
        (Change("删去款", old=p), len(normalize_quote(p))) for i, p in enumerate(old_ps) if i not in used_old
    )
    return out


REWRITE_SHARE = 0.5  # more than this share of an article's characters changed: "作了较大改写"


def change_summary(row: DiffRow, limit: int = 3) -> str:
    """The changes of a 修改 row in one sentence: the ``limit`` largest (one-character edits only when
    nothing larger changed), in document order, the rest counted; "条文作了较大改写" when more than ``REWRITE_SHARE`` of the text changed."""
    found = _sized_changes(row)
    if row.status != "修改" or row.new is None:
        return ""
    if not found:
        return "仅有标点或格式调整"
    phrase_size = sum(size for c, size in found if c.kind not in ("新增款", "删去款"))
    whole = [c for c, _ in found if c.kind in ("新增款", "删去款")]
    if phrase_size > REWRITE_SHARE * len(normalize_quote(row.new.body)):
        return "；".join(["条文作了较大改写", *(c.sentence() for c in whole[:1])])
    # one-character edits (a dropped 的) are named only when nothing larger changed
    major = [k for k in range(len(found)) if found[k][1] > 1] or list(range(len(found)))
    keep = sorted(sorted(major, key=lambda k: -found[k][1])[:limit])
    text = "；".join(found[k][0].sentence() for k in keep)
    if len(found) > len(keep):
        text += f"；另有{len(found) - len(keep)}处文字调整"
    return text
