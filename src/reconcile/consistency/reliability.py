"""Whom to trust: each source's track record, learnt from the repo itself (truth discovery).

A source's reliability is the chance that one of its claims lies inside the consensus of
a contested group (two sources or more, decided). It starts from a prior — the same for
every article and dataset, stronger for references (a census starts trusted) — and is
updated by the evidence as a Beta posterior, so a source with two claims is not known to
be reliable: its mean stays near the prior and its credible interval stays wide.

Consensus and reliability depend on each other, so they are iterated a small fixed number
of times (CRH / TruthFinder style): weigh → find each group's consensus → count every
source's claims inside and outside it → weigh again. A few passes over the groups, never a
pass per source. A source's vote is log(n · r / (1 − r)) for reliability r, with n wrong figures
it could have written instead (Dong et al. 2009): the weighted vote of independent sources, each
right with its own probability, where agreement counts first and reliability decides among
equals (floored, so that a source with a bad record still breaks a tie among worse ones).

    learn(groups) ──▶ {source id: SourceRecord} ──reweigh(groups)──▶ groups with weighted consensus
"""

from __future__ import annotations

import functools
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..model import Claim, Source, SourceKind, SourceRecord
from .consensus import Consensus, find_consensus
from .groups import Group, GroupKey

__all__ = [
    "MARGIN",
    "PASSES",
    "Judge",
    "beta_interval",
    "claim_weights",
    "learn",
    "learn_counted",
    "learn_from",
    "posterior",
    "reweigh",
    "weight_of",
]

ARTICLE_PRIOR = (4, 2)  # mean 2/3, worth six claims: two claims barely move it
REFERENCE_PRIOR = (19, 1)  # mean 0.95, worth twenty claims: starts trusted, can still lose it
PASSES = 3  # weigh ↔ consensus iterations; the records settle within two or three
MARGIN = math.log(1.8)  # what a side must lead by (in votes) for the weights to decide between sources
_FLOOR, _CEILING = 0.05, 9.0  # bounds on a source's vote
# A wrong figure could be any of many: two independent sources that agree are rarely both wrong.
# The vote of a source right with probability r is log(FALSE_VALUES · r / (1 − r)) (Dong et al.,
# "Integrating conflicting data", VLDB 2009), so agreement counts before reliability does.
FALSE_VALUES = 10
_LEVEL = 0.9  # credible interval


def prior_of(kind: SourceKind) -> tuple[int, int]:
    return REFERENCE_PRIOR if kind is SourceKind.REFERENCE else ARTICLE_PRIOR


def weight_of(reliability: float) -> float:
    """A source's vote: the log-odds that its claim is right against any one wrong figure, floored and capped."""
    reliability = min(max(reliability, 1e-9), 1 - 1e-9)
    return min(max(math.log(FALSE_VALUES * reliability / (1 - reliability)), _FLOOR), _CEILING)


def posterior(source: Source, claims: int, inside: int, outside: int, *, interval: bool = True) -> SourceRecord:
    """The record and what it earns; `interval=False` skips the credible interval (between passes)."""
    a0, b0 = prior_of(source.kind)
    a, b = a0 + inside, b0 + outside
    mean = a / (a + b)
    low, high = beta_interval(a, b) if interval else (math.nan, math.nan)
    return SourceRecord(source.id, source.kind, claims, inside, outside, mean, low, high, weight_of(mean))


@functools.lru_cache(maxsize=4096)
def beta_interval(a: int, b: int, level: float = _LEVEL) -> tuple[float, float]:
    """The central credible interval of Beta(a, b) for whole a, b ≥ 1 (sources share counts: cached).

    For whole parameters the Beta CDF is a binomial tail, I_x(a, b) = P(Bin(a+b−1, x) ≥ a),
    so the quantiles are found by bisection on a sum of log-space binomial terms."""
    tail = (1 - level) / 2
    if min(a, b) > 400:  # a Beta this concentrated is normal to four decimals
        mean, sd = a / (a + b), math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        z = statistics.NormalDist().inv_cdf(1 - tail)
        return max(0.0, mean - z * sd), min(1.0, mean + z * sd)
    return _quantile(a, b, tail), _quantile(a, b, 1 - tail)


def _beta_cdf(x: float, a: int, b: int) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if b > a:  # sum the shorter tail (a terms, not b): I_x(a, b) = 1 − I_(1−x)(b, a)
        return max(0.0, 1.0 - _beta_cdf(1 - x, b, a))
    n = a + b - 1
    # log C(n, j) x^j (1−x)^(n−j) for j = a … n, each from the one before
    log_term = (
        math.lgamma(n + 1) - math.lgamma(a + 1) - math.lgamma(n - a + 1) + a * math.log(x) + (n - a) * math.log1p(-x)
    )
    log_ratio = math.log(x) - math.log1p(-x)
    total = 0.0
    for j in range(a, n + 1):
        total += math.exp(log_term)
        if j < n:
            log_term += math.log((n - j) / (j + 1)) + log_ratio
    return min(1.0, total)


def _quantile(a: int, b: int, q: float) -> float:
    low, high = 0.0, 1.0
    for _ in range(40):
        mid = (low + high) / 2
        if _beta_cdf(mid, a, b) < q:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def claim_weights(claims: Sequence[Claim], weights: Mapping[str, float]) -> tuple[list[float], list[float]]:
    """Each claim's weight and plain vote: one voice per source, shared by its claims in the group."""
    if len(claims) == 2:  # most contested groups: two sources, a whole vote each, without a Counter
        a, b = claims[0].source.id, claims[1].source.id
        vote = 0.5 if a == b else 1.0
        return [weights.get(a, 1.0) * vote, weights.get(b, 1.0) * vote], [vote, vote]
    per_source = Counter(c.source.id for c in claims)
    votes = [1.0 / per_source[c.source.id] for c in claims]
    return [weights.get(c.source.id, 1.0) * v for c, v in zip(claims, votes, strict=True)], votes


def _contested(group: Group) -> bool:
    claims = group.claims
    first = claims[0].source.id
    return len(claims) > 1 and any(c.source.id != first for c in claims)


def _consensus(group: Group, weights: Mapping[str, float]) -> Consensus:
    claims = group.claims
    w, votes = claim_weights(claims, weights)
    if len(claims) == 2:  # most contested groups: no comprehensions
        a, b = claims[0].value, claims[1].value
        return find_consensus([a.interval, b.interval], [a.point, b.point], w, MARGIN, votes)
    return find_consensus([c.interval for c in claims], [c.point for c in claims], w, MARGIN, votes)


def learn(groups: Iterable[Group], claims: Iterable[Claim], passes: int = PASSES) -> dict[str, SourceRecord]:
    """Every source's record after a few weigh ↔ consensus passes over the contested groups.

    A claim with no period may join a dated group of its quantity (groups.py) besides: it is
    judged once, outside if it is outside any decided consensus it meets."""
    return learn_from(Judge(groups).counts, claims, passes)


class Judge:
    """The contested groups of some entities, judged pass after pass under the weights of the
    day. Counts from judges of disjoint entities add up: the Dask engine has one per partition."""

    def __init__(self, groups: Iterable[Group]):
        contested = [g for g in groups if len(g.claims) > 1 and _contested(g)]  # half are of one claim
        # where every claim agrees (the unweighted consensus holds them all) weights change nothing
        agreeing = [g for g in contested if not g.consensus.rivals and len(g.consensus.members) == len(g.claims)]
        self.contested = [g for g in contested if g.consensus.rivals or len(g.consensus.members) < len(g.claims)]
        self.agreed = {c.id: (c.source.id, True) for g in agreeing for c in g.claims}
        # each group's claims by source, with their places: a pass looks at a source's own claims,
        # not at all of the group's per source (at 1M claims one group of 50,000 claims from 1,000
        # sources made that 5 s a check, most of the graph stage's growth beyond 10× 100k's)
        self.places = [_places_by_source(g.claims) for g in self.contested]

    def counts(self, weights: Mapping[str, float], priors: Mapping[str, float]) -> dict[str, list[int]]:
        """Each source's claims [inside, outside] a decided consensus under `weights`."""
        status: dict[str, tuple[str, bool]] = dict(self.agreed)  # claim id → (source id, inside)
        for group, places in zip(self.contested, self.places, strict=True):
            for source, members in _judged(group, weights, priors):
                for i, claim in places[source]:
                    if claim.id not in status or i not in members:
                        # judged once: outside wherever it is outside a decided consensus
                        status[claim.id] = (source, i in members)
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for sid, inside in status.values():
            counts[sid][0 if inside else 1] += 1
        return dict(counts)


def _places_by_source(claims: Sequence[Claim]) -> dict[str, list[tuple[int, Claim]]]:
    places: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
    for i, claim in enumerate(claims):
        places[claim.source.id].append((i, claim))
    return places


def learn_from(
    count: Callable[[Mapping[str, float], Mapping[str, float]], Mapping[str, list[int]]],
    claims: Iterable[Claim],
    passes: int = PASSES,
) -> dict[str, SourceRecord]:
    """`learn`, with each pass's counts from `count(weights, priors)`: a Judge's, or the sum of
    many judges' (a reduction over sources on a cluster)."""
    sources: dict[str, Source] = {}
    made: Counter[str] = Counter()
    for claim in claims:
        sources.setdefault(claim.source.id, claim.source)
        made[claim.source.id] += 1
    return learn_counted(count, sources, made, passes)


def learn_counted(
    count: Callable[[Mapping[str, float], Mapping[str, float]], Mapping[str, list[int]]],
    sources: Mapping[str, Source],
    made: Mapping[str, int],
    passes: int = PASSES,
) -> dict[str, SourceRecord]:
    """`learn_from`, given the sources in the order of their first claim and how many claims each
    made (the Dask engine counts them where the claims are)."""
    records = {sid: posterior(src, made[sid], 0, 0, interval=False) for sid, src in sources.items()}
    priors = {sid: r.weight for sid, r in records.items()}
    for _ in range(passes):
        weights = {sid: r.weight for sid, r in records.items()}
        counts = count(weights, priors)
        updated = {
            sid: posterior(src, made[sid], *counts[sid], interval=False) if sid in counts else records[sid]
            for sid, src in sources.items()
        }
        settled = all(updated[sid].weight == records[sid].weight for sid in sources)
        records = updated
        if settled:
            break
    return {sid: posterior(sources[sid], r.claims, r.inside, r.outside) for sid, r in records.items()}


def _judged(group: Group, weights: Mapping[str, float], priors: Mapping[str, float]) -> Iterable[tuple[str, set[int]]]:
    """(source, consensus members) for each source whose claims the group judges.

    Never circular: where the weights decided what a count would not, each source is judged
    with its own weight back at its prior, so no record is built on itself."""
    consensus = _consensus(group, weights)
    sources = dict.fromkeys(c.source.id for c in group.claims)
    if not consensus.by_weight:
        if not consensus.rivals:
            members = set(consensus.members)  # one set for all: 1,000 sources of 50,000 claims at 1M
            yield from ((source, members) for source in sources)
        return
    own = {source: weights[source] for source in sources if source in weights}  # all it reads of them:
    for source in sources:  # not a copy of every source's weight per source (quadratic at 1M claims)
        alone = _consensus(group, {**own, source: priors[source]})
        if not alone.rivals:
            yield source, set(alone.members)


def reweigh(groups: Mapping[GroupKey, Group], records: Mapping[str, SourceRecord]) -> dict[GroupKey, Group]:
    """The groups with each contested consensus recomputed under the sources' weights."""
    weights = {sid: r.weight for sid, r in records.items()}
    return {key: _reweighed(g, weights) if len(g.claims) > 1 and _contested(g) else g for key, g in groups.items()}


def _reweighed(group: Group, weights: Mapping[str, float]) -> Group:
    """The group with its consensus under `weights` (dataclasses.replace, without its generic walk
    over the fields: a big repo has tens of thousands of contested groups)."""
    return Group(group.key, group.claims, _consensus(group, weights), group.period, group.display_unit, group.of)
