"""Recurring phrase mining: formulations that recur across documents, found without a list.

Index:

- :class:`PhraseOptions` -- length bounds, minimum spread, how many to keep.
- :func:`mine_phrases` -- a corpus and its tokens -> ranked :class:`Phrase` records.
- :func:`is_stop_phrase` -- function words only, numbers and dates, salutations.
- :func:`presence_status` -- ``new`` / ``continuing`` / ``dropped`` / ``revived`` / ``absent``
  of a series of presences, and :func:`longest_run`.

How it works. Every document becomes a sequence of word tokens (jieba for Chinese,
lower-cased words otherwise); punctuation other than ``、`` ends a clause and becomes a
separator that occurs once, so no phrase spans clauses. One suffix array over all token
sequences (pydivsufsort) and its LCP array give every repeated token sequence as an
LCP interval in one linear pass. A phrase therefore always starts and ends on a word
boundary -- never mid-word. It is kept when it occurs in at least ``min_docs`` documents,
its length is within bounds (characters for Chinese, words otherwise), it is not a stop
phrase, and it is *closed*: a phrase whose every occurrence sits inside the same longer
kept phrase (all its occurrences preceded by the same word) is dropped for that phrase.

Counts are of whole-word occurrences (the phrase's ends on word boundaries). For exact
substring counts of chosen slogans, see :mod:`corpuscompare.analyze.track`.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..corpus.lexicon import EN_STOP, SALUTATIONS, ZH_EDGE_STOP, ZH_STOP
from ..corpus.segment import outside_frames
from ..model.document import Corpus, majority_lang
from ..model.findings import Phrase, PhraseOptions, Presence, presence_status
from ..model.layout import Layout
from ..prepare.series import single_layout
from ..runtime import isolated
from ..runtime.runner import release_memory

__all__ = ["is_stop_phrase", "longest_run", "mine_phrases"]


# a salutation, alone or with one more character (各位代表们, 朋友们好)
_SALUTATION = re.compile("^(?:" + "|".join(re.escape(s) for s in SALUTATIONS) + ")(?:.)?$", re.IGNORECASE)
_NUMBERISH = re.compile(r"^[\d.,%％年月日号亿万千百十一二三四五六七八九〇零两第多余、 ]+$")
_HYPHENS = frozenset("-\u2010\u2011")
_ZH_CLAUSE_END = re.compile(r"^[^\w、·]+$")  # a token of punctuation only (、 and · stay inside)


def is_stop_phrase(tokens: Sequence[str], lang: str, extra: frozenset[str] = frozenset()) -> bool:
    """Function words only, a number or date, a salutation, or a function word at an edge.

    >>> is_stop_phrase(["我们", "要"], "zh"), is_stop_phrase(["2024", "年"], "zh")
    (True, True)
    >>> is_stop_phrase(["网络空间", "命运", "共同体"], "zh"), is_stop_phrase(["of", "the"], "en")
    (False, True)
    """
    stop = (ZH_STOP if lang == "zh" else EN_STOP) | extra
    edge = (ZH_EDGE_STOP if lang == "zh" else EN_STOP) | extra
    if all(t in stop for t in tokens):
        return True
    if tokens[0] in edge or tokens[-1] in edge or tokens[0] == "、" or tokens[-1] == "、":
        return True
    if _NUMBERISH.match(tokens[0]) or _NUMBERISH.match(tokens[-1]):
        return True
    text = ("" if lang == "zh" else " ").join(tokens)
    return bool(_NUMBERISH.match(text) or _SALUTATION.match(text))


def longest_run(present: Sequence[bool]) -> int:
    """Longest run of consecutive True values.

    >>> longest_run([True, True, False, True])
    2
    """
    best = run = 0
    for here in present:
        run = run + 1 if here else 0
        best = max(best, run)
    return best


def mine_phrases(
    corpus: Corpus,
    tokens: Mapping[str, Sequence[Sequence[str]]],
    options: PhraseOptions = PhraseOptions(),
    layout: Layout | None = None,
) -> list[Phrase]:
    """Recurring phrases of ``corpus``; ``tokens[doc id]`` are the tokens of each sentence.

    Only the speaker's text counts: sentences of another role and reporting frames are
    left out, and so are witnesses (``layout``, see :mod:`corpuscompare.prepare.series`), whose
    words are counted through the full text they reproduce.
    """
    layout = layout or single_layout(corpus.documents)
    by_id = {d.id: d for d in corpus.documents}
    docs = [by_id[i] for i in layout.whole.documents]
    lang = majority_lang(d.lang for d in docs)
    zh = lang == "zh"
    extra_stop = frozenset(corpus.config.stopwords)
    vocab: dict[str, int] = {}
    words: list[str] = []
    seq = array("i")  # token ids, -1 between clauses: 4 bytes a token, not a list of ints
    doc_sizes: list[int] = []
    for doc in docs:
        before = len(seq)
        for sentence, toks in zip(doc.sentences, tokens[doc.id]):
            if not sentence.is_text:
                continue
            for tok in outside_frames(sentence, toks):
                if tok.isspace() or (not zh and tok in _HYPHENS):
                    continue  # a compound's hyphen joins its words: fellow-citizens = fellow citizens
                if _ZH_CLAUSE_END.match(tok):
                    seq.append(-1)
                    continue
                key = tok if zh else tok.lower()
                tid = vocab.get(key)
                if tid is None:
                    tid = vocab[key] = len(words)
                    words.append(key)
                seq.append(tid)
            seq.append(-1)
        doc_sizes.append(len(seq) - before)
    if not seq:
        return []
    del vocab
    lo_len, hi_len = (options.min_chars, options.max_chars) if zh else (options.min_words, options.max_words)
    stream = _Stream(seq, doc_sizes, words, zh, [d.id for d in docs], [d.year for d in docs])
    del seq
    bounds = _Bounds(lo_len, hi_len, options.min_docs, extra_stop)
    if len(stream.seq) < SEPARATE_PROCESS_TOKENS:
        return _mine_stream(stream, bounds, options, layout)
    # the suffix array of a large corpus (pydivsufsort sorts 4 bytes a token, ~16 bytes of
    # memory a token at its peak) is built in a fresh process of its own: its peak never
    # adds to this one's, which holds the corpus, and is handed back whole when it ends
    return isolated.run_isolated(_mine_stream, stream, bounds, options, layout)


def _suffix_array(arr: np.ndarray) -> np.ndarray:
    """The suffix array of non-negative token ids, as pydivsufsort's ``divsufsort`` gives it
    for an integer array (it sorts the big-endian bytes and keeps the suffixes that start a
    token), without its temporaries of four times the stream: the kept suffixes are picked
    a chunk at a time."""
    from pydivsufsort import divsufsort

    if len(arr) and int(arr.min()) < 0:
        raise ValueError("token ids must not be negative")
    wide = 8 if int(arr.max(initial=0)) >= 1 << 32 else 4
    raw = divsufsort(arr.astype(f">u{wide}").view(np.uint8))
    out = np.empty(len(arr), np.int32 if len(raw) < 2**31 else np.int64)
    k = 0
    for start in range(0, len(raw), _CHUNK):
        part = raw[start : start + _CHUNK]
        part = part[part % wide == 0] // wide
        out[k : k + len(part)] = part
        k += len(part)
    return out


#: Token streams this long (tokens and clause ends) are mined in a process of their own.
SEPARATE_PROCESS_TOKENS = 4_000_000


@dataclass(frozen=True)
class _Stream:
    """The token stream of a corpus as mining reads it: small to send to another process."""

    seq: array
    """Token ids, -1 at each clause end (a 32-bit array)."""
    doc_sizes: list[int]
    """Positions of ``seq`` that belong to each document, in order."""
    words: list[str]
    """Token id -> token."""
    zh: bool
    """Chinese: phrases are measured in characters and joined without spaces."""
    doc_ids: list[str]
    years: list[int | None]


def _mine_stream(stream: _Stream, bounds: _Bounds, options: PhraseOptions, layout: Layout) -> list[Phrase]:
    """The ranked phrases of a token stream: suffix array, LCP intervals, ranking."""
    from pydivsufsort import kasai

    words, zh = stream.words, stream.zh
    arr = np.frombuffer(stream.seq, dtype=np.intc)
    is_sep = arr < 0
    dtype = np.int32 if len(words) + int(is_sep.sum()) < 2**31 else np.int64
    arr = arr.astype(dtype)  # a copy, writable
    # every separator is a symbol of its own, so no repeat runs through one
    arr[is_sep] = len(words) + np.arange(int(is_sep.sum()), dtype=dtype)
    sa = _suffix_array(arr)
    lcp = kasai(arr, sa)
    doc_arr = np.repeat(np.arange(len(stream.doc_ids), dtype=np.int32), stream.doc_sizes)
    word_len = np.asarray([len(w) if zh else 1 for w in words] + [0], dtype=np.int32)
    cum = np.zeros(len(arr) + 1, np.int64)
    np.cumsum(word_len[np.where(is_sep, len(words), arr)], out=cum[1:])
    suffixes = _Suffixes(sa, arr, is_sep, cum, doc_arr, words, zh)
    candidates = _intervals(suffixes, lcp, bounds)
    del lcp
    ranked = _rank(candidates, stream, suffixes, options, layout)
    del candidates, suffixes, sa, arr, cum, doc_arr
    release_memory()
    return ranked


#: LCP values turned into Python ints at a time by the interval walk.
_CHUNK = 1 << 20


@dataclass(frozen=True)
class _Suffixes:
    """The token stream of a corpus and its suffix array: what the interval walk reads."""

    sa: np.ndarray
    """Suffix array of ``arr``."""
    arr: np.ndarray
    """Token ids; every separator is a symbol of its own."""
    is_sep: np.ndarray
    """True where ``arr`` holds a separator."""
    cum: np.ndarray
    """Characters (Chinese) or words before each position."""
    doc_arr: np.ndarray
    """Document index of each position."""
    words: list[str]
    """Token id -> token."""
    zh: bool
    """Chinese: phrases are measured in characters and joined without spaces."""


@dataclass(frozen=True)
class _Bounds:
    """What a repeat must satisfy to be a candidate phrase."""

    lo_len: int
    """Shortest phrase (characters for Chinese, else words)."""
    hi_len: int
    """Longest phrase."""
    min_docs: int
    """Documents it must occur in."""
    extra_stop: frozenset[str]
    """The corpus's own stop words."""


def _intervals(suf: _Suffixes, lcp: np.ndarray, bounds: _Bounds) -> dict[str, tuple[int, int, int, int]]:
    """Walk the LCP intervals; return ``{phrase: (token count, first and last row of its
    suffix-array interval, documents)}`` (the rows, not a copy of the start positions: a
    large corpus has hundreds of thousands of candidates)."""
    n = len(suf.sa)
    out: dict[str, tuple[int, int, int, int]] = {}
    stack: list[list[int]] = [[0, 0]]  # [lcp value, left bound]
    for first in range(0, n, _CHUNK):  # the LCP array as Python ints a chunk at a time: bounded memory
        values = lcp[first : first + _CHUNK].tolist()
        for offset, value in enumerate(values):
            i = first + offset
            if i == n - 1:
                value = 0
            left = i
            while value < stack[-1][0]:
                top_value, top_left = stack.pop()
                parent = max(value, stack[-1][0])
                left = top_left
                if i - top_left + 1 >= bounds.min_docs:
                    _consider(out, suf, bounds, top_left, i, top_value, parent)
            if value > stack[-1][0]:
                stack.append([value, left])
    return out


def _consider(out, suf: _Suffixes, bounds: _Bounds, lb: int, rb: int, length: int, parent: int) -> None:
    """Add the phrase of the LCP interval ``[lb, rb]`` (``length`` tokens, its parent
    interval ``parent``) to ``out`` when it passes ``bounds``."""
    start = int(suf.sa[lb])
    cum = suf.cum
    # the strings of parent+1 .. length tokens all occur exactly here: take the longest within bounds
    k = length
    while k > parent and cum[start + k] - cum[start] > bounds.hi_len:
        k -= 1
    if k <= parent or cum[start + k] - cum[start] < bounds.lo_len:
        return
    positions = suf.sa[lb : rb + 1]
    docs = len(np.unique(suf.doc_arr[positions]))
    if docs < bounds.min_docs:
        return
    toks = [suf.words[t] for t in suf.arr[start : start + k].tolist()]
    if is_stop_phrase(toks, "zh" if suf.zh else "en", bounds.extra_stop):
        return
    phrase = ("" if suf.zh else " ").join(toks)
    if phrase not in out:
        out[phrase] = (k, lb, rb, docs)


def _folded(phrase: str, positions: np.ndarray, suf: _Suffixes, starts: list[str], share: float) -> bool:
    """True when (almost) every occurrence of ``phrase`` lies inside one longer candidate:
    the same word precedes (or follows) at least ``share`` of them, and a candidate opens
    with that longer form. Folding it keeps only maximal phrases: no fragment of a fixed
    expression (以习近平同志为 in 以习近平同志为核心的党中央) is listed on its own."""
    arr, is_sep, zh = suf.arr, suf.is_sep, suf.zh
    size = len(positions)
    k = _token_count(phrase, positions, suf)
    for side in (-1, 1):
        at = positions - 1 if side < 0 else positions + k
        ok = (at >= 0) & (at < len(arr))
        at = at[ok]
        at = at[~is_sep[at]]
        if not len(at):
            continue
        values, counts = np.unique(arr[at], return_counts=True)
        best = int(np.argmax(counts))
        if counts[best] < share * size:
            continue
        word = suf.words[int(values[best])]
        glue = "" if zh else " "
        longer = word + glue + phrase if side < 0 else phrase + glue + word
        i = bisect_left(starts, longer)
        if i < len(starts) and starts[i].startswith(longer):
            return True
    return False


def _token_count(phrase: str, positions: np.ndarray, suf: _Suffixes) -> int:
    start, length, k = int(positions[0]), len(phrase), 0
    while suf.cum[start + k] - suf.cum[start] < (length if suf.zh else len(phrase.split())):
        k += 1
    return k


def _rank(candidates, stream: _Stream, suf: _Suffixes, options: PhraseOptions, layout: Layout) -> list[Phrase]:
    """Maximal phrases, most widespread first, as :class:`~corpuscompare.model.findings.Phrase` records."""
    arr, is_sep, doc_arr, words, zh = suf.arr, suf.is_sep, suf.doc_arr, suf.words, suf.zh
    # closed: drop a phrase whose occurrences are all preceded by the same word, when that
    # longer phrase is a candidate too (every occurrence sits inside it)
    kept = []
    for phrase, (_, lb, rb, spread) in candidates.items():
        positions = np.sort(suf.sa[lb : rb + 1])
        before = positions - 1
        if (before >= 0).all() and not is_sep[before].any():
            previous = np.unique(arr[before])
            if len(previous) == 1:
                longer = words[int(previous[0])] + ("" if zh else " ") + phrase
                if longer in candidates:
                    continue
        kept.append((-spread, -len(positions), -len(phrase), phrase))
    kept.sort()
    starts = sorted(candidates)
    doc_ids, years = stream.doc_ids, stream.years
    result = []
    for *_, phrase in kept:
        _, lb, rb, _ = candidates[phrase]
        positions = np.sort(suf.sa[lb : rb + 1])
        if _folded(phrase, positions, suf, starts, options.fold):
            continue
        per_doc = np.bincount(doc_arr[positions], minlength=len(doc_ids)).tolist()
        counts = {doc_ids[i]: c for i, c in enumerate(per_doc) if c}
        present_years = [y for y, c in zip(years, per_doc) if c and y is not None]
        main, by_series = _presence(counts, layout)
        result.append(
            Phrase(
                phrase=phrase,
                counts=counts,
                docs=len(counts),
                total=sum(per_doc),
                first_year=min(present_years) if present_years else None,
                last_year=max(present_years) if present_years else None,
                longest_run=main[2],
                status=main[0],
                first=main[3],
                last=main[1],
                series_status=by_series,
            )
        )
        if options.top and len(result) == options.top:
            break
    return result


def _presence(counts: Mapping[str, int], layout: Layout):
    """``((status now, last period, longest run, first period) in the main series,
    {series: status now})``
    -- presence per period of each series (gaps are not periods)."""
    out = {}
    main = None
    for series in layout.series:
        if main is not None and len(series.periods) < 2:
            continue  # one period: no status of its own worth listing
        present = [any(counts.get(i) for i in p.documents) for p in series.periods]
        statuses = presence_status(present)
        last = max((k for k, here in enumerate(present) if here), default=None)
        first = min((k for k, here in enumerate(present) if here), default=None)
        now = statuses[-1] if statuses else Presence.ABSENT
        out[series.key] = now
        if main is None:
            keys = [p.key for p in series.periods]
            main = (now, keys[last] if last is not None else None, longest_run(present))
            main += (keys[first] if first is not None else None,)
    return main, (out if len(layout.series) > 1 else {})
