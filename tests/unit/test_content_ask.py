"""Content questions and the passages that spell out what they ask for (service/rag/extract.py, issue 11 item 3)."""

from __future__ import annotations

import pytest

from service.rag.extract import ContentAsk, content_ask, extract, spell_kind, spells_out_ask
from service.schemas import Hit
from service.text.normalize import normalize_for_match


@pytest.mark.parametrize(
    ("question", "term", "subject", "head"),
    [
        ("党的性质是什么？", "党的性质", "党", None),
        ("“两个一百年”奋斗目标具体是什么？", "两个一百年", None, None),
        ("四個意識指的是哪四個？", "四个意识", None, None),
        ("干部队伍“四化”指哪四化？", "四化", None, None),
        ("领导干部要做到的“四自”是什么？", "四自", None, None),
        ("纪检机关的三项职责是哪三项？", "三项职责", None, None),
        ("纪委的主要任务有哪些？", "纪委的主要任务", "纪委", "主要任务"),
        ("什么是民主集中制", "民主集中制", None, None),
        # trial 3, item 4: a list attribute after the count is what is asked for, not the subject itself
        ("党员有哪几项义务", "党员的义务", None, None),
        ("党员有哪几条义务？", "党员的义务", None, None),
        ("“四个自信”指哪四个自信？", "四个自信", None, None),
    ],
)
def test_content_ask(question: str, term: str, subject: str | None, head: str | None) -> None:
    assert content_ask(question) == ContentAsk(term, subject=subject, head=head)


@pytest.mark.parametrize(
    "question",
    ["支委会多久开一次？", "预备党员的预备期是多久", "党章第三十二条", "给党员处分要经过哪些程序批准？"],
)
def test_other_questions_ask_for_no_content(question: str) -> None:
    assert content_ask(question) is None


def _spells(question: str, text: str, aliases: tuple[str, ...] = ()) -> bool:
    ask = content_ask(question)
    assert ask is not None
    return spells_out_ask(normalize_for_match(text), ask, aliases)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("党的性质是什么", "中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队。"),
        (
            "四个意识是哪四个",
            "全党必须牢固树立政治意识、大局意识、核心意识、看齐意识，自觉在思想上政治上行动上同党中央保持高度一致。",
        ),
        (
            "四个服从是哪四个",
            "（一）党员个人服从党的组织，少数服从多数，下级组织服从上级组织，全党各个组织和全体党员服从党的全国代表大会和中央委员会。",
        ),
        ("“四化”指哪四化", "反对任人唯亲，努力实现干部队伍的革命化、年轻化、知识化、专业化。"),
        ("“四自”是什么", "讲党性、重品行、作表率，做到自重、自省、自警、自励，反对形式主义。"),
        (
            "纪检机关的三项职责是哪三项",
            "党的各级纪律检查委员会的职责是监督、执纪、问责，要经常对党员进行遵守纪律的教育。",
        ),
        (
            "“四种形态”具体是哪四种",
            "深化运用监督执纪“四种形态”，经常开展批评和自我批评，及时进行谈话提醒、批评教育、责令检查、诫勉，"
            "让“红红脸、出出汗”成为常态；党纪轻处分、组织调整成为违纪处理的大多数；党纪重处分、重大职务调整的成为少数；"
            "严重违纪涉嫌犯罪追究刑事责任的成为极少数。",
        ),
        (
            "“两个一百年”具体是什么",
            "经济和社会发展的战略目标是，到建党一百年时，全面建成小康社会；到新中国成立一百年时，全面建成社会主义现代化强国。",
        ),
        ("什么是民主集中制", "民主集中制是民主基础上的集中和集中指导下的民主相结合。"),
    ],
)
def test_passages_that_spell_it_out(question: str, text: str) -> None:
    assert _spells(question, text)


def test_list_intro_naming_the_subject_spells_out_its_list() -> None:
    text = "党的各级纪律检查委员会是党内监督专责机关，主要任务是：维护党的章程和其他党内法规。"
    assert _spells("纪委的主要任务有哪些", text, ("纪律检查委员会",))
    # the intro of another body's list does not: "主要任务是：" without 纪委 in its sentence
    assert not _spells(
        "纪委的主要任务有哪些", "高校党委设立党校。主要任务是：培训党员。", ("纪律检查委员会",)
    )


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # mentions, not definitions
        ("四个意识是哪四个", "增强“四个意识”、坚定“四个自信”、做到“两个维护”，不忘初心、牢记使命。"),
        ("“四自”是什么", "坚定道路自信、理论自信、制度自信、文化自信。"),  # 自信 is no 四自
        ("什么是民主集中制", "坚持和维护党的民主集中制，有民主作风。"),
        ("党的性质是什么", "分析被审查调查人违反党章、背离党的性质宗旨的错误本质。"),
        ("纪检机关的三项职责是哪三项", "纪检监察干部必须具备履行职责的基本条件。"),
    ],
)
def test_passages_that_only_mention_it(question: str, text: str) -> None:
    assert not _spells(question, text)


def test_a_compact_definition_beats_an_elaboration() -> None:
    ask = content_ask("“四种形态”是哪四种")
    assert ask is not None
    intro = "精准有效运用监督执纪“四种形态”：\n（一）第一种形态。\n（二）第二种形态。\n（三）第三种形态。\n（四）第四种形态。"
    assert spell_kind(normalize_for_match(intro), ask) == 1
    compact = "运用“四种形态”，让“红红脸、出出汗”成为常态；甲成为大多数；乙成为少数；丙成为极少数。"
    assert spell_kind(normalize_for_match(compact), ask) == 0


def _hit(
    doc_id: str, title: str, n: int | None, locator: str, text: str, score: float = 1.0, chunk_id: str = ""
) -> Hit:
    return Hit(
        doc_id=doc_id,
        title=title,
        chunk_id=chunk_id or f"{doc_id}#a{n}",
        locator=locator,
        text=text,
        score=score,
        doc_type="regulation",
        article_no=n,
        scores={},
    )


DISCIPLINE = "中国共产党纪律处分条例"
ART51 = (
    "第五十一条 党员通过网络、广播、电视、报刊、传单、书籍等，或者利用讲座、论坛、报告会、座谈会等方式，有下列行为之一，"
    "情节较轻的，给予警告或者严重警告处分；情节较重的，给予撤销党内职务或者留党察看处分；情节严重的，给予开除党籍处分：\n"
    "（一）公开发表坚持资产阶级自由化立场、反对四项基本原则，反对党的改革开放决策的文章、演说、宣言、声明等的；\n"
    "（二）妄议党中央大政方针，破坏党的集中统一的；\n"
    "（三）丑化党和国家形象，或者诋毁、诬蔑党和国家领导人、英雄模范，或者歪曲党的历史、中华人民共和国历史、人民军队历史的。"
)


def test_a_focused_item_keeps_the_stem_that_carries_the_penalty() -> None:
    # trial 2, Q19: "（二）妄议党中央大政方针" alone did not say which 处分 follows
    hits = [_hit("cpc-discipline-2023", DISCIPLINE, 51, "第五十一条", ART51, 1.0)]
    ex = extract("妄议党中央大政方针的党员给什么处分", hits, max_chars=300)
    assert "（二）妄议党中央大政方针" in ex.answer
    assert "情节较轻的，给予警告或者严重警告处分" in ex.answer
    assert "情节严重的，给予开除党籍处分" in ex.answer


RECRUIT = "中国共产党发展党员工作细则"
ART14 = (
    "第十四条 发展对象应当有两名正式党员作入党介绍人。入党介绍人一般由培养联系人担任，也可由党组织指定。\n"
    "受留党察看处分、尚未恢复党员权利的党员，不能作入党介绍人。"
)
ART5 = (
    "第五条　发展党员，必须经过党的支部，坚持个别吸收的原则。\n申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，"
    "要经过支部大会通过和上级党组织批准，并且经过预备期的考察，才能成为正式党员。"
)


def test_a_short_article_that_follows_is_shown_whole() -> None:
    # trial 2, Q7: 细则第十四条 was cut after its first sentence, dropping who may not be a 介绍人
    hits = [
        _hit("cpc-constitution-2017", "中国共产党章程", 5, "第五条", ART5, 1.0),
        _hit("cpc-member-recruitment-2014", RECRUIT, 14, "第十四条", ART14, 0.9),
    ]
    ex = extract("入党要几个介绍人，介绍人有什么要求？", hits, max_chars=300)
    assert "要有两名正式党员作介绍人" in ex.answer
    assert "受留党察看处分、尚未恢复党员权利的党员，不能作入党介绍人。" in ex.answer


GOALS = (
    "在新世纪新时代，经济和社会发展的战略目标是，到建党一百年时，全面建成小康社会；到新中国成立一百年时，"
    "全面建成社会主义现代化强国。我国正处于并将长期处于社会主义初级阶段。这是在原本经济文化落后的中国建设社会主义现代化"
    "不可逾越的历史阶段，需要上百年的时间。我国的社会主义建设，必须从我国的国情出发，走中国特色社会主义道路。"
)


def test_a_clause_cut_at_a_semicolon_brings_the_rest_of_its_sentence() -> None:
    hits = [
        _hit(
            "cpc-constitution-2017",
            "中国共产党章程",
            None,
            "总纲·第10段",
            GOALS,
            1.0,
            "cpc-constitution-2017#pre10",
        )
    ]
    ex = extract(
        "“两个一百年”奋斗目标具体是什么？", hits, max_chars=300, prefer=["cpc-constitution-2017#pre10"]
    )
    assert "到建党一百年时，全面建成小康社会；到新中国成立一百年时，全面建成社会主义现代化强国。" in ex.answer
    assert ex.anchored


def test_preferred_passage_leads_and_mentions_do_not_follow() -> None:
    # "纪委的主要任务有哪些": 党章第四十六条 leads (the answerer found it); 高校条例 only mentions 纪委 here
    art46 = (
        "第四十六条　党的各级纪律检查委员会是党内监督专责机关，主要任务是：维护党的章程和其他党内法规，检查党的路线、方针、政策"
        "和决议的执行情况，协助党的委员会推进全面从严治党、加强党风建设和组织协调反腐败工作。"
    )
    other = "第二十八条 党的各级纪律检查委员会协助同级党的委员会组织协调反腐败工作，纪委的主要任务是推进反腐败斗争。"
    hits = [
        _hit("cpc-constitution-2017", "中国共产党章程", 46, "第四十六条", art46, 0.5),
        _hit(
            "cpc-discipline-commission-2021", "中国共产党纪律检查委员会工作条例", 28, "第二十八条", other, 1.0
        ),
    ]
    ex = extract("纪委的主要任务有哪些？", hits, max_chars=300, prefer=["cpc-constitution-2017#a46"])
    assert ex.citations[0].locator == "第四十六条"
    assert "维护党的章程和其他党内法规" in ex.answer
    assert len(ex.citations) == 1


def test_a_scope_provision_does_not_answer_what_happens() -> None:
    # "本条例适用于……党组织和党员" says to whom the 条例 applies; 第九条 says what happens to a 党组织
    art6 = "第六条 本条例适用于违犯党纪应当受到党纪责任追究的党组织和党员。"
    art9 = (
        "第九条 对于违犯党纪的党组织，上级党组织应当责令其作出书面检查或者给予通报批评。对于严重违犯党纪、本身又不能纠正的"
        "党组织，上级党组织在查明核实后，根据情节严重的程度，可以予以：\n（一）改组；\n（二）解散。"
    )
    hits = [
        _hit("cpc-discipline-2023", DISCIPLINE, 6, "第六条", art6, 1.0),
        _hit("cpc-discipline-2023", DISCIPLINE, 9, "第九条", art9, 0.8),
    ]
    ex = extract("违犯党纪的党组织会受到哪些处理？", hits, max_chars=300)
    assert ex.citations[0].locator == "第九条"
    assert "书面检查或者给予通报批评" in ex.answer and "（一）改组" in ex.answer and "（二）解散" in ex.answer


def test_an_everyday_word_counts_where_the_text_writes_its_formal_form() -> None:
    # 政审 is 政治审查 (service/text/vocabulary.tsv): 细则第十六条, not 第二十五条's "党委主要审议发展对象……"
    art16 = (
        "第十六条 党组织必须对发展对象进行政治审查。\n政治审查的主要内容是：对党的理论和路线、方针、政策的态度；政治历史和在重大"
        "政治斗争中的表现；遵纪守法和遵守社会公德情况；直系亲属和与本人关系密切的主要社会关系的政治情况。"
    )
    art25 = "第二十五条 党委审批预备党员，必须集体讨论和表决。\n党委主要审议发展对象是否具备党员条件、入党手续是否完备。"
    hits = [
        _hit("cpc-member-recruitment-2014", RECRUIT, 16, "第十六条", art16, 0.845),
        _hit("cpc-member-recruitment-2014", RECRUIT, 25, "第二十五条", art25, 0.687),
    ]
    ex = extract("发展对象政审主要审哪些内容？", hits, max_chars=300)
    assert ex.citations[0].locator == "第十六条"
    assert "直系亲属和与本人关系密切的主要社会关系的政治情况" in ex.answer


def test_stages_of_a_procedure_are_the_regulations_procedural_chapters() -> None:
    # "發展黨員的流程分哪幾個階段": 细则's chapters 二–五, not 总则, 领导和纪律 or 附则
    from service.rag.extract import asks_for_stages, stage_outline

    assert asks_for_stages("發展黨員的流程分哪幾個階段？")
    assert not asks_for_stages("现阶段我国社会的主要矛盾是什么？")
    chapters = [
        ("总 则", "第一条 为了规范发展党员工作，制定本细则。"),
        (
            "第二章 入党积极分子的确定和培养教育",
            "第四条 党组织应当通过宣传党的政治主张，提高党外群众对党的认识。",
        ),
        (
            "第三章 发展对象的确定和考察",
            "第十三条 对经过一年以上培养教育和考察的入党积极分子，可列为发展对象。",
        ),
        ("第四章 预备党员的接收", "第十八条 接收预备党员应当严格按照党章规定的程序办理。"),
        ("第五章 预备党员的教育、考察和转正", "第二十七条 党组织应当及时将预备党员编入党支部和党小组。"),
        ("第六章 发展党员工作的领导和纪律", "第三十八条 各级党委应当把发展党员工作列入重要议事日程。"),
        ("第七章 附 则", "第四十条 本细则由中央组织部负责解释。"),
    ]
    hits = [
        (h, _hit("cpc-member-recruitment-2014", RECRUIT, int(i), "", text))
        for i, (h, text) in enumerate(chapters, start=1)
    ]
    ex = stage_outline(hits)
    assert ex is not None
    assert ex.answer.startswith("根据《中国共产党发展党员工作细则》，共四个阶段：")
    for heading in (
        "入党积极分子的确定和培养教育",
        "发展对象的确定和考察",
        "预备党员的接收",
        "预备党员的教育、考察和转正",
    ):
        assert heading in ex.answer
    assert "总 则" not in ex.answer and "领导和纪律" not in ex.answer and "附 则" not in ex.answer
    assert [c.quote for c in ex.citations][2] == "接收预备党员应当严格按照党章规定的程序办理。"


def test_what_kind_of_body_is_answered_by_the_sentence_saying_what_it_is() -> None:
    # "纪委是什么性质的机关" (regulations set): 党章第四十六条 "党的各级纪律检查委员会是党内监督专责机关"
    ask = content_ask("纪委是什么性质的机关？")
    assert ask == ContentAsk("纪委的性质", subject="纪委")
    text = "第四十六条　党的各级纪律检查委员会是党内监督专责机关，主要任务是：维护党的章程和其他党内法规。"
    assert spells_out_ask(normalize_for_match(text), ask, ("纪律检查委员会",))
    assert not spells_out_ask(normalize_for_match("纪检监察干部必须忠诚坚定。"), ask, ("纪律检查委员会",))


def test_a_list_written_in_one_sentence_is_counted() -> None:
    from service.rag.extract import _inline_count, _narrows_to

    # 公务员法第六十二条 and 组织处理规定第三条: the count a 几种 question asks is the members' number
    assert _inline_count("处分分为：警告、记过、记大过、降级、撤职、开除。") == 6
    assert _inline_count("……调整措施，包括停职检查、调整职务、责令辞职、免职、降职等措施。") == 5
    assert _inline_count("党员必须履行下列义务：") is None
    assert _inline_count("预备党员的预备期为一年。") is None
    # 问责条例第七条 lists the 问责方式 of party organisations, then of cadres: a question about one list
    # counts that list only (not "共七种")
    assert _narrows_to(
        "对党组织的问责方式一共有几种", "对党组织的问责方式包括：", "对党的领导干部的问责方式包括："
    )
    assert not _narrows_to("问责的方式有哪些", "对党组织的问责方式包括：", "对党的领导干部的问责方式包括：")
