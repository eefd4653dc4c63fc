"""Who is named: lists of people and addresses to them, told apart from the speaker's text
by jieba's part-of-speech tags (Chinese) or capitals (space-delimited languages). Used by
:mod:`.roles` (``list`` and ``greeting`` sentences).

- :func:`is_name_list` -- three or more enumerated items, most of them a person.
- :func:`names_people` -- the parts of an address name people (space-delimited).
- :func:`has_verb` / :func:`ends_with_name` -- by jieba's tags.
- :func:`pos_tagger` -- jieba's tagger over the shared dictionary, loaded once a process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..corpus.segment import get_tokenizer, import_jieba

__all__ = ["VOCATIVE_END", "ends_with_name", "has_verb", "is_name_list", "names_people", "pos_tagger"]

#: A line that ends like an address: ``各位代表：``, ``女士们，先生们！``.
VOCATIVE_END = re.compile(r"[：:！!]$")
_ALL_HAN = re.compile("[\u4e00-\u9fd5]+")  # jieba's Han block: its words of these come from the dictionary pass


def is_name_list(text: str, lang: str) -> bool:
    """Three or more short enumerated items, most of them ending on a person's name
    (``洪都拉斯副总统弗洛伦蒂诺、赞比亚副总统纳卢曼戈、…等出席``)."""
    if lang == "zh":
        items = [p for p in text.split("、") if p]
        if len(items) < 3 or any(len(p) > 20 for p in items[:-1]):
            return False
        # the last item ends the list at 等 ("越南副总理黎成龙等出席开幕式"), or has no name
        last = items[-1].split("等")[0] if "等" in items[-1] else ""
        need = max(3, -(-2 * (len(items) - 1) // 3))  # named >= 3 and named * 3 >= 2 * (len(items) - 1)
        candidates = [*items[:-1], last]
        named = 0
        for k, item in enumerate(candidates):  # jieba's tagger is slow: stop once the answer is known
            if item and ("·" in item or ends_with_name(item)):
                named += 1
            if named >= need or named + len(candidates) - k - 1 < need:
                break
        return named >= need
    items = [p.strip() for p in re.split(r",|\band\b", text) if p.strip()]
    if len(items) < 3 or any(len(p.split()) > 5 for p in items[:-1]):
        return False
    named = sum(1 for item in items[:-1] if all(w[:1].isupper() for w in item.split()))
    return named >= 3 and named * 3 >= 2 * (len(items) - 1) and not VOCATIVE_END.search(text.strip())


def names_people(parts: list[str]) -> bool:
    """Two thirds of the parts hold a capitalized word after their first word (``Vice
    President Harris``, ``my fellow Americans``; not ``we will face challenges``)."""
    named = sum(1 for p in parts if any(w[:1].isupper() for w in p.split()[1:]) or p.split()[0][:1].isupper())
    return 3 * named >= 2 * len(parts) and not parts[0].lower().startswith(("we ", "i ", "it ", "this "))


@lru_cache(maxsize=65536)
def has_verb(text: str) -> bool:
    """A verb other than an attributive one (``尊敬的``), by jieba's part-of-speech tags."""
    tags = [(w, flag) for w, flag in pos_tagger().lcut(text) if w.strip()]
    return any(flag == "v" and (k + 1 == len(tags) or tags[k + 1][0] != "的") for k, (_, flag) in enumerate(tags))


@lru_cache(maxsize=65536)
def ends_with_name(item: str) -> bool:
    """The item ends on a person's name (jieba's ``nr*`` tags; a transliterated name cut
    into a name and one more character counts: 弗洛伦蒂/诺).

    The tagger's dictionary pass (no HMM) decides most items at a fraction of the cost: when
    its last word is a dictionary word of two or more Han characters, the HMM, which only
    joins runs of single characters, gives that same last word and tag."""
    tags = [(w, flag) for w, flag in pos_tagger().lcut(item, HMM=False) if w.strip()]
    if tags and len(tags[-1][0]) >= 2 and _ALL_HAN.fullmatch(tags[-1][0]):
        return tags[-1][1].startswith("nr")
    tags = [(w, flag) for w, flag in pos_tagger().lcut(item) if w.strip()]
    if not tags:
        return False
    (word, flag), before = tags[-1], tags[-2][1] if len(tags) > 1 else ""
    return (flag.startswith("nr") and len(word) >= 2) or (len(word) == 1 and before.startswith("nr"))


@lru_cache(maxsize=1)
def pos_tagger():
    """jieba's part-of-speech tagger over the shared default-dictionary jieba instance (the
    one slogan variants cut words with): the dictionary is loaded once per process."""

    import_jieba()
    import jieba.posseg

    # jieba.posseg builds a tagger with the default dictionary's word tags on import; a
    # second POSTokenizer would read that table again (~1 s, ~70 MB): share it instead
    tagger = object.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = get_tokenizer(())._zh()
    tagger.word_tag_tab = jieba.posseg.dt.word_tag_tab
    return tagger
