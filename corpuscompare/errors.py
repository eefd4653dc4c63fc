"""Typed errors of corpuscompare.

Library code raises these; only the CLI turns them into messages and exit codes.

- ``CorpusError``: the base class; ``exit_code`` is what the CLI exits with.
- ``CorpusNotFoundError``: the corpus or document argument names nothing (exit 2).
- ``EmptyCorpusError``: a corpus where no document loaded (exit 2).
- ``DocumentSelectionError``: ``CORPUS@ID`` or ``CORPUS@YEAR`` matches no or several documents (exit 2).
- ``ConfigError``: a ``corpus.yaml``, watch list or lexicon that cannot be used (exit 2).
- ``FrontMatterError``, ``DecodeError``: per-file problems; the loader records them as
  :class:`~corpuscompare.model.document.Problem` entries and goes on, so they rarely reach the user.
- ``ReportError``: the report cannot be written where asked (exit 1).
- ``StrictError``: ``--strict`` and some file of the corpus was a problem (exit 1).
- ``ShapeError``: a stored value (a cache entry) that is not of the expected shape; the
  caller treats it as missing, so it never reaches the user.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CorpusError",
    "CorpusNotFoundError",
    "DecodeError",
    "DocumentSelectionError",
    "EmptyCorpusError",
    "FrontMatterError",
    "ReportError",
    "ShapeError",
    "StrictError",
]


class CorpusError(Exception):
    """Base class of every error corpuscompare raises on purpose."""

    exit_code = 1


class CorpusNotFoundError(CorpusError):
    """The path does not exist and is not the name of a bundled corpus."""

    exit_code = 2


class EmptyCorpusError(CorpusError):
    """Nothing in the corpus could be loaded as a document."""

    exit_code = 2


class DocumentSelectionError(CorpusError):
    """A document reference matches no document, or more than one."""

    exit_code = 2


class ConfigError(CorpusError):
    """A configuration file (corpus.yaml, watch list, lexicon) is unusable."""

    exit_code = 2


class FrontMatterError(CorpusError):
    """The YAML front matter of one file is malformed."""


class DecodeError(CorpusError):
    """The bytes of one file are not text in any supported encoding."""


class ReportError(CorpusError):
    """The report cannot be written to the requested place."""


class StrictError(CorpusError):
    """``--strict`` was asked for and some file of the corpus did not load."""


class ShapeError(CorpusError):
    """A stored value does not have the shape of the record it should be."""
