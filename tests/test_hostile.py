"""Hostile input (issue 11, first items): what a file can make the tool print or run.

Documents are real wic texts with obviously artificial hostile metadata or lines.
"""

from __future__ import annotations

import json
import os
import shutil

from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.cli.main import main

from .conftest import WIC

NAMES = ("2018-11-07-xi-congratulatory-letter.txt", "2019-10-20-xi-congratulatory-letter.txt")


def corpus_with(tmp_path, title: str = "", speaker: str = ""):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name in NAMES:
        text = (WIC / name).read_text(encoding="utf-8")
        if title:
            head, _, rest = text.partition("title: ")
            text = head + f"title: {title}\n" + rest.split("\n", 1)[1]
        if speaker:
            text = text.replace("speaker: 习近平", f"speaker: {speaker}", 1)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_terminal_escapes_are_shown_escaped(tmp_path):
    folder = corpus_with(tmp_path, speaker='"\\e]0;PWNED\\a\\e]52;c;Y2xpcA==\\a"')
    assert "\x1b" in load_corpus(folder).documents[0].speaker  # the metadata holds them
    for args in (["info", str(folder)], ["show", f"{folder}@2018"], ["info", str(folder), "-f", "markdown"]):
        out = CliRunner().invoke(main, args).output
        assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out and "PWNED" in out, args
    data = json.loads(CliRunner().invoke(main, ["info", str(folder), "-f", "json"]).output)
    assert "\x1b" in json.dumps(data, ensure_ascii=False) or "\\u001b" in json.dumps(data)


def test_csv_cells_never_start_a_formula(tmp_path):
    folder = corpus_with(tmp_path, title='\'=HYPERLINK("http://example.invalid","x")\'', speaker="+cmd|calc")
    out = CliRunner().invoke(main, ["info", str(folder), "-f", "csv"]).output
    rows = out.splitlines()[1:]
    assert rows and all(",'=HYPERLINK" in r or "'=HYPERLINK" in r for r in rows)
    assert "'+cmd|calc" in out and ",+cmd" not in out
    keyness = CliRunner().invoke(main, ["keyness", "wic", "-f", "csv", "--no-cache"]).output
    assert any(",-" in line for line in keyness.splitlines()[1:])  # negative log ratios stay numbers


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" + "".join(
    f"{chr(99 + k)}: &{chr(99 + k)} [" + ", ".join([f"*{chr(98 + k)}"] * 9) + "]\n" for k in range(7)
)


def test_yaml_alias_bombs_are_refused_at_once(tmp_path):
    """Billion laughs in front matter and in corpus.yaml: a problem with a reason, no hang."""
    import threading

    folder = corpus_with(tmp_path)
    name = NAMES[0]
    text = (folder / name).read_text(encoding="utf-8")
    bomb_title = "title: &t [lol, lol, lol]\nspeaker: [*t, *t, *t]\n"
    (folder / name).write_text(text.replace("---\n", "---\n" + BOMB.replace("a:", "zz:", 1) + bomb_title, 1))
    (folder / "corpus.yaml").write_text("name: bomb\n" + BOMB + "description: *i\n", encoding="utf-8")
    result: dict = {}
    worker = threading.Thread(target=lambda: result.update(corpus=load_corpus(folder)), daemon=True)
    worker.start()
    worker.join(timeout=60)  # a generous guard against a hang, not a timing assertion
    assert not worker.is_alive(), "alias expansion hung"
    corpus = result["corpus"]
    problems = {p.path: p.error for p in corpus.problems}
    assert "aliases" in problems[name] and "aliases" in problems["corpus.yaml"]
    assert len(corpus.documents) == 1  # the other file loads


def test_one_bad_jsonl_line_is_one_problem(tmp_path):
    """A lone surrogate or JSON nested 100,000 deep is a problem of its line; the rest loads."""
    texts = [(WIC / n).read_text(encoding="utf-8").split("\n---\n", 1)[1] for n in NAMES]
    lines = [json.dumps({"id": f"ok-{k}", "date": "2018", "text": t}, ensure_ascii=False) for k, t in enumerate(texts)]
    lines.insert(1, '{"id": "surrogate", "text": "\\ud800 ' + "x" * 20 + '"}')
    lines.insert(2, '{"id": "deep", "text": "x", "more": ' + "[" * 100_000 + "]" * 100_000 + "}")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = load_corpus(path)
    assert [d.id for d in corpus.documents] == ["ok-0", "ok-1"]
    errors = {p.path: p.error for p in corpus.problems}
    assert "surrogate" in errors["bad.jsonl:2"] and "too deep" in errors["bad.jsonl:3"]
    result = CliRunner().invoke(main, ["info", str(path)])
    assert result.exit_code == 0 and "bad.jsonl:2" in result.output + (result.stderr or "")


def test_page_names_are_unique(tmp_path):
    """Ids that make the same safe file name (2016-b?c, 2016-b_c) get two pages."""
    from corpuscompare.compare.pages import page_name
    from corpuscompare.compare.pipeline import compare_corpus

    folder = tmp_path / "ids"
    folder.mkdir()
    sources = ("2015-12-16-xi-keynote.txt", "2016-11-16-xi-video-speech.txt", "2017-12-03-xi-congratulatory-letter.txt")
    for name, source in zip(("2015-a.txt", "2016-b?c.txt", "2016-b_c.txt"), sources):
        (folder / name).write_text((WIC / source).read_text(encoding="utf-8"), encoding="utf-8")
    corpus = load_corpus(folder)
    docs = {d.id: d for d in corpus.documents}
    first, second = page_name(docs["2015-a"], docs["2016-b?c"]), page_name(docs["2015-a"], docs["2016-b_c"])
    assert first != second and "?" not in first and second == "diff-2015-a-2016-b_c.html"
    comparison = compare_corpus(corpus)
    pages = [r.page for r in comparison.continuity if r.page]
    assert len(pages) == len(set(pages)) == 3 and set(comparison.diffs) == set(pages)


def test_what_cannot_be_read_is_listed(tmp_path, monkeypatch):
    """A folder without read permission, a broken or looping symbolic link, a link to a
    folder: each is a problem with its path, and the readable documents load."""

    folder = corpus_with(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "2020-x.txt").write_text((WIC / NAMES[0]).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "2021-gone.txt").symlink_to(folder / "missing.txt")
    (folder / "2022-loop.txt").symlink_to(folder / "2022-loop.txt")
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    real_scandir = os.scandir

    def scandir(path="."):  # tests run as root, where chmod blocks nothing: refuse as the OS would
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    corpus = load_corpus(folder)
    problems = {p.path: p.error for p in corpus.problems}
    assert "Permission denied" in problems["locked/"]
    assert problems["2021-gone.txt"] == "a broken symbolic link"
    assert problems["2022-loop.txt"] == "a symbolic link that loops"
    assert "not followed" in problems["elsewhere/"]
    assert len(corpus.documents) == 2


def test_a_report_inside_the_corpus_is_not_read_as_documents(tmp_path):
    """`report C -o C/report` is refused now; a report moved into a corpus (or written there
    by an earlier version) is skipped with a note, never loaded as documents."""
    folder = corpus_with(tmp_path)
    result = CliRunner().invoke(main, ["report", str(folder), "-o", str(folder / "report"), "-q", "--no-cache"])
    assert result.exit_code == 1 and "inside the corpus" in result.output
    result = CliRunner().invoke(main, ["report", str(folder), "-o", str(tmp_path / "report"), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    shutil.move(tmp_path / "report", folder / "report")
    corpus = load_corpus(folder)
    assert len(corpus.documents) == 2
    assert [p.path for p in corpus.problems] == ["report/"]
