"""Formulation reuse: the clauses of a newer document that recur word for word in an older
one, whatever the sentence boundaries and the order.

Official prose is rebuilt from clauses (提法): a sentence the alignment calls added can be
made of formulas the previous report already had. Each text sentence (frame spans cut out)
is split into clauses at ``，；：、`` and sentence ends (``,;:.!?`` outside Chinese); a clause
long enough to be a formulation (:data:`MIN_CHARS`) is *reused* when the older document has
the same clause (quotes, brackets and spaces aside; case aside outside Chinese). Reused
clauses that follow each other in the newer document form a *passage*, across sentence
ends. The *formulation share* is the characters of reused clauses over those of all
formulation-length clauses of the newer document (compare the sentence share of the
alignment, which counts a rewritten sentence as new).

- :func:`clause_spans` -- the clauses of a document with their places.
- :func:`reuse` -- the reuse of one pair: share, passages (longest first).
- :func:`formulation_share` -- the share alone, from precomputed clause keys.
- :func:`clause_keys`, :func:`keys_share` -- the same share from a compact form of each
  document's clauses (digests and lengths in arrays): the continuity matrix of a large
  corpus, without every clause of every document as an object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..corpus.clauses import clause_spans
from ..model.alignment import MatchStatus, MatchThresholds
from ..model.document import Clause, Document
from ..model.findings import Passage, ReuseResult
from ..model.results import EchoMatch, EchoResult, EchoSentence, Reuse
from ..runtime.keys import digest64, in_sorted

if TYPE_CHECKING:
    from ..model.results import EchoResult

__all__ = [
    "ClauseKeys",
    "clause_echo",
    "clause_keys",
    "formulation_share",
    "keys_share",
    "reuse",
    "reused_spans",
    "row_spans",
]


def reused_spans(old: Sequence[Clause], new: Sequence[Clause]) -> dict[int, list[tuple[int, int]]]:
    """Per sentence of the newer document: the spans (offsets in its text) of its clauses
    ``new`` that the older one's clauses ``old`` (both from :func:`clause_spans`) have word
    for word."""
    keys = {c.key for c in old}
    out: dict[int, list[tuple[int, int]]] = {}
    for c in new:
        if c.key in keys:
            out.setdefault(c.sentence, []).append((c.start, c.end))
    return out


def row_spans(
    spans: dict[int, list[tuple[int, int]]], new: Document, indices: Sequence[int], glue: str
) -> tuple[tuple[int, int], ...]:
    """The reused spans of the sentences ``indices`` of ``new`` joined by ``glue``, as offsets
    in the joined text; spans apart by clause punctuation only are merged into one passage."""
    out: list[tuple[int, int]] = []
    base = 0
    for j in indices:
        text = new.sentences[j].text
        for a, b in spans.get(j, ()):
            a, b = a + base, b + base
            if out and a - out[-1][1] <= 2:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        base += len(text) + len(glue)
    return tuple(out)


def clause_echo(focus: Document, docs: Sequence[Document], thresholds: MatchThresholds) -> EchoResult:
    """The echo map at the level of formulations (``align --unit clause``): each clause of
    ``focus`` long enough to be a formulation, and in each document the first sentence that
    has it word for word (``verbatim``) or nothing (``none``). Reuse shares are formulation
    shares: of the focus, the characters of its clauses a document has; of a document, the
    characters of its clauses the focus has."""

    own = clause_spans(focus)
    keys = frozenset(c.key for c in own)
    total = sum(c.end - c.start for c in own) or 1
    found = []
    for doc in docs:
        spans = clause_spans(doc)
        first: dict[str, int] = {}
        for c in spans:
            first.setdefault(c.key, c.sentence)
        found.append((doc, first, spans))
    rows, reuse_of = [], {}
    for k, c in enumerate(own):
        matches = {}
        for doc, first, _ in found:
            j = first.get(c.key)
            match = EchoMatch(1.0, j, doc.sentences[j].text, MatchStatus.VERBATIM) if j is not None else None
            matches[doc.id] = match or EchoMatch(0.0, None, None, MatchStatus.NONE)
        rows.append(EchoSentence(k, focus.sentences[c.sentence].text[c.start : c.end], False, matches))
    for doc, first, spans in found:
        of_focus = sum(c.end - c.start for c in own if c.key in first) / total
        reuse_of[doc.id] = Reuse(round(of_focus, 4), formulation_share(keys, spans))
    return EchoResult(focus.summary(), tuple(d.summary() for d in docs), tuple(rows), reuse_of, thresholds, "clause")


def formulation_share(old_keys: set[str] | frozenset[str], new: Sequence[Clause]) -> float:
    """Characters of ``new``'s clauses whose key the older document has, over all of them."""
    total = sum(c.end - c.start for c in new)
    if not total:
        return 0.0
    return round(sum(c.end - c.start for c in new if c.key in old_keys) / total, 4)


@dataclass(frozen=True)
class ClauseKeys:
    """A document's clauses as a formulation share reads them: a 64-bit digest of each
    clause's key and its length, in arrays (12 bytes a clause; a :class:`Clause` with its
    key costs ten times that)."""

    digests: np.ndarray
    """BLAKE2b digest (8 bytes) of each clause's key, in document order."""
    lengths: np.ndarray
    """Characters of each clause."""
    distinct: np.ndarray
    """The digests, sorted and unique: what an older document offers."""


def clause_keys(doc: Document) -> ClauseKeys:
    """:func:`clause_spans` of ``doc`` reduced to :class:`ClauseKeys`."""
    clauses = clause_spans(doc)
    digests = np.fromiter((digest64(c.key) for c in clauses), np.uint64, len(clauses))
    lengths = np.fromiter((c.end - c.start for c in clauses), np.int64, len(clauses))
    return ClauseKeys(digests, lengths, np.unique(digests))


def keys_share(old: ClauseKeys, new: ClauseKeys) -> float:
    """:func:`formulation_share` from :class:`ClauseKeys` (equal but for a collision of
    64-bit digests, about one in 10^19 per pair of distinct clauses)."""
    total = int(new.lengths.sum())
    if not total:
        return 0.0
    return round(int(new.lengths[in_sorted(old.distinct, new.digests)].sum()) / total, 4)


def reuse(old: Document, new: Document, *, sentence_share: float | None = None, top: int = 50) -> ReuseResult:
    """The clauses of ``new`` that ``old`` has, grouped into passages (see the module)."""
    where: dict[str, list[int]] = {}
    for c in clause_spans(old):
        where.setdefault(c.key, []).append(c.sentence)
    clauses = clause_spans(new)
    runs: list[list[Clause]] = []
    previous = -2
    for k, c in enumerate(clauses):
        if c.key not in where:
            continue
        if k == previous + 1 and runs:
            runs[-1].append(c)
        else:
            runs.append([c])
        previous = k
    offsets = {s.index: at for at, s in new.sentence_offsets()}
    passages = [_passage(new, run, where, offsets) for run in runs]
    passages.sort(key=lambda p: (-p.chars, p.new_sentences[0]))
    return ReuseResult(
        old=old.summary(),
        new=new.summary(),
        share=formulation_share(frozenset(where), clauses),
        sentence_share=sentence_share,
        reused=sum(len(r) for r in runs),
        clauses=len(clauses),
        passages=tuple(passages[:top]),
    )


def _passage(doc: Document, run: list[Clause], where: dict[str, list[int]], offsets: dict[int, int]) -> Passage:
    first, last = run[0], run[-1]
    if first.sentence == last.sentence:
        text = doc.shown(doc.sentences[first.sentence])[first.start : last.end]
    else:  # across sentences (and paragraphs): the document's own text between them
        text = doc.shown_text[offsets[first.sentence] + first.start : offsets[last.sentence] + last.end]
    return Passage(
        text=text,
        chars=sum(c.end - c.start for c in run),
        clauses=len(run),
        new_sentences=tuple(sorted({c.sentence for c in run})),
        old_sentences=tuple(sorted({s for c in run for s in where[c.key][:1]})),
    )
