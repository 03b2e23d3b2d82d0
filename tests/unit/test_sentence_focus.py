"""Which article and which sentence lead an extractive answer (issue 11, item 3: authority and focus).

Each test is one kind of fault seen on the member and regulations sets, with the texts of the articles that
were involved (shortened where the rest plays no part) and the answer that must lead spelled out:
(a) words the question shares with a document's *title* must not outweigh the words of the answering
sentence; (b) the 党章 leads when its article states the asked rule; (c) the sentence that states the rule,
number or actor for the asked subject beats a neighbour that only repeats the question's words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from service.rag.extract import (
    about_quantity_subject,
    extract,
    lays_out_steps,
    modifier_clash,
    quantity_subject,
    specific_quantity_subject,
)
from service.schemas import Hit


def _article(
    doc_id: str,
    title: str,
    n: int,
    locator: str,
    text: str,
    *,
    score: float = 0.5,
    doc_type: str = "regulation",
) -> Hit:
    return Hit(
        doc_id=doc_id, title=title, chunk_id=f"{doc_id}#a{n}", locator=locator, article_no=n,
        doc_type=doc_type, score=score, text=text,  # type: ignore[arg-type]
    )  # fmt: skip


SUPERVISION = ("cpc-supervision-rules-2019", "中国共产党纪律检查机关监督执纪工作规则")
DISCIPLINE = ("cpc-discipline-2023", "中国共产党纪律处分条例")
CONSTITUTION = ("cpc-constitution-2017", "中国共产党章程")
BRANCH = ("cpc-branch-work-2018", "中国共产党支部工作条例（试行）")
UNIVERSITY = ("cpc-university-orgs-2021", "中国共产党普通高等学校基层组织工作条例")
VILLAGERS = ("villagers-committee-law", "中华人民共和国村民委员会组织法")
COMMISSION = ("cpc-discipline-commission-2021", "中国共产党纪律检查委员会工作条例")
APPROVAL = ("cpc-discipline-approval-2022", "中国共产党处分违纪党员批准权限和程序规定")
CIVIL_SERVANTS = ("civil-servant-law", "中华人民共和国公务员法")
POLITICAL_LIFE = ("cpc-political-life-2016", "关于新形势下党内政治生活的若干准则")


def _paragraph(doc: tuple[str, str], locator: str, text: str, *, score: float) -> Hit:
    return Hit(
        doc_id=doc[0], title=doc[1], chunk_id=f"{doc[0]}#{locator}", locator=locator,
        doc_type="regulation", score=score, text=text,
    )  # fmt: skip


@dataclass(frozen=True)
class Focus:
    """One leading-evidence case: the question, the retrieved hits in rank order, and what must lead.

    ``lead`` is the answer's opening ("根据《…》第X条"); ``says`` must appear in the answer, ``not_says`` must not.
    """

    question: str
    hits: tuple[Hit, ...]
    lead: str
    says: tuple[str, ...] = ()
    not_says: tuple[str, ...] = ()
    max_chars: int = 400


# fmt: off
CASES = [
    pytest.param(
        # reg-184 "监督执纪工作实行什么责任制": every sentence of the 监督执纪工作规则 holds 监督、执纪、工作 through its
        # title; 第七十三条's "建立办案质量责任制" led because it repeats 责任制, 第七条 states the rule.
        Focus(
            "监督执纪工作实行什么责任制？",
            (
                _article(
                    *SUPERVISION, 73, "第七十三条", score=0.83,
                    text="第七十三条 对案件处置出现重大失误，纪检监察干部涉嫌严重违纪或者职务违法、职务犯罪的，开展“一案双查”，"
                    "既追究直接责任，还应当严肃追究有关领导人员责任。\n建立办案质量责任制，对滥用职权、失职失责造成严重后果的，实行终身问责。",
                ),
                _article(
                    *SUPERVISION, 7, "第七条", score=0.75,
                    text="第七条 监督执纪工作实行分级负责制：\n（一）中央纪委国家监委负责监督检查和审查调查中央委员、候补中央委员。\n"
                    "（二）地方各级纪委监委负责监督检查和审查调查本级党委管理的党员、干部。",
                ),
            ),
            lead="根据《中国共产党纪律检查机关监督执纪工作规则》第七条",
            says=("监督执纪工作实行分级负责制",),
        ),
        id="title-words-do-not-outweigh-the-rule",
    ),
    pytest.param(
        # "廉洁自律准则的四个坚持": a title the question names still counts in full (test_answer_composition has the
        # whole case); here the short form: the named document's article beats a passage that mentions the title.
        Focus(
            "廉洁自律准则第一个坚持是什么",
            (
                _article("cpc-integrity-2015", "中国共产党廉洁自律准则", 1, "第一条", text="第一条 坚持公私分明，先公后私，克己奉公。"),
                _paragraph(
                    POLITICAL_LIFE, "十二 第4段", score=0.5,
                    text="各级领导干部要坚持公私分明、先公后私、克己奉公，带头执行廉洁自律准则。",
                ),
            ),
            lead="根据《中国共产党廉洁自律准则》第一条",
            max_chars=300,
        ),
        id="a-named-document-keeps-its-title-words",
    ),
    pytest.param(
        # mem-087 "党员受了留党察看处分，这期间还能参加选举吗": 纪律处分条例第十二条 led; 党章第四十一条 states the rule.
        Focus(
            "党员受了留党察看处分，这期间还能参加选举吗？",
            (
                _article(
                    *DISCIPLINE, 12, "第十二条", score=1.0,
                    text="第十二条 留党察看处分，分为留党察看一年、留党察看二年。\n党员受留党察看处分期间，没有表决权、选举权和被选举权。"
                    "留党察看期间，确有悔改表现的，期满后恢复其党员权利。",
                ),
                _article(
                    *CONSTITUTION, 41, "第四十一条", score=0.74,
                    text="第四十一条 对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。\n留党察看最长不超过两年。"
                    "党员在留党察看期间没有表决权、选举权和被选举权。",
                ),
            ),
            lead="根据《中国共产党章程》第四十一条",
            says=("党员在留党察看期间没有表决权、选举权和被选举权",),
        ),
        id="the-constitution-leads-when-it-states-the-same-rule",
    ),
    pytest.param(
        # mem-088 "给党员处分要经过哪些程序批准": 处分违纪党员批准权限和程序规定第十一条 led; 党章第四十二条 states the
        # procedure ("必须经过支部大会讨论决定，报党的基层委员会批准").
        Focus(
            "给党员处分要经过哪些程序批准？",
            (
                _article(
                    *APPROVAL, 11, "第十一条", score=0.89,
                    text="第十一条 对违纪党员免予党纪处分的，按照给予其警告处分的批准权限履行处分审批程序。",
                ),
                _article(
                    *CONSTITUTION, 42, "第四十二条", score=0.54,
                    text="第四十二条 对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会批准；如果涉及的问题比较重要或复杂，"
                    "或给党员以开除党籍的处分，应分别不同情况，报县级或县级以上党的纪律检查委员会审查批准。",
                ),
            ),
            lead="根据《中国共产党章程》第四十二条",
            says=("必须经过支部大会讨论决定，报党的基层委员会批准",),
        ),
        id="the-constitution-leads-when-it-holds-as-many-question-words",
    ),
    pytest.param(
        # reg-132 "党员对党的决议有不同意见怎么办": the 准则 paragraph adds "党员有权在党的会议上发表不同意见"; the
        # 党章 item says only part of it, so it does not take the lead.
        Focus(
            "党员对党的决议有不同意见怎么办？",
            (
                _paragraph(
                    POLITICAL_LIFE, "七 第4段", score=0.9,
                    text="党员有权在党的会议上发表不同意见，对党的决议和政策如有不同意见，在坚决执行的前提下，可以声明保留，"
                    "并且可以把自己的意见向党的上级组织直至党中央提出。",
                ),
                _article(
                    *CONSTITUTION, 4, "第四条", score=0.6,
                    text="第四条 党员享有下列权利：\n（七）对党的决议和政策如有不同意见，在坚决执行的前提下，可以声明保留，"
                    "并且可以把自己的意见向党的上级组织直至中央提出。",
                ),
            ),
            lead="根据《关于新形势下党内政治生活的若干准则》",
            says=("党员有权在党的会议上发表不同意见",),
        ),
        id="a-regulation-that-says-more-keeps-the-lead",
    ),
    pytest.param(
        # reg-082 "村党支部的重点任务是什么": "党支部的基本任务是：" (第九条) led; 第十条 lists the 重点任务.
        Focus(
            "村党支部的重点任务是什么？",
            (
                _article(
                    *BRANCH, 9, "第九条", score=0.8,
                    text="第九条 党支部的基本任务是：\n（一）宣传和贯彻落实党的理论和路线方针政策。\n（二）组织党员认真学习马克思列宁主义。",
                ),
                _article(
                    *BRANCH, 10, "第十条", score=0.9,
                    text="第十条 不同领域党支部结合实际，分别承担各自不同的重点任务：\n（一）村党支部，全面领导隶属本村的各类组织和各项工作，"
                    "围绕实施乡村振兴战略开展工作。\n（二）社区党支部，全面领导隶属本社区的各类组织和各项工作。",
                ),
            ),
            lead="根据《中国共产党支部工作条例（试行）》第十条",
            says=("全面领导隶属本村的各类组织和各项工作",),
            not_says=("基本任务",),
        ),
        id="a-list-of-another-kind-does-not-answer",
    ),
    pytest.param(
        # reg-193 "高校党校的主要任务是什么": "主要任务是：" of 第十六条 speaks of the 高校纪委 (its line says so); 第二十二条
        # "党校的主要任务是培训党员、干部和入党积极分子" defines what was asked.
        Focus(
            "高校党校的主要任务是什么？",
            (
                _article(
                    *UNIVERSITY, 22, "第二十二条", score=1.0,
                    text="第二十二条 高校党委应当设立党校。党校的主要任务是培训党员、干部和入党积极分子。",
                ),
                _article(
                    *UNIVERSITY, 16, "第十六条", score=0.4,
                    text="第十六条 高校纪委是高校党内监督专责机关，履行监督执纪问责职责。主要任务是：\n（一）维护党章和其他党内法规。\n"
                    "（二）经常对党员进行遵守纪律的教育。",
                ),
            ),
            lead="根据《中国共产党普通高等学校基层组织工作条例》第二十二条",
            says=("党校的主要任务是培训党员、干部和入党积极分子",),
            not_says=("维护党章",),
        ),
        id="a-list-intro-of-another-subject-does-not-define",
    ),
    pytest.param(
        # mem-177 "村委会换届选举由谁来主持": 第十一条 "届满应当及时举行换届选举" repeats the question's words;
        # 第十二条 "村民委员会的选举，由村民选举委员会主持" names who.
        Focus(
            "村委会换届选举由谁来主持？",
            (
                _article(
                    *VILLAGERS, 11, "第十一条", score=1.0,
                    text="第十一条 村民委员会主任、副主任和委员，由村民直接选举产生。\n村民委员会每届任期五年，届满应当及时举行换届选举。",
                ),
                _article(
                    *VILLAGERS, 12, "第十二条", score=0.74,
                    text="第十二条 村民委员会的选举，由村民选举委员会主持。\n村民选举委员会由主任和委员组成。",
                ),
            ),
            lead="根据《中华人民共和国村民委员会组织法》第十二条",
            says=("由村民选举委员会主持",),
        ),
        id="who-acts-is-the-sentence-naming-the-actor",
    ),
    pytest.param(
        # reg-172 "中央纪委全会要多少委员到会才能开": 批准权限规定第十八条 (追认 by 三分之二 of the members present)
        # led; 工作条例第十一条 "应当有三分之二以上委员到会方可召开" states it (中央纪委 = 中央纪律检查委员会,
        # 全会 = 全体会议; service/text/vocabulary.tsv).
        Focus(
            "中央纪委全会要多少委员到会才能开？",
            (
                _article(
                    *APPROVAL, 18, "第十八条", score=0.88,
                    text="第十八条 经中央纪委全体会议应到会委员三分之二以上的多数赞成，可以对中央纪委常委会在中央纪委全体会议闭会期间"
                    "先行作出的给予中央纪委委员撤销党内职务处分的处理决定予以追认。",
                ),
                _article(
                    *COMMISSION, 11, "第十一条", score=0.93,
                    text="第十一条 党的中央纪律检查委员会全体会议每年至少召开一次，由中央纪律检查委员会常务委员会召集并主持。\n"
                    "党的中央纪律检查委员会全体会议应当有三分之二以上委员到会方可召开。",
                ),
            ),
            lead="根据《中国共产党纪律检查委员会工作条例》第十一条",
            says=("应当有三分之二以上委员到会方可召开",),
        ),
        id="the-question-frame-picks-the-number",
    ),
    pytest.param(
        # dev-147 "公务员年休假有多少天" (the knowledge base has no such number): the 申诉 deadline of 公务员法第九十六条
        # led and was taken for the answer; reg-321 "违纪所得款退赔后多久……" likewise with a 留党察看 period.
        Focus(
            "公务员年休假有多少天？",
            (
                _article(
                    *CIVIL_SERVANTS, 82, "第八十二条", score=1.0, text="第八十二条 公务员实行国家规定的工时制度，按照国家规定享受休假。"
                ),
                _article(
                    *CIVIL_SERVANTS, 96, "第九十六条", score=0.3,
                    text="第九十六条 受理公务员申诉的机关应当自受理之日起六十日内作出处理决定。",
                ),
            ),
            lead="根据《中华人民共和国公务员法》第八十二条",
            not_says=("六十日",),
            max_chars=300,
        ),
        id="a-number-about-another-subject-does-not-lead",
    ),
    pytest.param(
        # mem-213 "入党誓言怎么说的": 党章第五条's "要经过支部大会通过和上级党组织批准" lays out steps, but the oath
        # (第六条) was asked for.
        Focus(
            "入党誓言怎么说的？",
            (
                _article(
                    *CONSTITUTION, 6, "第六条", score=1.0,
                    text="第六条 预备党员必须面向党旗进行入党宣誓。誓词如下：我志愿加入中国共产党，拥护党的纲领，遵守党的章程，"
                    "履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和"
                    "人民牺牲一切，永不叛党。",
                ),
                _article(
                    *CONSTITUTION, 5, "第五条", score=0.42,
                    text="第五条 申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准，"
                    "并且经过预备期的考察，才能成为正式党员。",
                ),
            ),
            lead="根据《中国共产党章程》第六条",
            says=("我志愿加入中国共产党",),
        ),
        id="steps-count-only-for-a-procedure-question",
    ),
]
# fmt: on


@pytest.mark.parametrize("case", CASES)
def test_the_evidence_that_states_the_asked_thing_leads(case: Focus) -> None:
    ex = extract(case.question, list(case.hits), max_chars=case.max_chars)
    assert ex.answer.startswith(case.lead), ex.answer
    for span in case.says:
        assert span in ex.answer
    for span in case.not_says:
        assert span not in ex.answer


def test_a_list_modifier_of_another_kind_clashes() -> None:
    # reg-082: "基本任务" is not the asked "重点任务"; a list of the asked kind or without a modifier does not clash.
    assert modifier_clash("党支部的基本任务是:", 6, "村党支部的重点任务是什么", "任务")
    assert not modifier_clash("党支部的重点任务是:", 6, "村党支部的重点任务是什么", "任务")
    assert not modifier_clash("党员必须履行下列义务:", 8, "党员的义务有哪些", "义务")


def test_the_subject_of_a_quantity_question() -> None:
    assert quantity_subject("公务员年休假有多少天？") == "年休假"
    assert quantity_subject("违纪所得款退赔后多久可以申请恢复职务？") == "退赔"
    assert quantity_subject("中央纪委全会要多少委员到会才能开？") == "全会"
    assert quantity_subject("多少岁可以入党？") is None
    assert about_quantity_subject(
        "中央纪委全会要多少委员到会才能开？", "党的中央纪律检查委员会全体会议应当有三分之二以上委员到会"
    )
    assert not about_quantity_subject(
        "公务员年休假有多少天？", "受理公务员申诉的机关应当自受理之日起六十日内作出处理决定"
    )


def test_a_sentence_laying_out_steps_answers_a_procedure_question() -> None:
    assert lays_out_steps("对党员的纪律处分,必须经过支部大会讨论决定,报党的基层委员会批准;")
    assert not lays_out_steps("对违纪党员免予党纪处分的,按照给予其警告处分的批准权限履行处分审批程序。")


def test_degree_words_and_generic_subjects_do_not_decide_which_number_answers() -> None:
    # mem-364 "对处分不服申请复议复查，最长几个月要办完": 最长 says how much, not of what; in mem-628 "……公开给大家
    # 看？多久公开一次" 大家 is no subject; who is to act (单位) is not what is timed.
    assert quantity_subject("对处分不服申请复议复查，最长几个月要办完？") == "复查"
    assert quantity_subject("村里的账要不要公开给大家看？多久公开一次？") == "公开"
    assert quantity_subject("我是公务员，打了辞职报告，单位最多多久要给我答复？") == "辞职报告"
    units = ["任免机关……三十日内予以审批", "信访……书面答复……30日内", "复核……三十日内", "申诉……六十日内"]
    assert not specific_quantity_subject("单位最多多久要给我答复？", units)  # no subject left
    # a subject most candidate articles hold tells none of them apart
    assert not specific_quantity_subject("公务员多久能晋升？", ["公务员……", "公务员……", "公务员……"])
    assert specific_quantity_subject(
        "公务员年休假有多少天？", ["享受休假", "申诉……六十日内", "辞去公职……三十日内"]
    )
