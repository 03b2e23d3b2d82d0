"""Refusals fitted to the evidence, not to our own traps (issue 11, item 5; held-out trap set of 2026-11-30).

Four kinds, each with the pure rule that decides it:
1. a quantity the knowledge base does not state: the shown number must have the asked dimension (a length is not a
   frequency, 几个小时 needs hours, a share of votes is not the size of a body, the activity after 一次 must be the
   one the number counts, a count the question itself gives is not the answer);
2. a named term only mentioned ("做到“两个维护”") is not defined, and a neighbouring list is not its spell-out;
3. a term the text does spell out (headings, like paragraphs, "强化A、强化B、强化C", a list before the term or its
   head without a modifier) is recognised;
4. a time word in a member's own situation is no local event.
"""

from __future__ import annotations

import pytest

from service.rag.extract import defines
from service.rag.refusal import (
    enumeration_answers,
    is_numbered_term,
    local_event,
    mention_only,
    number_answers,
    spelling_lines,
    spells_out,
)
from service.text.normalize import normalize_for_match

KB = "主题党日 谈心谈话 党小组会 中央委员会 入党介绍人 入党积极分子 党支部 民主生活会 组织生活会 村民委员会 发展对象"


def _known(phrase: str) -> bool:
    return phrase in KB


# -- 1. numbers the knowledge base does not state ----------------------------------------------------------
BRANCH_FREQUENCIES = {
    "主题党日每次活动一般要搞多长时间？": "党支部每月相对固定1 天开展主题党日，组织党员集中学习、过组织生活。",
    "党员之间谈心谈话每次要谈多长时间？": "党员和党员之间，每年谈心谈话一般不少于 1 次。",
    "党小组会一次一般开几个小时？": "党小组会一般每月召开 1 次，组织党员参加政治学习、谈心谈话。",
    "党委书记给党员讲党课，一次要讲几个小时？": "党员领导干部应当定期为基层党员讲党课，党委（党组）书记每年至少讲 1 次党课。",
}


@pytest.mark.parametrize(("question", "text"), BRANCH_FREQUENCIES.items())
def test_a_frequency_does_not_answer_how_long_one_meeting_lasts(question: str, text: str) -> None:
    assert not number_answers(question, text, _known)


def test_the_asked_quantity_must_be_what_the_number_counts() -> None:
    two_thirds = (
        "对党的中央委员会和地方各级委员会的委员、候补委员，给以撤销党内职务、留党察看或开除党籍的处分，"
        "必须由本人所在的委员会全体会议三分之二以上的多数决定。"
    )
    # a share of the votes is not the size of the body ...
    assert not number_answers("党的中央委员会一共有多少名委员？", two_thirds, _known)
    # ... but it answers how many must agree
    assert number_answers("处分地方党委委员要撤职或开除党籍，需要多少人同意？", two_thirds, _known)
    # the activity after 一次 is what the frequency is asked of: 考察 is not 交思想汇报
    inspection = "党支部每半年对入党积极分子进行一次考察。"
    assert not number_answers("入党积极分子多久要交一次思想汇报？", inspection, _known)
    assert number_answers("入党积极分子多久考察一次？", inspection, _known)
    # "一名正式党员" is given by the question: "两名正式党员作入党介绍人" counts another thing
    sponsors = "发展对象应当有两名正式党员作入党介绍人。"
    assert not number_answers("一名正式党员最多能同时给几个人当入党介绍人？", sponsors, _known)
    assert number_answers("申请入党需要几名正式党员作介绍人？", sponsors, _known)
    # 几个人 asks for people, not for a count of listed items
    assert number_answers(
        "党支部委员会一般由几个人组成？", "党支部委员会由 3 至 5 人组成，一般不超过 7 人。", _known
    )
    assert number_answers("党小组会多久开一次？", "党小组会一般每月召开 1 次。", _known)
    training = "基层党委应当对发展对象进行短期集中培训。培训时间一般不少于三天（或不少于二十四个学时）。"
    assert number_answers("发展对象培训一次要几天？", training, _known)


# -- 2. named terms only mentioned -----------------------------------------------------------------------
def test_a_term_used_as_given_is_only_mentioned() -> None:
    theory = "核心要义是坚决做到“两个维护”。坚定拥护“两个确立”、坚决做到“两个维护”。"
    assert mention_only("两个维护", [theory], defines)
    assert mention_only("两个确立", [theory], defines)
    assert mention_only(
        "四个合格", ["以“四个合格”为标准,认真结合党史学习教育,带领党员学习新理论、新知识、新技术。"], defines
    )


@pytest.mark.parametrize(
    ("term", "text"),
    [
        # the term is one more item next to a list, not the list's name
        (
            "三个区分开来",
            "全面落实健康体检、交通补贴、带薪休假等举措和“三个区分开来”要求,激励基层干部干事创业。",
        ),
        ("两个维护", "有违背“四个意识”、“四个自信”、“两个维护”错误言行的。"),
        # a suffix of numerals ("四个一": 一) is no member
        (
            "四个一",
            "认真落实“四个一”整顿措施,确保村“两委”换届前整顿到位,“一村一策”落实整顿措施,一以贯之,一抓到底。",
        ),
        # "……的监察队伍" is one thing described by three qualities, not three 队伍
        ("三支队伍", "建设忠诚、干净、担当的监察队伍。"),
        # two clauses sharing a verb are no pair unless the sentence names the term
        ("两个维护", "坚决维护党中央权威,坚决维护党的团结统一,严守政治纪律。"),
    ],
)
def test_a_neighbouring_list_is_no_spell_out(term: str, text: str) -> None:
    assert not spells_out(normalize_for_match(text), term)


def test_numbered_terms() -> None:
    assert is_numbered_term("四下基层") and is_numbered_term("三严三实") and is_numbered_term("五个一批")
    assert not is_numbered_term("新发展理念") and not is_numbered_term("党的三大历史任务")


# -- 3. terms the text does spell out ----------------------------------------------------------------------
THREE_STRENGTHENINGS = (
    "一、突出“三个强化”,打牢思想根基\n\n(一)讲政治、守规矩,强化纪律意识\n\n党要管党、从严治党,首先要严明纪律。\n\n"
    "(二)敢担当、善作为,强化责任意识\n\n敢担当,善作为一直是我们党的优秀作风。\n\n(三)树正气、讲党性,强化党员意识\n\n"
    "当前,部分基层党员干部思想僵化。\n\n二、推动基层组织建设全面进步\n\n(一)深入推动落实主体责任\n\n(二)切实强化队伍建设"
)
FIVE_PROJECTS = "\n".join(
    f"实施“{a}”{b}引领工程,提升推动中国式现代化安定实践的“{c}”。正文。"
    for a, b, c in [
        ("学习聚魂", "政治", "思想凝聚力"),
        ("骨干聚能", "队伍", "干事战斗力"),
        ("支部聚力", "组织", "核心驱动力"),
        ("保障聚强", "基础", "基层支撑力"),
        ("责任聚焦", "制度", "工作执行力"),
    ]
)


def test_headings_and_like_paragraphs_spell_a_term_out() -> None:
    norm = normalize_for_match(THREE_STRENGTHENINGS)
    assert spells_out(norm, "三个强化")
    lines = spelling_lines(norm, "三个强化")
    assert [line[-6:] for line in lines] == ["强化纪律意识", "强化责任意识", "强化党员意识"]
    assert not spells_out(norm.replace("“三个强化”", "思想建设"), "三个强化")  # the list must follow the term
    projects = normalize_for_match(FIVE_PROJECTS)
    assert spells_out(projects, "五大工程") and len(spelling_lines(projects, "五大工程")) == 5
    assert not spells_out(projects, "四大工程")  # five paragraphs do not spell out four
    assert enumeration_answers("基层党建“五大工程”是哪五个工程？", FIVE_PROJECTS)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("三个强化", "要强化纪律意识、强化责任意识、强化党员意识。"),
        ("三支队伍", "放眼长远抓好乡村干部队伍、驻村工作队伍、党员先锋队伍“三支队伍”建设。"),
        ("五项机制", "健全选贤任能、赋能蓄力、源头培养、规范管理、考评奖罚“五项机制”。"),
        ("新发展理念", "必须坚持以人民为中心的发展思想,坚持创新、协调、绿色、开放、共享的发展理念。"),
        (
            "五位一体",
            "必须按照中国特色社会主义事业“五位一体”总体布局和“四个全面”战略布局，统筹推进经济建设、政治建设、"
            "文化建设、社会建设、生态文明建设，协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。",
        ),
        ("四风", "全党必须坚决反对形式主义、官僚主义、享乐主义和奢靡之风。"),
        (
            "和平共处五项原则",
            "在互相尊重主权和领土完整、互不侵犯、互不干涉内政、平等互利、和平共处五项原则的基础上。",
        ),
        ("四个自信", "始终坚定道路自信、理论自信、制度自信、文化自信。"),
    ],
)
def test_a_spelled_out_term_is_recognised(term: str, text: str) -> None:
    norm = normalize_for_match(text)
    assert spells_out(norm, term)
    assert not mention_only(term, [text], defines)


# -- 4. a time word in a member's own situation ----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "下个月我们支部要换届，预备党员能投票吗？",
        "明年我就满十八岁了，到时候可以申请入党吗？",
        "今年我刚被列为入党积极分子，要培养多久才能成为发展对象？",
        "上个月我刚成为预备党员，预备期是多长时间？",
        "这学期我被定为入党积极分子，组织上会给我安排几个培养联系人？",
        "我去年受了个警告处分，今年还能被提拔吗？",
        "下周支部要讨论我转正，我自己要先交什么材料？",
        "本月我们支部开组织生活会，能不能结合着把民主评议党员一起搞了？",
        "今年我们村要选村委会，村民委员会每届任期几年？",
    ],
)
def test_a_rule_question_in_a_dated_situation_is_no_local_event(question: str) -> None:
    assert not local_event(question)


@pytest.mark.parametrize(
    "question",
    [
        "我们村下个月村两委换届，候选人名单出来了吗？",
        "我们市纪委今年通报了几起违反八项规定的典型案例？",
        "我们学校党委这学期发展了多少名学生党员？",
        "这个月的主题党日学什么内容？",
        "下周的党课谁来讲？",
    ],
)
def test_a_question_about_the_dated_event_itself_is_one(question: str) -> None:
    assert local_event(question)


def test_a_lead_that_uses_the_term_is_checked_for_a_definition() -> None:
    from service.rag.refusal import used_as_given

    assert used_as_given("两个维护", "核心要义是坚决做到“两个维护”。")
    assert used_as_given("三个区分开来", "全面落实健康体检、交通补贴、带薪休假等举措和“三个区分开来”要求。")
    assert not used_as_given(
        "两个一百年", "在新世纪新时代，经济和社会发展的战略目标是，到建党一百年时，全面建成小康社会。"
    )
    assert not used_as_given("四个服从", "“四个服从”是：党员个人服从党的组织，少数服从多数。")
