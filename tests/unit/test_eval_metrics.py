"""Metric functions against hand-computed values, including Chinese text (繁体, full-width punctuation)."""

from __future__ import annotations

import math

import pytest

from service.evals import metrics as m


def test_recall_dedupes_documents_before_cutting_at_k() -> None:
    ranked = ["a", "a", "b", "c", "d"]  # two chunks of "a": distinct docs are a, b, c, d
    assert m.recall_at_k(ranked, ["b", "d"], 2) == 0.5
    assert m.recall_at_k(ranked, ["b", "d"], 4) == 1.0
    assert m.recall_at_k(ranked, ["z"], 100) == 0.0
    assert m.recall_at_k(ranked, [], 5) is None


def test_mrr_is_reciprocal_rank_of_first_gold_document() -> None:
    ranked = ["a", "a", "b", "c"]
    assert m.mrr_at_k(ranked, ["c", "b"], 10) == 0.5
    assert m.mrr_at_k(ranked, ["c"], 10) == pytest.approx(1 / 3)
    assert m.mrr_at_k(ranked, ["b"], 1) == 0.0


def test_ndcg_binary_relevance() -> None:
    ranked = ["a", "b", "c", "d"]
    dcg = 1 / math.log2(3) + 1 / math.log2(5)  # gold at ranks 2 and 4
    ideal = 1 + 1 / math.log2(3)
    assert m.ndcg_at_k(ranked, ["b", "d"], 10) == pytest.approx(dcg / ideal)
    assert m.ndcg_at_k(ranked, ["b", "d"], 10) == pytest.approx(0.650921, abs=1e-6)
    assert m.ndcg_at_k(["b", "d"], ["b", "d"], 10) == pytest.approx(1.0)


def test_span_hit_matches_traditional_span_in_simplified_hit() -> None:
    hits = ["第一条　党员必须履行义务。", "第七条　预备党员的预备期为一年。"]
    spans = ["預備黨員的預備期為一年"]
    assert m.span_hit_at_k(hits, spans, 1) == 0.0
    assert m.span_hit_at_k(hits, spans, 2) == 1.0
    assert m.span_hit_at_k(hits, [], 2) is None
    # A hit that is a part of a longer gold span counts too.
    assert (
        m.span_hit_at_k(
            ["预备党员的预备期为一年"], ["预备党员的预备期为一年。预备党员的义务同正式党员一样"], 1
        )
        == 1.0
    )


def test_quote_exact_folds_width_script_and_whitespace_only() -> None:
    source = "第七条　預備黨員的預備期為一年。\n（一）堅持黨的基本路線，\n不動搖。"
    texts = {"cpc": source}
    assert m.quote_exact([("cpc", "预备党员的预备期为一年。")], texts) == 1.0
    # full-width （）， vs ASCII (), and a line break inside the quote: same wording.
    assert m.quote_exact([("cpc", "(一)坚持党的基本路线,不动摇")], texts) == 1.0
    # a changed character, a different final punctuation mark, an unknown document: not verbatim.
    assert m.quote_exact([("cpc", "预备党员预备期为一年。")], texts) == 0.0
    assert m.quote_exact([("cpc", "预备期为一年.")], texts) == 0.0
    assert m.quote_exact([("other", "预备期为一年")], texts) == 0.0
    assert m.quote_exact([("cpc", "预备期为一年"), ("cpc", "预备期为两年")], texts) == 0.5
    assert m.quote_exact([], texts) is None


def test_citation_precision_by_document_or_overlapping_span() -> None:
    cites = [
        ("d1", "任何内容"),
        ("d2", "監察機關是行使國家監察職能的專責機關，依照本法"),
        ("d3", "村民委员会每届任期五年"),
    ]
    gold_spans = ["监察机关是行使国家监察职能的专责机关"]
    assert m.citation_precision(cites, ["d1"], gold_spans) == pytest.approx(2 / 3)
    assert m.citation_precision(cites, ["d1"]) == pytest.approx(1 / 3)
    assert m.citation_precision([], ["d1"]) is None


def test_char_f1_ignores_punctuation_and_script() -> None:
    # pred chars 党员预备期为一年 (8), ref 预备期为一年 (6, 爲→为): P=6/8, R=1.
    assert m.char_f1("党员预备期为一年。", "預備期爲一年") == pytest.approx(2 * 0.75 / 1.75)
    assert m.char_f1("一年！", "一年") == 1.0
    assert m.char_f1("", "一年") == 0.0
    assert m.char_f1("五年", "一年") == pytest.approx(0.5)


def test_rouge_l_is_order_sensitive_over_characters() -> None:
    # 一年预备期 vs 预备期一年: LCS = 预备期 (3 of 5 each side) → F1 0.6, while char F1 is 1.0.
    assert m.rouge_l("一年预备期", "预备期一年") == pytest.approx(0.6)
    assert m.char_f1("一年预备期", "预备期一年") == pytest.approx(1.0)
    assert m.rouge_l("預備期為一年", "预备期为一年。") == pytest.approx(1.0)
    assert m.lcs_length(list("ABCBDAB"), list("BDCABA")) == 4
    assert m.rouge_l("甲乙", "丙丁") == 0.0


def test_refusal_metrics() -> None:
    refused = [True, False, False, True]
    answerable = [False, True, True, True]
    assert m.refusal_accuracy(refused, answerable) == 0.75
    assert m.false_refusal_rate(refused, answerable) == pytest.approx(1 / 3)
    assert m.unanswerable_refusal_rate(refused, answerable) == 1.0
    assert m.false_refusal_rate([True], [False]) is None
    with pytest.raises(ValueError):
        m.refusal_accuracy([True], [])


def test_percentile_and_mean() -> None:
    assert m.percentile([40, 10, 30, 20], 50) == 25
    assert m.percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)
    assert m.percentile([7.0], 95) == 7.0
    assert m.percentile([], 50) is None
    assert m.mean([1.0, None, 0.0]) == 0.5
    assert m.mean([None]) is None


# ----------------------------------------------------------------------------------------------------
# member-set answer checks (hand-computed)


def test_chinese_numerals() -> None:
    from service.evals.metrics import chinese_numeral

    assert [chinese_numeral(n) for n in (1, 8, 10, 12, 20, 37, 105, 110, 158)] == [
        "一",
        "八",
        "十",
        "十二",
        "二十",
        "三十七",
        "一百零五",
        "一百一十",
        "一百五十八",
    ]


def test_states_count_needs_a_measure_word_and_ignores_ordinals() -> None:
    from service.evals.metrics import states_count

    assert states_count("党员的义务共八项：（一）……", 8)
    assert states_count("共 8 条", 8)
    assert states_count("纪律处分有五种：警告……", 5)
    assert states_count("分为两种", 2) and states_count("分为二种", 2)
    assert states_count("2023年版共一百五十八条", 158)
    assert not states_count("见党章第八条", 8)  # an ordinal is not a count
    assert not states_count("共18条", 8)  # part of a larger number
    assert not states_count("党员必须履行下列义务", 8)
    assert states_count("黨員的義務共八項", 8)  # traditional script folds to simplified


def test_missing_spans_fold_whitespace_width_and_script() -> None:
    from service.evals.metrics import missing_spans

    answer = "有正式黨員7人以上的黨支部，應當設立黨支部委員會。"
    assert missing_spans(answer, ["有正式党员 7 人以上的党支部", "党支部委员会由 3 至 5 人组成"]) == [
        "党支部委员会由 3 至 5 人组成"
    ]


def test_answer_correct_requires_every_span_the_count_and_no_refusal() -> None:
    from service.evals.metrics import answer_correct, span_recall

    spans = ["警告", "开除党籍"]
    assert (
        answer_correct("处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。", False, spans, 5)
        == 1.0
    )
    assert (
        answer_correct("处分有：警告、严重警告、撤销党内职务、留党察看、开除党籍。", False, spans, 5) == 0.0
    )
    assert answer_correct("警告、严重警告。", False, spans) == 0.0
    assert answer_correct("警告……开除党籍", True, spans) == 0.0  # a refusal is never correct
    assert answer_correct("任何回答", False, []) is None
    assert span_recall("警告、严重警告。", False, spans) == 0.5
    assert span_recall("警告", True, spans) == 0.0


def test_version_correct_needs_every_expected_document_cited() -> None:
    from service.evals.metrics import version_correct

    assert version_correct(["cpc-discipline-2023"], ["cpc-discipline-2023"], False) == 1.0
    assert version_correct(["cpc-discipline-2018"], ["cpc-discipline-2023"], False) == 0.0
    both = ["cpc-discipline-2018", "cpc-discipline-2023"]
    assert version_correct(["cpc-discipline-2023"], both, False) == 0.0
    assert version_correct(both, both, False) == 1.0
    assert version_correct(both, both, True) == 0.0
    assert version_correct(both, [], False) is None
