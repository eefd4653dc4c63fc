"""Every record the stages pass on, and the comparison of a corpus: frozen, typed,
documented field by field. Building them is the business of the stages; the renderers read
them and nothing else.

- :mod:`~corpuscompare.model.document` -- problems, roles, sentences, clauses, documents, the corpus.
- :mod:`~corpuscompare.model.alignment` -- statuses, diff ops, aligned pairs, shares, echo matches.
- :mod:`~corpuscompare.model.layout` -- series, periods, witnesses.
- :mod:`~corpuscompare.model.findings` -- phrases, slogan timelines, themes, keyness, reuse,
  prominence, period changes.
- :mod:`~corpuscompare.model.figures` -- figures, their series and changes.
- :mod:`~corpuscompare.model.results` -- one record per command.
- :mod:`~corpuscompare.model.brief` -- the front page, period against period.
- :mod:`~corpuscompare.model.comparison` -- :class:`CorpusComparison` and its options.
- :mod:`~corpuscompare.model.serialize` -- records to JSON and back.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "AlignOptions": "alignment",
        "Alignment": "alignment",
        "ComparisonOptions": "comparison",
        "Corpus": "document",
        "CorpusComparison": "comparison",
        "DiffOp": "alignment",
        "Document": "document",
        "Layout": "layout",
        "Problem": "document",
        "Role": "document",
        "Sentence": "document",
        "SeriesOptions": "layout",
        "Status": "alignment",
        "from_data": "serialize",
        "to_data": "serialize",
        "to_json": "serialize",
    },
)
__all__ = [
    "AlignOptions",
    "Alignment",
    "ComparisonOptions",
    "Corpus",
    "CorpusComparison",
    "DiffOp",
    "Document",
    "Layout",
    "Problem",
    "Role",
    "Sentence",
    "SeriesOptions",
    "Status",
    "from_data",
    "to_data",
    "to_json",
]
