"""Figures a report never gives: a count or a sum asked of a theory article or a news report whose shown sentences
state no number of the thing counted, and a member's own organisation asked about from reports on other places
(issue 11, item 5: "questions about local events and statistics the knowledge base does not hold").

Theory articles and news reports are full of numbers ("四个方面", "三年提升改造计划", "五个一批"), so the general
quantity gate (``quantities.number_answers``: a number near a term of the question) lets through questions whose
figure the article never states: "万州一共有多少个基层党组织" is not answered by "在铸魂、塑形、固本、赋能四个方面
下足功夫", which counts 方面; "三年提升改造计划投入了多少资金" is not answered by 三年. A report states a count next
to what it counts ("从420个行政村党组织中确定了16个软弱涣散村党组织", "服务管理党员3600多名") and a sum with its
currency ("年产值近1亿元"); regulations state rules in other shapes ("委员会由三至五人组成"), so these checks apply
only to answers that cite nothing but theory articles and news reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.schemas import Hit
from service.text.normalize import normalize_for_match

COUNT_MESSAGE = "知识库的相关内容没有给出“{term}”的数量，无法据此回答这个问题。下面列出相关内容，供您查阅。"

# Document types that report on places, units and campaigns rather than state rules.
REPORT_TYPES = frozenset({"theory", "news"})

# A count asked: 多少/几 with an optional measure word, then what is counted ("多少个基层党组织", "几名党员").
_COUNT_ASK_RE = re.compile(
    r"(?:多少|几)\s*(?P<unit>个|名|家|所|座|支|位|户|批|处|亩|项|人|条|种|点|类|次|届|年|天|万|千|百)?"
    r"(?P<noun>[\u4e00-\u9fff]{0,16})"
)
# "……的村有多少个": what is counted stands before the question word.
_COUNT_AFTER_RE = re.compile(
    r"(?P<noun>[\u4e00-\u9fff]{1,12}?)(?:一共|总共|共|总计|合计)?(?:有|是)?(?:多少|几)\s*"
    r"(?:个|名|家|所|座|支|位|户|批|处|亩|人)[呢吗啊呀了]*[？?。！!\s]*$"
)
# Item words: a count of them is answered by the list itself ("几项纪律": 政治纪律、组织纪律、……).
_ITEM_UNITS = frozenset({"项", "条", "种", "点", "类"})
# A list asked for ("哪几个", "哪些", "哪四个"): the members are the answer, not a number.
_LIST_ASK_RE = re.compile(r"哪几|哪些|哪[一二两三四五六七八九十\d]")
# A yes/no question ("能不能……几个", "是否……多少") asks whether, not how many; a closing 什么/怎么 is no 么 of one
# ("设立了几个行业党委？分别叫什么？": holdout7 h7-249).
_YES_NO_RE = re.compile(
    r"能不能|可不可以|能否|是否|要不要|行不行|可以吗|行吗|好吗|(?:吗|(?<![什怎这那多])么)[？?。！!\s]*$"
)
# An extreme asked of a report's figures ("最年轻的多少岁", "最多的村有几个党员") and how a report states one.
_SUPERLATIVE_ASK_RE = re.compile(r"最(?:年轻|年长|年老|小|大|多|少|高|低|长|短|早|晚)")
_HOW_MANY_RE = re.compile(r"多少|几|多大|多长|多高")
_STATED_EXTREME_RE = re.compile(
    r"(?:最|至少|至多|不超过|不少于|不低于|上限|下限)[^，,。；;]{0,4}?[\d一二两三四五六七八九十百千万]"
    r"|[\d二两三四五六七八九十百千万][^，,。；;\d]{0,3}?(?:以上|以下|以内)"
)
# A sum of money asked ("投入了多少资金", "增收多少万元", "每人多少钱").
_MONEY_ASK_RE = re.compile(
    r"多少钱|多少(?:万|亿|千|百)?元|几(?:万|亿|千|百)元|几块钱"
    r"|(?:资金|经费|投入|投资|花费|花了|费用|补贴|奖励|奖金|收入|增收|拨款|资助|产值)[^，,。？?！!]{0,8}(?:多少|几)"
    r"|(?:多少|几)[^，,。？?！!]{0,4}(?:资金|经费|钱|投入|投资)"
    # a pay, a bonus or a fine ("年终奖要扣多少", "工资待遇是多少"; trap13), not a share or a count of another unit
    # ("按工资的多少比例", "工资降几档", "罚款几次")
    r"|(?:年终奖|工资|绩效|津贴|薪水|薪酬|罚款|罚金|报酬|待遇|分红)[^，,。？?！!]{0,8}(?:多少|几)"
    r"(?![分天年个次名人条项种倍级档比岁周月%])"
)
# A sum stated with its currency ("近1亿元", "5000元", "三万元").
_MONEY_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:多|余)?\s*(?:万|亿|千|百)?\s*元|[一二两三四五六七八九十百千万亿]+(?:多|余)?元"
)
_SHARE_RE = re.compile(r"\d\s*(?:%|％|‰)|百分之|分之")
# A number counting something: digits or numerals with a magnitude ("25.5万", "300多万"), never an ordinal (第二批,
# 第一书记); a bare 一 only before a measure word ("一个村").
_COUNT_NUMBER = r"(?<![第\d.])(?:(?:\d+(?:\.\d+)?|[二两三四五六七八九十百千万亿〇零]+)(?:[多余]?[万亿])?|一(?=[个名家所座支位户批处项条次人]))"
# The measure words a report counts with ("16个", "3600多名", "88家", "1300余亩").
_MEASURE = r"[个名家所座支位户批处亩项条次人种类届]"
_CLAUSE_BREAKS = r"，,。；;：:！!？?、“”\"（）()《》\n"
# Words of a count question that name no counted thing.
_NOT_COUNTED = frozenset(
    {
        "一共",
        "总共",
        "总计",
        "合计",
        "大概",
        "大约",
        "左右",
        "具体",
        "现在",
        "目前",
        "目前为止",
        "已经",
        "呢",
        "吗",
    }
)


def reports_only(hits: Sequence[Hit]) -> bool:
    """Whether every hit is a theory article or a news report (``REPORT_TYPES``) and there is at least one."""
    return bool(hits) and all(h.doc_type in REPORT_TYPES for h in hits)


def _tagged(phrase: str) -> list[tuple[str, str]]:
    """``phrase`` cut and tagged by jieba's part-of-speech tagger: (word, flag) pairs."""
    import jieba.posseg

    return [(str(p.word), str(p.flag)) for p in jieba.posseg.lcut(phrase)]


def nouns_at_start(phrase: str, skip: Sequence[str] = ()) -> list[str]:
    """The leading nouns of ``phrase`` (jieba part-of-speech tags n*, and unknown words), up to its first verb,
    preposition or particle: "基层党组织" → [基层, 党组织]; "行政村党组织中确定了……" → [行政村, 党组织]. Words
    tagged with a flag starting with one of ``skip`` are passed over before the first noun ("每个驿站" → [驿站])."""
    out: list[str] = []
    for word, flag in _tagged(phrase):
        if word in _NOT_COUNTED or (
            flag == "q" and not out
        ):  # 一共; a leading measure word (几分钟便民生活圈)
            if out:
                break
            continue
        if flag.startswith(("n", "x", "j", "l", "a", "b", "i", "z")) or flag in ("vn", "eng"):
            out.append(word)
            continue
        if not out and skip and flag.startswith(tuple(skip)):
            continue
        break
    return out


def counted_nouns(question: str) -> list[str]:
    """What a count question counts, as jieba words: "万州一共有多少个基层党组织" → [基层, 党组织]; "第二批扶持村有
    多少个" → [村]; [] when the question counts nothing named (a bare "多少", an amount, a time: "频次提高了多少")."""
    nq = normalize_for_match(question)
    if _YES_NO_RE.search(nq):
        # "能不能突击多发展几个党员" asks whether something is allowed, not how many
        return []
    # "是哪几个" asks for the members, which a list answers without a number; a count asked in a clause of its own
    # before them ("万州建了几个行业党委，分别是哪些") is still asked
    nq = "，".join(c for c in re.split(r"[，,；;。？?！!]", nq) if c.strip() and not _LIST_ASK_RE.search(c))
    for m in _COUNT_ASK_RE.finditer(nq):
        if m.group("unit") in _ITEM_UNITS:
            continue  # "要遵守几项纪律": the members of a list count themselves (``number_answers``)
        nouns = nouns_at_start(m.group("noun"))
        if nouns:
            return nouns
    after = _COUNT_AFTER_RE.search(nq)
    if after:
        for word, flag in reversed(_tagged(after.group("noun"))):
            if flag.startswith("n") and word not in _NOT_COUNTED:
                return [word]
    return []


def states_count(nouns: Sequence[str], shown: str) -> bool:
    """Whether ``shown`` (matching form) holds a number that counts one of ``nouns``: the number, a measure word
    and at most two characters before the noun ("16个软弱涣散村党组织", "1至2名后备力量", "3200多个基层党组织",
    "10分钟便民生活圈"), or the noun and then, within its clause, the number with its measure word ("服务管理党员
    3600多名", "共有基层党组织3200个"). "四个方面加强党支部建设" counts 方面, not 党支部; an ordinal (第二批) counts
    nothing. A one-character noun (村) must stand right by its number ("5个村"), not inside another word (农村)."""
    keys = [n for n in nouns if len(n) >= 2] or list(nouns)
    for key in keys:
        k = re.escape(key)
        near = len(key) == 1
        between = "" if near else r"[\u4e00-\u9fff]{0,2}?"
        within = "" if near else rf"[^{_CLAUSE_BREAKS}]{{0,8}}?"
        counted = rf"{_COUNT_NUMBER}\s*[多余]?\s*{_MEASURE}?{between}{k}"
        counting = rf"{k}{within}{_COUNT_NUMBER}\s*[多余]?\s*{_MEASURE}"
        if re.search(f"{counted}|{counting}", shown):
            return True
    return False


# The nation itself is no other place ("中国共产党", "我国").
_NATION = frozenset({"中国", "我国", "全国", "中华", "中华人民共和国"})


def _other_place(nq: str, text: str) -> str | None:
    """A place a quantity question names (jieba ``ns``: 甘肃, 万州, 秦州区) that ``text`` (the shown sentences, the
    cited chunks and their titles) never names: their figures are another place's."""
    for word, flag in _tagged(nq):
        if flag != "ns" or len(word) < 2 or word in _NATION:
            continue
        # 安定区 is named as 安定 too ("安定实践")
        bare = word[:-1] if len(word) >= 3 and word[-1] in "省市县区镇乡村" else word
        if re.search(rf"{re.escape(word)}.{{0,4}}?(?:文章|那篇|一文)", nq):
            continue  # "吉林那篇文章说……": the place names the article, not what is counted
        if word not in text and bare not in text:
            return word
    return None


def unstated_figure(question: str, shown_text: str, hits: Sequence[Hit]) -> str | None:
    """What a figure ``question`` asks that the shown sentences do not state, else None: "金额" for a sum with no
    amount in 元 (nor a share) shown, whatever the evidence; over reports only (``reports_only(hits)``), the place a
    number question names that the cited reports never name (their figures are another place's) and "最值" for an
    extreme of a report's figures that it states none of (no 最, 至少, 以上 … by a number). A count of a named thing is
    ``uncounted``'s."""
    nq = normalize_for_match(question)
    shown = normalize_for_match(shown_text)
    if _MONEY_ASK_RE.search(nq):
        # any evidence: a sum is stated in 元 (or as a share: 党费 "按月工资的0.5%")
        return None if _MONEY_RE.search(shown) or _SHARE_RE.search(shown) else "金额"
    if not reports_only(hits):
        return None
    cited = normalize_for_match(" ".join(f"{h.title} {h.text}" for h in hits))
    asks_number = _HOW_MANY_RE.search(nq) and not _LIST_ASK_RE.search(nq) and not _YES_NO_RE.search(nq)
    if asks_number and (place := _other_place(nq, f"{shown} {cited}")) is not None:
        # "那甘肃选派了多少个": "全国累计选派25.5万个驻村工作队" is the figure of another place
        return place
    if _SUPERLATIVE_ASK_RE.search(nq) and _HOW_MANY_RE.search(nq) and not _STATED_EXTREME_RE.search(shown):
        # "那最年轻的书记多少岁": "平均年龄由46岁下降至40岁" states an average, no extreme
        return "最值"
    return None


# "一共有多少个基层党组织", "总共有几名党员": a total count asked.
_TOTAL_RE = re.compile(r"(?:一共|总共|共有|总计|共计|合计)\s*(?:有)?\s*(?:多少|几)")
# A place named by its kind ("石马村", "某某街道"): jieba tags few villages as places.
_PLACE_RE = re.compile(
    r"[\u4e00-\u9fff]{1,4}(?:省|市|县|区|村|镇|乡|街道)(?![\u4e00-\u9fff]{0,1}(?:委|部|长))"
)


def asks_place_total(question: str) -> bool:
    """Whether ``question`` asks the total count of a named place's things ("那万州一共有多少个基层党组织", "石马村总共
    有几名党员"): a total (一共, 总共, 共有 …) of 多少/几 after a place (jieba ``ns``, or a name ending in 省, 市, 县, 区,
    村, 镇, 乡, 街道)."""
    nq = normalize_for_match(question)
    m = _TOTAL_RE.search(nq)
    if m is None:
        return False
    before = nq[: m.start()]
    return _PLACE_RE.search(before) is not None or any(flag == "ns" for _, flag in _tagged(before))


def uncounted(question: str, shown_text: str, hits: Sequence[Hit]) -> str | None:
    """The thing a count ``question`` counts ("基层党组织" of "万州一共有多少个基层党组织", ``counted_nouns``) when no
    number of ``shown_text`` counts it (``states_count``), else None. Checked when the answer cites reports only
    (``reports_only``: theory articles and news are full of numbers counting something else, "四个方面") or when the
    question asks a named place's total (``asks_place_total``), whatever the evidence; rules otherwise state counts in
    their own shapes ("委员会由三至五人组成", left to ``quantities.number_answers``)."""
    if _MONEY_ASK_RE.search(normalize_for_match(question)) or not (
        reports_only(hits) or asks_place_total(question)
    ):
        return None  # a sum is ``unstated_figure``'s
    nouns = counted_nouns(question)
    if not nouns or states_count(nouns, normalize_for_match(shown_text)):
        return None
    return "".join(nouns)


# The member's own organisation ("我们社区", "咱们村", "本单位").
_OWN_ORG_RE = re.compile(
    r"(?:我们|咱们|我所在的?|我们这个?|本)(?:省|市|县|区|街道|乡|镇|村|社区|单位|学校|公司|企业|机关|党委|党支部|支部"
    r"|党工委|党总支|小区|网格)"
)


def own_unit_from_reports(question: str, hits: Sequence[Hit]) -> bool:
    """Whether ``question`` asks about the member's own organisation ("我们社区党群服务中心周末开门吗") and the
    answer cites nothing but reports (``reports_only``): a report tells what another place did, never how the
    member's own unit is run. A rule cited for it ("我们支部多久开一次党员大会": 支部工作条例) is an answer."""
    return reports_only(hits) and _OWN_ORG_RE.search(normalize_for_match(question)) is not None
