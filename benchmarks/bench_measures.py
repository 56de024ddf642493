"""One entity with many measures: the shape that made derivation try every pair (issue 13).

    python benchmarks/bench_measures.py                   # 250, 500, 1000, 2000 counted nouns
    python benchmarks/bench_measures.py --sizes 2000

One entity ("Atlantis") has N counted nouns declared under [nouns] (widget0, widget1, …),
one claim of each, its population, and one rate claim (widget0 per 1,000 people) plus
one named rate (GDP per person) with its GDP: derivation must find the rate's numerator
and denominator by looking them up, not by trying N² pairs through pint. Every run is a
fresh `reconcile check` process; peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_check import run_check  # one fresh `reconcile check` process: seconds, peak MiB, exit code


def generate(folder: Path, nouns: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    declared = "\n".join(f'widget{i} = ["widget{i}s"]' for i in range(nouns))
    (folder / "reconcile.toml").write_text(f"[nouns]\n{declared}\n", encoding="utf-8")
    claims = [f"  - id: n{i}\n    entity: Atlantis\n    value: {1000 + i} widget{i}s\n" for i in range(nouns)]
    claims.append("  - id: pop\n    entity: Atlantis\n    value: 2.5 million people\n")
    claims.append("  - id: rate\n    entity: Atlantis\n    value: 0.4 widget0s per 1,000 people\n")
    claims.append("  - id: gdp\n    entity: Atlantis\n    value: 50 billion dollars\n    measure: GDP\n")
    claims.append(
        "  - id: gdp-pc\n    entity: Atlantis\n    value: 20,000 dollars per person\n    measure: GDP per capita\n"
    )
    text = "source:\n  id: atlas\nclaims:\n" + "".join(claims)
    (folder / "atlas.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    args = parser.parse_args()
    print(f"{'nouns':>6} {'seconds':>8} {'peak MiB':>9} {'exit':>5}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "repo"
            generate(folder, n)
            seconds, peak, code = run_check(folder)
        print(f"{n:>6} {seconds:>8.2f} {peak:>9.0f} {code:>5}")


if __name__ == "__main__":
    main()
