"""corpuscompare: what continued, changed, appeared and was dropped across a series of speeches.

The pipeline, module by module: corpus (load) -> normalize -> segment -> align -> diff ->
phrases / track / themes -> report. The names below are the public library API::

    from corpuscompare import load_corpus
    corpus = load_corpus("wic")
    for doc in corpus:
        print(doc.date, doc.title, len(doc.sentences), "news summary" if doc.is_summary else "")
"""

from importlib.metadata import PackageNotFoundError, version

from .corpus import load_corpus, load_document
from .errors import CorpusError
from .models import Corpus, Document, Sentence

try:
    __version__ = version("corpuscompare")
except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
    __version__ = "0.0.0"

__all__ = ["Corpus", "CorpusError", "Document", "Sentence", "load_corpus", "load_document"]
