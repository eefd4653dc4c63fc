"""Alignments: which sentences of one document continue in another, and how.

- :class:`Status`, :data:`STATUSES`, :data:`ORDERED` -- what became of a sentence (same,
  changed, moved, split, merged, added, removed), in the order outputs list them.
- :class:`DiffOp` -- one diff-match-patch operation, wrapped at the border
  (:mod:`corpuscompare.align.diff`): ``DiffOp("delete", text)``, never ``(-1, text)``.
- :class:`PackedUnit`, :class:`AlignedPair`, :class:`Alignment`, :class:`Shares` -- the
  aligned units of a pair, and the shares of text that continue, are new, were dropped.
- :class:`AlignOptions`, :class:`MatchThresholds` -- the similarity thresholds of the
  aligner and of the echo map.
- :class:`MatchStatus`, :class:`Match`, :class:`EchoMap` -- how closely a sentence is
  echoed elsewhere, its best counterpart in each other document (``align``,
  :mod:`corpuscompare.align.echo`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from .document import Document

__all__ = [
    "ORDERED",
    "STATUSES",
    "AlignOptions",
    "AlignedPair",
    "Alignment",
    "DiffOp",
    "EchoMap",
    "Match",
    "MatchStatus",
    "MatchThresholds",
    "PackedUnit",
    "Shares",
    "Status",
]


class DiffOp(NamedTuple):
    """One step of a character diff: keep, insert or delete a piece of text.

    A named pair, so that its JSON is the ``[op, text]`` of every diff contract.
    """

    op: str
    """``equal``, ``insert`` or ``delete``."""
    text: str
    """The text kept, inserted (present only in the newer text) or deleted (only in the older)."""

    def as_list(self) -> list[str]:
        return [self.op, self.text]


class Status(StrEnum):
    """How a unit of an alignment relates OLD to NEW, in the order tables list them."""

    SAME = "same"
    CHANGED = "changed"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    REMOVED = "removed"


#: Alignment statuses, in the order tables list them.
STATUSES: tuple[Status, ...] = tuple(Status)


#: Statuses of units that keep the order of both documents (moved ones do not).
ORDERED = frozenset({Status.SAME, Status.CHANGED, Status.SPLIT, Status.MERGED})


@dataclass(frozen=True)
class Shares:
    """How much of NEW continues OLD, by characters (transcript noise not counted)."""

    continuing: float
    """Share of NEW in same, changed, moved, split and merged pairs."""
    new: float
    """Share of NEW in added pairs (1 - continuing)."""
    dropped: float
    """Share of OLD in removed pairs."""


class MatchStatus(StrEnum):
    """How closely a sentence is echoed in another document (``align``, the echo map)."""

    VERBATIM = "verbatim"
    CLOSE = "close"
    ECHO = "echo"
    NONE = "none"

    @property
    def rank(self) -> int:
        """3 for verbatim down to 0 for none: a better match ranks higher."""
        return _MATCH_RANK[self]


_MATCH_RANK = {MatchStatus.VERBATIM: 3, MatchStatus.CLOSE: 2, MatchStatus.ECHO: 1, MatchStatus.NONE: 0}


class PackedUnit(NamedTuple):
    """A unit of an alignment without its diff: what caches store (JSON ``[status, [a], [b], sim]``)."""

    status: Status
    """How the sentences correspond."""
    a: tuple[int, ...]
    """Indices of OLD sentences."""
    b: tuple[int, ...]
    """Indices of NEW sentences."""
    similarity: float
    """Similarity of the joined texts, 0..1."""


@dataclass(frozen=True)
class AlignedPair:
    """A unit of an alignment: sentences of OLD and NEW that correspond, and how."""

    status: Status
    """``same``, ``changed``, ``moved``, ``split``, ``merged``, ``added`` or ``removed``."""
    a: tuple[int, ...]
    """Indices of OLD sentences (empty for ``added``)."""
    b: tuple[int, ...]
    """Indices of NEW sentences (empty for ``removed``)."""
    similarity: float
    """Similarity of the joined texts, 0..1 (1.0 for ``same``, 0.0 for added/removed)."""
    ops: tuple[DiffOp, ...] = ()
    """Word-level diff from the OLD to the NEW text (filled by :mod:`corpuscompare.align.diff`)."""


@dataclass(frozen=True)
class Alignment:
    """The sentence alignment of two documents, pairs in NEW order."""

    a: Document
    """The older document (OLD)."""
    b: Document
    """The newer document (NEW)."""
    pairs: tuple[AlignedPair, ...]
    """Every sentence of OLD in exactly one pair's ``a``, every one of NEW in one pair's ``b``."""

    def summary(self) -> dict[Status, int]:
        """Pairs per status, every status present (zero when none)."""
        counts = dict.fromkeys(STATUSES, 0)
        for pair in self.pairs:
            counts[pair.status] += 1
        return counts


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the aligner; similarities are 0..1 (see :func:`similarity`)."""

    changed: float = 0.45
    """An in-order pair at least this similar is one sentence, ``changed``; below it the two
    are ``removed`` + ``added``. Unrelated Chinese sentences of one report score 0.1-0.35."""
    moved: float = 0.6
    """An out-of-order pair at least this similar is ``moved`` (stricter: order no longer vouches)."""
    split: float = 0.55
    """One sentence and several joined ones at least this similar are ``split``/``merged``..."""
    split_gain: float = 0.3
    """...and only when joining closes at least this share of the gap to 1.0 (0.8 -> 0.86)."""
    candidates: int = 6
    """Candidates kept per sentence after counting shared shingles."""
    min_overlap: float = 0.2
    """Shingle overlap (Dice) a pair needs to be scored at all."""
    min_content: float = 0.2
    """...and content overlap: Dice of their shingles weighted by inverse sentence frequency
    over both documents, unless they are near-identical. Sentences that share only common
    words (推进…建设, "It's …") are not one sentence edited."""


@dataclass(frozen=True)
class MatchThresholds:
    """When a best match is ``close`` or an ``echo`` (see :func:`corpuscompare.align.echo.classify`)."""

    close: float = 0.75
    """``close`` from this similarity on (``verbatim`` is 1.0)."""
    echo: float = 0.45
    """``echo`` from this similarity, when the shorter sentence is long enough (below)."""
    echo_min_zh: int = 8
    """Characters (Chinese) the shorter sentence needs for an ``echo`` by similarity."""
    echo_min_words: int = 5
    """Words (other languages) the shorter sentence needs for an ``echo`` by similarity."""
    passage_zh: int = 10
    """A passage of this many characters (Chinese) shared verbatim is an ``echo`` too."""
    passage_words: int = 6
    """A passage of this many words (other languages) shared verbatim is an ``echo`` too."""


@dataclass(frozen=True)
class Match:
    """The best counterpart of one sentence in another document."""

    index: int | None
    """Index of the matched sentence in the other document (None when nothing matched)."""
    similarity: float
    """:func:`similarity` of the two keys (1.0 for verbatim)."""
    status: MatchStatus
    """``verbatim``, ``close``, ``echo`` or ``none`` (see :class:`~corpuscompare.model.alignment.MatchThresholds`)."""


@dataclass(frozen=True)
class EchoMap:
    """Where each sentence of a focus document echoes in the other documents."""

    focus: Document
    """The document whose sentences are followed."""
    documents: tuple[Document, ...]
    """The other documents, in corpus order."""
    matches: tuple[tuple[Match, ...], ...]
    """``matches[s][d]``: best match of focus sentence ``s`` in ``documents[d]``."""
    reuse: Mapping[str, tuple[float, float]]
    """Per document id: (share of FOCUS it echoes, share of it that echoes FOCUS), by characters."""
