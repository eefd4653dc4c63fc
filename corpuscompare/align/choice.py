"""Which pairs of documents to align.

- :func:`pairs_to_align` -- every pair up to :data:`ALL_PAIRS_LIMIT` documents (the annual
  series keep their full continuity matrix). Beyond it (daily news: thousands of documents,
  millions of pairs) only the pairs where an alignment means something: each document and
  the one before it in its series, each news summary and the full text it witnesses, and
  pairs that share a near-duplicate paragraph anywhere in the corpus (text reuse at a
  distance), found with MinHash LSH (datasketch) over character shingles of each paragraph's
  text sentences.
- A paragraph whose near-duplicates are in more than :data:`COMMON_SHARE` of the documents
  is boilerplate (a daily opening line), not reuse: it proposes no pair. Each document
  keeps its :data:`PER_DOCUMENT` strongest candidates (most shared paragraphs), so the
  number of pairs grows linearly with the corpus.

>>> from corpuscompare.align.choice import shingles
>>> sorted(shingles("网络空间命运共同体", 5))[:2]
['命运共同体', '空间命运共']
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from ..model.document import Document, Role
from ..runtime import isolated
from ..runtime.runner import Runner, release_memory

__all__ = ["ALL_PAIRS_LIMIT", "COMMON_SHARE", "PER_DOCUMENT", "pairs_to_align", "reuse_candidates", "shingles"]

ALL_PAIRS_LIMIT = 200
COMMON_SHARE = 0.02
PER_DOCUMENT = 8
MIN_PARAGRAPH = 40
THRESHOLD = 0.6
NUM_PERM = 64
LSH_BLOCK = 50_000


def pairs_to_align(
    docs: Sequence[Document],
    links: Sequence[tuple[int, int]],
    limit: int = ALL_PAIRS_LIMIT,
    runner: Runner | None = None,
) -> list[tuple[int, int]]:
    """``(i, j)`` with ``i < j``, sorted: all pairs up to ``limit`` documents, else ``links``
    (consecutive documents of a series, witnesses) and the reuse candidates."""
    n = len(docs)
    if n <= limit:
        return [(i, j) for j in range(n) for i in range(j)]
    chosen = {tuple(sorted(p)) for p in links if p[0] != p[1]}
    chosen |= set(reuse_candidates(docs, runner=runner))
    return sorted(chosen, key=lambda p: (p[1], p[0]))


def shingles(text: str, k: int) -> set[str]:
    """The character ``k``-grams of ``text`` with white space removed."""
    text = "".join(text.split())
    return {text[p : p + k] for p in range(max(1, len(text) - k + 1))}


def _paragraphs(doc: Document) -> list[str]:
    """The text of each paragraph of ``doc``: its text sentences, frame spans (a recurring
    lead such as ``央视网消息（新闻联播）：``) and noise cut out (:attr:`Sentence.clean`)."""
    by_para: dict[int, list[str]] = defaultdict(list)
    for s in doc.sentences:
        if s.role == Role.TEXT:
            by_para[s.paragraph].append(s.clean)
    joiner = "" if doc.lang == "zh" else " "
    return [joiner.join(v) for _, v in sorted(by_para.items())]


def _hash32(b: bytes) -> int:
    return zlib.crc32(b)


def _band_key(b: bytes) -> bytes:
    """An LSH band's key, 8 bytes instead of the band's 24 (a quarter of the index's memory)."""
    return hashlib.blake2b(b, digest_size=8).digest()


def paragraph_signatures(docs: Sequence[Document], k: int) -> np.ndarray:
    """The MinHash signatures (datasketch, one row each) of the paragraphs of ``docs[k]``
    that are long enough (:data:`MIN_PARAGRAPH`), cut in character shingles. A task of
    :class:`~corpuscompare.runtime.runner.Runner` (one per document): the paragraphs are cut where
    the document is, and only the signatures travel back."""
    from datasketch import MinHash

    doc = docs[k]
    paragraphs = [text for text in _paragraphs(doc) if len(text) >= MIN_PARAGRAPH]
    if not paragraphs:
        return np.empty((0, NUM_PERM), np.uint32)
    size = 5 if doc.lang == "zh" else 12
    grams = ([g.encode() for g in shingles(text, size)] for text in paragraphs)
    return np.stack([m.hashvalues for m in MinHash.generator(grams, num_perm=NUM_PERM, hashfunc=_hash32)])


def _near_duplicates(signatures: np.ndarray, owner: Sequence[int]) -> list[set[int]]:
    """For each signature, the documents (``owner``) of the signatures it shares an LSH band
    with (datasketch's MinHashLSH), itself included. The index is built for
    :data:`LSH_BLOCK` signatures at a time and every signature of that block or a later one
    is looked up in it (the relation is symmetric): the same answer as one index of all,
    in memory bounded by the block, not the corpus."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    scheme = MinHash(num_perm=NUM_PERM).scheme
    found: list[set[int]] = [set() for _ in range(len(signatures))]
    for start in range(0, len(signatures), LSH_BLOCK):
        block = range(start, min(start + LSH_BLOCK, len(signatures)))
        lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, hashfunc=_band_key)
        for key in block:
            lsh.insert(key, LeanMinHash(seed=1, hashvalues=signatures[key], scheme=scheme), check_duplication=False)
        for key in range(start, len(signatures)):
            for hit in lsh.query(LeanMinHash(seed=1, hashvalues=signatures[key], scheme=scheme)):
                found[key].add(owner[hit])
                found[hit].add(owner[key])
        del lsh
    return found


def reuse_candidates(
    docs: Sequence[Document], per_document: int = PER_DOCUMENT, runner: Runner | None = None
) -> list[tuple[int, int]]:
    """Pairs of documents that share near-duplicate paragraphs (Jaccard of shingles ≥ 0.6,
    estimated by MinHash LSH), boilerplate left out, at most ``per_document`` per document.
    The signatures are computed per document by ``runner`` (all cores, or a Dask cluster);
    the index holds them as one array, not one object per paragraph."""
    runner = runner or Runner()
    parts = list(runner.map(paragraph_signatures, range(len(docs)), list(docs)))
    owner = np.repeat(np.arange(len(parts), dtype=np.int32), [len(part) for part in parts])  # each signature's document
    signatures = np.concatenate([np.empty((0, NUM_PERM), np.uint32), *parts])
    del parts
    if len(signatures) < SEPARATE_PROCESS_SIGNATURES:
        return _pairs_sharing_paragraphs(signatures, owner, len(docs), per_document)
    # the index's dicts and sets are hundreds of MB at this size and leave the heap
    # fragmented: built in a fresh process of its own, whose memory all goes back when it ends
    return isolated.run_isolated(_pairs_sharing_paragraphs, signatures, owner, len(docs), per_document)


#: Signatures this many or more are indexed in a process of their own.
SEPARATE_PROCESS_SIGNATURES = 20_000


def _pairs_sharing_paragraphs(
    signatures: np.ndarray, owner: np.ndarray, n_docs: int, per_document: int
) -> list[tuple[int, int]]:
    """:func:`reuse_candidates` from the paragraphs' signatures and their documents."""
    owner = owner.tolist()
    common = max(3, int(COMMON_SHARE * n_docs))
    shared: Counter[tuple[int, int]] = Counter()
    for key, others in enumerate(_near_duplicates(signatures, owner)):
        others.discard(owner[key])
        if len(others) > common:
            continue  # boilerplate: near-duplicates everywhere
        for j in others:
            shared[(min(owner[key], j), max(owner[key], j))] += 1
    best: dict[int, list[tuple[int, tuple[int, int]]]] = defaultdict(list)
    for pair, count in shared.items():
        for end in pair:
            best[end].append((-count, pair))
    out = set()
    for lst in best.values():
        out.update(pair for _, pair in sorted(lst)[:per_document])
    release_memory()
    return sorted(out)
