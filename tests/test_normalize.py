"""Normalization on real text: line-wrap repair, spaced digits, widths, simplified characters,
source lines, and offsets that lead back to the original."""

from __future__ import annotations

import re

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscompare import load_corpus
from corpuscompare.corpus.normalize import normalize, normalize_phrase

from .conftest import GWR, WIC, body_of

SEED_SENTENCE = (
    "乌镇的网络化、智慧化，是传统和现代、人文和科技融合发展的生动写照，是中国互联网创新发展的一个缩影，"
    "也生动体现了全球互联网共享发展的理念。"
)


def test_seed_line_wrap_is_repaired_into_one_sentence():
    doc = load_corpus("wic").get("2015-12-16-xi-keynote")
    texts = [s.text for s in doc.sentences]
    assert SEED_SENTENCE in texts
    sentence = doc.sentences[texts.index(SEED_SENTENCE)]
    assert "\n\n" in doc.raw[sentence.start : sentence.end]  # the original keeps its break
    # the other two wraps of the seed (全球网|络, 网络空间军|备) are repaired as well
    assert any("共同推动全球网络基础设施建设" in t for t in texts)
    assert any("反对网络空间军备竞赛。" in t for t in texts)


def test_paragraphs_still_end_where_sentences_end():
    doc = load_corpus("wic").get("2015-12-16-xi-keynote")
    for start, end in doc.paragraphs:
        assert doc.text[end - 1] in "。！？：；”)）" or len(doc.text[start:end]) < 40


def test_headings_without_stop_are_not_glued_to_the_next_paragraph():
    doc = load_corpus(GWR).get("2024-gwr")
    lines = doc.text.split("\n")
    assert "一、2023年工作回顾" in lines and "政府工作报告" in lines


def test_gwr_1998_spaced_digits_and_full_width_decimals():
    raw = body_of(GWR / "1998-gwr.txt")
    assert "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元" in raw
    doc = load_corpus(GWR).get("1998-gwr")
    assert "1997年国内生产总值达到74772亿元" in doc.text
    assert "去年经济增长8.8%" in doc.text


def test_full_width_digits_and_plus_fold():
    doc = load_corpus(GWR).get("1981-gwr")
    assert "１９７９" not in doc.text and "1979年以来" in doc.text
    assert normalize_phrase("互联网＋") == "互联网+"
    n = normalize("推动“互联网＋”行动。", "zh")
    assert n.text == "推动“互联网+”行动。"


def test_traditional_is_matched_as_simplified():
    body = body_of(WIC / "2014-11-19-xi-congratulatory-message.txt")
    traditional = opencc.OpenCC("s2t").convert(body)
    assert traditional != body
    assert normalize(traditional, "zh").text == normalize(body, "zh").text


def test_trailing_source_lines_move_to_metadata():
    doc = load_corpus("wic").get("2015-12-16-xi-keynote")
    assert doc.meta["source_lines"] == ["(来源：新华网)", "http://news.xinhuanet.com/world/2015-12/16/c_1117481089.htm"]
    assert "来源" not in doc.text and "http" not in doc.text
    assert doc.sentences[-1].text == "谢谢大家。"


def test_ideographic_space_in_names_is_closed():
    doc = load_corpus(GWR).get("2024-gwr")
    assert "国务院总理李强" in doc.text


def test_english_hard_wrap_and_noise_marks():
    # obviously artificial English: no real English speech is bundled
    raw = (
        "Alpha beta gamma delta. Epsilon zeta eta theta iota\n"
        "kappa lambda mu. (Applause.) Nu xi omicron\n"
        "pi rho.\n\n"
        "Sigma tau upsilon [Laughter] phi chi.\n"
    )
    n = normalize(raw, "en")
    assert n.text.split("\n") == [
        "Alpha beta gamma delta. Epsilon zeta eta theta iota kappa lambda mu. (Applause.) Nu xi omicron pi rho.",
        "Sigma tau upsilon [Laughter] phi chi.",
    ]
    assert [n.text[a:b] for a, b in n.noise] == ["(Applause.)", "[Laughter]"]


def test_english_lines_without_blank_lines_are_paragraphs_when_they_end_sentences():
    raw = "Alpha beta gamma.\nDelta epsilon zeta\neta theta.\nIota kappa."
    assert normalize(raw, "en").text.split("\n") == [
        "Alpha beta gamma.",
        "Delta epsilon zeta eta theta.",
        "Iota kappa.",
    ]


def _strip(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_sentence_offsets_lead_back_to_the_original_in_every_real_document():
    for name in ("wic", "gwr"):
        for doc in load_corpus(name):
            for s in doc.sentences:
                original = doc.raw[s.start : s.end]
                assert _strip(normalize_phrase(original)) == _strip(s.text), (doc.id, s.index)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["乌镇", "，", "。", "\n", "\n\n", " ", "１９", "1 9", "＋", "　", "網絡", "Applause", "(", ")", "ab"]
        ),
        max_size=40,
    )
)
def test_offsets_are_monotonic_and_in_range(pieces):
    raw = "".join(pieces)
    n = normalize(raw, "zh")
    previous = 0
    for pos in range(len(n.text) + 1):
        mapped = n.to_raw(pos)
        assert 0 <= mapped <= len(raw)
        assert mapped >= previous
        previous = mapped
