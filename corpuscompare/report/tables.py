"""Tables for the terminal, Markdown, CSV and JSON: one renderer per command's result.

- :func:`table` -- rows -> ``table`` (tabulate, CJK-aligned), ``markdown`` (pipe table,
  cells escaped) or ``csv``.
- :func:`info_data` / :func:`render_info` -- ``corpuscompare info``.
- :func:`show_data` / :func:`render_show` -- ``corpuscompare show``.

Every renderer takes the record of its command, so the four formats always say the same
thing. Documents that are only news summaries carry a ``†`` in tables and
``"news_summary": true`` in JSON.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from ..model.document import Corpus
from ..model.results import DocumentView
from ..model.serialize import to_data, to_json
from .markdown import MarkdownText, md_escape

__all__ = [
    "FORMATS",
    "SUMMARY_NOTE",
    "info_data",
    "render_info",
    "render_show",
    "show_data",
    "table",
]

FORMATS = ("table", "markdown", "csv", "json")
SUMMARY_NOTE = "† news summary: a report about the speech in the third person, not its full text"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # tabulate reads the strings "True"/"False" as booleans
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"
    return str(value)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(cell: str, value: Any) -> str:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``+cmd|…``,
    ``@SUM``) gets a leading ``'`` (OWASP's advice); numbers stay numbers (-4.918).

    >>> _csv_safe("=HYPERLINK(1)", "=HYPERLINK(1)"), _csv_safe("-4.918", -4.918)
    ("'=HYPERLINK(1)", '-4.918')
    """
    if isinstance(value, int | float) or not cell.startswith(_FORMULA):
        return cell
    return "'" + cell


def table(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str],
    fmt: str,
    *,
    widths: Sequence[int | None] | None = None,
    compact: bool = False,
) -> str:
    """Render rows as a terminal table, a Markdown pipe table or CSV (text ends with ``\\n``).

    ``compact`` Markdown drops tabulate's column padding (same table once rendered, far
    fewer bytes when one cell is long)."""
    from tabulate import tabulate  # imported here: JSON output never needs it

    cells = [[_cell(v) for v in row] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([[_csv_safe(c, v) for c, v in zip(row, raw)] for row, raw in zip(cells, rows)])
        return out.getvalue()
    if fmt == "markdown":
        cells = [
            [c if isinstance(v, MarkdownText) else md_escape(c) for c, v in zip(row, raw)]
            for row, raw in zip(cells, rows)
        ]
        text = tabulate(cells, headers=list(headers), tablefmt="github", disable_numparse=True)
        if compact:
            text = "\n".join(_unpad(line) for line in text.split("\n"))
        return text + "\n"
    if not cells:
        return "(none)\n"
    return (
        tabulate(
            cells,
            headers=list(headers),
            tablefmt="simple",
            disable_numparse=True,
            maxcolwidths=list(widths) if widths else None,
        )
        + "\n"
    )


_PADDING = re.compile(r"(?<=[^ ]) {2,}(?=\|)|(?<=\|) {2,}(?=[^ ])")
_RULE = re.compile(r"-{3,}")


def _unpad(line: str) -> str:
    """``| a    | bb |`` -> ``| a | bb |``; a rule line keeps three dashes a column."""
    if line.startswith("|-") or line.startswith("|:"):
        return _RULE.sub("---", line)
    return _PADDING.sub(" ", line)


_ATOM = re.compile(r"\[-.|\{\+.|-\]|\+\}|[A-Za-z0-9\u00c0-\u024f'’.%-]+|.", re.DOTALL)
_NO_LINE_START = set("，。、；：！？）」』”’》〉】…%,.;:!?)]")


def wrap(text: str, width: int) -> str:
    """Wrap to ``width`` terminal columns, counting wide (CJK) characters as two.

    Never breaks inside a change marker (``[-…-]``, ``{+…+}``), inside a Latin word, or
    before closing punctuation (``，。”``), so marked diffs stay readable.

    >>> print(wrap("我们倡导[-、-]“五点主张”，就是希望", 10))
    我们倡导
    [-、-]“五
    点主张”，
    就是希望
    """
    from wcwidth import wcswidth

    lines: list[str] = []
    for para in text.split("\n"):
        atoms = _ATOM.findall(para)
        line, used = "", 0
        for atom in atoms:
            w = wcswidth(atom)
            w = len(atom) if w < 0 else w
            glue = atom in _NO_LINE_START or atom in ("-]", "+}")
            if used + w > width and line and not glue and not atom.isspace():
                lines.append(line.rstrip())
                line, used = "", 0
            if not line and atom.isspace():
                continue
            line += atom
            used += w
        lines.append(line.rstrip())
    return "\n".join(lines)


# --- info --------------------------------------------------------------------------------


def info_data(corpus: Corpus) -> dict[str, Any]:
    """The JSON of ``info``: the corpus, its documents in date order and its problems."""
    return {
        "corpus": {"name": corpus.name, "path": corpus.path, "description": corpus.config.description},
        "documents": [to_data(doc.summary()) for doc in corpus.documents],
        "problems": [p.as_dict() for p in corpus.problems],
    }


_INFO_COLUMNS = (
    ("date", "date", None),
    ("id", "id", 28),
    ("speaker", "speaker", 10),
    ("title", "title", 24),
    ("genre", "genre", 14),
    ("completeness", "completeness", None),
    ("lang", "lang", None),
    ("chars", "chars", None),
    ("sentences", "sentences", None),
)


def render_info(data: dict[str, Any], fmt: str) -> str:
    """``info`` in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json(data)
    docs = data["documents"]
    rows = []
    for d in docs:
        row = [d[key] for key, _, _ in _INFO_COLUMNS]
        if d["news_summary"]:
            row[1] = f"{d['id']}†"
        rows.append(row)
    headers = [h for _, h, _ in _INFO_COLUMNS]
    if fmt == "csv":
        return table(
            [[*r[:1], d["id"], *r[2:], d["news_summary"]] for r, d in zip(rows, docs)], [*headers, "news_summary"], fmt
        )
    out = []
    c = data["corpus"]
    head = f"{c['name']} ({c['path']}): {len(docs)} documents"
    out.append(f"## {head}\n\n" if fmt == "markdown" else head + "\n\n")
    out.append(table(rows, headers, fmt, widths=[w for _, _, w in _INFO_COLUMNS]))
    if any(d["news_summary"] for d in docs):
        out.append(f"\n{SUMMARY_NOTE}\n")
    problems = data["problems"]
    out.append(f"\n{'### ' if fmt == 'markdown' else ''}Problems: {len(problems)}\n")
    if problems:
        out.append("\n" if fmt == "markdown" else "")
        out.append(table([[p["path"], p["error"]] for p in problems], ["path", "error"], fmt, widths=[30, 60]))
    return "".join(out)


# --- show --------------------------------------------------------------------------------


def show_data(view: DocumentView) -> dict[str, Any]:
    """The JSON of ``show``: metadata, and each sentence with its paragraph and tokens."""
    doc, tokens = view.document, view.tokens
    meta = dict(doc.meta)
    meta.update(
        {
            "lang": doc.lang,
            "path": doc.path,
            "encoding": doc.encoding,
            "news_summary": doc.is_summary,
            "chars": doc.chars,
            "paragraphs": len(doc.paragraphs),
            "sentences": len(doc.sentences),
        }
    )
    return {
        "id": doc.id,
        "meta": meta,
        "sentences": [
            {
                "index": s.index,
                "id": s.id,
                "paragraph": s.paragraph,
                "text": s.text,
                "shown": doc.shown(s),
                "tokens": list(toks),
                "start": s.start,
                "end": s.end,
                "noise": s.is_noise,
                "role": s.role,
                "frame": [list(span) for span in s.frame],
            }
            for s, toks in zip(doc.sentences, tokens)
        ],
    }


def render_show(data: dict[str, Any], fmt: str, *, with_tokens: bool = False) -> str:
    """``show`` in one of :data:`FORMATS`; tables show tokens only when asked."""
    if fmt == "json":
        return to_json(data)
    sep = " / "
    headers = ["#", "¶", "role", "sentence"] + (["tokens"] if with_tokens else [])
    rows = []
    for s in data["sentences"]:
        role = "" if s["role"] == "text" else s["role"]  # only the other roles are marked
        row = [s["index"], s["paragraph"], role, s["shown"]]  # as the source writes it
        if with_tokens:
            row.append(sep.join(s["tokens"]))
        rows.append(row)
    if fmt == "csv":
        return table(rows, headers, fmt)
    meta_rows = [[k, _meta_value(v)] for k, v in sorted(data["meta"].items())]
    out = []
    title = f"{data['id']}" + (" †" if data["meta"].get("news_summary") else "")
    out.append(f"## {title}\n\n" if fmt == "markdown" else f"{title}\n\n")
    out.append(table(meta_rows, ["field", "value"], fmt, widths=[14, 70]))
    if data["meta"].get("news_summary"):
        out.append(f"\n{SUMMARY_NOTE}\n")
    out.append("\n")
    out.append(table(rows, headers, fmt, widths=[None, None, None, 60, 50] if with_tokens else [None, None, None, 80]))
    return "".join(out)


def _meta_value(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return _cell(value)
