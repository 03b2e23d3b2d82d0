"""Issue 11, item 2 (blind-set kinds): a question about 各级 X answered by each level's figure, the procedure a
"……的程序是：" sentence lays out must be the one asked about, and "分别" does not hide what a list question asks.

Hand-made texts in the regulations' wording; the same questions over the shipped knowledge are in
tests/slow/test_lists_procedures_knowledge.py.
"""

from __future__ import annotations

from service.rag.extract import ContentAsk, _procedure_of, compares, content_ask, extract
from service.rag.query_terms import informative_terms
from service.rag.refusal import number_answers
from service.schemas import Hit
from service.text.normalize import normalize_for_match

RECRUIT = "中国共产党发展党员工作细则"
BRANCH = "中国共产党支部工作条例（试行）"
ART38 = (
    "第三十八条 各级党委应当把发展党员工作列入重要议事日程，纳入党建工作责任制。\n\n"
    "对发展党员工作情况，市（地、州、盟）、县（市、区、旗）党委每半年检查一次，省、自治区、直辖市党委每年检查一次。"
)


def test_each_level_is_answered_by_the_levels_the_text_names() -> None:
    # reg-108 "各级党委多久检查一次发展党员工作": the text names 市、县党委 and 省党委, never 各级党委 beside the
    # figures; the answer with both figures was replaced by 第三十九条 (各级党委组织部门每年……报告)
    corpus = normalize_for_match(ART38 + "各级党委组织部门每年应当向同级党委报告发展党员工作情况。")

    def known(phrase: str) -> bool:
        return phrase in corpus

    assert number_answers("各级党委多久检查一次发展党员工作？", ART38, known)
    # the body of the subject must still be named: 党委's figures do not answer a question about 纪委
    other = "对发展党员工作情况，市（地、州、盟）、县（市、区、旗）纪委每半年检查一次。"
    assert not number_answers("各级党委多久检查一次发展党员工作？", other, known)


def test_a_procedure_of_another_matter_is_not_the_one_asked() -> None:
    # blind sets "民主评议党员按什么程序" / typo 民主评义: 细则第二十一条's "支部大会讨论接收预备党员的主要程序是："
    # shares only 党员 with the question and led over 支部工作条例第十八条 (个人自评、党员互评、民主测评)
    terms = informative_terms("民主评议党员按什么程序进行")
    assert not _procedure_of(terms, normalize_for_match("支部大会讨论接收预备党员的主要"))
    assert _procedure_of(informative_terms("预备期满怎么转正"), "预备党员转正的")
    hits = [
        Hit(doc_id="r", title=RECRUIT, chunk_id="r#a21", locator="第二十一条", article_no=21, score=0.9,
            doc_type="regulation", text="第二十一条 支部大会讨论接收预备党员的主要程序是：\n\n（一）发展对象汇报对党的认识；"
            "\n\n（二）入党介绍人介绍发展对象有关情况；"),
        Hit(doc_id="b", title=BRANCH, chunk_id="b#a18", locator="第十八条", article_no=18, score=0.8,
            doc_type="regulation", text="第十八条 党支部一般每年开展1次民主评议党员，组织党员对照合格党员标准进行党性分析。"
            "\n\n党支部召开党员大会，按照个人自评、党员互评、民主测评的程序，组织党员进行评议。"),
    ]  # fmt: skip
    ex = extract("民主评议党员按什么程序进行", hits, max_chars=600)
    assert ex.citations[0].locator == "第十八条"
    assert "个人自评、党员互评、民主测评" in ex.answer


def test_respectively_does_not_hide_the_numbered_term() -> None:
    # "廉洁自律准则里的四个廉洁分别是什么" was answered with the preamble: 分别 made the term "四个廉洁分别"
    assert content_ask("廉洁自律准则里的四个廉洁分别是什么") == ContentAsk("四个廉洁")
    assert content_ask("四个意识分别指什么") == ContentAsk("四个意识")
    assert content_ask("四个自信各自是什么") == ContentAsk("四个自信")


def test_a_comparison_owes_each_side_its_evidence() -> None:
    # mem-126 "村党支部和机关党支部的支委会任期一样吗": 党章第三十一条 (三年至五年) led and 支部工作条例第二十一条, which
    # names 村、社区 (5 年) and 其他基层单位 (3 年), was left out as a third source of a quantity question
    assert compares("村党支部和机关党支部的支委会任期一样吗？")
    assert compares("警告和严重警告有什么区别")
    assert not compares("党支部党员大会多久开一次")
    assert not compares("入党和转正要经过哪些程序")
    hits = [
        Hit(doc_id="c", title="中国共产党章程", chunk_id="c#a31", locator="第三十一条", article_no=31, score=0.9,
            doc_type="party_regulation", text="第三十一条 党的基层委员会、总支部委员会、支部委员会每届任期三年至五年。"),
        Hit(doc_id="u", title="中国共产党普通高等学校基层组织工作条例", chunk_id="u#a8", locator="第八条", article_no=8,
            score=0.85, doc_type="party_regulation",
            text="第八条 党支部委员会和不设支部委员会的支部书记、副书记每届任期一般为 3 年。"),
        Hit(doc_id="b", title=BRANCH, chunk_id="b#a21", locator="第二十一条", article_no=21, score=0.8,
            doc_type="party_regulation",
            text="第二十一条 村、社区党支部委员会每届任期 5 年，其他基层单位党支部委员会一般每届任期 3 年。"),
    ]  # fmt: skip
    ex = extract("村党支部和机关党支部的支委会任期一样吗？", hits, max_chars=600)
    assert "村、社区党支部委员会每届任期 5 年，其他基层单位党支部委员会一般每届任期 3 年" in ex.answer
