"""Asks whose answering sentence is worded differently from the question (issue 11, items 3 and 5; holdout3's
``paraphrase`` kind): the sentence that states what was asked must beat one that merely shares the question's
words. Each rule is tested on its own and then on the articles involved (texts of the shipped knowledge,
shortened where the rest plays no part), with the answer that must lead spelled out.

(a) a duration ask is answered by the period of the asked subject's stage ("预备党员的预备期为一年");
(b) a "how" ask with a kind noun as its verb ("怎么给党的干部定位的") asks for that kind;
(c) whether a right is granted is answered by the provision that grants it (党章第四条（八）);
(d) "用好什么“形态”" asks which 形态: the sentence naming the set ("“四种形态”") answers, the quoted noun is no
    term to define;
(e) "诫勉怎么进行" is answered by "以谈话或者书面方式进行诫勉", not by "采取通报、诫勉方式进行问责";
(f) "党员义务中，关于保守秘密是怎么说的" is answered by the item of that list that holds the topic's words;
(g) traditional characters and variants (祕, 裏, 衞, 甚麼) fold to the forms the texts use;
(h) an item of a list is scored with its intro ("对党的领导干部的问责方式包括：").
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from service.rag.asked_kind import names_which, quoted_which, which_noun
from service.rag.extract import (
    ContentAsk,
    Extract,
    asked_right,
    content_ask,
    defined_term,
    extract,
    holds_act,
    list_context,
    manner_act,
    scoped_item,
    spell_kind,
    split_hit,
    states_period,
    withheld,
)
from service.rag.query_terms import informative_terms
from service.rag.refusal.mention import asked_term
from service.schemas import Hit
from service.text.normalize import normalize_for_match

CONSTITUTION = ("cpc-constitution-2017", "中国共产党章程")
RECRUITMENT = ("cpc-member-recruitment-2014", "中国共产党发展党员工作细则")
DISCIPLINE = ("cpc-discipline-2023", "中国共产党纪律处分条例")
ACCOUNTABILITY = ("cpc-accountability-2016", "中国共产党问责条例")
COMMISSION = ("cpc-discipline-commission-2021", "中国共产党纪律检查委员会工作条例")
POLITICAL_LIFE = ("cpc-political-life-2016", "关于新形势下党内政治生活的若干准则")

ARTICLE_3 = (
    "第三条　党员必须履行下列义务：\n\n"
    "（一）认真学习马克思列宁主义、毛泽东思想、邓小平理论，学习党的路线、方针、政策和决议，学习党的基本知识。\n\n"
    "（四）自觉遵守党的纪律，首先是党的政治纪律和政治规矩，模范遵守国家的法律法规，严格保守党和国家的秘密，"
    "执行党的决定，服从组织分配，积极完成党的任务。\n\n"
    "（五）维护党的团结和统一，对党忠诚老实，言行一致，坚决反对一切派别组织和小集团活动。"
)
ARTICLE_4 = (
    "第四条　党员享有下列权利：\n\n"
    "（一）参加党的有关会议，阅读党的有关文件，接受党的教育和培训。\n\n"
    "（五）行使表决权、选举权，有被选举权。\n\n"
    "（六）在党组织讨论决定对党员的党纪处分或作出鉴定时，本人有权参加和进行申辩，其他党员可以为他作证和辩护。\n\n"
    "（八）向党的上级组织直至中央提出请求、申诉和控告，并要求有关组织给以负责的答复。\n\n"
    "党的任何一级组织直至中央都无权剥夺党员的上述权利。"
)
ARTICLE_6 = (
    "第六条　预备党员必须面向党旗进行入党宣誓。誓词如下：我志愿加入中国共产党，拥护党的纲领，遵守党的章程，"
    "履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，"
    "随时准备为党和人民牺牲一切，永不叛党。"
)
ACCOUNTABILITY_7 = (
    "第七条 对党组织的问责方式包括：\n\n"
    "（一）检查。对履行职责不力、情节较轻的，应当责令其作出书面检查并切实整改。\n\n"
    "对党的领导干部的问责方式包括：\n\n"
    "（一）通报。对履行职责不力的，应当严肃批评，依规整改，并在一定范围内通报。\n\n"
    "（二）诫勉。对失职失责、情节较轻的，应当以谈话或者书面方式进行诫勉。\n\n"
    "（三）组织调整或者组织处理。对失职失责、情节较重，不适宜担任现职的，应当根据情况采取停职检查、调整职务、"
    "责令辞职、降职、免职等措施。"
)
ACCOUNTABILITY_8 = (
    "第八条 问责决定应当由党中央或者有管理权限的党组织作出。其中对党的领导干部，纪委（纪检组）、党的工作部门有权"
    "采取通报、诫勉方式进行问责；提出组织调整或者组织处理的建议；采取纪律处分方式问责，按照党章和有关党内法规规定"
    "的权限和程序执行。"
)


def _article(doc: tuple[str, str], n: int, locator: str, text: str, *, score: float = 0.5) -> Hit:
    return Hit(
        doc_id=doc[0], title=doc[1], chunk_id=f"{doc[0]}#a{n}", locator=locator, article_no=n,
        doc_type="regulation", score=score, text=text,
    )  # fmt: skip


def _paragraph(doc: tuple[str, str], locator: str, text: str, *, score: float) -> Hit:
    return Hit(
        doc_id=doc[0], title=doc[1], chunk_id=f"{doc[0]}#{locator}", locator=locator,
        doc_type="regulation", score=score, text=text,
    )  # fmt: skip


def _leads(
    question: str, hits: list[Hit], lead: str, *spans: str, max_chars: int = 400, prefer: Sequence[str] = ()
) -> Extract:
    """``extract``'s answer to ``question`` from ``hits``, asserted to open with ``lead`` ("根据《中国共产党章程》第七条")
    and to hold each of ``spans``; returned for the test's further checks."""
    ex = extract(question, hits, max_chars=max_chars, prefer=prefer)
    assert ex.answer.startswith(lead), ex.answer
    for span in spans:
        assert span in ex.answer, (span, ex.answer)
    return ex


# --- (a) the period of the asked subject's stage -------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("预备党员要考察多久才能转正？", "预备党员的预备期为一年。", True),
        ("預備黨員要考察多長時間", "预备党员的预备期为一年。", True),
        (
            "支部委员会任期几年",
            "村、社区党支部委员会每届任期 5 年，其他基层单位党支部委员会一般每届任期 3 年。",
            True,
        ),
        ("留党察看最长多久", "留党察看期限最长不得超过二年。", True),
        (
            "留党察看处分最长是几年",
            "留党察看最长不超过两年。",
            True,
        ),  # limit after subject (the typo 查看 is corrected first)
        # a time limit of another act that repeats the question's words is no period of the subject's stage
        (
            "预备党员要考察多久才能转正？",
            "基层党组织对转入的预备党员，在其预备期满时，如认为有必要，可推迟讨论其转正问题，推迟时间不超过六个月。",
            False,
        ),
        ("预备党员要考察多久才能转正？", "党委对党支部上报的预备党员转正的决议，应当在三个月内审批。", False),
        ("预备党员有几项义务", "预备党员的预备期为一年。", False),  # no duration asked
        # the period of another subject with the same head noun (dev-057: 村委会, not 党支部委员会)
        (
            "村民委員會每屆任期幾年",
            "村、社区党支部委员会每届任期 5 年，其他基层单位党支部委员会一般每届任期 3 年。",
            False,
        ),
        ("村民委員會每屆任期幾年", "村民委员会每届任期五年，届满应当及时举行换届选举。", True),
        # a coordinated subject before the period (reg-194, mem-233: 高校条例第八条)
        (
            "高校院系党支部委员会每届任期几年？",
            "党支部委员会和不设支部委员会的支部书记、副书记每届任期一般为 3 年。",
            True,
        ),
    ],
)
def test_a_duration_ask_is_answered_by_the_period_of_the_subjects_stage(
    question: str, sentence: str, expected: bool
) -> None:
    terms = informative_terms(question)
    assert states_period(normalize_for_match(sentence), question, terms) is expected


@pytest.mark.parametrize("question", ["预备党员要考察多久才能转正？", "预备党员得考察多长时间才能转正"])
def test_the_probation_period_leads_over_a_postponement_that_repeats_the_question(question: str) -> None:
    hits = [
        _article(
            RECRUITMENT, 36, "第三十六条", score=0.9,
            text="第三十六条 基层党组织对转入的预备党员，在其预备期满时，如认为有必要，可推迟讨论其转正问题，推迟时间"
            "不超过六个月。转为正式党员的，其转正时间自预备期满之日算起。",
        ),
        _article(
            CONSTITUTION, 7, "第七条", score=0.8,
            text="第七条　预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。\n\n预备党员预备期满，党的支部应当"
            "及时讨论他能否转为正式党员。",
        ),
        _article(
            RECRUITMENT, 34, "第三十四条", score=0.7,
            text="第三十四条 党委对党支部上报的预备党员转正的决议，应当在三个月内审批。审批结果应当及时通知党支部。",
        ),
    ]  # fmt: skip
    _leads(question, hits, "根据《中国共产党章程》第七条", "预备党员的预备期为一年")


# --- (b) a kind noun as the verb of a "how" ask ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("党章是怎么给党的干部定位的？", "干部"),
        ("党章怎么给干部定位", "干部"),
        ("党章对党的干部是怎样定位的", "干部"),
        ("党对干部怎么定位的呢", "干部"),
        ("党章如何给纪委定位", "纪委"),
        ("黨章是怎麼給黨的幹部定位的", "干部"),
    ],
)
def test_a_how_ask_ending_in_a_kind_noun_asks_for_that_kind(question: str, subject: str) -> None:
    # the kind itself (standing, 定位, the subject): test_asked_kind's table, where these asks are rows too
    assert content_ask(question) == ContentAsk(f"{subject}的性质", subject=subject)


def test_the_cadres_definition_leads_for_a_how_do_you_position_ask() -> None:
    hits = [
        _article(
            CONSTITUTION, 37, "第三十七条", score=0.9,
            text="第三十七条　党员干部要善于同党外干部合作共事，尊重他们，虚心学习他们的长处。",
        ),
        _paragraph(
            POLITICAL_LIFE, "八 第2段", score=0.85,
            text="选拔任用干部必须坚持党章规定的干部条件，坚持德才兼备、以德为先，坚持五湖四海、任人唯贤。",
        ),
        _article(
            CONSTITUTION, 35, "第三十五条", score=0.7,
            text="第三十五条　党的干部是党的事业的骨干，是人民的公仆，要做到忠诚干净担当。党按照德才兼备、以德为先的"
            "原则选拔干部。",
        ),
    ]  # fmt: skip
    _leads(
        "党章是怎么给党的干部定位的？",
        hits,
        "根据《中国共产党章程》第三十五条",
        "党的干部是党的事业的骨干",
        "是人民的公仆",
    )


# --- (c) whether a right is granted --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("党员被处分后有申诉的权利吗", ("党员", "申诉")),
        ("党员有没有申诉的权利", ("党员", "申诉")),
        ("党员有权提出申诉吗", ("党员", "申诉")),
        ("黨員受處分後有沒有申訴權", ("党员", "申诉")),
        ("预备党员有选举权吗", ("预备党员", "选举")),
        ("党员有哪些权利", None),
        ("党员有什么权利", None),
    ],
)
def test_a_right_ask_names_its_holder_and_act(question: str, expected: tuple[str, str] | None) -> None:
    assert asked_right(question) == expected


def test_the_granting_list_spells_out_a_right_only_for_its_holder_and_when_it_names_the_act() -> None:
    norm = normalize_for_match(ARTICLE_4)
    ask = content_ask("党员被处分后有申诉的权利吗")
    assert ask == ContentAsk("党员的权利", subject="党员", head="权利", act="申诉")
    assert spell_kind(norm, ask) == 0
    # 预备党员's rights are not 党员享有下列权利 (党章第七条: 没有表决权、选举权和被选举权)
    probationer = content_ask("预备党员有选举权吗")
    assert probationer is not None and spell_kind(norm, probationer) is None
    # a list of rights that does not name the act is no answer
    leave = content_ask("党员有休假的权利吗")
    assert leave is not None and spell_kind(norm, leave) is None


@pytest.mark.parametrize(
    "question", ["党员被处分后有申诉的权利吗", "党员有没有申诉的权利", "党员有权提出申诉吗"]
)
def test_the_provision_granting_the_right_answers_with_its_item(question: str) -> None:
    hits = [
        _article(
            CONSTITUTION, 4, "第四条", score=1.0, text=ARTICLE_4,
        ),
        _article(
            DISCIPLINE, 45, "第四十五条", score=0.9,
            text="第四十五条 执行党纪处分决定的机关或者受处分党员所在单位，应当在六个月内将处分决定的执行情况向作出或者"
            "批准处分决定的机关报告。\n党员对所受党纪处分不服的，可以依照党章及有关规定提出申诉。",
        ),
    ]  # fmt: skip
    ex = _leads(
        question, hits, "根据《中国共产党章程》第四条", "向党的上级组织直至中央提出请求、申诉和控告",
        prefer=[hits[0].chunk_id],
    )  # fmt: skip
    assert "六个月内" not in ex.answer
    assert ex.anchored


# --- (d) which X ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "noun", "quoted"),
    [
        ("纪检机关监督执纪要用好什么“形态”？", "形态", True),
        ("纪检机关执纪要用好什么形态", "形态", False),
        ("監督執紀要運用哪種形態", "形态", False),
        ("监督执纪工作实行什么责任制", "责任制", False),
        ("什么是四个意识", None, False),  # a definition ask
        ("党员有哪些义务", None, False),  # a list ask
        ("党的“最终目标”，这个目标到底是啥", None, False),
    ],
)
def test_a_which_ask_names_its_noun(question: str, noun: str | None, quoted: bool) -> None:
    assert which_noun(question) == noun
    assert quoted_which(question) is quoted


def test_a_quoted_noun_after_a_which_word_is_no_term_to_define() -> None:
    assert defined_term("纪检机关监督执纪要用好什么“形态”？") is None
    assert asked_term("纪检机关监督执纪要用好什么“形态”？", None) is None
    # a quoted term asked about is still one
    assert defined_term("党的“最终目标”，这个目标到底是啥") == "最终目标"


@pytest.mark.parametrize(
    ("sentence", "noun", "expected"),
    [
        ("依规依纪依法、精准有效运用监督执纪“四种形态”：", "形态", True),
        ("履行监督、执纪、问责三项职责", "职责", True),
        (
            "运用监督执纪第四种形态，按照规定给予开除党籍处分",
            "形态",
            False,
        ),  # an ordinal names one, not the set
        ("综合考虑错误性质、情节后果、主观态度等因素", "形态", False),
    ],
)
def test_a_sentence_names_the_set_of_the_asked_noun(sentence: str, noun: str, expected: bool) -> None:
    assert names_which(normalize_for_match(sentence), noun) is expected


@pytest.mark.parametrize("question", ["纪检机关监督执纪要用好什么“形态”？", "纪检机关执纪要用好什么形态"])
def test_the_sentence_naming_the_four_forms_leads(question: str) -> None:
    hits = [
        _article(
            COMMISSION, 31, "第三十一条", score=1.0,
            text="第三十一条　坚持把监督作为基本职责，抓早抓小、防微杜渐，依规依纪依法、精准有效运用监督执纪“四种形态”：\n"
            "（一）党员、干部有轻微违纪问题的，运用监督执纪第一种形态，按照规定进行谈话提醒、批评教育、责令检查等。\n"
            "（二）党员、干部有一般违纪问题的，运用监督执纪第二种形态，按照规定给予警告、严重警告处分。\n"
            "（三）党员、干部有严重违纪问题的，运用监督执纪第三种形态，按照规定给予撤销党内职务、留党察看、开除党籍处分。\n"
            "（四）党员、干部严重违纪、涉嫌犯罪的，运用监督执纪第四种形态，按照规定给予开除党籍处分，再移送司法机关依法"
            "追究刑事责任。",
        ),
        _article(
            ("cpc-supervision-rules-2019", "中国共产党纪律检查机关监督执纪工作规则"), 45, "第四十五条", score=0.9,
            text="第四十五条 纪检监察机关应当做好干部选拔任用党风廉政意见回复工作，对反映问题线索认真核查，综合用好巡视巡察"
            "等其他监督成果。",
        ),
    ]  # fmt: skip
    _leads(
        question, hits, "根据《中国共产党纪律检查委员会工作条例》第三十一条", "精准有效运用监督执纪“四种形态”",
        max_chars=800,
    )  # fmt: skip


# --- (e) the manner of an act --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "act"),
    [
        ("對領導幹部問責，誡勉是怎麼進行的", ("诫勉",)),
        ("对领导干部问责，诫勉怎么进行", ("诫勉",)),
        ("诫勉以什么方式进行", ("诫勉",)),
        ("诫勉一般怎么搞", ("诫勉",)),
        ("党员大会怎么开", ()),
    ],
)
def test_a_manner_ask_names_its_act(question: str, act: tuple[str, ...]) -> None:
    assert manner_act(question) == act


@pytest.mark.parametrize(
    "question",
    [
        "對領導幹部問責，誡勉是怎麼進行的",
        "对领导干部问责，诫勉怎么进行",
        "诫勉以什么方式进行",
        "对干部诫勉一般怎么搞",
    ],
)
def test_the_manner_of_the_act_leads_over_the_act_as_a_manner_of_another(question: str) -> None:
    hits = [
        _article(ACCOUNTABILITY, 8, "第八条", score=1.0, text=ACCOUNTABILITY_8),
        _article(ACCOUNTABILITY, 7, "第七条", score=0.8, text=ACCOUNTABILITY_7),
    ]
    ex = _leads(question, hits, "根据《中国共产党问责条例》第七条", "应当以谈话或者书面方式进行诫勉")
    # the item is shown, not the whole list
    assert "组织调整或者组织处理" not in ex.answer.split("另据")[0]


# --- (f) the item about X of a named list ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("黨章規定的黨員義務中，關於保守祕密是怎麼說的", ("党员", "义务", "保守秘密")),
        ("党员义务里关于保守秘密是怎么说的", ("党员", "义务", "保守秘密")),
        ("党员的权利中，关于申诉有什么规定", ("党员", "权利", "申诉")),
        ("党员权利里面对批评是怎么说的", ("党员", "权利", "批评")),
        ("党员有哪些义务", None),
    ],
)
def test_a_scoped_item_ask_names_list_and_topic(question: str, expected: tuple[str, str, str] | None) -> None:
    assert scoped_item(question) == expected


def test_a_topic_is_held_by_its_words_apart() -> None:
    assert holds_act("严格保守党和国家的秘密", "保守秘密")
    assert not holds_act("严守党的纪律", "保守秘密")


@pytest.mark.parametrize(
    "question", ["黨章規定的黨員義務中，關於保守祕密是怎麼說的", "党员义务里关于保守秘密是怎么说的"]
)
def test_the_item_of_the_named_list_leads_over_the_oath(question: str) -> None:
    hits = [
        _article(CONSTITUTION, 6, "第六条", score=1.0, text=ARTICLE_6),
        _article(CONSTITUTION, 3, "第三条", score=0.6, text=ARTICLE_3),
    ]
    ask = content_ask(question)
    assert ask is not None and spell_kind(normalize_for_match(ARTICLE_3), ask) == 0
    assert spell_kind(normalize_for_match(ARTICLE_6), ask) is None
    ex = _leads(
        question, hits, "根据《中国共产党章程》第三条", "保守党和国家的秘密", prefer=[hits[1].chunk_id]
    )
    assert "誓词" not in ex.answer


# --- (g) traditional characters and variants -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("關於保守祕密是怎麼說的", "关于保守秘密是怎么说的"),
        ("黨員的廉潔自律規範第一條是什麼", "党员的廉洁自律规范第1条是什么"),
        ("對領導幹部問責，誡勉是怎麼進行的", "对领导干部问责,诫勉是怎么进行的"),
        ("黨章裏面", "党章里面"),
        ("保衞祖國", "保卫祖国"),
        ("黨的宗旨是甚麼", "党的宗旨是什么"),
        ("堅持鬪爭", "坚持斗争"),
    ],
)
def test_traditional_variants_fold_to_the_texts_forms(text: str, folded: str) -> None:
    assert normalize_for_match(text) == folded


# --- (h) an item is scored with its intro --------------------------------------------------------------


def test_list_items_carry_their_intro() -> None:
    hit = _article(ACCOUNTABILITY, 7, "第七条", text=ACCOUNTABILITY_7)
    sentences = split_hit(hit, 0)
    context = list_context(sentences)
    by_text = {s.text: context.get(id(s)) for s in sentences}
    assert (
        by_text["对失职失责、情节较轻的，应当以谈话或者书面方式进行诫勉。"] == "对党的领导干部的问责方式包括:"
    )
    assert by_text["（一）检查。"] == "对党组织的问责方式包括:"
    assert by_text["对党的领导干部的问责方式包括："] is None  # an intro is no item


def test_an_item_chosen_after_its_head_is_shown_alone_but_anchors_nothing() -> None:
    # mem-742 "“一岗双责”具体指什么": 信访工作条例第五条 only names it in an item; the mention-only refusal must stand
    hit = _article(
        ("petition-work-regulation", "信访工作条例"), 5, "第五条", score=1.0,
        text="第五条　信访工作应当遵循下列原则：\n\n（一）坚持党的全面领导。把党的领导贯彻到信访工作各方面和全过程。\n\n"
        "（三）坚持落实信访工作责任。党政同责、一岗双责，属地管理、分级负责，谁主管、谁负责。\n\n"
        "（四）坚持依法按政策解决问题。将信访纳入法治化轨道。",
    )  # fmt: skip
    ex = extract("“一岗双责”具体指什么？", [hit], max_chars=400)
    assert "党政同责、一岗双责" in ex.answer
    assert "坚持党的全面领导" not in ex.answer
    assert not ex.anchored


@pytest.mark.parametrize(
    ("question", "act", "sentences", "expected"),
    [
        # a rule withholding the right under the asked condition: the grant does not answer
        (
            "党员受到留党察看处分期间有表决权吗",
            "表决",
            ["党员在留党察看期间没有表决权、选举权和被选举权。"],
            True,
        ),
        (
            "党员被留置了还有选举权吗",
            "选举",
            ["党员被依法留置、逮捕的，党组织应当按照管理权限中止其表决权、选举权和被选举权等党员权利。"],
            True,
        ),
        # a rule that grants or mentions the act under the condition withholds nothing
        (
            "党员被处分后有申诉的权利吗",
            "申诉",
            ["党员对所受党纪处分不服的，可以依照党章及有关规定提出申诉。"],
            False,
        ),
        (
            "党员有选举权吗",
            "选举",
            ["党员在留党察看期间没有表决权、选举权和被选举权。"],
            False,
        ),  # no condition asked
    ],
)
def test_a_right_withheld_under_the_asked_condition(
    question: str, act: str, sentences: list[str], expected: bool
) -> None:
    assert withheld(question, act, [normalize_for_match(s) for s in sentences]) is expected


def test_the_grant_does_not_answer_a_right_withheld_under_the_asked_condition() -> None:
    hits = [
        _article(CONSTITUTION, 4, "第四条", score=1.0, text=ARTICLE_4),
        _article(
            CONSTITUTION, 41, "第四十一条", score=0.9,
            text="第四十一条　对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。\n\n留党察看最长不超过"
            "两年。党员在留党察看期间没有表决权、选举权和被选举权。",
        ),
    ]  # fmt: skip
    _leads(
        "党员受到留党察看处分期间有表决权吗", hits, "根据《中国共产党章程》第四十一条", "没有表决权、选举权和被选举权",
        prefer=[hits[0].chunk_id],
    )  # fmt: skip
