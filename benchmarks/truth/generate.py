"""Claim repos with a known truth: town populations over five years, as many sources state them.

    python benchmarks/truth/generate.py OUT [--towns 2000] [--sources 400] [--vandalism 0.05] [--seed 1]

Writes OUT/claims/<source>.csv (one CSV table per source: id, entity, value, period) and
OUT/truth.csv (entity, period, population). What makes it hard, each a knob below:

- sources of different reliability: careful (95–99 % right), average (80–95 %), sloppy
  (50–80 %); a few prolific, most with a handful of claims (a long tail, like wiki editors);
- rounding as people write it: "74,123", "74,100", "74.1 thousand", "about 74,000",
  "over 70,000", "nearly 75,000", "more than 74,000";
- errors of a wrong source: a stale year (last year's figure, or two years old, under this
  year's label), a misremembered figure (3–15 % off);
- copying: some sources copy another source's figure, errors included;
- vandalism, at the given rate over all claims: digits appended ("74,123" → "7,412,356"),
  a wrong scale (×1000, ÷1000).

Everything is drawn from one seeded generator: the same arguments give the same repo.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import string
from dataclasses import dataclass
from pathlib import Path

YEARS = (2018, 2019, 2020, 2021, 2022)


@dataclass(frozen=True)
class Source:
    id: str
    accuracy: float  # chance a claim it writes itself is right
    style: tuple[float, ...]  # weights of the rounding styles in STYLES
    copier: float  # chance a claim is copied from another source (when one exists)
    claims: int


def _name(rng: random.Random, taken: set[str]) -> str:
    """A made-up town name no other name is one edit away from (so nothing is taken for a typo)."""
    while True:
        name = rng.choice(string.ascii_uppercase) + "".join(rng.choice("aeiou" + "bcdfghklmnprstvz") for _ in range(7))
        if name not in taken and not any(_one_edit(name, other) for other in taken if abs(len(other) - 8) <= 1):
            taken.add(name)
            return name + rng.choice(["ville", "ton", "burg", "ford", " Springs"])


def _one_edit(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def _round(x: float, figures: int) -> float:
    if x <= 0:
        return x
    digits = figures - 1 - math.floor(math.log10(x))
    return round(x, digits)


def _grouped(x: float) -> str:
    return f"{x:,.0f}" if x >= 1 else f"{x:g}"


def _write(value: float, style: int, rng: random.Random) -> str:
    """The figure as a source writes it (STYLES order)."""
    if style == 0:  # exact
        return f"{value:,.0f} people"
    if style == 1:  # three significant figures
        return f"{_grouped(_round(value, 3))} people"
    if style == 2:  # "74.1 thousand"
        return f"{_round(value / 1000, 3):g} thousand people"
    if style == 3:  # about, two figures
        return f"about {_grouped(_round(value, 2))} people"
    if style == 4:  # over / more than: the figure cut down to two figures
        unit = 10 ** (math.floor(math.log10(value)) - 1)
        return f"{rng.choice(['over', 'more than'])} {_grouped(math.floor(value / unit) * unit)} people"
    unit = 10 ** (math.floor(math.log10(value)) - 1)  # nearly: the next round figure up
    return f"nearly {_grouped(math.floor(value / unit + 1) * unit)} people"


STYLES = ("exact", "3 figures", "thousand", "about", "over", "nearly")


def _vandalise(value: float, rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:  # digits appended
        digits = "".join(rng.choice(string.digits) for _ in range(rng.randint(1, 6)))
        return f"{int(value)}{digits} people"
    if kind < 0.8:
        return f"{value * 1000:,.0f} people"
    return f"{value / 1000:.3f} people"


def _wrong(truth: dict[int, float], year: int, rng: random.Random) -> float:
    if rng.random() < 0.6 and year - 1 in truth:  # stale: an earlier year's figure under this year
        return truth[max(YEARS[0], year - rng.choice([1, 1, 2]))]
    return truth[year] * (1 + rng.choice([-1, 1]) * rng.uniform(0.03, 0.15))


def make_sources(rng: random.Random, n: int, claims: int, one_sided: bool = True) -> list[Source]:
    sources = []
    sizes = [rng.paretovariate(1.2) for _ in range(n)]
    total = sum(sizes)
    for i, size in enumerate(sizes):
        tier = rng.random()
        if tier < 0.25:
            accuracy = rng.uniform(0.95, 0.99)
        elif tier < 0.75:
            accuracy = rng.uniform(0.80, 0.95)
        else:
            accuracy = rng.uniform(0.50, 0.80)
        style = tuple(rng.random() ** 2 if one_sided or name not in ("over", "nearly") else 0.0 for name in STYLES)
        copier = rng.uniform(0.2, 0.6) if rng.random() < 0.15 else 0.0
        sources.append(Source(f"src-{i:04d}", accuracy, style, copier, max(1, round(claims * size / total))))
    return sources


def generate(
    out: Path, towns: int, n_sources: int, claims: int, vandalism: float, seed: int, one_sided: bool = True
) -> dict:
    """Write the repo and its truth; `one_sided=False` leaves out "over X" and "nearly X"."""
    rng = random.Random(seed)
    taken: set[str] = set()
    truth: dict[str, dict[int, float]] = {}
    for _ in range(towns):
        name = _name(rng, taken)
        base = 10 ** rng.uniform(3.5, 6.5)
        growth = rng.uniform(-0.01, 0.04)
        truth[name] = {y: round(base * (1 + growth) ** (y - YEARS[0])) for y in YEARS}
    names = list(truth)
    # each town is popular or obscure: claims pile up on some city-years, most get one or two
    popularity = [rng.paretovariate(1.5) for _ in names]
    sources = make_sources(rng, n_sources, claims, one_sided)
    written: dict[tuple[str, int], list[str]] = {}
    rows: dict[str, list[tuple[str, str, str, int]]] = {s.id: [] for s in sources}
    counts = {"claims": 0, "vandalised": 0, "wrong": 0, "copied": 0}
    order = sorted(sources, key=lambda s: s.copier)  # copiers last, so there is something to copy
    for source in order:
        picks = rng.choices(range(len(names)), weights=popularity, k=source.claims)
        seen: set[tuple[str, int]] = set()
        for k, index in enumerate(picks):
            town, year = names[index], rng.choice(YEARS)
            if (town, year) in seen:
                continue
            seen.add((town, year))
            earlier = written.get((town, year), [])
            if source.copier and earlier and rng.random() < source.copier:
                text = rng.choice(earlier)
                counts["copied"] += 1
            elif rng.random() < vandalism:
                text = _vandalise(truth[town][year], rng)
                counts["vandalised"] += 1
            else:
                right = rng.random() < source.accuracy
                value = truth[town][year] if right else _wrong(truth[town], year, rng)
                counts["wrong"] += not right
                style = rng.choices(range(len(STYLES)), weights=source.style)[0]
                text = _write(value, style, rng)
            written.setdefault((town, year), []).append(text)
            rows[source.id].append((f"c{k}", town, text, year))
            counts["claims"] += 1
    claims_dir = out / "claims"
    claims_dir.mkdir(parents=True, exist_ok=True)
    for source_id, source_rows in rows.items():
        if not source_rows:
            continue
        with (claims_dir / f"{source_id}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "entity", "value", "period"])
            writer.writerows(source_rows)
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["entity", "period", "population"])
        for town in names:
            for year in YEARS:
                if (town, year) in written:
                    writer.writerow([town, year, truth[town][year]])
    counts["objects"] = len(written)
    counts["files"] = sum(1 for r in rows.values() if r)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--towns", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=400)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--vandalism", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-one-sided", action="store_true", help='no "over X" or "nearly X" figures')
    args = parser.parse_args()
    counts = generate(args.out, args.towns, args.sources, args.claims, args.vandalism, args.seed, not args.no_one_sided)
    print(", ".join(f"{k} {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
