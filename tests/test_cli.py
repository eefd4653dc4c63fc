"""The command line: real output of info and show, formats, exit codes, help everywhere."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from corpuscompare.cli import main

from .conftest import WIC


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_has_help():
    result = run("--help")
    assert result.exit_code == 0
    commands = list(main.commands)
    assert {"info", "show"} <= set(commands)
    for name in commands:
        sub = run(name, "--help")
        assert sub.exit_code == 0 and len(sub.output.strip().splitlines()) > 3, name


def test_info_table_lists_documents_aligned_and_flags_summaries(golden):
    result = run("info")
    assert result.exit_code == 0
    out = result.output
    assert "wic (corpora/wic): 15 documents" in out
    assert "2015-12-16-xi-keynote " in out and "2014-11-19-xi-" in out
    assert "† news summary" in out and "Problems: 0" in out
    golden("info-wic.txt", out)


def test_info_json_contract():
    data = json.loads(run("info", "wic", "--format", "json").output)
    assert set(data) >= {"corpus", "documents", "problems"}
    assert data["corpus"] == {"name": "wic", "path": "corpora/wic", "description": data["corpus"]["description"]}
    doc = data["documents"][1]
    assert set(doc) >= {
        "id",
        "title",
        "date",
        "year",
        "speaker",
        "event",
        "genre",
        "completeness",
        "lang",
        "chars",
        "sentences",
        "paragraphs",
    }
    assert doc["id"] == "2015-12-16-xi-keynote" and doc["year"] == 2015 and doc["completeness"] == "full"
    assert data["problems"] == []


def test_info_csv_and_markdown():
    rows = list(csv.DictReader(io.StringIO(run("info", "gwr", "-f", "csv").output)))
    assert len(rows) == 43 and rows[0]["id"] == "1978-gwr"
    md = run("info", "-f", "markdown").output
    assert "| date" in md and "|---" in md.replace(" ", "").replace(":", "")


def test_show_json_has_normalized_sentences_and_tokens():
    data = json.loads(run("show", "wic@2015", "-f", "json").output)
    assert data["id"] == "2015-12-16-xi-keynote"
    assert data["meta"]["speaker"] == "习近平" and data["meta"]["news_summary"] is False
    first = data["sentences"][4]
    assert set(first) >= {"index", "paragraph", "text", "tokens"}
    tokens = [t for s in data["sentences"] for t in s["tokens"]]
    assert "网络空间命运共同体" in tokens


def test_show_table_and_file_argument():
    out = run("show", str(WIC / "2015-12-16-xi-keynote.txt"), "--tokens").output
    assert "在第二届世界互联网大会开幕式上的讲话" in out and "网络空间命运共同体" in out
    summary = run("show", "wic@2014").output
    assert "†" in summary and "news summary" in summary


def test_exit_codes(tmp_path, copy_files):
    missing = run("info", str(tmp_path / "missing"))
    assert missing.exit_code == 2 and "no such corpus" in missing.output
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "a.txt").write_bytes(b"")
    nothing = run("info", str(tmp_path / "empty"))
    assert nothing.exit_code == 2 and "no document" in nothing.output
    folder = copy_files("2014-11-19-xi-congratulatory-message.txt")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    lenient = run("info", str(folder))
    assert lenient.exit_code == 0 and "warning: bad.txt" in lenient.output
    strict = run("info", str(folder), "--strict")
    assert strict.exit_code == 1
    assert run("show", "wic@2017").exit_code == 2
    assert run("info", "--format", "yaml").exit_code == 2


def test_python_dash_m_and_no_traceback_for_bad_input(tmp_path):
    bad = tmp_path / "x"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"\xff\xfe\x00\xd8" * 50)
    proc = subprocess.run([sys.executable, "-m", "corpuscompare", "info", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "no document" in proc.stderr


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_output_is_deterministic(fmt):
    assert run("info", "gwr", "-f", fmt).output == run("info", "gwr", "-f", fmt).output
