"""Writing a report folder.

- :func:`write_report` -- put rendered files in a folder atomically: they are built in a
  temporary folder beside the target and swapped in by renames, so an interrupted run
  leaves the previous report as it was. A folder that is not a previous report (it has no
  ``.corpuscompare-report`` marker) is never overwritten without ``force``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReportError
from .files import MARKER

__all__ = ["Written", "write_report"]


@dataclass(frozen=True)
class Written:
    """Where a report went."""

    path: Path
    """The report folder."""
    files: int
    """Files written."""
    bytes: int
    """Their size in bytes."""


def _check_target(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file() and not force:
        raise ReportError(
            f"{out_dir} is not empty and is not a previous report: give another -o, or --force to replace it"
        )


def write_report(files: dict[str, str], out_dir: Path, *, force: bool = False) -> Written:
    """Write ``files`` into ``out_dir`` atomically (see the module docstring)."""
    out_dir = Path(out_dir)
    _check_target(out_dir, force)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    except OSError as exc:
        raise ReportError(f"cannot write in {parent}: {exc.strerror}") from None
    try:
        size = 0
        for rel, text in sorted(files.items()):
            path = tmp / rel
            if not path.resolve().is_relative_to(tmp.resolve()):
                raise ReportError(f"refusing to write outside the report folder: {rel}")
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            size += len(data)
        os.chmod(tmp, 0o755)
        if out_dir.exists():
            backup = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=parent))
            backup.rmdir()
            os.rename(out_dir, backup)
            try:
                os.rename(tmp, out_dir)
            except OSError:
                os.rename(backup, out_dir)
                raise
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.rename(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ReportError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Written(out_dir, len(files), size)
