"""What is new: each period of a series against the one before it, on one screen.

The report opens on the answer a reader wants the day a new speech comes out: what the
newest period (for an annual series, the newest document) added, dropped, revived and
reworded against the previous one, and how much of it continues. :func:`briefs` derives it
from a finished comparison -- it computes nothing the other sections do not show, so a
status here never contradicts the timeline it links to:

- **counts** -- for a series of one document per period, the link's aligned units:
  continues (same, moved), changed (changed, split, merged), new (added), dropped
  (removed) and the shares; for a series whose periods hold several documents (daily news
  by month), the clauses the period added, dropped and kept, and the most recurring added
  and dropped ones (see :mod:`corpuscompare.analyze.periods`).
- **slogans** -- the watch list's new, revived and dropped slogans: the status the slogan
  timeline gives the newer period (weak when the evidence is an absence from news
  summaries only).
- **phrases** -- mined recurring phrases present in the newer period and not in the older
  (new: never before in the series; revived: seen earlier), and the reverse (dropped);
  presence by period, as the phrase table's "now".
- **variants** -- slogans present in both periods whose formulation changed: the
  formulations used in the newer period and not in the older, and the reverse.
- **figures** -- targets of the newer period's last document against the older's
  (raised, lowered, reworded, new, dropped; unchanged ones are counted, not listed).
- **evidence** -- each link's most significant new and dropped sentences with the row of
  the diff page that shows them (``page#pN``).

Briefs are kept for the newest ``limit`` periods of each series, newest first; the main
series comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..model.alignment import Status
from ..model.brief import Brief, BriefLink, BriefTerm, Evidence, VariantChange
from ..model.figures import FigureChange
from ..model.findings import Presence, SloganTimeline, presence_status
from ..model.layout import Period, Series

if TYPE_CHECKING:
    from ..model.comparison import CorpusComparison, SignificantSentence, YearOverYear
    from ..model.results import PairDiff

__all__ = ["BRIEF_PERIODS", "briefs", "phrase_counts"]

#: Periods of each series that get a brief (the newest).
BRIEF_PERIODS = 40
#: Added and dropped clauses listed in a brief of a period of several documents.
CLAUSES_LISTED = 6
#: Mined phrases listed per status in a brief.
PHRASES_LISTED = 12
_SHOWN = (Presence.NEW, Presence.REVIVED, Presence.DROPPED)


FigureChanges = Callable[[str, str], Sequence[FigureChange]]


def briefs(
    c: CorpusComparison, figure_changes: FigureChanges | None = None, limit: int = BRIEF_PERIODS
) -> tuple[Brief, ...]:
    """A brief for each of the newest ``limit`` periods of each series of ``c`` (the main
    series first, newest first). ``figure_changes(old_id, new_id)`` gives the targets of one
    document against another's (None: no figures)."""
    main = c.layout.main.key
    ordered = sorted(c.layout.series, key=lambda s: (s.key != main, -len(s.documents), s.key))
    out: list[Brief] = []
    shares = {(r.old, r.new): r.formulation for r in c.continuity}
    for series in ordered:
        periods = [p for p in series.periods if p.documents]
        newest = range(len(periods) - 1, max(0, len(periods) - 1 - limit), -1)  # only the briefs kept
        counts = phrase_counts(c, periods)
        out += [_brief(c, series, periods, k, figure_changes, shares, counts) for k in newest]
    return tuple(out)


def _brief(
    c: CorpusComparison,
    series: Series,
    periods: list[Period],
    k: int,
    figs: FigureChanges | None,
    shares: dict[tuple[str, str], float],
    by_period: dict[str, list[int]],
) -> Brief:
    old, new = periods[k - 1], periods[k]
    period_change = next((p for p in c.periods if p.series == series.key and p.new == new.key), None)
    added: tuple[tuple[str, int], ...] = ()
    dropped: tuple[tuple[str, int], ...] = ()
    if period_change is not None:
        links: tuple[BriefLink, ...] = ()
        clauses: tuple[int, int, int] | None = period_change.counts
        page = period_change.page
        added = tuple((i.text, i.new_docs) for i in period_change.added[:CLAUSES_LISTED])
        dropped = tuple((i.text, i.old_docs) for i in period_change.dropped[:CLAUSES_LISTED])
    else:
        into = set(new.documents)
        links = tuple(_link(c, y, shares) for y in c.consecutive if y.series == series.key and y.new in into)
        clauses, page = None, (links[-1].page if links else None)
    changes: Sequence[FigureChange] = figs(old.documents[-1], new.documents[-1]) if figs else ()
    return Brief(
        series=series.key,
        old=old.key,
        new=new.key,
        old_documents=old.documents,
        new_documents=new.documents,
        news_summary=old.news_summary or new.news_summary,
        links=links,
        clauses=clauses,
        page=page,
        terms=(*_slogans(c, series.key, periods, k), *_phrases(periods, k, by_period)),
        variants=_variants(c, series.key, old, new),
        figures=tuple(f for f in changes if f.change != "unchanged"),
        figures_unchanged=sum(f.change == "unchanged" for f in changes),
        added_clauses=added,
        dropped_clauses=dropped,
        figure_rows=_figure_rows(c, links, [f for f in changes if f.change != "unchanged"]),
    )


def _figure_rows(
    c: CorpusComparison, links: tuple[BriefLink, ...], changes: list[FigureChange]
) -> tuple[int | None, ...]:
    """The diff row that shows each changed figure's clause (newer side; older if dropped)."""
    diff = c.diffs.get(links[-1].page) if links and links[-1].page else None
    out: list[int | None] = []
    for f in changes:
        row = None
        if diff is not None:
            side, value = ("b", f.new) if f.new is not None else ("a", f.old)
            clause = value.text if value is not None else ""
            texts = ((r, p.b_text if side == "b" else p.a_text) for r, p in enumerate(diff.pairs))
            row = next((r for r, text in texts if clause and clause in text), None)
        out.append(row)
    return tuple(out)


def _link(c: CorpusComparison, y: YearOverYear, shares: dict[tuple[str, str], float]) -> BriefLink:
    formulation = shares.get((y.old, y.new), 0.0)
    s = y.summary
    diff = c.diffs.get(y.page) if y.page else None
    return BriefLink(
        old=y.old,
        new=y.new,
        continues=s[Status.SAME] + s[Status.MOVED],
        changed=s[Status.CHANGED] + s[Status.SPLIT] + s[Status.MERGED],
        added=s[Status.ADDED],
        dropped=s[Status.REMOVED],
        continuing=y.shares.continuing,
        formulation=formulation,
        page=y.page,
        new_sentences=tuple(_evidence(y.new, s, diff, "b") for s in y.new_sentences),
        dropped_sentences=tuple(_evidence(y.old, s, diff, "a") for s in y.dropped_sentences),
    )


def _evidence(doc: str, s: SignificantSentence, diff: PairDiff | None, side: str) -> Evidence:
    row = None
    if diff is not None:
        row = next((r for r, p in enumerate(diff.pairs) if s.index in getattr(p, side)), None)
    return Evidence(doc, s.index, s.paragraph, s.text, row)


def _timelines(c: CorpusComparison, series: str) -> list[SloganTimeline]:
    """The series' own slogan timelines, or the corpus-wide ones for a corpus of one series."""
    if c.track is None:
        return []
    own = [s for s in c.track.slogans if s.series == series]
    if own or len(c.layout.series) > 1:
        return own
    return [s for s in c.track.slogans if s.series == "all"]


def _slogans(c: CorpusComparison, series: str, periods: list[Period], k: int) -> list[BriefTerm]:
    old, new = periods[k - 1].key, periods[k].key
    out = []
    for s in _timelines(c, series):
        status = s.status.get(new)
        if status not in _SHOWN or old not in s.counts:
            continue  # the timeline has no column for the older period: nothing to compare
        out.append(
            BriefTerm(
                text=s.phrase,
                kind="slogan",
                status=status,
                old=s.counts.get(old, 0),
                new=s.counts.get(new, 0),
                since=_since(status, [p.key for p in periods[:k]], lambda key, s=s: s.counts.get(key, 0) > 0),
                weak=new in s.weak,
            )
        )
    return out


def _since(status: Presence, before: list[str], present: Callable[[str], bool]) -> str | None:
    """Revived: the last period before that had it; dropped: the first of the run that ended."""
    if status == Presence.REVIVED:
        return next((key for key in reversed(before) if present(key)), None)
    if status == Presence.DROPPED:  # the start of the run that just ended
        start = None
        for key in reversed(before):
            if not present(key):
                break
            start = key
        return start
    return None


def phrase_counts(c: CorpusComparison, periods: Sequence[Period]) -> dict[str, list[int]]:
    """Occurrences of each mined phrase (not on the watch list) in each period, in order."""
    watched = {s.phrase for s in c.track.slogans} if c.track else set()
    return {
        p.phrase: [sum(p.counts.get(d, 0) for d in period.documents) for period in periods]
        for p in c.phrases.phrases
        if p.phrase not in watched
    }


def _phrases(periods: list[Period], k: int, by_period: dict[str, list[int]]) -> list[BriefTerm]:
    """Mined phrases whose presence changed at period ``k`` (``by_period``: see
    :func:`phrase_counts`); a phrase inside a longer one of the same status (新一轮科技 in
    新一轮科技革命) is not listed again."""
    keys = [p.key for p in periods]
    found: list[BriefTerm] = []
    for phrase, counts in by_period.items():
        status = presence_status([n > 0 for n in counts[: k + 1]])[k]
        if status in _SHOWN:
            present = dict(zip(keys, (n > 0 for n in counts), strict=True))
            since = _since(status, keys[:k], lambda key, present=present: present[key])
            found.append(BriefTerm(phrase, "phrase", status, counts[k - 1], counts[k], since))
    kept = [t for t in found if not any(t.text in o.text and t.text != o.text and o.status == t.status for o in found)]
    return [t for s in _SHOWN for t in [t for t in kept if t.status == s][:PHRASES_LISTED]]


def _variants(c: CorpusComparison, series: str, old: Period, new: Period) -> tuple[VariantChange, ...]:
    out = []
    before_docs, now_docs = set(old.documents), set(new.documents)
    for s in _timelines(c, series):
        if not s.counts.get(old.key) or not s.counts.get(new.key):
            continue  # new or dropped slogans are listed as such
        used_before = {v.text for v in s.variants if before_docs & set(v.docs)}
        used_now = {v.text for v in s.variants if now_docs & set(v.docs)}
        now, before = sorted(used_now - used_before), sorted(used_before - used_now)
        if now or before:
            out.append(VariantChange(s.phrase, tuple(now), tuple(before)))
    return tuple(out)
