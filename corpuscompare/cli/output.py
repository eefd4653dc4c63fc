"""What reaches the terminal: library errors as one line with their exit code, problems as
warnings, text with its control characters escaped.

- :class:`UserError`, :func:`handle_errors` -- a :class:`~corpuscompare.errors.CorpusError`
  becomes one line on stderr and the error's exit code (the only place that knows the terminal).
- :func:`warn_problems` -- each file that did not load, on stderr.
- :func:`terminal_safe`, :func:`emit` -- print (control characters shown escaped) or write a file.
- :func:`make_cache` -- the cache the options ask for.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import CorpusError
from ..model.document import Problem
from ..runtime.cache import Cache, default_cache_dir

__all__ = ["UserError", "emit", "handle_errors", "make_cache", "terminal_safe", "warn_problems"]


class UserError(click.ClickException):
    """A CorpusError on its way to the terminal, with the error's exit code."""

    def __init__(self, error: CorpusError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one line on stderr and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CorpusError as exc:
            raise UserError(exc) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise SystemExit(1) from None

    return wrapper


def make_cache(cache_dir: Path | None, no_cache: bool) -> Cache:
    if no_cache:
        return Cache(None)
    return Cache(cache_dir or default_cache_dir())


def warn_problems(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        click.echo(f"warning: {problem.path}: {problem.error}", err=True)


# Control characters a file could carry into a terminal (ESC sequences set the window
# title or write the clipboard): everything of C0 and C1 but tab and line feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    r"""``text`` with control characters shown escaped, as ``\x1b`` (never sent to a terminal).

    >>> terminal_safe("title\x1b]0;pwned\x07 ok")
    'title\\x1b]0;pwned\\x07 ok'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def emit(text: str, output: Path | None = None) -> None:
    """Print (control characters escaped: see :func:`terminal_safe`), or write to
    ``output`` (UTF-8, as is) when given."""
    if output is None:
        click.echo(terminal_safe(text), nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"wrote {output}", err=True)
