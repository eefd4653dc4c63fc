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
from corpuscompare.cache import Cache
from corpuscompare.cli import main
from corpuscompare.reuse import clause_spans, reuse
from corpuscompare.series import prepare


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
