"""The comparison of a corpus: every analysis in one typed record.

- :mod:`~corpuscompare.compare.pipeline` -- :func:`compare_corpus`, the whole pipeline.
- :mod:`~corpuscompare.compare.results` -- the record of each command from its analysis.
- :mod:`~corpuscompare.compare.pages` -- which pairs get a diff page, and the page names.
- :mod:`~corpuscompare.compare.brief` -- the front page: each period against the one before.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(__name__, {"briefs": "brief", "compare_corpus": "pipeline"})
__all__ = ["briefs", "compare_corpus"]
