"""Hostile input (issue 11, first items): what a file can make the tool print or run.

Documents are real wic texts with obviously artificial hostile metadata or lines.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.cli import main

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
