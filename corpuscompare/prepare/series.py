"""What an analyst compares: series of documents, their periods, and witnesses counted once.

- :class:`SeriesOptions` -- ``--series``, ``--where``, ``--period``, ``--keep-boilerplate``.
- :func:`prepare` -- a corpus -> the selected documents with sentence roles, and its :class:`Layout`.
- :func:`period_key`, :func:`resolve_period` -- periods (presence over them: ``phrases.presence_status``).

Rules (each decided from the corpus, never from file names):

- **Series.** The fields that define a series come from ``--series FIELD[,FIELD]``, else
  from ``series:`` in ``corpus.yaml``, else a ``series`` front-matter field when documents
  have one; with none of these the corpus is one series (``--series all`` forces that).
  A document without one of the fields falls in the series ``(no FIELD)``.
- **Witnesses.** A news summary (``completeness: news-summary`` ...) of the same date as a
  full text of the same series is that text's *witness* when at least
  ``witness_coverage`` of its own words (text sentences, reporting frames cut out) align
  with the full text. A witness is shown and diffable, but counted once: by-period counts,
  document frequencies, chains and statuses use the full text only.
- **Periods.** ``year``, ``quarter`` (``2017-Q4``), ``month`` (``2017-12``) or ``day``; a
  date given only as a year stays a year. ``auto`` is ``year`` when the median gap
  between consecutive dates of a series is 180 days or more, else ``month``. A period of
  the calendar with no document of the series is a *gap*: statuses step over it (it is
  never a drop or a revival).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from ..align.sentences import align_packed, unit_shares
from ..errors import ConfigError
from ..model.document import Corpus, Document, RoleOptions
from ..model.layout import ALL, PERIODS, UNDATED, Layout, Period, Series, SeriesOptions, Witness
from ..runtime.cache import Cache
from ..runtime.runner import Runner
from .roles import assign_roles

__all__ = ["filter_documents", "period_key", "prepare", "resolve_period", "single_layout"]


# --- selecting ---------------------------------------------------------------------------


def filter_documents(documents: Sequence[Document], where: Sequence[str]) -> list[Document]:
    """Documents whose front matter satisfies every ``field=value`` / ``field!=value``
    (values compare as text; ``year``, ``lang`` and ``id`` may be used too)."""
    tests = []
    for clause in where:
        name, op, value = _clause(clause)
        tests.append((name, op, value))
    out = []
    for doc in documents:
        fields = {**doc.meta, "year": doc.year, "lang": doc.lang, "id": doc.id}
        if all(_passes(fields.get(name), op, value) for name, op, value in tests):
            out.append(doc)
    return out


def _clause(clause: str) -> tuple[str, str, str]:
    for op in ("!=", "="):
        name, sep, value = clause.partition(op)
        if sep and name.strip() and (op == "!=" or not name.endswith("!")):
            return name.strip(), op, value.strip()
    raise ConfigError(f"--where wants field=value or field!=value, not {clause!r}")


def _passes(actual, op: str, value: str) -> bool:
    equal = actual is not None and str(actual) == value
    return equal if op == "=" else not equal


def series_fields(corpus: Corpus, requested: tuple[str, ...] | None) -> tuple[str, ...]:
    """The fields that define series (see the module docstring)."""
    if requested is not None:
        return () if requested in ((), (ALL,)) else requested
    if corpus.config.series:
        return corpus.config.series
    if any("series" in d.meta for d in corpus.documents):
        return ("series",)
    return ()


# --- periods -----------------------------------------------------------------------------


def period_key(date: str | None, period: str) -> str:
    """The period a date falls in; a date of the form ``YYYY`` stays its year.

    >>> [period_key("2017-12-03", p) for p in ("year", "quarter", "month", "day")]
    ['2017', '2017-Q4', '2017-12', '2017-12-03']
    >>> period_key("1982", "month"), period_key(None, "year")
    ('1982', 'undated')
    """
    if not date:
        return UNDATED
    parts = date.split("-")
    if period == "year" or len(parts) == 1:
        return parts[0]
    if period == "quarter":
        return f"{parts[0]}-Q{(int(parts[1]) - 1) // 3 + 1}"
    if period == "month" or len(parts) == 2:
        return f"{parts[0]}-{parts[1]}"
    return date


def _day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def resolve_period(period: str, groups: Sequence[Sequence[Document]]) -> str:
    """``period``, with ``auto`` decided from the median gap between consecutive dates of
    each group (series): ``year`` at 180 days or more, else ``month``."""
    if period not in PERIODS:
        raise ConfigError(f"--period wants one of {', '.join(PERIODS)}, not {period!r}")
    if period != "auto":
        return period
    gaps = []
    for docs in groups:
        days = sorted({_day(d.date) for d in docs if d.date})
        gaps += [(b - a).days for a, b in pairwise(days)]
    return "year" if not gaps or statistics.median(gaps) >= 180 else "month"


def _calendar(first: str, last: str, period: str) -> list[str]:
    """Every period key from ``first`` to ``last`` (keys of the same kind)."""
    if first == UNDATED or last == UNDATED or first.count("-") != last.count("-"):
        return [first] if first == last else [first, last]
    if "-" not in first:
        return [str(y) for y in range(int(first), int(last) + 1)]
    if "-Q" in first:
        (y0, q0), (y1, q1) = ((int(k[:4]), int(k[-1])) for k in (first, last))
        return [f"{q // 4}-Q{q % 4 + 1}" for q in range(y0 * 4 + q0 - 1, y1 * 4 + q1)]
    if first.count("-") == 1:
        (y0, m0), (y1, m1) = ((int(k[:4]), int(k[5:])) for k in (first, last))
        return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(y0 * 12 + m0 - 1, y1 * 12 + m1)]
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=k)).isoformat() for k in range((end - start).days + 1)]


# --- the layout --------------------------------------------------------------------------

#: Aligns a full text with a summary; returns the share of the summary that continues it.
Coverage = Callable[[Document, Document], float]


def prepare(
    corpus: Corpus,
    options: SeriesOptions = SeriesOptions(),
    coverage: Coverage | None = None,
    cache: Cache | None = None,
    runner: Runner | None = None,
) -> tuple[Corpus, Layout]:
    """Select (``where``), give every sentence its role, group into series and periods,
    and link witnesses. ``coverage`` measures how much of a summary a full text covers
    (default: the share of the summary's text in continuing units of their alignment);
    ``cache`` keeps the roles; ``runner`` is where each document's roles are decided."""
    docs = filter_documents(corpus.documents, options.where) if options.where else list(corpus.documents)
    if not docs:
        raise ConfigError(f"no document of {corpus.path} passes --where {' '.join(options.where)}")
    docs = list(assign_roles(docs, RoleOptions(keep_boilerplate=options.keep_boilerplate), cache, runner))
    selected = replace(corpus, documents=tuple(docs))
    fields = series_fields(corpus, options.fields)
    groups = _group(docs, fields)
    witnesses = _witnesses(groups, options.witness_coverage, coverage or _coverage)
    witness_ids = {w.id for w in witnesses}
    period = resolve_period(options.period, [[d for d in g if d.id not in witness_ids] for g in groups.values()])
    series = [_series(key, fields, g, witness_ids, period) for key, g in groups.items()]
    series.sort(key=lambda s: (-len(s.documents), -_last_index(s, docs), s.key))
    whole = _series(ALL, (), docs, witness_ids, period)
    layout = Layout(
        fields=fields,
        period=period,
        series=tuple(series) if fields else (whole,),
        whole=whole,
        witnesses=tuple(witnesses),
        where=tuple(options.where),
        boilerplate_kept=options.keep_boilerplate,
    )
    return selected, layout


def single_layout(documents: Sequence[Document], period: str = "year") -> Layout:
    """The documents as they are: one series, no witnesses, roles as already set."""
    period = resolve_period(period, [documents])
    whole = _series(ALL, (), documents, frozenset(), period)
    return Layout(fields=(), period=period, series=(whole,), whole=whole, witnesses=())


def _last_index(series: Series, docs: Sequence[Document]) -> int:
    order = {d.id: k for k, d in enumerate(docs)}
    return max((order[i] for i in series.documents), default=-1)


def _group(docs: Sequence[Document], fields: tuple[str, ...]) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = {}
    for doc in docs:
        if not fields:
            key = ALL
        else:
            key = " · ".join(_value(doc, f) for f in fields)
        groups.setdefault(key, []).append(doc)
    return groups


def _value(doc: Document, name: str) -> str:
    value = doc.meta.get(name) if name not in ("year", "lang") else getattr(doc, name)
    return f"(no {name})" if value is None or value == "" else str(value)


def _series(key: str, fields: tuple[str, ...], docs: Sequence[Document], witness_ids, period: str) -> Series:
    counted = [d for d in docs if d.id not in witness_ids]
    by_period: dict[str, list[Document]] = {}
    for doc in counted:
        by_period.setdefault(period_key(doc.date, period), []).append(doc)
    dated = [k for k in by_period if k != UNDATED]
    order = sorted(dated) + ([UNDATED] if UNDATED in by_period else [])
    periods = tuple(
        Period(
            key=k,
            documents=tuple(d.id for d in by_period[k]),
            news_summary=all(d.is_summary for d in by_period[k]),
            size=sum(d.size for d in by_period[k]),
        )
        for k in order
    )
    gaps = tuple(k for k in _calendar(dated[0], dated[-1], period) if k not in by_period) if dated else ()
    return Series(
        key=key,
        fields={f: _value(docs[0], f) for f in fields} if docs else {},
        documents=tuple(d.id for d in counted),
        witnesses=tuple(d.id for d in docs if d.id in witness_ids),
        periods=periods,
        gaps=tuple(sorted(gaps)),
    )


def _witnesses(groups: Mapping[str, list[Document]], threshold: float, coverage: Coverage) -> list[Witness]:
    """News summaries that reproduce a full text of their series and date."""
    out = []
    for docs in groups.values():
        full = [d for d in docs if not d.is_summary and d.date]
        for doc in docs:
            if not doc.is_summary or not doc.date:
                continue
            best = None
            for target in full:
                if target.date != doc.date or target.lang != doc.lang:
                    continue
                share = coverage(target, doc)
                if share >= threshold and (best is None or share > best.coverage):
                    best = Witness(doc.id, target.id, round(share, 4))
            if best is not None:
                out.append(best)
    return out


def _coverage(full: Document, summary: Document) -> float:
    """Share of the summary's text (by :attr:`~corpuscompare.model.document.Sentence.weight`) in
    continuing units of its alignment with the full text."""

    units = align_packed(full, summary)
    return unit_shares(units, [s.weight for s in full.sentences], [s.weight for s in summary.sentences]).continuing
