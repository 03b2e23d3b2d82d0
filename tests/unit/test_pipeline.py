"""Incremental ingest: add/update/remove by root, no re-embedding, bad files reported, one writer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.errors import DocumentNotFound, IngestInProgress
from service.index.generations import IndexManager, list_generations, read_current
from service.index.lifecycle import index_lock
from service.ingest.pipeline import delete_documents, ingest

REGULATION = (
    "第一条 为了加强党的建设，制定本条例。\n第二条 党支部是党的基础组织。\n第三条 支部委员会每届任期三年。\n"
)
THEORY = "全党必须增强四个意识，坚定四个自信，做到两个维护。\n\n基层党组织要发挥战斗堡垒作用。\n"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    _write(root / "branch_rules.txt", "党支部工作条例\n" + REGULATION)
    _write(root / "theory.md", "# 两个维护\n\n" + THEORY)
    return root


def _run(paths: list[Path], settings: Settings, **kw: object):  # type: ignore[no-untyped-def]
    return ingest(paths, settings, HashEmbedder(), progress=False, **kw)  # type: ignore[arg-type]


def test_first_ingest_then_unchanged_reingest_embeds_nothing(corpus: Path, hash_settings: Settings) -> None:
    first = _run([corpus], hash_settings)
    assert len(first.added) == 2 and first.changed and first.embedded == first.n_chunks > 0
    again = _run([corpus], hash_settings)
    assert not again.changed and again.embedded == 0
    assert sorted(again.unchanged) == sorted(first.added)
    assert again.generation == first.generation == read_current(hash_settings.index_root)
    assert list_generations(hash_settings.index_root) == [first.generation]


def test_changed_and_deleted_documents(corpus: Path, hash_settings: Settings) -> None:
    first = _run([corpus], hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    by_path = {d.source_path: d.doc_id for d in index.documents()}
    reg_id, theory_id = by_path["branch_rules.txt"], by_path["theory.md"]
    _write(corpus / "branch_rules.txt", "党支部工作条例\n" + REGULATION + "第四条 党员应当按期交纳党费。\n")
    (corpus / "theory.md").unlink()
    second = _run([corpus], hash_settings)
    assert second.updated == [reg_id] and second.removed == [theory_id] and not second.added
    # Only the new article's text is new to the embedding cache.
    assert second.embedded == 1 and second.cached == second.n_chunks - 1
    index = IndexManager(hash_settings, HashEmbedder()).current()
    assert [d.doc_id for d in index.documents()] == [reg_id]
    assert any(c.article_no == 4 for c in index.chunks(reg_id))
    assert second.generation != first.generation


def test_documents_from_other_roots_are_kept(corpus: Path, tmp_path: Path, hash_settings: Settings) -> None:
    other = tmp_path / "other"
    _write(other / "news.txt", "某地开展主题党日活动\n全体党员参加了主题党日活动。\n")
    _run([corpus], hash_settings)
    _run([other], hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    assert len(index.documents()) == 3
    (other / "news.txt").unlink()
    report = _run([other], hash_settings)
    assert len(report.removed) == 1
    assert report.n_docs == 2
    assert not _run([other], hash_settings, delete_missing=False).changed


def test_jsonl_corpus_ids_become_document_ids(tmp_path: Path, hash_settings: Settings) -> None:
    records = [
        {
            "id": "rec-1",
            "title": "个体工商户条例第二条",
            "text": "有经营能力的公民，依照本条例规定经登记，为个体工商户。",
        },
        {"id": "rec-2", "title": "党支部工作条例第九条", "text": "党支部委员会由党员大会选举产生。"},
    ]
    path = _write(
        tmp_path / "c" / "corpus.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    )
    report = _run([path], hash_settings)
    assert sorted(report.added) == ["rec-1", "rec-2"]
    index = IndexManager(hash_settings, HashEmbedder()).current()
    assert index.chunks("rec-1")[0].article_no == 2


def test_bad_files_are_reported_and_the_good_one_is_ingested(tmp_path: Path, hash_settings: Settings) -> None:
    root = tmp_path / "batch"
    _write(root / "gbk.txt", "党支部工作条例\n" + REGULATION, encoding="gbk")
    _write(root / "empty.txt", "")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\x00\x01")
    (root / "blob.bin.txt").write_bytes(bytes(range(256)) * 8)
    report = _run([root], hash_settings)
    assert len(report.added) == 1
    codes = {Path(f.path).name: f.code for f in report.failures}
    assert codes == {
        "empty.txt": "empty_document",
        "broken.pdf": "corrupt_file",
        "blob.bin.txt": "binary_file",
    }
    assert all(f.message for f in report.failures)
    doc = IndexManager(hash_settings, HashEmbedder()).current().documents()[0]
    assert doc.source_path == "gbk.txt"


def test_a_file_that_fails_to_load_keeps_its_indexed_version(corpus: Path, hash_settings: Settings) -> None:
    _run([corpus], hash_settings)
    (corpus / "theory.md").write_bytes(b"")
    report = _run([corpus], hash_settings)
    assert report.failures and not report.removed and not report.changed


def test_missing_path_is_a_failure(tmp_path: Path, hash_settings: Settings) -> None:
    report = _run([tmp_path / "nowhere"], hash_settings)
    assert [f.code for f in report.failures] and report.n_loaded == 0 and report.generation is None


def test_delete_documents(corpus: Path, hash_settings: Settings) -> None:
    _run([corpus], hash_settings)
    index = IndexManager(hash_settings, HashEmbedder()).current()
    victim = index.documents()[0].doc_id
    report = delete_documents([victim], hash_settings, HashEmbedder())
    assert report.removed == [victim] and report.n_docs == 1 and report.embedded == 0
    with pytest.raises(DocumentNotFound):
        delete_documents(["no-such-doc"], hash_settings, HashEmbedder())


def test_second_concurrent_ingest_is_refused(corpus: Path, hash_settings: Settings) -> None:
    with index_lock(hash_settings), pytest.raises(IngestInProgress) as err:
        _run([corpus], hash_settings)
    assert err.value.status == 409 and err.value.code == "ingest_in_progress"
    assert _run([corpus], hash_settings).changed  # the lock is released afterwards
