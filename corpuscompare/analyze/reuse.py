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

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..model.document import Document, DocumentSummary, MatchStatus, MatchThresholds, Role

if TYPE_CHECKING:
    from ..model.comparison import EchoResult

__all__ = [
    "CLAUSE_EN",
    "CLAUSE_ZH",
    "MIN_CHARS",
    "Clause",
    "ClauseKeys",
    "Passage",
    "ReuseResult",
    "clause_echo",
    "clause_keys",
    "clause_spans",
    "digest64",
    "formulation_share",
    "in_sorted",
    "keys_share",
    "reuse",
    "reused_spans",
    "row_spans",
]

#: Clauses: runs between clause punctuation (Chinese, and other languages).
CLAUSE_ZH = re.compile(r"[^，；：、。！？,;:!?]+")
CLAUSE_EN = re.compile(r"[^,;:.!?]+")
_TRIM = " \t\"'“”‘’（）()《》「」『』【】[]—-"
#: Characters a clause needs to count as a formulation.
MIN_CHARS = {"zh": 7, "en": 25}


@dataclass(frozen=True, slots=True)
class Clause:
    """A formulation-length clause of a document."""

    sentence: int
    start: int
    end: int
    """Offsets in the sentence's text."""
    key: str
    """What is compared: the clause trimmed (lower case outside Chinese)."""


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


def _min_chars(lang: str) -> int:
    return MIN_CHARS.get(lang, MIN_CHARS["en"])


def clause_spans(doc: Document) -> list[Clause]:
    """The formulation-length clauses of the text sentences of ``doc``, in order; a clause
    that touches a frame span (``习近平指出，``) is left out."""
    pattern = CLAUSE_ZH if doc.lang == "zh" else CLAUSE_EN
    least = _min_chars(doc.lang)
    out = []
    for s in doc.sentences:
        if s.role != Role.TEXT:
            continue
        for m in pattern.finditer(s.text):
            a, b = m.span()
            while a < b and s.text[a] in _TRIM:
                a += 1
            while b > a and s.text[b - 1] in _TRIM:
                b -= 1
            if b - a < least or any(fa < b and a < fb for fa, fb in s.frame):
                continue
            key = s.text[a:b] if doc.lang == "zh" else " ".join(s.text[a:b].lower().split())
            out.append(Clause(s.index, a, b, key))
    return out


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
    from ..model.comparison import EchoMatch, EchoResult, EchoSentence, Reuse  # the records of align (they import this)

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


def digest64(text: str) -> int:
    """A clause's 64-bit digest (BLAKE2b, 8 bytes): how clauses are compared in arrays."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def in_sorted(sorted_digests: np.ndarray, digests: np.ndarray) -> np.ndarray:
    """Which of ``digests`` occur in ``sorted_digests`` (sorted, unique), by binary search
    (``np.isin`` would sort both arrays again)."""
    if not len(sorted_digests):
        return np.zeros(len(digests), bool)
    at = np.minimum(np.searchsorted(sorted_digests, digests), len(sorted_digests) - 1)
    return sorted_digests[at] == digests


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
