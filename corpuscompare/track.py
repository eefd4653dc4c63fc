"""Slogan timelines: counts, nesting, statuses and formulation drift of a watch list.

Index:

- :func:`occurrences` -- exact occurrences of a slogan in normalized text.
- :class:`TrackOptions`, :func:`track` -- the whole timeline -> :class:`Tracking`.
- :func:`find_variants` -- near-identical formulations around a slogan, grouped, with diffs.

Counting rules (why they are what they are):

- Counts are taken on the normalized raw text (transcript noise blanked), never on jieba tokens: jieba splits
  网络空间命运共同体, and a dictionary entry for the long form would hide the nested short
  one (命运共同体). Chinese: non-overlapping substring occurrences (``str.count``); other
  languages: case-insensitive, on word boundaries.
- ``counts`` are all occurrences, nested ones included; ``standalone`` leaves out those
  inside an occurrence of a longer slogan of the same watch list.
- Rates are per 10,000 characters (Chinese; white space not counted) or words.
- A unit is a counted document of a series, or with ``by_period`` a period of it (counts
  and sizes summed; see :mod:`corpuscompare.series`: witnesses are not counted, gaps are
  not units). Timelines run per series (plus ``all`` when there are several). Statuses
  per unit are those of :func:`~corpuscompare.phrases.presence_status`. An absence in a
  unit made only of news summaries is *weak* evidence: summaries quote selectively.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .diff import diff_texts
from .errors import ConfigError
from .features import match_key, similarity
from .models import DiffOp, Document
from .normalize import HAN_RE, normalize_phrase, term_pattern
from .phrases import presence_status
from .records import SloganTimeline, Variant
from .series import Layout, Series, single_layout

__all__ = [
    "SloganTimeline",
    "TrackOptions",
    "Tracking",
    "Unit",
    "Variant",
    "find_variants",
    "occurrences",
    "track",
]


@dataclass(frozen=True)
class TrackOptions:
    """How tracking groups documents and looks for variants."""

    by_period: bool = False
    """Aggregate the documents of a period (the layout's: year, month ...) into one unit."""
    variants: bool = True
    """Look for near-identical formulations around each slogan."""
    variant_similarity: float = 0.7
    """Two contexts at least this similar (wording) are one formulation's variants."""
    mutation: float = 0.8
    """A clause without the slogan whose best window is this similar holds a mutated form."""
    context: int = 18
    """Longest stretch (characters, or words) kept on each side of a slogan in a variant."""


@dataclass(frozen=True)
class Unit:
    """A column of the timeline: one document, or all documents of one year."""

    key: str
    """Document id, or the year as a string."""
    year: int | None
    documents: tuple[Document, ...]
    size: int
    """Characters (Chinese) or words: what rates are per."""

    @property
    def summary_only(self) -> bool:
        return all(d.is_summary for d in self.documents)


@dataclass(frozen=True)
class Tracking:
    """The result of :func:`track`."""

    units: tuple[Unit, ...]
    """Columns of the whole corpus (every series), in order."""
    slogans: tuple[SloganTimeline, ...]
    """One timeline per slogan and series (``all`` first when there are several series)."""
    layout: Layout
    """Series, periods and witnesses the timelines follow."""
    series_units: Mapping[str, tuple[Unit, ...]] = field(default_factory=dict)
    """Columns of each series."""
    options: TrackOptions = field(default_factory=TrackOptions)


def _units(series: Series, docs: Mapping[str, Document], by_period: bool) -> tuple[Unit, ...]:
    """Timeline columns of a series: its periods, or its counted documents."""
    if not by_period:
        return tuple(Unit(i, docs[i].year, (docs[i],), docs[i].size) for i in series.documents)
    return tuple(
        Unit(p.key, int(p.key[:4]) if p.key[:4].isdigit() else None, tuple(docs[i] for i in p.documents), p.size)
        for p in series.periods
    )


# --- counting ----------------------------------------------------------------------------


def countable_text(doc: Document) -> str:
    """``doc.text`` with transcript noise blanked (same length, offsets hold): a slogan is
    counted in every role but ``noise``.

    >>> from corpuscompare.corpus import build_document
    >>> text = countable_text(build_document("d", "d.txt", "We thank you. (Applause.) Thank you.", {}))
    >>> text.split()
    ['We', 'thank', 'you.', 'Thank', 'you.']
    """
    if not any(s.noise for s in doc.sentences):
        return doc.text
    chars, pos = list(doc.text), 0
    for s in doc.sentences:
        at = doc.text.find(s.text, pos)
        if at < 0:
            continue
        pos = at + len(s.text)
        for a, b in s.noise:
            chars[at + a : at + b] = " " * (b - a)
    return "".join(chars)


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Non-overlapping exact occurrences of ``phrase`` (already normalized) in ``text``.

    >>> occurrences("构建网络空间命运共同体，推动构建人类命运共同体", "命运共同体")
    [(6, 11), (18, 23)]
    """
    if not phrase:
        return []
    return [m.span() for m in term_pattern((phrase,)).finditer(text)]


def _standalone(spans: list[tuple[int, int]], longer: list[list[tuple[int, int]]]) -> int:
    covers = sorted(span for spans_t in longer for span in spans_t)
    n = 0
    for a, b in spans:
        if not any(s <= a and b <= e for s, e in covers):
            n += 1
    return n


def track(
    documents: Sequence[Document],
    slogans: Sequence[str],
    options: TrackOptions = TrackOptions(),
    layout: Layout | None = None,
) -> Tracking:
    """Follow each slogan through ``documents`` (in corpus order), series by series.

    ``layout`` (from :func:`corpuscompare.series.prepare`) gives the series, periods and
    witnesses; witnesses are not counted. Without one, the documents are one series by year.
    """
    phrases = list(dict.fromkeys(p for p in (normalize_phrase(s) for s in slogans) if p))
    if not phrases:
        raise ConfigError("the watch list is empty: give --slogan, --watchlist FILE or 'slogans' in corpus.yaml")
    layout = layout or single_layout(documents)
    docs = {d.id: d for d in documents}
    counted = [docs[i] for i in layout.whole.documents]
    texts = {d.id: countable_text(d) for d in counted}
    spans = {(phrase, d.id): occurrences(texts[d.id], phrase) for d in counted for phrase in phrases}
    parts = {d.id: clauses(d) for d in counted} if options.variants else {}
    # a series of one unit has no timeline of its own (its documents count in ``all``)
    several = [g for g in layout.series if len(_units(g, docs, options.by_period)) > 1]
    groups = [layout.whole, *several] if len(layout.series) > 1 else [layout.whole]
    series_units = {g.key: _units(g, docs, options.by_period) for g in groups}
    timelines = []
    for phrase in phrases:
        longer = [p for p in phrases if p != phrase and phrase in p]
        variants = find_variants(counted, phrase, options, parts) if options.variants else ()
        for g in groups:
            timelines.append(_timeline(phrase, g.key, series_units[g.key], spans, longer, variants))
            variants = ()  # listed once, on the first timeline of the slogan
    return Tracking(
        units=_units(layout.whole, docs, options.by_period),
        slogans=tuple(timelines),
        layout=layout,
        series_units=series_units,
        options=options,
    )


def _timeline(phrase: str, series: str, units, spans, longer, variants) -> SloganTimeline:
    counts, standalone, rate, present = {}, {}, {}, []
    for unit in units:
        c = n = 0
        for doc in unit.documents:
            own = spans[(phrase, doc.id)]
            c += len(own)
            n += _standalone(own, [spans[(p, doc.id)] for p in longer]) if longer else len(own)
        counts[unit.key], standalone[unit.key] = c, n
        rate[unit.key] = round(c * 10000 / unit.size, 2) if unit.size else 0.0
        present.append(c > 0)
    status = presence_status(present)
    years_in = sorted({u.year for u, p in zip(units, present) if p and u.year is not None})
    all_years = sorted({u.year for u in units if u.year is not None})
    last = max((k for k, p in enumerate(present) if p), default=None)
    return SloganTimeline(
        phrase=phrase,
        series=series,
        counts=counts,
        standalone=standalone,
        rate=rate,
        status={u.key: st for u, st in zip(units, status)},
        weak=tuple(u.key for u, st in zip(units, status) if st in ("dropped", "absent") and u.summary_only),
        first_year=years_in[0] if years_in else None,
        last_year=years_in[-1] if years_in else None,
        last=units[last].key if last is not None else None,
        years_present=tuple(years_in),
        years_absent=tuple(y for y in all_years if y not in years_in),
        variants=variants,
    )


# --- variants ----------------------------------------------------------------------------

# Clauses for variant contexts: punctuation, quotes, brackets and dashes end them.
_CLAUSE = re.compile(r"[^，。；！？：,.;!?:\n“”\"《》（）()——]+")
_SOFT_EDGE = "、 "


def clauses(doc: Document) -> list[str]:
    """The clauses of a document, as variant contexts see them."""
    return [c.group(0).strip() for c in _CLAUSE.finditer(doc.text) if c.group(0).strip()]


def _contexts(parts: list[str], phrase: str, width: int) -> list[str]:
    """The clause around each occurrence, cut to ``width`` characters on either side."""
    out = []
    for text in parts:
        if phrase not in text and not (phrase.isascii() and phrase.lower() in text.lower()):
            continue
        for a, b in occurrences(text, phrase):
            out.append(_window(text, a, b, width))
    return out


def _window(text: str, a: int, b: int, width: int) -> str:
    """``text[a:b]`` with up to ``width`` characters each side; a cut edge moves to the
    nearest ``、`` or space inside the window, so variants rarely start mid-word."""
    lo, hi = max(0, a - width), min(len(text), b + width)
    if lo > 0:
        cuts = [k for k in range(lo, a) if text[k] in _SOFT_EDGE]
        if cuts:
            lo = cuts[0] + 1
    if hi < len(text):
        cuts = [k for k in range(b, hi) if text[k] in _SOFT_EDGE]
        if cuts:
            hi = cuts[-1]
    return text[lo:hi].strip(" 　、")


def _mutations(parts: list[str], phrase: str, options: TrackOptions) -> list[str]:
    """Clauses that hold a near-identical form of the slogan but not the slogan itself.

    One batched rapidfuzz pass finds the candidate clauses; only those are aligned.
    """
    from rapidfuzz import fuzz, process

    out = []
    cutoff = options.mutation * 100
    pool = [t for t in parts if phrase not in t and len(t) >= len(phrase) - 1]
    for text, _, _ in process.extract(phrase, pool, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None):
        hit = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=cutoff)
        if hit is None:
            continue
        window = text[hit.dest_start : hit.dest_end]
        # the window must differ by a word or so, not be a fragment of the slogan
        if len(window) >= len(phrase) - 1 and similarity(window, phrase) >= options.mutation:
            out.append(_window(text, hit.dest_start, hit.dest_end, options.context))
    return out


def find_variants(
    documents: Sequence[Document],
    phrase: str,
    options: TrackOptions = TrackOptions(),
    parts: Mapping[str, list[str]] | None = None,
) -> tuple[Variant, ...]:
    """Near-identical formulations of (or around) ``phrase``, grouped, earliest first.

    Contexts are the clauses around each occurrence (and, for slogans of five or more
    characters, clauses holding a form of the slogan one word off). Contexts whose wording
    is at least ``variant_similarity`` alike fall into one group; only groups with more
    than one distinct text are formulation drift and are returned, each variant with its
    documents, its first year and a character diff from the group's first variant.

    >>> from corpuscompare import load_corpus
    >>> v = find_variants(load_corpus("wic").documents, "互联网治理体系")
    >>> [(x.first_year, x.text) for x in v if "多边" in x.text][:2]
    [(2014, '建立多边、民主、透明的国际互联网治理体系'), (2015, '建立多边、民主、透明的全球互联网治理体系')]
    """
    found: dict[str, list[Document]] = {}
    mutate = len(phrase) >= 5 and bool(HAN_RE.search(phrase))
    parts = parts if parts is not None else {d.id: clauses(d) for d in documents}
    for doc in documents:
        texts = _contexts(parts[doc.id], phrase, options.context)
        if mutate:
            texts += _mutations(parts[doc.id], phrase, options)
        for text in texts:
            found.setdefault(text, [])
            if doc not in found[text]:
                found[text].append(doc)
    if not found:
        return ()
    lang = documents[0].lang if documents else "zh"
    order = {d.id: k for k, d in enumerate(documents)}
    texts = sorted(found, key=lambda t: (min(order[d.id] for d in found[t]), t))
    groups: list[list[str]] = []
    keys = {t: match_key(t, lang) for t in texts}
    for text in texts:
        for group in groups:
            if any(similarity(keys[text], keys[member]) >= options.variant_similarity for member in group):
                group.append(text)
                break
        else:
            groups.append([text])
    variants: list[Variant] = []
    number = 0
    for group in groups:
        if len(group) < 2:
            continue
        head = group[0]
        for text in group:
            docs = found[text]
            years = [d.year for d in docs if d.year is not None]
            variants.append(
                Variant(
                    text=text,
                    docs=tuple(d.id for d in docs),
                    first_year=min(years) if years else None,
                    group=number,
                    ops=diff_texts(head, text) if text != head else (DiffOp("equal", text),),
                )
            )
        number += 1
    return tuple(variants)
