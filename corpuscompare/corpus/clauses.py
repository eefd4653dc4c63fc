"""Clauses: the runs between clause punctuation that official prose is rebuilt from (提法).

- :data:`CLAUSE_ZH`, :data:`CLAUSE_EN` -- clause patterns: Chinese (``，；：、`` and sentence
  ends) and other languages (``,;:.!?``).
- :data:`MIN_CHARS`, :func:`clause_spans` -- the formulation-length clauses of a
  document's text sentences with their places (formulation reuse, diff-page marks).
- :data:`MIN_CLAUSE`, :func:`clauses` -- the clauses of one sentence, as period pages count them.
"""

from __future__ import annotations

import re

from ..model.document import Clause, Document, Role

__all__ = ["CLAUSE_EN", "CLAUSE_ZH", "MIN_CHARS", "clause_spans", "clauses"]


#: Clauses: runs between clause punctuation (Chinese, and other languages).
CLAUSE_ZH = re.compile(r"[^，；：、。！？,;:!?]+")


CLAUSE_EN = re.compile(r"[^,;:.!?]+")


_TRIM = " \t\"'“”‘’（）()《》「」『』【】[]—-"


#: Characters a clause needs to count as a formulation.
MIN_CHARS = {"zh": 7, "en": 25}


def _min_chars(lang: str) -> int:
    return MIN_CHARS.get(lang, MIN_CHARS["en"])


def clause_spans(doc: Document) -> list[Clause]:
    """The formulation-length clauses of the text sentences of ``doc``, in order; a clause
    that touches a frame span (``习近平指出，``) is left out."""
    pattern = CLAUSE_ZH if doc.lang == "zh" else CLAUSE_EN
    least = _min_chars(doc.lang)
    out = []
    for s in doc.sentences:
        if s.role != Role.TEXT:
            continue
        for m in pattern.finditer(s.text):
            a, b = m.span()
            while a < b and s.text[a] in _TRIM:
                a += 1
            while b > a and s.text[b - 1] in _TRIM:
                b -= 1
            if b - a < least or any(fa < b and a < fb for fa, fb in s.frame):
                continue
            key = s.text[a:b] if doc.lang == "zh" else " ".join(s.text[a:b].lower().split())
            out.append(Clause(s.index, a, b, key))
    return out


MIN_CLAUSE = {"zh": 6, "en": 24}


def clauses(text: str, lang: str) -> list[str]:
    """The clauses of a sentence long enough to be formulations."""
    pattern = CLAUSE_ZH if lang == "zh" else CLAUSE_EN
    least = MIN_CLAUSE.get(lang, MIN_CLAUSE["en"])
    return [c for c in (m.group(0).strip(" \"'“”‘’（）()《》「」") for m in pattern.finditer(text)) if len(c) >= least]
