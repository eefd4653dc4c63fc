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

from ..comparison import KeynessResult, PhrasesResult, ThemesResult, TrackResult, to_json
from ..models import DocumentSummary
from .pairs import mark_ops
from .tables import SUMMARY_NOTE, table, wrap

__all__ = ["render_keyness", "render_phrases", "render_themes", "render_track", "strip"]


def strip(counts: Sequence[int], weak: Sequence[bool] | None = None) -> str:
    """One character per unit: ``·`` none (``∘`` none in a news summary), 1-9, ``+`` ten or more.

    >>> strip([0, 1, 12, 0], [False, False, False, True])
    '·1+∘'
    """
    out = []
    for k, c in enumerate(counts):
        if c <= 0:
            out.append("∘" if weak and weak[k] else "·")
        else:
            out.append(str(c) if c < 10 else "+")
    return "".join(out)


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
    return f"timeline: one mark per document, {first.date} ({first.id}) to {last.date} ({last.id})"


# --- phrases -----------------------------------------------------------------------------


def render_phrases(result: PhrasesResult, fmt: str) -> str:
    """``phrases`` as table, markdown, csv or json."""
    if fmt == "json":
        return to_json(result)
    docs = result.documents
    weak = [d.news_summary for d in docs]
    rows = []
    for k, p in enumerate(result.phrases, start=1):
        counts = [p.counts.get(d.id, 0) for d in docs]
        row = [k, p.phrase, p.docs, p.total, p.first_year, p.last_year, p.longest_run, p.status]
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
        out.append(f"\n{_units_legend(docs)}; now = status in the newest document\n")
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


def render_track(result: TrackResult, fmt: str) -> str:
    """``track`` as table, markdown, csv (one row per slogan and unit) or json."""
    if fmt == "json":
        return to_json(result)
    units = result.units
    keys = [u.key for u in units]
    weak = [u.news_summary for u in units]
    if fmt == "csv":
        rows = []
        for s in result.slogans:
            for u in units:
                k = u.key
                rows.append(
                    [
                        s.phrase,
                        k,
                        u.year,
                        s.counts[k],
                        s.standalone[k],
                        s.rate[k],
                        s.status[k],
                        u.news_summary,
                        k in s.weak,
                    ]
                )
        return table(
            rows,
            ["slogan", "unit", "year", "count", "standalone", "rate_per_10k", "status", "news_summary", "weak"],
            fmt,
        )
    rows = []
    for s in result.slogans:
        counts = [s.counts[k] for k in keys]
        now = str(s.status[keys[-1]]) if keys else ""
        if keys and keys[-1] in s.weak:
            now += " (weak)"
        nested = sum(counts) - sum(s.standalone[k] for k in keys)
        rows.append(
            [
                s.phrase,
                sum(counts),
                nested or "",
                s.first_year or "",
                s.last_year or "",
                wrap(_ranges(s.years_present), 22) if fmt == "table" else _ranges(s.years_present),
                now,
                strip(counts, weak),
            ]
        )
    unit_word = "year" if result.by_year else "document"
    heading = "## " if fmt == "markdown" else ""
    out = [f"{heading}Slogans: {len(rows)} across {len(units)} {unit_word}s\n\n"]
    out.append(table(rows, ["slogan", "total", "nested", "first", "last", "years present", "now", "timeline"], fmt))
    first, last = units[0], units[-1]
    out.append(
        f"\ntimeline: one mark per {unit_word}, {first.key} to {last.key}; "
        "nested = occurrences inside a longer slogan of the list\n"
    )
    if any(weak):
        out.append(f"{SUMMARY_NOTE} (∘ = absent from a news summary: weak evidence)\n")
    out.append(_variants(result, fmt))
    return "".join(out)


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
