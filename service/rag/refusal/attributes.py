"""Attributes asked by their kind of value: a colour, a weekday, a time of day, a paper size, a gesture, a place, a
dress. The texts that
share the topic ("申请入党的人，要填写入党志愿书") never state such a value unless they name it in one of its forms
("金黄色党徽图案的红旗"), so an answer whose evidence holds no value of the asked kind is refused (issue 11, item 5:
"入党志愿书要用什么颜色的笔填写", "支部党员大会一般安排在星期几开").
"""

from __future__ import annotations

import re

from service.rag.refusal.coverage import CLAUSE_RE
from service.rag.refusal.shapes import ATTRIBUTE_ASKS
from service.text.normalize import normalize_for_match

# How a text states a value of each attribute (matching form): a colour word, a weekday, a clock time, a size, a dress.
_VALUE_FORMS: dict[str, re.Pattern[str]] = {
    "颜色": re.compile(r"[红黄蓝绿白黑紫金银灰橙棕]色|红旗|颜色|色彩"),
    "用笔": re.compile(r"笔|墨"),
    "星期": re.compile(r"星期|礼拜|周[一二三四五六日末]|双休日|休息日|节假日"),
    "日期": re.compile(
        r"\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,3}[日号]|月初|月底|月末|上旬|中旬|下旬|七一|最后一"
    ),
    "钟点": re.compile(r"\d{1,2}\s*(?:点|:\d{2})|上午|下午|晚上|早上|中午|凌晨"),
    "纸张尺寸": re.compile(r"纸|尺寸|规格|厘米|毫米|a4|字号|开本"),
    "手势": re.compile(r"[左右]手|举手|握拳|手势"),
    # a place: "在……前/中/内" ("在首都北京天安门广场人民英雄纪念碑前举行"), a venue word
    "地点": re.compile(r"在[^，,。；;]{1,24}?(?:前|中|内|里|上|处)|地点|场所|会场|所在地|[馆堂厅]"),
    "着装": re.compile(r"着装|服装|衣|穿"),
    "年龄": re.compile(r"岁|年龄|年纪|年满|退休"),
}


def unstated_attribute(question: str, evidence: str) -> str | None:
    """The attribute (``shapes.ATTRIBUTE_ASKS``: 颜色, 星期, 钟点 …) that a clause of ``question`` asks for and
    ``evidence`` (the cited texts with their titles) states no value of (``_VALUE_FORMS``), else None: "党旗是什么
    颜色的" is answered by "……金黄色党徽图案的红旗"; "入党志愿书要用什么颜色的笔填写" by no text."""
    nq = normalize_for_match(question)
    norm = normalize_for_match(evidence)
    for clause in CLAUSE_RE.split(nq):
        for name, asks in ATTRIBUTE_ASKS.items():
            if asks.search(clause) and not _VALUE_FORMS[name].search(norm):
                return name
    return None
