"""corpuscompare: what continued, changed, appeared and was dropped across a series of speeches.

The pipeline, module by module: corpus (load) -> normalize -> segment -> align -> diff ->
phrases / track / themes -> report. The names below are the public library API::

    from corpuscompare import load_corpus
    corpus = load_corpus("wic")
    for doc in corpus:
        print(doc.date, doc.title, len(doc.sentences), "news summary" if doc.is_summary else "")
"""

from .corpus import load_corpus, load_document
from .errors import CorpusError
from .models import Corpus, Document, Sentence


def __getattr__(name: str):
    """``__version__`` is looked up only when asked for (importlib.metadata is slow to import)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("corpuscompare")
        except PackageNotFoundError:  # pragma: no cover - a plain checkout
            return "0.0.0"
    raise AttributeError(name)


__all__ = ["Corpus", "CorpusError", "Document", "Sentence", "load_corpus", "load_document"]
