"""Time the value reader alone: every distinct value string of a synthetic claims repo, read once.

    python benchmarks/bench_values.py                 # the 10k-claim repo of bench_check.py
    python benchmarks/bench_values.py --claims 100000 --repeat 5

`reconcile check` reads each distinct value string once (a cache), so this is the reader's
whole cost in a check: CPU time for all distinct strings, best of --repeat runs, caches
cleared between runs, pint's registry built beforehand. Also reads the money, measure-word
and percentage forms of the README's value section, to show they cost the same.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import reconcile.values as values
from bench_check import generate
from reconcile.errors import InputError
from reconcile.units import get_units

FORMS = [
    "$25.4 trillion GDP",
    "US$ 76,000 GDP per capita",
    "1.92 trn dollars",
    "€1.2bn",
    "42,514 road deaths",
    "25 percent of EU GDP",
    "grew 3.4 percent",
    "a 9 percent rise",
    "an unemployment rate of 5.2 percent",
    "fell 0.4 percentage points",
    "2.5×10^6 people",
    "627 707 cameras",
    "4,65,255 people",
    "1234567.1234567891 people",
]


def distinct_values(claims: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), claims)
        found = set()
        for path in Path(tmp).rglob("*.yaml"):
            for m in re.finditer(r"^\s*value: (.+)$", path.read_text("utf-8"), re.M):
                found.add(m.group(1).strip().strip("'\""))
    return sorted(found)


def best_time(texts: list[str], repeat: int) -> float:
    units = get_units()
    best = float("inf")
    for _ in range(repeat):
        values.clear_caches()
        start = time.process_time()
        for text in texts:
            with contextlib.suppress(InputError):  # refusals cost time too, and are part of a check
                values.parse_value(text, units=units)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = distinct_values(args.claims)
    values.parse_value("5 cameras")  # pint and the patterns, once
    seconds = best_time(texts, args.repeat)
    print(
        f"{len(texts):,} distinct values of a {args.claims:,}-claim repo: {seconds * 1000:.1f} ms CPU, "
        f"{seconds / len(texts) * 1e6:.1f} µs each"
    )
    forms = best_time(FORMS, 200 * args.repeat) / len(FORMS)
    print(f"README value forms (money, measure words, roles, number forms): {forms * 1e6:.1f} µs each")


if __name__ == "__main__":
    main()
