"""Sentence alignment: which sentences of OLD continue in NEW, changed, moved, split or merged.

Index:

- :class:`AlignOptions` -- the thresholds, with documented defaults.
- :func:`match_key` -- what two sentences are compared on (wording only).
- :func:`similarity` -- 0..1 similarity of two keys (rapidfuzz Indel: characters for
  Chinese, words for other languages).
- :class:`FeatureSpace` -- keys and shingle sets per document, shared across a corpus.
- :func:`align` -- two documents -> :class:`~corpuscompare.model.alignment.Alignment`.
- :func:`align_packed` -- the same as :class:`~corpuscompare.model.alignment.PackedUnit` records.
- :func:`continuity`, :func:`unit_shares` -- how much of NEW continues OLD, by characters.

The best counterpart of each sentence anywhere in another document (``corpuscompare
align``, the echo map) is :mod:`corpuscompare.align.echo`.

How :func:`align` works, in the order it runs:

1. *Keys*: the normalized sentence without transcript noise, punctuation, spaces and a
   leading reporting frame (``习近平在贺信中指出，``, ``He said that``), lower-cased.
2. *Candidates*, never a dense n x m matrix: identical keys are joined by hashing; the rest
   share character bigrams (Chinese) or words (others), counted with sorted arrays;
   shingles so common that they would make the count quadratic are skipped.
   Each sentence keeps its best few candidates, scored by :func:`similarity`.
3. *Chain*: the order-preserving set of candidate pairs with the highest total weight
   (``chars x similarity²``, so one strong match beats two weak ones), found as a weighted
   longest increasing subsequence in O(k log n). Its pairs are ``same`` (identical text)
   or ``changed``.
4. *Split / merged*: a chained pair grows by unmatched neighbours while joining them raises
   the similarity; an unmatched sentence whose consecutive unmatched candidates join into
   a match becomes a split or merge too.
5. *Moved*: the remaining unmatched sentences are paired, best first, when similar enough.
6. Everything left is ``added`` (NEW only) or ``removed`` (OLD only).

Output contract: every OLD sentence is in exactly one pair's ``a``, every NEW sentence in
exactly one pair's ``b``; pairs are in NEW order, removed pairs where they stood in OLD.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model.alignment import ORDERED, AlignedPair, Alignment, AlignOptions, PackedUnit, Shares, Status
from ..model.document import Document
from .features import DocFeatures, FeatureSpace, candidates, similarity

__all__ = ["align", "align_packed", "continuity", "sentence_weights", "unit_shares"]


DEFAULT_OPTIONS = AlignOptions()


# --- chain -------------------------------------------------------------------------------


def _chain(pairs: list[tuple[int, int, float]], nb: int) -> list[tuple[int, int]]:
    """Heaviest strictly increasing chain of ``(i, j, weight)``: a weighted LIS with a
    Fenwick tree of prefix maxima over j. Sorting by i, then j descending, keeps two pairs
    with the same i out of one chain."""
    if not pairs:
        return []
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    tree_w = [0.0] * (nb + 1)
    tree_k = [-1] * (nb + 1)
    best = [0.0] * len(pairs)
    prev = [-1] * len(pairs)
    for k in order:
        _, j, w = pairs[k]
        q, bw, bk = j, 0.0, -1
        while q > 0:
            if tree_w[q] > bw:
                bw, bk = tree_w[q], tree_k[q]
            q -= q & -q
        total = bw + w
        best[k], prev[k] = total, bk
        q = j + 1
        while q <= nb:
            if total > tree_w[q]:
                tree_w[q], tree_k[q] = total, k
            q += q & -q
    k = max(range(len(pairs)), key=lambda n: (best[n], -n))
    chain = []
    while k >= 0:
        chain.append((pairs[k][0], pairs[k][1]))
        k = prev[k]
    return chain[::-1]


# --- the aligner -------------------------------------------------------------------------


def align(
    a: Document, b: Document, options: AlignOptions = DEFAULT_OPTIONS, space: FeatureSpace | None = None
) -> Alignment:
    """Align the sentences of OLD (``a``) and NEW (``b``); see the module docstring."""
    units = align_packed(a, b, options, space)
    pairs = tuple(AlignedPair(u.status, u.a, u.b, u.similarity) for u in units)
    return Alignment(a=a, b=b, pairs=pairs)


def align_packed(
    a: Document, b: Document, options: AlignOptions = DEFAULT_OPTIONS, space: FeatureSpace | None = None
) -> list[PackedUnit]:
    """:func:`align` as :class:`~corpuscompare.model.alignment.PackedUnit` records -- what caches
    store and what a corpus-wide matrix needs, without building diffs."""
    space = space or FeatureSpace()
    fa, fb = space.features(a), space.features(b)
    texts_a = a.sentences
    texts_b = b.sentences
    out = []
    for status, ia, jb, sim in _align_indices(fa, fb, space.grams, options):
        if status == Status.CHANGED and len(ia) == 1 and len(jb) == 1 and texts_a[ia[0]].text == texts_b[jb[0]].text:
            status = Status.SAME
        out.append(PackedUnit(status, ia, jb, round(sim, 4)))
    return out


def _joined(keys: list, idx: Sequence[int]):
    first = keys[idx[0]]
    if isinstance(first, tuple):
        out: tuple = ()
        for k in idx:
            out += keys[k]
        return out
    return "".join(keys[k] for k in idx)


@dataclass
class _State:
    """What the aligner has decided so far about one pair of documents.

    ``units`` are ``[status, OLD indices, NEW indices, similarity]`` lists (mutable: a unit
    grows when it becomes a split or merge); ``a_of``/``b_of`` say which unit holds a sentence.
    """

    fa: DocFeatures
    fb: DocFeatures
    cands: dict[tuple[int, int], float]
    options: AlignOptions
    units: list[list] = field(default_factory=list)
    a_of: dict[int, int] = field(default_factory=dict)
    b_of: dict[int, int] = field(default_factory=dict)

    def free_a(self, i: int) -> bool:
        return 0 <= i < len(self.fa.keys) and i not in self.a_of and not self.fa.exact_only[i]

    def free_b(self, j: int) -> bool:
        return 0 <= j < len(self.fb.keys) and j not in self.b_of and not self.fb.exact_only[j]

    def add(self, status: str, ia: list[int], jb: list[int], sim: float) -> None:
        """A new unit; its sentences are taken."""
        u = len(self.units)
        self.units.append([status, ia, jb, sim])
        for i in ia:
            self.a_of[i] = u
        for j in jb:
            self.b_of[j] = u


def _align_indices(fa: DocFeatures, fb: DocFeatures, grams: list, options: AlignOptions) -> list[PackedUnit]:
    """The steps of the module docstring, in order, on one pair of documents."""
    state = _State(fa, fb, candidates(fa, fb, grams, options), options)
    _chain_step(state)
    _grow_step(state)
    by_a: dict[int, list[tuple[int, float]]] = defaultdict(list)
    by_b: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), sim in state.cands.items():
        by_a[i].append((j, sim))
        by_b[j].append((i, sim))
    # OLD sentences first (runs of NEW: split), then NEW ones (runs of OLD: merged)
    _runs_step(state, by_a, from_old=True)
    _runs_step(state, by_b, from_old=False)
    _gaps_step(state)
    _moves_step(state)
    _rest_step(state)
    return _order(state.units)


def _chain_step(state: _State) -> None:
    """3. The heaviest order-preserving chain of candidates similar enough: ``changed`` pairs."""
    fa, fb, options = state.fa, state.fb, state.options
    weights = []
    for (i, j), sim in state.cands.items():
        if sim >= options.changed:
            size = (fa.weights[i] + fb.weights[j]) / 2.0 or 0.01  # noise/punctuation: tiny weight
            weights.append((i, j, size * sim * sim))
    for i, j in _chain(weights, len(fb.keys)):
        state.add(Status.CHANGED, [i], [j], state.cands[(i, j)])


def _grow_step(state: _State) -> None:
    """4a. Grow chained pairs by unmatched neighbours (split: more NEW; merged: more OLD)."""
    for u, unit in enumerate(state.units):
        _, ia, jb, sim = unit
        if sim >= 0.999:
            continue
        grown = _grow(state.fa.keys, state.fb.keys, ia, jb, sim, state.free_a, state.free_b, state.options)
        if grown is not None:
            ia2, jb2, sim2 = grown
            unit[:] = [Status.SPLIT if len(jb2) > 1 else Status.MERGED, ia2, jb2, sim2]
            for i in ia2:
                state.a_of[i] = u
            for j in jb2:
                state.b_of[j] = u


def _adjacent_free(cands_of: list[tuple[int, float]] | None, free: Callable[[int], bool]) -> list[int] | None:
    """The free candidates of a sentence, when two of them are side by side (else None)."""
    if not cands_of or len(cands_of) < 2:
        return None
    idx = sorted({c for c, _ in cands_of if free(c)})
    if any(y - x == 1 for x, y in itertools.pairwise(idx)):
        return idx
    return None


def _runs_step(state: _State, cands_of: dict[int, list[tuple[int, float]]], *, from_old: bool) -> None:
    """4b. An unmatched sentence whose consecutive unmatched candidates join into a match.

    A 1:1 pair that fits the order is already in the chain, so only runs are looked for:
    the sentence needs two free candidates side by side. ``from_old``: OLD sentences
    against runs of NEW (split); else NEW sentences against runs of OLD (merged).
    """
    if from_old:
        count, free_here, free_there = len(state.fa.keys), state.free_a, state.free_b
        keys_here, keys_there, joined = state.fa.keys, state.fb.keys, Status.SPLIT
    else:
        count, free_here, free_there = len(state.fb.keys), state.free_b, state.free_a
        keys_here, keys_there, joined = state.fb.keys, state.fa.keys, Status.MERGED
    for k in range(count):
        if not free_here(k):
            continue
        seeds = _adjacent_free(cands_of.get(k), free_there)
        if seeds is None:
            continue
        run = _best_run(keys_here[k], seeds, keys_there, free_there, state.options)
        if run is None:
            continue
        ia, jb = ([k], run[0]) if from_old else (run[0], [k])
        if _in_order(state.units, ia, jb):
            state.add(joined if len(run[0]) > 1 else Status.CHANGED, ia, jb, run[1])


def _gaps_step(state: _State) -> None:
    """4c. Between two units that keep the order, sentences left over on both sides that are
    word for word the same pair up in local order: a repeated line ("(Applause.)", a
    formula said many times) stays ``same`` next to its neighbours' counterparts."""
    from difflib import SequenceMatcher

    fa, fb = state.fa, state.fb
    anchors = sorted((min(ia), max(ia), min(jb), max(jb)) for status, ia, jb, _ in state.units if status in ORDERED)
    bounds = [(-1, -1, -1, -1), *anchors, (len(fa.keys), len(fa.keys), len(fb.keys), len(fb.keys))]
    for (_, a_end, _, b_end), (a_next, _, b_next, _) in itertools.pairwise(bounds):
        gap_a = [i for i in range(a_end + 1, a_next) if i not in state.a_of]
        gap_b = [j for j in range(b_end + 1, b_next) if j not in state.b_of]
        if not gap_a or not gap_b:
            continue
        keys_a, keys_b = [fa.keys[i] for i in gap_a], [fb.keys[j] for j in gap_b]
        matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)  # autojunk drops common lines
        for x, y, size in matcher.get_matching_blocks():
            for k in range(size):
                state.add(Status.CHANGED, [gap_a[x + k]], [gap_b[y + k]], 1.0)  # same text: ``same``


def _moves_step(state: _State) -> None:
    """5. Moves: the best remaining pairs, out of order, similar enough."""
    fa, fb = state.fa, state.fb
    leftovers = sorted(
        (
            (sim, i, j)
            for (i, j), sim in state.cands.items()
            if sim >= state.options.moved and state.free_a(i) and state.free_b(j)
        ),
        key=lambda t: (-t[0] * (fa.weights[t[1]] + fb.weights[t[2]]), t[1], t[2]),
    )
    for sim, i, j in leftovers:
        if state.free_a(i) and state.free_b(j):
            state.add(Status.MOVED, [i], [j], sim)


def _rest_step(state: _State) -> None:
    """6. Everything left: ``removed`` (OLD only) and ``added`` (NEW only)."""
    for i in range(len(state.fa.keys)):
        if i not in state.a_of:
            state.add(Status.REMOVED, [i], [], 0.0)
    for j in range(len(state.fb.keys)):
        if j not in state.b_of:
            state.add(Status.ADDED, [], [j], 0.0)


def _grow(keys_a, keys_b, ia, jb, sim, free_a, free_b, options: AlignOptions):
    """Extend a 1:1 pair with unmatched neighbours on one side while the similarity rises."""
    best = None
    for side in ("b", "a"):
        cur_a, cur_b, cur = list(ia), list(jb), sim
        while True:
            options_here = []
            if side == "b":
                for j in (cur_b[0] - 1, cur_b[-1] + 1):
                    if free_b(j):
                        nb_ = sorted([*cur_b, j])
                        options_here.append((similarity(_joined(keys_a, cur_a), _joined(keys_b, nb_)), cur_a, nb_))
            else:
                for i in (cur_a[0] - 1, cur_a[-1] + 1):
                    if free_a(i):
                        na_ = sorted([*cur_a, i])
                        options_here.append((similarity(_joined(keys_a, na_), _joined(keys_b, cur_b)), na_, cur_b))
            if not options_here:
                break
            s2, a2, b2 = max(options_here, key=lambda t: t[0])
            if s2 < cur + options.split_gain * (1.0 - cur):
                break
            cur_a, cur_b, cur = a2, b2, s2
        if (len(cur_a) > 1 or len(cur_b) > 1) and cur >= options.split and (best is None or cur > best[2]):
            best = (cur_a, cur_b, cur)
    return best


def _best_run(key, cand_idx, other_keys, free, options: AlignOptions):
    """Best run of consecutive free sentences (among a sentence's candidates) joined."""
    seeds = sorted({c for c in cand_idx if free(c)})
    best = None
    for seed in seeds:
        run = [seed]
        cur = similarity(key, other_keys[seed])
        while True:
            nxt = []
            for c in (run[0] - 1, run[-1] + 1):
                if free(c):
                    r = sorted([*run, c])
                    nxt.append((similarity(key, _joined(other_keys, r)), r))
            if not nxt:
                break
            s2, r2 = max(nxt, key=lambda t: t[0])
            if s2 <= cur:
                break
            run, cur = r2, s2
        threshold = options.split if len(run) > 1 else options.changed
        if cur >= threshold and (best is None or cur > best[1]):
            best = (run, cur)
    return best


def _in_order(units, ia: list[int], jb: list[int]) -> bool:
    """True when OLD ``ia`` and NEW ``jb`` sit between the same order-preserving pairs."""
    ordered = [u for u in units if u[0] in ORDERED and u[1] and u[2]]
    lo_a, hi_a = min(ia), max(ia)
    lo_b, hi_b = min(jb), max(jb)
    for _, ua, ub, _ in ordered:
        if max(ua) < lo_a and not max(ub) < lo_b:
            return False
        if min(ua) > hi_a and not min(ub) > hi_b:
            return False
    return True


def _order(units) -> list[PackedUnit]:
    """NEW order; a removed unit goes right after the order-preserving unit before it in OLD."""
    anchor_of_a: dict[int, int] = {}
    for status, ia, jb, _ in units:
        if jb and status in ORDERED:
            for i in ia:
                anchor_of_a[i] = min(jb)
    keyed = []
    last_anchor = -1
    removed_keys: dict[int, tuple] = {}
    all_a = sorted(i for _, ia, _, _ in units for i in ia)
    for i in all_a:
        if i in anchor_of_a:
            last_anchor = anchor_of_a[i]
        removed_keys[i] = (last_anchor, 1, i)
    for status, ia, jb, sim in units:
        key = (min(jb), 0, 0) if jb else removed_keys[min(ia)]
        keyed.append((key, PackedUnit(Status(status), tuple(ia), tuple(jb), float(sim))))
    keyed.sort(key=lambda t: t[0])
    return [unit for _, unit in keyed]


def share(weights: Sequence[int], hits: Sequence[bool]) -> float:
    """The share of ``weights`` where ``hits`` is true (0.0 when the weights add to nothing)."""
    total = sum(weights)
    return round(sum(w for w, h in zip(weights, hits) if h) / total, 4) if total else 0.0


def sentence_weights(doc: Document) -> list[int]:
    """Characters of each sentence that count in shares: the speaker's text only (sentences
    of another role and transcript noise count 0, reporting frames are left out)."""
    return [s.weight for s in doc.sentences]


def unit_shares(units, a_weights: Sequence[int], b_weights: Sequence[int]) -> Shares:
    """:func:`continuity` from ``(status, OLD indices, NEW indices, ...)`` units and weights."""
    cont = dropped = 0
    for status, ia, jb, *_ in units:
        if status != "added":
            cont += sum(b_weights[j] for j in jb)
        if status == "removed":
            dropped += sum(a_weights[i] for i in ia)
    total_b, total_a = sum(b_weights), sum(a_weights)
    return Shares(
        continuing=round(cont / total_b, 4) if total_b else 0.0,
        new=round(1 - cont / total_b, 4) if total_b else 0.0,
        dropped=round(dropped / total_a, 4) if total_a else 0.0,
    )


def continuity(alignment: Alignment) -> Shares:
    """Shares of NEW, by characters: what continues OLD and what is new.

    ``continuing`` counts NEW sentences in same, changed, moved, split and merged pairs;
    ``new`` counts added ones; noise is not counted. ``dropped`` is the share of OLD
    (by characters) in removed pairs.
    """
    units = ((p.status, p.a, p.b) for p in alignment.pairs)
    return unit_shares(units, sentence_weights(alignment.a), sentence_weights(alignment.b))
