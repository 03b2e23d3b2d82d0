"""Traps holdout7 still answered (issue 11, item 5; trap12), checked on the pure functions with the texts' own
sentences: the steps of a custom named by one passage while another states steps of something else, what a quantity,
place or time ask is about that the answer never names, a bare 吗 ask about a subject the answer never names, a
holder named without its powers, a when-ask or an A-not-A act no text names, a count asked before its members, and a
theory article's series that its numbered group does not introduce. Answerable counter-examples of each shape."""

from __future__ import annotations

import pytest

from service.rag.refusal.absent import absent_term
from service.rag.refusal.asked_object import unlisted_duties, unstated_procedure
from service.rag.refusal.figures import counted_nouns
from service.rag.refusal.predicates import unnamed_ask_subject, unstated_yes_no
from service.rag.theory_lists import find_list, list_ask
from service.schemas import Hit

RECRUITMENT_22 = (
    "党支部应当及时将支部大会决议写入《中国共产党入党志愿书》，连同本人入党申请书、政治审查材料、培养教育考察材料等，"
    "一并报上级党委审批。"
)
JILIN_BIRTHDAY = "基层党组织要注重运用红色资源强化理想信念教育,严格执行主题党日制度,坚持和完善重温入党誓词、党员过政治生日等政治仪式。"


@pytest.mark.parametrize(
    ("question", "shown", "subject"),
    [
        # holdout7 h7-363: 报上级党委审批 is a step of recruitment; the line naming 政治生日 states none
        ("党员过“政治生日”有什么固定流程？", f"{RECRUITMENT_22}\n{JILIN_BIRTHDAY}", "党员过政治生日"),
        ("党员过政治生日要走什么程序？", f"{RECRUITMENT_22}\n{JILIN_BIRTHDAY}", "党员过政治生日"),
        # the steps stated with their subject (its longest word: 召开 is said a line before)
        (
            "召开组织生活会有什么程序？",
            "党支部每年至少召开 1 次组织生活会。\n组织生活会应当确定主题，会前认真学习；会上查摆问题；会后制定整改措施。",
            None,
        ),
        (
            "预备党员转正有什么具体程序？",
            "预备党员转正的手续是：本人向党支部提出书面转正申请；党小组提出意见；……报上级党委审批。",
            None,
        ),
    ],
)
def test_a_procedure_needs_its_steps_stated_with_its_subject(
    question: str, shown: str, subject: str | None
) -> None:
    assert unstated_procedure(question, shown) == subject


@pytest.mark.parametrize(
    ("question", "shown", "headings", "noun"),
    [
        # holdout7 h7-350: a number of another thing (预备期, 留置)
        (
            "党课一次要讲多长时间？",
            "需要继续考察和教育的，可以延长一次预备期，延长时间不能少于半年，最长不超过一年。",
            "中国共产党发展党员工作细则 第三十二条",
            "党课",
        ),
        # holdout7 h7-354: the place asked of a thing the answer never names
        (
            "監察法規定的留置場所在哪裡？",
            "被责令候查人员违反前款规定，情节严重的，可以依法予以留置。",
            "中华人民共和国监察法 第二十三条",
            "场所",
        ),
        # answered: the subject named, or another noun of the question named (members' own words)
        ("停职检查一般多长时间？", "停职检查期限一般不超过6个月。", "", None),
        (
            "支部大会表决接收预备党员，赞成票要过多少才算通过？",
            "赞成人数超过应到会有表决权的正式党员的半数，才能通过接收预备党员的决议。",
            "",
            None,
        ),
        ("那记大过的影响期是多长？", "政务处分的期间为：（三）记大过，十八个月；", "", None),
        ("纪律处分条例分则按哪几类纪律分章的？", "第六章 对违反政治纪律行为的处分", "", None),
    ],
)
def test_what_an_ask_is_about_must_be_named(
    question: str, shown: str, headings: str, noun: str | None
) -> None:
    assert unnamed_ask_subject(question, shown, headings) == noun


def test_a_bare_ma_ask_names_its_subject() -> None:
    # holdout7 h7-286: a bare 吗 ask with no modal is not read as a yes/no ask (the rule refused an answerable blind
    # question, session 10), so 工资 is not asked of 第十一条
    assert unstated_yes_no("停职检查停职期间工资照发吗？", "停职检查期限一般不超过6个月。") is None
    assert (
        unstated_yes_no(
            "预备党员有表决权吗？", "预备党员的权利，除了没有表决权、选举权和被选举权以外，也同正式党员一样。"
        )
        is None
    )
    assert (
        unstated_yes_no(
            "临时党支部的书记是大家选出来的吗？", "临时党支部书记、副书记由批准其成立的党组织指定。"
        )
        is None
    )


UNIVERSITY_3 = (
    "高校实行党委领导下的校长负责制。高校党的委员会（以下简称高校党委）全面领导学校工作，支持校长按照《中华人民共和国"
    "高等教育法》的规定积极主动、独立负责地开展工作，保证教学、科研、行政管理等各项任务的完成。"
)


@pytest.mark.parametrize(
    ("question", "shown", "holder"),
    [
        ("高校校长的职权有哪些？", UNIVERSITY_3, "高校校长"),  # holdout7 h7-291
        (
            "高校党委的主要职责有哪些？",
            "高校党委承担管党治党、办学治校主体责任，把方向、管大局、作决策、抓班子、带队伍、保落实。主要职责是：",
            None,
        ),
        (
            "选举人有哪些权利？",
            "选举人有了解候选人情况、要求改变候选人、不选任何一个候选人和另选他人的权利。",
            None,
        ),
        ("党内选举是举手还是投票？选举人有哪些权利？", "选举采用无记名投票的方式。", None),  # two asks
    ],
)
def test_a_holder_named_without_its_powers(question: str, shown: str, holder: str | None) -> None:
    assert unlisted_duties(question, shown) == holder


def test_a_when_subject_or_an_act_no_text_names_is_absent() -> None:
    held = {"预备党员", "转正", "烈士纪念日", "党费", "纪念日"}

    def known(phrase: str) -> bool:
        return phrase in held

    assert absent_term("预备党员转正以后党员证什么时候发？", None, known) == "党员证"  # holdout7 h7-364
    # an A-not-A act ("放不放假") is not a candidate: the check refused a blind-set question about forming a branch
    assert absent_term("烈士纪念日那天放不放假？", None, known) is None  # holdout7 h7-343
    assert absent_term("党费一般什么时候交？", None, known) is None
    assert absent_term("要不要交党费？", None, known) is None  # a modal's ask names no act


def test_a_count_asked_before_its_members_is_asked() -> None:
    assert counted_nouns("万州建了几个行业党委，分别是哪些？") == ["行业", "党委"]
    assert counted_nouns("萬州區設立了幾個行業黨委？分別叫什麼？") == ["行业", "党委"]  # holdout7 h7-249
    assert counted_nouns("是哪几个基层党组织？") == []


def _chunks(*paragraphs: str) -> list[Hit]:
    return [
        Hit(
            doc_id="t", title="t", chunk_id=f"t#{i}", locator=f"第{i}段", text=p, score=1.0, doc_type="theory"
        )
        for i, p in enumerate(paragraphs, 1)
    ]


POINTS = (
    "一是坚持把加强思想教育作为首要任务,积极推进学习教育常态化制度化。",
    "二是严肃党内政治生活,全面净化基层党组织政治生态。",
    "三是推动围绕中心工作开展支部党建工作。",
    "四是加强考核监督,着力治理懒政怠政。",
)


def test_a_group_is_spelled_by_the_series_it_introduces() -> None:
    question = "吉林那篇文章说的党员“四个合格”标准是哪四个？"
    ask = list_ask(question)
    assert ask is not None
    # holdout7 h7-245: the group named in section 3、, the four points under （三）
    other = _chunks(
        "3、提高党员队伍整体素质。以“四个合格”为标准,带领党员学习。",
        "(三)明确重点,夯实基层党建基础工作",
        *POINTS,
    )
    assert find_list(ask, other, question) is None
    introduced = _chunks("党员要做到“四个合格”,具体是:", *POINTS)
    found = find_list(ask, introduced, question)
    assert found is not None and len(found.members) == 4
