"""A count of whole things that holds no whole number, against the figures of its quantity.

"a total of 104.7 passengers" cannot be true as written (values/wholes.py): it is in no group,
so that it sways no consensus and nothing is derived from it. Where a group of the same entity,
scope, measure and kind in its period (an undated claim or group joining a year, as in a group)
has a consensus it falls outside of, the finding names it as the culprit and says which scale
word would make it agree ("as 104.7 million it would agree"); where it agrees, or meets no
figure, nothing is said.
"""

from __future__ import annotations

from .. import formatting
from ..lexicon import plural
from ..model import Claim, Interval
from ..rules import message
from ..values.wholes import SCALES, counts_whole_things, holds_no_whole_number
from .findings import Grading, member_of_claim
from .groups import Group, QuantityKey, undated_joins

__all__ = ["grade_whole_numbers"]

_MAX_NAMED = 4  # consensus members a finding names


def grade_whole_numbers(grading: Grading) -> None:
    """Each claim that holds no whole number against the consensus of its quantity in its period."""
    graph = grading.graph
    units = graph.units
    suspects = [
        c
        for c in graph.claims.values()
        if c.alone and counts_whole_things(c.what, c.value, units) and holds_no_whole_number(c.value, units)
    ]
    if not suspects:
        return
    by_base: dict[QuantityKey, list[Group]] = {}
    for group in graph.groups.values():
        by_base.setdefault(group.key.base, []).append(group)
    for claim in suspects:
        base = (claim.entity, claim.scope, claim.measure, claim.kind.value == "projection")
        for group in by_base.get(base, ()):
            if _meets(claim, group):
                _against(grading, claim, group)


def _meets(claim: Claim, group: Group) -> bool:
    """The same period; an undated one on either side meets a year or more (groups.py)."""
    if claim.period is None:
        return undated_joins(group.period)
    if group.period is None:
        return undated_joins(claim.period)
    return group.key.period == claim.period.label


def _against(grading: Grading, claim: Claim, group: Group) -> None:
    consensus = group.consensus
    if consensus.rivals or consensus.interval.overlaps(claim.interval):
        return  # the figures disagree among themselves, or agree with it
    agreed = [group.claims[i] for i in consensus.members]
    suspect = member_of_claim(claim)
    named = [member_of_claim(c) for c in agreed[:_MAX_NAMED]]
    gap = claim.interval.gap(consensus.interval)
    key = group.key._replace(period=claim.period.label) if claim.period else group.key
    others = len(agreed) - 1
    text = message(
        "no-whole-number",
        where=grading.where(key),
        suspect=suspect.label,
        suspect_interval=grading.show(claim.interval, group),
        noun=plural(claim.value.canonical_unit),
        scaled=_scaled(claim, consensus.interval),
        binding=named[0].label,
        others=f" and {others} other claim{'s' if others != 1 else ''}" if others else "",
        consensus=grading.show(consensus.interval, group),
        gap=formatting.percent(gap),
    )
    sources = {claim.source.id, *(c.source.id for c in agreed)}
    grading.add(
        "internal-contradiction" if len(sources) == 1 else "cross-source-contradiction",
        grading.severity(gap, group.key.projection),
        key,
        [suspect, *named],
        text,
        gap,
        consensus.interval,
        claims=(claim.id, *(c.id for c in agreed)),
        culprit=claim.id,
    )


def _scaled(claim: Claim, consensus: Interval) -> str:
    """ "; as 104.7 million it would agree" for the first scale word that makes it agree, else ""."""
    written = f"{claim.value.value:g}" if isinstance(claim.value.value, float) else formatting.number(claim.point)
    for word, factor in SCALES:
        if claim.interval.scale(factor).overlaps(consensus):
            return f"; as {written} {word} it would agree"
    return ""
