"""Learning-to-rank over both legs' candidates (issue 17, item 1): features, model file, re-ordering.

The fused list is good at recalling a question's article somewhere in the top 100 but often ranks it
below articles that share the member's words rather than the law's meaning. A LightGBM ``lambdarank``
model (``service/backends/ranker.py``) re-orders the best ``DEPTH`` fused candidates from features of the
query and the candidate's text only:

- **both legs**: fused score and rank, BM25 (jieba words) score, its share of the best, rank in the
  lexical leg; cosine similarity, its gap to the best, rank in the dense leg;
- **other tokenisations**: BM25 over character bigrams of the article body (catches words jieba cuts
  differently in question and law: 购物卡/消费卡), idf share of the query's words the candidate contains;
- **vocabulary map**: BM25 of the query's mapped legal words (``service/rag/vocab_map.py``) and the share
  of them the candidate contains;
- **law name and title**: the candidate's law name (its title without the article reference) named in
  the question, share of its character bigrams in the question, share of the question's words in the title;
  how many of the best 30 candidates belong to the same law and their summed fused score (law-level
  aggregation: a question about 劳动合同 tends to find several articles of that law); over the pool, the
  best cosine similarity of the candidate's law, its gap to it and rank within the law, how many pool
  candidates and how many of the dense and mapped legs' best 30 share the law;
- **neighbouring articles** (one number below or above in the same law): their best cosine similarity,
  BM25 and bigram-BM25 shares of the pool's best (a question often matches the article next to its own);
- **length and structure**: log length of the text, number of lines (paragraphs), enumerated items;
- **the query**: length, colloquial phrasing, quotes/article references, BM25 coverage of its best hit.

What is never a feature (the issue's rules): ids, which articles were gold in training (no popularity
prior), corpus formatting. ``Hit.score`` stays the fused score (refusal thresholds are calibrated on it);
only the order changes, and the model's score is reported as ``scores["rerank"]``.

The model file (``service/rag/models/rerank_lgbm.txt``) and its record (``rerank_lgbm.json``: feature
names, inputs' digests, validation figures) are rebuilt by ``bench/build_rerank.py`` from ``lecoqa-train``
only. A missing or damaged file, or one trained on another feature list, logs one warning and leaves the
fused order unchanged: the service never fails a search because of the model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import threading
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from service.backends.ranker import Ranker, RankerUnavailable, load_ranker
from service.index.lexical import BM25Index, informative_tokens
from service.rag.pool import POOL_K, ExtraLegs, extra_legs, merge_expansions, pool
from service.text.normalize import normalize_for_match
from service.text.refs import trailing_article

if TYPE_CHECKING:
    from service.index.generations import KnowledgeIndex
    from service.rag.fusion import QuerySignals
    from service.schemas import Chunk

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "models" / "rerank_lgbm.txt"
DEPTH = (
    400  # pool candidates re-ordered (the whole pool: what the legs recall bounds what the model can lift)
)
DENSE_DEEP = 1000  # dense-leg similarities the features may read (pool candidates past the leg's top k)
LAW_WINDOW = 30  # fused candidates whose laws count for the law-level features

FEATURES: tuple[str, ...] = (
    "fused",
    "fused_rank",
    "lex_bm25",
    "lex_rel",
    "lex_rank",
    "dense_sim",
    "dense_gap",
    "dense_rank",
    "bigram_bm25",
    "bigram_rel",
    "coverage",
    "vocab_bm25",
    "vocab_share",
    "law_in_query",
    "law_overlap",
    "title_overlap",
    "law_support",
    "law_fused",
    "log_len",
    "n_lines",
    "n_items",
    "q_len",
    "q_colloquial",
    "q_quoted",
    "q_coverage",
    "map_rank",
    "bigram_rank",
    "n_legs",
    "law_dense_max",
    "law_dense_gap",
    "law_rank",
    "law_pool",
    "law_dense_top",
    "law_map_top",
    "nb_dense",
    "nb_lex",
    "nb_bigram",
)

_STATE_PREFIX = "中华人民共和国"
_ITEM_RE = re.compile(r"^\s*[（(][一二三四五六七八九十0-9]+[)）]", re.MULTILINE)
_NON_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)


def law_name(title: str) -> str:
    """``民法典第五十四条`` → ``民法典``; ``中华人民共和国劳动法`` → ``劳动法``; other titles unchanged."""
    name = normalize_for_match(title).strip()
    # a trailing article reference (民法典第五十四条, …第一百一十一条之一) is not part of the law name
    ref = trailing_article(name)
    name = (name[: ref.start] if ref else name).strip()
    return name.removeprefix(_STATE_PREFIX) or name


def char_bigrams(text: str) -> list[str]:
    """Character bigrams of ``normalize_for_match(text)`` within runs of word characters."""
    out: list[str] = []
    for run in _NON_WORD_RE.split(normalize_for_match(text)):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


@dataclass
class IndexFeatures:
    """Per-generation tables the features need, built once per opened index (``for_index``)."""

    bigrams: BM25Index
    law: list[str]
    law_id: npt.NDArray[np.int64]  # per position: the index of its law in sorted(set(law))
    law_bigrams: list[frozenset[str]]
    title_tokens: list[frozenset[str]]
    log_len: npt.NDArray[np.float64]
    n_lines: npt.NDArray[np.float64]
    n_items: npt.NDArray[np.float64]
    neighbours: list[
        tuple[int, ...]
    ]  # per position: positions of the articles numbered one less or more in its law


_TABLES: weakref.WeakKeyDictionary[KnowledgeIndex, IndexFeatures] = weakref.WeakKeyDictionary()
_TABLES_LOCK = threading.Lock()


def for_index(index: KnowledgeIndex) -> IndexFeatures:
    """The tables of ``index``, built on first use (2.3 s for 982 articles on a busy 2-core machine)."""
    with _TABLES_LOCK:
        tables = _TABLES.get(index)
        if tables is None:
            tables = build_tables(index)
            _TABLES[index] = tables
        return tables


def build_tables(index: KnowledgeIndex) -> IndexFeatures:
    from service.index.lexical import segmenter_for

    seg = segmenter_for(index.settings)
    chunks = [index.chunk_at(i) for i in range(len(index))]
    laws = [law_name(c.title) for c in chunks]
    return IndexFeatures(
        bigrams=BM25Index.build([char_bigrams(c.text) for c in chunks]),
        law=laws,
        law_id=_law_ids(laws),
        law_bigrams=[frozenset(char_bigrams(name)) for name in laws],
        title_tokens=[frozenset(informative_tokens(seg.tokenize(name))) for name in laws],
        log_len=np.asarray([math.log1p(len(c.text)) for c in chunks], dtype=np.float64),
        n_lines=np.asarray([c.text.strip().count("\n") + 1 for c in chunks], dtype=np.float64),
        n_items=np.asarray([len(_ITEM_RE.findall(c.text)) for c in chunks], dtype=np.float64),
        neighbours=neighbour_positions(chunks, laws),
    )


def _law_ids(laws: Sequence[str]) -> npt.NDArray[np.int64]:
    ids = {name: i for i, name in enumerate(sorted(set(laws)))}
    return np.asarray([ids[name] for name in laws], dtype=np.int64)


def neighbour_positions(chunks: Sequence[Chunk], laws: Sequence[str]) -> list[tuple[int, ...]]:
    """Per chunk position, the positions of the chunks of the articles numbered one below and one above
    in the same law (``law_name``; article number from the chunk (``lookup.chunk_article_no``) or its
    title's trailing 第N条); ``()`` for a chunk without an article number. Sorted, deterministic."""
    from service.rag.lookup import chunk_article_no

    numbers: list[int | None] = []
    where: dict[tuple[str, int], list[int]] = {}
    for i, (chunk, law) in enumerate(zip(chunks, laws, strict=True)):
        n = chunk_article_no(chunk)
        if n is None:
            ref = trailing_article(normalize_for_match(chunk.title))
            n = ref.ref.number if ref is not None and ref.ref.unit == "条" else None
        numbers.append(n)
        if n is not None:
            where.setdefault((law, n), []).append(i)
    return [
        () if n is None else tuple(sorted(where.get((law, n - 1), []) + where.get((law, n + 1), [])))
        for n, law in zip(numbers, laws, strict=True)
    ]


def features(
    query: str,
    tokens: Sequence[str],
    index: KnowledgeIndex,
    rows: Sequence[tuple[int, float]],
    fused: Sequence[tuple[int, float]],
    lexical: Sequence[tuple[int, float]],
    dense: Sequence[tuple[int, float]],
    legs: ExtraLegs,
    signals: QuerySignals,
    expansion: dict[str, float] | None,
    dense_deep: Sequence[tuple[int, float]] = (),
) -> npt.NDArray[np.float64]:
    """``(len(rows), len(FEATURES))`` features of the candidates ``rows`` (the pool, ``pool.pool``:
    ``(position, fused score)``), rows in that order.

    ``tokens``: the query's jieba tokens (as the lexical leg saw them); ``fused``: the fused list;
    ``lexical``/``dense``/``legs``: the legs' ``(position, score)`` lists best first; ``expansion``: the
    vocabulary map's words for the query (``None``: no map); ``dense_deep``: the dense leg continued past
    ``dense`` (``DENSE_DEEP`` long; empty: a candidate outside ``dense`` gets the tail similarity). Pure function of its inputs and the index
    (no randomness, no hash order).
    """
    tables = for_index(index)
    pos = np.asarray([p for p, _ in rows], dtype=np.int64)
    n = len(pos)
    x = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return x
    col = {name: i for i, name in enumerate(FEATURES)}
    far = float(len(lexical) + len(dense) + 1)

    x[:, col["fused"]] = [s for _, s in rows]
    fused_rank = {p: i for i, (p, _) in enumerate(fused)}
    x[:, col["fused_rank"]] = [fused_rank.get(int(p), far) for p in pos]
    n_legs = np.zeros(n, dtype=np.float64)
    for leg in (lexical, dense, legs.mapped, legs.bigram):
        members = {p for p, _ in leg}
        n_legs += [float(int(p) in members) for p in pos]
    x[:, col["n_legs"]] = n_legs
    for name, leg in (("map_rank", legs.mapped), ("bigram_rank", legs.bigram)):
        ranks = {p: i for i, (p, _) in enumerate(leg)}
        x[:, col[name]] = [ranks.get(int(p), far) for p in pos]

    lex_full = index.lexical.scores(tokens).astype(np.float64)
    lex_all = lex_full[pos]
    x[:, col["lex_bm25"]] = lex_all
    x[:, col["lex_rel"]] = lex_all / lex_all.max() if lex_all.max() > 0 else 0.0
    lex_rank = {p: i for i, (p, _) in enumerate(lexical)}
    x[:, col["lex_rank"]] = [lex_rank.get(int(p), far) for p in pos]

    deep = dense_deep if len(dense_deep) > len(dense) else dense
    den = dict(deep)
    tail = min(den.values()) if den else 0.0
    best = max(den.values()) if den else 0.0
    sims = np.asarray([den.get(int(p), tail) for p in pos], dtype=np.float64)
    x[:, col["dense_sim"]] = sims
    x[:, col["dense_gap"]] = sims - best
    den_rank = {p: i for i, (p, _) in enumerate(deep)}
    x[:, col["dense_rank"]] = [den_rank.get(int(p), max(far, len(deep) + 1.0)) for p in pos]

    q_bigrams = char_bigrams(query)
    big_full = tables.bigrams.scores(q_bigrams).astype(np.float64)
    big = big_full[pos]
    x[:, col["bigram_bm25"]] = big
    x[:, col["bigram_rel"]] = big / big.max() if big.max() > 0 else 0.0

    x[:, col["coverage"]] = _idf_share(index.lexical, pos, informative_tokens(list(tokens)))
    if expansion:
        x[:, col["vocab_bm25"]] = index.lexical.scores([], expansion)[pos]
        x[:, col["vocab_share"]] = _idf_share(index.lexical, pos, sorted(expansion), unknown=False)

    q_norm = normalize_for_match(query)
    q_bigram_set = set(q_bigrams)
    q_words = set(informative_tokens(list(tokens)))
    window: Counter[str] = Counter()
    window_fused: dict[str, float] = {}
    for p, s in fused[:LAW_WINDOW]:
        name = tables.law[p]
        window[name] += 1
        window_fused[name] = window_fused.get(name, 0.0) + s
    for i, p in enumerate(pos.tolist()):
        name = tables.law[p]
        x[i, col["law_in_query"]] = float(len(name) >= 2 and name in q_norm)
        lb = tables.law_bigrams[p]
        x[i, col["law_overlap"]] = len(lb & q_bigram_set) / len(lb) if lb else 0.0
        tt = tables.title_tokens[p]
        x[i, col["title_overlap"]] = len(tt & q_words) / len(q_words) if q_words else 0.0
        x[i, col["law_support"]] = window.get(name, 0)
        x[i, col["law_fused"]] = window_fused.get(name, 0.0)
    _law_features(x, col, tables, pos, sims, deep, legs)
    _neighbour_features(x, col, tables, pos, den, tail, lex_full, big_full)
    x[:, col["log_len"]] = tables.log_len[pos]
    x[:, col["n_lines"]] = tables.n_lines[pos]
    x[:, col["n_items"]] = tables.n_items[pos]
    x[:, col["q_len"]] = signals.n_chars
    x[:, col["q_colloquial"]] = float(signals.colloquial)
    x[:, col["q_quoted"]] = float(signals.quoted)
    x[:, col["q_coverage"]] = signals.coverage
    return x


def _law_features(
    x: npt.NDArray[np.float64],
    col: dict[str, int],
    tables: IndexFeatures,
    pos: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float64],
    deep: Sequence[tuple[int, float]],
    legs: ExtraLegs,
) -> None:
    """Law-level aggregation over the pool: the best cosine similarity among the pool's candidates of the
    candidate's law, the candidate's gap to it and rank within its law, how many pool candidates share
    the law, and how many of the dense and mapped legs' best ``LAW_WINDOW`` do."""
    law = tables.law_id[pos]
    n_laws = int(tables.law_id.max()) + 1
    best = np.full(n_laws, -np.inf)
    np.maximum.at(best, law, sims)
    x[:, col["law_dense_max"]] = best[law]
    x[:, col["law_dense_gap"]] = sims - best[law]
    x[:, col["law_pool"]] = np.bincount(law, minlength=n_laws)[law]
    # rank within the law by similarity (ties: pool order): sort by law, then -similarity, then row
    order = np.lexsort((np.arange(len(law)), -sims, law))
    starts = np.searchsorted(law[order], law[order], side="left")
    rank = np.empty(len(law), dtype=np.float64)
    rank[order] = np.arange(len(law)) - starts
    x[:, col["law_rank"]] = rank
    for name, leg in (("law_dense_top", deep), ("law_map_top", legs.mapped)):
        top = np.asarray([p for p, _ in leg[:LAW_WINDOW]], dtype=np.int64)
        x[:, col[name]] = np.bincount(tables.law_id[top], minlength=n_laws)[law]


def _neighbour_features(
    x: npt.NDArray[np.float64],
    col: dict[str, int],
    tables: IndexFeatures,
    pos: npt.NDArray[np.int64],
    den: dict[int, float],
    tail: float,
    lex_full: npt.NDArray[np.float64],
    big_full: npt.NDArray[np.float64],
) -> None:
    """The best cosine similarity (``tail`` past the deep dense list), BM25 share of the pool's best and
    bigram-BM25 share of the pool's best among the candidate's neighbouring articles (one number below
    or above in its law): a question about a rule often matches the article next to the one that holds it."""
    lex_top = float(lex_full[pos].max()) or 1.0
    big_top = float(big_full[pos].max()) or 1.0
    dense_full = np.full(len(tables.law), tail, dtype=np.float64)
    if den:
        dense_full[np.fromiter(den.keys(), dtype=np.int64)] = np.fromiter(den.values(), dtype=np.float64)
    pairs = [(i, q) for i, p in enumerate(pos.tolist()) for q in tables.neighbours[p]]
    x[:, col["nb_dense"]] = tail
    x[:, col["nb_lex"]] = 0.0
    x[:, col["nb_bigram"]] = 0.0
    if not pairs:
        return
    rows = np.asarray([i for i, _ in pairs], dtype=np.int64)
    nbs = np.asarray([q for _, q in pairs], dtype=np.int64)
    for name, values in (
        ("nb_dense", dense_full[nbs]),
        ("nb_lex", lex_full[nbs] / lex_top),
        ("nb_bigram", big_full[nbs] / big_top),
    ):
        out = np.full(len(pos), -np.inf)
        np.maximum.at(out, rows, values)
        has = np.isfinite(out)
        x[has, col[name]] = out[has]


def _idf_share(
    bm25: BM25Index, positions: npt.NDArray[np.int64], words: Sequence[str], *, unknown: bool = True
) -> npt.NDArray[np.float64]:
    """Per document position: idf share of ``words`` (jieba words, as indexed by ``bm25``) it contains.

    ``unknown``: words missing from the vocabulary count with the maximum idf (as ``BM25Index.coverage``)."""
    uniq = list(dict.fromkeys(words))
    cols = [bm25.vocab[w] for w in uniq if w in bm25.vocab]
    max_idf = math.log1p((bm25.n_docs + 0.5) / 0.5)
    idf = bm25.idf[cols].astype(np.float64)
    total = float(idf.sum()) + (max_idf * (len(uniq) - len(cols)) if unknown else 0.0)
    if not cols or total <= 0:
        return np.zeros(len(positions), dtype=np.float64)
    # term-major rows of the query's words (a few rows of the BM25 weight matrix), then the candidates
    present = bm25.term_rows(cols)[:, positions] > 0
    return np.asarray(idf @ present, dtype=np.float64) / total


def legs_for(
    index: KnowledgeIndex,
    query: str,
    tokens: Sequence[str],
    expansion: dict[str, float] | None,
    learned: dict[str, float] | None,
    mask: npt.NDArray[np.bool_] | None,
    k: int = POOL_K,
) -> ExtraLegs:
    """The pool's added legs (``k`` candidates each) (``service/rag/pool.py``) for one query: the mapped leg searches the query
    with ``expansion`` (what the lexical leg added: the shared vocabulary's formal forms) plus ``learned``
    (the vocabulary map's words not already in ``expansion``: with ``STUDY_QUERY_EXPANSION`` the lexical
    leg has them); the bigram leg the query's character bigrams. ``mask``: the filters."""
    own = expansion or {}
    mapped = merge_expansions(own, {w: v for w, v in (learned or {}).items() if w not in own})
    return extra_legs(index, for_index(index), char_bigrams(query), tokens, mapped, mask, k)


# --- the model ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RerankModel:
    ranker: Ranker
    digest: str  # sha256 of the model text, first 12 hex digits (eval reports' learned_models)
    meta: dict[str, Any]


def model_digest(path: Path = MODEL_PATH) -> str:
    """First 12 hex digits of the model file's sha256 (what ``learned_models`` records)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def meta_path(path: Path = MODEL_PATH) -> Path:
    return path.with_suffix(".json")


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> RerankModel:
    """The model at ``path`` with its record; ``RankerUnavailable`` (reason in the message) when the file is
    missing or damaged (checked against the record's ``model_sha256`` before LightGBM parses it), or was
    trained on another feature list than ``FEATURES``."""
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
        digest = model_digest(path)
    except (OSError, ValueError) as exc:
        raise RankerUnavailable(f"排序模型 {path.name} 或其记录无法读取（{type(exc).__name__}）") from exc
    if not isinstance(meta, dict) or meta.get("model_sha256") != digest:
        raise RankerUnavailable(f"排序模型 {path.name} 与其记录的校验值不符（文件被改动或损坏），请重建")
    ranker = load_ranker(path)
    if tuple(meta.get("features", ())) != FEATURES or ranker.n_features != len(FEATURES):
        raise RankerUnavailable(f"排序模型 {path.name} 的特征与代码不一致，请运行 bench/build_rerank.py 重建")
    return RerankModel(ranker=ranker, digest=digest, meta=meta)


_WARNED: set[str] = set()


def model_or_none(path: Path | None = None) -> RerankModel | None:
    """``load_model`` for the search path (default ``MODEL_PATH``): on failure one logged warning per
    path, then ``None``, so searches keep the fused order."""
    path = path or MODEL_PATH
    try:
        return load_model(path)
    except RankerUnavailable as exc:
        if str(path) not in _WARNED:
            _WARNED.add(str(path))
            log.warning("重排序已停用，保持融合排序：%s", exc)
        return None


def reorder(
    model: RerankModel,
    query: str,
    tokens: Sequence[str],
    index: KnowledgeIndex,
    fused: list[tuple[int, float]],
    lexical: Sequence[tuple[int, float]],
    dense: Sequence[tuple[int, float]],
    dense_deep: Sequence[tuple[int, float]],
    legs: ExtraLegs,
    signals: QuerySignals,
    expansion: dict[str, float] | None,
) -> tuple[list[tuple[int, float]], dict[int, float]]:
    """The first ``depth`` (model record; default ``DEPTH``) candidates of the pool (``pool.pool``: the
    fused list plus the added legs) re-ordered by the model (best first; ties keep the pool order), then
    the rest of the fused list; and the model score per re-ordered position. Scores in the list are the
    fused ones (0.0 for a candidate only an added leg found)."""
    depth = int(model.meta.get("depth", DEPTH))
    head = pool(fused, lexical, dense, legs)[:depth]
    if len(head) < 2:
        return fused, {}
    x = features(query, tokens, index, head, fused, lexical, dense, legs, signals, expansion, dense_deep)
    scores = model.ranker.predict(x)
    order = sorted(range(len(head)), key=lambda i: (-float(scores[i]), i))
    taken = {p for p, _ in head}
    rest = [(p, s) for p, s in fused if p not in taken]
    return [head[i] for i in order] + rest, {head[i][0]: float(scores[i]) for i in order}
