"""练一练 in real headless Chromium against the real API: a member practises five approved items, gets one
wrong, reloads the page and finds that item in the 错题本 (issue 15, item 7).

Reuses the live server and browser fixtures of test_widget.py (the shipped 党章, uvicorn in a subprocess,
Debian's chromium). The trainer's side is done over HTTP as a trainer would: generate, save, approve all.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from test_widget import DESKTOP, SCREENSHOTS, LiveApi, browser, live_api  # noqa: F401 - fixtures

from service.quiz.practice import key_of
from service.schemas import QuizItem

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


def _approved_bank(base: str) -> dict[str, QuizItem]:
    with httpx.Client(base_url=base, timeout=120) as c:
        items = c.post("/v1/quiz", json={"count": 10, "types": ["single", "judge"], "seed": 2}).json()[
            "items"
        ]
        assert c.post("/v1/bank", json={"items": items}).json()["saved"]
        assert c.post("/v1/bank/review", json={"action": "approve", "all_pending": True}).status_code == 200
        entries = c.get("/v1/bank", params={"status": "approved"}).json()["items"]
    return {e["item"]["id"]: QuizItem.model_validate(e["item"]) for e in entries}


def _choose(question: Any, item: QuizItem, right: bool) -> None:
    key = key_of(item)
    if item.type == "judge":
        value = key if right else ("错误" if key == "正确" else "正确")
    else:
        value = key if right else next(ch for ch in "ABCD" if ch != key)
    question.locator(f'input[value="{value}"]').check()


def _open_practice(page: Any) -> None:
    page.get_by_role("button", name="打开党建学习助手").click()
    page.get_by_role("dialog", name="党建学习助手").wait_for()
    page.get_by_role("button", name="练一练：做题练习、错题本和进度").click()
    page.get_by_role("toolbar", name="练一练导航").wait_for()


def test_member_practises_five_items_and_finds_the_wrong_one_after_a_reload(
    live_api: LiveApi,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    bank = _approved_bank(live_api.base)
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda e: js_errors.append(str(e)))
    page.goto(live_api.base + "/")
    _open_practice(page)
    start = page.get_by_role("button", name="开始练习（5 题）")
    start.wait_for()
    page.wait_for_function(
        "() => !document.querySelector('[data-party-study-widget]').shadowRoot"
        ".querySelector('.pr-card button').disabled"
    )
    start.click()

    wrong_id = None
    for n in range(5):
        question = page.locator(".pr-question")
        question.wait_for()
        item = bank[question.get_attribute("data-item-id") or ""]
        right = n != 2  # the third answer is wrong
        _choose(question, item, right)
        question.get_by_role("button", name="提交答案").click()
        verdict = question.locator(".pr-verdict")
        verdict.wait_for()
        if right:
            assert verdict.inner_text() == "回答正确"
        else:
            wrong_id = item.id
            assert verdict.inner_text() == f"回答错误，正确答案：{key_of(item)}"
        assert question.locator(".pr-expl").inner_text() == item.explanation
        assert question.locator(".pr-src").inner_text().startswith(f"出处：《{item.source.title}》")
        question.locator(".pr-next").click()
    assert page.locator(".pr-summary").inner_text() == "本次练习 5 题，答对 4 题。"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "practice-1-summary.png"))

    page.reload()
    _open_practice(page)
    page.get_by_role("button", name="错题本", exact=True).click()
    notebook = page.get_by_role("list", name="错题本")
    notebook.wait_for()
    entries = notebook.locator("li")
    assert entries.count() == 1
    assert entries.first.get_attribute("data-item-id") == wrong_id
    assert wrong_id is not None
    assert entries.first.locator(".pr-verdict").inner_text() == f"正确答案：{key_of(bank[wrong_id])}"
    page.get_by_role("button", name="进度", exact=True).click()
    progress = page.get_by_role("list", name="练习进度")
    progress.wait_for()
    assert "已答 5 题，答对 4 题，正确率 80%" in progress.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "practice-2-notebook-after-reload.png"))
    assert js_errors == []
    context.close()
