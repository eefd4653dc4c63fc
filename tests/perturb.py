"""Perturbations of real documents with known ground truth, for judging the aligner.

A real document (e.g. a Government Work Report) is taken sentence by sentence, laid out
in its own paragraphs, and changed by seeded random operations: delete a block, insert
sentences taken from another real document, edit a word, move a block, split a sentence
at a comma, merge two sentences. Each NEW sentence remembers where it came from, so the
alignment can be scored:

- ``deleted``: share of deleted OLD characters labelled ``removed``;
- ``inserted``: share of inserted NEW characters labelled ``added``;
- ``moved``: share of moved NEW characters labelled ``moved``;
- ``edits``: share of edits whose pair is ``changed``/``moved`` and whose ops delete the old
  word and insert the new one;
- ``split`` / ``merged``: share of splits (merges) found as such;
- ``same``: share of untouched NEW characters labelled ``same``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from corpuscompare.corpus.document import build_document
from corpuscompare.corpus.segment import Tokenizer
from corpuscompare.model.document import Document


@dataclass
class Unit:
    """One NEW sentence and where it came from."""

    paragraph: int
    text: str
    kind: str  # orig | inserted | edited | split | merged | moved
    source: tuple[int, ...] = ()
    old_word: str = ""
    new_word: str = ""


@dataclass
class Perturbed:
    old: Document
    new: Document
    units: list[Unit]
    deleted: list[int] = field(default_factory=list)


def _tokens(tokenizer: Tokenizer, text: str, lang: str) -> list[str]:
    return list(tokenizer.tokens(text, lang))


def perturb(old: Document, donor: Document, tokenizer: Tokenizer, seed: int = 0, rate: float = 0.04) -> Perturbed:
    """Apply every kind of operation to about ``rate`` of the sentences each (Chinese or
    English: sentence stops, commas and joins follow the document's language)."""
    rng = random.Random(seed)
    zh = old.lang == "zh"
    stops, comma, full_stop = ("。；！？", "，", "。") if zh else (".!?", ",", ".")
    sents = [s for s in old.sentences if not s.is_noise]
    n = len(sents)
    units: dict[int, list[Unit]] = {}  # OLD index -> what it became (in place)
    k = max(1, int(n * rate))
    touched: set[int] = set()

    def pick(count: int, lo: int = 2) -> list[int]:
        # sentences that end with a stop, so moved or joined text still segments the same
        free = [
            i
            for i in range(lo, n - 1)
            if i not in touched and i - 1 not in touched and i + 1 not in touched and sents[i].text[-1] in stops
        ]
        chosen = sorted(rng.sample(free, min(count, len(free))))
        touched.update(chosen)
        return chosen

    deleted: list[int] = []
    for i in pick(k):  # delete blocks of 1-2 sentences
        block = [i] + ([i + 1] if rng.random() < 0.4 and i + 1 < n and i + 1 not in touched else [])
        touched.update(block)
        deleted.extend(block)
    edits = pick(k)
    for i in edits:
        s = sents[i]
        toks = _tokens(tokenizer, s.text, old.lang)
        words = [t for t in toks if len(t) >= 2 and t.isalnum()]
        if not words:
            continue
        old_word = rng.choice(words)
        donor_words = [t for ds in donor.sentences for t in _tokens(tokenizer, ds.text, old.lang)]
        choices = [w for w in donor_words if len(w) >= 2 and w.isalnum() and w not in s.text]
        new_word = rng.choice(choices)
        if not zh and old_word[:1].isupper():  # English: a capital stays (a sentence start)
            new_word = new_word[:1].upper() + new_word[1:]
        pos = s.text.index(old_word)
        text = s.text[:pos] + new_word + s.text[pos + len(old_word) :]
        units[i] = [Unit(s.paragraph, text, "edited", (i,), old_word, new_word)]
    for i in pick(k):  # split at a comma near the middle
        s = sents[i]
        commas = [p for p, c in enumerate(s.text) if c == comma and 8 < p < len(s.text) - 8]
        if not commas or s.text[-1] not in stops:
            touched.discard(i)
            continue
        p = min(commas, key=lambda q: abs(q - len(s.text) // 2))
        rest = s.text[p + 1 :].strip()
        rest = rest if zh else rest[:1].upper() + rest[1:]
        units[i] = [
            Unit(s.paragraph, s.text[:p] + full_stop, "split", (i,)),
            Unit(s.paragraph, rest, "split", (i,)),
        ]
    for i in pick(k):  # merge with the next sentence of the same paragraph
        s, t = sents[i], sents[i + 1] if i + 1 < n else None
        if t is None or t.paragraph != s.paragraph or s.text[-1] != full_stop or i + 1 in touched:
            touched.discard(i)
            continue
        touched.add(i + 1)
        joined = s.text[:-1] + "，" + t.text if zh else s.text[:-1] + ", " + t.text[:1].lower() + t.text[1:]
        units[i] = [Unit(s.paragraph, joined, "merged", (i, i + 1))]
        units[i + 1] = []
    moved_from = pick(max(1, k // 2))
    moved_blocks = []
    for i in moved_from:
        block = [i] + (
            [i + 1]
            if i + 1 < n and i + 1 not in touched and sents[i + 1].text[-1] in stops and rng.random() < 0.5
            else []
        )
        touched.update(block)
        moved_blocks.append(block)
        for b in block:
            units[b] = []
    inserts = pick(k)
    donor_sents = [
        d for d in donor.sentences if (len(d.text) > 10 if zh else len(d.text.split()) > 5) and d.text[-1] == full_stop
    ]

    new_units: list[Unit] = []
    for i, s in enumerate(sents):
        if i in deleted:
            continue
        if i in inserts:
            for _ in range(rng.choice((1, 2))):
                d = rng.choice(donor_sents)
                new_units.append(Unit(s.paragraph, d.text, "inserted"))
        if i in units:
            new_units.extend(units[i])
        else:
            new_units.append(Unit(s.paragraph, s.text, "orig", (i,)))
    # moved blocks go elsewhere: far away, at the start of another paragraph
    for block in moved_blocks:
        ends = {u.paragraph: u.text[-1] for u in new_units}  # last unit of each paragraph wins
        paragraphs = sorted(p for p, end in ends.items() if end in stops)
        origin = sents[block[0]].paragraph
        far = [p for p in paragraphs if abs(p - origin) > 3] or paragraphs
        target = rng.choice(far)
        at = next(idx for idx, u in enumerate(new_units) if u.paragraph == target)
        for offset, b in enumerate(block):
            new_units.insert(at + offset, Unit(target, sents[b].text, "moved", (b,)))
    paragraphs: dict[int, list[str]] = defaultdict(list)
    order: list[int] = []
    for u in new_units:
        if u.paragraph not in paragraphs:
            order.append(u.paragraph)
        paragraphs[u.paragraph].append(u.text)
    joiner = "" if old.lang == "zh" else " "
    raw = "\n\n".join(joiner.join(paragraphs[p]) for p in order)
    # OLD without noise, laid out the same way
    old_paragraphs: dict[int, list[str]] = defaultdict(list)
    for s in sents:
        old_paragraphs[s.paragraph].append(s.text)
    old_raw = "\n\n".join(joiner.join(v) for _, v in sorted(old_paragraphs.items()))
    old_doc = build_document(old.id, old.path, old_raw, dict(old.meta))
    new_doc = build_document(old.id + "-perturbed", old.path, raw, dict(old.meta))
    if [s.text for s in old_doc.sentences] != [s.text for s in sents]:
        raise ValueError("OLD did not re-segment identically")
    built = [s.text for s in new_doc.sentences]
    if built != [u.text for u in new_units]:
        k = next((k for k, (x, u) in enumerate(zip(built, new_units)) if x != u.text), min(len(built), len(new_units)))
        wanted = new_units[k].text if k < len(new_units) else None
        raise ValueError(f"NEW did not re-segment as built at {k}: {built[k : k + 1]} != {wanted!r}")
    return Perturbed(old_doc, new_doc, new_units, sorted(deleted))


def score(p: Perturbed, alignment) -> dict[str, float]:
    """Shares of each kind of change the alignment labelled right (see module docstring)."""
    status_b = {}
    pair_of_b = {}
    status_a = {}
    for pair in alignment.pairs:
        for j in pair.b:
            status_b[j] = pair.status
            pair_of_b[j] = pair
        for i in pair.a:
            status_a[i] = pair.status
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])

    def add(name: str, ok: bool, weight: float) -> None:
        totals[name][0] += weight if ok else 0.0
        totals[name][1] += weight

    for i in p.deleted:
        add("deleted", status_a[i] == "removed", len(p.old.sentences[i].text))
    splits: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for j, u in enumerate(p.units):
        w = len(u.text)
        st = status_b[j]
        if u.kind == "inserted":
            add("inserted", st == "added", w)
        elif u.kind == "moved":
            add("moved", st == "moved", w)
        elif u.kind == "orig":
            add("same", st == "same", w)
        elif u.kind == "edited":
            pair = pair_of_b[j]
            deletes = "".join(op.text for op in pair.ops if op.op == "delete")
            inserts = "".join(op.text for op in pair.ops if op.op == "insert")
            ok = (
                st in ("changed", "moved") and u.source[0] in pair.a and u.old_word in deletes and u.new_word in inserts
            )
            add("edits", ok, 1)
        elif u.kind == "split":
            splits[u.source].append(j)
        elif u.kind == "merged":
            pair = pair_of_b[j]
            add("merged", st == "merged" and set(pair.a) == set(u.source), 1)
    for source, js in splits.items():
        pair = pair_of_b[js[0]]
        add("split", pair.status == "split" and set(pair.b) == set(js) and tuple(pair.a) == source, 1)
    return {name: round(ok / total, 4) if total else 1.0 for name, (ok, total) in totals.items()}
