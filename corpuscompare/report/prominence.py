"""Prominence in a report: where each slogan sits in the newest document and before it.

- :func:`place_text` -- ``§3 · task 7 of 10 · 68%`` (section, task, share of the text before it).
- :func:`prominence_rows` -- rows of the index's and report.md's prominence table.
- :func:`prominence_csv` -- ``tables/prominence.csv``: every place of every slogan.
"""

from __future__ import annotations

from typing import Any

from ..model.comparison import CorpusComparison
from ..model.findings import Place
from .tables import table

__all__ = ["TRAIL", "place_text", "prominence_csv", "prominence_rows"]

#: Places shown in the trail of each slogan (the newest).
TRAIL = 8


def place_text(p: Place | None) -> str:
    """``§3 · task 7 of 10 · 68%``; ``§1 · 13%``; ``13%`` without numbered sections."""
    if p is None:
        return "—"
    parts = []
    if p.section is not None:
        parts.append(f"§{p.section}")
    if p.task is not None:
        parts.append(f"task {p.task} of {p.tasks}")
    parts.append(f"{p.position:.0%}")
    return " · ".join(parts)


def _short(p: Place) -> str:
    where = f"§{p.section}" + (f".{p.task}" if p.task is not None else "") if p.section is not None else ""
    return f"{p.year or p.doc} {where or f'{p.position:.0%}'}"


def prominence_rows(c: CorpusComparison, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Per slogan of the newest document: its place there, its place before, the move, the
    trail of its newest places, and the heading it sits under now."""
    rows = []
    newest = c.layout.main.documents[-1] if c.layout.main.documents else None
    for p in c.prominence:
        if not p.places or p.places[-1].doc != newest:
            continue
        now = p.places[-1]
        before = p.places[-2] if len(p.places) >= 2 else None
        rows.append(
            {
                "slogan": p.slogan,
                "now": place_text(now),
                "before": place_text(before),
                "before_doc": labels.get(before.doc, before.doc) if before else "",
                "move": p.move,
                "heading": now.heading,
                "trail": " → ".join(_short(x) for x in p.places[-TRAIL:]),
            }
        )
    return rows


def prominence_csv(c: CorpusComparison) -> str:
    """Every place of every slogan, one row each (the heading a sentence sits under is the
    last header before it: ``corpuscompare show DOC`` lists them)."""
    summary = {d.id: d.news_summary for d in c.documents}
    rows = [
        [p.slogan, x.doc, x.year or "", x.sentence, x.position, x.section or "", x.task or "", x.tasks, summary[x.doc]]
        for p in c.prominence
        for x in p.places
    ]
    header = ["slogan", "doc", "year", "sentence", "position", "section", "task", "tasks", "news_summary"]
    return table(rows, header, "csv")
