"""The learned ranker over the shipped knowledge with the real embedder (issue 17's "Why" example).

"下属过节给我塞了张购物卡" means 收受礼品、礼金、消费卡 (纪律处分条例第九十七条). The fused order puts 第一百零二条
(持有、使用会员卡、消费卡, also about cards) first and 第九十七条 second. The ranker (``STUDY_RERANK``) must keep both
card articles at the top and leave the hits' fused scores alone (the refusal thresholds keep their calibration).
The model before the candidate pool (``rerank_lgbm@f1009d654e19``) put 第九十七条 first; the first pool model
(``rerank_lgbm@ecaae32595ee``) kept the fused order; the model with law-level and neighbouring-article
features (``rerank_lgbm@b97539505a7d``) puts 第九十七条 first again.
"""

from __future__ import annotations

import pytest

from service.config import Settings
from service.container import build_container

pytestmark = pytest.mark.slow

QUESTION = "下属过节给我塞了张购物卡，收了会怎样？"
GIFT = ("cpc-discipline-2023", 97)  # 收受……礼品、礼金、消费卡（券）
CARDS = ("cpc-discipline-2023", 102)  # 取得、持有、实际使用……会员卡、……消费卡


def test_ranker_keeps_both_card_articles_first_and_the_fused_scores(knowledge_settings: Settings) -> None:
    fused = build_container(knowledge_settings).retriever
    ranked = build_container(knowledge_settings.model_copy(update={"rerank": True})).retriever
    cands = ranked.candidates(QUESTION)
    after = ranked.fuse(cands, 5)
    assert {(h.doc_id, h.article_no) for h in after[:2]} == {GIFT, CARDS}
    assert "礼品、礼金、消费卡" in next(h.text for h in after if (h.doc_id, h.article_no) == GIFT)
    assert all("rerank" in h.scores for h in after[:2])
    scores_before = {h.chunk_id: h.score for h in fused.fuse(cands, 20)}
    assert all(scores_before.get(h.chunk_id, h.score) == h.score for h in after)


def test_ranker_puts_the_gift_and_card_article_first(knowledge_settings: Settings) -> None:
    ranked = build_container(knowledge_settings.model_copy(update={"rerank": True})).retriever
    after = ranked.fuse(ranked.candidates(QUESTION), 5)
    assert (after[0].doc_id, after[0].article_no) == GIFT
