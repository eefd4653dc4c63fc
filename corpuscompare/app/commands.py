"""One library call per command: resolve the arguments, run the analysis, return a record.

- :func:`select_corpus` -- a corpus argument, ``--where``, ``--series``, ``--period`` ->
  the documents kept, with sentence roles, and their :class:`~corpuscompare.prepare.series.Layout`.
- :func:`check_strict` -- ``--strict``: a corpus with problems is an error.
- :func:`show_document` -- ``show``: one document with its tokens.
- :func:`diff_refs` -- ``diff``: two document references -> :class:`~corpuscompare.model.comparison.PairDiff`.
- :func:`resolve_focus`, :func:`echo_refs` -- ``align``: FOCUS and CORPUS -> an echo map.
- :func:`find_phrases`, :func:`track_slogans`, :func:`rate_themes`, :func:`key_terms` --
  ``phrases``, ``track``, ``themes``, ``keyness``.

The CLI parses options into the options records, calls one of these and renders what it
gets; everything a command decides lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from ..corpus.config import load_lexicon, load_watchlist
from ..corpus.load import (
    CONTEXT_DOCUMENTS,
    Scan,
    corpus_from_scan,
    is_jsonl,
    load_corpus,
    load_document,
    resolve_corpus,
    scan,
    select,
)
from ..errors import ConfigError, CorpusError, DocumentSelectionError, StrictError
from ..model.alignment import AlignOptions, MatchThresholds
from ..model.document import Corpus, Document, Problem
from ..model.figures import FiguresResult
from ..model.findings import KeynessOptions, PhraseOptions, ReuseResult
from ..model.layout import Layout, SeriesOptions
from ..model.results import (
    DocumentView,
    EchoResult,
    KeynessResult,
    KwicLine,
    PairDiff,
    PhrasesResult,
    ThemesResult,
    TrackResult,
)
from ..runtime.cache import Cache

__all__ = [
    "cached_track",
    "check_strict",
    "concordance",
    "diff_refs",
    "echo_refs",
    "find_figures",
    "find_phrases",
    "key_terms",
    "phrase_options",
    "rate_themes",
    "resolve_focus",
    "reuse_refs",
    "select_corpus",
    "show_document",
    "track_slogans",
]


def select_corpus(
    corpus_arg: str | Path | Scan,
    options: SeriesOptions = SeriesOptions(),
    cache: Cache | None = None,
) -> tuple[Corpus, Layout]:
    """Load a corpus (or build it from a :class:`~corpuscompare.corpus.load.Scan` already
    read), keep the documents ``options.where`` selects (``field=value`` or
    ``field!=value``, all must hold; an error when none are left), give sentences their
    roles, and lay the documents out in series, periods and witnesses."""
    from ..prepare.series import prepare

    corpus = corpus_from_scan(corpus_arg) if isinstance(corpus_arg, Scan) else load_corpus(corpus_arg)
    return prepare(corpus, options, cache=cache)


def check_strict(problems: Sequence[Problem], strict: bool, source: str) -> None:
    """``--strict``: raise :class:`~corpuscompare.errors.StrictError` when a file of
    ``source`` (a corpus path) was a problem."""
    if strict and problems:
        raise StrictError(f"{len(problems)} problem(s) in {source} (--strict)")


def load_with_roles(ref: str, keep_boilerplate: bool = False, cache: Cache | None = None) -> tuple[Corpus, Document]:
    """:func:`~corpuscompare.corpus.load.load_document`, the document's sentences with the roles
    its corpus gives them (recurrence is measured across the corpus, at most
    :data:`~corpuscompare.corpus.load.CONTEXT_DOCUMENTS` documents around it; a file given by
    its path is read alone)."""
    from ..model.document import RoleOptions
    from ..prepare.roles import assign_roles

    corpus, document = load_document(ref, context=CONTEXT_DOCUMENTS)
    docs = assign_roles(corpus.documents, RoleOptions(keep_boilerplate=keep_boilerplate), cache)
    corpus = replace(corpus, documents=docs)
    return corpus, corpus.get(document.id)


def show_document(ref: str, cache: Cache, keep_boilerplate: bool = False) -> DocumentView:
    """``show``: the document a reference names, its sentences' roles, its tokens (cached)."""
    from ..corpus.segment import corpus_dictionary, get_tokenizer, tokenize_document

    corpus, document = load_with_roles(ref, keep_boilerplate, cache)
    tokenizer = get_tokenizer(corpus_dictionary(corpus), cache.root)
    return DocumentView(corpus, document, tokenize_document(document, tokenizer, cache))


def _in_same_window(corpus: Corpus, ref: str) -> Document | None:
    """The document ``ref`` names when :func:`load_with_roles` would read it from the very
    documents ``corpus`` already holds (the same corpus, read whole): no second reading."""
    corpus_arg, at, key = ref.rpartition("@")
    if not at or Path(ref).exists():
        return None
    try:
        found = scan(corpus_arg or "wic")  # remembered: no second reading of the files
    except CorpusError:
        return None
    if found.shown != corpus.path or len(found.entries) != len(corpus.documents):
        return None
    return select(corpus, key)


def diff_refs(
    old: str, new: str, options: AlignOptions, cache: Cache, *, changes_only: bool = False, keep_boilerplate=False
) -> PairDiff:
    """``diff``: align two documents (file, ``CORPUS@ID`` or ``CORPUS@YEAR``) and diff
    their pairs, words kept whole with both corpora's dictionaries; shares count the
    speaker's text only (roles as their corpora give them)."""
    from ..align.diff import diff_documents
    from ..compare.results import pair_diff
    from ..corpus.segment import corpus_dictionary, get_tokenizer

    corpus_a, doc_a = load_with_roles(old, keep_boilerplate, cache)
    doc_b = _in_same_window(corpus_a, new)
    corpus_b, doc_b = (corpus_a, doc_b) if doc_b is not None else load_with_roles(new, keep_boilerplate, cache)
    words = tuple(dict.fromkeys(corpus_dictionary(corpus_a) + corpus_dictionary(corpus_b)))
    tokenizer = get_tokenizer(words, cache.root)
    alignment = diff_documents(doc_a, doc_b, options, tokenizer, cache)
    return pair_diff(alignment, options, changes_only=changes_only)


def reuse_refs(old: str, new: str, options: AlignOptions, cache: Cache, *, keep_boilerplate=False) -> ReuseResult:
    """``reuse``: the clauses of NEW that OLD has (see :mod:`corpuscompare.analyze.reuse`), beside
    the sentence alignment's continuing share of the same pair."""
    from ..align.diff import diff_documents
    from ..align.sentences import continuity
    from ..analyze.reuse import reuse
    from ..corpus.segment import corpus_dictionary, get_tokenizer

    corpus_a, doc_a = load_with_roles(old, keep_boilerplate, cache)
    doc_b = _in_same_window(corpus_a, new)
    corpus_b, doc_b = (corpus_a, doc_b) if doc_b is not None else load_with_roles(new, keep_boilerplate, cache)
    words = tuple(dict.fromkeys(corpus_dictionary(corpus_a) + corpus_dictionary(corpus_b)))
    alignment = diff_documents(doc_a, doc_b, options, get_tokenizer(words, cache.root), cache)
    return reuse(doc_a, doc_b, sentence_share=continuity(alignment).continuing)


def resolve_focus(args: Sequence[str]) -> tuple[Document, Corpus]:
    """``align [FOCUS] [CORPUS]``: FOCUS is a document reference (file, ``CORPUS@ID``,
    ``CORPUS@YEAR``) or an id or year in CORPUS; with one argument that is a corpus, its
    ``focus`` from corpus.yaml; with none, the focus of ``wic``."""
    if len(args) > 2:
        raise ConfigError("align takes at most FOCUS and CORPUS")
    if not args:
        args = ("wic",)
    if len(args) == 1:
        arg = args[0]
        if "@" in arg or (Path(arg).is_file() and not is_jsonl(Path(arg))):
            corpus, focus = load_document(arg)
            return focus, corpus
        corpus = load_corpus(arg)
        if not corpus.config.focus:
            raise DocumentSelectionError(f"{corpus.path} names no focus document in corpus.yaml; give FOCUS")
        return select(corpus, corpus.config.focus), corpus
    focus_arg, corpus_arg = args
    corpus = load_corpus(corpus_arg)
    try:
        resolve_corpus(focus_arg.rpartition("@")[0] or focus_arg)
        looks_like_ref = "@" in focus_arg or Path(focus_arg).is_file()
    except CorpusError:
        looks_like_ref = False
    if looks_like_ref:
        _, focus = load_document(focus_arg)
    else:
        focus = select(corpus, focus_arg)
    return focus, corpus


def echo_refs(
    args: Sequence[str],
    series: SeriesOptions = SeriesOptions(),
    thresholds: MatchThresholds = MatchThresholds(),
    cache: Cache | None = None,
    unit: str = "sentence",
) -> tuple[EchoResult, Corpus]:
    """``align``: the echo map of the focus :func:`resolve_focus` finds through the
    documents ``series`` selects, and its corpus. Only an explicit ``series.fields``
    narrows it to the focus's own series: by default a focus echoes in every series (other
    speakers quoting it is what an echo map is for). ``unit="clause"`` follows the focus's
    formulations instead of its sentences (:func:`~corpuscompare.analyze.reuse.clause_echo`)."""
    from ..align.echo import echo_map
    from ..align.features import FeatureSpace
    from ..compare.results import echo_result
    from ..prepare.series import filter_documents, prepare

    focus, corpus = resolve_focus(args)
    kept = filter_documents(corpus.documents, series.where) if series.where else list(corpus.documents)
    if not any(d.id != focus.id for d in kept):
        raise DocumentSelectionError(f"no other document of {corpus.path} passes --where {' '.join(series.where)}")
    pool = [d for d in kept if d.id != focus.id] + [focus]  # the focus is read with its corpus
    prepared, layout = prepare(replace(corpus, documents=tuple(pool)), replace(series, where=()), cache=cache)
    focus = prepared.get(focus.id)
    own = layout.series_of(focus.id) if series.fields is not None and len(layout.series) > 1 else None
    docs = [
        d
        for d in prepared.documents
        if d.id != focus.id and (own is None or d.id in own.documents or d.id in own.witnesses)
    ]
    if unit == "clause":
        from ..analyze.reuse import clause_echo

        return clause_echo(focus, docs, thresholds), corpus
    echo = echo_map(focus, docs, space=FeatureSpace(), thresholds=thresholds)
    return echo_result(echo, thresholds), corpus


def phrase_options(min_docs: int, min_len: int | None, max_len: int | None, top: int) -> PhraseOptions:
    """Phrase options from the command line: one length bound serves both units
    (characters for Chinese, words otherwise), each defaulting on its own."""
    if min_len is not None and max_len is not None and min_len > max_len:
        raise ConfigError("--min-len is larger than --max-len")
    d = PhraseOptions()
    return PhraseOptions(
        min_docs=min_docs,
        min_chars=min_len or d.min_chars,
        max_chars=max_len or d.max_chars,
        min_words=min_len or d.min_words,
        max_words=max_len or d.max_words,
        top=top,
    )


def find_phrases(corpus: Corpus, layout: Layout, options: PhraseOptions, cache: Cache) -> PhrasesResult:
    """``phrases``: recurring phrases of a corpus (statuses per series and period)."""
    from ..analyze.phrases import mine_phrases
    from ..compare.results import phrases_result
    from ..corpus.segment import corpus_tokens

    tokens = corpus_tokens(corpus, cache)
    counted = [d for d in corpus.documents if d.id in layout.counted]
    return phrases_result(counted, mine_phrases(corpus, tokens, options, layout), options, layout)


def track_slogans(
    corpus: Corpus,
    layout: Layout,
    slogans: Sequence[str] = (),
    watchlist: Path | None = None,
    *,
    by_period: bool = False,
    variants: bool = True,
) -> TrackResult:
    """``track``: the slogans given, plus those of a watch-list file; with neither, the
    corpus's own watch list."""
    from ..analyze.track import track
    from ..compare.results import track_result
    from ..model.findings import TrackOptions

    chosen = list(slogans) + (load_watchlist(watchlist) if watchlist else [])
    if not slogans and watchlist is None:
        chosen = list(corpus.config.slogans)
    tracking = track(corpus.documents, chosen, TrackOptions(by_period=by_period, variants=variants), layout)
    return track_result(corpus.documents, tracking)


def cached_track(
    corpus_arg: str | Path,
    series: SeriesOptions,
    slogans: Sequence[str] = (),
    watchlist: Path | None = None,
    *,
    by_period: bool = False,
    variants: bool = True,
    cache: Cache | None = None,
) -> tuple[TrackResult, tuple[Problem, ...]]:
    """``track`` through the cache: the result is stored under the hash of the raw files,
    corpus.yaml, the options, the watch list and the code, so a re-run reads the corpus
    but does not normalize, segment or count it again. Returns the problems of the scan."""
    from ..errors import ShapeError
    from ..model.serialize import from_data, to_data
    from ..runtime.keys import digest, entries_digest, source_fingerprint

    cache = cache or Cache(None)
    found = scan(corpus_arg)
    listed = load_watchlist(watchlist) if watchlist else []
    docs = entries_digest(found.entries)
    if not slogans and not listed and (watchlist is not None or not found.config.slogans):
        from ..analyze.track import EMPTY_WATCHLIST

        raise ConfigError(EMPTY_WATCHLIST)  # before the corpus is normalized and its roles found
    chosen = [list(slogans), listed, watchlist is not None]
    key = "track-" + digest(docs, asdict(found.config), asdict(series), chosen, by_period, variants)
    key += source_fingerprint()[:16]
    data = cache.get(key)
    if data is not None:
        try:
            return from_data(data, TrackResult), found.problems
        except ShapeError:
            pass
    corpus, layout = select_corpus(found, series, cache)  # the files as read for the key, not read again
    result = track_slogans(corpus, layout, slogans, watchlist, by_period=by_period, variants=variants)
    cache.put(key, to_data(result))
    return result, corpus.problems


def concordance(
    corpus: Corpus,
    term: str,
    *,
    regex: bool = False,
    period: str | None = None,
    width: int = 16,
    limit: int = 0,
) -> tuple[KwicLine, ...]:
    """``kwic``: lines of ``term`` (a regular expression with ``regex``) in the documents
    of ``period`` (a key such as ``2018``, ``2018-Q4``, ``2018-11``; None: all), sorted by
    date then position."""
    import re

    from ..compare.results import kwic
    from ..corpus.normalize import normalize_phrase
    from ..prepare.series import period_key

    pattern = None
    if regex:
        try:
            pattern = re.compile(term)
        except re.error as exc:
            raise ConfigError(f"--regex {term!r}: {exc}") from None
    elif not term.strip():
        raise ConfigError("give a term to look for")
    else:
        term = normalize_phrase(term, corpus.documents[0].lang if corpus.documents else "zh")
    docs = list(corpus.documents)
    if period:
        grain = "quarter" if "-Q" in period else ("year", "month", "day")[min(2, period.count("-"))]
        docs = [d for d in docs if period_key(d.date, grain) == period]
    return kwic(docs, term, width, limit, pattern=pattern)


def find_figures(corpus: Corpus, layout: Layout) -> FiguresResult:
    """``figures``: the figures of the counted documents; the changes of the newest document
    of the main series against the one before it."""
    from ..analyze.figures import figures_result

    counted = [d for d in corpus.documents if d.id in layout.counted]
    by_id = {d.id: d for d in corpus.documents}
    return figures_result(counted, [by_id[i] for i in layout.main.documents])


def rate_themes(corpus: Corpus, layout: Layout, lexicon: Path | None = None) -> ThemesResult:
    """``themes``: the rates of a lexicon file's themes, else of the corpus's own."""
    from ..compare.results import themes_result

    return themes_result(corpus, load_lexicon(lexicon) if lexicon else None, layout)


def key_terms(corpus: Corpus, layout: Layout, options: KeynessOptions, cache: Cache) -> KeynessResult:
    """``keyness``: ``options.doc`` and ``options.against`` may be ids, id prefixes or
    years; they are resolved to ids here."""
    from ..compare.results import keyness_result
    from ..corpus.segment import corpus_tokens

    target = select(corpus, options.doc).id if options.doc else None
    against = options.against if options.against in ("previous", "rest") else select(corpus, options.against).id
    tokens = corpus_tokens(corpus, cache)
    return keyness_result(corpus, tokens, replace(options, doc=target, against=against), layout=layout)
