"""The role of every sentence: the speaker's text, or the wrapping around it.

- :class:`RoleOptions` -- the thresholds below.
- :func:`assign_roles` -- documents -> the same documents, every sentence with its
  :class:`~corpuscompare.model.document.Role` and its reporting-frame spans.

Roles come from the corpus itself -- position and recurrence across documents, as passim
and jusText find boilerplate -- never from a list of one source's strings:

- ``noise``: nothing but transcript markers (``(Applause.)``; see :mod:`.normalize`).
- ``header``: the run of short, unpunctuated one-sentence paragraphs that opens a document
  (title, speaker line, date line), and any opening sentence equal to the title or speaker.
- ``greeting``: a sentence made only of short address terms (every comma-separated part
  short) that ends on ``：``/``！`` alone in its paragraph or at a document's edge, opens a
  document with three or more parts, or is a short formula recurring at the edges of
  several documents (``谢谢大家``, ``Thank you``).
- ``list``: three or more enumerated items, most of them holding a person's name (jieba's
  part-of-speech tags ``nr*``, or a transliteration dot ``·``; capitalized names in
  space-delimited languages).
- ``frame``: a sentence whose wording (character 4-grams, digits folded) mostly recurs at
  the same place -- first or last sentence of a paragraph or document -- in at least
  ``frame_docs`` of the documents (and three): CCTV's leads and closing lines, sign-offs.
- Inside ``text`` sentences, two kinds of span are *frame* spans (narration, not the
  speaker's words): a recurring lead clause ending in a colon (``央视网消息（新闻联播）：``)
  and, in news summaries, a leading reporting clause (``习近平在贺信中指出，``).

``keep_boilerplate`` turns all of it off (only noise stays noise).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, replace

import numpy as np

from ..corpus.lexicon import REPORTING_FRAME
from ..corpus.normalize import HAN_RE
from ..model.document import ROLES, Document, Role, RoleOptions, Sentence
from ..runtime.cache import Cache
from ..runtime.keys import digest, source_fingerprint
from ..runtime.runner import Runner, release_memory
from .names import VOCATIVE_END, has_verb, is_name_list, names_people, pos_tagger

__all__ = ["assign_roles"]


_END = re.compile(r"[。！？!?.…」』”\"）)]$")
_PARTS = re.compile(r"[，,、；;]|\band\b", re.IGNORECASE)
_FOLD = re.compile(r"\d+")
_DROP = re.compile(r"[\W_]+")
_LEAD = re.compile(r"^([^，。；！？：:]{2,24}[：:])")
_DATE_LINE = re.compile(r"^[(（]?\s*[\d一二三四五六七八九〇零十年月日\s./-]+[)）]?$")


def assign_roles(
    documents: Sequence[Document],
    options: RoleOptions = RoleOptions(),
    cache: Cache | None = None,
    runner: Runner | None = None,
) -> tuple[Document, ...]:
    """``documents`` with every sentence's role and frame spans set (see the module
    docstring). With a :class:`~corpuscompare.runtime.cache.Cache`, the roles are stored under the
    hash of everything they depend on (the sentences, paragraphs, the metadata used, the
    options and the code) and read back next time. What recurs is counted over the corpus
    here; each document's roles are then decided by ``runner`` (default: local processes,
    one per CPU), and the result does not depend on where."""
    if options.keep_boilerplate:
        return tuple(replace(d, sentences=tuple(_plain(s) for s in d.sentences)) for d in documents)
    key = None
    if cache is not None and cache.enabled:
        key = _roles_key(documents, options)
        stored = cache.get(key)
        if isinstance(stored, list) and len(stored) == len(documents):
            applied = _apply(documents, stored)
            if applied is not None:
                return applied
    runner = runner or Runner()
    recurring = _Recurrence(documents, options, runner)
    if any(d.lang == "zh" for d in documents) and runner.workers > 1 and not runner.address:
        pos_tagger()  # loaded once here, shared by the forked workers (not once in each)
    rows = list(runner.map(_role_rows, range(len(documents)), (tuple(documents), recurring, options)))
    out = _apply(documents, rows)
    if out is None:  # pragma: no cover - the rows are made for these documents
        raise RuntimeError("roles do not fit their documents")
    if key is not None:
        cache.put(key, rows)
    release_memory()
    return out


def _roles_key(documents: Sequence[Document], options: RoleOptions) -> str:
    """The cache key of the roles: the code, the options, and each document's metadata and
    sentences, hashed one document at a time (not one JSON string of the whole corpus)."""

    h = hashlib.sha256(digest(source_fingerprint(), asdict(options)).encode())
    for d in documents:
        meta = (d.id, d.lang, d.is_summary, d.meta.get("title"), d.meta.get("speaker"))
        h.update(digest(meta, [(s.text, s.paragraph, s.is_noise) for s in d.sentences]).encode())
    return "roles-" + h.hexdigest()


def _role_rows(shared: tuple[tuple[Document, ...], _Recurrence, RoleOptions], k: int) -> list:
    """The roles and frame spans of document ``k``, in the cache's shape: one character a
    sentence (its role's place in :data:`~corpuscompare.model.document.ROLES`) and ``[index,
    spans]`` for the sentences with frame spans -- what a worker sends back, a few bytes a
    sentence where a list per sentence would be hundreds of megabytes in years of news."""
    documents, recurring, options = shared
    roles = _roles_of(documents[k], recurring, options)
    codes = "".join(_CODE[role] for role, _ in roles)
    return [codes, [[i, [list(f) for f in frame]] for i, (_, frame) in enumerate(roles) if frame]]


_CODE = {role: str(k) for k, role in enumerate(ROLES)}
_ROLE_OF = {code: role for role, code in _CODE.items()}
_TEXT = _CODE[Role.TEXT]


def _apply(documents: Sequence[Document], stored: list) -> tuple[Document, ...] | None:
    """The documents with stored roles (None when the store does not fit them)."""
    out = []
    try:
        for doc, (codes, framed) in zip(documents, stored, strict=True):
            if not isinstance(codes, str) or len(codes) != len(doc.sentences):
                return None
            frames = {int(i): spans for i, spans in framed}
            sentences = tuple(
                s
                if code == _TEXT and k not in frames and s.role == Role.TEXT and not s.frame
                else replace(s, role=_ROLE_OF[code], frame=_spans(frames.get(k, []), len(s.text)))
                for k, (s, code) in enumerate(zip(doc.sentences, codes))
            )
            out.append(replace(doc, sentences=sentences))
    except (ValueError, TypeError, KeyError):
        return None
    return tuple(out)


def _spans(frame: list, n: int) -> tuple[tuple[int, int], ...]:
    """Stored frame spans, checked to lie inside a sentence of ``n`` characters."""
    spans = tuple((int(a), int(b)) for a, b in frame)
    if not all(0 <= a < b <= n for a, b in spans):
        raise ValueError("frame span outside its sentence")
    return spans


def _plain(s: Sentence) -> Sentence:
    role = Role.NOISE if s.is_noise else Role.TEXT
    return s if (s.role, s.frame) == (role, ()) else replace(s, role=role, frame=())


# --- recurrence at the same place --------------------------------------------------------


def _fixed_lines(documents: Sequence[Document], min_docs: int) -> dict[str, set[int]]:
    """Per document, the sentences among its first or last two whose wording (digits
    folded) opens or closes ``min_docs`` documents word for word: fixed leads and
    sign-offs. They are frames, and the places of the other sentences are counted
    without them (so one more such line does not move a lead out of the head)."""
    edges: dict[str, list[tuple[int, str]]] = {}
    counts: Counter = Counter()
    for doc in documents:
        n = len(doc.sentences)
        found = [(k, _key(doc.sentences[k].text)) for k in sorted({0, 1, n - 2, n - 1}) if 0 <= k < n]
        edges[doc.id] = [(k, key) for k, key in found if len(key) >= 4]
        counts.update({key for _, key in edges[doc.id]})
    return {doc_id: {k for k, key in found if counts[key] >= min_docs} for doc_id, found in edges.items()}


def _places(doc: Document, skip: set[int] = frozenset()) -> list[tuple[str, ...]]:
    """For each sentence, the places a frame can hold: the head or tail of its document
    (first or last two sentences, fixed lines not counted), or a line of its own (a
    paragraph of one sentence: sign-offs, captions). Fixed lines hold no place."""
    sentences = doc.sentences
    kept = [k for k in range(len(sentences)) if k not in skip]
    rank = {k: r for r, k in enumerate(kept)}
    n = len(kept)
    out = []
    for k, s in enumerate(sentences):
        places = []
        if k in skip:
            out.append(())
            continue
        if rank[k] < 2:
            places.append("head")
        if rank[k] >= n - 2:
            places.append("tail")
        if (k == 0 or sentences[k - 1].paragraph != s.paragraph) and (
            k == len(sentences) - 1 or sentences[k + 1].paragraph != s.paragraph
        ):
            places.append("line")
        out.append(tuple(places))
    return out


def _para_first(doc: Document, k: int) -> bool:
    return k == 0 or doc.sentences[k - 1].paragraph != doc.sentences[k].paragraph


def _key(text: str) -> str:
    """Wording only: digits folded to 0, punctuation and spaces dropped, lower-cased."""
    return _DROP.sub("", _FOLD.sub("0", text.lower()))


class _Counts:
    """Exact counts of 4-gram codes, added as arrays (each array: one count per code it
    holds), merged into sorted ``(codes, counts)`` whenever enough are pending: memory
    follows the distinct codes, not the corpus."""

    def __init__(self, pending_limit: int = 1 << 22) -> None:
        self.codes = np.empty(0, np.uint64)
        self.counts = np.empty(0, np.int64)
        self._pending: list[np.ndarray] = []
        self._size = 0
        self._limit = pending_limit

    def add(self, codes: np.ndarray) -> None:
        if len(codes):
            self._pending.append(codes)
            self._size += len(codes)
            if self._size >= self._limit:
                self._merge()

    def _merge(self) -> None:
        if not self._pending:
            return
        new, counts = np.unique(np.concatenate(self._pending), return_counts=True)
        self._pending, self._size = [], 0
        both = np.concatenate([self.codes, new])
        codes, inverse = np.unique(both, return_inverse=True)
        merged = np.zeros(len(codes), np.int64)
        np.add.at(merged, inverse, np.concatenate([self.counts, counts]))
        self.codes, self.counts = codes, merged

    def at_least(self, n: int) -> np.ndarray:
        """Sorted codes counted ``n`` times or more."""
        self._merge()
        return self.codes[self.counts >= n]

    def of(self, codes: np.ndarray) -> np.ndarray:
        """The counts of ``codes`` (0 for a code never added)."""
        self._merge()
        at = np.minimum(np.searchsorted(self.codes, codes), max(len(self.codes) - 1, 0))
        found = self.codes[at] == codes if len(self.codes) else np.zeros(len(codes), bool)
        return np.where(found, self.counts[at] if len(self.counts) else 0, 0)


def _clip(key: str) -> str:
    """Characters outside the Basic Multilingual Plane as one (U+FFFF): 4-gram codes hold
    16 bits a character."""
    return _ASTRAL.sub("\uffff", key)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _sentence_grams(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct 4-grams of each key, as ``(sentence, code)`` arrays: the code packs the
    four characters' code points (16 bits each) into one unsigned 64-bit integer."""
    joined = "".join(keys)
    if len(joined) < 4:
        return np.empty(0, np.int64), np.empty(0, np.uint64)
    chars = np.frombuffer(_clip(joined).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    codes = (chars[:-3] << np.uint64(48)) | (chars[1:-2] << np.uint64(32)) | (chars[2:-1] << np.uint64(16)) | chars[3:]
    owner = np.repeat(np.arange(len(keys)), [len(k) for k in keys])
    inside = owner[:-3] == owner[3:]  # the gram lies in one sentence
    sentence, codes = owner[:-3][inside], codes[inside]
    order = np.argsort(codes, kind="stable")  # equal codes stay in sentence order
    sentence, codes = sentence[order], codes[order]
    first = np.ones(len(codes), bool)
    first[1:] = (codes[1:] != codes[:-1]) | (sentence[1:] != sentence[:-1])
    return sentence[first], codes[first]


def _gram_text(code: int) -> str:
    return "".join(chr((int(code) >> shift) & 0xFFFF) for shift in (48, 32, 16, 0))


_PLACE_NAMES = ("head", "tail", "line")


def _by_place(places: Sequence[tuple[str, ...]], sentence: np.ndarray, codes: np.ndarray):
    """``(place, the distinct codes of the sentences at it)`` for each place some sentence holds."""
    for place in _PLACE_NAMES:
        held = np.array([place in p for p in places], bool)
        if held.any():
            yield place, np.unique(codes[held[sentence]])


class _Sketch:
    """Counts of codes in ``2**bits`` shared buckets (a multiplicative hash of the code):
    never below a code's true count, in fixed memory (16 MB) whatever the corpus."""

    def __init__(self, bits: int = 22) -> None:
        self.bits = bits
        self.counts = np.zeros(1 << bits, np.uint32)
        self._pending: list[np.ndarray] = []
        self._size = 0

    def _bucket(self, codes: np.ndarray) -> np.ndarray:
        return ((codes * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - self.bits)).astype(np.intp)

    def add(self, codes: np.ndarray) -> None:
        self._pending.append(codes)
        self._size += len(codes)
        if self._size >= 1 << 21:
            self.flush()

    def flush(self) -> None:
        """Add the pending codes to the bucket counts."""
        if self._pending:
            buckets = self._bucket(np.concatenate(self._pending))
            self.counts += np.bincount(buckets, minlength=len(self.counts)).astype(np.uint32)
            self._pending, self._size = [], 0

    def reaches(self, codes: np.ndarray, n: int) -> np.ndarray:
        """True where a code may have been counted ``n`` times or more."""
        self.flush()
        return self.counts[self._bucket(codes)] >= n


class _Recurrence:
    """What recurs over the whole corpus, reduced to what the roles ask: the 4-grams that
    are frame wording at each place, the recurring leads, edge lines and vocatives.
    Counted document by document (4-grams as integer codes) in two passes whose
    per-document work runs on ``runner``: a few codes a document come back."""

    def __init__(self, documents: Sequence[Document], options: RoleOptions, runner: Runner | None = None) -> None:
        runner = runner or Runner(jobs=1)
        self.min_docs = max(3, math.ceil(options.frame_docs * len(documents)))
        self.fixed = _fixed_lines(documents, self.min_docs)
        # pass 1: upper bounds of the documents each gram is at a place in (shared buckets),
        # and the short lines that recur
        sketch = {place: _Sketch() for place in _PLACE_NAMES}
        leads: Counter = Counter()
        edge_lines: Counter = Counter()  # short sentence -> documents with it near an edge
        vocatives: Counter = Counter()  # short line ending on ：/！ -> occurrences
        shared = (tuple(documents), self.fixed, options)
        for at_place, doc_vocatives, doc_leads, edges in runner.map(_first_pass, range(len(documents)), shared):
            for place, present in at_place:
                sketch[place].add(present)
            vocatives.update(doc_vocatives)
            leads.update(doc_leads)
            edge_lines.update(edges)
        self.leads = {k for k, n in leads.items() if n >= self.min_docs}
        self.edge_lines = {k for k, n in edge_lines.items() if n >= 2}
        self.vocatives = {k for k, n in vocatives.items() if n >= 2}
        # pass 2: exact counts of the few grams whose bound reaches min_docs somewhere (at
        # each place; at any place; anywhere): memory follows them, not the corpus
        at_place = {place: _Counts() for place in _PLACE_NAMES}
        edge, anywhere = _Counts(), _Counts()  # sentences with the gram at a place / anywhere
        for bound in sketch.values():
            bound.flush()  # the workers read the bounds, none adds to them
        shared = (tuple(documents), self.fixed, sketch, self.min_docs)
        for by_place, at_edge, codes in runner.map(_second_pass, range(len(documents)), shared):
            for place, present in by_place:
                at_place[place].add(present)
            edge.add(at_edge)
            anywhere.add(codes)
        recurring = {place: counts.at_least(self.min_docs) for place, counts in at_place.items()}
        wanted = np.unique(np.concatenate([np.empty(0, np.uint64), *recurring.values()]))
        concentrated = wanted[edge.of(wanted) >= options.frame_place * anywhere.of(wanted)]
        self.frame_grams = {
            place: frozenset(_gram_text(c) for c in np.intersect1d(codes, concentrated))
            for place, codes in recurring.items()
        }
        release_memory()  # the passes' arrays, before the part-of-speech model loads

    def coverage(self, key: str, places: tuple[str, ...]) -> float:
        """Share of a sentence's wording (its :func:`_key`) covered by 4-grams that recur at
        one of its places in ``min_docs`` documents and occur (almost) nowhere else: wording
        a source repeats at that place, not a slogan its speakers repeat everywhere."""
        if len(key) < 4:
            return 0.0
        key = _clip(key)
        best = 0.0
        for place in places:
            grams = self.frame_grams.get(place)
            if not grams:
                continue
            covered = [False] * len(key)
            for i in range(len(key) - 3):
                if key[i : i + 4] in grams:
                    covered[i : i + 4] = [True] * 4
            best = max(best, sum(covered) / len(key))
        return best


def _grams(doc: Document, fixed: set[int]) -> tuple[list[tuple[str, ...]], list[str], np.ndarray, np.ndarray]:
    """Places and keys of the sentences of ``doc``, and their distinct 4-grams."""
    places = _places(doc, fixed)
    keys = [_key(s.text) for s in doc.sentences]
    return places, keys, *_sentence_grams(keys)


def _first_pass(shared: tuple, k: int) -> tuple[list, list[str], set[str], set[str]]:
    """Pass 1 of :class:`_Recurrence` over document ``k`` (a runner's task): its codes at
    each place, short lines ending on ``：``/``！``, leads and edge sentences."""
    documents, fixed, options = shared
    doc = documents[k]
    places, keys, sentence, codes = _grams(doc, fixed[doc.id])
    doc_vocatives, doc_leads, edges = [], set(), set()
    for s, key in zip(doc.sentences, keys):
        if len(key) <= 2 * options.part_chars and VOCATIVE_END.search(s.text.strip()):
            doc_vocatives.append(key)
        lead = _LEAD.match(s.text)
        if lead and _para_first(doc, s.index) and lead.end() < len(s.text.rstrip()):
            doc_leads.add(_key(lead.group(1)))  # a lead clause that opens a sentence
        if s.index < 3 or s.index >= len(doc.sentences) - 3:
            edges.add(key)
    return list(_by_place(places, sentence, codes)), doc_vocatives, doc_leads, edges


def _second_pass(shared: tuple, k: int) -> tuple[list, np.ndarray, np.ndarray]:
    """Pass 2 over document ``k``: its codes that may recur (at each place, any, anywhere)."""
    documents, fixed, sketch, min_docs = shared
    doc = documents[k]
    places, _, sentence, codes = _grams(doc, fixed[doc.id])
    maybe = np.zeros(len(codes), bool)
    for bound in sketch.values():
        maybe |= bound.reaches(codes, min_docs)
    sentence, codes = sentence[maybe], codes[maybe]
    return list(_by_place(places, sentence, codes)), codes[np.array([bool(p) for p in places], bool)[sentence]], codes


# --- one document ------------------------------------------------------------------------


def _roles_of(doc: Document, recurring: _Recurrence, options: RoleOptions) -> list[tuple[Role, tuple]]:
    """The role and frame spans of each sentence of ``doc``."""
    places = _places(doc, recurring.fixed[doc.id])
    framed = recurring.fixed[doc.id] | {
        k
        for k, (s, place) in enumerate(zip(doc.sentences, places))
        if place and recurring.coverage(_key(s.text), place) >= options.frame_share
    }
    headers = _header_run(doc, options, framed)
    first = max(headers | {k for k in framed if k < options.header_lines}, default=-1) + 1  # after the header lines
    out = []
    for s, place in zip(doc.sentences, places):
        role = _role(doc, s, place, (headers, framed, first), recurring, options)
        out.append((role, _frame_spans(doc, s, place, recurring) if role == Role.TEXT else ()))
    return out


def _role(doc, s: Sentence, places, marks: tuple[set[int], set[int], int], recurring, options: RoleOptions) -> Role:
    """``marks``: the document's header lines, its frame lines, its first sentence after the headers."""
    headers, framed, first = marks
    if s.is_noise:
        return Role.NOISE
    if s.index in headers:
        return Role.HEADER
    lead = _LEAD.match(s.text)
    if lead and lead.end() >= len(s.text.rstrip()) and _key(lead.group(1)) in recurring.leads:
        return Role.FRAME  # a recurring lead on a line of its own
    if _is_greeting(doc, s, places, first, recurring, options):
        return Role.GREETING
    if is_name_list(s.text, doc.lang):
        return Role.LIST
    if s.index in framed:
        return Role.FRAME
    return Role.TEXT


def _size(text: str, lang: str) -> int:
    return len(text) if lang == "zh" else len(text.split())


def _header_run(doc: Document, options: RoleOptions, framed: set[int]) -> set[int]:
    """Indices of the header lines that open ``doc`` (recurring frame lines before them
    are passed over, not counted as headers)."""
    limit = options.header_chars if doc.lang == "zh" else options.header_chars // 5
    named = {_key(v) for v in (doc.meta.get("title"), doc.meta.get("speaker")) if v}
    out: set[int] = set()
    sentences = doc.sentences
    for k, s in enumerate(sentences[: options.header_lines]):
        alone = (k == 0 or sentences[k - 1].paragraph != s.paragraph) and (
            k == len(sentences) - 1 or sentences[k + 1].paragraph != s.paragraph
        )
        text = s.text.strip()
        if _key(text) in named or _DATE_LINE.match(text):
            out.add(k)
            continue
        shaped = alone and not (_END.search(text) or VOCATIVE_END.search(text)) and _size(text, doc.lang) <= limit
        if shaped and k < len(sentences) - 1:  # a document of one unpunctuated line is text
            out.add(k)
        elif k in framed and not out and not VOCATIVE_END.search(text):
            continue  # a recurring lead before the title
        else:
            break
    return out


def _parts(text: str) -> list[str]:
    return [p.strip(" 　：:！!。.") for p in _PARTS.split(text) if p.strip(" 　：:！!。.")]


def _is_greeting(doc: Document, s: Sentence, places, first: int, recurring: _Recurrence, options: RoleOptions) -> bool:
    """``first``: index of the first sentence after the header lines."""
    text = s.text.strip()
    parts = _parts(text)
    limit = options.part_chars if doc.lang == "zh" else max(3, options.part_chars * 3 // 7)
    if not parts or any(_size(p, doc.lang) > limit for p in parts):
        return False
    vocative = bool(VOCATIVE_END.search(text))
    n = len(doc.sentences)
    if s.index == first:  # an opening address: "各位代表：", "Chief Justice Roberts, President Carter, ..."
        shaped = vocative or (doc.lang != "zh" and len(parts) >= 3 and names_people(parts))
    elif vocative and _size(text, doc.lang) <= 2 * limit and _key(text) in recurring.vocatives:
        shaped = True  # an address repeated through the corpus: "各位代表！", "女士们，先生们！"
    else:
        short = _size(text, doc.lang) <= (8 if doc.lang == "zh" else 4)
        return short and (s.index < 3 or s.index >= n - 3) and _key(text) in recurring.edge_lines
    # an address names people; "一年来，我们主要做了以下工作：" does not (a third of the
    # parts with a verb; a name mis-tagged as a verb in a long address does not count)
    return shaped and not (doc.lang == "zh" and 3 * sum(map(has_verb, parts)) >= len(parts))


def _frame_spans(doc: Document, s: Sentence, places, recurring: _Recurrence) -> tuple[tuple[int, int], ...]:
    """Narration inside a text sentence: a recurring lead clause, a reporting clause."""
    spans = []
    start = 0
    lead = _LEAD.match(s.text)
    if lead and _para_first(doc, s.index) and _key(lead.group(1)) in recurring.leads:
        start = lead.end()
        spans.append((0, start))
    pattern = REPORTING_FRAME.get(doc.lang)
    if doc.is_summary and pattern is not None:
        rest = s.text[start:]
        m = pattern.match(rest)
        if m and (doc.lang != "zh" or HAN_RE.search(m.group(0))) and m.end() < len(rest):
            spans.append((start, start + m.end()))
    return tuple(spans)
