"""Each validator rejects an item crafted to fail it, and accepts the well-formed original."""

from __future__ import annotations

from typing import Any

import pytest

from service.quiz.validate import REASONS, bigram_jaccard, validate_item
from service.schemas import QuizItem, QuizSource

SOURCE = "第七条　预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。"
QUOTE = "预备党员的预备期为一年。"
LIST_SOURCE = "第四十条　党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。"
LIST_QUOTE = "党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。"


def _item(
    type_: str, stem: str, answer: Any, options: list[str] | None = None, quote: str = QUOTE
) -> QuizItem:
    return QuizItem(
        id="q-test",
        type=type_,  # type: ignore[arg-type]
        stem=stem,
        options=options,
        answer=answer,
        explanation=f"依据《中国共产党章程》第七条：“{quote}”",
        source=QuizSource(doc_id="cpc", title="中国共产党章程", locator="第七条", quote=quote, chunk_id="c7"),
    )


GOOD_BLANK = _item("blank", "根据《中国共产党章程》第七条，预备党员的预备期为____。", "一年")
GOOD_SINGLE = _item("single", "预备党员的预备期为（　）。", "B", ["半年", "一年", "两年", "三年"])
GOOD_JUDGE_TRUE = _item("judge", "根据《中国共产党章程》第七条，预备党员的预备期为一年。", True)
GOOD_JUDGE_FALSE = _item("judge", "根据《中国共产党章程》第七条，预备党员的预备期为两年。", False)
GOOD_MULTIPLE = _item(
    "multiple",
    "党的纪律主要包括政治纪律、组织纪律、廉洁纪律、（　）。",
    "ABD",
    ["群众纪律", "工作纪律", "财经纪律", "生活纪律"],
    quote=LIST_QUOTE,
)
# The gap covers the whole list but the keys are three of its six members: an incomplete list.
PART_OF_LIST = _item(
    "multiple",
    "党的纪律主要包括（　）。",
    "ABD",
    ["政治纪律", "组织纪律", "财经纪律", "生活纪律"],
    quote=LIST_QUOTE,
)
# Trainer's review (issue 15): the original is "保证党的理论、路线、方针、政策、决议……"; 路线 is hidden by the
# gap but is no option, so the key 方针、政策 is an incomplete list. The right item has all three as keys.
PURPOSE_QUOTE = (
    "保证党的理论、路线、方针、政策、决议和国家法律法规的贯彻执行，根据《中国共产党章程》，制定本条例。"
)
PURPOSE_STEM = "保证党的理论、（　）、决议和国家法律法规的贯彻执行，根据《中国共产党章程》，制定本条例。"
ROUTE_MISSING = _item("multiple", PURPOSE_STEM, "BC", ["纲领", "政策", "方针", "规划"], quote=PURPOSE_QUOTE)
ROUTE_INCLUDED = _item("multiple", PURPOSE_STEM, "ABC", ["政策", "路线", "方针", "纲领"], quote=PURPOSE_QUOTE)


@pytest.mark.parametrize("item", [GOOD_BLANK, GOOD_SINGLE, GOOD_JUDGE_TRUE, GOOD_JUDGE_FALSE])
def test_well_formed_items_pass(item: QuizItem) -> None:
    assert validate_item(item, SOURCE) == []


def test_well_formed_multiple_passes() -> None:
    assert validate_item(GOOD_MULTIPLE, LIST_SOURCE) == []
    assert validate_item(ROUTE_INCLUDED, PURPOSE_QUOTE) == []


def test_a_gap_over_list_members_that_are_not_all_keys_is_a_false_key() -> None:
    assert validate_item(ROUTE_MISSING, PURPOSE_QUOTE) == ["key_incomplete"]
    assert validate_item(PART_OF_LIST, LIST_SOURCE) == ["key_incomplete"]


def _with(item: QuizItem, **changes: Any) -> QuizItem:
    if "quote" in changes:
        changes["source"] = item.source.model_copy(update={"quote": changes.pop("quote")})
    return item.model_copy(update=changes)


CASES: list[tuple[str, QuizItem, str]] = [
    ("key_incomplete", ROUTE_MISSING, PURPOSE_QUOTE),
    ("quote_not_in_source", _with(GOOD_BLANK, quote="预备党员的预备期为两年。"), SOURCE),
    ("quote_not_in_source", GOOD_BLANK, ""),
    ("key_not_supported", _with(GOOD_BLANK, answer="两年"), SOURCE),
    ("key_not_supported", _with(GOOD_SINGLE, answer="C"), SOURCE),
    ("key_not_supported", _with(GOOD_JUDGE_TRUE, answer=False), SOURCE),
    ("key_not_supported", _with(GOOD_JUDGE_FALSE, answer=True), SOURCE),
    ("key_not_supported", _with(GOOD_JUDGE_FALSE, stem="党组织对党员应当严格管理和监督。"), SOURCE),
    ("distractor_true", _with(GOOD_SINGLE, options=["半年", "一年", "两年", "预备期"]), SOURCE),
    (
        "distractor_true",
        _with(GOOD_MULTIPLE, options=["政治纪律", "组织纪律", "廉洁纪律", "生活纪律"]),
        LIST_SOURCE,
    ),
    ("options_not_distinct", _with(GOOD_SINGLE, options=["半年", "一年", "两年", "两 年"]), SOURCE),
    ("option_count", _with(GOOD_SINGLE, options=["一年"], answer="A"), SOURCE),
    (
        "option_count",
        _with(GOOD_SINGLE, options=["一年", "二年", "三年", "四年", "五年", "六年", "七年"]),
        SOURCE,
    ),
    ("answer_format", _with(GOOD_SINGLE, answer="AB"), SOURCE),
    ("answer_format", _with(GOOD_SINGLE, answer="E"), SOURCE),
    ("answer_format", _with(GOOD_MULTIPLE, answer="A"), LIST_SOURCE),
    ("answer_format", _with(GOOD_MULTIPLE, answer="ABCD"), LIST_SOURCE),
    ("answer_format", _with(GOOD_JUDGE_TRUE, answer="正确"), SOURCE),
    ("answer_format", _with(GOOD_BLANK, options=["一年", "两年"]), SOURCE),
    ("blank_marker", _with(GOOD_BLANK, stem="预备党员的____为____。"), SOURCE),
    ("blank_marker", _with(GOOD_BLANK, stem="预备党员的预备期为多久？"), SOURCE),
    ("dangling_stem", _with(GOOD_BLANK, stem="，预备党员的预备期为____。"), SOURCE),
    ("dangling_stem", _with(GOOD_BLANK, stem="但预备党员的预备期为____。"), SOURCE),
    ("dangling_stem", _with(GOOD_BLANK, stem="预备党员的预备期为____"), SOURCE),
    ("answer_leaked", _with(GOOD_BLANK, stem="预备期为一年：预备党员的预备期为____。"), SOURCE),
    ("answer_leaked", _with(GOOD_SINGLE, stem="预备期一年。预备党员的预备期为（　）。"), SOURCE),
    ("explanation_without_quote", _with(GOOD_BLANK, explanation="见党章。"), SOURCE),
]


@pytest.mark.parametrize(("reason", "item", "source"), CASES, ids=[c[0] for c in CASES])
def test_crafted_items_fail_their_validator(reason: str, item: QuizItem, source: str) -> None:
    assert reason in validate_item(item, source)


def test_every_reason_has_a_crafted_case_and_a_chinese_label() -> None:
    assert {c[0] for c in CASES} == set(REASONS)
    assert all(label and not label.isascii() for label in REASONS.values())


def test_quote_check_folds_width_and_traditional_script() -> None:
    item = _with(
        GOOD_JUDGE_TRUE, quote="預備黨員的預備期為一年。", explanation="依据：“預備黨員的預備期為一年。”"
    )
    assert validate_item(item, SOURCE) == []


def test_bigram_similarity() -> None:
    assert bigram_jaccard("预备期为一年", "预备期为一年") == 1.0
    assert bigram_jaccard("预备期为一年", "党的纪律") == 0.0
