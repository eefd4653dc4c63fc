"""What a comparison answers, as typed records: the results that every output renders.

One record per command, and one for a whole corpus:

- :class:`PairDiff` -- ``diff``: two documents aligned sentence by sentence, with
  word-level changes (:class:`DiffRow`).
- :class:`EchoResult` -- ``align``: where each sentence of a focus document echoes.
- :class:`PhrasesResult`, :class:`TrackResult`, :class:`ThemesResult`,
  :class:`KeynessResult` -- ``phrases``, ``track``, ``themes``, ``keyness``.
- :class:`CorpusComparison` -- ``report``: all of the above for a corpus, plus the
  continuity of every pair (:class:`PairSummary`), the year-over-year chain
  (:class:`YearOverYear`) and keyword-in-context lines (:class:`KwicLine`).

Serialization (the JSON contracts): :func:`to_data` turns any of these records into
JSON-ready values -- dataclasses become objects with their field names, tuples (named
ones included, such as :class:`~corpuscompare.models.DiffOp`) become arrays, statuses their
lower-case names -- and :func:`from_data` reads them back, raising
:class:`~corpuscompare.errors.ShapeError` for anything of the wrong shape. :func:`to_json`
writes sorted keys, so the same record always gives the same bytes. ``data.json`` of a
report is ``to_json(comparison)`` of :class:`CorpusComparison`, with the rule of
:func:`slim` for large corpora.

>>> from corpuscompare.models import DiffOp, Status
>>> row = DiffRow(Status.CHANGED, (0,), (0,), "坚持改革", "坚持开放", 0.5, (DiffOp("equal", "坚持"),))
>>> to_data(row)["ops"], to_data(row)["status"]
([['equal', '坚持']], 'changed')
>>> from_data(to_data(row), DiffRow) == row
True
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, TypeVar

import cattrs

from ..analyze.figures import FigureEdit, FiguresResult
from ..analyze.periods import PeriodChange
from ..analyze.prominence import Prominence
from ..compare.brief import Brief, newest_briefs
from ..errors import ShapeError
from ..prepare.series import Layout, SeriesOptions
from .document import (
    AlignOptions,
    Corpus,
    DiffOp,
    Document,
    DocumentSummary,
    MatchStatus,
    MatchThresholds,
    Problem,
    Role,
    Shares,
    Status,
)
from .findings import KeynessComparison, KeynessOptions, Phrase, PhraseOptions, Presence, SloganTimeline, ThemeSeries

__all__ = [
    "COMPARISON_VERSION",
    "ComparisonOptions",
    "CorpusComparison",
    "CorpusHeader",
    "DiffRow",
    "DocumentView",
    "EchoMatch",
    "EchoResult",
    "EchoSentence",
    "KeynessResult",
    "KwicLine",
    "PairDiff",
    "PairSummary",
    "PhrasesResult",
    "Reuse",
    "SignificantSentence",
    "ThemesResult",
    "TrackResult",
    "TrackUnit",
    "YearOverYear",
    "from_data",
    "slim",
    "to_data",
    "to_json",
]

#: Bump when a record's shape or the meaning of a field changes.
COMPARISON_VERSION = "7"

T = TypeVar("T")


@dataclass(frozen=True)
class DocumentView:
    """``show``: a document, its corpus and the word tokens of each sentence."""

    corpus: Corpus
    """The corpus the document came from."""
    document: Document
    """The document."""
    tokens: tuple[tuple[str, ...], ...]
    """Word tokens of each sentence."""


# --- diff --------------------------------------------------------------------------------


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


# --- echo map ----------------------------------------------------------------------------


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
    """The sentence's role; only ``text`` is matched (see :mod:`corpuscompare.roles`)."""


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


# --- phrases, track, themes, keyness -----------------------------------------------------


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


# --- a whole corpus ----------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonOptions:
    """What :func:`corpuscompare.compare.compare_corpus` computes and how much of it it keeps."""

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
    jobs: int = 0
    """Processes for the pairwise alignment (0: one per CPU)."""
    all_pairs_limit: int = 200
    """Up to this many documents every pair is aligned (the continuity matrix), unless the
    documents come several to a period (daily news by month: consecutive documents, reuse
    candidates and period pages instead); beyond, the pairs
    :func:`~corpuscompare.selection.pairs_to_align` chooses."""
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
    for word, whatever the sentences (:mod:`corpuscompare.reuse`)."""


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


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)

    # named tuples with postponed annotations: cattrs needs their resolved field types
    def is_named_tuple(cls: Any) -> bool:
        return isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")

    def structure_named_tuple(cls: type) -> Any:
        hints = list(typing.get_type_hints(cls).values())

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, list | tuple) or len(value) != len(hints):
                raise ValueError(f"{cls.__name__} wants {len(hints)} items")
            return cls(*(conv.structure(v, t) for v, t in zip(value, hints)))

        return structure

    conv.register_structure_hook_factory(is_named_tuple, structure_named_tuple)
    conv.register_unstructure_hook_factory(
        is_named_tuple, lambda cls: lambda value: [conv.unstructure(v) for v in value]
    )
    for enum in (Status, MatchStatus, Presence, Role):
        conv.register_unstructure_hook(enum, str)

    def strict(kind: type) -> Any:
        def structure(value: Any, _: Any) -> Any:
            if type(value) is not kind and not (kind is float and type(value) is int):
                raise ValueError(f"{kind.__name__} expected, got {type(value).__name__}")
            return kind(value)

        return structure

    for kind in (str, int, float, bool):
        conv.register_structure_hook(kind, strict(kind))
    for enum in (Status, MatchStatus, Presence, Role):  # after str: an enum is a str too
        conv.register_structure_hook(enum, lambda value, cls: cls(value))
    return conv


_CONVERTER = _converter()


def to_data(record: Any) -> Any:
    """JSON-ready values of a record (see the module docstring)."""
    return _CONVERTER.unstructure(record)


def from_data(data: Any, cls: type[T]) -> T:
    """The record of type ``cls`` that :func:`to_data` gave ``data``; a value of another
    shape (a wrong type, a missing or unknown key) raises
    :class:`~corpuscompare.errors.ShapeError`."""
    try:
        return _CONVERTER.structure(data, cls)
    except Exception as exc:  # cattrs reports bad shapes as ExceptionGroups of many kinds
        raise ShapeError(f"not a {cls.__name__}: {type(exc).__name__}") from None


def to_json(record: Any, *, indent: int | None = 2) -> str:
    """Deterministic JSON of a record (or of plain JSON-like data): sorted keys, UTF-8
    text, a trailing newline; values JSON does not know (a date in front matter) as text."""
    separators = (",", ": ") if indent else (",", ":")
    data = to_data(record)
    return (
        json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True, separators=separators, default=str) + "\n"
    )


def slim(comparison: CorpusComparison, limit: int) -> CorpusComparison:
    """The comparison that ``data.json`` holds: all of it while its JSON stays under
    ``limit`` bytes; else the diffs of distant pairs lose their rows (year over year keeps
    them), then every diff does, then the echo map its sentences (its reuse shares stay;
    the matches are in the report's tables/echo.csv), and last the continuity of every
    pair, the key terms, the variants' character diffs and the slogans' rates and
    standalone counts (in tables/continuity.csv, tables/slogans.csv,
    tables/keyness.csv and index.html; the year-over-year pairs keep their counts and
    shares), the clauses of the period-over-period changes (on their pages and in
    tables/periods.csv; their counts stay), the significant sentences of the year-over-year
    pairs (in tables/year_over_year.csv; the newest brief of each series keeps its own),
    every brief but the newest of each series (all are on the front page of index.html) and
    the document lists of the parts (track, phrases, themes, key terms, figures, echo map),
    which repeat the corpus' ``documents``, the diffs' own records (their counts and
    shares stay, as those of the year-over-year pairs here and in tables/continuity.csv)
    and the slogans' places (in tables/prominence.csv).
    ``corpuscompare diff OLD NEW -f json`` gives any pair's rows and ``corpuscompare align
    -f json`` the echo map. Keyword-in-context lines are never in it (they are in the
    report's pages)."""
    lean = replace(comparison, kwic={})
    if _size(lean) <= limit:
        return lean
    yearly = {c.page for c in comparison.consecutive if c.page}
    lean = replace(lean, diffs={k: d if k in yearly else replace(d, pairs=()) for k, d in lean.diffs.items()})
    if _size(lean) <= limit:
        return lean
    lean = replace(lean, diffs={k: replace(d, pairs=()) for k, d in lean.diffs.items()})
    if lean.echo is not None:
        lean = replace(lean, echo=replace(lean.echo, sentences=()))
    if _size(lean) <= limit:
        return lean
    track = lean.track
    if track is not None:
        slogans = tuple(
            replace(s, variants=tuple(replace(v, ops=()) for v in s.variants), rate={}, standalone={})
            for s in track.slogans
        )  # rates and standalone counts are in tables/slogans.csv
        track = replace(track, slogans=slogans)
    periods = tuple(replace(p, added=(), dropped=(), kept=()) for p in lean.periods)  # on their pages and in CSV
    briefs = tuple(newest_briefs(lean.briefs))
    consecutive = tuple(replace(y, new_sentences=(), dropped_sentences=()) for y in lean.consecutive)
    # each part's list of documents repeats the corpus' own (``documents``), which stays
    parts: dict[str, Any] = {
        "phrases": replace(lean.phrases, documents=()),
        "keyness": replace(lean.keyness, comparisons=(), documents=()),
    }
    for name in ("track", "themes", "figures", "echo"):
        part = track if name == "track" else getattr(lean, name)
        if part is not None:
            parts[name] = replace(part, documents=())
    return replace(
        lean, consecutive=consecutive, continuity=(), diffs={}, periods=periods, briefs=briefs, prominence=(), **parts
    )


def _size(record: Any) -> int:
    return len(to_json(record, indent=None).encode("utf-8"))
