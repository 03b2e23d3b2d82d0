"""An older text the knowledge base does not hold, answered from the held passage that speaks about it (issue 11,
version questions; holdout4 h4-190), over a real index (hash embedder) of held texts from ../shared/corpus. Each
example with the right answer spelled out, and the questions that keep their old answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.config import Settings
from service.container import Container, build_container
from service.ingest.corpus import load_knowledge
from service.ingest.pipeline import index_chunks
from service.schemas import DocInfo
from service.text.split import split_document
from service.versions.model import Works, works_of
from service.versions.spoken import ADOPTION_ASK_RE, VALIDITY_ASK_RE, spoken_of

DOCS = (
    "cpc-political-life-2016",
    "cpc-discipline-approval-2022",
    "cpc-member-recruitment-2014",
    "cpc-supervision-rules-2019",
    "cpc-discipline-2023",
    "cpc-constitution-2017",
)


@pytest.fixture(scope="module")
def container(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    root = tmp_path_factory.mktemp("spoken")
    s = Settings(_env_file=None, data_dir=root / "data", embedding_backend="hash")  # type: ignore[call-arg]
    docs = {d.doc_id: d for d in load_knowledge(s).docs}
    # every text is needed: without one, a "not answered so" case would pass for want of the text that speaks
    assert set(DOCS) <= set(docs), set(DOCS) - set(docs)
    index_chunks([(docs[i], split_document(docs[i])) for i in DOCS], s, build_container(s).embedder)
    yield build_container(s)


@pytest.mark.parametrize(
    ("question", "quoted", "cited_title", "locator"),
    [
        # the holdout4 example: the 2016 准则's preamble speaks of the 1980 准则
        (
            "1980年那部《关于党内政治生活的若干准则》现在还管用吗？",
            "其主要原则和规定今天依然适用，要继续坚持",
            "关于新形势下党内政治生活的若干准则",
            "序言",
        ),
        # traditional script, the year in Chinese numerals, another validity word
        (
            "1980年那部《關於黨內政治生活的若干準則》現在還管用嗎？",
            "其主要原则和规定今天依然适用",
            "关于新形势下党内政治生活的若干准则",
            "序言",
        ),
        (
            "一九八〇年制定的《关于党内政治生活的若干准则》过时了吗",
            "其主要原则和规定今天依然适用",
            "关于新形势下党内政治生活的若干准则",
            "序言",
        ),
        # who made it and when, told by the same sentences
        (
            "1980年的《关于党内政治生活的若干准则》是哪次全会制定的？",
            "党的十一届五中全会",
            "关于新形势下党内政治生活的若干准则",
            "序言",
        ),
        (
            "1983年那个《关于处分违犯党纪的党员批准权限的具体规定》是谁印发的",
            "中央纪委1983年7月6日印发",
            "中国共产党处分违纪党员批准权限和程序规定",
            "第五十六条",
        ),
        # other documents: a text the held one replaced ("……同时废止")
        (
            "1983年印发的《关于处分违犯党纪的党员批准权限的具体规定》还有效吗？",
            "同时废止",
            "中国共产党处分违纪党员批准权限和程序规定",
            "第五十六条",
        ),
        (
            "1990年的《中国共产党发展党员工作细则（试行）》现在还适用吗",
            "同时废止",
            "中国共产党发展党员工作细则",
            "第四十四条",
        ),
        (
            "2017年的《中国共产党纪律检查机关监督执纪工作规则（试行）》还管用吗",
            "同时废止",
            "中国共产党纪律检查机关监督执纪工作规则",
            "第七十七条",
        ),
    ],
)
def test_an_unheld_older_text_is_answered_from_the_held_passage_that_speaks_of_it(
    container: Container, question: str, quoted: str, cited_title: str, locator: str
) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused, answer.answer
    assert quoted in answer.answer and "知识库未收录" in answer.answer
    cited = answer.citations[0]
    assert cited.title == cited_title and cited.locator.startswith(locator)
    assert cited.quote in container.index_manager.current().chunk(cited.chunk_id).text  # verbatim


@pytest.mark.parametrize(
    "question",
    [
        "2023年版纪律处分条例还有效吗",  # the version asked is held: its own validity answers
        "《关于新形势下党内政治生活的若干准则》现在还管用吗",
        "《中国共产党章程》还有效吗",
        "1980年的《关于党内政治生活的若干准则》第五条是什么",  # neither validity nor adoption asked
        "2015年版纪律处分条例是哪次会议通过的",  # no held sentence names that version: the missing-version refusal
        "《关于新形势下党内政治生活的若干准则》是哪次会议通过的",  # held: its adoption note answers
        "《中华人民共和国城市居民委员会组织条例》还有效吗",  # no held text speaks of it here
    ],
)
def test_questions_that_name_a_held_text_or_ask_no_validity_are_not_answered_so(
    container: Container, question: str
) -> None:
    index = container.index_manager.current()
    assert spoken_of(question, works_of(index.documents()), index) is None


def test_validity_asks() -> None:
    for q in ("现在还管用吗", "还有效吗", "是否仍然适用", "废止了吗", "过时了吗", "现在有效吗"):
        assert VALIDITY_ASK_RE.search(q), q
    for q in ("是哪次会议制定的", "第五条是什么", "有效期多长"):
        assert not VALIDITY_ASK_RE.search(q), q


def test_adoption_asks() -> None:
    for q in ("是哪次全会制定的", "什么时候印发的", "是谁发布的", "由哪个机关制定", "通过的时间"):
        assert ADOPTION_ASK_RE.search(q), q
    for q in ("第五条是什么", "还管用吗", "制定了哪些规定"):
        assert not ADOPTION_ASK_RE.search(q), q


def test_only_the_year_of_the_text_held_counts_as_held() -> None:
    """An amended text holds the text of its last year: "2005年通过，2018年修订" holds the 2018 text, so a question about
    the 2005 original looks for a held passage that speaks of it, as ``facts._missing_version`` refuses it."""
    works = Works(
        [
            DocInfo(
                doc_id="law", title="中华人民共和国公务员法", metadata={"version": "2005年通过，2018年修订"}
            ),
            DocInfo(doc_id="rules", title="中国共产党纪律处分条例", metadata={"version": "2018"}),
        ]
    )
    assert [works.by_id["law"].text_year, works.by_id["rules"].text_year] == ["2018", "2018"]
