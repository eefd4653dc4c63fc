"""Echoes: where each sentence of a focus document recurs anywhere in other documents.

- :func:`best_matches` -- for each sentence of one document, its best counterpart in
  another, order ignored (``verbatim``, ``close``, ``echo`` or ``none``).
- :func:`classify` -- the status of a match from its similarity and shared passage.
- :func:`echo_map` -- a focus document against a corpus: matches and reuse shares (what
  ``corpuscompare align`` and the report's echo map show).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from ..model.alignment import AlignOptions, EchoMap, Match, MatchStatus, MatchThresholds
from ..model.document import Document
from .features import FeatureSpace, candidates
from .sentences import DEFAULT_OPTIONS, sentence_weights, share

__all__ = ["best_matches", "classify", "common_passage", "echo_map"]

DEFAULT_THRESHOLDS = MatchThresholds()


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


def classify(sim: float, passage: int, shorter: int, lang: str, t: MatchThresholds = DEFAULT_THRESHOLDS) -> MatchStatus:
    """Status of a best match from its similarity, shared passage and the shorter key's length.

    An echo needs real shared text: a three-character sentence such as 习近平 inside a
    longer one is no echo, however high its similarity.
    """
    if sim >= 0.9999:
        return MatchStatus.VERBATIM
    if sim >= t.close:
        return MatchStatus.CLOSE
    zh = lang == "zh"
    minimum = t.echo_min_zh if zh else t.echo_min_words
    if shorter >= minimum and sim >= t.echo:
        return MatchStatus.ECHO
    if passage >= (t.passage_zh if zh else t.passage_words):
        return MatchStatus.ECHO
    return MatchStatus.NONE


def best_matches(
    a: Document,
    b: Document,
    space: FeatureSpace | None = None,
    options: AlignOptions = DEFAULT_OPTIONS,
    thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
) -> list[Match]:
    """For each sentence of ``a``, its best counterpart in ``b`` (order ignored); only the
    speaker's text is matched (headers, frames, greetings, lists have no counterpart)."""
    space = space or FeatureSpace()
    fa, fb = space.features(a), space.features(b)
    cands = candidates(fa, fb, space.grams, options)
    per_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), sim in cands.items():
        if not fa.exact_only[i] and a.sentences[i].is_text and b.sentences[j].is_text:
            per_a[i].append((sim, j))
    best: dict[int, tuple[tuple, int, MatchStatus]] = {}
    for i, found in per_a.items():
        # the shared-passage test is slow: only the most similar few candidates get it
        for sim, j in sorted(found, key=lambda t: (-t[0], t[1]))[:PASSAGE_CANDIDATES]:
            ka, kb = fa.keys[i], fb.keys[j]
            passage = common_passage(ka, kb) if sim < thresholds.close else 0
            status = classify(sim, passage, min(len(ka), len(kb)), a.lang, thresholds)
            score = (status.rank, sim, -j)
            if i not in best or score > best[i][0]:
                best[i] = (score, j, status)
    out = []
    for i in range(len(a.sentences)):
        if i not in best:
            out.append(Match(None, 0.0, MatchStatus.NONE))
            continue
        (_, sim, _), j, status = best[i]
        out.append(Match(j if status != MatchStatus.NONE else None, round(sim, 4), status))
    return out


# --- echo map (corpuscompare align) -----------------------------------------------------


def echo_map(
    focus: Document,
    documents: Sequence[Document],
    options: AlignOptions = DEFAULT_OPTIONS,
    space: FeatureSpace | None = None,
    progress: Callable[[int], None] | None = None,
    thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
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
        forward = best_matches(focus, doc, space, options, thresholds)
        backward = best_matches(doc, focus, space, options, thresholds)
        per_doc.append(forward)
        doc_weights = sentence_weights(doc)
        of_focus = share(focus_weights, [m.status != MatchStatus.NONE for m in forward])
        of_doc = share(doc_weights, [m.status != MatchStatus.NONE for m in backward])
        reuse[doc.id] = (of_focus, of_doc)
        if progress is not None:
            progress(1)
    matches = tuple(tuple(per_doc[d][s] for d in range(len(others))) for s in range(len(focus.sentences)))
    return EchoMap(focus=focus, documents=others, matches=matches, reuse=reuse)
