"""Documents and their sentences: the records that loading builds and every stage reads.

- :class:`Problem` -- a file that could not be used, and why.
- :class:`Role`, :data:`ROLES` -- what a sentence is: the speaker's text, or the wrapping
  around it (header, frame, greeting, list, noise).
- :class:`Sentence`, :class:`Clause` -- a sentence with its offsets, roles and frames; a
  formulation-length clause of one (cut by :mod:`corpuscompare.corpus.clauses`).
- :class:`Document`, :class:`DocumentSummary` -- a document, and what outputs say of it.
- :class:`CorpusConfig`, :class:`Corpus` -- ``corpus.yaml`` and the loaded corpus.
- :class:`RoleOptions` -- how roles are decided (:mod:`corpuscompare.prepare.roles`).

The records of alignments are in :mod:`corpuscompare.model.alignment`, those of the
analyses in :mod:`corpuscompare.model.findings`. Statuses and roles are
:class:`enum.StrEnum` members: they compare equal to (and serialize as) their lower-case
names, and the ordered set of each is defined here only.

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
from typing import Any

__all__ = [
    "ROLES",
    "Clause",
    "Corpus",
    "CorpusConfig",
    "Document",
    "DocumentSummary",
    "Problem",
    "Role",
    "RoleOptions",
    "Sentence",
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
    """What a sentence is in its document (see :mod:`corpuscompare.prepare.roles`)."""

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
    noise (see :mod:`corpuscompare.prepare.roles`); only ``text`` is compared."""
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


def majority_lang(langs: Iterable[str]) -> str:
    """The language most documents are in (ties: the alphabetically first); ``zh`` for none.

    >>> majority_lang(["en", "zh", "en"])
    'en'
    """
    counts = Counter(langs)
    if not counts:
        return "zh"
    return min(counts, key=lambda lang: (-counts[lang], lang))


@dataclass(frozen=True, slots=True)
class Clause:
    """A formulation-length clause of a document."""

    sentence: int
    start: int
    end: int
    """Offsets in the sentence's text."""
    key: str
    """What is compared: the clause trimmed (lower case outside Chinese)."""


@dataclass(frozen=True)
class RoleOptions:
    """When a sentence is wrapping rather than the speaker's text."""

    keep_boilerplate: bool = False
    """Every sentence is ``text`` (transcript noise aside): roles off."""
    frame_share: float = 0.5
    """A sentence is a ``frame`` when recurring wording covers at least this share of it..."""
    frame_docs: float = 0.1
    """...recurring meaning: at the same place in at least this share of the documents (and 3)..."""
    frame_place: float = 0.8
    """...with at least this share of the sentences that hold it at one of the places."""
    header_chars: int = 60
    """Longest header line (characters; for space-delimited languages a fifth of it in words)."""
    part_chars: int = 14
    """Longest part of a greeting (characters; words: a third of it)."""
    header_lines: int = 6
    """Header lines looked for at the head of a document."""
