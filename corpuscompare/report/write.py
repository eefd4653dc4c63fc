"""Writing a report folder without ever losing a file the tool did not write.

- :func:`write_report` -- put rendered files in a folder. The new report is built in a
  hidden folder beside the target (``.NAME.tmp-PID-…``) and swapped in by two renames, so
  an interrupted run leaves the previous report as it was.
- The folder's ``.corpuscompare-report`` marker lists every file the tool wrote with its
  SHA-256. On the next run, files the marker does not list (a user's notes, a
  ``thesis.docx``) are carried into the new report untouched, ``--force`` or not; a file the
  new report needs whose path such a file holds is a refusal. Files the tool wrote and that
  were edited since (hash changed) are replaced only with ``force``.
- A folder that is not a report (no marker) and is not empty is refused unless ``force``;
  with it, the report is written beside what is there (kept).
- A folder that is, contains or lies inside the corpus is refused, ``force`` or not.
- :func:`recover` -- what a killed run left beside the target: a previous report moved
  aside while the new one was being swapped in is put back; stale build folders of dead
  runs are removed (only folders of this tool's naming that hold its marker).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReportError
from ..model.document import REPORT_MARKER

__all__ = ["MARKER", "Written", "inside", "recover", "write_report"]

MARKER = REPORT_MARKER
_LEGACY_MARKER = "This folder is a corpuscompare report; `corpuscompare report` may replace it.\n"
_MARKER_LIMIT = 16 << 20


@dataclass(frozen=True)
class Written:
    """Where a report went."""

    path: Path
    """The report folder."""
    files: int
    """Files written."""
    bytes: int
    """Their size in bytes."""
    kept: tuple[str, ...] = ()
    """Files in the folder that the tool did not write, kept as they were."""
    recovered: tuple[str, ...] = ()
    """What an interrupted earlier run had left and this one put right."""


def write_report(files: dict[str, str], out_dir: Path, *, force: bool = False, corpus: Path | None = None) -> Written:
    """Write ``files`` into ``out_dir`` (see the module docstring); ``corpus`` is the
    corpus folder or file the report must not touch."""
    given, out_dir = Path(out_dir), Path(out_dir).absolute()
    files = {rel: text for rel, text in files.items() if rel != MARKER}
    for rel in files:
        if not inside(rel):
            raise ReportError(f"refusing to write outside the report folder: {rel}")
    if corpus is not None:
        _refuse_corpus(out_dir, Path(corpus))
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot write in {parent}: {exc.strerror}") from None
    recovered = recover(out_dir)
    keep = _kept(out_dir, files, force)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-{os.getpid()}-", dir=parent))
    except OSError as exc:
        raise ReportError(f"cannot write in {parent}: {exc.strerror}") from None
    try:
        (tmp / MARKER).write_bytes(b"{}\n")  # a build folder of this tool (see recover)
        hashes, size = {}, 0
        for rel, text in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            hashes[rel] = hashlib.sha256(data).hexdigest()
            size += len(data)
        for rel in keep:
            _carry(out_dir / rel, tmp / rel)
        marker = {"corpuscompare": "report", "files": hashes}
        (tmp / MARKER).write_text(json.dumps(marker, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o755)
        _swap(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ReportError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Written(given, len(files), size, tuple(keep), tuple(recovered))


def _swap(tmp: Path, out_dir: Path) -> None:
    """``tmp`` becomes ``out_dir``; the previous one is moved aside first and removed last
    (a kill between the renames is undone by :func:`recover`)."""
    if not out_dir.exists():
        os.rename(tmp, out_dir)
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
    backup.rmdir()
    os.rename(out_dir, backup)
    try:
        os.rename(tmp, out_dir)
    except OSError:
        os.rename(backup, out_dir)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def inside(rel: str) -> bool:
    """A relative path that stays inside its folder."""
    parts = rel.split("/")
    return bool(rel) and "\\" not in rel and not rel.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def _refuse_corpus(out_dir: Path, corpus: Path) -> None:
    out, src = out_dir.resolve(), corpus.resolve()
    if out == src:
        raise ReportError(f"{out_dir} is the corpus: write the report elsewhere (-o)")
    if out.is_relative_to(src):
        raise ReportError(f"{out_dir} lies inside the corpus {corpus}: write the report elsewhere (-o)")
    if src.is_relative_to(out):
        raise ReportError(f"{out_dir} holds the corpus {corpus}: write the report elsewhere (-o)")


# --- what is in the folder already ----------------------------------------------------------
def _listed(out_dir: Path, files: dict[str, str]) -> dict[str, str | None] | None:
    """The files a previous run wrote, by path, with their SHA-256 (None: unknown, an older
    marker that listed nothing); None when the folder has no marker."""
    marker = out_dir / MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    try:
        raw = marker.read_bytes()[:_MARKER_LIMIT].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if raw == _LEGACY_MARKER:  # before hashes were kept: the report's own names, no hashes
        return dict.fromkeys(files)
    try:
        data = json.loads(raw)
        listed = data.get("files") if isinstance(data, dict) else None
    except (ValueError, RecursionError):
        listed = None
    if not isinstance(listed, dict):
        return {}
    return {k: v for k, v in listed.items() if isinstance(k, str) and isinstance(v, str) and inside(k)}


def _present(out_dir: Path) -> list[str]:
    """Every file, link and empty folder in ``out_dir`` (links are not followed)."""
    found = []
    for top, dirs, names in os.walk(out_dir):
        here = Path(top)
        links = [d for d in dirs if (here / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted([*names, *links]):
            found.append((here / name).relative_to(out_dir).as_posix())
        if not names and not dirs and here != out_dir:
            found.append(here.relative_to(out_dir).as_posix() + "/")
    return sorted(r for r in found if r != MARKER)


def _kept(out_dir: Path, files: dict[str, str], force: bool) -> list[str]:
    """What in ``out_dir`` the tool did not write (to carry over); refusals as errors."""
    if not out_dir.exists() and not out_dir.is_symlink():
        return []
    if out_dir.is_symlink() or not out_dir.is_dir():
        raise ReportError(f"{out_dir} exists and is not a folder")
    try:
        present = _present(out_dir)
    except OSError as exc:
        raise ReportError(f"cannot read {out_dir}: {exc.strerror or exc}") from None
    listed = _listed(out_dir, files)
    if listed is None:
        if present and not force:
            raise ReportError(
                f"{out_dir} is not empty and is not a previous report: give another -o, or --force to write "
                "the report beside what is there (nothing of it is deleted)"
            )
        listed = {}
    foreign = [rel for rel in present if rel not in listed]
    edited = [r for r in present if r in listed and listed[r] is not None and _sha(out_dir / r) != listed[r]]
    clash = [rel for rel in foreign if _clashes(rel, files)]
    if clash:
        raise ReportError(
            f"{out_dir} holds files corpuscompare did not write where the report goes ({', '.join(clash[:5])}): "
            "move them away or give another -o (they are never replaced, --force or not)"
        )
    if edited and not force:
        raise ReportError(
            f"files of the previous report in {out_dir} were edited since it was written ({', '.join(edited[:5])}): "
            "--force to replace them, or give another -o"
        )
    return foreign


def _clashes(rel: str, files: dict[str, str]) -> bool:
    """A path the new report needs is taken (an empty folder only clashes with a file)."""
    if rel.endswith("/"):
        return rel[:-1] in files
    return rel in files or any(f.startswith(rel + "/") or rel.startswith(f + "/") for f in files)


def _sha(path: Path) -> str | None:
    if path.is_symlink() or not path.is_file():
        return None
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _carry(src: Path, dst: Path) -> None:
    """A file the tool did not write goes into the new report as it is (a hard link)."""
    if str(dst).endswith("/") or (src.is_dir() and not src.is_symlink()):
        dst.mkdir(parents=True, exist_ok=True)
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


# --- what a killed run left behind ------------------------------------------------------------
def recover(out_dir: Path) -> list[str]:
    """Put back a previous report a killed run had moved aside; remove build folders of
    dead runs. What was done, as lines."""
    out_dir = Path(out_dir).absolute()
    parent = out_dir.parent
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.(tmp|old)-(\d+)-[^/]+")
    done = []
    try:
        siblings = sorted(parent.iterdir())
    except OSError:
        return done
    stale = []
    for path in siblings:
        m = pattern.fullmatch(path.name)
        if m and path.is_dir() and not path.is_symlink() and (path / MARKER).is_file() and not _alive(int(m.group(2))):
            stale.append((m.group(1), path))
    olds = [p for kind, p in stale if kind == "old"]
    if olds and not out_dir.exists():
        os.rename(olds[-1], out_dir)
        done.append(f"restored the previous report from {olds[-1].name}")
        stale = [(k, p) for k, p in stale if p != olds[-1]]
    for _, path in stale:
        shutil.rmtree(path, ignore_errors=True)
        done.append(f"removed {path.name}, left by an interrupted run")
    return done


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers from an earlier, interrupted call
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True
