"""HTML to article text: the page's main content found by trafilatura, read whole, furniture and hidden text out.

Why not trafilatura's text alone: measured on ``shared/cases/16-html-nested-boilerplate`` (and in
``tests/unit/test_html.py``), trafilatura 2.3 finds the article but drops the knowledge box in the
article's ``<aside>`` and keeps "上一篇：…　下一篇：…" and 【打印本页】; readability-lxml 0.9 drops the
编者按 lead in the article's ``<header>`` and the aside too. Both are good at *where* the article is. So:

1. **Invisible elements go first** (``remove_invisible``): ``hidden``, ``aria-hidden="true"``, inline
   ``display:none``/``visibility:hidden``, classes and ids hidden by the page's own ``<style>`` rules,
   ``<template>``, scripts and styles. Nothing a reader cannot see reaches the index (the security
   helper relies on this against instructions hidden in pages).
2. **The article scope**: trafilatura extracts the main text; the deepest element holding at least
   ``SCOPE_SHARE`` of that text is the body, widened to its enclosing ``<article>`` when there is one
   (so the article's own header lead and asides are kept, the page's header, sidebars and footer not).
   Without an ``<article>``, the scope widens to take in the page's ``<h1>`` (and a lead beside it) when
   that adds little (``WIDEN_MAX``).
3. **Furniture inside the scope** is dropped by element (``nav``, forms, buttons, classes/ids naming
   share/print/pager/related … widgets), by pagination text (上一篇/下一篇) and by link density (a block
   that is mostly the text of several links); the remaining text
   goes through ``clean.clean_web_text`` line rules, which also move 来源/发布时间 into metadata.
4. **Last resort**: when trafilatura finds nothing (a page of fragments), the whole visible body is used
   with the element and line rules only.

The title is the scope's ``<h1>`` (or ``<h2>``), else the page heading that the ``<title>`` names (not
a logo ``<h1>``), else the ``<title>`` without its site suffix ("…-青岚党建网").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from service.ingest.encoding import decode_bytes

SCOPE_SHARE = 0.8  # share of the extracted main text the chosen scope element must hold
MAX_WIDGET_SHARE = 0.5  # an element with more of the scope's text than this is content, not a widget
WIDEN_MAX = 1.6  # the scope may grow to take in the <h1> while its text grows by at most this factor
LINK_DENSITY = 0.7  # a block whose text is mostly link text (2 links at least) is a link list
_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed", "head"}
)
_FURNITURE_TAGS = frozenset({"nav", "form", "button", "select", "input", "textarea", "menu", "dialog"})
# Class/id words of page widgets: distinctive ones anywhere in a token (bdshare, sharebox), short or
# common ones only as a whole word part (page-turn, side-bar, hot_list).
_FURNITURE_ATTR_RE = re.compile(
    r"(share|print|pager|pagination|breadcrumb|crumb|qrcode|toolbar|recommend|related|comment|copyright|"
    r"friendlink|advert|login|weixin|wechat)"
    r"|(^|[\s_-])(pages?|paging|turn|prev|next|pre-next|tools?|side|sidebar|hot|rank|ranking|ads?|nav|navbar|"
    r"menu|banner|topbar|top-bar|site-top|search|footer|foot|position|location|ewm|logo)($|[\s_-])",
    re.IGNORECASE,
)
_PAGINATION_RE = re.compile(r"^(上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]")
_HIDDEN_STYLE_RE = re.compile(
    r"(display\s*:\s*none|visibility\s*:\s*hidden|(?<![-\w])opacity\s*:\s*0(\.0+)?\s*(;|$|!)"
    r"|font-size\s*:\s*0(px|pt|em|rem|%)?\s*(;|$|!)|(?<![-\w])(left|top|text-indent)\s*:\s*-\d{3,}(\.\d+)?(px|em|rem))",
    re.IGNORECASE,
)
_CSS_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR_RE = re.compile(r"^([a-z][a-z0-9]*)?([.#])([\w-]+)$", re.IGNORECASE)
_HIDDEN_CLASSES = frozenset({"hidden", "hide", "d-none", "sr-only", "visually-hidden", "invisible"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "aside", "header", "footer", "main", "li", "tr", "h1", "h2", "h3",
        "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "dd", "dt", "td", "th", "figure",
        "figcaption", "address", "center", "hr",
    }
)  # fmt: skip
_TITLE_SPLIT_RE = re.compile(r"\s*(?:[-_|｜—–]+|——)\s*")


@dataclass
class HtmlText:
    """Article text (one block per line), its title, and what was removed (kind → count)."""

    text: str
    title: str | None
    removed: Counter[str] = field(default_factory=Counter)
    method: str = "main_content"  # "main_content" (trafilatura scope) or "whole_page" (last resort)


def _html_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii").lower() if m else None


def decode_html(data: bytes) -> str:
    """The page's markup, decoded by its declared charset (GB2312/GBK read as GB18030) or detected."""
    declared = _html_charset(data)
    if declared:
        try:
            return data.decode("gb18030" if declared in {"gb2312", "gbk"} else declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def _classes(el: Any) -> set[str]:
    return set(str(el.get("class") or "").split())


def _hidden_selectors(root: Any) -> tuple[set[str], set[str]]:
    """Classes and ids that the page's own ``<style>`` blocks hide (simple selectors only)."""
    classes: set[str] = set()
    ids: set[str] = set()
    for style in root.iter("style"):
        css = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.DOTALL)
        for selectors, body in _CSS_RULE_RE.findall(css):
            if not _HIDDEN_STYLE_RE.search(body):
                continue
            for sel in selectors.split(","):
                m = _SIMPLE_SELECTOR_RE.match(sel.strip())
                if m:
                    (classes if m.group(2) == "." else ids).add(m.group(3))
    return classes, ids


def _drop(el: Any) -> None:
    """Remove ``el`` but keep its tail text (the text after it belongs to its parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def remove_invisible(root: Any) -> int:
    """Remove elements a reader cannot see; returns how many hidden elements were removed.

    Scripts, styles and templates are removed too but not counted (they are never text).
    """
    hidden_classes, hidden_ids = _hidden_selectors(root)
    hidden_classes |= _HIDDEN_CLASSES
    count = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS:
            _drop(el)
            continue
        style = str(el.get("style") or "")
        invisible = (
            el.get("hidden") is not None
            or str(el.get("aria-hidden") or "").lower() == "true"
            or (tag == "input" and str(el.get("type") or "").lower() == "hidden")
            or bool(style and _HIDDEN_STYLE_RE.search(style))
            or bool(_classes(el) & hidden_classes)
            or str(el.get("id") or "") in hidden_ids
        )
        if invisible:
            _drop(el)
            count += 1
    return count


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _main_scope(root: Any, page_title: str) -> Any | None:
    """The element holding the main content that trafilatura finds (see the module docstring)."""
    import trafilatura
    from lxml import html as lxml_html

    extracted = trafilatura.extract(
        lxml_html.tostring(root, encoding="unicode"),
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        output_format="txt",
        with_metadata=False,
    )
    lines = [_norm(ln) for ln in (extracted or "").split("\n")]
    lines = [ln for ln in lines if len(ln) >= 4]
    if not lines:
        return None
    total = sum(len(ln) for ln in lines)
    best: Any | None = None
    # Deepest element whose text holds at least SCOPE_SHARE of the extracted characters.
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        text = _norm(el.text_content())
        if len(text) < total * SCOPE_SHARE:
            continue
        held = sum(len(ln) for ln in lines if ln in text)
        if held >= total * SCOPE_SHARE and (best is None or _depth(el) > _depth(best)):
            best = el
    if best is None:
        return None
    for anc in [best, *best.iterancestors()]:
        if isinstance(anc.tag, str) and (anc.tag.lower() == "article" or anc.get("role") == "article"):
            return anc
    # No <article>: the title and lead often sit beside the body; widen to the element holding the
    # article's heading too, unless that pulls in much more than the body (a column of other things).
    h1 = _title_heading(best, root, page_title)
    if h1 is not None and not any(a is best for a in h1.iterancestors()):
        best_ancestors = list(best.iterancestors())  # kept alive: lxml proxies compare by identity
        common = next((a for a in h1.iterancestors() if any(a is b for b in best_ancestors)), None)
        if (
            common is not None
            and common.tag not in {"body", "html"}
            and len(_norm(common.text_content())) <= WIDEN_MAX * len(_norm(best.text_content()))
        ):
            return common
    return best


def _depth(el: Any) -> int:
    return sum(1 for _ in el.iterancestors())


def _remove_furniture(scope: Any) -> int:
    """Drop navigation/share/pager widgets and pagination blocks under ``scope``; returns the count.

    An element holding more than ``MAX_WIDGET_SHARE`` of the scope's text is never a widget, whatever
    its class says (``<div class="page-content">`` wraps the article).
    """
    count = 0
    limit = len(_norm(scope.text_content())) * MAX_WIDGET_SHARE
    for el in list(scope.iter()):
        if el is scope or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        tag = el.tag.lower()
        attrs = " ".join([*sorted(_classes(el)), str(el.get("id") or "")])
        text = el.text_content().strip()
        if len(_norm(text)) > limit:
            continue
        if (
            tag in _FURNITURE_TAGS
            or (attrs.strip() and _FURNITURE_ATTR_RE.search(attrs) and tag not in {"article", "main", "body"})
            or (tag in _BLOCK_TAGS and _PAGINATION_RE.match(text) and len(text) < 200)
            or (tag in _BLOCK_TAGS and _is_link_list(el))
        ):
            _drop(el)
            count += 1
    return count


def _is_link_list(el: Any) -> bool:
    """A block whose text is mostly the text of two or more links (related articles, rankings)."""
    links = list(el.iter("a"))
    if len(links) < 2:
        return False
    total = len(_norm(el.text_content()))
    linked = sum(len(_norm(a.text_content())) for a in links)
    return total > 0 and linked / total >= LINK_DENSITY


def _text_of(el: Any) -> str:
    """Text of ``el`` with a line break at every block boundary and ``<br>``."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if tag == "br":
            parts.append("\n")
        if block:
            parts.append("\n")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(el)
    return "".join(parts)


def _heading_text(el: Any) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _title_heading(scope: Any | None, root: Any, page_title: str) -> Any | None:
    """The article's heading element: an ``<h1>`` (else ``<h2>``) inside ``scope``; else, on the page, the
    longest ``<h1>``/``<h2>`` whose text the ``<title>`` contains (so a logo ``<h1>`` holding the site
    name loses to the article's heading); else the page's first ``<h1>``."""
    if scope is not None:
        for tag in ("h1", "h2"):
            found = next((h for h in scope.iter(tag) if _heading_text(h)), None)
            if found is not None:
                return found
    key = _norm(page_title)
    named = [h for h in root.iter("h1", "h2") if _heading_text(h) and _norm(h.text_content()) in key]
    if named:
        return max(named, key=lambda h: len(_norm(h.text_content())))
    return next((h for h in root.iter("h1") if _heading_text(h)), None)


def _title(scope: Any | None, root: Any, page_title: str) -> str | None:
    """The title: ``_title_heading``'s text, else the ``<title>`` without its site suffix."""
    heading = _title_heading(scope, root, page_title)
    if heading is not None:
        return _heading_text(heading)
    if page_title.strip():
        parts = [p for p in _TITLE_SPLIT_RE.split(page_title.strip()) if p]
        return max(parts[:-1], key=len) if len(parts) > 1 else parts[0]
    return None


def html_to_text(data: bytes) -> HtmlText:
    """Visible main-article text of an HTML page, one block per line, and its title (see module doc)."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    markup = decode_html(data)
    try:
        root = lxml_html.document_fromstring(markup)
    except (ParserError, ValueError):
        return HtmlText(text="", title=None)
    removed: Counter[str] = Counter()
    title_el = root.find(".//title")
    page_title = title_el.text_content() if title_el is not None else ""  # read before <head> goes
    hidden = remove_invisible(root)
    if hidden:
        removed["hidden_elements"] = hidden
    scope = _main_scope(root, page_title)
    method = "main_content"
    body = root.find("body")
    if scope is None:
        scope = body if body is not None else root
        method = "whole_page"
    title = _title(scope if method == "main_content" else None, root, page_title) or None
    outside = len([ln for ln in _text_of(body if body is not None else root).split("\n") if ln.strip()])
    inside_before = len([ln for ln in _text_of(scope).split("\n") if ln.strip()])
    if method == "main_content":
        removed["site_furniture_lines"] = max(outside - inside_before, 0)
    widgets = _remove_furniture(scope)
    if widgets:
        removed["furniture_elements"] = widgets
    return HtmlText(text=_text_of(scope), title=title, removed=+removed, method=method)
