"""Normalization: from the text a source gives to the text comparisons use, offsets kept.

Index of what this module offers:

- :func:`normalize` runs every step on one document body and returns a :class:`Normalized`:
  the new text, how to map its offsets back to the original, the transcript-noise spans,
  and the trailing source lines that were cut off.
- :func:`normalize_phrase` applies the character-level steps to a short string (a slogan,
  a lexicon term, a query) so it matches normalized text.
- :func:`detect_lang` tells Chinese from space-delimited languages by script.
- The steps, each small and named: :func:`cut_source_lines`, :func:`fold_width`,
  :func:`to_simplified`, :func:`close_cjk_spaces`, :func:`collapse_spaces`, :func:`reflow`,
  :func:`find_noise`.

Every step that changes the length of the text returns an :class:`Edits` record; the
chain of them maps any normalized offset back to the original body:

>>> n = normalize("本届政府从1 9 9 3 年3 月就职。", "zh")
>>> n.text
'本届政府从1993年3月就职。'
>>> n.text.index("就职"), n.to_raw(n.text.index("就职"))
(12, 17)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Edits",
    "Normalized",
    "close_cjk_spaces",
    "collapse_spaces",
    "cut_source_lines",
    "detect_lang",
    "find_noise",
    "fold_width",
    "normalize",
    "normalize_phrase",
    "reflow",
    "to_simplified",
]

#: Han ideographs (basic, extension A, compatibility, extensions B and beyond).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Chinese (full-width) punctuation that never needs a space beside it.
CJK_PUNCT = "，。、；：！？“”‘’（）《》〈〉【】「」『』〔〕—…·－～"
#: Characters after which a Chinese sentence (or line) is complete.
CJK_TERMINAL = "。！？；：…”’」』）)】》!?;:"
#: Sentence terminators inside a paragraph: a paragraph holding one is prose, not a heading.
CJK_STOPS = "。！？；"

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_SPACES = {
    c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
}
_WIDTH = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},  # ０-９
    **{0xFF21 + i: 0x41 + i for i in range(26)},  # Ａ-Ｚ
    **{0xFF41 + i: 0x61 + i for i in range(26)},  # ａ-ｚ
    ord("＋"): "+",
    ord("％"): "%",
    ord("＃"): "#",
    ord("＆"): "&",
    ord("＠"): "@",
    ord("＄"): "$",
}
_FOLD_TABLE = str.maketrans({**_WIDTH, **{ord(k): v for k, v in _SPACES.items()}})
_FOLDABLE = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD_TABLE)) + "]+")

# A trailing line that names the source, the editor or is a bare URL: metadata, not speech.
_SOURCE_LINE = re.compile(
    r"""^\s*[(（\[【]?\s*
        (?:来源|來源|稿源|出处|出處|责任编辑|責任編輯|编辑|編輯|原标题|source|sources|via)
        \s*[:：].{0,120}$
      | ^\s*[(（\[【]?\s*(?:https?://|www\.)\S+\s*[)）\]】]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Transcript noise: an audience reaction in brackets, e.g. (Applause.), [Laughter], （掌声）.
_NOISE = re.compile(
    # every kind starts on a bracket: the lookahead lets the engine skip to those (5x faster)
    r"(?=[(\[（【<])(?:"
    # a reaction in brackets, any case: (Applause.) [Laughter] (applause) （掌声）
    r"[(\[（【]\s*(?:applause|laughter|laughs|cheers|cheering|crosstalk|inaudible|booing|boos|"
    r"music|silence|pause|audience|掌声|热烈掌声|笑声|鼓掌|全场鼓掌|全场笑)[^)\]）】\n]{0,40}[)\]）】]"
    # correction markup of a transcript: words struck out, not said
    r"|<(s|del|strike)>[^<]{0,400}</(?:s|del|strike)>"
    # a stage direction: a bracketed sentence of its own ("(The President speaks in Spanish.)")
    r"|(?:(?<=[.!?] )|(?<=[.!?]\u201d )|(?<=\n)|^)[(\[](?-i:[A-Z])[^()\[\]\n]{0,80}[)\]](?=\s|$))",
    re.IGNORECASE | re.MULTILINE,
)
# Typographic apostrophes and quotes, folded to ASCII in text that is not Chinese.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"'})

# The start of a list item or heading: 一、 （一） 第一， 1. ① —— - * and the like.
_ZH_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十百\d]+[，、．.:：]"
    r"|\d+[、.．)）](?!\d)|[①-⑳]|——|[-*•·]\s)"
)
_EN_MARKER = re.compile(r"^(?:[-*•]\s|\d+[.)]\s|[a-zA-Z][.)]\s|#)")


@dataclass(frozen=True)
class Edits:
    """The spans one rewrite replaced, as parallel sorted tuples (old and new coordinates)."""

    old_starts: tuple[int, ...]
    old_ends: tuple[int, ...]
    new_starts: tuple[int, ...]
    new_ends: tuple[int, ...]

    def to_old(self, pos: int, side: str = "start") -> int:
        """Map an offset of the rewritten text back to the text before the rewrite.

        A ``start`` offset maps to where its character came from; an ``end`` offset (one
        past the last character of a range) maps to just past where that character came
        from. A character produced by a replacement comes from the whole replaced span, so
        a mapped range always covers what produced it.
        """
        if side == "end":
            return self._source(pos - 1)[1] if pos > 0 else self._source(0)[0]
        return self._source(pos)[0]

    def _source(self, q: int) -> tuple[int, int]:
        """The old span that new character ``q`` was produced from."""
        k = bisect_right(self.new_starts, q) - 1
        if k < 0:
            return q, q + 1
        if q < self.new_ends[k]:
            return self.old_starts[k], self.old_ends[k]
        old = self.old_ends[k] + (q - self.new_ends[k])
        return old, old + 1


@dataclass(frozen=True)
class Normalized:
    """A normalized body and how to get back to the original one."""

    text: str
    """One paragraph per line, spaces collapsed, widths folded, simplified characters."""
    edits: tuple[Edits, ...]
    """The length-changing rewrites, in the order they were applied."""
    noise: tuple[tuple[int, int], ...]
    """Spans of ``text`` that are transcript noise (kept in the text, skipped by comparisons)."""
    source_lines: tuple[str, ...]
    """Trailing source lines and URLs cut from the body."""

    def to_raw(self, pos: int, side: str = "start") -> int:
        """Offset in the original body of offset ``pos`` of ``text``."""
        for edits in reversed(self.edits):
            pos = edits.to_old(pos, side)
        return pos

    def spans_to_raw(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`to_raw` for many ``(start, end)`` spans at once (start side, end side)."""
        out = list(spans)
        for edits in reversed(self.edits):
            out = [(edits.to_old(a, "start"), edits.to_old(b, "end")) for a, b in out]
        return out


def sub_mapped(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str) -> tuple[str, Edits | None]:
    """``pattern.sub(repl, text)`` that also records where the length changed."""
    pieces: list[str] = []
    olds: list[int] = []
    olde: list[int] = []
    news: list[int] = []
    newe: list[int] = []
    last = 0
    out_len = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        new = repl(m)
        if new == m.group(0):
            continue
        pieces.append(text[last:s])
        out_len += s - last
        if len(new) != e - s:
            olds.append(s)
            olde.append(e)
            news.append(out_len)
            newe.append(out_len + len(new))
        pieces.append(new)
        out_len += len(new)
        last = e
    if not pieces:
        return text, None
    pieces.append(text[last:])
    result = "".join(pieces)
    if not olds:
        return result, None
    return result, Edits(tuple(olds), tuple(olde), tuple(news), tuple(newe))


# --- the steps ---------------------------------------------------------------------------


def cut_source_lines(text: str) -> tuple[str, tuple[str, ...]]:
    """Cut trailing lines that name the source or are bare URLs; return them separately.

    >>> cut_source_lines("谢谢大家。\\n\\n(来源：新华网)\\n\\nhttp://news.example/1.htm")
    ('谢谢大家。', ('(来源：新华网)', 'http://news.example/1.htm'))
    """
    lines = text.split("\n")
    cut: list[str] = []
    while lines:
        line = lines[-1]
        if not line.strip():
            lines.pop()
        elif _SOURCE_LINE.match(line):
            cut.append(line.strip())
            lines.pop()
        else:
            break
    if not cut:
        return text, ()
    return "\n".join(lines).rstrip(), tuple(reversed(cut))


def fold_width(text: str) -> str:
    """Full-width letters, digits and ``＋％＃＆＠＄`` to ASCII; odd spaces to a plain space.

    Chinese punctuation (，。：；！？) is kept: it carries sentence structure.

    >>> fold_width("互联网＋　ＡＰＥＣ２０１４，")
    '互联网+ APEC2014，'
    """
    if _FOLDABLE.search(text) is None:
        return text
    return _FOLDABLE.sub(lambda m: m.group(0).translate(_FOLD_TABLE), text)


def _drop_zero_width(text: str) -> tuple[str, Edits | None]:
    return sub_mapped(_ZERO_WIDTH, lambda m: "", text)


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, Edits | None]:
    """Traditional characters to simplified ones (OpenCC ``t2s``), for matching only.

    OpenCC converts phrase by phrase; where a line changes length the whole line is one
    replaced span, so offsets stay correct (only coarser) inside it.

    >>> to_simplified("網絡空間命運共同體")[0]
    '网络空间命运共同体'
    """
    if text.isascii():
        return text, None
    converted = _opencc().convert(text)
    if len(converted) == len(text):
        return converted, None
    olds, olde, news, newe, out = [], [], [], [], []
    pos_old = pos_new = 0
    for line in text.split("\n"):
        new_line = _opencc().convert(line)
        if len(new_line) != len(line):
            olds.append(pos_old)
            olde.append(pos_old + len(line))
            news.append(pos_new)
            newe.append(pos_new + len(new_line))
        out.append(new_line)
        pos_old += len(line) + 1
        pos_new += len(new_line) + 1
    return "\n".join(out), Edits(tuple(olds), tuple(olde), tuple(news), tuple(newe))


_CJKISH_RE = re.compile(f"[{HAN}{CJK_PUNCT}0-9%％.．]")
_SPACES_RE = re.compile(r" +")
_DECIMAL_POINT = re.compile(r"(?<=\d)．(?=\d)")


def close_cjk_spaces(text: str) -> tuple[str, Edits | None]:
    """In Chinese text, drop spaces between ideographs, digits and Chinese punctuation.

    Repairs digits set with spaces (``1 9 9 3 年`` -> ``1993年``), names padded with an
    ideographic space (``李　强``) and decimal points set full width (``8．8`` -> ``8.8``).
    Spaces next to Latin letters are kept (``C919 大飞机`` stays readable).

    >>> close_cjk_spaces("1 9 9 7 年增长8 ．8 ％")[0]
    '1997年增长8.8％'
    """

    def repl(m: re.Match[str]) -> str:
        s, e = m.span()
        if s > 0 and e < len(text) and _CJKISH_RE.match(text, s - 1) and _CJKISH_RE.match(text, e):
            return ""
        return m.group(0)

    text, edits = sub_mapped(_SPACES_RE, repl, text)
    if "．" in text:
        text = _DECIMAL_POINT.sub(".", text)
    return text, edits


def collapse_spaces(text: str) -> tuple[str, Edits | None]:
    """Runs of spaces to one; no spaces at line starts or ends."""

    def repl(m: re.Match[str]) -> str:
        s, e = m.span()
        if s == 0 or e == len(text) or text[s - 1] == "\n" or text[e] == "\n":
            return ""
        return " "

    return sub_mapped(_SPACES_RE, repl, text)


_NEWLINES = re.compile(r"\n\s*")  # collapse_spaces has removed spaces before line ends


def reflow(text: str, lang: str) -> tuple[str, Edits | None]:
    """Rejoin lines broken inside a sentence; leave one paragraph per line.

    Chinese: a line break is a line-wrap artefact (joined without a space) when the text
    before it ends mid-sentence — after ``，`` or ``、``, or after an ideograph in a
    paragraph that already holds a sentence stop (so headings such as ``一、工作回顾`` stay
    apart) — and the next line does not start a list item. Other languages: lines of a
    paragraph are joined with a space; a paragraph is a block between blank lines, or a
    line that ends a sentence when the text has no blank lines.

    >>> reflow("是中国\\n\\n互联网创新发展的一个缩影。", "zh")[0]
    '是中国\\n互联网创新发展的一个缩影。'
    >>> reflow("来过乌镇。乌镇，是中国\\n\\n互联网创新发展的一个缩影。\\n\\n一、回顾\\n\\n过去一年。", "zh")[0]
    '来过乌镇。乌镇，是中国互联网创新发展的一个缩影。\\n一、回顾\\n过去一年。'
    """
    zh = lang == "zh"
    has_blank_lines = re.search(r"\S[ ]*\n[ ]*\n\s*\S", text) is not None
    para_start = 0

    def decide(m: re.Match[str]) -> str:
        nonlocal para_start
        s, e = m.span()
        if s == 0 or e == len(text):
            return ""
        blank = m.group(0).count("\n") > 1
        before = text[para_start:s]
        nl = text.find("\n", e)
        after = text[e : nl if nl >= 0 else len(text)]
        join = _zh_join(before, after) if zh else _latin_join(before, after, blank, has_blank_lines)
        if join is None:
            para_start = e
            return "\n"
        return join

    return sub_mapped(_NEWLINES, decide, text)


def _zh_join(before: str, after: str) -> str | None:
    if not before or not after or _ZH_MARKER.match(after):
        return None
    last, first = before[-1], after[0]
    if last in "，、":
        return ""
    prose = any(c in before for c in CJK_STOPS)
    if prose and re.match(f"[{HAN}0-9A-Za-z%]", last) and re.match(f"[{HAN}0-9A-Za-z“‘]", first):
        return ""
    return None


def _latin_join(before: str, after: str, blank: bool, has_blank_lines: bool) -> str | None:
    if not before or not after or _EN_MARKER.match(after):
        return None
    last, first = before[-1], after[0]
    if blank:
        if (last.islower() or last in ",;-") and first.islower():
            return "" if last == "-" else " "
        return None
    if has_blank_lines or last not in ".!?:;\"'”’)]" or first.islower():
        return "" if last == "-" and first.islower() else " "
    return None


def find_noise(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of transcript noise: ``(Applause.)``, ``[Laughter]``, ``（掌声）`` and the like.

    >>> find_noise("Thank you. (Applause.) And")
    ((11, 22),)
    """
    return tuple(m.span() for m in _NOISE.finditer(text))


_MD_MARKUP = re.compile(r"^(?:#{1,6}[ ]+|>[ ]?)", re.MULTILINE)


def _strip_markdown(text: str) -> tuple[str, Edits | None]:
    return sub_mapped(_MD_MARKUP, lambda m: "", text)


# --- the pipeline ------------------------------------------------------------------------


def normalize(raw: str, lang: str, *, markdown: bool = False) -> Normalized:
    """Run every step on one document body (``raw``: decoded, line ends folded to ``\\n``)."""
    text, source_lines = cut_source_lines(raw)
    chain: list[Edits] = []

    def step(result: tuple[str, Edits | None]) -> str:
        new_text, edits = result
        if edits is not None:
            chain.append(edits)
        return new_text

    text = step(_drop_zero_width(text))
    text = fold_width(text)
    if lang != "zh":  # America’s = America's (same length: offsets hold)
        text = text.translate(_QUOTES)
    if markdown:
        text = step(_strip_markdown(text))
    if lang == "zh":
        text = step(to_simplified(text))
        text = step(close_cjk_spaces(text))
    text = step(collapse_spaces(text))
    text = step(reflow(text, lang))
    text = step(_strip_ends(text))
    return Normalized(text, tuple(chain), find_noise(text), source_lines)


def _strip_ends(text: str) -> tuple[str, Edits | None]:
    stripped = text.strip()
    if stripped == text:
        return text, None
    start = len(text) - len(text.lstrip())
    end = start + len(stripped)
    olds, olde, news, newe = [], [], [], []
    if start:
        olds.append(0), olde.append(start), news.append(0), newe.append(0)
    if end < len(text):
        olds.append(end), olde.append(len(text)), news.append(len(stripped)), newe.append(len(stripped))
    return stripped, Edits(tuple(olds), tuple(olde), tuple(news), tuple(newe))


def normalize_phrase(phrase: str, lang: str = "zh") -> str:
    """The character-level steps for a short string, so it matches normalized text.

    >>> normalize_phrase("互联网＋")
    '互联网+'
    >>> normalize_phrase("網絡主權")
    '网络主权'
    """
    text = fold_width(_ZERO_WIDTH.sub("", phrase)).strip()
    if lang == "zh" or HAN_RE.search(text):
        text = to_simplified(text)[0]
        text = close_cjk_spaces(text)[0]
    return re.sub(r"\s+", " ", text)


#: One ideograph: a term that has one is matched as a substring, not on word boundaries.
HAN_RE = re.compile(f"[{HAN}]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def detect_lang(text: str) -> str:
    """``zh`` when ideographs outnumber Latin-script words, else ``en``.

    >>> detect_lang("Thank you all. 谢谢"), detect_lang("构建网络空间命运共同体 (WIC)")
    ('en', 'zh')
    """
    sample = text[:20000]
    han = len(HAN_RE.findall(sample))
    words = len(_LATIN_WORD.findall(sample))
    return "zh" if han > words else "en"


def term_pattern(terms: Sequence[str]) -> re.Pattern[str]:
    """One regular expression for slogans or theme terms (already normalized).

    A term with an ideograph matches anywhere; other terms match whole words, any run of
    white space or a hyphen between them (fellow citizens = fellow-citizens),
    case-insensitively. Alternatives are ordered longest first,
    so a match is leftmost-longest (数据安全 before 数据).

    >>> [m.group() for m in term_pattern(["数据", "数据安全", "open source"]).finditer("数据安全, Open  Source")]
    ['数据安全', 'Open  Source']
    >>> [m.group() for m in term_pattern(["fellow citizens"]).finditer("Fellow-Citizens and fellow citizens")]
    ['Fellow-Citizens', 'fellow citizens']
    """
    parts = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        if HAN_RE.search(term):
            parts.append(re.escape(term))
        else:
            words = re.split(r"[\s\-\u2010\u2011]+", term)
            parts.append(
                r"(?<!\w)" + r"(?:\s+|\s*[\-\u2010\u2011]\s*)".join(re.escape(w) for w in words if w) + r"(?!\w)"
            )
    return re.compile("|".join(parts), re.IGNORECASE)
