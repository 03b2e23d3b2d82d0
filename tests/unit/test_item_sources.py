"""The passage a quiz item or citation points at (``service/index/sources.py``), and the bank's checked save
that the API (``POST /v1/bank``) and the CLI (``study quiz --save``) share."""

from __future__ import annotations

from kb_samples import build_sample_index

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.index.generations import IndexManager
from service.index.sources import item_sources, source_text
from service.schemas import Citation, QuizItem, QuizSource
from service.store.bank import QuestionBank
from service.store.db import Database


def _item(item_id: str, chunk_id: str | None, doc_id: str, quote: str, answer: str) -> QuizItem:
    return QuizItem(
        id=item_id,
        type="blank",
        stem="根据《中国共产党章程》第十条，党是根据自己的纲领和章程，按照____组织起来的统一整体。",
        answer=answer,
        explanation=f"依据《中国共产党章程》第十条：“{quote}”",
        source=QuizSource(
            doc_id=doc_id, title="中国共产党章程", locator="第十条", quote=quote, chunk_id=chunk_id
        ),
    )


def test_source_text_chunk_then_document_then_none(hash_settings: Settings) -> None:
    build_sample_index(hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    chunk = index.chunk("cpc-constitution-2017#a10-p1")
    here = QuizSource(
        doc_id=chunk.doc_id, title=chunk.title, locator="第十条", quote="", chunk_id=chunk.chunk_id
    )
    assert source_text(index, here) == chunk.text
    moved = here.model_copy(update={"chunk_id": "cpc-constitution-2017#gone"})  # re-split: the document
    assert source_text(index, moved) == index.document_text("cpc-constitution-2017")
    assert source_text(index, moved.model_copy(update={"doc_id": "deleted-doc"})) is None
    cited = Citation(
        n=1, doc_id=chunk.doc_id, title=chunk.title, locator="第十条", quote="", chunk_id=chunk.chunk_id
    )
    assert source_text(index, cited) == chunk.text  # citations use the same lookup


def test_checked_save_reports_items_their_source_does_not_support(hash_settings: Settings) -> None:
    build_sample_index(hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    chunk = index.chunk("cpc-constitution-2017#a10-p1")
    sentence = "党是根据自己的纲领和章程，按照民主集中制组织起来的统一整体。"
    assert sentence in chunk.text
    good = _item("q-good", chunk.chunk_id, chunk.doc_id, sentence, "民主集中制")
    forged = _item(
        "q-forged", chunk.chunk_id, chunk.doc_id, "党是按照多数决定原则组织起来的统一整体。", "多数决定"
    )
    bank = QuestionBank(Database(hash_settings.db_path))
    report = bank.save([good, forged], item_sources(index))
    assert report.saved == ["q-good"]
    assert [i.id for i in report.invalid] == ["q-forged"] and report.invalid[0].reasons
    assert [e.item.id for e in bank.list()] == ["q-good"]
