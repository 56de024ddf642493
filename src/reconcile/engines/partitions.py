"""The stages every parallel engine shares: claims split by entity, a partition checked,
the partitions' results put back in the local engine's order.

Groups, derivations and consensus never cross entities except through a share's whole
(`of`), a stated comparison's other entity (`than`) or a source's own arithmetic
(`computed_from`), so a partition closed under those links finds exactly what the whole
repo would, given the sources' reliability learnt over the whole repo (a reduction:
`reliability.Judge`). The Dask engine (dask.py) runs these on a cluster, the forked one
(forked.py) in child processes of this one; both return the local engine's report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..consistency.grade import grade_all
from ..consistency.graph import Provenance, build_graph
from ..consistency.groups import Group, GroupKey, QuantityKey
from ..errors import InputError
from ..load import LoadResult
from ..load.config import Config
from ..model import Claim, Derived, Estimate, Finding, Report, SourceRecord
from ..pipeline import finish
from ..units import get_units

__all__ = ["Checked", "assign", "check_partition", "claim_index", "entity_partitions", "gathered"]


def entity_partitions(claims: Sequence[Claim], count: int, first_share: float = 1.0) -> list[list[Claim]]:
    """The claims in `count` partitions, each closed under what links entities, in claim order
    (`assign`: which partition each entity goes to; the first `first_share` times the others' size)."""
    # The serial step between reading and checking: each pass over the claims done in C
    # where it can be (a claim's entity read once; only the few claims that link look further).
    entity_names = [c.entity for c in claims]
    sizes = Counter(entity_names)
    first = dict(zip(reversed(entity_names), range(len(entity_names) - 1, -1, -1), strict=True))
    entities = {entity: (sizes[entity], position) for entity, position in first.items()}
    target = assign(entities, _links(claims), count, first_share)
    parts: list[list[Claim]] = [[] for _ in range(count)]
    adders = [part.append for part in parts]
    for claim, entity in zip(claims, entity_names, strict=True):
        adders[target[entity]](claim)
    return parts


def _links(claims: Sequence[Claim]) -> set[tuple[str, str]]:
    """(entity, entity) for each link a claim makes, each once: a share's whole, a comparison's
    other entity, a claim about another entity it is computed from."""
    linking = [c for c in claims if c.of or c.than or c.computed_from or c.value.measure.whole]
    entity_of = {c.id: c.entity for c in claims} if any(c.computed_from for c in linking) else {}
    links: set[tuple[str, str]] = set()
    for claim in linking:
        entity = claim.entity
        if claim.of:
            links.add((entity, claim.of))
        if claim.than:
            links.add((entity, claim.than))
        whole = claim.measure.whole  # its `of`, or failing that its value's
        if whole and whole != claim.of:
            links.add((entity, whole))
        links.update((entity, entity_of[ref]) for ref in claim.computed_from if ref in entity_of)
    return links


def assign(
    entities: Mapping[str, tuple[int, int]],
    links: Iterable[tuple[str, str]],
    count: int,
    first_share: float = 1.0,
) -> dict[str, int]:
    """Each entity's partition, from its (claims, position of its first claim) and the links.

    Entities are joined when a share names another entity as its whole, a comparison names
    the entity it is compared with, or a claim is computed from a claim about another entity;
    each cluster goes, largest first, to the partition with the fewest claims, the first's
    counted as 1 / `first_share` of theirs (deterministic: the same repo, the same partitions,
    whatever order the links come in)."""
    parent: dict[str, str] = {}

    def root(entity: str) -> str:
        parent.setdefault(entity, entity)
        while parent[entity] != entity:
            parent[entity] = parent[parent[entity]]
            entity = parent[entity]
        return entity

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # a cluster's root is its least name
    sizes: dict[str, int] = defaultdict(int)
    first_of: dict[str, int] = {}
    for entity, (size, position) in entities.items():
        r = root(entity)
        sizes[r] += size
        first_of[r] = min(first_of.get(r, position), position)
    load_of = [0] * count
    partition_of: dict[str, int] = {}
    scale = [1.0 / first_share, *([1.0] * (count - 1))]
    for r in sorted(sizes, key=lambda k: (-sizes[k], first_of[k])):
        n = min(range(count), key=lambda p: (load_of[p] * scale[p], p))
        partition_of[r] = n
        load_of[n] += sizes[r]
    return {entity: partition_of[root(entity)] for entity in entities}


@dataclass(frozen=True)
class Checked:
    """What one partition's check sends back: only what the Report needs."""

    derived: tuple[Derived, ...]
    # Beside each derived value, where the local engine lists it: (0, the first claim of its
    # group's quantity) for a group's values, (1, the stated claim) for a source's arithmetic.
    places: tuple[tuple[int, str], ...]
    estimates: tuple[Estimate, ...]
    estimate_places: tuple[str, ...]  # the first claim of each estimate's quantity
    findings: list[Finding]
    problems: tuple[InputError, ...]
    provenance: Provenance  # of the partition's graph


def check_partition(
    claims: list[Claim],
    config: Config,
    reliability: Mapping[str, SourceRecord],
    groups: Mapping[GroupKey, Group] | None = None,
) -> Checked:
    """The local engine's graph and grading on a partition closed under entity links, with the
    sources' reliability learnt over the whole repo (`groups`: the partition's, if already made)."""
    units = get_units(config.nouns or None)
    graph = build_graph(
        claims,
        units=units,
        policy=config.policy,
        reliability=reliability,
        ratios=config.ratios,
        sums=config.sums,
        groups=groups,
    )
    grading = grade_all(graph)
    position = {c.id: i for i, c in enumerate(claims)}
    first_of_base: dict[QuantityKey, str] = {}
    for key, group in graph.groups.items():
        first = min(group.claims, key=lambda c: position[c.id]).id
        known = first_of_base.get(key.base)
        if known is None or position[first] < position[known]:
            first_of_base[key.base] = first
    derived: list[Derived] = []
    places: list[tuple[int, str]] = []
    for key, group in graph.groups.items():
        for d in graph.derived_for(group):
            derived.append(d)
            places.append((0, first_of_base[key.base]))
    for arithmetic in graph.arithmetic:
        derived.append(arithmetic.derived)
        places.append((1, arithmetic.claim.id))
    estimate_places = tuple(first_of_base[(e.entity, e.scope, e.measure, e.projection)] for e in grading.estimates)
    return Checked(
        tuple(derived),
        tuple(places),
        tuple(grading.estimates),
        estimate_places,
        list(grading.findings.values()),
        graph.problems,
        Provenance.of(graph),
    )


def claim_index(claims: Sequence[Claim]) -> dict[str, int]:
    """Each claim's place in claim order, by id (what `gathered` orders by)."""
    return {c.id: i for i, c in enumerate(claims)}


def gathered(
    loaded: LoadResult,
    checked: Iterable[Checked],
    reliability: Mapping[str, SourceRecord],
    index: Mapping[str, int] | None = None,
) -> Report:
    """The partitions' results as one Report, in the local engine's order: claims in file order,
    derived values in group order, estimates by their quantity's first claim, findings sorted.
    `index`: `claim_index(loaded.claims)`, when the caller made it while it waited."""
    if index is None:
        index = claim_index(loaded.claims)
    parts = list(checked)
    # Each item's place as one integer, ordered as (section, its claim's index, its rank in its
    # partition) would be: integers compare faster than tuples, and a stable sort keeps the
    # partitions' order between equals, as it would.
    claims = len(index)
    span = 1 + max((len(part.derived) for part in parts), default=0)
    estimate_span = 1 + max((len(part.estimates) for part in parts), default=0)
    derived: list[Derived] = []
    derived_keys: list[int] = []
    estimates: list[Estimate] = []
    estimate_keys: list[int] = []
    graded: list[Finding] = []
    problems: list[InputError] = []
    checks: list[tuple[str, str]] = []
    compared: list[tuple[str, tuple[str, ...]]] = []
    for part in parts:
        problems.extend(part.problems)
        graded.extend(part.findings)
        derived.extend(part.derived)
        derived_keys.extend(
            [(section * claims + index[claim]) * span + n for n, (section, claim) in enumerate(part.places)]
        )
        estimates.extend(part.estimates)
        estimate_keys.extend([index[claim] * estimate_span + n for n, claim in enumerate(part.estimate_places)])
        checks.extend(part.provenance.checks)
        compared.extend(part.provenance.compared)
    if len(derived) != len(derived_keys) or len(estimates) != len(estimate_keys):
        raise ValueError("a partition's results and their places differ in number")
    in_order = tuple(derived[i] for i in sorted(range(len(derived)), key=derived_keys.__getitem__))
    place = {d.id: n for n, d in enumerate(in_order)}
    provenance = Provenance(
        tuple(index),
        in_order,
        tuple(sorted(checks, key=lambda check: index[check[1]])),
        tuple(sorted(compared, key=lambda pair: place[pair[0]])),
    )
    return finish(
        loaded,
        in_order,
        graded,
        problems,
        provenance,
        estimates=[estimates[i] for i in sorted(range(len(estimates)), key=estimate_keys.__getitem__)],
        reliability=reliability,
    )
