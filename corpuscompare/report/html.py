"""HTML pages: one Jinja environment, autoescaped; every page self-contained and offline.

- :func:`environment` -- the one Jinja ``Environment`` (``autoescape=True``, strict undefined).
- :func:`render_diff_page` -- side-by-side diff of two documents (``diff -f html``).
- :func:`render_align_page` -- the echo map of a focus document (``align -f html``).

Each page gets one documented context object and inlines its CSS and JavaScript (from
``templates/_style.css`` and ``templates/_script.js``): no CDN, no web font, no request of
any kind. All corpus text goes through autoescaping; data for scripts goes through
``|tojson`` inside ``<script type="application/json">``, which escapes ``<``, ``>`` and ``&``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from ..models import STATUSES

__all__ = ["environment", "render_align_page", "render_diff_page"]


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
    env.filters["pct"] = lambda x: f"{x * 100:.1f}%"
    env.filters["num"] = lambda x: f"{x:.2f}"
    env.globals["STATUSES"] = STATUSES
    return env


def _ghosts(data: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    """Placeholders at the OLD place of each moved pair: row index -> placeholders after it."""
    ordered = {"same", "changed", "split", "merged"}
    row_of_a: dict[int, int] = {}
    for r, p in enumerate(data["pairs"]):
        if p["status"] in ordered:
            for i in p["a"]:
                row_of_a[i] = r
    ghosts: dict[int, list[dict[str, Any]]] = {}
    for r, p in enumerate(data["pairs"]):
        if p["status"] != "moved":
            continue
        i = min(p["a"])
        before = [row_of_a[k] for k in row_of_a if k < i]
        after_row = max(before) if before else -1
        ghosts.setdefault(after_row, []).append({"a": p["a"], "row": r, "b": p["b"]})
    return ghosts


def render_diff_page(data: dict[str, Any], *, title: str | None = None, back: str | None = None) -> str:
    """A standalone side-by-side diff page.

    Context: ``d`` (the ``diff`` JSON), ``ghosts`` (OLD places of moved pairs), ``bar``
    (NEW and OLD composition by characters), ``title``, ``back`` (link to a report index).
    """
    a_len = {}
    b_len = {}
    for p in data["pairs"]:
        a_len[p["status"]] = a_len.get(p["status"], 0) + len(p["a_text"])
        b_len[p["status"]] = b_len.get(p["status"], 0) + len(p["b_text"])
    total_b = sum(b_len.values()) or 1
    total_a = sum(a_len.values()) or 1
    bar = {
        "new": [(s, b_len.get(s, 0) / total_b) for s in STATUSES if s != "removed" and b_len.get(s)],
        "old": [(s, a_len.get(s, 0) / total_a) for s in STATUSES if s != "added" and a_len.get(s)],
    }
    page_title = title or f"{data['a']['id']} → {data['b']['id']}"
    return (
        environment()
        .get_template("diff.html")
        .render(d=data, ghosts=_ghosts(data), bars=bar, title=page_title, back=back)
    )


def render_align_page(data: dict[str, Any], *, back: str | None = None) -> str:
    """The echo map: focus sentences down, documents across, cells coloured by status.

    Context: ``d`` (the ``align`` JSON), ``back``.
    """
    return environment().get_template("align.html").render(d=data, back=back, title=f"Echoes of {data['focus']['id']}")
