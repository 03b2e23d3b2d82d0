"""Issue 11: article-centred, complete, authority-ordered answers; item selection; evidence-matched refusals.

Hand-made hits (the real 党章 texts of fakes plus small documents reproducing public bug reports of other
RAG products); the real-knowledge versions of the same examples are in tests/slow/test_member_answers.py.
"""

from __future__ import annotations

import pytest
from fakes import CHUNKS, DOC_ID, TITLE, hit, hits_for

from service.rag.authority import authority_class, authority_rank, prefer_authoritative, restates
from service.rag.conversation import item_selector, resolve
from service.rag.extract import (
    ItemSelector,
    complete,
    count_unit,
    defined_term,
    defines,
    extract,
    named_titles,
)
from service.rag.refusal import mention_only, number_answers
from service.rag.spelling import Speller
from service.schemas import Chunk, Hit
from service.store.conversations import Topic, Turn


def _part_hits(n: int, cut_at: str) -> list[Hit]:
    """Article ``n`` stored as two chunks, cut before ``cut_at`` (as a long article is split at 款)."""
    chunk = next(c for c in CHUNKS if c.article_no == n)
    k = chunk.text.index(cut_at)
    first = chunk.model_copy(
        update={"text": chunk.text[:k].rstrip(), "chunk_id": f"{DOC_ID}#a{n}", "part": 1}
    )
    second = chunk.model_copy(update={"text": chunk.text[k:], "chunk_id": f"{DOC_ID}#a{n}.2", "part": 2})
    return [hit(first), hit(second)]


def test_count_question_gets_every_item_of_an_article_stored_in_two_chunks() -> None:
    # "党员的义务有几条": items （一）–（七） were cut to their first clause, （八） was missing, no count.
    hits = _part_hits(3, "（八）") + hits_for(7, 5)
    ex = extract("党员的义务有几条", hits, max_chars=300)
    assert ex.answer.startswith("根据《中国共产党章程》第三条，共八条：\n党员必须履行下列义务：")
    for k in "一二三四五六七八":
        assert f"（{k}）" in ex.answer
    assert "……" not in ex.answer  # never a cut-off item
    assert "发扬社会主义新风尚，带头实践社会主义核心价值观和社会主义荣辱观" in ex.answer
    # One article, one citation (was （七）[1] （八）[2]): the quote runs across both stored parts.
    assert ex.citations[0].chunk_id == f"{DOC_ID}#a3"
    assert "（七）" in ex.citations[0].quote and "（八）" in ex.citations[0].quote
    assert ex.answer.count("[1]") == 1 and "[2]" not in ex.answer.split("（八）")[1].split("\n")[0]
    assert len(ex.complete_items) == 8


def test_definition_question_prefers_the_enumerating_article_over_a_passing_mention() -> None:
    # "党员的义务是什么" was answered with "预备党员的义务同正式党员一样。" only.
    ex = extract("党员的义务是什么", hits_for(7, 3), max_chars=300)
    assert ex.citations[0].locator == "第三条"
    assert "（八）发扬社会主义新风尚" in ex.answer


def test_named_text_is_quoted_whole_and_beats_a_mention() -> None:
    oath = Chunk(
        chunk_id=f"{DOC_ID}#a6", doc_id=DOC_ID, title=TITLE, doc_type="regulation", locator="第六条",
        article_no=6,
        text="第六条　预备党员必须面向党旗进行入党宣誓。誓词如下：我志愿加入中国共产党，拥护党的纲领，遵守党的章程，"
        "履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，"
        "随时准备为党和人民牺牲一切，永不叛党。",
    )  # fmt: skip
    mention = Chunk(
        chunk_id="theory#p8",
        doc_id="theory",
        title="夯实基础狠抓落实",
        doc_type="theory",
        locator="第8段",
        text="基层党组织要严格执行主题党日制度，坚持和完善重温入党誓词、党员过政治生日等政治仪式。",
    )
    ex = extract("入党誓词是什么", [hit(mention), hit(oath)], max_chars=300)
    assert ex.answer.startswith("根据《中国共产党章程》第六条：")
    assert "誓词如下：我志愿加入中国共产党" in ex.answer and "永不叛党。" in ex.answer


def test_numbered_concept_is_defined_by_its_enumeration() -> None:
    assert defines("牢固树立政治意识、大局意识、核心意识、看齐意识", "四个意识")
    assert not defines("增强“四个意识”、坚定“四个自信”、做到“两个维护”", "四个意识")
    assert defines("党员必须履行下列义务：", "党员的义务")
    assert not defines("坚持和完善重温入党誓词、党员过政治生日等政治仪式", "入党誓词")
    assert defined_term("什么是“三会一课”") == "三会一课"
    assert defined_term("入党宣誓的誓词内容") == "入党宣誓的誓词"


def test_regulation_leads_and_a_contradicting_faq_is_flagged_not_listed_silently() -> None:
    law = Hit(
        doc_id="volunteer-regulation", title="志愿服务条例", chunk_id="volunteer-regulation#a17",
        locator="第十七条", article_no=17, doc_type="regulation", score=0.5,
        text="第十七条　志愿者应当履行志愿服务协议约定的义务，遵守志愿服务组织的规章制度。",
    )  # fmt: skip
    faq = Hit(
        doc_id="faq-page", title="志愿者常见问题", chunk_id="faq-page#p1", locator="第1段", doc_type="other",
        score=0.9, text="问：志愿者应当履行哪些义务？\n答：志愿者无需履行任何义务。",
    )  # fmt: skip
    ex = extract("志愿者应当履行哪些义务", [faq, law], max_chars=300)
    assert ex.answer.startswith("根据《志愿服务条例》第十七条：")
    assert "问：" not in ex.answer  # a FAQ question line is never an answer
    if "无需履行" in ex.answer:
        assert "（与上述更具权威的规定不一致）" in ex.answer
        assert ex.notes == ["所引来源之间说法不一致：以更具权威的《志愿服务条例》为准。"]
        assert all(not c.quote.startswith("问") for c in ex.citations)


def test_faq_question_line_alone_is_never_quoted() -> None:
    faq = Hit(
        doc_id="faq-page", title="志愿者常见问题", chunk_id="faq-page#p1", locator="第1段", doc_type="other",
        score=0.9, text="问：志愿者应当履行哪些义务？\n答：志愿者无需履行任何义务。",
    )  # fmt: skip
    ex = extract("志愿者应当履行哪些义务", [faq], max_chars=300)
    assert "问：" not in ex.answer
    assert all("问：" not in c.quote for c in ex.citations)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"doc_id": "cpc-constitution-2017", "doc_type": "regulation"}, "party_constitution"),
        ({"doc_id": "cpc-discipline-2023", "doc_type": "regulation"}, "party_regulation"),
        ({"doc_id": "x", "type": "party_regulation"}, "party_regulation"),
        ({"doc_id": "civil-servant-law", "doc_type": "regulation"}, "law"),
        ({"doc_id": "theory-1", "doc_type": "theory"}, "theory"),
        ({"doc_id": "faq", "doc_type": "other"}, "other"),
    ],
)
def test_authority_classes(meta: dict[str, str], expected: str) -> None:
    assert authority_class(meta) == expected


def test_authority_order_is_configurable() -> None:
    law = {"doc_id": "civil-servant-law", "doc_type": "regulation"}
    theory = {"doc_id": "t", "doc_type": "theory"}
    assert authority_rank(law) < authority_rank(theory)
    order = ("party_constitution", "party_regulation", "theory", "law", "other")
    assert authority_rank(law, order) > authority_rank(theory, order)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("第八点呢", ItemSelector(ordinal=8)),
        ("其中第三项是什么？", ItemSelector(ordinal=3)),
        ("上面说的第三项", ItemSelector(ordinal=3)),
        ("最后一项呢", ItemSelector(ordinal=-1)),
        ("哪一项和隐私有关？", ItemSelector(about="隐私")),
        ("第三项规定的期限是多久", None),
        ("第五条呢", None),
        ("那入党誓词呢", None),
    ],
)
def test_item_selection_is_recognised_by_what_is_left(question: str, expected: ItemSelector | None) -> None:
    assert item_selector(question) == expected


def test_topic_change_follow_up_keeps_the_new_topic_as_an_alternative() -> None:
    prev = Turn("党员有哪些义务", "党员有哪些义务", Topic(doc_id=DOC_ID, article_no=3))
    res = resolve("那入党誓词呢", [prev])
    assert res.rule == "swap" and res.alternatives == ["入党誓词"]


def test_item_selector_picks_from_the_whole_article() -> None:
    hits = _part_hits(3, "（八）")
    eighth = extract("党员有哪些义务 第八点", hits, max_chars=300, selector=ItemSelector(ordinal=8))
    assert "（八）发扬社会主义新风尚" in eighth.answer and "（七）" not in eighth.answer
    last = extract("党员有哪些义务", hits, max_chars=300, selector=ItemSelector(ordinal=-1))
    assert last.answer == eighth.answer
    about = extract("党员有哪些义务", hits, max_chars=300, selector=ItemSelector(about="秘密"))
    assert "（四）自觉遵守党的纪律" in about.answer


def test_llm_answer_completeness_check() -> None:
    items = ["（一）认真学习马克思列宁主义。", "（二）贯彻执行党的基本路线和各项方针、政策。"]
    assert complete("党员要认真学习马克思列宁主义，还要贯彻执行党的基本路线和各项方针、政策。", items)
    assert not complete("党员要认真学习马克思列宁主义。", items)


def test_quantity_needs_a_number_near_what_was_asked() -> None:
    first = "年满十八岁的中国工人……愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。"
    assert not number_answers("党费交纳标准是多少", first)
    assert number_answers("预备党员的预备期是多长时间", "预备党员的预备期为一年。")
    assert not number_answers("党费的交纳比例是多少", "党员应当按月交纳党费，每月一次。")
    assert count_unit("党员的义务有几条") == "条" and count_unit("处分有几种") == "种"


def test_term_only_mentioned_is_detected() -> None:
    mentions = ["村党支部“三会一课”一次都没落下。", "把学习贯穿“三会一课”、主题党日等组织生活。"]
    assert mention_only("三会一课", mentions, defines)
    defined = [*mentions, "“三会一课”是指定期召开支部党员大会、支部委员会、党小组会，按时上好党课。"]
    assert not mention_only("三会一课", defined, defines)
    assert not mention_only("党费标准", mentions, defines)  # not mentioned at all: other checks decide


def test_homophone_typos_are_corrected_against_the_knowledge_base() -> None:
    corpus = "党员必须履行下列义务：\n预备党员的义务同正式党员一样。\n" * 30 + "坚持社会主义物质文明。\n"
    speller = Speller.build(corpus, {"义务": 1.0, "党员": 0.5, "物质": 2.0, "三会一课": 3.0})
    assert speller.correct("党员的义物有哪些") == "党员的义务有哪些"
    assert speller.correct("党员的义务有几条") == "党员的义务有几条"  # question words are left alone
    assert speller.correct("刑法第十条") == "刑法第十条"  # a real word is no typo
    assert speller.correct("什么是“义物”") == "什么是“义物”"  # a quoted term is written as meant


def test_questions_about_documents_the_knowledge_base_lacks_are_refused() -> None:
    from service.rag.refusal import enumeration_answers, unknown_document

    titles = ["中国共产党章程", "中国共产党纪律处分条例", "中国共产党支部工作条例（试行）"]
    assert unknown_document("党内监督条例规定的党内监督主要方式有哪些", titles) == "党内监督条例"
    assert (
        unknown_document("《中国共产党农村基层组织工作条例》是哪一年印发的", titles) == "农村基层组织工作条例"
    )
    assert unknown_document("按照纪律处分条例，警告处分影响多久", titles) is None
    assert unknown_document("支部工作条例对党员大会有什么规定", titles) is None
    # a year or version word before a held work names that work, not 《年纪律处分条例》 (member trial)
    assert unknown_document("2023年纪律处分条例新增了哪些内容", titles) is None
    assert unknown_document("2018年版纪律处分条例第八条", titles) is None
    assert unknown_document("旧版纪律处分条例怎么规定的", titles) is None
    assert unknown_document("2019年党内监督条例有哪些变化", titles) == "党内监督条例"
    # a version word then a bare 条例 names the held work (regulations set: 《统计造假是新版条例》, 《在现行条例》)
    assert unknown_document("统计造假是新版条例才有的处分规定吗？具体怎么处分？", titles) is None
    assert unknown_document("领导干部政绩观错位，在现行条例里怎么处理？", titles) is None
    assert unknown_document("按旧版条例，公款旅游怎么处分", titles) is None
    assert unknown_document("新版党内监督条例怎么规定", titles) == "党内监督条例"
    assert not enumeration_answers("中央八项规定具体是哪八项", "严格执行中央八项规定及其实施细则。")
    assert enumeration_answers("“四个自信”指哪四个自信", "坚定道路自信、理论自信、制度自信、文化自信。")


def test_quoted_term_is_the_term_asked_about() -> None:
    assert defined_term("入党以后老听人说党的“最终目标”，这个目标到底是啥？") == "最终目标"


def test_quantity_with_a_unit_needs_that_unit() -> None:
    training = "基层党委应当对发展对象进行短期集中培训。培训时间一般不少于3天（或不少于24个学时）。"
    assert not number_answers(
        "入党申请书至少要写多少字", "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话。"
    )
    assert number_answers("发展对象培训要几天", training)
    assert not number_answers("发展对象培训要多少名", training)


# --- issue 11, second round: choosing and composing what to show (trial findings) ---------------------


def _article(doc_id: str, title: str, n: int, locator: str, text: str, *, score: float = 0.5,
             chapter: str | None = None, doc_type: str = "regulation", part: str = "") -> Hit:  # fmt: skip
    return Hit(
        doc_id=doc_id, title=title, chunk_id=f"{doc_id}#a{n}{part}", locator=locator, article_no=n,
        doc_type=doc_type, score=score, text=text,  # type: ignore[arg-type]
        chapter_path=[chapter] if chapter else [],
    )  # fmt: skip


def test_a_rule_for_another_subject_is_not_flagged_as_a_conflict() -> None:
    # "党员可以信仰宗教吗": 宪法第三十六条 governs the state and citizens, the 党纪 the members; it was marked
    # "与上述更具权威的规定不一致".
    rule = _article(
        "cpc-discipline-2023", "中国共产党纪律处分条例", 69, "第六十九条", score=0.9,
        text="第六十九条 对信仰宗教的党员，应当加强思想教育，要求其限期改正；经党组织帮助教育仍没有转变的，应当劝其退党。",
    )  # fmt: skip
    constitution = _article(
        "constitution", "中华人民共和国宪法", 36, "第三十六条", score=0.8,
        text="第三十六条 任何国家机关、社会团体和个人不得强制公民信仰宗教或者不信仰宗教，不得歧视信仰宗教的公民和不信仰宗教的公民。",
    )  # fmt: skip
    ex = extract("党员可以信仰宗教吗", [rule, constitution], max_chars=400)
    assert ex.answer.startswith("根据《中国共产党纪律处分条例》第六十九条：")
    assert "不一致" not in ex.answer
    assert ex.notes == []


def test_focused_question_leads_with_the_item_that_answers_it() -> None:
    # "党的最高领导机关是什么" pasted all six items of 党章第十条; the answer is item （三）.
    art10 = _article(
        DOC_ID, TITLE, 10, "第十条", score=0.9,
        text="第十条　党是根据自己的纲领和章程，按照民主集中制组织起来的统一整体。党的民主集中制的基本原则是：\n\n"
        "（一）党员个人服从党的组织，少数服从多数，下级组织服从上级组织，全党各个组织和全体党员服从党的全国代表大会和中央委员会。\n\n"
        "（二）党的各级领导机关，除它们派出的代表机关和在非党组织中的党组外，都由选举产生。\n\n"
        "（三）党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。党的地方各级领导机关，是党的地方各级代表大会和它们所产生的委员会。\n\n"
        "（四）党的上级组织要经常听取下级组织和党员群众的意见，及时解决他们提出的问题。",
    )  # fmt: skip
    ex = extract("党的最高领导机关是什么", [art10, *hits_for(3)], max_chars=600)
    assert ex.answer.startswith(
        "根据《中国共产党章程》第十条：\n（三）党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。"
    )
    assert "（一）" not in ex.answer and "（四）" not in ex.answer
    assert ex.citations[0].locator == "第十条"


def test_list_question_shows_every_list_of_the_article_about_the_asked_thing() -> None:
    # "问责的方式有哪些" gave only the party-organisation half of 问责条例第七条.
    art7 = _article(
        "cpc-accountability-2016", "中国共产党问责条例", 7, "第七条", score=0.9,
        text="第七条 对党组织的问责方式包括：\n\n（一）检查。对履行职责不力、情节较轻的，应当责令其作出书面检查并切实整改。\n\n"
        "（二）通报。对履行职责不力、情节较重的，应当责令整改，并在一定范围内通报。\n\n"
        "（三）改组。对失职失责，严重违反党的纪律、本身又不能纠正的，应当予以改组。\n\n对党的领导干部的问责方式包括：\n\n"
        "（一）通报。对履行职责不力的，应当严肃批评，依规整改，并在一定范围内通报。\n\n"
        "（二）诫勉。对失职失责、情节较轻的，应当以谈话或者书面方式进行诫勉。\n\n"
        "（三）组织调整或者组织处理。对失职失责、情节较重，不适宜担任现职的，应当根据情况采取停职检查、调整职务、责令辞职、降职、免职等措施。\n\n"
        "（四）纪律处分。对失职失责应当给予纪律处分的，依照《中国共产党纪律处分条例》追究纪律责任。",
    )  # fmt: skip
    art9 = _article(
        "cpc-accountability-2016", "中国共产党问责条例", 9, "第九条", score=0.5,
        text="第九条 问责决定作出后，应当及时向被问责党组织或者党的领导干部及其所在党组织宣布并督促执行。",
    )  # fmt: skip
    ex = extract("问责的方式有哪些", [art7, art9], max_chars=800)
    for item in (
        "（一）检查",
        "（三）改组",
        "对党的领导干部的问责方式包括：",
        "（二）诫勉",
        "（三）组织调整或者组织处理",
        "（四）纪律处分",
    ):
        assert item in ex.answer
    assert "第九条" not in ex.answer  # the unrelated article is not appended


INTEGRITY = "中国共产党廉洁自律准则"
_INTEGRITY_ARTICLES = [
    (1, "第一条", "党员廉洁自律规范", "第一条 坚持公私分明，先公后私，克己奉公。"),
    (2, "第二条", "党员廉洁自律规范", "第二条 坚持崇廉拒腐，清白做人，干净做事。"),
    (3, "第三条", "党员廉洁自律规范", "第三条 坚持尚俭戒奢，艰苦朴素，勤俭节约。"),
    (4, "第四条", "党员廉洁自律规范", "第四条 坚持吃苦在前，享受在后，甘于奉献。"),
    (5, "第五条", "党员领导干部廉洁自律规范", "第五条 廉洁从政，自觉保持人民公仆本色。"),
    (6, "第六条", "党员领导干部廉洁自律规范", "第六条 廉洁用权，自觉维护人民根本利益。"),
    (7, "第七条", "党员领导干部廉洁自律规范", "第七条 廉洁修身，自觉提升思想道德境界。"),
    (8, "第八条", "党员领导干部廉洁自律规范", "第八条 廉洁齐家，自觉带头树立良好家风。"),
]


def _integrity_hits() -> list[Hit]:
    political_life = Hit(
        doc_id="cpc-political-life-2016", title="关于新形势下党内政治生活的若干准则", chunk_id="pl#p4",
        locator="十二 第4段", doc_type="regulation", score=0.5,
        text="各级领导干部特别是高级干部要坚持立党为公、执政为民，坚持公私分明、先公后私、克己奉公，带头执行廉洁自律准则。",
    )  # fmt: skip
    articles = [
        _article("cpc-integrity-2015", INTEGRITY, n, loc, text, score=0.9 - n / 20, chapter=ch)
        for n, loc, ch, text in _INTEGRITY_ARTICLES
    ]
    # As in the trial: the 廉洁自律准则 ranks first, the 政治生活准则 (which mentions it) below.
    return [articles[1], articles[5], political_life, *articles[:1], *articles[2:5], *articles[6:]]


def test_named_document_and_a_section_of_short_articles_answer_a_named_group() -> None:
    # "廉洁自律准则的四个坚持是什么": hits were the 廉洁自律准则 but the answer quoted the 政治生活准则, and
    # none of 公私分明、崇廉拒腐、尚俭戒奢、吃苦在前 was listed.
    ex = extract("廉洁自律准则的四个坚持是什么", _integrity_hits(), max_chars=600)
    assert ex.answer.startswith(
        "根据《中国共产党廉洁自律准则》第一条至第四条，共四项：\n坚持公私分明，先公后私，克己奉公。[1]"
    )
    body = ex.answer.split("另据")[0]
    for k in ("坚持公私分明", "坚持崇廉拒腐", "坚持尚俭戒奢", "坚持吃苦在前"):
        assert k in body
    assert body.index("崇廉拒腐") < body.index("尚俭戒奢") < body.index("吃苦在前")  # article order
    assert "廉洁从政" not in body  # the next section is another list


def test_named_titles_match_full_and_short_names() -> None:
    titles = {INTEGRITY, "中国共产党纪律处分条例", "中华人民共和国公务员法", "中国共产党支部工作条例（试行）"}
    assert named_titles("廉洁自律准则的四个坚持是什么", titles) == {INTEGRITY}
    assert named_titles("按照支部工作条例，支委会多久开一次", titles) == {"中国共产党支部工作条例（试行）"}
    assert named_titles("党员有哪些义务", titles) == set()


def test_a_restating_party_rule_yields_to_the_party_constitution() -> None:
    # dev set: 党内法规 articles that restate the 党章 ranked first; the 党章 wins on normative questions.
    rule = _article(
        "cpc-member-recruitment-2014", "中国共产党发展党员工作细则", 32, "第三十二条", score=1.0,
        text="第三十二条 预备党员的预备期为一年。预备期从支部大会通过其为预备党员之日算起。",
    )  # fmt: skip
    other = _article("civil-servant-law", "中华人民共和国公务员法", 34, "第三十四条", score=0.95,
                     text="第三十四条 新录用的公务员试用期为一年。")  # fmt: skip
    charter = _article(
        "cpc-constitution-2017", TITLE, 7, "第七条", score=0.6,
        text="第七条　预备党员的预备期为一年。预备党员的预备期，从支部大会通过他为预备党员之日算起。",
    )  # fmt: skip
    ranked = prefer_authoritative([rule, other, charter])
    assert [h.doc_id for h in ranked] == [
        "cpc-constitution-2017",
        "cpc-member-recruitment-2014",
        "civil-servant-law",
    ]
    assert prefer_authoritative([other, charter]) == [other, charter]  # different content keeps its order
    # a near tie (within AUTHORITY_TIE of the score above) goes to the more authoritative source
    close = charter.model_copy(update={"score": 0.9})
    assert prefer_authoritative([other, close]) == [close, other]
    assert restates(rule.text, charter.text) and not restates(other.text, charter.text)
