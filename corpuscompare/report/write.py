"""Writing a report: index.html, one page per diff, report.md, tables/*.csv, data.json.

- :func:`render_files` -- a report model -> ``{relative path: text}``, byte-identical for
  the same model (no clock is read unless ``SOURCE_DATE_EPOCH`` asks for a date).
- :func:`write_report` -- put those files in a folder atomically: they are built in a
  temporary folder beside the target and swapped in by renames, so an interrupted run
  leaves the previous report as it was. A folder that is not a previous report (it has no
  ``.corpuscompare-report`` marker) is never overwritten without ``force``.
- :func:`markdown_report`, :func:`csv_tables`, :func:`data_json` -- the non-HTML outputs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReportError
from ..models import STATUSES
from . import trends
from .html import clip, data_blob, echo_grid, render_diff_page, render_index
from .tables import table
from .trends import strip

__all__ = ["MARKER", "Written", "csv_tables", "data_json", "markdown_report", "render_files", "write_report"]

MARKER = ".corpuscompare-report"
#: data.json keeps the full diff JSON of every page while it stays under this size.
DATA_JSON_LIMIT = 1_000_000
#: Variants shown per slogan in index.html and report.md (all are in tables/variants.csv).
VARIANTS_SHOWN = 8


@dataclass(frozen=True)
class Written:
    """Where a report went."""

    path: Path
    files: int
    bytes: int


def generated_date() -> str | None:
    """The date to print in the report: only from ``SOURCE_DATE_EPOCH``, never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%d")
    except (ValueError, OverflowError, OSError):
        return None


def labels(model: dict[str, Any]) -> dict[str, str]:
    """Short labels: the year when it names one document, else the year and the id's rest."""
    years: dict[Any, int] = {}
    for d in model["documents"]:
        years[d["year"]] = years.get(d["year"], 0) + 1
    out = {}
    for d in model["documents"]:
        if d["year"] is not None and years[d["year"]] == 1:
            label = str(d["year"])
        else:
            rest = d["id"][len(d["date"]) :].lstrip("-_ ") if d["date"] and d["id"].startswith(d["date"]) else d["id"]
            label = f"{d['year']} {rest}" if d["year"] is not None and rest else d["id"]
        out[d["id"]] = label + ("†" if d["news_summary"] else "")
    return out


def _index_context(model: dict[str, Any]) -> dict[str, Any]:
    docs = model["documents"]
    lab = labels(model)
    ids = [d["id"] for d in docs]
    matrix = {
        "ids": ids,
        "labels": [lab[i] for i in ids],
        "cells": [
            [
                ids.index(r["old"]),
                ids.index(r["new"]),
                r["shares"]["continuing"],
                ",".join(str(r["summary"][s]) for s in STATUSES),
                r["page"],
            ]
            for r in model["continuity"]
        ],
    }
    pair_bars = []
    for c in model["consecutive"]:
        total = sum(c["summary"].values()) or 1
        pair_bars.append([(s, c["summary"][s] / total) for s in STATUSES if c["summary"][s]])
    weak = [d["news_summary"] for d in docs]
    strips = {
        p["phrase"]: strip([p["counts"].get(d["id"], 0) for d in docs], weak) for p in model["phrases"]["phrases"]
    }
    variants, slogan_totals, unit_labels = [], {}, {}
    if model["track"]:
        for u in model["track"]["units"]:
            unit_labels[u["key"]] = lab.get(u["key"], u["key"]) if not model["track"]["by_year"] else u["key"]
        for s in model["track"]["slogans"]:
            slogan_totals[s["phrase"]] = sum(s["counts"].values())
            for v in s["variants"][:VARIANTS_SHOWN]:
                variants.append({**v, "slogan": s["phrase"]})
    charts = []
    if model["themes"]:
        for t in model["themes"]["themes"]:
            top = max(t["rate"].values(), default=0) or 1
            charts.append(
                {
                    "name": t["name"],
                    "max": f"{max(t['rate'].values(), default=0):.1f}",
                    "bars": [
                        {
                            "height": f"{t['rate'][d['id']] / top * 100:.1f}",
                            "label": lab[d["id"]],
                            "rate": t["rate"][d["id"]],
                            "summary": d["news_summary"],
                        }
                        for d in docs
                    ],
                    "first": lab[docs[0]["id"]] if docs else "",
                    "last": lab[docs[-1]["id"]] if docs else "",
                }
            )
    langs = [d["lang"] for d in docs]
    return {
        "labels": lab,
        "matrix_blob": data_blob(matrix),
        "pages_missing": any(r["page"] is None for r in model["continuity"]),
        "pair_bars": pair_bars,
        "phrase_strips": strips,
        "variants": variants,
        "slogan_totals": slogan_totals,
        "unit_labels": unit_labels,
        "charts": charts,
        "kwic_blob": data_blob(model["kwic"]),
        "echo_blob": data_blob(echo_grid(model["echo"])) if model["echo"] else None,
        "summaries": sum(weak),
        "generated": generated_date(),
        "variants_shown": VARIANTS_SHOWN,
        "status_class": {
            "new": "sn",
            "continuing": "sc",
            "revived": "sr",
            "dropped": "sd",
            "absent": "sa",
            "weak": "sw",
        },
        "lang": max(set(langs), key=langs.count) if langs else "zh",
    }


def render_files(model: dict[str, Any]) -> dict[str, str]:
    """Every file of the report, by path relative to the report folder."""
    lab = labels(model)
    files = {"index.html": render_index(model, _index_context(model))}
    for name, diff in sorted(model["diffs"].items()):
        title = f"{lab[diff['a']['id']]} → {lab[diff['b']['id']]}"
        files[name] = render_diff_page(diff, title=title, back="index.html")
    files["report.md"] = markdown_report(model)
    for name, text in csv_tables(model).items():
        files[f"tables/{name}"] = text
    files["data.json"] = data_json(model)
    files[MARKER] = "This folder is a corpuscompare report; `corpuscompare report` may replace it.\n"
    return files


def data_json(model: dict[str, Any]) -> str:
    """The model as JSON (compact, sorted keys), without the keyword-in-context lines.

    When it would pass :data:`DATA_JSON_LIMIT`, the diffs of distant pairs keep only their
    counts and shares (the sentences are in their pages), then those of consecutive pairs
    too, and year-over-year sentences become indices (texts in
    tables/year_over_year.csv) and the echo map keeps its reuse shares (matches in
    tables/echo.csv); ``corpuscompare diff`` and ``align`` give the full JSON of any pair.
    """
    data = {k: v for k, v in model.items() if k != "kwic"}
    data["continuity"] = {"columns": list(CONTINUITY_COLUMNS), "rows": continuity_rows(model)}
    if data.get("track"):
        # variants keep text, documents, first year and group (the ``track`` contract);
        # their character diffs are in index.html and report.md
        data["track"] = {
            **data["track"],
            "slogans": [
                {**s, "variants": [{k: v for k, v in var.items() if k != "ops"} for var in s["variants"]]}
                for s in data["track"]["slogans"]
            ],
        }
    text = _compact(data)
    if len(text.encode("utf-8")) <= DATA_JSON_LIMIT:
        return text

    def summarized(diff: dict[str, Any]) -> dict[str, Any]:
        return {
            "a": diff["a"]["id"],
            "b": diff["b"]["id"],
            "summary": diff["summary"],
            "shares": diff["shares"],
            "omitted": "pairs: run `corpuscompare diff OLD NEW -f json` for the full diff",
        }

    # first the pages of distant pairs are summarized (year over year stays whole) ...
    year_pages = {c["page"] for c in model["consecutive"] if c["page"]}
    data["diffs"] = {name: diff if name in year_pages else summarized(diff) for name, diff in model["diffs"].items()}
    text = _compact(data)
    if len(text.encode("utf-8")) <= DATA_JSON_LIMIT:
        return text
    # ... then every page (the sentences are in the page itself)
    data["diffs"] = {name: summarized(diff) for name, diff in model["diffs"].items()}
    # year over year: sentence indices (their texts are in tables/year_over_year.csv)
    data["consecutive"] = [
        {
            **c,
            "new_sentences": [s["index"] for s in c["new_sentences"]],
            "dropped_sentences": [s["index"] for s in c["dropped_sentences"]],
        }
        for c in model["consecutive"]
    ]
    if model["echo"]:
        echo = {k: v for k, v in model["echo"].items() if k != "sentences"}
        echo["omitted"] = "sentence matches: see tables/echo.csv, or run `corpuscompare align -f json`"
        data["echo"] = echo
    return _compact(data)


CONTINUITY_COLUMNS = ("old", "new", "distance", *STATUSES, "continuing", "new_share", "dropped_share", "page")


def continuity_rows(model: dict[str, Any]) -> list[list[Any]]:
    """One row per pair of documents, in :data:`CONTINUITY_COLUMNS` order."""
    return [
        [
            r["old"],
            r["new"],
            r["distance"],
            *[r["summary"][s] for s in STATUSES],
            r["shares"]["continuing"],
            r["shares"]["new"],
            r["shares"]["dropped"],
            r["page"],
        ]
        for r in model["continuity"]
    ]


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# --- Markdown ----------------------------------------------------------------------------


def markdown_report(model: dict[str, Any]) -> str:
    """The findings as Markdown tables (renders on a code-hosting site)."""
    lab = labels(model)
    docs = model["documents"]
    out = [f"# {model['corpus']['name']}: continuity and change\n\n"]
    if model["corpus"]["description"]:
        out.append(model["corpus"]["description"] + "\n\n")
    summaries = sum(d["news_summary"] for d in docs)
    if summaries:
        out.append(
            f"† {summaries} of {len(docs)} documents are news summaries: reports about a speech in the third person, "
            "quoting it in part. Their silence on a point is weak evidence.\n\n"
        )
    if generated_date():
        out.append(f"Generated {generated_date()}.\n\n")
    out.append("## 1. Corpus\n\n")
    rows = [
        [d["date"], lab[d["id"]], d["title"], d["speaker"], d["genre"], d["completeness"], d["chars"], d["sentences"]]
        for d in docs
    ]
    out.append(
        table(
            rows,
            ["date", "document", "title", "speaker", "genre", "completeness", "characters", "sentences"],
            "markdown",
        )
    )
    if model["problems"]:
        out.append("\nFiles that did not load:\n\n")
        out.append(
            table([[p["path"], p["error"]] for p in model["problems"]], ["path", "error"], "markdown", compact=True)
        )

    out.append("\n## 2. Continuity matrix\n\n")
    out.append("Share (%) of the newer document (row) that continues the older one (column), by characters.\n\n")
    by_pair = {(r["old"], r["new"]): r for r in model["continuity"]}
    rows = []
    for j, newer in enumerate(docs[1:], start=1):
        row = [lab[newer["id"]]]
        for i, older in enumerate(docs[:-1]):
            row.append(f"{by_pair[(older['id'], newer['id'])]['shares']['continuing'] * 100:.0f}" if i < j else "")
        rows.append(row)
    out.append(table(rows, ["newer \\ older", *[lab[d["id"]] for d in docs[:-1]]], "markdown", compact=True))

    out.append("\n## 3. Year over year\n\n")
    rows = [
        [
            lab[c["old"]],
            lab[c["new"]],
            *[c["summary"][s] for s in STATUSES],
            f"{c['shares']['continuing']:.1%}",
            c["page"] or "",
        ]
        for c in model["consecutive"]
    ]
    headers = [
        "older",
        "newer",
        *["new" if s == "added" else "dropped" if s == "removed" else s for s in STATUSES],
        "continues",
        "diff",
    ]
    out.append(table(rows, headers, "markdown", compact=True))
    for c in model["consecutive"]:
        out.append(f"\n### {lab[c['old']]} → {lab[c['new']]}\n\n")
        if c["new_sentences"]:
            out.append("New:\n\n" + "".join(f"- {clip(s['text'])}\n" for s in c["new_sentences"]) + "\n")
        if c["dropped_sentences"]:
            out.append("Dropped:\n\n" + "".join(f"- {clip(s['text'])}\n" for s in c["dropped_sentences"]) + "\n")

    out.append("\n## 4. Slogans\n\n")
    weak = [d["news_summary"] for d in docs]
    if model["track"]:
        units = model["track"]["units"]
        rows = []
        for s in model["track"]["slogans"]:
            counts = [s["counts"][u["key"]] for u in units]
            now = s["status"][units[-1]["key"]] + (" (weak)" if units[-1]["key"] in s["weak"] else "")
            rows.append(
                [
                    s["phrase"],
                    sum(counts),
                    s["first_year"] or "",
                    s["last_year"] or "",
                    now,
                    "`" + strip(counts, [u["news_summary"] for u in units]) + "`",
                ]
            )
        out.append(table(rows, ["slogan", "total", "first", "last", "now", "timeline"], "markdown", compact=True))
        out.append("\ntimeline: one mark per document — · absent, ∘ absent from a news summary, ")
        out.append("1–9 occurrences, + ten or more.\n")
        rows = []
        for s in model["track"]["slogans"]:
            for v in s["variants"][:VARIANTS_SHOWN]:
                marked = "".join(
                    t if op == "equal" else f"~~{t}~~" if op == "delete" else f"**{t}**" for op, t in v["ops"]
                )
                rows.append([s["phrase"], v["group"], v["first_year"] or "", marked, len(v["docs"])])
        if rows:
            out.append("\n### Variants\n\n")
            out.append(
                table(
                    rows,
                    ["slogan", "group", "first", "formulation (against the group's first)", "docs"],
                    "markdown",
                    compact=True,
                )
            )
    out.append("\n### Top recurring phrases\n\n")
    rows = [
        [
            p["phrase"],
            p["docs"],
            p["total"],
            p["first_year"] or "",
            p["last_year"] or "",
            p["status"],
            "`" + strip([p["counts"].get(d["id"], 0) for d in docs], weak) + "`",
        ]
        for p in model["phrases"]["phrases"][:50]
    ]
    out.append(table(rows, ["phrase", "docs", "total", "first", "last", "now", "timeline"], "markdown", compact=True))

    out.append("\n## 5. Themes\n\n")
    if model["themes"]:
        themes = model["themes"]["themes"]
        rows = [[d["date"], lab[d["id"]], *[f"{t['rate'][d['id']]:.1f}" for t in themes]] for d in docs]
        out.append("Rate per 10,000 characters (words).\n\n")
        out.append(table(rows, ["date", "document", *[t["name"] for t in themes]], "markdown", compact=True))
    out.append("\n### Key terms against the previous document\n\n")
    rows = []
    for c in model["keyness"]["comparisons"]:
        over = ", ".join(t["term"] for t in c["terms"] if t["log_ratio"] > 0)
        under = ", ".join(t["term"] for t in c["terms"] if t["log_ratio"] < 0)
        rows.append([lab[c["doc"]], lab.get(c["against"], c["against"]), over, under])
    out.append(table(rows, ["document", "against", "over-used", "under-used"], "markdown", compact=True))

    out.append("\n## 6. Echo map\n\n")
    echo = model["echo"]
    if echo:
        out.append(f"Focus: {lab[echo['focus']['id']]} — {echo['focus']['title']}\n\n")
        rows = [
            [lab[d["id"]], f"{echo['reuse'][d['id']]['of_focus']:.1%}", f"{echo['reuse'][d['id']]['of_doc']:.1%}"]
            for d in echo["documents"]
        ]
        out.append(table(rows, ["document", "of focus", "of document"], "markdown", compact=True))
        ranked = sorted(
            (s for s in echo["sentences"] if not s["noise"]),
            key=lambda s: (-sum(m["status"] != "none" for m in s["matches"].values()), s["index"]),
        )
        rows = [[s["index"], s["text"], sum(m["status"] != "none" for m in s["matches"].values())] for s in ranked[:15]]
        out.append("\nMost echoed sentences of the focus document:\n\n")
        out.append(table(rows, ["#", "sentence", "documents echoing it"], "markdown", compact=True))
    else:
        out.append("No focus document (name one with `focus` in corpus.yaml).\n")
    return "".join(out)


# --- CSV ---------------------------------------------------------------------------------


def csv_tables(model: dict[str, Any]) -> dict[str, str]:
    """One CSV per finding, long format (one row per observation); a row about a document
    says whether it is only a news summary. Slogans, phrases, themes and keyness are the
    CSV of their commands (``track``, ``phrases``, ``themes``, ``keyness -f csv``)."""
    docs = model["documents"]
    summary = {d["id"]: d["news_summary"] for d in docs}
    out = {}
    out["documents.csv"] = table(
        [
            [
                d["id"],
                d["date"],
                d["year"],
                d["speaker"],
                d["title"],
                d["genre"],
                d["completeness"],
                d["news_summary"],
                d["lang"],
                d["chars"],
                d["sentences"],
            ]
            for d in docs
        ],
        [
            "id",
            "date",
            "year",
            "speaker",
            "title",
            "genre",
            "completeness",
            "news_summary",
            "lang",
            "chars",
            "sentences",
        ],
        "csv",
    )
    out["continuity.csv"] = table(
        [
            [*(value if value is not None else "" for value in row), summary[row[0]], summary[row[1]]]
            for row in continuity_rows(model)
        ],
        [*CONTINUITY_COLUMNS, "old_news_summary", "new_news_summary"],
        "csv",
    )
    out["year_over_year.csv"] = table(
        [
            [c["old"], c["new"], kind, s["index"], s["text"], summary[c["new"] if kind == "new" else c["old"]]]
            for c in model["consecutive"]
            for kind, group in (("new", c["new_sentences"]), ("dropped", c["dropped_sentences"]))
            for s in group
        ],
        ["old", "new", "kind", "index", "sentence", "news_summary"],
        "csv",
    )
    if model["track"]:
        out["slogans.csv"] = trends.render_track(model["track"], "csv")
        out["variants.csv"] = table(
            [
                [s["phrase"], v["group"], v["first_year"], v["text"], ";".join(v["docs"])]
                for s in model["track"]["slogans"]
                for v in s["variants"]
            ],
            ["slogan", "group", "first_year", "text", "docs"],
            "csv",
        )
    out["phrases.csv"] = trends.render_phrases(model["phrases"], "csv")
    if model["themes"]:
        out["themes.csv"] = trends.render_themes(model["themes"], "csv")
    out["keyness.csv"] = trends.render_keyness(model["keyness"], "csv")
    if model["echo"]:
        echo = model["echo"]
        out["echo.csv"] = table(
            [
                [s["index"], d["id"], m["status"], m["similarity"], m["index"], d["news_summary"]]
                for s in echo["sentences"]
                for d in echo["documents"]
                for m in (s["matches"][d["id"]],)
                if m["status"] != "none"
            ],
            ["focus_index", "doc", "status", "similarity", "match_index", "news_summary"],
            "csv",
        )
    return out


# --- writing -----------------------------------------------------------------------------


def _check_target(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file() and not force:
        raise ReportError(
            f"{out_dir} is not empty and is not a previous report: give another -o, or --force to replace it"
        )


def write_report(files: dict[str, str], out_dir: Path, *, force: bool = False) -> Written:
    """Write ``files`` into ``out_dir`` atomically (see the module docstring)."""
    out_dir = Path(out_dir)
    _check_target(out_dir, force)
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    except OSError as exc:
        raise ReportError(f"cannot write in {parent}: {exc.strerror}") from None
    try:
        size = 0
        for rel, text in sorted(files.items()):
            path = tmp / rel
            if not path.resolve().is_relative_to(tmp.resolve()):
                raise ReportError(f"refusing to write outside the report folder: {rel}")
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            size += len(data)
        os.chmod(tmp, 0o755)
        if out_dir.exists():
            backup = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=parent))
            backup.rmdir()
            os.rename(out_dir, backup)
            try:
                os.rename(tmp, out_dir)
            except OSError:
                os.rename(backup, out_dir)
                raise
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.rename(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ReportError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Written(out_dir, len(files), size)
