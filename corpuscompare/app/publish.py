"""``corpuscompare report``: compare a corpus (or take the cached comparison), render, write.

- :func:`build_report` -- a corpus argument -> a report folder.
- :func:`comparison_key` -- what a whole comparison depends on, from the raw files
  (nothing is normalized or segmented to know it).

Caching, three levels deep: tokens per document and alignments per pair (see
:mod:`corpuscompare.align.batch`); the whole comparison under :func:`comparison_key`, read
back with :func:`~corpuscompare.model.serialize.from_data` (an entry of another shape is
recomputed, never trusted); and the rendered files under the comparison's key and
``SOURCE_DATE_EPOCH``, so a re-run with nothing changed only writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..align.batch import Progress
from ..compare.pages import slug
from ..compare.pipeline import compare_corpus
from ..corpus.load import corpus_from_scan, scan
from ..errors import ShapeError
from ..model.comparison import COMPARISON_VERSION, ComparisonOptions, CorpusComparison
from ..model.document import CorpusConfig, Problem
from ..model.serialize import from_data, to_data
from ..report.files import generated_date, render_files
from ..report.html import page_size
from ..report.write import Written, inside, write_report
from ..runtime.cache import Cache
from ..runtime.keys import digest, entries_digest, source_fingerprint
from ..runtime.runner import Runner

__all__ = ["build_report", "comparison_key"]


def comparison_key(entries: Sequence[Any], config: CorpusConfig, options: ComparisonOptions) -> str:
    """What a whole comparison depends on: the raw documents, corpus.yaml, the options and
    the code. Computed from a scan, before anything is normalized."""
    docs = entries_digest(entries)
    return "comparison-" + digest(COMPARISON_VERSION, docs, asdict(config), asdict(options), source_fingerprint())


def cached_comparison(cache: Cache, key: str) -> CorpusComparison | None:
    """The comparison stored under ``key``, when there is one of the right shape."""
    data = cache.get(key)
    if data is None:
        return None
    try:
        return from_data(data, CorpusComparison)
    except ShapeError:
        return None


def build_report(
    corpus_arg: str | Path,
    out_dir: Path | None = None,
    *,
    options: ComparisonOptions = ComparisonOptions(),
    cache: Cache | None = None,
    progress: Progress | None = None,
    force: bool = False,
    runner: Runner | None = None,
) -> tuple[Written, tuple[Problem, ...]]:
    """Write the report of a corpus to ``out_dir`` (default ``reports/<name>/``); return
    where it went and the files of the corpus that did not load."""
    cache = cache or Cache(None)
    found = scan(corpus_arg)
    root, name, problems = found.root, found.config.name, tuple(found.problems)
    key = comparison_key(found.entries, found.config, options) if found.entries else None
    files_key = "files-" + digest(key, generated_date()) if key else None
    files = cache.get(files_key) if files_key else None
    if not _valid_files(files):
        comparison = cached_comparison(cache, key) if key else None
        if comparison is None:
            runner = runner or Runner()
            corpus = corpus_from_scan(found, runner, progress)
            del found  # the raw bodies: the corpus holds what it needs of them
            comparison = compare_corpus(corpus, options, cache, progress, page_cost=page_size, runner=runner)
            del corpus
            if key:
                cache.put(key, to_data(comparison))
        files = render_files(comparison)
        if files_key:
            cache.put(files_key, files)
    target = Path(out_dir) if out_dir is not None else Path("reports") / slug(name)
    return write_report(files, target, force=force, corpus=root), problems


def _valid_files(files: Any) -> bool:
    """A cached set of rendered files: text by relative path inside the folder, with the
    report's own files."""
    return (
        isinstance(files, dict)
        and {"index.html", "report.md", "data.json"} <= set(files)
        and all(isinstance(k, str) and isinstance(v, str) and inside(k) for k, v in files.items())
    )
