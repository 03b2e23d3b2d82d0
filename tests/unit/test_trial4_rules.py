"""Trial 4 reviewer faults (issue 11; the trial 4 findings, kinds D, C, A, G) as general rules, with the trial's
examples spelled out: a verb before a title, "第几条" questions, a one-character slip inside a fixed term,
pronouns of the speaker's side, count labels, a count asked alone in a conversation, numerals that are no typo."""

from __future__ import annotations

import pytest
from fakes import hits_for

from service.rag.conversation import resolve
from service.rag.extract import _inline_count, counts_owner
from service.rag.refusal import assess, number_answers, unknown_document
from service.rag.refusal.asked_quantity import frequency_object
from service.rag.refusal.coverage import topic_terms
from service.rag.spelling import Speller
from service.store.conversations import Topic, Turn
from service.text.refs import asks_article_number
from service.text.vocabulary import load

TITLES = ["中国共产党纪律处分条例", "中国共产党章程", "中国共产党问责条例", "中国共产党廉洁自律准则"]


def test_a_verb_before_a_document_name_is_no_part_of_its_title() -> None:
    # D: "知识库中没有《按纪律处分条例》" was the answer
    question = "收了别人送的可能影响公正执行公务的礼品礼金，按纪律处分条例怎么处分"
    assert unknown_document(question, TITLES) is None
    assert unknown_document("收礼依纪律处分条例怎么处分", TITLES) is None
    assert unknown_document("凭问责条例能问责吗", TITLES) is None
    assert unknown_document("参照纪律处分条例怎么办", TITLES) is None
    # a document not held is still named, with or without the verb
    assert unknown_document("按党内监督条例怎么办", TITLES) == "党内监督条例"
    assert unknown_document("依农村基层组织工作条例应该怎么做", TITLES) == "农村基层组织工作条例"


def test_which_article_is_asked_for_not_a_number_in_its_text() -> None:
    assert asks_article_number("按2018年的纪律处分条例，收受可能影响公正执行公务的礼品是第几条")
    assert asks_article_number("2018年版条例对参加迷信活动是第几条规定的")
    assert asks_article_number("哪一条规定了预备期")
    assert not asks_article_number("预备期是几年")
    assert not asks_article_number("入党要满足哪些条件")


def test_a_which_article_question_is_not_refused_for_lacking_a_number() -> None:
    # D: the article was found and shown only as a suggestion ("no_number")
    hits = hits_for(7)
    text = "预备党员的义务同正式党员一样。"
    decision = assess(
        "预备党员的义务是党章第几条规定的", "quantity", hits, text, threshold=0.3, shown_text=text
    )
    assert decision.reason != "no_number"
    assert not decision.refuse
    # a quantity asked beside the article still needs its number
    decision = assess(
        "预备党员的义务是第几条规定的，有几年", "quantity", hits, text, threshold=0.3, shown_text=text
    )
    assert decision.reason == "no_number"


def test_a_one_character_slip_inside_a_fixed_term_is_corrected() -> None:
    # D: "三会一客" (客 for 课) split by jieba into 三会 + 一客, neither a typo of a known word on its own
    corpus = "坚持“三会一课”制度。党员必须参加党员大会、党小组会和上党课。三会一课要突出政治学习。"
    speller = Speller.build(corpus, {"三会一课": 2.0, "党员": 1.0, "制度": 1.0})
    assert speller.correct("三会一客是指什么") == "三会一课是指什么"
    assert speller.correct("三会一课是指什么") == "三会一课是指什么"
    # words the knowledge base holds are left alone, and nothing is made up without a homophone
    assert speller.correct("党员制度是什么") == "党员制度是什么"
    assert speller.correct("三会一刻钟是什么") == "三会一刻钟是什么"


def test_the_speakers_side_is_no_topic() -> None:
    # D: "咱们党到底是个什么性质的党" had 咱们 as a topic term no evidence could hold
    assert "咱们" not in topic_terms("咱们党到底是个什么性质的党？")
    assert "性质" in topic_terms("咱们党到底是个什么性质的党？")


def test_everyday_words_of_trial_4_have_formal_forms() -> None:
    vocabulary = load()
    assert "中国共产党" in vocabulary.formal_forms("咱们党")


def test_a_count_of_people_is_not_the_size_of_their_task_list() -> None:
    # C: "入党积极分子一般有几个培养联系人" was "共四个" (the four tasks of 发展党员工作细则第九条); right: 一至两名
    assert counts_owner("入党积极分子一般有几个培养联系人", "培养联系人的主要任务是：")
    # the asked list itself is counted
    assert not counts_owner("党员有几项权利", "党员享有下列权利：")
    assert not counts_owner("基层组织的基本任务一共几项", "它的基本任务是：")
    assert not counts_owner("培养联系人的任务有几项", "培养联系人的主要任务是：")


def test_clauses_in_a_row_are_no_list_to_count() -> None:
    # C: the oath was headed "共十三项"
    oath = (
        "誓词如下：我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，"
        "保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。"
    )
    assert _inline_count(oath) is None
    assert _inline_count("处分的种类为：警告、记过、记大过、降级、撤职、开除。") == 6


def test_a_count_of_versions_is_no_typo() -> None:
    # G: "党章现行有效的是哪一版" became "…哪一般" (一般 is far more frequent than 一版)
    corpus = "一般应当公开。一般不得延期。一般由支部决定。党章规定。"
    speller = Speller.build(corpus, {"一般": 1.0, "党章": 1.0})
    assert speller.correct("党章现行有效的是哪一版") == "党章现行有效的是哪一版"
    assert speller.correct("纪律处分条例有两版吗") == "纪律处分条例有两版吗"


@pytest.mark.parametrize("followup", ["一共几条", "那一共有几项？", "总共多少条"])
def test_a_count_alone_counts_the_list_shown_before(followup: str) -> None:
    # A: "党员有哪些义务" → "一共几条" was answered "共七条" from 批准权限规定第十四条; right: 党章第三条, 八条
    res = resolve(followup, [Turn("党员有哪些义务", "党员有哪些义务", Topic(doc_id="cpc-constitution-2017"))])
    assert res.rule == "count"
    assert res.question.startswith("党员有哪些义务，一共有几")
    # a count that names its own subject is a question of its own
    assert resolve("党章一共几条", [Turn("党员有哪些义务", "党员有哪些义务", Topic())]).rule != "count"


def test_a_count_of_another_activity_does_not_answer_how_often() -> None:
    # F: "每年要开几次民主生活会" was answered with 支部工作条例第十六条 "每年至少讲 1 次党课"
    question = "党员领导干部每年要开几次民主生活会"
    assert frequency_object(question) == "民主生活会"
    assert not number_answers(
        question, "党员领导干部应当定期为基层党员讲党课，党委（党组）书记每年至少讲 1 次党课。"
    )
    assert number_answers("党委书记每年至少讲几次党课", "党委（党组）书记每年至少讲 1 次党课。")


def test_a_period_asked_with_duo_chang_needs_a_duration() -> None:
    # F: "审查调查的期限是多长" was answered with "由两人以上进行" (a count of people)
    question = "党的纪律检查机关审查调查的期限是多长"
    assert not number_answers(
        question, "审查调查工作应当依照规定由两人以上进行，按照规定出示证件，出具书面通知。"
    )
    assert number_answers("预备期多长", "预备党员的预备期为一年。")
    assert number_answers("留置期限是多长", "留置时间不得超过三个月。")


class _Facts:
    """A stand-in for ``Answerer``'s document facts: the question each call got, and an answer for the ones in
    ``known``."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.asked: list[str] = []

    def _document_fact(self, query: str, filters: object) -> tuple[str, list[object]] | None:
        self.asked.append(query)
        return (f"fact of {query}", []) if query in self.known else None


def test_a_count_alone_counts_the_list_shown_even_when_the_first_question_named_a_document() -> None:
    # trial 4 leftover: "党章规定党员的权利有哪些" → "一共几条" was "党章共55条"; right: the 八项 of 党章第四条
    from service.rag.answer import Answerer

    previous = "党章规定党员的权利有哪些"
    turns = [Turn(previous, previous, Topic())]
    res = resolve("一共几条", turns)
    assert res.rule == "count"
    counted = res.question  # "党章规定党员的权利有哪些，一共有几条": a document fact on its own
    facts = _Facts({counted})
    assert Answerer._turn_fact(facts, counted, res, turns, None) is None  # type: ignore[arg-type]
    # after a document fact, the count is the document's ("党章什么时候通过" → "一共几条": its articles)
    previous = "党章什么时候通过"
    turns = [Turn(previous, previous, Topic())]
    res = resolve("一共几条", turns)
    facts = _Facts({previous, res.question})
    assert Answerer._turn_fact(facts, res.question, res, turns, None) == (f"fact of {res.question}", [])  # type: ignore[arg-type]
    # a question of its own is a document fact as before
    res = resolve("党章一共几条", [])
    facts = _Facts({"党章一共几条"})
    assert Answerer._turn_fact(facts, "党章一共几条", res, [], None) == ("fact of 党章一共几条", [])  # type: ignore[arg-type]
