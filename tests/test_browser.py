"""The report in a real browser: Debian's Chromium driven by Playwright, pages opened from file://.

Nothing is skipped: without /usr/bin/chromium the tests fail and say how to install it
(`make test` does). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from corpuscompare.app.publish import build_report
from corpuscompare.runtime.cache import Cache

from .conftest import ROOT, WIC

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with everything it said and asked for recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready]", state="attached")
        return self.page

    def assert_quiet(self, *allowed: Path) -> None:
        assert self.console == [], self.console
        assert self.dialogs == [], self.dialogs
        pages = {p.as_uri() for p in allowed}
        assert [u for u in self.requests if u.split("#")[0] not in pages] == [], "network requests were made"


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_index_renders_every_section_with_real_data(watched, wic_report):
    index = wic_report / "index.html"
    page = watched.open(index)
    for section in ("corpus", "continuity", "year-over-year", "slogans", "themes", "echo"):
        assert page.locator(f"section#{section}").is_visible()
    assert page.locator("#documents tbody tr").count() == 15
    assert page.locator("#documents tbody tr", has_text="2015-12-16-xi-keynote").count() == 1
    assert page.locator("#documents .flag").count() == 13  # the news summaries are flagged
    page.wait_for_selector("#matrix[data-ready]", state="attached")
    assert page.locator("#matrix tbody td a").count() == 105  # every pair, each with its page
    assert page.locator("#consecutive tbody tr").count() == 11  # the chain of the 习近平 series
    assert page.locator("#slogan-map tbody tr").count() == 46  # each slogan: all, then 习近平
    assert page.locator("#slogan-map tbody tr.series-row").count() == 23
    assert page.locator(".chart").count() == 9
    page.wait_for_selector("#echo-grid[data-ready]", state="attached")
    assert page.locator("#echo-grid tbody tr").count() == 84  # 91 less 3 header and 4 greeting lines
    assert page.locator("#echo-grid tbody tr").first.locator("td.cell").count() == 14
    shot(page, "report-index.png")
    watched.assert_quiet(index)


def test_sorting_and_filtering(watched, wic_report):
    index = wic_report / "index.html"
    page = watched.open(index)
    chars = page.locator("#documents thead th", has_text="characters")
    chars.click()
    values = [int(v) for v in page.locator("#documents tbody tr td:nth-child(9)").all_inner_texts()]
    assert values == sorted(values)
    chars.click()
    values = [int(v) for v in page.locator("#documents tbody tr td:nth-child(9)").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    page.fill("input[data-table=documents]", "cctv")
    assert page.locator("#documents tbody tr:visible").count() == 1
    page.fill("input[data-table=documents]", "")
    assert page.locator("#documents tbody tr:visible").count() == 15
    page.fill("input[data-table=phrases]", "命运共同体")
    visible = page.locator("#phrases tbody tr:visible").all_inner_texts()
    assert visible and all("命运共同体" in row for row in visible)
    watched.assert_quiet(index)


def test_phrase_click_shows_its_lines_in_context(watched, wic_report):
    index = wic_report / "index.html"
    page = watched.open(index)
    page.locator("#slogan-map button.phrase", has_text="网络空间命运共同体").first.click()
    panel = page.locator("#kwic")
    panel.wait_for(state="visible")
    assert "网络空间命运共同体" in panel.locator(".kwic-title").inner_text()
    hits = panel.locator("td.kw-hit").all_inner_texts()
    assert len(hits) >= 10 and set(hits) == {"网络空间命运共同体"}
    docs = panel.locator("td.kw-doc").all_inner_texts()
    assert "2015-12-16-xi-keynote" in docs and "2016-11-16-xi-video-speech†" in docs  # summaries flagged
    shot(page, "report-kwic.png")
    page.locator("#kwic .close").click()
    assert not panel.is_visible()
    page.locator("#phrases button.phrase").first.click()
    panel.wait_for(state="visible")
    assert panel.locator("td.kw-hit").count() > 0
    watched.assert_quiet(index)


def test_cjk_text_renders_with_a_cjk_font(watched, wic_report):
    page = watched.open(wic_report / "index.html")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#documents tbody tr td:nth-child(3)"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    names = " ".join(f["familyName"] for f in fonts)
    assert "CJK" in names, fonts


def test_matrix_cell_opens_the_pair_diff(watched, wic_report):
    index = wic_report / "index.html"
    page = watched.open(index)
    page.wait_for_selector("#matrix[data-ready]", state="attached")
    link = page.locator("#matrix tbody tr").nth(4).locator("td a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_selector("body[data-ready]", state="attached")
    assert page.url.endswith(href)
    assert page.locator("#diff tbody tr.pair").count() > 0
    watched.assert_quiet(index, wic_report / href)


def test_diff_page_side_by_side(watched, gwr_report):
    diff = gwr_report / "diff-2024-gwr-2025-gwr.html"
    page = watched.open(diff)
    rows = page.locator("#diff tbody tr.pair")
    assert rows.count() > 500
    assert page.locator("#diff tbody tr.s-changed del").count() > 50
    assert page.locator("#diff tbody tr.s-changed ins").count() > 50
    ghosts = page.locator("#diff tbody tr.ghost a")
    assert ghosts.count() == 14  # one OLD place per moved pair (推进国家水网建设 is no pair: 14, not 15)
    target = ghosts.first.get_attribute("href")
    assert page.locator(target).get_attribute("data-status") == "moved"
    same = page.locator("#diff tbody tr.s-same:not(.folded)").first
    assert same.is_visible()
    page.uncheck("input[data-kind=same]")  # the kinds filter hides unchanged sentences
    assert not same.is_visible()
    shot(page, "diff-gwr-2024-2025.png")
    watched.assert_quiet(diff)


def test_distant_pair_without_a_page_shows_the_command(watched, gwr_report):
    index = gwr_report / "index.html"
    page = watched.open(index)
    page.wait_for_selector("#matrix[data-ready]", state="attached")
    cell = page.locator("#matrix tbody tr").last.locator("td.pick").first
    cell.click()
    panel = page.locator("#pair-panel")
    panel.wait_for(state="visible")
    assert panel.locator(".pair-cmd").inner_text().startswith("corpuscompare diff corpora/gwr@1978-gwr corpora/gwr@")
    assert "by formulations" in panel.locator(".pair-summary").inner_text()
    shot(page, "report-gwr-matrix.png")
    # the matrix can show formulation reuse instead of sentence continuity
    last = page.locator("#matrix tbody tr").last.locator("td").last
    before = last.inner_text()
    page.select_option("#matrix-measure", "formulations")
    assert page.locator("#matrix").get_attribute("data-measure") == "formulations"
    cell = page.locator("#matrix tbody tr").last.locator("td").last
    after, title = cell.inner_text(), cell.locator("xpath=self::td[@title] | a").first.get_attribute("title")
    sentences, formulations = (float(x) for x in re.findall(r"([\d.]+)% by", title))
    assert abs(int(before) - sentences) <= 0.55 and abs(int(after) - formulations) <= 0.55
    shot(page, "report-gwr-matrix-formulations.png")
    watched.assert_quiet(index)


HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def test_hostile_corpus_runs_nothing(watched, tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name in ("2014-11-19-xi-congratulatory-message.txt", "2015-12-16-xi-keynote.txt"):
        shutil.copy(WIC / name, folder / name)
    body = (WIC / "2016-11-16-xi-video-speech.txt").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    front = f"---\ntitle: '{HOSTILE}'\nspeaker: '{HOSTILE}'\ndate: 2016-11-16\ncompleteness: news-summary\n---\n"
    (folder / "2016-hostile.txt").write_text(
        front + f"{HOSTILE}。\n" + body + f"\n网络空间{HOSTILE}命运共同体。\n", "utf-8"
    )
    (folder / "corpus.yaml").write_text(
        f"name: hostile\nfocus: 2015-12-16-xi-keynote\nslogans: ['{HOSTILE}', 网络空间命运共同体]\n", encoding="utf-8"
    )
    out = tmp_path / "report"
    build_report(str(folder), out, cache=Cache(None))
    index = out / "index.html"
    page = watched.open(index)
    page.wait_for_selector("#echo-grid[data-ready]", state="attached")
    assert page.locator("#documents", has_text=HOSTILE).count() == 1  # shown as text
    assert page.locator("img[src=x]").count() == 0  # no element was made from the text
    assert page.evaluate("Array.from(document.scripts).filter(s => !s.type && s.text.includes('alert')).length") == 0
    page.locator("#slogan-map button.phrase").first.click()
    page.locator("#kwic").wait_for(state="visible")
    for diff in sorted(out.glob("diff-*hostile*.html")):
        watched.open(diff)
        watched.assert_quiet(index, *sorted(out.glob("diff-*hostile*.html")))
    watched.assert_quiet(index, *sorted(out.glob("diff-*.html")))


def test_suggested_commands_are_shell_quoted(watched, tmp_path):
    """A file name holding shell syntax is quoted in the command the pair panel suggests:
    pasting it passes the name as one word and runs nothing."""
    import shlex

    folder = tmp_path / "names"
    folder.mkdir()
    shutil.copy(WIC / "2015-12-16-xi-keynote.txt", folder / "2015-12-16-xi-keynote.txt")
    hostile = "2016-x$(touch PWNED)'q"
    shutil.copy(WIC / "2016-11-16-xi-video-speech.txt", folder / f"{hostile}.txt")
    out = tmp_path / "report"
    from corpuscompare.model.comparison import ComparisonOptions

    build_report(str(folder), out, options=ComparisonOptions(page_budget=0), cache=Cache(None))  # no pages
    page = watched.open(out / "index.html")
    page.wait_for_selector("#matrix[data-ready]", state="attached")
    page.locator("#matrix tbody tr").last.locator("td.pick").first.click()
    panel = page.locator("#pair-panel")
    panel.wait_for(state="visible")
    words = shlex.split(panel.locator(".pair-cmd").inner_text())
    assert words[:4] == ["corpuscompare", "diff", f"{folder}@2015-12-16-xi-keynote", f"{folder}@{hostile}"]


def test_figures_section_charts_targets_and_outcomes(watched, gwr_report):
    index = gwr_report / "index.html"
    page = watched.open(index)
    section = page.locator("#figures")
    section.scroll_into_view_if_needed()
    assert section.is_visible()
    lowered = page.locator("#figure-changes tr.figure-lowered")
    assert "居民消费价格涨幅" in lowered.first.inner_text() and "▼" in lowered.first.inner_text()
    charts = page.locator(".figure-chart svg")
    assert charts.count() >= 4
    growth = page.locator(".figure-chart", has_text="国内生产总值增长").first.locator("svg")
    assert "target and outcome" in growth.get_attribute("aria-label")
    assert growth.locator("rect.dot.target").count() >= 15 and growth.locator("circle.dot.outcome").count() >= 5
    box = growth.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 80
    shot(page, "report-gwr-figures.png")
    watched.assert_quiet(index)
