"""Holdout5's theory-article faults (issue 11, items 2, 3 and 5), by kind:

1. a question naming a place, an outlet or an article reads that article (``focus_term``): "万州" of 万州区, "人民日报"
   of the report's metadata, "北京" although the 宪法 names 北京 too; both scripts;
2. coined number-terms answered by the members the article lists around them, across paragraphs ("三抓三强" →
   抓基本强基础 …; "五种能力" → 思想凝聚力 …), while a coined term the article never spells out stays refused;
3. figures and named things: the sentence stating the asked figures, each asked part where the article says what it
   is, a quoted series the question restates one member of, what the article says a named mechanism does.

Hand-made articles shaped like the shipped ones; each holdout5 example and paraphrases over the other articles.
The same questions over the shipped knowledge with the real embedder are in tests/slow/test_theory_scope.py.
"""

from __future__ import annotations

from fakes import paragraph_hit as _hit

from service.rag.refusal.mention import (
    asked_term,
    compound_lead_re,
    mention_only,
    said_after,
    spelled_by_leads,
    undefined_term,
)
from service.rag.refusal.numbered_terms import compound_parts, numbered_count
from service.rag.refusal.quantities import number_answers
from service.rag.theory_lists import (
    asked_parts,
    compound_leads,
    echoed_run,
    figure_sentence,
    find_list,
    focus_document,
    focus_term,
    list_ask,
    naming_passages,
    part_sentences,
)
from service.text.normalize import normalize_for_match


def _doc(doc_id: str, doc_type: str, names: str, text: str) -> tuple[str, str, str, str]:
    return (doc_id, doc_type, normalize_for_match(names), normalize_for_match(text))


DOCS = [
    _doc("wanzhou", "theory", "在铸魂上下足功夫 郭建伟", "萬州區將在四個方面下足功夫。虛實結合。縱橫聯動。"),
    _doc(
        "daily",
        "news",
        "基层党建创新不断取得新进展新成效 人民日报",
        "北京深化党建引领“街乡吹哨、部门报到”改革,建立“接诉即办”机制,做到快速响应。辽宁组织网格员定期巡查。",
    ),
    _doc("anding", "theory", "深入实施五大工程 蔺红军", "定西市安定区大力实施基层党建五大工程。"),
    _doc("constitution", "law", "中华人民共和国宪法", "中华人民共和国首都是北京。"),
    _doc("charter", "regulation", "中国共产党章程", "党员必须遵守党的纪律。党的基层组织是党的战斗堡垒。"),
]


def test_place_written_with_a_suffix_in_the_article_names_it() -> None:
    # h5-241: 万州 is written 萬州區 in the article (traditional script, place suffix)
    assert focus_document("万州构建严密组织体系从哪几方面着手？", DOCS) == "wanzhou"
    assert focus_document("萬州構建嚴密組織體系從哪幾方面著手？", DOCS) == "wanzhou"
    assert focus_term("万州怎么构建组织体系", DOCS) == ("wanzhou", "万州")


def test_outlet_in_the_metadata_names_the_report() -> None:
    # h5-230: 人民日报 is the report's author, not in its text
    assert focus_document("人民日报那篇文章说我们党有多少个基层党组织、多少名党员？", DOCS) == "daily"


def test_place_a_regulation_also_names_needs_the_articles_own_words() -> None:
    # h5-233: the 宪法 names 北京 too; the report's sentence about 北京 holds 党建, 引领, 改革, 机制 of the question
    assert focus_document("北京党建引领基层治理的改革叫什么？建立了什么机制？", DOCS) == "daily"
    assert focus_document("辽宁组织网格员定期巡查什么？", DOCS) == "daily"
    # a question about the capital is no question about the report
    assert focus_document("中华人民共和国的首都是哪里，是北京吗", DOCS) is None
    # a normative question keeps the authority order
    assert focus_document("党员必须遵守什么纪律", DOCS) is None


def test_naming_passages_bring_the_place_when_retrieval_missed_it() -> None:
    chunks = [
        _hit("daily", 1, "党建引领基层治理。"),
        _hit("daily", 2, "北京深化党建引领改革,建立“接诉即办”机制。"),
    ]
    assert naming_passages("北京", chunks, [chunks[0]]) == [chunks[1]]
    assert naming_passages("北京", chunks, [chunks[1]]) == []  # retrieval has it already


REPORT = [
    _hit("daily", 1, "去年以来,秦州区从420个行政村党组织中确定了16个软弱涣散村党组织。"),
    _hit("daily", 2, "以此为带动,商圈先后成立“两新”组织党组织210多个,服务管理党员3600多名。"),
    _hit(
        "daily",
        3,
        "每个党员都要强化党的意识。\n求木之长者,必固其根本。对于一个拥有480多万个基层党组织和9500多万名党员的世界第一大"
        "执政党而言,强基固本至关重要。",
    ),
    _hit(
        "daily",
        4,
        "从“支部建在连上”到“支部建在村上”“支部建在楼上”“支部建在项目上”……广大基层党组织把组织活力转化为发展活力。",
    ),
]


def test_figure_sentence_states_the_asked_figures() -> None:
    # h5-230
    ex = figure_sentence("人民日报那篇文章说我们党有多少个基层党组织、多少名党员？", REPORT)
    assert ex is not None and "480多万个基层党组织和9500多万名党员" in ex.answer
    ex = figure_sentence("秦州区从多少个行政村党组织中确定了多少个软弱涣散村党组织？", REPORT)
    assert ex is not None and "从420个行政村党组织中确定了16个软弱涣散村党组织" in ex.answer
    ex = figure_sentence("新街口商圈先后成立了多少个两新组织党组织？", REPORT)  # the figure after its noun
    assert ex is not None and "党组织210多个" in ex.answer
    ex = figure_sentence("商圈服务管理多少名党员？", REPORT)
    assert ex is not None and "3600多名" in ex.answer
    # a figure the article never states: nothing to show (the quantity gates refuse)
    assert figure_sentence("人民日报那篇文章说全国有多少个党委？", REPORT) is None
    # "每个党员", "一名党员" state no figure
    assert (
        figure_sentence("有多少个党员", [_hit("d", 1, "每个党员都要强化党的意识。一名党员也要交党费。")])
        is None
    )


def test_number_answers_reads_figures_with_duo_and_wan() -> None:
    shown = "对于一个拥有480多万个基层党组织和9500多万名党员的世界第一大执政党而言,强基固本至关重要。"
    assert number_answers("人民日报那篇文章说我们党有多少个基层党组织、多少名党员？", shown)
    assert number_answers("全国有多少名第一书记？", "全国累计选派300多万名第一书记和驻村干部。")
    assert number_answers("有多少名党员参加？", "共有三百余名党员参加。")
    assert not number_answers("有多少名党员？", "党员要强化党的意识。")


WANZHOU = [
    _hit(
        "wanzhou",
        1,
        "萬州區將在“鑄魂、塑形、固本、賦能”四個方面下足功夫。\n首要任務是學習黨的創新理論。綜合運用多種方式。\n"
        "關鍵環節是堅持黨的全面領導。把黨的政治建設擺在首位。\n核心要義是堅決做到“兩個維護”。自覺保持高度一致。",
        title="在“铸魂、塑形、固本、赋能”上下足功夫",
    ),
    _hit(
        "wanzhou",
        2,
        "黨的力量來自組織。\n虛實結合。深入貫徹條例。\n縱橫聯動。牢固樹立大抓基層的鮮明導向。\n強基補缺。抓好黨組織設置。\n"
        "黨的基層組織是黨的全部工作和戰斗力的基礎。在抓基本、抓責任、抓隊伍上持續用力。",
        title="在“铸魂、塑形、固本、赋能”上下足功夫",
    ),
    _hit(
        "wanzhou",
        3,
        "抓基本強基礎。持續開展標準化規范化建設。\n抓責任強落實。建立三級黨組織書記抓黨建工作清單。\n"
        "抓隊伍強能力。著力建強帶頭人隊伍。\n基層黨組織能力強不強,抓重大任務落實是試金石。",
        title="在“铸魂、塑形、固本、赋能”上下足功夫",
    ),
]


def test_each_asked_part_where_the_article_says_what_it_is() -> None:
    # h5-239: simplified question over a traditional-script article; every part, the third included
    assert asked_parts("万州那篇文章里，铸魂的首要任务、关键环节和核心要义分别是什么？") == [
        "首要任务",
        "关键环节",
        "核心要义",
    ]
    ex = part_sentences("万州那篇文章里，铸魂的首要任务、关键环节和核心要义分别是什么？", WANZHOU)
    assert ex is not None
    assert ex.answer.splitlines()[1:] == [
        "首要任務是學習黨的創新理論。[1]",
        "關鍵環節是堅持黨的全面領導。[2]",
        "核心要義是堅決做到“兩個維護”。[3]",
    ]
    ex = part_sentences("萬州那篇文章中，首要任務、關鍵環節分別是什麼？", WANZHOU)  # traditional question
    assert ex is not None and "關鍵環節是堅持黨的全面領導。" in ex.answer and "核心要義" not in ex.answer
    # a part the article never states: no partial answer
    assert part_sentences("万州那篇文章里，首要任务和根本目的分别是什么？", WANZHOU) is None
    assert asked_parts("万州的首要任务是什么") == []


def test_coined_compound_spelled_by_paragraph_leads() -> None:
    # h5-240: "三抓三强" is never written; three leads each 抓… 强…
    ex = compound_leads("三抓三强", WANZHOU)
    assert ex is not None
    assert ex.answer.splitlines() == [
        "根据《在“铸魂、塑形、固本、赋能”上下足功夫》，共三项：",
        "抓基本強基礎。[1]",
        "抓責任強落實。[2]",
        "抓隊伍強能力。[3]",
    ]
    assert compound_leads("四抓四强", WANZHOU) is None  # another count: the article has no such group
    assert compound_leads("两学一做", WANZHOU) is None  # unequal counts are regulation-side compounds


def test_section_of_short_leads_for_a_named_place() -> None:
    # h5-241: "从哪几方面着手": 方面 is what is counted, 着手 no noun the article must hold
    ask = list_ask("万州构建严密组织体系从哪几方面着手？")
    assert ask is not None and ask.counted is None
    chunks = [
        _hit(
            "w", 1, "黨的全面領導要靠黨的嚴密組織體系去實現。只有形成嚴密組織體系,黨的全面領導才能如臂使指。"
        ),
        _hit("w", 2, "虛實結合。深入貫徹條例,實現應建盡建。"),
        _hit("w", 3, "縱橫聯動。牢固樹立大抓基層的鮮明導向。"),
        _hit("w", 4, "強基補缺。抓好黨組織設置規范。"),
        _hit("w", 5, "黨的基層組織是黨的全部工作的基礎。"),
    ]
    listed = find_list(ask, chunks, "万州构建严密组织体系从哪几方面着手？")
    assert listed is not None and listed.members == ("虛實結合。", "縱橫聯動。", "強基補缺。")


def test_echoed_member_of_a_quoted_series() -> None:
    # h5-234: the question restates 建在连上 and asks where else
    ex = echoed_run("支部从建在连上，后来又建在了哪些地方？", REPORT)
    assert ex is not None and ex.complete_items == ["支部建在村上", "支部建在楼上", "支部建在项目上"]
    assert "从“支部建在连上”到“支部建在村上”“支部建在楼上”“支部建在项目上”" in ex.answer
    ex = echoed_run(
        "党建工作除了可量化，还要做到哪些？", [_hit("a", 1, "通过“可量化”“可评估”“可追溯”的方式项目化管理。")]
    )
    assert ex is not None and ex.complete_items == ["可评估", "可追溯"]
    assert echoed_run("支部建在哪里", [_hit("a", 1, "弘扬“支部建在连上”光荣传统。")]) is None  # no series


FIVE_ABILITIES = (
    "实施“学习聚魂”政治引领工程,提升推动中国式现代化安定实践的“思想凝聚力”。\n"
    "实施“骨干聚能”队伍引领工程,提升推动中国式现代化安定实践的“干事战斗力”。\n"
    "实施“支部聚力”组织引领工程,提升推动中国式现代化安定实践的“核心驱动力”。\n"
    "实施“保障聚强”基础引领工程,提升推动中国式现代化安定实践的“基层支撑力”。\n"
    "实施“责任聚焦”制度引领工程,提升推动中国式现代化安定实践的“工作执行力”。"
)


def test_numbered_group_spelled_by_quoted_names_across_paragraphs() -> None:
    # h5-329: each lead names one 力; "支部聚力" in the same line does not count twice
    assert spelled_by_leads(normalize_for_match(FIVE_ABILITIES), "五种能力")
    assert (
        undefined_term("安定区实施五大工程要提升哪“五种能力”？", FIVE_ABILITIES, "", lambda p: True) is None
    )
    assert undefined_term("安定區的“五種能力”是哪五種？", FIVE_ABILITIES, "", lambda p: True) is None
    four = "\n".join(FIVE_ABILITIES.split("\n")[:4])
    assert not spelled_by_leads(normalize_for_match(four), "五种能力")  # four are no five
    grabs = "抓基本强基础。\n抓责任强落实。\n抓队伍强能力。"
    assert spelled_by_leads(grabs, "三抓三强") and not spelled_by_leads(grabs, "四抓四强")


def test_the_lead_shape_is_read_from_the_numbered_compound() -> None:
    # ``numbered_terms.compound_parts`` reads the compound: equal counts of two or more, two different characters
    shape = compound_lead_re("三抓三强")
    assert shape is not None and shape.match("抓基本强基础。") and not shape.match("强基础抓基本。")
    assert compound_lead_re("两学两做") is not None
    assert compound_lead_re("一抓一强") is None  # one lead is no list
    assert compound_lead_re("三会一课") is None and compound_lead_re("三抓三抓") is None
    assert compound_lead_re("三抓三强的") is None
    assert compound_parts("两学一做") == ((2, "学"), (1, "做"))
    # the whole number counts: 十一 (not the 十 before 一), as ``spelled_by_leads`` needs it
    assert numbered_count("十一项原则") == (11, "原则") and numbered_count("五种能力") == (5, "能力")
    assert numbered_count("党员义务") is None


def test_coined_terms_only_mentioned_stay_refused() -> None:
    # theory traps: the article names “双好双强” and spells it out nowhere
    shown = "结合村“两委”换届,突出“双好双强”,选优配强村级带头人队伍。"
    assert asked_term("秦州区突出的“双好双强”具体指什么？", None) == "双好双强"
    assert mention_only(
        "双好双强", [shown], lambda s, t: False, question="秦州区突出的“双好双强”具体指什么？"
    )


def test_said_after_a_named_mechanism() -> None:
    norm = normalize_for_match(
        "北京深化党建引领“街乡吹哨、部门报到”改革,建立“接诉即办”机制,做到快速响应、快速办理、快速反馈;"
    )
    assert said_after("北京建立的“接诉即办”机制要做到什么？", "接诉即办", norm)
    assert not mention_only(
        "接诉即办", [norm], lambda s, t: False, question="北京建立的“接诉即办”机制要做到什么？"
    )
    # when, how much and what it is are not said after the name
    assert not said_after("北京的“接诉即办”机制是哪一年建立的？", "接诉即办", norm)
    assert not said_after("“接诉即办”是什么？", "接诉即办", norm)
    assert not said_after("“接诉即办”机制由谁负责？", "接诉即办", norm)
    # holdout5 h5-289 (a trap): what the coined name stands for is not said by a sentence using it
    poor = normalize_for_match("聚焦“三区三州”等深度贫困地区,特别是挂牌督战的县,对村党组织书记尽快坚决调整。")
    assert not said_after("“三区三州”具体指哪些地区？", "三区三州", poor)
    assert mention_only("三区三州", [poor], lambda s, t: False, question="“三区三州”具体指哪些地区？")


def test_figure_sentence_keeps_the_whole_quotation_and_its_locator() -> None:
    # member set mem-187: the figure ends 马景刚's words; the quote starts where his words do
    chunks = [
        _hit(
            "daily",
            8,
            "“我们正加强与农业科技示范园的合作。截至目前,石马村已经引进6家农民种植专业合作社,共流转1300余亩土地。”马景刚说。",
        )
    ]
    ex = figure_sentence("石马村引进了几家农民种植专业合作社？", chunks)
    assert ex is not None
    assert ex.answer == (
        "根据《示例文章》第8段：“我们正加强与农业科技示范园的合作。截至目前,石马村已经引进6家农民种植专业合作社,"
        "共流转1300余亩土地。”马景刚说。[1]"
    )


def test_counted_coined_name_is_no_place() -> None:
    # holdout5 h5-289 (a trap): "三州" of “三区三州” is no place an article is named by
    docs = [*DOCS, _doc("tasks", "theory", "重点任务", "聚焦“三区三州”等深度贫困地区。")]
    assert focus_document("“三区三州”具体指哪些地区？", docs) is None


def test_counted_question_answered_by_short_leads() -> None:
    # "万州区……要在哪三个方面持续用力": three short paragraph leads are three items
    from service.rag.refusal.numbered_terms import enumeration_answers

    leads = "抓基本強基礎。\n抓責任強落實。\n抓隊伍強能力。"
    assert enumeration_answers("万州区提升基层党组织功能要在哪三个方面持续用力？", leads)
    assert not enumeration_answers("万州区提升基层党组织功能要在哪四个方面持续用力？", leads)
    # one long sentence is no list of three
    long = "黨的基層組織是黨的全部工作和戰斗力的基礎,提升功能必須切實加強基層黨組織建設。"
    assert not enumeration_answers("要在哪三个方面持续用力？", long)


def test_year_of_the_article_names_it() -> None:
    docs = [
        *DOCS,
        _doc(
            "tasks2020",
            "theory",
            "扎实推进基层党建工作重点任务落实 2020-05-09",
            "国有企业党建重点是贯彻条例。",
        ),
        _doc("jilin2021", "theory", "夯实基础狠抓落实 2021-12-02", "基层党员干部要遵守纪律。"),
    ]
    assert focus_document("2020年那篇文章里，国有企业党建重点、机关党建重点分别是什么？", docs) == "tasks2020"
    assert focus_document("2021年那篇文章说要遵守哪些纪律", docs) == "jilin2021"
    assert focus_document("2019年那篇文章说了什么", docs) is None  # no article of that year
    assert focus_document("2020年党员要交多少党费", docs) is None  # a year alone points at no article


def test_naming_passages_for_an_article_retrieval_missed() -> None:
    jilin = [
        _hit("jilin", 1, "基层是党的执政之基、力量之源。"),
        _hit(
            "jilin",
            2,
            "一要抓好入党积极分子的选拔和培养。严格按照“控制总量、优化结构、提高质量、发挥作用”的要求。",
        ),
        _hit("jilin", 3, "健全“五项机制”,选优配强带头人。"),
    ]
    regulation = _hit("rules", 9, "培养联系人的主要任务是……", doc_type="party_regulation")
    # named by its metadata only ("吉林"), none of it retrieved: the chunks holding the question's terms
    got = naming_passages(
        "", jilin, [regulation], "吉林那篇文章里严格按照哪四个方面的要求选拔培养入党积极分子？"
    )
    assert got[0] is jilin[1]
    # a quoted name of the question that no retrieved chunk of the article holds
    assert naming_passages("", jilin, [jilin[0]], "安定区健全了哪“五项机制”？") == [jilin[2]]
    assert naming_passages("", jilin, [jilin[2]], "安定区健全了哪“五项机制”？") == []


def test_two_character_words_ending_in_a_suffix_are_no_places() -> None:
    # member set mem-620: "同乡" (a fellow townsman) names no article although one report alone says it
    docs = [*DOCS, _doc("report", "news", "某报道", "几个同乡一起创业。")]
    assert focus_document("我们几个同乡当了领导以后搞了个老乡会，经常聚一聚，有问题吗？", docs) is None
    assert (
        focus_document("石马村现在怎么样了", [*docs, _doc("shima", "news", "报道", "石马村换了新颜。")])
        == "shima"
    )


def test_people_are_not_answered_with_a_sections_leads() -> None:
    # holdout5 h5-326: "哪些人" is answered by the in-sentence list, not by the four leads of the section
    chunks = [
        _hit("tasks", 1, "认真落实要求,扎实推进抓党建促脱贫攻坚。"),
        _hit("tasks", 2, "持续整顿软弱涣散村党组织。对去年集中整顿情况开展一次“回头看”。"),
        _hit("tasks", 3, "选优配强村党组织带头人。聚焦深度贫困地区。"),
        _hit("tasks", 4, "发展壮大村级集体经济。按照试点工作安排。"),
        _hit(
            "tasks", 5, "加大乡镇党委建设力度。注重从优秀村党组织书记、选调生、大学生村官中选拔乡镇领导干部。"
        ),
    ]
    question = "注重从哪些人中选拔乡镇领导干部？2020年那篇文章怎么说的"
    ask = list_ask(question)
    assert ask is not None and find_list(ask, chunks, question) is None
