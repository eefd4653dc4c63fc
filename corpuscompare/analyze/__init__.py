"""The analyses of a prepared corpus, each independent of the others (an import contract
says so):

- :mod:`~corpuscompare.analyze.phrases` -- recurring phrases, mined without a list.
- :mod:`~corpuscompare.analyze.track` -- slogan timelines, nesting, variants.
- :mod:`~corpuscompare.analyze.themes` -- theme rates from a lexicon.
- :mod:`~corpuscompare.analyze.keyness` -- key terms against another document.
- :mod:`~corpuscompare.analyze.figures` -- quantities, targets and outcomes.
- :mod:`~corpuscompare.analyze.prominence` -- where a slogan sits in a document.
- :mod:`~corpuscompare.analyze.reuse` -- clauses reused word for word.
- :mod:`~corpuscompare.analyze.periods` -- what a period added, dropped and kept.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "extract": "figures",
        "keyness": "keyness",
        "mine_phrases": "phrases",
        "period_changes": "periods",
        "prominence": "prominence",
        "reuse": "reuse",
        "theme_counts": "themes",
        "track": "track",
    },
)
__all__ = ["extract", "keyness", "mine_phrases", "period_changes", "prominence", "reuse", "theme_counts", "track"]
