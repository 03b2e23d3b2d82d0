"""Quiz scope resolution: documents, articles (第七条 = 第7条), chapters and retrieval queries combine."""

from __future__ import annotations

import pytest
from fakes import ChunkIndex, FixedRetriever
from quiz_corpus import constitution_chunks, theory_chunks

from service.errors import DocumentNotFound, QuizScopeEmpty
from service.quiz.items import QuizScope
from service.quiz.scope import resolve_scope
from service.schemas import Chunk, Hit, SearchFilters

CHUNKS = constitution_chunks() + theory_chunks()


WANTED = [c for c in CHUNKS if c.locator in ("第四十一条", "第七条")]
SEARCH_HITS = [
    Hit(doc_id=c.doc_id, title=c.title, chunk_id=c.chunk_id, locator=c.locator, text=c.text, score=1.0)
    for c in reversed(WANTED)
]


def _resolve(scope: QuizScope, retriever: FixedRetriever | None = None) -> list[Chunk]:
    return resolve_scope(ChunkIndex(CHUNKS), retriever or FixedRetriever(SEARCH_HITS), scope)  # type: ignore[arg-type]


def test_whole_knowledge_base_by_default() -> None:
    assert _resolve(QuizScope()) == CHUNKS


def test_documents_and_articles_in_either_spelling() -> None:
    assert [c.locator for c in _resolve(QuizScope(locators=["第7条"]))] == ["第七条"]
    picked = _resolve(QuizScope(doc_ids=["cpc-constitution-2017"], locators=["第三十二条", "第四十条"]))
    assert [c.locator for c in picked] == ["第三十二条", "第四十条"]
    assert {c.doc_id for c in _resolve(QuizScope(doc_ids=["theory-anding-five-projects"]))} == {
        "theory-anding-five-projects"
    }


def test_chapters() -> None:
    picked = _resolve(QuizScope(locators=["第七章"]))
    assert [c.locator for c in picked] == [
        "第三十九条",
        "第四十条",
        "第四十一条",
        "第四十二条",
        "第四十三条",
        "第四十四条",
    ]


def test_query_keeps_retrieved_chunks_in_document_order() -> None:
    retriever = FixedRetriever(SEARCH_HITS)
    picked = _resolve(QuizScope(doc_ids=["cpc-constitution-2017"], query="纪律处分"), retriever)
    assert [c.locator for c in picked] == ["第七条", "第四十一条"]
    assert retriever.calls == [("纪律处分", SearchFilters(doc_ids=["cpc-constitution-2017"]))]


def test_empty_and_unknown_scopes() -> None:
    with pytest.raises(QuizScopeEmpty):
        _resolve(QuizScope(locators=["第九十九条"]))
    with pytest.raises(QuizScopeEmpty):
        _resolve(QuizScope(doc_ids=["theory-anding-five-projects"], query="纪律处分"))
    with pytest.raises(DocumentNotFound):
        _resolve(QuizScope(doc_ids=["nope"]))


def test_revised_versions_are_left_out_unless_asked_for() -> None:
    from quiz_corpus import discipline_chunks

    old, new = discipline_chunks("2018"), discipline_chunks("2023")

    def resolve(scope: QuizScope) -> list[Chunk]:
        return resolve_scope(ChunkIndex(old + new), FixedRetriever(SEARCH_HITS), scope)  # type: ignore[arg-type]

    assert {c.doc_id for c in resolve(QuizScope())} == {"cpc-discipline-2023"}
    assert {c.doc_id for c in resolve(QuizScope(include_superseded=True))} == {
        "cpc-discipline-2018",
        "cpc-discipline-2023",
    }
    with pytest.raises(QuizScopeEmpty, match=r"已被修订.*2018年版.*--include-superseded"):
        resolve(QuizScope(doc_ids=["cpc-discipline-2018"]))
    picked = resolve(QuizScope(doc_ids=["cpc-discipline-2018"], include_superseded=True, locators=["第一条"]))
    assert [c.chunk_id for c in picked] == ["cpc-discipline-2018#第一条"]
