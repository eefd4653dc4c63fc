"""Figures (issue 13, part 2): quantities, indicators, targets and outcomes, on the real GWR
and inaugural texts; hostile strings are obviously artificial."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.analyze.figures import extract, extract_text, figures_result
from corpuscompare.cli.main import main
from corpuscompare.prepare.series import prepare
from corpuscompare.runtime.cache import Cache


@pytest.fixture(scope="module")
def gwr_figures():
    corpus, _ = prepare(load_corpus("gwr"), cache=Cache(None))
    return corpus, figures_result(list(corpus.documents))


def _series(result, indicator, kind):
    return next(s for s in result.series if (s.indicator, s.kind) == (indicator, kind))


def test_the_growth_target_by_year(gwr_figures):
    _, result = gwr_figures
    growth = {v.period: v for v in _series(result, "国内生产总值增长", "target").values}
    assert (growth[2014].value, growth[2014].qualifier) == (7.5, "左右")
    assert (growth[2015].value, growth[2015].qualifier) == (7.0, "左右")
    assert (growth[2016].low, growth[2016].high, growth[2016].value) == (6.5, 7.0, 6.75)
    assert (growth[2017].value, growth[2025].value, growth[2025].qualifier) == (6.5, 5.0, "左右")
    assert 2020 not in growth  # the 2020 report set no growth target
    assert all(v.period == v.year for v in growth.values())


def test_outcomes_refer_to_the_year_before(gwr_figures):
    _, result = gwr_figures
    jobs = {v.period: v for v in _series(result, "城镇新增就业", "outcome").values}
    assert jobs[2024].value == 1256 and jobs[2024].year == 2025 and jobs[2023].value == 1244
    target = {v.period: v for v in _series(result, "城镇新增就业", "target").values}
    assert (target[2024].value, target[2024].qualifier) == (1200, "以上")


def test_newest_targets_against_the_previous(gwr_figures):
    _, result = gwr_figures
    changes = {c.indicator: c for c in result.changes}
    assert changes["居民消费价格涨幅"].change == "lowered"
    assert (changes["居民消费价格涨幅"].old.value, changes["居民消费价格涨幅"].new.value) == (3.0, 2.0)
    assert changes["国内生产总值增长"].change == "unchanged"
    assert changes["赤字率"].change == "raised"


def test_not_figures():
    """Years, dates, ordinals and bare numbers (the 2025 report's own heading and dates)."""
    text = "在第十四届全国人民代表大会第三次会议上，2025年3月5日，第2次，3月份，十四五"
    assert extract_text(text, "zh") == []
    # a change against last year and the start of 从…到… are not levels
    kinds = [(f.indicator, f.value) for f in extract_text("比上年增加5000亿元，从26.6万亿元增加到51.9万亿元", "zh")]
    assert kinds[0][0] is None and kinds[1][0] is None


def test_every_target_and_outcome_has_a_readable_indicator(gwr_figures):
    corpus, _ = gwr_figures
    for doc in corpus.documents[-5:]:
        for f in extract(doc):
            if f.kind != "other":
                assert f.indicator and len(f.indicator) >= 2 and not any(c.isdigit() for c in f.indicator)
                assert f.unit and f.text and str(f.value).replace(".", "").isdigit()


def test_english_figures():
    corpus, _ = prepare(load_corpus("inaugural"), cache=Cache(None))
    found = [f for d in corpus.documents for f in extract(d)]
    assert any(f.unit == "$" and f.value == 41_000_000 for f in found)
    found = extract_text("unemployment fell to 4 percent, a debt of about $4 trillion", "en")
    assert [(f.value, f.unit, f.qualifier) for f in found] == [(4.0, "percent", None), (4.0, "$ trillion", "about")]


def test_cli_figures_json_shape_and_an_empty_corpus():
    out = CliRunner().invoke(main, ["figures", "gwr", "-f", "json", "--no-cache"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    s = data["series"][0]
    assert set(s) >= {"indicator", "kind", "unit", "values"}
    assert set(s["values"][0]) >= {"doc", "year", "period", "value", "low", "high", "qualifier", "text"}
    table = CliRunner().invoke(main, ["figures", "gwr", "--no-cache"]).output
    assert "居民消费价格涨幅" in table and "lowered" in table and "6.5%–7%" in table
    csv_out = CliRunner().invoke(main, ["figures", "gwr", "-f", "csv", "--no-cache"]).output
    assert csv_out.splitlines()[0] == "indicator,kind,unit,doc,year,period,value,low,high,qualifier,text"
    wic = CliRunner().invoke(main, ["figures", "wic", "-f", "json", "--no-cache"])
    assert wic.exit_code == 0 and json.loads(wic.output)["changes"] == []
