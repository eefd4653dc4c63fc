"""Series, witnesses, periods, sentence roles, names and maximal phrases (issue 9).

Every corpus here is real (wic, gwr, inaugural, a 3-month slice of 新闻联播) or an obvious
perturbation of one (a synthetic line added to every document, front matter changed).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.align.sentences import align_packed, unit_shares
from corpuscompare.analyze.phrases import mine_phrases
from corpuscompare.analyze.track import track
from corpuscompare.cli.main import main
from corpuscompare.corpus.normalize import cut_source_lines
from corpuscompare.corpus.segment import corpus_dictionary, corpus_tokens
from corpuscompare.errors import ConfigError
from corpuscompare.model.document import Role, RoleOptions
from corpuscompare.model.findings import PhraseOptions, TrackOptions
from corpuscompare.model.layout import SeriesOptions
from corpuscompare.prepare.roles import assign_roles
from corpuscompare.prepare.series import period_key, prepare, resolve_period

from .conftest import GWR, ROOT, WIC

XWLB = ROOT / "tests" / "data" / "xwlb-2018q4.jsonl.gz"
LETTER, CCTV = "2017-12-03-xi-congratulatory-letter", "2017-12-03-xi-congratulatory-letter-cctv"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def wic():
    return prepare(load_corpus("wic"))


@pytest.fixture(scope="module")
def xwlb():
    return prepare(load_corpus(XWLB))


# --- series ------------------------------------------------------------------------------


def test_wic_series_come_from_corpus_yaml(wic):
    _, layout = wic
    assert layout.fields == ("speaker",) and [s.key for s in layout.series] == ["习近平", "丁薛祥", "王沪宁"]
    xi = layout.main
    assert len(xi.documents) == 12 and xi.witnesses == (CCTV,)
    # year over year within the series: Xi 2023 -> Xi 2024, never Xi 2023 -> 丁薛祥 2024
    assert xi.documents[-2:] == ("2023-11-08-xi-video-address", "2024-11-20-xi-video-address")


def test_series_option_front_matter_field_and_one_series(tmp_path):
    _, one = prepare(load_corpus("wic"), SeriesOptions(fields=("all",)))
    assert [s.key for s in one.series] == ["all"] and len(one.main.documents) == 14
    _, by_genre = prepare(load_corpus("wic"), SeriesOptions(fields=("speaker", "genre")))
    assert "习近平 · congratulatory-letter" in {s.key for s in by_genre.series}
    # a series: field in the front matter, and no rule in corpus.yaml
    folder = tmp_path / "c"
    folder.mkdir()
    for k, path in enumerate(sorted(WIC.glob("20*.txt"))[:6]):
        text = path.read_text(encoding="utf-8").replace("---\n", f"---\nseries: {'ab'[k % 2]}\n", 1)
        (folder / path.name).write_text(text, encoding="utf-8")
    _, layout = prepare(load_corpus(folder))
    assert layout.fields == ("series",) and sorted(s.key for s in layout.series) == ["a", "b"]
    # GWR stays one series across premiers
    _, gwr = prepare(load_corpus(GWR))
    assert [s.key for s in gwr.series] == ["all"] and len(gwr.main.documents) == 43


def test_bad_series_and_where_input():
    with pytest.raises(ConfigError):
        prepare(load_corpus("wic"), SeriesOptions(where=("speaker=nobody",)))
    with pytest.raises(ConfigError):
        resolve_period("week", [])
    for command in ("phrases", "track", "themes", "keyness", "align", "report"):
        result = run(command, "wic", "--where", "speaker=nobody")
        assert result.exit_code == 2, (command, result.output)
        assert "--series FIELD[,FIELD]" in run(command, "--help").output
    assert run("track", "wic", "--period", "fortnight").exit_code == 2


# --- witnesses ---------------------------------------------------------------------------


def test_witness_is_counted_once(wic):
    corpus, layout = wic
    assert [(w.id, w.of) for w in layout.witnesses] == [(CCTV, LETTER)] and layout.witnesses[0].coverage > 0.6
    tracked = track(corpus.documents, ["网络空间命运共同体"], TrackOptions(by_period=True, variants=False), layout)
    whole = tracked.slogans[0]
    assert whole.series == "all" and whole.counts["2017"] == 4  # the letter (2) and 王沪宁 (2), not CCTV (1)
    out = json.loads(run("track", "wic", "--period", "year", "-s", "网络空间命运共同体", "-f", "json").output)
    assert out["slogans"][0]["counts"]["2017"] == 4
    # phrase document frequencies leave the witness out
    tokens = corpus_tokens(corpus)
    phrases = mine_phrases(corpus, tokens, PhraseOptions(top=0), layout)
    assert all(CCTV not in p.counts for p in phrases)


def test_witness_is_decided_from_the_texts_not_names(tmp_path):
    folder = tmp_path / "w"
    shutil.copytree(WIC, folder)
    # the summary under a name that says nothing: still a witness
    (folder / f"{CCTV}.txt").rename(folder / "2017-12-03-zzz.txt")
    # another news summary given the letter's date: not a witness (it reports another text)
    other = (folder / "2019-10-20-xi-congratulatory-letter.txt").read_text(encoding="utf-8")
    (folder / "2019-10-20-xi-congratulatory-letter.txt").write_text(
        other.replace("date: 2019-10-20", "date: 2017-12-03"), encoding="utf-8"
    )
    _, layout = prepare(load_corpus(folder))
    assert [(w.id, w.of) for w in layout.witnesses] == [("2017-12-03-zzz", LETTER)]


# --- periods -----------------------------------------------------------------------------


def test_periods_auto_and_keys(wic, xwlb):
    assert wic[1].period == "year" and xwlb[1].period == "month"
    assert [p.key for p in xwlb[1].main.periods] == ["2018-10", "2018-11", "2018-12"]
    assert period_key("2018-11-30", "quarter") == "2018-Q4" and period_key("2018-11-30", "day") == "2018-11-30"
    _, q = prepare(load_corpus(XWLB), SeriesOptions(period="quarter"))
    assert [p.key for p in q.main.periods] == ["2018-Q4"]


def test_gaps_are_never_drops_and_now_never_contradicts_last():
    corpus, layout = prepare(load_corpus(GWR))
    assert layout.main.gaps == ("1989", "1990", "1991", "1996", "2020")
    docs = corpus.documents
    before, after = corpus.get("1988-gwr"), corpus.get("1992-gwr")
    # a word in both the report before and after a gap continues: it is not revived
    shared = next(w for w in ("改革开放", "社会主义", "经济") if w in before.text and w in after.text)
    timeline = track(docs, [shared], TrackOptions(by_period=True, variants=False), layout).slogans[0]
    assert "1989" not in timeline.counts and timeline.status["1992"] == "continuing"
    phrases = mine_phrases(corpus, corpus_tokens(corpus), PhraseOptions(top=300), layout)
    newest = layout.main.periods[-1].key
    for p in phrases:
        assert (p.last == newest) == (p.status in ("new", "continuing", "revived")), p
    for t in track(docs, corpus.config.slogans or ["改革开放"], TrackOptions(by_period=True), layout).slogans:
        now = t.status[newest]
        assert (t.last == newest) == (now in ("new", "continuing", "revived")), t.phrase


def test_xwlb_statuses_per_month_and_no_frame_in_top_phrases(xwlb):
    corpus, layout = xwlb
    phrases = mine_phrases(corpus, corpus_tokens(corpus), PhraseOptions(top=0), layout)
    top = [p.phrase for p in phrases[:40]]
    assert not {"央视网消息", "新闻联播", "中国网络电视台消息"} & set(top)
    assert "改革开放" in top[:5] and all(p.last in ("2018-10", "2018-11", "2018-12") for p in phrases[:40])
    # maximal phrases: no fragment of a fixed expression of the corpus
    found = {p.phrase for p in phrases}
    assert {"以习近平同志为核心的党中央", "新时代中国特色社会主义"} <= found
    assert not {"以习近平同志为", "时代中国", "时代中国特色"} & found
    out = run("track", str(XWLB), "--period", "month", "-s", "改革开放", "-s", "进博会")
    assert out.exit_code == 0 and "3 months" in out.output


def test_long_timelines_are_binned_never_cut():
    from corpuscompare.report.analyses import strip

    marks = strip([1] * 2366)  # 2,366 days: 40 a mark, counts summed
    assert len(marks) == 60 and "�" not in marks and marks[:59] == "+" * 59 and marks[59] == "6"
    out = run("phrases", str(XWLB), "--top", "5")
    line = next(x for x in out.output.splitlines() if x.startswith("1 "))
    assert "�" not in out.output and len(line.split()[-1]) <= 60


# --- sentence roles ----------------------------------------------------------------------


def test_roles_of_the_seed_gwr_and_cctv(wic):
    corpus, _ = wic
    seed = corpus.get("2015-12-16-xi-keynote")
    assert [s.role for s in seed.sentences[:4]] == ["header", "header", "header", "greeting"]
    assert seed.sentences[-1].text == "谢谢大家。" and sum(s.role == Role.TEXT for s in seed.sentences) >= 80
    gwr = assign_roles(load_corpus(GWR).documents)
    g2024 = next(d for d in gwr if d.id == "2024-gwr")
    assert [s.role for s in g2024.sentences[:4]] == ["header", "header", "header", "greeting"]
    # CCTV's leads are frames, the guest lists are lists; the quoted words stay text
    for doc in corpus.documents:
        lead = doc.sentences[0]
        if doc.is_summary and lead.text.startswith("央视网消息"):
            assert lead.role == Role.FRAME or lead.text[slice(*lead.frame[0])].startswith("央视网消息"), doc.id
    ding = corpus.get("2024-11-20-ding-xuexiang-keynote")
    assert any(s.role == Role.LIST and "洪都拉斯副总统" in s.text for s in ding.sentences)
    said = corpus.get("2023-11-08-xi-video-address").sentences[1]
    assert said.role == Role.TEXT and said.text[slice(*said.frame[0])] == "习近平指出，"
    assert said.clean.startswith("2015年，我在第二届世界互联网大会")


def test_daily_news_leads_are_frames(xwlb):
    corpus, _ = xwlb
    leads = [s for d in corpus.documents for s in d.sentences if s.text.startswith("央视网消息（新闻联播）：")]
    assert len(leads) > 500
    assert all(s.role == Role.FRAME or s.text[slice(*s.frame[0])] == "央视网消息（新闻联播）：" for s in leads)


def test_names_by_the_dictionary_pass_equal_names_by_the_full_tagger(xwlb):
    """``ends_with_name`` decides most items from jieba's dictionary pass and runs the HMM
    only when the last word is not a dictionary word of Han characters: on every item of
    every enumeration (split on 、) of three months of 新闻联播 it answers as the full tagger."""
    from corpuscompare.prepare.names import ends_with_name, pos_tagger

    corpus, _ = xwlb
    items = {p for d in corpus.documents for s in d.sentences if s.text.count("、") >= 2 for p in s.text.split("、")}
    items = sorted(p for p in items if 0 < len(p) <= 20)

    def full(item: str) -> bool:
        tags = [(w, flag) for w, flag in pos_tagger().lcut(item) if w.strip()]
        if not tags:
            return False
        (word, flag), before = tags[-1], tags[-2][1] if len(tags) > 1 else ""
        return (flag.startswith("nr") and len(word) >= 2) or (len(word) == 1 and before.startswith("nr"))

    answers = [full(p) for p in items]
    assert len(items) > 2000 and 50 < sum(answers) < len(items) / 2
    assert [ends_with_name(p) for p in items] == answers


def test_english_addresses(tmp_path):
    docs = assign_roles(load_corpus("inaugural").documents)
    by = {d.id: d for d in docs}
    assert by["1789-george-washington"].sentences[0].role == Role.GREETING  # Fellow-Citizens of the Senate ...:
    assert by["2017-donald-j-trump"].sentences[-2].role == Role.GREETING  # Thank you.
    assert sum(s.role == Role.TEXT for d in docs for s in d.sentences) > 0.97 * sum(len(d.sentences) for d in docs)


def _shares(corpus):
    docs = list(corpus.documents)
    out = {}
    for j in range(len(docs)):
        for i in range(j):
            units = align_packed(docs[i], docs[j])
            w = [[s.weight for s in d.sentences] for d in (docs[i], docs[j])]
            out[(docs[i].id, docs[j].id)] = unit_shares(units, *w)
    return out


@pytest.mark.parametrize("where", ["start", "end"])
def test_a_frame_line_added_everywhere_changes_no_share(tmp_path, where):
    line = "【合成测试行】本行由测试程序加入每一篇文档，内容完全相同。"  # obviously artificial
    folder = tmp_path / "framed"
    shutil.copytree(WIC, folder)
    for path in folder.glob("20*.txt"):
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        text, source = cut_source_lines(body)  # a source line stays last, as it was
        body = f"{line}\n{body}" if where == "start" else "\n".join([text.rstrip(), line, *source]) + "\n"
        path.write_text(f"{head}\n---\n{body}", encoding="utf-8")
    plain, _ = prepare(load_corpus("wic"), SeriesOptions(fields=("all",)))
    framed, _ = prepare(load_corpus(folder), SeriesOptions(fields=("all",)))
    assert all(d.sentences[0 if where == "start" else -1].role == Role.FRAME for d in framed.documents)
    assert _shares(framed) == _shares(plain)


def test_roles_read_back_from_the_cache_equal_those_decided(tmp_path, monkeypatch, xwlb):
    """Roles are stored one character a sentence plus the frame spans; read back they give
    the same sentences, and a stored entry that does not fit is decided again."""
    import corpuscompare.prepare.roles as roles_module
    from corpuscompare.runtime.cache import Cache

    corpus, _ = xwlb
    docs = [replace_roles(d) for d in corpus.documents[:60]]
    cache = Cache(tmp_path / "cache")
    decided = assign_roles(docs, cache=cache)
    assert {s.role for d in decided for s in d.sentences} >= {Role.TEXT, Role.FRAME}
    assert any(s.frame for d in decided for s in d.sentences)

    def no_counting(*args, **kwargs):
        raise AssertionError("roles were decided again")

    monkeypatch.setattr(roles_module, "_Recurrence", no_counting)
    assert assign_roles(docs, cache=cache) == decided
    key = roles_module._roles_key(docs, RoleOptions())
    stored = cache.get(key)
    cache.put(key, [[codes[:-1], frames] for codes, frames in stored])  # one sentence short
    monkeypatch.undo()
    assert assign_roles(docs, cache=cache) == decided


def replace_roles(doc):
    """``doc`` with every sentence back to plain text (no role, no frame)."""
    from dataclasses import replace

    return replace(doc, sentences=tuple(replace(s, role=Role.TEXT, frame=()) for s in doc.sentences))


def test_keep_boilerplate_turns_roles_off():
    corpus, _ = prepare(load_corpus("wic"), SeriesOptions(keep_boilerplate=True))
    assert {s.role for d in corpus.documents for s in d.sentences} == {Role.TEXT}
    assert not any(s.frame for d in corpus.documents for s in d.sentences)
    plain = assign_roles(load_corpus("wic").documents, RoleOptions(keep_boilerplate=True))
    assert [d.sentences for d in plain] == [d.sentences for d in corpus.documents]
    shown = json.loads(run("show", "wic@2015", "-f", "json", "--keep-boilerplate").output)
    assert {s["role"] for s in shown["sentences"]} == {"text"}
    shown = json.loads(run("show", "wic@2015", "-f", "json").output)
    assert [s["role"] for s in shown["sentences"][:3]] == ["header"] * 3


# --- names -------------------------------------------------------------------------------


def test_speaker_names_stay_whole(wic):
    corpus, _ = wic
    assert "丁薛祥" in corpus_dictionary(corpus)
    tokens = corpus_tokens(corpus)
    ding = corpus.get("2024-11-20-ding-xuexiang-keynote")
    flat = [t for sentence in tokens[ding.id] for t in sentence]
    assert "丁薛祥" in flat and "薛祥" not in flat
    keyness = json.loads(run("keyness", "wic", "--doc", "2024-11-20-ding", "--against", "rest", "-f", "json").output)
    assert all(t["term"] != "薛祥" for c in keyness["comparisons"] for t in c["terms"])


def test_report_shows_series_and_roles(tmp_path):
    out = tmp_path / "r"
    assert run("report", "wic", "-q", "-o", str(out), "--no-cache").exit_code == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "习近平: 12 documents" in md and "witness" in md
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    links = [(y["old"], y["new"]) for y in data["consecutive"]]
    assert ("2023-11-08-xi-video-address", "2024-11-20-xi-video-address") in links
    assert not any("ding" in a or "ding" in b for a, b in links)
    # most significant sentences are the speaker's words: no guest list, greeting or header
    for y in data["consecutive"]:
        for s in y["new_sentences"] + y["dropped_sentences"]:
            assert "先后致辞" not in s["text"] and "央视网消息" not in s["text"]
    page = next(Path(out).glob("diff-2023-11-08*2024-11-20-xi*.html"))
    assert "role" in page.read_text(encoding="utf-8")
