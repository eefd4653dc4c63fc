"""One record per command: what ``show``, ``diff``, ``align``, ``phrases``, ``track``,
``themes``, ``keyness`` and ``kwic`` answer, and every renderer reads.

- :class:`DocumentView` -- ``show``.
- :class:`PairDiff`, :class:`DiffRow` -- ``diff``: two documents aligned sentence by
  sentence, with word-level changes.
- :class:`EchoResult`, :class:`EchoSentence`, :class:`EchoMatch`, :class:`Reuse` --
  ``align``: where each sentence of a focus document echoes.
- :class:`PhrasesResult`, :class:`TrackResult`, :class:`TrackUnit`, :class:`ThemesResult`,
  :class:`KeynessResult` -- ``phrases``, ``track``, ``themes``, ``keyness``.
- :class:`KwicLine` -- one keyword-in-context line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from .alignment import AlignOptions, DiffOp, MatchStatus, MatchThresholds, Shares, Status
from .document import Corpus, Document, DocumentSummary, Role
from .figures import FigureEdit
from .findings import KeynessComparison, KeynessOptions, Phrase, PhraseOptions, SloganTimeline, ThemeSeries
from .layout import Layout

__all__ = [
    "DiffRow",
    "DocumentView",
    "EchoMatch",
    "EchoResult",
    "EchoSentence",
    "KeynessResult",
    "KwicLine",
    "PairDiff",
    "PhrasesResult",
    "Reuse",
    "ThemesResult",
    "TrackResult",
    "TrackUnit",
]


@dataclass(frozen=True)
class DocumentView:
    """``show``: a document, its corpus and the word tokens of each sentence."""

    corpus: Corpus
    """The corpus the document came from."""
    document: Document
    """The document."""
    tokens: tuple[tuple[str, ...], ...]
    """Word tokens of each sentence."""


@dataclass(frozen=True)
class DiffRow:
    """One unit of a ``diff``: sentences of OLD and NEW that correspond, with their texts."""

    status: Status
    """same, changed, moved, split, merged, added or removed."""
    a: tuple[int, ...]
    """Indices of OLD sentences (empty for added)."""
    b: tuple[int, ...]
    """Indices of NEW sentences (empty for removed)."""
    a_text: str
    """The OLD sentences, joined (no separator in Chinese, a space otherwise)."""
    b_text: str
    """The NEW sentences, joined."""
    similarity: float
    """Similarity of the two texts, 0..1."""
    ops: tuple[DiffOp, ...]
    """Word-level changes from ``a_text`` to ``b_text`` (empty where nothing is diffed)."""
    role: Role = Role.TEXT
    """``text`` when a sentence of the row is the speaker's text, else the role of its
    sentences (header, frame ...): such rows count nothing in the shares."""
    a_shown: str = ""
    """``a_text`` as the source writes it (see ``Document.shown``), when that differs: the
    same length, so ``ops`` cut it at the same places; what outputs display."""
    b_shown: str = ""
    """``b_text`` as the source writes it, when that differs."""
    reused: tuple[tuple[int, int], ...] = ()
    """Changed, split, merged and added rows: spans of NEW's text (offsets in ``b_text``)
    made of clauses OLD has word for word (formulation reuse inside a rewritten sentence)."""
    figures: tuple[FigureEdit, ...] = ()
    """Changed, split and merged rows: figures of one indicator whose value changed."""


@dataclass(frozen=True)
class PairDiff:
    """``diff``: two documents aligned; rows in NEW order, removed rows where they stood in OLD."""

    a: DocumentSummary
    """The older document (OLD)."""
    b: DocumentSummary
    """The newer document (NEW)."""
    notes: tuple[str, ...]
    """What a reader must know to trust the result (e.g. the languages differ)."""
    pairs: tuple[DiffRow, ...]
    """The rows (all of them, or the changed ones with ``--changes-only``)."""
    summary: Mapping[Status, int]
    """Rows per status over the whole alignment, every status present."""
    shares: Shares
    """How much of NEW continues OLD."""
    options: AlignOptions
    """The aligner's thresholds."""


@dataclass(frozen=True)
class EchoMatch:
    """The best counterpart of a focus sentence in one document."""

    similarity: float
    """Similarity of the two sentences, 0..1."""
    index: int | None
    """Index of the matched sentence (None when nothing matched)."""
    text: str | None
    """Its text."""
    status: MatchStatus
    """verbatim, close, echo or none."""


@dataclass(frozen=True)
class EchoSentence:
    """One sentence of the focus document and its best match in every other document."""

    index: int
    """Index in the focus document."""
    text: str
    """The sentence."""
    noise: bool
    """True for transcript noise (left out of tables)."""
    matches: Mapping[str, EchoMatch]
    """Best match per document id."""
    role: Role = Role.TEXT
    """The sentence's role; only ``text`` is matched (see :mod:`corpuscompare.prepare.roles`)."""


@dataclass(frozen=True)
class Reuse:
    """How much a document and the focus share, by characters."""

    of_focus: float
    """Share of the focus document echoed in the document."""
    of_doc: float
    """Share of the document that echoes the focus."""


@dataclass(frozen=True)
class EchoResult:
    """``align``: every sentence of a focus document followed through a corpus."""

    focus: DocumentSummary
    """The document whose sentences are followed."""
    documents: tuple[DocumentSummary, ...]
    """The other documents, in corpus order."""
    sentences: tuple[EchoSentence, ...]
    """The focus document's sentences with their matches."""
    reuse: Mapping[str, Reuse]
    """Per document id."""
    thresholds: MatchThresholds
    """When a match is close or an echo."""
    unit: str = "sentence"
    """What is followed: the focus's ``sentence``s, or its formulations (``clause``s of
    7+ characters, matched word for word; ``align --unit clause``)."""


@dataclass(frozen=True)
class PhrasesResult:
    """``phrases``: recurring phrases, best first."""

    documents: tuple[DocumentSummary, ...]
    """The documents mined, in corpus order."""
    options: PhraseOptions
    """What counted as a phrase."""
    phrases: tuple[Phrase, ...]
    """The phrases."""
    layout: Layout | None = None
    """Series, periods and witnesses the statuses follow."""


@dataclass(frozen=True)
class TrackUnit:
    """A column of a slogan timeline: one document, or the documents of one period."""

    key: str
    """Document id, or the period (``2017``, ``2017-12`` ...)."""
    year: int | None
    """The year."""
    documents: tuple[str, ...]
    """Ids of its documents."""
    news_summary: bool
    """True when all of them are news summaries (an absence there is weak evidence)."""
    size: int
    """Characters (Chinese) or words: what rates are per."""


@dataclass(frozen=True)
class TrackResult:
    """``track``: slogans of a watch list through the units of a corpus."""

    documents: tuple[DocumentSummary, ...]
    """The documents, in corpus order."""
    period: str | None
    """The period units are (``year``, ``month`` ...); None when units are documents."""
    units: tuple[TrackUnit, ...]
    """The timeline's columns over every series, in order."""
    slogans: tuple[SloganTimeline, ...]
    """One timeline per slogan and series (``all`` first when there are several), in
    watch-list order."""
    series: Mapping[str, tuple[TrackUnit, ...]]
    """The columns of each series (a series' timeline has counts for these only)."""
    layout: Layout
    """Series, periods (gaps) and witnesses."""


@dataclass(frozen=True)
class ThemesResult:
    """``themes``: theme rates per document."""

    documents: tuple[DocumentSummary, ...]
    """The documents, in corpus order."""
    themes: tuple[ThemeSeries, ...]
    """One series per theme of the lexicon."""


@dataclass(frozen=True)
class KeynessResult:
    """``keyness``: over- and under-used terms."""

    documents: tuple[DocumentSummary, ...]
    """The documents, in corpus order."""
    options: KeynessOptions
    """Which comparisons, which terms."""
    comparisons: tuple[KeynessComparison, ...]
    """One per document characterized."""


class KwicLine(NamedTuple):
    """A keyword in its context (JSON: ``[doc, year, left, match, right]``)."""

    doc: str
    """Document id, with a † when the document is a news summary."""
    year: int | None
    """The document's year."""
    left: str
    """Context before the match."""
    match: str
    """The match, as written."""
    right: str
    """Context after the match."""
