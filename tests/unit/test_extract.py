"""Extractive answering: question types, sentence choice, verbatim quotes and [n] markers."""

from __future__ import annotations

import re

import pytest
from fakes import CHUNKS, hits_for

from service.rag.extract import article_answer, extract, requested_point, unasked_case
from service.rag.query_terms import detect_question_type, informative_terms, is_article_request
from service.text.normalize import normalize_for_match, normalize_quote


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("党章第三十二条", "article"),
        ("黨章第三十二條是什麼", "article"),
        ("第32条的内容", "article"),
        ("第三十二条规定的基本任务有哪些", "list"),
        ("党员必须履行哪些义务", "list"),
        ("预备党员的预备期是多久", "quantity"),
        ("党员要有几名介绍人", "quantity"),
        ("什么是民主集中制", "definition"),
        ("党的基层组织是什么", "definition"),
        ("谈谈党的建设", "general"),
    ],
)
def test_question_types(question: str, expected: str) -> None:
    assert detect_question_type(question) == expected


def test_article_request_needs_nothing_after_reference() -> None:
    assert is_article_request("党章第三十二条讲了什么")
    assert not is_article_request("党章第三十二条中基层组织的任务有哪些")


def test_traditional_terms_equal_simplified() -> None:
    assert informative_terms("黨員有哪些義務") == informative_terms("党员有哪些义务")


def _check_wellformed(answer: str, citations: list, hits: list) -> None:
    by_id = {h.chunk_id: h for h in hits}
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer)}
    assert markers == {c.n for c in citations}
    for c in citations:
        assert c.quote in by_id[c.chunk_id].text  # verbatim, not even normalised


def test_list_question_returns_the_enumeration() -> None:
    hits = hits_for(3, 32, 5)
    ex = extract("党员必须履行哪些义务", hits, max_chars=300)
    assert ex.question_type == "list"
    # a whole list comes with its count, asked or not (issue 11, item 2)
    assert ex.answer.startswith("根据《中国共产党章程》第三条，共八项：\n党员必须履行下列义务：")
    for item in ("（一）", "（四）", "（八）"):
        assert item in ex.answer
    assert [c.locator for c in ex.citations] == ["第三条"]
    _check_wellformed(ex.answer, ex.citations, hits)


def test_quantity_question_prefers_sentences_with_numbers() -> None:
    hits = hits_for(5, 7, 3)
    ex = extract("预备党员的预备期是多久", hits, max_chars=300)
    assert "预备党员的预备期为一年" in ex.answer
    assert ex.citations[0].locator == "第七条"
    _check_wellformed(ex.answer, ex.citations, hits)


def test_traditional_definition_question() -> None:
    hits = hits_for(32, 3)
    ex = extract("黨的基層組織是什麼", hits, max_chars=300)
    assert "党的基层组织是党在社会基层组织中的战斗堡垒" in ex.answer
    _check_wellformed(ex.answer, ex.citations, hits)


def test_answer_is_short_and_sentences_are_source_text() -> None:
    hits = hits_for(32, 3, 5, 7)
    ex = extract("党的基层组织的基本任务是什么", hits, max_chars=300)
    assert len(ex.answer) < 900
    source = normalize_quote(hits[0].text)
    for s in ex.sentences:
        assert normalize_quote(s.text) in source


def test_point_follow_up_picks_the_item() -> None:
    assert requested_point("党员必须履行哪些义务 第二点") == 2
    ex = extract("党员必须履行哪些义务 第二点", hits_for(3), max_chars=300)
    assert "（二）贯彻执行党的基本路线" in ex.answer
    assert "（三）" not in ex.answer


def test_excluded_chunks_are_not_used() -> None:
    hits = hits_for(7, 5)
    ex = extract("预备党员的预备期是多久", hits, max_chars=300, exclude_chunk_ids=[hits[0].chunk_id])
    assert all(c.chunk_id != hits[0].chunk_id for c in ex.citations)


def test_article_answer_is_verbatim() -> None:
    art = [c for c in CHUNKS if c.article_no == 32]
    hits = hits_for(32)
    ex = article_answer(hits)
    assert art[0].text.strip() in ex.answer
    assert ex.answer.startswith("《中国共产党章程》第三十二条原文如下：")
    assert ex.citations[0].quote == art[0].text.strip()


def test_no_hits_gives_empty_extract() -> None:
    ex = extract("党员必须履行哪些义务", [], max_chars=300)
    assert ex.answer == ""
    assert ex.citations == []


@pytest.mark.parametrize(
    ("sentence", "question", "case"),
    [
        # trial 3, A8: a rule for one case (讨论给予其党纪处分时) yields to the general rule
        (
            "被审查人所在党支部党员大会讨论给予其党纪处分时，实际到会有表决权的党员人数必须超过全部应到会有表决权的党员的半数",
            "党员大会表决时要多少人到会，多少人赞成才算通过",
            "被审查人所在党支部党员大会讨论给予其党纪处分",
        ),
        (
            "赞成人数超过应到会有表决权的正式党员的半数，才能通过接收预备党员的决议。",
            "党员大会表决时要多少人到会，多少人赞成才算通过",
            "接收预备党员",
        ),
        # the general rule has no case; a case the question names is the one asked for
        (
            "表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权的党员的半数为通过。",
            "党员大会表决时要多少人到会，多少人赞成才算通过",
            None,
        ),
        (
            "赞成人数超过应到会有表决权的正式党员的半数，才能通过接收预备党员的决议。",
            "支部大会通过接收预备党员的决议要多少人赞成",
            None,
        ),
        (
            "支部大会讨论两个以上的发展对象入党时，必须逐个讨论和表决。",
            "支部大会讨论发展对象入党怎么表决",
            None,
        ),
    ],
)
def test_a_rule_for_an_unasked_case_is_found(sentence: str, question: str, case: str | None) -> None:
    assert unasked_case(normalize_for_match(sentence), normalize_for_match(question)) == case


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("中央纪委是哪个会议选出来的", "选出"),
        ("地方纪委是谁选出来的？", "选出"),
        ("党的中央委员会是哪个会议选举产生的", "产生"),
        ("这个处分是哪一级党委批准的", "批准"),
        ("这是什么的", None),  # no doer asked: nothing before 的 but the question word
        ("党章是什么", None),
    ],
)
def test_agent_question_finds_the_asked_verb(question: str, verb: str | None) -> None:
    """ "是哪个XV的" asks who did V (issue 11, item 5): the verb after the doer's kind, 来 left out."""
    from service.rag.extract import _AGENT_Q_RE

    m = _AGENT_Q_RE.search(normalize_for_match(question))
    assert (m.group(1) if m else None) == verb


def test_agent_question_credits_the_formal_verb_after_by() -> None:
    """ "中央纪委是哪个会议选出来的" is answered by "……由党的全国代表大会选举产生" (选出 → 选举产生,
    vocabulary.tsv), not by a sentence that only repeats 会议 and 选举 (纪委工作条例第八条 over 党章第四十五条)."""
    from service.rag.extract import WHO_BONUS, _frame_bonus

    q = "中央纪委是哪个会议选出来的"
    doer = normalize_for_match(
        "党的中央纪律检查委员会由党的全国代表大会选举产生，每届任期和党的中央委员会任期相同。"
    )
    other = normalize_for_match(
        "党的中央纪律检查委员会全体会议，选举常务委员会和书记、副书记，并报党的中央委员会批准。"
    )
    assert _frame_bonus(doer, q) == pytest.approx(WHO_BONUS)
    assert _frame_bonus(other, q) == 0.0
