"""The front page (issue 14): each period against the one before it, derived from the
comparison so that it never contradicts the sections it links to.

Real texts only: the bundled wic and gwr corpora, and 92 days of 新闻联播 (tests/data).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpuscompare import load_corpus
from corpuscompare.compare.pipeline import compare_corpus
from corpuscompare.model.alignment import Status
from corpuscompare.model.brief import Brief
from corpuscompare.model.comparison import ComparisonOptions
from corpuscompare.model.findings import Presence, presence_status
from corpuscompare.model.serialize import from_data, to_data
from corpuscompare.runtime.cache import Cache

XWLB = Path(__file__).resolve().parent / "data" / "xwlb-2018q4.jsonl.gz"


@pytest.fixture(scope="module")
def gwr(tmp_path_factory):
    return compare_corpus(load_corpus("gwr"), cache=Cache(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def wic(tmp_path_factory):
    return compare_corpus(load_corpus("wic"), cache=Cache(tmp_path_factory.mktemp("cache")))


def test_one_brief_per_period_newest_first_main_series_first(gwr, wic):
    years = [p.key for p in gwr.layout.main.periods]
    assert [(b.old, b.new) for b in gwr.briefs] == list(zip(years[-2::-1], years[:0:-1], strict=True))[:40]
    assert gwr.briefs[0].new == "2025" and gwr.briefs[0].old == "2024"
    assert wic.briefs[0].series == wic.layout.main.key  # the main series opens the page
    assert {b.series for b in wic.briefs} == {wic.layout.main.key}  # series of one period have nothing to compare
    for b in wic.briefs:
        assert from_data(to_data(b), Brief) == b


def test_counts_are_the_links_of_the_year_over_year_table(gwr, wic):
    for c in (gwr, wic):
        by_new = {}
        for y in c.consecutive:
            by_new.setdefault(y.new, []).append(y)
        rows = {(r.old, r.new): r for r in c.continuity}
        for b in c.briefs:
            links = [y for d in b.new_documents for y in by_new.get(d, []) if y.series == b.series]
            assert [(link.old, link.new) for link in b.links] == [(y.old, y.new) for y in links]
            for link, y in zip(b.links, links, strict=True):
                s = y.summary
                assert link.continues == s[Status.SAME] + s[Status.MOVED]
                assert link.changed == s[Status.CHANGED] + s[Status.SPLIT] + s[Status.MERGED]
                assert (link.added, link.dropped) == (s[Status.ADDED], s[Status.REMOVED])
                assert link.continuing == y.shares.continuing and link.formulation == rows[(y.old, y.new)].formulation
    # 2022 holds two letters of the 习近平 series: both links into it are shown, none is summed into another
    both = next(b for b in wic.briefs if b.new == "2022")
    assert len(both.links) == 2 and len(both.new_documents) == 2


def test_slogan_statuses_are_the_timeline_s(wic, gwr):
    for c in (wic, gwr):
        timelines = {(s.series, s.phrase): s for s in c.track.slogans}
        listed = 0
        for b in c.briefs:
            for t in (t for t in b.terms if t.kind == "slogan"):
                s = timelines.get((b.series, t.text)) or timelines[("all", t.text)]
                assert s.status[b.new] == t.status and t.status in (Presence.NEW, Presence.REVIVED, Presence.DROPPED)
                assert (t.old, t.new) == (s.counts.get(b.old, 0), s.counts.get(b.new, 0))
                assert t.weak == (b.new in s.weak)
                listed += 1
            # and no slogan whose timeline says new, revived or dropped is left out
            changed = (Presence.NEW, Presence.REVIVED, Presence.DROPPED)
            for (series, phrase), s in timelines.items():
                own = series == b.series or (series == "all" and len(c.layout.series) == 1)
                if own and b.old in s.counts and s.status.get(b.new) in changed:
                    assert any(t.text == phrase and t.kind == "slogan" for t in b.terms), (b.new, phrase)
        assert listed > 5
    # a drop seen only through a news summary's silence is weak evidence
    assert any(t.weak for b in wic.briefs for t in b.terms if t.status == Presence.DROPPED)


def test_phrase_statuses_agree_with_the_phrase_table_now(gwr):
    """The newest brief of the main series and the phrase table's "now" are computed apart."""
    newest = gwr.briefs[0]
    now = {p.phrase: p.status for p in gwr.phrases.phrases}
    listed = [t for t in newest.terms if t.kind == "phrase"]
    assert listed
    for t in listed:
        assert now[t.text] == t.status
    for t in listed:  # since: the run that ended, or the last period that had it
        p = next(p for p in gwr.phrases.phrases if p.phrase == t.text)
        years = [period.key for period in gwr.layout.main.periods]
        present = [any(p.counts.get(d, 0) for d in period.documents) for period in gwr.layout.main.periods]
        assert presence_status(present)[-1] == t.status
        if t.status == Presence.REVIVED:
            assert t.since == max(y for y, here in zip(years[:-1], present[:-1], strict=True) if here)
    # nested phrases of one status are listed once, by the longest
    for t in listed:
        assert not any(t.text in o.text and t.text != o.text and o.status == t.status for o in listed)


def test_figures_are_the_figures_section_s(gwr):
    newest = gwr.briefs[0]
    changed = [c for c in gwr.figures.changes if c.change != "unchanged"]
    assert newest.figures == tuple(changed)
    assert newest.figures_unchanged == sum(c.change == "unchanged" for c in gwr.figures.changes)
    diff = gwr.diffs[newest.links[-1].page]
    assert len(newest.figure_rows) == len(newest.figures) and None not in newest.figure_rows
    for f, row in zip(newest.figures, newest.figure_rows, strict=True):  # the row that shows the clause
        value, text = (f.new, diff.pairs[row].b_text) if f.new else (f.old, diff.pairs[row].a_text)
        assert value.text in text
    lowered = {f.indicator: f for f in newest.figures if f.change == "lowered"}
    assert lowered["居民消费价格涨幅"].old.value == 3 and lowered["居民消费价格涨幅"].new.value == 2


def test_evidence_points_at_the_row_that_shows_it(gwr):
    checked = 0
    for b in gwr.briefs:
        for link in b.links:
            diff = gwr.diffs.get(link.page) if link.page else None
            for side, items in (("b", link.new_sentences), ("a", link.dropped_sentences)):
                for e in items:
                    if diff is None:
                        assert e.row is None
                        continue
                    row = diff.pairs[e.row]
                    assert e.index in getattr(row, side)
                    shown = row.b_shown or row.b_text if side == "b" else row.a_shown or row.a_text
                    assert e.text.strip() in shown or shown in e.text
                    checked += 1
    assert checked > 100


def test_variants_are_formulations_of_one_period_not_the_other(gwr):
    newest = gwr.briefs[0]
    timelines = {s.phrase: s for s in gwr.track.slogans}
    assert newest.variants
    for v in newest.variants:
        s = timelines[v.slogan]
        for text in v.now:
            docs = next(x.docs for x in s.variants if x.text == text)
            assert set(docs) & set(newest.new_documents) and not set(docs) & set(newest.old_documents)
        for text in v.before:
            docs = next(x.docs for x in s.variants if x.text == text)
            assert set(docs) & set(newest.old_documents) and not set(docs) & set(newest.new_documents)


def test_daily_news_briefs_are_period_over_period(tmp_path):
    c = compare_corpus(load_corpus(XWLB), cache=Cache(tmp_path / "cache"))
    assert [(b.old, b.new) for b in c.briefs] == [("2018-11", "2018-12"), ("2018-10", "2018-11")]
    for b in c.briefs:
        change = next(p for p in c.periods if p.new == b.new)
        assert b.clauses == change.counts and b.links == () and b.page == change.page
        assert b.added_clauses == tuple((i.text, i.new_docs) for i in change.added[:6])
        assert b.dropped_clauses == tuple((i.text, i.old_docs) for i in change.dropped[:6])
        assert b.added_clauses and b.dropped_clauses
        assert len(b.new_documents) > 20


def test_a_corpus_of_one_period_has_no_brief(copy_files):
    folder = copy_files("2015-12-16-xi-keynote.txt")
    c = compare_corpus(load_corpus(folder), ComparisonOptions(), cache=Cache(None))
    assert c.briefs == ()


def test_report_md_opens_with_the_briefs_and_its_links_exist(wic_report):
    md = (wic_report / "report.md").read_text(encoding="utf-8")
    assert md.index("## What is new") < md.index("## 1. Corpus")
    links = re.findall(r"\]\(<([^>]+)>\)", md)
    assert links and all((wic_report / link).is_file() for link in links)  # pages the folder holds
    assert "that `corpuscompare report` writes beside this file" in md  # and says so for a copy alone
    cited = re.findall(r"— `([^`]+)` ¶(\d+)(?: <(https?://[^>]+)>)?", md)
    assert len(cited) > 20
    docs = {d.id: d for d in load_corpus("wic").documents}
    for doc_id, paragraph, url in cited:
        assert 1 <= int(paragraph) <= len(docs[doc_id].paragraphs)
        assert (url or None) == docs[doc_id].summary().source  # cited with its address whenever it has one
