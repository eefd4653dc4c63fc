"""Formulation reuse (issue 13, part 1): clauses of 7+ characters that a newer document takes
word for word from an older one, whatever the sentences. Real GWR/wic/inaugural texts, and
perturbations of them (sentences reordered, joined, split)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.analyze.reuse import clause_keys, formulation_share, keys_share, reuse
from corpuscompare.cli.main import main
from corpuscompare.corpus.clauses import clause_spans
from corpuscompare.prepare.series import prepare
from corpuscompare.runtime.cache import Cache


@pytest.fixture(scope="module")
def gwr():
    corpus, _ = prepare(load_corpus("gwr"), cache=Cache(None))
    return {d.year: d for d in corpus.documents}


def brute_clauses(doc) -> set[str]:
    """An independent cut: every run between clause punctuation, trimmed, 7+ characters."""
    out = set()
    for s in doc.sentences:
        if s.role == "text":
            for part in re.split(r"[，；：、。！？,;:!?]", s.text):
                part = part.strip(" \"'“”‘’（）()《》「」『』【】[]—-")
                if len(part) >= 7:
                    out.add(part)
    return out


def test_compact_clause_keys_give_the_same_share_as_the_clauses(gwr):
    """The continuity matrix reads digests in arrays; every pair of GWR years (both ways)
    gets the share the clause objects give, and a document reuses all of itself."""
    docs = [gwr[year] for year in sorted(gwr)]
    keys = [clause_keys(d) for d in docs]
    spans = [clause_spans(d) for d in docs]
    shares = set()
    for i in range(len(docs)):
        for j in range(len(docs)):
            expected = formulation_share(frozenset(c.key for c in spans[i]), spans[j])
            assert keys_share(keys[i], keys[j]) == expected, (docs[i].id, docs[j].id)
            shares.add(expected)
        assert keys_share(keys[i], keys[i]) == (1.0 if spans[i] else 0.0)
    assert len(shares) > len(docs)  # the shares differ from pair to pair: the test can fail


def test_gwr_2025_reuses_143_clauses_of_2024(gwr):
    result = reuse(gwr[2024], gwr[2025])
    old, new = brute_clauses(gwr[2024]), brute_clauses(gwr[2025])
    assert result.reused == sum(1 for c in clause_spans(gwr[2025]) if c.key in old) >= 140
    assert len(new & old) <= result.reused  # a clause used twice in 2025 counts twice
    assert 0.05 < result.share < 0.5
    text = gwr[2025].shown_text
    assert all(p.text in text for p in result.passages)
    assert any("坚持稳中求进工作总基调" in p.text for p in result.passages)
    assert [p.chars for p in result.passages] == sorted((p.chars for p in result.passages), reverse=True)


def test_reordered_joined_and_split_sentences_are_still_reuse(gwr):
    """The same sentences, shuffled, two joined into one and one cut in two: sentence by
    sentence much is 'changed', clause by clause all of it is reuse."""
    old = gwr[2024]
    body = [s for s in old.sentences if s.role == "text"][40:80]
    texts = [s.text for s in body]
    texts = texts[20:] + texts[:20]  # moved
    texts[0] = texts[0].rstrip("。") + "，" + texts.pop(1)  # joined
    texts[5] = texts[5].replace("，", "。", 1)  # split
    sentences = tuple(replace(s, text=t, index=k, frame=()) for k, (s, t) in enumerate(zip(body, texts, strict=False)))
    new = replace(old, id="perturbed", sentences=sentences, text="".join(texts), raw="".join(texts))
    result = reuse(old, new)
    assert result.share > 0.98


def test_frames_and_short_clauses_are_not_formulations():
    corpus, _ = prepare(load_corpus("wic"), cache=Cache(None))
    summaries = [d for d in corpus.documents if d.is_summary]
    for doc in summaries:
        for c in clause_spans(doc):
            s = doc.sentences[c.sentence]
            assert len(c.key) >= 7 and not any(a < c.end and c.start < b for a, b in s.frame)
            assert not c.key.startswith(("习近平指出", "习近平强调"))


def test_english_reuse():
    corpus, _ = prepare(load_corpus("inaugural"), cache=Cache(None))
    docs = {d.year: d for d in corpus.documents}
    result = reuse(docs[2017], docs[2017])
    assert result.share == 1.0 and result.reused == result.clauses > 20
    assert all(len(c.key) >= 25 for c in clause_spans(docs[2021]))
    assert reuse(docs[1789], docs[2021]).share < 0.05


def test_cli_reuse_in_every_format():
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["reuse", "gwr@2024", "gwr@2025", "-f", "json", "--no-cache"]).output)
    assert data["reused"] >= 140 and 0 < data["share"] < data["sentence_share"] < 1
    assert data["passages"][0]["chars"] >= data["passages"][-1]["chars"]
    table = runner.invoke(main, ["reuse", "gwr@2024", "gwr@2025", "--no-cache"]).output
    assert "of NEW's clause text is reused" in table and "sentences:" in table
    csv = runner.invoke(main, ["reuse", "gwr@2024", "gwr@2025", "-f", "csv", "--no-cache"]).output
    assert csv.splitlines()[0].startswith("#,chars,clauses")
    md = runner.invoke(main, ["reuse", "gwr@2024", "gwr@2025", "-f", "markdown", "--no-cache"]).output
    assert md.startswith("## Reuse")


def test_the_report_carries_the_formulation_share(wic_report):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO((wic_report / "tables" / "continuity.csv").read_text(encoding="utf-8"))))
    corpus, _ = prepare(load_corpus("wic"), cache=Cache(None))
    docs = {d.id: d for d in corpus.documents}
    for row in rows[:20]:
        assert float(row["formulation"]) == pytest.approx(reuse(docs[row["old"]], docs[row["new"]]).share, abs=6e-4)
    assert 'id="matrix-measure"' in (wic_report / "index.html").read_text(encoding="utf-8")


def test_diff_rows_underline_reused_clauses_inside_rewritten_and_new_sentences(gwr):
    """GWR 2024 → 2025: the spans marked in changed and added rows are made of clauses that
    2024 has word for word (an independent cut), and most reused clauses of 2025 that sit
    in such rows are marked."""
    from corpuscompare.align.sentences import align
    from corpuscompare.compare.results import REWRITTEN, pair_diff
    from corpuscompare.model.alignment import AlignOptions, Status

    old, new = gwr[2024], gwr[2025]
    diff = pair_diff(align(old, new), AlignOptions())
    known = brute_clauses(old)
    marked = 0
    for row in diff.pairs:
        if row.status not in REWRITTEN and row.status != Status.ADDED:
            assert row.reused == ()
            continue
        for a, b in row.reused:
            span = row.b_text[a:b]
            parts = [p.strip(" \"'“”‘’（）()《》「」『』【】[]—-") for p in re.split(r"[，；：、。！？]", span)]
            assert all(p in known for p in parts if len(p) >= 7), span
            assert any(len(p) >= 7 for p in parts)
            marked += 1
    in_rows = {
        (j, c.start)
        for row in diff.pairs
        if row.status in REWRITTEN or row.status == Status.ADDED
        for j in row.b
        for c in clause_spans(new)
        if c.sentence == j and c.key in known
    }
    assert marked >= 50 and len(in_rows) >= 100


def test_diff_rows_name_the_figures_that_changed(gwr):
    from corpuscompare.align.sentences import align
    from corpuscompare.compare.results import pair_diff
    from corpuscompare.model.alignment import AlignOptions, Status

    diff = pair_diff(align(gwr[2024], gwr[2025]), AlignOptions())
    edits = [(row, f) for row in diff.pairs for f in row.figures]
    assert len(edits) >= 5
    for row, f in edits:
        assert row.status in (Status.CHANGED, Status.SPLIT, Status.MERGED)
        number = re.compile(r"\d+(?:\.\d+)?")
        assert number.findall(f.old)[0] in row.a_text and number.findall(f.new)[0] in row.b_text
        assert f.unit in row.a_text and f.unit in row.b_text
        assert f.old != f.new and f.change in ("raised", "lowered", "reworded")
    jobs = [f for _, f in edits if f.indicator == "城镇新增就业"]
    assert jobs and (jobs[0].old, jobs[0].new, jobs[0].change) == ("1244万人", "1256万人", "raised")


def test_align_by_clause_follows_formulations_word_for_word(gwr):
    """align --unit clause: each formulation of the focus, and in each document the first
    sentence holding it word for word -- checked against the independent clause cut."""
    from corpuscompare.analyze.reuse import clause_echo
    from corpuscompare.model.alignment import MatchThresholds

    focus, docs = gwr[2025], [gwr[2023], gwr[2024]]
    echo = clause_echo(focus, docs, MatchThresholds())
    assert echo.unit == "clause" and len(echo.sentences) == len(clause_spans(focus))
    known = {d.id: brute_clauses(d) for d in docs}
    hits = 0
    for row in echo.sentences:
        for doc in docs:
            m = row.matches[doc.id]
            key = row.text.strip(" \"'“”‘’（）()《》「」『』【】[]—-")
            if m.status == "verbatim":
                assert key in known[doc.id] and row.text in m.text
                hits += 1
            else:
                assert m.status == "none" and key not in known[doc.id]
    assert hits >= 140  # 2025 takes 143 formulations from 2024 alone
    assert echo.reuse[gwr[2024].id].of_focus == reuse(gwr[2024], gwr[2025]).share


def test_cli_align_by_clause(tmp_path):
    out = CliRunner().invoke(main, ["align", "--unit", "clause", "gwr@2025", "gwr", "-f", "json", "--no-cache"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["unit"] == "clause" and data["sentences"]
