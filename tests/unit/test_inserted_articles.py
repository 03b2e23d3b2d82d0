"""Inserted articles (第三条之一, 刑法第一百七十七条之一) end to end: split, lookup, answer and citation.

An inserted article has its own number and suffix: ``ArticleRef("条", 3, sub=1)``. Asking for it must give
that article, never its neighbour 第三条 (same ``article_no``), and asking for 第三条 must not bring the
inserted one along. Documents go through the real splitter and ingest pipeline (hash embedder).
"""

from __future__ import annotations

import pytest

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.container import build_container
from service.index.generations import IndexManager, KnowledgeIndex
from service.ingest.pipeline import sync_documents
from service.rag.lookup import check_reference, lookup
from service.schemas import SourceDoc

RULES = SourceDoc(
    doc_id="rules",
    title="青岚市志愿服务条例",
    doc_type="regulation",
    text=(
        "青岚市志愿服务条例\n"
        "第一条　为了规范志愿服务，制定本条例。\n"
        "第二条　本条例适用于本市行政区域内的志愿服务活动。\n"
        "第三条　志愿服务应当遵循自愿、无偿、平等、诚信的原则。\n"
        "第三条之一　志愿者年满十六周岁方可独立参加志愿服务，未满十六周岁的应当由监护人陪同。\n"
        "第四条　市民政部门负责本市志愿服务的统筹协调。\n"
    ),
)
CRIMINAL = SourceDoc(
    doc_id="刑法第一百七十七条", title="刑法第一百七十七条", doc_type="regulation",
    text="有下列情形之一，伪造、变造金融票证的，处五年以下有期徒刑或者拘役。",
)  # fmt: skip
CRIMINAL_SUB = SourceDoc(
    doc_id="刑法第一百七十七条之一", title="刑法第一百七十七条之一", doc_type="regulation",
    text="窃取、收买或者非法提供他人信用卡信息资料的，处三年以下有期徒刑或者拘役。",
)  # fmt: skip


@pytest.fixture
def index(hash_settings: Settings) -> KnowledgeIndex:
    sync_documents([RULES, CRIMINAL, CRIMINAL_SUB], ["test"], hash_settings, HashEmbedder(), progress=False)
    return IndexManager(hash_settings, HashEmbedder()).current()


def test_split_keeps_the_suffix_in_locator_and_id(index: KnowledgeIndex) -> None:
    by_locator = {c.locator: c for c in index.chunks("rules")}
    assert list(by_locator) == ["第一条", "第二条", "第三条", "第三条之一", "第四条"]
    assert by_locator["第三条之一"].chunk_id == "rules#a3_1"
    assert by_locator["第三条之一"].article_no == 3
    assert index.chunks("刑法第一百七十七条之一")[0].chunk_id == "刑法第一百七十七条之一#a177_1"


@pytest.mark.parametrize(
    ("query", "chunk_id"),
    [
        ("青岚市志愿服务条例第三条之一", "rules#a3_1"),
        ("青岚市志愿服务条例第3条之一", "rules#a3_1"),
        ("青嵐市志願服務條例第三條之一", "rules#a3_1"),
        ("青岚市志愿服务条例第三条", "rules#a3"),
        ("刑法第一百七十七条之一", "刑法第一百七十七条之一#a177_1"),
        ("刑法第一百七十七条", "刑法第一百七十七条#a177"),
    ],
)
def test_lookup_tells_an_inserted_article_from_its_neighbour(
    index: KnowledgeIndex, query: str, chunk_id: str
) -> None:
    assert [h.chunk_id for h in lookup(query, index)] == [chunk_id]


def test_a_missing_inserted_article_is_named_with_its_suffix(index: KnowledgeIndex) -> None:
    check = check_reference("青岚市志愿服务条例第四条之一", index)
    assert check.status == "missing_article"
    assert check.message() == "《青岚市志愿服务条例》共四条，没有第四条之一。"


def test_answer_cites_the_inserted_article(hash_settings: Settings) -> None:
    sync_documents([RULES, CRIMINAL, CRIMINAL_SUB], ["test"], hash_settings, HashEmbedder(), progress=False)
    answerer = build_container(hash_settings).answerer
    answer = answerer.ask("青岚市志愿服务条例第三条之一是怎么规定的")
    assert not answer.refused
    assert [(c.chunk_id, c.locator) for c in answer.citations] == [("rules#a3_1", "第三条之一")]
    assert "年满十六周岁" in answer.answer and "自愿、无偿" not in answer.answer
    plain = answerer.ask("青岚市志愿服务条例第三条是怎么规定的")
    assert [(c.chunk_id, c.locator) for c in plain.citations] == [("rules#a3", "第三条")]
    assert "自愿、无偿" in plain.answer and "年满十六周岁" not in plain.answer


def test_this_article_follow_up_keeps_the_suffix(hash_settings: Settings) -> None:
    sync_documents([RULES], ["test"], hash_settings, HashEmbedder(), progress=False)
    answerer = build_container(hash_settings).answerer
    first = answerer.ask("青岚市志愿服务条例第三条之一是怎么规定的")
    follow = answerer.ask("这一条的内容", conversation_id=first.conversation_id)
    assert [c.locator for c in follow.citations] == ["第三条之一"]


def test_search_keeps_an_inserted_article_next_to_its_neighbour(hash_settings: Settings) -> None:
    # de-duplication by article must not take 第三条之一 for another part of 第三条
    sync_documents([RULES], ["test"], hash_settings, HashEmbedder(), progress=False)
    hits = build_container(hash_settings).retriever.search(
        "志愿服务自愿无偿的原则，志愿者年满十六周岁", top_k=5
    )
    assert {"rules#a3", "rules#a3_1"} <= {h.chunk_id for h in hits}


def test_ingest_report_counts_an_inserted_article_as_an_article() -> None:
    from service.ingest.report import count_structure
    from service.text.split import split_document

    counts, numbers = count_structure(RULES, split_document(RULES))
    assert counts.articles == 5 and numbers == [1, 2, 3, 3, 4]


def test_quiz_scope_by_locator_tells_an_inserted_article_from_its_neighbour() -> None:
    from fakes import ChunkIndex, FixedRetriever

    from service.quiz.items import QuizScope
    from service.quiz.scope import resolve_scope
    from service.text.split import split_document

    index, retriever = ChunkIndex(split_document(RULES)), FixedRetriever([])

    def ids(locator: str) -> list[str]:
        scope = QuizScope(locators=[locator])
        return [c.chunk_id for c in resolve_scope(index, retriever, scope)]  # type: ignore[arg-type]

    assert ids("第三条之一") == ids("第3条之一") == ["rules#a3_1"]
    assert ids("第三条") == ["rules#a3"]
