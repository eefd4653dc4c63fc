"""Markdown that corpus text cannot break: escaping, and text that is already Markdown.

- :func:`md_escape` -- corpus text -> Markdown that shows it literally: no table cell is
  cut by ``|``, no line break leaks out, no raw HTML reaches a Markdown viewer, and no
  emphasis, link, code span or heading appears that the text did not ask for.
- :class:`MarkdownText` -- a string that is already safe Markdown (our own markup around
  escaped text, e.g. ``~~deleted~~``); :func:`md_escape` leaves it alone.

>>> md_escape("<script>alert(1)</script> | *x*")
'&lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\*x\\\\*'
>>> md_escape("# 标题\\n第二行")
'\\\\# 标题 第二行'
>>> md_escape(MarkdownText("**新**"))
'**新**'
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MarkdownText", "md_escape"]


class MarkdownText(str):
    """Text that is Markdown already (escaped corpus text inside our own markup)."""


_SPECIAL = re.compile(r"([\\`*_\[\]~|#])")
_LEADING = re.compile(r"^(\s*)([-+=](?=\s|$)|\d+(?=[.)](?:\s|$)))")


def md_escape(value: Any) -> str:
    """``value`` as literal Markdown text on one line (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, MarkdownText):
        return str(value)
    text = " ".join(str(value).splitlines()) if isinstance(value, str) else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING.sub(_escape_lead, text, count=1)


def _escape_lead(m: re.Match[str]) -> str:
    """``- x`` -> ``\\- x``; ``1. x`` -> ``1\\. x``: no list or heading the text did not ask for."""
    sign = m.group(2)
    return m.group(1) + (sign + "\\" if sign[0].isdigit() else "\\" + sign)
