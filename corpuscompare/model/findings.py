"""Records of the corpus-level analyses: phrases, slogan timelines, themes, keyness.

Small, frozen, documented field by field, like :mod:`corpuscompare.models` (the records of
documents and alignments). Statuses are :class:`enum.StrEnum` members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .document import DiffOp

__all__ = [
    "KEYNESS_PHRASE_MIN",
    "KEYNESS_PHRASE_TOP",
    "KeyTerm",
    "KeynessComparison",
    "KeynessOptions",
    "Phrase",
    "PhraseOptions",
    "Presence",
    "SloganTimeline",
    "ThemeSeries",
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
    """Now: in the newest period of the main series (the largest; see :mod:`corpuscompare.series`)."""
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
