"""What follows the amount: the unit, a rate, money, a percentage's role and measure words."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import UncountedRateError, UnitError, ValueParseError
from ..lexicon import percent_words
from ..lexicon.data import normal
from ..model import PercentRole, Policy, quick_init
from ..units import Units
from ..units.phrases import spellings

if TYPE_CHECKING:
    from pint.facets.plain import PlainUnit as PintUnit

from ._amount import _CONNECTOR, _PERCENT, _SHARE_OF, _Amount, _Head
from ._numbers import _DIGITS, _check_finite, _Number, _read_number, _read_number_words, _short
from ._vocabulary import _MAX_MEASURE_WORDS, _UNIT_WORD, _measure_hint, _patterns, _valid_measure_words


@quick_init
@dataclass(frozen=True, slots=True)
class _Unit:
    """What follows the amount: a unit phrase, maybe a rate base, maybe a share's whole."""

    scale: float  # a number inside the unit phrase ("camera / (1000 * person)" → 0.001)
    unit: PintUnit
    base: _Number | None = None  # "per 1,000", "for every seven"
    share_of: str | None = None
    one_in_n: bool = False  # "for every N", "1 in N", "out of N": always a count of N, never a base
    measure_words: str | None = None
    role: PercentRole | None = None
    whole_words: str | None = None
    sign: int = 1  # −1 for a fall ("fell 2 percent", "a 3 percent drop")

    def with_words(self, **changes: Any) -> _Unit:
        return replace(self, **changes)


_TAILS: dict[tuple[object, ...], _Unit] = {}
_MAX_TAILS = 1 << 14
_SIGNS = ("+", "-", "−")


def _tail(rest: str, units: Units, policy: Policy, *, whole: str, amount: _Amount, head: _Head) -> _Unit:
    """`_read_tail`, read once per distinct tail: "million people", "cameras per square mile" end
    tens of thousands of values. The key is everything `_read_tail` reads but the whole text,
    which only its error messages use (an error is never cached, so its message names its value)."""
    signed = amount.low.text[:1] in _SIGNS
    key = (rest, amount.low.fraction, amount.currency, signed, head.lead_words, head.change, units, policy)
    part = _TAILS.get(key)
    if part is None:
        part = _read_tail(rest, units, policy, whole=whole, amount=amount, head=head)
        if len(_TAILS) >= _MAX_TAILS:
            _TAILS.clear()
        _TAILS[key] = part
    return part


def _read_unit(rest: str, units: Units, policy: Policy, *, whole: str, fraction: bool = False) -> _Unit:
    """Read the unit part; `whole` is the full text, for messages."""
    if not rest:
        if fraction:
            return _Unit(1.0, units.registry.dimensionless)
        raise ValueParseError(f"{whole!r}: no unit; say what is counted (e.g. '1.4 billion people')")
    if rest[0].isdigit():
        raise ValueParseError(
            f"{_short(whole)}: a number right after the number; group digits in threes ('627 707' or"
            " '627,707') and write the unit after them"
        )
    if fraction and (m := _SHARE_OF.match(rest)):
        return _Unit(1.0, units.registry.dimensionless, share_of=_count_noun(m.group("whole"), units, whole))
    pct = _PERCENT.match(rest)
    if pct and (m := _SHARE_OF.match(rest, pct.end())):
        return _Unit(1.0, units.registry.percent, share_of=_count_noun(m.group("whole"), units, whole))
    if (bare := _CONNECTOR.match(rest)) and not pct:
        raise UncountedRateError(
            f"{whole!r}: what is counted? name it before {bare.group(1)!r} (e.g. '1 camera per 7 people'),"
            " or in `measure:` (e.g. 'homicides')"
        )
    for m in _CONNECTOR.finditer(rest):
        read = _read_number(rest, m.end(), policy)
        if read is None:
            continue
        base, end = read
        _check_finite(base, whole)
        numerator, denominator = rest[: m.start()].strip(), rest[end:].strip()
        if not denominator:
            raise ValueParseError(
                f"{whole!r}: {m.group(1)} {base.text} what? name the unit after the number"
                " (e.g. 'per 1,000 people'); a date belongs under period:"
            )
        # "per 100,000 people per year" is death / person / year: divide left to right.
        scale, unit = units.parse_scaled(f"{numerator} per {denominator}")
        one_in_n = m.group(1).lower().split()[0] != "per"
        return _Unit(scale, unit, base=base, one_in_n=one_in_n)
    scale, unit = units.parse_scaled(rest)
    return _Unit(scale, unit)


def _count_noun(phrase: str, units: Units, whole: str) -> str:
    """The canonical unit a share is a share of ('of cameras' → 'camera')."""
    canonical = units.canonical_unit(units.parse_unit(phrase))
    if units.kind(canonical) != "count":
        raise ValueParseError(f"{whole!r}: a share must be of something counted, not {phrase!r}")
    return canonical


_MAX_UNIT_WORDS = 4  # "square miles", "pounds sterling": a unit spelling is a few words
_PERCENT_STARTS = frozenset("%pPbB")  # "%", "percent", "pct", "pp", "bps": a cheap test before the patterns


def _split_rate(rest: str) -> tuple[str, str]:
    """'GDP per capita' → ('GDP', 'per capita'); 'cameras in use' → ('cameras in use', '').
    'in' starts a rate only before a number ("1 in 7"); "a year" is "per year"."""
    rest = _per_period(rest)
    for m in _CONNECTOR.finditer(rest):
        if m.group(1).lower() == "in" and not _read_number_words_or_digits(rest, m.end()):
            continue
        return rest[: m.start()].strip(), rest[m.start() :].strip()
    return rest, ""


def _per_period(rest: str) -> str:
    """'deaths a year', 'billion-a-year', 'deaths annually' → '… per year'; 'cameras in total' →
    'cameras' (data: units.toml [tail]). pint reads "a" as a year of its own: "5 deaths a year"
    was death·year², and "5 cameras each year" a number of years."""
    last = rest[rest.rfind(" ") + 1 :].rsplit("-", 1)[-1].lower()
    if last not in _patterns().tail_words:  # most values end in a unit: no search
        return rest
    m = _patterns().tail_re.search(rest)
    if m is None:
        return rest
    head = rest[: m.start()].strip()
    period = spellings()["tail"]["per_period"].get(normal(m.group("period") or "").replace("-", " "))
    return f"{head} per {period}" if period else head


def _read_number_words_or_digits(s: str, pos: int) -> bool:
    return bool(_DIGITS.match(s, pos)) or _read_number_words(s, pos) is not None


def _read_tail(rest: str, units: Units, policy: Policy, *, whole: str, amount: _Amount, head: _Head) -> _Unit:
    """The words after the amount: unit, rate, percentage role and measure words."""
    rest = _per_period(rest)
    fraction = amount.low.fraction
    maybe = rest[:1] in _PERCENT_STARTS
    points = _patterns().points_re.match(rest) if maybe else None
    pct = points or (_PERCENT.match(rest) if maybe else None)
    if amount.currency is not None:
        if pct:
            raise ValueParseError(f"{_short(whole)}: a currency and a percentage in one value")
        part = _money_tail(rest, amount.currency, units, policy, whole=whole)
    elif pct:
        signed = amount.low.text[:1] in ("+", "-", "−")  # "+8.5%": a sign says it is a change
        return _percent_tail(rest, pct, points is not None, units, whole=whole, head=head, signed=signed)
    elif fraction and (share := _SHARE_OF.match(rest)):  # "a quarter of EU GDP"
        return _share(_Unit(1.0, units.registry.dimensionless), share.group("whole"), units)
    elif fraction or not rest:
        if not rest and head.lead_words and units.spells_unit(head.lead_words):  # "a population of 9.1 million"
            return _read_unit(head.lead_words, units, policy, whole=whole)
        part = _read_unit(rest, units, policy, whole=whole, fraction=fraction)
    else:
        part = _unit_tail(rest, units, policy, whole=whole)
    if head.change:
        raise ValueParseError(
            f"{_short(whole)}: a change of an amount is not read; write a percentage ('grew 3 percent')"
            " or each period's figure as its own claim"
        )
    if head.lead_words:
        if part.measure_words:
            raise ValueParseError(f"{_short(whole)}: measure words both before and after the number")
        part = part.with_words(measure_words=head.lead_words)
    return part


def _money_tail(rest: str, currency: str, units: Units, policy: Policy, *, whole: str) -> _Unit:
    """After '$25.4 trillion': measure words and a rate ('GDP per capita', 'a year', '/kWh')."""
    if rest.startswith("/"):  # "$0.16/kWh": the slash is "per"
        rest = "per " + rest[1:].lstrip()
    words, rate = _split_rate(rest)
    if words:
        first = words.split()[0]
        if units.currency(_first_unit(first, units)) is not None:
            raise ValueParseError(f"{_short(whole)}: the currency is written twice ({first!r})")
        if not _valid_measure_words(words) or _spells_any(words, units):
            raise ValueParseError(f"{_short(whole)}: cannot read {words!r} after the amount; {_measure_hint(words)}")
    part = _read_unit(f"{currency} {rate}".strip(), units, policy, whole=whole)
    return part.with_words(measure_words=_join(words, rate))


def _unit_tail(rest: str, units: Units, policy: Policy, *, whole: str) -> _Unit:
    """A unit, maybe with measure words before a counted noun or after the unit."""
    words, rate = _split_rate(rest)
    if not words or not all(_UNIT_WORD.fullmatch(w) for w in words.split()) or units.spells_unit(words):
        return _read_unit(rest, units, policy, whole=whole)
    split = words.split()
    if len(split) > _MAX_UNIT_WORDS + _MAX_MEASURE_WORDS:
        return _read_unit(rest, units, policy, whole=whole)
    first = min(len(split) - 1, _MAX_UNIT_WORDS)
    for k in range(first, max(len(split) - _MAX_MEASURE_WORDS, 1) - 1, -1):  # "km² land area": unit, then words
        unit_words, after = " ".join(split[:k]), " ".join(split[k:])
        if units.spells_unit(unit_words):
            if _valid_measure_words(after) and not _spells_any(after, units):
                part = _read_unit(f"{unit_words} {rate}".strip(), units, policy, whole=whole)
                return part.with_words(measure_words=_join(after, rate))
            break
    noun = units.count_noun(split[-1])
    if noun is not None and _valid_measure_words(words) and all(units.is_modifier(w) for w in split[:-1]):
        # "road deaths": the noun phrase names the measure, its head the unit
        part = _read_unit(f"{split[-1]} {rate}".strip(), units, policy, whole=whole)
        return part.with_words(measure_words=_join(words, rate))
    return _read_unit(rest, units, policy, whole=whole)  # the reader's own message for what is wrong


def _percent_tail(
    rest: str, pct: re.Match[str], points: bool, units: Units, *, whole: str, head: _Head, signed: bool
) -> _Unit:
    """'percent of EU GDP' (share), 'percent rise' (change), 'percent unemployment rate' (rate)."""
    after = rest[pct.end() :].strip()
    if points:
        unit = units.registry.Unit(percent_words().points[normal(pct.group(1))])
        base = _Unit(1.0, unit, role=PercentRole.CHANGE)
    else:
        base = _Unit(1.0, units.registry.percent)
    sign = head.change or 1
    if m := _SHARE_OF.match(after):
        if points or head.change:
            raise ValueParseError(f"{_short(whole)}: a change is not a share of something")
        return _share(base, m.group("whole"), units)
    if not after:
        role = PercentRole.CHANGE if head.change or points or signed else None
        if head.lead_words:  # "an unemployment rate of 5.2 percent"
            return base.with_words(role=role or PercentRole.RATE, sign=sign, measure_words=head.lead_words)
        return base.with_words(role=role, sign=sign)
    if head.lead_words:
        raise ValueParseError(f"{_short(whole)}: measure words both before and after the number")
    if after.lower().startswith("per "):  # "grew 3 percent a year"
        raise ValueParseError(
            f"{_short(whole)}: a percentage {after} (an average rate of change) is not read yet; write the"
            " change over the whole period (period: 2019–2023) or each period's own change"
        )
    if not _valid_measure_words(after) or _spells_any(after, units):
        raise ValueParseError(f"{_short(whole)}: cannot read {after!r} after the percentage; {_measure_hint(after)}")
    split = after.split()
    noun_sign = percent_words().change_nouns.get(split[-1].lower())
    if noun_sign is not None:  # "a 9 percent rise", "3 percent GDP growth"
        if head.change and head.change != noun_sign:
            raise ValueParseError(f"{_short(whole)}: the words say both a rise and a fall")
        return base.with_words(role=PercentRole.CHANGE, sign=noun_sign, measure_words=" ".join(split[:-1]) or None)
    lead = split[0].lower()
    if len(split) > 1 and lead in percent_words().before_measure:  # "10.1% lower emissions"
        if head.change and head.change != percent_words().change_nouns[lead]:
            raise ValueParseError(f"{_short(whole)}: the words say both a rise and a fall")
        return base.with_words(
            role=PercentRole.CHANGE, sign=percent_words().change_nouns[lead], measure_words=" ".join(split[1:])
        )
    if points or head.change:  # "rose 2 percentage points unemployment"? the words are the measure
        return base.with_words(role=PercentRole.CHANGE, sign=sign, measure_words=after)
    return base.with_words(role=PercentRole.RATE, measure_words=after)


def _share(base: _Unit, whole: str, units: Units) -> _Unit:
    """A share of a whole: 'of cameras' is of the counted noun, 'of EU GDP' of what the words say."""
    shown = re.sub(r"^the\s+", "", whole, flags=re.I)
    return base.with_words(share_of=_counted_whole(whole, units), role=PercentRole.SHARE, whole_words=shown)


def _counted_whole(phrase: str, units: Units) -> str | None:
    """The counted noun a share is of ('of cameras' → 'camera'), None when the whole is not
    a count ('of EU GDP': the whole's words say what it is)."""
    try:
        canonical = units.canonical_unit(units.parse_unit(phrase))
    except (UnitError, ValueParseError):
        return None
    return canonical if units.kind(canonical) == "count" else None


def _first_unit(word: str, units: Units) -> str:
    try:
        return str(units.parse_unit(word))
    except (UnitError, ValueParseError):
        return ""


def _spells_any(words: str, units: Units) -> bool:
    """Whether a word among `words` is itself a unit ("cameras people" is two units, not a measure)."""
    return any(units.is_unit_word(w) for w in words.split())


def _join(words: str, rate: str) -> str | None:
    """Measure words with the rate they are given in, when it has no number of its own:
    "GDP per capita", "road deaths per year"; "per 100,000 people" is the unit's business."""
    if not words:
        return None
    if not rate or any(c.isdigit() for c in rate) or _read_base_word(rate):
        return words
    return f"{words} {rate}"


def _read_base_word(rate: str) -> bool:
    """'for every seven people', 'per thousand': a rate whose base is a number word."""
    m = _CONNECTOR.match(rate)
    return m is not None and _read_number(rate, m.end(), Policy()) is not None
