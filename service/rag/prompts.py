"""Prompts are versioned files in ``prompts/``: ``<name>.v<version>.md`` with front matter.

Front matter (between ``---`` lines) declares ``name``, ``version`` and ``inputs``; the body holds a
``### system`` and a ``### user`` section rendered with Jinja2 and ``StrictUndefined``, so a missing
input is an error instead of an empty string in the prompt. ``prompt_versions`` lets reports and
answers record exactly which prompt produced them.

Data in prompts (passages: title, locator, text; the question) goes through ``as_data`` / ``passage``,
the one place that keeps it from closing or forging the ``<<<段落 n 开始>>>`` … ``<<<段落 n 结束>>>``
delimiters the prompts put around it: runs of two or more angle brackets (ASCII, fullwidth, small or
CJK forms) are removed from every field, and titles and locators are kept to one line. Before, only the
passage text was cleaned, so a document title could end the data block (issue 13, item 7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template

from service.errors import ConfigError

_FILE_RE = re.compile(r"^(?P<name>[\w-]+)\.v(?P<version>\d+)\.md$")
# two or more opening or closing angle brackets of any width: the delimiters need three
_DELIMITER_RUN_RE = re.compile(r"[<＜﹤〈《‹«]{2,}|[>＞﹥〉》›»]{2,}")
_LINE_BREAK_RE = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def as_data(text: str, *, one_line: bool = False) -> str:
    """``text`` made safe to place between prompt delimiters (see the module docstring)."""
    previous = None
    while previous != text:  # removing one run can join two brackets into a new run
        previous, text = text, _DELIMITER_RUN_RE.sub("", text)
    if one_line:
        text = _LINE_BREAK_RE.sub(" ", text).strip()
    return text


def passage(n: int, title: str, locator: str | None, text: str) -> dict[str, Any]:
    """One numbered passage for a prompt template, every field passed through ``as_data``."""
    return {
        "n": n,
        "title": as_data(title, one_line=True),
        "locator": as_data(locator or "", one_line=True),
        "text": as_data(text),
    }


_SECTION_RE = re.compile(r"^###\s*(system|user)\s*$", re.M)


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    inputs: tuple[str, ...]
    system: Template
    user: Template
    path: Path

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"

    def render(self, **values: Any) -> list[dict[str, str]]:
        """Chat messages for these inputs; exactly the declared inputs must be given."""
        missing = set(self.inputs) - set(values)
        extra = set(values) - set(self.inputs)
        if missing or extra:
            raise ConfigError(
                f"提示词 {self.id} 的输入不匹配：缺少 {sorted(missing)}，多余 {sorted(extra)}。"
            )
        return [
            {"role": "system", "content": self.system.render(**values).strip()},
            {"role": "user", "content": self.user.render(**values).strip()},
        ]


def _front_matter(text: str, path: Path) -> tuple[dict[str, str], str]:
    if not text.startswith("---"):
        raise ConfigError(f"提示词文件缺少头信息：{path.name}")
    _, head, body = text.split("---", 2)
    meta: dict[str, str] = {}
    for line in head.strip().splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip()
    return meta, body


def _parse(path: Path) -> Prompt:
    meta, body = _front_matter(path.read_text(encoding="utf-8"), path)
    inputs = tuple(i.strip() for i in meta.get("inputs", "").strip("[]").split(",") if i.strip())
    pieces = _SECTION_RE.split(body)
    sections = {pieces[i]: pieces[i + 1] for i in range(1, len(pieces) - 1, 2)}
    if "system" not in sections or "user" not in sections:
        raise ConfigError(f"提示词文件需要 ### system 和 ### user 两部分：{path.name}")
    env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    m = _FILE_RE.match(path.name)
    name = meta.get("name") or (m.group("name") if m else path.stem)
    version = meta.get("version") or (m.group("version") if m else "0")
    return Prompt(
        name,
        str(version),
        inputs,
        env.from_string(sections["system"]),
        env.from_string(sections["user"]),
        path,
    )


def _candidates(prompts_dir: Path, name: str) -> list[tuple[int, Path]]:
    out = []
    for p in prompts_dir.glob(f"{name}.v*.md"):
        m = _FILE_RE.match(p.name)
        if m and m.group("name") == name:
            out.append((int(m.group("version")), p))
    return sorted(out)


@lru_cache(maxsize=64)
def _load(path: Path, mtime: float) -> Prompt:
    return _parse(path)


def load_prompt(name: str, prompts_dir: Path, version: int | None = None) -> Prompt:
    """The prompt ``name`` at ``version`` (default: the highest version present)."""
    found = _candidates(prompts_dir, name)
    if version is not None:
        found = [(v, p) for v, p in found if v == version]
    if not found:
        raise ConfigError(f"找不到提示词 {name}（目录 {prompts_dir}）。")
    path = found[-1][1]
    return _load(path, path.stat().st_mtime)


def prompt_versions(prompts_dir: Path) -> dict[str, str]:
    """``{name: latest version}`` of every prompt in the directory."""
    versions: dict[str, str] = {}
    for p in sorted(prompts_dir.glob("*.v*.md")):
        m = _FILE_RE.match(p.name)
        if m:
            prompt = load_prompt(m.group("name"), prompts_dir)
            versions[prompt.name] = prompt.version
    return versions
