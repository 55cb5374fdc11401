"""`claimcheck report`: a self-contained HTML page, rendered in a real headless Chromium.

The browser test needs Debian's chromium (/usr/bin/chromium, or CLAIMCHECK_TEST_CHROMIUM) and
Playwright's Python package; it skips without them (.ci/run installs both). Playwright never
downloads a browser here: it drives the system's.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.report_html import PageInfo, page, quote_html

DOCS = {
    "borduria-wheat.txt": "Borduria Wheat Bulletin\n\nBorduria's share of global wheat output was 20% in 2022.\n",
    "kelda.md": "Borduria's share of global wheat output was 25% in 2022, said Anton Mirko.\n",
    "valdrex-a.txt": "Valdrex's share of global tin output was 12% in 2021.\n",
    "census-2010.txt": "Syldavia's population was 1.2 million in 2010.\n",
    "census-2020.txt": "Syldavia's population was 1.5 million in 2020.\n",
    "valdrex-b.txt": 'Valdrex\'s share of global tin output reached 12% in 2021 <script src="https://example.org/x.js">.\n',
}
CHROMIUM = os.environ.get("CLAIMCHECK_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def report_file(runner: CliRunner, tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text)
    assert runner.invoke(main, ["ingest", "-q", str(docs)]).exit_code == 0
    out = tmp_path / "report.html"
    r = runner.invoke(main, ["report", "-o", str(out), "--title", "Borduria check"])
    assert r.exit_code == 0 and r.stdout == "" and f"wrote {out}" in r.stderr
    return out


def test_the_page_is_self_contained(report_file: Path) -> None:
    text = report_file.read_text()
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", text, re.I)  # the quote's <script> is escaped
    assert "&lt;script src=&quot;https://example.org/x.js&quot;&gt;" in text
    assert not re.search(r"(src|href)=\"(?!#)", text) and "url(" not in text and "@import" not in text


def test_stdout_by_default(runner: CliRunner, report_file: Path) -> None:
    r = runner.invoke(main, ["report", "--status", "agree"])
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>")
    assert "Agreements" in r.stdout and 'id="conflict"' not in r.stdout


def test_quote_marks_the_figure_and_escapes() -> None:
    assert quote_html("A <b> of 20% & more", 9, 12) == "A &lt;b&gt; of <mark>20%</mark> &amp; more"


def test_an_empty_database_gives_a_page_that_says_so() -> None:
    html = page([], PageInfo(title="Valdrex", generated="2026-01-02 03:04 UTC"))
    assert "<h1>Valdrex</h1>" in html and "no groups" in html and "2026-01-02 03:04 UTC" in html


def test_the_page_renders_in_headless_chromium(report_file: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            view = browser.new_page(viewport={"width": 1000, "height": 1200})
            view.on("request", lambda r: requests.append(r.url))
            view.goto(report_file.as_uri())
            shot = tmp_path / "report.png"
            view.screenshot(path=str(shot), full_page=True)
            body = view.inner_text("body")
            marks = view.locator("mark").all_inner_texts()
            title = view.title()
            conflict = view.locator("article.conflict").inner_text()
            view_text = {"trend": view.locator("article.trend").inner_text()}
        finally:
            browser.close()
    assert requests == [report_file.as_uri()]  # the page itself, and nothing from anywhere else
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
    assert title == "Borduria check"
    assert "Conflicts" in body and "Trends" in body and "Agreements" in body
    assert body.index("Conflicts\n") < body.index("Trends\n") < body.index("Agreements\n")
    trend = view_text["trend"]
    assert "TREND Syldavia · population" in trend and "1,200,000" in trend and "period 2020" in trend
    assert "CONFLICT Borduria · share of global wheat production" in conflict
    assert "Side 1: 20% (1 source)" in conflict and "Side 2: 25% (1 source)" in conflict
    assert "kelda.md · published date unknown · period 2022 · said by Anton Mirko" in conflict
    assert "borduria-wheat.txt" in conflict and "cannot both hold" in conflict
    assert sorted(marks) == ["1.2 million", "1.5 million", "12%", "12%", "20%", "25%"]  # every figure marked
    assert '<script src="https://example.org/x.js">' in body  # shown as text, never run
