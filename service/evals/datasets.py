"""Evaluation datasets: directories of files, validated on load with line-numbered errors.

Two layouts, so that any dataset in the published format runs without code changes:

- ``corpus.jsonl`` (``{"id", "title", "text", "metadata"?}`` per line) + ``questions.jsonl``;
- ``dataset.json`` (``{"name", "knowledge_dir": "<relative path>"}``) + ``questions.jsonl``: the corpus is
  a knowledge directory (the shipped ``knowledge/``) ingested exactly as ``study ingest`` does.

A question line is ``{"id", "question", "reference_answer"?, "gold_doc_ids": [...], "gold_spans"?: [...],
"answerable": bool, "turns"?: [...earlier user turns...], "tags"?: [...]}``, optionally with
``"required_spans": [...]`` (verbatim source substrings that a correct answer must all contain; they also
serve as gold spans when ``gold_spans`` is absent), ``"required_count": int`` (the count a 几条/几种 answer
must state), ``"expected_doc_ids": [...]`` (documents the citations must include: the right version) and
``"gold_locators": [...]`` (e.g. ``"第三条"``, ``"总纲"``: where in the gold documents the answer is).

A ``dataset.json`` may also list ``"documents"``: manifest entries (``doc_id``, ``path``, ``title``,
``type``, ...) whose ``path`` is relative to ``"corpus_root"`` (default ``../shared/corpus`` beside the
repository), for texts kept outside the repository. They complete the knowledge directory's manifest
(entries it already has win) or, without a ``knowledge_dir``, make up the whole corpus. Structural problems raise
``DatasetError`` naming file and line; references to documents missing from the corpus are collected as
warnings (the run goes on and the report lists them), because an external dataset may legitimately cite
documents outside the shipped corpus.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.errors import InvalidInput


class DatasetError(InvalidInput):
    code = "invalid_dataset"
    message = "评测数据集格式不正确。"


@dataclass(frozen=True)
class CorpusDoc:
    id: str
    title: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    gold_doc_ids: tuple[str, ...] = ()
    answerable: bool = True
    reference_answer: str | None = None
    gold_spans: tuple[str, ...] = ()
    turns: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    required_spans: tuple[str, ...] = ()
    required_count: int | None = None
    expected_doc_ids: tuple[str, ...] = ()
    gold_locators: tuple[str, ...] = ()
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "reference_answer": self.reference_answer,
            "gold_doc_ids": list(self.gold_doc_ids),
            "gold_spans": list(self.gold_spans),
            "answerable": self.answerable,
            "turns": list(self.turns),
            "tags": list(self.tags),
            "required_spans": list(self.required_spans),
            "required_count": self.required_count,
            "expected_doc_ids": list(self.expected_doc_ids),
            "gold_locators": list(self.gold_locators),
        }


@dataclass
class Dataset:
    name: str
    root: Path
    questions: list[Question]
    corpus_path: Path | None = None
    knowledge_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)
    # Manifest entries for texts outside the repository (``path`` relative to ``corpus_root``).
    documents: list[dict[str, Any]] = field(default_factory=list)
    corpus_root: Path | None = None

    def corpus_docs(self) -> Iterator[CorpusDoc]:
        """The documents of a ``corpus.jsonl`` dataset (nothing for a knowledge-dir dataset)."""
        if self.corpus_path is not None:
            yield from read_corpus(self.corpus_path)

    def corpus_hash(self) -> str:
        """Content hash of the corpus: keys the cached index, so an edited corpus gets a fresh one."""
        h = hashlib.sha256()
        if self.corpus_path is not None:
            h.update(self.corpus_path.read_bytes())
        else:
            from service.evals.sources import resolved_manifest

            for entry in resolved_manifest(self):
                h.update(json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str).encode())
                h.update(b"\0")
                h.update(Path(entry["file"]).read_bytes())
            if self.knowledge_dir is not None:
                for path in sorted(p for p in self.knowledge_dir.rglob("*") if p.is_file()):
                    h.update(str(path.relative_to(self.knowledge_dir)).encode())
                    h.update(b"\0")
                    h.update(path.read_bytes())
        return h.hexdigest()


def _err(path: Path, line: int, message: str) -> DatasetError:
    where = f"{path.name} 第{line}行" if line else path.name
    return DatasetError(
        f"评测数据集格式不正确（{where}）：{message}", detail={"file": str(path), "line": line}
    )


def _iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise _err(path, 0, "文件不是 UTF-8 编码") from exc
    for no, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _err(path, no, f"不是合法的 JSON（{exc.msg}）") from exc
        if not isinstance(record, dict):
            raise _err(path, no, "每行必须是一个 JSON 对象")
        yield no, record


def _str_id(path: Path, no: int, value: object, name: str = "id") -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
        raise _err(path, no, f"缺少字段 {name} 或其不是非空字符串")
    return str(value).strip()


def _str_list(path: Path, no: int, record: dict[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in value
    ):
        raise _err(path, no, f"字段 {key} 必须是字符串列表")
    return tuple(str(v) for v in value)


def _turns(path: Path, no: int, value: object) -> tuple[str, ...]:
    """Earlier user turns: plain strings, or objects with question/content/text (assistant turns dropped)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _err(path, no, "字段 turns 必须是列表")
    out: list[str] = []
    for turn in value:
        if isinstance(turn, str):
            text = turn
        elif isinstance(turn, dict):
            if turn.get("role", "user") != "user":
                continue
            text = next(
                (turn[k] for k in ("question", "content", "text") if isinstance(turn.get(k), str)), ""
            )
        else:
            text = ""
        if not text.strip():
            raise _err(path, no, "turns 中的每一轮必须是非空字符串或含 question/content 的对象")
        out.append(text.strip())
    return tuple(out)


def read_corpus(path: Path) -> Iterator[CorpusDoc]:
    seen: set[str] = set()
    for no, record in _iter_jsonl(path):
        doc_id = _str_id(path, no, record.get("id"))
        if doc_id in seen:
            raise _err(path, no, f"文档 id 重复：{doc_id}")
        seen.add(doc_id)
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _err(path, no, "缺少字段 text 或其为空")
        title = record.get("title")
        if title is not None and not isinstance(title, str):
            raise _err(path, no, "字段 title 必须是字符串")
        metadata = record.get("metadata") or {}
        if not isinstance(metadata, dict):
            raise _err(path, no, "字段 metadata 必须是对象")
        yield CorpusDoc(id=doc_id, title=(title or doc_id).strip(), text=text, metadata=metadata)


def read_questions(path: Path) -> list[Question]:
    questions: list[Question] = []
    seen: set[str] = set()
    for no, record in _iter_jsonl(path):
        qid = _str_id(path, no, record.get("id"))
        if qid in seen:
            raise _err(path, no, f"问题 id 重复：{qid}")
        seen.add(qid)
        text = record.get("question")
        if not isinstance(text, str) or not text.strip():
            raise _err(path, no, "缺少字段 question 或其为空")
        gold = _str_list(path, no, record, "gold_doc_ids")
        answerable = record.get("answerable", bool(gold))
        if not isinstance(answerable, bool):
            raise _err(path, no, "字段 answerable 必须是 true 或 false")
        reference = record.get("reference_answer")
        if isinstance(reference, float) and math.isnan(reference):
            reference = None  # pandas-exported datasets write a missing answer as NaN (LeCoQA does)
        if reference is not None and not isinstance(reference, str):
            raise _err(path, no, "字段 reference_answer 必须是字符串")
        spans = _str_list(path, no, record, "gold_spans")
        if any(not s.strip() for s in spans):
            raise _err(path, no, "gold_spans 中不能有空字符串")
        required = _str_list(path, no, record, "required_spans")
        if any(not s.strip() for s in required):
            raise _err(path, no, "required_spans 中不能有空字符串")
        count = record.get("required_count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
            raise _err(path, no, "字段 required_count 必须是正整数")
        questions.append(
            Question(
                id=qid,
                question=text.strip(),
                gold_doc_ids=gold if answerable else (),
                answerable=answerable,
                reference_answer=reference.strip() if reference and reference.strip() else None,
                gold_spans=(spans or required) if answerable else (),
                turns=_turns(path, no, record.get("turns")),
                tags=_str_list(path, no, record, "tags"),
                required_spans=required if answerable else (),
                required_count=count if answerable else None,
                expected_doc_ids=_str_list(path, no, record, "expected_doc_ids") if answerable else (),
                gold_locators=_str_list(path, no, record, "gold_locators") if answerable else (),
                line=no,
            )
        )
    if not questions:
        raise _err(path, 0, "没有任何问题")
    return questions


def default_corpus_root() -> Path:
    """``../shared/corpus`` beside the repository: where regulation texts live (never in the repository)."""
    from service.config import REPO_ROOT

    return REPO_ROOT.parent / "shared" / "corpus"


def _spec_documents(
    spec_path: Path, spec: dict[str, Any], root: Path
) -> tuple[list[dict[str, Any]], Path | None]:
    """The ``documents`` entries of a ``dataset.json`` and the corpus root their paths are relative to."""
    raw = spec.get("documents")
    if raw is None:
        return [], None
    if not isinstance(raw, list):
        raise _err(spec_path, 0, "documents 必须是列表")
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item[k] for k in ("doc_id", "path", "title")
        ):
            raise _err(spec_path, 0, "documents 中每一项都必须有 doc_id、path、title")
        if item["doc_id"] in seen:
            raise _err(spec_path, 0, f"documents 中文档 id 重复：{item['doc_id']}")
        seen.add(item["doc_id"])
        docs.append(dict(item))
    given = spec.get("corpus_root")
    corpus_root = (root / str(given)).resolve() if given else default_corpus_root()
    return docs, corpus_root


def load_dataset(root: Path) -> Dataset:
    """Load and validate a dataset directory (either layout)."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"评测数据集目录不存在：{root}")
    questions_path = root / "questions.jsonl"
    if not questions_path.is_file():
        raise DatasetError(f"评测数据集缺少 questions.jsonl：{root}")
    questions = read_questions(questions_path)
    name = root.name
    corpus_path: Path | None = root / "corpus.jsonl"
    knowledge_dir: Path | None = None
    documents: list[dict[str, Any]] = []
    corpus_root: Path | None = None
    spec_path = root / "dataset.json"
    if spec_path.is_file():
        try:
            spec = json.loads(spec_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise _err(spec_path, exc.lineno, f"不是合法的 JSON（{exc.msg}）") from exc
        if not isinstance(spec, dict):
            raise _err(spec_path, 0, "必须是一个 JSON 对象")
        name = str(spec.get("name") or name)
        if spec.get("knowledge_dir"):
            knowledge_dir = (root / str(spec["knowledge_dir"])).resolve()
            if not knowledge_dir.is_dir():
                raise _err(spec_path, 0, f"knowledge_dir 目录不存在：{knowledge_dir}")
            corpus_path = None
        documents, corpus_root = _spec_documents(spec_path, spec, root)
        if documents:
            corpus_path = None
    if corpus_path is not None and not corpus_path.is_file():
        raise DatasetError(f"评测数据集缺少 corpus.jsonl（或 dataset.json 中的 knowledge_dir）：{root}")
    dataset = Dataset(
        name=name,
        root=root,
        questions=questions,
        corpus_path=corpus_path,
        knowledge_dir=knowledge_dir,
        documents=documents,
        corpus_root=corpus_root,
    )
    if corpus_path is not None:
        doc_ids = {doc.id for doc in read_corpus(corpus_path)}
        for q in questions:
            missing = [d for d in q.gold_doc_ids if d not in doc_ids]
            if missing:
                dataset.warnings.append(
                    f"问题 {q.id}（第{q.line}行）的标准文档不在语料中：{', '.join(missing)}"
                )
    return dataset
