"""Prominence: where a slogan sits in each document -- its section, its order among the tasks
of a report (the first task or the seventh), how far into the text -- and how that moved.

A Government Work Report is built of numbered parts: sections (``三、2025年政府工作任务``)
and, inside the section of the year's work, numbered tasks (``（一）大力提振消费……``). A
slogan's first occurrence in a document is placed by the last section header and the last
task header before it; headers count only at the start of a paragraph (``一、`` or ``（一）``
inside a paragraph is an enumeration, not a header). Documents without numbered parts
(speeches, English addresses) are placed by position alone: the share of the text before
the sentence.

- :func:`places` -- a slogan's first place in each document that has it.
- :func:`prominence` -- every slogan of a watch list along a series, with its move between
  the two newest documents that have it.

Like :mod:`corpuscompare.analyze.track`, slogans are looked up in the normalized text, nested
occurrences included (命运共同体 inside 网络空间命运共同体).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model.document import Document
from ..model.findings import Place, Prominence

__all__ = ["places", "prominence"]

_NUMERAL = "一二三四五六七八九十"
SECTION = re.compile(rf"^([{_NUMERAL}]+)、")
TASK = re.compile(rf"^（([{_NUMERAL}]+)）")


def chinese_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20.

    >>> [chinese_number(x) for x in ("一", "十", "十二", "二十", "二十三")]
    [1, 10, 12, 20, 23]
    """
    digits = {c: k + 1 for k, c in enumerate(_NUMERAL[:9])}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def _outline(doc: Document) -> list[tuple[int, int | None, int | None, str]]:
    """Per sentence: (sentence, section number, task number, heading) -- headers at the start
    of a paragraph only."""
    out = []
    section = task = None
    heading = ""
    previous_paragraph = -1
    for s in doc.sentences:
        if s.paragraph != previous_paragraph:
            if m := SECTION.match(s.text):
                section, task, heading = chinese_number(m.group(1)), None, s.text
            elif section is not None and (m := TASK.match(s.text)):
                task, heading = chinese_number(m.group(1)), s.text
        previous_paragraph = s.paragraph
        out.append((s.index, section, task, heading))
    return out


def _tasks(outline: list[tuple[int, int | None, int | None, str]]) -> dict[int | None, int]:
    most: dict[int | None, int] = {}
    for _, section, task, _ in outline:
        if task is not None:
            most[section] = max(most.get(section, 0), task)
    return most


def places(doc: Document, slogans: Sequence[str]) -> dict[str, Place]:
    """The first place of each slogan ``doc`` has."""
    outline = _outline(doc)
    tasks = _tasks(outline)
    total = max(1, len(doc.text))
    out: dict[str, Place] = {}
    for slogan in slogans:
        s = next((s for s in doc.sentences if slogan in s.text), None)
        if s is None:
            continue
        _, section, task, heading = outline[s.index]
        out[slogan] = Place(
            doc.id, doc.year, s.index, round(s.start / total, 4), section, task, tasks.get(section, 0), heading
        )
    return out


def _move(a: Place, b: Place) -> str:
    if a.task is not None and b.task is not None and a.section == b.section:
        if a.task == b.task:
            return "same task"
        return f"task {a.task} → {b.task} ({'up' if b.task < a.task else 'down'})"
    if abs(a.position - b.position) < 0.05:
        return "same place"
    word = "earlier" if b.position < a.position else "later"
    return f"{word}: {a.position:.0%} → {b.position:.0%} of the text"


def prominence(docs: Sequence[Document], slogans: Sequence[str]) -> tuple[Prominence, ...]:
    """Each slogan's places along ``docs`` (a series, in order) and its latest move."""
    found = [places(d, slogans) for d in docs]
    newest = docs[-1].id if docs else None
    out = []
    for slogan in dict.fromkeys(slogans):
        trail = tuple(p[slogan] for p in found if slogan in p)
        if not trail or trail[-1].doc != newest:
            move = ""  # not in the newest document: no move to report
        else:
            move = _move(trail[-2], trail[-1]) if len(trail) >= 2 else "new"
        out.append(Prominence(slogan, trail, move))
    return tuple(out)
