"""Quiz validity figures and agreement with the hand-checked reference set over the 党章."""

from __future__ import annotations

from quiz_corpus import constitution_chunks

from service.config import REPO_ROOT
from service.evals.quiz import read_items
from service.quiz.distractors import DistractorPool
from service.quiz.generate import generate_quiz
from service.quiz.items import QuizRequest
from service.quiz.metrics import agreement_with_reference, key_texts, quiz_validity
from service.quiz.validate import validate_item

CHUNKS = constitution_chunks()
TEXTS = {c.chunk_id: c.text for c in CHUNKS}
REFERENCE = read_items(REPO_ROOT / "eval" / "datasets" / "quiz_reference.jsonl")


def test_reference_set_is_valid_against_the_constitution() -> None:
    assert len(REFERENCE) >= 20
    by_no = {c.article_no: c.text for c in CHUNKS}
    for item in REFERENCE:
        article = int((item.source.chunk_id or "").rsplit("#a", 1)[1])
        assert validate_item(item, by_no[article]) == [], item.stem


def test_validity_and_agreement_of_generated_items() -> None:
    result = generate_quiz(
        QuizRequest(count=100, seed=1), CHUNKS, CHUNKS, pool=DistractorPool.from_chunks(CHUNKS)
    )
    figures = quiz_validity(result.items, result.dropped, lambda i: TEXTS.get(i.source.chunk_id or ""))
    assert figures["n_items"] == len(result.items) == 100
    assert figures["returned_invalid"] == 0
    assert figures["validity_rate"] == 100 / (100 + sum(result.dropped.values()))
    assert set(figures["by_type"]) == {"single", "multiple", "judge", "blank"}
    assert agreement_with_reference(result.items, REFERENCE) >= 0.5
    assert agreement_with_reference([], REFERENCE) == 0.0
    assert agreement_with_reference(REFERENCE, REFERENCE) == 1.0


def test_invalid_returned_items_are_counted() -> None:
    bad = REFERENCE[0].model_copy(update={"answer": "两年"})
    figures = quiz_validity([bad], {"answer_leaked": 3})
    assert figures["returned_invalid"] == 1 and figures["validity_rate"] == 0.25
    assert figures["returned_problems"] == {"key_not_supported": 1}


def test_key_texts() -> None:
    multiple = next(i for i in REFERENCE if i.type == "multiple")
    assert key_texts(multiple) <= {
        "廉洁纪律",
        "群众纪律",
        "工作纪律",
        "生活纪律",
        "撤销党内职务",
        "留党察看",
        "开除党籍",
        "年轻化",
        "知识化",
        "专业化",
    }
