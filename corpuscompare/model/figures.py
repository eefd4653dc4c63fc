"""Records of figures: a quantity with its unit, qualifier, indicator and kind, its series
across documents and its changes (built by :mod:`corpuscompare.analyze.figures`).

- :class:`Figure`, :class:`FigureValue`, :class:`FigureSeries` -- one figure; one value
  of an indicator in a period; an indicator across the documents of a series.
- :class:`FigureChange`, :class:`FigureEdit` -- the newest targets against the previous
  ones; a figure changed inside an aligned pair.
- :class:`FiguresResult` -- ``figures``: all of these for a corpus.
- :func:`figure_text` -- a value as outputs write it (``5.2%``, ``5%左右``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .document import DocumentSummary

__all__ = ["Figure", "FigureChange", "FigureEdit", "FigureSeries", "FigureValue", "FiguresResult", "figure_text"]


@dataclass(frozen=True)
class Figure:
    """One quantity of a document."""

    doc: str
    year: int | None
    period: int | None
    """The year it refers to: a target the document's, an outcome the year before."""
    indicator: str | None
    """What is measured (normalized), None when it cannot be read."""
    kind: str
    """``target``, ``outcome`` or ``other``."""
    unit: str
    value: float
    """The number (a range's midpoint)."""
    low: float | None
    high: float | None
    qualifier: str | None
    text: str
    """The clause it stands in."""
    sentence: int
    at: int
    """Offset of the number in the sentence."""


@dataclass(frozen=True)
class FigureValue:
    doc: str
    year: int | None
    period: int | None
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    text: str


@dataclass(frozen=True)
class FigureSeries:
    indicator: str
    kind: str
    unit: str
    values: tuple[FigureValue, ...]


@dataclass(frozen=True)
class FigureChange:
    """A target of the newest document against the previous document's."""

    indicator: str
    unit: str
    old: FigureValue | None
    new: FigureValue | None
    change: str
    """``raised``, ``lowered``, ``unchanged``, ``new`` or ``dropped``."""


@dataclass(frozen=True)
class FiguresResult:
    """``corpuscompare figures``: the series and the newest changes."""

    documents: tuple[DocumentSummary, ...]
    series: tuple[FigureSeries, ...]
    changes: tuple[FigureChange, ...]
    figures: int
    """Figures found in all."""
    other: int
    """Of them, ``other`` (no readable indicator, or neither target nor outcome)."""


def figure_text(v: FigureValue | Figure | None, unit: str) -> str:
    """``6.5%–7%``, ``5%左右``, ``at least 4 percent``, ``—`` for none."""
    if v is None:
        return "—"

    def num(x: float) -> str:
        return f"{x:g}"

    glue = "" if unit in ("%", "‰") or not unit.isascii() else " "
    body = f"{num(v.low)}{glue}{unit}–{num(v.high)}{glue}{unit}" if v.low is not None else f"{num(v.value)}{glue}{unit}"
    if unit.startswith("$"):
        body = f"${num(v.value)}{unit[1:]}"
    q = v.qualifier or ""
    if not q:
        return body
    if q.isascii():
        return f"{q} {body}"
    return f"{body}{q}" if q in ("左右", "以上", "以内", "以下", "上下") else f"{q}{body}"


class FigureEdit(NamedTuple):
    """A figure of a changed sentence whose value changed: the same indicator and unit on
    both sides, another number (a diff page shows it as a figure change, not a character
    edit)."""

    indicator: str
    unit: str
    old: str
    """The value as :func:`figure_text` writes it (``5.2%``, ``5%左右``)."""
    new: str
    change: str
    """``raised``, ``lowered`` or ``reworded`` (same number, another range or qualifier)."""
