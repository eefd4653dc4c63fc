"""Where per-document and per-pair work runs: this process, a local process pool, or a Dask
cluster.

- :class:`Runner` -- ``map(fn, items, shared)`` yields ``fn(shared, item)`` for each item, in
  order. ``shared`` (the documents, the options) is sent to each worker once: inherited by a
  forked local pool, scattered (broadcast) to a Dask cluster's workers. Small jobs run in
  this process.
- ``Runner(scheduler="tcp://host:8786")`` (or ``$CORPUSCOMPARE_SCHEDULER``) sends the work to
  an existing ``dask.distributed`` scheduler; the results are the same, byte for byte, as a
  local run (every task is a pure function of its inputs; results come back in input order).

``fn`` must be a module-level function (workers import it by name). Local workers exit when
the tool is killed (:func:`die_with_parent`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing.context
import multiprocessing.popen_forkserver
import os
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["SCHEDULER_ENV", "Runner", "die_with_parent", "release_memory"]

SCHEDULER_ENV = "CORPUSCOMPARE_SCHEDULER"

# State of a local pool worker: set once per worker by _init.
_SHARED: dict[str, Any] = {}


def die_with_parent(interval: float = 0.5, parent: int | None = None) -> None:
    """In a worker process: exit as soon as the tool is gone (a ``kill -9`` of the tool must
    not leave workers blocked on a pipe, holding their memory). ``parent``: the tool's pid
    when it is not this process's parent (workers of a fork server); default, the parent."""
    watched = parent or os.getppid()

    def gone() -> bool:
        if parent is None:
            return os.getppid() != watched
        try:
            if not os.path.exists("/proc/self/stat"):  # no procfs: is the process there at all
                os.kill(watched, 0)
                return False
            with open(f"/proc/{watched}/stat", "rb") as f:
                return f.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")  # killed, not reaped yet
        except OSError:
            return True

    def watch() -> None:
        while not gone():
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def release_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``) after a
    stage that allocated and freed a lot, so that the next stage starts from what is live,
    not from the last stage's peak. Elsewhere (no glibc) it does nothing."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def _init(shared: Any, tool: int) -> None:
    die_with_parent(parent=None if os.getppid() == tool else tool)
    _SHARED["value"] = shared


def _local_chunk(fn: Callable[[Any, Any], Any], chunk: Sequence[Any]) -> list[Any]:
    return [fn(_SHARED["value"], item) for item in chunk]


def _dask_chunk(fn: Callable[[Any, Any], Any], chunk: Sequence[Any], shared: Any) -> list[Any]:
    return [fn(shared, item) for item in chunk]


class _Popen(multiprocessing.popen_forkserver.Popen):
    """Starts a worker of the fork server without running the main script again: what a
    worker runs is a module-level function of this package, imported by name, and a
    caller's script without an ``if __name__ == "__main__"`` guard would otherwise run
    again in every worker."""

    def _launch(self, process_obj):
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")  # no path, no spec: nothing to re-run
        try:
            super()._launch(process_obj)
        finally:
            sys.modules["__main__"] = main


class _ServerProcess(multiprocessing.context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)


class _ServerContext(multiprocessing.context.ForkServerContext):
    Process = _ServerProcess


@dataclass(frozen=True)
class Runner:
    """Runs ``fn(shared, item)`` over items: see the module docstring."""

    jobs: int = 0
    """Local processes (0: one per CPU; 1: this process only)."""
    scheduler: str | None = None
    """Address of a Dask scheduler; None: ``$CORPUSCOMPARE_SCHEDULER``, else local."""
    min_items: int = 40
    """Fewer items than this run in this process (a pool costs more than it saves)."""

    @property
    def address(self) -> str | None:
        return self.scheduler or os.environ.get(SCHEDULER_ENV) or None

    @property
    def where(self) -> str:
        """Where the work runs, for messages."""
        return f"dask scheduler {self.address}" if self.address else f"{self.workers} local process(es)"

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    def map(
        self, fn: Callable[[Any, Any], Any], items: Sequence[Any], shared: Any, *, inherit: bool = True
    ) -> Iterator[Any]:
        """``fn(shared, item)`` for each item, in order.

        ``inherit``: local workers are forked from this process and inherit ``shared`` (no
        copy is sent). With ``inherit=False`` (the items carry their data, ``shared`` is
        small) they start from a fresh server process instead and are sent ``shared``: a
        worker does not carry this process's memory (a forked one is counted with every
        page of its parent)."""
        items = list(items)
        if not items:
            return
        if self.address:
            yield from self._dask(fn, items, shared)
        elif len(items) >= self.min_items and self.workers > 1 and hasattr(os, "fork"):
            yield from self._pool(fn, items, shared, inherit)
        else:
            for item in items:
                yield fn(shared, item)

    def _chunks(self, items: list[Any], workers: int) -> list[list[Any]]:
        size = max(1, len(items) // (workers * 8))
        return [items[k : k + size] for k in range(0, len(items), size)]

    def _pool(self, fn, items: list[Any], shared: Any, inherit: bool) -> Iterator[Any]:
        from concurrent.futures import ProcessPoolExecutor

        if inherit:
            ctx = multiprocessing.get_context("fork")
        else:
            ctx = _ServerContext()
            ctx.set_forkserver_preload([fn.__module__])  # imported once, in the server
        with ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init, initargs=(shared, os.getpid())) as ex:
            for results in ex.map(_local_chunk, [fn] * len(chunks := self._chunks(items, self.workers)), chunks):
                yield from results

    def _dask(self, fn, items: list[Any], shared: Any) -> Iterator[Any]:
        from distributed import Client

        with Client(self.address, set_as_default=False) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            remote = client.scatter(shared, broadcast=True, hash=False)
            # the chunks go to the workers as data, not inside the task graph (alignment
            # chunks carry their documents: megabytes the scheduler need not hold)
            chunks = client.scatter(self._chunks(items, workers), hash=False)
            futures = client.map(_dask_chunk, [fn] * len(chunks), chunks, shared=remote, pure=False)
            for future in futures:  # in input order
                yield from future.result()
