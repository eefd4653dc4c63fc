"""English transcripts as first-class input (issue 10, parts 3, 6 and 7).

Every text is a bundled inaugural address, or an obvious perturbation of one: typographic
apostrophes swapped in, reaction markers and struck-out words inserted, front matter cut.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.analyze.track import track
from corpuscompare.cli.main import main
from corpuscompare.corpus.document import build_document
from corpuscompare.model.document import Role
from corpuscompare.model.findings import TrackOptions
from corpuscompare.prepare.roles import assign_roles

from .conftest import ROOT

INAUGURAL = ROOT / "corpora" / "inaugural"


def body(name: str) -> str:
    return (INAUGURAL / f"{name}.txt").read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_typographic_apostrophes_count_as_ascii():
    text = body("2021-joseph-r-biden")
    plain = build_document("a", "a.txt", text, {"lang": "en"})
    curly = build_document("b", "b.txt", text.replace("'", "\u2019"), {"lang": "en"})
    assert "\u2019" in curly.raw and "\u2019" not in curly.text  # the source keeps it; comparisons do not
    word = "America's"
    counts = track([plain, curly], [word], TrackOptions(variants=False)).slogans[0].counts
    assert counts["a"] == counts["b"] == plain.text.count(word) > 0


def test_hyphenated_and_spaced_compounds_count_alike():
    corpus = load_corpus("inaugural")
    both = track(corpus.documents, ["fellow citizens", "fellow-citizens"], TrackOptions(variants=False)).slogans
    spaced, hyphened = (sum(s.counts.values()) for s in both)
    raw = sum(d.text.lower().count("fellow citizens") + d.text.lower().count("fellow-citizens") for d in corpus)
    assert spaced == hyphened == raw > 80


def test_transcript_markers_are_noise_in_any_case_and_style():
    sentences = [s.strip() + "." for s in body("2017-donald-j-trump").split(".") if len(s.strip()) > 20][:6]
    markers = ["(Applause.)", "(applause)", "[Laughter]", "<s>struck words</s>", "(The President pauses.)", ""]
    text = " ".join(f"{s} {m}" for s, m in zip(sentences, markers))
    doc = assign_roles([build_document("t", "t.txt", text, {"lang": "en"})])[0]
    noise = [s.text[a:b] for s in doc.sentences for a, b in s.noise]
    assert noise == markers[:5]
    assert all(s.role == Role.NOISE for s in doc.sentences if s.is_noise)
    assert all("applause" not in s.clean.lower() and "struck" not in s.clean for s in doc.sentences)
    # nor does a marker count as a use of its word
    assert track([doc], ["applause"], TrackOptions(variants=False)).slogans[0].counts["t"] == 0


def test_markers_leave_keyness(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    for name in ("2013-barack-obama", "2017-donald-j-trump"):
        text = (INAUGURAL / f"{name}.txt").read_text(encoding="utf-8")
        head, _, rest = text.partition("\n---\n")
        marked = rest.replace(". ", ". (Applause.) ") if "trump" in name else rest
        (folder / f"{name}.txt").write_text(f"{head}\n---\n{marked}", encoding="utf-8")
    out = CliRunner().invoke(main, ["keyness", str(folder), "-f", "json", "--no-cache"]).output
    terms = {t["term"] for c in json.loads(out)["comparisons"] for t in c["terms"]}
    assert terms and "applause" not in terms


def test_files_without_front_matter_get_speaker_and_title(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    for name in ("2005-george-w-bush", "2013-barack-obama", "2017-donald-j-trump"):
        short = name.split("-")[0] + "-" + name.split("-")[-1]
        (folder / f"{short}.txt").write_text("U.S. Capitol\n\n" + body(name), encoding="utf-8")
    (folder / "2021-biden.txt").write_text("Inaugural Address\n\n" + body("2021-joseph-r-biden"), encoding="utf-8")
    docs = {d.id: d for d in load_corpus(folder).documents}
    assert docs["2013-obama"].speaker == "obama" and docs["2013-obama"].title == "obama 2013"
    assert docs["2021-biden"].title == "Inaugural Address"  # looks like a title, opens one file only
    assert docs["2005-bush"].sentences[0].text == "U.S. Capitol"
    # a sentence is never a title
    (folder / "2022-x.txt").write_text(body("2021-joseph-r-biden"), encoding="utf-8")
    assert load_corpus(folder).get("2022-x").title == "x 2022"


def test_help_texts_have_an_english_example():
    for command in ("diff", "track", "phrases", "keyness"):
        out = CliRunner().invoke(main, [command, "--help"]).output
        assert "inaugural" in out, command


def test_repeated_lines_keep_their_place():
    """150 sentences of real addresses, each followed by (Applause.); 9 deleted, 10 inserted
    (other real sentences), a block of 5 moved: the applause lines around unchanged
    sentences stay same, and added/removed are the edits, not the repeated line."""
    import random

    from corpuscompare.align.sentences import align_packed

    inaugural = load_corpus("inaugural")
    pool = [s.text for d in inaugural.documents[-8:] for s in d.sentences if len(s.text.split()) > 6][:170]
    base = pool[:150]
    rng = random.Random(3)
    new = list(base)
    for k in sorted(rng.sample(range(150), 9), reverse=True):
        del new[k]
    for k in range(10):
        new.insert(rng.randrange(len(new)), pool[150 + k])
    block = new[20:25]
    del new[20:25]
    new[100:100] = block
    docs = [
        build_document(name, f"{name}.txt", " ".join(f"{s} (Applause.)" for s in sentences), {"lang": "en"})
        for name, sentences in (("old", base), ("new", new))
    ]
    old, new_doc = assign_roles(docs)
    units = align_packed(old, new_doc)
    removed = sum(len(u.a) for u in units if u.status == "removed")
    added = sum(len(u.b) for u in units if u.status == "added")
    # the edits: 9 + 10 sentences with their applause, the moved block's 5 applause lines
    assert removed <= 9 * 2 + 5 + 2 and added <= 10 * 2 + 5 + 2, (removed, added)
    status_b = {j: u.status for u in units for j in u.b}
    for j, s in enumerate(new_doc.sentences):
        inside = 0 < j < len(new_doc.sentences) - 1 and status_b[j - 1] == status_b[j + 1] == "same"
        if s.is_noise and inside:
            assert status_b[j] == "same", j


def _context(name: str, k: int) -> list[str]:
    return [s.text for s in load_corpus("inaugural").get(name).sentences if s.is_text][:k]


def test_sentences_sharing_only_function_words_are_not_paired():
    """Two real sentences of different addresses that share no content word ("It is the
    product of centuries." / "It is the American sound.") are not one sentence edited,
    though their words are half alike; a real edit among the same neighbours still is."""
    from dataclasses import replace as with_

    from corpuscompare.align.sentences import align_packed
    from corpuscompare.model.alignment import AlignOptions

    context = _context("2021-joseph-r-biden", 30)
    old_s, new_s = "It is the product of centuries.", "It is the American sound."
    assert any(old_s in d.text for d in load_corpus("inaugural").documents)
    assert any(new_s in d.text for d in load_corpus("inaugural").documents)
    old = build_document("o", "o.txt", " ".join([*context[:15], old_s, *context[15:]]), {"lang": "en"})
    edited = context[20].replace("our", "all our", 1)  # an edit that keeps the content
    new = build_document("n", "n.txt", " ".join([*context[:15], new_s, *context[15:20], edited, *context[21:]]), {})
    pairs = {(u.a, u.b): u.status for u in align_packed(old, new)}
    assert ((15,), (15,)) not in pairs  # not "changed"
    assert pairs[((21,), (21,))] in ("changed", "same")
    # without the content test the two would pair: the test can fail
    loose = {(u.a, u.b): u.status for u in align_packed(old, new, with_(AlignOptions(), min_content=0.0))}
    assert loose[((15,), (15,))] == "changed"


def test_gwr_policies_are_not_paired_on_their_frame():
    """推进国家水网建设 (2024) and 推进教育强国建设 (2025) are two policies, not one edited."""
    out = CliRunner().invoke(main, ["diff", "gwr@2024", "gwr@2025", "-f", "json", "--no-cache"]).output
    pairs = json.loads(out)["pairs"]
    water = next(p for p in pairs if p["a_text"] == "推进国家水网建设。")
    assert water["status"] == "removed" and water["b_text"] == ""


def test_outputs_show_the_source_text(tmp_path):
    """Comparisons run on the normalized text; diff, show, KWIC and the report display the
    text as the source writes it (typographic apostrophes; traditional characters)."""
    import opencc

    from corpuscompare.align.diff import diff_documents
    from corpuscompare.compare.results import kwic, pair_diff
    from corpuscompare.model.alignment import AlignOptions
    from corpuscompare.report.diffs import render_diff
    from corpuscompare.report.html import diff_rows

    text = body("2021-joseph-r-biden")
    old = build_document("o", "o.txt", text, {"lang": "en"})
    curly = text.replace("America's", "America\u2019s").replace("democracy", "Democracy", 1)
    new = build_document("n", "n.txt", curly, {"lang": "en"})
    diff = pair_diff(diff_documents(old, new), AlignOptions())
    shown = render_diff(diff, "table")
    assert "America\u2019s" in shown
    rows = diff_rows(diff)["pairs"]
    assert any(len(op) == 3 and "America\u2019s" in op[2] for row in rows for op in row[4])
    assert any("America\u2019s" in line.match + line.right for line in kwic([new], "America's", 8, 5))
    # traditional characters on display, simplified in comparisons
    wic = (ROOT / "corpora" / "wic" / "2015-12-16-xi-keynote.txt").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    trad = opencc.OpenCC("s2t").convert(wic)
    a = build_document("s", "s.txt", wic, {"lang": "zh"})
    b = build_document("t", "t.txt", trad, {"lang": "zh"})
    assert a.text == b.text  # compared as one text
    diff = pair_diff(diff_documents(a, b), AlignOptions())
    assert diff.shares.continuing == 1.0 and "我們" in render_diff(diff, "table")
    (tmp_path / "2015-trad.txt").write_text(trad, encoding="utf-8")
    shown_doc = json.loads(CliRunner().invoke(main, ["show", str(tmp_path / "2015-trad.txt"), "-f", "json"]).output)
    assert any("我們" in s["shown"] and "我们" in s["text"] for s in shown_doc["sentences"])


def test_inaugural_corpus_end_to_end(tmp_path):
    """The bundled English series: phrases find "fellow citizens" (hyphenated or not),
    keyness and a whole report work, and no transcript marker is a phrase or key term."""
    from corpuscompare.app.publish import build_report

    out = CliRunner().invoke(main, ["phrases", "inaugural", "--top", "10", "-f", "json", "--no-cache"]).output
    phrases = [p["phrase"] for p in json.loads(out)["phrases"]]
    assert "fellow citizens" in phrases and "united states" in phrases
    written, problems = build_report("inaugural", tmp_path / "r", cache=None)
    assert problems == () and written.files > 40
    data = json.loads((tmp_path / "r" / "data.json").read_text(encoding="utf-8"))
    assert data["layout"]["period"] == "year" and len(data["consecutive"]) == 41
    import csv

    with (tmp_path / "r" / "tables" / "keyness.csv").open(encoding="utf-8") as f:
        terms = {row["term"] for row in csv.DictReader(f)}  # data.json may be slimmed; the table has them all
    assert terms and not {"applause", "laughter", "s"} & terms
