"""Pages of a report: their names, and which pairs get a side-by-side diff within the budget.

- :func:`page_name`, :func:`period_page_name` -- file names unique by construction (an id
  that :func:`slug` changes carries a hash of itself).
- :func:`diffs_within_budget` -- full diffs of the pairs that fit the page budget: chains
  first, newest first, then nearer pairs before farther ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from ..align.batch import unpack
from ..align.diff import DIFFERING, diff_alignment
from ..model.alignment import Status
from ..model.comparison import ComparisonOptions
from ..model.document import Document
from ..model.results import PairDiff
from .results import Tokens, pair_diff

__all__ = ["PageCost", "diffs_within_budget", "page_name", "period_page_name", "slug"]


#: Bytes a diff would take on a page; the report passes its renderer's measure.
PageCost = Callable[[PairDiff], int]


def page_name(a: Document, b: Document) -> str:
    """Key (and file name of the side-by-side page) of the diff of a pair: unique for
    distinct ids (an id that :func:`slug` changes carries a hash of itself, so ``2016-b?c``
    and ``2016-b_c`` get two pages)."""
    return f"diff-{_page_part(a.id)}-{_page_part(b.id)}.html"


def period_page_name(series: str, old: str, new: str) -> str:
    """File name of the page of a period-over-period change (unique as :func:`page_name`)."""
    return f"period-{_page_part(series)}-{_page_part(old)}-{_page_part(new)}.html"


def _page_part(doc_id: str) -> str:
    safe = slug(doc_id)
    return safe if safe == doc_id else f"{safe}~{hashlib.sha256(doc_id.encode()).hexdigest()[:8]}"


def slug(text: str) -> str:
    """``text`` with everything but letters, digits and ``-_.`` as ``_``: safe in a file name."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text)


def _estimated_cost(a: Document, b: Document, packed) -> int:
    """A quick, slightly generous estimate of a pair's page bytes, from the texts alone."""
    chars = sum(len(s.text) for s in b.sentences) + sum(
        len(a.sentences[i].text) for u in packed if u.status != Status.SAME for i in u.a
    )
    return int(chars * 1.2 * 4 / 3) + 9000  # gzip leaves ~1.2 bytes a Chinese character


def diffs_within_budget(
    docs: Sequence[Document],
    packed,
    tokens: Tokens,
    options: ComparisonOptions,
    cost: PageCost,
    first: Sequence[tuple[int, int]] = (),
) -> dict[tuple[int, int], PairDiff]:
    """Full diffs of the pairs that fit the page budget: the pairs ``first`` (chains of the
    series, witnesses beside their full texts; newest first), then the others nearer before
    farther, newer before older."""
    diffs: dict[tuple[int, int], PairDiff] = {}
    budget = options.page_budget
    newest_first = sorted(first, key=lambda p: -p[1])  # if the budget cannot hold every chain, the oldest go
    order = list(dict.fromkeys([*newest_first, *sorted(packed, key=lambda p: (p[1] - p[0], -p[1]))]))
    for i, j in order:
        if (i, j) in diffs or _estimated_cost(docs[i], docs[j], packed[(i, j)]) > budget:
            continue  # no diff is computed for a page that cannot fit
        al = unpack(docs[i], docs[j], packed[(i, j)])
        full = diff_alignment(al, tokens[docs[i].id], tokens[docs[j].id], DIFFERING)
        full = diff_alignment(full, statuses=(Status.SAME, Status.ADDED, Status.REMOVED))
        diff = pair_diff(full, options.align)  # its clauses found for the page alone
        size = cost(diff)
        if size > budget:
            continue
        budget -= size
        diffs[(i, j)] = diff
        if budget <= 0:
            break
    return diffs
