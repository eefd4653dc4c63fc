"""Scale (issue 12): which pairs are aligned beyond the all-pairs bound, where the work
runs (local processes or a Dask cluster, same bytes), the cache and progress.

The daily-news slice is real: 92 days of 新闻联播 (tests/data, see its SOURCES.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from corpuscompare import load_corpus
from corpuscompare.align.choice import _paragraphs, pairs_to_align, reuse_candidates
from corpuscompare.app.publish import build_report
from corpuscompare.model.comparison import ComparisonOptions
from corpuscompare.prepare.series import prepare
from corpuscompare.runtime.cache import Cache
from corpuscompare.runtime.runner import Runner

ROOT = Path(__file__).resolve().parent.parent
XWLB = ROOT / "tests" / "data" / "xwlb-2018q4.jsonl.gz"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def xwlb_docs():
    corpus, _ = prepare(load_corpus(XWLB))
    return list(corpus.documents)


def test_reuse_candidates_share_a_near_duplicate_paragraph(xwlb_docs):
    """Precision: every proposed pair shares a paragraph at least 60 % alike (rapidfuzz,
    an independent measure), and no pair comes only from a paragraph found everywhere."""
    pairs = reuse_candidates(xwlb_docs)
    assert 10 <= len(pairs) <= 8 * len(xwlb_docs)
    paras = [[p for p in _paragraphs(d) if len(p) >= 40] for d in xwlb_docs]
    bad = []
    for i, j in pairs:
        best = max((fuzz.ratio(a, b) for a in paras[i] for b in paras[j]), default=0)
        if best < 60:
            bad.append((xwlb_docs[i].id, xwlb_docs[j].id, best))
    assert len(bad) <= 0.02 * len(pairs), bad[:5]


def test_reuse_candidates_find_paragraphs_repeated_days_apart(xwlb_docs):
    """Recall: pairs of days that repeat a paragraph word for word (and that fewer than
    four days repeat), within each day's budget of candidates, are found."""
    where: dict[str, set[int]] = {}
    for k, d in enumerate(xwlb_docs):
        for p in _paragraphs(d):
            if len(p) >= 80:
                where.setdefault(p, set()).add(k)
    truth = {(min(a, b), max(a, b)) for ks in where.values() if 2 <= len(ks) <= 3 for a in ks for b in ks if a != b}
    assert truth, "the slice repeats paragraphs across days"
    found = set(reuse_candidates(xwlb_docs))
    assert len(truth & found) >= 0.8 * len(truth), (len(truth & found), len(truth))


def test_pairs_beyond_the_bound_are_links_and_candidates(xwlb_docs):
    n = len(xwlb_docs)
    links = [(k, k + 1) for k in range(n - 1)]
    assert len(pairs_to_align(xwlb_docs, links, limit=n)) == n * (n - 1) // 2
    chosen = pairs_to_align(xwlb_docs, links, limit=10)
    assert set(links) <= set(chosen) and len(chosen) < 10 * n
    assert chosen == sorted(set(chosen), key=lambda p: (p[1], p[0]))


def test_a_large_corpus_report_has_no_matrix_but_every_aligned_pair(tmp_path):
    options = ComparisonOptions(all_pairs_limit=20, detail_documents=5)
    written, _ = build_report(str(XWLB), tmp_path / "r", options=options, cache=Cache(None))
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    rows = (tmp_path / "r" / "tables" / "continuity.csv").read_text(encoding="utf-8").splitlines()
    assert "instead of all pairs" in md and "instead of all pairs" in html and 'id="matrix"' not in html
    assert 91 < len(rows) - 1 < 92 * 91 // 2
    pages = sorted(p.name for p in (tmp_path / "r").glob("period-*.html"))
    assert pages == ["period-all-2018-10-2018-11.html", "period-all-2018-11-2018-12.html"]
    assert 'href="period-all-2018-11-2018-12.html"' in html and "3b. Period over period" in md
    # past the bound, key terms and significant sentences are kept for the newest documents only
    import csv
    import io

    def rows_of(name: str) -> list[dict]:
        return list(csv.DictReader(io.StringIO((tmp_path / "r" / "tables" / name).read_text(encoding="utf-8"))))

    data = json.loads((tmp_path / "r" / "data.json").read_text(encoding="utf-8"))
    newest = sorted(data["layout"]["series"][0]["documents"])[-5:]
    assert {r["doc"] for r in rows_of("keyness.csv")} == set(newest)
    assert {r["new"] for r in rows_of("year_over_year.csv")} <= set(newest)
    assert written.bytes < 25_000_000


def test_a_dask_cluster_gives_the_same_report(tmp_path):
    """Segmentation and alignment on a LocalCluster (2 worker processes, loopback only)."""
    from distributed import LocalCluster

    local = tmp_path / "local"
    build_report("wic", local, cache=Cache(None), runner=Runner(jobs=2, min_items=1))
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = tmp_path / "dask"
        build_report("wic", remote, cache=Cache(None), runner=Runner(scheduler=cluster.scheduler_address))
    assert files_of(local) == files_of(remote)


def test_the_runner_keeps_input_order_everywhere():
    items = list(range(97))
    here = list(Runner(jobs=1).map(_square_plus, items, 3))
    pool = list(Runner(jobs=2, min_items=1).map(_square_plus, items, 3))
    assert here == pool == [k * k + 3 for k in items]


def _square_plus(shared: int, k: int) -> int:
    return k * k + shared


def test_period_over_period_on_daily_news(tmp_path):
    """Months of daily news: added/dropped/kept clauses agree with a brute-force count."""
    from corpuscompare.analyze.periods import _text, period_changes
    from corpuscompare.corpus.clauses import clauses

    corpus, layout = prepare(load_corpus(XWLB))
    changes = period_changes(corpus.documents, layout)
    assert [(c.old, c.new) for c in changes] == [("2018-10", "2018-11"), ("2018-11", "2018-12")]
    by_id = {d.id: d for d in corpus.documents}
    months = {p.key: p.documents for p in layout.main.periods}

    def df(month: str, clause: str) -> int:
        return sum(clause in set(clauses_of(by_id[i])) for i in months[month])

    def clauses_of(doc):
        return [c for t in _text(doc) for c in clauses(t, doc.lang)]

    for change in changes:
        assert change.added and change.dropped and change.kept
        for item in change.added[:10]:
            assert df(change.old, item.text) == 0 and df(change.new, item.text) == item.new_docs >= 2
            assert all(item.text in clauses_of(by_id[i]) for i in item.documents)
        for item in change.dropped[:10]:
            assert df(change.new, item.text) == 0 and df(change.old, item.text) == item.old_docs >= 2
        for item in change.kept[:10]:
            assert df(change.old, item.text) == item.old_docs >= 2 and df(change.new, item.text) == item.new_docs >= 2
        counts = [i.new_docs for i in change.added]
        assert counts == sorted(counts, reverse=True)
    # "first": 改革开放40年 is added in December and had not been a recurring clause before
    first = {i.text: i.first for i in changes[1].added}
    assert all(first[t] == (df("2018-10", t) == 0) for t in list(first)[:20])


def test_an_annual_series_has_no_period_pages():
    corpus, layout = prepare(load_corpus("gwr"))
    from corpuscompare.analyze.periods import period_changes

    assert period_changes(corpus.documents, layout) == ()


def test_track_reruns_from_the_cache(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from corpuscompare.app import commands as queries
    from corpuscompare.cli.main import main

    args = ["track", "wic", "-f", "json", "--cache-dir", str(tmp_path / "c")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output

    def fail(*a, **k):
        raise AssertionError("a warm track reads its result from the cache")

    monkeypatch.setattr(queries, "select_corpus", fail)
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0 and second.output == first.output
    # another slogan is another key
    third = CliRunner().invoke(main, [*args, "-s", "命运共同体"])
    assert third.exit_code == 1 and isinstance(third.exception, AssertionError)


def test_clauses_seen_before_stay_few_arrays_and_answer_as_a_set():
    """Period pages ask whether a clause was seen in any earlier period: the digests live
    in O(log n) sorted arrays (merged as they come), and answer as a set of the texts."""
    from corpuscompare.analyze.periods import _Seen

    seen, plain = _Seen(), set()
    for period in range(300):
        size = 300 - period if period < 200 else period % 11 + 1  # shrinking, then ragged
        texts = [f"clause {period * 7 + k}" for k in range(size)]  # obviously synthetic
        seen.update(texts)
        plain.update(texts)
        assert len(seen._runs) <= 2 + len(plain).bit_length()
    probes = [f"clause {k}" for k in range(0, 3000, 3)]
    assert [p in seen for p in probes] == [p in plain for p in probes]
    assert any(p in seen for p in probes) and not all(p in seen for p in probes)
