"""What sentences are compared on, and which pairs are worth comparing at all.

- :func:`match_key` -- what two sentences are compared on (wording only).
- :func:`similarity` -- 0..1 similarity of two keys (rapidfuzz Indel: characters for
  Chinese, words for other languages).
- :class:`FeatureSpace` -- keys and shingle sets per document, shared across a corpus.
- :func:`candidates` -- the candidate pairs of two documents with their similarity:
  identical keys by hashing, the rest by shared shingles, never a dense n x m matrix.

Used by :mod:`corpuscompare.align.sentences` (ordered alignment) and :mod:`corpuscompare.align.echo`
(best matches anywhere).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from ..corpus.lexicon import EN_STOP, REPORTING_FRAME, ZH_STOP
from ..corpus.normalize import HAN
from ..model.alignment import AlignOptions
from ..model.document import Document, Sentence

__all__ = ["DocFeatures", "FeatureSpace", "candidates", "match_key", "similarity"]


_ZH_KEEP = re.compile(f"[^{HAN}0-9a-z]+")
_WORD = re.compile(r"\w+")
_WORD_ONLY = re.compile(r"[\W_]+")


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
        stripped = REPORTING_FRAME["zh"].sub("", text, count=1)
        key = _ZH_KEEP.sub("", stripped.lower())
        return key if key else _ZH_KEEP.sub("", text.lower())
    stripped = REPORTING_FRAME["en"].sub("", text, count=1)
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
            owner = np.repeat(np.arange(len(self.keys), dtype=np.int32), np.diff(self.indptr))
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
            # noise, and sentences that are not the speaker's text (headers, frames ...),
            # pair only with the very same sentence and anchor nothing: adding a frame line
            # to every document cannot move the alignment of the text
            noise = not s.is_text or not key
            if noise:
                # the same line however written: "(Applause.)" = "(applause)"
                key = ("\0" + str(s.role), _WORD_ONLY.sub("", s.text.lower()) or s.text)
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
            indices=np.asarray(indices, dtype=np.int32),  # 4 bytes a shingle: every worker holds all documents
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


def candidates(fa: DocFeatures, fb: DocFeatures, grams: list, options: AlignOptions):
    """Candidate pairs ``{(i, j): similarity}``: identical keys, then shingle overlaps.

    Each sentence keeps its ``options.candidates`` best by shingle overlap."""
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
            weight = _idf(fa, fb, grams)
            for i, j in _top_k(r, c, d, options.candidates):
                i_doc, j_doc = int(rows_a[i]), int(rows_b[j])
                sim = similarity(fa.keys[i_doc], fb.keys[j_doc])
                if sim < NEAR_IDENTICAL and content_overlap(fa, i_doc, fb, j_doc, weight) < options.min_content:
                    continue  # they share only common words: 推进[国家水网]建设 is not 推进[教育强国]建设
                cands[(i_doc, j_doc)] = sim
    return cands


#: Pairs at least this similar are kept whatever words they share (an edit, not a new sentence).
NEAR_IDENTICAL = 0.9


def _idf(fa: DocFeatures, fb: DocFeatures, grams: list) -> np.ndarray:
    """Inverse sentence frequency of every shingle over the sentences of both documents:
    a shingle in most sentences (推进, 建设) tells little about what one says; function
    words (of, the, 我们) weigh a tenth, however rare in two short documents."""

    size = len(grams)
    df = np.bincount(fa.indices, minlength=size) + np.bincount(fb.indices, minlength=size)
    n = len(fa.keys) + len(fb.keys)
    weight = np.log((n + 1) / (df + 1)) + 0.1
    used = np.flatnonzero(df)
    stop = [g for g in used.tolist() if isinstance(grams[g], str) and (grams[g] in EN_STOP or grams[g] in ZH_STOP)]
    weight[stop] *= 0.1
    return weight


def content_overlap(fa: DocFeatures, i: int, fb: DocFeatures, j: int, weight: np.ndarray) -> float:
    """Dice of the two sentences' shingles, each weighted by its :func:`_idf`: how much of
    what they say they share (0..1)."""
    a = fa.indices[fa.indptr[i] : fa.indptr[i + 1]]
    b = fb.indices[fb.indptr[j] : fb.indptr[j + 1]]
    # summed in value order: the result does not depend on the shingle ids
    total = np.sort(weight[a]).sum() + np.sort(weight[b]).sum()
    if total <= 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True)
    return float(2.0 * np.sort(weight[shared]).sum() / total)


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
