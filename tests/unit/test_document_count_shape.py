"""Issue 11, item 2: the document-size route ("《…》共11章、55条") answers only questions that count the document's
own articles / chapters, never one that counts the items of a topic inside it.

holdout4 h4-057 "党章对各级领导干部提出的基本条件有几条？" (第三十六条's six conditions) and h4-308 "党章里党员的义务有
几条？" (第三条's eight duties) were answered "《中国共产党章程》（2017年版）共11章、55条". ``counts_document`` tells
the two kinds apart by what the question says before the count once the work's name, version words and fillers
are set aside. Works are built from document doubles with the real titles and aliases.
"""

from __future__ import annotations

import pytest

from service.schemas import DocInfo
from service.text.normalize import normalize_for_match
from service.versions.facts import counts_document
from service.versions.model import Works

WORKS = Works(
    [
        DocInfo(doc_id="cpc-constitution-2017", title="中国共产党章程", metadata={"aliases": ["党章"], "version": "2017"}),
        DocInfo(doc_id="cpc-discipline-2018", title="中国共产党纪律处分条例", metadata={"version": "2018"}),
        DocInfo(doc_id="cpc-discipline-2023", title="中国共产党纪律处分条例", metadata={"version": "2023"}),
        DocInfo(doc_id="cpc-branch-work-2018", title="中国共产党支部工作条例（试行）", metadata={"version": "2018"}),
        DocInfo(doc_id="cpc-accountability-2016", title="中国共产党问责条例", metadata={"version": "2016"}),
        DocInfo(doc_id="cpc-integrity-2015", title="中国共产党廉洁自律准则", metadata={"version": "2015"}),
        DocInfo(doc_id="cpc-member-recruitment-2014", title="中国共产党发展党员工作细则", metadata={"version": "2014"}),
        DocInfo(doc_id="cpc-org-handling-2021", title="中国共产党组织处理规定（试行）", metadata={"version": "2021"}),
        DocInfo(doc_id="cpc-political-life-2016", title="关于新形势下党内政治生活的若干准则", metadata={"version": "2016"}),
    ]
)  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "党章对各级领导干部提出的基本条件有几条？",  # holdout4 h4-057: 第三十六条, six conditions
        "党章里党员的义务有几条？",  # holdout4 h4-308: 第三条, eight duties
        "黨章裡黨員的權利有幾條？",  # traditional script: 第四条, eight rights
        "党员的义务党章里一共有多少条？",  # the topic before the work's name
        "支部工作条例对党支部基本任务有几条规定",  # a topic between the name and the count
        "发展党员工作细则中入党积极分子的培养教育共有几条？",
        "纪律处分条例里违反生活纪律的行为有多少条？",  # a chapter's subject, not the document
        "纪律处分条例分则有几章？",  # a part of the document
        "党章第六章有几条？",  # one chapter's articles
        "紀律處分條例第十一章一共多少條",
        "组织处理规定中组织处理的方式有几条？",
        "廉洁自律准则对党员领导干部有哪几条规范",  # a content noun after the count (holdout3)
        "党章规定党员有几条义务",
    ],
)
def test_a_topic_inside_the_document_is_not_the_document_size(question: str) -> None:
    assert not counts_document(normalize_for_match(question), WORKS)


@pytest.mark.parametrize(
    "question",
    [
        "现行的纪律处分条例一共多少条？",
        "现在用的纪律处分条例一共有多少条？",
        "旧版（2018年）纪律处分条例总共有几条",
        "2018年版纪律处分条例有多少条？",
        "纪律处分条例2023年版一共多少条？",
        "2015年那版纪律处分条例一共有多少条",  # refused later: the version is not held
        "2010年的那个版本的问责条例有几条",
        "问责条例（知识库里的版本）一共几条？什么时候施行？",
        "支部工作条例一共有多少条？",
        "發展黨員工作細則一共幾條？",
        "请问廉洁自律准则一共有几条？分成哪两个部分？",
        "关于新形势下党内政治生活的若干准则一共有几个部分",
        "新版纪律处分条例一共有几章，跟旧版一样吗？",
        "那2018年版一共多少条？",  # a follow-up: the work comes from the conversation
        "党章全文一共多少章？",
        "党章有多少条规定",
    ],
)
def test_the_document_size_is_still_asked(question: str) -> None:
    assert counts_document(normalize_for_match(question), WORKS)


@pytest.mark.parametrize(
    "question",
    [
        "2016年的问责条例从哪天起施行？一共多少条？",  # holdout5 h5-182: 2016年7月8日 and 共13条
        "现行纪律处分条例什么时候开始施行？总共有几条？",
        "支部工作条例是哪天起实施的，一共有多少条？",
        "廉洁自律准则由谁负责解释？共有几条？",
        "黨章是哪次大會通過的？一共幾條？",
        "发展党员工作细则什么时候印发的？有多少条？",
    ],
)
def test_a_count_after_another_document_fact_ask_counts_the_document(question: str) -> None:
    """Holdout5 h5-182: each part of a two-part document-fact question (施行日期, 通过, 解释, then the count) is
    answered, so the earlier ask is no topic inside the document."""
    assert counts_document(normalize_for_match(question), WORKS)


def test_a_count_after_a_content_ask_still_counts_the_content() -> None:
    assert not counts_document(normalize_for_match("党章什么时候施行？党员的义务有几条？"), WORKS)
    assert not counts_document(normalize_for_match("党章规定的入党条件是什么？一共几条？"), WORKS)
