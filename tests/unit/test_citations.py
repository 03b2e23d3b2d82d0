"""Citation verification: forged quotes, unknown markers, 繁简 quotes, renumbering, paraphrase support."""

from __future__ import annotations

from fakes import hits_for

from service.rag.citations import verify
from service.schemas import Citation, Hit


def _cite(n: int, h: Hit, quote: str | None = None) -> Citation:
    return Citation(
        n=n,
        doc_id=h.doc_id,
        title=h.title,
        locator=h.locator,
        quote=quote or h.text[:20],
        chunk_id=h.chunk_id,
    )


ART32 = hits_for(32)[0]
ART7 = hits_for(7)[0]
SOURCES = {ART32.chunk_id: ART32, ART7.chunk_id: ART7}


def test_forged_quote_is_caught() -> None:
    answer = "党的基层组织是战斗堡垒。[1]党章明确规定“党员可以不参加组织生活”。[1]"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=False)
    assert "党员可以不参加组织生活" not in v.answer
    assert any("党员可以不参加组织生活" in f for f in v.flagged)
    assert "战斗堡垒" in v.answer


def test_forged_quote_caught_in_strict_mode_too() -> None:
    answer = "根据《中国共产党章程》第三十二条：“党的基层组织是党在农村的唯一组织”。[1]"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=True)
    assert v.answer == ""
    assert v.flagged


def test_marker_out_of_range_removes_sentence() -> None:
    answer = "党的基层组织是党在社会基层组织中的战斗堡垒。[1]预备党员的预备期为一年。[3]"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=True)
    assert "[3]" not in v.answer
    assert "预备期" not in v.answer
    assert any("预备期" in f for f in v.flagged)


def test_traditional_quote_is_accepted() -> None:
    answer = "黨章指出“黨的基層組織是黨在社會基層組織中的戰鬥堡壘”。[1]"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=False)
    assert v.flagged == []
    assert v.answer == answer


def test_citation_quote_must_be_in_source() -> None:
    forged = _cite(1, ART32, quote="党的基层组织可以自行其是")
    v = verify("党的基层组织是党在社会基层组织中的战斗堡垒。[1]", [forged], SOURCES, strict=True)
    assert v.citations == []
    assert v.answer == ""


def test_citation_must_point_at_a_retrieved_chunk() -> None:
    other = ART32.model_copy(update={"chunk_id": "not-retrieved"})
    v = verify("党的基层组织是党在社会基层组织中的战斗堡垒。[1]", [_cite(1, other)], SOURCES, strict=True)
    assert v.answer == ""


def test_unused_citations_dropped_and_renumbered() -> None:
    answer = "预备党员的预备期为一年。[2]党的基层组织是党在社会基层组织中的战斗堡垒。[1]"
    forged32 = _cite(1, ART32, quote="伪造的引文内容")
    v = verify(answer, [forged32, _cite(2, ART7)], SOURCES, strict=True)
    assert v.answer == "预备党员的预备期为一年。[1]"
    assert [(c.n, c.chunk_id) for c in v.citations] == [(1, ART7.chunk_id)]


def test_unsupported_paraphrase_removed_supported_kept() -> None:
    answer = "基层组织是党的全部工作和战斗力的基础。[1]每位党员每月必须缴纳五百元活动经费。[1]"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=False)
    assert "战斗力的基础" in v.answer
    assert "五百元" not in v.answer


def test_sentence_without_marker_covered_by_next_marker() -> None:
    answer = "根据《中国共产党章程》第三十二条：\n党的基层组织是党在社会基层组织中的战斗堡垒，是党的全部工作和战斗力的基础。\n它的基本任务是：[1]"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=True)
    assert v.flagged == []
    assert v.answer == answer


def test_sentence_without_any_marker_is_flagged() -> None:
    answer = "党的基层组织是党在社会基层组织中的战斗堡垒。[1]此外还有很多别的规定。"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=False)
    assert "别的规定" not in v.answer
    assert v.flagged == ["此外还有很多别的规定。"]


def test_elided_item_is_supported() -> None:
    answer = "它的基本任务是：\n（一）宣传和执行党的路线、方针、政策……[1]"
    v = verify(answer, [_cite(1, ART32)], SOURCES, strict=True)
    assert v.flagged == []
