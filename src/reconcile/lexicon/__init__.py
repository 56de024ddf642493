"""The one vocabulary: number words, scale words, fractions, qualifier phrases, count nouns.

Every reader of numbers — the claim-value parser (`values.py`), the text scanner
(`extract/`) and the report's quote highlighter — takes its words from here, so a
word added to `data/` means the same thing everywhere. The words themselves are data
(`data/*.toml`); this package only loads, checks and indexes them.
"""

from .data import read_toml
from .nouns import NounLexicon, noun_lexicon, plural, plural_forms, singular
from .numbers import NumberWords, number_words
from .qualifiers import Qualifier, qualifiers

__all__ = [
    "NounLexicon",
    "NumberWords",
    "Qualifier",
    "noun_lexicon",
    "number_words",
    "plural",
    "plural_forms",
    "qualifiers",
    "read_toml",
    "singular",
]
