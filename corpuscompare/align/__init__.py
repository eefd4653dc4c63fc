"""How much of A is in B, sentence by sentence: features, the aligner, diffs inside pairs,
echoes across a corpus, and many pairs at once.

- :mod:`~corpuscompare.align.features` -- what sentences are compared on; candidate pairs.
- :mod:`~corpuscompare.align.sentences` -- one pair of documents aligned.
- :mod:`~corpuscompare.align.diff` -- word-level diffs inside aligned pairs (the diff-match-patch border).
- :mod:`~corpuscompare.align.echo` -- where each sentence of a focus document recurs.
- :mod:`~corpuscompare.align.choice` -- which pairs of documents to align.
- :mod:`~corpuscompare.align.batch` -- many pairs, cached, on every core.

Reads what upper stages decided (roles, frames) as data on the sentences; imports none of them.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "align": "sentences",
        "continuity": "sentences",
        "diff_documents": "diff",
        "diff_texts": "diff",
        "echo_map": "echo",
        "pairs_to_align": "choice",
        "pairwise": "batch",
    },
)
__all__ = ["align", "continuity", "diff_documents", "diff_texts", "echo_map", "pairs_to_align", "pairwise"]
