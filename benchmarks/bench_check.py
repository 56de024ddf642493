"""Time `reconcile check` on synthetic claim repos of 1k, 10k and 100k claims, with peak memory.

    python benchmarks/bench_check.py                 # 1k, 10k, 100k
    python benchmarks/bench_check.py --sizes 1000 --repeat 3

Each repo has many entities and sources (50 claims a file), counts, populations,
areas, per-1,000 rates, densities, "1 per N" rates, qualifiers and a source's
own arithmetic, some contradictions, and one entity with thousands of claims of
one measure. Every run is a fresh `reconcile check` process (start-up included);
peak memory is the child's maximum resident set size. Also times the shipped
claims/ repo, which should take under a second including start-up.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUALIFIERS = ["", "", "", "about ", "over ", "an estimated ", "roughly "]
CLAIMS_PER_FILE = 50


def _fmt(x: float, decimals: int) -> str:
    return f"{x:,.{decimals}f}"


def entity_claims(
    rng: random.Random, entity: str, n: int, source: int, truth: tuple[float, float, float], wrong: bool
) -> list[dict]:
    """One source's claims about one entity, written from the same truth with its own rounding.

    A source computes its rate from its own rounded figures, as authors do; `wrong` makes
    this source misstate one figure (about a tenth of the entities carry a contradiction).
    """
    people, cameras, area = truth
    people_m = round(people / 1e6, rng.choice([1, 2]))
    cams = round(cameras, -2)
    rate = cams / (people_m * 1e6) * 1000 * (1.3 if wrong else 1.0)
    loose = ["", "", "about ", "roughly ", "an estimated "]
    prefix = f"s{source}-{entity.replace(' ', '-').lower()}"
    claims = [
        {"id": f"{prefix}-cams", "entity": entity, "value": f"{cams:,.0f} cameras"},
        {"id": f"{prefix}-pop", "entity": entity, "value": f"{people_m} million people"},
        {
            "id": f"{prefix}-rate",
            "entity": entity,
            "value": f"{rate:.1f} cameras per 1,000 people",
            "computed_from": [f"{prefix}-cams", f"{prefix}-pop"],
        },
        {"id": f"{prefix}-area", "entity": entity, "value": f"{area:,.1f} square miles"},
        {
            "id": f"{prefix}-density",
            "entity": entity,
            "value": f"{rng.choice(loose)}{cameras / area:,.0f} cameras per square mile",
        },
        {
            "id": f"{prefix}-one-per",
            "entity": entity,
            "value": f"{rng.choice(loose)}one camera for every {people / cameras:.0f} people",
        },
    ]
    return claims[:n]


def generate(folder: Path, total: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    big = max(1000, total // 20)  # one entity with thousands of claims of one measure
    blocks: list[list[dict]] = []  # a source's claims about one entity stay in one file
    for i in range(big):
        population = 8.8e6 * rng.uniform(0.98, 1.02) * (1.5 if i % 97 == 0 else 1.0)
        blocks.append(
            [
                {
                    "id": f"big-{i}",
                    "entity": "Metropolis",
                    "value": f"{rng.choice(QUALIFIERS[:4])}{population / 1e6:.2f} million people",
                }
            ]
        )
    count, entity = big, 0
    while count < total:
        entity += 1
        people = rng.uniform(2e5, 5e7)
        truth = (people, people * rng.uniform(0.001, 0.3), rng.uniform(50, 5000))
        wrong = rng.random() < 0.1
        blocks.append(entity_claims(rng, f"Place {entity}", min(6, total - count), 1, truth, wrong))
        count += len(blocks[-1])
        if rng.random() < 0.3 and count < total:  # a second source on the same entity
            blocks.append(entity_claims(rng, f"Place {entity}", min(3, total - count), 2, truth, False))
            count += len(blocks[-1])
    files: list[list[dict]] = [[]]
    for block in blocks:
        if len(files[-1]) >= CLAIMS_PER_FILE:
            files.append([])
        files[-1].extend(block)
    for index, chunk in enumerate(files):
        lines = [f"source:\n  id: bench-{index}\n  title: Synthetic source {index}\nclaims:\n"]
        for r in chunk:
            lines.append(f'  - id: {r["id"]}\n    entity: {r["entity"]}\n    value: "{r["value"]}"\n')
            if "computed_from" in r:
                lines.append(f"    computed_from: [{', '.join(r['computed_from'])}]\n")
        (folder / f"source-{index:06d}.yaml").write_text("".join(lines), encoding="utf-8")


def run_check(folder: Path) -> tuple[float, float, int]:
    """Seconds, peak MiB, exit code of one fresh `reconcile check` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "reconcile.cli", "check", str(folder), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed ({proc.returncode}): {proc.stderr[-2000:]}")
    # ru_maxrss of children is the max over all children so far: only grows, so report it with that caveat
    return seconds, max(peak, before) / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the best is reported")
    args = parser.parse_args()

    print(f"{'repo':>16} {'claims':>8} {'files':>6} {'best s':>8} {'peak MiB':>9} {'s per 1k':>9}")
    shipped = ROOT / "claims"
    if shipped.is_dir():
        best = min(run_check(shipped)[0] for _ in range(max(3, args.repeat)))
        print(f"{'shipped claims/':>16} {'':>8} {'':>6} {best:8.3f} {'':>9} {'':>9}")
    previous = prev_size = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"repo-{size}"
            generate(folder, size)
            files = len(list(folder.glob("*.yaml")))
            runs = [run_check(folder) for _ in range(args.repeat)]
            seconds = min(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            growth = f"  ×{seconds / previous:.1f} time for ×{size / prev_size:.0f} claims" if previous else ""
            print(
                f"{'synthetic':>16} {size:>8,} {files:>6} {seconds:8.2f} {peak:9.0f} {seconds / size * 1000:9.3f}{growth}"
            )
            previous, prev_size = seconds, size


if __name__ == "__main__":
    main()
