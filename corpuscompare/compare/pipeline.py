"""Compare a whole corpus: every analysis the report shows, as one typed record.

- :func:`compare_corpus` -- a corpus -> :class:`~corpuscompare.model.comparison.CorpusComparison`:
  roles and series, the pairs to align, their diffs within the page budget, the
  year-over-year chains, phrases, slogans, themes, keyness, figures, prominence, period
  pages and the front page's briefs.

>>> from corpuscompare import compare_corpus, load_corpus
>>> comparison = compare_corpus(load_corpus("wic"))        # doctest: +SKIP
>>> comparison.consecutive[-1].shares.continuing           # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..align.batch import Progress, packed_stats, pairwise
from ..align.choice import pairs_to_align
from ..align.diff import joiner
from ..align.echo import echo_map
from ..align.features import FeatureSpace
from ..align.sentences import sentence_weights
from ..analyze.figures import extract, figure_changes, figures_result
from ..analyze.periods import period_changes, several_per_period
from ..analyze.phrases import mine_phrases
from ..analyze.prominence import prominence
from ..analyze.reuse import clause_keys, keys_share
from ..analyze.track import track
from ..corpus.segment import corpus_tokens
from ..model.comparison import COMPARISON_VERSION, ComparisonOptions, CorpusComparison, CorpusHeader, PairSummary
from ..model.document import Corpus, Document
from ..model.figures import FiguresResult
from ..model.findings import KEYNESS_PHRASE_TOP, PeriodChange, Phrase, PhraseOptions, TrackOptions
from ..model.layout import Layout
from ..model.results import EchoResult, PairDiff
from ..prepare.series import prepare
from ..runtime.cache import Cache
from ..runtime.progress import stage
from ..runtime.runner import Runner
from .brief import briefs
from .chains import chains, year_over_year
from .pages import PageCost, diffs_within_budget, page_name, period_page_name
from .results import (
    Tokens,
    counted_documents,
    echo_result,
    keyness_result,
    kwic,
    phrases_result,
    themes_result,
    track_result,
)

__all__ = ["compare_corpus"]


# --- one result per command --------------------------------------------------------------


# --- the whole corpus --------------------------------------------------------------------


def compare_corpus(
    corpus: Corpus,
    options: ComparisonOptions = ComparisonOptions(),
    cache: Cache | None = None,
    progress: Progress | None = None,
    page_cost: PageCost | None = None,
    runner: Runner | None = None,
) -> CorpusComparison:
    """Every analysis of ``corpus`` (see :class:`~corpuscompare.model.comparison.CorpusComparison`).

    Past ``options.all_pairs_limit`` documents, key terms and the most significant new and
    dropped sentences are kept for the newest ``options.detail_documents`` of each series.
    ``page_cost`` measures a pair's diff in bytes for the page budget (the report passes
    its renderer's measure; by default the size of the diff's rows in characters).
    ``runner`` is where segmentation and alignment run (default: local processes, one per
    core); the result does not depend on it, nor does the cache key. Up to
    :data:`~corpuscompare.align.choice.ALL_PAIRS_LIMIT` documents every pair is aligned,
    unless they come several to a period (daily news); beyond, or then, the pairs
    :func:`~corpuscompare.align.choice.pairs_to_align` chooses.
    """
    runner = runner or Runner()
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
        diffs = diffs_within_budget(docs, packed, tokens, options, page_cost or _row_chars, first)
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
        consecutive=year_over_year(docs, packed, tokens, rows, links, options.top_sentences, detail),
        layout=layout,
        diffs={page_name(docs[i], docs[j]): d for (i, j), d in diffs.items()},
        track=track_result(docs, tracking) if tracking else None,
        phrases=phrases_result(counted_documents(corpus, layout), phrase_list, options.phrases, layout),
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
    (``clauses``: each document's :func:`~corpuscompare.analyze.reuse.clause_keys`)."""
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
    return tuple(replace(p, page=period_page_name(p.series, p.old, p.new)) for p in period_changes(docs, layout))


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
