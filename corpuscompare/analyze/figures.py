"""Figures: the quantities a report states, what they measure, and whether they are targets
or outcomes -- the growth target, the employment target, the CPI ceiling, the deficit ratio.

- :func:`extract` -- every figure of a document: a number *with a unit* (``%``, ``个百分点``,
  ``万亿元``, ``亿元``, ``万人``, ``万吨``, ``亿斤``; ``$``, ``percent``, ``million``/``billion``
  /``trillion``), a range (``6.5%－7%``), a qualifier (``左右``, ``以上``, ``以内``, ``以下``,
  ``不低于``, ``about``, ``at least``, ``more than``), the *indicator* (the words before it
  in its clause that name what is measured: ``国内生产总值增长``, ``城镇新增就业``,
  ``居民消费价格涨幅``, ``赤字率``) and a *kind*:

  - ``target`` -- a goal for the coming period: in the sentence that sets the main targets
    (``预期目标``), or after it with a target verb (``控制在``, ``拟按``, ``力争``) or a target
    qualifier (``左右``, ``以上``, ``以内``, ``不低于`` ...); in English, a sentence that
    speaks of a target or goal;
  - ``outcome`` -- achieved: stated before the targets sentence (the review of the past
    year) and not about the future;
  - ``other`` -- everything else, and every figure whose indicator cannot be read.

  Years, dates, ordinals (``第十四届``, ``2025年``) and bare numbers are not figures (a unit
  is required). Precision comes first: an unreadable indicator is ``other``, never forced
  into a series.
- :func:`figure_series` -- figures of one indicator, kind and unit across documents (one
  value per document, the first), for indicators found in two documents or more; ``period``
  is the year a figure refers to: a target the document's year, an outcome the year before
  (the 2025 report's outcomes are 2024's).
- :func:`figure_changes` -- the newest document's targets against the previous document's:
  raised, lowered, unchanged, new, dropped.

>>> for f in extract_text(
...     "主要预期目标是：国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右，城镇新增就业1000万人以上。", "zh"):
...     print(f.indicator, f.value, f.low, f.high, f.qualifier, f.unit)
国内生产总值增长 6.75 6.5 7.0 None %
居民消费价格涨幅 3.0 None None 左右 %
城镇新增就业 1000.0 None None 以上 万人

(the 2016 report's targets, verbatim)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model.document import Document, Role
from ..model.figures import Figure, FigureChange, FigureEdit, FigureSeries, FiguresResult, FigureValue, figure_text

__all__ = ["extract", "extract_text", "figure_changes", "figure_edits", "figure_series", "figures_result"]

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_ZH_UNIT = (
    r"个百分点|%|％|‰|万亿元|亿元|万元|元|万亿美元|亿美元|美元|万人次|亿人次|万人|亿人|万户|万亩|亿亩|"
    r"万亿吨|亿吨|万吨|吨|万亿斤|亿斤|万斤|万公里|公里|亿千瓦|万千瓦|千瓦|亿立方米|万套|万个|万辆|倍"
)
_ZH_BEFORE = r"不低于|不超过|不少于|不高于|超过|低于|高于|达到|接近|约|近"
_ZH_AFTER = r"左右|以上|以内|以下|上下"
_ZH_FIGURE = re.compile(
    rf"(?P<before>{_ZH_BEFORE})?(?<![\d.第])(?P<a>{_NUM})(?P<ua>{_ZH_UNIT})?"
    rf"(?:[－\-–—~～至到](?P<b>{_NUM}))?(?P<unit>{_ZH_UNIT})(?P<after>{_ZH_AFTER})?"
)
_EN_FIGURE = re.compile(
    r"(?P<before>about|approximately|at least|more than|less than|over|nearly|almost|some)?\s*"
    r"(?P<dollar>\$)?(?<![\d.])(?P<a>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?:\s*(?:-|to)\s*(?P<b>\d+(?:,\d{3})*(?:\.\d+)?))?"
    r"(?P<unit>\s*(?:percent|per cent|%)|\s+(?:million|billion|trillion)(?:\s+dollars)?|\s+dollars)?",
    re.IGNORECASE,
)
# clause ends; an ASCII comma or point between digits (41,000,000 or 6.5) is not one
_ZH_CLAUSE = re.compile(r"(?:[^，；：、。！？,;:!?.]|(?<=\d)[,.](?=\d))+")
_EN_CLAUSE = re.compile(r"(?:[^,;:.!?]|(?<=\d)[,.](?=\d))+")
_LEAD = re.compile(
    r"^(?:其中|全年|今年|去年末|去年|年末|明年|同时|并且|并|以及|和|及|要|将|力争|预计|初步核算|主要|全国|拟安排|拟|"
    r"累计|是在|在|是)+"
)
_RELATIVE = re.compile(r"比上年|比去年|同比|比\d{4}年|每|分别|年均")
_VERB_ONLY = re.compile(r"^(?:提高|上升|增加|下降|降低|增长|减少|扩大|上涨|降|升)(?:到|至)?$")
_TAIL = re.compile(r"(?:拟按|按|为|达到|达|是|在|控制在|保持在|稳定在|超过|突破|实现|完成|约|近|了|由|从|比)+$")
_VERBS = frozenset("增长 下降 降低 提高 增加 减少 上涨 增速 涨幅 分别".split())
_SYNONYMS = (("下降", "降低"), ("价格上涨", "价格涨幅"))
_TARGET_SENTENCE = re.compile(r"预期目标[是为：:]|主要目标[是为：:]")
_TARGET_WORDS = re.compile(r"控制在|拟按|拟安排|力争|预计")
_TARGET_QUALIFIERS = frozenset({"左右", "以上", "以内", "以下", "不低于", "不超过", "不少于", "不高于"})
_FUTURE = re.compile(r"今年|明年|今后|未来|到20\d\d年|力争|十[一二三四五六七八九]五")
_OUTCOME_QUALIFIERS = frozenset({None, "超过", "达到", "约", "近", "接近", "突破"})
# a paragraph that looks back on a five-year plan: its totals are not one year's outcomes
_PLAN_REVIEW = re.compile(r"十[一二三四五六七八九]五|五年来|过去五年|五年间|五年累计")
_AFTER_QUALIFIERS = frozenset({"左右", "以上", "以内", "以下", "上下"})
_EN_TARGET = re.compile(r"\b(?:target|goal)s?\b", re.IGNORECASE)
MAX_INDICATOR = 20


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _indicator(prefix: str, previous: str | None) -> str | None:
    """What a figure measures, from the words before it in its clause (None for a change
    against last year, ``比上年增加``: not a level)."""
    if _RELATIVE.search(prefix) or prefix.rstrip().endswith(("从", "由")):
        return None  # a change, or the start value of 从…增加到…
    words = _TAIL.sub("", _LEAD.sub("", prefix.strip(" “”\"'（）()")))
    words = re.sub(r"^\d{4}年", "", words)
    for old, new in _SYNONYMS:
        words = words.replace(old, new)
    if not words or words in _VERBS or _VERB_ONLY.match(words):
        if previous and words:
            base = previous
            for verb in sorted(_VERBS, key=len, reverse=True):
                if base.endswith(verb):
                    base = base[: -len(verb)]
                    break
            return (base + words)[-MAX_INDICATOR:] if base else None
        return None
    if len(words) < 2 or re.search(r"\d", words):
        return None
    return words[-MAX_INDICATOR:]


def extract_text(text: str, lang: str, *, sentence: int = 0) -> list[Figure]:
    """The figures of one sentence (no document: kind ``other``, no year)."""
    return [f for f in _figures(text, lang, sentence)]


def _figures(text: str, lang: str, sentence: int, doc: str = "", year: int | None = None) -> list[Figure]:
    out: list[Figure] = []
    clause_re = _ZH_CLAUSE if lang == "zh" else _EN_CLAUSE
    previous = None
    for clause in clause_re.finditer(text):
        body = clause.group(0)
        pattern = _ZH_FIGURE if lang == "zh" else _EN_FIGURE
        start = 0
        for m in pattern.finditer(body):
            if lang != "zh" and not (m.group("dollar") or m.group("unit")):
                continue
            if lang == "zh" and re.match(r"[年月日届次号]", body[m.end() :]):
                continue
            unit = " ".join((m.group("unit") or "").lower().split())
            unit = {"％": "%", "per cent": "percent"}.get(unit, unit)
            if lang != "zh" and m.group("dollar"):
                unit = "$" + (" " + unit if unit else "")
            a = _number(m.group("a"))
            b = _number(m.group("b")) if m.group("b") else None
            qualifier = (m.group("after") if lang == "zh" else None) or (m.group("before") or None)
            prefix = body[start : m.start()] if lang == "zh" else body[start : m.start()].strip()
            indicator = _indicator(prefix, previous) if lang == "zh" else _en_indicator(prefix)
            previous = indicator or previous
            out.append(
                Figure(
                    doc=doc,
                    year=year,
                    period=year,
                    indicator=indicator,
                    kind="other",
                    unit=unit,
                    value=round((a + b) / 2, 4) if b is not None else a,
                    low=a if b is not None else None,
                    high=b,
                    qualifier=qualifier.lower() if qualifier else None,
                    text=body.strip(),
                    sentence=sentence,
                    at=clause.start() + m.start("a"),
                )
            )
            start = m.end()
    return out


def _en_indicator(prefix: str) -> str | None:
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", prefix)
    stop = {"the", "a", "an", "of", "to", "by", "our", "we", "will", "be", "is", "was", "are", "were", "and", "in"}
    content = [w.lower() for w in words[-6:] if w.lower() not in stop]
    return " ".join(content[-3:]) if len(content) >= 1 else None


def extract(doc: Document) -> list[Figure]:
    """Every figure of the text sentences of ``doc``, with its kind and period."""
    target_at = next((s.index for s in doc.sentences if s.role == Role.TEXT and _TARGET_SENTENCE.search(s.text)), None)
    plan_review = set()
    for s in doc.sentences:
        if doc.lang == "zh" and _PLAN_REVIEW.search(s.text):
            plan_review.add(s.paragraph)
    out = []
    for s in doc.sentences:
        if s.role != Role.TEXT:
            continue
        for f in _figures(s.text, doc.lang, s.index, doc.id, doc.year):
            kind = _kind(doc, s.text, s.index, target_at, f)
            if kind == "outcome" and s.paragraph in plan_review:
                kind = "other"
            period = doc.year - 1 if kind == "outcome" and doc.year is not None else doc.year
            out.append(Figure(**{**f.__dict__, "kind": kind, "period": period}))
    return out


def _kind(doc: Document, sentence: str, index: int, target_at: int | None, f: Figure) -> str:
    if f.indicator is None:
        return "other"
    if doc.lang != "zh":
        return "target" if _EN_TARGET.search(sentence) else "other"
    if target_at is None:
        return "other"
    if index == target_at and _TARGET_SENTENCE.search(sentence[: f.at]):
        return "target"
    if index > target_at:
        return "target" if _TARGET_WORDS.search(f.text) or f.qualifier in _TARGET_QUALIFIERS else "other"
    if _FUTURE.search(sentence) or f.qualifier not in _OUTCOME_QUALIFIERS:
        return "other"  # a plan stated in the review (a five-year plan's goals), not an outcome
    return "outcome"


def figure_series(docs: Sequence[Document], figures: dict[str, list[Figure]]) -> tuple[FigureSeries, ...]:
    """Targets and outcomes of one indicator and unit across documents (two or more)."""
    groups: dict[tuple[str, str, str], dict[str, Figure]] = {}
    for doc in docs:
        for f in figures[doc.id]:
            if f.kind == "other" or f.indicator is None:
                continue
            groups.setdefault((f.indicator, f.kind, f.unit), {}).setdefault(doc.id, f)
    out = []
    for (indicator, kind, unit), by_doc in groups.items():
        if len(by_doc) < 2:
            continue
        values = _consistent(tuple(_value(f) for f in by_doc.values()), unit)
        if len(values) >= 2:
            out.append(FigureSeries(indicator, kind, unit, values))
    out.sort(key=lambda s: (-len(s.values), s.kind != "target", s.indicator, s.unit))
    return tuple(out)


def _consistent(values: tuple[FigureValue, ...], unit: str) -> tuple[FigureValue, ...]:
    """A level (an amount, not a rate) more than 2.5 times off both its neighbours in the
    series is another measure with the same words (a five-year total, a half-year), left out."""
    if unit in ("%", "‰", "个百分点", "percent", "倍") or len(values) < 3:
        return values
    keep = []
    for k, v in enumerate(values):
        near = [values[i].value for i in (k - 1, k + 1) if 0 <= i < len(values)]
        off = all(n > 0 and v.value > 0 and max(v.value / n, n / v.value) > 2.5 for n in near)
        if not off:
            keep.append(v)
    return tuple(keep)


def _value(f: Figure) -> FigureValue:
    return FigureValue(f.doc, f.year, f.period, f.value, f.low, f.high, f.qualifier, f.text)


def figure_edits(old_text: str, new_text: str, lang: str) -> tuple[FigureEdit, ...]:
    """The figures of an aligned pair of sentences whose value changed, indicator by
    indicator (an indicator met twice on a side is ambiguous and left out).

    (GWR 2024 → 2025, the first sentence of the review, cut to its figures:)

    >>> figure_edits("国内生产总值超过126万亿元，增长5.2%。", "国内生产总值达到134.9万亿元、增长5%。", "zh")[0]
    FigureEdit(indicator='国内生产总值', unit='万亿元', old='超过126万亿元', new='达到134.9万亿元', change='raised')
    """

    def by_key(text: str) -> dict[tuple[str, str], Figure]:
        found: dict[tuple[str, str], list[Figure]] = {}
        for f in _figures(text, lang, 0):
            if f.indicator:
                found.setdefault((f.indicator, f.unit), []).append(f)
        return {k: v[0] for k, v in found.items() if len(v) == 1}

    before, after = by_key(old_text), by_key(new_text)
    out = []
    for key in after:
        a, b = before.get(key), after[key]
        if a is None or (a.value, a.low, a.high, a.qualifier) == (b.value, b.low, b.high, b.qualifier):
            continue
        change = "reworded" if a.value == b.value else ("raised" if b.value > a.value else "lowered")
        out.append(FigureEdit(key[0], key[1], figure_text(a, a.unit), figure_text(b, b.unit), change))
    return tuple(out)


def figure_changes(old: Document, new: Document, figures: dict[str, list[Figure]]) -> tuple[FigureChange, ...]:
    """The targets of ``new`` against those of ``old``, indicator by indicator."""

    def targets(doc: Document) -> dict[tuple[str, str], Figure]:
        out: dict[tuple[str, str], Figure] = {}
        for f in figures[doc.id]:
            if f.kind == "target" and f.indicator:
                out.setdefault((f.indicator, f.unit), f)
        return out

    before, after = targets(old), targets(new)
    changes = []
    for key in dict.fromkeys([*after, *before]):
        a, b = before.get(key), after.get(key)
        if a is None:
            change = "new"
        elif b is None:
            change = "dropped"
        elif (b.value, b.low, b.high, b.qualifier) == (a.value, a.low, a.high, a.qualifier):
            change = "unchanged"
        elif b.value == a.value:
            change = "reworded"
        else:
            change = "raised" if b.value > a.value else "lowered"
        changes.append(FigureChange(key[0], key[1], _value(a) if a else None, _value(b) if b else None, change))
    order = {"raised": 0, "lowered": 0, "reworded": 1, "new": 2, "dropped": 3, "unchanged": 4}
    return tuple(sorted(changes, key=lambda c: order[c.change]))


def figures_result(
    docs: Sequence[Document], chain: Sequence[Document] | None = None, figures: dict[str, list[Figure]] | None = None
) -> FiguresResult:
    """Figures of ``docs``: their series, and the changes of the last document of ``chain``
    (default: ``docs``) against the one before it. ``figures``: the documents' figures when
    they were extracted already (by :func:`extract`)."""
    figures = figures if figures is not None else {d.id: extract(d) for d in docs}
    chain = list(chain if chain is not None else docs)
    changes = figure_changes(chain[-2], chain[-1], figures) if len(chain) >= 2 else ()
    every = [f for fs in figures.values() for f in fs]
    return FiguresResult(
        documents=tuple(d.summary() for d in docs),
        series=figure_series(docs, figures),
        changes=changes,
        figures=len(every),
        other=sum(f.kind == "other" for f in every),
    )
