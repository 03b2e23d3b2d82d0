"""Every error code the service can answer with is in docs/api.md's table, with its status (issue 13).

The spec is walked for the error shape every operation declares; the codes come from every ``StudyError``
subclass in the package (imported module by module, so an area added later is covered) plus the HTTP
layer's own fallbacks.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from fastapi.testclient import TestClient

import service
from service.api.app import create_app
from service.config import REPO_ROOT, Settings
from service.errors import StudyError

HTTP_LAYER_CODES = {("http_error", 400)}


def _documented() -> dict[str, set[int]]:
    text = (REPO_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    section = text.split("## Errors", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[int]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].isdigit():
            continue
        for code in re.findall(r"`([a-z_]+)`", cells[1]):
            table.setdefault(code, set()).add(int(cells[0]))
    return table


def _all_error_classes() -> set[type[StudyError]]:
    for module in pkgutil.walk_packages(service.__path__, "service."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: set[type[StudyError]] = {StudyError}
    todo = [StudyError]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_every_error_code_is_in_the_docs_table() -> None:
    table = _documented()
    codes = {(cls.code, cls.status) for cls in _all_error_classes()} | HTTP_LAYER_CODES
    missing = sorted(f"{status} {code}" for code, status in codes if status not in table.get(code, set()))
    assert missing == []


def test_every_operation_declares_the_error_shape(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    spec = TestClient(create_app(settings)).get("/openapi.json").json()
    operations = [(m, p, op) for p, ops in spec["paths"].items() for m, op in ops.items()]
    assert len(operations) >= 10
    for method, path, op in operations:
        for status in ("4XX", "5XX"):
            ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorBody"), (method, path, status)
    detail = spec["components"]["schemas"]["ErrorDetail"]["properties"]
    assert set(detail) == {"code", "message", "status"}


def test_docs_served_without_a_cdn(tmp_path: Path) -> None:
    """Issue 13, item 10: /docs and /redoc load their assets from this server (intranets have no internet)."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", embedding_backend="hash")  # type: ignore[call-arg]
    c = TestClient(create_app(settings))
    for page in ("/docs", "/redoc"):
        html = c.get(page).text
        assets = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
        assert assets, page
        for url in assets:
            assert not url.startswith(("http:", "https:", "//")), (page, url)
            assert c.get(url).status_code == 200, (page, url)
        assert "cdn.jsdelivr" not in html and "fonts.googleapis" not in html
