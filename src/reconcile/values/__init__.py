"""'over 200 million cameras' → a Value: the number, its unit, its qualifier, and the
intervals of true figures it allows (SPEC "Meaning of a number").

Grammar: `[qualifier] amount [scale] unit-expression`, where amount is a number or a
range, and the unit expression may be a rate with a number of its own ("13.35 cameras
per 1,000 people", "one camera for every seven people"). Qualifier phrases, number
words, fractions and scale words are data (`data/qualifiers.toml`, `data/numbers.toml`).

A written number X with last-significant-digit unit u reads, in its own unit:

    bound  default (`interval`)     operand (own figures)   result (stated result)
    =      [X − u/2, X + u/2]       [X, X]                  [X − u/2, X + u)
    ~      that, ≥ ±about_min_rel.  ±about_min_relative     result "=", ≥ ±about_min_rel.
    >      (X, X + u]               same                    same
    <      [X − u, X)               same                    same
    <=     (0, X]                   same                    same
    >=     [X, ∞)                   same                    same
    range  [X, Y]                   same                    same

Rates of the "1 per N" kind are read on N (the number the author wrote) and then
inverted, so a qualifier's direction flips: "nearly one for every two" is N in (2, 3].
"A per B" with B a power of ten reads A and keeps B exact; any other "A per B" reads both.
Numbers are read exactly (decimal) from their digits; their intervals are computed in floats
as they always were, unless a float cannot carry the digits ("1234567.1234567891 people"):
then the ends are computed in decimal and rounded outwards, keeping the last digit's width.

The package, in reading order: `_vocabulary` (the lexicon compiled; what measure words may
be), `_numbers` (one number), `_amount` (qualifiers, currency, number or range), `_tail`
(unit, rate, money, percentage role, measure words), `_readings` (intervals and the Value).

Number forms: digits grouped by commas (627,707), by spaces in threes (627 707; thin and
no-break spaces too), the Indian way (4,65,255); scientific notation (2.5e6, 2.5×10^6,
2.5 x 10⁶); at most 100 significant digits and a power of ten within ±300, else a parse
error. A number right after the number ("627 70 cameras") is refused, never multiplied.

Money: a currency symbol or code before the number ("$", "US$", "€", "USD", "Rs"), or a
code or word after it ("4.08 trillion USD", "1.92 trn dollars"), both from
`data/currencies.toml`; "$" alone is US dollars. Each currency is a unit of its own
dimension. After a currency symbol a one-letter scale may end the value ("$5m"); a word
like "gazillion" or a glued "$4.08tr" is an unknown scale, a parse error naming it.

Measure words (`Value.measure_words`) name what is measured beyond the unit:
- words after a currency, a percentage or any unit: "$25.4 trillion GDP" → "GDP",
  "5.2 percent unemployment rate" → "unemployment rate";
- words before a counted noun that are not one of its spellings: "42,514 road deaths" →
  "road deaths" (the whole noun phrase; "627,707 cameras" has none);
- words before "of" that open the value: "an unemployment rate of 5.2 percent",
  "a GDP of $25.4 trillion";
- a rate's "per …" phrase as written is kept with them: "US$ 76,000 GDP per capita" →
  "GDP per capita" (unit USD / person).
They are at most six words of letters (digits, - ' & . inside a word), never a unit and
never a preposition other than "of"/"and" inside; anything else stays a unit error.

Percentages carry a role (`Value.percent_role`, words in `data/percentages.toml`):
share ("25 percent of EU GDP": `whole_words` "EU GDP", and `share_of` the counted noun
when the whole is one, "54 percent of cameras" → camera), change ("grew 3.4 percent",
"+8.5%", "a 9 percent rise", "3 percent GDP growth"; a fall, "fell 2 percent", "down 3%",
"a 3 percent drop", is a negative change: its intervals are mirrored below zero), rate
("5.2 percent unemployment rate": its own measure). Percentage points and basis points
("3 percentage points", unit `percentage_point`) are always a change of a rate. A bare
"7 percent" has no role. A change verb before an amount that is not a percentage
("fell 2 million people") is refused: state both periods' figures instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal

from ..errors import ValueParseError
from ..lexicon import qualifiers
from ..model import Bound, Policy, Value
from ..units import Units, get_units
from ._amount import _CONNECTOR, _read_amount, _read_head
from ._fast import clear_caches as _forget_heads
from ._fast import read_fast
from ._numbers import _read_number, last_digit_unit, parse_number
from ._readings import _build
from ._readings import clear_caches as _forget_unit_facts
from ._tail import _TAILS, _read_tail, _read_unit, _tail, _Unit
from ._vocabulary import _clean

_SYMBOLS = {b.value for b in Bound if b is not Bound.RANGE}  # qualifier: may be written as a bound

__all__ = ["BOUNDS", "last_digit_unit", "parse_number", "parse_value", "value_from_fields", "values_read"]

BOUNDS = tuple(b.value for b in Bound)
_MAX_TEXT = 300


def parse_value(text: str, *, units: Units | None = None, policy: Policy = Policy()) -> Value:
    """A claim's `value` string → Value. Raises ValueParseError or UnitError, nothing else."""
    if not isinstance(text, str):
        raise ValueParseError(f"a value must be text, not {type(text).__name__}")
    units = units or get_units()
    seen = _seen(units, policy)
    value = seen.get(text)  # a repeated string, before even cleaning it
    if value is not None:
        return value
    value = read_fast(text, units, policy) if text else None  # the commonest forms (_fast.py)
    if value is not None:
        if len(seen) >= _MAX_SEEN:
            seen.clear()
        seen[text] = value
        return value
    s = _clean(text)
    if not s:
        raise ValueParseError("the value is empty")
    if len(s) > _MAX_TEXT:
        raise ValueParseError(f"the value is too long ({len(s)} characters) to be one number")
    value = _read_value(s, text.strip(), units, policy)
    if len(seen) >= _MAX_SEEN:
        seen.clear()
    seen[text] = value
    return value


# Values repeat across a repo ("1.4 billion people", "one camera for every seven people"): a
# Value is immutable, so each distinct string (as written, per registry and policy) is read once
# and its Value shared by every claim that writes it. Errors are never kept.
_SEEN: dict[tuple[Units, Policy], dict[str, Value]] = {}
_MAX_SEEN = 1 << 19  # a million claims write ~164k distinct strings: a smaller memo re-reads them


def values_read(units: Units, policy: Policy) -> Mapping[str, Value]:
    """The Values read so far for this registry and policy, by their string as written: a caller
    that reads many claims looks a string up here first (no call, no hashing of the policy)."""
    return _seen(units, policy)


def _seen(units: Units, policy: Policy) -> dict[str, Value]:
    seen = _SEEN.get((units, policy))
    if seen is None:
        seen = _SEEN[(units, policy)] = {}
    return seen


def clear_caches() -> None:
    """Forget every value and tail read so far (benchmarks of the reader itself; tests)."""
    _SEEN.clear()
    _TAILS.clear()
    _forget_heads()
    _forget_unit_facts()


def _read_value(s: str, text: str, units: Units, policy: Policy) -> Value:
    head = _read_head(s)
    amount, end = _read_amount(s, head.end, policy)
    part = _tail(s[end:].strip(), units, policy, whole=s, amount=amount, head=head)
    return _build(text, head.qualifier, head.bound, amount, part, units, policy)


def value_from_fields(
    number: float | int | str,
    unit: str | None,
    qualifier: str | None = None,
    *,
    units: Units | None = None,
    policy: Policy = Policy(),
) -> Value:
    """Explicit `number:` / `unit:` / `qualifier:` claim fields → Value.

    `number` may be a number or text ('2.58 million', 'between 20 and 30', '1 in 7'); the
    qualifier a phrase ('over') or a bound ('>'); `unit` any unit phrase, with a rate base
    in it or not ('cameras per 1,000 people', 'camera / (1000 * person)').
    """
    units = units or get_units()
    number_text = _number_text(number)
    if unit is not None and not isinstance(unit, str):
        raise ValueParseError(f"unit: must be text, not {type(unit).__name__}")
    qual_phrase, qual_bound = _field_qualifier(qualifier)
    s = _clean(number_text)
    # A long number: is read far enough to say "too many digits"; a long unit: is refused unread.
    for field, text, limit in (("number", s, 10 * _MAX_TEXT), ("unit", unit or "", _MAX_TEXT)):
        if len(text) > limit:
            raise ValueParseError(f"{field}: is too long ({len(text)} characters) to be one {field}")
    if not s:
        raise ValueParseError("number: is empty")
    head = _read_head(s)
    strong = {b for b in (qual_bound, head.bound) if b is not Bound.EXACT}
    if len(strong) > 1:
        raise ValueParseError(f"qualifier: {qualifier!r} contradicts the number {number_text!r}")
    bound = strong.pop() if strong else Bound.EXACT
    phrase = " ".join(p for p in (qual_phrase, head.qualifier) if p) or None
    amount, end = _read_amount(s, head.end, policy)
    rest = s[end:].strip()
    unit_text = (unit or "").strip()
    if not unit_text:
        part = _read_tail(rest, units, policy, whole=s, amount=amount, head=head)
    elif rest:  # a rate base in the number field: "1 in 7", "74 per 1,000"
        if amount.currency is not None:
            raise ValueParseError(f"number: {s!r}: write a rate of money under unit: ('USD per 1,000 people')")
        part = _fields_unit(rest, unit_text, units, policy, whole=s)
    else:
        part = _read_tail(_clean(unit_text), units, policy, whole=unit_text, amount=amount, head=head)
    shown = " ".join(p for p in (phrase, number_text.strip(), unit_text) if p)
    return _build(shown, phrase, bound, amount, part, units, policy)


def _fields_unit(rest: str, unit_text: str, units: Units, policy: Policy, *, whole: str) -> _Unit:
    """The unit field, and a rate base left in the number field ('1 in 7', 'per 1,000')."""
    base = None
    if rest:
        m = _CONNECTOR.match(rest)
        read = _read_number(rest, m.end(), policy) if m else None
        if read is None or rest[read[1] :].strip():
            raise ValueParseError(f"number: {whole!r} has more than a number in it; put the unit under unit:")
        base = read[0]
    part = _read_unit(unit_text, units, policy, whole=unit_text)
    if part.base is not None and base is not None:
        raise ValueParseError(f"number: {whole!r} and unit: {unit_text!r} both give a rate base")
    if base is None:
        return part
    return _Unit(part.scale, part.unit, base=base, share_of=part.share_of)


def _number_text(number: object) -> str:
    if isinstance(number, bool) or not isinstance(number, (int, float, str)):
        raise ValueParseError(f"number: must be a number or text, not {type(number).__name__}")
    if isinstance(number, str):
        return number
    if isinstance(number, float):
        if not math.isfinite(number):
            raise ValueParseError(f"number: {number} is not a finite number")
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        shortest = repr(number)  # the shortest digits that read back as this float: "0.142857142857", "1e+300"
        return shortest if "e" in shortest else format(Decimal(shortest), "f")
    return str(number)


def _field_qualifier(qualifier: object) -> tuple[str | None, Bound]:
    if qualifier is None or (isinstance(qualifier, str) and not qualifier.strip()):
        return None, Bound.EXACT
    if not isinstance(qualifier, str):
        raise ValueParseError(f"qualifier: must be text, not {type(qualifier).__name__}")
    q = " ".join(qualifier.lower().split())
    known = qualifiers()
    if q in known:
        return q, known[q].bound
    if q in _SYMBOLS:
        return q, Bound(q)
    examples = ", ".join(sorted(known)[:8])
    raise ValueParseError(f"qualifier: {qualifier!r} is not known (for example: {examples}; or =, ~, >, <, <=, >=)")
