"""The trap10 refusal rules as pure functions: parallel alternatives (``refusal.alternatives``), the holder of a term
of office and the length of one sitting (``refusal.quantities``), a count the question gives with its members asked
(``refusal.numbered_terms``), an object or act no text holds (``refusal.asked_object``)."""

from __future__ import annotations

import pytest

from service.rag.refusal.alternatives import unstated_alternative
from service.rag.refusal.asked_object import unknown_object, unknown_predicate
from service.rag.refusal.asked_quantity import tenure_holder
from service.rag.refusal.numbered_terms import enumeration_answers
from service.rag.refusal.quantities import number_answers

BADGE = "中国共产党党徽为镰刀和锤头组成的图案。党的各级组织和每一个党员都要维护党徽党旗的尊严。"


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("党徽应该戴在左胸还是右胸？", BADGE, "左胸、右胸"),
        ("党旗应该挂在左边还是右边？", BADGE, "左边、右边"),
        ("民主生活会是上午开还是下午开？", "民主生活会一般每年召开一次。", "上午开、下午开"),
        ("举报别人违纪，提倡实名还是匿名？", "提倡实名举报。", None),
        ("处分批准规定里的权限是最高权限还是最低权限？", "均系应当遵照的最低权限。", None),
        # alternatives in different words are left to the coverage checks
        ("入党申请该交给学校还是家里社区？", "应当向工作、学习所在单位党组织提出入党申请。", None),
        ("党龄是从批准入党那天算，还是从转正那天算？", "党龄从预备期满转为正式党员之日算起。", None),
        ("党内选举是举手还是投票？", "选举采用无记名投票的方式。", None),
    ],
)
def test_parallel_alternatives(question: str, evidence: str, expected: str | None) -> None:
    assert unstated_alternative(question, evidence) == expected


@pytest.mark.parametrize(
    ("question", "holder"),
    [
        ("那高校校长一届任期几年？", "校长"),
        ("高校党委每届任期几年？", "党委"),
        ("党小组长一届任期几年？", "党小组长"),
        ("党支部委员会每届任期几年？", "委员会"),
        ("党员大会多久召开一次？", None),
    ],
)
def test_tenure_holder(question: str, holder: str | None) -> None:
    assert tenure_holder(question) == holder


def test_a_term_of_office_is_the_holders_own() -> None:
    shown = "高校党委由党员大会或者党员代表大会选举产生，每届任期 5 年。"
    assert number_answers("高校党委每届任期几年？", shown)
    assert not number_answers("高校校长一届任期几年？", shown)


def test_a_term_of_office_is_no_length_of_one_sitting() -> None:
    shown = "有正式党员 7 人以上的党支部，应当设立党支部委员会。党支部委员会和支部书记每届任期一般为 3 年。"
    assert not number_answers("每次党员大会至少要开多长时间？", shown)


def test_given_count_needs_its_members() -> None:
    count_only = "从420个行政村党组织中确定了16个软弱涣散村党组织。"
    assert not enumeration_answers("秦州区那16个软弱涣散村具体是哪些村？", count_only)
    listed = "新街口分属玄武、秦淮、鼓楼3个行政区。"
    assert enumeration_answers("新街口分属的那3个行政区是哪些？", listed)
    # an article's number and a quoted term's count are no count of members
    assert enumeration_answers("行政机关公务员处分条例第六条规定了哪些处分？", "处分的种类为：警告。")
    assert enumeration_answers("“两个覆盖”的薄弱点在哪些地方？", "薄弱点在于覆盖质量不高。")


def _known(phrase: str) -> bool:
    return phrase in "国际 表决 选举 党旗 买卖股票 微信"


def test_object_or_act_no_text_holds() -> None:
    assert unknown_object("入党宣誓的时候要不要先唱《国际歌》？", [], _known) == "国际歌"
    assert unknown_object("能不能一起举手表决？", [], _known) is None  # its head 表决 is held
    assert unknown_object("我能不能炒股？", [], _known) is None  # 炒股 → 买卖股票 (vocabulary)
    assert unknown_predicate("党员在朋友圈能转发哪些内容？", [], _known) == "转发"
    assert unknown_predicate("入党要交哪些材料？", [], _known) is None
