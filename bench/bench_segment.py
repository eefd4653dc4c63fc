"""Load + normalize + segment (sentences and jieba tokens) all of corpora/gwr, against a bare
``jieba.lcut`` of the same bodies. Limit (issue 2): 1.3x. The token cache is off: this is
the cold cost of the pipeline."""

from __future__ import annotations

import argparse

from harness import BARE_JIEBA, ROOT, compare, run, scratch_cache

PIPELINE = """
import sys
from corpuscompare import load_corpus
from corpuscompare.corpus.segment import get_tokenizer, tokenize_document
corpus = load_corpus(sys.argv[1])
tokenizer = get_tokenizer(corpus.config.dictionary, __import__("pathlib").Path(sys.argv[2]))
for doc in corpus:
    tokenize_document(doc, tokenizer)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    gwr = str(ROOT / "corpora" / "gwr")
    cache = scratch_cache()
    compare(
        "segment-gwr",
        lambda: run(BARE_JIEBA, gwr),
        lambda: run(PIPELINE, gwr, cache),
        repeats=args.repeats,
        limit=1.3,
    )


if __name__ == "__main__":
    main()
