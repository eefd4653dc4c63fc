"""corpuscompare: what continued, changed, appeared and was dropped across a series of speeches.

The pipeline, module by module: corpus (load) -> normalize -> segment -> features ->
align / echo -> diff -> phrases / track / themes -> compare (one typed
:class:`CorpusComparison`) -> report (renders it). The names below are the public library
API::

    from corpuscompare import compare_corpus, load_corpus
    corpus = load_corpus("wic")
    comparison = compare_corpus(corpus)
    for pair in comparison.consecutive:
        print(pair.old, "->", pair.new, f"{pair.shares.continuing:.1%} continues")
"""

from .errors import CorpusError
from .model.document import Corpus, Document, Sentence

#: Imported when first asked for: loading pulls in the normalizer and the segmenter, the
#: comparison numpy and rapidfuzz; a renderer or ``--help`` needs none of them.
_LAZY = {
    "load_corpus": "corpus.load",
    "load_document": "corpus.load",
    "compare_corpus": "compare.pipeline",
    "ComparisonOptions": "model.comparison",
    "CorpusComparison": "model.comparison",
    "to_json": "model.serialize",
}


def __getattr__(name: str):
    """The comparison's names and ``__version__`` are looked up only when asked for."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("corpuscompare")
        except PackageNotFoundError:  # pragma: no cover - a plain checkout
            return "0.0.0"
    raise AttributeError(name)


__all__ = [
    "ComparisonOptions",
    "Corpus",
    "CorpusComparison",
    "CorpusError",
    "Document",
    "Sentence",
    "compare_corpus",
    "load_corpus",
    "load_document",
    "to_json",
]
