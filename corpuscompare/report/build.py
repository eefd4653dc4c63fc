"""The continuity-and-change report: every analysis of a corpus, as one JSON-able model.

Index:

- :class:`ReportOptions` -- what the report computes (thresholds, how much to show).
- :func:`report_model` -- corpus -> the model dict that every output is rendered from.
- :func:`pairwise` -- sentence alignment of every pair of documents, cached per pair and
  spread over processes.
- :func:`model_key` -- what a whole model depends on, from the raw files (no normalizing).

What the model holds (the keys of ``data.json``): ``corpus``, ``documents``, ``problems``,
``continuity`` (every pair: share of the newer continuing the older), ``consecutive``
(year over year: counts, shares, most significant new and dropped sentences, page),
``diffs`` (the ``diff`` JSON of every pair that gets a page), ``track``, ``phrases``,
``themes``, ``keyness``, ``echo`` (the ``align`` JSON of the focus document) and ``kwic``
(keyword-in-context lines for every slogan and top phrase).

Caching: tokens per document and alignments per pair are cached under the hash of their
inputs and settings; the whole model is cached under :func:`model_key`, so a re-run with
nothing changed only renders.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..align import FeatureSpace, align_packed, echo_map, sentence_weights, unit_shares
from ..cache import Cache
from ..diff import DIFFERING, diff_alignment, joiner
from ..models import STATUSES, AlignedPair, Alignment, AlignOptions, Corpus, Document
from ..phrases import PhraseOptions, mine_phrases
from ..segment import corpus_tokens
from ..themes import keyness, log_likelihood, term_counts, theme_counts
from ..track import TrackOptions, occurrences, track
from . import compare, trends

__all__ = ["ReportOptions", "build_report", "model_key", "pairwise", "report_model"]

#: Bump when the model's shape or an analysis changes (the source fingerprint also counts).
MODEL_VERSION = "1"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReportOptions:
    """What the report computes and how much of it it shows."""

    align: AlignOptions = field(default_factory=AlignOptions)
    """Sentence-alignment thresholds (as for ``diff``)."""
    phrases: PhraseOptions = field(default_factory=lambda: PhraseOptions(top=60))
    """Phrase mining; the report lists the top ones."""
    top_sentences: int = 3
    """Most significant new and dropped sentences shown per consecutive pair."""
    keyness_top: int = 10
    """Key terms per document (over- and under-used, each)."""
    kwic_lines: int = 25
    """Keyword-in-context lines kept per slogan or phrase."""
    kwic_width: int = 16
    """Characters (Chinese) or words of context on each side."""
    kwic_phrases: int = 50
    """Top mined phrases that get keyword-in-context lines (every slogan does)."""
    page_budget: int = 3_150_000
    """Bytes of diff pages at most: consecutive pairs first, then nearer pairs before farther;
    a pair past the budget gets the command that makes its page instead."""
    jobs: int = 0
    """Processes for the pairwise alignment (0: one per CPU)."""


def _sha(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


_SOURCE_FINGERPRINT: str | None = None


def source_fingerprint() -> str:
    """Hash of the package's own code and templates: a changed analysis never reuses a cache."""
    global _SOURCE_FINGERPRINT
    if _SOURCE_FINGERPRINT is None:
        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha256(MODEL_VERSION.encode())
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".html", ".css", ".js") and "__pycache__" not in path.parts:
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
        _SOURCE_FINGERPRINT = h.hexdigest()
    return _SOURCE_FINGERPRINT


def model_key(entries: Sequence[Any], config: Any, options: ReportOptions) -> str:
    """What a whole report model depends on: the raw documents, corpus.yaml, the options
    and the code. Computed from a scan, before anything is normalized."""
    docs = [(e.id, e.path, e.body, e.meta, e.markdown) for e in entries]
    return "model-" + _sha(docs, asdict(config), asdict(options), source_fingerprint())


# --- pairwise alignment ------------------------------------------------------------------


_FINGERPRINTS: dict[int, tuple[Document, str]] = {}


def _fingerprint(doc: Document) -> str:
    """Hash of what an alignment of ``doc`` depends on (memoized per document object)."""
    known = _FINGERPRINTS.get(id(doc))
    if known is not None and known[0] is doc:
        return known[1]
    value = _sha(doc.lang, [s.text for s in doc.sentences], [s.is_noise for s in doc.sentences])
    _FINGERPRINTS[id(doc)] = (doc, value)
    return value


def _align_key(a: Document, b: Document, options: AlignOptions) -> str:
    return "align-" + _sha(_fingerprint(a), _fingerprint(b), asdict(options), source_fingerprint())


def _valid(a: Document, b: Document, packed: Any) -> bool:
    """A packed alignment covers every sentence of both documents exactly once."""
    try:
        a_idx = [i for unit in packed for i in unit[1]]
        b_idx = [j for unit in packed for j in unit[2]]
        na, nb = len(a.sentences), len(b.sentences)
        return (
            len(a_idx) == na == len(set(a_idx))
            and len(b_idx) == nb == len(set(b_idx))
            and (not na or (min(a_idx) == 0 and max(a_idx) == na - 1))
            and (not nb or (min(b_idx) == 0 and max(b_idx) == nb - 1))
            and all(unit[0] in STATUSES and 0.0 <= float(unit[3]) <= 1.0 for unit in packed)
        )
    except (TypeError, ValueError, IndexError):
        return False


def unpack(a: Document, b: Document, packed: list) -> Alignment:
    """The full :class:`~corpuscompare.models.Alignment` of a packed one."""
    pairs = tuple(AlignedPair(st, tuple(ia), tuple(jb), float(sim)) for st, ia, jb, sim in packed)
    return Alignment(a=a, b=b, pairs=pairs)


_WEIGHTS: dict[int, tuple[Document, list[int]]] = {}


def _weights(doc: Document) -> list[int]:
    """Characters of each sentence (noise: 0), memoized per document object."""
    known = _WEIGHTS.get(id(doc))
    if known is None or known[0] is not doc:
        known = (doc, sentence_weights(doc))
        _WEIGHTS[id(doc)] = known
    return known[1]


def packed_stats(a: Document, b: Document, packed: list) -> tuple[dict[str, int], dict[str, float]]:
    """Counts per status and continuity shares (as :func:`~corpuscompare.align.continuity`)
    straight from a packed alignment, without building its records."""
    counts = dict.fromkeys(STATUSES, 0)
    for unit in packed:
        counts[unit[0]] += 1
    shares = unit_shares(packed, _weights(a), _weights(b))
    return counts, shares


_WORK: dict[str, Any] = {}


def _worker_init(docs: list[Document], options: AlignOptions) -> None:
    space = FeatureSpace()
    for doc in docs:
        space.features(doc)
    _WORK.update(docs=docs, space=space, options=options)


def _worker_align(pair: tuple[int, int]) -> tuple[tuple[int, int], list]:
    docs = _WORK["docs"]
    i, j = pair
    return pair, align_packed(docs[i], docs[j], _WORK["options"], _WORK["space"])


def pairwise(
    docs: Sequence[Document],
    pairs: Sequence[tuple[int, int]],
    options: AlignOptions,
    cache: Cache,
    jobs: int = 0,
    progress: Progress | None = None,
) -> dict[tuple[int, int], list]:
    """Packed alignments (``[status, [OLD], [NEW], similarity]`` per unit) of ``docs[i]``
    (OLD) and ``docs[j]`` (NEW) for each pair; :func:`unpack` gives the full record.

    Cached per pair (an entry that does not cover both documents is recomputed); the
    missing ones are computed in ``jobs`` processes (fork) when there are enough of them.
    Every process first builds features for all documents in corpus order, so results
    never depend on how the work was split.
    """
    out: dict[tuple[int, int], list] = {}
    todo = []
    for pair in pairs:
        i, j = pair
        got = cache.get(_align_key(docs[i], docs[j], options))
        if got is not None and _valid(docs[i], docs[j], got):
            out[pair] = got
        else:
            todo.append(pair)
    done = len(out)
    if progress:
        progress("aligning pairs", done, len(pairs))
    workers = jobs or os.cpu_count() or 1
    if len(todo) >= 40 and workers > 1 and hasattr(os, "fork"):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_worker_init, initargs=(list(docs), options)
        ) as ex:
            for pair, packed in ex.map(_worker_align, todo, chunksize=max(1, len(todo) // (workers * 8))):
                i, j = pair
                out[pair] = packed
                cache.put(_align_key(docs[i], docs[j], options), packed)
                done += 1
                if progress:
                    progress("aligning pairs", done, len(pairs))
    else:
        space = FeatureSpace()
        for doc in docs:
            space.features(doc)
        for pair in todo:
            i, j = pair
            packed = align_packed(docs[i], docs[j], options, space)
            out[pair] = packed
            cache.put(_align_key(docs[i], docs[j], options), packed)
            done += 1
            if progress:
                progress("aligning pairs", done, len(pairs))
    return out


# --- the model ---------------------------------------------------------------------------


def page_name(a: Document, b: Document) -> str:
    """File name of the side-by-side diff page of a pair."""
    return f"diff-{_slug(a.id)}-{_slug(b.id)}.html"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text)


def _significant(
    alignment: Alignment, side: str, tokens: Sequence[Sequence[str]], weights: dict[str, float], top: int
) -> list[dict[str, Any]]:
    """The added (side ``b``) or removed (``a``) sentences that carry most key terms."""
    doc = alignment.b if side == "b" else alignment.a
    status = "added" if side == "b" else "removed"
    scored = []
    for p in alignment.pairs:
        if p.status != status:
            continue
        for k in p.b if side == "b" else p.a:
            s = doc.sentences[k]
            if s.is_noise:
                continue
            score = sum(weights.get(t if doc.lang == "zh" else t.lower(), 0.0) for t in tokens[k])
            scored.append((-round(score, 6), -len(s.text), k, s.text))
    scored.sort()
    return [{"index": k, "text": text, "score": -score} for score, _, k, text in scored[:top]]


def _key_weights(old_counts, old_total, new_counts, new_total) -> tuple[dict[str, float], dict[str, float]]:
    """G² of each term over-used in NEW (first dict) and in OLD (second)."""
    new_w, old_w = {}, {}
    for term in set(new_counts) | set(old_counts):
        a, b = new_counts.get(term, 0), old_counts.get(term, 0)
        g2 = log_likelihood(a, b, new_total, old_total)
        if new_total and old_total and a / new_total > b / old_total:
            new_w[term] = g2
        elif new_total and old_total:
            old_w[term] = g2
    return new_w, old_w


def _kwic(docs: Sequence[Document], phrase: str, width: int, limit: int) -> list[list[Any]]:
    """Keyword-in-context lines: first occurrence in every document, then the rest, in order.
    A line from a news summary carries a † after the document id."""
    firsts, rest = [], []
    for doc in docs:
        text = doc.text.replace("\n", " ")
        for k, (a, b) in enumerate(occurrences(text, phrase)):
            if doc.lang == "zh":
                left, right = text[max(0, a - width) : a], text[b : b + width]
            else:
                left = " ".join(text[:a].split()[-width:])
                right = " ".join(text[b:].split()[:width])
            line = [doc.id + ("†" if doc.is_summary else ""), doc.year, left, text[a:b], right]
            (firsts if k == 0 else rest).append(line)
    return (firsts + rest)[:limit]


def report_model(
    corpus: Corpus,
    options: ReportOptions = ReportOptions(),
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every analysis of ``corpus``: see the module docstring for the keys."""
    cache = cache or Cache(None)
    docs = list(corpus.documents)
    n = len(docs)

    def tick(stage: str, done: int, total: int) -> None:
        if progress:
            progress(stage, done, total)

    done_docs = [0]

    def doc_progress(k: int) -> None:
        done_docs[0] += k
        tick("segmenting documents", done_docs[0], n)

    tokens = corpus_tokens(corpus, cache, doc_progress)
    all_pairs = [(i, j) for j in range(n) for i in range(j)]
    packed = pairwise(docs, all_pairs, options.align, cache, options.jobs, progress)

    # continuity of every pair
    pair_rows = []
    for i, j in all_pairs:
        counts, shares = packed_stats(docs[i], docs[j], packed[(i, j)])
        pair_rows.append(
            {"old": docs[i].id, "new": docs[j].id, "distance": j - i, "summary": counts, "shares": shares, "page": None}
        )
    row_of = {(r["old"], r["new"]): r for r in pair_rows}

    # which pairs get a page: consecutive first, then by distance, within the size budget
    counted = {d.id: term_counts(d, tokens[d.id]) for d in docs}
    diffs: dict[str, Any] = {}
    pages: dict[tuple[int, int], str] = {}
    budget = options.page_budget
    for distance in range(1, n):
        for i in range(n - distance):
            j = i + distance
            if _page_cost(docs[i], docs[j], packed[(i, j)]) > budget:
                continue  # cheap estimate first: no diff is computed for a page that cannot fit
            al = unpack(docs[i], docs[j], packed[(i, j)])
            full = diff_alignment(al, tokens[docs[i].id], tokens[docs[j].id], DIFFERING)
            full = diff_alignment(full, statuses=("same", "added", "removed"))
            data = compare.diff_data(full, options.align)
            cost = page_size(data)
            if cost > budget:
                continue
            budget -= cost
            name = page_name(docs[i], docs[j])
            pages[(i, j)] = name
            diffs[name] = data
            row_of[(docs[i].id, docs[j].id)]["page"] = name
        if budget <= 0:
            break

    # year over year
    consecutive = []
    for i in range(n - 1):
        j = i + 1
        al = unpack(docs[i], docs[j], packed[(i, j)])
        (old_c, old_t), (new_c, new_t) = counted[docs[i].id], counted[docs[j].id]
        new_w, old_w = _key_weights(old_c, old_t, new_c, new_t)
        consecutive.append(
            {
                "old": docs[i].id,
                "new": docs[j].id,
                "summary": row_of[(docs[i].id, docs[j].id)]["summary"],
                "shares": row_of[(docs[i].id, docs[j].id)]["shares"],
                "new_sentences": _significant(al, "b", tokens[docs[j].id], new_w, options.top_sentences),
                "dropped_sentences": _significant(al, "a", tokens[docs[i].id], old_w, options.top_sentences),
                "page": pages.get((i, j)),
            }
        )

    tick("tracking slogans and themes", 0, 1)
    phrase_list = mine_phrases(corpus, tokens, options.phrases)
    slogans = list(corpus.config.slogans)
    tracking = track(docs, slogans, TrackOptions()) if slogans else None
    series = theme_counts(docs, corpus.config.themes) if corpus.config.themes else []
    key = keyness(
        docs,
        tokens,
        against="previous",
        phrases=[p for p in phrase_list if len(p.phrase) >= 4],
        stopwords=frozenset(corpus.config.stopwords),
        top=options.keyness_top,
    )
    focus = next((d for d in docs if d.id == corpus.config.focus), None)
    echo = compare.align_data(echo_map(focus, docs, options.align)) if focus is not None and n > 1 else None
    kwic_terms = list(dict.fromkeys([*(t.phrase for t in tracking.slogans)] if tracking else []))
    kwic_terms += [p.phrase for p in phrase_list[: options.kwic_phrases] if p.phrase not in kwic_terms]
    kwic = {t: _kwic(docs, t, options.kwic_width, options.kwic_lines) for t in kwic_terms}
    tick("tracking slogans and themes", 1, 1)
    return {
        "version": MODEL_VERSION,
        "corpus": {
            "name": corpus.name,
            "path": corpus.path,
            "description": corpus.config.description,
            "focus": focus.id if focus is not None else None,
        },
        "documents": [d.summary() for d in docs],
        "problems": [p.as_dict() for p in corpus.problems],
        "options": asdict(options),
        "continuity": pair_rows,
        "consecutive": consecutive,
        "diffs": diffs,
        "track": trends.track_data(docs, tracking) if tracking else None,
        "phrases": trends.phrases_data(docs, phrase_list, options.phrases),
        "themes": trends.themes_data(docs, series) if series else None,
        "keyness": trends.keyness_data(key, docs),
        "echo": echo,
        "kwic": kwic,
        "joiner": joiner(docs[0].lang) if docs else "",
    }


def build_report(
    corpus_arg: str | Path,
    out_dir: Path | None = None,
    *,
    options: ReportOptions = ReportOptions(),
    cache: Cache | None = None,
    progress: Progress | None = None,
    force: bool = False,
):
    """``corpuscompare report``: analyse a corpus (or take the cached analysis), render and
    write the report. Returns the :class:`~corpuscompare.report.write.Written` record and
    the problems met while reading the corpus."""
    from ..corpus import corpus_from_scan, scan
    from .write import generated_date, render_files, write_report

    cache = cache or Cache(None)
    found = scan(corpus_arg)
    key = model_key(found.entries, found.config, options) if found.entries else None
    # the rendered files depend on the model and on SOURCE_DATE_EPOCH only
    files_key = "files-" + _sha(key, generated_date()) if key else None
    files = cache.get(files_key) if files_key else None
    if not _valid_files(files):
        files = None
        model = cache.get(key) if key else None
        if isinstance(model, dict) and model.get("version") == MODEL_VERSION:
            try:
                files = render_files(model)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError):
                files = None  # a cached model that does not render is rebuilt, never trusted
        if files is None:
            model = report_model(corpus_from_scan(found), options, cache, progress)
            if key:
                cache.put(key, model)
            files = render_files(model)
        if files_key:
            cache.put(files_key, files)
    name = found.config.name
    target = Path(out_dir) if out_dir is not None else Path("reports") / _slug(name)
    return write_report(files, target, force=force), found.problems


def page_size(data: dict[str, Any]) -> int:
    """Bytes of the page of a ``diff`` JSON, rendered as the report renders it."""
    from .html import render_diff_page

    return len(render_diff_page(data, title=f"{data['a']['id']} → {data['b']['id']}", back="index.html").encode())


def _valid_files(files: Any) -> bool:
    """A cached set of rendered files: text by relative path, with the report's own files."""
    return (
        isinstance(files, dict)
        and {"index.html", "report.md", "data.json"} <= set(files)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
    )


def _page_cost(a: Document, b: Document, packed: list) -> int:
    """A quick, slightly generous estimate of :func:`page_size` from the texts alone."""
    chars = sum(len(s.text) for s in b.sentences) + sum(
        len(a.sentences[i].text) for status, ia, _, _ in packed if status != "same" for i in ia
    )
    return int(chars * 1.2 * 4 / 3) + 9000  # gzip leaves ~1.2 bytes a Chinese character
