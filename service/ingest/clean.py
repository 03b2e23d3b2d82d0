"""Removal of web-page boilerplate from article text, so no navigation or share button reaches a chunk.

Why line rules: pages copied from news and Party-building sites keep their debris on lines of their own
(breadcrumbs, 择稿人员/发布日期/访问次数 bars, 字体/背景色 switches, share icons, copyright notices, image
captions, "猜你喜欢"/"相关新闻" link lists). Content lines are long prose; debris lines are short and
formulaic. So every rule matches a *whole short line* (or a trailing link list), and content lines are
never edited, only kept or dropped. Facts worth keeping from dropped lines (author, date, source,
keywords) move to the document metadata instead of vanishing.

The rules were checked line by line against the five theory pages in ``knowledge/theory``
(see ``tests/unit/test_clean.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Whitespace that web pages use for indentation (ideographic space, nbsp, zero-width).
_EDGE_WS = " \t\u3000\u00a0\u200b\ufeff\r"

_BREADCRUMB_RE = re.compile(r"^(首页|您(当前)?的?位置|当前位置|所在位置)\s*(\S*\s*(>|＞|》|›|»|&gt;))")
_LOCATION_RE = re.compile(r"^(您当前的位置|当前位置|您的位置|所在位置)\s*[:：]")
_META_WORDS_RE = re.compile(
    r"(择稿人员|发布日期|发布时间|访问次数|浏览次数|阅读次数|点击数|字体[:：]|字号[:：]|背景色|打印本页|关闭窗口|【字体|【打印】|【关闭】)"
)
_ISO_DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_LEADING_DATE_RE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_SOURCE_RE = re.compile(r"来源[:：]\s*(\S+)")
_SHARE_RE = re.compile(r"^(分享到|分享至|分享[:：]|一键分享|扫一扫|扫码|关注我们)")
# Pagination between articles: "上一篇：……　下一篇：……".
_PAGER_RE = re.compile(r"^(上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]")
_COPYRIGHT_RE = re.compile(
    r"(版权所有|版权声明|Copyright|copyright|©|\(c\)\s*\d{4}|未经授权|转载必须注明|禁止转载)"
)
_EDITOR_RE = re.compile(
    r"^[（(【\[]?(责任编辑|责编|编辑|版式设计|美术编辑|校对|审核|监制|统筹)\s*[:：︳|｜丨/]"
)
_BYLINE_RE = re.compile(r"^(文|作者|撰文|来稿)\s*[:：︳|｜丨/／]\s*(\S{2,12})$")
# "中共定西市委常委、安定区委书记 蔺红军", "本报记者 赵成": an affiliation or role, a space, a name.
_AFFILIATION_BYLINE_RE = re.compile(
    r"^(?P<aff>[\u4e00-\u9fff、（）()“”]{2,40}(委|部|局|厅|办|书记|常委|公司|大学|学院|学校|中心|记者|研究员|教授|主任|院|所|社))"
    r"\s+(?P<name>[\u4e00-\u9fff·]{2,4})$"
)
_CAPTION_RE = re.compile(r"^[（(]?图\s*[①-⑳\d一二三四五六七八九十]+")
_CIRCLED_ONLY_RE = re.compile(r"^[①-⑳\s]+$")
_PHOTO_CREDIT_RE = re.compile(r"^[（(]?[^。，,；;]{1,20}摄[）)]?$")
_LATIN_ONLY_RE = re.compile(r"^[A-Za-z][A-Za-z .\-]{0,24}$")
_KEYWORDS_RE = re.compile(r"^(关键词|关键字|标签)\s*[:：]\s*(.*)$")
_ISSUE_RE = re.compile(r"^(?P<journal>\S.{0,20}?)\s*(?P<issue>\d{4}年\s*\d{1,2}期)$")
_DOUBLED_RE = re.compile(r"^(?P<x>.{2,10})(?P=x)$")  # "中国甘肃网微信中国甘肃网微信": icon label + alt text

_EXACT_DEBRIS = frozenset(
    {
        "APP下载",
        "App下载",
        "分享",
        "分享到",
        "收藏",
        "打印",
        "关闭",
        "返回顶部",
        "返回首页",
        "微信",
        "微博",
        "QQ空间",
        "QQ",
        "上一篇",
        "下一篇",
        "【打印】",
        "【关闭】",
        "【纠错】",
    }
)
# Headings after which a page only lists links to other articles.
TAIL_MARKERS = frozenset(
    {
        "猜你喜欢",
        "相关新闻",
        "相关阅读",
        "相关文章",
        "延伸阅读",
        "推荐阅读",
        "热点推荐",
        "相关链接",
        "更多阅读",
        "热门文章",
    }
)

SHORT = 60  # debris lines are short; prose lines are not


@dataclass
class Cleaned:
    """Cleaned text plus what was learnt from the dropped lines (author, date, source, keywords ...)."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


def _is_link_list(lines: list[str]) -> bool:
    """After a tail marker: only short title-like lines (no sentence punctuation), or nothing."""
    rest = [ln for ln in lines if ln]
    if not rest:
        return True
    prose = [ln for ln in rest if len(ln) > SHORT or ln.endswith(("。", "！", "？"))]
    return len(prose) <= len(rest) // 5


def _iso(m: re.Match[str]) -> str:
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def _classify(line: str, meta: dict[str, Any]) -> bool:
    """True when ``line`` is debris; records what it tells about the document in ``meta``."""
    if line in _EXACT_DEBRIS or _CIRCLED_ONLY_RE.match(line) or _SHARE_RE.match(line):
        return True
    if len(line) <= 200 and _PAGER_RE.match(line):
        return True
    if _BREADCRUMB_RE.match(line) or _LOCATION_RE.match(line):
        return True
    if len(line) <= 200 and _COPYRIGHT_RE.search(line):
        return True
    if len(line) > SHORT + 40:
        return False  # everything below only ever matches short lines
    if m := _BYLINE_RE.match(line):
        meta.setdefault("author", m.group(2))
        return True
    if _EDITOR_RE.match(line):
        return True
    if _META_WORDS_RE.search(line):
        if d := _ISO_DATE_RE.search(line):
            meta.setdefault("date", _iso(d))
        return True
    if _LEADING_DATE_RE.match(line) and len(line) <= SHORT:
        d = _ISO_DATE_RE.match(line)
        if d:
            meta.setdefault("date", _iso(d))
        if s := _SOURCE_RE.search(line):
            meta.setdefault("source", s.group(1))
        return True
    if m := _KEYWORDS_RE.match(line):
        meta.setdefault("keywords", m.group(2).strip())
        return True
    if len(line) > SHORT:
        return False
    if _CAPTION_RE.match(line) or _PHOTO_CREDIT_RE.match(line):
        return True
    if m := _ISSUE_RE.match(line):
        meta.setdefault("journal", f"{m.group('journal')} {m.group('issue')}".strip())
        return True
    if m := _AFFILIATION_BYLINE_RE.match(line):
        meta.setdefault("bylines", []).append(re.sub(r"\s+", " ", line))
        return True
    return bool(_LATIN_ONLY_RE.match(line) or _DOUBLED_RE.match(line))


def clean_web_text(text: str) -> Cleaned:
    """Drop boilerplate lines and trailing link lists; keep content lines verbatim (edges trimmed).

    Paragraph breaks survive as single blank lines; runs of blank lines collapse.
    """
    lines = [ln.strip(_EDGE_WS) for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    meta: dict[str, Any] = {}
    dropped: list[str] = []
    kept: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        if line in TAIL_MARKERS and _is_link_list(lines[i + 1 :]):
            dropped.extend(ln for ln in lines[i:] if ln)
            break
        if _classify(line, meta):
            dropped.append(line)
        else:
            kept.append(line)
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return Cleaned(text=out, metadata=meta, dropped=dropped)
