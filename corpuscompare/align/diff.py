"""Diffs inside aligned pairs: diff-match-patch, widened to whole words.

Index:

- :func:`diff_texts` -- two short texts -> tuple of :class:`~corpuscompare.model.alignment.DiffOp`.
- :func:`widen_to_words` -- move change boundaries out to word boundaries.
- :func:`diff_alignment` -- fill the ``ops`` of every pair of an alignment.

Contract of the ops (as in difflib's opcodes, spelled out): concatenating the ``equal`` and
``delete`` texts gives OLD; concatenating the ``equal`` and ``insert`` texts gives NEW; no
two neighbouring ops have the same kind; in a changed stretch the ``delete`` comes first.

diff-match-patch runs with ``Diff_Timeout = 0`` (no time limit, so the result never depends
on the machine's speed) and only on aligned pairs, which are short: on whole documents it
degrades to a handful of useless operations.

>>> [op.as_list() for op in diff_texts("坚持改革开放", "坚定改革开放", ["坚持", "改革开放"], ["坚定", "改革开放"])]
[['delete', '坚持'], ['insert', '坚定'], ['equal', '改革开放']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from diff_match_patch import diff_match_patch

from ..corpus.segment import tokenize_sentences
from ..model.alignment import AlignedPair, Alignment, DiffOp
from .sentences import DEFAULT_OPTIONS, align

__all__ = ["diff_alignment", "diff_documents", "diff_texts", "joiner", "widen_to_words"]

_OPS = {0: "equal", 1: "insert", -1: "delete"}


def joiner(lang: str) -> str:
    """How sentences of one side of a pair are joined into one text."""
    return "" if lang == "zh" else " "


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut short by the clock
    return dmp


def _boundaries(text: str, tokens: Sequence[str] | None) -> set[int] | None:
    if tokens is None:
        return None
    marks = {0, len(text)}
    pos = 0
    for tok in tokens:
        start = text.find(tok, pos)
        if start < 0:
            continue
        marks.add(start)
        pos = start + len(tok)
        marks.add(pos)
    # a space or punctuation mark is a boundary on both of its sides
    for k, ch in enumerate(text):
        if not ch.isalnum():
            marks.add(k)
            marks.add(k + 1)
    return marks


def diff_texts(
    old: str, new: str, old_tokens: Sequence[str] | None = None, new_tokens: Sequence[str] | None = None
) -> tuple[DiffOp, ...]:
    """Character diff of two short texts, widened to the given tokens' boundaries."""
    if old == new:
        return (DiffOp("equal", old),) if old else ()
    dmp = _dmp()
    raw = dmp.diff_main(old, new, False)
    dmp.diff_cleanupSemantic(raw)
    ops = [DiffOp(_OPS[op], text) for op, text in raw if text]
    ob, nb = _boundaries(old, old_tokens), _boundaries(new, new_tokens)
    if ob is not None and nb is not None:
        ops = widen_to_words(old, new, ops, ob, nb)
    return tuple(_merge(ops))


def widen_to_words(old: str, new: str, ops: Sequence[DiffOp], old_marks: set[int], new_marks: set[int]) -> list[DiffOp]:
    """Shrink the equal runs so every change starts and ends on a word boundary in both texts.

    ``坚[-持-]{+定+}改革`` becomes ``[-坚持-]{+坚定+}改革``: a reader sees words change.
    """
    segments: list[list[int]] = []  # [old start, new start, length] of each equal run
    o = n = 0
    for op in ops:
        size = len(op.text)
        if op.op == "equal":
            segments.append([o, n, size])
            o += size
            n += size
        elif op.op == "delete":
            o += size
        else:
            n += size
    for k, seg in enumerate(segments):
        os_, ns_, size = seg
        prev_end = (
            (0, 0) if k == 0 else (segments[k - 1][0] + segments[k - 1][2], segments[k - 1][1] + segments[k - 1][2])
        )
        change_before = (os_, ns_) != prev_end
        if change_before:
            while size > 0 and not (os_ in old_marks and ns_ in new_marks):
                os_, ns_, size = os_ + 1, ns_ + 1, size - 1
        next_start = (len(old), len(new)) if k == len(segments) - 1 else (segments[k + 1][0], segments[k + 1][1])
        change_after = (os_ + size, ns_ + size) != next_start
        if change_after:
            while size > 0 and not (os_ + size in old_marks and ns_ + size in new_marks):
                size -= 1
        seg[:] = [os_, ns_, size]
    out: list[DiffOp] = []
    o = n = 0
    for os_, ns_, size in segments:
        if size <= 0:
            continue
        if os_ > o:
            out.append(DiffOp("delete", old[o:os_]))
        if ns_ > n:
            out.append(DiffOp("insert", new[n:ns_]))
        out.append(DiffOp("equal", old[os_ : os_ + size]))
        o, n = os_ + size, ns_ + size
    if o < len(old):
        out.append(DiffOp("delete", old[o:]))
    if n < len(new):
        out.append(DiffOp("insert", new[n:]))
    return out


def _merge(ops: Iterable[DiffOp]) -> list[DiffOp]:
    """Join neighbours of one kind; put each delete before its insert."""
    merged: list[DiffOp] = []
    for op in ops:
        if not op.text:
            continue
        if merged and merged[-1].op == op.op:
            merged[-1] = DiffOp(op.op, merged[-1].text + op.text)
        elif merged and op.op == "delete" and merged[-1].op == "insert":
            ins = merged.pop()
            if merged and merged[-1].op == "delete":
                merged[-1] = DiffOp("delete", merged[-1].text + op.text)
            else:
                merged.append(op)
            merged.append(ins)
        else:
            merged.append(op)
    return merged


def diff_alignment(
    alignment: Alignment,
    tokens_a: Mapping[int, Sequence[str]] | Sequence[Sequence[str]] | None = None,
    tokens_b: Mapping[int, Sequence[str]] | Sequence[Sequence[str]] | None = None,
    statuses: Iterable[str] | None = None,
) -> Alignment:
    """Fill ``ops`` for the pairs of ``alignment`` (by default every pair).

    ``tokens_a``/``tokens_b`` give the word tokens of OLD/NEW sentences by index (jieba
    for Chinese), used to widen changes to whole words; without them changes stay at
    character level. ``same`` pairs get one ``equal`` op, added/removed pairs one
    ``insert``/``delete`` op.
    """
    a, b = alignment.a, alignment.b
    wanted = set(statuses) if statuses is not None else None
    pairs: list[AlignedPair] = []
    for pair in alignment.pairs:
        if wanted is not None and pair.status not in wanted:
            pairs.append(pair)
            continue
        old = joiner(a.lang).join(a.sentences[i].text for i in pair.a)
        new = joiner(b.lang).join(b.sentences[j].text for j in pair.b)
        if not pair.b:
            ops: tuple[DiffOp, ...] = (DiffOp("delete", old),)
        elif not pair.a:
            ops = (DiffOp("insert", new),)
        elif old == new:
            ops = (DiffOp("equal", old),)
        else:
            ot = [t for i in pair.a for t in tokens_a[i]] if tokens_a is not None else None
            nt = [t for j in pair.b for t in tokens_b[j]] if tokens_b is not None else None
            ops = diff_texts(old, new, ot, nt)
        pairs.append(replace(pair, ops=ops))
    return replace(alignment, pairs=tuple(pairs))


#: Statuses whose pairs have changes inside them (and so need word tokens).
DIFFERING = ("changed", "moved", "split", "merged")


def diff_documents(old, new, options=None, tokenizer=None, cache=None, space=None) -> Alignment:
    """Align two documents and diff every pair: what ``corpuscompare diff`` prints.

    ``tokenizer`` (a :class:`~corpuscompare.corpus.segment.Tokenizer`) widens changes to words;
    with a ``cache``, whole-document tokens are stored and reused, so a second run does
    not even load jieba.
    """

    alignment = align(old, new, options or DEFAULT_OPTIONS, space)
    if tokenizer is None:
        return diff_alignment(alignment)
    need_a = {i for p in alignment.pairs if p.status in DIFFERING for i in p.a}
    need_b = {j for p in alignment.pairs if p.status in DIFFERING for j in p.b}
    tokens_a = tokenize_sentences(old, need_a, tokenizer, cache)
    tokens_b = tokenize_sentences(new, need_b, tokenizer, cache)
    return diff_alignment(alignment, tokens_a, tokens_b)
