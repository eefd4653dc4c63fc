"""Themes: how much each document talks about what, from a lexicon ``{theme: [terms]}``.

- :func:`theme_counts` -- per document counts, rates, change against the previous
  document and each term's contribution (:class:`~corpuscompare.model.findings.ThemeSeries`).

A theme's count in a document is the number of non-overlapping matches of its terms,
leftmost first and, among terms starting at the same place, longest first (数据安全 counts
once, not also as 数据). Chinese terms match anywhere; terms of other languages match whole
words, case-insensitively. Rates are per 10,000 characters (Chinese) or words. Keyness is
in :mod:`corpuscompare.analyze.keyness`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..corpus.normalize import normalize_phrase, term_pattern
from ..errors import ConfigError
from ..model.document import Document
from ..model.findings import ThemeSeries

__all__ = ["theme_counts"]


def theme_counts(
    documents: Sequence[Document],
    lexicon: Mapping[str, Sequence[str]],
    previous: Mapping[str, str | None] | None = None,
) -> list[ThemeSeries]:
    """Count every theme of ``lexicon`` in every document (corpus order); ``change`` is
    against the document ``previous`` names (its predecessor in its series; default: the
    document before in corpus order).

    >>> from corpuscompare.corpus import build_document
    >>> doc = build_document("d", "d.txt", "加强数据安全和数据保护。", {"lang": "zh"})
    >>> series = theme_counts([doc], {"数据": ["数据", "数据安全"]})[0]
    >>> series.counts["d"], dict(series.contributions["d"])
    (2, {'数据': 1, '数据安全': 1})
    """
    if not lexicon:
        raise ConfigError("the theme lexicon is empty: give --lexicon FILE or 'themes' in corpus.yaml")
    out = []
    for name, raw_terms in lexicon.items():
        terms = tuple(dict.fromkeys(t for t in (normalize_phrase(str(x)) for x in raw_terms) if t))
        if not terms:
            raise ConfigError(f"theme {name!r} has no terms")
        pattern = term_pattern(terms)
        canonical = {t.lower(): t for t in terms}
        counts, rate, change, contributions = {}, {}, {}, {}
        before = None
        for doc in documents:
            found = Counter(canonical.get(_squash(m.group(0)).lower(), m.group(0)) for m in pattern.finditer(doc.text))
            total = sum(found.values())
            counts[doc.id] = total
            r = round(total * 10000 / doc.size, 2) if doc.size else 0.0
            rate[doc.id] = r
            ref = previous.get(doc.id) if previous is not None else before
            change[doc.id] = None if ref is None or ref not in rate else round(r - rate[ref], 2)
            contributions[doc.id] = dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
            before = doc.id
        out.append(ThemeSeries(str(name), terms, counts, rate, change, contributions))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- keyness -----------------------------------------------------------------------------
