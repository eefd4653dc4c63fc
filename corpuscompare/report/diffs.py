"""Renderers for ``diff`` (two documents) and ``align`` (a focus document against a corpus).

- :func:`render_diff` -- a :class:`~corpuscompare.model.comparison.PairDiff` as table, markdown, csv or json.
- :func:`render_align` -- an :class:`~corpuscompare.model.comparison.EchoResult` likewise.
- :func:`mark_ops` -- one side of a pair (or both) with its changes marked.

``diff`` JSON (stable; other tools build on it)::

    {"a": {document summary}, "b": {...}, "notes": [...],
     "pairs": [{"status", "a": [OLD indices], "b": [NEW indices], "a_text", "b_text",
                "similarity", "ops": [["equal"|"insert"|"delete", text], ...]}],
     "summary": {status: count}, "shares": {"continuing", "new", "dropped"}, "options": {...}}

``a_text``/``b_text`` are the normalized sentences of the pair joined (no separator in
Chinese, a space otherwise). Pairs are in NEW order; removed pairs stand where they were
in OLD. ``summary`` and ``shares`` count every pair, also with ``--changes-only``.

``align`` JSON::

    {"focus": {summary}, "documents": [{summary}],
     "sentences": [{"index", "text", "noise", "matches": {"<doc id>": {"similarity", "index", "text", "status"}}}],
     "reuse": {"<doc id>": {"of_focus", "of_doc"}}, "thresholds": {...}}
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.alignment import STATUSES, DiffOp, MatchStatus
from ..model.document import DocumentSummary
from ..model.findings import ReuseResult
from ..model.results import DiffRow, EchoResult, PairDiff
from ..model.serialize import to_json
from .markdown import MarkdownText, md_escape
from .tables import SUMMARY_NOTE, table, wrap

__all__ = ["mark_ops", "render_align", "render_diff", "summary_line"]


def mark_ops(ops: Sequence[DiffOp], side: str, style: str = "wdiff") -> str:
    """One side of a pair with its changes marked: ``[-deleted-]`` (OLD), ``{+inserted+}`` (NEW),
    or ``both`` sides in one line. The ``markdown`` style escapes the text and returns
    :class:`~corpuscompare.report.markdown.MarkdownText`.

    >>> mark_ops([DiffOp("equal", "坚持"), DiffOp("delete", "改革"), DiffOp("insert", "开放")], "a")
    '坚持[-改革-]'
    >>> print(mark_ops([DiffOp("equal", "a "), DiffOp("insert", "b|c")], "b", "markdown"))
    a **b\\|c**
    """
    marks = {"wdiff": ("[-", "-]", "{+", "+}"), "markdown": ("~~", "~~", "**", "**")}[style]
    if style == "markdown":
        ops = [DiffOp(op, md_escape(text)) for op, text in ops]
    out = []
    for op, text in ops:
        if op == "equal":
            out.append(text)
        elif op == "delete" and side in ("a", "both"):
            out.append(f"{marks[0]}{text}{marks[1]}")
        elif op == "insert" and side in ("b", "both"):
            out.append(f"{marks[2]}{text}{marks[3]}")
    joined = "".join(out)
    return MarkdownText(joined) if style == "markdown" else joined


def shown_ops(row: DiffRow, side: str) -> list[DiffOp]:
    """The row's ops with their text as the source writes it on ``side`` (``a``: equal and
    deleted text from OLD; ``b``: equal and inserted text from NEW). The shown texts have
    the normalized texts' lengths, so each op cuts them at the same place."""
    a, b = row.a_shown or row.a_text, row.b_shown or row.b_text
    if len(a) != len(row.a_text) or len(b) != len(row.b_text):
        return list(row.ops)
    ia = ib = 0
    out = []
    for op, text in row.ops:
        n = len(text)
        if op == "equal":
            piece = a[ia : ia + n] if side == "a" else b[ib : ib + n]
            ia, ib = ia + n, ib + n
        elif op == "delete":
            piece, ia = a[ia : ia + n], ia + n
        else:
            piece, ib = b[ib : ib + n], ib + n
        out.append(DiffOp(op, piece))
    return out


def _doc_line(d: DocumentSummary, fmt: str = "table") -> str:
    esc = md_escape if fmt == "markdown" else str
    flag = " † news summary" if d.news_summary else ""
    who = f", {esc(d.speaker)}" if d.speaker else ""
    return f"{esc(d.id)} ({d.date or 'undated'}{who}){flag}: {esc(d.title)}"


def summary_line(diff: PairDiff) -> str:
    """``same 24 · changed 128 · ... — NEW: 38.1% continues OLD, 61.9% new (by characters)``."""
    counts = " · ".join(f"{s} {diff.summary[s]}" for s in STATUSES)
    shares = diff.shares
    return (
        f"{counts} — NEW: {shares.continuing:.1%} continues OLD, {shares.new:.1%} new; "
        f"{shares.dropped:.1%} of OLD dropped (by characters)"
    )


def render_diff(diff: PairDiff, fmt: str) -> str:
    """``diff`` as table, markdown, csv or json (``html`` is :mod:`corpuscompare.report.html`)."""
    if fmt == "json":
        return to_json(diff)
    style = "markdown" if fmt == "markdown" else "wdiff"
    rows = []
    for p in diff.pairs:
        rows.append(
            [
                _indices(p.a),
                _indices(p.b),
                p.status,
                p.similarity,
                mark_ops(shown_ops(p, "a"), "a", style) if p.ops else (p.a_shown or p.a_text),
                mark_ops(shown_ops(p, "b"), "b", style) if p.ops else (p.b_shown or p.b_text),
            ]
        )
    headers = ["old #", "new #", "status", "sim", "OLD", "NEW"]
    if fmt == "csv":
        return table(rows, headers, fmt)
    out = []
    head = f"OLD {_doc_line(diff.a)}\nNEW {_doc_line(diff.b)}\n"
    if fmt == "markdown":
        out.append(
            f"## Diff\n\n- OLD: {_doc_line(diff.a, fmt)}\n- NEW: {_doc_line(diff.b, fmt)}\n\n{summary_line(diff)}\n\n"
        )
    else:
        out.append(head + summary_line(diff) + "\n\n")
    for note in diff.notes:
        out.append(f"Note: {note}\n\n")
    if fmt == "table":
        rows = [[*r[:4], wrap(r[4], 44), wrap(r[5], 44)] for r in rows]
    out.append(table(rows, headers, fmt))
    if diff.a.news_summary or diff.b.news_summary:
        out.append(f"\n{SUMMARY_NOTE}\n")
    if fmt != "markdown":
        out.append("\n[-…-] only in OLD, {+…+} only in NEW\n")
    return "".join(out)


def _indices(idx: Sequence[int]) -> str:
    if not idx:
        return ""
    if len(idx) > 1 and list(idx) == list(range(idx[0], idx[-1] + 1)):
        return f"{idx[0]}-{idx[-1]}"
    return ",".join(str(i) for i in idx)


_SYMBOL = {MatchStatus.VERBATIM: "■", MatchStatus.CLOSE: "▣", MatchStatus.ECHO: "□", MatchStatus.NONE: "·"}


def _reuse_rows(echo: EchoResult, labels: list[str]) -> list[list[object]]:
    """One row per document: its reuse shares and how many focus sentences match how."""
    reuse_rows = []
    for label, d in zip(labels, echo.documents):
        r = echo.reuse[d.id]
        counts = dict.fromkeys((MatchStatus.VERBATIM, MatchStatus.CLOSE, MatchStatus.ECHO), 0)
        for s in echo.sentences:
            st = s.matches[d.id].status
            if st in counts:
                counts[st] += 1
        reuse_rows.append(
            [
                label,
                d.date,
                d.id + ("†" if d.news_summary else ""),
                d.speaker,
                f"{r.of_focus:.1%}",
                f"{r.of_doc:.1%}",
                *counts.values(),
            ]
        )
    return reuse_rows


def render_align(echo: EchoResult, fmt: str) -> str:
    """``align`` as table, markdown, csv (long format) or json."""
    if fmt == "json":
        return to_json(echo)
    docs = echo.documents
    if fmt == "csv":
        rows = [
            [s.index, s.text, d.id, d.news_summary, m.status, m.similarity, m.index, m.text]
            for s in echo.sentences
            for d in docs
            for m in (s.matches[d.id],)
        ]
        return table(
            rows, ["index", echo.unit, "doc", "news_summary", "status", "similarity", "match_index", "match"], fmt
        )
    out = []
    title = f"Echoes of {_doc_line(echo.focus, fmt)}"
    out.append(f"## {title}\n\n" if fmt == "markdown" else f"{title}\n\n")
    labels = [f"D{k + 1}" for k in range(len(docs))]
    rows = []
    for s in echo.sentences:
        if s.noise:
            continue
        cells = [_SYMBOL[s.matches[d.id].status] for d in docs]
        best = max(
            range(len(docs)),
            key=lambda k: (s.matches[docs[k].id].status.rank, s.matches[docs[k].id].similarity),
            default=None,
        )
        best_text = ""
        if best is not None and s.matches[docs[best].id].status != MatchStatus.NONE:
            best_text = f"{labels[best]} {s.matches[docs[best].id].similarity:.2f}"
        echoed = sum(1 for d in docs if s.matches[d.id].status != MatchStatus.NONE)
        rows.append([s.index, s.text, "".join(cells), echoed, best_text])
    out.append(
        table(
            rows,
            ["#", echo.unit, "".join(str(k % 10) for k in range(1, len(docs) + 1)), "docs", "best"],
            fmt,
            widths=[None, 50, None, None, None],
        )
    )
    out.append(f"\n■ verbatim  ▣ close  □ echo  · none — one column per document, D1-D{len(docs)} below\n\n")
    reuse_rows = _reuse_rows(echo, labels)
    out.append(
        table(
            reuse_rows,
            ["", "date", "document", "speaker", "of focus", "of doc", "verbatim", "close", "echo"],
            fmt,
            widths=[None, None, 30, 10, None, None, None, None, None],
        )
    )
    out.append(
        "\nof focus: share of the focus document echoed there; "
        "of doc: share of that document echoing the focus (by characters)\n"
    )
    if any(d.news_summary for d in docs) or echo.focus.news_summary:
        out.append(f"{SUMMARY_NOTE}\n")
    return "".join(out)


def render_reuse(result: ReuseResult, fmt: str) -> str:
    """``reuse`` as table, markdown, csv or json: the shares, then the passages."""
    if fmt == "json":
        return to_json(result)
    rows = [
        [k + 1, p.chars, p.clauses, _indices(p.new_sentences), _indices(p.old_sentences), p.text]
        for k, p in enumerate(result.passages)
    ]
    headers = ["#", "chars", "clauses", "new #", "old #", "passage (as NEW has it)"]
    if fmt == "csv":
        return table(rows, headers, fmt)
    sentence = "" if result.sentence_share is None else f"; sentences: {result.sentence_share:.1%} continue OLD"
    line = (
        f"formulations: {result.share:.1%} of NEW's clause text is reused from OLD "
        f"({result.reused} of {result.clauses} clauses){sentence}"
    )
    if fmt == "markdown":
        out = [f"## Reuse\n\n- OLD: {_doc_line(result.old, fmt)}\n- NEW: {_doc_line(result.new, fmt)}\n\n{line}\n\n"]
    else:
        out = [f"OLD {_doc_line(result.old)}\nNEW {_doc_line(result.new)}\n{line}\n\n"]
        rows = [[*r[:5], wrap(r[5], 70)] for r in rows]
    out.append(table(rows, headers, fmt))
    if result.old.news_summary or result.new.news_summary:
        out.append(f"\n{SUMMARY_NOTE}\n")
    return "".join(out)
