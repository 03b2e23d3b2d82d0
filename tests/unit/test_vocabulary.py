"""The everyday → formal vocabulary (service/text/vocabulary.py): one file for the refusal check and retrieval."""

from __future__ import annotations

import pytest

from service.rag.refusal import consequence_answers, term_coverage
from service.text import vocabulary
from service.text.vocabulary import VocabularyError, parse


def test_shipped_vocabulary_maps_everyday_words_to_regulation_wording() -> None:
    vocab = vocabulary.load()
    assert vocab.formal_forms("红包") == ("礼金",)
    assert vocab.formal_forms("购物卡") == ("消费卡",)
    assert vocab.formal_forms("支委会") == ("支部委员会",)
    assert vocab.formal_forms("政审") == ("政治审查",)
    assert vocab.formal_forms("党员") == ()
    assert "红包" in vocab and "党员" not in vocab


def test_every_row_is_well_formed_and_sourced() -> None:
    for no, line in enumerate(vocabulary.DEFAULT_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == 3 and all(c.strip() for c in cols), f"line {no}: {line!r}"


def test_parse_normalises_keeps_order_and_drops_duplicates() -> None:
    vocab = parse(["# comment", "", "紅包\t禮金\tx", "红包\t礼品", "红包\t礼金\ty"])
    assert vocab.formal_forms("红包") == ("礼金", "礼品")
    assert vocab.expand(["收", "红包", "礼品"]) == ["礼金"]


@pytest.mark.parametrize("line", ["红包", "红包\t", "\t礼金", "礼金\t礼金"])
def test_parse_rejects_malformed_rows(line: str) -> None:
    with pytest.raises(VocabularyError, match=":1:"):
        parse([line])


def test_refusal_credits_the_formal_form() -> None:
    # 红包 is not in the evidence, its formal form 礼金 is.
    evidence = "收受可能影响公正执行公务的礼品、礼金、消费卡（券）"
    assert term_coverage("收红包", evidence) == pytest.approx(1.0)
    assert consequence_answers(
        "下属过节给我塞了张购物卡，我收了会怎样", "收受……消费卡（券）的，给予警告或者严重警告处分"
    )
