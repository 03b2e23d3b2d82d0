"""Hostile and strict host pages in real headless Chromium against the real API (uvicorn in a subprocess).

1. DNS rebinding (issue 13, item 1): a page on ``http://evil.example:PORT`` whose name the attacker re-points
   at 127.0.0.1 is same-origin with the API. Chromium resolves the name to loopback
   (``--host-resolver-rules``) and the page tries to mint an admin key in the default no-key mode; the
   Host allow-list must refuse it.
2. A host page whose CSP says ``style-src 'self'`` (common on government CMSs; issue 13, item 10) must show a
   styled, usable widget: the widget adopts a constructable stylesheet instead of an inline ``<style>``.

The server uses the ``hash`` embedder: what is checked here is the HTTP and browser behaviour, not answers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from live_server import PageServer, api_server

from service.config import Settings
from service.ingest.corpus import corpus_file

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

CHROMIUM = os.environ.get("STUDY_TEST_CHROMIUM", "/usr/bin/chromium")
BASE_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
CONSTITUTION = corpus_file("regulations/中国共产党章程_2017_zh.md")
EVIL = "evil.example"
WIDGET_HOST = "[data-party-study-widget]"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    """(base URL, port, data dir) of ``uvicorn service.api.app:create_app`` over the shipped 党章 (no keys)."""
    from service.backends.embedders import get_embedder
    from service.ingest.pipeline import ingest

    work = tmp_path_factory.mktemp("hostile")
    data_dir = work / "data"
    settings = Settings(_env_file=None, data_dir=data_dir, embedding_backend="hash")  # type: ignore[call-arg]
    report = ingest([CONSTITUTION], settings, get_embedder("hash", ""), progress=False)
    assert not report.failures, report.failures
    env = {
        "STUDY_DATA_DIR": str(data_dir),
        "STUDY_EMBEDDING_BACKEND": "hash",
        "STUDY_RATE_LIMIT_PER_MINUTE": "0",
        "STUDY_CORS_ORIGINS": "*",
    }
    with api_server(work, env) as (base, _log):
        port = urlsplit(base).port
        assert port is not None
        yield base, port, data_dir


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (Debian's chromium package)")
    with sync_playwright() as p:
        yield p


ATTACK = """
async () => {
  const resp = await fetch('/v1/admin/keys', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({name: 'pwned', role: 'admin'}),
  });
  return {status: resp.status, body: await resp.text()};
}
"""


def test_dns_rebinding_page_cannot_become_local_admin(
    api: tuple[str, int, Path], playwright_instance: Any
) -> None:
    _, port, data_dir = api
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=[*BASE_ARGS, f"--host-resolver-rules=MAP {EVIL} 127.0.0.1"]
    )
    try:
        page = browser.new_page()
        # After the rebinding the attacker's name resolves to 127.0.0.1, so the document of origin
        # http://evil.example:PORT comes from loopback (Chromium's private-network checks do not apply)
        # and the attacker's script in it calls the API same-origin.
        page.goto(f"http://{EVIL}:{port}/")
        result = page.evaluate(ATTACK)
    finally:
        browser.close()
    assert result["status"] == 400, result
    assert '"host_not_allowed"' in result["body"]
    from service.store.db import Database
    from service.store.keys import KeyStore

    assert KeyStore(Database(data_dir / "app.db")).list() == []  # no admin key was minted


def test_widget_is_styled_and_usable_under_a_strict_csp(
    api: tuple[str, int, Path], playwright_instance: Any
) -> None:
    base, _, _ = api
    # the CSP docs/widget.md tells a host to send: scripts and API calls to the assistant, styles 'self'
    csp = f"default-src 'self'; script-src 'self' {base}; connect-src 'self' {base}; style-src 'self'"
    page_html = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>严格 CSP 的党建网站</title></head>'
        f'<body><h1>严格 CSP 的党建网站</h1><script src="{base}/widget.js" data-api="{base}" defer></script>'
        "</body></html>"
    )
    site = PageServer(page_html, {"Content-Security-Policy": csp})
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=BASE_ARGS)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        violations: list[str] = []
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
        )
        page.goto(site.origin + "/")
        page.locator(WIDGET_HOST).wait_for(state="attached")
        launcher = page.locator(WIDGET_HOST).evaluate(
            "h => { const s = getComputedStyle(h.shadowRoot.querySelector('.launcher'));"
            " return {position: s.position, width: s.width, background: s.backgroundColor}; }"
        )
        assert launcher == {"position": "fixed", "width": "60px", "background": "rgb(181, 18, 27)"}
        page.get_by_role("button", name="打开党建学习助手").click()
        dialog = page.get_by_role("dialog", name="党建学习助手")
        dialog.wait_for()
        panel = page.locator(WIDGET_HOST).evaluate(
            "h => getComputedStyle(h.shadowRoot.querySelector('[role=dialog]')).position"
        )
        assert panel == "fixed"
        page.get_by_role("textbox", name="输入问题").fill("党章第三十二条是怎么规定的？")
        page.keyboard.press("Enter")
        answer = page.locator(".msg.bot").last
        answer.locator(".actions").wait_for(timeout=60_000)
        assert "第三十二条" in answer.inner_text()
        assert violations == []
    finally:
        browser.close()
        site.close()
