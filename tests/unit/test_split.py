"""Structure-aware splitting: article locators on the real 党章 and LawRefBook files, prose windows."""

from __future__ import annotations

import itertools
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from service.config import REPO_ROOT
from service.ingest.corpus import corpus_file, load_knowledge
from service.schemas import Chunk, SourceDoc
from service.text.refs import cn_to_int, trailing_article
from service.text.sentences import sentence_spans
from service.text.split import split_document

KNOWLEDGE = REPO_ROOT / "knowledge"
ARTICLE_LINE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条[ \u3000]", re.MULTILINE)


@lru_cache(maxsize=1)
def _docs() -> dict[str, SourceDoc]:
    return {d.doc_id: d for d in load_knowledge().docs}


def _check_invariants(doc: SourceDoc, chunks: list[Chunk]) -> None:
    ids = [c.chunk_id for c in chunks]
    assert len(set(ids)) == len(ids)
    for c in chunks:
        assert doc.text[c.char_start : c.char_start + len(c.text)] == c.text
        assert c.text == c.text.strip() and c.text
        assert c.doc_id == doc.doc_id and c.title == doc.title and c.doc_type == doc.doc_type
    # Never cut inside a sentence: every chunk starts and ends on a sentence boundary of its line.
    spans = sentence_spans(doc.text)
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    for c in chunks:
        assert c.char_start in starts, c.chunk_id
        assert c.char_start + len(c.text) in ends, c.chunk_id


def test_party_constitution_articles_chapters_and_general_program() -> None:
    doc = _docs()["cpc-constitution-2017"]
    chunks = split_document(doc)
    _check_invariants(doc, chunks)
    articles = sorted({c.article_no for c in chunks if c.article_no is not None})
    assert articles == list(range(1, 56))
    chapters = {c.chapter_path[0] for c in chunks if c.chapter_path}
    assert len(chapters) == 11
    a32 = [c for c in chunks if c.article_no == 32]
    assert a32[0].chunk_id == "cpc-constitution-2017#a32"
    assert a32[0].locator == "第三十二条"
    assert a32[0].chapter_path == ["第五章 党的基层组织"]
    assert a32[0].text.startswith("第三十二条　党的基层组织是党在社会基层组织中的战斗堡垒")
    assert all(c.parts == len(a32) for c in a32) and [c.part for c in a32] == list(range(1, len(a32) + 1))
    a1 = next(c for c in chunks if c.chunk_id == "cpc-constitution-2017#a1")
    assert (
        a1.chapter_path == ["第一章 党员"] and a1.metadata["version_label"] == "2017年修订（十九大部分修改）"
    )
    general = [c for c in chunks if c.locator.startswith("总纲")]
    assert len(general) >= 25
    assert general[0].locator == "总纲·第1段" and general[0].chunk_id == "cpc-constitution-2017#pre1"
    assert general[0].text.startswith("中国共产党是中国工人阶级的先锋队")
    assert general[2].locator == "总纲·第3段"
    points = {c.locator: c.text for c in general if c.locator.endswith("点")}
    # The numbered points of the 总纲 are cited like articles (issue 11, item 4).
    assert [loc for loc in points] == [f"总纲·第{n}点" for n in "一二三四五"]
    assert points["总纲·第四点"].startswith("第四，坚持民主集中制。")
    notes = [c for c in chunks if c.locator == "题注"]
    assert [c.text for c in notes] == ["（中国共产党第十九次全国代表大会部分修改，2017年10月24日通过）"]
    assert not any(c.text == "中国共产党章程" for c in chunks)  # the title line is not a chunk


def test_long_article_split_into_parts_at_paragraphs() -> None:
    doc = _docs()["cpc-constitution-2017"]
    chunks = split_document(doc, max_chars=200)
    _check_invariants(doc, chunks)
    a10 = [c for c in chunks if c.article_no == 10]
    assert len(a10) > 1
    assert [c.chunk_id for c in a10][:2] == ["cpc-constitution-2017#a10", "cpc-constitution-2017#a10.2"]
    assert all(c.locator == "第十条" for c in a10)
    assert a10[1].text.startswith("（")  # the second part starts at a 款/项 boundary


CORPUS = corpus_file("regulations/中国共产党章程_2017_zh.md").parents[1]
LAWREFBOOK = sorted((CORPUS / "regulations" / "lawrefbook").rglob("*.md"))


@pytest.mark.parametrize("path", LAWREFBOOK, ids=lambda p: p.stem)
def test_lawrefbook_article_counts(path: Path) -> None:
    docs = {d.source_path: d for d in _docs().values()}
    rel = path.relative_to(CORPUS).as_posix()
    doc = docs[rel]
    chunks = split_document(doc)
    _check_invariants(doc, chunks)
    raw = path.read_text(encoding="utf-8")
    expected = {cn_to_int(m) for m in ARTICLE_LINE.findall(raw)}
    got = {c.article_no for c in chunks if c.article_no is not None}
    if doc.doc_id == "constitution-amendment-2018":
        # 第五十二条 quotes the new 第一百二十三条…第一百二十七条; they belong to it, not to the amendment.
        assert got == set(range(32, 53))
        a52 = " ".join(c.text for c in chunks if c.article_no == 52)
        assert "第一百二十三条 中华人民共和国各级监察委员会是国家的监察机关。" in a52
    else:
        assert got == expected
    headings = re.findall(r"^#{2,3} (第\S+[编章节])", raw, re.MULTILINE)
    paths = {label.split(" ")[0] for c in chunks for label in c.chapter_path}
    assert paths == set(headings)
    for c in chunks:
        if c.article_no is not None:
            assert c.chunk_id.startswith(f"{doc.doc_id}#a{c.article_no}")
            assert cn_to_int(c.locator[1:-1]) == c.article_no


def test_constitution_structure() -> None:
    doc = _docs()["constitution"]
    chunks = split_document(doc)
    assert len({c.article_no for c in chunks if c.article_no}) == 143
    pre = [c for c in chunks if c.locator.startswith("序言")]
    assert pre[1].locator == "序言·第2段" and pre[1].text.startswith("一八四○年以后")
    a62 = next(c for c in chunks if c.chunk_id == "constitution#a62")
    assert a62.chapter_path == ["第三章 国家机构", "第一节 全国人民代表大会"]
    a1 = next(c for c in chunks if c.chunk_id == "constitution#a1")
    assert a1.chapter_path == ["第一章 总纲"]  # 宪法's chapter 总纲 has articles, unlike the 党章's
    assert a1.text.startswith("第一条 中华人民共和国是工人阶级领导的")


def test_title_broken_over_two_lines_is_not_a_note() -> None:
    doc = _docs()["local-congress-government-law"]
    notes = [c for c in split_document(doc) if c.locator == "题注"]
    assert notes[0].text.startswith("1979年7月1日 第五届全国人民代表大会第二次会议通过")


def test_ids_are_stable_across_runs() -> None:
    doc = _docs()["supervision-law"]
    first = [(c.chunk_id, c.char_start, c.text) for c in split_document(doc)]
    assert first == [(c.chunk_id, c.char_start, c.text) for c in split_document(doc.model_copy())]


def test_lecoqa_record_is_one_article() -> None:
    doc = SourceDoc(
        doc_id="个体工商户条例第二条",
        title="个体工商户条例第二条",
        text="有经营能力的公民，依照本条例规定经工商行政管理部门登记，从事工商业经营的，为个体工商户。\n\n个体工商户可以个人经营，也可以家庭经营。",
        doc_type="regulation",
    )
    chunks = split_document(doc)
    assert len(chunks) == 1
    c = chunks[0]
    assert (c.chunk_id, c.locator, c.article_no, c.text) == ("个体工商户条例第二条#a2", "第二条", 2, doc.text)
    ref = trailing_article("专利法实施细则第十二条")
    assert ref is not None and (ref.ref.number, ref.written) == (12, "第十二条")
    assert trailing_article("没有条号") is None
    ref = trailing_article("中华人民共和国刑法第一百七十七条之一")
    assert ref is not None and (ref.ref.number, ref.ref.sub, ref.written) == (177, 1, "第一百七十七条之一")
    sub = SourceDoc(
        doc_id="刑法第一百七十七条之一",
        title="中华人民共和国刑法第一百七十七条之一",
        text="有下列情形之一的，处罚。",
    )
    assert [(c.chunk_id, c.locator, c.article_no) for c in split_document(sub)] == [
        ("刑法第一百七十七条之一#a177_1", "第一百七十七条之一", 177)
    ]


def test_article_with_zhi_suffix_in_regulation() -> None:
    text = "第十条 原条文。\n\n第十条之一 新增条文。\n\n第十一条 下一条。"
    doc = SourceDoc(doc_id="r", title="某法", text=text, doc_type="regulation")
    got = [(c.chunk_id, c.locator, c.article_no) for c in split_document(doc)]
    assert got == [("r#a10", "第十条", 10), ("r#a10_1", "第十条之一", 10), ("r#a11", "第十一条", 11)]


def test_real_lecoqa_record() -> None:
    path = REPO_ROOT.parent / "shared" / "eval-data" / "lecoqa-train" / "corpus.jsonl"
    if not path.is_file():
        pytest.skip("shared LeCoQA data not present")
    with path.open(encoding="utf-8") as fh:
        rec = json.loads(fh.readline())
    doc = SourceDoc(doc_id=rec["id"], title=rec["title"], text=rec["text"].strip(), doc_type="regulation")
    chunks = split_document(doc)
    assert chunks[0].chunk_id == "专利法实施细则第十二条#a12"
    assert chunks[0].locator == "第十二条" and chunks[0].article_no == 12


def _prose(n_paras: int, sentences_per_para: int) -> SourceDoc:
    paras = []
    for p in range(n_paras):
        paras.append(
            "".join(
                f"第{p + 1}段第{s + 1}句讲基层党组织建设的具体要求和做法。" for s in range(sentences_per_para)
            )
        )
    return SourceDoc(doc_id="t", title="标题", text="\n\n".join(paras), doc_type="theory")


def test_theory_paragraphs_merge_up_to_max_chars() -> None:
    doc = _prose(6, 3)  # each paragraph ~75 chars
    chunks = split_document(doc, max_chars=200)
    _check_invariants(doc, chunks)
    assert [c.locator for c in chunks] == ["第1-2段", "第3-4段", "第5-6段"]
    assert [c.chunk_id for c in chunks] == ["t#p1", "t#p3", "t#p5"]
    assert all(len(c.text) <= 200 for c in chunks)


def test_long_paragraph_becomes_overlapping_sentence_windows() -> None:
    doc = _prose(1, 12)
    chunks = split_document(doc, max_chars=100, overlap_sentences=1)
    _check_invariants(doc, chunks)
    assert len(chunks) > 2
    assert all(c.locator == "第1段" for c in chunks)
    assert chunks[0].chunk_id == "t#p1" and chunks[1].chunk_id == "t#p1.2"
    for a, b in itertools.pairwise(chunks):
        last_sentence = sentence_spans(a.text)[-1]
        assert b.text.startswith(a.text[last_sentence[0] : last_sentence[1]])  # one sentence of overlap
    no_overlap = split_document(doc, max_chars=100, overlap_sentences=0)
    assert len(no_overlap) < len(chunks)


def test_heading_never_dangles_at_chunk_end() -> None:
    body = "基层党组织要坚持党建工作与中心工作并重，围绕中心、服务大局。" * 3
    text = "\n".join([body, "一、突出三个强化", body, "二、推动基层组织建设", body])
    doc = SourceDoc(doc_id="h", title="h", text=text, doc_type="theory")
    for c in split_document(doc, max_chars=150):
        assert c.text.endswith("。"), c.text


@pytest.mark.parametrize("doc_id", ["theory-wanzhou-org-functions", "theory-anding-five-projects",
                                    "theory-peoples-daily-grassroots", "theory-jilin-strict-governance",
                                    "theory-grassroots-key-tasks-2020"])  # fmt: skip
def test_shipped_theory_chunks(doc_id: str) -> None:
    doc = _docs()[doc_id]
    chunks = split_document(doc)
    _check_invariants(doc, chunks)
    assert all(len(c.text) <= 600 or c.parts > 1 or c.text.count("。") <= 1 for c in chunks)
    assert all(re.fullmatch(r"第\d+(-\d+)?段", c.locator) for c in chunks)
    joined = "".join(c.text for c in chunks)
    for debris in ("分享到", "猜你喜欢", "相关新闻", "择稿人员", "图①"):
        assert debris not in joined


def test_empty_and_invalid() -> None:
    assert split_document(SourceDoc(doc_id="e", title="e", text="  \n")) == []
    with pytest.raises(ValueError):
        split_document(SourceDoc(doc_id="e", title="e", text="x"), max_chars=0)
