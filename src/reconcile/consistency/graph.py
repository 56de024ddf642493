"""Claims → the claim graph: groups, derived values and a source's own arithmetic. Pure: no I/O.

One node per claim; derived nodes carry provenance edges from the claims they rest
on, "checks" edges to the stated result a source's arithmetic is compared with, and
"compared" edges to the claims of the group a derived value meets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Claim, Derived, Policy, Ratio, SourceRecord, Sum
from ..units import Units
from .arithmetic import ArithmeticCheck, arithmetic_checks, circular_links
from .derive import derive
from .groups import Group, GroupKey, group_claims
from .ratios import derive_ratios
from .reliability import learn, reweigh
from .sums import derive_sums

if TYPE_CHECKING:  # networkx is imported only when the graph is asked for
    import networkx as nx

__all__ = ["ClaimGraph", "Provenance", "build_graph"]


@dataclass(frozen=True)
class ClaimGraph:
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

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """One node per claim and derived value, with provenance, "checks" and "compared" edges."""
        return Provenance.of(self)()


def build_graph(
    claims: Sequence[Claim],
    *,
    units: Units,
    policy: Policy,
    reliability: Mapping[str, SourceRecord] | None = None,
    ratios: Sequence[Ratio] = (),
    sums: Sequence[Sum] = (),
    groups: Mapping[GroupKey, Group] | None = None,
) -> ClaimGraph:
    """The graph of `claims`; the sources' `reliability` is learnt from them unless given (the
    parallel engines learn it over the whole repo and check a partition of it); `ratios` are the
    repo's declared ratios (`[ratios]`) and `sums` its declared sums (`[sums]`), derived like any
    implied quantity; `groups` are
    `group_claims(claims)` when the caller has made them already."""
    by_id = {c.id: c for c in claims}
    # Each group's consensus weighs its sources by their track record over the whole repo,
    # before anything is derived from it.
    if groups is None:
        groups = group_claims(claims)
    if reliability is None:
        reliability = learn(groups.values(), claims)
    groups = reweigh(groups, reliability)
    by_group, zero_divisors = derive(groups, units)
    for declared in (derive_ratios(groups, ratios, units), derive_sums(groups, sums, units)):
        for key, values in declared.items():
            by_group[key] = [*by_group.get(key, ()), *values]
    derived = [d for key in groups for d in by_group.get(key, ())]
    in_cycle, cycle_problems = circular_links(by_id)
    arithmetic = arithmetic_checks(by_id, units, in_cycle)
    every = derived + [a.derived for a in arithmetic]
    problems: list[InputError] = [*zero_divisors, *cycle_problems]
    return ClaimGraph(
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


@dataclass(frozen=True)
class Provenance:
    """What the networkx claim graph is made of, without building it: a check that only prints
    never pays for networkx (its import, and a node and edges per claim); `explain` and the
    Python API build it the first time they ask (`Report.graph`)."""

    claims: tuple[str, ...]  # claim ids, in claim order
    derived: tuple[Derived, ...]  # every derived value; an edge from each claim it rests on
    checks: tuple[tuple[str, str], ...]  # (arithmetic derived id, the stated claim it checks)
    compared: tuple[tuple[str, tuple[str, ...]], ...]  # (derived id, the claims of the group it meets)

    @classmethod
    def of(cls, graph: ClaimGraph) -> Provenance:
        return cls(
            tuple(graph.claims),
            graph.derived,
            tuple((check.derived.id, check.claim.id) for check in graph.arithmetic),
            tuple(
                (d.id, tuple(c.id for c in graph.groups[key].claims))
                for key, group_derived in graph.derived_by_group.items()
                for d in group_derived
            ),
        )

    def __call__(self) -> nx.DiGraph[str]:
        import networkx as nx

        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_nodes_from(self.claims, kind="claim")
        for d in self.derived:
            graph.add_node(d.id, kind="derived")
            graph.add_edges_from((leaf, d.id) for leaf in d.claims)
        graph.add_edges_from(self.checks, kind="checks")
        for derived_id, claims in self.compared:  # a derived value is compared with the claims of its group
            graph.add_edges_from(((derived_id, c) for c in claims), kind="compared")
        return graph
