"""Dataset loading: both layouts, tolerant defaults, and line-numbered errors for bad records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.evals.datasets import DatasetError, load_dataset


def _write(path: Path, lines: list[object]) -> None:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
        encoding="utf-8",
    )


def _corpus(root: Path) -> None:
    _write(
        root / "corpus.jsonl",
        [
            {"id": "d1", "title": "党章第七条", "text": "预备党员的预备期为一年。"},
            {"id": "d2", "text": "村民委员会每届任期五年。", "metadata": {"kind": "law"}},
        ],
    )


def test_corpus_layout_with_turns_tags_and_defaults(tmp_path: Path) -> None:
    _corpus(tmp_path)
    _write(
        tmp_path / "questions.jsonl",
        [
            {"id": 1, "question": " 预备期多长？ ", "gold_doc_ids": ["d1"], "gold_spans": ["预备期为一年"]},
            "",
            {
                "id": "q2",
                "question": "那村委会呢？",
                "gold_doc_ids": ["d2"],
                "answerable": True,
                "turns": ["预备期多长？", {"role": "assistant", "content": "一年"}],
                "tags": ["followup"],
            },
            {"id": "q3", "question": "今天天气如何？", "gold_doc_ids": [], "answerable": False},
            {"id": "q4", "question": "缺失文档？", "gold_doc_ids": ["nope"], "answerable": True},
            '{"id": "q5", "question": "参考答案为 NaN", "reference_answer": NaN, "gold_doc_ids": ["d1"]}',
        ],
    )
    ds = load_dataset(tmp_path)
    assert ds.name == tmp_path.name and ds.knowledge_dir is None
    q1, q2, q3, _q4, q5 = ds.questions
    assert q5.reference_answer is None and q5.answerable
    assert (q1.id, q1.question, q1.answerable, q1.line) == ("1", "预备期多长？", True, 1)
    assert q2.turns == ("预备期多长？",) and q2.tags == ("followup",) and q2.line == 3
    assert not q3.answerable and q3.gold_doc_ids == ()
    docs = list(ds.corpus_docs())
    assert docs[1].title == "d2" and docs[1].metadata == {"kind": "law"}
    assert len(ds.warnings) == 1 and "q4" in ds.warnings[0] and "nope" in ds.warnings[0]
    assert len(ds.corpus_hash()) == 64


def test_knowledge_dir_layout(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a.md").write_text("# 标题\n正文", encoding="utf-8")
    ds_dir = tmp_path / "ds"
    ds_dir.mkdir()
    (ds_dir / "dataset.json").write_text(
        json.dumps({"name": "dev", "knowledge_dir": "../kb"}), encoding="utf-8"
    )
    _write(
        ds_dir / "questions.jsonl",
        [{"id": "q", "question": "标题？", "gold_doc_ids": ["a"], "answerable": True}],
    )
    ds = load_dataset(ds_dir)
    assert ds.name == "dev" and ds.knowledge_dir == kb.resolve() and ds.corpus_path is None
    before = ds.corpus_hash()
    (kb / "a.md").write_text("# 标题\n改过的正文", encoding="utf-8")
    assert ds.corpus_hash() != before


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("{not json", "不是合法的 JSON"),
        ('["a list"]', "JSON 对象"),
        ('{"question": "没有 id"}', "id"),
        ('{"id": "x", "question": ""}', "question"),
        ('{"id": "x", "question": "问", "answerable": "yes"}', "answerable"),
        ('{"id": "x", "question": "问", "gold_doc_ids": "d1"}', "gold_doc_ids"),
        ('{"id": "x", "question": "问", "gold_doc_ids": ["d1"], "gold_spans": [""]}', "gold_spans"),
        ('{"id": "x", "question": "问", "turns": [""]}', "turns"),
        ('{"id": "x", "question": "问", "gold_doc_ids": ["d1"], "required_spans": [""]}', "required_spans"),
        ('{"id": "x", "question": "问", "gold_doc_ids": ["d1"], "required_count": 0}', "required_count"),
        ('{"id": "x", "question": "问", "gold_doc_ids": ["d1"], "required_count": "八"}', "required_count"),
        ('{"id": "q0", "question": "重复"}', "重复"),
    ],
)
def test_bad_question_line_names_file_and_line(tmp_path: Path, line: str, fragment: str) -> None:
    _corpus(tmp_path)
    (tmp_path / "questions.jsonl").write_text(
        '{"id": "q0", "question": "好的", "gold_doc_ids": ["d1"]}\n' + line + "\n", encoding="utf-8"
    )
    with pytest.raises(DatasetError) as info:
        load_dataset(tmp_path)
    assert "questions.jsonl 第2行" in info.value.message
    assert fragment in info.value.message
    assert info.value.detail == {"file": str(tmp_path / "questions.jsonl"), "line": 2}


def test_bad_corpus_lines_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="不存在"):
        load_dataset(tmp_path / "missing")
    with pytest.raises(DatasetError, match=r"questions\.jsonl"):
        load_dataset(tmp_path)
    _write(tmp_path / "questions.jsonl", [{"id": "q", "question": "问"}])
    with pytest.raises(DatasetError, match=r"corpus\.jsonl"):
        load_dataset(tmp_path)
    _write(tmp_path / "corpus.jsonl", [{"id": "d1", "text": "正文"}, {"id": "d1", "text": "再来"}])
    with pytest.raises(DatasetError, match=r"corpus\.jsonl 第2行.*重复"):
        load_dataset(tmp_path)
    _write(tmp_path / "corpus.jsonl", [{"id": "d1", "text": "  "}])
    with pytest.raises(DatasetError, match=r"corpus\.jsonl 第1行.*text"):
        load_dataset(tmp_path)
    (tmp_path / "questions.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="没有任何问题"):
        load_dataset(tmp_path)


def test_dataset_json_documents_are_validated(tmp_path: Path) -> None:
    (tmp_path / "questions.jsonl").write_text('{"id": "q", "question": "问"}\n', encoding="utf-8")
    for documents, fragment in (
        ("not a list", "documents 必须是列表"),
        ([{"doc_id": "a", "path": "x.md"}], "doc_id、path、title"),
        (
            [{"doc_id": "a", "path": "x.md", "title": "甲"}, {"doc_id": "a", "path": "y.md", "title": "乙"}],
            "重复",
        ),
    ):
        spec = {"name": "d", "corpus_root": "corpus", "documents": documents}
        (tmp_path / "dataset.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(DatasetError, match=fragment):
            load_dataset(tmp_path)
    spec = {
        "name": "d",
        "corpus_root": "corpus",
        "documents": [{"doc_id": "a", "path": "x.md", "title": "甲"}],
    }
    (tmp_path / "dataset.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert dataset.corpus_path is None and dataset.corpus_root == (tmp_path / "corpus").resolve()
    assert [d["doc_id"] for d in dataset.documents] == ["a"]
