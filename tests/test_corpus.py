"""Loading corpora: folders, JSONL, encodings, front matter, and every kind of bad file."""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest

from corpuscompare import load_corpus, load_document
from corpuscompare.corpus.decode import decode
from corpuscompare.corpus.load import bundled_corpus_path, date_from_name, select
from corpuscompare.errors import CorpusNotFoundError, DecodeError, DocumentSelectionError, EmptyCorpusError

from .conftest import GWR, SEED, WIC, body_of

KEYNOTE = "2015-12-16-xi-keynote.txt"
LETTER = "2017-12-03-xi-congratulatory-letter.txt"
MESSAGE = "2014-11-19-xi-congratulatory-message.txt"


def test_bundled_corpora_load_by_name_and_sort_by_date_then_id():
    wic = load_corpus("wic")
    assert wic.name == "wic" and wic.path == "corpora/wic"
    assert len(wic) == 15 and not wic.problems
    keys = [(d.date, d.id) for d in wic]
    assert keys == sorted(keys)
    # three documents share 2017-12-03: ordered by id
    same_day = [d.id for d in wic if d.date == "2017-12-03"]
    assert same_day == sorted(same_day) and len(same_day) == 3
    gwr = load_corpus("gwr")
    assert len(gwr) == 43 and gwr.documents[0].year == 1978 and gwr.documents[-1].year == 2025


def test_bundled_path_points_at_the_shipped_folder():
    assert (bundled_corpus_path("wic") / "corpus.yaml").is_file()
    assert bundled_corpus_path("nope") is None


def test_corpus_yaml_is_read():
    wic = load_corpus("wic")
    assert wic.config.focus == "2015-12-16-xi-keynote"
    assert "网络空间命运共同体" in wic.config.dictionary and "互联网+" in wic.config.dictionary


def test_seed_is_the_keynote_body_unchanged():
    assert body_of(SEED) == body_of(WIC / KEYNOTE)


def test_metadata_and_news_summary_flag():
    wic = load_corpus("wic")
    keynote = wic.get("2015-12-16-xi-keynote")
    assert keynote.speaker == "习近平" and keynote.date == "2015-12-16" and keynote.year == 2015
    assert not keynote.is_summary
    summaries = [d.id for d in wic if d.is_summary]
    assert len(summaries) == 13
    assert "2017-12-03-xi-congratulatory-letter" not in summaries


def test_folder_is_read_recursively_and_ids_are_file_stems(copy_files):
    folder = copy_files(KEYNOTE)
    (folder / "sub").mkdir()
    shutil.copy(WIC / MESSAGE, folder / "sub" / MESSAGE)
    corpus = load_corpus(folder)
    assert [d.id for d in corpus] == ["2014-11-19-xi-congratulatory-message", "2015-12-16-xi-keynote"]
    assert corpus.get("2014-11-19-xi-congratulatory-message").path == f"sub/{MESSAGE}"


def test_no_front_matter_date_from_name_title_from_first_line(tmp_path):
    (tmp_path / "2015-12-16-xi-keynote.txt").write_text(body_of(WIC / KEYNOTE), encoding="utf-8")
    (tmp_path / "2016-sample.md").write_text("# Alpha beta gamma\n\nDelta epsilon zeta. Eta theta.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    keynote = corpus.get("2015-12-16-xi-keynote")
    assert keynote.date == "2015-12-16" and keynote.title == "在第二届世界互联网大会开幕式上的讲话"
    assert keynote.lang == "zh"
    sample = corpus.get("2016-sample")
    assert sample.date == "2016" and sample.title == "Alpha beta gamma" and sample.lang == "en"
    assert sample.sentences[0].text == "Alpha beta gamma"  # markdown '#' stripped


@pytest.mark.parametrize(
    ("stem", "date"),
    [("2016-obama", "2016"), ("2015-12-16-xi-keynote", "2015-12-16"), ("speech_2019", "2019"), ("notes", None)],
)
def test_date_from_name(stem, date):
    assert date_from_name(stem) == date


def test_jsonl_corpus_with_problems_per_line(tmp_path):
    texts = [body_of(WIC / MESSAGE), body_of(WIC / KEYNOTE)]
    lines = [
        json.dumps({"id": "msg", "date": "2014-11-19", "speaker": "习近平", "text": texts[0]}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "nokey"}),
        json.dumps({"year": 2015, "text": texts[1]}, ensure_ascii=False),
        json.dumps({"id": "msg", "text": texts[0]}, ensure_ascii=False),
        json.dumps({"id": "bad-date", "date": "2015-13-40", "text": texts[0]}, ensure_ascii=False),
    ]
    path = tmp_path / "wic.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = load_corpus(path)
    assert [d.id for d in corpus] == ["msg", "wic-4"]
    assert corpus.get("wic-4").date == "2015"
    problems = {p.path: p.error for p in corpus.problems}
    assert set(problems) == {"wic.jsonl:2", "wic.jsonl:3", "wic.jsonl:5", "wic.jsonl:6"}
    assert "invalid JSON" in problems["wic.jsonl:2"] and "duplicate" in problems["wic.jsonl:5"]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-be", "utf-8-sig"])
def test_real_file_in_other_encodings_loads_the_same(copy_files, tmp_path, encoding):
    original = load_corpus(copy_files(MESSAGE)).documents[0]
    folder = tmp_path / encoding
    folder.mkdir()
    data = (WIC / MESSAGE).read_text(encoding="utf-8")
    raw = data.encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    (folder / MESSAGE).write_bytes(raw)
    doc = load_corpus(folder).documents[0]
    assert doc.text == original.text and doc.meta["title"] == original.meta["title"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path, newline):
    data = (WIC / KEYNOTE).read_text(encoding="utf-8")
    (tmp_path / KEYNOTE).write_bytes(data.replace("\n", newline).encode("utf-8"))
    doc = load_corpus(tmp_path).documents[0]
    reference = load_corpus(WIC).get("2015-12-16-xi-keynote")
    assert doc.text == reference.text
    assert [s.text for s in doc.sentences] == [s.text for s in reference.sentences]


def test_decode_refuses_binary_and_replacement_only_bytes():
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    text = body_of(WIC / MESSAGE).encode("utf-8")
    broken = b"\xff\xfe" + text[:-3]  # a UTF-16 BOM on UTF-8 bytes cut mid-character
    with pytest.raises(DecodeError):
        decode(broken + b"\xd8")


def test_every_bad_file_is_a_problem_and_the_rest_loads(copy_files, monkeypatch):
    folder = copy_files(KEYNOTE, MESSAGE, LETTER)
    real = (WIC / LETTER).read_text(encoding="utf-8")
    # malformed YAML: an unclosed quote in a real front matter
    (folder / "bad-yaml.txt").write_text(real.replace("title: 习近平", 'title: "习近平', 1), encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "front-only.txt").write_text(real.split("\n---\n")[0] + "\n---\n", encoding="utf-8")
    (folder / "impossible-date.txt").write_text(real.replace("date: 2017-12-03", "date: 2017-02-30"), encoding="utf-8")
    (folder / "sub").mkdir()
    shutil.copy(WIC / MESSAGE, folder / "sub" / MESSAGE)  # duplicate id
    (folder / "locked.txt").write_text(real, encoding="utf-8")
    original = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus = load_corpus(folder)
    assert len(corpus) == 3
    problems = {p.path: p.error for p in corpus.problems}
    assert set(problems) == {
        "bad-yaml.txt",
        "binary.txt",
        "empty.txt",
        "front-only.txt",
        "impossible-date.txt",
        f"sub/{MESSAGE}",
        "locked.txt",
    }
    assert "line 2" in problems["bad-yaml.txt"]
    assert "binary" in problems["binary.txt"]
    assert "empty" in problems["empty.txt"]
    assert "no text" in problems["front-only.txt"]
    assert "2017-02-30" in problems["impossible-date.txt"]
    assert "duplicate" in problems[f"sub/{MESSAGE}"]
    assert "unreadable" in problems["locked.txt"]


def test_missing_path_and_empty_corpus_raise(tmp_path):
    with pytest.raises(CorpusNotFoundError):
        load_corpus(tmp_path / "nope")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(EmptyCorpusError, match="no document"):
        load_corpus(tmp_path)


def test_broken_corpus_yaml_is_a_problem_not_a_crash(copy_files):
    folder = copy_files(MESSAGE)
    (folder / "corpus.yaml").write_text("name: [wic\nfocus: x\n", encoding="utf-8")
    corpus = load_corpus(folder)
    assert len(corpus) == 1 and corpus.problems[0].path == "corpus.yaml"
    assert "line" in corpus.problems[0].error


def test_document_references():
    _, doc = load_document("wic@2015")
    assert doc.id == "2015-12-16-xi-keynote"
    _, doc = load_document("gwr@2024-gwr")
    assert doc.year == 2024
    _, doc = load_document("wic@2017-12-03-xi-congratulatory-letter")  # exact id beats prefix
    assert not doc.is_summary
    _, doc = load_document(str(WIC / KEYNOTE))
    assert doc.id == "2015-12-16-xi-keynote"
    with pytest.raises(DocumentSelectionError, match="3 documents"):
        load_document("wic@2017")
    with pytest.raises(DocumentSelectionError, match="no document"):
        load_document("wic@1999")
    with pytest.raises(CorpusNotFoundError):
        load_document("nope.txt")


def test_select_by_id_prefix():
    corpus = load_corpus(GWR)
    assert select(corpus, "2025").id == "2025-gwr"


@pytest.mark.parametrize("name", ["wic", "gwr", "inaugural"])
def test_bundled_watch_lists_occur_in_their_texts(name):
    """A bundled corpus.yaml names only words its own texts use (nothing invented)."""
    from corpuscompare.analyze.track import occurrences
    from corpuscompare.corpus.load import BUNDLED

    assert name in BUNDLED
    corpus = load_corpus(name)
    for word in (*corpus.config.slogans, *corpus.config.dictionary):
        assert any(occurrences(d.text, word) for d in corpus.documents), (name, word)


def test_documents_built_in_worker_processes_equal_those_built_here(tmp_path):
    """Normalizing and segmenting run in a process pool (each worker sends back the text and
    one row of integers per sentence): the documents are the same as built in this process,
    transcript noise (inserted into real addresses) and metadata included."""
    from corpuscompare.corpus.load import corpus_from_scan, scan
    from corpuscompare.runtime.runner import Runner

    source = bundled_corpus_path("inaugural")
    for k, path in enumerate(sorted(source.glob("*.txt"))[:12]):
        text = path.read_text(encoding="utf-8")
        (tmp_path / path.name).write_text(text.replace(". ", ". (Applause.) ", k % 3), encoding="utf-8")
    found = scan(tmp_path)
    here = corpus_from_scan(found, Runner(jobs=1)).documents
    pooled = corpus_from_scan(found, Runner(jobs=2, min_items=1)).documents
    assert any(s.is_noise for d in here for s in d.sentences)
    assert pooled == here and [d.meta for d in pooled] == [d.meta for d in here]


def test_files_read_in_worker_processes_give_the_same_scan(tmp_path, monkeypatch):
    """Reading and decoding run in a process pool: the entries and the problems (an empty
    file, bytes that are no text, a second file with an id already taken) are those of a
    scan in this process, in the same order."""
    import corpuscompare.corpus.load as corpus_module
    from corpuscompare.runtime.runner import Runner

    source = bundled_corpus_path("inaugural")
    for path in sorted(source.glob("*.txt"))[:20]:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "empty.txt").write_text("\n \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "again").mkdir()
    twin = sorted(source.glob("*.txt"))[3]
    (tmp_path / "again" / twin.name).write_text(twin.read_text(encoding="utf-8")[:500], encoding="utf-8")

    def scanned(runner: Runner):
        monkeypatch.setattr(corpus_module, "Runner", lambda: runner)
        found = corpus_module.scan(tmp_path)
        return found.entries, found.problems

    here = scanned(Runner(jobs=1))
    assert scanned(Runner(jobs=2, min_items=1)) == here
    entries, problems = here
    assert len(entries) == 20 and {p.path for p in problems} >= {"empty.txt", "binary.txt", f"again/{twin.name}"}
    assert any("duplicate document id" in p.error for p in problems)
