"""The front page of a report ("What is new"), in HTML and in Markdown.

- :func:`brief_context` -- what ``_brief.html`` needs beside the comparison: the anchors of
  the timelines it links to, the status glyphs (the second cue beside colour).
- :func:`brief_markdown` -- the same briefs as Markdown blocks for ``report.md``: every
  sentence cited by document, paragraph and source address; every page named as a file of
  the HTML report.
- :func:`cite` -- ``2025-gwr ¶12 <https://…>``.

Corpus text always goes through :func:`~corpuscompare.report.markdown.md_escape`.
"""

from __future__ import annotations

from typing import Any

from ..model.brief import BriefLink, BriefTerm, Evidence, newest_briefs
from ..model.comparison import CorpusComparison
from ..model.document import DocumentSummary
from .analyses import figure_text
from .html import data_blob, environment
from .markdown import MarkdownText, md_escape

__all__ = ["BRIEF_SHOWN", "GLYPHS", "brief_context", "brief_markdown", "cite", "page_link"]

#: The second cue of a status beside its colour (front page, slogan map, diff rows).
GLYPHS = {"new": "+", "revived": "↻", "dropped": "−", "continuing": "=", "absent": "", "weak": ""}
FIGURE_GLYPHS = {"raised": "▲", "lowered": "▼", "new": "+", "dropped": "−"}
#: Slogans and phrases of each kind listed on the front page before "N more".
BRIEF_SHOWN = 7
CLIP = 100


def brief_context(c: CorpusComparison) -> dict[str, Any]:
    """Anchors of the timelines the front page links to, and its glyphs."""
    slogans = c.track.slogans if c.track else ()
    return {
        "slogan_rows": {(s.series, s.phrase): f"slogan-{k}" for k, s in enumerate(slogans)},
        "phrase_rows": {p.phrase: f"phrase-{k}" for k, p in enumerate(c.phrases.phrases)},
        "glyphs": GLYPHS,
        "brief_shown": BRIEF_SHOWN,
        "figure_glyphs": FIGURE_GLYPHS,
        "figure_text": figure_text,
        "brief_of": {(b.series, d): k for k, b in enumerate(c.briefs) for d in b.new_documents},
    }


def brief_articles(c: CorpusComparison, context: dict[str, Any]) -> dict[str, Any]:
    """The front page's articles: the newest brief of each series in the page, the others as
    compressed data the page's script puts in place when a reader picks one (an annual
    series of 40 years would otherwise add ~8 kB of HTML a year). The articles are rendered
    here, by the autoescaping template, so the script inserts our markup, never corpus text
    as markup."""
    from markupsafe import Markup

    module = environment().get_template("_brief.html").make_module(vars={**context, "m": c})
    first = {id(b) for b in newest_briefs(c.briefs)}
    shown, rest = [], {}
    for k, b in enumerate(c.briefs):
        if id(b) in first:
            shown.append(Markup(module.article(b, k, k != 0)))
        else:
            rest[str(k)] = str(module.article(b, k, True))
    return {"brief_articles": shown, "briefs_blob": data_blob(rest)}


def cite(doc: DocumentSummary | None, doc_id: str, paragraph: int | None = None) -> MarkdownText:
    """``2025-gwr`` ¶12 <https://…>: the document, the paragraph (1-based), the source."""
    text = f"`{doc_id.replace('`', '')}`"
    if paragraph is not None:
        text += f" ¶{paragraph + 1}"
    if doc is not None and doc.source:
        text += f" <{doc.source}>"
    return MarkdownText(text)


def page_link(page: str | None) -> MarkdownText:
    """A link to a page of the HTML report, marked as such ("" without a page)."""
    if not page:
        return MarkdownText("")
    return MarkdownText(f"[{md_escape(page)}](<{page}>) (HTML)")


def brief_markdown(c: CorpusComparison, labels: dict[str, str]) -> list[MarkdownText]:
    """One Markdown block per series: its newest period against the one before."""
    docs = {d.id: d for d in c.documents}
    blocks = []
    for b in newest_briefs(c.briefs):
        lines = [f"### {md_escape(b.series)}: {md_escape(b.new)} against {md_escape(b.old)}", ""]
        if b.news_summary:
            lines += ["† News summaries on one side: what they drop may only be unreported (weak).", ""]
        lines += [_link_line(link, labels) for link in b.links]
        if b.clauses:
            added, dropped, kept = b.clauses
            lines.append(f"- recurring clauses: added {added} · dropped {dropped} · kept {kept}; {page_link(b.page)}")
            listed = (("Most recurring added", b.added_clauses), ("Most recurring dropped", b.dropped_clauses))
            for title, items in listed:
                if items:
                    lines.append(f"- {title}: " + "; ".join(f"{md_escape(t)} ({n} documents)" for t, n in items))
        for kind, title in (("slogan", "Slogans"), ("phrase", "Phrases")):
            terms = [t for t in b.terms if t.kind == kind]
            if terms:
                lines.append(f"- {title}: " + "; ".join(_term(t) for t in terms))
        if b.variants:
            lines.append("- Reworded slogans: " + "; ".join(_variant(v.slogan, v.now, v.before) for v in b.variants))
        if b.figures:
            lines.append("- Targets: " + "; ".join(_figure(f) for f in b.figures))
        if b.figures_unchanged:
            lines.append(f"- Targets unchanged: {b.figures_unchanged}")
        last = b.links[-1] if b.links else None
        if last is not None:
            lines += _sentences("New sentences", last.new_sentences, docs)
            lines += _sentences("Dropped sentences", last.dropped_sentences, docs)
        blocks.append(MarkdownText("\n".join(lines)))
    return blocks


def _link_line(link: BriefLink, labels: dict[str, str]) -> str:
    return (
        f"- {md_escape(labels.get(link.new, link.new))} against {md_escape(labels.get(link.old, link.old))}: "
        f"continues {link.continues} · changed {link.changed} · new {link.added} · dropped {link.dropped} sentences; "
        f"{link.continuing:.1%} of the newer continues the older, {link.formulation:.1%} is formulations reused "
        f"word for word. Side by side: {page_link(link.page) or 'no page (corpuscompare diff makes it)'}"
    )


def _term(t: BriefTerm) -> str:
    since = f", last {t.since}" if t.status == "revived" and t.since else (f", since {t.since}" if t.since else "")
    weak = ", weak" if t.weak else ""
    return f"{md_escape(t.text)} ({t.status}{since}{weak}; {t.old} → {t.new})"


def _variant(slogan: str, now: tuple[str, ...], before: tuple[str, ...]) -> str:
    parts = [f"**{md_escape(x)}**" for x in now[:2]] + [f"~~{md_escape(x)}~~" for x in before[:2]]
    return f"{md_escape(slogan)}: " + ", ".join(parts)


def _figure(f: Any) -> str:
    old, new = figure_text(f.old, f.unit), figure_text(f.new, f.unit)
    return f"{md_escape(f.indicator)} {md_escape(old)} → {md_escape(new)} ({f.change})"


def _sentences(title: str, items: tuple[Evidence, ...], docs: dict[str, DocumentSummary]) -> list[str]:
    if not items:
        return []
    lines = ["", f"{title}:", ""]
    for e in items:
        text = e.text if len(e.text) <= CLIP else e.text[:CLIP] + "…"
        lines.append(f"- {md_escape(text)} — {cite(docs.get(e.doc), e.doc, e.paragraph)}")
    return lines
