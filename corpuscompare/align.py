"""Sentence alignment: which sentences of OLD continue in NEW, changed, moved, split or merged.

Index:

- :class:`AlignOptions` -- the thresholds, with documented defaults.
- :func:`match_key` -- what two sentences are compared on (wording only).
- :func:`similarity` -- 0..1 similarity of two keys (rapidfuzz Indel: characters for
  Chinese, words for other languages).
- :class:`FeatureSpace` -- keys and shingle sets per document, shared across a corpus.
- :func:`align` -- two documents -> :class:`~corpuscompare.models.Alignment`.
- :func:`best_matches` -- for each sentence of one document, its best counterpart in another
  (what ``corpuscompare align`` reports).

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
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz.distance import Indel

from .models import AlignedPair, Alignment, AlignOptions, Document, Sentence
from .normalize import HAN

__all__ = [
    "AlignOptions",
    "EchoMap",
    "FeatureSpace",
    "Match",
    "align",
    "align_packed",
    "best_matches",
    "continuity",
    "echo_map",
    "match_key",
    "sentence_weights",
    "similarity",
    "unit_shares",
]


DEFAULT_OPTIONS = AlignOptions()

_ZH_FRAME = re.compile(r"^[^，。：；！？“”\s]{1,16}?(?:指出|强调|表示|说道|说|提出|认为|宣布|称|介绍|讲道|写道)[，：:]")
_EN_FRAME = re.compile(
    r"^(?:[A-Z][\w.'\- ]{0,40}?|he|she|they|it|we)\s+(?:said|says|noted|stressed|added|stated|emphasi[sz]ed|"
    r"declared|told [\w ]{1,30}?)(?:\s+that)?[,:]?\s+",
    re.IGNORECASE,
)
_ZH_KEEP = re.compile(f"[^{HAN}0-9a-z]+")
_WORD = re.compile(r"\w+")


def match_key(sentence: Sentence | str, lang: str) -> str | tuple[str, ...]:
    """What alignment compares: wording only.

    Chinese: ideographs, digits and letters, lower-cased, after a leading reporting frame;
    other languages: the tuple of lower-cased words.

    >>> match_key("习近平在贺信中指出，当前，以信息技术为代表的新一轮科技革命正在萌发。", "zh")
    '当前以信息技术为代表的新一轮科技革命正在萌发'
    >>> match_key("He said that the Internet, truly, is ours.", "en")
    ('the', 'internet', 'truly', 'is', 'ours')
    """
    text = sentence.clean if isinstance(sentence, Sentence) else sentence
    if lang == "zh":
        stripped = _ZH_FRAME.sub("", text, count=1)
        key = _ZH_KEEP.sub("", stripped.lower())
        return key if key else _ZH_KEEP.sub("", text.lower())
    stripped = _EN_FRAME.sub("", text, count=1)
    words = tuple(_WORD.findall(stripped.lower()))
    return words if words else tuple(_WORD.findall(text.lower()))


def similarity(a: str | Sequence[str], b: str | Sequence[str]) -> float:
    """Normalized Indel similarity: 1 - (insertions + deletions) / (len a + len b).

    >>> similarity("坚持改革开放", "坚定改革开放")
    0.8333333333333334
    >>> similarity(("a", "b"), ("a", "b"))
    1.0
    """
    if not a and not b:
        return 1.0
    return Indel.normalized_similarity(a, b)


# --- features ----------------------------------------------------------------------------


@dataclass
class DocFeatures:
    """Per-document data the aligner needs, computed once per document."""

    keys: list
    """Match key of each sentence."""
    weights: np.ndarray
    """Characters (Chinese) or words of each sentence key: how much a match of it counts."""
    exact_only: np.ndarray
    """True for noise and punctuation-only sentences: matched only when identical."""
    indptr: np.ndarray
    indices: np.ndarray
    """CSR rows: the shingle ids of each sentence."""
    _sorted: tuple[np.ndarray, np.ndarray] | None = None

    def sorted_entries(self) -> tuple[np.ndarray, np.ndarray]:
        """(shingle id, sentence) of every shingle, sorted by shingle (computed once)."""
        if self._sorted is None:
            owner = np.repeat(np.arange(len(self.keys), dtype=np.int64), np.diff(self.indptr))
            order = np.argsort(self.indices, kind="stable")
            self._sorted = (self.indices[order], owner[order])
        return self._sorted


class FeatureSpace:
    """Shingle vocabulary shared by the documents of one comparison or corpus."""

    def __init__(self) -> None:
        self.vocab: dict = {}
        self.grams: list = []  # id -> shingle, so ties can be broken by content, not by id
        self._docs: dict[int, DocFeatures] = {}
        self._alive: list[Document] = []  # keeps id(doc) unique while it is a key

    def features(self, doc: Document) -> DocFeatures:
        """Keys and shingle sets of ``doc`` (memoized per document object)."""
        cached = self._docs.get(id(doc))
        if cached is not None:
            return cached
        keys, weights, exact, indptr, indices = [], [], [], [0], []
        vocab = self.vocab
        for s in doc.sentences:
            key = match_key(s, doc.lang)
            noise = s.is_noise or not key
            if noise:
                key = ("\0noise", s.text)
            keys.append(key)
            weights.append(0.0 if noise else float(len(key)))
            exact.append(noise)
            if not noise:
                grams = _shingles(key, doc.lang)
                for g in grams:
                    gid = vocab.get(g)
                    if gid is None:
                        gid = vocab[g] = len(vocab)
                        self.grams.append(g)
                    indices.append(gid)
            indptr.append(len(indices))
        feats = DocFeatures(
            keys=keys,
            weights=np.asarray(weights, dtype=np.float64),
            exact_only=np.asarray(exact, dtype=bool),
            indptr=np.asarray(indptr, dtype=np.int64),
            indices=np.asarray(indices, dtype=np.int64),
        )
        self._docs[id(doc)] = feats
        self._alive.append(doc)
        return feats


def _shingles(key: str | tuple[str, ...], lang: str) -> set:
    if lang == "zh":
        if len(key) < 2:
            return {key}
        return {key[k : k + 2] for k in range(len(key) - 1)}
    return set(key)


# --- candidates --------------------------------------------------------------------------


def _candidates(fa: DocFeatures, fb: DocFeatures, grams: list, options: AlignOptions):
    """Candidate pairs ``{(i, j): similarity}``: identical keys, then shingle overlaps."""
    na, nb = len(fa.keys), len(fb.keys)
    cands: dict[tuple[int, int], float] = {}
    if na == 0 or nb == 0:
        return cands
    # 1. identical keys, by hashing; very repeated keys pair by rank, not all with all
    positions: dict = defaultdict(list)
    for j, key in enumerate(fb.keys):
        positions[key].append(j)
    exact_a = np.zeros(na, dtype=bool)
    exact_b = np.zeros(nb, dtype=bool)
    seen: dict = defaultdict(int)
    counts_a: dict = defaultdict(int)
    for key in fa.keys:
        counts_a[key] += 1
    for i, key in enumerate(fa.keys):
        js = positions.get(key)
        if not js:
            continue
        # only a 1:1 identical key is certain; repeated keys stay open to edited variants too
        if len(js) == 1 and counts_a[key] == 1:
            exact_a[i] = True
            exact_b[js[0]] = True
        rank = seen[key]
        seen[key] += 1
        if len(js) <= 8:
            chosen = js
        else:
            lo = max(0, min(rank, len(js) - 1) - 3)
            chosen = js[lo : lo + 7]
        for j in chosen:
            cands[(i, j)] = 1.0
    # 2. shared shingles among the rest, counted with sorted arrays (no n x m matrix)
    rows_a = np.flatnonzero(~exact_a & ~fa.exact_only)
    rows_b = np.flatnonzero(~exact_b & ~fb.exact_only)
    if len(rows_a) and len(rows_b):
        ia, jb, shared = _shared_shingles(fa, rows_a, fb, rows_b, grams)
        if len(shared):
            size_a = np.diff(fa.indptr)[rows_a][ia]
            size_b = np.diff(fb.indptr)[rows_b][jb]
            dice = 2.0 * shared / np.maximum(size_a + size_b, 1)
            contain = shared / np.maximum(np.minimum(size_a, size_b), 1)
            keep = (dice >= options.min_overlap) | (contain >= 0.6)
            r, c, d = ia[keep], jb[keep], dice[keep] + 0.01 * contain[keep]
            for i, j in _top_k(r, c, d, options.candidates):
                i_doc, j_doc = int(rows_a[i]), int(rows_b[j])
                cands[(i_doc, j_doc)] = similarity(fa.keys[i_doc], fb.keys[j_doc])
    return cands


def _entries(f: DocFeatures, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(shingle id, position of its sentence in ``rows``) for every shingle of those
    sentences, sorted by shingle id."""
    ids, owner = f.sorted_entries()
    local = np.full(len(f.keys), -1, dtype=np.int64)
    local[rows] = np.arange(len(rows))
    mine = local[owner]
    mask = mine >= 0
    return ids[mask], mine[mask]


#: Shared-shingle pairs counted per comparison at least (common shingles are dropped beyond).
SHINGLE_BUDGET = 2_000_000


def _shared_shingles(fa: DocFeatures, rows_a: np.ndarray, fb: DocFeatures, rows_b: np.ndarray, grams: list):
    """For every pair of sentences sharing a shingle: (i, j, number of shared shingles).

    The work is sum(df_A x df_B) over shingles; a bigram such as 发展 in a third of both
    documents would make it quadratic while saying little about which sentences match, so
    the most common shingles are dropped until the work fits a near-linear budget.
    """
    ga, ra = _entries(fa, rows_a)
    gb, rb = _entries(fb, rows_b)
    if not len(ga) or not len(gb):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    size = int(max(ga.max(), gb.max())) + 1
    df_a = np.bincount(ga, minlength=size)
    df_b = np.bincount(gb, minlength=size)
    cost = df_a * df_b
    budget = max(SHINGLE_BUDGET, 60 * (len(rows_a) + len(rows_b)))
    if cost.sum() > budget:
        # cheapest first; ties by the shingle itself, so the result never depends on ids
        used = np.flatnonzero(cost)
        order = np.asarray(sorted(used.tolist(), key=lambda g: (int(cost[g]), grams[g])), dtype=np.int64)
        kept = np.zeros(size, dtype=bool)
        kept[order[np.cumsum(cost[order]) <= budget]] = True
        ga, ra = ga[kept[ga]], ra[kept[ga]]
        gb, rb = gb[kept[gb]], rb[kept[gb]]
    lo = np.searchsorted(gb, ga, "left")  # both sorted by shingle: merge-like access
    count = np.searchsorted(gb, ga, "right") - lo
    total = int(count.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    first = np.cumsum(count) - count
    pick = np.arange(total) + np.repeat(lo - first, count)
    pairs = np.repeat(ra, count) * len(rows_b) + rb[pick]
    keys, shared = np.unique(pairs, return_counts=True)
    return keys // len(rows_b), keys % len(rows_b), shared


def _top_k(rows: np.ndarray, cols: np.ndarray, score: np.ndarray, k: int):
    """Pairs that are among the k best of their row or of their column."""
    chosen: set[tuple[int, int]] = set()
    for key_major, key_minor in ((rows, cols), (cols, rows)):
        order = np.lexsort((key_minor, -score, key_major))
        major = key_major[order]
        starts = np.r_[0, np.flatnonzero(np.diff(major)) + 1]
        rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        sel = order[rank < k]
        chosen.update(zip(rows[sel].tolist(), cols[sel].tolist()))
    return sorted(chosen)


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
    pairs = tuple(AlignedPair(status, tuple(ia), tuple(jb), sim) for status, ia, jb, sim in units)
    return Alignment(a=a, b=b, pairs=pairs)


def align_packed(
    a: Document, b: Document, options: AlignOptions = DEFAULT_OPTIONS, space: FeatureSpace | None = None
) -> list[list]:
    """:func:`align` as plain lists ``[status, [OLD], [NEW], similarity]`` -- what caches
    store and what a corpus-wide matrix needs, without building records."""
    space = space or FeatureSpace()
    fa, fb = space.features(a), space.features(b)
    texts_a = a.sentences
    texts_b = b.sentences
    out = []
    for status, ia, jb, sim in _align_indices(fa, fb, space.grams, options):
        if status == "changed" and len(ia) == 1 and len(jb) == 1 and texts_a[ia[0]].text == texts_b[jb[0]].text:
            status = "same"
        out.append([status, list(ia), list(jb), round(sim, 4)])
    return out


def _joined(keys: list, idx: Sequence[int]):
    first = keys[idx[0]]
    if isinstance(first, tuple):
        out: tuple = ()
        for k in idx:
            out += keys[k]
        return out
    return "".join(keys[k] for k in idx)


def _align_indices(fa: DocFeatures, fb: DocFeatures, grams: list, options: AlignOptions):
    na, nb = len(fa.keys), len(fb.keys)
    cands = _candidates(fa, fb, grams, options)
    weights = []
    for (i, j), sim in cands.items():
        if sim >= options.changed:
            size = (fa.weights[i] + fb.weights[j]) / 2.0 or 0.01  # noise/punctuation: tiny weight
            weights.append((i, j, size * sim * sim))
    chain = _chain(weights, nb)
    a_of: dict[int, tuple[int, ...]] = {}  # OLD index -> pair id
    b_of: dict[int, tuple[int, ...]] = {}
    units: list[list] = []  # [status, a indices, b indices, similarity]
    for i, j in chain:
        units.append(["changed", [i], [j], cands[(i, j)]])
    for u, (_, ia, jb, _) in enumerate(units):
        a_of[ia[0]] = u
        b_of[jb[0]] = u

    by_a: dict[int, list[tuple[int, float]]] = defaultdict(list)
    by_b: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), sim in cands.items():
        by_a[i].append((j, sim))
        by_b[j].append((i, sim))

    def free_a(i: int) -> bool:
        return 0 <= i < na and i not in a_of and not fa.exact_only[i]

    def free_b(j: int) -> bool:
        return 0 <= j < nb and j not in b_of and not fb.exact_only[j]

    # 4a. grow chained pairs by unmatched neighbours (split: more NEW; merged: more OLD)
    for u, unit in enumerate(units):
        _, ia, jb, sim = unit
        if sim >= 0.999:
            continue
        grown = _grow(fa.keys, fb.keys, ia, jb, sim, free_a, free_b, options)
        if grown is not None:
            ia2, jb2, sim2 = grown
            unit[:] = ["split" if len(jb2) > 1 else "merged", ia2, jb2, sim2]
            for i in ia2:
                a_of[i] = u
            for j in jb2:
                b_of[j] = u

    # 4b. an unmatched sentence whose consecutive unmatched candidates join into a match
    # (a 1:1 pair that fits the order is already in the chain, so only runs are looked for:
    # the sentence needs two free candidates side by side)
    def adjacent_free(cands_of: list[tuple[int, float]] | None, free) -> list[int] | None:
        if not cands_of or len(cands_of) < 2:
            return None
        idx = sorted({c for c, _ in cands_of if free(c)})
        if any(y - x == 1 for x, y in itertools.pairwise(idx)):
            return idx
        return None

    # OLD sentences first (runs of NEW: split), then NEW ones (runs of OLD: merged)
    sides = (
        (na, free_a, by_a, fa.keys, fb.keys, free_b, "split", lambda k, run: ([k], run)),
        (nb, free_b, by_b, fb.keys, fa.keys, free_a, "merged", lambda k, run: (run, [k])),
    )
    for count, free_here, cands_of, keys_here, keys_there, free_there, joined, orient in sides:
        for k in range(count):
            if not free_here(k):
                continue
            seeds = adjacent_free(cands_of.get(k), free_there)
            if seeds is None:
                continue
            run = _best_run(keys_here[k], seeds, keys_there, free_there, options)
            if run is None:
                continue
            ia, jb = orient(k, run[0])
            if _in_order(units, a_of, b_of, ia, jb):
                units.append([joined if len(run[0]) > 1 else "changed", ia, jb, run[1]])
                _claim(units, a_of, b_of)

    # 5. moves: the best remaining pairs, out of order, similar enough
    leftovers = sorted(
        ((sim, i, j) for (i, j), sim in cands.items() if sim >= options.moved and free_a(i) and free_b(j)),
        key=lambda t: (-t[0] * (fa.weights[t[1]] + fb.weights[t[2]]), t[1], t[2]),
    )
    for sim, i, j in leftovers:
        if free_a(i) and free_b(j):
            units.append(["moved", [i], [j], sim])
            _claim(units, a_of, b_of)

    # 6. the rest
    for i in range(na):
        if i not in a_of:
            units.append(["removed", [i], [], 0.0])
            a_of[i] = len(units) - 1
    for j in range(nb):
        if j not in b_of:
            units.append(["added", [], [j], 0.0])
            b_of[j] = len(units) - 1
    return _order(units)


def _claim(units, a_of, b_of) -> None:
    u = len(units) - 1
    for i in units[u][1]:
        a_of[i] = u
    for j in units[u][2]:
        b_of[j] = u


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


def _in_order(units, a_of, b_of, ia: list[int], jb: list[int]) -> bool:
    """True when OLD ``ia`` and NEW ``jb`` sit between the same order-preserving pairs."""
    ordered = [u for u in units if u[0] in ("same", "changed", "split", "merged") and u[1] and u[2]]
    lo_a, hi_a = min(ia), max(ia)
    lo_b, hi_b = min(jb), max(jb)
    for _, ua, ub, _ in ordered:
        if max(ua) < lo_a and not max(ub) < lo_b:
            return False
        if min(ua) > hi_a and not min(ub) > hi_b:
            return False
    return True


def _order(units) -> list[tuple[str, tuple[int, ...], tuple[int, ...], float]]:
    """NEW order; a removed unit goes right after the order-preserving unit before it in OLD."""
    anchor_of_a: dict[int, int] = {}
    for status, ia, jb, _ in units:
        if jb and status in ("same", "changed", "split", "merged"):
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
        keyed.append((key, (status, tuple(ia), tuple(jb), float(sim))))
    keyed.sort(key=lambda t: t[0])
    return [unit for _, unit in keyed]


# --- best matches (corpuscompare align) --------------------------------------------------


@dataclass(frozen=True)
class Match:
    """The best counterpart of one sentence in another document."""

    index: int | None
    """Index of the matched sentence in the other document (None when nothing matched)."""
    similarity: float
    """:func:`similarity` of the two keys (1.0 for verbatim)."""
    status: str
    """``verbatim``, ``close``, ``echo`` or ``none`` (thresholds in :data:`MATCH_THRESHOLDS`)."""


#: ``close`` from this similarity; ``echo`` from ``echo`` similarity when the two share at
#: least ``echo_min`` characters (Chinese) or words, or when they share one passage of at
#: least ``passage`` characters (Chinese) or words, verbatim.
MATCH_THRESHOLDS = {
    "close": 0.75,
    "echo": 0.45,
    "echo_min_zh": 8,
    "echo_min_words": 5,
    "passage_zh": 10,
    "passage_words": 6,
}
_RANK = {"verbatim": 3, "close": 2, "echo": 1, "none": 0}
#: Candidates per sentence that :func:`best_matches` examines closely.
PASSAGE_CANDIDATES = 3


def common_passage(a: str | Sequence[str], b: str | Sequence[str]) -> int:
    """Length of the longest passage the two keys share verbatim.

    ``autojunk=False``: difflib's heuristic would otherwise ignore common characters (的, 和).

    >>> common_passage("共同构建网络空间命运共同体", "推动构建网络空间命运共同体的努力")
    11
    """
    if not a or not b:
        return 0
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def classify(sim: float, passage: int, shorter: int, lang: str) -> str:
    """Status of a best match from its similarity, shared passage and the shorter key's length.

    An echo needs real shared text: a three-character sentence such as 习近平 inside a
    longer one is no echo, however high its similarity.
    """
    t = MATCH_THRESHOLDS
    if sim >= 0.9999:
        return "verbatim"
    if sim >= t["close"]:
        return "close"
    zh = lang == "zh"
    minimum = t["echo_min_zh"] if zh else t["echo_min_words"]
    if shorter >= minimum and sim >= t["echo"]:
        return "echo"
    if passage >= (t["passage_zh"] if zh else t["passage_words"]):
        return "echo"
    return "none"


def best_matches(
    a: Document, b: Document, space: FeatureSpace | None = None, options: AlignOptions = DEFAULT_OPTIONS
) -> list[Match]:
    """For each sentence of ``a``, its best counterpart in ``b`` (order ignored)."""
    space = space or FeatureSpace()
    fa, fb = space.features(a), space.features(b)
    cands = _candidates(fa, fb, space.grams, options)
    per_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), sim in cands.items():
        if not fa.exact_only[i]:
            per_a[i].append((sim, j))
    best: dict[int, tuple[tuple, int, str]] = {}
    for i, found in per_a.items():
        # the shared-passage test is slow: only the most similar few candidates get it
        for sim, j in sorted(found, key=lambda t: (-t[0], t[1]))[:PASSAGE_CANDIDATES]:
            ka, kb = fa.keys[i], fb.keys[j]
            passage = common_passage(ka, kb) if sim < MATCH_THRESHOLDS["close"] else 0
            status = classify(sim, passage, min(len(ka), len(kb)), a.lang)
            score = (_RANK[status], sim, -j)
            if i not in best or score > best[i][0]:
                best[i] = (score, j, status)
    out = []
    for i in range(len(a.sentences)):
        if i not in best:
            out.append(Match(None, 0.0, "none"))
            continue
        (_, sim, _), j, status = best[i]
        out.append(Match(j if status != "none" else None, round(sim, 4), status))
    return out


# --- echo map (corpuscompare align) -----------------------------------------------------


@dataclass(frozen=True)
class EchoMap:
    """Where each sentence of a focus document echoes in the other documents."""

    focus: Document
    """The document whose sentences are followed."""
    documents: tuple[Document, ...]
    """The other documents, in corpus order."""
    matches: tuple[tuple[Match, ...], ...]
    """``matches[s][d]``: best match of focus sentence ``s`` in ``documents[d]``."""
    reuse: dict[str, tuple[float, float]]
    """Per document id: (share of FOCUS it echoes, share of it that echoes FOCUS), by characters."""


def echo_map(
    focus: Document,
    documents: Sequence[Document],
    options: AlignOptions = DEFAULT_OPTIONS,
    space: FeatureSpace | None = None,
    progress=None,
) -> EchoMap:
    """Best matches of every focus sentence in every other document, and reuse shares.

    A document with the focus's id is left out (it would match itself).
    """
    space = space or FeatureSpace()
    others = tuple(d for d in documents if d.id != focus.id)
    per_doc = []
    reuse: dict[str, tuple[float, float]] = {}
    focus_weights = sentence_weights(focus)
    for doc in others:
        forward = best_matches(focus, doc, space, options)
        backward = best_matches(doc, focus, space, options)
        per_doc.append(forward)
        doc_weights = sentence_weights(doc)
        of_focus = _share(focus_weights, [m.status != "none" for m in forward])
        of_doc = _share(doc_weights, [m.status != "none" for m in backward])
        reuse[doc.id] = (of_focus, of_doc)
        if progress is not None:
            progress(1)
    matches = tuple(tuple(per_doc[d][s] for d in range(len(others))) for s in range(len(focus.sentences)))
    return EchoMap(focus=focus, documents=others, matches=matches, reuse=reuse)


def _share(weights: Sequence[int], hits: Sequence[bool]) -> float:
    total = sum(weights)
    return round(sum(w for w, h in zip(weights, hits) if h) / total, 4) if total else 0.0


def sentence_weights(doc: Document) -> list[int]:
    """Characters of each sentence, transcript noise counting 0: what shares are measured in."""
    return [0 if s.is_noise else len(s.text) for s in doc.sentences]


def unit_shares(units, a_weights: Sequence[int], b_weights: Sequence[int]) -> dict[str, float]:
    """:func:`continuity` from ``(status, OLD indices, NEW indices, ...)`` units and weights."""
    cont = dropped = 0
    for status, ia, jb, *_ in units:
        if status != "added":
            cont += sum(b_weights[j] for j in jb)
        if status == "removed":
            dropped += sum(a_weights[i] for i in ia)
    total_b, total_a = sum(b_weights), sum(a_weights)
    return {
        "continuing": round(cont / total_b, 4) if total_b else 0.0,
        "new": round(1 - cont / total_b, 4) if total_b else 0.0,
        "dropped": round(dropped / total_a, 4) if total_a else 0.0,
    }


def continuity(alignment: Alignment) -> dict[str, float]:
    """Shares of NEW, by characters: what continues OLD and what is new.

    ``continuing`` counts NEW sentences in same, changed, moved, split and merged pairs;
    ``new`` counts added ones; noise is not counted. ``dropped`` is the share of OLD
    (by characters) in removed pairs.
    """
    units = ((p.status, p.a, p.b) for p in alignment.pairs)
    return unit_shares(units, sentence_weights(alignment.a), sentence_weights(alignment.b))
