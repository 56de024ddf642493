"""Score best estimates against a known truth: reconcile vs median, majority vote and CRH.

    python benchmarks/truth/score.py                     # generate and score at 0, 5, 10, 20 % vandalism
    python benchmarks/truth/score.py --vandalism 0.1 --seeds 1 2 3
    python benchmarks/truth/score.py --repo OUT          # score one repo written by generate.py

For every city-year with a claim, each method gives one figure; a figure more than 1 % off the
truth is an error. The baselines read the same claims as reconcile (its parsed numbers as
written: "about 74,000" is 74,000, "over 70,000" is 70,000) and are implemented here:

- median: the median of the city-year's figures;
- majority: the most frequent figure (ties: the median of the tied figures);
- CRH (Li et al., SIGMOD 2014): a source-weighted median, iterated — each source's weight is
  −log of its share of the total normalised absolute loss, recomputed from the current truths.

reconcile's figure is its best estimate (`report.estimates`): the reliability-weighted median
inside the heaviest consistent set of intervals. Also printed: mean absolute relative error
(MARE, each error capped at 100 %) per method, and how long `reconcile.check` took.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (the sibling script)

import reconcile  # noqa: E402

Object = tuple[str, str]  # entity, period


def read_truth(repo: Path) -> dict[Object, float]:
    with (repo / "truth.csv").open(encoding="utf-8") as handle:
        return {(r["entity"], r["period"]): float(r["population"]) for r in csv.DictReader(handle)}


def observations(report: reconcile.Report) -> dict[Object, list[tuple[str, float]]]:
    """(source, figure as written) for every claim, by city-year."""
    out: dict[Object, list[tuple[str, float]]] = defaultdict(list)
    for claim in report.claims:
        if claim.period is not None:
            out[(claim.entity, claim.period.label)].append((claim.source.id, claim.point))
    return out


def median(obs: list[tuple[str, float]]) -> float:
    return statistics.median(v for _, v in obs)


def majority(obs: list[tuple[str, float]]) -> float:
    counts = Counter(v for _, v in obs)
    top = max(counts.values())
    return statistics.median(v for v, n in counts.items() if n == top)


def _weighted_median(values: list[tuple[float, float]]) -> float:
    values = sorted(values)
    total = sum(w for _, w in values)
    running = 0.0
    for value, weight in values:
        running += weight
        if running >= total / 2:
            return value
    return values[-1][0]


def crh(objects: dict[Object, list[tuple[str, float]]], iterations: int = 10) -> dict[Object, float]:
    """CRH for continuous data: weighted median truths, weights from normalised absolute loss."""
    weights: dict[str, float] = defaultdict(lambda: 1.0)
    truths = {o: median(obs) for o, obs in objects.items()}
    for _ in range(iterations):
        loss: dict[str, float] = defaultdict(float)
        for o, obs in objects.items():
            spread = statistics.pstdev([v for _, v in obs]) if len(obs) > 1 else 0.0
            scale = spread or abs(truths[o]) or 1.0
            for source, value in obs:
                loss[source] += abs(value - truths[o]) / scale
        total = sum(loss.values()) or 1.0
        weights = defaultdict(lambda: 1.0, {s: -math.log(max(v, 1e-12) / total) for s, v in loss.items()})
        truths = {o: _weighted_median([(v, weights[s]) for s, v in obs]) for o, obs in objects.items()}
    return truths


def reconcile_estimates(report: reconcile.Report) -> dict[Object, float]:
    return {
        (e.entity, e.period): e.value
        for e in report.estimates
        if e.period is not None and not e.projection and str(e.measure) == "person"
    }


def score(estimates: dict[Object, float], truth: dict[Object, float]) -> tuple[float, float]:
    """(error rate: share more than 1 % off, mean absolute relative error with each error capped
    at 100 %, so that one vandalised city-year with a single claim does not decide the mean)."""
    errors = [abs(estimates[o] - t) / t if o in estimates else math.inf for o, t in truth.items()]
    rate = sum(e > 0.01 for e in errors) / len(errors)
    capped = [min(e, 1.0) for e in errors]
    return rate, sum(capped) / len(capped)


def score_repo(repo: Path, *, contested: bool = False) -> tuple[dict[str, tuple[float, float]], float, int]:
    """Each method's (error rate, MARE) on the repo; `contested`: only city-years with two claims or more."""
    truth = read_truth(repo)
    start = time.perf_counter()
    report = reconcile.check(repo / "claims")
    seconds = time.perf_counter() - start
    if report.input_errors:
        raise SystemExit(f"{len(report.input_errors)} input errors, e.g. {report.input_errors[0].message}")
    objects = observations(report)
    if contested:
        truth = {o: t for o, t in truth.items() if len(objects.get(o, ())) > 1}
    methods = {
        "reconcile": reconcile_estimates(report),
        "median": {o: median(obs) for o, obs in objects.items()},
        "majority": {o: majority(obs) for o, obs in objects.items()},
        "CRH": crh(objects),
    }
    return {name: score(est, truth) for name, est in methods.items()}, seconds, len(report.claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, help="score this generated repo instead of generating")
    parser.add_argument("--vandalism", type=float, nargs="*", default=[0.0, 0.05, 0.1, 0.2])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1])
    parser.add_argument("--towns", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=400)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--contested", action="store_true", help="score only city-years with two claims or more")
    parser.add_argument("--no-one-sided", action="store_true", help='generate no "over X" or "nearly X" figures')
    args = parser.parse_args()
    names = ["reconcile", "median", "majority", "CRH"]
    print("| vandalism | seed | claims | " + " | ".join(f"{n} err % (MARE %)" for n in names) + " | check s |")
    print("|---|---|---|" + "---|" * len(names) + "---|")
    runs = [(None, None, args.repo)] if args.repo else [(v, s, None) for v in args.vandalism for s in args.seeds]
    with tempfile.TemporaryDirectory() as tmp:
        for vandalism, seed, repo in runs:
            if repo is None:
                repo = Path(tmp) / f"v{vandalism}-s{seed}"
                assert vandalism is not None and seed is not None
                generate.generate(repo, args.towns, args.sources, args.claims, vandalism, seed, not args.no_one_sided)
            scores, seconds, n = score_repo(repo, contested=args.contested)
            cells = " | ".join(f"{100 * scores[m][0]:.1f} ({100 * scores[m][1]:.2f})" for m in names)
            print(
                f"| {vandalism if vandalism is not None else '-'} | {seed or '-'} | {n:,} | {cells} | {seconds:.1f} |"
            )


if __name__ == "__main__":
    main()
