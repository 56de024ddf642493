"""The best estimate of every group: the figure its most trusted consistent claims support.

A group's estimate is its reliability-weighted consensus (`consensus.py`): the common part of
the heaviest consistent set — claims and the values derived from other groups alike — and the
weighted median of their points inside it. Interval semantics stay: "about 74,000" and
"74,123" agree, and the estimate is the part they share; a wild value, orders of magnitude
off, is outside the consensus and cannot drag it. When nothing decides between rivals the
estimate is the disputed range, marked so.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..model import Claim, Estimate
from .consensus import Consensus, point_inside
from .findings import Member, centre_of
from .groups import Group

__all__ = ["estimate", "estimate_of_claim"]


_MAX_VOTES = 12  # votes kept for `explain`; a big group's estimate keeps its heaviest


def estimate(group: Group, members: Sequence[Member], consensus: Consensus, weights: Sequence[float]) -> Estimate:
    key = group.key
    chosen = consensus.members  # indices in order: all of them when every member agrees
    inside = members if len(chosen) == len(members) else [members[i] for i in chosen]
    sources: Collection[str]
    if len(inside) == 2:  # most groups of more than one: no generators
        a, b = inside
        claims = tuple(dict.fromkeys(a.leaves + b.leaves))
        sources = a.sources | b.sources
    else:
        claims = tuple(dict.fromkeys(c for m in inside for c in m.leaves))
        sources = {s for m in inside for s in m.sources}
    return Estimate(  # positional: one per group, and keywords cost a fifth of it
        key.entity,
        key.measure,
        key.scope,
        key.period,
        key.projection,
        consensus.point,  # value
        consensus.interval,
        "dimensionless" if group.of else key.measure.unit,  # unit
        claims,
        len(sources),
        bool(consensus.rivals) or len(inside) < len(members),  # disputed
        not consensus.rivals,  # decided
        _votes(members, consensus, weights) if len(members) > 1 else (),
    )


def estimate_of_claim(group: Group, claim: Claim) -> Estimate:
    """`estimate` of a group whose one member is one claim (its interval not empty): that claim's
    own consensus, without the member, the weights and the sets (half of a big repo's groups)."""
    key = group.key
    value = claim.value
    interval = value.interval  # its consensus (`consensus_of_one`): the claim's interval, its centre inside
    return Estimate(
        key.entity,
        key.measure,
        key.scope,
        key.period,
        key.projection,
        point_inside(centre_of(value), interval),  # value
        interval,
        "dimensionless" if group.of else key.measure.unit,  # unit
        (claim.id,),  # claims
        1,  # sources
        False,  # disputed
    )


def _votes(
    members: Sequence[Member], consensus: Consensus, weights: Sequence[float]
) -> tuple[tuple[str, float, bool], ...]:
    if len(members) == 2:  # most groups of more than one: two votes in order, without a sort
        a, b = members
        first, second = (1, 0) if (-weights[1], b.id) < (-weights[0], a.id) else (0, 1)
        chosen = consensus.members
        return (
            (members[first].id, weights[first], first in chosen),
            (members[second].id, weights[second], second in chosen),
        )
    inside = set(consensus.members)
    ranked = sorted(range(len(members)), key=lambda i: (-weights[i], members[i].id))[:_MAX_VOTES]
    return tuple((members[i].id, weights[i], i in inside) for i in ranked)
