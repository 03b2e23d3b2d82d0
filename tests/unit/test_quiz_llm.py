"""LLM generation: JSON parsed into the same item model, validated the same way, rules as fallback."""

from __future__ import annotations

import json

from fakes import FakeChat
from quiz_corpus import constitution_chunks

from service.errors import BackendUnavailable
from service.quiz.distractors import DistractorPool
from service.quiz.generate import generate_quiz
from service.quiz.items import QuizRequest
from service.quiz.llm import parse_items

CHUNKS = [c for c in constitution_chunks() if c.locator in ("第七条", "第四十条", "第四十一条")]
POOL = DistractorPool.from_chunks(constitution_chunks())

GOOD = {
    "type": "single",
    "passage": 1,
    "stem": "根据《中国共产党章程》第七条，预备党员的预备期为（　）。",
    "options": ["半年", "一年", "两年", "三年"],
    "answer": "B",
    "quote": "预备党员的预备期为一年。",
    "explanation": "依据《中国共产党章程》第七条：“预备党员的预备期为一年。”",
    "difficulty": "easy",
}
LEAKED = {
    **GOOD,
    "type": "blank",
    "stem": "预备期一年：预备党员的预备期为____。",
    "answer": "一年",
    "options": None,
}
INVENTED = {
    **GOOD,
    "stem": "预备党员的预备期是（　）。",
    "quote": "预备党员的预备期为两年。",
    "options": ["半年", "一年", "两年", "三年"],
}
JUDGE = {
    "type": "judge",
    "passage": 2,
    "stem": "根据《中国共产党章程》第四十条，党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。",
    "answer": "true",
    "quote": "党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。",
}


def _run(reply: str | Exception, count: int = 4, types: list[str] | None = None):  # type: ignore[no-untyped-def]
    chat = FakeChat(reply)
    request = QuizRequest(count=count, types=types or ["single", "judge", "blank"], seed=1)  # type: ignore[arg-type]
    return generate_quiz(request, CHUNKS, CHUNKS, llm=chat, pool=POOL), chat


def test_valid_llm_items_are_kept_and_invalid_ones_dropped() -> None:
    reply = (
        "好的，题目如下：\n```json\n"
        + json.dumps({"items": [GOOD, LEAKED, INVENTED, JUDGE, "x"]}, ensure_ascii=False)
        + "\n```"
    )
    result, chat = _run(reply, count=2)
    assert result.generator == "llm"
    assert [i.generator for i in result.items] == ["llm", "llm"]
    assert result.items[0].options == GOOD["options"] and result.items[0].answer == "B"
    assert result.items[1].answer is True and result.items[1].source.locator == "第四十条"
    assert result.dropped == {"answer_leaked": 1, "quote_not_in_source": 1}
    again, _ = _run(json.dumps({"items": [GOOD, GOOD]}, ensure_ascii=False), count=2, types=["single"])
    assert again.dropped.get("llm_duplicate") == 1
    prompt = chat.messages[-1]["content"]
    assert "预备党员的预备期为一年" in prompt and "<<<段落 1 开始>>>" in prompt


def test_too_few_llm_items_are_topped_up_by_rules() -> None:
    result, _ = _run(json.dumps({"items": [GOOD]}, ensure_ascii=False), count=4)
    assert result.generator == "llm+rules"
    assert len(result.items) == 4
    assert [i.generator for i in result.items].count("llm") == 1


def test_failing_model_falls_back_to_rules() -> None:
    result, _ = _run(BackendUnavailable(), count=3)
    assert result.generator == "rules" and len(result.items) == 3
    assert result.dropped["llm_failed"] == 1
    result, _ = _run("抱歉，我无法出题。", count=3)
    assert result.generator == "rules" and result.dropped["llm_failed"] == 1


def test_parse_items_finds_the_json_object() -> None:
    assert parse_items('前言 {"items": [{"type": "judge"}]} 后记') == [{"type": "judge"}]
