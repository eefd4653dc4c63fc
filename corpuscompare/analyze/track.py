"""Slogan timelines: counts, nesting, statuses and formulation drift of a watch list.

Index:

- :func:`occurrences` -- exact occurrences of a slogan in normalized text.
- :class:`TrackOptions`, :func:`track` -- the whole timeline -> :class:`Tracking`.
- :func:`find_variants` -- near-identical formulations around a slogan, grouped, with diffs.

Counting rules (why they are what they are):

- Counts are taken on the normalized raw text (transcript noise blanked), never on jieba tokens: jieba splits
  网络空间命运共同体, and a dictionary entry for the long form would hide the nested short
  one (命运共同体). Chinese: non-overlapping substring occurrences (``str.count``); other
  languages: case-insensitive, on word boundaries.
- ``counts`` are all occurrences, nested ones included; ``standalone`` leaves out those
  inside an occurrence of a longer slogan of the same watch list.
- Rates are per 10,000 characters (Chinese; white space not counted) or words.
- A unit is a counted document of a series, or with ``by_period`` a period of it (counts
  and sizes summed; see :mod:`corpuscompare.prepare.series`: witnesses are not counted, gaps are
  not units). Timelines run per series (plus ``all`` when there are several). Statuses
  per unit are those of :func:`~corpuscompare.analyze.phrases.presence_status`. An absence in a
  unit made only of news summaries is *weak* evidence: summaries quote selectively.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..align.diff import diff_texts
from ..align.features import similarity
from ..corpus.lexicon import EN_STOP, ZH_EDGE_STOP, ZH_STOP
from ..corpus.normalize import HAN_RE, normalize_phrase, term_pattern
from ..corpus.segment import get_tokenizer
from ..errors import ConfigError
from ..model.alignment import DiffOp
from ..model.document import Document
from ..model.findings import SloganTimeline, Tracking, TrackOptions, Unit, Variant, presence_status
from ..model.layout import Layout, Series
from ..prepare.series import single_layout

__all__ = ["find_variants", "occurrences", "track"]

EMPTY_WATCHLIST = "the watch list is empty: give --slogan, --watchlist FILE or 'slogans' in corpus.yaml"


def _units(series: Series, docs: Mapping[str, Document], by_period: bool) -> tuple[Unit, ...]:
    """Timeline columns of a series: its periods, or its counted documents."""
    if not by_period:
        return tuple(Unit(i, docs[i].year, (docs[i],), docs[i].size) for i in series.documents)
    return tuple(
        Unit(p.key, int(p.key[:4]) if p.key[:4].isdigit() else None, tuple(docs[i] for i in p.documents), p.size)
        for p in series.periods
    )


# --- counting ----------------------------------------------------------------------------


def countable_text(doc: Document) -> str:
    """``doc.text`` with transcript noise blanked (same length, offsets hold): a slogan is
    counted in every role but ``noise``.

    >>> from corpuscompare.corpus import build_document
    >>> text = countable_text(build_document("d", "d.txt", "We thank you. (Applause.) Thank you.", {}))
    >>> text.split()
    ['We', 'thank', 'you.', 'Thank', 'you.']
    """
    if not any(s.noise for s in doc.sentences):
        return doc.text
    chars = list(doc.text)
    for at, s in doc.sentence_offsets():
        for a, b in s.noise:
            chars[at + a : at + b] = " " * (b - a)
    return "".join(chars)


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Non-overlapping exact occurrences of ``phrase`` (already normalized) in ``text``.

    >>> occurrences("构建网络空间命运共同体，推动构建人类命运共同体", "命运共同体")
    [(6, 11), (18, 23)]
    """
    if not phrase:
        return []
    return [m.span() for m in term_pattern((phrase,)).finditer(text)]


def _standalone(spans: list[tuple[int, int]], longer: list[list[tuple[int, int]]]) -> int:
    covers = sorted(span for spans_t in longer for span in spans_t)
    n = 0
    for a, b in spans:
        if not any(s <= a and b <= e for s, e in covers):
            n += 1
    return n


def track(
    documents: Sequence[Document],
    slogans: Sequence[str],
    options: TrackOptions = TrackOptions(),
    layout: Layout | None = None,
) -> Tracking:
    """Follow each slogan through ``documents`` (in corpus order), series by series.

    ``layout`` (from :func:`corpuscompare.prepare.series.prepare`) gives the series, periods and
    witnesses; witnesses are not counted. Without one, the documents are one series by year.
    """
    phrases = list(dict.fromkeys(p for p in (normalize_phrase(s) for s in slogans) if p))
    if not phrases:
        raise ConfigError(EMPTY_WATCHLIST)
    layout = layout or single_layout(documents)
    docs = {d.id: d for d in documents}
    counted = [docs[i] for i in layout.whole.documents]
    texts = {d.id: countable_text(d) for d in counted}
    spans = {(phrase, d.id): occurrences(texts[d.id], phrase) for d in counted for phrase in phrases}
    words = word_splitter(counted[0].lang) if options.variants and counted else None
    wanted = _variant_clauses(phrases, words) if words is not None else None
    parts = {d.id: clauses(d, wanted) for d in counted} if wanted is not None else {}
    units_of = {g.key: _units(g, docs, options.by_period) for g in (layout.whole, *layout.series)}
    # a series of one unit has no timeline of its own (its documents count in ``all``)
    several = [g for g in layout.series if len(units_of[g.key]) > 1]
    groups = [layout.whole, *several] if len(layout.series) > 1 else [layout.whole]
    series_units = {g.key: units_of[g.key] for g in groups}
    timelines = []
    for phrase in phrases:
        longer = [p for p in phrases if p != phrase and phrase in p]
        variants = find_variants(counted, phrase, options, parts, longer, words) if options.variants else ()
        for g in groups:
            timelines.append(_timeline(phrase, g.key, series_units[g.key], spans, longer, variants))
            variants = ()  # listed once, on the first timeline of the slogan
    return Tracking(
        units=units_of[layout.whole.key],
        slogans=tuple(timelines),
        layout=layout,
        series_units=series_units,
        options=options,
    )


def _timeline(phrase: str, series: str, units, spans, longer, variants) -> SloganTimeline:
    counts, standalone, rate, present = {}, {}, {}, []
    for unit in units:
        c = n = 0
        for doc in unit.documents:
            own = spans[(phrase, doc.id)]
            c += len(own)
            n += _standalone(own, [spans[(p, doc.id)] for p in longer]) if longer else len(own)
        counts[unit.key], standalone[unit.key] = c, n
        rate[unit.key] = round(c * 10000 / unit.size, 2) if unit.size else 0.0
        present.append(c > 0)
    status = presence_status(present)
    years_in = sorted({u.year for u, p in zip(units, present) if p and u.year is not None})
    all_years = sorted({u.year for u in units if u.year is not None})
    last = max((k for k, p in enumerate(present) if p), default=None)
    return SloganTimeline(
        phrase=phrase,
        series=series,
        counts=counts,
        standalone=standalone,
        rate=rate,
        status={u.key: st for u, st in zip(units, status)},
        weak=tuple(u.key for u, st in zip(units, status) if st in ("dropped", "absent") and u.summary_only),
        first_year=years_in[0] if years_in else None,
        last_year=years_in[-1] if years_in else None,
        last=units[last].key if last is not None else None,
        years_present=tuple(years_in),
        years_absent=tuple(y for y in all_years if y not in years_in),
        variants=variants,
    )


# --- variants ----------------------------------------------------------------------------

# Clauses for variant contexts: punctuation, quotes, brackets and dashes end them.
_CLAUSE = re.compile(r"[^，。；！？：,.;!?:\n“”\"《》（）()——]+")


def clauses(doc: Document, wanted: Callable[[str], bool] | None = None) -> list[str]:
    """The clauses of a document, as variant contexts see them; with ``wanted``, only those
    it accepts (tested on the whole text first: most documents have none)."""
    if wanted is not None and not wanted(doc.text):
        return []
    out = [c.group(0).strip() for c in _CLAUSE.finditer(doc.text) if c.group(0).strip()]
    return out if wanted is None else [c for c in out if wanted(c)]


def _variant_clauses(phrases: Sequence[str], words: Words) -> Callable[[str], bool]:
    """Whether a text holds what a variant of any of ``phrases`` needs: the slogan itself
    (any case, for one in Latin letters), or the head word that closes the near forms of
    a slogan :func:`_mutations` looks for. Variants come only from such clauses, so the
    others need not be kept (millions of strings in years of daily news)."""
    needles = set(phrases) | {list(words(p))[-1] for p in phrases if _mutates(p)}
    exact = re.compile("|".join(re.escape(n) for n in sorted(needles, key=lambda n: (-len(n), n))))
    folded = [p.lower() for p in phrases if p.isascii()]

    def wanted(text: str) -> bool:
        if exact.search(text):
            return True
        lowered = text.lower() if folded else ""
        return any(p in lowered for p in folded)

    return wanted


def _mutates(phrase: str) -> bool:
    """Near forms of the slogan one modifier off are looked for (Chinese, five characters or more)."""
    return len(phrase) >= 5 and bool(HAN_RE.search(phrase))


Words = Callable[[str], Sequence[str]]


def word_splitter(lang: str) -> Words:
    """Word tokens of a short text: jieba's words (default dictionary) for Chinese, words
    and punctuation otherwise -- the boundaries variants are cut and diffed at."""

    tokenizer = get_tokenizer(())
    return lambda text: tokenizer.tokens(text, lang)


def _modified(text: str, a: int, b: int, width: int, words: Words) -> str:
    """The occurrence ``text[a:b]`` with the modifiers before it in its clause: up to
    ``width`` characters (Chinese; starting on a jieba word boundary) or a third as many
    words; nothing after it (what follows a formula is context, shown as keyword in
    context, not a variant)."""
    before = text[:a]
    if HAN_RE.search(text[a:b]):
        starts, pos = [], 0
        for tok in words(before):
            start = before.find(tok, pos)
            if start < 0:
                break
            pos = start + len(tok)
            starts.append(start)
        lo = next((k for k in starts if k >= a - width), a)
    else:
        spans = [m.start() for m in re.finditer(r"\S+", before)]
        kept = spans[-max(1, width // 3) :]
        lo = kept[0] if kept else a
    return text[lo:b].strip(" 　、")


def _contexts(parts: list[str], phrase: str, width: int, words: Words, longer: Sequence[str]) -> list[str]:
    """Each occurrence with its modifiers (see :func:`_modified`); an occurrence inside a
    ``longer`` slogan of the watch list belongs to that slogan's variants."""
    out = []
    for text in parts:
        if phrase not in text and not (phrase.isascii() and phrase.lower() in text.lower()):
            continue
        covers = [span for other in longer for span in occurrences(text, other)]
        for a, b in occurrences(text, phrase):
            if not any(s <= a and b <= e for s, e in covers):
                out.append(_modified(text, a, b, width, words))
    return out


# Prepositions that may open a phrase (以人民为中心) but never modify a slogan after them.
_ZH_LEADS = frozenset(
    "为 以 让 对 在 把 向 与 和 同 及 并 但 即 乃 则 于 从 由 给 被 将 跟 替 随 按 经 通过 关于 对于 为了".split()
)


def _without_function_words(text: str, phrase: str, words: Words, lang: str) -> str:
    """The formulation without leading function words (在, 对, 为 …; in, to, the …): a
    preposition before a slogan is context, not a modifier of it."""

    stop = (ZH_EDGE_STOP | _ZH_LEADS) if lang == "zh" else EN_STOP
    toks = list(words(text))
    glue = "" if lang == "zh" else " "
    while toks and (toks[0].lower() in stop or not toks[0].strip()) and len(glue.join(toks[1:])) >= len(phrase):
        toks = toks[1:]
    return glue.join(toks).strip() if toks else text


def _mutations(parts: list[str], phrase: str, options: TrackOptions, words: Words) -> list[str]:
    """Forms of the slogan one modifier off (国际互联网治理体系 for 全球互联网治理体系): near-
    identical windows that end on the slogan's head word. A window whose head differs
    (中国现代化建设 for 中国式现代化) is another term, not a variant.

    One batched rapidfuzz pass finds the candidate clauses; only those are aligned.
    """
    from rapidfuzz import fuzz, process

    head = list(words(phrase))[-1]
    out = []
    cutoff = options.mutation * 100
    # a window closes on the head word: a clause without it gives none
    pool = [t for t in parts if phrase not in t and head in t and len(t) >= len(phrase) - 1]
    for text, _, _ in process.extract(phrase, pool, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None):
        hit = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=cutoff)
        if hit is None:
            continue
        start, end = hit.dest_start, hit.dest_end
        window = text[start:end]
        if not window.endswith(head):  # the head word must close the window
            k = text.find(head, start)
            if k < 0 or k + len(head) - end > 2:
                continue
            end = k + len(head)
        # as long as the slogan: a replaced modifier (全球 -> 国际) is part of the form
        start = min(start, max(0, end - len(phrase)))
        window = text[start:end]
        if len(window) >= len(phrase) - 1 and similarity(window, phrase) >= options.mutation:
            out.append(_modified(text, start, end, options.context, words))
    return out


def _content(words: Sequence[str], core: set[str], stop: frozenset[str]) -> frozenset[str]:
    """The content words of a formulation besides the slogan's own (``core``)."""
    return frozenset(w.lower() for w in words if w.lower() not in stop and any(c.isalnum() for c in w)) - core


def _one_formula(a: Sequence[str], b: Sequence[str], ca: frozenset[str], cb: frozenset[str]) -> bool:
    """Two formulations (as words, with their :func:`_content`) are variants of one formula
    when they share content words besides the slogan's own and differ in their modifiers
    only: one word inserted, deleted or replaced (携手构建 / 共同构建: 构建 shared; 国际 / 全球
    before 互联网治理体系), or most of their modifiers shared (和平、安全、开放、合作的 / 更加和平
    安全的 网络空间). A different verb alone before the slogan (维护 / 遵守 网络空间) shares
    nothing: context."""
    from rapidfuzz.distance import Levenshtein

    shared = len(ca & cb)
    if shared and Levenshtein.distance(list(a), list(b)) == 1:
        return True
    return shared >= 2 and 2 * shared >= len(ca) + len(cb) - 2 * shared


def _groups(texts: list[str], phrase: str, words: Words, lang: str) -> list[list[str]]:
    """Connected groups of formulations one modifier apart (see :func:`_one_formula`),
    in the order of their first member."""

    split = {t: list(words(t)) for t in texts}
    core = {w.lower() for w in words(phrase)}
    stop = ZH_STOP if lang == "zh" else EN_STOP
    content = {t: _content(w, core, stop) for t, w in split.items()}  # once a text, not once a pair
    group_of: dict[str, int] = {}
    groups: list[list[str]] = []
    for text in texts:
        linked = sorted(
            {group_of[o] for o in group_of if _one_formula(split[text], split[o], content[text], content[o])}
        )
        if not linked:
            group_of[text] = len(groups)
            groups.append([text])
            continue
        target = linked[0]
        for other in linked[1:]:  # the new text joins groups: merge them into the first
            for member in groups[other]:
                group_of[member] = target
            groups[target] += groups[other]
            groups[other] = []
        groups[target].append(text)
        group_of[text] = target
    order = {t: k for k, t in enumerate(texts)}
    return [sorted(g, key=order.__getitem__) for g in groups if g]


def _as_written(text: str, docs: Sequence[Document]) -> str:
    """A formulation as its first document writes it (我們, America’s): the slice of the
    document's shown text where the normalized formulation stands (else the text itself)."""
    for doc in docs:
        at = doc.text.find(text)
        if at >= 0:
            return doc.shown_text[at : at + len(text)]
    return text


def _on_written(ops: Sequence[DiffOp], old: str, new: str) -> tuple[DiffOp, ...]:
    """Ops of the normalized texts carried onto the texts as written (same lengths): equal
    and inserted text from ``new``, deleted text from ``old``."""
    if sum(len(t) for op, t in ops if op != "insert") != len(old) or sum(
        len(t) for op, t in ops if op != "delete"
    ) != len(new):
        return tuple(ops)
    out, i, j = [], 0, 0
    for op, text in ops:
        n = len(text)
        if op == "delete":
            out.append(DiffOp(op, old[i : i + n]))
            i += n
        else:
            out.append(DiffOp(op, new[j : j + n]))
            j += n
            i += n if op == "equal" else 0
    return tuple(out)


def find_variants(
    documents: Sequence[Document],
    phrase: str,
    options: TrackOptions = TrackOptions(),
    parts: Mapping[str, list[str]] | None = None,
    longer: Sequence[str] = (),
    words: Words | None = None,
) -> tuple[Variant, ...]:
    """Variations of a formula: ``phrase`` with changed modifiers, grouped, earliest first.

    A formulation is an occurrence with the modifiers before it in its clause, leading
    prepositions left out (and, for slogans of five or more characters, a form of the
    slogan one modifier off that keeps its head word). Formulations one modifier apart
    that share a content word besides the slogan's fall into one group; groups of more
    than one text are returned. The slogan alone is no variant; an occurrence inside a
    ``longer`` slogan of the watch list is that slogan's variant, not this one's; what
    follows a slogan is context (keyword in context), not a variant. Each variant carries
    its documents, first year and a diff from the group's first formulation at word
    boundaries (jieba words in Chinese).

    >>> from corpuscompare import load_corpus
    >>> v = find_variants(load_corpus("wic").documents, "互联网治理体系")
    >>> [(x.first_year, x.text) for x in v if "多边" in x.text][:2]
    [(2014, '建立多边、民主、透明的国际互联网治理体系'), (2015, '建立多边、民主、透明的全球互联网治理体系')]
    """
    found: dict[str, list[Document]] = {}
    lang = documents[0].lang if documents else "zh"
    words = words or word_splitter(lang)
    mutate = _mutates(phrase)
    parts = parts if parts is not None else {d.id: clauses(d) for d in documents}
    for doc in documents:
        texts = _contexts(parts[doc.id], phrase, options.context, words, longer)
        texts += _mutations(parts[doc.id], phrase, options, words) if mutate else []
        for text in texts:
            text = _without_function_words(text, phrase, words, lang)
            if any(occurrences(text, other) for other in longer):
                continue  # a variant of the longer slogan
            if text.lower() == phrase.lower():
                continue  # the slogan alone: no modifier, no variant
            found.setdefault(text, [])
            if doc not in found[text]:
                found[text].append(doc)
    if not found:
        return ()
    order = {d.id: k for k, d in enumerate(documents)}
    texts = sorted(found, key=lambda t: (min(order[d.id] for d in found[t]), t))
    variants: list[Variant] = []
    number = 0
    for group in _groups(texts, phrase, words, lang):
        if len(group) < 2 or not any(occurrences(t, phrase) for t in group):
            continue  # one text, or only forms of the slogan one word off: no variant of it
        head = group[0]
        shown = {t: _as_written(t, found[t]) for t in group}
        for text in group:
            docs = found[text]
            years = [d.year for d in docs if d.year is not None]
            ops = diff_texts(head, text, words(head), words(text)) if text != head else (DiffOp("equal", text),)
            variants.append(
                Variant(
                    text=shown[text],
                    docs=tuple(d.id for d in docs),
                    first_year=min(years) if years else None,
                    group=number,
                    ops=_on_written(ops, shown[head], shown[text]),
                )
            )
        number += 1
    return tuple(variants)
