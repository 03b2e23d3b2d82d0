"""The definition test (``extract.defines``) on the 党章 总纲's shapes (probe10, issue 11 item 3/5):

1. an identity statement whose predicate is the asked term ("发展是我们党执政兴国的第一要务") says what the term is;
2. a 、-list closing right before "的H" spells out the head H of an asked "S的H" ("按照民主法治、……的总要求");
3. a sentence naming only the subject S of "S的H" is a topic sentence, not the answer;
4. a where-ask ("派到哪里") and the sentence that states where the act goes ("向……派驻")."""

from __future__ import annotations

import pytest

from service.rag.extract import _names_subject_only, defines, states_destination, where_verb
from service.text.normalize import normalize_for_match


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("发展是我们党执政兴国的第一要务。", "党执政兴国的第一要务"),
        ("遵守党的政治纪律是遵守党的全部纪律的基础。", "遵守党的全部纪律的基础"),
        ("社会主义制度是中华人民共和国的根本制度。", "中华人民共和国的根本制度"),
        (
            "按照民主法治、公平正义、诚信友爱、充满活力、安定有序、人与自然和谐相处的总要求和共同建设、共同享有的原则，"
            "以保障和改善民生为重点。",
            "构建社会主义和谐社会的总要求",
        ),
        (
            "按照控制总量、优化结构、提高质量、发挥作用的总要求，坚持党章规定的党员标准。",
            "发展党员工作的总要求",
        ),
    ],
)
def test_sentences_that_say_what_the_term_is(sentence: str, term: str) -> None:
    assert defines(normalize_for_match(sentence), term)


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        (
            "全党必须聚精会神抓好发展这个党执政兴国的第一要务，坚持以人民为中心的发展思想。",
            "党执政兴国的第一要务",
        ),
        ("党员要重温入党誓词。", "入党誓词"),
        ("各级党组织和全体党员都要牢记，抓住机遇特别是我们党执政兴国的第一要务", "党执政兴国的第一要务"),
        ("按照有关要求进行。", "构建社会主义和谐社会的总要求"),
    ],
)
def test_sentences_that_only_mention_it(sentence: str, term: str) -> None:
    assert not defines(normalize_for_match(sentence), term)


def test_a_topic_sentence_names_the_subject_not_the_head() -> None:
    term = "构建社会主义和谐社会的总要求"
    assert _names_subject_only(term, normalize_for_match("中国共产党领导人民构建社会主义和谐社会。"))
    assert not _names_subject_only(term, normalize_for_match("按照民主法治、公平正义的总要求。"))
    assert not _names_subject_only("入党誓词", "重温入党誓词")


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("派驻纪检组是派到哪里的？", "派"),
        ("纪检监察组都派驻到哪些地方？", "驻"),
        ("流动党员外出以后组织关系放在哪里？", "放"),
        ("党员对处分不服，可以向哪里提出申诉？", "诉"),
        ("党员在哪里过组织生活？", None),
        ("这个会议在哪里开？", None),
        ("纪委的职责是什么？", None),
        ("违犯党纪的党组织会受到哪些处理？", None),
        ("党员要做到哪些方面？", None),
    ],
)
def test_where_asks_name_the_verb_whose_place_is_asked(question: str, verb: str | None) -> None:
    assert where_verb(question) == verb


def test_a_sentence_states_where_the_act_goes() -> None:
    assert states_destination(
        normalize_for_match("党的中央和地方纪律检查委员会向同级党和国家机关全面派驻党的纪律检查组。"), "派"
    )
    assert states_destination(normalize_for_match("交党委存入本人人事档案。"), "存")
    assert not states_destination(
        normalize_for_match("派驻机构是派出它的党的纪律检查委员会监察委员会的组成部分。"), "派"
    )
