"""The learned ranker over the shipped knowledge with the real embedder (issue 17's "Why" example).

"下属过节给我塞了张购物卡" means 收受礼品、礼金、消费卡 (纪律处分条例第九十七条). The fused order puts 第一百零二条
(持有、使用会员卡、消费卡, also about cards) first; the ranker (``STUDY_RERANK``) puts the gift article first.
Hit scores stay the fused ones, so the refusal thresholds keep their calibration.
"""

from __future__ import annotations

import pytest

from service.config import Settings
from service.container import build_container

pytestmark = pytest.mark.slow

QUESTION = "下属过节给我塞了张购物卡，收了会怎样？"


def test_ranker_puts_the_gift_and_card_article_first(knowledge_settings: Settings) -> None:
    fused = build_container(knowledge_settings).retriever
    ranked = build_container(knowledge_settings.model_copy(update={"rerank": True})).retriever
    cands = ranked.candidates(QUESTION)
    before = fused.fuse(cands, 5)
    after = ranked.fuse(cands, 5)
    assert (after[0].doc_id, after[0].article_no) == ("cpc-discipline-2023", 97)
    assert "礼品、礼金、消费卡" in after[0].text
    assert (before[0].doc_id, before[0].article_no) != ("cpc-discipline-2023", 97)
    assert "rerank" in after[0].scores
    scores_before = {h.chunk_id: h.score for h in fused.fuse(cands, 20)}
    assert all(scores_before.get(h.chunk_id, h.score) == h.score for h in after)
