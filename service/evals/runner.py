"""Run a dataset through the same library code the API uses and measure it.

Steps (``run_eval``):
1. **Isolated, cached index.** The dataset's corpus is ingested with the real pipeline
   (``service.ingest.pipeline.ingest``) into ``<cache>/indexes/<key>/``, ``key`` = corpus hash + embedder
   name, sharing one embedding cache at ``<cache>/embeddings.sqlite3``. A marker records the fingerprint
   of the ingest/text/index code; when that code changed the index is rebuilt (vectors still come from
   the cache). An unchanged dataset therefore costs nothing to re-index.
2. **Per question**: ``Retriever.search`` (or one leg of ``search_legs`` for single-leg configurations),
   timed; then ``Answerer.ask`` — follow-ups replay their earlier turns in one conversation first, as a
   member would. Each run gets a throw-away data dir whose ``index`` links to the cached index, so the
   answers persisted by the answerer never pile up in the cache.
3. **Metrics** are the pure functions of ``service.evals.metrics``; aggregation skips questions a metric
   does not apply to. Results, metrics and reports are written to the output directory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from service.backends.base import Embedder
from service.config import REPO_ROOT, Settings
from service.container import Container
from service.errors import IndexNotReady, StudyError
from service.evals import curated_effect
from service.evals import metrics as m
from service.evals.configs import EvalConfig
from service.evals.datasets import Dataset, Question
from service.evals.sources import document_texts, needs_staging, stage_knowledge_dir
from service.schemas import Answer, Hit

log = logging.getLogger(__name__)

DEFAULT_CACHE_DIR = REPO_ROOT / "eval" / "cache"
RECALL_KS = (1, 5, 10, 100)
SPAN_KS = (1, 5, 10)
SEARCH_K = max(RECALL_KS)
STORED_HITS = 10  # hits kept per question in results.jsonl (metrics use all SEARCH_K)
_CODE_DIRS = ("service/ingest", "service/text", "service/index")

# The headline answer metrics (member-style datasets): shown first in reports.
HEADLINE_KEYS = (
    "answer.correct",
    "answer.unanswerable_refusal_rate",
    "answer.version_correct",
)

# The flat keys of metrics.json, in report order (the contract).
METRIC_KEYS = (
    "answer.correct",
    "answer.span_recall",
    "answer.version_correct",
    *(f"retrieval.recall@{k}" for k in RECALL_KS),
    "retrieval.mrr@10",
    "retrieval.ndcg@10",
    *(f"retrieval.span_hit@{k}" for k in SPAN_KS),
    "answer.citation_precision",
    "answer.quote_exact",
    "answer.char_f1",
    "answer.rouge_l",
    "answer.refusal_accuracy",
    "answer.false_refusal_rate",
    "answer.unanswerable_refusal_rate",
    "latency.search_p50_ms",
    "latency.search_p95_ms",
    "latency.ask_p50_ms",
    "latency.ask_p95_ms",
)


def code_fingerprint(root: Path = REPO_ROOT) -> str:
    """Hash of the code that decides what an index contains (splitting, normalisation, BM25)."""
    h = hashlib.sha256()
    for d in _CODE_DIRS:
        for path in sorted((root / d).glob("*.py")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def index_key(dataset: Dataset, embedder: Embedder) -> str:
    return hashlib.sha256(f"{dataset.corpus_hash()}\0{embedder.name}".encode()).hexdigest()[:16]


def corpus_source(dataset: Dataset, cache_dir: Path) -> Path:
    """What the ingest reads: the ``corpus.jsonl``, the knowledge directory, or a staged one (see
    ``service.evals.sources.stage_knowledge_dir``) when some documents live outside the repository."""
    if needs_staging(dataset):
        return stage_knowledge_dir(dataset, cache_dir / "staged")
    source = dataset.knowledge_dir or dataset.corpus_path
    assert source is not None  # load_dataset guarantees one of them
    return source


def ensure_index(
    dataset: Dataset,
    settings: Settings,
    embedder: Embedder,
    *,
    progress: bool = True,
    source: Path | None = None,
) -> dict[str, Any]:
    """Ingest the dataset's corpus into ``settings.data_dir`` unless the cached index is current."""
    from service.ingest.pipeline import ingest

    marker = settings.data_dir / "eval-index.json"
    fingerprint = code_fingerprint()
    expected = {"dataset": dataset.name, "embedder": embedder.name, "code": fingerprint}
    if marker.is_file():
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        if all(recorded.get(k) == v for k, v in expected.items()):
            return dict(recorded)
    else:
        recorded = {}
    if source is None:
        source = dataset.knowledge_dir or dataset.corpus_path
    assert source is not None  # load_dataset guarantees one of them
    rebuild = bool(recorded) and recorded.get("code") != fingerprint
    report = ingest([source], settings, embedder, progress=progress, rebuild=rebuild)
    if report.n_docs == 0 and not report.unchanged:
        raise IndexNotReady(f"评测数据集 {dataset.name} 的语料没有导入任何文档。")
    info = {
        **expected,
        "n_docs": report.n_docs or len(report.unchanged),
        "n_chunks": report.n_chunks,
        "failures": [f.model_dump() for f in report.failures],
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if not report.failures:
        marker.write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    return info


def git_commit(root: Path = REPO_ROOT) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def learned_models(settings: Settings) -> str:
    """Which learned tables the run used (issue 17): ``vocab_map@<digest>``, ``rerank_lgbm@<digest>``
    (comma-separated; the ranker reads the map for its features) or ``none``. A ranker whose file cannot
    be used is reported as ``rerank_lgbm@unavailable`` (searches then keep the fused order)."""
    from service.rag import rerank, vocab_map

    used = []
    if settings.query_expansion or settings.rerank:
        used.append(f"vocab_map@{vocab_map.load().digest}")
    if settings.rerank:
        model = rerank.model_or_none()
        used.append(f"rerank_lgbm@{model.digest if model is not None else 'unavailable'}")
    return ", ".join(used) or "none"


def prompt_versions_label(prompts_dir: Path) -> str:
    """``answer=1, quiz=2``: ``service.rag.prompts.prompt_versions`` (the one reader) as a report label."""
    from service.rag.prompts import prompt_versions

    return ", ".join(f"{name}={version}" for name, version in sorted(prompt_versions(prompts_dir).items()))


@dataclass
class QuestionResult:
    question: Question
    query: str
    hits: list[Hit]
    search_ms: float
    answer: Answer | None = None
    ask_ms: float | None = None
    error: str | None = None
    metrics: dict[str, float | None] = field(default_factory=dict)

    def missing_spans(self) -> list[str]:
        """Required spans the answer text lacks (all of them for a refusal or an error)."""
        q = self.question
        if not q.answerable or not q.required_spans:
            return []
        if self.answer is None or self.answer.refused:
            return list(q.required_spans)
        return m.missing_spans(self.answer.answer, q.required_spans)

    def failure(self) -> str | None:
        """Why the answer fails the member-set checks (``None`` when it passes or nothing applies)."""
        q = self.question
        refused = self.answer is None or self.answer.refused
        if not q.answerable:
            return None if refused else "不可回答的问题没有拒答"
        if self.error is not None:
            return f"出错：{self.error}"
        reasons: list[str] = []
        if self.metrics.get("answer.correct") == 0.0:
            if refused:
                reasons.append("错误拒答")
            else:
                if self.missing_spans():
                    reasons.append("缺少必备片段")
                if q.required_count is not None and not m.states_count(
                    self.answer.answer if self.answer else "", q.required_count
                ):
                    reasons.append(f"未说明数量（{q.required_count}）")
        if self.metrics.get("answer.version_correct") == 0.0 and not refused:
            reasons.append(f"未引用正确版本 {', '.join(q.expected_doc_ids)}")
        return "；".join(reasons) or None

    def to_dict(self) -> dict[str, Any]:
        q = self.question
        return {
            **q.to_dict(),
            "query": self.query,
            "ranked_doc_ids": m.dedupe_doc_ids(h.doc_id for h in self.hits)[:SEARCH_K],
            "hits": [
                {
                    "rank": i,
                    "doc_id": h.doc_id,
                    "chunk_id": h.chunk_id,
                    "locator": h.locator,
                    "score": round(h.score, 4),
                    "text": h.text[:300],
                }
                for i, h in enumerate(self.hits[:STORED_HITS], start=1)
            ],
            "answer": None
            if self.answer is None
            else {
                "text": self.answer.answer,
                "refused": self.answer.refused,
                "mode": self.answer.mode,
                "citations": [c.model_dump() for c in self.answer.citations],
                "flagged": self.answer.flagged,
            },
            "missing_spans": self.missing_spans(),
            "error": self.error,
            "latency": {"search_ms": round(self.search_ms, 2), "ask_ms": _round(self.ask_ms)},
            "metrics": {k: _round(v, 4) for k, v in self.metrics.items()},
        }


def _round(value: float | None, ndigits: int = 2) -> float | None:
    return None if value is None else round(value, ndigits)


def score_question(r: QuestionResult, doc_texts: dict[str, str]) -> dict[str, float | None]:
    """Per-question metrics (``None`` where a metric does not apply)."""
    q = r.question
    ranked = [h.doc_id for h in r.hits]
    out: dict[str, float | None] = {}
    gold = q.gold_doc_ids if q.answerable else ()
    for k in RECALL_KS:
        out[f"retrieval.recall@{k}"] = m.recall_at_k(ranked, gold, k)
    out["retrieval.mrr@10"] = m.mrr_at_k(ranked, gold, 10)
    out["retrieval.ndcg@10"] = m.ndcg_at_k(ranked, gold, 10)
    texts = [h.text for h in r.hits]
    for k in SPAN_KS:
        out[f"retrieval.span_hit@{k}"] = m.span_hit_at_k(texts, q.gold_spans, k) if q.answerable else None
    a = r.answer
    cites = [(c.doc_id, c.quote) for c in a.citations] if a is not None and not a.refused else []
    out["answer.citation_precision"] = (
        m.citation_precision(cites, gold, q.gold_spans) if q.answerable and (gold or q.gold_spans) else None
    )
    out["answer.quote_exact"] = m.quote_exact(cites, doc_texts)
    text, refused = (a.answer, a.refused) if a is not None else ("", True)
    if q.answerable and (a is not None or r.error is not None):
        out["answer.correct"] = m.answer_correct(text, refused, q.required_spans, q.required_count)
        out["answer.span_recall"] = m.span_recall(text, refused, q.required_spans)
        out["answer.version_correct"] = m.version_correct(
            [c.doc_id for c in a.citations] if a is not None else [], q.expected_doc_ids, refused
        )
    else:
        out["answer.correct"] = out["answer.span_recall"] = out["answer.version_correct"] = None
    if a is not None and q.answerable and q.reference_answer:
        out["answer.char_f1"] = 0.0 if a.refused else m.char_f1(a.answer, q.reference_answer)
        out["answer.rouge_l"] = 0.0 if a.refused else m.rouge_l(a.answer, q.reference_answer)
    else:
        out["answer.char_f1"] = out["answer.rouge_l"] = None
    return out


def aggregate(results: list[QuestionResult]) -> dict[str, float | None]:
    """Dataset-level values of ``METRIC_KEYS`` from per-question results."""
    out: dict[str, float | None] = {}
    per_q = [r.metrics for r in results]
    for key in METRIC_KEYS:
        if key.startswith(
            (
                "retrieval.",
                "answer.citation",
                "answer.quote",
                "answer.char",
                "answer.rouge",
                "answer.correct",
                "answer.span_recall",
                "answer.version",
            )
        ):
            out[key] = m.mean(x.get(key) for x in per_q)
    answered = [r for r in results if r.answer is not None]
    refused = [r.answer.refused for r in answered if r.answer is not None]
    answerable = [r.question.answerable for r in answered]
    out["answer.refusal_accuracy"] = m.refusal_accuracy(refused, answerable)
    out["answer.false_refusal_rate"] = m.false_refusal_rate(refused, answerable)
    out["answer.unanswerable_refusal_rate"] = m.unanswerable_refusal_rate(refused, answerable)
    search = [r.search_ms for r in results]
    ask = [r.ask_ms for r in results if r.ask_ms is not None]
    out["latency.search_p50_ms"] = m.percentile(search, 50)
    out["latency.search_p95_ms"] = m.percentile(search, 95)
    out["latency.ask_p50_ms"] = m.percentile(ask, 50)
    out["latency.ask_p95_ms"] = m.percentile(ask, 95)
    return {k: _round(v, 4) for k, v in out.items()}


def by_tag(results: list[QuestionResult]) -> dict[str, dict[str, float | None]]:
    """A few headline metrics per question tag (and ``all``), for the report's bar chart."""
    groups: dict[str, list[QuestionResult]] = {"all": results}
    for r in results:
        for tag in r.question.tags:
            groups.setdefault(tag, []).append(r)
    table: dict[str, dict[str, float | None]] = {}
    for tag, rs in groups.items():
        agg = aggregate(rs)
        table[tag] = {
            "n": float(len(rs)),
            "retrieval.recall@5": agg["retrieval.recall@5"],
            "retrieval.mrr@10": agg["retrieval.mrr@10"],
            "answer.refusal_accuracy": agg["answer.refusal_accuracy"],
            "answer.char_f1": agg["answer.char_f1"],
            "answer.correct": agg["answer.correct"],
        }
    return table


@dataclass
class EvalRun:
    metrics: dict[str, Any]
    results: list[QuestionResult]
    tags: dict[str, dict[str, float | None]]
    warnings: list[str]


def _search(container: Container, config: EvalConfig, query: str) -> list[Hit]:
    retriever = container.retriever
    if config.retrieval_leg == "fused":
        return retriever.search(query, top_k=SEARCH_K)
    return retriever.search_legs(query, SEARCH_K)[config.retrieval_leg]


def _ask(container: Container, q: Question) -> tuple[Answer, float]:
    """Replay earlier turns in one conversation, then time the question itself."""
    answerer = container.answerer
    conversation_id: str | None = None
    for turn in q.turns:
        conversation_id = answerer.ask(turn, conversation_id=conversation_id).conversation_id
    t0 = time.perf_counter()
    answer = answerer.ask(q.question, conversation_id=conversation_id)
    return answer, (time.perf_counter() - t0) * 1000


def _resolved_query(q: Question) -> str:
    """What retrieval sees: follow-ups are resolved against their earlier turns (as the answerer does)."""
    if not q.turns:
        return q.question
    from service.rag.conversation import history_from_questions, resolve

    return resolve(q.question, history_from_questions(list(q.turns))).question


def run_eval(
    dataset: Dataset,
    config: EvalConfig,
    base_settings: Settings,
    *,
    cache_dir: Path = DEFAULT_CACHE_DIR,
    limit: int | None = None,
    embedder: Embedder | None = None,
    progress: bool = True,
    on_result: Callable[[QuestionResult], None] | None = None,
) -> EvalRun:
    """Evaluate ``dataset`` under ``config``; see the module docstring."""
    settings = config.apply(base_settings)
    if embedder is None:
        from service.backends.embedders import get_embedder

        embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    key = index_key(dataset, embedder)
    index_home = cache_dir / "indexes" / key
    (index_home / "index").mkdir(parents=True, exist_ok=True)
    ingest_settings = settings.model_copy(update={"data_dir": index_home, "embedding_cache_dir": cache_dir})
    source = corpus_source(dataset, cache_dir)
    index_info = ensure_index(dataset, ingest_settings, embedder, progress=progress, source=source)
    warnings = list(dataset.warnings)
    warnings += [f"导入失败：{f['path']}（{f['message']}）" for f in index_info.get("failures", [])]

    questions = dataset.questions[:limit] if limit else dataset.questions
    results: list[QuestionResult] = []
    with tempfile.TemporaryDirectory(prefix="study-eval-") as tmp:
        run_dir = Path(tmp)
        (run_dir / "index").symlink_to(index_home / "index", target_is_directory=True)
        run_settings = settings.model_copy(update={"data_dir": run_dir, "embedding_cache_dir": cache_dir})
        container = Container(settings=run_settings, embedder_override=embedder)
        index = container.index_manager.current()
        doc_texts = document_texts(dataset)
        for doc in index.documents():
            try:
                doc_texts[doc.doc_id] = index.document_text(doc.doc_id)
            except StudyError:
                continue
        for q in tqdm(questions, desc=f"评测 {dataset.name}/{config.name}", unit="题", disable=not progress):
            results.append(_run_one(container, config, q, doc_texts))
            if on_result is not None:
                on_result(results[-1])
        # curated answers (标注回复) next to the dataset: the same answers scored with them as well
        curated = (
            curated_effect.load_specs(dataset.root / curated_effect.CURATED_FILE) if config.answer else []
        )
        if curated:
            curated_metrics, curated_warnings = curated_effect.measure(
                container, results, curated, lambda r: score_question(r, doc_texts), aggregate
            )
            warnings += curated_warnings

    metrics: dict[str, Any] = dict(aggregate(results))
    if curated:
        metrics.update(curated_metrics)
    metrics.update(
        {
            "n_questions": len(results),
            "n_answerable": sum(r.question.answerable for r in results),
            "n_errors": sum(r.error is not None for r in results),
            "dataset": dataset.name,
            "dataset_hash": dataset.corpus_hash()[:16],
            "config": config.name,
            "config.retrieval_leg": config.retrieval_leg,
            "config.fusion": settings.fusion,
            "config.lexical_weight": settings.lexical_weight,
            "config.dense_weight": settings.dense_weight,
            "config.candidate_k": settings.candidate_k,
            "config.top_k": settings.top_k,
            "config.refusal_threshold": settings.refusal_threshold,
            "learned_models": learned_models(settings),
            "embedder": embedder.name,
            "llm_model": settings.llm_model if settings.llm_enabled else None,
            "answer_mode": _answer_mode(results),
            "prompt_versions": prompt_versions_label(settings.prompts_dir),
            "index_key": key,
            "n_docs": index_info.get("n_docs"),
            "git_commit": git_commit(),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    return EvalRun(metrics=metrics, results=results, tags=by_tag(results), warnings=warnings)


def _answer_mode(results: Iterable[QuestionResult]) -> str | None:
    modes = sorted({r.answer.mode for r in results if r.answer is not None})
    return ",".join(modes) or None


def _run_one(
    container: Container, config: EvalConfig, q: Question, doc_texts: dict[str, str]
) -> QuestionResult:
    query = _resolved_query(q)
    t0 = time.perf_counter()
    hits = _search(container, config, query)
    result = QuestionResult(question=q, query=query, hits=hits, search_ms=(time.perf_counter() - t0) * 1000)
    if config.answer:
        try:
            result.answer, result.ask_ms = _ask(container, q)
        except StudyError as exc:  # e.g. question_too_long in an external dataset: record, go on
            result.error = f"{exc.code}: {exc.message}"
    result.metrics = score_question(result, doc_texts)
    return result
