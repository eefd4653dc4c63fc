"""Sentences and tokens: Chinese stops and quotes, English abbreviations, the corpus dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuscompare import load_corpus
from corpuscompare.corpus.document import build_document
from corpuscompare.corpus.segment import Tokenizer, load_dictionary_file, split_sentences, tokenize_document

from .conftest import WIC, body_of


def sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def test_chinese_closing_quotes_stay_with_their_sentence():
    # from the seed
    text = "“凡益之道，与时偕行。”互联网虽然是无形的，但运用互联网的人们都是有形的，互联网是人类共同家园。"
    assert sentences(text, "zh") == [
        "“凡益之道，与时偕行。”",
        "互联网虽然是无形的，但运用互联网的人们都是有形的，互联网是人类共同家园。",
    ]


def test_chinese_exclamations_and_semicolons_end_sentences():
    text = "向大会的召开致以热烈的祝贺！向出席会议的各界人士表示诚挚的欢迎！"
    assert len(sentences(text, "zh")) == 2
    # a real enumeration with semicolons (GWR 2024)
    doc = load_corpus("gwr").get("2024-gwr")
    semicolon = [s.text for s in doc.sentences if s.text.endswith("；")]
    assert semicolon, "；-ended units exist"


def test_quote_inside_a_sentence_does_not_split():
    text = "我们倡导“四项原则”“五点主张”，就是希望同国际社会一道，尊重网络主权。"
    assert sentences(text, "zh") == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Alpha met Dr. Beta. They left.", ["Mr. Alpha met Dr. Beta.", "They left."]),
        ("The U.S. economy grew. The U.N. met.", ["The U.S. economy grew.", "The U.N. met."]),
        ("John F. Kennedy spoke. Then ended.", ["John F. Kennedy spoke.", "Then ended."]),
        ("Growth was 5.2 percent! Really? Yes.", ["Growth was 5.2 percent!", "Really?", "Yes."]),
        ('He said "Stop." Then left.', ['He said "Stop."', "Then left."]),
    ],
)
def test_english_sentences(text, expected):
    assert sentences(text, "en") == expected


def test_seed_keeps_the_long_slogan_as_one_token():
    corpus = load_corpus("wic")
    doc = corpus.get("2015-12-16-xi-keynote")
    tokens = tokenize_document(doc, Tokenizer(corpus.config.dictionary))
    flat = [t for sentence in tokens for t in sentence]
    assert "网络空间命运共同体" in flat
    assert "互联网治理体系" in flat or "全球互联网治理体系" in flat


def test_without_the_dictionary_jieba_splits_the_slogan():
    doc = load_corpus("wic").get("2015-12-16-xi-keynote")
    flat = [t for sentence in tokenize_document(doc, Tokenizer()) for t in sentence]
    assert "网络空间命运共同体" not in flat


def test_tokens_cover_each_sentence_exactly():
    corpus = load_corpus("wic")
    tokenizer = Tokenizer(corpus.config.dictionary)
    for doc in corpus:
        for sentence, toks in zip(doc.sentences, tokenize_document(doc, tokenizer)):
            assert "".join(toks) == sentence.text.replace(" ", "")


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_dictionary_file_with_bom_or_crlf_takes_effect(tmp_path: Path, variant: str):
    words = ["网络空间命运共同体", "网络主权", "互联网+"]
    text = "\n".join(f"{w} 10 n" for w in words) + "\n"
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8-sig" if "bom" in variant else "utf-8")
    path = tmp_path / "dict.txt"
    path.write_bytes(data)
    loaded = load_dictionary_file(path)
    assert loaded == words
    tokenizer = Tokenizer(loaded)
    assert tokenizer.tokens("尊重网络主权，构建网络空间命运共同体。", "zh")[:2] == ("尊重", "网络主权")
    assert "网络空间命运共同体" in tokenizer.tokens("尊重网络主权，构建网络空间命运共同体。", "zh")
    tokenizer._zh()
    assert tokenizer.unkept == ()


def test_dictionary_file_named_in_corpus_yaml(tmp_path: Path):
    (tmp_path / "2015-12-16-xi-keynote.txt").write_text((WIC / "2015-12-16-xi-keynote.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "words.txt").write_bytes("\ufeff网络空间命运共同体\r\n".encode())
    (tmp_path / "corpus.yaml").write_text("name: t\ndictionary: words.txt\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.config.dictionary == ("网络空间命运共同体",)


def test_words_jieba_cannot_keep_whole_are_reported():
    tokenizer = Tokenizer(["大众创业、万众创新", "网络主权"])
    tokenizer._zh()
    assert tokenizer.unkept == ("大众创业、万众创新",)


def test_english_tokens_and_language_detection():
    doc = build_document("t", "t.txt", "Alpha's beta-gamma costs $5.2 today.", {})
    assert doc.lang == "en"
    assert Tokenizer().tokens(doc.sentences[0].text, "en") == (  # a compound: its words and the hyphen
        "Alpha's",
        "beta",
        "-",
        "gamma",
        "costs",
        "$",
        "5.2",
        "today",
        ".",
    )


def test_sentence_ids_are_stable_and_noise_is_its_own_sentence():
    doc = build_document("x", "x.txt", "Alpha beta. (Applause.) Gamma delta.", {})
    assert [s.id for s in doc.sentences] == ["x#0", "x#1", "x#2"]
    assert [s.is_noise for s in doc.sentences] == [False, True, False]
    zh = build_document("z", "z.txt", body_of(WIC / "2017-12-03-xi-congratulatory-letter.txt") + "（掌声）", {})
    assert zh.sentences[-1].text == "（掌声）" and zh.sentences[-1].is_noise
