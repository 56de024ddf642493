"""What grading works with: members (a claim or a derived value as compared), and the set
of findings being built, one per key, with the wording helpers every rule shares."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .. import formatting
from ..errors import UnitError
from ..model import (
    Bound,
    Claim,
    Derived,
    Estimate,
    Finding,
    Interval,
    Location,
    Measure,
    Policy,
    Severity,
    SourceRecord,
    Value,
    finding_id,
    finding_key,
)
from .graph import ClaimGraph
from .groups import Group, GroupKey
from .reliability import weight_of

__all__ = ["Grading", "Member", "member_of_claim", "member_of_derived"]


class Member(NamedTuple):
    """A claim or a derived value, as the comparison sees it. A named tuple, not a frozen
    dataclass: every claim of a repo becomes one, and a tuple is built in C. Members of a
    group differ in their ids, so comparing them stops at the first field."""

    id: str
    interval: Interval
    point: float
    leaves: tuple[str, ...]  # claims it rests on
    sources: frozenset[str]
    location: Location | None
    derived: bool
    # (source, measure) of each leaf claim: a derived value's operands, for its reliability
    operands: tuple[tuple[str, Measure], ...] = ()
    # the best single guess the member allows: its point, or for "over X" / "nearly X" (one
    # narrow rounding unit on one side of X) the middle of that unit
    centre: float = math.nan
    # what a message names it by: the claim or derived value, worded only when a message needs
    # it (most members of a big repo are in none)
    named: str | Claim | Derived = ""

    @property
    def label(self) -> str:
        """How a message names it: "“over 6 million” (seed-001/c2, 2021)", "the implied …"."""
        named = self.named
        if isinstance(named, str):
            return named
        if isinstance(named, Derived):
            return f"the implied {named.explanation}"
        ref = ", reference" if named.is_reference else ""
        when = f", {named.period.label}" if named.period else ""
        return f"“{named.value.text}” ({named.id}{ref}{when})"


def centre_of(value: Value) -> float:
    """The best single guess a stated value allows (`Member.centre`)."""
    interval, point = value.interval, value.point
    # "over 2,240,000" (a narrow unit: two significant figures or more) is best guessed mid-unit;
    # "over 5 million" (a unit of 20 %) reads as "a bit over": its number as written stands
    if value.bound in _ONE_SIDED and math.isfinite(interval.width) and interval.width <= 0.1 * abs(point):
        return interval.midpoint
    return point


_ONE_SIDED = (Bound.OVER, Bound.UNDER)
# an enum's member read from its class costs ~0.15 µs (EnumType's attribute hook): read once, here
_INFO, _WARNING, _ERROR = Severity.INFO, Severity.WARNING, Severity.ERROR
_MAX_KEPT = 4096  # derived values' weights kept at once: a source's figures come together, file by file


def member_of_claim(claim: Claim) -> Member:
    value = claim.value  # read once: every claim of a repo becomes a member
    return Member(
        claim.id,
        value.interval,
        value.point,
        (claim.id,),
        frozenset((claim.source.id,)),
        claim.location,
        False,
        (),
        centre_of(value),
        claim,
    )


def member_of_derived(derived: Derived, claims: Mapping[str, Claim]) -> Member:
    leaves = [claims[c] for c in derived.claims if c in claims]
    return Member(
        derived.id,
        derived.interval,
        derived.point,
        derived.claims,
        frozenset(c.source.id for c in leaves),
        leaves[0].location if leaves else None,
        True,
        tuple((c.source.id, c.measure) for c in leaves),
        derived.point,
        derived,
    )


class Grading:
    """One grading run: the graph it reads, and the findings so far (a finding's key decides
    whether it is new, so one fault reached two ways is reported once)."""

    def __init__(self, graph: ClaimGraph):
        self.graph = graph
        self.policy: Policy = graph.policy
        self.findings: dict[str, Finding] = {}
        self.estimates: list[Estimate] = []
        self.reliability: Mapping[str, SourceRecord] = graph.reliability
        self.faulty_arithmetic: set[str] = set()  # stated results their own figures do not give
        self._source_weights: dict[str, float] = {}  # a claim's weight: its source's reliability's vote
        self._derived_weights: dict[tuple[tuple[str, Measure], ...], float] = {}  # a derived value's, by operands

    def record(self, source: str) -> SourceRecord | None:
        return self.reliability.get(source)

    def trust(self, member: Member) -> float:
        """The chance a member is right: its source's reliability; for a derived value, the chance
        that every operand is right, an operand agreed by several sources being right unless all err."""
        if not member.derived:
            record = self.record(next(iter(member.sources)))
            return record.reliability if record else 2 / 3
        wrong: dict[Measure, dict[str, float]] = defaultdict(dict)
        for source, measure in member.operands:
            record = self.record(source)
            wrong[measure][source] = 1 - (record.reliability if record else 2 / 3)
        return math.prod(1 - math.prod(by_source.values()) for by_source in wrong.values())

    def weigh(self, members: Sequence[Member]) -> tuple[list[float], list[float]]:
        """Each member's weight and plain vote: one voice per source (a derived value: per set of
        sources), shared by the members that voice has in the group."""
        if len(members) == 1:  # half of a big repo's groups: one voice, its whole vote
            return [self._weight(members[0]) * 1.0], [1.0]
        if len(members) == 2:  # most of the rest: one voice or two, without counting them
            a, b = members
            voice_a = a.sources if a.derived else next(iter(a.sources))
            vote = 0.5 if voice_a == (b.sources if b.derived else next(iter(b.sources))) else 1.0
            return [self._weight(a) * vote, self._weight(b) * vote], [vote, vote]
        voices = [m.sources if m.derived else next(iter(m.sources)) for m in members]
        per_voice: dict[str | frozenset[str], int] = {}  # a Counter costs more than a group's few members
        for voice in voices:
            per_voice[voice] = per_voice.get(voice, 0) + 1
        votes = [1.0 / per_voice[v] for v in voices]
        weights = [self._weight(m) * v for m, v in zip(members, votes, strict=True)]
        return weights, votes

    def _weight(self, member: Member) -> float:
        """weight_of(trust(member)); a claim's is its source's, worked out once per source."""
        if member.derived:  # the same sources and measures for every value derived the same way
            weight = self._derived_weights.get(member.operands)
            if weight is None:
                if len(self._derived_weights) >= _MAX_KEPT:
                    self._derived_weights.clear()
                weight = self._derived_weights[member.operands] = weight_of(self.trust(member))
            return weight
        source = next(iter(member.sources))
        weight = self._source_weights.get(source)
        if weight is None:
            weight = self._source_weights[source] = weight_of(self.trust(member))
        return weight

    def severity(self, gap: float, projection: bool = False) -> Severity:
        if projection:
            return _INFO
        return _ERROR if gap >= self.policy.error_gap else _WARNING

    def show(self, interval: Interval, group: Group) -> str:
        units = self.graph.units
        unit = group.display_unit
        try:
            factor = units.factor(unit) if unit else 1.0
        except UnitError:
            factor, unit = 1.0, None
        return formatting.interval(interval, unit or str(group.key.measure), factor)

    def add(
        self,
        rule: str,
        severity: Severity,
        group_key: GroupKey | None,
        members: Sequence[Member],
        text: str,
        gap: float | None,
        consensus: Interval | None,
        claims: Iterable[str] | None = None,
        entity: str | None = None,
        measure: Measure | None = None,
        culprit: str | None = None,
        rivals: Sequence[str] = (),
    ) -> None:
        entity = entity if entity is not None else (group_key.entity if group_key else None)
        measure = measure if measure is not None else (group_key.measure if group_key else None)
        key = finding_key(
            rule, entity, measure, claims if claims is not None else (c for m in members for c in m.leaves)
        )
        fid = finding_id(key)
        if fid in self.findings:
            return
        located = [m.location for m in members if m.location]
        blamed = self.graph.claims.get(culprit) if culprit else None
        if blamed is not None:  # annotations sit on the culprit's line
            located = [blamed.location, *(loc for loc in located if loc != blamed.location)]
        self.findings[fid] = Finding(  # positional: keywords cost a fifth of it
            fid,  # id
            rule,
            severity,
            text,  # message
            entity,
            measure,
            key[3],  # claims
            tuple(m.id for m in members),  # subjects
            gap,
            consensus,
            located[0] if located else None,  # location
            tuple(dict.fromkeys(located[1:])),  # related
            culprit,
            () if culprit else tuple(dict.fromkeys(rivals or (c for m in members for c in m.leaves))),  # rivals
        )

    def where(self, key: GroupKey) -> str:
        scope = f" ({key.scope})" if key.scope else ""
        period = f" in {key.period}" if key.period else ""
        kind = " (projections)" if key.projection else ""
        return f"{key.entity}{scope}, {formatting.unit(str(key.measure))}{period}{kind}"
