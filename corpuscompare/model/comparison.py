"""The comparison of a whole corpus: one typed record of everything the report shows.

- :class:`ComparisonOptions` -- what a comparison depends on (thresholds, series, period).
- :class:`CorpusComparison` -- ``report``: the corpus (:class:`CorpusHeader`), the
  continuity of every pair compared (:class:`PairSummary`), the year-over-year chains
  (:class:`YearOverYear`) with their most significant sentences
  (:class:`SignificantSentence`), and the results of every command
  (:mod:`corpuscompare.model.results`) and analysis (:mod:`corpuscompare.model.findings`).
- :data:`COMPARISON_VERSION` -- the shape's version in ``data.json`` and the cache.

Serialization is in :mod:`corpuscompare.model.serialize`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from .alignment import AlignOptions, MatchThresholds, Shares, Status
from .brief import Brief
from .document import DocumentSummary, Problem
from .figures import FiguresResult
from .findings import KeynessOptions, PeriodChange, PhraseOptions, Prominence
from .layout import Layout, SeriesOptions
from .results import EchoResult, KeynessResult, KwicLine, PairDiff, PhrasesResult, ThemesResult, TrackResult

__all__ = [
    "COMPARISON_VERSION",
    "ComparisonOptions",
    "CorpusComparison",
    "CorpusHeader",
    "PairSummary",
    "SignificantSentence",
    "YearOverYear",
]

#: Bump when a record's shape or the meaning of a field changes.
COMPARISON_VERSION = "7"

T = TypeVar("T")


# --- diff --------------------------------------------------------------------------------


# --- echo map ----------------------------------------------------------------------------


# --- phrases, track, themes, keyness -----------------------------------------------------


# --- a whole corpus ----------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonOptions:
    """What :func:`corpuscompare.compare.pipeline.compare_corpus` computes and how much of it it keeps."""

    align: AlignOptions = field(default_factory=AlignOptions)
    """Sentence-alignment thresholds (as for ``diff``)."""
    match: MatchThresholds = field(default_factory=MatchThresholds)
    """Echo-map thresholds (as for ``align``)."""
    phrases: PhraseOptions = field(default_factory=lambda: PhraseOptions(top=60))
    """Phrase mining; the top ones are kept."""
    keyness: KeynessOptions = field(default_factory=KeynessOptions)
    """Key terms of each document against the previous one (the ``keyness`` defaults)."""
    top_sentences: int = 3
    """Most significant new and dropped sentences kept per consecutive pair."""
    kwic_lines: int = 25
    """Keyword-in-context lines kept per slogan or phrase."""
    kwic_width: int = 16
    """Characters (Chinese) or words of context on each side."""
    kwic_phrases: int = 50
    """Top mined phrases that get keyword-in-context lines (every slogan does)."""
    page_budget: int = 3_500_000
    """Bytes of diff pages at most (the 43 reports of the GWR stay under 5 MB in all):
    consecutive pairs first, then nearer pairs before farther; a pair past the budget keeps
    its counts and shares but no rows."""
    all_pairs_limit: int = 200
    """Up to this many documents every pair is aligned (the continuity matrix), unless the
    documents come several to a period (daily news by month: consecutive documents, reuse
    candidates and period pages instead); beyond, the pairs
    :func:`~corpuscompare.align.choice.pairs_to_align` chooses."""
    detail_documents: int = 60
    """Beyond ``all_pairs_limit`` documents: how many of the newest of each series keep
    their key terms and most significant sentences."""
    series: SeriesOptions = field(default_factory=SeriesOptions)
    """Selection, series, periods, roles (as ``--where``, ``--series``, ``--period``)."""


@dataclass(frozen=True)
class CorpusHeader:
    """The corpus a comparison is about."""

    name: str
    """Display name."""
    path: str
    """The path as given (bundled corpora: ``corpora/<name>``)."""
    description: str
    """One paragraph from corpus.yaml."""
    focus: str | None
    """Id of the focus document of the echo map (None without one)."""


@dataclass(frozen=True)
class PairSummary:
    """One pair of documents of the continuity matrix."""

    old: str
    """Id of the older document."""
    new: str
    """Id of the newer document."""
    distance: int
    """How many documents apart they are in corpus order (1: consecutive)."""
    summary: Mapping[Status, int]
    """Aligned units per status."""
    shares: Shares
    """How much of the newer continues the older."""
    page: str | None
    """Key of its diff in :attr:`CorpusComparison.diffs` (None: no rows kept)."""
    formulation: float = 0.0
    """Share of the newer document's formulation-length clause text that the older has word
    for word, whatever the sentences (:mod:`corpuscompare.analyze.reuse`)."""


@dataclass(frozen=True)
class SignificantSentence:
    """A new (or dropped) sentence that carries the words its document uses more than the other."""

    index: int
    """Index in its document."""
    text: str
    """The sentence."""
    score: float
    """Sum of the G² of its over-used words."""
    paragraph: int = 0
    """Index of its paragraph in its document (0-based; a report cites it as ¶ paragraph + 1)."""


@dataclass(frozen=True)
class YearOverYear:
    """A document against the one before it in its series (witnesses are not in chains)."""

    series: str
    """Key of the series."""
    old: str
    """Id of the older document."""
    new: str
    """Id of the newer document."""
    summary: Mapping[Status, int]
    """Aligned units per status."""
    shares: Shares
    """How much of the newer continues the older."""
    new_sentences: tuple[SignificantSentence, ...]
    """The most significant added sentences of the newer document."""
    dropped_sentences: tuple[SignificantSentence, ...]
    """The most significant removed sentences of the older document."""
    page: str | None
    """Key of its diff in :attr:`CorpusComparison.diffs`."""


@dataclass(frozen=True)
class CorpusComparison:
    """Everything ``report`` shows about a corpus, computed once, rendered many ways."""

    version: str
    """:data:`COMPARISON_VERSION` of the shapes."""
    corpus: CorpusHeader
    """Which corpus."""
    documents: tuple[DocumentSummary, ...]
    """Its documents, in corpus order."""
    problems: tuple[Problem, ...]
    """Files that did not load."""
    options: ComparisonOptions
    """What was computed."""
    continuity: tuple[PairSummary, ...]
    """Every pair of documents (older, newer), newer by newer."""
    consecutive: tuple[YearOverYear, ...]
    """Each counted document against the one before it in its series."""
    layout: Layout
    """Series, periods and witnesses."""
    diffs: Mapping[str, PairDiff]
    """Full diffs of the pairs that keep their rows, by page key."""
    track: TrackResult | None
    """The watch list's slogans (None without a watch list)."""
    phrases: PhrasesResult
    """Recurring phrases."""
    themes: ThemesResult | None
    """Theme rates (None without a lexicon)."""
    keyness: KeynessResult
    """Key terms of each document against the previous one."""
    echo: EchoResult | None
    """The focus document's echoes (None without a focus)."""
    kwic: Mapping[str, tuple[KwicLine, ...]]
    """Lines in context of every slogan and top phrase."""
    joiner: str
    """How sentences of the corpus join into one text ("" for Chinese, " " otherwise)."""
    periods: tuple[PeriodChange, ...] = ()
    """Period over period, for series with several documents per period (daily news)."""
    figures: FiguresResult | None = None
    """Figures by indicator, and the newest targets against the previous ones."""
    prominence: tuple[Prominence, ...] = ()
    """Where each slogan of the watch list sits in each document of the main series."""
    briefs: tuple[Brief, ...] = ()
    """What is new: each of the newest periods of each series against the one before it
    (the main series first, newest first)."""


# --- serialization -----------------------------------------------------------------------
