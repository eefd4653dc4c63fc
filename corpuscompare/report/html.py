"""HTML pages: one Jinja environment, autoescaped; every page self-contained and offline.

- :func:`environment` -- the one Jinja ``Environment`` (``autoescape=True``, strict undefined).
- :func:`data_blob` -- data for a page's script: JSON, or gzip + base64 when large (decoded
  in the browser with ``DecompressionStream``, no request of any kind).
- :func:`render_diff_page` -- side-by-side diff of two documents (``diff -f html``, report pages).
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
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from ..models import STATUSES

__all__ = ["data_blob", "echo_grid", "environment", "render_align_page", "render_diff_page", "render_index"]

#: Data above this many characters is gzip-compressed (and base64-encoded) inside the page.
COMPRESS_ABOVE = 24_000
_OPS = {"equal": "=", "insert": "+", "delete": "-"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment every page is rendered with."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corpuscompare.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: "" if x is None else f"{x * 100:.1f}%"
    env.filters["num"] = lambda x: f"{x:.2f}"
    env.filters["clip"] = clip
    env.globals["STATUSES"] = STATUSES
    env.globals["blob"] = data_blob
    env.globals["asset"] = lambda name: _asset(env, name)
    return env


_ASSETS: dict[str, Markup] = {}


def _asset(env: jinja2.Environment, name: str) -> Markup:
    """Our own CSS or JavaScript from ``templates/``, minified (rcssmin, rjsmin) for inlining.

    Every page carries its own copy (pages are self-contained), so bytes count; the files
    are ours, never corpus text, hence Markup.
    """
    if name not in _ASSETS:
        source = env.loader.get_source(env, name)[0]
        if name.endswith(".css"):
            import rcssmin

            minified = rcssmin.cssmin(source)
        else:
            import rjsmin

            minified = rjsmin.jsmin(source)
        _ASSETS[name] = Markup(minified)
    return _ASSETS[name]


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


def _diff_rows(data: dict[str, Any]) -> dict[str, Any]:
    """The compact form of a ``diff`` JSON that the page's script renders rows from."""
    ordered = {"same", "changed", "split", "merged"}
    pairs = []
    for p in data["pairs"]:
        ops = [[_OPS[op], text] for op, text in p["ops"]] if p["ops"] else []
        if not ops:
            ops = [["-", p["a_text"]]] if p["a_text"] and not p["b_text"] else [["+", p["b_text"]]]
            if p["a_text"] and p["b_text"]:
                ops = [["-", p["a_text"]], ["+", p["b_text"]]]
        pairs.append([p["status"], p["a"], p["b"], p["similarity"], ops])
    # where each moved pair stood in OLD: after the last order-preserving row before it
    last_row_of_a: dict[int, int] = {}
    for r, p in enumerate(data["pairs"]):
        if p["status"] in ordered:
            for i in p["a"]:
                last_row_of_a[i] = r
    ghosts = []
    for r, p in enumerate(data["pairs"]):
        if p["status"] == "moved":
            before = [row for i, row in last_row_of_a.items() if i < min(p["a"])]
            ghosts.append([max(before) if before else -1, r])
    return {"pairs": pairs, "ghosts": ghosts}


def render_diff_page(data: dict[str, Any], *, title: str | None = None, back: str | None = None) -> str:
    """A standalone side-by-side diff page; its rows are drawn from embedded data.

    Context: ``d`` (the ``diff`` JSON without its pairs), ``rows`` (the data blob), ``bars``
    (NEW and OLD composition by characters), ``title``, ``back`` (link to a report index).
    """
    a_len: dict[str, int] = {}
    b_len: dict[str, int] = {}
    for p in data["pairs"]:
        a_len[p["status"]] = a_len.get(p["status"], 0) + len(p["a_text"])
        b_len[p["status"]] = b_len.get(p["status"], 0) + len(p["b_text"])
    total_b = sum(b_len.values()) or 1
    total_a = sum(a_len.values()) or 1
    bars = {
        "new": [(s, b_len.get(s, 0) / total_b) for s in STATUSES if s != "removed" and b_len.get(s)],
        "old": [(s, a_len.get(s, 0) / total_a) for s in STATUSES if s != "added" and a_len.get(s)],
    }
    head = {k: v for k, v in data.items() if k != "pairs"}
    page_title = title or f"{data['a']['id']} → {data['b']['id']}"
    return (
        environment()
        .get_template("diff.html")
        .render(d=head, rows=data_blob(_diff_rows(data)), bars=bars, title=page_title, back=back)
    )


def echo_grid(data: dict[str, Any]) -> dict[str, Any]:
    """The compact form of an ``align`` JSON that the echo-map script draws its grid from."""
    docs = data["documents"]
    code = {"verbatim": "v", "close": "c", "echo": "e", "none": "n"}
    sentences, codes, hits = [], [], {}
    for s in data["sentences"]:
        if s["noise"]:
            continue
        row = []
        for k, d in enumerate(docs):
            m = s["matches"][d["id"]]
            row.append(code[m["status"]])
            if m["status"] != "none":
                hits.setdefault(str(s["index"]), {})[str(k)] = [m["similarity"], m["index"], m["text"]]
        sentences.append([s["index"], s["text"]])
        codes.append("".join(row))
    return {
        "docs": [
            [d["id"], (d["date"] or "")[:4] + ("†" if d["news_summary"] else ""), d["news_summary"]] for d in docs
        ],
        "sentences": sentences,
        "codes": codes,
        "hits": hits,
    }


def render_align_page(data: dict[str, Any], *, back: str | None = None) -> str:
    """The echo map: focus sentences down, documents across, cells coloured by status.

    Context: ``d`` (the ``align`` JSON), ``grid`` (the data blob of :func:`echo_grid`), ``back``.
    """
    return (
        environment()
        .get_template("align.html")
        .render(d=data, grid=data_blob(echo_grid(data)), back=back, title=f"Echoes of {data['focus']['id']}")
    )


def render_index(model: dict[str, Any], context: dict[str, Any]) -> str:
    """The report's ``index.html``.

    Context: ``m`` (the report model), plus what :mod:`corpuscompare.report.write` prepares:
    ``matrix`` (rows of cells), ``charts`` (bar heights), ``generated`` (a date or None).
    """
    return (
        environment()
        .get_template("report.html")
        .render(m=model, title=f"{model['corpus']['name']}: continuity and change", back=None, **context)
    )
