"""Progress of long stages, shown on stderr.

- :class:`StageProgress` -- called as ``progress(stage, done, total)``. On a terminal
  (``"bar"``): one line per stage, redrawn at most ten times a second, with counts, elapsed
  time and an ETA. The ETA is measured from the first unit of real work of the stage (units
  found in the cache at its start, and the start-up of a process pool, do not make it
  wild) and is shown once 2 % of the work or one second has passed. Without a terminal
  (``"lines"``: make, CI, logs): one line per stage when it ends, with its counts and
  seconds. ``"off"``: nothing (``--quiet``).
- :func:`stage` -- a stage with no count of its own (``with stage(progress, name): ...``).

>>> import io
>>> out, now = io.StringIO(), iter([0.0, 2.5, 2.5]).__next__
>>> p = StageProgress("lines", out, clock=now)
>>> p("aligning pairs", 10, 100); p("aligning pairs", 100, 100); p.close()
>>> out.getvalue()
'aligning pairs: 100/100 (10 from the cache) in 2.5 s\\n'
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["MODES", "StageProgress", "stage"]

MODES = ("bar", "lines", "off")


def _clock_text(seconds: float) -> str:
    seconds = round(seconds)
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else (f"{seconds // 60}:{seconds % 60:02d}")
    )


class StageProgress:
    """See the module docstring."""

    def __init__(
        self, mode: str = "off", stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode is one of {MODES}")
        self.mode = mode
        self.stream = stream
        self.clock = clock
        self.stage: str | None = None
        self.done = self.total = self.base = 0
        self.start = self.first = self.drawn = 0.0
        self.first_done = 0

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.mode == "off" or total <= 0:
            return
        now = self.clock()
        if stage != self.stage:
            self.close()
            self.stage, self.start, self.base, self.drawn = stage, now, done, 0.0
            self.first, self.first_done = 0.0, done
        elif done > self.first_done and not self.first:
            self.first, self.first_done = now, done  # the first real work of the stage
        self.done, self.total = done, total
        if self.mode == "bar" and (now - self.drawn >= 0.1 or done >= total):
            self.drawn = now
            self._write(f"\r{self._line(now)}\x1b[K")

    def eta(self, now: float) -> float | None:
        """Seconds left, or None while too little is known."""
        work, left = self.done - self.first_done, self.total - self.done
        if not self.first or work <= 0:
            return None
        elapsed = now - self.first
        if elapsed < 1.0 and work < 0.02 * (self.total - self.base):
            return None
        return left * elapsed / work

    def _line(self, now: float) -> str:
        width = 24
        filled = int(width * self.done / self.total)
        eta = self.eta(now)
        tail = "" if self.done >= self.total else f"  ETA {_clock_text(eta) if eta is not None else '…'}"
        return (
            f"{self.stage:<28} [{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total}"
            f"  {_clock_text(now - self.start)}{tail}"
        )

    def close(self) -> None:
        """End the current stage (its final line)."""
        if self.stage is None or self.mode == "off":
            self.stage = None
            return
        now = self.clock()
        if self.mode == "bar":
            self._write(f"\r{self._line(now)}\x1b[K\n")
        else:
            cached = f" ({self.base} from the cache)" if self.base else ""
            self._write(f"{self.stage}: {self.done}/{self.total}{cached} in {now - self.start:.1f} s\n")
        self.stage = None

    def _write(self, text: str) -> None:
        stream = self.stream or sys.stderr
        stream.write(text)
        stream.flush()


@contextmanager
def stage(progress: Callable[[str, int, int], None], name: str, total: int = 1) -> Iterator[None]:
    """A stage with no count of its own, for any ``progress(stage, done, total)``: begun
    (``0/total``) on entry, done (``total/total``) on exit."""
    progress(name, 0, total)
    yield
    progress(name, total, total)
