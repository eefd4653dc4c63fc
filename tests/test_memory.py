"""Compact structures of the scale work (issue 12), each checked against a plain reference:
the integer 4-gram counts of sentence roles, a pair's packed alignment in arrays, and the
LSH index built a block at a time. The daily-news slice is real (tests/data, SOURCES.md)."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from corpuscompare import load_corpus
from corpuscompare.align import choice as selection
from corpuscompare.align.batch import PackedUnits
from corpuscompare.align.sentences import align_packed
from corpuscompare.model.alignment import AlignOptions
from corpuscompare.model.document import RoleOptions
from corpuscompare.prepare.roles import _Counts, _fixed_lines, _key, _places, _Recurrence, _Sketch
from corpuscompare.prepare.series import prepare

XWLB = Path(__file__).resolve().parent / "data" / "xwlb-2018q4.jsonl.gz"


@pytest.fixture(scope="module")
def xwlb_docs():
    corpus, _ = prepare(load_corpus(XWLB))
    return list(corpus.documents)


def _add_random_batches(counter, seed: int, batches: int, high: int, largest: int) -> Counter:
    """Add batches of distinct random codes to ``counter``; their true counts."""
    rng = np.random.default_rng(seed)
    truth: Counter = Counter()
    for _ in range(batches):
        codes = np.unique(rng.integers(0, high, size=rng.integers(0, largest)).astype(np.uint64))
        counter.add(codes)
        truth.update(codes.tolist())
    return truth


def test_counts_merge_exactly():
    """Counts added in many small arrays, merged every few codes, equal a Counter's."""
    counts = _Counts(pending_limit=50)
    truth = _add_random_batches(counts, seed=7, batches=200, high=400, largest=30)
    every = np.array(sorted(truth), np.uint64)
    assert counts.of(every).tolist() == [truth[c] for c in every.tolist()]
    probe = np.array([0, 5, 399, 10_000], np.uint64)
    assert counts.of(probe).tolist() == [truth[c] for c in probe.tolist()]
    assert set(counts.at_least(3).tolist()) == {c for c, n in truth.items() if n >= 3}


def test_sketch_bounds_every_count_from_above():
    """Shared buckets (few, to force collisions) never count a code below its true count,
    so the exact second pass misses nothing."""
    sketch = _Sketch(bits=6)
    truth = _add_random_batches(sketch, seed=11, batches=300, high=5000, largest=40)
    every = np.array(sorted(truth), np.uint64)
    for n in (1, 2, 5):
        reach = sketch.reaches(every, n)
        assert all(reach[k] for k, c in enumerate(every.tolist()) if truth[c] >= n)
    assert not sketch.reaches(every, 10**6).any()


def _reference_frame_grams(documents, options: RoleOptions) -> dict[str, set[str]]:
    """The frame 4-grams per place by plain Counters of strings (the slow, obvious way)."""
    min_docs = max(3, math.ceil(options.frame_docs * len(documents)))
    fixed = _fixed_lines(documents, min_docs)
    at_place: dict[str, Counter] = {}
    edge, anywhere = Counter(), Counter()
    keys = {}
    for doc in documents:
        seen: dict[str, set[str]] = {}
        keys[doc.id] = [_key(s.text) for s in doc.sentences]
        for places, key in zip(_places(doc, fixed[doc.id]), keys[doc.id], strict=True):
            grams = {key[i : i + 4] for i in range(len(key) - 3)}
            for place in places:
                seen.setdefault(place, set()).update(grams)
            if places:
                edge.update(grams)
        for place, grams in seen.items():
            at_place.setdefault(place, Counter()).update(grams)
    for doc_keys in keys.values():
        for key in doc_keys:
            anywhere.update({key[i : i + 4] for i in range(len(key) - 3)})
    return {
        place: {g for g, n in c.items() if n >= min_docs and edge[g] >= options.frame_place * anywhere[g]}
        for place, c in at_place.items()
    }


def test_role_recurrence_equals_plain_counting(xwlb_docs):
    from corpuscompare.runtime.runner import Runner

    options = RoleOptions()
    recurring = _Recurrence(xwlb_docs, options)
    reference = _reference_frame_grams(xwlb_docs, options)
    assert {p: set(g) for p, g in recurring.frame_grams.items() if g} == {p: g for p, g in reference.items() if g}
    assert sum(map(len, reference.values())) > 20  # the slice has recurring leads and sign-offs
    # the passes' per-document work on two processes counts the same
    spread = _Recurrence(xwlb_docs, options, Runner(jobs=2, min_items=1))
    for name in ("frame_grams", "leads", "edge_lines", "vocatives", "fixed"):
        assert getattr(spread, name) == getattr(recurring, name), name
    assert recurring.leads and recurring.edge_lines


def test_packed_units_give_back_the_units(xwlb_docs):
    a, b = xwlb_docs[3], xwlb_docs[4]
    units = align_packed(a, b, AlignOptions())
    packed = PackedUnits(units)
    assert len(packed) == len(units) and list(packed) == units and packed == units
    assert packed[0] == units[0] and packed[-1] == units[-1] and packed[2:5] == units[2:5]
    assert json.dumps(packed.records()) == json.dumps(units)  # what the cache stored before
    assert PackedUnits([]) == [] and list(PackedUnits([])) == []


def test_lsh_blocks_answer_as_one_index(xwlb_docs, monkeypatch):
    """The index built a few signatures at a time finds exactly what one index finds."""
    whole = selection.reuse_candidates(xwlb_docs)
    monkeypatch.setattr(selection, "LSH_BLOCK", 97)
    assert selection.reuse_candidates(xwlb_docs) == whole


def test_alignment_tasks_with_their_own_documents_align_as_workers_holding_all(monkeypatch):
    """Dense pairs go to forked workers holding every document (one feature space each),
    sparse ones to fork-server workers in tasks carrying their documents: the same units."""
    from corpuscompare.align import batch as pw
    from corpuscompare.model.alignment import AlignOptions
    from corpuscompare.prepare.series import prepare
    from corpuscompare.runtime.cache import Cache
    from corpuscompare.runtime.runner import Runner

    docs = prepare(load_corpus("wic"))[0].documents
    pairs = [(i, j) for j in range(len(docs)) for i in range(j)]
    runner = Runner(jobs=2, min_items=1)
    monkeypatch.setattr(pw, "DENSE", 0)
    dense = pw.pairwise(docs, pairs, AlignOptions(), Cache(None), runner)
    monkeypatch.setattr(pw, "DENSE", 10**9)
    sparse = pw.pairwise(docs, pairs, AlignOptions(), Cache(None), runner)
    assert list(dense) == list(sparse) == pairs
    assert all(list(dense[p]) == list(sparse[p]) for p in pairs)
    assert len({u.status for p in pairs for u in dense[p]}) >= 3  # real alignments, not empty ones


def test_lsh_in_a_process_of_its_own_finds_the_same_pairs(xwlb_docs, monkeypatch):
    """Many signatures are indexed in a fresh process: the same pairs as in this one."""
    whole = selection.reuse_candidates(xwlb_docs)
    assert whole  # the slice has reuse to find
    monkeypatch.setattr(selection, "SEPARATE_PROCESS_SIGNATURES", 1)
    calls = []
    from corpuscompare.runtime import isolated

    real = isolated.run_isolated
    monkeypatch.setattr(isolated, "run_isolated", lambda fn, *args: calls.append(fn) or real(fn, *args))
    assert selection.reuse_candidates(xwlb_docs) == whole
    assert calls == [selection._pairs_sharing_paragraphs]


def test_mining_in_a_process_of_its_own_gives_the_same_phrases(xwlb_docs, monkeypatch):
    """A large token stream is mined in a spawned process: same phrases as in this one."""
    from corpuscompare.analyze import phrases
    from corpuscompare.corpus.segment import corpus_tokens
    from corpuscompare.model.document import Corpus, CorpusConfig
    from corpuscompare.model.findings import PhraseOptions

    corpus = Corpus("xwlb", str(XWLB), CorpusConfig(name="xwlb"), tuple(xwlb_docs[:30]), ())
    tokens = corpus_tokens(corpus)
    here = phrases.mine_phrases(corpus, tokens, PhraseOptions(top=300))
    monkeypatch.setattr(phrases, "SEPARATE_PROCESS_TOKENS", 0)
    apart = phrases.mine_phrases(corpus, tokens, PhraseOptions(top=300))
    assert len(here) == 300 and apart == here


def test_isolated_runs_report_the_childs_error():
    from corpuscompare.runtime.isolated import run_isolated

    assert run_isolated(divmod, 17, 5) == (3, 2)
    with pytest.raises(RuntimeError, match=r"int failed in its own process.*ValueError"):
        run_isolated(int, "not a number")


def test_keyness_counts_few_documents_at_a_time(xwlb_docs, monkeypatch):
    """Key terms of chosen documents, with term counts evicted after each (kept: 1), equal
    those of a run over every document, filtered."""
    from corpuscompare.analyze import keyness as keyness_module
    from corpuscompare.corpus.segment import corpus_tokens
    from corpuscompare.model.document import Corpus, CorpusConfig
    from corpuscompare.model.findings import KeynessOptions

    docs = xwlb_docs[:25]
    tokens = corpus_tokens(Corpus("xwlb", str(XWLB), CorpusConfig(name="xwlb"), tuple(docs), ()))
    every = keyness_module.keyness(docs, tokens, KeynessOptions())
    chosen = {d.id for d in docs[5:25:3]}
    monkeypatch.setattr(keyness_module, "_COUNTS_KEPT", 1)
    few = keyness_module.keyness(docs, tokens, KeynessOptions(), only=chosen)
    assert few == [c for c in every if c.doc in chosen] and len(few) == len(chosen)
    rest = keyness_module.keyness(docs[:8], tokens, KeynessOptions(against="rest"))
    assert len(rest) == 8 and all(c.against == "rest" for c in rest)


def test_suffix_array_equals_pydivsufsort():
    """Chunked picking of token-aligned suffixes gives pydivsufsort's own integer answer."""
    from pydivsufsort import divsufsort

    from corpuscompare.analyze.phrases import _suffix_array

    rng = np.random.default_rng(3)
    for n, symbols in [(1, 5), (2, 1), (1000, 3), (50_000, 70_000), (300_000, 1 << 20)]:
        arr = rng.integers(0, symbols, size=n).astype(np.int32)
        assert np.array_equal(_suffix_array(arr), divsufsort(arr)), (n, symbols)


def test_sentences_sent_to_workers_leave_no_utf8_copy_behind(xwlb_docs):
    """Pickling a str makes CPython keep a UTF-8 copy inside it; sentences travel as UTF-8
    bytes instead, so the process that sends them does not grow by their text again. They
    come back equal, roles and frames included."""
    import pickle
    import sys

    from corpuscompare.align.batch import _light

    docs = xwlb_docs[:40]
    before = sum(sys.getsizeof(s.text) for d in docs for s in d.sentences)
    back = pickle.loads(pickle.dumps([_light(d) for d in docs]))
    assert sum(sys.getsizeof(s.text) for d in docs for s in d.sentences) == before
    assert [d.sentences for d in back] == [d.sentences for d in docs]
    assert any(s.frame for d in back for s in d.sentences) and any(s.role != "text" for d in back for s in d.sentences)
    plain = "新闻联播" * 100  # an ordinary string does keep the copy: the measure above can tell
    size = sys.getsizeof(plain)
    pickle.dumps(plain)
    assert sys.getsizeof(plain) > size
