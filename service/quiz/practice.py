"""Practice for members: draw approved items on a topic or document, check an answer, keep a 错题本.

The same functions serve the API (``/v1/practice/*``) and any other client. An item is drawn *without* its
key, explanation or quote (``PracticeItem``); the key is only revealed by ``check_answer``, together with
the explanation and the cited source, so the widget cannot show the answer before the member answers.
Only approved bank items are practised: a trainer has read them.
"""

from __future__ import annotations

import json
import random
import re

from pydantic import BaseModel, Field

from service.errors import BankItemNotFound, InvalidInput, PracticeItemNotFound
from service.quiz.items import LETTERS, TYPE_LABELS, answer_letters
from service.schemas import QuizItem, QuizSource, QuizType
from service.store.bank import QuestionBank
from service.store.practice import PracticeStore
from service.text.normalize import normalize_quote

LEARNER_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_DRAW = 20


class PracticeItem(BaseModel):
    """An item as a member sees it before answering: no key, no explanation."""

    id: str
    type: QuizType
    type_label: str
    stem: str
    options: list[str] | None = None
    doc_id: str
    title: str


class AnswerResult(BaseModel):
    item_id: str
    correct: bool
    answer: str = Field(description="正确答案：字母（如 ABD）、正确/错误或填空答案")
    your_answer: str
    explanation: str
    source: QuizSource


class MistakeEntry(BaseModel):
    item: PracticeItem
    answer: str
    explanation: str
    source: QuizSource
    answered_at: float


class TopicProgress(BaseModel):
    doc_id: str
    title: str
    answered: int
    correct: int
    rate: float = Field(description="正确率 0–1")
    available: int = Field(description="该主题可练习的题目数")


class Topic(BaseModel):
    doc_id: str
    title: str
    count: int


def check_learner(learner: str) -> str:
    """The learner id the client keeps (8–64 of A–Z a–z 0–9 _ -), else ``InvalidInput``."""
    if not LEARNER_RE.match(learner or ""):
        raise InvalidInput("学员标识无效：应为 8–64 位字母、数字、下划线或连字符。")
    return learner


def public(item: QuizItem) -> PracticeItem:
    return PracticeItem(
        id=item.id,
        type=item.type,
        type_label=TYPE_LABELS[item.type],
        stem=item.stem,
        options=list(item.options) if item.options else None,
        doc_id=item.source.doc_id,
        title=item.source.title,
    )


def key_of(item: QuizItem) -> str:
    """The key as a member reads it: ABD, 正确/错误, or the blank's text."""
    if item.type == "judge":
        return "正确" if item.answer is True else "错误"
    if item.type in ("single", "multiple"):
        return "".join(answer_letters(item.answer))
    return str(item.answer)


def _approved(bank: QuestionBank) -> list[QuizItem]:
    return [e.item for e in bank.list(status="approved", limit=1_000_000)]


def topics(bank: QuestionBank) -> list[Topic]:
    """Documents with approved items, for the topic picker."""
    counts: dict[str, Topic] = {}
    for item in _approved(bank):
        t = counts.setdefault(
            item.source.doc_id, Topic(doc_id=item.source.doc_id, title=item.source.title, count=0)
        )
        t.count += 1
    return sorted(counts.values(), key=lambda t: (-t.count, t.doc_id))


def draw(
    bank: QuestionBank,
    store: PracticeStore,
    learner: str,
    *,
    doc_id: str | None = None,
    topic: str | None = None,
    count: int = 5,
    seed: int | None = None,
) -> list[PracticeItem]:
    """Up to ``count`` approved items of a document (``doc_id``) or about a topic (a word in the stem,
    title or chapter), items the learner has not answered yet first, then their wrong ones."""
    check_learner(learner)
    if not 1 <= count <= MAX_DRAW:
        raise InvalidInput(f"每次练习题数应为 1–{MAX_DRAW}。")
    items = _approved(bank)
    if doc_id:
        items = [i for i in items if i.source.doc_id == doc_id]
    if topic and topic.strip():
        t = normalize_quote(topic.strip())
        items = [
            i
            for i in items
            if t in normalize_quote(i.stem + i.source.title + (i.source.chapter or "") + i.source.locator)
        ]
    latest = {r.item_id: r.correct for r in store.latest(learner)}
    rng = random.Random(seed)
    fresh = [i for i in items if i.id not in latest]
    wrong = [i for i in items if latest.get(i.id) is False]
    rng.shuffle(fresh)
    rng.shuffle(wrong)
    return [public(i) for i in [*fresh, *wrong][:count]]


def _normalise_answer(item: QuizItem, answer: str | bool | list[str]) -> str:
    if item.type == "judge":
        if isinstance(answer, bool):
            return "正确" if answer else "错误"
        text = str(answer).strip()
        if text in ("正确", "对", "true", "True", "T", "√"):
            return "正确"
        if text in ("错误", "错", "false", "False", "F", "×"):
            return "错误"
        raise InvalidInput("判断题的答案应为“正确”或“错误”。")
    if item.type in ("single", "multiple"):
        letters = sorted(set(answer_letters(answer if not isinstance(answer, bool) else "")))
        n = len(item.options or [])
        if not letters or any(LETTERS.index(ch) >= n for ch in letters):
            raise InvalidInput("请选择选项（如 A 或 ABD）。")
        if item.type == "single" and len(letters) != 1:
            raise InvalidInput("单选题只能选一个选项。")
        return "".join(letters)
    text = str(answer).strip()
    if not text:
        raise InvalidInput("请填写答案。")
    return text


def _same_blank(given: str, key: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\s\W_“”]+", "", normalize_quote(s))

    return norm(given) == norm(key)


def check_answer(
    bank: QuestionBank, store: PracticeStore, learner: str, item_id: str, answer: str | bool | list[str]
) -> AnswerResult:
    """Check ``answer`` against an approved item, record it for the learner and reveal key, explanation
    and source. Raises ``PracticeItemNotFound`` (404) for an unknown or unapproved item."""
    check_learner(learner)
    try:
        entry = bank.get(item_id)
    except BankItemNotFound:
        raise PracticeItemNotFound() from None
    if entry.status != "approved":
        raise PracticeItemNotFound()
    item = entry.item
    given = _normalise_answer(item, answer)
    key = key_of(item)
    correct = _same_blank(given, key) if item.type == "blank" else given == key
    store.record(learner, item.id, item.source.doc_id, correct, json.dumps(given, ensure_ascii=False))
    return AnswerResult(
        item_id=item.id,
        correct=correct,
        answer=key,
        your_answer=given,
        explanation=item.explanation,
        source=item.source,
    )


def mistakes(bank: QuestionBank, store: PracticeStore, learner: str) -> list[MistakeEntry]:
    """The 错题本: items whose latest answer was wrong, most recent first, with key and source."""
    check_learner(learner)
    out: list[MistakeEntry] = []
    for record in store.latest(learner):
        if record.correct:
            continue
        try:
            entry = bank.get(record.item_id)
        except Exception:
            continue
        item = entry.item
        out.append(
            MistakeEntry(
                item=public(item),
                answer=key_of(item),
                explanation=item.explanation,
                source=item.source,
                answered_at=record.answered_at,
            )
        )
    return out


def progress(bank: QuestionBank, store: PracticeStore, learner: str) -> list[TopicProgress]:
    """Per document: answers given, right answers, correct rate, and how many items there are."""
    check_learner(learner)
    available = {t.doc_id: t for t in topics(bank)}
    out = []
    for doc_id, (n, ok) in sorted(store.counts_by_doc(learner).items()):
        t = available.get(doc_id)
        out.append(
            TopicProgress(
                doc_id=doc_id,
                title=t.title if t else doc_id,
                answered=n,
                correct=ok,
                rate=round(ok / n, 3) if n else 0.0,
                available=t.count if t else 0,
            )
        )
    return out
