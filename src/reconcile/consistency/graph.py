"""Claims → the claim graph: groups, derived values and a source's own arithmetic. Pure: no I/O.

One node per claim; derived nodes carry provenance edges from the claims they rest
on, "checks" edges to the stated result a source's arithmetic is compared with, and
"compared" edges to the claims of the group a derived value meets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..errors import InputError
from ..model import Claim, Derived, Policy, SourceRecord
from ..units import Units
from .arithmetic import ArithmeticCheck, arithmetic_checks, circular_links
from .derive import derive
from .groups import Group, GroupKey, group_claims
from .reliability import learn, reweigh

__all__ = ["ClaimGraph", "build_graph"]


@dataclass(frozen=True)
class ClaimGraph:
    graph: nx.DiGraph[str]
    groups: Mapping[GroupKey, Group]
    derived: tuple[Derived, ...]  # every derived value: from consensus, then the sources' own arithmetic
    arithmetic: tuple[ArithmeticCheck, ...]
    problems: tuple[InputError, ...]
    claims: Mapping[str, Claim]
    units: Units
    policy: Policy
    derived_by_group: Mapping[GroupKey, Sequence[Derived]] = field(default_factory=dict)
    reliability: Mapping[str, SourceRecord] = field(default_factory=dict)  # by source id

    def derived_for(self, group: Group) -> Sequence[Derived]:
        """The derived values compared with a group's claims."""
        return self.derived_by_group.get(group.key, ())


def build_graph(
    claims: Sequence[Claim],
    *,
    units: Units,
    policy: Policy,
    reliability: Mapping[str, SourceRecord] | None = None,
) -> ClaimGraph:
    """The graph of `claims`; the sources' `reliability` is learnt from them unless given (the
    Dask engine learns it over the whole repo and checks a partition of it)."""
    by_id = {c.id: c for c in claims}
    graph: nx.DiGraph[str] = nx.DiGraph()
    for claim in claims:
        graph.add_node(claim.id, kind="claim")
    # Each group's consensus weighs its sources by their track record over the whole repo,
    # before anything is derived from it.
    groups = group_claims(claims)
    if reliability is None:
        reliability = learn(groups.values(), claims)
    groups = reweigh(groups, reliability)
    by_group, zero_divisors = derive(groups, units)
    derived = [d for key in groups for d in by_group.get(key, ())]
    in_cycle, cycle_problems = circular_links(by_id)
    arithmetic = arithmetic_checks(by_id, units, in_cycle)
    every = derived + [a.derived for a in arithmetic]
    for d in every:
        graph.add_node(d.id, kind="derived")
        graph.add_edges_from((leaf, d.id) for leaf in d.claims)
    for check in arithmetic:
        graph.add_edge(check.derived.id, check.claim.id, kind="checks")
    for key, group_derived in by_group.items():  # a derived value is compared with the claims of its group
        for d in group_derived:
            graph.add_edges_from(((d.id, c.id) for c in groups[key].claims), kind="compared")
    problems: list[InputError] = [*zero_divisors, *cycle_problems]
    return ClaimGraph(
        graph,
        groups,
        tuple(every),
        tuple(arithmetic),
        tuple(problems),
        by_id,
        units,
        policy,
        derived_by_group=by_group,
        reliability=reliability,
    )
