"""Keyness: which words and phrases stand out in a document against the previous one, the
rest of the corpus, or another document.

- :func:`term_counts` -- content words (and, optionally, mined phrases) per document.
- :func:`log_likelihood`, :func:`log_ratio` -- the two keyness statistics.
- :func:`keyness` -- one document against the previous one, the rest, or another document.

Dunning's log-likelihood G² (Rayson & Garside's two-cell form) says how sure we can be
that a term's frequency differs; Hardie's log ratio (log2 of the ratio of relative
frequencies, 0.5 added to zero counts) says by how much. G² >= 3.84 is p < 0.05, >= 10.83
is p < 0.001 (one degree of freedom).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

from ..corpus.lexicon import EN_STOP, ZH_STOP
from ..corpus.normalize import HAN
from ..corpus.segment import outside_frames
from ..errors import DocumentSelectionError
from ..model.document import Document
from ..model.findings import KeynessComparison, KeynessOptions, KeyTerm, Phrase

__all__ = ["keyness", "log_likelihood", "log_ratio", "term_counts"]


_CONTENT = re.compile(rf"^[{HAN}A-Za-z][{HAN}A-Za-z0-9'’\-]*$")


def term_counts(
    doc: Document,
    tokens: Sequence[Sequence[str]],
    phrases: Sequence[Phrase] = (),
    stopwords: frozenset[str] = frozenset(),
    min_chars: int = 2,
) -> tuple[Counter, int]:
    """Content words of ``doc`` (plus mined multi-word phrases), and the number of words.

    Words: tokens that start with a letter or ideograph, at least ``min_chars`` characters
    for Chinese (single characters are mostly function words), not stop words; other
    languages lower-cased. The total counts every word token (punctuation and numbers
    excluded), the usual base for keyness.
    """
    zh = doc.lang == "zh"
    stop = (ZH_STOP if zh else EN_STOP) | stopwords
    counts: Counter = Counter()
    total = 0
    for sentence, toks in zip(doc.sentences, tokens):
        if not sentence.is_text:
            continue
        for tok in outside_frames(sentence, toks):
            if not _CONTENT.match(tok):
                continue
            total += 1
            word = tok if zh else tok.lower()
            if word in stop or (zh and len(word) < min_chars):
                continue
            counts[word] += 1
    for phrase in phrases:
        n = phrase.counts.get(doc.id, 0)
        if n and phrase.phrase not in counts:
            counts[phrase.phrase] = n
    return counts, total


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """G² of a term seen ``a`` times in ``c`` words and ``b`` times in ``d`` words.

    >>> round(log_likelihood(10, 0, 1000, 1000), 2)
    13.86
    """
    if c <= 0 or d <= 0 or a + b == 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 0.0
    if a:
        g2 += a * math.log(a / e1)
    if b:
        g2 += b * math.log(b / e2)
    return 2.0 * g2


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's log ratio: log2 of the relative frequencies' ratio (zeros as 0.5).

    >>> log_ratio(20, 10, 1000, 1000)
    1.0
    """
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


#: Term counts kept at a time by :func:`keyness`.
_COUNTS_KEPT = 256


def keyness(
    documents: Sequence[Document],
    tokens: Mapping[str, Sequence[Sequence[str]]],
    options: KeynessOptions = KeynessOptions(),
    *,
    phrases: Sequence[Phrase] = (),
    stopwords: frozenset[str] = frozenset(),
    previous: Mapping[str, str | None] | None = None,
    only: Collection[str] | None = None,
) -> list[KeynessComparison]:
    """Key terms of one document (``options.doc``) or of every document, against a reference.

    ``options.against``: ``previous`` (the document before it in its series -- ``previous``
    maps each id to that id, default: corpus order; a first document has none and is
    skipped), ``rest`` (all other documents together) or a
    document id. Terms need ``count + ref_count >= min_freq`` and ``G² >= min_g2``; the
    ``top`` over-used and ``top`` under-used terms are kept, strongest first. ``phrases``
    (mined phrases) count as terms beside the words. ``only``: the documents to compare
    (default all); the others are counted only as references, and only when one is needed.
    """
    doc, against = options.doc, options.against
    min_freq, min_g2, top = options.min_freq, options.min_g2, options.top
    ids = [d.id for d in documents]
    by_id = {d.id: d for d in documents}
    # the last _COUNTS_KEPT term counts are kept (bounded memory); ``rest`` reads every one, every time
    counted = lru_cache(maxsize=None if against == "rest" else _COUNTS_KEPT)(
        lambda doc_id: term_counts(by_id[doc_id], tokens[doc_id], phrases, stopwords)
    )

    if doc is not None and doc not in by_id:
        raise DocumentSelectionError(f"no document {doc!r}")
    if against not in ("previous", "rest") and against not in by_id:
        raise DocumentSelectionError(f"--against wants previous, rest or a document id, not {against!r}")
    targets = [doc] if doc is not None else [i for i in ids if only is None or i in only]
    out = []
    for target in targets:
        k = ids.index(target)
        if against == "previous":
            before = previous.get(target) if previous is not None else (ids[k - 1] if k else None)
            if before is None:
                continue
            refs = [before]
            label = before
        elif against == "rest":
            refs = [i for i in ids if i != target]
            label = "rest"
        else:
            if against == target:
                continue
            refs = [against]
            label = against
        mine, size = counted(target)
        ref: Counter = Counter()
        ref_size = 0
        for r in refs:
            counts, total = counted(r)
            ref.update(counts)
            ref_size += total
        if not size or not ref_size:
            continue
        terms = []
        for term in set(mine) | set(ref):
            a, b = mine.get(term, 0), ref.get(term, 0)
            if a + b < min_freq:
                continue
            g2 = log_likelihood(a, b, size, ref_size)
            if g2 < min_g2:
                continue
            terms.append(KeyTerm(term, round(g2, 3), round(log_ratio(a, b, size, ref_size), 3), a, b))
        over = sorted((t for t in terms if t.log_ratio > 0), key=lambda t: (-t.g2, t.term))[:top]
        under = sorted((t for t in terms if t.log_ratio < 0), key=lambda t: (-t.g2, t.term))[:top]
        out.append(KeynessComparison(target, label, tuple(over + under), size, ref_size))
    return out
