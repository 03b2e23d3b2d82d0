"""Issue 11, items 2 and 6: whole lists of every kind, with their count, and follow-ups about a list's items.

Hand-made hits with the regulations' own wording; the same examples over the shipped knowledge with the real
embedder are in tests/slow/test_whole_lists_knowledge.py.
"""

from __future__ import annotations

from list_samples import INTEGRITY, INTEGRITY_NORMS, article_hit

from service.rag.conversation import history_from_questions, item_question, names_matter, resolve
from service.rag.extract import ItemSelector, extract, list_member
from service.rag.spelling import Speller
from service.schemas import Hit
from service.text.refs import find_selection

DISCIPLINE = "中国共产党纪律处分条例"


_article = article_hit


PRINCIPLES = (
    "第四条 党的纪律处分工作遵循下列原则：\n\n（一）坚持党要管党、全面从严治党。把纪律挺在前面。\n\n"
    "（二）党纪面前一律平等。\n\n（三）实事求是。\n\n（四）民主集中制。\n\n（五）惩前毖后、治病救人。"
)


def test_a_whole_list_states_its_count_though_none_was_asked() -> None:
    # reg-046 "党纪处分工作要遵循哪些原则": all five principles were shown, but not that there are five
    ex = extract("党纪处分工作要遵循哪些原则？", [_article("d", DISCIPLINE, 4, PRINCIPLES)], max_chars=600)
    assert ex.answer.startswith(f"根据《{DISCIPLINE}》第四条，共五项：\n党的纪律处分工作遵循下列原则：")
    assert "（五）惩前毖后、治病救人。" in ex.answer
    assert len(ex.complete_items) == 5  # an LLM answer to it must list all five


def test_a_list_whose_intro_announces_what_was_asked_states_its_count() -> None:
    # reg-094 "培养联系人的主要任务有哪些": the intro follows another sentence, but announces the 主要任务 asked for
    text = (
        "第九条 党组织应当指定一至两名正式党员作入党积极分子的培养联系人。培养联系人的主要任务是：\n\n"
        "（一）向入党积极分子介绍党的基本知识；\n\n（二）做好培养教育工作；\n\n（三）及时向党支部汇报入党积极分子情况；"
        "\n\n（四）向党支部提出能否将入党积极分子列为发展对象的意见。"
    )
    ex = extract(
        "培养联系人的主要任务有哪些？", [_article("r", "中国共产党发展党员工作细则", 9, text)], max_chars=600
    )
    assert ex.answer.startswith("根据《中国共产党发展党员工作细则》第九条，共四项：")


def test_a_list_in_one_sentence_states_its_count() -> None:
    # mem-158 "组织处理包括哪些措施": 停职检查、调整职务、责令辞职、免职、降职, five measures in one sentence
    text = (
        "第三条 本规定所称组织处理，是指党组织对违规违纪违法、失职失责失范的领导干部采取的岗位、职务、职级调整"
        "措施，包括停职检查、调整职务、责令辞职、免职、降职。"
    )
    ex = extract(
        "组织处理包括哪些措施？", [_article("o", "中国共产党组织处理规定（试行）", 3, text)], max_chars=600
    )
    assert ex.answer.startswith("根据《中国共产党组织处理规定（试行）》第三条，共五项：")
    assert "停职检查、调整职务、责令辞职、免职、降职" in ex.answer


ORGANISATIONS = (
    "第九条 对于违犯党纪的党组织，上级党组织应当责令其作出书面检查或者给予通报批评。对于严重违犯党纪、本身又不能"
    "纠正的党组织，上一级党的委员会在查明核实后，根据情节严重的程度，可以予以：\n\n（一）改组；\n\n（二）解散。"
)
JOINT = (
    "第二十七条 党组织领导机构集体作出违犯党纪的决定或者实施其他违犯党纪的行为，对具有共同故意的成员，按共同违纪"
    "处理；对过失违纪的成员，按照各自在集体违纪中所起的作用和应负的责任分别给予处分。"
)


def test_a_list_question_leads_with_the_list_that_names_its_subject() -> None:
    # mem-116 "违犯党纪的党组织会受到哪些处理": 第二十七条 (共同违纪) led, 第九条's 改组/解散 was not shown
    hits = [
        _article("d", DISCIPLINE, 27, JOINT, score=1.0),
        _article("d", DISCIPLINE, 9, ORGANISATIONS, score=1.0),
    ]
    ex = extract("违犯党纪的党组织会受到哪些处理？", hits, max_chars=600)
    assert ex.answer.startswith(
        f"根据《{DISCIPLINE}》第九条："
    )  # no count: the list is not all the article says
    for span in ("书面检查或者给予通报批评", "（一）改组；", "（二）解散。"):
        assert span in ex.answer.split("另据")[0]


def test_a_list_naming_another_subject_does_not_take_the_lead() -> None:
    # mem-102 "党组的任务主要有哪些": 入党介绍人的主要任务 is a list, but not of the 党组
    party_group = _article(
        "c", "中国共产党章程", 48, "第四十八条 党组的任务，主要是负责贯彻执行党的路线、方针、政策；讨论和决定本单位的重大问题；"
        "做好干部管理工作。", score=1.0,
    )  # fmt: skip
    sponsor = _article(
        "r", "中国共产党发展党员工作细则", 15, "第十五条 入党介绍人的主要任务是：\n\n（一）向发展对象解释党的纲领、章程；"
        "\n\n（二）如实向党组织汇报。", score=0.95,
    )  # fmt: skip
    ex = extract("党组的任务主要有哪些？", [party_group, sponsor], max_chars=600)
    assert ex.answer.startswith("根据《中国共产党章程》第四十八条：")
    assert "做好干部管理工作" in ex.answer


def _norm_hits() -> list[Hit]:
    preamble = Hit(
        doc_id="i", title=INTEGRITY, chunk_id="i#pre1", locator="序言·第1段", doc_type="regulation", score=1.0,
        text="中国共产党全体党员和各级党员领导干部必须坚定共产主义理想和中国特色社会主义信念，廉洁自律，接受监督。",
    )  # fmt: skip
    articles = [
        _article("i", INTEGRITY, n, text, score=0.9 - n / 50, chapter=ch) for n, ch, text in INTEGRITY_NORMS
    ]
    # as retrieved: the preamble first, then the articles out of order
    return [preamble, articles[6], articles[1], articles[5], articles[4], articles[0], articles[2], articles[3],
            articles[7]]  # fmt: skip


def test_the_section_a_question_names_is_the_list() -> None:
    # mem-150 / mem-416: the norms are one-line articles under two headings; the answer was the preamble plus two
    # articles of either section
    ex = extract("廉洁自律准则对普通党员提了哪几条规范？", _norm_hits(), max_chars=600)
    lead = ex.answer.split("另据")[0]
    assert lead.startswith(f"根据《{INTEGRITY}》第一条至第四条，共四条：")
    for span in (
        "坚持公私分明，先公后私，克己奉公",
        "坚持崇廉拒腐",
        "坚持尚俭戒奢",
        "坚持吃苦在前，享受在后，甘于奉献",
    ):
        assert span in lead
    assert "廉洁从政" not in lead
    ex = extract("廉洁自律准则对党员领导干部提了哪几条规范？", _norm_hits(), max_chars=600)
    lead = ex.answer.split("另据")[0]
    assert lead.startswith(f"根据《{INTEGRITY}》第五条至第八条，共四条：")
    for span in ("廉洁从政，自觉保持人民公仆本色", "廉洁用权", "廉洁修身", "廉洁齐家，自觉带头树立良好家风"):
        assert span in lead
    assert "坚持公私分明" not in lead


def test_a_homophone_the_questions_frame_calls_for_replaces_a_real_word() -> None:
    # mem-210 "党员的权力有哪些": 权力 is a word of the knowledge base, but it never writes 党员的权力; 党员的权利 it does
    corpus = (
        "党员享有下列权利：\n保障党员的权利。\n恢复其党员权利。\n侵犯党员权利。\n正确行使权力。\n权力运行。\n"
    )
    speller = Speller.build(corpus, {"权力": 1.0, "权利": 1.2, "党员": 0.5})
    assert speller.correct("党员的权力有哪些？") == "党员的权利有哪些？"
    assert speller.correct("党员权力有哪些") == "党员权利有哪些"
    assert speller.correct("怎样正确行使权力") == "怎样正确行使权力"  # the frame takes 权力
    assert speller.correct("公民的权力有哪些") == "公民的权力有哪些"  # no frame either way: left alone


def test_selections_count_kinds() -> None:
    assert find_selection("最后一种是不是最重的") == (-1, 0, 4)
    assert find_selection("第二种是什么意思") == (2, 0, 3)


def test_a_question_about_an_item_is_told_from_asking_for_it() -> None:
    assert item_question("最后一种是不是最重的？") == (-1, 0, 4)
    assert item_question("那第一种算不算处分") == (1, 1, 4)
    assert item_question("第二种呢") is None  # asks for the item itself (item_selector)
    assert item_question("第一种形态是什么") is None  # 监督执纪第一种形态: a term, not an item
    history = history_from_questions(["对党员的纪律处分有哪几种？"])
    res = resolve("最后一种是不是最重的？", history)
    assert (res.rule, res.selector, res.selection) == ("item_ask", ItemSelector(ordinal=-1), (0, 4))


def test_the_selected_member_of_a_list_is_its_phrase() -> None:
    kinds = _article(
        "c", "中国共产党章程", 41, "第四十一条 对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。"
        "\n\n开除党籍是党内的最高处分。",
    )  # fmt: skip
    assert list_member([kinds], ItemSelector(ordinal=-1)) == "开除党籍"
    assert list_member([kinds], ItemSelector(ordinal=2)) == "严重警告"
    assert list_member([kinds], ItemSelector(ordinal=6)) is None
    numbered = _article("d", DISCIPLINE, 9, ORGANISATIONS)
    assert list_member([numbered], ItemSelector(ordinal=2)) == "解散"
    assert list_member([_article("d", DISCIPLINE, 27, JOINT)], ItemSelector(ordinal=1)) is None
    oath = _article(
        "c", "中国共产党章程", 6, "第六条 预备党员必须面向党旗进行入党宣誓。誓词如下：我志愿加入中国共产党，拥护党的纲领，"
        "遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，永不叛党。",
    )  # fmt: skip
    assert list_member([oath], ItemSelector(ordinal=-1)) is None  # clauses, not members of a list


def test_a_state_without_a_subject_is_the_conversations_subject() -> None:
    # mem-523 "留党察看最长多久" + "那期满了还是不改呢": 开除党籍; the state was asked without 留党察看 and
    # answered with 组织处理规定's 影响期满
    assert not names_matter("期满了还是不改")
    assert names_matter("党组织违纪了") and names_matter("送购物卡给领导")
    res = resolve("那期满了还是不改呢？", history_from_questions(["留党察看最长多久？"]))
    assert (res.question, res.rule, res.alternatives) == (
        "留党察看期满了还是不改，怎么处理？",
        "swap",
        ["期满了还是不改"],
    )
    res = resolve("那要是我送购物卡给领导呢？", history_from_questions(["收受购物卡会受什么处分？"]))
    assert res.question == "送购物卡给领导会受什么处分？"  # an act of its own keeps its own words


def test_a_count_of_two_reads_liang() -> None:
    ex = extract(
        "严重违纪的党组织可以予以哪几种处理？", [_article("d", DISCIPLINE, 9, ORGANISATIONS)], max_chars=600
    )
    assert ex.answer.startswith(f"根据《{DISCIPLINE}》第九条，共两种：")  # 两种, never 二种


def test_a_numbered_group_spelled_out_by_a_section_leads() -> None:
    # "廉洁自律准则的四个坚持是什么": the preamble led (it scores well on 廉洁自律); 第一条–第四条 each open with 坚持
    ex = extract("廉洁自律准则的四个坚持是什么", _norm_hits(), max_chars=600)
    lead = ex.answer.split("另据")[0]
    assert lead.startswith(f"根据《{INTEGRITY}》第一条至第四条，共四项：")
    assert "坚持吃苦在前，享受在后，甘于奉献" in lead and "廉洁从政" not in lead
    ex = extract("廉洁自律准则的四个廉洁是什么", _norm_hits(), max_chars=600)
    assert ex.answer.split("另据")[0].startswith(f"根据《{INTEGRITY}》第五条至第八条，共四项：")
