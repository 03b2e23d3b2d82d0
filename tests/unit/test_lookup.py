"""Exact article lookup: numerals, traditional script, aliases, law-name disambiguation."""

from __future__ import annotations

import pytest
from kb_samples import build_sample_index

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.index.generations import IndexManager, KnowledgeIndex
from service.rag.lookup import lookup, parse_reference
from service.schemas import SearchFilters


@pytest.fixture
def index(hash_settings: Settings) -> KnowledgeIndex:
    build_sample_index(hash_settings)
    return IndexManager(hash_settings, HashEmbedder()).current()


def _ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.chunk_id for h in hits]


@pytest.mark.parametrize(
    "query",
    [
        "党章第十条",
        "党章第10条",
        "中國共產黨章程第十條",
        "中国共产党章程第十条是怎么规定的",
        "请问党章的第十条",
        "第十条",
    ],
)
def test_party_constitution_article_10_all_parts_in_order(index: KnowledgeIndex, query: str) -> None:
    hits = lookup(query, index)
    assert _ids(hits) == ["cpc-constitution-2017#a10-p1", "cpc-constitution-2017#a10-p2"]
    assert all(h.score == 1.0 and h.scores == {"lookup": 1.0} for h in hits)


def test_constitution_article(index: KnowledgeIndex) -> None:
    assert _ids(lookup("宪法第1条", index)) == ["constitution#a1-p1"]
    assert _ids(lookup("中华人民共和国宪法第一条", index)) == ["constitution#a1-p1"]
    assert _ids(lookup("宪法第十条", index)) == ["constitution#a10-p1"]


def test_law_name_does_not_match_a_longer_name(index: KnowledgeIndex) -> None:
    assert _ids(lookup("监察法第十五条", index)) == ["supervision-law#a15-p1"]
    assert _ids(lookup("监察官法第十五条", index)) == ["supervisors-law#a15-p1"]


def test_bare_article_ambiguity(index: KnowledgeIndex) -> None:
    # Only the 党章 has article 32; article 15 exists in two laws and neither is the 党章.
    assert _ids(lookup("第三十二条", index)) == ["cpc-constitution-2017#a32-p1"]
    assert lookup("第十五条", index) == []
    # A filter makes it unambiguous.
    only = SearchFilters(doc_ids=["supervisors-law"])
    assert _ids(lookup("第十五条", index, only)) == ["supervisors-law#a15-p1"]


def test_unknown_document_or_article_gives_nothing(index: KnowledgeIndex) -> None:
    assert lookup("刑法第十条", index) == []
    assert lookup("党章第九十九条", index) == []
    assert lookup("两个维护是什么", index) == []


def test_filters_exclude_the_named_document(index: KnowledgeIndex) -> None:
    assert lookup("党章第十条", index, SearchFilters(doc_types=["theory"])) == []


def test_parse_reference() -> None:
    assert parse_reference("党章第三十二条怎么规定的") == ("党章", 32)
    assert parse_reference("兩個維護") is None


def test_missing_item_is_said_from_the_looked_up_article() -> None:
    from service.rag.answer import missing_item
    from service.schemas import Hit

    text = "第三条　党员必须履行下列义务：\n（一）学习。\n（二）执行。\n（三）遵守。"
    part = Hit(doc_id="d", title="中国共产党章程", chunk_id="d#a3", locator="第三条", text=text, score=1.0,
               article_no=3, scores={"lookup": 1.0})  # fmt: skip
    assert missing_item("党章第三条第四项是什么", [part]) == "《中国共产党章程》第三条共三项，没有第四项。"
    assert missing_item("党章第三条第二项是什么", [part]) is None
    assert missing_item("党章第三条讲什么", [part]) is None
    unlooked = part.model_copy(update={"scores": {"dense": 0.9}})
    assert missing_item("党章第三条第四项是什么", [unlooked]) is None  # no article was named and found
