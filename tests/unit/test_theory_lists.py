"""Issue 11, items 2 and 3 for theory articles: lists of parallel paragraph leads, in-sentence enumerations and
numbered points under a heading, counted; before/after stories; the article a question names; a member picked
by a follow-up.

Hand-made articles with the shapes of the shipped ones; the same questions over the shipped knowledge with the
real embedder are in tests/slow/test_theory_articles.py.
"""

from __future__ import annotations

from fakes import paragraph_hit as _hit

from service.evals.metrics import states_count
from service.rag.citations import verify
from service.rag.theory_lists import (
    asks_story,
    find_list,
    focus_document,
    list_ask,
    pick,
    render_list,
    story,
    story_subject,
)
from service.schemas import Hit
from service.text.normalize import normalize_for_match

# Five programmes, each heading a paragraph of its own, after an intro that names them.
PROGRAMMES = [
    _hit("five", 1, "某县大力实施基层党建“五大工程”,不断提升“五种能力”。"),
    _hit("five", 2, "实施“固本”政治引领工程,提升推动发展的“凝聚力”。基层党组织是政治组织。"),
    _hit(
        "five",
        3,
        "实施“聚才”队伍引领工程,提升推动发展的“战斗力”。抓好村干部队伍、驻村工作队伍、党员先锋队伍建设。",
    ),
    _hit("five", 4, "实施“聚力”组织引领工程,提升推动发展的“驱动力”。各级党组织服务大局。"),
    _hit("five", 5, "实施“保障”基础引领工程,提升推动发展的“支撑力”。推动人往基层走。"),
    _hit("five", 6, "实施“聚焦”制度引领工程,提升推动发展的“执行力”。完善责任制度。"),
]

# Numbered headings: section 一 has three （一）–（三）, section 二 starts again at （一）.
SECTIONS = [
    _hit(
        "strict",
        1,
        "一、突出“三个强化”,打牢思想根基\n\n(一)讲政治、守规矩,强化纪律意识\n\n"
        "党员干部都要严格遵守党的政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律,履行好职责。",
    ),
    _hit("strict", 2, "(二)敢担当、善作为,强化责任意识\n\n敢担当是优秀作风。"),
    _hit("strict", 3, "(三)树正气、讲党性,强化党员意识\n\n要加强党性修养。"),
    _hit(
        "strict",
        4,
        "二、推动基层组织建设全面进步\n\n(一)落实主体责任\n\n(二)切实强化队伍建设\n\n选好配强班子。",
    ),
    _hit(
        "strict",
        5,
        "(三)明确重点,夯实基层党建基础工作\n\n一是坚持把思想教育作为首要任务。\n\n"
        "二是严肃党内政治生活。\n\n三是围绕中心工作开展党建。",
    ),
    _hit("strict", 6, "四是加强考核监督,着力治理懒政怠政。\n\n总书记指出,要继续推进党的建设。"),
]

# A report: how a village was, then what changed; then the next report's heading.
REPORT = [
    _hit(
        "news",
        1,
        "走进某村,水泥路覆盖村巷。过去的某村则是另一个模样。“原来垃圾成堆。”书记说,"
        "“村里发展起色不大,被上级部门定为软弱涣散党组织。”",
        "news",
    ),
    _hit(
        "news",
        2,
        "书记上任,便组织力量改善人居环境。他动员党员带头干,建成了亮堂的小广场。“如今日子好了。”书记说。"
        "\n\n某村换了新颜。村党组织摘掉了软弱涣散党组织的帽子。\n\n商圈抓党建 联动促发展\n\n"
        "某商圈建成了党群服务中心。",
        "news",
    ),
]


def _checked_answer(ex_answer: str, hits: list[Hit], citations: list) -> str:  # type: ignore[type-arg]
    return verify(ex_answer, citations, {h.chunk_id: h for h in hits}, strict=True).answer


def test_list_ask_reads_noun_count_and_measure() -> None:
    five = list_ask("安定区搞的五大工程是哪五个")
    assert five is not None and "工程" in five.nouns and five.count == 5
    rules = list_ask("吉林那篇文章说基层党员干部要遵守哪几项纪律")
    assert rules is not None and "纪律" in rules.nouns and rules.count is None
    teams = list_ask("骨干聚能工程要抓好哪三支队伍")
    assert teams is not None and teams.nouns[0] == "队伍" and teams.count == 3 and teams.measure == "个"
    grabs = list_ask("万州那篇文章讲了哪几个“抓”")
    assert grabs is not None and "抓" in grabs.nouns
    strengthen = list_ask("三个强化是什么")
    assert strengthen is not None and "强化" in strengthen.nouns and strengthen.count == 3
    # a quantity, not a list; a selection, not a list
    assert list_ask("秦州区排查出多少个软弱涣散村党组织？") is None
    assert list_ask("第一个工程提升的是什么能力") is None


def test_parallel_leads_are_the_list_and_say_the_count() -> None:
    ask = list_ask("安定区搞的五大工程是哪五个")
    assert ask is not None
    listed = find_list(ask, PROGRAMMES)
    assert listed is not None and len(listed.members) == 5
    assert listed.quotes[0] == "实施“固本”政治引领工程,提升推动发展的“凝聚力”。"
    ex = render_list(listed)
    answer = _checked_answer(ex.answer, PROGRAMMES, ex.citations)
    assert answer.startswith("根据《示例文章》，共五个工程：")  # the count survives verification
    assert states_count(answer, 5)
    for name in ["“固本”政治引领工程", "“聚才”队伍引领工程", "“聚力”组织引领工程", "“保障”基础引领工程",
                 "“聚焦”制度引领工程"]:  # fmt: skip
        assert name in answer
    # a question that says another count is not answered with this list
    wrong = list_ask("安定区搞的四大工程是哪四个")
    assert wrong is not None and find_list(wrong, PROGRAMMES) is None


def test_numbered_series_restarts_with_its_section() -> None:
    ask = list_ask("吉林那篇文章提出的三个强化是什么")
    assert ask is not None
    listed = find_list(ask, SECTIONS)
    assert listed is not None
    assert listed.quotes == (
        "(一)讲政治、守规矩,强化纪律意识",
        "(二)敢担当、善作为,强化责任意识",
        "(三)树正气、讲党性,强化党员意识",
    )  # not section 二's "(二)切实强化队伍建设"


def test_in_sentence_enumeration_is_counted() -> None:
    ask = list_ask("吉林那篇文章说基层党员干部要遵守哪几项纪律")
    assert ask is not None
    listed = find_list(ask, SECTIONS)
    assert listed is not None
    assert listed.members == ("政治纪律", "组织纪律", "群众纪律", "廉洁纪律", "工作纪律")
    answer = _checked_answer(*(lambda e: (e.answer, SECTIONS, e.citations))(render_list(listed)))
    assert "共五项纪律" in answer and "政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律" in answer
    teams = list_ask("骨干聚能工程要抓好哪三支队伍")
    assert teams is not None
    listed_teams = find_list(teams, PROGRAMMES)
    assert listed_teams is not None and len(listed_teams.members) == 3
    assert "共三个队伍" in render_list(listed_teams).answer


def test_points_under_the_named_heading() -> None:
    question = "吉林那篇文章说夯实基层党建基础工作要抓哪几件事"
    ask = list_ask(question)
    assert ask is not None
    listed = find_list(ask, SECTIONS, question)
    assert listed is not None
    assert [q[:2] for q in listed.quotes] == ["一是", "二是", "三是", "四是"]  # 四是 lies in the next chunk
    assert "共四个" in render_list(listed).answer
    assert find_list(ask, SECTIONS) is None  # without the question no heading is named


def test_story_shows_before_and_after() -> None:
    question = "某村原来是什么情况，后来怎么变的"
    assert asks_story(question) and asks_story("某村以前什么样？现在呢")
    assert not asks_story("某村在哪里") and not asks_story("某村有什么变化")
    text = normalize_for_match("\n".join(h.text for h in REPORT))
    subject = story_subject(question, text)
    assert subject == "某村"
    ex = story(subject, REPORT)
    assert ex is not None
    answer = _checked_answer(ex.answer, REPORT, ex.citations)
    assert "被上级部门定为软弱涣散党组织" in answer  # the before end
    assert "建成了亮堂的小广场" in answer and "摘掉了软弱涣散党组织的帽子" in answer  # the after end
    assert "如今日子好了" not in answer  # a piece of someone's words is not cut out
    assert "党群服务中心" not in answer  # the next report is another story
    assert story("别的村", REPORT) is None


def test_focus_document_is_the_named_theory_article() -> None:
    docs = [
        (
            "jilin",
            "theory",
            normalize_for_match("从严治党向基层延伸 《北方建筑》（吉林市热力集团有限公司党委工作部）"),
            normalize_for_match("基层党员干部要遵守纪律。"),
        ),
        ("anding", "theory", "五大工程", normalize_for_match("定西市安定区实施五大工程。党员要遵守纪律。")),
        ("charter", "regulation", "中国共产党章程", normalize_for_match("党员必须遵守党的纪律。")),
    ]
    assert focus_document("吉林那篇文章说基层党员干部要遵守哪几项纪律", docs) == "jilin"  # metadata names it
    assert focus_document("安定区搞的五大工程是哪五个", docs) == "anding"  # a place only it names
    assert focus_document("党员要遵守哪几项纪律", docs) is None  # normative: the charter also says it


def test_pick_member_of_a_list() -> None:
    ask = list_ask("安定区搞的五大工程是哪五个")
    assert ask is not None
    listed = find_list(ask, PROGRAMMES)
    assert listed is not None
    first = pick(listed, 1)
    assert (
        first is not None
        and "“凝聚力”" in first.answer
        and first.answer.startswith("根据《示例文章》第一项：")
    )
    last = pick(listed, -1)
    assert last is not None and "“执行力”" in last.answer
    assert pick(listed, 6) is None
    rules = list_ask("要遵守哪几项纪律")
    assert rules is not None
    listed_rules = find_list(rules, SECTIONS)
    assert listed_rules is not None
    third = pick(listed_rules, 3)
    assert third is not None and third.answer.startswith("根据《示例文章》第三项（群众纪律）：")
    heading = find_list(list_ask("三个强化是什么"), SECTIONS)  # type: ignore[arg-type]
    assert heading is not None
    second = pick(heading, 2)
    assert second is not None and "敢担当是优秀作风。" in second.answer  # a heading brings its paragraph


# Sections built as an intro paragraph and paragraphs opening with a short lead sentence.
TASKS = [
    _hit("tasks", 1, "认真落实“扩大组织覆盖”的要求,以非公企业为重点严密组织体系。目前仍是短板。"),
    _hit(
        "tasks",
        2,
        "深入开展摸底排查。以园区为重点做好排查。\n\n多措并举扩大覆盖。盯住薄弱点。\n\n坚持抓“龙头”示范带动。选树示范园区。",
    ),
    _hit("tasks", 3, "认真贯彻“把抓落实作为开展工作的主要方式”的要求,推动重点任务落实落细。要精准抓好落实。"),
    _hit(
        "tasks",
        4,
        "深入一线摸实情。到一线、去现场,切实做到底数清。\n\n精准施策求实效。一项一项抓到底。\n\n久久为功持续抓。形成长效机制。",
    ),
]


def test_short_leads_of_the_named_section() -> None:
    question = "2020年那篇文章说抓落实要做到哪几点"
    ask = list_ask(question)
    assert ask is not None and ask.measure == "点"
    listed = find_list(ask, TASKS, question)
    assert listed is not None
    assert listed.quotes == ("深入一线摸实情。", "精准施策求实效。", "久久为功持续抓。")
    assert "共三点" in render_list(listed).answer
    cover = "那篇文章说扩大组织覆盖有哪几项措施"
    listed_cover = find_list(list_ask(cover), TASKS, cover)  # type: ignore[arg-type]
    assert listed_cover is not None and listed_cover.quotes[0] == "深入开展摸底排查。"
    second = pick(listed, 2)
    assert second is not None and "一项一项抓到底。" in second.answer


def test_numbered_group_stated_by_the_one_series_of_that_many_leads() -> None:
    """ "五种能力是哪五种": the intro names the group, each of the five parallel leads states one member."""
    ask = list_ask("五种能力是哪五种")
    assert ask is not None and ask.count == 5 and "五种能力" in ask.groups
    listed = find_list(ask, PROGRAMMES)
    assert listed is not None and len(listed.quotes) == 5 and "“执行力”" in listed.quotes[-1]
    assert find_list(list_ask("六种能力是哪六种"), PROGRAMMES) is None  # type: ignore[arg-type]


def test_change_for_the_better_is_a_story() -> None:
    assert asks_story("某村是怎么变好的")
    assert asks_story("某村怎么好起来的")


def test_which_points_is_no_time_of_day() -> None:
    """ "抓落实要做到哪几点" asks for a list's points, not for a time of day (refusal/shapes.py ATTRIBUTE_ASKS)."""
    from service.rag.refusal.shapes import ATTRIBUTE_ASKS

    assert ATTRIBUTE_ASKS["钟点"].search("2020年那篇文章说抓落实要做到哪几点") is None
    assert ATTRIBUTE_ASKS["钟点"].search("支部大会一般几点开") is not None


def test_a_specific_counted_noun_the_article_never_says_finds_no_list() -> None:
    """Member set mem-338 (a trap): "中国式现代化有哪五个特征" over an article whose title names 中国式现代化 and
    whose section lists five 工程 is no list of 特征; a generic noun (做法, 方面, 措施) needs no mention."""
    question = "2020年那篇文章说抓落实要做到哪几个特征"
    ask = list_ask(question)
    assert ask is not None and ask.counted == "特征"
    assert find_list(ask, TASKS, question) is None
    condition = (
        "2020年那篇文章说抓落实要做到哪几个条件"  # 条件 is no generic noun although a measure word opens it
    )
    ask_condition = list_ask(condition)
    assert ask_condition is not None and ask_condition.counted == "条件"
    assert find_list(ask_condition, TASKS, condition) is None
    generic = "2020年那篇文章说抓落实要做到哪几个方面"
    ask_generic = list_ask(generic)
    assert ask_generic is not None and ask_generic.counted == "方面"
    listed = find_list(ask_generic, TASKS, generic)
    assert listed is not None and listed.quotes == (
        "深入一线摸实情。",
        "精准施策求实效。",
        "久久为功持续抓。",
    )


def test_a_group_spelled_out_in_its_own_sentence_is_no_series_of_paragraphs() -> None:
    """Member set mem-730/mem-184: "选村干部的“五项机制”是哪五项" over an article that states the five members right
    before naming the group ("选贤任能、赋能蓄力、……“五项机制”") and elsewhere has five parallel 实施……工程 leads: the
    leads are not the group (the sentence naming it is quoted by the ordinary sentence choice)."""
    chunks = [
        _hit("anding", 1, "健全选贤任能、赋能蓄力、源头培养、规范管理、考评奖罚“五项机制”,及时调整干部。"),
        *PROGRAMMES,
    ]
    question = "选村干部的“五项机制”是哪五项"
    ask = list_ask(question)
    assert ask is not None and ask.count == 5
    assert find_list(ask, chunks, question) is None


# A section of short leads, one of whose paragraphs lists coined terms in quotation marks.
KEY_TASKS = [
    _hit("tasks", 1, "推动基层党建重点任务落实,要在抓落实上下功夫,形成真抓实干的工作导向。"),
    _hit("tasks", 2, "深入一线摸实情。各级党组织书记要深入基层调研,摸清情况。"),
    _hit(
        "tasks",
        3,
        "精准施策求实效。特别是针对形式主义、官僚主义问题,防止一味要求基层建台账、做展板,搞“纸上党建”、“墙上党建”,"
        "防止简单以开会、发文、留痕多少评判工作好坏。",
    ),
    _hit("tasks", 4, "久久为功持续抓。保持战略定力,一年接着一年抓。"),
    _hit(
        "tasks",
        5,
        "机关党建重点是建设政治机关。聚焦解决机关党建“灯下黑”、“两张皮”问题,推动部门党组履行主体责任。",
    ),
]


def test_coined_terms_in_quotation_marks_are_the_list() -> None:
    """holdout4 h4-300: "防止搞哪些形式主义的党建" was answered with the section's three leads; the sentence naming
    “纸上党建”、“墙上党建” is the list (two quoted names), counted."""
    for question in (
        "文章里说要防止搞哪些形式主义的党建？",
        "文章說要防止搞哪些形式主義的黨建",
        "基层党建文章批评了哪几种形式主义党建",
    ):
        ask = list_ask(question)
        assert ask is not None
        listed = find_list(ask, KEY_TASKS, question)
        assert listed is not None and listed.members == ("纸上党建", "墙上党建"), question
        ex = render_list(listed)
        assert states_count(ex.answer, 2) and "“纸上党建”、“墙上党建”" in ex.answer
        assert _checked_answer(ex.answer, KEY_TASKS, ex.citations) == ex.answer
    ask = list_ask("文章说机关党建要解决哪些问题")
    assert ask is not None
    listed = find_list(ask, KEY_TASKS, "文章说机关党建要解决哪些问题")
    assert listed is not None and listed.members == ("灯下黑", "两张皮")
    # a count the quoted run does not have leaves it to the other lists
    ask = list_ask("文章里说要防止搞哪三种形式主义的党建")
    assert ask is not None
    found = find_list(ask, KEY_TASKS, "文章里说要防止搞哪三种形式主义的党建")
    assert found is None or found.members != ("纸上党建", "墙上党建")
