"""The learning-to-rank stage (issue 17, item 1): features, the LightGBM backend, model loading and
fallback, the shipped model's record."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from service.backends.embedders import HashEmbedder
from service.backends.ranker import Ranker, RankerUnavailable, load_ranker, train_lambdarank
from service.config import REPO_ROOT, Settings
from service.evals.runner import learned_models
from service.index.generations import IndexManager
from service.ingest.pipeline import index_chunks
from service.rag import rerank, vocab_map
from service.rag.pool import ExtraLegs, merge_expansions, pool
from service.rag.retrieve import Retriever
from service.schemas import Chunk, SourceDoc

LECOQA = REPO_ROOT.parent / "shared" / "eval-data" / "lecoqa-train"

# --- text helpers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "law"),
    [
        ("民法典第五十四条", "民法典"),
        ("中华人民共和国劳动法第三条", "劳动法"),
        ("专利法实施细则第一百一十一条之一", "专利法实施细则"),
        ("民法典第1087条", "民法典"),
        ("中国共产党章程", "中国共产党章程"),
        ("中国共产党纪律处分条例", "中国共产党纪律处分条例"),
    ],
)
def test_law_name_drops_the_article_reference_and_state_prefix(title: str, law: str) -> None:
    assert rerank.law_name(title) == law


def test_char_bigrams_stay_inside_word_runs() -> None:
    assert rerank.char_bigrams("购物卡，消费卡") == ["购物", "物卡", "消费", "费卡"]
    assert rerank.char_bigrams("卡") == []
    assert rerank.char_bigrams("購物卡") == ["购物", "物卡"]  # 繁→简 as everywhere else


# --- features over a real (small) index -------------------------------------------------------------


def _doc(doc_id: str, title: str, text: str) -> tuple[SourceDoc, list[Chunk]]:
    chunk = Chunk(chunk_id=f"{doc_id}#1", doc_id=doc_id, title=title, text=text, doc_type="regulation")
    return SourceDoc(doc_id=doc_id, title=title, text=text, doc_type="regulation"), [chunk]


CORPUS = [
    _doc(
        "a",
        "劳动合同法第八十二条",
        "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，\n应当向劳动者每月支付二倍的工资。",
    ),
    _doc(
        "b",
        "民法典第一千零八十四条",
        "离婚后，不满两周岁的子女，以由母亲直接抚养为原则。\n（一）已满两周岁的子女……\n（二）协议不成的，由人民法院判决。",
    ),
    _doc("c", "劳动合同法第十条", "建立劳动关系，应当订立书面劳动合同。"),
    _doc(
        "d",
        "道路交通安全法第七十六条",
        "机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在机动车第三者责任强制保险责任限额范围内予以赔偿。",
    ),
]


@pytest.fixture
def small_index(hash_settings: Settings) -> Retriever:
    index_chunks(CORPUS, hash_settings, HashEmbedder())
    embedder = HashEmbedder()
    return Retriever(hash_settings, embedder, IndexManager(hash_settings, embedder))


def test_features_describe_each_candidate(small_index: Retriever) -> None:
    query = "公司没和我签劳动合同，能要双倍工资吗"
    cands = small_index.candidates(query)
    index = cands.index
    fused = [(index.position(f"{d}#1"), s) for d, s in (("c", 0.9), ("a", 0.8), ("b", 0.1), ("d", 0.05))]
    fused_pos = [(int(p), s) for p, s in fused if p is not None]
    legs = rerank.legs_for(index, query, cands.tokens, cands.expansion, {"书面": 0.2}, None)
    x = rerank.features(
        query,
        cands.tokens,
        index,
        fused_pos,
        fused_pos,
        cands.lexical,
        cands.dense,
        legs,
        cands.signals,
        {"书面": 0.2},
    )
    assert x.shape == (4, len(rerank.FEATURES))
    f = {name: x[:, i] for i, name in enumerate(rerank.FEATURES)}
    # rows follow the fused order: c, a, b, d
    assert list(f["fused"]) == [0.9, 0.8, 0.1, 0.05]
    assert list(f["fused_rank"]) == [0, 1, 2, 3]
    # 劳动合同法 (a, c) is named by its words in the question; 民法典 and 道路交通安全法 are not
    assert f["law_overlap"][0] > 0.5 and f["law_overlap"][1] > 0.5
    assert f["law_overlap"][2] == 0.0 and f["law_overlap"][3] == 0.0
    assert list(f["law_in_query"]) == [0.0, 0.0, 0.0, 0.0]  # "劳动合同法" itself is not in the question
    # law-level aggregation: two of the candidates belong to 劳动合同法
    assert list(f["law_support"]) == [2, 2, 1, 1]
    assert f["law_fused"][0] == pytest.approx(1.7)
    # 工资 and 劳动合同 occur in a (character bigrams and words): a beats b and d on both tokenisations
    assert f["bigram_bm25"][1] > f["bigram_bm25"][2] and f["bigram_bm25"][1] > f["bigram_bm25"][3]
    assert f["coverage"][1] > f["coverage"][3]
    # the mapped word 书面 occurs in a and c only
    assert f["vocab_share"][0] == 1.0 and f["vocab_share"][1] == 1.0
    assert f["vocab_share"][2] == 0.0 and f["vocab_share"][3] == 0.0
    assert f["vocab_bm25"][1] > 0 and f["vocab_bm25"][3] == 0
    # structure: b has three lines and two enumerated items
    assert f["n_lines"][2] == 3 and f["n_items"][2] == 2 and f["n_items"][0] == 0
    # query features are the same on every row
    assert len(set(f["q_len"])) == 1 and f["q_len"][0] == cands.signals.n_chars
    assert set(f["q_colloquial"]) == {1.0}
    # the added legs: the mapped leg finds 书面 in a and c; every candidate is in at least one leg
    mapped_rank = {p: i for i, (p, _) in enumerate(legs.mapped)}
    assert [f["map_rank"][i] for i in (0, 1)] == [mapped_rank[fused_pos[0][0]], mapped_rank[fused_pos[1][0]]]
    assert (f["n_legs"] >= 1).all() and f["n_legs"].max() <= 4


def test_features_without_map_or_candidates(small_index: Retriever) -> None:
    cands = small_index.candidates("交通事故赔偿")
    legs = ExtraLegs(mapped=[], bigram=[])
    x = rerank.features(
        cands.query, cands.tokens, cands.index, [], [], cands.lexical, cands.dense, legs, cands.signals, None
    )
    assert x.shape == (0, len(rerank.FEATURES))
    fused = [(p, 1.0) for p, _ in cands.lexical[:2]]
    x = rerank.features(
        cands.query,
        cands.tokens,
        cands.index,
        fused,
        fused,
        cands.lexical,
        cands.dense,
        legs,
        cands.signals,
        None,
    )
    col = rerank.FEATURES.index("vocab_bm25")
    assert (x[:, col] == 0).all()


def test_dense_only_candidate_gets_the_tail_similarity(small_index: Retriever) -> None:
    cands = small_index.candidates("交通事故赔偿")
    dense = cands.dense[:-1]  # the last one is "not found" by the dense leg
    missing = cands.dense[-1][0]
    rows = [(missing, 0.1)]
    legs = ExtraLegs(mapped=[], bigram=[])
    x = rerank.features(
        cands.query, cands.tokens, cands.index, rows, rows, cands.lexical, dense, legs, cands.signals, None
    )
    far = len(cands.lexical) + len(dense) + 1
    assert x[0, rerank.FEATURES.index("dense_sim")] == min(s for _, s in dense)
    assert x[0, rerank.FEATURES.index("dense_rank")] == far
    assert x[0, rerank.FEATURES.index("map_rank")] == far  # in no added leg either
    assert x[0, rerank.FEATURES.index("n_legs")] == float(missing in dict(cands.lexical))


NEIGHBOURS = [
    _doc("c10", "劳动合同法第十条", "建立劳动关系，应当订立书面劳动合同。"),
    _doc("c11", "劳动合同法第十一条", "用人单位未在用工的同时订立书面劳动合同，与劳动者约定的劳动报酬不明确的，新招用的劳动者的劳动报酬按照集体合同规定的标准执行。"),
    _doc("c82", "劳动合同法第八十二条", "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。"),
    _doc("m11", "民法典第十一条", "其他法律对民事关系有特别规定的，依照其规定。"),
]  # fmt: skip


def test_neighbour_positions_are_the_articles_one_number_away_in_the_same_law() -> None:
    """LeCoQA style (one article per document, number in the title) and knowledge-base style (one
    document, ``article_no`` on its chunks, an article split in two parts) alike."""
    chunks = [c for _, cs in NEIGHBOURS for c in cs]
    laws = [rerank.law_name(c.title) for c in chunks]
    # 第十条 ↔ 第十一条 of 劳动合同法; 第八十二条 has no neighbour; 民法典第十一条 is another law
    assert rerank.neighbour_positions(chunks, laws) == [(1,), (0,), (), ()]
    party = [
        Chunk(
            chunk_id=f"z#{i}", doc_id="z", title="中国共产党纪律处分条例", text="…", article_no=n, part=part
        )
        for i, (n, part) in enumerate([(3, 1), (4, 1), (4, 2), (6, 1), (None, 1)])
    ]
    names = [rerank.law_name(c.title) for c in party]
    assert rerank.neighbour_positions(party, names) == [(1, 2), (0,), (0,), (), ()]


def test_law_level_and_neighbour_features(hash_settings: Settings) -> None:
    index_chunks(NEIGHBOURS, hash_settings, HashEmbedder())
    embedder = HashEmbedder()
    retriever = Retriever(hash_settings, embedder, IndexManager(hash_settings, embedder))
    cands = retriever.candidates("没签书面劳动合同，工资怎么算")
    index = cands.index
    pos = {d: index.position(f"{d}#1") for d in ("c10", "c11", "c82", "m11")}
    rows = [(int(pos[d] or 0), 0.5) for d in ("c10", "c11", "c82", "m11")]
    # dense similarities given explicitly: c82 is the best 劳动合同法 article, m11 the only 民法典 one
    sims = {"c82": 0.9, "c10": 0.8, "m11": 0.7, "c11": 0.6}
    dense = sorted(((int(pos[d] or 0), s) for d, s in sims.items()), key=lambda r: -r[1])
    legs = ExtraLegs(mapped=[], bigram=[])
    x = rerank.features(
        cands.query, cands.tokens, index, rows, rows, cands.lexical, dense, legs, cands.signals, None, dense
    )
    f = {name: list(x[:, i]) for i, name in enumerate(rerank.FEATURES)}
    assert f["law_pool"] == [3, 3, 3, 1]
    assert f["law_dense_max"] == pytest.approx([0.9, 0.9, 0.9, 0.7])
    assert f["law_dense_gap"] == pytest.approx([-0.1, -0.3, 0.0, 0.0])
    assert f["law_rank"] == [1, 2, 0, 0]  # rank by similarity within the candidate's own law
    assert f["law_dense_top"] == [3, 3, 3, 1]
    assert f["law_map_top"] == [0, 0, 0, 0]  # no mapped leg
    # neighbours: 第十条 reads 第十一条's similarity and the other way round; no neighbour: the tail (0.6)
    assert f["nb_dense"] == pytest.approx([0.6, 0.8, 0.6, 0.6])
    assert f["nb_lex"][2] == 0.0 and f["nb_bigram"][3] == 0.0
    lex = index.lexical.scores(list(cands.tokens))
    top = max(float(lex[p]) for p, _ in rows)
    assert f["nb_lex"][0] == pytest.approx(float(lex[pos["c11"] or 0]) / top)


# --- the candidate pool (service/rag/pool.py) ---------------------------------------------------------


def test_pool_adds_the_added_legs_candidates_with_fused_score_zero() -> None:
    fused = [(1, 0.9), (2, 0.5), (3, 0.2)]
    lexical = [(1, 9.0), (3, 4.0)]
    dense = [(2, 0.8), (1, 0.7)]
    legs = ExtraLegs(mapped=[(7, 12.0), (3, 5.0)], bigram=[(8, 30.0), (2, 10.0), (9, 1.0)])
    out = pool(fused, lexical, dense, legs)
    # best rank in any leg: 1 (lexical 0), 2 (dense 0), 7 (mapped 0), 8 (bigram 0), then 3 (rank 1), 9 (rank 2)
    assert out == [(1, 0.9), (2, 0.5), (7, 0.0), (8, 0.0), (3, 0.2), (9, 0.0)]
    assert pool([], [], [], ExtraLegs([], [])) == []


def test_merge_expansions_sums_weights_and_skips_missing_parts() -> None:
    assert merge_expansions({"书面": 0.5}, None, {"书面": 0.2, "合同": 0.2}) == {"书面": 0.7, "合同": 0.2}


def test_added_legs_respect_the_search_filters(small_index: Retriever) -> None:
    """The mapped and bigram legs search only the rows the filters allow, as the two main legs do."""
    cands = small_index.candidates("劳动合同工资")
    index = cands.index
    only_c = np.zeros(len(index), dtype=bool)
    only_c[index.position("c#1")] = True
    legs = rerank.legs_for(index, cands.query, cands.tokens, {}, {"书面": 0.2}, only_c)
    assert {index.chunk_at(p).doc_id for p, _ in legs.mapped + legs.bigram} == {"c"}
    free = rerank.legs_for(index, cands.query, cands.tokens, {}, {"书面": 0.2}, None)
    assert {index.chunk_at(p).doc_id for p, _ in free.mapped} >= {"a", "c"}


def test_with_the_ranker_the_dense_leg_reads_deeper(small_index: Retriever) -> None:
    """``STUDY_RERANK``: the dense leg's similarities continue past ``k`` (``rerank.DENSE_DEEP``) so pool
    candidates keep their real cosine; the leg itself (and so the fused list) is unchanged."""
    off = small_index.candidates("劳动合同工资", k=2)
    assert off.dense_deep == [] and len(off.dense) == 2
    settings = small_index.settings.model_copy(update={"rerank": True})
    on = Retriever(settings, small_index.embedder, small_index.index_manager).candidates("劳动合同工资", k=2)
    assert on.dense == off.dense
    assert len(on.dense_deep) == 4 and on.dense_deep[:2] == on.dense
    x = rerank.features(
        on.query,
        on.tokens,
        on.index,
        on.dense_deep[2:],
        [],
        on.lexical,
        on.dense,
        ExtraLegs([], []),
        on.signals,
        None,
        on.dense_deep,
    )
    assert list(x[:, rerank.FEATURES.index("dense_sim")]) == [s for _, s in on.dense_deep[2:]]
    assert list(x[:, rerank.FEATURES.index("dense_rank")]) == [2.0, 3.0]


# --- the backend --------------------------------------------------------------------------------------


def _toy_model(n_features: int = len(rerank.FEATURES)) -> str:
    """A lambdarank model where only feature 1 decides relevance (label = x1 > 0.5)."""
    rng = np.random.default_rng(0)
    x = rng.random((600, n_features))
    y = (x[:, 1] > 0.5).astype(np.int64)
    names = [f"f{i}" for i in range(n_features)]
    text, _ = train_lambdarank(
        x, y, [20] * 30, {"num_leaves": 4, "min_data_in_leaf": 5}, num_rounds=20, feature_names=names
    )
    return text


def test_lightgbm_ranker_learns_and_reloads(tmp_path: Path) -> None:
    text = _toy_model(3)
    path = tmp_path / "m.txt"
    path.write_text(text, encoding="utf-8")
    ranker = load_ranker(path)
    assert isinstance(ranker, Ranker) and ranker.n_features == 3
    scores = ranker.predict(np.asarray([[0.5, 0.9, 0.5], [0.5, 0.1, 0.5]]))
    assert scores[0] > scores[1]
    assert ranker.predict(np.zeros((0, 3))).shape == (0,)
    with pytest.raises(ValueError, match="expected"):
        ranker.predict(np.zeros((2, 4)))
    # deterministic: the same data gives the same model text
    assert _toy_model(3) == text


def test_ranker_text_cut_at_rounds_predicts_like_its_first_trees() -> None:
    """``LightGBMRanker.text(rounds)``: the build script ships the chosen grid model cut at its rounds."""
    from service.backends.ranker import LightGBMRanker

    full = LightGBMRanker(_toy_model(3))
    cut = LightGBMRanker(full.text(5))
    x = np.asarray([[0.5, 0.9, 0.5], [0.5, 0.1, 0.5], [0.2, 0.6, 0.7]])
    assert np.allclose(cut.predict(x), full.predict_rounds(x, 5))
    assert not np.allclose(cut.predict(x), full.predict(x))
    assert full.text() == full.text(None) and full.text(5).count("Tree=") == 5


def test_missing_or_damaged_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RankerUnavailable, match="无法读取"):
        load_ranker(tmp_path / "nope.txt")
    bad = tmp_path / "bad.txt"
    bad.write_text("not a model", encoding="utf-8")
    with pytest.raises(RankerUnavailable, match="不是 LightGBM"):
        load_ranker(bad)
    text = _toy_model(3)
    for name, damaged in (("head", text[:300]), ("half", text[: len(text) // 2]), ("tail", text[:-200])):
        cut = tmp_path / f"{name}.txt"
        cut.write_text(damaged, encoding="utf-8")
        with pytest.raises(RankerUnavailable, match="已损坏"):  # LightGBM itself would crash the process
            load_ranker(cut)


def _write_model(path: Path, text: str, features: list[str]) -> None:
    path.write_text(text, encoding="utf-8")
    meta = {"features": features, "depth": 50, "model_sha256": rerank.model_digest(path)}
    rerank.meta_path(path).write_text(json.dumps(meta), encoding="utf-8")


def test_model_that_differs_from_its_record_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rerank_lgbm.txt"
    _write_model(path, _toy_model(), list(rerank.FEATURES))
    assert rerank.load_model(path).ranker.n_features == len(rerank.FEATURES)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("leaf_value=", "leaf_value=9", 1), encoding="utf-8")  # same structure
    rerank.load_model.cache_clear()
    with pytest.raises(RankerUnavailable, match="校验值"):
        rerank.load_model(path)
    rerank.meta_path(path).unlink()
    with pytest.raises(RankerUnavailable, match="无法读取"):
        rerank.load_model(path)
    rerank.load_model.cache_clear()


def test_model_with_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rerank_lgbm.txt"
    _write_model(path, _toy_model(3), ["a", "b", "c"])
    with pytest.raises(RankerUnavailable, match="特征"):
        rerank.load_model(path)
    rerank.load_model.cache_clear()


def test_search_falls_back_to_fused_order_with_one_warning(
    small_index: Retriever, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    damaged = tmp_path / "rerank_lgbm.txt"
    damaged.write_text("tree\nversion=v4\n garbage", encoding="utf-8")
    monkeypatch.setattr(rerank, "MODEL_PATH", damaged)
    settings = small_index.settings.model_copy(update={"rerank": True})
    r = Retriever(settings, small_index.embedder, small_index.index_manager)
    with caplog.at_level(logging.WARNING, logger="service.rag.rerank"):
        on = r.search("没签劳动合同双倍工资", top_k=3)
        r.search("交通事故赔偿", top_k=3)
    off = small_index.search("没签劳动合同双倍工资", top_k=3)
    assert [h.chunk_id for h in on] == [h.chunk_id for h in off]
    assert all("rerank" not in h.scores for h in on)
    warnings = [rec for rec in caplog.records if "重排序已停用" in rec.getMessage()]
    assert len(warnings) == 1


def test_a_working_model_reorders_and_reports_its_score(
    small_index: Retriever, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model that prefers enumerated items (n_items) puts 民法典第一千零八十四条 (two items) first, whatever
    the fused order; the hits and their fused scores stay the same."""
    col = rerank.FEATURES.index("n_items")
    rng = np.random.default_rng(1)
    x = rng.random((800, len(rerank.FEATURES)))
    x[:, col] = rng.integers(0, 3, 800)
    y = (x[:, col] > 0.5).astype(np.int64)
    text, _ = train_lambdarank(
        x,
        y,
        [20] * 40,
        {"num_leaves": 4, "min_data_in_leaf": 5},
        num_rounds=30,
        feature_names=rerank.FEATURES,
    )
    path = tmp_path / "rerank_lgbm.txt"
    _write_model(path, text, list(rerank.FEATURES))
    monkeypatch.setattr(rerank, "MODEL_PATH", path)
    settings = small_index.settings.model_copy(update={"rerank": True})
    r = Retriever(settings, small_index.embedder, small_index.index_manager)
    query = "劳动合同 交通事故"
    off = small_index.search(query, top_k=4)
    assert off[0].doc_id != "b"
    hits = r.search(query, top_k=4)
    assert hits[0].doc_id == "b"
    assert all("rerank" in h.scores for h in hits)
    assert {h.chunk_id: h.score for h in hits} == {h.chunk_id: h.score for h in off}
    rerank.load_model.cache_clear()


def test_a_candidate_only_an_added_leg_found_can_reach_the_top(
    small_index: Retriever, tmp_path: Path
) -> None:
    """The pool widens what the model may lift: b is in neither main leg here, only in the mapped leg; a
    model that prefers enumerated items puts it first, with fused score 0.0 (no leg scored it)."""
    col = rerank.FEATURES.index("n_items")
    rng = np.random.default_rng(2)
    x = rng.random((800, len(rerank.FEATURES)))
    x[:, col] = rng.integers(0, 3, 800)
    text, _ = train_lambdarank(
        x,
        (x[:, col] > 0.5).astype(np.int64),
        [20] * 40,
        {"num_leaves": 4, "min_data_in_leaf": 5},
        num_rounds=30,
        feature_names=rerank.FEATURES,
    )
    path = tmp_path / "rerank_lgbm.txt"
    _write_model(path, text, list(rerank.FEATURES))
    model = rerank.load_model(path)
    cands = small_index.candidates("劳动合同工资")
    index = cands.index
    a, b, c = (int(index.position(f"{d}#1") or 0) for d in "abc")
    fused = [(a, 0.9), (c, 0.4)]
    legs = ExtraLegs(mapped=[(a, 3.0), (b, 1.0)], bigram=[])
    ordered, scores = rerank.reorder(
        model,
        cands.query,
        cands.tokens,
        index,
        fused,
        [(a, 5.0), (c, 2.0)],
        [],
        [],
        legs,
        cands.signals,
        None,
    )
    assert ordered[0] == (b, 0.0)
    assert sorted(p for p, _ in ordered) == sorted([a, b, c])
    assert set(scores) == {a, b, c}
    rerank.load_model.cache_clear()


# --- the shipped model ------------------------------------------------------------------------------


def test_shipped_model_matches_its_record_and_the_code() -> None:
    model = rerank.load_model()
    meta = model.meta
    text = rerank.MODEL_PATH.read_text(encoding="utf-8")
    assert meta["model_sha256"] == hashlib.sha256(text.encode()).hexdigest()[:12]
    assert tuple(meta["features"]) == rerank.FEATURES
    assert meta["inputs"]["vocab_map"] == vocab_map.load().digest
    assert meta["split"] == {"seed": 17, "train_questions": 987, "validation_questions": 247}
    assert meta["rebuild"].startswith("python bench/build_rerank.py")
    if (LECOQA / "questions.jsonl").is_file():  # the shared eval data is not in the repository
        for key, name in (("questions_sha256", "questions.jsonl"), ("corpus_sha256", "corpus.jsonl")):
            assert meta["inputs"][key] == hashlib.sha256((LECOQA / name).read_bytes()).hexdigest()[:16]


def test_learned_models_names_the_ranker(hash_settings: Settings) -> None:
    assert learned_models(hash_settings) == "none"
    on = learned_models(hash_settings.model_copy(update={"rerank": True}))
    assert on == f"vocab_map@{vocab_map.load().digest}, rerank_lgbm@{rerank.load_model().digest}"
