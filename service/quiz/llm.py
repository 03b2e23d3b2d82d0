"""LLM quiz generation when a chat model is configured: same item model, same validators, rules as fallback.

The model sees a seeded sample of the scoped passages (``prompts/quiz.v2.md``) and must answer with JSON.
Each returned item is rebuilt as a ``QuizItem`` whose source is the passage it names and whose quote it
must copy verbatim; anything unparsable or invalid is dropped and counted. A failing model (timeout,
backend error, no JSON) never fails the request: ``generate_quiz`` fills up with rule-based items.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from service.backends.base import ChatModel
from service.errors import StudyError
from service.quiz.items import QuizRequest, explanation_for, item_id
from service.quiz.validate import validate_item
from service.rag.prompts import load_prompt, passage
from service.schemas import Chunk, QuizItem, QuizSource

log = logging.getLogger(__name__)

MAX_PASSAGES = 8
MAX_PASSAGE_CHARS = 1200
_JSON_RE = re.compile(r"\{.*\}", re.S)


def _passages(chunks: list[Chunk], seed: int) -> list[Chunk]:
    if len(chunks) <= MAX_PASSAGES:
        return list(chunks)
    picked = random.Random(seed).sample(range(len(chunks)), MAX_PASSAGES)
    return [chunks[i] for i in sorted(picked)]


def parse_items(raw: str) -> list[dict[str, Any]]:
    """The ``items`` list of the model's JSON answer (code fences and chatter around it are ignored)."""
    m = _JSON_RE.search(raw)
    if not m:
        raise ValueError("no JSON object in the model output")
    data = json.loads(m.group(0))
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError("JSON without an items list")
    return [i for i in items if isinstance(i, dict)]


def to_item(raw: dict[str, Any], passages: list[Chunk]) -> QuizItem:
    """Build a ``QuizItem`` from one model item; raises ``ValueError`` when it cannot be placed."""
    n = int(raw.get("passage", 0))
    if not 1 <= n <= len(passages):
        raise ValueError("passage number out of range")
    chunk = passages[n - 1]
    type_ = raw.get("type")
    answer = raw.get("answer")
    if type_ == "judge" and isinstance(answer, str):
        answer = {"true": True, "false": False, "正确": True, "错误": False}.get(
            answer.strip().lower(), answer
        )
    if type_ in ("single", "multiple") and isinstance(answer, list):
        answer = "".join(str(a) for a in answer)
    options = raw.get("options") if type_ in ("single", "multiple") else None
    stem = str(raw.get("stem", "")).strip()
    quote = str(raw.get("quote", "")).strip()
    explanation = str(raw.get("explanation") or "").strip()
    if quote and quote not in explanation:
        explanation = explanation_for(chunk.title, chunk.locator, quote)
    difficulty = raw.get("difficulty") if raw.get("difficulty") in ("easy", "medium", "hard") else "medium"
    try:
        return QuizItem(
            id=item_id(str(type_), stem, options, answer),
            type=type_,  # type: ignore[arg-type]
            stem=stem,
            options=options,
            answer=answer,  # type: ignore[arg-type]
            explanation=explanation,
            difficulty=difficulty,  # type: ignore[arg-type]
            source=QuizSource(
                doc_id=chunk.doc_id,
                title=chunk.title,
                locator=chunk.locator,
                quote=quote,
                chunk_id=chunk.chunk_id,
                chapter=chunk.chapter_path[-1] if chunk.chapter_path else None,
            ),
            generator="llm",
        )
    except ValidationError as exc:
        raise ValueError("item does not fit the quiz item model") from exc


def generate_with_llm(
    request: QuizRequest,
    chunks: list[Chunk],
    llm: ChatModel,
    seed: int,
    texts: dict[str, str],
    *,
    timeout_s: float,
    prompts_dir: Path,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[list[QuizItem], Counter[str]]:
    """Items the model writes, each checked like a rule item: ``validate_item`` (correct against its
    source) and the exam-ready rules of ``quality.py`` (``documents``: doc_id -> manifest metadata, for
    the version a stem must name); dropped ones are counted by reason."""
    from service.quiz.generate import version_names
    from service.quiz.quality import quality_problems

    versions = version_names(documents or {})
    dropped: Counter[str] = Counter()
    passages = _passages(chunks, seed)
    prompt = load_prompt("quiz", prompts_dir)
    messages = prompt.render(
        count=request.count,
        types=list(request.types),
        difficulty=request.difficulty,
        passages=[
            passage(
                i,
                c.title,
                c.locator + (f"（{versions[c.doc_id]}，题干须写明版本）" if c.doc_id in versions else ""),
                c.text[:MAX_PASSAGE_CHARS],
            )
            for i, c in enumerate(passages, start=1)
        ],
    )
    try:
        raw_items = parse_items(llm.complete(messages, timeout_s=timeout_s))
    except (StudyError, ValueError, TimeoutError, OSError) as exc:
        log.warning("LLM quiz generation failed, falling back to rules: %s", type(exc).__name__)
        dropped["llm_failed"] += 1
        return [], dropped
    items: list[QuizItem] = []
    seen: set[str] = set()
    for raw in raw_items:
        try:
            item = to_item(raw, passages)
        except (ValueError, TypeError):
            dropped["llm_unparsable"] += 1
            continue
        if item.type not in request.types:
            dropped["llm_off_request"] += 1
            continue
        if item.id in seen:
            dropped["llm_duplicate"] += 1
            continue
        source_text = texts.get(item.source.chunk_id or "")
        reasons = validate_item(item, source_text) or quality_problems(
            item,
            None,
            source_text,
            documents or {},
            allow_superseded=request.scope.include_superseded,
        )
        if reasons:
            dropped[reasons[0]] += 1
            continue
        seen.add(item.id)
        items.append(item)
        if len(items) >= request.count:
            break
    return items, dropped
