"""The rules behind the refusal12 fixes (holdout7, session 10), on text alone: ordinals asked, a number's subject
named by its article's first sentence, a later ask with a 的-subject of its own, counts of persons asked with 个,
numbered terms spelled out around what they count, whole phrases of a quoted fragment, 几 before a unit."""

from __future__ import annotations

from service.rag.heading_lists import asked_nouns, named_document
from service.rag.refusal.asked_quantity import asked_unit, measured_noun
from service.rag.refusal.mention import completes
from service.rag.refusal.numbered_terms import infix_run, names_counted, spells_out
from service.rag.refusal.quantities import number_answers, passage_leads
from service.rag.two_part import split_asks
from service.text import vocabulary
from service.text.normalize import normalize_for_match
from service.text.refs import asked_ordinal


def test_an_ordinal_asked_is_answered_by_an_ordinal() -> None:
    pattern = asked_ordinal(normalize_for_match("2023年纪律处分条例是第几次修订"))
    assert pattern is not None
    assert pattern.search("2023年12月8日中共中央政治局会议第三次修订")
    assert not pattern.search("修订三次")
    assert asked_ordinal("多少次") is None
    caption = "（2003年12月23日中共中央政治局会议审议批准 2023年12月8日中共中央政治局会议第三次修订）"
    assert number_answers("2023年纪律处分条例是第几次修订？", caption, None, "中国共产党纪律处分条例 题注")


def test_the_article_lead_names_the_subject() -> None:
    article = (
        "第三十条 村民委员会实行村务公开制度。\n前款规定事项中，一般事项至少每季度公布一次；"
        "集体财务往来较多的，财务收支情况应当每月公布一次。"
    )
    shown = "前款规定事项中，一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况应当每月公布一次。"
    known = {"村务公开"}.__contains__
    question = "村务公开一般事项多长时间公布一次？"
    assert not number_answers(question, shown, known, "村民委员会组织法 第三十条")
    assert number_answers(question, shown, known, "村民委员会组织法 第三十条", passage_leads([article]))
    # a sentence that points back to nothing is read alone: the lead's 党员人数 is not its subject (holdout6 h6-349)
    article = "第六条 规模较大、党员人数较多的高校，党委可以设立常务委员会。设立常委会的党委每半年至少召开 1 次委员会全体会议。"
    assert not number_answers(
        "党员人数到多少就必须成立党委？",
        "设立常委会的党委每半年至少召开 1 次委员会全体会议。",
        {"党员人数"}.__contains__,
        "中国共产党普通高等学校基层组织工作条例 第六条",
        passage_leads([article]),
    )
    # another passage's lead names nothing of this sentence
    other = passage_leads(["第一条 村务公开是重要制度。\n另一条规定。"])
    assert not number_answers(question, shown, known, "村民委员会组织法 第三十条", other)


def test_a_de_phrase_opens_an_ask_of_its_own() -> None:
    assert split_asks("停职检查一般最长多久？被免职的多久不能安排领导职务？") == [
        "停职检查一般最长多久",
        "被免职的多久不能安排领导职务",
    ]


def test_a_count_of_persons_with_ge() -> None:
    assert asked_unit("支委会要几个委员到场才能开") == "人"
    assert asked_unit("能派多少个代表") == "人"
    assert asked_unit("有几个方面") is None
    assert measured_noun("一群人一起上访，能派多少个代表？") is None
    assert "多人" in vocabulary.load().formal_forms("一群")
    assert "共同" in vocabulary.load().formal_forms("一起")


def test_a_numbered_term_spelled_out_around_what_it_counts() -> None:
    text = "党的纪律检查工作坚持把一体推进不敢腐、不能腐、不想腐作为反腐败斗争的基本方针"
    assert infix_run(text, "三不腐") == 3
    assert spells_out(text, "三不腐")
    assert names_counted(text, "三不腐")
    assert not spells_out(text, "四不腐")
    assert infix_run("不敢腐败", "三不腐") == 0


def test_a_whole_phrase_of_a_quoted_fragment() -> None:
    text = normalize_for_match("加快推進“權隨事走、人隨事調、費隨事轉”,持續推動組織資源下沉")
    assert completes("万州文章提到的“权随事走”完整说法是什么？", "权随事走", text)
    assert not completes("“权随事走”是什么意思？", "权随事走", text)
    assert not completes("“不忘初心”完整的说法是什么？", "不忘初心", "牢记“不忘初心”的要求")


def test_ji_before_a_unit_asks_a_quantity() -> None:
    assert asked_nouns("2020年那篇文章要求党群服务中心按几分钟服务圈布局？") == []
    assert asked_nouns("党的纪律有哪几类")[0] == ("党的纪律", "类")


def test_a_short_name_when_told() -> None:
    titles = ["关于新形势下党内政治生活的若干准则", "中国共产党支部工作条例（试行）"]
    # a short name that fits one title only names it (pick12); told, a caller accepts it as well
    assert named_document("若干准则里“三会一课”是怎么规定的", titles) == titles[0]
    assert named_document("若干准则里“三会一课”是怎么规定的", titles, min_chars=4) == titles[0]
    # a short name that fits several titles names none unless the caller accepts short names
    both = ["中国共产党问责条例", "中国共产党纪律处分条例"]
    assert named_document("共产党条例里怎么说", both) is None
    assert named_document("共产党条例里怎么说", both, min_chars=4) in both
