"""Write an evaluation run to disk: ``metrics.json``, ``results.jsonl``, ``by_tag.json``, ``report.md`` and
``report.html`` (charts embedded as base64 PNG, so the HTML is one self-contained file to mail or attach);
and the side-by-side table + chart of ``study eval compare``.

Charts: recall@k curve, per-tag bars, latency distribution. matplotlib runs headless (Agg); a CJK font
is used when one is installed, otherwise labels stay ASCII-safe (metric keys and tags are English).
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.evals import metrics as m
from service.evals.curated_effect import COMPARED as CURATED_COMPARED
from service.evals.runner import HEADLINE_KEYS, METRIC_KEYS, EvalRun, QuestionResult

CURVE_KS = (1, 2, 3, 5, 10, 20, 50, 100)
_CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "SimHei", "Microsoft YaHei"]


# File names of the CJK fonts in _CJK_FONTS as Debian installs them (fonts-wqy-microhei, fonts-noto-cjk).
_CJK_FONT_FILES = ("wqy-microhei", "wqy-zenhei", "NotoSansCJK", "NotoSansSC")


def _register_cjk_fonts() -> None:
    """Make an installed CJK font known to matplotlib even when its font cache predates the font.

    matplotlib caches the system font list once (``~/.cache/matplotlib``); a font installed later (``make
    setup`` installs fonts-wqy-microhei) stays unknown and charts show boxes for Chinese labels."""
    from matplotlib import font_manager

    if any(f.name in _CJK_FONTS for f in font_manager.fontManager.ttflist):
        return
    for path in font_manager.findSystemFonts():
        if any(key in path for key in _CJK_FONT_FILES):
            font_manager.fontManager.addfont(path)


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _register_cjk_fonts()
    plt.rcParams["font.sans-serif"] = [*_CJK_FONTS, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    _plt().close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def recall_curve(run: EvalRun) -> dict[int, float | None]:
    """Mean recall@k over answerable questions for the curve's k values (from the stored rankings)."""
    curve: dict[int, float | None] = {}
    for k in CURVE_KS:
        curve[k] = m.mean(
            m.recall_at_k([h.doc_id for h in r.hits], r.question.gold_doc_ids, k)
            for r in run.results
            if r.question.answerable
        )
    return curve


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def chart_recall(curves: dict[str, dict[int, float | None]]) -> str:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3.6))
    for name, curve in curves.items():
        ks = [k for k, v in curve.items() if v is not None]
        ax.plot(ks, [curve[k] for k in ks], marker="o", label=name)
    ax.set_xscale("log")
    ax.set_xticks(list(CURVE_KS), [str(k) for k in CURVE_KS])
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k")
    ax.set_title("召回率曲线 recall@k")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    return _png(fig)


def chart_tags(tags: dict[str, dict[str, float | None]]) -> str:
    plt = _plt()
    names = sorted(t for t in tags if t != "all")
    fig, ax = plt.subplots(figsize=(max(6, 0.55 * len(names)), 3.6))
    width = 0.4
    xs = range(len(names))
    for offset, key in ((-width / 2, "retrieval.recall@5"), (width / 2, "answer.refusal_accuracy")):
        vals = [tags[t].get(key) or 0.0 for t in names]
        ax.bar([x + offset for x in xs], vals, width, label=key)
    ax.set_xticks(list(xs), names, rotation=40, ha="right", fontsize=8)
    ax.set_ylim(0, 1.2)
    ax.set_title("按题型 per tag")
    ax.legend(fontsize=8, loc="upper center", ncol=2, framealpha=0.9)
    ax.grid(axis="y", alpha=0.3)
    return _png(fig)


def chart_latency(run: EvalRun) -> str:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3.2))
    search = [r.search_ms for r in run.results]
    ask = [r.ask_ms for r in run.results if r.ask_ms is not None]
    ax.hist([search, ask] if ask else [search], bins=30, label=["search"] + (["ask"] if ask else []))
    ax.set_xlabel("ms")
    ax.set_title("延迟分布 latency")
    ax.legend(fontsize=8)
    return _png(fig)


def write_run(out_dir: Path, run: EvalRun) -> None:
    """All files of one run (see module docstring)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(
        json.dumps(run.metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as f:
        for r in run.results:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    (out_dir / "by_tag.json").write_text(json.dumps(run.tags, ensure_ascii=False, indent=2), encoding="utf-8")
    curve = recall_curve(run)
    charts = {
        "recall": chart_recall({str(run.metrics["config"]): curve}),
        "tags": chart_tags(run.tags),
        "latency": chart_latency(run),
    }
    (out_dir / "report.md").write_text(render_markdown(run), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(run, charts), encoding="utf-8")


def _metric_rows(metrics: dict[str, Any]) -> list[tuple[str, str]]:
    return [(k, _fmt(metrics.get(k))) for k in METRIC_KEYS]


def _about(metrics: dict[str, Any]) -> list[tuple[str, str]]:
    keys = (
        "dataset",
        "n_questions",
        "n_answerable",
        "n_errors",
        "config",
        "config.retrieval_leg",
        "config.fusion",
        "learned_models",
        "embedder",
        "answer_mode",
        "llm_model",
        "prompt_versions",
        "git_commit",
        "created_at",
    )
    return [(k, _fmt(metrics.get(k))) for k in keys]


FAILING_ANSWER_CHARS = 800  # answer text shown per failing question (the full text is in results.jsonl)


def _headline(metrics: dict[str, Any]) -> list[tuple[str, str]]:
    return [(k, _fmt(metrics.get(k))) for k in HEADLINE_KEYS if metrics.get(k) is not None]


def _question_text(r: QuestionResult) -> str:
    """The scored question, with earlier turns of its conversation before it."""
    q = r.question
    if not q.turns:
        return q.question
    return " → ".join([*q.turns, q.question])


def _answer_text(r: QuestionResult) -> str:
    if r.answer is None:
        return r.error or "（无回答）"
    prefix = "【拒答】" if r.answer.refused else ""
    text = prefix + r.answer.answer
    cited = ", ".join(dict.fromkeys(f"{c.doc_id} {c.locator}".strip() for c in r.answer.citations))
    if len(text) > FAILING_ANSWER_CHARS:
        text = text[:FAILING_ANSWER_CHARS] + "……"
    return text + (f"（引用：{cited}）" if cited else "")


def failing(run: EvalRun) -> list[tuple[str, str, str, str, str]]:
    """Every question failing the answer checks: ``(id, question, reason, missing spans, answer given)``."""
    rows = []
    for r in run.results:
        reason = r.failure()
        if reason is None:
            continue
        missing = "；".join(r.missing_spans())
        rows.append((r.question.id, _question_text(r), reason, missing, _answer_text(r)))
    return rows


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _worst(run: EvalRun, n: int = 10) -> list[tuple[str, str, str]]:
    """Answerable questions whose gold documents were not in the top 10, for error analysis."""
    rows = []
    for r in run.results:
        if r.question.answerable and r.metrics.get("retrieval.recall@10") == 0.0:
            top = ", ".join(m.dedupe_doc_ids(h.doc_id for h in r.hits)[:3])
            rows.append((r.question.id, r.question.question, top))
    return rows[:n]


def render_markdown(run: EvalRun) -> str:
    mt = run.metrics
    lines = [f"# 评测报告：{mt['dataset']} / {mt['config']}", ""]
    lines += ["| 项目 | 值 |", "|---|---|", *(f"| {k} | {v} |" for k, v in _about(mt)), ""]
    headline = _headline(mt)
    if headline:
        lines += [
            "## 核心指标",
            "",
            "| 指标 | 值 |",
            "|---|---|",
            *(f"| {k} | {v} |" for k, v in headline),
            "",
        ]
    lines += [
        "## 指标",
        "",
        "| 指标 | 值 |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in _metric_rows(mt)),
        "",
    ]
    lines += [
        "## 按题型",
        "",
        "| 标签 | 题数 | recall@5 | mrr@10 | 拒答准确率 | 字符 F1 | 回答正确率 |",
        "|---|---|---|---|---|---|---|",
    ]
    for tag, row in sorted(run.tags.items()):
        lines.append(
            f"| {tag} | {int(row['n'] or 0)} | {_fmt(row['retrieval.recall@5'])} | {_fmt(row['retrieval.mrr@10'])}"
            f" | {_fmt(row['answer.refusal_accuracy'])} | {_fmt(row['answer.char_f1'])}"
            f" | {_fmt(row.get('answer.correct'))} |"
        )
    if "curated.n_answers" in mt:
        lines += [
            "",
            f"## 标注回复效果（{mt['curated.n_answers']} 条，命中 {mt['curated.matched']} 题，"
            f"其中不可回答题 {mt['curated.matched_unanswerable']} 题）",
            "",
            "| 指标 | 不用标注回复 | 使用标注回复 |",
            "|---|---|---|",
            *(f"| {k} | {_fmt(mt.get(k))} | {_fmt(mt.get('curated.with.' + k))} |" for k in CURATED_COMPARED),
        ]
    fails = failing(run)
    if fails:
        lines += [
            "",
            f"## 未通过的问题（{len(fails)} 题）",
            "",
            "| id | 问题 | 原因 | 缺少的片段 | 给出的回答 |",
            "|---|---|---|---|---|",
        ]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in fails]
    worst = _worst(run)
    if worst:
        lines += [
            "",
            "## 前 10 未命中标准文档的问题（节选）",
            "",
            "| id | 问题 | 检索到的前 3 篇 |",
            "|---|---|---|",
        ]
        lines += [f"| {i} | {q} | {top} |" for i, q, top in worst]
    if run.warnings:
        lines += ["", "## 警告", "", *(f"- {w}" for w in run.warnings[:50])]
    return "\n".join(lines) + "\n"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = (
    "body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;max-width:960px;margin:2em auto;"
    "padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
    "padding:4px 8px;text-align:left;font-size:14px}th{background:#f4f4f4}img{max-width:100%}"
)


def render_html(run: EvalRun, charts: dict[str, str]) -> str:
    mt = run.metrics
    title = f"评测报告：{mt['dataset']} / {mt['config']}"
    tag_rows = [
        [
            tag,
            str(int(row["n"] or 0)),
            _fmt(row["retrieval.recall@5"]),
            _fmt(row["retrieval.mrr@10"]),
            _fmt(row["answer.refusal_accuracy"]),
            _fmt(row["answer.char_f1"]),
            _fmt(row.get("answer.correct")),
        ]
        for tag, row in sorted(run.tags.items())
    ]
    headline = _headline(mt)
    parts = [
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
        f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>",
        _table(["项目", "值"], _about(mt)),
        *(["<h2>核心指标</h2>", _table(["指标", "值"], headline)] if headline else []),
        "<h2>指标</h2>",
        _table(["指标", "值"], _metric_rows(mt)),
        f"<h2>召回率曲线</h2><img alt='recall@k' src='data:image/png;base64,{charts['recall']}'>",
        "<h2>按题型</h2>",
        _table(["标签", "题数", "recall@5", "mrr@10", "拒答准确率", "字符 F1", "回答正确率"], tag_rows),
        f"<img alt='per tag' src='data:image/png;base64,{charts['tags']}'>",
        f"<h2>延迟</h2><img alt='latency' src='data:image/png;base64,{charts['latency']}'>",
    ]
    if "curated.n_answers" in mt:
        parts += [
            f"<h2>标注回复效果（{mt['curated.n_answers']} 条，命中 {mt['curated.matched']} 题，"
            f"其中不可回答题 {mt['curated.matched_unanswerable']} 题）</h2>",
            _table(
                ["指标", "不用标注回复", "使用标注回复"],
                [[k, _fmt(mt.get(k)), _fmt(mt.get("curated.with." + k))] for k in CURATED_COMPARED],
            ),
        ]
    fails = failing(run)
    if fails:
        parts += [
            f"<h2>未通过的问题（{len(fails)} 题）</h2>",
            _table(["id", "问题", "原因", "缺少的片段", "给出的回答"], fails),
        ]
    worst = _worst(run)
    if worst:
        parts += [
            "<h2>前 10 未命中标准文档的问题（节选）</h2>",
            _table(["id", "问题", "检索到的前 3 篇"], worst),
        ]
    if run.warnings:
        parts += ["<h2>警告</h2><ul>", *(f"<li>{html.escape(w)}</li>" for w in run.warnings[:50]), "</ul>"]
    parts.append("</body></html>")
    return "\n".join(parts)


COMPARE_KEYS = (
    "answer.correct",
    "answer.unanswerable_refusal_rate",
    "retrieval.recall@1",
    "retrieval.recall@5",
    "retrieval.recall@10",
    "retrieval.recall@100",
    "retrieval.mrr@10",
    "retrieval.ndcg@10",
    "retrieval.span_hit@5",
    "answer.refusal_accuracy",
    "answer.char_f1",
    "latency.search_p50_ms",
)


def write_comparison(out_dir: Path, runs: Sequence[EvalRun]) -> str:
    """``compare.md`` (one table), ``compare.json`` and ``compare.png`` (one chart); returns the table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    header = "| 配置 | 嵌入模型 | " + " | ".join(COMPARE_KEYS) + " |"
    rows = [header, "|" + "---|" * (len(COMPARE_KEYS) + 2)]
    for run in runs:
        mt = run.metrics
        rows.append(
            f"| {mt['config']} | {mt['embedder']} | "
            + " | ".join(_fmt(mt.get(k)) for k in COMPARE_KEYS)
            + " |"
        )
    table = "\n".join(rows)
    dataset = runs[0].metrics["dataset"] if runs else ""
    n = runs[0].metrics["n_questions"] if runs else 0
    (out_dir / "compare.md").write_text(
        f"# 检索配置对比：{dataset}（{n} 题）\n\n{table}\n\n![recall@k](compare.png)\n", encoding="utf-8"
    )
    (out_dir / "compare.json").write_text(
        json.dumps([r.metrics for r in runs], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    png = chart_recall({str(r.metrics["config"]): recall_curve(r) for r in runs})
    (out_dir / "compare.png").write_bytes(base64.b64decode(png))
    return table
