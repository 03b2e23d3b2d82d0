"""The 新旧条文对照表 HTML export rendered by real headless Chromium (Debian's, ``make browser-deps``).

Built from the two 纪律处分条例 texts in ../shared/corpus: the page lays out one row per article pair, old
text left and new right, deletions struck through and insertions marked, readable on a desktop; a
screenshot lands in tests/browser/screenshots/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.ingest.corpus import load_knowledge
from service.schemas import DocInfo
from service.text.split import split_document
from service.versions.diff import DiffTable, articles_from_chunks, diff_articles
from service.versions.export import to_html
from service.versions.model import Works

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("STUDY_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def _table() -> DiffTable:
    docs = {d.doc_id: d for d in load_knowledge().docs}
    old, new = docs["cpc-discipline-2018"], docs["cpc-discipline-2023"]
    works = Works(
        DocInfo(doc_id=d.doc_id, title=d.title, doc_type=d.doc_type, metadata=d.metadata) for d in (old, new)
    )
    rows = diff_articles(
        articles_from_chunks(split_document(old), old.text),
        articles_from_chunks(split_document(new), new.text),
    )
    return DiffTable("中国共产党纪律处分条例", works.by_id[old.doc_id], works.by_id[new.doc_id], rows)


def test_diff_html_renders_in_chromium(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (Debian's chromium package)")
    table = _table()
    page_file = tmp_path / "对照表.html"
    page_file.write_text(to_html(table), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.as_uri())
            assert page.title().startswith("《中国共产党纪律处分条例》新旧条文对照表")
            assert page.locator("#diff tbody tr").count() == len(table.rows)
            headers = page.locator("#diff thead th").all_inner_texts()
            assert headers == ["旧条文（2018年版）", "新条文（2023年版）", "变化", "说明"]
            # the old column is on the left of the new one, each a real table column
            old_box = page.locator("#diff thead th").nth(0).bounding_box()
            new_box = page.locator("#diff thead th").nth(1).bounding_box()
            assert old_box and new_box and old_box["x"] < new_box["x"] and old_box["width"] > 300
            changed = page.locator("#diff tbody tr.changed", has_text="乡村振兴领域").first
            assert "扶贫" in changed.locator("td.old del").all_inner_texts()
            assert "乡村振兴" in changed.locator("td.new ins").all_inner_texts()
            style = changed.locator("td.old del").first.evaluate(
                "e => getComputedStyle(e).textDecorationLine"
            )
            assert "line-through" in style
            added = page.locator("#diff tbody tr.added", has_text="统计造假")
            assert added.count() == 1 and added.locator("td.old").inner_text() == ""
            assert added.locator("td.status").inner_text() == "新增"
            SCREENSHOTS.mkdir(exist_ok=True)
            changed.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / "diff-discipline-2018-2023.png"))
        finally:
            browser.close()
