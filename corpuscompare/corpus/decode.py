"""One source file: its bytes decoded, its YAML front matter, its date.

- :func:`decode` -- bytes -> text: UTF-8 (BOM or not), UTF-16/32 with a BOM, GB18030/GBK
  and what charset-normalizer recognises; binary and undecodable data are refused.
- :func:`split_front_matter` -- YAML between ``---`` lines, read with ``safe_load`` rules
  but dates kept as written (so ``2015-02-30`` is reported, not a crash).
- :func:`parse_date`, :func:`date_from_name` -- ISO dates from front matter or file names.

Each raises a typed error (:class:`~corpuscompare.errors.DecodeError`,
:class:`~corpuscompare.errors.FrontMatterError`) that :mod:`corpuscompare.corpus.load` turns
into a :class:`~corpuscompare.model.document.Problem` for that file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from typing import Any

import yaml

from ..errors import DecodeError, FrontMatterError
from .normalize import HAN_RE

__all__ = ["date_from_name", "decode", "parse_date", "split_front_matter"]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes; return the text (line ends folded to ``\\n``) and the encoding.

    Raises :class:`DecodeError` for binary data and for bytes that no encoding reads
    without replacement characters.
    """
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(2, len(text) // 200):
        raise DecodeError("looks binary (control characters in the text)")
    if "\ufffd" in text:
        raise DecodeError(f"decodes as {encoding} only with replacement characters")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding + ("-sig" if encoding == "utf-8" else "")
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    zeros = data.count(b"\x00")
    if zeros and zeros < len(data) // 4:
        raise DecodeError("looks binary (NUL bytes)")
    try:
        text = data.decode("gb18030")
        if _plausible_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not text in any encoding recognised (binary, or an unknown encoding)")
    encoding = best.encoding
    if encoding in ("cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "latin_1", "iso8859_2", "mac_roman"):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding


def _plausible_chinese(text: str) -> bool:
    """GB18030 reads most byte strings; accept it only when the result looks like Chinese."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    common = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fff" or c in "，。、；：！？“”‘’（）《》—…·　％")
    return common / len(non_ascii) > 0.95 and _common_hanzi_share(non_ascii) > 0.5


def _common_hanzi_share(chars: list[str]) -> float:
    # Big5 or Shift-JIS bytes read as GB18030 give rare ideographs; real text is mostly
    # from the 3,500 common ones, which all fall in GB2312 level 1 (B0A1-D7F9).
    level1 = 0
    for c in chars:
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and (0xB0 <= b[0] <= 0xD7 or b[0] < 0xB0):
            level1 += 1
    return level1 / len(chars)


# --- front matter ------------------------------------------------------------------------


class _MetaLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """``safe_load`` rules, but timestamps stay strings: dates are checked by us."""


_MetaLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


class YamlAliasError(yaml.YAMLError):
    """An alias (``*name``) in YAML the tool reads: refused before anything is expanded."""

    def __init__(self, mark: Any) -> None:
        super().__init__("YAML aliases are not allowed")
        self.problem = "aliases (*name) are not allowed (one can expand to gigabytes)"
        self.problem_mark = mark
        self.context_mark = None


def load_yaml(text: str, loader: type = yaml.SafeLoader) -> Any:
    """``yaml.load`` with ``loader``, after checking the events for aliases: a billion-laughs
    file is refused at once instead of expanding (front matter and corpus.yaml need none).

    >>> load_yaml("[&x 1, *x]")
    Traceback (most recent call last):
    corpuscompare.corpus.decode.YamlAliasError: YAML aliases are not allowed
    """
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlAliasError(event.start_mark)
    return yaml.load(text, Loader=loader)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split ``---``-fenced YAML from the body: ``(meta, body, offset of the body)``.

    Raises :class:`FrontMatterError` (with the line number) for malformed YAML, front
    matter that is not a mapping, or a fence that is never closed.
    """
    if not (text.startswith("---\n") or text.rstrip("\n") == "---" or text.startswith("--- \n")):
        return {}, text, 0
    first_nl = text.find("\n")
    closing = _FENCE.search(text, first_nl + 1) if first_nl >= 0 else None
    if closing is None:
        raise FrontMatterError("front matter opened with '---' is never closed")
    block = text[first_nl + 1 : closing.start()]
    try:
        meta = load_yaml(block, _MetaLoader)
    except yaml.YAMLError as exc:
        # Line numbers count from the top of the file: the block starts on its line 2.
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        context = getattr(exc, "context_mark", None)
        if context is not None and mark is not None and context.line != mark.line:
            where += f" (in what opens at line {context.line + 2})"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(f"malformed YAML front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(f"front matter is a {type(meta).__name__}, not a mapping of fields")
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    return {str(k): v for k, v in meta.items()}, text[body_start:], body_start


# --- dates -------------------------------------------------------------------------------

_NAME_DATE = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)(?:[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?)?(?!\d)")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date(value: Any) -> str | None:
    """A front-matter date (year, year-month or ISO date) as an ISO string.

    Raises ValueError for dates that do not exist (``2015-02-30``) or are not dates.

    >>> parse_date(2024), parse_date("2015-12-16"), parse_date(dt.date(2017, 12, 3))
    ('2024', '2015-12-16', '2017-12-03')
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int):
        value = str(value)
    m = _ISO.match(str(value).strip())
    if not m:
        raise ValueError(f"not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    if day is not None:
        return dt.date(year, month, day).isoformat()
    if month is not None:
        dt.date(year, month, 1)
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def first_line(body: str) -> str:
    """The first non-empty line of a body (a Markdown heading's ``#`` left out)."""
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line
    return ""


_SENTENCE_END = re.compile(r"[。！？!?.…;；:：]$")


def looks_like_title(line: str) -> bool:
    """Short, and not a sentence: no stop at its end."""
    short = len(line) <= 40 if HAN_RE.search(line) else len(line.split()) <= 12 and len(line) <= 100
    return bool(line) and short and not _SENTENCE_END.search(line)


def name_after_date(stem: str) -> str | None:
    """The part of a file name after its date, as written: ``2016-obama`` -> ``obama``.

    >>> name_after_date("2016-obama"), name_after_date("2015-12-16-xi-keynote"), name_after_date("notes")
    ('obama', 'xi-keynote', None)
    """
    m = _NAME_DATE.search(stem)
    if not m:
        return None
    rest = stem[m.end() :].strip("-_. ")
    return rest or None


def date_from_name(stem: str) -> str | None:
    """Year or ISO date in a file name: ``2016-obama`` -> 2016, ``2015-12-16-xi`` -> 2015-12-16."""
    m = _NAME_DATE.search(stem)
    if not m:
        return None
    year, month, day = m.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month and re.search(rf"{year}[-_.]{month}", stem):
            return f"{year}-{month}"
    except ValueError:
        pass
    return year


# --- configuration -----------------------------------------------------------------------
