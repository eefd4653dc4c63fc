"""Renderers for ``diff`` (two documents) and ``align`` (a focus document against a corpus).

- :func:`diff_data` / :func:`render_diff` -- the JSON contract of ``diff`` and its tables.
- :func:`align_data` / :func:`render_align` -- the JSON contract of ``align`` and its tables.

``diff`` JSON (stable; other tools build on it)::

    {"a": {document summary}, "b": {...},
     "pairs": [{"status", "a": [OLD indices], "b": [NEW indices], "a_text", "b_text",
                "similarity", "ops": [["equal"|"insert"|"delete", text], ...]}],
     "summary": {status: count}, "shares": {"continuing", "new", "dropped"}, "options": {...}}

``a_text``/``b_text`` are the normalized sentences of the pair joined (no separator in
Chinese, a space otherwise). Pairs are in NEW order; removed pairs stand where they were
in OLD.

``align`` JSON::

    {"focus": {summary}, "documents": [{summary}],
     "sentences": [{"index", "text", "matches": {"<doc id>": {"similarity", "index", "text", "status"}}}],
     "reuse": {"<doc id>": {"of_focus", "of_doc"}}, "thresholds": {...}}
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..align import MATCH_THRESHOLDS, AlignOptions, EchoMap, continuity
from ..diff import joiner
from ..models import STATUSES, Alignment
from .tables import SUMMARY_NOTE, table, to_json, wrap

__all__ = ["align_data", "diff_data", "mark_ops", "render_align", "render_diff"]


def diff_data(alignment: Alignment, options: AlignOptions) -> dict[str, Any]:
    """The JSON of ``diff``."""
    a, b = alignment.a, alignment.b
    ja, jb = joiner(a.lang), joiner(b.lang)
    pairs = []
    for p in alignment.pairs:
        pairs.append(
            {
                "status": p.status,
                "a": list(p.a),
                "b": list(p.b),
                "a_text": ja.join(a.sentences[i].text for i in p.a),
                "b_text": jb.join(b.sentences[j].text for j in p.b),
                "similarity": p.similarity,
                "ops": [op.as_list() for op in p.ops],
            }
        )
    notes = []
    if a.lang != b.lang:
        notes.append(f"languages differ (OLD {a.lang}, NEW {b.lang}): no sentence can match")
    return {
        "a": a.summary(),
        "b": b.summary(),
        "notes": notes,
        "pairs": pairs,
        "summary": alignment.summary(),
        "shares": continuity(alignment),
        "options": asdict(options),
    }


def mark_ops(ops: list[list[str]], side: str, style: str = "wdiff") -> str:
    """One side of a pair with its changes marked: ``[-deleted-]`` (OLD), ``{+inserted+}`` (NEW),
    or ``both`` sides in one line.

    >>> mark_ops([["equal", "坚持"], ["delete", "改革"], ["insert", "开放"]], "a")
    '坚持[-改革-]'
    >>> mark_ops([["equal", "a "], ["insert", "b"]], "b", "markdown")
    'a **b**'
    """
    marks = {"wdiff": ("[-", "-]", "{+", "+}"), "markdown": ("~~", "~~", "**", "**")}[style]
    out = []
    for op, text in ops:
        if op == "equal":
            out.append(text)
        elif op == "delete" and side in ("a", "both"):
            out.append(f"{marks[0]}{text}{marks[1]}")
        elif op == "insert" and side in ("b", "both"):
            out.append(f"{marks[2]}{text}{marks[3]}")
    return "".join(out)


def _doc_line(d: dict[str, Any]) -> str:
    flag = " † news summary" if d["news_summary"] else ""
    who = f", {d['speaker']}" if d.get("speaker") else ""
    return f"{d['id']} ({d['date'] or 'undated'}{who}){flag}: {d['title']}"


def summary_line(data: dict[str, Any]) -> str:
    """``same 24 · changed 128 · ... — NEW: 38.1% continues OLD, 61.9% new (by characters)``."""
    counts = " · ".join(f"{s} {data['summary'][s]}" for s in STATUSES)
    shares = data["shares"]
    return (
        f"{counts} — NEW: {shares['continuing']:.1%} continues OLD, {shares['new']:.1%} new; "
        f"{shares['dropped']:.1%} of OLD dropped (by characters)"
    )


def render_diff(data: dict[str, Any], fmt: str, *, changes_only: bool = False) -> str:
    """``diff`` as table, markdown, csv or json (``html`` is :mod:`corpuscompare.report.html`)."""
    if fmt == "json":
        return to_json(data)
    pairs = [p for p in data["pairs"] if not (changes_only and p["status"] == "same")]
    style = "markdown" if fmt == "markdown" else "wdiff"
    rows = []
    for p in pairs:
        rows.append(
            [
                _indices(p["a"]),
                _indices(p["b"]),
                p["status"],
                p["similarity"],
                mark_ops(p["ops"], "a", style) if p["ops"] else p["a_text"],
                mark_ops(p["ops"], "b", style) if p["ops"] else p["b_text"],
            ]
        )
    headers = ["old #", "new #", "status", "sim", "OLD", "NEW"]
    if fmt == "csv":
        return table(rows, headers, fmt)
    out = []
    head = f"OLD {_doc_line(data['a'])}\nNEW {_doc_line(data['b'])}\n"
    if fmt == "markdown":
        out.append(
            f"## Diff\n\n- OLD: {_doc_line(data['a'])}\n- NEW: {_doc_line(data['b'])}\n\n{summary_line(data)}\n\n"
        )
    else:
        out.append(head + summary_line(data) + "\n\n")
    for note in data.get("notes", ()):
        out.append(f"Note: {note}\n\n")
    if fmt == "table":
        rows = [[*r[:4], wrap(r[4], 44), wrap(r[5], 44)] for r in rows]
    out.append(table(rows, headers, fmt))
    if data["a"]["news_summary"] or data["b"]["news_summary"]:
        out.append(f"\n{SUMMARY_NOTE}\n")
    if fmt != "markdown":
        out.append("\n[-…-] only in OLD, {+…+} only in NEW\n")
    return "".join(out)


def _indices(idx: list[int]) -> str:
    if not idx:
        return ""
    if len(idx) > 1 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{idx[0]}-{idx[-1]}"
    return ",".join(str(i) for i in idx)


def align_data(echo: EchoMap) -> dict[str, Any]:
    """The JSON of ``align``."""
    docs = echo.documents
    sentences = []
    for s, row in zip(echo.focus.sentences, echo.matches):
        matches = {}
        for doc, m in zip(docs, row):
            matches[doc.id] = {
                "similarity": m.similarity,
                "index": m.index,
                "text": doc.sentences[m.index].text if m.index is not None else None,
                "status": m.status,
            }
        sentences.append({"index": s.index, "text": s.text, "noise": s.is_noise, "matches": matches})
    return {
        "focus": echo.focus.summary(),
        "documents": [d.summary() for d in docs],
        "sentences": sentences,
        "reuse": {k: {"of_focus": v[0], "of_doc": v[1]} for k, v in sorted(echo.reuse.items())},
        "thresholds": dict(MATCH_THRESHOLDS),
    }


_SYMBOL = {"verbatim": "■", "close": "▣", "echo": "□", "none": "·"}


def render_align(data: dict[str, Any], fmt: str) -> str:
    """``align`` as table, markdown, csv (long format) or json."""
    if fmt == "json":
        return to_json(data)
    docs = data["documents"]
    if fmt == "csv":
        rows = []
        for s in data["sentences"]:
            for d in docs:
                m = s["matches"][d["id"]]
                rows.append(
                    [
                        s["index"],
                        s["text"],
                        d["id"],
                        d["news_summary"],
                        m["status"],
                        m["similarity"],
                        m["index"],
                        m["text"],
                    ]
                )
        return table(
            rows, ["index", "sentence", "doc", "news_summary", "status", "similarity", "match_index", "match"], fmt
        )
    out = []
    focus = data["focus"]
    title = f"Echoes of {_doc_line(focus)}"
    out.append(f"## {title}\n\n" if fmt == "markdown" else f"{title}\n\n")
    labels = [f"D{k + 1}" for k in range(len(docs))]
    rows = []
    for s in data["sentences"]:
        if s["noise"]:
            continue
        cells = [_SYMBOL[s["matches"][d["id"]]["status"]] for d in docs]
        rank = {"verbatim": 3, "close": 2, "echo": 1, "none": 0}
        best = max(
            docs,
            key=lambda d: (rank[s["matches"][d["id"]]["status"]], s["matches"][d["id"]]["similarity"]),
            default=None,
        )
        best_text = ""
        if best is not None and s["matches"][best["id"]]["status"] != "none":
            m = s["matches"][best["id"]]
            best_text = f"{labels[docs.index(best)]} {m['similarity']:.2f}"
        echoed = sum(1 for d in docs if s["matches"][d["id"]]["status"] != "none")
        rows.append([s["index"], s["text"], "".join(cells), echoed, best_text])
    out.append(
        table(
            rows,
            ["#", "sentence", "".join(str(k % 10) for k in range(1, len(docs) + 1)), "docs", "best"],
            fmt,
            widths=[None, 50, None, None, None],
        )
    )
    out.append(f"\n■ verbatim  ▣ close  □ echo  · none — one column per document, D1-D{len(docs)} below\n\n")
    reuse_rows = []
    for label, d in zip(labels, docs):
        r = data["reuse"][d["id"]]
        counts = {k: 0 for k in ("verbatim", "close", "echo")}
        for s in data["sentences"]:
            st = s["matches"][d["id"]]["status"]
            if st in counts:
                counts[st] += 1
        doc_id = d["id"] + ("†" if d["news_summary"] else "")
        reuse_rows.append(
            [
                label,
                d["date"],
                doc_id,
                d["speaker"],
                f"{r['of_focus']:.1%}",
                f"{r['of_doc']:.1%}",
                counts["verbatim"],
                counts["close"],
                counts["echo"],
            ]
        )
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
    if any(d["news_summary"] for d in docs) or focus["news_summary"]:
        out.append(f"{SUMMARY_NOTE}\n")
    return "".join(out)
