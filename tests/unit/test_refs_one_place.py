"""Article-reference patterns live only in ``service/text/refs.py`` (issue 10: "grep finds 第…条 patterns
only in the refs module").

A second regex for 第X条 is how "第一百零五条呢" once failed where "第105条呢" worked: its numeral set
lacked 百 and 零. This test reads every module of ``service/`` and fails on a regular expression outside
refs that spells a reference itself: 第 followed by a numeral (第([一二三]+)条, 第{NUMERAL}款, 倒数第一项,
第([一二三]+)，) or an inserted-article suffix (之[一二三]+). Page numbers (第\\d+页) are not references.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

from service.config import REPO_ROOT

SERVICE = REPO_ROOT / "service"
REFS = SERVICE / "text" / "refs.py"

_NUMERAL_START = re.compile(r"(?:\\s[*+?]?|\s)*(?:\[|\(|\{|\\d|[零〇○一二两兩三四五六七八九十百千0-9０-９])")
_SUB_START = re.compile(r"之(?:\[|\(|\{|[一二三四五六七八九十])")
_UNITS = "条條款项項章节節编編点個个"
_RE_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def spells_reference(pattern: str) -> bool:
    """Whether a regex source (f-string placeholders left as ``{name}``) spells a 第X… reference itself.

    Characters inside a character class (``(?<![第\\d])``) are not a reference; neither is a page number.
    """
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "第" and _NUMERAL_START.match(pattern, i + 1):
            tail = pattern[i + 1 : i + 40]
            page = "页" in tail and not any(u in tail[: tail.index("页")] for u in _UNITS)
            if not page:
                return True
        elif ch == "之" and _SUB_START.match(pattern, i) and pattern[i - 1 : i] != "分":  # 三分之二
            return True
        i += 1
    return False


def _regex_literals(path: Path) -> list[tuple[int, str]]:
    """Raw string literals (the project writes regexes as r"…"/rf"…") and any literal passed to ``re.*``."""
    source = path.read_text(encoding="utf-8")
    found: list[tuple[int, str]] = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING:
            continue
        prefix = re.match(r"[A-Za-z]*", tok.string)
        if prefix and "r" in prefix.group(0).lower():
            found.append((tok.start[0], tok.string))
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _RE_FUNCS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
        ):
            segment = ast.get_source_segment(source, node.args[0])
            if segment:
                found.append((node.lineno, segment))
    return sorted(set(found))


def test_detector_flags_the_patterns_that_were_moved_into_refs() -> None:
    # the shapes of the copies this issue removed, and what is not a reference
    assert spells_reference(r'rf"第({NUMERAL})[点项項个個款]"')
    assert spells_reference(r'r"最后(?:一)?[点项个款条]|倒数第一[点项个款条]"')
    assert spells_reference(r'r"^第([一二三四五六七八九十]+)[，,、]"')
    assert spells_reference(r'rf"^(的|规定|第{NUMERAL}[款项目]|[、，,])"')
    assert spells_reference(r'r"之[一二三四五六七八九十]+$"')
    assert spells_reference(r'r"第\s*(\d+)\s*[条條]"')
    assert not spells_reference(r'r"^第\s*\d{1,4}\s*页\s*[,，/]?"')  # a page number
    assert not spells_reference(r'rf"(?<![第\d{_CN_NUM}.])({_NUM})"')  # 第 in a class: "not an ordinal"
    assert not spells_reference(r'rf"^{_FILLER}({POINT_PATTERN})"')  # composed from refs' own source
    assert not spells_reference(r'r"还有|其他|这|那|它|第"')
    assert not spells_reference(r'rf"({_NUM}(?:分之{_NUM})?)"')  # a fraction, 三分之二


def test_refs_holds_the_reference_patterns() -> None:
    assert sum(spells_reference(lit) for _, lit in _regex_literals(REFS)) >= 5


def test_no_reference_pattern_outside_refs() -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{line}: {literal}"
        for path in sorted(SERVICE.rglob("*.py"))
        if path != REFS
        for line, literal in _regex_literals(path)
        if spells_reference(literal)
    ]
    assert offenders == [], "第X条/之X patterns belong in service/text/refs.py:\n" + "\n".join(offenders)
