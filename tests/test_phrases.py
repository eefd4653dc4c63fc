"""Phrase mining on the real corpora: formulas found, whole words only, closed, ranked."""

from __future__ import annotations

import pytest

from corpuscompare import load_corpus
from corpuscompare.analyze.phrases import is_stop_phrase, mine_phrases
from corpuscompare.corpus.segment import Tokenizer, tokenize_document
from corpuscompare.model.findings import PhraseOptions

WIC = load_corpus("wic")
GWR = load_corpus("gwr")


def tokens_of(corpus, words=None):
    tokenizer = Tokenizer(corpus.config.dictionary if words is None else words)
    return {d.id: tokenize_document(d, tokenizer) for d in corpus}


GWR_TOKENS = tokens_of(GWR)
GWR_PHRASES = mine_phrases(GWR, GWR_TOKENS, PhraseOptions(top=0))


@pytest.mark.parametrize("words", [None, ()], ids=["corpus dictionary", "no dictionary"])
def test_wic_finds_the_community_slogan_without_a_list(words):
    found = mine_phrases(WIC, tokens_of(WIC, words), PhraseOptions())
    by = {p.phrase: p for p in found}
    assert "网络空间命运共同体" in by
    p = by["网络空间命运共同体"]
    assert p.first_year == 2015 and p.last_year == 2024 and p.docs >= 10


def test_gwr_well_known_formulas_are_mined():
    names = {p.phrase for p in GWR_PHRASES}
    for formula in (
        "改革开放",
        "一国两制",
        "社会主义市场经济",
        "稳中求进",
        "供给侧结构性改革",
        "高质量发展",
        "全面建成小康社会",
        "新发展理念",
        "一带一路",
        "中国特色社会主义",
        "宏观调控",
        "依法治国",
        "可持续发展",
    ):
        assert formula in names, formula


def test_top_100_are_whole_words_and_recur():
    top = GWR_PHRASES[:100]
    assert len(top) == 100
    for p in top:
        assert p.docs >= 2 and p.docs == len(p.counts) and p.total == sum(p.counts.values())
        assert not is_stop_phrase([p.phrase], "zh")
        # in every document it is counted in, it stands as a run of whole jieba tokens
        for doc_id in list(p.counts)[:3]:
            assert any(_whole(p.phrase, toks) for toks in GWR_TOKENS[doc_id]), (p.phrase, doc_id)


def _whole(phrase: str, toks) -> bool:
    text, starts, ends, pos = "".join(toks), set(), set(), 0
    for t in toks:
        starts.add(pos)
        pos += len(t)
        ends.add(pos)
    k = text.find(phrase)
    while k >= 0:
        if k in starts and k + len(phrase) in ends:
            return True
        k = text.find(phrase, k + 1)
    return False


def test_ranked_by_spread_then_frequency():
    keys = [(-p.docs, -p.total) for p in GWR_PHRASES[:300]]
    assert keys == sorted(keys)


def _sentences():
    """Each sentence as (text, {token start: token index}, token ends, tokens)."""
    out = []
    for doc_tokens in GWR_TOKENS.values():
        for toks in doc_tokens:
            starts, ends, pos = {}, set(), 0
            for k, t in enumerate(toks):
                starts[pos] = k
                pos += len(t)
                ends.add(pos)
            out.append(("".join(toks), starts, ends, toks))
    return out


def test_closed_phrases_only():
    """No kept phrase has all its occurrences inside one longer kept phrase (same word before)."""
    names = {p.phrase for p in GWR_PHRASES}
    sentences = _sentences()
    for p in GWR_PHRASES[:150]:
        before = set()
        for text, starts, ends, toks in sentences:
            k = text.find(p.phrase)
            while k >= 0:
                if k in starts and k + len(p.phrase) in ends:
                    before.add(toks[starts[k] - 1] if starts[k] > 0 else None)
                k = text.find(p.phrase, k + 1)
        if len(before) == 1 and None not in before:
            (word,) = before
            assert word + p.phrase not in names, f"{p.phrase} always follows {word}"
    assert "全国各族人民" in names and "各族人民" in names  # 各族人民 also occurs without 全国


def test_options_bound_lengths_and_spread():
    found = mine_phrases(WIC, tokens_of(WIC), PhraseOptions(min_docs=5, min_chars=6, max_chars=8, top=0))
    assert found and all(p.docs >= 5 and 6 <= len(p.phrase) <= 8 for p in found)


def test_one_document_corpus_has_no_recurring_phrase_but_no_error():
    from dataclasses import replace

    one = replace(WIC, documents=WIC.documents[:1])
    assert mine_phrases(one, tokens_of(one), PhraseOptions()) == []
