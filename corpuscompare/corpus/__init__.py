"""From files to documents: decode, read front matter and ``corpus.yaml``, normalize, cut
into paragraphs, sentences, clauses and words.

- :mod:`~corpuscompare.corpus.lexicon` -- the shared vocabulary: stop words, reporting frames.
- :mod:`~corpuscompare.corpus.decode` -- a file's bytes decoded, its front matter, its date.
- :mod:`~corpuscompare.corpus.config` -- ``corpus.yaml``, watch lists, theme lexicons.
- :mod:`~corpuscompare.corpus.normalize` -- the text comparisons use, offsets kept.
- :mod:`~corpuscompare.corpus.segment` -- paragraphs, sentences, jieba's words.
- :mod:`~corpuscompare.corpus.clauses` -- clauses, the units of formulation reuse.
- :mod:`~corpuscompare.corpus.document` -- one body of text to a document.
- :mod:`~corpuscompare.corpus.load` -- find the files of a corpus and load them.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "Tokenizer": "segment",
        "build_document": "document",
        "load_corpus": "load",
        "load_document": "load",
        "normalize": "normalize",
        "read_config": "config",
        "scan": "load",
    },
)
__all__ = ["Tokenizer", "build_document", "load_corpus", "load_document", "normalize", "read_config", "scan"]
