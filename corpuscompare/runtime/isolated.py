"""Run one function in a fresh Python process of its own: its memory peak never adds to
this process's, and all of it goes back to the system when it ends.

- :func:`run_isolated` -- ``fn(*args)`` in ``python -m corpuscompare.runtime.isolated``.

The call and its result travel pickled through the child's stdin and stdout (between two
processes of this tool only). Unlike a ``spawn`` pool, the child never imports the
caller's ``__main__`` module, so a script without a ``__main__`` guard is not run twice.
"""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .runner import die_with_parent

__all__ = ["run_isolated"]


def run_isolated(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` (a module-level function) computed in a child interpreter. The call is
    pickled straight into the child's stdin and the result read from its stdout: no copy of
    either is held as one block of bytes."""
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parent.parent)  # this package importable in the child
    env["PYTHONPATH"] = os.pathsep.join([here, *filter(None, [env.get("PYTHONPATH")])])
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: the child never blocks on it
        proc = subprocess.Popen(
            [sys.executable, "-m", "corpuscompare.runtime.isolated"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
        )
        result, failed = None, False
        try:
            with proc.stdin:
                pickle.dump((fn.__module__, fn.__qualname__, args), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            with proc.stdout:
                result = pickle.load(proc.stdout)
        except (BrokenPipeError, EOFError, pickle.UnpicklingError):
            failed = True
        finally:
            proc.wait()
        if failed or proc.returncode != 0:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(f"{fn.__qualname__} failed in its own process: " + " | ".join(detail))
    return result


def _main() -> None:

    die_with_parent()
    module, name, args = pickle.load(sys.stdin.buffer)
    fn = importlib.import_module(module)
    for part in name.split("."):
        fn = getattr(fn, part)
    result = fn(*args)
    pickle.dump(result, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    from .isolated import _main as main

    main()
