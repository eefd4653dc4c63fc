"""Period over period: what a month of daily news added, dropped and kept against the month
before, clause by clause.

For a series whose periods hold several documents each (daily news read by month), a
document-by-document diff says little: every day is new. What changes from period to
period is which formulations *recur*. Each text sentence (frame spans cut out) is split
into clauses at ``，；：、`` and sentence ends; a clause counts once per document
(document frequency). Between two consecutive periods of a series:

- **added** -- in at least ``min_docs`` documents of the newer period, in none of the older;
  ``first`` says whether the series never had it before;
- **dropped** -- in at least ``min_docs`` documents of the older period, in none of the newer;
- **kept** -- in at least ``min_docs`` documents of each.

Items are ranked by document frequency (then first appearance) and the top ``top`` of each
kind are kept, each with the ids of the first documents it occurs in. The work streams over
periods: two periods' counts and one set of 8-byte clause digests are in memory at a time.

>>> clauses("国家主席习近平16日下午在人民大会堂东门外广场举行仪式，欢迎挪威国王哈拉尔五世对我国进行国事访问。", "zh")
['国家主席习近平16日下午在人民大会堂东门外广场举行仪式', '欢迎挪威国王哈拉尔五世对我国进行国事访问']

(a line of 新闻联播, 2018-10-16, frame cut; clauses under six characters are left out)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..corpus.clauses import clauses
from ..model.document import Document, Role
from ..model.findings import PERIOD_TOP, PeriodChange, PeriodItem
from ..model.layout import Layout, Series
from ..runtime.keys import digest64, in_sorted

__all__ = ["period_changes", "several_per_period"]

DOCS_SHOWN = 5


def _text(doc: Document) -> list[str]:
    return [s.clean for s in doc.sentences if s.role == Role.TEXT]


def several_per_period(series: Series) -> bool:
    """True when the series' periods typically hold several documents (daily news by
    month), where period-over-period says more than document-over-document."""
    sizes = sorted(len(p.documents) for p in series.periods)
    return len(sizes) >= 2 and sizes[len(sizes) // 2] >= 2


class _Seen:
    """The clauses of the earlier periods, as their 64-bit digests in sorted arrays (8 bytes
    a clause: a set of them costs ten times that, and daily news brings a million). Each
    period's digests come as one array, merged into the one before it while that one is
    of the same power of two or less: the arrays' sizes fall by powers of two (O(log n)
    arrays), and a digest is merged O(log n) times (one array re-sorted every period made
    years of daily news quadratic)."""

    def __init__(self) -> None:
        self._runs: list[np.ndarray] = []

    def update(self, texts) -> None:
        run = np.unique(np.fromiter((digest64(t) for t in texts), np.uint64))
        while self._runs and len(self._runs[-1]).bit_length() <= len(run).bit_length():
            run = np.union1d(self._runs.pop(), run)
        self._runs.append(run)

    def __contains__(self, text: str) -> bool:
        digest = np.array([digest64(text)], np.uint64)
        return any(in_sorted(run, digest)[0] for run in self._runs)


def period_changes(
    docs: Sequence[Document], layout: Layout, *, top: int = PERIOD_TOP, min_docs: int = 2
) -> tuple[PeriodChange, ...]:
    """Every series with several documents per period: each period against the previous."""
    by_id = {d.id: d for d in docs}
    out = []
    for series in layout.series:
        if not several_per_period(series):
            continue
        seen = _Seen()
        prev_key, prev_df, prev_where, prev_n = None, Counter(), {}, 0
        for period in series.periods:
            df: Counter[str] = Counter()
            where: dict[str, list[str]] = {}
            for doc_id in period.documents:
                doc = by_id[doc_id]
                for clause in dict.fromkeys(c for t in _text(doc) for c in clauses(t, doc.lang)):
                    df[clause] += 1
                    ids = where.setdefault(clause, [])
                    if len(ids) < DOCS_SHOWN:
                        ids.append(doc_id)
            if prev_key is not None:
                out.append(
                    _change(
                        series.key,
                        prev_key,
                        period.key,
                        prev_n,
                        len(period.documents),
                        prev_df,
                        prev_where,
                        df,
                        where,
                        seen,
                        top,
                        min_docs,
                    )
                )
            seen.update(prev_df)
            prev_key, prev_df, prev_where, prev_n = period.key, df, where, len(period.documents)
    return tuple(out)


def _change(series, old, new, old_n, new_n, old_df, old_where, df, where, seen, top, min_docs) -> PeriodChange:
    order = {c: k for k, c in enumerate(df)}
    old_order = {c: k for k, c in enumerate(old_df)}
    added = sorted((c for c, n in df.items() if n >= min_docs and c not in old_df), key=lambda c: (-df[c], order[c]))
    dropped = sorted(
        (c for c, n in old_df.items() if n >= min_docs and c not in df), key=lambda c: (-old_df[c], old_order[c])
    )
    kept = sorted(
        (c for c, n in df.items() if n >= min_docs and old_df.get(c, 0) >= min_docs),
        key=lambda c: (-(df[c] + old_df[c]), order[c]),
    )
    return PeriodChange(
        series=series,
        old=old,
        new=new,
        old_documents=old_n,
        new_documents=new_n,
        added=tuple(PeriodItem(c, 0, df[c], tuple(where[c]), c not in seen) for c in added[:top]),
        dropped=tuple(PeriodItem(c, old_df[c], 0, tuple(old_where[c])) for c in dropped[:top]),
        kept=tuple(PeriodItem(c, old_df[c], df[c], tuple(where[c])) for c in kept[:top]),
        counts=(len(added), len(dropped), len(kept)),
    )
