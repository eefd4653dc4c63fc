"""The report as a reader meets it (issue 14), in Debian's Chromium at 1400×900 and 1024×768:
the front page, folding, diff-page navigation, colour and type, and an accessibility check by
axe-core (from the npm registry, installed by `make test` into tests/browser/node_modules).

Screenshots go to test-artifacts/. Expected values are read from the report's own data.json
or computed here, never typed in from a previous run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_browser import Watched, browser, shot  # noqa: F401 (the browser fixture)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = [(1400, 900), (1024, 768)]
SIZE_IDS = [f"{w}x{h}" for w, h in VIEWPORTS]


@pytest.fixture(params=VIEWPORTS, ids=SIZE_IDS)
def viewed(request, browser):  # noqa: F811
    w = Watched(browser)
    width, height = request.param
    w.page.set_viewport_size({"width": width, "height": height})
    w.size = (width, height)
    yield w
    w.context.close()


def _visible_rows(page, selector: str) -> int:
    return page.locator(selector).evaluate_all("rows => rows.filter(r => r.offsetParent !== null).length")


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= -1 and box["y"] + min(box["height"], 40) <= height + 1


def test_front_page_answers_what_is_new(viewed, gwr_report):
    index = gwr_report / "index.html"
    page = viewed.open(index)
    width, height = viewed.size
    data = json.loads((gwr_report / "data.json").read_text(encoding="utf-8"))
    newest = data["briefs"][0]
    brief = page.locator("article.brief:not([hidden])")
    assert brief.count() == 1
    assert f"{newest['new']} against {newest['old']}" in brief.locator("h3").inner_text()
    link = newest["links"][0]
    assert brief.locator(".count.s-added b").first.inner_text() == str(link["added"])
    assert brief.locator(".count.s-removed b").first.inner_text() == str(link["dropped"])
    # one screen: the counts and the four lists above the fold (at 1400×900 the whole grid)
    grid = brief.locator(".brief-grid").bounding_box()
    assert brief.locator(".counts").first.bounding_box()["y"] < height
    if width >= 1400:
        assert grid["y"] + grid["height"] <= height, grid
    lowered = brief.locator("li.figure-lowered", has_text="居民消费价格涨幅")
    assert lowered.count() == 1 and "▼" in lowered.inner_text()
    shot(page, f"front-gwr-{width}x{height}.png")
    # the selector brings any other year's brief (stored compressed, put in place on demand)
    options = page.locator("#brief-pick option")
    series = data["layout"]["series"]
    assert len(series) == 1  # the GWR is one series: one option per year but the first (at most 40)
    assert options.count() == min(40, len([p for p in series[0]["periods"] if p["documents"]]) - 1)
    page.select_option("#brief-pick", label="all: 2016 against 2015")
    page.wait_for_selector("body[data-brief]", state="attached")
    brief = page.locator("article.brief:not([hidden])")
    assert brief.count() == 1 and "2016 against 2015" in brief.locator("h3").inner_text()
    assert brief.locator(".count").count() >= 4
    shot(page, f"front-gwr-2016-{width}x{height}.png")
    viewed.assert_quiet(index)


def test_front_page_links_reach_their_evidence(viewed, gwr_report):
    index = gwr_report / "index.html"
    page = viewed.open(index)
    brief = page.locator("article.brief:not([hidden])")
    # a phrase opens its lines in context
    term = brief.locator("button.phrase").first
    text = term.inner_text()
    term.click()
    panel = page.locator("#kwic")
    panel.wait_for(state="visible")
    assert set(panel.locator("td.kw-hit").all_inner_texts()) == {text}
    page.locator("#kwic .close").click()
    # a timeline link opens its section even when every section is folded
    page.click("#fold-all")
    assert not page.locator("#slogans details").evaluate("d => d.open")
    brief_link = page.locator("#new > details > summary")
    brief_link.click()  # unfold the front page only
    timeline = page.locator("article.brief:not([hidden]) a", has_text="timeline").first
    target = timeline.get_attribute("href")
    timeline.click()
    row = page.locator(target)
    assert row.is_visible() and _in_view(page, row)
    # a significant sentence opens its row of the side-by-side diff
    page.click("#unfold-all")
    sentence = page.locator("article.brief:not([hidden]) .columns a").first
    href = sentence.get_attribute("href")
    words = sentence.inner_text().rstrip("…")
    page.locator("#new > details > summary").scroll_into_view_if_needed()
    with page.expect_navigation():
        sentence.click()
    page.wait_for_selector("body[data-ready]", state="attached")
    diff_page, anchor = href.split("#")
    assert page.url.endswith(href)
    row = page.locator(f"#{anchor}")
    assert row.is_visible() and _in_view(page, row)
    assert words in row.inner_text().replace("\n", "")
    viewed.assert_quiet(index, gwr_report / diff_page)


def test_sections_fold_and_long_tables_show_their_top(viewed, gwr_report):
    index = gwr_report / "index.html"
    page = viewed.open(index)
    width, height = viewed.size
    full = page.evaluate("document.documentElement.scrollHeight")
    page.click("#fold-all")
    folded = page.evaluate("document.documentElement.scrollHeight")
    assert folded <= 15_000 < full, (folded, full)
    shot(page, f"report-folded-{width}x{height}.png")
    page.click("#unfold-all")
    # the contents bar stays in view far down the page
    page.locator("#themes").scroll_into_view_if_needed()
    toc = page.locator("nav.toc").bounding_box()
    assert page.locator("nav.toc").is_visible() and -1 <= toc["y"] <= 2, toc
    # a long table shows its top rows and a button for the rest
    n = page.locator("#documents tbody tr").count()
    assert n == 43 and _visible_rows(page, "#documents tbody tr") == 20
    button = page.locator("button.show-all").first
    assert button.inner_text() == f"show all {n} rows"
    button.click()
    assert _visible_rows(page, "#documents tbody tr") == n
    button.click()
    assert _visible_rows(page, "#documents tbody tr") == 20
    # a filter searches every row, shown or not: 2025 is the 43rd
    page.fill("input[data-table=documents]", "2025年")
    assert page.locator("#documents tbody tr:visible").all_inner_texts()[0].startswith("2025")
    viewed.assert_quiet(index)


def test_diff_page_folds_runs_and_steps_through_changes(viewed, gwr_report):
    diff = gwr_report / "diff-2024-gwr-2025-gwr.html"
    page = viewed.open(diff)
    width, height = viewed.size
    # the first screen shows the summary and the first change
    assert _in_view(page, page.locator("#summary .counts"))
    first = page.locator("#diff tbody tr.pair:not(.s-same):not(.folded), #diff tbody tr.fold:not(.fold-same)").first
    assert first.bounding_box()["y"] < height
    shot(page, f"diff-first-screen-{width}x{height}.png")
    # formulations reused inside rewritten sentences are underlined; a changed figure is named
    assert page.locator("#diff span.reused").count() > 50
    jobs = page.locator("#diff .fig-edit", has_text="城镇新增就业 1244万人 → 1256万人")
    assert jobs.count() == 1 and "raised" in jobs.inner_text()
    # runs of added sentences fold into one row that says how many
    fold = page.locator("#diff tbody tr.fold-added").first
    n = int(re.match(r"(\d+) sentences added — show", fold.inner_text()).group(1))
    assert n >= 3
    hidden_before = _visible_rows(page, "#diff tbody tr.s-added.pair")
    fold.locator("button").click()
    assert _visible_rows(page, "#diff tbody tr.s-added.pair") == hidden_before + n
    # j and k step from change to change; the buttons do the same
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    status = page.locator("#nav-status")
    total = int(re.match(r"change 1 of (\d+)", status.inner_text()).group(1))
    assert total > 20
    page.keyboard.press("j")
    assert status.inner_text() == f"change 2 of {total}"
    current = page.locator("tr.current")
    assert current.count() == 1 and _in_view(page, current)
    page.keyboard.press("k")
    assert status.inner_text() == f"change 1 of {total}"
    page.click("#next-change")
    assert status.inner_text() == f"change 2 of {total}"
    # the kinds filter
    page.uncheck("input[data-kind=added]")
    assert _visible_rows(page, "#diff tbody tr.s-added") == 0
    page.check("input[data-kind=added]")
    assert _visible_rows(page, "#diff tbody tr.s-added") > 0
    # the mini-map: one mark per change, a click goes there
    rows = json.loads(page.evaluate("() => CC.loadData('diff-rows').then(d => JSON.stringify(d.pairs.map(p => p[0])))"))
    assert page.locator(".minimap span").count() == sum(s != "same" for s in rows)
    box = page.locator(".minimap").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7)
    current = page.locator("tr.current")
    assert current.count() == 1 and _in_view(page, current)
    row = int(current.get_attribute("id")[1:])
    assert abs(row / len(rows) - 0.7) < 0.05
    shot(page, f"diff-navigation-{width}x{height}.png")
    viewed.assert_quiet(diff)


def test_a_link_into_a_folded_run_unfolds_it(viewed, gwr_report):
    diff = gwr_report / "diff-2024-gwr-2025-gwr.html"
    page = viewed.open(diff)
    folded = page.locator("#diff tbody tr.folded").nth(5).get_attribute("id")
    page.goto(diff.as_uri() + "#" + folded)
    page.wait_for_selector("body[data-ready]", state="attached")
    row = page.locator(f"#{folded}")
    assert row.is_visible() and _in_view(page, row)


# --- colour and type ---------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB
_CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(int(x) / 255 for x in re.findall(r"\d+", css)[:3])


def _seen(rgb: tuple[float, ...], kind: str) -> tuple[float, ...]:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    out = [sum(m * c for m, c in zip(row, lin, strict=True)) for row in _CVD[kind]]
    out = [min(1.0, max(0.0, c)) for c in out]
    return tuple(12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in out)


def _apart(a: str, b: str) -> float:
    """The least distance (0–1 per channel, Euclidean) between two colours as seen with each
    common colour-vision deficiency."""
    return min(
        sum((x - y) ** 2 for x, y in zip(_seen(_rgb(a), k), _seen(_rgb(b), k), strict=True)) ** 0.5 for k in _CVD
    )


def test_status_colours_stay_apart_for_colour_blind_readers_and_carry_a_glyph(viewed, gwr_report):
    diff = gwr_report / "diff-2024-gwr-2025-gwr.html"
    page = viewed.open(diff)
    style = "(el, pseudo) => getComputedStyle(el, pseudo)"
    colours, glyphs = {}, {}
    for status in ("same", "changed", "moved", "added", "removed", "merged"):
        row = page.locator(f"#diff tbody tr.pair.s-{status}").first
        row.evaluate("r => r.classList.remove('folded')")
        colours[status] = row.evaluate(f"r => ({style})(r, null).backgroundColor")
        glyphs[status] = row.locator("td").first.evaluate(f"td => ({style})(td, '::before').content")
    assert len(set(glyphs.values())) == len(glyphs), glyphs  # a glyph per status, the second cue
    for a, b in (("added", "removed"), ("changed", "added"), ("changed", "removed"), ("moved", "removed")):
        assert _apart(colours[a], colours[b]) > 0.08, (a, b, colours[a], colours[b])
    index = gwr_report / "index.html"
    page = viewed.open(index)
    heat = {}
    for cls in ("sn", "sc", "sr", "sd"):
        cell = page.locator(f"#slogan-map td.{cls}").first
        heat[cls] = cell.evaluate(f"td => ({style})(td, null).backgroundColor")
    for a, b in (("sn", "sd"), ("sn", "sr"), ("sr", "sd"), ("sc", "sd")):
        assert _apart(heat[a], heat[b]) > 0.15, (a, b, heat[a], heat[b])
    marks = {
        c: page.locator(f"#slogan-map td.{c}").first.evaluate(f"td => ({style})(td, '::before').content")
        for c in ("sn", "sr", "sd")
    }
    assert len(set(marks.values())) == 3 and "none" not in marks.values()


_ONE_LINE = (  # the number of lines an element's text takes
    "el => { const r = document.createRange(); r.selectNodeContents(el);"
    " return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; }"
)


def test_dates_and_lines_in_context_never_wrap(viewed, gwr_report, wic_report):
    width, height = viewed.size
    page = viewed.open(gwr_report / "index.html")
    page.click("button.show-all")
    lines = page.locator("#documents tbody tr td:first-child").evaluate_all(f"cells => cells.map({_ONE_LINE})")
    assert lines and set(lines) == {1}
    page = viewed.open(wic_report / "index.html")
    page.locator("#slogan-map button.phrase", has_text="网络空间命运共同体").first.click()
    panel = page.locator("#kwic")
    panel.wait_for(state="visible")
    cells = panel.locator("td.kw-left, td.kw-hit, td.kw-right, td.kw-doc")
    assert set(cells.evaluate_all(f"cells => cells.map({_ONE_LINE})")) == {1}
    years = [int(y) for y in panel.locator("tbody tr td:nth-child(2)").all_inner_texts() if y]
    assert years == sorted(years)  # by date, then position
    shot(page, f"kwic-{width}x{height}.png")


# --- accessibility -------------------------------------------------------------------------


def _axe(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it (npm ci in tests/browser)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {
              runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              resultTypes: ["violations"]})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("which", ["wic-index", "gwr-index", "gwr-diff"])
def test_every_control_is_named_and_the_contrast_holds(viewed, wic_report, gwr_report, which):
    path = {
        "wic-index": wic_report / "index.html",
        "gwr-index": gwr_report / "index.html",
        "gwr-diff": gwr_report / "diff-2024-gwr-2025-gwr.html",
    }[which]
    page = viewed.open(path)
    if which.endswith("index"):
        page.wait_for_selector("#matrix[data-ready]", state="attached")
    violations = _axe(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
