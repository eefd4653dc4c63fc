"""One result per command, built from its analysis: the commands and the report share these
functions, so they always agree (the report's keyness is the ``keyness`` command's with its
defaults).

- :func:`pair_diff` -- an alignment with its ops -> :class:`~corpuscompare.model.results.PairDiff`.
- :func:`echo_result` -- an echo map -> :class:`~corpuscompare.model.results.EchoResult`.
- :func:`phrases_result`, :func:`track_result`, :func:`themes_result`,
  :func:`keyness_result` -- the results of ``phrases``, ``track``, ``themes``, ``keyness``.
- :func:`kwic` -- keyword-in-context lines of a term across documents.
- :func:`previous_in_series` -- each document's predecessor in its series.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..align.diff import joiner
from ..align.sentences import continuity
from ..analyze.figures import figure_edits
from ..analyze.keyness import keyness
from ..analyze.phrases import mine_phrases
from ..analyze.reuse import reused_spans, row_spans
from ..analyze.themes import theme_counts
from ..analyze.track import occurrences
from ..corpus.clauses import clause_spans
from ..model.alignment import Alignment, AlignOptions, EchoMap, MatchThresholds, Status
from ..model.document import Clause, Corpus, Document, Role
from ..model.findings import KEYNESS_PHRASE_MIN, KEYNESS_PHRASE_TOP, KeynessOptions, Phrase, PhraseOptions, Tracking
from ..model.layout import Layout
from ..model.results import (
    DiffRow,
    EchoMatch,
    EchoResult,
    EchoSentence,
    KeynessResult,
    KwicLine,
    PairDiff,
    PhrasesResult,
    Reuse,
    ThemesResult,
    TrackResult,
    TrackUnit,
)

__all__ = [
    "Tokens",
    "echo_result",
    "keyness_result",
    "kwic",
    "pair_diff",
    "phrases_result",
    "previous_in_series",
    "themes_result",
    "track_result",
]


Tokens = Mapping[str, Sequence[Sequence[str]]]


#: Rows whose sentences were rewritten: reuse and figure changes are marked inside them.
REWRITTEN = frozenset({Status.CHANGED, Status.SPLIT, Status.MERGED})


def pair_diff(
    alignment: Alignment,
    options: AlignOptions,
    *,
    changes_only: bool = False,
    clauses: tuple[Sequence[Clause], Sequence[Clause]] | None = None,
) -> PairDiff:
    """The ``diff`` record of an alignment (its ops filled by :mod:`corpuscompare.align.diff`);
    ``changes_only`` leaves ``same`` rows out (counts and shares stay those of all rows)."""
    a, b = alignment.a, alignment.b
    ja, jb = joiner(a.lang), joiner(b.lang)
    if a.lang != b.lang:
        spans = {}
    else:
        old_clauses, new_clauses = clauses if clauses is not None else (clause_spans(a), clause_spans(b))
        spans = reused_spans(old_clauses, new_clauses)
    rows = []
    for p in alignment.pairs:
        if changes_only and p.status == Status.SAME:
            continue
        a_text, b_text = ja.join(a.sentences[i].text for i in p.a), jb.join(b.sentences[j].text for j in p.b)
        rewritten = p.status in REWRITTEN
        rows.append(
            DiffRow(
                status=p.status,
                a=p.a,
                b=p.b,
                a_text=a_text,
                b_text=b_text,
                similarity=p.similarity,
                ops=p.ops,
                role=_row_role([a.sentences[i] for i in p.a] + [b.sentences[j] for j in p.b]),
                a_shown=_shown(a, p.a, ja),
                b_shown=_shown(b, p.b, jb),
                reused=row_spans(spans, b, p.b, jb) if rewritten or p.status == Status.ADDED else (),
                figures=figure_edits(a_text, b_text, b.lang) if rewritten and a.lang == b.lang else (),
            )
        )
    notes = ()
    if a.lang != b.lang:
        notes = (f"languages differ (OLD {a.lang}, NEW {b.lang}): no sentence can match",)
    return PairDiff(
        a=a.summary(),
        b=b.summary(),
        notes=notes,
        pairs=tuple(rows),
        summary=alignment.summary(),
        shares=continuity(alignment),
        options=options,
    )


def _shown(doc: Document, indices, glue: str) -> str:
    """The sentences as the source writes them, joined; empty when that is the normalized
    text itself (the JSON does not repeat it)."""
    shown = glue.join(doc.shown(doc.sentences[i]) for i in indices)
    return "" if shown == glue.join(doc.sentences[i].text for i in indices) else shown


def _row_role(sentences) -> Role:
    """``text`` when one of the sentences is text, else the first one's role."""
    if not sentences or any(s.is_text for s in sentences):
        return Role.TEXT
    return sentences[0].role


def echo_result(echo: EchoMap, thresholds: MatchThresholds = MatchThresholds()) -> EchoResult:
    """The ``align`` record of an echo map."""
    docs = echo.documents
    sentences = []
    for s, row in zip(echo.focus.sentences, echo.matches):
        matches = {
            doc.id: EchoMatch(
                similarity=m.similarity,
                index=m.index,
                text=doc.shown(doc.sentences[m.index]) if m.index is not None else None,
                status=m.status,
            )
            for doc, m in zip(docs, row)
        }
        sentences.append(
            EchoSentence(index=s.index, text=echo.focus.shown(s), noise=s.is_noise, matches=matches, role=s.role)
        )
    return EchoResult(
        focus=echo.focus.summary(),
        documents=tuple(d.summary() for d in docs),
        sentences=tuple(sentences),
        reuse={k: Reuse(of_focus=v[0], of_doc=v[1]) for k, v in sorted(echo.reuse.items())},
        thresholds=thresholds,
    )


def phrases_result(
    documents: Sequence[Document], phrases: Sequence[Phrase], options: PhraseOptions, layout: Layout | None = None
) -> PhrasesResult:
    """The ``phrases`` record."""
    return PhrasesResult(
        documents=tuple(d.summary() for d in documents), options=options, phrases=tuple(phrases), layout=layout
    )


def _track_units(units) -> tuple[TrackUnit, ...]:
    return tuple(
        TrackUnit(
            key=u.key,
            year=u.year,
            documents=tuple(d.id for d in u.documents),
            news_summary=u.summary_only,
            size=u.size,
        )
        for u in units
    )


def track_result(documents: Sequence[Document], tracking: Tracking) -> TrackResult:
    """The ``track`` record."""
    return TrackResult(
        documents=tuple(d.summary() for d in documents),
        period=tracking.layout.period if tracking.options.by_period else None,
        units=_track_units(tracking.units),
        slogans=tracking.slogans,
        series={k: _track_units(v) for k, v in tracking.series_units.items()},
        layout=tracking.layout,
    )


def themes_result(
    corpus: Corpus, lexicon: Mapping[str, Sequence[str]] | None = None, layout: Layout | None = None
) -> ThemesResult:
    """The ``themes`` record: ``lexicon``, else the corpus's own; witnesses left out."""
    terms = lexicon if lexicon is not None else corpus.config.themes
    docs = counted_documents(corpus, layout)
    before = previous_in_series(layout) if layout is not None else None
    series = theme_counts(docs, terms, before) if terms else []
    return ThemesResult(documents=tuple(d.summary() for d in docs), themes=tuple(series))


def counted_documents(corpus: Corpus, layout: Layout | None) -> list[Document]:
    """The documents that count (witnesses left out), in corpus order."""
    if layout is None:
        return list(corpus.documents)
    counted = layout.counted
    return [d for d in corpus.documents if d.id in counted]


def previous_in_series(layout: Layout) -> dict[str, str | None]:
    """Each counted document's predecessor in its series (None for a series' first)."""
    out: dict[str, str | None] = {}
    for series in layout.series:
        ids = series.documents
        out.update({doc: (ids[k - 1] if k else None) for k, doc in enumerate(ids)})
    return out


def keyness_result(
    corpus: Corpus,
    tokens: Tokens,
    options: KeynessOptions = KeynessOptions(),
    phrases: Sequence[Phrase] | None = None,
    layout: Layout | None = None,
    keep: set[str] | None = None,
) -> KeynessResult:
    """The ``keyness`` record. With ``options.phrases``, mined phrases of
    :data:`~corpuscompare.model.findings.KEYNESS_PHRASE_MIN` characters or more count as terms
    (the best :data:`~corpuscompare.model.findings.KEYNESS_PHRASE_TOP`, mined here unless given).
    ``previous`` is the document before in the same series; witnesses are left out."""
    multiword: list[Phrase] = []
    if options.phrases:
        if phrases is None:
            phrases = mine_phrases(corpus, tokens, PhraseOptions(top=KEYNESS_PHRASE_TOP), layout)
        multiword = [p for p in phrases if len(p.phrase) >= KEYNESS_PHRASE_MIN]
    docs = counted_documents(corpus, layout)
    comparisons = keyness(
        docs,
        tokens,
        options,
        phrases=multiword,
        stopwords=frozenset(corpus.config.stopwords),
        previous=previous_in_series(layout) if layout is not None else None,
        only=keep,
    )
    return KeynessResult(documents=tuple(d.summary() for d in docs), options=options, comparisons=tuple(comparisons))


def kwic(
    docs: Sequence[Document], term: str, width: int, limit: int, *, pattern: re.Pattern[str] | None = None
) -> tuple[KwicLine, ...]:
    """Keyword-in-context lines of ``term`` (or of a regular expression's matches): the
    first occurrence in every document, then the rest, ``limit`` lines at most (0: all),
    shown sorted by date then position (``docs`` are in corpus order); ``width`` characters
    (Chinese) or words of context a side."""
    firsts, rest = [], []
    for k_doc, doc in enumerate(docs):
        text = doc.text.replace("\n", " ")
        shown = doc.shown_text.replace("\n", " ")  # the same length: shown as the source writes it
        if pattern is None:
            spans = occurrences(text, term)
        else:
            spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
        for k, (a, b) in enumerate(spans):
            if doc.lang == "zh":
                left, right = shown[max(0, a - width) : a], shown[b : b + width]
            else:  # a bounded window: no quadratic split of the whole text before each match
                left = " ".join(shown[max(0, a - 40 * width) : a].split()[-width:])
                right = " ".join(shown[b : b + 40 * width].split()[:width])
            line = KwicLine(doc.id + ("†" if doc.is_summary else ""), doc.year, left, shown[a:b], right)
            (firsts if k == 0 else rest).append(((k_doc, a), line))
    chosen = firsts + rest
    chosen = chosen[:limit] if limit else chosen
    return tuple(line for _, line in sorted(chosen, key=lambda item: item[0]))
