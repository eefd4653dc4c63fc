"""Sentence alignment of many pairs of documents: cached per pair, spread over processes.

- :func:`pairwise` -- packed alignments (:class:`~corpuscompare.model.alignment.PackedUnit` lists)
  of chosen pairs of a corpus.
- :func:`unpack` -- a packed alignment -> :class:`~corpuscompare.model.alignment.Alignment`.
- :func:`packed_stats` -- counts per status and continuity shares, straight from units.
- :func:`source_fingerprint` -- hash of the package's code: a changed analysis never
  reuses a cache entry.

Determinism: a pair's alignment depends on its two documents only (shingle ids break no
tie; sums of weights run in value order), so a result never depends on how the work was
split, which feature space it was computed in, or where it ran. A cached entry is used only when it
covers both documents exactly (see :func:`valid_units`); anything else is recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from typing import Any

import numpy as np

from ..model.alignment import STATUSES, AlignedPair, Alignment, AlignOptions, PackedUnit, Shares, Status
from ..model.document import Document
from ..runtime.cache import Cache
from ..runtime.keys import digest, source_fingerprint
from ..runtime.runner import Runner, release_memory
from .features import FeatureSpace
from .sentences import align_packed, unit_shares

__all__ = ["PackedUnits", "Progress", "align_group", "packed_stats", "pairwise", "unpack", "valid_units"]

#: ``progress(stage, done, total)``: what long computations report as they go.
Progress = Callable[[str, int, int], None]


def document_fingerprint(doc: Document) -> str:
    """Hash of what an alignment of ``doc`` depends on: its language and sentences, their
    roles and frames (the shares weigh only text)."""
    return digest(doc.lang, [(s.text, s.is_noise, s.role, s.frame) for s in doc.sentences])


def valid_units(a: Document, b: Document, packed: Any) -> list[PackedUnit] | None:
    """``packed`` (JSON from a cache) as units, when it covers every sentence of both
    documents exactly once with known statuses and similarities in 0..1; else None."""
    try:
        units = [
            PackedUnit(Status(st), tuple(map(int, ia)), tuple(map(int, jb)), float(sim)) for st, ia, jb, sim in packed
        ]
    except (TypeError, ValueError):
        return None
    a_idx = sorted(i for u in units for i in u.a)
    b_idx = sorted(j for u in units for j in u.b)
    if a_idx != list(range(len(a.sentences))) or b_idx != list(range(len(b.sentences))):
        return None
    if not all(0.0 <= u.similarity <= 1.0 for u in units):
        return None
    return units


class PackedUnits(Sequence[PackedUnit]):
    """One pair's packed alignment held in arrays (about 30 bytes a unit, where a list of
    :class:`~corpuscompare.model.alignment.PackedUnit` tuples costs about 200): thousands of aligned
    pairs of daily news stay small. Reads give back equal units."""

    __slots__ = ("_a", "_a_at", "_b", "_b_at", "_similarity", "_status")

    def __init__(self, units: Sequence[PackedUnit]) -> None:
        self._status = np.fromiter((_STATUS_CODE[u.status] for u in units), np.uint8, len(units))
        self._similarity = np.fromiter((u.similarity for u in units), np.float64, len(units))
        self._a = np.fromiter((i for u in units for i in u.a), np.int32)
        self._b = np.fromiter((j for u in units for j in u.b), np.int32)
        self._a_at = np.cumsum([0, *(len(u.a) for u in units)], dtype=np.int64)
        self._b_at = np.cumsum([0, *(len(u.b) for u in units)], dtype=np.int64)

    def __len__(self) -> int:
        return len(self._status)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return list(self)[k]
        k = range(len(self))[k]
        a, b = self._a[self._a_at[k] : self._a_at[k + 1]], self._b[self._b_at[k] : self._b_at[k + 1]]
        return PackedUnit(STATUSES[self._status[k]], tuple(a.tolist()), tuple(b.tolist()), float(self._similarity[k]))

    def __iter__(self):
        a, b, a_at, b_at = self._a.tolist(), self._b.tolist(), self._a_at.tolist(), self._b_at.tolist()
        for k, (status, similarity) in enumerate(zip(self._status.tolist(), self._similarity.tolist(), strict=True)):
            yield PackedUnit(
                STATUSES[status], tuple(a[a_at[k] : a_at[k + 1]]), tuple(b[b_at[k] : b_at[k + 1]]), similarity
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def records(self) -> list[list]:
        """The units as the cache stores them (JSON ``[status, [a], [b], sim]``)."""
        return [[u.status, list(u.a), list(u.b), u.similarity] for u in self]

    __hash__ = None  # type: ignore[assignment]


_STATUS_CODE = {status: k for k, status in enumerate(STATUSES)}


def unpack(a: Document, b: Document, packed: Sequence[PackedUnit]) -> Alignment:
    """The full :class:`~corpuscompare.model.alignment.Alignment` of a packed one."""
    return Alignment(a=a, b=b, pairs=tuple(AlignedPair(u.status, u.a, u.b, u.similarity) for u in packed))


def packed_stats(
    packed: Sequence[PackedUnit], a_weights: Sequence[int], b_weights: Sequence[int]
) -> tuple[dict[Status, int], Shares]:
    """Counts per status and continuity shares (as :func:`~corpuscompare.align.sentences.continuity`)
    from units and the sentence weights of both documents."""
    counts = dict.fromkeys(STATUSES, 0)
    for unit in packed:
        counts[unit.status] += 1
    return counts, unit_shares(packed, a_weights, b_weights)


#: Most pairs aligned per task. A task carries the documents of its pairs (what alignment
#: reads of them), so a worker holds a few documents at a time, never the corpus.
GROUP = 32


def _light(doc: Document) -> Document:
    """What alignment reads of a document: its language and sentences (no body, no metadata)."""
    return replace(doc, meta={}, raw="", text="", paragraphs=())


def _tasks(docs: Sequence[Document], pairs: Sequence[tuple[int, int]]) -> list[tuple]:
    """The pairs in groups of :data:`GROUP`, each with its documents: ``(pairs, {index: doc})``.
    A document shared by the pairs of a group (consecutive days) travels once with it."""
    size = max(1, min(GROUP, len(pairs) // 64))  # enough tasks to spread over the workers
    light: dict[int, Document] = {}
    out = []
    for start in range(0, len(pairs), size):
        group = tuple(pairs[start : start + size])
        needed = sorted({k for pair in group for k in pair})
        for k in needed:
            if k not in light:
                light[k] = _light(docs[k])
        out.append((group, {k: light[k] for k in needed}))
    return out


#: More pairs than this per document (the full continuity matrix of a small corpus) are
#: aligned by workers that hold every document and featurize each once.
DENSE = 16


def align_pair(shared: tuple[Sequence[Document], AlignOptions], pair: tuple[int, int]) -> PackedUnits:
    """The packed alignment of one pair of a dense set (a task of
    :class:`~corpuscompare.runtime.runner.Runner`; each worker builds the features of each document
    once, in a space of its own)."""
    docs, options = shared
    if _SPACE.get("docs") is not docs:
        _SPACE.update(space=FeatureSpace(), docs=docs)
    i, j = pair
    return PackedUnits(align_packed(docs[i], docs[j], options, _SPACE["space"]))


_SPACE: dict[str, Any] = {}


def align_group(options: AlignOptions, task: tuple) -> list[PackedUnits]:
    """The packed alignments of one task's pairs (a task of
    :class:`~corpuscompare.runtime.runner.Runner`), compact already in the worker: what travels back
    and what the caller keeps is small. The features of the task's documents are computed
    once for its pairs; no result depends on which other documents share the task."""
    pairs, docs = task
    space = FeatureSpace()
    return [PackedUnits(align_packed(docs[i], docs[j], options, space)) for i, j in pairs]


def pairwise(
    docs: Sequence[Document],
    pairs: Sequence[tuple[int, int]],
    options: AlignOptions,
    cache: Cache,
    runner: Runner | None = None,
    progress: Progress | None = None,
) -> dict[tuple[int, int], PackedUnits]:
    """Packed alignments of ``docs[i]`` (OLD) and ``docs[j]`` (NEW) for each pair.

    Cached per pair; the missing ones are computed by ``runner`` (a local process pool when
    there are enough of them, or a Dask cluster).
    """
    prints = [document_fingerprint(d) for d in docs]
    code = source_fingerprint()
    options_data = asdict(options)

    def key(i: int, j: int) -> str:
        return "align-" + digest(prints[i], prints[j], options_data, code)

    out: dict[tuple[int, int], PackedUnits] = {}
    todo = []
    for i, j in pairs:
        got = cache.get(key(i, j))
        units = valid_units(docs[i], docs[j], got) if got is not None else None
        if units is not None:
            out[(i, j)] = PackedUnits(units)
        else:
            todo.append((i, j))
    done = len(out)
    if progress:
        progress("aligning pairs", done, len(pairs))
    runner = runner or Runner()
    if len(todo) > DENSE * len(docs):  # each document in many pairs: workers hold them all
        groups = [((i, j),) for i, j in todo]
        results = ([packed] for packed in runner.map(align_pair, todo, (list(docs), options)))
    else:  # a few pairs per document: each task carries its own
        tasks = _tasks(docs, todo)
        groups = [group for group, _ in tasks]
        results = runner.map(align_group, tasks, options, inherit=False)
    for group, group_packed in zip(groups, results, strict=True):
        for (i, j), packed in zip(group, group_packed, strict=True):
            out[(i, j)] = packed
            cache.put(key(i, j), packed.records())
        done += len(group)
        if progress:
            progress("aligning pairs", done, len(pairs))
    release_memory()
    return out
