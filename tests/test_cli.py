"""The command line: real output of info and show, formats, exit codes, help everywhere."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.cli.main import main

from .conftest import WIC


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_has_help():
    result = run("--help")
    assert result.exit_code == 0
    commands = list(main.commands)
    assert {"info", "show", "diff", "align", "phrases", "track", "themes", "keyness"} <= set(commands)
    for name, command in main.commands.items():
        sub = run(name, "--help")
        assert sub.exit_code == 0, name
        # the command's own docstring, first sentence, is what --help says it does
        first_line = command.help.split("\n\n")[0].split(".")[0].split()
        assert command.help and " ".join(first_line) in " ".join(sub.output.split()), name
        assert f"Usage: main {name}" in sub.output or f"Usage: corpuscompare {name}" in sub.output, name


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


def test_diff_json_contract():
    data = json.loads(run("diff", "gwr@2024", "gwr@2025", "-f", "json").output)
    assert set(data) >= {"a", "b", "pairs", "summary"}
    assert data["a"]["id"] == "2024-gwr" and data["b"]["id"] == "2025-gwr"
    pair = next(p for p in data["pairs"] if p["status"] == "changed")
    assert set(pair) >= {"status", "a", "b", "a_text", "b_text", "similarity", "ops"}
    assert "".join(t for op, t in pair["ops"] if op != "insert") == pair["a_text"]
    assert "".join(t for op, t in pair["ops"] if op != "delete") == pair["b_text"]
    assert sum(data["summary"].values()) == len(data["pairs"])
    assert 0 < data["shares"]["continuing"] < 1


def test_diff_table_markdown_csv_and_html(tmp_path):
    table_out = run("diff", "wic@2017-12-03-xi-congratulatory-letter", "wic@2017-12-03-xi-congratulatory-letter-cctv")
    assert table_out.exit_code == 0
    assert (
        "{+习近平在贺信中指出，+}" in table_out.output and "[-与-]" in table_out.output and "{+同+}" in table_out.output
    )
    assert "NEW:" in table_out.output and "† news summary" in table_out.output
    md = run("diff", "gwr@2024", "gwr@2025", "-f", "markdown", "--changes-only").output
    assert "| old #" in md and "~~28.6~~" in md and "| same " not in md
    rows = list(csv.reader(io.StringIO(run("diff", "gwr@2024", "gwr@2025", "-f", "csv").output)))
    assert rows[0] == ["old #", "new #", "status", "sim", "OLD", "NEW"]
    out = tmp_path / "d.html"
    result = run("diff", "gwr@2024", "gwr@2025", "-f", "html", "-o", str(out))
    assert result.exit_code == 0 and out.exists()
    from html.parser import HTMLParser

    class Page(HTMLParser):
        def __init__(self):
            super().__init__()
            self.external, self.scripts, self.current = [], {}, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            for key in ("src", "href"):
                if a.get(key) and not a[key].startswith("#"):
                    self.external.append(a[key])
            self.current = a.get("id") if tag == "script" else None

        def handle_data(self, data):
            if self.current:
                self.scripts[self.current] = self.scripts.get(self.current, "") + data

    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.external == []  # self-contained: no link or resource outside the page
    data = json.loads(run("diff", "gwr@2024", "gwr@2025", "-f", "json").output)
    import base64
    import gzip

    payload = page.scripts["diff-rows"].strip()
    rows = json.loads(gzip.decompress(base64.b64decode(payload)).decode("utf-16-le"))
    # every pair of the JSON is a row of the page, with ops that rebuild both texts
    assert len(rows["pairs"]) == len(data["pairs"])
    for (status, a, b, sim, ops, *role), pair in zip(rows["pairs"], data["pairs"]):
        assert [status, a, b, sim] == [pair["status"], pair["a"], pair["b"], pair["similarity"]]
        assert role == ([] if pair["role"] == "text" else [pair["role"]])  # rows that are not text say so
        # ops rebuild both sides as the sources write them (an equal op may carry NEW's writing)
        a_shown, b_shown = pair["a_shown"] or pair["a_text"], pair["b_shown"] or pair["b_text"]
        assert "".join(op[1] for op in ops if op[0] in "=-") == a_shown
        assert "".join(op[-1] if op[0] == "=" else op[1] for op in ops if op[0] in "=+") == b_shown
        assert len(a_shown) == len(pair["a_text"]) and len(b_shown) == len(pair["b_text"])
    assert len(rows["ghosts"]) == data["summary"]["moved"]
    # GWR 2024 opens with its title, a date line and the premier: headers, not text
    assert [p["role"] for p in data["pairs"] if {0, 1, 2} & set(p["a"])] == ["header"] * 3


def test_diff_edge_inputs(tmp_path):
    english = tmp_path / "en.txt"
    english.write_text("Alpha beta gamma. Delta epsilon.", encoding="utf-8")
    result = run("diff", "wic@2019", str(english))
    assert result.exit_code == 0 and "languages differ" in result.output.lower()
    missing = run("diff", "wic@2019", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert run("diff", str(empty), "wic@2019").exit_code == 2


def test_align_defaults_to_the_wic_focus():
    data = json.loads(run("align", "-f", "json").output)
    assert data["focus"]["id"] == "2015-12-16-xi-keynote"
    assert len(data["documents"]) == 14 and len(data["sentences"]) == 91
    first = data["sentences"][10]
    assert set(first) >= {"index", "text", "matches"}
    assert set(first["matches"]) == {d["id"] for d in data["documents"]}
    assert set(data["reuse"]) == {d["id"] for d in data["documents"]}
    assert all(set(r) == {"of_focus", "of_doc"} for r in data["reuse"].values())


def test_align_seed_file_against_corpora(tmp_path):
    from .conftest import SEED

    data = json.loads(run("align", str(SEED), "wic", "-f", "json").output)
    keynote = data["reuse"]["2015-12-16-xi-keynote"]
    assert keynote == {"of_focus": 1.0, "of_doc": 1.0}
    text = [s for s in data["sentences"] if s["role"] == "text"]
    assert len(text) >= 80 and all(s["matches"]["2015-12-16-xi-keynote"]["similarity"] == 1.0 for s in text)
    # the title, speaker line, date line and greetings are not the speaker's text: never matched
    others = [s for s in data["sentences"] if s["role"] != "text"]
    assert {"header", "greeting"} <= {s["role"] for s in others} <= {"header", "greeting", "frame"}
    assert [(s["index"], s["role"]) for s in others][:4] == [
        (0, "header"),
        (1, "header"),
        (2, "header"),
        (3, "greeting"),
    ]
    assert all(m["status"] == "none" for s in others for m in s["matches"].values())
    table_out = run("align", str(SEED), "gwr").output
    assert "Echoes of" in table_out and "of focus" in table_out
    by_id = run("align", "2017-12-03-xi-congratulatory-letter", "wic", "-f", "csv").output
    assert by_id.splitlines()[0].startswith("index,sentence,doc")
    out = tmp_path / "a.html"
    assert run("align", "-f", "html", "-o", str(out)).exit_code == 0 and "<table" in out.read_text("utf-8")


def test_phrases_command_formats():
    data = json.loads(run("phrases", "-f", "json", "--top", "30").output)
    assert len(data["phrases"]) == 30
    first = data["phrases"][0]
    assert set(first) >= {"phrase", "docs", "counts", "first_year", "last_year", "status"}
    assert any(p["phrase"] == "网络空间命运共同体" for p in data["phrases"])
    table_out = run("phrases", "--top", "5").output
    assert "timeline" in table_out and "网络空间命运共同体" in table_out
    assert run("phrases", "-f", "csv", "--top", "5").output.startswith("#,phrase,docs")
    assert run("phrases", "--min-len", "9", "--max-len", "3").exit_code == 2


def test_track_command(tmp_path):
    data = json.loads(run("track", "-f", "json").output)
    wic = load_corpus("wic")
    # corpus.yaml makes one series per speaker: every slogan has its "all" timeline and
    # one for 习近平 (the other series have one document each: no timeline of their own)
    assert [(s["phrase"], s["series"]) for s in data["slogans"]] == [
        (p, key) for p in wic.config.slogans for key in ("all", "习近平")
    ]
    s = data["slogans"][0]
    assert set(s) >= {"phrase", "counts", "standalone", "rate", "first_year", "last_year", "status", "variants"}
    assert set(data) >= {"documents", "slogans"}
    out = run(
        "track", "--slogan", "网络空间命运共同体", "--slogan", "数字丝绸之路", "--by-year", "--where", "speaker=习近平"
    )
    assert out.exit_code == 0 and "数字丝绸之路" in out.output and "years" in out.output
    watch = tmp_path / "watch.yaml"
    watch.write_text("- 网络主权\n- 互联网＋\n", encoding="utf-8")
    data = json.loads(run("track", "--watchlist", str(watch), "-f", "json").output)
    assert [s["phrase"] for s in data["slogans"]] == ["网络主权", "网络主权", "互联网+", "互联网+"]
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n", encoding="utf-8")
    result = run("track", "--watchlist", str(empty))
    assert result.exit_code == 2 and "empty" in result.output
    assert run("track", "--where", "speaker=nobody").exit_code == 2
    csv_rows = run("track", "-f", "csv", "--no-variants").output.splitlines()
    assert csv_rows[0] == "slogan,series,unit,year,count,standalone,rate_per_10k,status,news_summary,weak"


def test_themes_and_keyness_commands(tmp_path):
    data = json.loads(run("themes", "-f", "json").output)
    assert {t["name"] for t in data["themes"]} >= {"网络主权", "网络安全", "数字经济", "人工智能", "数据"}
    assert set(data["themes"][0]) >= {"name", "terms", "counts", "rate"}
    bad = tmp_path / "lex.yaml"
    bad.write_text("a: [b\n", encoding="utf-8")
    broken = run("themes", "--lexicon", str(bad))
    assert broken.exit_code == 2 and "lexicon" in broken.output and "Traceback" not in broken.output
    md = run("themes", "gwr", "-f", "markdown").output
    assert "| date" in md and "经济增长" in md
    key = json.loads(run("keyness", "gwr", "--doc", "2025", "-f", "json").output)
    (comparison,) = key["comparisons"]
    assert comparison["doc"] == "2025-gwr" and comparison["against"] == "2024-gwr"
    assert set(comparison["terms"][0]) == {"term", "g2", "log_ratio", "count", "ref_count"}
    rest = run("keyness", "--doc", "2015", "--against", "rest", "--no-phrases")
    assert rest.exit_code == 0 and "against rest" in rest.output
    assert run("keyness", "--doc", "1999").exit_code == 2


def test_kwic_command():
    data = json.loads(run("kwic", "命运共同体", "wic", "-f", "json").output)
    lines = data["lines"]
    assert data["term"] == "命运共同体" and len(lines) >= 20
    years = [line[1] for line in lines]
    assert years == sorted(years)  # by date (then position)
    assert all(line[3] == "命运共同体" for line in lines)
    assert any(line[0].endswith("†") for line in lines)  # news summaries keep their flag
    only = json.loads(run("kwic", "命运共同体", "wic", "--period", "2017", "-f", "json").output)["lines"]
    assert only and {line[1] for line in only} == {2017}
    xi = json.loads(run("kwic", "命运共同体", "wic", "--where", "speaker!=习近平", "-f", "json").output)["lines"]
    assert xi and all("-xi-" not in line[0] for line in xi)
    english = run("kwic", "fellow[- ]citizens", "inaugural", "--regex", "--period", "1789", "-f", "csv").output
    assert english.splitlines()[0] == "document,year,left,match,right" and "fellow-citizens" in english
    assert run("kwic", "fellow[", "inaugural", "--regex").exit_code == 2
    assert "1 line(s)" in run("kwic", "命运共同体", "wic", "--limit", "1").output
