"""The one vocabulary: number words, scale words, fractions, qualifier phrases, count nouns,
currencies and the words that give a percentage its role.

Every reader of numbers — the claim-value parser (`values/`), the text scanner
(`extract/`) and the report's quote highlighter — takes its words from here, so a
word added to `data/` means the same thing everywhere. The words themselves are data
(`data/*.toml`); this package only loads, checks and indexes them.
"""

from .currencies import Currencies, currencies
from .data import read_toml
from .nouns import NounLexicon, noun_lexicon, plural, plural_forms, singular
from .numbers import NumberWords, number_words
from .percentages import PercentWords, percent_words
from .qualifiers import Qualifier, qualifiers

__all__ = [
    "Currencies",
    "NounLexicon",
    "NumberWords",
    "PercentWords",
    "Qualifier",
    "currencies",
    "noun_lexicon",
    "number_words",
    "percent_words",
    "plural",
    "plural_forms",
    "qualifiers",
    "read_toml",
    "singular",
]
