"""What an analyst compares: who speaks in each sentence, which documents form a series,
which news summaries witness a full text.

- :mod:`~corpuscompare.prepare.names` -- name lists and addresses, told apart from text.
- :mod:`~corpuscompare.prepare.roles` -- the role of every sentence, learned from the corpus.
- :mod:`~corpuscompare.prepare.series` -- series, periods and witnesses (the rules).
"""

from ..lazy import exports

__getattr__, __dir__ = exports(
    __name__, {"assign_roles": "roles", "filter_documents": "series", "period_key": "series", "prepare": "series"}
)
__all__ = ["assign_roles", "filter_documents", "period_key", "prepare"]
