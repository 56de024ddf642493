"""A comparison's value as written → A ÷ B − 1 as an interval.

"24 percent more passengers", "24 per cent ahead", "24 percent fewer" (−24 %), "3 times as many"
(A ÷ B = 3, so A ÷ B − 1 = 2): the amount is read by the value parser as a percentage, so its
rounding and qualifier are the parser's; the direction words and the multiplier are read here,
because they mean something only next to `role: comparison` and `than:`. "3 times fewer" is
refused (a third, or −200 %?), and so is "3 times more" (×3, or ×4?).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..errors import InvalidClaimError
from ..model import Interval, PercentRole, Policy, Value
from ..units import Units
from ..values import parse_value

__all__ = ["comparison_value"]

_FORM = re.compile(
    r"^(?P<amount>.+?)(?:\s*(?P<symbol>%|×)|(?:(?<=\d)|\s+)(?P<word>per\s*cent|percent|pc|times|x)\b)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MORE = frozenset({"more", "ahead", "above", "higher", "larger", "bigger", "greater", "over"})
_LESS = frozenset({"fewer", "less", "below", "behind", "lower", "smaller", "under"})
_AS_MANY = re.compile(r"^as\s+(?:many|much|large|big|high)\b\s*(?:as\b)?\s*", re.IGNORECASE)


def comparison_value(text: str, *, units: Units, policy: Policy) -> Value:
    """The value of `role: comparison`: its interval is A ÷ B − 1; its measure words what both have."""
    form = _FORM.match(text.strip())
    if form is None:
        raise InvalidClaimError(
            f"{text!r} is a comparison: write it as a percentage ('24 percent more') or a multiple ('3 times as many')"
        )
    times = (form["symbol"] or form["word"] or "").casefold() in {"times", "x", "×"}
    rest = form["rest"].split()
    direction = rest[0].casefold() if rest else ""
    sign = -1 if direction in _LESS else 1
    if direction in _MORE | _LESS:
        rest = rest[1:]
    words = " ".join(rest)
    if times:
        if sign < 0:
            raise InvalidClaimError(
                f"{text!r}: 'times {direction}' is read both as a fraction and as a negative percentage; "
                "write the percentage ('67 percent fewer') or turn the comparison round"
            )
        if direction in _MORE:
            raise InvalidClaimError(
                f"{text!r}: 'times {direction}' is read both as ×N and as ×(N + 1); "
                "write 'times as many' (or 'times as much') for ×N"
            )
        words = _AS_MANY.sub("", words)
    if re.search(r"\b(?:than|of)\b", words, re.IGNORECASE):
        raise InvalidClaimError(f"{text!r}: name the other entity in `than:`, not in the value")
    amount = parse_value(f"{form['amount']} percent", units=units, policy=policy)
    if amount.canonical_unit != "dimensionless" or amount.percent_role is not None or amount.point < 0:
        raise InvalidClaimError(f"{text!r}: {form['amount']!r} is not an amount a comparison can have")
    if times:  # "3 times" read as "3 percent" has the rounding of 3; × 100 is the multiple, − 1 the difference
        return _shifted(
            amount, text, words, lambda i: Interval(i.low * 100 - 1, i.high * 100 - 1, i.low_open, i.high_open)
        )
    if sign < 0:
        return _shifted(amount, text, words, lambda i: Interval(-i.high, -i.low, i.high_open, i.low_open))
    return _shifted(amount, text, words, lambda i: i)


def _shifted(amount: Value, text: str, words: str, move: Callable[[Interval], Interval]) -> Value:
    return replace(
        amount,
        text=text,
        interval=move(amount.interval),
        operand_interval=move(amount.operand_interval),
        result_interval=move(amount.result_interval),
        point=move(Interval.point(amount.point)).low,
        percent_role=PercentRole.COMPARISON,
        measure_words=words or None,
    )
