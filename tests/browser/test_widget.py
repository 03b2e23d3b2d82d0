"""The members' chat widget in real headless Chromium against the real API (uvicorn in a subprocess).

What a member does: open the demo branch page, open the widget, ask a question the shipped 党章 answers,
watch the answer stream in, open a citation and read the verbatim quote, send feedback, reload and find the
conversation again, on a desktop and on a 360 px phone. Screenshots land in tests/browser/screenshots/
(gitignored) for a human to look at. The second test proves the origin policy in a real browser: a page on
an allowed origin can call the API, a page on any other origin cannot.

Uses Debian's chromium (``make browser-deps``), never a Playwright browser download.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from live_server import CHROMIUM, CHROMIUM_ARGS, PageServer, api_server, free_port

from service.config import REPO_ROOT, Settings
from service.ingest.corpus import corpus_file

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

CONSTITUTION = corpus_file("regulations/中国共产党章程_2017_zh.md")
SHARED_EMBED_CACHE = REPO_ROOT / ".cache" / "test-embeddings"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
QUESTION = "党章第三十二条是怎么规定的？"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
WIDGET_HOST = "[data-party-study-widget]"


def _host_page(api: str, title: str, key: str | None = None) -> str:
    key_attr = f' data-key="{key}"' if key else ""
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1>"
        f'<script src="{api}/widget.js" data-api="{api}"{key_attr} defer></script></body></html>'
    )


@dataclass
class LiveApi:
    base: str
    data_dir: Path
    allowed_site: PageServer
    other_site: PageServer


@pytest.fixture(scope="module")
def live_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The real app over a temp data dir holding the shipped 党章, with the default (real) embedder."""
    from service.backends.embedders import get_embedder
    from service.ingest.pipeline import ingest

    assert CONSTITUTION.is_file(), f"shipped knowledge is missing {CONSTITUTION}"
    work = tmp_path_factory.mktemp("widget-live")
    data_dir = work / "data"
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=data_dir, embedding_cache_dir=SHARED_EMBED_CACHE
    )
    embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    report = ingest([CONSTITUTION], settings, embedder, progress=False)
    assert not report.failures, report.failures

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    allowed_site = PageServer(_host_page(base, "允许的党支部网站"))
    other_site = PageServer(_host_page(base, "未授权的网站"))
    env = {
        "STUDY_DATA_DIR": str(data_dir),
        "STUDY_EMBEDDING_CACHE_DIR": str(SHARED_EMBED_CACHE),
        "STUDY_CORS_ORIGINS": allowed_site.origin,
        "STUDY_RATE_LIMIT_PER_MINUTE": "0",
    }
    try:
        # cwd=work inside api_server: a developer's .env in the repository must not change what is served
        with api_server(work, env, port=port) as (served, _log):
            yield LiveApi(base=served, data_dir=data_dir, allowed_site=allowed_site, other_site=other_site)
    finally:
        allowed_site.close()
        other_site.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (Debian's chromium package)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Counts renders of the streaming bubble that already show text while the answer is still in flight
# (aria-busy=true): proof that the answer arrived in pieces and was shown as it came.
WATCH_STREAMING = """
(hostSelector) => {
  const log = document.querySelector(hostSelector).shadowRoot.querySelector('.log');
  window.__partialRenders = 0;
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1 && n.matches('.msg.bot[aria-busy="true"]') &&
          n.querySelector('.body').textContent.trim()) window.__partialRenders += 1;
    }
  }).observe(log, {childList: true});
}
"""


def _open_widget(page: Any) -> None:
    page.get_by_role("button", name="打开党建学习助手").click()
    dialog = page.get_by_role("dialog", name="党建学习助手")
    dialog.wait_for()
    page.get_by_role("textbox", name="输入问题").wait_for()


def test_member_asks_reads_sources_gives_feedback_and_finds_the_conversation_again(
    live_api: LiveApi, browser: Any
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    source_text = CONSTITUTION.read_text(encoding="utf-8")
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda e: js_errors.append(str(e)))
    page.goto(live_api.base + "/")

    # Isolation both ways: the host's `button {background:#222}` does not reach the widget's launcher,
    # and the widget's CSS does not restyle the host's own button.
    host_bg = page.locator("article button").evaluate("b => getComputedStyle(b).backgroundColor")
    assert host_bg == "rgb(34, 34, 34)"
    launcher_bg = page.locator(WIDGET_HOST).evaluate(
        "h => getComputedStyle(h.shadowRoot.querySelector('.launcher')).backgroundColor"
    )
    assert launcher_bg != host_bg

    _open_widget(page)
    assert page.get_by_role("textbox", name="输入问题").evaluate(
        "el => el.getRootNode().activeElement === el"
    ), "opening the panel moves focus to the question box"
    # suggested questions on an empty conversation
    assert page.get_by_role("button", name="预备党员的预备期是多长时间？").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "desktop-1-empty.png"))

    page.evaluate(WATCH_STREAMING, WIDGET_HOST)
    page.get_by_role("textbox", name="输入问题").fill(QUESTION)
    with page.expect_response(lambda r: r.url.endswith("/v1/ask/stream")) as streamed:
        page.keyboard.press("Enter")
    assert streamed.value.status == 200
    assert streamed.value.headers["content-type"].startswith("text/event-stream")

    answer = page.locator(".msg.bot").last
    answer.locator(".actions").wait_for(timeout=60_000)  # actions appear once the `done` event arrived
    assert page.evaluate("window.__partialRenders") >= 1, "the answer was not rendered while streaming"
    assert "refused" not in (answer.get_attribute("class") or "")
    assert "战斗堡垒" in answer.locator(".body").inner_text()
    assert page.locator(".msg.user").last.inner_text() == QUESTION

    # citations: at least one footnote, one of them 第三十二条, each quote verbatim from the source
    sources = answer.get_by_role("list", name="引用来源").locator(".src")
    assert sources.count() >= 1
    assert any("第三十二条" in t for t in sources.all_inner_texts())
    footnote = answer.locator("button.cite").first
    assert footnote.get_attribute("aria-expanded") == "false"
    footnote.click()
    assert footnote.get_attribute("aria-expanded") == "true"
    quote = answer.locator(".quote:not([hidden])").first
    quote.wait_for()
    quote_title, quote_text = quote.inner_text().split("\n", 1)
    assert "章程" in quote_title
    lines = [line.strip() for line in quote_text.splitlines() if line.strip()]
    assert sum(len(line) for line in lines) > 10
    assert all(line in source_text for line in lines), "the quote shown is not verbatim source text"
    page.screenshot(path=str(SCREENSHOTS / "desktop-2-answer.png"))

    # feedback with a reason reaches the server and is stored
    answer.get_by_role("button", name="回答没有帮助").click()
    answer.get_by_label("答案不完整").check()
    page.get_by_role("textbox", name="补充说明（可选）").fill("希望列出全部基本任务")
    with page.expect_response(lambda r: r.url.endswith("/v1/feedback")) as sent:
        page.get_by_role("button", name="提交反馈").click()
    assert sent.value.status == 200
    answer.get_by_text("感谢您的反馈").wait_for()
    with sqlite3.connect(live_api.data_dir / "app.db") as db:
        rows = db.execute("SELECT rating, reason, comment FROM feedback").fetchall()
    assert ("down", "答案不完整", "希望列出全部基本任务") in rows
    page.screenshot(path=str(SCREENSHOTS / "desktop-3-feedback.png"))

    # Esc closes the panel and gives focus back to the launcher (keyboard users are not stranded)
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog", name="党建学习助手").is_hidden()
    assert page.locator(WIDGET_HOST).evaluate("h => h.shadowRoot.activeElement?.className") == "launcher"

    # reload: the conversation (with its sources and the given feedback) is still there
    page.reload()
    _open_widget(page)
    assert page.locator(".msg.user").first.inner_text() == QUESTION
    restored = page.locator(".msg.bot").last
    assert "战斗堡垒" in restored.locator(".body").inner_text()
    assert restored.locator("button.cite").count() >= 1
    assert restored.get_by_role("button", name="回答没有帮助").get_attribute("aria-pressed") == "true"
    assert not js_errors, js_errors

    # phone: same conversation (same localStorage), panel takes the whole 360 px screen
    phone = browser.new_context(viewport=PHONE, locale="zh-CN", storage_state=context.storage_state())
    context.close()
    ppage = phone.new_page()
    ppage.goto(live_api.base + "/")
    ppage.screenshot(path=str(SCREENSHOTS / "phone-0-closed.png"))
    _open_widget(ppage)
    box = ppage.get_by_role("dialog", name="党建学习助手").bounding_box()
    assert box is not None and box["width"] == PHONE["width"] and box["height"] == PHONE["height"]
    assert ppage.locator(".msg.user").first.inner_text() == QUESTION
    ppage.locator(".msg.bot button.cite").first.click()
    ppage.screenshot(path=str(SCREENSHOTS / "phone-1-conversation.png"))
    # a follow-up in the same conversation, then a question outside the knowledge base
    ppage.get_by_role("textbox", name="输入问题").fill("今天的天气预报怎么样？")
    ppage.keyboard.press("Enter")
    second = ppage.locator(".msg.bot").nth(1)
    second.locator(".actions").wait_for(timeout=60_000)
    # nothing in the 党章 covers the weather: the refusal is marked as such, with follow-up chips
    assert "refused" in (second.get_attribute("class") or "")
    assert second.locator(".badge").inner_text() == "知识库暂未覆盖"
    assert second.locator(".sugg .chip").count() >= 1
    ppage.screenshot(path=str(SCREENSHOTS / "phone-2-second-answer.png"))
    phone.close()


ASK_FROM_PAGE = """
async (api) => {
  try {
    const r = await fetch(api + '/v1/ask', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                            body: JSON.stringify({question: '预备党员的预备期是多长时间？'})});
    return {reached: true, status: r.status, body: await r.json()};
  } catch (e) {
    return {reached: false, error: String(e)};
  }
}
"""


def test_only_allowed_origins_can_call_the_api(live_api: LiveApi, browser: Any) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()

    page.goto(live_api.allowed_site.origin + "/")
    allowed = page.evaluate(ASK_FROM_PAGE, live_api.base)
    assert allowed["reached"] and allowed["status"] == 200, allowed
    assert allowed["body"]["citations"], allowed

    page.goto(live_api.other_site.origin + "/")
    refused = page.evaluate(ASK_FROM_PAGE, live_api.base)
    assert not refused["reached"], refused  # the browser blocks it: no CORS grant for this origin
    assert "Failed to fetch" in refused["error"]

    # the widget embedded on that page cannot reach the API either and says so in Chinese
    _open_widget(page)
    page.get_by_role("textbox", name="输入问题").fill(QUESTION)
    page.keyboard.press("Enter")
    error = page.locator(".msg.error")
    error.wait_for(timeout=30_000)
    assert "网络连接失败" in error.inner_text()
    assert page.locator(".msg.bot").count() == 0
    context.close()


def test_errors_are_explained_in_chinese_and_can_be_retried(live_api: LiveApi, browser: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(live_api.base + "/")
    _open_widget(page)
    textbox = page.get_by_role("textbox", name="输入问题")
    cases: list[tuple[Any, str]] = [
        (
            lambda route: route.fulfill(
                status=429,
                headers={"Retry-After": "30"},
                json={"error": {"code": "rate_limited", "message": "请求过于频繁。", "status": 429}},
            ),
            "请 30 秒后再试",
        ),
        (
            lambda route: route.fulfill(
                status=503,
                json={"error": {"code": "index_not_ready", "message": "知识库索引尚未就绪。", "status": 503}},
            ),
            "知识库索引尚未就绪",
        ),
        (lambda route: route.abort("internetdisconnected"), "网络连接失败"),
    ]
    for handler, expected in cases:
        page.route("**/v1/ask/stream", handler)
        textbox.fill(QUESTION)
        textbox.press("Enter")
        error = page.locator(".msg.error").last
        # Poll: right after Enter the last error on the page may still be the previous case's.
        expect(error).to_contain_text(expected, timeout=15_000)
        assert error.get_attribute("role") == "alert"
        page.unroute("**/v1/ask/stream")
    page.screenshot(path=str(SCREENSHOTS / "phone-3-errors.png"))

    # the last error's retry button asks the same question again, now successfully
    page.locator(".msg.error").last.get_by_role("button", name="重试").click()
    page.locator(".msg.bot .actions").last.wait_for(timeout=60_000)
    assert page.locator(".msg.error").count() == 2
    assert "战斗堡垒" in page.locator(".msg.bot .body").last.inner_text()
    context.close()


def test_widget_uses_the_public_member_key_when_keys_are_required(live_api: LiveApi, browser: Any) -> None:
    """Last in the module: once a key exists the server requires keys for every /v1/ call."""
    from service.store.db import Database
    from service.store.keys import KeyStore

    store = KeyStore(Database(live_api.data_dir / "app.db"))
    key, plaintext = store.create("支部网站挂件", "member", [live_api.allowed_site.origin])
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    try:
        # without data-key the API answers 401; its CORS headers let the widget read it and explain
        live_api.allowed_site.html = _host_page(live_api.base, "允许的党支部网站")
        page.goto(live_api.allowed_site.origin + "/")
        _open_widget(page)
        page.get_by_role("button", name="预备党员的预备期是多长时间？").click()
        error = page.locator(".msg.error")
        error.wait_for(timeout=30_000)
        assert "访问密钥" in error.inner_text()

        # with the member key in data-key it is sent as a Bearer token and the member gets an answer
        live_api.allowed_site.html = _host_page(live_api.base, "允许的党支部网站", key=plaintext)
        page.evaluate("localStorage.clear()")
        with page.expect_request(lambda r: r.url.endswith("/v1/ask/stream")) as asked:
            page.reload()
            _open_widget(page)
            page.get_by_role("button", name="预备党员的预备期是多长时间？").click()
        assert asked.value.headers["authorization"] == f"Bearer {plaintext}"
        answer = page.locator(".msg.bot").last
        answer.locator(".actions").wait_for(timeout=60_000)
        assert answer.locator("button.cite").count() >= 1
        assert page.locator(".msg.error").count() == 0
    finally:
        context.close()
        store.revoke(key.id)
