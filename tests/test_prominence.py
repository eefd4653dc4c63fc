"""Prominence (issue 13, item 6): where a slogan first sits in each report -- section, task,
position -- checked against an independent reading of the real GWR texts."""

from __future__ import annotations

import re

import pytest

from corpuscompare import load_corpus
from corpuscompare.analyze.prominence import chinese_number, places, prominence
from corpuscompare.prepare.series import prepare
from corpuscompare.runtime.cache import Cache

WATCH = ["新质生产力", "科教兴国", "乡村振兴", "一国两制", "四个现代化", "共同富裕"]


@pytest.fixture(scope="module")
def gwr():
    corpus, layout = prepare(load_corpus("gwr"), cache=Cache(None))
    by_id = {d.id: d for d in corpus.documents}
    return [by_id[i] for i in layout.main.documents]


def brute_place(doc, slogan):
    """Read the paragraphs in order; remember the last 'N、' and '（N）' paragraph starts."""
    section = task = None
    for k, paragraph in enumerate(doc.paragraphs):
        text = doc.text[paragraph[0] : paragraph[1]] if isinstance(paragraph, tuple) else paragraph
        if m := re.match(r"([一二三四五六七八九十]+)、", text):
            section, task = chinese_number(m.group(1)), None
        elif section is not None and (m := re.match(r"（([一二三四五六七八九十]+)）", text)):
            task = chinese_number(m.group(1))
        if slogan in text:
            return k, section, task
    return None


def test_places_are_the_last_headers_before_the_first_occurrence(gwr):
    checked = 0
    for doc in gwr[-12:]:
        found = places(doc, WATCH)
        for slogan in WATCH:
            brute = brute_place(doc, slogan)
            if brute is None:
                assert slogan not in found
                continue
            place = found.get(slogan)
            if place is None:  # the slogan runs across two sentences: not a place
                assert not any(slogan in s.text for s in doc.sentences)
                continue
            s = doc.sentences[place.sentence]
            assert slogan in s.text and not any(slogan in t.text for t in doc.sentences[: place.sentence])
            assert (s.paragraph, place.section, place.task) == brute, (doc.id, slogan)
            assert 0 <= place.position < 1
            checked += 1
    assert checked >= 25


def test_the_2025_tasks_and_their_moves(gwr):
    result = {p.slogan: p for p in prominence(gwr, WATCH)}
    now = result["科教兴国"].places[-1]
    assert (now.year, now.section, now.task, now.tasks) == (2025, 3, 3, 10)  # 三、2025年政府工作任务: ten tasks
    assert result["新质生产力"].places[-1].section == 1  # first named in the review of 2024
    assert result["科教兴国"].move == "task 2 → 3 (down)"
    assert result["科教兴国"].places[-1].heading.startswith("（三）深入实施科教兴国战略")
    assert result["四个现代化"].move == ""  # not in the newest report: no move
    years = [p.year for p in result["四个现代化"].places]
    assert years == sorted(years) and years[0] == 1978


def test_chinese_numbers():
    assert [chinese_number(x) for x in ("一", "九", "十", "十一", "二十", "二十三")] == [1, 9, 10, 11, 20, 23]


def test_english_documents_are_placed_by_position():
    corpus = load_corpus("inaugural")
    docs = list(corpus.documents)[-4:]
    result = prominence(docs, ["America", "freedom"])
    for p in result:
        for x in p.places:
            assert x.section is None and x.task is None and 0 <= x.position < 1


def test_the_report_shows_where_slogans_sit(gwr_report):
    md = (gwr_report / "report.md").read_text(encoding="utf-8")
    assert "### Where the slogans sit" in md and "| 科教兴国 |" in md
    csv = (gwr_report / "tables" / "prominence.csv").read_text(encoding="utf-8")
    assert csv.startswith("slogan,doc,year,sentence,position,section,task,tasks,news_summary\n")
