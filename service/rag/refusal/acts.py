"""Acts and their consequences: a member describes an act in everyday words and asks what follows (answered
by a penalty provision naming the act), or asks how to do something that only a sanctions regulation mentions
(refused as another act).
"""

from __future__ import annotations

import re

from service.rag.query_terms import CONSEQUENCE_RE, informative_terms
from service.text import vocabulary
from service.text.normalize import normalize_for_match

OTHER_ACT_MESSAGE = (
    "知识库中提到这些事项的条文讲的是纪律处分及其审批，没有找到办理这件事的具体规定，无法据此作答。"
    "下面列出相关内容，供您查阅。"
)


_CONSEQUENCE_RE = CONSEQUENCE_RE  # the one pattern of consequence asks (service/rag/query_terms.py)


_PENALTY_RE = re.compile(r"(?:给予|予以)[^。；]{0,30}处分|追究[^。；]{0,8}责任")


_SITUATION_STOP = frozenset(
    [
        "同事",
        "朋友",
        "领导",
        "下属",
        "亲戚",
        "家人",
        "孩子",
        "儿子",
        "女儿",
        "老公",
        "老婆",
        "别人",
        "人家",
        "单位",
        "下班",
        "上班",
        "过节",
    ]
)


def consequence_answers(question: str, shown_text: str) -> bool:
    """True when a question about the consequence of an act is answered by a penalty provision that names
    the act: "同事请我吃饭还塞了个红包，我收了会怎样" by 纪律处分条例第九十七条 (收受……礼金……给予警告).

    The shown text's first quoted provision must impose a penalty (给予/予以……处分, 追究……责任) and contain one
    of the question's situation words itself or in a formal form (``service/text/vocabulary.tsv``: 红包 → 礼金,
    购物卡 → 消费卡); people and times (同事, 下班) are not the act. Such questions use words no regulation
    uses, so their lexical coverage alone would refuse them (issue 11, item 5; member trial)."""
    nq = normalize_for_match(question)
    if not _CONSEQUENCE_RE.search(nq):
        return False
    situation = _CONSEQUENCE_RE.sub(" ", nq)  # "会受什么处分" asks; its 处分 is not the act
    lead = normalize_for_match(re.split(r"\[\d+\]|\n\n", shown_text)[0])
    if not _PENALTY_RE.search(lead):
        return False
    acts = [t for t in informative_terms(situation) if len(t) >= 2 and t not in _SITUATION_STOP]
    acts = [t for t in acts if not t.startswith(("我", "会", "受"))]
    vocab = vocabulary.load()
    return any(t in lead or any(f in lead for f in vocab.formal_forms(t)) for t in acts)


# "党员退休了组织关系怎么转" asks how to do something; 处分批准权限 articles that mention "组织关系转入" say who
# approves a sanction, not how the transfer is done.
# A bare "怎么办" asks what to do about a situation ("发现有党员信教，组织上该怎么办": 纪律处分条例第六十九条 says
# what), not how to carry out a procedure.
_HOW_TO_RE = re.compile(
    r"(?:怎么|如何|怎样)(?:转|办(?![？?。！!，,吗呢啊]|$)|申请|交|填|补办|补|报|操作|走|弄)"
)


_SANCTION_TITLE_RE = re.compile(r"处分|纪律检查|监督执纪|问责")


_SANCTION_WORD_RE = re.compile(
    r"处分|违纪|违规|纪律|处理|问责|惩|开除|警告|撤销|察看|申诉|审批|批准|审查|追责"
)


def sanction_mismatch(question: str, lead_title: str) -> bool:
    """True when a how-to question ("……怎么转", "如何办理") that names no sanction is answered from a sanctions
    regulation (纪律处分条例, 处分批准权限和程序规定, 问责条例 …): the objects it names there belong to another act
    (member trial, 第28题)."""
    nq = normalize_for_match(question)
    if not _HOW_TO_RE.search(nq) or _SANCTION_WORD_RE.search(nq):
        return False
    return _SANCTION_TITLE_RE.search(lead_title) is not None
