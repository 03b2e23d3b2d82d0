"""Refusals that match the evidence (issue 11, items 5 and 7; issue 12's traps), over the shipped knowledge with
the real embedder: each example of the issue and of the member trial, with the right answer spelled out."""

from __future__ import annotations

import pytest
from answer_checks import has as _has
from answer_checks import refused as _refused

from service.container import Container
from service.rag.refusal import (
    LOCAL_EVENT_MESSAGE,
    MENTION_ONLY_MESSAGE,
    NOT_IN_KB_MESSAGE,
    OTHER_ACT_MESSAGE,
)
from service.schemas import Answer

pytestmark = pytest.mark.slow


def _ask(container: Container, question: str) -> Answer:
    return container.answerer.ask(question)


@pytest.mark.parametrize(
    "question",
    [
        "党费具体交多少",  # 细则第五条's "按期交纳党费" is no amount (member trial, 第7题)
        "退休党员的党费怎么算？",
        "党员受了警告处分，要扣多少工资和奖金？",
        "民主生活会每年开几次？",  # 支部工作条例第十七条 counts 组织生活会, not 民主生活会
        "第一书记的任期是几年？",  # 第二十一条's 5 年 is the branch committee's term
        "党员一年至少要参加几次志愿服务？",
        "中国共产党是哪一年成立的？",  # no year in the 总纲
        "组织处理规定（试行）什么时候转为正式规定？",
    ],
)
def test_a_number_or_date_not_in_the_evidence_is_refused(container: Container, question: str) -> None:
    _refused(_ask(container, question))


@pytest.mark.parametrize(
    "question",
    ["本市今年的党建活动有哪些", "我们县今年七一表彰了哪些优秀共产党员？", "我们单位党委书记是谁？"],
)
def test_local_events_are_refused_with_what_the_knowledge_base_holds(
    container: Container, question: str
) -> None:
    _refused(_ask(container, question), LOCAL_EVENT_MESSAGE)


def test_named_terms_only_mentioned_are_refused(container: Container) -> None:
    answer = _ask(container, "“两学一做”具体是学什么、做什么？")
    _refused(answer, MENTION_ONLY_MESSAGE.format(term="两学一做"))
    assert any("支部工作条例" in s for s in answer.suggestions)  # the passages that mention it are offered
    _refused(_ask(container, "中央八项规定具体是哪八项？"), MENTION_ONLY_MESSAGE.format(term="中央八项规定"))


def test_what_the_knowledge_base_never_names_is_refused(container: Container) -> None:
    _refused(_ask(container, "党员过政治生日一般要送什么纪念品？"), NOT_IN_KB_MESSAGE.format(term="纪念品"))
    first = _ask(container, "入党誓词是什么？")
    follow_up = container.answerer.ask("那入团誓词呢？", conversation_id=first.conversation_id)
    assert follow_up.refused and "我志愿加入中国共产党" not in follow_up.answer


def test_unnamed_numbered_terms_and_meetings_are_refused(container: Container) -> None:
    # member trial 2026-11-30: answered with 总纲's 一国两制 and with its 十三届四中全会
    _refused(_ask(container, "什么是“三重一大”制度？"), NOT_IN_KB_MESSAGE.format(term="三重一大"))
    _refused(
        _ask(container, "党的二十届四中全会提出了什么新要求？"),
        NOT_IN_KB_MESSAGE.format(term="二十届四中全会"),
    )
    _has(_ask(container, "三会一课是什么"), "党小组会")  # spelled out: still answered


def test_an_enumeration_is_a_definition(container: Container) -> None:
    # 支部工作条例第十六条 / 准则九 spell 三会一课 out (member trial, 第9题: wrongly refused before).
    for question in ("三会一课是什么", "“三会一课”是指哪三会、哪一课？"):
        _has(_ask(container, question), "党员大会、党小组会和上党课")
    _has(
        _ask(container, "党委决定重大问题要遵循哪十六个字的原则？"), "集体领导、民主集中、个别酝酿、会议决定"
    )


def test_colloquial_situations_are_answered_from_the_penalty_provision(container: Container) -> None:
    # member trial, 第11题: the top hit 纪律处分条例第九十七条 answers it (红包 is a 礼金). An xfail until branch
    # colloq4: 收了 → 收受 and a verdict question preferring the article that names a sanction put 第九十七条 first
    # (docs/retrieval.md, "Situations").
    answer = _ask(container, "同事请我吃饭还塞了个红包，我收了会怎样")
    _has(answer, "礼金", "给予警告或者严重警告处分")
    assert answer.citations[0].locator == "第九十七条"


def test_gambling_cites_the_articles_that_name_it(container: Container) -> None:
    # member trial, 第33题: 行政机关公务员处分条例 and 政务处分法 name 参与赌博; cite them and whom they apply to.
    _has(_ask(container, "下班跟朋友打麻将赌钱会受什么处分"), "赌博")


def test_a_procedure_about_another_act_is_refused(container: Container) -> None:
    # member trial, 第28题: 处分审批权限 articles do not say how 组织关系 is transferred.
    _refused(_ask(container, "党员退休了组织关系怎么转"), OTHER_ACT_MESSAGE)


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("党员的义物有哪些", ("党员必须履行下列义务",)),  # 义物 → 义务
        ("预备期一般多久", ("预备党员的预备期为一年",)),  # 多久 ≈ 多长时间
        ("管理对象请我吃饭、安排旅游，我去了会怎样？", ("宴请", "旅游")),
        ("党的性质是什么？", ()),  # no longer refused as "mention only"; the right passage: see below
        ("“党政军民学，东西南北中”后面一句是什么？", ("党是领导一切的",)),
    ],
)
def test_typos_synonyms_and_described_terms_are_answered(
    container: Container, question: str, spans: tuple[str, ...]
) -> None:
    _has(_ask(container, question), *spans)


def test_the_partys_nature_is_answered_from_the_general_programme(container: Container) -> None:
    _has(_ask(container, "党的性质是什么？"), "中国共产党是中国工人阶级的先锋队")


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("民法典第三条是怎么规定的？", "知识库中没有《民法典》，无法提供它的第三条。"),
        ("问责条例第三十条讲的是什么？", "《中国共产党问责条例》共十三条，没有第三十条。"),
        (
            "支部工作条例第四十条的内容是什么？",
            "《中国共产党支部工作条例（试行）》共三十七条，没有第四十条。",
        ),
        # an item past the article's last one: not 纪律处分条例第三条 (holdout2 trap)
        ("党章第三条第九项是什么？", "《中国共产党章程》第三条共八项，没有第九项。"),
    ],
)
def test_article_references_and_documents_are_checked(
    container: Container, question: str, message: str
) -> None:
    _refused(_ask(container, question), message)


def test_a_version_word_before_条例_is_no_document_name(container: Container) -> None:
    # "新版条例" / "现行条例" name the 纪律处分条例's current version, not an unknown 《统计造假是新版条例》.
    for question in (
        "统计造假是新版条例才有的处分规定吗？具体怎么处分？",
        "领导干部政绩观错位，在现行条例里怎么处理？",
    ):
        answer = _ask(container, question)
        assert "知识库中没有《" not in answer.answer, answer.answer


def test_a_document_the_knowledge_base_lacks_is_named(container: Container) -> None:
    # The manifest knows the 党内监督条例 without its text: the refusal says so (never another law's answer).
    answer = _ask(container, "党内监督条例规定了哪些监督制度？")
    _refused(answer)
    assert "知识库中没有《中国共产党党内监督条例》" in answer.answer


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # numbers in Chinese numerals or as a frequency word (member set mem-065; trial Q1, Q20)
        ("中央全会一年开几次？", ["中央委员会全体会议由中央政治局召集，每年至少举行一次"]),  # 党章第二十二条
        ("入党申请人要满多少岁？", ["年满十八岁"]),  # 党章第一条
        ("黨員受到警告處分後，多久內不能在黨內提升職務？", ["党员受到警告处分一年内"]),  # 条例(2023)第十条
        ("省里的党代会多少年开一次？", ["每五年举行一次"]),  # mem-069
        # function words of the asking (是从/当中) are no terms (mem-066)
        ("总书记是从哪些人当中产生的？", ["中央委员会总书记必须从中央政治局常务委员会委员中产生"]),
        # "A还是B": evidence for either alternative answers (mem-055, mem-057)
        ("党内选举是举手还是投票？", ["选举采用无记名投票的方式"]),  # 党章第十一条
        ("市县两级党委搞的叫巡视还是巡察？", ["建立巡察制度"]),  # 党章第十四条
        # 纪委 → 纪律检查委员会 in choosing the sentence, 跟/一样 no terms (mem-099)
        ("纪委的任期跟谁一样？", ["每届任期和党的中央委员会任期相同"]),  # 纪律检查委员会工作条例第八条
    ],
)
def test_answerable_questions_in_members_own_words_are_answered(
    container: Container, question: str, spans: list[str]
) -> None:
    _has(_ask(container, question), *spans)


@pytest.mark.parametrize(
    "question",
    [
        "现在党员发展每年的指标是多少名？",  # "两名正式党员作入党介绍人" is no 指标 (mem-339)
        "支委会多久开一次？",  # "每届任期三年至五年" is a term of office, not how often it meets
        "支部书记集中轮训一期要培训多少天？",  # "每人每年至少参加1次培训" gives no days
        "预备党员转正的时候要交多少转正费？",
    ],
)
def test_a_quantity_the_evidence_does_not_state_is_refused(container: Container, question: str) -> None:
    answer = _ask(container, question)
    if question == "支委会多久开一次？" and not answer.refused:
        # answered only from 支部工作条例第十二条 (党支部委员会会议一般每月召开 1 次) when search finds it
        _has(answer, "每月召开 1 次")
        return
    _refused(answer)


def test_an_item_the_article_has_is_answered(container: Container) -> None:
    _has(_ask(container, "党章第三条第二项是什么？"), "贯彻执行党的基本路线和各项方针、政策")


# -- members' own words: false refusals and traps of the member and regulations sets (branch refusal2) -------
@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # a member's circumstances (领导, 大家, 打个分; 有人, 私下, 上面) are no terms the provision must hold
        ("民主评议党员是不是就是领导给大家打个分？", ["按照个人自评、党员互评、民主测评的程序"]),  # mem-604
        (
            "我们村支部换届的时候有人私下拉票，上面会不会管？",  # mem-606, 支部工作条例第二十八条
            ["对存在换届选举拉票贿选、宗族宗教和黑恶势力干扰渗透等问题的，上级党组织应当及时严肃处理"],
        ),
        ("我转正以后，入党时写的那些材料最后放到哪儿了？", ["交党委存入本人人事档案"]),  # mem-613
        # whether an act is allowed: the penalty provision that names it (会所, 老乡会, 上级检查)
        ("党员干部下班后常去私人会所打牌放松，有什么问题吗？", ["违反有关规定出入私人会所"]),  # mem-617
        (
            "我们几个同乡当了领导以后搞了个老乡会，经常聚一聚，有问题吗？",  # mem-620
            ["党员领导干部违反有关规定组织、参加自发成立的老乡会、校友会、战友会等"],
        ),
        (
            "上级来检查前，科长让我们统一口径只说好话，这有事吗？",  # mem-623
            ["纵容、唆使、暗示、强迫下级说假话、报假情的，从重或者加重处分"],
        ),
        # separable verbs and the texts' words (兼个职 → 兼职, 公司 → 企业, 上班 → 任职, 公开 → 公布)
        (
            "单位让我去外面的协会兼个职，我能拿那边的报酬吗？",  # mem-625
            ["公务员因工作需要在机关外兼职，应当经有关机关批准，并不得领取兼职报酬"],
        ),
        ("我从局里辞职了，能马上去以前业务上打交道的公司上班吗？", ["其他公务员在离职两年内"]),  # mem-627
        ("村里的账村委会要不要公开给大家看？多久公开一次？", ["一般事项至少每季度公布一次"]),  # mem-628
        # regulations set: what to do about a situation is no how-to; a legal definition (所称……是指)
        ("发现有党员信教，组织上该怎么办？", ["应当加强思想教育，要求其限期改正", "应当劝其退党"]),  # reg-035
        ("“严重触犯刑律”是指什么？", ["因犯罪被人民法院判处刑罚"]),  # reg-164
        ("审理组至少几个人？", ["成立由两人以上组成的审理组"]),  # reg-185
    ],
)
def test_members_situations_are_answered(container: Container, question: str, spans: list[str]) -> None:
    _has(_ask(container, question), *spans)


def test_terms_only_mentioned_or_never_named_are_refused(container: Container) -> None:
    # mem-712: answered before with the 总纲's 维护世界和平; mem-745: with a report on 基层党建
    _refused(_ask(container, "什么是“两个维护”？"), MENTION_ONLY_MESSAGE.format(term="两个维护"))
    _refused(_ask(container, "“四下基层”是哪四下？"), NOT_IN_KB_MESSAGE.format(term="四下基层"))
    _has(_ask(container, "“两个一百年”奋斗目标具体是什么？"), "到建党一百年时")  # spelled out: answered


def test_how_long_a_meeting_lasts_is_refused_in_a_conversation(container: Container) -> None:
    # mem-518: 支部工作条例 says how often 党小组会 meets (每月召开 1 次), never how long
    first = _ask(container, "党小组会多久开一次？")
    _has(first, "每月召开 1 次")
    _refused(container.answerer.ask("那一次会一般开多长时间？", conversation_id=first.conversation_id))


def test_topic_words_tagged_as_adverbs_or_times_still_count(container: Container) -> None:
    # dev-117 is answered (宪法第一百四十三条); dev-147, dev-152 stay refused: no 年休假 days, no 2025 dates
    _has(_ask(container, "我國的首都是哪裏？"), "中华人民共和国首都是北京")
    _refused(_ask(container, "公务员年休假有多少天？"))
    _refused(_ask(container, "2025年国家公务员考试报名时间是什么时候？"))
