"""The trainers' and administrators' console in real headless Chromium against the real API.

Keys exist from the start (admin, trainer, and the widget's origin-bound member key), so every call is
role-checked exactly as in production. What is shown:
- an admin logs in, uploads documents (one good, one that cannot be read) and reads the ingest report, the
  new document's 章/条 tree and its chunks;
- a trainer runs a 命中测试 and sees both legs' scores, the exact article lookup and the refusal decision;
- a thumbs-down given in the widget appears in feedback review, an admin makes a curated answer from it,
  and the same question asked again in the widget gets the curated answer with verified citations;
- a trainer generates 10 items, approves 5 in bulk and downloads the xlsx;
- a member key opens no console page and gets 403 from every console route; keys never appear in a URL
  or in the server's log.
Screenshots at desktop size land in tests/browser/screenshots/ (gitignored).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from live_server import CHROMIUM, CHROMIUM_ARGS, PageServer, api_server

from service.config import REPO_ROOT, Settings
from service.ingest.corpus import corpus_file

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

CONSTITUTION = corpus_file("regulations/中国共产党章程_2017_zh.md")
SHARED_EMBED_CACHE = REPO_ROOT / ".cache" / "test-embeddings"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DESKTOP = {"width": 1440, "height": 900}
UPLOAD_TITLE = "某高校党支部学习制度（试行）"
UPLOAD_TEXT = f"""# {UPLOAD_TITLE}

## 第一章 总则

第一条 为规范党支部理论学习，制定本制度。

第二条 党支部每月至少组织一次集中学习，每次学习时间不少于两小时。

## 第二章 学习内容

第三条 学习内容包括党章党规、党的创新理论和形势政策。

第四条 党员应当撰写学习笔记，每季度交流一次学习体会。
"""
CURATED_QUESTION = "党员有哪些义务？"


@dataclass
class Console:
    base: str
    data_dir: Path
    log_path: Path
    site: PageServer
    keys: dict[str, str]
    urls: list[str] = field(default_factory=list)  # every URL any page requested


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    from service.backends.embedders import get_embedder
    from service.ingest.pipeline import ingest
    from service.store.db import Database
    from service.store.keys import KeyStore

    work = tmp_path_factory.mktemp("console-live")
    data_dir = work / "data"
    settings = Settings(_env_file=None, data_dir=data_dir, embedding_cache_dir=SHARED_EMBED_CACHE)  # type: ignore[call-arg]
    embedder = get_embedder(settings.embedding_backend, settings.embedding_model)
    report = ingest([CONSTITUTION], settings, embedder, progress=False)
    assert not report.failures, report.failures

    site = PageServer("")
    store = KeyStore(Database(settings.db_path))
    keys = {
        "admin": store.create("王管理", "admin", [])[1],
        "trainer": store.create("李培训", "trainer", [])[1],
        "member": store.create("支部网站挂件", "member", [site.origin])[1],
    }
    site.html = ""
    env = {
        "STUDY_DATA_DIR": str(data_dir),
        "STUDY_EMBEDDING_CACHE_DIR": str(SHARED_EMBED_CACHE),
        "STUDY_CORS_ORIGINS": site.origin,
        "STUDY_RATE_LIMIT_PER_MINUTE": "0",
    }
    try:
        with api_server(work, env) as (base, log_path):
            site.html = (
                '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>党支部网站</title></head>'
                f'<body><h1>党支部网站</h1><script src="{base}/widget.js" data-api="{base}" '
                f'data-key="{keys["member"]}" defer></script></body></html>'
            )
            live = Console(base=base, data_dir=data_dir, log_path=log_path, site=site, keys=keys)
            yield live
        # keys never travel in a URL (browser) and never reach the server's log (access log included)
        log_text = log_path.read_text(errors="replace")
        assert "GET /console/ HTTP" in log_text, "the access log was not captured"
        for key in keys.values():
            assert key not in log_text
            assert not [u for u in live.urls if key in u]
    finally:
        site.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (Debian's chromium package)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(console: Console, browser: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: console.urls.append(r.url))
    return context, page, errors


def _login(page: Any, console: Console, role: str) -> None:
    page.goto(console.base + "/console/")
    page.get_by_label("API 密钥").fill(console.keys[role])
    page.get_by_role("button", name="登录").click()
    page.get_by_role("navigation", name="控制台导航").wait_for()


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # sticky bars at the top of the full-page capture
    page.screenshot(path=str(SCREENSHOTS / f"console-{name}.png"), full_page=True)


def _assert_no_key_in_urls(console: Console) -> None:
    for key in console.keys.values():
        assert not [u for u in console.urls if key in u]


def test_member_key_cannot_use_the_console(console: Console, browser: Any) -> None:
    member = {"Authorization": f"Bearer {console.keys['member']}", "Origin": console.site.origin}
    routes = [
        ("GET", "/v1/console/me", None),
        ("GET", "/v1/console/documents", None),
        ("POST", "/v1/console/hittest", {"question": "党员的义务"}),
        ("GET", "/v1/admin/feedback", None),
        ("GET", "/v1/admin/curated", None),
        ("POST", "/v1/admin/curated", {"question": "x", "passages": [{"chunk_id": "x"}]}),
        ("GET", "/v1/admin/usage", None),
        ("POST", "/v1/admin/logs/purge", None),
    ]
    for method, path, body in routes:
        r = httpx.request(method, console.base + path, headers=member, json=body)
        assert r.status_code == 403, (path, r.status_code)
        assert r.json()["error"]["code"] == "forbidden"
        assert httpx.request(method, console.base + path, json=body).status_code == 401, path
    trainer = {"Authorization": f"Bearer {console.keys['trainer']}"}
    assert httpx.get(console.base + "/v1/admin/feedback", headers=trainer).status_code == 403
    assert httpx.get(console.base + "/v1/console/me", headers=trainer).json()["role"] == "trainer"

    context, page, errors = _page(console, browser)
    page.goto(console.base + "/console/")
    page.get_by_label("API 密钥").fill(console.keys["member"])
    page.get_by_role("button", name="登录").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "没有控制台权限" in alert.inner_text()
    assert page.get_by_role("navigation", name="控制台导航").is_hidden()
    assert page.evaluate("sessionStorage.length") == 0, "a refused key is not kept"
    _shot(page, "0-login-refused")
    assert not errors, errors
    context.close()


def test_admin_uploads_a_document_and_sees_its_chunks(console: Console, browser: Any, tmp_path: Path) -> None:
    good = tmp_path / "学习制度.md"
    good.write_text(UPLOAD_TEXT, encoding="utf-8")
    bad = tmp_path / "损坏的文件.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    context, page, errors = _page(console, browser)
    _login(page, console, "admin")
    assert page.evaluate("Object.keys(sessionStorage)") == ["study-console-key"]
    assert console.keys["admin"] not in page.url
    nav = page.get_by_role("navigation", name="控制台导航")
    assert nav.get_by_role("link").all_inner_texts() == [
        "文档管理",
        "命中测试",
        "反馈审阅",
        "标注回复",
        "出题与题库",
        "使用统计",
    ]
    docs = page.get_by_role("table", name="知识库文档")
    docs.get_by_text("中国共产党章程").first.wait_for()

    page.locator("#upload-files").set_input_files([str(good), str(bad)])
    assert page.locator(".file-names").inner_text().startswith("已选择 2 个文件")
    with page.expect_response(lambda r: r.url.endswith("/v1/admin/ingest/upload")) as uploaded:
        page.get_by_role("button", name="上传并导入").click()
    assert uploaded.value.status == 200
    report = page.locator(".ingest-report")
    report.wait_for()
    assert "部分文件失败" in report.inner_text()
    per_file = page.get_by_role("table", name="逐个文件的导入结果").locator("tr", has_text="学习制度.md")
    assert "2 章" in per_file.inner_text() and "4 条" in per_file.inner_text()
    failures = page.get_by_role("table", name="导入失败的文件")
    assert "损坏的文件.pdf" in failures.inner_text()
    row = docs.locator("tr", has_text=UPLOAD_TITLE)
    row.wait_for()
    assert row.locator("td.num").inner_text() == "4"
    _shot(page, "1-documents-upload")

    row.get_by_role("button", name="查看").click()
    tree = page.get_by_role("navigation", name="文档结构")
    tree.wait_for()
    assert tree.get_by_text("第一章 总则").is_visible()
    assert tree.get_by_role("link", name="第二条").is_visible()
    chunks = page.get_by_role("list", name="文档片段").locator(".chunk")
    assert chunks.count() == 4
    assert "每次学习时间不少于两小时" in chunks.nth(1).inner_text()
    assert "第二章 学习内容" in chunks.nth(2).inner_text()
    _shot(page, "2-document-chunks")
    assert not errors, errors
    context.close()
    _assert_no_key_in_urls(console)


def test_trainer_runs_a_hit_test(console: Console, browser: Any) -> None:
    context, page, errors = _page(console, browser)
    _login(page, console, "trainer")
    nav = page.get_by_role("navigation", name="控制台导航")
    assert nav.get_by_role("link").all_inner_texts() == ["命中测试", "出题与题库"]
    heading = page.get_by_role("heading", name="命中测试", level=2)
    heading.wait_for()  # the view renders after the role's navigation (CI on a loaded machine: is_visible raced it)
    assert heading.is_visible()

    question = page.get_by_role("searchbox", name="测试问题")
    question.fill("预备党员的预备期是多长时间？")
    page.get_by_role("button", name="测试").click()
    decision = page.locator("#ht-decision")
    decision.wait_for()
    assert decision.inner_text() == "作答"
    assert page.locator('[data-code="supported"]').is_visible()
    fused = page.get_by_role("region", name="融合检索结果").locator("tbody tr")
    assert fused.count() == 10
    first = fused.first.locator("td.num.mono").all_inner_texts()
    assert len(first) == 3 and all(v != "—" for v in first), first  # fused, lexical and dense scores
    assert "预备期为一年" in page.get_by_role("region", name="回答决策").inner_text()
    _shot(page, "3-hittest-answered")

    question.fill("党章第三十二条")
    page.get_by_role("button", name="测试").click()
    lookup = page.get_by_role("region", name="精确条文查找")
    lookup.locator("tbody tr").first.wait_for()
    assert "第三十二条" in lookup.inner_text()

    question.fill("今天的天气预报怎么样？")
    page.get_by_role("button", name="测试").click()
    page.locator("#ht-decision", has_text="拒答").wait_for()
    reason = page.locator(".metric-value[data-code]").get_attribute("data-code")
    assert reason in ("off_topic", "low_support", "no_hits")
    _shot(page, "4-hittest-refused")
    assert not errors, errors
    context.close()


def _ask_in_widget(page: Any, question: str) -> tuple[Any, dict[str, Any]]:
    """Ask in the widget; the answer card and the ``done`` event's answer as the server sent it.

    Chromium does not always keep the body of a streamed (SSE) response for ``Response.text()`` ("No data
    found for resource"), so the stream is fetched through a route and handed to the page unchanged.
    """
    bodies: list[str] = []

    def relay(route: Any) -> None:
        fetched = route.fetch()
        bodies.append(fetched.text())
        route.fulfill(response=fetched, body=bodies[-1])

    page.route("**/v1/ask/stream", relay)
    try:
        page.get_by_role("textbox", name="输入问题").fill(question)
        page.keyboard.press("Enter")
        for _ in range(600):  # the relay has the whole stream before the page renders the answer
            if bodies:
                break
            page.wait_for_timeout(100)
        answer = page.locator(".msg.bot").last
        answer.locator(".actions").wait_for(timeout=60_000)
    finally:
        page.unroute("**/v1/ask/stream", relay)
    assert len(bodies) == 1
    done = bodies[0].split("event: done", 1)[1].split("data:", 1)[1].split("\n", 1)[0]
    return answer, json.loads(done)


def test_feedback_becomes_a_curated_answer_in_the_widget(console: Console, browser: Any) -> None:
    source_text = CONSTITUTION.read_text(encoding="utf-8")
    widget_ctx, widget, widget_errors = _page(console, browser)
    widget.goto(console.site.origin + "/")
    widget.get_by_role("button", name="打开党建学习助手").click()
    widget.get_by_role("textbox", name="输入问题").wait_for()
    answer, first = _ask_in_widget(widget, CURATED_QUESTION)
    assert first["curated"] is False
    answer.get_by_role("button", name="回答没有帮助").click()
    answer.get_by_label("答案不完整").check()
    widget.get_by_role("textbox", name="补充说明（可选）").fill("应列出党章第三条规定的全部八项义务")
    with widget.expect_response(lambda r: r.url.endswith("/v1/feedback")) as sent:
        widget.get_by_role("button", name="提交反馈").click()
    assert sent.value.status == 200

    context, page, errors = _page(console, browser)
    _login(page, console, "admin")
    page.get_by_role("navigation", name="控制台导航").get_by_role("link", name="反馈审阅").click()
    card = page.locator("article.feedback", has_text=CURATED_QUESTION)
    card.wait_for()
    assert "答案不完整" in card.inner_text()
    assert "全部八项义务" in card.inner_text()
    assert card.get_by_role("list", name="引用来源").count() == (1 if first["citations"] else 0)
    _shot(page, "5-feedback-review")

    card.get_by_role("button", name="制作标注回复").click()
    editor = page.get_by_role("region", name="编辑标注回复")
    editor.wait_for()
    assert editor.get_by_label("问题").input_value() == CURATED_QUESTION
    editor.get_by_role("searchbox", name="检索段落").fill("党员必须履行下列义务")
    editor.get_by_role("button", name="检索段落").click()
    # titles may carry a version note (《中国共产党章程（2017年版，…）》): the article is what is chosen
    # a long article is stored in parts: the whole article is chosen, every part of it
    choose = editor.get_by_role("checkbox", name=re.compile(r"^选用《中国共产党章程.*》第三条$"))
    choose.first.wait_for()
    for i in range(choose.count()):
        choose.nth(i).check()
    assert "第三条" in editor.get_by_role("list", name="已选段落").inner_text()
    with page.expect_response(lambda r: r.url.endswith("/v1/admin/curated")) as saved:
        editor.get_by_role("button", name="保存标注回复").click()
    assert saved.value.status == 201
    editor.locator(".preview .answer").wait_for()
    assert "标注回复" in editor.locator(".preview").inner_text()
    listing = page.get_by_role("table", name="标注回复列表")
    assert "生效中" in listing.locator("tr", has_text=CURATED_QUESTION).inner_text()
    _shot(page, "6-curated-editor")

    # the feedback it came from is handled now
    page.get_by_role("navigation", name="控制台导航").get_by_role("link", name="反馈审阅").click()
    page.locator("#fb-handled").select_option("true")
    page.get_by_role("button", name="筛选").click()
    page.locator("article.feedback", has_text=CURATED_QUESTION).get_by_text("已处理").wait_for()

    # the member asks again: the curated answer, its quote verbatim from the 党章
    answer, again = _ask_in_widget(widget, CURATED_QUESTION)
    assert again["curated"] is True and again["refused"] is False
    assert again["citations"] and {c["locator"] for c in again["citations"]} == {"第三条"}
    quote = "\n".join(c["quote"] for c in again["citations"])
    assert "党员必须履行下列义务" in quote
    assert all(line.strip() in source_text for line in quote.splitlines() if line.strip())
    assert "党员必须履行下列义务" in answer.locator(".body").inner_text()
    assert answer.locator("button.cite").count() == len(again["citations"])
    widget.screenshot(path=str(SCREENSHOTS / "console-7-widget-curated.png"))

    # usage counts the questions, the curated answer and the feedback from the data already stored
    page.get_by_role("navigation", name="控制台导航").get_by_role("link", name="使用统计").click()
    page.locator(".kpi").first.wait_for()
    kpis = dict(
        zip(
            page.locator(".kpi-label").all_inner_texts(),
            page.locator(".kpi-value").all_inner_texts(),
            strict=True,
        )
    )
    assert int(kpis["提问数"]) >= 2 and int(kpis["标注回复命中"]) >= 1
    assert kpis["好评 / 差评"].endswith("/ 1")
    assert CURATED_QUESTION not in page.get_by_role("region", name="拒答最多的问题").inner_text()
    _shot(page, "8-usage")
    assert not errors and not widget_errors, (errors, widget_errors)
    context.close()
    widget_ctx.close()
    _assert_no_key_in_urls(console)


def test_trainer_generates_approves_in_bulk_and_downloads_xlsx(console: Console, browser: Any) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    context, page, errors = _page(console, browser)
    _login(page, console, "trainer")
    page.get_by_role("navigation", name="控制台导航").get_by_role("link", name="出题与题库").click()
    page.get_by_role("combobox", name="出题范围").select_option("doc")
    page.get_by_role("combobox", name="文档").select_option(label="中国共产党章程")
    page.get_by_role("spinbutton", name="题目数量").fill("10")
    page.get_by_role("button", name="生成并存入题库").click()
    report = page.locator("#qz-report")
    report.wait_for(timeout=60_000)
    assert "生成 10 道，存入题库 10 道" in report.inner_text()
    items = page.locator("#qz-bank article.item")
    assert items.count() == 10
    assert all(s == "pending" for s in [items.nth(i).get_attribute("data-status") for i in range(10)])
    assert items.first.get_by_role("complementary", name="出处原文").locator("blockquote").inner_text()
    _shot(page, "9-quiz-generated")

    for i in range(5):
        items.nth(i).locator("input.pick").check()
    assert page.locator("#qz-selected").inner_text() == "已选 5 道"
    with page.expect_response(lambda r: r.url.endswith("/v1/bank/review")) as reviewed:
        page.get_by_role("button", name="批量通过").click()
    assert reviewed.value.status == 200 and reviewed.value.json()["updated"] == 5
    # the page's CSP forbids eval, so poll with locators (not wait_for_function strings)
    expect(items).to_have_count(5)  # the pending list now holds the five not approved
    page.locator("#qz-status").select_option("approved")
    expect(page.locator('#qz-bank article.item[data-status="approved"]')).to_have_count(5)
    expect(items).to_have_count(5)
    _shot(page, "10-quiz-approved")

    page.get_by_role("combobox", name="导出格式").select_option("xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出").click()
    path = download.value.path()
    page.locator("#toast", has_text="已导出 5 道题").wait_for()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(path).read_bytes()))
    sheet = workbook.worksheets[0]
    assert sheet.max_row - 1 == 5  # header + the five approved items
    assert not errors, errors
    context.close()
    _assert_no_key_in_urls(console)
