"""Issue 11, item 2: counts and lists asked in members' words (holdout3 kinds ``count`` and ``list``).

- a count question is answered by the sentence that counts and names the members ("有几种" → "对党员的纪律处分种类：
  （一）警告……", "分为留党察看一年、留党察看二年"), not by one that uses them in passing;
- "是哪四个方面" is answered by the section of exactly four articles whose heading holds the question's words;
- a number the question gets wrong is answered with the list the source holds and its real count;
- "《…》一共讲了哪几个方面" is answered by the named document's top-level headings;
- "对党员领导干部有哪几条规范" counts norms, not the document's articles.

Hand-made hits with the regulations' own wording; the same examples over the shipped knowledge with the real
embedder are in tests/slow/test_lists_two_part.py.
"""

from __future__ import annotations

import re
from functools import partial

import pytest
from list_samples import INTEGRITY, INTEGRITY_NORMS, article_hit

from service.rag.citations import verify
from service.rag.extract import extract, member_run, stated_run, stated_size, states_count
from service.rag.heading_lists import asks_outline, named_document, outline
from service.schemas import Citation, Hit
from service.text.normalize import normalize_for_match
from service.versions.facts import _counts_content

CONSTITUTION = "中国共产党章程"
DISCIPLINE = "中国共产党纪律处分条例"
POLITICAL_LIFE = "关于新形势下党内政治生活的若干准则"


_article = partial(article_hit, doc_type="party_regulation")


def test_a_sentence_that_counts_and_names_members_is_told_apart() -> None:
    assert states_count(
        normalize_for_match("对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。"),
        "种",
    )
    assert states_count(normalize_for_match("留党察看处分，分为留党察看一年、留党察看二年。"), "种")
    assert states_count(
        normalize_for_match("党的纪律处分共有五种，即警告、严重警告、撤销党内职务、留党察看和开除党籍。"),
        "种",
    )
    assert not states_count(
        normalize_for_match("给以警告、严重警告处分，由中央纪律检查委员会常务委员会审议后，报党中央批准。"),
        "种",
    )
    assert not states_count(normalize_for_match("留党察看期限最长不得超过二年。"), "种")


# 党章第四十二条 uses the kinds of discipline in its approval procedure; 纪律处分条例第八条 lists them.
PROCEDURE_42 = _article(
    "cpc-constitution-2017", CONSTITUTION, 42,
    "第四十二条　对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会批准。\n"
    "对党的中央委员会委员、候补委员，给以警告、严重警告处分，由中央纪律检查委员会常务委员会审议后，报党中央批准。",
    score=0.9,
)  # fmt: skip
KINDS_8 = _article(
    "cpc-discipline-2023", DISCIPLINE, 8,
    "第八条 对党员的纪律处分种类：\n（一）警告；\n（二）严重警告；\n（三）撤销党内职务；\n（四）留党察看；\n（五）开除党籍。",
    score=0.85,
)  # fmt: skip
PROBATION_12 = _article(
    "cpc-discipline-2023", DISCIPLINE, 12,
    "第十二条 留党察看处分，分为留党察看一年、留党察看二年。对于受到留党察看处分一年的党员，期满后仍不符合恢复党员"
    "权利条件的，应当延长一年留党察看期限。留党察看期限最长不得超过二年。\n"
    "党员受留党察看处分期间，没有表决权、选举权和被选举权。留党察看期间，确有悔改表现的，期满后恢复其党员权利；坚持"
    "错误不改或者又发现其他应当受到党纪处分的违纪行为的，应当开除党籍。\n"
    "党员受到留党察看处分，其党内职务自然撤销。对于担任党外职务的，应当建议党外组织撤销其党外职务。受到留党察看处分"
    "的党员，恢复党员权利后二年内，不得在党内担任和向党外组织推荐担任与其原任职务相当或者高于其原任职务的职务。",
    score=0.9,
)  # fmt: skip


def test_the_list_of_kinds_leads_a_count_question_not_an_article_that_uses_them() -> None:
    # example 1 (holdout3, ho3-017): the answer quoted 党章第四十二条 (procedure) instead of the article that lists
    for question in ("党的纪律处分有几种，分别叫什么", "纪律处分一共有几种", "对党员的纪律处分分哪几种"):
        ex = extract(question, [PROCEDURE_42, KINDS_8], max_chars=600)
        lead = ex.answer.split("另据")[0]
        assert lead.startswith(f"根据《{DISCIPLINE}》第八条，共五种："), question
        for kind in ("警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"):
            assert kind in lead


def test_the_sentence_that_divides_into_kinds_answers_how_many_kinds() -> None:
    # ho3-099: "分为留党察看一年、留党察看二年", not only "最长不得超过二年"
    ex = extract("留党察看分几种期限", [PROBATION_12], max_chars=300)
    assert "分为留党察看一年、留党察看二年" in ex.answer


LIFE_SPEECH = Hit(
    doc_id="life", title=POLITICAL_LIFE, chunk_id="life#s12p2", locator="十二、保持清正廉洁的政治本色 第2段",
    doc_type="party_regulation", score=1.0,
    text="各级领导干部必须严以修身、严以用权、严以律己，谋事要实、创业要实、做人要实。",
)  # fmt: skip


def test_a_section_of_as_many_articles_as_the_question_says_is_the_list() -> None:
    # example 2 (ho3-070): "对领导干部的廉洁要求是哪四个方面" → 廉洁自律准则 第五条至第八条, each norm in full
    hits = [LIFE_SPEECH] + [
        _article("i", INTEGRITY, n, t, score=0.9 - n / 50, chapter=c) for n, c, t in INTEGRITY_NORMS
    ]
    for question in ("对领导干部的廉洁要求是哪四个方面", "领导干部廉洁方面有哪四项要求"):
        ex = extract(question, hits, max_chars=600)
        lead = ex.answer.split("另据")[0]
        assert lead.startswith(f"根据《{INTEGRITY}》第五条至第八条，共四"), question
        for norm in ("廉洁从政，自觉保持人民公仆本色", "廉洁用权，自觉维护人民根本利益", "廉洁修身，自觉提升思想道德境界",
                     "廉洁齐家，自觉带头树立良好家风"):  # fmt: skip
            assert norm in lead
        assert "坚持公私分明" not in lead


GENERAL_PROGRAM = [
    Hit(
        doc_id="c",
        title=CONSTITUTION,
        chunk_id=f"c#pre{k}",
        locator=loc,
        doc_type="party_regulation",
        score=0.9,
        text=text,
    )
    for k, (loc, text) in enumerate(
        [
            ("总纲·第24段", "党的建设必须坚决实现以下五项基本要求："),
            ("总纲·第一点", "第一，坚持党的基本路线。"),
            ("总纲·第二点", "第二，坚持解放思想，实事求是，与时俱进，求真务实。"),
            ("总纲·第三点", "第三，坚持全心全意为人民服务。"),
            ("总纲·第四点", "第四，坚持民主集中制。"),
            ("总纲·第五点", "第五，坚持从严管党治党。"),
        ]
    )
]


def test_a_wrong_number_in_the_question_gets_the_sources_list_and_count() -> None:
    # example 5: "党建的四项基本要求是啥" when the 总纲 says 五项
    assert stated_size("党建的四项基本要求是啥") == 4
    assert stated_size("对领导干部的廉洁要求是哪四个方面") == 4
    assert stated_size("党员有哪些义务") is None
    assert stated_size("预备期三个月还是一年") is None  # 三个月 is a time, not a list's size
    ex = extract("党建的四项基本要求是啥", GENERAL_PROGRAM, max_chars=600)
    assert "共五项" in ex.answer
    assert "坚持从严管党治党" in ex.answer
    assert ex.notes == [f"问题中说的是四项，《{CONSTITUTION}》列出的是五项。"]
    ex = extract("党建的五项基本要求是啥", GENERAL_PROGRAM, max_chars=600)
    assert ex.notes == []


HEADINGS = ["一、坚定理想信念", "二、坚持党的基本路线", "三、坚决维护党中央权威", "四、严明党的政治纪律"]


def _outline_chapters() -> list[tuple[list[str], Hit]]:
    return [
        (
            [h],
            Hit(
                doc_id="life",
                title=POLITICAL_LIFE,
                chunk_id=f"life#{k}",
                locator=f"{h} 第1段",
                doc_type="party_regulation",
                score=1.0,
                chapter_path=[h],
                text=f"{h[2:]}是本节的第一句话。",
            ),
        )
        for k, h in enumerate(HEADINGS)
    ]


def test_a_documents_outline_is_its_top_level_headings() -> None:
    # example 3 (ho3-111): "党内政治生活若干准则一共讲了哪几个方面" → its headings, "共N个方面"
    titles = [CONSTITUTION, POLITICAL_LIFE, INTEGRITY, "中国共产党支部工作条例（试行）"]
    assert named_document("党内政治生活若干准则一共讲了哪几个方面", titles) == POLITICAL_LIFE
    assert named_document("关于新形势下党内政治生活的若干准则讲了什么", titles) == POLITICAL_LIFE
    assert named_document("支部工作条例分为几个部分", titles) == "中国共产党支部工作条例（试行）"
    assert named_document("党内政治生活有哪些要求", titles) is None  # no document named
    assert asks_outline("党内政治生活若干准则一共讲了哪几个方面")
    assert asks_outline("支部工作条例分为几个部分")
    assert not asks_outline("党员有哪些义务")
    ex = outline("党内政治生活若干准则一共讲了哪几个方面", _outline_chapters())
    assert ex is not None
    lines = ex.answer.split("\n")
    assert lines[0] == f"根据《{POLITICAL_LIFE}》，共四个方面："
    assert [re.sub(r"^《[^》]+》", "", ln).split("：")[0] for ln in lines[1:]] == HEADINGS
    checked = verify(ex.answer, ex.citations, {h.chunk_id: h for h in ex.hits}, strict=True)
    assert checked.answer == ex.answer and not checked.flagged  # every line verbatim and cited
    assert outline("……分为几个部分", _outline_chapters()[:2]) is None  # two headings are no outline


def test_a_count_of_a_content_noun_is_not_a_count_of_articles() -> None:
    # ho3-149 "廉洁字律准则对党员领导干部有哪几条规范" was answered "共2个部分、8条"
    assert _counts_content(normalize_for_match("廉洁自律准则对党员领导干部有哪几条规范"))
    assert _counts_content(normalize_for_match("党章规定党员有几条义务"))
    assert not _counts_content(normalize_for_match("廉洁自律准则一共有几条"))
    assert not _counts_content(normalize_for_match("党章有多少条规定"))
    assert not _counts_content(normalize_for_match("纪律处分条例共有多少条呢"))


RESOLUTION_22 = _article(
    "cpc-member-recruitment-2014", "中国共产党发展党员工作细则", 22,
    "第二十二条 党支部应当及时将支部大会决议写入《中国共产党入党志愿书》，连同本人入党申请书、政治审查材料、培养教育考察"
    "材料等，一并报上级党委审批。\n支部大会决议主要包括：发展对象的主要表现；应到会和实际到会有表决权的党员人数；表决结果；"
    "通过决议的日期；支部书记签名。",
    score=0.9,
)  # fmt: skip


def test_a_list_separated_by_semicolons_is_counted() -> None:
    # example 4 (ho3-045): "支部大会决议要写哪些内容" → the five contents, "共五项"
    ex = extract("支部大会决议要写哪些内容", [RESOLUTION_22], max_chars=600)
    assert ex.answer.startswith("根据《中国共产党发展党员工作细则》第二十二条，共五项：")
    for span in (
        "发展对象的主要表现",
        "应到会和实际到会有表决权的党员人数",
        "表决结果",
        "通过决议的日期",
        "支部书记签名",
    ):
        assert span in ex.answer
    # clauses with commas are provisions, not named members: no count
    steps = _article(
        "d",
        "某条例",
        5,
        "第五条 程序如下：先由支部提出意见，报党委；党委研究，作出决定；决定宣布后，存档。",
        score=0.9,
    )
    assert "共" not in extract("程序有哪些", [steps], max_chars=600).answer.split("：")[0]


JILIN = Hit(
    doc_id="jilin", title="夯实基础狠抓落实推动全面从严治党向基层延伸", chunk_id="jilin#p3", locator="第3段",
    doc_type="theory", score=0.9,
    text="党章和党规是全体党员干部必须遵守的基本行为准则,每一名党员干部都要严格遵守党的政治纪律、组织纪律、群众纪律、廉洁纪律"
    "和工作纪律,切实履行好为党尽忠、为国尽责、为民谋利的职责和使命。",
)  # fmt: skip


def test_a_count_question_counts_the_members_one_enumeration_names() -> None:
    # ho3-116: "要遵守哪几项纪律" → 政治纪律、组织纪律、群众纪律、廉洁纪律和工作纪律, "共五项"
    ex = extract("吉林那篇文章说基层党员干部要遵守哪几项纪律", [JILIN], max_chars=600)
    assert ex.answer.startswith("根据《夯实基础狠抓落实推动全面从严治党向基层延伸》第3段，共五项：")
    checked = verify(ex.answer, ex.citations, {JILIN.chunk_id: JILIN}, strict=True)
    assert checked.answer.startswith("根据《夯实基础狠抓落实推动全面从严治党向基层延伸》第3段，共五项：")
    assert not checked.flagged


def test_a_heading_counting_two_is_a_heading() -> None:
    # "共两项" is an attribution as "共五项" is (citation verification dropped it as an unsupported claim)
    hit = _article(
        "d", DISCIPLINE, 9, "第九条 对于违犯党纪的党组织，可以予以：（一）改组；（二）解散。", score=0.9
    )
    answer = f"根据《{DISCIPLINE}》第九条，共两种：\n（一）改组；[1]"
    checked = verify(answer, [Citation.from_hit(1, hit, "（一）改组；")], {hit.chunk_id: hit}, strict=True)
    assert checked.answer == answer and not checked.flagged


COMMISSION_46 = _article(
    "cpc-constitution-2017", CONSTITUTION, 46,
    "第四十六条　党的各级纪律检查委员会是党内监督专责机关，主要任务是：维护党的章程和其他党内法规，检查党的路线、方针、"
    "政策和决议的执行情况，协助党的委员会推进全面从严治党、加强党风建设和组织协调反腐败工作。\n"
    "党的各级纪律检查委员会的职责是监督、执纪、问责，要经常对党员进行遵守纪律的教育，作出关于维护党纪的决定。",
    score=0.9,
)  # fmt: skip
CIVIL_SERVANT_62 = _article(
    "civil-servant-law", "中华人民共和国公务员法", 62, "第六十二条 处分分为：警告、记过、记大过、降级、撤职、开除。",
    score=0.9, doc_type="regulation",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "hit", "said", "members"),
    [
        # holdout4 h4-066 (with its typo 职则): 党章第四十六条 names the three, the answer must say "共三项"
        ("纪委的职则概括起来是哪三项？", COMMISSION_46, "共三项", ("监督", "执纪", "问责")),
        ("紀委的職責是哪三項", COMMISSION_46, "共三项", ("监督", "执纪", "问责")),
        ("纪律检查委员会的职责概括为哪三个方面", COMMISSION_46, "共三个方面", ("监督", "执纪", "问责")),
        ("公务员的处分分为哪六种？", CIVIL_SERVANT_62, "共六种", ("警告", "记大过", "开除")),
    ],
)
def test_a_run_of_as_many_members_as_the_question_says_is_counted(
    question: str, hit: Hit, said: str, members: tuple[str, ...]
) -> None:
    ex = extract(question, [hit], max_chars=600)
    assert said in ex.answer.split("：")[0], ex.answer
    assert all(m in ex.answer for m in members)


def test_a_run_of_another_size_is_not_claimed_as_the_stated_count() -> None:
    """ "哪四项" over a run of three: no "共四项" (the question's number is not echoed without the source)."""
    ex = extract("纪委的职责是哪四项？", [COMMISSION_46], max_chars=600)
    assert "共四项" not in ex.answer and "共三项" not in ex.answer
    assert stated_run("职责是监督、执纪、问责，要经常", 3) and not stated_run(
        "职责是监督、执纪、问责，要经常", 4
    )
    assert not stated_run("是党内监督专责机关", 2)


FOUR_CONSCIOUSNESS = Hit(
    doc_id="cpc-constitution-2017", title=CONSTITUTION, chunk_id="c#gp4", locator="总纲·第四点",
    doc_type="party_regulation", score=0.9,
    text="第四，坚持民主集中制。必须实行正确的集中，牢固树立政治意识、大局意识、核心意识、看齐意识，坚定维护党中央权威。",
)  # fmt: skip
CRITICISM_WORRIES = Hit(
    doc_id="life", title=POLITICAL_LIFE, chunk_id="life#s10p6", locator="十、开展批评和自我批评 第6段",
    doc_type="party_regulation", score=0.9,
    text="领导干部特别是高级干部必须带头从谏如流、敢于直言，以批评和自我批评的示范行动引导党员、干部打消自我批评怕丢面子、"
    "批评上级怕穿小鞋、批评同级怕伤和气、批评下级怕丢选票等思想顾虑。",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "hit", "said"),
    [
        # probe4 h4-009: members that end with the asked noun (意识), as many as the question states
        ("平时总讲要牢固树立“四个意识”，具体指哪四个意识？", FOUR_CONSCIOUSNESS, "共四个"),
        ("黨員要樹立哪四個意識", FOUR_CONSCIOUSNESS, "共四个"),
        # probe4 h4-194: a run followed by 等 + the asked noun; 和 inside "怕伤和气" is no separator
        ("批评和自我批评中常见的几种思想顾虑是什么？", CRITICISM_WORRIES, "共四种"),
        ("開展批評時常見的思想顧慮有幾種", CRITICISM_WORRIES, "共四种"),
    ],
)
def test_a_run_naming_the_asked_noun_is_counted(question: str, hit: Hit, said: str) -> None:
    ex = extract(question, [hit], max_chars=600)
    assert said in ex.answer.split("：")[0], ex.answer


def test_a_run_of_other_things_is_not_counted_for_the_noun() -> None:
    assert (
        member_run("严格遵守党的政治纪律、组织纪律", "要遵守哪几项纪律") is None
    )  # two are no list of three
    assert member_run("打消怕丢面子、怕穿小鞋、怕伤和气等思想顾虑", "有哪几种工作作风") is None
    assert not stated_run("牢固树立政治意识、大局意识、核心意识、看齐意识", 3, "具体指哪三个意识")


def test_modifiers_before_the_noun_are_not_its_members() -> None:
    # probe4 h4-195: "岗位、职务、职级调整措施，包括停职检查、调整职务、责令辞职、免职、降职" has five 措施, not three
    text = (
        "本规定所称组织处理，是指党组织对违规违纪违法、失职失责失范的领导干部采取的岗位、职务、职级调整措施，包括停职检查、"
        "调整职务、责令辞职、免职、降职。"
    )
    assert member_run(text, "组织处理一共有哪几种措施？") is None


COVERAGE = Hit(
    doc_id="tasks", title="扎实推进基层党建工作重点任务落实", chunk_id="tasks#p15", locator="第15段", doc_type="theory",
    score=0.9, text="认真落实“扩大基层党的组织覆盖和工作覆盖”的要求,以非公企业和社会组织为重点进一步严密党的组织体系。",
)  # fmt: skip


def test_a_numbered_group_that_only_owns_the_asked_thing_is_not_counted() -> None:
    # member set mem-186: "“两个覆盖”的薄弱点" asks for weak points; the two 覆盖 are no answer to "how many"
    ex = extract("“两个覆盖”的薄弱点在哪些地方？", [COVERAGE], max_chars=600)
    assert "共两个" not in ex.answer
    # "四大考验" is said with 项
    trials = Hit(
        doc_id="c", title=CONSTITUTION, chunk_id="c#gp5", locator="总纲·第五点", doc_type="party_regulation", score=0.9,
        text="党面临的执政考验、改革开放考验、市场经济考验、外部环境考验是长期的、复杂的、严峻的。",
    )  # fmt: skip
    assert "共四项" in extract("“四大考验”是哪四大考验？", [trials], max_chars=600).answer


def test_a_pair_of_the_noun_in_prose_is_no_stated_list() -> None:
    # probe4 h4-299: "哪两种党员" over "没有转移组织关系的流动党员和已停止党籍的党员" claimed "共两种"
    text = "给予没有转移组织关系的流动党员和已停止党籍的党员党纪处分，由其组织关系所在党组织办理。"
    assert not stated_run(text, 2, "管理流动党员要防止出现哪两种党员？")
