"""The records every stage passes on: small, frozen, documented field by field.

Corpus side (built by :mod:`corpuscompare.corpus`):
  Problem, Role, Sentence, Document, CorpusConfig, Corpus
Comparison side (built by :mod:`corpuscompare.align` and :mod:`corpuscompare.diff`):
  Status, MatchStatus, PackedUnit, DiffOp, AlignedPair, Alignment, AlignOptions,
  MatchThresholds

The records of the corpus-level analyses (phrases, slogans, themes, keyness) are in
:mod:`corpuscompare.records`. Statuses and roles are :class:`enum.StrEnum` members: they
compare equal to (and serialize as) their lower-case names, and the ordered set of each is defined here only.

Offsets: ``Sentence.start``/``end`` index ``Document.raw`` (the decoded body, line ends
folded to ``\\n``), so ``doc.raw[s.start:s.end]`` is the sentence as the source wrote it;
``Sentence.text`` is the normalized form that every comparison uses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple

__all__ = [
    "ORDERED",
    "ROLES",
    "STATUSES",
    "AlignOptions",
    "AlignedPair",
    "Alignment",
    "Corpus",
    "CorpusConfig",
    "DiffOp",
    "Document",
    "DocumentSummary",
    "MatchStatus",
    "MatchThresholds",
    "PackedUnit",
    "Problem",
    "Role",
    "Sentence",
    "Shares",
    "Status",
    "majority_lang",
]

#: The file that marks a folder as a report of this tool (its own output is never a corpus).
REPORT_MARKER = ".corpuscompare-report"

#: Values of ``completeness`` meaning the text is a report about the speech, not the speech.
#: A source address a report links to: http(s) only, no spaces or quotes.
_URL = re.compile(r"https?://[^\s\"'<>]+\Z")
SUMMARY_COMPLETENESS = frozenset({"news-summary", "summary", "excerpt", "partial"})


@dataclass(frozen=True)
class Problem:
    """A file (or a line of a JSONL file) that did not become a document, and why."""

    path: str
    """Where the problem is, relative to the corpus root (``file.jsonl:12`` for a JSONL line)."""
    error: str
    """What went wrong, in one sentence a user can act on."""

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


class Role(StrEnum):
    """What a sentence is in its document (see :mod:`corpuscompare.roles`)."""

    TEXT = "text"
    """The speaker's words: what continuity, phrases, keyness and the echo map compare."""
    HEADER = "header"
    """Title, byline, date line or speaker line at the head of a document."""
    FRAME = "frame"
    """Wording that recurs at the same place across documents of a source: leads, sign-offs."""
    GREETING = "greeting"
    """Salutations and honorific openings (``各位代表：``, ``Fellow citizens:``)."""
    LIST = "list"
    """A list of names and titles (guests, speakers)."""
    NOISE = "noise"
    """Transcript markers such as ``(Applause.)``."""


#: Roles in the order tables list them.
ROLES: tuple[Role, ...] = tuple(Role)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, with where it came from."""

    doc_id: str
    """Id of the document the sentence belongs to."""
    index: int
    """Position in the document, from 0; with ``doc_id`` it is the sentence's stable id."""
    paragraph: int
    """Index of the paragraph (from 0) that holds the sentence."""
    text: str
    """The normalized sentence (width-folded, simplified, line wraps repaired)."""
    start: int
    """Offset of the sentence's first character in ``Document.raw``."""
    end: int
    """Offset just past the sentence's last character in ``Document.raw``."""
    noise: tuple[tuple[int, int], ...] = ()
    """Spans of ``text`` that are transcript noise such as ``(Applause.)``; kept, but ignored."""
    role: Role = Role.TEXT
    """What the sentence is: the speaker's ``text``, or a header, frame, greeting, list or
    noise (see :mod:`corpuscompare.roles`); only ``text`` is compared."""
    frame: tuple[tuple[int, int], ...] = ()
    """Spans of ``text`` that are a reporting frame (``习近平指出，``, a recurring lead such as
    ``央视网消息（新闻联播）：``): narration around the speaker's words, left out of comparisons."""

    @property
    def id(self) -> str:
        """Stable id: ``<doc id>#<index>``."""
        return f"{self.doc_id}#{self.index}"

    @property
    def clean(self) -> str:
        """The text with transcript noise and reporting frames cut out (what comparisons look at)."""
        if not self.noise and not self.frame:
            return self.text
        parts, last = [], 0
        for a, b in sorted(self.noise + self.frame):
            parts.append(self.text[last : max(a, last)])
            last = max(last, b)
        parts.append(self.text[last:])
        return " ".join(p.strip() for p in parts if p.strip())

    @property
    def is_noise(self) -> bool:
        """True when the sentence is nothing but transcript noise."""
        return bool(self.noise) and not self._without(self.noise)

    @property
    def is_text(self) -> bool:
        """True when the sentence is the speaker's words (role ``text``, not all noise)."""
        return self.role == Role.TEXT and not self.is_noise

    @property
    def weight(self) -> int:
        """Characters the sentence counts for in shares: 0 unless it is text; frames left out."""
        if not self.is_text:
            return 0
        return len(self.text) - sum(b - a for a, b in self.frame)

    def _without(self, spans: tuple[tuple[int, int], ...]) -> str:
        parts, last = [], 0
        for a, b in spans:
            parts.append(self.text[last:a])
            last = b
        parts.append(self.text[last:])
        return "".join(p.strip() for p in parts)

    def __reduce__(self):
        # the text travels as UTF-8 bytes: pickling a str makes CPython keep a UTF-8 copy
        # inside the string for the rest of its life -- in the process that sends sentences
        # to workers, a second copy of every sentence it ever sent
        fields = (self.doc_id, self.index, self.paragraph, self.text.encode("utf-8"), self.start, self.end)
        return _sentence, (*fields, self.noise, self.role, self.frame)


def _sentence(doc_id, index, paragraph, text: bytes, start, end, noise, role, frame) -> Sentence:
    """A pickled :class:`Sentence` back (see its ``__reduce__``)."""
    return Sentence(doc_id, index, paragraph, text.decode("utf-8"), start, end, noise, role, frame)


@dataclass(frozen=True)
class Document:
    """One speech (or news report of one), loaded, normalized and split into sentences."""

    id: str
    """File stem (or the JSONL ``id``); unique within a corpus."""
    path: str
    """Where it was read from, relative to the corpus root."""
    meta: Mapping[str, Any] = field(compare=False)
    """Front matter as written (dates as ISO strings), plus ``source_lines`` when some were cut."""
    raw: str = field(repr=False)
    """The body as decoded, line ends folded to ``\\n``; sentence offsets index it."""
    text: str = field(repr=False)
    """The normalized body: one paragraph per line."""
    lang: str = "zh"
    """``zh`` for Chinese, else the ISO code given (``en`` when detected)."""
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    """All sentences in order."""
    paragraphs: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    """``(start, end)`` of each paragraph in ``text``."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded from."""

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.id)

    @property
    def date(self) -> str | None:
        value = self.meta.get("date")
        return None if value is None else str(value)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def speaker(self) -> str | None:
        value = self.meta.get("speaker")
        return None if value is None else str(value)

    @property
    def completeness(self) -> str | None:
        value = self.meta.get("completeness")
        return None if value is None else str(value)

    @property
    def is_summary(self) -> bool:
        """True when the text reports the speech instead of giving it (e.g. a news summary)."""
        return (self.completeness or "").lower() in SUMMARY_COMPLETENESS

    @property
    def chars(self) -> int:
        """Characters of the normalized text, white space not counted."""
        return len(self.text) - sum(self.text.count(c) for c in " \n\t")

    @property
    def words(self) -> int:
        """Space-delimited words of the normalized text (the rate unit for English)."""
        return len(self.text.split())

    @property
    def size(self) -> int:
        """The unit rates are given per: characters for Chinese, words otherwise."""
        return self.chars if self.lang == "zh" else self.words

    def shown(self, sentence: Sentence) -> str:
        """The sentence as the source writes it (我們, America’s, full-width digits) when
        that is as long as its normalized form, so that offsets and diffs of the normalized
        text hold for it; else the normalized text (a line wrap was repaired, spaces joined)."""
        source = self.raw[sentence.start : sentence.end]
        return source if len(source) == len(sentence.text) else sentence.text

    def sentence_offsets(self) -> list[tuple[int, Sentence]]:
        """``(offset in text, sentence)`` of every sentence found in :attr:`text`, in order."""
        out, pos = [], 0
        for s in self.sentences:
            at = self.text.find(s.text, pos)
            if at >= 0:
                out.append((at, s))
                pos = at + len(s.text)
        return out

    @cached_property
    def shown_text(self) -> str:
        """:attr:`text` with every sentence :meth:`shown` as the source writes it: the same
        length as :attr:`text`, so its offsets serve both (built once per document: every
        keyword-in-context line and variant reads it)."""
        chars = list(self.text)
        for at, s in self.sentence_offsets():
            chars[at : at + len(s.text)] = self.shown(s)
        return "".join(chars)

    @property
    def source_url(self) -> str | None:
        """The http(s) address of the text's source, from ``source`` or ``url`` in its metadata."""
        for key in ("source", "url"):
            value = self.meta.get(key)
            if isinstance(value, str) and _URL.match(value.strip()):
                return value.strip()
        return None

    def summary(self) -> DocumentSummary:
        """The document's row in every output (``info``, ``diff``, ``track``, the report ...)."""
        event, genre = self.meta.get("event"), self.meta.get("genre")
        return DocumentSummary(
            id=self.id,
            title=self.title,
            date=self.date,
            year=self.year,
            speaker=self.speaker,
            event=None if event is None else str(event),
            genre=None if genre is None else str(genre),
            completeness=self.completeness,
            news_summary=self.is_summary,
            lang=self.lang,
            chars=self.chars,
            sentences=len(self.sentences),
            paragraphs=len(self.paragraphs),
            source=self.source_url,
        )


@dataclass(frozen=True)
class DocumentSummary:
    """What every output says about a document: its metadata and size, no text."""

    id: str
    """Unique id within the corpus."""
    title: str
    """Title from the front matter (else the id)."""
    date: str | None
    """ISO date (or year) as given."""
    year: int | None
    """The date's year."""
    speaker: str | None
    """Who gave the speech."""
    event: str | None
    """The occasion, as the front matter names it."""
    genre: str | None
    """speech, letter, congratulatory-message ..."""
    completeness: str | None
    """``full``, ``news-summary`` ..."""
    news_summary: bool
    """True when the text reports the speech instead of giving it: flagged † everywhere."""
    lang: str
    """``zh``, ``en`` ..."""
    chars: int
    """Characters of the normalized text, white space not counted."""
    sentences: int
    """Number of sentences."""
    paragraphs: int
    """Number of paragraphs."""
    source: str | None = None
    """Where the text comes from: the ``source`` (or ``url``) of its front matter, when it is
    an http(s) address (anything else is not linked)."""


@dataclass(frozen=True)
class CorpusConfig:
    """What ``corpus.yaml`` says about a corpus; every field is optional there."""

    name: str
    """Short name used in reports (default: the folder or file stem)."""
    description: str = ""
    """One paragraph on what the corpus is."""
    focus: str | None = None
    """Id of the document ``align`` and the echo map start from."""
    lang: str | None = None
    """Language of documents that do not say (default: detected per document)."""
    dictionary: tuple[str, ...] = ()
    """Words and slogans the word segmenter must keep whole."""
    slogans: tuple[str, ...] = ()
    """The watch list for ``track``."""
    themes: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    """Theme lexicon: theme name -> terms."""
    stopwords: tuple[str, ...] = ()
    """Extra words ``keyness`` and ``phrases`` leave out."""
    series: tuple[str, ...] = ()
    """Front-matter fields whose values define a series (e.g. ``speaker``); none: one series."""


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: its documents in date order, and what could not be loaded."""

    name: str
    """Display name (from corpus.yaml, else the folder name)."""
    path: str
    """The path as given (bundled corpora: ``corpora/<name>``)."""
    config: CorpusConfig
    """Settings from corpus.yaml."""
    documents: tuple[Document, ...]
    """Documents sorted by date, then id (undated last)."""
    problems: tuple[Problem, ...] = ()
    """Files that did not load, with the reason."""

    def __iter__(self):
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


class DiffOp(NamedTuple):
    """One step of a character diff: keep, insert or delete a piece of text.

    A named pair, so that its JSON is the ``[op, text]`` of every diff contract.
    """

    op: str
    """``equal``, ``insert`` or ``delete``."""
    text: str
    """The text kept, inserted (present only in the newer text) or deleted (only in the older)."""

    def as_list(self) -> list[str]:
        return [self.op, self.text]


class Status(StrEnum):
    """How a unit of an alignment relates OLD to NEW, in the order tables list them."""

    SAME = "same"
    CHANGED = "changed"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    REMOVED = "removed"


#: Alignment statuses, in the order tables list them.
STATUSES: tuple[Status, ...] = tuple(Status)
#: Statuses of units that keep the order of both documents (moved ones do not).
ORDERED = frozenset({Status.SAME, Status.CHANGED, Status.SPLIT, Status.MERGED})


@dataclass(frozen=True)
class Shares:
    """How much of NEW continues OLD, by characters (transcript noise not counted)."""

    continuing: float
    """Share of NEW in same, changed, moved, split and merged pairs."""
    new: float
    """Share of NEW in added pairs (1 - continuing)."""
    dropped: float
    """Share of OLD in removed pairs."""


class MatchStatus(StrEnum):
    """How closely a sentence is echoed in another document (``align``, the echo map)."""

    VERBATIM = "verbatim"
    CLOSE = "close"
    ECHO = "echo"
    NONE = "none"

    @property
    def rank(self) -> int:
        """3 for verbatim down to 0 for none: a better match ranks higher."""
        return _MATCH_RANK[self]


_MATCH_RANK = {MatchStatus.VERBATIM: 3, MatchStatus.CLOSE: 2, MatchStatus.ECHO: 1, MatchStatus.NONE: 0}


class PackedUnit(NamedTuple):
    """A unit of an alignment without its diff: what caches store (JSON ``[status, [a], [b], sim]``)."""

    status: Status
    """How the sentences correspond."""
    a: tuple[int, ...]
    """Indices of OLD sentences."""
    b: tuple[int, ...]
    """Indices of NEW sentences."""
    similarity: float
    """Similarity of the joined texts, 0..1."""


@dataclass(frozen=True)
class AlignedPair:
    """A unit of an alignment: sentences of OLD and NEW that correspond, and how."""

    status: Status
    """``same``, ``changed``, ``moved``, ``split``, ``merged``, ``added`` or ``removed``."""
    a: tuple[int, ...]
    """Indices of OLD sentences (empty for ``added``)."""
    b: tuple[int, ...]
    """Indices of NEW sentences (empty for ``removed``)."""
    similarity: float
    """Similarity of the joined texts, 0..1 (1.0 for ``same``, 0.0 for added/removed)."""
    ops: tuple[DiffOp, ...] = ()
    """Word-level diff from the OLD to the NEW text (filled by :mod:`corpuscompare.diff`)."""


@dataclass(frozen=True)
class Alignment:
    """The sentence alignment of two documents, pairs in NEW order."""

    a: Document
    """The older document (OLD)."""
    b: Document
    """The newer document (NEW)."""
    pairs: tuple[AlignedPair, ...]
    """Every sentence of OLD in exactly one pair's ``a``, every one of NEW in one pair's ``b``."""

    def summary(self) -> dict[Status, int]:
        """Pairs per status, every status present (zero when none)."""
        counts = dict.fromkeys(STATUSES, 0)
        for pair in self.pairs:
            counts[pair.status] += 1
        return counts


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the aligner; similarities are 0..1 (see :func:`similarity`)."""

    changed: float = 0.45
    """An in-order pair at least this similar is one sentence, ``changed``; below it the two
    are ``removed`` + ``added``. Unrelated Chinese sentences of one report score 0.1-0.35."""
    moved: float = 0.6
    """An out-of-order pair at least this similar is ``moved`` (stricter: order no longer vouches)."""
    split: float = 0.55
    """One sentence and several joined ones at least this similar are ``split``/``merged``..."""
    split_gain: float = 0.3
    """...and only when joining closes at least this share of the gap to 1.0 (0.8 -> 0.86)."""
    candidates: int = 6
    """Candidates kept per sentence after counting shared shingles."""
    min_overlap: float = 0.2
    """Shingle overlap (Dice) a pair needs to be scored at all."""
    min_content: float = 0.2
    """...and content overlap: Dice of their shingles weighted by inverse sentence frequency
    over both documents, unless they are near-identical. Sentences that share only common
    words (推进…建设, "It's …") are not one sentence edited."""


@dataclass(frozen=True)
class MatchThresholds:
    """When a best match is ``close`` or an ``echo`` (see :func:`corpuscompare.echo.classify`)."""

    close: float = 0.75
    """``close`` from this similarity on (``verbatim`` is 1.0)."""
    echo: float = 0.45
    """``echo`` from this similarity, when the shorter sentence is long enough (below)."""
    echo_min_zh: int = 8
    """Characters (Chinese) the shorter sentence needs for an ``echo`` by similarity."""
    echo_min_words: int = 5
    """Words (other languages) the shorter sentence needs for an ``echo`` by similarity."""
    passage_zh: int = 10
    """A passage of this many characters (Chinese) shared verbatim is an ``echo`` too."""
    passage_words: int = 6
    """A passage of this many words (other languages) shared verbatim is an ``echo`` too."""


def majority_lang(langs: Iterable[str]) -> str:
    """The language most documents are in (ties: the alphabetically first); ``zh`` for none.

    >>> majority_lang(["en", "zh", "en"])
    'en'
    """
    counts = Counter(langs)
    if not counts:
        return "zh"
    return min(counts, key=lambda lang: (-counts[lang], lang))
