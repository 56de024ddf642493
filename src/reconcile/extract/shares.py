"""A percentage of a whole that names its part: "the deficit was equal to 6.3 percent of GDP".

`check` reads "6.3 percent of GDP" with `measure: deficit` as the deficit as a share of GDP, a
ratio of two measures of one entity (README "Percentages"). Written as "6.3 percent" with
`measure: share of GDP`, it was any share of GDP: the debt's 97.3 percent and the deficit's
6.3 percent of one country and year were two values of one measure, a false contradiction.
So when the clause names the part before the figure ("the deficit", "federal debt held by the
public"), the claim keeps its whole in its value and names the part as its measure; with no
part named it stays a share of the whole, as before.

"of the nation’s gross domestic product", "of gross domestic product (GDP)": the whole is
read past an article and a possessive, as "of GDP" is.
"""

from __future__ import annotations

import re

from .context import Sentence
from .quantities import Quantity
from .vocabulary import vocabulary

__all__ = ["part_of_share", "whole_after"]

_GENERIC = frozenset({"change", "growth", "share"})
_OF = re.compile(r"[\s,]*of\s+(?:the\s+)?(?:[a-z]+(?:’s|'s)\s+)?", re.I)
_PART_REACH = 80  # characters before the figure in which its clause names the part


def whole_after(sent: Sentence, q: Quantity) -> str | None:
    """The measure a percentage is written of, right after it: "of GDP", "of the nation’s gross
    domestic product", "of gross domestic product (GDP)" → "GDP"; None when none is named."""
    of = _OF.match(sent.text, q.span[1])
    if of is None:
        return None
    v = vocabulary()
    m = v.measure_re.match(sent.text, of.end())
    if m is None:
        return None
    whole = v.measures[" ".join(m.group("m").lower().split())]
    return None if whole in _GENERIC or whole.startswith("share") else whole


def part_of_share(sent: Sentence, q: Quantity, whole: str) -> str | None:
    """The part a share of `whole` is of: the nearest specific measure before the figure in its
    clause ("the deficit was equal to 6.3 percent of GDP" → "deficit"), not the whole itself."""
    v = vocabulary()
    a, _ = sent.clause_of(q)
    for m in reversed(list(v.measure_re.finditer(sent.text, max(a, q.span[0] - _PART_REACH), q.span[0]))):
        name = v.measures[" ".join(m.group("m").lower().split())]
        if name in _GENERIC or name.startswith("share"):
            continue
        return None if name.casefold() == whole.casefold() else name
    return None
