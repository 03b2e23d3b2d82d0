"""Quiz figures of the real generator over the 党章: validity, yield and agreement with the hand-checked
reference set (``service/evals/quiz.py``, the one implementation ``study eval quiz`` uses too)."""

from __future__ import annotations

from quiz_corpus import constitution_chunks

from service.config import REPO_ROOT
from service.evals.quiz import agreement, key_texts, read_items, validity
from service.quiz.distractors import DistractorPool
from service.quiz.generate import generate_quiz
from service.quiz.items import QuizRequest
from service.quiz.validate import validate_item
from service.schemas import QuizItem

CHUNKS = constitution_chunks()
TEXTS = {c.chunk_id: c.text for c in CHUNKS}
REFERENCE = read_items(REPO_ROOT / "eval" / "datasets" / "quiz_reference.jsonl")


def _against_source(item: QuizItem) -> list[str]:
    return validate_item(item, TEXTS.get(item.source.chunk_id or ""))


def test_reference_set_is_valid_against_the_constitution() -> None:
    assert len(REFERENCE) >= 20
    by_no = {c.article_no: c.text for c in CHUNKS}
    for item in REFERENCE:
        article = int((item.source.chunk_id or "").rsplit("#a", 1)[1])
        assert validate_item(item, by_no[article]) == [], item.stem


def test_validity_and_agreement_of_generated_items() -> None:
    result = generate_quiz(
        QuizRequest(count=90, seed=1), CHUNKS, CHUNKS, pool=DistractorPool.from_chunks(CHUNKS)
    )
    figures = validity(result.items, _against_source, result.dropped)
    assert figures["quiz.n_items"] == len(result.items) == 90
    assert figures["quiz.n_invalid"] == 0 and figures["quiz.validity_rate"] == 1.0
    assert figures["quiz.yield_rate"] == 90 / (90 + sum(result.dropped.values()))
    assert set(figures["quiz.by_type"]) == {"single", "multiple", "judge", "blank"}
    assert agreement(result.items, REFERENCE)["quiz.answer_agreement"] >= 0.5
    assert agreement([], REFERENCE)["quiz.answer_agreement"] == 0.0
    assert agreement(REFERENCE, REFERENCE) == {
        "quiz.n_reference": len(REFERENCE),
        "quiz.source_coverage": 1.0,
        "quiz.answer_agreement": 1.0,
    }


def test_invalid_returned_items_are_counted() -> None:
    bad = REFERENCE[0].model_copy(update={"answer": "两年"})
    figures = validity([bad], lambda item: validate_item(item), {"answer_leaked": 3})
    assert figures["quiz.n_invalid"] == 1 and figures["quiz.validity_rate"] == 0.0
    assert figures["quiz.yield_rate"] == 0.25  # 1 returned of 4 attempted
    assert figures["quiz.problems"] == {"key_not_supported": 1}
    assert figures["quiz.dropped_by_reason"] == {"answer_leaked": 3}


def test_key_texts() -> None:
    # 党章第四十条: "政治纪律、组织纪律、（　）" over 廉洁/群众/财经/工作/生活纪律, answer ABDE
    discipline = next(i for i in REFERENCE if i.type == "multiple" and "第四十条" in i.stem)
    assert key_texts(discipline) == {"廉洁纪律", "群众纪律", "工作纪律", "生活纪律"}
    blank = next(i for i in REFERENCE if i.type == "blank" and "预备期" in i.stem)
    assert key_texts(blank) == {"一年"}
