"""Slogan tracking on the real corpora: exact counts, nesting, statuses, variants, bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpuscompare import load_corpus
from corpuscompare.analyze.track import find_variants, occurrences, track
from corpuscompare.corpus.document import build_document
from corpuscompare.errors import ConfigError
from corpuscompare.model.findings import TrackOptions
from corpuscompare.prepare.series import filter_documents

WIC = load_corpus("wic")
WIC_DIR = Path(__file__).resolve().parent.parent / "corpora" / "wic"
GWR = load_corpus("gwr")


@pytest.mark.parametrize("corpus", [WIC, GWR], ids=["wic", "gwr"])
def test_counts_equal_brute_force_substring_counts(corpus):
    result = track(corpus.documents, corpus.config.slogans, TrackOptions(variants=False))
    for s in result.slogans:
        for doc in corpus.documents:
            # brute force: slide over every position, take non-overlapping matches
            n, pos = 0, 0
            while True:
                pos = doc.text.find(s.phrase, pos)
                if pos < 0:
                    break
                n += 1
                pos += len(s.phrase)
            assert s.counts[doc.id] == n, (s.phrase, doc.id)
            assert s.rate[doc.id] == round(n * 10000 / doc.chars, 2)


def test_nested_slogans_count_inside_and_standalone():
    result = track(WIC.documents, ["网络空间命运共同体", "命运共同体"], TrackOptions(variants=False))
    long, short = result.slogans
    total_long = sum(long.counts.values())
    total_short = sum(short.counts.values())
    assert total_short >= total_long > 0
    assert sum(short.standalone.values()) == total_short - total_long
    # 2014: "你中有我、我中有你的命运共同体" is a standalone occurrence
    assert short.standalone["2014-11-19-xi-congratulatory-message"] == 1


def test_first_last_years_and_statuses_match_the_texts():
    result = track(WIC.documents, ["网络空间命运共同体", "人工智能", "互联网+"], TrackOptions(variants=False))
    by = {s.phrase: s for s in result.slogans}
    community = by["网络空间命运共同体"]
    assert community.first_year == 2015 and community.last_year == 2024
    assert community.status["2014-11-19-xi-congratulatory-message"] == "absent"
    assert community.status["2015-12-16-xi-keynote"] == "new"
    assert by["人工智能"].first_year == 2017
    plus = by["互联网+"]
    assert plus.years_present == (2015,)
    assert plus.status["2016-11-16-xi-video-speech"] == "dropped"
    assert "2016-11-16-xi-video-speech" in plus.weak  # a news summary's silence


def test_full_width_plus_in_gwr_counts_as_plus():
    raw = sum(d.raw.count("互联网＋") + d.raw.count("互联网+") for d in GWR.documents)
    result = track(GWR.documents, ["互联网＋"], TrackOptions(variants=False))
    assert result.slogans[0].phrase == "互联网+"
    assert sum(result.slogans[0].counts.values()) == raw > 0


def test_by_period_and_where():
    result = track(WIC.documents, ["网络空间命运共同体"], TrackOptions(by_period=True, variants=False))
    units = {u.key: u for u in result.units}
    assert len(units["2017"].documents) == 3
    s = result.slogans[0]
    assert s.counts["2017"] == sum(d.text.count("网络空间命运共同体") for d in WIC.documents if d.year == 2017)
    xi = filter_documents(WIC.documents, ["speaker=习近平"])
    assert {d.speaker for d in xi} == {"习近平"} and len(xi) == 13
    not_xi = filter_documents(WIC.documents, ["speaker!=习近平"])
    assert {d.id for d in not_xi} == {"2017-12-03-wang-huning-keynote", "2024-11-20-ding-xuexiang-keynote"}
    with pytest.raises(ConfigError):
        filter_documents(WIC.documents, ["speaker"])


def test_bad_input():
    with pytest.raises(ConfigError, match="empty"):
        track(WIC.documents, [])
    never = track(WIC.documents, ["数字丝绸之路"], TrackOptions(variants=False)).slogans[0]
    assert sum(never.counts.values()) == 0 and never.first_year is None
    assert set(never.status.values()) == {"absent"}
    one = track(WIC.documents[:1], ["网络主权", "人工智能"], TrackOptions(variants=False))
    assert [s.status[WIC.documents[0].id] for s in one.slogans] == ["new", "absent"]


def test_english_counts_case_insensitive_on_word_boundaries():
    doc = build_document("e", "e.txt", "Alpha Beta said alpha beta. Alphabeta is not alpha-beta nor ALPHA  beta.", {})
    # whole words only (not "Alphabeta"); a hyphenated compound is its spaced form
    assert len(occurrences(doc.text, "alpha beta")) == 4
    result = track([doc], ["Alpha Beta"], TrackOptions(variants=False))
    assert result.slogans[0].counts["e"] == 4
    assert result.slogans[0].rate["e"] == round(4 * 10000 / doc.words, 2)


def test_formulation_drift_in_wic():
    variants = find_variants(WIC.documents, "互联网治理体系")
    texts = {(v.first_year, v.text): v for v in variants}
    old = texts[(2014, "建立多边、民主、透明的国际互联网治理体系")]
    new = texts[(2015, "建立多边、民主、透明的全球互联网治理体系")]
    assert old.group == new.group
    assert [op.as_list() for op in new.ops if op.op != "equal"] == [["delete", "国际"], ["insert", "全球"]]
    space = find_variants(WIC.documents, "网络空间")
    first = next(v for v in space if v.text == "共同构建和平、安全、开放、合作的网络空间")
    later = next(v for v in space if v.text == "构建更加和平安全的网络空间")
    assert first.group == later.group and first.first_year == 2014 and later.first_year == 2023
    assert set(first.docs) == {"2014-11-19-xi-congratulatory-message", "2015-12-16-xi-keynote"}


def test_variants_never_start_mid_clause_punctuation():
    for slogan in WIC.config.slogans:
        for v in find_variants(WIC.documents, slogan):
            assert not re.match(r"^[、，。”’)]", v.text), v.text


def test_counts_leave_transcript_noise_out():
    """A slogan is counted in every role but noise: (Applause.) is not a use of 'applause'."""
    doc = build_document("n", "n.txt", "We welcome the applause of history. (Applause.) Thank you.", {})
    assert doc.text.lower().count("applause") == 2
    timeline = track([doc], ["applause"], TrackOptions(variants=False)).slogans[0]
    assert timeline.counts["n"] == 1


def test_variants_are_formulas_not_contexts():
    wic = WIC.documents
    slogans = list(WIC.config.slogans)
    timelines = track(wic, slogans, TrackOptions()).slogans
    by = {t.phrase: t for t in timelines}
    # a shorter slogan's variants do not repeat the longer slogan's
    assert by["网络空间命运共同体"].variants and not by["命运共同体"].variants
    texts = {v.text for t in timelines for v in t.variants}
    # what follows a slogan is context (网络空间不是…, 网络空间是虚拟的): no variant holds it
    assert not any(t.startswith("网络空间") and t != "网络空间" for t in texts)
    assert all(any(t.endswith(s) or s in t for s in slogans) for t in texts)
    # the 国际 -> 全球 drift is found, diffed at word boundaries
    drift = {v.text: v for v in by["全球互联网治理体系"].variants}
    assert [op.as_list() for op in drift["建立多边、民主、透明的全球互联网治理体系"].ops if op.op != "equal"] == [
        ["delete", "国际"],
        ["insert", "全球"],
    ]
    # a different verb before a slogan is context, not a variant
    assert not {"维护网络安全", "打造网络安全"} <= texts
    # another term is not a variant: 中国现代化(建设) is not a form of 中国式现代化
    modern = find_variants(GWR.documents, "中国式现代化")
    assert all("中国式现代化" in v.text for v in modern)


def test_english_variants_cut_at_word_boundaries():
    inaugural = load_corpus("inaugural")
    for slogan in ("liberty", "the union", "freedom"):
        for v in find_variants(inaugural.documents, slogan):
            old = "".join(op.text for op in v.ops if op.op != "insert")
            for op in v.ops:  # every change is whole words of its side (never "[-m-]{+bef+}ore")
                side = v.text if op.op == "insert" else old
                if op.op != "equal" and op.text.strip():
                    assert re.search(rf"(?<!\w){re.escape(op.text.strip())}(?!\w)", side), (slogan, v.text, op)


def test_variants_are_shown_as_written():
    """A traditional-character source shows its own characters in a variant; the diff is
    the change of wording (国际 -> 全球), not the change of script."""
    import opencc

    docs = []
    for k, name in enumerate(["2014-11-19-xi-congratulatory-message", "2015-12-16-xi-keynote"]):
        body = (WIC_DIR / f"{name}.txt").read_text(encoding="utf-8").split("\n---\n", 1)[1]
        body = opencc.OpenCC("s2t").convert(body) if k else body
        docs.append(build_document(name, f"{name}.txt", body, {"lang": "zh", "date": str(2014 + k)}))
    variants = {v.text: v for v in find_variants(docs, "互联网治理体系")}
    written = variants["建立多邊、民主、透明的全球互聯網治理體系"]
    assert [op.as_list() for op in written.ops if op.op != "equal"] == [["delete", "国际"], ["insert", "全球"]]
