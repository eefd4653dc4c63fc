"""Records of the corpus-level analyses: phrases, slogan timelines, themes, keyness, reuse,
prominence and period-over-period changes.

- :class:`Presence`, :func:`presence_status` -- new, continuing, dropped, revived, absent:
  the one rule behind every status of a phrase or slogan.
- :class:`PhraseOptions`, :class:`Phrase` -- mined recurring phrases
  (:mod:`corpuscompare.analyze.phrases`).
- :class:`TrackOptions`, :class:`Unit`, :class:`Tracking`, :class:`SloganTimeline`,
  :class:`Variant` -- a watch list through the corpus: the timeline's columns and one
  timeline per slogan (:mod:`corpuscompare.analyze.track`).
- :class:`ThemeSeries` -- theme rates (:mod:`corpuscompare.analyze.themes`).
- :class:`KeynessOptions`, :class:`KeyTerm`, :class:`KeynessComparison` -- key terms
  (:mod:`corpuscompare.analyze.keyness`).
- :class:`Passage`, :class:`ReuseResult` -- formulation reuse (:mod:`corpuscompare.analyze.reuse`).
- :class:`Place`, :class:`Prominence` -- where a slogan sits (:mod:`corpuscompare.analyze.prominence`).
- :class:`PeriodItem`, :class:`PeriodChange` -- what a period added, dropped and kept
  (:mod:`corpuscompare.analyze.periods`).

Small, frozen, documented field by field. Statuses are :class:`enum.StrEnum` members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .alignment import DiffOp
from .document import Document, DocumentSummary
from .layout import Layout

__all__ = [
    "KEYNESS_PHRASE_MIN",
    "KEYNESS_PHRASE_TOP",
    "PERIOD_TOP",
    "KeyTerm",
    "KeynessComparison",
    "KeynessOptions",
    "Passage",
    "PeriodChange",
    "PeriodItem",
    "Phrase",
    "PhraseOptions",
    "Place",
    "Presence",
    "Prominence",
    "ReuseResult",
    "SloganTimeline",
    "ThemeSeries",
    "TrackOptions",
    "Tracking",
    "Unit",
    "Variant",
    "presence_status",
]


class Presence(StrEnum):
    """Status of a phrase or slogan at one point of a series (see ``phrases.presence_status``)."""

    NEW = "new"
    CONTINUING = "continuing"
    DROPPED = "dropped"
    REVIVED = "revived"
    ABSENT = "absent"


def presence_status(present: Sequence[bool]) -> list[Presence]:
    """Status of each position of a series of presences (documents or years, in order).

    ``new``: present for the first time; ``continuing``: present, and present just
    before; ``revived``: present again after an absence; ``dropped``: absent right after
    a presence; ``absent``: absent, and absent just before (or not yet seen).

    >>> [str(s) for s in presence_status([False, True, True, False, False, True])]
    ['absent', 'new', 'continuing', 'dropped', 'absent', 'revived']
    """
    out, seen, prev = [], False, False
    for here in present:
        if here:
            out.append(Presence.CONTINUING if prev else (Presence.REVIVED if seen else Presence.NEW))
            seen = True
        else:
            out.append(Presence.DROPPED if prev else Presence.ABSENT)
        prev = here
    return out


# --- records of the corpus-level analyses (phrases, track, themes) -----------------------


@dataclass(frozen=True)
class PhraseOptions:
    """What counts as a recurring phrase."""

    min_docs: int = 2
    """It must occur in at least this many documents."""
    min_chars: int = 4
    """Shortest phrase, in characters (Chinese)."""
    max_chars: int = 24
    """Longest phrase, in characters (Chinese); longer repeats yield their first part."""
    min_words: int = 2
    """Shortest phrase, in words (space-delimited languages)."""
    max_words: int = 8
    """Longest phrase, in words (space-delimited languages)."""
    top: int = 200
    """How many phrases to return, best first (0: all)."""
    fold: float = 0.9
    """A phrase this share of whose occurrences lie inside one longer phrase is folded into it."""


@dataclass(frozen=True)
class Phrase:
    """A recurring phrase and where it occurs."""

    phrase: str
    """The phrase (Chinese as written; other languages lower-cased, words joined by spaces)."""
    counts: Mapping[str, int]
    """Whole-word occurrences per document id (documents without it are left out)."""
    docs: int
    """Number of documents it occurs in."""
    total: int
    """All occurrences."""
    first_year: int | None
    """Year of the first document that has it."""
    last_year: int | None
    """Year of the last document that has it."""
    longest_run: int
    """Longest run of consecutive periods of the main series that all contain it."""
    status: Presence
    """Now: in the newest period of the main series (the largest; see :mod:`corpuscompare.prepare.series`)."""
    first: str | None = None
    """The first period of the main series that has it."""
    last: str | None = None
    """The last period of the main series that has it ("now" never contradicts it)."""
    series_status: Mapping[str, Presence] = field(default_factory=dict)
    """Status now in each series, when the corpus has several."""


@dataclass(frozen=True)
class Variant:
    """One formulation of a group of near-identical ones."""

    text: str
    """The formulation: the slogan with the context that varies."""
    docs: tuple[str, ...]
    """Ids of the documents that use it."""
    first_year: int | None
    """Year of the first of them."""
    group: int
    """Variants of one group are formulations of the same thing."""
    ops: tuple[DiffOp, ...] = ()
    """Character diff from the group's earliest variant to this one."""


@dataclass(frozen=True)
class SloganTimeline:
    """One slogan across the units of a corpus."""

    phrase: str
    """The slogan, normalized."""
    series: str
    """Key of the series the timeline follows (``all``: every series)."""
    counts: Mapping[str, int]
    """Occurrences per unit key, nested ones included."""
    standalone: Mapping[str, int]
    """Occurrences per unit key outside a longer slogan of the watch list."""
    rate: Mapping[str, float]
    """Occurrences per 10,000 characters (Chinese) or words, per unit key."""
    status: Mapping[str, Presence]
    """Status per unit key."""
    weak: tuple[str, ...]
    """Units where the status is an absence in news summaries only (weak evidence)."""
    first_year: int | None
    """Year of the first unit that has it."""
    last_year: int | None
    """Year of the last unit that has it."""
    last: str | None
    """Key of the last unit that has it: the status "now" never contradicts it."""
    years_present: tuple[int, ...]
    """Years with at least one occurrence."""
    years_absent: tuple[int, ...]
    """Years of the corpus without one."""
    variants: tuple[Variant, ...] = ()
    """Formulations around it, grouped (see ``track.find_variants``)."""


@dataclass(frozen=True)
class ThemeSeries:
    """One theme across the documents."""

    name: str
    """The theme's name in the lexicon."""
    terms: tuple[str, ...]
    """Its terms, normalized."""
    counts: Mapping[str, int]
    """Matches per document id."""
    rate: Mapping[str, float]
    """Matches per 10,000 characters (Chinese) or words."""
    change: Mapping[str, float | None]
    """Rate minus the rate of the previous document of its series (None for a first)."""
    contributions: Mapping[str, Mapping[str, int]]
    """Per document: matches of each term (terms with none left out)."""


@dataclass(frozen=True)
class KeynessOptions:
    """Which documents ``keyness`` characterizes, against what, and which terms it keeps."""

    doc: str | None = None
    """Id of the one document to characterize (None: every document)."""
    against: str = "previous"
    """``previous``, ``rest`` or a document id."""
    min_freq: int = 3
    """A term needs count + ref_count at least this."""
    min_g2: float = 3.84
    """A term needs G² at least this (3.84: p < 0.05)."""
    top: int = 20
    """Over- and under-used terms kept, each."""
    phrases: bool = True
    """Mined phrases of :data:`KEYNESS_PHRASE_MIN` characters or more count as terms too."""


#: Mined phrases shorter than this (characters) are left to the word counts in keyness.
KEYNESS_PHRASE_MIN = 4
#: How many mined phrases (best first) keyness considers as terms.
KEYNESS_PHRASE_TOP = 2000


@dataclass(frozen=True)
class KeyTerm:
    """A term over-used (log_ratio > 0) or under-used (< 0) in a document."""

    term: str
    """The word or mined phrase (English lower-cased)."""
    g2: float
    """Log-likelihood G² (3.84: p < 0.05; 10.83: p < 0.001)."""
    log_ratio: float
    """log2 of the ratio of relative frequencies (+1: twice as often as in the reference)."""
    count: int
    """Occurrences in the document."""
    ref_count: int
    """Occurrences in the reference."""


@dataclass(frozen=True)
class KeynessComparison:
    """Keyness of one document against a reference."""

    doc: str
    """Id of the document characterized."""
    against: str
    """The previous document's id (``--against previous``), ``rest``, or a document id."""
    terms: tuple[KeyTerm, ...]
    """Over-used terms, strongest first, then under-used ones."""
    size: int
    """Words of the document (what frequencies are relative to)."""
    ref_size: int
    """Words of the reference."""


@dataclass(frozen=True)
class PeriodItem:
    """A clause and how many documents of each period hold it."""

    text: str
    old_docs: int
    new_docs: int
    documents: tuple[str, ...]
    """Ids of the first documents that hold it (of the newer period; of the older when dropped)."""
    first: bool = False
    """True when no earlier period of the series had it (added items only)."""


@dataclass(frozen=True)
class PeriodChange:
    """One period against the one before it, in one series."""

    series: str
    old: str
    new: str
    old_documents: int
    new_documents: int
    added: tuple[PeriodItem, ...]
    dropped: tuple[PeriodItem, ...]
    kept: tuple[PeriodItem, ...]
    counts: tuple[int, int, int]
    """How many clauses were added, dropped and kept in all (before ``top``)."""
    page: str | None = None
    """File name of the page of this change in a report."""


@dataclass(frozen=True)
class Place:
    """Where a slogan first occurs in one document."""

    doc: str
    year: int | None
    sentence: int
    position: float
    """Share of the document's text before the sentence (0: the opening)."""
    section: int | None
    """Number of its section (三、 -> 3), None when the document has no numbered sections."""
    task: int | None
    """Number of its task within the section (（一） -> 1), None outside numbered tasks."""
    tasks: int
    """Numbered tasks in that section."""
    heading: str
    """The header it sits under (the task's, else the section's), or ""."""


@dataclass(frozen=True)
class Prominence:
    """A slogan's places along a series."""

    slogan: str
    places: tuple[Place, ...]
    """One per document that has it, in series order."""
    move: str
    """The newest document's place against the one before that has it: ``task 7 → 1 (up)``,
    ``earlier: 35% → 12% of the text``, ``same task``, ``same place``, ``new`` (no place
    before), or ``""`` when the newest document does not have it."""


@dataclass(frozen=True)
class Passage:
    """Reused clauses that follow each other in the newer document."""

    text: str
    """As the newer document has it, from the first clause to the last (what lies between
    them included, line breaks too)."""
    chars: int
    """Characters of its reused clauses."""
    clauses: int
    new_sentences: tuple[int, ...]
    old_sentences: tuple[int, ...]
    """Sentences of the older document that hold its clauses."""


@dataclass(frozen=True)
class ReuseResult:
    """The formulation reuse of one pair (``corpuscompare reuse OLD NEW``)."""

    old: DocumentSummary
    new: DocumentSummary
    share: float
    """Characters of the newer document's formulation-length clauses that are reused."""
    sentence_share: float | None
    """The alignment's continuing share of the newer document (None when not computed)."""
    reused: int
    """Reused clauses."""
    clauses: int
    """Formulation-length clauses of the newer document."""
    passages: tuple[Passage, ...]
    """Longest first (characters, then place)."""


#: Items of each kind kept per change.
PERIOD_TOP = 100


@dataclass(frozen=True)
class TrackOptions:
    """How tracking groups documents and looks for variants."""

    by_period: bool = False
    """Aggregate the documents of a period (the layout's: year, month ...) into one unit."""
    variants: bool = True
    """Look for near-identical formulations around each slogan."""
    mutation: float = 0.75
    """A clause without the slogan whose best window is this similar holds a mutated form."""
    context: int = 18
    """Longest stretch (characters, or words) kept on each side of a slogan in a variant."""


@dataclass(frozen=True)
class Unit:
    """A column of the timeline: one document, or all documents of one year."""

    key: str
    """Document id, or the year as a string."""
    year: int | None
    documents: tuple[Document, ...]
    size: int
    """Characters (Chinese) or words: what rates are per."""

    @property
    def summary_only(self) -> bool:
        return all(d.is_summary for d in self.documents)


@dataclass(frozen=True)
class Tracking:
    """The result of :func:`track`."""

    units: tuple[Unit, ...]
    """Columns of the whole corpus (every series), in order."""
    slogans: tuple[SloganTimeline, ...]
    """One timeline per slogan and series (``all`` first when there are several series)."""
    layout: Layout
    """Series, periods and witnesses the timelines follow."""
    series_units: Mapping[str, tuple[Unit, ...]] = field(default_factory=dict)
    """Columns of each series."""
    options: TrackOptions = field(default_factory=TrackOptions)
