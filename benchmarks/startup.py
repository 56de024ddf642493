"""Where the start-up time of `reconcile check` on the shipped claims goes, layer by layer.

    python benchmarks/startup.py               # each row: median of 9 fresh processes
    python benchmarks/startup.py --repeat 21

Each row is a fresh `python` process doing a little more than the row above (CPU = user + system
seconds of that process, from `os.wait4`; wall = its elapsed time), so the differences say what
each layer costs: the interpreter, typer, typer's parameter coercion (it imports pydantic), pint
with the units a check parses at start-up, and the whole check. The row with pint's whole
definitions file is what the registry cost before it was split (units/definitions.py).
Figures and what they mean: benchmarks/STARTUP.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shapes import ROOT, run

LAYERS = [
    ("the interpreter (python -c pass)", "pass"),
    ("+ typer (import reconcile.cli)", "import reconcile.cli"),
    ("+ typer's coercion of arguments (pydantic)", "import reconcile.cli, typer._adapters"),
    (
        "+ pint and its core units",
        "import reconcile.cli, typer._adapters; from reconcile.units.registry import _registry; _registry()",
    ),
    (
        "  (pint's whole file instead)",
        "import reconcile.cli, typer._adapters; from reconcile.imports import pint_module; pint_module().UnitRegistry()",
    ),
    (
        "+ reconcile's modules and count nouns",
        "import reconcile.cli, typer._adapters, reconcile.pipeline, reconcile.present.render;"
        " from reconcile.units import get_units; get_units(None)",
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9, help="processes per row; the median is reported")
    args = parser.parse_args()
    rows = [(name, [sys.executable, "-c", code]) for name, code in LAYERS]
    rows.append(
        ("reconcile check claims (all of it)", [sys.executable, "-m", "reconcile.cli", "check", str(ROOT / "claims")])
    )
    runs: dict[str, list] = {name: [] for name, _ in rows}
    for _ in range(args.repeat):  # interleaved: a burst of load on the machine hits every row alike
        for name, argv in rows:
            runs[name].append(run(argv, timeout=60))
    print("| layer | CPU s (median) | wall s (median) | peak MiB |")
    print("| --- | ---: | ---: | ---: |")
    for name, _ in rows:
        done = runs[name]
        cpu = statistics.median(r.cpu for r in done)
        wall = statistics.median(r.seconds for r in done)
        print(f"| {name} | {cpu:.3f} | {wall:.3f} | {max(r.peak_mib for r in done):.0f} |")


if __name__ == "__main__":
    main()
