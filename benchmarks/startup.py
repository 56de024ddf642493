"""Where the start-up time of `reconcile check` on the shipped claims goes, layer by layer.

    python benchmarks/startup.py                  # each row: median of 9 fresh processes (CPU, wall)
    python benchmarks/startup.py --repeat 21
    python benchmarks/startup.py --instructions   # each row once under valgrind: instructions

Each row is a fresh `python` process doing a little more than the row above (CPU = user + system
seconds of that process, from `os.wait4`; wall = its elapsed time), so the differences say what
each layer costs: the interpreter, typer with the CLI, pint's import, pint's core units, reconcile's
other modules with the count nouns, and the whole check. Rows in brackets are what a layer cost
before this work, for comparison: typer's own coercion of the arguments (it imports pydantic, see
cli_coercion.py), parsing pint's core text instead of adding its pre-parsed definitions, and pint's
whole definitions file (units/definitions.py). Instruction counts (valgrind's "I refs") do not move
with the load of a shared machine; CPU and wall times do.
Figures and what they mean: benchmarks/STARTUP.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shapes import ROOT, run

CLI = "import reconcile.cli"
PINT = CLI + "; from reconcile.imports import pint_module; pint_module()"
CORE = CLI + "; from reconcile.units.registry import _registry; _registry()"
LAYERS = [
    ("the interpreter (python -c pass)", "pass"),
    ("+ typer and the CLI (import reconcile.cli)", CLI),
    ("  [typer's own coercion of the arguments instead: it imports pydantic]", CLI + ", typer._adapters"),
    ("+ pint's import (without numpy and dask)", PINT),
    ("+ pint's core units (pre-parsed)", CORE),
    (
        "  [parsing pint_core.txt instead]",
        CLI
        + "; from reconcile.units import definitions as d; d.preparsed_core = lambda text: None; d.build_registry()",
    ),
    ("  [pint's whole file instead]", PINT + ".UnitRegistry()"),
    (
        "+ reconcile's other modules and the count nouns",
        CORE + "; import reconcile.pipeline, reconcile.present.render.text; from reconcile.units import get_units;"
        " get_units(None)",
    ),
]


def _instructions(argv: list[str]) -> int:
    """valgrind's count of the instructions the process ran (deterministic to a few parts per million)."""
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind failed on {' '.join(argv)}: {done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9, help="processes per row; the median is reported")
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind instead")
    args = parser.parse_args()
    rows = [(name, [sys.executable, "-c", code]) for name, code in LAYERS]
    rows.append(
        ("reconcile check claims (all of it)", [sys.executable, "-m", "reconcile.cli", "check", str(ROOT / "claims")])
    )
    if args.instructions:
        if shutil.which("valgrind") is None:
            raise SystemExit("--instructions needs valgrind")
        print("| layer | instructions | this layer |")
        print("| --- | ---: | ---: |")
        below = 0
        for name, argv in rows:
            count = _instructions(argv)
            extra = "" if name.startswith("  [") else f"{(count - below) / 1e6:,.0f} M"
            print(f"| {name} | {count / 1e6:,.0f} M | {extra} |")
            below = below if name.startswith("  [") else count
        return
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
