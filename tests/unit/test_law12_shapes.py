"""The question and sentence shapes behind the law questions of probe12 (session 10, branch law12): pure functions,
no index. Each kind with the probe12 example and paraphrases over other laws and wording, and the neighbours that
must keep their old reading."""

from __future__ import annotations

import pytest

from service.rag.extract import defined_term, defines
from service.rag.refusal.absent import absent_term, unknown_document
from service.rag.refusal.asked_quantity import asked_unit, tenure_body
from service.rag.refusal.coverage import term_credit
from service.rag.refusal.decision import asks_quantity
from service.rag.refusal.local_events import local_event
from service.rag.refusal.quantities import number_answers
from service.text.normalize import normalize_for_match


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("监察官的年度考核结果分哪几档？", "年度考核结果分为优秀、称职、基本称职和不称职四个等次。"),
        ("公务员年终考核分哪几档？", "定期考核的结果分为优秀、称职、基本称职和不称职四个等次。"),
    ],
)
def test_grades_are_counted_in_dang_or_dengci(question: str, text: str) -> None:
    # 档, 档次, 等次 and 等级 count grades alike: "四个等次" answers "分哪几档"
    assert asks_quantity(question, "list")
    assert number_answers(question, text)


def test_which_courses_still_need_a_number_of_courses() -> None:
    # "哪几门" asks which subjects: a list of something else is no answer (holdout7 near-miss trap)
    assert asked_unit(normalize_for_match("公务员考试要考哪几门？")) == "门"
    assert not number_answers(
        "公务员考试要考哪几门？", "定期考核的结果分为优秀、称职、基本称职和不称职四个等次。"
    )


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (
            "考公务员最少要满多少岁？",
            "第十三条 公务员应当具备下列条件：\n\n（一）具有中华人民共和国国籍；\n\n（二）年满十八周岁；",
        ),
        (
            "当村民小组长得满多少岁？",
            "村民小组组长应当具备下列条件：\n\n（一）拥护宪法；\n\n（二）年满十八周岁；",
        ),
    ],
)
def test_a_later_item_is_read_with_its_lead_in(question: str, text: str) -> None:
    # the item "（二）年满十八周岁" is of what the lead-in names, blank lines between the items
    assert number_answers(question, text)


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("居委会主任一届干几年？", "居委会"),
        ("村委会主任一届干几年？", "村委会"),
        ("村委会委员每届任期多长？", "村委会"),
        ("高校校长一届任期几年？", None),  # 校长 is no post of the 党委 whose term is stated
        ("党小组组长一届干几年？", None),
    ],
)
def test_tenure_body(question: str, body: str | None) -> None:
    assert tenure_body(question) == body


def test_a_committee_term_answers_its_posts() -> None:
    assert number_answers("居委会主任一届干几年？", "居民委员会每届任期五年，其成员可以连选连任。")
    assert number_answers("村委会委员每届任期多长？", "村民委员会每届任期五年，届满应当及时举行换届选举。")
    assert not number_answers("那高校校长一届任期几年？", "高校党委每届任期 5 年。")


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("什么样的人算信访人？", "信访人"),
        ("谁算信访人？", "信访人"),
        ("信访人指的是哪些人？", "信访人"),
        ("公职人员指的是哪些人？", "公职人员"),
    ],
)
def test_who_counts_as_asks_for_a_definition(question: str, term: str) -> None:
    assert defined_term(question) == term


def test_a_laws_cheng_definition_defines() -> None:
    sentence = "采用前款规定的形式，反映情况，提出建议、意见或者投诉请求的公民、法人或者其他组织，称信访人。"
    assert defines(normalize_for_match(sentence), "信访人")
    assert not defines(normalize_for_match("信访人对复查意见不服的，可以请求复核。"), "信访人")


def _known(words: set[str]):  # type: ignore[no-untyped-def]
    return lambda phrase: any(phrase in w for w in words)


KNOWN = _known({"每年9月30日为烈士纪念日", "10月1日中华人民共和国国庆日", "清明节", "国家", "宪法", "教育"})


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        ("国家宪法日是哪一天？", "国家宪法日"),
        ("全民国防教育日是几月几号？", "全民国防教育日"),
        ("请问国家宪法日是哪一天？", "国家宪法日"),
        ("烈士纪念日是哪天？", None),
        ("国庆节是哪天？", None),  # 节 and 日 name the same day: 国庆日
        ("清明节是哪一天？", None),
    ],
)
def test_a_named_day_must_be_held(question: str, absent: str | None) -> None:
    assert absent_term(question, defined_term(question), KNOWN) == absent


TITLES = ["中华人民共和国宪法", "中华人民共和国监察法", "中华人民共和国立法法", "中国共产党章程"]


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("《民法典》里关于保护英雄烈士名誉的条款是怎么规定的？", "民法典"),
        ("《监察法》规定留置最长多久？", None),
        ("《立法法》对授权期限怎么规定？", None),
        ("《党章》规定党员有几项义务？", None),
    ],
)
def test_a_short_law_title_must_be_held(question: str, name: str | None) -> None:
    assert unknown_document(question, TITLES) == name


@pytest.mark.parametrize(
    ("question", "local"),
    [
        ("我们镇这次村委会换届选举定在哪天投票？", True),
        ("我们村本次换届选举什么时候投票？", True),
        ("我们村这次换届，候选人要多于应选人吗？", False),  # a rule
        ("我们支部这次换届，预备党员能投票吗？", False),
    ],
)
def test_own_event_date(question: str, local: bool) -> None:
    assert local_event(question) is local


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("两口子", "公务员之间有夫妻关系"),
        ("纪念馆", "英雄烈士纪念设施应当免费向社会开放"),
        ("家属", "英雄烈士的近亲属可以依法向人民法院提起诉讼"),
        ("门票", "英雄烈士纪念设施应当免费向社会开放"),
    ],
)
def test_law_readers_words(word: str, text: str) -> None:
    assert term_credit(word, normalize_for_match(text)) == 1.0


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (
            "村民会议多少人提议就必须召集？",
            "村民会议由村民委员会召集。有十分之一以上的村民或者三分之一以上的村民代表提议，应当召集村民会议。",
        ),
        ("村民代表会议多少人提议应当召集？", "有五分之一以上的村民代表提议，应当召集村民代表会议。"),
    ],
)
def test_how_many_must_propose_is_answered_by_a_share(question: str, text: str) -> None:
    assert number_answers(question, text)
