"""Renderers for ``phrases``, ``track``, ``themes`` and ``keyness``: JSON contracts and tables.

JSON contracts (stable; extra keys may be added, none removed):

- ``phrases`` -> ``{"phrases": [{"phrase", "docs", "counts": {"<doc id>": n}, "total",
  "first_year", "last_year", "longest_run", "status"}], "documents": [...], "options": {...}}``
- ``track`` -> ``{"documents": [...], "units": [...], "slogans": [{"phrase", "counts": {id: n},
  "standalone": {id: n}, "rate": {id: x}, "first_year", "last_year", "status": {id: s},
  "weak": [ids], "variants": [{"text", "docs": [ids], "first_year", "group", "ops"}]}]}``
  (ids are years with ``--by-year``)
- ``themes`` -> ``{"themes": [{"name", "terms", "counts": {id: n}, "rate": {id: x},
  "change": {id: x}, "contributions": {id: {term: n}}}], "documents": [...]}``
- ``keyness`` -> ``{"comparisons": [{"doc", "against", "size", "ref_size", "terms": [{"term",
  "g2", "log_ratio", "count", "ref_count"}]}]}``

In tables, a document that is only a news summary carries ``†``; in timelines an absence
in such a document is ``∘`` instead of ``·`` (a summary's silence is weak evidence).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.document import DocumentSummary
from ..model.figures import FiguresResult, figure_text
from ..model.results import KeynessResult, KwicLine, PhrasesResult, ThemesResult, TrackResult
from ..model.serialize import to_json
from .diffs import mark_ops
from .tables import SUMMARY_NOTE, table, wrap

__all__ = ["render_keyness", "render_phrases", "render_themes", "render_track", "strip"]


#: Longest timeline, in marks: longer ones are binned (several units a mark).
TIMELINE_WIDTH = 60


def bin_size(units: int, width: int = TIMELINE_WIDTH) -> int:
    """Units per mark so that a timeline of ``units`` fits ``width`` marks."""
    return max(1, -(-units // width))


def strip(counts: Sequence[int | None], weak: Sequence[bool] | None = None, width: int = TIMELINE_WIDTH) -> str:
    """One mark per unit: ``·`` none (``∘`` none in a news summary), 1-9, ``+`` ten or
    more, a space where the unit is not in the row's series. More than ``width`` units
    are binned (:func:`bin_size` units a mark, counts summed), so no timeline is cut.

    >>> strip([0, 1, 12, 0, None], [False, False, False, True, False])
    '·1+∘ '
    >>> strip([1, 0, 0, 0, 3, 0], width=3)
    '1·3'
    """
    size = bin_size(len(counts), width)
    out = []
    for start in range(0, len(counts), size):
        part = counts[start : start + size]
        if all(c is None for c in part):
            out.append(" ")
            continue
        total = sum(c or 0 for c in part)
        if total <= 0:
            faint = weak is not None and all(weak[start + k] for k, c in enumerate(part) if c is not None)
            out.append("∘" if faint else "·")
        else:
            out.append(str(total) if total < 10 else "+")
    return "".join(out)


def timeline_legend(n: int, what: str) -> str:
    """``one mark per year`` / ``one mark per 12 months`` for a timeline of ``n`` units."""
    size = bin_size(n)
    return f"one mark per {what}" if size == 1 else f"one mark per {size} {what}s (counts summed)"


def _ranges(years: Sequence[int]) -> str:
    """``2014-2016, 2019`` from a sorted list of years."""
    if not years:
        return ""
    parts, start, prev = [], years[0], years[0]
    for y in years[1:]:
        if y == prev + 1:
            prev = y
            continue
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
        start = prev = y
    parts.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(parts)


def _units_legend(docs: Sequence[DocumentSummary]) -> str:
    first, last = docs[0], docs[-1]
    return f"timeline: {timeline_legend(len(docs), 'document')}, {first.date} ({first.id}) to {last.date} ({last.id})"


# --- phrases -----------------------------------------------------------------------------


def _now_legend(layout) -> str:
    """What "now" and "run" mean for a layout (None: the documents as one series)."""
    if layout is None:
        return "now = status in the newest period"
    main = layout.main
    where = f"series {main.key}" if len(layout.series) > 1 else "the corpus"
    newest = main.periods[-1].key if main.periods else "-"
    text = (
        f"last = last {layout.period} of {where} with it, now = status in its newest {layout.period} ({newest}), "
        f"run = longest run of {layout.period}s"
    )
    if layout.witnesses:
        text += f"; {len(layout.witnesses)} witness(es) counted through their full text"
    return text


def render_phrases(result: PhrasesResult, fmt: str) -> str:
    """``phrases`` as table, markdown, csv or json."""
    if fmt == "json":
        return to_json(result)
    docs = result.documents
    weak = [d.news_summary for d in docs]
    rows = []
    faint = bool(result.layout and result.layout.main.periods and result.layout.main.periods[-1].news_summary)
    for k, p in enumerate(result.phrases, start=1):
        counts = [p.counts.get(d.id, 0) for d in docs]
        now = str(p.status) + (" (weak)" if faint and p.status in ("dropped", "absent") else "")
        if len(p.series_status) > 1:
            now += " (" + "; ".join(f"{key}: {st}" for key, st in p.series_status.items()) + ")"
        first, last = p.first or p.first_year or "", p.last or p.last_year or ""
        row = [k, p.phrase, p.docs, p.total, first, last, p.longest_run, now]
        if fmt == "csv":
            rows.append([*row, ";".join(f"{i}={n}" for i, n in p.counts.items())])
        else:
            rows.append([*row, strip(counts, weak)])
    headers = ["#", "phrase", "docs", "total", "first", "last", "run", "now"]
    if fmt == "csv":
        return table(rows, [*headers, "counts"], fmt)
    out = [f"{'## ' if fmt == 'markdown' else ''}Recurring phrases: {len(rows)}\n\n"]
    out.append(table(rows, [*headers, "timeline"], fmt))
    if docs:
        out.append(f"\n{_units_legend(docs)}; {_now_legend(result.layout)}\n")
    if any(weak):
        out.append(f"{SUMMARY_NOTE} (∘ = absent from a news summary)\n")
    return "".join(out)


# --- track -------------------------------------------------------------------------------


def _variants(result: TrackResult, fmt: str) -> str:
    """The variants table of ``track`` (empty when no slogan has variants)."""
    out = []
    style = "markdown" if fmt == "markdown" else "wdiff"
    variant_rows = []
    for s in result.slogans:
        for v in s.variants:
            variant_rows.append([s.phrase, v.group, v.first_year, mark_ops(v.ops, "both", style), len(v.docs)])
    if variant_rows:
        out.append(f"\n{'### ' if fmt == 'markdown' else ''}Variants (formulation drift)\n\n")
        if fmt == "table":
            variant_rows = [[r[0], r[1], r[2], wrap(r[3], 50), r[4]] for r in variant_rows]
        out.append(
            table(
                variant_rows, ["slogan", "group", "first", "variant (changes against the group's first)", "docs"], fmt
            )
        )
    return "".join(out)


def _track_label(result: TrackResult, s) -> str:
    return s.phrase if len(result.layout.series) == 1 else f"{s.phrase} · {s.series}"


def render_track(result: TrackResult, fmt: str) -> str:
    """``track`` as table, markdown, csv (one row per slogan, series and unit) or json."""
    if fmt == "json":
        return to_json(result)
    units = result.units
    keys = [u.key for u in units]
    weak = [u.news_summary for u in units]
    by_key = {u.key: u for u in units}
    own = {k: [u.key for u in v] for k, v in result.series.items()}
    if fmt == "csv":
        rows = []
        for s in result.slogans:
            for k in own.get(s.series, keys):
                u = by_key[k]
                counts = [s.counts[k], s.standalone[k], s.rate[k], s.status[k]]
                rows.append([s.phrase, s.series, k, u.year, *counts, u.news_summary, k in s.weak])
        headers = ["slogan", "series", "unit", "year", "count", "standalone", "rate_per_10k", "status"]
        return table(rows, [*headers, "news_summary", "weak"], fmt)
    rows = []
    for s in result.slogans:
        mine = own.get(s.series, keys)
        counts = [s.counts.get(k) for k in keys]
        now = str(s.status[mine[-1]]) if mine else ""
        if mine and mine[-1] in s.weak:
            now += " (weak)"
        total = sum(s.counts[k] for k in mine)
        nested = total - sum(s.standalone[k] for k in mine)
        present = _ranges(s.years_present)
        rows.append(
            [
                _track_label(result, s),
                total,
                nested or "",
                s.first_year or "",
                s.last or "",
                wrap(present, 22) if fmt == "table" else present,
                now,
                strip(counts, weak),
            ]
        )
    unit_word = result.period or "document"
    heading = "## " if fmt == "markdown" else ""
    out = [f"{heading}Slogans: {len(result.slogans)} timelines across {len(units)} {unit_word}s\n\n"]
    out.append(table(rows, ["slogan", "total", "nested", "first", "last", "years present", "now", "timeline"], fmt))
    first, last = units[0], units[-1]
    out.append(
        f"\ntimeline: {timeline_legend(len(units), unit_word)}, {first.key} to {last.key}"
        f"{_gaps_note(result.layout.whole.gaps)}; a blank mark: not in that series; "
        "nested = occurrences inside a longer slogan of the list; now = status in the series' newest "
        f"{unit_word}, last = the last {unit_word} that has it\n"
    )
    if result.layout.witnesses:
        listed = ", ".join(f"{w.id} (of {w.of})" for w in result.layout.witnesses)
        out.append(f"witnesses, counted through their full text: {listed}\n")
    if any(weak):
        out.append(f"{SUMMARY_NOTE} (∘ = absent from a news summary: weak evidence)\n")
    out.append(_variants(result, fmt))
    return "".join(out)


def _gaps_note(gaps: Sequence[str]) -> str:
    """`` (no document: 1989, 1990 ...; never a drop)`` for the gaps of a timeline."""
    if not gaps:
        return ""
    shown = ", ".join(gaps[:8]) + (f" and {len(gaps) - 8} more" if len(gaps) > 8 else "")
    return f" (no document in {shown}: gaps, never a drop)"


# --- themes ------------------------------------------------------------------------------


def render_themes(result: ThemesResult, fmt: str) -> str:
    """``themes`` as table, markdown, csv (one row per theme and document) or json."""
    if fmt == "json":
        return to_json(result)
    docs = result.documents
    themes = result.themes
    if fmt == "csv":
        rows = []
        for t in themes:
            for d in docs:
                i = d.id
                terms = ";".join(f"{k}={n}" for k, n in t.contributions[i].items())
                rows.append([t.name, i, d.year, d.news_summary, t.counts[i], t.rate[i], t.change[i], terms])
        return table(rows, ["theme", "doc", "year", "news_summary", "count", "rate_per_10k", "change", "terms"], fmt)
    rows = []
    for d in docs:
        i = d.id
        row = [d.date, i + ("†" if d.news_summary else "")]
        for t in themes:
            change = t.change[i]
            arrow = "" if change is None or change == 0 else ("▲" if change > 0 else "▼")
            row.append(f"{t.rate[i]:.1f}{arrow}")
        rows.append(row)
    heading = "## " if fmt == "markdown" else ""
    out = [f"{heading}Themes: rate per 10,000 characters (words), ▲▼ against the previous document\n\n"]
    out.append(table(rows, ["date", "document", *[t.name for t in themes]], fmt))
    summary_rows = []
    for t in themes:
        total = sum(t.counts.values())
        terms: dict[str, int] = {}
        for per_doc in t.contributions.values():
            for term, n in per_doc.items():
                terms[term] = terms.get(term, 0) + n
        top = ", ".join(f"{k} {n}" for k, n in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
        summary_rows.append([t.name, total, wrap(top, 60) if fmt == "table" else top])
    out.append(f"\n{'### ' if fmt == 'markdown' else ''}Terms that carry each theme\n\n")
    out.append(table(summary_rows, ["theme", "matches", "top terms"], fmt))
    if any(d.news_summary for d in docs):
        out.append(f"\n{SUMMARY_NOTE}\n")
    return "".join(out)


# --- keyness -----------------------------------------------------------------------------


def render_keyness(result: KeynessResult, fmt: str) -> str:
    """``keyness`` as table, markdown, csv (one row per term) or json."""
    if fmt == "json":
        return to_json(result)
    summary = {d.id: d.news_summary for d in result.documents}
    if fmt == "csv":
        rows = [
            [
                c.doc,
                c.against,
                t.term,
                t.count,
                t.ref_count,
                t.g2,
                t.log_ratio,
                "over" if t.log_ratio > 0 else "under",
                summary.get(c.doc, ""),
                summary.get(c.against, ""),
            ]
            for c in result.comparisons
            for t in c.terms
        ]
        headers = ["doc", "against", "term", "count", "ref_count", "g2", "log_ratio", "use"]
        return table(rows, [*headers, "news_summary", "against_news_summary"], fmt)
    out = []
    for c in result.comparisons:
        mark = "†" if summary.get(c.doc) else ""
        ref_mark = "†" if summary.get(c.against) else ""
        head = f"{c.doc}{mark} against {c.against}{ref_mark} ({c.size} vs {c.ref_size} words)"
        out.append(f"{'### ' if fmt == 'markdown' else ''}{head}\n\n")
        rows = [
            [t.term, t.count, t.ref_count, f"{t.g2:.1f}", f"{t.log_ratio:+.2f}", "over" if t.log_ratio > 0 else "under"]
            for t in c.terms
        ]
        out.append(table(rows, ["term", "count", "ref", "G²", "log ratio", "use"], fmt))
        out.append("\n")
    if not result.comparisons:
        out.append("(no comparison: the corpus has a single document, or nothing reached the thresholds)\n")
    out.append(
        "G² >= 3.84: p < 0.05; >= 10.83: p < 0.001. log ratio: log2 of relative frequencies (+1 = twice as often)\n"
    )
    if any(summary.values()):
        out.append(f"{SUMMARY_NOTE}\n")
    return "".join(out)


def render_figures(result: FiguresResult, fmt: str) -> str:
    """``figures`` as table, markdown, csv (one row per value) or json."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        rows = [
            [s.indicator, s.kind, s.unit, v.doc, v.year, v.period, v.value, v.low, v.high, v.qualifier, v.text]
            for s in result.series
            for v in s.values
        ]
        headers = ["indicator", "kind", "unit", "doc", "year", "period", "value", "low", "high", "qualifier", "text"]
        return table(rows, headers, fmt)
    heading = "## " if fmt == "markdown" else ""
    out = [f"{heading}Figures: {result.figures} found, {result.other} without a readable indicator or kind\n\n"]
    if result.changes:
        out.append(f"{'### ' if fmt == 'markdown' else ''}Targets of the newest document against the previous one\n\n")
        rows = [[c.indicator, figure_text(c.old, c.unit), figure_text(c.new, c.unit), c.change] for c in result.changes]
        out.append(table(rows, ["indicator", "before", "now", "change"], fmt) + "\n")
    rows = []
    for s in result.series:
        values = "; ".join(f"{v.period}: {figure_text(v, s.unit)}" for v in s.values)
        rows.append([s.indicator, s.kind, s.unit, len(s.values), wrap(values, 70) if fmt == "table" else values])
    out.append(f"{'### ' if fmt == 'markdown' else ''}Series (by the year a figure refers to)\n\n")
    out.append(table(rows, ["indicator", "kind", "unit", "values", "by period"], fmt) if rows else "(none)\n")
    return "".join(out)


def render_kwic(term: str, lines: Sequence[KwicLine], fmt: str) -> str:
    """``kwic`` as table, markdown, csv or json: one line per occurrence, by date."""
    if fmt == "json":
        return to_json({"term": term, "lines": list(lines)})
    rows = [[line.doc, line.year, line.left, line.match, line.right] for line in lines]
    headers = ["document", "year", "left", "match", "right"]
    if fmt == "csv":
        return table(rows, headers, fmt)
    heading = "## " if fmt == "markdown" else ""
    out = f"{heading}{term}: {len(lines)} line(s), by date\n\n"
    return out + (table(rows, headers, fmt) if rows else "(none)\n")
