"""A number asked by a classifier (issue 11, traps of holdout6's weak kinds, trap9): "工资降几档", "站几排", "考几门"
ask for a number of that unit, so a passage on the same topic that holds no such number does not answer them;
a passage that states one does. After a count word ("一共几档": the list answers) or in the told case ("寄了几张",
"考了几门") no unit is asked."""

from __future__ import annotations

import pytest

from service.rag.refusal.asked_quantity import asked_unit
from service.rag.refusal.quantities import holds_asked_quantity
from service.text.normalize import normalize_for_match


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("撤销党内职务以后工资降几档？", "档"),
        ("入党宣誓的时候要站几排？", "排"),
        ("入党积极分子培训需要考试吗，考几门？", "门"),
        # paraphrases of other documents and wordings
        ("受了留党察看处分，工资要往下调几档", "档"),
        ("党课每年至少要上几堂", "堂"),
        ("巡察一届要搞几轮", "轮"),
        ("发展对象培训结业要考多少门课", "门"),
        ("这份文件党员要学几遍", "遍"),
        # traditional script
        ("撤銷黨內職務以後工資降幾檔？", "档"),
        ("入黨宣誓時要站幾排？", "排"),
    ],
)
def test_a_classifier_is_the_asked_unit(question: str, unit: str) -> None:
    assert asked_unit(normalize_for_match(question)) == unit


@pytest.mark.parametrize(
    "question",
    [
        # a count of grades or courses: answered by the list, not by a number of 档 (probe4 h4-059)
        "党纪处分从轻到重一共几档？",
        "纪律处分分几档",
        "发展对象培训有几门课",
        # the told situation, not the ask (probe4 h4-148)
        "过节有个老板给我寄了几张超市购物卡，按现在的规定收了算违纪吗？",
        "我考了几门都没过，还能列为发展对象吗",
        "这几轮巡察都查出了问题，要问责吗",
    ],
)
def test_a_classifier_that_counts_items_or_tells_the_case_asks_no_unit(question: str) -> None:
    assert asked_unit(normalize_for_match(question)) is None


def test_a_passage_without_a_number_of_the_unit_does_not_answer() -> None:
    assert not holds_asked_quantity(
        "撤销党内职务以后工资降几档？",
        "撤销党内职务处分，是指撤销受处分党员由党内选举或者组织任命的党内职务。",
    )
    assert not holds_asked_quantity("入党宣誓的时候要站几排？", "预备党员必须面向党旗进行入党宣誓。")
    assert not holds_asked_quantity(
        "入党积极分子培训需要考试吗，考几门？",
        "党支部每半年对入党积极分子进行一次考察。",
    )


def test_a_number_of_the_unit_answers() -> None:
    assert holds_asked_quantity("工资降几档", "给予降低两档工资的处理")
    assert holds_asked_quantity("考几门", "培训结束后考试三门")
    assert holds_asked_quantity("巡察一届要搞几轮", "每届任期内开展 4 轮巡察")
