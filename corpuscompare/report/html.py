"""HTML pages: one Jinja environment, autoescaped; every page self-contained and offline.

- :func:`environment` -- the one Jinja ``Environment`` (``autoescape=True``, strict undefined).
- :func:`data_blob` -- data for a page's script: JSON, or gzip + base64 when large (decoded
  in the browser with ``DecompressionStream``, no request of any kind).
- :func:`render_diff_page` -- side-by-side diff of two documents (``diff -f html``, report
  pages); :func:`page_size` its bytes.
- :func:`render_align_page` -- the echo map of a focus document (``align -f html``).
- :func:`render_index` -- the report's ``index.html``.

Each page inlines its CSS and JavaScript (``templates/_style.css``, ``_script.js`` and the
page's own script): no CDN, no web font. Corpus text reaches the page either through
autoescaping or as data that scripts put into the page with ``textContent`` -- never as
markup -- so a speech containing ``<script>`` shows it as text.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from ..model.alignment import ORDERED, STATUSES, MatchStatus, Status
from ..model.comparison import CorpusComparison
from ..model.document import Role
from ..model.findings import PeriodChange
from ..model.results import EchoResult, PairDiff
from .diffs import shown_ops
from .markdown import md_escape

__all__ = [
    "STATUS_LABELS",
    "data_blob",
    "diff_rows",
    "echo_grid",
    "environment",
    "page_size",
    "render_align_page",
    "render_diff_page",
    "render_index",
    "render_period_page",
]

#: The kinds of rows a diff page can show or hide: (label, statuses).
KINDS = (
    ("changed", "changed"),
    ("moved", "moved"),
    ("split, merged", "split merged"),
    ("added", "added"),
    ("removed", "removed"),
    ("unchanged", "same"),
)
#: Data above this many characters is gzip-compressed (and base64-encoded) inside the page.
COMPRESS_ABOVE = 24_000
_OPS = {"equal": "=", "insert": "+", "delete": "-"}
#: How a status is named in tables of pairs: an added sentence is "new", a removed one "dropped".
STATUS_LABELS = {s: {Status.ADDED: "new", Status.REMOVED: "dropped"}.get(s, str(s)) for s in STATUSES}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment every page is rendered with: HTML templates are autoescaped;
    Markdown templates (``*.md``) escape corpus text with the ``md`` filter instead."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corpuscompare.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), disabled_extensions=("md",), default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: "" if x is None else f"{x * 100:.1f}%"
    env.filters["num"] = lambda x: f"{x:.2f}"
    env.filters["clip"] = clip
    env.filters["md"] = md_escape
    env.filters["lookup"] = lambda key, mapping: mapping[key]
    env.globals["STATUSES"] = STATUSES
    env.globals["STATUS_LABELS"] = STATUS_LABELS
    env.globals["blob"] = data_blob
    env.globals["asset"] = _asset
    return env


@lru_cache(maxsize=32)
def _asset(name: str) -> Markup:
    """Our own CSS or JavaScript from ``templates/``, minified (rcssmin, rjsmin) for inlining.

    Every page carries its own copy (pages are self-contained), so bytes count; the files
    are ours, never corpus text, hence Markup.
    """
    env = environment()
    source = env.loader.get_source(env, name)[0]
    if name.endswith(".css"):
        import rcssmin

        return Markup(rcssmin.cssmin(source))
    import rjsmin

    return Markup(rjsmin.jsmin(source))


def clip(text: str, limit: int = 100) -> str:
    """At most ``limit`` characters, an ellipsis marking a cut.

    >>> clip("一二三四五", 3)
    '一二三…'
    """
    return text if len(text) <= limit else text[:limit] + "…"


def data_blob(data: Any) -> dict[str, Any]:
    """``{"encoding": "json" | "gzip-utf16-base64", "payload": Markup}`` for a ``<script>``.

    JSON is escaped for the inside of a script element (``<``, ``>``, ``&`` and ``'`` as
    ``\\u`` escapes). Large data is UTF-16 (Chinese compresses ~5 % better so than as
    UTF-8), gzip with ``mtime=0`` so the bytes never change between runs, then base64.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if len(text) > COMPRESS_ABOVE:
        raw = text.encode("utf-16-le")
        packed = base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")
        return {"encoding": "gzip-utf16-base64", "payload": Markup(packed)}
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return {"encoding": "json", "payload": Markup(safe)}


def diff_rows(diff: PairDiff) -> dict[str, Any]:
    """The compact form of a diff that the page's script renders rows from:
    ``pairs`` = ``[status, [OLD], [NEW], similarity, [[op, text], ...]]`` with ops as
    ``=``/``+``/``-`` and the text as the sources write it (an equal op whose sides are
    written differently, 我們/我们, carries NEW's too: ``[=, old, new]``; the role last
    when the row is not the speaker's text), and
    ``ghosts`` = ``[row after which a moved pair stood in OLD, its row]``,
    ``reused`` = ``{row: [start, end, start, end ...]}`` (offsets in NEW's text of the row
    made of clauses OLD has word for word) and ``figures`` = ``{row: [[indicator, old,
    new, change], ...]}``."""
    pairs: list[list[Any]] = []
    reused: dict[str, list[int]] = {}
    figures: dict[str, list[list[str]]] = {}
    for p in diff.pairs:
        old, new = shown_ops(p, "a"), shown_ops(p, "b")
        ops = []
        for o, n in zip(old, new, strict=True):  # an equal op shows each side's own source text
            ops.append([_OPS[o.op], o.text] if o.text == n.text else [_OPS[o.op], o.text, n.text])
        a_text, b_text = p.a_shown or p.a_text, p.b_shown or p.b_text
        if not ops:
            ops = [["-", a_text]] if a_text and not b_text else [["+", b_text]]
            if a_text and b_text:
                ops = [["-", a_text], ["+", b_text]]
        row = [p.status, list(p.a), list(p.b), p.similarity, ops]
        pairs.append(row if p.role == Role.TEXT else [*row, p.role])  # a header, frame ... row
        r = len(pairs) - 1
        if p.reused:
            reused[str(r)] = [x for span in p.reused for x in span]
        if p.figures:
            figures[str(r)] = [[f.indicator, f.old, f.new, f.change] for f in p.figures]
    # where each moved pair stood in OLD: after the last order-preserving row before it
    last_row_of_a: dict[int, int] = {}
    for r, p in enumerate(diff.pairs):
        if p.status in ORDERED:
            for i in p.a:
                last_row_of_a[i] = r
    ghosts = []
    for r, p in enumerate(diff.pairs):
        if p.status == Status.MOVED:
            before = [row for i, row in last_row_of_a.items() if i < min(p.a)]
            ghosts.append([max(before) if before else -1, r])
    return {"pairs": pairs, "ghosts": ghosts, "reused": reused, "figures": figures}


def render_diff_page(diff: PairDiff, *, title: str | None = None, back: str | None = None) -> str:
    """A standalone side-by-side diff page; its rows are drawn from embedded data.

    Context: ``d`` (the :class:`~corpuscompare.model.comparison.PairDiff`), ``rows`` (the data
    blob of :func:`diff_rows`), ``bars`` (NEW and OLD composition by characters),
    ``title``, ``back`` (link to a report index).
    """
    a_len: dict[str, int] = {}
    b_len: dict[str, int] = {}
    for p in diff.pairs:
        a_len[p.status] = a_len.get(p.status, 0) + len(p.a_text)
        b_len[p.status] = b_len.get(p.status, 0) + len(p.b_text)
    total_b = sum(b_len.values()) or 1
    total_a = sum(a_len.values()) or 1
    bars = {
        "new": [(s, b_len.get(s, 0) / total_b) for s in STATUSES if s != Status.REMOVED and b_len.get(s)],
        "old": [(s, a_len.get(s, 0) / total_a) for s in STATUSES if s != Status.ADDED and a_len.get(s)],
    }
    page_title = title or f"{diff.a.id} → {diff.b.id}"
    return (
        environment()
        .get_template("diff.html")
        .render(d=diff, rows=data_blob(diff_rows(diff)), bars=bars, title=page_title, back=back, kinds=KINDS)
    )


def page_size(diff: PairDiff) -> int:
    """Bytes of the report page of a diff (what the report's page budget counts)."""
    return len(render_diff_page(diff, title=f"{diff.a.id} → {diff.b.id}", back="index.html").encode())


def echo_grid(echo: EchoResult) -> dict[str, Any]:
    """The compact form of an echo map that the echo-map script draws its grid from."""
    docs = echo.documents
    code = {MatchStatus.VERBATIM: "v", MatchStatus.CLOSE: "c", MatchStatus.ECHO: "e", MatchStatus.NONE: "n"}
    sentences, codes, hits = [], [], {}
    for s in echo.sentences:
        if s.noise or s.role != Role.TEXT:
            continue  # only the speaker's text is matched
        row = []
        for k, d in enumerate(docs):
            m = s.matches[d.id]
            row.append(code[m.status])
            if m.status != MatchStatus.NONE:
                hits.setdefault(str(s.index), {})[str(k)] = [m.similarity, m.index, m.text]
        sentences.append([s.index, s.text])
        codes.append("".join(row))
    return {
        "docs": [[d.id, (d.date or "")[:4] + ("†" if d.news_summary else ""), d.news_summary] for d in docs],
        "sentences": sentences,
        "codes": codes,
        "hits": hits,
    }


def render_align_page(echo: EchoResult, *, back: str | None = None) -> str:
    """The echo map: focus sentences down, documents across, cells coloured by status.

    Context: ``d`` (the :class:`~corpuscompare.model.comparison.EchoResult`), ``grid`` (the data
    blob of :func:`echo_grid`), ``back``.
    """
    return (
        environment()
        .get_template("align.html")
        .render(d=echo, grid=data_blob(echo_grid(echo)), back=back, title=f"Echoes of {echo.focus.id}")
    )


def render_period_page(change: PeriodChange, *, top: int, back: str | None = None) -> str:
    """One period against the one before it: added, dropped and kept clauses.

    Context: ``p`` (the :class:`~corpuscompare.analyze.periods.PeriodChange`), ``top``, ``back``.
    """
    title = f"{change.series}: {change.new} against {change.old}"
    return environment().get_template("period.html").render(p=change, top=top, back=back, title=title)


def render_index(comparison: CorpusComparison, context: Mapping[str, Any]) -> str:
    """The report's ``index.html``.

    Context: ``m`` (the :class:`~corpuscompare.model.comparison.CorpusComparison`), plus what
    :mod:`corpuscompare.report.files` prepares: labels, the matrix and chart data, ``generated``.
    """
    return (
        environment()
        .get_template("report.html")
        .render(m=comparison, title=f"{comparison.corpus.name}: continuity and change", back=None, **context)
    )
