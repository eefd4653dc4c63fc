"""The ``corpuscompare`` command: parse options, call one library function, print the result.

Exit codes (the same for every command):

- 0 -- done, with at least one document loaded;
- 1 -- ``--strict`` and some file was a problem, or the output could not be written;
- 2 -- bad usage, a path that does not exist, or a corpus where nothing loaded.

Problems with single files are printed to stderr as warnings; no traceback reaches the
user for bad input.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cache import Cache, default_cache_dir
from .corpus import load_corpus, load_document
from .errors import CorpusError
from .models import Corpus
from .report import tables
from .segment import get_tokenizer, tokenize_document

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format``: table (terminal), markdown, csv or json."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(tables.FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def strict_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--strict", is_flag=True, help="Exit with 1 when any file of the corpus is a problem.")(func)


def cache_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--cache-dir`` and ``--no-cache``."""
    func = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="CORPUSCOMPARE_CACHE_DIR",
        help="Cache folder [default: $CORPUSCOMPARE_CACHE_DIR, else the user cache dir].",
    )(func)
    return click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")(func)


def make_cache(cache_dir: Path | None, no_cache: bool) -> Cache:
    if no_cache:
        return Cache(None)
    return Cache(cache_dir or default_cache_dir())


def warn_problems(corpus: Corpus) -> None:
    for problem in corpus.problems:
        click.echo(f"warning: {problem.path}: {problem.error}", err=True)


def finish(corpus: Corpus, strict: bool) -> None:
    if strict and corpus.problems:
        click.echo(f"error: {len(corpus.problems)} problem(s) in {corpus.path} (--strict)", err=True)
        raise SystemExit(1)


def emit(text: str) -> None:
    click.echo(text, nl=False)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="corpuscompare")
def main() -> None:
    """Compare the speeches of a recurring conference: what continued, what changed, what
    is new, what was dropped, and since when.

    CORPUS is a folder of .txt/.md files with YAML front matter, a .jsonl file, or the
    name of a bundled corpus (wic, gwr). Exit codes: 0 done; 1 --strict found problems;
    2 bad usage, missing path or nothing loaded.
    """


@main.command(context_settings=CONTEXT)
@click.argument("corpus", default="wic")
@output_options
@strict_option
@handle_errors
def info(corpus: str, fmt: str, strict: bool) -> None:
    """List the documents of CORPUS (default: wic) and the files that failed to load."""
    loaded = load_corpus(corpus)
    warn_problems(loaded)
    emit(tables.render_info(tables.info_data(loaded), fmt))
    finish(loaded, strict)


@main.command(context_settings=CONTEXT)
@click.argument("doc")
@output_options
@strict_option
@cache_options
@click.option("--tokens", "with_tokens", is_flag=True, help="Show word tokens in table formats (JSON always has them).")
@handle_errors
def show(doc: str, fmt: str, strict: bool, cache_dir: Path | None, no_cache: bool, with_tokens: bool) -> None:
    """Show one document: metadata, paragraphs, sentences (and tokens).

    DOC is a file, CORPUS@ID (an id prefix is enough) or CORPUS@YEAR when that year has
    one document, e.g. wic@2015 or corpora/gwr@2024-gwr.
    """
    corpus, document = load_document(doc)
    warn_problems(corpus)
    cache = make_cache(cache_dir, no_cache)
    tokenizer = get_tokenizer(corpus.config.dictionary, cache.root)
    tokens = tokenize_document(document, tokenizer, cache)
    emit(tables.render_show(tables.show_data(document, tokens), fmt, with_tokens=with_tokens))
    finish(corpus, strict)


def run() -> None:
    """Entry point that keeps internal errors from printing a traceback unless asked to."""
    try:
        main(standalone_mode=True)
    except Exception as exc:  # pragma: no cover - last resort
        if os.environ.get("CORPUSCOMPARE_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set CORPUSCOMPARE_DEBUG=1 for details)", err=True)
        raise SystemExit(70) from None
