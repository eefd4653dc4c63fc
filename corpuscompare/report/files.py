"""The files of a report, rendered from a :class:`~corpuscompare.model.comparison.CorpusComparison`.

- :func:`render_files` -- a comparison -> ``{relative path: text}``: index.html, one page
  per diff, report.md, tables/*.csv, data.json; byte-identical for the same comparison
  (no clock is read unless ``SOURCE_DATE_EPOCH`` asks for a date).
- :func:`csv_tables` -- one CSV per finding, long format.
- :func:`labels` -- short document labels (the year when it names one document).

Each page gets one context: ``m`` (the comparison) plus what :func:`index_context` or
:func:`markdown_context` derive from it for display (labels, rows, chart heights). Every
label a reader sees is written once, in the templates.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from ..model.alignment import STATUSES
from ..model.comparison import CorpusComparison, PairSummary
from ..model.document import DocumentSummary, majority_lang
from ..model.findings import PERIOD_TOP
from ..model.serialize import to_json
from .analyses import figure_text, render_figures, render_keyness, render_phrases, render_themes, render_track, strip
from .brief import brief_articles, brief_context, brief_markdown, cite, page_link
from .data import slim
from .diffs import mark_ops
from .html import STATUS_LABELS, data_blob, echo_grid, environment, render_diff_page, render_index, render_period_page
from .markdown import MarkdownText
from .prominence import prominence_csv, prominence_rows
from .tables import table

__all__ = ["DATA_JSON_LIMIT", "csv_tables", "labels", "render_files"]

#: data.json holds the whole comparison while it stays under this size (see comparison.slim):
#: the gwr report (43 reports) must stay under 5 MB in all.
DATA_JSON_LIMIT = 800_000
#: Variants shown per slogan in index.html and report.md (all are in tables/variants.csv).
VARIANTS_SHOWN = 8
#: Most echoed focus sentences listed in report.md.
ECHOED_SHOWN = 15
#: Key terms of each side shown per document in index.html (all in tables/keyness.csv).
KEYNESS_SHOWN = 10
#: Year-over-year pairs of each series whose sentences report.md lists (the newest; all are
#: in index.html and tables/year_over_year.csv).
YOY_LISTED = 12
#: Phrases listed in report.md (all of the report's in tables/phrases.csv).
PHRASES_SHOWN = 50


def generated_date() -> str | None:
    """The date to print in the report: only from ``SOURCE_DATE_EPOCH``, never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%d")
    except (ValueError, OverflowError, OSError):
        return None


def has_matrix(c: CorpusComparison) -> bool:
    """Every pair of documents was aligned: the continuity matrix is whole (else its rows
    are in ``tables/continuity.csv`` only)."""
    n = len(c.documents)
    return len(c.continuity) == n * (n - 1) // 2


def labels(documents: tuple[DocumentSummary, ...]) -> dict[str, str]:
    """Short labels: the year when it names one document, else the year and the id's rest;
    a news summary's label ends with †."""
    years: dict[Any, int] = {}
    for d in documents:
        years[d.year] = years.get(d.year, 0) + 1
    out = {}
    for d in documents:
        if d.year is not None and years[d.year] == 1:
            label = str(d.year)
        else:
            rest = d.id[len(d.date) :].lstrip("-_ ") if d.date and d.id.startswith(d.date) else d.id
            label = f"{d.year} {rest}" if d.year is not None and rest else d.id
        out[d.id] = label + ("†" if d.news_summary else "")
    return out


def _status_counts(row: PairSummary) -> str:
    return ",".join(str(row.summary[s]) for s in STATUSES)


def index_context(c: CorpusComparison) -> dict[str, Any]:
    """What index.html shows beside the comparison itself."""
    docs = c.documents
    lab = labels(docs)
    ids = [d.id for d in docs]
    position = {doc_id: k for k, doc_id in enumerate(ids)}
    matrix = {
        "names": [STATUS_LABELS[s] for s in STATUSES],
        "ids": ids,
        "labels": [lab[i] for i in ids],
        "cells": [
            [position[r.old], position[r.new], r.shares.continuing, _status_counts(r), r.page, r.formulation]
            for r in c.continuity
        ],
    }
    weak = [d.news_summary for d in docs]
    mined = c.phrases.documents
    mined_weak = [d.news_summary for d in mined]
    strips = {p.phrase: strip([p.counts.get(d.id, 0) for d in mined], mined_weak) for p in c.phrases.phrases}
    variants, unit_labels = [], {}
    if c.track:
        for u in c.track.units:
            unit_labels[u.key] = u.key if c.track.period else lab.get(u.key, u.key)
        for s in c.track.slogans:
            variants.extend((s.phrase, v) for v in s.variants[:VARIANTS_SHOWN])
    context = {
        "labels": lab,
        "matrix_blob": data_blob(matrix) if has_matrix(c) else None,
        "pairs_aligned": len(c.continuity),
        "pages_missing": any(r.page is None for r in c.continuity),
        "phrase_strips": strips,
        "variants": variants,
        "unit_labels": unit_labels,
        "several_series": len(c.layout.series) > 1,
        "series_lines": series_lines(c),
        "figure_charts": figure_charts(c),
        "figure_rows": figure_rows(c),
        "witness_of": c.layout.witness_of,
        "series_of": {i: s.key for s in c.layout.series for i in (*s.documents, *s.witnesses)},
        "now_weak": _phrases_now_weak(c),
        "charts": _charts(c, lab),
        "kwic_blob": data_blob(c.kwic),
        "echo_blob": data_blob(echo_grid(c.echo)) if c.echo else None,
        "summaries": sum(weak),
        "generated": generated_date(),
        "variants_shown": VARIANTS_SHOWN,
        "keyness_shown": KEYNESS_SHOWN,
        "status_class": {
            "new": "sn",
            "continuing": "sc",
            "revived": "sr",
            "dropped": "sd",
            "absent": "sa",
            "weak": "sw",
        },
        "lang": majority_lang(d.lang for d in docs),
    }
    context["prominence"] = prominence_rows(c, lab)
    context.update(brief_context(c))
    context.update(brief_articles(c, context))
    return context


def _phrases_now_weak(c: CorpusComparison) -> bool:
    """True when the newest period of the main series holds news summaries only."""
    periods = c.layout.main.periods
    return bool(periods and periods[-1].news_summary)


def series_lines(c: CorpusComparison) -> list[str]:
    """One line per series: its documents, periods, gaps and witnesses."""
    lines = []
    for s in c.layout.series:
        first, last = (s.periods[0].key, s.periods[-1].key) if s.periods else ("", "")
        line = f"{s.key}: {len(s.documents)} documents, {len(s.periods)} {c.layout.period}s {first}–{last}"
        if s.gaps:
            line += f"; no document in {', '.join(s.gaps[:8])}{' …' if len(s.gaps) > 8 else ''} (gaps, never a drop)"
        if s.witnesses:
            line += f"; {len(s.witnesses)} witness(es) counted through their full text"
        lines.append(line)
    return lines


def _charts(c: CorpusComparison, lab: dict[str, str]) -> list[dict[str, Any]]:
    """Bar heights of each theme's rate per document."""
    charts = []
    docs = c.themes.documents if c.themes else ()
    for t in c.themes.themes if c.themes else ():
        top = max(t.rate.values(), default=0) or 1
        charts.append(
            {
                "name": t.name,
                "max": f"{max(t.rate.values(), default=0):.1f}",
                "bars": [
                    {
                        "height": f"{t.rate[d.id] / top * 100:.1f}",
                        "label": lab[d.id],
                        "rate": t.rate[d.id],
                        "summary": d.news_summary,
                    }
                    for d in docs
                ],
                "first": lab[docs[0].id] if docs else "",
                "last": lab[docs[-1].id] if docs else "",
            }
        )
    return charts


def markdown_context(c: CorpusComparison) -> dict[str, Any]:
    """Rows of the tables of report.md (cells are escaped when the table is rendered)."""
    lab = labels(c.documents)
    docs = c.documents
    weak = [d.news_summary for d in docs]
    by_pair = {(r.old, r.new): r for r in c.continuity}
    matrix = None
    if has_matrix(c):
        matrix = [
            [lab[newer.id]]
            + [
                f"{by_pair[(older.id, newer.id)].shares.continuing * 100:.0f}"
                if (older.id, newer.id) in by_pair
                else ""
                for older in docs[:-1]
            ]
            for newer in docs[1:]
        ]
    slogans, variant_rows = _slogan_rows(c)
    mined = c.phrases.documents
    faint = _phrases_now_weak(c)
    phrases = [
        [
            p.phrase,
            p.docs,
            p.total,
            p.first or p.first_year or "",
            p.last or p.last_year or "",
            str(p.status) + (" (weak)" if faint and p.status in ("dropped", "absent") else ""),
            MarkdownText("`" + strip([p.counts.get(d.id, 0) for d in mined], [d.news_summary for d in mined]) + "`"),
        ]
        for p in c.phrases.phrases[:PHRASES_SHOWN]
    ]
    echoed = []
    if c.echo:
        ranked = sorted(
            (s for s in c.echo.sentences if not s.noise),
            key=lambda s: (-sum(m.status != "none" for m in s.matches.values()), s.index),
        )
        echoed = [[s.index, s.text, sum(m.status != "none" for m in s.matches.values())] for s in ranked[:ECHOED_SHOWN]]
    witness_of = c.layout.witness_of
    corpus_rows = [
        [d.date, lab[d.id], d.title, d.speaker, d.genre, d.completeness, witness_of.get(d.id, ""), d.chars, d.sentences]
        for d in docs
    ]
    yoy = [
        [
            y.series,
            lab[y.old],
            lab[y.new],
            *[y.summary[s] for s in STATUSES],
            f"{y.shares.continuing:.1%}",
            page_link(y.page),
        ]
        for y in c.consecutive
    ]
    themes = []
    if c.themes:
        themes = [[d.date, lab[d.id], *[f"{t.rate[d.id]:.1f}" for t in c.themes.themes]] for d in c.themes.documents]
    keyness = [
        [
            lab[k.doc],
            lab.get(k.against, k.against),
            ", ".join(t.term for t in k.terms if t.log_ratio > 0),
            ", ".join(t.term for t in k.terms if t.log_ratio < 0),
        ]
        for k in c.keyness.comparisons
    ]
    reuse = []
    if c.echo:
        reuse = [
            [lab[d.id], f"{c.echo.reuse[d.id].of_focus:.1%}", f"{c.echo.reuse[d.id].of_doc:.1%}"]
            for d in c.echo.documents
        ]
    return {
        "labels": lab,
        "briefs": brief_markdown(c, lab),
        "prominence": [[r["slogan"], r["now"], r["before"], r["move"], r["trail"]] for r in prominence_rows(c, lab)],
        "yoy_listed": _newest_links(c, YOY_LISTED),
        "yoy_listed_count": YOY_LISTED,
        "cite": cite,
        "docs": {d.id: d for d in docs},
        "summaries": sum(weak),
        "generated": generated_date(),
        "corpus_rows": corpus_rows,
        "series_lines": series_lines(c),
        "problems": [[p.path, p.error] for p in c.problems],
        "yoy": yoy,
        "themes": themes,
        "keyness": keyness,
        "reuse": reuse,
        "matrix": matrix,
        "figure_rows": figure_rows(c),
        "figure_series_rows": [
            [f.indicator, f.kind, "; ".join(f"{v.period}: {figure_text(v, f.unit)}" for v in f.values)]
            for f in (c.figures.series[:20] if c.figures else ())
        ],
        "period_rows": [
            [
                p.series,
                p.old,
                p.new,
                f"{p.old_documents} → {p.new_documents}",
                *p.counts[:3],
                "；".join(f"{i.text} ({i.new_docs})" for i in p.added[:3]),
                "；".join(f"{i.text} ({i.old_docs})" for i in p.dropped[:3]),
            ]
            for p in c.periods
        ],
        "slogans": slogans,
        "variants": variant_rows,
        "phrases": phrases,
        "echoed": echoed,
    }


def _slogan_rows(c: CorpusComparison) -> tuple[list[list[Any]], list[list[Any]]]:
    """Rows of report.md's slogan and variant tables."""
    slogans, variant_rows = [], []
    if c.track:
        units = c.track.units
        several = len(c.layout.series) > 1
        for s in c.track.slogans:
            mine = [u.key for u in c.track.series.get(s.series, units)]
            last = mine[-1]
            counts = [s.counts.get(u.key) for u in units]
            now = str(s.status[last]) + (" (weak)" if last in s.weak else "")
            timeline = MarkdownText("`" + strip(counts, [u.news_summary for u in units]) + "`")
            label = f"{s.phrase} · {s.series}" if several else s.phrase
            slogans.append([label, sum(s.counts.values()), s.first_year or "", s.last or "", now, timeline])
            for v in s.variants[:VARIANTS_SHOWN]:
                variant_rows.append(
                    [s.phrase, v.group, v.first_year or "", mark_ops(v.ops, "both", "markdown"), len(v.docs)]
                )
    return slogans, variant_rows


def _newest_links(c: CorpusComparison, n: int) -> set[tuple[str, str]]:
    """(older, newer) of the newest ``n`` year-over-year pairs of each series."""
    by_series: dict[str, list[tuple[str, str]]] = {}
    for y in c.consecutive:
        by_series.setdefault(y.series, []).append((y.old, y.new))
    return {pair for pairs in by_series.values() for pair in pairs[-n:]}


def render_markdown(c: CorpusComparison) -> str:
    """report.md: the findings as Markdown tables (renders on a code-hosting site)."""
    env = environment()
    return env.get_template("report.md").render(m=c, md_table=_md_table, **markdown_context(c))


def _md_table(rows: list[list[Any]], headers: list[str], compact: bool = True) -> MarkdownText:
    """A Markdown table whose cells are escaped (the template adds the line end)."""
    return MarkdownText(table(rows, headers, "markdown", compact=compact).rstrip("\n"))


def render_files(c: CorpusComparison) -> dict[str, str]:
    """Every file of the report, by path relative to the report folder."""
    lab = labels(c.documents)
    files = {"index.html": render_index(c, index_context(c))}
    for name, diff in sorted(c.diffs.items()):
        files[name] = render_diff_page(diff, title=f"{lab[diff.a.id]} → {lab[diff.b.id]}", back="index.html")
    for p in c.periods:
        if p.page:
            files[p.page] = render_period_page(p, top=PERIOD_TOP, back="index.html")
    files["report.md"] = render_markdown(c)
    for name, text in csv_tables(c).items():
        files[f"tables/{name}"] = text
    files["data.json"] = to_json(slim(c, DATA_JSON_LIMIT), indent=None)
    return files


CONTINUITY_COLUMNS = ("old", "new", "distance", *STATUSES, "continuing", "new_share", "dropped_share")
CONTINUITY_COLUMNS += ("formulation", "page")


def _echo_csv(c: CorpusComparison) -> str:
    """Every echo of a focus sentence: one row per sentence and document that echoes it."""
    assert c.echo is not None
    return table(
        [
            [s.index, d.id, m.status, m.similarity, m.index, d.news_summary]
            for s in c.echo.sentences
            for d in c.echo.documents
            for m in (s.matches[d.id],)
            if m.status != "none"
        ],
        ["focus_index", "doc", "status", "similarity", "match_index", "news_summary"],
        "csv",
    )


DOCUMENT_FIELDS = ("id", "date", "year", "speaker", "title", "genre", "completeness", "news_summary", "lang")
DOCUMENT_FIELDS += ("chars", "sentences")


def csv_tables(c: CorpusComparison) -> dict[str, str]:
    """One CSV per finding, long format (one row per observation); a row about a document
    says whether it is only a news summary. Slogans, phrases, themes and keyness are the
    CSV of their commands (``track``, ``phrases``, ``themes``, ``keyness -f csv``)."""
    docs = c.documents
    summary = {d.id: d.news_summary for d in docs}
    out = {}
    doc_fields = DOCUMENT_FIELDS
    series_of = {i: s.key for s in c.layout.series for i in (*s.documents, *s.witnesses)}
    witness_of = c.layout.witness_of
    out["documents.csv"] = table(
        [[*(getattr(d, f) for f in doc_fields), series_of.get(d.id, ""), witness_of.get(d.id, "")] for d in docs],
        [*doc_fields, "series", "witness_of"],
        "csv",
    )
    out["continuity.csv"] = table(
        [
            [
                r.old,
                r.new,
                r.distance,
                *[r.summary[s] for s in STATUSES],
                r.shares.continuing,
                r.shares.new,
                r.shares.dropped,
                r.formulation,
                r.page or "",
                summary[r.old],
                summary[r.new],
            ]
            for r in c.continuity
        ],
        [*CONTINUITY_COLUMNS, "old_news_summary", "new_news_summary"],
        "csv",
    )
    if c.prominence:
        out["prominence.csv"] = prominence_csv(c)
    out["year_over_year.csv"] = table(
        [
            [y.series, y.old, y.new, kind, s.index, s.text, summary[y.new if kind == "new" else y.old]]
            for y in c.consecutive
            for kind, group in (("new", y.new_sentences), ("dropped", y.dropped_sentences))
            for s in group
        ],
        ["series", "old", "new", "kind", "index", "sentence", "news_summary"],
        "csv",
    )
    if c.track:
        out["slogans.csv"] = render_track(c.track, "csv")
        out["variants.csv"] = table(
            [[s.phrase, v.group, v.first_year, v.text, ";".join(v.docs)] for s in c.track.slogans for v in s.variants],
            ["slogan", "group", "first_year", "text", "docs"],
            "csv",
        )
    if c.periods:
        out["periods.csv"] = _periods_csv(c)
    if c.figures and c.figures.series:
        out["figures.csv"] = render_figures(c.figures, "csv")
    out["phrases.csv"] = render_phrases(c.phrases, "csv")
    if c.themes:
        out["themes.csv"] = render_themes(c.themes, "csv")
    out["keyness.csv"] = render_keyness(c.keyness, "csv")
    if c.echo:
        out["echo.csv"] = _echo_csv(c)
    return out


def _periods_csv(c: CorpusComparison) -> str:
    """Every listed clause of every period-over-period change."""
    return table(
        [
            [p.series, p.old, p.new, kind, i.text, i.old_docs, i.new_docs, i.first, " ".join(i.documents)]
            for p in c.periods
            for kind, items in (("added", p.added), ("dropped", p.dropped), ("kept", p.kept))
            for i in items
        ],
        ["series", "old", "new", "kind", "clause", "old_docs", "new_docs", "first", "documents"],
        "csv",
    )


def figure_rows(c: CorpusComparison) -> list[list[str]]:
    """Indicator, before, now, change: the newest targets against the previous ones."""
    changes = c.figures.changes if c.figures else ()
    return [[ch.indicator, figure_text(ch.old, ch.unit), figure_text(ch.new, ch.unit), ch.change] for ch in changes]


CHART_W, CHART_H, CHART_PAD = 320, 130, 28


def figure_charts(c: CorpusComparison, top: int = 8) -> list[dict[str, Any]]:
    """Target vs outcome by period for the indicators with the longest target series:
    coordinates for the inline SVG of the report's Figures section."""
    if not c.figures:
        return []
    outcomes = {(s.indicator, s.unit): s for s in c.figures.series if s.kind == "outcome"}
    charts = []
    for target in [s for s in c.figures.series if s.kind == "target"][:top]:
        outcome = outcomes.get((target.indicator, target.unit))
        lines = [("target", target)] + ([("outcome", outcome)] if outcome else [])
        values = [v for _, s in lines for v in s.values if v.period is not None]
        if not values:
            continue
        periods = [v.period for v in values]
        p0, p1 = min(periods), max(periods)
        top_value = max(max(v.high or v.value for v in values), 0.0) or 1.0

        def x(p: int, p0: int = p0, p1: int = p1) -> float:
            return round(CHART_PAD + (p - p0) / ((p1 - p0) or 1) * (CHART_W - 2 * CHART_PAD), 1)

        def y(v: float, top_value: float = top_value) -> float:
            return round(CHART_H - CHART_PAD - v / top_value * (CHART_H - 2 * CHART_PAD), 1)

        drawn = []
        for kind, series in lines:
            points = [
                (x(v.period), y(v.value), f"{v.period} {kind}: {figure_text(v, series.unit)} — {v.text}")
                for v in series.values
                if v.period is not None
            ]
            drawn.append({"kind": kind, "points": points, "path": " ".join(f"{px},{py}" for px, py, _ in points)})
        charts.append(
            {
                "indicator": target.indicator,
                "unit": target.unit,
                "lines": drawn,
                "first": p0,
                "last": p1,
                "top": f"{top_value:g}{target.unit}",
                "w": CHART_W,
                "h": CHART_H,
                "pad": CHART_PAD,
            }
        )
    return charts
