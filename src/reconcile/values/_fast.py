"""The commonest value strings read without the general reader's searches: a number in digits
after plain words, then the unit ("2,221,800 cameras", "about 667 cameras per square mile",
"an estimated 33.1 million people").

What this skips is what cannot apply to such a string: cleaning it (it is clean already), and
reading what comes before the number (qualifiers, words that open the value, a change verb, an
article), which depends on those words alone, since a digit always follows them: it is read by
the general reader's `_read_head` once per distinct run of words and kept. The number, its scale
words, the unit and the Value are then read by the general reader's own functions, in the same
order, so a string read here gives the same Value, or the same error, as `_read_value`
(tests/test_fast_values.py compares the two on generated strings).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import ValueParseError
from ..lexicon import number_words
from ..model import Policy, Value
from ..units import Units
from ._amount import _RANGE_SEP, _Amount, _Head, _read_head
from ._numbers import _DIGITS, _FLOAT_DIGITS, _apply_scales, _digits_number, _float_number
from ._readings import _build
from ._tail import _tail, _Unit

# Plain words, each followed by one space; digits, grouped by commas in threes or not, maybe with
# decimals; one space; then the rest, which starts with a letter (never "x": "2.5 x 10^6" is a
# number) and is single-spaced text with none of the characters cleaning would change (another
# space, a dash or curly quote that `_clean` rewrites). The caller checks the last character.
_FORM = re.compile(
    r"((?:[A-Za-z]+ )*)"
    r"(([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?)"
    r" (?!x)[A-Za-z][^\s\u2013\u2014\u2212\u2019]*(?: [^\s\u2013\u2014\u2212\u2019]+)*"
)
_LAST = frozenset(".;,\"'")  # a last character `_clean` would take off
MAX_FAST = 300  # as parse_value: a longer string is refused by the general reader

_LETTERS = re.compile(r"[A-Za-z]+")  # the word after the number; the form makes it start with a letter


@lru_cache(maxsize=1)
def _scale_starts() -> frozenset[str]:
    """The first words of scale words: a word after the number that is none of them, in a value
    without "illion", is no scale (`_apply_scales` would return the number as it is)."""
    return frozenset(w.split()[0].lower() for w in number_words().scale_words)


# Words before the number → what `_read_head` reads of them, or None when it does not end right
# before the number (the general reader then reads the string).
_HEADS: dict[str, _Head | None] = {}
_MAX_HEADS = 1 << 12
# (words, the rest after the number) → (registry, policy, `_tail`'s reading): what `_tail` keys on
# beyond them (lead words, change verb) is the words' head's; no fraction, currency or sign here.
_PARTS: dict[tuple[str, str], tuple[Units, Policy, _Unit]] = {}


def read_fast(text: str, units: Units, policy: Policy) -> Value | None:
    """`_read_value` of a string in the common form, or None for any other string (the caller
    then reads it with the general reader). Raises what the general reader would raise."""
    if len(text) > MAX_FAST or text[-1] in _LAST:
        return None
    form = _FORM.fullmatch(text)
    if form is None:
        return None
    words = form.group(1)
    if words in _HEADS:
        head = _HEADS[words]
    else:
        try:
            head = _read_head(text)
        except ValueParseError:  # contradicting qualifiers: the general reader says so
            return None
        if head.end != len(words):
            head = None
        if len(_HEADS) >= _MAX_HEADS:
            _HEADS.clear()
        _HEADS[words] = head
    if head is None:
        return None
    start = len(words)
    written, grouped, decimals = form.group(2, 3, 4)
    integer, decimals = grouped.replace(",", ""), decimals or ""
    if len((integer + decimals[1:]).lstrip("0")) <= _FLOAT_DIGITS:  # `_digits_number`'s common case
        number = _float_number(written, "", integer, decimals, policy)
    else:
        digits = _DIGITS.match(text, start)
        if digits is None or digits.end() != form.end(2):  # not as the general reader reads it
            return None
        number = _digits_number(digits, policy, text)
    end = form.end(2)
    if "illion" in text or _LETTERS.match(text, end + 1).group().lower() in _scale_starts():  # type: ignore[union-attr]
        number, end = _apply_scales(text, start, number, end)
    if _RANGE_SEP.match(text, end):  # "20 to 30 million": a range, the general reader's
        return None
    amount = _Amount(number)
    rest = text[end:].strip()
    kept = _PARTS.get((words, rest))  # the unit's reading after these words, as `_tail` keeps it
    if kept is not None and kept[0] is units and kept[1] is policy:
        part = kept[2]
    else:
        part = _tail(rest, units, policy, whole=text, amount=amount, head=head)
        if len(_PARTS) >= _MAX_HEADS:
            _PARTS.clear()
        _PARTS[(words, rest)] = (units, policy, part)
    return _build(text, head.qualifier, head.bound, amount, part, units, policy)


def clear_caches() -> None:
    _HEADS.clear()
    _PARTS.clear()
