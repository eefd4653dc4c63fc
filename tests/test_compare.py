"""The comparison model: one typed record, serialized through one path, rendered by report/."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from corpuscompare import compare_corpus, load_corpus
from corpuscompare.cli.main import main
from corpuscompare.errors import ShapeError
from corpuscompare.model.alignment import STATUSES, Status
from corpuscompare.model.comparison import CorpusComparison
from corpuscompare.model.results import DiffRow, PairDiff
from corpuscompare.model.serialize import from_data, to_data, to_json
from corpuscompare.report.data import slim
from corpuscompare.report.files import csv_tables, render_files
from corpuscompare.runtime.cache import Cache

from .conftest import ROOT, WIC

REPORT = ROOT / "corpuscompare" / "report"
ANALYSIS = {"align", "analyze.phrases", "analyze.themes", "analyze.track", "corpus.segment", "compare"}


@pytest.fixture(scope="module")
def wic_comparison(tmp_path_factory) -> CorpusComparison:
    return compare_corpus(load_corpus("wic"), cache=Cache(tmp_path_factory.mktemp("cache")))


def test_comparison_is_typed_and_complete(wic_comparison):
    c = wic_comparison
    # 15 documents, every pair compared; chains run within a series: 习近平's 13 documents
    # less one witness (CCTV's report of the 2017 letter) make 11 links; 王沪宁 and 丁薛祥
    # have one document each
    assert len(c.documents) == 15 and len(c.continuity) == 105 and len(c.consecutive) == 11
    assert {y.series for y in c.consecutive} == {"习近平"}
    assert [w.id for w in c.layout.witnesses] == ["2017-12-03-xi-congratulatory-letter-cctv"]
    assert c.corpus.focus == "2015-12-16-xi-keynote" and c.echo is not None and c.track is not None
    first = c.consecutive[0]
    assert set(first.summary) == set(STATUSES) and 0 <= first.shares.continuing <= 1
    assert all(isinstance(r.status, Status) for d in c.diffs.values() for r in d.pairs)
    assert set(c.kwic) >= {s.phrase for s in c.track.slogans}
    # every record and every field carries a one-line docstring (checked on the source)
    tree = ast.parse((ROOT / "corpuscompare" / "model" / "comparison.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != "ComparisonOptions":
            body = node.body
            assert isinstance(body[0], ast.Expr), node.name
            fields = [k for k, stmt in enumerate(body) if isinstance(stmt, ast.AnnAssign)]
            for k in fields:
                assert isinstance(body[k + 1], ast.Expr), f"{node.name}.{body[k].target.id} has no docstring"


def test_data_json_round_trips_to_the_same_record(wic_comparison):
    data = json.loads(to_json(wic_comparison))
    assert from_data(data, CorpusComparison) == wic_comparison
    # the documented shape: statuses as names, ops as [op, text] pairs, shares as objects
    diff = next(iter(data["diffs"].values()))
    assert set(diff["pairs"][0]) == {
        "status",
        "a",
        "b",
        "a_text",
        "b_text",
        "similarity",
        "ops",
        "role",
        "a_shown",
        "b_shown",
        "reused",
        "figures",
    }
    assert all(isinstance(op, list) and len(op) == 2 for row in diff["pairs"] for op in row["ops"])
    assert set(data["consecutive"][0]["shares"]) == {"continuing", "new", "dropped"}


@pytest.mark.parametrize(
    "broken",
    [
        {"version": "2"},  # missing fields
        "not an object",
        None,
    ],
)
def test_a_record_of_the_wrong_shape_is_refused(broken):
    with pytest.raises(ShapeError):
        from_data(broken, CorpusComparison)


def test_wrong_field_types_are_refused(wic_comparison):
    row = to_data(next(iter(wic_comparison.diffs.values())).pairs[0])
    for field, value in (("status", "teleported"), ("a", "0"), ("similarity", "high"), ("ops", [["equal"]])):
        with pytest.raises(ShapeError):
            from_data({**row, field: value}, DiffRow)
    with pytest.raises(ShapeError):
        from_data({**row, "extra": 1}, DiffRow)


def test_slim_keeps_counts_and_drops_rows_in_the_documented_order(wic_comparison):
    full = len(to_json(wic_comparison, indent=None).encode())
    assert slim(wic_comparison, full).kwic == {}
    lean = slim(wic_comparison, 1)  # everything that can go, goes
    assert all(d.pairs == () for d in lean.diffs.values())
    assert lean.echo is not None and lean.echo.sentences == () and lean.echo.reuse == wic_comparison.echo.reuse
    assert lean.continuity == () and lean.keyness.comparisons == ()
    assert [y.shares for y in lean.consecutive] == [y.shares for y in wic_comparison.consecutive]


def test_report_package_imports_no_analysis_module():
    for path in sorted(REPORT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                module = node.module or ""
                assert not any(module == m or module.startswith(m + ".") for m in ANALYSIS), module
    # and at run time: rendering needs none of them
    code = (
        "import sys, corpuscompare.report.files, corpuscompare.report.diffs, corpuscompare.report.analyses;"
        f"print(sorted(m for m in {sorted(ANALYSIS)!r} if 'corpuscompare.' + m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_report_keyness_is_the_keyness_command(wic_comparison, tmp_path):
    command = CliRunner().invoke(main, ["keyness", "wic", "-f", "csv", "--cache-dir", str(tmp_path)]).output
    assert csv_tables(wic_comparison)["keyness.csv"] == command
    assert "深化合作" in command and "深刻" in command  # 2016 against 2015: missing from the report before


def test_markdown_escapes_corpus_text(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("2018-11-07-xi-congratulatory-letter.txt", "2019-10-20-xi-congratulatory-letter.txt"):
        text = (WIC / name).read_text(encoding="utf-8")
        text = text.replace("title: ", "title: <script>alert(1)</script> | *x* ", 1)
        (folder / name).write_text(text.replace("。", "。<b>|</b>\n", 1), encoding="utf-8")
    c = compare_corpus(load_corpus(folder))
    md = render_files(c)["report.md"]
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md
    corpus_table = md.split("## 1. Corpus")[1].split("## 2.")[0]
    rows = [line for line in corpus_table.splitlines() if line.startswith("| 20")]
    assert len(rows) == 2
    for line in rows:  # a row of the corpus table: the title's | is escaped
        assert line.count("|") - line.count("\\|") == 10, line


def test_outputs_are_identical_across_hash_seeds(tmp_path):
    """Two processes with different PYTHONHASHSEED write the same bytes."""
    outs = []
    for seed in ("1", "987"):
        out = tmp_path / f"r{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "corpuscompare", "report", "wic", "-o", str(out), "--no-cache", "-q"],
            check=True,
            env=env,
            capture_output=True,
        )
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outs[0] == outs[1]


def test_quiet_report_prints_nothing_on_stderr(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "corpuscompare", "report", "wic", "-o", str(tmp_path / "r"), "-q"],
        capture_output=True,
        text=True,
        env={**os.environ, "CORPUSCOMPARE_CACHE_DIR": str(tmp_path / "c")},
    )
    assert result.returncode == 0 and result.stderr == ""


def test_changes_only_is_decided_in_the_library():
    from corpuscompare.app.commands import diff_refs
    from corpuscompare.model.alignment import AlignOptions

    full = diff_refs("wic@2018", "wic@2019", AlignOptions(), Cache(None))
    changed = diff_refs("wic@2018", "wic@2019", AlignOptions(), Cache(None), changes_only=True)
    assert isinstance(changed, PairDiff)
    assert [p for p in full.pairs if p.status != Status.SAME] == list(changed.pairs)
    assert changed.summary == full.summary and changed.shares == full.shares


def test_no_module_or_function_is_too_long():
    for path in sorted((ROOT / "corpuscompare").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) <= 620, f"{path.name}: {len(lines)} lines"
        tree = ast.parse("\n".join(lines))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                body_start = node.body[0].lineno
                length = node.end_lineno - body_start + 1
                if not node.name.endswith("_context"):  # a template context is a declarative table
                    assert length <= 70, f"{path.name}:{start} {node.name} has {length} lines"


def test_every_package_folder_is_declared():
    """setuptools warns (a 40-line banner on `make report`) when a folder inside the
    package holds files but is not in `packages`; each one is declared, with its data."""
    import tomllib

    from .conftest import ROOT

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    declared = set(config["packages"])
    for folder in (ROOT / "corpuscompare").rglob("*"):
        if folder.is_dir() and folder.name != "__pycache__" and any(f.is_file() for f in folder.iterdir()):
            name = ".".join(folder.relative_to(ROOT).parts)
            assert name in declared, f"{name} is not in [tool.setuptools] packages"
    assert "corpuscompare.report.templates" in config["package-data"]
