"""Year over year: each document after the one before it in its series, with its counts,
shares and most significant new and dropped sentences.

- :func:`chains` -- the links ``(series, i, j)`` of every series.
- :func:`year_over_year` -- each link's record; the significant sentences are the added
  (removed) ones that carry most terms over-used (G²) in the newer (older) document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..align.batch import unpack
from ..analyze.keyness import log_likelihood, term_counts
from ..model.alignment import Alignment, Status
from ..model.comparison import SignificantSentence, YearOverYear
from ..model.document import Document
from ..model.layout import Layout
from .results import Tokens

__all__ = ["chains", "year_over_year"]


def _key_weights(old, new) -> tuple[dict[str, float], dict[str, float]]:
    """G² of each term over-used in NEW (first dict) and in OLD (second), from
    ``(counts, total)`` of each."""
    (old_counts, old_total), (new_counts, new_total) = old, new
    new_w, old_w = {}, {}
    for term in set(new_counts) | set(old_counts):
        a, b = new_counts.get(term, 0), old_counts.get(term, 0)
        g2 = log_likelihood(a, b, new_total, old_total)
        if new_total and old_total and a / new_total > b / old_total:
            new_w[term] = g2
        elif new_total and old_total:
            old_w[term] = g2
    return new_w, old_w


def _significant(
    alignment: Alignment, side: str, tokens: Sequence[Sequence[str]], weights: dict[str, float], top: int
) -> tuple[SignificantSentence, ...]:
    """The added (side ``b``) or removed (``a``) sentences that carry most key terms."""
    doc = alignment.b if side == "b" else alignment.a
    status = Status.ADDED if side == "b" else Status.REMOVED
    scored = []
    for p in alignment.pairs:
        if p.status != status:
            continue
        for k in p.b if side == "b" else p.a:
            s = doc.sentences[k]
            if not s.is_text:
                continue
            score = sum(weights.get(t if doc.lang == "zh" else t.lower(), 0.0) for t in tokens[k])
            scored.append((-round(score, 6), -len(s.text), k, doc.shown(s)))
    scored.sort()
    return tuple(
        SignificantSentence(index=k, text=text, score=-score, paragraph=doc.sentences[k].paragraph)
        for score, _, k, text in scored[:top]
    )


def chains(docs: Sequence[Document], layout: Layout) -> list[tuple[str, int, int]]:
    """``(series, i, j)``: each counted document (index ``j``) after the one before it in
    its series (``i``), series by series."""
    index = {d.id: k for k, d in enumerate(docs)}
    out = []
    for series in layout.series:
        ids = series.documents
        out += [(series.key, index[a], index[b]) for a, b in zip(ids, ids[1:], strict=False)]  # noqa: RUF007 (pairwise is the aligner)
    return out


def year_over_year(docs, packed, tokens: Tokens, rows: dict, links, top: int, detail=None) -> tuple[YearOverYear, ...]:
    """Each link's counts and shares; its most significant new and dropped sentences when its
    newer document is in ``detail`` (None: all)."""
    out = []
    counted: dict[str, Counter] = {}  # each document is the newer of one link and the older of the next

    def counts(doc: Document) -> Counter:
        if doc.id not in counted:
            counted[doc.id] = term_counts(doc, tokens[doc.id])
        return counted[doc.id]

    for series, i, j in links:
        a, b = docs[i], docs[j]
        row = rows[(i, j)]
        if detail is not None and b.id not in detail:
            out.append(YearOverYear(series, a.id, b.id, row.summary, row.shares, (), (), row.page))
            continue
        al = unpack(a, b, packed[(i, j)])
        new_w, old_w = _key_weights(counts(a), counts(b))
        out.append(
            YearOverYear(
                series=series,
                old=a.id,
                new=b.id,
                summary=row.summary,
                shares=row.shares,
                new_sentences=_significant(al, "b", tokens[b.id], new_w, top),
                dropped_sentences=_significant(al, "a", tokens[a.id], old_w, top),
                page=row.page,
            )
        )
    return tuple(out)
