"""Searches skipped where none of their words is written.

A pattern built from a list of phrases, each bounded at both ends (`\\b`, or `(?<![\\w-])` and
`(?![\\w-])`), writes one of each phrase's words as a word of its own wherever it matches: "is
set to" matched in "The plant is set to open" writes "set", between non-word characters. A
sentence whose words (its runs of `\\w`, in lower case) include none of the phrases' chosen words
(`key_words`) has no match, and the search, which a pattern opening with a look-behind tries at
every position of the text (the regex engine finds no first character to skip to), is not made.
The words of a sentence are read once, however many patterns ask (`words_in`).

Case: these patterns are case-insensitive, and `str.lower` equals what `re.I` matches for every
character but four (ſ matches s, İ and ı match i, the Kelvin sign matches k): a text with one of
those is always searched.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = ["Keyed", "key_words", "words_in", "writes_none"]

_WORD = re.compile(r"\w+")
_CASE_APART = re.compile("[\u017f\u0130\u0131\u212a]")  # ſ İ ı K: matched by re.I with s, i, i, k
# the words too common to be worth checking for: a phrase's longest other word is chosen instead
_COMMON = frozenset(
    {"a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "is", "its", "of", "on", "or", "that", "the",
     "their", "these", "this", "those", "to", "with"}
)  # fmt: skip


@lru_cache(maxsize=256)  # asked again and again for the sentence at hand, then not again
def words_in(text: str) -> frozenset[str] | None:
    """The words of `text` (its runs of `\\w`) in lower case; None when it has a character that
    `re.I` matches with a letter `str.lower` does not give (see the module's docstring)."""
    if not text.isascii() and _CASE_APART.search(text) is not None:
        return None
    return frozenset(_WORD.findall(text.lower()))


def key_words(phrases: Iterable[str]) -> frozenset[str] | None:
    """One word of each phrase that any match of it writes as a word of its own (its longest
    uncommon one); None when a phrase has no such word in ASCII (no search is skipped then)."""
    phrases = list(phrases)
    if not all(p.isascii() and _WORD.search(p) for p in phrases):
        return None
    split = [_WORD.findall(p.lower()) for p in phrases]
    alone = {words[0] for words in split if len(words) == 1}  # a word that is a phrase of its own
    keys = set()
    for words in split:
        uncommon = [w for w in words if w not in _COMMON] or words
        keys.add(next((w for w in uncommon if w in alone), None) or max(uncommon, key=len))
    return frozenset(keys)


def writes_none(keys: frozenset[str] | None, text: str) -> bool:
    """`text` writes none of `keys` as a word of its own (False when that cannot be told)."""
    if keys is None:
        return False
    words = words_in(text)
    return words is not None and keys.isdisjoint(words)


class Keyed:
    """A compiled pattern and the key words one of which each of its matches writes as a word
    (`key_words` of the phrases it is built from, each bounded at both ends). `search` and
    `finditer` skip a text, or a window of it that does not cut a word, that writes none of them;
    `match` and `fullmatch` try one position and are passed on as they are."""

    __slots__ = ("keys", "pattern")

    def __init__(self, pattern: re.Pattern[str], keys: frozenset[str] | None):
        self.pattern = pattern
        self.keys = keys

    def absent(self, text: str, endpos: int = sys.maxsize) -> bool:
        """No match can be in text[:endpos] (searched from any position: the look-behinds see
        the text before it)."""
        keys = self.keys
        if keys is None:
            return False
        if 0 < endpos < len(text):  # a window ending inside a word: a shorter one may match there
            before, after = text[endpos - 1], text[endpos]
            if (before.isalnum() or before == "_") and (after.isalnum() or after == "_"):  # both `\w`
                return False
        words = words_in(text)
        return words is not None and keys.isdisjoint(words)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self.absent(text, endpos) else self.pattern.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return iter(()) if self.absent(text, endpos) else self.pattern.finditer(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.fullmatch(text, pos, endpos)
