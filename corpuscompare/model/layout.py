"""The layout of a corpus: its series, their periods and witnesses (built by
:mod:`corpuscompare.prepare.series`, where the rules are explained).

- :data:`PERIODS`, :data:`ALL`, :data:`UNDATED` -- the period granularities, the series of
  everything and the period of undated documents.
- :class:`SeriesOptions` -- ``--series``, ``--where``, ``--period``, ``--keep-boilerplate``.
- :class:`Period`, :class:`Series`, :class:`Witness`, :class:`Layout` -- what an analyst
  compares: series of documents by period, news summaries counted once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["PERIODS", "Layout", "Period", "Series", "SeriesOptions", "Witness"]


#: Values of ``--period``.
PERIODS = ("auto", "year", "quarter", "month", "day")


#: The key of the series that holds every document (one-series corpora, totals).
ALL = "all"


UNDATED = "undated"


@dataclass(frozen=True)
class SeriesOptions:
    """How documents are selected, grouped into series and periods, and read."""

    fields: tuple[str, ...] | None = None
    """Front-matter fields that define a series (None: corpus.yaml, else ``series``; ``()``: one)."""
    where: tuple[str, ...] = ()
    """``field=value`` / ``field!=value`` filters, all of which a document must pass."""
    period: str = "auto"
    """``auto``, ``year``, ``quarter``, ``month`` or ``day``."""
    keep_boilerplate: bool = False
    """Every sentence counts as the speaker's text (roles off)."""
    witness_coverage: float = 0.5
    """Share of a news summary's words that must align with a full text of its date."""


@dataclass(frozen=True)
class Period:
    """One period of a series: the documents that count in it."""

    key: str
    """``2017``, ``2017-Q4``, ``2017-12``, ``2017-12-03`` or ``undated``."""
    documents: tuple[str, ...]
    """Ids of the counted documents (witnesses left out), in corpus order."""
    news_summary: bool
    """True when every one of them is a news summary: an absence here is weak evidence."""
    size: int
    """Characters (Chinese) or words of those documents: what rates are per."""


@dataclass(frozen=True)
class Series:
    """Documents that form one series (one speaker, one programme ...)."""

    key: str
    """``all`` for the whole corpus, else the field values (``习近平``, ``习近平 · speech``)."""
    fields: Mapping[str, str]
    """The value of each series field (empty for ``all``)."""
    documents: tuple[str, ...]
    """Ids of the counted documents, in corpus order: chains run through these."""
    witnesses: tuple[str, ...]
    """Ids of the series' witnesses (news summaries of a full text), shown but not counted."""
    periods: tuple[Period, ...]
    """Periods with at least one counted document, in order."""
    gaps: tuple[str, ...]
    """Periods between the first and last with no document at all."""


@dataclass(frozen=True)
class Witness:
    """A news summary counted through the full text it reproduces."""

    id: str
    """Id of the summary."""
    of: str
    """Id of the full text."""
    coverage: float
    """Share of the summary's words aligned with the full text."""


@dataclass(frozen=True)
class Layout:
    """How a corpus is read: its series, periods and witnesses."""

    fields: tuple[str, ...]
    """The series fields (empty: one series)."""
    period: str
    """The period used (``auto`` resolved)."""
    series: tuple[Series, ...]
    """The series, the largest first (ties: the one with the newest document)."""
    whole: Series
    """Every counted document as one series (``all``): by-period totals."""
    witnesses: tuple[Witness, ...]
    """Witnesses, in corpus order."""
    where: tuple[str, ...] = ()
    """The filters applied."""
    boilerplate_kept: bool = False
    """True when sentence roles were turned off."""

    @property
    def main(self) -> Series:
        """The series statuses and "now" are reported for by default: the largest."""
        return self.series[0]

    def series_of(self, doc_id: str) -> Series | None:
        for s in self.series:
            if doc_id in s.documents or doc_id in s.witnesses:
                return s
        return None

    @property
    def witness_of(self) -> dict[str, str]:
        return {w.id: w.of for w in self.witnesses}

    @property
    def counted(self) -> frozenset[str]:
        return frozenset(self.whole.documents)
