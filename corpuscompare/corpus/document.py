"""One body of text -> a :class:`~corpuscompare.model.document.Document`: normalized, cut into
paragraphs and sentences, every sentence with its offsets in the raw body.

- :func:`build_document` -- text + metadata -> Document, in this process.
- :func:`segment_body` / :func:`assemble` -- the same in two halves: the costly half
  (normalizing and splitting) returns a compact :class:`Segmented` (the normalized text and
  one row of integers per sentence), which a worker process sends back in a fraction of the
  time a pickled Document takes; the cheap half builds the Document where it is needed.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from ..model.document import Document, Sentence
from .normalize import detect_lang, normalize
from .segment import split_paragraphs, split_sentences

__all__ = ["Segmented", "assemble", "build_document", "segment_body"]


class Segmented(NamedTuple):
    """A normalized, segmented body without its Sentence objects."""

    lang: str
    text: str
    """The normalized body."""
    source_lines: tuple[str, ...]
    """Trailing source lines cut from the body (see :func:`~corpuscompare.corpus.normalize.cut_source_lines`)."""
    paragraphs: tuple[tuple[int, int], ...]
    rows: np.ndarray
    """One row per sentence: paragraph, start and end in ``text``, start and end in the raw body."""
    noise: dict[int, tuple[tuple[int, int], ...]]
    """Noise spans (in sentence coordinates) of the sentences that have any, by sentence index."""


def build_document(
    doc_id: str,
    path: str,
    raw: str,
    meta: dict[str, Any],
    *,
    default_lang: str | None = None,
    encoding: str = "utf-8",
    markdown: bool = False,
) -> Document:
    """Normalize and segment one body into a Document (``raw``: line ends already ``\\n``)."""
    return assemble(doc_id, path, raw, meta, segment_body(raw, meta, default_lang, markdown), encoding)


def segment_body(raw: str, meta: dict[str, Any], default_lang: str | None = None, markdown: bool = False) -> Segmented:
    """The costly half of :func:`build_document`: language, normalization, paragraphs,
    sentences (transcript noise that opens a sentence cut off into a sentence of its own)."""
    lang = lang_code(meta.get("lang") or default_lang) or detect_lang(raw)
    norm = normalize(raw, lang, markdown=markdown)
    paragraphs = split_paragraphs(norm.text)
    pieces: list[tuple[int, int, int, tuple]] = []  # paragraph, start, end, noise spans
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for s_start, s_end in split_sentences(norm.text[p_start:p_end], lang):
            a, b = p_start + s_start, p_start + s_end
            if norm.noise:
                pieces.extend((p_index, x, y, spans) for x, y, spans in _split_noise(norm.text, a, b, norm.noise))
            else:
                pieces.append((p_index, a, b, ()))
    raw_spans = norm.spans_to_raw([(a, b) for _, a, b, _ in pieces])
    rows = np.array([(p, a, b, ra, rb) for (p, a, b, _), (ra, rb) in zip(pieces, raw_spans)], np.int64)
    noise = {k: spans for k, (*_, spans) in enumerate(pieces) if spans}
    return Segmented(lang, norm.text, norm.source_lines, tuple(paragraphs), rows.reshape(-1, 5), noise)


def assemble(doc_id: str, path: str, raw: str, meta: dict[str, Any], seg: Segmented, encoding: str) -> Document:
    """The cheap half of :func:`build_document`: the Document of a :class:`Segmented` body."""
    meta = dict(meta)
    if seg.source_lines:
        meta["source_lines"] = list(seg.source_lines)
    text, noise = seg.text, seg.noise
    sentences = tuple(
        Sentence(doc_id=doc_id, index=k, paragraph=p, text=text[a:b], start=ra, end=rb, noise=noise.get(k, ()))
        for k, (p, a, b, ra, rb) in enumerate(seg.rows.tolist())
    )
    return Document(
        id=doc_id,
        path=path,
        meta=meta,
        raw=raw,
        text=text,
        lang=seg.lang,
        sentences=sentences,
        paragraphs=seg.paragraphs,
        encoding=encoding,
    )


def _split_noise(text: str, a: int, b: int, noise: tuple[tuple[int, int], ...]):
    """Cut noise at the start of a sentence into a sentence of its own; keep other noise marked.

    ``。（掌声）我们`` splits after the stop, leaving ``（掌声）我们…``: the reaction belongs to
    neither sentence, so it becomes a noise-only sentence that comparisons skip.
    """
    inside = [(s, e) for s, e in noise if s >= a and e <= b]
    if inside and inside[0][0] == a and inside[0][1] < b:
        end = inside[0][1]
        yield a, end, ((0, end - a),)
        rest = end
        while rest < b and text[rest].isspace():
            rest += 1
        if rest < b:
            yield from _split_noise(text, rest, b, noise)
        return
    yield a, b, tuple((s - a, e - a) for s, e in inside)


def lang_code(value: Any) -> str | None:
    """A language given in front matter or corpus.yaml, as a code: ``zh`` for any Chinese,
    else the primary subtag (``en-US`` -> ``en``); None when not given."""
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-")
    if code.startswith(("zh", "cmn", "chi", "chinese")):
        return "zh"
    return code.split("-")[0] or None
