"""Themes (leftmost-longest counts) and keyness (G², log ratio) on the real corpora."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import pytest

from corpuscompare import load_corpus
from corpuscompare.analyze.keyness import keyness, log_likelihood, log_ratio, term_counts
from corpuscompare.analyze.themes import theme_counts
from corpuscompare.corpus.config import load_lexicon
from corpuscompare.corpus.segment import Tokenizer, tokenize_document
from corpuscompare.errors import ConfigError, DocumentSelectionError
from corpuscompare.model.findings import KeynessOptions

WIC = load_corpus("wic")
GWR = load_corpus("gwr")


def brute_force(text: str, terms) -> int:
    """Leftmost-longest, non-overlapping: at each position try the longest term first."""
    ordered = sorted(terms, key=len, reverse=True)
    n, pos = 0, 0
    while pos < len(text):
        for term in ordered:
            if text.startswith(term, pos):
                n += 1
                pos += len(term)
                break
        else:
            pos += 1
    return n


@pytest.mark.parametrize("corpus", [WIC, GWR], ids=["wic", "gwr"])
def test_theme_counts_are_leftmost_longest(corpus):
    for series in theme_counts(corpus.documents, corpus.config.themes):
        for doc in corpus.documents:
            assert series.counts[doc.id] == brute_force(doc.text, series.terms), (series.name, doc.id)
            assert series.counts[doc.id] == sum(series.contributions[doc.id].values())


def test_rates_and_changes():
    series = theme_counts(WIC.documents, WIC.config.themes)[0]
    ids = [d.id for d in WIC.documents]
    assert series.change[ids[0]] is None
    for prev, cur in itertools.pairwise(ids):
        assert series.change[cur] == round(series.rate[cur] - series.rate[prev], 2)
    doc = WIC.documents[1]
    assert series.rate[doc.id] == round(series.counts[doc.id] * 10000 / doc.chars, 2)


def test_longer_term_wins_over_nested_one():
    doc = WIC.get("2023-11-08-xi-video-address")  # 加强数据安全和个人信息保护
    series = theme_counts([doc], {"数据": ["数据", "数据安全"]})[0]
    assert series.contributions[doc.id].get("数据安全") == 1
    assert series.counts[doc.id] == doc.text.count("数据")  # 数据安全 counted once, not twice


def test_broken_or_empty_lexicon_is_a_clear_error(tmp_path):
    bad = tmp_path / "lex.yaml"
    bad.write_text("网络安全: [网络安全, 数据\n  主权: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line"):
        load_lexicon(bad)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="map each theme"):
        load_lexicon(wrong)
    with pytest.raises(ConfigError, match="empty"):
        theme_counts(WIC.documents, {})


def test_g2_and_log_ratio_by_hand():
    a, b, c, d = 30, 10, 10000, 12000
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    assert log_likelihood(a, b, c, d) == pytest.approx(2 * (a * math.log(a / e1) + b * math.log(b / e2)))
    assert log_ratio(a, b, c, d) == pytest.approx(math.log2((a / c) / (b / d)))
    assert log_ratio(5, 0, 100, 100) == pytest.approx(math.log2(5 / 0.5))


def test_keyness_of_a_real_report_against_its_predecessor():
    tokenizer = Tokenizer(GWR.config.dictionary)
    docs = [GWR.get("2024-gwr"), GWR.get("2025-gwr")]
    tokens = {d.id: tokenize_document(d, tokenizer) for d in docs}
    (comparison,) = keyness(docs, tokens, KeynessOptions(doc="2025-gwr", against="previous", top=15))
    assert comparison.against == "2024-gwr"
    over = [t for t in comparison.terms if t.log_ratio > 0]
    under = [t for t in comparison.terms if t.log_ratio < 0]
    assert over and under
    for t in comparison.terms:
        assert t.g2 >= 3.84 and t.count + t.ref_count >= 3
        assert t.g2 == pytest.approx(
            log_likelihood(t.count, t.ref_count, comparison.size, comparison.ref_size), abs=1e-3
        )
    counts, _ = term_counts(docs[1], tokens["2025-gwr"])
    assert "的" not in counts and "我们" not in counts  # stop words dropped


def test_keyness_against_rest_id_and_edge_cases():
    tokenizer = Tokenizer(WIC.config.dictionary)
    tokens = {d.id: tokenize_document(d, tokenizer) for d in WIC.documents}
    every = keyness(WIC.documents, tokens, KeynessOptions(min_freq=2, min_g2=0.0))
    assert [c.doc for c in every] == [d.id for d in WIC.documents[1:]]  # the first has no predecessor
    rest = keyness(WIC.documents, tokens, KeynessOptions(doc="2015-12-16-xi-keynote", against="rest", min_g2=0.0))
    assert rest[0].against == "rest" and rest[0].ref_size > rest[0].size
    other = keyness(
        WIC.documents,
        tokens,
        KeynessOptions(doc="2015-12-16-xi-keynote", against="2014-11-19-xi-congratulatory-message"),
    )
    assert other[0].against == "2014-11-19-xi-congratulatory-message"
    one = replace(WIC, documents=WIC.documents[:1])
    assert keyness(one.documents, tokens) == []
    with pytest.raises(DocumentSelectionError):
        keyness(WIC.documents, tokens, KeynessOptions(doc="nope"))
