"""Records of the front page ("What is new"): each period of a series against the one before
it, with the evidence each line links to (built by :mod:`corpuscompare.compare.brief`).

- :class:`Evidence`, :class:`BriefLink`, :class:`BriefTerm`, :class:`VariantChange` -- a
  sentence and the diff row that shows it; one link of the series; a slogan or phrase with
  its counts; a reworded formula.
- :class:`Brief` -- one period against the previous one.
- :func:`newest_briefs` -- the brief of the newest period of each series, main series first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .figures import FigureChange
from .findings import Presence

__all__ = ["Brief", "BriefLink", "BriefTerm", "Evidence", "VariantChange", "newest_briefs"]


@dataclass(frozen=True)
class Evidence:
    """A sentence and where a reader sees it."""

    doc: str
    index: int
    """Sentence number in the document (0-based, as in diff rows)."""
    paragraph: int
    """Paragraph number in the document (0-based; cited as ¶ paragraph + 1)."""
    text: str
    row: int | None
    """Row of the diff page (anchor ``#p{row}``); None when the pair has no page."""


@dataclass(frozen=True)
class BriefLink:
    """One document against the one before it, within the newer period."""

    old: str
    new: str
    continues: int
    changed: int
    added: int
    dropped: int
    continuing: float
    """Share of the newer document, by characters, that continues the older."""
    formulation: float
    """Share of the newer document inside clauses reused word for word from the older."""
    page: str | None
    new_sentences: tuple[Evidence, ...]
    dropped_sentences: tuple[Evidence, ...]


@dataclass(frozen=True)
class BriefTerm:
    """A slogan or phrase whose presence changed between the two periods."""

    text: str
    kind: str
    """``slogan`` or ``phrase``."""
    status: Presence
    """new, revived or dropped."""
    old: int
    """Occurrences in the older period."""
    new: int
    """Occurrences in the newer period."""
    since: str | None
    """Revived: the last period that had it before; dropped: the first period of the run that ended."""
    weak: bool = False
    """The status rests on the silence of news summaries only."""


@dataclass(frozen=True)
class VariantChange:
    """A slogan of both periods whose formulation changed."""

    slogan: str
    now: tuple[str, ...]
    """Formulations of the newer period not used in the older."""
    before: tuple[str, ...]
    """Formulations of the older period not used in the newer."""


@dataclass(frozen=True)
class Brief:
    """One period of a series against the one before it."""

    series: str
    old: str
    """Key of the older period."""
    new: str
    """Key of the newer period."""
    old_documents: tuple[str, ...]
    new_documents: tuple[str, ...]
    news_summary: bool
    """Either period holds news summaries only: absences are weak evidence."""
    links: tuple[BriefLink, ...]
    """Document links ending in the newer period (one for an annual series; none for a
    series of several documents per period, which has ``clauses`` instead)."""
    clauses: tuple[int, int, int] | None
    """Clauses added, dropped and kept (series of several documents per period)."""
    page: str | None
    """The page that shows this change in full: the diff of the link, or the period page."""
    terms: tuple[BriefTerm, ...]
    variants: tuple[VariantChange, ...]
    figures: tuple[FigureChange, ...]
    """Targets that changed (raised, lowered, reworded, new, dropped)."""
    figures_unchanged: int
    added_clauses: tuple[tuple[str, int], ...] = ()
    """Series of several documents per period: the clauses the newer period added that recur
    most (text, documents of the newer period holding it), at most :data:`CLAUSES_LISTED`."""
    dropped_clauses: tuple[tuple[str, int], ...] = ()
    """The same for the clauses it dropped (documents of the older period)."""
    figure_rows: tuple[int | None, ...] = ()
    """For each of ``figures``: the row of the last link's diff page that holds its sentence
    (the newer value's, or the older's when dropped); None without a page."""


def newest_briefs(items: Sequence[Brief]) -> list[Brief]:
    """The newest brief of each series (briefs run newest first within a series)."""
    seen: set[str] = set()
    out = []
    for b in items:
        if b.series not in seen:
            seen.add(b.series)
            out.append(b)
    return out
