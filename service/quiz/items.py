"""Request/result types of quiz generation and the helpers every generator shares.

Item ids are a hash of the item's content (type, stem, options, answer), never of run order or time, so
the same seed and scope give the same ids and the question bank recognises an item it already holds.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Literal

from pydantic import BaseModel, Field

from service.schemas import QuizItem, QuizType

Difficulty = Literal["easy", "medium", "hard"]
ALL_TYPES: tuple[QuizType, ...] = ("single", "multiple", "judge", "blank")
BLANK = "____"
CHOICE_GAP = "（　）"
LETTERS = "ABCDEF"
TYPE_LABELS: dict[str, str] = {"single": "单选题", "multiple": "多选题", "judge": "判断题", "blank": "填空题"}
DIFFICULTY_LABELS: dict[str, str] = {"easy": "易", "medium": "中", "hard": "难"}

# A stem may open with a lead-in naming its source ("根据《中国共产党章程》第七条，"); validators look past it.
# The lead-in may name the version of a work held in several versions ("根据2023年版《……》第三十条，").
LEAD_IN_RE = re.compile(r"^(?:根据|依据)(?:\d{4}年版)?《[^》]{1,60}》[^，,。]{0,60}?[，,]")


class QuizScope(BaseModel):
    """What the items are about. Empty scope means the whole knowledge base."""

    doc_ids: list[str] | None = Field(default=None, description="限定文档 id")
    query: str | None = Field(default=None, max_length=200, description="检索词：围绕检索到的片段出题")
    locators: list[str] | None = Field(default=None, description="限定条款，如 第三十二条 或 第32条")
    include_superseded: bool = Field(
        default=False, description="也从已被修订或已失效的旧版本出题（默认只用现行版本）"
    )


class QuizRequest(BaseModel):
    scope: QuizScope = Field(default_factory=QuizScope)
    count: int = Field(default=10, ge=1, le=100, description="题目数量")
    types: list[QuizType] = Field(default_factory=lambda: list(ALL_TYPES), min_length=1)
    difficulty: Difficulty | None = Field(default=None, description="优先生成该难度的题目")
    seed: int | None = Field(
        default=None, ge=-(2**63), le=2**63 - 1, description="相同的 seed 和范围生成相同的题目"
    )


class QuizResult(BaseModel):
    items: list[QuizItem]
    dropped: dict[str, int] = Field(default_factory=dict)  # validator reason -> count of discarded items
    seed: int
    generator: str = "rules"


def item_id(type_: str, stem: str, options: list[str] | None, answer: object) -> str:
    """Stable id from content: identical items get identical ids across runs and machines."""
    payload = json.dumps([type_, stem, options or [], answer], ensure_ascii=False, sort_keys=True)
    return "q-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def letters_for(indices: list[int]) -> list[str]:
    return [LETTERS[i] for i in sorted(indices)]


def answer_letters(answer: str | list[str] | bool) -> list[str]:
    """Letters of a choice item's answer, whether stored as "ABD", ["A", "B", "D"] or "A"."""
    if isinstance(answer, bool):
        return []
    raw = "".join(answer) if isinstance(answer, list) else answer
    return [ch for ch in raw.upper() if ch in LETTERS]


def strip_lead_in(stem: str) -> str:
    return LEAD_IN_RE.sub("", stem, count=1)


def source_label(title: str, locator: str, version: str = "") -> str:
    """《中国共产党章程》第七条 — the 出处 column and the explanation's prefix; ``version`` (2023年版)
    goes before the title for a work the knowledge base holds in several versions."""
    return f"{version}《{title}》{locator}"


def explanation_for(title: str, locator: str, quote: str, version: str = "") -> str:
    return f"依据{source_label(title, locator, version)}：“{quote}”"
