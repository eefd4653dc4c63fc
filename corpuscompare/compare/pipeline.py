"""Compare a whole corpus: every analysis the report shows, as one typed record.

- :func:`compare_corpus` -- a corpus -> :class:`~corpuscompare.comparison.CorpusComparison`.
- :func:`pair_diff` -- an alignment with its ops -> :class:`~corpuscompare.comparison.PairDiff`.
- :func:`echo_result` -- an echo map -> :class:`~corpuscompare.comparison.EchoResult`.
- :func:`phrases_result`, :func:`track_result`, :func:`themes_result`,
  :func:`keyness_result` -- the results of ``phrases``, ``track``, ``themes``, ``keyness``.
- :func:`kwic` -- keyword-in-context lines of a term across documents.

The report and the commands share these functions, so they always agree (the report's
keyness is the ``keyness`` command's with its defaults).

>>> from corpuscompare import compare_corpus, load_corpus
>>> comparison = compare_corpus(load_corpus("wic"))        # doctest: +SKIP
>>> comparison.consecutive[-1].shares.continuing           # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..align.batch import Progress, packed_stats, pairwise, unpack
from ..align.choice import pairs_to_align
from ..align.diff import DIFFERING, diff_alignment, joiner
from ..align.echo import EchoMap, echo_map
from ..align.features import FeatureSpace
from ..align.sentences import continuity, sentence_weights
from ..analyze.figures import FiguresResult, extract, figure_changes, figure_edits, figures_result
from ..analyze.periods import PeriodChange, period_changes, several_per_period
from ..analyze.phrases import mine_phrases
from ..analyze.prominence import prominence
from ..analyze.reuse import Clause, clause_keys, clause_spans, keys_share, reused_spans, row_spans
from ..analyze.themes import keyness, log_likelihood, term_counts, theme_counts
from ..analyze.track import Tracking, TrackOptions, occurrences, track
from ..corpus.segment import corpus_tokens
from ..model.comparison import (
    COMPARISON_VERSION,
    ComparisonOptions,
    CorpusComparison,
    CorpusHeader,
    DiffRow,
    EchoMatch,
    EchoResult,
    EchoSentence,
    KeynessResult,
    KwicLine,
    PairDiff,
    PairSummary,
    PhrasesResult,
    Reuse,
    SignificantSentence,
    ThemesResult,
    TrackResult,
    TrackUnit,
    YearOverYear,
)
from ..model.document import Alignment, AlignOptions, Corpus, Document, MatchThresholds, Role, Status
from ..model.findings import KEYNESS_PHRASE_MIN, KEYNESS_PHRASE_TOP, KeynessOptions, Phrase, PhraseOptions
from ..prepare.series import Layout, prepare
from ..runtime.cache import Cache
from ..runtime.progress import stage
from ..runtime.runner import Runner
from .brief import briefs

__all__ = [
    "compare_corpus",
    "echo_result",
    "keyness_result",
    "kwic",
    "page_name",
    "pair_diff",
    "phrases_result",
    "slug",
    "themes_result",
    "track_result",
]

Tokens = Mapping[str, Sequence[Sequence[str]]]
#: Bytes a diff would take on a page; the report passes its renderer's measure.
PageCost = Callable[[PairDiff], int]


# --- one result per command --------------------------------------------------------------


#: Rows whose sentences were rewritten: reuse and figure changes are marked inside them.
REWRITTEN = frozenset({Status.CHANGED, Status.SPLIT, Status.MERGED})


def pair_diff(
    alignment: Alignment,
    options: AlignOptions,
    *,
    changes_only: bool = False,
    clauses: tuple[Sequence[Clause], Sequence[Clause]] | None = None,
) -> PairDiff:
    """The ``diff`` record of an alignment (its ops filled by :mod:`corpuscompare.diff`);
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
    docs = _counted(corpus, layout)
    before = previous_in_series(layout) if layout is not None else None
    series = theme_counts(docs, terms, before) if terms else []
    return ThemesResult(documents=tuple(d.summary() for d in docs), themes=tuple(series))


def _counted(corpus: Corpus, layout: Layout | None) -> list[Document]:
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
    :data:`~corpuscompare.records.KEYNESS_PHRASE_MIN` characters or more count as terms
    (the best :data:`~corpuscompare.records.KEYNESS_PHRASE_TOP`, mined here unless given).
    ``previous`` is the document before in the same series; witnesses are left out."""
    multiword: list[Phrase] = []
    if options.phrases:
        if phrases is None:
            phrases = mine_phrases(corpus, tokens, PhraseOptions(top=KEYNESS_PHRASE_TOP), layout)
        multiword = [p for p in phrases if len(p.phrase) >= KEYNESS_PHRASE_MIN]
    docs = _counted(corpus, layout)
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


# --- the whole corpus --------------------------------------------------------------------


def page_name(a: Document, b: Document) -> str:
    """Key (and file name of the side-by-side page) of the diff of a pair: unique for
    distinct ids (an id that :func:`slug` changes carries a hash of itself, so ``2016-b?c``
    and ``2016-b_c`` get two pages)."""
    return f"diff-{_page_part(a.id)}-{_page_part(b.id)}.html"


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


def _diffs_within_budget(
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


def _year_over_year(docs, packed, tokens: Tokens, rows: dict, links, top: int, detail=None) -> tuple[YearOverYear, ...]:
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


def compare_corpus(
    corpus: Corpus,
    options: ComparisonOptions = ComparisonOptions(),
    cache: Cache | None = None,
    progress: Progress | None = None,
    page_cost: PageCost | None = None,
    runner: Runner | None = None,
) -> CorpusComparison:
    """Every analysis of ``corpus`` (see :class:`~corpuscompare.comparison.CorpusComparison`).

    Past ``options.all_pairs_limit`` documents, key terms and the most significant new and
    dropped sentences are kept for the newest ``options.detail_documents`` of each series.
    ``page_cost`` measures a pair's diff in bytes for the page budget (the report passes
    its renderer's measure; by default the size of the diff's rows in characters).
    ``runner`` is where segmentation and alignment run (default: local processes, as many
    as ``options.jobs``); the result does not depend on it. Up to
    :data:`~corpuscompare.selection.ALL_PAIRS_LIMIT` documents every pair is aligned,
    unless they come several to a period (daily news); beyond, or then, the pairs
    :func:`~corpuscompare.selection.pairs_to_align` chooses.
    """
    runner = runner or Runner(jobs=options.jobs)
    cache = cache or Cache(None)
    tick = progress or (lambda stage, done, total: None)
    corpus, layout, tokens = _segmented(corpus, options, cache, runner, tick)
    docs = list(corpus.documents)
    n = len(docs)
    links = chains(docs, layout)
    index = {d.id: k for k, d in enumerate(docs)}
    beside = [tuple(sorted((index[w.of], index[w.id]))) for w in layout.witnesses]
    first = [(i, j) for _, i, j in links] + beside
    with stage(tick, "choosing pairs to align"):
        all_pairs = _chosen_pairs(docs, first, layout, options, runner)
    detail = _detailed(layout, options) if n > options.all_pairs_limit else None
    packed = pairwise(docs, all_pairs, options.align, cache, runner, progress)
    with stage(tick, "diffing pairs"):
        clauses = [clause_keys(d) for d in docs]  # formulation shares of every pair (a page finds its own clauses)
        diffs = _diffs_within_budget(docs, packed, tokens, options, page_cost or _row_chars, first)
        rows = _pair_rows(docs, all_pairs, packed, diffs, clauses)
    with stage(tick, "mining phrases"):
        phrase_list, keyness_phrases = _mine(corpus, tokens, options.phrases, layout)
    tick("tracking slogans and themes", 0, 1)
    slogans = list(corpus.config.slogans)
    tracking = track(docs, slogans, TrackOptions(by_period=True), layout) if slogans else None
    focus = next((d for d in docs if d.id == corpus.config.focus), None)
    echo = _echo(focus, docs, options) if focus is not None and n > 1 else None
    watched = list(dict.fromkeys(t.phrase for t in tracking.slogans)) if tracking else []
    figures, target_changes = _figures(docs, layout, runner)
    terms = watched + [p.phrase for p in phrase_list[: options.kwic_phrases] if p.phrase not in watched]
    comparison = CorpusComparison(
        version=COMPARISON_VERSION,
        corpus=CorpusHeader(corpus.name, corpus.path, corpus.config.description, focus.id if focus else None),
        documents=tuple(d.summary() for d in docs),
        problems=corpus.problems,
        options=options,
        continuity=tuple(rows[p] for p in all_pairs),
        consecutive=_year_over_year(docs, packed, tokens, rows, links, options.top_sentences, detail),
        layout=layout,
        diffs={page_name(docs[i], docs[j]): d for (i, j), d in diffs.items()},
        track=track_result(docs, tracking) if tracking else None,
        phrases=phrases_result(_counted(corpus, layout), phrase_list, options.phrases, layout),
        themes=themes_result(corpus, layout=layout) if corpus.config.themes else None,
        keyness=keyness_result(corpus, tokens, options.keyness, keyness_phrases, layout, keep=detail),
        echo=echo,
        kwic={t: kwic(docs, t, options.kwic_width, options.kwic_lines) for t in terms},
        joiner=joiner(docs[0].lang) if docs else "",
        periods=_period_pages(docs, layout),
        figures=figures,
    )
    main = [docs[index[i]] for i in layout.main.documents]
    comparison = replace(comparison, briefs=briefs(comparison, target_changes), prominence=prominence(main, watched))
    tick("tracking slogans and themes", 1, 1)
    return comparison


def _segmented(corpus: Corpus, options: ComparisonOptions, cache: Cache, runner: Runner, tick: Progress):
    """The corpus with its roles, its layout and its tokens (two stages of progress)."""
    n = len(corpus.documents)
    with stage(tick, "deciding sentence roles", n):
        corpus, layout = prepare(corpus, options.series, cache=cache, runner=runner)
    segmented = [0]

    def doc_progress(k: int) -> None:
        segmented[0] += k
        tick("segmenting documents", segmented[0], n)

    tick("segmenting documents", 0, n)
    return corpus, layout, corpus_tokens(corpus, cache, doc_progress, runner)


def _echo(focus: Document, docs: Sequence[Document], options: ComparisonOptions) -> EchoResult:
    """The focus document's echo map."""
    return echo_result(echo_map(focus, docs, options.align, FeatureSpace(), thresholds=options.match), options.match)


def _detailed(layout: Layout, options: ComparisonOptions) -> set[str]:
    """Documents that keep their key terms and significant sentences in a large corpus:
    the newest ``options.detail_documents`` of each series (the report stays readable and
    bounded; counts and shares are kept for every document)."""
    return {i for s in layout.series for i in s.documents[-options.detail_documents :]}


def _figures(
    docs: Sequence[Document], layout: Layout, runner: Runner
) -> tuple[FiguresResult, Callable[[str, str], Any]]:
    """Figures of the counted documents (extracted on ``runner``), the newest of the main
    series against the one before; and the comparison of any two documents' targets (for
    the briefs)."""
    by_id = {d.id: d for d in docs}
    counted = [d for d in docs if d.id in layout.counted]
    extracted = dict(zip((d.id for d in counted), runner.map(_extract, range(len(counted)), tuple(counted))))

    def changes(old: str, new: str) -> Any:
        return figure_changes(by_id[old], by_id[new], extracted) if old in extracted and new in extracted else ()

    return figures_result(counted, [by_id[i] for i in layout.main.documents], extracted), changes


def _extract(docs: tuple[Document, ...], k: int) -> list:
    """The figures of document ``k`` (a runner's task)."""
    return extract(docs[k])


def _chosen_pairs(docs, first, layout: Layout, options: ComparisonOptions, runner: Runner) -> list[tuple[int, int]]:
    """The pairs to align: all of them for a series of a few documents a period (annual
    reports: the continuity matrix); daily news (several a period) has its period pages
    instead, and its n^2 pairs would outgrow the text."""
    matrix = len(docs) <= options.all_pairs_limit and not any(several_per_period(s) for s in layout.series)
    return pairs_to_align(docs, first, options.all_pairs_limit if matrix else 0, runner)


def _pair_rows(docs, pairs, packed, diffs, clauses) -> dict[tuple[int, int], PairSummary]:
    """The continuity row of each aligned pair: counts, sentence shares, formulation share
    (``clauses``: each document's :func:`~corpuscompare.reuse.clause_keys`)."""
    weights = [sentence_weights(d) for d in docs]
    rows = {}
    for i, j in pairs:
        counts, shares = packed_stats(packed[(i, j)], weights[i], weights[j])
        page = page_name(docs[i], docs[j]) if (i, j) in diffs else None
        formulation = keys_share(clauses[i], clauses[j])
        rows[(i, j)] = PairSummary(docs[i].id, docs[j].id, j - i, counts, shares, page, formulation)
    return rows


def _period_pages(docs: Sequence[Document], layout: Layout) -> tuple[PeriodChange, ...]:
    """Period over period, each change with the name of its page."""
    return tuple(
        replace(p, page=f"period-{_page_part(p.series)}-{_page_part(p.old)}-{_page_part(p.new)}.html")
        for p in period_changes(docs, layout)
    )


def _mine(
    corpus: Corpus, tokens: Tokens, options: PhraseOptions, layout: Layout
) -> tuple[list[Phrase], list[Phrase] | None]:
    """The report's phrases and, when one mining gives both, the phrases keyness counts
    (ranking does not depend on ``top``: the first 60 of 2,000 are the top 60)."""
    keyness_options = PhraseOptions(top=KEYNESS_PHRASE_TOP)
    if replace(options, top=KEYNESS_PHRASE_TOP) != keyness_options or options.top == 0:
        return mine_phrases(corpus, tokens, options, layout), None
    mined = mine_phrases(corpus, tokens, replace(options, top=max(options.top, KEYNESS_PHRASE_TOP)), layout)
    return mined[: options.top], mined[:KEYNESS_PHRASE_TOP]


def _row_chars(diff: PairDiff) -> int:
    return sum(len(r.a_text) + len(r.b_text) for r in diff.pairs)
