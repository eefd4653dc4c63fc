"""The report: what it writes, byte-identical re-runs, atomic writes, the cache, size, staleness."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpuscompare.app import publish
from corpuscompare.app.publish import build_report
from corpuscompare.cli.main import main
from corpuscompare.errors import ReportError
from corpuscompare.model.comparison import ComparisonOptions
from corpuscompare.report import write
from corpuscompare.runtime.cache import Cache
from corpuscompare.runtime.runner import Runner

from .conftest import ROOT, WIC

COMMITTED = ROOT / "reports" / "wic"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_report_writes_every_output(wic_report):
    names = set(files_of(wic_report))
    assert {"index.html", "report.md", "data.json", ".corpuscompare-report"} <= names
    for table in (
        "documents",
        "continuity",
        "year_over_year",
        "slogans",
        "variants",
        "phrases",
        "themes",
        "keyness",
        "echo",
    ):
        assert f"tables/{table}.csv" in names
    pages = [n for n in names if n.startswith("diff-")]
    assert len(pages) == 15 * 14 // 2  # wic is small: every pair gets its page
    data = json.loads((wic_report / "data.json").read_text(encoding="utf-8"))
    assert set(data) >= {
        "corpus",
        "documents",
        "continuity",
        "consecutive",
        "diffs",
        "track",
        "themes",
        "keyness",
        "phrases",
        "echo",
    }
    assert len(data["continuity"]) == 105 and len(data["consecutive"]) == 11
    assert [w["id"] for w in data["layout"]["witnesses"]] == ["2017-12-03-xi-congratulatory-letter-cctv"]
    assert data["echo"]["focus"]["id"] == "2015-12-16-xi-keynote"
    assert all(d["news_summary"] == (d["completeness"] == "news-summary") for d in data["documents"])
    # the diff JSON contract is inside for small corpora
    diff = data["diffs"][data["consecutive"][0]["page"]]
    assert set(diff["pairs"][0]) >= {"status", "a", "b", "a_text", "b_text", "similarity", "ops"}


def test_markdown_carries_the_findings_and_the_summary_flag(wic_report):
    md = (wic_report / "report.md").read_text(encoding="utf-8")
    for heading in (
        "## 1. Corpus",
        "## 2. Continuity matrix",
        "## 3. Year over year",
        "## 4. Slogans",
        "## 5. Themes",
        "## 6. Echo map",
    ):
        assert heading in md
    assert "†" in md and "news summaries" in md
    assert "网络空间命运共同体" in md


def test_rerun_is_byte_identical_with_and_without_cache(wic_report, tmp_path):
    fresh = tmp_path / "fresh"
    build_report("wic", fresh, cache=Cache(None))
    assert files_of(fresh) == files_of(wic_report)


def test_committed_report_is_not_stale(wic_report):
    """reports/wic/ holds the Markdown and the CSVs of the bundled corpus; regenerate with `make report`."""
    committed = files_of(COMMITTED)
    assert "report.md" in committed and "tables/continuity.csv" in committed
    fresh = files_of(wic_report)
    for name, content in committed.items():
        if name.endswith((".md", ".csv")):
            assert fresh.get(name) == content, f"reports/wic/{name} is stale: run `make report` and commit it"


def _forget_rendered_files(cache_dir: Path) -> int:
    """Drop the cached rendered files, so that a run must render from the cached analysis."""
    import sqlite3

    with sqlite3.connect(cache_dir / "cache.sqlite") as db:
        return db.execute("DELETE FROM entries WHERE key LIKE 'files-%'").rowcount


def test_warm_run_renders_from_the_cached_analysis(tmp_path, monkeypatch):
    """The comparison itself comes from the cache (not only the rendered files), and with
    another worker count (-j 1, then -j 2): the cache key does not depend on where it ran."""
    cache = Cache(tmp_path / "cache")
    first = tmp_path / "one"
    build_report("wic", first, cache=cache, runner=Runner(jobs=1))
    assert _forget_rendered_files(tmp_path / "cache") == 1

    def fail(*args, **kwargs):
        raise AssertionError("the analysis should come from the cache")

    monkeypatch.setattr(publish, "compare_corpus", fail)
    second = tmp_path / "two"
    build_report("wic", second, cache=cache, runner=Runner(jobs=2, min_items=1))
    assert files_of(first) == files_of(second)
    # and without the comparison in the cache the same run must compute it: the check bites
    _forget_rendered_files(tmp_path / "cache")
    with pytest.raises(AssertionError, match="from the cache"):
        build_report("wic", tmp_path / "three", cache=Cache(tmp_path / "other"))


def test_corrupt_cache_is_rebuilt_never_trusted(tmp_path):
    cache_dir = tmp_path / "cache"
    first = tmp_path / "one"
    build_report("wic", first, cache=Cache(cache_dir))
    import sqlite3

    with sqlite3.connect(cache_dir / "cache.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] > 10
        db.execute("UPDATE entries SET value = substr(value, 1, length(value) / 2) || x'00ff'")
    second = tmp_path / "two"
    build_report("wic", second, cache=Cache(cache_dir))
    assert files_of(first) == files_of(second)
    # entries with the right checksum but the wrong shape are rejected too
    from corpuscompare.report.files import generated_date
    from corpuscompare.runtime.keys import digest

    key = publish.comparison_key(build_scan(), _config(), ComparisonOptions())
    cache = Cache(cache_dir)
    cache.put(key, {"version": "2", "documents": "nonsense"})
    cache.put("files-" + digest(key, generated_date()), {"index.html": 3})
    third = tmp_path / "three"
    build_report("wic", third, cache=Cache(cache_dir))
    assert files_of(first) == files_of(third)


def build_scan():
    from corpuscompare.corpus.load import scan

    return scan("wic").entries


def _config():
    from corpuscompare.corpus.load import scan

    return scan("wic").config


def test_refuses_a_folder_that_is_not_a_report(tmp_path):
    target = tmp_path / "notes"
    target.mkdir()
    (target / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ReportError, match="not a previous report"):
        build_report("wic", target, cache=Cache(None))
    assert (target / "mine.txt").read_text(encoding="utf-8") == "keep me"
    written, _ = build_report("wic", target, cache=Cache(None), force=True)
    # --force writes the report beside the user's file; it never deletes it
    assert (target / "mine.txt").read_text(encoding="utf-8") == "keep me" and (target / "index.html").exists()
    assert written.kept == ("mine.txt",)


def test_interrupted_run_leaves_the_previous_report_and_no_litter(tmp_path, monkeypatch):
    target = tmp_path / "report"
    build_report("wic", target, cache=Cache(None))
    before = files_of(target)
    original = Path.write_bytes
    calls = {"n": 0}

    def flaky(self, data):
        calls["n"] += 1
        if calls["n"] == 20:
            raise KeyboardInterrupt
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", flaky)
    with pytest.raises(KeyboardInterrupt):
        build_report("wic", target, cache=Cache(None))
    monkeypatch.undo()
    assert files_of(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # nothing written beside it


def test_write_never_leaves_the_folder(tmp_path):
    with pytest.raises(ReportError, match="outside"):
        write.write_report({"../escape.txt": "x"}, tmp_path / "r")
    assert not (tmp_path / "escape.txt").exists()


def test_source_date_epoch_is_the_only_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_report("wic", tmp_path / "dated", cache=Cache(None))
    assert "Generated 2023-11-14." in (tmp_path / "dated" / "report.md").read_text(encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build_report("wic", tmp_path / "undated", cache=Cache(None))
    assert "Generated" not in (tmp_path / "undated" / "report.md").read_text(encoding="utf-8")


def test_every_table_about_a_document_carries_the_summary_flag(wic_report):
    import csv
    import io

    for path in sorted((wic_report / "tables").glob("*.csv")):
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        if path.name in ("phrases.csv", "variants.csv"):
            continue  # rows are phrases, not documents (their timelines mark summaries in index.html)
        assert any("news_summary" in h or h == "weak" for h in header), path.name


def test_progress_bars_only_when_asked():
    import io

    from corpuscompare.runtime.progress import StageProgress

    silent_out = io.StringIO()
    silent = StageProgress("off", silent_out)
    silent("aligning pairs", 1, 10)
    silent.close()
    assert silent_out.getvalue() == ""
    # a terminal: redrawn lines with an ETA that ignores cached units and a slow first unit
    ticks = iter([0.0, 5.0, 6.0, 7.0, 8.0, 8.0, 8.0, 8.0]).__next__
    out = io.StringIO()
    bar = StageProgress("bar", out, clock=ticks)
    bar("aligning pairs", 50, 150)  # 50 from the cache
    bar("aligning pairs", 60, 150)  # pool start-up: 5 s before the first results
    bar("aligning pairs", 70, 150)  # 10 per second from here
    bar("aligning pairs", 80, 150)
    assert bar.eta(7.0) == pytest.approx(7.0)  # 70 left at 10/s, not 70 * 5 s / 10
    bar("tracking slogans and themes", 0, 1)
    bar.close()
    text = out.getvalue()
    assert "ETA 0:07" in text and "\n" in text and "tracking slogans" in text
    # no terminal: one line per stage, counts and seconds
    ticks = iter([0.0, 3.0, 3.0, 3.0, 4.0]).__next__
    out = io.StringIO()
    lines = StageProgress("lines", out, clock=ticks)
    lines("segmenting documents", 0, 2)
    lines("segmenting documents", 2, 2)
    lines("aligning pairs", 1, 1)
    lines.close()
    assert out.getvalue() == "segmenting documents: 2/2 in 3.0 s\naligning pairs: 1/1 (1 from the cache) in 1.0 s\n"


def test_a_report_logs_every_stage_from_normalizing_on(tmp_path):
    """Without a terminal a report logs one line per stage, the first being the documents
    normalized (in a process pool), each with its counts."""
    import io
    import re

    from corpuscompare.runtime.progress import StageProgress
    from corpuscompare.runtime.runner import Runner

    out = io.StringIO()
    progress = StageProgress("lines", out)
    build_report("wic", tmp_path / "r", cache=Cache(None), progress=progress, runner=Runner(jobs=2, min_items=1))
    progress.close()
    stages = [re.match(r"(.+): (\d+)/(\d+)", line).groups() for line in out.getvalue().splitlines()]
    assert stages[0] == ("normalizing documents", "15", "15")
    assert ("segmenting documents", "15", "15") in stages and all(done == total for _, done, total in stages)
    assert [name for name, _, _ in stages] == [
        "normalizing documents",
        "deciding sentence roles",
        "segmenting documents",
        "choosing pairs to align",
        "aligning pairs",
        "diffing pairs",
        "mining phrases",
        "tracking slogans and themes",
    ]


def test_cli_report(tmp_path):
    out = tmp_path / "r"
    result = CliRunner().invoke(main, ["report", "wic", "-o", str(out), "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("MB)") and f"report written to {out / 'index.html'}" in result.output
    assert "█" not in result.output  # no progress bar when not on a terminal
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x.txt").write_text("x", encoding="utf-8")
    refused = CliRunner().invoke(main, ["report", "-o", str(tmp_path / "taken"), "--no-cache"])
    assert refused.exit_code == 1 and "--force" in refused.output


def test_default_output_folder_is_reports_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "corpus"
    shutil.copytree(WIC, folder)
    (folder / "corpus.yaml").write_text("name: mini\nfocus: 2015-12-16-xi-keynote\n", encoding="utf-8")
    for p in list(folder.glob("*.txt"))[5:]:
        p.unlink()
    written, problems = build_report(str(folder), cache=Cache(None))
    assert written.path == Path("reports") / "mini" and (tmp_path / "reports" / "mini" / "index.html").exists()
    assert problems == ()


@pytest.mark.slow
def test_gwr_report_stays_under_five_megabytes(gwr_report):
    total = sum(p.stat().st_size for p in gwr_report.rglob("*") if p.is_file())
    assert total < 5_000_000, total
    data = json.loads((gwr_report / "data.json").read_text(encoding="utf-8"))
    assert all(c["page"] for c in data["consecutive"])  # every year-over-year pair has its page
    import csv

    rows = list(csv.DictReader((gwr_report / "tables" / "continuity.csv").open(encoding="utf-8")))
    assert len(rows) == 43 * 42 // 2
    linked = [r for r in rows if r["page"]]
    assert (
        42 <= len(linked) < len(rows)
    )  # distant pairs are linked by command, not inlined  # distant pairs are linked by command, not inlined


def test_page_budget_is_respected(tmp_path):
    from dataclasses import replace

    small = replace(ComparisonOptions(), page_budget=60_000)
    out = tmp_path / "r"
    build_report("wic", out, options=small, cache=Cache(None))
    pages = [p for p in out.glob("diff-*.html")]
    assert 0 < len(pages) < 105
    assert sum(p.stat().st_size for p in pages) <= 60_000 + 200 * len(pages)  # titles differ a little
    assert os.path.exists(out / "index.html")


def test_english_corpus_end_to_end(tmp_path):
    """An obviously artificial English series (Greek letter names) through the whole report."""
    import random

    rng = random.Random(7)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda omicron sigma tau omega".split()

    def sentence() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(6, 14))).capitalize() + "."

    base = [sentence() for _ in range(40)]
    folder = tmp_path / "synthetic"
    folder.mkdir()
    for year in range(2001, 2006):
        doc = [s if rng.random() < 0.7 else sentence() for s in base]
        paragraphs = ["\n".join(doc[i : i + 4]) for i in range(0, len(doc), 4)]  # hard-wrapped lines
        body = "Remarks\n\n" + "\n\n".join(paragraphs) + "\n\n(Applause.)\n"
        (folder / f"{year}-address.txt").write_text(f"---\ntitle: Address {year}\ndate: {year}\n---\n{body}", "utf-8")
    (folder / "corpus.yaml").write_text(
        "name: synthetic\nfocus: 2001-address\nslogans: [alpha beta, omega]\nthemes:\n  greek: [alpha, omega]\n",
        encoding="utf-8",
    )
    out = tmp_path / "report"
    written, problems = build_report(str(folder), out, cache=Cache(None))
    assert problems == () and written.files > 10
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert {d["lang"] for d in data["documents"]} == {"en"}
    assert all(c["shares"]["continuing"] > 0.3 for c in data["consecutive"])  # most sentences recur
    slogan = data["track"]["slogans"][0]
    assert slogan["phrase"] == "alpha beta"
    # the report's timelines are by period (here: years, one document each)
    docs_of = {u["key"]: u["documents"] for u in data["track"]["units"]}
    assert data["track"]["period"] == "year" and list(docs_of) == [str(y) for y in range(2001, 2006)]
    text = {k: "".join((folder / f"{d}.txt").read_text("utf-8").lower() for d in docs_of[k]) for k in docs_of}
    assert all(slogan["counts"][k] <= text[k].count("alpha beta") for k in slogan["counts"])
    assert data["phrases"]["phrases"] and all(" " in p["phrase"] for p in data["phrases"]["phrases"])
