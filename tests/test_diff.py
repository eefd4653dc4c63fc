"""Diffs inside aligned pairs: the ops contract, word boundaries, determinism."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscompare import load_corpus
from corpuscompare.align.diff import diff_texts
from corpuscompare.corpus.segment import Tokenizer

WIC = load_corpus("wic")
TOKENIZER = Tokenizer(WIC.config.dictionary)
# real sentences to cut fixtures from
SENTENCES = [s.text for d in WIC for s in d.sentences if len(s.text) > 10][:60]


def check_contract(old: str, new: str, ops) -> None:
    assert "".join(op.text for op in ops if op.op != "insert") == old
    assert "".join(op.text for op in ops if op.op != "delete") == new
    for first, second in itertools.pairwise(ops):
        assert first.op != second.op
        assert not (first.op == "insert" and second.op == "delete")


def test_change_reads_as_whole_words():
    old = "我们要坚持改革开放。"
    new = "我们要坚定改革开放。"
    ops = diff_texts(old, new, TOKENIZER.tokens(old, "zh"), TOKENIZER.tokens(new, "zh"))
    check_contract(old, new, ops)
    assert [op.as_list() for op in ops if op.op != "equal"] == [["delete", "坚持"], ["insert", "坚定"]]


def test_real_letter_variant_is_found():
    letter = WIC.get("2017-12-03-xi-congratulatory-letter")
    cctv = WIC.get("2017-12-03-xi-congratulatory-letter-cctv")
    old = next(s.text for s in letter.sentences if "四项原则" in s.text)
    new = next(s.text for s in cctv.sentences if "四项原则" in s.text)
    ops = diff_texts(old, new, TOKENIZER.tokens(old, "zh"), TOKENIZER.tokens(new, "zh"))
    check_contract(old, new, ops)
    changes = [op.as_list() for op in ops if op.op != "equal"]
    assert ["delete", "、"] in changes
    assert ["delete", "与"] in changes and ["insert", "同"] in changes


def test_english_words_are_not_cut():
    old, new = "Alpha beta gamma delta.", "Alpha betas gamma delta."
    ops = diff_texts(old, new, Tokenizer().tokens(old, "en"), Tokenizer().tokens(new, "en"))
    assert [op.as_list() for op in ops if op.op != "equal"] == [["delete", "beta"], ["insert", "betas"]]


def test_identical_and_empty():
    assert [op.as_list() for op in diff_texts("谢谢大家。", "谢谢大家。")] == [["equal", "谢谢大家。"]]
    assert diff_texts("", "") == ()
    ops = diff_texts("", "各位代表：")
    assert [op.as_list() for op in ops] == [["insert", "各位代表："]]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(SENTENCES), st.sampled_from(SENTENCES), st.integers(0, 30), st.integers(0, 30))
def test_contract_holds_for_cut_and_spliced_real_sentences(a, b, cut_a, cut_b):
    old = a[: cut_a % len(a)] + b[cut_b % len(b) :]
    new = b[: cut_b % len(b)] + a[cut_a % len(a) :]
    ops = diff_texts(old, new, TOKENIZER.tokens(old, "zh"), TOKENIZER.tokens(new, "zh"))
    check_contract(old, new, ops)
    assert diff_texts(old, new, TOKENIZER.tokens(old, "zh"), TOKENIZER.tokens(new, "zh")) == ops  # deterministic
