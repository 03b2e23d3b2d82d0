"""The everyday → formal vocabulary (service/text/vocabulary.py): one file for the refusal check and retrieval."""

from __future__ import annotations

import pytest

from service.config import Settings
from service.container import build_container
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


def test_expand_text_finds_everyday_words_inside_a_question() -> None:
    vocab = vocabulary.load()
    # substrings, however jieba cuts them; each formal form once, in question order
    assert vocab.expand_text("党员私下找人算命看风水，算违纪吗？") == ["迷信"]
    assert vocab.expand_text("网上有人编段子恶搞英雄烈士") == ["网络", "歪曲", "丑化", "亵渎"]
    assert vocab.expand_text("当了大领导是不是可以不参加支部活动") == ["领导干部", "组织生活"]
    assert vocab.expand_text("村委会主任干满一届还能接着选吗") == ["村民委员会", "届满", "连选连任"]
    # the longer word wins (购物卡 → 消费卡, not also 购物 → 消费); a form already asked is not added
    assert vocab.expand_text("下属过节给我塞了张购物卡") == ["消费卡"]
    assert vocab.expand_text("收到红包和礼金") == []
    assert vocab.expand_text("党支部书记的任期") == []  # 党支部 → 支部 is already in the question
    assert vocab.expand_text("党员的义务有哪些") == []


def _superstition_kb(settings: Settings) -> None:
    from kb_samples import article_doc

    from service.backends.embedders import HashEmbedder
    from service.ingest.pipeline import index_chunks

    docs = [
        article_doc(
            "discipline",
            "纪律处分条例",
            {
                70: ["参加迷信活动，造成不良影响的，给予警告或者严重警告处分。"],
                12: ["党员受到留党察看处分，期间没有表决权、选举权和被选举权。"],
            },
        ),
        article_doc("approval", "处分违纪党员批准权限", {3: ["处分违纪党员，应当经支部大会讨论决定。"]}),
    ]
    index_chunks(docs, settings, HashEmbedder())


@pytest.mark.parametrize("on", [False, True])
def test_retrieval_finds_the_article_in_formal_words_only_with_the_vocabulary(
    hash_settings: Settings, on: bool
) -> None:
    settings = hash_settings.model_copy(update={"vocabulary_expansion": on})
    _superstition_kb(settings)
    retriever = build_container(settings).retriever
    cands = retriever.candidates("党员私下找人算命看风水，算违纪吗？")
    lexical = [cands.index.chunk_at(pos).locator for pos, _ in cands.lexical]
    # 算命、风水 never occur in a regulation: only their formal form 迷信 reaches the article
    assert ("第七十条" in lexical) is on


def test_periods_and_ages_reach_the_texts_words() -> None:
    vocab = vocabulary.load()
    # 大半年 / 半年多 are the 六个月 of 党章第九条; the longer word wins over 半年
    assert vocab.expand_text("有个党员大半年不交党费") == ["六个月", "交纳党费"]
    assert vocab.expand_text("半年多没来过组织生活") == ["六个月"]
    # an age in any numerals asks about an age threshold: 年满 (党章第一条 年满十八岁)
    assert vocab.expand_text("我儿子今年17岁能写入党申请吗") == ["年满", "入党申请书"]
    assert vocab.expand_text("十七岁能入党吗") == ["年满", "加入中国共产党"]
    assert vocab.expand_text("25周岁") == ["年满"]
    assert vocab.expand_text("年满十八岁的先进分子") == []  # already the texts' word
    assert vocab.expand_text("第18条") == []  # not an age
