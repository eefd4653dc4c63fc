"""Hostile input (issue 11, the rest): never lose a file, never hang, never trust the cache.

Corpora are real wic/gwr texts (copied, or with punctuation stripped as the perturbation
of a hostile file); the user's files are obviously artificial strings.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpuscompare import load_corpus
from corpuscompare.app.publish import build_report
from corpuscompare.cli.main import main
from corpuscompare.corpus.segment import LONG_SENTENCE
from corpuscompare.errors import ReportError
from corpuscompare.report import write
from corpuscompare.runtime.cache import Cache

from .conftest import GWR, WIC

NAMES = ("2018-11-07-xi-congratulatory-letter.txt", "2019-10-20-xi-congratulatory-letter.txt")


def small_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in NAMES:
        (folder / name).write_bytes((WIC / name).read_bytes())
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str):
    return CliRunner().invoke(main, [*args, "-q", "--no-cache"])


# --- 1. never delete what the tool did not write ---------------------------------------------
def test_the_corpus_is_never_the_report_folder(tmp_path):
    project = tmp_path / "project"
    corpus = small_corpus(project / "corpus")
    (project / "thesis.docx").write_bytes(b"artificial thesis bytes")
    before = snapshot(project)
    for out in (corpus, project, corpus / "report"):
        for force in ((), ("--force",)):
            result = run("report", str(corpus), "-o", str(out), *force)
            assert result.exit_code == 1, (out, force, result.output)
            assert "corpus" in result.output and "Traceback" not in result.output
    assert snapshot(project) == before


def test_files_the_tool_did_not_write_are_kept(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".corpuscompare-report").write_bytes(b"")  # an empty marker proves nothing
    (out / "thesis.docx").write_bytes(b"artificial thesis bytes")
    assert run("report", str(corpus), "-o", str(out)).exit_code == 0
    assert (out / "thesis.docx").read_bytes() == b"artificial thesis bytes"
    listed = json.loads((out / ".corpuscompare-report").read_text(encoding="utf-8"))["files"]
    assert "index.html" in listed and "thesis.docx" not in listed
    assert listed["report.md"] == __import__("hashlib").sha256((out / "report.md").read_bytes()).hexdigest()
    # files a user adds inside a report survive the next run, folders too
    (out / "tables" / "my-notes.txt").write_text("artificial notes", encoding="utf-8")
    (out / "mine").mkdir()
    (out / "mine" / "a.txt").write_text("artificial", encoding="utf-8")
    result = run("report", str(corpus), "-o", str(out))
    assert result.exit_code == 0 and "kept 3 file(s)" in result.output
    assert (out / "tables" / "my-notes.txt").read_text(encoding="utf-8") == "artificial notes"
    assert (out / "mine" / "a.txt").exists() and (out / "thesis.docx").exists()


def test_edited_report_files_need_force_and_foreign_files_are_never_replaced(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert run("report", str(corpus), "-o", str(out)).exit_code == 0
    original = (out / "report.md").read_bytes()
    (out / "report.md").write_text("edited by hand", encoding="utf-8")
    refused = run("report", str(corpus), "-o", str(out))
    assert refused.exit_code == 1 and "edited" in refused.output and "report.md" in refused.output
    assert (out / "report.md").read_text(encoding="utf-8") == "edited by hand"
    assert run("report", str(corpus), "-o", str(out), "--force").exit_code == 0
    assert (out / "report.md").read_bytes() == original
    # a stale page the tool wrote (listed, unchanged) goes; a user's file where a report file goes is a refusal
    marker = out / ".corpuscompare-report"
    data = json.loads(marker.read_text(encoding="utf-8"))
    (out / "diff-gone.html").write_text("old page", encoding="utf-8")
    data["files"]["diff-gone.html"] = __import__("hashlib").sha256(b"old page").hexdigest()
    del data["files"]["index.html"]
    marker.write_text(json.dumps(data), encoding="utf-8")
    for force in ((), ("--force",)):
        result = run("report", str(corpus), "-o", str(out), *force)
        assert result.exit_code == 1 and "did not write" in result.output and "index.html" in result.output
    assert (out / "diff-gone.html").exists()
    (out / "index.html").unlink()
    assert run("report", str(corpus), "-o", str(out)).exit_code == 0
    assert not (out / "diff-gone.html").exists() and (out / "index.html").exists()


def test_a_hostile_marker_cannot_point_outside(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("artificial", encoding="utf-8")
    hashed = __import__("hashlib").sha256(b"artificial").hexdigest()
    (out / ".corpuscompare-report").write_text(json.dumps({"files": {"../victim.txt": hashed}}), encoding="utf-8")
    assert run("report", str(corpus), "-o", str(out)).exit_code == 0
    assert victim.read_text(encoding="utf-8") == "artificial"


# --- 3. a killed run never leaves the user without the report that was there ------------------
KILL = """
import os, sys
from corpuscompare.runtime.cache import Cache
from corpuscompare.app.publish import build_report
from corpuscompare.report import write
real = os.rename
calls = []
def rename(a, b):
    if ".old-" not in str(a):  # the swap's renames, not a recovery's
        calls.append(a)
    if len(calls) == int(sys.argv[3]):
        os._exit(9)  # as a kill -9 would, nothing cleaned up
    real(a, b)
write.os.rename = rename
build_report(sys.argv[1], sys.argv[2], cache=Cache(None))
"""


@pytest.mark.parametrize("at", [1, 2])
def test_a_kill_during_the_swap_is_recovered(tmp_path, at):
    """Killed before the first rename (a build folder is left) or between the two (the
    previous report is aside, none in place): the next run puts it right."""
    corpus = small_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    build_report(str(corpus), out, cache=Cache(None))
    (out / "mine.txt").write_text("artificial", encoding="utf-8")
    before = snapshot(out)
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", KILL, str(corpus), str(out), str(at)], timeout=300)
        assert proc.returncode == 9
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out."))
    assert leftovers and all(re.fullmatch(r"\.out\.(tmp|old)-\d+-\w+", n) for n in leftovers)
    assert out.exists() == (at == 1)
    assert write.recover(out)  # says what it did
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    result = run("report", str(corpus), "-o", str(out))
    assert result.exit_code == 0 and (out / "mine.txt").exists()


def test_recovery_leaves_folders_it_did_not_make(tmp_path):
    out = tmp_path / "out"
    lookalike = tmp_path / ".out.tmp-1-abc"  # a user's folder with the same shape of name, no marker
    lookalike.mkdir()
    (lookalike / "x.txt").write_text("artificial", encoding="utf-8")
    assert write.recover(out) == []
    assert (lookalike / "x.txt").exists()


def test_write_refuses_paths_outside_and_non_folders(tmp_path):
    with pytest.raises(ReportError, match="outside"):
        write.write_report({"a/../../x": "x"}, tmp_path / "r")
    (tmp_path / "file").write_text("artificial", encoding="utf-8")
    with pytest.raises(ReportError, match="not a folder"):
        write.write_report({"index.html": "x"}, tmp_path / "file")


# --- 4. workers die with their parent ------------------------------------------------------
ORPHAN = """
import operator, sys, time
from corpuscompare.runtime.runner import Runner
# each worker blocks, as on a long pair; forked workers, or workers of a fork server
list(Runner(jobs=2).map(operator.call, [600] * 40, time.sleep, inherit=sys.argv[1] == "fork"))
"""


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _descendants(pid: int) -> list[int]:
    kids = _children(pid)
    return kids + [d for k in kids for d in _descendants(k)]


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_die_with_their_parent(method):
    proc = subprocess.Popen([sys.executable, "-c", ORPHAN, method])
    try:
        deadline = time.monotonic() + 120
        expected = 2 if method == "fork" else 3  # the fork server and its two workers
        while len(_descendants(proc.pid)) < expected and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        workers = _descendants(proc.pid)
        assert len(workers) >= expected
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_running(w) for w in workers)
    finally:
        for w in _descendants(proc.pid):
            os.kill(w, signal.SIGKILL)
        proc.kill()


UNGUARDED = """
print("script body runs", flush=True)
import sys
from corpuscompare import load_corpus
from corpuscompare.runtime.cache import Cache
from corpuscompare.model.alignment import AlignOptions
from corpuscompare.align.batch import pairwise
from corpuscompare.runtime.runner import Runner
docs = load_corpus(sys.argv[1]).documents
pairs = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))]
print(len(pairwise(docs, pairs, AlignOptions(), Cache(None), Runner(jobs=2, min_items=2))), "pairs aligned")
"""


def test_workers_of_the_fork_server_do_not_run_an_unguarded_script_again(tmp_path):
    """A library user's script without ``if __name__ == "__main__"``: alignment workers (of
    a fork server) import what they run by name and never run the script's body."""
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(WIC)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    n = len(load_corpus(WIC).documents)
    assert proc.stdout.splitlines() == ["script body runs", f"{n * (n - 1) // 2} pairs aligned"]


# --- 8. text without punctuation is cut into bounded units -----------------------------------
def _unpunctuated(tmp_path: Path, chars: int) -> tuple[Path, Path]:
    """Two files of real GWR text with every punctuation mark and line break removed; the
    second is the first shifted by 300 characters."""
    text = ""
    for path in sorted(GWR.glob("*.txt")):
        text += re.sub(r"[\W_]+", "", path.read_text(encoding="utf-8").split("\n---\n", 1)[1])
        if len(text) >= chars:
            break
    text = text[:chars]
    head = "---\ntitle: 无标点 (artificial)\ndate: {}\n---\n"
    a, b = tmp_path / "2020-a.txt", tmp_path / "2021-b.txt"
    a.write_text(head.format("2020-01-01") + text, encoding="utf-8")
    b.write_text(head.format("2021-01-01") + text[:300] + text[:-300], encoding="utf-8")
    return a, b


def test_a_text_without_punctuation_is_cut_into_bounded_units(tmp_path):
    a, b = _unpunctuated(tmp_path, 600_000)
    corpus = load_corpus(tmp_path)
    lengths = [len(s.text) for d in corpus.documents for s in d.sentences]
    assert max(lengths) <= LONG_SENTENCE and len(lengths) > 2 * 600_000 / LONG_SENTENCE
    # a hang guard, not a timing assertion: the case ran for minutes before
    proc = subprocess.run(
        [sys.executable, "-m", "corpuscompare", "diff", str(a), str(b), "-f", "json", "--no-cache"],
        capture_output=True,
        timeout=600,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    shares = json.loads(proc.stdout)["shares"]
    assert shares["continuing"] > 0.99  # the same content cuts the same way, shifted or not


# --- 13, 14. the cache is checked, private, and its path resolved once -------------------------
def test_a_re_signed_cache_entry_is_not_trusted(tmp_path):
    cache_dir = tmp_path / "cache"
    corpus = small_corpus(tmp_path / "corpus")
    build_report(str(corpus), tmp_path / "one", cache=Cache(cache_dir))
    assert (cache_dir.stat().st_mode & 0o777) == 0o700
    assert (cache_dir / "secret").stat().st_mode & 0o777 == 0o600
    import hashlib
    import hmac
    import zlib

    with sqlite3.connect(cache_dir / "cache.sqlite") as db:
        rows = db.execute("SELECT key, value FROM entries").fetchall()
        for key, blob in rows:
            text = zlib.decompress(blob).decode()
            forged = zlib.compress(text.replace("<body", "<script>alert(1)</script><body").encode())
            for mac_key in (b"", hashlib.sha256(forged).digest()):  # no secret: any key is a guess
                mac = hmac.new(mac_key, key.encode() + b"\0" + forged, hashlib.sha256).digest()
                db.execute("UPDATE entries SET value = ?, mac = ? WHERE key = ?", (forged, mac, key))
    build_report(str(corpus), tmp_path / "two", cache=Cache(cache_dir))
    assert "<script>alert" not in (tmp_path / "two" / "index.html").read_text(encoding="utf-8")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_entries_of_the_wrong_shape_are_missing_not_errors(tmp_path):
    """Signed with the right secret (as a bug or an older version could write them):
    tokens of the wrong type, rendered files with a `../` path."""
    cache_dir = tmp_path / "cache"
    corpus = small_corpus(tmp_path / "corpus")
    build_report(str(corpus), tmp_path / "one", cache=Cache(cache_dir))
    cache = Cache(cache_dir)
    with sqlite3.connect(cache_dir / "cache.sqlite") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM entries")]
    for key in keys:
        value = cache.get(key)
        if key.startswith("files-"):
            value = {**value, "../escape.html": "artificial"}
        elif key.startswith(("tokens-", "roles-")):
            value = [[5, {"x": 1}]] * len(value)
        else:
            continue
        cache.put(key, value)
    args = ["report", str(corpus), "-o", str(tmp_path / "two"), "-q", "--cache-dir", str(cache_dir)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "escape.html").exists()
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_a_cache_folder_of_another_user_is_not_used(tmp_path, monkeypatch):
    cache_dir = tmp_path / "shared"
    cache_dir.mkdir()
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)  # as if another user owned it
    cache = Cache(cache_dir)
    cache.put("k", [1])
    assert cache.get("k") is None and "another user" in (cache.problem or "")
    assert not (cache_dir / "cache.sqlite").exists()


def test_a_planted_jieba_cache_is_never_loaded(tmp_path):
    import jieba

    from corpuscompare.corpus.segment import _initialize, _jieba_version

    cache_dir = tmp_path / "cache"
    cache = Cache(cache_dir)
    cache.put("k", [1])  # makes the folder and its secret
    planted = cache_dir / f"jieba-{_jieba_version()}.cache"
    planted.write_bytes(b"artificial, not a marshal dump")
    tk = jieba.Tokenizer()
    _initialize(tk, cache_dir)
    assert planted.read_bytes() != b"artificial, not a marshal dump"  # deleted, rebuilt, sealed
    assert (cache_dir / f"{planted.name}.mac").exists()
    assert tk.lcut("网络空间") == ["网络空间"]


def test_a_relative_cache_dir_is_resolved_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    small_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(main, ["show", "corpus@2018", "--cache-dir", "relcache", "--tokens"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "relcache" / "cache.sqlite").exists()
    assert not (tmp_path / "relcache" / "relcache").exists() and "Traceback" not in result.output


def test_cache_info_and_clear(tmp_path):
    cache_dir = tmp_path / "cache"
    small_corpus(tmp_path / "corpus")
    args = ["report", str(tmp_path / "corpus"), "-o", str(tmp_path / "r"), "-q", "--cache-dir", str(cache_dir)]
    CliRunner().invoke(main, args)
    info = CliRunner().invoke(main, ["cache", "info", "--cache-dir", str(cache_dir), "-f", "json"])
    assert info.exit_code == 0, info.output
    data = json.loads(info.output)
    assert data["entries"] > 5 and data["private"] is True and data["path"] == str(cache_dir)
    cleared = CliRunner().invoke(main, ["cache", "clear", "--cache-dir", str(cache_dir)])
    assert cleared.exit_code == 0 and "removed" in cleared.output
    assert (
        json.loads(CliRunner().invoke(main, ["cache", "info", "--cache-dir", str(cache_dir), "-f", "json"]).output)[
            "entries"
        ]
        == 0
    )


def test_the_cache_stays_under_its_size(tmp_path):
    cache = Cache(tmp_path / "c", max_bytes=200_000)
    for k in range(200):
        cache.put(f"k{k}", os.urandom(3000).hex())  # incompressible, ~6 kB each
    info = cache.info()
    assert info.bytes <= 200_000 and info.entries < 200
    assert cache.get("k199") is not None and cache.get("k0") is None  # least recently used went first


CONCURRENT = """
import sys
from corpuscompare.runtime.cache import Cache
cache = Cache(sys.argv[1])
for k in range(300):
    cache.put(f"{sys.argv[2]}-{k}", [sys.argv[2], k, "artificial " * 20])
    assert cache.get(f"{sys.argv[2]}-{k // 2}") is not None
"""


def test_concurrent_runs_share_the_cache(tmp_path):
    """Three processes write and read one cache at once (WAL): no error, nothing lost."""
    procs = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT, str(tmp_path / "c"), name], stderr=subprocess.PIPE)
        for name in ("a", "b", "c")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    cache = Cache(tmp_path / "c")
    assert all(cache.get(f"{n}-{k}") == [n, k, "artificial " * 20] for n in "abc" for k in range(300))
    assert cache.info().entries == 900
