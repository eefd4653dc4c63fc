"""Loading: find files, decode them, read front matter and corpus.yaml -> Corpus / Document.

Index:

- :func:`load_corpus` -- a folder (recursively, ``.txt``/``.md``), a ``.jsonl`` file, or the
  name of a bundled corpus (``wic``, ``gwr``) -> :class:`~corpuscompare.model.document.Corpus`.
- :func:`load_document` -- ``path/to/file.txt``, ``CORPUS@ID`` or ``CORPUS@YEAR`` -> the
  corpus it belongs to and the document.
- :func:`decode` -- bytes -> text: UTF-8 (BOM or not), UTF-16/32 with a BOM, GB18030/GBK
  and what charset-normalizer recognises; binary and undecodable data are refused.
- :func:`split_front_matter` -- YAML between ``---`` lines, read with ``safe_load`` rules
  but dates kept as written (so ``2015-02-30`` is reported, not a crash).
- :func:`build_document` -- text + metadata -> normalized, segmented Document (see
  :mod:`.build`); :func:`corpus_from_scan` builds them all on every core.

Nothing here raises for one bad file: it becomes a :class:`~corpuscompare.model.document.Problem`
and the rest of the corpus loads. Only a missing path or an empty corpus raise.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CorpusNotFoundError, DecodeError, DocumentSelectionError, EmptyCorpusError, FrontMatterError
from ..model.document import REPORT_MARKER, Corpus, CorpusConfig, Document, Problem
from ..runtime.runner import Runner
from .config import CONFIG_NAME, read_config
from .decode import (
    date_from_name,
    decode,
    first_line,
    looks_like_title,
    name_after_date,
    parse_date,
    split_front_matter,
)
from .document import Segmented, assemble, build_document, segment_body

__all__ = ["BUNDLED", "bundled_corpus_path", "load_corpus", "load_document", "scan", "select"]

#: Names of the corpora that ship inside the package.
BUNDLED = ("gwr", "inaugural", "wic")
TEXT_SUFFIXES = (".txt", ".md")


# --- where corpora are -------------------------------------------------------------------


def bundled_corpus_path(name: str) -> Path | None:
    """Folder of a bundled corpus, installed (``corpuscompare/corpora``) or in a checkout."""
    if name not in BUNDLED:
        return None
    try:
        root = resources.files("corpuscompare.corpora")
        candidate = Path(str(root / name))
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    checkout = Path(__file__).resolve().parents[2] / "corpora" / name
    return checkout if checkout.is_dir() else None


def resolve_corpus(arg: str | Path) -> tuple[Path, str]:
    """The path a CORPUS argument names, and how to show it (stable across machines)."""
    path = Path(arg)
    if path.exists():
        return path, str(arg)
    bundled = bundled_corpus_path(str(arg))
    if bundled is not None:
        return bundled, f"corpora/{arg}"
    if str(arg).startswith("corpora/"):
        bundled = bundled_corpus_path(str(arg).split("/", 1)[1].rstrip("/"))
        if bundled is not None:
            return bundled, str(arg).rstrip("/")
    names = ", ".join(BUNDLED)
    raise CorpusNotFoundError(f"no such corpus: {arg} (not a folder, not a .jsonl file, not one of: {names})")


# --- documents ---------------------------------------------------------------------------


def fill_titles(entries: list[Entry]) -> list[Entry]:
    """Titles of entries whose metadata gives none: the first line when it looks like a
    title and does not open three or more files of the corpus (a place line such as
    ``U.S. Capitol``), else ``NAME YEAR`` (the speaker, else the id)."""
    firsts = {e.id: first_line(e.body) for e in entries if not e.meta.get("title")}
    opening = Counter(firsts.values())
    out = []
    for e in entries:
        if e.id in firsts:
            line = firsts[e.id]
            if looks_like_title(line) and opening[line] < 3:
                title = line
            else:
                year = str(e.meta.get("date") or "")[:4]
                title = " ".join(x for x in (str(e.meta.get("speaker") or e.id), year) if x)
            e = replace(e, meta={**e.meta, "title": title})
        out.append(e)
    return out


@dataclass(frozen=True)
class Entry:
    """A file (or JSONL line) that was read, decoded and checked, but not yet normalized."""

    id: str
    """Document id (file stem, or the JSONL ``id``)."""
    path: str
    """Where it was read from, relative to the corpus root."""
    body: str
    """The text after the front matter, line ends folded to ``\\n``."""
    meta: dict[str, Any]
    """Front matter with ``date`` checked and ``title`` filled in."""
    encoding: str
    markdown: bool

    @property
    def date(self) -> str | None:
        return self.meta.get("date")


def _entry(text: str, doc_id: str, rel: str, encoding: str, markdown: bool) -> Entry:
    meta, body, _offset = split_front_matter(text)
    if not body.strip():
        raise FrontMatterError("front matter but no text" if meta else "empty file")
    return Entry(doc_id, rel, body, _checked_meta(meta, doc_id, body), encoding, markdown)


def _checked_meta(meta: dict[str, Any], doc_id: str, body: str) -> dict[str, Any]:
    meta = dict(meta)
    try:
        date = parse_date(meta.get("date", meta.get("year")))
    except ValueError as exc:
        raise FrontMatterError(f"impossible date {meta.get('date', meta.get('year'))!r}: {exc}") from None
    if date is None:
        date = date_from_name(doc_id)
    meta.pop("year", None)
    if date is not None:
        meta["date"] = date
    else:
        meta.pop("date", None)
    if "speaker" not in meta:  # no speaker given: the file name after the date says it
        speaker = name_after_date(doc_id)
        if speaker is not None:
            meta["speaker"] = speaker
    return meta


def _build(entry: Entry, config: CorpusConfig) -> Document:
    return build_document(
        entry.id,
        entry.path,
        entry.body,
        entry.meta,
        default_lang=config.lang,
        encoding=entry.encoding,
        markdown=entry.markdown,
    )


def _segment_entry(shared: tuple[tuple[Entry, ...], CorpusConfig], k: int) -> Segmented:
    """Entry ``k`` normalized and segmented, in a worker: what :func:`corpus_from_scan` assembles."""
    entries, config = shared
    entry = entries[k]
    return segment_body(entry.body, entry.meta, config.lang, entry.markdown)


def _sort_key(item: Document | Entry) -> tuple:
    return (item.date is None, item.date or "", item.id)


@dataclass(frozen=True)
class Scan:
    """A corpus read but not yet normalized: what :func:`load_corpus` builds documents from."""

    shown: str
    config: CorpusConfig
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    root: Path | None = None
    """The corpus folder (or file) it was read from."""


#: Scans remembered per corpus, newest last; bounded so that a long-lived process does not grow.
_SCANS: OrderedDict[tuple, tuple[tuple, Scan]] = OrderedDict()
SCANS_KEPT = 4


def _signature(path: Path) -> tuple:
    """What a scan depends on: every candidate file's name, size and modification time."""
    if path.is_file():
        files = [path, path.parent / CONFIG_NAME]
    else:
        files = [p for p in path.rglob("*") if p.suffix.lower() in (*TEXT_SUFFIXES, ".yaml")]
    sig = []
    for f in sorted(files):
        try:
            st = f.stat()
        except OSError:
            continue
        sig.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(sig)


def scan(arg: str | Path, *, lang: str | None = None) -> Scan:
    """Find, decode and check every file of a corpus; entries sorted by date, then id.

    The last :data:`SCANS_KEPT` scans are remembered, keyed by the files' sizes and
    modification times, so ``diff wic@2015 wic@2016`` reads the corpus once.
    """
    path, shown = resolve_corpus(arg)
    key = (str(path.resolve()), shown, lang)
    signature = _signature(path)
    remembered = _SCANS.get(key)
    if remembered is not None and remembered[0] == signature:
        _SCANS.move_to_end(key)
        return remembered[1]
    result = _scan(path, shown, lang)
    _SCANS[key] = (signature, result)
    _SCANS.move_to_end(key)
    while len(_SCANS) > SCANS_KEPT:
        _SCANS.popitem(last=False)
    return result


def is_jsonl(path: Path) -> bool:
    """A JSON-lines corpus file: ``.jsonl``, or ``.jsonl.gz`` (read compressed)."""
    name = path.name.lower()
    return name.endswith(".jsonl") or name.endswith(".jsonl.gz")


def _jsonl_stem(path: Path) -> str:
    return re.sub(r"\.jsonl(\.gz)?$", "", path.name, flags=re.IGNORECASE)


def _scan(path: Path, shown: str, lang: str | None) -> Scan:
    if path.is_file():
        folder, name = path.parent, (_jsonl_stem(path) if is_jsonl(path) else path.parent.name)
    else:
        folder, name = path, path.name
    config, problems = read_config(folder, name)
    if lang is not None:
        config = replace(config, lang=lang)
    if path.is_file() and is_jsonl(path):
        entries, more = _scan_jsonl(path)
    elif path.is_file():
        entries, more = _scan_files([path], path.parent)
    else:
        files, walked = _text_files(path)
        entries, more = _scan_files(files, path)
        more = walked + more
    entries = fill_titles(entries)
    return Scan(shown, config, tuple(sorted(entries, key=_sort_key)), tuple(problems) + tuple(more), path.absolute())


def _text_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """The corpus's text files (recursively, hidden ones left out), and what could not be
    looked at: an unreadable folder, a broken or looping symbolic link, a link to a folder
    (not followed) -- listed as problems, never dropped without a word."""
    files: list[Path] = []
    problems: list[Problem] = []

    def rel(p: Path | str) -> str:
        p = Path(p)
        return p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)

    def unreadable(exc: OSError) -> None:
        problems.append(Problem(rel(exc.filename or root) + "/", f"unreadable folder: {exc.strerror or exc}"))

    for top, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(top)
        if REPORT_MARKER in names and here != root:  # a report of this tool inside the corpus
            problems.append(Problem(rel(here) + "/", "a corpuscompare report: its files are not documents"))
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if (here / d).is_symlink():
                problems.append(Problem(rel(here / d) + "/", "symbolic link to a folder: not followed"))
        for name in sorted(names):
            p = here / name
            if name.startswith(".") or p.suffix.lower() not in TEXT_SUFFIXES or _hidden(p, root):
                continue
            if p.is_symlink():
                try:
                    p.stat()
                except OSError as exc:
                    reason = "a symbolic link that loops" if exc.errno == errno.ELOOP else "a broken symbolic link"
                    problems.append(Problem(rel(p), reason))
                    continue
            if p.is_file():
                files.append(p)
    return sorted(files), problems


def load_corpus(arg: str | Path, *, lang: str | None = None) -> Corpus:
    """Load a corpus: a folder, a ``.jsonl`` file or a bundled corpus name.

    Raises :class:`CorpusNotFoundError` when ``arg`` names nothing and
    :class:`EmptyCorpusError` when no document loads; every other problem is listed in
    ``Corpus.problems``.
    """
    return corpus_from_scan(scan(arg, lang=lang))


def corpus_from_scan(
    found: Scan, runner: Runner | None = None, progress: Callable[[str, int, int], None] | None = None
) -> Corpus:
    """Normalize and segment every entry of a scan, in ``runner``'s processes (default:
    local ones, one per CPU); the documents are the same wherever that runs. ``progress``
    is told ``("normalizing documents", done, total)``."""
    _require_entries(found)
    entries, docs = found.entries, []
    tick = progress or (lambda stage, done, total: None)
    tick("normalizing documents", 0, len(entries))
    # the workers inherit the entries (pickling a str here would keep a UTF-8 copy of it)
    bodies = (runner or Runner()).map(_segment_entry, range(len(entries)), (entries, found.config))
    for e, seg in zip(entries, bodies, strict=True):
        docs.append(assemble(e.id, e.path, e.body, e.meta, seg, e.encoding))
        tick("normalizing documents", len(docs), len(entries))
    return Corpus(found.config.name, found.shown, found.config, tuple(docs), found.problems)


def _require_entries(found: Scan) -> None:
    if not found.entries:
        probs = found.problems
        detail = f" ({len(probs)} problems: {probs[0].path}: {probs[0].error} ...)" if probs else ""
        raise EmptyCorpusError(f"no document could be loaded from {found.shown}{detail}")


def _hidden(p: Path, root: Path) -> bool:
    rel = p.relative_to(root)
    return any(part.startswith(".") for part in rel.parts) or rel.name.upper() in ("README.MD", "SOURCES.MD")


def _scan_files(files: Iterable[Path], root: Path) -> tuple[list[Entry], list[Problem]]:
    """Read and decode the files on every core (a local pool past a few dozen files); an id
    already taken by a file read before is a problem, whatever the later file holds."""
    files = list(files)
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for file, (entry, error) in zip(files, Runner().map(_read_file, range(len(files)), (files, root)), strict=True):
        rel = _relative(file, root)
        if file.stem in seen:
            problems.append(Problem(rel, f"duplicate document id {file.stem!r} (already used by {seen[file.stem]})"))
        elif entry is None:
            problems.append(Problem(rel, error))
        else:
            seen[file.stem] = rel
            entries.append(entry)
    return entries, problems


def _relative(file: Path, root: Path) -> str:
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.name


def _read_file(shared: tuple[list[Path], Path], k: int) -> tuple[Entry | None, str]:
    """File ``k`` read, decoded and split into front matter and body: its entry, or what
    is wrong with it (a runner's task)."""
    files, root = shared
    file = files[k]
    try:
        data = file.read_bytes()
        if not data.strip():
            raise FrontMatterError("empty file")
        text, encoding = decode(data)
        return _entry(text, file.stem, _relative(file, root), encoding, file.suffix.lower() == ".md"), ""
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"
    except (DecodeError, FrontMatterError) as exc:
        return None, str(exc)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(value: Any) -> bool:
    """True when a string anywhere in a JSON value holds a lone surrogate."""
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _record(line: str) -> tuple[dict[str, Any], str | None]:
    """A JSONL line's object, or why it is not one a document can come from."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {}, f"invalid JSON at column {exc.colno}: {exc.msg}"
    except RecursionError:
        return {}, "JSON nested too deep"
    if not isinstance(record, dict):
        return {}, "not a JSON object"
    try:
        if _has_surrogate(record):
            return {}, "holds a lone surrogate (\\ud800-\\udfff): not valid Unicode text"
    except RecursionError:
        return {}, "JSON nested too deep"
    return record, None


def _scan_jsonl(path: Path) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
        text, encoding = decode(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise CorpusNotFoundError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except DecodeError as exc:
        raise EmptyCorpusError(f"{path.name}: {exc}") from None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        record, error = _record(line)
        if error is not None:
            problems.append(Problem(where, error))
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            problems.append(Problem(where, "no 'text' field with text"))
            continue
        meta = {str(k): v for k, v in record.items() if k != "text"}
        doc_id = str(meta.pop("id", "") or f"{_jsonl_stem(path)}-{number}")
        if doc_id in seen:
            problems.append(Problem(where, f"duplicate document id {doc_id!r}"))
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        try:
            meta = _checked_meta(meta, doc_id, body)
        except FrontMatterError as exc:
            problems.append(Problem(where, str(exc)))
            continue
        seen.add(doc_id)
        entries.append(Entry(doc_id, where, body, meta, encoding, False))
    return entries, problems


# --- one document ------------------------------------------------------------------------


#: Documents around a chosen one that :func:`load_document` builds when asked for context.
CONTEXT_DOCUMENTS = 200


def load_document(ref: str, context: int = 0) -> tuple[Corpus, Document]:
    """Resolve ``path/to/file.txt``, ``CORPUS@ID`` or ``CORPUS@YEAR`` to a document.

    Only the chosen document is normalized and segmented: the returned corpus carries the
    configuration and the problems found while reading, and ``documents`` holds just that
    document. A file path loads that file alone, with the ``corpus.yaml`` of its folder (if
    any). An id may be abbreviated to any prefix that matches one document. With
    ``context``, ``documents`` holds up to that many documents of the corpus around the
    chosen one (in corpus order, the chosen one included): what sentence roles, measured
    by recurrence across documents, need.
    """
    if "@" in ref and not Path(ref).exists():
        corpus_arg, _, key = ref.rpartition("@")
        found = scan(corpus_arg or "wic")
        _require_entries(found)
        entry = select(found, key)
    else:
        path = Path(ref)
        if not path.is_file():
            raise CorpusNotFoundError(f"no such document: {ref} (give a file, CORPUS@ID or CORPUS@YEAR)")
        found = scan(path)
        _require_entries(found)
        entry = found.entries[0]
    doc = _build(entry, found.config)
    docs: tuple[Document, ...] = (doc,)
    if context > 1 and len(found.entries) > 1:
        k = found.entries.index(entry)
        lo = max(0, min(k - context // 2, len(found.entries) - context))
        window = found.entries[lo : lo + context]
        docs = tuple(doc if e is entry else _build(e, found.config) for e in window)
    corpus = Corpus(
        name=found.config.name, path=found.shown, config=found.config, documents=docs, problems=found.problems
    )
    return corpus, doc


def select(corpus: Corpus | Scan, key: str):
    """The document (or entry) whose id is ``key``, starts with it, or whose year it is."""
    items = corpus.documents if isinstance(corpus, Corpus) else corpus.entries
    where = corpus.path if isinstance(corpus, Corpus) else corpus.shown
    for item in items:
        if item.id == key:
            return item
    matches = [d for d in items if d.id.startswith(key)]
    if not matches and re.fullmatch(r"\d{4}", key):
        matches = [d for d in items if (d.date or "")[:4] == key]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise DocumentSelectionError(f"no document {key!r} in {where}")
    names = ", ".join(d.id for d in matches)
    raise DocumentSelectionError(f"{key!r} matches {len(matches)} documents in {where}: {names}; give the id")
