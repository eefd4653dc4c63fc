"""Options shared by the commands of :mod:`corpuscompare.cli.main` (click decorators)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..model.alignment import AlignOptions
from ..model.layout import PERIODS, SeriesOptions
from ..report import tables

__all__ = [
    "align_options",
    "cache_dir_option",
    "cache_options",
    "diff_format_option",
    "output_file_option",
    "output_options",
    "series_options",
    "strict_option",
]


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
    func = cache_dir_option(func)
    return click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")(func)


def diff_format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format`` for commands that also render a standalone HTML page."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice((*tables.FORMATS, "html")),
        default="table",
        show_default=True,
        help="Output format (html: a standalone page).",
    )(func)


def output_file_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout."
    )(func)


def align_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Thresholds of the sentence aligner (see corpuscompare.align.sentences.AlignOptions)."""
    d = AlignOptions()
    for flag, dest, default, text in (
        ("--split", "split_t", d.split, "Similarity for one sentence vs several joined (split/merged)."),
        ("--moved", "moved_t", d.moved, "Similarity for an out-of-order pair to count as moved."),
        ("--changed", "changed_t", d.changed, "Similarity for an in-order pair to count as one changed sentence."),
    ):
        func = click.option(flag, dest, type=click.FloatRange(0, 1), default=default, show_default=True, help=text)(
            func
        )
    return func


def series_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--where``, ``--series``, ``--period``, ``--keep-boilerplate`` -> one ``series``
    argument (:class:`~corpuscompare.prepare.series.SeriesOptions`)."""

    @functools.wraps(func)
    def wrapper(*args: Any, where, series_fields, period, keep_boilerplate, **kwargs: Any) -> Any:
        fields = None
        if series_fields is not None:
            fields = tuple(f.strip() for f in series_fields.split(",") if f.strip())
        options = SeriesOptions(fields=fields, where=where, period=period, keep_boilerplate=keep_boilerplate)
        return func(*args, series=options, **kwargs)

    decorators = [
        click.option(
            "--where",
            multiple=True,
            metavar="FIELD=VALUE",
            help="Keep documents whose front matter has FIELD=VALUE (or FIELD!=VALUE); repeatable, all must hold.",
        ),
        click.option(
            "--series",
            "series_fields",
            metavar="FIELD[,FIELD]",
            help="Front-matter fields whose values make a series (e.g. speaker); 'all': one series "
            "[default: 'series' of corpus.yaml, else one series].",
        ),
        click.option(
            "--period",
            type=click.Choice(PERIODS),
            default="auto",
            show_default=True,
            help="Period of timelines and statuses (auto: year for annual series, month for daily ones).",
        ),
        click.option(
            "--keep-boilerplate",
            is_flag=True,
            help="Count headers, news frames, greetings and name lists as text too.",
        ),
    ]
    for decorate in reversed(decorators):
        wrapper = decorate(wrapper)
    return wrapper


def cache_dir_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="CORPUSCOMPARE_CACHE_DIR",
        help="Cache folder [default: $CORPUSCOMPARE_CACHE_DIR, else the user cache dir].",
    )(func)
