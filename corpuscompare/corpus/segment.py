"""Segmentation: paragraphs, sentences and word tokens. The only module that imports jieba.

Index:

- :func:`split_paragraphs` -- ``(start, end)`` of each line of a normalized text.
- :func:`split_sentences` -- ``(start, end)`` of each sentence of one paragraph: Chinese on
  ``。！？；`` (closing quotes and brackets stay with their sentence), other languages on
  ``.!?`` not after an abbreviation (``Mr.``, ``U.S.``) or an initial.
- :class:`Tokenizer` -- words: jieba for Chinese, with the corpus dictionary added and
  checked; a regular expression for space-delimited languages.
- :func:`tokenize_document` -- the tokens of every sentence of a document, through the cache.

>>> text = "我们倡导“四项原则”。“凡益之道，与时偕行。”互联网是人类共同家园！"
>>> [text[a:b] for a, b in split_sentences(text, "zh")]
['我们倡导“四项原则”。', '“凡益之道，与时偕行。”', '互联网是人类共同家园！']
>>> text = "Mr. Smith went to the U.S. in May. He stayed."
>>> [text[a:b] for a, b in split_sentences(text, "en")]
['Mr. Smith went to the U.S. in May.', 'He stayed.']
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import warnings
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from ..runtime.cache import Cache, default_cache_dir
from ..runtime.runner import Runner
from .normalize import HAN_RE, normalize_phrase

__all__ = [
    "Tokenizer",
    "corpus_dictionary",
    "corpus_tokens",
    "get_tokenizer",
    "load_dictionary_file",
    "outside_frames",
    "split_paragraphs",
    "split_sentences",
    "tokenize_document",
    "tokenize_sentences",
]

#: Bump when tokenization changes, so cached tokens are rebuilt.
TOKENIZER_VERSION = "2"

_ZH_BOUNDARY = re.compile(r"[。！？!?；;]+[”’」』）)】》\"'〕]*|……[”’」』）)】》\"']+")
_EN_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u00c0-\u00de])")
_EN_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr rev hon gen col lt sgt capt cmdr adm gov sen rep pres amb messrs mt ft no
    nos vol vols art sec ch fig pp p vs etc e.g i.e cf al inc ltd co corp dept univ jan feb mar apr jun
    jul aug sep sept oct nov dec""".split()
)
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
# Words keep inner apostrophes and dots (America's, U.S.); a hyphen splits a compound into
# its words (fellow-citizens = fellow citizens), the hyphen a token of its own.
_EN_TOKEN = re.compile(r"\w+(?:['’.]\w+)*|[^\w\s]")
# jieba keeps a run of these characters together; a dictionary word with others can't be one token.
_JIEBA_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of a normalized text (one paragraph per line)."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


#: A "sentence" longer than this (text without punctuation) is cut into pieces of
#: PIECE_MIN..LONG_SENTENCE characters, so that every later stage works on bounded units.
LONG_SENTENCE = 2000
PIECE_MIN = 500
_PIECE_WINDOW = 16
_PIECE_MASK = 511


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one paragraph, leading and trailing spaces excluded; an
    over-long one is cut into pieces (:func:`cut_long`)."""
    ends = _zh_ends(text) if lang == "zh" else _en_ends(text)
    spans, start = [], 0
    for end in [*ends, len(text)]:
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a > LONG_SENTENCE:
            spans.extend(cut_long(text, a, b, lang))
        elif b > a:
            spans.append((a, b))
        start = end
    return spans


def cut_long(text: str, a: int, b: int, lang: str) -> list[tuple[int, int]]:
    """Cut ``text[a:b]`` where its content says so (content-defined chunking, as backup
    tools do): after at least :data:`PIECE_MIN` characters, at the first place whose
    preceding 16 characters hash to 0 mod 512, at the latest after :data:`LONG_SENTENCE`.
    The same text cuts the same way wherever it stands, so a copy shifted by a few hundred
    characters gives the same pieces (and aligns as such). Outside Chinese, only between
    words.

    >>> text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(5000))
    >>> pieces = cut_long(text, 0, len(text), "zh")
    >>> all(PIECE_MIN <= e - s <= LONG_SENTENCE for s, e in pieces[:-1]), pieces[-1][1]
    (True, 5000)
    >>> shifted = "前言" * 150 + text
    >>> {shifted[s:e] for s, e in cut_long(shifted, 0, len(shifted), "zh")} >= {text[s:e] for s, e in pieces[1:]}
    True
    """
    import zlib

    spans = []
    while b - a > LONG_SENTENCE:
        cut = a + LONG_SENTENCE
        for p in range(a + PIECE_MIN, a + LONG_SENTENCE):
            if lang != "zh" and not text[p].isspace():
                continue
            if zlib.crc32(text[p - _PIECE_WINDOW : p].encode()) & _PIECE_MASK == 0:
                cut = p
                break
        end = cut
        while end > a and text[end - 1].isspace():
            end -= 1
        spans.append((a, end))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        spans.append((a, b))
    return spans


def _zh_ends(text: str) -> list[int]:
    return [m.end() for m in _ZH_BOUNDARY.finditer(text)]


def _en_ends(text: str) -> list[int]:
    ends = []
    for m in _EN_BOUNDARY.finditer(text):
        before = text[max(0, m.start() - 64) : m.start()]  # bounded: no quadratic look-back
        word = before.rsplit(None, 1)[-1] if before.strip() else ""
        word = word.lstrip("\"'“‘([")
        if m.group(0)[0] == "." and (word.lower() in _EN_ABBREVIATIONS or _INITIALS.match(word)):
            continue
        ends.append(m.end())
    return ends


def load_dictionary_file(path: Path) -> list[str]:
    """Words of a jieba-style dictionary file (``word [freq] [tag]`` a line).

    Read as UTF-8 with or without a BOM, any line ends, so neither can silently turn the
    first word into ``\\ufeffword`` or every word into ``word\\r``.
    """
    text = path.read_bytes().decode("utf-8-sig")
    words = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    return words


class Tokenizer:
    """Word tokens: jieba (Chinese) with extra dictionary words; a regex otherwise.

    ``words`` are normalized (width-folded, simplified) before jieba sees them. After they
    are added, each one is cut on its own and must come back whole: :attr:`unkept` lists
    those that do not (words with spaces or punctuation jieba never joins).
    """

    def __init__(self, words: Iterable[str] = (), cache_dir: Path | None = None) -> None:
        self.words = tuple(sorted({normalize_phrase(w) for w in words if w and w.strip()}))
        self.cache_dir = cache_dir
        self._jieba = None
        self._lock = threading.Lock()
        self.unkept: tuple[str, ...] = tuple(w for w in self.words if not _JIEBA_WORD.fullmatch(w))

    @property
    def key(self) -> str:
        """What the tokens depend on: version, jieba's version, the dictionary words."""
        digest = hashlib.sha256("\n".join(self.words).encode()).hexdigest()[:16]
        return f"tok{TOKENIZER_VERSION}-jieba{_jieba_version()}-{digest}"

    def _zh(self):
        with self._lock:
            if self._jieba is None:
                jieba = import_jieba()
                tk = jieba.Tokenizer()
                _initialize(tk, self.cache_dir)
                for word in self.words:
                    if _JIEBA_WORD.fullmatch(word):
                        tk.add_word(word)
                failed = [w for w in self.words if _JIEBA_WORD.fullmatch(w) and tk.lcut(w, HMM=False) != [w]]
                self.unkept = tuple(sorted(set(self.unkept) | set(failed)))
                self._jieba = tk
            return self._jieba

    def tokens(self, text: str, lang: str) -> tuple[str, ...]:
        """The word tokens of ``text`` (punctuation included, white space left out)."""
        if lang == "zh":
            return tuple(t for t in self._zh().lcut(text) if not t.isspace())
        return tuple(_EN_TOKEN.findall(text))

    def spans(self, text: str, lang: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each token in ``text``."""
        spans, pos = [], 0
        for tok in self.tokens(text, lang):
            start = text.find(tok, pos)
            if start < 0:  # cannot happen for jieba (tokens concatenate to the text)
                continue
            spans.append((start, start + len(tok)))
            pos = start + len(tok)
        return spans


def _initialize(tk, cache_dir: Path | None) -> None:
    """Load jieba's dictionary through its ``marshal`` cache kept in the tool's cache folder
    (default: the user's), sealed with the cache's HMAC: a file that fails the seal is
    deleted before jieba could load it. Without a usable cache folder, jieba's cache goes
    to a private temporary folder (never the shared temp dir)."""

    cache = Cache(cache_dir or default_cache_dir())
    name = f"jieba-{_jieba_version()}.cache"
    path = cache.verified_file(name)
    if path is None:
        import tempfile

        path = Path(tempfile.mkdtemp(prefix="corpuscompare-jieba-")) / name
    tk.tmp_dir = str(path.parent)
    tk.cache_file = str(path)
    fresh = not path.exists()
    tk.initialize()
    if fresh and path.exists():
        cache.seal_file(name)


def get_tokenizer(words: Sequence[str] = (), cache_dir: Path | None = None) -> Tokenizer:
    """A shared tokenizer per dictionary (jieba takes ~1 s to load its main dictionary);
    the last few are kept."""
    return _tokenizer(tuple(sorted(set(words))), str(cache_dir) if cache_dir else None)


@lru_cache(maxsize=4)
def _tokenizer(words: tuple[str, ...], cache_dir: str | None) -> Tokenizer:
    return Tokenizer(words, Path(cache_dir) if cache_dir else None)


def _document_key(doc, tokenizer: Tokenizer) -> str:
    h = hashlib.sha256()
    h.update(f"{tokenizer.key}\0{doc.lang}\0".encode())
    for s in doc.sentences:
        h.update(s.text.encode())
        h.update(b"\0")
    return "tokens-" + h.hexdigest()


def cached_document_tokens(doc, tokenizer: Tokenizer, cache) -> tuple[tuple[str, ...], ...] | None:
    """The tokens of ``doc`` if the cache already has them (jieba is not loaded)."""
    if cache is None or not cache.enabled:
        return None
    cached = cache.get(_document_key(doc, tokenizer), lambda v: _token_lists(v, len(doc.sentences)))
    return tuple(tuple(t) for t in cached) if cached is not None else None


def _token_lists(value, n: int) -> bool:
    """A cached value is ``n`` lists of strings."""
    return (
        isinstance(value, list)
        and len(value) == n
        and all(isinstance(t, list) and all(isinstance(w, str) for w in t) for t in value)
    )


def tokenize_document(doc, tokenizer: Tokenizer, cache=None) -> tuple[tuple[str, ...], ...]:
    """Tokens of each sentence of ``doc`` (a :class:`~corpuscompare.model.document.Document`).

    With a :class:`~corpuscompare.runtime.cache.Cache`, the result is stored under the hash of the
    sentences, the language and the tokenizer's key, and read back next time.
    """
    cached = cached_document_tokens(doc, tokenizer, cache)
    if cached is not None:
        return cached
    result = _tokenize_by_paragraph(doc, tokenizer)
    if cache is not None and cache.enabled:
        cache.put(_document_key(doc, tokenizer), [list(t) for t in result])
    return result


def tokenize_sentences(doc, indices, tokenizer: Tokenizer, cache=None) -> dict[int, tuple[str, ...]]:
    """Tokens of some sentences of ``doc`` by index: from cached whole-document tokens when
    there are any, else cut now (and cached under the hash of exactly these sentences)."""
    indices = sorted(set(indices))
    if not indices:
        return {}
    whole = cached_document_tokens(doc, tokenizer, cache)
    if whole is not None:
        return {i: whole[i] for i in indices}
    key = None
    if cache is not None and cache.enabled:
        h = hashlib.sha256(f"{tokenizer.key}\0{doc.lang}\0".encode())
        for i in indices:
            h.update(doc.sentences[i].text.encode())
            h.update(b"\0")
        key = "sentence-tokens-" + h.hexdigest()
        cached = cache.get(key, lambda v: _token_lists(v, len(indices)))
        if cached is not None:
            return {i: tuple(t) for i, t in zip(indices, cached)}
    result = {i: tokenizer.tokens(doc.sentences[i].text, doc.lang) for i in indices}
    if key is not None:
        cache.put(key, [list(result[i]) for i in indices])
    return result


def _tokenize_by_paragraph(doc, tokenizer: Tokenizer) -> tuple[tuple[str, ...], ...]:
    """Cut whole paragraphs (one jieba call each, not one per sentence) and hand each token
    to the sentence that holds it. jieba emits punctuation as single tokens, so no token
    crosses a sentence end; sentences are located by their offsets in the paragraph."""
    if doc.lang != "zh":
        return tuple(tokenizer.tokens(s.text, doc.lang) for s in doc.sentences)
    cut = tokenizer._zh().lcut
    out: list[tuple[str, ...]] = []
    by_paragraph: dict[int, list] = {}
    for s in doc.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for p_index, sentences in sorted(by_paragraph.items()):
        p_start, p_end = doc.paragraphs[p_index]
        paragraph = doc.text[p_start:p_end]
        tokens = cut(paragraph)
        ends = list(accumulate(map(len, tokens)))
        search = 0
        for s in sentences:
            a = paragraph.find(s.text, search)
            b = a + len(s.text)
            search = b
            i = bisect_right(ends, a)
            j = bisect_right(ends, b)
            if a < 0 or (i > 0 and ends[i - 1] != a) or j == 0 or ends[j - 1] != b:
                mine = cut(s.text)  # a token crossed a sentence end: cut the sentence alone
            else:
                mine = tokens[i:j]
            out.append(tuple(t for t in mine if not t.isspace()) if " " in s.text else tuple(mine))
    return tuple(out)


def import_jieba():
    # jieba 0.42 imports pkg_resources when it can; setuptools < 82 warns about that.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="jieba")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _jieba_version() -> str:
    return getattr(import_jieba(), "__version__", "0")


#: Front-matter fields whose values are names to keep whole (丁薛祥, not 丁/薛祥).
NAME_FIELDS = ("speaker", "speakers", "author", "authors", "names")
_NAME = re.compile(r"^[\w·・]{2,12}$")


def corpus_dictionary(corpus) -> tuple[str, ...]:
    """The corpus's dictionary words plus the names its documents give in their front
    matter (:data:`NAME_FIELDS`; a list or one name): jieba keeps them whole."""
    names = set()
    for doc in corpus.documents:
        for name in NAME_FIELDS:
            value = doc.meta.get(name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and _NAME.match(item.strip()) and HAN_RE.search(item):
                    names.add(normalize_phrase(item.strip()))
    return tuple(dict.fromkeys([*corpus.config.dictionary, *sorted(names)]))


_SEP = "\x1f"


class SentenceTokens(Sequence):
    """The tokens of each sentence of a document, kept compact: one string per sentence,
    its tokens joined by U+001F, split into a tuple only when a sentence is read (a tuple of
    token strings per sentence costs ~15 times the text's memory on a large corpus).

    >>> t = SentenceTokens([("网络", "空间"), (), ("a", "b")])
    >>> len(t), t[0], t[1], list(t)[2], t == (("网络", "空间"), (), ("a", "b"))
    (3, ('网络', '空间'), (), ('a', 'b'), True)
    """

    __slots__ = ("_packed",)

    def __init__(self, sentences: Iterable[Sequence[str]] = ()) -> None:
        self._packed = tuple(_pack(t) for t in sentences)

    @classmethod
    def packed(cls, packed: Iterable[str | tuple[str, ...]]) -> SentenceTokens:
        out = cls()
        out._packed = tuple(packed)
        return out

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return tuple(self[i] for i in range(*k.indices(len(self))))
        p = self._packed[k]
        return p if isinstance(p, tuple) else (tuple(p.split(_SEP)) if p else ())

    def __iter__(self):
        for k in range(len(self._packed)):
            yield self[k]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"SentenceTokens({list(self)!r})"

    def __reduce__(self):
        return (SentenceTokens.packed, (self._packed,))


def _pack(tokens: Sequence[str]) -> str | tuple[str, ...]:
    """One string for a sentence's tokens (a tuple in the odd case that a token holds the
    separator, or that an empty token would be lost)."""
    if any(_SEP in t or not t for t in tokens):
        return tuple(tokens)
    return _SEP.join(tokens)


def corpus_tokens(corpus, cache=None, progress=None, runner=None) -> dict[str, SentenceTokens]:
    """Tokens of every document of ``corpus`` by id (compact: :class:`SentenceTokens`), with
    :func:`corpus_dictionary`, via the cache; the documents not in the cache are cut by
    ``runner`` (all local cores, or a Dask cluster), each worker loading jieba once."""

    words = corpus_dictionary(corpus)
    cache_dir = cache.root if cache is not None else None
    tokenizer = get_tokenizer(words, cache_dir)
    docs = list(corpus.documents)
    out = {}
    todo = []
    for k, doc in enumerate(docs):
        cached = cached_document_tokens(doc, tokenizer, cache)
        if cached is None:
            todo.append(k)
        else:
            out[doc.id] = SentenceTokens(cached)
    if progress is not None and out:
        progress(len(out))
    runner = runner or Runner()
    shared = (docs, words, str(cache_dir) if cache_dir else None)
    for k, packed in zip(todo, runner.map(segment_document, todo, shared), strict=True):
        doc = docs[k]
        out[doc.id] = SentenceTokens.packed(packed)
        if cache is not None and cache.enabled:
            cache.put(_document_key(doc, tokenizer), [list(t) for t in out[doc.id]])
        if progress is not None:
            progress(1)
    return {doc.id: out[doc.id] for doc in docs}


def segment_document(shared, k: int) -> tuple[str | tuple[str, ...], ...]:
    """The tokens of document ``k``, packed (a task of :class:`~corpuscompare.runtime.runner.Runner`)."""
    docs, words, cache_dir = shared
    tokens = _tokenize_by_paragraph(docs[k], get_tokenizer(words, Path(cache_dir) if cache_dir else None))
    return tuple(_pack(t) for t in tokens)


def outside_frames(sentence, toks: Sequence[str]) -> Sequence[str]:
    """The tokens of a sentence that lie outside its reporting frames and its transcript
    noise (by offsets; when the tokens do not spell the text, all of them)."""
    cut = sentence.frame + sentence.noise
    if not cut:
        return toks
    out, pos, text = [], 0, sentence.text
    for tok in toks:
        start = text.find(tok, pos)
        if start < 0:
            return toks
        pos = start + len(tok)
        if not any(a <= start and pos <= b for a, b in cut):
            out.append(tok)
    return out
