"""Refusal rules for questions in members' own words (issue 11, item 5; branch refusal2).

Each rule is checked on the member-set question that showed the fault, with the provision that answers it (or
the passage that does not) quoted from the source text, and on a near case that must keep its old outcome.
"""

from __future__ import annotations

import pytest

from service.rag.extract import defines
from service.rag.refusal import (
    MENTION_ONLY_MESSAGE,
    NOT_IN_KB_MESSAGE,
    assess,
    consequence_answers,
    date_answers,
    mention_only,
    number_answers,
    refusal_message,
    sanction_mismatch,
    spells_out,
    subject_phrase,
    topic_coverage,
)
from service.rag.refusal.coverage import joined_separable_verbs, setting_word, topic_terms
from service.rag.refusal.mention import undefined_term
from service.schemas import Hit
from service.text.normalize import normalize_for_match

CONSTITUTION_1 = (
    "年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个"
    "组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。"
)
CONSTITUTION_GENERAL_10 = (
    "在新世纪新时代，经济和社会发展的战略目标是，到建党一百年时，全面建成小康社会；到新中国成立一百年时，"
    "全面建成社会主义现代化强国。"
)
CONSTITUTION_GENERAL_23 = (
    "在国际事务中，坚持正确义利观，维护我国的独立和主权，反对霸权主义和强权政治，维护世界和平，促进人类进步，"
    "推动构建人类命运共同体，推动建设持久和平、共同繁荣的和谐世界。"
)
CONSTITUTION_6 = (
    "预备党员必须面向党旗进行入党宣誓。誓词如下：我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，"
    "执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲"
    "一切，永不叛党。"
)
DISCIPLINE_82 = (
    "党员领导干部违反有关规定组织、参加自发成立的老乡会、校友会、战友会等，情节严重的，给予警告、严重警告或者"
    "撤销党内职务处分。"
)
DISCIPLINE_102 = (
    "违反有关规定取得、持有、实际使用运动健身卡、会所和俱乐部会员卡、高尔夫球卡等各种消费卡（券），或者违反有关"
    "规定出入私人会所，情节较重的，给予警告或者严重警告处分；情节严重的，给予撤销党内职务或者留党察看处分。"
)
DISCIPLINE_140 = (
    "在上级检查、视察工作或者向上级汇报、报告工作时对应当报告的事项不报告或者不如实报告，造成严重损害或者严重"
    "不良影响的，对直接责任者和领导责任者，给予警告或者严重警告处分；情节严重的，给予撤销党内职务或者留党察看"
    "处分。\n在上级检查、视察工作或者向上级汇报、报告工作时纵容、唆使、暗示、强迫下级说假话、报假情的，从重或者"
    "加重处分。"
)
CIVIL_SERVANT_44 = "公务员因工作需要在机关外兼职，应当经有关机关批准，并不得领取兼职报酬。"
VILLAGERS_30 = (
    "前款规定事项中，一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况应当每月公布一次；涉及村民利益的"
    "重大事项应当随时公布。"
)
APPROVAL_51 = "本规定所称严重触犯刑律，是指因犯罪被人民法院判处刑罚。"
BRANCH_20 = "有正式党员 7 人以上的党支部，应当设立党支部委员会。"


def _hit(title: str, locator: str, text: str, dense: float = 0.9) -> Hit:
    return Hit(doc_id="d", title=title, chunk_id=f"d#{locator}", locator=locator, text=text, score=1.0,
               scores={"dense": dense})  # fmt: skip


# -- words that set the scene are no topic terms -----------------------------------------------------------
def test_setting_words_are_times_places_pronouns_adverbs_numerals_and_fragments() -> None:
    for word in ("今年", "以后", "省里", "村里", "那边", "马上", "迟迟", "至少", "17", "后常去", "不会"):
        assert setting_word(word), word
    # topic words whatever jieba's tag (首都 "d", 年休假 "t"); a year dates the event; the vocabulary maps 上面 → 上级
    topic = ("党员", "申请入党", "党内", "境外", "报酬", "卡会", "上面", "家里", "首都", "年休假", "2025")
    for word in topic:
        assert not setting_word(word), word
    assert topic_terms("我儿子今年17岁，在读高三，现在能写申请入党吗？") == [
        "儿子",
        "在读",
        "高三",
        "申请入党",
    ]
    assert topic_terms("那一次会一般开多长时间？") == []


def test_a_setting_word_counts_only_where_the_evidence_holds_it() -> None:
    # mem-031: 今年 and 17 are the member's circumstances, not what 党章第一条 must say
    assert topic_coverage("我儿子今年17岁，能申请入党吗？", CONSTITUTION_1) == pytest.approx(
        topic_coverage("我儿子能申请入党吗？", CONSTITUTION_1)
    )
    # mem-734: 十八岁 is in 党章第一条 (年满十八岁), so it helps; a 十七岁 would not count against
    eighteen = topic_coverage("明年我就满十八岁了，到时候可以申请入党吗？", CONSTITUTION_1)
    assert eighteen > topic_coverage("明年我就满十七岁了，到时候可以申请入党吗？", CONSTITUTION_1)


def test_a_measure_word_inside_a_separable_verb_is_read_away() -> None:
    # mem-625: "兼个职" is 兼职 (公务员法第四十四条)
    assert "兼职" in joined_separable_verbs("单位让我去外面的协会兼个职，我能拿那边的报酬吗？")
    assert "一个月" in joined_separable_verbs("一个月没交党费")  # after a numeral 个 counts
    assert "有个党员" in joined_separable_verbs("支部有个党员")  # 有党 is no word
    assert topic_coverage("单位让我去外面的协会兼个职，我能拿那边的报酬吗？", CIVIL_SERVANT_44) >= 0.5


def test_a_question_naming_no_topic_is_refused() -> None:
    # mem-518: the bare follow-up "那一次会一般开多长时间" names a count and a time only
    hit = _hit("中华人民共和国监察法", "第四十八条", "留置时间不得超过三个月。在特殊情况下，可以延长一次。")
    decision = assess(
        "那一次会一般开多长时间？", "quantity", [hit], hit.text, threshold=0.9, shown_text=hit.text
    )
    assert decision.refuse and decision.reason == "no_terms"


# -- asking whether an act is allowed ----------------------------------------------------------------------
def test_whether_an_act_is_allowed_is_answered_by_the_penalty_for_it() -> None:
    lead = "根据《中国共产党纪律处分条例》第一百零二条：" + DISCIPLINE_102
    assert consequence_answers("党员干部下班后常去私人会所打牌放松，有什么问题吗？", lead)  # mem-617
    lead = "根据《中国共产党纪律处分条例》第一百四十条：" + DISCIPLINE_140
    assert consequence_answers("上级来检查前，科长让我们统一口径只说好话，这有事吗？", lead)  # mem-623
    assert not consequence_answers("党员干部下班后常去私人会所打牌放松，有什么问题吗？", CIVIL_SERVANT_44)


def test_several_people_are_no_quantity_asked() -> None:
    # mem-620: "我们几个同乡" counts nobody the question asks about; 第八十二条 answers whether it is allowed
    hit = _hit("中国共产党纪律处分条例", "第八十二条", DISCIPLINE_82, dense=0.885)
    question = "我们几个同乡当了领导以后搞了个老乡会，经常聚一聚，有问题吗？"
    shown = f"根据《中国共产党纪律处分条例》第八十二条：{DISCIPLINE_82}[1]"
    decision = assess(
        question, "quantity", [hit], hit.text, threshold=0.9, best_dense=0.885, shown_text=shown
    )
    assert not decision.refuse, decision


def test_what_to_do_about_a_situation_is_no_how_to() -> None:
    # reg-035: 纪律处分条例第六十九条 says what the organisation does about a member who practises a religion
    assert not sanction_mismatch("发现有党员信教，组织上该怎么办？", "中国共产党纪律处分条例")
    assert sanction_mismatch("党员退休了组织关系怎么办理", "中国共产党处分违纪党员批准权限和程序规定")


# -- definitions and named terms ---------------------------------------------------------------------------
def test_a_legal_definition_defines_the_term() -> None:
    # reg-164: 处分批准权限和程序规定第五十一条
    assert not mention_only("严重触犯刑律", [f"第五十一条　{APPROVAL_51}"], defines)


def test_an_answer_that_never_names_the_asked_term_is_refused() -> None:
    def kb(phrase: str) -> bool:
        return phrase in "两个维护 两个一百年 入党誓词"

    # mem-712: the 总纲's 维护世界和平 is no definition of “两个维护”, which the knowledge base only mentions
    assert undefined_term("什么是“两个维护”？", CONSTITUTION_GENERAL_23, "", kb) == (
        "两个维护",
        "mention_only",
    )
    assert refusal_message("mention_only", "两个维护") == MENTION_ONLY_MESSAGE.format(term="两个维护")
    # mem-745: 四下基层 is named nowhere, and the answer does not hold what it counts (下基层)
    report = "扎实推进基层党建工作重点任务落实，增强基层党组织政治功能和组织力。"
    assert undefined_term("“四下基层”是哪四下？", report, "", kb) == ("四下基层", "not_in_kb")
    assert refusal_message("not_in_kb", "四下基层") == NOT_IN_KB_MESSAGE.format(term="四下基层")
    # answered: two clauses each holding 一百年 spell “两个一百年” out (mem-023); 誓词如下 defines 入党誓词
    assert undefined_term("“两个一百年”奋斗目标具体是什么？", CONSTITUTION_GENERAL_10, "", kb) is None
    assert undefined_term("入党誓词是什么", CONSTITUTION_6, "", kb) is None
    assert spells_out(normalize_for_match(CONSTITUTION_GENERAL_10), "两个一百年")
    assert not spells_out(
        normalize_for_match(CONSTITUTION_GENERAL_23), "两个维护"
    )  # a pair of 2-character verbs


# -- numbers and dates -------------------------------------------------------------------------------------
def test_a_year_must_date_the_event_asked_about() -> None:
    # mem-318: the 党章's 题注 dates an amendment, not the founding
    assert not date_answers(
        "中国共产党是哪一年成立的？", "（中国共产党第十九次全国代表大会部分修改，2017年10月24日通过）"
    )
    assert date_answers("中国共产党是哪一年成立的？", "中国共产党于1921年7月成立。")


def test_a_number_of_what_the_question_fixes_counts_something_else() -> None:
    # mem-709: "一名正式党员" is given; "有正式党员 7 人以上的党支部" counts 正式党员, not 介绍人
    question = "一名正式党员最多能同时给几个人当入党介绍人？"
    assert not number_answers(question, BRANCH_20)
    assert subject_phrase(question, lambda p: p in "正式党员 入党介绍人") != "正式党员"


def test_a_frequency_stated_with_the_texts_verb_answers() -> None:
    # mem-628: 村务公开 is done by 公布 (村民委员会组织法第三十条; vocabulary 公开 → 公布)
    question = "村里的账村委会要不要公开给大家看？多久公开一次？"
    assert number_answers(question, VILLAGERS_30, None, "中华人民共和国村民委员会组织法 第三十条")
