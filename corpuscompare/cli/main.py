"""The ``corpuscompare`` command: parse options, call one library function, print the result.

Exit codes (the same for every command):

- 0 -- done, with at least one document loaded;
- 1 -- ``--strict`` and some file was a problem, or the output could not be written;
- 2 -- bad usage, a path that does not exist, or a corpus where nothing loaded.

Problems with single files are printed to stderr as warnings; no traceback reaches the
user for bad input.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict
from pathlib import Path

import click

from corpuscompare.cli.output import emit, handle_errors, make_cache, warn_problems

from ..app.commands import check_strict, select_corpus
from ..corpus.load import load_corpus
from ..model.alignment import AlignOptions
from ..model.document import Corpus
from ..model.layout import Layout, SeriesOptions
from ..report import tables
from ..runtime.cache import Cache, default_cache_dir
from ..runtime.progress import StageProgress
from ..runtime.runner import Runner
from .options import (
    align_options,
    cache_dir_option,
    cache_options,
    diff_format_option,
    output_file_option,
    output_options,
    series_options,
    strict_option,
)

# Commands import the heavier modules (numpy, jieba, Jinja) when they run, so that
# `--help`, `info` and `show` start fast.

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="corpuscompare", prog_name="corpuscompare")
def main() -> None:
    """Compare the speeches of a recurring conference: what continued, what changed, what
    is new, what was dropped, and since when.

    CORPUS is a folder of .txt/.md files with YAML front matter, a .jsonl(.gz) file, or the
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
    warn_problems(loaded.problems)
    emit(tables.render_info(tables.info_data(loaded), fmt))
    check_strict(loaded.problems, strict, loaded.path)


@main.command(context_settings=CONTEXT)
@click.argument("doc")
@output_options
@strict_option
@cache_options
@click.option("--tokens", "with_tokens", is_flag=True, help="Show word tokens in table formats (JSON always has them).")
@click.option("--keep-boilerplate", is_flag=True, help="Every sentence is text (no header, frame, greeting, list).")
@handle_errors
def show(
    doc: str, fmt: str, strict: bool, cache_dir: Path | None, no_cache: bool, with_tokens: bool, keep_boilerplate: bool
) -> None:
    """Show one document: metadata, paragraphs, sentences with their roles (and tokens).

    DOC is a file, CORPUS@ID (an id prefix is enough) or CORPUS@YEAR when that year has
    one document, e.g. wic@2015 or corpora/gwr@2024-gwr.
    """
    from ..app.commands import show_document

    view = show_document(doc, make_cache(cache_dir, no_cache), keep_boilerplate)
    warn_problems(view.corpus.problems)
    emit(tables.render_show(tables.show_data(view), fmt, with_tokens=with_tokens))
    check_strict(view.corpus.problems, strict, view.corpus.path)


@main.command(context_settings=CONTEXT)
@click.argument("old")
@click.argument("new")
@diff_format_option
@output_file_option
@align_options
@click.option("--changes-only", is_flag=True, help="Leave unchanged pairs out of table, markdown and html output.")
@click.option("--keep-boilerplate", is_flag=True, help="Shares count headers, frames, greetings and lists too.")
@cache_options
@handle_errors
def diff(
    old: str,
    new: str,
    fmt: str,
    output: Path | None,
    changed_t: float,
    moved_t: float,
    split_t: float,
    changes_only: bool,
    keep_boilerplate: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Compare two documents sentence by sentence: same, changed, moved, split, merged,
    added, removed, with word-level changes inside each pair.

    OLD and NEW are files, CORPUS@ID or CORPUS@YEAR, e.g. gwr@2024 gwr@2025, or in
    English inaugural@2017 inaugural@2021.
    """
    from ..app.commands import diff_refs

    options = AlignOptions(changed=changed_t, moved=moved_t, split=split_t)
    cache = make_cache(cache_dir, no_cache)
    result = diff_refs(old, new, options, cache, changes_only=changes_only, keep_boilerplate=keep_boilerplate)
    if fmt == "html":
        from ..report.html import render_diff_page

        emit(render_diff_page(result), output)
    else:
        from ..report.diffs import render_diff

        emit(render_diff(result, fmt), output)


@main.command(context_settings=CONTEXT)
@click.argument("term")
@click.argument("corpus", default="wic")
@output_options
@click.option("--regex", is_flag=True, help="TERM is a regular expression (Python syntax).")
@click.option("--period", "period_key", metavar="KEY", help="Only documents of this period: 2018, 2018-Q4, 2018-11.")
@click.option("--where", multiple=True, metavar="FIELD=VALUE", help="Keep documents with FIELD=VALUE (or !=).")
@click.option("--width", type=click.IntRange(1, 200), default=16, show_default=True, help="Context a side.")
@click.option("--limit", type=click.IntRange(0), default=0, show_default=True, help="Lines at most (0: all).")
@strict_option
@handle_errors
def kwic(
    term: str,
    corpus: str,
    fmt: str,
    regex: bool,
    period_key: str | None,
    where: tuple[str, ...],
    width: int,
    limit: int,
    strict: bool,
) -> None:
    """Every occurrence of TERM in CORPUS in its context, sorted by date then position
    (characters of context for Chinese, words otherwise). E.g. `kwic 命运共同体 wic`,
    `kwic "fellow[- ]citizens" inaugural --regex --period 1789`."""
    from ..app.commands import concordance
    from ..report.analyses import render_kwic

    selected, _ = load_selected(corpus, SeriesOptions(where=where), Cache(None))
    lines = concordance(selected, term, regex=regex, period=period_key, width=width, limit=limit)
    emit(render_kwic(term, lines, fmt))
    check_strict(selected.problems, strict, selected.path)


@main.command(context_settings=CONTEXT)
@click.argument("corpus", default="wic")
@output_options
@series_options
@strict_option
@cache_options
@handle_errors
def figures(corpus: str, fmt: str, series: SeriesOptions, strict: bool, cache_dir: Path | None, no_cache: bool) -> None:
    """Quantities with what they measure: targets (预期目标, 左右, 以上 ...) and outcomes by the
    year they refer to, per indicator, and the newest targets against the previous ones.
    E.g. `figures gwr`, or in English `figures inaugural -f csv`."""
    from ..app.commands import find_figures
    from ..report.analyses import render_figures

    selected, layout = load_selected(corpus, series, make_cache(cache_dir, no_cache))
    emit(render_figures(find_figures(selected, layout), fmt))
    check_strict(selected.problems, strict, selected.path)


@main.command(context_settings=CONTEXT)
@click.argument("old")
@click.argument("new")
@output_options
@click.option("--keep-boilerplate", is_flag=True, help="Count headers, news frames and greetings as text too.")
@cache_options
@handle_errors
def reuse(old: str, new: str, fmt: str, keep_boilerplate: bool, cache_dir: Path | None, no_cache: bool) -> None:
    """Formulations of NEW that recur word for word in OLD, whatever the sentence
    boundaries: the share of NEW's clause text reused (beside the sentence share) and the
    reused passages, longest first. E.g. `reuse gwr@2024 gwr@2025`."""
    from ..app.commands import reuse_refs
    from ..report.diffs import render_reuse

    result = reuse_refs(old, new, AlignOptions(), make_cache(cache_dir, no_cache), keep_boilerplate=keep_boilerplate)
    emit(render_reuse(result, fmt))


@main.command(context_settings=CONTEXT)
@click.argument("args", nargs=-1, metavar="[FOCUS] [CORPUS]")
@diff_format_option
@output_file_option
@series_options
@click.option("--unit", type=click.Choice(["sentence", "clause"]), default="sentence", show_default=True)
@strict_option
@cache_options
@handle_errors
def align(
    args: tuple[str, ...],
    fmt: str,
    output: Path | None,
    series: SeriesOptions,
    unit: str,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Follow every sentence of FOCUS through CORPUS: its best match in each other document
    (verbatim, close, echo or none), and how much each document reuses FOCUS.

    With no arguments: the focus of the wic corpus (the 2015 keynote) against wic. FOCUS
    is a document reference (file, CORPUS@ID, CORPUS@YEAR) or an id or year in CORPUS;
    CORPUS defaults to the focus's own corpus. With --series, FOCUS is followed through
    its own series only (by default through all); only the speaker's text is matched.
    With --unit clause, FOCUS's formulations (clauses of 7+ characters) are followed
    instead, found word for word whatever the sentence around them.
    """
    from ..app.commands import echo_refs

    echo, corpus = echo_refs(args, series, cache=make_cache(cache_dir, no_cache), unit=unit)
    warn_problems(corpus.problems)
    if fmt == "html":
        from ..report.html import render_align_page

        emit(render_align_page(echo), output)
    else:
        from ..report.diffs import render_align

        emit(render_align(echo, fmt), output)
    check_strict(corpus.problems, strict, corpus.path)


def load_selected(corpus_arg: str, series: SeriesOptions, cache: Cache) -> tuple[Corpus, Layout]:
    """The corpus ``--where`` selects, laid out in series (roles cached); its problems
    reported on stderr."""
    corpus, layout = select_corpus(corpus_arg, series, cache)
    warn_problems(corpus.problems)
    return corpus, layout


@main.command(context_settings=CONTEXT)
@click.argument("corpus", default="wic")
@output_options
@series_options
@click.option(
    "--min-docs", type=click.IntRange(1), default=2, show_default=True, help="Documents a phrase must occur in."
)
@click.option(
    "--min-len", type=click.IntRange(1), help="Shortest phrase: characters (Chinese) or words [default: 4 / 2]."
)
@click.option(
    "--max-len", type=click.IntRange(1), help="Longest phrase: characters (Chinese) or words [default: 24 / 8]."
)
@click.option("--top", type=click.IntRange(0), default=200, show_default=True, help="How many phrases (0: all).")
@strict_option
@cache_options
@handle_errors
def phrases(
    corpus: str,
    fmt: str,
    series: SeriesOptions,
    min_docs: int,
    min_len: int | None,
    max_len: int | None,
    top: int,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Discover phrases that recur across the documents of CORPUS, without a word list:
    ranked by how many documents use them, with first and last year, the longest run of
    consecutive periods and the status now, per series (the speaker's text only).
    E.g. `phrases gwr --top 20`, or in English `phrases inaugural --min-len 3`."""
    from ..app.commands import find_phrases, phrase_options
    from ..report.analyses import render_phrases

    options = phrase_options(min_docs, min_len, max_len, top)
    cache = make_cache(cache_dir, no_cache)
    selected, layout = load_selected(corpus, series, cache)
    emit(render_phrases(find_phrases(selected, layout, options, cache), fmt))
    check_strict(selected.problems, strict, selected.path)


@main.command(context_settings=CONTEXT)
@click.argument("corpus", default="wic")
@output_options
@click.option("--slogan", "-s", "slogans", multiple=True, help="A slogan to follow (repeatable).")
@click.option(
    "--watchlist",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML list (or {slogans: [...]}) or a text file, one slogan a line.",
)
@series_options
@click.option("--by-period", "--by-year", "by_period", is_flag=True, help="One column per period (documents summed).")
@click.option("--no-variants", is_flag=True, help="Skip the search for variant formulations.")
@strict_option
@cache_options
@handle_errors
def track(
    corpus: str,
    fmt: str,
    slogans: tuple[str, ...],
    watchlist: Path | None,
    series: SeriesOptions,
    by_period: bool,
    no_variants: bool,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Follow slogans through CORPUS: exact counts (nested and standalone), rates per 10k,
    first and last year, status per document or period (new, continuing, dropped, revived,
    absent), series by series, and variant formulations. Slogans come from
    --slogan/--watchlist, else corpus.yaml. --period implies --by-period. E.g.
    `track wic -s 网络空间命运共同体 --period year`, or in English
    `track inaugural -s "fellow citizens" -s liberty --period year`."""
    from ..app.commands import cached_track
    from ..report.analyses import render_track

    by_period = by_period or series.period != "auto"
    result, problems = cached_track(
        corpus,
        series,
        slogans,
        watchlist,
        by_period=by_period,
        variants=not no_variants,
        cache=make_cache(cache_dir, no_cache),
    )
    warn_problems(problems)
    emit(render_track(result, fmt))
    check_strict(problems, strict, corpus)


@main.command(context_settings=CONTEXT)
@click.argument("corpus", default="wic")
@output_options
@click.option(
    "--lexicon",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML {theme: [terms]} (default: 'themes' of corpus.yaml).",
)
@series_options
@strict_option
@cache_options
@handle_errors
def themes(
    corpus: str,
    fmt: str,
    lexicon: Path | None,
    series: SeriesOptions,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Theme rates per document: matches of each theme's terms (leftmost-longest,
    non-overlapping) per 10,000 characters or words, the change against the previous
    document, and the terms that carry each theme."""
    from ..app.commands import rate_themes
    from ..report.analyses import render_themes

    selected, layout = load_selected(corpus, series, make_cache(cache_dir, no_cache))
    emit(render_themes(rate_themes(selected, layout, lexicon), fmt))
    check_strict(selected.problems, strict, selected.path)


@main.command(context_settings=CONTEXT)
@click.argument("corpus", default="wic")
@output_options
@click.option("--doc", "doc_id", help="The document to characterize (default: every document).")
@click.option("--against", default="previous", show_default=True, help="previous, rest, or a document id.")
@click.option("--min-freq", type=click.IntRange(1), default=3, show_default=True, help="count + ref_count at least.")
@click.option(
    "--min-g2", type=click.FloatRange(0), default=3.84, show_default=True, help="G² at least (3.84: p < 0.05)."
)
@click.option(
    "--top", type=click.IntRange(1), default=20, show_default=True, help="Over- and under-used terms shown each."
)
@click.option("--no-phrases", is_flag=True, help="Words only (default: mined phrases count as terms too).")
@series_options
@strict_option
@cache_options
@handle_errors
def keyness(
    corpus: str,
    fmt: str,
    doc_id: str | None,
    against: str,
    min_freq: int,
    min_g2: float,
    top: int,
    no_phrases: bool,
    series: SeriesOptions,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Terms over- and under-used in a document against the previous one of its series, the
    rest of the corpus or another document: log-likelihood G² with a log-ratio effect size.
    DOC and AGAINST take an id, an id prefix or a year. E.g. `keyness gwr --doc 2025`, or
    in English `keyness inaugural --doc 2021 --against rest`."""
    from ..app.commands import key_terms
    from ..model.findings import KeynessOptions
    from ..report.analyses import render_keyness

    options = KeynessOptions(
        doc=doc_id, against=against, min_freq=min_freq, min_g2=min_g2, top=top, phrases=not no_phrases
    )
    cache = make_cache(cache_dir, no_cache)
    selected, layout = load_selected(corpus, series, cache)
    emit(render_keyness(key_terms(selected, layout, options, cache), fmt))
    check_strict(selected.problems, strict, selected.path)


@main.command(context_settings=CONTEXT)
@click.argument("corpus", default="wic")
@click.option(
    "--output", "-o", type=click.Path(file_okay=False, path_type=Path), help="Report folder [default: reports/<name>/]."
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a folder that is not a previous report, and replace report files edited since they were "
    "written. Files corpuscompare did not write are never deleted.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Processes for the pairwise alignment (0: one per CPU).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="CORPUSCOMPARE_SCHEDULER",
    help="A Dask scheduler (tcp://HOST:PORT) to run segmentation and alignment on [default: "
    "$CORPUSCOMPARE_SCHEDULER, else local processes]. The report is the same either way.",
)
@align_options
@series_options
@strict_option
@cache_options
@handle_errors
def report(
    corpus: str,
    output: Path | None,
    force: bool,
    quiet: bool,
    jobs: int,
    scheduler: str | None,
    changed_t: float,
    moved_t: float,
    split_t: float,
    series: SeriesOptions,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Write the continuity-and-change report of CORPUS (default: wic): index.html (corpus,
    continuity matrix, year over year, slogans, themes, echo map), a side-by-side page per
    diff, report.md, tables/*.csv and data.json. Works offline; re-runs are byte-identical."""
    from ..app.publish import build_report
    from ..model.comparison import ComparisonOptions

    options = ComparisonOptions(align=AlignOptions(changed=changed_t, moved=moved_t, split=split_t), series=series)
    progress = StageProgress("off" if quiet else "bar" if sys.stderr.isatty() else "lines")
    try:
        written, problems = build_report(
            corpus,
            output,
            options=options,
            cache=make_cache(cache_dir, no_cache),
            progress=progress,
            force=force,
            runner=Runner(jobs=jobs, scheduler=scheduler),
        )
    finally:
        progress.close()
    warn_problems(problems)
    for line in written.recovered:
        click.echo(f"note: {line}", err=True)
    if written.kept:
        click.echo(f"note: kept {len(written.kept)} file(s) corpuscompare did not write in {written.path}", err=True)
    size = written.bytes / 1_000_000
    click.echo(f"report written to {written.path / 'index.html'} ({written.files} files, {size:.1f} MB)")
    check_strict(problems, strict, corpus)


@main.group(context_settings=CONTEXT)
def cache() -> None:
    """The cache of tokens, alignments and analyses (one SQLite file, private to the user)."""


@cache.command("info", context_settings=CONTEXT)
@output_options
@cache_dir_option
@handle_errors
def cache_info(fmt: str, cache_dir: Path | None) -> None:
    """Where the cache is, its entries and size, its limit and whether it is private."""
    data = asdict(Cache(cache_dir or default_cache_dir()).info())
    rows = [[k, "" if v is None else v] for k, v in data.items()]
    emit(tables.to_json(data) if fmt == "json" else tables.table(rows, ["", "value"], fmt))


@cache.command("clear", context_settings=CONTEXT)
@cache_dir_option
@handle_errors
def cache_clear(cache_dir: Path | None) -> None:
    """Delete every entry of the cache (it is rebuilt as needed)."""
    store = Cache(cache_dir or default_cache_dir())
    n = store.clear()
    if store.problem:
        raise click.ClickException(store.problem)
    click.echo(f"removed {n} entries from {store.root}")


def run() -> None:
    """Entry point that keeps internal errors from printing a traceback unless asked to."""
    try:
        main(standalone_mode=True)
    except Exception as exc:  # pragma: no cover - last resort
        if os.environ.get("CORPUSCOMPARE_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set CORPUSCOMPARE_DEBUG=1 for details)", err=True)
        raise SystemExit(70) from None
