"""``data.json`` of a report: the comparison, slimmed to a size limit for large corpora.

- :func:`slim` -- the comparison with rows dropped, in a documented order, until its JSON
  fits the limit; every count and share stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model.brief import newest_briefs
from ..model.comparison import CorpusComparison
from ..model.serialize import to_json

__all__ = ["slim"]


def slim(comparison: CorpusComparison, limit: int) -> CorpusComparison:
    """The comparison that ``data.json`` holds: all of it while its JSON stays under
    ``limit`` bytes; else it sheds, in four steps, what is kept elsewhere:

    1. keyword-in-context lines, always (the report's pages have them);
    2. the rows of distant pairs' diffs (year over year keeps them);
    3. the rows of every diff and the echo map's sentences (its reuse shares stay;
       matches in tables/echo.csv);
    4. at once: the continuity of every pair, the key terms, the variants' character
       diffs, the slogans' rates and standalone counts (tables/*.csv, index.html), the
       clauses of period changes (their pages; counts stay), the significant sentences of
       year-over-year pairs, every brief but the newest of each series (all are on
       index.html's front page), the parts' document lists (they repeat ``documents``),
       the diffs' own records (counts and shares stay in ``consecutive``) and the
       slogans' places (tables/prominence.csv).

    ``corpuscompare diff OLD NEW -f json`` gives any pair's rows and ``corpuscompare align
    -f json`` the echo map."""
    lean = replace(comparison, kwic={})
    if _size(lean) <= limit:
        return lean
    yearly = {c.page for c in comparison.consecutive if c.page}
    lean = replace(lean, diffs={k: d if k in yearly else replace(d, pairs=()) for k, d in lean.diffs.items()})
    if _size(lean) <= limit:
        return lean
    lean = replace(lean, diffs={k: replace(d, pairs=()) for k, d in lean.diffs.items()})
    if lean.echo is not None:
        lean = replace(lean, echo=replace(lean.echo, sentences=()))
    if _size(lean) <= limit:
        return lean
    track = lean.track
    if track is not None:
        slogans = tuple(
            replace(s, variants=tuple(replace(v, ops=()) for v in s.variants), rate={}, standalone={})
            for s in track.slogans
        )  # rates and standalone counts are in tables/slogans.csv
        track = replace(track, slogans=slogans)
    periods = tuple(replace(p, added=(), dropped=(), kept=()) for p in lean.periods)  # on their pages and in CSV
    briefs = tuple(newest_briefs(lean.briefs))
    consecutive = tuple(replace(y, new_sentences=(), dropped_sentences=()) for y in lean.consecutive)
    # each part's list of documents repeats the corpus' own (``documents``), which stays
    parts: dict[str, Any] = {
        "phrases": replace(lean.phrases, documents=()),
        "keyness": replace(lean.keyness, comparisons=(), documents=()),
    }
    for name in ("track", "themes", "figures", "echo"):
        part = track if name == "track" else getattr(lean, name)
        if part is not None:
            parts[name] = replace(part, documents=())
    return replace(
        lean, consecutive=consecutive, continuity=(), diffs={}, periods=periods, briefs=briefs, prominence=(), **parts
    )


def _size(record: Any) -> int:
    return len(to_json(record, indent=None).encode("utf-8"))
